"""Fig. 5 of arXiv:2011.02157, top panel: the photon-coupled ALP over ~20 decades of mass,
g_agg vs m_a, every curve an estimate computed by fipkit from physics (no digitised
curve): the QCD axion band (:mod:`fipkit.cosmo.qcd_axion`), light shining through a wall
(OSQAR limit, ALPS II projection; :mod:`fipkit.cosmo.light_shining`), helioscopes (CAST
vacuum-phase limit, BabyIAXO and IAXO projections; :mod:`fipkit.cosmo.helioscope`),
haloscopes (ADMX limit, MADMAX projection; :mod:`fipkit.cosmo.haloscope`) and SN1987A
(the one-zone cooling estimate, :mod:`fipkit.cosmo.supernova`). The KSVZ and DFSZ lines
are drawn over the band, and the red box is the region of the bottom panel (fig5).

No catalog search is run (the accelerator searches are fig5's): the figure is bounds only
and computes in a few seconds. Not shown (see the modules): PVLAS, DM-Radio, CAST's gas
phases, and the astrophysical and cosmological bounds of the review's panel other than
SN1987A (HB stars, telescopes, X-ray and gamma-ray limits).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from . import fig5
from .spec import FigureSpec

MODEL = "alp-photon"
XLIM, YLIM = (1e-21, 10.0), (1e-17, 1.0)
LIMITS: list[str] = []
PROJECTIONS: list[str] = []
BOUNDS = [
    "QCD-axion",
    "OSQAR",
    "CAST",
    "ADMX",
    "SN1987A",
    "ALPS-II",
    "BabyIAXO",
    "IAXO",
    "MADMAX",
]
#: 1e-12 eV to 10 GeV, 10 points a decade (the haloscopes add points in their windows)
MASSES = np.logspace(-21, 1, 221)
COUPLINGS = np.logspace(-17, 0, 18)  # not used: no search


@dataclass(frozen=True)
class Box:
    """A labelled rectangle (xlim x ylim, data coordinates) drawn over the curves."""

    xlim: tuple[float, float]
    ylim: tuple[float, float]
    label: str
    color: str = "red"

    def __call__(self, ax, spec: FigureSpec) -> None:
        from matplotlib.patches import Rectangle

        (x0, x1), (y0, y1) = self.xlim, self.ylim
        ax.add_patch(
            Rectangle(
                (x0, y0),
                x1 - x0,
                y1 - y0,
                fill=False,
                edgecolor=self.color,
                lw=1.8,
                label=self.label,
                zorder=5,
            )
        )


@dataclass(frozen=True)
class BenchmarkLines:
    """The KSVZ and DFSZ lines of the QCD axion across the figure's mass range."""

    def __call__(self, ax, spec: FigureSpec) -> None:
        from ..cosmo.qcd_axion import g_dfsz, g_ksvz

        m = np.geomspace(*spec.xlim, 200)
        ax.plot(m, g_ksvz(m), color="darkgoldenrod", lw=1.0, ls="-", label="KSVZ (E/N = 0)")
        ax.plot(m, g_dfsz(m), color="darkgoldenrod", lw=1.0, ls="--", label="DFSZ (E/N = 8/3)")


def spec() -> FigureSpec:
    """The figure (built from the module constants at each call)."""
    return FigureSpec(
        name="fig5-wide",
        title="ALP, photon coupling (arXiv:2011.02157 Fig. 5 top, BC9): "
        "estimates computed by fipkit",
        model=MODEL,
        limits=tuple(LIMITS),
        projections=tuple(PROJECTIONS),
        bounds=tuple(BOUNDS),
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_a$ [GeV]",
        extras=(BenchmarkLines(), Box(fig5.XLIM, fig5.YLIM, "Fig. 5 (bottom) region")),
    )
