"""fipkit.dirac against the Dirac algebra's identities (independent of any matrix element):
the Clifford algebra, normalisations, the Dirac equation and the spin sums."""

from __future__ import annotations

import numpy as np

from fipkit import dirac as D

RNG = np.random.default_rng(11)
M = 0.105
P3 = RNG.normal(size=(7, 3))
P = np.column_stack([np.sqrt((P3**2).sum(1) + M * M), P3])


def test_clifford_algebra_and_gamma5():
    g, g5 = D.gammas()
    eta = np.diag(D.METRIC)
    for a in range(4):
        for b in range(4):
            assert np.allclose(g[a] @ g[b] + g[b] @ g[a], 2 * eta[a, b] * np.eye(4))
        assert np.allclose(g5 @ g[a] + g[a] @ g5, 0)
    assert np.allclose(g5 @ g5, np.eye(4))


def test_slash_squares_to_the_mass_and_dot_is_minkowski():
    assert np.allclose(D.slash(P) @ D.slash(P), (M * M) * np.eye(4))
    assert np.allclose(D.dot(P, P), M * M)


def test_spinors_normalisation_dirac_equation_and_spin_sums():
    u, v = D.u_spinors(P, M), D.v_spinors(P, M)
    eye = np.eye(4)
    assert np.allclose(D.bar(u) @ u, 2 * M * np.eye(2))
    assert np.allclose(D.bar(v) @ v, -2 * M * np.eye(2))
    assert np.allclose((D.slash(P) - M * eye) @ u, 0)
    assert np.allclose((D.slash(P) + M * eye) @ v, 0)
    assert np.allclose(u @ D.bar(u), D.slash(P) + M * eye)
    assert np.allclose(v @ D.bar(v), D.slash(P) - M * eye)
    # massless: the spin sum is pslash
    k = np.column_stack([np.linalg.norm(P3, axis=1), P3])
    uk = D.u_spinors(k, 0.0)
    assert np.allclose(uk @ D.bar(uk), D.slash(k))
