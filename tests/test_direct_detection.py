"""Direct detection of light dark matter through a dark photon (fipkit.cosmo.direct_detection):
the cross-section <-> y relations against the review's Eq. 13, the Helm form factor, the halo
integral eta(v_min) against a direct integration, the Poisson/exposure scaling, the
simplified silicon response (sum rules), the Curves, user files, and the ESPP BC2 reference
curves (CRESST-III, SuperCDMS SNOLAB)."""

import math

import numpy as np
import pytest
from scipy.integrate import dblquad, quad
from scipy.special import spherical_jn

from fipkit.cosmo import direct_detection as D
from fipkit.curves import Curve
from fipkit.errors import FipkitInputError
from fipkit.models import get_model
from refcurves import ref_path

ALPHA = 1 / 137.035999084
ME = 0.51099895e-3  # GeV (PDG), independent of the module
MP = 0.93827208816
GEV2_CM2 = (1.973269804e-14) ** 2  # (hbar c)^2 in GeV^2 cm^2, CODATA 2018

SCALAR = get_model("ldm-scalar")


# -- cross sections ----------------------------------------------------------------------
def test_sigma_e_matches_review_eq13():
    """Review arXiv:2011.02157 Eq. 13: sigma_e ~ 3.7e-27 cm^2 (10 MeV/m_chi)^4 y for
    mu_chi_e -> m_e. The module's sigma_e uses the true mu_chi_e, so scale it back."""
    m = 0.010
    mu = m * ME / (m + ME)
    s = D.sigma_e_from_y(m, 1.0) * (ME / mu) ** 2
    assert s == pytest.approx(3.7e-27, rel=0.02)
    assert s == pytest.approx(16 * math.pi * ALPHA * ME**2 / m**4 * GEV2_CM2, rel=1e-6)
    # heavy DM: mu -> m_e by itself, and the (10 MeV/m)^4 scaling
    assert D.sigma_e_from_y(1.0, 1.0) == pytest.approx(3.73e-27 * 1e-8, rel=2e-3)


def test_sigma_e_from_eps_alpha_d_and_inverse():
    """sigma_e = 16 pi alpha alpha_D eps^2 mu^2 / (m_A'^2 + (alpha m_e)^2)^2 with
    y = eps^2 alpha_D / r^4."""
    m, r, ad, eps = 0.05, 3.0, 0.1, 1e-4
    ma = r * m
    mu = m * ME / (m + ME)
    direct = 16 * math.pi * ALPHA * ad * eps**2 * mu**2 / (ma**2 + (ALPHA * ME) ** 2) ** 2
    y = eps**2 * ad / r**4
    assert D.sigma_e_from_y(m, y, r) == pytest.approx(direct * GEV2_CM2, rel=1e-9)
    ms = np.geomspace(1e-3, 1, 7)
    assert D.y_from_sigma_e(ms, D.sigma_e_from_y(ms, 2e-9, 4.0), 4.0) == pytest.approx(2e-9)


def test_sigma_p_formula_and_inverse():
    m, r, ad, eps = 0.7, 3.0, 0.1, 3e-5
    mu = m * MP / (m + MP)
    direct = 16 * math.pi * ALPHA * ad * eps**2 * mu**2 / (r * m) ** 4 * GEV2_CM2
    assert D.sigma_p_from_y(m, eps**2 * ad / r**4) == pytest.approx(direct, rel=2e-6)
    ms = np.geomspace(0.1, 10, 5)
    assert D.y_from_sigma_p(ms, D.sigma_p_from_y(ms, 1e-10)) == pytest.approx(1e-10)


# -- Helm form factor ----------------------------------------------------------------------
def test_helm_form_factor():
    """F(0) = 1; the first zero at q r_n = 4.4934 (first zero of j_1); an independent
    evaluation with scipy's spherical Bessel function (Lewin & Smith eqs. 4.7-4.11)."""
    assert D.helm_form_factor(0.0, 131) == pytest.approx(1.0)
    assert D.helm_form_factor(1e-7, 16) == pytest.approx(1.0, abs=1e-9)
    fm = 1 / 0.1973269804  # GeV^-1 per fm
    for A in (16, 73, 131, 184):
        c = 1.23 * A ** (1 / 3) - 0.60
        rn = math.sqrt(c * c + 7 / 3 * math.pi**2 * 0.52**2 - 5 * 0.81)  # fm
        q0 = 4.493409457909 / (rn * fm)
        assert abs(D.helm_form_factor(q0, A)) < 1e-9
        q = 0.07  # GeV
        x = q * rn * fm
        ref = 3 * spherical_jn(1, x) / x * math.exp(-((q * 0.9 * fm) ** 2) / 2)
        assert D.helm_form_factor(q, A) == pytest.approx(ref, rel=1e-8)
    # known value: Xe at q = 100 MeV (E_R ~ 41 keV), F^2 ~ 0.2 (Lewin & Smith Fig. 4 scale)
    assert 0.1 < D.helm_form_factor(0.1, 131) ** 2 < 0.35


# -- halo ----------------------------------------------------------------------------------
def _eta_numeric(vmin, v0=220.0, vesc=544.0, ve=232.0):
    """Direct 2-D integration over the lab speed v and cos(theta) of the truncated,
    boosted Maxwellian: eta = int d^3v f(v + v_E) / v."""
    norm = (
        math.pi**1.5
        * v0**3
        * (math.erf(vesc / v0) - 2 / math.sqrt(math.pi) * vesc / v0 * math.exp(-((vesc / v0) ** 2)))
    )

    def inner_hi(v):
        return min(1.0, max(-1.0, (vesc**2 - v * v - ve * ve) / (2 * v * ve)))

    def f(c, v):
        return 2 * math.pi * v * math.exp(-(v * v + ve * ve + 2 * v * ve * c) / v0**2) / norm

    val, _ = dblquad(f, vmin, vesc + ve, lambda v: -1.0, inner_hi, epsabs=1e-12, epsrel=1e-9)
    return val


def test_eta_against_direct_integration():
    for vmin in (0.0, 150.0, 300.0, 450.0, 600.0, 700.0):
        assert D.eta(vmin) == pytest.approx(_eta_numeric(max(vmin, 1e-6)), rel=2e-5)


def test_eta_vanishes_above_vesc_plus_ve_and_is_vectorised():
    v = np.array([[0.0, 776.0], [800.0, 2000.0]])
    e = D.eta(v)
    assert e.shape == v.shape
    assert e[0, 1] == 0.0 and e[1, 0] == 0.0 and e[1, 1] == 0.0
    assert D.eta(775.9) > 0
    grid = np.linspace(0, 800, 401)
    assert np.all(np.diff(D.eta(grid)) <= 1e-15)  # non-increasing
    # eta(0) = <1/v>; int_0^inf eta dv_min = <v/v> = 1 (normalisation)
    total, _ = quad(lambda x: float(D.eta(x)), 0, 776, limit=200)
    assert total == pytest.approx(1.0, rel=1e-6)


# -- nuclear recoils ----------------------------------------------------------------------
def test_poisson_and_exposure_scaling():
    """Zero-background projections: N_90 = 2.303 and y_limit ~ 1/exposure exactly."""
    ge_hv = D.SUPERCDMS_SNOLAB[0]
    assert ge_hv.n90() == pytest.approx([-math.log(0.1)])
    m = np.geomspace(0.5, 10, 9)
    y1 = D.nr_y_limit(ge_hv, m)
    y10 = D.nr_y_limit(ge_hv.scaled(10.0), m)
    assert np.all(np.isfinite(y1))
    assert y10 == pytest.approx(y1 / 10, rel=1e-12)


def test_coherence_proton_vs_isoscalar():
    """The dark photon couples to Z (sigma_N ~ Z^2), published limits assume A^2: the rates
    differ by (A/Z)^2, and the CaWO4 limits by 0.60 (O, Ca) to 0.79 (W) dex."""
    for sym in ("O", "Ge", "W"):
        nuc = D.NUCLEI[sym]
        r_p = D.nr_rate(1.0, 0.02, nuc)
        r_a = D.nr_rate(1.0, 0.02, nuc, nucleon_coupling="isoscalar")
        assert r_p > 0
        assert r_a / r_p == pytest.approx((nuc.A / nuc.Z) ** 2)
    m = np.geomspace(0.2, 10, 12)
    d = np.log10(
        D.nr_sigma_limit(D.CRESST_III, m)
        / D.nr_sigma_limit(D.CRESST_III, m, nucleon_coupling="isoscalar")
    )
    assert np.all((d > 0.59) & (d < 0.80))
    with pytest.raises(FipkitInputError):
        D.nr_rate(1.0, 0.1, D.NUCLEI["O"], nucleon_coupling="neutron")


def test_mediator_propagator_negligible():
    """q <= 2 mu (v_esc + v_E) << m_A' = 3 m_chi: the propagator changes the rate < 1e-4."""
    nuc = D.NUCLEI["W"]
    m = 1.0
    emax = D.e_max_kev(m, nuc)
    heavy = D.nr_rate(m, 0.9 * emax, nuc, ratio=1e6)
    assert D.nr_rate(m, 0.9 * emax, nuc, ratio=3.0) / heavy == pytest.approx(1.0, abs=1e-4)


def test_nr_rate_against_direct_formula():
    """dR/dE at one point, recomputed by hand in SI-like units."""
    nuc, m, e_kev = D.NUCLEI["Ge"], 2.0, 0.5
    mn = 72.630 * 0.93149410242
    mu_n, mu_p = m * mn / (m + mn), m * MP / (m + MP)
    vmin_kms = math.sqrt(mn * e_kev * 1e-6 / (2 * mu_n**2)) * 299792.458
    q = math.sqrt(2 * mn * e_kev * 1e-6)
    ff2 = D.helm_form_factor(q, 73) ** 2
    # rho/m [cm^-3] * sigma_p [cm^2] * Z^2 * mN/(2 mu_p^2) [GeV^-1] * eta [s/km] * c^2 ...
    rho = 0.3  # GeV/cm^3
    sigma = 1e-40
    eta_s_cm = float(D.eta(vmin_kms)) / 1e5  # s/cm
    c_cm = 2.99792458e10
    # dR/dE per nucleus = (rho/m) * (mN c^2 sigma_N(0) F^2/(2 mu_N^2 c^2 ...)): natural form
    per_nucleus_per_gev = (rho / m) * sigma * 32**2 * (mu_n / mu_p) ** 2 * mn / (2 * mu_n**2)
    per_nucleus_per_gev *= ff2 * eta_s_cm * c_cm**2  # [1/(s GeV)]
    nuclei_per_kg = 1000 * 6.02214076e23 / 72.630
    expect = per_nucleus_per_gev * nuclei_per_kg * 86400 * 1e-6  # per kg day keV
    assert D.nr_rate(m, e_kev, nuc, sigma) == pytest.approx(expect, rel=2e-3)


def test_cawo4_mass_fractions():
    fr = {n.symbol: f for n, f in D.CAWO4}
    assert fr["O"] == pytest.approx(0.2223, abs=2e-4)
    assert fr["Ca"] == pytest.approx(0.1392, abs=2e-4)
    assert fr["W"] == pytest.approx(0.6385, abs=2e-4)
    assert sum(fr.values()) == pytest.approx(1.0)


def test_cresst_counts_and_intervals():
    """The interval machinery: counts of every interval are differences of the cumulative
    counts, and the empty [1, 16] keV interval of CRESST-III gives N_90 = 2.30."""
    e = D.CRESST_III
    i, j = e.intervals()
    n = e.cumulative[j] - e.cumulative[i]
    assert len(n) == len(e.edges) * (len(e.edges) + 1) // 2
    assert n.max() == 441 and n.min() == 0
    assert e.n90().min() == pytest.approx(2.302585, rel=1e-6)
    # limits exist where kinematics allows and vanish below
    assert np.isnan(D.nr_sigma_limit(e, [0.05])[0])
    assert np.isfinite(D.nr_sigma_limit(e, [0.3])[0])


# -- electron recoils -----------------------------------------------------------------------
def test_structure_factor_sum_rules():
    """f-sum rule int w S dw / 2 pi = n_e q^2 / 2 m_e (kept by the Levine-Louie gap), and,
    for the gapless gas at q > 2 k_F, the static structure factor int S dw / 2 pi = n_e."""
    si = D.SILICON
    for q in (2e-6, 5e-6, 12e-6):
        w = np.linspace(0, 2e-6, 400001)
        s = D.structure_factor(q, w, si)
        assert np.trapezoid(w * s, w) / (2 * np.pi) == pytest.approx(
            si.n_e * q * q / (2 * ME), rel=2e-3
        )
    gapless = D.Crystal("gas", si.density_g_cm3, si.atom_u, 4, 0.0, 3.8)
    q = 3 * gapless.k_f
    w = np.linspace(0, 2e-6, 400001)
    s0 = np.trapezoid(D.structure_factor(q, w, gapless), w) / (2 * np.pi)
    assert s0 == pytest.approx(gapless.n_e, rel=1e-3)
    assert si.k_f * 1e9 == pytest.approx(3570, rel=0.01)  # eV


def test_er_rates_and_limits():
    m = np.geomspace(5e-4, 1.0, 30)
    r = D.er_rate_bins(m, [1, 2, 3, 4])
    assert r.shape == (4, 30) and np.all(r >= 0)
    # bin n opens where 1/2 m v_max^2 exceeds its lower edge
    wmax_ev = 0.5 * m * D.V_MAX_C**2 * 1e9
    for n in range(1, 5):
        lo = 1.2 + (n - 1) * 3.8
        assert np.all(r[n - 1][wmax_ev < lo] == 0) and np.all(r[n - 1][wmax_ev > lo + 0.5] > 0)
    s_sensei = D.er_sigma_limit(D.SENSEI, m)
    s_damic = D.er_sigma_limit(D.DAMIC_M, m)
    ok = np.isfinite(s_damic)
    assert np.all(s_damic[ok] < s_sensei[ok])  # 1 kg yr, no background
    # total rate in the 1-4 e bins stays below the free-electron n_e sigma <v> x (all 14 e)
    n_chi = 0.3 / m  # cm^-3
    v_mean = 1 / float(D.eta(0.0)) * 1e5  # ~ cm/s (1/<1/v> <= <v>)
    bound = n_chi * 1e-37 * 2 * v_mean * 14 * 6.022e23 / 28.0855 * 1000 * 86400
    assert np.all(r.sum(axis=0) * 1e-37 < bound)


# -- curves ----------------------------------------------------------------------------------
CURVES = (
    (D.cresst3_curve, "limit"),
    (D.cresst2_curve, "limit"),
    (D.supercdms_snolab_curve, "projection"),
    (D.sensei_curve, "limit"),
    (D.damic_m_curve, "projection"),
)


@pytest.mark.parametrize("fn,kind", CURVES)
def test_curves(fn, kind):
    masses = np.geomspace(1e-3, 1.0, 40)
    c = fn(SCALAR, masses)
    assert isinstance(c, Curve) and c.kind == kind and c.quantity == "y"
    assert len(c) > 0 and np.all(np.isinf(c.high)) and np.all(c.low > 0)
    assert set(c.mass) <= set(masses) and len(c) <= len(masses)
    assert c.method and c.references and c.model == "ldm-scalar"
    for other in ("ldm-majorana", "ldm-pseudo-dirac", "dark-photon-invisible"):
        with pytest.raises(FipkitInputError, match="scalar"):
            fn(get_model(other), masses)


def test_curves_drop_insensitive_masses_and_follow_ratio():
    c = D.cresst3_curve(SCALAR, [0.01, 0.05, 0.5, 1.0])
    assert list(c.mass) == [0.5, 1.0]
    e = D.sensei_curve(SCALAR, [1e-4, 0.01])
    assert list(e.mass) == [0.01]
    # y at fixed sigma_e depends on r only through (alpha m_e)^2 / m_A'^2: tiny
    r4 = D.sensei_curve(get_model("ldm-scalar", ratio=4.0), [0.01])
    assert r4.low[0] == pytest.approx(e.low[0], rel=1e-6)
    with pytest.raises(FipkitInputError):
        D.cresst3_curve(SCALAR, [0.5, -1.0])
    with pytest.raises(FipkitInputError):
        D.supercdms_snolab_curve(SCALAR, [1.0], detectors=("Xe TPC",))


# -- user-supplied curves --------------------------------------------------------------------
def test_sigma_file_csv_and_yaml(tmp_path):
    p = tmp_path / "dme.csv"
    p.write_text("mass_GeV,sigma_e_cm2\n0.01,1e-38\n0.1,1e-39\n")
    c = D.sigma_file_curve(p, SCALAR)
    assert c.low == pytest.approx(D.y_from_sigma_e([0.01, 0.1], [1e-38, 1e-39]))
    assert c.experiment == "dme" and c.kind == "limit" and np.all(np.isinf(c.high))
    q = tmp_path / "nucleon.csv"
    q.write_text("mass_GeV,sigma_p_cm2\n0.5,1e-36\n1,1e-38\n")
    c = D.sigma_file_curve(q, SCALAR, target="W", kind="projection")
    assert c.low == pytest.approx(
        D.y_from_sigma_p([0.5, 1.0], np.array([1e-36, 1e-38]) * (184 / 74) ** 2)
    )
    y = tmp_path / "t.yaml"
    y.write_text(
        "independent_variables:\n"
        "- header: {name: M, units: MeV}\n"
        "  values: [{value: 10}, {value: 100}]\n"
        "dependent_variables:\n"
        "- header: {name: DM-electron cross section, units: cm2}\n"
        "  values: [{value: 1.0e-38}, {value: 2.0e-39}]\n"
    )
    m, s, kind = D.read_sigma_file(y)
    assert (
        kind == "electron"
        and m == pytest.approx([0.01, 0.1])
        and s == pytest.approx([1e-38, 2e-39])
    )


@pytest.mark.parametrize(
    "name,text,match",
    [
        ("a.csv", "mass,coupling\n1,2\n", "header must be"),
        ("b.csv", "mass_GeV,sigma_e_cm2\n0.1,abc\n", "line 2: not a number"),
        (
            "c.csv",
            "mass_GeV,sigma_e_cm2\n0.1,-1e-38\n",
            "line 2: mass and cross section must be > 0",
        ),
        ("d.csv", "mass_GeV,sigma_e_cm2\n0.1,1e-38\n0.05,1e-38\n", "line 3: masses must increase"),
        ("e.csv", "mass_GeV,sigma_p_cm2\n", "no data rows"),
        ("f.csv", "mass_GeV,sigma_p_cm2\n1,2,3\n", "expected 2 columns"),
        ("g.csv", "", "is empty"),
        ("h.yaml", "a: [1, 2\n", "not valid YAML"),
        ("i.yaml", "foo: 1\n", "not a HEPData table"),
        (
            "j.yaml",
            "independent_variables: [{header: {name: M}, values: [{value: 1}]}]\n"
            "dependent_variables: [{header: {name: x}, values: [{value: 1}]}, "
            "{header: {name: y}, values: [{value: 1}]}]\n",
            "exactly one dependent",
        ),
        (
            "k.yaml",
            "independent_variables: [{header: {name: M}, values: [{value: 1}]}]\n"
            "dependent_variables: [{header: {name: limit}, values: [{value: 1e-40}]}]\n",
            "cannot tell electron from proton",
        ),
        ("l.txt", "mass_GeV,sigma_e_cm2\n1,1\n", "use a .csv"),
    ],
)
def test_sigma_file_errors(tmp_path, name, text, match):
    p = tmp_path / name
    p.write_text(text)
    with pytest.raises(FipkitInputError, match=match) as exc:
        D.sigma_file_curve(p, SCALAR)
    assert "\n" not in str(exc.value)


def test_sigma_file_missing_and_binary(tmp_path):
    with pytest.raises(FipkitInputError, match="cannot read"):
        D.read_sigma_file(tmp_path / "nope.csv")
    b = tmp_path / "bin.csv"
    b.write_bytes(b"\x00\x01")
    with pytest.raises(FipkitInputError, match="binary"):
        D.read_sigma_file(b)


# -- reference curves (tests only read them) -------------------------------------------------
def _read_ref(name):
    d = np.loadtxt(ref_path(name), delimiter=",", skiprows=1)
    return d[:, 0], d[:, 1]


def _dlog(curve, mr, yr, m_max=np.inf):
    """log10(ours / reference) along the lower edge at the reference masses where both exist
    (our curve is computed on the reference masses themselves)."""
    m, y = curve.lower_edge()
    sel = np.isin(mr, m) & (mr <= m_max)
    return mr[sel], np.log10(y[np.searchsorted(m, mr[sel])] / yr[sel])


@pytest.mark.reference
def test_cresst3_against_espp_reference():
    """ESPP BC2 CRESST-III-NR (alpha_D = 0.1, m_A' = 3 m_chi). Measured here: the dark-photon
    curve (sigma_N ~ Z^2) sits above the reference by a median 0.52 dex (max 1.00) over
    0.17-9.6 GeV. The reference was made (ESPP2026-PPG/Quasi-elastic-DM,
    data/DD_reinterpretation.ipynb) by converting CRESST's published isoscalar per-nucleon
    limit with y = sigma m_chi^4/(16 pi alpha mu_p^2), i.e. with A^2 coherence; for the dark
    photon the limit on sigma_p is weaker by (A/Z)^2 = 4 (O, Ca; 0.60 dex) to 6.2 (W; 0.79
    dex). With the same A^2 convention (``nucleon_coupling="isoscalar"``) the module agrees
    with the reference to a median 0.14 dex (max 0.40, at the 0.17 GeV threshold edge);
    there it is slightly stronger in the middle (no Yellin interval-choice correction).
    Tolerances below are set at the measured values plus a margin."""
    mr, yr = _read_ref("fig1_ldm/ESPP-QEDM__Constraints_BC2_CRESST-III-NR.csv")
    m, d = _dlog(D.cresst3_curve(SCALAR, mr), mr, yr)
    assert len(m) == len(mr)  # sensitive at every reference mass
    assert np.median(np.abs(d)) < 0.6 and np.abs(d).max() < 1.1
    assert np.all(d > 0.2)  # the Z^2 physics is weaker than the A^2 reference everywhere
    y_iso = D.nr_y_limit(D.CRESST_III, mr, SCALAR.ratio, nucleon_coupling="isoscalar")
    d_iso = np.log10(y_iso / yr)
    assert np.median(np.abs(d_iso)) <= 0.2
    assert np.abs(d_iso).max() < 0.45


@pytest.mark.reference
def test_supercdms_snolab_against_espp_reference():
    """ESPP BC2 SuperCDMS SNOLAB sensitivity (0.73-954 GeV). Measured here: the default curve
    (Ge/Si HV + iZIP, background-free, Z^2) is below (stronger than) the reference by a
    median 0.86 dex (max 2.0) for m <= 10 GeV, median 0.58 over the whole range. Why: the
    reference is a converted isoscalar curve (A^2, as for CRESST) and, judging from its low
    end at 0.73 GeV (the Si iZIP's 166 eV threshold reaches 0.58 GeV; the HV detectors would
    reach 0.4 GeV) and from its 1.2e-42 cm^2 at 1 GeV (the paper's abstract quotes ~1e-43 cm^2
    with the HV detectors), it is the iZIP sensitivity with backgrounds. The
    background-free HV estimate is far below it (HV has no electron-recoil discrimination).
    Like for like -- the Si iZIP alone, A^2 convention -- agrees to a median 0.17 dex (max
    0.66) over 0.73-4.8 GeV; above ~5 GeV the paper's Ge iZIP is limited by 8B-neutrino and
    other backgrounds that this zero-background estimate leaves out. Tolerances are set at
    the measured values plus a margin."""
    mr, yr = _read_ref("fig1_ldm/ESPP-QEDM__Sensitivities_BC2_SuperCDMS_SNOLAB.csv")
    m, d = _dlog(D.supercdms_snolab_curve(SCALAR, mr), mr, yr, m_max=10.0)
    assert len(m) == np.sum(mr <= 10)
    assert np.median(np.abs(d)) < 1.0 and np.abs(d).max() < 2.1
    assert np.all(d < 0.05)  # background-free: never weaker than the reference below 10 GeV
    si = D.SUPERCDMS_SNOLAB[3]
    sel = mr <= 5.0
    y_si = D.nr_y_limit(si, mr[sel], SCALAR.ratio, nucleon_coupling="isoscalar")
    d_si = np.log10(y_si / yr[sel])
    assert np.all(np.isfinite(d_si))
    assert np.median(np.abs(d_si)) <= 0.2
    assert np.abs(d_si).max() < 0.7


def test_speed():
    """Vectorised: 200 masses for every curve well within the test budget."""
    import time

    masses = np.geomspace(1e-3, 10.0, 200)
    t = time.perf_counter()
    for fn, _ in CURVES:
        fn(SCALAR, masses)
    assert time.perf_counter() - t < 5.0
