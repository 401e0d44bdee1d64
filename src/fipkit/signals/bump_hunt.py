"""Technique: e+e- -> gamma A', A' -> l+l- as a narrow peak on the QED continuum.

Signal (eps = 1): e+e- -> gamma A' (:func:`fipkit.production.radiative_return.sigma_gamma_aprime`,
Essig et al. arXiv:1309.5084 eq. 2.1) in the photon acceptance cos_min < |cos theta| < cos_max.

Background: the irreducible radiative-return continuum e+e- -> gamma gamma* -> gamma l+l-,
which is the same process with the A' replaced by a virtual photon of mass m, so

    dsigma_B/dm = sigma_gammaA'(m, eps=1) (2 alpha / 3 pi m) sum_l (1 + 2 r_l) sqrt(1 - 4 r_l)

(Bjorken, Essig, Schuster, Toro, arXiv:0906.0580, Sec. III and eq. 19: S/B ~ (3 pi eps^2 /
2 N_eff alpha)(m / delta m)). Other backgrounds (Bhabha-like, mis-identification) are
not included: this is an estimate, reduced by the efficiency. Counting in a window of
+-2 sigma_m (95.4% of the signal); 90% CL with the Poisson upper limit at n_obs = B
(which becomes 1.28 sqrt(B) for large B).

Catalog parameters: ``sqrt_s_GeV``, ``luminosity_fb``, ``mass_resolution`` (sigma_m / m),
``mass_range_GeV`` (the masses the published search covers), ``cos_max`` and ``cos_min``
(photon acceptance cos_min < |cos theta| < cos_max; defaults 0.9 and 0: an untagged
radiative-return search, photon along the beams, sets cos_min near 1) and the search's
``efficiency`` and ``channels``. The signal is ∝ g^2 for a vector coupling g e to
electrons (the technique is for vector models).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .. import statistics
from ..errors import FipkitInputError
from ..production import radiative_return
from . import Signal, Technique
from .decay_in_volume import mass_window


def _lepton_factor(m, channels):
    out = 0.0
    for ch, ml in (("e+e-", C.M_E), ("mu+mu-", C.M_MU), ("tau+tau-", C.M_TAU)):
        if ch in channels:
            r = ml**2 / np.asarray(m, float) ** 2
            out = out + np.where(r < 0.25, (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None)), 0.0)
    return out


def signal_and_background(
    m,
    sqrt_s,
    luminosity_fb,
    br_ll,
    mass_resolution,
    efficiency,
    cos_max=0.9,
    channels=("e+e-", "mu+mu-"),
    cos_min=0.0,
):
    """(signal events at eps = 1 in the +-2 sigma_m window, background events B) per mass."""
    m = np.asarray(m, float)
    br = br_ll(m) if callable(br_ll) else np.asarray(br_ll, float)
    # fb at eps = 1; the acceptance is symmetric: twice cos_min < cos theta < cos_max
    sig1 = 2 * radiative_return.sigma_gamma_aprime(m, sqrt_s, (cos_min, cos_max))
    window = 4 * mass_resolution * m  # +-2 sigma_m
    lep = _lepton_factor(m, channels)
    b = luminosity_fb * efficiency * sig1 * 2 * C.ALPHA_EM / (3 * np.pi * m) * lep * window
    s1 = luminosity_fb * efficiency * 0.954 * sig1 * br
    ok = (m < 0.97 * sqrt_s) & (s1 > 0) & (lep > 0)
    return np.where(ok, s1, 0.0), b


def bump_hunt_limit(
    m,
    sqrt_s,
    luminosity_fb,
    br_ll,
    mass_resolution,
    efficiency,
    cos_max=0.9,
    channels=("e+e-", "mu+mu-"),
    cl=0.9,
    cos_min=0.0,
):
    """Smallest eps excluded (90% CL) at each mass m [GeV]; NaN where no reach.

    br_ll : BR(A' -> searched leptons) per mass (array or callable of m).
    """
    s1, b = signal_and_background(
        m, sqrt_s, luminosity_fb, br_ll, mass_resolution, efficiency, cos_max, channels, cos_min
    )
    s_up = statistics.expected_upper_limit(b, cl)
    with np.errstate(divide="ignore", invalid="ignore"):
        eps = np.sqrt(s_up / s1)
    return np.where(s1 > 0, eps, np.nan)


def evaluate(model, search, masses, couplings, mc) -> Signal:
    """R = eps^2 S(eps = 1) / S_up(B) on the grid."""
    if model.family != "vector":
        raise FipkitInputError(
            f"{search.name}: the bump hunt is for vector models, not {model.name}"
        )
    p = search.params
    channels = search.channels_for(model) or ("e+e-", "mu+mu-")
    masses = np.asarray(masses, float)
    br = model.br_visible(masses, tuple(channels))
    s1, b = signal_and_background(
        masses,
        float(p["sqrt_s_GeV"]),
        float(p["luminosity_fb"]),
        br,
        float(p["mass_resolution"]),
        search.efficiency,
        float(p.get("cos_max", 0.9)),
        channels,
        float(p.get("cos_min", 0.0)),
    )
    lo, hi = mass_window(search)
    s1 = np.where((masses >= lo) & (masses <= hi), s1, 0.0)
    s1 = s1 * model.production_scale("electron", masses)
    s_up = statistics.expected_upper_limit(b, search.cl)
    g = np.asarray(couplings, float)
    ratio = s1[:, None] * g[None, :] ** 2 / s_up[:, None]
    stat = statistics.describe_window(search.cl, 2, "m")
    method = "e+e- -> gamma A', A' -> l+l- bump hunt over the QED continuum"
    return Signal(ratio, stat, method)


TECHNIQUE = Technique.builtin("bump_hunt", evaluate)
