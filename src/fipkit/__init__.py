"""fipkit: feebly-interacting particles, from couplings to the parameter-space figures.

Implements the portal framework of Lanfranchi, Pospelov, Schuster,
"The Search for Feebly-Interacting Particles", Ann. Rev. Nucl. Part. Sci. 71 (2021),
arXiv:2011.02157.
"""

__version__ = "0.1.0"
