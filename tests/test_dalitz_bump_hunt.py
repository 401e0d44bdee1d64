"""The Dalitz bump hunt (pi0 -> gamma A' over pi0 -> gamma e+e-): the continuum against
the measured branching ratio, the scaling laws of a background-dominated peak search,
the prompt requirement and bad input (NA48/2 against its published limit:
tests/test_regions.py)."""

import dataclasses

import numpy as np
import pytest

from fipkit.errors import FipkitInputError
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach
from fipkit.signals.dalitz_bump_hunt import dalitz_br, dalitz_dbr_dm

DP = get_model("dark-photon")
G = np.logspace(-5, -2, 121)


def _with(search, **params):
    return dataclasses.replace(search, params={**search.params, **params})


def _edge(search, masses):
    c = compute_reach(DP, search, masses, G)
    return c.lower_edge()[1]


def test_dalitz_branching_ratio_is_the_measured_one():
    """Kroll-Wada integrated from 2 m_e: BR(pi0 -> gamma e+e-) = 1.174% (PDG 2024,
    1.174 +- 0.035%); measured 1.1736%. The eta (PDG 0.69 +- 0.02%; fipkit 0.656%, its
    pole-form slope a = 0.585 only approximates the measured form factor)."""
    assert dalitz_br("pi0") == pytest.approx(1.174e-2, rel=0.01)
    assert dalitz_br("eta") == pytest.approx(0.69e-2, rel=0.07)


def test_continuum_relation():
    """dBR/dm = BR(P -> gamma A')|eps=1 (2 alpha / 3 pi m)(1 + 2r) sqrt(1 - 4r): the
    virtual photon of mass m as the A' (module doc)."""
    from fipkit import constants as C
    from fipkit.models.meson_to_aprime import br_meson_to_aprime
    from fipkit.signals.dalitz_bump_hunt import _ff2

    m = np.array([0.01, 0.05, 0.1])
    r = C.M_E**2 / m**2
    lhs = dalitz_dbr_dm("pi0", m)
    rhs = br_meson_to_aprime("pi0", m) * _ff2("pi0", m)
    rhs = rhs * 2 * C.ALPHA_EM / (3 * np.pi * m) * (1 + 2 * r) * np.sqrt(1 - 4 * r)
    np.testing.assert_allclose(lhs, rhs, rtol=1e-6)


def test_background_dominated_scaling():
    """eps_min ∝ (sigma_m / N)^(1/4) when B >> 1: 16x the sample lowers the edge 2x, 16x
    the resolution raises it 2x."""
    base = get_experiment("NA48-2")
    m = np.array([0.02, 0.06])
    e0 = _edge(base, m)
    more = _with(base, n_dalitz=16 * 1.69e7)
    wider = _with(base, mass_resolution=16 * 0.011)
    np.testing.assert_allclose(e0 / _edge(more, m), 2.0, rtol=0.03)
    np.testing.assert_allclose(_edge(wider, m) / e0, 2.0, rtol=0.03)


def test_prompt_requirement_does_not_set_the_lower_edge():
    """At the lower edge (eps ~ 5e-4) the A' decay length is ~4 cm at 10 MeV (beta gamma
    ~ 1000), less above: the 1 m prompt cut x10 or /3 moves the lower edge by < 0.01 dex
    (/10: 0.014 at 10 MeV); a 1 mm cut weakens the edge at 10 MeV."""
    base = get_experiment("NA48-2")
    m = np.array([0.01, 0.05])
    e0 = _edge(base, m)
    for f in (0.3, 10.0):
        e = _edge(_with(base, max_decay_length_m=f), m)
        assert np.all(np.abs(np.log10(e / e0)) < 0.01)
    assert _edge(_with(base, max_decay_length_m=1e-3), m)[0] > 1.2 * e0[0]


def test_bad_parent_is_one_clear_line():
    s = _with(get_experiment("NA48-2"), parent="kaon")
    with pytest.raises(FipkitInputError, match="parent must be one of pi0, eta") as e:
        compute_reach(DP, s, [0.02], G)
    assert "\n" not in str(e.value)
