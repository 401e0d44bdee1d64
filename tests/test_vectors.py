"""Vectors with charges (fipkit.models.vector): the dark photon as the special case, the
branching-ratio limits of B-L and L_mu - L_tau, the loop mixing, the production rescaling,
the CLI, and the regions against Darkcast's recasts (../shared/reference/other_vectors)."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.experiments import catalog, get_experiment
from fipkit.models import get_model
from fipkit.models.vector import PHOTON, loop_mixing, meson_factor
from fipkit.production.proton_brem import form_factor_sq
from fipkit.reach import compute_reach
from refcurves import edge_stats, read_lmt

E = np.sqrt(4 * np.pi * C.ALPHA_EM)
MS = np.geomspace(5e-4, 10, 300)


def test_dark_photon_is_the_special_case():
    """vector with the photon's charges at g = eps e: the dark photon's widths (to 1e-15)."""
    dp, v = get_model("dark-photon"), get_model("vector")
    assert np.allclose(v.ctau(MS, 1e-4 * E), dp.ctau(MS, 1e-4), rtol=1e-12)
    for ch, br in dp.branching_ratios(MS).items():
        assert np.allclose(v.branching_ratios(MS)[ch], br, rtol=1e-12, atol=1e-15), ch


@pytest.mark.parametrize("search", ["E137", "BaBar", "NA48-2", "CHARM", "Mu3e"])
def test_dark_photon_regions_are_reproduced(search):
    """Every mechanism rescaled: the vector's region at g / e is the dark photon's
    (electron and muon-decay production, e+e- -> gamma X, pi0 Dalitz, mesons and proton
    bremsstrahlung), each edge within 0.01 dex."""
    ms = np.geomspace(0.002, 3.0, 25)
    g = np.logspace(-9, -1, 49)
    a = compute_reach(get_model("dark-photon"), get_experiment(search), ms, g)
    b = compute_reach(get_model("vector"), get_experiment(search), ms, g * E)
    for edge in ("lower_edge", "upper_edge"):
        ma, ya = getattr(a, edge)()
        mb, yb = getattr(b, edge)()
        assert np.array_equal(ma, mb), (search, edge)
        inside = ya < g[-1]  # an upper edge at the grid's top is "open": no value
        if inside.any():
            d = np.log10(yb[inside] / E / ya[inside])
            assert np.max(np.abs(d)) < 0.01, (search, edge)


def test_b_minus_l_branching_ratios():
    """B-L below 2 m_mu: BR(e+e-) = 0.4 and BR(nu nubar) = 0.6 (three left-handed
    neutrinos, each half a charged lepton's width)."""
    br = get_model("b-minus-l").branching_ratios(np.array([0.01, 0.1]))
    nu = sum(br[k] for k in ("nu_e nubar_e", "nu_mu nubar_mu", "nu_tau nubar_tau"))
    assert np.allclose(br["e+e-"], 0.4, atol=1e-4) and np.allclose(nu, 0.6, atol=1e-4)


def test_lmu_ltau_branching_ratios_and_loop_mixing():
    """L_mu - L_tau below 2 m_mu decays to neutrinos (BR = 1 up to the loop-suppressed
    e+e-, 2e-5); the loop mixing at q^2 -> 0 is (e / 12 pi^2) ln(m_tau^2 / m_mu^2)."""
    br = get_model("lmu-ltau").branching_ratios(np.array([0.01, 0.15]))
    nu = br["nu_mu nubar_mu"] + br["nu_tau nubar_tau"]
    assert np.all(nu > 0.9999) and np.all(br["e+e-"] < 3e-5)
    expect = E / (12 * np.pi**2) * np.log(C.M_TAU**2 / C.M_MU**2)
    assert loop_mixing(1e-4) == pytest.approx(expect, rel=1e-4)
    # above 2 m_mu: Gamma(mu mu) / [Gamma(mu mu) + 2 x Gamma(nu nu) = m / 12 pi]
    r = (C.M_MU / 0.5) ** 2
    f = (1 + 2 * r) * np.sqrt(1 - 4 * r)
    above = get_model("lmu-ltau").branching_ratios(np.array([0.5]))
    assert above["mu+mu-"][0] == pytest.approx(f / (f + 1), rel=1e-3)


def test_meson_factors():
    """The photon's charges give 1; B-L couples to the pi0 like the photon (2/3 + 1/3 = 1)
    and not to omega -> pi0 X (isoscalar); a protophobic vector keeps the pi0 only through
    its isovector part."""
    for p in ("pi0", "eta", "etap", "omega"):
        assert meson_factor(PHOTON, p) == pytest.approx(1.0)
    bl = get_model("b-minus-l").charges()
    assert meson_factor(bl, "pi0") == pytest.approx(1.0)
    assert meson_factor(bl, "omega") == 0.0
    assert 0 < meson_factor(bl, "eta") < 1


def test_proton_form_factor_weights():
    """B-L: only the omega-like terms, doubled (F1(0) ~ 2 x their sum ~ 1, the proton's
    B-L charge); the photon's weights give the dark photon's form factor."""
    from fipkit.constants import PROTON_FF_VMD

    w = get_model("b-minus-l").isospin_weights()
    assert w == (0.0, pytest.approx(2.0))
    ms = np.array([0.0, 0.5, 0.78])
    assert np.allclose(form_factor_sq(ms, w), 4 * form_factor_sq(ms, (0.0, 1.0)))
    assert 2 * sum(c for c, _, _ in PROTON_FF_VMD[3:]) == pytest.approx(1.0, abs=0.01)
    assert get_model("vector").isospin_weights() == (1.0, 1.0)


def test_every_dark_photon_search_serves_the_vectors():
    for s in catalog().values():
        if "dark-photon" in s.models:
            assert s.covers(get_model("b-minus-l")) and s.covers(get_model("lmu-ltau"))


def test_lmu_ltau_needs_equal_electron_and_muon_charges_in_muon_decay():
    from fipkit.errors import FipkitInputError

    with pytest.raises(FipkitInputError, match="unequal electron and muon"):
        compute_reach(get_model("lmu-ltau"), get_experiment("Mu3e"), [0.03], [1e-3])


def test_cli_width_and_charges(capsys):
    from clirun import run

    code, out, err = run(
        ["width", "b-minus-l", "--mass", "0.01", "--coupling", "1e-5", "--json"], capsys
    )
    assert code == 0, err
    code, _, err = run(
        ["width", "vector", "--mass", "0.01", "--coupling", "1e-5", "--charges", "q=1"], capsys
    )
    assert code == 2 and "--charges takes f=x pairs" in err and "Traceback" not in err
    args = ["width", "vector", "--mass", "0.01", "--coupling", "1e-5", "--charges", "e=-1,nu=-1"]
    code, out, _ = run(args, capsys)
    assert code == 0 and "nu_e nubar_e" in out


# Regions against Darkcast's recasts (../shared/reference/other_vectors): median
# |delta log10 g| at the reference's masses, each edge, on the grids of test_regions.
# Target 0.2 (issue 16). A recast rescales the published dark-photon curve, fipkit
# computes each model: where a row misses, the cause is written next to it. The recast
# itself is checked first (scripts in the issue note): Darkcast's B-L / (e x its A') is
# 1.000 on the lower edges of displaced searches (production and Gamma_ee alike), 0.6 on
# their upper edges (B-L's lifetime is 2.5x shorter: its neutrino width) and 10^0.199 =
# sqrt(2.5) on prompt ones (BR(e+e-) = 0.4); fipkit's B-L / (e x its A') is the same, so
# most B-L misses are the dark-photon row's miss (test_regions) carried over.
#: (model, search, reference stem, tolerance lower, upper; None: no such edge[, the
#: production mechanisms, when the recast is of one])
ROWS = [
    # measured (lower, upper) median; the A' row of test_regions in brackets
    ("b-minus-l", "E137", "E137_Andreas2012mt", 0.20, 0.04),  # .166 .005 (.184 .010)
    ("b-minus-l", "E137", "E137_Bjorken2009mm", 0.28, 0.06),  # .248 .024 (.247 .026)
    ("b-minus-l", "E141", "E141_Riordan1987aw", 0.22, 0.11),  # .190 .078 (.207 .093)
    # E774: its region closes at 6 MeV; near the tip our B-L / (e x A') lower edge grows
    # from 1.00 to 1.9 (the shorter lifetime), Darkcast's stays at 1.0-1.1
    ("b-minus-l", "E774", "E774_Bross1989mp", 0.30, 0.09),  # .263 .054 (.169 .006)
    ("b-minus-l", "Orsay", "Orsay_Davier1989wz", 0.31, 0.04),  # .276 .006 (.261 .010)
    # CHARM: Darkcast recasts its CHARM curves as eta-only production (its
    # CHARM_*.py: eta_gamma 1.0), fipkit computes pi0 + eta + ... and B-L couples to the
    # pi0 as the photon does (factor 1) but to the eta less (ours 0.20, Darkcast's 0.50):
    # Darkcast's B-L lower edge is 0.15 above e x its A' one, ours equal (signed -0.28).
    # With our eta production alone: A' +0.28 / +0.31, B-L +0.33 / +0.34 (Tsai / Bergsma):
    # the eta factor itself moves the B-L edge by only ~0.05 here
    ("b-minus-l", "CHARM", "CHARM_Bergsma1985qz", 0.31, 0.21),  # .278 .173 (.131 .179)
    ("b-minus-l", "CHARM", "CHARM_Tsai2019mtm", 0.33, 0.07),  # .296 .034 (.138 .023)
    ("b-minus-l", "NuCal", "NuCAL_Tsai2019mtm", 0.18, 0.05),  # .150 .019 (no A' row)
    ("b-minus-l", "NuCal", "NuCAL_Blumlein1990ay", 0.17, 0.07),  # .135 .034 (no A' row)
    # NuCal's recasts are per mechanism (Darkcast: NuCAL_Blumlein1991xh p_brem,
    # NuCAL_Blumlein1990ay pi0_gamma): against the bremsstrahlung one our union of pi0, eta
    # and bremsstrahlung is 0.44 stronger (signed) - the pi0; with our bremsstrahlung
    # alone, the same mechanism, 0.102 / 0.007
    ("b-minus-l", "NuCal", "NuCAL_Blumlein1991xh", 0.13, 0.04, ["proton_brem"]),  # .102 .007
    # SHiP: the A' row's miss (the bremsstrahlung file, -0.4..-0.9 for the A' too)
    ("b-minus-l", "SHiP", "SHiP_Alekhin2015byh_mesons", 0.16, 0.27),  # .126 .232
    ("b-minus-l", "SHiP", "SHiP_Alekhin2015byh_brem", 0.80, 0.18),  # .765 .145
    ("b-minus-l", "FASER", "FASER_Ariga2018uku_run3", 0.05, 0.08),  # .016 .049 (.033 .010)
    ("b-minus-l", "BaBar", "BaBar_Lees2014xha", 0.12, None),  # .085
    ("b-minus-l", "NA48-2", "NA48_Batley2015lha", 0.28, None),  # .248 (A' .25: observed)
    # HPS-displaced: not the published configuration (the A' row: 0.55 / 0.31)
    ("b-minus-l", "HPS-displaced", "HPS_Baltzell2016eee_displaced", 0.75, 0.19),  # .720 .154
    ("b-minus-l", "KLOE", "KLOE_Anastasi2018azp_mumu", 0.09, None),  # .055 (.079)
    ("b-minus-l", "BESIII-ISR", "BESIII_Ablikim2017aab", 0.15, None),  # .112 (.107)
    ("b-minus-l", "APEX-test", "APEX_Abrahamyan2011gv", 0.18, None),  # .146 (.146)
    # DarkQuest: ours weaker on both edges (signed +0.12 / +0.24), as the A' (+0.15/+0.19)
    ("b-minus-l", "DarkQuest", "SeaQuest_Tsai2019mtm_run1", 0.25, 0.28),  # .213 .244
    ("b-minus-l", "NA62-dump", "NA62_Tsai2019mtm", 0.45, 0.11),  # .419 .073 (.408 .078)
    ("b-minus-l", "BelleII", "BelleII_Kou2018nap", 0.21, None),  # .177 (.173)
    ("b-minus-l", "DarkLight", "DarkLight_Kahn2012br", 0.47, None),  # .442 (.442)
    ("b-minus-l", "Mu3e", "Mu3e_Echenard2014lma", 0.26, None),  # .226 (.226)
    # L_mu - L_tau through its loop mixing, eps(m^2) (Darkcast's g / (e x A') is 10^2.36
    # at low mass, as ours, rising to 10^3.7 at 10 GeV). E137: the region is a sliver
    # at 1.1-2.2 MeV (BR(e+e-) ~ 2e-5), the edges converge at its tip; the two published
    # E137 curves bracket ours there too (signed +0.53 vs ANR, -0.20 vs BEST)
    ("lmu-ltau", "E137", "E137_Andreas2012mt", 0.57, 0.31),  # .534 .272
    ("lmu-ltau", "E137", "E137_Bjorken2009mm", 0.24, 0.19),  # .203 .158
    ("lmu-ltau", "SHiP", "SHiP_Alekhin2015byh_mesons", 0.11, 0.24),  # .077 .201
    # the e+e- searches: below 2 m_mu the recast needs g > 1 (outside the model's range)
    ("lmu-ltau", "BaBar", "BaBar_Lees2014xha", 0.12, None),  # .081
    ("lmu-ltau", "KLOE", "KLOE_Anastasi2018azp_mumu", 0.08, None),  # .048
    ("lmu-ltau", "BESIII-ISR", "BESIII_Ablikim2017aab", 0.14, None),  # .109
    ("lmu-ltau", "BelleII", "BelleII_Kou2018nap", 0.21, None),  # .173
]
#: Darkcast's L_mu - L_tau islands fipkit does not find (measured): DarkQuest at 1-5 MeV
#: (Darkcast: g = 3e-5 - 7e-4; our expected count peaks at 1.7 events at 1.5 MeV, below
#: the 2.3 of the limit), NA48/2, DarkLight, APEX (Darkcast's g > 1), CHARM and the
#: electron dumps other than E137 (Darkcast: none either).


@pytest.mark.reference
@pytest.mark.slow
@pytest.mark.parametrize("row", ROWS, ids=[f"{r[0]}-{r[2]}" for r in ROWS])
def test_region_vs_darkcast_recast(row):
    from test_regions import COUPLINGS, GRIDS, MASSES

    model, search, stem, tol_lo, tol_hi, *production = row
    tag = {"b-minus-l": "B-L_boson", "lmu-ltau": "Lmu-Ltau_boson"}[model]
    m, rlo, rhi = read_lmt(f"other_vectors/DarkCast__{tag}__{stem}.lmt")
    lo, hi, n, couplings = GRIDS.get(search, (1e-3, 10**0.5, len(MASSES), COUPLINGS))
    ms = np.geomspace(lo, hi, n)
    g = None if couplings is None else np.logspace(-9, -0.5, 86)
    experiment = get_experiment(search)
    if production:  # one mechanism, as the recast it is compared with
        experiment = dataclasses.replace(experiment, production={"dark-photon": production[0]})
    c = compute_reach(get_model(model), experiment, ms, g)
    low = edge_stats(c, m, rlo, "lower", ms)
    up = edge_stats(c, m, rhi, "upper", ms)
    print(row[:3], "lower:", low, "| upper:", up)
    assert low.n >= 6 and low.median <= tol_lo, low
    if tol_hi is None:
        assert up.n == 0
    else:
        assert up.median <= tol_hi, up


def test_dark_photon_bounds_are_the_special_case():
    """(g-2)_e, (g-2)_mu and SN1987A of ``vector`` at g = eps e are the dark photon's; B-L
    (|x_l| = 1) has (g-2) at e x the dark photon's eps and its SN1987A bound from the
    neutrons' quadrupole alone (no np dipole); baryon number no (g-2) bound."""
    from fipkit import cosmo

    ms = np.geomspace(1e-3, 0.3, 9)
    dp, v, bl = get_model("dark-photon"), get_model("vector"), get_model("b-minus-l")
    for name in ("g-2_e", "g-2_mu", "SN1987A"):
        a, b = cosmo.get_bound(name)(dp, ms), cosmo.get_bound(name)(v, ms)
        assert np.array_equal(a.mass, b.mass), name
        assert np.allclose(b.low / E, a.low, rtol=1e-6), name
        fin = np.isfinite(a.high)
        assert np.allclose(b.high[fin] / E, a.high[fin], rtol=1e-6), name
    for name in ("g-2_e", "g-2_mu"):
        a, b = cosmo.get_bound(name)(dp, ms), cosmo.get_bound(name)(bl, ms)
        assert np.allclose(b.low / E, a.low, rtol=1e-9), name
    assert list(cosmo.bounds_for(bl))[:2] == ["g-2_e", "g-2_mu"]
    assert "SN1987A" in cosmo.bounds_for(bl)
    from fipkit.cosmo import supernova

    assert supernova.dipole_strength(bl) == 0 and supernova.neutron_strength(bl) == 1
    assert supernova.neutron_strength(dp) == 0  # the dark photon's emission is unchanged
    assert not {"g-2_e", "g-2_mu"} & set(cosmo.bounds_for(get_model("baryonic")))


def test_lmu_ltau_g2_mu_band_at_the_muon_coupling():
    """L_mu - L_tau's (g-2)_mu band: g_mu = g, i.e. e x the dark photon's eps; for
    m << m_mu, Delta a_mu -> g^2 / 8 pi^2, so the band edges are sqrt(8 pi^2 (251 -+ 118)
    x 1e-11) = (3.2, 5.6) x 1e-4."""
    from fipkit.cosmo.g_minus_2 import g2_muon_band

    ms = np.array([1e-5, 0.01, 0.1])
    lo, hi = g2_muon_band(ms, get_model("lmu-ltau"))
    lo0, hi0 = g2_muon_band(ms)
    assert np.allclose(lo, E * lo0) and np.allclose(hi, E * hi0)
    light = np.sqrt(8 * np.pi**2 * np.array([133e-11, 369e-11]))
    assert np.allclose([lo[0], hi[0]], light, rtol=1e-3)


def test_vectors_figure_picks_searches_and_bounds_from_the_model():
    from fipkit.cosmo import bounds_for
    from fipkit.figures import all_figure_names, fig2, figure_names, get_spec

    assert "vectors" in all_figure_names() and "vectors" not in figure_names()
    bl = get_spec("vectors", model="b-minus-l")
    assert bl.searches == tuple(fig2.LIMITS + fig2.PROJECTIONS)
    assert bl.bounds == tuple(bounds_for(get_model("b-minus-l")))
    assert bl.bounds == (
        "g-2_e",
        "g-2_mu",
        "SN1987A",
        "CCFR",
        "CHARM-II-nu-e",
        "TEXONO",
        "Borexino",
    )
    lmt = get_spec("vectors", model="lmu-ltau")
    assert "Mu3e" not in lmt.searches and "E137" in lmt.searches  # mu -> e nu nu X refused
    assert {"NA64mu-2022", "NA64e-2022", "M3-phase2"} <= set(lmt.searches)
    assert {"g-2_mu", "SN1987A", "N_eff", "CCFR"} <= set(lmt.bounds)
    assert lmt.ylim[1] == 1.0


def test_vectors_figure_and_experiments_cli(capsys, tmp_path):
    from clirun import run

    code, _, err = run(
        ["figure", "vectors", "--model", "nope", "--out", str(tmp_path / "x.pdf")], capsys
    )
    assert code == 2 and "valid: b-minus-l" in err and "Traceback" not in err
    code, _, err = run(
        ["figure", "fig2", "--model", "b-minus-l", "--out", str(tmp_path / "x.pdf")], capsys
    )
    assert code == 2 and "no option 'model'" in err
    assert not list(tmp_path.iterdir())
    code, out, _ = run(["experiments", "E137"], capsys)
    assert code == 0 and "b-minus-l" in out and "lmu-ltau" in out


def test_no_lepton_charge_gives_no_fixed_target_region():
    """Baryon number does not couple to the electron: APEX computes nothing (and the QED
    background normalisation still works)."""
    c = compute_reach(get_model("baryonic"), get_experiment("APEX-test"), [0.2], None)
    assert c.empty


def test_neff_limits_and_which_vectors():
    """Delta N_eff of a Z' that heats nu_mu and nu_tau: m << T_dec gives 2 [(1 + 3/3.5)^(4/3)
    - 1] (its three polarisations' entropy into 2 x 7/4 neutrino degrees of freedom);
    Boltzmann-suppressed for m >> T_dec; the bound applies to L_mu - L_tau, not to B-L
    (tree-level electrons) nor the dark photon (no neutrinos)."""
    from fipkit import cosmo
    from fipkit.cosmo import neff

    lmt = get_model("lmu-ltau")
    assert neff.entropy_fraction(1e-6) == pytest.approx(1.0, rel=1e-6)
    light = 2 * ((1 + 3 / 3.5) ** (4 / 3) - 1)
    assert neff.delta_neff(lmt, 1e-6) == pytest.approx(light, rel=1e-5)
    d = neff.delta_neff(lmt, np.geomspace(1e-4, 0.1, 30))
    assert np.all(np.diff(d) < 0) and d[-1] < 1e-8
    assert "N_eff" in cosmo.bounds_for(lmt)
    assert "N_eff" not in cosmo.bounds_for(get_model("b-minus-l"))
    assert "N_eff" not in cosmo.bounds_for(get_model("dark-photon"))
    c = cosmo.get_bound("N_eff")(lmt, np.geomspace(1e-3, 0.1, 61))
    assert 0.008 < c.mass.max() < 0.011  # Delta N_eff = 0.29 at 9.9 MeV (2 MeV decoupling)
    # the lower edge: Gamma / 3 = H at T = m; g^2 m / (12 pi) / 3 = H(10 MeV) ~ 4.5e-23 GeV
    assert 5e-10 < c.low[-1] < 1e-9 and np.all(np.isinf(c.high))


def test_lmu_ltau_at_muon_beams_is_the_invisible_dark_photon_times_e():
    """NA64mu / M3: Z' radiated off the muon (x_mu = 1) and decaying to neutrinos (BR = 1
    below 2 m_mu): the lower edge is e x the invisible dark photon's eps (radiated with
    eps e, BR(invisible) = 1), the same WW x K muon bremsstrahlung."""
    ms = np.array([3e-3, 0.01, 0.1, 0.2])
    g = np.logspace(-7, -1, 61)
    for s in ("NA64mu-2022", "M3-phase2"):
        a = compute_reach(get_model("dark-photon-invisible"), get_experiment(s), ms, g / E)
        b = compute_reach(get_model("lmu-ltau"), get_experiment(s), ms, g)
        br = get_model("lmu-ltau").br_invisible(ms)
        assert np.allclose(b.low, E * a.low / np.sqrt(br), rtol=0.02), s


def test_lmu_ltau_at_na64e_vs_the_published_statements():
    """NA64e through the loop mixing (x_e = eps(m) e / g): with 9.4e11 electrons NA64e
    'excludes the g-2 preferred band in the 1 keV < m_Z' < ~2 MeV range' (arXiv:2404.06982
    abstract): ours below the band at 0.1-1 MeV and inside it at 2 MeV (excluding part of
    it); with 2.84e11 the limit 'touches the g-2 band for m_Z' ~ 1 MeV' (arXiv:2206.03101
    abstract): ours at 1 MeV is 1.05x the band's top."""
    from fipkit.cosmo.g_minus_2 import g2_muon_band

    lmt = get_model("lmu-ltau")
    ms = np.array([1e-4, 3e-4, 1e-3, 2e-3])
    lo, hi = g2_muon_band(ms, lmt)
    c22 = compute_reach(lmt, get_experiment("NA64e-2022"), ms, None)
    assert np.all(c22.low[:3] < lo[:3]) and lo[3] < c22.low[3] < hi[3]
    c19 = compute_reach(lmt, get_experiment("NA64e-2019"), ms, None)
    assert 0.9 < c19.low[2] / hi[2] < 1.3


def test_trident_amplitude_is_gauge_invariant():
    """Both photon attachments: the amplitude vanishes with the polarisation eps -> q."""
    from fipkit.cosmo import neutrino_trident as T

    rng = np.random.default_rng(3)
    k1, q, k2, p1, p2, _ = T.phase_space(20.0, 50, rng)
    mv, ma = T.amplitudes(k1, q, k2, p1, p2)
    for n in range(3):
        gv, ga = T.amplitudes(
            k1[n : n + 1],
            q[n : n + 1],
            k2[n : n + 1],
            p1[n : n + 1],
            p2[n : n + 1],
            eps=q[n : n + 1],
        )
        assert np.max(np.abs(gv)) < 1e-9 * np.max(np.abs(mv[n])) and np.max(
            np.abs(ga)
        ) < 1e-9 * np.max(np.abs(ma[n]))


def test_trident_heavy_and_light_limits():
    """Heavy X: sigma / sigma_SM -> [(C_V + g^2 / sqrt2 G_F m^2)^2 + C_A^2] / (C_V^2 + C_A^2)
    (arXiv:1406.2332 eq. 2; ours 3% lower in the excess: the muon mass) and the bound
    m / g ~ 550 GeV that paper quotes [U: recalled] (ours 537); light X: the trident bound
    crosses the (g-2)_mu band between its top (0.14 GeV) and bottom (0.50 GeV), where
    arXiv:1406.2332 says tridents rule out the g-2 explanation above ~400 MeV."""
    from fipkit.cosmo import neutrino_trident as T
    from fipkit.cosmo.g_minus_2 import g2_muon_band

    lmt = get_model("lmu-ltau")
    a, b = T.ratio_coefficients(lmt, np.array([1000.0]))
    d = 1 / (np.sqrt(2) * C.G_FERMI * 1e6)
    exact = ((T.C_V + d) ** 2 + T.C_A**2) / (T.C_V**2 + T.C_A**2) - 1
    assert (a + b)[0] == pytest.approx(exact, rel=0.06)
    assert 500 < 1000 / T.trident_bound(lmt, np.array([1000.0]))[0] < 580
    g = T.trident_bound(lmt, np.array([0.4]))
    lo, hi = g2_muon_band(np.array([0.4]), lmt)
    assert lo[0] < g[0] < hi[0]
    assert "CCFR" in __import__("fipkit.cosmo", fromlist=["x"]).bounds_for(lmt)


def test_neutrino_electron_bounds_scaling_and_models():
    """CHARM-II and TEXONO (published s_W^2 errors): a contact bound g ∝ m for m^2 >> 2 m_e
    T, a plateau below; for B-L (x_nu x_e = 1) and the photon's charges not at all (no
    neutrino coupling); L_mu - L_tau's loop-mixed electron is left out."""
    from fipkit import cosmo
    from fipkit.cosmo import neutrino_electron as NE

    bl = get_model("b-minus-l")
    for meas in NE.MEASUREMENTS:
        heavy = NE.coupling_bound(bl, np.array([100.0, 200.0]), meas)
        assert heavy[1] / heavy[0] == pytest.approx(2.0, rel=1e-3)
        light = NE.coupling_bound(bl, np.array([1e-6, 1e-5]), meas)
        assert light[1] / light[0] == pytest.approx(1.0, rel=1e-3)
        # the plateau: g^2 = 4 sigma sqrt2 G_F 2 m_e T, i.e. |delta s_W^2| = 2 sigma
        dgv = light[0] ** 2 / (np.sqrt(2) * C.G_FERMI * 2 * C.M_E * meas.t_eff)
        assert dgv / 2 == pytest.approx(2 * meas.sigma, rel=1e-6)
        assert meas.name in cosmo.bounds_for(bl)
        assert meas.name not in cosmo.bounds_for(get_model("lmu-ltau"))
        assert meas.name not in cosmo.bounds_for(get_model("dark-photon"))


def test_quadrupole_angular_average():
    """The soft current of two equal charges in their CM, J = 2 [u'(n.u') - u(n.u)],
    averaged over directions n: <|n x J|^2> = (8/5) u^4 sin^2(chi) (the factor of
    supernova.neutron_quadrupole_spectrum), checked by Monte Carlo over n."""
    rng = np.random.default_rng(5)
    n = rng.normal(size=(400_000, 3))
    n /= np.linalg.norm(n, axis=1)[:, None]
    u, chi = 0.2, 1.1
    a = u * np.array([0.0, 0.0, 1.0])
    b = u * np.array([np.sin(chi), 0.0, np.cos(chi)])
    J = 2 * (b[None] * (n @ b)[:, None] - a[None] * (n @ a)[:, None])
    perp = np.sum(J**2, axis=1) - np.sum(J * n, axis=1) ** 2
    assert np.mean(perp) == pytest.approx(8 / 5 * u**4 * np.sin(chi) ** 2, rel=0.01)


def test_borexino_rate_ratio():
    """Borexino 7Be: R = 1 at g = 0; the bound is where R - 1 = 2 x the combined error
    (B-L interferes constructively with nu_e e: the rate grows); g ∝ m for a heavy X, a
    plateau for m^2 << 2 m_e T; only vectors with nu_e and electron couplings."""
    from fipkit import cosmo
    from fipkit.cosmo import neutrino_electron as NE

    bl = get_model("b-minus-l")
    ms = np.array([1e-5, 3e-5, 100.0, 200.0])
    assert NE.borexino_ratio(bl, ms[:1], [0.0])[0, 0] == pytest.approx(1.0, abs=1e-12)
    g = NE.borexino_bound(bl, ms)
    r = np.diagonal(NE.borexino_ratio(bl, ms, g))
    assert np.allclose(r, 1 + 2 * NE.BOREXINO_ERROR, rtol=1e-6)
    assert g[3] / g[2] == pytest.approx(2.0, rel=1e-4) and g[1] / g[0] == pytest.approx(
        1.0, rel=0.01
    )
    assert "Borexino" in cosmo.bounds_for(bl) and "Borexino" not in cosmo.bounds_for(
        get_model("lmu-ltau")
    )
