"""Reading published reference curves from ../shared/reference (tests only).

The folder holds digitised curves for validation; fipkit never ships them. Its location
is ``$FIPKIT_REFERENCE`` if set, else ``shared/reference`` beside the project checkout.
Tests that read it carry the ``reference`` marker: tests/conftest.py skips them, before
any fixture or computation runs, when the folder is absent; ``ref_path`` still skips a
test whose single file is missing.
"""

from __future__ import annotations

import os
import warnings
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


def polygon_edges(x, y, masses, pad=(1e3, 1e5, 1.0, 10.0, 100.0)):
    """Lower and upper edge of a closed polygon at each mass (NaN outside it)."""
    ok = ~np.isin(np.round(y, 12), pad) & (y > 0) & (x > 0)
    lx, ly = np.log10(x), np.log10(y)
    lo = np.full(len(masses), np.nan)
    hi = np.full(len(masses), np.nan)
    n = len(x)
    for k, m in enumerate(np.log10(masses)):
        ys = []
        for i in range(n - 1):
            a, b = lx[i], lx[i + 1]
            if (a - m) * (b - m) <= 0 and a != b and ok[i] and ok[i + 1]:
                ys.append(ly[i] + (m - a) / (b - a) * (ly[i + 1] - ly[i]))
        if len(ys) >= 2:
            lo[k], hi[k] = 10 ** min(ys), 10 ** max(ys)
    return lo, hi


def polygon_lower(x, y, masses, pad=(1e3, 1e5, 1.0, 10.0, 100.0)):
    """Lowest crossing of a (possibly open or padded) reference line at each mass (NaN if none)."""
    ok = ~np.isin(np.round(y, 12), pad) & (y > 0) & (x > 0)
    with np.errstate(divide="ignore"):
        lx, ly = np.log10(x), np.log10(y)
    out = np.full(len(masses), np.nan)
    for k, m in enumerate(np.log10(masses)):
        ys = [
            ly[i] + (m - lx[i]) / (lx[i + 1] - lx[i]) * (ly[i + 1] - ly[i])
            for i in range(len(x) - 1)
            if ok[i] and ok[i + 1] and lx[i] != lx[i + 1] and (lx[i] - m) * (lx[i + 1] - m) <= 0
        ]
        if ys:
            out[k] = 10 ** min(ys)
    return out


def edge_deviation(curve, ref_m, ref_lo, ref_hi, m_range=None):
    """Median |delta log10 coupling| along the lower and upper edges.

    Our edges at our grid masses vs the reference interpolated in log-log, over
    the masses where both exist (and inside m_range). Returns (lower, upper,
    number of masses compared for each).
    """
    ms, lo = curve.lower_edge()
    _, hi = curve.upper_edge()
    if m_range is not None:
        sel = (ms >= m_range[0]) & (ms <= m_range[1])
        ms, lo, hi = ms[sel], lo[sel], hi[sel]
    order = np.argsort(ref_m)
    rm = np.log10(ref_m[order])

    def interp(vals):
        v = np.log10(vals[order])
        good = np.isfinite(v)
        if not good.any():
            return np.full(len(ms), np.nan)
        out = np.interp(np.log10(ms), rm[good], v[good], left=np.nan, right=np.nan)
        return out

    rlo, rhi = interp(ref_lo), interp(ref_hi)
    dlo = np.abs(np.log10(lo) - rlo)
    dhi = np.abs(np.log10(hi) - rhi)
    dlo, dhi = dlo[np.isfinite(dlo)], dhi[np.isfinite(dhi)]
    med = lambda a: float(np.median(a)) if len(a) else np.nan  # noqa: E731
    return med(dlo), med(dhi), len(dlo), len(dhi)


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
