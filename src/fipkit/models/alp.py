"""Axion-like particles (review arXiv:2011.02157 Sec. 5.3, Table 3; PBC arXiv:1901.09966).

BC9, the photon coupling (model ``alp-photon``):

    L = -(g_agg / 4) a F_{mu nu} Ftilde^{mu nu},  g_agg in GeV^-1,

so Gamma(a -> gamma gamma) = g_agg^2 m^3 / (64 pi) (:mod:`fipkit.models.alp_widths`;
e.g. Dobrich et al. arXiv:1512.03069 eq. 2.2; the FORESEE and ALPINIST conventions agree:
g_agg = 4 e^2 C_gammagamma / Lambda = 16 pi alpha C_gammagamma / Lambda of
Bauer-Neubert-Thamm arXiv:1708.00443, whose Gamma = 4 pi alpha^2 m^3 |C_gg|^2/Lambda^2
is the same width). The loop-induced a -> e+ e- of a photon-only ALP is suppressed by
alpha^2 m_e^2 / m^2 and left out.

Production: Primakoff conversion gamma Z -> a Z of the photons of pi0 and eta decays in
the target (:mod:`fipkit.production.primakoff`). A channel's ``br`` there is the number
of photons per parent decay into the mode (2 x BR(P -> gamma gamma)); the conversion
probability carries g_agg^2 (``coupling_power`` 2).

BC10, the fermion coupling (model ``alp-fermion``): universal derivative couplings to the
charged leptons and quarks, on the axis g_Y = 2 v / f_l (review Table 3; conventions in
:mod:`fipkit.models.alp_widths`). Widths: a -> l l, the loop-induced gamma gamma and, above
2 GeV, s s-bar, c c-bar, g g (:func:`~fipkit.models.alp_widths.widths_fermion`).
Production: B -> K(*) a and K -> pi a through the top loop at Lambda = 1 TeV
(:mod:`fipkit.models.alp_production`; BR ∝ g_Y^2, ``coupling_power`` 2). The top-loop
coupling follows 2110.10698 / 2012.12272 as recalled, not re-read, and no BR has been
checked against a published number yet (stated in that module and in the issue note).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from .. import constants as C
from . import alp_production as ap
from .alp_widths import width_photon, widths_fermion
from .base import ConstantBR, Model, ProductionChannel

#: Primakoff channels: name -> (parent species, parent mass, BR(P -> gamma gamma))
PRIMAKOFF_PARENTS = {
    "primakoff_pi0": ("pi0", C.M_PI0, C.BR_PI0_GG),
    "primakoff_eta": ("eta", C.M_ETA, C.BR_ETA_GG),
}


@dataclass(frozen=True)
class ALPPhoton(Model):
    name = "alp-photon"
    family = "pseudoscalar"
    coupling_name = "g_agg_GeV-1"
    coupling_label = r"$g_{a\gamma\gamma}$ [GeV$^{-1}$]"
    coupling_unit = "GeV^-1"
    width_power = 2
    mass_range = (1e-21, 20.0)  # 1e-12 eV (the wide panel) to 20 GeV
    coupling_range = (0.0, 1.0)
    default_couplings = (-9.0, -1.0, 81)
    visible_channels = ("gamma gamma",)
    description = "ALP coupled to photons (BC9), g_agg in GeV^-1"

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        return {"gamma gamma": width_photon(m)}

    def production_channels(self) -> Mapping[str, ProductionChannel]:
        """Photons of pi0 and eta decays converting on the target's nuclei (proton
        dumps); the photons of an electron dump's shower (``primakoff_shower``)."""
        out = {
            name: ProductionChannel(
                mechanism="primakoff",
                parents=(species,),
                parent_mass=M,
                recoil_mass=0.0,
                br=ConstantBR(2 * br),
                coupling_power=2,
                label=f"{species} -> gamma gamma, gamma Z -> a Z",
            )
            for name, (species, M, br) in PRIMAKOFF_PARENTS.items()
        }
        out["primakoff_shower"] = ProductionChannel(
            mechanism="primakoff_shower",
            parents=(),
            parent_mass=np.inf,
            recoil_mass=0.0,
            br=ConstantBR(1.0),  # not used: the shower's photons are its own
            coupling_power=2,
            label="shower photons, gamma Z -> a Z",
        )
        return out

    def production_groups(self) -> Mapping[str, tuple[str, ...]]:
        return {"primakoff": tuple(PRIMAKOFF_PARENTS)}


#: BC10 meson-decay channels: name -> (parent species, alp_production channel, recoil PDG id)
FERMION_CHANNELS = {
    "B->Ka": (("B+", "B-"), "B+->K+a", 321),
    "B0->K0a": (("B0", "B0bar"), "B0->K0a", 311),
    "B0->K*0a": (("B0", "B0bar"), "B0->K*0a", 313),
    "K+->pi+a": (("K+", "K-"), "K+->pi+a", 211),
    "KL->pi0a": (("KL",), "KL->pi0a", 111),
}


@dataclass(frozen=True)
class ALPFermion(Model):
    name = "alp-fermion"
    family = "pseudoscalar"
    coupling_name = "g_Y"
    coupling_label = r"$g_Y = 2v/f_\ell$"
    coupling_unit = ""
    width_power = 2
    mass_range = (1e-3, 10.0)
    #: g_Y <= 1: BR(B -> K a) = 0.65 g_Y^2 at small m (no larger coupling is meaningful)
    coupling_range = (0.0, 1.0)
    default_couplings = (-10.0, 0.0, 81)
    visible_channels = ("e+e-", "mu+mu-", "gamma gamma")
    description = "ALP coupled to fermions (BC10), g_Y = 2 v / f_l"

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        return widths_fermion(m)

    def production_channels(self) -> Mapping[str, ProductionChannel]:
        """B -> K(*) a and K -> pi a through the top loop (BR at g_Y = 1)."""
        out = {}
        for name, (parents, key, recoil) in FERMION_CHANNELS.items():
            _, parent_pdg = ap.CHANNELS_BC10[key]
            out[name] = ProductionChannel(
                mechanism="meson_decay",
                parents=parents,
                parent_mass=C.mass(parent_pdg),
                recoil_mass=C.mass(recoil),
                br=partial(ap.br_bc10, key),
                coupling_power=2,
                label=name,
            )
        return out

    def production_groups(self) -> Mapping[str, tuple[str, ...]]:
        return {"beauty": ("B->Ka", "B0->K0a", "B0->K*0a"), "kaon": ("K+->pi+a", "KL->pi0a")}
