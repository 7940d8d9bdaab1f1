-- Intermediate: billing aggregates per month, and the billing rows with a finding.

CREATE OR REPLACE TABLE iuran_bulanan AS
SELECT periode, kode_kecamatan, segmen,
       count(*) AS baris,
       sum(nominal) AS nominal,
       sum(CASE WHEN NOT ada_peserta THEN 1 ELSE 0 END) AS tanpa_peserta_baris,
       sum(CASE WHEN NOT ada_peserta THEN nominal ELSE 0 END) AS tanpa_peserta_nominal,
       sum(CASE WHEN ada_peserta AND NOT dalam_masa THEN 1 ELSE 0 END) AS luar_masa_baris,
       sum(CASE WHEN ada_peserta AND NOT dalam_masa THEN nominal ELSE 0 END) AS luar_masa_nominal,
       sum(CASE WHEN ganda THEN 1 ELSE 0 END) AS ganda_baris,
       sum(CASE WHEN ganda THEN nominal ELSE 0 END) AS ganda_nominal
FROM iuran_rinci
GROUP BY periode, kode_kecamatan, segmen;

-- Billing rows with a finding (the rows behind IURAN_* in temuan_rincian), so the drill-down
-- does not scan every billing row.
CREATE OR REPLACE TABLE iuran_temuan AS
SELECT impor_id, baris, periode, no_kpj, nominal, kode_kecamatan, segmen, ada_peserta, dalam_masa, ganda
FROM iuran_rinci
WHERE NOT ada_peserta OR NOT dalam_masa OR ganda;
