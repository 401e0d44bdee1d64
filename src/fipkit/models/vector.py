"""Vector bosons with given charges: L ⊃ g X_mu sum_f x_f fbar gamma^mu f (review
arXiv:2011.02157 Sec. 2.2.2): gauged B-L, L_mu - L_tau, baryon number, a protophobic
vector, and any charges x_f to u, d, s, c, b, e, mu, tau and the three (left-handed)
neutrinos. The coupling on the axis is the global coupling g; the dark photon is the
special case x_f = Q_f, g = eps e (``vector`` with its default charges).

Widths at g = 1 (all scale as g^2; e^2 = 4 pi alpha):

* X -> l+ l-: x_l^2 m (1 + 2 r) sqrt(1 - 4 r) / (12 pi), r = m_l^2/m^2 (the dark photon's
  (alpha m / 3)(...) with eps e -> g x_l; e.g. Ilten, Soreq, Williams, Xue (ISWX)
  arXiv:1801.04847 eq. 2.13);
* X -> nu nubar (one left-handed Dirac neutrino): x_nu^2 m / (24 pi), half of a massless
  charged lepton's (so that B-L well below 2 m_mu has BR(e+e-) = 0.4, BR(nu nubar) = 0.6);
* X -> hadrons: (m / 12 pi) R_X(m), the dark photon's R ratio
  (:mod:`fipkit.models.hadrons`) split into the pieces of its model and each rescaled by
  the charges, as ISWX do with the e+e- data (their Sec. 2.2) [the isospin
  decomposition is the standard one; ISWX's own fits were not read]: the rho / pi pi piece
  (isovector, amplitude ∝ x_u - x_d) by (x_u - x_d)^2, the omega (isoscalar, ∝ x_u + x_d)
  by 9 (x_u + x_d)^2, the phi (∝ x_s) by 9 x_s^2, the u d s continuum by sum x_q^2 / sum
  Q_q^2 over u, d, s, the open charm and bottom and the charmonia by (x_c/Q_c)^2 and
  (x_b/Q_b)^2 (the omega -> pi pi and other isospin-violating pieces are left out for
  charges other than the photon's);
* X -> 3 gamma below 2 m_e (electron loop): the dark photon's width x (x_e / e)^2.

Production from the same mechanisms as the dark photon, rescaled by
:meth:`production_scale`: electron (and muon) bremsstrahlung and e+e- -> gamma X by
(x_e/e)^2; light mesons through the quark charges of their anomaly amplitudes (the
VVP / PVV couplings, flavour basis):

* pi0 -> gamma X: (2 x_u + x_d)^2 (amplitude ∝ Q_u x_u - Q_d x_d);
* eta, eta' -> gamma X: [sum_q c_q Q_q x_q / f_q]^2 / [sum_q c_q Q_q^2 / f_q]^2 with
  eta = cos(phi) (u ubar + d dbar)/sqrt 2 - sin(phi) s sbar, eta' = sin(phi) (...) +
  cos(phi) s sbar, phi = 39.3 deg and f_s / f_q = 1.34 (Feldmann, Kroll, Stech,
  hep-ph/9802409 [U: recalled values]);
* omega -> pi0 X: (x_u - x_d)^2 (the omega pi0 gamma coupling is isovector in the photon).

Proton bremsstrahlung: the photon's vector-meson-dominance form factor of the proton
with its rho-like (isovector) terms scaled by x_u - x_d and its omega-like (isoscalar)
ones by 3 (x_u + x_d) (:meth:`isospin_weights`), so F1(0) = 2 x_u + x_d, the proton's
charge (B-L: 1, from the omega-like terms alone).

L_mu - L_tau has no tree-level coupling to electrons or quarks; the one-loop kinetic
mixing through the mu and tau gives them eps(m) e Q_f with
eps(q^2) = (e g / 2 pi^2) int_0^1 dx x(1 - x) ln[(m_tau^2 - x(1-x) q^2) / (m_mu^2 - x(1-x) q^2)]
(Amaral et al. arXiv:2006.11225 eq. 7, as the issue quotes it [U: the equation was not
read]; |eps| of the complex log above 2 m_mu), which at q^2 -> 0 is
(e g / 12 pi^2) ln(m_tau^2 / m_mu^2): charges x_f = eps e Q_f / g with x_f / Q_f =
(e^2 / 12 pi^2) ln(m_tau^2 / m_mu^2) = 4.4e-3. An on-shell X has q^2 = m^2: its decays
and every production rescaling take eps(m^2) (Darkcast's recasts, ../shared/reference/
other_vectors, rise from this 4.4e-3 to ~1e-2 near 2 m_mu the same way).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial
from typing import Any, ClassVar

import numpy as np

from .. import constants as C
from ..errors import FipkitInputError
from . import hadrons
from .base import Model, ProductionChannel, parameter
from .dark_photon import LEPTONS, PHOTON_CHARGES, width_3gamma, width_ll
from .meson_to_aprime import PARENTS, br_meson_to_aprime, meson_channels

E2 = 4 * np.pi * C.ALPHA_EM
#: the photon's charges (the dark photon's x_f = Q_f)
PHOTON = PHOTON_CHARGES
#: eta - eta' mixing in the flavour basis (Feldmann-Kroll-Stech, hep-ph/9802409) [U]
PHI_ETA = np.radians(39.3)
FS_OVER_FQ = 1.34
_NU = {"nue": "nu_e nubar_e", "numu": "nu_mu nubar_mu", "nutau": "nu_tau nubar_tau"}
_LEP = {"e": "e+e-", "mu": "mu+mu-", "tau": "tau+tau-"}


def _charge(help_: str, default: float) -> Any:
    return parameter(default, -10.0, 10.0, help=help_, low_open=False)


def _eta_amplitude(x: Mapping[str, Any], parent: str) -> Any:
    """sum_q c_q Q_q x_q / f_q for eta or eta' (f_q = 1); arrays of charges broadcast."""
    cq, cs = (
        (np.cos(PHI_ETA), -np.sin(PHI_ETA))
        if parent == "eta"
        else (np.sin(PHI_ETA), np.cos(PHI_ETA))
    )
    light = cq / np.sqrt(2) * (PHOTON["u"] * x["u"] + PHOTON["d"] * x["d"])
    return light + cs * PHOTON["s"] * x["s"] / FS_OVER_FQ


def meson_factor(x: Mapping[str, Any], parent: str) -> Any:
    """BR(P -> gamma X or pi0 X) / BR(P -> gamma A')(eps = 1) at g = e (charges ``x``,
    numbers or arrays over masses)."""
    if parent == "pi0":
        return (2 * x["u"] + x["d"]) ** 2
    if parent == "omega":
        return (x["u"] - x["d"]) ** 2
    return (_eta_amplitude(x, parent) / _eta_amplitude(PHOTON, parent)) ** 2


def _scaled_br(model: ChargedVector, parent: str, m: Any) -> np.ndarray:
    """BR(parent -> ... X) at g = 1, the charges at the mass m (picklable for the
    production channels)."""
    return br_meson_to_aprime(parent, m) * model.production_scale(parent, m)


def r_ratio_charges(sqrt_s: Any, x: Mapping[str, float]) -> np.ndarray:
    """R_X: the hadronic R ratio rescaled piece by piece by the charges (module docstring);
    the photon's charges give :func:`fipkit.models.hadrons.r_ratio` exactly."""
    e = np.asarray(sqrt_s, float)
    iso1 = (x["u"] - x["d"]) ** 2
    omega = 9 * (x["u"] + x["d"]) ** 2
    phi = 9 * x["s"] ** 2
    uds = (x["u"] ** 2 + x["d"] ** 2 + x["s"] ** 2) / (4 / 9 + 1 / 9 + 1 / 9)
    charm, bottom = (x["c"] / PHOTON["c"]) ** 2, (x["b"] / PHOTON["b"]) ** 2
    on = hadrons._smoothstep(e, *hadrons.LIGHT_ON)
    cont_uds = 3 * (4 / 9 + 1 / 9 + 1 / 9) * uds
    cont_c = 3 * (4 / 9) * hadrons._velocity_factor(e, C.M_D0) * charm
    cont_b = 3 * (1 / 9) * hadrons._velocity_factor(e, C.M_B) * bottom
    nf = 3 + (e > 2 * C.M_D0) + (e > 2 * C.M_B)
    cont = (cont_uds + cont_c + cont_b) * hadrons._qcd_factor(e, nf)
    light = on * cont + (1 - on) * iso1 * hadrons.r_pipi(e)
    res = omega * hadrons._bw_r(
        e, C.M_OMEGA, C.GAMMA_OMEGA, C.GAMMA_EE["omega"], C.BR_HAD_VECTOR["omega"], C.M_PI0
    )
    res = res + phi * hadrons._bw_r(
        e, C.M_PHI, C.GAMMA_PHI, C.GAMMA_EE["phi"], C.BR_HAD_VECTOR["phi"], 3 * C.M_PI
    )
    for v in ("J/psi", "psi(2S)", "psi(3770)"):
        mv, wv = C.CHARMONIA[v]
        res = res + charm * hadrons._bw_r(e, mv, wv, C.GAMMA_EE[v], C.BR_HAD_VECTOR[v], 2 * C.M_PI)
    return np.where(e > 2 * C.M_PI, light + res, 0.0)


@dataclass(frozen=True)
class ChargedVector(Model):
    """What every vector with charges shares; subclasses give :meth:`charges`."""

    family: ClassVar[str] = "vector"
    coupling_name: ClassVar[str] = "g"
    coupling_label: ClassVar[str] = r"$g$"
    width_power: ClassVar[float] = 2
    mass_range: ClassVar[tuple[float, float]] = (1e-4, 20.0)
    coupling_range: ClassVar[tuple[float, float]] = (0.0, 1.0)
    default_couplings: ClassVar[tuple[float, float, int]] = (-10.0, -2.0, 81)
    visible_channels: ClassVar[tuple[str, ...]] = ("e+e-", "mu+mu-", "tau+tau-", "hadrons")
    brem_kind: ClassVar[str] = "vector"
    serves_as: ClassVar[tuple[str, ...]] = ("dark-photon",)

    def charges(self, m: Any = None) -> dict[str, Any]:
        """x_f by fermion (u d s c b e mu tau nue numu nutau): numbers, or arrays over
        ``m`` for a mass-dependent loop mixing."""
        raise NotImplementedError

    def fermion_couplings(self, m: Any = None) -> dict[str, Any]:
        """Vector coupling to each fermion at g = 1: x_f (the dark photon's e Q_f at
        eps = 1); read by the (g-2) and SN1987A bounds."""
        return self.charges(m)

    def partial_widths(self, m: Any) -> dict[str, np.ndarray]:
        m = np.asarray(m, float)
        x = self.charges(m)
        # g x_l in place of eps e: (alpha m / 3) -> x_l^2 m / (12 pi)
        out = {
            ch: np.asarray(x[f], float) ** 2 * width_ll(m, LEPTONS[ch]) / E2
            for f, ch in _LEP.items()
        }
        for f, ch in _NU.items():
            out[ch] = np.asarray(x[f], float) ** 2 * m / (24 * np.pi)
        out["hadrons"] = m / (12 * np.pi) * r_ratio_charges(m, x)
        out["3gamma"] = np.asarray(x["e"], float) ** 2 * width_3gamma(m) / E2
        return out

    def production_channels(self) -> Mapping[str, ProductionChannel]:
        """pi0, eta, eta' -> gamma X and omega -> pi0 X, BR at g = 1 (module docstring);
        a channel the charges close (omega -> pi0 X of B-L) is kept with BR = 0."""
        return meson_channels(
            lambda name: partial(_scaled_br, self, name), lambda label: label.replace("A'", "X")
        )

    def production_scale(self, couples_to: str, m: Any = None) -> Any:
        """Yield at g = 1 over the dark photon's at eps = 1 for a stand-alone mechanism,
        the charges taken at the FIP mass ``m`` (GeV; 1 MeV if None)."""
        x = self.charges(1e-3 if m is None else m)
        if couples_to == "electron":
            return x["e"] ** 2 / E2
        if couples_to == "muon":  # bremsstrahlung off a muon beam
            return x["mu"] ** 2 / E2
        if couples_to == "electron+muon":
            if not np.allclose(x["e"], x["mu"]):
                raise FipkitInputError(
                    f"{self.name}: mu -> e nu nu X needs equal electron and muon charges "
                    f"(got {np.ravel(x['e'])[0]:g}, {np.ravel(x['mu'])[0]:g})"
                )
            return x["e"] ** 2 / E2
        if couples_to == "proton":  # the charges enter the form factor (isospin_weights)
            return 1 / E2
        if couples_to in PARENTS:
            return meson_factor(x, couples_to) / E2
        raise FipkitInputError(f"{self.name}: no production scale for '{couples_to}'")

    # -- the invisible techniques (fipkit.signals.invisible): X -> nu nubar escapes
    def mediator_mass(self, m: Any) -> np.ndarray:
        """The X mass (GeV): the mass axis itself."""
        return np.asarray(m, float)

    def eps2(self, m: Any, g: Any) -> np.ndarray:
        """What the invisible techniques scale their unit-coupling yields by: g^2 (the
        charge of the radiating lepton is in the yield, :meth:`production_scale`)."""
        return np.broadcast_arrays(np.asarray(g, float) ** 2, np.asarray(m, float))[0]

    def br_invisible(self, m: Any, g: Any = None) -> np.ndarray:
        """BR(X -> nu nubar), summed over the three neutrinos (independent of g)."""
        br = self.branching_ratios(np.asarray(m, float))
        return sum(br[ch] for ch in _NU.values())

    def isospin_weights(self, m: Any = None) -> tuple[float, float]:
        """(x_u - x_d, 3 (x_u + x_d)) at the FIP mass ``m`` (GeV; 1 MeV if None): the rho-
        and omega-like parts of the proton's vector-meson form factor relative to the
        photon's."""
        x = self.charges(1e-3 if m is None else m)
        return float(np.ravel(x["u"] - x["d"])[0]), float(np.ravel(3 * (x["u"] + x["d"]))[0])


@dataclass(frozen=True)
class Vector(ChargedVector):
    """A vector with charges x_f given as parameters (defaults: the photon's, i.e. the dark
    photon at g = eps e)."""

    name: ClassVar[str] = "vector"
    description: ClassVar[str] = "a vector with given charges x_f, coupling g x_f (Sec. 2.2.2)"

    u: float = _charge("charge of the up quark", 2 / 3)
    d: float = _charge("charge of the down quark", -1 / 3)
    s: float = _charge("charge of the strange quark", -1 / 3)
    c: float = _charge("charge of the charm quark", 2 / 3)
    b: float = _charge("charge of the bottom quark", -1 / 3)
    e: float = _charge("charge of the electron", -1.0)
    mu: float = _charge("charge of the muon", -1.0)
    tau: float = _charge("charge of the tau", -1.0)
    nue: float = _charge("charge of the (left-handed) electron neutrino", 0.0)
    numu: float = _charge("charge of the (left-handed) muon neutrino", 0.0)
    nutau: float = _charge("charge of the (left-handed) tau neutrino", 0.0)

    def charges(self, m: Any = None) -> dict[str, Any]:
        return {k: getattr(self, k) for k in PHOTON}


@dataclass(frozen=True)
class BMinusL(ChargedVector):
    """Gauged B - L: x_q = 1/3, x_l = x_nu = -1."""

    name: ClassVar[str] = "b-minus-l"
    coupling_name: ClassVar[str] = "g_BL"
    coupling_label: ClassVar[str] = r"$g_{B-L}$"
    description: ClassVar[str] = "gauged U(1)_{B-L} (Sec. 2.2.2), coupling g_{B-L}"

    def charges(self, m: Any = None) -> dict[str, Any]:
        q = {k: 1 / 3 for k in ("u", "d", "s", "c", "b")}
        return q | {k: -1.0 for k in ("e", "mu", "tau", "nue", "numu", "nutau")}


@dataclass(frozen=True)
class Baryonic(ChargedVector):
    """Gauged baryon number: x_q = 1/3, leptons 0 (the loop-induced mixing to leptons,
    model-dependent, is left out)."""

    name: ClassVar[str] = "baryonic"
    coupling_name: ClassVar[str] = "g_B"
    coupling_label: ClassVar[str] = r"$g_B$"
    description: ClassVar[str] = "gauged baryon number U(1)_B, coupling g_B"

    def charges(self, m: Any = None) -> dict[str, Any]:
        return {k: 1 / 3 for k in ("u", "d", "s", "c", "b")} | {
            k: 0.0 for k in ("e", "mu", "tau", "nue", "numu", "nutau")
        }


@dataclass(frozen=True)
class Protophobic(ChargedVector):
    """The protophobic vector of Feng et al. (arXiv:1604.07411): x_u = -1/3, x_d = 2/3
    (proton charge 2 x_u + x_d = 0, neutron 1), x_e = x_mu = x_tau = -1 [fipkit choice of
    the lepton charges: the paper leaves eps_e free], no neutrino coupling."""

    name: ClassVar[str] = "protophobic"
    description: ClassVar[str] = "protophobic vector (x_p = 0), coupling g"

    def charges(self, m: Any = None) -> dict[str, Any]:
        return {"u": -1 / 3, "d": 2 / 3, "s": 2 / 3, "c": -1 / 3, "b": 2 / 3} | {
            "e": -1.0,
            "mu": -1.0,
            "tau": -1.0,
            "nue": 0.0,
            "numu": 0.0,
            "nutau": 0.0,
        }


def loop_mixing(m: Any) -> np.ndarray:
    """|eps(m^2)| / g of L_mu - L_tau (one loop of mu and tau; module docstring)."""
    m2 = np.ravel(np.asarray(m, float)) ** 2  # any shape: computed flat
    xs, ws = np.polynomial.legendre.leggauss(32)
    xs, ws = 0.5 * (xs + 1), 0.5 * ws
    xx = (xs * (1 - xs))[None, :]
    num = C.M_TAU**2 - xx * m2[:, None] + 0j
    den = C.M_MU**2 - xx * m2[:, None] + 0j
    integral = np.sum(ws * xx * np.log(num / den), axis=1)
    return np.abs(np.sqrt(E2) / (2 * np.pi**2) * integral).reshape(np.shape(m))


@dataclass(frozen=True)
class LmuMinusLtau(ChargedVector):
    """Gauged L_mu - L_tau: x_mu = x_numu = 1, x_tau = x_nutau = -1, and the one-loop
    kinetic mixing, eps(m) e Q_f to electrons and quarks (:func:`loop_mixing`)."""

    name: ClassVar[str] = "lmu-ltau"
    coupling_name: ClassVar[str] = "g_mutau"
    coupling_label: ClassVar[str] = r"$g_{\mu-\tau}$"
    description: ClassVar[str] = "gauged U(1)_{Lmu-Ltau} with its loop kinetic mixing"
    #: up to g = 1: the searches through its loop mixing (e+e- -> gamma X) reach g ~ 0.1
    default_couplings: ClassVar[tuple[float, float, int]] = (-8.0, 0.0, 81)

    def charges(self, m: Any = None) -> dict[str, Any]:
        eps = loop_mixing(1e-3 if m is None else m) * np.sqrt(E2)  # x_f = eps(m) e Q_f / g
        out = {k: eps * PHOTON[k] for k in ("u", "d", "s", "c", "b")}
        out["e"] = eps * PHOTON["e"]
        return out | {"mu": 1.0, "tau": -1.0, "nue": 0.0, "numu": 1.0, "nutau": -1.0}

    def production_scale(self, couples_to: str, m: Any = None) -> Any:
        if couples_to == "electron+muon":
            raise FipkitInputError(
                f"{self.name}: mu -> e nu nu X with unequal electron and muon couplings is "
                "not computed"
            )
        return super().production_scale(couples_to, m)
