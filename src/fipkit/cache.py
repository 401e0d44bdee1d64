"""On-disk cache of expensive intermediate arrays, keyed on everything they depend on.

Location: ``$FIPKIT_CACHE`` (an empty value means the default) or ``~/.cache/fipkit``;
``FIPKIT_NO_CACHE=1`` turns it off. An entry is a ``.fipkit`` file: the arrays as an
uncompressed ``.npz`` (fast to read) followed by a BLAKE2b checksum of them. It is
named by a hash of its inputs (including the fipkit version and a fingerprint of the
code and tables that samples depend on) and written atomically. An entry that does
not verify (cut short, flipped bytes, not an entry at all) is treated as a miss: one
warning, the value is recomputed and the entry replaced. Nothing is written outside
the cache directory.
"""

from __future__ import annotations

import hashlib
import io
import os
import sys
from functools import cache
from pathlib import Path

import numpy as np

from .curves import atomic_write, inputs_hash

SUFFIX = ".fipkit"
_MAGIC = b"FIPKIT-BLAKE2B:"
_DIGEST = 32
_warned: set[str] = set()


def cache_dir() -> Path:
    """The cache directory (absolute)."""
    root = os.environ.get("FIPKIT_CACHE") or str(Path.home() / ".cache" / "fipkit")
    return Path(root).expanduser().resolve()


def enabled() -> bool:
    return os.environ.get("FIPKIT_NO_CACHE", "") in ("", "0")


@cache
def code_fingerprint() -> str:
    """Hash of the code and tables that cached samples depend on (models' production
    channels, production, signals, engine, spectra, geometry), so an edited formula
    never reuses stale samples."""
    root = Path(__file__).parent
    files = sorted(
        [
            *root.glob("models/*.py"),
            *root.glob("production/*.py"),
            *root.glob("signals/*.py"),
            *root.glob("spectra/*.py"),
            root / "experiments" / "geometry.py",
            root / "engine.py",
            root / "sample.py",
            root / "kinematics.py",
            *root.glob("spectra/data/*.json"),
        ]
    )
    h = hashlib.sha256()
    for f in files:
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def key(kind: str, inputs) -> Path:
    """The entry for ``inputs`` of the ``kind`` of data (a sub-directory name)."""
    from . import __version__

    if not kind or "/" in kind or "\\" in kind or kind.startswith("."):
        raise ValueError(f"bad cache kind {kind!r}")
    name = inputs_hash([__version__, code_fingerprint(), inputs])
    return cache_dir() / kind / f"{name}{SUFFIX}"


def _digest(payload: bytes) -> bytes:
    return hashlib.blake2b(payload, digest_size=_DIGEST).digest()


def _warn_once(path: Path, why: str) -> None:
    if str(path) not in _warned:
        _warned.add(str(path))
        print(
            f"fipkit: warning: damaged cache entry {path.name} ({why}): recomputed", file=sys.stderr
        )


def load(path: Path) -> dict | None:
    """The arrays of an entry, or None (missing, disabled, or damaged: then warned)."""
    if not enabled():
        return None
    try:
        blob = path.read_bytes()
    except OSError:
        return None
    tail = len(_MAGIC) + _DIGEST
    payload, magic, digest = blob[:-tail], blob[-tail:-_DIGEST], blob[-_DIGEST:]
    if len(blob) < tail or magic != _MAGIC or _digest(payload) != digest:
        _warn_once(path, "checksum does not match")
        return None
    try:
        with np.load(io.BytesIO(payload), allow_pickle=False) as f:
            return {k: f[k] for k in f.files}
    except (OSError, ValueError, EOFError) as exc:
        _warn_once(path, type(exc).__name__)
        return None


def save(path: Path, **arrays) -> None:
    """Write an entry atomically (a read-only cache is not an error)."""
    if not enabled():
        return
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    payload = buf.getvalue()
    try:
        atomic_write(path, payload + _MAGIC + _digest(payload))
    except OSError:
        pass


def entries() -> list[Path]:
    """Every file fipkit keeps in the cache (entries and the PDG memo)."""
    root = cache_dir()
    if not root.is_dir():
        return []
    own = [p for p in root.glob(f"*/*{SUFFIX}")]
    own += [p for p in root.glob("pdg/particle-*.json")]
    own += [p for p in root.glob("*/.*.tmp")]
    return sorted(own)


def info() -> dict:
    """Directory, number of entries and their size in bytes, by kind."""
    kinds: dict[str, list[int]] = {}
    for p in entries():
        n = kinds.setdefault(p.parent.name, [0, 0])
        n[0] += 1
        n[1] += p.stat().st_size
    return {"directory": str(cache_dir()), "enabled": enabled(), "kinds": kinds}


def clear() -> int:
    """Delete fipkit's files in the cache (nothing else); returns how many."""
    n = 0
    for p in entries():
        try:
            p.unlink()
            n += 1
        except OSError:
            pass
    return n
