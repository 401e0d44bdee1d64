"""Reading published reference curves from ../shared/reference (tests only), and the one
way regions are compared with them: each edge at the reference's own masses
(:func:`edge_stats`).

The folder holds digitised curves for validation; fipkit never ships them. Its location
is ``$FIPKIT_REFERENCE`` if set, else ``shared/reference`` beside the project checkout.
Tests that read it carry the ``reference`` marker: tests/conftest.py skips them, before
any fixture or computation runs, when the folder is absent; ``ref_path`` still skips a
test whose single file is missing.
"""

from __future__ import annotations

import os
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pytest

#: CI and developers have the steering repo's shared/ beside the project checkout
DEFAULT_REF = Path(__file__).resolve().parents[2] / "shared" / "reference"
#: the reference folder in use ($FIPKIT_REFERENCE overrides the default)
REF = Path(os.environ.get("FIPKIT_REFERENCE") or DEFAULT_REF).expanduser()


def reference_available() -> bool:
    """Whether the reference folder exists."""
    return REF.is_dir()


def ref_path(name: str) -> Path:
    p = REF / name
    if not p.exists():
        pytest.skip(f"reference curve {name} not available (not found in {REF})")
    return p


def read_lmt(name: str):
    """DarkCast .lmt: mass [GeV], lower eps, optional upper eps (1e5 = no bound)."""
    d = np.loadtxt(ref_path(name), comments="#")
    m, lo = d[:, 0], d[:, 1]
    hi = d[:, 2] if d.shape[1] > 2 else np.full(len(m), np.nan)
    lo = np.where(lo >= 1e4, np.nan, lo)
    hi = np.where(hi >= 1e4, np.nan, hi)
    return m, lo, hi


def read_polygon(name: str, square: bool = False):
    """FORESEE-style closed polygon (x, y) with padding; returns the points (y -> y^2 if square)."""
    d = np.loadtxt(ref_path(name))
    x, y = d[:, 0], d[:, 1]
    return x, (y**2 if square else y)


def lmt_envelope(names):
    """Union of several .lmt regions (e.g. one experiment's production channels):
    lowest lower edge and highest upper edge on a common log-mass grid."""
    curves = [read_lmt(n) for n in names]
    lm = np.log10(np.unique(np.concatenate([c[0] for c in curves])))
    los, his = [], []
    for m, lo, hi in curves:
        o = np.argsort(m)
        x = np.log10(m[o])

        def f(v):
            v = np.log10(v[o])
            g = np.isfinite(v)
            if not g.any():
                return np.full(len(lm), np.nan)
            return np.interp(lm, x[g], v[g], left=np.nan, right=np.nan)

        los.append(f(lo))
        his.append(f(hi))
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN columns
        return 10**lm, 10 ** np.nanmin(los, axis=0), 10 ** np.nanmax(his, axis=0)


# -- comparing at the reference's own masses (shared/DESIGN.md) ----------------------
def crossings(x, y, masses):
    """(lowest, highest, count) of the crossings of the reference line or contour (x, y)
    with each mass, interpolated in log-log; NaN points break the line.

    Each segment is taken half-open in mass, [min x, max x), so a vertex that the line
    passes through in one direction is counted once (counted for both segments, a single
    branch would look like a closed contour with lower = upper at the reference's own
    masses, which are its vertices).
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        lx, ly = np.log10(np.asarray(x, float)), np.log10(np.asarray(y, float))
    a, b, ya, yb = lx[:-1], lx[1:], ly[:-1], ly[1:]
    seg = np.isfinite(a + b + ya + yb) & (a != b)
    a, b, ya, yb = a[seg], b[seg], ya[seg], yb[seg]
    m = np.log10(np.asarray(masses, float))[:, None]
    hit = (np.minimum(a, b) <= m) & (m < np.maximum(a, b))
    with np.errstate(divide="ignore", invalid="ignore"):
        v = np.where(hit, ya + (m - a) / (b - a) * (yb - ya), np.nan)
    n = hit.sum(axis=1)
    lo = np.where(n > 0, np.min(np.where(hit, v, np.inf), axis=1, initial=np.inf), np.nan)
    hi = np.where(n > 0, np.max(np.where(hit, v, -np.inf), axis=1, initial=-np.inf), np.nan)
    return 10**lo, 10**hi, n


def ref_edges(x, y, shape: str, pad_above: float | None = None, n_max: int = 80, at=None):
    """The reference's edges at its own masses (at most ``n_max`` of them, evenly picked),
    or at the masses ``at``: (masses, lower, upper), NaN where it has none.

    shape: "lower" (a line: the lowest crossing at each mass), "upper" (a line: the
    highest crossing), "polygon" (a contour: the lowest crossing is the lower edge, the
    highest the upper one where there are two or more). Points at or above
    ``pad_above`` (the plot's top, used to close a contour, or the U2 = 1 corner) are
    dropped with the segments that touch them: where a contour is then crossed once,
    that crossing is its lower edge (the upper one was the plot's top).
    """
    y = np.asarray(y, float).copy()
    if pad_above is not None:
        y[y >= pad_above] = np.nan
    ms = np.unique(x[np.isfinite(y) & (y > 0) & (x > 0)]) if at is None else np.asarray(at, float)
    if at is None and len(ms) > n_max:
        ms = ms[np.unique(np.linspace(0, len(ms) - 1, n_max).round().astype(int))]
    lo, hi, n = crossings(x, y, ms)
    nan = np.full(len(ms), np.nan)
    if shape == "lower":
        return ms, lo, nan
    if shape == "upper":
        return ms, nan, hi
    return ms, lo, np.where(n >= 2, hi, np.nan)


@dataclass
class EdgeStats:
    median: float  # median |delta log10 coupling|
    max: float  # worst point
    n: int  # reference masses compared
    signed: float  # median of log10(ours / reference): > 0 means ours is higher
    m_lo: float  # mass range compared, GeV
    m_hi: float
    missing: int  # reference masses inside our grid not compared: no edge of ours there
    outside: int = 0  # reference masses outside our mass grid (and inside m_range)

    def __str__(self) -> str:
        return (
            f"median {self.median:.3f} max {self.max:.3f} signed {self.signed:+.3f} "
            f"n {self.n} on {self.m_lo:.3g}-{self.m_hi:.3g} GeV, missing {self.missing}, "
            f"outside {self.outside}"
        )


def our_edges(curve):
    """(masses, lower, upper) of a Curve; an open edge is NaN."""
    ms = np.unique(curve.mass)
    lo, hi = np.full(len(ms), np.nan), np.full(len(ms), np.nan)
    for k, m in enumerate(ms):
        rows = np.nonzero(curve.mass == m)[0]
        i, j = rows[np.argmin(curve.low[rows])], rows[np.argmax(curve.high[rows])]
        lo[k] = np.nan if curve.low_open[i] else curve.low[i]
        hi[k] = np.nan if curve.high_open[j] or not np.isfinite(curve.high[j]) else curve.high[j]
    return ms, lo, hi


def _reference_points(rm, ref, m_range=None, top=None):
    rm, ref = np.asarray(rm, float), np.asarray(ref, float)
    sel = np.isfinite(ref) & (ref > 0) & np.isfinite(rm) & (rm > 0)
    if top is not None:
        sel &= ref < top
    if m_range is not None:
        sel &= (rm >= m_range[0]) & (rm <= m_range[1])
    return rm[sel], ref[sel]


def edge_deltas(curve, rm, ref, edge: str, grid, m_range=None, top=None):
    """(reference masses, log10(ours / reference)) along one edge ("lower" or "upper"),
    at the reference's masses inside our mass grid (and ``m_range``): our edge
    interpolated in log-log between our grid masses, NaN where we have none there.
    Reference values >= ``top`` (a plot's top or a closing segment) are not compared."""
    ms, lo, hi = our_edges(curve)
    ours = lo if edge == "lower" else hi
    rm, ref = _reference_points(rm, ref, m_range, top)
    inside = (rm >= grid[0]) & (rm <= grid[-1])
    rm, ref = rm[inside], ref[inside]
    good = np.isfinite(ours)
    if good.sum() < 2:
        return rm, np.full(len(rm), np.nan)
    v = np.interp(np.log10(rm), np.log10(ms[good]), np.log10(ours[good]), left=np.nan, right=np.nan)
    return rm, v - np.log10(ref)


def edge_stats(curve, rm, ref, edge: str, grid, m_range=None, top=None) -> EdgeStats:
    """Median and worst |delta log10 coupling| along one edge (see :func:`edge_deltas`),
    with the reference masses left out: ``missing`` (inside our mass grid, no edge of
    ours there) and ``outside`` (outside our grid: a row that compares a sub-range says
    so with ``m_range``)."""
    all_m, _ = _reference_points(rm, ref, m_range, top)
    outside = int(((all_m < grid[0]) | (all_m > grid[-1])).sum())
    rm, d = edge_deltas(curve, rm, ref, edge, grid, m_range, top)
    ok = np.isfinite(d)
    if not ok.any():
        return EdgeStats(np.nan, np.nan, 0, np.nan, np.nan, np.nan, len(rm), outside)
    a = np.abs(d[ok])
    return EdgeStats(
        float(np.median(a)),
        float(a.max()),
        int(ok.sum()),
        float(np.median(d[ok])),
        float(rm[ok].min()),
        float(rm[ok].max()),
        int((~ok).sum()),
        outside,
    )
