"""What the invisible-A' techniques share: the signal of a produced A' that escapes.

A missing-energy, missing-momentum or missing-mass search counts A' made at a rate
∝ eps^2 that decay to dark matter (:mod:`fipkit.models.ldm`), or vectors with charges
that decay to neutrinos (:mod:`fipkit.models.vector`: eps^2 -> g^2, the charge of the
radiating lepton in the technique's yield through ``model.production_scale``):

    N(m, g) = X * eff * eps^2(m, g) * n_A'(m_A'; eps = 1) * BR(A' -> chi chi; m, g),

X the exposure (beam particles, or 1 with a luminosity folded into n_A'), n_A' the
technique's yield per beam particle at unit eps. The predicted-to-allowed ratio is
R = N / N_up, N_up the Poisson upper limit of the search (or its published ``n_up``).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import FipkitInputError
from . import Signal
from .decay_in_volume import exposure, signal_threshold


def check_invisible(model: Any, search: Any) -> None:
    """A clear error unless the model's A' decays invisibly (has eps2 and br_invisible)."""
    if not all(hasattr(model, k) for k in ("mediator_mass", "eps2", "br_invisible")):
        raise FipkitInputError(
            f"{search.name} ({search.technique}) needs a model whose dark photon decays "
            f"invisibly (ldm-scalar, ldm-majorana, ldm-pseudo-dirac, dark-photon-invisible); "
            f"got {model.name}"
        )


def evaluate_yields(model, search, masses, couplings, yields, method: str):
    """The Signal of an invisible-A' technique from its yields per beam particle at eps = 1
    (``yields(model, search, masses)``) and its method text (checks the model first)."""
    check_invisible(model, search)
    _, stat = signal_threshold(search)
    x = exposure(search)
    r = ratio(model, search, masses, couplings, yields(model, search, masses), x)
    return Signal(r, stat, f"{method}, {x:.3g} on target, eff {search.efficiency:g}")


def ratio(model, search, masses, couplings, yield_per_eps2, exposure: float) -> np.ndarray:
    """R[mass, coupling] for yields n_A'(m_A') at eps = 1 (array over ``masses``)."""
    m = np.asarray(masses, float)[:, None]
    g = np.asarray(couplings, float)[None, :]
    thr, _ = signal_threshold(search)
    n = (
        exposure
        * search.efficiency
        * model.eps2(m, g)
        * np.asarray(yield_per_eps2, float)[:, None]
        * model.br_invisible(m, g)
    )
    return n / thr
