"""The mono-photon missing-mass technique (e+e- -> gamma A', A' -> invisible): kinematics,
scaling laws, and BaBar / Belle II against the published curves.

Measured (fipkit.signals.mono_photon with the catalog's BaBar-monophoton and
BelleII-monophoton; edges at the reference's masses, refcurves.edge_stats):

* BaBar (53 fb^-1) vs the published eps limit (Darkcast digitisation of arXiv:1702.03327
  Fig. 5), dark-photon-invisible: 0.063 on 0.1-5.5 GeV (88 reference masses, signed
  +0.002); 0.436 on 5.55-8 GeV (77 masses, ours stronger): BaBar's high-M_X^2
  selection for soft photons has larger backgrounds and a lower efficiency than the
  low-M_X^2 one that fipkit's single flat background density describes. Whole range
  0.174. The reference's 1 MeV point is below the model's 2 MeV range (outside 1).
* BaBar vs ESPP's BC2 curve in the y plane (ldm-scalar, alpha_D = 0.1, m_A' = 3 m_chi),
  m_chi = 1 MeV-1 GeV: 0.129 in y (ours stronger, signed). The ESPP curve runs on to
  m_chi = 8 GeV, past BaBar's m_A' < 8 GeV at m_A' = 3 m_chi: compared on the figure's
  range only (declared).
* Belle II 50 ab^-1 vs ESPP's projection: 0.530 in y (0.27 in eps), ours weaker at every
  mass below 1 GeV: fipkit takes BaBar's background per fb^-1; the published projection
  assumes Belle II's more hermetic calorimeter (not read). Asserted as measured.
"""

from __future__ import annotations

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.experiments import detector_from_mapping, from_mapping, get_experiment
from fipkit.models import get_model
from fipkit.production.radiative_return import photon_energy, sigma_gamma_aprime
from fipkit.reach import compute_reach
from fipkit.signals.mono_photon import kinematics, signal_and_background
from refcurves import edge_stats, read_lmt, ref_path

DETECTORS = {
    "ToyCollider": detector_from_mapping(
        {"name": "ToyCollider", "beam": {"particle": "e+e-", "energy_GeV": 10.0}}
    ),
    "ToyPositrons": detector_from_mapping(
        {
            "name": "ToyPositrons",
            "beam": {"particle": "e+", "energy_GeV": 0.55},
            "exposure": {"n_beam": 1e13, "unit": "POT"},
        }
    ),
}


def toy(**params):
    entry = {
        "name": "ToyMonoPhoton",
        "label": "toy",
        "kind": "projection",
        "technique": "mono_photon",
        "models": ["light-dark-matter"],
        "detector": "ToyCollider",
        "sqrt_s_GeV": 10.0,
        "luminosity_fb": 100.0,
        "cos_range": [-0.8, 0.8],
        "photon_resolution": [0.03, 0.01],
        "background_per_GeV2": 10.0,
        "efficiency": 0.5,
        "cl": 0.9,
        **params,
    }
    return from_mapping(entry, "test", DETECTORS)


def eps_limit(search, m):
    s1, b = signal_and_background(search, m)
    from fipkit import statistics

    return np.sqrt(statistics.poisson_upper_limit_array(b, np.floor(b), 0.9) / s1)


def test_cross_section_limits():
    """m -> 0: QED e+e- -> gamma gamma in the same acceptance, (2 pi alpha^2/s) [2 ln((1+c)/
    (1-c)) - 2c] for |cos| < c; and sigma = 0 above threshold."""
    s, c = 10.0**2, 0.8
    qed = 2 * np.pi * C.ALPHA_EM**2 / s * (2 * np.log((1 + c) / (1 - c)) - 2 * c)
    assert sigma_gamma_aprime(1e-6, 10.0, (-c, c)) == pytest.approx(
        qed * C.GEV2_TO_PB * 1e3, rel=1e-9
    )
    assert sigma_gamma_aprime(10.5, 10.0)[()] == 0.0
    assert photon_energy(0.0, 10.0) == pytest.approx(5.0)


def test_window_and_resolution():
    """B = b x 2k sigma(M_X^2), sigma(M_X^2) = 2 sqrt(s) sigma_E, sigma_E/E = a/sqrt(E) (+) b;
    the signal in the window is erf(k/sqrt 2) of the peak."""
    s = toy()
    s1, b = signal_and_background(s, np.array([1e-3]))
    e = 5.0
    sig_e = e * np.hypot(0.03 / np.sqrt(e), 0.01)
    assert b[0] == pytest.approx(10.0 * 4 * 2 * 10.0 * sig_e, rel=1e-5)
    s3, _ = signal_and_background(toy(window_sigmas=3.0), np.array([1e-3]))
    assert s3[0] / s1[0] == pytest.approx(0.99730 / 0.95450, rel=1e-4)


def test_fixed_target_kinematics():
    """Positrons of 0.55 GeV on atomic electrons: sqrt(s) = sqrt(2 m_e^2 + 2 m_e E) =
    23.7 MeV (PADME's reach, arXiv:1403.3041), luminosity = positrons x electrons/cm^2."""
    entry = {
        "name": "ToyPADME",
        "label": "toy",
        "kind": "projection",
        "technique": "mono_photon",
        "models": ["light-dark-matter"],
        "detector": "ToyPositrons",
        "target_electrons_per_cm2": 1e22,
        "cos_range": [-0.7, 0.7],
        "photon_resolution": [0.02, 0.0],
        "background_per_GeV2": 0.0,
    }
    s = from_mapping(entry, "test", DETECTORS)
    sqrt_s, lumi, gamma = kinematics(s)
    assert sqrt_s == pytest.approx(0.02371, rel=1e-3)
    assert lumi == pytest.approx(1e13 * 1e22 * 1e-39)
    assert gamma == pytest.approx((0.55 + C.M_E) / sqrt_s)


def test_luminosity_scaling():
    """Background dominated: eps_min ∝ L^(-1/4); background free: ∝ L^(-1/2)."""
    m = np.array([0.5, 3.0])
    big = np.log(eps_limit(toy(luminosity_fb=1e3, background_per_GeV2=1e4), m))
    bigger = np.log(eps_limit(toy(luminosity_fb=1e5, background_per_GeV2=1e6), m))
    np.testing.assert_allclose((big - bigger) / np.log(100), 0.25, atol=0.01)
    free = np.log(eps_limit(toy(background_per_GeV2=0.0), m))
    free100 = np.log(eps_limit(toy(luminosity_fb=1e4, background_per_GeV2=0.0), m))
    np.testing.assert_allclose((free - free100) / np.log(100), 0.5, atol=1e-9)


def test_y_limit_linear_in_alpha_d():
    """While BR(A' -> chi chi) ~ 1 the eps limit does not depend on alpha_D, so the y limit
    grows linearly with it (issue 12's scaling check)."""
    ms = np.geomspace(0.01, 1.0, 7)
    y = np.logspace(-14, -6, 161)
    e = get_experiment("BaBar-monophoton")
    out = []
    for a in (0.1, 0.5):
        model = get_model("ldm-scalar").with_parameters(alpha_d=a)
        lo = compute_reach(model, e, ms, y).lower_edge()[1]
        out.append(lo)
    np.testing.assert_allclose(out[1] / out[0], 5.0, rtol=0.03)


def test_bad_background_table_is_a_clear_error():
    from fipkit.errors import FipkitInputError

    with pytest.raises(FipkitInputError, match="background_per_GeV2"):
        signal_and_background(toy(background_per_GeV2=[[1.0, 2.0], [0.5, 1.0]]), np.ones(1))


@pytest.mark.reference
def test_babar_vs_published():
    m, lo, _ = read_lmt("fig1_ldm/DarkCast__BaBar_Lees2017lec.lmt")
    ms = np.geomspace(2e-3, 8.0, 81)
    c = compute_reach(
        get_model("dark-photon-invisible"),
        get_experiment("BaBar-monophoton"),
        ms,
        np.logspace(-6, -1, 51),
    )
    low = edge_stats(c, m, lo, "lower", ms, (0.02, 5.5))
    high = edge_stats(c, m, lo, "lower", ms, (5.5, 8.0))
    whole = edge_stats(c, m, lo, "lower", ms)
    print("low-M:", low, "| high-M:", high, "| whole:", whole)
    assert low.n >= 80 and low.missing == 0 and low.median < 0.08, low  # measured 0.063
    assert abs(high.median - 0.436) < 0.03 and high.signed < 0, high
    assert whole.outside <= 1 and whole.missing == 0, whole  # the 1 MeV point
    double = np.geomspace(2e-3, 8.0, 161)
    c2 = compute_reach(
        get_model("dark-photon-invisible"),
        get_experiment("BaBar-monophoton"),
        double,
        np.logspace(-6, -1, 51),
    )
    assert abs(edge_stats(c2, m, lo, "lower", double).median - whole.median) < 0.01


def _espp(name):
    d = np.loadtxt(ref_path(f"fig1_ldm/{name}"), delimiter=",", skiprows=1)
    return d[:, 0], d[:, 1]


@pytest.mark.reference
@pytest.mark.parametrize(
    "search,ref,measured,signed",
    [
        ("BaBar-monophoton", "ESPP-QEDM__Constraints_BC2_BaBar.csv", 0.129, -1),
        ("BelleII-monophoton", "ESPP-QEDM__Sensitivities_BC2_Belle_II.csv", 0.530, 1),
    ],
)
def test_y_plane_vs_espp(search, ref, measured, signed):
    m, y = _espp(ref)
    ms = np.geomspace(1e-3, 2.7, 61)
    c = compute_reach(get_model("ldm-scalar"), get_experiment(search), ms, np.logspace(-16, -5, 89))
    st = edge_stats(c, m, y, "lower", ms, (1e-3, 1.0))
    print(search, st)
    assert st.n >= 30 and st.missing == 0 and st.outside == 0, st
    assert abs(st.median - measured) < 0.03 and np.sign(st.signed) == signed, st
