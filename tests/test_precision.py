"""Monte Carlo precision of beam-dump regions as a stated property.

Spread of an edge at a mass: max - min over seeds 1-5 of log10 of the edge (the lower
edge is the smallest coupling of the region at that mass, the upper edge the largest),
at every mass of the grid where each seed has a region. Target: below 0.02 dex at every
such mass, lower and upper edge, for CHARM, SHiP and FASER2 (dark photon).

How (:mod:`fipkit.production.meson_decay`): parents are drawn by importance from the
spectrum bins (a deterministic pilot estimates each bin's rms contribution to the
signal of FIPs in the decay volume), decays are turned towards the volume about the
parent direction and the beam axis (with defensive shares: unbiased), and the number
of parents per mass is chosen for a predicted standard deviation of log10 of the lower
edge of ``PRECISION_DEX`` (0.0025 dex); proton bremsstrahlung azimuths are steered too.
"""

import numpy as np
import pytest

from fipkit import spectra
from fipkit.errors import FipkitInputError
from fipkit.experiments import get_experiment
from fipkit.figures import fig2
from fipkit.models import get_model
from fipkit.production import N_PARENTS, N_PARENTS_MIN, MonteCarlo
from fipkit.production import meson_decay as md
from fipkit.reach import compute_reach

SEEDS = (1, 2, 3, 4, 5)
TARGET_DEX = 0.02


def edge_spreads(model, search, masses, couplings, seeds=SEEDS):
    """(masses where every seed has a region, lower-edge spread, upper-edge spread, masses
    left out) with spread = max - min over the seeds of log10(edge), dex."""
    per_seed = []
    for s in seeds:
        c = compute_reach(model, search, masses, couplings, seed=s)
        m, lo = c.lower_edge()
        _, hi = c.upper_edge()
        per_seed.append({round(float(a), 12): (b, h) for a, b, h in zip(m, lo, hi)})
    every = sorted(set.union(*(set(d) for d in per_seed)))
    common = [m for m in every if all(m in d for d in per_seed)]
    lo = np.log10([[d[m][0] for m in common] for d in per_seed])
    hi = np.log10([[d[m][1] for m in common] for d in per_seed])
    left_out = [m for m in every if m not in common]
    return np.array(common), np.ptp(lo, axis=0), np.ptp(hi, axis=0), left_out


@pytest.mark.slow
@pytest.mark.parametrize("name", ["CHARM", "SHiP", "FASER2"])
def test_dark_photon_edges_seed_to_seed(name, tmp_path, monkeypatch):
    """Dark photon, the fig2 grid (41 masses x 71 couplings), seeds 1-5, empty cache.

    Measured (max - min over the 5 seeds of log10 edge; median / max over the masses):

    =========  =================  =================  ==============================
               lower edge         upper edge         before (N = 1 parent per bin,
                                                     20000 brem): lower / upper
    =========  =================  =================  ==============================
    CHARM      0.0079 / 0.0144    0.0064 / 0.0117    0.096 / 0.210, 0.069 / 0.174
    SHiP       0.0055 / 0.0113    0.0015 / 0.0059    0.012 / 0.032, 0.002 / 0.006
    FASER2     0.0026 / 0.0054    0.0018 / 0.0037    0.013 / 0.029, 0.004 / 0.007
    =========  =================  =================  ==============================

    Every mass of the grid where the region exists for all five seeds is checked (24,
    33 and 30 masses; none is left out). About 3 s per experiment.
    """
    monkeypatch.setenv("FIPKIT_CACHE", str(tmp_path / "cache"))
    masses, lo, hi, left_out = edge_spreads(
        get_model("dark-photon"), get_experiment(name), fig2.MASSES, fig2.COUPLINGS
    )
    assert len(masses) >= 20
    assert len(left_out) <= 1  # at most the last mass of the region, where it closes
    worst_lo, worst_hi = masses[np.argmax(lo)], masses[np.argmax(hi)]
    assert lo.max() < TARGET_DEX, f"lower edge spread {lo.max():.4f} dex at {worst_lo:.3g} GeV"
    assert hi.max() < TARGET_DEX, f"upper edge spread {hi.max():.4f} dex at {worst_hi:.3g} GeV"
    assert np.median(lo) < TARGET_DEX / 2 and np.median(hi) < TARGET_DEX / 2


# ------------------------------------------------------------- the sampling is unbiased
def _hits(sample, search):
    """Weight of the FIPs that cross the search's volume above its energy cut."""
    u = sample.p / sample.pabs[:, None]
    L1, L2 = search.shape.intersect(np.zeros_like(u), u)
    ok = (L2 > L1) & (sample.energy >= search.min_energy_GeV)
    return float(sample.weight[ok].sum())


def test_importance_allocation_keeps_the_table_total():
    """Every bin keeps a positive probability: the expected total weight is the table's
    (here the mean over 40 draws within 0.5%), whatever the importance."""
    rng = np.random.default_rng(7)
    total = spectra.histogram("SPS400", "eta")[0].sum()

    def skewed(bins):  # all the importance on a few forward bins
        return np.where(bins.theta_hi < 1e-3, 1.0, 0.0)

    sums = [
        spectra.parent_sample("SPS400", "eta", rng, max_points=2000, importance=skewed)[0].sum()
        for _ in range(40)
    ]
    assert np.mean(sums) == pytest.approx(total, rel=5e-3)
    w, p = spectra.parent_sample("SPS400", "eta", rng, max_points=3000, importance=skewed)
    assert abs(len(w) - 3000) < 150 and np.all(w > 0)


def test_steered_decays_are_unbiased():
    """The weight that reaches CHARM (off axis) from eta -> gamma A' decays, steered about
    the parent direction and the beam axis, equals that of plain isotropic decays
    (means over 30 draws of parents and decays, within 3 standard errors); steering
    gives a smaller spread."""
    model, search = get_model("dark-photon"), get_experiment("CHARM")
    ch = model.production_channels()["eta"]
    rng = np.random.default_rng(11)
    plain, steer = [], []
    for _ in range(30):
        w, p = spectra.parent_sample("SPS400", "eta", rng)
        plain.append(_hits(md.decay_sample(w, p, ch, 0.2, rng, n_per_parent=4), search))
        w, p = spectra.parent_sample("SPS400", "eta", rng)
        w, p = np.repeat(w / 4, 4), np.repeat(p, 4, axis=0)
        steer.append(_hits(md.steered_decay(w, p, ch, 0.2, search, rng), search))
    err = np.hypot(np.std(plain), np.std(steer)) / np.sqrt(30)
    assert abs(np.mean(steer) - np.mean(plain)) < 3 * err
    assert np.std(steer) < 0.5 * np.std(plain)


def test_sample_size_is_adaptive_and_deterministic():
    """More parents where the volume sees few FIPs (CHARM) than where it sees many (SHiP),
    within the bounds, the same on every call; ``events`` fixes it per channel."""
    model = get_model("dark-photon")
    pi0 = model.production_channels()["pi0"]
    mc = MonteCarlo(1)
    n_charm = md.sample_size(get_experiment("CHARM"), model, pi0, "pi0", 0.01, mc)
    n_ship = md.sample_size(get_experiment("SHiP"), model, pi0, "pi0", 0.01, mc)
    assert N_PARENTS_MIN <= n_ship < n_charm <= N_PARENTS
    assert md.sample_size(get_experiment("CHARM"), model, pi0, "pi0", 0.01, MonteCarlo(2)) == (
        n_charm
    )
    fixed = MonteCarlo(1, events=5000)
    assert md.sample_size(get_experiment("CHARM"), model, pi0, "pi0", 0.01, fixed) == 5000
    tighter = MonteCarlo(1, precision=0.002)
    assert md.sample_size(get_experiment("SHiP"), model, pi0, "pi0", 0.01, tighter) > n_ship


def test_precision_is_validated():
    with pytest.raises(FipkitInputError, match="precision"):
        MonteCarlo(1, precision=0.0)
