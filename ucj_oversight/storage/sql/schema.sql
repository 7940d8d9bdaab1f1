-- Storage layer: one table per extract kind, as loaded (typed, never raw NIK or names),
-- plus the import log and the quarantine. Every row knows the import it came from.
CREATE TABLE IF NOT EXISTS meta (
    kunci VARCHAR PRIMARY KEY,
    nilai VARCHAR
);

CREATE TABLE IF NOT EXISTS impor (
    impor_id          INTEGER PRIMARY KEY,
    nama_file         VARCHAR NOT NULL,
    sha256            VARCHAR NOT NULL UNIQUE,
    jenis             VARCHAR NOT NULL,
    ukuran_byte       BIGINT NOT NULL,
    baris_dibaca      BIGINT NOT NULL,
    baris_dimuat      BIGINT NOT NULL,
    baris_dikarantina BIGINT NOT NULL,
    waktu             TIMESTAMP NOT NULL,
    simulasi          BOOLEAN NOT NULL,
    kunci_nik_dev     BOOLEAN NOT NULL,
    -- control totals of the file's JUMLAH/TOTAL rows in one line (NULL without any); added
    -- to older databases by db.create_schema
    kontrol           VARCHAR
);

CREATE TABLE IF NOT EXISTS karantina (
    impor_id INTEGER NOT NULL,
    baris    BIGINT NOT NULL,
    kolom    VARCHAR,
    alasan   VARCHAR NOT NULL,
    nilai    VARCHAR
);

CREATE TABLE IF NOT EXISTS peserta (
    impor_id       INTEGER NOT NULL,
    baris          BIGINT NOT NULL,
    no_kpj         VARCHAR NOT NULL,
    nik_hash       VARCHAR NOT NULL,
    nik_16digit    BOOLEAN NOT NULL,
    nik_prefiks    VARCHAR,
    tgl_lahir      DATE,
    jenis_kelamin  VARCHAR,
    kode_kecamatan VARCHAR NOT NULL,
    kode_kelurahan VARCHAR,
    segmen         VARCHAR,
    tgl_mulai      DATE NOT NULL,
    tgl_akhir      DATE,
    status         VARCHAR,
    -- BPJS's date of the NONAKTIF status (a status date, not an end of cover; optional); added
    -- to older databases by db.create_schema
    tgl_nonaktif   DATE
);

CREATE TABLE IF NOT EXISTS sasaran (
    impor_id       INTEGER NOT NULL,
    baris          BIGINT NOT NULL,
    tahun          INTEGER NOT NULL,
    kode_kecamatan VARCHAR NOT NULL,
    segmen         VARCHAR,
    jumlah_sasaran BIGINT NOT NULL,
    -- all vulnerable workers of the row's area and where the number comes from (optional);
    -- added to older databases by db.create_schema
    jumlah_semesta BIGINT,
    sumber_semesta VARCHAR
);

CREATE TABLE IF NOT EXISTS iuran (
    impor_id INTEGER NOT NULL,
    baris    BIGINT NOT NULL,
    periode  DATE NOT NULL,
    no_kpj   VARCHAR NOT NULL,
    nominal  DECIMAL(18, 2) NOT NULL
);

CREATE TABLE IF NOT EXISTS anggaran (
    impor_id      INTEGER NOT NULL,
    baris         BIGINT NOT NULL,
    tahun         INTEGER NOT NULL,
    kode_rekening VARCHAR NOT NULL,
    uraian        VARCHAR,
    jenis         VARCHAR NOT NULL,
    tgl_penetapan DATE NOT NULL,
    pagu          DECIMAL(18, 2) NOT NULL
);

CREATE TABLE IF NOT EXISTS realisasi (
    impor_id        INTEGER NOT NULL,
    baris           BIGINT NOT NULL,
    no_sp2d         VARCHAR NOT NULL,
    tgl_sp2d        DATE NOT NULL,
    kode_rekening   VARCHAR NOT NULL,
    nominal         DECIMAL(18, 2) NOT NULL,
    periode_tagihan DATE
);

CREATE TABLE IF NOT EXISTS klaim (
    impor_id        INTEGER NOT NULL,
    baris           BIGINT NOT NULL,
    no_klaim        VARCHAR NOT NULL,
    no_kpj          VARCHAR NOT NULL,
    program         VARCHAR NOT NULL,
    tgl_kejadian    DATE NOT NULL,
    tgl_pengajuan   DATE NOT NULL,
    tgl_bayar       DATE,
    nominal_dibayar DECIMAL(18, 2) NOT NULL,
    status          VARCHAR NOT NULL,
    -- why a claim was refused (optional); added to older databases by db.create_schema
    alasan_tolak    VARCHAR
);
