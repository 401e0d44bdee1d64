"""The experiment catalog, validated when it is loaded.

Three kinds of data file ship with fipkit:

* ``data/table2.csv``: every row of Table 2 of arXiv:2011.02157 (name, lab, beam,
  energy, yield, technique, portals, status), shown by ``fipkit experiments``;
* ``data/detectors.yaml``: the set-ups, :class:`Detector`: beam, facility (spectra
  tables), target, exposure, geometry, references;
* ``data/searches*.yaml`` (``searches_<topic>.yaml`` for the kaon and B-decay searches):
  the searches fipkit computes, :class:`Search`: name, label, kind (limit | projection),
  models, the detector it uses (by name: several searches share one), technique, the
  production entries, selection (energy threshold, accepted decay channels,
  efficiency), statistics (background, n_obs, cl), the technique's own parameters,
  references and notes.

Every key is checked: an unknown key is an error naming the key, the file and the
nearest valid key; a technique's parameters are those of its schema
(``data/techniques.yaml``, or registered by a plug-in technique through
:func:`register_technique_schema`); shapes are checked by name and keys. (Model names
are checked where a model meets a search, :func:`fipkit.reach.compute_reach`, and for
the whole catalog in the tests: this layer imports no model.)
"""

from __future__ import annotations

import csv
import difflib
from dataclasses import dataclass, field, fields
from functools import cache, cached_property
from importlib import resources
from typing import Any

import yaml

from ..errors import FipkitInputError
from . import beamline
from .geometry import SHAPES, make_shape

try:  # the C loader is ~10x faster than the pure-Python one
    _Loader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _Loader = yaml.SafeLoader


@dataclass(frozen=True)
class TechniqueSchema:
    """The catalog parameters of a technique: name -> meaning, and the required ones."""

    parameters: dict[str, str]
    required: tuple[str, ...] = ()


_SCHEMAS: dict[str, TechniqueSchema] = {}


@cache
def _builtin_schemas() -> dict[str, TechniqueSchema]:
    text = resources.files(__package__).joinpath("data/techniques.yaml").read_text()
    raw = yaml.load(text, Loader=_Loader)
    return {
        k: TechniqueSchema(dict(v.get("parameters") or {}), tuple(v.get("required") or ()))
        for k, v in raw.items()
    }


def register_technique_schema(name: str, schema: TechniqueSchema) -> None:
    """Make a (plug-in) technique's parameters known to the catalog."""
    _SCHEMAS[name] = schema


def technique_schema(name: str) -> TechniqueSchema:
    """The schema of technique ``name``, or a clear error listing the known ones."""
    if name in _SCHEMAS:
        return _SCHEMAS[name]
    builtin = _builtin_schemas()
    if name not in builtin:
        known = sorted({*builtin, *_SCHEMAS})
        raise FipkitInputError(
            f"unknown technique '{name}'{_nearest(name, known)}; valid: {', '.join(known)}"
        )
    return builtin[name]


@dataclass(frozen=True)
class Detector:
    """Where and with what searches look: beam, target, exposure, geometry (metres)."""

    name: str
    beam: dict
    facility: str | None = None
    target: str | None = None
    exposure: dict = field(default_factory=dict)
    geometry: dict | None = None
    beamline: dict | None = None  # a horn-focused beam line (fipkit.production.beamline)
    references: tuple = ()

    @property
    def shape(self):
        return make_shape(self.geometry) if self.geometry else None

    @cached_property
    def line(self):
        """The :class:`~fipkit.experiments.beamline.BeamLine`, or None (built once)."""
        return beamline.from_mapping(self.beamline, self.name) if self.beamline else None


@dataclass(frozen=True)
class Search:
    """One computable search (one entry of ``searches*.yaml``)."""

    name: str
    label: str
    kind: str
    technique: str
    models: tuple
    detector: Detector
    production: tuple | dict = ()
    min_energy_GeV: float = 0.0  # FIP energy threshold of the selection
    efficiency: float = 1.0
    channels: tuple | dict = ()
    background: float = 0.0
    n_obs: int | None = None
    cl: float = 0.9
    references: tuple = ()
    notes: str = ""
    params: dict = field(default_factory=dict)  # the technique's own parameters

    # the detector's quantities, read through the search
    @property
    def beam(self) -> dict:
        return self.detector.beam

    @property
    def facility(self) -> str | None:
        return self.detector.facility

    @property
    def target(self) -> str | None:
        return self.detector.target

    @property
    def exposure(self) -> dict:
        return self.detector.exposure

    @property
    def shape(self):
        return self.detector.shape

    @property
    def beamline(self):
        """The detector's beam line (mesons decaying in flight), or None."""
        return self.detector.line

    def covers(self, model: Any) -> bool:
        """Whether the search computes ``model``: a model name, or a model object whose
        name or family (e.g. ``fermion`` for every HNL mixing pattern) it lists."""
        return any(k in self.models for k in _keys(model))

    def _for(self, value: tuple | dict, model: Any) -> tuple:
        if not isinstance(value, dict):
            return tuple(value)
        for k in _keys(model):
            if k in value:
                return tuple(value[k])
        return ()

    def production_for(self, model: Any) -> tuple:
        """Production entries for ``model`` (a name or a model): a list, or a mapping
        model name or family -> list."""
        return self._for(self.production, model)

    def channels_for(self, model: Any) -> tuple:
        """Accepted decay channels for ``model``: a list, or a mapping by name or family."""
        return self._for(self.channels, model)

    def param_for(self, key: str, model: Any) -> Any:
        """A technique parameter for ``model``: the value, or, when it is a mapping whose
        keys name the model or its family (``decay: {dark-scalar: B->KS, alp-fermion:
        B->Ka}``), that model's entry (None if the parameter is absent)."""
        value = self.params.get(key)
        if isinstance(value, dict):
            for k in _keys(model):
                if k in value:
                    return value[k]
        return value

    def spec(self) -> dict:
        """Everything the computed result depends on (for hashing / caching)."""
        d = {k: getattr(self, k) for k in _COMPUTE_KEYS}
        d["detector"] = {
            f.name: getattr(self.detector, f.name)
            for f in fields(Detector)
            if f.name != "references"
        }
        return d


def models_computed(search: Any) -> list[str]:
    """Every registered model ``search`` computes: those it lists, the members of a
    family it lists, and the models that take a listed model's searches (``serves_as``:
    b-minus-l, lmu-ltau, ... for a dark-photon search); in registration order."""
    from ..models import get_model, model_names

    return [n for n in model_names() if search.covers(get_model(n))]


def _keys(model: Any) -> tuple[str, ...]:
    """The catalog keys a model answers to: its name, its family, then the models whose
    searches it takes (``serves_as``: a vector with charges takes the dark photon's)."""
    if isinstance(model, str):
        return (model,)
    return (model.name, model.family, *getattr(model, "serves_as", ()))


_COMPUTE_KEYS = (
    "name",
    "technique",
    "production",
    "min_energy_GeV",
    "efficiency",
    "channels",
    "background",
    "n_obs",
    "cl",
    "params",
)
_DETECTOR_KEYS = {f.name for f in fields(Detector)}
_SEARCH_KEYS = {f.name for f in fields(Search)} - {"params"}
_DETECTOR_REQUIRED = ("name", "beam")
_REQUIRED = ("name", "label", "kind", "technique", "models", "detector")
KINDS = ("limit", "projection")


def _nearest(key: str, valid) -> str:
    near = difflib.get_close_matches(key, list(valid), n=1)
    return f"; did you mean '{near[0]}'?" if near else ""


def _check_geometry(where: str, geo: Any) -> None:
    if not isinstance(geo, dict) or "shape" not in geo:
        raise FipkitInputError(f"{where}: 'geometry' must be a mapping with a 'shape'")
    kind = geo["shape"]
    if kind not in SHAPES:
        raise FipkitInputError(
            f"{where}: unknown shape '{kind}'{_nearest(str(kind), SHAPES)} "
            f"(valid: {', '.join(sorted(SHAPES))})"
        )
    allowed = {f.name for f in fields(SHAPES[kind])}
    for k in geo:
        if k != "shape" and k not in allowed:
            raise FipkitInputError(
                f"{where}: unknown key '{k}' for shape {kind}{_nearest(k, allowed)} "
                f"(valid: {', '.join(sorted(allowed))})"
            )
    try:
        make_shape(geo)
    except (TypeError, ValueError) as exc:
        raise FipkitInputError(f"{where}: bad {kind} geometry: {exc}") from None


def _check_keys(where: str, d: dict, valid, what: str) -> None:
    for k in d:
        if k not in valid:
            raise FipkitInputError(
                f"{where}: unknown key '{k}'{_nearest(k, valid)} ({what}: "
                f"{', '.join(sorted(valid)) or 'none'})"
            )


def detector_from_mapping(d: dict, source: str = "catalog") -> Detector:
    """Validate one detector entry (``detectors.yaml``) and build its Detector."""
    if not isinstance(d, dict):
        raise FipkitInputError(f"{source}: each detector must be a mapping, got {d!r}")
    where = f"{source}: detector {d.get('name', '<no name>')}"
    for k in _DETECTOR_REQUIRED:
        if k not in d:
            raise FipkitInputError(f"{where}: missing key '{k}'")
    _check_keys(where, d, _DETECTOR_KEYS, "a detector takes")
    if not isinstance(d["beam"], dict) or "energy_GeV" not in d["beam"]:
        raise FipkitInputError(f"{where}: 'beam' must be a mapping with 'energy_GeV'")
    if d.get("geometry") is not None:
        _check_geometry(where, d["geometry"])
    if d.get("beamline") is not None:
        beamline.from_mapping(d["beamline"], where)
    kw = dict(d)
    kw["references"] = tuple(kw.get("references") or ())
    return Detector(**kw)


def from_mapping(d: dict, source: str = "catalog", detectors: dict | None = None) -> Search:
    """Validate one search entry and build its Search; its ``detector`` is the name of
    an entry of ``detectors`` (default: the shipped ``detectors.yaml``)."""
    if not isinstance(d, dict):
        raise FipkitInputError(f"{source}: each entry must be a mapping, got {d!r}")
    where = f"{source}: {d.get('name', '<no name>')}"
    for k in _REQUIRED:
        if k not in d:
            raise FipkitInputError(f"{where}: missing key '{k}'")
    tname = str(d["technique"])
    technique = technique_schema(tname)
    valid = {*_SEARCH_KEYS, *technique.parameters}
    _check_keys(where, d, valid, f"a search with technique {tname} takes")
    for k in technique.required:
        if k not in d:
            raise FipkitInputError(f"{where}: technique {tname} needs '{k}'")
    if d["kind"] not in KINDS:
        raise FipkitInputError(f"{where}: kind must be one of {', '.join(KINDS)}")
    if not isinstance(d["models"], list) or not d["models"]:
        raise FipkitInputError(f"{where}: 'models' must be a non-empty list of model names")
    for k in ("efficiency", "background", "cl", "min_energy_GeV"):
        if k in d and not isinstance(d[k], int | float):
            raise FipkitInputError(f"{where}: '{k}' must be a number, got {d[k]!r}")
    known = detector_catalog() if detectors is None else detectors
    name = d["detector"]
    if not isinstance(name, str) or name not in known:
        raise FipkitInputError(
            f"{where}: unknown detector {name!r}{_nearest(str(name), known)}; "
            f"detectors: {', '.join(sorted(known))}"
        )
    kw = {k: d[k] for k in _SEARCH_KEYS if k in d}
    kw["detector"] = known[name]
    for k in ("models", "production", "channels", "references"):
        if k in kw and kw[k] is not None and not isinstance(kw[k], dict):
            kw[k] = tuple(kw[k])
    params = {k: d[k] for k in technique.parameters if k in d}
    return Search(**kw, params=params)


def _entries(f) -> list:
    try:
        return yaml.load(f.read_text(), Loader=_Loader) or []
    except yaml.YAMLError as exc:
        raise FipkitInputError(f"{f.name}: not valid YAML: {exc}") from None


@cache
def detector_catalog() -> dict[str, Detector]:
    """All detectors, by name (``detectors.yaml``, validated)."""
    f = resources.files(__package__).joinpath("data/detectors.yaml")
    out: dict[str, Detector] = {}
    for e in _entries(f):
        det = detector_from_mapping(e, f.name)
        if det.name in out:
            raise FipkitInputError(f"{f.name}: detector '{det.name}' is defined twice")
        out[det.name] = det
    return out


@cache
def catalog() -> dict[str, Search]:
    """All computable searches, by name (every file validated)."""
    data = resources.files(__package__).joinpath("data")
    files = sorted(
        (f for f in data.iterdir() if f.name.startswith("searches") and f.name.endswith(".yaml")),
        key=lambda f: f.name,
    )
    out: dict[str, Search] = {}
    for f in files:
        for e in _entries(f):
            s = from_mapping(e, f.name)
            if s.name in out:
                raise FipkitInputError(f"{f.name}: search '{s.name}' is defined twice")
            out[s.name] = s
    return out


def experiment_names(model: Any = None) -> list[str]:
    """Names of the searches, or of those that compute ``model`` (a name or a model)."""
    return sorted(n for n, e in catalog().items() if model is None or e.covers(model))


def get_experiment(name: str, model: Any = None) -> Search:
    """The search called ``name``; with ``model`` (a name or a model), it must compute it."""
    cat = catalog()
    lower = {k.lower(): k for k in cat}
    key = lower.get(name.lower())
    if key is None or (model is not None and not cat[key].covers(model)):
        valid = experiment_names(model)
        what = f" for model '{_keys(model)[0]}'" if model is not None else ""
        hint = _nearest(name, valid) if key is None else ""
        raise FipkitInputError(
            f"unknown experiment '{name}'{what}{hint}; valid: {', '.join(valid)}"
        )
    return cat[key]


@cache
def table2() -> list[dict]:
    """Rows of Table 2 of arXiv:2011.02157 (the review's experiment list)."""
    text = resources.files(__package__).joinpath("data/table2.csv").read_text()
    return list(csv.DictReader(text.splitlines()))


#: Table 1 portal of each model family (1 vector, with light dark matter through the dark
#: photon and millicharged particles; 2 scalar; 3 pseudo-scalar; 4 fermion)
FAMILY_PORTAL = {
    "vector": 1,
    "light-dark-matter": 1,
    "millicharge": 1,
    "scalar": 2,
    "pseudoscalar": 3,
    "fermion": 4,
}


def _portal(model_key: str) -> int:
    if model_key in FAMILY_PORTAL:
        return FAMILY_PORTAL[model_key]
    from ..models import get_model

    return FAMILY_PORTAL[get_model(model_key).family]


@cache
def table2_coverage() -> list[dict]:
    """Per row of Table 2: the portals it lists, the catalog searches that compute it
    (data/table2_searches.yaml) and the portals they cover. Keys: experiment, portals,
    searches, computed (tuples; portals as Table 1 numbers)."""
    text = resources.files(__package__).joinpath("data/table2_searches.yaml").read_text()
    mapping = yaml.safe_load(text)
    rows = table2()
    if set(mapping) != {r["experiment"] for r in rows}:
        raise FipkitInputError("table2_searches.yaml must name every Table 2 row, exactly")
    cat = catalog()
    out = []
    for r in rows:
        names = tuple(mapping[r["experiment"]] or ())
        unknown = [n for n in names if n not in cat]
        if unknown:
            raise FipkitInputError(f"table2_searches.yaml: unknown search {unknown[0]!r}")
        computed = sorted({_portal(k) for n in names for k in cat[n].models})
        listed = tuple(int(p) for p in r["portals"].split(","))
        out.append(
            {
                "experiment": r["experiment"],
                "portals": listed,
                "searches": names,
                "computed": tuple(computed),
            }
        )
    return out
