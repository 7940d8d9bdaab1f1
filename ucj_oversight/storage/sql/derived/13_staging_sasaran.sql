-- Staging: the current targets (sasaran) per year and kecamatan.

-- Targets: for each (tahun, kecamatan) the newest import that gives any.
CREATE OR REPLACE TABLE sasaran_kini AS
SELECT s.*
FROM sasaran s
JOIN (SELECT tahun, kode_kecamatan, max(impor_id) AS impor_id
      FROM sasaran GROUP BY tahun, kode_kecamatan) t
  ON t.tahun = s.tahun AND t.kode_kecamatan = s.kode_kecamatan AND t.impor_id = s.impor_id;
