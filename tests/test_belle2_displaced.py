"""Belle II displaced-vertex projection (B -> K(*) S, S -> charged pairs, 50 ab^-1).

No published curve of this projection is in ../shared/reference (bounds_Belle2 there is
an unlabelled 4-point polygon), so the checks are limits: the Upsilon(4S) kinematics,
the kinematic end point and the long-lifetime scaling of the lower edge with exposure.
"""

import dataclasses

import numpy as np
import pytest

from fipkit import spectra
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.models import scalar_production as sp
from fipkit.reach import compute_reach

MODEL = get_model("dark-scalar")
G = np.logspace(-13, -3, 201)


def test_y4s_b_mesons():
    """B mesons isotropic in the Upsilon(4S) frame (p* = 0.33 GeV), boosted along z:
    <p_z> = beta gamma E* = 0.287 x m_Y/2 = 1.52 GeV and <p_T> = (pi/4) p*."""
    w, p = spectra.upsilon4s_b_mesons("B+", np.random.default_rng(1), 200000)
    pstar = np.sqrt(spectra.M_Y4S**2 / 4 - spectra.M_B_MESON**2)
    assert pstar == pytest.approx(0.33, abs=0.01)
    assert np.average(p[:, 2], weights=w) == pytest.approx(
        spectra.Y4S_BETA_GAMMA * spectra.M_Y4S / 2, rel=0.005
    )
    assert np.average(np.hypot(p[:, 0], p[:, 1]), weights=w) == pytest.approx(
        np.pi / 4 * pstar, rel=0.01
    )


def test_end_point_and_exposure_scaling():
    e = get_experiment("BelleII-displaced")
    masses = np.array([1.0, 4.0, 4.9])
    c = compute_reach(MODEL, e, masses, G)
    ms, lo = c.lower_edge()
    assert 4.9 not in ms  # above m_B - m_K = 4.79 GeV
    assert 1.0 in ms and 4.0 in ms
    det = dataclasses.replace(
        e.detector, exposure={"n_beam": 4 * e.exposure["n_beam"], "unit": "BB pairs"}
    )
    bigger = dataclasses.replace(e, detector=det)
    c4 = compute_reach(MODEL, bigger, masses[:1], G)
    # long-lived S: N ∝ sin^2 (production) x sin^2 (decay probability) -> lower edge ∝ 1/sqrt(N_BB)
    assert c4.lower_edge()[1][0] / lo[0] == pytest.approx(0.5, rel=0.05)
    assert sp.C.M_B - sp.C.M_K < 4.9
