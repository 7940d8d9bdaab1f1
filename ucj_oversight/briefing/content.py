"""What the briefing says: the figures it gathers and the oversight questions (no drawing here).

Every number comes from the figures module (the same functions as the pages and the export);
this module only chooses and formats (text/fmt.py). pdf.py lays the result out on paper.

Pertanyaan pengawasan (oversight questions)
-------------------------------------------
`questions()` turns figures into questions with fixed rules. Each question cites one figure
("figure", formatted exactly as fmt formats it) and is asked only when its rule fires. Order:

CAKUPAN_RENDAH      A kecamatan (with a target) whose capaian_kuota_persen is more than 10 points
                    (CAKUPAN_GAP_POINTS) below the city's capaian_kuota_persen (cakupan_kota, same
                    segment filter, without the kecamatan filter). Lowest first, at most 3
                    (MAX_KECAMATAN). Cites the kecamatan's capaian kuota (fmt.percent).
LAJU_SEMESTA        laju_cakupan_kota(...)["cukup"] is False: at the pace of the last 6 months the
                    semesta is not covered by the end of the target year. Cites perlu_per_bulan
                    (fmt.number).
IURAN_MENUNGGAK     bulan_menunggak(...)["bulan_menunggak"] > 0: billing months past their due
                    date and not paid in full at D. Cites the arrears (fmt.rupiah_short). City-wide.
TIDAK_TERLINDUNGI   perlindungan_kota(...)["registrasi_bulan_tanpa_lindung"] > 0: registration-
                    months this year without protection because three invoices were unpaid. Cites
                    that count (fmt.number).
IURAN_TERLAMBAT     ketepatan_bayar(...): months of this year paid in full after their due date.
                    Cites the most days late (fmt.number). City-wide.
KLAIM_DITOLAK_TUNGGAKAN  The finding's count > 0 (refused claims whose incident fell in a month
                    without protection). Cites the count (fmt.number), names the JKM benefit lost.
SERAPAN_TERTINGGAL  realisasi_kumulatif < pagu x M/12 (the even-spending path, M = month number
                    of the as-of month), pagu > 0. Cites serapan_persen (fmt.percent). City-wide.
PROYEKSI_KURANG     proyeksi_akhir_tahun(...)["cukup"] is False. Cites the shortfall
                    |selisih| (fmt.rupiah_short). City-wide.
<KODE_TEMUAN>       Every other finding with nominal > 0 (in practice IURAN_LUAR_MASA, IURAN_GANDA,
                    IURAN_TANPA_PESERTA, KLAIM_TANPA_PESERTA, KLAIM_LUAR_MASA, SP2D_GANDA),
                    largest amount first. Cites the nominal (fmt.rupiah); the question is the
                    finding's question from labels.TEMUAN.
KLAIM_LAMBAT        klaim_layanan(...)["lebih_30_hari"] > 0: claims paid more than 30 days
                    after application. Cites that count (fmt.number).

The PDF prints the first MAX_QUESTIONS in this order and names the codes of the rest (the
dashboard and `questions()` have all). The same rules are written out in docs/methodology.md
("Pertanyaan pengawasan (briefing)").
"""

from __future__ import annotations

from ucj_oversight import figures
from ucj_oversight.figures import AsOf, Filter, InputError
from ucj_oversight.text import fmt, labels

CAKUPAN_GAP_POINTS = 10  # CAKUPAN_RENDAH: more than this many points below the city
MAX_KECAMATAN = 3  # CAKUPAN_RENDAH: at most this many kecamatan
MAX_TEMUAN_ROWS = 6  # rows of the findings table (then its two totals: APBD and BPJS benefits)
MAX_QUESTIONS = 11  # questions printed (the briefing keeps to two pages); the rest are named by code
LANGUAGES = ("id", "en")


def phrase(key: str, lang: str, **values) -> str:
    """A text of the briefing (labels.BRIEFING, its own namespace)."""
    return labels.lookup(labels.BRIEFING, key, lang, **values)


def plural_s(n) -> str:
    """English plural ending (only the English texts use {s})."""
    return "" if n == 1 else "s"


def check_lang(lang: str) -> str:
    if lang not in LANGUAGES:
        raise InputError(f"bahasa '{lang}' tidak dikenal; gunakan id atau en")
    return lang


# ------------------------------------------------------------------ the figures, computed once


def gather(con, asof: AsOf, filter: Filter | None) -> dict:
    """Every figure the briefing shows, each from its figures function (no definition here)."""
    s = filter or Filter()
    city_only = Filter(None, s.segmen)  # context for the ranking and the city line
    with figures.once():  # ringkasan reuses the figures below: once each
        return _gather_figures(con, asof, s, city_only)


def _gather_figures(con, asof: AsOf, s: Filter, city_only: Filter) -> dict:
    return {
        "asof": asof,
        "filter": s,
        "ringkasan": figures.ringkasan(con, asof, s),
        "cakupan": figures.cakupan_kecamatan(con, asof, s),
        "cakupan_all": figures.cakupan_kecamatan(con, asof, city_only),
        "cakupan_kota": figures.cakupan_kota(con, asof, city_only),
        "laju": figures.laju_cakupan_kota(con, asof, s),
        "sumber_semesta": figures.sumber_semesta(con, asof, s),
        "menunggak": figures.bulan_menunggak(con, asof),
        "ketepatan": figures.ketepatan_bayar(con, asof),
        "perlindungan": figures.perlindungan_kota(con, asof, s),
        "klaim_ditolak": figures.klaim_ditolak(con, asof, s),
        "anggaran": figures.anggaran_bulanan(con, asof),
        "proyeksi": figures.proyeksi_akhir_tahun(con, asof),
        "klaim": figures.klaim_program(con, asof, s),
        "klaim_layanan": figures.klaim_layanan(con, asof, s),
        "temuan": figures.temuan(con, asof, s),
        "sumber_impor": figures.sumber_impor(con),
        "simulated": figures.is_simulated(con),
    }


# ------------------------------------------------------------------ oversight questions


def ask(d: dict, lang: str) -> list[dict]:
    """The questions whose rule fires on the gathered figures `d`, in the order of the module docstring."""
    asof: AsOf = d["asof"]
    result: list[dict] = []

    def add(code: str, key: str, figure: str, **values) -> None:
        result.append({"code": code, "text": phrase(key, lang, angka=figure, **values), "figure": figure})

    # CAKUPAN_RENDAH
    city = d["cakupan_kota"]["capaian_kuota_persen"]
    if city is not None:
        cak = d["cakupan"].dropna(subset=["capaian_kuota_persen"])
        low = cak[cak["capaian_kuota_persen"] < city - CAKUPAN_GAP_POINTS]
        for r in low.sort_values(["capaian_kuota_persen", "kode_kecamatan"]).head(MAX_KECAMATAN).itertuples():
            add(
                "CAKUPAN_RENDAH",
                "q_cakupan",
                fmt.percent(r.capaian_kuota_persen, lang=lang),
                nama=r.nama_kecamatan,
                selisih=fmt.number(round(city - r.capaian_kuota_persen, 1), 1, lang=lang),
                kota=fmt.percent(city, lang=lang),
            )

    # LAJU_SEMESTA
    laju = d["laju"]
    if laju["cukup"] is False and laju["perlu_per_bulan"] is not None:
        add(
            "LAJU_SEMESTA",
            "q_laju",
            fmt.number(laju["perlu_per_bulan"], lang=lang),
            semesta=fmt.number(laju["semesta"], lang=lang),
            tahun=laju["tahun_target"],
            laju=fmt.number(round(laju["laju_6_bulan"], 1), 1, lang=lang),
        )

    # IURAN_MENUNGGAK
    mn = d["menunggak"]
    if mn["bulan_menunggak"] > 0:
        add(
            "IURAN_MENUNGGAK",
            "q_menunggak",
            fmt.rupiah_short(mn["tunggakan"], lang),
            n=fmt.number(mn["bulan_menunggak"], lang=lang),
            s=plural_s(mn["bulan_menunggak"]),
            hari=fmt.number(mn["terlama_hari"] or 0, lang=lang),
        )

    # TIDAK_TERLINDUNGI
    pl = d["perlindungan"]
    if pl["registrasi_bulan_tanpa_lindung"] > 0:
        add(
            "TIDAK_TERLINDUNGI",
            "q_lindung",
            fmt.number(pl["registrasi_bulan_tanpa_lindung"], lang=lang),
            kini=fmt.number(pl["tidak_terlindungi"], lang=lang),
            tahun=asof.year,
        )

    # IURAN_TERLAMBAT
    kb = d["ketepatan"]
    late = kb[kb["tgl_lunas"].notna() & (kb["hari_terlambat"] > 0)]
    if len(late):
        add(
            "IURAN_TERLAMBAT",
            "q_terlambat",
            fmt.number(int(late["hari_terlambat"].max()), lang=lang),
            n=fmt.number(len(late), lang=lang),
            s=plural_s(len(late)),
            tahun=asof.year,
        )

    # KLAIM_DITOLAK_TUNGGAKAN
    tm = d["temuan"]
    lapse = tm[tm["kode_temuan"] == "KLAIM_DITOLAK_TUNGGAKAN"]
    if len(lapse) and lapse["jumlah"].iloc[0] > 0:
        n = int(lapse["jumlah"].iloc[0])
        add(
            "KLAIM_DITOLAK_TUNGGAKAN",
            "q_ditolak_tunggakan",
            fmt.number(n, lang=lang),
            s=plural_s(n),
            nominal=fmt.rupiah_short(float(lapse["nominal"].iloc[0]), lang),
        )

    # SERAPAN_TERTINGGAL
    rk = d["ringkasan"]
    m = asof.month.month
    if rk["pagu"] > 0 and rk["realisasi_kumulatif"] < rk["pagu"] * m / 12:
        add(
            "SERAPAN_TERTINGGAL",
            "q_serapan",
            fmt.percent(rk["serapan_persen"], lang=lang),
            jalur=fmt.percent(round(100 * m / 12, 2), lang=lang),
            m=m,
        )

    # PROYEKSI_KURANG
    p = d["proyeksi"]
    if p["cukup"] is False:
        add(
            "PROYEKSI_KURANG",
            "q_proyeksi",
            fmt.rupiah_short(abs(p["selisih"]), lang),
            tahun=asof.year,
            proyeksi=fmt.rupiah_short(p["proyeksi"], lang),
            pagu=fmt.rupiah_short(p["pagu"], lang),
        )

    # every other finding with money, largest first
    money = tm[(tm["nominal"] > 0) & (tm["kode_temuan"] != "KLAIM_DITOLAK_TUNGGAKAN")]
    for r in money.sort_values(["nominal", "jumlah"], ascending=False, kind="stable").itertuples():
        add(
            r.kode_temuan,
            "q_temuan",
            fmt.rupiah(r.nominal, lang),
            nama=labels.temuan_label(r.kode_temuan, "nama", lang),
            jumlah=fmt.number(r.jumlah, lang=lang),
            s=plural_s(r.jumlah),
            tanya=labels.temuan_label(r.kode_temuan, "tanya", lang),
        )

    # KLAIM_LAMBAT
    ly = d["klaim_layanan"]
    if ly["lebih_30_hari"] > 0:
        add(
            "KLAIM_LAMBAT",
            "q_klaim",
            fmt.number(ly["lebih_30_hari"], lang=lang),
            s=plural_s(ly["lebih_30_hari"]),
            median=fmt.number(ly["median_hari"], lang=lang),
            terlama=fmt.number(ly["terlama_hari"], lang=lang),
        )
    return result


def questions(con, asof: AsOf, filter: Filter | None = None, lang: str = "id") -> list[dict]:
    """The oversight questions for a month: [{"code", "text", "figure"}], rules in the module docstring."""
    return ask(gather(con, asof, filter), check_lang(lang))
