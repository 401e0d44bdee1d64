"""BBN and SN1987A bounds on the dark scalar vs ../shared/reference/fig4_scalar.

Measured (delta log10 sin^2 theta, ours minus reference):

* SN1987A (one-zone, soft quadrupole bremsstrahlung) vs bounds_SN1987: lower edge
  -0.19..-0.37 (median |d| 0.23, 20 masses 0.033-0.234 GeV), upper edge +0.40..-0.12
  (median 0.25); the region closes at 0.24 GeV (reference 0.245). Slightly outside the
  0.2 target on both edges; the estimate's own uncertainty (core profile, cross section,
  pion-exchange terms) is larger than that. Dev, Mohapatra, Zhang (arXiv:2005.00490,
  abstract) exclude sin theta 3.9e-7..7.0e-6, i.e. sin^2 theta 1.5e-13..4.9e-11, up to
  147 MeV: our band at 0.1 GeV, 1.3e-13..1.9e-10, contains theirs.
* BBN vs bounds_BBN at the reference's 32 masses (0.03-3.99 GeV): median |d| 0.370 (on
  50 of our masses, the measure used before: 0.36) - the 0.2 target is NOT met overall.
  With mesonic decays fipkit computes tau_max ~ 0.020-0.022 s itself (n/p conversion,
  fipkit.cosmo.bbn); at the reference's 17 masses on 0.28-3.5 GeV the median is 0.267
  (0.21 on 24 of our masses without the f0): +0.0..+0.4 at 0.28-0.9 GeV (our lifetime
  is 1.2-1.4x FORESEE's: +0.1), -0.0..-0.4 at 1.2-1.8 GeV and 0.00-0.02 at
  2-3.4 GeV; the f0(980) (+0.95, see tests/test_dark_scalar.py) and 3.7-4.6 GeV (-0.3..
  -1.2) are off. In the muon window (0.21-0.28 GeV, quoted 0.1 s) +0.21, -0.04, -0.01.
  Below 2 m_mu the quoted "about a second" is 0.55-0.7 dex weaker than the reference,
  which, converted with FORESEE's own c tau, is a 0.2-0.3 s contour stepping to 0.1 s at
  m_pi (ours steps at 2 m_mu: -0.9 at 0.14-0.2 GeV); fipkit does not compute the
  electromagnetic (expansion-rate, entropy) bound.
"""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.cosmo import get_bound, scalar_bounds, supernova
from fipkit.models import get_model
from refcurves import edge_stats, read_polygon, ref_edges

MODEL = get_model("dark-scalar")


def _sn_stats(n_masses: int = 85):
    ms = np.geomspace(0.03, 0.25, n_masses)
    c = get_bound("SN1987A")(MODEL, ms)
    x, y = read_polygon("fig4_scalar/FORESEE__bounds_SN1987.txt", square=True)
    rm, lo, hi = ref_edges(x, y, "polygon", pad_above=0.5)
    return c, edge_stats(c, rm, lo, "lower", ms), edge_stats(c, rm, hi, "upper", ms)


@pytest.mark.reference
def test_sn1987a_scalar_edges():
    """At the reference's masses, 30-242 MeV (refcurves.edge_stats), 85 masses (43 leave
    the tip at 0.242 GeV unresolved, 0.02 dex lower): lower 0.269 (signed -0.27, ours
    stronger), upper 0.157 over 21-22 masses (0.23 / 0.25 on our grid masses before);
    target 0.2 missed on the lower edge. Doubling the masses moves neither."""
    c, low, up = _sn_stats()
    for st in (low, up):
        assert st.n >= 15 and st.outside == 0 and st.missing == 0, st
    assert low.median < 0.30 and up.median < 0.2, (low, up)
    _, low2, up2 = _sn_stats(169)
    assert abs(low2.median - low.median) < 0.01 and abs(up2.median - up.median) < 0.01
    assert 0.2 < c.lower_edge()[0].max() < 0.26


def test_sn1987a_scalar_scales_with_nucleon_coupling(monkeypatch):
    """Free streaming: the lower edge ∝ 1 / y_N^2."""
    ms = np.array([0.05])
    lo1, _ = supernova.sn1987a_bound(MODEL, ms)
    monkeypatch.setattr(supernova, "F_N", 2 * supernova.F_N)
    lo2, _ = supernova.sn1987a_bound(MODEL, ms)
    assert lo1[0] / lo2[0] == pytest.approx(4.0, rel=0.05)


def test_sn1987a_contains_dev_et_al_band():
    """2005.00490 (abstract): sin theta 3.9e-7..7.0e-6 excluded; ours is wider at 0.1 GeV."""
    lo, hi = supernova.sn1987a_bound(MODEL, np.array([0.1]))
    assert lo[0] < (3.9e-7) ** 2 < (7.0e-6) ** 2 < hi[0]


@pytest.mark.reference
def test_bbn_lifetime_contour_and_reference():
    """The BBN line at the reference's masses (refcurves.edge_stats, 32 masses 0.03-3.99
    GeV): median 0.370 (signed -0.05), 0.267 on 0.28-3.5 GeV (ours +0.27 weaker there,
    the f0(980) included); 99 grid masses, where doubling them moves the median < 0.01
    (0.358 on 50). Target 0.2 NOT met (module doc)."""
    ms = np.logspace(np.log10(0.03), np.log10(4.6), 99)
    c = get_bound("BBN")(MODEL, ms)
    m, hi = c.upper_edge()
    # at the edge the scalar lives exactly tau_max
    tau = MODEL.ctau(m, hi) / C.C_LIGHT
    assert np.allclose(tau, scalar_bounds.bbn_tau_max(MODEL, m), rtol=1e-9)
    x, y = read_polygon("fig4_scalar/FORESEE__bounds_BBN.txt", square=True)
    rm, _, rhi = ref_edges(x, y, "polygon")
    whole = edge_stats(c, rm, rhi, "upper", ms)
    mesons = edge_stats(c, rm, rhi, "upper", ms, (0.28, 3.5))
    print(whole, mesons)
    assert whole.n >= 30 and whole.missing == 0 and whole.outside == 0, whole
    assert abs(whole.median - 0.370) < 0.03, whole  # target 0.2 NOT met
    assert abs(mesons.median - 0.267) < 0.03 and mesons.signed > 0, mesons
    ms2 = np.logspace(np.log10(0.03), np.log10(4.6), 197)
    c2 = get_bound("BBN")(MODEL, ms2)
    assert abs(edge_stats(c2, rm, rhi, "upper", ms2).median - whole.median) < 0.01
    # below 2 m_mu (our masses) the quoted "about a second" is too weak
    top = y > 1e-19  # drop the closing padding at 1e-20
    ref = 10 ** np.interp(np.log10(m), np.log10(x[top][:-1]), np.log10(y[top][:-1]))
    assert np.all(np.log10(hi / ref)[m < 0.2] < -0.5)


def test_bbn_meson_bound():
    """n/p: the SM run gives Y_p = 0.245 (measured 0.243 with neutron decay to 180 s);
    tau_max ~ 0.02 s and only logarithmically sensitive to its inputs."""
    from fipkit.cosmo import bbn

    yp = 2 * bbn.neutron_fraction(0.1, 0.0) * np.exp(-180 / bbn.TAU_N)
    assert yp == pytest.approx(0.245, abs=0.005)
    t1 = bbn.tau_max_mesons(1.0)
    assert 0.015 < t1 < 0.03  # measured 0.0206
    assert bbn.tau_max_mesons(1.0, sigma_v=2 * bbn.SIGMA_V) / t1 == pytest.approx(1, abs=0.1)
    assert bbn.tau_max_mesons(1.0, y_s=2 * bbn.relic_per_baryon()) / t1 == pytest.approx(1, abs=0.1)
    assert bbn.tau_max_mesons(1.0, dyp=0.005) / t1 == pytest.approx(1, abs=0.2)
    assert bbn.delta_yp(0.3, 1.0) > bbn.DELTA_YP_MAX > bbn.delta_yp(0.01, 1.0)
