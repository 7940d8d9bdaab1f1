-- karantina_impor: quarantined rows per import with their reasons (values of NIK are masked
-- at ingest; names are never kept).
SELECT i.impor_id, i.nama_file, i.jenis, k.baris, k.kolom, k.alasan, k.nilai
FROM karantina k
JOIN impor i ON i.impor_id = k.impor_id
ORDER BY i.impor_id, k.baris, k.kolom
LIMIT 20000
