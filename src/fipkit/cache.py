"""On-disk cache of expensive intermediate arrays, keyed on everything they depend on.

Location: ``$FIPKIT_CACHE`` or ``~/.cache/fipkit``. Entries are ``.npz`` files
named by a hash of their inputs (including the fipkit version), written atomically.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import numpy as np

from .curves import atomic_write, inputs_hash


def cache_dir() -> Path:
    return Path(os.environ.get("FIPKIT_CACHE", Path.home() / ".cache" / "fipkit"))


def enabled() -> bool:
    return os.environ.get("FIPKIT_NO_CACHE", "") in ("", "0")


def key(kind: str, inputs) -> Path:
    from . import __version__

    return cache_dir() / kind / f"{inputs_hash([__version__, inputs])}.npz"


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
        pass   # a read-only cache is not an error
