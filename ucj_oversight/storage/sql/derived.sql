-- Derived layer, rebuilt inside the import transaction after every import run, so that
-- pages only aggregate small, already-checked tables. Each table states the rule it applies;
-- docs/methodology.md explains the same rules for readers.

-- Current registration per no_kpj: the row from the newest import that lists it (a later
-- extract updates an earlier one, e.g. when tgl_akhir is filled in).
CREATE OR REPLACE TABLE reg AS
WITH kini AS (
    SELECT impor_id, baris, no_kpj, nik_hash, nik_16digit, nik_prefiks, tgl_lahir, jenis_kelamin,
           kode_kecamatan, kode_kelurahan, coalesce(segmen, 'TIDAK_DIKETAHUI') AS segmen,
           tgl_mulai, tgl_akhir, status
    FROM (
        SELECT p.*, row_number() OVER (PARTITION BY no_kpj ORDER BY impor_id DESC, baris) AS urut
        FROM peserta p
    ) t
    WHERE urut = 1
), nik AS (
    -- An integer key per person (NIK hash): grouping and ranking on 8 bytes instead of a
    -- 64-character string. Only valid within one rebuild; the hash stays for audit.
    SELECT nik_hash, row_number() OVER (ORDER BY nik_hash) AS nik_id,
           count_reg > 1 AS nik_ganda
    FROM (SELECT nik_hash, count(*) AS count_reg FROM kini GROUP BY nik_hash) t
)
SELECT k.*, n.nik_id, n.nik_ganda
FROM kini k JOIN nik n ON n.nik_hash = k.nik_hash;

-- Billing: a month's invoice comes from the newest import that contains that month
-- (a re-issued invoice replaces the earlier one instead of being added to it).
CREATE OR REPLACE TABLE iuran_rinci AS
WITH terbaru AS (
    SELECT periode, max(impor_id) AS impor_id FROM iuran GROUP BY periode
), j AS (
    SELECT i.impor_id, i.baris, i.periode, i.no_kpj, i.nominal,
           r.nik_id, r.kode_kecamatan, r.segmen, r.tgl_mulai,
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
            PARTITION BY periode, nik_id, dalam_masa
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

-- Registrations and people per month, as events (what changes in each month), so that a page
-- adds up a few thousand rows instead of scanning every registration. For month M with last
-- day D, summing a d_* column over bulan <= M gives its value at M:
--   d_aktif     registrations active at D (tgl_mulai <= D and tgl_akhir empty or >= D);
--   d_tertagih  registrations whose cover overlaps month M (billable for M);
--   d_orang     people active at D under the person rule of coverage: a NIK with several
--               active registrations counts once, where the registration with the latest
--               tgl_mulai (tie: largest no_kpj) is;
-- baru and keluar are not cumulative: registrations starting / ending in month M.
CREATE OR REPLACE TABLE reg_bulanan AS
WITH r AS (
    SELECT no_kpj, nik_id, nik_ganda, kode_kecamatan, kode_kelurahan, segmen, tgl_mulai,
           CAST(date_trunc('month', tgl_mulai) AS DATE) AS bln_mulai,
           CAST(date_trunc('month', tgl_akhir) AS DATE) AS bln_akhir,
           -- first month at whose end the registration is no longer active
           CASE WHEN tgl_akhir IS NULL THEN NULL
                WHEN tgl_akhir = last_day(tgl_akhir)
                    THEN CAST(date_trunc('month', tgl_akhir) + INTERVAL 1 MONTH AS DATE)
                ELSE CAST(date_trunc('month', tgl_akhir) AS DATE) END AS bln_lepas
    FROM reg
), titik AS (
    -- People with several registrations: the months where their set of active registrations
    -- can change, each with the next such month.
    SELECT nik_id, bulan, lead(bulan) OVER (PARTITION BY nik_id ORDER BY bulan) AS berikut
    FROM (SELECT nik_id, bln_mulai AS bulan FROM r WHERE nik_ganda
          UNION SELECT nik_id, bln_lepas FROM r WHERE nik_ganda AND bln_lepas IS NOT NULL) t
), pilih AS (
    -- From each such month until the next one, the person counts at one registration.
    SELECT t.bulan, t.berikut, r.kode_kecamatan, r.kode_kelurahan, r.segmen,
           row_number() OVER (PARTITION BY t.nik_id, t.bulan ORDER BY r.tgl_mulai DESC, r.no_kpj DESC) AS urut
    FROM titik t
    JOIN r ON r.nik_id = t.nik_id AND r.bln_mulai <= t.bulan AND (r.bln_lepas IS NULL OR r.bln_lepas > t.bulan)
), peristiwa AS (
    SELECT bln_mulai AS bulan, kode_kecamatan, kode_kelurahan, segmen,
           1 AS d_aktif, 1 AS d_tertagih, CASE WHEN nik_ganda THEN 0 ELSE 1 END AS d_orang,
           1 AS baru, 0 AS keluar
    FROM r
    UNION ALL
    SELECT bln_lepas, kode_kecamatan, kode_kelurahan, segmen,
           -1, 0, CASE WHEN nik_ganda THEN 0 ELSE -1 END, 0, 0
    FROM r WHERE bln_lepas IS NOT NULL
    UNION ALL
    SELECT CAST(bln_akhir + INTERVAL 1 MONTH AS DATE), kode_kecamatan, kode_kelurahan, segmen, 0, -1, 0, 0, 0
    FROM r WHERE bln_akhir IS NOT NULL
    UNION ALL
    SELECT bln_akhir, kode_kecamatan, kode_kelurahan, segmen, 0, 0, 0, 0, 1
    FROM r WHERE bln_akhir IS NOT NULL
    UNION ALL
    SELECT bulan, kode_kecamatan, kode_kelurahan, segmen, 0, 0, 1, 0, 0 FROM pilih WHERE urut = 1
    UNION ALL
    SELECT berikut, kode_kecamatan, kode_kelurahan, segmen, 0, 0, -1, 0, 0
    FROM pilih WHERE urut = 1 AND berikut IS NOT NULL
)
SELECT bulan, kode_kecamatan, kode_kelurahan, segmen,
       sum(d_aktif) AS d_aktif, sum(d_tertagih) AS d_tertagih, sum(d_orang) AS d_orang,
       sum(baru) AS baru, sum(keluar) AS keluar
FROM peristiwa
GROUP BY bulan, kode_kecamatan, kode_kelurahan, segmen;

-- The registrations of people (NIK) with more than one: all that NIK_GANDA_AKTIF looks at.
CREATE OR REPLACE TABLE reg_ganda AS
SELECT nik_id, no_kpj, kode_kecamatan, kode_kelurahan, segmen, tgl_mulai, tgl_akhir
FROM reg WHERE nik_ganda;

-- NIK_TIDAK_VALID / NIK_LUAR_KOTA (they do not depend on the as-of date): people counted
-- city-wide (kode_kecamatan NULL) and per kecamatan where they have any registration.
CREATE OR REPLACE TABLE nik_temuan AS
WITH nik AS (
    SELECT nik_id,
           max(CASE WHEN nik_16digit THEN 0 ELSE 1 END) AS tidak_valid,
           max(CASE WHEN nik_16digit AND nik_prefiks <> '3275' THEN 1 ELSE 0 END) AS luar_kota
    FROM reg GROUP BY nik_id
), nik_kec AS (
    SELECT DISTINCT nik_id, kode_kecamatan FROM reg
)
SELECT CAST(NULL AS VARCHAR) AS kode_kecamatan, sum(tidak_valid) AS tidak_valid, sum(luar_kota) AS luar_kota
FROM nik
UNION ALL
SELECT k.kode_kecamatan, sum(n.tidak_valid), sum(n.luar_kota)
FROM nik_kec k JOIN nik n ON n.nik_id = k.nik_id
GROUP BY k.kode_kecamatan;

-- Billing rows with a finding (the rows behind IURAN_* in temuan_rincian), so the drill-down
-- does not scan every billing row.
CREATE OR REPLACE TABLE iuran_temuan AS
SELECT impor_id, baris, periode, no_kpj, nominal, kode_kecamatan, segmen, ada_peserta, dalam_masa, ganda
FROM iuran_rinci
WHERE NOT ada_peserta OR NOT dalam_masa OR ganda;

-- The imports whose rows the current layer uses (sumber_impor), so that listing the sources
-- of the figures does not scan every billing row.
CREATE OR REPLACE TABLE impor_dipakai AS
SELECT DISTINCT impor_id FROM reg
UNION SELECT DISTINCT impor_id FROM iuran_rinci
UNION SELECT DISTINCT impor_id FROM sp2d
UNION SELECT DISTINCT impor_id FROM anggaran_kini
UNION SELECT DISTINCT impor_id FROM sasaran_kini
UNION SELECT DISTINCT impor_id FROM klaim_rinci;
