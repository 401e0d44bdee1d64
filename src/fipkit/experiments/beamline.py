"""A horn-focused neutrino beam line as the catalog describes it (the ``beamline`` key of
a detector): what the target, horns and decay pipe are. What the mesons do in it is
:mod:`fipkit.production.beamline`."""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError


@dataclass(frozen=True)
class BeamLine:
    """A horn-focused beam line (lengths in metres from the upstream face of the target).

    target_length_m : target length along the beam (its material is the detector's
        ``target``).
    pt_max_GeV, p_min_GeV : the horns' acceptance for mesons of ``focus_charge`` (+1:
        neutrino mode).
    pipe_end_m : end of the decay region (horns and decay pipe), where the absorber is.
    reversed_fraction : protons on target with the horn current reversed (the other
        sign focused: antineutrino mode for ``focus_charge`` +1), as a fraction of the
        detector's exposure (which counts the ``focus_charge`` running); default 0.
    """

    target_length_m: float
    pt_max_GeV: float
    p_min_GeV: float
    pipe_end_m: float
    focus_charge: int = 1
    reversed_fraction: float = 0.0

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if f.name == "focus_charge":
                if v not in (1, -1):
                    raise FipkitInputError(f"beamline: focus_charge must be +1 or -1, got {v!r}")
            elif not isinstance(v, int | float) or isinstance(v, bool) or v < 0:
                raise FipkitInputError(f"beamline: {f.name} must be a number >= 0, got {v!r}")

    def polarity_weight(self, charge: int) -> float:
        """Protons on target (per POT of the exposure) with the horns focusing mesons of
        ``charge``: 1 for ``focus_charge``, ``reversed_fraction`` for the other sign, 0
        for neutral ones."""
        if charge == self.focus_charge:
            return 1.0
        return self.reversed_fraction if charge == -self.focus_charge else 0.0

    def interacting_fraction(self, target: str | None) -> float:
        """Fraction of the protons that interact in the target: 1 - exp(-L / lambda_I)."""
        if not target:
            return 1.0
        mat = C.MATERIALS[target]
        lam = mat["lambda_I"] / mat["rho"] / 100.0  # metres
        return float(-np.expm1(-self.target_length_m / lam))


def from_mapping(d: Any, where: str) -> BeamLine:
    """A :class:`BeamLine` from a catalog mapping, or one clear error."""
    names = {f.name for f in fields(BeamLine)}
    if not isinstance(d, dict):
        raise FipkitInputError(
            f"{where}: 'beamline' must be a mapping with {', '.join(sorted(names))}"
        )
    unknown = sorted(set(d) - names)
    if unknown:
        raise FipkitInputError(
            f"{where}: unknown beamline key '{unknown[0]}' (valid: {', '.join(sorted(names))})"
        )
    missing = sorted(n for n in names - set(d) if n not in ("focus_charge", "reversed_fraction"))
    if missing:
        raise FipkitInputError(f"{where}: beamline needs '{missing[0]}'")
    try:
        return BeamLine(**d)
    except FipkitInputError as err:
        raise FipkitInputError(f"{where}: {err}") from None
