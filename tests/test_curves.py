"""Curve type: islands, writers (CSV contract, JSON, HEPData YAML), reader errors."""

import json

import numpy as np
import pytest
import yaml

from fipkit.curves import Curve, read_csv
from fipkit.errors import FipkitInputError


def two_islands():
    m = [0.01, 0.02, 0.02, 0.03, 0.5]
    lo = [1e-8, 1e-8, 1e-5, 2e-8, 1e-7]
    hi = [1e-6, 1e-6, 1e-4, 1e-6, 1e-6]
    return Curve(m, lo, hi, model="dark-photon", experiment="X", kind="limit")


def test_islands_follow_overlap():
    isl = two_islands().islands()
    sizes = sorted(len(i[0]) for i in isl)
    assert sizes == [1, 4]  # main island (neighbouring grid masses join), upper piece at 0.02
    polys = two_islands().polygons()
    assert all(np.allclose(p[0], p[-1]) or len(p) >= 4 for p in polys)


def test_csv_contract_roundtrip(tmp_path):
    c = two_islands()
    f = tmp_path / "x.csv"
    c.write(f)
    lines = f.read_text().splitlines()
    assert lines[0] == "mass_GeV,eps_low,eps_high"
    assert len(lines) == 1 + 5  # several rows at one mass allowed
    back = read_csv(f)
    np.testing.assert_allclose(back.low, c.low)
    assert back.quantity == "eps"


def test_json_and_yaml_have_provenance(tmp_path):
    c = two_islands()
    c.write(tmp_path / "x.json")
    d = json.loads((tmp_path / "x.json").read_text())
    assert d["model"] == "dark-photon" and d["kind"] == "limit" and d["fipkit_version"]
    assert len(d["rows"]) == 5
    c.write(tmp_path / "x.yaml")
    y = yaml.safe_load((tmp_path / "x.yaml").read_text())
    assert y["independent_variables"][0]["header"]["units"] == "GEV"
    assert len(y["dependent_variables"]) == 2


@pytest.mark.parametrize(
    "text",
    [
        "",
        "mass,eps\n1,2\n",
        "mass_GeV,eps_low\n1,abc\n",
        "mass_GeV,eps_low,eps_high\n1,2\n",
        "mass_GeV,eps_low\n-1,1e-5\n",
    ],
)
def test_malformed_overlay_is_one_clear_error(tmp_path, text):
    f = tmp_path / "bad.csv"
    f.write_text(text)
    with pytest.raises(FipkitInputError, match="bad.csv"):
        read_csv(f)


def test_unknown_extension(tmp_path):
    with pytest.raises(FipkitInputError, match="csv"):
        two_islands().write(tmp_path / "x.txt")


def test_written_files_have_normal_permissions(tmp_path):
    import os

    f = tmp_path / "x.csv"
    two_islands().write(f)
    umask = os.umask(0)
    os.umask(umask)
    assert (f.stat().st_mode & 0o777) == (0o666 & ~umask)
    assert not list(tmp_path.glob(".*tmp"))  # no temporary left behind
