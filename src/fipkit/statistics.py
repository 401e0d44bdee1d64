"""Event-count thresholds for exclusion and reach.

With no background the 90% CL upper limit on a Poisson signal is
-ln(0.1) = 2.303 events. With an expected background b (and n_obs observed,
by default n_obs = b rounded down for a projection), the classical upper limit
s_up solves P(n <= n_obs | s_up + b) = 1 - CL, i.e.
s_up = F^-1_{chi2, 2(n_obs+1)}(CL)/2 - b (PDG Statistics review, eq. 40.76),
floored at the background-free value scaled by nothing: we keep s_up >= 0.
"""

from __future__ import annotations

import numpy as np
from scipy.stats import chi2


def poisson_upper_limit(
    background: float = 0.0, n_obs: int | None = None, cl: float = 0.9
) -> float:
    """Signal events excluded at confidence level ``cl``.

    background : expected background events b >= 0.
    n_obs : observed events; default floor(b) (median-ish expectation for a projection).
    """
    if background < 0:
        raise ValueError("background must be >= 0")
    n = int(np.floor(background)) if n_obs is None else int(n_obs)
    return max(0.5 * chi2.ppf(cl, 2 * (n + 1)) - background, 0.0)


def describe(background: float = 0.0, n_obs: int | None = None, cl: float = 0.9) -> str:
    s = poisson_upper_limit(background, n_obs, cl)
    if background == 0 and not n_obs:
        return f"N >= {s:.2f} signal events ({cl:.0%} CL, no background)"
    n = int(np.floor(background)) if n_obs is None else n_obs
    return (
        f"N >= {s:.2f} signal events ({cl:.0%} CL Poisson upper limit, "
        f"b = {background:g}, n_obs = {n})"
    )
