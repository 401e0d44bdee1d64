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

        Two intervals at neighbouring grid masses belong to the same island when
        they overlap in coupling.
        """
        if self.empty:
            return []
        order = np.lexsort((self.low, self.mass))
        m, lo, hi = self.mass[order], self.low[order], self.high[order]
        masses = np.unique(m)
        islands: list[list[int]] = []
        open_: list[tuple[int, float, float]] = []  # (island index, lo, hi) at previous mass
        for mk in masses:
            rows = np.nonzero(m == mk)[0]
            new_open = []
            for r in rows:
                hit = next(
                    (i for i, (_, a, b) in enumerate(open_) if lo[r] <= b and hi[r] >= a), None
                )
                if hit is None:
                    islands.append([int(r)])
                    idx = len(islands) - 1
                else:
                    idx = open_.pop(hit)[0]
                    islands[idx].append(int(r))
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
        if np.any(np.isinf(self.high)):
            d["no_upper_edge"] = "a null upper edge that is not open means no upper edge (inf)"
        d["columns"] = ["mass_GeV", f"{self.quantity}_low", f"{self.quantity}_high"]
        return json.dumps(d, indent=1)

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

    def write(self, path: str | os.PathLike) -> None:
        """Write by file extension: .csv, .json, .yaml/.yml (atomically)."""
        ext = Path(path).suffix.lower()
        writers = {
            ".csv": self.to_csv,
            ".json": self.to_json,
            ".yaml": self.to_hepdata_yaml,
            ".yml": self.to_hepdata_yaml,
        }
        if ext not in writers:
            raise FipkitInputError(f"cannot write '{path}': use a .csv, .json or .yaml file name")
        atomic_write(path, writers[ext]())


def read_csv(path: str | os.PathLike, **meta) -> Curve:
    """Read a curve CSV: header ``mass_GeV,<q>_low,<q>_high`` (or two columns m, low)."""
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as exc:
        raise FipkitInputError(f"cannot read curve file '{path}': {exc.strerror}") from None
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].startswith("#")]
    if len(rows) < 2:
        raise FipkitInputError(
            f"malformed curve file '{path}': needs a header and data rows "
            "'mass_GeV,<coupling>_low,<coupling>_high'"
        )
    header = [h.strip() for h in rows[0]]
    if header[0] != "mass_GeV" or len(header) not in (2, 3) or not header[1].endswith("_low"):
        raise FipkitInputError(
            f"malformed curve file '{path}': header must be 'mass_GeV,<q>_low[,<q>_high]', "
            f"got '{','.join(header)}'"
        )
    try:
        data = np.array([[float(x) for x in r] for r in rows[1:]], dtype=float)
    except ValueError:
        raise FipkitInputError(f"malformed curve file '{path}': non-numeric value") from None
    if data.ndim != 2 or data.shape[1] != len(header):
        raise FipkitInputError(
            f"malformed curve file '{path}': rows must have {len(header)} columns"
        )
    if np.any(data[:, 0] <= 0) or np.any(data[:, 1] <= 0):
        raise FipkitInputError(f"malformed curve file '{path}': masses and couplings must be > 0")
    high = data[:, 2] if data.shape[1] == 3 else np.full(len(data), np.inf)
    q = header[1][: -len("_low")]
    meta.setdefault("model", "user")
    meta.setdefault("experiment", path.stem)
    meta.setdefault("kind", "limit")
    meta.setdefault("method", f"user file {path.name}")
    return Curve(data[:, 0], data[:, 1], high, quantity=q, **meta)
