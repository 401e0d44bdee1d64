"""The landscape of one vector with charges (review arXiv:2011.02157 Sec. 2.2.2; not one
of its figures): every search of Fig. 2 (visible decays) and Fig. 1 (missing energy and
momentum: NA64e, NA64mu, M3 for L_mu - L_tau, X -> nu nubar) that computes the model,
with its (g-2), SN1987A, N_eff and CCFR trident bounds, on the model's own coupling g
(``fipkit figure vectors --model b-minus-l``). Searches and bounds are picked from the
model, none by name: a search whose production the model cannot rescale (mu -> e nu nu X
for L_mu - L_tau's unequal electron and muon couplings) is left out; one it does not
couple to (baryon number at an electron machine) draws nothing.
"""

from __future__ import annotations

import numpy as np

from ..errors import FipkitInputError
from . import fig1, fig2
from .spec import FigureSpec

#: the vector models of this figure (``vector`` is the dark photon's charges, g = eps e)
MODELS = ("b-minus-l", "lmu-ltau", "baryonic", "protophobic", "vector")


def _computes(model, name: str) -> bool:
    """Whether the catalog search ``name`` computes ``model``: it covers it and the model
    can rescale each of its production mechanisms."""
    from ..experiments import get_experiment
    from ..production import entry_scales

    search = get_experiment(name)
    if not search.covers(model):
        return False
    try:
        entry_scales(search, model, 0.01)  # raises where a mechanism refuses the model
    except FipkitInputError:
        return False
    return True


def spec(model: str = "b-minus-l") -> FigureSpec:
    """The landscape of ``model`` (one of :data:`MODELS`)."""
    from ..cosmo import bounds_for
    from ..models import get_model

    if model not in MODELS:
        raise FipkitInputError(
            f"figure vectors: unknown model '{model}'; valid: {', '.join(MODELS)}"
        )
    m = get_model(model)
    lo, hi, _ = m.default_couplings
    return FigureSpec(
        name="vectors",
        title=f"Vector '{model}' ({m.coupling_label}), computed by fipkit",
        model=model,
        limits=[s for s in fig2.LIMITS + fig1.LIMITS if _computes(m, s)],
        projections=[s for s in fig2.PROJECTIONS + fig1.PROJECTIONS if _computes(m, s)],
        bounds=list(bounds_for(m)),
        masses=fig2.MASSES,
        couplings=np.logspace(lo, hi, 8 * int(hi - lo) + 1),
        xlim=fig2.XLIM,
        ylim=(10.0**lo, 10.0**hi),
        xlabel=r"$m_X$ [GeV]",
    )
