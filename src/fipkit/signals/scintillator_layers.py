"""Technique: a millicharged particle crosses N scintillator layers and makes light in
each (milliQan-type coincidence: milliQan, FORMOSA, FerMINI, SUBMET).

A particle of charge eps e and velocity beta gamma = p/m loses eps^2 <dE/dx>(beta gamma)
per unit length (Bethe, :mod:`fipkit.signals.energy_loss`); in a layer of thickness L
with a light yield of Y photo-electrons per MeV it makes on average

    lambda(eps) = eps^2 lambda_1,   lambda_1 = <dE/dx>(beta gamma) rho L Y,

PE, Poisson distributed. A layer fires with at least ``min_pe`` PE,
P_k(lambda) = P(Poisson(lambda) >= k) (the regularised lower incomplete gamma function,
accurate where lambda is tiny), and the search asks for every one of its N layers:

    N(m, eps) = X eff eps^2 sum_i w_i P_k(eps^2 lambda_1,i)^N  Theta(eps < eps_max,i),

with w_i the chi (and chi-bar) per collision or proton on target at eps = 1 that point
into the detector's front face (the production samples of the search intersected with
its shape, the azimuth integrated: :mod:`fipkit.signals.crossing`). A track is taken to
cross all N layers (bars pointing at the interaction point). Theta is the range-out of
the shield between source and detector: the chi must reach the detector,
eps^2 L_shield < R_1(p), R_1 the CSDA range of a unit charge (the loss in the detector
itself is neglected).

Approximations, stated: the mean loss (not the restricted or most probable one) sets
lambda; no Birks quenching (negligible at eps^2 dE/dx); one layer thickness and one
light yield for all tracks (no position dependence of the light collection).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.special import gammainc

from ..engine import TrackSet
from ..errors import FipkitInputError
from ..production import MonteCarlo
from . import Signal, Technique
from .crossing import absorber, crossing_tracks, events, number, signal
from .energy_loss import csda_range, dedx


@dataclass(frozen=True)
class LayerKernel:
    """K = P(Poisson(g^power lambda_1) >= min_pe)^n_layers for g < g_max (per track), else 0.

    columns: ``lambda_1`` (mean PE per layer at g = 1), ``g_max`` (range-out)."""

    n_layers: int
    min_pe: int
    power: float = 2.0

    def __call__(self, columns, weights, couplings, out, work):
        x = np.multiply(columns["lambda_1"][:, None], couplings**self.power, out=out)
        if self.min_pe == 1:  # P(>= 1) = 1 - e^-x, without the incomplete gamma function
            np.negative(x, out=x)
            np.expm1(x, out=x)
            p = np.negative(x, out=x)
        else:
            p = gammainc(self.min_pe, x, out=x)
        np.power(p, self.n_layers, out=p)
        np.multiply(p, columns["g_max"][:, None] > couplings, out=p)
        return weights @ p


def signal_events(model, search, masses, couplings, mc: MonteCarlo | None = None) -> np.ndarray:
    """Expected signal events N[mass, coupling] (module doc)."""
    if not hasattr(model, "ionisation_power"):
        raise FipkitInputError(
            f"{search.name} (scintillator_layers) needs a charged FIP (millicharge); "
            f"got {model.name}"
        )
    masses = np.atleast_1d(np.asarray(masses, float))
    g = np.asarray(couplings, float)
    n_layers = int(number(search, "n_layers", whole=True))
    min_pe = int(number(search, "min_pe", 1, whole=True))
    thick_cm = 100 * number(search, "layer_length_m")
    yield_pe = number(search, "pe_per_MeV")
    scint = absorber(search, "scintillator")
    if ("shield" in search.params) != ("shield_length_m" in search.params):
        raise FipkitInputError(f"{search.name}: give both shield and shield_length_m, or neither")
    shield = absorber(search, "shield") if "shield" in search.params else None
    shield_gcm2 = 100 * number(search, "shield_length_m") * shield.density if shield else 0.0
    tracks = crossing_tracks(search, model, masses, mc)

    def cols(k: int, ts: TrackSet) -> dict[str, np.ndarray]:
        bg = ts.p / ts.mass
        lam = dedx(scint, bg, ts.mass) * scint.density * thick_cm * yield_pe
        if shield is not None:
            g_max = np.sqrt(csda_range(shield, bg, ts.mass) / shield_gcm2)
        else:
            g_max = np.full(len(bg), np.inf)
        return {"lambda_1": lam, "g_max": g_max}

    kernel = LayerKernel(n_layers, min_pe, model.ionisation_power)
    return events(search, tracks, cols, kernel, g)


def evaluate(model, search, masses, couplings, mc: MonteCarlo) -> Signal:
    p = search.params
    what = (
        f"scintillator layers ({p['n_layers']} x {p['layer_length_m']} m, {p['pe_per_MeV']} PE/MeV)"
    )
    return signal(model, search, signal_events(model, search, masses, couplings, mc), what)


TECHNIQUE = Technique.builtin("scintillator_layers", evaluate)
