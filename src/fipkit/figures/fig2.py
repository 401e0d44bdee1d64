"""Fig. 2 of arXiv:2011.02157: dark photon to visible final states, eps vs m_A'.

Every curve is computed by fipkit: beam-dump regions by the decay-in-volume
engine, BaBar / Belle II by the e+e- bump-hunt estimate, (g-2) from the one-loop
A' contribution, SN1987A from a one-zone cooling estimate.
"""

from __future__ import annotations

import numpy as np

from .. import scan
from ..models import get_model
from .style import PALETTE, new_axes, draw_curve

MODEL = "dark-photon"
XLIM, YLIM = (1e-3, 10.0), (1e-9, 1e-2)
LIMITS = ["E137", "E141", "E774", "Orsay", "NuCal", "CHARM", "BaBar"]
PROJECTIONS = ["NA62-dump", "SHiP", "DarkQuest", "FASER", "FASER2", "HPS-displaced", "BelleII"]
MASSES = np.logspace(-3, 1, 41)
COUPLINGS = np.logspace(-9, -2, 71)


def curves(jobs=None, seed: int = 1) -> dict:
    """All computed curves of the figure, by name."""
    from ..experiments import catalog

    names = [n for n in LIMITS + PROJECTIONS if n in catalog()]
    out = scan.reach_many(MODEL, names, MASSES, COUPLINGS, seed=seed, jobs=jobs)
    out.update(other_bounds())
    return out


def other_bounds() -> dict:
    """(g-2)_e, (g-2)_mu band and SN1987A as Curves."""
    from ..cosmo import bounds

    return bounds.dark_photon_bounds(get_model(MODEL), MASSES)


def draw(jobs=None, seed: int = 1, overlays=()):
    model = get_model(MODEL)
    cs = curves(jobs, seed)
    fig, ax = new_axes(XLIM, YLIM, r"$m_{A'}$ [GeV]", model.coupling_label,
                       "Dark photon, visible decays (arXiv:2011.02157 Fig. 2), computed by fipkit")
    k = 0
    for name, c in cs.items():
        if c.kind in ("limit", "bound") and not c.empty:
            draw_curve(ax, c, PALETTE[2 * (k % 10) + 1], filled=True, ymax=YLIM[1])
            k += 1
    k = 0
    for name, c in cs.items():
        if c.kind in ("projection", "target") and not c.empty:
            draw_curve(ax, c, PALETTE[2 * (k % 10)], filled=False, ymax=YLIM[1])
            k += 1
    for j, c in enumerate(overlays):
        draw_curve(ax, c, "k", filled=False, ymax=YLIM[1], linestyle="--",
                   label=f"{c.label} (user)")
    ax.legend(loc="lower right", fontsize=7, ncol=3, framealpha=0.85)
    return fig
