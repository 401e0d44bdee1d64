"""Fig. 6 (HNL) as data, and its BBN and seesaw bounds.

Independent references: the review's caption of Fig. 6 (arXiv:2011.02157: panels
|U_e|^2 and |U_tau|^2; limits PS191, CHARM, PIENU, Belle, DELPHI, ATLAS, CMS;
projections NA62-dump, DarkQuest (tau only), Belle II, FASER, FASER2, SHiP, DUNE ND,
CODEX-b, MATHUSLA200; BBN and seesaw "only indicative"); tau_N < 0.02 s for HNLs
above the pion threshold (Boyarsky, Ovchynnikov, Ruchayskiy, Syvolap
arXiv:2008.00749, abstract); the seesaw line U2 = m_nu / m_N with m_nu = 0.05 eV.
"""

import numpy as np
import pytest

from fipkit import constants as C
from fipkit.cosmo import get_bound, hnl_bounds
from fipkit.experiments import get_experiment
from fipkit.figures import get_spec
from fipkit.models import get_model


def test_panels_and_their_curves():
    spec = get_spec("fig6")
    panels = (spec, *spec.panels)
    assert [p.model for p in panels] == ["hnl-e", "hnl-tau", "hnl-mu"]
    caption = {"CHARM", "NA62-dump", "FASER", "FASER2", "SHiP", "DUNE-ND", "CODEX-b"}
    caption |= {"MATHUSLA200"}
    for p in panels:
        assert caption <= set(p.searches), p.model
        assert p.bounds == ("BBN-HNL", "seesaw")
        model = get_model(p.model)
        for name in p.searches:  # every search computes this flavour
            get_experiment(name, model)
    assert "PIENU" in spec.searches and "DarkQuest-PhaseII" in spec.panels[0].searches
    # the caption's limits computed for U_e: PS191, T2K (beam-line kaons), ATLAS (W)
    assert {"PS191-e", "T2K-ND280-e", "ATLAS-DV-e", "DELPHI"} <= set(spec.searches)


def test_bbn_lifetime_above_the_pion_threshold():
    """fipkit's own n/p estimate with the HNL's pions gives ~0.02 s (2008.00749)."""
    m = np.array([0.3, 0.5, 1.0])
    tau = hnl_bounds.tau_max(get_model("hnl-e"), m)
    assert np.all((tau > 0.01) & (tau < 0.05)), tau
    assert hnl_bounds.tau_max(get_model("hnl-e"), np.array([0.1]))[0] == 0.1


def test_bbn_and_seesaw_curves():
    model = get_model("hnl-mu")
    m = np.logspace(-1, 0.5, 8)
    bbn = get_bound("BBN-HNL")(model, m)
    # excluded below the mixing at which N lives tau_max: U2 = c tau(U2=1) / (c tau_max)
    expect = model.ctau(m, 1.0) / (C.C_LIGHT * hnl_bounds.tau_max(model, m))
    np.testing.assert_allclose(bbn.high, expect, rtol=1e-12)
    assert np.all(np.diff(np.log(bbn.high)) < 0)  # falls steeply with mass
    seesaw = get_bound("seesaw")(model, m)
    np.testing.assert_allclose(seesaw.high * m, 5.0e-11, rtol=1e-12)
    assert seesaw.kind == bbn.kind == "bound"


@pytest.mark.parametrize("flavour", ["e", "mu", "tau"])
def test_dirac_bbn_bound_doubles(flavour):
    """A Dirac N lives twice as long: the BBN edge moves up by 2 exactly."""
    m = np.array([0.2, 1.0])
    maj = get_bound("BBN-HNL")(get_model(f"hnl-{flavour}"), m).high
    dirac = get_bound("BBN-HNL")(get_model(f"hnl-{flavour}", dirac=True), m).high
    np.testing.assert_allclose(dirac / maj, 2.0, rtol=0.02)
