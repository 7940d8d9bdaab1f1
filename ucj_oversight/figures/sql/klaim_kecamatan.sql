-- klaim_kecamatan: claims paid from 1 January of Y to D per kecamatan of the registration and
-- program (all 12 kecamatan listed; claims with no known registration on a row of their own,
-- kode_kecamatan NULL, so the table adds up to klaim_program).
WITH dibayar AS (
    SELECT kode_kecamatan, program, count(*) AS jumlah_klaim, sum(nominal_dibayar) AS nominal_dibayar
    FROM klaim_rinci
    WHERE status = 'DIBAYAR' AND tgl_bayar BETWEEN $awal_tahun AND $tgl_akhir_bulan
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
    GROUP BY kode_kecamatan, program
)
SELECT w.kode_kecamatan, w.nama_kecamatan,
       coalesce(sum(CASE WHEN d.program = 'JKK' THEN d.jumlah_klaim END), 0) AS jkk_jumlah,
       coalesce(sum(CASE WHEN d.program = 'JKK' THEN d.nominal_dibayar END), 0) AS jkk_nominal,
       coalesce(sum(CASE WHEN d.program = 'JKM' THEN d.jumlah_klaim END), 0) AS jkm_jumlah,
       coalesce(sum(CASE WHEN d.program = 'JKM' THEN d.nominal_dibayar END), 0) AS jkm_nominal,
       coalesce(sum(d.jumlah_klaim), 0) AS jumlah_klaim,
       coalesce(sum(d.nominal_dibayar), 0) AS nominal_dibayar
FROM wilayah_kecamatan w
LEFT JOIN dibayar d ON d.kode_kecamatan = w.kode_kecamatan
WHERE CAST($kecamatan AS VARCHAR) IS NULL OR w.kode_kecamatan = $kecamatan
GROUP BY w.kode_kecamatan, w.nama_kecamatan
UNION ALL
SELECT NULL, '(KPJ tidak dikenal)',
       coalesce(sum(CASE WHEN program = 'JKK' THEN jumlah_klaim END), 0),
       coalesce(sum(CASE WHEN program = 'JKK' THEN nominal_dibayar END), 0),
       coalesce(sum(CASE WHEN program = 'JKM' THEN jumlah_klaim END), 0),
       coalesce(sum(CASE WHEN program = 'JKM' THEN nominal_dibayar END), 0),
       sum(jumlah_klaim), sum(nominal_dibayar)
FROM dibayar
WHERE kode_kecamatan IS NULL AND CAST($kecamatan AS VARCHAR) IS NULL
HAVING count(*) > 0
ORDER BY 1 NULLS LAST
