"""Missing-mass searches K -> pi X, X invisible (E949, NA62, KLEVER).

A kaon decays to a pion and an undetected X; the pion fixes the missing mass m_X. The
experiments publish K -> pi nu nu-bar results: a limit (or single-event sensitivity, SES)
for the Standard-Model pion spectrum inside their signal windows. fipkit turns each into a
limit on the two-body decay at mass m assuming the detection efficiency is flat in
missing mass across the windows of that result:

    BR_UL(K -> pi X; m) = BR_UL(SM spectrum) x f_SM,  BR_UL(SM) = n_up x SES when a SES is quoted,

where f_SM is the fraction of the SM K -> pi nu nu-bar rate inside the windows
(dGamma/dq^2 ∝ lambda^{3/2}(m_K^2, m_pi^2, q^2) |f_+(q^2)|^2, vector current, massless
neutrinos; linear K_l3 slope lambda_+ = 0.0297, PDG). Each result only constrains masses
inside its windows; where several apply, the strongest one is used.

X must also leave the detector before decaying (otherwise its decay products veto the
event): P_escape = exp(-L / (beta gamma c tau)), with beta gamma of X from the decay of a
kaon at rest (E949) or of a kaon of the quoted beam momentum, X emitted with its
rest-frame energy boosted by gamma_K (angle-averaged). The predicted-to-allowed ratio is

    R(m, g) = g^n BR(K -> pi X; m, g = 1) P_escape(m, g) / BR_UL(m),   excluded where R >= 1,

with n the coupling power of the channel. The search (``technique: missing_mass``) gives
``decay`` (a production channel the model declares, e.g. ``K+->pi+S`` of the dark scalar:
parent and recoil masses, BR at unit coupling, coupling power), ``parent_momentum_GeV``,
``escape_length_m`` and ``results``: a list of ``{windows_GeV | pion_momentum_GeV,
br_limit_sm | ses_sm + n_up, source}``. Any model that declares the channel can be used.
"""

from __future__ import annotations

import numpy as np
from scipy.integrate import quad

from . import Signal, Technique, channel_of

STATISTICS = (
    "published K -> pi nu nu-bar result (90% CL) converted to a two-body "
    "K -> pi X limit with flat acceptance in missing mass"
)
KL3_SLOPE = 0.0297  # linear f_+ slope lambda_+ of K_l3 (PDG), enters f_SM only


def _kallen(a, b, c):
    return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c


def sm_fraction(M: float, m_pi: float, windows) -> float:
    """Fraction of the SM K -> pi nu nu-bar rate with missing mass in ``windows`` (GeV)."""

    def rate(q2):
        return _kallen(M**2, m_pi**2, q2) ** 1.5 * (1 + KL3_SLOPE * q2 / m_pi**2) ** 2

    q2max = (M - m_pi) ** 2
    tot = quad(rate, 0.0, q2max)[0]
    return (
        sum(quad(rate, min(lo, M - m_pi) ** 2, min(hi, M - m_pi) ** 2)[0] for lo, hi in windows)
        / tot
    )


def pion_momentum_to_mass(M: float, m_pi: float, p: float) -> float:
    """Missing mass for a pion of momentum p from a kaon at rest, GeV."""
    e_x = M - np.hypot(p, m_pi)
    return float(np.sqrt(max(e_x**2 - p**2, 0.0)))


def _windows(result: dict, M: float, m_pi: float) -> list[tuple[float, float]]:
    if "windows_GeV" in result:
        return [(float(w[0]), float(w[1])) for w in result["windows_GeV"]]
    # pion momentum windows (stopped kaons): high momentum = low missing mass
    return [
        (pion_momentum_to_mass(M, m_pi, hi), pion_momentum_to_mass(M, m_pi, lo))
        for lo, hi in result["pion_momentum_GeV"]
    ]


def _result_limit(result: dict) -> float:
    if "br_limit_sm" in result:
        return float(result["br_limit_sm"])
    return float(result["n_up"]) * float(result["ses_sm"])


def br_limit(channel, search, masses) -> np.ndarray:
    """90% CL upper limit on BR(K -> pi X) vs m_X (inf outside every window)."""
    M, m_pi = channel.parent_mass, channel.recoil_mass
    masses = np.asarray(masses, float)
    out = np.full(masses.shape, np.inf)
    for r in search.params["results"]:
        w = _windows(r, M, m_pi)
        lim = _result_limit(r) * sm_fraction(M, m_pi, w)
        inside = np.zeros(masses.shape, bool)
        for lo, hi in w:
            inside |= (masses >= lo) & (masses <= hi)
        out = np.where(inside, np.minimum(out, lim), out)
    return out


def boost(channel, search, masses) -> np.ndarray:
    """beta gamma of X (angle-averaged) for the parent momentum of the search."""
    M, m_pi = channel.parent_mass, channel.recoil_mass
    m = np.asarray(masses, float)
    e_star = (M**2 + m**2 - m_pi**2) / (2 * M)
    gamma_k = np.hypot(float(search.params.get("parent_momentum_GeV", 0.0)), M) / M
    e_lab = gamma_k * e_star
    return np.sqrt(np.clip(e_lab**2 - m**2, 0, None)) / m


def excluded_ratio(model, search, masses, couplings) -> np.ndarray:
    """R[mass, coupling] = predicted / allowed BR(K -> pi X, X escapes); >= 1 excluded."""
    ch = channel_of(model, search)
    m1 = np.asarray(masses, float)
    m, g = m1[:, None], np.asarray(couplings, float)[None, :]
    br_x = ch.br(m)  # at unit coupling
    decay_length = (boost(ch, search, m1) * model.ctau(m1, 1.0))[:, None] / g**model.width_power
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        p_escape = np.exp(-float(search.params["escape_length_m"]) / decay_length)
        ratio = g**ch.coupling_power * br_x * p_escape / br_limit(ch, search, m)
    return np.nan_to_num(ratio, nan=0.0, posinf=0.0)


def evaluate(model, search, masses, couplings, mc) -> Signal:
    src = "; ".join(r.get("source", "") for r in search.params["results"])
    method = (
        f"missing mass {search.param_for('decay', model)}: BR limit from {src}; X escapes "
        f"{search.params['escape_length_m']} m"
    )
    return Signal(excluded_ratio(model, search, masses, couplings), STATISTICS, method)


TECHNIQUE = Technique.builtin("missing_mass", evaluate)
