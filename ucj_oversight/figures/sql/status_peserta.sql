-- status_peserta: the BPJS status column against the dates, at D, for registrations started by
-- D: NONAKTIF_TANGGAL_AKTIF (BPJS reports NONAKTIF, the dates say active), MENINGGAL_TANGGAL_AKTIF
-- (reported deceased, the dates say active) and AKTIF_TANGGAL_BERAKHIR (reported AKTIF, tgl_akhir
-- before D), each with how many were unprotected in M because the city had not paid
-- (reg_tanpa_lindung: a lapse explains a NONAKTIF). Registrations, not people.
WITH r AS (
    SELECT CASE WHEN status IN ('NONAKTIF', 'MENINGGAL') AND (tgl_akhir IS NULL OR tgl_akhir >= $tgl_akhir_bulan)
                    THEN status || '_TANGGAL_AKTIF'
                WHEN status = 'AKTIF' AND tgl_akhir < $tgl_akhir_bulan THEN 'AKTIF_TANGGAL_BERAKHIR' END AS selisih,
           no_kpj
    FROM reg
    WHERE tgl_mulai <= $tgl_akhir_bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
), jenis AS (
    SELECT 1 AS urut, 'NONAKTIF_TANGGAL_AKTIF' AS selisih
    UNION ALL SELECT 2, 'MENINGGAL_TANGGAL_AKTIF'
    UNION ALL SELECT 3, 'AKTIF_TANGGAL_BERAKHIR'
), hitung AS (
    SELECT r.selisih, count(*) AS jumlah,
           sum(CASE WHEN t.no_kpj IS NOT NULL THEN 1 ELSE 0 END) AS tanpa_lindung
    FROM r
    LEFT JOIN reg_tanpa_lindung t ON t.no_kpj = r.no_kpj AND t.bulan = $bulan
    WHERE r.selisih IS NOT NULL
    GROUP BY r.selisih
)
SELECT j.selisih, coalesce(h.jumlah, 0) AS jumlah, coalesce(h.tanpa_lindung, 0) AS tanpa_lindung
FROM jenis j
LEFT JOIN hitung h ON h.selisih = j.selisih
ORDER BY j.urut
