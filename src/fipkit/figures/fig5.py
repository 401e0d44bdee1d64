"""Fig. 5 of arXiv:2011.02157 (bottom panel, the accelerator zoom): the photon-coupled
ALP (BC9), g_agg vs m_a.

Computed by fipkit so far, by the decay-in-volume engine with Primakoff conversion
(:mod:`fipkit.production.primakoff`): the proton beam dumps (CHARM, NuCal limits; SHiP,
NA62-dump, DarkQuest projections) from the photons of pi0 and eta decays in the target;
FASER and FASER2 from those photons converting in the LHC's TAN absorber; the electron
dumps E137 and E141 from the photons of the shower; SN1987A from fipkit's one-zone
cooling estimate (:mod:`fipkit.cosmo.supernova`); NA64 (2020) from the shower photons of
its active dump; Belle II (e+e- -> gamma a, a -> gamma gamma over the QED 3-photon
continuum, :mod:`fipkit.signals.three_photon`). Not computed yet (see the issue note): LEP,
BaBar, PrimEx.
"""

from __future__ import annotations

import numpy as np

from .spec import FigureSpec

MODEL = "alp-photon"
XLIM, YLIM = (1e-3, 10.0), (1e-9, 1e-1)
LIMITS = ["E137", "E141", "CHARM", "NuCal", "NA64-ALP", "BelleII-3gamma"]
PROJECTIONS = ["NA62-dump", "SHiP", "DarkQuest-PhaseII", "FASER", "FASER2"]
PROJECTIONS += ["NA64-ALP-5e12", "BelleII-3gamma-20fb", "BelleII-3gamma-50ab"]
BOUNDS = ["SN1987A"]
MASSES = np.logspace(-3, 1, 61)
COUPLINGS = np.logspace(-9, -1, 97)


def spec() -> FigureSpec:
    """The figure (built from the module constants at each call)."""
    return FigureSpec(
        name="fig5",
        title="ALP, photon coupling (arXiv:2011.02157 Fig. 5, BC9), computed by fipkit",
        model=MODEL,
        limits=LIMITS,
        projections=PROJECTIONS,
        bounds=BOUNDS,
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_a$ [GeV]",
    )
