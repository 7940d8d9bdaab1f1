-- klaim_bulanan: claims paid (DIBAYAR, tgl_bayar in the month) per month of Y up to M and program.
SELECT k.bulan, c.program, count(*) AS jumlah_klaim, sum(c.nominal_dibayar) AS nominal_dibayar
FROM klaim_rinci c
JOIN kalender k ON c.tgl_bayar BETWEEN k.bulan AND k.akhir_bulan
WHERE c.status = 'DIBAYAR' AND k.bulan BETWEEN $awal_tahun AND $bulan
  AND (CAST($kecamatan AS VARCHAR) IS NULL OR c.kode_kecamatan = $kecamatan)
  AND (CAST($segmen AS VARCHAR) IS NULL OR c.segmen = $segmen)
GROUP BY k.bulan, c.program
ORDER BY k.bulan, c.program
