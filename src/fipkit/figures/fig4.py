"""Fig. 4 of arXiv:2011.02157: the Higgs-mixed dark scalar, sin^2 theta vs m_S.

Every curve is computed by fipkit: beam dumps and LHC detectors by the
decay-in-volume engine (K -> pi S, B -> X_s S, B -> K S; h -> S S with BR = 1e-2 for
the LHC detectors, as in the review), K -> pi X missing-mass and B -> K S(mu mu)
searches from their published branching-ratio limits, BBN and SN1987A from
fipkit's own estimates. Vertical lines: the quartic lambda_HS bounded by the
invisible Higgs width, drawn at m_S = v sqrt(lambda_HS) (the "natural" relation
lambda_HS <= m_S^2 / v^2 of the review's Sec. 5.2).
"""

from __future__ import annotations

import numpy as np

from .spec import FigureSpec, VerticalLines

MODEL = "dark-scalar"
XLIM, YLIM = (1e-2, 10.0), (1e-13, 1e-2)
LIMITS = ["CHARM", "E949", "NA62-Kpinunu", "LHCb-B0K*S", "LHCb-B+K+S"]
PROJECTIONS = [
    "NA62-dump",
    "DarkQuest-PhaseII",
    "SHiP",
    "KLEVER",
    "BelleII-displaced",
    "FASER2",
    "CODEX-b",
    "MATHUSLA",
    "ANUBIS",
]
BOUNDS = ["BBN", "SN1987A"]
MASSES = np.logspace(-2, 1, 61)
COUPLINGS = np.logspace(-18, -2, 129)
#: upper limits on BR(h -> invisible) (95% CL) behind the lambda_HS lines
BR_INVISIBLE = {
    # ATLAS+CMS arXiv:1606.02266, quoted in CMS arXiv:1610.09218
    "LHC Run 1 (indirect, BR$_{BSM}$ < 0.34)": 0.34,
    # CMS projection, V. Milosevic, PoS EPS-HEP2021 (2022) 602
    "HL-LHC (BR$_{inv}$ < 0.038)": 0.038,
    "BR(h$\\to$SS) = 1% (BC5; future $e^+e^-$)": 0.01,  # review Sec. 5.2, PBC BC5 arXiv:1901.09966
}


def lambda_lines(xlim=None) -> list[tuple[float, str]]:
    """(m_S, label) where lambda_HS(BR) = m_S^2 / v^2, for each BR(h -> inv) bound; the
    label says "off scale" outside ``xlim`` (default XLIM)."""
    from .. import constants as C
    from ..models.scalar_production import lambda_for_br

    lo, hi = XLIM if xlim is None else xlim
    out = []
    for label, br in BR_INVISIBLE.items():
        lam = lambda_for_br(br)
        m = C.V_HIGGS * np.sqrt(lam)
        where = "" if lo < m < hi else " (off scale)"
        out.append((m, rf"$\lambda_{{HS}}$ = {lam:.1e}, $m_S$ = {m:.1f} GeV{where}: {label}"))
    return out


def spec() -> FigureSpec:
    """The figure (built from the module constants at each call)."""
    return FigureSpec(
        name="fig4",
        title="Dark scalar (arXiv:2011.02157 Fig. 4), computed by fipkit; "
        "LHC detectors: BR(h$\\to$SS) = 1e-2",
        model=MODEL,
        limits=LIMITS,
        projections=PROJECTIONS,
        bounds=BOUNDS,
        masses=MASSES,
        couplings=COUPLINGS,
        xlim=XLIM,
        ylim=YLIM,
        xlabel=r"$m_S$ [GeV]",
        extras=[VerticalLines(tuple(lambda_lines(XLIM)))],
    )
