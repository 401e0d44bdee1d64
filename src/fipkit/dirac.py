"""Dirac algebra with explicit spinors, vectorised over events (Dirac representation,
metric (+, -, -, -), normalisation ubar u = 2 m): what the tree-level matrix elements of
fipkit evaluate numerically instead of taking traces (e.g.
:mod:`fipkit.cosmo.neutrino_trident`).

Four-vectors are arrays (..., 4) with upper indices; spinors (..., 4, 2), the last axis
the two spin states along z in the rest frame (any basis: only spin sums are used).
"""

from __future__ import annotations

import functools

import numpy as np

METRIC = np.array([1.0, -1.0, -1.0, -1.0])


@functools.cache
def gammas() -> tuple[np.ndarray, np.ndarray]:
    """gamma^mu (4, 4, 4) and gamma5 = i gamma^0 gamma^1 gamma^2 gamma^3."""
    s = [
        np.array([[0, 1], [1, 0]], complex),
        np.array([[0, -1j], [1j, 0]], complex),
        np.array([[1, 0], [0, -1]], complex),
    ]
    z, one = np.zeros((2, 2), complex), np.eye(2, dtype=complex)
    g = np.array([np.block([[one, z], [z, -one]])] + [np.block([[z, si], [-si, z]]) for si in s])
    return g, 1j * g[0] @ g[1] @ g[2] @ g[3]


def slash(p: np.ndarray) -> np.ndarray:
    """p_mu gamma^mu (..., 4, 4) for four-vectors p (..., 4), real or complex."""
    return np.einsum("...a,aij->...ij", p * METRIC, gammas()[0])


def dot(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Minkowski product a.b over the last axis."""
    return np.sum(a * b * METRIC, axis=-1)


def _pauli_dot(p3: np.ndarray) -> np.ndarray:
    sig = gammas()[0][1:, 0:2, 2:4]  # the Pauli matrices (upper-right blocks)
    return np.einsum("...i,ijk->...jk", p3, sig)


def u_spinors(p: np.ndarray, m: float) -> np.ndarray:
    """u_s(p) (..., 4, 2): (sqrt(E + m) chi, sigma.p chi / sqrt(E + m))."""
    root = np.sqrt(p[..., 0] + m)[..., None, None]
    upper = root * np.broadcast_to(np.eye(2), p.shape[:-1] + (2, 2))
    return np.concatenate([upper, _pauli_dot(p[..., 1:]) / root], axis=-2)


def v_spinors(p: np.ndarray, m: float) -> np.ndarray:
    """v_s(p) (..., 4, 2): (sigma.p chi / sqrt(E + m), sqrt(E + m) chi)."""
    root = np.sqrt(p[..., 0] + m)[..., None, None]
    lower = root * np.broadcast_to(np.eye(2), p.shape[:-1] + (2, 2))
    return np.concatenate([_pauli_dot(p[..., 1:]) / root, lower], axis=-2)


def bar(psi: np.ndarray) -> np.ndarray:
    """psibar = psi^dagger gamma^0 (..., 2, 4) for spinors (..., 4, 2)."""
    return np.conj(np.swapaxes(psi, -1, -2)) * np.array([1, 1, -1, -1])
