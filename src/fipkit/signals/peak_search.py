"""Peak searches P -> l N with N unseen (PIENU, TRIUMF, NA62, E949).

A pion or kaon decays to a charged lepton and an N that leaves the detector; the lepton's
momentum (or the missing mass) shows a peak at the two-body value for m_N. The papers
publish a 90% CL upper limit on BR(P -> l N) as a function of m_N, or on |U_l|^2, which
is that BR limit divided by the authors' BR(P -> l N) / |U|^2. fipkit keeps only
numbers the papers (or a compilation quoting them, tagged as such in the catalog) give
in their text or tables, as a piecewise table of mass ranges; it computes the region:

    R(m, U2) = U2^n BR(P -> l N; m, U2 = 1) P_escape(m, U2) / BR_UL(m),  excluded R >= 1,

with BR(P -> l N; m, 1) and the coupling power n of the model's production channel named
by ``decay`` (any model that declares it: parent and lepton masses, BR at unit coupling).

BR_UL(m) is the ``br_limit`` of each entry of ``br_limits`` whose ``mass_GeV`` range
holds m (the strongest where several do; none: no limit). An entry quoting ``u2_limit``
is converted with the authors' formula (Shrock, Phys. Rev. D 24 (1981) 1232; NA62,
arXiv:2005.09575 eqs. (1)-(2); the same in PIENU and E949):

    BR_UL = u2_limit B(P -> l nu) rho(m),
    rho = [(x + y) - (x - y)^2] lambda^{1/2}(1, x, y) / [x (1 - x)^2],
    x = (m_l / m_P)^2, y = (m_N / m_P)^2,  rho(0) = 1,

with ``leptonic_br`` the measured B(P -> l nu) of the search. So where N is long-lived
the excluded U2 is u2_limit times the ratio of the authors' BR to the model's.

N must also leave the detector before decaying (its decay products would veto the
event, and the published limits assume a long lifetime): P_escape = exp(-L / (beta gamma
c tau)), L = ``escape_length_m``, beta gamma of N from the decay of a parent at rest or
of the quoted ``parent_momentum_GeV`` (angle-averaged, as in
:func:`fipkit.signals.missing_mass.boost`). Nothing else of the detector enters: the
acceptance and the background are inside the published limit, taken flat in m_N over
each quoted range.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import FipkitInputError
from . import Signal, Technique, channel_of
from .missing_mass import boost

STATISTICS = (
    "published 90% CL upper limit on BR(P -> l N) (or on |U|^2, converted with the "
    "authors' BR formula), piecewise in m_N; N must escape the detector"
)


def _kallen(a: Any, b: Any, c: Any) -> Any:
    return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c


def rho(parent_mass: float, lepton_mass: float, masses: Any) -> np.ndarray:
    """Kinematic factor rho(m_N) = Gamma(P -> l N) / (|U|^2 Gamma(P -> l nu)) of
    arXiv:2005.09575 eq. (2) (Shrock 1981); 0 above the kinematic limit."""
    x = (lepton_mass / parent_mass) ** 2
    y = (np.asarray(masses, float) / parent_mass) ** 2
    lam = np.clip(_kallen(1.0, x, y), 0.0, None)
    out = ((x + y) - (x - y) ** 2) * np.sqrt(lam) / (x * (1 - x) ** 2)
    return np.where(np.sqrt(y) < 1 - np.sqrt(x), out, 0.0)


def _entry_limit(search: Any, entry: dict, M: float, m_l: float, m: np.ndarray) -> np.ndarray:
    """BR upper limit of one ``br_limits`` entry at masses m (inside its range)."""
    if "br_limit" in entry:
        return np.full(m.shape, float(entry["br_limit"]))
    if "u2_limit" in entry:
        if "leptonic_br" not in search.params:
            raise FipkitInputError(
                f"{search.name}: a u2_limit entry needs the search's leptonic_br "
                "(measured BR(P -> l nu)) to be converted to a BR limit"
            )
        lep = float(search.params["leptonic_br"])
        with np.errstate(divide="ignore"):
            return float(entry["u2_limit"]) * lep * rho(M, m_l, m)
    raise FipkitInputError(
        f"{search.name}: each br_limits entry needs br_limit or u2_limit, got {entry!r}"
    )


def br_limit(channel: Any, search: Any, masses: Any) -> np.ndarray:
    """90% CL upper limit on BR(P -> l N) vs m_N (inf where no published range holds m,
    and at or above the kinematic limit m_P - m_l)."""
    M, m_l = channel.parent_mass, channel.recoil_mass
    m = np.asarray(masses, float)
    out = np.full(m.shape, np.inf)
    for entry in search.params["br_limits"]:
        lo, hi = map(float, entry["mass_GeV"])
        inside = (m >= lo) & (m <= hi) & (m < M - m_l)
        if inside.any():
            lim = _entry_limit(search, entry, M, m_l, m)
            lim = np.where(lim > 0, lim, np.inf)
            out = np.where(inside, np.minimum(out, lim), out)
    return out


def excluded_ratio(model: Any, search: Any, masses: Any, couplings: Any) -> np.ndarray:
    """R[mass, coupling] = predicted / allowed BR(P -> l N, N escapes); >= 1 excluded."""
    ch = channel_of(model, search)
    m1 = np.asarray(masses, float)
    g = np.asarray(couplings, float)[None, :]
    open_ = m1 < ch.parent_mass - ch.recoil_mass
    br_n = np.where(open_, np.asarray(ch.br(m1), float) * np.ones_like(m1), 0.0)[:, None]
    length = float(search.params["escape_length_m"])
    with np.errstate(divide="ignore", over="ignore", invalid="ignore"):
        decay_length = (boost(ch, search, m1) * model.ctau(m1, 1.0))[:, None]
        decay_length = decay_length / g**model.width_power
        p_escape = np.exp(-length / decay_length) if length > 0 else np.ones_like(decay_length)
        ratio = g**ch.coupling_power * br_n * p_escape / br_limit(ch, search, m1)[:, None]
    return np.nan_to_num(ratio, nan=0.0, posinf=0.0)


def evaluate(model: Any, search: Any, masses: Any, couplings: Any, mc: Any) -> Signal:
    p = search.params
    parts = []
    for e in p["br_limits"]:
        lo, hi = e["mass_GeV"]
        kind = f"BR < {e['br_limit']:g}" if "br_limit" in e else f"|U|^2 < {e['u2_limit']:g}"
        parts.append(f"{kind} at {lo:g}-{hi:g} GeV ({e.get('source', 'no source')})")
    frame = (
        "parent at rest"
        if not p.get("parent_momentum_GeV")
        else f"parent momentum {p['parent_momentum_GeV']:g} GeV"
    )
    method = (
        f"peak search {p['decay']}: {'; '.join(parts)}; N escapes "
        f"{p['escape_length_m']:g} m ({frame})"
    )
    return Signal(excluded_ratio(model, search, masses, couplings), STATISTICS, method)


TECHNIQUE = Technique.builtin("peak_search", evaluate)
