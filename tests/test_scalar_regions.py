"""Dark-scalar regions against the published curves of ../shared/reference/fig4_scalar
(FORESEE's digitisations; y = theta, squared here to sin^2 theta), each edge at the
reference's own masses over its whole mass range (refcurves.edge_stats; 121 masses on
the reference's range). Measured medians of |delta log10 sin^2 theta| (target <= 0.2,
issue 3), signed where the offset is systematic (- = ours lower):

* CHARM (Winkler arXiv:1809.01876 recast): lower 0.031 over 23 masses 0.03-0.28 GeV,
  upper 0.128 (18 masses 0.21-0.28 GeV). K -> pi S (K+, K-, K_L weighted by their
  decay-before-absorption probability) dominates.
* SHiP, whole range 1 MeV-3.9 GeV: lower 0.49 (-0.49: below 0.35 GeV, where K -> pi S
  makes the edge, ours is 0.5-2 dex lower; no step at m_K - m_pi in the reference, which
  has no kaons), upper 0.61. In the B -> X_s S range 0.35-4.2 GeV: lower 0.119 (0.107 on
  our grid masses with Pythia's LO sigma_bb = 0.89 nb; SHiP's own 1.7 nb is used now),
  upper +0.73.
* DarkQuest (SeaQuest 1e20 POT): lower 0.47 on the whole range (K -> pi S again: 1.4 dex
  lower than the reference below m_K - m_pi), 0.152 in the B range 0.36-0.92 GeV; upper
  +0.46 (not asserted as agreement).

Upper edges for S from B decays (SHiP, DarkQuest) are systematically 0.45-0.75 dex higher
than the references. Our c tau is 1.2-1.4 x longer at 0.3-0.8 GeV than FORESEE's
(Winkler-based) table (tests/test_dark_scalar.py). Re-running with that table in place
of our lifetime (a diagnostic, not shipped) leaves SHiP's upper edge +0.23..+0.31 dex
high at 0.4-0.8 GeV and +0.95..+1.1 dex at 1.5-3 GeV, DarkQuest's +0.22..+0.41: no
momentum spectrum can move a decay length by 10x, so the SHiP reference must rest on a
much shorter lifetime above 1 GeV than FORESEE's own table (presumably the older width
model of the SHiP physics case; not checked). The remaining ~0.25 dex at 0.4-0.8 GeV is
not explained.

NA62 in dump mode (1e18 POT) vs limits_NA62 (the PBC curve), 0.22-0.83 GeV: BOTH edges lie
lower than the reference's, the lower by 0.86 (signed, median), the upper by 0.47: the
region is shifted down, not shrunk or grown. That is what a softer S momentum spectrum
(decays earlier; more decays per S when long-lived) or a more distant decay volume would
do, and the opposite of the SHiP comparison, so it is not the lifetime. Our B -> X_s S
yield per POT is 2.1e-6 with the measured sigma_bb (1.1e-6 with LO; SHiP 1.2e-6: its
conversion uses sigma_pp = 40 mb, ours Pythia's inelastic 32.9 mb) and 2.5% of it
crosses the NA62 tube (SHiP 25%), mean momentum of those S 102 GeV. The geometry and
inputs behind the PBC curve are not known to us: measured, not explained, asserted only
as measured.

Doubling the mass grid (241 masses) moves the medians by <= 0.003 for CHARM and NA62,
0.001 for DarkQuest's B range, but 0.056 for SHiP's upper edge, 0.024 for DarkQuest's
whole-range lower edge and 0.012 for SHiP's B-range lower edge: there the per-mass Monte
Carlo spread of the edges (0.03-0.05 dex at the steep parts, where the reference's masses
crowd) is larger than 0.01 (test_medians_when_the_grid_is_doubled, with those shifts).
"""

from functools import cache

import numpy as np
import pytest

from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach
from refcurves import edge_stats, read_polygon, ref_edges

MODEL = get_model("dark-scalar")
COUPLINGS = np.logspace(-14, -1, 131)

#: (experiment, reference file, mass range compared (None: the reference's whole range),
#: measured (lower, upper) median |delta|, margin on them); asserted as measured
ROWS = [
    ("CHARM", "FORESEE__bounds_CHARM.txt", None, (0.031, 0.128), 0.03),
    ("SHiP", "FORESEE__limits_SHiP.txt", None, (0.488, 0.612), 0.08),
    ("SHiP", "FORESEE__limits_SHiP.txt", (0.35, 4.2), (0.119, 0.731), 0.05),
    ("DarkQuest-PhaseII", "FORESEE__limits_SeaQuest-1.txt", None, (0.470, 0.456), 0.05),
    ("DarkQuest-PhaseII", "FORESEE__limits_SeaQuest-1.txt", (0.36, 0.92), (0.152, 0.479), 0.03),
    ("NA62-dump", "FORESEE__limits_NA62.txt", None, (0.858, 0.465), 0.05),
]
#: the 0.2 target is asserted where it is met (lower edges of CHARM and of the B range)
TARGET = {
    ("CHARM", None): (0.2, 0.2),
    ("SHiP", (0.35, 4.2)): (0.2, None),
    ("DarkQuest-PhaseII", (0.36, 0.92)): (0.2, None),
}
#: measured shift of the medians when the grid is doubled, where it exceeds 0.01 (the
#: Monte Carlo spread of the edges, module doc): (experiment, range) -> (lower, upper)
DOUBLING = {
    ("SHiP", None): (0.01, 0.06),
    ("SHiP", (0.35, 4.2)): (0.02, 0.03),
    ("DarkQuest-PhaseII", None): (0.03, 0.01),
}


@cache
def _reference(ref: str):
    x, y = read_polygon(f"fig4_scalar/{ref}", square=True)
    return ref_edges(x, y, "polygon", pad_above=0.5)


@cache
def _curve(name: str, ref: str, double: bool = False):
    rm, _, _ = _reference(ref)
    ms = np.geomspace(np.nanmin(rm), np.nanmax(rm), 241 if double else 121)
    return compute_reach(MODEL, get_experiment(name), ms, COUPLINGS), ms


def stats(name, ref, m_range, double=False):
    """(lower, upper) EdgeStats at the reference's masses."""
    c, ms = _curve(name, ref, double)
    rm, lo, hi = _reference(ref)
    return (
        edge_stats(c, rm, lo, "lower", ms, m_range),
        edge_stats(c, rm, hi, "upper", ms, m_range),
    )


def _id(row):
    span = "all" if row[2] is None else f"{row[2][0]:g}-{row[2][1]:g}"
    return f"{row[0]}-{span}"


@pytest.mark.reference
@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_region_vs_published(row):
    name, ref, m_range, measured, margin = row
    low, up = stats(name, ref, m_range)
    print(_id(row), "lower:", low, "| upper:", up)
    for st, value in zip((low, up), measured):
        assert st.n >= 15 and st.outside == 0 and st.missing <= 2, st
        assert abs(st.median - value) < margin, st
    for st, target in zip((low, up), TARGET.get((name, m_range), (None, None))):
        if target is not None:
            assert st.median <= target, st


@pytest.mark.reference
@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_medians_when_the_grid_is_doubled(row):
    """241 masses instead of 121: medians within 0.01 dex, or within the measured Monte
    Carlo shift where DOUBLING lists one."""
    name, ref, m_range, _, _ = row
    tol = DOUBLING.get((name, m_range), (0.01, 0.01))
    for a, b, t in zip(stats(name, ref, m_range), stats(name, ref, m_range, True), tol):
        assert abs(a.median - b.median) < t, (a, b)


@pytest.mark.parametrize("name", ["SHiP", "CHARM"])
def test_no_scalar_above_b_threshold(name):
    """Production closes at m_B - m_K (B -> X_s S: m_b - m_s): nothing above ~4.8 GeV."""
    c = compute_reach(MODEL, get_experiment(name), [5.0, 6.0], np.logspace(-14, -1, 27))
    assert c.empty


def test_hadronic_band_moves_upper_edge_with_lifetime():
    """The theory band on the hadronic width (x0.5, x2) carried through the reach: far
    above the lower edge N falls as exp(-L m Gamma sin^2 theta / p), so the upper edge
    scales as 1/Gamma(m) up to a logarithm; at the lower edge N ∝ sin^2 theta (yield) x
    L Gamma sin^2 theta m/p (decay) with BR_vis ~ 1, so the edge scales as Gamma^(-1/2).
    At 0.6 GeV the total-width ratio between the two ends of the band is 3.26; measured
    edge ratios: upper 3.65, lower 1.80 (sqrt(3.26) = 1.81)."""
    m0 = np.array([0.6])
    g = np.logspace(-13, -2, 221)
    lo_m, hi_m = (
        MODEL.with_parameters(hadronic_scale=0.5),
        MODEL.with_parameters(hadronic_scale=2.0),
    )
    a = compute_reach(lo_m, get_experiment("SHiP"), m0, g)
    b = compute_reach(hi_m, get_experiment("SHiP"), m0, g)
    width_ratio = float(hi_m.total_width(m0)[0] / lo_m.total_width(m0)[0])
    assert 3.0 < width_ratio < 4.0
    assert a.high[0] / b.high[0] == pytest.approx(width_ratio, rel=0.3)
    assert a.low[0] / b.low[0] == pytest.approx(np.sqrt(width_ratio), rel=0.1)
    assert "hadronic_scale = 2" in b.method
