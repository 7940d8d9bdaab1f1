-- cakupan_kecamatan: people covered at the as-of date per kecamatan, against the year's funded
-- quota (sasaran: capaian kuota) and against all vulnerable workers of the area (semesta:
-- cakupan semesta). A person (distinct NIK) with several active registrations counts once, in
-- the kecamatan of the registration with the latest tgl_mulai (tie: largest no_kpj).
-- Parameters: bulan (M), tahun (Y), segmen (NULL = all), kecamatan (NULL = all).
WITH orang AS (
    {{orang_kecamatan}}
), dipakai AS (
    {{sasaran_dipakai}}
), sasaran_kec AS (
    -- The semesta of segment rows adds up only when every row gives one: a partial sum would
    -- make the coverage look higher than it is.
    SELECT kode_kecamatan, sum(jumlah_sasaran) AS sasaran,
           CASE WHEN count(jumlah_semesta) = count(*) THEN sum(jumlah_semesta) END AS semesta
    FROM dipakai
    GROUP BY kode_kecamatan
)
SELECT w.kode_kecamatan, w.nama_kecamatan,
       s.sasaran,
       coalesce(o.peserta_aktif, 0) AS peserta_aktif,
       CASE WHEN s.sasaran > 0 THEN round(100.0 * coalesce(o.peserta_aktif, 0) / s.sasaran, 2) END
           AS capaian_kuota_persen,
       s.semesta,
       CASE WHEN s.semesta > 0 THEN round(100.0 * coalesce(o.peserta_aktif, 0) / s.semesta, 2) END
           AS cakupan_semesta_persen
FROM wilayah_kecamatan w
LEFT JOIN orang o ON o.kode_kecamatan = w.kode_kecamatan
LEFT JOIN sasaran_kec s ON s.kode_kecamatan = w.kode_kecamatan
WHERE CAST($kecamatan AS VARCHAR) IS NULL OR w.kode_kecamatan = $kecamatan
ORDER BY w.kode_kecamatan
