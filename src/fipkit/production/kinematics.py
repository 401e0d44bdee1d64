"""Vectorised relativistic kinematics for production samples."""

from __future__ import annotations

import numpy as np


def kallen(a, b, c):
    """Källén function lambda(a, b, c) = a^2 + b^2 + c^2 - 2ab - 2ac - 2bc."""
    return a * a + b * b + c * c - 2 * a * b - 2 * a * c - 2 * b * c


def two_body_momentum(M, m1, m2):
    """|p| of the daughters of M -> m1 m2 in the rest frame of M (0 if closed)."""
    lam = kallen(np.asarray(M, float) ** 2, m1**2, m2**2)
    return np.sqrt(np.clip(lam, 0, None)) / (2 * M)


def isotropic_directions(n, rng):
    cos = rng.uniform(-1, 1, n)
    phi = rng.uniform(0, 2 * np.pi, n)
    sin = np.sqrt(1 - cos**2)
    return np.column_stack([sin * np.cos(phi), sin * np.sin(phi), cos])


def boost(p_rest, e_rest, p_parent, m_parent):
    """Boost four-momenta (e_rest, p_rest) from the rest frame of a parent of mass
    m_parent and lab momentum p_parent (all (n, 3)/(n,)) to the lab."""
    e_par = np.sqrt(np.sum(p_parent**2, axis=1) + m_parent**2)
    beta = p_parent / e_par[:, None]
    b2 = np.sum(beta**2, axis=1)
    gamma = e_par / m_parent
    bp = np.sum(beta * p_rest, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        g2 = np.where(b2 > 0, (gamma - 1) / b2, 0.0)
    p_lab = p_rest + (g2 * bp + gamma * e_rest)[:, None] * beta
    e_lab = gamma * (e_rest + bp)
    return p_lab, e_lab


def two_body_decay(weights, p_parent, m_parent, m1, m2, rng, n_per_parent=1):
    """Decay parents (weights (n,), lab momenta (n, 3)) into m1 + m2, isotropically.

    Returns (weights of daughter 1 (n*k,), lab momenta of daughter 1 (n*k, 3));
    each parent decays ``n_per_parent`` times with its weight shared equally.
    """
    w = np.repeat(np.asarray(weights, float) / n_per_parent, n_per_parent)
    P = np.repeat(np.asarray(p_parent, float).reshape(-1, 3), n_per_parent, axis=0)
    q = two_body_momentum(m_parent, m1, m2)
    p_rest = q * isotropic_directions(len(w), rng)
    e_rest = np.full(len(w), np.sqrt(q * q + m1 * m1))
    p_lab, _ = boost(p_rest, e_rest, P, m_parent)
    return w, p_lab
