"""The light-dark-matter commands: reach with the model parameters, figure fig1 and its
options, and their input errors (one line, exit status 2)."""

from __future__ import annotations

import numpy as np
import pytest

from clirun import run
from fipkit.figures import get_spec


def test_fig1_spec():
    s = get_spec("fig1")
    assert s.model == "ldm-scalar" and [p.model for p in s.panels] == ["ldm-pseudo-dirac"]
    assert "CRESST-III" in s.bounds and "relic-target" in s.bounds
    assert s.panels[0].bounds == ("relic-target",)  # no direct detection off the scalar
    one = get_spec("fig1", dm="majorana", alpha_d=0.5, ratio=2.5)
    assert not one.panels and one.model_parameters == {"alpha_d": 0.5, "ratio": 2.5}
    assert one.build_model().coupling_range[1] == pytest.approx(0.5 / 2.5**4)


def test_reach_with_parameters(tmp_path, capsys):
    out = tmp_path / "l.csv"
    code, _, err = run(
        [
            "reach",
            "ldm-majorana",
            "LDMX-SLAC-8GeV",
            "--alpha-d",
            "0.5",
            "--ratio",
            "3",
            "--n-masses",
            "5",
            "--out",
            str(out),
        ],
        capsys,
    )
    assert code == 0, err
    lines = out.read_text().splitlines()
    assert lines[0] == "mass_GeV,y_low,y_high" and len(lines) > 2
    top = float(lines[1].split(",")[2])
    assert top == pytest.approx(0.5 / 81, rel=1e-4)  # eps = 1


@pytest.mark.parametrize(
    "args, message",
    [
        (["reach", "ldm-scalar", "NA64e-2019", "--ratio", "2", "--out", "x.csv"], "decays visibly"),
        (["reach", "ldm-scalar", "NA64e-2019", "--alpha-d", "20", "--out", "x.csv"], "alpha_d"),
        (
            ["reach", "ldm-scalar", "NA64e-2019", "--splitting", "0.1", "--out", "x.csv"],
            "no parameter 'splitting'",
        ),
        (["reach", "dark-photon", "NA64e-2019", "--out", "x.csv"], "unknown experiment"),
        (["figure", "fig2", "--dm", "scalar", "--out", "x.pdf"], "has no option 'dm'"),
        (["figure", "all", "--alpha-d", "0.5", "--out", "d"], "go with figure fig1"),
        (["figure", "fig1", "--dm", "scalar", "--ratio", "1.5", "--out", "x.pdf"], "ratio"),
    ],
)
def test_bad_input(args, message, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, _, err = run(args, capsys)
    assert code == 2 and message in err and err.count("\n") == 1, err
    assert not list(tmp_path.iterdir())


def test_relic_target_curve():
    from fipkit.cosmo import compute_bounds
    from fipkit.cosmo.relic import relic_target
    from fipkit.models import get_model

    m = get_model("ldm-pseudo-dirac", splitting=0.05)
    c = compute_bounds(m, np.geomspace(0.01, 0.1, 3), ["relic-target"])["relic-target"]
    assert c.kind == "target" and np.array_equal(c.low, c.high) and len(c.mass) > 100
    y = relic_target(c.mass[::40], "pseudo-dirac", splitting=0.05)
    assert np.allclose(c.low[::40], y)


def test_sigma_to_y(tmp_path, capsys):
    """A sigma_e curve becomes y = sigma_e m_chi^4 / (16 pi alpha mu^2) (review Eq. 13);
    a malformed file is one line and status 2."""
    f = tmp_path / "dd.csv"
    f.write_text("mass_GeV,sigma_e_cm2\n0.01,3.7e-37\n0.1,1e-38\n")
    out = tmp_path / "y.csv"
    code, _, err = run(["sigma-to-y", str(f), "--out", str(out)], capsys)
    assert code == 0, err
    rows = out.read_text().splitlines()
    assert rows[0].startswith("mass_GeV,y_low")
    assert float(rows[1].split(",")[1]) == pytest.approx(1e-10, rel=0.15)  # mu_chi_e < m_e
    bad = tmp_path / "bad.csv"
    bad.write_text("mass,sigma\n1,2\n")
    code, _, err = run(["sigma-to-y", str(bad), "--out", str(tmp_path / "z.csv")], capsys)
    assert code == 2 and err.count("\n") == 1 and not (tmp_path / "z.csv").exists()
