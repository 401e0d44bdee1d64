"""The photon-coupled ALP (BC9): width, Primakoff cross section, reach contract, and the
proton-dump regions against ../shared/reference/fig5_alp_photon.

Measured (median |delta log10 g| along each edge at the reference's masses over its whole
mass range, signed: log10 ours / reference; 10 masses per decade (at least 30), g =
1e-9..1e-1, 12 per decade; fipkit: Primakoff conversion of the primary photons of pi0
and eta decays; the numbers on the searches' own narrower ranges, used before, in
brackets where they differ):

vs ALPINIST (Jerhot et al. arXiv:2201.05170, which also converts meson-decay photons):
* SHiP: lower 0.100 (-0.10), upper 0.066 (+0.00), 0.0024-1.85 GeV (0.084 / 0.059): within;
* CHARM: lower 0.238 (-0.24: ours stronger), upper 0.106 (+0.11), 0.0001-0.12 GeV (0.219);
* NA62-dump: lower 0.331 (+0.32: ours weaker), upper 0.161 (-0.10), 0.001-0.62 GeV [N]
  (0.352 / 0.138).
vs FORESEE's lines (the published curves it draws):
* CHARM: lower 0.317 (-0.32), upper 0.102 (+0.10), 0.010-0.078 GeV (ours closes near
  0.17 GeV, FORESEE's at 0.08);
* SHiP: lower 0.577 (-0.58), upper 0.243 (+0.24), 0.01-1.07 GeV;
* NA62-dump: lower 0.466 (-0.47), upper 0.133 (+0.13), 0.01-0.25 GeV.

[G] ALPINIST's contours are on g_gg = C_gammagamma / Lambda, with C_gg = C_BB for this
scenario; its width a_2Gamma = e^4 g_gg^2 m^3 / (4 pi) (ALP_rescale/alp/decay_widths.py)
equals g_agg^2 m^3 / (64 pi) for g_agg = 4 e^2 g_gg = 16 pi alpha g_gg = 0.3668 g_gg:
the contours are multiplied by 0.3668 here (the reference README's "about g_agg" would
put every ALPINIST curve 0.44 dex off).
[F] The FORESEE lines are the published curves (for CHARM and SHiP, as far as recalled
and not checked, Dobrich et al. arXiv:1512.03069, whose photons are the proton's
quasi-real ones; arXiv:1904.02091 found meson-decay photons to dominate): our lower
edges are 0.3-0.6 dex stronger than those, consistent with ALPINIST's for SHiP.
[N] NA62-dump: ALPINIST's exposure and geometry for NA62 were not read (fipkit: 1e18 POT,
the dark-photon entry's decay volume and E > 5 GeV).
Also [C]: CHARM reuses the dark-photon entry's efficiency 0.5 and E > 1 GeV.

DarkQuest Phase II [Q] (1e20 POT on the iron dump, the catalog entry's 5-6 m box):
* vs ALPINIST: lower 0.338 (-0.34), upper 0.289 (+0.29), 0.010-0.70 GeV;
* vs FORESEE's SeaQuest line: lower 0.555 (-0.56), upper 0.215 (+0.22), 0.010-0.40
  GeV. FORESEE's SeaQuest line is likely Phase I (1.44e18 POT, not checked): 70 x fewer
  protons would account for 0.46 dex of the lower edge (N ∝ g^4). ALPINIST's exposure
  and box were not read. Not diagnosed further.

LHC [L] (photons of pi0 and eta decays at 14 TeV converting in the TAN, iron at 140 m,
all forward photons taken to cross it, as FORESEE's set-up; the ALP flies on from there):
* FASER2 vs FORESEE: lower 0.043 (-0.04), upper 0.108 (-0.11), 0.010-0.33 GeV: within;
* FASER vs FORESEE: lower 0.410 (+0.41: ours weaker), upper 0.138 (-0.14), 2e-5-0.07
  GeV (0.417 / 0.140). Not diagnosed: FORESEE's FASER set-up is the 2022-23 detector (60 fb^-1, the
  line of sight 6.5 cm off the axis of its 10 cm radius) while fipkit's FASER entry is
  the 150 fb^-1 Run 3 projection centred on the axis; which one the line is was not
  checked.

Electron dumps [E] (Primakoff on the shower's photons, photon track length of
:mod:`fipkit.production.photon_track`, the ALP at its Primakoff angle to the photon):
* E137 vs ALPINIST's recast: lower 0.213 (-0.21), upper 0.043 (+0.04), 1e-4-0.52 GeV
  (0.232); vs FORESEE: lower 0.338 (-0.34), upper 0.104 (+0.10), 3e-5-0.51 GeV (0.350 /
  0.095);
* E141 vs ALPINIST: lower 0.642 (-0.64), upper 0.226 (+0.23), 3e-4-0.026 GeV (0.665); vs
  FORESEE: lower 1.05 (-1.05), upper 0.25 (+0.25), 0.010-0.026 GeV.
Lower edges too strong, E141 by far. Not diagnosed; candidates: E141 reuses the
dark-photon entry's published N_up = 3419 (95% CL, e+e- selection) and E > 4.5 GeV, not an
ALP analysis's; the shower photons' own angles are neglected (all ALPs aimed down the
beam: at E141, 35 m from a 12 cm target with a 1 m radius acceptance, this matters
little; at E137 it overestimates the acceptance of soft photons); the photon track
length near k -> E0 (Tsai's b = 4/3 radiates 8% too much energy, helper note in
:mod:`fipkit.production.photon_track`).

NA64 (2020) [A] (the same shower photons in the 100 GeV active dump; signal: every ALP with
E > 50 GeV that survives the first 2.0 m, ECAL and first HCAL module):
* vs FORESEE's line: lower 0.112 (-0.11), upper 0.144 (+0.14), 0.010-0.055 GeV: within.
The lower edge is flat (1.67e-4 below 20 MeV, signal ∝ g^2: no decay factor), the
reference's 2.2-2.4e-4; an efficiency of 0.5 would close it, but the paper's was not read
(the catalog entry uses 1). The upper edge depends on the shield length (2.0 m assumed).
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from clirun import run
from fipkit import constants as C
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.production import primakoff as P
from fipkit.reach import compute_reach
from refcurves import edge_stats, ref_edges, ref_path


def test_ctau_checkpoint():
    """c tau(a -> gamma gamma) = 64 pi hbar c / (g^2 m^3): 0.3967 m at g = 1e-5 GeV^-1,
    m = 0.1 GeV (issue 11; ../shared/physics/vector_and_alp.md Sec. 2.2)."""
    ctau = get_model("alp-photon").ctau(0.1, 1e-5)
    assert abs(ctau / 0.3967 - 1) < 1e-3, ctau
    m = np.array([1e-3, 0.05, 2.0])
    np.testing.assert_allclose(
        get_model("alp-photon").ctau(m, 1.0), 64 * np.pi * C.HBARC_GEV_M / m**3, rtol=1e-12
    )


@pytest.mark.reference
def test_ctau_vs_tables():
    """FORESEE's table: 1.36% above ours everywhere (its hbar c ~ 2.0e-16 GeV m).
    SensCalc's: 1.0034 at 1 MeV falling log-linearly to 0.9709 at 9.3 GeV (0.35% per
    factor 10 below 0.1 GeV, 0.8% per decade above): a mass-dependent convention of
    theirs (e.g. a running alpha in the g_agg normalisation; not checked)."""
    model = get_model("alp-photon")
    m, ctau = np.loadtxt(ref_path("lifetimes_brs/FORESEE__ALP-photon_ctau.txt"), unpack=True)
    ratio = ctau / model.ctau(m, 1.0)
    assert np.all(np.abs(ratio / 1.0136 - 1) < 0.003), (ratio.min(), ratio.max())
    m, ctau = np.loadtxt(ref_path("lifetimes_brs/SensCalc__ctauALP.txt"), unpack=True)
    ratio = ctau / model.ctau(m, 1.0)
    assert np.all(np.abs(ratio[m < 0.02] - 1) < 0.004), ratio[m < 0.02]
    assert np.all((ratio > 0.968) & (ratio < 1.004)) and np.all(np.diff(ratio) < 1e-4)


def test_primakoff_massless_unscreened_nucleus_closed_form():
    """m -> 0 with a point nucleus (d -> inf): with F = a^2 t / (1 + a^2 t),
    sigma = (alpha Z^2 / 16) [(2 + 2b) ln((2 + b) / b) - 4], b = 1 / (2 a^2 E^2),
    by integrating dsigma/dcos theta in closed form (t = 2 E^2 (1 - cos theta))."""
    Z = 26
    a = 111 * Z ** (-1 / 3) / C.M_E
    for E in (1e-3, 1e-2, 1.0, 100.0):
        b = 1 / (2 * a * a * E * E)
        exact = C.ALPHA_EM * Z**2 / 16 * ((2 + 2 * b) * np.log((2 + b) / b) - 4)
        got = P.cross_section([E], 1e-7, Z, 1e-12)[0]
        assert abs(got / exact - 1) < 2e-4, (E, got, exact)  # measured 1e-7 .. 8e-5


def test_primakoff_threshold_mass_and_material():
    """0 at E <= m; falls with m at fixed E (t_min = (m^2/2E)^2 grows) and the nuclear
    form factor cuts it; the thick-target probability is sigma / sigma_abs with
    sigma_abs = 7/9 A / (N_A X0) = 5.21 b for iron."""
    fe = C.MATERIALS["Fe"]
    assert P.cross_section([0.05, 0.1], 0.1, fe["Z"], fe["A"])[0] == 0.0
    s = P.cross_section([100.0] * 4, 0.01, fe["Z"], fe["A"])
    assert np.all(s == s[0])
    ms = [0.01, 0.05, 0.2, 0.5]
    sig = [P.cross_section([100.0], m, fe["Z"], fe["A"])[0] for m in ms]
    assert np.all(np.diff(sig) < 0)
    assert abs(P.absorption_cross_section("Fe") * C.GEV2_TO_CM2 / 5.21e-24 - 1) < 2e-3
    E = np.geomspace(0.06, 300, 40)
    direct = P.cross_section(E, 0.05, fe["Z"], fe["A"]) / P.absorption_cross_section("Fe")
    np.testing.assert_allclose(P.conversion_probability(E, 0.05, "Fe"), direct, rtol=5e-3)


def test_angle_draw_follows_the_cross_section():
    """sigma_and_angle returns cross_section's sigma, and its angles follow
    dsigma/dtheta: their median is where half the cross section is reached."""
    fe = C.MATERIALS["Fe"]
    E = np.full(40_000, 5.0)
    sigma, theta = P.sigma_and_angle(E, 0.05, fe["Z"], fe["A"], np.random.default_rng(3))
    np.testing.assert_allclose(sigma, P.cross_section([5.0], 0.05, fe["Z"], fe["A"])[0])
    th, f = P._theta_integrand(np.array([5.0]), 0.05, fe["Z"], fe["A"])
    lth = np.log(th[0])
    cdf = np.concatenate([[0], np.cumsum(0.5 * (f[0, 1:] + f[0, :-1]) * np.diff(lth))])
    half = np.exp(np.interp(0.5 * cdf[-1], cdf, lth))
    assert abs(np.median(theta) / half - 1) < 0.02
    assert np.all(theta > th[0, 0]) and np.all(theta < th[0, -1])


def test_region_scales_as_the_primakoff_yield():
    """Long lifetimes: N ∝ g^2 (production) x g^2 (decay): doubling the exposure lowers
    the lower edge by 2^(1/4); the reach exists and closes at large g."""
    model = get_model("alp-photon")
    search = get_experiment("NuCal", model)
    m, g = np.array([0.02]), np.logspace(-8, -1, 141)
    a = compute_reach(model, search, m, g)
    from dataclasses import replace

    exposure = {**search.detector.exposure, "n_beam": 2 * search.detector.exposure["n_beam"]}
    det = replace(search.detector, exposure=exposure)
    b = compute_reach(model, replace(search, detector=det), m, g)
    assert abs(np.log10(a.low[0] / b.low[0]) - 0.25 * np.log10(2)) < 0.01
    assert a.high[0] < 1e-2 and not a.high_open[0]


def test_reach_csv_and_width_contract(tmp_path, capsys):
    out = tmp_path / "a.csv"
    args = ["reach", "alp-photon", "NuCal", "--out", str(out), "--n-masses", "4"]
    code, _, err = run([*args, "--mass-min", "0.01", "--mass-max", "0.1"], capsys)
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert lines[0] == "mass_GeV,g_agg_GeV-1_low,g_agg_GeV-1_high" and len(lines) == 5
    code, text, err = run(["width", "alp-photon", "--mass", "0.1", "--coupling", "1e-5"], capsys)
    assert code == 0 and "gamma gamma" in text, err
    code, _, err = run(["width", "alp-photon", "--mass", "0.1", "--coupling", "-1"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1


# -- regions vs the published lines ---------------------------------------------------
#: g_agg = 16 pi alpha g_gg for ALPINIST's contours [G]
ALPINIST_TO_G_AGG = 16 * np.pi * C.ALPHA_EM
_ALPINIST = "ALPINIST__contour_{}_mX_CBB_fixed-CWW0-CGG0-Cll0-Cqq0_2Gamma.dat"
ROWS = [
    # (search, reference, mass range, (lower, upper) measured median |delta|)
    ("SHiP", _ALPINIST.format("SHiP"), (0.01, 2.0), (0.100, 0.066)),
    ("CHARM", _ALPINIST.format("CHARM"), (0.005, 1.0), (0.238, 0.106)),  # [C]
    ("NA62-dump", _ALPINIST.format("NA62"), (0.01, 2.0), (0.331, 0.161)),  # [N]
    # DUNE ND (the MPD cylinder at 574 m, 1.1e22 POT on graphite: Primakoff of the meson
    # photons in the 2.2 m target): 78 / 50 reference masses, ours +0.01 / -0.02 signed
    ("DUNE-ND", _ALPINIST.format("DUNE"), (0.005, 2.0), (0.032, 0.022)),
    ("CHARM", "FORESEE__bounds_CHARM.txt", (0.005, 1.0), (0.317, 0.102)),  # [F] [C]
    ("SHiP", "FORESEE__limits_SHiP.txt", (0.01, 2.0), (0.577, 0.243)),  # [F]
    ("NA62-dump", "FORESEE__limits_NA62.txt", (0.01, 2.0), (0.466, 0.133)),  # [F]
    # DarkQuest Phase II (1e20 POT) [Q]
    ("DarkQuest-PhaseII", _ALPINIST.format("DarkQuest"), (0.005, 2.0), (0.338, 0.289)),
    ("DarkQuest-PhaseII", "FORESEE__limits_SeaQuest.txt", (0.005, 2.0), (0.555, 0.215)),
    # LHC: photons converting in the TAN (iron, 140 m) [L]
    ("FASER2", "FORESEE__limits_FASER2.txt", (0.005, 1.0), (0.043, 0.108)),
    ("FASER", "FORESEE__limits_FASER.txt", (0.005, 0.5), (0.410, 0.138)),
    # electron dumps, shower photons [E]
    (
        "E137",
        _ALPINIST.format("E137").replace("_2Gamma", "_recast_2Gamma"),
        (1e-3, 1.0),
        (0.213, 0.043),
    ),
    ("E137", "FORESEE__bounds_E137.txt", (1e-3, 1.0), (0.338, 0.104)),
    (
        "E141",
        _ALPINIST.format("E141").replace("_2Gamma", "_recast_2Gamma"),
        (1e-3, 0.2),
        (0.642, 0.226),
    ),
    ("E141", "FORESEE__bounds_E141.txt", (1e-3, 0.2), (1.052, 0.250)),
    # NA64 2020, 2.84e11 EOT: every ALP surviving the ECAL + first HCAL module [A]
    ("NA64-ALP", "FORESEE__bounds_NA64.txt", (1e-3, 0.2), (0.112, 0.144)),
]


@cache
def row_stats(search: str, ref: str, mrange: tuple[float, float]):
    """(lower, upper) EdgeStats of a row of ROWS, at the reference's masses over its whole
    range: the grid spans ``mrange`` and the reference, 10 masses per decade (>= 30)."""
    model = get_model("alp-photon")
    x, y = np.loadtxt(ref_path("fig5_alp_photon/" + ref), unpack=True)
    y = y * (ALPINIST_TO_G_AGG if ref.startswith("ALPINIST") else 1.0)
    rm, lo, hi = ref_edges(x, y, "polygon", pad_above=0.5)
    has = np.isfinite(lo) | np.isfinite(hi)
    a, b = min(rm[has].min(), mrange[0]), max(rm[has].max(), mrange[1])
    ms = np.geomspace(a, b, max(30, int(np.ceil(10 * np.log10(b / a))) + 1))
    curve = compute_reach(model, get_experiment(search, model), ms, np.logspace(-9, -1, 97))
    return edge_stats(curve, rm, lo, "lower", ms), edge_stats(curve, rm, hi, "upper", ms)


@pytest.mark.reference
@pytest.mark.slow
@pytest.mark.parametrize("search, ref, mrange, measured", ROWS)
def test_region_vs_reference(search, ref, mrange, measured):
    """Both edges at the reference's masses (method of tests/test_hnl_regions.py); the
    measured medians are asserted with a 0.03 dex margin (the rows that miss the 0.2
    target: module docstring)."""
    low, up = row_stats(search, ref, mrange)
    assert low.n >= 15 and up.n >= 15, (low, up)
    assert low.outside == 0 and up.outside == 0, (low, up)
    assert abs(low.median - measured[0]) < 0.03, low
    assert abs(up.median - measured[1]) < 0.03, up


def test_fig5_spec_searches_compute_the_model():
    from fipkit.figures import get_spec

    spec = get_spec("fig5")
    model = get_model(spec.model)
    assert set(spec.limits) == {"E137", "E141", "CHARM", "NuCal", "NA64-ALP", "BelleII-3gamma"}
    assert "SHiP" in spec.projections
    for name in spec.searches:
        assert get_experiment(name, model).covers(model)


def test_sn1987a_primakoff_rate_and_bound():
    """The plasma Primakoff rate reduces to Raffelt's massless formula; the one-zone
    cooling region of the photon ALP (fipkit.cosmo.supernova).

    Measured against FORESEE's SN1987A box (4 points: g = 9e-9 .. 1.5e-6 at 10 MeV to
    8e-9 .. 2.6e-7 at 0.27 GeV): ours 4.2e-9 .. 3.3e-7 at 10 MeV, 8.2e-9 .. 1.4e-7 at
    0.1 GeV, no region at 0.2 GeV. The lower (free-streaming) edge is 0.3 dex stronger
    (Lucente et al. arXiv:2011.01969 quote g < 6e-9 for light ALPs: 0.15 dex); the upper
    edge is 0.5-0.7 dex lower: the one-zone estimate absorbs ALPs within R = 10 km at
    the core's Primakoff rate, while the published analyses let them escape from an
    "ALP-sphere" in the falling outer profile; and our region closes near 0.15 GeV,
    FORESEE's at 0.27 (the core temperature 30 MeV of the one zone)."""
    from fipkit.cosmo import get_bound
    from fipkit.cosmo import supernova as S

    kappa2 = S.debye_kappa2()
    k = np.array([0.005, 0.03, 0.2])
    raffelt = (1 + kappa2 / (4 * k * k)) * np.log(1 + 4 * k * k / kappa2) - 1
    got = S.primakoff_rate(k, 1e-9, kappa2) / (S.T_CORE * kappa2 / (32 * np.pi))
    np.testing.assert_allclose(got, raffelt, rtol=1e-6)
    assert np.all(S.primakoff_rate(k, 0.3, kappa2)[:2] == 0)  # closed below threshold
    curve = get_bound("SN1987A")(get_model("alp-photon"), np.array([0.01, 0.1, 0.2]))
    assert list(curve.mass) == [0.01, 0.1]  # no region at 0.2 GeV
    assert 3e-9 < curve.low[0] < 6e-9 and 2e-7 < curve.high[0] < 5e-7
    assert 6e-9 < curve.low[1] < 1.1e-8 and 1e-7 < curve.high[1] < 2e-7
