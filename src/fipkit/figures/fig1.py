"""Fig. 1 of arXiv:2011.02157: light dark matter through an invisible dark photon, in the
plane y = eps^2 alpha_D (m_chi/m_A')^4 vs m_chi, alpha_D = 0.1 and m_A' = 3 m_chi (the
review's choice; both are options), with the thermal relic target of each spin: an
elastic scalar (top panel) and a pseudo-Dirac fermion (bottom panel), or one panel for
a chosen spin (``--dm``: scalar, majorana, pseudo-dirac).

Computed by fipkit: NA64e (missing energy), NA64mu, M3 and LDMX (missing momentum) from
the dark-bremsstrahlung yields (WW scaled to the exact tree level), BaBar and Belle II
(mono-photon missing mass, :mod:`fipkit.signals.mono_photon`), the relic targets
from a Boltzmann solution, and for the scalar the direct-detection limits and projections
(CRESST-III, CRESST-II, SENSEI; SuperCDMS SNOLAB, DAMIC-M) estimated from each
experiment's exposure, threshold and events (:mod:`fipkit.cosmo.direct_detection`), and
MiniBooNE, SBND, DUNE, FLArE and BDX (chi-electron scattering downstream; BDX's chi
from the A' bremsstrahlung of its electron dump). Not computed yet (see the issue note):
E137, LSND, SHiP and COHERENT scattering.
"""

from __future__ import annotations

import numpy as np

from .spec import FigureSpec

XLIM, YLIM = (1e-3, 1.0), (1e-16, 1e-6)
MASSES = np.logspace(-3, 0, 41)
COUPLINGS = np.logspace(-16, -5, 89)
LIMITS = ["NA64e-2019", "NA64e-2022", "NA64mu-2022", "BaBar-monophoton"]
PROJECTIONS = ["NA64e-1e13", "NA64mu-2e13", "M3-phase2", "LDMX-SLAC-4GeV", "LDMX-SLAC-8GeV"]
PROJECTIONS += ["LDMX-CERN", "BelleII-monophoton"]
BOUNDS = ["relic-target"]
#: direct detection, elastic scalar only (as the review)
DIRECT = {"scalar": ["CRESST-III", "CRESST-II", "SENSEI", "SuperCDMS-SNOLAB", "DAMIC-M"]}
#: chi-electron scattering downstream of a dump: no vector current for a Majorana chi
SCATTERING_LIMITS = {dm: ["MiniBooNE"] for dm in ("scalar", "pseudo-dirac")}
SCATTERING_PROJECTIONS = {
    dm: ["SBND-LDM", "DUNE-ND-LDM", "FLArE-LDM", "BDX"] for dm in ("scalar", "pseudo-dirac")
}
TITLES = {
    "scalar": "elastic scalar",
    "majorana": "Majorana fermion",
    "pseudo-dirac": "pseudo-Dirac fermion",
}


def panel(dm: str, alpha_d: float, ratio: float, splitting: float) -> FigureSpec:
    params: dict = {"alpha_d": alpha_d, "ratio": ratio}
    scatter = splitting == 0  # chi-e scattering is modelled for degenerate states only
    if dm == "pseudo-dirac":
        params["splitting"] = splitting
    return FigureSpec(
        name=f"fig1-{dm}",
        title=f"Light dark matter, {TITLES[dm]}: arXiv:2011.02157 Fig. 1, computed by fipkit "
        rf"($\alpha_D$ = {alpha_d:g}, $m_{{A'}}$ = {ratio:g} $m_\chi$)",
        model=f"ldm-{dm}",
        model_parameters=params,
        limits=LIMITS + (SCATTERING_LIMITS.get(dm, []) if scatter else []),
        projections=PROJECTIONS + (SCATTERING_PROJECTIONS.get(dm, []) if scatter else []),
        bounds=BOUNDS + DIRECT.get(dm, []),
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_\chi$ [GeV]",
    )


def spec(
    dm: str | None = None, alpha_d: float = 0.1, ratio: float = 3.0, splitting: float = 0.0
) -> FigureSpec:
    """The figure: the review's scalar and pseudo-Dirac panels, or the one of ``dm``."""
    if dm is not None:
        return panel(dm, alpha_d, ratio, splitting)
    top, bottom = (panel(d, alpha_d, ratio, splitting) for d in ("scalar", "pseudo-dirac"))
    return top.replace(name="fig1", panels=(bottom,))
