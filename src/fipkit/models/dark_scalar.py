"""The Higgs-mixed dark scalar S (review arXiv:2011.02157 Sec. 5.2; PBC BC4/BC5,
arXiv:1901.09966). Widths at sin^2 theta = 1; every width scales as sin^2 theta.

S couples like the SM Higgs times sin theta (Winkler, arXiv:1809.01876, eq. 2):

* S -> l+ l-: Gamma = m_l^2 m beta_l^3 / (8 pi v^2)  (1809.01876 eq. 12);
* S -> gamma gamma: Gamma = G_F alpha^2 m^3 / (128 sqrt2 pi^3)
  |sum_f N_c Q_f^2 A_1/2(tau_f) + A_1(tau_W)|^2, tau_i = 4 m_i^2/m^2
  (Djouadi, hep-ph/0503172, eqs. 2.40-2.44), with e, mu, tau, c, b, t and W loops;
  light-quark/pion loops below 1 GeV are not included (a few-% effect on the total);
* S -> pi pi below 2 GeV: the leading-order chiral amplitude (Voloshin; 1809.01876
  eq. 15), Gamma_LO = 3 G_F m^3/(16 sqrt2 pi) (2/9)^2 (1 + 11 m_pi^2/(2 m^2))^2 beta_pi,
  times |Omega(m^2)|^2, the Omnes factor of the I = 0 S-wave pi pi phase shift
  (final-state interaction; Donoghue, Gasser, Leutwyler, Nucl. Phys. B343 (1990) 341,
  Sec. 3). fipkit's own phase shift: a K-matrix with the sigma and f0(980) poles
  (parameters below) fixed to the phase passing 90 deg near 0.8-0.9 GeV and 180 deg at
  the f0(980); the single-channel Omnes factor neglects K Kbar coupling, so the
  ratio to coupled-channel results (Winkler) is carried as the band ``HADRONIC_BAND``;
* S -> K K: LO amplitude (1809.01876 eq. 21), Gamma = G_F beta_K /(4 sqrt2 pi m)
  |(7/9) m_K^2 + (2/9)(m^2 + 2 m_K^2)|^2 for K+K- + K0 K0bar (ratio 1:1);
* multi-meson (4 pi, eta eta, ...) above 4 m_pi: Gamma = C m^3 sqrt(1 - 16 m_pi^2/m^2),
  C fixed by continuity with the perturbative width at 2 GeV (1809.01876 eq. 33;
  Boiarska et al. arXiv:1904.10447 Sec. 4);
* above 2 GeV: s sbar, c cbar (b bbar) with MS-bar running masses and the QCD
  correction Delta_QCD = 5.67 a + (35.94 - 1.36 n_f) a^2 + ..., a = alpha_s/pi, and
  S -> g g with the heavy-quark loops (Spira et al. hep-ph/9504378; Drees-Hikasa
  PRD 41 (1990) 1547), thresholds at 2 m_K and 2 m_D (1904.10447 Sec. 4).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import partial

import numpy as np

from .. import constants as C
from . import scalar_production as sp
from .base import Model, ProductionChannel, parameter
from .hadrons import alpha_s, delta_qcd_scalar

M_MATCH = 2.0  # GeV: chiral/resonance region -> perturbative
#: multiplicative theory band on the hadronic widths below M_MATCH (low, high):
#: single-channel Omnes vs coupled-channel dispersive results differ by this much
HADRONIC_BAND = (0.5, 2.0)
#: MS-bar quark masses at 2 GeV / m_b(m_b) (PDG 2024 quark summary), GeV
M_S_2GEV, M_C_MC, M_B_MB = 0.0935, 1.273, 4.183
#: pole masses for the loops, GeV (PDG 2024)
M_C_POLE, M_B_POLE = 1.67, 4.78


def _beta(m, mx):
    r = np.clip(1 - 4 * mx**2 / np.maximum(m, 1e-12) ** 2, 0, None)
    return np.sqrt(r)


def width_ll(m, ml):
    """Gamma(S -> l+ l-) at sin theta = 1, GeV (1809.01876 eq. 12)."""
    m = np.asarray(m, float)
    return np.where(m > 2 * ml, ml**2 * m * _beta(m, ml) ** 3 / (8 * np.pi * C.V_HIGGS**2), 0.0)


def _f(tau):
    tau = np.asarray(tau, complex)
    big = tau.real >= 1
    with np.errstate(invalid="ignore", divide="ignore"):
        fa = np.arcsin(1 / np.sqrt(tau)) ** 2
        s = np.sqrt(1 - tau)
        fb = -0.25 * (np.log((1 + s) / (1 - s)) - 1j * np.pi) ** 2
    return np.where(big, fa, fb)


def width_gg_photons(m):
    """Gamma(S -> gamma gamma) at sin theta = 1 (Djouadi hep-ph/0503172 eqs. 2.40-2.44)."""
    m = np.asarray(m, float)
    amp = 0
    for mf, nc, q in [
        (C.M_E, 1, -1),
        (C.M_MU, 1, -1),
        (C.M_TAU, 1, -1),
        (M_C_POLE, 3, 2 / 3),
        (M_B_POLE, 3, -1 / 3),
        (C.M_TOP, 3, 2 / 3),
    ]:
        t = 4 * mf**2 / m**2
        amp = amp + nc * q**2 * 2 * t * (1 + (1 - t) * _f(t))
    t = 4 * C.M_W**2 / m**2
    amp = amp - (2 + 3 * t + 3 * t * (2 - t) * _f(t))
    return C.G_FERMI * C.ALPHA_EM**2 * m**3 / (128 * np.sqrt(2) * np.pi**3) * np.abs(amp) ** 2


# ----------------------------------------------------------------------------
# pi pi final-state interaction: I = 0 S-wave phase and its Omnes function
# ----------------------------------------------------------------------------
#: K-matrix poles (mass GeV, coupling GeV^2) for the broad sigma and the f0(980):
#: delta passes 90 deg at 0.8 GeV, is ~40 deg at 0.5 GeV and ~16 deg at 0.3 GeV, and
#: jumps to 180 deg at the f0(980), as the Roy-equation phase of Colangelo, Gasser,
#: Leutwyler (hep-ph/0103088, Fig. 5) and the data it fits. Not fitted to any
#: scalar-width reference.
_KPOLES = [(0.80, 0.40), (0.985, 0.035)]


_S_GRID = np.linspace(4 * C.M_PI**2 * 1.0001, 9.0, 6000)
_DELTA = np.unwrap(
    -np.angle(
        1 - 1j * _beta(np.sqrt(_S_GRID), C.M_PI) * sum(g / (mp**2 - _S_GRID) for mp, g in _KPOLES)
    ),
    period=np.pi,
)
# above the f0(980) the single-channel phase would run on to 270 deg; the measured
# pi pi phase (inelastic above K Kbar) stays near 180-250 deg: cap at DELTA_MAX
DELTA_MAX = np.pi
_DELTA = np.minimum(_DELTA, DELTA_MAX)


def omnes_abs(s):
    """|Omega(s)| = exp[(s/pi) P int ds' delta(s')/(s'(s'-s))] on the physical cut
    (DGL Nucl. Phys. B343 (1990) 341 eq. 3.7); principal value by subtraction."""
    s = np.atleast_1d(np.asarray(s, float))[:, None]
    sp = _S_GRID[None, :]
    ds = np.diff(_S_GRID).mean()
    d_s = np.interp(s[:, 0], _S_GRID, _DELTA)[:, None]
    with np.errstate(divide="ignore", invalid="ignore"):
        integrand = (_DELTA[None, :] - d_s) / (sp * (sp - s))
        integrand = np.where(np.abs(sp - s) < 0.5 * ds, 0.0, integrand)
    pv = integrand.sum(axis=1) * ds
    lo, hi = _S_GRID[0], _S_GRID[-1]
    # + delta(s) P int ds'/(s'(s'-s)) = delta(s)/s ln|(hi - s) lo / ((s - lo) hi)|
    with np.errstate(divide="ignore", invalid="ignore"):
        analytic = d_s[:, 0] / s[:, 0] * np.log(np.abs((hi - s[:, 0]) * lo / ((s[:, 0] - lo) * hi)))
    analytic = np.nan_to_num(analytic)
    return np.exp(s[:, 0] / np.pi * (pv + analytic))


def width_pipi(m):
    """Gamma(S -> pi pi) (pi+pi- + pi0pi0) below M_MATCH at sin theta = 1, GeV."""
    m = np.asarray(m, float)
    lo = (
        3
        * C.G_FERMI
        * m**3
        / (16 * np.sqrt(2) * np.pi)
        * (2 / 9) ** 2
        * (1 + 11 * C.M_PI**2 / (2 * np.maximum(m, 1e-9) ** 2)) ** 2
        * _beta(m, C.M_PI)
    )
    mm = np.minimum(np.atleast_1d(m), M_MATCH)  # only used below M_MATCH
    om = omnes_abs(mm**2).reshape(np.shape(m))
    return np.where((m > 2 * C.M_PI) & (m < M_MATCH), lo * om**2, 0.0)


def width_kk(m):
    """Gamma(S -> K K) (K+K- + K0 K0bar) below M_MATCH at LO (1809.01876 eq. 21)."""
    m = np.asarray(m, float)
    amp = 7 / 9 * C.M_K**2 + 2 / 9 * (m**2 + 2 * C.M_K**2)
    g = C.G_FERMI * _beta(m, C.M_K) / (4 * np.sqrt(2) * np.pi * np.maximum(m, 1e-9)) * amp**2
    return np.where((m > 2 * C.M_K) & (m < M_MATCH), g, 0.0)


def _width_quarks(m, mq_run, m_threshold, nf):
    dqcd = delta_qcd_scalar(m, nf)
    return 3 * m * mq_run**2 / (8 * np.pi * C.V_HIGGS**2) * _beta(m, m_threshold) ** 3 * (1 + dqcd)


def width_gluons(m):
    """Gamma(S -> g g) with c, b, t loops and the NLO factor (hep-ph/9504378 eq. 6)."""
    m = np.asarray(m, float)
    amp = 0
    for mq in (M_C_POLE, M_B_POLE, C.M_TOP):
        t = 4 * mq**2 / m**2
        amp = amp + 2 * t * (1 + (1 - t) * _f(t)) * 0.75  # -> 1 for heavy quarks
    a = alpha_s(m)
    nf = 3 + (m > 2 * M_C_POLE)
    return (
        C.G_FERMI
        * a**2
        * m**3
        / (36 * np.sqrt(2) * np.pi**3)
        * np.abs(amp) ** 2
        * (1 + a / np.pi * (95 / 4 - 7 / 6 * nf))
    )


def perturbative_hadrons(m):
    """s sbar + c cbar + b bbar + g g at sin theta = 1 (valid above ~2 GeV)."""
    m = np.asarray(m, float)
    nf = 3 + (m > 2 * C.M_D0) + (m > 2 * C.M_B)
    ss = _width_quarks(m, M_S_2GEV, C.M_K, nf)
    cc = _width_quarks(m, M_C_MC, C.M_D0, nf)
    bb = _width_quarks(m, M_B_MB, C.M_B, nf)
    return ss + cc + bb + width_gluons(m)


def _multimeson_c():
    """C of Gamma_4pi = C m^3 sqrt(1 - 16 m_pi^2/m^2), fixed by continuity at M_MATCH."""
    m = np.array(M_MATCH)
    rest = perturbative_hadrons(m) - width_kk(m * 0.999999) - width_pipi(m * 0.999999)
    return float(max(rest, 0) / (M_MATCH**3 * np.sqrt(1 - 16 * C.M_PI**2 / M_MATCH**2)))


def width_multimeson(m):
    m = np.asarray(m, float)
    c = _multimeson_c()
    return np.where(
        (m > 4 * C.M_PI) & (m < M_MATCH),
        c * m**3 * np.sqrt(np.clip(1 - 16 * C.M_PI**2 / m**2, 0, None)),
        0.0,
    )


def _channel(name: str, parents: tuple[str, ...], kinematics: str) -> ProductionChannel:
    """A meson-decay channel P -> X S of :mod:`fipkit.models.scalar_production` (BR ∝ sin^2
    theta); ``kinematics`` names the two-body channel whose masses it uses."""
    M, m_rec, _, _ = sp.CHANNELS[kinematics]
    return ProductionChannel(
        mechanism="meson_decay",
        parents=parents,
        parent_mass=M,
        recoil_mass=m_rec,
        br=partial(sp.br, name),
        coupling_power=1,
        label=name,
        decays_per_parent=DECAYS_PER_PARENT,
    )


#: S per parent meson: one. The meson-decay mechanism targets the parents and the
#: azimuths that reach the volume (importance sampling, adaptive sample size), which
#: cuts the Monte Carlo noise of off-axis and small detectors (CHARM) more than decay
#: angles repeated per parent
DECAYS_PER_PARENT = 1


@dataclass(frozen=True)
class DarkScalar(Model):
    name = "dark-scalar"
    family = "scalar"
    coupling_name = "sin2theta"
    coupling_label = r"$\sin^2\theta$"
    width_power = 1
    mass_range = (1e-3, 10.0)
    coupling_range = (0.0, 1.0)
    default_couplings = (-12.0, -2.0, 81)
    visible_channels = (
        "e+e-",
        "mu+mu-",
        "tau+tau-",
        "gamma gamma",
        "pi pi",
        "K K",
        "multi-meson",
        "hadrons (pert.)",
    )
    description = "mixing with the Higgs (BC4), sin^2 theta"
    brem_kind = "scalar"
    decay_only_parameters = ("hadronic_scale",)
    #: factor on the hadronic widths below M_MATCH (pi pi, K K, multi-meson); the theory
    #: band is HADRONIC_BAND = (0.5, 2): run the reach at both ends to carry it
    hadronic_scale: float = parameter(
        1.0, 0.0, 100.0, help="factor on the hadronic widths below 2 GeV, theory band 0.5-2"
    )

    def production_channels(self) -> Mapping[str, ProductionChannel]:
        """K -> pi S, B -> K(*) S, inclusive B -> X_s S (the B -> K S kinematics with the
        inclusive rate: a simplification) and h -> S S at fixed BR (BC5, coupling power 0)."""
        b = ("B+", "B-", "B0", "B0bar")
        out = {
            "K+->pi+S": _channel("K+->pi+S", ("K+", "K-"), "K+->pi+S"),
            "KL->pi0S": _channel("KL->pi0S", ("KL",), "KL->pi0S"),
            "B->KS": _channel("B->KS", b, "B->KS"),
            "B0->K*0S": _channel("B0->K*0S", ("B0", "B0bar"), "B0->K*0S"),
            "B->XsS": _channel("B->XsS", b, "B->KS"),
        }
        out["h->SS"] = ProductionChannel(
            mechanism="pair_decay",
            parents=("h",),
            parent_mass=C.M_H,
            recoil_mass=0.0,
            br=sp.br_h_to_ss_benchmark,
            coupling_power=0,
            label="h->SS",
        )
        return out

    def partial_widths(self, m):
        m = np.asarray(m, float)
        high = m >= M_MATCH
        h = self.hadronic_scale
        out = {
            "e+e-": width_ll(m, C.M_E),
            "mu+mu-": width_ll(m, C.M_MU),
            "tau+tau-": width_ll(m, C.M_TAU),
            "gamma gamma": width_gg_photons(m),
            "pi pi": h * width_pipi(m),
            "K K": h * width_kk(m),
            "multi-meson": h * width_multimeson(m),
        }
        out["hadrons (pert.)"] = np.where(high, perturbative_hadrons(np.maximum(m, M_MATCH)), 0.0)
        return out
