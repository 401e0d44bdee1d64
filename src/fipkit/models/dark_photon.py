"""The minimal dark photon (kinetic mixing eps), review arXiv:2011.02157 Sec. 2.2.1, BC1.

L ⊃ -(eps/2) F'_{mu nu} F^{mu nu}: after diagonalisation A' couples to eps e J_em.
Widths at eps = 1 (all scale as eps^2):

* A' -> l+ l-: Gamma = (alpha m / 3) (1 + 2 r) sqrt(1 - 4 r), r = m_l^2/m^2
  (e.g. Bjorken, Essig, Schuster, Toro, arXiv:0906.0580, eq. 2; Ilten et al.
  arXiv:1801.04847 eq. 2.13);
* A' -> hadrons: Gamma = (alpha m / 3) R(m), R the hadronic R ratio of
  :mod:`fipkit.models.hadrons` (point-like sigma_mumu normalisation);
* A' -> 3 gamma below 2 m_e (electron loop): Gamma = alpha^4 m^9 /(2^7 3^6 5^2 pi^3 m_e^8)
  [17/5 + (67/42) m^2/m_e^2 + (128941/246960) m^4/m_e^4]
  (McDermott, Patel, Ramani, arXiv:1705.00619, eq. 4; leading term Euler-Heisenberg).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np

from .. import constants as C
from .base import Model, ProductionChannel
from .hadrons import r_ratio
from .meson_to_aprime import br_meson_to_aprime, meson_channels

LEPTONS = {"e+e-": C.M_E, "mu+mu-": C.M_MU, "tau+tau-": C.M_TAU}


#: the photon's charges Q_f (quarks, charged leptons, neutrinos)
PHOTON_CHARGES = {"u": 2 / 3, "d": -1 / 3, "s": -1 / 3, "c": 2 / 3, "b": -1 / 3}
PHOTON_CHARGES |= {"e": -1.0, "mu": -1.0, "tau": -1.0, "nue": 0.0, "numu": 0.0, "nutau": 0.0}


def width_ll(m, m_l):
    """Gamma(A' -> l+ l-) at eps = 1, GeV (arXiv:0906.0580 eq. 2)."""
    m = np.asarray(m, float)
    r = np.divide(m_l**2, m**2, out=np.full_like(m, np.inf), where=m > 0)
    open_ = r < 0.25
    return np.where(
        open_, C.ALPHA_EM * m / 3 * (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None)), 0.0
    )


def width_3gamma(m):
    """Gamma(A' -> 3 gamma) at eps = 1 for m < 2 m_e, GeV (arXiv:1705.00619 eq. 4)."""
    m = np.asarray(m, float)
    x = m / C.M_E
    g = (
        C.ALPHA_EM**4
        * m
        * x**8
        / (2**7 * 3**6 * 5**2 * np.pi**3)
        * (17 / 5 + 67 / 42 * x**2 + 128941 / 246960 * x**4)
    )
    return np.where(m < 2 * C.M_E, g, 0.0)


@dataclass(frozen=True)
class DarkPhoton(Model):
    name = "dark-photon"
    family = "vector"
    coupling_name = "eps"
    coupling_label = r"$\varepsilon$"
    width_power = 2
    mass_range = (1e-4, 20.0)
    coupling_range = (0.0, 1.0)
    default_couplings = (-9.0, -2.0, 71)
    visible_channels = ("e+e-", "mu+mu-", "tau+tau-", "hadrons")
    description = "kinetic mixing with the photon (BC1), visible decays"
    brem_kind = "vector"

    def partial_widths(self, m):
        m = np.asarray(m, float)
        out = {k: width_ll(m, ml) for k, ml in LEPTONS.items()}
        out["hadrons"] = C.ALPHA_EM * m / 3 * r_ratio(m)
        out["3gamma"] = width_3gamma(m)
        return out

    def fermion_couplings(self, m=None) -> dict[str, float]:
        """Vector coupling to each fermion at eps = 1: e Q_f (u d s c b e mu tau, and 0 to
        the neutrinos nue numu nutau); read by the (g-2) and SN1987A bounds."""
        e = np.sqrt(4 * np.pi * C.ALPHA_EM)
        return {f: e * q for f, q in PHOTON_CHARGES.items()}

    def production_channels(self) -> Mapping[str, ProductionChannel]:
        """Light-meson decays P -> gamma A' and omega -> pi0 A' (BR ∝ eps^2),
        :mod:`fipkit.models.meson_to_aprime`."""
        return meson_channels(lambda name: partial(br_meson_to_aprime, name))
