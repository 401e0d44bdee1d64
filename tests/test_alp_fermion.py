"""The fermion-coupled ALP (BC10): model contract, production through B -> K(*) a and
K -> pi a, and its SHiP reach.

There is no published BC10 curve in ../shared/reference, so the region is checked by the
laws it must obey, not against a curve: at long lifetimes the events go as g_Y^4
(production g_Y^2 x decay probability g_Y^2), so a 16x larger exposure moves the lower
edge down by exactly 2; the BRs of the production channels are those of
:mod:`fipkit.models.alp_production`; the lifetime scales as 1/g_Y^2.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from clirun import run
from fipkit.experiments import get_experiment
from fipkit.models import alp_production as ap
from fipkit.models import get_model
from fipkit.reach import compute_reach

MODEL = get_model("alp-fermion")


def test_widths_lifetime_and_brs():
    m = np.array([0.05, 0.5, 3.0])
    assert MODEL.ctau(m, 1e-4) == pytest.approx(MODEL.ctau(m, 1.0) * 1e8, rel=1e-12)
    brs = MODEL.branching_ratios(m)
    assert np.allclose(sum(brs.values()), 1.0)
    # below 2 m_mu only e+e- and gamma gamma: everything visible
    assert MODEL.br_visible(0.05) == pytest.approx(1.0)


def test_production_channels_carry_the_top_loop_brs():
    ch = MODEL.production_channels()
    m = np.array([0.1, 1.0, 4.0])
    assert np.array_equal(ch["B->Ka"].br(m), ap.br_bc10("B+->K+a", m))
    assert ch["B->Ka"].coupling_power == 2 and ch["B->Ka"].parents == ("B+", "B-")
    # closed beyond the kinematic limit
    assert ch["K+->pi+a"].br(np.array([0.4]))[0] == 0.0
    assert ch["B->Ka"].br(np.array([4.9]))[0] == 0.0


def test_ship_lower_edge_moves_as_g_to_the_fourth():
    """16 x the protons: the lower edge (long lifetimes, N ∝ g^4) drops by 2 exactly,
    the upper edge (short lifetimes, exponential) barely moves."""
    search = get_experiment("SHiP", MODEL)
    ms = np.array([0.3, 0.5, 1.0])  # long-lived at the lower edge (at 2 GeV: 2.09)
    g = np.logspace(-8, -1, 141)
    base = compute_reach(MODEL, search, ms, g)
    exp = dict(search.detector.exposure, n_beam=16 * search.detector.exposure["n_beam"])
    more = dataclasses.replace(search, detector=dataclasses.replace(search.detector, exposure=exp))
    big = compute_reach(MODEL, more, ms, g)
    ratio = base.low / big.low
    assert np.allclose(ratio, 2.0, rtol=0.02), ratio
    assert np.all(big.high >= base.high) and np.all(big.high < 3 * base.high)


def test_reach_csv_contract(tmp_path, capsys):
    out = tmp_path / "f.csv"
    args = ["reach", "alp-fermion", "SHiP", "--out", str(out), "--n-masses", "4"]
    code, _, err = run([*args, "--mass-min", "0.3", "--mass-max", "3"], capsys)
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert lines[0] == "mass_GeV,g_Y_low,g_Y_high" and len(lines) == 5
    code, _, err = run(["width", "alp-fermion", "--mass", "30", "--coupling", "1e-5"], capsys)
    assert code == 2 and len(err.strip().splitlines()) == 1
