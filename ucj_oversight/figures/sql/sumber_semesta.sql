-- sumber_semesta: the sources named for the semesta that cakupan_kecamatan uses (year Y,
-- the same rows: the kecamatan's total row, else its segment rows when every one gives a
-- semesta; with a segmen filter that segment's row), each once, in alphabetical order.
WITH dipakai AS (
    {{sasaran_dipakai}}
), dengan_semesta AS (
    SELECT kode_kecamatan
    FROM dipakai
    GROUP BY kode_kecamatan
    HAVING count(jumlah_semesta) = count(*)
)
SELECT DISTINCT trim(d.sumber_semesta) AS sumber_semesta
FROM dipakai d
JOIN dengan_semesta k ON k.kode_kecamatan = d.kode_kecamatan
WHERE d.sumber_semesta IS NOT NULL AND trim(d.sumber_semesta) <> ''
  AND (CAST($kecamatan AS VARCHAR) IS NULL OR d.kode_kecamatan = $kecamatan)
ORDER BY sumber_semesta
