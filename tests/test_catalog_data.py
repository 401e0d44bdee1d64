"""The experiment catalog data files (src/fipkit/experiments/data).

Independent references: the review's Table 2 (arXiv:2011.02157; 42 rows, 11 past +
14 current + 17 future, counted in the review text), the FASER geometry of
arXiv:1811.10243 / 1812.09139 (R = 10 cm, L = 1.5 m, 480 m from the ATLAS IP) and
FASER2 of arXiv:1901.04468 (R ~ 1 m, L ~ 5 m), the decay/shield length ratios quoted in
the DarkCast notes (E137 204/179, E141 35/0.12, E774 2/0.3, Orsay 2/1, nu-Cal 23/64),
and the published signal upper limits of ANR arXiv:1209.6083 Table I (E141 N_up = 3419,
E774 N_up = 18), used as the signal threshold (key n_up).
"""

import csv
import math
from importlib import resources

import numpy as np
import pytest
import yaml

from fipkit.constants import MATERIALS
from fipkit.models.hnl_widths import partial_widths
from fipkit.spectra import ANALYTIC
from fipkit.statistics import poisson_upper_limit

DATA = resources.files("fipkit.experiments").joinpath("data")

COMMON = {"name", "label", "kind", "technique", "models", "beam", "references", "notes", "cl"}
DECAY_KEYS = {
    "facility",
    "target",
    "exposure",
    "production",
    "detector",
    "min_energy_GeV",
    "efficiency",
    "channels",
    "background",
    "n_obs",
}
BUMP_KEYS = {"sqrt_s_GeV", "luminosity_fb", "mass_resolution", "efficiency", "cos_max", "channels"}
SHAPES = {
    "box": {"z_start", "length", "half_x", "half_y", "x", "y"},
    "cylinder": {"z_start", "length", "radius"},
    "frustum": {"z_start", "length", "half_x0", "half_y0", "half_x1", "half_y1"},
}
#: optional detector keys (the vertical-shaft cylinder of ANUBIS)
OPTIONAL = {"box": set(), "frustum": set(), "cylinder": {"inner_radius", "axis", "x", "z"}}
MECHS = {
    "pi0",
    "eta",
    "etap",
    "omega",
    "proton_brem",
    "electron_brem_thick",
    "K+->pi+S",
    "KL->pi0S",
    "B->XsS",
    "B->KS",
    # the HNL's production groups (fipkit.models.hnl)
    "pion",
    "kaon",
    "charm",
    "beauty",
    "Bc",
    "tau",
    "tau-pair",
    "W",
    "Z",
    # the photon ALP's Primakoff group (fipkit.models.alp)
    "primakoff",
    "primakoff_shower",
    # the fermion ALP's meson decays (fipkit.models.alp.FERMION_CHANNELS)
    "B->Ka",
    "B0->K0a",
    "B0->K*0a",
    "K+->pi+a",
    "KL->pi0a",
}
CHANNELS = {
    "alp-fermion": {"e+e-", "mu+mu-", "gamma gamma", "hadrons (interp.)", "s sbar", "g g"},
    "alp-photon": {"gamma gamma"},
    "dark-photon": {"e+e-", "mu+mu-", "tau+tau-", "hadrons", "3gamma"},
    "dark-scalar": {
        "e+e-",
        "mu+mu-",
        "tau+tau-",
        "gamma gamma",
        "pi pi",
        "K K",
        "multi-meson",
        "hadrons (pert.)",
    },
    # the HNL (family): its decay channels for any flavour, and the two-track selection
    "fermion": {
        "2 charged tracks",
        *(c for a in ("e", "mu", "tau") for c in partial_widths(np.array([5.0]), a)),
    },
    # the single-flavour benchmarks (a published search of one flavour: T2K, PS191, ATLAS)
    **{
        f"hnl-{a}": set(partial_widths(np.array([5.0]), a))
        | {"2 charged tracks"}
        | {c for b in ("e", "mu", "tau") for c in partial_widths(np.array([5.0]), b)}
        for a in ("e", "mu", "tau")
    },
    # light dark matter (family): invisible A', no visible channel
    "light-dark-matter": set(),
    "ldm-scalar": set(),
    "ldm-pseudo-dirac": set(),
    # millicharged particles: stable, seen by ionisation or scattering
    "millicharge": set(),
    # L_mu - L_tau at the missing energy / momentum searches: X -> nu nubar, invisible
    "lmu-ltau": set(),
}


def per_model(e, key):
    """{model: list} for a key that is a list (one model) or a mapping by model."""
    v = e.get(key, ())
    return v if isinstance(v, dict) else {m: v for m in e["models"]}


FACILITIES = {"SPS400", "U70", "FNAL120", "LHC14", "JPARC30", "PS19", "TEV800"}
MUST_HAVE = {
    "MATHUSLA",
    "CODEX-b",
    "ANUBIS",
    "E137",
    "E141",
    "E774",
    "CHARM",
    "SHiP",
    "FASER",
    "FASER2",
    "NuCal",
    "NA62-dump",
    "DarkQuest",
    "Orsay",
    "HPS-displaced",
    "BaBar",
    "BelleII",
}


@pytest.fixture(scope="module")
def detectors():
    return {d["name"]: d for d in yaml.safe_load(DATA.joinpath("detectors.yaml").read_text())}


@pytest.fixture(scope="module")
def entries(detectors):
    """Every search of every catalog file (searches.yaml and searches_<topic>.yaml), with
    its detector's keys merged in (the detector's geometry under 'detector')."""
    files = sorted(
        f for f in DATA.iterdir() if f.name.startswith("searches") and f.name.endswith(".yaml")
    )
    assert len(files) >= 3
    out = []
    for e in (e for f in files for e in yaml.safe_load(f.read_text())):
        det = detectors[e["detector"]]
        merged = {**e, **{k: v for k, v in det.items() if k not in ("name", "references")}}
        merged["detector"] = det.get("geometry")
        merged.pop("geometry", None)
        out.append(merged)
    return out


def test_every_detector_is_used(detectors):
    files = [f for f in DATA.iterdir() if f.name.startswith("searches")]
    used = {e["detector"] for f in files for e in yaml.safe_load(f.read_text())}
    assert used == set(detectors)
    for d in detectors.values():
        assert d["references"], d["name"]


TECHNIQUES = set(yaml.safe_load(DATA.joinpath("techniques.yaml").read_text()))


@pytest.fixture(scope="module")
def by_name(entries):
    return {e["name"]: e for e in entries}


@pytest.fixture(scope="module")
def table2_rows():
    return list(csv.DictReader(DATA.joinpath("table2.csv").read_text().splitlines()))


def test_schema_and_unique_names(entries):
    names = [e["name"] for e in entries]
    assert len(names) == len(set(names)), "duplicate experiment names"
    assert MUST_HAVE <= set(names)
    for e in entries:
        missing = COMMON - set(e)
        assert not missing, f"{e['name']}: missing {missing}"
        assert e["kind"] in ("limit", "projection")
        assert e["technique"] in TECHNIQUES
        assert set(e["models"]) <= set(CHANNELS)
        assert 0 < e["cl"] < 1
        assert e["references"] and all(isinstance(r, str) and r for r in e["references"])
        assert isinstance(e["notes"], str) and len(e["notes"]) > 20
        keys = {"decay_in_volume": DECAY_KEYS, "bump_hunt": BUMP_KEYS}.get(e["technique"], set())
        missing = keys - set(e)
        assert not missing, f"{e['name']}: missing {missing}"
        for model, chans in per_model(e, "channels").items():
            assert model in e["models"] and set(chans) <= CHANNELS[model], (e["name"], model)
        assert 0 < e.get("efficiency", 1.0) <= 1


def test_decay_in_volume_entries(entries):
    for e in (x for x in entries if x["technique"] == "decay_in_volume"):
        name, det = e["name"], dict(e["detector"])
        shape = det.pop("shape")
        assert shape in SHAPES, name
        assert SHAPES[shape] <= set(det) <= SHAPES[shape] | OPTIONAL[shape], (
            f"{name}: detector keys {set(det)}"
        )
        # volumes around a collision point (B factory, LEP, an LHC inner detector) start
        # upstream of it
        around_ip = e["facility"] in ANALYTIC or e["target"] is None
        assert (det["z_start"] >= 0 or around_ip) and det["length"] > 0, name
        if shape == "cylinder":
            assert 0 <= det.get("inner_radius", 0.0) < det["radius"], name
        # exposure: positive, with the unit matching the beam
        exp = e["exposure"]
        # numbers must load as numbers: YAML 1.1 reads "1e18" or "2.0e15" as strings
        for k in ("luminosity_fb", "n_beam"):
            if k in exp:
                assert isinstance(exp[k], float), f"{name}: {k} = {exp[k]!r} is not a float"
        if e["facility"] == "Y4S":  # e+e- B factory
            assert exp["unit"] == "BB pairs" and exp["n_beam"] > 0 and e["target"] is None
            continue
        if e["facility"] == "Zpole":  # LEP 1
            assert exp["unit"] == "Z bosons" and exp["n_beam"] > 0 and e["target"] is None
            continue
        if exp["unit"] == "fb^-1":
            assert exp["luminosity_fb"] > 0 and e["facility"] == "LHC14", name
        else:
            assert exp["n_beam"] > 0, name
            assert exp["unit"] == ("EOT" if e["beam"]["particle"] == "e-" else "POT"), name
        # facility / target consistency
        if e["beam"]["particle"] == "e-":
            assert e["facility"] is None and e["target"] in MATERIALS, name
        else:
            assert e["facility"] in FACILITIES, name
            assert e["target"] in MATERIALS or e["facility"] == "LHC14", name
        for p in (x for ps in per_model(e, "production").values() for x in ps):
            if isinstance(p, dict) and p["mechanism"] == "h->SS":
                assert 0 < p["br"] < 1 and e["facility"] == "LHC14", name
            elif isinstance(p, dict) and p["mechanism"].startswith("primakoff_"):
                assert p["converter"] in MATERIALS and p["z_m"] > 0, name
            elif isinstance(p, dict):
                assert p["mechanism"] == "electron_brem_thin" and 0 < p["thickness_X0"] < 0.1
            else:
                assert p in MECHS, f"{name}: {p}"
        assert e["min_energy_GeV"] < e["beam"]["energy_GeV"], name
        assert e["background"] >= 0, name
        assert e["n_obs"] is None or e["n_obs"] >= 0, name


def test_bump_hunt_entries(by_name):
    for n in ("BaBar", "BelleII"):
        e = by_name[n]
        assert e["technique"] == "bump_hunt"
        assert e["luminosity_fb"] > 0 and e["sqrt_s_GeV"] > 0
        assert 0 < e["cos_max"] < 1 and 0 < e["mass_resolution"] < 0.1
    assert by_name["BaBar"]["luminosity_fb"] == 514.0  # review Table 2
    assert by_name["BelleII"]["luminosity_fb"] == 50000.0  # review Table 2: 50 ab^-1


def test_table2_complete(table2_rows):
    # counted in the review text (seed/000_*.txt, Table 2): 11 past, 14 current, 17 future
    assert len(table2_rows) == 42
    status = [r["status"] for r in table2_rows]
    assert (status.count("past"), status.count("current"), status.count("future")) == (11, 14, 17)
    names = {r["experiment"] for r in table2_rows}
    for n in (
        "E137",
        "E141",
        "E774",
        "NuCAL",
        "CHARM",
        "SHiP",
        "NA62-dump",
        "FASER / FASER2",
        "DarkQuest (SeaQuest)",
        "HPS",
        "BaBar",
        "Belle II",
        "Mu3e",
    ):
        assert n in names
    assert all(r["source"].startswith("arXiv:2011.02157 Table 2") for r in table2_rows)
    assert all(r["note"] for r in table2_rows)


def test_faser_geometry_as_in_1811_12522(by_name):
    f, f2 = by_name["FASER"]["detector"], by_name["FASER2"]["detector"]
    assert (f["shape"], f["z_start"], f["length"], f["radius"]) == ("cylinder", 480.0, 1.5, 0.1)
    assert (f2["shape"], f2["z_start"], f2["length"], f2["radius"]) == ("cylinder", 480.0, 5.0, 1.0)
    assert by_name["FASER"]["exposure"]["luminosity_fb"] == 150.0
    assert by_name["FASER2"]["exposure"]["luminosity_fb"] == 3000.0


@pytest.mark.parametrize(
    "name, ratio",
    [
        ("E137", 204 / 179),
        ("E141", 35 / 0.12),
        ("E774", 2 / 0.3),
        ("Orsay", 2 / 1),
        ("NuCal", 23 / 64),
    ],
)
def test_decay_over_shield_ratio(by_name, name, ratio):
    d = by_name[name]["detector"]
    assert d["length"] / d["z_start"] == pytest.approx(ratio, rel=1e-9)


def test_published_upper_limits_reproduced(by_name):
    # ANR Table I: E141 N_up = 3419, E774 N_up = 18 (95% CL), used as given (n_up)
    for name, n_up in (("E141", 3419.0), ("E774", 18.0)):
        e = by_name[name]
        assert e["n_up"] == n_up and e["cl"] == 0.95
    # zero-event searches: 2.30 events at 90% CL
    for name in ("E137", "Orsay", "CHARM"):
        e = by_name[name]
        assert poisson_upper_limit(e["background"], e["n_obs"], e["cl"]) == pytest.approx(
            -math.log(0.1), rel=1e-9
        )


def test_exposures_and_beams(by_name):
    # review Table 2 numbers (E137 30 C = 1.87e20 e-)
    assert by_name["E137"]["exposure"]["n_beam"] == pytest.approx(30 / 1.602176634e-19, rel=0.01)
    assert by_name["E141"]["exposure"]["n_beam"] == 2.0e15
    assert by_name["CHARM"]["exposure"]["n_beam"] == 2.4e18
    assert by_name["NuCal"]["exposure"]["n_beam"] == pytest.approx(1.7e18, rel=0.01)
    assert by_name["SHiP"]["exposure"]["n_beam"] == 2.0e20
    assert by_name["NA62-dump"]["exposure"]["n_beam"] == 1.0e18
    assert by_name["DarkQuest"]["exposure"]["n_beam"] == 1.0e18
    assert by_name["DarkQuest-PhaseII"]["exposure"]["n_beam"] == 1.0e20
    energies = {
        "E137": 20,
        "E141": 9,
        "E774": 275,
        "NuCal": 70,
        "CHARM": 400,
        "SHiP": 400,
        "NA62-dump": 400,
        "DarkQuest": 120,
    }
    for n, E in energies.items():
        assert by_name[n]["beam"]["energy_GeV"] == E
    charm = by_name["CHARM"]["detector"]
    assert (charm["z_start"], charm["length"], charm["x"], 2 * charm["half_x"]) == (480, 35, 5, 3)
