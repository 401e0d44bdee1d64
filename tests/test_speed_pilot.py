"""The pilot's bisections for the upper decay-rate scales run side by side
(meson_decay._upper_scales): the same numbers, bit for bit, as one bisection per
ratio (the code it replaced, kept here as the reference)."""

import numpy as np
import pytest

from fipkit.production import meson_decay as md

RATIOS = [r for r, _ in md.KERNEL_SCALES if r < 1]


def _one_bisection(c, tau1, dtau, ratio):
    t_min = float(tau1.min()) if len(tau1) else 0.0
    s0 = float(np.sum(c * dtau))
    if s0 <= 0:
        return 0.0
    t1 = tau1 - t_min
    target = np.log(ratio * s0)

    def log_s(lx):
        x = np.exp(lx)
        e = np.sum(c * np.exp(-x * t1) * -np.expm1(-x * dtau))
        return np.log(e) - x * t_min - lx if e > 0 else -np.inf

    lo = np.log(1e-3 / float(np.max(tau1 + dtau)))
    hi = (
        np.log((1.0 - np.log(ratio)) / t_min)
        if t_min > 0
        else np.log(1.0 / ratio / float(np.min(dtau[dtau > 0], initial=1.0)))
    )
    for _ in range(9):
        mid = 0.5 * (lo + hi)
        if log_s(mid) > target:
            lo = mid
        else:
            hi = mid
    return float(np.exp(0.5 * (lo + hi)))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("n", [1, 7, 1300])
def test_side_by_side_equals_one_by_one(seed, n):
    rng = np.random.default_rng(seed)
    c = rng.random(n) * 10.0 ** rng.uniform(-30, 0)
    tau1 = 10.0 ** rng.uniform(-3, 4, n)
    if seed % 3 == 0:
        tau1[rng.integers(n)] = 0.0  # a track starting at the volume: t_min = 0
    dtau = 10.0 ** rng.uniform(-3, 3, n)
    got = md._upper_scales(c, tau1, dtau, RATIOS)
    want = [_one_bisection(c, tau1, dtau, r) for r in RATIOS]
    assert list(got) == want
    assert [md._upper_scale(c, tau1, dtau, r) for r in RATIOS] == want


def test_no_signal():
    z = np.zeros(3)
    assert list(md._upper_scales(z, np.ones(3), np.ones(3), RATIOS)) == [0.0] * len(RATIOS)
    assert md._upper_scale(z, np.ones(3), np.ones(3), 1e-2) == 0.0
