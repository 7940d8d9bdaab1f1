-- ketepatan_bayar: per billing month m of Y up to M (city-wide): the billed total, the SP2D
-- attributed to m (periode_tagihan) paid by D, the due date, the date the attributed SP2D
-- reached the billed total (tgl_lunas, empty while not paid in full by D), days late (tgl_lunas
-- or, while unpaid, D minus the due date; never below 0; empty for a month without an invoice)
-- and what is still owed at D. SP2D without periode_tagihan are counted in bulan_menunggak.
WITH jatuh_tempo AS (
    -- the due dates of the months of Y-4 .. Y, computed from the settings (figures/due_dates.py)
    SELECT unnest($jatuh_tempo_bulan) AS bulan, unnest($jatuh_tempo_tanggal) AS jatuh_tempo
), bulan AS (
    SELECT k.bulan, j.jatuh_tempo
    FROM kalender k
    JOIN jatuh_tempo j ON j.bulan = k.bulan
    WHERE k.bulan BETWEEN $awal_tahun AND $bulan
), dibayar AS (
    SELECT periode_tagihan AS bulan, sum(nominal) AS dibayar
    FROM sp2d
    WHERE NOT ganda AND tgl_sp2d <= $tgl_akhir_bulan AND periode_tagihan BETWEEN $awal_tahun AND $bulan
    GROUP BY periode_tagihan
), gabung AS (
    SELECT b.bulan, t.ditagih, coalesce(p.dibayar, 0) AS dibayar, b.jatuh_tempo,
           CASE WHEN t.tgl_lunas <= $tgl_akhir_bulan THEN t.tgl_lunas END AS tgl_lunas
    FROM bulan b
    LEFT JOIN tagihan_lunas t ON t.periode = b.bulan
    LEFT JOIN dibayar p ON p.bulan = b.bulan
)
SELECT bulan, coalesce(ditagih, 0) AS ditagih, dibayar, jatuh_tempo, tgl_lunas,
       CASE WHEN ditagih IS NULL THEN NULL
            WHEN tgl_lunas IS NOT NULL THEN greatest(date_diff('day', jatuh_tempo, tgl_lunas), 0)
            ELSE greatest(date_diff('day', jatuh_tempo, $tgl_akhir_bulan), 0) END AS hari_terlambat,
       greatest(coalesce(ditagih, 0) - dibayar, 0) AS tunggakan
FROM gabung
ORDER BY bulan
