"""A conventional neutrino beam line: charged mesons from a thin target, focused by
magnetic horns, decay in flight in a decay pipe (PS191, T2K ND280, DUNE).

The parents of a FIP are then not the mesons of a thick dump (mostly absorbed before
they decay, :mod:`fipkit.production.meson_decay`) but the pions and kaons that the horns
send down the pipe, the same ones that make the neutrino beam. fipkit models the line
with a few numbers a beam-line paper quotes (:class:`~fipkit.experiments.beamline.BeamLine`,
the ``beamline`` key of a detector in the catalog):

* the target: mesons per proton on target are the facility's per-collision tables times
  the fraction of protons that interact in it, 1 - exp(-L / lambda_I) (re-interaction
  of the mesons in the target and tertiary production are neglected);
* the horns (idealised): mesons of the focused sign (``focus_charge``; in the running
  with the current reversed, ``reversed_fraction`` of the POT, the other sign) with
  momentum above ``p_min_GeV`` and transverse momentum below ``pt_max_GeV`` (the horns'
  p_T kick) leave parallel to the axis; all others (the other sign, neutral kaons, mesons
  outside the acceptance) are taken to miss the pipe (a conservative choice: a few
  unfocused mesons at small angles go down the pipe too);
* the pipe: a focused meson decays at a distance drawn from its exponential decay law
  before the end of the decay region (``pipe_end_m`` from the target, where the beam
  absorber stops the rest); the FIP starts there, on the axis (``FIPSample.z0``).

The horns' real acceptance (a momentum-dependent angle window, imperfect focusing) is
what this leaves out; the check is the measured neutrino flux of the line (see the
tests) and the published HNL limits of its experiments.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .. import constants as C
from ..experiments.beamline import BeamLine

#: the long-lived parents (PDG id, sign = charge sign): carried down a beam line's pipe,
#: absorbed in a thick target before most decay (:mod:`fipkit.production.meson_decay`)
LONG_LIVED = {"pi+": 211, "pi-": -211, "K+": 321, "K-": -321, "KL": 130}


def _charge(species: str) -> int:
    return 0 if species == "KL" else int(np.sign(LONG_LIVED[species]))


def focused(line: BeamLine, species: str) -> bool:
    """Whether the horns focus ``species`` in some of the running (a charged long-lived
    meson of the focused sign, or of the other one if the line also ran reversed)."""
    return line.polarity_weight(_charge(species)) > 0


def importance(line: BeamLine, species: str) -> Callable[[Any], np.ndarray]:
    """How much each bin of a parent table matters for the beam line (for
    ``spectra.parent_sample``): content x focused (at the bin centre) x the probability
    to decay before the absorber; zero for species the horns do not focus."""
    pid = LONG_LIVED[species]

    def imp(bins: Any) -> np.ndarray:
        if not focused(line, species):
            return np.asarray(bins.content, float)  # weight 0 anyway: draw as the table
        p = np.sqrt(bins.p_lo * bins.p_hi)
        pt = p * np.sin(np.sqrt(bins.theta_lo * bins.theta_hi))
        lam = p / C.mass(abs(pid)) * C.ctau(abs(pid))
        keep = (pt <= line.pt_max_GeV) & (p >= line.p_min_GeV)
        return bins.content * keep * -np.expm1(-line.pipe_end_m / lam)

    return imp


def in_flight(
    line: BeamLine,
    species: str,
    target: str | None,
    weights: np.ndarray,
    p: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Parents of ``species`` (weights per collision, lab momenta (n, 3) GeV) through the
    beam line: (weights per POT x probability to decay before the absorber, momenta
    after the horns (along the axis), decay points along the axis z0 (n,), metres).
    Parents the horns do not focus get weight 0."""
    pid = LONG_LIVED[species]
    p = np.asarray(p, float).reshape(-1, 3)
    pabs = np.linalg.norm(p, axis=1)
    accepted = (
        focused(line, species)
        & (np.hypot(p[:, 0], p[:, 1]) <= line.pt_max_GeV)
        & (pabs >= line.p_min_GeV)
    )
    lam = pabs / C.mass(abs(pid)) * C.ctau(abs(pid))  # decay length, m
    p_dec = -np.expm1(-line.pipe_end_m / lam)
    z0 = -lam * np.log1p(-rng.random(len(pabs)) * p_dec)
    w = np.asarray(weights, float) * line.interacting_fraction(target) * p_dec * accepted
    w = w * line.polarity_weight(_charge(species))
    p_out = np.zeros_like(p)
    p_out[:, 2] = pabs
    return w, p_out, z0


def neutrino_flux(
    line: BeamLine,
    facility: str,
    target: str | None,
    shape: Any,
    parent: str,
    n: int = 200_000,
    seed: int = 1,
) -> float:
    """The nu_mu fluence through a volume from ``parent`` (pi+ or K+) -> mu+ nu_mu
    decays in the beam line, nu per cm^2 per proton on target, averaged over the volume
    (track-length estimator: sum of weight x path length in the volume / its volume).
    The check of a beam line against the flux its collaboration publishes."""
    from .. import spectra
    from ..kinematics import two_body_decay

    rng = np.random.default_rng(seed)
    w, p = spectra.parent_sample(
        facility, parent, rng=rng, max_points=n, importance=importance(line, parent)
    )
    w, p, z0 = in_flight(line, parent, target, w, p, rng)
    m_parent = C.mass(abs(LONG_LIVED[parent]))
    br = C.BR_MU_NU[parent]
    w_nu, p_nu = two_body_decay(w, p, m_parent, 0.0, C.mass(13), rng)
    u = p_nu / np.linalg.norm(p_nu, axis=1)[:, None]
    origin = np.column_stack([np.zeros((len(z0), 2)), z0])
    t_in, t_out = shape.intersect(origin, u)
    path = np.clip(np.nan_to_num(t_out - t_in), 0.0, None)
    return float(np.sum(w_nu * br * path) / shape.volume / 1e4)
