"""Fig. 3 of arXiv:2011.02157: millicharged particles (BC3), eps = Q_chi / e vs m_chi.

Computed by fipkit: chi chi-bar from the decays of pi0, eta, eta' (Dalitz-like), rho0,
omega, phi and (at the LHC) prompt J/psi, and from Drell-Yan gamma* at every facility
(:mod:`fipkit.models.millicharge`), seen by scintillator-layer coincidences (milliQan
demonstrator and HL-LHC, FORMOSA, FerMINI, SUBMET: :mod:`fipkit.signals.scintillator_layers`)
or by electron recoils (ArgoNeuT's double hit, MiniBooNE, FLArE:
:mod:`fipkit.signals.electron_scattering`); bounds: ortho-positronium invisible decays
(from the published BR limit), CMS's fractional-charge mass limits
(:mod:`fipkit.cosmo.millicharge_bounds`) and N_eff (the chi entropy heating the photons,
:mod:`fipkit.cosmo.neff`). Not computed yet (see the issue note): Upsilon, psi(2S) and Z
production, SLAC mQ, LSND, LDMX, LEP, the Lamb shift and the astrophysical bounds.
"""

from __future__ import annotations

import numpy as np

from .spec import FigureSpec

MODEL = "millicharge"
XLIM, YLIM = (1e-4, 1e2), (1e-5, 1.0)
LIMITS = ["milliQan-demonstrator", "ArgoNeuT", "MiniBooNE"]
PROJECTIONS = ["milliQan", "FORMOSA", "FerMINI", "SUBMET", "FLArE-mCP"]
BOUNDS = ["o-Ps", "CMS-fractional", "N_eff-millicharge"]
MASSES = np.logspace(-4, 2, 61)
COUPLINGS = np.logspace(-5, 0, 51)


def spec() -> FigureSpec:
    """The figure (built from the module constants at each call)."""
    return FigureSpec(
        name="fig3",
        title="Millicharged particles (arXiv:2011.02157 Fig. 3, BC3), computed by fipkit: "
        "meson decays, scintillator coincidences and electron recoils",
        model=MODEL,
        limits=LIMITS,
        projections=PROJECTIONS,
        bounds=BOUNDS,
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_\chi$ [GeV]",
    )
