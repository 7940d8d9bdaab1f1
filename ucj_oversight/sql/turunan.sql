-- Derived layer, rebuilt inside the import transaction after every import run, so that
-- pages only aggregate small, already-checked tables. Each table states the rule it applies;
-- docs/methodology.md explains the same rules for readers.

-- Current registration per no_kpj: the row from the newest import that lists it (a later
-- extract updates an earlier one, e.g. when tgl_akhir is filled in).
CREATE OR REPLACE TABLE reg AS
SELECT impor_id, baris, no_kpj, nik_hash, nik_16digit, nik_prefiks, tgl_lahir, jenis_kelamin,
       kode_kecamatan, kode_kelurahan, coalesce(segmen, 'TIDAK_DIKETAHUI') AS segmen,
       tgl_mulai, tgl_akhir, status
FROM (
    SELECT p.*, row_number() OVER (PARTITION BY no_kpj ORDER BY impor_id DESC, baris) AS urut
    FROM peserta p
) t
WHERE urut = 1;

-- Billing: a month's invoice comes from the newest import that contains that month
-- (a re-issued invoice replaces the earlier one instead of being added to it).
CREATE OR REPLACE TABLE iuran_rinci AS
WITH terbaru AS (
    SELECT periode, max(impor_id) AS impor_id FROM iuran GROUP BY periode
), j AS (
    SELECT i.impor_id, i.baris, i.periode, i.no_kpj, i.nominal,
           r.nik_hash, r.kode_kecamatan, r.segmen, r.tgl_mulai,
           r.no_kpj IS NOT NULL AS ada_peserta,
           (r.no_kpj IS NOT NULL AND r.tgl_mulai <= k.akhir_bulan
            AND (r.tgl_akhir IS NULL OR r.tgl_akhir >= i.periode)) AS dalam_masa
    FROM iuran i
    JOIN terbaru t ON t.periode = i.periode AND t.impor_id = i.impor_id
    JOIN kalender k ON k.bulan = i.periode
    LEFT JOIN reg r ON r.no_kpj = i.no_kpj
)
SELECT j.*,
       -- IURAN_GANDA: among one person's in-cover rows of a month, all but the row of the
       -- registration with the latest tgl_mulai (tie: largest no_kpj) are double billing.
       (dalam_masa AND row_number() OVER (
            PARTITION BY periode, nik_hash, dalam_masa
            ORDER BY tgl_mulai DESC, no_kpj DESC, impor_id, baris) > 1) AS ganda
FROM j;

CREATE OR REPLACE TABLE iuran_bulanan AS
SELECT periode, kode_kecamatan, segmen,
       count(*) AS baris,
       sum(nominal) AS nominal,
       sum(CASE WHEN NOT ada_peserta THEN 1 ELSE 0 END) AS tanpa_peserta_baris,
       sum(CASE WHEN NOT ada_peserta THEN nominal ELSE 0 END) AS tanpa_peserta_nominal,
       sum(CASE WHEN ada_peserta AND NOT dalam_masa THEN 1 ELSE 0 END) AS luar_masa_baris,
       sum(CASE WHEN ada_peserta AND NOT dalam_masa THEN nominal ELSE 0 END) AS luar_masa_nominal,
       sum(CASE WHEN ganda THEN 1 ELSE 0 END) AS ganda_baris,
       sum(CASE WHEN ganda THEN nominal ELSE 0 END) AS ganda_nominal
FROM iuran_rinci
GROUP BY periode, kode_kecamatan, segmen;

-- SP2D: every loaded row; a no_sp2d seen before (earlier import, or earlier row) is a repeat.
CREATE OR REPLACE TABLE sp2d AS
SELECT r.*, k.bulan AS bulan_sp2d,
       row_number() OVER (PARTITION BY no_sp2d ORDER BY impor_id, baris) > 1 AS ganda
FROM realisasi r
JOIN kalender k ON r.tgl_sp2d BETWEEN k.bulan AND k.akhir_bulan;

-- Budget documents: for each (tahun, kode_rekening, tgl_penetapan) the newest import's rows.
CREATE OR REPLACE TABLE anggaran_kini AS
SELECT a.*
FROM anggaran a
JOIN (SELECT tahun, kode_rekening, tgl_penetapan, max(impor_id) AS impor_id
      FROM anggaran GROUP BY tahun, kode_rekening, tgl_penetapan) t
  ON t.tahun = a.tahun AND t.kode_rekening = a.kode_rekening
 AND t.tgl_penetapan = a.tgl_penetapan AND t.impor_id = a.impor_id;

-- Targets: for each (tahun, kecamatan) the newest import that gives any.
CREATE OR REPLACE TABLE sasaran_kini AS
SELECT s.*
FROM sasaran s
JOIN (SELECT tahun, kode_kecamatan, max(impor_id) AS impor_id
      FROM sasaran GROUP BY tahun, kode_kecamatan) t
  ON t.tahun = s.tahun AND t.kode_kecamatan = s.kode_kecamatan AND t.impor_id = s.impor_id;

-- Claims: the newest import's version of each no_klaim (status moves PROSES -> DIBAYAR),
-- with the registration it refers to.
CREATE OR REPLACE TABLE klaim_rinci AS
SELECT k.impor_id, k.baris, k.no_klaim, k.no_kpj, k.program, k.tgl_kejadian, k.tgl_pengajuan,
       k.tgl_bayar, k.nominal_dibayar, k.status,
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
