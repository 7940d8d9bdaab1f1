-- bulan_menunggak: at D, the billing months (of any year, up to M) whose due date has passed and
-- whose invoice is not paid in full (the attributed SP2D paid by D are less than the billed
-- total): how many, the days the oldest is overdue at D, and the Rupiah still owed; beside them the SP2D paid since 1
-- January of Y that name no billing month (tidak teratribusi: they may pay some of these months,
-- the data do not say which). City-wide.
WITH jatuh_tempo AS (
    -- the due dates of the months of Y-4 .. Y (figures/due_dates.py); an earlier month is past due
    -- (its days overdue counted from the first day of the billing month)
    SELECT unnest($jatuh_tempo_bulan) AS bulan, unnest($jatuh_tempo_tanggal) AS jatuh_tempo
), dibayar AS (
    SELECT periode_tagihan AS periode, sum(nominal) AS dibayar
    FROM sp2d
    WHERE NOT ganda AND periode_tagihan IS NOT NULL AND tgl_sp2d <= $tgl_akhir_bulan
    GROUP BY periode_tagihan
), terutang AS (
    SELECT t.periode, t.ditagih - coalesce(p.dibayar, 0) AS tunggakan,
           date_diff('day', coalesce(j.jatuh_tempo, t.periode), $tgl_akhir_bulan) AS hari
    FROM tagihan_lunas t
    LEFT JOIN jatuh_tempo j ON j.bulan = t.periode
    LEFT JOIN dibayar p ON p.periode = t.periode
    WHERE t.periode <= $bulan AND (j.jatuh_tempo IS NULL OR j.jatuh_tempo <= $tgl_akhir_bulan)
      AND (t.tgl_lunas IS NULL OR t.tgl_lunas > $tgl_akhir_bulan)
), tanpa_periode AS (
    SELECT sum(nominal) AS nominal
    FROM sp2d
    WHERE NOT ganda AND periode_tagihan IS NULL AND tgl_sp2d BETWEEN $awal_tahun AND $tgl_akhir_bulan
)
SELECT (SELECT count(*) FROM terutang) AS bulan_menunggak,
       (SELECT max(hari) FROM terutang) AS terlama_hari,
       (SELECT coalesce(sum(tunggakan), 0) FROM terutang) AS tunggakan,
       (SELECT coalesce(nominal, 0) FROM tanpa_periode) AS sp2d_tidak_teratribusi
