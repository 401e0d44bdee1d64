"""Make the parent-meson spectra tables with Pythia 8 (optional extra ``generate``).

    pip install '.[generate]'
    python -m fipkit.spectra.generate --facility SPS400 --events 400000 --seed 1

Settings: inelastic pp collisions (SoftQCD:inelastic = on, Pythia 8 default tune
Monash, arXiv:1404.5630) generated in the centre-of-mass frame and boosted to the
lab along z for fixed-target facilities. pi0 are kept stable so every pi0 is
counted, including feed-down from eta, omega and K_S decays; every eta, eta',
omega, rho0 and phi produced is recorded before it decays (the vector mesons for
V -> chi chi-bar of millicharged particles); charged kaons, K_L, K_S and charged
pions are kept stable.

Normalisation: histograms hold mesons per inelastic pp collision. For a thick
target every proton interacts once, so this is used as mesons per proton on
target (approximation: pp instead of p-nucleus, no secondary/cascade production).
At a collider, multiply by L x sigma_inel (stored in the json).

Output: ``<facility>.npz`` (float32 histograms in (log10 theta, log10 p), 0.05 dex
bins) and ``<facility>.json`` (settings, seed, events, sigma_inel, command); the json
of a beauty table (``--heavy``) also carries the facility's thick-target cascade factor
and its source (``BEAUTY_CASCADE``). ``--onia`` (LHC14): prompt J/psi from Pythia's
NRQCD processes (Charmonium:all, p_T-hat > 1 GeV), per J/psi, normalised in the json to
LHCb's measured cross section in its acceptance (``SIGMA_JPSI_LHCB_MB``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

M_PROTON = 0.93827208943
FACILITIES = {
    # name: (beam energy GeV, fixed target?)
    "SPS400": (400.0, True),
    "U70": (70.0, True),
    "FNAL120": (120.0, True),
    "LHC14": (7000.0, False),
    # Fermilab Booster, 8 GeV kinetic (MiniBooNE's beam dump): E = 8 + m_p to 1 MeV,
    # the value the shipped table was generated with
    "BNB8": (8.938, True),
    # J-PARC main ring, 30 GeV kinetic (SUBMET): E = 30 + m_p to 1 MeV, as shipped
    "JPARC30": (30.938, True),
    # CERN PS, 19.2 GeV/c protons (PS191's neutrino beam, 1984): E = sqrt(19.2^2 + m_p^2)
    "PS19": (19.2229, True),
    # Tevatron fixed-target protons, 800 GeV (NuTeV, E815)
    "TEV800": (800.0, True),
}
SPECIES = {
    "pi0": 111,
    "eta": 221,
    "etap": 331,
    "omega": 223,
    "rho0": 113,
    "phi": 333,
    "K+": 321,
    "K-": -321,
    # charged pions: the parents of a neutrino beam line (decays in flight)
    "pi+": 211,
    "pi-": -211,
    "KL": 130,
}
#: beauty hadrons, from a separate run of hard b b-bar production (``--heavy``)
HEAVY_SPECIES = {"B+": 521, "B-": -521, "B0": 511, "B0bar": -511, "Bs": 531, "Bsbar": -531}
#: charm hadrons, from a separate run of hard c c-bar production (``--charm``)
CHARM_SPECIES = {"D+": 411, "D-": -411, "D0": 421, "D0bar": -421, "Ds+": 431, "Ds-": -431}
#: the 125 GeV Higgs boson from gluon fusion (``--higgs``), for h -> S S at the LHC
HIGGS_SPECIES = {"h": 25}
#: prompt J/psi from NRQCD colour-singlet and -octet production (``--onia``, LHC14 only),
#: for J/psi -> chi chi-bar; the table is normalised per J/psi and the json carries the
#: total cross section, LHCb's measured one in its acceptance divided by the table's
#: fraction there (Pythia's LO onium cross sections are not used)
ONIA_SPECIES = {"J/psi": 443}
#: LHCb, prompt J/psi at 13 TeV, p_T < 14 GeV and 2 < y < 4.5: 15.03 ub (JHEP 10 (2015)
#: 172, arXiv:1509.00771, abstract [U: recalled]); used at 14 TeV unchanged (~7% low)
SIGMA_JPSI_LHCB_MB = 15.03e-3
JPSI_FIDUCIAL = {"pt_max_GeV": 14.0, "y_min": 2.0, "y_max": 4.5}
#: Drell-Yan q q-bar -> gamma* (``--drell-yan``): the gamma* of each invariant-mass bin
#: (edges in GeV, 0.1 dex wide from 0.5 GeV), recorded before it decays, normalised per
#: gamma* of the bin; the json carries sigma(q q-bar -> gamma* -> mu+ mu-) per bin
#: (Pythia LO, no K-factor), species "DY0", "DY1", ...
DY_EDGES = np.round(10 ** np.arange(np.log10(0.5), np.log10(200.0) + 1e-9, 0.1), 4)
DY_SPECIES = {f"DY{k}": 23 for k in range(len(DY_EDGES) - 1)}
#: W and Z bosons (``--weak``, LHC14 only), for W -> l N and Z -> nu N: the bosons'
#: kinematics from Pythia (f f-bar' -> W, f f-bar -> Z without the photon, ISR for their
#: p_T), the table per boson; the json carries the total cross sections from ATLAS's
#: 13 TeV measurement (arXiv:1603.09222, Phys. Lett. B 759 (2016) 601, abstract [U:
#: recalled]): sigma(W+ -> l+ nu) = 11.83 nb, sigma(W- -> l- nu) = 8.79 nb,
#: sigma(Z -> l l, 66 < m_ll < 116 GeV) = 1.981 nb, divided by BR(W -> l nu) = 0.1086
#: and BR(Z -> l l) = 0.03366 (PDG). Used at 14 TeV unchanged (~8% low).
WEAK_SPECIES = {"W+": 24, "W-": -24, "Z": 23}
SIGMA_WEAK_13TEV_MB = {
    "W+": 11.83e-6 / 0.1086,
    "W-": 8.79e-6 / 0.1086,
    "Z": 1.981e-6 / 0.03366,
}
#: onium events need a p_T cut (the NRQCD matrix elements diverge at p_T -> 0): the
#: J/psi p_T spectrum below ~1 GeV is not modelled; the normalisation to LHCb absorbs it
ONIA_PTHAT_MIN = 1.0
#: total gluon-fusion cross section at 14 TeV (N3LO QCD + NLO EW), LHC Higgs XS WG,
#: CERN Yellow Report 4, arXiv:1610.07922, Table 3 (m_h = 125.09 GeV): 54.72 pb. It
#: normalises the table (Pythia's LO gg -> h only shapes the (p, theta) distribution);
#: VBF, Vh and tth (~12% more) are not included.
SIGMA_GGF_14TEV_MB = 54.72e-9
#: cascade enhancement of b b-bar (c c-bar) production in a thick target (also made by
#: the secondary hadrons of the shower), per facility: (factor, source). Written into
#: every ``<facility>_beauty.json`` (``_charm.json``) as "cascade_factor" and
#: "cascade_source" (1 and NO_CASCADE_SOURCE where no estimate is used); read by
#: :func:`fipkit.spectra.cascade_factor`, not by the tables' normalisation.
BEAUTY_CASCADE = {
    "SPS400": (1.7, "SHiP-NOTE-2015-009 (as used by SensCalc arXiv:2305.13383)"),
}
CHARM_CASCADE = {
    "SPS400": (2.3, "SHiP-NOTE-2015-009 (as used by SensCalc arXiv:2305.13383)"),
}
NO_CASCADE_SOURCE = "none: no cascade enhancement estimated for this facility (factor 1)"
LOG_THETA_EDGES = np.round(np.arange(-6.0, 0.5 + 1e-9, 0.05), 4)  # rad, last edge > log10(pi)
LOG_P_EDGES = np.round(np.arange(-2.0, 4.0 + 1e-9, 0.05), 4)  # GeV


def settings(facility: str, seed: int, heavy: bool | str = False) -> list[str]:
    """Pythia settings; ``heavy`` is False (soft inelastic), True (b b-bar), "charm"
    (c c-bar) or "higgs"."""
    e, fixed = FACILITIES[facility]
    ecm = np.sqrt(2 * M_PROTON**2 + 2 * M_PROTON * e) if fixed else 2 * e
    if heavy == "weak":  # W, Z kinematics only: ISR gives their p_T; no MPI, no hadrons
        process = [
            "WeakSingleBoson:ffbar2W = on",
            "WeakSingleBoson:ffbar2gmZ = on",
            "WeakZ0:gmZmode = 2",
            "24:mayDecay = off",
            "23:mayDecay = off",
            "PartonLevel:MPI = off",
            "PartonLevel:FSR = off",
            "HadronLevel:all = off",
        ]
    elif heavy == "onia":
        process = [
            "Charmonium:all = on",
            f"PhaseSpace:pTHatMin = {ONIA_PTHAT_MIN}",
            "443:mayDecay = off",
        ]
    elif heavy == "higgs":  # h kinematics only: ISR gives its p_T; no MPI, no hadrons
        process = [
            "HiggsSM:gg2H = on",
            "25:mayDecay = off",
            "PartonLevel:MPI = off",
            "PartonLevel:FSR = off",
            "HadronLevel:all = off",
        ]
    elif heavy == "charm":
        process = ["HardQCD:hardccbar = on", "PhaseSpace:pTHatMin = 0.0"] + [
            f"{abs(p)}:mayDecay = off" for p in (411, 421, 431)
        ]
    elif heavy:
        process = ["HardQCD:hardbbbar = on", "PhaseSpace:pTHatMin = 0.0"] + [
            f"{abs(p)}:mayDecay = off" for p in (511, 521, 531)
        ]
    else:
        process = ["SoftQCD:inelastic = on"]
    return [
        "Beams:idA = 2212",
        "Beams:idB = 2212",
        f"Beams:eCM = {ecm:.6f}",
        *process,
        "111:mayDecay = off",
        "211:mayDecay = off",
        "321:mayDecay = off",
        "130:mayDecay = off",
        "310:mayDecay = off",
        "Random:setSeed = on",
        f"Random:seed = {seed}",
        "Next:numberCount = 0",
        "Next:numberShowEvent = 0",
        "Next:numberShowInfo = 0",
        "Next:numberShowProcess = 0",
        "Init:showChangedSettings = off",
        "Init:showProcesses = off",
        "Init:showChangedParticleData = off",
    ]


def drell_yan_settings(facility: str, seed: int, m_lo: float, m_hi: float) -> list[str]:
    """Pythia settings of one Drell-Yan mass bin: f f-bar -> gamma* (no Z), gamma* ->
    mu+ mu- only (so the cross section is the mu mu one), ISR on (the gamma* p_T), no MPI
    and no hadrons (only the gamma* is recorded)."""
    base = settings(facility, seed)
    keep = [x for x in base if not x.startswith(("SoftQCD", "111:", "211:", "321:", "130:"))]
    return (
        keep[:3]
        + [
            "WeakSingleBoson:ffbar2gmZ = on",
            "WeakZ0:gmZmode = 1",
            "23:onMode = off",
            "23:onIfAny = 13",
            "23:mMin = 0.3",  # the Breit-Wigner range of the 23 starts at 10 GeV by default
            "23:mMax = 250.0",
            f"PhaseSpace:mHatMin = {m_lo}",
            f"PhaseSpace:mHatMax = {m_hi}",
            "PartonLevel:MPI = off",
            "HadronLevel:all = off",
        ]
        + keep[3:]
    )


def generate_drell_yan(facility: str, events: int, seed: int, out_dir: Path) -> Path:
    """The Drell-Yan table ``<facility>_dy.npz``: per mass bin of ``DY_EDGES`` below
    sqrt(s)/2, ``events`` gamma* (the last copy, after initial-state radiation),
    histogrammed per gamma*, and sigma(gamma* -> mu mu) of the bin in the json."""
    import pythia8mc as pythia8  # optional dependency

    e_beam, fixed = FACILITIES[facility]
    ecm = np.sqrt(2 * M_PROTON**2 + 2 * M_PROTON * e_beam) if fixed else 2 * e_beam
    yb = lab_boost(facility)
    hists: dict[str, Any] = {}
    sigma: dict[str, float] = {}
    t0 = time.time()
    for k, name in enumerate(DY_SPECIES):
        lo, hi = float(DY_EDGES[k]), float(DY_EDGES[k + 1])
        if hi > 0.5 * ecm:
            hists[name] = np.zeros((len(LOG_THETA_EDGES) - 1, len(LOG_P_EDGES) - 1), np.float32)
            sigma[name] = 0.0
            continue
        py = pythia8.Pythia("", False)
        for x in drell_yan_settings(facility, seed + k, lo, hi):
            py.readString(x)
        if not py.init():
            raise RuntimeError(f"Pythia initialisation failed for the {lo}-{hi} GeV bin")
        rows = []
        for _ in range(events):
            if not py.next():
                continue
            ev = py.event
            for j in range(ev.size()):
                prt = ev[j]
                if prt.id() == 23 and abs(ev[prt.daughter1()].id()) == 13:  # last copy
                    rows.append((prt.px(), prt.py(), prt.pz(), prt.e()))
                    break
        a = np.array(rows).reshape(-1, 4)
        h = histogram(np.full(len(a), 23), a[:, 0], a[:, 1], a[:, 2], a[:, 3], yb, {name: 23})[name]
        hists[name] = (h / max(len(a), 1)).astype(np.float32)
        sigma[name] = float(py.infoPython().sigmaGen())
        print(f"{facility} DY {lo}-{hi} GeV: {len(a)} gamma*, sigma {sigma[name]:.3g} mb")
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{facility}_dy"
    tmp = out_dir / f".{stem}.tmp.npz"
    arrays: dict[str, Any] = {"log_theta_edges": LOG_THETA_EDGES, "log_p_edges": LOG_P_EDGES}
    np.savez_compressed(tmp, **arrays, **hists)
    tmp.replace(out_dir / f"{stem}.npz")
    meta = {
        "facility": facility,
        "generator": f"Pythia 8 (PyPI pythia8mc {_version('pythia8mc')})",
        "settings": drell_yan_settings(facility, seed, 0.0, 0.0),
        "mass_edges_GeV": [float(x) for x in DY_EDGES],
        "events_per_bin": events,
        "seed": seed,
        "sigma_mumu_mb": sigma,
        "normalisation": "per gamma* of each mass bin (sums to 1); per inelastic collision "
        "multiply by sigma_mumu_mb[bin] / sigma_inel_mb of the soft table (the mu mu cross "
        "section: rescale by the pair's phase space for another final state)",
        "histogram": "gamma* per gamma* in bins of (log10 theta [rad], log10 p [GeV]), lab frame",
        "date": time.strftime("%Y-%m-%d"),
        "command": " ".join(["python -m fipkit.spectra.generate"] + sys.argv[1:]),
        "seconds": round(time.time() - t0, 1),
    }
    (out_dir / f"{stem}.json").write_text(json.dumps(meta, indent=1))
    return out_dir / f"{stem}.npz"


def lab_boost(facility: str) -> float:
    """Rapidity of the CM frame in the lab (0 for a collider)."""
    e, fixed = FACILITIES[facility]
    if not fixed:
        return 0.0
    p = np.sqrt(e**2 - M_PROTON**2)
    return 0.5 * np.log((e + M_PROTON + p) / (e + M_PROTON - p))


def histogram(ids, px, py, pz, e, y_boost, species=None):
    """Boost to the lab and histogram each species in (log10 theta, log10 p)."""
    ch, sh = np.cosh(y_boost), np.sinh(y_boost)
    pz_lab = ch * pz + sh * e
    pt = np.hypot(px, py)
    p = np.hypot(pt, pz_lab)
    theta = np.arctan2(pt, pz_lab)
    lt = np.clip(
        np.log10(np.maximum(theta, 1e-300)), LOG_THETA_EDGES[0], LOG_THETA_EDGES[-1] - 1e-9
    )
    lp = np.clip(np.log10(np.maximum(p, 1e-300)), LOG_P_EDGES[0], LOG_P_EDGES[-1] - 1e-9)
    out = {}
    for name, pid in (species or SPECIES).items():
        sel = ids == pid
        out[name] = np.histogram2d(lt[sel], lp[sel], bins=[LOG_THETA_EDGES, LOG_P_EDGES])[0]
    return out


def _version(dist: str) -> str:
    from importlib.metadata import version

    return version(dist)


def generate(
    facility: str, events: int, seed: int, out_dir: Path, heavy: bool | str = False
) -> Path:
    """Run Pythia and write the tables. ``heavy=True``: hard b b-bar events, histograms per
    b b-bar event, with sigma_bbbar (Pythia LO) in the json; file <facility>_beauty.npz.
    ``heavy="higgs"``: gg -> h events, per h, normalised to SIGMA_GGF_14TEV_MB (LHC14
    only); file <facility>_higgs.npz."""
    import pythia8mc as pythia8  # optional dependency

    if heavy in ("higgs", "onia", "weak") and facility != "LHC14":
        raise SystemExit(f"--{heavy}: only LHC14 (the cross section is an LHC one)")
    kinds: dict[Any, dict[str, int]] = {
        "higgs": HIGGS_SPECIES,
        "charm": CHARM_SPECIES,
        "onia": ONIA_SPECIES,
        "weak": WEAK_SPECIES,
        True: HEAVY_SPECIES,
        False: SPECIES,
    }
    species = kinds[heavy]
    py = pythia8.Pythia("", False)
    for s in settings(facility, seed, heavy):
        py.readString(s)
    if not py.init():
        raise RuntimeError("Pythia initialisation failed")
    wanted = set(species.values())
    buf: dict[str, list[float]] = {k: [] for k in ("id", "px", "py", "pz", "e")}
    totals = {k: np.zeros((len(LOG_THETA_EDGES) - 1, len(LOG_P_EDGES) - 1)) for k in species}
    yb = lab_boost(facility)
    t0, n_ok = time.time(), 0
    fiducial = [0, 0]  # onia: J/psi in LHCb's acceptance, all J/psi

    def flush():
        if not buf["id"]:
            return
        arr = {k: np.array(v) for k, v in buf.items()}
        if heavy == "onia":
            pt = np.hypot(arr["px"], arr["py"])
            y = 0.5 * np.log((arr["e"] + arr["pz"]) / (arr["e"] - arr["pz"]))
            f = JPSI_FIDUCIAL
            inside = (pt < f["pt_max_GeV"]) & (y > f["y_min"]) & (y < f["y_max"])
            fiducial[0] += int(inside.sum())
            fiducial[1] += len(y)
        for k, h in histogram(
            arr["id"], arr["px"], arr["py"], arr["pz"], arr["e"], yb, species
        ).items():
            totals[k] += h
        for v in buf.values():
            v.clear()

    for i in range(events):
        if not py.next():
            continue
        n_ok += 1
        ev = py.event
        for j in range(ev.size()):
            prt = ev[j]
            pid = prt.id()
            # h, W, Z (not decayed): the last copy only
            if pid in wanted and (heavy not in ("higgs", "weak") or prt.isFinal()):
                buf["id"].append(pid)
                buf["px"].append(prt.px())
                buf["py"].append(prt.py())
                buf["pz"].append(prt.pz())
                buf["e"].append(prt.e())
        if len(buf["id"]) > 2_000_000:
            flush()
        if (i + 1) % 20000 == 0:
            print(f"{facility}: {i + 1} events, {(i + 1) / (time.time() - t0):.0f}/s", flush=True)
    flush()
    info = py.infoPython()
    sigma_mb = float(info.sigmaGen())
    # onia, weak: per J/psi, per boson (the json's cross sections make it per collision);
    # else per event
    norm = {k: (v.sum() if heavy in ("onia", "weak") else n_ok) for k, v in totals.items()}
    hists: dict[str, Any] = {k: (v / norm[k]).astype(np.float32) for k, v in totals.items()}
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = (
        f"{facility}_{heavy}"
        if heavy in ("higgs", "charm", "onia", "weak")
        else f"{facility}_beauty"
        if heavy
        else facility
    )
    npz = out_dir / f"{stem}.npz"
    tmp = out_dir / f".{stem}.tmp.npz"
    arrays: dict[str, Any] = {"log_theta_edges": LOG_THETA_EDGES, "log_p_edges": LOG_P_EDGES}
    np.savez_compressed(tmp, **arrays, **hists)
    tmp.replace(npz)
    e_beam, fixed = FACILITIES[facility]
    cascade = {}
    if heavy is True or heavy == "charm":  # the thick-target cascade travels with the table
        table = BEAUTY_CASCADE if heavy is True else CHARM_CASCADE
        factor, source = table.get(facility, (1.0, NO_CASCADE_SOURCE))
        cascade = {"cascade_factor": factor, "cascade_source": source}
    meta = {
        "facility": facility,
        "generator": f"Pythia 8 (PyPI pythia8mc {_version('pythia8mc')})",
        "settings": settings(facility, seed, heavy),
        "beam_energy_GeV": e_beam,
        "fixed_target": fixed,
        "lab_rapidity_boost": yb,
        "events": n_ok,
        "seed": seed,
        (
            "sigma_pythia_lo_mb"
            if heavy in ("higgs", "onia", "weak")
            else "sigma_ccbar_mb"
            if heavy == "charm"
            else "sigma_bbbar_mb"
            if heavy
            else "sigma_inel_mb"
        ): sigma_mb,
        **cascade,
        **(
            {
                "sigma_h_mb": SIGMA_GGF_14TEV_MB,
                "sigma_h_source": "LHC HXSWG YR4 arXiv:1610.07922, ggF N3LO at 14 TeV",
            }
            if heavy == "higgs"
            else {}
        ),
        **(
            {
                "sigma_mb": SIGMA_WEAK_13TEV_MB,
                "sigma_source": "ATLAS 13 TeV W+, W-, Z cross sections (arXiv:1603.09222) over "
                "BR(W -> l nu) = 0.1086, BR(Z -> l l) = 0.03366",
            }
            if heavy == "weak"
            else {}
        ),
        **(
            {
                "fiducial": JPSI_FIDUCIAL,
                "fiducial_fraction": fiducial[0] / max(fiducial[1], 1),
                "sigma_jpsi_mb": SIGMA_JPSI_LHCB_MB / max(fiducial[0] / max(fiducial[1], 1), 1e-9),
                "sigma_jpsi_source": "LHCb prompt J/psi at 13 TeV (arXiv:1509.00771), "
                "15.03 ub in p_T < 14 GeV, 2 < y < 4.5, over the table's fraction there",
            }
            if heavy == "onia"
            else {}
        ),
        "multiplicity_per_collision": {k: float(v.sum()) for k, v in hists.items()},
        "normalisation": (
            "per boson of each species (sums to 1); per inelastic collision multiply by "
            "sigma_mb[species] / sigma_inel_mb of the soft table"
            if heavy == "weak"
            else "Higgs bosons per gg -> h event (= 1); per inelastic collision multiply by "
            "sigma_h_mb / sigma_inel_mb of the soft table"
            if heavy == "higgs"
            else "per J/psi (sums to 1); per inelastic collision multiply by sigma_jpsi_mb / "
            "sigma_inel_mb of the soft table"
            if heavy == "onia"
            else "hadrons per hard c c-bar event (Pythia LO, HardQCD:hardccbar); per collision "
            "multiply by sigma_ccbar_mb / sigma_inel_mb of the soft table"
            if heavy == "charm"
            else "hadrons per hard b b-bar event (Pythia LO, HardQCD:hardbbbar); per collision "
            "multiply by sigma_bbbar_mb / sigma_inel_mb of the soft table"
            if heavy
            else "mesons per inelastic pp collision; used as per proton on target for "
            "a thick target (pp instead of pA, no cascade)"
            if fixed
            else "mesons per inelastic pp collision; multiply by L x sigma_inel_mb"
        ),
        "histogram": (
            "counts per collision in bins of (log10 theta [rad], log10 p [GeV]), lab frame"
        ),
        "date": time.strftime("%Y-%m-%d"),
        "command": " ".join(["python -m fipkit.spectra.generate"] + sys.argv[1:]),
        "seconds": round(time.time() - t0, 1),
    }
    (out_dir / f"{stem}.json").write_text(json.dumps(meta, indent=1))
    return npz


def main(argv=None):
    ap = argparse.ArgumentParser(description=(__doc__ or "fipkit spectra generator").split("\n")[0])
    ap.add_argument("--facility", required=True, choices=sorted(FACILITIES))
    ap.add_argument("--events", type=int, default=200_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--out", type=Path, default=Path(__file__).parent / "data")
    ap.add_argument("--heavy", action="store_true", help="hard b b-bar events (beauty hadrons)")
    ap.add_argument("--charm", action="store_true", help="hard c c-bar events (charm hadrons)")
    ap.add_argument("--higgs", action="store_true", help="gg -> h events (LHC14 only)")
    ap.add_argument("--onia", action="store_true", help="prompt J/psi events (LHC14 only)")
    ap.add_argument("--weak", action="store_true", help="W and Z bosons (LHC14 only)")
    ap.add_argument(
        "--drell-yan", action="store_true", help="q q-bar -> gamma* events per mass bin"
    )
    a = ap.parse_args(argv)
    if a.drell_yan:
        print(generate_drell_yan(a.facility, a.events, a.seed, a.out))
        return
    kind = "onia" if a.onia else "higgs" if a.higgs else "charm" if a.charm else a.heavy
    kind = "weak" if a.weak else kind
    print(generate(a.facility, a.events, a.seed, a.out, kind))


if __name__ == "__main__":
    main()
