"""Light shining through a wall (LSW): photon -> ALP -> photon in two magnets (estimates).

Conversion in a transverse field B over a length L (vacuum, natural Heaviside-Lorentz
units; Sikivie, PRL 51 (1983) 1415; van Bibber et al., PRL 59 (1987) 759; e.g. Redondo
and Ringwald arXiv:1011.3741, Sec. 2):

    P(gamma -> a) = (g B L / 2)^2 [sin(q L / 2) / (q L / 2)]^2,   q = m_a^2 / (2 omega),

with 1 T = 195.35 eV^2 (:data:`TESLA_GEV2`, from hbar c^2 / (e sqrt(4 pi alpha))) and
1 m = 5.0677e6 eV^-1 (:data:`METRE_GEV`); so 1 T m = 0.98997 GeV and g B L / 2 =
4.5e-9 for g = 1e-10 GeV^-1, B = 9 T, L = 10 m (P = 2.0e-17). The same probability
regenerates the photon behind the wall.

Regenerated photons detected in a time t:

    N = (P_prod / omega) beta_regen eff t P(gamma -> a)^2,

P_prod the laser power in the production magnet (the laser, or the power circulating in
a production cavity), beta_regen the power build-up of a regeneration cavity (1 without),
eff the detection efficiency. N scales as g^4, so the limit is
g = (s_95 / N(g = 1))^(1/4), with s_95 the 95% CL Poisson upper limit on the signal for the
expected detector background b = (dark rate) t and n_obs = floor(b)
(:func:`fipkit.statistics.poisson_upper_limit`). Below the coherence mass
m ~ sqrt(2 pi omega / L) the limit is flat; above it rises as m^2 (N ~ m^-8), with the
zeros of the sinc.

The detection-side inputs (efficiency, time, dark rate) are this estimate's: they are
named below for each experiment, and where they are assumptions they say so.

Left out: PVLAS (arXiv:1510.08052). It measures the magnetic birefringence and dichroism
of vacuum, not regenerated photons; an honest ALP limit from it needs its ellipticity and
rotation noise floors and the cavity and modulation details, which this module does not
model.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import constants as C
from ..statistics import poisson_upper_limit
from .bounds import excluded_above

#: 1 tesla in GeV^2 (Heaviside-Lorentz natural units): e B = hbar c^2 e_SI B / e_SI^2 and
#: B_nat = (e B)_nat / sqrt(4 pi alpha): 1 T = 195.35 eV^2
TESLA_GEV2: float = C.HBAR_GEV_S * C.C_LIGHT**2 * 1e-9 / C.E_CHARGE
#: 1 metre in GeV^-1 (5.0677e15)
METRE_GEV: float = 1.0 / C.HBARC_GEV_M
#: 1 joule in GeV
JOULE_GEV: float = 1.0 / 1.602176634e-10


def photon_energy(wavelength_m: float) -> float:
    """omega (GeV) of light of wavelength ``wavelength_m`` (m)."""
    return 2 * np.pi * C.HBARC_GEV_M / wavelength_m


def conversion_probability(g, m, omega, b_tesla: float, l_m: float) -> np.ndarray:
    """P(gamma -> a) = (g B L/2)^2 sinc^2(q L/2), q = m^2/(2 omega) (vacuum; g in GeV^-1,
    m and omega in GeV, B in T, L in m), broadcast over g, m, omega."""
    g, m, omega = (np.asarray(x, float) for x in (g, m, omega))
    length = l_m * METRE_GEV
    x = m**2 / (2 * omega) * length / 2
    sinc = np.sinc(x / np.pi)  # numpy's sinc is sin(pi y)/(pi y)
    return (g * b_tesla * TESLA_GEV2 * length / 2) ** 2 * sinc**2


@dataclass(frozen=True)
class LSWExperiment:
    """One LSW setup (the two magnets alike).

    b_tesla, l_m : field (T) and magnetic length (m) of each of the two magnet strings.
    wavelength_m : laser wavelength (m).
    power_w : laser power in the production magnet (W; the circulating power with a cavity).
    beta_regen : power build-up of the regeneration cavity (1 without).
    efficiency : detection efficiency of a regenerated photon.
    time_s : measurement time (s); dark_rate : detector background (counts/s).
    """

    name: str
    label: str
    kind: str
    b_tesla: float
    l_m: float
    wavelength_m: float
    power_w: float
    beta_regen: float
    efficiency: float
    time_s: float
    dark_rate: float
    cl: float
    inputs: str
    references: tuple[str, ...]

    @property
    def omega(self) -> float:
        return photon_energy(self.wavelength_m)

    def photon_rate(self) -> float:
        """Photons per second in the production magnet: P / omega."""
        return self.power_w * JOULE_GEV / self.omega

    def counts_at_unit_coupling(self, m) -> np.ndarray:
        """N / g^4 (g in GeV^-1): the g^4 coefficient of the regenerated-photon count."""
        p1 = conversion_probability(1.0, m, self.omega, self.b_tesla, self.l_m)
        return self.photon_rate() * self.beta_regen * self.efficiency * self.time_s * p1**2

    def signal_limit(self) -> float:
        """s_95: signal counts excluded (Poisson, background dark_rate x time)."""
        return poisson_upper_limit(self.dark_rate * self.time_s, cl=self.cl)

    def limit(self, m) -> np.ndarray:
        """g_agg (GeV^-1) excluded (limit) or reached (projection) at masses m (GeV);
        inf where the sinc vanishes."""
        with np.errstate(divide="ignore"):
            return (self.signal_limit() / self.counts_at_unit_coupling(m)) ** 0.25


#: OSQAR 2014 run (arXiv:1506.08082, abstract): two LHC dipoles of 9 T over 14.3 m each,
#: 18.5 W continuous-wave laser at 532 nm, no cavity. The detection side is this
#: estimate's assumption (the paper's CCD efficiency, exposure and noise were not at hand):
#: efficiency 0.5 (CCD quantum efficiency x optics) and 1 h of background-free counting.
OSQAR = LSWExperiment(
    name="OSQAR",
    label="OSQAR (LSW)",
    kind="limit",
    b_tesla=9.0,
    l_m=14.3,
    wavelength_m=532e-9,
    power_w=18.5,
    beta_regen=1.0,
    efficiency=0.5,
    time_s=3600.0,
    dark_rate=0.0,
    cl=0.95,
    inputs="B = 9 T, L = 2 x 14.3 m, 18.5 W at 532 nm (arXiv:1506.08082); assumed: "
    "efficiency 0.5, 1 h, no background, 95% CL",
    references=("OSQAR, Ballou et al., arXiv:1506.08082",),
)

#: ALPS II design (Technical Design Report arXiv:1302.5647, Table 1): B L = 468 T m per
#: side (10 + 10 straightened HERA dipoles at 5.3 T), 1064 nm, 150 kW circulating in the
#: production cavity, regeneration-cavity power build-up 40 000, detector efficiency 0.75
#: and dark rate 1e-6 /s (TES). Measurement time 20 days: an assumption of this estimate.
ALPS_II = LSWExperiment(
    name="ALPS-II",
    label="ALPS II (projection)",
    kind="projection",
    b_tesla=5.3,
    l_m=468.0 / 5.3,
    wavelength_m=1064e-9,
    power_w=150e3,
    beta_regen=4.0e4,
    efficiency=0.75,
    time_s=20 * 86400.0,
    dark_rate=1e-6,
    cl=0.95,
    inputs="BL = 468 T m per side (5.3 T), 1064 nm, 150 kW in the production cavity, "
    "RC build-up 4e4, efficiency 0.75, dark rate 1e-6/s (arXiv:1302.5647); assumed: 20 days",
    references=(
        "ALPS II TDR, Baehre et al., arXiv:1302.5647",
        "ALPS II optics, Diaz Ortiz et al., arXiv:2009.14294 (design g = 2e-11 GeV^-1)",
    ),
)

#: masses above which an LSW curve is not computed (its limit is far above the figures)
MAX_MASS_GEV: float = 1e-8  # 10 eV


def lsw_curve(exp: LSWExperiment, model, masses):
    """The limit (or projection) of ``exp`` as a Curve on ``masses`` (GeV), excluded from
    the limit up (no upper edge), masses at sinc zeros and above 10 eV dropped."""
    masses = np.asarray(masses, float)
    masses = masses[masses <= MAX_MASS_GEV]
    lo = exp.limit(masses)
    method = (
        "LSW estimate: N = (P/omega) beta_RC eff t [(g B L/2)^2 sinc^2(m^2 L/4 omega)]^2 "
        f">= s_95 = {exp.signal_limit():.3g} (Poisson {exp.cl:.0%} CL); inputs: {exp.inputs}"
    )
    return excluded_above(model, masses, lo, exp, method)


def osqar_curve(model, masses):
    """OSQAR (LSW limit, estimate) on ``masses`` (GeV)."""
    return lsw_curve(OSQAR, model, masses)


def alps2_curve(model, masses):
    """ALPS II (LSW design projection, estimate) on ``masses`` (GeV)."""
    return lsw_curve(ALPS_II, model, masses)
