"""The beauty cascade factor is data of the facility's beauty table (its json record,
written by the generator), read by fipkit.spectra.beauty_cascade_factor."""

import json
from importlib import resources

import pytest

from fipkit import constants as C
from fipkit import spectra
from fipkit.experiments import get_experiment
from fipkit.production import meson_decay
from fipkit.spectra import generate


def _record(facility):
    path = resources.files("fipkit.spectra").joinpath(f"data/{facility}_beauty.json")
    return json.loads(path.read_text())


def test_factor_per_facility():
    assert spectra.beauty_cascade_factor("SPS400") == 1.7
    for facility in ("FNAL120", "LHC14", "U70", spectra.B_FACTORY):
        assert spectra.beauty_cascade_factor(facility) == 1.0
    assert "SHiP-NOTE-2015-009" in _record("SPS400")["cascade_source"]


def test_unknown_facility():
    from fipkit.errors import FipkitInputError

    with pytest.raises(FipkitInputError, match="unknown facility"):
        spectra.beauty_cascade_factor("SPS450")


def test_not_in_code_and_same_factor():
    """The factor left meson_decay.py; the beauty weight per POT is unchanged."""
    assert not hasattr(meson_decay, "BEAUTY_CASCADE")
    ship = get_experiment("SHiP", model="dark-scalar")
    assert (
        meson_decay.heavy_flavour_factor(ship, "B+") == C.MATERIALS[ship.target]["A"] ** 0.29 * 1.7
    )
    dq = get_experiment("DarkQuest-PhaseII", model="dark-scalar")
    assert meson_decay.heavy_flavour_factor(dq, "B0") == C.MATERIALS[dq.target]["A"] ** 0.29


def test_generator_writes_what_is_shipped():
    """Every beauty record holds the factor and source that the generator writes."""
    for facility in spectra.facilities():
        if not spectra._has(facility, "beauty"):
            continue
        rec = _record(facility)
        factor, source = generate.BEAUTY_CASCADE.get(facility, (1.0, generate.NO_CASCADE_SOURCE))
        assert rec["cascade_factor"] == factor and rec["cascade_source"] == source, facility
