"""The HNL on the command line: the CSV contract (mass_GeV,U2_low,U2_high), --mixing
and --dirac, the ternary view, and one clear line with exit status 2 for bad input."""

import csv
import json

import numpy as np
import pytest

from clirun import run


def _width(args, capsys):
    code, out, _ = run(["width", *args, "--json"], capsys)
    assert code == 0
    return json.loads(out)


def test_dirac_halves_the_width(capsys):
    """A Dirac N has no charge-conjugate decays: every width halves, c*tau doubles."""
    maj = _width(["hnl-mu", "--mass", "1.0", "--coupling", "1e-7"], capsys)
    dirac = _width(["hnl-mu", "--mass", "1.0", "--coupling", "1e-7", "--dirac"], capsys)
    assert dirac["ctau_m"] == pytest.approx(2 * maj["ctau_m"], rel=1e-12)
    assert dirac["branching_ratios"] == pytest.approx(maj["branching_ratios"], rel=1e-12)


def test_matching_mass_moves_the_hadronic_width(capsys):
    """--matching 2: at 1.5 GeV the exclusive mesons instead of the quark-level widths
    (the theory band): the width differs, below 1 GeV nothing changes."""
    args = ["hnl-e", "--coupling", "1e-6"]
    w1 = _width([*args, "--mass", "1.5"], capsys)["width_GeV"]
    w2 = _width([*args, "--mass", "1.5", "--matching", "2.0"], capsys)["width_GeV"]
    assert abs(np.log(w2 / w1)) > 0.03
    lo1 = _width([*args, "--mass", "0.8"], capsys)["width_GeV"]
    lo2 = _width([*args, "--mass", "0.8", "--matching", "2.0"], capsys)["width_GeV"]
    assert lo2 == pytest.approx(lo1, rel=1e-12)


def test_mixing_pattern_shares_the_width(capsys):
    """Gamma(1:1:0) = (Gamma_e + Gamma_mu) / 2 at the same U2 (no interference)."""
    args = ["--mass", "0.8", "--coupling", "1e-6"]
    e = _width(["hnl-e", *args], capsys)["width_GeV"]
    mu = _width(["hnl-mu", *args], capsys)["width_GeV"]
    both = _width(["hnl", *args, "--mixing", "1:1:0"], capsys)["width_GeV"]
    assert both == pytest.approx(0.5 * (e + mu), rel=1e-12)


def test_reach_csv_contract(tmp_path, capsys):
    out = tmp_path / "ship.csv"
    code, _, _ = run(
        ["reach", "hnl-e", "SHiP", "--out", str(out), "--mass-min", "0.5", "--mass-max", "2"]
        + ["--n-masses", "4", "--coupling-min", "1e-11", "--coupling-max", "1e-3"],
        capsys,
    )
    assert code == 0
    rows = list(csv.DictReader(out.read_text().splitlines()))
    assert list(rows[0]) == ["mass_GeV", "U2_low", "U2_high"]
    low = np.array([float(r["U2_low"]) for r in rows])
    assert len(rows) == 4 and np.all((low > 1e-11) & (low < 1e-7))


@pytest.mark.parametrize(
    "args,needle",
    [
        (["reach", "hnl", "--mixing", "1:-1:0", "SHiP", "--out", "x.csv"], "--mixing must be"),
        (["reach", "hnl", "--mixing", "0:0:0", "SHiP", "--out", "x.csv"], "--mixing must be"),
        (["reach", "hnl", "--mixing", "1:1", "SHiP", "--out", "x.csv"], "--mixing must be"),
        (["reach", "hnl", "--mixing", "a:b:c", "SHiP", "--out", "x.csv"], "--mixing must be"),
        (["reach", "hnl-e", "--mixing", "1:1:0", "SHiP", "--out", "x.csv"], "model hnl takes"),
        (["width", "hnl-e", "--mass", "100", "--coupling", "1e-6"], "outside the hnl-e range"),
        (["width", "hnl-e", "--mass", "1", "--coupling", "-1e-6"], "must be positive"),
        (["width", "dark-photon", "--mass", "1", "--coupling", "1e-6", "--dirac"], "no param"),
        (["width", "hnl-e", "--mass", "1", "--coupling", "1e-6", "--matching", "9"], "outside"),
        (["reach", "hnl-e", "E137", "--out", "x.csv"], "unknown experiment 'E137' for model"),
        (["figure", "fig2", "--ternary", "SHiP", "--mass", "1", "--out", "t.pdf"], "fig6"),
        (["figure", "fig6", "--ternary", "SHiPP", "--mass", "1", "--out", "t.pdf"], "SHiP"),
        (["figure", "fig6", "--ternary", "SHiP", "--mass", "90", "--out", "t.pdf"], "outside"),
    ],
)
def test_bad_hnl_input_one_line_exit_2(args, needle, capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(args, capsys)
    assert code == 2 and needle in err and len(err.strip().splitlines()) == 1, err
    assert not list(tmp_path.iterdir())  # nothing written


@pytest.mark.slow
def test_ternary_view(tmp_path, capsys):
    """The corners are the single-flavour models' lower edges."""
    out = tmp_path / "t.pdf"
    code, _, _ = run(
        ["figure", "fig6", "--ternary", "SHiP", "--mass", "1.0", "--out", str(out)], capsys
    )
    assert code == 0 and out.is_file() and out.with_suffix(".png").is_file()
    rows = list(csv.DictReader(out.with_suffix(".csv").read_text().splitlines()))
    assert len(rows) == 21
    corner = {(r["x_e"], r["x_mu"], r["x_tau"]): float(r["U2_low"]) for r in rows if r["U2_low"]}
    from fipkit.experiments import get_experiment
    from fipkit.models import get_model
    from fipkit.reach import compute_reach

    for key, name in [(("1", "0", "0"), "hnl-e"), (("0", "0", "1"), "hnl-tau")]:
        m = get_model(name)
        c = compute_reach(m, get_experiment("SHiP", m), [1.0])
        assert corner[key] == pytest.approx(c.low[0], rel=1e-5)
