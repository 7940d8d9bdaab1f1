-- Staging: the current version of each claim (klaim) with its registration.

-- Claims: the newest import's version of each no_klaim (status moves PROSES -> DIBAYAR),
-- with the registration it refers to.
CREATE OR REPLACE TABLE klaim_rinci AS
SELECT k.impor_id, k.baris, k.no_klaim, k.no_kpj, k.program, k.tgl_kejadian, k.tgl_pengajuan,
       k.tgl_bayar, k.nominal_dibayar, k.status, k.alasan_tolak,
       r.kode_kecamatan, r.kode_kelurahan, r.segmen,
       r.no_kpj IS NOT NULL AS ada_peserta,
       (r.no_kpj IS NOT NULL AND (k.tgl_kejadian < r.tgl_mulai
         OR (r.tgl_akhir IS NOT NULL AND k.tgl_kejadian > r.tgl_akhir))) AS luar_masa
FROM (
    SELECT kl.*, row_number() OVER (PARTITION BY no_klaim ORDER BY impor_id DESC, baris) AS urut
    FROM klaim kl
) k
LEFT JOIN reg r ON r.no_kpj = k.no_kpj
WHERE k.urut = 1;
