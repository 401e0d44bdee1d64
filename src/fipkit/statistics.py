"""Event-count thresholds for exclusion and reach.

With no background the 90% CL upper limit on a Poisson signal is
-ln(0.1) = 2.303 events. With an expected background b (and n_obs observed,
by default n_obs = b rounded down for a projection), the classical upper limit
s_up solves P(n <= n_obs | s_up + b) = 1 - CL, i.e.
s_up = F^-1_{chi2, 2(n_obs+1)}(CL)/2 - b (PDG Statistics review, eq. 40.76),
floored at zero. F^-1_{chi2, 2k}(CL)/2 is the inverse regularised incomplete gamma
function P^-1(k, CL) (scipy.special.gammaincinv): no need for scipy.stats.
"""

from __future__ import annotations

import numpy as np


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
    if n == 0:  # P^-1(1, CL) = -ln(1 - CL): no special function needed
        return max(-float(np.log1p(-cl)) - background, 0.0)
    from scipy.special import gammaincinv  # imported only when needed (start-up time)

    return max(float(gammaincinv(n + 1, cl)) - background, 0.0)


def poisson_upper_limit_array(background, n_obs, cl: float = 0.9) -> np.ndarray:
    """The same limit for arrays of backgrounds and observed counts."""
    from scipy.special import gammaincinv

    b = np.asarray(background, float)
    return np.maximum(gammaincinv(np.asarray(n_obs, float) + 1, cl) - b, 0.0)


def expected_upper_limit(background, cl: float = 0.9) -> np.ndarray:
    """The expected limit of a counting search in a mass window: the Poisson upper limit
    on the signal with n_obs = floor(B) observed (about 1.28 sqrt(B) for large B at 90%)."""
    b = np.asarray(background, float)
    return poisson_upper_limit_array(b, np.floor(b), cl)


def describe_window(cl: float, sigmas: float, variable: str = "m") -> str:
    """The statistics text of a search in a +-k sigma window (:func:`expected_upper_limit`)."""
    return (
        f"Poisson upper limit ({cl:.0%} CL) on the signal in a +-{sigmas:g} sigma window of "
        f"{variable} with n_obs = B (1.28 sqrt(B) for large B)"
    )


def describe(background: float = 0.0, n_obs: int | None = None, cl: float = 0.9) -> str:
    s = poisson_upper_limit(background, n_obs, cl)
    if background == 0 and not n_obs:
        return f"N >= {s:.2f} signal events ({cl:.0%} CL, no background)"
    n = int(np.floor(background)) if n_obs is None else n_obs
    return (
        f"N >= {s:.2f} signal events ({cl:.0%} CL Poisson upper limit, "
        f"b = {background:g}, n_obs = {n})"
    )
