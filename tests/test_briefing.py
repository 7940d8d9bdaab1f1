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
from ucj_oversight.briefing.content import MAX_QUESTIONS
from ucj_oversight.figures import AsOf, Filter, InputError
from ucj_oversight.publish import export
from ucj_oversight.storage import db
from ucj_oversight.text import fmt, labels

ROOT = Path(__file__).resolve().parent.parent
MARCH = AsOf.from_text("2026-03")


def _page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """The text of each page as a reader's tool extracts it."""
    if shutil.which("pdftotext"):
        p = tmp_path / "read.pdf"
        p.write_bytes(pdf)
        r = subprocess.run(["pdftotext", "-layout", str(p), "-"], capture_output=True, text=True, check=True)
        pages = r.stdout.split("\f")
        return pages[:-1] if pages and not pages[-1].strip() else pages
    pypdf = pytest.importorskip("pypdf", reason="pdftotext (poppler-utils) atau pypdf diperlukan")
    return [page.extract_text() or "" for page in pypdf.PdfReader(io.BytesIO(pdf)).pages]


def _flat(text: str) -> str:
    """Whitespace collapsed: a sentence wrapped over lines reads as one line."""
    return " ".join(text.split())


def _read(pdf: bytes, tmp_path: Path) -> tuple[int, str]:
    pages = _page_texts(pdf, tmp_path)
    return len(pages), _flat(" ".join(pages))


# ------------------------------------------------------------------ expected, from the figures module


def _expected_cards(con, asof: AsOf, filter: Filter | None = None, lang: str = "id") -> dict[str, str]:
    rk = figures.ringkasan(con, asof, filter)
    return {
        "peserta_aktif": fmt.number(rk["peserta_aktif"], lang=lang),
        "sasaran": fmt.number(rk["sasaran"], lang=lang),
        "cakupan": fmt.percent(rk["capaian_kuota_persen"], lang=lang),
        "serapan": fmt.percent(rk["serapan_persen"], lang=lang),
        "pagu": fmt.rupiah_short(rk["pagu"], lang),
        "realisasi": fmt.rupiah_short(rk["realisasi_kumulatif"], lang),
        "klaim_nominal": fmt.rupiah_short(rk["klaim_dibayar_nominal"], lang),
        "klaim_jumlah": fmt.number(rk["klaim_dibayar_jumlah"], lang=lang),
        # The two amounts to clarify, never one sum (issue 13).
        "apbd_klarifikasi": fmt.rupiah_short(rk["apbd_klarifikasi"], lang),
        "manfaat_klarifikasi": fmt.rupiah_short(rk["manfaat_klarifikasi"], lang),
        "bulan_menunggak": fmt.number(figures.bulan_menunggak(con, asof)["bulan_menunggak"], lang=lang),
        "tidak_terlindungi": fmt.number(figures.perlindungan_kota(con, asof, filter)["tidak_terlindungi"], lang=lang),
    }


def _expected_questions(con, asof: AsOf, filter: Filter | None = None, lang: str = "id") -> list[tuple]:
    """(code, figure, a word the text must contain) per rule of docs/methodology.md, in order."""
    s = filter or Filter()
    result = []
    city = figures.cakupan_kota(con, asof, Filter(None, s.segmen))["capaian_kuota_persen"]
    if city is not None:
        cak = figures.cakupan_kecamatan(con, asof, s).dropna(subset=["capaian_kuota_persen"])
        low = cak[cak["capaian_kuota_persen"] < city - 10]
        low = low.sort_values(["capaian_kuota_persen", "kode_kecamatan"]).head(3)
        result += [
            ("CAKUPAN_RENDAH", fmt.percent(r.capaian_kuota_persen, lang=lang), r.nama_kecamatan)
            for r in low.itertuples()
        ]
    laju = figures.laju_cakupan_kota(con, asof, s)
    if laju["cukup"] is False and laju["perlu_per_bulan"] is not None:
        result.append(("LAJU_SEMESTA", fmt.number(laju["perlu_per_bulan"], lang=lang), str(laju["tahun_target"])))
    mn = figures.bulan_menunggak(con, asof)
    if mn["bulan_menunggak"]:
        result.append(
            ("IURAN_MENUNGGAK", fmt.rupiah_short(mn["tunggakan"], lang), fmt.number(mn["terlama_hari"], lang=lang))
        )
    pl = figures.perlindungan_kota(con, asof, s)
    if pl["registrasi_bulan_tanpa_lindung"]:
        result.append(
            ("TIDAK_TERLINDUNGI", fmt.number(pl["registrasi_bulan_tanpa_lindung"], lang=lang), str(asof.year))
        )
    kb = figures.ketepatan_bayar(con, asof)
    paid_late = kb[kb["tgl_lunas"].notna() & (kb["hari_terlambat"] > 0)]
    if len(paid_late):
        result.append(
            ("IURAN_TERLAMBAT", fmt.number(int(paid_late["hari_terlambat"].max()), lang=lang), str(asof.year))
        )
    tm = figures.temuan(con, asof, s)
    lapse = tm[(tm["kode_temuan"] == "KLAIM_DITOLAK_TUNGGAKAN") & (tm["jumlah"] > 0)]
    result += [("KLAIM_DITOLAK_TUNGGAKAN", fmt.number(r.jumlah, lang=lang), "JKM") for r in lapse.itertuples()]
    ang = figures.anggaran_bulanan(con, asof)
    last = ang.iloc[-1]
    if last["pagu"] > 0 and last["realisasi_kumulatif"] < last["pagu"] * asof.month.month / 12:
        result.append(
            ("SERAPAN_TERTINGGAL", fmt.percent(last["serapan_persen"], lang=lang), f"× {asof.month.month}/12")
        )
    pro = figures.proyeksi_akhir_tahun(con, asof)
    if pro["pagu"] and pro["proyeksi"] > pro["pagu"]:
        result.append(
            (
                "PROYEKSI_KURANG",
                fmt.rupiah_short(pro["proyeksi"] - pro["pagu"], lang),
                fmt.rupiah_short(pro["proyeksi"], lang),
            )
        )
    tm = tm[(tm["nominal"] > 0) & (tm["kode_temuan"] != "KLAIM_DITOLAK_TUNGGAKAN")]
    tm = tm.sort_values(["nominal", "jumlah"], ascending=False, kind="stable")
    result += [
        (r.kode_temuan, fmt.rupiah(r.nominal, lang), labels.temuan_label(r.kode_temuan, "nama", lang))
        for r in tm.itertuples()
    ]
    ly = figures.klaim_layanan(con, asof, s)
    if ly["lebih_30_hari"]:
        result.append(
            ("KLAIM_LAMBAT", fmt.number(ly["lebih_30_hari"], lang=lang), fmt.number(ly["terlama_hari"], lang=lang))
        )
    return result


def _check_questions(con, asof: AsOf, pdf_text: str, filter: Filter | None = None, lang: str = "id") -> list[dict]:
    questions = briefing.questions(con, asof, filter, lang=lang)
    expected = _expected_questions(con, asof, filter, lang)
    assert [(q["code"], q["figure"]) for q in questions] == [(c, f) for c, f, _ in expected]
    for n, (q, (_, _, word)) in enumerate(zip(questions, expected)):
        assert set(q) == {"code", "text", "figure"}
        assert q["figure"] in q["text"], q
        assert word in q["text"], q
        if n < MAX_QUESTIONS:  # printed in full
            assert _flat(q["text"]) in pdf_text, f"pertanyaan tidak ada di PDF: {q['text']}"
            assert q["figure"] in pdf_text
        else:  # named by its code (two pages at most)
            assert q["code"] in pdf_text
    return questions


def _check_cards(cards: dict[str, str], pdf_text: str) -> None:
    for name, value in cards.items():
        assert value in pdf_text, f"{name} = {value!r} tidak ada di PDF"


# ------------------------------------------------------------------ hand-worked fixture


def test_small_headline_figures_and_questions(small_con, tmp_path):
    out = tmp_path / "briefing.pdf"
    pdf = briefing.build_pdf(small_con, MARCH, out)
    assert pdf.startswith(b"%PDF") and out.read_bytes() == pdf
    n, text = _read(pdf, tmp_path)
    assert 1 <= n <= 2
    assert "Briefing Pengawasan UCJ Kota Bekasi" in text and "Posisi 31 Maret 2026" in text
    cards = _expected_cards(small_con, MARCH)
    # fmt of the figures, and the values worked out by hand in docs/methodology.md
    assert cards == {
        "peserta_aktif": "4",
        "sasaran": "17",
        "cakupan": "23,5%",
        "serapan": "20,6%",
        "pagu": "Rp 1,7 juta",
        "realisasi": "Rp 350.000",
        "klaim_nominal": "Rp 44,3 juta",
        "klaim_jumlah": "3",
        # APBD: SP2D_GANDA 200.000 + IURAN_LUAR_MASA 33.600 + IURAN_TANPA_PESERTA 16.800 + IURAN_GANDA
        # 16.800; BPJS: KLAIM_LUAR_MASA 42.000.000. Invoices of Feb and Mar 2026 unpaid on 31 March
        # (S2 paid January on 10 Feb); January paid, so no three unpaid months: nobody unprotected.
        "apbd_klarifikasi": "Rp 267.200",
        "manfaat_klarifikasi": "Rp 42 juta",
        "bulan_menunggak": "2",
        "tidak_terlindungi": "0",
    }
    _check_cards(cards, text)
    assert "DATA SIMULASI" not in text and "SIMULATED" not in text

    questions = _check_questions(small_con, MARCH, text)
    # The example of docs/methodology.md, "Pertanyaan pengawasan (briefing)": 10 questions. Arrears:
    # February (84.000 billed, 50.000 paid; due Mon 16 Feb, 43 days overdue on 31 March) and March
    # (84.000 unpaid): Rp 118.000. January was paid in full on 10 February, 26 days after 15 January.
    assert [(q["code"], q["figure"]) for q in questions] == [
        ("CAKUPAN_RENDAH", "0,0%"),
        ("IURAN_MENUNGGAK", "Rp 118.000"),
        ("IURAN_TERLAMBAT", "26"),
        ("SERAPAN_TERTINGGAL", "20,6%"),
        ("KLAIM_LUAR_MASA", "Rp 42.000.000"),
        ("SP2D_GANDA", "Rp 200.000"),
        ("IURAN_LUAR_MASA", "Rp 33.600"),
        ("IURAN_TANPA_PESERTA", "Rp 16.800"),
        ("IURAN_GANDA", "Rp 16.800"),
        ("KLAIM_LAMBAT", "1"),
    ]
    assert "Bekasi Timur" in questions[0]["text"] and "43 hari" in questions[1]["text"]
    assert "25,0%" in questions[3]["text"]
    assert not any(q["code"] == "PROYEKSI_KURANG" for q in questions)  # 1.400.000 <= 1.700.000


def test_small_same_as_export(small_con, tmp_path):
    """The briefing and the export are one computation: the export's numbers, formatted, are in the PDF."""
    _, text = _read(briefing.build_pdf(small_con, MARCH, None), tmp_path)
    tables = export.export_tables(small_con, MARCH)
    for r in tables["cakupan_kecamatan"].dropna(subset=["capaian_kuota_persen"]).itertuples():
        assert f"{r.nama_kecamatan} {fmt.percent(r.capaian_kuota_persen)}" in text
    for r in tables["temuan"][tables["temuan"]["nominal"] > 0].itertuples():
        assert fmt.rupiah(r.nominal) in text
    # The two totals of the findings table, never one sum.
    apbd = tables["temuan"][tables["temuan"]["kode_temuan"].isin(figures.TEMUAN_APBD)]["nominal"].sum()
    assert fmt.rupiah(apbd) in text and fmt.rupiah(tables["temuan"]["nominal"].sum()) not in text
    for r in tables["klaim_program"].itertuples():
        assert f"{fmt.rupiah_short(r.nominal_dibayar)} · {fmt.number(r.jumlah_klaim)} klaim" in text


def test_small_english_and_buffer(small_con, tmp_path):
    buf = io.BytesIO()
    pdf = briefing.build_pdf(small_con, MARCH, buf, lang="en")
    assert buf.getvalue() == pdf
    n, text = _read(pdf, tmp_path)
    assert n <= 2
    assert "UCJ Oversight Briefing" in text and "As of 31 March 2026" in text and "Oversight questions" in text
    _check_cards(_expected_cards(small_con, MARCH, lang="en"), text)
    questions = _check_questions(small_con, MARCH, text, lang="en")
    assert questions[0]["text"].startswith("Bekasi Timur has filled 0.0% of its quota")  # English number format


def test_unknown_language(small_con):
    with pytest.raises(InputError):
        briefing.questions(small_con, MARCH, lang="fr")
    with pytest.raises(InputError):
        briefing.build_pdf(small_con, MARCH, None, lang="fr")


# ------------------------------------------------------------------ the simulated sample


@pytest.fixture(scope="module")
def sample(sample_db):
    con = db.read(sample_db)
    yield con, figures.latest_month(con)
    con.close()


def test_sample_default_month(sample, tmp_path):
    con, asof = sample
    pdf = briefing.build_pdf(con, None, tmp_path / "b.pdf")  # None: the default month
    n, text = _read(pdf, tmp_path)
    assert n <= 2
    assert f"Posisi {fmt.date(asof.end)}" in text
    _check_cards(_expected_cards(con, asof), text)
    assert "DATA SIMULASI" in text and figures.is_simulated(con)
    questions = _check_questions(con, asof, text)
    codes = [q["code"] for q in questions]
    # The sample plants findings with money, slow claims and low-coverage kecamatan.
    assert {"CAKUPAN_RENDAH", "IURAN_LUAR_MASA", "IURAN_GANDA", "KLAIM_LAMBAT"} <= set(codes)
    assert codes.count("CAKUPAN_RENDAH") <= briefing.MAX_KECAMATAN
    # Every kecamatan bar carries the export's coverage; sources are listed with a short hash.
    tables = export.export_tables(con, asof)
    for r in tables["cakupan_kecamatan"].dropna(subset=["capaian_kuota_persen"]).itertuples():
        assert f"{r.nama_kecamatan} {fmt.percent(r.capaian_kuota_persen)}" in text
    sources = figures.sumber_impor(con)
    for r in sources[sources["dipakai"]].itertuples():
        assert r.nama_file in text and r.sha256[:12] in text


def test_sample_english(sample, tmp_path):
    con, asof = sample
    n, text = _read(briefing.build_pdf(con, asof, None, lang="en"), tmp_path)
    assert n <= 2
    assert "SIMULATED DATA" in text
    _check_cards(_expected_cards(con, asof, lang="en"), text)
    _check_questions(con, asof, text, lang="en")


def test_sample_one_kecamatan(sample, tmp_path):
    con, asof = sample
    s = Filter.parse("32.75.07")  # Bantargebang: the sample's lowest coverage
    n, text = _read(briefing.build_pdf(con, asof, None, filter=s), tmp_path)
    assert n <= 2
    assert "Kecamatan Bantargebang" in text and "(dipilih)" in text
    _check_cards(_expected_cards(con, asof, s), text)
    questions = _check_questions(con, asof, text, filter=s)
    assert [q["code"] for q in questions].count("CAKUPAN_RENDAH") == 1


# ------------------------------------------------------------------ command line


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "ucj_oversight", "briefing", *args], capture_output=True, text=True, cwd=ROOT
    )


def test_cli(small_db, tmp_path):
    out = tmp_path / "out" / "briefing.pdf"
    r = _cli("--db", str(small_db), "--as-of", "2026-03", "--out", str(out))
    assert r.returncode == 0, r.stderr
    assert out.read_bytes().startswith(b"%PDF")
    assert "Waktu:" in r.stdout and "halaman" in r.stdout

    r = _cli("--db", str(small_db), "--out", str(tmp_path / "default.pdf"), "--lang", "en")  # default month
    assert r.returncode == 0, r.stderr
    assert "2026-03" in r.stdout

    for args, message in (
        (["--as-of", "2026-13"], "YYYY-MM"),
        (["--as-of", "maret"], "YYYY-MM"),
        (["--kecamatan", "Cikarang Barat"], "tidak dikenal"),
    ):
        wrong = tmp_path / "wrong.pdf"
        r = _cli("--db", str(small_db), "--out", str(wrong), *args)
        assert r.returncode == 2, args
        assert message in r.stderr and "Traceback" not in r.stderr
        assert not wrong.exists()

    r = _cli("--db", str(tmp_path / "missing.duckdb"), "--out", str(tmp_path / "x.pdf"))
    assert r.returncode == 2 and "tidak ditemukan" in r.stderr and "Traceback" not in r.stderr
