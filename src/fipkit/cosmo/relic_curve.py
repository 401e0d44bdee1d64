"""The thermal relic target of light dark matter as a Curve of kind "target" (a line:
low = high = the y with Omega h^2 = 0.120), for the ``ldm-*`` models on their own
parameters (alpha_D, m_A'/m_chi, splitting); computed by :func:`fipkit.cosmo.relic.relic_target`."""

from __future__ import annotations

import numpy as np

from ..curves import Curve, inputs_hash
from .relic import MASS_RANGE, relic_target

METHOD = (
    "Boltzmann freeze-out (fipkit.cosmo.relic): Gondolo-Gelmini thermal average of the "
    "s-channel A' annihilation to leptons and hadrons (R ratio), co-annihilation for the "
    "pseudo-Dirac pair, Omega h^2 = 0.120"
)
REFERENCES = (
    "P. Gondolo, G. Gelmini, Nucl. Phys. B360 (1991) 145",
    "K. Griest, D. Seckel, Phys. Rev. D43 (1991) 3191",
    "Planck 2018, arXiv:1807.06209",
    "A. Berlin et al., arXiv:1807.01730",
)


N_DENSE = 161


def relic_target_curve(model, masses) -> Curve:
    """The relic target of ``model`` (an ``ldm-*`` model) from the lightest to the heaviest
    of ``masses`` = m_chi (GeV), on ``N_DENSE`` log-spaced masses (the hadronic resonances
    of the annihilation are narrow)."""
    m = np.asarray(masses, float)
    m = m[(m >= MASS_RANGE[0]) & (m <= MASS_RANGE[1])]
    if len(m) > 1:
        m = np.geomspace(m.min(), m.max(), N_DENSE)
    y = relic_target(
        m, dm=model.dm, alpha_d=model.alpha_d, ratio=model.ratio, splitting=model.dm_splitting
    )
    return Curve(
        m,
        y,
        y,
        model=model.name,
        experiment="relic-target",
        kind="target",
        quantity=model.coupling_name,
        quantity_label=model.coupling_label,
        method=METHOD,
        references=list(REFERENCES),
        label=f"thermal relic ({model.dm})",
        inputs_hash=inputs_hash(["relic-target", model.spec(), list(map(float, m))]),
    )
