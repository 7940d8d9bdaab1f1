-- Staging: payment orders (realisasi, SP2D) and the current budget documents (anggaran).

-- SP2D: every loaded row; a no_sp2d seen before (earlier import, or earlier row) is a repeat.
CREATE OR REPLACE TABLE sp2d AS
SELECT r.*, k.bulan AS bulan_sp2d,
       row_number() OVER (PARTITION BY no_sp2d ORDER BY impor_id, baris) > 1 AS ganda
FROM realisasi r
JOIN kalender k ON r.tgl_sp2d BETWEEN k.bulan AND k.akhir_bulan;

-- Budget documents: for each (tahun, kode_rekening, tgl_penetapan) the newest import's rows.
CREATE OR REPLACE TABLE anggaran_kini AS
SELECT a.*
FROM anggaran a
JOIN (SELECT tahun, kode_rekening, tgl_penetapan, max(impor_id) AS impor_id
      FROM anggaran GROUP BY tahun, kode_rekening, tgl_penetapan) t
  ON t.tahun = a.tahun AND t.kode_rekening = a.kode_rekening
 AND t.tgl_penetapan = a.tgl_penetapan AND t.impor_id = a.impor_id;
