"""Direct detection of light dark matter through a dark photon, on the review's y-plane.

Review arXiv:2011.02157 (Sec. 2.3.1, Fig. 1, Eq. 13); model conventions of
:mod:`fipkit.models.ldm`: y = eps^2 alpha_D (m_chi/m_A')^4, m_A' = r m_chi (``model.ratio``).
Only the elastic complex scalar (``ldm-scalar``) scatters at tree level without velocity
suppression: the Majorana fermion's axial current gives sigma ~ v^2 (~1e-6 smaller) and the
pseudo-Dirac pair scatters inelastically (chi_1 -> chi_2), so every ``*_curve`` function here
raises :class:`~fipkit.errors.FipkitInputError` for another model; register them for
``("ldm-scalar",)`` only.

Cross sections (checked here; heavy mediator, |q| << m_A')
------------------------------------------------------------
Dark-matter-electron reference cross section (Essig, Mardon, Volansky arXiv:1108.5383
eq. 3; Essig et al. arXiv:1509.01598 eq. 2.1), defined at the reference momentum
q_ref = alpha m_e::

    sigma_e-bar = 16 pi alpha alpha_D eps^2 mu_chi_e^2 / (m_A'^2 + alpha^2 m_e^2)^2
                = 16 pi alpha y mu_chi_e^2 / m_chi^4                 (m_A' >> alpha m_e)

(review Eq. 13: 3.7e-27 cm^2 (10 MeV/m_chi)^4 y for mu -> m_e; here 3.73e-27). The DM form
factor is F_DM(q) = (m_A'^2 + q_ref^2)/(m_A'^2 + q^2) = 1 to better than 1e-4 for
m_A' = 3 m_chi >= 3 MeV and the q <~ 30 keV of electron scattering.

Dark-matter-proton cross section at q = 0 (the dark photon couples to the proton charge
only)::

    sigma_p = 16 pi alpha alpha_D eps^2 mu_chi_p^2 / m_A'^4 = 16 pi alpha y mu_chi_p^2 / m_chi^4

and, for a nucleus (Z, A) of mass m_N, the coherent cross section is
sigma_N(0) = sigma_p Z^2 (mu_chi_N/mu_chi_p)^2 -- Z^2, not the A^2 of the isoscalar
("spin-independent per nucleon") convention in which experiments publish limits. The recoil
spectrum, q^2 = 2 m_N E_R::

    dR/dE_R = rho_chi sigma_p Z^2 F_Helm^2(q) P(q) eta(v_min) / (2 m_chi mu_chi_p^2)  (per mass),
    P(q) = m_A'^4 / (m_A'^2 + q^2)^2,     v_min = sqrt(m_N E_R / (2 mu_chi_N^2)).

P(q) (the mediator propagator) is kept, but q <= 2 mu_chi_N (v_esc + v_E) ~ 5e-3 m_chi, so
1 - P < 1e-4 for r = 3: the heavy-mediator limit holds for nuclear recoils too. The option
``nucleon_coupling="isoscalar"`` uses A^2 instead of Z^2 -- not the dark-photon model, but
the convention of the published limits (and of compilations that convert them to y with
the formula above); it exists to compare with those.

Helm form factor (Lewin & Smith, Astropart. Phys. 6 (1996) 87, eqs. 4.7-4.11):
F(q) = 3 j_1(q r_n)/(q r_n) exp(-(q s)^2/2), r_n^2 = c^2 + (7/3) pi^2 a^2 - 5 s^2,
c = 1.23 A^(1/3) - 0.60 fm, a = 0.52 fm, s = 0.9 fm.

Halo: standard halo model, a Maxwellian truncated sharply at v_esc, v0 = 220 km/s,
v_esc = 544 km/s, Earth speed v_E = 232 km/s (no annual modulation), rho_chi = 0.3 GeV/cm^3.
The mean inverse speed eta(v_min) = int d^3v f(v)/v Theta(v - v_min) is the closed form of
Lewin & Smith (1996) Sec. 3 / Savage, Freese, Gondolo arXiv:astro-ph/0607121 (App. B) /
McCabe arXiv:1005.0579 eq. B3, with N_esc = erf(z) - 2 z exp(-z^2)/sqrt(pi),
x = v_min/v0, y = v_E/v0, z = v_esc/v0 (:func:`eta`).

Nuclear-recoil limits (:func:`nr_sigma_limit`)
----------------------------------------------
Expected events in an observed-energy interval [E_a, E_b]:
N(sigma_p) = exposure x sum_T f_T int dE eps(E) A_ab(E) dR_T/dE, f_T the mass fraction of
element T (CaWO4: O 0.222, Ca 0.139, W 0.639), eps(E) a flat efficiency (or a short table of
(E, eps) anchors, linearly interpolated), A_ab(E) the probability that a recoil of true
energy E is observed in [E_a, E_b]: a step (E_a <= E < E_b), or, if the experiment quotes an
energy resolution sigma_E, [erf((E_b - E)/sqrt2 sigma_E) - erf((E_a - E)/sqrt2 sigma_E)]/2
(recoils below threshold fluctuate above it; followed down to E_th - 2 sigma_E,
:data:`RES_REACH`). The limit is the Poisson 90% CL upper limit
:func:`fipkit.statistics.poisson_upper_limit` on the n_ab events *observed* in the interval,
all counted as signal (no background subtraction): sigma_90 = N_90(n_ab) / N(1 cm^2). An
experiment lists its observed counts below a few a-priori energy edges (cumulative from
the threshold); every interval between two of them is tried and the best (lowest) limit
is kept -- a coarse stand-in for Yellin's optimum-interval method, which CRESST used,
without Yellin's correction for having chosen the interval (so somewhat optimistic). A
projection with no events has one interval and N_90 = 2.30, and its limit scales exactly
as 1/exposure. Energies are integrated on a Gauss-Legendre grid in ln E per mass and target,
vectorised over masses (no loop over energies). For the dark photon (Z^2) the limits on
sigma_p, hence y, are weaker than the published isoscalar ones by ~(A/Z)^2: 4 for O and Ca
(0.6 dex), 6.2 for W (0.79 dex).

Electron-recoil limits (:func:`er_sigma_limit`): a simplified silicon response
--------------------------------------------------------------------------------
The exact crystal form factor (Essig et al. arXiv:1509.01598, QEdark DFT tables) is not
used. Instead the four valence electrons per Si atom are a free, degenerate electron gas
(density n_e = 4 x 2.329 g/cm^3 / 28.0855 u = 2.0e23 cm^-3, k_F = 3.57 keV, Fermi energy
12.5 eV, plasma frequency 16.6 eV -- the Si valence band width and plasmon), with the band
gap put in by the Levine-Louie substitution (Z. H. Levine, S. G. Louie, Phys. Rev. B 25
(1982) 6310): S(q, w) = S_Lindhard(q, sqrt(w^2 - E_g^2)) for w > E_g, 0 below (this keeps
the f-sum rule, tested). S is the T = 0 dynamic structure factor of the free gas
(Lindhard), S = (m_e/(2 pi q)) [(k_F^2 - k_-^2)_+ - (k_F^2 - k_+^2)_+], k_+- = m_e w'/q +- q/2,
normalised so that free electrons at rest give S = 2 pi n_e delta(w - q^2/2m_e). No in-medium
screening (|eps| = 1, as in QEdark and the SENSEI/DAMIC-M analyses). The rate per target
mass (derived here; it reduces to n_e sigma v for free electrons at rest, tested)::

    dR/dw = (rho_chi/m_chi) sigma_e-bar / (4 pi mu_chi_e^2 rho_Si) int dq q S(q, w) eta(v_min),
    v_min = w/q + q/(2 m_chi),

with F_DM = 1. Ionisation: Q = 1 + floor((w - E_g)/eps_eh) electrons for w >= E_g, E_g = 1.2 eV,
eps_eh = 3.8 eV (the step model of arXiv:1509.01598 Sec. 2), so the n-electron bin is
w in [E_g + (n-1) eps_eh, E_g + n eps_eh). The free gas has the right electron momenta and
sum rule but no band structure: rates are expected to be within a factor of a few of the
DFT ones for m_chi >~ 5 MeV and worse at the kinematic edge (a few MeV) [U: expectation, not
checked against QEdark here]. A free gas has no electron momenta above k_F, while the real
valence states (orthogonalised to the ion cores) have high-momentum tails that feed large
energy transfers: the 3- and 4-electron rates, hence the limits above ~10 MeV, are likely
underestimated (limits too weak) [U]. Checked here: the f-sum rule and the free-electron
limit n_e sigma v. The ER curves are order-of-magnitude estimates.

Numbers marked [U: recalled] were taken from the papers as this module's author knows
them and were not re-read; "[data release]" numbers were counted or read from the
experiments' published data files (arXiv ancillary files). User-supplied curves:
:func:`read_sigma_file` / :func:`sigma_file_curve`.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import hepunits as u
import numpy as np
import yaml
from hepunits import constants as hc
from scipy.special import erf

from .. import constants as C
from ..curves import KINDS, Curve, inputs_hash, read_text
from ..errors import FipkitInputError
from ..statistics import poisson_upper_limit
from .bounds import _curve

# ---------------------------------------------------------------------------------------
# Units and halo
# ---------------------------------------------------------------------------------------
#: local dark-matter density, GeV/cm^3 (standard halo model)
RHO_DM_GEV_CM3: float = 0.3
#: Maxwellian most-probable speed v0, km/s
V0_KMS: float = 220.0
#: galactic escape speed, km/s
VESC_KMS: float = 544.0
#: Earth's speed in the galactic frame (yearly mean), km/s
VE_KMS: float = 232.0
#: speed of light, km/s
C_KMS: float = C.C_LIGHT / 1e3
#: hbar c, GeV cm
HBARC_GEV_CM: float = C.HBARC_GEV_M * 100
#: 1 keV in GeV
KEV: float = 1e-6
#: 1 kg in GeV
KG_GEV: float = u.kg * hc.c_light_sq / u.GeV
#: atomic mass unit (1 g/mol / N_A), GeV
AMU_GEV: float = 1e-3 * KG_GEV / C.N_AVOGADRO
#: a rate per (time mass energy) in GeV^-1 (natural units) -> events / (kg day keV)
RATE_TO_KG_DAY_KEV: float = 86400.0 / C.HBAR_GEV_S * KG_GEV * KEV
#: fm in GeV^-1
FM_GEV: float = 1e-13 / HBARC_GEV_CM
#: days per year (Julian)
DAYS_PER_YEAR: float = 365.25
ALPHA = C.ALPHA_EM
M_E = C.M_E
M_P = C.M_P

N_ENERGY = 48  # Gauss-Legendre nodes in ln E_R per mass and target
N_OMEGA = 12  # Gauss-Legendre nodes in the energy transfer per electron bin
N_Q = 48  # Gauss-Legendre nodes in the momentum transfer


def _gl(n: int) -> tuple[np.ndarray, np.ndarray]:
    """Gauss-Legendre nodes and weights on [0, 1]."""
    x, w = np.polynomial.legendre.leggauss(n)
    return 0.5 * (x + 1), 0.5 * w


def _masses(masses) -> np.ndarray:
    m = np.atleast_1d(np.asarray(masses, float))
    if m.ndim != 1 or not np.all(np.isfinite(m)) or np.any(m <= 0):
        raise FipkitInputError("masses must be finite and > 0 (m_chi in GeV)")
    return m


def _reduced(a, b):
    return a * b / (a + b)


# ---------------------------------------------------------------------------------------
# Cross sections <-> y
# ---------------------------------------------------------------------------------------
def sigma_e_from_y(m_chi, y, ratio: float = 3.0) -> np.ndarray:
    """sigma_e-bar (cm^2) = 16 pi alpha alpha_D eps^2 mu_chi_e^2 / (m_A'^2 + alpha^2 m_e^2)^2
    with alpha_D eps^2 = y r^4, m_A' = r m_chi (arXiv:1108.5383 eq. 3; review Eq. 13)."""
    m = np.asarray(m_chi, float)
    mu = _reduced(m, M_E)
    ma2 = (ratio * m) ** 2
    return (
        16
        * np.pi
        * ALPHA
        * np.asarray(y, float)
        * ratio**4
        * mu**2
        / (ma2 + (ALPHA * M_E) ** 2) ** 2
        * C.GEV2_TO_CM2
    )


def y_from_sigma_e(m_chi, sigma_e, ratio: float = 3.0) -> np.ndarray:
    """y for a DM-electron reference cross section sigma_e-bar (cm^2): inverse of
    :func:`sigma_e_from_y`."""
    return np.asarray(sigma_e, float) / sigma_e_from_y(m_chi, 1.0, ratio)


def sigma_p_from_y(m_chi, y, ratio: float = 3.0) -> np.ndarray:
    """sigma_p (cm^2) = 16 pi alpha alpha_D eps^2 mu_chi_p^2 / m_A'^4 = 16 pi alpha y
    mu_chi_p^2 / m_chi^4 (q = 0; independent of the ratio r, kept for symmetry)."""
    m = np.asarray(m_chi, float)
    mu = _reduced(m, M_P)
    return 16 * np.pi * ALPHA * np.asarray(y, float) * mu**2 / m**4 * C.GEV2_TO_CM2


def y_from_sigma_p(m_chi, sigma_p, ratio: float = 3.0) -> np.ndarray:
    """y for a DM-proton cross section sigma_p (cm^2): inverse of :func:`sigma_p_from_y`."""
    return np.asarray(sigma_p, float) / sigma_p_from_y(m_chi, 1.0, ratio)


# ---------------------------------------------------------------------------------------
# Halo: mean inverse speed
# ---------------------------------------------------------------------------------------
def eta(v_min, v0: float = V0_KMS, v_esc: float = VESC_KMS, v_e: float = VE_KMS) -> np.ndarray:
    """Mean inverse speed eta(v_min) = int d^3v f(v)/v Theta(v - v_min) in s/km, for a
    Maxwellian of most-probable speed v0 truncated at v_esc (galactic frame), seen from
    the Earth moving at v_e (all km/s); v_min in km/s, any shape. Closed form of
    Savage, Freese, Gondolo arXiv:astro-ph/0607121 App. B (McCabe arXiv:1005.0579 eq. B3);
    0 for v_min >= v_esc + v_e."""
    x = np.asarray(v_min, float) / v0
    y, z = v_e / v0, v_esc / v0
    n_esc = math.erf(z) - 2 * z * math.exp(-z * z) / math.sqrt(math.pi)
    pref = 1.0 / (2 * n_esc * v0 * y)
    ez = math.exp(-z * z)
    x = np.maximum(x, 0.0)
    low = pref * (erf(x + y) - erf(x - y) - 4 / math.sqrt(math.pi) * y * ez)
    mid = pref * (math.erf(z) - erf(x - y) - 2 / math.sqrt(math.pi) * (y + z - x) * ez)
    if z > y:
        out = np.where(x < z - y, low, np.where(x < z + y, mid, 0.0))
    else:  # the Earth outruns the escape speed (not the SHM; kept for completeness)
        out = np.where(x < y - z, 1.0 / (v0 * y), np.where(x < y + z, mid, 0.0))
    return np.maximum(out, 0.0)


def _eta_nat(v_min_c) -> np.ndarray:
    """eta in natural units (1/c) for v_min in units of c."""
    return eta(np.asarray(v_min_c) * C_KMS) * C_KMS


V_MAX_C: float = (VESC_KMS + VE_KMS) / C_KMS  # largest lab-frame speed, units of c
RHO_DM_NAT: float = RHO_DM_GEV_CM3 * HBARC_GEV_CM**3  # GeV^4


# ---------------------------------------------------------------------------------------
# Nuclei and nuclear recoils
# ---------------------------------------------------------------------------------------
def helm_form_factor(q, A) -> np.ndarray:
    """Helm form factor F(q) (Lewin & Smith 1996 eqs. 4.7-4.11), q in GeV, A the mass number:
    3 j_1(q r_n)/(q r_n) exp(-(q s)^2/2), r_n^2 = c^2 + 7/3 pi^2 a^2 - 5 s^2,
    c = 1.23 A^(1/3) - 0.60 fm, a = 0.52 fm, s = 0.9 fm. F(0) = 1."""
    q = np.asarray(q, float)
    c = (1.23 * np.cbrt(A) - 0.60) * FM_GEV
    a, s = 0.52 * FM_GEV, 0.9 * FM_GEV
    rn = np.sqrt(c * c + 7.0 / 3.0 * np.pi**2 * a * a - 5 * s * s)
    x = q * rn
    small = x < 1e-3
    xs = np.where(small, 1.0, x)
    j1_over_x = np.where(small, 1.0 / 3.0 - x * x / 30.0, (np.sin(xs) - xs * np.cos(xs)) / xs**3)
    return 3 * j1_over_x * np.exp(-0.5 * (q * s) ** 2)


@dataclass(frozen=True)
class Nucleus:
    """A target element: charge Z, mass number A (Helm radius), atomic mass in u."""

    symbol: str
    Z: int
    A: int
    mass_u: float

    @property
    def mass(self) -> float:
        """Nuclear mass in GeV (atomic mass; the electrons' 0.03% is ignored)."""
        return self.mass_u * AMU_GEV


NUCLEI = {
    "O": Nucleus("O", 8, 16, 15.999),
    "Si": Nucleus("Si", 14, 28, 28.0855),
    "Ca": Nucleus("Ca", 20, 40, 40.078),
    "Ge": Nucleus("Ge", 32, 73, 72.630),
    "Ar": Nucleus("Ar", 18, 40, 39.948),
    "Xe": Nucleus("Xe", 54, 131, 131.293),
    "W": Nucleus("W", 74, 184, 183.84),
}


def compound(formula: dict[str, int]) -> tuple[tuple[Nucleus, float], ...]:
    """((nucleus, mass fraction), ...) of a compound, e.g. ``{"Ca": 1, "W": 1, "O": 4}``."""
    parts = [(NUCLEI[s], n * NUCLEI[s].mass_u) for s, n in formula.items()]
    tot = sum(w for _, w in parts)
    return tuple((nuc, w / tot) for nuc, w in parts)


NUCLEON_COUPLINGS = ("proton", "isoscalar")


def nr_rate(
    m_chi,
    e_r_kev,
    nucleus: Nucleus,
    sigma_p: float = 1.0,
    ratio: float = 3.0,
    nucleon_coupling: str = "proton",
) -> np.ndarray:
    """dR/dE_R in events / (kg day keV) on ``nucleus`` for DM-proton cross section
    ``sigma_p`` (cm^2), masses m_chi (GeV) broadcasting with recoil energies (keV):
    rho sigma_p C^2 F_Helm^2 P(q) eta(v_min) / (2 m_chi mu_chi_p^2), C = Z ("proton": the dark
    photon) or A ("isoscalar": the convention of published spin-independent limits)."""
    if nucleon_coupling not in NUCLEON_COUPLINGS:
        raise FipkitInputError(
            f"nucleon_coupling must be one of {NUCLEON_COUPLINGS}, not {nucleon_coupling!r}"
        )
    m = np.asarray(m_chi, float)
    e = np.asarray(e_r_kev, float) * KEV
    mn = nucleus.mass
    mu_n, mu_p = _reduced(m, mn), _reduced(m, M_P)
    q2 = 2 * mn * e
    v_min = np.sqrt(mn * e / (2 * mu_n**2))
    ff2 = helm_form_factor(np.sqrt(q2), nucleus.A) ** 2
    ma2 = (ratio * m) ** 2
    prop = (ma2 / (ma2 + q2)) ** 2
    coh = float(nucleus.Z if nucleon_coupling == "proton" else nucleus.A) ** 2
    sig = sigma_p / C.GEV2_TO_CM2
    rate = RHO_DM_NAT * sig * coh * ff2 * prop * _eta_nat(v_min) / (2 * m * mu_p**2)
    return rate * RATE_TO_KG_DAY_KEV


def e_max_kev(m_chi, nucleus: Nucleus) -> np.ndarray:
    """Largest recoil energy (keV): 2 mu_chi_N^2 (v_esc + v_E)^2 / m_N."""
    mu = _reduced(np.asarray(m_chi, float), nucleus.mass)
    return 2 * mu**2 * V_MAX_C**2 / nucleus.mass / KEV


@dataclass(frozen=True)
class NuclearRecoilExperiment:
    """A nuclear-recoil search, described by its published numbers.

    targets: ((Nucleus, mass fraction), ...); exposure in kg day; threshold and energies in
    keV (nuclear-recoil energy); efficiency a flat number or ((E_keV, eff), ...) anchors
    (linear interpolation, constant beyond the ends); edges ((E_k, N_k), ...): increasing
    observed energies above the threshold and the number of events observed between the
    threshold and E_k (cumulative; the last edge closes the region of interest). The limit
    uses every interval [E_i, E_j] between the threshold and these edges, with the
    N_j - N_i events seen in it. resolution_keV: the Gaussian energy resolution (0: a sharp
    step at threshold).
    """

    name: str
    label: str
    kind: str
    targets: tuple
    exposure_kg_day: float
    threshold_kev: float
    edges: tuple
    efficiency: Any = 1.0
    resolution_kev: float = 0.0
    cl: float = 0.9
    inputs: str = ""
    references: tuple = ()

    def scaled(self, factor: float) -> NuclearRecoilExperiment:
        """The same experiment with ``factor`` times the exposure (same observed events)."""
        from dataclasses import replace

        return replace(self, exposure_kg_day=self.exposure_kg_day * factor)

    def eff(self, e_kev) -> np.ndarray:
        e = np.asarray(e_kev, float)
        if np.ndim(self.efficiency) == 0:
            return np.full_like(e, float(self.efficiency))
        tab = np.asarray(self.efficiency, float)
        return np.interp(e, tab[:, 0], tab[:, 1])

    @property
    def energies(self) -> np.ndarray:
        """Threshold and edges, keV."""
        return np.r_[self.threshold_kev, [e for e, _ in self.edges]]

    @property
    def cumulative(self) -> np.ndarray:
        """Events observed between the threshold and each of :attr:`energies`."""
        return np.r_[0, [n for _, n in self.edges]].astype(int)

    def intervals(self) -> tuple[np.ndarray, np.ndarray]:
        """(i, j) index pairs of every interval [energies[i], energies[j]], i < j."""
        k = len(self.edges) + 1
        i, j = np.triu_indices(k, 1)
        return i, j

    def n90(self) -> np.ndarray:
        """Signal events excluded at ``cl`` in each interval (Poisson, no background)."""
        i, j = self.intervals()
        n = self.cumulative[j] - self.cumulative[i]
        table = {k: poisson_upper_limit(0.0, int(k), self.cl) for k in np.unique(n)}
        return np.array([table[k] for k in n])


#: true recoils are followed down to (threshold - RES_REACH resolutions): the Gaussian
#: resolution model is trusted to 2 sigma (CRESST-III's quoted reach, 160 MeV, needs 1.65)
RES_REACH = 2.0


def _acceptance(e, lo, hi, res):
    """Probability that a recoil of true energy e is observed in [lo, hi] (keV)."""
    if res > 0:
        r = math.sqrt(2) * res
        return 0.5 * (erf((hi - e) / r) - erf((lo - e) / r))
    return ((e >= lo) & (e < hi)).astype(float)


def nr_expected_events(
    exp: NuclearRecoilExperiment,
    masses,
    ratio: float = 3.0,
    nucleon_coupling: str = "proton",
) -> np.ndarray:
    """Expected events (bins, masses) at sigma_p = 1 cm^2 in the observed-energy bins
    between consecutive :attr:`~NuclearRecoilExperiment.energies`, vectorised over the
    masses: for each bin, target and mass a Gauss-Legendre grid in ln E over the true
    energies that can land in the bin (the bin itself, widened by 5 sigma_E if there is a
    resolution, cut at threshold - RES_REACH sigma_E and at E_max(m))."""
    m = _masses(masses)
    res = exp.resolution_kev
    en = exp.energies
    e_floor = exp.threshold_kev - RES_REACH * res
    t, w = _gl(N_ENERGY)
    a, b = en[:-1, None], en[1:, None]  # (B, 1)
    out = np.zeros((len(en) - 1, len(m)))
    for nuc, frac in exp.targets:
        e_hi = np.minimum(e_max_kev(m, nuc)[None, :], b + 5 * res)  # (B, M)
        e_lo = np.broadcast_to(np.maximum(a - 5 * res, e_floor), e_hi.shape)
        ok = e_hi > e_lo
        if not ok.any():
            continue
        lr = np.log(np.where(ok, e_hi, 2 * e_lo) / e_lo)  # (B, M)
        e = e_lo[..., None] * np.exp(lr[..., None] * t)  # (B, M, K)
        jac = e * lr[..., None] * w
        dr = nr_rate(m[None, :, None], e, nuc, 1.0, ratio, nucleon_coupling) * exp.eff(e)
        acc = _acceptance(e, a[..., None], b[..., None], res)
        out += frac * np.where(ok, np.sum(acc * dr * jac, axis=-1), 0.0)
    return out * exp.exposure_kg_day


def nr_sigma_limit(
    exp: NuclearRecoilExperiment,
    masses,
    ratio: float = 3.0,
    nucleon_coupling: str = "proton",
) -> np.ndarray:
    """The 90% CL (``exp.cl``) upper limit on sigma_p (cm^2) at each mass: the best over the
    intervals of N_90(n_obs) / N(sigma_p = 1 cm^2); NaN where no signal is seen."""
    per_bin = nr_expected_events(exp, masses, ratio, nucleon_coupling)
    cum = np.vstack([np.zeros(per_bin.shape[1]), np.cumsum(per_bin, axis=0)])
    i, j = exp.intervals()
    n = cum[j] - cum[i]  # (intervals, M)
    with np.errstate(divide="ignore", invalid="ignore"):
        lim = np.where(n > 0, exp.n90()[:, None] / n, np.inf).min(axis=0)
    return np.where(np.isfinite(lim), lim, np.nan)


def nr_y_limit(exp, masses, ratio: float = 3.0, nucleon_coupling: str = "proton"):
    """The limit of :func:`nr_sigma_limit` on the y-plane (NaN where insensitive)."""
    m = _masses(masses)
    return y_from_sigma_p(m, nr_sigma_limit(exp, m, ratio, nucleon_coupling), ratio)


CAWO4 = compound({"Ca": 1, "W": 1, "O": 4})

#: CRESST-III detector A (arXiv:1904.00498; data release arXiv:1905.07335). Gross exposure
#: 5.594 kg day [U: recalled] with the released acceptance-region efficiency, flat at 0.49
#: (O; 0.495 at 30 eV to 0.491 at 2 keV; Ca and W taken the same) [data release]; the
#: often-quoted 3.64 kg day is the exposure after cuts, before the acceptance-region
#: selection [U: recalled] (effective here 5.594 x 0.49 = 2.74 kg day; 3.64 kg day at unit
#: efficiency would give limits 0.12 dex stronger). Threshold
#: 30.1 eV (abstract), baseline resolution 4.6 eV [U: recalled]. 441 events in the
#: acceptance region [data release: count of the released event list; the paper quotes the
#: same number, U: recalled]; the released events counted below a-priori edges (roughly
#: log-spaced; all 441 are below 0.63 keV, so [1, 16] keV is empty).
CRESST_III = NuclearRecoilExperiment(
    name="CRESST-III",
    label="CRESST-III (2019)",
    kind="limit",
    targets=CAWO4,
    exposure_kg_day=5.594,
    threshold_kev=0.0301,
    efficiency=0.49,
    resolution_kev=0.0046,
    edges=(
        (0.035, 71),
        (0.04, 161),
        (0.05, 270),
        (0.06, 332),
        (0.08, 378),
        (0.1, 406),
        (0.15, 426),
        (0.2, 433),
        (0.3, 435),
        (0.5, 438),
        (1.0, 441),
        (2.0, 441),
        (5.0, 441),
        (16.0, 441),
    ),
    inputs="CaWO4, 5.594 kg day x 0.49 acceptance, threshold 30.1 eV, sigma_E 4.6 eV, "
    "441 events in [30.1 eV, 16 keV] counted below 14 edges",
    references=(
        "CRESST, Abdelhameed et al., arXiv:1904.00498",
        "CRESST, Description of CRESST-III data, arXiv:1905.07335",
    ),
)

#: CRESST-II detector Lise (arXiv:1509.01515; data release arXiv:1701.08157). Exposure
#: 52.15 kg day (paper: 52 kg live days) [U: recalled], threshold 307 eV. The released
#: acceptance-region efficiency (O) rises from 0.064 at threshold to 0.35 above 2.5 keV; a
#: few anchors read off it [data release] are interpolated (Ca and W taken the same). It is
#: given in true recoil energy
#: and already holds the threshold's trigger efficiency, so no resolution is applied.
#: 1949 events in [0.307, 40] keV [data release: count of the released event list].
CRESST_II = NuclearRecoilExperiment(
    name="CRESST-II",
    label="CRESST-II (2015)",
    kind="limit",
    targets=CAWO4,
    exposure_kg_day=52.15,
    threshold_kev=0.307,
    efficiency=(
        (0.307, 0.064),
        (0.5, 0.159),
        (0.7, 0.234),
        (1.0, 0.292),
        (1.5, 0.328),
        (2.0, 0.341),
        (3.0, 0.345),
    ),
    edges=(
        (0.4, 4),
        (0.5, 15),
        (0.6, 28),
        (0.8, 48),
        (1.0, 65),
        (1.5, 140),
        (2.0, 202),
        (3.0, 339),
        (5.0, 498),
        (10.0, 1892),
        (40.0, 1949),
    ),
    inputs="CaWO4, 52.15 kg day, threshold 307 eV, released acceptance (0.06-0.35), 1949 "
    "events in [0.307, 40] keV counted below 11 edges",
    references=(
        "CRESST, Angloher et al., arXiv:1509.01515",
        "CRESST, Description of CRESST-II data, arXiv:1701.08157",
    ),
)

_KGYR = DAYS_PER_YEAR
#: SuperCDMS SNOLAB projection (arXiv:1610.00006): the four detector types with the
#: exposures and nuclear-recoil thresholds of that paper [U: recalled]: Ge HV 44 kg yr,
#: 40 eV; Si HV 9.6 kg yr, 78 eV; Ge iZIP 56 kg yr, 272 eV; Si iZIP 4.8 kg yr, 166 eV.
#: Efficiency 1 and zero background (N_90 = 2.30; assumed). The paper's projections include
#: backgrounds, so this is optimistic where they dominate: the HV detectors do not
#: discriminate electron recoils (the arXiv abstract quotes ~1e-43 cm^2 at 1 GeV; this
#: background-free Ge HV estimate gives 4e-45 cm^2), and the Ge iZIP near 5 GeV sees the
#: 8B-neutrino coherent scattering. Region-of-interest tops (2 keV HV, 50 keV iZIP) are
#: assumed. The curve is the best of the four (or of ``detectors``).
SUPERCDMS_SNOLAB = tuple(
    NuclearRecoilExperiment(
        name=f"SuperCDMS-SNOLAB-{tag}",
        label=f"SuperCDMS SNOLAB {tag}",
        kind="projection",
        targets=((NUCLEI[el], 1.0),),
        exposure_kg_day=expo * _KGYR,
        threshold_kev=thr,
        edges=((top, 0),),
        inputs=f"{el}, {expo:g} kg yr, threshold {thr * 1e3:g} eV_nr, no background",
        references=("SuperCDMS, Agnese et al., arXiv:1610.00006",),
    )
    for tag, el, expo, thr, top in (
        ("Ge HV", "Ge", 44.0, 0.040, 2.0),
        ("Si HV", "Si", 9.6, 0.078, 2.0),
        ("Ge iZIP", "Ge", 56.0, 0.272, 50.0),
        ("Si iZIP", "Si", 4.8, 0.166, 50.0),
    )
)


# ---------------------------------------------------------------------------------------
# Electron recoils in silicon (simplified response; see the module docstring)
# ---------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Crystal:
    """Free-electron-gas model of a semiconductor's valence electrons."""

    name: str
    density_g_cm3: float
    atom_u: float
    valence: int
    gap_ev: float
    eps_eh_ev: float

    @property
    def rho(self) -> float:
        """Mass density in GeV^4."""
        return self.density_g_cm3 * (1e-3 * KG_GEV) * HBARC_GEV_CM**3

    @property
    def n_e(self) -> float:
        """Valence-electron density, GeV^3."""
        return self.valence * self.rho / (self.atom_u * AMU_GEV)

    @property
    def k_f(self) -> float:
        """Fermi momentum of the valence-electron gas, GeV."""
        return (3 * np.pi**2 * self.n_e) ** (1 / 3)

    def bin_edges_gev(self, n: int) -> tuple[float, float]:
        """Energy-transfer range of the n-electron bin, GeV."""
        lo = self.gap_ev + (n - 1) * self.eps_eh_ev
        return lo * 1e-9, (lo + self.eps_eh_ev) * 1e-9


#: silicon: 2.329 g/cm^3, 28.0855 u, 4 valence electrons, E_g = 1.2 eV, eps_eh = 3.8 eV
#: (arXiv:1509.01598 Sec. 2)
SILICON = Crystal("Si", 2.329, 28.0855, 4, 1.2, 3.8)


def structure_factor(q, omega, crystal: Crystal = SILICON) -> np.ndarray:
    """S(q, w) (GeV^2) of the gapped free-electron gas (Lindhard T = 0 with the
    Levine-Louie gap): (m_e/(2 pi q)) [(k_F^2 - k_-^2)_+ - (k_F^2 - k_+^2)_+] at
    w' = sqrt(w^2 - E_g^2), k_+- = m_e w'/q +- q/2; 0 for w < E_g. q, w in GeV."""
    q = np.asarray(q, float)
    w = np.asarray(omega, float)
    eg = crystal.gap_ev * 1e-9
    wp = np.sqrt(np.clip(w * w - eg * eg, 0.0, None))
    kf2 = crystal.k_f**2
    km = M_E * wp / q - q / 2
    kp = km + q
    s = M_E / (2 * np.pi * q) * (np.clip(kf2 - km * km, 0, None) - np.clip(kf2 - kp * kp, 0, None))
    return np.where(w > eg, s, 0.0)


def er_rate_bins(m_chi, n_electrons, crystal: Crystal = SILICON, sigma_e: float = 1.0):
    """Events / (kg day) in each n-electron bin (array (bins, masses)) for sigma_e-bar
    (cm^2), F_DM = 1, vectorised over masses: the rate formula of the module docstring on
    Gauss-Legendre grids in w (per bin) and q (over the kinematically allowed range)."""
    m = _masses(m_chi)
    mu = _reduced(m, M_E)
    tw, ww = _gl(N_OMEGA)
    tq, wq = _gl(N_Q)
    kf = crystal.k_f
    w_max = 0.5 * m * V_MAX_C**2  # all the DM kinetic energy (crystal recoil ~ free)
    pref = RHO_DM_NAT * sigma_e / C.GEV2_TO_CM2 / (4 * np.pi * mu**2 * crystal.rho * m)
    out = []
    for n in n_electrons:
        a, b = crystal.bin_edges_gev(n)
        b_m = np.minimum(b, w_max)  # (M,)
        ok = b_m > a
        wgrid = a + (np.where(ok, b_m, a + 1e-12) - a)[:, None] * tw[None, :]  # (M, Kw)
        wjac = (np.where(ok, b_m, a) - a)[:, None] * ww[None, :]
        # q range: kinematics (v_min < v_max) and the gas's support (at w')
        mv = m[:, None] * V_MAX_C
        disc = np.clip(mv**2 - 2 * m[:, None] * wgrid, 0.0, None)
        qk_lo, qk_hi = mv - np.sqrt(disc), mv + np.sqrt(disc)
        eg = crystal.gap_ev * 1e-9
        wp = np.sqrt(np.clip(wgrid**2 - eg * eg, 0.0, None))
        root = np.sqrt(kf * kf + 2 * M_E * wp)
        q_lo = np.maximum(qk_lo, root - kf)
        q_hi = np.minimum(qk_hi, root + kf)
        good = (q_hi > q_lo) & (disc > 0)
        q_lo = np.where(good, q_lo, 1.0)
        q_hi = np.where(good, q_hi, 1.0 + 1e-9)
        qgrid = q_lo[..., None] + (q_hi - q_lo)[..., None] * tq  # (M, Kw, Kq)
        qjac = (q_hi - q_lo)[..., None] * wq
        wg = wgrid[..., None]
        v_min = wg / qgrid + qgrid / (2 * m[:, None, None])
        integrand = qgrid * structure_factor(qgrid, wg, crystal) * _eta_nat(v_min)
        dq = np.where(good, np.sum(integrand * qjac, axis=-1), 0.0)  # (M, Kw)
        rate = pref * np.sum(dq * wjac, axis=-1)
        out.append(np.where(ok, rate, 0.0))
    return np.array(out) * RATE_TO_KG_DAY_KEV / KEV  # per kg day (energy integrated)


@dataclass(frozen=True)
class ElectronRecoilExperiment:
    """An electron-counting search in a crystal: bins ((n_electrons, exposure_g_day,
    efficiency, n_obs), ...); the limit is the best bin (Poisson upper limit, no
    background subtraction), as in arXiv:2004.11378."""

    name: str
    label: str
    kind: str
    bins: tuple
    crystal: Crystal = SILICON
    cl: float = 0.9
    inputs: str = ""
    references: tuple = ()

    def n90(self) -> np.ndarray:
        return np.array([poisson_upper_limit(0.0, int(b[3]), self.cl) for b in self.bins])


def er_sigma_limit(exp: ElectronRecoilExperiment, masses) -> np.ndarray:
    """90% CL upper limit on sigma_e-bar (cm^2): min over bins of N_90 / N(1 cm^2); NaN
    where no bin is reached."""
    m = _masses(masses)
    ns = [b[0] for b in exp.bins]
    rate = er_rate_bins(m, ns, exp.crystal)  # per kg day
    expo = np.array([b[1] * 1e-3 * b[2] for b in exp.bins])[:, None]
    n = rate * expo
    with np.errstate(divide="ignore", invalid="ignore"):
        lim = np.where(n > 0, exp.n90()[:, None] / n, np.inf).min(axis=0)
    return np.where(np.isfinite(lim), lim, np.nan)


def er_y_limit(exp: ElectronRecoilExperiment, masses, ratio: float = 3.0) -> np.ndarray:
    m = _masses(masses)
    return y_from_sigma_e(m, er_sigma_limit(exp, m), ratio)


#: SENSEI at MINOS (arXiv:2004.11378), Si skipper-CCD: exposure after cuts per bin 1.38,
#: 2.09, 9.03, 9.10 g day and 578, 5, 0, 0 observed events in the 1, 2, 3, 4 e- bins
#: [U: recalled; the same numbers are in the obscura experiment table]. The brief names the
#: 1e and 2e bins; the zero-event 3e and 4e bins set the limit above ~10 MeV and are kept.
SENSEI = ElectronRecoilExperiment(
    name="SENSEI",
    label="SENSEI (2020)",
    kind="limit",
    bins=((1, 1.38, 1.0, 578), (2, 2.09, 1.0, 5), (3, 9.03, 1.0, 0), (4, 9.10, 1.0, 0)),
    inputs="Si, 1-4 e- bins, 1.38/2.09/9.03/9.10 g day, 578/5/0/0 events",
    references=("SENSEI, Barak et al., arXiv:2004.11378",),
)

#: DAMIC-M projection: 1 kg yr of Si skipper-CCDs, 2-electron threshold with no events in
#: the 2e and above bins (background- and dark-current-free) [U: recalled / assumed]; the
#: 2e-4e bins here, each with the full exposure, and N_90 = 2.30 per bin. Same simplified
#: Si response as SENSEI.
DAMIC_M = ElectronRecoilExperiment(
    name="DAMIC-M",
    label="DAMIC-M (projection)",
    kind="projection",
    bins=tuple((n, 1e3 * _KGYR, 1.0, 0) for n in (2, 3, 4)),
    inputs="Si, 1 kg yr, 2-4 e- bins, zero background (assumed)",
    references=(
        "DAMIC-M projection, 1 kg yr skipper-CCDs (inputs recalled; no arXiv id verified)",
    ),
)


# ---------------------------------------------------------------------------------------
# Curves
# ---------------------------------------------------------------------------------------
def _check_model(model) -> None:
    if getattr(model, "dm", None) != "scalar" or getattr(model, "coupling_name", "") != "y":
        raise FipkitInputError(
            f"direct-detection limits apply to the elastic scalar (ldm-scalar) only, not "
            f"{getattr(model, 'name', model)}: Majorana scattering is velocity suppressed "
            "and pseudo-Dirac scattering inelastic"
        )


_NR_METHOD = (
    "nuclear recoils (fipkit.cosmo.direct_detection): SHM (v0 220, v_esc 544, v_E 232 km/s, "
    "rho 0.3 GeV/cm^3), sigma_N = sigma_p Z^2 (mu_N/mu_p)^2 F_Helm^2 x mediator propagator, "
    "Poisson 90% CL on the events observed in the best interval between energy edges; "
    "y = sigma_p m_chi^4 / (16 pi alpha mu_p^2); {inputs}"
)
_ER_METHOD = (
    "electron recoils (fipkit.cosmo.direct_detection): SHM as for nuclei, F_DM = 1, Si "
    "valence electrons as a free Fermi gas with a Levine-Louie 1.2 eV gap (no screening), "
    "Q = 1 + floor((w - 1.2 eV)/3.8 eV), Poisson 90% CL per electron bin, best bin; "
    "y = sigma_e m_chi^4 / (16 pi alpha mu_e^2); {inputs}"
)


def _nr_curve(model, masses, exps, name, label, kind, refs, inputs, statistics):
    _check_model(model)
    m = _masses(masses)
    ys = np.array([nr_y_limit(e, m, model.ratio) for e in exps])
    with np.errstate(invalid="ignore"):
        lo = np.nanmin(np.where(np.isnan(ys), np.inf, ys), axis=0)
    lo = np.where(np.isfinite(lo), lo, np.nan)
    hi = np.full_like(lo, np.inf)
    curve = _curve(
        model, m, lo, hi, name, kind, label, _NR_METHOD.format(inputs=inputs), refs, exps[0].cl
    )
    curve.statistics = statistics
    return curve


def cresst3_curve(model, masses) -> Curve:
    """CRESST-III (2019) nuclear-recoil limit on y (``ldm-scalar`` only)."""
    e = CRESST_III
    return _nr_curve(
        model,
        masses,
        (e,),
        e.name,
        e.label,
        e.kind,
        e.references,
        e.inputs,
        "N_90 = Poisson 90% CL upper limit on the events observed in each interval (all "
        "counted as signal), best interval",
    )


def cresst2_curve(model, masses) -> Curve:
    """CRESST-II (2015, Lise) nuclear-recoil limit on y (``ldm-scalar`` only)."""
    e = CRESST_II
    return _nr_curve(
        model,
        masses,
        (e,),
        e.name,
        e.label,
        e.kind,
        e.references,
        e.inputs,
        "N_90 = Poisson 90% CL upper limit on the events observed in each interval (all "
        "counted as signal), best interval",
    )


def supercdms_snolab_curve(model, masses, detectors=None) -> Curve:
    """SuperCDMS SNOLAB projected reach on y (``ldm-scalar``): the best of the detector
    types ``detectors`` (default all of "Ge HV", "Si HV", "Ge iZIP", "Si iZIP"; see
    :data:`SUPERCDMS_SNOLAB`), each background-free."""
    tags = {e.label.removeprefix("SuperCDMS SNOLAB "): e for e in SUPERCDMS_SNOLAB}
    if detectors is None:
        exps = SUPERCDMS_SNOLAB
    else:
        unknown = [d for d in detectors if d not in tags]
        if unknown or not detectors:
            raise FipkitInputError(
                f"unknown SuperCDMS SNOLAB detectors {unknown}; choose from {', '.join(tags)}"
            )
        exps = tuple(tags[d] for d in detectors)
    return _nr_curve(
        model,
        masses,
        exps,
        "SuperCDMS-SNOLAB",
        "SuperCDMS SNOLAB (projection)",
        "projection",
        exps[0].references,
        "; ".join(e.inputs for e in exps),
        "N >= 2.30 signal events (90% CL, no background)",
    )


def _er_curve(model, masses, exp: ElectronRecoilExperiment, statistics) -> Curve:
    _check_model(model)
    m = _masses(masses)
    lo = er_y_limit(exp, m, model.ratio)
    hi = np.full_like(lo, np.inf)
    curve = _curve(
        model,
        m,
        lo,
        hi,
        exp.name,
        exp.kind,
        exp.label,
        _ER_METHOD.format(inputs=exp.inputs),
        exp.references,
        exp.cl,
    )
    curve.statistics = statistics
    return curve


def sensei_curve(model, masses) -> Curve:
    """SENSEI (2020) electron-recoil limit on y, simplified Si response (``ldm-scalar``)."""
    return _er_curve(
        model,
        masses,
        SENSEI,
        "N_90 = Poisson 90% CL upper limit on the events of each "
        "electron bin (no background subtraction), best bin",
    )


def damic_m_curve(model, masses) -> Curve:
    """DAMIC-M projected reach on y, simplified Si response (``ldm-scalar``)."""
    return _er_curve(
        model, masses, DAMIC_M, "N >= 2.30 signal events per bin (90% CL, no background), best bin"
    )


# ---------------------------------------------------------------------------------------
# User-supplied cross-section curves
# ---------------------------------------------------------------------------------------
_SIGMA_COLUMNS = {"sigma_e_cm2": "electron", "sigma_p_cm2": "proton"}
_MASS_UNITS = {"gev": 1.0, "mev": 1e-3, "kev": 1e-6}
_SIGMA_UNITS = {"cm2": 1.0, "cm^2": 1.0, "cm**2": 1.0, "pb": 1e-36, "fb": 1e-39}


def _fail(path, why: str):
    raise FipkitInputError(f"cross-section file '{path}': {why}")


def _checked(path, rows: list[tuple[str, float, float]]) -> tuple[np.ndarray, np.ndarray]:
    if not rows:
        _fail(path, "has no data rows")
    m = np.array([r[1] for r in rows])
    s = np.array([r[2] for r in rows])
    for where, mi, si in rows:
        if not (np.isfinite(mi) and np.isfinite(si)):
            _fail(path, f"{where}: values must be finite numbers")
        if mi <= 0 or si <= 0:
            _fail(path, f"{where}: mass and cross section must be > 0")
    bad = np.flatnonzero(np.diff(m) <= 0)
    if len(bad):
        _fail(path, f"{rows[bad[0] + 1][0]}: masses must increase")
    return m, s


def _read_csv(path: Path, text: str):
    reader = csv.reader(io.StringIO(text))
    lines = [(i + 1, r) for i, r in enumerate(reader) if r and not r[0].lstrip().startswith("#")]
    if not lines:
        _fail(path, "is empty")
    head = [h.strip().lower() for h in lines[0][1]]
    if len(head) != 2 or head[0] != "mass_gev" or head[1] not in _SIGMA_COLUMNS:
        _fail(
            path,
            f"line {lines[0][0]}: header must be 'mass_GeV,sigma_e_cm2' or "
            f"'mass_GeV,sigma_p_cm2', not '{','.join(lines[0][1])}'",
        )
    rows = []
    for ln, r in lines[1:]:
        if len(r) != 2:
            _fail(path, f"line {ln}: expected 2 columns, found {len(r)}")
        try:
            rows.append((f"line {ln}", float(r[0]), float(r[1])))
        except ValueError:
            _fail(path, f"line {ln}: not a number: '{','.join(r)}'")
    m, s = _checked(path, rows)
    return m, s, _SIGMA_COLUMNS[head[1]]


def _yaml_kind(name: str) -> str | None:
    n = name.lower().replace("-", "_").replace(" ", "_")
    if "electron" in n or "sigma_e" in n or "dm_e" in n:
        return "electron"
    if any(k in n for k in ("proton", "nucleon", "sigma_p", "sigma_n", "_si", "si_")):
        return "proton"
    return None


def _read_yaml(path: Path, text: str, kind: str | None):
    try:
        doc = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        _fail(path, f"{where}not valid YAML")
    if not isinstance(doc, dict) or "independent_variables" not in doc:
        _fail(path, "is not a HEPData table (no 'independent_variables')")
    ind, dep = doc.get("independent_variables"), doc.get("dependent_variables")
    if not isinstance(ind, list) or len(ind) != 1:
        _fail(path, "needs exactly one independent variable (the mass)")
    if not isinstance(dep, list) or len(dep) != 1:
        _fail(path, "needs exactly one dependent variable (the cross section)")
    try:
        ih, dh = ind[0].get("header", {}), dep[0].get("header", {})
        iv, dv = ind[0]["values"], dep[0]["values"]
    except (AttributeError, KeyError, TypeError):
        _fail(path, "variables need 'header' and 'values'")
    mu = str(ih.get("units", "GeV")).strip().lower()
    su = str(dh.get("units", "cm2")).strip().lower().replace(" ", "")
    if mu not in _MASS_UNITS:
        _fail(path, f"mass units '{ih.get('units')}' not understood (GeV, MeV or keV)")
    if su not in _SIGMA_UNITS:
        _fail(path, f"cross-section units '{dh.get('units')}' not understood (cm2 or pb)")
    if kind is None:
        kind = _yaml_kind(str(dh.get("name", "")))
    if kind is None:
        _fail(
            path,
            f"cannot tell electron from proton from the header '{dh.get('name', '')}'; "
            "pass kind='electron' or kind='proton'",
        )
    if not isinstance(iv, list) or not isinstance(dv, list) or len(iv) != len(dv):
        _fail(path, "the mass and cross-section value lists differ in length")

    def val(v):
        if isinstance(v, dict) and "value" in v:
            return float(v["value"])
        if isinstance(v, dict) and "low" in v and "high" in v:
            return math.sqrt(float(v["low"]) * float(v["high"]))
        raise ValueError

    rows = []
    for i, (a, b) in enumerate(zip(iv, dv)):
        try:
            rows.append((f"value {i + 1}", val(a) * _MASS_UNITS[mu], val(b) * _SIGMA_UNITS[su]))
        except (ValueError, TypeError):
            _fail(path, f"value {i + 1}: not a number")
    m, s = _checked(path, rows)
    return m, s, kind


def read_sigma_file(path, kind: str | None = None) -> tuple[np.ndarray, np.ndarray, str]:
    """(m_chi GeV, sigma cm^2, "electron" | "proton") from a CSV with header
    ``mass_GeV,sigma_e_cm2`` or ``mass_GeV,sigma_p_cm2``, or a HEPData YAML table with one
    independent variable (mass; units GeV/MeV/keV) and one dependent (sigma; cm2/pb; electron
    or proton from the header name or ``kind``). Malformed files raise FipkitInputError."""
    p = Path(path)
    if kind not in (None, "electron", "proton"):
        raise FipkitInputError(f"kind must be 'electron' or 'proton', not {kind!r}")
    text = read_text(p, "cross-section file")
    if p.suffix.lower() in (".yaml", ".yml"):
        return _read_yaml(p, text, kind)
    if p.suffix.lower() == ".csv":
        m, s, k = _read_csv(p, text)
        if kind is not None and kind != k:
            _fail(p, f"its header says {k}, but kind={kind!r} was asked")
        return m, s, k
    raise FipkitInputError(f"cross-section file '{p}': use a .csv, .yaml or .yml file")


def sigma_file_curve(
    path,
    model,
    *,
    experiment: str | None = None,
    kind: str = "limit",
    sigma_kind: str | None = None,
    target: str | None = None,
) -> Curve:
    """A user-supplied sigma_e-bar or sigma_p curve (:func:`read_sigma_file`) as a Curve on the
    y-plane of ``model`` (``ldm-scalar``), excluded above. ``target`` (an element of
    :data:`NUCLEI`) marks a sigma_p file as a published isoscalar (A^2) per-nucleon limit on
    that target and rescales it to the dark photon's proton coupling by (A/Z)^2."""
    _check_model(model)
    if kind not in KINDS:
        raise FipkitInputError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    m, s, skind = read_sigma_file(path, sigma_kind)
    if target is not None:
        if skind != "proton":
            raise FipkitInputError("target applies to sigma_p (nucleon) files only")
        if target not in NUCLEI:
            raise FipkitInputError(f"unknown target {target!r}; known: {', '.join(NUCLEI)}")
        nuc = NUCLEI[target]
        s = s * (nuc.A / nuc.Z) ** 2
    if skind == "electron":
        y = y_from_sigma_e(m, s, model.ratio)
        how = "y = sigma_e (m_A'^2 + alpha^2 m_e^2)^2 / (16 pi alpha r^4 mu_e^2)"
    else:
        y = y_from_sigma_p(m, s, model.ratio)
        how = "y = sigma_p m_chi^4 / (16 pi alpha mu_p^2)"
        if target is not None:
            how += f", sigma_p = sigma_SI (A/Z)^2 on {target}"
    name = experiment or Path(path).stem
    curve = Curve(
        m,
        y,
        np.full_like(y, np.inf),
        model=model.name,
        experiment=name,
        kind=kind,
        quantity=model.coupling_name,
        quantity_label=model.coupling_label,
        method=f"user-supplied {skind} cross section from '{Path(path).name}': {how}",
        references=[],
        label=name,
        inputs_hash=inputs_hash([name, model.spec(), list(map(float, m)), list(map(float, s))]),
    )
    return curve


__all__ = [
    "CRESST_II",
    "CRESST_III",
    "DAMIC_M",
    "NUCLEI",
    "SENSEI",
    "SILICON",
    "SUPERCDMS_SNOLAB",
    "ElectronRecoilExperiment",
    "NuclearRecoilExperiment",
    "cresst2_curve",
    "cresst3_curve",
    "damic_m_curve",
    "er_rate_bins",
    "er_sigma_limit",
    "eta",
    "helm_form_factor",
    "nr_expected_events",
    "nr_rate",
    "nr_sigma_limit",
    "read_sigma_file",
    "sensei_curve",
    "sigma_e_from_y",
    "sigma_file_curve",
    "sigma_p_from_y",
    "structure_factor",
    "supercdms_snolab_curve",
    "y_from_sigma_e",
    "y_from_sigma_p",
]
