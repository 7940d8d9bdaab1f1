-- perlindungan_kecamatan: per kecamatan, the people active at D (the person rule of
-- cakupan_kecamatan) and those of them not protected in M because the city had not paid: the
-- registration the person counts at was billed for M-2, M-1 and M and none of those invoices
-- was paid in full by the end of M (reg_tanpa_lindung); and the registration-months without
-- protection from January of Y to M. Parameters: bulan (M), segmen, kecamatan (NULL = all).
WITH orang AS (
    {{orang_kecamatan}}
), calon AS (
    -- registrations unprotected in M that are active at D
    SELECT t.no_kpj, t.nik_id, t.kode_kecamatan, t.segmen, r.tgl_mulai
    FROM reg_tanpa_lindung t
    JOIN reg r ON r.no_kpj = t.no_kpj
    WHERE t.bulan = $bulan AND r.tgl_mulai <= $tgl_akhir_bulan
      AND (r.tgl_akhir IS NULL OR r.tgl_akhir >= $tgl_akhir_bulan)
), dipakai AS (
    -- the person rule: only the registration a person counts at (no other active registration of
    -- the same NIK with a later tgl_mulai, or the same tgl_mulai and a larger no_kpj)
    SELECT c.* FROM calon c
    WHERE NOT EXISTS (
        SELECT 1 FROM reg_ganda g
        WHERE g.nik_id = c.nik_id AND g.no_kpj <> c.no_kpj
          AND g.tgl_mulai <= $tgl_akhir_bulan AND (g.tgl_akhir IS NULL OR g.tgl_akhir >= $tgl_akhir_bulan)
          AND (g.tgl_mulai > c.tgl_mulai OR (g.tgl_mulai = c.tgl_mulai AND g.no_kpj > c.no_kpj))
    )
), tanpa AS (
    SELECT kode_kecamatan, count(*) AS tidak_terlindungi
    FROM dipakai
    WHERE CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen
    GROUP BY kode_kecamatan
), bulan_tahun AS (
    SELECT kode_kecamatan, count(*) AS registrasi_bulan
    FROM reg_tanpa_lindung
    WHERE bulan BETWEEN $awal_tahun AND $bulan
      AND (CAST($segmen AS VARCHAR) IS NULL OR segmen = $segmen)
    GROUP BY kode_kecamatan
)
SELECT w.kode_kecamatan, w.nama_kecamatan,
       coalesce(o.peserta_aktif, 0) AS peserta_aktif,
       coalesce(t.tidak_terlindungi, 0) AS tidak_terlindungi,
       coalesce(b.registrasi_bulan, 0) AS registrasi_bulan_tanpa_lindung
FROM wilayah_kecamatan w
LEFT JOIN orang o ON o.kode_kecamatan = w.kode_kecamatan
LEFT JOIN tanpa t ON t.kode_kecamatan = w.kode_kecamatan
LEFT JOIN bulan_tahun b ON b.kode_kecamatan = w.kode_kecamatan
WHERE CAST($kecamatan AS VARCHAR) IS NULL OR w.kode_kecamatan = $kecamatan
ORDER BY w.kode_kecamatan
