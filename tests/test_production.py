"""Production: meson-decay BRs, two-body kinematics, proton bremsstrahlung."""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.production.kinematics import boost, two_body_decay
from fipkit.production.meson_decays import br_meson_to_aprime, meson_decay_sample
from fipkit.production.proton_brem import (form_factor_sq, proton_brem_sample,
                                           proton_brem_yield)


def test_meson_br_checkpoints():
    # eps = 1e-3; values from 2 eps^2 (1 - m^2/M^2)^3 BR(P->gg) with PDG BRs
    # (independent evaluation, ../shared/physics/vector_and_alp.md §1.4 table)
    assert 1e-6 * br_meson_to_aprime("pi0", 0.05) == pytest.approx(1.26936e-6, rel=1e-4)
    assert 1e-6 * br_meson_to_aprime("eta", 0.1) == pytest.approx(7.11112e-7, rel=1e-4)
    assert 1e-6 * br_meson_to_aprime("etap", 0.3) == pytest.approx(3.38485e-8, rel=2e-3)
    # m -> 0 limit: twice the gamma gamma BR
    assert br_meson_to_aprime("pi0", 1e-9) == pytest.approx(2 * C.BR_PI0_GG)
    # omega -> pi0 A' -> BR(omega -> pi0 gamma) at m -> 0
    assert br_meson_to_aprime("omega", 1e-9) == pytest.approx(C.BR_OMEGA_PI0G, rel=1e-9)


@pytest.mark.parametrize("parent,mmax", [("pi0", C.M_PI0), ("eta", C.M_ETA),
                                         ("omega", C.M_OMEGA - C.M_PI0)])
def test_thresholds(parent, mmax):
    assert br_meson_to_aprime(parent, mmax * 1.0001) == 0
    assert br_meson_to_aprime(parent, mmax * 0.99) > 0


def test_two_body_conservation_and_isotropy():
    rng = np.random.default_rng(5)
    n = 20000
    P = np.column_stack([rng.normal(0, 0.3, n), rng.normal(0, 0.3, n), rng.uniform(1, 50, n)])
    M, m1, m2 = C.M_ETA, 0.2, 0.0
    w, p1 = two_body_decay(np.ones(n), P, M, m1, m2, rng)
    e1 = np.sqrt((p1**2).sum(1) + m1**2)
    p2 = P - p1
    e2 = np.sqrt((p2**2).sum(1) + m2**2)
    eP = np.sqrt((P**2).sum(1) + M**2)
    np.testing.assert_allclose(e1 + e2, eP, rtol=1e-9)       # energy conservation
    # isotropy in the rest frame: boost back and check <cos theta> ~ 0
    back, _ = boost(p1, e1, -P * (M / eP)[:, None] / (M / eP)[:, None], M)
    cos = back[:, 2] / np.linalg.norm(back, axis=1)
    assert abs(cos.mean()) < 0.02 and abs((cos**2).mean() - 1 / 3) < 0.01


def test_meson_sample_weights():
    rng = np.random.default_rng(1)
    P = np.column_stack([np.zeros(100), np.zeros(100), np.linspace(1, 100, 100)])
    s = meson_decay_sample(np.full(100, 0.04), P, "pi0", 0.05, rng, n_per_parent=3)
    assert len(s) == 300 and s.total == pytest.approx(4 * br_meson_to_aprime("pi0", 0.05))
    assert len(meson_decay_sample(np.ones(3), P[:3], "pi0", 0.2, rng)) == 0


def test_proton_brem_yield_checkpoints():
    """N_A'/N_p at eps = 1, z in [0.1, 0.9], pT^2 < 1 GeV^2, sigma ratio 1.

    Independent evaluation of the Blumlein-Brunner formula (vector_and_alp.md §1.5):
    7.737e-3 (m = 0.1, no form factor), 2.034e-2 (m = 0.5, BB form factor),
    2.786e-3 (m = 1.0, no form factor). Measured: 7.7371e-3, 2.0341e-2, 2.7860e-3.
    """
    y = lambda m, ff: proton_brem_yield(400.0, m, form_factor=ff, sigma_ratio=False)  # noqa: E731
    assert y(0.1, False) == pytest.approx(7.737e-3, rel=2e-3)
    assert y(0.5, True) == pytest.approx(2.034e-2, rel=2e-3)
    assert y(1.0, False) == pytest.approx(2.786e-3, rel=2e-3)


def test_form_factor_shape():
    m = np.linspace(0.3, 1.2, 400)
    f = form_factor_sq(m)
    assert 0.7 < m[np.argmax(f)] < 0.8              # rho/omega peak
    assert form_factor_sq(1e-4) == pytest.approx(1.018, rel=0.01)   # F1(0) ~ 1


def test_brem_sample_matches_integral():
    rng = np.random.default_rng(2)
    for m in (0.05, 0.3, 1.0):
        s = proton_brem_sample(400.0, m, rng, n=40000)
        assert s.total == pytest.approx(proton_brem_yield(400.0, m), rel=0.03)
        assert np.all(s.p[:, 2] <= 0.9 * 400)
