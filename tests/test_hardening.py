"""Hardening: every bad input of the hardening issue gives one line and exit status 2 with
nothing written; a damaged cache recovers by itself; overlays are validated row by row;
workers end with their parent; Ctrl-C returns at once with status 130; JSON is always
valid; a fuzz test of the command line."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from clirun import run
from fipkit import cache

LONG = "a" * 300


def one_line(err: str) -> str:
    lines = [ln for ln in err.splitlines() if ln.strip()]
    assert len(lines) == 1 and "Traceback" not in err, err
    return lines[0]


BAD = [
    # (arguments, text the one line must contain)
    (["width", "dark-scalar", "--mass", "1", "--coupling", "10"], "at most 1"),
    (["reach", "dark-scalar", "SHiP", "--out", "{d}/a.csv", "--coupling-max", "1000"], "at most"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--mass-min", "0"], "0 < min"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--coupling-min", "0"], "0 < min"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--mass-min", "nan"], "finite"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}"], "file name"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/dir.csv"], "it is a directory"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/file.txt/a.csv"], "not a directory"),
    (["reach", "dark-photon", "CHARM", "--out", f"{{d}}/{LONG}.csv"], "too long"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--out", "{d}/a.csv"], "twice"),
    (
        ["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--out", "{d}/file.txt/b.json"],
        "not a directory",
    ),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--seed", "-1"], "--seed"),
    (["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--events", "3"], "--events"),
    (["reach", "dark-photon", "ATLAS-DV-e", "--out", "{d}/a.csv"], "valid"),
    (
        ["reach", "dark-photon", "CHARM", "--out", "{d}/a.csv", "--hadronic-scale", "2"],
        "no parameter",
    ),
    (["reach", "dark-scalar", "SHiP", "--out", "{d}/a.csv", "--hadronic-scale", "-1"], "outside"),
    (["figure", "fig2", "--out", "{d}/f.pdf", "--jobs", "-1"], "--jobs"),
    (["figure", "fig2", "--out", "{d}/f.pdf", "--jobs", "0"], "--jobs"),
    (["figure", "fig2", "--out", "{d}/f.txt"], ".pdf"),
    (["figure", "fig2", "--out", "{d}"], "file name"),
    (["figure", "all", "--out", "{d}/figs.pdf"], "directory"),
    (["figure", "fig2", "--out", "{d}/f.pdf", "--overlay", "{d}/none"], "does not exist"),
    (["experiments", "NOPE"], "valid"),
    (["width", "dark-photon", "--mass", "20.1", "--coupling", "1e-3"], "outside"),
]


@pytest.mark.parametrize(
    "args,needle", BAD, ids=[" ".join(a[:3]) + f" #{i}" for i, (a, _) in enumerate(BAD)]
)
def test_bad_input_table(tmp_path, capsys, args, needle):
    (tmp_path / "file.txt").write_text("x")
    (tmp_path / "dir.csv").mkdir()
    before = sorted(tmp_path.rglob("*"))
    code, _, err = run([a.format(d=tmp_path) for a in args], capsys)
    assert code == 2 and needle in one_line(err)
    assert sorted(tmp_path.rglob("*")) == before  # nothing written


def test_range_end_accepted_with_tolerance(capsys):
    """--mass-max 20 is the model's own maximum: accepted (compared with a tolerance)."""
    code, _, err = run(
        ["width", "dark-photon", "--mass", "20.000000001", "--coupling", "1e-3"], capsys
    )
    assert code == 0, err


def test_json_always_valid(capsys):
    """c*tau infinite (the width underflows): null plus a note, never Infinity."""
    code, out, _ = run(
        ["width", "dark-photon", "--mass", "0.5", "--coupling", "1e-200", "--json"], capsys
    )
    assert code == 0
    d = json.loads(out, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    assert d["ctau_m"] is None and "stable" in d["note"]


def test_reach_json_records_grids_and_seed(tmp_path, capsys):
    out = tmp_path / "b.json"
    code, _, err = run(
        [
            "reach",
            "dark-photon",
            "BaBar",
            "--out",
            str(out),
            "--n-masses",
            "5",
            "--n-couplings",
            "9",
            "--seed",
            "3",
        ],
        capsys,
    )
    assert code == 0, err
    d = json.loads(out.read_text(), parse_constant=lambda c: pytest.fail(c))
    assert d["grid"]["seed"] == 3 and len(d["grid"]["masses_GeV"]) == 5
    assert d["grid"]["couplings"][2] == 9


# ------------------------------------------------------------------ cache
@pytest.mark.parametrize("damage", ["half", "empty", "flip", "garbage"])
def test_damaged_cache_recovers(tmp_path, monkeypatch, capsys, damage):
    monkeypatch.setenv("FIPKIT_CACHE", str(tmp_path / "c"))
    args = ["reach", "dark-photon", "CHARM", "--n-masses", "4", "--n-couplings", "21", "--out"]
    assert run(args + [str(tmp_path / "a.csv")], capsys)[0] == 0
    entry = sorted((tmp_path / "c" / "detector_samples").iterdir())[0]
    b = entry.read_bytes()
    bad = {
        "half": b[: len(b) // 2],
        "empty": b"",
        "flip": b[:100] + bytes([b[100] ^ 0xFF]) + b[101:],
        "garbage": b"not a cache entry" * 10,
    }[damage]
    entry.write_bytes(bad)
    cache._warned.clear()
    code, _, err = run(args + [str(tmp_path / "b.csv")], capsys)
    assert code == 0 and "damaged cache entry" in err and err.count("\n") == 1
    assert (tmp_path / "a.csv").read_text() == (tmp_path / "b.csv").read_text()
    assert entry.read_bytes() != bad  # replaced
    code, _, err = run(args + [str(tmp_path / "c.csv")], capsys)
    assert code == 0 and "damaged" not in err


def test_empty_cache_variable_means_default(monkeypatch):
    monkeypatch.setenv("FIPKIT_CACHE", "")
    assert cache.cache_dir() == (Path.home() / ".cache" / "fipkit").resolve()
    with pytest.raises(ValueError):
        cache.key("../escape", [1])


def test_cache_info_and_clear(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("FIPKIT_CACHE", str(tmp_path / "c"))
    run(
        [
            "reach",
            "dark-photon",
            "CHARM",
            "--n-masses",
            "3",
            "--n-couplings",
            "11",
            "--out",
            str(tmp_path / "a.csv"),
        ],
        capsys,
    )
    (tmp_path / "c" / "keep.txt").write_text("not ours")
    code, out, _ = run(["cache", "info"], capsys)
    assert code == 0 and "detector_samples: 3 entries" in out
    code, out, _ = run(["cache", "clear"], capsys)
    assert code == 0 and "removed" in out
    assert (tmp_path / "c" / "keep.txt").exists() and not cache.entries()


# ------------------------------------------------------------------ overlays
OVERLAYS = [
    ("a.csv", b"mass_GeV,eps_low,eps_high\n0.1,nan,1e-3\n", "line 2: values must be finite"),
    ("a.csv", b"mass_GeV,eps_low,eps_high\n0.1,1e-3,1e-5\n", "line 2: the high edge is below"),
    ("a.csv", b"mass_GeV,sin2theta_low\n0.1,1e-8\n", "is in sin2theta; the axis of fig2 is eps"),
    ("b.CSV", b"mass_GeV,eps_low,eps_high\n0.1,1e-8\n", "line 2: expected 3 columns, got 2"),
    (
        "a.csv",
        b"\xef\xbb\xbfmass_GeV,eps_low,eps_high\r\n0.2,1e-8,1e-5\r\n0.1,1e-8,1e-5\r\n",
        "line 3: masses must not decrease",
    ),
    ("a.csv", b"mass_GeV,eps_low,eps_high\n0.1,1e-8,1e-5 \xe9\n", "line 2: not UTF-8"),
    ("a.csv", b"mass_GeV\x00\x01\x02", "binary"),
    ("a.csv", b"mass_GeV,eps_low,eps_high\n\n# c\n0.1,x,1e-5\n", "line 4: 'x' is not a number"),
    ("a.yml", b"independent_variables: [{values: [{value: 0.1}]}]\n", "malformed HEPData"),
    ("a.yaml", b"dependent_variables: [: :\n", "not valid YAML"),
]


@pytest.mark.parametrize("name,content,needle", OVERLAYS)
def test_bad_overlays(tmp_path, capsys, name, content, needle):
    d = tmp_path / "ov"
    d.mkdir()
    (d / name).write_bytes(content)
    code, _, err = run(
        ["figure", "fig2", "--out", str(tmp_path / "f.pdf"), "--overlay", str(d)], capsys
    )
    assert code == 2 and needle in one_line(err)
    assert not (tmp_path / "f.pdf").exists()


def test_overlay_readers_accept_bom_crlf_upper_case_and_hepdata(tmp_path):
    from fipkit.curves import Curve, read_curve

    (tmp_path / "a.CSV").write_bytes(b"\xef\xbb\xbfmass_GeV,eps_low,eps_high\r\n0.1,1e-8,1e-5\r\n")
    c = read_curve(tmp_path / "a.CSV")
    assert c.quantity == "eps" and c.low[0] == 1e-8
    src = Curve([0.1, 0.2], [1e-8, 2e-8], [1e-5, np.inf], model="m", experiment="x")
    (tmp_path / "h.yaml").write_text(src.to_hepdata_yaml())
    h = read_curve(tmp_path / "h.yaml")
    assert h.quantity == "eps" and list(h.low) == [1e-8, 2e-8] and np.isinf(h.high[1])


def test_overlay_reading_is_linear(tmp_path):
    """2e5 rows read and split into islands in well under a few seconds (was quadratic)."""
    from fipkit.curves import read_csv

    m = np.linspace(1e-3, 1, 200_000)
    rows = "\n".join(f"{x:.9g},1e-8,1e-5" for x in m)
    (tmp_path / "big.csv").write_text("mass_GeV,eps_low,eps_high\n" + rows + "\n")
    t = time.perf_counter()
    c = read_csv(tmp_path / "big.csv")
    assert len(c.islands()) == 1
    assert time.perf_counter() - t < 5.0


# ------------------------------------------------------------------ processes
def _figure_process(tmp_path):
    env = dict(os.environ, FIPKIT_CACHE=str(tmp_path / "c"))
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "fipkit.cli",
            "figure",
            "fig4",
            "--out",
            str(tmp_path / "f.pdf"),
            "--jobs",
            "2",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        start_new_session=True,
        # as in a terminal: a shell without job control starts background jobs with
        # SIGINT ignored, which the figure would inherit
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def _children(pid: int) -> list[int]:
    r = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True)
    return [int(x) for x in r.stdout.split()]


def _running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may not reap at once)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _wait_for_children(p, timeout=30.0) -> list[int]:
    t = time.time()
    while time.time() - t < timeout:
        kids = _children(p.pid)
        if len(kids) >= 2:
            return kids
        time.sleep(0.2)
    pytest.fail("the figure started no workers")


@pytest.mark.slow
def test_interrupt_returns_at_once_with_130(tmp_path):
    p = _figure_process(tmp_path)
    _wait_for_children(p)
    t = time.time()
    os.killpg(p.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    _, err = p.communicate(timeout=30)
    assert time.time() - t < 2.0 and p.returncode == 130
    assert one_line(err.decode().split("\r")[-1]) == "fipkit: error: interrupted"


@pytest.mark.slow
def test_no_orphan_workers_after_kill_9(tmp_path):
    p = _figure_process(tmp_path)
    kids = _wait_for_children(p)
    os.kill(p.pid, signal.SIGKILL)
    p.wait()
    time.sleep(1.5)
    alive = [k for k in kids if _running(k)]
    assert not alive, f"orphan workers {alive}"


# ------------------------------------------------------------------ fuzz
_NUM = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(["0", "-0", "1e-400", "1e400", "nan", "inf", "-1", "abc", "", "1e-3"]),
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    model=st.sampled_from(["dark-photon", "dark-scalar", "dark", "hnl", ""]),
    mass=_NUM,
    coupling=_NUM,
)
def test_fuzz_width(capsys, model, mass, coupling):
    """Any model name, mass and coupling: exit 0 with a valid JSON object, or exit 2 with
    one line; never a traceback."""
    code, out, err = run(
        ["width", model, "--mass", str(mass), "--coupling", str(coupling), "--json"], capsys
    )
    assert code in (0, 2), err
    if code == 0:
        json.loads(out, parse_constant=lambda c: pytest.fail(f"non-JSON constant {c}"))
    else:
        one_line(err)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    opt=st.sampled_from(
        [
            "--mass-min",
            "--mass-max",
            "--coupling-min",
            "--coupling-max",
            "--n-masses",
            "--n-couplings",
            "--seed",
            "--events",
        ]
    ),
    value=_NUM,
)
def test_fuzz_reach_options(tmp_path_factory, capsys, opt, value):
    """Bad grid and Monte Carlo options: one line and exit 2 (or a valid result)."""
    d = tmp_path_factory.mktemp("fz")
    code, _, err = run(
        [
            "reach",
            "dark-photon",
            "BaBar",
            "--out",
            str(d / "a.csv"),
            "--n-masses",
            "4",
            "--n-couplings",
            "6",
            opt,
            str(value),
        ],
        capsys,
    )
    assert code in (0, 2), err
    if code == 2:
        one_line(err)
        assert not (d / "a.csv").exists()


def test_experiments_fit_80_columns_without_cutting_names():
    from fipkit.experiments import catalog, table2

    r = subprocess.run(
        [sys.executable, "-m", "fipkit.cli", "experiments"],
        capture_output=True,
        text=True,
        env=dict(os.environ, COLUMNS="80"),
    )
    lines = r.stdout.splitlines()
    assert r.returncode == 0 and max(map(len, lines)) <= 80
    for name in list(catalog()) + [row["experiment"] for row in table2()]:
        assert name in r.stdout, name


def test_experiments_name_shows_one_in_full(capsys):
    code, out, _ = run(["experiments", "CHARM"], capsys)
    for text in ("decay_in_volume", "geometry", "exposure", "production", "references"):
        assert text in out
