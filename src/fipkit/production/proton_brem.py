"""Dark photons from proton bremsstrahlung, p N -> p N A', in the quasi-real
(Fermi-Weizsacker-Williams) approximation of Blumlein & Brunner, arXiv:1311.3870.

    d^2 N / (dz dpT^2) = [sigma_pp(s') / sigma_pp(s)] |F1(m^2)|^2 w_ba(z, pT^2)

with z the A' fraction of the beam momentum, s = 2 m_p E_p, s' = 2 m_p E_p (1 - z),
the splitting function (arXiv:1311.3870 eq. 3, eps = 1)

    w_ba = alpha / (2 pi H) { [1 + (1-z)^2]/z - 2 z (1-z) [(2 m_p^2 + m^2)/H - z^2 2 m_p^4/H^2]
           + 2 z (1-z) [1 + (1-z)^2] m_p^2 m^2/H^2 + 2 z (1-z)^2 m^4/H^2 },
    H = pT^2 + (1 - z) m^2 + z^2 m_p^2,

and the timelike VMD proton form factor F1 (eq. 6; parameters in
``constants.PROTON_FF_VMD``). Validity needs E_p, E_A', E_p - E_A' >> m_p, m, pT:
the default cuts are 0.1 < z < 0.9 and pT^2 < 1 GeV^2 (as in arXiv:1311.3870).
The yield is per inelastic proton interaction, i.e. per proton on a thick target.
sigma_pp(s) (mb) = 35.45 + 0.308 ln^2(s/28.94) + 42.53 s^-0.458 - 33.34 s^-0.545
(PDG 2018 "Plots of cross sections", COMPETE-type fit, s in GeV^2).
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from ..sample import FIPSample, empty_sample

Z_RANGE = (0.1, 0.9)
PT2_MAX = 1.0


def sigma_pp_mb(s):
    """Total pp cross section in mb (PDG fit), s in GeV^2."""
    s = np.asarray(s, float)
    return 35.45 + 0.308 * np.log(s / 28.94) ** 2 + 42.53 * s**-0.458 - 33.34 * s**-0.545


def form_factor_sq(m):
    """|F1(m^2)|^2, timelike VMD proton form factor (arXiv:1311.3870 eq. 6)."""
    q2 = np.asarray(m, float) ** 2
    f = sum(c * mv**2 / (mv**2 - q2 - 1j * mv * gv) for c, mv, gv in C.PROTON_FF_VMD)
    return np.abs(f) ** 2


def splitting(z, pt2, m):
    """w_ba(z, pT^2) at eps = 1 (arXiv:1311.3870 eq. 3), per GeV^2."""
    mp2 = C.M_P**2
    m2 = m * m
    H = pt2 + (1 - z) * m2 + z * z * mp2
    one = 1 + (1 - z) ** 2
    br = (one / z - 2 * z * (1 - z) * ((2 * mp2 + m2) / H - z * z * 2 * mp2**2 / H**2)
          + 2 * z * (1 - z) * one * mp2 * m2 / H**2 + 2 * z * (1 - z) ** 2 * m2 * m2 / H**2)
    return C.ALPHA_EM / (2 * np.pi * H) * br


def density(z, pt2, m, beam_energy, form_factor=True, sigma_ratio=True):
    d = splitting(z, pt2, m)
    if form_factor:
        d = d * form_factor_sq(m)
    if sigma_ratio:
        s = 2 * C.M_P * beam_energy
        d = d * sigma_pp_mb(s * (1 - z)) / sigma_pp_mb(s)
    return d


def proton_brem_yield(beam_energy, mass, z_range=Z_RANGE, pt2_max=PT2_MAX,
                      form_factor=True, sigma_ratio=True, n=400):
    """A' per proton on target at eps = 1: integral of the density (Gauss-Legendre in
    z and in log(pT^2 + H0)), vectorised over ``mass``."""
    m = np.atleast_1d(np.asarray(mass, float))
    xz, wz = np.polynomial.legendre.leggauss(n)
    z = 0.5 * (z_range[1] - z_range[0]) * (xz + 1) + z_range[0]
    wz = 0.5 * (z_range[1] - z_range[0]) * wz
    xu, wu = np.polynomial.legendre.leggauss(n)
    u = 0.5 * (xu + 1)
    wu = 0.5 * wu
    M, Z, U = m[:, None, None], z[None, :, None], u[None, None, :]
    h0 = (1 - Z) * M**2 + Z**2 * C.M_P**2
    L = np.log1p(pt2_max / h0)
    pt2 = h0 * np.expm1(U * L)
    jac = (pt2 + h0) * L                         # dpT^2/du
    d = density(Z, pt2, M, beam_energy, form_factor, sigma_ratio) * jac
    out = np.einsum("mzu,z,u->m", d, wz, wu)
    return out if np.ndim(mass) else float(out[0])


def proton_brem_sample(beam_energy_GeV, mass, rng, n=20000, z_range=Z_RANGE,
                       pt2_max=PT2_MAX) -> FIPSample:
    """A' per proton on target at eps = 1, importance-sampled in (z, pT^2).

    z uniform, pT^2 from the density 1/(pT^2 + H0) with H0 = (1-z) m^2 + z^2 m_p^2;
    momenta p_z = z p_beam, azimuth uniform.
    """
    e = float(beam_energy_GeV)
    if mass >= z_range[1] * e:
        return empty_sample(mass, "proton brem")
    z = rng.uniform(*z_range, n)
    h0 = (1 - z) * mass**2 + z**2 * C.M_P**2
    L = np.log1p(pt2_max / h0)
    pt2 = h0 * np.expm1(rng.random(n) * L)
    q = 1 / ((pt2 + h0) * L) / (z_range[1] - z_range[0])
    w = density(z, pt2, mass, e) / q / n
    pbeam = np.sqrt(e * e - C.M_P**2)
    pt = np.sqrt(pt2)
    phi = rng.uniform(0, 2 * np.pi, n)
    p = np.column_stack([pt * np.cos(phi), pt * np.sin(phi), z * pbeam])
    return FIPSample(mass, w, p, coupling_power=2, mechanism="proton brem")
