"""Ingest: file -> canonical columns -> typed values -> accepted or quarantined -> DuckDB.

Each step is a function of its own so that it can be tested alone. A run is all or nothing:
every file of the run goes into one transaction on a copy of the database (see db.tulis);
a file that cannot be read, or lacks a required column, stops the run and nothing changes.
Rows that cannot be placed are quarantined with file, row, column and reason.

Large files stream: CSV and Parquet are read, typed and inserted batch by batch inside that
transaction, so memory follows the batch, not the file; and each column's distinct texts are
parsed once (parse.per_unik), not every row.
"""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from ucj_oversight.ingest import contract, values
from ucj_oversight.storage import db
from ucj_oversight import privacy, regions
from ucj_oversight.ingest.contract import Kind

EXTENSIONS = (".csv", ".xlsx", ".parquet")


class IngestError(Exception):
    """A file the run cannot use at all. The message is for the person who sent the file."""


@dataclass
class Reading:
    """A file's cells as read: canonical later, untyped now."""
    data: pd.DataFrame            # one column per header, original header names
    baris: np.ndarray             # the row number a person sees (spreadsheet row, header = 1)
    karantina: list[dict] = field(default_factory=list)   # rows the reader itself could not split


@dataclass
class FileReport:
    nama_file: str
    jenis: str
    sha256: str
    baris_dibaca: int = 0
    baris_dimuat: int = 0
    baris_dikarantina: int = 0
    sudah_ada: int | None = None          # impor_id of an earlier identical import
    alasan: dict[str, int] = field(default_factory=dict)   # reason -> rows
    impor_id: int | None = None


@dataclass
class ImportReport:
    files: list[FileReport]
    dry_run: bool
    kunci_dev: bool

    @property
    def baris_dimuat(self) -> int:
        return sum(f.baris_dimuat for f in self.files)

    @property
    def baris_dikarantina(self) -> int:
        return sum(f.baris_dikarantina for f in self.files)


# ---------------------------------------------------------------- reading

def sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for blok in iter(lambda: f.read(1 << 20), b""):
            h.update(blok)
    return h.hexdigest()


# Rows per batch when streaming a Parquet file, and the CSV block (one batch per block; it must
# also hold the longest row of a file, so it stays large). A batch is read, typed and inserted
# before the next is read: memory is bounded by the batch, not by the file.
ROWS_PER_BATCH = 500_000
CSV_BLOCK = 1 << 24


def read_batches(path: Path, baris_per_batch: int | None = None) -> Iterator[Reading]:
    """A file's rows as consecutive batches (CSV by block, Parquet by baris_per_batch rows, XLSX
    whole), each with the row numbers a person sees and the rows the reader set aside. At least
    one batch (maybe without rows), so that a file without data still has its header checked.
    A reader failure, also one halfway through the file, is an IngestError."""
    ext = path.suffix.lower()
    if ext == ".csv":
        tahap = _baca_csv(path)
    elif ext == ".xlsx":
        tahap = _satu(_baca_xlsx, path)   # Excel files are small: read whole
    elif ext == ".parquet":
        tahap = _baca_parquet(path, baris_per_batch or ROWS_PER_BATCH)
    else:
        raise IngestError(f"{path.name}: jenis file {ext or '(tanpa ekstensi)'} tidak didukung; "
                          f"gunakan CSV, XLSX atau Parquet")
    while True:
        try:
            bacaan = next(tahap)
        except StopIteration:
            return
        except IngestError:
            raise
        except Exception as e:  # any reader failure is the file's fault, reported plainly
            raise IngestError(f"{path.name}: file tidak dapat dibaca sebagai {ext[1:].upper()} "
                              f"({type(e).__name__}: {str(e)[:200]})") from None
        yield bacaan


def _satu(baca: Callable[[Path], Reading], path: Path) -> Iterator[Reading]:
    yield baca(path)


def read_file(path: Path) -> Reading:
    """The whole file at once (the batches of baca_bertahap joined)."""
    bagian = list(read_batches(path))
    if len(bagian) == 1:
        return bagian[0]
    data = pd.concat([b.data for b in bagian], ignore_index=True)
    return Reading(data, np.concatenate([b.baris for b in bagian]),
                  [r for b in bagian for r in b.karantina])


def _baca_csv(path: Path) -> Iterator[Reading]:
    with open(path, "rb") as f:
        awal = f.read(1 << 16)
    if not awal.strip():
        raise IngestError(f"{path.name}: file kosong")
    if b"\x00" in awal:
        raise IngestError(f"{path.name}: bukan file teks CSV (berisi byte biner)")
    try:
        teks_awal = awal.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        if len(awal) < (1 << 16) or e.start < len(awal) - 4:
            raise IngestError(f"{path.name}: bukan teks UTF-8 (byte ke-{e.start + 1}); simpan ulang "
                              f"sebagai 'CSV UTF-8'") from None
        teks_awal = awal[: e.start].decode("utf-8-sig")
    baris_header = teks_awal.splitlines()[0] if teks_awal.splitlines() else ""
    # Comma or semicolon: whichever splits the header into more columns (Excel in id-ID uses ';').
    pemisah = ";" if baris_header.count(";") > baris_header.count(",") else ","
    header = next(csv.reader([baris_header], delimiter=pemisah))
    nama_kolom = [h.replace("\ufeff", "") for h in header]
    if not any(h.strip() for h in nama_kolom):
        raise IngestError(f"{path.name}: baris pertama (header) kosong")
    kolom = nama_kolom if len(set(nama_kolom)) == len(nama_kolom) else _unik(nama_kolom)

    rusak: list[dict] = []      # rows with the wrong number of cells, not yet handed out
    lewati: set[int] = set()    # numbers of rows that are not data (wrong width, blank line)

    def baris_rusak(row: pacsv.InvalidRow) -> str:
        lewati.add(row.number)
        if not row.text.strip(" \t\r" + pemisah):
            return "skip"       # a blank line: not data, but it still counts in the numbering
        rusak.append({"baris": row.number, "kolom": None,
                      "alasan": f"jumlah kolom {row.actual_columns}, seharusnya {row.expected_columns}",
                      "nilai": None})
        return "skip"

    pembaca = pacsv.open_csv(
        path,
        read_options=pacsv.ReadOptions(column_names=[f"c{i}" for i in range(len(nama_kolom))],
                                       skip_rows=1, block_size=CSV_BLOCK,
                                       # single-threaded: the only mode that reports row numbers
                                       use_threads=False),
        parse_options=pacsv.ParseOptions(delimiter=pemisah, invalid_row_handler=baris_rusak,
                                         newlines_in_values=True, ignore_empty_lines=False),
        convert_options=pacsv.ConvertOptions(
            column_types={f"c{i}": pa.string() for i in range(len(nama_kolom))},
            strings_can_be_null=False, quoted_strings_can_be_null=False),
    )
    # Row numbers as a spreadsheet shows them (header = 1): the good rows take 2, 3, ... in
    # order, skipping the numbers of the rows set aside. The reader reports the rows it sets
    # aside while it parses a block, i.e. before it hands out that block's batch.
    berikut = 2
    ada = False
    for batch in pembaca:
        data = batch.to_pandas()
        data.columns = kolom
        nomor, berikut = _nomor_baris(berikut, len(data), lewati)
        data, nomor = _buang_baris_kosong(data, nomor)
        keluar, rusak[:] = list(rusak), []
        ada = True
        yield Reading(data, nomor, keluar)
    if rusak or not ada:
        kosong = pembaca.schema.empty_table().to_pandas()
        kosong.columns = kolom
        yield Reading(kosong, np.zeros(0, dtype=np.int64), list(rusak))


def _nomor_baris(berikut: int, n: int, lewati: set[int]) -> tuple[np.ndarray, int]:
    """n consecutive row numbers from berikut on, without those in lewati; and the next one.
    Numbers below the next one are dropped from lewati (it only holds those still ahead)."""
    lompat = np.fromiter((x for x in lewati if x >= berikut), dtype=np.int64)
    calon = np.arange(berikut, berikut + n + len(lompat), dtype=np.int64)
    if len(lompat):
        calon = calon[~np.isin(calon, lompat)]
    nomor = calon[:n]
    if n:
        berikut = int(nomor[-1]) + 1
        for x in [x for x in lewati if x < berikut]:
            lewati.discard(x)
    return nomor, berikut


def _unik(nama: list[str]) -> list[str]:
    hasil, lihat = [], {}
    for n in nama:
        lihat[n] = lihat.get(n, 0) + 1
        hasil.append(n if lihat[n] == 1 else f"{n}__{lihat[n]}")
    return hasil


def _buang_baris_kosong(data: pd.DataFrame, nomor: np.ndarray) -> tuple[pd.DataFrame, np.ndarray]:
    """Rows with no value at all are not data (trailing blank lines in Excel exports)."""
    if data.empty:
        return data, nomor
    kosong = np.ones(len(data), dtype=bool)
    for c in data.columns:
        kosong &= values.per_unique(values.to_text, data[c]).eq("").to_numpy()
    if kosong.any():
        data = data.loc[~kosong].reset_index(drop=True)
        nomor = nomor[~kosong]
    return data, nomor


# Guards before calamine opens an XLSX: it expands the sheet into a dense grid from A1 to the
# largest cell reference, so one cell at XFD1048576 in a tiny file asks for ~512 GB and aborts
# the whole process (not an exception). Excel itself has at most 1,048,576 rows.
XLSX_MAX_BYTES = 1 << 30          # total uncompressed size of all parts
XLSX_MAX_CELLS = 30_000_000        # rows x columns of the cell grid of a sheet
_REF_SEL = re.compile(rb"<(?:\w+:)?c\b[^>]*?\sr=\"([A-Z]{1,3})([0-9]{1,7})\"")
_REF_BARIS = re.compile(rb"<(?:\w+:)?row\b[^>]*?\sr=\"([0-9]{1,7})\"")


def _kolom_angka(huruf: bytes) -> int:
    n = 0
    for b in huruf:
        n = n * 26 + (b - 64)
    return n


def _cek_xlsx(path: Path) -> None:
    """Refuse zip bombs and sheets whose cell grid would not fit in memory, before parsing."""
    import zipfile
    try:
        arsip = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise IngestError(f"{path.name}: bukan file XLSX yang utuh (arsip zip rusak atau terpotong: {e})") from None
    with arsip:
        total = sum(max(i.file_size, 0) for i in arsip.infolist())
        if total > XLSX_MAX_BYTES:
            raise IngestError(f"{path.name}: isi XLSX {total / 2**20:,.0f} MB setelah dibuka, melebihi batas "
                              f"{XLSX_MAX_BYTES / 2**20:,.0f} MB; pecah menjadi beberapa file atau kirim CSV")
        dibaca = 0
        for info in arsip.infolist():
            nama = info.filename.lower()
            if not nama.endswith(".xml") or "sharedstrings" in nama or "styles" in nama:
                continue
            maks_baris = maks_kolom = 0
            sisa = b""
            with arsip.open(info) as f:
                while True:
                    blok = f.read(1 << 22)
                    if not blok:
                        break
                    dibaca += len(blok)
                    if dibaca > XLSX_MAX_BYTES:     # the sizes in the zip directory lied
                        raise IngestError(f"{path.name}: isi XLSX melebihi batas "
                                          f"{XLSX_MAX_BYTES / 2**20:,.0f} MB setelah dibuka")
                    teks = sisa + blok
                    for m in _REF_SEL.finditer(teks):
                        maks_kolom = max(maks_kolom, _kolom_angka(m.group(1)))
                        maks_baris = max(maks_baris, int(m.group(2)))
                    for m in _REF_BARIS.finditer(teks):
                        maks_baris = max(maks_baris, int(m.group(1)))
                    sisa = teks[-256:]
            if maks_baris * max(maks_kolom, 1) > XLSX_MAX_CELLS:
                raise IngestError(f"{path.name}: sheet sampai sel baris {maks_baris:,} kolom {maks_kolom:,} "
                                  f"(lebih dari {XLSX_MAX_CELLS:,} sel); hapus sel jauh di luar tabel "
                                  f"atau kirim CSV".replace(",", "."))


def _baca_xlsx(path: Path) -> Reading:
    from python_calamine import CalamineWorkbook

    _cek_xlsx(path)
    buku = CalamineWorkbook.from_path(str(path))
    if not buku.sheet_names:
        raise IngestError(f"{path.name}: tidak ada sheet")
    sheet = buku.get_sheet_by_index(0)
    baris = sheet.to_python(skip_empty_area=False)
    # The header is the first row that has anything in it.
    i_header = next((i for i, r in enumerate(baris) if any(str(v).strip() for v in r)), None)
    if i_header is None:
        raise IngestError(f"{path.name}: sheet pertama kosong")
    header = [str(v).strip() for v in baris[i_header]]
    isi = baris[i_header + 1:]
    lebar = len(header)
    data = pd.DataFrame([list(r[:lebar]) + [""] * (lebar - len(r)) for r in isi],
                        columns=_unik(header), dtype=object)
    nomor = np.arange(i_header + 2, i_header + 2 + len(isi))
    data, nomor = _buang_baris_kosong(data, nomor)
    return Reading(data, nomor)


def _baca_parquet(path: Path, baris_per_batch: int) -> Iterator[Reading]:
    berkas = pq.ParquetFile(path)
    awal = 1
    for batch in berkas.iter_batches(batch_size=baris_per_batch):
        # Positional index: an index stored by pandas in the file is not a row number.
        data = batch.to_pandas().reset_index(drop=True)
        yield Reading(data, np.arange(awal, awal + len(data)))
        awal += len(data)
    if awal == 1:
        yield Reading(berkas.schema_arrow.empty_table().to_pandas().reset_index(drop=True),
                     np.zeros(0, dtype=np.int64))


# ---------------------------------------------------------------- canonical columns

def map_columns(bacaan: Reading, jenis: Kind, nama_file: str) -> pd.DataFrame:
    """Rename accepted headers to canonical names; refuse the file if a required one is missing."""
    peta = contract.header_map(jenis)
    ganti: dict[str, str] = {}
    for asli in bacaan.data.columns:
        kanon = peta.get(contract.normalize_header(asli))
        if kanon and kanon not in ganti.values():
            ganti[asli] = kanon
    data = bacaan.data[list(ganti)].rename(columns=ganti)
    ada = set(data.columns)
    kurang = []
    atau = {n for grup in jenis.salah_satu for n in grup}
    for k in jenis.kolom:
        if k.wajib_ada and k.nama not in ada and k.nama not in atau:
            kurang.append(k)
    for grup in jenis.salah_satu:
        if not ada.intersection(grup):
            kurang.append(contract.Column(" atau ".join(grup), contract.TEXT,
                                         keterangan="salah satu harus ada"))
    if kurang:
        daftar = "; ".join(f"'{k.nama}' ({k.keterangan or k.tipe})" for k in kurang)
        ditemukan = ", ".join(f"'{c}'" for c in bacaan.data.columns) or "(tidak ada)"
        raise IngestError(f"{nama_file}: kolom wajib tidak ada untuk jenis '{jenis.nama}': {daftar}. "
                          f"Kolom yang ditemukan: {ditemukan}. Lihat docs/kontrak.md untuk nama "
                          f"dan alias yang diterima.")
    return data


# ---------------------------------------------------------------- typing and checks

class _Pemeriksa:
    """Collects quarantine reasons, one entry per (row, column, reason)."""

    def __init__(self, n: int):
        self.n = n
        self.entri: list[pd.DataFrame] = []
        self.ditolak = np.zeros(n, dtype=bool)

    def tandai(self, mask: pd.Series | np.ndarray, kolom: str | None, alasan: str,
               nilai: pd.Series | None = None) -> None:
        m = np.asarray(mask, dtype=bool)
        if not m.any():
            return
        idx = np.flatnonzero(m)
        nilai_arr = (values.to_text(nilai.iloc[idx]).to_numpy() if nilai is not None
                     else np.full(len(idx), None, dtype=object))
        self.entri.append(pd.DataFrame({"idx": idx, "kolom": kolom, "alasan": alasan,
                                        "nilai": nilai_arr}))
        self.ditolak |= m


_PESAN_TIPE = {
    contract.DATE: "tanggal tidak terbaca (format yang diterima: YYYY-MM-DD, DD/MM/YYYY, sel tanggal Excel)",
    contract.PERIOD: "periode tidak terbaca (format yang diterima: YYYY-MM, YYYYMM, MM/YYYY, tanggal)",
    contract.MONEY: "nominal tidak terbaca (contoh yang diterima: 16800, 16.800, Rp 16.800, 16800,00)",
    contract.INTEGER: "bukan bilangan bulat",
    contract.CHOICE: "nilai tidak dikenal",
}


def type_rows(data: pd.DataFrame, jenis: Kind, kunci: privacy.NikKey,
          terlihat: dict[tuple[str, ...], set] | None = None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Typed accepted rows (canonical columns for the storage table) and quarantine entries
    (idx into data, kolom, alasan, nilai). NIK is hashed here; name columns are dropped here.

    Each distinct text of a column is parsed once (parse.per_unik). For a file typed batch by
    batch, pass the same `terlihat` dict to every batch: it keeps the unique keys of the rows
    accepted so far, so that a key repeated in a later batch is quarantined as in one piece."""
    n = len(data)
    cek = _Pemeriksa(n)
    hasil: dict[str, pd.Series] = {}
    kolom = jenis.kolom_dict()
    for nama, k in kolom.items():
        if k.tipe == contract.DISCARDED or k.tipe == contract.KECAMATAN or k.tipe == contract.KELURAHAN:
            continue
        if nama not in data.columns:
            hasil[nama] = pd.Series([None] * n, index=data.index, dtype=object)
            continue
        s = data[nama]
        if k.tipe == contract.NIK:
            bersih = values.per_unique(values.clean_nik, s)
            cek.tandai(bersih.eq(""), nama, "NIK kosong")
            hasil["nik_16digit"] = bersih.str.fullmatch(r"\d{16}")
            hasil["nik_prefiks"] = bersih.str.slice(0, 4).where(bersih.str.match(r"^\d{4}"), None)
            hasil["nik_hash"] = privacy.hash_nik(bersih, kunci)
            continue
        if k.tipe == contract.DATE:
            v, salah = values.per_unique(values.parse_date, s)
        elif k.tipe == contract.PERIOD:
            v, salah = values.per_unique(values.parse_period, s)
        elif k.tipe == contract.MONEY:
            v, salah = values.per_unique(values.parse_money, s)
            cek.tandai(v < 0, nama, "nominal negatif", s)
        elif k.tipe == contract.INTEGER:
            v, salah = values.per_unique(values.parse_integer, s)
            cek.tandai((v < 0).fillna(False), nama, "bilangan negatif", s)
            if nama == "tahun":
                # The column is INTEGER: 99999999999 would fail the whole insert, not one row.
                luar = (v.notna() & ((v < 2000) | (v > 2100))).fillna(False).to_numpy()
                cek.tandai(luar, nama, "tahun di luar 2000-2100", s)   # rejected rows are not inserted
        elif k.tipe == contract.CHOICE:
            v, salah = values.per_unique(values.parse_choice, s, k.pilihan)
        elif k.tipe == contract.CODE:
            v, salah = values.per_unique(values.parse_code, s)
        else:
            v, salah = values.per_unique(values.parse_text, s)
        pesan = _PESAN_TIPE.get(k.tipe, "nilai tidak terbaca")
        if k.tipe == contract.CHOICE:
            pesan = f"nilai tidak dikenal (yang diterima: {' / '.join(k.pilihan)})"
        cek.tandai(salah, nama, pesan, s)
        if k.wajib_isi:
            cek.tandai(pd.Series(v).isna().to_numpy() & ~np.asarray(salah), nama, "kolom wajib kosong")
        hasil[nama] = v

    if "kecamatan" in kolom:
        hasil["kode_kecamatan"] = _kecamatan(data, cek)
    if "kelurahan" in kolom:
        hasil["kode_kelurahan"] = _kelurahan(data, hasil["kode_kecamatan"], cek)

    out = pd.DataFrame(hasil, index=data.index)
    _aturan_jenis(jenis.nama, out, cek)
    for kunci_kolom in _kunci_unik(jenis):
        # Among rows that passed every other check, so that a valid row is never pushed out
        # by an earlier invalid one with the same key.
        kk = out[list(kunci_kolom)].astype(object)
        calon = kk.notna().all(axis=1).to_numpy() & ~cek.ditolak
        ulang = np.zeros(len(kk), dtype=bool)
        ulang[calon] = kk[calon].duplicated(keep="first").to_numpy()
        if terlihat is not None:
            lama = terlihat.setdefault(kunci_kolom, set())
            nilai_kunci = list(zip(*(kk[c].to_numpy()[calon] for c in kunci_kolom)))
            if lama:
                ulang[np.flatnonzero(calon)] |= np.fromiter((x in lama for x in nilai_kunci),
                                                            dtype=bool, count=len(nilai_kunci))
            lama.update(nilai_kunci)
        cek.tandai(ulang, kunci_kolom[0],
                   f"{'+'.join(kunci_kolom)} sudah muncul di baris sebelumnya dalam file ini "
                   f"(baris pertama yang dipakai)", data[kunci_kolom[0]] if kunci_kolom[0] in data else None)

    karantina = (pd.concat(cek.entri, ignore_index=True) if cek.entri
                 else pd.DataFrame({"idx": pd.Series(dtype="int64"), "kolom": [], "alasan": [], "nilai": []}))
    karantina["nilai"] = [_nilai_aman(k, v) for k, v in zip(karantina["kolom"], karantina["nilai"])]
    diterima = out.loc[~cek.ditolak]
    return diterima, karantina


def _kunci_unik(jenis: Kind) -> list[tuple[str, ...]]:
    if jenis.nama == "sasaran":
        return [("tahun", "kode_kecamatan", "segmen_kunci")]
    if jenis.nama == "anggaran":
        # One pagu per budget line per document: a repeated line would silently double it.
        return [("tahun", "kode_rekening", "tgl_penetapan")]
    return [(jenis.kunci_unik,)] if jenis.kunci_unik else []


def _nilai_aman(kolom: object, nilai: object) -> str | None:
    """The value shown next to a quarantine reason; never a raw NIK (UU PDP)."""
    if nilai is None or (isinstance(nilai, float) and np.isnan(nilai)):
        return None
    s = str(nilai)
    if kolom == "nik":
        return privacy.mask_identifier(s)
    return s[:120]


def _kecamatan(data: pd.DataFrame, cek: _Pemeriksa) -> pd.Series:
    n = len(data)
    dari_kode = pd.Series([None] * n, index=data.index, dtype=object)
    dari_nama = pd.Series([None] * n, index=data.index, dtype=object)
    teks_kode = (values.per_unique(values.to_text, data["kode_kecamatan"]) if "kode_kecamatan" in data
                 else pd.Series([""] * n, index=data.index))
    teks_nama = (values.per_unique(values.to_text, data["kecamatan"]) if "kecamatan" in data
                 else pd.Series([""] * n, index=data.index))
    if "kode_kecamatan" in data:
        peta = {u: regions.find_kecamatan(u) for u in teks_kode.unique()}
        dari_kode = teks_kode.map(peta)
        cek.tandai(dari_kode.isna() & teks_kode.ne(""), "kode_kecamatan",
                   "kode kecamatan tidak dikenal di Kota Bekasi (32.75.xx)", teks_kode)
    if "kecamatan" in data:
        peta = {u: regions.find_kecamatan(u) for u in teks_nama.unique()}
        dari_nama = teks_nama.map(peta)
        cek.tandai(dari_nama.isna() & teks_nama.ne(""), "kecamatan",
                   "kecamatan tidak dikenal di Kota Bekasi", teks_nama)
    beda = dari_kode.notna() & dari_nama.notna() & dari_kode.ne(dari_nama)
    cek.tandai(beda, "kecamatan", "nama kecamatan tidak cocok dengan kode_kecamatan", teks_nama)
    hasil = dari_kode.where(dari_kode.notna(), dari_nama)
    cek.tandai(teks_kode.eq("") & teks_nama.eq(""), "kecamatan", "kolom wajib kosong")
    return hasil


def _kelurahan(data: pd.DataFrame, kode_kec: pd.Series, cek: _Pemeriksa) -> pd.Series:
    if "kelurahan" not in data:
        return pd.Series([None] * len(data), index=data.index, dtype=object)
    teks_kel = values.per_unique(values.to_text, data["kelurahan"])
    peta = regions.kelurahan_lookup()
    # Looked up once per distinct (kecamatan, kelurahan) pair.
    i_kec, u_kec = pd.factorize(kode_kec, use_na_sentinel=True)
    i_kel, u_kel = pd.factorize(teks_kel, use_na_sentinel=True)
    i_pasang, u_pasang = pd.factorize((i_kec.astype(np.int64) + 1) * (len(u_kel) + 1) + (i_kel + 1))
    cari = np.empty(len(u_pasang), dtype=object)
    for j, p in enumerate(u_pasang):
        a, b = divmod(int(p), len(u_kel) + 1)
        kec = u_kec[a - 1] if a else None
        kel = u_kel[b - 1] if b else None
        kunci = regions.code_key(kel) if re.fullmatch(r"[\d.\s]+", kel or "x") else regions.name_key(kel)
        cari[j] = peta.get((kec, kunci)) if kec and kel else None
    hasil = pd.Series(cari[i_pasang], index=data.index, dtype=object)
    cek.tandai(hasil.isna() & teks_kel.ne("") & kode_kec.notna(), "kelurahan",
               "kelurahan tidak dikenal di kecamatan tersebut", teks_kel)
    return hasil


def _aturan_jenis(nama: str, out: pd.DataFrame, cek: _Pemeriksa) -> None:
    """Rules that involve more than one column."""
    if nama == "peserta":
        salah_urut = (out["tgl_akhir"].notna() & out["tgl_mulai"].notna()
                      & (out["tgl_akhir"] < out["tgl_mulai"]))
        cek.tandai(salah_urut, "tgl_akhir", "tgl_akhir sebelum tgl_mulai", out["tgl_akhir"])
        out["segmen"] = _segmen(out["segmen"])
    elif nama == "sasaran":
        out["segmen"] = _segmen(out["segmen"])
        out["segmen_kunci"] = out["segmen"].fillna("(semua)")
    elif nama == "klaim":
        dibayar = out["status"].eq("DIBAYAR").fillna(False)
        cek.tandai(dibayar & out["tgl_bayar"].isna(), "tgl_bayar", "klaim DIBAYAR tanpa tgl_bayar")
        cek.tandai(dibayar & out["nominal_dibayar"].isna(), "nominal_dibayar",
                   "klaim DIBAYAR tanpa nominal_dibayar")
        out["nominal_dibayar"] = out["nominal_dibayar"].fillna(0.0)
    elif nama == "anggaran":
        beda_tahun = (out["tgl_penetapan"].notna() & out["tahun"].notna()
                      & (out["tgl_penetapan"].dt.year > out["tahun"].astype("float64")))
        cek.tandai(beda_tahun.to_numpy(), "tgl_penetapan",
                   "tgl_penetapan sesudah tahun anggaran berakhir", out["tgl_penetapan"])


def _segmen(s: pd.Series) -> pd.Series:
    """Segment labels folded to one spelling: 'Ojek Online' = 'OJEK_ONLINE' = 'ojek-online'."""
    return values.per_unique(_segmen_satu, s)


def _segmen_satu(s: pd.Series) -> pd.Series:
    t = values.to_text(s).str.upper().str.replace(r"[^A-Z0-9]+", "_", regex=True).str.strip("_")
    return t.where(t.ne(""), None)


# ---------------------------------------------------------------- the run

TABLE_COLUMNS = {
    "peserta": ["no_kpj", "nik_hash", "nik_16digit", "nik_prefiks", "tgl_lahir", "jenis_kelamin",
                "kode_kecamatan", "kode_kelurahan", "segmen", "tgl_mulai", "tgl_akhir", "status"],
    "sasaran": ["tahun", "kode_kecamatan", "segmen", "jumlah_sasaran"],
    "iuran": ["periode", "no_kpj", "nominal"],
    "anggaran": ["tahun", "kode_rekening", "uraian", "jenis", "tgl_penetapan", "pagu"],
    "realisasi": ["no_sp2d", "tgl_sp2d", "kode_rekening", "nominal", "periode_tagihan"],
    "klaim": ["no_klaim", "no_kpj", "program", "tgl_kejadian", "tgl_pengajuan", "tgl_bayar",
              "nominal_dibayar", "status"],
}


def collect_files(paths: Iterable[Path]) -> list[Path]:
    """Files named on the command line, and in folders the extract files they hold (sorted)."""
    hasil: list[Path] = []
    for p in map(Path, paths):
        if p.is_dir():
            hasil.extend(sorted(q for q in p.iterdir()
                                if q.is_file() and q.suffix.lower() in EXTENSIONS and not q.name.startswith(".")))
        elif p.exists():
            hasil.append(p)
        else:
            raise IngestError(f"{p}: file atau folder tidak ditemukan")
    if not hasil:
        raise IngestError("tidak ada file CSV, XLSX atau Parquet untuk diimpor")
    return hasil


def is_simulated(nama_file: str) -> bool:
    """Sample and example files carry 'simulasi' or 'contoh' in their names."""
    n = nama_file.lower()
    return "simulasi" in n or "contoh" in n


def run_import(db_path: Path, paths: Iterable[Path], *, jenis: str | None = None, dry_run: bool = False,
          kemajuan: Callable[[str], None] = lambda s: None, kunci: privacy.NikKey | None = None,
          waktu: dt.datetime | None = None, batas_baris: int | None = None,
          batas_kolom: int | None = None) -> ImportReport:
    """Import files into the database: all or nothing. Raises IngestError on a file that cannot
    be used (or that exceeds batas_baris rows / batas_kolom columns); returns the per-file
    report otherwise."""
    if jenis is not None and jenis not in contract.KINDS:
        raise IngestError(f"jenis '{jenis}' tidak dikenal; pilih salah satu: {', '.join(contract.KIND_NAMES)}")
    files = collect_files(paths)
    kunci = kunci or privacy.nik_key()
    waktu = waktu or dt.datetime.now().replace(microsecond=0)
    laporan = ImportReport([], dry_run, kunci.dev)
    # Each file is hashed once: for the no-op check here and for the import record below.
    shas = []
    for nomor, path in enumerate(files, 1):
        kemajuan(f"[{nomor}/{len(files)}] {path.name}: menghitung SHA-256")
        shas.append(sha256_file(path))
    if _semua_sudah_ada(Path(db_path), shas):
        # Re-importing the same files is a no-op: the database file is not even rewritten.
        with db.read(Path(db_path)) as con:
            for path, sha in zip(files, shas):
                lama = con.execute("SELECT impor_id, jenis FROM impor WHERE sha256 = ?", [sha]).fetchone()
                laporan.files.append(FileReport(path.name, lama[1], sha, sudah_ada=lama[0]))
        return laporan
    with db.write(Path(db_path), simpan=not dry_run) as con:
        _cek_kunci(con, kunci)
        for nomor, (path, sha) in enumerate(zip(files, shas), 1):
            kind = jenis or contract.kind_from_filename(path.name)
            if kind is None:
                raise IngestError(f"{path.name}: jenis file tidak diketahui dari namanya; beri nama yang "
                                  f"diawali {', '.join(contract.KIND_NAMES)} atau pakai --kind")
            lap = FileReport(path.name, kind, sha)
            laporan.files.append(lap)
            lama = con.execute("SELECT impor_id FROM impor WHERE sha256 = ?", [sha]).fetchone()
            if lama:
                lap.sudah_ada = lama[0]
                kemajuan(f"[{nomor}/{len(files)}] {path.name}: sudah diimpor (impor #{lama[0]}), dilewati")
                continue
            kemajuan(f"[{nomor}/{len(files)}] {path.name}: membaca")
            _impor_file(con, path, kind, lap, kunci, waktu, batas_baris, batas_kolom,
                        lambda s, awal=f"[{nomor}/{len(files)}] {path.name}: ": kemajuan(awal + s))
            kemajuan(f"[{nomor}/{len(files)}] {path.name}: {lap.baris_dimuat} dimuat, "
                     f"{lap.baris_dikarantina} dikarantina")
        kemajuan("membangun tabel turunan")
    return laporan


def _semua_sudah_ada(db_path: Path, shas: list[str]) -> bool:
    if not db_path.exists():
        return False
    try:
        with db.read(db_path) as con:
            ada = {r[0] for r in con.execute("SELECT sha256 FROM impor").fetchall()}
    except Exception:
        return False   # unreadable or older file: let the writer path report it
    return all(sha in ada for sha in shas)


def _cek_kunci(con, kunci: privacy.NikKey) -> None:
    ada = con.execute("SELECT nilai FROM meta WHERE kunci = 'sidik_kunci_nik'").fetchone()
    if ada is None:
        con.execute("INSERT INTO meta VALUES ('sidik_kunci_nik', ?)", [kunci.sidik])
    elif ada[0] != kunci.sidik:
        raise IngestError("kunci NIK (UCJ_NIK_KEY) berbeda dengan kunci yang dipakai data yang sudah ada; "
                          "NIK yang sama tidak akan cocok. Pakai kunci yang sama, atau basis data baru.")


def _impor_file(con, path: Path, kind: str, lap: FileReport, kunci: privacy.NikKey,
                waktu: dt.datetime, batas_baris: int | None, batas_kolom: int | None,
                kemajuan: Callable[[str], None]) -> None:
    """One file, batch by batch: read -> canonical columns -> types -> insert, all inside the
    run's transaction. Only the unique keys of the accepted rows are kept between batches."""
    jenis = contract.KINDS[kind]
    # fetchall: a result left open would block the relation inserts below (DuckDB 2).
    impor_id = con.execute("SELECT coalesce(max(impor_id), 0) + 1 FROM impor").fetchall()[0][0]
    lap.impor_id = impor_id
    terlihat: dict[tuple[str, ...], set] = {}
    alasan: dict[str, int] = {}
    n_baris = 0
    tahap = read_batches(path)
    for i, bacaan in enumerate(tahap):
        if i == 0 and batas_kolom is not None and bacaan.data.shape[1] > batas_kolom:
            raise IngestError(f"{path.name}: {bacaan.data.shape[1]} kolom, melebihi batas {batas_kolom}")
        n_baris += len(bacaan.data) + len(bacaan.karantina)
        if batas_baris is not None and n_baris > batas_baris:
            n_baris += sum(len(b.data) + len(b.karantina) for b in tahap)   # counted for the message
            raise IngestError(f"{path.name}: {_angka(n_baris)} baris, melebihi batas "
                              f"{_angka(batas_baris)} baris per file")
        data = map_columns(bacaan, jenis, path.name)
        kemajuan(f"memeriksa {_angka(len(data))} baris" if i == 0 else
                 f"memeriksa {_angka(len(data))} baris lagi ({_angka(n_baris)} sejauh ini)")
        diterima, karantina = type_rows(data, jenis, kunci, terlihat=terlihat)
        _simpan_batch(con, kind, impor_id, bacaan, diterima, karantina, lap, alasan)
    lap.baris_dibaca = lap.baris_dimuat + lap.baris_dikarantina
    # Most frequent reason first (ties in name order), as one groupby over the whole file gave.
    urut = pd.Series(alasan, dtype="int64").sort_index().sort_values(ascending=False)
    lap.alasan = urut.astype(int).to_dict()
    con.execute("INSERT INTO impor VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [impor_id, path.name, lap.sha256, kind, path.stat().st_size, lap.baris_dibaca,
                 lap.baris_dimuat, lap.baris_dikarantina, waktu, is_simulated(path.name), kunci.dev])
    # Arrow's allocator keeps freed batch buffers for reuse (~100 MB after a large file); give
    # them back before the next file and the derived-layer rebuild.
    pa.default_memory_pool().release_unused()


def _angka(n: int) -> str:
    """1234567 -> '1.234.567' (id-ID thousands)."""
    return f"{n:,}".replace(",", ".")


def _simpan_batch(con, kind: str, impor_id: int, bacaan: Reading, diterima: pd.DataFrame,
                  karantina: pd.DataFrame, lap: FileReport, alasan: dict[str, int]) -> None:
    """Insert one batch's accepted rows and quarantine entries; add its counts to the report."""
    nomor = bacaan.baris
    k = karantina.copy()
    k["baris"] = nomor[k["idx"].to_numpy()] if len(k) else pd.Series(dtype="int64")
    rusak = pd.DataFrame(bacaan.karantina, columns=["baris", "kolom", "alasan", "nilai"])
    semua_k = pd.concat([k[["baris", "kolom", "alasan", "nilai"]], rusak], ignore_index=True)
    semua_k.insert(0, "impor_id", impor_id)
    semua_k["baris"] = semua_k["baris"].astype("int64")

    tabel = diterima[TABLE_COLUMNS[kind]].copy()
    tabel.insert(0, "baris", nomor[diterima.index.to_numpy()].astype("int64"))
    tabel.insert(0, "impor_id", impor_id)

    # A row is in one batch only, so distinct rows per batch add up to distinct rows per file.
    lap.baris_dimuat += len(tabel)
    lap.baris_dikarantina += int(semua_k["baris"].nunique())
    for a, n in semua_k.groupby("alasan").size().items():
        alasan[a] = alasan.get(a, 0) + int(n)

    # Relation inserts, not register + INSERT ... SELECT: a registered frame stays referenced by
    # the open transaction until it ends (unregister does not release it), so with one frame per
    # batch the whole file would be held in memory again.
    if len(tabel):
        con.from_df(tabel).insert_into(kind)   # kind is from contract.KINDS, not user text
    if len(semua_k):
        con.from_df(semua_k[["impor_id", "baris", "kolom", "alasan", "nilai"]]).insert_into("karantina")


def summarize(laporan: ImportReport) -> str:
    """The report printed at the end of a run."""
    baris = []
    judul = "SIMULASI (--dry-run): tidak ada yang ditulis" if laporan.dry_run else "Impor selesai"
    baris.append(judul)
    for f in laporan.files:
        if f.sudah_ada:
            baris.append(f"  {f.nama_file} [{f.jenis}]: sudah diimpor sebagai impor #{f.sudah_ada}; tidak ada perubahan")
            continue
        baris.append(f"  {f.nama_file} [{f.jenis}]: {f.baris_dimuat} baris dimuat, "
                     f"{f.baris_dikarantina} baris dikarantina (sha256 {f.sha256[:12]}…)")
        for alasan, n in list(f.alasan.items())[:8]:
            baris.append(f"      - {n} × {alasan}")
    baris.append(f"  Total: {laporan.baris_dimuat} dimuat, {laporan.baris_dikarantina} dikarantina")
    if laporan.kunci_dev:
        baris.append("  PERINGATAN: NIK di-hash dengan kunci pengembangan (UCJ_NIK_KEY tidak diisi); "
                     "hanya untuk data simulasi.")
    return "\n".join(baris)
