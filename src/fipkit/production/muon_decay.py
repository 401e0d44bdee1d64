"""Dark photons from muon decay at rest, mu+ -> e+ nu_e nubar_mu A', at tree level, eps = 1.

The A' is radiated by the muon or by the electron of the Fermi interaction
(G_F / sqrt 2) [e gamma^alpha (1 - g5) mu][nu_mu gamma_alpha (1 - g5) nu_e] (Fierz
ordered; the charge-conjugate mu- decay has the same rate), with the photon's coupling
eps e to both, so that the lepton current

    L^{alpha nu} = ubar(p') [gamma^nu S_e Gamma^alpha + Gamma^alpha S_mu gamma^nu] u(p),
    S_e = (p'/ + q/ + m_e) / (2 p'.q + m^2),   S_mu = (p/ - q/ + m_mu) / (m^2 - 2 p.q),
    Gamma^alpha = gamma^alpha (1 - g5),

obeys q_nu L^{alpha nu} = 0 (checked in the tests), and the A' polarisation sum is -g.
The neutrino pair of momentum Q is integrated analytically (massless, spins summed):

    int dPhi_2(Q) Tr[k2/ Gamma_alpha k1/ Gamma_beta] = (Q_alpha Q_beta - g_alpha_beta Q^2) / (3 pi)

(the symmetric part; the antisymmetric one integrates to zero), so the width is a
three-body integral over (e, A', Q) and the pair mass s = Q^2:

    Gamma = 1/(2 m_mu) int dPhi_3(p; p', q, Q) ds/(2 pi) (G_F^2 / 2) 4 pi alpha
            (1/2) sum_spins L^{alpha nu} L^{beta nu *} (-g_nu nu) (Q_alpha Q_beta - g Q^2)/(3 pi),

evaluated by Monte Carlo in sequential two-body phase space (s, then M^2 = (p' + q)^2,
uniform; isotropic decays), the spin sums with explicit Dirac spinors and 4x4 matrices
(Dirac representation). All formulas are derived here from the Feynman rules; the same code
without the photon gives Gamma(mu -> e nu nu) = G_F^2 m_mu^5 / 192 pi^3 (tests), and
with the virtual photon's pair spectrum dGamma/dm = Gamma_A'(m) (2 alpha / 3 pi m)
(1 + 2 r) sqrt(1 - 4 r) (r = m_e^2/m^2; Bjorken, Essig, Schuster, Toro arXiv:0906.0580
eq. 19) the internal-conversion branching ratio BR(mu -> e nu nu e+ e-) integrates to
the measured (3.4 +- 0.4) x 10^-5 [U: PDG listing, recalled; SINDRUM] within its error
(tests; identical-positron exchange neglected).

For Mu3e: Echenard, Essig, Zhong, arXiv:1411.1770 (their matrix element was not read).
"""

from __future__ import annotations

import functools

import numpy as np

from .. import constants as C
from .. import dirac as D
from ..errors import FipkitInputError
from ..kinematics import boost, isotropic_directions, two_body_momentum
from ..sample import FIPSample, empty_sample
from . import Mechanism

#: Monte Carlo points per mass (A' emissions; each a weighted decay)
N_MUON = 20_000
_CHUNK = 8_000
#: the muon's total width, GeV (PDG lifetime through the particle package)
GAMMA_MU = C.width(13)


@functools.cache
def _gammas() -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """gamma^mu (4, 4, 4), gamma5 and Gamma^alpha = gamma^alpha (1 - gamma5), Dirac rep."""
    gam, g5 = D.gammas()
    return gam, g5, np.einsum("aij,jk->aik", gam, np.eye(4) - g5)


def current(pe: np.ndarray, q: np.ndarray, m_a: float) -> np.ndarray:
    """O[n, alpha, nu] (4x4 Dirac matrices) = gamma^nu S_e Gamma^alpha +
    Gamma^alpha S_mu gamma^nu, the current between ubar(p') and u(p) (muon at rest)."""
    gam, _, Gam = _gammas()
    eye = np.eye(4)
    pmu = np.zeros((len(pe), 4))
    pmu[:, 0] = C.M_MU
    Se = (D.slash(pe + q) + C.M_E * eye) / (2 * D.dot(pe, q) + m_a**2)[:, None, None]
    Sm = (D.slash(pmu - q) + C.M_MU * eye) / (m_a**2 - 2 * D.dot(pmu, q))[:, None, None]
    O = gam[None, None, :] @ Se[:, None, None] @ Gam[None, :, None]
    return O + Gam[None, :, None] @ Sm[:, None, None] @ gam[None, None, :]


def _electron_bar_spinors(pe: np.ndarray) -> np.ndarray:
    """ubar_s(p') (n, 2, 4) for the two spin states (:mod:`fipkit.dirac`)."""
    return D.bar(D.u_spinors(pe, C.M_E))


def _spin_sum(pe, q, Q, m_a: float) -> np.ndarray:
    """(1/2) sum_spins L L* (-g) (Q Q - g Q^2) at each point (four-vectors (n, 4), muon at
    rest), from the amplitudes ubar_t(p') O^{alpha nu} u_s(p) with explicit spinors; without
    the photon (q None) the same for mu -> e Q."""
    n = len(pe)
    gam, _, Gam = _gammas()
    eye = np.eye(4)
    u_mu = np.sqrt(2 * C.M_MU) * np.eye(4, 2)  # muon at rest: (chi, 0)
    ubar = _electron_bar_spinors(pe)[:, None, None]  # (n, 1, 1, 2, 4)
    if q is None:
        amp = ubar @ (Gam @ u_mu)[None, :, None]  # (n, alpha, 1, 2, 2)
        pol = np.array([1.0])
    else:
        pmu = np.zeros((n, 4))
        pmu[:, 0] = C.M_MU
        Se = (D.slash(pe + q) + C.M_E * eye) / (2 * D.dot(pe, q) + m_a**2)[:, None, None]
        Sm = (D.slash(pmu - q) + C.M_MU * eye) / (m_a**2 - 2 * D.dot(pmu, q))[:, None, None]
        # O^{alpha nu} u = gamma^nu S_e Gamma^alpha u + Gamma^alpha S_mu gamma^nu u
        first = gam[None, None] @ (Se[:, None] @ (Gam @ u_mu)[None])[:, :, None]
        second = Gam[None, :, None] @ (Sm[:, None] @ (gam @ u_mu)[None])[:, None, :]
        amp = ubar @ (first + second)  # (n, alpha, nu, 2, 2)
        pol = -D.METRIC  # -g_nu nu
    Ql = Q * D.METRIC  # lower index
    aq = np.einsum("na,navts->nvts", Ql, amp)
    sq = np.sum(np.abs(aq) ** 2, axis=(-1, -2))  # (n, nu)
    sg = np.einsum("a,navts->nv", D.METRIC, np.abs(amp) ** 2)
    x = sq - D.dot(Q, Q)[:, None] * sg
    return 0.5 * (x @ pol)


def _four(p3: np.ndarray, m: float) -> np.ndarray:
    return np.column_stack([np.sqrt(np.einsum("ni,ni->n", p3, p3) + m * m), p3])


def _phase_space(m_a: float, n: int, rng: np.random.Generator):
    """(p_e, q, Q four-vectors, weight = the dPhi_3 ds/(2 pi) of each point); none if closed."""
    s_max = (C.M_MU - C.M_E - m_a) ** 2
    s = rng.uniform(0, s_max, n)
    M2_lo, M2_hi = (C.M_E + m_a) ** 2, (C.M_MU - np.sqrt(s)) ** 2
    M2 = rng.uniform(M2_lo, M2_hi)
    M = np.sqrt(M2)
    k1 = two_body_momentum(C.M_MU, M, np.sqrt(s))
    k2 = two_body_momentum(M, C.M_E, m_a)
    d1, d2 = isotropic_directions(n, rng), isotropic_directions(n, rng)
    K3 = k1[:, None] * d1
    q_rest = k2[:, None] * d2
    q3, _ = boost(q_rest, np.hypot(k2, m_a), K3, M)
    pe3, _ = boost(-q_rest, np.hypot(k2, C.M_E), K3, M)
    w = (
        (s_max * (M2_hi - M2_lo) / (2 * np.pi) ** 2)
        * k1
        / (4 * np.pi * C.M_MU)
        * k2
        / (4 * np.pi * M)
    )
    return _four(pe3, C.M_E), _four(q3, m_a), _four(-K3, np.sqrt(s)), w


def _prefactor() -> float:
    """1/(2 m_mu) (G_F^2/2) / (3 pi): the constants of the width (photon coupling apart)."""
    return 1 / (2 * C.M_MU) * C.G_FERMI**2 / 2 / (3 * np.pi)


def width_without_photon(n: int = 20_000, seed: int = 0) -> float:
    """Gamma(mu -> e nu nu) from the same phase space and traces (GeV; a check)."""
    rng = np.random.default_rng(seed)
    s = rng.uniform(0, (C.M_MU - C.M_E) ** 2, n)
    k = two_body_momentum(C.M_MU, C.M_E, np.sqrt(s))
    d = isotropic_directions(n, rng)
    pe, Q = _four(k[:, None] * d, C.M_E), _four(-k[:, None] * d, np.sqrt(s))
    w = (C.M_MU - C.M_E) ** 2 / (2 * np.pi) * k / (4 * np.pi * C.M_MU)
    return float(np.mean(w * _spin_sum(pe, None, Q, 0.0)) * _prefactor())


def decay_sample(
    m_a: float,
    rng: np.random.Generator,
    n: int = N_MUON,
    electron_theta: tuple[float, float] = (0.0, np.pi),
    electron_pt_min: float = 0.0,
) -> FIPSample:
    """A' per muon decay at eps = 1 (weights sum to BR(mu -> e nu nu A')), momenta in the
    muon rest frame (z: any fixed axis; the muons are unpolarised). The electron of the
    decay is not kept: ``electron_theta`` (rad) and ``electron_pt_min`` (GeV) keep only
    decays whose electron is inside that acceptance (a search reconstructing it)."""
    if m_a >= C.M_MU - C.M_E:
        return empty_sample(m_a, "mu -> e nu nu A'", 2)
    parts_w, parts_q = [], []
    for start in range(0, n, _CHUNK):
        k = min(_CHUNK, n - start)
        pe, q, Q, w = _phase_space(m_a, k, rng)
        pabs = np.linalg.norm(pe[:, 1:], axis=1)
        theta = np.arccos(np.clip(pe[:, 3] / pabs, -1, 1))
        keep = (theta >= electron_theta[0]) & (theta <= electron_theta[1])
        keep &= np.hypot(pe[:, 1], pe[:, 2]) >= electron_pt_min
        parts_w.append(np.where(keep, w * _spin_sum(pe, q, Q, m_a), 0.0))
        parts_q.append(q[:, 1:])
    amp = 4 * np.pi * C.ALPHA_EM * _prefactor() / GAMMA_MU
    weight = np.concatenate(parts_w) * amp / n
    return FIPSample(
        m_a, weight, np.concatenate(parts_q), coupling_power=2, mechanism="mu -> e nu nu A'"
    )


def branching_ratio(m_a: float, n: int = N_MUON, seed: int = 0) -> float:
    """BR(mu -> e nu nu A') at eps = 1 (Monte Carlo)."""
    return decay_sample(m_a, np.random.default_rng(seed), n).total


def _muon(search, model, channel, params, mass, rng, mc) -> FIPSample:
    """The muon_decay mechanism: A' per stopped muon (exposure: muon decays), optionally
    with the decay electron in ``electron_theta_rad`` and above ``electron_pt_min_GeV``."""
    th = params.get("electron_theta_rad", [0.0, np.pi])
    pt = params.get("electron_pt_min_GeV", 0.0)
    ok = isinstance(th, list) and len(th) == 2 and all(isinstance(v, int | float) for v in th)
    if not ok or not 0 <= th[0] < th[1] or not isinstance(pt, int | float) or pt < 0:
        raise FipkitInputError(
            f"{search.name}: muon_decay takes electron_theta_rad [lo, hi] (0 <= lo < hi, rad) "
            f"and electron_pt_min_GeV >= 0, got {th!r}, {pt!r}"
        )
    return decay_sample(mass, rng, mc.n(N_MUON), (float(th[0]), float(th[1])), float(pt))


MUON_DECAY = Mechanism(
    "muon_decay",
    _muon,
    parameters={
        "electron_theta_rad": "[lo, hi]: polar-angle acceptance of the decay electron, rad",
        "electron_pt_min_GeV": "transverse-momentum threshold of the decay electron, GeV",
    },
    needs_channel=False,
    brem_kinds=("vector",),
    couples_to="electron+muon",
)
