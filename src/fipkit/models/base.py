"""What every FIP model provides.

A model gives partial widths at unit coupling as arrays over mass; everything
else (total width, BRs, c*tau at any coupling) follows from them. The coupling
is the one on the review's figure axis (eps, sin^2 theta, g_agg, |U|^2) and
every width scales as ``coupling ** width_power`` (2 for eps, 1 for sin^2 theta).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from ..constants import HBARC_GEV_M
from ..errors import FipkitInputError


@dataclass(frozen=True)
class Model:
    """Base class: subclasses implement :meth:`partial_widths`."""

    name: str = ""
    coupling_name: str = ""  # column name in files, e.g. "eps"
    coupling_label: str = ""  # axis label, matplotlib mathtext
    width_power: int = 2  # width ∝ coupling ** width_power
    mass_range: tuple[float, float] = (0.0, np.inf)  # GeV, where the model is defined
    visible_channels: tuple[str, ...] = field(default_factory=tuple)
    description: str = ""

    # -- to implement -----------------------------------------------------
    def partial_widths(self, m) -> dict[str, np.ndarray]:
        """Partial widths in GeV at unit coupling, channel -> array like ``m``."""
        raise NotImplementedError

    # -- derived ----------------------------------------------------------
    def spec(self) -> dict:
        """Name and every parameter (for hashing results)."""
        from dataclasses import asdict

        return {k: v for k, v in asdict(self).items() if k not in ("coupling_label", "description")}

    def check_mass(self, m) -> np.ndarray:
        m = np.asarray(m, dtype=float)
        lo, hi = self.mass_range
        if not np.all(np.isfinite(m)) or np.any(m < lo) or np.any(m > hi):
            a, b = np.nanmin(np.atleast_1d(m)), np.nanmax(np.atleast_1d(m))
            shown = f"{a:g}" if a == b else f"{a:g}-{b:g}"
            raise FipkitInputError(
                f"mass {shown} GeV is outside the {self.name} range {lo:g}-{hi:g} GeV"
            )
        return m

    def check_coupling(self, g) -> np.ndarray:
        g = np.asarray(g, dtype=float)
        if not np.all(np.isfinite(g)) or np.any(g <= 0):
            raise FipkitInputError(
                f"coupling {self.coupling_name} must be a positive number, got {g}"
            )
        return g

    def total_width(self, m, g=1.0) -> np.ndarray:
        """Total width in GeV at coupling ``g``."""
        widths = self.partial_widths(m)
        return sum(widths.values()) * np.asarray(g, float) ** self.width_power

    def branching_ratios(self, m) -> dict[str, np.ndarray]:
        """BR per channel (coupling independent)."""
        widths = self.partial_widths(m)
        tot = sum(widths.values())
        with np.errstate(invalid="ignore", divide="ignore"):
            return {k: np.where(tot > 0, v / tot, 0.0) for k, v in widths.items()}

    def br_visible(self, m) -> np.ndarray:
        """Sum of the BRs into ``visible_channels``."""
        brs = self.branching_ratios(m)
        return sum(brs[c] for c in self.visible_channels if c in brs)

    def ctau(self, m, g=1.0) -> np.ndarray:
        """Proper decay length c*tau in metres at coupling ``g``."""
        with np.errstate(divide="ignore"):
            return HBARC_GEV_M / self.total_width(m, g)
