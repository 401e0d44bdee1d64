"""The reach engine: decay probabilities, reweighting, region extraction, statistics."""

import numpy as np
import pytest

from fipkit import engine
from fipkit.engine import (
    DecayKernel,
    IonisationKernel,
    ScatteringKernel,
    TrackSet,
    decay_sum,
    region_rows,
    reweight,
)
from fipkit.experiments.geometry import Box, Cylinder, Frustum
from fipkit.sample import FIPSample
from fipkit.statistics import poisson_upper_limit


def one_track(L, dL, p=1.0, m=1.0, w=1.0):
    return TrackSet(m, np.array([w]), np.array([p]), np.array([L]), np.array([L + dL]), 2)


def event_grid(tracks, ctau1, br, g, width_power, exposure):
    """N = X BR g^n sum_i w_i P_i, as the decay-in-volume technique composes it."""
    n = tracks[0].coupling_power
    return (
        exposure
        * np.asarray(br)[:, None]
        * g[None, :] ** n
        * decay_sum(tracks, ctau1, g, width_power)
    )


@pytest.mark.parametrize(
    "L,dL,ell,expected",
    [
        # P = exp(-L/l) - exp(-(L+dL)/l): values computed independently in
        # ../shared/physics/scalar_and_hnl.md §4.1 (exact to the digits quoted)
        (50, 50, 1000, 0.0463920),
        (50, 50, 50, 0.2325442),
        (480, 35, 100, 2.4303e-3),
        (480, 1.5, 1e4, 1.42959e-4),
        (45, 50, 1e6, 4.99965e-5),
    ],
)
def test_decay_probability(L, dL, ell, expected):
    # ctau1 = ell at unit coupling, p/m = 1
    d = decay_sum([one_track(L, dL)], np.array([ell]), np.array([1.0]), width_power=2)
    assert d[0, 0] == pytest.approx(expected, rel=2e-5)


def test_coupling_scaling_limits():
    """Long-lifetime edge: N ∝ g^(n_prod + k); short-lifetime edge: exponential drop."""
    g = np.logspace(-9, -7, 5)
    n = event_grid([one_track(100, 50)], np.array([1.0]), np.array([1.0]), g, 2, 1e20)
    slope = np.diff(np.log(n[0])) / np.diff(np.log(g))
    assert slope == pytest.approx(4.0, abs=1e-3)  # eps^2 production x eps^2 decay
    big = event_grid(
        [one_track(10, 50)], np.array([1.0]), np.array([1.0]), np.array([1.0, 2.0]), 2, 1e20
    )
    # l = 1 m -> 0.25 m in front of 10 m of shield: exp(-10) -> exp(-40)
    assert big[0, 1] / big[0, 0] == pytest.approx(np.exp(-30), rel=1e-4)
    # beyond engine.DEAD_X decay lengths of shield the response is exactly 0 (< e^-80)
    dead = event_grid(
        [one_track(10, 50)], np.array([1.0]), np.array([1.0]), np.array([3.0]), 2, 1e20
    )
    assert dead[0, 0] == 0.0


def test_decay_kernel_series_joins_the_exact_response():
    """Where every track is deep inside its decay length (x < engine.SERIES_X) the kernel
    uses the series b x - (a b + b^2/2) x^2: it agrees with the exact response to 1e-6
    on both sides of the switch, and at small x with the exact double-precision value."""
    a, b = np.array([0.4, 0.7]), np.array([0.5, 0.3])
    w = np.array([1.0, 2.0])
    cols = {"inv_l1": np.ones(2, np.float32), "L1": a.astype(np.float32)}
    cols["dL"] = b.astype(np.float32)
    x = np.array([0.999, 1.001, 1e-3]) * engine.SERIES_X / (a + b).max()
    x = np.concatenate([x, [1e-9, 0.3]])
    out, work = np.empty((2, len(x)), np.float32), np.empty((2, len(x)), np.float32)
    got = engine.DecayKernel(1.0)(cols, w.astype(np.float32), x.astype(np.float32), out, work)
    exact = (w[:, None] * np.exp(-a[:, None] * x) * -np.expm1(-b[:, None] * x)).sum(0)
    np.testing.assert_allclose(got, exact, rtol=1e-6)


def test_decay_sum_matches_loop_over_masses_and_chunks(monkeypatch):
    rng = np.random.default_rng(3)
    samples = [
        TrackSet(
            m, rng.random(n), 1 + 100 * rng.random(n), 10 + rng.random(n), 20 + rng.random(n), 2
        )
        for m, n in [(0.1, 50), (0.2, 0), (0.5, 70)]
    ]
    ctau1 = np.array([1e-3, 2e-3, 5e-4])
    g = np.logspace(-6, -3, 7)
    full = decay_sum(samples, ctau1, g, 2)
    monkeypatch.setattr(engine, "BLOCK_ELEMENTS", 13)  # force many small blocks
    chunked = decay_sum(samples, ctau1, g, 2)
    ref = np.zeros_like(full)
    for i, s in enumerate(samples):
        for j, gg in enumerate(g):
            ell = s.p / s.mass * ctau1[i] / gg**2
            ref[i, j] = np.sum(s.weight * (np.exp(-s.L1 / ell) - np.exp(-s.L2 / ell)))
    # the loop subtracts two nearly equal exponentials (relative error ~1e-7 here);
    # the engine uses expm1, so compare at 1e-6. Chunking changes the single-precision
    # kernel's summation order and which couplings take the series: 3e-7 measured
    # (engine.KERNEL_DTYPE; the tolerance was 1e-12 in double precision)
    np.testing.assert_allclose(full, ref, rtol=1e-6, atol=0)
    np.testing.assert_allclose(chunked, full, rtol=1e-6, atol=0)


def test_region_rows_islands_and_edges():
    g = np.logspace(-9, -2, 8)
    n = np.array(
        [[0, 1, 10, 100, 10, 1, 0, 0], [0, 0, 0, 0, 0, 0, 0, 0], [5, 5, 0, 5, 5, 0, 0, 0]], float
    )
    rows = region_rows([1.0, 2.0, 3.0], g, n, 2.3)
    m, lo, hi = rows.mass, rows.low, rows.high
    assert list(rows.low_at_grid) == [False, True, False]  # the grid bottom is no edge
    assert not rows.high_at_grid.any()
    assert list(m) == [1.0, 3.0, 3.0]  # two islands at m = 3
    assert lo[0] == pytest.approx(1e-8 * 2.3, rel=1e-9)  # log-log interpolation
    assert hi[0] == pytest.approx(1e-4 / 2.3, rel=1e-9)
    assert lo[1] == g[0]  # touches the grid bottom
    # second island starts between g = 1e-7 (N = 0) and 1e-6 (N = 5): just below 1e-6
    assert 1e-7 < lo[2] <= 1e-6 and hi[2] == pytest.approx(1e-5, rel=0.01)


def test_poisson_thresholds():
    assert poisson_upper_limit(0.0) == pytest.approx(-np.log(0.1), rel=1e-9)  # 2.3026
    assert poisson_upper_limit(0.0, cl=0.95) == pytest.approx(-np.log(0.05), rel=1e-9)
    # b = 3, n_obs = 3: s_up = 6.68 - 3 (PDG table 40.3: upper limit 6.68 for n = 3)
    assert poisson_upper_limit(3.0) == pytest.approx(6.68 - 3.0, abs=0.01)


def _rays(dirs):
    u = np.asarray(dirs, float)
    return np.zeros_like(u), u / np.linalg.norm(u, axis=1)[:, None]


def test_geometry_path_lengths():
    o, u = _rays([[0, 0, 1], [0.001, 0, 1], [0.0105, 0, 1], [0.3, 0, 1]])
    L1, L2 = Cylinder(480, 1.5, 0.1).intersect(o, u)
    assert (L1[0], L2[0]) == (480, 481.5)
    assert L1[1] == 0 and L2[1] == 0  # 0.48 m off axis: misses
    L1, L2 = Box(480, 35, 1.5, 1.5, x=5.0).intersect(o, u)
    assert L2[0] == 0 and L2[2] > L1[2] > 480  # off-axis box: only the tilted track
    assert L1[2] == pytest.approx(480 / np.cos(np.arctan(0.0105)))
    L1, L2 = Cylinder(100, 80, 1.0, inner_radius=0.08).intersect(o, u)
    assert L2[0] == 0  # annulus: the axis is excluded
    assert L1[1] == pytest.approx(100 * np.sqrt(1 + 1e-6))


def test_frustum_matches_box_when_straight():
    rng = np.random.default_rng(0)
    u = np.column_stack([rng.normal(0, 0.05, 500), rng.normal(0, 0.05, 500), np.ones(500)])
    o, u = _rays(u)
    a = Frustum(50, 50, 2.0, 3.0, 2.0, 3.0).intersect(o, u)
    b = Box(50, 50, 2.0, 3.0).intersect(o, u)
    np.testing.assert_allclose(a, b, atol=1e-9)
    # a growing frustum accepts what the small box accepts
    c = Frustum(50, 50, 2.0, 3.0, 4.0, 6.0).intersect(o, u)
    assert np.all(c[1] - c[0] >= b[1] - b[0] - 1e-9)


def test_detector_sample_from_fip_sample():
    s = FIPSample(0.1, [1.0, 2.0, 3.0], [[0, 0, 10], [0, 0, 0.5], [1, 0, 0]], coupling_power=2)
    d = TrackSet.from_sample(s, Cylinder(10, 5, 1), efficiency=0.5, min_energy=1.0)
    assert list(d.weight) == [0.5]  # energy cut and geometry
    assert d.L1[0] == 10 and d.L2[0] == 15


def test_compression_keeps_event_counts():
    """Merging tracks within 0.5 % in p, L1, dL changes N by < 2 % where N >= 1e-3 N_max."""
    rng = np.random.default_rng(7)
    n = 20000
    s = TrackSet(
        0.1,
        rng.random(n),
        10 ** rng.uniform(1, 3, n),
        480 + rng.random(n) * 0.01,
        481.5 + rng.random(n) * 0.01,
        2,
    )
    c = s.compressed()
    assert len(c.weight) < n / 5 and c.weight.sum() == pytest.approx(s.weight.sum())
    g = np.logspace(-8, -4, 30)
    a = decay_sum([s], np.array([1e-3]), g, 2)[0]
    b = decay_sum([c], np.array([1e-3]), g, 2)[0]
    big = a > 1e-3 * a.max()
    np.testing.assert_allclose(b[big], a[big], rtol=0.02)


def test_vertical_shaft():
    """A shaft 20 m above the IP, radius 9 m, 50 m tall: a vertical track crosses 50 m."""
    o, u = _rays([[0, 1, 0], [0.1, 1, 0], [0, 0, 1]])
    L1, L2 = Cylinder(20.0, 50.0, 9.0, axis="y").intersect(o, u)
    assert (L1[0], L2[0]) == (20.0, 70.0)
    assert L2[1] > L1[1] > 20.0 and L2[2] == 0


def test_scattering_and_ionisation_kernels():
    """1 - exp(-n sigma dL g^k) and (1 - exp(-kappa dL g^k))^N against direct formulas;
    small-coupling limits n sigma dL g^k and (kappa dL g^k)^N."""
    ts = TrackSet(0.1, np.array([1.0, 2.0]), np.ones(2), np.zeros(2), np.ones(2), 2)
    g = np.array([1e-6, 1e-2, 1.0, 10.0])
    col = np.array([0.5, 3.0])
    s = reweight([ts], lambda k, t: {"n_sigma_dL": col}, ScatteringKernel(2), g)[0]
    np.testing.assert_allclose(s, (ts.weight[:, None] * -np.expm1(-col[:, None] * g**2)).sum(0))
    assert s[0] == pytest.approx((ts.weight * col).sum() * 1e-12, rel=1e-9)
    i = reweight([ts], lambda k, t: {"kappa_dL": col}, IonisationKernel(2, 3), g)[0]
    ref = (ts.weight[:, None] * (-np.expm1(-col[:, None] * g**2)) ** 3).sum(0)
    np.testing.assert_allclose(i, ref, rtol=1e-6)  # single-precision kernel (was 1e-12)
    assert i[-1] == pytest.approx(3.0, rel=1e-6)  # every layer hit: sum of weights


def test_decay_kernel_block_sizes_agree(monkeypatch):
    rng = np.random.default_rng(5)
    n = 3000
    ts = TrackSet(
        0.3, rng.random(n), 1 + 50 * rng.random(n), 5 + rng.random(n), 8 + rng.random(n), 2
    )
    g = np.logspace(-7, -3, 40)
    a = decay_sum([ts], np.array([2e-3]), g, 2)
    monkeypatch.setattr(engine, "BLOCK_ELEMENTS", 7)
    b = decay_sum([ts], np.array([2e-3]), g, 2)
    # single-precision kernel: block sizes change the summation order (4e-8 measured;
    # the tolerance was 1e-12 in double precision)
    np.testing.assert_allclose(a, b, rtol=1e-6)
    cols = {"inv_l1": ts.mass / (ts.p * 2e-3), "L1": ts.L1, "dL": ts.L2 - ts.L1}
    s = DecayKernel(2)(cols, ts.weight, g, np.empty((n, len(g))), np.empty((n, len(g))))
    np.testing.assert_allclose(s, a[0], rtol=1e-6)


def test_compression_for_decay_keeps_decay_sums():
    """Merging on (L1/p, dL/p) only: tracks of different p but equal L/p are one track;
    decay sums within 1% wherever they matter, weights conserved exactly."""
    from fipkit.engine import compressed_for_decay

    rng = np.random.default_rng(11)
    n = 50000
    p = 10 ** rng.uniform(0, 3, n)
    L1 = p * 10 ** rng.uniform(-1, -0.9, n)  # L1/p in a narrow band
    ts = TrackSet(0.5, rng.random(n), p, L1, L1 + 5.0 * p / 100, 1)
    c = compressed_for_decay(ts)
    assert len(c) < n / 20 and c.weight.sum() == pytest.approx(ts.weight.sum(), rel=1e-12)
    assert c.coupling_power == 1 and np.all(c.p == 1.0)
    g = np.logspace(-12, -4, 40)
    a = decay_sum([ts], np.array([3e-4]), g, 1)[0]
    b = decay_sum([c], np.array([3e-4]), g, 1)[0]
    big = a > 1e-3 * a.max()
    np.testing.assert_allclose(b[big], a[big], rtol=0.01)
