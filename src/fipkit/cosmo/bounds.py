"""Dark-photon bounds that are not beam dumps, as Curves: (g-2)_e, (g-2)_mu, SN1987A."""

from __future__ import annotations

import numpy as np

from ..curves import Curve, inputs_hash


def _curve(model, masses, lo, hi, experiment, kind, label, method, refs):
    lo, hi = np.asarray(lo, float), np.asarray(hi, float)
    ok = np.isfinite(lo) & (lo > 0) & ((hi > lo) | ~np.isfinite(hi))
    return Curve(
        np.asarray(masses)[ok],
        lo[ok],
        hi[ok],
        model=model.name,
        experiment=experiment,
        kind=kind,
        quantity=model.coupling_name,
        quantity_label=model.coupling_label,
        method=method,
        references=refs,
        label=label,
        inputs_hash=inputs_hash([experiment, list(map(float, masses))]),
    )


def dark_photon_bounds(model, masses) -> dict[str, Curve]:
    """(g-2)_e exclusion, (g-2)_mu preferred band, SN1987A cooling, on ``masses`` (GeV)."""
    from . import g_minus_2, supernova

    masses = np.asarray(masses, float)
    out = {}
    eps_e = g_minus_2.g2_electron_bound(masses)
    out["g-2_e"] = _curve(
        model,
        masses,
        eps_e,
        np.full_like(masses, np.inf),
        "(g-2)_e",
        "bound",
        "$(g-2)_e$ (one loop)",
        g_minus_2.g2_electron_bound.__doc__.split("\n")[0],
        ["Pospelov, arXiv:0811.1030"],
    )
    lo, hi = g_minus_2.g2_muon_band(masses)
    out["g-2_mu"] = _curve(
        model,
        masses,
        lo,
        hi,
        "(g-2)_mu band",
        "target",
        r"$(g-2)_\mu$ 2$\sigma$ band (one loop)",
        g_minus_2.g2_muon_band.__doc__.split("\n")[0],
        ["Pospelov, arXiv:0811.1030"],
    )
    lo, hi = supernova.sn1987a_bound(masses, model.ctau)
    out["SN1987A"] = _curve(
        model,
        masses,
        lo,
        hi,
        "SN1987A",
        "bound",
        "SN1987A (one-zone cooling)",
        supernova.sn1987a_bound.__doc__.split("\n")[0],
        ["Chang, Essig, McDermott, arXiv:1611.03864"],
    )
    return out
