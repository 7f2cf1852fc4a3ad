"""Where a report's outputs go, how they are read back and written (atomically)."""

from __future__ import annotations

import contextlib
import dataclasses
import json
import os
import tempfile
from pathlib import Path

from ..provenance import METADATA_KEY


@dataclasses.dataclass
class Layout:
    """Where a report's outputs go."""

    out: Path

    def ipynb(self, name: str) -> Path:
        return self.out / f"{name}.ipynb"

    def html(self, name: str) -> Path:
        return self.out / f"{name}.html"

    def figures(self, name: str) -> Path:
        return self.out / "figures" / name

    def failed(self, name: str) -> Path:
        return self.out / "failed" / f"{name}.ipynb"

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def read_meta(path: Path) -> dict | None:
    """Our metadata block of an executed notebook, or None if unreadable/absent."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = nb.get("metadata", {}).get(METADATA_KEY)
    return meta if isinstance(meta, dict) else None


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
