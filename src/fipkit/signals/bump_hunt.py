"""Technique: e+e- -> gamma A', A' -> l+l- as a narrow peak on the QED continuum.

Signal (eps = 1), Essig et al. arXiv:1309.5084 eq. 2.1 (also Borodatchenkova, Choudhury,
Drees hep-ph/0510147):

    dsigma/dcos(theta) = (2 pi alpha^2 / s) (1 - m^2/s)
                         [(1 + cos^2 theta)/sin^2 theta + 4 m^2 s / ((s - m^2)^2 sin^2 theta)]

Background: the irreducible radiative-return continuum e+e- -> gamma gamma* -> gamma l+l-,
which is the same process with the A' replaced by a virtual photon of mass m, so

    dsigma_B/dm = sigma_gammaA'(m, eps=1) (2 alpha / 3 pi m) sum_l (1 + 2 r_l) sqrt(1 - 4 r_l)

(Bjorken, Essig, Schuster, Toro, arXiv:0906.0580, Sec. III and eq. 19: S/B ~ (3 pi eps^2 /
2 N_eff alpha)(m / delta m)). Other backgrounds (Bhabha-like, mis-identification) are
not included: this is an estimate, reduced by the efficiency. Counting in a window of
+-2 sigma_m (95.4% of the signal); 90% CL with the Poisson upper limit at n_obs = B
(which becomes 1.28 sqrt(B) for large B).
"""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2

from .. import constants as C

_X, _W = np.polynomial.legendre.leggauss(96)
BUMP_HUNTS = {
    "BaBar": dict(
        sqrt_s_GeV=10.58, luminosity_fb=514.0, mass_resolution=0.005, efficiency=0.2, cos_max=0.9
    ),
    "BelleII": dict(
        sqrt_s_GeV=10.58, luminosity_fb=50000.0, mass_resolution=0.005, efficiency=0.2, cos_max=0.9
    ),
}
_FB_PER_GEV2 = C.GEV2_TO_PB * 1e3


def sigma_gamma_aprime(m, sqrt_s, cos_max=0.9, eps=1.0):
    """sigma(e+e- -> gamma A') with |cos theta_gamma| < cos_max, in fb."""
    m = np.asarray(m, float)[..., None]
    s = sqrt_s**2
    c = cos_max * _X
    sin2 = 1 - c**2
    d = (
        (2 * np.pi * C.ALPHA_EM**2 / s)
        * (1 - m**2 / s)
        * ((1 + c**2) / sin2 + 4 * m**2 * s / ((s - m**2) ** 2 * sin2))
    )
    sig = np.sum(d * _W, axis=-1) * cos_max  # dcos = cos_max dX
    sig = np.where(m[..., 0] < sqrt_s, sig, 0.0)
    return sig * np.asarray(eps, float) ** 2 * _FB_PER_GEV2


def _lepton_factor(m, channels):
    out = 0.0
    for ch, ml in (("e+e-", C.M_E), ("mu+mu-", C.M_MU), ("tau+tau-", C.M_TAU)):
        if ch in channels:
            r = ml**2 / np.asarray(m, float) ** 2
            out = out + np.where(r < 0.25, (1 + 2 * r) * np.sqrt(np.clip(1 - 4 * r, 0, None)), 0.0)
    return out


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
):
    """Smallest eps excluded (90% CL) at each mass m [GeV]; NaN where no reach.

    br_ll : BR(A' -> searched leptons) per mass (array or callable of m).
    """
    m = np.asarray(m, float)
    br = br_ll(m) if callable(br_ll) else np.asarray(br_ll, float)
    sig1 = sigma_gamma_aprime(m, sqrt_s, cos_max)  # fb at eps = 1
    window = 4 * mass_resolution * m  # +-2 sigma_m
    b = (
        luminosity_fb
        * efficiency
        * sig1
        * 2
        * C.ALPHA_EM
        / (3 * np.pi * m)
        * _lepton_factor(m, channels)
        * window
    )
    n = np.floor(b)
    s_up = 0.5 * chi2.ppf(cl, 2 * (n + 1)) - b
    s1 = luminosity_fb * efficiency * 0.954 * sig1 * br  # signal events at eps = 1
    with np.errstate(divide="ignore", invalid="ignore"):
        eps = np.sqrt(s_up / s1)
    ok = (m < 0.97 * sqrt_s) & (s1 > 0) & (_lepton_factor(m, channels) > 0)
    return np.where(ok, eps, np.nan)


def experiment_limit(model, experiment, masses):
    """(mass, eps_low, eps_high) of a bump-hunt experiment from the catalog."""
    p = dict(BUMP_HUNTS.get(experiment.name, {}))
    p.update(
        {
            k: v
            for k, v in experiment.extra.items()
            if k in ("sqrt_s_GeV", "luminosity_fb", "mass_resolution", "cos_max")
        }
    )
    if experiment.efficiency != 1.0 or "efficiency" not in p:
        p["efficiency"] = experiment.efficiency
    channels = experiment.channels_for(model.name) or ("e+e-", "mu+mu-")
    masses = np.asarray(masses, float)
    brs = model.branching_ratios(masses)
    br = sum(brs[c] for c in channels if c in brs)
    eps = bump_hunt_limit(
        masses,
        p["sqrt_s_GeV"],
        p["luminosity_fb"],
        br,
        p["mass_resolution"],
        p["efficiency"],
        p.get("cos_max", 0.9),
        channels,
        experiment.cl,
    )
    ok = np.isfinite(eps) & (eps < 1)
    return masses[ok], eps[ok], np.ones(ok.sum())
