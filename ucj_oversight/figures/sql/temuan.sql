-- temuan: the ten finding codes, each a count (jumlah) and an amount in Rp (nominal, 0 where
-- none). See docs/methodology.md for each rule and an example. With a kecamatan filter, the
-- person, billing and claim findings follow the registration's kecamatan; SP2D and rejected
-- rows are city-wide and stay as they are.
WITH nik AS (
    -- people with a registration in the kecamatan (city-wide: the row without kecamatan)
    SELECT tidak_valid, luar_kota
    FROM nik_temuan
    WHERE (CAST($kecamatan AS VARCHAR) IS NULL AND kode_kecamatan IS NULL) OR kode_kecamatan = $kecamatan
), nik_ganda AS (
    -- only people with more than one registration (reg_ganda) can have two active at D
    SELECT nik_id
    FROM reg_ganda
    WHERE tgl_mulai <= $tgl_akhir_bulan AND (tgl_akhir IS NULL OR tgl_akhir >= $tgl_akhir_bulan)
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR nik_id IN (
          SELECT nik_id FROM reg_ganda WHERE kode_kecamatan = $kecamatan))
    GROUP BY nik_id
    HAVING count(*) > 1
), iuran_tahun AS (
    SELECT sum(tanpa_peserta_baris) AS tp_n, sum(tanpa_peserta_nominal) AS tp_rp,
           sum(luar_masa_baris) AS lm_n, sum(luar_masa_nominal) AS lm_rp,
           sum(ganda_baris) AS g_n, sum(ganda_nominal) AS g_rp
    FROM iuran_bulanan
    WHERE periode BETWEEN $awal_tahun AND $bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
), klaim_tahun AS (
    SELECT sum(CASE WHEN NOT ada_peserta THEN 1 ELSE 0 END) AS tp_n,
           -- Amounts: only what was paid by D (a claim applied in time may be paid later).
           sum(CASE WHEN NOT ada_peserta AND status = 'DIBAYAR' AND tgl_bayar <= $tgl_akhir_bulan
                    THEN nominal_dibayar ELSE 0 END) AS tp_rp,
           sum(CASE WHEN luar_masa THEN 1 ELSE 0 END) AS lm_n,
           sum(CASE WHEN luar_masa AND status = 'DIBAYAR' AND tgl_bayar <= $tgl_akhir_bulan
                    THEN nominal_dibayar ELSE 0 END) AS lm_rp
    FROM klaim_rinci
    WHERE tgl_pengajuan BETWEEN $awal_tahun AND $tgl_akhir_bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
), sp2d_ulang AS (
    SELECT count(*) AS n, sum(nominal) AS rp FROM sp2d WHERE ganda
), ditolak AS (
    SELECT count(*) AS n FROM (SELECT DISTINCT impor_id, baris FROM karantina) t
)
-- The findings in a fixed order (urut), returned without it.
SELECT kode_temuan, jumlah, nominal FROM (
    SELECT 1 AS urut, 'NIK_TIDAK_VALID' AS kode_temuan, (SELECT sum(tidak_valid) FROM nik) AS jumlah, 0 AS nominal
    UNION ALL SELECT 2, 'NIK_LUAR_KOTA', (SELECT sum(luar_kota) FROM nik), 0
    UNION ALL SELECT 3, 'NIK_GANDA_AKTIF', (SELECT count(*) FROM nik_ganda), 0
    UNION ALL SELECT 4, 'IURAN_LUAR_MASA', lm_n, lm_rp FROM iuran_tahun
    UNION ALL SELECT 5, 'IURAN_TANPA_PESERTA', tp_n, tp_rp FROM iuran_tahun
    UNION ALL SELECT 6, 'IURAN_GANDA', g_n, g_rp FROM iuran_tahun
    UNION ALL SELECT 7, 'KLAIM_TANPA_PESERTA', tp_n, tp_rp FROM klaim_tahun
    UNION ALL SELECT 8, 'KLAIM_LUAR_MASA', lm_n, lm_rp FROM klaim_tahun
    UNION ALL SELECT 9, 'SP2D_GANDA', n, rp FROM sp2d_ulang
    UNION ALL SELECT 10, 'BARIS_DITOLAK', n, 0 FROM ditolak
) t
ORDER BY urut
