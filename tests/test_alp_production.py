"""BC10 flavour-changing ALP production (fipkit.models.alp_production) and the BC11 mixing
angles. No published BR was read in this session: the tests check the formula against an
independent evaluation, its limits and the leading log of the top loop."""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.models import alp_hadronic as H
from fipkit.models import alp_production as P


def test_b_to_k_at_zero_mass_independent():
    """BR(B+ -> K+ a) at m -> 0, g_Y = 1: g^2 m_B^3 (1 - m_K^2/m_B^2)^2 f_0(0)^2
    lambda^1/2/(64 pi) x tau_B, lambda^1/2 -> 1 - m_K^2/m_B^2 (2110.10698's form), with
    g = y_t^2 V_tb V_ts bracket/(16 pi^2 v), bracket(1 TeV) = 1.735.
    Measured BR = 0.647 (g = 1.830e-6 GeV^-1)."""
    yt2 = 2 * 174.0**2 / C.V_HIGGS**2
    g = yt2 * C.V_TB * C.V_TS * 1.7350 / (16 * np.pi**2 * C.V_HIGGS)
    assert P.g_fcnc("b", "s") == pytest.approx(g, rel=1e-4)
    width = g**2 * C.M_B**3 * (1 - C.M_K**2 / C.M_B**2) ** 3 * 0.33**2 / (64 * np.pi)
    br = width * C.ctau(521) / C.HBARC_GEV_M
    assert P.br_bc10("B+->K+a", 1e-6) == pytest.approx(br, rel=2e-4)
    assert br == pytest.approx(0.647, rel=0.01)


def test_leading_log_of_the_top_loop():
    """d g/d ln Lambda^2 = y_t^2 lambda_t/(32 pi^2 v), the one-loop running of k_Q from the
    top coupling (2012.12272, recalled: {Y Y^dag, k_Q}/32 pi^2 - Y k_u Y^dag/16 pi^2 with
    k_Q = -c/2, k_u = c/2)."""
    g1, g2 = P.g_fcnc("b", "s", 1e3), P.g_fcnc("b", "s", 1e4)
    yt2 = 2 * P.M_TOP_LOOP**2 / C.V_HIGGS**2
    expect = yt2 * C.V_TB * C.V_TS * np.log(1e8 / 1e6) / (32 * np.pi**2 * C.V_HIGGS)
    assert g2 - g1 == pytest.approx(expect, rel=1e-10)


def test_thresholds_and_phase_space():
    """BR -> 0 at m -> M - m': lambda^1/2 (∝ p) for P -> P' a, p^3 for B -> K* a."""
    for ch, M, mh in (
        ("B+->K+a", C.M_B, C.M_K),
        ("K+->pi+a", C.M_K, C.M_PI),
        ("KL->pi0a", P.M_KL, C.M_PI0),
    ):
        end = M - mh
        assert P.br_bc10(ch, end * 1.0001) == 0
        a, b = P.br_bc10(ch, end - 1e-4), P.br_bc10(ch, end - 4e-4)
        assert a / b == pytest.approx(0.5, rel=0.02)  # sqrt of the distance
    end = C.M_B0 - P.M_KSTAR
    a, b = P.br_bc10("B0->K*0a", end - 1e-4), P.br_bc10("B0->K*0a", end - 4e-4)
    assert a / b == pytest.approx(0.125, rel=0.03)
    m = np.linspace(0, 5, 11)
    for ch in P.CHANNELS_BC10:
        br = P.br_bc10(ch, m)
        assert br.shape == m.shape and np.all(br >= 0) and np.all(np.isfinite(br))


def test_kaon_ratios():
    """K_L/K+ = (Im lambda_t/|lambda_t|)^2 tau_L/tau_+ x phase space: 0.67 at m -> 0 (as the
    dark scalar); B0/B+ = tau_B0/tau_B+ x masses."""
    r = P.br_bc10("KL->pi0a", 1e-4) / P.br_bc10("K+->pi+a", 1e-4)
    cp2 = (C.IM_LAMBDA_T / (C.V_TS * C.V_TD)) ** 2
    assert r == pytest.approx(cp2 * C.ctau(130) / C.ctau(321), rel=0.05)
    rb = P.br_bc10("B0->K0a", 1e-4) / P.br_bc10("B+->K+a", 1e-4)
    assert rb == pytest.approx(C.ctau(511) / C.ctau(521), rel=0.03)


def test_mixing_angles_for_production():
    """The production mixing angles are alp_hadronic's, linear in 1/f_G."""
    m = np.array([0.05, 0.3, 0.7])
    a, b = P.mixing_angles(m), H.mixing_angles(m)
    for p in ("pi0", "eta", "eta'"):
        np.testing.assert_array_equal(a[p], b[p])
