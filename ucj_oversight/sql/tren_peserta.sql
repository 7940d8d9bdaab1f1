-- tren_peserta: per month of the as-of year up to M (and the year before, for the trend):
-- registrations active at the month's end, new registrations (tgl_mulai in the month) and
-- exits (tgl_akhir in the month). Counts registrations, not people: the trend of enrolment work.
SELECT k.bulan,
       sum(CASE WHEN r.tgl_mulai <= k.akhir_bulan AND (r.tgl_akhir IS NULL OR r.tgl_akhir >= k.akhir_bulan)
                THEN 1 ELSE 0 END) AS registrasi_aktif,
       sum(CASE WHEN r.tgl_mulai BETWEEN k.bulan AND k.akhir_bulan THEN 1 ELSE 0 END) AS baru,
       sum(CASE WHEN r.tgl_akhir BETWEEN k.bulan AND k.akhir_bulan THEN 1 ELSE 0 END) AS keluar
FROM kalender k
LEFT JOIN reg r
  ON r.tgl_mulai <= k.akhir_bulan
 AND (CAST($kecamatan AS VARCHAR) IS NULL OR r.kode_kecamatan = $kecamatan)
 AND (CAST($segmen AS VARCHAR) IS NULL OR r.segmen = $segmen)
WHERE k.bulan BETWEEN $dari_bulan AND $bulan
GROUP BY k.bulan
ORDER BY k.bulan
