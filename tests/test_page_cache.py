"""Charts built once per view and shared between sessions (tampilan.grafik_view), public-mode
tables with their disclosure control cached (tampilan._figur_publik). Issue 6: less Python per
page run. No timings here (scripts/ukur_run.py measures them)."""
from __future__ import annotations

import pandas as pd
import pytest

from conftest import KECIL, KUNCI_UJI
from ucj_oversight.storage import db
from ucj_oversight.web import charts, page
from ucj_oversight import ingest
from ucj_oversight.figures import AsOf, Filter


def _k(versi=("x", 1, 1), lang="id", asof="2026-03", kecamatan=None) -> page.Context:
    return page.Context(lang=lang, asof=AsOf.from_text(asof), saringan=Filter(kecamatan, None),
                            versi=versi, simulasi=False, bulan_tersedia=(asof,))


CAK = pd.DataFrame({"kode_kecamatan": ["32.75.01", "32.75.02"], "nama_kecamatan": ["Bekasi Timur", "Bekasi Barat"],
                    "cakupan_persen": [55.0, 70.0], "peserta_aktif": [55, 70], "sasaran": [100, 100]})


@pytest.fixture(autouse=True)
def cache_kosong():
    page._grafik_tersimpan.clear()
    yield
    page._grafik_tersimpan.clear()


def test_grafik_dibangun_sekali_per_view_dan_dibangun_ulang_bila_view_berubah(monkeypatch):
    dibangun = []

    def bangun_dari(k):
        def bangun():
            dibangun.append(k)
            return charts.ranking_bar(CAK, 60.0, k.t("peringkat_judul", bulan=k.bulan_teks), k.lang)
        return bangun

    for k in (_k(), _k()):
        page.cached_chart(k, "g", bangun_dari(k))
    assert len(dibangun) == 1
    # Another database version, language, month, filter or public mode: a new figure.
    for k in (_k(versi=("x", 2, 1)), _k(lang="en"), _k(asof="2026-02"), _k(kecamatan="32.75.01")):
        page.cached_chart(k, "g", bangun_dari(k))
    monkeypatch.setenv("UCJ_MODE", "publik")
    page.cached_chart(_k(), "g", bangun_dari(_k()))
    assert len(dibangun) == 6
    # The same key written at another place of a page (another builder) is another chart.
    page.cached_chart(_k(), "g", lambda: dibangun.append("lain") or charts.tile_map(CAK, "x"))
    assert dibangun[-1] == "lain"
    # Anything else the builder depends on goes in *kunci.
    page.cached_chart(_k(), "g", bangun_dari(_k()), 123)
    assert len(dibangun) == 8


def test_grafik_tersimpan_tidak_berubah_setelah_digambar():
    """The shared figure object is only read when drawn (st.plotly_chart copies it)."""
    k = _k()

    def bangun():
        return charts.tren_peserta(pd.DataFrame({"bulan": ["2026-01", "2026-02"], "baru": [3, 4], "keluar": [1, 2],
                                                 "registrasi_aktif": [10, 12]}), "Tren", k.lang)
    page.cached_chart(k, "tren", bangun)
    kode = bangun.__code__
    tersimpan = page._grafik_tersimpan(k.versi, str(k.asof), None, None, "id", False, "tren",
                                           (kode.co_filename, kode.co_firstlineno), (), _bangun=bangun)
    sebelum = tersimpan.to_json()
    for _ in range(3):
        page.cached_chart(k, "tren", bangun)
    assert tersimpan.to_json() == sebelum == bangun().to_json()


def test_figur_publik_disimpan_dengan_samaran_dan_salinan_per_panggilan(tmp_path, monkeypatch):
    path = tmp_path / "k.duckdb"
    ingest.run_import(path, [KECIL], kunci=KUNCI_UJI)
    page._figur.clear()
    page._figur_publik.clear()
    monkeypatch.setenv("UCJ_MODE", "publik")
    k = _k(versi=db.version_token(path))
    a = page.figure(k, "klaim_kecamatan")
    mask = a.attrs["sdc_mask"]
    assert a.attrs["sdc_nama"] == "klaim_kecamatan" and bool(mask.to_numpy().any())
    a.loc[:, "nominal_dibayar"] = -1          # a page changing its copy changes nothing shared
    b = page.figure(k, "klaim_kecamatan")
    assert (b["nominal_dibayar"].fillna(0) != -1).all()
    assert b.attrs["sdc_mask"].equals(mask)
    monkeypatch.delenv("UCJ_MODE")
    assert "sdc_mask" not in page.figure(k, "klaim_kecamatan").attrs
