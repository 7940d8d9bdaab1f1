"""Small-count suppression (public mode): hand-worked cases, every figure's rule, properties on
random tables, and the public export built from the small fixture.

Notation in the comments: a cell written [n] is hidden, n is shown.
"""

from __future__ import annotations

import csv
import json
import warnings
from fractions import Fraction

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ucj_oversight import disclosure, figures
from ucj_oversight.cli import main
from ucj_oversight.figures import AsOf
from ucj_oversight.publish import export, public


def hidden_rows(mask: pd.DataFrame, column: str) -> list[int]:
    """Row positions hidden in one column."""
    return [i for i, v in enumerate(mask[column].tolist()) if v]


def read_csv_rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


# ------------------------------------------------------------------ hand-worked cases


def test_constants_and_texts():
    assert disclosure.THRESHOLD == 5
    assert disclosure.COUNT_TEXT == "<5" and disclosure.AMOUNT_TEXT == "disamarkan"
    assert disclosure.hidden_text("count", "en") == "<5" and disclosure.hidden_text("amount", "en") == "masked"
    assert [disclosure.needs_suppression(n) for n in (0, 1, 4, 5, None)] == [False, True, True, False, False]


def test_one_small_count_gets_a_second_cell():
    # peserta_aktif 2, 40, 7, 0 (city card: 49). The 2 is hidden; alone in its column it could be
    # read back as 49 - 40 - 7 - 0, so the smallest other non-zero cell, 7, is hidden too.
    # Both percentages of both cells go with them (with a shown sasaran or semesta each gives its
    # count back: 20% of 10 = 2); sasaran and semesta (a target, a population) stay.
    df = pd.DataFrame(
        {
            "kode_kecamatan": ["a", "b", "c", "d"],
            "sasaran": pd.array([10, 80, 10, None], "Int64"),
            "peserta_aktif": [2, 40, 7, 0],
            "capaian_kuota_persen": [20.0, 50.0, 70.0, np.nan],
            "semesta": pd.array([40, 200, None, 30], "Int64"),
            "cakupan_semesta_persen": [5.0, 20.0, np.nan, 0.0],
        }
    )
    data, mask = disclosure.apply(figures.cakupan_kecamatan, df)
    assert hidden_rows(mask, "peserta_aktif") == [0, 2]
    assert hidden_rows(mask, "capaian_kuota_persen") == [0, 2]
    assert hidden_rows(mask, "cakupan_semesta_persen") == [0, 2]
    assert not mask["sasaran"].any() and not mask["semesta"].any() and not mask["kode_kecamatan"].any()
    rule = disclosure.rule(figures.cakupan_kecamatan)
    audit = dict(counts=rule.counts, follows=rule.follows)
    assert disclosure.leaks(df, mask, **audit) == []
    # The audit sees a percentage left shown next to its hidden count: 5% of a semesta of 40 = 2.
    shown_percent = mask.copy()
    shown_percent.loc[0, "cakupan_semesta_persen"] = False
    assert disclosure.leaks(df, shown_percent, **audit) == ["ikut baris 0 kolom cakupan_semesta_persen"]
    assert data["peserta_aktif"].tolist()[1] == 40 and data["peserta_aktif"].isna().tolist() == [
        True,
        False,
        True,
        False,
    ]
    assert data["capaian_kuota_persen"].isna().tolist() == [True, False, True, True]  # last: no target (not hidden)
    assert data["cakupan_semesta_persen"].isna().tolist() == [True, False, True, False]  # c: no semesta
    assert df["peserta_aktif"].tolist() == [2, 40, 7, 0]  # input untouched


def test_two_small_counts_need_no_second_cell():
    # [2] [3] 0 40, total 45: 45 - 40 = 5 = the two hidden together, either could be 1..4.
    df = pd.DataFrame(
        {
            "segmen": list("abcd"),
            "sasaran": pd.array([None] * 4, "Int64"),
            "peserta_aktif": [2, 3, 0, 40],
            "capaian_kuota_persen": [np.nan] * 4,
        }
    )
    _, mask = disclosure.apply(figures.cakupan_segmen, df)
    assert hidden_rows(mask, "peserta_aktif") == [0, 1]


def test_small_counts_readable_from_the_sum_get_a_third_cell():
    # [1] [1] 6 10, total 18: the hidden pair sums to 2, and each hidden count is at least 1
    # (0 is always shown), so both would be 1. One more cell (the 6) is hidden.
    df = pd.DataFrame({"jumlah": [1, 1, 6, 10]})
    _, mask = disclosure.suppress(df, ["jumlah"])
    assert hidden_rows(mask, "jumlah") == [0, 1, 2]
    # Likewise [4] [4] 9 10: two cells shown as '<5' summing to 8 can only be 4 and 4.
    _, mask = disclosure.suppress(pd.DataFrame({"jumlah": [4, 4, 9, 10]}), ["jumlah"])
    assert hidden_rows(mask, "jumlah") == [0, 1, 2]


def test_small_total_needs_no_second_cell():
    # [2] 0 0: the column total is 2, itself hidden wherever it is shown; nothing else to hide.
    with warnings.catch_warnings():
        warnings.simplefilter("error", disclosure.DisclosureWarning)
        _, mask = disclosure.suppress(pd.DataFrame({"jumlah": [2, 0, 0]}), ["jumlah"])
    assert hidden_rows(mask, "jumlah") == [0]


def test_unprotectable_table_gives_a_warning():
    # [1] [1] [1] [1] [1] 0, total 5 shown: five hidden cells that must all be 1, and no other
    # cell to hide; the module says so (the total 5 must be hidden by the caller).
    with pytest.warns(disclosure.DisclosureWarning, match="samarkan juga totalnya"):
        _, mask = disclosure.suppress(pd.DataFrame({"jumlah": [1, 1, 1, 1, 1, 0]}), ["jumlah"])
    assert hidden_rows(mask, "jumlah") == [0, 1, 2, 3, 4]


def test_without_totals_only_primary_cells():
    _, mask = disclosure.suppress(pd.DataFrame({"jumlah": [2, 40, 7]}), ["jumlah"], totals=[])
    assert hidden_rows(mask, "jumlah") == [0]


def _klaim_kecamatan_table(rows) -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["kode_kecamatan", "jkk_jumlah", "jkk_nominal", "jkm_jumlah", "jkm_nominal"])
    df.insert(1, "nama_kecamatan", df["kode_kecamatan"])
    df["jumlah_klaim"] = df["jkk_jumlah"] + df["jkm_jumlah"]
    df["nominal_dibayar"] = df["jkk_nominal"] + df["jkm_nominal"]
    return df


def test_klaim_kecamatan_one_kecamatan_with_two_klaim():
    #        jkk          jkm         jumlah
    # A      [2]          0           [2]      A has 2 JKK claims: jkk and jumlah are 1..4
    # B      10           6           16
    # C      [7]          0           [7]      jkk column: A alone -> smallest other, C's 7;
    # D      0            0           0        jumlah column: A alone -> C's 7 (B's 16 is larger)
    # Rows A and C then hold two hidden cells each; columns two each. B stays shown.
    df = _klaim_kecamatan_table(
        [("A", 2, 2_300_000.0, 0, 0.0), ("B", 10, 30e6, 6, 252e6), ("C", 7, 14e6, 0, 0.0), ("D", 0, 0.0, 0, 0.0)]
    )
    data, mask = disclosure.apply(figures.klaim_kecamatan, df)
    for k in ("jkk_jumlah", "jkk_nominal", "jumlah_klaim", "nominal_dibayar"):
        assert hidden_rows(mask, k) == [0, 2], k
    assert not mask["jkm_jumlah"].any() and not mask["jkm_nominal"].any()
    assert list(data.columns) == list(df.columns) and list(mask.columns) == list(df.columns)
    displayed = disclosure.display_figure(figures.klaim_kecamatan, data, mask)
    assert displayed.loc[0, "jkk_jumlah"] == "<5" and displayed.loc[0, "jkk_nominal"] == "disamarkan"
    assert displayed.loc[1, "jumlah_klaim"] == 16 and displayed.loc[3, "jkk_jumlah"] == 0
    assert (
        disclosure.display_figure(figures.klaim_kecamatan, data, mask, lang="en").loc[2, "nominal_dibayar"] == "masked"
    )
    # And nothing can be worked out from what is left.
    assert (
        disclosure.leaks(
            df,
            mask,
            ["jkk_jumlah", "jkm_jumlah", "jumlah_klaim"],
            {"jkk_jumlah": "jkk_nominal", "jkm_jumlah": "jkm_nominal", "jumlah_klaim": "nominal_dibayar"},
            row_groups=[["jkk_jumlah", "jkm_jumlah", "jumlah_klaim"]],
        )
        == []
    )
    # Whereas hiding only A's cells would let 19 - 10 - 0 - 0 give A's 2 back.
    alone = mask.copy()
    alone.loc[2, :] = False
    assert "hitung baris 0 kolom jkk_jumlah" in disclosure.leaks(
        df,
        alone,
        ["jkk_jumlah", "jkm_jumlah", "jumlah_klaim"],
        row_groups=[["jkk_jumlah", "jkm_jumlah", "jumlah_klaim"]],
    )


def test_klaim_kecamatan_other_programs_protected():
    # jumlah_klaim also counts other programs (e.g. JHT): A has 10 JKK + 6 JKM + 2 other = 18.
    # The 2 is no column, but jumlah - jkk - jkm gives it back, so a second cell in row A goes:
    # the smallest, jkm 6. Then the jkm column needs a second (B's 9), row B a second (jkk 12),
    # the jkk column a second (A's 10). jumlah_klaim stays shown; klaim_program shows JKK 22,
    # JKM [15] (hidden there as the pair of JHT [2]), total 39: 39 - 22 leaves JKM + JHT only.
    df = _klaim_kecamatan_table([("A", 10, 30e6, 6, 252e6), ("B", 12, 40e6, 9, 378e6)])
    df.loc[0, "jumlah_klaim"] = 18
    df.loc[0, "nominal_dibayar"] += 5e6
    _, mask = disclosure.apply(figures.klaim_kecamatan, df)
    assert hidden_rows(mask, "jkk_jumlah") == [0, 1] and hidden_rows(mask, "jkm_jumlah") == [0, 1]
    assert not mask["jumlah_klaim"].any()
    prog = pd.DataFrame(
        {"program": ["JKK", "JKM", "JHT"], "jumlah_klaim": [22, 15, 2], "nominal_dibayar": [70e6, 630e6, 5e6]}
    )
    _, mp = disclosure.apply(figures.klaim_program, prog)
    assert hidden_rows(mp, "jumlah_klaim") == [1, 2]


def test_klaim_kecamatan_row_group_must_add_up():
    df = _klaim_kecamatan_table([("A", 3, 1.0, 2, 1.0)])
    df.loc[0, "jumlah_klaim"] = 4  # less than jkk + jkm: not a valid table
    with pytest.raises(ValueError):
        disclosure.apply(figures.klaim_kecamatan, df)


def test_klaim_program_one_small_program():
    # JKK [2], JKM [9]: the city total 11 is a card on the same page, so JKM goes too.
    df = pd.DataFrame({"program": ["JKK", "JKM"], "jumlah_klaim": [2, 9], "nominal_dibayar": [2.3e6, 378e6]})
    data, mask = disclosure.apply(figures.klaim_program, df)
    assert mask["jumlah_klaim"].tolist() == [True, True] and mask["nominal_dibayar"].tolist() == [True, True]
    assert data["nominal_dibayar"].isna().all()


def test_klaim_bulanan_totalled_both_ways():
    # 2x2 (month x program) with month totals (stacked bars) and program totals (klaim_program):
    #            JKK   JKM
    # 2026-01    [6]   [2]     one small cell in a table totalled both ways hides all four.
    # 2026-02    [7]   [5]
    df = pd.DataFrame(
        {
            "bulan": ["2026-01", "2026-01", "2026-02", "2026-02"],
            "program": ["JKK", "JKM"] * 2,
            "jumlah_klaim": [6, 2, 7, 5],
            "nominal_dibayar": [6e6, 84e6, 7e6, 210e6],
        }
    )
    _, mask = disclosure.apply(figures.klaim_bulanan, df)
    assert mask["jumlah_klaim"].all() and mask["nominal_dibayar"].all()
    # With 20 JKK in February the second cell still has to come from the same month and program.
    df.loc[2, "jumlah_klaim"] = 20
    _, mask = disclosure.apply(figures.klaim_bulanan, df)
    assert mask["jumlah_klaim"].all()


def test_cakupan_kelurahan_pair_within_the_kecamatan():
    # Kecamatan X: [3], 10, [6]; Y: 5, 20. X's kelurahan add up to X's total on the same page,
    # so the second cell comes from X (6), not from Y (the city-wide smallest, 5).
    df = pd.DataFrame(
        {
            "kode_kecamatan": ["X", "X", "X", "Y", "Y"],
            "nama_kecamatan": ["X", "X", "X", "Y", "Y"],
            "kode_kelurahan": ["1", "2", "3", "4", None],
            "nama_kelurahan": ["k1", "k2", "k3", "k4", None],
            "peserta_aktif": [3, 10, 6, 5, 20],
        }
    )
    _, mask = disclosure.apply(figures.cakupan_kelurahan, df)
    assert hidden_rows(mask, "peserta_aktif") == [0, 2]


def test_tren_peserta_only_small_counts():
    df = pd.DataFrame(
        {
            "bulan": ["2026-01", "2026-02", "2026-03"],
            "registrasi_aktif": [3, 60, 70],
            "baru": [3, 57, 12],
            "keluar": [0, 0, 2],
        }
    )
    data, mask = disclosure.apply(figures.tren_peserta, df)
    assert hidden_rows(mask, "registrasi_aktif") == [0]
    assert hidden_rows(mask, "baru") == [0] and hidden_rows(mask, "keluar") == [2]
    assert data["keluar"].tolist()[:2] == [0, 0]


def test_temuan_jumlah_and_nominal():
    # jumlah [1] 0 [3] 12 [6]: 1 and 3 hidden (together: 4 = 1 + 3, not all 1 and not all 4).
    # Their amounts: NIK finding 0 and Rp 50.400; 'Rp berisiko' (the nominal total) minus the
    # shown 16.800.000 would give the Rp 50.400 back, as the only hidden non-zero amount, so
    # the next smallest non-zero amount (the 6 cases, Rp 100.800) is hidden with its count.
    df = pd.DataFrame(
        {
            "kode_temuan": ["NIK_TIDAK_VALID", "IURAN_GANDA", "IURAN_LUAR_MASA", "SP2D_GANDA", "IURAN_TANPA_PESERTA"],
            "jumlah": [1, 0, 3, 12, 6],
            "nominal": [0.0, 0.0, 50_400.0, 16_800_000.0, 100_800.0],
        }
    )
    data, mask = disclosure.apply(figures.temuan, df)
    assert hidden_rows(mask, "jumlah") == [0, 2, 4] and hidden_rows(mask, "nominal") == [0, 2, 4]
    displayed = disclosure.display_figure(figures.temuan, data, mask)
    assert displayed["jumlah"].tolist() == ["<5", 0, "<5", 12, "<5"]
    assert displayed["nominal"].tolist() == ["disamarkan", 0.0, "disamarkan", 16_800_000.0, "disamarkan"]


def test_rekonsiliasi_iuran():
    df = pd.DataFrame(
        {
            "bulan": ["2026-01", "2026-02", "2026-03"],
            "registrasi_tertagih": [3, 50, 60],
            "iuran_seharusnya": [50_400.0, 840_000.0, 1_008_000.0],
            "iuran_ditagih": [50_400.0, 840_000.0, 1_024_800.0],
            "selisih": [0.0, 0.0, 16_800.0],
            "iuran_dibayar": [0.0, 50_400.0, 840_000.0],
        }
    )
    _, mask = disclosure.apply(figures.rekonsiliasi_iuran, df)
    for k in ("registrasi_tertagih", "iuran_seharusnya", "iuran_ditagih", "selisih"):
        assert hidden_rows(mask, k) == [0, 1], k
    assert not mask["iuran_dibayar"].any()


def test_empty_table_and_table_without_small_counts():
    empty = pd.DataFrame(
        {
            "program": pd.Series([], dtype=object),
            "jumlah_klaim": pd.Series([], dtype="int64"),
            "nominal_dibayar": pd.Series([], dtype="float64"),
        }
    )
    data, mask = disclosure.apply(figures.klaim_program, empty)
    assert len(data) == 0 and not mask.any().any()
    large = pd.DataFrame({"program": ["JKK", "JKM"], "jumlah_klaim": [0, 50], "nominal_dibayar": [0.0, 2.1e9]})
    data, mask = disclosure.apply(figures.klaim_program, large)
    assert not mask.any().any() and data["jumlah_klaim"].tolist() == [0, 50]


def test_display_changes_nothing_else():
    df = pd.DataFrame({"k": ["a", "b"], "n": [2, 30], "rp": [1.5, 2.5]})
    mask = pd.DataFrame({"k": [False, False], "n": [True, False], "rp": [True, False]})
    t = disclosure.display(df, mask, ["n"], {"n": "rp"})
    assert t.to_dict("list") == {"k": ["a", "b"], "n": ["<5", 30], "rp": ["disamarkan", 2.5]}
    assert disclosure.display(df, mask, ["n"], {"n": "rp"}, lang="en")["rp"].tolist() == ["masked", 2.5]
    assert df["n"].tolist() == [2, 30]


def test_bad_input():
    with pytest.raises(ValueError):
        disclosure.suppress(pd.DataFrame({"n": [1, -2]}), ["n"])
    with pytest.raises(ValueError):
        disclosure.suppress(pd.DataFrame({"n": [1, 2]}), ["tidak_ada"])
    with pytest.raises(ValueError):
        disclosure.suppress(pd.DataFrame({"n": [1.5, 2]}), ["n"])


# ------------------------------------------------------------------ properties on random tables

cell_value = st.one_of(st.just(0), st.integers(1, 4), st.integers(5, 40))


def _determined_exactly(equations: list[dict], n: int) -> set[int]:
    """Independent check (exact fractions, Gauss-Jordan): the variables fixed by the equations."""
    M = [[Fraction(p.get(i, 0)) for i in range(n)] for p in equations]
    pivot, r = [], 0
    for c in range(n):
        p = next((i for i in range(r, len(M)) if M[i][c] != 0), None)
        if p is None:
            continue
        M[r], M[p] = M[p], M[r]
        M[r] = [x / M[r][c] for x in M[r]]
        for i in range(len(M)):
            if i != r and M[i][c] != 0:
                f = M[i][c]
                M[i] = [a - f * b for a, b in zip(M[i], M[r])]
        pivot.append(c)
        r += 1
    return {c for i, c in enumerate(pivot) if all(M[i][k] == 0 for k in range(n) if k != c)}


def _check_columns(X: np.ndarray, H: np.ndarray, columns: list[str], warned: bool) -> None:
    # (a) every count 1..4 is hidden, and a 0 never is.
    assert (H[(X >= 1) & (X < 5)]).all()
    assert not H[X == 0].any()
    for j, k in enumerate(columns):
        T, h = int(X[:, j].sum()), int(H[:, j].sum())
        # (b)+(c) a published total (0 or >= 5; a total of 1..4 is itself hidden) never leaves
        # exactly one small count hidden, to be read back by subtraction. A lone hidden cell of 5
        # or more can happen when it was hidden to protect a row relation and its column has no
        # other non-zero cell to pair with (e.g. rows (0,0,5 | 5), (4,0,0 | 4), (4,0,0 | 4)); reading
        # it back gives nothing small away, and the small cells stay protected (checked by the
        # module's own solver and by the 'all 1 / all 4' rule below).
        if T == 0 or T >= 5:
            if h == 1:
                assert X[H[:, j], j][0] >= 5, (k, X[:, j], H[:, j])
            # ... nor hidden cells that the sum gives away (all 1, or all 4), unless the module
            # warned that only hiding the total can help.
            hidden_sum = int(X[H[:, j], j].sum())
            if h >= 2 and (hidden_sum == h or (hidden_sum == 4 * h and (X[H[:, j], j] < 5).all())):
                assert warned and not ((X[:, j] > 0) & ~H[:, j]).any()
        elif h == 1:
            # The one hidden cell is the only non-zero one: the total equals it and is 1..4.
            assert (X[:, j] > 0).sum() == 1


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 12).flatmap(lambda n: st.lists(st.lists(cell_value, min_size=n, max_size=n), min_size=1, max_size=3))
)
def test_property_tables_of_columns(column_values):
    """Random tables, each column with a published total (its sum)."""
    columns = [f"k{j}" for j in range(len(column_values))]
    df = pd.DataFrame(dict(zip(columns, column_values)))
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", disclosure.DisclosureWarning)
        data, mask = disclosure.suppress(df, columns)
    X, H = df[columns].to_numpy(), mask[columns].to_numpy()
    _check_columns(X, H, columns, bool(w))
    assert (data[columns].isna().to_numpy() == H).all()
    assert (data[columns].to_numpy()[~H] == X[~H]).all()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(1, 7).flatmap(lambda n: st.lists(st.tuples(cell_value, cell_value, cell_value), min_size=n, max_size=n))
)
def test_property_tables_with_row_totals(rows):
    """Random klaim_kecamatan-like tables: a + b + c = t in every row, and every column total is
    shown (totals of 1..4 would themselves be hidden, so such tables are set aside)."""
    df = pd.DataFrame(rows, columns=["a", "b", "c"])
    df["t"] = df["a"] + df["b"] + df["c"]
    columns = ["a", "b", "c", "t"]
    if any(1 <= df[k].sum() < 5 for k in columns):
        return
    with warnings.catch_warnings(record=True) as w:
        warnings.simplefilter("always", disclosure.DisclosureWarning)
        _, mask = disclosure.suppress(df, columns, row_groups=[columns])
    X, H = df[columns].to_numpy(), mask[columns].to_numpy()
    _check_columns(X, H, columns, bool(w))
    # (b) no row has exactly one hidden cell.
    assert all(H[r].sum() != 1 for r in range(len(df)))
    # (c) solving every published total and every row relation together fixes no small count.
    var = {s: i for i, s in enumerate(zip(*np.nonzero(H)))}
    equations = [{var[(r, j)]: 1 for r in range(len(df)) if H[r, j]} for j in range(4)]
    equations += [{var[(r, j)]: (1 if j < 3 else -1) for j in range(4) if H[r, j]} for r in range(len(df))]
    fixed = _determined_exactly([p for p in equations if p], len(var))
    readable = [s for s, i in var.items() if i in fixed and 1 <= X[s] < 5]
    assert not readable, (X.tolist(), H.astype(int).tolist(), readable)


# ------------------------------------------------------------------ the public export


COUNT_COLUMN = {
    "cakupan_kecamatan.csv": "peserta_aktif",
    "klaim_program.csv": "jumlah_klaim",
    "rekonsiliasi_iuran.csv": "registrasi_tertagih",
    "temuan.csv": "jumlah",
}


def test_public_export_masks_small_counts(small_con, tmp_path):
    asof = AsOf.from_text("2026-03")
    normal_dir, public_dir = tmp_path / "biasa", tmp_path / "publik"
    export.export(small_con, asof, normal_dir)
    files = public.export_public(small_con, asof, public_dir)
    assert sorted(p.name for p in files) == sorted(p.name for p in normal_dir.iterdir())

    small_in_normal = 0
    for name, k in COUNT_COLUMN.items():
        original, pub = read_csv_rows(normal_dir / name), read_csv_rows(public_dir / name)
        assert len(original) == len(pub)
        # Same columns first, then the flags.
        assert list(pub[0])[: len(original[0])] == list(original[0])
        for a, p in zip(original, pub):
            if a.get("kode_temuan") in figures.spec_of(figures.temuan).disclosure.documents[1]:
                assert p[k] == a[k]  # documents (SP2D numbers, file rows), not people: shown
                continue
            small_in_normal += a[k] in {"1", "2", "3", "4"}
            assert p[k] not in {"1", "2", "3", "4"}, (name, p)
            assert p[k + "_disamarkan"] in {"true", "false"}
            if p[k + "_disamarkan"] == "true":
                assert p[k] == ""
            else:
                assert p[k] == a[k]
            if a[k] in {"1", "2", "3", "4"}:
                assert p[k + "_disamarkan"] == "true"
    assert small_in_normal > 0  # the fixture has small counts, and the normal export keeps them

    # The normal export is unchanged; the public one hides Pondokgede's 2 and Bekasi Barat's 2.
    assert {
        "kode_kecamatan": "32.75.08",
        "nama_kecamatan": "Pondokgede",
        "sasaran": "4",
        "peserta_aktif": "2",
        "capaian_kuota_persen": "50",
        "semesta": "",
        "cakupan_semesta_persen": "",
    } in read_csv_rows(normal_dir / "cakupan_kecamatan.csv")
    cak = {r["nama_kecamatan"]: r for r in read_csv_rows(public_dir / "cakupan_kecamatan.csv")}
    assert cak["Pondokgede"] == {
        "kode_kecamatan": "32.75.08",
        "nama_kecamatan": "Pondokgede",
        "sasaran": "4",
        "peserta_aktif": "",
        "capaian_kuota_persen": "",
        "semesta": "",
        "cakupan_semesta_persen": "",
        "peserta_aktif_disamarkan": "true",
        "capaian_kuota_persen_disamarkan": "true",
        # No semesta: nothing to hide, but the flag follows the count (the cell is empty either way).
        "cakupan_semesta_persen_disamarkan": "true",
    }
    # Not applicable (no target) vs hidden vs zero are told apart.
    bu = cak["Bekasi Utara"]
    assert (bu["capaian_kuota_persen"], bu["capaian_kuota_persen_disamarkan"]) == ("", "false")
    assert (cak["Bekasi Timur"]["peserta_aktif"], cak["Bekasi Timur"]["peserta_aktif_disamarkan"]) == ("0", "false")
    # Amounts go with their counts; budget tables have nothing to hide and are copied as they are.
    prog = read_csv_rows(public_dir / "klaim_program.csv")
    assert [(r["program"], r["jumlah_klaim"], r["nominal_dibayar"], r["nominal_dibayar_disamarkan"]) for r in prog] == [
        ("JKK", "", "", "true"),
        ("JKM", "", "", "true"),
    ]
    assert (public_dir / "anggaran_bulanan.csv").read_text("utf-8") == (normal_dir / "anggaran_bulanan.csv").read_text(
        "utf-8"
    )
    assert read_csv_rows(public_dir / "rekonsiliasi_iuran.csv")[0]["registrasi_tertagih"] == "5"


def test_public_export_datapackage(small_con, tmp_path):
    public.export_public(small_con, AsOf.from_text("2026-03"), tmp_path)
    package = json.loads((tmp_path / "datapackage.json").read_text("utf-8"))
    assert package["name"].endswith("-publik") and "disamarkan" in package["title"]
    assert [r["path"] for r in package["resources"]] == [f"{n}.csv" for n in export.TABLES]
    for r in package["resources"]:
        with open(tmp_path / r["path"], encoding="utf-8", newline="") as f:
            assert next(csv.reader(f)) == [x["name"] for x in r["schema"]["fields"]]
        fields = {x["name"]: x for x in r["schema"]["fields"]}
        for name, x in fields.items():
            if name.endswith("_disamarkan"):
                assert x["type"] == "boolean"
                source_field = fields[name[: -len("_disamarkan")]]
                assert "Kosong bila disamarkan" in source_field["description"]
                assert "tidak berlaku" in source_field["description"]
    # The normal datapackage is unchanged.
    normal = export.datapackage(AsOf.from_text("2026-03"), figures.sumber_impor(small_con))
    resources = {r["name"]: r for r in normal["resources"]}
    assert [f["name"] for f in resources["klaim_program"]["schema"]["fields"]] == [
        "program",
        "jumlah_klaim",
        "nominal_dibayar",
    ]


def test_cli_export_public(small_db, tmp_path, capsys):
    assert main(["export", "--db", str(small_db), "--as-of", "2026-03", "--out", str(tmp_path), "--publik"]) == 0
    assert "jumlah_klaim_disamarkan" in (tmp_path / "klaim_program.csv").read_text("utf-8")
    assert "datapackage.json" in capsys.readouterr().out


RULED = sorted(s.name for s in figures.SPECS.values() if s.disclosure is not None)


def test_figures_with_a_rule():
    """The figures whose tables count people or claims have a rule; budget figures do not."""
    assert RULED == [
        "cakupan_kecamatan",
        "cakupan_kelurahan",
        "cakupan_segmen",
        "klaim_bulanan",
        "klaim_ditolak",
        "klaim_kecamatan",
        "klaim_program",
        "laju_cakupan",
        "perlindungan_kecamatan",
        "rekonsiliasi_iuran",
        "status_peserta",
        "temuan",
        "tren_peserta",
    ]
    assert disclosure.rule(figures.anggaran_bulanan) is None


@pytest.mark.parametrize("name", RULED)
def test_rule_on_the_small_fixture(small_con, name):
    """Every figure's rule on its real table of the fixture: no shown 1..4, columns unchanged."""
    fn = figures.function(name)
    df = fn(small_con, AsOf.from_text("2026-03"))
    data, mask = disclosure.apply(fn, df)
    assert list(data.columns) == list(df.columns) and list(mask.columns) == list(df.columns)
    counts = [k for k in fn.spec.disclosure.counts if k in df.columns]
    docs = fn.spec.disclosure.documents  # rows counting documents, not people (temuan: SP2D, file rows)
    people = ~df[docs[0]].isin(docs[1]) if docs else pd.Series(True, index=df.index)
    for k in counts:
        shown = data.loc[~mask[k] & people, k]
        assert not ((shown >= 1) & (shown < 5)).any(), k
    if docs:  # the fixture's one repeated SP2D number and two rejected rows are shown as they are
        assert not mask.loc[~people].any().any() and (data.loc[~people, "jumlah"] == df.loc[~people, "jumlah"]).all()
    displayed = disclosure.display_figure(fn, data, mask)
    assert all(v == "<5" for k in counts for v in displayed.loc[mask[k], k])
