-- cakupan_kelurahan: people covered at D per kelurahan (same person rule as cakupan_kecamatan).
-- Targets are set per kecamatan, so a kelurahan has a count, not a percentage.
WITH aktif AS (
    {{orang_aktif}}
), orang AS (
    SELECT kode_kecamatan, kode_kelurahan, sum(orang) AS peserta_aktif
    FROM aktif
    WHERE CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen
    GROUP BY kode_kecamatan, kode_kelurahan
    HAVING sum(orang) > 0
)
SELECT w.kode_kecamatan, k.nama_kecamatan, w.kode_kelurahan, w.nama_kelurahan,
       coalesce(o.peserta_aktif, 0) AS peserta_aktif
FROM wilayah_kelurahan w
JOIN wilayah_kecamatan k ON k.kode_kecamatan = w.kode_kecamatan
LEFT JOIN orang o ON o.kode_kelurahan = w.kode_kelurahan
WHERE CAST($kecamatan AS VARCHAR) IS NULL OR w.kode_kecamatan = $kecamatan
UNION ALL
-- Registrations without a kelurahan are shown, not lost.
SELECT o.kode_kecamatan, k.nama_kecamatan, NULL, NULL, o.peserta_aktif
FROM orang o JOIN wilayah_kecamatan k ON k.kode_kecamatan = o.kode_kecamatan
WHERE o.kode_kelurahan IS NULL
  AND (CAST($kecamatan AS VARCHAR) IS NULL OR o.kode_kecamatan = $kecamatan)
ORDER BY 1, 3
