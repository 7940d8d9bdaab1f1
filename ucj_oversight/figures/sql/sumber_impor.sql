-- sumber_impor: the imports whose rows the current figures use (rows in the current layer,
-- collected per import in impor_dipakai, sql/turunan.sql), so every figure can be traced to
-- its files.
SELECT i.impor_id, i.nama_file, i.jenis, i.sha256, i.waktu, i.baris_dimuat, i.baris_dikarantina,
       i.simulasi, i.impor_id IN (SELECT impor_id FROM impor_dipakai) AS dipakai, i.kontrol
FROM impor i
ORDER BY i.impor_id
