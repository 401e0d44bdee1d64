"""Peak searches P -> l N (fipkit.signals.peak_search), with toy HNL models registered
here (the tests do not use fipkit's HNL model).

The toy declares K+ -> mu+ N with the closed-form two-body BR
BR = tau_K G_F^2 f_K^2 |V_us|^2 m_K^3 / (8 pi hbar) [y_N^2 + y_l^2 - (y_N^2 - y_l^2)^2]
lambda^{1/2}(1, y_N^2, y_l^2) at U2 = 1 (Gorbunov-Shaposhnikov arXiv:0705.1729; the toy's
f_K, V_us, tau_K are round PDG-like values) and a constant width. Every expected edge is
computed by hand here: BR_UL / BR while N escapes; the kinematic end m_K - m_mu; the upper
edge U2 BR exp(-L U2 / (beta gamma c tau_1)) = BR_UL solved with brentq for a short-lived N.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import ClassVar

import numpy as np
import pytest
from scipy.optimize import brentq

from fipkit import constants as C
from fipkit.errors import FipkitInputError
from fipkit.experiments import catalog, detector_from_mapping, from_mapping
from fipkit.models import Model, ProductionChannel, get_model, register_model
from fipkit.reach import compute_reach
from fipkit.signals import peak_search as ps

F_K, V_US, TAU_K = 0.1557, 0.2243, 1.2379e-8  # GeV, 1, s (toy inputs)
M, ML = C.M_K, C.M_MU
G = np.logspace(-12, 0, 241)


def toy_br(m):
    """BR(K+ -> mu+ N) at U2 = 1, the closed form of the module docstring."""
    yn, yl = (np.asarray(m, float) / M) ** 2, (ML / M) ** 2
    lam = np.clip(1 + yn**2 + yl**2 - 2 * yn - 2 * yl - 2 * yn * yl, 0, None)
    gamma = C.G_FERMI**2 * F_K**2 * V_US**2 * M**3 / (8 * np.pi)
    shape = (yn + yl - (yn - yl) ** 2) * np.sqrt(lam)
    return np.where(np.sqrt(yn) < 1 - np.sqrt(yl), TAU_K / C.HBAR_GEV_S * gamma * shape, 0.0)


@dataclass(frozen=True)
class ToyLongLived(Model):
    """A toy N: K+ -> mu+ N only, a constant width WIDTH x U2 (GeV)."""

    name = "toy-hnl-long"
    family = "toy-fermion"
    coupling_name = "U2"
    width_power = 1
    mass_range = (1e-3, 0.5)
    visible_channels = ("nu nu nu",)
    WIDTH: ClassVar[float] = 1e-30

    def partial_widths(self, m):
        return {"nu nu nu": np.full(np.shape(m), self.WIDTH)}

    def production_channels(self):
        ch = ProductionChannel("meson_decay", ("K+", "K-"), M, ML, toy_br, 1, "K+->muN")
        return {"K+->muN": ch}


@dataclass(frozen=True)
class ToyShortLived(ToyLongLived):
    name = "toy-hnl-short"
    WIDTH: ClassVar[float] = 1e-12


DETECTOR = detector_from_mapping({"name": "ToyK", "beam": {"particle": "K+", "energy_GeV": 0.0}})


def search(br_limits, **extra):
    entry = {
        "name": "ToyPeak",
        "label": "toy",
        "kind": "limit",
        "technique": "peak_search",
        "models": ["toy-fermion"],
        "detector": "ToyK",
        "decay": "K+->muN",
        "parent_momentum_GeV": 0.0,
        "escape_length_m": 1.45,
        "br_limits": br_limits,
        **extra,
    }
    return from_mapping(entry, "test", {"ToyK": DETECTOR})


@pytest.fixture(scope="module")
def toys():
    register_model(ToyLongLived)
    register_model(ToyShortLived)
    return get_model("toy-hnl-long"), get_model("toy-hnl-short")


def edges(curve, masses):
    """(low, high) at each mass, nan where the mass has no region."""
    lo, hi = np.full(len(masses), np.nan), np.full(len(masses), np.nan)
    for i, m in enumerate(masses):
        sel = np.isclose(curve.mass, m, rtol=1e-12)
        if sel.any():
            lo[i], hi[i] = curve.low[sel].min(), curve.high[sel].max()
    return lo, hi


def test_long_lived_edge_is_br_limit_over_br(toys):
    """P_escape -> 1: the excluded U2 is BR_UL / BR(m; U2 = 1), up to the physical U2 = 1."""
    long, _ = toys
    masses = np.array([0.21, 0.25, 0.29])
    c = compute_reach(long, search([{"mass_GeV": [0.2, 0.3], "br_limit": 1e-8}]), masses, G)
    lo, hi = edges(c, masses)
    np.testing.assert_allclose(lo, 1e-8 / toy_br(masses), rtol=1e-4)
    assert np.all(hi == 1.0) and not c.high_open.any()
    assert "1e-08" in c.method and c.statistics == ps.STATISTICS


def test_u2_limit_uses_the_authors_formula(toys):
    """u2_limit -> BR_UL = u2 B(K -> mu nu) rho(m): edge = u2 B rho / BR_toy, by hand."""
    long, _ = toys
    m = np.array([0.25])
    x, y = (ML / M) ** 2, (m / M) ** 2
    lam = 1 + x**2 + y**2 - 2 * x - 2 * y - 2 * x * y
    rho = ((x + y) - (x - y) ** 2) * np.sqrt(lam) / (x * (1 - x) ** 2)
    s = search([{"mass_GeV": [0.2, 0.3], "u2_limit": 1e-8}], leptonic_br=0.6356)
    lo, _ = edges(compute_reach(long, s, m, G), m)
    np.testing.assert_allclose(lo, 1e-8 * 0.6356 * rho / toy_br(m), rtol=1e-4)
    # rho is Gamma(K -> mu N) / Gamma(K -> mu nu) per unit |U|^2: the toy's ratio
    ms = np.array([0.0, 0.1, 0.3, 0.38])
    np.testing.assert_allclose(ps.rho(M, ML, ms), toy_br(ms) / toy_br(0.0), rtol=1e-12)
    with pytest.raises(FipkitInputError, match="leptonic_br"):
        ps.excluded_ratio(long, search([{"mass_GeV": [0.2, 0.3], "u2_limit": 1e-8}]), m, G)


def test_region_closes_at_the_kinematic_limit(toys):
    """A range reaching beyond m_K - m_mu = 388 MeV: the region ends there."""
    long, _ = toys
    end = M - ML
    masses = np.array([0.385, end - 5e-4, end + 5e-4, 0.40])
    s = search([{"mass_GeV": [0.30, 0.45], "br_limit": 1e-8}])
    lo, _ = edges(compute_reach(long, s, masses, G), masses)
    assert np.isfinite(lo[:2]).all() and np.isnan(lo[2:]).all()
    np.testing.assert_allclose(lo[:2], 1e-8 / toy_br(masses[:2]), rtol=1e-4)
    assert lo[1] > 2 * lo[0]  # BR ∝ lambda^{1/2} -> 0 at the end: the edge rises
    assert np.all(ps.br_limit(long.production_channels()["K+->muN"], s, [end, 0.40]) == np.inf)


def test_short_lived_upper_edge(toys):
    """Gamma = 1e-12 GeV at U2 = 1: N from a stopped K must fly 1.45 m; the upper edge
    solves U2 BR exp(-L U2 / (beta gamma c tau_1)) = BR_UL (by hand, brentq)."""
    _, short = toys
    masses = np.array([0.22, 0.28])
    c = compute_reach(short, search([{"mass_GeV": [0.2, 0.3], "br_limit": 1e-8}]), masses, G)
    lo, hi = edges(c, masses)
    ctau1 = C.HBARC_GEV_M / 1e-12
    for i, m in enumerate(masses):
        p = np.sqrt((M**2 - (m + ML) ** 2) * (M**2 - (m - ML) ** 2)) / (2 * M)
        bgct = p / m * ctau1
        br = float(toy_br(m))

        def f(lu, m=m, br=br, bgct=bgct):
            u = 10.0**lu
            return np.log(u * br / 1e-8) - 1.45 * u / bgct

        peak = np.log10(bgct / 1.45)  # maximum of U2 exp(-L U2 / l1)
        assert f(peak) > 0
        hi_hand = 10 ** brentq(f, peak, 2.0)
        lo_hand = 10 ** brentq(f, -14.0, peak)
        assert hi[i] == pytest.approx(hi_hand, rel=0.02)
        assert lo[i] == pytest.approx(lo_hand, rel=1e-3)
        assert hi[i] < 1e-2 and not c.high_open.any()


def test_masses_outside_every_range_have_no_region(toys):
    long, _ = toys
    masses = np.array([0.05, 0.15, 0.25, 0.35])
    s = search(
        [
            {"mass_GeV": [0.2, 0.3], "br_limit": 1e-8},
            {"mass_GeV": [0.24, 0.26], "br_limit": 1e-9},  # the strongest applies
        ]
    )
    lo, hi = edges(compute_reach(long, s, masses, G), masses)
    assert np.isnan(lo[[0, 1, 3]]).all() and np.isnan(hi[[0, 1, 3]]).all()
    assert lo[2] == pytest.approx(1e-9 / float(toy_br(0.25)), rel=1e-4)
    r = ps.excluded_ratio(long, s, masses, [1e-6, 1e-5])
    assert np.all(r[[0, 1, 3]] == 0) and r[2, 1] / r[2, 0] == pytest.approx(10.0)


# ---------------------------------------------------------------------------------------
# the catalog entries (searches_peak.yaml)
# ---------------------------------------------------------------------------------------
KINEMATICS = {"pi+": C.M_PI, "K+": C.M_K, "e": C.M_E, "mu": C.M_MU}


def peak_entries():
    return [s for s in catalog().values() if s.technique == "peak_search"]


def test_catalog_peak_searches_load_and_cite_sources():
    names = {s.name for s in peak_entries()}
    assert {"PIENU", "TRIUMF-1992", "NA62-KeN", "NA62-KmuN", "E949-KmuN"} <= names
    for s in peak_entries():
        assert s.references and s.notes and s.cl == 0.9, s.name
        assert s.params["escape_length_m"] > 0 and "fermion" in s.models, s.name
        for e in s.params["br_limits"]:
            assert isinstance(e.get("source"), str) and len(e["source"]) > 20, (s.name, e)
            assert ("br_limit" in e) != ("u2_limit" in e), (s.name, e)
            value = e.get("br_limit", e.get("u2_limit"))
            assert 0 < value < 1, (s.name, e)
            if "u2_limit" in e:
                assert 0 < s.params["leptonic_br"] <= 1, s.name


def test_catalog_mass_ranges_are_inside_the_kinematic_range():
    for s in peak_entries():
        parent, lepton = re.fullmatch(r"(pi\+|K\+)->(e|mu)N", s.params["decay"]).groups()
        end = KINEMATICS[parent] - KINEMATICS[lepton]
        for e in s.params["br_limits"]:
            lo, hi = e["mass_GeV"]
            assert 0 < lo < hi < end, (s.name, lo, hi, end)
