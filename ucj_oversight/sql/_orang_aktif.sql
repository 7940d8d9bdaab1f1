-- _orang_aktif: fragment, included as {{orang_aktif}}: the person rule of coverage, in one
-- place. People (distinct NIK) with a registration active at D = $tgl_akhir_bulan; a person
-- with several counts once, with the registration of the latest tgl_mulai (tie: largest no_kpj).
SELECT nik_hash, kode_kecamatan, kode_kelurahan, segmen
FROM (
    SELECT nik_hash, kode_kecamatan, kode_kelurahan, segmen,
           row_number() OVER (PARTITION BY nik_hash ORDER BY tgl_mulai DESC, no_kpj DESC) AS urut
    FROM reg
    WHERE tgl_mulai <= $tgl_akhir_bulan
      AND (tgl_akhir IS NULL OR tgl_akhir >= $tgl_akhir_bulan)
) t
WHERE urut = 1
