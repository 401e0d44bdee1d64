"""What every FIP model provides.

A model gives partial widths at unit coupling as arrays over mass; everything
else (total width, BRs, c*tau at any coupling) follows from them. The coupling
is the one on the review's figure axis (eps, sin^2 theta, g_agg, |U|^2) and
every width scales as ``coupling ** WIDTH_POWER`` (2 for eps, 1 for sin^2 theta).

Identity (name, family, coupling axis, width power, mass and coupling ranges) is
held in class constants, which no constructor argument can change; physics
parameters (e.g. the dark scalar's ``hadronic_scale``) are dataclass fields, each
with its allowed range in the field's metadata (:func:`parameter`). A model is a
frozen dataclass: hashable, picklable (sent to worker processes as it is), and
:meth:`Model.spec` names everything a result depends on.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import Any, ClassVar

import numpy as np

from ..constants import HBARC_GEV_M
from ..errors import FipkitInputError


def parameter(
    default: float,
    low: float = -math.inf,
    high: float = math.inf,
    *,
    help: str,
    low_open: bool = True,
) -> Any:
    """A physics parameter of a model: a float field with its allowed range."""
    return field(
        default=default, metadata={"low": low, "high": high, "help": help, "low_open": low_open}
    )


@dataclass(frozen=True)
class ProductionChannel:
    """A production channel a model declares: a parent decays to the FIP and recoils.

    mechanism : the production mechanism that generates it (``fipkit.production``).
    parents : parent species (names of ``fipkit.spectra`` tables).
    recoil_mass : GeV, the mass of the other decay product (0 for a photon).
    br : callable m -> BR(parent -> recoil + FIP) at unit coupling (array over m).
    coupling_power : the BR scales as coupling ** coupling_power.
    parent_mass : GeV (the decay is closed for m >= parent_mass - recoil_mass).
    label : human-readable, e.g. "pi0 -> gamma A'".
    decays_per_parent : isotropic decays generated per parent (Monte Carlo setting).
    """

    mechanism: str
    parents: tuple[str, ...]
    parent_mass: float
    recoil_mass: float
    br: Any
    coupling_power: float
    label: str
    decays_per_parent: int = 1


@dataclass(frozen=True)
class Model:
    """Base class: subclasses set the class constants and implement :meth:`partial_widths`."""

    name: ClassVar[str] = ""
    family: ClassVar[str] = ""  # portal family: vector, scalar, fermion, pseudoscalar, ...
    coupling_name: ClassVar[str] = ""  # column name in files, e.g. "eps"
    coupling_label: ClassVar[str] = ""  # axis label, matplotlib mathtext
    coupling_unit: ClassVar[str] = ""  # "" for dimensionless, "GeV^-1" for g_agg
    width_power: ClassVar[float] = 2  # width ∝ coupling ** width_power
    mass_range: ClassVar[tuple[float, float]] = (0.0, math.inf)  # GeV
    #: physical range of the coupling (e.g. sin^2 theta <= 1, eps <= 1)
    coupling_range: ClassVar[tuple[float, float]] = (0.0, 1.0)
    #: the default coupling grid of ``fipkit reach`` (log10 min, log10 max, points)
    default_couplings: ClassVar[tuple[float, float, int]] = (-12.0, -2.0, 81)
    visible_channels: ClassVar[tuple[str, ...]] = ()
    description: ClassVar[str] = ""
    #: mechanisms (``fipkit.production``) that need no channel and accept this model,
    #: e.g. bremsstrahlung; the model's splitting kind is ``brem_kind``
    brem_kind: ClassVar[str] = ""

    def __post_init__(self) -> None:
        for f in fields(self):
            meta = f.metadata
            if "low" not in meta:
                continue
            v = getattr(self, f.name)
            lo, hi = meta["low"], meta["high"]
            ok = isinstance(v, int | float) and math.isfinite(v) and v <= hi
            ok = ok and (v > lo if meta["low_open"] else v >= lo)
            if not ok:
                left = "(" if meta["low_open"] else "["
                raise FipkitInputError(
                    f"{self.name}: parameter {f.name} = {v!r} is outside {left}{lo:g}, {hi:g}]"
                    f" ({meta['help']})"
                )
            object.__setattr__(self, f.name, float(v))

    # -- to implement -----------------------------------------------------
    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        """Partial widths in GeV at unit coupling, channel -> array like ``m``."""
        raise NotImplementedError

    def production_channels(self) -> Mapping[str, ProductionChannel]:
        """Production channels by name (the names a search's ``production`` lists)."""
        return {}

    # -- parameters -------------------------------------------------------
    @classmethod
    def parameters(cls) -> dict[str, str]:
        """Physics parameters of the model: name -> help text with the allowed range."""
        out = {}
        for f in fields(cls):
            m = f.metadata
            out[f.name] = f"{m.get('help', '')} (default {f.default})"
        return out

    def with_parameters(self, **params: float) -> Model:
        """The same model with other parameter values (validated)."""
        from dataclasses import replace

        known = {f.name for f in fields(self)}
        for k in params:
            if k not in known:
                valid = ", ".join(sorted(known)) or "none"
                raise FipkitInputError(f"{self.name} has no parameter '{k}'; parameters: {valid}")
        return replace(self, **params)

    def spec(self) -> dict[str, Any]:
        """Name and every parameter (for hashing results and cache keys)."""
        return {"name": self.name, **{f.name: getattr(self, f.name) for f in fields(self)}}

    def describe_parameters(self) -> str:
        """'' for the defaults, else e.g. 'hadronic_scale = 2'."""
        changed = [
            f"{f.name} = {getattr(self, f.name):g}"
            for f in fields(self)
            if getattr(self, f.name) != f.default
        ]
        return ", ".join(changed)

    # -- input checks -----------------------------------------------------
    def check_mass(self, m: Any) -> np.ndarray:
        """``m`` as an array, or a FipkitInputError when a mass is outside the range.

        The ends of the range are compared with a relative tolerance of 1e-9."""
        m = np.asarray(m, dtype=float)
        lo, hi = self.mass_range
        flat = np.atleast_1d(m)
        if not np.all(np.isfinite(flat)):
            raise FipkitInputError(f"mass must be a finite number of GeV, got {m}")
        tol = 1e-9
        if np.any(flat < lo * (1 - tol)) or np.any(flat > hi * (1 + tol)):
            a, b = flat.min(), flat.max()
            shown = f"{a:g}" if a == b else f"{a:g}-{b:g}"
            raise FipkitInputError(
                f"mass {shown} GeV is outside the {self.name} range {lo:g}-{hi:g} GeV"
            )
        return np.clip(m, lo, hi)

    def check_coupling(self, g: Any) -> np.ndarray:
        """``g`` as an array, or a FipkitInputError when it is not in (0, max]."""
        g = np.asarray(g, dtype=float)
        flat = np.atleast_1d(g)
        hi = self.coupling_range[1]
        if not np.all(np.isfinite(flat)) or np.any(flat <= 0) or np.any(flat > hi * (1 + 1e-9)):
            bad = flat[~(np.isfinite(flat) & (flat > 0) & (flat <= hi * (1 + 1e-9)))][0]
            raise FipkitInputError(
                f"coupling {self.coupling_name} = {bad:g} is not allowed: it must be positive "
                f"and at most {hi:g}"
            )
        return np.minimum(g, hi)

    # -- derived ----------------------------------------------------------
    def total_width(self, m: Any, g: Any = 1.0) -> np.ndarray:
        """Total width in GeV at coupling ``g``."""
        widths = self.partial_widths(m)
        return sum(widths.values()) * np.asarray(g, float) ** self.width_power

    def branching_ratios(self, m: Any) -> dict[str, np.ndarray]:
        """BR per channel (coupling independent)."""
        widths = self.partial_widths(m)
        tot = sum(widths.values())
        with np.errstate(invalid="ignore", divide="ignore"):
            return {k: np.where(tot > 0, v / tot, 0.0) for k, v in widths.items()}

    def br_visible(self, m: Any, channels: tuple[str, ...] = ()) -> np.ndarray:
        """Sum of the BRs into ``channels`` (default: the model's ``visible_channels``)."""
        brs = self.branching_ratios(m)
        total = np.zeros(np.shape(m))
        for c in channels or self.visible_channels:
            if c in brs:
                total = total + brs[c]
        return total

    def ctau(self, m: Any, g: Any = 1.0) -> np.ndarray:
        """Proper decay length c*tau in metres at coupling ``g``."""
        with np.errstate(divide="ignore"):
            return HBARC_GEV_M / self.total_width(m, g)
