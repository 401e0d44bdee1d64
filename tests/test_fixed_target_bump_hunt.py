"""The fixed-target bump hunt (e Z -> e Z A', A' -> e+e- over the trident continuum):
spectrometer kinematics, the scaling laws of a background-dominated search, the
normalisation to a quoted pair count, the exact-tree-level K factor of a thin target,
bad input. The published curves (APEX test run, DarkLight) are compared in
tests/test_regions.py."""

from __future__ import annotations

import numpy as np
import pytest

from fipkit import statistics
from fipkit.errors import FipkitInputError
from fipkit.experiments import detector_from_mapping, from_mapping
from fipkit.models import get_model
from fipkit.production import MonteCarlo
from fipkit.production.brem_kfactor import RELATIVE_NODES, compute_thin
from fipkit.signals import fixed_target_bump_hunt as ft

E0 = 2.0
DETECTORS = {
    "ToyHallA": detector_from_mapping(
        {
            "name": "ToyHallA",
            "beam": {"particle": "e-", "energy_GeV": E0},
            "target": "Ta",
            "exposure": {"n_beam": 1e18, "unit": "EOT"},
        }
    )
}
ARM = {"angle_deg": 5.0, "h_mrad": 20, "v_mrad": 50, "p_GeV": E0 / 2, "dp": 0.045}


def toy(**params):
    entry = {
        "name": "ToyAPEX",
        "label": "toy",
        "kind": "projection",
        "technique": "fixed_target_bump_hunt",
        "models": ["dark-photon"],
        "detector": "ToyHallA",
        "production": [{"mechanism": "electron_brem_thin", "thickness_X0": 0.003}],
        "channels": ["e+e-"],
        "mass_resolution": 0.005,
        "radiative_fraction": 0.25,
        "arms": [ARM, ARM],
        **params,
    }
    return from_mapping(entry, "test", DETECTORS)


DP = get_model("dark-photon")
MC = MonteCarlo()


def test_symmetric_arms_select_m_near_E0_sin_theta():
    """Two arms at +-theta0 taking E0/2 each accept an A' carrying ~all the beam energy
    with m^2 = 2 p+ p- (1 - cos 2 theta0), i.e. m = E0 sin(theta0) = 174 MeV here; the
    accepted yield peaks there and vanishes 25% away."""
    ms = np.linspace(0.12, 0.24, 25)
    acc = np.array(
        [ft.accepted_yield(toy(), DP, float(m), ft.settings(toy())[0], MC)[0] for m in ms]
    )
    peak = ms[np.argmax(acc)]
    assert abs(peak / (E0 * np.sin(np.radians(5.0))) - 1) < 0.06, peak
    assert acc[0] == 0 and acc[-1] == 0 and acc.max() > 0


def test_background_dominated_scaling_laws():
    """Large B: eps_lim^2 = 1.28 sqrt(B) / S1, with B ∝ N sigma_m / f_rad and S1 ∝ N, so
    eps_lim ∝ N^(-1/4) (sigma_m / f_rad)^(1/4)."""
    m = np.array([0.17])

    def eps(search):
        s1, b = ft.signal_and_background(DP, search, m, MC)
        return float(np.sqrt(statistics.expected_upper_limit(b[0]) / s1[0])[0])

    base = eps(toy())
    more = eps(toy(settings=[{"energy_GeV": E0, "n_beam": 16e18}]))
    assert more / base == pytest.approx(0.5, rel=0.01)
    assert eps(toy(radiative_fraction=0.25 / 16)) / base == pytest.approx(2.0, rel=0.01)
    assert eps(toy(mass_resolution=0.005 * 16)) / base == pytest.approx(2.0, rel=0.01)


def test_signal_over_radiative_background_is_BEST_eq19():
    """S / B_rad = (3 pi eps^2 / 2 alpha)(m / delta m) x 0.954 for delta m = 4 sigma_m
    (BEST arXiv:0906.0580 eq. 19, N_eff = 1 below 2 m_mu)."""
    m = np.array([0.15, 0.17, 0.19])
    s1, b = ft.signal_and_background(DP, toy(radiative_fraction=1.0), m, MC)
    br = DP.br_visible(m, ("e+e-",))
    expect = 3 * np.pi / (2 / 137.035999) * (1 / (4 * 0.005)) * 0.954 * br
    assert np.allclose(s1[0] / b[0], expect, rtol=2e-3)


def test_measured_pairs_set_the_exposure():
    """With measured_pairs the background integrated over its range is the quoted count,
    whatever the charge in the detector entry."""
    quoted = {"events": 5e5, "mass_range_GeV": [0.15, 0.2]}
    s = toy(measured_pairs=quoted)
    grid = np.linspace(0.15, 0.2, 24)
    _, b = ft.signal_and_background(DP, s, grid, MC)
    sigma_m = 0.005 * grid
    assert np.trapezoid(b[0] / (4 * sigma_m), grid) == pytest.approx(5e5, rel=1e-6)
    s2 = toy(measured_pairs=quoted, settings=[{"energy_GeV": E0, "n_beam": 7e20}])
    assert np.allclose(ft.signal_and_background(DP, s2, grid, MC)[1], b)


def test_best_setting_wins():
    """Two settings: the reach at each mass is the better one's."""
    one = toy()
    other = {**ARM, "angle_deg": 4.0}
    two = toy(
        settings=[
            {"energy_GeV": E0, "n_beam": 1e18},
            {"energy_GeV": E0, "n_beam": 1e18, "arms": [other, other]},
        ]
    )
    m, g = np.array([0.14, 0.174]), np.array([1e-3])
    r5 = ft.evaluate(DP, one, m, g, MC).ratio
    r4 = ft.evaluate(DP, toy(arms=[other, other]), m, g, MC).ratio
    both = ft.evaluate(DP, two, m, g, MC).ratio
    assert np.allclose(both, np.maximum(r4, r5))
    assert r4[0, 0] > r5[0, 0] and r5[1, 0] > r4[1, 0]  # 140 MeV = E0 sin(4 deg)


def test_thin_target_exact_k_factor():
    """ETL / WW over the whole spectrum of a 100 MeV beam on hydrogen: below 1 where the
    A' mass is not small against the beam energy (recoil and the finite t range), falling
    monotonically to ~0 as m -> E0 (the exact phase space closes first)."""
    k = compute_thin(0.1, "H2")
    assert len(k) == len(RELATIVE_NODES)
    assert np.all(np.diff(k) < 0)
    assert 0.6 < k[0] < 1.0 and k[-1] < 1e-3


@pytest.mark.parametrize(
    "params, message",
    [
        ({"radiative_fraction": 0.0}, "radiative_fraction"),
        ({"arms": [ARM]}, "two spectrometers"),
        ({"arms": [ARM, {**ARM, "angle": 5}]}, "each of 'arms'"),
        ({"arms": [ARM, {**ARM, "dp": -1}]}, "'dp' as a number"),
        ({"lepton_acceptance": {"theta_rad": [0.1, 0.2]}}, "one of 'arms'"),
        ({"measured_pairs": {"events": 10}}, "measured_pairs is"),
        ({"settings": [{"energy_GeV": 2.0}]}, "each setting"),
        ({"pair_energy_fraction": [0.9, 0.8]}, "pair_energy_fraction"),
    ],
)
def test_bad_parameters_are_named(params, message):
    with pytest.raises(FipkitInputError, match=message):
        ft.evaluate(DP, toy(**params), np.array([0.17]), np.array([1e-3]), MC)


def test_vector_models_only():
    with pytest.raises(FipkitInputError, match="vector models"):
        ft.evaluate(get_model("dark-scalar"), toy(), np.array([0.17]), np.array([1e-3]), MC)
