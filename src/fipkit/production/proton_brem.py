"""Dark photons from proton bremsstrahlung, p N -> p N A', in the quasi-real
(Fermi-Weizsacker-Williams) approximation of Blumlein & Brunner, arXiv:1311.3870
(PLB 731 (2014) 320).

Differential rate per proton interaction, at eps = 1 (``d2N_dz_dpt2``)::

    d^2N / (dz dpT^2) = [sigma_pp(s') / sigma_pp(s)] |F1(m^2)|^2 w_ba(z, pT^2)

* z = p_A'^parallel / p_beam (A' fraction of the beam momentum), pT its transverse
  momentum; s = 2 m_p E_p and s' = 2 m_p (E_p - E_A') (BB's definitions).
* splitting function (arXiv:1311.3870, eq. (3) of the arXiv version as usually
  cited; H defined right after it)::

      w_ba(z, pT^2) = eps^2 alpha / (2 pi H) { [1 + (1-z)^2]/z
                      - 2 z (1-z) [ (2 m_p^2 + m^2)/H - z^2 2 m_p^4 / H^2 ]
                      + 2 z (1-z) [1 + (1-z)^2] m_p^2 m^2 / H^2
                      + 2 z (1-z)^2 m^4 / H^2 },
      H = pT^2 + (1-z) m^2 + z^2 m_p^2.

  Verification: the last term is m^4/H^2 (not m^4/H^4, which would not be
  dimensionless); the curly bracket is dimensionless and w_ba has units GeV^-2 as a
  density in pT^2 must. This is also how the formula is implemented in the public
  codes FairShip (python/proton_bremsstrahlung.py) and ALPINIST
  (modes/dp_brems_functions.py), both read for cross-checking only. The primary PDF
  was not accessible in this session, so the equation number is as cited by others.
* |F1(m^2)|^2: timelike Dirac form factor of the proton in extended vector-meson
  dominance, F1(q^2) = sum_V f_V m_V^2 / (m_V^2 - q^2 - i m_V Gamma_V) over rho, rho',
  rho'', omega, omega', omega'' (parameters of Faessler, Krivoruchenko, Martemyanov,
  arXiv:0910.5589, as used by BB; ``constants.PROTON_FF_VMD``). F1(0) = 1.009 and
  |F1|^2 = 4.06 at 0.5 GeV; rho and omega share m_V = 0.77 GeV and the narrow omega
  (Gamma = 8.5 MeV) makes a sharp peak, |F1(0.77 GeV)|^2 ~ 8.9e3, so mass grids
  should not sample 0.77 GeV alone.
* sigma_pp(s): PDG/COMPETE parametrisation of the total pp cross section
  (``constants.SIGMA_PP_PDG``, PDG 2012 review of cross-section plots), as in BB.

Validity (BB): E_p, E_A', E_p - E_A' >> m_p, m, pT; hence the default cuts
0.1 < z < 0.9 and pT^2 < 1 GeV^2 (both configurable).

Dark scalar (``kind="scalar"``): the same quasi-real approximation with the light-cone
splitting of a fermion of mass m_p into a scalar of mass m through the Yukawa
g S p-bar p, derived here (vertex sum (1/2) Tr[(p'+m_p)(p+m_p)] = [pT^2 + m_p^2 (2-z)^2]
/ (1-z), energy denominator H / (z (1-z))), normalised so that for m = m_p = 0 it is the
Yukawa splitting function g^2 z / (16 pi^2) per dpT^2 / pT^2::

    w_S(z, pT^2) = g^2 / (16 pi^2) z [pT^2 + m_p^2 (2 - z)^2] / H^2,

with g = sin(theta) f_N m_p / v, f_N = 0.30 (the Higgs-nucleon coupling, as for SN1987A in
:mod:`fipkit.cosmo.supernova`). The time-like scalar form factor of the proton is NOT
included (set to 1): Boiarska et al. (arXiv:1904.10447, App. D) find it makes this
channel very uncertain; fipkit offers it as an optional mechanism ``proton_brem`` for
the scalar and uses it only where meson decays are closed (m_S > m_B - m_K).

Normalisation: integrating d^2N/(dz dpT^2) gives A' per inelastic proton
interaction. In a thick target (beam dump, many interaction lengths) essentially
every proton interacts once, so this is also the yield per proton on target; this is
how BB (and FairShip/ALPINIST) use it. For a thin target multiply by the interaction
probability. Secondary interactions and the A dependence of sigma_pA(s')/sigma_pA(s)
are neglected (the pp ratio is used).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from ..kinematics import log_uniform, uniform_azimuth
from ..sample import FIPSample, empty_sample
from . import N_PROTON_BREM, Mechanism
from .meson_decay import steer_azimuth

#: default validity cuts of the quasi-real approximation (arXiv:1311.3870)
Z_RANGE = (0.1, 0.9)
PT2_MAX = 1.0  # GeV^2

MECHANISM = "proton brem"
F_N_HIGGS = 0.30  # Higgs-nucleon coupling f_N (g_hNN = f_N m_N / v)


def sigma_pp_mb(s):
    """Total pp cross section in mb, PDG/COMPETE form (constants.SIGMA_PP_PDG); s in GeV^2.

    sigma = Z + B ln^2(s/s_M) + Y1 (s1/s)^eta1 - Y2 (s1/s)^eta2.
    """
    P = C.SIGMA_PP_PDG
    s = np.asarray(s, float)
    return (
        P["Z"]
        + P["B"] * np.log(s / P["s_M"]) ** 2
        + P["Y1"] * (P["s1"] / s) ** P["eta1"]
        - P["Y2"] * (P["s1"] / s) ** P["eta2"]
    )


def form_factor_sq(m, weights=(1.0, 1.0)):
    """|F1(m^2)|^2, timelike VMD proton form factor (arXiv:1311.3870 after
    arXiv:0910.5589); m in GeV, vectorised. ``weights`` scale its rho-like (isovector,
    the first three terms) and omega-like (isoscalar) parts: (x_u - x_d, 3 (x_u + x_d))
    for a vector with quark charges x (the photon's: (1, 1))."""
    q2 = np.asarray(m, float) ** 2
    f = np.zeros(np.shape(q2), complex)
    for k, (c, mv, gv) in enumerate(C.PROTON_FF_VMD):  # 6 resonances, not a loop over events
        f = f + weights[k >= 3] * c * mv**2 / (mv**2 - q2 - 1j * mv * gv)
    return np.abs(f) ** 2


def splitting(z, pt2, m):
    """w_ba(z, pT^2) at eps = 1 (arXiv:1311.3870 eq. 3), per GeV^2; broadcasts."""
    z, pt2, m = (np.asarray(x, float) for x in (z, pt2, m))
    mp2 = C.M_P**2
    m2 = m * m
    H = pt2 + (1 - z) * m2 + z * z * mp2
    one = 1 + (1 - z) ** 2
    bracket = (
        one / z
        - 2 * z * (1 - z) * ((2 * mp2 + m2) / H - z * z * 2 * mp2 * mp2 / H**2)
        + 2 * z * (1 - z) * one * mp2 * m2 / H**2
        + 2 * z * (1 - z) ** 2 * m2 * m2 / H**2
    )
    return C.ALPHA_EM / (2 * np.pi * H) * bracket


def scalar_splitting(z, pt2, m):
    """w_S(z, pT^2) at sin^2 theta = 1 (see module doc), per GeV^2; broadcasts."""
    z, pt2, m = (np.asarray(x, float) for x in (z, pt2, m))
    mp2 = C.M_P**2
    H = pt2 + (1 - z) * m * m + z * z * mp2
    g2 = (F_N_HIGGS * C.M_P / C.V_HIGGS) ** 2
    return g2 / (16 * np.pi**2) * z * (pt2 + mp2 * (2 - z) ** 2) / H**2


def sigma_ratio_factor(z, pt2, m, beam_energy):
    """sigma_pp(s') / sigma_pp(s), s = 2 m_p E_p, s' = 2 m_p (E_p - E_A') (BB)."""
    e = float(beam_energy)
    pbeam = np.sqrt(e * e - C.M_P**2)
    e_a = np.sqrt((np.asarray(z) * pbeam) ** 2 + pt2 + np.asarray(m) ** 2)
    s = 2 * C.M_P * e
    s_prime = 2 * C.M_P * np.clip(e - e_a, 1e-9, None)
    return sigma_pp_mb(s_prime) / sigma_pp_mb(s)


def d2N_dz_dpt2(z, pt2, m, beam_energy, form_factor=True, sigma_ratio=True, kind="vector"):
    """FIPs per proton interaction per unit z per GeV^2 of pT^2 at unit coupling (BB eq.
    2-3): A' (``kind="vector"``, eps = 1) or S (``"scalar"``, sin^2 theta = 1, no form factor)."""
    if kind == "scalar":
        d = scalar_splitting(z, pt2, m)
        form_factor = False
    else:
        d = splitting(z, pt2, m)
    if form_factor:
        d = d * form_factor_sq(m)
    if sigma_ratio:
        d = d * sigma_ratio_factor(z, pt2, m, beam_energy)
    return d


#: backwards-compatible alias
density = d2N_dz_dpt2


def _h0(z, m):
    """H at pT = 0: (1-z) m^2 + z^2 m_p^2."""
    return (1 - z) * m * m + z * z * C.M_P**2


def proton_brem_yield(
    beam_energy,
    mass,
    z_range=Z_RANGE,
    pt2_max=PT2_MAX,
    form_factor=True,
    sigma_ratio=True,
    n=200,
    kind="vector",
):
    """A' per proton on target (= per inelastic interaction, see module doc) at eps = 1.

    Integral of d2N_dz_dpt2 over z_range x [0, pt2_max] by Gauss-Legendre quadrature
    in z and in u = ln(1 + pT^2/H0)/ln(1 + pt2_max/H0) (which flattens the 1/H peak).
    Vectorised over ``mass`` (GeV); returns a float for scalar mass. Masses with no
    room (z_max p_beam <= m) give 0.
    """
    m = np.atleast_1d(np.asarray(mass, float))
    z0, z1 = z_range
    xz, wz = np.polynomial.legendre.leggauss(n)
    z = 0.5 * (z1 - z0) * (xz + 1) + z0
    wz = 0.5 * (z1 - z0) * wz
    xu, wu = np.polynomial.legendre.leggauss(n)
    u, wu = 0.5 * (xu + 1), 0.5 * wu
    M, Z, U = m[:, None, None], z[None, :, None], u[None, None, :]
    h0 = _h0(Z, M)
    L = np.log1p(pt2_max / h0)
    pt2 = h0 * np.expm1(U * L)
    jac = (pt2 + h0) * L  # dpT^2/du
    d = d2N_dz_dpt2(Z, pt2, M, beam_energy, form_factor, sigma_ratio, kind) * jac
    out = np.einsum("mzu,z,u->m", d, wz, wu)
    pbeam = np.sqrt(beam_energy**2 - C.M_P**2)
    out = np.where(m < z1 * pbeam, out, 0.0)
    return out if np.ndim(mass) else float(out[0])


def proton_brem_sample(
    beam_energy_GeV,
    mass,
    rng: np.random.Generator,
    n=20000,
    z_range=Z_RANGE,
    pt2_max=PT2_MAX,
    form_factor=True,
    sigma_ratio=True,
    kind="vector",
) -> FIPSample:
    """A' from proton bremsstrahlung, per proton on target at eps = 1.

    Importance sampling in (z, pT^2) with the analytic density d2N_dz_dpt2:
    z from the mixture 1/2 uniform + 1/2 log-uniform on z_range (the 1/z of w_ba),
    pT^2 from 1/(pT^2 + H0) on [0, pt2_max] with H0 = (1-z) m^2 + z^2 m_p^2;
    weight = density / proposal / n. Lab momentum: p_z = z p_beam, |pT| = sqrt(pT^2),
    uniform azimuth; z0 = 0 (target). sum(weight) estimates proton_brem_yield.
    """
    e = float(beam_energy_GeV)
    mass = float(mass)
    z_lo, z_hi = z_range
    pbeam = np.sqrt(e * e - C.M_P**2)
    if mass >= z_hi * pbeam or n <= 0:
        return empty_sample(mass, MECHANISM, coupling_power=1 if kind == "scalar" else 2)
    # z: defensive mixture of uniform and log-uniform
    pick = rng.random(n) < 0.5
    z = np.where(pick, rng.uniform(z_lo, z_hi, n), log_uniform(rng, z_lo, z_hi, n))
    qz = 0.5 / (z_hi - z_lo) + 0.5 / (z * np.log(z_hi / z_lo))
    # pT^2 given z
    h0 = _h0(z, mass)
    L = np.log1p(pt2_max / h0)
    pt2 = h0 * np.expm1(rng.random(n) * L)
    qpt = 1.0 / ((pt2 + h0) * L)
    w = d2N_dz_dpt2(z, pt2, mass, e, form_factor, sigma_ratio, kind) / (qz * qpt) / n
    pt = np.sqrt(pt2)
    phi = uniform_azimuth(rng, n)
    p = np.column_stack([pt * np.cos(phi), pt * np.sin(phi), z * pbeam])
    return FIPSample(mass, w, p, coupling_power=1 if kind == "scalar" else 2, mechanism=MECHANISM)


def _mechanism(search, model, channel, params, mass, rng, mc) -> FIPSample:
    """The proton_brem mechanism: the model's ``brem_kind`` picks the splitting. The
    emission is symmetric about the beam: the azimuths are importance-sampled towards
    an off-axis decay volume (:func:`fipkit.production.meson_decay.steer_azimuth`,
    unbiased), so ``N_PROTON_BREM`` emissions per mass suffice."""
    e = float(search.beam["energy_GeV"])
    sample = proton_brem_sample(e, mass, rng, n=mc.n(N_PROTON_BREM), kind=model.brem_kind)
    weights = model.isospin_weights(mass)
    if model.brem_kind == "vector" and weights != (1.0, 1.0):  # a vector with charges
        ratio = form_factor_sq(mass, weights) / form_factor_sq(mass)
        sample.weight = sample.weight * float(ratio)
    return steer_azimuth(sample, search, rng)


PROTON_BREM = Mechanism(
    "proton_brem",
    _mechanism,
    needs_channel=False,
    brem_kinds=("vector", "scalar"),
    couples_to="proton",
)
