"""The HNL (family ``fermion``) searches of src/fipkit/experiments/data/searches_hnl.yaml.

Cheap data tests, no reach computation: every entry loads through the validated
catalog, names an existing detector, lists the family ``fermion``, uses only the HNL
model's production groups, has positive float exposures and spectra tables at its
facility for the groups it lists, a CL in (0, 1), references and notes. The HNL parts
of the searches of searches.yaml that compute other models too (SHiP, CHARM, ...) are
checked as well.

Independent references for the numbers checked below: the review's Table 2
(arXiv:2011.02157: SHiP 2e20 pot, NA62-dump ~1e18, DarkQuest 1e18 -> 1e20, FASER
150 fb^-1 -> 3 ab^-1, CODEX-b 300 fb^-1, MATHUSLA 3 ab^-1), the MATHUSLA200 area of
arXiv:1909.05896 (four times the 1e4 m^2 benchmark: 200 m x 200 m), and the
MATHUSLA 4-event convention (MATHUSLA web page).
"""

from __future__ import annotations

import re
from importlib import resources

import pytest
import yaml

import fipkit.experiments as E

DATA = resources.files("fipkit.experiments").joinpath("data")
SPECTRA = resources.files("fipkit.spectra").joinpath("data")
HNL_FILE = "searches_hnl.yaml"
FAMILY = "fermion"
#: the HNL model's production groups (names a search lists)
GROUPS = {"pion", "kaon", "charm", "beauty", "Bc", "tau", "tau-pair", "W", "Z"}
#: single-flavour models a search may list instead of the family (a published search of
#: one flavour: T2K, PS191, ATLAS)
SINGLE = {"hnl-e", "hnl-mu", "hnl-tau"}
#: spectra table each group needs at a facility (suffix of <facility>[_suffix].npz)
TABLE_OF_GROUP = {"kaon": "", "pion": "", "charm": "_charm", "tau": "_charm"}
TABLE_OF_GROUP |= {"beauty": "_beauty", "Bc": "_beauty", "W": "_weak", "Z": "_weak"}
TABLE_OF_GROUP |= {"tau-pair": "_none"}  # the B factory's only
#: the searches of searches_hnl.yaml and their kinds
KINDS = {"BEBC": "limit", "MATHUSLA200": "projection"}
KINDS |= {n: "limit" for n in ("T2K-ND280-e", "T2K-ND280-mu", "PS191-e", "PS191-mu")}
KINDS |= {"ATLAS-DV-e": "limit", "ATLAS-DV-mu": "limit", "Belle": "limit", "NuTeV": "limit"}
TWO_TRACKS = "2 charged tracks"
LEPTON = r"(e|mu|tau)"
#: model channel names: "<l> <meson>", "nu <l> <l>", "<l1> <l2> nu", "nu <meson>"
CHANNEL_RE = re.compile(rf"^({LEPTON} \S+|nu {LEPTON} {LEPTON}|{LEPTON} {LEPTON} nu|nu \S+)$")


def _text() -> str:
    return DATA.joinpath(HNL_FILE).read_text()


@pytest.fixture(scope="module")
def raw_entries() -> list[dict]:
    return yaml.safe_load(_text()) or []


@pytest.fixture(scope="module")
def raw_detectors() -> dict:
    return {d["name"]: d for d in yaml.safe_load(DATA.joinpath("detectors.yaml").read_text())}


@pytest.fixture(scope="module")
def merge_blocks() -> list[tuple[str, dict]]:
    """(name, entry) for the searches of searches.yaml that also compute the HNL, with
    their HNL production and channels."""
    out = []
    for e in yaml.safe_load(DATA.joinpath("searches.yaml").read_text()):
        if FAMILY in e["models"]:
            hnl = dict(e, production=e["production"][FAMILY], channels=e["channels"][FAMILY])
            out.append((e["name"], hnl))
    return out


def _has_table(facility: str, group: str) -> bool:
    if facility == "Y4S":  # B factory: B mesons and tau pairs generated analytically
        return group in ("beauty", "tau-pair")
    if facility == "Zpole":  # LEP 1: Z bosons at rest, analytic
        return group == "Z"
    if group == "Bc":  # from the beauty table, at the LHC only
        from fipkit import spectra

        return facility in spectra.B_C_FACILITIES
    return SPECTRA.joinpath(f"{facility}{TABLE_OF_GROUP[group]}.npz").is_file()


def _check_entry(e: dict, det: dict) -> None:
    name = e["name"]
    assert FAMILY in e["models"] or set(e["models"]) <= SINGLE, name
    prod = e["production"]
    prod = prod[FAMILY] if isinstance(prod, dict) else prod
    assert prod and set(prod) <= GROUPS, f"{name}: production {prod}"
    assert len(set(prod)) == len(prod), name
    chans = e["channels"]
    chans = chans[FAMILY] if isinstance(chans, dict) else chans
    assert chans, name
    for c in chans:
        assert c == TWO_TRACKS or CHANNEL_RE.match(c), f"{name}: channel {c!r}"
    assert 0 < e["cl"] < 1, name
    assert 0 < e.get("efficiency", 1.0) <= 1, name
    assert e.get("background", 0.0) >= 0, name
    assert e.get("n_obs") is None or e["n_obs"] >= 0, name
    assert "n_up" not in e or (isinstance(e["n_up"], float) and e["n_up"] > 0), name
    assert e["references"] and all(isinstance(r, str) and r.strip() for r in e["references"])
    assert isinstance(e["notes"], str) and len(e["notes"]) > 50, name
    assert "[V" in e["notes"] or "[U" in e["notes"], f"{name}: notes carry no provenance tag"
    # the detector: exposure positive floats (YAML 1.1 reads "1e18" as a string)
    exp = det["exposure"]
    keys = [k for k in ("n_beam", "luminosity_fb") if k in exp]
    assert keys, name
    for k in keys:
        assert isinstance(exp[k], float) and exp[k] > 0, f"{name}: {k} = {exp[k]!r}"
    fac = det.get("facility")
    assert fac, f"{name}: a decay-in-volume HNL search needs a facility with spectra"
    for g in prod:
        assert _has_table(fac, g), f"{name}: no spectra table at {fac} for group {g}"
    assert e.get("min_energy_GeV", 0.0) < det["beam"]["energy_GeV"], name


def test_every_hnl_search_loads(raw_entries, raw_detectors):
    cat = E.catalog()
    assert {e["name"] for e in raw_entries} == set(KINDS)
    for e in raw_entries:
        s = cat[e["name"]]  # loaded and validated by the catalog
        assert s.technique == "decay_in_volume" and s.kind in E.KINDS
        assert s.detector.name == e["detector"] in E.detector_catalog()
        assert s.models == (FAMILY,) or set(s.models) <= SINGLE
        _check_entry(e, raw_detectors[e["detector"]])


def test_hnl_kinds(raw_entries):
    kinds = {e["name"]: e["kind"] for e in raw_entries}
    assert kinds == KINDS


def test_hnl_numbers(raw_detectors):
    cat = E.catalog()
    bebc, dune, m200 = (raw_detectors[n] for n in ("BEBC", "DUNE-ND", "MATHUSLA200"))
    # BEBC (WA66): 400 GeV on Cu, 2.72e18 POT, 3.6 x 2.5 x 1.85 m from 404 m
    assert (bebc["beam"]["energy_GeV"], bebc["target"]) == (400.0, "Cu")
    assert bebc["exposure"]["n_beam"] == 2.72e18
    g = bebc["geometry"]
    assert (g["z_start"], g["length"], 2 * g["half_x"], 2 * g["half_y"]) == (404, 1.85, 3.6, 2.5)
    # DUNE ND: 120 GeV, 1.1e21 POT/year x 10 years, MPD at 574 m
    assert (dune["beam"]["energy_GeV"], dune["facility"]) == (120.0, "FNAL120")
    assert dune["exposure"]["n_beam"] == pytest.approx(10 * 1.1e21)
    assert dune["geometry"]["z_start"] == 574.0
    # MATHUSLA200: 200 m x 200 m x 20 m, 100-300 m along the beam, 100-120 m up, 3 ab^-1
    g = m200["geometry"]
    assert (2 * g["half_x"], g["length"], 2 * g["half_y"]) == (200.0, 200.0, 20.0)
    assert (g["z_start"], g["y"] - g["half_y"], g["y"] + g["half_y"]) == (100.0, 100.0, 120.0)
    assert 2 * g["half_x"] * g["length"] == pytest.approx(4 * 1e4)  # 4 x the 1e4 m^2 layout
    assert m200["exposure"]["luminosity_fb"] == 3000.0
    assert cat["MATHUSLA200"].params == {"n_up": 4.0}  # the 4-event convention
    # MATHUSLA200 is not the existing (100 m) MATHUSLA layout
    assert raw_detectors["MATHUSLA"]["geometry"] != g


def test_merge_blocks(merge_blocks, raw_detectors):
    cat = E.catalog()
    names = [n for n, _ in merge_blocks]
    expected = {
        "CHARM",
        "NA62-dump",
        "SHiP",
        "DarkQuest-PhaseII",
        "FASER",
        "FASER2",
        "CODEX-b",
        "BelleII-displaced",
        "DUNE-ND",
    }
    assert set(names) == expected and len(names) == len(expected)
    for name, e in merge_blocks:
        assert e["name"] == name
        assert FAMILY in cat[name].models
        assert cat[name].technique == "decay_in_volume", name
        _check_entry(e, raw_detectors[e["detector"]])


def test_merge_exposures(merge_blocks, raw_detectors):
    """The reused detectors carry the review's Table 2 exposures."""
    det = {n: raw_detectors[e["detector"]]["exposure"] for n, e in merge_blocks}
    assert det["CHARM"]["n_beam"] == 2.4e18
    assert det["NA62-dump"]["n_beam"] == 1.0e18
    assert det["SHiP"]["n_beam"] == 2.0e20
    assert det["DarkQuest-PhaseII"]["n_beam"] == 1.0e20
    assert det["FASER"]["luminosity_fb"] == 150.0
    assert det["FASER2"]["luminosity_fb"] == 3000.0
    assert det["CODEX-b"]["luminosity_fb"] == 300.0
    assert det["BelleII-displaced"]["unit"] == "BB pairs"


def test_names_unique_across_files(raw_entries):
    others = [
        e["name"]
        for f in DATA.iterdir()
        if f.name.startswith("searches") and f.name.endswith(".yaml") and f.name != HNL_FILE
        for e in (yaml.safe_load(f.read_text()) or [])
    ]
    assert not {e["name"] for e in raw_entries} & set(others)


def _hnl_models():
    from fipkit.models import get_model

    return [get_model(n) for n in ("hnl-e", "hnl-mu", "hnl-tau")]


def test_names_match_the_model(raw_entries, merge_blocks):
    """Groups and channel names are the model's own."""
    models = _hnl_models()
    groups = set().union(*(m.production_groups() for m in models))
    channels = {TWO_TRACKS}.union(*(m.partial_widths(1.0) for m in models))
    assert all(m.family == FAMILY for m in models)
    for e in list(raw_entries) + [b for _, b in merge_blocks]:
        prod = e["production"]
        chans = e["channels"]
        assert set(prod) <= groups, f"{e['name']}: {set(prod) - groups}"
        assert set(chans) <= channels, f"{e['name']}: {set(chans) - channels}"


def test_mass_range_of_a_published_search():
    """ATLAS's displaced search covers 3-15 GeV [V: arXiv:2204.11988 abstract]: no signal
    outside; a malformed window is one clear line."""
    import dataclasses

    from fipkit.errors import FipkitInputError
    from fipkit.models import get_model
    from fipkit.signals import decay_in_volume as dv

    model, s = get_model("hnl-e"), E.catalog()["ATLAS-DV-e"]
    assert dv.mass_window(s) == (3.0, 15.0)
    n = dv.signal_events(model, s, [2.5, 5.0, 16.0], [1e-6])
    assert n[0, 0] == 0 and n[2, 0] == 0 and n[1, 0] > 0
    for bad in ([5.0, 3.0], [1.0], "3-15"):
        with pytest.raises(FipkitInputError, match="mass_range_GeV must be") as err:
            dv.mass_window(dataclasses.replace(s, params={"mass_range_GeV": bad}))
        assert "\n" not in str(err.value)
