"""The README's validation tables are exactly the measurements of the region tests
(tests/validation_tables.py generates them; regenerate with
``python tests/validation_tables.py`` when a measurement changes)."""

from pathlib import Path

import pytest

import validation_tables as vt

README = Path(__file__).resolve().parents[1] / "README.md"

pytestmark = [pytest.mark.reference, pytest.mark.slow]


@pytest.mark.parametrize("title", sorted(vt.TABLES))
def test_readme_table_is_the_measured_one(title):
    table = vt.TABLES[title]()
    assert table in README.read_text(), f"README {title} table differs; measured:\n{table}"


def test_hnl_table_rows_are_the_tested_rows():
    """Every HNL table cell is a row that tests/test_hnl_regions.py asserts."""
    import test_hnl_regions as hnl

    tested = {(g, r, e, m) for g, r, e, m, _ in hnl.ROWS}
    for _, _, lo, up in vt.HNL_LABELS:
        for key, edge in ((lo, "lower"), (up, "upper")):
            if key is not None:
                assert (key[0], key[1], edge, key[2]) in tested, key
