"""On-disk cache of expensive intermediate arrays, keyed on everything they depend on.

Location: ``$FIPKIT_CACHE`` or ``~/.cache/fipkit``. Entries are ``.npz`` files
named by a hash of their inputs (including the fipkit version and a fingerprint of
the production, signal and spectra code and the spectra tables), written atomically.
"""

from __future__ import annotations

import hashlib
import io
import os
from functools import cache
from pathlib import Path

import numpy as np

from .curves import atomic_write, inputs_hash


def cache_dir() -> Path:
    return Path(os.environ.get("FIPKIT_CACHE", Path.home() / ".cache" / "fipkit"))


def enabled() -> bool:
    return os.environ.get("FIPKIT_NO_CACHE", "") in ("", "0")


@cache
def code_fingerprint() -> str:
    """Hash of the code and tables that cached samples depend on (production,
    geometry, spectra), so an edited formula never reuses stale samples."""
    root = Path(__file__).parent
    files = sorted(
        [
            *root.glob("production/*.py"),
            *root.glob("signals/*.py"),
            *root.glob("spectra/*.py"),
            root / "experiments" / "geometry.py",
            root / "reach.py",
            *root.glob("spectra/data/*.json"),
        ]
    )
    h = hashlib.sha256()
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def key(kind: str, inputs) -> Path:
    from . import __version__

    return cache_dir() / kind / f"{inputs_hash([__version__, code_fingerprint(), inputs])}.npz"


def load(path: Path) -> dict | None:
    if not enabled() or not path.exists():
        return None
    try:
        with np.load(path) as f:
            return {k: f[k] for k in f.files}
    except (OSError, ValueError):
        return None


def save(path: Path, **arrays) -> None:
    if not enabled():
        return
    buf = io.BytesIO()
    np.savez_compressed(buf, **arrays)
    try:
        atomic_write(path, buf.getvalue())
    except OSError:
        pass  # a read-only cache is not an error
