"""Thermal history (fipkit.cosmo.thermal): g_*, h_*, H, s, t against textbook limits,
the lattice+perturbative SM result of Borsanyi et al. and independent integrals."""

import numpy as np
import pytest
from scipy.integrate import quad

from fipkit import constants as C
from fipkit.cosmo import thermal as th
from fipkit.errors import FipkitInputError

MEV = 1e-3
SM_HIGH_T = 106.75  # 28 bosonic + 7/8 * 90 fermionic dof
G_TODAY = 2 + 7 / 8 * 6 * (4 / 11) ** (4 / 3)  # 3.363, instantaneous decoupling, T_dec >> m_e
G_TODAY_NEFF = 2 + 7 / 8 * 2 * 3.044 * (4 / 11) ** (4 / 3)  # 3.384, N_eff = 3.044
H_TODAY = 2 + 7 / 8 * 6 * 4 / 11  # 3.909

# Borsanyi et al., arXiv:1606.07494, supplementary Table S2: log10(T/MeV), g_rho, g_rho/g_s,
# with the tolerance fipkit meets there (module docstring: measured deviations).
BORSANYI = [
    (0.50, 10.74, 1.00029, 0.005),
    (1.00, 10.76, 1.00048, 0.005),
    (1.60, 13.68, 1.02159, 0.005),
    (2.00, 17.61, 1.02324, 0.01),  # 100 MeV
    (2.15, 24.07, 1.05423, 0.015),  # 141 MeV
    (2.20, 29.84, 1.07578, 0.015),  # 158 MeV
    (2.40, 47.83, 1.06118, 0.06),  # 251 MeV: free charm on top of 2+1 flavours
    (2.50, 53.04, 1.04690, 0.06),  # 316 MeV
    (3.00, 73.48, 1.01778, 0.015),  # 1 GeV
    (4.00, 83.10, 1.00123, 0.04),  # 10 GeV: no perturbative QCD corrections here
    (5.00, 102.17, 1.00750, 0.02),  # 100 GeV
]


def _ideal_quad(x, fermion):
    """g_rho, g_s of one dof of mass x T, by adaptive quadrature in p/T (independent check)."""
    sign = 1.0 if fermion else -1.0

    def occ(e):
        return np.exp(-e) / (1.0 + sign * np.exp(-e))

    rho = quad(lambda u: u**2 * np.hypot(u, x) * occ(np.hypot(u, x)), 0, np.inf)[0]
    p = quad(lambda u: u**4 / np.hypot(u, x) / 3 * occ(np.hypot(u, x)), 0, np.inf)[0]
    rho, p = rho / (2 * np.pi**2), p / (2 * np.pi**2)
    return rho * 30 / np.pi**2, (rho + p) * 45 / (2 * np.pi**2)


# HotQCD pressure parametrisation, arXiv:1407.6387 eq. (16) and its coefficients (kept
# here independently of the module, so that an edit there is caught)
HOTQCD_EQ16 = dict(
    Tc=0.154,
    ct=3.8706,
    t0=0.9761,
    an=-8.7704,
    bn=3.9200,
    cn=0.0,
    dn=0.3419,
    ad=-1.2600,
    bd=0.8425,
    cd=0.0,
    dd=-0.0475,
    pid=95 * np.pi**2 / 180,
)


def _hotqcd_eq16(T):
    """eps/T^4 and s/T^3 of arXiv:1407.6387 eq. (16), differentiated numerically."""
    c = HOTQCD_EQ16

    def p(t):
        num = c["pid"] + c["an"] / t + c["bn"] / t**2 + c["cn"] / t**3 + c["dn"] / t**4
        den = 1 + c["ad"] / t + c["bd"] / t**2 + c["cd"] / t**3 + c["dd"] / t**4
        return 0.5 * (1 + np.tanh(c["ct"] * (t - c["t0"]))) * num / den

    t = T / c["Tc"]
    tdp = t * (p(t * (1 + 1e-6)) - p(t * (1 - 1e-6))) / (2e-6 * t)
    return 3 * p(t) + tdp, 4 * p(t) + tdp


def test_ideal_gas_integrals_against_quad():
    for x in (0.0, 0.3, 1.0, 3.0, 10.0):
        for fermion in (False, True):
            got = th._ideal(x, fermion)
            ref = _ideal_quad(x, fermion)
            np.testing.assert_allclose(got, ref, rtol=1e-7, atol=1e-12)
    assert th._ideal(0.0, True)[0] == pytest.approx(7 / 8, rel=1e-10)


def test_high_temperature_limit():
    g, h = th.g_star(1e3), th.h_star(1e3)  # 1 TeV
    assert g == pytest.approx(SM_HIGH_T, rel=0.01)
    assert h == pytest.approx(SM_HIGH_T, rel=0.01)
    assert g == pytest.approx(h, rel=2e-3)  # equal once everything is relativistic
    assert th.g_star(1e4) == pytest.approx(SM_HIGH_T, rel=1e-3)


@pytest.mark.parametrize("T", [2 * MEV, 2.5 * MEV, 3 * MEV])
def test_before_electron_annihilation(T):
    assert th.g_star(T) == pytest.approx(10.75, rel=0.01)
    assert th.h_star(T) == pytest.approx(10.75, rel=0.01)


@pytest.mark.parametrize("T", [1e-5, 1e-6, 1e-9])  # 10 keV, 1 keV, today-like
def test_today(T):
    # instantaneous decoupling at T_dec = 2 MeV: 3.371 and 3.918 (module docstring)
    assert th.g_star(T) == pytest.approx(G_TODAY, rel=0.01)
    assert th.g_star(T) == pytest.approx(G_TODAY_NEFF, rel=0.01)
    assert th.h_star(T) == pytest.approx(H_TODAY, rel=0.01)
    assert th.neutrino_temperature_ratio(T) == pytest.approx((4 / 11) ** (1 / 3), rel=2e-3)


def test_entropy_density_today():
    T0 = 2.7255 * 8.617333262e-14  # GeV (Fixsen 2009; k_B in GeV/K)
    s0_cm3 = th.entropy_density(T0) / (C.HBARC_GEV_M * 100) ** 3
    assert s0_cm3 == pytest.approx(2891.2, rel=5e-3)  # PDG 2024, s0/k_B = 2891.2 cm^-3


def test_h_versus_g():
    hot = np.logspace(np.log10(3 * MEV), 4, 400)  # one temperature for all species
    assert np.all(th.g_star(hot) >= th.h_star(hot) * (1 - 1e-9))  # massive: P < rho/3
    cold = np.logspace(-9, -5, 20)  # T_nu < T: h counts T_nu^3, g only T_nu^4
    assert np.all(th.h_star(cold) > th.g_star(cold))
    ratio = th.h_star(cold) / th.g_star(cold)
    assert np.allclose(ratio, H_TODAY / G_TODAY, rtol=3e-3)


@pytest.mark.parametrize("log_t, g_ref, ratio_ref, tol", BORSANYI)
def test_against_borsanyi(log_t, g_ref, ratio_ref, tol):
    T = 10**log_t * MEV
    g, h = th.g_star(T), th.h_star(T)
    assert g == pytest.approx(g_ref, rel=tol)
    assert h == pytest.approx(g_ref / ratio_ref, rel=tol)
    assert g / h == pytest.approx(ratio_ref, abs=3e-3)


@pytest.mark.parametrize("T", [0.2, 0.4, 1.0])
def test_qcd_sector_is_hotqcd(T):
    """Above 130 MeV, g_* minus the ideal-gas species is the HotQCD eq. (16) plasma."""
    eps, s = _hotqcd_eq16(T)
    species = [(C.M_E, 4, True), (C.M_MU, 4, True), (C.M_TAU, 4, True)]
    species += [(C.mass(4), 12, True), (C.mass(5), 12, True), (C.M_TOP, 12, True)]
    species += [(C.M_W, 6, False), (C.M_Z, 3, False), (C.M_H, 1, False)]
    g = 2 + 5.25 + sum(d * _ideal_quad(m / T, f)[0] for m, d, f in species)
    h = 2 + 5.25 + sum(d * _ideal_quad(m / T, f)[1] for m, d, f in species)
    assert th.g_star(T) - g == pytest.approx(eps * 30 / np.pi**2, rel=1e-4)
    assert th.h_star(T) - h == pytest.approx(s * 45 / (2 * np.pi**2), rel=1e-4)


def test_monotonic():
    T = np.logspace(-7, 5.5, 50001)
    assert np.all(np.diff(th.h_star(T)) >= -1e-12)
    assert np.all(np.diff(th.g_star(T)) >= -1e-12)
    assert np.all(th.dlnh_dlnT(T) >= 0)


@pytest.mark.parametrize("T", [1e-4, 0.03, 0.1, 0.16, 0.5, 10.0, 150.0])
def test_dlnh_dlnT_is_the_derivative(T):
    eps = 1e-4
    num = np.log(th.h_star(T * np.exp(eps)) / th.h_star(T * np.exp(-eps))) / (2 * eps)
    assert th.dlnh_dlnT(T) == pytest.approx(num, abs=2e-3)
    assert th.dlnh_dlnT(1e-8) == 0.0


def test_hubble_at_1MeV():
    T = MEV
    textbook = np.sqrt(8 * np.pi**3 * 10.75 / 90) * T**2 / 1.2209e19 / C.HBAR_GEV_S
    assert textbook == pytest.approx(0.677, abs=1e-3)
    H = th.hubble(T)
    assert H == pytest.approx(textbook * np.sqrt(th.g_star(T) / 10.75), rel=1e-4)
    assert H == pytest.approx(0.677, rel=0.01)  # g_*(1 MeV) = 10.59 here: -0.8 %


def test_time_temperature():
    # t = 1/(2H) = 0.738 s (MeV/T)^2 for g_* = 10.75; the full integral includes the
    # earlier history and the onset of e+e- annihilation
    t1 = th.time(MEV)
    assert t1 == pytest.approx(0.738, rel=0.02)
    assert t1 == pytest.approx(1 / (2 * th.hubble(MEV)), rel=0.01)
    # long after annihilation: t -> 1/(2H) = 1.32 s (MeV/T)^2 (g_* = 3.37)
    assert th.time(10e-3 * MEV) * (10e-3) ** 2 == pytest.approx(1.32, rel=0.01)
    # radiation era above the QCD transition: t = 1/(2H) with constant g_*
    assert th.time(1e4) == pytest.approx(1 / (2 * th.hubble(1e4)), rel=1e-3)
    T = np.logspace(-7, 5.5, 2000)
    assert np.all(np.diff(th.time(T)) < 0)


def test_time_is_the_integral():
    def integrand(lnT):
        T = np.exp(lnT)
        return (1 + th.dlnh_dlnT(T) / 3) / th.hubble(T)

    for lo, hi in [(0.05 * MEV, 5 * MEV), (0.05, 0.5), (1.0, 1e3)]:
        kinks = [np.log(th.T_NU_DEC)] if lo < th.T_NU_DEC < hi else None
        ref = quad(integrand, np.log(lo), np.log(hi), points=kinks, limit=400, epsrel=1e-6)[0]
        assert th.time(lo) - th.time(hi) == pytest.approx(ref, rel=2e-4)


def test_vectorised_and_input_checks():
    T = np.array([[1e-4, 1e-2], [1.0, 1e2]])
    for f in (th.g_star, th.h_star, th.dlnh_dlnT, th.hubble, th.entropy_density, th.time):
        out = f(T)
        assert out.shape == T.shape
        assert isinstance(f(0.1), float)
        assert f(np.array([0.1]))[0] == pytest.approx(f(0.1), rel=1e-12)
    assert th.entropy_density(1.0) == pytest.approx(2 * np.pi**2 / 45 * th.h_star(1.0))
    for bad in (0.0, -1.0, np.nan, np.inf):
        with pytest.raises(FipkitInputError):
            th.g_star(bad)
