-- sumber_impor: the imports whose rows the current figures use (rows in the current layer),
-- so every figure can be traced to its files.
WITH dipakai AS (
    SELECT DISTINCT impor_id FROM reg
    UNION SELECT DISTINCT impor_id FROM iuran_rinci
    UNION SELECT DISTINCT impor_id FROM sp2d
    UNION SELECT DISTINCT impor_id FROM anggaran_kini
    UNION SELECT DISTINCT impor_id FROM sasaran_kini
    UNION SELECT DISTINCT impor_id FROM klaim_rinci
)
SELECT i.impor_id, i.nama_file, i.jenis, i.sha256, i.waktu, i.baris_dimuat, i.baris_dikarantina,
       i.simulasi, i.impor_id IN (SELECT impor_id FROM dipakai) AS dipakai
FROM impor i
ORDER BY i.impor_id
