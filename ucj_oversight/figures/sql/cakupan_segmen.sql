-- cakupan_segmen: people covered at D per segmen (same person rule), with a target where
-- the sasaran extract gives one per segmen.
WITH aktif AS (
    {{orang_aktif}}
), orang AS (
    SELECT segmen, sum(orang) AS peserta_aktif
    FROM aktif
    WHERE CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan
    GROUP BY segmen
    HAVING sum(orang) > 0
), sasaran_seg AS (
    SELECT segmen, sum(jumlah_sasaran) AS sasaran
    FROM sasaran_kini
    WHERE tahun = $tahun AND segmen IS NOT NULL
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
    GROUP BY segmen
)
SELECT coalesce(o.segmen, s.segmen) AS segmen, s.sasaran, coalesce(o.peserta_aktif, 0) AS peserta_aktif,
       CASE WHEN s.sasaran > 0 THEN round(100.0 * coalesce(o.peserta_aktif, 0) / s.sasaran, 2) END
           AS capaian_kuota_persen
FROM orang o
FULL OUTER JOIN sasaran_seg s ON s.segmen = o.segmen
ORDER BY peserta_aktif DESC, segmen
