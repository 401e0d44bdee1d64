"""HNL partial and total widths (fipkit.models.hnl_widths): limits, closed forms,
physics-note checkpoints and the SensCalc total-width table."""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.errors import FipkitInputError
from fipkit.models import hnl_widths as H
from refcurves import ref_path

FLAVOURS = ("e", "mu", "tau")
G2 = C.G_FERMI**2
M_L = {"e": C.M_E, "mu": C.M_MU, "tau": C.M_TAU}


@pytest.fixture(scope="module")
def senscalc():
    """SensCalc HNLdecayWidth.dat: m_N, Gamma_e, Gamma_mu, Gamma_tau (Majorana, U^2 = 1),
    restricted to m <= 6 GeV (the W/Z region is not modelled)."""
    d = np.loadtxt(ref_path("lifetimes_brs/SensCalc__HNLdecayWidth.dat"))
    return d[d[:, 0] <= 6.0]


@pytest.mark.reference
def test_total_width_vs_senscalc_below_1gev(senscalc):
    """Measured max |ours/SensCalc - 1| for m < 1 GeV (223 table points): e 0.029 (at
    0.98 GeV), mu 0.023 (0.94), tau 0.023 (0.94); medians 1.003-1.004.  Leptonic region
    (m < 0.3 GeV) agrees to 0.3%.  Asked: <= 5%; asserted with the measured level + margin."""
    m = senscalc[:, 0]
    low = m < 1.0
    for j, fl in enumerate(FLAVOURS):
        r = H.total_width(m[low], fl) / senscalc[low, j + 1]
        assert np.max(np.abs(r - 1)) < 0.035, (fl, np.max(np.abs(r - 1)))
        lept = m[low] < 0.3
        assert np.max(np.abs(r[lept] - 1)) < 0.005, fl


@pytest.mark.reference
def test_total_width_vs_senscalc_above_1gev(senscalc):
    """1-6 GeV (250 table points).  Measured ratio ours/SensCalc (central, M_MATCH = 1
    GeV): e 1.052-1.166, mu 1.052-1.162, tau 1.055-1.223 (largest at 1.4-1.9 GeV, where tau
    mixing has the quark-level NC width but only exclusive CC channels).  SensCalc lies
    inside width_band at 2% / 4% / 0% of the points, otherwise just below its lower
    edge: largest relative distance e 0.112 (2.02 GeV), mu 0.105 (2.11), tau 0.195 (2.02);
    above 2.2 GeV (band collapsed) e, mu are 5-10% high, tau 6-16%.  These moved up by
    ~4% when alpha_s was corrected (the two-loop term had the wrong sign and n_f = 5 at
    all scales: alpha_s(2 GeV) 0.244 -> 0.297, PDG 0.30); before: 1.009-1.119 / 1.003-1.117
    / 1.046-1.194, band distances 0.091 / 0.089 / 0.170.  Asserted: the band widened by
    12% (e, mu) / 20% (tau) (was 10% / 18%), and the central ratio within 1.03-1.25."""
    m = senscalc[:, 0]
    hi_m = m > 1.0
    for j, (fl, tol) in enumerate(zip(FLAVOURS, (0.12, 0.12, 0.20))):
        ref = senscalc[hi_m, j + 1]
        lo, hi = H.width_band(m[hi_m], fl)
        assert np.all(ref >= lo / (1 + tol)), fl
        assert np.all(ref <= hi * (1 + tol)), fl
        r = H.total_width(m[hi_m], fl) / ref
        assert 1.03 < r.min() and r.max() < 1.25, (fl, r.min(), r.max())


def test_physics_note_checkpoints():
    # scalar_and_hnl.md §5 item 9 (SensCalc table + independent evaluation), Majorana,
    # U^2 = 1, within 5%.  Measured ratios: 1.001, 0.999, 1.006, 1.017.
    assert H.total_width(0.1, "e") == pytest.approx(7.25e-19, rel=0.05)
    assert H.total_width(0.1, "mu") == pytest.approx(5.15e-19, rel=0.05)
    assert H.total_width(1.0, "e") == pytest.approx(3.52e-13, rel=0.05)
    assert H.total_width(1.0, "tau") == pytest.approx(1.23e-13, rel=0.05)
    # c tau_e(1 GeV) = 0.561 mm (note) -> 0.543 mm here (3% shorter)
    assert H.ctau(1.0, "e") == pytest.approx(5.61e-4, rel=0.05)


def test_light_limit_is_three_neutrinos():
    # m << m_e: only N -> 3 nu, Gamma = G_F^2 m^5 / (96 pi^3) for a Majorana N
    m = np.array([1e-4, 5e-4, 1.0e-3])
    for fl in FLAVOURS:
        w = H.partial_widths(m, fl)
        assert all(np.all(v == 0) for k, v in w.items() if k != "nu nu nu"), fl
        np.testing.assert_allclose(H.total_width(m, fl), G2 * m**5 / (96 * np.pi**3), rtol=1e-12)
    # below 2 m_e the three flavours coincide
    np.testing.assert_array_equal(H.total_width(m, "e"), H.total_width(m, "tau"))


def test_majorana_is_twice_dirac_channel_by_channel():
    m = np.geomspace(1e-3, 6.0, 60)
    for fl in FLAVOURS:
        maj, dir_ = H.partial_widths(m, fl), H.partial_widths(m, fl, majorana=False)
        assert maj.keys() == dir_.keys()
        for k in maj:
            np.testing.assert_allclose(maj[k], 2 * dir_[k], rtol=1e-14, err_msg=k)
        np.testing.assert_allclose(H.ctau(m, fl, majorana=False), 2 * H.ctau(m, fl), rtol=1e-12)
    # c tau scales as 1/U^2
    assert H.ctau(0.5, "mu", U2=1e-6) == pytest.approx(1e6 * H.ctau(0.5, "mu"), rel=1e-12)


def _thresholds(fl):
    """Opening mass of every channel, from the particle masses (by hand)."""
    ml, mpi = M_L[fl], C.M_PI
    th = {"nu nu nu": 0.0}
    for b, mb in M_L.items():
        th[f"nu {b} {b}"] = 2 * mb
        if b != fl:
            th[f"{fl} {b} nu"] = ml + mb
    charged = {"pi": C.M_PI, "K": C.M_K, "D": C.mass(411), "Ds": C.mass(431)}
    charged |= {"B": C.M_B, "Bc": C.mass(541), "K*": C.mass(323), "D*": C.mass(413)}
    charged |= {"Ds*": C.mass(433), "rho": 2 * mpi, "a1": 3 * mpi}  # broad: line-shape edge
    th |= {f"{fl} {k}": ml + v for k, v in charged.items()}
    neutral = {"pi0": C.M_PI0, "eta": C.M_ETA, "eta'": C.M_ETAP, "eta_c": C.mass(441)}
    neutral |= {"rho0": 2 * mpi, "omega": C.M_OMEGA, "phi": C.M_PHI, "J/psi": C.M_JPSI}
    neutral |= {"a1": 3 * mpi}
    th |= {f"nu {k}": v for k, v in neutral.items()}
    th["quarks CC"] = ml + H.M_QUARK["u"] + H.M_QUARK["d"]
    th["quarks NC"] = 2 * H.M_QUARK["u"]
    return th


def test_every_channel_closed_below_and_open_above_threshold():
    for fl in FLAVOURS:
        th = _thresholds(fl)
        assert set(th) == set(H.partial_widths(1.0, fl))
        for name, t in th.items():
            # exclusive channels need the matching mass above; quark channels below
            match = 0.0 if name.startswith("quarks") else 100.0
            if t > 0:
                below = H.partial_widths(t * (1 - 1e-6), fl, matching=match)[name]
                assert below == 0, (fl, name)
            above = H.partial_widths(t * 1.01 + 1e-3, fl, matching=match)[name]
            assert above > 0, (fl, name)


def test_branching_ratios_sum_to_one():
    m = np.geomspace(1e-3, 6.0, 40)
    for fl in FLAVOURS:
        w = H.partial_widths(m, fl)
        tot = H.total_width(m, fl)
        np.testing.assert_allclose(sum(v / tot for v in w.values()), 1.0, rtol=1e-12)
        assert all(np.all(v >= 0) for v in w.values())


def test_l_pi_closed_form_by_hand():
    # Gamma(N -> l- pi+) = G^2 f_pi^2 |V_ud|^2 m^3/(16 pi) [(1-xl^2)^2 - xpi^2 (1+xl^2)]
    #   x lambda^1/2(1, xpi^2, xl^2), times 2 for l+ pi- (Majorana)
    m = 0.5
    for fl in ("e", "mu"):
        xl2, xp2 = (M_L[fl] / m) ** 2, (C.M_PI / m) ** 2
        lam = 1 + xp2**2 + xl2**2 - 2 * xp2 - 2 * xl2 - 2 * xp2 * xl2
        kin = ((1 - xl2) ** 2 - xp2 * (1 + xl2)) * np.sqrt(lam)
        dirac = G2 * 0.1302**2 * 0.97367**2 * m**3 / (16 * np.pi) * kin
        assert H.partial_widths(m, fl)[f"{fl} pi"] == pytest.approx(2 * dirac, rel=1e-12)
    # N -> nu pi0 = G^2 f_pi^2 m^3/(32 pi) (1 - xpi0^2)^2 (Dirac)
    w = G2 * 0.1302**2 * m**3 / (32 * np.pi) * (1 - (C.M_PI0 / m) ** 2) ** 2
    assert H.partial_widths(m, "e", majorana=False)["nu pi0"] == pytest.approx(w, rel=1e-12)


def test_i_function_limits_and_muon_decay():
    assert H.i_function(0, 0, 0) == pytest.approx(1.0, rel=1e-6)
    # one massive final fermion: the muon-decay function 1 - 8x + 8x^3 - x^4 - 12 x^2 ln x
    for xm in (0.05, 0.2, 0.5):
        x = xm**2
        f = 1 - 8 * x + 8 * x**3 - x**4 - 12 * x**2 * np.log(x)
        for args in ((xm, 0, 0), (0, xm, 0), (0, 0, xm)):
            assert H.i_function(*args) == pytest.approx(f, rel=1e-6), args
    # symmetric in its arguments with two masses, zero when closed
    a, b = H.i_function(0.3, 0.4, 0.1), H.i_function(0.1, 0.3, 0.4)
    assert a == pytest.approx(b, rel=1e-6)
    assert H.i_function(0.5, 0.3, 0.3) == 0


def test_nc_leptonic_massless_limit():
    # m >> m_l: Gamma(N -> nu l l)/(G^2 m^5/(192 pi^3)) -> C1 (f1 -> 1, f2 -> 0); same
    # flavour carries the CC-NC interference, 1/4 (1 + 4 s^2 + 8 s^4)
    s = H.SIN2_W
    m = 50.0
    unit = G2 * m**5 / (192 * np.pi**3)
    w = H.partial_widths(m, "e", majorana=False)
    assert w["nu e e"] / unit == pytest.approx(0.25 * (1 + 4 * s + 8 * s**2), rel=1e-4)
    assert w["nu mu mu"] / unit == pytest.approx(0.25 * (1 - 4 * s + 8 * s**2), rel=1e-3)
    # no cancellation trouble for the electron at small x = m_e/m
    tiny = H.partial_widths(np.geomspace(2.1 * C.M_E, 0.1, 50), "mu")["nu e e"]
    assert np.all(np.isfinite(tiny)) and np.all(np.diff(tiny) > 0)


def test_continuity_at_the_matching_mass_within_band():
    # at each switch (NC at m = matching, CC at matching + m_l) the total jumps by no more
    # than the band width there, and the values on both sides lie inside the band
    eps = 1e-7
    for fl in FLAVOURS:
        for match in (H.M_MATCH, 1.5, 2.0):
            for mt in (match, match + M_L[fl]):
                below = H.total_width(mt - eps, fl, matching=match)
                above = H.total_width(mt + eps, fl, matching=match)
                lo_b, hi_b = H.width_band(mt - eps, fl)
                lo_a, hi_a = H.width_band(mt + eps, fl)
                spread = max(hi_b - lo_b, hi_a - lo_a)
                assert abs(above - below) <= spread * 1.001 + 1e-6 * above, (fl, match, mt)
                assert lo_a * (1 - 1e-9) <= above <= hi_a * (1 + 1e-9)
                assert lo_b * (1 - 1e-9) <= below <= hi_b * (1 + 1e-9)


def test_width_band_collapses_outside_matching_interval():
    for fl in FLAVOURS:
        m = np.array([0.3, 0.9, 2.3 + M_L[fl], 5.0])
        lo, hi = H.width_band(m, fl)
        np.testing.assert_allclose(lo, H.total_width(m, fl), rtol=1e-12)
        np.testing.assert_allclose(hi, H.total_width(m, fl), rtol=1e-12)
        mid = np.array([1.2, 1.6, 1.9])
        lo, hi = H.width_band(mid, fl)
        c = H.total_width(mid, fl)
        assert np.all(lo <= c * (1 + 1e-12)) and np.all(c <= hi * (1 + 1e-12))
        assert np.all(hi > lo * 1.001)  # NC matching ambiguity at least 0.1% there


def test_charged_tracks_and_visible_width():
    for fl in FLAVOURS:
        w = H.partial_widths(1.0, fl)
        assert set(w) <= set(H.CHARGED_TRACKS)
    ct = H.CHARGED_TRACKS
    assert all(0 <= v <= 1 for v in ct.values())
    assert ct["nu nu nu"] == 0 and ct["nu pi0"] == 0
    assert ct["e pi"] == ct["tau pi"] == ct["nu e e"] == ct["nu rho0"] == 1
    assert ct["nu eta"] == pytest.approx(0.2292 + 0.0422)
    assert ct["nu omega"] == pytest.approx(0.892 + 0.0153)
    m = np.geomspace(1e-3, 5.0, 30)
    for fl in FLAVOURS:
        vis = H.visible_width(m, fl)
        assert np.all(vis <= H.total_width(m, fl))
        assert np.all(vis[m < 2 * C.M_E] == 0)
        # above 1 GeV at least half of the decays are visible
        assert np.all(vis[m > 1.0] > 0.5 * H.total_width(m[m > 1.0], fl))


def test_shapes_and_input_checks():
    assert np.shape(H.total_width(0.5, "e")) == ()
    grid = np.linspace(0.1, 3.0, 6).reshape(2, 3)
    assert H.total_width(grid, "mu").shape == (2, 3)
    assert all(v.shape == (2, 3) for v in H.partial_widths(grid, "tau").values())
    with pytest.raises(FipkitInputError):
        H.partial_widths(1.0, "x")


def test_named_exclusive_channel_survives_the_matching_mass():
    """A published selection N -> e pi keeps its exclusive width above the matching mass
    (where the total's hadronic part is quark-level): BR = Gamma(e pi) / Gamma_total,
    continuous up to the jump of the total; the quark-level channel is still its own."""
    from fipkit.models import get_model

    model = get_model("hnl-e")
    m = np.array([0.99, 1.01, 2.0])
    br = model.br_visible(m, ("e pi",))
    excl = model.exclusive_widths(m)["e pi"]
    total = np.sum(list(model.partial_widths(m).values()), axis=0)
    np.testing.assert_allclose(br, excl / total, rtol=1e-12)
    assert np.all(br > 0.02)
    # across 1 GeV the e pi width is smooth (~m^3 well above threshold)
    assert excl[0] / excl[1] == pytest.approx((0.99 / 1.01) ** 3, rel=0.01)
    q = model.br_visible(m, ("quarks CC",))
    assert q[0] == 0 and q[1] > 0.3
