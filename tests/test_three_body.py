"""Three-body production P -> X l N (``three_body_decay``,
:mod:`fipkit.production.three_body`), from this file alone: toy channels of pure phase
space (a uniform Dalitz plot, where the factorisation P -> X W*, W* -> l N with
isotropic steps is exact), kinematics of parents at rest against the analytic
dGamma/dE_N, the q2 distribution, weights, closed channels, and the SHiP search with
D0 parents from the shipped charm table (and taus from Ds -> tau nu through ``via``)."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
import pytest
from scipy import stats

from fipkit import spectra
from fipkit.errors import FipkitInputError
from fipkit.experiments import get_experiment
from fipkit.kinematics import kallen
from fipkit.models import Model, get_model, register_model
from fipkit.models.base import ProductionChannel
from fipkit.production import (
    MonteCarlo,
    check_entry,
    fip_samples,
    get_mechanism,
    mechanism_names,
    resolve,
    rng_for,
)
from fipkit.production.meson_decay import decay_sample
from fipkit.production.three_body import (
    THREE_BODY_DECAY,
    ThreeBodyChannel,
    decay_parents,
    q2_cdf,
    q2_quantile,
    stratified_decay,
    stratum_masses,
    w_star_mass,
)

M_D, M_K, M_MU = 1.86484, 0.493677, 0.1056584
M_DS, M_TAU = 1.96835, 1.77686
BR = 1e-2


def const(value):
    return lambda m: np.full(np.shape(m), value)


def phase_space(M, m_x, m_l):
    """dBR/dq2 of pure phase space (constant matrix element), up to a constant:
    lambda^1/2(M^2, q2, m_X^2) lambda^1/2(q2, m_l^2, m^2) / q2."""

    def f(m, q2):
        a = np.clip(kallen(M**2, q2, m_x**2), 0, None)
        b = np.clip(kallen(q2, m_l**2, m**2), 0, None)
        return np.sqrt(a * b) / q2

    return f


def flat(m, q2):
    """A wrong q2 distribution (the negative control)."""
    return np.ones_like(q2)


def d_to_k_mu(dbr=None, n_q2=8):
    return ThreeBodyChannel(
        ("D0", "D0bar"),
        M_D,
        M_K,
        M_MU,
        const(BR),
        dbr or phase_space(M_D, M_K, M_MU),
        1,
        "D0 -> K mu N",
        n_q2=n_q2,
    )


def energy_cdf(M, m_x, m_l, m):
    """(E grid, cumulative) of the analytic N energy in the parent frame for a uniform
    Dalitz plot: at s = m_Xl^2 = M^2 + m^2 - 2 M E_N the q2 range is
    lambda^1/2(s, m_X^2, m_l^2) lambda^1/2(M^2, s, m^2) / s, so dGamma/dE_N ∝ that."""
    e_max = (M**2 + m**2 - (m_x + m_l) ** 2) / (2 * M)
    e = np.linspace(m, e_max, 200_001)
    s = M**2 + m**2 - 2 * M * e
    f = np.sqrt(
        np.clip(kallen(s, m_x**2, m_l**2), 0, None) * np.clip(kallen(M**2, s, m**2), 0, None)
    )
    f = f / s
    c = np.r_[0, np.cumsum(0.5 * (f[1:] + f[:-1]) * np.diff(e))]
    return e, c / c[-1]


def q2_cdf_exact(M, m_x, m_l, m):
    """Cumulative of the phase-space dBR/dq2 (a fine grid, independent of the module)."""
    q2 = np.linspace((m + m_l) ** 2, (M - m_x) ** 2, 400_001)
    f = phase_space(M, m_x, m_l)(m, q2)
    c = np.r_[0, np.cumsum(0.5 * (f[1:] + f[:-1]) * np.diff(q2))]
    return lambda x: np.interp(x, q2, c / c[-1])


def bin_probabilities(m, n_bins=30):
    e, c = energy_cdf(M_D, M_K, M_MU, m)
    edges = np.linspace(e[0], e[-1], n_bins + 1)
    return edges, np.diff(np.interp(edges, e, c))


def chi2_p(counts, prob):
    n = counts.sum()
    chi2 = np.sum((counts - n * prob) ** 2 / (n * prob))
    return stats.chi2.sf(chi2, len(prob) - 1)


# ------------------------------------------------------------------ 1. kinematics
@pytest.mark.parametrize("m", [0.0, 0.5, 1.1])
def test_energy_spectrum_at_rest_matches_phase_space(m):
    """Parents at rest, one decay each: the E_N histogram follows the analytic
    phase-space dGamma/dE_N (chi2, fixed seed); a wrong W* mass assignment (q2 flat
    instead of dBR/dq2) fails the same test by far."""
    n = 100_000
    edges, prob = bin_probabilities(m)
    x = decay_parents(np.ones(n), np.zeros((n, 3)), d_to_k_mu(), m, np.random.default_rng(1))
    assert chi2_p(np.histogram(x.energy, edges)[0], prob) > 1e-3
    bad = decay_parents(np.ones(n), np.zeros((n, 3)), d_to_k_mu(flat), m, np.random.default_rng(1))
    assert chi2_p(np.histogram(bad.energy, edges)[0], prob) < 1e-12


def test_stratified_path_at_rest_matches_phase_space():
    """The spectra path (one W* mass per q2 stratum, drawn within it) pooled over
    calls: the mean E_N histogram per call matches the analytic distribution (Hotelling
    chi2 with the covariance between calls, the counts of one call being correlated
    through its 8 W* masses); W* masses at the stratum midpoints fail it."""
    m, calls, n = 0.5, 400, 100
    edges, prob = bin_probabilities(m)
    ch = d_to_k_mu()
    w0, p0 = np.ones(n), np.zeros((n, 3))
    grid = q2_cdf(ch, m)
    mid = w_star_mass(ch, m, q2_quantile(grid, (np.arange(8) + 0.5) / 8))
    for how in ("strata", "midpoints"):
        rng = np.random.default_rng(2)
        h = []
        for _ in range(calls):
            mu = stratum_masses(ch, m, rng) if how == "strata" else mid
            x = stratified_decay(ch, m, mu, lambda c, mu_k: decay_sample(w0, p0, c, mu_k, rng), rng)
            h.append(np.histogram(x.energy, edges, weights=x.weight)[0] / x.total)
        h = np.asarray(h)
        d = (h.mean(0) - prob)[:-1]
        chi2 = d @ np.linalg.solve(np.cov(h[:, :-1].T) / calls, d)
        p = stats.chi2.sf(chi2, len(d))
        assert (p > 1e-3) if how == "strata" else (p < 1e-12), (how, chi2)


def test_four_momentum_conservation_and_q2_distribution():
    """Moving parents: p_X + p_l + p_N = P and E_X + E_l + E_N = E_P per event; at
    rest |p_N| <= p_max = lambda^1/2(M^2, m^2, (m_X + m_l)^2) / (2 M); every particle on
    its mass shell; q2 = (p_l + p_N)^2 follows dBR/dq2 (KS), and a flat q2 does not."""
    m, n = 0.5, 50_000
    rng = np.random.default_rng(3)
    P = rng.normal(size=(n, 3)) * np.array([1.0, 1.0, 30.0])
    ch = d_to_k_mu()
    x, p_x, p_l = decay_parents(np.ones(n), P, ch, m, rng, return_all=True)
    e = [np.sqrt(np.sum(p**2, 1) + mm**2) for p, mm in ((x.p, m), (p_x, M_K), (p_l, M_MU))]
    np.testing.assert_allclose(x.p + p_x + p_l, P, rtol=0, atol=1e-9)
    np.testing.assert_allclose(sum(e), np.sqrt(np.sum(P**2, 1) + M_D**2), rtol=1e-11)
    q2 = (e[0] + e[2]) ** 2 - np.sum((x.p + p_l) ** 2, 1)
    cdf = q2_cdf_exact(M_D, M_K, M_MU, m)
    assert stats.kstest(q2, cdf).pvalue > 1e-3
    assert q2.min() >= (m + M_MU) ** 2 * (1 - 1e-9) and q2.max() <= (M_D - M_K) ** 2 * (1 + 1e-9)
    x0 = decay_parents(np.ones(n), np.zeros((n, 3)), ch, m, rng)
    p_max = np.sqrt(kallen(M_D**2, m**2, (M_K + M_MU) ** 2)) / (2 * M_D)
    assert x0.pabs.max() <= p_max * (1 + 1e-12) and x0.pabs.max() > 0.99 * p_max
    q2_bad = q2_quantile(q2_cdf(d_to_k_mu(flat), m), rng.random(n))
    assert stats.kstest(q2_bad, cdf).pvalue < 1e-12


def test_stratum_masses_follow_dbr_dq2_and_are_reproducible():
    """Pooled over calls, the one-per-stratum q2 draws follow dBR/dq2 (KS); each call
    has one in each equal-probability stratum; the same generator state gives the same
    masses."""
    m = 0.5
    ch = d_to_k_mu()
    rng = np.random.default_rng(4)
    mu = np.array([stratum_masses(ch, m, rng) for _ in range(2000)])
    cdf = q2_cdf_exact(M_D, M_K, M_MU, m)
    assert stats.kstest(mu.ravel() ** 2, cdf).pvalue > 1e-3
    u = cdf(mu**2)
    k = np.arange(8)
    assert np.all((u >= k / 8 - 1e-6) & (u <= (k + 1) / 8 + 1e-6))
    a = stratum_masses(ch, m, np.random.default_rng(9))
    b = stratum_masses(ch, m, np.random.default_rng(9))
    np.testing.assert_array_equal(a, b)


# ------------------------------------------------------------------ 2. weights
def test_total_weight_is_parent_weight_times_br():
    """Exact: per-event path and stratified path (BR_k = BR / n_q2 for each of the
    equal-probability strata) on the same parents."""
    rng = np.random.default_rng(5)
    n = 1000
    w0 = rng.random(n) * 1e-3
    p0 = rng.normal(size=(n, 3)) * 10
    ch = d_to_k_mu()
    x = decay_parents(w0, p0, ch, 0.7, rng)
    assert x.total == pytest.approx(w0.sum() * BR, rel=1e-12)
    assert x.coupling_power == 1 and x.mechanism == "D0 -> K mu N"
    mu = stratum_masses(ch, 0.7, rng)
    y = stratified_decay(ch, 0.7, mu, lambda c, mu_k: decay_sample(w0, p0, c, mu_k, rng), rng)
    assert len(y) == 8 * n and y.total == pytest.approx(w0.sum() * BR, rel=1e-12)
    assert np.allclose(y.energy**2 - y.pabs**2, 0.49)


# ------------------------------------------------------------------ 3. closed channel
def test_closed_channel_is_empty():
    ch = d_to_k_mu()
    m_end = M_D - M_K - M_MU
    rng = np.random.default_rng(6)
    for m in (m_end, m_end + 0.1):
        assert q2_cdf(ch, m) is None and stratum_masses(ch, m, rng) is None
        assert len(decay_parents(np.ones(10), np.zeros((10, 3)), ch, m, rng)) == 0
        assert len(stratified_decay(ch, m, np.zeros(0), None, rng)) == 0
    # just below the end point: open, every W* mass inside the open range
    m = m_end * (1 - 1e-6)
    x = decay_parents(np.ones(100), np.zeros((100, 3)), ch, m, rng)
    assert len(x) == 100 and np.all(np.isfinite(x.p))
    with pytest.raises(FipkitInputError, match="needs parents or via"):
        ThreeBodyChannel((), M_D, M_K, M_MU, const(BR), flat, 1, "none")


# ------------------------------------------------------------------ 4. a real search
@dataclass(frozen=True)
class ToyHNL(Model):
    """Toy HNL: D0 -> K mu N (phase space, BR 1e-2 |U|^2) and tau -> nu mu N from
    Ds -> tau nu (BR 5.4%, the tau through ``via``)."""

    name = "toy-hnl-3body"
    family = "toy"
    coupling_name = "U2"
    width_power = 1
    mass_range = (0.01, 1.8)

    def partial_widths(self, m):
        return {"nu": 1e-18 * np.asarray(m, float)}

    def production_channels(self):
        return {
            "D0->K mu N": d_to_k_mu(),
            "Ds->tau nu": ProductionChannel(
                "meson_decay", ("Ds+", "Ds-"), M_DS, 0.0, const(0.054), 0, "Ds -> tau nu"
            ),
            "tau->nu mu N": ThreeBodyChannel(
                (),
                M_TAU,
                0.0,
                M_MU,
                const(BR),
                phase_space(M_TAU, 0.0, M_MU),
                1,
                "tau -> nu mu N",
                via="Ds->tau nu",
            ),
        }


@pytest.fixture(scope="module")
def toy():
    register_model(ToyHNL)
    model = get_model("toy-hnl-3body")
    ship = replace(get_experiment("SHiP"), models=(model.name,))
    return model, ship


def per_pot(*species):
    return sum(spectra.histogram("SPS400", sp)[0].sum() for sp in species)


def test_registered_and_resolved(toy):
    model, _ = toy
    assert "three_body_decay" in mechanism_names()
    assert get_mechanism("three_body_decay") is THREE_BODY_DECAY
    mech, ch = resolve(model, "D0->K mu N")
    assert mech is THREE_BODY_DECAY and ch.parents == ("D0", "D0bar")
    check_entry(model, "tau->nu mu N")


@pytest.mark.parametrize("m", [0.3, 1.0])
@pytest.mark.parametrize("mc", [MonteCarlo(), MonteCarlo(seed=2, events=8000)])
def test_ship_d0_total_is_multiplicity_times_br(toy, m, mc):
    """SHiP (SPS400, Mo), D0 and D0bar from the charm table: the produced weight is
    N_D per POT (pp table x A^0.29 x cascade) x BR (steered decays: unbiased, not
    exact: over 12 seeds the total's spread is 2-3%, its mean within 1%; so the mean of
    six seeds within 4% and each within 10%); every FIP on its mass shell, from the
    target; the same seed, the same sample."""
    from fipkit.production.meson_decay import heavy_flavour_factor

    model, ship = toy
    s = replace(ship, production=("D0->K mu N",))
    (x,) = fip_samples(s, model, m, mc)
    n_d = per_pot("D0", "D0bar") * heavy_flavour_factor(ship, "D0")
    totals = [x.total] + [
        fip_samples(s, model, m, replace(mc, seed=mc.seed + k))[0].total for k in range(1, 6)
    ]
    assert np.mean(totals) == pytest.approx(n_d * BR, rel=0.04)
    assert np.all(np.abs(np.array(totals) / (n_d * BR) - 1) < 0.10), totals
    assert x.coupling_power == 1 and np.all(np.isfinite(x.p)) and np.all(x.z0 == 0)
    if mc.events is not None:
        assert len(x) == pytest.approx(mc.events, rel=0.02)
    (y,) = fip_samples(s, model, m, mc)
    np.testing.assert_array_equal(x.p, y.p)
    assert len(fip_samples(s, model, M_D - M_K - M_MU, mc)[0]) == 0


def test_ship_tau_via_ds(toy):
    """tau -> nu mu N with the taus of Ds -> tau nu (``via``): the weight is the tau
    sample's times BR exactly (same generator: the tau sample is drawn first), the
    coupling powers add, and the total is N_Ds x 5.4% x BR within 5%."""
    from fipkit.production.meson_decay import heavy_flavour_factor

    model, ship = toy
    s = replace(ship, production=("tau->nu mu N",))
    m = 0.8
    (x,) = fip_samples(s, model, m)
    tau_ch = model.production_channels()["Ds->tau nu"]
    rng = rng_for(1, s.name, "tau->nu mu N", f"{m:.9g}")
    taus = get_mechanism("meson_decay").sample(s, model, tau_ch, {}, M_TAU, rng, MonteCarlo())
    assert len(x) == len(taus) and x.coupling_power == 1
    assert x.total == pytest.approx(taus.total * BR, rel=1e-12)
    n_ds = per_pot("Ds+", "Ds-") * heavy_flavour_factor(ship, "Ds+")
    assert x.total == pytest.approx(n_ds * 0.054 * BR, rel=0.05)
    assert len(fip_samples(s, model, M_TAU - M_MU)[0]) == 0
