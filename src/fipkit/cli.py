"""The ``fipkit`` command.

    fipkit models
    fipkit experiments [--model dark-photon]
    fipkit width dark-photon --mass 0.5 --coupling 1e-6 [--json]
    fipkit reach dark-photon CHARM --out charm.csv [--out charm.json --out charm.yaml]
    fipkit figure fig2 --out fig2.pdf [--overlay DIR]

Bad input (unknown names, masses out of range, non-positive couplings, malformed
files) gives one line on stderr and exit status 2.
"""

from __future__ import annotations

import json
import sys

import click
import numpy as np

from .errors import FipkitInputError


def _fail(msg: str) -> None:
    click.echo(f"fipkit: error: {msg}", err=True)
    sys.exit(2)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="fipkit")
def cli():
    """fipkit: feebly-interacting particles, from couplings to figures (arXiv:2011.02157)."""


@cli.command()
def models():
    """List the FIP models."""
    from rich.console import Console
    from rich.table import Table

    from .models import get_model, model_names

    t = Table(title="fipkit models")
    for col in ("model", "coupling", "mass range [GeV]", "description"):
        t.add_column(col)
    for name in model_names():
        m = get_model(name)
        t.add_row(
            name, m.coupling_name, f"{m.mass_range[0]:g} - {m.mass_range[1]:g}", m.description
        )
    Console().print(t)


@cli.command()
@click.option("--model", default=None, help="Only experiments fipkit computes for this model.")
def experiments(model):
    """List the experiments of the review's Table 2 and what fipkit computes."""
    from rich.console import Console
    from rich.table import Table

    from .experiments import catalog, table2
    from .models import get_model

    if model is not None:
        get_model(model)  # validates the name
    computed = catalog()
    con = Console()
    t = Table(title="Experiments (Table 2 of arXiv:2011.02157)")
    for col in ("experiment", "lab", "beam", "energy", "yield", "technique", "portals", "status"):
        t.add_column(col)
    for r in table2():
        t.add_row(
            r["experiment"],
            r["lab"],
            r["beam"],
            r["beam_energy"],
            r["yield_or_luminosity"],
            r["technique"],
            r["portals"],
            r["status"],
        )
    if model is None:
        con.print(t)
    c = Table(title="Computed by fipkit" + (f" for {model}" if model else ""))
    for col in ("name", "kind", "technique", "models", "exposure"):
        c.add_column(col)
    for name, e in sorted(computed.items()):
        if model is None or model in e.models:
            c.add_row(name, e.kind, e.technique, ", ".join(e.models), _exposure_text(e))
    con.print(c)


def _exposure_text(e) -> str:
    ex = e.exposure or {}
    if "n_beam" in ex:
        return f"{float(ex['n_beam']):.3g} {ex.get('unit', '')}".strip()
    lumi = ex.get("luminosity_fb", e.params.get("luminosity_fb"))
    return f"{float(lumi):g} fb^-1" if lumi is not None else ""


_HADRONIC_HELP = (
    "Dark scalar: factor on the hadronic widths below 2 GeV (theory band 0.5-2; default 1)."
)


def _model(name, hadronic_scale=None):
    """The model ``name``, with the hadronic-width factor if one is given."""
    from .models import get_model

    if hadronic_scale is None:
        return get_model(name)
    return get_model(name, hadronic_scale=hadronic_scale)


@cli.command()
@click.argument("model")
@click.option("--mass", type=float, required=True, help="FIP mass in GeV.")
@click.option("--coupling", type=float, required=True, help="Coupling on the model's axis.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@click.option("--hadronic-scale", type=float, default=None, help=_HADRONIC_HELP)
def width(model, mass, coupling, as_json, hadronic_scale):
    """Print a model's total width, c*tau and branching ratios."""
    m = _model(model, hadronic_scale)
    mass_ = float(m.check_mass(mass))
    g = float(m.check_coupling(coupling))
    brs = {k: float(v) for k, v in m.branching_ratios(mass_).items()}
    out = {
        "mass_GeV": mass_,
        "coupling": g,
        "width_GeV": float(m.total_width(mass_, g)),
        "ctau_m": float(m.ctau(mass_, g)),
        "branching_ratios": brs,
    }
    if as_json:
        click.echo(json.dumps(out))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{model}: m = {mass_:g} GeV, {m.coupling_name} = {g:g}")
    t.add_column("channel")
    t.add_column("BR", justify="right")
    t.add_column("width [GeV]", justify="right")
    for k, v in sorted(brs.items(), key=lambda kv: -kv[1]):
        t.add_row(k, f"{v:.4g}", f"{v * out['width_GeV']:.4g}")
    con = Console()
    con.print(t)
    con.print(f"total width = {out['width_GeV']:.4g} GeV, c*tau = {out['ctau_m']:.4g} m")


def _grid(lo, hi, n):
    if lo <= 0 or hi <= lo or n < 2:
        raise FipkitInputError(f"grid needs 0 < min < max and n >= 2, got {lo:g}, {hi:g}, {n}")
    return np.logspace(np.log10(lo), np.log10(hi), n)


@cli.command()
@click.argument("model")
@click.argument("experiment")
@click.option(
    "--out",
    "outs",
    multiple=True,
    required=True,
    help="Output file(s): .csv (mass_GeV,<q>_low,<q>_high), .json, .yaml (HEPData).",
)
@click.option("--mass-min", type=float, default=None, help="GeV")
@click.option("--mass-max", type=float, default=None, help="GeV")
@click.option("--n-masses", type=int, default=41, show_default=True)
@click.option("--coupling-min", type=float, default=None)
@click.option("--coupling-max", type=float, default=None)
@click.option("--n-couplings", type=int, default=71, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--hadronic-scale", type=float, default=None, help=_HADRONIC_HELP)
def reach(
    model,
    experiment,
    outs,
    mass_min,
    mass_max,
    n_masses,
    coupling_min,
    coupling_max,
    n_couplings,
    seed,
    hadronic_scale,
):
    """Compute one experiment's region for a model and write it."""
    from pathlib import Path

    from .experiments import get_experiment
    from .reach import compute_reach, default_grid

    m = _model(model, hadronic_scale)
    e = get_experiment(experiment, model=model)
    for o in outs:
        if Path(o).suffix.lower() not in (".csv", ".json", ".yaml", ".yml"):
            raise FipkitInputError(f"cannot write '{o}': use a .csv, .json or .yaml file name")
    dm, dg = default_grid(m, e)
    masses = _grid(mass_min or dm[0], mass_max or dm[-1], n_masses)
    couplings = _grid(coupling_min or dg[0], coupling_max or dg[-1], n_couplings)
    curve = compute_reach(m, e, masses, couplings, seed=seed)
    for o in outs:
        curve.write(o)
    click.echo(f"{e.name}: {len(curve)} rows written to {', '.join(outs)}")


@cli.command()
@click.argument("name")
@click.option(
    "--out",
    required=True,
    help="Output PDF (a PNG is written next to it); for NAME 'all', a directory.",
)
@click.option(
    "--overlay",
    type=click.Path(),
    default=None,
    help="Directory of user CSV curves (mass_GeV,<q>_low[,<q>_high]) to draw too.",
)
@click.option("--jobs", type=int, default=None, help="Worker processes (default: all cores).")
@click.option("--seed", type=int, default=1, show_default=True)
def figure(name, out, overlay, jobs, seed):
    """Draw one of the review's figures (fig2, fig4, or 'all' of them) with every curve
    computed by fipkit."""
    from pathlib import Path

    from .figures import figure_names, make_figure

    if name == "all":
        if Path(out).suffix:
            raise FipkitInputError(f"'figure all' writes into a directory; got the file '{out}'")
        Path(out).mkdir(parents=True, exist_ok=True)
        jobs_ = [(n, Path(out) / f"{n}.pdf") for n in figure_names()]
    else:
        jobs_ = [(name, out)]
    for n, o in jobs_:
        paths = make_figure(n, o, overlay_dir=overlay, jobs=jobs, seed=seed)
        click.echo("wrote " + ", ".join(map(str, paths)))


def main(argv=None):
    """Entry point: runs the CLI, turning bad input into one line and exit status 2."""
    try:
        cli.main(args=argv, prog_name="fipkit", standalone_mode=False)
    except FipkitInputError as exc:
        _fail(str(exc))
    except click.ClickException as exc:
        if type(exc).__name__.startswith("NoArgsIsHelp"):  # bare `fipkit`: show help
            click.echo(exc.ctx.get_help() if getattr(exc, "ctx", None) else str(exc))
            return
        _fail(exc.format_message())
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
