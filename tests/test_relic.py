"""Thermal relic targets through a dark photon (fipkit.cosmo.relic): freeze-out against
the analytic/Steigman-Dasgupta-Beacom numbers, s- vs p-wave scaling, widths, the
thermal-average quadrature, alpha_D independence and the ESPP BC2 relic lines."""

import numpy as np
import pytest
from scipy.integrate import quad
from scipy.special import k1, kn

from fipkit import constants as C
from fipkit.cosmo import relic as R
from fipkit.errors import FipkitInputError
from fipkit.models.dark_photon import DarkPhoton, width_ll
from refcurves import ref_path

HBARC_GEV_CM = 1.973269804e-14  # CODATA 2018, GeV cm (independent of the module)
C_CM_S = 2.99792458e10


def _cm3s(sv_gev2):
    return sv_gev2 * HBARC_GEV_CM**2 * C_CM_S


def _sigma_v_for(m, omega, wave="s", g=2.0):
    """<sigma v> (GeV^-2; for "p": the coefficient sigma_1 of <sigma v> = sigma_1 / x) giving
    omega at each mass, by a secant in ln(sigma v) on the module's generic solver."""
    m = np.asarray(m, float)
    x = np.exp(R._LNX)

    def om(lsv):
        sv = np.exp(lsv)
        if wave == "s":
            return R.omega_h2_sigma_v(m, sv, g=g)
        return R.omega_h2_sigma_v(m, sv[:, None] / x[None, :], g=g, x=x)

    a = np.full(len(m), np.log(2.2e-9))
    fa = np.log(om(a) / omega)
    b = a + fa  # Omega ~ 1/sigma v
    for _ in range(12):
        fb = np.log(om(b) / omega)
        if np.all(np.abs(fb) < 1e-6):
            break
        a, b, fa = b, b - fb * (b - a) / (fb - fa), fb
    return np.exp(b)


# ------------------------------------------------------------------------------------
# (a) freeze-out with a constant s-wave cross section
# ------------------------------------------------------------------------------------
def test_units():
    assert R.GEV2_TO_CM3_S == pytest.approx(HBARC_GEV_CM**2 * C_CM_S, rel=1e-6)
    assert 3e-26 / R.GEV2_TO_CM3_S == pytest.approx(2.57e-9, rel=0.01)


def test_canonical_cross_section_gives_omega_about_0p1():
    """<sigma v> = 3e-26 cm^3/s (Majorana, g = 2) at m = 100 GeV: Omega h^2 ~ 0.1 (the
    canonical estimate; with the exact g_*(T) it is 0.084, cf. 2.2e-26 for 0.11 below)."""
    om = R.omega_h2_sigma_v([100.0], 3e-26 / R.GEV2_TO_CM3_S)[0]
    assert 0.07 < om < 0.11


def test_steigman_dasgupta_beacom():
    """Steigman, Dasgupta & Beacom, arXiv:1204.3622 (self-conjugate WIMP, their
    Omega h^2 = 0.11): <sigma v> = 2.2e-26 cm^3/s above 10 GeV, maximal, 5.2e-26, near
    m = 0.3 GeV. Measured here: 2.25e-26 at 100 GeV; max 5.08e-26 at ~0.3 GeV."""
    sv = _cm3s(_sigma_v_for([100.0], 0.11))[0]
    assert sv == pytest.approx(2.2e-26, rel=0.10)
    m = np.geomspace(0.1, 1.0, 7)
    sv = _cm3s(_sigma_v_for(m, 0.11))
    assert sv.max() == pytest.approx(5.2e-26, rel=0.10)
    assert 0.15 < m[np.argmax(sv)] < 0.6
    # and at Planck's 0.120 the cross section is smaller by ~ the ratio of the densities
    sv12 = _cm3s(_sigma_v_for([100.0], 0.120))[0]
    assert sv12 / _cm3s(_sigma_v_for([100.0], 0.11))[0] == pytest.approx(0.11 / 0.12, rel=0.03)


# ------------------------------------------------------------------------------------
# (b) s-wave vs p-wave
# ------------------------------------------------------------------------------------
def test_p_wave_needs_two_x_f_times_the_s_wave():
    """<sigma v> = sigma_1/x (p-wave) freezes out like an s-wave sigma_0 when
    sigma_1 = 2 x_f sigma_0 (1/Y_inf = lambda sigma_0/x_f = lambda sigma_1/(2 x_f^2)),
    with x_f = m/T_f ~ 15-25 from MeV to 100 GeV."""
    m = np.array([0.01, 1.0, 100.0])
    ratio = _sigma_v_for(m, 0.12, "p") / _sigma_v_for(m, 0.12, "s")
    xf = ratio / 2
    assert np.all((xf > 12) & (xf < 30))
    assert np.all(np.diff(xf) > 0)  # x_f grows ~ ln(m M_Pl sigma v)


@pytest.mark.slow
def test_target_scalings_between_spins():
    """Same sigma(s) for the complex scalar and the Majorana fermion, but the scalar's
    effective rate is half (only chi chi^* annihilates): y_scalar = 2 y_Majorana up to
    the A' width (alpha_D beta^3/12 vs /6). Majorana (p-wave, sigma v = 16 pi K y / x)
    vs pseudo-Dirac at Delta = 0 (s-wave, <sigma_eff v> = 8 pi K y): y_M / y_PD = x_f
    (previous test), within the thermal corrections of 1/(m_A'^2 - s)^2 (p-wave samples
    larger s: +-25 %)."""
    m = np.array([0.005, 0.02, 0.05])  # e+e- only
    ys, ym, yd = (R.relic_target(m, dm) for dm in R.DM_KINDS)
    assert np.allclose(ys / ym, 2.0, rtol=0.01)
    xf = _sigma_v_for(m, 0.12, "p") / _sigma_v_for(m, 0.12, "s") / 2
    assert np.allclose(ym / yd, xf, rtol=0.25)
    # below the muon threshold sigma is scale-free (sigma v = (y/m^2) G(x)): y/m^2 grows
    # with the p-wave target sigma_1(m) (x_f and g_*(T_f): +36 % from 5 to 50 MeV), and
    # y / (m^2 sigma_1) stays constant up to G(x) ~ (1 + a/x)/x at x_f = 14-18 (measured
    # drift +5.6 %, 5-50 MeV)
    c = ym / (m**2 * _sigma_v_for(m, 0.12, "p"))
    assert np.all(np.abs(c / c[0] - 1) < 0.1)
    assert ym[2] / ym[0] > 120  # not just m^2


def test_nonrelativistic_limits():
    """x -> infinity: sigma v = (8 pi/3) eps^2 alpha alpha_D m^2 v^2 Phi/(m_A'^2 - 4m^2)^2
    (scalar, Majorana), 16 pi eps^2 alpha alpha_D m^2 Phi/(m_A'^2 - 4m^2)^2 (Dirac),
    <v^2> = 6/x (arXiv:1505.00011 eqs. 5-6); effective rates: scalar 1/2, pseudo-Dirac
    1/2 of the pair's."""
    m, y, r, x = 0.02, 1e-12, 3.0, 2.0e4
    M = r * m
    e2ad = y * r**4
    be = np.sqrt(1 - C.M_E**2 / m**2)
    phi = be * (3 - be**2) / 2
    k = e2ad * C.ALPHA_EM * m**2 * phi / (M**2 - 4 * m**2) ** 2
    expect = {"scalar": 8 * np.pi / 3 * k * 6 / x / 2, "majorana": 8 * np.pi / 3 * k * 6 / x}
    expect["pseudo-dirac"] = 16 * np.pi * k / 2
    for dm, e in expect.items():
        # the propagator's width: 1 + (m_A' Gamma / (m_A'^2 - 4 m^2))^2 = 1.003 (pseudo-Dirac)
        width = float(R.aprime_total_width(m, y, dm))
        e = e / (1 + (M * width / (M**2 - 4 * m**2)) ** 2)
        got = R.sigma_v_eff([x], [m], y, dm)[0, 0]
        assert got == pytest.approx(e, rel=3e-4), dm


def test_coannihilation_boltzmann_suppression():
    """Griest-Seckel: with chi_2 at m_1 (1 + Delta), <sigma_eff v> = 2 n_1 n_2 <sigma_12 v>/n^2,
    n_2/n_1 = q = (1 + Delta)^(3/2) e^(-x Delta); relative to Delta = 0 the x-dependence is
    4q/(1+q)^2 (the sigma_12 ratio is x-independent at large x)."""
    m, d = 0.05, 0.05
    x = np.array([40.0, 80.0])
    rat = (
        R.sigma_v_eff(x, [m], 1e-10, "pseudo-dirac", splitting=d)[0]
        / R.sigma_v_eff(x, [m], 1e-10, "pseudo-dirac")[0]
    )
    q = (1 + d) ** 1.5 * np.exp(-x * d)
    f = 4 * q / (1 + q) ** 2
    assert rat[1] / rat[0] == pytest.approx(f[1] / f[0], rel=0.03)
    y = R.relic_target([0.01, 0.1], "pseudo-dirac", splitting=0.05)
    assert np.all(y > 1.5 * R.relic_target([0.01, 0.1], "pseudo-dirac"))


# ------------------------------------------------------------------------------------
# (f) A' widths
# ------------------------------------------------------------------------------------
def test_widths_limits():
    M = np.array([0.3, 1.0, 3.0])
    m_light = 1e-6 * M
    ad = 0.1
    # massless dark states: Dirac (= pseudo-Dirac, Delta = 0) alpha_D M/3, one Weyl
    # (Majorana) half of it, complex scalar a quarter (vector -> two scalars: beta^3/12)
    assert np.allclose(R.width_aprime_to_dm(M, m_light, "pseudo-dirac", ad), ad * M / 3)
    assert np.allclose(R.width_aprime_to_dm(M, m_light, "majorana", ad), ad * M / 6)
    assert np.allclose(R.width_aprime_to_dm(M, m_light, "scalar", ad), ad * M / 12)
    # massive Dirac: like A' -> l+ l- of fipkit's dark photon with alpha -> alpha_D
    m = M / 3
    dirac = R.width_aprime_to_dm(M, m, "pseudo-dirac", ad)
    assert np.allclose(dirac, width_ll(M, m) * ad / C.ALPHA_EM, rtol=1e-12)
    # scalar: rho -> pi pi form g^2 M beta^3 / (48 pi)
    beta = np.sqrt(1 - 4 * m**2 / M**2)
    assert np.allclose(
        R.width_aprime_to_dm(M, m, "scalar", ad), 4 * np.pi * ad * M * beta**3 / 48 / np.pi
    )
    # pseudo-Dirac closes at M = m1 + m2 and grows from there as p
    w = R.width_aprime_to_dm(np.array([2.1, 2.1001, 2.3]), 1.0, "pseudo-dirac", ad, 0.1)
    assert w[0] == 0 and 0 < w[1] < w[2]


@pytest.mark.parametrize(
    "dm,split", [("scalar", 0.0), ("majorana", 0.0), ("pseudo-dirac", 0.0), ("pseudo-dirac", 0.1)]
)
def test_breit_wigner_unitarity(dm, split):
    """At s = m_A'^2 the cross section is the Breit-Wigner peak
    sigma = (3/(g_1 g_2)) (4 pi/k^2) S Gamma_in Gamma_out / Gamma^2 (S = 2 for identical
    Majorana states, k the CM momentum): ties sigma(s) and the widths, derived apart."""
    m, y, ad, r = 0.1, 1e-9, 0.1, 3.0
    M = r * m
    m2 = m * (1 + split)
    g_in = R.width_aprime_to_dm(M, m, dm, ad, split)
    g_out = y * r**4 / ad * float(R.visible_width(np.array([M]))[0])
    g_tot = g_in + g_out
    assert float(R.aprime_total_width(m, y, dm, ad, r, split)) == pytest.approx(g_tot, rel=1e-12)
    k = np.sqrt((M**2 - (m + m2) ** 2) * (M**2 - (m - m2) ** 2)) / (2 * M)
    g12 = {"scalar": 1.0, "majorana": 4.0, "pseudo-dirac": 4.0}[dm]
    S = 2.0 if dm == "majorana" else 1.0
    bw = 3 / g12 * 4 * np.pi / k**2 * S * g_in * g_out / g_tot**2
    sig = R.annihilation_cross_section(M**2, m, y, dm, ad, r, split)
    assert float(sig) == pytest.approx(bw, rel=1e-9)


def test_visible_width_is_fipkits_dark_photon():
    M = np.array([0.01, 0.2, 0.78, 1.02, 2.5, 12.0])
    total = sum(DarkPhoton().partial_widths(M).values())
    assert np.allclose(R.sm_final_state(M) * C.ALPHA_EM * M / 3, total, rtol=1e-12)


# ------------------------------------------------------------------------------------
# (e) the thermal average: quadrature against adaptive quad, and its convergence
# ------------------------------------------------------------------------------------
def _gg_quad(m, x, dm, y, ratio, split=0.0):
    """Gondolo-Gelmini / Griest-Seckel by scipy quad in s (independent of the panels)."""
    T = m / x
    m2 = m * (1 + split) if dm == "pseudo-dirac" else m
    s0 = (m + m2) ** 2
    M = ratio * m
    gam = float(R.aprime_total_width(m, y, dm, 0.1, ratio, split))

    def f(s):
        sig = R.annihilation_cross_section(s, m, y, dm, 0.1, ratio, split)
        return float(sig) * (s - s0) * (s - (m - m2) ** 2) / np.sqrt(s) * k1(np.sqrt(s) / T)

    hi = s0 * (1 + 60 / x) ** 2
    pts = [M**2 - 3 * M * gam, M**2, M**2 + 3 * M * gam]
    for mv, gv in ((C.M_OMEGA, C.GAMMA_OMEGA), (C.M_PHI, C.GAMMA_PHI)):
        pts += [mv**2 - 3 * mv * gv, mv**2, mv**2 + 3 * mv * gv]
    pts += [(2 * C.M_MU) ** 2, (2 * C.M_PI) ** 2, (3 * C.M_PI) ** 2]
    pts = sorted(p for p in pts if s0 < p < hi)
    i = quad(f, s0, hi, points=pts, limit=800, epsrel=1e-9, epsabs=0)[0]
    pairs, g = {"scalar": (2, [1, 1]), "majorana": (4, [2]), "pseudo-dirac": (8, [2, 2])}[dm]
    ms = [m, m2][: len(g)] if dm == "pseudo-dirac" else [m] * len(g)
    den = 8 * T * sum(gi * mi**2 * kn(2, mi / T) for gi, mi in zip(g, ms)) ** 2
    return pairs * i / den


@pytest.mark.parametrize(
    "dm,m,ratio,split",
    [
        ("majorana", 0.01, 3.0, 0.0),
        ("pseudo-dirac", 0.05, 3.0, 0.1),
        ("scalar", 0.1, 2.05, 0.0),  # narrow A' pole in the thermal peak: Gamma/M = 1e-4
        pytest.param("pseudo-dirac", 0.1, 2.02, 0.0, marks=pytest.mark.slow),
        pytest.param("majorana", 0.39, 3.0, 0.0, marks=pytest.mark.slow),  # omega, phi
    ],
)
def test_thermal_average_against_quad(dm, m, ratio, split):
    x = np.array([5.0, 25.0])
    got = R.sigma_v_eff(x, [m], 1e-10, dm, ratio=ratio, splitting=split)[0]
    ref = np.array([_gg_quad(m, xi, dm, 1e-10, ratio, split) for xi in x])
    assert np.allclose(got, ref, rtol=1e-5)


@pytest.mark.parametrize("ratio", [2.002, 2.02, 2.2, 3.0])
def test_thermal_average_converges_near_resonance(ratio):
    """Doubling the nodes per panel (8 -> 16) changes <sigma v> by < 1e-5, also with the
    A' pole at eps = r^2/4 - 1 = 1e-3 inside the thermal peak (Gamma/M = 1e-8, scalar);
    narrow SM resonances (omega, phi, J/psi) are in the masses chosen."""
    m = np.array([0.002, 0.1, 0.38, 0.5, 1.5])
    x = np.array([3.0, 20.0, 200.0])
    for dm in R.DM_KINDS:
        a = R.sigma_v_eff(x, m, 1e-10, dm, ratio=ratio)
        b = R.sigma_v_eff(x, m, 1e-10, dm, ratio=ratio, n_gl=16)
        assert np.allclose(a, b, rtol=1e-5), dm


# ------------------------------------------------------------------------------------
# the target itself
# ------------------------------------------------------------------------------------
def test_target_reproduces_planck_density():
    m = np.geomspace(1e-3, 10, 12)
    for dm in R.DM_KINDS:
        y = R.relic_target(m, dm)
        assert np.allclose(R.omega_h2(m, y, dm), R.OMEGA_DM_H2, rtol=3e-4)
        om = R.omega_h2(m, 2 * y, dm)  # Omega ~ y^-(1 - 1/x_f): 2^-0.93 = 0.53-0.57
        assert np.all((om > 0.5 * R.OMEGA_DM_H2) & (om < 0.6 * R.OMEGA_DM_H2))


def test_resonant_target_is_far_below():
    """Feng & Smolinsky, arXiv:1707.03835: near m_A' = 2 m_chi the target drops by orders
    of magnitude; it still reproduces Omega h^2 = 0.12 with the width taken at the target."""
    m = np.array([0.01, 0.1, 1.0])
    for dm in R.DM_KINDS:
        y = R.relic_target(m, dm, ratio=2.05)
        assert np.all(y < 0.1 * R.relic_target(m, dm))
        assert np.allclose(R.omega_h2(m, y, dm, ratio=2.05), 0.12, rtol=3e-4)


@pytest.mark.slow
def test_alpha_d_independence():
    """sigma depends on eps^2 alpha_D = y r^4 only, alpha_D entering through the width in
    the propagator, (m_A' Gamma)^2 against (m_A'^2 - s)^2 ~ (5 m^2)^2. Measured from
    alpha_D = 0.1 to 0.5 (1 MeV-1 GeV, outside 0.3-0.55 GeV): scalar +0.1 to +2.5 %,
    Majorana +0.4 to +1.8 % (largest at 1 MeV, where x_f is smallest and the A' pole
    tail at s = m_A'^2 still feeds freeze-out), pseudo-Dirac +7.5 to +8.1 %
    (Gamma/m_A' = alpha_D beta (1 + 2/9)/3 = 0.15 at alpha_D = 0.5)."""
    m = np.concatenate([np.geomspace(1e-3, 0.3, 6), [0.6, 1.0]])
    for dm in R.DM_KINDS:
        ch = R.relic_target(m, dm, alpha_d=0.5) / R.relic_target(m, dm, alpha_d=0.1) - 1
        if dm == "pseudo-dirac":
            M = 3 * m
            g5, g1 = (R.width_aprime_to_dm(M, m, dm, a) for a in (0.5, 0.1))
            est = ((M * g5) ** 2 - (M * g1) ** 2) / (M**2 - 4.3 * m**2) ** 2
            assert np.allclose(ch, est, rtol=0.3)
            assert np.all(ch < 0.10)
        else:
            assert np.all((ch > 0) & (ch < 0.03)), dm


def test_bad_input():
    with pytest.raises(FipkitInputError, match="decays visibly"):
        R.relic_target([0.1], ratio=2.0)
    with pytest.raises(FipkitInputError, match="must exceed 2.1"):
        R.relic_target([0.1], "pseudo-dirac", ratio=2.05, splitting=0.1)
    for bad in (0.0, -0.1, 13.0, np.nan):
        with pytest.raises(FipkitInputError, match="alpha_d"):
            R.relic_target([0.1], alpha_d=bad)
    with pytest.raises(FipkitInputError, match="'scalar', 'majorana', 'pseudo-dirac'"):
        R.relic_target([0.1], "dirac")
    for m in ([1e-4], [20.0], [np.nan], []):
        with pytest.raises(FipkitInputError, match="m_chi"):
            R.relic_target(m)
    with pytest.raises(FipkitInputError, match="pseudo-dirac"):
        R.relic_target([0.1], "scalar", splitting=0.1)
    with pytest.raises(FipkitInputError, match="y must be positive"):
        R.omega_h2([0.1], -1.0)
    assert R.relic_target(0.1).shape == (1,)


# ------------------------------------------------------------------------------------
# (c) the ESPP BC2 relic lines
# ------------------------------------------------------------------------------------
ESPP = {
    "scalar": "fig1_ldm/ESPP-QEDM__relic-target-scalar.csv",
    "majorana": "fig1_ldm/ESPP-QEDM__relic-target-majorana.csv",
    "pseudo-dirac": "fig1_ldm/ESPP-QEDM__relic-target-pseudodirac.csv",
}
#: rho-omega-phi region: 2 m_chi in 0.6-1.1 GeV, where the thermal smearing of the narrow
#: omega and phi peaks of R makes sharp features (fipkit has a deep phi dip at
#: m_chi = 0.50-0.51 GeV the digitised line does not show)
HADRONIC = (0.30, 0.55)


@pytest.mark.reference
@pytest.mark.parametrize("dm", R.DM_KINDS)
def test_espp_relic_targets(dm):
    """ESPP2026 BC2 lines (alpha_D = 0.1, m_A' = 3 m_chi as our defaults; the
    pseudo-Dirac line states no splitting: Delta = 0 is used, Delta >= 0.02 would raise
    y by >= 0.13 dex). Measured median delta log10 y (ours - ESPP) over 1 MeV - 1 GeV
    outside 0.30-0.55 GeV: scalar +0.063, Majorana +0.065, pseudo-Dirac +0.044; ours is
    higher everywhere by 0.03-0.09 dex, most at 1-3 MeV (0.08-0.16 dex, g_* falling with
    e+e- annihilation at T_f ~ 70 keV)."""
    d = np.loadtxt(ref_path(ESPP[dm]), delimiter=",", skiprows=1)
    m, y_ref = d[:, 0], d[:, 1]
    sel = (m >= 1e-3) & (m <= 1.0) & ((m < HADRONIC[0]) | (m > HADRONIC[1]))
    y = R.relic_target(m[sel], dm)
    dl = np.log10(y / y_ref[sel])
    med = np.median(np.abs(dl))
    assert med <= 0.08, f"{dm}: median |delta log10 y| = {med:.3f}"
    assert np.mean(np.abs(dl) < 0.2) > 0.95, f"{dm}: {np.sort(np.abs(dl))[-5:]}"
    # and inside the hadronic region the two still agree at the factor-3 level
    had = (m >= HADRONIC[0]) & (m <= HADRONIC[1])
    dl_h = np.log10(R.relic_target(m[had], dm) / y_ref[had])
    assert np.median(np.abs(dl_h)) < 0.15 and np.all(np.abs(dl_h) < 0.5)


@pytest.mark.slow
def test_speed_200_masses():
    """The target on 200 masses, every spin, from empty caches: <= 5 s in total per spin
    (measured ~1.5 s cold on one core)."""
    import time

    m = np.geomspace(1e-3, 10, 200)
    for dm in R.DM_KINDS:
        R._TABLES.clear()
        R._background_cached.cache_clear()
        t = time.perf_counter()
        R.relic_target(m, dm)
        assert time.perf_counter() - t < 5.0


def test_relic_cli_contract(tmp_path, capsys):
    """`fipkit relic` writes mass_GeV,y (the same numbers as relic_target); bad input is
    one line and exit status 2."""
    from clirun import run

    out = tmp_path / "relic.csv"
    args = ["relic", "--dm", "pseudo-dirac", "--splitting", "0.01", "--n-masses", "5"]
    code, _, err = run(
        [*args, "--mass-min", "0.01", "--mass-max", "0.1", "--out", str(out)], capsys
    )
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert lines[0] == "mass_GeV,y" and len(lines) == 6
    m, y = np.loadtxt(out, delimiter=",", skiprows=1, unpack=True)
    want = R.relic_target(m, dm="pseudo-dirac", splitting=0.01)
    assert np.allclose(y, want, rtol=1e-5)
    for bad in (["--ratio", "2"], ["--alpha-d", "0"], ["--dm", "dirac"]):
        code, _, err = run(["relic", *bad, "--out", str(tmp_path / "x.csv")], capsys)
        assert code == 2 and len(err.strip().splitlines()) == 1, (bad, err)
