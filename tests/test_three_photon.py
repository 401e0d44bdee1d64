"""The tri-photon search e+e- -> gamma a, a -> gamma gamma over the QED 3-photon continuum
(fipkit.signals.three_photon): the cross sections' limits, the phase space, and Belle II
against the published curves.

Measured (lower edge at the reference's masses, refcurves.edge_stats; ALP-photon):
* Belle II 2020 (445 pb^-1) vs FORESEE's line of the published limit (arXiv:2007.13071):
  median 0.082, ours weaker (signed +0.075), 147 reference masses 0.21-9.6 GeV (0.085 on
  twice the masses); the reference's two points below the published 0.2 GeV are outside
  the search's range (declared).
* Belle II 50 ab^-1 vs FORESEE's projection line (Dolan et al. arXiv:1709.00009): 0.199,
  ours weaker at every mass (26 reference masses 0.2-9.6 GeV). Efficiency (0.2),
  resolution (2%) and cuts are fipkit assumptions (catalog notes); a projection with a
  more efficient selection sits lower.
"""

from __future__ import annotations

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach
from fipkit.signals import three_photon as T
from refcurves import edge_stats, ref_path

SQRT_S = 10.58


def test_phase_space_conserves_momentum_and_is_massless():
    k = T.rambo3(SQRT_S, 1000, np.random.default_rng(3))
    np.testing.assert_allclose(k.sum(axis=1), [[SQRT_S, 0, 0, 0]] * 1000, atol=1e-9)
    m2 = k[..., 0] ** 2 - np.sum(k[..., 1:] ** 2, axis=-1)
    assert np.abs(m2).max() < 1e-9


def test_three_photon_soft_limit():
    """A soft third photon: |M_3|^2 -> |M(e+e- -> gamma gamma)|^2 x e^2 2 p+.p- / (p+.k
    p-.k), with |M_2|^2 = 2 e^4 (u/t + t/u) (spin-averaged)."""
    e2 = 4 * np.pi * C.ALPHA_EM
    E = SQRT_S / 2
    for c, c3 in [(0.3, 0.5), (-0.7, 0.1)]:
        s = np.sqrt(1 - c * c)
        k1, k2 = np.array([E, E * s, 0, E * c]), np.array([E, -E * s, 0, -E * c])
        k3 = 1e-5 * np.array([1, 0, np.sqrt(1 - c3**2), c3])
        m3 = T.matrix_element_3gamma(np.stack([k1, k2, k3])[None], SQRT_S)[0]
        a1, a1p = E * (k1[0] - k1[3]), E * (k1[0] + k1[3])
        a3, a3p = E * (k3[0] - k3[3]), E * (k3[0] + k3[3])
        m2 = 2 * e2**2 * (a1 / a1p + a1p / a1)
        assert m3 / (m2 * e2 * 2 * (2 * E * E) / (a3 * a3p)) == pytest.approx(1, rel=1e-6)


def test_gamma_alp_cross_section():
    """alpha g^2 / 24 (1 - m^2/s)^3: 0.1177 pb at g = 1e-3 GeV^-1, m -> 0; closed at sqrt s."""
    assert T.sigma_gamma_alp(1e-9, SQRT_S, 1e-3) == pytest.approx(
        C.ALPHA_EM * 1e-6 / 24 * C.GEV2_TO_PB * 1e3, rel=1e-9
    )
    assert T.sigma_gamma_alp(SQRT_S, SQRT_S) == 0.0


def test_continuum_matches_the_two_photon_rate_times_alpha():
    """The accepted 3-photon cross section is O(alpha/pi x logs) of the 2-photon one in the
    same acceptance: measured 12.8 pb vs 1.27 nb (1.0%), within 0.3-3%."""
    pairs, w = T.continuum(SQRT_S, -0.6, 0.8, 0.65)
    s = SQRT_S**2
    two = 2 * np.pi * C.ALPHA_EM**2 / s * 0.5
    two *= -1.4 + 2 * (np.arctanh(0.8) + np.arctanh(0.6))  # int (1 + c^2)/(1 - c^2) dc
    ratio = w.sum() / (two * C.GEV2_TO_PB * 1e3)
    assert 0.003 < ratio < 0.03, ratio


def test_background_dominated_scaling():
    """eps-like scaling: with B >> 1 the coupling limit goes as L^(-1/4)."""
    a = T.signal_and_background(get_experiment("BelleII-3gamma"), [1.0])
    b = T.signal_and_background(get_experiment("BelleII-3gamma-50ab"), [1.0])
    assert b[1][0] / a[1][0] == pytest.approx(50000 / 0.445, rel=1e-9)
    ms, g = np.array([0.5, 2.0]), np.logspace(-6, -1, 201)
    alp = get_model("alp-photon")
    lo = [
        compute_reach(alp, get_experiment(n), ms, g).lower_edge()[1]
        for n in ("BelleII-3gamma", "BelleII-3gamma-50ab")
    ]
    slope = np.log(lo[0] / lo[1]) / np.log(50000 / 0.445)
    np.testing.assert_allclose(slope, 0.25, atol=0.02)
    mid = compute_reach(alp, get_experiment("BelleII-3gamma-20fb"), ms, g).lower_edge()[1]
    assert np.all((lo[1] < mid) & (mid < lo[0]))


@pytest.mark.reference
@pytest.mark.parametrize(
    "search,ref,measured",
    [
        ("BelleII-3gamma", "FORESEE__bounds_Belle2.txt", 0.082),
        ("BelleII-3gamma-50ab", "FORESEE__limits_BelleII_3a.txt", 0.199),
    ],
)
def test_belle2_vs_published(search, ref, measured):
    x, y = np.loadtxt(ref_path(f"fig5_alp_photon/{ref}"), unpack=True)
    ms = np.geomspace(0.2, 9.7, 61)
    c = compute_reach(get_model("alp-photon"), get_experiment(search), ms, np.logspace(-6, -1, 101))
    st = edge_stats(c, x, y, "lower", ms, (0.2, 9.7))
    print(search, st)
    assert st.n >= 20 and st.missing == 0 and st.outside == 0, st
    assert abs(st.median - measured) < 0.03 and st.signed > 0, st
