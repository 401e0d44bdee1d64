"""LHCb B -> K(*) S(mu mu) limits: published BR limit x fipkit's lifetime acceptance.

Against ../shared/reference/fig4_scalar (FORESEE's lines, y = theta, squared here), lower
edge at the reference's masses over its whole range (refcurves.edge_stats), the
reference's vetoed windows (K_S, J/psi, psi(2S), psi(3770): masses where its edge jumps
above 1e-4) left out:

* B+ -> K+ S vs bounds_1612.08718: median delta log10 sin^2 theta = -0.40 over 77 masses
  0.25-4.7 GeV (-0.36 on our grid masses, the measure used before; ours stronger; worst
  next to the psi(3770) veto);
* B0 -> K*0 S vs bounds_1508.04094: median -0.32 over 78 masses 0.22-4.3 GeV (the worst
  again beside a veto).

This MISSES the issue's 0.2 target, by a near-constant factor. The lower edge sits where
the S decay length is metres, so the acceptance is ~ (VELO length) / (decay length) ∝
sin^2 theta and the prediction ∝ sin^4 theta: a 0.3 dex offset in sin^2 theta is a factor
~4 in the BR limit at those lifetimes (tau ~ 10-500 ps). fipkit uses the strongest value
quoted in each abstract (2e-10 for B+, 'order 1e-9' for B0) at every mass and lifetime,
because the published BR(m, tau) tables could not be read here; the comparison says the
published limits at the lower-edge lifetimes are about 2-4x weaker. The vetoed resonance
windows of the papers are not modelled either. Asserted below: the measured offsets, so
a change that moves them is seen.
"""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.models import scalar_production as sp
from fipkit.reach import compute_reach
from fipkit.signals import displaced_vertex_br as dv
from refcurves import edge_stats, read_polygon, ref_edges

MODEL = get_model("dark-scalar")
G = np.logspace(-12, -2, 201)


def _lower_stats(name, ref, double=False):
    """The lower edge at the reference's masses over its whole range (refcurves;
    the reference's points above sin^2 theta = 1e-4 are the plot's closing segments)."""
    x, y = read_polygon(f"fig4_scalar/{ref}", square=True)
    rm, lo, _ = ref_edges(x, y, "polygon", pad_above=0.5)
    ok = np.isfinite(lo)
    ms = np.geomspace(rm[ok].min(), rm[ok].max(), 79 if double else 40)
    c = compute_reach(MODEL, get_experiment(name), ms, G)
    return edge_stats(c, rm, lo, "lower", ms, top=1e-4)


@pytest.mark.reference
@pytest.mark.slow
def test_lhcb_bplus_lower_edge_offset():
    st = _lower_stats("LHCb-B+K+S", "FORESEE__bounds_1612.08718.txt")
    assert st.n >= 30 and st.outside == 0, st
    # measured median |delta| 0.397, signed -0.397 over 0.25-4.69 GeV, 77 masses (on our
    # grid masses, the measure used before: -0.36); target 0.2 NOT met (module doc)
    assert -0.45 < st.signed < -0.30 and st.median < 0.45, st


@pytest.mark.reference
def test_lhcb_b0_kstar_lower_edge_offset():
    st = _lower_stats("LHCb-B0K*S", "FORESEE__bounds_1508.04094.txt")
    assert st.n >= 30 and st.outside == 0, st
    # measured 0.323, signed -0.323 over 0.22-4.27 GeV, 78 masses; target 0.2 NOT met
    assert -0.40 < st.signed < -0.25 and st.median < 0.40, st


@pytest.mark.reference
@pytest.mark.slow
def test_lhcb_medians_when_the_grid_is_doubled():
    for name, ref in [
        ("LHCb-B+K+S", "FORESEE__bounds_1612.08718.txt"),
        ("LHCb-B0K*S", "FORESEE__bounds_1508.04094.txt"),
    ]:
        a, b = _lower_stats(name, ref), _lower_stats(name, ref, double=True)
        assert abs(a.median - b.median) < 0.01, (a, b)


def test_kinematic_end_and_prompt_limit():
    """No region above m_B - m_K(*); at short lifetime R = sin^2 BR(B->KS) BR(mu mu)/BR_UL."""
    e = get_experiment("LHCb-B0K*S")
    r = dv.excluded_ratio(MODEL, e, [4.5, 1.0], [1e-3])
    assert r[0, 0] == 0.0  # 4.5 > m_B0 - m_K* = 4.39
    br_mumu = MODEL.branching_ratios(np.array([1.0]))["mu+mu-"][0]
    prompt = 1e-3 * sp.br("B0->K*0S", 1.0) * br_mumu / e.params["br_limit"]
    assert r[1, 0] == pytest.approx(prompt, rel=0.01)  # c tau ~ 10 um: all decay in VELO
    assert C.M_B0 - sp.M_KSTAR < 4.5


def test_acceptance_falls_like_one_over_decay_length():
    """Long-lived S: eps ∝ 1/(decay length) ∝ sin^2 theta, so R ∝ sin^4 theta."""
    e = get_experiment("LHCb-B+K+S")
    r = dv.excluded_ratio(MODEL, e, [1.0], [1e-10, 1e-9])
    assert r[0, 1] / r[0, 0] == pytest.approx(100.0, rel=0.05)


def test_b_to_kstar_width():
    """B0 -> K*0 S at m -> 0: xi^2 A0(0)^2 p^3 / (8 pi v^2), A0(0) = 0.374 (Ball-Zwicky)."""
    p = (C.M_B0**2 - sp.M_KSTAR**2) / (2 * C.M_B0)
    want = sp.xi("b", "s") ** 2 * 0.374**2 * p**3 / (8 * np.pi * C.V_HIGGS**2)
    assert sp.width_b0_to_kstar(1e-6) == pytest.approx(want, rel=1e-3)
    # comparable to B -> K S (1904.10447 Fig. 3: the two exclusive modes are similar)
    assert 0.7 < sp.br("B0->K*0S", 1.0) / sp.br("B->KS", 1.0) < 1.5


def test_fermion_coupled_alp_through_the_same_limit():
    """The LHCb B -> K X(mu mu) limits apply to any X: the fermion-coupled ALP (BC10)
    through B -> K a (the search's per-model ``decay``). The lifetime acceptance is at
    most 1, so at every mass the edge lies at or above the prompt one, g^2 BR(B -> K a;
    g = 1) BR(a -> mu mu) = BR_UL, and approaches it where the ALP is short-lived (within
    a factor 4 in g at 3.2 GeV, c tau ~ 4 cm there)."""
    alp = get_model("alp-fermion")
    search = get_experiment("LHCb-B+K+S")
    ms = np.geomspace(0.3, 3.2, 12)
    curve = compute_reach(alp, search, ms, np.logspace(-6, 0, 121))
    m, lo = curve.lower_edge()
    ch = alp.production_channels()["B->Ka"]
    prompt = np.sqrt(2.0e-10 / (ch.br(m) * alp.br_visible(m, ("mu+mu-",))))
    assert len(m) == len(ms) and np.all(lo >= prompt * 0.999), lo / prompt
    assert lo[-1] / prompt[-1] < 4 and lo[0] / prompt[0] > 10
    assert search.param_for("decay", alp) == "B->Ka"
    assert search.param_for("decay", get_model("dark-scalar")) == "B->KS"
    assert search.param_for("br_limit", alp) == 2.0e-10


def test_majorana_hnl_through_b_to_mu_mu_pi():
    """LHCb's B- -> pi+ mu- mu- limit for a Majorana HNL (B+ -> mu N, N -> mu pi): the edge
    lies at or above the prompt one, U2 BR(B+ -> mu N; U2 = 1) BR(N -> mu pi) = 2e-9 (the
    same-sign half of mu pi: catalog note), and meets it where the N decays inside the
    VELO (within 15% at 2.5-3.2 GeV)."""
    hnl = get_model("hnl-mu")
    search = get_experiment("LHCb-BmuN")
    ms = np.geomspace(0.5, 3.2, 10)
    curve = compute_reach(hnl, search, ms, np.logspace(-8, 0, 161))
    m, lo = curve.lower_edge()
    ch = hnl.production_channels()["B+->muN"]
    prompt = 2.0e-9 / (ch.br(m) * hnl.br_visible(m, ("mu pi",)))
    assert len(m) == len(ms) and np.all(lo >= prompt * 0.999), lo / prompt
    assert np.all(lo[m > 2.4] / prompt[m > 2.4] < 1.15) and lo[0] / prompt[0] > 3
