-- cakupan_kecamatan: people covered at the as-of date per kecamatan, against the year's target.
-- A person (distinct NIK) with several active registrations counts once, in the kecamatan of
-- the registration with the latest tgl_mulai (tie: largest no_kpj).
-- Parameters: bulan (M), tahun (Y), segmen (NULL = all), kecamatan (NULL = all).
WITH aktif AS (
    {{orang_aktif}}
), orang AS (
    SELECT kode_kecamatan, sum(orang) AS peserta_aktif
    FROM aktif
    WHERE CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen
    GROUP BY kode_kecamatan
), sasaran_baris AS (
    SELECT kode_kecamatan, segmen, jumlah_sasaran,
           max(CASE WHEN segmen IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY kode_kecamatan) AS ada_total
    FROM sasaran_kini
    WHERE tahun = $tahun
), sasaran_kec AS (
    -- A row with empty segmen is the kecamatan's total; without one, the segments add up.
    SELECT kode_kecamatan, sum(jumlah_sasaran) AS sasaran
    FROM sasaran_baris
    WHERE CASE WHEN CAST($segmen AS VARCHAR) IS NOT NULL THEN segmen = $segmen
               WHEN ada_total = 1 THEN segmen IS NULL
               ELSE TRUE END
    GROUP BY kode_kecamatan
)
SELECT w.kode_kecamatan, w.nama_kecamatan,
       s.sasaran,
       coalesce(o.peserta_aktif, 0) AS peserta_aktif,
       CASE WHEN s.sasaran > 0 THEN round(100.0 * coalesce(o.peserta_aktif, 0) / s.sasaran, 2) END
           AS cakupan_persen
FROM wilayah_kecamatan w
LEFT JOIN orang o ON o.kode_kecamatan = w.kode_kecamatan
LEFT JOIN sasaran_kec s ON s.kode_kecamatan = w.kode_kecamatan
WHERE CAST($kecamatan AS VARCHAR) IS NULL OR w.kode_kecamatan = $kecamatan
ORDER BY w.kode_kecamatan
