"""Content checksums of files: the one way ``jpbudget`` hashes a file or a set of files.

Words: a *checksum* (or digest) is a SHA-256 of content. Nothing here looks at timestamps.

:func:`files_sha256` is the checksum of a set of files under a root folder: for each file in
sorted order of its path relative to the root (POSIX form), that path, a NUL byte, the file's own
SHA-256 (hex) and a newline are hashed. Renaming, adding, removing or changing any file changes
it; the order files are given in does not. Callers that hash the same file several times may
pass their own (caching) ``file_hash``.

>>> import pathlib, tempfile
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "a.csv").write_bytes(b"x\\n")
>>> file_sha256(root / "a.csv")[:12]
'73cb3858a687'
>>> files_sha256(root, [root / "a.csv"]) == files_sha256(root, ["a.csv"])
True
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from pathlib import Path

__all__ = ["file_sha256", "files_sha256"]

_BLOCK = 1 << 20


def file_sha256(path: str | Path) -> str:
    """SHA-256 (hex) of one file's bytes, read in blocks. ``OSError`` if it cannot be read."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        for block in iter(lambda: handle.read(_BLOCK), b""):
            digest.update(block)
    return digest.hexdigest()


def files_sha256(
    root: str | Path,
    files: Iterable[str | Path],
    *,
    file_hash: Callable[[Path], str] = file_sha256,
) -> str:
    """SHA-256 (hex) of a set of files under ``root`` (paths absolute or relative to ``root``)."""
    base = Path(root)
    chosen = sorted({(base / f).relative_to(base).as_posix() for f in files})
    digest = hashlib.sha256()
    for relative in chosen:
        digest.update(relative.encode("utf-8") + b"\0")
        digest.update(file_hash(base / relative).encode("ascii") + b"\n")
    return digest.hexdigest()
