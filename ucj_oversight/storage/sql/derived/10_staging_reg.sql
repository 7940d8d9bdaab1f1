-- Staging: the current version of each registration (peserta), with an integer key per person.
--
-- Derived layer, rebuilt inside the import transaction after every import run (db.build_derived
-- runs the files of sql/derived/ in name order: staging, then intermediate), so that pages only
-- aggregate small, already-checked tables. Each table states the rule it applies;
-- docs/methodology.md explains the same rules for readers.

-- Current registration per no_kpj: the row from the newest import that lists it (a later
-- extract updates an earlier one, e.g. when tgl_akhir is filled in).
CREATE OR REPLACE TABLE reg AS
WITH kini AS (
    SELECT impor_id, baris, no_kpj, nik_hash, nik_16digit, nik_prefiks, tgl_lahir, jenis_kelamin,
           kode_kecamatan, kode_kelurahan, coalesce(segmen, 'TIDAK_DIKETAHUI') AS segmen,
           tgl_mulai, tgl_akhir, status, tgl_nonaktif
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
