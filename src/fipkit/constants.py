"""Every physics number fipkit uses, in one place.

Internal units: GeV, metres, seconds. Masses, widths and lifetimes of SM
particles come from the PDG tables shipped with `particle` (scikit-hep);
unit conversions come from `hepunits`. Numbers that `particle` does not carry
(branching ratios, couplings, CKM elements) are quoted here with their source,
Particle Data Group, R.L. Workman et al. (PDG), PTEP 2022 083C01 and its 2024
update (S. Navas et al., Phys. Rev. D 110 (2024) 030001).
"""

from __future__ import annotations

import json
import os
import tempfile
from functools import cache
from importlib.metadata import version
from pathlib import Path

import hepunits as u
from hepunits import constants as hc

# --------------------------------------------------------------------------
# Units and fundamental constants
# --------------------------------------------------------------------------
#: hbar*c in GeV*m
HBARC_GEV_M: float = hc.hbarc / (u.GeV * u.m)
#: hbar in GeV*s
HBAR_GEV_S: float = hc.hbar / (u.GeV * u.s)
#: speed of light in m/s
C_LIGHT: float = hc.c_light / (u.m / u.s)
#: (hbar c)^2 in GeV^2 cm^2: converts GeV^-2 to cm^2
GEV2_TO_CM2: float = (hc.hbarc / (u.GeV * u.cm)) ** 2
#: 1 GeV^-2 in picobarn
GEV2_TO_PB: float = (hc.hbarc**2 / u.GeV**2) / u.picobarn
#: Avogadro constant, 1/mol
N_AVOGADRO: float = hc.Avogadro * u.mole
#: fine-structure constant in the Thomson limit (CODATA 2018)
ALPHA_EM: float = 1.0 / 137.035999084
#: Fermi constant, GeV^-2 (PDG 2024)
G_FERMI: float = 1.1663788e-5
#: Higgs vacuum expectation value (sqrt(2) G_F)^(-1/2), GeV
V_HIGGS: float = (2**0.5 * G_FERMI) ** -0.5
#: strong coupling at the Z pole (PDG 2024)
ALPHA_S_MZ: float = 0.1180
#: elementary charge in natural units
E_CHARGE: float = (4 * 3.141592653589793 * ALPHA_EM) ** 0.5
#: 1 coulomb of beam in electrons
ELECTRONS_PER_COULOMB: float = 1.0 / (hc.e_SI)


# --------------------------------------------------------------------------
# PDG data through `particle`. Loading its table takes ~0.3 s, so the few records
# fipkit reads are kept in a small JSON file in the fipkit cache, keyed on the
# version of `particle` (a new version reads the table again).
# --------------------------------------------------------------------------
def _memo_path() -> Path | None:
    if os.environ.get("FIPKIT_NO_CACHE", "") not in ("", "0"):
        return None
    root = os.environ.get("FIPKIT_CACHE") or str(Path.home() / ".cache" / "fipkit")
    return Path(root) / "pdg" / f"particle-{version('particle')}.json"


@cache
def _memo() -> dict[str, list]:
    path = _memo_path()
    try:
        data = json.loads(path.read_text()) if path else {}
        return data if isinstance(data, dict) else {}
    except (OSError, ValueError):
        return {}


def _record(pdgid: int) -> list:
    """[mass MeV, width MeV or None, lifetime ns or None] of a PDG id."""
    memo = _memo()
    key = str(int(pdgid))
    if key not in memo:
        from particle import Particle

        p = Particle.from_pdgid(pdgid)
        memo[key] = [p.mass, p.width, p.lifetime]
        path = _memo_path()
        if path is not None:
            try:  # atomic: a temporary file and a rename
                path.parent.mkdir(parents=True, exist_ok=True)
                fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
                with os.fdopen(fd, "w") as fh:
                    json.dump(memo, fh)
                os.replace(tmp, path)
            except OSError:
                pass  # a read-only cache is not an error
    return memo[key]


def mass(pdgid: int) -> float:
    """PDG mass of a particle in GeV (from `particle`)."""
    return _record(pdgid)[0] * u.MeV / u.GeV


def width(pdgid: int) -> float:
    """PDG total width of a particle in GeV (from `particle`); 0 if stable."""
    w = _record(pdgid)[1]
    return 0.0 if w is None else w * u.MeV / u.GeV


def ctau(pdgid: int) -> float:
    """PDG c*tau in metres (from `particle`); inf if stable."""
    lt = _record(pdgid)[2]  # ns
    return float("inf") if lt is None else lt * u.ns * hc.c_light / u.m


# PDG ids used across fipkit
PDG = dict(
    e=11,
    mu=13,
    tau=15,
    pi0=111,
    pi=211,
    eta=221,
    etap=331,
    rho=113,
    omega=223,
    phi=333,
    K=321,
    KL=130,
    KS=310,
    p=2212,
    n=2112,
    D0=421,
    D=411,
    Ds=431,
    B0=511,
    B=521,
    Bs=531,
    Jpsi=443,
    h=25,
    W=24,
    Z=23,
    t=6,
    b=5,
    c=4,
    s=3,
)

M_E = mass(11)
M_MU = mass(13)
M_TAU = mass(15)
M_PI0 = mass(111)
M_PI = mass(211)
M_ETA = mass(221)
M_ETAP = mass(331)
M_RHO = mass(113)
M_OMEGA = mass(223)
M_PHI = mass(333)
M_K = mass(321)
M_K0 = mass(130)
M_P = mass(2212)
M_N = mass(2112)
M_JPSI = mass(443)
M_B = mass(521)
M_B0 = mass(511)
M_H = mass(25)
M_W = mass(24)
M_Z = mass(23)
M_TOP = mass(6)

GAMMA_RHO = width(113)
GAMMA_OMEGA = width(223)
GAMMA_PHI = width(333)
GAMMA_H = 4.1e-3  # SM Higgs width, GeV (LHC Higgs WG, YR4 arXiv:1610.07922)

# --------------------------------------------------------------------------
# Branching ratios (PDG 2024 fits)
# --------------------------------------------------------------------------
BR_PI0_GG = 0.98823
#: pi+ -> mu+ nu_mu and K+ -> mu+ nu_mu (PDG 2024 fits: 0.999877, 0.6356)
BR_MU_NU = {"pi+": 0.999877, "K+": 0.6356}
BR_ETA_GG = 0.3936
BR_ETAP_GG = 0.02307
BR_OMEGA_PI0G = 0.0835

# --------------------------------------------------------------------------
# Materials: Z, A, radiation length X0 [g/cm^2], density [g/cm^3], nuclear
# interaction length lambda_I [g/cm^2]
# (PDG Atomic and Nuclear Properties tables)
# --------------------------------------------------------------------------
MATERIALS = {
    # hydrogen gas (DarkLight, MAGIX) and tantalum (A1, APEX foils) [U: PDG tables, recalled]
    "H2": dict(Z=1, A=1.008, X0=63.04, rho=8.376e-5, lambda_I=52.0),
    "Ta": dict(Z=73, A=180.95, X0=6.82, rho=16.65, lambda_I=191.1),
    "Be": dict(Z=4, A=9.012, X0=65.19, rho=1.848, lambda_I=77.8),
    "C": dict(Z=6, A=12.011, X0=42.70, rho=2.210, lambda_I=85.8),
    "Al": dict(Z=13, A=26.98, X0=24.01, rho=2.699, lambda_I=107.2),
    "Fe": dict(Z=26, A=55.845, X0=13.84, rho=7.874, lambda_I=132.1),
    "Cu": dict(Z=29, A=63.546, X0=12.86, rho=8.960, lambda_I=137.3),
    "Mo": dict(Z=42, A=95.95, X0=9.80, rho=10.22, lambda_I=152.9),
    "W": dict(Z=74, A=183.84, X0=6.76, rho=19.30, lambda_I=191.9),
    "Pb": dict(Z=82, A=207.2, X0=6.37, rho=11.35, lambda_I=199.6),
    # beryllium oxide (NuTeV's target): per-atom mean Z and A of Be + O; X0, rho and
    # lambda_I of the compound [U: PDG tables, recalled]
    "BeO": dict(Z=6.0, A=12.51, X0=41.30, rho=3.01, lambda_I=100.2),
}

# --------------------------------------------------------------------------
# Vector resonances for the R ratio (PDG 2024 listings): Gamma(V -> e+e-) in GeV,
# hadronic branching fraction (1 - leptonic), charmonium (mass, width) in GeV
# --------------------------------------------------------------------------
M_D0 = mass(421)
GAMMA_EE = {
    "omega": 0.60e-6,
    "phi": 1.27e-6,
    "J/psi": 5.53e-6,
    "psi(2S)": 2.33e-6,
    "psi(3770)": 0.262e-6,
}
BR_HAD_VECTOR = {"omega": 0.9999, "phi": 0.9996, "J/psi": 0.877, "psi(2S)": 0.98, "psi(3770)": 1.0}
CHARMONIA = {
    "J/psi": (mass(443), 92.6e-6),
    "psi(2S)": (mass(100443), 294e-6),
    "psi(3770)": (mass(30443), 27.2e-3),
}

# --------------------------------------------------------------------------
# Timelike proton form factor F1 (VMD) for proton bremsstrahlung, as used by
# Blumlein & Brunner, arXiv:1311.3870 (after Faessler et al., PRC 82 (2010) 015201):
# (coefficient f_i, mass GeV, width GeV) for rho, rho', rho'', omega, omega', omega''
# --------------------------------------------------------------------------
PROTON_FF_VMD = [
    (0.616, 0.77, 0.15),
    (0.223, 1.25, 0.3),
    (-0.339, 1.45, 0.5),
    (1.011, 0.77, 0.0085),
    (-0.881, 1.25, 0.3),
    (0.369, 1.45, 0.5),
]

# --------------------------------------------------------------------------
# Total pp cross section, PDG/COMPETE form (used for the sigma_pp(s')/sigma_pp(s)
# factor of proton bremsstrahlung, Blumlein & Brunner arXiv:1311.3870):
#   sigma_pp(s) = Z + B ln^2(s/s_M) + Y1 (s1/s)^eta1 - Y2 (s1/s)^eta2   [mb, s in GeV^2]
# PDG review "Plots of cross sections and related quantities" (J. Beringer et al.,
# PRD 86 (2012) 010001, sec. 50, table of fit parameters for pp; s_M = (2 m_p + M)^2
# with M = 2.15 GeV, i.e. sqrt(s_M) = 5.38 GeV); same numbers as quoted in 1311.3870.
# --------------------------------------------------------------------------
SIGMA_PP_PDG = dict(
    Z=35.45, B=0.308, s_M=5.38**2, Y1=42.53, Y2=33.34, eta1=0.458, eta2=0.545, s1=1.0
)

# --------------------------------------------------------------------------
# omega -> pi0 gamma* electromagnetic transition form factor, pole form
# |F(q^2)|^2 = (1 - q^2/Lambda^2)^-2 with Lambda^-2 = 2.223 +- 0.026 +- 0.037 GeV^-2
# (NA60, R. Arnaldi et al., PLB 757 (2016) 437, arXiv:1608.07898; PDG 2024 omega listing).
# --------------------------------------------------------------------------
LAMBDA_OMEGA_TFF_INV2: float = 2.223

# --------------------------------------------------------------------------
# CKM magnitudes (PDG 2024, CKM review global fit) and B/K form-factor inputs
# --------------------------------------------------------------------------
V_TS = 0.04110
V_TB = 0.999118
V_TD = 0.00857
#: Im(V_ts^* V_td) = A^2 lambda^5 eta-bar (leading order in lambda) from the PDG 2024 CKM
#: fit (lambda = 0.22501, A = 0.826, eta-bar = 0.3523; PDG RPP 2024, "CKM quark-mixing
#: matrix", eq. 12.27): the CP-violating part behind K_L -> pi0 S
IM_LAMBDA_T = 0.826**2 * 0.22501**5 * 0.3523
#: top mass used in the flavour-changing scalar coupling (scale-invariant MS-bar-like
#: value used by Boiarska et al. arXiv:1904.10447 App. A), GeV
M_TOP_LOOP = 174.0
