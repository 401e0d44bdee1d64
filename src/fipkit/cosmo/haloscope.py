"""Haloscopes: dark-matter ALPs converting to photons in a magnetic field (estimates).

Local dark matter density rho_a = 0.45 GeV/cm^3 (:data:`RHO_DM`, the value ADMX uses), all
of it ALPs; the ALP line has a width b_a = nu_a / Q_a, Q_a = 1e6 (virial velocities).

Cavity (Sikivie, PRL 51 (1983) 1415; ADMX arXiv:1804.05750 eq. 1): on resonance

    P = g^2 (rho_a / m_a) B^2 V C min(Q_L, Q_a) beta / (1 + beta)

(natural units; B in GeV^2 via 1 T = 195.35 eV^2, V in GeV^-3), and the Dicke radiometer
equation SNR = (P / k T_sys) sqrt(t / b_a) for an integration time t per frequency. The
limit (kind "limit") or reach ("projection") is the g at which SNR = z, z the one-sided
Gaussian quantile of the confidence level (1.28 at 90% CL, ADMX's): g ~ sqrt(T_sys), and
at fixed apparatus g ~ m^(3/4).

Dielectric (MADMAX, arXiv:1901.07401): a mirror in a field B parallel to it radiates
P_0 / A = g^2 B^2 rho_a / m_a^2 (2.2e-27 W/m^2 at B = 10 T, rho = 0.3 GeV/cm^3, for the
coupling g = alpha/(2 pi f_a) (of the QCD axion); arXiv:1901.07401), and a stack of
dielectric disks boosts the power by the power boost factor beta^2: P = beta^2 P_0.

Each experiment is evaluated over its own mass window: on the passed masses inside the
window plus a log grid of :data:`WINDOW_POINTS` points from edge to edge, so that a window
narrower than the figure's grid step is still resolved.

Inputs marked "recalled" were taken from the papers as this estimate's author knows them
and were not re-read in the session that wrote this module; "assumed" ones are this
estimate's choices. Left out: DM-Radio (arXiv:2203.11246, lumped-element LC resonator):
its inductance, coupling, quality factor and SQUID noise model were not at hand.
"""

from __future__ import annotations

from dataclasses import dataclass
from statistics import NormalDist

import hepunits as u
import numpy as np
from hepunits import constants as hc

from .. import constants as C
from .bounds import excluded_above
from .light_shining import JOULE_GEV, METRE_GEV, TESLA_GEV2

#: local dark matter density, GeV/cm^3 (the value of arXiv:1804.05750)
RHO_DM_GEV_CM3: float = 0.45
#: the same in GeV^4
RHO_DM: float = RHO_DM_GEV_CM3 * (C.HBARC_GEV_M * 100) ** 3
#: ALP "quality factor" nu / delta nu of the virialised line (v ~ 1e-3)
Q_AXION: float = 1e6
#: Boltzmann constant, GeV / K
K_B_GEV: float = hc.k_Boltzmann / (u.GeV / u.kelvin)
#: points of each experiment's own log grid over its mass window
WINDOW_POINTS: int = 16


def frequency_hz(m) -> np.ndarray:
    """nu = m / (2 pi hbar), Hz, of an ALP of mass m (GeV)."""
    return np.asarray(m, float) / (2 * np.pi * C.HBAR_GEV_S)


def watts(p_nat) -> np.ndarray:
    """A power in natural units (GeV^2 = GeV per hbar/GeV) in watts."""
    return np.asarray(p_nat, float) / C.HBAR_GEV_S / JOULE_GEV


def cavity_power(g, m, b_tesla, volume_m3, form_factor, q_loaded, beta=1.0, rho=RHO_DM):
    """Signal power (W) of a cavity haloscope on resonance (arXiv:1804.05750 eq. 1):
    g^2 (rho/m) B^2 V C min(Q_L, Q_a) beta/(1+beta); g in GeV^-1, m in GeV, rho in GeV^4."""
    g, m = np.asarray(g, float), np.asarray(m, float)
    q = np.minimum(q_loaded, Q_AXION)
    p = (
        g**2
        * rho
        / m
        * (b_tesla * TESLA_GEV2) ** 2
        * volume_m3
        * METRE_GEV**3
        * form_factor
        * q
        * beta
        / (1 + beta)
    )
    return watts(p)


def dielectric_power(g, m, b_tesla, area_m2, boost2, rho=RHO_DM):
    """Signal power (W) of a dielectric haloscope: beta^2 g^2 B^2 rho A / m^2
    (arXiv:1901.07401; beta^2 = 1 is a bare mirror)."""
    g, m = np.asarray(g, float), np.asarray(m, float)
    p = boost2 * g**2 * (b_tesla * TESLA_GEV2) ** 2 * rho * area_m2 * METRE_GEV**2 / m**2
    return watts(p)


def dicke_snr(power_w, t_sys_k, time_s, m) -> np.ndarray:
    """SNR = (P / k T_sys) sqrt(t / b_a), b_a = nu_a / Q_a (Dicke radiometer equation)."""
    kt = K_B_GEV * t_sys_k / JOULE_GEV  # J (W/Hz)
    b_a = frequency_hz(m) / Q_AXION
    return np.asarray(power_w) / kt * np.sqrt(time_s / b_a)


@dataclass(frozen=True)
class CavityRun:
    """One cavity run over [m_lo, m_hi] (GeV)."""

    m_lo: float
    m_hi: float
    b_tesla: float
    volume_m3: float
    form_factor: float
    q_loaded: float
    t_sys_k: float
    time_s: float
    beta: float = 1.0

    def power_at_unit_coupling(self, m) -> np.ndarray:
        return cavity_power(
            1.0, m, self.b_tesla, self.volume_m3, self.form_factor, self.q_loaded, self.beta
        )


@dataclass(frozen=True)
class DielectricRun:
    """A dielectric haloscope over [m_lo, m_hi] (GeV)."""

    m_lo: float
    m_hi: float
    b_tesla: float
    area_m2: float
    boost2: float
    t_sys_k: float
    time_s: float

    def power_at_unit_coupling(self, m) -> np.ndarray:
        return dielectric_power(1.0, m, self.b_tesla, self.area_m2, self.boost2)


@dataclass(frozen=True)
class Haloscope:
    """A haloscope search: one or several runs (mass windows), each its own apparatus."""

    name: str
    label: str
    kind: str
    runs: tuple[CavityRun | DielectricRun, ...]
    cl: float
    inputs: str
    references: tuple[str, ...]

    @property
    def z(self) -> float:
        """SNR threshold: the one-sided Gaussian quantile of the CL."""
        return NormalDist().inv_cdf(self.cl)

    def limit_run(self, run, m) -> np.ndarray:
        """g (GeV^-1) at which SNR = z for ``run`` at masses m (GeV): P ~ g^2."""
        snr1 = dicke_snr(run.power_at_unit_coupling(m), run.t_sys_k, run.time_s, m)
        return np.sqrt(self.z / snr1)

    def masses(self, masses) -> list[np.ndarray]:
        """Per run: the passed masses inside its window and its own log grid, sorted."""
        masses = np.asarray(masses, float)
        out = []
        for r in self.runs:
            own = np.geomspace(r.m_lo, r.m_hi, WINDOW_POINTS)
            inside = masses[(masses > r.m_lo) & (masses < r.m_hi)]
            out.append(np.unique(np.r_[own, inside]))
        return out

    def limit(self, masses) -> tuple[np.ndarray, np.ndarray]:
        """(masses, g) over every run's window (the masses of :meth:`masses`)."""
        ms = self.masses(masses)
        lims = [self.limit_run(r, m) for r, m in zip(self.runs, ms)]
        return np.concatenate(ms), np.concatenate(lims)


_UEV = 1e-15  # 1 micro-eV in GeV

#: ADMX (kind "limit", 90% CL as ADMX quotes). Run 1A, 2.66-2.81 micro-eV (arXiv:1804.05750):
#: B = 6.8 T, V = 136 L, C = 0.4, Q_L = 3e4, critical coupling; T_sys = 0.5 K (recalled).
#: Run 1B, 2.81-3.31 micro-eV (arXiv:1910.08638; apparatus arXiv:2010.00169): B = 7.6 T,
#: otherwise as Run 1A (recalled). Integration per frequency t = 1000 s (assumed: ~100 s
#: per tuning step, ~10 overlapping steps per cavity linewidth).
ADMX = Haloscope(
    name="ADMX",
    label="ADMX",
    kind="limit",
    runs=(
        CavityRun(2.66 * _UEV, 2.81 * _UEV, 6.8, 0.136, 0.4, 3.0e4, 0.5, 1000.0),
        CavityRun(2.81 * _UEV * (1 + 1e-9), 3.31 * _UEV, 7.6, 0.136, 0.4, 3.0e4, 0.5, 1000.0),
    ),
    cl=0.9,
    inputs="Run 1A 2.66-2.81 ueV (B 6.8 T), Run 1B 2.81-3.31 ueV (B 7.6 T): V 136 L, C 0.4, "
    "Q_L 3e4, beta 1, T_sys 0.5 K (recalled); t = 1000 s per frequency (assumed); "
    "rho 0.45 GeV/cm^3, Q_a 1e6",
    references=(
        "ADMX, Du et al., arXiv:1804.05750",
        "ADMX, Braine et al., arXiv:1910.08638",
        "ADMX design and operations, Khatiwada et al., arXiv:2010.00169",
    ),
)

#: MADMAX (projection; arXiv:1901.07401): B = 10 T, disk area A = 1 m^2, power boost factor
#: beta^2 = 5e4, amplifier T_sys = 8 K, over 40-400 micro-eV. Integration one week per
#: tuning step and a 95% CL (SNR 1.64) reach: assumptions of this estimate.
MADMAX = Haloscope(
    name="MADMAX",
    label="MADMAX (projection)",
    kind="projection",
    runs=(DielectricRun(40 * _UEV, 400 * _UEV, 10.0, 1.0, 5.0e4, 8.0, 7 * 86400.0),),
    cl=0.95,
    inputs="B 10 T, A 1 m^2, beta^2 5e4, T_sys 8 K, 40-400 ueV (arXiv:1901.07401); "
    "assumed: 1 week per step; rho 0.45 GeV/cm^3, Q_a 1e6",
    references=("MADMAX, Brun et al., arXiv:1901.07401",),
)


def haloscope_curve(exp: Haloscope, model, masses):
    """``exp`` as a Curve over its windows (no upper edge)."""
    ms, lo = exp.limit(masses)
    method = (
        "haloscope estimate: SNR = (P/k T_sys) sqrt(t/b_a) >= "
        f"{exp.z:.2f} ({exp.cl:.0%} CL); inputs: {exp.inputs}"
    )
    return excluded_above(model, ms, lo, exp, method)


def admx_curve(model, masses):
    """ADMX limits (estimate) over its run windows."""
    return haloscope_curve(ADMX, model, masses)


def madmax_curve(model, masses):
    """MADMAX projection (estimate) over 40-400 micro-eV."""
    return haloscope_curve(MADMAX, model, masses)
