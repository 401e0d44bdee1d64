"""mu -> e nu nu A' at tree level (fipkit.production.muon_decay): the Fermi width from the
same phase space and traces, gauge invariance of the radiating current, the measured
internal-conversion rate mu -> e nu nu e+ e-, kinematic limits, bad input. Mu3e against
the published projection is in tests/test_regions.py."""

from __future__ import annotations

import numpy as np
import pytest

from fipkit import constants as C
from fipkit import dirac as D
from fipkit.errors import FipkitInputError
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.production import MonteCarlo, fip_samples
from fipkit.production import muon_decay as md


def test_fermi_width():
    """Without the photon: Gamma(mu -> e nu nu) = G_F^2 m_mu^5 / 192 pi^3 (m_e -> 0; the
    m_e correction is 2e-4), to the Monte Carlo's 0.5%."""
    expect = C.G_FERMI**2 * C.M_MU**5 / (192 * np.pi**3)
    assert md.width_without_photon(40_000) / expect == pytest.approx(1.0, abs=0.006)


def test_current_is_conserved():
    """(p'/ + m_e) q_nu O^{alpha nu} (p/ + m_mu) = 0: the two emissions cancel for a
    longitudinal photon, so the -g polarisation sum is exact."""
    rng = np.random.default_rng(3)
    m_a = 0.03
    pe, q, _, _ = md._phase_space(m_a, 50, rng)
    O = md.current(pe, q, m_a)
    qO = np.einsum("nv,navij->naij", q * np.array([1, -1, -1, -1]), O)
    pmu = np.zeros((50, 4))
    pmu[:, 0] = C.M_MU
    left = D.slash(pe) + C.M_E * np.eye(4)
    right = D.slash(pmu) + C.M_MU * np.eye(4)
    sandwich = left[:, None] @ qO @ right[:, None]
    scale = np.abs(left[:, None] @ O[:, :, 0] @ right[:, None]).max()
    assert np.abs(sandwich).max() < 1e-10 * scale


@pytest.mark.slow
def test_internal_conversion_branching_ratio():
    """BR(mu -> e nu nu e+ e-) = int dm BR_A'(m) (2 alpha / 3 pi m)(1 + 2r) sqrt(1 - 4r)
    over 2 m_e < m < m_mu - m_e: the measured (3.4 +- 0.4)e-5 (SINDRUM; PDG [U: recalled]),
    within its error (the exchange of the two identical positrons is neglected; measured
    3.39e-5 with 40 masses)."""
    ms = np.geomspace(2 * C.M_E * 1.0005, C.M_MU - C.M_E - 1e-4, 24)
    br = np.array([md.branching_ratio(float(m), 20_000, seed=1) for m in ms])
    r = C.M_E**2 / ms**2
    dbr = 2 * C.ALPHA_EM / (3 * np.pi * ms) * (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None))
    total = np.trapezoid(dbr * br * ms, np.log(ms))
    assert total == pytest.approx(3.4e-5, abs=0.4e-5)


def test_branching_ratio_falls_to_zero_at_the_endpoint():
    """BR(m) decreases with m and vanishes at m_mu - m_e (no phase space)."""
    br = [md.branching_ratio(m, 8000) for m in (0.01, 0.03, 0.06, 0.09)]
    assert all(a > b for a, b in zip(br, br[1:]))
    assert md.branching_ratio(C.M_MU - C.M_E + 1e-4, 8000) == 0


def test_electron_acceptance_removes_decays():
    """Requiring the decay electron in |cos theta| < 0.8 keeps about 0.8 of the decays
    (the muons are unpolarised), less with a p_T threshold."""
    rng = lambda: np.random.default_rng(5)  # noqa: E731
    full = md.decay_sample(0.02, rng(), 20_000).total
    barrel = md.decay_sample(0.02, rng(), 20_000, (np.arccos(0.8), np.arccos(-0.8))).total
    pt = md.decay_sample(0.02, rng(), 20_000, (np.arccos(0.8), np.arccos(-0.8)), 0.01).total
    assert barrel / full == pytest.approx(0.8, abs=0.02)
    assert pt < barrel


def test_the_mechanism_checks_its_parameters():
    s = get_experiment("Mu3e")
    bad = {"mechanism": "muon_decay", "electron_theta_rad": [2.0, 1.0]}
    import dataclasses

    s2 = dataclasses.replace(s, production=(bad,))
    with pytest.raises(FipkitInputError, match="electron_theta_rad"):
        fip_samples(s2, get_model("dark-photon"), 0.03, MonteCarlo())
