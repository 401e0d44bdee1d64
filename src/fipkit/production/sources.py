"""From an experiment's list of production mechanisms to FIP samples at one mass.

Mechanism names used in ``experiments.yaml``:

* ``pi0``, ``eta``, ``etap``, ``omega``: meson decays (P -> gamma A', omega -> pi0 A'),
  parents from the facility's shipped spectra (:mod:`fipkit.spectra`);
* ``proton_brem``: proton bremsstrahlung (quasi-real approximation; A' or S by model);
* ``electron_brem_thick``: electron bremsstrahlung in a thick target (shower track length);
* ``{mechanism: electron_brem_thin, thickness_X0: t}``: thin-target bremsstrahlung;
* dark scalar: ``K+->pi+S``, ``KL->pi0S``, ``B->KS``, ``B0->K*0S``, ``B->XsS``
  (yield ∝ sin^2 theta) and
  ``{mechanism: h->SS, br: 0.01}`` (LHC only; BR(h -> S S) fixed, independent of theta:
  benchmark BC5 of arXiv:1901.09966, BR = 1e-2 by default).
"""

from __future__ import annotations

import zlib

import numpy as np

from ..errors import FipkitInputError
from ..sample import FIPSample, empty_sample

MESONS = ("pi0", "eta", "etap", "omega")
#: dark-scalar channels and the parent species they use
SCALAR = {
    "K+->pi+S": ("K+", "K-"),
    "KL->pi0S": ("KL",),
    "B->XsS": ("B+", "B-", "B0", "B0bar"),
    "B->KS": ("B+", "B-", "B0", "B0bar"),
    "B0->K*0S": ("B0", "B0bar"),
}
MECHANISMS = (
    MESONS + tuple(SCALAR) + ("h->SS", "proton_brem", "electron_brem_thick", "electron_brem_thin")
)
#: BC5 default BR(h -> S S) (arXiv:1901.09966 Sec. 4.2; review arXiv:2011.02157 Sec. 5.2)
BR_H_TO_SS_DEFAULT = 1e-2

#: default Monte Carlo sizes (per mass)
N_PARENTS = 30_000
N_BREM = 20_000
#: S per parent meson: off-axis and small detectors (CHARM) see few S; more decay
#: angles per parent cut the Monte Carlo noise of the lower edge
DECAYS_PER_PARENT = 8


def mechanism_name(entry) -> str:
    return entry if isinstance(entry, str) else entry["mechanism"]


def rng_for(seed: int, *keys) -> np.random.Generator:
    """A generator fixed by the seed and the keys (experiment, mechanism, mass)."""
    words = [seed] + [zlib.crc32(str(k).encode()) for k in keys]
    return np.random.default_rng(np.random.SeedSequence(words))


def fip_samples(
    experiment, mass: float, seed: int = 1, model: str = "dark-photon"
) -> list[FIPSample]:
    """One FIPSample per production mechanism of ``experiment`` for ``model`` at ``mass`` (GeV)."""
    out = []
    for entry in experiment.production_for(model):
        name = mechanism_name(entry)
        rng = rng_for(seed, experiment.name, name, f"{mass:.9g}")
        out.append(_one(experiment, entry, name, mass, rng, model))
    return out


def _one(exp, entry, name, mass, rng, model="dark-photon") -> FIPSample:
    beam_e = float(exp.beam["energy_GeV"])
    if name in MESONS:
        from .. import spectra
        from .meson_decays import max_mass, meson_decay_sample

        if mass >= max_mass(name):
            return empty_sample(mass, f"{name} decay")
        w, p = spectra.parent_sample(exp.facility, name, rng=rng, max_points=N_PARENTS)
        return meson_decay_sample(w, p, name, mass, rng)
    if name in SCALAR:
        return _scalar_from_mesons(exp, name, mass, rng)
    if name == "h->SS":
        return _scalar_pairs_from_higgs(exp, entry, mass, rng)
    if name == "proton_brem":
        from .proton_brem import proton_brem_sample

        kind = "scalar" if model == "dark-scalar" else "vector"
        return proton_brem_sample(beam_e, mass, rng, n=N_BREM, kind=kind)
    if name == "electron_brem_thick":
        from .electron_brem import electron_dump_sample

        return electron_dump_sample(beam_e, exp.target, mass, rng, n=N_BREM)
    if name == "electron_brem_thin":
        from .electron_brem import electron_thin_target_sample

        return electron_thin_target_sample(
            beam_e, exp.target, float(entry["thickness_X0"]), mass, rng, n=N_BREM
        )
    raise FipkitInputError(f"unknown production mechanism '{name}'; valid: {', '.join(MECHANISMS)}")


#: cascade enhancement of b b-bar production in a thick target (secondary hadrons),
#: 1.7 at 400 GeV (SHiP-NOTE-2015-009, as used by SensCalc arXiv:2305.13383); 1 elsewhere
BEAUTY_CASCADE = {"SPS400": 1.7}


def heavy_flavour_factor(exp) -> float:
    """Beauty per POT on a nuclear target relative to the pp tables: A^0.29
    (sigma_bb ∝ A, sigma_inel ∝ A^0.71; Lourenco-Wohri, hep-ph/0609101) times the
    cascade factor."""
    from .. import constants as C

    return C.MATERIALS[exp.target]["A"] ** 0.29 * BEAUTY_CASCADE.get(exp.facility, 1.0)


def _scalar_from_mesons(exp, channel, mass, rng) -> FIPSample:
    """S from K or B decays. Kaons in a thick target mostly interact before they decay:
    each is weighted by its decay-before-absorption probability 1/(1 + beta gamma c tau /
    lambda_I), with the nuclear interaction length of the target (an approximation: the
    kaon-nucleus length is somewhat longer). No kaon decays at a collider (no target)."""
    from .. import constants as C
    from .. import spectra
    from .scalar_production import meson_to_scalar_sample

    parts = []
    for species in SCALAR[channel]:
        if species.startswith("K") and not exp.target:
            continue
        w, p = spectra.parent_sample(exp.facility, species, rng=rng, max_points=N_PARENTS)
        if species.startswith("B") and exp.target:
            w = w * heavy_flavour_factor(exp)
        if species.startswith("K"):
            mat = C.MATERIALS[exp.target]
            lam = mat["lambda_I"] / mat["rho"] / 100.0  # metres
            pid = 130 if species == "KL" else 321
            bgct = np.linalg.norm(p, axis=1) / C.mass(pid) * C.ctau(pid)
            w = w / (1 + bgct / lam)
        # a 4 pi detector around a B factory sees every decay angle: one decay per parent
        n_dec = 1 if exp.facility == spectra.B_FACTORY else DECAYS_PER_PARENT
        parts.append(meson_to_scalar_sample(w, p, channel, mass, rng, n_dec))
    parts = [x for x in parts if len(x)]
    if not parts:
        return empty_sample(mass, channel, coupling_power=1)
    return FIPSample.concatenate(parts)


def _scalar_pairs_from_higgs(exp, entry, mass, rng) -> FIPSample:
    """S from h -> S S at the LHC, BR(h -> S S) fixed (coupling power 0). Each decay gives
    two scalars; both are kept (weight 2 BR per Higgs; one decays in the volume at most,
    as the probability is small wherever it matters)."""
    from .. import constants as C
    from .. import spectra
    from .kinematics import two_body_decay

    br = (
        float(entry.get("br", BR_H_TO_SS_DEFAULT))
        if isinstance(entry, dict)
        else BR_H_TO_SS_DEFAULT
    )
    if exp.target or 2 * mass >= C.M_H:
        return empty_sample(mass, "h->SS", coupling_power=0)
    w, p = spectra.parent_sample(exp.facility, "h", rng=rng, max_points=N_PARENTS)
    w1, p1, p2 = two_body_decay(w, p, C.M_H, mass, mass, rng, return_recoil=True)
    return FIPSample(
        mass,
        np.concatenate([w1, w1]) * br,
        np.concatenate([p1, p2]),
        coupling_power=0,
        mechanism="h->SS",
    )
