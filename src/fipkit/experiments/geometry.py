"""Decay-volume shapes and where a straight FIP track enters and leaves them.

Every shape answers one question, vectorised over tracks: for tracks starting at
``origin`` (n, 3) with unit directions ``u`` (n, 3), at which path lengths
L1 <= L2 (metres) is the track inside the volume? Tracks that miss get L1 = L2 = 0.
Coordinates: z along the beam, y up, metres, origin at the target (or the IP).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np


def _slab(o, d, lo, hi):
    """Parametric entry/exit of a line o + t d through the slab lo <= x <= hi."""
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = (lo - o) / d
        t2 = (hi - o) / d
    inside = (o >= lo) & (o <= hi)
    tmin = np.where(d == 0, np.where(inside, -np.inf, np.inf), np.minimum(t1, t2))
    tmax = np.where(d == 0, np.where(inside, np.inf, -np.inf), np.maximum(t1, t2))
    return tmin, tmax


def _finish(t_in, t_out):
    t_in = np.maximum(t_in, 0.0)
    hit = t_out > t_in
    return np.where(hit, t_in, 0.0), np.where(hit, t_out, 0.0)


@dataclass(frozen=True)
class Box:
    """Axis-aligned box: centre (x, y) and half-sizes, z from z_start to z_start + length.

    Covers on-axis boxes (SHiP-like, x = y = 0), off-axis boxes (CHARM: x = 5 m)
    and transverse LHC volumes.
    """

    z_start: float
    length: float
    half_x: float
    half_y: float
    x: float = 0.0
    y: float = 0.0

    def intersect(self, origin, u):
        tx0, tx1 = _slab(origin[:, 0], u[:, 0], self.x - self.half_x, self.x + self.half_x)
        ty0, ty1 = _slab(origin[:, 1], u[:, 1], self.y - self.half_y, self.y + self.half_y)
        tz0, tz1 = _slab(origin[:, 2], u[:, 2], self.z_start, self.z_start + self.length)
        return _finish(np.maximum.reduce([tx0, ty0, tz0]), np.minimum.reduce([tx1, ty1, tz1]))

    @property
    def volume(self) -> float:
        return 4 * self.half_x * self.half_y * self.length

    def angular_window(self, pad: float = 0.02) -> tuple[float, float, float, float] | None:
        """(theta_lo, theta_hi, phi_lo, phi_hi), rad, seen from the origin: the polar and
        azimuthal ranges of the box's corners, each widened by ``pad`` of its width (the
        extremes of a box can lie on an edge, not a corner); None when the beam axis
        crosses the box's x-y rectangle (every azimuth, no window)."""
        xs = (self.x - self.half_x, self.x + self.half_x)
        ys = (self.y - self.half_y, self.y + self.half_y)
        if xs[0] <= 0 <= xs[1] and ys[0] <= 0 <= ys[1]:
            return None
        c = np.array(
            [(x, y, z) for x in xs for y in ys for z in (self.z_start, self.z_start + self.length)]
        )
        theta = np.arctan2(np.hypot(c[:, 0], c[:, 1]), c[:, 2])
        centre = np.arctan2(self.y, self.x)
        phi = centre + np.angle(np.exp(1j * (np.arctan2(c[:, 1], c[:, 0]) - centre)))
        (t0, t1), (p0, p1) = (theta.min(), theta.max()), (phi.min(), phi.max())
        dt, dp = pad * (t1 - t0), pad * (p1 - p0)
        return float(max(t0 - dt, 0.0)), float(min(t1 + dt, np.pi)), p0 - dp, p1 + dp


@dataclass(frozen=True)
class Cylinder:
    """Cylinder along the beam axis (z), radius ``radius`` (optional inner radius:
    an annulus), from z_start to z_start + length. FASER, NA62 decay tube.

    ``axis = "y"`` turns it upright (a vertical shaft such as ANUBIS's): then
    z_start/length run along y and the circle is centred at (x, z) = (x, z).
    ``eta_min``/``eta_max`` keep only tracks in that pseudorapidity range (a forward
    spectrometer's acceptance, e.g. LHCb's 2 < eta < 5 around its vertex detector).
    """

    z_start: float
    length: float
    radius: float
    inner_radius: float = 0.0
    axis: str = "z"
    x: float = 0.0
    z: float = 0.0
    eta_min: float | None = None
    eta_max: float | None = None

    def intersect(self, origin, u):
        if self.eta_min is not None or self.eta_max is not None:
            eta = np.arctanh(np.clip(u[:, 2], -1 + 1e-15, 1 - 1e-15))  # u_z = tanh(eta)
            out = (eta < (self.eta_min if self.eta_min is not None else -np.inf)) | (
                eta > (self.eta_max if self.eta_max is not None else np.inf)
            )
            inner = Cylinder(
                self.z_start, self.length, self.radius, self.inner_radius, self.axis, self.x, self.z
            )
            t_in, t_out = inner.intersect(origin, u)
            return np.where(out, 0.0, t_in), np.where(out, 0.0, t_out)  # a miss: (0, 0)
        if self.axis == "y":
            # rotate (x, y, z) -> (x - x0, z - z0, y): the shaft axis becomes the z axis
            perm = [0, 2, 1]
            o = origin[:, perm] - np.array([self.x, self.z, 0.0])
            return Cylinder(self.z_start, self.length, self.radius, self.inner_radius).intersect(
                o, u[:, perm]
            )
        tz0, tz1 = _slab(origin[:, 2], u[:, 2], self.z_start, self.z_start + self.length)
        t_in, t_out = self._disc(origin, u, self.radius)
        t_in, t_out = np.maximum(tz0, t_in), np.minimum(tz1, t_out)
        if self.inner_radius > 0:
            # remove the part inside the inner cylinder: keep the part after leaving it
            # (tracks from the axis go outward, so this is the only piece)
            h_in, h_out = self._disc(origin, u, self.inner_radius)
            t_in = np.where(h_out > t_in, np.maximum(t_in, h_out), t_in)
        return _finish(t_in, t_out)

    @staticmethod
    def _disc(origin, u, r):
        """Path interval with x^2 + y^2 <= r^2 for the line origin + t u."""
        a = u[:, 0] ** 2 + u[:, 1] ** 2
        b = 2 * (origin[:, 0] * u[:, 0] + origin[:, 1] * u[:, 1])
        c = origin[:, 0] ** 2 + origin[:, 1] ** 2 - r**2
        disc = b * b - 4 * a * c
        with np.errstate(divide="ignore", invalid="ignore"):
            sq = np.sqrt(np.maximum(disc, 0))
            t1 = (-b - sq) / (2 * a)
            t2 = (-b + sq) / (2 * a)
        parallel = a == 0
        t1 = np.where(parallel, np.where(c <= 0, -np.inf, np.inf), np.where(disc < 0, np.inf, t1))
        t2 = np.where(parallel, np.where(c <= 0, np.inf, -np.inf), np.where(disc < 0, -np.inf, t2))
        return t1, t2

    @property
    def volume(self) -> float:
        return np.pi * (self.radius**2 - self.inner_radius**2) * self.length


@dataclass(frozen=True)
class Frustum:
    """Pyramidal frustum along z (SHiP-like decay vessel): rectangular cross
    section growing linearly from (half_x0, half_y0) at z_start to
    (half_x1, half_y1) at z_start + length, centred on the beam axis.
    Exact for tracks from points on the axis."""

    z_start: float
    length: float
    half_x0: float
    half_y0: float
    half_x1: float
    half_y1: float

    def intersect(self, origin, u):
        tz0, tz1 = _slab(origin[:, 2], u[:, 2], self.z_start, self.z_start + self.length)
        t_in, t_out = tz0, tz1
        for k, (h0, h1) in enumerate([(self.half_x0, self.half_x1), (self.half_y0, self.half_y1)]):
            slope = (h1 - h0) / self.length  # |x| <= h0 + slope (z - z_start)
            # |o_k + t u_k| <= h0 + slope (o_z + t u_z - z_start): two linear inequalities
            base = h0 + slope * (origin[:, 2] - self.z_start)
            for sign in (1.0, -1.0):
                a = sign * u[:, k] - slope * u[:, 2]  # a t <= base - sign o_k
                rhs = base - sign * origin[:, k]
                with np.errstate(divide="ignore", invalid="ignore"):
                    tb = rhs / a
                lower = np.where(a < 0, tb, -np.inf)
                upper = np.where(a > 0, tb, np.inf)
                never = (a == 0) & (rhs < 0)
                t_in = np.maximum(t_in, np.where(never, np.inf, lower))
                t_out = np.minimum(t_out, upper)
        return _finish(t_in, t_out)

    @property
    def volume(self) -> float:
        a0, a1 = 4 * self.half_x0 * self.half_y0, 4 * self.half_x1 * self.half_y1
        return self.length * (a0 + a1 + np.sqrt(a0 * a1)) / 3


SHAPES = {"box": Box, "cylinder": Cylinder, "frustum": Frustum}


def make_shape(spec: dict):
    """Build a shape from a catalog entry ``{"shape": "box", ...}`` (shapes are frozen:
    the same entry gives the same, shared object)."""
    spec = dict(spec)
    kind = spec.pop("shape")
    try:
        return _make(kind, tuple(sorted(spec.items())))
    except TypeError:  # an unhashable value: build it as it is (the catalog check reports)
        return SHAPES[kind](**spec)


@lru_cache(maxsize=512)
def _make(kind: str, items: tuple):
    return SHAPES[kind](**dict(items))
