"""The presentation view (web/presentation.py) through Streamlit's AppTest on the sample: the
issue-13 figures on its slides, the questions five to a slide, none in public mode (they quote
exact small counts). Its fit on a projector is checked in tests/test_browser_presentation.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import log_in_apptest
from streamlit.testing.v1 import AppTest

from ucj_oversight import figures
from ucj_oversight.storage import db
from ucj_oversight.text import fmt
from ucj_oversight.web import presentation

APP = Path(__file__).resolve().parent.parent / "app.py"


@pytest.fixture
def open_presentation(sample_db, test_users_file, monkeypatch, tmp_path):
    monkeypatch.setenv("UCJ_DB", str(sample_db))
    monkeypatch.setenv("UCJ_USERS", str(test_users_file))
    monkeypatch.setenv("UCJ_AUDIT", str(tmp_path / "audit.jsonl"))

    def _open(public: bool = False) -> AppTest:
        if public:
            monkeypatch.setenv("UCJ_MODE", "publik")
        at = AppTest.from_file(str(APP), default_timeout=60)
        at.query_params["view"] = "presentasi"
        at.run()
        if not public:
            log_in_apptest(at)
        assert not at.exception, [e.value for e in at.exception]
        return at

    return _open


def _slide(at) -> tuple[str, str]:
    """(the slide's caption 'i/n · …', all its text)."""
    caption = next(c.value for c in at.caption if " · " in c.value and "/" in c.value.split(" · ")[0])
    return caption, "\n".join(m.value for m in at.markdown)


def _next(at) -> AppTest:
    return at.button(key="presentasi_maju").click().run()


def test_slides_show_the_issue_13_figures(open_presentation, sample_db):
    with db.read(sample_db) as con:
        asof = figures.latest_month(con)
        r = figures.ringkasan(con, asof)
        arrears = figures.bulan_menunggak(con, asof)
    at = open_presentation()
    caption, text = _slide(at)
    # 1: both coverage figures, each under its own name.
    assert caption.startswith("1/") and fmt.percent(r["capaian_kuota_persen"]) in text
    assert fmt.percent(r["cakupan_semesta_persen"]) in text and "Cakupan semesta" in text
    _next(at)
    _next(at)
    caption, text = _slide(at)
    # 3: months in arrears and people without protection.
    assert caption.startswith("3/") and "Bulan menunggak" in text and "Tidak terlindungi" in text
    assert f">{fmt.number(arrears['bulan_menunggak'])}<" in text
    _next(at)
    _next(at)
    caption, text = _slide(at)
    # 5: the two 'perlu klarifikasi' amounts, side by side, never one total.
    assert "Perlu klarifikasi: APBD" in text and "Perlu klarifikasi: BPJS" in text and "tidak dijumlahkan" in text
    assert fmt.rupiah_short(r["apbd_klarifikasi"] + r["manfaat_klarifikasi"]) not in text


def test_questions_five_to_a_slide_and_none_in_public_mode(open_presentation):
    at = open_presentation()
    caption, _ = _slide(at)
    total = int(caption.split(" · ")[0].split("/")[1])
    at.button(key="presentasi_mundur").click().run()  # the last slide: questions
    caption, text = _slide(at)
    assert caption.startswith(f"{total}/{total}") and "Pertanyaan pengawasan" in caption
    assert 1 <= text.count("• ") <= presentation.QUESTIONS_PER_SLIDE
    public = open_presentation(public=True)
    caption, _ = _slide(public)
    assert caption.startswith(f"1/{len(presentation.SECTIONS) - 1} ")
    public.button(key="presentasi_mundur").click().run()
    caption, text = _slide(public)
    assert "Perlu klarifikasi" in caption and "• " not in text
