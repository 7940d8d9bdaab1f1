-- status_peserta_rincian: the registrations behind status_peserta (same rules), for the internal
-- mode only; the caller masks no_kpj. At most 5.000 rows.
SELECT r.no_kpj AS rujukan, r.kode_kecamatan, r.segmen, r.status, r.tgl_mulai, r.tgl_akhir, r.tgl_nonaktif,
       CASE WHEN r.status IN ('NONAKTIF', 'MENINGGAL') THEN r.status || '_TANGGAL_AKTIF'
            ELSE 'AKTIF_TANGGAL_BERAKHIR' END AS selisih,
       t.no_kpj IS NOT NULL AS tanpa_lindung
FROM reg r
LEFT JOIN reg_tanpa_lindung t ON t.no_kpj = r.no_kpj AND t.bulan = $bulan
WHERE r.tgl_mulai <= $tgl_akhir_bulan
  AND ((r.status IN ('NONAKTIF', 'MENINGGAL') AND (r.tgl_akhir IS NULL OR r.tgl_akhir >= $tgl_akhir_bulan))
       OR (r.status = 'AKTIF' AND r.tgl_akhir < $tgl_akhir_bulan))
  AND (CAST($kecamatan AS VARCHAR) IS NULL OR r.kode_kecamatan = $kecamatan)
  AND (CAST($segmen AS VARCHAR) IS NULL OR r.segmen = $segmen)
ORDER BY selisih, r.kode_kecamatan, r.no_kpj
LIMIT 5000
