"""HNL production BRs (fipkit.models.hnl_production) against the physics notes, PDG
data and limits that a wrong formula cannot meet.

Sources: "the note" = /work/shared/physics/scalar_and_hnl.md Sec. 3.4 and item 11 of
Sec. 5 ([CALC]: the note's own evaluation with its CKM |V_cs| = 0.997, |V_cd| = 0.218,
|V_ub| = 3.94e-3, |V_cb| = 42.2e-3 and lifetimes tau(D+) = 1.040 ps, tau(Ds) = 0.504 ps,
tau(B+) = 1.638 ps, tau(Bc) = 0.51 ps; [TAB]: SensCalc production tables). PDG = R.L.
Workman et al., PTEP 2022 083C01 (and 2024 update). fipkit is tree level (no S_EW, no
delta_EM), so the SM limits sit a few per cent below data for K and D decays.
"""

import numpy as np
import pytest
from scipy.integrate import quad

from fipkit import constants as C
from fipkit.models import hnl_production as hp

GF = C.G_FERMI
LEPTONS = ("e", "mu", "tau")


def _tau_s(pdg):
    return C.ctau(pdg) / C.C_LIGHT


# ------------------------------------------------------------------ note checkpoints
# (parent, flavour, {m_N: (CALC, TAB)}, (|V| of the note, |V| here), tau of the note)
CHECKPOINTS = [
    ("Ds+", "e", {0.1: (5.00e-3, 4.74e-3), 0.5: (0.110, 0.104), 1.0: (0.277, 0.263),
                  1.5: (0.199, 0.189)}, (0.997, hp.V_CS), 5.04e-13),
    ("Ds+", "mu", {0.1: (1.06e-2, 1.00e-2), 0.5: (0.116, 0.110), 1.0: (0.281, 0.267),
                   1.5: (0.199, 0.189)}, (0.997, hp.V_CS), 5.04e-13),
    ("Ds+", "tau", {0.0: (5.44e-2, 5.23e-2), 0.1: (4.84e-2, 4.67e-2)}, (0.997, hp.V_CS),
     5.04e-13),
    ("D+", "e", {0.1: (3.40e-4, 3.63e-4), 0.5: (7.36e-3, 7.86e-3), 1.0: (1.74e-2, 1.86e-2),
                 1.5: (9.76e-3, 1.04e-2)}, (0.218, hp.V_CD), 1.040e-12),
    ("B+", "e", {0.1: (3.86e-7, 4.19e-7), 0.5: (9.48e-6, 1.03e-5), 1.0: (3.59e-5, 3.90e-5),
                 1.5: (7.34e-5, 7.98e-5)}, (3.94e-3, hp.V_UB), 1.638e-12),
    ("Bc+", "e", {0.1: (8.82e-5, 9.19e-5), 0.5: (2.18e-3, 2.27e-3), 1.0: (8.39e-3, 8.74e-3),
                  1.5: (1.77e-2, 1.84e-2)}, (42.2e-3, hp.V_CB), 0.51e-12),
]  # fmt: skip


@pytest.mark.parametrize("parent, flavour, points, ckm, tau_note", CHECKPOINTS)
def test_leptonic_checkpoint_table(parent, flavour, points, ckm, tau_note):
    """The note's P -> l N table (Sec. 3.4 a). Rescaled to the note's CKM and lifetime
    the [CALC] values are met to 1.5% (measured <= 0.6%; masses differ slightly). The
    [TAB] (SensCalc) values use other inputs: within 15% (measured: Ds <= 1.4%, D+ 4.5%
    low, B+ 13.6% and Bc 10.3% low: the |V_ub|, |V_cb| choices)."""
    m = np.array(list(points))
    br = hp.br_leptonic(parent, flavour, m)
    rescale = (ckm[0] / ckm[1]) ** 2 * tau_note / _tau_s(hp.LEPTONIC[parent][0])
    calc, tab = np.array(list(points.values())).T
    np.testing.assert_allclose(br * rescale, calc, rtol=0.015)
    np.testing.assert_allclose(br, tab, rtol=0.15)


def test_note_item_11():
    """Sec. 5 item 11: BR(Ds -> mu N)/U_mu^2 = 0.27-0.28 at 1 GeV (measured 0.2675: the
    note's 0.281 with |V_cs| = 0.997 becomes 0.267 with 0.975, SensCalc 0.267);
    BR(tau -> pi N)/U_tau^2 = 0.0332 at 1 GeV; BR(Ds -> tau N)/U_tau^2 -> 0.052-0.054
    for m_N -> 0 (measured 0.0517, SensCalc 0.0523)."""
    assert 0.265 < hp.br_leptonic("Ds+", "mu", 1.0) < 0.285
    assert hp.br_leptonic("Ds+", "mu", 1.0) == pytest.approx(0.267, rel=0.01)
    assert hp.br_tau("tau->piN", "tau", 1.0) == pytest.approx(0.0332, rel=0.005)
    assert hp.br_leptonic("Ds+", "tau", 1e-6) == pytest.approx(0.0523, rel=0.02)


def test_tau_to_pi_n_table():
    """Note Sec. 3.4 b: BR(tau -> pi N)/U_tau^2 = 0.1064, 0.0828, 0.0332, 1.92e-3 at
    m_N = 0, 0.5, 1.0, 1.5 GeV [CALC] (SensCalc: 0.1063, 0.0827, 0.0332, 1.92e-3)."""
    br = hp.br_tau("tau->piN", "tau", [0.0, 0.5, 1.0, 1.5])
    np.testing.assert_allclose(br, [0.1064, 0.0828, 0.0332, 1.92e-3], rtol=0.005)


# ------------------------------------------------------------------ SM limits m_N -> 0
def test_pi_to_e_helicity_suppressed_by_hand():
    """BR(pi -> e N) at m_N = 0 is the SM BR(pi -> e nu): by hand,
    G_F^2 f_pi^2 |V_ud|^2 m_pi m_e^2 (1 - m_e^2/m_pi^2)^2/(8 pi) tau_pi/hbar; PDG
    BR(pi -> e nu) = 1.230e-4 (measured 1.254e-4, +2%: no radiative correction).
    The suppression is lifted at m_N = 0.1 GeV: BR/U^2 = 1.14 (Gamma ~ Gamma(pi -> mu nu))."""
    by_hand = (
        GF**2 * hp.F_PI**2 * hp.V_UD**2 * C.M_PI * C.M_E**2 * (1 - C.M_E**2 / C.M_PI**2) ** 2
        / (8 * np.pi) / C.HBAR_GEV_S * _tau_s(211)
    )  # fmt: skip
    assert hp.br_leptonic("pi+", "e", 0.0) == pytest.approx(by_hand, rel=1e-9)
    assert by_hand == pytest.approx(1.230e-4, rel=0.03)
    assert hp.br_leptonic("pi+", "mu", 0.0) == pytest.approx(0.99988, rel=0.03)
    assert hp.br_leptonic("pi+", "e", 0.1) / hp.br_leptonic("pi+", "e", 0.0) > 5e3


@pytest.mark.parametrize(
    "parent, flavour, pdg, rel",
    [
        ("K+", "e", 1.582e-5, 0.02),  # measured +1.1%
        ("K+", "mu", 0.6356, 0.03),  # -2.1%
        ("D+", "mu", 3.74e-4, 0.05),  # +3.5%
        ("Ds+", "mu", 5.43e-3, 0.03),  # -2.2%
        ("Ds+", "tau", 5.32e-2, 0.04),  # -2.8%
    ],
)
def test_leptonic_sm_limit(parent, flavour, pdg, rel):
    """m_N -> 0: BR(P -> l N)/U^2 -> BR(P -> l nu)_SM, PDG values (2022)."""
    assert hp.br_leptonic(parent, flavour, 0.0) == pytest.approx(pdg, rel=rel)


def test_k_to_e_n_by_hand():
    """K -> e N at m_N = 0.3 GeV by hand from the two-body formula (y = mass/m_K)."""
    yn, yl = (0.3 / C.M_K) ** 2, (C.M_E / C.M_K) ** 2
    lam = (1 - yn - yl) ** 2 - 4 * yn * yl
    g = GF**2 * hp.F_K**2 * hp.V_US**2 * C.M_K**3 / (8 * np.pi) * (yn + yl - (yn - yl) ** 2)
    br = g * np.sqrt(lam) * _tau_s(321) / C.HBAR_GEV_S
    assert hp.br_leptonic("K+", "e", 0.3) == pytest.approx(br, rel=1e-9)


def test_ds_to_tau_nu():
    """SM BR(Ds -> tau nu) from f_Ds = 249 MeV: 5.17% vs PDG 5.32% (-2.8%)."""
    assert hp.br_ds_to_tau_nu() == pytest.approx(0.0532, rel=0.04)


# channel: (PDG BR(P -> H e nu), tolerance, measured ratio here / PDG)
SEMILEPTONIC_SM = {
    "K+->pi0": (0.0507, 0.10, 0.923),  # tree level: no S_EW = 1.023, delta_SU2 = 2.9%
    "KL->pi+": (0.4055, 0.05, 0.965),  # both charges
    "D0->K-": (0.03549, 0.08, 0.937),
    "D+->K0bar": (0.0872, 0.05, 0.968),
    "D0->K*-": (0.0215, 0.15, 1.111),  # Melikhov-Stech form factors
    "D+->K*0bar": (0.0540, 0.15, 1.122),
    "B+->D0bar": (0.0235, 0.08, 1.045),  # CLN, G(1) = 1.054
    "B0->D-": (0.0224, 0.08, 1.011),
    "B+->D*0bar": (0.0558, 0.20, 1.137),  # Melikhov-Stech, |V_cb| = 40.8e-3
    "B0->D*-": (0.0497, 0.20, 1.173),
    "Bs->Ds-": (0.0231, 0.10, 1.038),
    "Bs->Ds*-": (0.052, 0.15, 1.100),
}


@pytest.mark.parametrize("channel", SEMILEPTONIC_SM)
def test_semileptonic_sm_limit(channel):
    """m_N -> 0: BR(P -> H e N)/U_e^2 = SM BR(P -> H e nu) within the form-factor
    accuracy (PDG 2022 BRs; the measured ratio is pinned to 1% so a change shows)."""
    pdg, tol, ratio = SEMILEPTONIC_SM[channel]
    br = float(hp.br_semileptonic(channel, "e", 0.0))
    assert br == pytest.approx(pdg, rel=tol)
    assert br / pdg == pytest.approx(ratio, rel=0.01)


def test_kl_mu_and_k_mu():
    """PDG BR(K_L -> pi mu nu) = 27.04% (measured -4.5%), BR(K+ -> pi0 mu nu) = 3.352%
    (-7.8%, as for e)."""
    assert hp.br_semileptonic("KL->pi+", "mu", 0.0) == pytest.approx(0.2704, rel=0.06)
    assert hp.br_semileptonic("K+->pi0", "mu", 0.0) == pytest.approx(0.03352, rel=0.10)


def test_massive_lepton_textbook_form():
    """At m_N = 0 with a muon, dGamma/dq2 of P -> P' mu nu is the textbook
    G_F^2|V|^2 p/(24 pi^3)(1 - m^2/q2)^2 [(1 + m^2/(2 q2)) p^2 f_+^2
    + 3 m^2 (M^2 - m_P'^2)^2 f_0^2/(8 q2 M^2)] (e.g. Korner & Schuler 1990)."""
    ch = hp.SEMILEPTONIC["D0->K-"]
    M, mh, ml = ch.parent_mass, ch.hadron_mass, C.M_MU
    q2 = np.linspace(ml**2 * 1.01, (M - mh) ** 2 * 0.99, 50)
    fp, f0 = ch.form_factors(q2)
    p = np.sqrt((M**2 - (mh + np.sqrt(q2)) ** 2) * (M**2 - (mh - np.sqrt(q2)) ** 2)) / (2 * M)
    r = ml**2 / q2
    rate = (
        GF**2 * ch.ckm**2 * p / (24 * np.pi**3) * (1 - r) ** 2
        * ((1 + r / 2) * p**2 * fp**2 + 3 * ml**2 * (M**2 - mh**2) ** 2 * f0**2 / (8 * q2 * M**2))
    )  # fmt: skip
    expect = rate * _tau_s(421) / C.HBAR_GEV_S
    np.testing.assert_allclose(hp.dbr_dq2("D0->K-", "mu", 0.0, q2), expect, rtol=1e-10)


@pytest.mark.parametrize("channel", ["D0->K-", "B0->D*-", "D+->K*0bar"])
def test_lepton_tensor_symmetric_in_masses(channel):
    """The angle-integrated V-A lepton tensor depends on m_l and m_N symmetrically."""
    ch = hp.SEMILEPTONIC[channel]
    q2 = np.linspace(0.5**2 * 1.001, (ch.parent_mass - ch.hadron_mass) ** 2 * 0.999, 30)
    a = hp._dgamma_dq2(ch, 0.35, 0.15, q2)
    b = hp._dgamma_dq2(ch, 0.15, 0.35, q2)
    np.testing.assert_allclose(a, b, rtol=1e-12)
    assert np.all(a > 0)


# ------------------------------------------------------------------ thresholds, integrals
def _open_semileptonic():
    for ch in hp.SEMILEPTONIC:
        for a in LEPTONS:
            s = hp.SEMILEPTONIC[ch]
            thr = s.parent_mass - s.hadron_mass - hp.M_LEP[a]
            if thr > 0:
                yield ch, a, thr


@pytest.mark.parametrize("channel, flavour, thr", list(_open_semileptonic()))
def test_semileptonic_threshold(channel, flavour, thr):
    """Zero at and above m_P - m_H - m_l, positive just below."""
    br = hp.br_semileptonic(channel, flavour, [thr * (1 - 1e-3), thr, thr * 1.01, 10.0])
    assert br[0] > 0
    assert np.all(br[1:] == 0)


@pytest.mark.parametrize("parent", list(hp.LEPTONIC))
@pytest.mark.parametrize("flavour", LEPTONS)
def test_leptonic_threshold(parent, flavour):
    thr = C.mass(hp.LEPTONIC[parent][0]) - hp.M_LEP[flavour]
    br = hp.br_leptonic(parent, flavour, [max(thr, 1e-3) * (1 - 1e-3), max(thr, 0), 10.0])
    assert br[0] > 0 if thr > 0 else br[0] == 0
    assert np.all(br[1:] == 0)


@pytest.mark.parametrize(
    "channel, flavour, m",
    [("K+->pi0", "e", 0.1), ("KL->pi+", "mu", 0.2), ("D0->K-", "mu", 0.9),
     ("D+->K*0bar", "e", 0.5), ("B0->D-", "tau", 1.3), ("B+->D*0bar", "mu", 2.5),
     ("Bs->Ds*-", "e", 0.0), ("Bs->Ds-", "tau", 0.2)],
)  # fmt: skip
def test_dbr_dq2_integrates_to_br(channel, flavour, m):
    ch = hp.SEMILEPTONIC[channel]
    lo, hi = (m + hp.M_LEP[flavour]) ** 2, (ch.parent_mass - ch.hadron_mass) ** 2
    f = lambda q2: float(hp.dbr_dq2(channel, flavour, m, q2))
    integral = quad(f, lo, hi, limit=200, epsabs=0)[0]
    assert integral == pytest.approx(float(hp.br_semileptonic(channel, flavour, m)), rel=1e-6)
    assert hp.dbr_dq2(channel, flavour, m, np.array([lo * 0.99, hi * 1.01])).tolist() == [0, 0]


def test_vectorised_and_shapes():
    m = np.linspace(0, 2.5, 12).reshape(3, 4)
    br = hp.br_semileptonic("B0->D*-", "mu", m)
    assert br.shape == (3, 4)
    assert br[1, 2] == pytest.approx(float(hp.br_semileptonic("B0->D*-", "mu", m[1, 2])))
    assert hp.br_tau("tau->l nu N", "tau", m).shape == (3, 4)
    assert hp.br_leptonic("Ds+", "mu", m).shape == (3, 4)


# ------------------------------------------------------------------ tau
def test_tau_three_body_sm_limit():
    """m_N = 0: tau -> nu_tau l N via U_l is the SM tau -> nu_tau l nu-bar_l (PDG 17.82%
    for e, 17.39% for mu), and so is tau -> N l nu-bar via U_tau; "tau->l nu N" adds
    e and mu. tau -> rho N -> BR(tau -> pi pi0 nu) = 25.49% (measured 25.1%)."""
    e = hp.br_tau("tau->nu_tau l N", "e", 0.0)
    mu = hp.br_tau("tau->nu_tau l N", "mu", 0.0)
    assert e == pytest.approx(0.1782, rel=0.01)
    assert mu == pytest.approx(0.1739, rel=0.01)
    assert hp.br_tau("tau->e nu N", "tau", 0.0) == pytest.approx(e, rel=1e-6)
    assert hp.br_tau("tau->l nu N", "tau", 0.0) == pytest.approx(e + mu, rel=1e-6)
    assert hp.br_tau("tau->rhoN", "tau", 0.0) == pytest.approx(0.2549, rel=0.03)
    assert hp.br_tau("tau->KN", "tau", 0.0) == pytest.approx(6.96e-3, rel=0.03)
    assert hp.br_tau("tau->nu_tau l N", "tau", 0.5) == 0
    assert hp.br_tau("tau->piN", "mu", 0.5) == 0


@pytest.mark.parametrize(
    "channel, flavour, ml",
    [("tau->nu_tau l N", "e", C.M_E), ("tau->nu_tau l N", "mu", C.M_MU),
     ("tau->e nu N", "tau", C.M_E), ("tau->mu nu N", "tau", C.M_MU)],
)  # fmt: skip
@pytest.mark.parametrize("m", [0.0, 0.4, 1.0, 1.6])
def test_tau_energy_and_q2_spectra_agree(channel, flavour, ml, m):
    """int dBR/dE_N and int dBR/dq2 (two independent formulas) equal br_tau."""
    e_max = (C.M_TAU**2 + m**2 - ml**2) / (2 * C.M_TAU)
    f_e = lambda E: float(hp.dbr_tau_dE(channel, flavour, m, E))
    i_e = quad(f_e, m, e_max, limit=200, epsabs=0)[0]
    lo = (m + ml) ** 2
    f_q = lambda q2: float(hp.dbr_tau_dq2(channel, flavour, m, q2))
    i_q = quad(f_q, lo, C.M_TAU**2, limit=200, epsabs=0)[0]
    br = float(hp.br_tau(channel, flavour, m))
    assert br > 0
    assert i_e == pytest.approx(br, rel=1e-5)
    assert i_q == pytest.approx(br, rel=1e-5)


def test_tau_energy_spectra_massless_shapes():
    """Massless limit (muon-decay spectra, x = 2E/m_tau): the N taking the place of
    nu-bar_l has dGamma/dx ~ x^2 (1 - x) (times 12), the N in place of nu_tau
    x^2 (3 - 2x) (times 2), each normalised to the full rate."""
    x = np.linspace(0.05, 0.95, 7)
    E = x * C.M_TAU / 2
    d1 = hp.dbr_tau_dE("tau->nu_tau l N", "e", 0.0, E) * C.M_TAU / 2
    d2 = hp.dbr_tau_dE("tau->e nu N", "tau", 0.0, E) * C.M_TAU / 2
    tot = hp.br_tau("tau->e nu N", "tau", 0.0)
    np.testing.assert_allclose(d1 / tot, 12 * x**2 * (1 - x), rtol=2e-3)
    np.testing.assert_allclose(d2 / tot, 2 * x**2 * (3 - 2 * x), rtol=2e-3)


@pytest.mark.parametrize("channel", ["tau->piN", "tau->KN", "tau->rhoN"])
def test_tau_two_body_threshold(channel):
    thr = C.M_TAU - hp.TAU_TWO_BODY[channel]
    br = hp.br_tau(channel, "tau", [thr * (1 - 1e-3), thr, 2.0])
    assert br[0] > 0 and np.all(br[1:] == 0)


def test_tau_three_body_threshold():
    for channel, flavour, ml in [("tau->nu_tau l N", "mu", C.M_MU), ("tau->e nu N", "tau", C.M_E)]:
        thr = C.M_TAU - ml
        br = hp.br_tau(channel, flavour, [thr * (1 - 1e-3), thr, 2.0])
        assert br[0] > 0 and np.all(br[1:] == 0)


# ------------------------------------------------------------------ W, Z
def test_w_and_z():
    """m = 0: BR(W -> l N) = BR(W -> l nu) = 10.86% (PDG), also G_F M_W^3/(6 sqrt2 pi)/
    Gamma_W (within 3%: Gamma_W of `particle`); BR(Z -> nu N) = 2 x BR(Z -> nu nu-bar)
    of one flavour (nu N-bar + N nu-bar) = 2 x 6.667%, the one-flavour value also
    G_F M_Z^3/(12 sqrt2 pi)/Gamma_Z; 0 at and above the boson mass."""
    assert hp.br_w_to_lN(0.0) == pytest.approx(0.1086)
    sm_w = GF * C.M_W**3 / (6 * np.sqrt(2) * np.pi) / C.width(24)
    assert hp.br_w_to_lN(0.0) == pytest.approx(sm_w, rel=0.03)
    sm_z = GF * C.M_Z**3 / (12 * np.sqrt(2) * np.pi) / C.width(23)
    assert hp.br_z_to_nuN(0.0) == pytest.approx(2 * 0.2 / 3)
    assert hp.br_z_to_nuN(0.0) / hp.Z_NU_N_FACTOR == pytest.approx(sm_z, rel=0.01)
    x = 40.0 / C.M_W
    assert hp.br_w_to_lN(40.0) == pytest.approx(0.1086 * (1 - x**2) ** 2 * (1 + x**2 / 2))
    assert hp.br_w_to_lN([C.M_W, 100.0]).tolist() == [0, 0]
    assert hp.br_z_to_nuN([C.M_Z, 100.0]).tolist() == [0, 0]


def test_semileptonic_table_for_spectra():
    """Every channel names spectra species for its parents and consistent masses."""
    species = {"K+", "K-", "KL", "D+", "D-", "D0", "D0bar", "Ds+", "Ds-", "B+", "B-", "B0",
               "B0bar", "Bs", "Bsbar"}  # fmt: skip
    for info in hp.SEMILEPTONIC.values():
        assert set(info.parents) <= species
        assert info.parent_mass > info.hadron_mass > 0
    with pytest.raises(ValueError):
        hp.br_leptonic("Ds+", "nu", 1.0)


def test_dirac_and_majorana_share_production_samples(tmp_path, monkeypatch):
    """The Dirac flag and the matching mass change decays only: the cached detector
    samples are shared, and the Dirac reach (half the width, same production) still
    differs from the Majorana one."""
    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    maj, dirac = get_model("hnl-e"), get_model("hnl-e", dirac=True, matching=1.5)
    assert maj.production_spec() == dirac.production_spec() != maj.spec()
    assert get_model("hnl", ratio_mu=0.0).production_spec() != get_model("hnl").production_spec()
    monkeypatch.setenv("FIPKIT_CACHE", str(tmp_path))
    masses, g = np.array([0.5, 1.0]), np.logspace(-10, -2, 33)
    search = get_experiment("CHARM", maj)
    a = compute_reach(maj, search, masses, g)
    n_files = len(list(tmp_path.rglob("*.fipkit")))
    b = compute_reach(dirac, search, masses, g)
    assert len(list(tmp_path.rglob("*.fipkit"))) == n_files  # no new samples
    assert np.all(b.low > a.low)  # Dirac: fewer decays, the lower edge rises


def test_bc_at_the_lhc_only():
    """B_c per LHC14 collision = f(b -> B_c) = 2.6e-3 per b b-bar event (B+ kinematics),
    the b b-bar per collision from LHCb's measured sigma_bb = 0.495 mb; no B_c at a
    fixed-target facility (one clear line)."""
    from fipkit import spectra
    from fipkit.errors import FipkitInputError

    bb = 0.495 / spectra.facility_info("LHC14")["sigma_inel_mb"]
    for sp in ("Bc+", "Bc-"):
        h, *_ = spectra.histogram("LHC14", sp)
        assert h.sum() == pytest.approx(2.6e-3 * bb, rel=1e-6)
        b, *_ = spectra.histogram("LHC14", spectra.B_C[sp])
        np.testing.assert_allclose(h / h.sum(), b / b.sum(), rtol=1e-12)  # the B's shape
    with pytest.raises(FipkitInputError, match="no B_c at SPS400") as err:
        spectra.histogram("SPS400", "Bc+")
    assert "\n" not in str(err.value)


def test_bc_to_tau_nu_standard_model():
    """m_N -> 0: BR(B_c -> tau nu) = 2.2% with f_Bc = 0.434 GeV, |V_cb| = 40.8e-3, tau_Bc
    = 0.51 ps; the SM expectation is ~2% (e.g. A.G. Akeroyd, C.H. Chen, arXiv:1708.04072,
    abstract [U: recalled]). Lifted helicity suppression: Bc -> mu N at 3 GeV is 480 x
    Bc -> mu nu."""
    assert hp.br_leptonic("Bc+", "tau", 0.0) == pytest.approx(0.022, rel=0.05)
    ratio = hp.br_leptonic("Bc+", "mu", 3.0) / hp.br_leptonic("Bc+", "mu", 0.0)
    assert ratio == pytest.approx(480, rel=0.02)


@pytest.mark.parametrize(
    "model, name, channel, flavour, ml",
    [("hnl-tau", "Ds->taunu,tau->Nenu", "tau->e nu N", "tau", C.M_E),
     ("hnl-tau", "Ds->taunu,tau->Nmunu", "tau->mu nu N", "tau", C.M_MU),
     ("hnl-e", "Ds->taunu,tau->nueN", "tau->nu_tau l N", "e", C.M_E),
     ("hnl-mu", "Ds->taunu,tau->numuN", "tau->nu_tau l N", "mu", C.M_MU)],
)  # fmt: skip
@pytest.mark.parametrize("m", [0.3, 1.0, 1.6])
def test_tau_three_body_samples_the_exact_n_energy(model, name, channel, flavour, ml, m):
    """Taus at rest decayed by the production mechanism: the N energy spectrum equals
    dBR/dE_N (an independent formula from the dBR/dq2 that is sampled): Kolmogorov
    distance < 0.01 on 20 bins (measured 0.001 for U_tau, 0 for U_l), and the weight is
    the BR. Before the U_l channel let the N recoil against (l nu_tau), its isotropic
    (l N) pair gave a distance of 0.17-0.22 and a spectrum 12% too wide."""
    from fipkit.models import get_model
    from fipkit.production.three_body import decay_parents

    ch = get_model(model).production_channels()[name]
    n = 200_000
    s = decay_parents(np.ones(n), np.zeros((n, 3)), ch, m, np.random.default_rng(1))
    e_max = (C.M_TAU**2 + m**2 - ml**2) / (2 * C.M_TAU)
    edges = np.linspace(m, e_max, 21)
    h, _ = np.histogram(s.energy, edges, weights=s.weight)
    exact = [
        quad(lambda x: float(hp.dbr_tau_dE(channel, flavour, m, x)), a, b)[0]
        for a, b in zip(edges[:-1], edges[1:], strict=True)
    ]
    ks = np.max(np.abs(np.cumsum(h) / h.sum() - np.cumsum(exact) / np.sum(exact)))
    assert ks < 0.01, ks
    assert s.total / n == pytest.approx(float(ch.br(m)), rel=1e-9)


def test_tau_pairs_at_the_b_factory():
    """e+e- -> tau+ tau- at the Upsilon(4S): 0.919 nb / 1.1 nb = 0.835 taus of each sign
    per B Bbar pair of the exposure, E = sqrt(s)/2 in the centre-of-mass frame, and
    <cos^2 theta> = (1/3 + 1/5) / (1 + 1/3) = 0.4 for dN/dcos ∝ 1 + cos^2."""
    from fipkit import spectra

    w, p = spectra.parent_sample("Y4S", "tau-", rng=np.random.default_rng(1), max_points=200_000)
    assert w.sum() == pytest.approx(0.919 / 1.1, rel=1e-12)
    bg = spectra.Y4S_BETA_GAMMA
    e = np.sqrt((p**2).sum(axis=1) + C.M_TAU**2)
    pz_cm = np.hypot(1, bg) * p[:, 2] - bg * e
    e_cm = np.hypot(1, bg) * e - bg * p[:, 2]
    np.testing.assert_allclose(e_cm, spectra.M_Y4S / 2, rtol=1e-9)
    c = pz_cm / np.sqrt(e_cm**2 - C.M_TAU**2)
    assert np.mean(c**2) == pytest.approx(0.4, abs=0.003)
    # the taus' channels: the same BRs as the taus of Ds decays
    from fipkit.models import get_model

    chans = get_model("hnl-tau").production_channels()
    for name in ("tau->piN", "tau->rhoN", "tau->Nenu"):
        via = chans[f"Ds->taunu,{name}"]
        assert float(chans[name].br(0.5)) == pytest.approx(float(via.br(0.5)), rel=1e-12)
