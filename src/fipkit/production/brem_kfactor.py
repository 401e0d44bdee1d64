"""K factors ETL/WW of dark bremsstrahlung for the invisible searches: the exact tree-level
cross section (:mod:`fipkit.production.brem_exact`) over fipkit's WW one
(:func:`fipkit.production.brem_yield.sigma_above`), K(m) = sigma_ETL(E0; x > x_min) /
sigma_WW(E0; x > x_min), at the beam energy of a search.

The ETL takes ~1.5 s per mass, so K is tabulated on ``MASS_NODES`` (log-spaced, m_A' from
2 MeV to 3 GeV) per set-up (beam energy, target material, x_min, beam lepton) and
interpolated linearly in (ln m, ln K). The set-ups of fipkit's catalog ship as
``data/brem_kfactors.json``, made by ``python -m fipkit.production.brem_kfactor`` (about
two minutes); any other set-up is computed on first use and kept in fipkit's cache.
Where the WW cross section vanishes (the A' too heavy for the beam) K = 1.

For a thick target K is taken at the beam energy E0 and x_min = E_miss/E0, while the
radiating electrons range from E_miss to E0: an approximation (K varies slowly with E at
fixed m/E: 0.74 at m = 0.1 GeV, 100 GeV, and 0.68 at m = 0.1 GeV, 20 GeV, on lead and
tungsten respectively).
"""

from __future__ import annotations

import functools
import json
from importlib import resources

import numpy as np

from .. import cache
from .. import constants as C
from .brem_exact import sigma_exact_above
from .brem_yield import sigma_above
from .electron_brem import _material, dsigma_dx

MASS_NODES = np.geomspace(2e-3, 3.0, 12)
LEPTONS = {"e": C.M_E, "mu": C.M_MU}
#: the set-ups of the catalog: (E0 GeV, material, x_min, lepton)
SETUPS = (
    (100.0, "Pb", 0.5, "e"),  # NA64e
    (160.0, "Pb", 0.5, "mu"),  # NA64mu
    (15.0, "W", 0.5, "mu"),  # M3
    (4.0, "W", 0.7, "e"),  # LDMX@SLAC
    (8.0, "W", 0.7, "e"),
    (16.0, "W", 0.7, "e"),  # LDMX@CERN
)
DATA = "data/brem_kfactors.json"


def _name(E0: float, material: str, x_min: float, lepton: str) -> str:
    return f"{E0:g}|{material}|{x_min:g}|{lepton}"


def compute(E0: float, material: str, x_min: float, lepton: str) -> np.ndarray:
    """K on ``MASS_NODES`` for one set-up (slow: the ETL at every node)."""
    mat = _material(material)
    m_l = LEPTONS[lepton]
    ww = sigma_above(E0, MASS_NODES, x_min, mat["Z"], mat["A"], m_l)
    etl = np.array(
        [
            sigma_exact_above(E0, float(m), x_min, mat["Z"], mat["A"], m_l) if w > 0 else 0.0
            for m, w in zip(MASS_NODES, ww, strict=True)
        ]
    )
    return np.where((ww > 0) & (etl > 0), etl / np.where(ww > 0, ww, 1.0), 1.0)


@functools.cache
def _shipped() -> dict[str, list[float]]:
    f = resources.files(__package__).joinpath(DATA)
    return json.loads(f.read_text())["kfactors"] if f.is_file() else {}


@functools.cache
def table(E0: float, material: str, x_min: float, lepton: str) -> np.ndarray:
    """K on ``MASS_NODES``: shipped, cached, or computed now."""
    name = _name(E0, material, x_min, lepton)
    if name in _shipped():
        return np.asarray(_shipped()[name], float)
    path = cache.key("brem_kfactor", [name, list(map(float, MASS_NODES))])
    hit = cache.load(path)
    if hit is not None:
        return np.asarray(hit["k"], float)
    k = compute(E0, material, x_min, lepton)
    cache.save(path, k=k)
    return k


def kfactor(E0: float, masses, material: str, x_min: float, lepton: str = "e") -> np.ndarray:
    """K(m_A') = ETL/WW for the set-up, interpolated at ``masses`` (GeV; constant beyond
    the ends of ``MASS_NODES``)."""
    k = table(float(E0), str(material), float(x_min), lepton)
    m = np.asarray(masses, float)
    return np.exp(np.interp(np.log(m), np.log(MASS_NODES), np.log(k)))


#: thin-target K nodes in m_A' / E0 (the whole spectrum, x > m/E0: low-energy beams)
RELATIVE_NODES = np.geomspace(0.01, 0.97, 16)
#: the thin-target set-ups of the catalog: (E0 GeV, material)
THIN_SETUPS = (
    (0.1, "H2"),  # DarkLight
    (0.155, "H2"),  # MAGIX at MESA
    (0.855, "Ta"),  # A1 at MAMI
    (1.056, "W"),  # HPS 2015
    (2.26, "Ta"),  # APEX test run
)


def _thin_name(E0: float, material: str) -> str:
    return f"thin|{E0:g}|{material}"


def _ww_thin(E0: float, m: float, Z: float, A: float) -> float:
    """sigma(x > m/E0) of the thin-target sample's WW form (:func:`electron_brem.dsigma_dx`,
    BEST eqs. A12-A19), GeV^-2: trapezoidal in ln(1 - x) down to 1 - x = 1e-7."""
    u = np.geomspace(1e-7, 1 - m / E0, 400)  # u = 1 - x
    f = dsigma_dx(1 - u, E0, m, Z, A) * u
    return float(np.sum(0.5 * (f[1:] + f[:-1]) * np.diff(np.log(u))))


def compute_thin(E0: float, material: str) -> np.ndarray:
    """K on ``E0 * RELATIVE_NODES``: ETL over the thin-target sample's WW form, both over the
    whole spectrum x > m/E0 (electron beam)."""
    mat = _material(material)
    out = []
    for r in RELATIVE_NODES:
        m = float(E0 * r)
        ww = _ww_thin(E0, m, mat["Z"], mat["A"])
        etl = sigma_exact_above(E0, m, r, mat["Z"], mat["A"], C.M_E) if ww > 0 else 0.0
        # K -> 0 where the exact phase space closes before WW's (floor for the log interp.)
        out.append(max(etl / ww, 1e-6) if ww > 0 else 1.0)
    return np.array(out)


@functools.cache
def thin_table(E0: float, material: str) -> np.ndarray:
    """Thin-target K on ``RELATIVE_NODES``: shipped, cached, or computed now (~25 s)."""
    name = _thin_name(E0, material)
    if name in _shipped():
        return np.asarray(_shipped()[name], float)
    path = cache.key("brem_kfactor_thin", [name, list(map(float, RELATIVE_NODES))])
    hit = cache.load(path)
    if hit is not None:
        return np.asarray(hit["k"], float)
    k = compute_thin(E0, material)
    cache.save(path, k=k)
    return k


def kfactor_thin(E0: float, masses, material: str) -> np.ndarray:
    """K(m_A') = sigma_ETL / sigma_WW (the form of the thin-target sample) over the whole
    spectrum of a thin target at beam energy E0 (interpolated in (ln(m/E0), ln K);
    constant beyond the node ends)."""
    k = thin_table(float(E0), str(material))
    r = np.asarray(masses, float) / float(E0)
    return np.exp(np.interp(np.log(r), np.log(RELATIVE_NODES), np.log(k)))


def main() -> None:
    """Recompute the shipped table (``python -m fipkit.production.brem_kfactor``)."""
    from pathlib import Path

    from ..curves import atomic_write

    out = {_name(*s): [round(float(v), 5) for v in compute(*s)] for s in SETUPS}
    # thin: 5 significant digits (K falls to ~1e-6 at the spectrum's end)
    out |= {_thin_name(*s): [float(f"{v:.5g}") for v in compute_thin(*s)] for s in THIN_SETUPS}
    doc = {
        "about": "K = sigma_ETL / sigma_WW of dark bremsstrahlung (fipkit.production."
        "brem_kfactor), on mass_nodes_GeV, per 'E0|material|x_min|lepton'; thin-target "
        "set-ups 'thin|E0|material' on m/E0 = relative_nodes (x > m/E0)",
        "mass_nodes_GeV": [float(m) for m in MASS_NODES],
        "relative_nodes": [float(r) for r in RELATIVE_NODES],
        "kfactors": out,
    }
    path = Path(__file__).parent / DATA
    atomic_write(path, json.dumps(doc, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
