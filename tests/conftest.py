import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))  # tests/refcurves.py helpers

import refcurves  # noqa: E402


def pytest_collection_modifyitems(config, items):
    """Skip every test marked ``reference`` when the reference folder is absent.

    Done at collection, so the skip happens before fixtures are set up and before the
    test computes anything (many compute a reach first and read the reference after).
    """
    if refcurves.reference_available():
        return
    skip = pytest.mark.skip(
        reason=f"reference folder {refcurves.REF} not found "
        "(set FIPKIT_REFERENCE to a copy of shared/reference)"
    )
    for item in items:
        if item.get_closest_marker("reference") is not None:
            item.add_marker(skip)
