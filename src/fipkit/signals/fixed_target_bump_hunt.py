"""Technique: e Z -> e Z A', A' -> e+e- as a narrow peak over the trident continuum of a
thin fixed target (APEX, DarkLight), or any A' production whose irreducible background is
the same emission with a virtual photon (muons decaying at rest in Mu3e's target: mu ->
e nu nu A' over the internal conversion mu -> e nu nu e+ e-).

Signal (eps = 1): the search's production (thin-target bremsstrahlung,
:mod:`fipkit.production.electron_brem`), each A' decayed isotropically to e+e- in its
rest frame (a polarised A' gives 1 + cos^2; the isotropic approximation is stated) and
kept if both leptons fall in the spectrometer acceptance:

* ``arms``: two spectrometers on opposite sides of the beam (e- in the first, e+ in the
  second), each with central angle ``angle_deg``, half-acceptances ``h_mrad`` (in the
  bend plane) and ``v_mrad`` (out of it), central momentum ``p_GeV`` and half-width
  ``dp`` (fraction of p_GeV);
* ``lepton_acceptance``: a large-acceptance detector: each lepton's polar angle in
  ``theta_rad`` [lo, hi], |theta_y| >= ``theta_y_min_rad`` with the two on opposite
  sides (HPS's split tracker), momentum >= ``p_min_GeV``, transverse momentum >=
  ``pt_min_GeV``.

Both optionally with ``pair_energy_fraction`` [lo, hi]: (E+ + E-) / E_beam.

Background: the radiative tridents, e Z -> e Z gamma* (-> e+e-), have the A' kinematics
with the A' replaced by a virtual photon of mass m, hence the same acceptance, and

    dN_rad/dm = N_A'(m, eps = 1, accepted) (2 alpha / 3 pi m) (1 + 2 r) sqrt(1 - 4 r),
    r = m_e^2 / m^2

(Bjorken, Essig, Schuster, Toro, arXiv:0906.0580, Sec. III and eq. 19: S/B ~ (3 pi eps^2
/ 2 N_eff alpha)(m / delta m)); the Bethe-Heitler tridents and accidentals are added
through the search's ``radiative_fraction`` f_rad (radiative / all background in the
selected sample, as the experiments quote it): B = B_rad / f_rad. Counting in a window of
+-2 sigma_m (sigma_m = ``mass_resolution`` x m, with ``mass_resolution_GeV`` added in
quadrature) (95.4% of the signal); 90% CL from the Poisson upper limit at n_obs = B
(:func:`fipkit.statistics.expected_upper_limit`; no trials factor). The A' is taken to
decay at the target (a prompt search: the eps it reaches give decay lengths far below
the vertex resolution at these masses).

``measured_pairs``: {events, mass_range_GeV: [lo, hi]}: a published search that quotes
the number of e+e- pairs it selected sets its exposure by it (the computed background,
integrated over that mass range, is scaled to the quoted count, and the signal with it):
the limit then rests on the measured continuum, not on the beam charge and acceptance.

``settings``: a search made of several spectrometer settings (beam energy, charge,
angles) lists them, each a mapping with ``energy_GeV``, ``n_beam`` (electrons) and,
where they differ from the search's, ``arms`` / ``lepton_acceptance``; the reach is that
of the best setting at each mass (settings are not combined).
"""

from __future__ import annotations

import dataclasses
from typing import Any

import numpy as np

from .. import cache, statistics
from .. import constants as C
from ..errors import FipkitInputError
from ..kinematics import two_body_decay
from ..production import MonteCarlo, entry_scales, fip_samples
from . import Signal, Technique
from .bump_hunt import _lepton_factor
from .decay_in_volume import mass_window

#: e+e- decays generated per A' of the production sample
DECAYS_PER_FIP = 10
_ARM_KEYS = {"angle_deg", "h_mrad", "v_mrad", "p_GeV", "dp"}
_LEPTON_KEYS = {"theta_rad", "theta_y_min_rad", "p_min_GeV", "pt_min_GeV"}


def _bad(search, what: str) -> FipkitInputError:
    return FipkitInputError(f"{search.name}: {what}")


def _number(search, d: dict, key: str, where: str) -> float:
    v = d.get(key)
    if not isinstance(v, int | float) or isinstance(v, bool) or v < 0:
        raise _bad(search, f"{where} needs '{key}' as a number >= 0, got {v!r}")
    return float(v)


def _arm_cut(search, arm: Any, side: float, p: np.ndarray) -> np.ndarray:
    """Leptons (n, 3) inside a spectrometer on the side ``side`` (+1: +x, -1: -x)."""
    if not isinstance(arm, dict) or set(arm) - _ARM_KEYS:
        raise _bad(search, f"each of 'arms' is a mapping of {', '.join(sorted(_ARM_KEYS))}")
    a = {k: _number(search, arm, k, "an arm") for k in _ARM_KEYS}
    pabs = np.linalg.norm(p, axis=1)
    th_h = np.arctan2(side * p[:, 0], p[:, 2]) - np.radians(a["angle_deg"])
    th_v = np.arctan2(p[:, 1], np.hypot(p[:, 0], p[:, 2]))
    return (
        (np.abs(th_h) < 1e-3 * a["h_mrad"])
        & (np.abs(th_v) < 1e-3 * a["v_mrad"])
        & (np.abs(pabs / a["p_GeV"] - 1) < a["dp"])
    )


def _lepton_cut(search, acc: Any, p1: np.ndarray, p2: np.ndarray) -> np.ndarray:
    if not isinstance(acc, dict) or "theta_rad" not in acc or set(acc) - _LEPTON_KEYS:
        raise _bad(
            search,
            "lepton_acceptance is a mapping with 'theta_rad' [lo, hi] and optionally "
            "'theta_y_min_rad', 'p_min_GeV', 'pt_min_GeV'",
        )
    th = acc["theta_rad"]
    if not (isinstance(th, list) and len(th) == 2 and 0 <= th[0] < th[1]):
        raise _bad(search, f"lepton_acceptance theta_rad must be [lo, hi], got {th!r}")
    ymin = _number(search, {"v": acc.get("theta_y_min_rad", 0.0)}, "v", "theta_y_min_rad")
    pmin = _number(search, {"v": acc.get("p_min_GeV", 0.0)}, "v", "p_min_GeV")
    ptmin = _number(search, {"v": acc.get("pt_min_GeV", 0.0)}, "v", "pt_min_GeV")
    ok = np.ones(len(p1), bool)
    for p in (p1, p2):
        pabs = np.linalg.norm(p, axis=1)
        theta = np.arccos(np.clip(p[:, 2] / pabs, -1, 1))
        ok &= (theta >= th[0]) & (theta <= th[1]) & (pabs >= pmin)
        ok &= np.hypot(p[:, 0], p[:, 1]) >= ptmin
        ok &= np.abs(np.arctan2(p[:, 1], p[:, 2])) >= ymin
    if ymin > 0:  # one lepton in each half of the tracker
        ok &= np.sign(p1[:, 1]) != np.sign(p2[:, 1])
    return ok


def _in_acceptance(search, setting: dict, p1, p2, e_beam: float) -> np.ndarray:
    arms = setting.get("arms", search.params.get("arms"))
    lep = setting.get("lepton_acceptance", search.params.get("lepton_acceptance"))
    if (arms is None) == (lep is None):
        raise _bad(search, "give the acceptance as one of 'arms' or 'lepton_acceptance'")
    if arms is not None:
        if not isinstance(arms, list) or len(arms) != 2:
            raise _bad(search, "'arms' must list two spectrometers (e- arm, e+ arm)")
        ok = _arm_cut(search, arms[0], 1.0, p1) & _arm_cut(search, arms[1], -1.0, p2)
    else:
        ok = _lepton_cut(search, lep, p1, p2)
    frac = search.params.get("pair_energy_fraction")
    if frac is not None:
        if not (isinstance(frac, list) and len(frac) == 2 and 0 <= frac[0] < frac[1]):
            raise _bad(search, f"pair_energy_fraction must be [lo, hi], got {frac!r}")
        e = (np.linalg.norm(p1, axis=1) + np.linalg.norm(p2, axis=1)) / e_beam
        ok &= (e >= frac[0]) & (e <= frac[1])
    return ok


def settings(search) -> list[dict]:
    """The search's spectrometer settings: its ``settings`` or one from its detector."""
    raw = search.params.get("settings")
    if raw is None:
        n_beam = search.exposure.get("n_beam")
        if n_beam is None and "measured_pairs" not in search.params:
            raise _bad(search, "needs the detector's exposure n_beam, or measured_pairs")
        return [{"energy_GeV": float(search.beam["energy_GeV"]), "n_beam": n_beam}]
    if not isinstance(raw, list) or not raw or not all(isinstance(s, dict) for s in raw):
        raise _bad(search, "'settings' must be a non-empty list of mappings")
    allowed = {"energy_GeV", "n_beam", "arms", "lepton_acceptance"}
    for s in raw:
        if set(s) - allowed or not {"energy_GeV", "n_beam"} <= set(s):
            raise _bad(
                search,
                "each setting gives energy_GeV and n_beam, optionally arms or lepton_acceptance",
            )
        _number(search, s, "energy_GeV", "a setting")
        _number(search, s, "n_beam", "a setting")
    return raw


def _setting_search(search, setting: dict):
    beam = {**search.beam, "energy_GeV": float(setting["energy_GeV"])}
    det = dataclasses.replace(search.detector, beam=beam)
    return dataclasses.replace(search, detector=det)


def accepted_yield(
    search, model, mass: float, setting: dict, mc: MonteCarlo
) -> tuple[float, float]:
    """(FIPs, and the same at the photon's coupling) per beam particle at unit coupling
    with both leptons accepted (cached on disk). The second is the dark photon's at eps = 1
    whatever the model: the QED tridents of the background have the photon's couplings."""
    path = cache.key(
        "fixed_target_bump_hunt", [search.spec(), model.production_spec(), mass, setting, mc]
    )
    hit = cache.load(path)
    if hit is not None:
        return float(hit["value"]), float(hit["qed"])
    s_search = _setting_search(search, setting)
    total, qed = 0.0, 0.0
    if mass > 2 * C.M_E:
        scales = entry_scales(s_search, model, mass)
        for k, s in enumerate(fip_samples(s_search, model, mass, mc, scaled=False)):
            if not len(s):
                continue
            rng = np.random.default_rng([mc.seed, k, int(mass * 1e9)])
            w, p1, p2 = two_body_decay(
                s.weight, s.p, mass, C.M_E, C.M_E, rng, DECAYS_PER_FIP, return_recoil=True
            )
            ok = _in_acceptance(search, setting, p1, p2, float(setting["energy_GeV"]))
            total += float(w[ok].sum()) * scales[k]
            qed += float(w[ok].sum())
    cache.save(path, value=np.array(total), qed=np.array(qed))
    return total, qed


def _accepted(search, model, masses, setting: dict, mc: MonteCarlo) -> np.ndarray:
    """(2, n_mass): selected X -> e+e- candidates per beam particle at unit coupling, and
    the same at the photon's coupling (for the background), times the efficiency; 0
    outside the search's mass window (not computed)."""
    lo, hi = mass_window(search)
    acc = [
        accepted_yield(search, model, float(m), setting, mc) if lo <= m <= hi else (0.0, 0.0)
        for m in masses
    ]
    return search.efficiency * np.array(acc).T.reshape(2, len(masses))


def _background_per_gev(masses, accepted, f_rad: float) -> np.ndarray:
    """dB/dm from the radiative tridents in the same acceptance, over f_rad (BEST eq. 19)."""
    lep = _lepton_factor(masses, ("e+e-",))
    return accepted * 2 * C.ALPHA_EM / (3 * np.pi * masses) * lep / f_rad


def _measured_exposure(search, model, setting: dict, mc: MonteCarlo) -> float:
    """Beam electrons at which the computed background in ``measured_pairs``'s mass range
    equals its quoted count (24 masses, trapezoidal)."""
    mp = search.params["measured_pairs"]
    rng = mp.get("mass_range_GeV") if isinstance(mp, dict) else None
    ok = isinstance(mp, dict) and set(mp) == {"events", "mass_range_GeV"}
    ok = ok and isinstance(rng, list) and len(rng) == 2 and 0 < rng[0] < rng[1]
    if not ok:
        raise _bad(search, "measured_pairs is {events: N, mass_range_GeV: [lo, hi]}")
    events = _number(search, mp, "events", "measured_pairs")
    grid = np.linspace(float(rng[0]), float(rng[1]), 24)
    dens = _background_per_gev(
        grid,
        _accepted(search, model, grid, setting, mc)[1],
        float(search.params["radiative_fraction"]),
    )
    per_e = float(np.trapezoid(dens, grid))
    if per_e <= 0:
        raise _bad(search, "no computed pairs in the acceptance over measured_pairs' range")
    return events / per_e


def signal_and_background(model, search, masses, mc: MonteCarlo) -> tuple[np.ndarray, np.ndarray]:
    """(signal events at eps = 1 in the +-2 sigma_m window, background B), shape
    (n_settings, n_mass)."""
    p = search.params
    res = float(p["mass_resolution"])
    floor = float(p.get("mass_resolution_GeV", 0.0))
    f_rad = float(p["radiative_fraction"])
    if not 0 < f_rad <= 1 or res < 0 or floor < 0 or res + floor <= 0:
        raise _bad(
            search,
            "radiative_fraction must be in (0, 1] and the mass resolution (mass_resolution, "
            "mass_resolution_GeV) >= 0 and not both 0",
        )
    masses = np.asarray(masses, float)
    channels = search.channels_for(model) or ("e+e-",)
    br = np.asarray(model.br_visible(masses, tuple(channels)), float)
    sets = settings(search)
    if "measured_pairs" in p and len(sets) != 1:
        raise _bad(search, "measured_pairs normalises a single setting")
    s1, b = [], []
    for s in sets:
        n_e = _measured_exposure(search, model, s, mc) if "measured_pairs" in p else s["n_beam"]
        n, n_qed = float(n_e) * _accepted(search, model, masses, s, mc)
        s1.append(n * 0.954 * br)
        sigma_m = np.hypot(res * masses, floor)
        b.append(_background_per_gev(masses, n_qed, f_rad) * 4 * sigma_m)  # +-2 sigma_m
    return np.array(s1), np.array(b)


def evaluate(model, search, masses, couplings, mc: MonteCarlo) -> Signal:
    """R = max over settings of eps^2 S(eps = 1) / S_up(B)."""
    if model.family != "vector":
        raise _bad(search, f"the fixed-target bump hunt is for vector models, not {model.name}")
    s1, b = signal_and_background(model, search, masses, mc)
    s_up = statistics.expected_upper_limit(b, search.cl)
    with np.errstate(divide="ignore", invalid="ignore"):
        best = np.where(s1 > 0, s1 / s_up, 0.0).max(axis=0)
    g = np.asarray(couplings, float)
    ratio = best[:, None] * g[None, :] ** 2
    stat = statistics.describe_window(search.cl, 2, "m_ee")
    method = "e Z -> e Z A', A' -> e+e- bump hunt over the radiative and Bethe-Heitler tridents"
    return Signal(ratio, stat, method)


TECHNIQUE = Technique.builtin("fixed_target_bump_hunt", evaluate)
