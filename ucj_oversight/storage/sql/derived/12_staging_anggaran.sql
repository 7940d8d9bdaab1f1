-- Staging: payment orders (realisasi, SP2D) and the current budget documents (anggaran).

-- SP2D: rows identical in no_sp2d, tgl_sp2d, nominal and kode_rekening are one SP2D listed twice
-- (an extract artifact, e.g. overlapping extracts): only the first (earliest import, then top
-- row) is kept; the copies are in sp2d_kembar, reported by the import, never a finding. Among the
-- kept rows, a no_sp2d seen before with another date, amount or line is a repeat (ganda): not
-- counted in realisasi, the finding SP2D_GANDA.
CREATE OR REPLACE TABLE sp2d AS
SELECT t.impor_id, t.baris, t.no_sp2d, t.tgl_sp2d, t.kode_rekening, t.nominal, t.periode_tagihan,
       k.bulan AS bulan_sp2d,
       row_number() OVER (PARTITION BY t.no_sp2d ORDER BY t.impor_id, t.baris) > 1 AS ganda
FROM (
    SELECT r.*, row_number() OVER (
        PARTITION BY no_sp2d, tgl_sp2d, nominal, kode_rekening ORDER BY impor_id, baris) AS salinan
    FROM realisasi r
) t
JOIN kalender k ON t.tgl_sp2d BETWEEN k.bulan AND k.akhir_bulan
WHERE t.salinan = 1;

-- The identical copies left out of sp2d (same rule), each with the row it copies.
CREATE OR REPLACE TABLE sp2d_kembar AS
SELECT impor_id, baris, no_sp2d, tgl_sp2d, kode_rekening, nominal, asli_impor_id, asli_baris
FROM (
    SELECT r.*,
           row_number() OVER (PARTITION BY no_sp2d, tgl_sp2d, nominal, kode_rekening ORDER BY impor_id, baris)
               AS salinan,
           first_value(impor_id) OVER (
               PARTITION BY no_sp2d, tgl_sp2d, nominal, kode_rekening ORDER BY impor_id, baris) AS asli_impor_id,
           first_value(baris) OVER (
               PARTITION BY no_sp2d, tgl_sp2d, nominal, kode_rekening ORDER BY impor_id, baris) AS asli_baris
    FROM realisasi r
) t
WHERE salinan > 1;

-- Budget documents: for each (tahun, kode_rekening, tgl_penetapan) the newest import's rows.
CREATE OR REPLACE TABLE anggaran_kini AS
SELECT a.*
FROM anggaran a
JOIN (SELECT tahun, kode_rekening, tgl_penetapan, max(impor_id) AS impor_id
      FROM anggaran GROUP BY tahun, kode_rekening, tgl_penetapan) t
  ON t.tahun = a.tahun AND t.kode_rekening = a.kode_rekening
 AND t.tgl_penetapan = a.tgl_penetapan AND t.impor_id = a.impor_id;
