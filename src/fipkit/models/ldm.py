"""Light dark matter through an invisible dark photon (review arXiv:2011.02157 Sec. 2.3.1,
Fig. 1, Table 3 BC2).

A dark photon A' of mass m_A' mixes with the photon (eps e J_em) and couples with
g_D = sqrt(4 pi alpha_D) to dark matter chi of mass m_chi = m_A' / r; for r > 2 it decays
to chi pairs with BR ~ 1. The searches that see it produce the A' (bremsstrahlung,
e+ e- -> gamma A', meson decays) at a rate ∝ eps^2 and require it to escape unseen.
Two views of the same physics:

* ``ldm-scalar``, ``ldm-majorana``, ``ldm-pseudo-dirac``: mass axis m_chi, coupling axis
  the review's y = eps^2 alpha_D (m_chi/m_A')^4, so eps^2 = y r^4 / alpha_D;
* ``dark-photon-invisible``: mass axis m_A', coupling axis eps (scalar chi, m_chi = m_A'/r).

Each gives :meth:`mediator_mass`, :meth:`eps2` and :meth:`br_invisible`, which is all a
missing-energy, -momentum or -mass technique needs. BR(A' -> chi chi) = Gamma_chi /
(Gamma_chi + eps^2 Gamma_vis), Gamma_vis the visible width of fipkit's dark photon at
eps = 1 (:class:`fipkit.models.dark_photon.DarkPhoton`) and Gamma_chi per spin from
:func:`fipkit.cosmo.relic.width_aprime_to_dm` (scalar alpha_D m_A' beta^3/12, Majorana
alpha_D m_A' beta^3/6, pseudo-Dirac chi_1 chi_2 with m_2 = m_1 (1 + splitting); conventions
of arXiv:1505.00011 and arXiv:1807.01730). For the pseudo-Dirac pair the chi_2 is taken to
escape before it decays (chi_2 -> chi_1 e+ e- is slow for the small splittings of Fig. 1).

Beam-dump production and scattering (the ``ldm-*`` models, for the scattering searches of
:mod:`fipkit.signals.electron_scattering`): the A' made in meson decays P -> gamma A'
(pi0, eta, eta') and omega -> pi0 A' (:mod:`fipkit.models.meson_to_aprime`, BR ∝ eps^2 =
y r^4 / alpha_D: coupling power 1 in y) decays at once to a chi pair (BR taken as 1:
the visible width is eps^2 Gamma_vis, negligible at the couplings these searches
reach), chained channels named after the meson; chi then scatters on an electron
through the A' (eps^2 alpha_D = y r^4: power 1 in y). For a chi of energy E on an
electron at rest, recoil kinetic energy T (t = -2 m_e T):

    dsigma/dT = 8 pi alpha eps^2 alpha_D m_e E^2 / (p^2 (M^2 + 2 m_e T)^2) B(T),
    B = 1 - beta^2 T / T_max                      (scalar chi),
    B = 1 - beta^2 T / T_max + T^2 / 2E^2          (Dirac-like fermion),

the photon-exchange (delta-ray) spectra of :mod:`fipkit.models.millicharge` with the
propagator 1/t^2 -> 1/(t - M^2)^2; the scalar form is that of deNiverville, Pospelov,
Ritz, arXiv:1107.4580 (Sec. III; equation number unverified) up to the m_e^2 T term.
The pseudo-Dirac pair is taken degenerate (splitting 0: chi_1 e -> chi_2 e as elastic);
a Majorana chi has no vector current and no such scattering (a clear error).

The chi is stable: the ``ldm-*`` models declare no decay (their c tau is infinite). The
``dark-photon-invisible`` model declares A' -> chi chi only (width independent of eps;
the visible width eps^2 Gamma_vis, below 1e-3 of it for eps < 0.03, enters
:meth:`br_invisible` only).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any, ClassVar

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from .base import ChainedChannel, ConstantBR, Model, ProductionChannel, parameter
from .dark_photon import DarkPhoton
from .meson_to_aprime import LABELS as APRIME_LABELS
from .meson_to_aprime import PARENTS as APRIME_PARENTS
from .meson_to_aprime import br_meson_to_aprime

#: Gauss-Legendre nodes of the recoil-energy integral (in log T) of the chi-e cross section
_NODES, _WEIGHTS = np.polynomial.legendre.leggauss(48)

ALPHA_D = parameter(0.1, 0.0, 4 * math.pi, help="dark coupling alpha_D = g_D^2/4 pi, (0, 4 pi]")
RATIO = parameter(
    3.0, 2.0, math.inf, help="m_A'/m_chi, > 2 (at or below 2 the A' decays visibly, not modelled)"
)


DM_KINDS = ("scalar", "majorana", "pseudo-dirac")


def width_aprime_to_dm(
    m_aprime: Any,
    m_chi: Any,
    dm: str = "scalar",
    alpha_d: float = 1.0,
    splitting: float = 0.0,
) -> np.ndarray:
    """Gamma(A' -> dark pair) in GeV, 0 below threshold (conventions of arXiv:1505.00011
    Sec. II and arXiv:1807.01730 App. A; derivation in :mod:`fipkit.cosmo.relic`).

    scalar alpha_D M beta^3/12, Majorana alpha_D M beta^3/6 (identical particles),
    pseudo-Dirac (A' -> chi1 chi2) (2 alpha_D/3) p F(M^2)/M^2 with m_2 = m_chi (1 +
    splitting), p the decay momentum, F(s) = (s - (m2 - m1)^2)(2 s + (m1 + m2)^2)/(2 s^2) s.
    """
    if dm not in DM_KINDS:
        raise FipkitInputError(f"unknown dark-matter kind {dm!r}; allowed: {', '.join(DM_KINDS)}")
    M = np.asarray(m_aprime, dtype=float)
    m1 = np.asarray(m_chi, dtype=float)
    if dm == "pseudo-dirac":
        m2 = m1 * (1 + splitting)
        M2 = M * M
        lam = (M2 - (m1 + m2) ** 2) * (M2 - (m2 - m1) ** 2)
        p = np.sqrt(np.clip(lam, 0.0, None)) / (2 * M)
        F = (M2 - (m2 - m1) ** 2) * (2 * M2 + (m1 + m2) ** 2) / (2 * M2)
        return np.where(M > m1 + m2, 2 * alpha_d / 3 * p * F / M2, 0.0)
    beta2 = np.clip(1 - 4 * m1**2 / (M * M), 0.0, None)
    frac = 12.0 if dm == "scalar" else 6.0
    return alpha_d * M * beta2**1.5 / frac


def visible_width(M: Any) -> np.ndarray:
    """The dark photon's visible width at eps = 1, GeV."""
    return np.asarray(sum(DarkPhoton().partial_widths(M).values()), dtype=float)


@dataclass(frozen=True)
class _ScaledBR:
    """BR(meson -> X A'; m_A') at y = 1: the eps = 1 BR times eps^2(y = 1) (picklable)."""

    meson: str
    scale: float

    def __call__(self, m_aprime: Any) -> Any:
        return br_meson_to_aprime(self.meson, m_aprime) * self.scale


@dataclass(frozen=True)
class _Times:
    """m -> factor x m (picklable)."""

    factor: float

    def __call__(self, m: float) -> float:
        return self.factor * float(m)


@dataclass(frozen=True)
class InvisibleDarkPhoton(Model):
    """Common part: a dark photon decaying to dark matter (see the module docstring)."""

    family = "light-dark-matter"
    dm: ClassVar[str] = "scalar"
    alpha_d: float = ALPHA_D
    ratio: float = RATIO

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.ratio <= 2 + self.dm_splitting:
            raise FipkitInputError(
                f"{self.name}: ratio = m_A'/m_chi = {self.ratio:g} must exceed "
                f"{2 + self.dm_splitting:g} (2 + splitting): below, the A' cannot decay to "
                "the dark pair and decays visibly (not modelled)"
            )

    @property
    def dm_splitting(self) -> float:
        """(m_2 - m_1)/m_1 of the dark states (0 unless pseudo-Dirac)."""
        return 0.0

    # -- the interface of the invisible techniques ------------------------------------
    def mediator_mass(self, m: Any) -> np.ndarray:
        """m_A' in GeV for the model's mass axis."""
        raise NotImplementedError

    def chi_mass(self, m: Any) -> np.ndarray:
        """m_chi in GeV for the model's mass axis."""
        raise NotImplementedError

    def eps2(self, m: Any, g: Any) -> np.ndarray:
        """eps^2 for the coupling ``g`` on the model's axis (broadcasting m and g)."""
        raise NotImplementedError

    def br_invisible(self, m: Any, g: Any) -> np.ndarray:
        """BR(A' -> dark states) at mass m and coupling g (broadcasting)."""
        M = self.mediator_mass(m)
        dark = width_aprime_to_dm(M, self.chi_mass(m), self.dm, self.alpha_d, self.dm_splitting)
        total = dark + self.eps2(m, g) * visible_width(M)
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(total > 0, dark / total, 0.0)


@dataclass(frozen=True)
class _LightDarkMatter(InvisibleDarkPhoton):
    """(m_chi, y) view; the subclasses set the spin."""

    coupling_name = "y"
    coupling_label = r"$y = \varepsilon^2 \alpha_D (m_\chi/m_{A'})^4$"
    width_power = 1
    mass_range = (1e-3, 3.0)
    default_couplings = (-16.0, -6.0, 81)

    @property
    def coupling_range(self) -> tuple[float, float]:  # type: ignore[override]
        """y up to its value at eps = 1, alpha_D / r^4."""
        return (0.0, self.alpha_d / self.ratio**4)

    #: the chi-electron cross section scales as y ** scattering_power
    scattering_power: ClassVar[float] = 1

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        """None: chi is stable."""
        return {}

    def production_channels(self):
        """A' from meson decays at m_A' = r m_chi (``<meson>->gamma A'``, omega -> pi0 A'),
        and the chi pairs of its decay, chained, under the meson's name (module doc); and
        the A' of electron bremsstrahlung in a thick target (``e-brem``: the chi pairs of
        the A' that :mod:`fipkit.production.electron_brem` makes at eps = 1, scaled by
        eps^2 at y = 1; an electron beam dump such as BDX)."""
        scale = self.ratio**4 / self.alpha_d  # eps^2 at y = 1
        out: dict[str, Any] = {
            "e-brem->A'": ProductionChannel(
                mechanism="electron_brem_thick",
                parents=(),
                parent_mass=math.inf,
                recoil_mass=0.0,
                br=ConstantBR(scale),
                coupling_power=1,
                label="electron brem A'",
            ),
            "e-brem": ChainedChannel(
                via="e-brem->A'",
                intermediate_mass=_Times(self.ratio),
                recoil_mass=_Times(1.0),
                br=ConstantBR(1.0),
                coupling_power=0,
                label="electron brem A', A' -> chi chi",
                pair=True,
            ),
        }
        for name, (M, _, m_rec) in APRIME_PARENTS.items():
            inner = f"{name}->A'"
            out[inner] = ProductionChannel(
                mechanism="meson_decay",
                parents=(name,),
                parent_mass=M,
                recoil_mass=m_rec,
                br=_ScaledBR(name, scale),
                coupling_power=1,
                label=APRIME_LABELS[name],
            )
            out[name] = ChainedChannel(
                via=inner,
                intermediate_mass=_Times(self.ratio),
                recoil_mass=_Times(1.0),
                br=ConstantBR(1.0),
                coupling_power=0,
                label=f"{APRIME_LABELS[name]}, A' -> chi chi",
                pair=True,
            )
        return out

    def electron_cross_section(self, m: float, energy: Any, t_min: float, t_max: float):
        """sigma(chi e -> chi e) at y = 1 for recoil kinetic energies in [t_min, t_max]
        (GeV), cm^2, array over the chi ``energy`` (GeV): dsigma/dT of the module doc
        integrated over log T (48-point Gauss-Legendre) up to min(t_max, T_max(E))."""
        if self.dm == "majorana" or self.dm_splitting > 0:
            raise FipkitInputError(
                f"{self.name}: chi-electron scattering is modelled for the scalar and the "
                "degenerate pseudo-Dirac pair (splitting 0) only"
            )
        e = np.atleast_1d(np.asarray(energy, float))
        me, M = C.M_E, self.ratio * m
        p2 = np.clip(e * e - m * m, 0, None)
        t_kin = 2 * me * p2 / (me * me + m * m + 2 * me * e)
        hi = np.minimum(t_max, t_kin)
        ok = hi > t_min
        la, lb = np.log(t_min), np.log(np.where(ok, hi, 2 * t_min))
        t = np.exp(la + (lb - la)[:, None] * (_NODES + 1) / 2)  # (n, 48)
        e2, b2 = (e * e)[:, None], (p2 / np.maximum(e * e, 1e-300))[:, None]
        bracket = 1 - b2 * t / np.maximum(t_kin, 1e-300)[:, None]
        if self.dm != "scalar":
            bracket = bracket + t * t / (2 * e2)
        coupling = self.ratio**4  # eps^2 alpha_D at y = 1
        with np.errstate(divide="ignore", invalid="ignore"):
            d = (
                8
                * np.pi
                * C.ALPHA_EM
                * coupling
                * me
                * e2
                / (p2[:, None] * (M * M + 2 * me * t) ** 2)
            )
        integrand = np.where(np.isfinite(d), d * bracket * t, 0.0)  # dsigma/dlnT
        sig = (lb - la) / 2 * (integrand @ _WEIGHTS)
        out = np.where(ok, np.clip(sig, 0, None), 0.0) * C.GEV2_TO_CM2
        return out if np.ndim(energy) else out[0]

    def mediator_mass(self, m: Any) -> np.ndarray:
        return self.ratio * np.asarray(m, float)

    def chi_mass(self, m: Any) -> np.ndarray:
        return np.asarray(m, float)

    def eps2(self, m: Any, g: Any) -> np.ndarray:
        g = np.asarray(g, float)
        return np.broadcast_to(
            g * self.ratio**4 / self.alpha_d, np.broadcast_shapes(np.shape(m), g.shape)
        ).copy()


@dataclass(frozen=True)
class LDMScalar(_LightDarkMatter):
    name = "ldm-scalar"
    dm = "scalar"
    description = "complex scalar dark matter through an invisible dark photon (BC2), y-plane"


@dataclass(frozen=True)
class LDMMajorana(_LightDarkMatter):
    name = "ldm-majorana"
    dm = "majorana"
    description = "Majorana dark matter through an invisible dark photon (BC2), y-plane"


@dataclass(frozen=True)
class LDMPseudoDirac(_LightDarkMatter):
    name = "ldm-pseudo-dirac"
    dm = "pseudo-dirac"
    description = "pseudo-Dirac dark matter through an invisible dark photon (BC2), y-plane"
    splitting: float = parameter(
        0.0, 0.0, 0.99, help="(m_2 - m_1)/m_1 of the pseudo-Dirac pair, [0, 0.99]", low_open=False
    )

    @property
    def dm_splitting(self) -> float:
        return self.splitting


@dataclass(frozen=True)
class DarkPhotonInvisible(InvisibleDarkPhoton):
    name = "dark-photon-invisible"
    coupling_name = "eps"
    coupling_label = r"$\varepsilon$"
    width_power = 0
    mass_range = (2e-3, 10.0)
    coupling_range = (0.0, 1.0)
    default_couplings = (-7.0, -1.0, 61)
    description = "dark photon decaying to scalar dark matter (m_chi = m_A'/ratio), (m_A', eps)"

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        """A' -> chi chi (eps-independent; see the module docstring)."""
        m = np.asarray(m, float)
        return {"chi chi": width_aprime_to_dm(m, m / self.ratio, self.dm, self.alpha_d)}

    def mediator_mass(self, m: Any) -> np.ndarray:
        return np.asarray(m, float)

    def chi_mass(self, m: Any) -> np.ndarray:
        return np.asarray(m, float) / self.ratio

    def eps2(self, m: Any, g: Any) -> np.ndarray:
        g = np.asarray(g, float)
        return np.broadcast_to(g * g, np.broadcast_shapes(np.shape(m), g.shape)).copy()
