"""Heavy neutral leptons N mixing with the active neutrinos (review arXiv:2011.02157
Sec. 5.4; PBC benchmarks BC6, BC7, BC8: one flavour at a time; beyond them any pattern).

The coupling on the figure axis is U2 = |U_e|^2 + |U_mu|^2 + |U_tau|^2; the mixing
pattern ``x_e : x_mu : x_tau`` (normalised to 1) shares it out, |U_a|^2 = x_a U2. Every
width and every production BR is linear in U2 (width power 1, coupling power 1):

    Gamma(N -> f) = U2 sum_a x_a Gamma_a(f),   BR(P -> l_a N) = U2 x_a BR_a,

with Gamma_a and BR_a at |U_a|^2 = 1 from :mod:`fipkit.models.hnl_widths` and
:mod:`fipkit.models.hnl_production` (different flavours do not interfere: they end in
different neutrino flavours). Majorana N by default; ``dirac = True`` halves every
width (a Dirac N has no charge-conjugate decays: no lepton-number-violating modes) and
leaves the production BRs unchanged, so at equal U2 a Dirac N lives twice as long.

Production channels, by group (a search lists the group names):

* ``kaon``: K -> l N (K+, K-), K+ -> pi0 l N, K_L -> pi l N;
* ``charm``: D -> l N, D_s -> l N, D -> K(*) l N;
* ``beauty``: B -> l N, B -> D(*) l N, B_s -> D_s(*) l N;
* ``Bc``: B_c -> l N (at the LHC only: :data:`fipkit.spectra.B_C`);
* ``tau``: D_s -> tau nu, then tau -> N pi, N K, N rho (two-body), tau -> nu_tau l N
  (three-body, via U_e, U_mu) and tau -> N l nu-bar (via U_tau). Each three-body decay
  is sampled through the pair whose invariant mass fixes |M|^2: tau -> N + (l nu_tau)
  for U_l (the N recoiling, ``fip_recoils``), tau -> nu + (l N) for U_tau, with the
  exact dBR/dq2 and the pair isotropic in its frame: the N energy spectrum in the tau
  frame is then the exact dBR/dE_N (tests/test_hnl_production.py);
* ``pion``: pi -> l N (peak searches, and the pions of a neutrino beam line);
* ``tau-pair``: the same tau decays for the taus of e+e- -> tau+ tau- at a B factory
  (:func:`fipkit.spectra.upsilon4s_taus`);
* ``W``: W -> l N and ``Z``: Z -> nu N (LEP 1's Z at rest, the LHC's W and Z tables).

In a neutrino beam line (a detector with ``beamline``, :mod:`fipkit.production.beamline`)
the kaons and pions are the horn-focused ones decaying in flight in the pipe.

A selection of named exclusive channels (``"e pi"``) counts their exclusive widths over
the total at every mass (:meth:`HNL.br_visible`), also above the matching mass.

The pseudo-channel ``"2 charged tracks"`` of :meth:`HNL.br_visible` counts each decay
channel with its fraction of decays giving at least two charged tracks
(:data:`fipkit.models.hnl_widths.CHARGED_TRACKS`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache, partial
from typing import Any

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from . import hnl_production as hp
from . import hnl_widths as hw
from .base import ChainedChannel, Model, ProductionChannel, ThreeBodyChannel, flag, parameter

FLAVOURS = ("e", "mu", "tau")
#: the pseudo-channel: decays with at least two charged tracks from the N vertex
TWO_TRACKS = "2 charged tracks"
_LEPTON_PDG = {"e": 11, "mu": 13, "tau": 15}
#: spectra species of each parent and its charge conjugate
_SPECIES = {
    "pi+": ("pi+", "pi-"),
    "K+": ("K+", "K-"),
    "D+": ("D+", "D-"),
    "Ds+": ("Ds+", "Ds-"),
    "B+": ("B+", "B-"),
    "Bc+": ("Bc+", "Bc-"),
}
_PDG = {"pi+": 211, "K+": 321, "D+": 411, "Ds+": 431, "B+": 521, "Bc+": 541}
#: two-body P -> l N by group; "Bc" apart from "beauty": B_c exist at the LHC only
#: (fipkit.spectra.B_C)
_GROUPS_TWO_BODY = {"pion": ("pi+",), "kaon": ("K+",), "charm": ("D+", "Ds+"), "beauty": ("B+",)}
_GROUPS_TWO_BODY |= {"Bc": ("Bc+",)}
_GROUP_OF_PARENT = {"K": "kaon", "D": "charm", "B": "beauty"}
#: q2 strata of the three-body channels (:mod:`fipkit.production.three_body`): half
#: the cost of 8; seed-to-seed signal spread at SHiP, 0.3 GeV, 16k parents: 4.4% with 4
#: strata, 3.2% with 8 (about 0.01 and 0.007 dex on a lower edge)
N_Q2 = 4


def _scaled(fn, x: float, m):
    return x * np.asarray(fn(m), float)


@dataclass(frozen=True)
class HNL(Model):
    """An HNL with mixing pattern ``ratio_e : ratio_mu : ratio_tau`` (U2 = the sum)."""

    name = "hnl"
    family = "fermion"
    coupling_name = "U2"
    coupling_label = r"$|U|^2$"
    width_power = 1
    mass_range = (1e-3, 80.0)
    coupling_range = (0.0, 1.0)
    default_couplings = (-12.0, -1.0, 89)
    visible_channels = (TWO_TRACKS,)
    description = "heavy neutral lepton, |U|^2 = sum of |U_a|^2 with the mixing ratios"
    decay_only_parameters = ("dirac", "matching")
    ratio_e: float = parameter(1.0, 0.0, 1e6, low_open=False, help="share of |U_e|^2 in U2")
    ratio_mu: float = parameter(1.0, 0.0, 1e6, low_open=False, help="share of |U_mu|^2 in U2")
    ratio_tau: float = parameter(1.0, 0.0, 1e6, low_open=False, help="share of |U_tau|^2 in U2")
    dirac: bool = flag(False, help="a Dirac HNL (default Majorana): half the widths")
    matching: float = parameter(
        hw.M_MATCH,
        0.5,
        5.0,
        help="GeV, exclusive hadronic widths below, quark-level above (the theory band)",
    )

    def __post_init__(self) -> None:
        super().__post_init__()
        if self.ratio_e + self.ratio_mu + self.ratio_tau <= 0:
            raise FipkitInputError(
                f"{self.name}: the mixing ratios are all zero; give e.g. --mixing 1:0:0"
            )

    # -- mixing -------------------------------------------------------------
    @property
    def mixing(self) -> dict[str, float]:
        """x_a = |U_a|^2 / U2 for a = e, mu, tau (they add up to 1)."""
        r = (self.ratio_e, self.ratio_mu, self.ratio_tau)
        s = sum(r)
        return {a: v / s for a, v in zip(FLAVOURS, r, strict=True)}

    def _flavours(self):
        return [(a, x) for a, x in self.mixing.items() if x > 0]

    # -- widths -------------------------------------------------------------
    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        m = np.asarray(m, float)
        out: dict[str, np.ndarray] = {}
        for a, x in self._flavours():
            for ch, w in hw.partial_widths(
                m, a, majorana=not self.dirac, matching=self.matching
            ).items():
                out[ch] = out.get(ch, 0.0) + x * w
        return out

    def exclusive_widths(self, m: Any) -> dict[str, np.ndarray]:
        """Partial widths of every exclusive final state at every mass (no switch to
        quark-level widths above the matching mass), GeV at U2 = 1."""
        m = np.asarray(m, float)
        out: dict[str, np.ndarray] = {}
        for a, x in self._flavours():
            for ch, w in hw.partial_widths(m, a, majorana=not self.dirac, matching=np.inf).items():
                out[ch] = out.get(ch, 0.0) + x * w
        return out

    def br_visible(self, m: Any, channels: tuple[str, ...] = ()) -> np.ndarray:
        """BR into ``channels``; ``"2 charged tracks"`` counts every channel with its
        fraction of two-or-more-track decays (the default). A named exclusive channel
        (``"e pi"``) has its exclusive width over the total also above the matching mass,
        where the total's hadronic part is quark-level (a published selection of N -> l
        pi does not vanish there)."""
        widths = self.partial_widths(m)
        width = np.sum(list(widths.values()), axis=0)
        with np.errstate(invalid="ignore", divide="ignore"):
            brs = {k: np.where(width > 0, v / width, 0.0) for k, v in widths.items()}
        total = np.zeros(np.shape(m))
        named = [c for c in channels or self.visible_channels if c != TWO_TRACKS]
        excl = self.exclusive_widths(m) if named else {}
        for c in channels or self.visible_channels:
            if c == TWO_TRACKS:
                for k, v in brs.items():
                    total = total + hw.CHARGED_TRACKS[k] * v
            elif c in excl and c not in hw.QUARK_CHANNELS:
                with np.errstate(invalid="ignore", divide="ignore"):
                    total = total + np.where(width > 0, excl[c] / width, 0.0)
            elif c in brs:
                total = total + brs[c]
        return total

    # -- production ---------------------------------------------------------
    def production_channels(self) -> Mapping[str, Any]:
        return _channels(tuple(self.mixing.values()))[0]

    def production_groups(self) -> Mapping[str, tuple[str, ...]]:
        return _channels(tuple(self.mixing.values()))[1]


@cache
def _channels(mixing: tuple[float, ...]) -> tuple[dict[str, Any], dict[str, tuple[str, ...]]]:
    """The production channels and groups for mixing fractions (x_e, x_mu, x_tau)."""
    chans: dict[str, Any] = {}
    groups: dict[str, list[str]] = {
        g: [] for g in ("pion", "kaon", "charm", "beauty", "Bc", "tau", "tau-pair", "W", "Z")
    }
    x = dict(zip(FLAVOURS, mixing, strict=True))
    for a in FLAVOURS:
        ml = C.mass(_LEPTON_PDG[a])
        # two-body leptonic P -> l N
        for group, parents in _GROUPS_TWO_BODY.items():
            for parent in parents:
                name = f"{parent}->{a}N"
                chans[name] = ProductionChannel(
                    mechanism="meson_decay",
                    parents=_SPECIES[parent],
                    parent_mass=C.mass(_PDG[parent]),
                    recoil_mass=ml,
                    br=partial(_scaled, partial(hp.br_leptonic, parent, a), x[a]),
                    coupling_power=1,
                    label=name,
                )
                if x[a] > 0:
                    groups[group].append(name)
        # semileptonic P -> X l N
        for key, info in hp.SEMILEPTONIC.items():
            name = f"{key}{a}N"
            chans[name] = ThreeBodyChannel(
                parents=info.parents,
                parent_mass=info.parent_mass,
                spectator_mass=info.hadron_mass,
                partner_mass=ml,
                br=partial(_scaled, partial(hp.br_semileptonic, key, a), x[a]),
                dbr_dq2=partial(hp.dbr_dq2, key, a),
                coupling_power=1,
                label=name,
                n_q2=N_Q2,
            )
            if x[a] > 0:
                groups[_GROUP_OF_PARENT[key[0]]].append(name)
    # taus from D_s -> tau nu (the intermediate: coupling power 0)
    m_ds, m_tau = C.mass(431), C.mass(15)
    chans["Ds->taunu"] = ProductionChannel(
        mechanism="meson_decay",
        parents=_SPECIES["Ds+"],
        parent_mass=m_ds,
        recoil_mass=0.0,
        br=partial(_const, hp.br_ds_to_tau_nu()),
        coupling_power=0,
        label="Ds->taunu",
    )
    for ch, recoil in hp.TAU_TWO_BODY.items():  # tau -> N h, U_tau
        name = f"Ds->taunu,{ch}"
        chans[name] = ChainedChannel(
            via="Ds->taunu",
            intermediate_mass=partial(_const, m_tau),
            recoil_mass=partial(_const, recoil),
            br=partial(_scaled, partial(hp.br_tau, ch, "tau"), x["tau"]),
            coupling_power=1,
            label=name,
        )
        if x["tau"] > 0:
            groups["tau"].append(name)
    # the taus of e+e- -> tau+ tau- at a B factory (no Ds: the taus are the parents)
    taus = ("tau+", "tau-")
    for ch, recoil in hp.TAU_TWO_BODY.items():  # tau -> N h, U_tau
        chans[ch] = ProductionChannel(
            mechanism="meson_decay",
            parents=taus,
            parent_mass=m_tau,
            recoil_mass=recoil,
            br=partial(_scaled, partial(hp.br_tau, ch, "tau"), x["tau"]),
            coupling_power=1,
            label=ch,
        )
        if x["tau"] > 0:
            groups["tau-pair"].append(ch)
    # three-body tau decays, of the taus of Ds decays and of tau pairs: tau -> nu_tau l N
    # via U_l lets N recoil against (l nu_tau); tau -> N l nu-bar via U_tau pairs (l N)
    for prefix, via, parents, group in (
        ("Ds->taunu,", "Ds->taunu", (), "tau"),
        ("", "", taus, "tau-pair"),
    ):
        for a in ("e", "mu"):
            for name, ch, flav, recoils in (
                (f"tau->N{a}nu", f"tau->{a} nu N", "tau", False),  # U_tau
                (f"tau->nu{a}N", "tau->nu_tau l N", a, True),  # U_a
            ):
                dq2 = hp.dbr_tau_dq2_recoil if recoils else hp.dbr_tau_dq2
                chans[prefix + name] = ThreeBodyChannel(
                    parents=parents,
                    via=via,
                    parent_mass=m_tau,
                    spectator_mass=0.0,
                    partner_mass=C.mass(_LEPTON_PDG[a]),
                    br=partial(_scaled, partial(hp.br_tau, ch, flav), x[flav]),
                    dbr_dq2=partial(dq2, ch, flav),
                    coupling_power=1,
                    label=prefix + name,
                    n_q2=N_Q2,
                    fip_recoils=recoils,
                )
                if x[flav] > 0:
                    groups[group].append(prefix + name)
    # W -> l_a N (LHC: the W of the weak table), U_a
    for a in FLAVOURS:
        name = f"W->{a}N"
        chans[name] = ProductionChannel(
            mechanism="meson_decay",
            parents=("W+", "W-"),
            parent_mass=C.M_W,
            recoil_mass=C.mass(_LEPTON_PDG[a]),
            br=partial(_scaled, hp.br_w_to_lN, x[a]),
            coupling_power=1,
            label=name,
        )
        if x[a] > 0:
            groups["W"].append(name)
    # Z -> nu N-bar, N nu-bar (LEP 1: Z bosons at rest; the LHC's from the weak table),
    # any flavour, U2 = the sum
    chans["Z->nuN"] = ProductionChannel(
        mechanism="meson_decay",
        parents=("Z",),
        parent_mass=C.M_Z,
        recoil_mass=0.0,
        br=hp.br_z_to_nuN,
        coupling_power=1,
        label="Z->nuN",
    )
    groups["Z"].append("Z->nuN")
    return chans, {g: tuple(v) for g, v in groups.items()}


def _const(value: float, m: Any) -> Any:
    return value + 0.0 * np.asarray(m, float)


def _only(value: float) -> Any:
    return parameter(
        value,
        value,
        value,
        low_open=False,
        help="fixed by the single-flavour benchmark; model hnl takes any --mixing",
    )


@dataclass(frozen=True)
class HNLe(HNL):
    """BC6: mixing with nu_e only."""

    name = "hnl-e"
    coupling_label = r"$|U_e|^2$"
    description = "heavy neutral lepton mixing with nu_e only (BC6)"
    ratio_e: float = _only(1.0)
    ratio_mu: float = _only(0.0)
    ratio_tau: float = _only(0.0)


@dataclass(frozen=True)
class HNLmu(HNL):
    """BC7: mixing with nu_mu only."""

    name = "hnl-mu"
    coupling_label = r"$|U_\mu|^2$"
    description = "heavy neutral lepton mixing with nu_mu only (BC7)"
    ratio_e: float = _only(0.0)
    ratio_mu: float = _only(1.0)
    ratio_tau: float = _only(0.0)


@dataclass(frozen=True)
class HNLtau(HNL):
    """BC8: mixing with nu_tau only."""

    name = "hnl-tau"
    coupling_label = r"$|U_\tau|^2$"
    description = "heavy neutral lepton mixing with nu_tau only (BC8)"
    ratio_e: float = _only(0.0)
    ratio_mu: float = _only(0.0)
    ratio_tau: float = _only(1.0)
