"""The briefing PDF: at most two A4 pages whose numbers are the figures module's, formatted by fmt.

The text is read back out of the PDF (pdftotext -layout, else pypdf), so these tests check what
a reader sees: the headline figures exactly as fmt formats figures.ringkasan, every oversight
question with the number it cites (recomputed here from the figures module, rule by rule),
the same per-kecamatan and finding figures as the export, and the simulated-data stamp.
"""
from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ucj_oversight import briefing, figures
from ucj_oversight.storage import db
from ucj_oversight.publish import export
from ucj_oversight.text import fmt, labels
from ucj_oversight.figures import AsOf, InputError, Filter

AKAR = Path(__file__).resolve().parent.parent
MARET = AsOf.from_text("2026-03")


def _halaman_teks(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page as a reader's tool extracts it."""
    if shutil.which("pdftotext"):
        p = tmp_path / "baca.pdf"
        p.write_bytes(pdf)
        r = subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True)
        halaman = r.stdout.split("\f")
        return halaman[:-1] if halaman and not halaman[-1].strip() else halaman
    pypdf = pytest.importorskip("pypdf", reason="pdftotext (poppler-utils) atau pypdf diperlukan")
    return [h.extract_text() or "" for h in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _rata(teks: str) -> str:
    """Whitespace collapsed: a sentence wrapped over lines reads as one line."""
    return " ".join(teks.split())


def _baca(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    halaman = _halaman_teks(pdf, tmp_path)
    return len(halaman), _rata(" ".join(halaman))


# ------------------------------------------------------------------ expected, from the figures module

def _kartu_diharapkan(con, asof: AsOf, saringan: Filter | None = None, lang: str = "id") -> dict[str, str]:
    rk = figures.ringkasan(con, asof, saringan)
    return {
        "peserta_aktif": fmt.number(rk["peserta_aktif"]),
        "sasaran": fmt.number(rk["sasaran"]),
        "cakupan": fmt.percent(rk["cakupan_persen"]),
        "serapan": fmt.percent(rk["serapan_persen"]),
        "pagu": fmt.rupiah_short(rk["pagu"], lang),
        "realisasi": fmt.rupiah_short(rk["realisasi_kumulatif"], lang),
        "klaim_nominal": fmt.rupiah_short(rk["klaim_dibayar_nominal"], lang),
        "klaim_jumlah": fmt.number(rk["klaim_dibayar_jumlah"]),
        "rp_berisiko": fmt.rupiah_short(rk["rp_berisiko"], lang),
    }


def _pertanyaan_diharapkan(con, asof: AsOf, saringan: Filter | None = None, lang: str = "id") -> list[tuple]:
    """(kode, angka, a word the text must contain) per rule of docs/methodology.md, in order."""
    s = saringan or Filter()
    hasil = []
    kota = figures.cakupan_kota(con, asof, Filter(None, s.segmen))["cakupan_persen"]
    if kota is not None:
        cak = figures.cakupan_kecamatan(con, asof, s).dropna(subset=["cakupan_persen"])
        rendah = cak[cak["cakupan_persen"] < kota - 10].sort_values(["cakupan_persen", "kode_kecamatan"]).head(3)
        hasil += [("CAKUPAN_RENDAH", fmt.percent(r.cakupan_persen), r.nama_kecamatan) for r in rendah.itertuples()]
    ang = figures.anggaran_bulanan(con, asof)
    akhir = ang.iloc[-1]
    if akhir["pagu"] > 0 and akhir["realisasi_kumulatif"] < akhir["pagu"] * asof.bulan.month / 12:
        hasil.append(("SERAPAN_TERTINGGAL", fmt.percent(akhir["serapan_persen"]), f"× {asof.bulan.month}/12"))
    pro = figures.proyeksi_akhir_tahun(con, asof)
    if pro["pagu"] and pro["proyeksi"] > pro["pagu"]:
        hasil.append(("PROYEKSI_KURANG", fmt.rupiah_short(pro["proyeksi"] - pro["pagu"], lang),
                      fmt.rupiah_short(pro["proyeksi"], lang)))
    tm = figures.temuan(con, asof, s)
    tm = tm[tm["nominal"] > 0].sort_values(["nominal", "jumlah"], ascending=False, kind="stable")
    hasil += [(r.kode_temuan, fmt.rupiah(r.nominal), labels.temuan_label(r.kode_temuan, "nama", lang))
              for r in tm.itertuples()]
    ly = figures.klaim_layanan(con, asof, s)
    if ly["lebih_30_hari"]:
        hasil.append(("KLAIM_LAMBAT", fmt.number(ly["lebih_30_hari"]), fmt.number(ly["terlama_hari"])))
    return hasil


def _periksa_pertanyaan(con, asof: AsOf, teks_pdf: str, saringan: Filter | None = None,
                        lang: str = "id") -> list[dict]:
    daftar = briefing.questions(con, asof, saringan, lang=lang)
    diharapkan = _pertanyaan_diharapkan(con, asof, saringan, lang)
    assert [(q["kode"], q["angka"]) for q in daftar] == [(k, a) for k, a, _ in diharapkan]
    for q, (_, _, kata) in zip(daftar, diharapkan):
        assert set(q) == {"kode", "teks", "angka"}
        assert q["angka"] in q["teks"], q
        assert kata in q["teks"], q
        assert _rata(q["teks"]) in teks_pdf, f"pertanyaan tidak ada di PDF: {q['teks']}"
        assert q["angka"] in teks_pdf
    return daftar


def _periksa_kartu(kartu: dict[str, str], teks_pdf: str) -> None:
    for nama, nilai in kartu.items():
        assert nilai in teks_pdf, f"{nama} = {nilai!r} tidak ada di PDF"


# ------------------------------------------------------------------ hand-worked fixture

def test_kecil_angka_utama_dan_pertanyaan(con_kecil, tmp_path):
    out = tmp_path / "briefing.pdf"
    pdf = briefing.build_pdf(con_kecil, MARET, out)
    assert pdf.startswith(b"%PDF") and out.read_bytes() == pdf
    n, teks = _baca(pdf, tmp_path)
    assert 1 <= n <= 2
    assert "Briefing Pengawasan UCJ Kota Bekasi" in teks and "Posisi 31 Maret 2026" in teks
    kartu = _kartu_diharapkan(con_kecil, MARET)
    # fmt of the figures, and the values worked out by hand in docs/methodology.md
    assert kartu == {"peserta_aktif": "4", "sasaran": "17", "cakupan": "23,5%", "serapan": "20,6%",
                     "pagu": "Rp 1,7 juta", "realisasi": "Rp 350.000", "klaim_nominal": "Rp 44,3 juta",
                     "klaim_jumlah": "3", "rp_berisiko": "Rp 42,27 juta"}
    _periksa_kartu(kartu, teks)
    assert "DATA SIMULASI" not in teks and "SIMULATED" not in teks

    daftar = _periksa_pertanyaan(con_kecil, MARET, teks)
    # The example of docs/methodology.md, "Pertanyaan pengawasan (briefing)": 8 questions.
    assert [(q["kode"], q["angka"]) for q in daftar] == [
        ("CAKUPAN_RENDAH", "0,0%"), ("SERAPAN_TERTINGGAL", "20,6%"),
        ("KLAIM_LUAR_MASA", "Rp 42.000.000"), ("SP2D_GANDA", "Rp 200.000"), ("IURAN_LUAR_MASA", "Rp 33.600"),
        ("IURAN_TANPA_PESERTA", "Rp 16.800"), ("IURAN_GANDA", "Rp 16.800"), ("KLAIM_LAMBAT", "1")]
    assert "Bekasi Timur" in daftar[0]["teks"] and "25,0%" in daftar[1]["teks"]
    assert not any(q["kode"] == "PROYEKSI_KURANG" for q in daftar)   # 1.400.000 <= 1.700.000


def test_kecil_sama_dengan_ekspor(con_kecil, tmp_path):
    """The briefing and the export are one computation: the export's numbers, formatted, are in the PDF."""
    _, teks = _baca(briefing.build_pdf(con_kecil, MARET, None), tmp_path)
    tabel = export.export_tables(con_kecil, MARET)
    for r in tabel["cakupan_kecamatan"].dropna(subset=["cakupan_persen"]).itertuples():
        assert f"{r.nama_kecamatan} {fmt.percent(r.cakupan_persen)}" in teks
    for r in tabel["temuan"][tabel["temuan"]["nominal"] > 0].itertuples():
        assert fmt.rupiah(r.nominal) in teks
    assert fmt.rupiah(tabel["temuan"]["nominal"].sum()) in teks          # the findings table total
    for r in tabel["klaim_program"].itertuples():
        assert f"{fmt.rupiah_short(r.nominal_dibayar)} · {fmt.number(r.jumlah_klaim)} klaim" in teks


def test_kecil_bahasa_inggris_dan_buffer(con_kecil, tmp_path):
    buf = io.BytesIO()
    pdf = briefing.build_pdf(con_kecil, MARET, buf, lang="en")
    assert buf.getvalue() == pdf
    n, teks = _baca(pdf, tmp_path)
    assert n <= 2
    assert "UCJ Oversight Briefing" in teks and "As of 31 March 2026" in teks and "Oversight questions" in teks
    _periksa_kartu(_kartu_diharapkan(con_kecil, MARET, lang="en"), teks)
    daftar = _periksa_pertanyaan(con_kecil, MARET, teks, lang="en")
    assert daftar[0]["teks"].startswith("Coverage in Bekasi Timur is 0,0%")   # id-ID numbers in English too


def test_bahasa_dan_bulan_tidak_dikenal(con_kecil):
    with pytest.raises(InputError):
        briefing.questions(con_kecil, MARET, lang="fr")
    with pytest.raises(InputError):
        briefing.build_pdf(con_kecil, MARET, None, lang="fr")


# ------------------------------------------------------------------ the simulated sample

@pytest.fixture(scope="module")
def sampel(db_sampel):
    con = db.read(db_sampel)
    yield con, figures.latest_month(con)
    con.close()


def test_sampel_bulan_bawaan(sampel, tmp_path):
    con, asof = sampel
    pdf = briefing.build_pdf(con, None, tmp_path / "b.pdf")      # None: the default month
    n, teks = _baca(pdf, tmp_path)
    assert n <= 2
    assert f"Posisi {fmt.date(asof.akhir)}" in teks
    _periksa_kartu(_kartu_diharapkan(con, asof), teks)
    assert "DATA SIMULASI" in teks and figures.is_simulated(con)
    daftar = _periksa_pertanyaan(con, asof, teks)
    kode = [q["kode"] for q in daftar]
    # The sample plants findings with money, slow claims and low-coverage kecamatan.
    assert {"CAKUPAN_RENDAH", "IURAN_LUAR_MASA", "IURAN_GANDA", "KLAIM_LAMBAT"} <= set(kode)
    assert kode.count("CAKUPAN_RENDAH") <= briefing.MAX_KECAMATAN
    # Every kecamatan bar carries the export's coverage; sources are listed with a short hash.
    tabel = export.export_tables(con, asof)
    for r in tabel["cakupan_kecamatan"].dropna(subset=["cakupan_persen"]).itertuples():
        assert f"{r.nama_kecamatan} {fmt.percent(r.cakupan_persen)}" in teks
    sumber = figures.sumber_impor(con)
    for r in sumber[sumber["dipakai"]].itertuples():
        assert r.nama_file in teks and r.sha256[:12] in teks


def test_sampel_inggris(sampel, tmp_path):
    con, asof = sampel
    n, teks = _baca(briefing.build_pdf(con, asof, None, lang="en"), tmp_path)
    assert n <= 2
    assert "SIMULATED DATA" in teks
    _periksa_kartu(_kartu_diharapkan(con, asof, lang="en"), teks)
    _periksa_pertanyaan(con, asof, teks, lang="en")


def test_sampel_satu_kecamatan(sampel, tmp_path):
    con, asof = sampel
    s = Filter.parse("32.75.07")            # Bantargebang: the sample's lowest coverage
    n, teks = _baca(briefing.build_pdf(con, asof, None, saringan=s), tmp_path)
    assert n <= 2
    assert "Kecamatan Bantargebang" in teks and "(dipilih)" in teks
    _periksa_kartu(_kartu_diharapkan(con, asof, s), teks)
    daftar = _periksa_pertanyaan(con, asof, teks, saringan=s)
    assert [q["kode"] for q in daftar].count("CAKUPAN_RENDAH") == 1


# ------------------------------------------------------------------ command line

def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "ucj_oversight", "briefing", *args],
                          capture_output=True, text=True, cwd=AKAR)


def test_cli(db_kecil, tmp_path):
    out = tmp_path / "keluar" / "briefing.pdf"
    r = _cli("--db", str(db_kecil), "--as-of", "2026-03", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "Waktu:" in r.stdout and "halaman" in r.stdout

    r = _cli("--db", str(db_kecil), "--out", str(tmp_path / "bawaan.pdf"), "--lang", "en")   # default month
    assert r.returncode == 0, r.stderr
    assert "2026-03" in r.stdout

    for args, pesan in ((["--as-of", "2026-13"], "YYYY-MM"), (["--as-of", "maret"], "YYYY-MM"),
                        (["--kecamatan", "Cikarang Barat"], "tidak dikenal")):
        salah = tmp_path / "salah.pdf"
        r = _cli("--db", str(db_kecil), "--out", str(salah), *args)
        assert r.returncode == 2, args
        assert pesan in r.stderr and "Traceback" not in r.stderr
        assert not salah.exists()

    r = _cli("--db", str(tmp_path / "tidak_ada.duckdb"), "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
