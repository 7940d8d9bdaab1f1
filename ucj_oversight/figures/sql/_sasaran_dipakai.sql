-- _sasaran_dipakai: fragment, included as {{sasaran_dipakai}}: the sasaran rows of year $tahun
-- that count for their kecamatan under the segmen filter. Without a filter: the kecamatan's
-- total row (empty segmen) if it has one, else all its segment rows (they add up); with a
-- segmen filter: only that segment's row. The quota (jumlah_sasaran) and the semesta
-- (jumlah_semesta, sumber_semesta) are read from the same rows.
SELECT kode_kecamatan, segmen, jumlah_sasaran, jumlah_semesta, sumber_semesta
FROM (
    SELECT kode_kecamatan, segmen, jumlah_sasaran, jumlah_semesta, sumber_semesta,
           max(CASE WHEN segmen IS NULL THEN 1 ELSE 0 END) OVER (PARTITION BY kode_kecamatan) AS ada_total
    FROM sasaran_kini
    WHERE tahun = $tahun
) sasaran_tahun
WHERE CASE WHEN CAST($segmen AS VARCHAR) IS NOT NULL THEN segmen = $segmen
           WHEN ada_total = 1 THEN segmen IS NULL
           ELSE TRUE END
