-- temuan_rincian: the rows behind one finding code, for as-of M (same rules as temuan.sql).
-- Identifiers are masked by the caller; the NIK itself is never stored, only its hash.
WITH aktif AS (
    -- only people with more than one registration (reg_ganda) can have two active at D
    SELECT * FROM reg_ganda
    WHERE tgl_mulai <= $tgl_akhir_bulan AND (tgl_akhir IS NULL OR tgl_akhir >= $tgl_akhir_bulan)
), ganda_aktif AS (
    SELECT nik_id FROM aktif GROUP BY nik_id HAVING count(*) > 1
)
SELECT * FROM (
    SELECT 'NIK_TIDAK_VALID' AS kode_temuan, r.no_kpj AS rujukan, r.kode_kecamatan, r.segmen,
           r.tgl_mulai AS tanggal, CAST(0 AS DECIMAL(18, 2)) AS nominal, 'NIK bukan 16 digit' AS keterangan
    FROM reg r WHERE NOT r.nik_16digit
    UNION ALL
    SELECT 'NIK_LUAR_KOTA', r.no_kpj, r.kode_kecamatan, r.segmen, r.tgl_mulai, 0,
           'NIK berawalan ' || r.nik_prefiks
    FROM reg r WHERE r.nik_16digit AND r.nik_prefiks <> '3275'
    UNION ALL
    SELECT 'NIK_GANDA_AKTIF', a.no_kpj, a.kode_kecamatan, a.segmen, a.tgl_mulai, 0,
           'NIK yang sama aktif di lebih dari satu KPJ'
    FROM aktif a JOIN ganda_aktif g ON g.nik_id = a.nik_id
    UNION ALL
    SELECT CASE WHEN NOT i.ada_peserta THEN 'IURAN_TANPA_PESERTA'
                WHEN NOT i.dalam_masa THEN 'IURAN_LUAR_MASA' ELSE 'IURAN_GANDA' END,
           i.no_kpj, i.kode_kecamatan, i.segmen, i.periode, i.nominal,
           'tagihan periode ' || strftime(i.periode, '%Y-%m')
    FROM iuran_temuan i
    WHERE i.periode BETWEEN $awal_tahun AND $bulan
    UNION ALL
    SELECT CASE WHEN NOT c.ada_peserta THEN 'KLAIM_TANPA_PESERTA' ELSE 'KLAIM_LUAR_MASA' END,
           c.no_klaim, c.kode_kecamatan, c.segmen, c.tgl_kejadian,
           CASE WHEN c.status = 'DIBAYAR' AND c.tgl_bayar <= $tgl_akhir_bulan THEN c.nominal_dibayar ELSE 0 END,
           c.program || ' ' || c.status || ', KPJ ' || c.no_kpj
    FROM klaim_rinci c
    WHERE c.tgl_pengajuan BETWEEN $awal_tahun AND $tgl_akhir_bulan AND (NOT c.ada_peserta OR c.luar_masa)
    UNION ALL
    SELECT 'SP2D_GANDA', s.no_sp2d, NULL, NULL, s.tgl_sp2d, s.nominal, 'rekening ' || s.kode_rekening
    FROM sp2d s WHERE s.ganda
) t
WHERE kode_temuan = $kode
  -- SP2D are city-wide (as in temuan.sql): a kecamatan filter does not hide them.
  AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan OR kode_temuan = 'SP2D_GANDA')
ORDER BY tanggal, rujukan
LIMIT 5000
