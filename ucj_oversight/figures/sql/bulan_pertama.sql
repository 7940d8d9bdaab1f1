-- bulan_pertama: the first month the month list offers: the earliest month billed (iuran) or
-- paid (SP2D); where neither exists yet, the earliest month with an enrolment or a claim (the
-- mirror of bulan_terakhir). Before it the programme had not begun: no month to look at.
WITH uang AS (
    SELECT min(bulan) AS bulan FROM (
        SELECT min(periode) AS bulan FROM iuran_bulanan
        UNION ALL SELECT min(bulan_sp2d) FROM sp2d
    ) t
), lain AS (
    SELECT min(bulan) AS bulan FROM (
        SELECT min(bulan) AS bulan FROM reg_bulanan WHERE baru > 0
        UNION ALL SELECT min(k.bulan) FROM klaim_rinci c JOIN kalender k ON c.tgl_pengajuan BETWEEN k.bulan AND k.akhir_bulan
    ) t
)
SELECT coalesce(uang.bulan, lain.bulan) AS bulan FROM uang CROSS JOIN lain
