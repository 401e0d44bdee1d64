"""Light dark matter through an invisible dark photon: models, dark-bremsstrahlung yields,
the missing-energy and missing-momentum techniques, and their scaling laws (issue: light
dark matter, Fig. 1)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad

from fipkit import constants as C
from fipkit.errors import FipkitInputError
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.production import brem_yield as B
from fipkit.production import electron_brem as EB
from fipkit.reach import compute_reach

PB = C.MATERIALS["Pb"]
LDM = ("ldm-scalar", "ldm-majorana", "ldm-pseudo-dirac")


# -- models ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", LDM)
def test_y_and_eps(name):
    """eps^2 = y r^4 / alpha_D; m_A' = r m_chi; eps = 1 is the top of the y axis."""
    m = get_model(name, alpha_d=0.5, ratio=2.5)
    assert float(m.eps2(0.1, 1e-10)) == pytest.approx(1e-10 * 2.5**4 / 0.5)
    assert float(m.mediator_mass(0.1)) == pytest.approx(0.25)
    assert m.coupling_range[1] == pytest.approx(0.5 / 2.5**4)
    assert float(m.eps2(0.1, m.coupling_range[1])) == pytest.approx(1.0)


@pytest.mark.parametrize("name", LDM)
def test_br_invisible(name):
    """BR(A' -> chi chi) -> 1 at small eps and Gamma_dark/(Gamma_dark + Gamma_vis) at eps = 1."""
    m = get_model(name)
    masses = np.array([0.003, 0.03, 0.3])
    assert np.allclose(m.br_invisible(masses, 1e-12), 1.0, atol=1e-8)
    top = m.br_invisible(masses, m.coupling_range[1])
    M = m.mediator_mass(masses)
    vis = sum(get_model("dark-photon").partial_widths(M).values())
    from fipkit.models.ldm import width_aprime_to_dm

    dark = width_aprime_to_dm(M, masses, m.dm, m.alpha_d, m.dm_splitting)
    assert np.allclose(top, dark / (dark + vis))
    assert np.all(top < 1)


def test_parameters_checked():
    with pytest.raises(FipkitInputError, match="decays visibly"):
        get_model("ldm-scalar", ratio=2.0)
    with pytest.raises(FipkitInputError, match="2 \\+ splitting"):
        get_model("ldm-pseudo-dirac", ratio=2.05, splitting=0.1)
    with pytest.raises(FipkitInputError, match="alpha_d"):
        get_model("ldm-majorana", alpha_d=13.0)
    with pytest.raises(FipkitInputError, match="no parameter 'splitting'"):
        get_model("ldm-scalar", splitting=0.1)


def test_chi_is_stable_and_invisible_aprime_width():
    assert get_model("ldm-scalar").partial_widths(np.array([0.1])) == {}
    dp = get_model("dark-photon-invisible")
    w = dp.partial_widths(np.array([0.3]))["chi chi"]
    beta3 = (1 - 4 / 9) ** 1.5
    assert float(w[0]) == pytest.approx(0.1 * 0.3 * beta3 / 12)


# -- dark bremsstrahlung yields -------------------------------------------------------
@pytest.mark.parametrize(
    "E, m, xmin, ml", [(20, 0.1, 0.0, C.M_E), (100, 0.01, 0.5, C.M_E), (160, 0.02, 0.5, C.M_MU)]
)
def test_iww_quadrature(E, m, xmin, ml):
    """The IWW x integral equals a direct quadrature of electron_brem.dsigma_dx."""
    lo, hi = max(xmin, m / E), 1 - ml / E
    ref = quad(
        lambda x: EB.dsigma_dx(x, E, m, PB["Z"], PB["A"], ml), lo, hi, limit=400, epsrel=1e-10
    )[0]
    assert float(B.sigma_above_iww(E, m, xmin, PB["Z"], PB["A"], ml)) == pytest.approx(ref, 1e-6)


def test_iww_checkpoint():
    """W, E0 = 20 GeV, m = 0.1 GeV, x from m/E0 to 1 - m_e/E0: 25.4 GeV^-2 (physics notes,
    vector_and_alp.md Sec. 1.6, an independent integration)."""
    W = C.MATERIALS["W"]
    assert float(B.sigma_above_iww(20.0, 0.1, 0.0, W["Z"], W["A"])) == pytest.approx(25.4, 0.01)


def test_ww_vs_iww():
    """With the minimal momentum transfer of each (x, theta) the WW cross section is the IWW
    one to 15% for a light A' and falls below it for a heavy one (the x -> 1 region, where
    the IWW's t_min = (m^2/2E)^2 is too small: Liu, McKeen, Miller arXiv:1609.06781)."""
    m = np.array([0.002, 0.01, 0.1, 0.77])
    r = B.sigma_above(100.0, m, 0.5, PB["Z"], PB["A"]) / B.sigma_above_iww(
        100.0, m, 0.5, PB["Z"], PB["A"]
    )
    assert np.all(np.abs(r[:2] - 1) < 0.15)
    assert r[3] < r[2] < 0.9
    assert r[3] == pytest.approx(0.587, abs=0.02)


def test_thick_target_matches_monte_carlo():
    """The thick-target quadrature equals the Monte Carlo of electron_brem (primary
    electron) for a light A', where the MC's x range (to x -> 1) and the kinematic end
    1 - m_e/E agree; IWW for both."""
    m = 0.01
    E0, depth, emiss = 100.0, 40.0, 50.0
    old = EB.SHOWER
    EB.SHOWER = "primary"
    try:
        s = EB.electron_dump_sample(E0, "Pb", m, np.random.default_rng(3), 400_000, depth)
    finally:
        EB.SHOWER = old
    e = np.sqrt((s.p**2).sum(1) + m * m)
    mc = s.weight[e > emiss].sum()
    # the same integral with the IWW cross section, primary electron only
    sig, pos, keep = B.sigma_above, B.positron_track_length, B._THICK.copy()
    try:
        B.sigma_above = lambda E, mm, xm, Z, A, ml=C.M_E: B.sigma_above_iww(E, mm, xm, Z, A, ml)
        B.positron_track_length = lambda E0, E, depth: np.zeros_like(E)
        B._THICK.clear()
        quadrature = float(B.thick_target_yield(E0, [m], "Pb", depth, emiss)[0])
    finally:
        B.sigma_above, B.positron_track_length = sig, pos
        B._THICK.clear()
        B._THICK.update(keep)
    assert quadrature == pytest.approx(mc, rel=0.02)


def test_shower_positrons():
    """First-generation shower: the photons of the primary carry ~E0 (complete screening
    with Tsai's track length: 8% over, the b = 4/3 of Tsai's I_e against the unit
    normalisation of phi), the positrons half of it; T+ falls towards E0."""
    from fipkit.production import shower_positrons as S

    k = np.geomspace(0.01, 99.9, 3000)
    e_gamma = np.trapezoid(k * S.photon_spectrum(100.0, k, 40.0), k)
    assert 95 < e_gamma < 112
    e = np.geomspace(0.01, 99.9, 1500)
    e_pos = np.trapezoid(e * S.positron_source(100.0, e, 40.0), e)
    assert e_pos == pytest.approx(e_gamma / 2, rel=0.03)
    t = S.positron_track_length(100.0, np.array([30.0, 50.0, 70.0, 90.0]))
    assert np.all(np.diff(t) < 0) and t[0] < 0.437 * 100 / 30**2  # below Rossi's approx. B


def test_annihilation_window():
    """Resonant e+ e- -> A' needs E_R = m^2/2m_e between the cut and E0."""
    from fipkit.production.shower_positrons import annihilation_yield

    lo, hi = np.sqrt(2 * C.M_E * 50.0), np.sqrt(2 * C.M_E * 100.0)
    y = annihilation_yield(
        100.0, np.array([0.9 * lo, 1.05 * lo, 0.95 * hi, 1.1 * hi]), "Pb", 40, 50
    )
    assert y[0] == 0 and y[3] == 0 and y[1] > y[2] > 0


def test_thin_target_scaling():
    """Thin target: yield ∝ thickness; zero above the kinematic limit."""
    y1 = B.thin_target_yield(8.0, [0.01, 0.1], "W", 0.1, 0.7)
    y2 = B.thin_target_yield(8.0, [0.01, 0.1], "W", 0.2, 0.7)
    assert np.allclose(y2, 2 * y1)
    assert float(B.thin_target_yield(8.0, [8.5], "W", 0.1, 0.7)[0]) == 0.0


# -- techniques and scaling laws ------------------------------------------------------
MASSES = np.logspace(-3, -0.5, 9)


@pytest.mark.parametrize("search", ["NA64e-2019", "LDMX-SLAC-8GeV", "NA64mu-2022"])
def test_eps_limit_independent_of_alpha_d(search):
    """Missing energy / momentum: the eps limit does not depend on alpha_D (BR ~ 1), so the
    y limit is linear in alpha_D."""
    a, b = get_model("ldm-scalar", alpha_d=0.1), get_model("ldm-scalar", alpha_d=0.5)
    ca = compute_reach(a, get_experiment(search, model=a), MASSES)
    cb = compute_reach(b, get_experiment(search, model=b), MASSES)
    assert np.allclose(ca.mass, cb.mass)
    assert np.allclose(cb.low / ca.low, 5.0, rtol=0.03)


def test_views_agree():
    """The (m_A', eps) view and the y view of the same search are the same limit."""
    s = get_model("ldm-scalar")
    d = get_model("dark-photon-invisible")
    cy = compute_reach(s, get_experiment("NA64e-2019", model=s), MASSES)
    ce = compute_reach(d, get_experiment("NA64e-2019", model=d), 3 * cy.mass)
    eps_from_y = np.sqrt(cy.low * 3**4 / 0.1)
    assert np.allclose(ce.low, eps_from_y, rtol=0.03)


def test_exposure_scaling():
    """Background-free: the y limit scales as 1/exposure (2.84e11 -> 9.37e11 EOT)."""
    m = get_model("ldm-scalar")
    c1 = compute_reach(m, get_experiment("NA64e-2019", model=m), MASSES)
    c2 = compute_reach(m, get_experiment("NA64e-2022", model=m), MASSES)
    assert np.allclose(c1.low / c2.low, 9.37 / 2.84, rtol=0.03)


def test_wrong_model_is_refused():
    with pytest.raises(FipkitInputError, match="does not search for dark-photon"):
        from fipkit.reach import check_pair

        check_pair(get_model("dark-photon"), get_experiment("NA64e-2019"))


@pytest.mark.parametrize("material", ["Pb", "W", "Al"])
def test_massless_limit_is_the_radiation_length(material):
    """As m_A' -> 0 the dark-bremsstrahlung energy loss of an electron, N_A/A int x
    dsigma/dx dx, is 1/X0 (PDG radiation lengths in fipkit.constants): WW within 4%."""
    mat = C.MATERIALS[material]
    x = np.linspace(0.0005, 0.9995, 600)
    s = B.sigma_above(100.0, np.array([1e-5]), x[:, None], mat["Z"], mat["A"])[:, 0]
    b = C.N_AVOGADRO / mat["A"] * np.trapezoid(x * -np.gradient(s, x), x) * C.GEV2_TO_CM2
    assert b * mat["X0"] == pytest.approx(1.0, abs=0.04)


def test_massless_muon_bremsstrahlung():
    """Muons on lead, m_A' -> 0: b_brems = (N_A/A) 4 alpha Z^2 r_e^2 (m_e/m_mu)^2 Phi with
    Kelner-Kokoulin-Petrukhin's no-screening Phi = ln(B Z^-1/3 m_mu / (D_n m_e)), B = 183,
    D_n = 1.54 A^0.27, at small energy transfer (as summarised by Groom, Mokhov, Striganov,
    At. Data Nucl. Data Tables 78 (2001) 183): 7.6e-6 cm^2/g. fipkit within 10%."""
    Z, A = 82, 207.2
    phi = np.log(183 * Z ** (-1 / 3) * C.M_MU / (1.54 * A**0.27 * C.M_E))
    r_e2 = (C.ALPHA_EM / C.M_E) ** 2 * C.GEV2_TO_CM2
    kkp = C.N_AVOGADRO / A * 4 * C.ALPHA_EM * Z**2 * r_e2 * (C.M_E / C.M_MU) ** 2 * phi
    x = np.linspace(0.0005, 0.9995, 600)
    s = B.sigma_above(160.0, np.array([1e-5]), x[:, None], Z, A, C.M_MU)[:, 0]
    b = C.N_AVOGADRO / A * np.trapezoid(x * -np.gradient(s, x), x) * C.GEV2_TO_CM2
    assert b == pytest.approx(kkp, rel=0.10)


def test_kfactor_table_is_current():
    """The shipped ETL/WW table equals a fresh ETL computation at one node (NA64e, 0.108
    GeV), and lies in (0, 1.1) everywhere (the ETL is below WW except for light A')."""
    from fipkit.production import brem_kfactor as K
    from fipkit.production.brem_exact import sigma_exact_above

    m = float(K.MASS_NODES[6])
    k = float(K.kfactor(100.0, m, "Pb", 0.5, "e"))
    fresh = sigma_exact_above(100.0, m, 0.5, PB["Z"], PB["A"]) / float(
        B.sigma_above(100.0, m, 0.5, PB["Z"], PB["A"])[0]
    )
    assert k == pytest.approx(fresh, rel=2e-3)
    for setup in K.SETUPS:
        t = K.table(*setup)
        assert np.all((t > 0) & (t < 1.1)), setup
