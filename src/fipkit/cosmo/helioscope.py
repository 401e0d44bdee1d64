"""Helioscopes: solar Primakoff ALPs converting in a magnet pointed at the Sun (estimates).

Flux at Earth: the published fit of the solar Primakoff spectrum (CAST, Andriamonje et
al., hep-ex/0702006, its fit of the standard-solar-model spectrum; the same form in
arXiv:1705.02290)

    dPhi/dE = 6.02e10 (g / 1e-10 GeV^-1)^2 E^2.481 exp(-E / 1.205) cm^-2 s^-1 keV^-1,

E in keV: total 3.75e11 (g/1e-10 GeV^-1)^2 cm^-2 s^-1, mean energy 4.2 keV. fipkit does not
compute this flux itself: the Primakoff rate is at hand (:func:`fipkit.cosmo.supernova.
primakoff_rate`, screened by kappa_s), but no solar model is, and the flux goes as a high
power of the core temperature -- an n = 3 polytrope scaled to the Sun gives
T_c ~ 1.2e7 K instead of the standard solar model's 1.57e7 K, far outside the 20-30% this
would have to reach. So the flux is the published parametrisation (a massless-ALP fit;
the curves stop at 100 eV, far below the keV energies).

Conversion in the magnet: P(a -> gamma) = (g B L/2)^2 sinc^2(q L/2), q = m^2/(2E)
(vacuum; :func:`fipkit.cosmo.light_shining.conversion_probability`). Counts in the
energy window [E1, E2] over the tracking time t:

    N = t A eff int dE dPhi/dE P(a -> gamma)  ~  g^4,

A the magnet aperture, eff the detection efficiency (X-ray optics x detector). The
background is b = (background level) x (E2 - E1) x (detector area) x t; the limit is
g = (s_95 / N(g = 1))^(1/4) with s_95 the 95% CL Poisson upper limit for b and
n_obs = floor(b) (:func:`fipkit.statistics.poisson_upper_limit`). Flat below the
coherence mass (q L ~ pi at E ~ 4 keV: 0.02 eV for CAST); above it N ~ m^-4 (the sinc^2
averages to 2/(q L)^2 ~ m^-4), so the coupling limit rises ~ m.

Vacuum phase only: the buffer-gas phases (4He, 3He) that extend CAST's reach to 1.17 eV
are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..statistics import poisson_upper_limit
from .bounds import excluded_above
from .light_shining import conversion_probability

#: the fit of the solar Primakoff flux (hep-ex/0702006): normalisation
#: (cm^-2 s^-1 keV^-1 at g = 1e-10 GeV^-1), power of E and energy scale (keV)
FLUX_NORM, FLUX_POWER, FLUX_E0 = 6.02e10, 2.481, 1.205
YEAR_S = 365.25 * 86400.0
#: masses above which a helioscope curve is not computed (the massless flux fit)
MAX_MASS_GEV: float = 1e-7  # 100 eV


def solar_flux(e_kev, g=1e-10) -> np.ndarray:
    """dPhi/dE (cm^-2 s^-1 keV^-1) of solar Primakoff ALPs at Earth, E in keV, g in
    GeV^-1 (the hep-ex/0702006 fit)."""
    e = np.asarray(e_kev, float)
    return FLUX_NORM * (np.asarray(g) / 1e-10) ** 2 * e**FLUX_POWER * np.exp(-e / FLUX_E0)


@dataclass(frozen=True)
class Helioscope:
    """One helioscope (vacuum phase).

    b_tesla, l_m : field (T) and length (m) of the magnet.
    aperture_cm2 : total magnet aperture (all bores) seen by the detectors.
    efficiency : detection efficiency (optics x detector x software).
    detector_cm2 : area over which the background counts (the focal spots with optics,
        the bores without).
    background : counts keV^-1 cm^-2 s^-1; e_window : (E1, E2) keV; time_s : tracking time.
    """

    name: str
    label: str
    kind: str
    b_tesla: float
    l_m: float
    aperture_cm2: float
    efficiency: float
    detector_cm2: float
    background: float
    e_window: tuple[float, float]
    time_s: float
    cl: float
    inputs: str
    references: tuple[str, ...]

    def background_counts(self) -> float:
        e1, e2 = self.e_window
        return self.background * (e2 - e1) * self.detector_cm2 * self.time_s

    def signal_limit(self) -> float:
        """s_95: signal counts excluded for the expected background."""
        return poisson_upper_limit(self.background_counts(), cl=self.cl)

    def counts_at_unit_coupling(self, m) -> np.ndarray:
        """N / g^4 (g in GeV^-1) at masses m (GeV): the flux's g^2 and the conversion's
        g^2 taken out; Gauss-Legendre over the energy window."""
        m = np.atleast_1d(np.asarray(m, float))
        x, w = np.polynomial.legendre.leggauss(96)
        e1, e2 = self.e_window
        e = 0.5 * (e2 - e1) * x + 0.5 * (e2 + e1)  # keV
        w = 0.5 * (e2 - e1) * w
        flux1 = solar_flux(e, 1e-10) / 1e-20  # per (GeV^-1)^2
        p1 = conversion_probability(1.0, m[:, None], e[None, :] * 1e-6, self.b_tesla, self.l_m)
        rate = np.sum(flux1 * p1 * w, axis=1)  # cm^-2 s^-1
        return rate * self.aperture_cm2 * self.efficiency * self.time_s

    def limit(self, m) -> np.ndarray:
        """g_agg (GeV^-1) excluded (or reached) at masses m (GeV)."""
        return (self.signal_limit() / self.counts_at_unit_coupling(m)) ** 0.25


#: CAST 2013-2015 vacuum data (arXiv:1705.02290; result g < 0.66e-10 GeV^-1 at 95% CL for
#: m_a < 0.02 eV): LHC dipole, B = 9 T over 9.26 m, two bores of 14.5 cm^2. The rest is a
#: one-configuration summary of that run assumed by this estimate (not re-read from the
#: paper): Micromegas detectors over the full bores, background 1e-6 keV^-1 cm^-2 s^-1 in
#: 2-7 keV, efficiency 0.5, 1000 h of Sun tracking.
CAST = Helioscope(
    name="CAST",
    label="CAST (vacuum)",
    kind="limit",
    b_tesla=9.0,
    l_m=9.26,
    aperture_cm2=2 * 14.5,
    efficiency=0.5,
    detector_cm2=2 * 14.5,
    background=1e-6,
    e_window=(2.0, 7.0),
    time_s=1000 * 3600.0,
    cl=0.95,
    inputs="B = 9 T, L = 9.26 m, 2 x 14.5 cm^2 (arXiv:1705.02290); assumed: efficiency 0.5, "
    "background 1e-6 /keV/cm^2/s over the bores in 2-7 keV, 1000 h tracking",
    references=(
        "CAST, Anastassopoulos et al., arXiv:1705.02290",
        "CAST, Andriamonje et al., hep-ex/0702006 (solar flux fit)",
    ),
)

#: BabyIAXO (conceptual design arXiv:2010.12076; parameters of the IAXO physics-potential
#: paper arXiv:1904.09155, table of BabyIAXO / IAXO / IAXO+): B ~ 2 T, L = 10 m, two bores
#: of 70 cm (0.77 m^2), optics efficiency 0.35, detector efficiency 0.7, focal spots
#: 2 x 0.3 cm^2, background 1e-7 keV^-1 cm^-2 s^-1, 1.5 years at 50% tracking; window 1-7 keV.
BABY_IAXO = Helioscope(
    name="BabyIAXO",
    label="BabyIAXO (projection)",
    kind="projection",
    b_tesla=2.0,
    l_m=10.0,
    aperture_cm2=0.77e4,
    efficiency=0.35 * 0.7,
    detector_cm2=2 * 0.3,
    background=1e-7,
    e_window=(1.0, 7.0),
    time_s=1.5 * YEAR_S * 0.5,
    cl=0.95,
    inputs="B = 2 T, L = 10 m, A = 0.77 m^2, eff = 0.35 x 0.7, spots 2 x 0.3 cm^2, b = 1e-7 "
    "/keV/cm^2/s, 1.5 y x 0.5 (arXiv:1904.09155, 2010.12076); window 1-7 keV",
    references=(
        "BabyIAXO CDR, Abeln et al., arXiv:2010.12076",
        "IAXO physics potential, Armengaud et al., arXiv:1904.09155",
    ),
)

#: IAXO baseline (arXiv:1904.09155, same table): B ~ 2.5 T, L = 20 m, eight bores of 60 cm
#: (2.3 m^2), optics 0.7, detector 0.8, spots 8 x 0.15 cm^2, background 1e-8, 3 years at 50%.
IAXO = Helioscope(
    name="IAXO",
    label="IAXO (projection)",
    kind="projection",
    b_tesla=2.5,
    l_m=20.0,
    aperture_cm2=2.3e4,
    efficiency=0.7 * 0.8,
    detector_cm2=8 * 0.15,
    background=1e-8,
    e_window=(1.0, 7.0),
    time_s=3 * YEAR_S * 0.5,
    cl=0.95,
    inputs="B = 2.5 T, L = 20 m, A = 2.3 m^2, eff = 0.7 x 0.8, spots 8 x 0.15 cm^2, b = 1e-8 "
    "/keV/cm^2/s, 3 y x 0.5 (arXiv:1904.09155); window 1-7 keV",
    references=("IAXO physics potential, Armengaud et al., arXiv:1904.09155",),
)


def helioscope_curve(exp: Helioscope, model, masses):
    """The limit (or projection) of ``exp`` as a Curve on ``masses`` (GeV) up to 100 eV,
    excluded from the limit up (no upper edge)."""
    masses = np.asarray(masses, float)
    masses = masses[masses <= MAX_MASS_GEV]
    lo = exp.limit(masses) if len(masses) else np.empty(0)
    method = (
        "helioscope estimate (vacuum): N = t A eff int dPhi/dE P(a->gamma) dE >= s_95 = "
        f"{exp.signal_limit():.3g} (Poisson {exp.cl:.0%} CL, b = {exp.background_counts():.3g}); "
        f"flux fit hep-ex/0702006; inputs: {exp.inputs}"
    )
    return excluded_above(model, masses, lo, exp, method)


def cast_curve(model, masses):
    """CAST vacuum-phase limit (estimate) on ``masses`` (GeV)."""
    return helioscope_curve(CAST, model, masses)


def baby_iaxo_curve(model, masses):
    """BabyIAXO projection (estimate) on ``masses`` (GeV)."""
    return helioscope_curve(BABY_IAXO, model, masses)


def iaxo_curve(model, masses):
    """IAXO (baseline) projection (estimate) on ``masses`` (GeV)."""
    return helioscope_curve(IAXO, model, masses)
