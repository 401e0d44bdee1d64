"""Mean ionisation energy loss of a charged particle (Bethe), and its CSDA range.

For charge z e and velocity beta (PDG Review, "Passage of particles through matter",
eq. 34.5):

    -<dE/dx> = K z^2 (Z/A) / beta^2 [ 1/2 ln(2 m_e beta^2 gamma^2 W_max / I^2) - beta^2
               - delta(beta gamma)/2 ],   K = 0.307075 MeV cm^2 / mol,

    W_max = 2 m_e beta^2 gamma^2 / (1 + 2 gamma m_e/M + (m_e/M)^2),

with delta the Sternheimer density-effect correction (PDG eq. 34.7):
2 ln10 x - C for x >= x1, the same plus a (x1 - x)^k for x0 <= x < x1, and 0 below x0
(insulators), x = log10(beta gamma). A millicharged particle (z = eps) loses eps^2 times
what a unit charge of the same mass and velocity loses.

Materials: parameters of the PDG Atomic and Nuclear Properties tables (Sternheimer,
Berger, Seltzer, At. Data Nucl. Data Tables 30 (1984) 261), with each table's quoted
minimum <dE/dx> for a test: polystyrene, polyvinyltoluene (PVT, the base of EJ-200 and
BC-408 plastic scintillators), liquid argon, standard rock.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from .. import constants as C

#: 4 pi N_A r_e^2 m_e c^2, MeV cm^2 / mol (PDG Table 34.1)
K_BETHE = 0.307075
M_E_MEV = C.M_E * 1e3


@dataclass(frozen=True)
class Absorber:
    """Stopping parameters: <Z/A> (mol/g), density (g/cm^3), mean excitation I (eV),
    Sternheimer C-bar, x0, x1, a, k; ``min_dedx``: the table's minimum ionisation,
    MeV cm^2/g (for tests; 0 where no table applies)."""

    z_over_a: float
    density: float
    i_ev: float
    c_bar: float
    x0: float
    x1: float
    a: float
    k: float
    min_dedx: float

    @property
    def electron_density(self) -> float:
        """Electrons per cm^3: rho N_A <Z/A>."""
        return self.density * C.N_AVOGADRO * self.z_over_a


#: PDG Atomic and Nuclear Properties (pdg.lbl.gov/AtomicNuclearProperties); values as
#: recalled (the page was not stored), each table's minimum reproduced by :func:`dedx`
#: to 0.2% for muons (tests/test_millicharge.py)
ABSORBERS = {
    "polystyrene": Absorber(0.53768, 1.060, 68.7, 3.2999, 0.1647, 2.5031, 0.16454, 3.2224, 1.936),
    "polyvinyltoluene": Absorber(
        0.54141, 1.032, 64.7, 3.1997, 0.1464, 2.4855, 0.16101, 3.2393, 1.956
    ),
    # mineral oil (CH2)n of MiniBooNE at its density, 0.855 g/cm^3 [U: recalled], with the
    # Sternheimer parameters of polyethylene (its table minimum is for 0.94 g/cm^3: none)
    "mineral_oil": Absorber(0.57034, 0.855, 57.4, 3.0016, 0.1370, 2.5177, 0.12108, 3.4292, 0.0),
    "liquid_argon": Absorber(0.45059, 1.396, 188.0, 5.2146, 0.2000, 3.0000, 0.19559, 3.0, 1.508),
    "standard_rock": Absorber(0.5, 2.650, 136.4, 3.7738, 0.0492, 3.0549, 0.08301, 3.4120, 1.688),
    # caesium iodide (BDX's crystals)
    "CsI": Absorber(0.41569, 4.510, 553.1, 6.2807, 0.0395, 3.3353, 0.25381, 2.6657, 1.243),
}


def density_effect(mat: Absorber, beta_gamma: Any) -> np.ndarray:
    """Sternheimer delta(beta gamma) (PDG eq. 34.7), 0 below x0."""
    x = np.log10(np.asarray(beta_gamma, float))
    two_ln10 = 2 * np.log(10)
    high = two_ln10 * x - mat.c_bar
    mid = high + mat.a * np.clip(mat.x1 - x, 0, None) ** mat.k
    return np.where(x >= mat.x1, high, np.where(x >= mat.x0, mid, 0.0))


def dedx(mat: Absorber, beta_gamma: Any, mass: float) -> np.ndarray:
    """Mean energy loss of a unit charge of ``mass`` (GeV) at ``beta_gamma``, MeV cm^2/g
    (Bethe, module doc); clipped at 0 where the formula fails (beta gamma < ~0.05)."""
    bg = np.asarray(beta_gamma, float)
    b2 = bg**2 / (1 + bg**2)
    gamma = np.sqrt(1 + bg**2)
    r = C.M_E / mass
    w_max = 2 * M_E_MEV * bg**2 / (1 + 2 * gamma * r + r * r)  # MeV
    i_mev = mat.i_ev * 1e-6
    with np.errstate(divide="ignore", invalid="ignore"):
        log = 0.5 * np.log(2 * M_E_MEV * bg**2 * w_max / i_mev**2)
        out = K_BETHE * mat.z_over_a / b2 * (log - b2 - 0.5 * density_effect(mat, bg))
    return np.clip(np.nan_to_num(out, nan=0.0), 0.0, None)


#: beta gamma grid of the range table
_BG = np.logspace(-1.3, 6.0, 1461)


@lru_cache(maxsize=256)
def _range_table(mat: Absorber, mass: float) -> tuple[np.ndarray, np.ndarray]:
    e = mass * 1e3 * np.sqrt(1 + _BG**2)  # MeV
    s = np.maximum(dedx(mat, _BG, mass), 1e-30)
    de = np.diff(e)
    r = np.concatenate([[0.0], np.cumsum(de * 0.5 * (1 / s[1:] + 1 / s[:-1]))])
    return np.log(_BG), r


def csda_range(mat: Absorber, beta_gamma: Any, mass: float) -> np.ndarray:
    """CSDA range of a unit charge of ``mass`` (GeV) at ``beta_gamma``, g/cm^2: the integral
    of dE / <dE/dx> from beta gamma = 0.05 (the range below, < 1e-4 g/cm^2 x M/MeV, is
    left out). A charge eps e goes 1/eps^2 as far."""
    lbg, r = _range_table(mat, float(mass))
    return np.interp(np.log(np.asarray(beta_gamma, float)), lbg, r, left=0.0)
