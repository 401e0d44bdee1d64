"""HNL regions against the published curves of ../shared/reference/fig6_hnl.

Method (shared/DESIGN.md): each edge separately, at the reference's own masses (our edge
interpolated in log-log between our grid masses), over the whole range both cover;
median and worst |delta log10 U2|. Grids: 30-36 log-spaced masses on the reference's
range (CHARM U_tau Majorana: 71), U2 = 1e-12..1e-1 with 10 points per decade (doubling
the couplings moves no median; doubling the masses, test_medians_when_the_grid_is_
doubled: CHARM U_e 0.002, FASER2 U_e 0.000, CHARM U_tau vs Boiarska 0.004 on 71 masses;
on 36 it moved 0.05, the region's end was not resolved). Each reference is compared in
its own convention where it states one (Dirac: CHARM 1986, Orloff et al., Barouki et
al., Berryman et al., Sabti et al.; Majorana: Boiarska et al., Kling-Trojanowski);
FORESEE and SensCalc curves with the Majorana default. fipkit's searches are 90% CL,
N >= 2.3, but DELPHI and ATLAS (95%, as published).

Helpers: refcurves.ref_edges / edge_stats (the comparison at the reference's masses
that every region test uses; refcurves.crossings takes each segment half-open, so a
vertex is counted once).

Why rows miss 0.2 dex (the letters in the comments of ROWS and BBN_ROWS):

[A] Charm per proton on a nuclear target: fipkit scales the pp charm table by
    sigma_cc / sigma_inel(pp) x A^0.29 x the cascade factor (2.3 at SPS400,
    production/meson_decay.py heavy_flavour_factor; before, charm had neither, and every
    CHARM/BEBC edge was 0.35-0.5 dex too weak against the recasts). With it the modern
    recasts agree (FORESEE U_e 0.093, Boiarska U_tau 0.110, FORESEE U_tau 0.103, Barouki
    BEBC U_e 0.178 / 0.056), while the collaborations' own old curves are now missed the
    other way: CHARM 1986 by -0.41, Orloff et al. 2002 by -0.33 (ours stronger). They rest
    on the lower charm yields of their time: the recasts are 0.15-0.40 dex below them
    (REF_PAIRS); fipkit follows the recasts' charm normalisation (sigma_cc = 18 ub).
[C] BEBC selection: Barouki et al. add decay channels ("additional production and
    decay channels", arXiv:2208.00416 abstract); the catalog's BEBC entry counts six
    (e pi, mu pi, nu e e, nu mu mu, e mu nu, mu e nu). With "2 charged tracks" instead
    the events at U2 = 1e-9 grow x1.00 / 1.04 / 1.64 / 4.1 (U_e) and x1.00 / 1.24 / 2.74
    / 8.1 (U_tau) at 0.3 / 0.6 / 1.0 / 1.5 GeV (lower edge -0.11 / -0.30, -0.22 / -0.45
    dex at 1 / 1.5 GeV; measured when the named exclusive channels still vanished above
    the 1 GeV matching mass). Since they keep their exclusive widths there
    (HNL.br_visible), the U_e edges agree with Barouki et al. (0.09 / 0.06); U_tau's,
    carried by nu pi0 and the tau channels BEBC's six do not count, still miss.
[D] Dirac / Majorana of the references. FORESEE's BEBC curve is Barouki's Dirac one
    divided by sqrt(2) on BOTH edges (REF_PAIRS: -0.150, -0.151); the Majorana upper edge
    is a factor ~2 lower (test_dirac_lower_edge_sqrt2_higher_at_ship: 2.07), hence the
    -0.27 of our Majorana upper edge against it (-0.13 against Barouki in Dirac).
    Berryman et al. (DUNE): MANIFEST tags only the U_e lower file Dirac; in Majorana
    their U_e upper edge agrees to 0.044 (Dirac 0.337) and the U_tau lower edge to
    0.096 (Dirac 0.222): the curves look Majorana.
[E] DUNE ND U_e above m_K: ours 0.41 dex below (stronger; 0.25 before charm got
    A^0.29). Not diagnosed: exposure
    (1.1e22 POT = 10 years, catalog note: the years Berryman et al. assume were not
    checked), the MPD geometry (a cylinder along the beam, equal volume) and the
    selection are candidates; the charm yield at 120 GeV (Pythia LO 0.38 ub, no A^0.29)
    is if anything low, which would make the miss larger.
[K] DUNE ND below m_K: K+ and pi+ decaying in flight in the LBNF decay pipe
    (fipkit.production.beamline; before it the reference's K-driven edge was 3 dex
    below ours): 0.224 median on 0.005-0.49 GeV, ours 0.13 below (stronger). The LBNF
    horn acceptance is T2K's (p_T < 0.4 GeV, catalog note) and the idealised horns
    over-focus soft pions (test_beamline: 1.3-2x the published pi+ fluxes), which is
    where the worst points are (1.4 dex at 5 MeV).
[R] DUNE ND U_tau upper edge, 2.1 dex: the reference's own. At 0.75 GeV its U_tau upper
    edge (1.6e-4) is 60 x below its U_e one (1.0e-2), although a U_tau N lives 2.6 x
    longer (fipkit c tau ratio 2.6-2.8 at 0.3-1.5 GeV, widths within 3% of SensCalc
    below 1 GeV) and its yield enters the upper edge only through a logarithm; ours:
    U_e 9.7e-3 (agrees with theirs), U_tau 1.1e-2.
[T] FASER U_e upper edge: only the closing tip of the region (1.73-1.82 GeV) has one;
    the reference closes at 1.82 GeV, ours near 1.9 (D_s -> e N is open to 1.97 GeV).
[N] T2K ND280 U_e: ours 0.22 above (weaker) the published profiled limit (0.26 before
    the antineutrino-mode 6.29e20 POT were added). Known parts: one flat efficiency 0.15
    for every channel (the release's 0.07-0.21), a single box for the three TPCs, the
    beam line's idealised horns (calibrated on the K+ fluence); T2K's combined Bayesian
    fit over ten channels is a counting limit here.
[P] PS191 U_e: the published curve (v1) is 0.34 below ours, as both recasts say it
    should be (arXiv:2109.03831: the published rate ~36 x too high, |U|^2 ~6 x too
    strong; arXiv:2112.06800 likewise); fipkit is closer to the published curve than the
    recasts, which use the same efficiency 0.3. The v2 file lies 0.9 dex below v1 (ours
    0.56 above it): the published pair disagrees. The PS beam line (target, decay
    length) is a fipkit assumption calibrated on the K+ fluence only.
[G] ATLAS displaced U_e: upper edge (short lifetimes) 0.63 dex above ours. fipkit uses
    one efficiency for every decay radius (the value at c tau = 10 mm); the vertexing
    efficiency falls to 0.03 at 0.3 mm and 0.16 at 4 mm and the prompt-track cuts are
    not modelled, so short-lived N are over-counted. Lower edge 0.22 above (weaker): one
    count for the three channels instead of ATLAS's fit, and the efficiency falling to
    0.06 at 250 mm works the other way. No signal outside the published 3-15 GeV
    (mass_range_GeV; before, 1.18 on the upper edge with the masses below 3 GeV).
[Z] DELPHI: the abstract's BR(Z -> nu_m nu-bar) < 1.3e-6 is of one charge state; fipkit's
    Z -> nu N counts nu N-bar + N nu-bar (2 |U|^2 Gamma(Z -> nu nu-bar)), so the catalog
    limit is 2.6e-6 (with 1.3e-6 every edge was 0.25-0.32 dex below DELPHI's, which is
    that factor 2). Near m_Z DELPHI's selection loses the soft recoil neutrino's events
    (the 2.1 dex worst point at 79 GeV); fipkit has phase space only.
[W] FASER2 upper edges (B mesons, 1.8-3.6 GeV): ours 0.43 (U_e) and 0.10 (U_tau) higher.
    Before B_c -> l N was produced (spectra.B_C: B+ kinematics, f(b -> B_c) = 2.6e-3)
    they were 0.37 and 0.02: B_c adds short-lived N above 2 GeV, so the reference's
    B_c yield (if it has one) is smaller than ours; not read. Our widths are within
    1-12% of SensCalc's at 1-3 GeV.
[V] FASER2 U_tau lower edge: 0.104 median. Below 0.9 GeV ours is higher by up to 0.9:
    fipkit counts decays with >= 2 charged tracks: for U_tau BR_vis = 0.016 / 0.042 /
    0.11 / 0.23 at 0.3 / 0.5 / 0.75 / 1.0 GeV (N -> nu pi0 dominates); counting every
    decay but 3 nu would lower the edge by 0.87 / 0.64 / 0.39 / 0.22 dex: the reference's
    visible-channel convention. Above 1.8 GeV B_c -> tau N brought the edge from +0.22-
    0.38 to agreement (0.282 median before).
[L] tau -> N l nu-bar via U_tau is produced since this session (it was missing): for
    U_tau below m_tau it adds ~0.7 of the tau's two-body N channels, and moves every
    U_tau lower edge down by ~0.1 dex. BEBC (Barouki et al.), FASER2 (Kling-Trojanowski)
    and DUNE (Berryman et al.) agree better with it (0.339 -> 0.193, 0.142 -> 0.104,
    0.100 -> 0.076); the CHARM U_tau curves of Boiarska et al. (and FORESEE's copy of
    them) agree worse (0.110 -> 0.225: ours now 0.23 below, stronger). Whether Boiarska
    et al. include the leptonic tau channel was not read; the other three suggest the
    channel belongs in.
[Q] Peak searches: the catalog holds one flat limit per search from the abstracts
    (NA62 1e-9 at 144-462 MeV, PIENU 1e-8 at 60-129 MeV, TRIUMF 1e-7 at 50-130 MeV), the
    references are the mass-dependent published limits; worst at the ends of the ranges
    (NA62: the published limit rises to 4e-7 at 462 MeV). The inputs, not the physics.
[E] Belle 2013: the paper's body (vertex selection, efficiency, its X = D, D*, pi, rho, ...
    and nothing) was not read. fipkit takes efficiency 0.1 and decays 1 mm-60 cm from
    the beam (the 1 mm inferred from the published upper edge, where c tau is 0.1-2 mm:
    with 1 cm the upper edge was 1.15 dex off and the lower 0.40); the lower edge comes
    out 0.4 dex too strong, which an efficiency of ~1.5% would close (not assumed).
[U] Bryman-Shrock is the pi -> e nu universality bound, another observable: it lies
    1.0 dex above the PIENU peak-search curve itself.
[B] BBN: fipkit agrees with SensCalc (0.042 U_e, 0.022 U_tau). Sabti et al.'s U_e line
    is 0.40 dex below SensCalc's while their U_tau line equals it (0.012): the published
    pair disagrees. FORESEE's cosmo lines lie a constant 0.63-0.64 below SensCalc's at
    0.14-4.9 GeV (a lifetime criterion ~4 x longer). Below m_pi fipkit uses tau_max =
    0.1 s (arXiv:1202.2841); Sabti's full BBN analysis allows longer lifetimes at MeV
    masses (ours up to 1.5-2.0 dex above theirs at 7-20 MeV).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pytest

from fipkit.cosmo import get_bound
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach
from refcurves import EdgeStats, ref_edges, ref_path
from refcurves import edge_stats as _edge_stats

FIG = "fig6_hnl/"
#: couplings of every region computed here: 1e-12 .. 1e-1, 10 per decade
COUPLINGS = np.logspace(-12, -1, 111)
#: reference points at or above this U2 are the top of the plot or a closing segment
U2_TOP = 0.1


# -- reading the references ---------------------------------------------------------
def read_ref(name: str, x_unit: str = "GeV", square: bool = False):
    """(m [GeV], U2) of a reference file: whitespace or comma separated, '#' comments
    (also trailing ones), header lines skipped; MeV -> GeV; |U| -> |U|^2 if square."""
    rows = []
    for line in ref_path(FIG + name).read_text().splitlines():
        tok = line.split("#")[0].replace(",", " ").split()
        try:
            rows.append((float(tok[0]), float(tok[1])))
        except (IndexError, ValueError):
            continue
    x, y = np.array(rows, float).T
    if x_unit == "MeV":
        x = x * 1e-3
    return x, (y**2 if square else y)


def edge_stats(curve, rm, ref, edge: str, grid, m_range=None) -> EdgeStats:
    """refcurves.edge_stats with the plot's top U2_TOP left out."""
    return _edge_stats(curve, rm, ref, edge, grid, m_range, top=U2_TOP)


# -- the regions -------------------------------------------------------------------
#: name: (model, search, first mass, last mass, number of masses, Dirac)
GRIDS = {
    "charm-e-D": ("hnl-e", "CHARM", 0.1, 2.1, 30, True),
    "charm-e-M": ("hnl-e", "CHARM", 0.1, 2.1, 30, False),
    "charm-tau-D": ("hnl-tau", "CHARM", 0.01, 1.7, 36, True),
    "charm-tau-M": ("hnl-tau", "CHARM", 0.01, 1.7, 71, False),
    "bebc-e-D": ("hnl-e", "BEBC", 0.14, 2.0, 30, True),
    "bebc-e-M": ("hnl-e", "BEBC", 0.14, 2.0, 30, False),
    "bebc-tau-D": ("hnl-tau", "BEBC", 0.14, 1.7, 30, True),
    "bebc-tau-M": ("hnl-tau", "BEBC", 0.14, 1.7, 30, False),
    "dune-e-D": ("hnl-e", "DUNE-ND", 0.005, 2.0, 71, True),
    "dune-tau-D": ("hnl-tau", "DUNE-ND", 0.005, 1.2, 36, True),
    "faser-e-M": ("hnl-e", "FASER", 0.15, 2.0, 30, False),
    "faser2-e-M": ("hnl-e", "FASER2", 0.1, 3.5, 59, False),
    "faser2-tau-M": ("hnl-tau", "FASER2", 0.1, 3.7, 59, False),
    "na62-e": ("hnl-e", "NA62-KeN", 0.144, 0.462, 30, False),
    "pienu-e": ("hnl-e", "PIENU", 0.06, 0.129, 30, False),
    "triumf-e": ("hnl-e", "TRIUMF-1992", 0.05, 0.13, 30, False),
    "delphi-e-M": ("hnl-e", "DELPHI", 0.3, 80.0, 40, False),
    "delphi-mu-M": ("hnl-mu", "DELPHI", 0.3, 80.0, 40, False),
    "t2k-e": ("hnl-e", "T2K-ND280-e", 0.14, 0.49, 59, False),
    "ps191-e": ("hnl-e", "PS191-e", 0.02, 0.45, 30, False),
    "atlas-e": ("hnl-e", "ATLAS-DV-e", 2.0, 16.0, 47, False),
    "belle-e-M": ("hnl-e", "Belle", 0.5, 3.3, 41, False),
}
#: searches whose regions take more than a few seconds (cold cache)
SLOW = {"CHARM", "BEBC", "DUNE-ND", "FASER", "FASER2"}


def grid_masses(name: str, double: bool = False) -> np.ndarray:
    _, _, lo, hi, n, _ = GRIDS[name]
    return np.geomspace(lo, hi, 2 * n - 1 if double else n)


@cache
def region(name: str, double: bool = False):
    """The Curve of GRIDS[name] (computed once per test session; ``double``: twice the
    masses)."""
    model_name, search, *_, dirac = GRIDS[name]
    model = get_model(model_name, dirac=True) if dirac else get_model(model_name)
    masses = grid_masses(name, double)
    return compute_reach(model, get_experiment(search, model), masses, COUPLINGS)


# -- the references ----------------------------------------------------------------
@dataclass(frozen=True)
class Ref:
    """A reference file and how to read its edges (see :func:`ref_edges`)."""

    file: str
    shape: str  # "lower", "upper" or "polygon"
    x_unit: str = "GeV"
    square: bool = False  # FORESEE files are |U|
    pad_above: float | None = None
    #: only the points with window[0] < U2 < window[1] (one branch of a point cloud)
    window: tuple[float, float] | None = None

    def edges(self, n_max: int = 80, at=None):
        """(masses, lower, upper) at the reference's own masses, or at ``at``."""
        x, y = read_ref(self.file, self.x_unit, self.square)
        if self.window is not None:
            sel = (y > self.window[0]) & (y < self.window[1])
            x, y = x[sel], y[sel]
        return ref_edges(x, y, self.shape, self.pad_above, n_max, at)


def ref_vs_ref(a: str, b: str, edge: str, m_range=None):
    """log10(b / a) along one edge at the masses of reference ``a`` (inside ``m_range``):
    how two published curves of one experiment differ. Returns (masses, deltas), finite
    only where both have the edge below U2_TOP."""
    ma, lo_a, hi_a = REFS[a].edges()
    _, lo_b, hi_b = REFS[b].edges(at=ma)
    va, vb = (lo_a, lo_b) if edge == "lower" else (hi_a, hi_b)
    with np.errstate(divide="ignore", invalid="ignore"):
        d = np.log10(vb / va)
    ok = np.isfinite(d) & (va < U2_TOP) & (vb < U2_TOP)
    if m_range is not None:
        ok &= (ma >= m_range[0]) & (ma <= m_range[1])
    return ma[ok], d[ok]


REFS = {
    # CHARM, U_e: the collaboration (Bergsma et al. 1986; Dirac, 90% CL), ALPINIST's copy,
    # FORESEE's (HNLCalc) polygon
    "CHARM-1986": Ref("HNLimits__ue4_CHARM_1986.dat", "lower"),
    "ALPINIST-CHARM": Ref("ALPINIST__ExcludedCHARM_1-0-0.csv", "lower"),
    "FORESEE-CHARM-e": Ref("FORESEE__HNL-e_bounds_charm.txt", "polygon", square=True),
    # CHARM, U_tau: Orloff et al. 2002 (Dirac, 90%, 10-290 MeV), Boiarska et al. 2021
    # (Majorana, 90%, closed contour), FORESEE (|U_tau| = 0.1 is the plot's top)
    "CHARM-Orloff": Ref("HNLimits__utau4_CHARM_UL_90CL_2002.dat", "lower", "MeV"),
    "CHARM-Boiarska": Ref("HNLimits__Boiarska_CHARM_CHARM.dat", "polygon"),
    "FORESEE-CHARM-tau": Ref(
        "FORESEE__HNL-tau_bounds_charm.txt", "polygon", square=True, pad_above=0.0099
    ),
    # BEBC (Barouki et al. 2022; Dirac, 90%); U_tau file: both edges interleaved, the
    # 0.0098 points are the plot's top
    "BEBC-Barouki-e-low": Ref(
        "HNLimits__BEBC_Barouki_BEBC_Barouki_ue42_bottom.dat", "lower", pad_above=0.5
    ),
    "BEBC-Barouki-e-up": Ref(
        "HNLimits__BEBC_Barouki_BEBC_Barouki_ue42_top.dat", "upper", pad_above=0.5
    ),
    "FORESEE-BEBC-e": Ref("FORESEE__HNL-e_bounds_bebc.txt", "polygon", square=True, pad_above=0.5),
    "BEBC-Barouki-tau-low": Ref(
        "HNLimits__BEBC_Barouki_BEBC_Barouki_ut42.dat", "lower", window=(0.0, 1e-3)
    ),
    "BEBC-Barouki-tau-up": Ref(
        "HNLimits__BEBC_Barouki_BEBC_Barouki_ut42.dat", "upper", window=(1e-3, 9.8e-3)
    ),
    "FORESEE-BEBC-tau": Ref(
        "FORESEE__HNL-tau_bounds_bebc.txt", "polygon", square=True, pad_above=0.0099
    ),
    # DUNE ND (Berryman et al. 2019; Dirac)
    "DUNE-e-low": Ref("HNLimits__DUNE_Berryman_DUNE_NuE.dat", "lower", pad_above=0.5),
    "DUNE-e-up": Ref("HNLimits__DUNE_Berryman_DUNE_NuE_top.dat", "upper", pad_above=0.5),
    "DUNE-tau-low": Ref("HNLimits__DUNE_Berryman_DUNE_NuTau.dat", "lower", pad_above=0.5),
    "DUNE-tau-up": Ref("HNLimits__DUNE_Berryman_DUNE_NuTau_top.dat", "upper", pad_above=0.5),
    # FASER, FASER2 (Kling & Trojanowski 2018; Majorana, 3 events); U2 = 1e-3 (e) and
    # 0.1 (tau) are the plots' tops
    "FASER-e": Ref(
        "HNLimits__FASER_2018_converted_HNLe_contour_FASER.txt", "polygon", pad_above=0.99e-3
    ),
    "FASER2-e": Ref(
        "HNLimits__FASER_2018_converted_HNLe_contour_FASER2.txt", "polygon", pad_above=0.99e-3
    ),
    "FASER2-tau": Ref(
        "HNLimits__FASER_2018_converted_HNLtau_contour_FASER2.txt", "polygon", pad_above=0.099
    ),
    # peak searches (no upper edge: |U| = 1 closes the FORESEE polygons)
    "NA62-2020": Ref("HNLimits__NA62_2020_NA62_2020.dat", "lower", "MeV"),
    "ALPINIST-NA62": Ref("ALPINIST__ExcludedNA62_1-0-0.csv", "lower"),
    "FORESEE-NA62": Ref("FORESEE__HNL-e_bounds_na62.txt", "lower", square=True, pad_above=0.99),
    "PIENU-Bryman-Shrock": Ref("HNLimits__ue4_PIENU_bryman_shrock.dat", "lower", "MeV"),
    "PIENU-2017": Ref("HNLimits__PIONEER_PIENU_ue4.dat", "lower", "MeV"),
    "FORESEE-PIENU": Ref("FORESEE__HNL-e_bounds_pienu.txt", "lower", square=True, pad_above=0.99),
    "TRIUMF-1992": Ref("HNLimits__ue4_TRIUMF_1992.dat", "lower", "MeV"),
    "FORESEE-TRIUMF": Ref("FORESEE__HNL-e_bounds_triumf.txt", "lower", square=True, pad_above=0.99),
    # DELPHI (Z -> nu N, 95% CL): its long-lived and short-lived searches, one file each
    "DELPHI-long-e": Ref("HNLimits__ue4_DELPHI_long_95CL.dat", "lower"),
    "DELPHI-short-e": Ref("HNLimits__ue4_DELPHI_short_95CL.dat", "lower"),
    "DELPHI-long-mu": Ref("HNLimits__umu4_DELPHI_long_95CL.dat", "lower"),
    # T2K ND280 2019 (Majorana, profiled by the Heavy-Neutrino-Limits authors), FORESEE's
    "T2K-e": Ref("HNLimits__T2K_2019_T2K_2019_profiled_Ue4.dat", "lower", "MeV"),
    "FORESEE-T2K-e": Ref(
        "FORESEE__HNL-e_bounds_t2k.txt", "polygon", square=True, pad_above=0.99e-3
    ),
    # PS191 U_e, two published versions (as published: Dirac, 90%)
    "PS191-v1": Ref("HNLimits__ue4_PS191_v1.dat", "lower"),
    "PS191-v2": Ref("HNLimits__ue4_PS191_v2.dat", "lower"),
    # ATLAS 2022 displaced (Majorana, 95% CL), its two edges in two files
    "ATLAS-low": Ref("HNLimits__ATLAS_2022_ue4_majorana_bottom.dat", "lower"),
    "ATLAS-up": Ref("HNLimits__ATLAS_2022_ue4_majorana_top.dat", "upper"),
    # Belle 2013 (Majorana, 90%; with the erratum): both edges, one file each
    "Belle-low": Ref("HNLimits__belle_2013_Belle_Ue42_bottom.dat", "lower"),
    "Belle-up": Ref("HNLimits__belle_2013_Belle_Ue42_top.dat", "upper"),
    # BBN: excluded below these lines (the lifetime edge); Sabti et al. 2020: Dirac, 95%
    "BBN-Sabti-e": Ref("HNLimits__Sabti_BBN_Ue4_top.dat", "upper"),
    "BBN-SensCalc-e": Ref("SensCalc__HNL-excluded-BBN-1.txt", "upper"),
    "BBN-FORESEE-e": Ref("FORESEE__HNL-e_bounds_cosmo.txt", "upper", square=True),
    "BBN-Sabti-tau": Ref("HNLimits__Sabti_BBN_Utau4_top.dat", "upper"),
    "BBN-SensCalc-tau": Ref("SensCalc__HNL-excluded-BBN-3.txt", "upper"),
    "BBN-FORESEE-tau": Ref("FORESEE__HNL-tau_bounds_cosmo.txt", "upper", square=True),
}


# -- comparisons -------------------------------------------------------------------
# (grid, reference, edge, mass range or None, median tolerance). Each row's comment: the
# measured median / worst |delta log10 U2|, the signed median (log10 ours / reference:
# > 0 means our edge is higher), the number of reference masses compared and where.
# Target 0.2 dex; a row that misses it asserts its measured value with a small margin,
# and the module docstring says why it misses (the letters in brackets).
ROWS = [
    # [A] CHARM U_e, Dirac as the collaboration: 0.395 / 0.679, -0.40, 29 masses 0.16-1.78
    ("charm-e-D", "CHARM-1986", "lower", None, 0.43),
    # [A] ALPINIST's copy of the same curve: 0.444 / 0.694, -0.44, 36 masses 0.16-1.87 GeV
    ("charm-e-D", "ALPINIST-CHARM", "lower", None, 0.46),
    # FORESEE (0.40 dex below CHARM-1986): 0.095 / 0.139, -0.10, 63 masses 0.11-1.87 GeV
    ("charm-e-M", "FORESEE-CHARM-e", "lower", None, 0.11),
    # 0.190 / 0.236, +0.19, 21 masses 0.74-1.87 GeV (the closing tip of the region)
    ("charm-e-M", "FORESEE-CHARM-e", "upper", None, 0.24),
    # [A][L] CHARM U_tau, Orloff et al. (Dirac): 0.353 / 0.454, -0.35, 60 masses
    # 0.022-0.29 GeV (0.331 before tau -> N l nu; tolerance 0.35 -> 0.38)
    ("charm-tau-D", "CHARM-Orloff", "lower", None, 0.38),
    # [L] Boiarska et al. (Majorana): 0.174 / 0.478, -0.17, 36 masses 0.10-1.57 GeV on 71
    # grid masses (0.225 and 10 reference masses missing on 36: the grid did not resolve
    # the region's end; 0.110 before tau -> N l nu via U_tau was produced)
    ("charm-tau-M", "CHARM-Boiarska", "lower", None, 0.25),
    # 0.036 / 0.127, +0.04, 20 masses 1.01-1.57 GeV (0.015 over 13 masses on 36; the
    # tolerance 0.04 -> 0.05 for the tip the denser grid now compares)
    ("charm-tau-M", "CHARM-Boiarska", "upper", None, 0.05),
    # [L] FORESEE: 0.239 / 0.433, -0.24, 55 masses 0.12-1.48 GeV (0.228 on 36 masses;
    # 0.103 before tau -> N l nu; tolerance 0.12 -> 0.25)
    ("charm-tau-M", "FORESEE-CHARM-tau", "lower", None, 0.25),
    # 0.027 / 0.080, +0.02, 10 masses 0.98-1.48 GeV
    ("charm-tau-M", "FORESEE-CHARM-tau", "upper", None, 0.05),
    # BEBC U_e, Barouki et al. (Dirac): 0.092 / 0.789, +0.02, 47 masses 0.15-1.80 GeV
    # (0.178 before the named channels kept their exclusive widths above 1 GeV)
    ("bebc-e-D", "BEBC-Barouki-e-low", "lower", None, 0.11),
    # 0.059 / 0.086, -0.05, 30 masses 0.71-1.79 GeV
    ("bebc-e-D", "BEBC-Barouki-e-up", "upper", None, 0.08),
    # [C] FORESEE = Barouki / sqrt(2): 0.220 / 0.768, -0.22, 54 masses 0.15-1.79 GeV
    ("bebc-e-M", "FORESEE-BEBC-e", "lower", None, 0.23),
    # [D] 0.208 / 0.250, -0.21, 23 masses 0.64-1.79 GeV (0.195 / 0.243 before alpha_s
    # was corrected: the HNL widths above 1 GeV rose ~4%, the upper edge fell with them;
    # 0.232 before the named channels kept their exclusive widths above 1 GeV)
    ("bebc-e-M", "FORESEE-BEBC-e", "upper", None, 0.23),
    # [C] BEBC U_tau (Dirac): 0.193 / 0.570, +0.19, 38 masses 0.15-1.55 GeV (0.339
    # before tau -> N l nu via U_tau)
    ("bebc-tau-D", "BEBC-Barouki-tau-low", "lower", None, 0.22),
    # [C] 0.360 / 0.433, -0.36, 9 masses 1.21-1.51 GeV (0.352 before the named channels
    # kept their exclusive widths above 1 GeV: the loosened tolerance, 0.38 -> 0.40)
    ("bebc-tau-D", "BEBC-Barouki-tau-up", "upper", None, 0.40),
    # [C] FORESEE (0.29 below Barouki): 0.413 / 0.561, +0.41, 52 masses 0.15-1.56 GeV
    # (0.513 before tau -> N l nu)
    # (declared range: our grid starts at 0.14 GeV, the reference at 0.105)
    ("bebc-tau-M", "FORESEE-BEBC-tau", "lower", (0.14, 1.7), 0.44),
    # [C] 0.484 / 1.762, +0.48, 25 masses 0.51-1.56 GeV
    ("bebc-tau-M", "FORESEE-BEBC-tau", "upper", None, 0.50),
    # [K] DUNE ND U_e (Dirac), whole range: 0.233 / 0.635, -0.14, 60 masses 0.005-1.68 GeV
    # (71 grid masses; 0.235 on 36)
    # (2.899 before K+ and pi+ decayed in flight in the decay pipe)
    # (declared range: our grid starts at 5 MeV, the reference at 1.3 MeV)
    ("dune-e-D", "DUNE-e-low", "lower", (0.005, 2.0), 0.26),
    # [K] below m_K (kaons and pions in flight): 0.202 / 0.635, -0.12, 49 masses 0.005-0.49
    # (0.229 on 36 grid masses)
    ("dune-e-D", "DUNE-e-low", "lower", (0.005, 0.49), 0.25),
    # [E] above m_K: 0.397 / 0.601, -0.40, 11 masses 0.52-1.68 GeV; only 11 reference
    # masses: 0.419 on 36 grid masses, 0.544 on 141 (Monte Carlo-limited, not converged)
    ("dune-e-D", "DUNE-e-low", "lower", (0.5, 2.0), 0.43),
    # [D] 0.347 / 0.526, +0.35, 18 masses 0.51-1.68 GeV
    ("dune-e-D", "DUNE-e-up", "upper", None, 0.40),
    # DUNE ND U_tau (Dirac): 0.076 / 0.776, +0.02, 47 masses 0.014-1.14 GeV
    ("dune-tau-D", "DUNE-tau-low", "lower", None, 0.10),
    # [R] 2.144 / 2.353, +2.14, 14 masses 0.25-1.03 GeV
    ("dune-tau-D", "DUNE-tau-up", "upper", None, 2.16),
    # FASER U_e (Majorana, 3 events; ours 2.3: -0.058 expected): 0.073 / 1.375, -0.05,
    # 79 masses 0.16-1.82 GeV
    ("faser-e-M", "FASER-e", "lower", None, 0.10),
    # [T] only the tip of the region has an upper edge: 0.324 / 0.963, +0.32, 19 masses
    # 1.73-1.82 GeV
    ("faser-e-M", "FASER-e", "upper", None, 0.40),
    # FASER2 U_e: 0.075 / 0.456, -0.06, 79 masses 0.10-3.18 GeV (0.072 before the LHC
    # beauty was normalised to LHCb's measured sigma_bb, 0.495 mb instead of LO 0.38)
    ("faser2-e-M", "FASER2-e", "lower", None, 0.08),
    # [W] 0.411 / 4.665 (one digitisation point at 1.79 GeV), +0.41, 35 masses 1.79-3.18
    # on 59 grid masses (0.458 on 30; 0.369 before B_c: the tolerance loosened 0.40 ->
    # 0.46, see [W]; 0.437 before the measured sigma_bb: loosened 0.46 -> 0.48)
    ("faser2-e-M", "FASER2-e", "upper", None, 0.48),
    # [V] FASER2 U_tau: 0.095 / 0.737, -0.01, 79 masses 0.10-3.57 GeV on 59 grid masses
    # (0.125 on 30, which did not resolve the thresholds; 0.282 before B_c, 0.142 before
    # tau -> N l nu, 0.104 / +0.05 before the measured sigma_bb; loosened 0.12 -> 0.14)
    ("faser2-tau-M", "FASER2-tau", "lower", None, 0.14),
    # [W] 0.116 / 0.718, +0.12, 53 masses 1.07-3.57 GeV (0.020 before B_c: the tolerance
    # loosened 0.04 -> 0.12, see [W]; 0.100 before the measured sigma_bb: 0.12 -> 0.14)
    ("faser2-tau-M", "FASER2-tau", "upper", None, 0.14),
    # [Q] NA62 K+ -> e+ N: 0.247 / 2.005, -0.17, 79 masses 0.144-0.461 GeV
    ("na62-e", "NA62-2020", "lower", None, 0.30),
    # [Q] 0.256 / 1.599, -0.05, 78 masses 0.159-0.458 GeV
    # (declared: the reference's first point, 0.1433 GeV, is below the search's 0.144)
    ("na62-e", "ALPINIST-NA62", "lower", (0.144, 0.462), 0.30),
    # 0.127 / 0.406, +0.02, 24 masses 0.145-0.423 GeV
    ("na62-e", "FORESEE-NA62", "lower", None, 0.15),
    # [Q] PIENU (2017 peak search): 0.248 / 1.374, -0.17, 44 masses 0.061-0.128 GeV
    # (declared: fipkit's PIENU limit covers 60-129 MeV, the 2011 abstract's range; the
    # reference runs from 1.2 to 135 MeV)
    ("pienu-e", "PIENU-2017", "lower", (0.06, 0.129), 0.30),
    # [U] pi universality, not a peak search: 1.343 / 2.971, -1.34, 14 masses 0.066-0.127
    ("pienu-e", "PIENU-Bryman-Shrock", "lower", (0.06, 0.129), 1.40),
    # [Q] 0.444 / 1.106, -0.44, 6 masses 0.100-0.126 GeV
    ("pienu-e", "FORESEE-PIENU", "lower", None, 0.50),
    # TRIUMF: 0.178 / 0.538, +0.16, 70 masses 0.052-0.129 GeV
    # (declared: the 1992 limit as quoted, 50-130 MeV)
    ("triumf-e", "TRIUMF-1992", "lower", (0.05, 0.13), 0.20),
    # the same curve: 0.181 / 0.534, +0.16, 77 masses 0.050-0.130 GeV
    ("triumf-e", "FORESEE-TRIUMF", "lower", (0.05, 0.13), 0.21),
    # [Z] DELPHI, the published BR limit with fipkit's acceptance (r, |z| < 3 m):
    # 0.117 / 1.514, -0.12, 33 masses 0.43-4.43 GeV
    ("delphi-e-M", "DELPHI-long-e", "lower", None, 0.14),
    # 0.083 / 2.129 (at the Z mass: DELPHI's efficiency falls), -0.02, 48 masses 1.8-79
    ("delphi-e-M", "DELPHI-short-e", "lower", None, 0.11),
    # 0.106 / 1.514, -0.11, 33 masses 0.43-4.43 GeV
    ("delphi-mu-M", "DELPHI-long-mu", "lower", None, 0.13),
    # [N] T2K ND280 U_e (Majorana, profiled): 0.220 / 0.811, +0.22, 35 masses 0.14-0.48 GeV
    # on 59 grid masses (0.209 on 30; 0.258 with the neutrino-mode POT only)
    ("t2k-e", "T2K-e", "lower", None, 0.23),
    # FORESEE's copy: 0.179 / 0.565, +0.18, 26 masses 0.145-0.464 GeV (0.189 on 117)
    ("t2k-e", "FORESEE-T2K-e", "lower", None, 0.20),
    # [P] PS191 U_e (published v1; its closing segment at 0.40-0.41 GeV left out):
    # 0.341 / 0.592, +0.34, 26 masses 0.021-0.379 GeV
    ("ps191-e", "PS191-v1", "lower", (0.02, 0.39), 0.37),
    # [P] v2: 0.580 / 0.737, -0.56, 30 masses 0.026-0.374 GeV
    ("ps191-e", "PS191-v2", "lower", (0.02, 0.39), 0.61),
    # [G] ATLAS displaced U_e (Majorana, 95%), its 3-15 GeV: 0.226 / 0.663, +0.23, 46
    # masses 3.1-9.7 GeV on 47 grid masses (0.218 on 24)
    ("atlas-e", "ATLAS-low", "lower", None, 0.24),
    # [G] 0.626 / 2.548, +0.63, 50 masses 3.1-9.6 GeV on 47 grid masses (0.706 on 24,
    # 0.565 on 93: the short-lifetime edge moves with the grid by 0.06-0.08, not converged)
    ("atlas-e", "ATLAS-up", "upper", None, 0.75),
    # [E] Belle U_e (B -> X l N, N -> l pi): lower edge 0.401, ours stronger (signed
    # -0.39; the efficiency 0.1 is a fipkit assumption: U2 at the lower edge goes as
    # eff^(-1/2)), 31 masses 0.5-2.5 GeV; our region closes at 2.6 GeV, the published one
    # at 3.3 (the charmless B -> pi, rho l N, which Belle counted, are not in fipkit's
    # beauty group): 4 masses missing
    ("belle-e-M", "Belle-low", "lower", None, 0.44),
    # (the upper edge: test_belle_upper_edge)
]


@pytest.mark.reference
def test_belle_upper_edge():
    """Belle's upper edge below the plot's top (U2 < 0.1) has 5 reference masses on
    2.1-2.6 GeV where ours is open: median 0.210, ours lower (signed); with the whole edge
    up to U2 = 1 (12 masses, 1.4-2.6 GeV) 0.089. The 1 mm inner radius is inferred from
    this edge ([E])."""
    st = row_stats("belle-e-M", "Belle-up", "upper")
    print(st)
    assert st.n >= 5 and st.outside == 0 and abs(st.median - 0.210) < 0.03, st
    rm, _, hi = REFS["Belle-up"].edges()
    whole = _edge_stats(region("belle-e-M"), rm, hi, "upper", grid_masses("belle-e-M"))
    assert whole.n >= 10 and whole.median < 0.12, whole


def test_nutev_minimum_vs_quoted():
    """NuTeV's |U_mu|^2 limit (no published curve in the reference folder): its lowest
    point, ~6.4e-8 at 1.63 GeV [U: the digitisation of hep-ex/9908011 in
    mhostert/Heavy-Neutrino-Limits, as recorded], against fipkit's: 2.96e-8 at 1.49 GeV,
    0.33 dex lower (efficiency 1 assumed: U2 at the lower edge goes as eff^(-1/2)). The
    region stays inside the published 0.25-2.0 GeV and ends at the D_s mass (1.83 GeV on
    36 masses; the published curve runs to 2.0 GeV: production above m_Ds not read)."""
    ms = np.geomspace(0.25, 2.0, 36)
    c = compute_reach(get_model("hnl-mu"), get_experiment("NuTeV"), ms, np.logspace(-10, -1, 91))
    m, lo = c.lower_edge()
    i = np.nanargmin(lo)
    assert abs(np.log10(lo[i] / 6.4e-8) + 0.335) < 0.03, (m[i], lo[i])
    assert 1.3 < m[i] < 1.7 and m.min() >= 0.25 and 1.7 < m.max() < 1.87


def _row_id(row) -> str:
    grid, ref, edge, m_range, _ = row
    return f"{grid}-{ref}-{edge}" + (f"-{m_range[0]:g}-{m_range[1]:g}GeV" if m_range else "")


def _marks(row):
    marks = [pytest.mark.reference]
    if GRIDS[row[0]][1] in SLOW:
        marks.append(pytest.mark.slow)
    return marks


def row_stats(grid: str, ref: str, edge: str, m_range=None, double=False) -> EdgeStats:
    """One edge of a region against a reference (the measurement of ROWS)."""
    curve = region(grid, double)
    assert not curve.empty, grid
    rm, lo, hi = REFS[ref].edges()
    ours = lo if edge == "lower" else hi
    return edge_stats(curve, rm, ours, edge, grid_masses(grid, double), m_range)


@pytest.mark.reference
@pytest.mark.slow
@pytest.mark.parametrize(
    "grid, ref, edge, tol",
    [
        ("charm-e-M", "FORESEE-CHARM-e", "lower", 0.01),
        ("faser2-e-M", "FASER2-e", "lower", 0.01),
        # 71 masses (on 36 the region's end was unresolved: 0.225 -> 0.174 when doubled)
        ("charm-tau-M", "CHARM-Boiarska", "lower", 0.01),
    ],
)
def test_medians_when_the_grid_is_doubled(grid, ref, edge, tol):
    a, b = row_stats(grid, ref, edge), row_stats(grid, ref, edge, double=True)
    print(grid, ref, edge, a.median, b.median)
    assert abs(a.median - b.median) < tol, (a, b)


@pytest.mark.parametrize("row", [pytest.param(r, id=_row_id(r), marks=_marks(r)) for r in ROWS])
def test_region_vs_reference(row):
    grid, ref, edge, m_range, tol = row
    st = row_stats(grid, ref, edge, m_range)
    print(f"{grid} vs {ref} ({edge}): {st}")
    assert st.n >= 6 and st.outside == 0, st  # a compared sub-range is declared
    assert st.median <= tol, f"{grid} vs {ref}, {edge} edge: {st}"


#: BBN-HNL (excluded below its line: the Curve's upper edge) against the published
#: lifetime lines: (model, Dirac, reference, mass range or None, median tolerance)
BBN_ROWS = [
    # SensCalc (Majorana): 0.042 / 1.393 (at 10 MeV), +0.04, 79 masses 0.01-4.94 GeV
    ("hnl-e", False, "BBN-SensCalc-e", None, 0.07),
    # [B] Sabti et al. (Dirac, 95% CL): 0.680 / 1.983, +0.68, 69 masses 0.007-0.94 GeV
    ("hnl-e", True, "BBN-Sabti-e", None, 0.70),
    # [B] 0.663 / 0.712, +0.66, 64 masses 0.115-4.79 GeV
    ("hnl-e", False, "BBN-FORESEE-e", (0.11, 5.0), 0.70),
    # 0.022 / 0.686, +0.01, 78 masses 0.07-4.94 GeV
    ("hnl-tau", False, "BBN-SensCalc-tau", None, 0.05),
    # 0.147 / 1.367, +0.05, 66 masses 0.010-0.91 GeV (Majorana: 0.371)
    ("hnl-tau", True, "BBN-Sabti-tau", None, 0.17),
    # [B] 0.402 / 0.717, +0.40, 64 masses 0.115-4.57 GeV
    ("hnl-tau", False, "BBN-FORESEE-tau", (0.11, 5.0), 0.45),
]
BBN_MASSES = np.geomspace(1e-3, 5.0, 60)


def bbn_stats(model_name: str, dirac: bool, ref: str, m_range=None) -> EdgeStats:
    model = get_model(model_name, dirac=True) if dirac else get_model(model_name)
    curve = get_bound("BBN-HNL")(model, BBN_MASSES)
    rm, _, hi = REFS[ref].edges()
    return edge_stats(curve, rm, hi, "upper", BBN_MASSES, m_range)


@pytest.mark.reference
@pytest.mark.parametrize(
    "row", BBN_ROWS, ids=[f"{r[0]}-{'D' if r[1] else 'M'}-{r[2]}" for r in BBN_ROWS]
)
def test_bbn_vs_reference(row):
    model_name, dirac, ref, m_range, tol = row
    st = bbn_stats(model_name, dirac, ref, m_range)
    print(f"BBN-HNL {model_name} vs {ref}: {st}")
    assert st.n >= 10, st
    assert st.median <= tol, f"BBN-HNL {model_name} vs {ref}: {st}"


#: how published curves of one experiment differ from each other (shown first, as the
#: validation method asks): (a, b, edge, mass range, measured median |log10 b/a|,
#: measured signed median). Pure data: asserted to +-0.01 dex.
REF_PAIRS = [
    ("CHARM-1986", "ALPINIST-CHARM", "lower", None, 0.024, +0.024),  # a copy
    ("CHARM-1986", "FORESEE-CHARM-e", "lower", None, 0.401, -0.401),
    ("CHARM-Boiarska", "FORESEE-CHARM-tau", "lower", None, 0.010, -0.003),  # a copy
    ("CHARM-Boiarska", "FORESEE-CHARM-tau", "upper", None, 0.018, -0.018),
    ("CHARM-Orloff", "CHARM-Boiarska", "lower", None, 0.148, -0.148),  # 0.10-0.29 GeV
    ("BEBC-Barouki-e-low", "FORESEE-BEBC-e", "lower", None, 0.150, -0.150),  # / sqrt(2)
    ("BEBC-Barouki-e-up", "FORESEE-BEBC-e", "upper", None, 0.151, -0.151),  # / sqrt(2)
    ("BEBC-Barouki-tau-low", "FORESEE-BEBC-tau", "lower", None, 0.365, -0.294),
    ("BEBC-Barouki-tau-up", "FORESEE-BEBC-tau", "upper", None, 0.518, -0.518),
    ("BEBC-Barouki-e-low", "CHARM-1986", "lower", None, 0.382, +0.359),
    ("NA62-2020", "ALPINIST-NA62", "lower", None, 0.027, -0.005),
    ("NA62-2020", "FORESEE-NA62", "lower", None, 0.125, -0.027),
    ("PIENU-2017", "PIENU-Bryman-Shrock", "lower", None, 0.997, +0.997),
    ("PIENU-2017", "FORESEE-PIENU", "lower", None, 0.046, -0.005),
    ("TRIUMF-1992", "FORESEE-TRIUMF", "lower", None, 0.001, -0.000),
    ("BBN-SensCalc-e", "BBN-Sabti-e", "upper", None, 0.400, -0.400),
    ("BBN-SensCalc-e", "BBN-FORESEE-e", "upper", (0.11, 5.0), 0.628, -0.628),
    ("BBN-SensCalc-tau", "BBN-Sabti-tau", "upper", None, 0.012, -0.012),
    ("BBN-SensCalc-tau", "BBN-FORESEE-tau", "upper", (0.11, 5.0), 0.641, -0.641),
]


@pytest.mark.reference
@pytest.mark.parametrize("pair", REF_PAIRS, ids=[f"{p[0]}-{p[1]}-{p[2]}" for p in REF_PAIRS])
def test_published_curves_disagree_as_measured(pair):
    a, b, edge, m_range, med, signed = pair
    m, d = ref_vs_ref(a, b, edge, m_range)
    assert len(d) >= 8, (a, b)
    assert float(np.median(np.abs(d))) == pytest.approx(med, abs=0.01)
    assert float(np.median(d)) == pytest.approx(signed, abs=0.01)


# -- physics that a fit to the references could not fake --------------------------
M1 = np.array([1.0])
G_FINE = np.logspace(-12, -1, 111)


def _ship(model, masses=M1):
    return compute_reach(model, get_experiment("SHiP", model), masses, G_FINE)


def test_dirac_lower_edge_sqrt2_higher_at_ship():
    """SHiP, hnl-e, 1 GeV. A Dirac N has the Majorana N's production and half its
    widths (BR_vis unchanged), so at the lower edge (long lifetimes: N ∝ U2 x U2 Gamma_vis)
    it needs sqrt(2) more U2; at the upper edge (N ∝ U2 exp(-U2 Gamma L m / p)) about 2
    times more, up to a logarithm. Measured: lower ratio 1.414212 (sqrt 2 = 1.414214),
    upper 2.069; widths ratio exactly 2."""
    maj, dirac = get_model("hnl-e"), get_model("hnl-e", dirac=True)
    assert float(maj.total_width(M1)[0] / dirac.total_width(M1)[0]) == pytest.approx(2.0)
    np.testing.assert_allclose(maj.br_visible(M1), dirac.br_visible(M1), rtol=1e-12)
    a, b = _ship(maj), _ship(dirac)
    assert len(a) == len(b) == 1 and not (a.low_open[0] or b.low_open[0])
    assert float(b.low[0] / a.low[0]) == pytest.approx(np.sqrt(2), rel=1e-3)
    assert 1.9 < float(b.high[0] / a.high[0]) < 2.3


def test_mixing_1_0_0_is_hnl_e_exactly():
    """hnl with ratios 1:0:0 is BC6 (hnl-e) to the last digit, and the ratios are
    normalised (3:0:0 = 1:0:0); at SHiP, three masses."""
    ms = np.array([0.5, 1.0, 2.5])
    e = _ship(get_model("hnl-e"), ms)
    for r in (1.0, 3.0):
        h = _ship(get_model("hnl", ratio_e=r, ratio_mu=0, ratio_tau=0), ms)
        np.testing.assert_array_equal(h.mass, e.mass)
        np.testing.assert_array_equal(h.low, e.low)
        np.testing.assert_array_equal(h.high, e.high)


def test_events_scale_as_u2_squared_at_long_lifetimes():
    """Production ∝ U2 and, far below the lower edge, decay probability ∝ U2 (width
    power 1): N ∝ U2^2. Measured at SHiP, 1 GeV: N(10 U2) / N(U2) = 99.9999 (U2 = 1e-11)
    and 99.999 (1e-10); at the lower edge (6.1e-10) the ratio is still ~99.99."""
    from fipkit.signals.decay_in_volume import signal_events

    model = get_model("hnl-e")
    u = np.array([1e-12, 1e-11, 1e-10])
    n = signal_events(model, get_experiment("SHiP", model), M1, u)[0]
    np.testing.assert_allclose(n[1:] / n[:-1], 100.0, rtol=1e-4)
    # the mixing shares U2 out: a pattern's events are quadratic in U2 as well
    mixed = get_model("hnl", ratio_e=1, ratio_mu=1, ratio_tau=1)
    nm = signal_events(mixed, get_experiment("SHiP", mixed), M1, u)[0]
    np.testing.assert_allclose(nm[1:] / nm[:-1], 100.0, rtol=1e-4)


def test_matching_band_on_ship():
    """The exclusive / quark-level matching mass (theory band 1-2 GeV, ``--matching``)
    moves SHiP's U_e edges by 0.04-0.05 dex at 1.2-1.8 GeV (measured: lower +0.047 /
    +0.040 / +0.039 / +0.047, upper +0.027 / +0.026 / +0.031 / +0.051 at 1.16 / 1.36 /
    1.58 / 1.84 GeV for matching 2 vs 1) and not at all outside 1 GeV < m < 2 GeV + m_e.
    Production is shared (a decay-only parameter): only the widths differ."""
    ms = np.array([1.0, 1.36, 2.15])
    low = {}
    for mt in (1.0, 2.0):
        model = get_model("hnl-e", matching=mt)
        low[mt] = compute_reach(model, get_experiment("SHiP", model), ms, COUPLINGS).low
    d = np.log10(low[2.0] / low[1.0])
    assert d[0] == pytest.approx(0.0, abs=1e-9) and d[2] == pytest.approx(0.0, abs=1e-9)
    assert 0.02 < d[1] < 0.07, d
