"""Light dark matter that scatters on electrons downstream of a proton dump: the chained
meson -> gamma A' -> chi chi production and the chi-e cross section of
:mod:`fipkit.models.ldm`, the scaling of the signal with y, and the FLArE region against
the FPF report's (../shared/reference/fig1_ldm)."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.integrate import quad

from fipkit import constants as C
from fipkit.errors import FipkitInputError
from fipkit.experiments import get_experiment
from fipkit.models import get_model
from fipkit.models.meson_to_aprime import br_meson_to_aprime
from fipkit.production import MonteCarlo, fip_samples
from fipkit.reach import compute_reach
from fipkit.signals import electron_scattering
from refcurves import ref_path

SCALAR = get_model("ldm-scalar")


@pytest.mark.parametrize("dm", ["ldm-scalar", "ldm-pseudo-dirac"])
@pytest.mark.parametrize("m, e", [(0.003, 0.2), (0.03, 3.0), (0.2, 40.0)])
def test_electron_cross_section_against_quad(dm, m, e):
    """sigma(T1, T2) at y = 1 (eps^2 alpha_D = r^4) = quad of 8 pi alpha eps^2 alpha_D m_e E^2
    B(T) / (p^2 (M^2 + 2 m_e T)^2), B = 1 - beta^2 T/T_max (+ T^2/2E^2 for the fermion)."""
    model = get_model(dm)
    me, r = C.M_E, model.ratio
    M, p2 = r * m, e * e - m * m
    tmax = 2 * me * p2 / (me * me + m * m + 2 * me * e)

    def f(t):
        b = 1 - p2 / e**2 * t / tmax + (t * t / (2 * e * e) if dm != "ldm-scalar" else 0.0)
        return 8 * np.pi * C.ALPHA_EM * r**4 * me * e * e * b / (p2 * (M * M + 2 * me * t) ** 2)

    t1, t2 = 0.01, 1.0
    ref = quad(f, t1, min(t2, tmax), limit=200)[0] * C.GEV2_TO_CM2
    assert model.electron_cross_section(m, e, t1, t2) == pytest.approx(ref, rel=1e-5)


def test_heavy_mediator_limit_and_majorana():
    """For M^2 >> 2 m_e T the cross section is flat in T: sigma ~ 8 pi alpha r^4 m_e (T2 - T1)
    / M^4 at high energy (scalar, T << T_max). A Majorana chi has no vector current."""
    m, e = 0.5, 1000.0
    M = SCALAR.ratio * m
    s = SCALAR.electron_cross_section(m, e, 1e-3, 2e-3)
    flat = 8 * np.pi * C.ALPHA_EM * SCALAR.ratio**4 * C.M_E * 1e-3 / M**4 * C.GEV2_TO_CM2
    assert s == pytest.approx(flat, rel=0.01)
    with pytest.raises(FipkitInputError, match="scalar and the degenerate"):
        get_model("ldm-majorana").electron_cross_section(0.01, 1.0, 0.01, 1.0)


def test_chained_yield_is_meson_times_br():
    """chi per POT from pi0 -> gamma A' -> chi chi at y = 1: 2 chi per A', the A' yield
    N_pi0 x BR(pi0 -> gamma A'; eps^2 = r^4/alpha_D) (the A' are not steered away)."""
    from fipkit import spectra

    search = get_experiment("SBND-LDM")
    m = 0.01
    (s,) = [
        x for x in fip_samples(search, SCALAR, m, MonteCarlo(2, 200_000)) if "pi0" in x.mechanism
    ]
    n_pi0 = spectra.histogram("BNB8", "pi0")[0].sum()
    br = br_meson_to_aprime("pi0", 3 * m) * SCALAR.ratio**4 / SCALAR.alpha_d
    assert s.total == pytest.approx(2 * n_pi0 * br, rel=0.05)
    assert s.coupling_power == 1


def test_electron_brem_chain_is_the_aprime_yield_times_two():
    """chi per EOT from the thick-target A' bremsstrahlung of an electron dump (BDX) at
    y = 1: 2 chi per A', the A' yield per electron at eps = 1 (fipkit.production.
    electron_brem) times eps^2(y = 1) = r^4/alpha_D; coupling power 1 in y."""
    from fipkit.production.electron_brem import thick_target_yield

    search = get_experiment("BDX")
    m = 0.01
    (s,) = fip_samples(search, SCALAR, m, MonteCarlo(3, 100_000))
    a = thick_target_yield(11.0, "Al", 3 * m, n=400_000, seed=5)
    assert s.total == pytest.approx(2 * a * SCALAR.ratio**4 / SCALAR.alpha_d, rel=0.03)
    assert s.coupling_power == 1 and len(s.p) == 200_000


def test_bdx_y_limit_scales_as_sqrt_alpha_d():
    """Electron-dump scattering: production ∝ eps^2, scattering ∝ eps^2 alpha_D, so at
    fixed m_A'/m_chi N ∝ y^2 / alpha_D and the y limit grows as sqrt(alpha_D); for a
    heavy mediator (M^2 >> 2 m_e T) and light chi it falls as M^-3 ... M^-4 in mass (the
    bremsstrahlung ∝ M^-2, the scattering ∝ M^-4: y ∝ M^3; the beam energy steepens it)."""
    ms, y = np.array([0.02, 0.06]), np.logspace(-16, -6, 201)
    lows = []
    for a in (0.1, 0.4):
        model = get_model("ldm-scalar").with_parameters(alpha_d=a)
        lows.append(compute_reach(model, get_experiment("BDX"), ms, y).lower_edge()[1])
    np.testing.assert_allclose(lows[1] / lows[0], 2.0, rtol=0.03)
    slope = np.log(lows[0][1] / lows[0][0]) / np.log(3.0)
    assert 3.0 < slope < 4.0, slope


def test_microboone_is_sbnd_further_away():
    """The same Booster beam and cuts: MicroBooNE (470 m, 61 m^3 of argon, 1e21 POT) sees
    fewer chi-e recoils per POT than SBND (110 m, 80 m^3): (470/110)^2 x 80/61 = 24 for a
    point source; measured 24-32x (the chi spread over angles wider than SBND's)."""
    ms, y = np.array([0.005, 0.02]), np.array([1e-12])
    per_pot = []
    for name in ("SBND-LDM", "MicroBooNE-LDM"):
        search = get_experiment(name)
        n = electron_scattering.signal_events(SCALAR, search, ms, y)[:, 0]
        per_pot.append(n / search.exposure["n_beam"])
    ratio = per_pot[0] / per_pot[1]
    assert np.all((ratio > 20) & (ratio < 40)), ratio


def test_signal_scales_as_y_squared():
    """Production ∝ y and scattering ∝ y: N ∝ y^2 while the detector is thin."""
    search = get_experiment("FLArE-LDM")
    n = electron_scattering.signal_events(SCALAR, search, [0.01], np.array([1e-14, 2e-14]))[0]
    assert n[1] / n[0] == pytest.approx(4.0, rel=1e-6)


@pytest.mark.reference
@pytest.mark.slow
def test_flare_against_fpf_report():
    """FLArE (FPF report, arXiv:2203.05090 Fig. 5.2 via ESPP 2026) between 5 and 100 MeV:
    fipkit is stronger at low mass, by 0.6 dex at 1 MeV falling to 0 at 0.1 GeV. The
    reference subtracts the neutrino-electron background (hundreds of events); fipkit
    assumes none (y ∝ sqrt(N_up): a factor ~15 in N_up is 0.6 dex). Asserted: the sign
    and size of that offset, and the issue's 0.2 dex at 60-100 MeV (measured 0.03 and 0.16)."""
    d = np.loadtxt(
        ref_path("fig1_ldm/ESPP-QEDM__Sensitivities_BC2_FLARE.csv"), delimiter=",", skiprows=1
    )
    ms = np.array([0.002, 0.005, 0.01, 0.02, 0.06, 0.1])
    c = compute_reach(SCALAR, get_experiment("FLArE-LDM"), ms, np.logspace(-16, -6, 61))
    m, lo = c.lower_edge()
    ref = 10 ** np.interp(np.log10(m), np.log10(d[:, 0]), np.log10(d[:, 1]))
    dev = np.log10(lo / ref)
    assert np.all(dev[m < 0.03] < -0.2) and np.all(dev[m < 0.03] > -0.8)
    assert np.all(np.abs(dev[m >= 0.06]) < 0.2)
