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
from .electron_brem import _material

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


def main() -> None:
    """Recompute the shipped table (``python -m fipkit.production.brem_kfactor``)."""
    from pathlib import Path

    from ..curves import atomic_write

    out = {_name(*s): [round(float(v), 5) for v in compute(*s)] for s in SETUPS}
    doc = {
        "about": "K = sigma_ETL / sigma_WW of dark bremsstrahlung (fipkit.production."
        "brem_kfactor), on mass_nodes_GeV, per 'E0|material|x_min|lepton'",
        "mass_nodes_GeV": [float(m) for m in MASS_NODES],
        "kfactors": out,
    }
    path = Path(__file__).parent / DATA
    atomic_write(path, json.dumps(doc, indent=1) + "\n")
    print(f"wrote {path}")


if __name__ == "__main__":
    main()
