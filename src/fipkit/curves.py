"""Curves: excluded or reachable regions in a (mass, coupling) plane, with provenance.

A Curve is a list of rows (mass, low, high): at each mass the coupling interval
[low, high] is inside the region. Several rows at one mass mean several
intervals (beam-dump islands). ``high = inf`` means "no upper edge" (for example
a (g-2) bound that excludes everything above ``low``). ``low_open`` / ``high_open``
mark edges that fipkit did not find (the region still held at the end of the coupling
grid it computed, after extending it): files write those edges as NaN (CSV) or null
(JSON) and say why, never the grid value as if it were a physics edge.

Writers: CSV (``mass_GeV,<q>_low,<q>_high``), JSON with provenance, and a
HEPData-style YAML table. Readers: the CSV (for ``fipkit figure --overlay``).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import yaml

from .errors import FipkitInputError

KINDS = ("limit", "projection", "target", "bound")


def atomic_write(path: str | os.PathLike, data: str | bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = "wb" if isinstance(data, bytes) else "w"
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, mode) as fh:
            fh.write(data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp makes 0600; use normal permissions
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def check_writable(path: str | os.PathLike, suffixes: tuple[str, ...]) -> Path:
    """``path`` if fipkit can write it there, else a FipkitInputError saying why; checked
    before anything is computed. The suffix is compared without regard to case."""
    p = Path(path)
    if p.suffix.lower() not in suffixes:
        raise FipkitInputError(f"cannot write '{p}': use a {', '.join(suffixes)} file name")
    if any(len(part.encode()) > 255 for part in p.parts):
        raise FipkitInputError(f"cannot write '{p}': a file or directory name is too long")
    try:
        return _check_writable(p)
    except OSError as exc:
        raise FipkitInputError(f"cannot write '{p}': {exc.strerror or exc}") from None


def _check_writable(p: Path) -> Path:
    if p.is_dir():
        raise FipkitInputError(f"cannot write '{p}': it is a directory")
    parent = p.parent if str(p.parent) else Path(".")
    try:
        name_max = os.pathconf(_existing(parent), "PC_NAME_MAX")
    except (OSError, ValueError):
        name_max = 255
    if len(p.name.encode()) > name_max:
        raise FipkitInputError(f"cannot write '{p}': the file name is longer than {name_max}")
    base = _existing(parent)
    if not base.is_dir():
        raise FipkitInputError(f"cannot write '{p}': '{base}' is not a directory")
    if not os.access(base, os.W_OK | os.X_OK):
        raise FipkitInputError(f"cannot write '{p}': no permission to write in '{base}'")
    return p


def _existing(p: Path) -> Path:
    """The nearest existing ancestor of ``p`` (itself if it exists)."""
    p = p.absolute()
    while not p.exists() and p != p.parent:
        p = p.parent
    return p


def write_all(files: dict[Path, str | bytes]) -> None:
    """Write several files all or nothing: every one goes to a temporary file next to
    its target first; only when all are written are they renamed into place."""
    temps: list[tuple[str, Path]] = []
    target = None
    try:
        for target, data in files.items():
            target.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
            temps.append((tmp, target))
            with os.fdopen(fd, "wb") as fh:
                fh.write(data.encode() if isinstance(data, str) else data)
            umask = os.umask(0)
            os.umask(umask)
            os.chmod(tmp, 0o666 & ~umask)
        for tmp, target in temps:
            os.replace(tmp, target)
    except OSError as exc:
        for tmp, _ in temps:
            Path(tmp).unlink(missing_ok=True)
        raise FipkitInputError(f"cannot write '{target}': {exc.strerror or exc}") from None


def finite_json(obj: Any) -> Any:
    """``obj`` with every non-finite float (and numpy scalar) made JSON-safe: NaN and
    infinities become None, so the output is always valid JSON."""
    if isinstance(obj, dict):
        return {str(k): finite_json(v) for k, v in obj.items()}
    if isinstance(obj, list | tuple):
        return [finite_json(v) for v in obj]
    if isinstance(obj, np.ndarray):
        return [finite_json(v) for v in obj.tolist()]
    if isinstance(obj, np.generic):
        obj = obj.item()
    if isinstance(obj, float) and not np.isfinite(obj):
        return None
    return obj


def inputs_hash(obj) -> str:
    """Short stable hash of a JSON-serialisable description of the inputs."""
    blob = json.dumps(obj, sort_keys=True, default=str).encode()
    return hashlib.sha256(blob).hexdigest()[:16]


@dataclass
class Curve:
    """A region in the (mass, coupling) plane with its provenance."""

    mass: np.ndarray
    low: np.ndarray
    high: np.ndarray
    model: str
    experiment: str
    kind: str = "limit"
    quantity: str = "eps"  # coupling column name
    quantity_label: str = ""  # axis label
    cl: float = 0.9
    method: str = ""  # how it was computed, one line
    statistics: str = ""  # e.g. "N >= 2.30 (90% CL, no background)"
    references: list[str] = field(default_factory=list)
    label: str = ""  # legend text
    inputs_hash: str = ""
    fipkit_version: str = ""
    notes: str = ""
    low_open: Any = None  # per row (bool array): the lower edge was not found
    high_open: Any = None  # per row (bool array): the upper edge was not found
    grid: dict = field(default_factory=dict)  # the grids and seed it was computed on

    def __post_init__(self):
        self.mass = np.asarray(self.mass, float)
        self.low = np.asarray(self.low, float)
        self.high = np.asarray(self.high, float)
        n = len(self.mass)
        self.low_open = (
            np.zeros(n, bool) if self.low_open is None else np.asarray(self.low_open, bool)
        )
        self.high_open = (
            np.zeros(n, bool) if self.high_open is None else np.asarray(self.high_open, bool)
        )
        if self.kind not in KINDS:
            raise ValueError(f"kind must be one of {KINDS}")
        if not self.fipkit_version:
            from . import __version__

            self.fipkit_version = __version__
        if not self.label:
            self.label = self.experiment

    # ------------------------------------------------------------------
    def __len__(self) -> int:
        return len(self.mass)

    @property
    def empty(self) -> bool:
        return len(self.mass) == 0

    def provenance(self) -> dict:
        d = asdict(self)
        for k in ("mass", "low", "high", "low_open", "high_open"):
            d.pop(k)
        return d

    def _shown(self) -> tuple[np.ndarray, np.ndarray]:
        """low and high with open edges as NaN (for files)."""
        return np.where(self.low_open, np.nan, self.low), np.where(
            self.high_open, np.nan, self.high
        )

    def open_note(self) -> str:
        """One line on the open edges, '' if there are none."""
        nl, nh = int(self.low_open.sum()), int(self.high_open.sum())
        if nl == nh == 0:
            return ""
        return (
            f"open edges: {nl} lower and {nh} upper edges were not found within the computed "
            "coupling grid (the region extends beyond it); written as NaN / null"
        )

    def islands(self) -> list[tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Split the rows into connected islands, each (mass, low, high) sorted in mass.

        Two intervals at neighbouring masses belong to the same island when they overlap
        in coupling. Linear in the number of rows: one pass over the masses.
        """
        if self.empty:
            return []
        order = np.lexsort((self.low, self.mass))
        m, lo, hi = self.mass[order], self.low[order], self.high[order]
        starts = np.r_[0, np.nonzero(np.diff(m))[0] + 1, len(m)]
        if len(starts) - 1 == len(m):  # one interval per mass: vectorised
            brk = (lo[1:] > hi[:-1]) | (hi[1:] < lo[:-1])
            ids = np.r_[0, np.cumsum(brk)]
            cuts = np.r_[0, np.nonzero(np.diff(ids))[0] + 1, len(m)]
            return [(m[a:b], lo[a:b], hi[a:b]) for a, b in zip(cuts[:-1], cuts[1:])]
        islands: list[list[int]] = []
        open_: list[tuple[int, float, float]] = []  # (island, lo, hi) at the previous mass
        for a, b in zip(starts[:-1], starts[1:]):
            new_open = []
            for r in range(a, b):
                hit = next(
                    (i for i, (_, x, y) in enumerate(open_) if lo[r] <= y and hi[r] >= x), None
                )
                if hit is None:
                    islands.append([r])
                    idx = len(islands) - 1
                else:
                    idx = open_.pop(hit)[0]
                    islands[idx].append(r)
                new_open.append((idx, lo[r], hi[r]))
            open_ = new_open
        return [(m[i], lo[i], hi[i]) for i in map(np.array, islands)]

    def polygons(self, ymax: float = 1.0) -> list[np.ndarray]:
        """Closed polygons (N, 2) of (mass, coupling) for drawing filled regions."""
        out = []
        for m, lo, hi in self.islands():
            hi = np.minimum(hi, ymax)
            if len(m) == 1:
                w = 0.02 * m[0]
                m = np.array([m[0] - w, m[0] + w])
                lo, hi = np.repeat(lo, 2), np.repeat(hi, 2)
            out.append(np.column_stack([np.r_[m, m[::-1]], np.r_[lo, hi[::-1]]]))
        return out

    def lower_edge(self) -> tuple[np.ndarray, np.ndarray]:
        """(mass, smallest coupling in the region) at each mass."""
        ms = np.unique(self.mass)
        return ms, np.array([self.low[self.mass == x].min() for x in ms])

    def upper_edge(self) -> tuple[np.ndarray, np.ndarray]:
        """(mass, largest coupling in the region) at each mass."""
        ms = np.unique(self.mass)
        return ms, np.array([self.high[self.mass == x].max() for x in ms])

    # ------------------------------------------------------------------
    def to_csv(self) -> str:
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(["mass_GeV", f"{self.quantity}_low", f"{self.quantity}_high"])
        low, high = self._shown()
        for m, lo, hi in zip(self.mass, low, high):
            w.writerow([f"{m:.6g}", f"{lo:.6g}", f"{hi:.6g}"])
        return buf.getvalue()

    def to_json(self) -> str:
        d = self.provenance()
        low, high = self._shown()
        if self.open_note():
            d["open_edges"] = self.open_note()
        fin = lambda x: float(x) if np.isfinite(x) else None  # noqa: E731
        d["rows"] = [[float(a), fin(b), fin(c)] for a, b, c in zip(self.mass, low, high)]
        d["open_low"] = [bool(x) for x in self.low_open]  # per row: a null low is open
        d["open_high"] = [bool(x) for x in self.high_open]  # else a null high is inf
        if np.any(np.isinf(self.high)):
            d["no_upper_edge"] = "a null upper edge that is not open means no upper edge (inf)"
        d["columns"] = ["mass_GeV", f"{self.quantity}_low", f"{self.quantity}_high"]
        return json.dumps(finite_json(d), indent=1, allow_nan=False)

    def to_hepdata_yaml(self) -> str:
        """A HEPData-style table (independent_variables / dependent_variables)."""
        quals = [
            {"name": "CL", "value": f"{self.cl:g}"},
            {"name": "MODEL", "value": self.model},
            {"name": "EXPERIMENT", "value": self.experiment},
            {"name": "KIND", "value": self.kind},
            {"name": "METHOD", "value": self.method},
            {"name": "FIPKIT", "value": self.fipkit_version},
            {"name": "INPUTS_HASH", "value": self.inputs_hash},
            {"name": "GRID", "value": json.dumps(self.grid, sort_keys=True)},
        ]
        if self.open_note():
            quals.append({"name": "OPEN_EDGES", "value": self.open_note()})

        def fmt(x: float) -> float | str:
            return float(f"{x:.6g}") if np.isfinite(x) else ("inf" if x > 0 else "open")

        low, high = self._shown()
        table = {
            "independent_variables": [
                {
                    "header": {"name": "M", "units": "GEV"},
                    "values": [{"value": fmt(x)} for x in self.mass],
                }
            ],
            "dependent_variables": [
                {
                    "header": {"name": f"{self.quantity} lower edge"},
                    "qualifiers": quals,
                    "values": [{"value": fmt(x)} for x in low],
                },
                {
                    "header": {"name": f"{self.quantity} upper edge"},
                    "qualifiers": quals,
                    "values": [{"value": fmt(x)} for x in high],
                },
            ],
        }
        return yaml.safe_dump(table, sort_keys=False)

    #: file suffixes fipkit writes a Curve to (compared without regard to case)
    SUFFIXES = (".csv", ".json", ".yaml", ".yml")

    def render(self, path: str | os.PathLike) -> str:
        """The text of the file ``path`` by its suffix: .csv, .json, .yaml/.yml."""
        ext = Path(path).suffix.lower()
        if ext == ".csv":
            return self.to_csv()
        if ext == ".json":
            return self.to_json()
        if ext in (".yaml", ".yml"):
            return self.to_hepdata_yaml()
        raise FipkitInputError(f"cannot write '{path}': use a .csv, .json or .yaml file name")

    def write(self, *paths: str | os.PathLike) -> None:
        """Write one or several files (by suffix), all or nothing."""
        checked = [check_writable(p, self.SUFFIXES) for p in paths]
        write_all({p: self.render(p) for p in checked})


_HEADER_HELP = "'mass_GeV,<coupling>_low[,<coupling>_high]'"
OVERLAY_SUFFIXES = (".csv", ".yaml", ".yml")


def read_text(path: Path, what: str = "curve file") -> str:
    """A user file's text as UTF-8 (a BOM is dropped; CRLF line ends are fine) or a clear
    error naming ``what`` the file is."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise FipkitInputError(f"cannot read {what} '{path}': {exc.strerror}") from None
    if b"\x00" in raw:
        raise FipkitInputError(f"{what} '{path}' is a binary file, not text")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise FipkitInputError(
            f"{what} '{path}' line {line}: not UTF-8 text (save it as UTF-8)"
        ) from None


def _rows_checked(path: Path, where: list[str], data: np.ndarray) -> np.ndarray:
    """Checks of the rows (mass, low[, high]) of a user curve, vectorised; the first bad
    row is reported by ``where`` (e.g. "line 5"): finite, > 0, low <= high, masses not
    decreasing. Returns ``data``."""

    def first(bad: np.ndarray) -> str | None:
        idx = np.flatnonzero(bad)
        return where[idx[0]] if len(idx) else None

    finite = np.isfinite(data[:, :2]).all(axis=1)
    if data.shape[1] > 2:  # an upper edge may be inf (no upper edge), never NaN
        finite &= ~np.isnan(data[:, 2]) & (data[:, 2] > -np.inf)
    checks = [
        (
            ~finite,
            "values must be finite (an open edge, nan, cannot be drawn; a high edge "
            "may be inf: no upper edge)",
        ),
        ((data[:, 0] <= 0) | (data[:, 1] <= 0), "masses and couplings must be > 0"),
    ]
    if data.shape[1] > 2:
        checks.append((data[:, 2] < data[:, 1], "the high edge is below the low edge"))
    checks.append((np.r_[False, np.diff(data[:, 0]) < 0], "masses must not decrease"))
    for bad, why in checks:
        w = first(bad)
        if w is not None:
            raise FipkitInputError(f"curve file '{path}' {w}: {why}")
    return data


def read_csv(path: str | os.PathLike, **meta) -> Curve:
    """Read a curve CSV: header ``mass_GeV,<q>_low,<q>_high`` (or without ``_high``).

    UTF-8 with or without a BOM, any line ends, ``#`` comment lines; every row is
    checked and a bad one is reported with its line number."""
    path = Path(path)
    lines = [(k + 1, ln) for k, ln in enumerate(read_text(path).splitlines())]
    lines = [(k, ln) for k, ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    if len(lines) < 2:
        raise FipkitInputError(
            f"malformed curve file '{path}': needs a header {_HEADER_HELP} and data rows"
        )
    header = [h.strip() for h in next(csv.reader([lines[0][1]]))]
    if header[0] != "mass_GeV" or len(header) not in (2, 3) or not header[1].endswith("_low"):
        raise FipkitInputError(
            f"malformed curve file '{path}' line {lines[0][0]}: header must be "
            f"{_HEADER_HELP}, got '{','.join(header)}'"
        )
    q = header[1][: -len("_low")]
    if len(header) == 3 and header[2] != f"{q}_high":
        raise FipkitInputError(
            f"malformed curve file '{path}' line {lines[0][0]}: third column must be '{q}_high'"
        )
    body = lines[1:]
    try:  # fast path: numpy's C parser
        data = np.loadtxt(io.StringIO("\n".join(t for _, t in body)), delimiter=",", ndmin=2)
        if data.shape[1] != len(header):
            raise ValueError
    except ValueError:  # find the first bad line and say what is wrong with it
        for line, text in body:
            c = text.split(",")
            if len(c) != len(header):
                raise FipkitInputError(
                    f"curve file '{path}' line {line}: expected {len(header)} columns, got {len(c)}"
                ) from None
            bad = [x.strip() for x in c if not _is_float(x)]
            if bad:
                raise FipkitInputError(
                    f"curve file '{path}' line {line}: '{bad[0]}' is not a number"
                ) from None
        raise FipkitInputError(f"malformed curve file '{path}'") from None
    data = _rows_checked(path, [f"line {line}" for line, _ in body], data)
    high = data[:, 2] if data.shape[1] == 3 else np.full(len(data), np.inf)
    return _user_curve(path, data[:, 0], data[:, 1], high, q, meta)


def _is_float(s: str) -> bool:
    try:
        float(s)
    except ValueError:
        return False
    return True


def _user_curve(path: Path, m, lo, hi, q: str, meta: dict) -> Curve:
    meta.setdefault("model", "user")
    meta.setdefault("experiment", path.stem)
    meta.setdefault("kind", "limit")
    meta.setdefault("method", f"user file {path.name}")
    return Curve(m, lo, hi, quantity=q, **meta)


def read_hepdata_yaml(path: str | os.PathLike, **meta) -> Curve:
    """Read a HEPData table (``independent_variables``: the mass in GeV;
    ``dependent_variables``: the lower and optionally the upper edge, named
    ``<coupling> lower edge`` / ``<coupling> upper edge`` as fipkit writes them, or the
    first one's name taken as the coupling)."""
    path = Path(path)
    try:
        doc = yaml.safe_load(read_text(path))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" line {mark.line + 1}" if mark is not None else ""
        raise FipkitInputError(f"curve file '{path}'{where}: not valid YAML") from None
    try:
        xs = [v["value"] for v in doc["independent_variables"][0]["values"]]
        deps = doc["dependent_variables"]
        cols = [[v["value"] for v in d["values"]] for d in deps[:2]]
        name = str(deps[0]["header"]["name"]).split()[0]
    except (KeyError, IndexError, TypeError):
        raise FipkitInputError(
            f"malformed HEPData file '{path}': needs independent_variables (mass) and "
            "dependent_variables (lower[, upper] edge)"
        ) from None
    if any(len(c) != len(xs) for c in cols):
        raise FipkitInputError(f"malformed HEPData file '{path}': columns of different lengths")

    def num(v):
        try:
            return float(v) if str(v) != "inf" else np.inf
        except (TypeError, ValueError):
            raise FipkitInputError(f"HEPData file '{path}': '{v}' is not a number") from None

    rows = []
    for k, x in enumerate(xs):
        row = [num(x), num(cols[0][k])]
        if len(cols) > 1:
            row.append(num(cols[1][k]))
        if len(row) == 3 and row[2] == np.inf:  # no upper edge
            row[2] = 1e300
        rows.append(row)
    data = _rows_checked(path, [f"value {k + 1}" for k in range(len(rows))], np.array(rows))
    high = data[:, 2] if data.shape[1] == 3 else np.full(len(data), np.inf)
    high = np.where(high >= 1e300, np.inf, high)
    return _user_curve(path, data[:, 0], data[:, 1], high, name, meta)


def read_curve(path: str | os.PathLike, **meta) -> Curve:
    """A user curve file by its suffix (any case): .csv, or HEPData .yaml/.yml."""
    ext = Path(path).suffix.lower()
    if ext == ".csv":
        return read_csv(path, **meta)
    if ext in (".yaml", ".yml"):
        return read_hepdata_yaml(path, **meta)
    raise FipkitInputError(f"cannot read curve file '{path}': use .csv or .yaml")
