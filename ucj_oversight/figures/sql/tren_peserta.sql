-- tren_peserta: per month of the as-of year up to M (and the year before, for the trend):
-- registrations active at the month's end, new registrations (tgl_mulai in the month) and
-- exits (tgl_akhir in the month). Counts registrations, not people: the trend of enrolment work.
-- From the monthly changes in reg_bulanan (sql/turunan.sql): active at a month's end = the sum
-- of d_aktif over that month and all before it.
WITH perubahan AS (
    SELECT bulan, sum(d_aktif) AS d_aktif, sum(baru) AS baru, sum(keluar) AS keluar
    FROM reg_bulanan
    WHERE bulan <= $bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
    GROUP BY bulan
)
SELECT k.bulan,
       coalesce(sum(p.d_aktif), 0) AS registrasi_aktif,
       coalesce(sum(CASE WHEN p.bulan = k.bulan THEN p.baru ELSE 0 END), 0) AS baru,
       coalesce(sum(CASE WHEN p.bulan = k.bulan THEN p.keluar ELSE 0 END), 0) AS keluar
FROM kalender k
LEFT JOIN perubahan p ON p.bulan <= k.bulan
WHERE k.bulan BETWEEN $dari_bulan AND $bulan
GROUP BY k.bulan
ORDER BY k.bulan
