-- rekonsiliasi_iuran: per month m of Y up to M: registrations whose cover overlaps m, what
-- they should cost at the tariff, what BPJS billed for m, the difference, and what the city
-- paid by SP2D for m's invoice (periode_tagihan; city-wide only).
WITH bulan AS (
    SELECT bulan, akhir_bulan FROM kalender WHERE bulan BETWEEN $awal_tahun AND $bulan
), perubahan AS (
    -- registrations whose cover overlaps a month = the sum of d_tertagih up to that month
    SELECT bulan, sum(d_tertagih) AS d_tertagih
    FROM reg_bulanan
    WHERE bulan <= $bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
    GROUP BY bulan
), tertagih AS (
    SELECT b.bulan, coalesce(sum(p.d_tertagih), 0) AS registrasi_tertagih
    FROM bulan b
    LEFT JOIN perubahan p ON p.bulan <= b.bulan
    GROUP BY b.bulan
), ditagih AS (
    SELECT periode AS bulan, sum(nominal) AS iuran_ditagih
    FROM iuran_bulanan
    WHERE periode BETWEEN $awal_tahun AND $bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
    GROUP BY periode
), dibayar AS (
    SELECT periode_tagihan AS bulan, sum(nominal) AS iuran_dibayar
    FROM sp2d
    WHERE NOT ganda AND periode_tagihan BETWEEN $awal_tahun AND $bulan
    GROUP BY periode_tagihan
)
SELECT b.bulan, t.registrasi_tertagih,
       t.registrasi_tertagih * $tarif AS iuran_seharusnya,
       coalesce(d.iuran_ditagih, 0) AS iuran_ditagih,
       coalesce(d.iuran_ditagih, 0) - t.registrasi_tertagih * $tarif AS selisih,
       CASE WHEN CAST($kecamatan AS VARCHAR) IS NULL AND CAST($segmen AS VARCHAR) IS NULL
            THEN coalesce(p.iuran_dibayar, 0) END AS iuran_dibayar
FROM bulan b
JOIN tertagih t ON t.bulan = b.bulan
LEFT JOIN ditagih d ON d.bulan = b.bulan
LEFT JOIN dibayar p ON p.bulan = b.bulan
ORDER BY b.bulan
