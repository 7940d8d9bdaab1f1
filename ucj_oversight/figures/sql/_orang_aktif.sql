-- _orang_aktif: fragment, included as {{orang_aktif}}: people (distinct NIK) with a
-- registration active at D, the last day of month $bulan, per kecamatan, kelurahan and segmen.
-- The person rule (a person with several registrations counts once, with the registration of
-- the latest tgl_mulai, tie: largest no_kpj) is applied once per import in reg_bulanan
-- (sql/turunan.sql); the count at D is the sum of its monthly changes up to month M.
SELECT kode_kecamatan, kode_kelurahan, segmen, sum(d_orang) AS orang
FROM reg_bulanan
WHERE bulan <= $bulan
GROUP BY kode_kecamatan, kode_kelurahan, segmen
