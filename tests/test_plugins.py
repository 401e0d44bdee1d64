"""The engine's extension points, used from this file alone: a toy model, a toy
production mechanism and a toy technique registered without touching fipkit; the
public API; import layering; the catalog's validation; edges that are found, not
assumed."""

from __future__ import annotations

import ast
import subprocess
import sys
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pytest

import fipkit
from fipkit.engine import TrackSet, decay_sum
from fipkit.errors import FipkitInputError
from fipkit.experiments import catalog, detector_from_mapping, from_mapping, get_experiment
from fipkit.models import Model, get_model, model_names, register_model
from fipkit.production import Mechanism, register_mechanism
from fipkit.reach import compute_reach
from fipkit.sample import FIPSample
from fipkit.signals import Signal, Technique, register_technique

SRC = Path(fipkit.__file__).parent


@dataclass(frozen=True)
class ToyVector(Model):
    """A vector with a width Gamma = 1e-15 m at unit coupling (toy)."""

    name = "toy-vector"
    family = "toy"
    coupling_name = "g"
    width_power = 2
    mass_range = (0.01, 1.0)
    visible_channels = ("e+e-",)
    brem_kind = "toy"

    def partial_widths(self, m):
        return {"e+e-": 1e-15 * np.asarray(m, float)}


def _pencil_beam(search, model, channel, params, mass, rng, mc):
    """Toy mechanism: every FIP along the axis with p = 10 GeV, 1e-3 per beam particle."""
    n = 10
    p = np.zeros((n, 3))
    p[:, 2] = 10.0
    return FIPSample(mass, np.full(n, 1e-4), p, coupling_power=2, mechanism="pencil")


def _toy_events(model, search, masses, couplings, mc):
    """Toy technique: a 1 m volume at 10 m, 1e16 beam particles, N >= n_needed."""
    tracks = []
    from fipkit.production import fip_samples

    for m in masses:
        (s,) = fip_samples(search, model, float(m), mc)
        tracks.append(TrackSet.from_sample(s, search.shape))
    g = np.asarray(couplings, float)
    n = 1e16 * g[None, :] ** 2 * decay_sum(tracks, model.ctau(masses), g, model.width_power)
    return Signal(n / float(search.params["n_needed"]), "N >= n_needed", "toy decay")


@pytest.fixture(scope="module")
def toy():
    register_model(ToyVector)
    register_mechanism(Mechanism("pencil", _pencil_beam, needs_channel=False, brem_kinds=("toy",)))
    register_technique(
        Technique("toy_decay", _toy_events, {"n_needed": "events needed"}, ("n_needed",))
    )
    detector = detector_from_mapping(
        {
            "name": "ToyDet",
            "beam": {"particle": "p", "energy_GeV": 10.0},
            "geometry": {"shape": "cylinder", "z_start": 10.0, "length": 1.0, "radius": 1.0},
        },
        "test",
    )
    search = from_mapping(
        {
            "name": "ToyDump",
            "label": "toy",
            "kind": "projection",
            "technique": "toy_decay",
            "models": ["toy-vector"],
            "detector": "ToyDet",
            "production": ["pencil"],
            "n_needed": 3,
        },
        "test",
        {"ToyDet": detector},
    )
    return get_model("toy-vector"), search


def test_toy_model_mechanism_technique(toy):
    """Long-lived limit: N = 1e16 g^2 * 1e-3 * (dL m g^2 / (p c tau)) -> g_low^4 = 3 p c tau
    / (1e13 dL m). The decay length stays far beyond 10 m up to g = 1, so the region
    reaches the model's physical limit g = 1: an edge there is not open."""
    model, search = toy
    m = np.array([0.1, 0.5])
    c = compute_reach(model, search, m, np.logspace(-6, 0, 121))
    gamma = 1e-15 * m
    ctau = fipkit.constants.HBARC_GEV_M / gamma
    g_low = (3 * 10.0 * ctau / (1e13 * 1.0 * m)) ** 0.25
    np.testing.assert_allclose(c.low, g_low, rtol=0.01)
    assert np.all(c.high == 1.0) and not c.high_open.any() and c.model == "toy-vector"


def test_model_search_mismatch_is_a_clear_error(toy):
    with pytest.raises(FipkitInputError, match="does not search for dark-photon"):
        compute_reach(get_model("dark-photon"), get_experiment("ATLAS-DV-e"))
    model, search = toy
    with pytest.raises(FipkitInputError, match="does not search for"):
        compute_reach(get_model("dark-scalar"), search)
    # production the model cannot have: electron brem for the scalar
    bad = replace(
        get_experiment("E137"), models=("dark-scalar",), production=("electron_brem_thick",)
    )
    with pytest.raises(FipkitInputError, match="not available for dark-scalar"):
        compute_reach(get_model("dark-scalar"), bad, [0.1], [1e-8])


@pytest.mark.parametrize(
    "key,value,message",
    [
        ("efficency", 0.5, "did you mean 'efficiency'"),
        ("n_upp", 3, "did you mean 'n_up'"),
        ("technique", "decay_in_volum", "did you mean 'decay_in_volume'"),
        ("detector", "SHiPP", "unknown detector 'SHiPP'; did you mean 'SHiP'"),
        ("beam", {"energy_GeV": 1.0}, "unknown key 'beam'"),
        ("kind", "exclusion", "kind must be one of"),
        ("efficiency", "high", "must be a number"),
    ],
)
def test_catalog_typos_are_errors_at_load(key, value, message):
    entry = {
        "name": "X",
        "label": "X",
        "kind": "limit",
        "technique": "decay_in_volume",
        "models": ["dark-photon"],
        "detector": "SHiP",
    }
    entry[key] = value
    with pytest.raises(FipkitInputError, match=message):
        from_mapping(entry, "test.yaml")


@pytest.mark.parametrize(
    "key,value,message",
    [
        (
            "geometry",
            {"shape": "cylinder", "z_start": 1, "length": 1, "radiuss": 1},
            "did you mean 'radius'",
        ),
        ("geometry", {"shape": "cone"}, "unknown shape 'cone'"),
        ("exposur", {"n_beam": 1.0}, "did you mean 'exposure'"),
        ("beam", {"particle": "p"}, "'beam' must be a mapping with 'energy_GeV'"),
    ],
)
def test_detector_typos_are_errors_at_load(key, value, message):
    entry = {
        "name": "D",
        "beam": {"energy_GeV": 1.0},
        "geometry": {"shape": "box", "z_start": 1, "length": 1, "half_x": 1, "half_y": 1},
    }
    entry[key] = value
    with pytest.raises(FipkitInputError, match=message):
        detector_from_mapping(entry, "detectors.yaml")


def test_every_catalog_search_names_real_models_and_production():
    """The catalog layer imports no model; check every entry against the models here."""
    from fipkit.production import check_entry

    models = [get_model(n) for n in model_names()]
    families = {m.family for m in models}
    for s in catalog().values():
        assert s.models, s.name
        for key in s.models:
            assert key in model_names() or key in families, (s.name, key)
        covered = [m for m in models if s.covers(m)]
        assert covered, s.name
        for m in covered:
            for entry in s.production_for(m):
                check_entry(m, entry)


def test_model_identity_is_not_a_constructor_argument():
    with pytest.raises(TypeError):
        get_model("dark-photon").__class__(width_power=1)
    with pytest.raises(FipkitInputError, match="no parameter 'alpha_d'"):
        get_model("dark-scalar", alpha_d=0.1)
    with pytest.raises(FipkitInputError, match="outside"):
        get_model("dark-scalar", hadronic_scale=-1.0)
    assert get_model("dark-scalar", hadronic_scale=2).spec()["hadronic_scale"] == 2.0


def test_mathusla_lower_edge_is_found_below_the_grid():
    """The default grid stops at 1e-12; the edge near 1e-16..1e-14 at 1-5 GeV is found
    by extending it, and no edge is presented as the grid boundary."""
    s = get_model("dark-scalar")
    c = compute_reach(s, get_experiment("MATHUSLA"), [1.0, 3.16228, 5.01187])
    assert np.all(c.low < 1e-12) and not c.low_open.any()
    assert not np.isclose(c.low, 1e-12, rtol=1e-6, atol=0).any()


def test_open_edge_is_marked_not_written_as_a_number(tmp_path):
    from fipkit.curves import Curve

    c = Curve(
        [1.0, 2.0], [1e-9, 1e-8], [1e-4, 1e-3], model="m", experiment="e", low_open=[True, False]
    )
    c.write(tmp_path / "c.csv")
    rows = (tmp_path / "c.csv").read_text().splitlines()
    assert rows[1].split(",")[1] == "nan" and rows[2].split(",")[1] == "1e-08"
    import json

    d = json.loads(c.to_json())
    assert d["rows"][0][1] is None and "open edges" in d["open_edges"]


def _imports(path: Path) -> set[str]:
    """fipkit modules imported by a file, top-level package parts (fipkit.x)."""
    tree = ast.parse(path.read_text())
    rel = path.relative_to(SRC).with_suffix("").parts
    pkg = rel[:-1] if rel[-1] != "__init__" else rel[:-1]
    out = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = list(pkg[: len(pkg) - node.level + 1])
                mod = base + (node.module.split(".") if node.module else [])
                names = [mod + [a.name] for a in node.names] if not node.module else [mod]
                for n in names:
                    out.add(n[0] if n else "")
            elif node.module and node.module.startswith("fipkit."):
                out.add(node.module.split(".")[1])
        elif isinstance(node, ast.Import):
            for a in node.names:
                if a.name.startswith("fipkit."):
                    out.add(a.name.split(".")[1])
    return out - {""}


#: DESIGN.md's layers, low to high; a module may import its own layer or lower ones
LAYERS = {
    "__init__": 0,
    "errors": 0,
    "constants": 1,
    "kinematics": 1,
    "dirac": 1,
    "engine": 1,
    "sample": 1,
    "statistics": 1,
    "curves": 2,
    "cache": 3,
    "models": 4,
    "spectra": 4,
    "experiments": 4,
    "production": 5,
    "signals": 6,
    "cosmo": 6,
    "reach": 7,
    "scan": 8,
    "figures": 9,
    "cli": 10,
}


def test_no_upward_imports():
    """Lower layers never import upper ones, including imports inside functions."""
    bad = []
    for f in SRC.rglob("*.py"):
        rel = f.relative_to(SRC).with_suffix("").parts
        if rel[0] == "spectra" and rel[-1] == "generate":
            continue  # the optional generator script (Pythia) stands outside the layers
        me = LAYERS[rel[0]]
        for target in _imports(f):
            if target in LAYERS and LAYERS[target] > me:
                bad.append(f"{'/'.join(rel)} -> {target}")
    assert not bad, bad


def test_cli_under_python_OO(tmp_path):
    """Docstrings are stripped under -OO; nothing may depend on them."""
    out = tmp_path / "c.csv"
    r = subprocess.run(
        [
            sys.executable,
            "-OO",
            "-m",
            "fipkit.cli",
            "reach",
            "dark-photon",
            "BaBar",
            "--out",
            str(out),
            "--n-masses",
            "5",
            "--n-couplings",
            "11",
        ],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 0, r.stderr
    assert out.read_text().startswith("mass_GeV,eps_low,eps_high")


def test_public_api():
    """What the README and the docs promise to import."""
    import fipkit.cosmo
    import fipkit.curves
    import fipkit.engine
    import fipkit.experiments
    import fipkit.models
    import fipkit.production
    import fipkit.reach
    import fipkit.signals

    assert fipkit.__version__
    for mod, names in [
        (fipkit.models, ["get_model", "model_names", "register_model", "Model"]),
        (
            fipkit.experiments,
            ["get_experiment", "catalog", "detector_catalog", "experiment_names", "table2"],
        ),
        (fipkit.reach, ["compute_reach", "default_grid"]),
        (
            fipkit.engine,
            [
                "TrackSet",
                "reweight",
                "decay_sum",
                "region_rows",
                "DecayKernel",
                "ScatteringKernel",
                "IonisationKernel",
            ],
        ),
        (fipkit.signals, ["register_technique", "get_technique", "Technique", "Signal"]),
        (fipkit.production, ["register_mechanism", "get_mechanism", "Mechanism", "fip_samples"]),
        (fipkit.curves, ["Curve", "read_csv"]),
    ]:
        for n in names:
            assert hasattr(mod, n), f"{mod.__name__}.{n}"
    assert (SRC / "py.typed").exists()


@dataclass(frozen=True)
class ToyDarkSector(Model):
    """Toy: an A' of mass 3 m made in pi0 -> gamma A' (the dark photon's BR), decaying to
    chi chi with BR 1: the chained channel a light-dark-matter model will declare."""

    name = "toy-ldm"
    family = "toy"
    coupling_name = "eps"
    mass_range = (1e-3, 0.04)

    def partial_widths(self, m):
        return {"invisible": np.zeros_like(np.asarray(m, float))}

    def production_channels(self):
        from fipkit.models import ChainedChannel

        ch = get_model("dark-photon").production_channels()
        return {
            "pi0": ch["pi0"],
            "pi0->A'->chichi": ChainedChannel(
                via="pi0",
                intermediate_mass=lambda m: 3 * m,
                recoil_mass=lambda m: m,
                br=lambda m: np.ones_like(m),
                coupling_power=0,
                label="pi0 -> gamma A'(chi chi)",
                pair=True,
            ),
        }


def test_chained_production_is_expressible():
    """chi from pi0 -> gamma A'(3 m), A' -> chi chi: two chi per A', weight = A' yield at
    3 m (x BR = 1), the chi pair's momenta add up to the A' momentum, coupling powers add."""
    from fipkit.production import fip_samples

    register_model(ToyDarkSector)
    model = get_model("toy-ldm")
    s = replace(get_experiment("SHiP"), models=("toy-ldm",), production=("pi0->A'->chichi",))
    a = replace(s, production=("pi0",))
    m = 0.02
    (chi,) = fip_samples(s, model, m)
    # the A' sample of the same seed and keys is what the chain decays
    from fipkit.production import get_mechanism, rng_for

    ch = model.production_channels()["pi0"]
    from fipkit.production import MonteCarlo

    rng = rng_for(1, "SHiP", "pi0->A'->chichi", f"{m:.9g}")
    ap = get_mechanism("meson_decay").sample(a, model, ch, {}, 3 * m, rng, MonteCarlo())
    assert chi.coupling_power == 2 and len(chi) == 2 * len(ap)
    assert chi.total == pytest.approx(2 * ap.total, rel=1e-12)
    n = len(ap)
    np.testing.assert_allclose(chi.p[:n] + chi.p[n:], ap.p, rtol=1e-9, atol=1e-12)
    assert np.all(np.isclose(np.sqrt(np.maximum(0, (chi.energy) ** 2 - chi.pabs**2)), m))
