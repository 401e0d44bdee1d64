"""The QCD axion band in the (m_a, g_agg) plane of the photon ALP (``alp-photon``).

Mass: the QCD axion's mass and decay constant are tied by the topological susceptibility,
at leading order in chiral perturbation theory

    m_a f_a = m_pi f_pi sqrt(m_u m_d) / (m_u + m_d)          (LO)

(Weinberg; Wilczek; e.g. Grilli di Cortona, Hardy, Pardo Vega, Villadoro arXiv:1511.02867,
Sec. 2). fipkit uses their NLO result (the LO formula with the NLO chiral corrections,
which are a few per cent, and lattice inputs for the quark-mass ratio):

    m_a = 5.70(7) micro-eV (10^12 GeV / f_a),   i.e.   m_a f_a = 5.70e-3 GeV^2

(arXiv:1511.02867, Sec. 2, the zero-temperature mass). :func:`ma_fa_leading_order` is the
LO formula; with PDG quark masses (from ``particle``) it is ~1.5% above the NLO value.

Photon coupling (arXiv:1511.02867, Sec. 2, the g_agg result)

    g_agg = (alpha / 2 pi f_a) [E/N - 1.92(4)]  =  [0.203(3) E/N - 0.39(1)] m_a / GeV^2

with E/N the ratio of the electromagnetic and colour anomalies of the PQ charges. The
convention is fipkit's L = -(g_agg/4) a F Ftilde (:mod:`fipkit.models.alp`), the same as
the axion literature's g_{a gamma gamma}: no conversion factor.

Band (kind "target"): the "preferred window" of Di Luzio, Mescia, Nardi arXiv:1610.07593
(hadronic axion models whose heavy quarks are cosmologically safe and keep the couplings
perturbative), 5/3 <= E/N <= 44/3, i.e. 0.25 <= |E/N - 1.92| <= 12.75. It contains the two
benchmarks: KSVZ (E/N = 0, |E/N - 1.92| = 1.92) and DFSZ (E/N = 8/3, 0.75), given as
:func:`g_ksvz` and :func:`g_dfsz`. (The window does not contain E/N ~ 2, where
cancellations make g_agg arbitrarily small; such models exist but are tuned.)

The band is drawn over the whole mass grid, as the review does; above ~ m_pi the chiral
relation m_a f_a = const is not valid (f_a would be below the QCD scale) and the band is
only the continuation of the line.
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import _curve

#: m_a f_a = 5.70(7) micro-eV x 1e12 GeV, GeV^2 (NLO, arXiv:1511.02867 Sec. 2)
MA_FA_GEV2: float = 5.70e-15 * 1e12
#: the model-independent part of g_agg: g = alpha/(2 pi f_a) (E/N - 1.92(4)) (1511.02867)
E_OVER_N_QCD: float = 1.92
#: published linear form g = (0.203(3) E/N - 0.39(1)) m_a / GeV^2 (1511.02867 Sec. 2)
PUBLISHED_SLOPE_EN, PUBLISHED_OFFSET = 0.203, 0.39
#: benchmark models: KSVZ (heavy quark with zero hypercharge), DFSZ (E/N = 8/3, DFSZ-I)
E_OVER_N_KSVZ: float = 0.0
E_OVER_N_DFSZ: float = 8.0 / 3.0
#: the preferred window of E/N, Di Luzio, Mescia, Nardi arXiv:1610.07593 (abstract)
E_OVER_N_WINDOW: tuple[float, float] = (5.0 / 3.0, 44.0 / 3.0)
#: pion decay constant f_pi = f_pi+ / sqrt 2 = 130.2(1.2) MeV / sqrt 2 (PDG 2024,
#: "Leptonic decays of charged pseudoscalar mesons"), GeV (only for the LO formula)
F_PI_GEV: float = 0.1302 / np.sqrt(2.0)

METHOD = (
    "QCD axion band (estimate): g = alpha/(2 pi f_a) |E/N - 1.92|, m_a f_a = 5.70e-3 GeV^2 "
    "(NLO, arXiv:1511.02867); band E/N in [5/3, 44/3] (arXiv:1610.07593)"
)
REFERENCES = (
    "Grilli di Cortona, Hardy, Pardo Vega, Villadoro, arXiv:1511.02867",
    "Di Luzio, Mescia, Nardi, arXiv:1610.07593",
)


def fa_from_mass(m) -> np.ndarray:
    """f_a (GeV) of the QCD axion of mass m (GeV): f_a = 5.70e-3 GeV^2 / m_a."""
    return MA_FA_GEV2 / np.asarray(m, float)


def ma_fa_leading_order(
    m_pi: float | None = None,
    f_pi: float = F_PI_GEV,
    m_u: float | None = None,
    m_d: float | None = None,
) -> float:
    """LO chiral m_a f_a = m_pi f_pi sqrt(m_u m_d)/(m_u + m_d), GeV^2; defaults: the
    neutral pion mass and the PDG u, d masses (MS-bar at 2 GeV) from ``particle``."""
    m_pi = C.M_PI0 if m_pi is None else m_pi
    m_u = C.mass(2) if m_u is None else m_u
    m_d = C.mass(1) if m_d is None else m_d
    return float(m_pi * f_pi * np.sqrt(m_u * m_d) / (m_u + m_d))


def g_agg(m, e_over_n: float) -> np.ndarray:
    """g_agg (GeV^-1) of the QCD axion of mass m (GeV) in a model with anomaly ratio
    E/N: alpha/(2 pi f_a) |E/N - 1.92| (arXiv:1511.02867)."""
    return C.ALPHA_EM / (2 * np.pi * fa_from_mass(m)) * abs(e_over_n - E_OVER_N_QCD)


def g_ksvz(m) -> np.ndarray:
    """KSVZ (E/N = 0): g = 1.92 alpha / (2 pi f_a), GeV^-1, at mass m (GeV)."""
    return g_agg(m, E_OVER_N_KSVZ)


def g_dfsz(m) -> np.ndarray:
    """DFSZ (E/N = 8/3): g = 0.75 alpha / (2 pi f_a), GeV^-1, at mass m (GeV)."""
    return g_agg(m, E_OVER_N_DFSZ)


def band(m) -> tuple[np.ndarray, np.ndarray]:
    """(low, high) g_agg of the band at masses m (GeV): E/N over the preferred window of
    arXiv:1610.07593 (|E/N - 1.92| from 0.25 to 12.75)."""
    a, b = (abs(x - E_OVER_N_QCD) for x in E_OVER_N_WINDOW)
    unit = g_agg(m, E_OVER_N_QCD + 1.0)  # |E/N - 1.92| = 1
    return min(a, b) * unit, max(a, b) * unit


def qcd_band_curve(model, masses):
    """The QCD axion band as a Curve of kind "target" on ``masses`` (GeV)."""
    masses = np.asarray(masses, float)
    lo, hi = band(masses)
    return _curve(
        model, masses, lo, hi, "QCD-axion", "target", "QCD axion (E/N 5/3-44/3)", METHOD, REFERENCES
    )
