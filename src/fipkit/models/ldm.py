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

from ..errors import FipkitInputError
from .base import Model, parameter
from .dark_photon import DarkPhoton

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

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        """None: chi is stable."""
        return {}

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
