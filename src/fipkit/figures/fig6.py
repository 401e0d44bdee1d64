"""Fig. 6 of arXiv:2011.02157: heavy neutral leptons, |U_alpha|^2 vs m_N, one flavour at
a time: |U_e|^2 (top panel of the review, BC6) and |U_tau|^2 (bottom, BC8), with
|U_mu|^2 (BC7) as a third panel.

Every curve is computed by fipkit: the beam dumps, LHC and B-factory detectors by the
decay-in-volume engine (D, D_s, B -> l N and semileptonic decays, D_s -> tau -> N X, W
-> l N and Z -> nu N at the LHC), PS191 and T2K ND280 from the K+ and pi+ of their
neutrino beam lines decaying in flight (fipkit.production.beamline), ATLAS's displaced
vertices from W -> l N, the peak searches P -> l N from their quoted limits, DELPHI (Z
-> nu N at LEP 1) from its published BR limit with fipkit's lifetime acceptance, Belle
(B -> X l N, N -> l pi; an estimate with assumed cuts), BBN and
the seesaw line from fipkit's own estimates ("computed under the hypothesis of two HNLs
... only indicative", as the review says), NuTeV (D and D_s decays at 800 GeV; its kaons
not modelled), LHCb (B- -> pi+ mu- mu-, its quoted BR limit with fipkit's lifetime
acceptance). Not computed (see the issue note): CMS.
"""

from __future__ import annotations

import numpy as np

from .spec import FigureSpec

XLIM, YLIM = (0.1, 10.0), (1e-12, 1e-1)
MASSES = np.logspace(-1, 1, 35)
COUPLINGS = np.logspace(-12, -1, 89)
BOUNDS = ["BBN-HNL", "seesaw"]
#: projections of every panel (lines), in the review's order
PROJECTIONS = ["NA62-dump", "FASER", "FASER2", "SHiP", "BelleII-displaced", "DUNE-ND"]
PROJECTIONS += ["CODEX-b", "MATHUSLA200"]
#: per panel: model, limits (filled), projections (DarkQuest for U_tau only, as the
#: review; Belle II with its B mesons and, for U_tau, its tau pairs)
PANELS = {
    "hnl-e": (
        ["CHARM", "BEBC", "PS191-e", "T2K-ND280-e", "DELPHI", "ATLAS-DV-e", "PIENU"]
        + ["TRIUMF-1992", "NA62-KeN", "Belle"],
        PROJECTIONS,
    ),
    "hnl-tau": (
        ["CHARM", "BEBC", "DELPHI"],
        ["DarkQuest-PhaseII", *PROJECTIONS],
    ),
    "hnl-mu": (
        ["CHARM", "BEBC", "PS191-mu", "T2K-ND280-mu", "DELPHI", "ATLAS-DV-mu"]
        + ["NA62-KmuN", "E949-KmuN", "Belle", "NuTeV", "LHCb-BmuN"],
        PROJECTIONS,
    ),
}
TITLES = {
    "hnl-e": r"$|U_e|^2$ (BC6)",
    "hnl-tau": r"$|U_\tau|^2$ (BC8)",
    "hnl-mu": r"$|U_\mu|^2$ (BC7)",
}


def panel(model: str) -> FigureSpec:
    limits, projections = PANELS[model]
    return FigureSpec(
        name=f"fig6-{model.split('-')[1]}",
        title=f"Heavy neutral lepton, {TITLES[model]}: arXiv:2011.02157 Fig. 6, computed by "
        "fipkit (BBN, seesaw: indicative, two HNLs)",
        model=model,
        limits=limits,
        projections=projections,
        bounds=BOUNDS,
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_N$ [GeV]",
    )


def spec() -> FigureSpec:
    """The figure: the e and tau panels of the review, then mu."""
    first, *rest = (panel(m) for m in PANELS)
    return first.replace(name="fig6", panels=tuple(rest))
