"""Dark photon widths, BRs and lifetimes against independent references."""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.models import get_model
from refcurves import ref_path


@pytest.fixture(scope="module")
def dp():
    return get_model("dark-photon")


def leptonic_ctau(m, eps):
    """c*tau from the exact leptonic widths alone (arXiv:0906.0580 eq. 2)."""
    w = 0.0
    for ml in (C.M_E, C.M_MU):
        r = ml**2 / m**2
        w = w + np.where(
            r < 0.25,
            C.ALPHA_EM * eps**2 * m / 3 * (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None)),
            0,
        )
    return C.HBARC_GEV_M / w


def test_checkpoints(dp):
    assert dp.partial_widths(0.1)["e+e-"] == pytest.approx(2.43245e-4, rel=1e-4)
    assert dp.ctau(0.01, 1e-6) == pytest.approx(8.113, rel=1e-3)
    # A' -> 3 gamma at 1 MeV (McDermott-Patel-Ramani 1705.00619): 1.4476e-16 GeV
    assert dp.partial_widths(1e-3)["3gamma"] == pytest.approx(1.4476e-16, rel=1e-4)
    # lab decay length from BEST 0906.0580: (0.8 cm)(E/10 GeV)(1e-4/eps)^2(100 MeV/m)^2
    assert 10 / 0.1 * dp.ctau(0.1, 1e-4) == pytest.approx(0.008, rel=0.02)


def test_leptonic_region_within_1_percent(dp):
    """c*tau(eps = 1e-6) vs the leptonic formula below 0.5 GeV.

    Measured 1 - ctau/ctau_lept: 0 below 2 m_pi (no hadronic width), 0.0012 at
    0.28 GeV, 0.010 at 0.30, 0.046 at 0.35, 0.086 at 0.40, 0.19 at 0.50 GeV. So the
    1 % holds up to 0.30 GeV; above, the rho tail (pi+ pi-) is real physics, not an
    error: the data-driven reference table agrees with our full width to 0.2-1 %
    at 0.28-0.50 GeV (test below). The issue's "1 % below 0.5 GeV" can only hold
    for the leptonic partial widths, which are exact (checked here as well).
    """
    m = np.logspace(np.log10(2.01 * C.M_E), np.log10(0.299), 200)
    w = dp.partial_widths(m)
    lept = C.HBARC_GEV_M / (w["e+e-"] + w["mu+mu-"]) / 1e-12
    np.testing.assert_allclose(lept, leptonic_ctau(m, 1e-6), rtol=1e-12)
    ratio = dp.ctau(m, 1e-6) / leptonic_ctau(m, 1e-6)
    assert np.all(np.abs(ratio - 1) < 0.01)
    below = m < 2 * C.M_PI
    assert np.allclose(ratio[below], 1, rtol=1e-12)


@pytest.mark.reference
def test_hadronic_region_vs_deliver_table(dp):
    """c*tau(eps=1) vs the DeLiVeR table shipped by FORESEE (Darkcast-like widths).

    Measured ratio ours/reference (median [min, max]):
      0.28-0.50 GeV 1.002 [0.999, 1.009]; 0.50-0.74 1.032 [1.009, 1.059];
      0.74-0.80 1.084 [1.060, 1.176]; 0.80-1.00 1.170 [1.008, 1.197];
      1.05-1.50 0.979 [0.948, 1.172]; 1.50-2.00 1.001 [0.997, 1.035].
    Where it differs: between the omega and the phi our R lacks part of the
    omega pi / 3 pi off-peak cross section, so our width is up to 17 % low there
    (c*tau high); the phi peak itself is compared only outside +-2 widths.
    """
    ref = np.loadtxt(ref_path("lifetimes_brs/FORESEE__DarkPhoton_ctau.txt"))
    m, ct = ref[:, 0], ref[:, 1]
    near = np.zeros_like(m, bool)
    for mv, gv in [(C.M_OMEGA, C.GAMMA_OMEGA), (C.M_PHI, C.GAMMA_PHI)]:
        near |= np.abs(m - mv) < 2 * gv
    sel = (m > 0.3) & (m < 2.0) & (ct > 0) & ~near
    ratio = dp.ctau(m[sel], 1.0) / ct[sel]
    assert np.median(np.abs(ratio - 1)) < 0.15  # measured 0.03
    assert np.all(np.abs(ratio - 1) < 0.30)  # measured max 0.26 (phi tail)
    for lo, hi in [(0.5, 0.74), (1.05, 1.5), (1.5, 2.0)]:
        s = (m[sel] > lo) & (m[sel] < hi)
        assert abs(np.median(ratio[s]) - 1) < 0.05


@pytest.mark.reference
def test_br_electrons_vs_reference(dp):
    ref = np.loadtxt(ref_path("lifetimes_brs/FORESEE__DarkPhoton_bfrac_elec.txt"))
    m, br = ref[:, 0], ref[:, 1]
    sel = (m > 0.3) & (m < 2.0) & (br > 0)
    ours = dp.branching_ratios(m[sel])["e+e-"]
    assert np.median(np.abs(ours / br[sel] - 1)) < 0.15  # measured 0.04


def test_sum_thresholds_scaling(dp):
    m = np.logspace(-4, 1.2, 300)
    brs = dp.branching_ratios(m)
    assert np.allclose(sum(brs.values()), 1.0)
    w = dp.partial_widths(m)
    assert np.all(w["mu+mu-"][m < 2 * C.M_MU] == 0) and np.all(w["mu+mu-"][m > 2 * C.M_MU] > 0)
    assert np.all(w["tau+tau-"][m < 2 * C.M_TAU] == 0)
    assert np.all(w["hadrons"][m < 2 * C.M_PI] == 0)
    assert np.all(w["3gamma"][m > 2 * C.M_E] == 0)
    assert np.allclose(dp.ctau(m, 1e-3) / dp.ctau(m, 1e-5), 1e-4)
    # far above thresholds Gamma -> (alpha m/3)(3 + R) with R -> 3 sum Q^2 (1 + alpha_s/pi)
    r = w["hadrons"][-1] / w["e+e-"][-1]
    assert 3.3 < r < 3.9  # 11/3 (1 + a_s/pi) including b quarks
