"""Technique: a stable FIP from the beam scatters on the electrons of a detector and the
recoil electron is seen (ArgoNeuT, MiniBooNE, SBND, DUNE ND, FLArE; the review's
Sec. 4, "DM scattering").

For a FIP track of energy E crossing the detector over a length dL (from its shape), the
expected number of electron recoils with kinetic energy T in the search's window
[T1, T2] (capped at the kinematic T_max) is

    mu(g) = g^k mu_1,   mu_1 = n_e dL sigma_1(E; T1, T2),

n_e the electron density of the detector's material and sigma_1 the model's cross
section at unit coupling (``model.electron_cross_section(mass, E, T1, T2)``, cm^2; its
coupling power ``model.scattering_power``). The search asks for ``n_hits`` recoils of the
same FIP (1 for a single electron, 2 for ArgoNeuT's double hit), Poisson distributed:

    N(m, g) = X eff g^n sum_i w_i P(Poisson(g^k mu_1,i) >= n_hits),

n the production power. Approximations, stated: the FIP's energy does not change along
its path (each recoil takes T << E); angular cuts on the recoil electron are not
applied (their efficiency goes into ``efficiency``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammainc

from ..errors import FipkitInputError
from ..production import MonteCarlo
from . import Signal, Technique
from .crossing import absorber, crossing_tracks, events, number, signal


@dataclass(frozen=True)
class HitsKernel:
    """K = P(Poisson(mu_1 g^power) >= n_hits); column ``mu_1`` (recoils at unit coupling)."""

    power: float
    n_hits: int

    def __call__(self, columns, weights, couplings, out, work):
        x = np.multiply(columns["mu_1"][:, None], couplings**self.power, out=out)
        gammainc(self.n_hits, x, out=x)
        return weights @ x


def signal_events(model, search, masses, couplings, mc: MonteCarlo | None = None) -> np.ndarray:
    """Expected signal events N[mass, coupling] (module doc)."""
    if not hasattr(model, "electron_cross_section"):
        raise FipkitInputError(
            f"{search.name} (electron_scattering) needs a model that scatters on electrons "
            f"(millicharge, ldm-scalar, ldm-pseudo-dirac); got {model.name}"
        )
    n_e = absorber(search, "material").electron_density
    n_hits = int(number(search, "n_hits", 1, whole=True))
    t1, t2 = number(search, "recoil_min_MeV") * 1e-3, number(search, "recoil_max_MeV") * 1e-3
    if not t1 < t2:
        raise FipkitInputError(f"{search.name}: need recoil_min_MeV < recoil_max_MeV")
    masses = np.atleast_1d(np.asarray(masses, float))
    g = np.asarray(couplings, float)
    tracks = crossing_tracks(search, model, masses, mc)

    def cols(k, ts):
        e = np.hypot(ts.p, ts.mass)
        sigma = model.electron_cross_section(ts.mass, e, t1, t2)
        return {"mu_1": n_e * 100 * (ts.L2 - ts.L1) * sigma}

    return events(search, tracks, cols, HitsKernel(model.scattering_power, n_hits), g)


def evaluate(model, search, masses, couplings, mc: MonteCarlo) -> Signal:
    p = search.params
    what = (
        f"electron scattering ({p.get('n_hits', 1)} recoil(s) of "
        f"{p['recoil_min_MeV']}-{p['recoil_max_MeV']} MeV in {p['material']})"
    )
    return signal(model, search, signal_events(model, search, masses, couplings, mc), what)


TECHNIQUE = Technique.builtin("electron_scattering", evaluate)
