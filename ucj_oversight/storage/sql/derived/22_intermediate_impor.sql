-- Intermediate: the imports the current layer uses.

-- The imports whose rows the current layer uses (sumber_impor), so that listing the sources
-- of the figures does not scan every billing row.
CREATE OR REPLACE TABLE impor_dipakai AS
SELECT DISTINCT impor_id FROM reg
UNION SELECT DISTINCT impor_id FROM iuran_rinci
UNION SELECT DISTINCT impor_id FROM sp2d
UNION SELECT DISTINCT impor_id FROM anggaran_kini
UNION SELECT DISTINCT impor_id FROM sasaran_kini
UNION SELECT DISTINCT impor_id FROM klaim_rinci;
