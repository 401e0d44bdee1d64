"""Computed dark-photon regions against the published curves (../shared/reference).

Measure (shared/DESIGN.md): each edge at the reference's own masses (our edge
interpolated in log-log between our grid masses; refcurves.edge_stats), over the
reference's whole mass range: median |delta log10 eps|, with the reference masses where
we have no edge counted (``missing``) and none outside our grid. The grid, 20 masses per
decade, is dense enough that doubling it moves no median by 0.01 dex
(test_medians_do_not_move_when_the_grid_is_doubled). Target from the issue: <= 0.15 dex
on each edge. The measured value of each comparison is written next to its row; the
README's validation table is generated from the same measurement
(tests/validation_tables.py, checked by tests/test_readme_tables.py).
"""

from functools import cache

import numpy as np
import pytest

from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach
from refcurves import edge_stats, lmt_envelope, read_lmt

pytestmark = pytest.mark.reference  # every test here compares with the reference

MASSES = np.logspace(-3, 0.5, 71)
COUPLINGS = np.logspace(-9, -2, 71)


#: per-experiment mass grid (first, last, number of masses) and couplings, where the
#: default does not fit: BaBar's bump hunt reaches 10.3 GeV and needs no coupling grid
GRIDS = {
    "BaBar": (0.02, 10.32, 121, None),
    "BelleII": (0.02, 10.32, 121, None),
    "DarkQuest": (1e-3, 10**0.5, 141, COUPLINGS),
    "NA48-2": (0.00899, 0.1203, 40, np.logspace(-5, -2, 121)),
    "KLOE": (0.519, 0.973, 61, None),
    "BESIII-ISR": (1.5, 3.402, 61, None),
    "APEX-test": (0.17, 0.26, 61, None),
    "DarkLight": (0.0029, 0.1, 61, None),
    "Mu3e": (0.0099, 0.0801, 61, None),
}


@cache
def _curve(experiment: str, double: bool = False):
    lo, hi, n, couplings = GRIDS.get(experiment, (1e-3, 10**0.5, len(MASSES), COUPLINGS))
    masses = np.geomspace(lo, hi, 2 * n - 1 if double else n)
    curve = compute_reach(get_model("dark-photon"), get_experiment(experiment), masses, couplings)
    assert not curve.empty, f"{experiment}: no region computed"
    return curve, masses


def edges(experiment, files, double: bool = False):
    """(lower, upper) EdgeStats of the region against the union of the reference files
    (the masses doubled if ``double``)."""
    curve, masses = _curve(experiment, double)
    m, lo, hi = lmt_envelope([f"fig2_darkphoton/{f}" for f in files])
    return (
        edge_stats(curve, m, lo, "lower", masses),
        edge_stats(curve, m, hi, "upper", masses),
    )


# Measured median |delta log10 eps| (lower, upper) at the reference's masses, written
# next to each row (with the masses compared). Target 0.15 dex; a tolerance above it is
# a measured miss, explained next to the row and in the issue note.
# Electron dumps (lower edges): against the ANR recasts (arXiv:1209.6083) of E137, E141
# and E774 the median |delta| is 0.17-0.21 with a small signed median (+0.09, -0.07,
# +0.10: ours weaker at some masses, stronger at others); the Orsay curve (Davier, Nguyen
# Ngoc 1989) lies 0.24 below ours (signed); the independent BEST recast of E137
# (arXiv:0906.0580) 0.25 above ours: the two published E137 curves differ by 0.38 dex
# from each other and ours lies between them (test_e137_bracketed_by_the_two_published_
# recasts). On our grid masses, the measure used before, the ANR numbers were
# 0.160-0.165: the reference's masses crowd at the low-mass end, where they differ most.
#: (experiment, reference as the README names it, reference files, tolerance lower,
#: upper; None: the reference has no such edge)
CASES = [
    # measured (lower, upper), reference masses compared
    ("E137", "ANR 1209.6083", ["DarkCast__E137_Andreas2012mt.lmt"], 0.22, 0.15),  # .184 .010 158
    ("E137", "BEST 0906.0580", ["DarkCast__E137_Bjorken2009mm.lmt"], 0.28, 0.15),  # .247 .026 600
    ("E141", "ANR 1209.6083", ["DarkCast__E141_Riordan1987aw.lmt"], 0.22, 0.15),  # .207 .093 92
    ("E774", "ANR 1209.6083", ["DarkCast__E774_Bross1989mp.lmt"], 0.22, 0.15),  # .169 .006 69
    ("Orsay", "Davier, Nguyen Ngoc 1989", ["DarkCast__Orsay_Davier1989wz.lmt"], 0.30, 0.15),
    # (Orsay: .261 .010, 117)
    # CHARM: the two published curves disagree on the upper edge; fipkit agrees with
    # Tsai et al. there and misses Bergsma et al. (whose region also closes at 0.47 GeV,
    # ours at 0.28: its masses above have no edge of ours, MISSING)
    (
        "CHARM",
        "Bergsma et al. 1985",
        ["DarkCast__CHARM_Bergsma1985qz.lmt"],
        0.15,
        0.20,
    ),  # .131 .179
    (
        "CHARM",
        "Tsai et al. 1908.07525",
        ["DarkCast__CHARM_Tsai2019mtm.lmt"],
        0.15,
        0.15,
    ),  # .138 .023
    # SHiP (mesons + brem, the union): at the reference's masses ours is +0.2..+0.3 dex
    # weaker at 0.1-0.5 GeV and 0.4-0.7 dex stronger at 0.6-1.6 GeV (the proton
    # bremsstrahlung, against the brem file: -0.4..-0.9 everywhere). On our grid masses
    # (most of them below 0.1 GeV, where we agree to 0.05) the median was 0.078.
    (
        "SHiP",
        "Technical Proposal (mesons + brem)",
        ["DarkCast__SHiP_Alekhin2015byh_mesons.lmt", "DarkCast__SHiP_Alekhin2015byh_brem.lmt"],
        0.27,
        0.15,
    ),  # .251 .095, 51
    ("FASER", "1811.12522 (150 fb⁻¹)", ["DarkCast__FASER_Ariga2018uku_run3.lmt"], 0.15, 0.15),
    # BaBar's bump hunt (514 fb^-1) vs the published limit (arXiv:1406.2980): lower edge
    # only; our mass range ends at 9.8 GeV, the reference's at 10.3 (MISSING)
    ("BaBar", "1406.2980", ["DarkCast__BaBar_Lees2014xha.lmt"], 0.15, None),
    # NA48/2 (pi0 -> gamma A', the Dalitz bump hunt) vs arXiv:1504.00607: ours 0.25 dex
    # stronger (signed); the published curve is the observed limit (point-to-point
    # fluctuations +-0.1 dex), ours an expected one with a recalled resolution (1.1%, [U]):
    # closing 0.25 dex in eps needs 10x in sigma_m / N. Target missed: tolerance 0.28.
    # MISSING: the digitisation's ends, 8.99-9.6 and 112-120.3 MeV, are outside the
    # published 9-120 MeV or between our last in-range grid masses.
    ("NA48-2", "1504.00607", ["DarkCast__NA48_Batley2015lha.lmt"], 0.28, None),
    # HPS: fipkit's HPS-like displaced estimate (2.2 GeV, 2.3e18 e-, the catalog's [U]
    # set-up) is not the published configuration: against the displaced projection of
    # Baltzell et al. 2016 (Darkcast HPS_Baltzell2016eee) ours is 0.55 dex lower on the lower
    # edge and 0.31 on the upper (both signed negative: a larger region); our region
    # closes at 0.14 GeV, the reference's at 0.19 (MISSING). Asserted as measured.
    (
        "HPS-displaced",
        "HPS displaced projection (Darkcast Baltzell2016)",
        ["DarkCast__HPS_Baltzell2016eee_displaced.lmt"],
        0.58,
        0.34,
    ),
    # KLOE (mu mu, untagged radiative return, 1.93 fb^-1) and BES III (ISR ee + mu mu,
    # 2.93 fb^-1): the bump-hunt estimate with BaBar's efficiency (0.2), against the
    # published mu mu limit (arXiv:1807.02691; ours 0.08 stronger, signed) and the BES III
    # one (arXiv:1705.04265; ours 0.09 weaker, signed). Both lower edge only. BES III's
    # last digitised mass, 3.4011 GeV, is past the published 3.4, so our grid ends at
    # 3.402 and its last in-range mass is 3.37: the 5 reference masses above (MISSING).
    ("KLOE", "1807.02691 (mu mu)", ["DarkCast__KLOE_Anastasi2018azp_mumu.lmt"], 0.15, None),
    # (KLOE: .079, 228)
    ("BESIII-ISR", "1705.04265", ["DarkCast__BESIII_Ablikim2017aab.lmt"], 0.15, None),
    # (BES III: .107, 168)
    # Fixed-target bump hunts (fipkit.signals.fixed_target_bump_hunt), lower edge only.
    # APEX test run vs its published limit (Darkcast APEX_Abrahamyan2011gv): ours 0.15
    # stronger (signed), the background normalised to the 770 500 pairs quoted [U]; the
    # published limit is observed (fluctuations, a trials factor), ours expected.
    ("APEX-test", "1108.2750", ["DarkCast__APEX_Abrahamyan2011gv.lmt"], 0.18, None),
    # (APEX: .146, 95; MISSING: 2 reference masses at the ends of the published 175-250
    # MeV window, which the catalog entry takes as its mass range)
    # Projections. DarkQuest (1e18 POT) vs Tsai et al.'s run-1 projection (arXiv:1908.07525:
    # ours weaker on both edges, signed +0.15 / +0.19) and FORESEE's SeaQuest line (ours
    # 0.23 stronger on the lower edge); NA62 in dump mode (1e18 POT) vs Tsai et al.'s: the
    # lower edge 0.41 below theirs (signed), vs FORESEE's line 0.19 below; Belle II's bump
    # hunt (50 ab^-1) vs the Physics Book's projection (Darkcast Kou2018nap): 0.17, ours
    # weaker (the same efficiency 0.2 as BaBar, whose published limit we meet to 0.08);
    # our range ends at 9.8 GeV (MISSING). Causes not found: measured and asserted.
    (
        "DarkQuest",
        "Tsai et al. 1908.07525 (run 1)",
        ["DarkCast__SeaQuest_Tsai2019mtm_run1.lmt"],
        0.17,
        0.22,
    ),
    # (DarkQuest: .136 .189, 46 reference masses; 141 grid masses: on 71 the lower edge
    # moved 0.012 when doubled)
    ("NA62-dump", "Tsai et al. 1908.07525", ["DarkCast__NA62_Tsai2019mtm.lmt"], 0.44, 0.11),
    # (NA62-dump: .408 .078, 46; NOT converged in the grid: the lower edge is 0.41, 0.45,
    # 0.54 on 71, 141, 281 masses - the narrow omega dip of the bremsstrahlung (VMD form
    # factor) at 0.78 GeV, where the reference's edge has none, takes more weight on
    # denser grids; the signed offset runs from -0.95 at 3 MeV to -0.2 at 0.05-0.1 GeV and
    # -0.7 at 0.7-0.9 GeV. Left out of the doubling test, NOT_CONVERGED)
    ("BelleII", "Physics Book 1808.10567", ["DarkCast__BelleII_Kou2018nap.lmt"], 0.20, None),
    # (Belle II: .173, 5609)
    # DarkLight (1 ab^-1, 100 MeV on H2) vs Kahn-Thaler's line (arXiv:1209.0777 Fig. 18,
    # Darkcast DarkLight_Kahn2012br): ours 0.44 stronger (signed) on 11-86 MeV. The
    # acceptance, radiative fraction and statistics of the published projection were not
    # read ([U] in the catalog); 0.44 dex in eps is a factor 34 in B / f_rad^2 or 5.8 in
    # the significance asked (a 5 sigma reach would explain 0.3 dex). Measured, asserted.
    # Its 3-11 MeV points (6) are below DarkLight's 10-100 MeV range (MISSING).
    ("DarkLight", "Kahn-Thaler 1209.0777", ["DarkCast__DarkLight_Kahn2012br.lmt"], 0.47, None),
    # Mu3e (5.5e16 muon decays, mu -> e nu nu A' at tree level over the internal
    # conversion) vs Echenard-Essig-Zhong (arXiv:1411.1770, Darkcast Mu3e_Echenard2014lma):
    # 0.00 at 10 MeV, -0.04 at 20, then ours increasingly stronger, -0.2 at 30-60 MeV and
    # -0.5 at 80 MeV, where the decay electron is soft (< 23 MeV) and the published
    # acceptance (not read; ours: |cos| < 0.8, p_T > 10 MeV for all three tracks [U])
    # matters most. Median 0.226 on the 6 masses 20-70 MeV; MISSING: the closure points
    # (9.99, 80.1 MeV, eps = 1) and the ends of the 10-80 MeV window (10, 80 MeV), which
    # our grid does not bracket with an edge on both sides; so at least 6 masses (MIN_N).
    ("Mu3e", "Echenard et al. 1411.1770", ["DarkCast__Mu3e_Echenard2014lma.lmt"], 0.26, None),
    # (FASER: .033 .010, 1575)
]
#: reference masses with no edge of ours, at most (measured): the electron dumps' first
#: masses, 1.03-1.2 MeV, where our region opens just above 2 m_e, and CHARM-Bergsma's
#: tip (its region closes at 0.47 GeV, ours at 0.28); the other rows none
MISSING = {
    "E137-ANR": 8,
    "E137-BEST": 5,
    "E141-ANR": 6,
    "E774-ANR": 7,
    "Orsay-Davier": 7,
    "CHARM-Bergsma": 18,
    "BaBar-1406.2980": 71,
    "NA48-2-1504.00607": 18,
    "HPS-displaced-HPS": 13,
    "BESIII-ISR-1705.04265": 5,
    "BelleII-Physics": 95,
    "DarkQuest-Tsai": 0,
    "DarkLight-Kahn-Thaler": 6,
    "Mu3e-Echenard": 4,
    "APEX-test-1108.2750": 2,
}
#: rows whose reference has fewer than 8 masses with an edge of ours (reason at the row)
MIN_N = {"Mu3e-Echenard": 6}


def _row_id(row) -> str:
    return f"{row[0]}-{row[1].split()[0].rstrip(',')}"


@pytest.mark.slow
@pytest.mark.parametrize("row", CASES, ids=_row_id)
def test_region_vs_published(row):
    experiment, _, files, tol_lo, tol_hi = row
    low, up = edges(experiment, files)
    print(_row_id(row), "lower:", low, "| upper:", up)
    for st in (low, up) if tol_hi is not None else (low,):
        assert st.n >= MIN_N.get(_row_id(row), 8) and st.outside == 0, st
        assert st.missing <= MISSING.get(_row_id(row), 0), st
    assert low.median <= tol_lo, f"{experiment} lower edge: {low}"
    if tol_hi is None:
        assert up.n == 0, up
    else:
        assert up.median <= tol_hi, f"{experiment} upper edge: {up}"


#: rows whose median moves by more than 0.01 dex when the grid is doubled (reason at the row)
NOT_CONVERGED = {"NA62-dump-Tsai"}


@pytest.mark.slow
@pytest.mark.parametrize("row", [r for r in CASES if _row_id(r) not in NOT_CONVERGED], ids=_row_id)
def test_medians_do_not_move_when_the_grid_is_doubled(row):
    """Twice the masses (71 -> 141 by default): every median within 0.01 dex."""
    experiment, _, files, _, _ = row
    a = edges(experiment, files)
    b = edges(experiment, files, double=True)
    for x, y in zip(a, b):
        if x.n:
            assert abs(x.median - y.median) < 0.01, (experiment, x, y)


def validation_table() -> str:
    """The README's dark-photon validation table, from this module's measurement."""
    lines = ["| experiment | reference | lower | upper |", "|---|---|---|---|"]
    for experiment, ref, files, tol_lo, tol_hi in CASES:
        low, up = edges(experiment, files)
        cells = [
            "–" if not st.n else f"{st.median:.3f}" + (" ✗" if st.median > 0.15 else "")
            for st in (low, up)
        ]
        lines.append(f"| {experiment} | {ref} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


def test_e137_bracketed_by_the_two_published_recasts():
    """Our E137 lower edge lies between the BEST (weaker) and ANR (stronger) curves."""
    curve = compute_reach(get_model("dark-photon"), get_experiment("E137"), MASSES, COUPLINGS)
    ms, lo = curve.lower_edge()
    sel = (ms > 0.003) & (ms < 0.2)
    for f, sign in [
        ("DarkCast__E137_Andreas2012mt.lmt", 1),
        ("DarkCast__E137_Bjorken2009mm.lmt", -1),
    ]:
        m, rlo, _ = read_lmt(f"fig2_darkphoton/{f}")
        ref = 10 ** np.interp(np.log10(ms[sel]), np.log10(m), np.log10(rlo))
        assert np.median(sign * np.log10(lo[sel] / ref)) > 0
