"""Technique: P -> gamma A', A' -> e+e- as a narrow peak on the Dalitz continuum
P -> gamma e+e- (P = pi0, eta), counted in a window of the e+e- mass.

The A' replaces the virtual photon of the Dalitz decay, so signal and continuum share
the meson's two-photon coupling and transition form factor F(q^2):

    BR(P -> gamma A') = 2 eps^2 BR(P -> gamma gamma) (1 - m^2/M^2)^3 |F(m^2)|^2
    dBR(P -> gamma e+e-)/dm = BR(P -> gamma gamma) (4 alpha / 3 pi m) (1 - m^2/M^2)^3
                              (1 + 2 r) sqrt(1 - 4 r) |F(m^2)|^2,   r = m_e^2 / m^2

(Kroll-Wada, Phys. Rev. 98 (1955) 1355; Landsberg, Phys. Rept. 128 (1985) 301;
the A' rate: Batell, Pospelov, Ritz arXiv:0906.5614 Sec. 3), with F = 1 + a_P m^2/M^2
(pi0 slope a = 0.032, PDG 2024). So S/B = (3 pi eps^2 / 2 alpha) BR(A' -> ee) m / window,
the relation of the e+e- bump hunt (:mod:`fipkit.signals.bump_hunt`; Bjorken, Essig,
Schuster, Toro arXiv:0906.0580 eq. 19).

The search quotes its reconstructed sample of P -> gamma e+e- decays, ``n_dalitz`` (over
the whole e+e- mass range, with the signal's acceptance taken equal to the Dalitz one
at the same mass): signal N_S = eps^2 n_dalitz BR(P -> gamma A')|_{eps=1} BR(A' -> ee)
f_window P_prompt / BR_Dalitz and background N_B = n_dalitz int_window dBR/dm / BR_Dalitz,
BR_Dalitz = int dBR/dm from 2 m_e (fipkit's integral: 1.1736% for the pi0, PDG 1.174%).
The window is +-k sigma_m (``window_sigmas``, default 2, f_window = erf(k/sqrt2)),
sigma_m = ``mass_resolution`` x m. A prompt search requires the A' to decay within
``max_decay_length_m`` of its production: P_prompt = 1 - exp(-L / (beta gamma c tau)),
beta gamma = p / m with p = ``parent_momentum_GeV`` / 2 (the A' takes about half the
meson's momentum: a fipkit approximation); a displaced search (the complement) is not
implemented. 90% CL: the Poisson upper limit at n_obs = B (1.28 sqrt(B) for large B).
"""

from __future__ import annotations

import numpy as np
from scipy.special import erf

from .. import constants as C
from .. import statistics
from ..errors import FipkitInputError
from ..models.meson_to_aprime import br_meson_to_aprime, max_mass
from . import Signal, Technique

#: transition form-factor slopes a_P of F = 1 + a_P q^2 / M^2 (PDG 2024: pi0 0.032; eta:
#: Lambda^-2 = 1.95 GeV^-2 [U: recalled] -> a = 1.95 m_eta^2 = 0.585)
TFF_SLOPE = {"pi0": 0.032, "eta": 0.585}


def _ff2(parent: str, m):
    M = max_mass(parent)
    return (1 + TFF_SLOPE[parent] * np.asarray(m, float) ** 2 / M**2) ** 2


def dalitz_dbr_dm(parent: str, m):
    """dBR(P -> gamma e+e-)/dm at e+e- mass m [GeV], GeV^-1 (Kroll-Wada, module doc)."""
    m = np.asarray(m, float)
    M = max_mass(parent)
    br_gg = br_meson_to_aprime(parent, np.array([1e-9]))[0] / 2  # BR(P -> gamma gamma)
    r = C.M_E**2 / np.maximum(m, 1e-12) ** 2
    with np.errstate(invalid="ignore", divide="ignore"):
        out = (
            br_gg
            * 4
            * C.ALPHA_EM
            / (3 * np.pi * m)
            * np.clip(1 - m**2 / M**2, 0, None) ** 3
            * (1 + 2 * r)
            * np.sqrt(np.clip(1 - 4 * r, 0, None))
            * _ff2(parent, m)
        )
    return np.where((m > 2 * C.M_E) & (m < M), out, 0.0)


def dalitz_br(parent: str) -> float:
    """BR(P -> gamma e+e-) = int dBR/dm from 2 m_e to M (log-spaced trapezoid)."""
    M = max_mass(parent)
    m = 2 * C.M_E + np.geomspace(1e-9, M - 2 * C.M_E, 20001)
    return float(np.trapezoid(dalitz_dbr_dm(parent, m), m))


def _window_background(parent: str, m, half):
    """int_{m - half}^{m + half} dBR/dm (Gauss-Legendre), per mass."""
    x, w = np.polynomial.legendre.leggauss(32)
    pts = m[:, None] + half[:, None] * x[None, :]
    return np.sum(dalitz_dbr_dm(parent, pts) * w, axis=1) * half


def evaluate(model, search, masses, couplings, mc) -> Signal:
    """R = N_S(eps) / S_up(N_B) on the grid (module doc)."""
    if model.family != "vector":
        raise FipkitInputError(
            f"{search.name}: the Dalitz bump hunt is for vector models, not {model.name}"
        )
    p = search.params
    parent = str(p["parent"])
    if parent not in TFF_SLOPE:
        raise FipkitInputError(
            f"{search.name}: parent must be one of {', '.join(TFF_SLOPE)}, not {parent!r}"
        )
    masses = np.asarray(masses, float)
    g = np.asarray(couplings, float)
    lo, hi = p.get("mass_range_GeV", (2 * C.M_E, max_mass(parent)))
    inside = (masses >= float(lo)) & (masses <= float(hi)) & (masses < max_mass(parent))
    k = float(p.get("window_sigmas", 2.0))
    half = k * float(p["mass_resolution"]) * masses
    n_d = float(p["n_dalitz"])
    br_d = dalitz_br(parent)
    b = n_d * _window_background(parent, masses, half) / br_d
    channels = tuple(search.channels_for(model) or ("e+e-",))
    s1 = (
        n_d
        * br_meson_to_aprime(parent, masses)
        * _ff2(parent, masses)
        * model.br_visible(masses, channels)
        * erf(k / np.sqrt(2))
        / br_d
    )
    s1 = np.where(inside, s1, 0.0) * model.production_scale(parent, masses)
    # prompt decay within L of production: beta gamma c tau at each coupling
    length = float(p.get("max_decay_length_m", np.inf))
    mom = 0.5 * float(p.get("parent_momentum_GeV", 0.0))
    gamma1 = model.total_width(masses)  # GeV at unit coupling
    with np.errstate(divide="ignore", over="ignore"):
        ctau = C.HBARC_GEV_M / (gamma1[:, None] * g[None, :] ** model.width_power)
        decay_len = (mom / masses)[:, None] * ctau
        prompt = -np.expm1(-length / decay_len) if np.isfinite(length) else 1.0
    s_up = statistics.expected_upper_limit(b, search.cl)
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(
            s1[:, None] > 0, s1[:, None] * g[None, :] ** 2 * prompt / s_up[:, None], 0.0
        )
    stat = statistics.describe_window(search.cl, k, "m_ee")
    method = f"{parent} -> gamma A', A' -> e+e- bump hunt over the {parent} Dalitz continuum"
    return Signal(ratio, stat, method)


TECHNIQUE = Technique.builtin("dalitz_bump_hunt", evaluate)
