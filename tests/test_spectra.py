"""Parent-meson tables (Pythia 8, shipped) against measured numbers and conservation."""

import numpy as np
import pytest

from fipkit import spectra
from fipkit.errors import FipkitInputError

FIXED = {"SPS400": 400.0, "U70": 70.0, "FNAL120": 120.0}


def mult(fac, sp):
    return spectra.facility_info(fac)["multiplicity_per_collision"][sp]


def test_tables_present_and_documented():
    assert set(FIXED) <= set(spectra.facilities())
    for f in spectra.facilities():
        info = spectra.facility_info(f)
        assert "Pythia" in info["generator"] and info["events"] >= 100_000
        assert info["sigma_inel_mb"] > 0


@pytest.mark.parametrize("fac", list(FIXED))
def test_eta_to_pi0_ratio(fac):
    """eta/pi0 ~ 0.10-0.12 in pp at these energies (e.g. WA80/NA27 and the
    m_T-scaling value 0.11 used by PHENIX, arXiv:1005.3674). Measured: 0.119 (SPS400)."""
    r = mult(fac, "eta") / mult(fac, "pi0")
    assert 0.08 < r < 0.14


@pytest.mark.parametrize("fac", [*FIXED, "BNB8", "JPARC30", "LHC14"])
def test_rho0_to_omega_ratio(fac):
    """rho0 and omega are made about equally in pp (isospin and quark counting; measured
    sigma(rho0)/sigma(omega) ~ 1 in pp at SPS energies by LEBC-EHS/NA27; journal reference
    not checked here). The test allows 0.7-1.4."""
    r = mult(fac, "rho0") / mult(fac, "omega")
    assert 0.7 < r < 1.4


def test_phi_multiplicity_sps_energies():
    """NA49 measured <phi> = 0.012 +- 0.0015 per inelastic pp collision at 158 GeV,
    sqrt s = 17.3 GeV (NA49, T. Anticic et al., 2010; journal reference not checked here).
    Our 120 and 400 GeV tables (sqrt s = 15.1, 27.4 GeV) interpolated in log sqrt s give
    0.0158 there (measured: 0.0140 and 0.0236), 1.32 x NA49; the test allows 1.5."""
    s_lo, s_hi, s_na49 = 15.06, 27.42, 17.27
    lo, hi = mult("FNAL120", "phi"), mult("SPS400", "phi")
    x = np.log(s_na49 / s_lo) / np.log(s_hi / s_lo)
    assert lo * (hi / lo) ** x == pytest.approx(0.012, rel=0.5)


def test_booster_inelastic_cross_section():
    """The Booster table (8 GeV kinetic, sqrt s = 4.3 GeV): sigma_inel(pp) from PDG at
    p_lab = 8.9 GeV is sigma_tot - sigma_el ~ 40 - 10 = 30 mb; Pythia's is within 15%.
    eta/pi0 there lies in the same 0.08-0.14 band as at higher energies."""
    assert spectra.facility_info("BNB8")["sigma_inel_mb"] == pytest.approx(30.0, rel=0.15)
    assert 0.08 < mult("BNB8", "eta") / mult("BNB8", "pi0") < 0.14


def test_pi0_multiplicity_sps():
    """pi0 per proton on target at the SPS. Measured in our table: 4.85 per inelastic pp
    collision (all pi0, feed-down included). SensCalc (arXiv:2305.13383) uses 4.15 pi0
    per POT at the SPS (as quoted in ../shared/physics/scalar_and_hnl.md §4.4); ratio
    1.17. The test allows 30 % (pp vs p-nucleus, generator tune)."""
    assert mult("SPS400", "pi0") == pytest.approx(4.15, rel=0.3)


def test_energy_conservation_in_lab():
    for fac, e in FIXED.items():
        h, lt, lp = spectra.histogram(fac, "pi0")
        occupied = np.nonzero(h.sum(axis=0))[0]
        assert 10 ** lp[occupied.max()] <= e  # no pi0 above the beam energy


def test_parent_sample_preserves_weight():
    rng = np.random.default_rng(0)
    w, p = spectra.parent_sample("SPS400", "eta", rng)
    assert w.sum() == pytest.approx(mult("SPS400", "eta"), rel=1e-5)
    w2, p2 = spectra.parent_sample("SPS400", "eta", rng, max_points=500)
    assert len(w2) == 500 and w2.sum() == pytest.approx(w.sum(), rel=1e-9)
    # theta_max keeps only forward bins
    w3, p3 = spectra.parent_sample("SPS400", "eta", rng, theta_max=0.01)
    th = np.arctan2(np.hypot(p3[:, 0], p3[:, 1]), p3[:, 2])
    assert np.all(th < 0.0113) and w3.sum() < w.sum()


def test_lhc_central_plateau():
    """At the LHC dN/deta of pi0 is roughly flat at central rapidity."""
    if "LHC14" not in spectra.facilities():
        pytest.skip("LHC14 table not generated")
    rng = np.random.default_rng(1)
    w, p = spectra.parent_sample("LHC14", "pi0", rng)
    th = np.arctan2(np.hypot(p[:, 0], p[:, 1]), p[:, 2])
    eta = -np.log(np.tan(th / 2))
    a = w[(eta > 0) & (eta < 1)].sum()
    b = w[(eta > 1) & (eta < 2)].sum()
    assert a == pytest.approx(b, rel=0.25)


def test_errors():
    with pytest.raises(FipkitInputError, match="valid"):
        spectra.parent_sample("TEVATRON", "pi0")
    with pytest.raises(FipkitInputError, match="valid"):
        spectra.parent_sample("SPS400", "rho")


def test_beauty_tables():
    """B hadrons per inelastic collision = (per b b-bar event) x sigma_bb / sigma_inel.
    SHiP uses sigma_bb = 1.7 nb, sigma_pp = 40 mb at 400 GeV (SHiP-NOTE-2015-009, as
    quoted by SensCalc, ../shared/physics/scalar_and_hnl.md §4.4): 4e-8;
    Pythia LO gives 0.9 nb / 32.9 mb = 2.8e-8: the test allows a factor 3."""
    if not spectra._has("SPS400", "beauty"):
        pytest.skip("beauty table for SPS400 not generated")
    b = sum(spectra.histogram("SPS400", s)[0].sum() for s in spectra.BEAUTY)
    # ~2 b hadrons (incl. baryons) per b b-bar pair, ~1.6-1.8 of them B mesons
    assert 1.5 * 4e-8 / 3 < b < 2 * 4e-8 * 3


def test_higgs_table():
    """gg -> h at 14 TeV: one h per event, normalised to sigma_ggF = 54.72 pb (YR4), so
    h per inelastic collision = 54.72e-9 mb / sigma_inel; h rapidity: gluon fusion at
    14 TeV puts ~half of the Higgs bosons at |y| < 1.2 (broad, flat-topped; YR4 Fig. 44)."""
    h, lt, lp = spectra.histogram("LHC14", "h")
    sig_inel = spectra.facility_info("LHC14")["sigma_inel_mb"]
    assert h.sum() == pytest.approx(54.72e-9 / sig_inel, rel=1e-3)
    w, p = spectra.parent_sample("LHC14", "h", rng=np.random.default_rng(1))
    e = np.sqrt((p**2).sum(1) + 125.0**2)
    y = 0.5 * np.log((e + p[:, 2]) / (e - p[:, 2]))
    frac_central = w[np.abs(y) < 1.2].sum() / w.sum()
    assert 0.35 < frac_central < 0.65
    pt = np.hypot(p[:, 0], p[:, 1])
    mean_pt = (w * pt).sum() / w.sum()
    assert 10 < mean_pt < 60  # ISR recoil: <p_T> of a few tens of GeV


def test_upsilon4s_b_mesons():
    """B mesons at the Upsilon(4S): 0.514 + 0.486 = 1 of each charge per B Bbar event,
    |p*| = sqrt(m_Y^2/4 - m_B^2) = 0.3315 GeV (PDG masses),
    mean p_z = beta gamma E* = 0.287 x 5.29 GeV."""
    rng = np.random.default_rng(2)
    tot = 0.0
    for sp in ("B+", "B-", "B0", "B0bar", "Bs"):
        w, p = spectra.parent_sample("Y4S", sp, rng=rng, max_points=50_000)
        tot += w.sum()
        if sp == "B+":
            assert (w * p[:, 2]).sum() / w.sum() == pytest.approx(0.287 * 10.5794 / 2, rel=0.01)
            pt = np.hypot(p[:, 0], p[:, 1])
            assert pt.max() == pytest.approx(0.3315, rel=0.01)
    assert tot == pytest.approx(2.0)


def test_charm_tables():
    """Charm hadrons per POT at 400 GeV: sigma_cc = 18 ub (measured, SHiP-NOTE-2015-009)
    over sigma_inel (Pythia, 32.9 mb): ~2 charm hadrons per c c-bar pair, of which
    D mesons ~85-90 % (the rest Lambda_c, ...). SHiP's per-POT value 1.7e-3 includes
    A^0.29 = 3.76 for Mo and sigma_pp = 40 mb: 18 ub/40 mb = 4.5e-4 per pp."""
    if not spectra._has("SPS400", "charm"):
        pytest.skip("charm table for SPS400 not generated")
    d = sum(spectra.histogram("SPS400", s)[0].sum() for s in spectra.CHARM)
    per_pair = 18e-3 / spectra.facility_info("SPS400")["sigma_inel_mb"]
    assert 1.5 * per_pair < d < 2.0 * per_pair
    info = spectra.hard_info("SPS400", "charm")
    assert 1e-3 < info["sigma_ccbar_mb"] < 1e-2  # Pythia LO: 2.6 ub, 7x low
