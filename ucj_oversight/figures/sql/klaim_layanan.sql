-- klaim_layanan: service figures for claims applied from 1 January of Y to D: how many were
-- decided, paid, rejected, still in process; days from application to payment for those paid
-- by D (median, slowest, how many took more than 30 days).
WITH c AS (
    SELECT status, tgl_pengajuan, tgl_bayar,
           CASE WHEN status = 'DIBAYAR' AND tgl_bayar <= $tgl_akhir_bulan
                THEN date_diff('day', tgl_pengajuan, tgl_bayar) END AS hari_bayar
    FROM klaim_rinci
    WHERE tgl_pengajuan BETWEEN $awal_tahun AND $tgl_akhir_bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
)
SELECT count(*) AS diajukan,
       sum(CASE WHEN hari_bayar IS NOT NULL THEN 1 ELSE 0 END) AS dibayar,
       sum(CASE WHEN status = 'DITOLAK' THEN 1 ELSE 0 END) AS ditolak,
       sum(CASE WHEN status = 'PROSES' OR (status = 'DIBAYAR' AND hari_bayar IS NULL) THEN 1 ELSE 0 END) AS proses,
       percentile_disc(0.5) WITHIN GROUP (ORDER BY hari_bayar) AS median_hari,
       max(hari_bayar) AS terlama_hari,
       sum(CASE WHEN hari_bayar > 30 THEN 1 ELSE 0 END) AS lebih_30_hari
FROM c
