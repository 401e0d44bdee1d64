"""Millicharged particles (review arXiv:2011.02157 Sec. 2.3.1 and Fig. 3, Table 3 BC3).

A Dirac fermion chi of mass m and electric charge eps e (through a massless dark photon,
Holdom's phase): L ⊃ -i eps e chi-bar gamma^mu A_mu chi. It is stable; every process
that makes a lepton pair through a photon makes chi chi-bar, with rate ∝ eps^2 (the
coupling axis of Fig. 3 is eps itself, ``coupling_power`` 2).

Production channels at eps = 1 (multiply by eps^2); each BR counts both chi and chi-bar
(a factor 2), the decays being drawn once and isotropic:

* Dalitz-like P -> gamma chi chi-bar (P = pi0, eta, eta'), the Kroll-Wada spectrum

      dBR/dq2 = BR(P -> gamma gamma) (2 alpha / 3 pi q2) (1 - q2/M^2)^3
                (1 + 2 m^2/q2) sqrt(1 - 4 m^2/q2),   4 m^2 < q2 < M^2

  (Kroll, Wada, Phys. Rev. 98 (1955) 1355; as used for mCPs by Magill, Plestid,
  Pospelov, Tsai, arXiv:1806.03310, Sec. II, with a point-like transition form
  factor). With m = m_e it gives BR(pi0 -> e+ e- gamma) = 1.171e-2 (PDG 1.174e-2),
  tested; for eta -> mu+ mu- gamma 2.17e-4 (PDG 3.1e-4: the eta form factor, left
  out, adds ~40% at these q2). The angular distribution of chi in the gamma* frame
  (1 + cos^2 theta*-like) is replaced by isotropy (:mod:`fipkit.production.three_body`).
* vector mesons V -> chi chi-bar (V = rho0, omega, phi, J/psi), scaled from V -> e+ e-

      BR(V -> chi chi-bar) = eps^2 BR(V -> e+ e-) (1 + 2 m^2/M^2) sqrt(1 - 4 m^2/M^2)
                             / [(1 + 2 m_e^2/M^2) sqrt(1 - 4 m_e^2/M^2)]

  (the same photon coupling, arXiv:1812.03998 eq. 2 (Kelly, Tsai; FerMINI)).
  BR(V -> e+ e-): PDG 2024, rho0 4.72e-5, omega 7.38e-5, phi 2.979e-4, J/psi 5.971e-2
  (prompt J/psi: the LHC14 onium table only).
* Drell-Yan q q-bar -> gamma* -> chi chi-bar, per invariant-mass bin k of the spectra's
  Drell-Yan tables (``DYk``: gamma* -> mu mu per collision, :mod:`fipkit.spectra`): a
  gamma* of the bin's central mass M_k = sqrt(M_lo M_hi) decays to chi chi-bar with
  BR(gamma* -> chi chi-bar) / BR(gamma* -> mu mu) = eps^2 F(m) / F(m_mu),
  F(x) = (1 + 2 x^2/M_k^2) sqrt(1 - 4 x^2/M_k^2) (the vector-meson ratio above, the
  same current; as FerMINI, arXiv:1812.03998, treats Drell-Yan [section unverified]).
  The channels ``DY0``, ``DY1``, ... form the group ``drell-yan``; the bins are 0.1 dex
  wide, the gamma* mass within a bin is taken at its centre; gamma* only (no Z).

Detection: elastic scattering on electrons, chi e -> chi e by photon exchange, for a
spin-1/2 chi of energy E on an electron at rest, recoil kinetic energy T (PDG Review,
"Passage of particles through matter", the delta-ray spectrum of a spin-1/2 projectile,
equation number unverified; re-derived here from the tree-level amplitude):

    dsigma/dT = (2 pi alpha^2 eps^2 / (m_e beta^2 T^2)) [1 - beta^2 T / T_max + T^2 / 2E^2],
    T_max = 2 m_e p^2 / (m_e^2 + m^2 + 2 m_e E),

integrated in closed form over a window (:meth:`Millicharge.electron_cross_section`);
and ionisation in scintillator, eps^2 times the Bethe loss
(:mod:`fipkit.signals.energy_loss`).

Not declared yet (no parent tables): psi(2S) and Upsilon decays, J/psi at the proton
dumps, and the Z.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, partial
from types import MappingProxyType
from typing import Any, ClassVar

import numpy as np

from .. import constants as C
from ..spectra import DRELL_YAN, DY_EDGES
from .base import Model, ProductionChannel, ThreeBodyChannel

#: P -> gamma gamma BRs of the Dalitz-like parents (PDG 2024)
DALITZ_PARENTS = {
    "pi0": (C.M_PI0, C.BR_PI0_GG),
    "eta": (C.M_ETA, C.BR_ETA_GG),
    "etap": (C.M_ETAP, C.BR_ETAP_GG),
}
#: V -> e+ e- BRs of the vector parents (PDG 2024 fits)
BR_EE_VECTOR = {"rho0": 4.72e-5, "omega": 7.38e-5, "phi": 2.979e-4, "J/psi": 5.971e-2}
VECTOR_MASS = {"rho0": C.M_RHO, "omega": C.M_OMEGA, "phi": C.M_PHI, "J/psi": C.M_JPSI}
LABELS = {
    "pi0": "pi0 -> gamma chi chi",
    "eta": "eta -> gamma chi chi",
    "etap": "eta' -> gamma chi chi",
    "rho0": "rho0 -> chi chi",
    "omega": "omega -> chi chi",
    "phi": "phi -> chi chi",
    "J/psi": "J/psi -> chi chi",
}


def dalitz_dbr_dq2(M: float, br_gg: float, m: float, q2: Any) -> np.ndarray:
    """dBR(P -> gamma chi chi-bar)/dq2 at eps = 1 for one chi (no factor 2), GeV^-2
    (Kroll-Wada, module doc); 0 outside 4 m^2 < q2 < M^2."""
    q2 = np.asarray(q2, float)
    with np.errstate(divide="ignore", invalid="ignore"):
        r = np.where(q2 > 0, m * m / q2, np.inf)
        val = (
            br_gg
            * 2
            * C.ALPHA_EM
            / (3 * np.pi * q2)
            * (1 - q2 / M**2) ** 3
            * (1 + 2 * r)
            * np.sqrt(np.clip(1 - 4 * r, 0, None))
        )
    return np.where((q2 > 4 * m * m) & (q2 < M * M), val, 0.0)


def br_dalitz(M: float, br_gg: float, m: Any, n: int = 4001) -> np.ndarray:
    """BR(P -> gamma chi chi-bar) at eps = 1 (no factor 2): the integral of
    :func:`dalitz_dbr_dq2` over q2 (trapezoids in log q2, ``n`` points), array over m."""
    m = np.atleast_1d(np.asarray(m, float))
    out = np.zeros(m.shape)
    for i, mi in enumerate(m):  # a few masses per call; each integral is vectorised
        if 2 * mi >= M:
            continue
        lq = np.linspace(np.log(4 * mi * mi), np.log(M * M), n)
        q2 = np.exp(lq)
        out[i] = np.trapezoid(dalitz_dbr_dq2(M, br_gg, float(mi), q2) * q2, lq)
    return out


def _phase(x: Any, M: float) -> np.ndarray:
    """(1 + 2 x^2/M^2) sqrt(1 - 4 x^2/M^2): a vector's pair phase space, fermions of mass x."""
    r = (np.asarray(x, float) / M) ** 2
    return (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None))


def br_vector(name: str, m: Any) -> np.ndarray:
    """BR(V -> chi chi-bar) at eps = 1 (no factor 2), array over m (module doc)."""
    M = VECTOR_MASS[name]
    m = np.asarray(m, float)
    return np.where(2 * m < M, BR_EE_VECTOR[name] * _phase(m, M) / _phase(C.M_E, M), 0.0)


def _both_dalitz(name: str, m: Any) -> np.ndarray:
    M, br = DALITZ_PARENTS[name]
    out = 2 * br_dalitz(M, br, m)
    return out if np.ndim(m) else out[0]


def _shape_dalitz(name: str, m: float, q2: np.ndarray) -> np.ndarray:
    M, br = DALITZ_PARENTS[name]
    return dalitz_dbr_dq2(M, br, m, q2)


def _both_vector(name: str, m: Any) -> np.ndarray:
    return 2 * br_vector(name, m)


@dataclass(frozen=True)
class _DrellYanBR:
    """2 BR(gamma*(M) -> chi chi-bar) / BR(gamma*(M) -> mu mu) at eps = 1 (picklable)."""

    M: float

    def __call__(self, m: Any) -> np.ndarray:
        return np.where(
            2 * np.asarray(m) < self.M, 2 * _phase(m, self.M) / _phase(C.M_MU, self.M), 0.0
        )


#: central masses of the Drell-Yan bins, GeV
DY_MASSES = {
    name: float(np.sqrt(DY_EDGES[k] * DY_EDGES[k + 1])) for k, name in enumerate(DRELL_YAN)
}


@cache
def _channels() -> Mapping[str, Any]:
    """The millicharge's production channels (:meth:`Millicharge.production_channels`)."""
    out: dict[str, Any] = {
        name: ThreeBodyChannel(
            parents=(name,),
            parent_mass=M,
            spectator_mass=0.0,
            partner_mass=0.0,
            br=partial(_both_dalitz, name),
            dbr_dq2=partial(_shape_dalitz, name),
            coupling_power=2,
            label=LABELS[name],
            pair=True,
        )
        for name, (M, _) in DALITZ_PARENTS.items()
    }
    for name, M in VECTOR_MASS.items():
        out[name] = ProductionChannel(
            mechanism="meson_decay",
            parents=(name,),
            parent_mass=M,
            recoil_mass=0.0,
            br=partial(_both_vector, name),
            coupling_power=2,
            label=LABELS[name],
            pair=True,
        )
    for name, M in DY_MASSES.items():
        out[name] = ProductionChannel(
            mechanism="meson_decay",
            parents=(name,),
            parent_mass=M,
            recoil_mass=0.0,
            br=_DrellYanBR(M),
            coupling_power=2,
            label=f"Drell-Yan gamma*({M:.3g} GeV) -> chi chi",
            pair=True,
        )
    return MappingProxyType(out)


@dataclass(frozen=True)
class Millicharge(Model):
    name = "millicharge"
    family = "millicharge"
    coupling_name = "eps"
    coupling_label = r"$\varepsilon = Q_\chi / e$"
    width_power = 2
    mass_range = (1e-4, 100.0)
    coupling_range = (0.0, 1.0)
    default_couplings = (-5.0, 0.0, 76)
    description = "millicharged Dirac fermion (BC3), stable; scatters and ionises"

    #: the chi-electron cross section scales as eps ** scattering_power
    scattering_power: ClassVar[float] = 2
    #: the ionisation energy loss scales as eps ** ionisation_power (charge squared)
    ionisation_power: ClassVar[float] = 2

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        """Stable: no decays."""
        return {}

    def electron_cross_section(self, m: float, energy: Any, t_min: float, t_max: float):
        """sigma(chi e -> chi e) at eps = 1 for recoil kinetic energies in [t_min, t_max]
        (GeV), cm^2, array over the chi ``energy`` (GeV): the integral of dsigma/dT of the
        module doc up to min(t_max, T_max(E)); 0 where T_max(E) <= t_min."""
        e = np.asarray(energy, float)
        me = C.M_E
        p2 = np.clip(e * e - m * m, 0, None)
        t_kin = 2 * me * p2 / (me * me + m * m + 2 * me * e)
        hi = np.minimum(t_max, t_kin)
        ok = hi > t_min
        hi = np.where(ok, hi, 2 * t_min)
        with np.errstate(divide="ignore", invalid="ignore"):
            beta2 = np.where(e > 0, p2 / (e * e), 0.0)
            slope = np.where(ok, beta2 / np.where(ok, t_kin, 1.0), 0.0)
            bracket = (1 / t_min - 1 / hi) - slope * np.log(hi / t_min) + (hi - t_min) / (2 * e * e)
            sig = 2 * np.pi * C.ALPHA_EM**2 / (me * beta2) * bracket
        return np.where(ok, sig, 0.0) * C.GEV2_TO_CM2

    def production_channels(self) -> Mapping[str, Any]:
        """pi0/eta/eta' -> gamma chi chi-bar, rho0/omega/phi/J/psi -> chi chi-bar and the
        Drell-Yan bins (module doc); built once (the model has no parameters)."""
        return _channels()

    def production_groups(self) -> Mapping[str, tuple[str, ...]]:
        """``drell-yan``: every gamma* mass bin."""
        return {"drell-yan": DRELL_YAN}
