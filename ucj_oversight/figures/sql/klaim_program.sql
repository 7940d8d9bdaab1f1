-- klaim_program: claims with status DIBAYAR and tgl_bayar from 1 January of Y to D, by program.
-- JKK and JKM are always listed (zeros included); other programs when they occur.
WITH program AS (
    SELECT 'JKK' AS program UNION ALL SELECT 'JKM'
    UNION SELECT DISTINCT program FROM klaim_rinci
), dibayar AS (
    SELECT program, count(*) AS jumlah_klaim, sum(nominal_dibayar) AS nominal_dibayar
    FROM klaim_rinci
    WHERE status = 'DIBAYAR' AND tgl_bayar BETWEEN $awal_tahun AND $tgl_akhir_bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
    GROUP BY program
)
SELECT p.program, coalesce(d.jumlah_klaim, 0) AS jumlah_klaim,
       coalesce(d.nominal_dibayar, 0) AS nominal_dibayar
FROM program p
LEFT JOIN dibayar d ON d.program = p.program
ORDER BY CASE p.program WHEN 'JKK' THEN 1 WHEN 'JKM' THEN 2 ELSE 3 END, p.program
