-- temuan: the eleven finding codes, each a count (jumlah) and an amount in Rp (nominal, 0 where
-- none), every one counted within the as-of year Y up to D (NIK_GANDA_AKTIF: at D;
-- BARIS_DITOLAK: the imports in force). See docs/methodology.md for each rule and an example.
-- With a kecamatan filter, the person, billing and claim findings follow the registration's
-- kecamatan; SP2D and rejected rows are city-wide and stay as they are (seluruh_kota = true).
WITH nik AS (
    -- people with a flagged registration whose cover overlaps 1 January of Y .. D
    SELECT count(DISTINCT CASE WHEN tidak_valid THEN nik_id END) AS tidak_valid,
           count(DISTINCT CASE WHEN luar_kota THEN nik_id END) AS luar_kota
    FROM nik_temuan
    WHERE tgl_mulai <= $tgl_akhir_bulan AND (tgl_akhir IS NULL OR tgl_akhir >= $awal_tahun)
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan)
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
), klaim AS (
    -- claims applied in Y by D, each with whether its incident month found the registration
    -- without protection because the city had not paid (reg_tanpa_lindung)
    SELECT c.*, t.no_kpj IS NOT NULL AS saat_tunggakan,
           c.status = 'DIBAYAR' AND c.tgl_bayar <= $tgl_akhir_bulan AS dibayar
    FROM klaim_rinci c
    LEFT JOIN kalender k ON c.tgl_kejadian BETWEEN k.bulan AND k.akhir_bulan
    LEFT JOIN reg_tanpa_lindung t ON t.no_kpj = c.no_kpj AND t.bulan = k.bulan
    WHERE c.tgl_pengajuan BETWEEN $awal_tahun AND $tgl_akhir_bulan
      AND (CAST($kecamatan AS VARCHAR) IS NULL OR c.kode_kecamatan = $kecamatan)
), klaim_tahun AS (
    -- Amounts: only what was paid by D (a claim applied in time may be paid later); a refused
    -- JKM claim in a lapse: the JKM benefit that was lost.
    SELECT sum(CASE WHEN NOT ada_peserta THEN 1 ELSE 0 END) AS tp_n,
           sum(CASE WHEN NOT ada_peserta AND dibayar THEN nominal_dibayar ELSE 0 END) AS tp_rp,
           sum(CASE WHEN luar_masa THEN 1 ELSE 0 END) AS lm_n,
           sum(CASE WHEN luar_masa AND dibayar THEN nominal_dibayar ELSE 0 END) AS lm_rp,
           sum(CASE WHEN status = 'DITOLAK' AND saat_tunggakan THEN 1 ELSE 0 END) AS dt_n,
           sum(CASE WHEN status = 'DITOLAK' AND saat_tunggakan AND program = 'JKM' THEN $manfaat_jkm ELSE 0 END)
               AS dt_rp
    FROM klaim
), sp2d_ulang AS (
    SELECT count(*) AS n, sum(nominal) AS rp
    FROM sp2d
    WHERE ganda AND tgl_sp2d BETWEEN $awal_tahun AND $tgl_akhir_bulan
), ditolak AS (
    -- quarantined rows (each once) of the imports in force: those the current figures use, and
    -- those that loaded no row at all
    SELECT count(*) AS n FROM (
        SELECT DISTINCT k.impor_id, k.baris
        FROM karantina k
        JOIN impor i ON i.impor_id = k.impor_id
        WHERE i.baris_dimuat = 0 OR k.impor_id IN (SELECT impor_id FROM impor_dipakai)
    ) t
)
-- The findings in a fixed order (urut), returned without it.
SELECT kode_temuan, jumlah, nominal,
       CAST($kecamatan AS VARCHAR) IS NOT NULL AND kode_temuan IN ('SP2D_GANDA', 'BARIS_DITOLAK') AS seluruh_kota
FROM (
    SELECT 1 AS urut, 'NIK_TIDAK_VALID' AS kode_temuan, (SELECT tidak_valid FROM nik) AS jumlah, 0 AS nominal
    UNION ALL SELECT 2, 'NIK_LUAR_KOTA', (SELECT luar_kota FROM nik), 0
    UNION ALL SELECT 3, 'NIK_GANDA_AKTIF', (SELECT count(*) FROM nik_ganda), 0
    UNION ALL SELECT 4, 'IURAN_LUAR_MASA', lm_n, lm_rp FROM iuran_tahun
    UNION ALL SELECT 5, 'IURAN_TANPA_PESERTA', tp_n, tp_rp FROM iuran_tahun
    UNION ALL SELECT 6, 'IURAN_GANDA', g_n, g_rp FROM iuran_tahun
    UNION ALL SELECT 7, 'KLAIM_TANPA_PESERTA', tp_n, tp_rp FROM klaim_tahun
    UNION ALL SELECT 8, 'KLAIM_LUAR_MASA', lm_n, lm_rp FROM klaim_tahun
    UNION ALL SELECT 9, 'KLAIM_DITOLAK_TUNGGAKAN', dt_n, dt_rp FROM klaim_tahun
    UNION ALL SELECT 10, 'SP2D_GANDA', n, rp FROM sp2d_ulang
    UNION ALL SELECT 11, 'BARIS_DITOLAK', n, 0 FROM ditolak
) t
ORDER BY urut
