"""Fig. 2 of arXiv:2011.02157: dark photon to visible final states, eps vs m_A'.

Every curve is computed by fipkit: beam-dump regions by the decay-in-volume
engine, BaBar / Belle II / KLOE / BES III by the e+e- bump-hunt estimate, APEX,
DarkLight and Mu3e (mu -> e nu nu A') by the fixed-target bump hunt, NA48/2 by the pi0
Dalitz bump hunt, (g-2) from the one-loop A' contribution, SN1987A from a one-zone
cooling estimate.
"""

from __future__ import annotations

import numpy as np

from .spec import FigureSpec

MODEL = "dark-photon"
XLIM, YLIM = (1e-3, 10.0), (1e-9, 1e-2)
LIMITS = ["E137", "E141", "E774", "Orsay", "NuCal", "CHARM", "BaBar", "NA48-2", "KLOE"]
LIMITS += ["BESIII-ISR", "APEX-test"]
PROJECTIONS = ["NA62-dump", "SHiP", "DarkQuest", "FASER", "FASER2", "HPS-displaced", "BelleII"]
PROJECTIONS += ["DarkLight", "Mu3e"]
BOUNDS = ["g-2_e", "g-2_mu", "SN1987A"]
#: 20 masses per decade: the narrow windows of the prompt searches (KLOE 0.52-0.99 GeV,
#: NA48/2 9-120 MeV) get several masses each
MASSES = np.logspace(-3, 1, 81)
COUPLINGS = np.logspace(-9, -2, 71)


def spec() -> FigureSpec:
    """The figure (built from the module constants at each call)."""
    return FigureSpec(
        name="fig2",
        title="Dark photon, visible decays (arXiv:2011.02157 Fig. 2), computed by fipkit",
        model=MODEL,
        limits=LIMITS,
        projections=PROJECTIONS,
        bounds=BOUNDS,
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_{A'}$ [GeV]",
    )
