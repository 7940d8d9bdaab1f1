-- temuan_rincian: the rows behind one finding code, for as-of M (same rules as temuan.sql).
-- Identifiers are masked by the caller; the NIK itself is never stored, only its hash.
WITH aktif AS (
    -- only people with more than one registration (reg_ganda) can have two active at D
    SELECT * FROM reg_ganda
    WHERE tgl_mulai <= $tgl_akhir_bulan AND (tgl_akhir IS NULL OR tgl_akhir >= $tgl_akhir_bulan)
), ganda_aktif AS (
    SELECT nik_id FROM aktif GROUP BY nik_id HAVING count(*) > 1
), nik AS (
    SELECT * FROM nik_temuan
    WHERE tgl_mulai <= $tgl_akhir_bulan AND (tgl_akhir IS NULL OR tgl_akhir >= $awal_tahun)
)
SELECT * FROM (
    SELECT 'NIK_TIDAK_VALID' AS kode_temuan, n.no_kpj AS rujukan, n.kode_kecamatan, n.segmen,
           n.tgl_mulai AS tanggal, CAST(0 AS DECIMAL(18, 2)) AS nominal, 'NIK bukan 16 digit' AS keterangan
    FROM nik n WHERE n.tidak_valid
    UNION ALL
    SELECT 'NIK_LUAR_KOTA', n.no_kpj, n.kode_kecamatan, n.segmen, n.tgl_mulai, 0,
           'NIK berkode wilayah ' || n.nik_prefiks || ' — periksa domisili KTP/KK'
    FROM nik n WHERE n.luar_kota
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
    SELECT 'KLAIM_DITOLAK_TUNGGAKAN', c.no_klaim, c.kode_kecamatan, c.segmen, c.tgl_kejadian,
           CASE WHEN c.program = 'JKM' THEN $manfaat_jkm ELSE 0 END,
           c.program || ' DITOLAK, KPJ ' || c.no_kpj || ', tidak terlindungi ' || strftime(k.bulan, '%Y-%m')
               || ' (iuran 3 bulan belum lunas)' || coalesce(': ' || c.alasan_tolak, '')
    FROM klaim_rinci c
    JOIN kalender k ON c.tgl_kejadian BETWEEN k.bulan AND k.akhir_bulan
    JOIN reg_tanpa_lindung t ON t.no_kpj = c.no_kpj AND t.bulan = k.bulan
    WHERE c.status = 'DITOLAK' AND c.tgl_pengajuan BETWEEN $awal_tahun AND $tgl_akhir_bulan
    UNION ALL
    SELECT 'SP2D_GANDA', s.no_sp2d, NULL, NULL, s.tgl_sp2d, s.nominal, 'rekening ' || s.kode_rekening
    FROM sp2d s WHERE s.ganda AND s.tgl_sp2d BETWEEN $awal_tahun AND $tgl_akhir_bulan
) t
WHERE kode_temuan = $kode
  -- SP2D are city-wide (as in temuan.sql): a kecamatan filter does not hide them.
  AND (CAST($kecamatan AS VARCHAR) IS NULL OR kode_kecamatan = $kecamatan OR kode_temuan = 'SP2D_GANDA')
ORDER BY tanggal, rujukan
LIMIT 5000
