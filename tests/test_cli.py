"""The command line: listings, width output contract, clear errors with exit status 2."""

import json
import subprocess
import sys

import numpy as np
import pytest

from clirun import run


def test_models_lists_dark_photon(capsys):
    code, out, _ = run(["models"], capsys)
    assert code == 0 and "dark-photon" in out


def test_experiments_lists_every_table2_row(capsys):
    from fipkit.experiments import table2

    code, out, _ = run(["experiments"], capsys)
    assert code == 0
    for row in table2():
        assert row["experiment"].split()[0][:6] in out


def test_experiment_details_keep_source_tags(capsys):
    """The notes' [source] tags are printed as text, not eaten as rich markup."""
    code, out, _ = run(["experiments", "KLOE"], capsys)
    assert code == 0
    assert "[fipkit approximations, as for BaBar]" in " ".join(out.replace("│", " ").split())


def test_width_json_contract(capsys):
    code, out, _ = run(
        ["width", "dark-photon", "--mass", "0.5", "--coupling", "1e-6", "--json"], capsys
    )
    assert code == 0
    d = json.loads(out)
    assert set(d) == {"mass_GeV", "coupling", "width_GeV", "ctau_m", "branching_ratios"}
    assert sum(d["branching_ratios"].values()) == pytest.approx(1.0, rel=1e-9)
    # c*tau = hbar c / width
    assert d["ctau_m"] * d["width_GeV"] == pytest.approx(1.973269804e-16, rel=1e-8)


def test_width_table(capsys):
    code, out, _ = run(["width", "dark-photon", "--mass", "0.5", "--coupling", "1e-6"], capsys)
    assert code == 0 and "e+e-" in out and "c*tau" in out


@pytest.mark.parametrize(
    "args,needle",
    [
        (["width", "dark-fotón", "--mass", "0.5", "--coupling", "1e-6"], "valid models"),
        (["width", "dark-photon", "--mass", "-1", "--coupling", "1e-6"], "outside"),
        (["width", "dark-photon", "--mass", "1e4", "--coupling", "1e-6"], "outside"),
        (["width", "dark-photon", "--mass", "0.5", "--coupling", "-1e-6"], "positive"),
        (["width", "dark-photon", "--mass", "0.5", "--coupling", "0"], "positive"),
        (["width", "dark-photon", "--mass", "abc", "--coupling", "1e-6"], "abc"),
        (["reach", "dark-photon", "NOPE", "--out", "x.csv"], "valid"),
        (["reach", "dark-photon", "CHARM", "--out", "x.txt"], ".csv"),
        (["figure", "fig99", "--out", "x.pdf"], "valid"),
        (["bogus"], "bogus"),
    ],
)
def test_bad_input_one_line_exit_2(capsys, args, needle):
    code, out, err = run(args, capsys)
    assert code == 2
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and needle in lines[0] and "Traceback" not in err


def test_console_script_exit_status():
    r = subprocess.run(
        [sys.executable, "-m", "fipkit.cli", "width", "nope", "--mass", "1", "--coupling", "1"],
        capture_output=True,
        text=True,
    )
    assert r.returncode == 2 and r.stderr.count("\n") == 1


def test_reach_writes_csv_json_yaml(tmp_path, capsys):
    import yaml

    out = [tmp_path / "f.csv", tmp_path / "f.json", tmp_path / "f.yaml"]
    args = ["reach", "dark-photon", "FASER", "--n-masses", "12", "--n-couplings", "30"]
    for o in out:
        args += ["--out", str(o)]
    code, _, err = run(args, capsys)
    assert code == 0, err
    lines = out[0].read_text().splitlines()
    assert lines[0] == "mass_GeV,eps_low,eps_high" and len(lines) > 3
    m, lo, hi = map(float, lines[1].split(","))
    assert 0 < lo < hi
    d = json.loads(out[1].read_text())
    assert d["experiment"] == "FASER" and d["kind"] == "projection" and d["statistics"]
    assert yaml.safe_load(out[2].read_text())["dependent_variables"]


@pytest.mark.slow
def test_figure_with_overlay(tmp_path, capsys, monkeypatch):
    import fipkit.figures.fig2 as fig2

    monkeypatch.setattr(fig2, "MASSES", np.logspace(-2, 0, 8))  # coarse grid: fast test
    monkeypatch.setattr(fig2, "COUPLINGS", np.logspace(-8, -3, 16))
    d = tmp_path / "overlay"
    d.mkdir()
    (d / "mine.csv").write_text("mass_GeV,eps_low,eps_high\n0.01,1e-6,1e-4\n0.1,1e-7,1e-5\n")
    code, out, err = run(
        ["figure", "fig2", "--out", str(tmp_path / "f.pdf"), "--overlay", str(d), "--jobs", "1"],
        capsys,
    )
    assert code == 0, err
    assert (tmp_path / "f.pdf").stat().st_size > 10_000 and (tmp_path / "f.png").exists()
    (d / "bad.csv").write_text("m,eps\n1,2\n")
    code, _, err = run(
        ["figure", "fig2", "--out", str(tmp_path / "g.pdf"), "--overlay", str(d)], capsys
    )
    assert code == 2 and "bad.csv" in err and not (tmp_path / "g.pdf").exists()


@pytest.mark.slow
def test_figure_all_fig4(tmp_path, capsys, monkeypatch):
    """`fipkit figure all --out DIR` draws every figure (coarse grids here)."""
    import fipkit.figures.fig2 as fig2
    import fipkit.figures.fig3 as fig3
    import fipkit.figures.fig4 as fig4
    import fipkit.figures.fig5 as fig5
    import fipkit.figures.fig6 as fig6

    grids = (
        # fig2's masses are test_figure_with_overlay's: the samples come from the cache
        (fig2, np.logspace(-2, 0, 8), np.logspace(-8, -3, 12)),
        (fig3, np.logspace(-3, 1, 5), np.logspace(-5, 0, 11)),
        (fig4, np.logspace(-2, 0.5, 6), np.logspace(-12, -3, 12)),
        (fig5, np.logspace(-2, 0, 5), np.logspace(-9, -1, 12)),
        (fig6, np.array([0.1, 1.0]), np.logspace(-12, -1, 12)),
    )
    for mod, m, g in grids:
        monkeypatch.setattr(mod, "MASSES", m)
        monkeypatch.setattr(mod, "COUPLINGS", g)
    code, out, err = run(["figure", "all", "--out", str(tmp_path / "figs"), "--jobs", "2"], capsys)
    assert code == 0, err
    for n in ("fig2", "fig3", "fig4", "fig5", "fig6"):
        assert (tmp_path / "figs" / f"{n}.pdf").stat().st_size > 10_000
    code, _, err = run(["figure", "all", "--out", str(tmp_path / "x.pdf")], capsys)
    assert code == 2 and "directory" in err


def test_scalar_reach_and_width_contract(tmp_path, capsys):
    """Issue 3 contract: CSV header mass_GeV,sin2theta_low,sin2theta_high; width table."""
    o = tmp_path / "s.csv"
    code, out, err = run(
        [
            "reach",
            "dark-scalar",
            "CHARM",
            "--out",
            str(o),
            "--mass-min",
            "0.05",
            "--mass-max",
            "0.3",
            "--n-masses",
            "6",
            "--coupling-min",
            "1e-10",
            "--coupling-max",
            "1e-3",
            "--n-couplings",
            "30",
        ],
        capsys,
    )
    assert code == 0, err
    lines = o.read_text().splitlines()
    assert lines[0] == "mass_GeV,sin2theta_low,sin2theta_high" and len(lines) > 2
    code, out, err = run(
        ["width", "dark-scalar", "--mass", "1.0", "--coupling", "1e-8", "--json"], capsys
    )
    assert code == 0, err
    d = json.loads(out)
    assert abs(sum(d["branching_ratios"].values()) - 1) < 1e-9
    code, _, err = run(["width", "dark-scalar", "--mass", "1.0", "--coupling", "-1"], capsys)
    assert code == 2 and "positive" in err


def test_fig4_contents():
    """Every experiment of the review's Fig. 4 is computed: limits filled, projections as
    lines, BBN and SN1987A as bounds (issue 3)."""
    from fipkit.experiments import catalog
    from fipkit.figures import fig4

    for n in fig4.LIMITS:
        assert catalog()[n].kind == "limit" and "dark-scalar" in catalog()[n].models
    for n in fig4.PROJECTIONS:
        assert catalog()[n].kind == "projection" and "dark-scalar" in catalog()[n].models
    from fipkit.figures.spec import bound_curves

    other = bound_curves(fig4.spec())
    assert set(other) == {"BBN", "SN1987A"} and all(c.kind == "bound" for c in other.values())
