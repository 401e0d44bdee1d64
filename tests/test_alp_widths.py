"""ALP partial widths (BC9-BC11, fipkit.models.alp_widths) against checkpoints and references.

Reference numbers quoted below that are not files in shared/reference come from the
physics notes (shared/physics/vector_and_alp.md Sec. 2, "[C]" = evaluated there, "[T]" =
digitised Aloni-Soreq-Williams arXiv:1811.03474 widths); they are not authority, so the
tests that use them say what they check (formula regression vs an independent method).
"""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.models import alp_widths as A
from refcurves import ref_path

EV = 1e-9  # GeV
#: 1/f_G giving C_GG/Lambda = c_g/Lambda = 1 TeV^-1 (1/f_G = 8 c_g/Lambda)
INV_FG_1TEV = 8e-3


def test_photon_checkpoint():
    """BC9: g = 1e-5 GeV^-1, m = 0.1 GeV -> c tau = 0.3967 m (notes [C]). Measured 0.39675 m."""
    ctau = A.ctau_m(1e-10 * A.width_photon(0.1))
    assert ctau == pytest.approx(0.3967, rel=1e-3)
    # m^3 scaling and vectorisation
    w = A.width_photon(np.array([0.1, 0.2]))
    assert w.shape == (2,) and w[1] / w[0] == pytest.approx(8.0)


@pytest.mark.reference
def test_photon_ctau_vs_foresee_and_senscalc():
    """BC9 c tau at g_agg = 1 GeV^-1 vs FORESEE ALP-photon and SensCalc ctauALP (both the
    photon benchmark, MANIFEST: "c*tau at g_agg = 1 GeV^-1", metres).

    Measured ours/reference: FORESEE 0.98666 at every mass 1e-7-10 GeV (FORESEE's
    hbar c ~ 2.0e-16 GeV m, as the notes say); SensCalc median 1.011 [0.997, 1.030] over
    1 MeV-10 GeV (digitisation/rounding of the table)."""
    d = np.loadtxt(ref_path("lifetimes_brs/FORESEE__ALP-photon_ctau.txt"))
    r = A.ctau_m(A.width_photon(d[:, 0])) / d[:, 1]
    assert np.allclose(r, 0.98666, rtol=2e-3)
    d = np.loadtxt(ref_path("lifetimes_brs/SensCalc__ctauALP.txt"))
    r = A.ctau_m(A.width_photon(d[:, 0])) / d[:, 1]
    assert np.median(r) == pytest.approx(1.0, abs=0.02)
    assert r.min() > 0.98 and r.max() < 1.04


def test_lepton_threshold_and_beta_scaling():
    """BC10 Gamma_ll = g_Y^2 (m_l/v)^2 m beta/(8 pi): zero below 2 m_l, beta^1 (pseudoscalar),
    and the notes' [C] value Gamma_mumu = 2.013e-10 GeV at c/Lambda = 1e-3 GeV^-1, m = 0.5 GeV
    (BNT normalisation; c_ll/Lambda = g_Y/v so g_Y = 0.24622). Measured 2.0128e-10."""
    ml = C.M_MU
    m = np.array([1.9 * ml, 2 * ml, 2.0001 * ml, 2.1 * ml, 3 * ml, 10 * ml])
    w = A.widths_fermion(m)["mu+mu-"]
    assert w[0] == 0 and w[1] == 0 and np.all(w[2:] > 0)
    beta = np.sqrt(1 - 4 * ml**2 / m[2:] ** 2)
    ratio = w[2:] / (m[2:] * beta)
    assert np.allclose(ratio, ratio[0], rtol=1e-5)  # beta^1 (not beta^3); rounding at threshold
    assert ratio[-1] == pytest.approx((ml / C.V_HIGGS) ** 2 / (8 * np.pi), rel=1e-12)
    g_y = 1e-3 * C.V_HIGGS
    assert g_y**2 * A.widths_fermion(0.5)["mu+mu-"] == pytest.approx(2.013e-10, rel=2e-3)
    assert A.widths_fermion(0.5)["e+e-"] / A.widths_fermion(0.5)["mu+mu-"] == pytest.approx(
        (C.M_E / C.M_MU) ** 2
        * np.sqrt(1 - 4 * C.M_E**2 / 0.25)
        / np.sqrt(1 - 4 * C.M_MU**2 / 0.25),
        rel=1e-9,
    )


def test_loop_function_limits():
    """B_1 -> 1 for light loops (tau -> 0) and -> -1/(3 tau) -> 0 for heavy loops."""
    assert abs(A.loop_b1(1e-8) - 1) < 1e-3
    assert A.loop_b1(1e4).real == pytest.approx(-1 / 3e4, rel=1e-2)


def test_gluon_photon_width_at_100_mev():
    """BC11 Gamma(gamma gamma) at m = 0.1 GeV, C_GG/Lambda = 1 TeV^-1 (1/f_G = 8e-3 GeV^-1).

    Changed (physics improved): widths_gluon now uses the U(3) mixing of alp_hadronic
    (eta/eta' mass mixing, C_gg(0) = -1.97 instead of the LO -1.92): measured 4.008e-3 eV,
    +8.8 % vs the LO value 3.683e-3 eV (notes [C], still checked on the LO function),
    +2.0 % vs FORESEE's ALP-g table (BR = 1, c tau 3.217e-9 m at g_agg = 1: 3.93e-3 eV),
    +12 % vs the notes' digitised Aloni et al. 3.57e-3 eV (the two references differ by 10 %)."""
    g = INV_FG_1TEV**2 * A.widths_gluon(0.1)["gamma gamma"] / EV
    assert g == pytest.approx(3.93e-3, rel=0.04)
    g_lo = INV_FG_1TEV**2 * 4 * np.pi * C.ALPHA_EM**2 * 0.1**3 * abs(A._c_photon_gluon(0.1)) ** 2
    assert g_lo / EV == pytest.approx(3.683e-3, rel=0.01)


def test_gluon_convention_vs_foresee_ctau():
    """Convention check: FORESEE ALP-g c tau = 3.217e-9 m at g_agg = 1/f_G = 1 GeV^-1,
    m = 0.1 GeV (notes [T]; not a file in shared/reference, whose only ALP c tau tables
    are the photon benchmark). Measured 3.425e-9 m (+6.5 %: our LO gamma gamma vs the
    digitised data-driven total). A wrong factor 8 (g_agg = c_g/Lambda) would be x64."""
    ctau = A.ctau_m(A.total_width(A.widths_gluon(0.1)))
    assert ctau == pytest.approx(3.217e-9, rel=0.10)


def test_3pi_lo_regression_and_vs_aloni():
    """LO a -> 3 pi at 0.45 GeV, C_GG/Lambda = 1 TeV^-1 (1708.00443 eqs. 29-30).

    Isospin limit (m_pi0 everywhere, as the notes): measured 0.1267 and 0.0853 eV vs the
    notes' 0.125 and 0.084 (+1.4 %, +1.6 %: f_pi 92.07 vs 92.2 MeV, Delta_ud 0.351 vs 0.35).
    widths_gluon (changed, physics improved: U(3) mixing with the eta/eta' poles and the
    K factor fixed to PDG eta -> 3 pi, alp_hadronic): 3pi0 0.0881 eV, pi+pi-pi0 0.0414 eV
    against Aloni et al. 0.157 and 0.079 eV: ratios 0.56 and 0.52, which is their K factor
    (2.7, recalled) against ours (1.50)."""
    c = 1e-3
    g00 = A.width_3pi(0.45, c, 0.0, "00", masses="pi0") / EV
    gpm = A.width_3pi(0.45, c, 0.0, "+-", masses="pi0") / EV
    assert g00 == pytest.approx(0.125, rel=0.03)
    assert gpm == pytest.approx(0.084, rel=0.03)
    w = A.widths_gluon(0.45)
    r00 = INV_FG_1TEV**2 * w["3pi0"] / EV / 0.157
    rpm = INV_FG_1TEV**2 * w["pi+pi-pi0"] / EV / 0.079
    assert 0.45 < r00 < 0.7 and 0.45 < rpm < 0.7
    # thresholds
    assert A.widths_gluon(3 * C.M_PI0 * 0.999)["3pi0"] == 0
    assert A.widths_gluon((2 * C.M_PI + C.M_PI0) * 0.999)["pi+pi-pi0"] == 0


def test_gluon_total_vs_aloni_table():
    """BC11 total width vs Aloni et al. (digitised, notes [T]) at C_GG/Lambda = 1 TeV^-1.

    Changed (physics improved, alp_hadronic mixing channels): measured ours/Aloni 0.1 GeV
    1.08, 0.2 GeV 0.96, 0.3 GeV 1.00 (was 0.99, 0.73, 0.58 with LO gamma gamma), 0.6 GeV
    0.48 (was 0.40), 1.0 GeV 2.69 (interpolated multi-hadron width, was 2.6). All inside
    HADRONIC_BAND."""
    m = np.array([0.1, 0.2, 0.3, 0.6, 1.0])
    aloni = np.array([3.72e-3, 1.19e-2, 6.87e-2, 6.97, 6.2e3])
    ratio = INV_FG_1TEV**2 * A.total_width(A.widths_gluon(m)) / EV / aloni
    assert ratio[0] == pytest.approx(1.0, abs=0.1)
    assert np.all(np.abs(ratio[:3] - 1) < 0.1)
    lo, hi = A.HADRONIC_BAND
    assert np.all((ratio > lo) & (ratio < hi))


@pytest.mark.parametrize("fn", [A.widths_gluon, A.widths_fermion])
def test_continuity_at_match(fn):
    """Total width continuous at M_MATCH (chiral + interpolation -> perturbative).
    Measured relative jump: BC11 < 1e-8; BC10 1.1e-4 (the u, d, s loops of the tiny
    gamma gamma width switch on at M_MATCH; the hadronic sum itself is continuous)."""
    eps = 1e-9
    lo = A.total_width(fn(A.M_MATCH - eps))
    hi = A.total_width(fn(A.M_MATCH + eps))
    assert lo == pytest.approx(hi, rel=3e-4)
    had = [k for k in fn(1.0) if k != "gamma gamma"]
    lo_h = sum(fn(A.M_MATCH - eps)[k] for k in had)
    hi_h = sum(fn(A.M_MATCH + eps)[k] for k in had)
    assert lo_h == pytest.approx(hi_h, rel=1e-6)


def test_perturbative_gluon_normalisation():
    """a -> g g above M_MATCH: pi alpha_s^2 m^3/(2 f_G^2) K, K = 1 + (97/4 - 7 n_f/6) a_s/pi
    (n_f = 3 light flavours at 3 GeV < 2 m_c)."""
    m = 3.0
    a = A.alpha_s(m)
    expect = np.pi * a**2 * m**3 / 2 * (1 + (97 / 4 - 7 * 3 / 6) * a / np.pi)
    assert A.widths_gluon(m)["hadrons (pert.)"] == pytest.approx(expect, rel=1e-12)
    assert A.alpha_s(C.M_Z) == pytest.approx(C.ALPHA_S_MZ, rel=1e-6)
    assert 0.28 < A.alpha_s(2.0) < 0.32  # PDG: alpha_s(2 GeV) ~ 0.30


def test_vectorised_shapes_and_channels():
    m = np.geomspace(1e-3, 20, 57)
    wf, wg = A.widths_fermion(m), A.widths_gluon(m)
    assert {"gamma gamma", "e+e-", "mu+mu-", "tau+tau-", "g g"} <= set(wf)
    assert {"gamma gamma", "3pi0", "pi+pi-pi0", "hadrons (pert.)"} <= set(wg)
    for w in (wf, wg):
        for v in w.values():
            assert np.shape(v) == m.shape and np.all(np.isfinite(v)) and np.all(v >= 0)
