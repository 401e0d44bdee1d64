"""Vectorised relativistic kinematics for production samples (numpy only).

Conventions: momenta are (n, 3) arrays (px, py, pz) in GeV with z along the beam,
energies (n,) in GeV, masses in GeV. Randomness comes from a ``numpy.random.Generator``
passed in by the caller. No Python loops over events.

Formulae: standard two-body kinematics and Lorentz boosts (PDG review "Kinematics",
sections 49.2 and 49.4.2 in the 2024 edition, e.g. p* = lambda^{1/2}(M^2, m1^2, m2^2)/(2M)).
"""

from __future__ import annotations

import numpy as np


# --------------------------------------------------------------------------
# Scalars
# --------------------------------------------------------------------------
def kallen(a, b, c):
    """Källén function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2ac - 2bc.

    Arguments are squared masses (GeV^2); broadcasts over numpy arrays.
    """
    a, b, c = (np.asarray(x, float) for x in (a, b, c))
    return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c


def two_body_momentum(M, m1, m2):
    """|p*| (GeV) of the daughters of M -> m1 m2 in the rest frame of M; 0 if closed.

    p* = lambda^{1/2}(M^2, m1^2, m2^2) / (2 M) (PDG kinematics review, eq. 49.17), with
    lambda factorised as (M^2 - (m1 + m2)^2)(M^2 - (m1 - m2)^2): exactly 0 at threshold.
    """
    M = np.asarray(M, float)
    m1, m2 = np.asarray(m1, float), np.asarray(m2, float)
    lam = (M - m1 - m2) * (M + m1 + m2) * (M - m1 + m2) * (M + m1 - m2)
    open_ = (M > 0) & (M >= m1 + m2)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(open_, np.sqrt(np.clip(lam, 0, None)) / (2 * M), 0.0)


def energy(p, m):
    """E = sqrt(|p|^2 + m^2) for momenta p (n, 3) and mass m (scalar or (n,))."""
    p = np.asarray(p, float).reshape(-1, 3)
    return np.sqrt(np.einsum("ij,ij->i", p, p) + np.asarray(m, float) ** 2)


def invariant_mass(e, p):
    """sqrt(E^2 - |p|^2) for energies (n,) and momenta (n, 3); clipped at 0."""
    p = np.asarray(p, float).reshape(-1, 3)
    return np.sqrt(np.clip(np.asarray(e, float) ** 2 - np.einsum("ij,ij->i", p, p), 0, None))


# --------------------------------------------------------------------------
# Random sampling helpers
# --------------------------------------------------------------------------
def uniform(rng: np.random.Generator, lo, hi, n: int):
    """n numbers uniform in [lo, hi)."""
    return rng.uniform(lo, hi, n)


def log_uniform(rng: np.random.Generator, lo, hi, n: int):
    """n numbers with density 1/(x ln(hi/lo)) on [lo, hi) (lo > 0)."""
    return lo * (hi / lo) ** rng.random(n)


def uniform_azimuth(rng: np.random.Generator, n: int):
    """n azimuthal angles uniform in [0, 2 pi)."""
    return rng.uniform(0.0, 2 * np.pi, n)


def isotropic_directions(n: int, rng: np.random.Generator):
    """(n, 3) unit vectors distributed uniformly on the sphere."""
    cos = rng.uniform(-1.0, 1.0, n)
    phi = uniform_azimuth(rng, n)
    sin = np.sqrt(np.clip(1 - cos**2, 0, None))
    return np.column_stack([sin * np.cos(phi), sin * np.sin(phi), cos])


# --------------------------------------------------------------------------
# Boosts and decays
# --------------------------------------------------------------------------
def boost(p_rest, e_rest, p_parent, m_parent):
    """Boost four-momenta (e_rest (n,), p_rest (n, 3)) from the rest frame of a parent
    of mass ``m_parent`` and lab momentum ``p_parent`` (n, 3) to the lab.

    General pure boost with beta = P/E_P, gamma = E_P/M:
    p' = p + [(gamma-1)/beta^2 (beta.p) + gamma E] beta,  E' = gamma (E + beta.p).
    Returns (p_lab (n, 3), e_lab (n,)).
    """
    p_rest = np.asarray(p_rest, float).reshape(-1, 3)
    p_parent = np.asarray(p_parent, float).reshape(-1, 3)
    e_rest = np.asarray(e_rest, float)
    e_par = energy(p_parent, m_parent)
    beta = p_parent / e_par[:, None]
    b2 = np.einsum("ij,ij->i", beta, beta)
    gamma = e_par / m_parent
    bp = np.einsum("ij,ij->i", beta, p_rest)
    with np.errstate(invalid="ignore", divide="ignore"):
        g2 = np.where(b2 > 0, (gamma - 1) / b2, 0.0)
    p_lab = p_rest + (g2 * bp + gamma * e_rest)[:, None] * beta
    e_lab = gamma * (e_rest + bp)
    return p_lab, e_lab


def two_body_decay(
    weights,
    p_parent,
    m_parent,
    m1,
    m2,
    rng: np.random.Generator,
    n_per_parent: int = 1,
    return_recoil: bool = False,
):
    """Decay parents into m1 + m2, isotropically in the parent rest frame, and boost.

    Parameters
    ----------
    weights : (n,) parent weights (e.g. parents per beam particle).
    p_parent : (n, 3) parent lab momenta, GeV.
    m_parent : parent mass, GeV (scalar).
    m1, m2 : daughter masses, GeV; daughter 1 is the one returned (e.g. the A').
    rng : numpy Generator.
    n_per_parent : decays generated per parent; each carries weight / n_per_parent.
    return_recoil : also return the lab momenta of daughter 2.

    Returns
    -------
    (w (n*k,), p1 (n*k, 3)) or, with ``return_recoil``, (w, p1, p2). Rows are ordered
    parent by parent (the k decays of parent i are rows i*k ... i*k+k-1).
    """
    k = int(n_per_parent)
    if k < 1:
        raise ValueError("n_per_parent must be >= 1")
    if m1 + m2 > m_parent:
        raise ValueError(f"two-body decay closed: {m1} + {m2} > {m_parent} GeV")
    w = np.repeat(np.asarray(weights, float).ravel() / k, k)
    P = np.repeat(np.asarray(p_parent, float).reshape(-1, 3), k, axis=0)
    if len(w) != len(P):
        raise ValueError("weights and p_parent have different lengths")
    q = float(two_body_momentum(m_parent, m1, m2))
    n = len(w)
    dirs = isotropic_directions(n, rng)
    p1_rest = q * dirs
    p1, _ = boost(p1_rest, np.full(n, np.hypot(q, m1)), P, m_parent)
    if not return_recoil:
        return w, p1
    p2, _ = boost(-p1_rest, np.full(n, np.hypot(q, m2)), P, m_parent)
    return w, p1, p2
