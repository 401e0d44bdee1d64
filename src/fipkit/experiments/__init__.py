"""The experiment catalog.

Two data files ship with fipkit:

* ``data/table2.csv``: every row of Table 2 of arXiv:2011.02157 (name, lab, beam,
  energy, yield, technique, portals, status), shown by ``fipkit experiments``;
* ``data/experiments.yaml`` (and ``data/experiments_<topic>.yaml``, e.g. the kaon and
  B-decay searches): the experiments fipkit computes, with geometry, exposure,
  production mechanisms, efficiencies and their sources.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

import yaml

from ..errors import FipkitInputError
from .geometry import make_shape


@dataclass(frozen=True)
class Experiment:
    """One computable experiment (one row of ``experiments.yaml``)."""

    name: str
    label: str
    kind: str
    technique: str
    models: tuple
    beam: dict
    facility: str | None = None
    target: str | None = None
    exposure: dict = field(default_factory=dict)
    production: tuple | dict = ()
    detector: dict | None = None
    min_energy_GeV: float = 0.0
    efficiency: float = 1.0
    channels: tuple | dict = ()
    background: float = 0.0
    n_obs: int | None = None
    cl: float = 0.9
    references: tuple = ()
    notes: str = ""
    extra: dict = field(default_factory=dict)  # technique-specific parameters

    @property
    def shape(self):
        return make_shape(self.detector)

    def production_for(self, model: str) -> tuple:
        """Production mechanisms for ``model``: a list, or a mapping model -> list."""
        p = self.production
        return tuple(p.get(model, ())) if isinstance(p, dict) else tuple(p)

    def channels_for(self, model: str) -> tuple:
        """Accepted decay channels for ``model``: a list, or a mapping model -> list."""
        c = self.channels
        return tuple(c.get(model, ())) if isinstance(c, dict) else tuple(c)

    def spec(self) -> dict:
        """Everything the computed result depends on (for hashing / caching)."""
        return {
            k: getattr(self, k)
            for k in (
                "name",
                "technique",
                "beam",
                "facility",
                "target",
                "exposure",
                "production",
                "detector",
                "min_energy_GeV",
                "efficiency",
                "channels",
                "background",
                "n_obs",
                "cl",
                "extra",
            )
        }


_FIELDS = set(Experiment.__dataclass_fields__) - {"extra"}


def _from_mapping(d: dict) -> Experiment:
    d = dict(d)
    extra = {k: d.pop(k) for k in list(d) if k not in _FIELDS}
    for k in ("models", "production", "channels", "references"):
        if k in d and d[k] is not None and not isinstance(d[k], dict):
            d[k] = tuple(d[k])
    return Experiment(**d, extra=extra)


@cache
def catalog() -> dict[str, Experiment]:
    """All computable experiments, by name."""
    data = resources.files(__package__).joinpath("data")
    files = sorted(
        (
            f
            for f in data.iterdir()
            if f.name.startswith("experiments") and f.name.endswith(".yaml")
        ),
        key=lambda f: f.name,
    )
    out = {}
    for f in files:
        for e in yaml.safe_load(f.read_text()) or []:
            out[e["name"]] = _from_mapping(e)
    return out


def experiment_names(model: str | None = None) -> list[str]:
    return sorted(n for n, e in catalog().items() if model is None or model in e.models)


def get_experiment(name: str, model: str | None = None) -> Experiment:
    """The experiment called ``name``; with ``model``, it must be computable for it."""
    cat = catalog()
    lower = {k.lower(): k for k in cat}
    key = lower.get(name.lower())
    if key is None or (model is not None and model not in cat[key].models):
        valid = experiment_names(model)
        what = f" for model '{model}'" if model else ""
        raise FipkitInputError(f"unknown experiment '{name}'{what}; valid: {', '.join(valid)}")
    return cat[key]


@cache
def table2() -> list[dict]:
    """Rows of Table 2 of arXiv:2011.02157 (the review's experiment list)."""
    text = resources.files(__package__).joinpath("data/table2.csv").read_text()
    return list(csv.DictReader(text.splitlines()))
