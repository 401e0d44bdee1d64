"""Cosmological lower bounds on the HNL mixing: BBN and the seesaw line (review
arXiv:2011.02157 Fig. 6, "computed under the hypothesis of two HNLs mixing with active
neutrinos, and should be considered only indicative").

* BBN: HNLs that were in thermal equilibrium must decay before they upset the
  neutron-to-proton ratio (Boyarsky, Ovchynnikov, Ruchayskiy, Syvolap arXiv:2008.00749:
  mesons from HNL decays convert p <-> n; Dolgov, Hansen, Raffelt, Semikoz
  hep-ph/0008138 below the pion threshold). Excluded: U2 < hbar / (tau_max Gamma(m,
  U2 = 1)) with fipkit's widths and
  - m > m_pi: tau_max from fipkit's own n/p conversion estimate (:mod:`fipkit.cosmo.bbn`)
    with the charged pions of the HNL's decays (:func:`pion_pairs`) and the abundance of
    a Majorana fermion (2 helicities, 3/4 of a boson per degree of freedom) that
    decoupled relativistic at g*s = ``bbn.G_STAR_DEC``; arXiv:2008.00749 quotes
    tau_N < 0.02 s in this regime (tested against);
  - m < m_pi: tau_max = ``TAU_MAX_BELOW_PION`` = 0.1 s, the conservative bound used by
    Ruchayskiy & Ivashko arXiv:1202.2841 (Sec. 3) after Dolgov et al.
  No lower edge: the Curve's lower edge is 1e-30. The mixing at which HNLs thermalise
  at all is not checked (below ~1e-12 at GeV masses, they may never have been in
  equilibrium): an "indicative" line, as the review says.
* Seesaw: with the type-I seesaw, the active neutrino masses need
  sum_a |U_a|^2 >= m_nu / m_N; for two HNLs the lightest pattern uses the atmospheric
  scale, m_nu = sqrt(Delta m^2_31) = 0.050 eV (PDG 2024, Delta m^2_31 = 2.5e-3 eV^2).
  Drawn as a bound below the line U2 = m_nu / m_N (the review's "seesaw" line); one
  flavour alone cannot give the observed pattern, hence "indicative".
"""

from __future__ import annotations

import numpy as np

from .. import constants as C
from .bounds import _curve

TAU_MAX_BELOW_PION = 0.1  # s, arXiv:1202.2841 Sec. 3
M_NU_ATM = 0.050e-9  # GeV, sqrt(2.5e-3 eV^2) (PDG 2024 neutrino mixing review)
NO_LOWER_EDGE = 1e-30
#: relic abundance of a Majorana HNL relative to one bosonic degree of freedom
FERMION_DOF = 2 * 3 / 4
REFERENCES = (
    "Boyarsky, Ovchynnikov, Ruchayskiy, Syvolap, arXiv:2008.00749",
    "Dolgov, Hansen, Raffelt, Semikoz, hep-ph/0008138",
    "Ruchayskiy, Ivashko, arXiv:1202.2841",
)
BBN_METHOD = (
    "thermal HNL must decay before BBN: tau_N < tau_max, fipkit n/p conversion by the "
    "pions of its decays (m > m_pi), 0.1 s below (arXiv:1202.2841); indicative, two HNLs"
)
SEESAW_METHOD = "U2 = m_nu / m_N, m_nu = 0.05 eV (atmospheric scale); indicative, two HNLs"


def pion_pairs(model, m) -> np.ndarray:
    """Charged-pion pairs per HNL decay (for the n/p conversion, :mod:`fipkit.cosmo.bbn`):
    a single pi+- counts 1/2 (a Majorana N gives either charge equally), rho0 -> pi+ pi-
    one pair, rho+- -> pi+- pi0 1/2, the quark-level channels one pair (an estimate,
    as the scalar's)."""
    brs = model.branching_ratios(np.asarray(m, float))
    n = np.zeros(np.shape(m))
    for k, v in brs.items():
        parts = k.split()
        if "quarks" in k:
            n = n + v
        elif "rho0" in parts:
            n = n + v
        elif "pi" in parts or "rho" in parts:
            n = n + 0.5 * v
    return n


def tau_max(model, m) -> np.ndarray:
    """Largest HNL lifetime allowed by BBN at mass m (GeV), seconds."""
    from . import bbn

    m = np.asarray(m, float)
    y = bbn.relic_per_baryon() * FERMION_DOF
    mesons = bbn.tau_max_for_pions(pion_pairs(model, m), y)
    return np.where(m < C.M_PI, TAU_MAX_BELOW_PION, np.minimum(mesons, TAU_MAX_BELOW_PION))


def bbn_curve(model, masses):
    """The BBN bound as a Curve: excluded below the U2 at which N lives tau_max."""
    masses = np.asarray(masses, float)
    hi = model.ctau(masses, 1.0) / (C.C_LIGHT * tau_max(model, masses))
    lo = np.full_like(masses, NO_LOWER_EDGE)
    return _curve(model, masses, lo, hi, "BBN", "bound", "BBN", BBN_METHOD, REFERENCES)


def seesaw_curve(model, masses):
    """The seesaw line U2 = m_nu / m_N: too small a mixing for the neutrino masses below."""
    masses = np.asarray(masses, float)
    line = M_NU_ATM / masses
    return _curve(
        model,
        masses,
        np.full_like(masses, NO_LOWER_EDGE),
        line,
        "seesaw",
        "bound",
        "seesaw",
        SEESAW_METHOD,
        ("Minkowski, Phys. Lett. B 67 (1977) 421", "PDG 2024, neutrino mixing review"),
    )
