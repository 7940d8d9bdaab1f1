-- Staging: the current billing rows (iuran) with their registration and billing flags.

-- Billing: a month's invoice comes from the newest import that contains that month
-- (a re-issued invoice replaces the earlier one instead of being added to it).
CREATE OR REPLACE TABLE iuran_rinci AS
WITH terbaru AS (
    SELECT periode, max(impor_id) AS impor_id FROM iuran GROUP BY periode
), j AS (
    SELECT i.impor_id, i.baris, i.periode, i.no_kpj, i.nominal,
           r.nik_id, r.kode_kecamatan, r.segmen, r.tgl_mulai,
           r.no_kpj IS NOT NULL AS ada_peserta,
           (r.no_kpj IS NOT NULL AND r.tgl_mulai <= k.akhir_bulan
            AND (r.tgl_akhir IS NULL OR r.tgl_akhir >= i.periode)) AS dalam_masa
    FROM iuran i
    JOIN terbaru t ON t.periode = i.periode AND t.impor_id = i.impor_id
    JOIN kalender k ON k.bulan = i.periode
    LEFT JOIN reg r ON r.no_kpj = i.no_kpj
)
SELECT j.*,
       -- IURAN_GANDA: among one person's in-cover rows of a month, all but the row of the
       -- registration with the latest tgl_mulai (tie: largest no_kpj) are double billing.
       (dalam_masa AND row_number() OVER (
            PARTITION BY periode, nik_id, dalam_masa
            ORDER BY tgl_mulai DESC, no_kpj DESC, impor_id, baris) > 1) AS ganda
FROM j;
