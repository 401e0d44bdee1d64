"""Technique: missing mass in e+e- -> gamma A', A' -> invisible (mono-photon; review Sec. 4.4).

A single photon of energy E_gamma recoils against an invisible A' of mass m, so the
missing mass squared M_X^2 = s - 2 sqrt(s) E_gamma (centre-of-mass frame) peaks at m^2.
Colliders (BaBar, Belle II, BES III) give ``sqrt_s_GeV`` and ``luminosity_fb``; a positron
beam on a fixed target (PADME) gives neither: sqrt(s) = sqrt(2 m_e^2 + 2 m_e E_beam) and
the luminosity is the positrons on target times ``target_electrons_per_cm2``.

Signal at eps = 1 (per mass):

    S1 = L * eff * sigma(e+e- -> gamma A'; cos_range) * f_k,

sigma from :func:`fipkit.production.radiative_return.sigma_gamma_aprime` in the photon's
centre-of-mass acceptance ``cos_range``, f_k = erf(k / sqrt 2) the fraction of a Gaussian
peak inside a +-k sigma window (``window_sigmas``, default 2). Background: B = b(m) x
2 k sigma(M_X^2), b the search's events per GeV^2 of M_X^2 near m^2
(``background_per_GeV2``: one number, flat, or [[m_GeV, b], ...] interpolated in log m),
sigma(M_X^2) = 2 sqrt(s) sigma_E with the photon energy resolution sigma_E / E = a /
sqrt(E / GeV) (+) b (``photon_resolution: [a, b]``; for a fixed target E is the photon's
lab energy at 90 degrees in the centre-of-mass frame, gamma_cm E*). The expected 90% CL
limit: the Poisson upper limit at n_obs = B (as :mod:`fipkit.signals.bump_hunt`).

The predicted-to-allowed ratio R = eps^2(m, g) S1 BR(A' -> invisible; m, g) / N_up(B),
for any model whose dark photon decays invisibly (:func:`fipkit.signals.invisible.check_invisible`).
This is an estimate: the papers' multi-variate selections and fitted background shapes
are replaced by an efficiency and a background density, both catalog numbers with their
sources.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from scipy.special import erf

from .. import constants as C
from .. import statistics
from ..errors import FipkitInputError
from ..production.radiative_return import photon_energy, sigma_gamma_aprime
from . import Signal, Technique
from .decay_in_volume import exposure, mass_window
from .invisible import check_invisible

FB_PER_CM2 = 1e-39  # 1 fb^-1 = 1e39 cm^-2


def kinematics(search) -> tuple[float, float, float]:
    """(sqrt(s) [GeV], luminosity [fb^-1], gamma of the centre-of-mass frame in the lab)."""
    p = search.params
    if "sqrt_s_GeV" in p:
        if "luminosity_fb" not in p:
            raise FipkitInputError(f"{search.name}: a collider search needs luminosity_fb")
        return float(p["sqrt_s_GeV"]), float(p["luminosity_fb"]), 1.0
    if "target_electrons_per_cm2" not in p:
        raise FipkitInputError(
            f"{search.name}: give sqrt_s_GeV and luminosity_fb (collider) or "
            "target_electrons_per_cm2 (positrons on a fixed target)"
        )
    e_beam = float(search.beam["energy_GeV"])
    sqrt_s = float(np.sqrt(2 * C.M_E**2 + 2 * C.M_E * e_beam))
    lumi = exposure(search) * float(p["target_electrons_per_cm2"]) * FB_PER_CM2
    return sqrt_s, lumi, (e_beam + C.M_E) / sqrt_s


def background_density(search, m: np.ndarray) -> np.ndarray:
    """Background events per GeV^2 of M_X^2 at A' mass m [GeV] (whole exposure)."""
    b = search.params.get("background_per_GeV2", 0.0)
    if np.ndim(b) == 0:
        return np.full_like(m, float(b))
    t = np.asarray(b, float)
    if t.ndim != 2 or t.shape[1] != 2 or np.any(t[:, 0] <= 0) or np.any(np.diff(t[:, 0]) <= 0):
        raise FipkitInputError(
            f"{search.name}: background_per_GeV2 must be a number or [[m_GeV, b], ...] "
            "with increasing positive masses"
        )
    return np.interp(np.log(m), np.log(t[:, 0]), t[:, 1])


def signal_and_background(search, m_aprime: Any) -> tuple[np.ndarray, np.ndarray]:
    """(S1, B) per A' mass [GeV]: signal events at eps = 1 (times efficiency) in the
    +-k sigma window, and background events in it."""
    p = search.params
    m = np.asarray(m_aprime, float)
    sqrt_s, lumi, gamma_cm = kinematics(search)
    k = float(p.get("window_sigmas", 2.0))
    lo, hi = (float(c) for c in p["cos_range"])
    a, b = (float(x) for x in p["photon_resolution"])
    e_star = np.maximum(photon_energy(m, sqrt_s), 0.0)
    e_lab = np.maximum(gamma_cm * e_star, 1e-12)
    sigma_e = e_star * np.hypot(a / np.sqrt(e_lab), b)
    sigma_m2 = 2 * sqrt_s * sigma_e
    s1 = lumi * search.efficiency * sigma_gamma_aprime(m, sqrt_s, (lo, hi)) * erf(k / np.sqrt(2))
    bkg = background_density(search, np.maximum(m, 1e-12)) * 2 * k * sigma_m2
    w_lo, w_hi = mass_window(search)
    ok = (m >= w_lo) & (m <= w_hi) & (m < sqrt_s)
    return np.where(ok, s1, 0.0), bkg


def evaluate(model, search, masses, couplings, mc) -> Signal:
    check_invisible(model, search)
    m_x = np.asarray(masses, float)
    m_ap = np.asarray(model.mediator_mass(m_x), float)
    s1, bkg = signal_and_background(search, m_ap)
    n_up = statistics.expected_upper_limit(bkg, search.cl)
    g = np.asarray(couplings, float)[None, :]
    n = model.eps2(m_x[:, None], g) * s1[:, None] * model.br_invisible(m_x[:, None], g)
    ratio = n / n_up[:, None]
    sqrt_s, lumi, _ = kinematics(search)
    stat = statistics.describe_window(
        search.cl, float(search.params.get("window_sigmas", 2.0)), "M_X^2"
    )
    method = (
        f"mono-photon missing mass: e+e- -> gamma A' at sqrt(s) = {sqrt_s:.4g} GeV, "
        f"{lumi:.3g} fb^-1, eff {search.efficiency:g}"
    )
    return Signal(ratio, stat, method)


TECHNIQUE = Technique.builtin("mono_photon", evaluate)
