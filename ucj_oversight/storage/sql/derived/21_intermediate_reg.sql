-- Intermediate: registrations and people per month, people with several registrations, NIK findings.

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

-- NIK_TIDAK_VALID / NIK_LUAR_KOTA: the registrations whose NIK is not 16 digits or does not carry
-- the code of Kota Bekasi (3275), with their cover dates: a figure counts the people (nik_id)
-- among those whose cover overlaps the as-of year up to D.
CREATE OR REPLACE TABLE nik_temuan AS
SELECT nik_id, no_kpj, kode_kecamatan, segmen, tgl_mulai, tgl_akhir, nik_prefiks,
       NOT nik_16digit AS tidak_valid,
       (nik_16digit AND nik_prefiks <> '3275') AS luar_kota
FROM reg
WHERE NOT nik_16digit OR nik_prefiks <> '3275';
