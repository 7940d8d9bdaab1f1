-- klaim_ditolak: claims applied from 1 January of Y to D with status DITOLAK, per reason
-- (alasan_tolak; empty = '(tanpa alasan)'), with how many of them had their incident in a month
-- when the registration was not protected because the city had not paid (reg_tanpa_lindung).
WITH tolak AS (
    SELECT coalesce(nullif(trim(c.alasan_tolak), ''), '(tanpa alasan)') AS alasan_tolak,
           t.no_kpj IS NOT NULL AS tunggakan
    FROM klaim_rinci c
    LEFT JOIN kalender k ON c.tgl_kejadian BETWEEN k.bulan AND k.akhir_bulan
    LEFT JOIN reg_tanpa_lindung t ON t.no_kpj = c.no_kpj AND t.bulan = k.bulan
    WHERE c.status = 'DITOLAK' AND c.tgl_pengajuan BETWEEN $awal_tahun AND $tgl_akhir_bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR c.kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR c.segmen = $segmen)
)
SELECT alasan_tolak, count(*) AS jumlah_klaim,
       sum(CASE WHEN tunggakan THEN 1 ELSE 0 END) AS saat_tunggakan
FROM tolak
GROUP BY alasan_tolak
ORDER BY jumlah_klaim DESC, alasan_tolak
