"""The HNL reach on the flavour triangle at one mass: the lower (and upper) edge in
U2 = |U_e|^2 + |U_mu|^2 + |U_tau|^2 of one search for every mixing pattern
x_e : x_mu : x_tau on a simplex grid (``fipkit figure fig6 --ternary SHiP --mass 1``).

The corners are the review's single-flavour benchmarks BC6 (e), BC7 (mu), BC8 (tau).
Each point is one :func:`fipkit.reach.compute_reach` of model ``hnl`` with that
pattern; the production samples of each pattern are cached like any other reach.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

#: simplex steps per side (21 points for 5)
STEPS = 5


@dataclass(frozen=True)
class TernaryScan:
    """x : (n, 3) mixing fractions (e, mu, tau); low, high : (n,) U2 edges (nan: none)."""

    search: str
    mass: float
    x: np.ndarray
    low: np.ndarray
    high: np.ndarray


def simplex(steps: int = STEPS) -> np.ndarray:
    """All (a, b, c) / steps with a + b + c = steps, as (n, 3) fractions."""
    pts = [(a, b, steps - a - b) for a in range(steps + 1) for b in range(steps + 1 - a)]
    return np.array(pts, float) / steps


def scan(search_name: str, mass: float, steps: int = STEPS, couplings=None, seed: int = 1):
    """The reach of ``search_name`` at ``mass`` (GeV) on the simplex grid."""
    from ..experiments import get_experiment
    from ..models import get_model
    from ..reach import compute_reach

    x = simplex(steps)
    low, high = np.full(len(x), np.nan), np.full(len(x), np.nan)
    for i, (e, mu, tau) in enumerate(x):
        model = get_model("hnl", ratio_e=e, ratio_mu=mu, ratio_tau=tau)
        if i == 0:
            search = get_experiment(search_name, model)
            model.check_mass(mass)
        c = compute_reach(model, search, [mass], couplings, seed=seed)
        if len(c):
            low[i], high[i] = c.low[0], c.high[0]
    return TernaryScan(search.name, float(mass), x, low, high)


def to_csv(result: TernaryScan) -> bytes:
    """The scan as CSV: x_e,x_mu,x_tau,U2_low,U2_high (empty edges: no region)."""
    lines = ["x_e,x_mu,x_tau,U2_low,U2_high"]
    for (e, mu, tau), lo, hi in zip(result.x, result.low, result.high, strict=True):
        edges = ",".join("" if not np.isfinite(v) else f"{v:.6g}" for v in (lo, hi))
        lines.append(f"{e:.4g},{mu:.4g},{tau:.4g},{edges}")
    return ("\n".join(lines) + "\n").encode()


def _xy(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Triangle coordinates: e at the lower left, mu at the lower right, tau at the top."""
    return x[:, 1] + 0.5 * x[:, 2], np.sqrt(3) / 2 * x[:, 2]


def draw(result: TernaryScan):
    """The lower edge log10 U2 on the triangle, as a matplotlib Figure."""
    from matplotlib.figure import Figure
    from matplotlib.tri import Triangulation

    fig = Figure(figsize=(7, 6), layout="constrained")
    ax = fig.add_subplot()
    px, py = _xy(result.x)
    ok = np.isfinite(result.low)
    ax.plot([0, 1, 0.5, 0], [0, 0, np.sqrt(3) / 2, 0], color="k", lw=1)
    if ok.sum() >= 3:
        tri = Triangulation(px[ok], py[ok])
        m = ax.tricontourf(tri, np.log10(result.low[ok]), levels=20, cmap="viridis")
        fig.colorbar(m, ax=ax, label=r"lower edge $\log_{10} U^2$")
    ax.scatter(px, py, c=np.where(ok, "w", "r"), edgecolors="k", s=18, zorder=3)
    for (x, y), text in zip(
        [(0, 0), (1, 0), (0.5, np.sqrt(3) / 2)],
        [r"$\nu_e$ (BC6)", r"$\nu_\mu$ (BC7)", r"$\nu_\tau$ (BC8)"],
        strict=True,
    ):
        ax.annotate(
            text, (x, y), textcoords="offset points", xytext=(0, -14 if y == 0 else 6), ha="center"
        )
    ax.set_title(f"{result.search}: HNL reach at $m_N$ = {result.mass:g} GeV (red: none)", pad=28)
    ax.set_aspect("equal")
    ax.axis("off")
    return fig
