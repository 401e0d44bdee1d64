"""The ``fipkit`` command.

    fipkit models
    fipkit experiments [NAME] [--model dark-photon]
    fipkit width dark-photon --mass 0.5 --coupling 1e-6 [--json]
    fipkit reach dark-photon CHARM --out charm.csv [--out charm.json --out charm.yaml]
    fipkit figure fig2 --out fig2.pdf [--overlay DIR]
    fipkit figure fig1 --dm scalar --alpha-d 0.5 --ratio 2.5 --out fig1.pdf
    fipkit figure vectors --model b-minus-l --out bl.pdf
    fipkit relic --dm pseudo-dirac --splitting 0.01 --out relic.csv
    fipkit sigma-to-y cresst.csv --target W --out y.csv
    fipkit cache info | clear

Bad input (unknown names, masses out of range, couplings outside the physical range,
output paths that cannot be written, malformed files) gives one line on stderr and
exit status 2, before anything is computed and with nothing written; Ctrl-C gives one
line and exit status 130.
"""

from __future__ import annotations

import json
import math
import sys

import click
import numpy as np

from .errors import FipkitInputError

EXIT_INPUT, EXIT_INTERRUPT = 2, 130


def _fail(msg: str, status: int = EXIT_INPUT) -> None:
    click.echo(f"fipkit: error: {msg}", err=True)
    sys.exit(status)


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
    t.add_column("model", no_wrap=True)
    for col in ("coupling", "mass range [GeV]", "parameters", "description"):
        t.add_column(col, overflow="fold")
    for name in model_names():
        m = get_model(name)
        t.add_row(
            name,
            m.coupling_name,
            f"{m.mass_range[0]:g} - {m.mass_range[1]:g}",
            ", ".join(m.parameters()) or "-",
            m.description,
        )
    Console().print(t)


@cli.command()
@click.argument("name", required=False)
@click.option("--model", default=None, help="Only experiments fipkit computes for this model.")
def experiments(name, model):
    """List the experiments of the review's Table 2 and what fipkit computes; with NAME,
    show one computed search in full (detector, exposure, production, sources)."""
    from rich.console import Console
    from rich.table import Table

    from .experiments import catalog, get_experiment, table2, table2_coverage
    from .models import get_model

    con = Console()
    fip = get_model(model) if model is not None else None  # validates the name
    if name is not None:
        _show_search(con, get_experiment(name, model=fip))
        return
    if model is None:
        t = Table(title="Experiments (Table 2 of arXiv:2011.02157)")
        longest = max(len(r["experiment"]) for r in table2())
        t.add_column("experiment", no_wrap=True, min_width=longest)
        cols = ("lab", "beam", "energy", "yield", "technique", "portals", "status", "fipkit")
        for col in cols:
            t.add_column(col, overflow="fold")
        coverage = {c["experiment"]: c for c in table2_coverage()}
        for r in table2():
            c = coverage[r["experiment"]]
            t.add_row(
                r["experiment"],
                r["lab"],
                r["beam"],
                r["beam_energy"],
                r["yield_or_luminosity"],
                r["technique"],
                r["portals"],
                r["status"],
                ",".join(map(str, c["computed"])) or "-",
            )
        done = sum(set(c["portals"]) <= set(c["computed"]) for c in coverage.values())
        t.caption = (
            f"fipkit: the portals with a computed region ({done} of {len(coverage)} rows "
            "complete); portals 1 vector, 2 scalar, 3 pseudo-scalar, 4 fermion"
        )
        con.print(t)
    c = Table(title="Computed by fipkit" + (f" for {model}" if model else ""))
    c.add_column("name", no_wrap=True, min_width=max(map(len, catalog())))
    for col in ("kind", "technique", "models", "exposure"):
        c.add_column(col, overflow="fold")
    for key, e in sorted(catalog().items()):
        if fip is None or e.covers(fip):
            c.add_row(key, e.kind, e.technique, _models_text(e), _exposure_text(e))
    con.print(c)
    con.print("Details of one: fipkit experiments NAME")


def _show_search(con, s) -> None:
    """Everything the catalog says of one search."""
    from rich.table import Table
    from rich.text import Text

    t = Table(title=f"{s.name}: {s.label}", show_header=False)
    t.add_column("key", no_wrap=True, style="bold")
    t.add_column("value", overflow="fold")
    d = s.detector
    rows = [
        ("kind", s.kind),
        ("technique", s.technique),
        ("models", _models_text(s)),
        ("beam", _fmt(d.beam)),
        ("facility (spectra)", str(d.facility)),
        ("target", str(d.target)),
        ("exposure", _exposure_text(s)),
        ("geometry", _fmt(d.geometry)),
        ("detector", d.name),
        ("min energy [GeV]", f"{s.min_energy_GeV:g}"),
        ("production", _fmt(s.production)),
        ("channels", _fmt(s.channels)),
        ("efficiency", f"{s.efficiency:g}"),
        ("statistics", f"background {s.background:g}, n_obs {s.n_obs}, CL {s.cl:g}"),
    ]
    rows += [(k, _fmt(v)) for k, v in s.params.items()]
    rows += [("references", "\n".join(s.references)), ("notes", s.notes)]
    for k, v in rows:
        t.add_row(k, Text(v))  # plain text: the notes' [source] tags are not rich markup
    con.print(t)


def _fmt(v) -> str:
    if isinstance(v, dict):
        return ", ".join(f"{k}: {_fmt(x)}" for k, x in v.items())
    if isinstance(v, list | tuple):
        return ", ".join(_fmt(x) for x in v)
    return str(v)


def _models_text(search) -> str:
    """The models a search lists, then those it computes through them (charged vectors
    through the dark photon's searches, HNL mixings through the fermion family)."""
    from .experiments import models_computed

    extra = [m for m in models_computed(search) if m not in search.models]
    listed = ", ".join(search.models)
    return listed + (f" (also {', '.join(extra)})" if extra else "")


def _exposure_text(e) -> str:
    ex = e.exposure or {}
    if "n_beam" in ex:
        return f"{float(ex['n_beam']):.3g} {ex.get('unit', '')}".strip()
    lumi = ex.get("luminosity_fb", e.params.get("luminosity_fb"))
    return f"{float(lumi):g} fb^-1" if lumi is not None else ""


_HADRONIC_HELP = (
    "Dark scalar: factor on the hadronic widths below 2 GeV (theory band 0.5-2; default 1)."
)
_MATCHING_HELP = (
    "HNL: GeV, exclusive hadronic widths below, quark-level above (theory band 1-2; default 1)."
)
_SEED = click.option(
    "--seed", type=click.IntRange(min=0), default=1, show_default=True, help="Monte Carlo seed."
)
_EVENTS = click.option(
    "--events",
    type=click.IntRange(min=100),
    default=None,
    help="FIPs sampled per mass and production mechanism (default: each mechanism's own; "
    "more is slower and more precise).",
)


_MIXING_HELP = "HNL (model hnl): mixing ratios U_e^2:U_mu^2:U_tau^2, e.g. 1:1:0 (U2 is their sum)."


_LDM_OPTIONS = (
    ("--alpha-d", "alpha_d", "Light dark matter: alpha_D (default 0.1)."),
    ("--ratio", "ratio", "Light dark matter: m_A'/m_chi, > 2 (default 3)."),
    ("--splitting", "splitting", "Pseudo-Dirac dark matter: (m2 - m1)/m1 (default 0)."),
)


def _ldm_options(f):
    """alpha_D, m_A'/m_chi and the pseudo-Dirac splitting (each passed only when given)."""
    for flag_, dest, text in reversed(_LDM_OPTIONS):
        f = click.option(flag_, dest, type=float, default=None, help=text)(f)
    return f


def _given(**values) -> dict:
    return {k: v for k, v in values.items() if v is not None}


_CHARGES_HELP = (
    "Model vector: charges as f=x pairs, e.g. u=2/3,d=-1/3,e=-1,nu=0 (f one of u d s c b e "
    "mu tau nue numu nutau, or nu for all three neutrinos; the others keep the photon's)."
)


def _charges(text: str) -> dict[str, float]:
    """``u=2/3,d=-1/3,...`` -> the vector's charges, or a clear error."""
    from fractions import Fraction

    from .models.vector import PHOTON

    out: dict[str, float] = {}
    for item in filter(None, (t.strip() for t in text.split(","))):
        name, _, value = item.partition("=")
        names = ("nue", "numu", "nutau") if name.strip() == "nu" else (name.strip(),)
        try:
            x = float(Fraction(value.strip()))
        except (ValueError, ZeroDivisionError):
            x = math.nan
        if not all(n in PHOTON for n in names) or not math.isfinite(x):
            raise FipkitInputError(
                f"--charges takes f=x pairs with f one of {' '.join(PHOTON)} or nu and x a "
                f"number or fraction (e.g. u=2/3,e=-1); got '{item}'"
            )
        out.update(dict.fromkeys(names, x))
    return out


def _model_options(f):
    """The model's physics options (each passed only when given)."""
    f = _ldm_options(f)
    f = click.option("--charges", default=None, help=_CHARGES_HELP)(f)
    f = click.option("--dirac", is_flag=True, default=None, help="HNL: a Dirac (not Majorana) N.")(
        f
    )
    f = click.option("--mixing", default=None, help=_MIXING_HELP)(f)
    f = click.option("--matching", type=float, default=None, help=_MATCHING_HELP)(f)
    return click.option("--hadronic-scale", type=float, default=None, help=_HADRONIC_HELP)(f)


def _mixing(text: str) -> dict[str, float]:
    """``a:b:c`` -> the HNL's mixing ratios, or a clear error."""
    parts = text.split(":")
    try:
        r = [float(x) for x in parts]
    except ValueError:
        r = []
    if len(r) != 3 or not all(math.isfinite(x) and x >= 0 for x in r) or sum(r) <= 0:
        raise FipkitInputError(
            f"--mixing must be three numbers >= 0, not all 0, as U_e^2:U_mu^2:U_tau^2 "
            f"(e.g. 1:1:0); got '{text}'"
        )
    return dict(zip(("ratio_e", "ratio_mu", "ratio_tau"), r, strict=True))


def _model(name, hadronic_scale=None, mixing=None, dirac=None, **ldm):
    """The model ``name`` with the physics options that were given."""
    from .models import get_model

    charges = ldm.pop("charges", None)
    params: dict = _given(**ldm)
    if charges is not None:  # a model without these parameters says so (get_model)
        params.update(_charges(charges))
    if hadronic_scale is not None:
        params["hadronic_scale"] = hadronic_scale
    if mixing is not None:
        params.update(_mixing(mixing))
    if dirac:
        params["dirac"] = True
    return get_model(name, **params)


@cli.command()
@click.argument("model")
@click.option("--mass", type=float, required=True, help="FIP mass in GeV.")
@click.option("--coupling", type=float, required=True, help="Coupling on the model's axis.")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
@_model_options
def width(model, mass, coupling, as_json, hadronic_scale, mixing, dirac, **ldm):
    """Print a model's total width, c*tau and branching ratios."""
    from .curves import finite_json

    m = _model(model, hadronic_scale, mixing, dirac, **ldm)
    mass_ = float(m.check_mass(mass))
    g = float(m.check_coupling(coupling))
    brs = {k: float(v) for k, v in m.branching_ratios(mass_).items()}
    with np.errstate(all="ignore"):
        w, ctau = float(m.total_width(mass_, g)), float(m.ctau(mass_, g))
    out = {
        "mass_GeV": mass_,
        "coupling": g,
        "width_GeV": w,
        "ctau_m": ctau,
        "branching_ratios": brs,
    }
    if not math.isfinite(ctau) or w == 0:
        out["note"] = (
            f"the width underflows to 0 at {m.coupling_name} = {g:g}: the particle is stable "
            "for every purpose; ctau_m is null (infinite)"
        )
    if as_json:
        click.echo(json.dumps(finite_json(out), allow_nan=False))
        return
    from rich.console import Console
    from rich.table import Table

    t = Table(title=f"{model}: m = {mass_:g} GeV, {m.coupling_name} = {g:g}")
    t.add_column("channel")
    t.add_column("BR", justify="right")
    t.add_column("width [GeV]", justify="right")
    for k, v in sorted(brs.items(), key=lambda kv: -kv[1]):
        t.add_row(k, f"{v:.4g}", f"{v * w:.4g}")
    con = Console()
    con.print(t)
    con.print(f"total width = {w:.4g} GeV, c*tau = {ctau:.4g} m")
    if "note" in out:
        con.print(out["note"])


def _grid(what: str, lo: float, hi: float, n: int) -> np.ndarray:
    """A log grid from lo to hi, or a clear error."""
    if not (math.isfinite(lo) and math.isfinite(hi)) or lo <= 0 or hi <= lo or n < 2:
        raise FipkitInputError(
            f"{what} grid needs finite 0 < min < max and at least 2 points, got min {lo:g}, "
            f"max {hi:g}, {n} points"
        )
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
@click.option("--n-masses", type=click.IntRange(min=2), default=41, show_default=True)
@click.option("--coupling-min", type=float, default=None)
@click.option("--coupling-max", type=float, default=None)
@click.option("--n-couplings", type=click.IntRange(min=2), default=71, show_default=True)
@_SEED
@_EVENTS
@_model_options
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
    events,
    hadronic_scale,
    mixing,
    dirac,
    **ldm,
):
    """Compute one experiment's region for a model and write it."""
    from .curves import Curve, check_writable
    from .experiments import get_experiment
    from .reach import check_pair, compute_reach, default_grid

    m = _model(model, hadronic_scale, mixing, dirac, **ldm)
    e = get_experiment(experiment, model=m)
    paths = [check_writable(o, Curve.SUFFIXES) for o in outs]
    if len({p.resolve() for p in paths}) < len(paths):
        raise FipkitInputError("the same --out file is named twice")
    dm, dg = default_grid(m, e)
    pick = lambda v, d: d if v is None else v  # noqa: E731
    masses = m.check_mass(_grid("mass", pick(mass_min, dm[0]), pick(mass_max, dm[-1]), n_masses))
    couplings = m.check_coupling(
        _grid(m.coupling_name, pick(coupling_min, dg[0]), pick(coupling_max, dg[-1]), n_couplings)
    )
    check_pair(m, e)
    curve = compute_reach(m, e, masses, couplings, seed=seed, events=events)
    curve.write(*paths)
    note = f" ({curve.open_note()})" if curve.open_note() else ""
    click.echo(f"{e.name}: {len(curve)} rows written to {', '.join(map(str, paths))}{note}")


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
    help="Directory of user curves (.csv: mass_GeV,<q>_low[,<q>_high]; or HEPData .yaml).",
)
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=None,
    help="Worker processes (default: all cores).",
)
@click.option(
    "--ternary",
    default=None,
    metavar="SEARCH",
    help="fig6 only: the reach of SEARCH on the flavour triangle at --mass (a CSV is "
    "written next to the figure).",
)
@click.option("--mass", type=float, default=None, help="GeV, the mass of --ternary.")
@click.option(
    "--dm",
    type=click.Choice(["scalar", "majorana", "pseudo-dirac"]),
    default=None,
    help="fig1 only: one panel for this dark-matter spin (default: the review's scalar and "
    "pseudo-Dirac panels).",
)
@click.option(
    "--model",
    "vector_model",
    default=None,
    help="figure vectors only: the vector model (b-minus-l, lmu-ltau, baryonic, "
    "protophobic, vector).",
)
@_ldm_options
@_SEED
@_EVENTS
def figure(name, out, overlay, jobs, seed, events, ternary, mass, dm, vector_model, **ldm):
    """Draw one of the review's figures (fig1, fig2, fig3, fig4, fig5, fig5-wide, fig6, or
    'all' of them), or 'vectors' (one vector model's landscape, --model), with every
    curve computed by fipkit."""
    from pathlib import Path

    from .figures import FIGURE_SUFFIXES, figure_names, get_spec, make_figure, output_paths

    if ternary is not None or mass is not None:
        _ternary(name, out, ternary, mass, seed)
        return
    options = _given(dm=dm, model=vector_model, **ldm)
    if options and name == "all":
        raise FipkitInputError(
            "--dm, --alpha-d, --ratio and --splitting go with figure fig1, --model with vectors"
        )

    if name == "all":
        d = Path(out)
        if d.suffix.lower() in FIGURE_SUFFIXES or d.is_file():
            raise FipkitInputError(f"'figure all' writes into a directory; got the file '{out}'")
        todo = [(n, d / f"{n}.pdf") for n in figure_names()]
    else:
        get_spec(name, **options)  # validates the name and the options
        todo = [(name, Path(out))]
    for _, o in todo:  # every output checked before anything is computed
        output_paths(o)
    for n, o in todo:
        paths = make_figure(
            n, o, overlay_dir=overlay, jobs=jobs, seed=seed, events=events, options=options
        )
        click.echo("wrote " + ", ".join(map(str, paths)))


def _ternary(name, out, search, mass, seed) -> None:
    from pathlib import Path

    from .curves import check_writable, write_all
    from .figures import output_paths, render
    from .figures import ternary as T

    if name != "fig6" or search is None or mass is None:
        raise FipkitInputError("--ternary SEARCH --mass M goes with figure fig6 (the HNL)")
    paths = output_paths(out)
    table = check_writable(Path(out).with_suffix(".csv"), (".csv",))
    result = T.scan(search, mass, seed=seed)
    fig = T.draw(result)
    write_all({**{p: render(fig, p) for p in paths}, table: T.to_csv(result)})
    click.echo("wrote " + ", ".join(map(str, [*paths, table])))


@cli.group(name="cache")
def cache_group():
    """The on-disk cache of production samples ($FIPKIT_CACHE or ~/.cache/fipkit)."""


@cache_group.command(name="info")
def cache_info():
    """Where the cache is and what it holds."""
    from . import cache

    i = cache.info()
    click.echo(f"cache: {i['directory']}" + ("" if i["enabled"] else " (off: FIPKIT_NO_CACHE)"))
    total_n = total_b = 0
    for kind, (n, b) in sorted(i["kinds"].items()):
        click.echo(f"  {kind}: {n} entries, {b / 1e6:.1f} MB")
        total_n, total_b = total_n + n, total_b + b
    click.echo(f"  total: {total_n} entries, {total_b / 1e6:.1f} MB")


@cache_group.command(name="clear")
def cache_clear():
    """Delete fipkit's entries from the cache (nothing else in the directory)."""
    from . import cache

    n = cache.clear()
    click.echo(f"removed {n} cache entries from {cache.cache_dir()}")


@cli.command()
@click.option(
    "--dm",
    type=click.Choice(["scalar", "majorana", "pseudo-dirac"]),
    default="scalar",
    show_default=True,
    help="Dark-matter spin: complex scalar, Majorana, or pseudo-Dirac (co-annihilating).",
)
@click.option("--alpha-d", type=float, default=0.1, show_default=True, help="alpha_D.")
@click.option("--ratio", type=float, default=3.0, show_default=True, help="m_A' / m_chi (> 2).")
@click.option(
    "--splitting", type=float, default=0.0, show_default=True, help="(m2 - m1)/m1 (pseudo-Dirac)."
)
@click.option("--mass-min", type=float, default=1e-3, show_default=True, help="m_chi, GeV")
@click.option("--mass-max", type=float, default=1.0, show_default=True, help="m_chi, GeV")
@click.option("--n-masses", type=click.IntRange(min=2), default=200, show_default=True)
@click.option("--out", "out", required=True, help="CSV file: mass_GeV,y.")
def relic(dm, alpha_d, ratio, splitting, mass_min, mass_max, n_masses, out):
    """The thermal relic target y = eps^2 alpha_D (m_chi/m_A')^4 (Omega h^2 = 0.120) of
    light dark matter through a dark photon, per m_chi (fipkit.cosmo.relic)."""
    from .cosmo.relic import relic_target
    from .curves import atomic_write, check_writable

    path = check_writable(out, (".csv",))
    masses = _grid("mass", mass_min, mass_max, n_masses)
    y = relic_target(masses, dm=dm, alpha_d=alpha_d, ratio=ratio, splitting=splitting)
    rows = ["mass_GeV,y", *(f"{m:.6g},{v:.6g}" for m, v in zip(masses, y, strict=True))]
    atomic_write(path, "\n".join(rows) + "\n")
    click.echo(f"relic target ({dm}): {len(masses)} masses written to {path}")


@cli.command(name="sigma-to-y")
@click.argument("path")
@click.option("--out", "outs", multiple=True, required=True, help="Output .csv/.json/.yaml.")
@click.option("--kind", type=click.Choice(["limit", "projection"]), default="limit")
@click.option(
    "--target",
    default=None,
    help="The file is a published isoscalar (A^2) per-nucleon limit on this element: "
    "rescale to the dark photon's proton coupling by (A/Z)^2.",
)
@_ldm_options
def sigma_to_y(path, outs, kind, target, **ldm):
    """Convert a direct-detection cross-section curve (CSV mass_GeV,sigma_e_cm2 or
    mass_GeV,sigma_p_cm2, or HEPData YAML) to the y plane of ldm-scalar (to overlay on fig1)."""
    from .cosmo.direct_detection import sigma_file_curve
    from .curves import Curve, check_writable

    if ldm.get("splitting") is not None:
        raise FipkitInputError("--splitting applies to pseudo-Dirac dark matter, not to ldm-scalar")
    model = _model("ldm-scalar", **{k: v for k, v in ldm.items() if k != "splitting"})
    paths = [check_writable(o, Curve.SUFFIXES) for o in outs]
    curve = sigma_file_curve(path, model, kind=kind, target=target)
    curve.write(*paths)
    click.echo(f"{len(curve)} rows written to {', '.join(map(str, paths))}")


def main(argv=None):
    """Entry point: runs the CLI, turning bad input into one line and exit status 2 and
    an interrupt into one line and exit status 130."""
    try:
        cli.main(args=argv, prog_name="fipkit", standalone_mode=False)
    except FipkitInputError as exc:
        _fail(str(exc))
    except click.exceptions.Abort:  # Ctrl-C (click turns KeyboardInterrupt into Abort)
        _fail("interrupted", EXIT_INTERRUPT)
    except KeyboardInterrupt:
        _fail("interrupted", EXIT_INTERRUPT)
    except click.ClickException as exc:
        if type(exc).__name__.startswith("NoArgsIsHelp"):  # bare `fipkit`: show help
            click.echo(exc.ctx.get_help() if getattr(exc, "ctx", None) else str(exc))
            return
        _fail(exc.format_message())
    except BrokenPipeError:  # `fipkit experiments | head`
        sys.exit(0)


if __name__ == "__main__":
    main()
