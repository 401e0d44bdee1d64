"""Parent-meson spectra per facility, shipped as compact tables.

Each facility's table (``data/<facility>.npz``) holds, per species, mesons per
inelastic pp collision in bins of (log10 theta, log10 p) in the lab frame; the
json next to it records how it was made (Pythia 8, settings, seed, events,
sigma_inel). Regenerate with ``python -m fipkit.spectra.generate`` (see there).

Facilities: SPS400 (400 GeV p fixed target: CHARM, NA62-dump, SHiP), U70 (70 GeV:
NuCal), FNAL120 (120 GeV: DarkQuest), LHC14 (pp at 14 TeV: FASER, FASER2, and the
transverse LHC detectors), BNB8 (the Fermilab Booster, 8 GeV kinetic: MiniBooNE's beam
dump), JPARC30 (30 GeV kinetic: SUBMET, T2K) and PS19 (the CERN PS, 19.2 GeV/c: PS191);
charged pions are in every table but LHC14's (made before they were recorded; at a
collider they are not decayed); W and Z bosons at LHC14 (``LHC14_weak``) and B_c there
(:data:`B_C`, from the B+ table); analytic ones
without a table
(:data:`ANALYTIC`): Y4S (B mesons at an Upsilon(4S) B factory) and Zpole (Z bosons at
rest at LEP 1).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import cache
from importlib import resources
from typing import NamedTuple

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from .generate import DY_EDGES as DY_EDGES
from .generate import DY_SPECIES as _DY
from .generate import SPECIES as _GENERATED

#: the soft species of every table: the generator's (one list, no copy to keep in sync)
SPECIES = tuple(_GENERATED)
#: beauty hadrons, from the separate hard b b-bar tables ``<facility>_beauty.npz``
BEAUTY = ("B+", "B-", "B0", "B0bar", "Bs", "Bsbar")
#: charm hadrons, from the hard c c-bar tables ``<facility>_charm.npz``
CHARM = ("D+", "D-", "D0", "D0bar", "Ds+", "Ds-")
#: the Higgs boson, from the gg -> h table ``<facility>_higgs.npz`` (LHC14 only)
HIGGS = ("h",)
#: prompt J/psi, from the onium table ``<facility>_onia.npz`` (LHC14 only; per J/psi,
#: normalised to LHCb's measured cross section: see ``generate.ONIA_SPECIES``)
ONIA = ("J/psi",)
#: Drell-Yan gamma* per invariant-mass bin k of ``DY_EDGES``, "DY0", "DY1", ... from the
#: table ``<facility>_dy.npz`` (per gamma*, with sigma(gamma* -> mu mu) per bin)
DRELL_YAN = tuple(_DY)
#: W and Z bosons from the table ``<facility>_weak.npz`` (LHC14 only; per boson,
#: normalised to ATLAS's measured 13 TeV cross sections: see ``generate.WEAK_SPECIES``)
WEAK = ("W+", "W-", "Z")
#: B_c mesons at the LHC: no table of their own. Their (theta, p) distribution is taken
#: from the B+ (B-) of the beauty table [fipkit approximation: m_Bc = 6.27 vs 5.28 GeV],
#: normalised to f(b -> B_c) = 2.6e-3 per b quark (SensCalc generic.nb for the LHC [U];
#: consistent with LHCb's f_c / (f_u + f_d) = 3.6e-3 at 13 TeV, arXiv:1910.13404 [U:
#: recalled], times f_u + f_d ~ 0.72). At fixed-target energies B_c production is
#: negligible and not provided.
B_C = {"Bc+": "B+", "Bc-": "B-"}
F_B_TO_BC = 2.6e-3
B_C_FACILITIES = ("LHC14",)
#: hard-process tables: suffix -> (species, json key of the cross section per table entry)
HARD = {
    "beauty": (BEAUTY, "sigma_bbbar_mb"),
    "charm": (CHARM, "sigma_ccbar_mb"),
    "higgs": (HIGGS, "sigma_h_mb"),
    "onia": (ONIA, "sigma_jpsi_mb"),
    "dy": (DRELL_YAN, "sigma_mumu_mb"),  # one cross section per species (mass bin)
    "weak": (WEAK, "sigma_mb"),  # one per species
}
#: measured cross sections (mb) replacing Pythia's LO one where LO is far off:
#: * sigma(pp -> c cbar X) = 18 ub and sigma(pp -> b bbar X) = 1.7 nb at 400 GeV (sqrt s =
#:   27.4 GeV; SHiP-NOTE-2015-009, chi_cc = 1.7e-3 and chi_bb = 1.6e-7 per POT on Mo with
#:   A^0.29 = 3.76 and sigma_pp = 40 mb, from the compilation of C. Lourenco, H.K. Woehri,
#:   hep-ph/0609101; as used by SensCalc arXiv:2305.13383) [U: recalled, the note not
#:   read here; 1.6e-7 x 40 mb / 3.76 = 1.7 nb]; Pythia LO gives 2.6 ub and 0.89 nb;
#: * sigma(pp -> b bbar X) = 0.495 mb at the LHC: LHCb's total at 13 TeV, extrapolated from
#:   2 < eta < 5 (arXiv:1612.05140) [U: recalled, 495 +- 52 ub], used at 14 TeV [fipkit
#:   approximation: the 13 -> 14 TeV rise, a few %, is left out, as for the W and Z];
#:   Pythia LO gives 0.38 mb;
#: * sigma(pp -> c cbar X) = 39.5 ub at 800 GeV (sqrt s = 38.8 GeV) [U: the value of the
#:   ALPINIST NuTeV set-up, which cites arXiv:2407.08673; not read here].
#: Elsewhere the tables' LO values are used: charm at 120 GeV and at the LHC (no measured
#: total cross section there: LHCb's is for 2 < y < 4.5), beauty at 120 GeV (none measured).
SIGMA_MEASURED_MB = {
    ("SPS400", "charm"): 18e-3,
    ("TEV800", "charm"): 39.5e-3,
    ("SPS400", "beauty"): 1.7e-6,
    ("LHC14", "beauty"): 0.495,
}


#: B mesons at an e+e- B factory running on the Upsilon(4S): no table, generated
#: analytically (see :func:`upsilon4s_b_mesons`)
B_FACTORY = "Y4S"
#: Upsilon(4S) -> B+B- / B0 B0bar fractions (PDG 2024: 0.514 / 0.486), B momentum in the
#: Upsilon(4S) frame from m = 10.5794, m_B = 5.2793 GeV, and the SuperKEKB boost
#: (7 GeV e- on 4 GeV e+: beta gamma = 0.287; Belle II TDR arXiv:1011.0352)
Y4S_FRACTIONS = {"B+": 0.514, "B-": 0.514, "B0": 0.486, "B0bar": 0.486}
M_Y4S, M_B_MESON, Y4S_BETA_GAMMA = 10.5794, 5.2793, 0.287


def facilities() -> list[str]:
    files = resources.files(__package__).joinpath("data")
    return sorted(
        p.name[:-4] for p in files.iterdir() if p.name.endswith(".npz") and "_" not in p.name
    )


def upsilon4s_b_mesons(species: str, rng, n: int = 20_000):
    """B mesons from Upsilon(4S) -> B Bbar, per B Bbar event: isotropic in the Upsilon
    frame with p* = sqrt(m_Y^2/4 - m_B^2), boosted along z by beta gamma = 0.287.
    Returns (weights (n,), momenta (n, 3))."""
    if species not in Y4S_FRACTIONS:
        return np.zeros(0), np.zeros((0, 3))
    pstar = np.sqrt(M_Y4S**2 / 4 - M_B_MESON**2)
    cos = rng.uniform(-1, 1, n)
    phi = rng.uniform(0, 2 * np.pi, n)
    sin = np.sqrt(1 - cos**2)
    e_star = M_Y4S / 2
    g = np.hypot(1.0, Y4S_BETA_GAMMA)
    pz = g * pstar * cos + Y4S_BETA_GAMMA * e_star
    mom = np.column_stack([pstar * sin * np.cos(phi), pstar * sin * np.sin(phi), pz])
    return np.full(n, Y4S_FRACTIONS[species] / n), mom


#: tau pairs at the Upsilon(4S): sigma(e+e- -> tau+ tau-) = 0.919 nb at 10.58 GeV (Belle
#: II Physics Book arXiv:1808.10567, its table of e+e- cross sections [U: recalled]),
#: per B Bbar pair of 1.1 nb (the convention of the BelleII exposure: 50 ab^-1 = 5.5e10)
Y4S_TAUS_PER_BB = 0.919 / 1.1


def upsilon4s_taus(species: str, rng, n: int = 20_000):
    """tau+ or tau- of e+e- -> tau+ tau- at sqrt(s) = m_Upsilon(4S), per B Bbar event:
    E = sqrt(s)/2 in the centre-of-mass frame, dN/dcos(theta) ∝ 1 + cos^2(theta) (one
    photon, beta ~ 0.94 so the mass term is left out), boosted along z by the SuperKEKB
    beta gamma. Returns (weights (n,), momenta (n, 3))."""
    if species not in ("tau+", "tau-"):
        return np.zeros(0), np.zeros((0, 3))
    e_star = M_Y4S / 2
    pstar = np.sqrt(e_star**2 - C.M_TAU**2)
    # cos theta from 1 + c^2 by inversion of c + c^3 / 3 = (8 u - 4) / 3 (Cardano)
    y = 4 * rng.random(n) - 2
    r = np.sqrt(y * y + 1)
    cos = np.cbrt(y + r) + np.cbrt(y - r)
    phi = rng.uniform(0, 2 * np.pi, n)
    sin = np.sqrt(np.clip(1 - cos**2, 0, None))
    g = np.hypot(1.0, Y4S_BETA_GAMMA)
    pz = g * pstar * cos + Y4S_BETA_GAMMA * e_star
    mom = np.column_stack([pstar * sin * np.cos(phi), pstar * sin * np.sin(phi), pz])
    return np.full(n, Y4S_TAUS_PER_BB / n), mom


def upsilon4s_parents(species: str, rng, n: int = 20_000):
    """The parents at an Upsilon(4S) B factory: B mesons (:func:`upsilon4s_b_mesons`) or
    the taus of e+e- -> tau+ tau- (:func:`upsilon4s_taus`), per B Bbar event."""
    if species in ("tau+", "tau-"):
        return upsilon4s_taus(species, rng, n)
    return upsilon4s_b_mesons(species, rng, n)


def z_pole_bosons(species: str, rng, n: int = 20_000):
    """Z bosons at rest (e+e- -> Z at sqrt s = m_Z, LEP 1), per Z: weight 1/n each, zero
    momentum (the decay products are isotropic). Returns (weights (n,), momenta (n, 3))."""
    if species != "Z":
        return np.zeros(0), np.zeros((0, 3))
    return np.full(n, 1.0 / n), np.zeros((n, 3))


class AnalyticFacility(NamedTuple):
    """A facility whose parents are generated analytically (no table): ``generate(species,
    rng, n) -> (weights, momenta)`` and what one unit of its exposure is."""

    generate: Callable
    normalisation: str


#: the analytic facilities by name; their detectors see every decay angle (4 pi around
#: the collision), so one decay per parent is drawn, unsteered
ANALYTIC: dict[str, AnalyticFacility] = {
    B_FACTORY: AnalyticFacility(
        upsilon4s_parents,
        "B mesons per Upsilon(4S) -> B Bbar event, and the taus of e+e- -> tau+ tau- per "
        "such event (analytic)",
    ),
    "Zpole": AnalyticFacility(z_pole_bosons, "Z bosons at rest, per Z (analytic)"),
}


def is_analytic(facility: str | None) -> bool:
    """True for a facility of :data:`ANALYTIC` (Y4S, Zpole)."""
    return facility in ANALYTIC


def _has(facility: str, suffix: str) -> bool:
    return resources.files(__package__).joinpath(f"data/{facility}_{suffix}.npz").is_file()


def _check(facility: str) -> None:
    if facility not in facilities() + list(ANALYTIC):
        raise FipkitInputError(
            f"unknown facility '{facility}'; valid: {', '.join(facilities() + list(ANALYTIC))}"
        )


@cache
def facility_info(facility: str) -> dict:
    """Generation record of a facility's table (settings, sigma_inel_mb, multiplicities)."""
    _check(facility)
    if facility in ANALYTIC:
        return {
            "facility": facility,
            "fixed_target": False,
            "normalisation": ANALYTIC[facility].normalisation,
        }
    return json.loads(resources.files(__package__).joinpath(f"data/{facility}.json").read_text())


@cache
def _table(stem: str) -> dict:
    with resources.files(__package__).joinpath(f"data/{stem}.npz").open("rb") as fh:
        with np.load(fh) as f:
            return {k: f[k] for k in f.files}


@cache
def hard_info(facility: str, suffix: str) -> dict:
    """Generation record of a hard-process table (``suffix`` "beauty" or "higgs")."""
    return json.loads(
        resources.files(__package__).joinpath(f"data/{facility}_{suffix}.json").read_text()
    )


@cache
def cascade_factor(facility: str, suffix: str = "beauty") -> float:
    """Cascade enhancement of b b-bar (``suffix`` "beauty") or c c-bar ("charm")
    production per proton on a thick target at ``facility`` (also made by the secondary
    hadrons of the shower): the ``cascade_factor`` of the table's record
    (``data/<facility>_<suffix>.json``, with its ``cascade_source``; written by
    :mod:`fipkit.spectra.generate`). 1 where the record has none, and for a facility
    without such a table (the B factory)."""
    _check(facility)
    if is_analytic(facility) or not _has(facility, suffix):
        return 1.0
    factor = float(hard_info(facility, suffix).get("cascade_factor", 1.0))
    if not np.isfinite(factor) or factor <= 0:
        raise ValueError(f"{facility}_{suffix}.json: cascade_factor must be > 0, got {factor}")
    return factor


def beauty_cascade_factor(facility: str) -> float:
    """:func:`cascade_factor` of the beauty table."""
    return cascade_factor(facility, "beauty")


def hard_table(species: str) -> str | None:
    """The hard-process table ("beauty", "charm", "higgs") a species comes from, or None."""
    if species in B_C:
        return "beauty"
    return next((k for k, (names, _) in HARD.items() if species in names), None)


def histogram(facility: str, species: str):
    """(counts per collision [n_theta, n_p], log10 theta edges, log10 p edges).

    Beauty (charm) hadrons come from hard b b-bar (c c-bar) events and are scaled by
    sigma_bbbar / sigma_inel to counts per inelastic collision (sigma_inel from Pythia,
    sigma_bbbar (sigma_ccbar) measured where SIGMA_MEASURED_MB has it, else Pythia's LO);
    the Higgs from gg -> h events, scaled by sigma_h (LHC HXSWG) / sigma_inel; prompt
    J/psi by LHCb's measured cross section; the Drell-Yan gamma* of each mass bin by
    sigma(gamma* -> mu mu) of the bin (so "DYk" counts gamma* -> mu mu per collision).
    """
    _check(facility)
    if species in B_C:
        if facility not in B_C_FACILITIES:
            raise FipkitInputError(
                f"no B_c at {facility}: B_c production is provided at "
                f"{', '.join(B_C_FACILITIES)} only"
            )
        h, lt, lp = histogram(facility, B_C[species])
        # B+ per b-bar quark: the table's B+ count per b b-bar event
        per_event = float(_table(f"{facility}_beauty")[B_C[species]].sum())
        return h * (F_B_TO_BC / per_event), lt, lp
    for suffix, (names, sigma_key) in HARD.items():
        if species in names:
            if not _has(facility, suffix):
                raise FipkitInputError(f"no {suffix} table for facility '{facility}'")
            t = _table(f"{facility}_{suffix}")
            sigma = SIGMA_MEASURED_MB.get(
                (facility, suffix), hard_info(facility, suffix)[sigma_key]
            )
            if isinstance(sigma, dict):  # per species (the Drell-Yan mass bins)
                sigma = sigma[species]
            scale = sigma / facility_info(facility)["sigma_inel_mb"]
            return t[species].astype(float) * scale, t["log_theta_edges"], t["log_p_edges"]
    if species not in SPECIES:
        raise FipkitInputError(
            f"unknown species '{species}'; valid: "
            f"{', '.join(SPECIES + BEAUTY + CHARM + HIGGS + ONIA + WEAK)}, "
            f"DY0-DY{len(DRELL_YAN) - 1}"
        )
    t = _table(facility)
    if species not in t:
        raise FipkitInputError(
            f"the {facility} table has no {species} (made before that species was recorded); "
            f"regenerate it with python -m fipkit.spectra.generate --facility {facility}"
        )
    return t[species].astype(float), t["log_theta_edges"], t["log_p_edges"]


class ParentBins(NamedTuple):
    """The non-empty bins of a parent table that :func:`parent_sample` draws from.

    theta_lo, theta_hi, p_lo, p_hi : (n,) bin edges [rad, GeV]; content : (n,) mesons per
    collision in the bin; i_theta, i_p : indices in the table; mirrored : True at a
    collider, where each point is also drawn mirrored (z -> -z) with half its weight;
    log_theta_edges, log_p_edges : the table's edges (log10 of rad, GeV).
    """

    theta_lo: np.ndarray
    theta_hi: np.ndarray
    p_lo: np.ndarray
    p_hi: np.ndarray
    content: np.ndarray
    i_theta: np.ndarray
    i_p: np.ndarray
    mirrored: bool
    log_theta_edges: np.ndarray
    log_p_edges: np.ndarray


#: share of the points that an importance allocation (``parent_sample(importance=...)``)
#: draws in proportion to the bin contents, whatever the importance says: every bin
#: keeps a positive probability (no bias) and no point weighs more than
#: total / (DEFENSIVE_SHARE * n) (never worse than a proportional sample of that size)
DEFENSIVE_SHARE = 0.2
#: default number of points of an importance-allocated parent sample
N_IMPORTANCE = 10_000


@cache
def _bins(facility: str, species: str, theta_max=None, p_min=None) -> ParentBins:
    """The :class:`ParentBins` of a table (memoised: do not modify the arrays)."""
    h, lt, lp = histogram(facility, species)
    collider = not facility_info(facility).get("fixed_target", True)
    if collider:
        # pp collider: forward-backward symmetric. log10(theta) bins are coarse in
        # pi - theta, so use the forward bins only (rescaled to the total) and mirror
        # every point (half weight each way)
        fwd = lt[:-1] < np.log10(np.pi / 2)
        total = h.sum()
        h = np.where(fwd[:, None], h, 0.0)
        h = h * (total / h.sum()) if h.sum() > 0 else h
    it, ip = np.nonzero(h > 0)
    w = h[it, ip]
    keep = np.ones(len(w), bool)
    if theta_max is not None:
        keep &= lt[it] < np.log10(theta_max)
    if p_min is not None:
        keep &= lp[ip + 1] > np.log10(p_min)
    it, ip, w = it[keep], ip[keep], w[keep]
    return ParentBins(
        10 ** lt[it], 10 ** lt[it + 1], 10 ** lp[ip], 10 ** lp[ip + 1], w, it, ip, collider, lt, lp
    )


def _systematic(weights: np.ndarray, n: int, rng) -> np.ndarray:
    """n bin indices by systematic sampling ∝ weights (counts within 1 of n w / sum w)."""
    c = np.cumsum(weights)
    u = (np.arange(n) + rng.random()) * (c[-1] / n)
    return np.minimum(np.searchsorted(c, u, side="right"), len(weights) - 1)


def _allocate(content: np.ndarray, importance: np.ndarray, n: int, rng):
    """(bin index per point, weight per point, points per bin) for about n points:
    expected counts
    c = n [s content / sum + (1 - s) importance / sum] with s = DEFENSIVE_SHARE; a bin
    with c >= 1 gets floor(c) or floor(c) + 1 points (randomised rounding) of weight
    content / count, a bin with c < 1 one point with probability c and weight
    content / c. Every bin's estimate is unbiased given its count."""
    total = content.sum()
    imp = np.clip(np.nan_to_num(np.asarray(importance, float), nan=0.0, posinf=0.0), 0, None)
    share = content / total
    if imp.sum() > 0:
        share = DEFENSIVE_SHARE * share + (1 - DEFENSIVE_SHARE) * imp / imp.sum()
    c = n * share
    whole = c >= 1
    base = np.floor(c)
    k = np.where(whole, base + (rng.random(len(c)) < c - base), rng.random(len(c)) < c)
    k = k.astype(np.int64)
    per_point = np.where(whole, content / np.maximum(k, 1), content / np.where(whole, 1, c))
    idx = np.repeat(np.arange(len(c)), k)
    return idx, per_point[idx], k


def parent_sample(
    facility: str,
    species: str,
    rng=None,
    max_points: int | None = None,
    theta_max: float | None = None,
    p_min: float | None = None,
    importance: Callable[[ParentBins], np.ndarray] | None = None,
):
    """Weighted parent mesons drawn from a facility's table.

    Every non-empty bin gives one point, uniform within the bin in log10 theta and
    log10 p and uniform in azimuth, weighted by the bin content (mesons per
    collision). With ``max_points`` and more non-empty bins than that, bins are
    drawn by systematic sampling with probability ∝ content and each point carries
    total/max_points, so the total weight is preserved exactly. Cuts: ``theta_max``
    [rad], ``p_min`` [GeV].

    ``importance``: a stratified, importance-weighted sample of about ``max_points``
    points (default ``N_IMPORTANCE``) instead: a function of the :class:`ParentBins`
    that returns how much each bin matters (>= 0, any scale, e.g. the Neyman
    allocation content x rms contribution per meson). A share ``DEFENSIVE_SHARE`` of
    the points is allocated ∝ content, the rest ∝ importance; see :func:`_allocate`.
    The estimate of any sum over the mesons stays unbiased (the expected total weight
    is the table's); the points of a bin are spread evenly in azimuth (stratified).

    At a collider (LHC14) only forward bins are drawn and each point is mirrored
    (z -> -z) with half its weight: the table's log10(theta) bins are too coarse near
    theta = pi, and pp collisions are forward-backward symmetric.

    Returns (weights (n,), momenta (n, 3) in GeV, z along the beam).
    """
    rng = np.random.default_rng() if rng is None else rng
    if is_analytic(facility):
        return ANALYTIC[facility].generate(species, rng, max_points or 20_000)
    bins = _bins(facility, species, theta_max, p_min)
    lo_t, hi_t = np.log10(bins.theta_lo), np.log10(bins.theta_hi)
    lo_p, hi_p = np.log10(bins.p_lo), np.log10(bins.p_hi)
    w = bins.content
    if len(w) == 0:
        return np.zeros(0), np.zeros((0, 3))
    if importance is not None:
        n_want = int(max_points or N_IMPORTANCE)
        pick, w, counts = _allocate(bins.content, importance(bins), n_want, rng)
        # azimuth stratified within each bin: point r of k at (r + u) / k + offset
        first = np.cumsum(counts) - counts
        rank = np.arange(len(pick)) - first[pick]
        phase = rng.random(len(counts))[pick]
        phi = 2 * np.pi * (((rank + rng.random(len(pick))) / counts[pick] + phase) % 1.0)
    else:
        pick = np.arange(len(w))
        if max_points is not None and len(w) > max_points:
            total = w.sum()
            pick = _systematic(w, max_points, rng)
            w = np.full(max_points, total / max_points)
        phi = None
    n = len(pick)
    theta = 10 ** (lo_t[pick] + rng.random(n) * (hi_t[pick] - lo_t[pick]))
    theta = np.minimum(theta, np.pi)
    p = 10 ** (lo_p[pick] + rng.random(n) * (hi_p[pick] - lo_p[pick]))
    if phi is None:
        phi = rng.random(n) * 2 * np.pi
    st = np.sin(theta)
    mom = np.column_stack([p * st * np.cos(phi), p * st * np.sin(phi), p * np.cos(theta)])
    if bins.mirrored:
        mom[:, 2] = np.abs(mom[:, 2])  # the straddling bin, folded
        mirror = mom * np.array([1.0, 1.0, -1.0])
        return np.concatenate([w, w]) / 2, np.concatenate([mom, mirror])
    return w, mom
