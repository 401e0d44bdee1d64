"""Positrons of an electromagnetic shower and the resonant annihilation e+ e- -> A' on
atomic electrons (Marsicano, Battaglieri, Bondi, Carvajal, Celentano, De Napoli, De Vita,
Nardi, Raggi, Valente, arXiv:1802.03794): the A' yield of a thick active target beyond
the primary electron's bremsstrahlung.

Resonant cross section at eps = 1 (physics notes vector_and_alp.md Sec. 1.6, from
int sigma ds = 12 pi^2 Gamma_ee / m with Gamma_ee = alpha m / 3):

    sigma(E+) = (2 pi^2 alpha / m_e) delta(E+ - E_R),   E_R = m^2 / (2 m_e),

so the A' per incident electron is n_e T+(E_R) (2 pi^2 alpha / m_e), n_e = Z N_A X0/A
electrons per radiation length and T+(E) the positron differential track length
(radiation lengths per GeV). The A' carries the whole positron energy E_R.

T+ is built from the first generation of the shower, in the complete-screening
approximation (Tsai, RMP 46 (1974) 815, Sec. III; as summarised in the PDG review
"Passage of particles through matter", bremsstrahlung and pair-production sections):
photons radiated by the primary electron, dN/dk = int dE_e T_e(E0, E_e)
phi(k/E_e)/k, phi(y) = 4/3 - 4/3 y + y^2; every photon converts (thick target), the
positron taking the fraction u with density (1 - 4/3 u (1 - u)) / (7/9); the positron
then loses energy like an electron, with Tsai's track length T_e(E', E)
(:func:`fipkit.production.electron_brem.track_length`). Later generations only add
positrons well below E0/2 and are left out: valid for E+ >~ E0/3, the range a
missing-energy cut E_A' > E0/2 uses.
"""

from __future__ import annotations

import functools

import numpy as np

from .. import constants as C
from .electron_brem import _atoms_per_X0, _material, track_length_y

_G, _W = np.polynomial.legendre.leggauss(32)
_R = 0.5 * (_G + 1)
_RW = 0.5 * _W


def _nodes(lo, hi, peak_at_top: bool):
    """Nodes for int_lo^hi dE g(E) T_e(E_a, E_b) with the track length's integrable peak
    at E_b -> E_a (E -> hi for the spectrum of the parent at hi, E -> lo for a daughter
    at lo): y = ln(E_a/E_b) = y_max e^(1 - 1/r), r Gauss-Legendre in (0, 1].
    Returns E, the weights of int dE g(E) T_e (to multiply g by), with T_e from L = -ln y
    (exact as y -> 0, where E_a/E_b rounds to 1)."""
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    y_max = np.log(hi / lo)[..., None]
    L = -np.log(y_max) - 1 + 1 / _R  # L = -ln y
    y = np.exp(-L)
    top = (hi if peak_at_top else lo)[..., None]
    E = top * np.exp(-y) if peak_at_top else top * np.exp(y)
    e_a = top if peak_at_top else E  # the parent energy of the track length
    # dE = E y dr / r^2 and T_e = track_length_y(L, E_a) / y
    return E, e_a, L, _RW * E / _R**2


def photon_spectrum(E0: float, k, depth_X0: float):
    """Photons per GeV per incident electron radiated by the primary, at energy k (GeV)."""
    k = np.asarray(k, float)
    Ee, e_a, L, w = _nodes(k, np.full_like(k, E0), True)
    ye = k[..., None] / Ee
    phi = 4 / 3 - 4 / 3 * ye + ye * ye
    return np.sum(w * track_length_y(L, e_a, depth_X0) * phi, axis=-1) / k


def positron_source(E0: float, e_plus, depth_X0: float):
    """Positrons made per GeV per incident electron at energy e_plus (first generation)."""
    e = np.asarray(e_plus, float)
    y_max = np.log(E0 / e)[..., None]  # k = e exp(y max s), s Gauss-Legendre in (0, 1)
    k = e[..., None] * np.exp(y_max * _R)
    u = e[..., None] / k
    pair = (1 - 4 / 3 * u * (1 - u)) / (7 / 9)
    w = _RW * y_max * k  # dk = k y_max ds
    return np.sum(w * photon_spectrum(E0, k, depth_X0) * pair / k, axis=-1)


@functools.lru_cache(maxsize=16)
def _table(E0: float, depth_X0: float, n: int = 48):
    f = np.linspace(0.2, 0.995, n)
    E = f * E0
    Ep, e_a, L, w = _nodes(E, np.full_like(E, E0), False)  # E' in (E, E0)
    t = np.sum(w * positron_source(E0, Ep, depth_X0) * track_length_y(L, e_a, depth_X0), -1)
    return f, np.log(t)


def positron_track_length(E0: float, E, depth_X0: float = 40.0) -> np.ndarray:
    """T+(E): positron track length per GeV per incident electron, in X0, for 0.2 E0 <
    E < 0.995 E0 (0 outside; first generation, module docstring)."""
    f, lnt = _table(float(E0), float(depth_X0))
    x = np.asarray(E, float) / E0
    inside = (x >= f[0]) & (x <= f[-1])
    return np.where(inside, np.exp(np.interp(x, f, lnt)), 0.0)


def annihilation_yield(E0: float, masses, material: str, depth_X0: float, e_miss: float):
    """A' per incident electron from resonant e+ e- -> A' with E_A' = E_R > e_miss, eps = 1."""
    mat = _material(material)
    m = np.asarray(masses, float)
    e_res = m * m / (2 * C.M_E)
    t = np.where(e_res > e_miss, positron_track_length(E0, e_res, depth_X0), 0.0)
    return _atoms_per_X0(mat) * mat["Z"] * 2 * np.pi**2 * C.ALPHA_EM / C.M_E * t
