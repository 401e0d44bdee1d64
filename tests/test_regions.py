"""Computed dark-photon regions against the published curves (../shared/reference).

Measure: median |delta log10 eps| along the lower and the upper boundary, over the
masses where both curves exist (our grid masses; the reference interpolated in
log-log). Target from the issue: <= 0.15 dex on each edge. The measured value of
each comparison is written next to its assertion.
"""

import numpy as np
import pytest

from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.reach import compute_reach

from refcurves import edge_deviation, read_lmt

MASSES = np.logspace(-3, 0.5, 36)
COUPLINGS = np.logspace(-9, -2, 71)


@pytest.fixture(scope="module")
def dp():
    return get_model("dark-photon")


def deviation(dp, experiment, ref_file, m_range=None):
    curve = compute_reach(dp, get_experiment(experiment), MASSES, COUPLINGS)
    assert not curve.empty, f"{experiment}: no region computed"
    m, lo, hi = read_lmt(ref_file)
    return edge_deviation(curve, m, lo, hi, m_range)
