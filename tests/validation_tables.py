"""The README's validation tables, generated from the region tests' own measurements, so
the two cannot disagree (tests/test_readme_tables.py checks that the README holds exactly
these). Regenerate after a change: ``python tests/validation_tables.py --write`` (without
``--write`` it prints them).

Each number is a median |delta log10 coupling| along one edge at the reference's masses
(refcurves.edge_stats), signed (+ = ours weaker) in brackets where the offset is
systematic; ✗ marks a miss of the issue's target. Why each miss happens is written in the
test that measures it.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))


def _cell(st, target: float, signed: bool = False) -> str:
    if st is None or not st.n:
        return "–"
    text = f"{st.median:.3f}"
    if signed:
        text += f" ({st.signed:+.2f})"
    return text + (" ✗" if st.median > target else "")


def _table(header: str, rows: list[tuple[str, str, str, str]]) -> str:
    lines = [header, "|---|---|---|---|"]
    lines += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    return "\n".join(lines)


def darkphoton_table() -> str:
    import test_regions

    return test_regions.validation_table()


def scalar_table() -> str:
    """Fig. 4 rows: the regions, the K -> pi X and LHCb limits, SN1987A (target 0.2)."""
    import test_lhcb_scalar as lhcb
    import test_missing_mass as kaon
    import test_scalar_cosmo as cosmo
    import test_scalar_regions as regions

    rows = []
    labels = {
        "CHARM": "Winkler 1809.01876 recast",
        "SHiP": "PBC projection",
        "DarkQuest-PhaseII": "PBC projection (no kaons)",
        "NA62-dump": "FORESEE limits_NA62",
    }
    for name, ref, m_range, _, _ in regions.ROWS:
        low, up = regions.stats(name, ref, m_range)
        span = "whole range" if m_range is None else f"{m_range[0]:g}-{m_range[1]:g} GeV"
        rows.append(
            (
                f"{name} ({span})",
                labels[name],
                _cell(low, 0.2, signed=True),
                _cell(up, 0.2, signed=True),
            )
        )
    for name, ref, label in [
        ("E949", "FORESEE__bounds_E949.txt", "E949 0903.0030"),
        ("NA62-Kpinunu", "FORESEE__bounds_2011.11329.txt", "NA62 2011.11329"),
        ("KLEVER", "FORESEE__limits_Klever.txt", "PBC projection"),
    ]:
        rows.append(
            (f"{name} (K → π X)", label, _cell(kaon._lower_stats(name, ref), 0.2, True), "–")
        )
    for name, ref, label in [
        ("LHCb-B+K+S", "FORESEE__bounds_1612.08718.txt", "LHCb 1612.07818"),
        ("LHCb-B0K*S", "FORESEE__bounds_1508.04094.txt", "LHCb 1508.04094"),
    ]:
        rows.append((name, label, _cell(lhcb._lower_stats(name, ref), 0.2, True), "–"))
    _, low, up = cosmo._sn_stats()
    rows.append(("SN1987A", "one-zone estimate", _cell(low, 0.2, True), _cell(up, 0.2, True)))
    return _table("| experiment / bound | reference | lower | upper |", rows)


#: the HNL table: (search, reference, lower row key, upper row key) with the keys
#: (grid, reference, m_range) of tests/test_hnl_regions.ROWS
HNL_LABELS = [
    (
        "CHARM U_e",
        "FORESEE/HNLCalc recast",
        ("charm-e-M", "FORESEE-CHARM-e", None),
        ("charm-e-M", "FORESEE-CHARM-e", None),
    ),
    ("CHARM U_e", "CHARM 1986 (collaboration)", ("charm-e-D", "CHARM-1986", None), None),
    (
        "CHARM U_τ",
        "Boiarska et al. 2107.14685",
        ("charm-tau-M", "CHARM-Boiarska", None),
        ("charm-tau-M", "CHARM-Boiarska", None),
    ),
    ("CHARM U_τ", "Orloff et al. 2002", ("charm-tau-D", "CHARM-Orloff", None), None),
    (
        "BEBC U_e",
        "Barouki et al. 2208.00416",
        ("bebc-e-D", "BEBC-Barouki-e-low", None),
        ("bebc-e-D", "BEBC-Barouki-e-up", None),
    ),
    (
        "BEBC U_τ",
        "Barouki et al.",
        ("bebc-tau-D", "BEBC-Barouki-tau-low", None),
        ("bebc-tau-D", "BEBC-Barouki-tau-up", None),
    ),
    (
        "FASER U_e",
        "Kling-Trojanowski 1801.08947",
        ("faser-e-M", "FASER-e", None),
        ("faser-e-M", "FASER-e", None),
    ),
    (
        "FASER2 U_e",
        "Kling-Trojanowski",
        ("faser2-e-M", "FASER2-e", None),
        ("faser2-e-M", "FASER2-e", None),
    ),
    (
        "FASER2 U_τ",
        "Kling-Trojanowski",
        ("faser2-tau-M", "FASER2-tau", None),
        ("faser2-tau-M", "FASER2-tau", None),
    ),
    (
        "DUNE ND U_e",
        "Berryman et al. 1912.07622",
        ("dune-e-D", "DUNE-e-low", (0.005, 2.0)),
        ("dune-e-D", "DUNE-e-up", None),
    ),
    ("DUNE ND U_e, below m_K", "Berryman et al.", ("dune-e-D", "DUNE-e-low", (0.005, 0.49)), None),
    ("DUNE ND U_e, above m_K", "Berryman et al.", ("dune-e-D", "DUNE-e-low", (0.5, 2.0)), None),
    (
        "DUNE ND U_τ",
        "Berryman et al.",
        ("dune-tau-D", "DUNE-tau-low", None),
        ("dune-tau-D", "DUNE-tau-up", None),
    ),
    ("NA62 K → e N", "NA62 2020", ("na62-e", "NA62-2020", None), None),
    ("PIENU U_e", "PIENU 2017", ("pienu-e", "PIENU-2017", (0.06, 0.129)), None),
    ("TRIUMF U_e", "TRIUMF 1992", ("triumf-e", "TRIUMF-1992", (0.05, 0.13)), None),
    ("DELPHI (Z → νN, U_e)", "long-lived (1997)", ("delphi-e-M", "DELPHI-long-e", None), None),
    ("DELPHI (Z → νN, U_e)", "short-lived (1997)", ("delphi-e-M", "DELPHI-short-e", None), None),
    ("T2K ND280 U_e", "T2K 2019 (profiled)", ("t2k-e", "T2K-e", None), None),
    ("T2K ND280 U_e", "FORESEE", ("t2k-e", "FORESEE-T2K-e", None), None),
    ("PS191 U_e", "published v1", ("ps191-e", "PS191-v1", (0.02, 0.39)), None),
    ("PS191 U_e", "published v2", ("ps191-e", "PS191-v2", (0.02, 0.39)), None),
    (
        "ATLAS displaced U_e (W → eN)",
        "ATLAS 2022",
        ("atlas-e", "ATLAS-low", None),
        ("atlas-e", "ATLAS-up", None),
    ),
    ("Belle U_e (B → X l N)", "Belle 2013 (1301.1105)", ("belle-e-M", "Belle-low", None), None),
]


def hnl_table() -> str:
    """Fig. 6 rows (target 0.2)."""
    import test_hnl_regions as hnl

    def stats(key, edge):
        return None if key is None else hnl.row_stats(key[0], key[1], edge, key[2])

    rows = [
        (s, r, _cell(stats(lo, "lower"), 0.2, True), _cell(stats(up, "upper"), 0.2, True))
        for s, r, lo, up in HNL_LABELS
    ]
    return _table("| search | reference | lower | upper |", rows)


def alp_table() -> str:
    """Fig. 5 rows (ALP-photon coupling, each reference's whole mass range)."""
    import test_alp

    rows = []
    for search, ref, mrange, _ in test_alp.ROWS:
        low, up = test_alp.row_stats(search, ref, mrange)
        source = "ALPINIST 2201.05170" if ref.startswith("ALPINIST") else "FORESEE"
        rows.append((search, source, _cell(low, 0.2, True), _cell(up, 0.2, True)))
    return _table("| search | reference | lower | upper |", rows)


TABLES = {
    "dark photon": darkphoton_table,
    "dark scalar": scalar_table,
    "HNL": hnl_table,
    "ALP": alp_table,
}


MARKER = "<!-- validation table: {} (python tests/validation_tables.py --write) -->"


def write_readme(readme: Path) -> None:
    """Replace each table of the README (the lines after its marker comment) by the
    measured one."""
    lines = readme.read_text().split("\n")
    for title, table in TABLES.items():
        start = lines.index(MARKER.format(title)) + 1
        end = start
        while end < len(lines) and lines[end].startswith("|"):
            end += 1
        lines[start:end] = table().split("\n")
    readme.write_text("\n".join(lines))


if __name__ == "__main__":
    if "--write" in sys.argv:
        write_readme(Path(__file__).resolve().parents[1] / "README.md")
    else:
        for title, table in TABLES.items():
            print(f"{title}:\n\n{table()}\n")
