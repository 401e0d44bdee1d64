"""Fig. 2 of arXiv:2011.02157: dark photon to visible final states, eps vs m_A'.

Every curve is computed by fipkit: beam-dump regions by the decay-in-volume
engine, BaBar / Belle II by the e+e- bump-hunt estimate, (g-2) from the one-loop
A' contribution, SN1987A from a one-zone cooling estimate.
"""

from __future__ import annotations

import numpy as np

from .. import scan
from ..models import get_model
from .style import draw_figure

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
    done = scan.reach_many(MODEL, names, MASSES, COUPLINGS, seed=seed, jobs=jobs)
    out = {n: done[n] for n in names}  # fixed order: stable colours and legend
    out.update(other_bounds())
    return out


def other_bounds() -> dict:
    """(g-2)_e, (g-2)_mu band and SN1987A as Curves."""
    from ..cosmo import bounds

    return bounds.dark_photon_bounds(get_model(MODEL), MASSES)


def draw(jobs=None, seed: int = 1, overlays=()):
    model = get_model(MODEL)
    return draw_figure(
        curves(jobs, seed),
        XLIM,
        YLIM,
        r"$m_{A'}$ [GeV]",
        model.coupling_label,
        "Dark photon, visible decays (arXiv:2011.02157 Fig. 2), computed by fipkit",
        overlays,
    )
