"""Weighted samples of FIPs at unit coupling: the hand-off from production to signals."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np


@dataclass
class FIPSample:
    """FIPs of one mass produced by one mechanism at one facility, at unit coupling.

    Attributes
    ----------
    mass : FIP mass, GeV.
    weight : (n,) FIPs per beam particle (proton or electron on target, or per
        inelastic pp collision at a collider) for coupling = 1; the sum is the
        total yield per beam particle.
    p : (n, 3) lab momentum (px, py, pz) in GeV, z along the beam.
    z0 : (n,) production point along the beam axis in metres (0 = target).
    coupling_power : yield ∝ coupling ** coupling_power (2 for eps production).
    mechanism : label, e.g. "pi0 -> gamma A'".
    path0 : (n,) distance along its line of flight before which the FIP does not exist
        yet, metres (made in an absorber downstream, e.g. ALPs from photons converting
        in the LHC's TAN: they fly along the photon's line from z0); default 0.
    """

    mass: float
    weight: np.ndarray
    p: np.ndarray
    z0: np.ndarray | None = None
    coupling_power: float = field(kw_only=True)  # stated by every producer, no default
    mechanism: str = ""
    path0: np.ndarray | None = field(default=None, kw_only=True)

    def __post_init__(self):
        self.weight = np.asarray(self.weight, dtype=float)
        self.p = np.asarray(self.p, dtype=float).reshape(-1, 3)
        if self.z0 is None:
            self.z0 = np.zeros(len(self.weight))
        if self.path0 is None:
            self.path0 = np.zeros(len(self.weight))

    def __len__(self) -> int:
        return len(self.weight)

    @property
    def pabs(self) -> np.ndarray:
        return np.linalg.norm(self.p, axis=1)

    @property
    def energy(self) -> np.ndarray:
        return np.sqrt(self.pabs**2 + self.mass**2)

    @property
    def theta(self) -> np.ndarray:
        return np.arctan2(np.hypot(self.p[:, 0], self.p[:, 1]), self.p[:, 2])

    @property
    def total(self) -> float:
        return float(self.weight.sum())

    @staticmethod
    def concatenate(samples: list[FIPSample]) -> FIPSample:
        """Join samples of one mass and one coupling power (e.g. several mechanisms)."""
        samples = [s for s in samples if len(s)]
        if not samples:
            raise ValueError("nothing to concatenate")
        return FIPSample(
            mass=samples[0].mass,
            weight=np.concatenate([s.weight for s in samples]),
            p=np.concatenate([s.p for s in samples]),
            z0=np.concatenate([s.z0 for s in samples]),
            path0=np.concatenate([s.path0 for s in samples]),
            coupling_power=samples[0].coupling_power,
            mechanism=" + ".join(s.mechanism for s in samples),
        )


def empty_sample(mass: float, mechanism: str, coupling_power: float) -> FIPSample:
    """No FIPs (a closed channel), with the coupling power the channel would have."""
    return FIPSample(
        mass,
        np.zeros(0),
        np.zeros((0, 3)),
        np.zeros(0),
        coupling_power=coupling_power,
        mechanism=mechanism,
    )
