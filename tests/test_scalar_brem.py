"""Proton bremsstrahlung of the dark scalar (quasi-real approximation, no form factor).

Checks: the massless limit of the derived splitting is the Yukawa splitting function
g^2 z / (16 pi^2 pT^2); the yield scales as f_N^2; and "where it matters" for Fig. 4: added
to SHiP's meson production it changes the largest signal by 3% at 1 GeV and 1% at 2 GeV
(measured), and above m_B - m_K, where it is alone, it gives at most 0.1 events (measured
0.10 at 5 GeV) - no region. That is why no catalog entry uses it by default.
"""

import dataclasses

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.production import proton_brem as pb
from fipkit.signals.decay_in_volume import signal_events


def test_massless_limit_is_yukawa_splitting(monkeypatch):
    monkeypatch.setattr(C, "M_P", 1e-9)
    z, pt2 = np.array([0.2, 0.5, 0.8]), 0.3
    g2 = (pb.F_N_HIGGS * C.M_P / C.V_HIGGS) ** 2
    assert np.allclose(pb.scalar_splitting(z, pt2, 1e-9), g2 * z / (16 * np.pi**2 * pt2), rtol=1e-6)


def test_yield_scales_with_nucleon_coupling(monkeypatch):
    y1 = pb.proton_brem_yield(400.0, 1.0, kind="scalar")
    monkeypatch.setattr(pb, "F_N_HIGGS", 2 * pb.F_N_HIGGS)
    assert pb.proton_brem_yield(400.0, 1.0, kind="scalar") / y1 == pytest.approx(4.0, rel=1e-9)


def test_brem_does_not_matter_for_ship():
    model = get_model("dark-scalar")
    e = get_experiment("SHiP")
    p = dict(e.production)
    p["dark-scalar"] = list(p["dark-scalar"]) + ["proton_brem"]
    with_brem = dataclasses.replace(e, production=p)
    ms, g = np.array([1.0, 5.0]), np.logspace(-14, -4, 101)
    n0 = signal_events(model, e, ms, g).max(axis=1)
    n1 = signal_events(model, with_brem, ms, g).max(axis=1)
    assert 1.0 < n1[0] / n0[0] < 1.06  # measured 1.03
    assert n0[1] == 0 and n1[1] < 0.5  # measured 0.10 events: no region at 5 GeV
