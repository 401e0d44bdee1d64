"""e+e- -> gamma A': a vector of mass m radiated with a photon in e+e- annihilation.

The photon's polar angle theta in the centre-of-mass frame (massless electrons, vector
coupling eps e to electrons; Essig et al. arXiv:1309.5084 eq. 2.1, Borodatchenkova,
Choudhury, Drees hep-ph/0510147):

    dsigma/dcos(theta) = (2 pi alpha^2 eps^2 / s) (1 - m^2/s)
                         [(1 + cos^2 theta) + 4 m^2 s / (s - m^2)^2] / sin^2 theta

(|M|^2 ∝ t/u + u/t + 2 m^2 s/(t u); m -> 0 gives QED e+e- -> gamma gamma). The photon
carries E_gamma = (s - m^2) / (2 sqrt(s)). The collinear divergence is cut by the
detector's acceptance, which every caller states.

Used by the visible bump hunt (:mod:`fipkit.signals.bump_hunt`) and the invisible
mono-photon search (:mod:`fipkit.signals.mono_photon`).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import constants as C

_X, _W = np.polynomial.legendre.leggauss(96)
_FB_PER_GEV2 = C.GEV2_TO_PB * 1e3


def sigma_gamma_aprime(
    m: Any, sqrt_s: float, cos_range: tuple[float, float] = (-0.9, 0.9), eps: Any = 1.0
) -> np.ndarray:
    """sigma(e+e- -> gamma A') in fb for cos_range[0] < cos(theta_gamma) < cos_range[1]
    (centre-of-mass frame); m [GeV] (array), sqrt_s [GeV]; 0 where m >= sqrt_s."""
    lo, hi = float(cos_range[0]), float(cos_range[1])
    if not -1.0 < lo < hi < 1.0:
        raise ValueError(f"cos_range must satisfy -1 < lo < hi < 1, got {cos_range}")
    m = np.asarray(m, float)[..., None]
    s = sqrt_s**2
    c = 0.5 * (hi + lo) + 0.5 * (hi - lo) * _X
    sin2 = 1 - c**2
    d = (
        (2 * np.pi * C.ALPHA_EM**2 / s)
        * (1 - m**2 / s)
        * ((1 + c**2) + 4 * m**2 * s / (s - m**2) ** 2)
        / sin2
    )
    sig = np.sum(d * _W, axis=-1) * 0.5 * (hi - lo)
    sig = np.where(m[..., 0] < sqrt_s, sig, 0.0)
    return sig * np.asarray(eps, float) ** 2 * _FB_PER_GEV2


def photon_energy(m: Any, sqrt_s: float) -> np.ndarray:
    """E_gamma = (s - m^2) / (2 sqrt(s)) in the centre-of-mass frame, GeV."""
    m = np.asarray(m, float)
    return (sqrt_s**2 - m**2) / (2 * sqrt_s)
