"""Dark-scalar regions against the published curves of ../shared/reference/fig4_scalar
(FORESEE's digitisations; y = theta, squared here to sin^2 theta). Measured medians of
|delta log10 sin^2 theta| along each edge (target <= 0.2, issue 3):

* CHARM (Winkler arXiv:1809.01876 recast): lower 0.035 over 20 masses 0.03-0.28 GeV,
  upper 0.100 (the 3 masses 0.22-0.28 GeV where the upper edge is inside the grid;
  0.044 / 0.078 before the SPS beauty was normalised to SHiP's sigma_bb = 1.7 nb).
  K -> pi S (K+, K-, K_L weighted by their decay-before-absorption probability) dominates.
* SHiP: lower 0.148 over 26 masses 0.22-4 GeV (0.107 with Pythia's LO sigma_bb = 0.89
  nb: with SHiP's own 1.7 nb our B -> X_s S edge lies lower than the PBC curve). The
  upper edge is 0.45 dex too high at 0.3-0.8 GeV and 0.5-1.4 dex above 0.9 GeV (not
  asserted, see below).
* DarkQuest (SeaQuest 1e20 POT): lower 0.14 over 0.36-0.9 GeV (B -> X_s S only). Below
  m_K - m_pi our K -> pi S contribution makes the edge 1.4 dex lower than the reference,
  whose lower edge shows no step at m_K - m_pi, i.e. it has no kaon production (our
  kaon treatment is the one validated on CHARM above). Upper edge 0.3-0.5 dex too high
  (not asserted).

Upper edges for S from B decays (SHiP, DarkQuest) are systematically 0.45 dex higher
than the references at 0.3-0.8 GeV. Our c tau is 1.2-1.4 x longer there than FORESEE's
(Winkler-based) table (tests/test_dark_scalar.py). Re-running with that table in place
of our lifetime (a diagnostic, not shipped) leaves SHiP's upper edge +0.23..+0.31 dex
high at 0.4-0.8 GeV and +0.95..+1.1 dex at 1.5-3 GeV, DarkQuest's +0.22..+0.41: no
momentum spectrum can move a decay length by 10x, so the SHiP reference must rest on a
much shorter lifetime above 1 GeV than FORESEE's own table (presumably the older width
model of the SHiP physics case; not checked). The remaining ~0.25 dex at 0.4-0.8 GeV is
not explained.

NA62 in dump mode (1e18 POT) vs limits_NA62 (the PBC curve), 0.25-0.9 GeV: BOTH edges lie
lower than the reference's, the lower by 0.5-1.5 dex (median 0.86; 0.79 with LO
sigma_bb), the upper by 0.3-0.9 (median 0.50; 0.59 with LO sigma_bb): the region is
shifted down, not shrunk or grown. That is what a softer S
momentum spectrum (decays earlier; more decays per S when long-lived) or a more distant
decay volume would do, and the opposite of the SHiP comparison, so it is not the lifetime.
Our B -> X_s S yield per POT is 2.1e-6 with the measured sigma_bb (1.1e-6 with LO; SHiP
1.2e-6: its conversion uses sigma_pp = 40 mb, ours Pythia's inelastic 32.9 mb) and 2.5%
of it crosses the NA62 tube (SHiP 25%), mean momentum of those S 102 GeV. The geometry and
inputs behind the PBC curve are not known to us: measured, not explained, asserted only
as measured.
"""

import numpy as np
import pytest

from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach
from refcurves import polygon_edges, read_polygon

MODEL = get_model("dark-scalar")


def _dev(name, ref, masses, couplings):
    c = compute_reach(MODEL, get_experiment(name), masses, couplings)
    ms, lo = c.lower_edge()
    _, hi = c.upper_edge()
    x, y = read_polygon(f"fig4_scalar/{ref}", square=True)
    rl, rh = polygon_edges(x, y, ms)
    dl, dh = np.abs(np.log10(lo / rl)), np.abs(np.log10(hi / rh))
    inside = hi < 0.99 * couplings[-1]  # upper edge inside the grid
    return ms, dl, np.where(inside, dh, np.nan)


@pytest.mark.reference
@pytest.mark.slow
def test_charm_scalar():
    ms, dl, dh = _dev(
        "CHARM", "FORESEE__bounds_CHARM.txt", np.logspace(-2, 1, 61), np.logspace(-14, -1, 131)
    )
    ok, okh = np.isfinite(dl), np.isfinite(dh)
    assert ok.sum() >= 15 and np.median(dl[ok]) < 0.12  # measured 0.035 (was 0.070, 0.044)
    assert okh.sum() >= 3 and np.median(dh[okh]) < 0.15  # measured 0.100 (0.078 with LO sigma_bb)


@pytest.mark.reference
@pytest.mark.slow
def test_ship_scalar_lower_edge():
    ms, dl, _ = _dev(
        "SHiP", "FORESEE__limits_SHiP.txt", np.logspace(-2, 1, 61), np.logspace(-14, -1, 131)
    )
    ok = np.isfinite(dl)
    assert ok.sum() >= 20 and np.median(dl[ok]) < 0.15  # measured 0.148 (0.107 with LO sigma_bb)


@pytest.mark.reference
def test_darkquest_scalar_lower_edge_b_region():
    ms, dl, _ = _dev(
        "DarkQuest-PhaseII",
        "FORESEE__limits_SeaQuest-1.txt",
        np.logspace(-1, 0.5, 31),
        np.logspace(-12, -1, 111),
    )
    ok = np.isfinite(dl) & (ms > 0.36) & (ms < 0.92)
    assert ok.sum() >= 8 and np.median(dl[ok]) < 0.2  # measured 0.14


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


@pytest.mark.reference
@pytest.mark.slow
def test_na62_dump_scalar_measured_offset():
    """Not a target: the measured shift of the NA62-dump region (see the module doc)."""
    ms, dl, dh = _dev(
        "NA62-dump", "FORESEE__limits_NA62.txt", np.logspace(-2, 1, 61), np.logspace(-14, -1, 131)
    )
    sel = (ms > 0.24) & (ms < 0.95) & np.isfinite(dl) & np.isfinite(dh)
    assert sel.sum() >= 10
    assert 0.6 < np.median(dl[sel]) < 1.0  # measured 0.86 (ours lower)
    assert 0.4 < np.median(dh[sel]) < 0.8  # measured 0.50 (ours lower)
