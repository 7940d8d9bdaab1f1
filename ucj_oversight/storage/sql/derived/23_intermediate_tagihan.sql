-- Intermediate: when each month's invoice was paid in full, and the registration-months without
-- protection because the city had not paid (docs/methodology.md, "Ketepatan bayar iuran" and
-- "Perlindungan").

-- Per billing month (periode): the billed total (all rows of the month's current invoice, the
-- iuran_ditagih of rekonsiliasi_iuran, city-wide) and tgl_lunas, the date on which the SP2D
-- attributed to that month (periode_tagihan; each SP2D once, as in realisasi) reach the billed
-- total; NULL while they do not. SP2D without periode_tagihan are attributed to no month.
CREATE OR REPLACE TABLE tagihan_lunas AS
WITH tagihan AS (
    SELECT periode, sum(nominal) AS ditagih FROM iuran_bulanan GROUP BY periode
), bayar AS (
    SELECT periode_tagihan AS periode, tgl_sp2d, sum(nominal) AS nominal
    FROM sp2d
    WHERE NOT ganda AND periode_tagihan IS NOT NULL
    GROUP BY periode_tagihan, tgl_sp2d
), kumulatif AS (
    SELECT periode, tgl_sp2d,
           sum(nominal) OVER (PARTITION BY periode ORDER BY tgl_sp2d
                              ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS dibayar
    FROM bayar
)
SELECT t.periode, t.ditagih, min(k.tgl_sp2d) AS tgl_lunas
FROM tagihan t
LEFT JOIN kumulatif k ON k.periode = t.periode AND k.dibayar >= t.ditagih
GROUP BY t.periode, t.ditagih;

-- Months E in which a registration billed for E-2, E-1 and E is not protected: all three
-- invoices exist and none of them was paid in full (lunas) by the end of E. BPJS makes a BPU
-- participant non-aktif after three unpaid months, until payment resumes.
CREATE OR REPLACE TABLE bulan_tanpa_lindung AS
SELECT k.bulan
FROM kalender k
JOIN tagihan_lunas a ON a.periode = k.bulan
JOIN tagihan_lunas b ON b.periode = CAST(k.bulan - INTERVAL 1 MONTH AS DATE)
JOIN tagihan_lunas c ON c.periode = CAST(k.bulan - INTERVAL 2 MONTH AS DATE)
WHERE (a.tgl_lunas IS NULL OR a.tgl_lunas > k.akhir_bulan)
  AND (b.tgl_lunas IS NULL OR b.tgl_lunas > k.akhir_bulan)
  AND (c.tgl_lunas IS NULL OR c.tgl_lunas > k.akhir_bulan);

-- The registration-months without protection: registrations (known in peserta) billed for E
-- within their cover, and billed for E-1 and E-2 too, in a month E of bulan_tanpa_lindung.
CREATE OR REPLACE TABLE reg_tanpa_lindung AS
WITH tertagih AS (
    SELECT DISTINCT periode, no_kpj FROM iuran_rinci WHERE ada_peserta
)
SELECT DISTINCT b.bulan, i.no_kpj, i.nik_id, i.kode_kecamatan, i.segmen
FROM bulan_tanpa_lindung b
JOIN iuran_rinci i ON i.periode = b.bulan AND i.dalam_masa
JOIN tertagih t1 ON t1.no_kpj = i.no_kpj AND t1.periode = CAST(b.bulan - INTERVAL 1 MONTH AS DATE)
JOIN tertagih t2 ON t2.no_kpj = i.no_kpj AND t2.periode = CAST(b.bulan - INTERVAL 2 MONTH AS DATE);
