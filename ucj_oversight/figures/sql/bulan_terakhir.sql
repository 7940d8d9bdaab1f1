-- bulan_terakhir: the default as-of month: the latest month billed (iuran) or paid (SP2D);
-- where neither exists yet, the latest month with an enrolment or a claim. Future start dates
-- (pre-registrations) do not move it past the money.
WITH uang AS (
    SELECT max(bulan) AS bulan FROM (
        SELECT max(periode) AS bulan FROM iuran_bulanan
        UNION ALL SELECT max(bulan_sp2d) FROM sp2d
    ) t
), lain AS (
    SELECT max(bulan) AS bulan FROM (
        SELECT max(bulan) AS bulan FROM reg_bulanan WHERE baru > 0
        UNION ALL SELECT max(k.bulan) FROM klaim_rinci c JOIN kalender k ON c.tgl_pengajuan BETWEEN k.bulan AND k.akhir_bulan
    ) t
)
SELECT coalesce(uang.bulan, lain.bulan) AS bulan FROM uang CROSS JOIN lain
