"""What makes a report stale: the hashes of its inputs, and the plan of what must run."""

from __future__ import annotations

import dataclasses
import fnmatch
import hashlib
import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from ..digest import file_sha256, files_sha256
from ..i18n import N_
from .dependencies import modules_of, notebook_code
from .layout import Layout, read_meta
from .manifest import Manifest, Report

FINGERPRINT_PARTS = ("notebook", "parameters", "library", "data", "lock", "page", "messages")
#: What writes a page from an executed notebook, relative to the package folder.
PAGE_FILES = (
    "reports/templates",
    "reports/static",
    "reports/export.py",
    "reports/fonts.py",
    "reports/tables.py",
    "reports/languages.py",
    "present",
    "notebook_text.py",
)
#: Why a report must run (catalog messages: the landing page says them in its language).
REASON_TEXT = {
    "notebook": N_("notebook changed"),
    "parameters": N_("parameters changed"),
    "library": N_("library changed"),
    "data": N_("data changed"),
    "lock": N_("lock changed"),
    "page": N_("page templates changed"),
    "messages": N_("translations changed"),
}


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def data_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (hidden files and ``__pycache__`` excluded), sorted."""
    if not folder.is_dir():
        return []
    return sorted(
        p
        for p in folder.rglob("*")
        if p.is_file()
        and not any(s.startswith(".") or s == "__pycache__" for s in p.relative_to(folder).parts)
    )


def library_dir() -> Path:
    """The sources of the ``jpbudget`` the kernels import (this package, not ``<root>/lib``)."""
    return Path(__file__).resolve().parents[1]


class Inputs:
    """The project-wide inputs of a run, each file hashed at most once."""

    def __init__(self, root: Path):
        self.root = root
        self.data_root = root / "data"
        self._data_files = data_files(self.data_root)
        self._hashes: dict[Path, str] = {}
        self.library_dir = library_dir()
        lock = root / "uv.lock"
        self.lock = file_sha256(lock) if lock.is_file() else "absent"
        self._data_cache: dict[tuple[str, ...] | None, str] = {}
        self._library_cache: dict[Path, str] = {}
        self._page: str | None = None
        self._messages: dict[str, str] = {}

    def _hash(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = file_sha256(path)
        return self._hashes[path]

    def _tree(self, base: Path, files: Iterable[Path]) -> str:
        return files_sha256(base, files, file_hash=self._hash)

    def data_matching(self, patterns: tuple[str, ...] | None) -> list[Path]:
        """The data files a report reads: all, or those its ``data`` patterns match."""
        if patterns is None:
            return list(self._data_files)
        return [
            p
            for p in self._data_files
            if any(
                fnmatch.fnmatchcase(p.relative_to(self.data_root).as_posix(), pat)
                for pat in patterns
            )
        ]

    def data(self, patterns: tuple[str, ...] | None) -> str:
        if patterns not in self._data_cache:
            self._data_cache[patterns] = self._tree(self.data_root, self.data_matching(patterns))
        return self._data_cache[patterns]

    def library(self, notebook: Path) -> str:
        """The hash of the library modules ``notebook`` imports (see :mod:`.dependencies`)."""
        if notebook not in self._library_cache:
            files = modules_of(notebook_code(notebook), self.library_dir)
            self._library_cache[notebook] = self._tree(self.library_dir, files)
        return self._library_cache[notebook]

    def page(self) -> str:
        """The hash of what writes a page from an executed notebook (:data:`PAGE_FILES`): the
        page templates and stylesheet, the page modules and the presentation package. The
        runner's other modules (its command line, progress, locking) do not make a report stale.
        """
        if self._page is None:
            files = []
            for name in PAGE_FILES:
                path = self.library_dir / name
                files += data_files(path) if path.is_dir() else [path] if path.is_file() else []
            self._page = self._tree(self.library_dir, files)
        return self._page

    def messages(self, lang: str) -> str:
        """The hash of ``lang``'s message catalog (``"none"`` for English: its words are the
        message ids, in the code the other parts hash)."""
        if lang == "en":
            return "none"
        if lang not in self._messages:
            from ..i18n import DOMAIN

            catalog = self.library_dir / "locale" / lang / "LC_MESSAGES" / f"{DOMAIN}.po"
            self._messages[lang] = self._hash(catalog)
        return self._messages[lang]

    def fingerprint(self, report: Report) -> dict[str, str]:
        return {
            "notebook": self._hash(report.notebook),
            "parameters": _sha(_canonical(report.parameters)),
            "library": self.library(report.notebook),
            "data": self.data(report.data),
            "lock": self.lock,
            "page": self.page(),
            "messages": self.messages(report.lang),
        }


@dataclasses.dataclass(frozen=True)
class Plan:
    """Whether a report must run, and why (``reasons`` empty: up to date)."""

    report: Report
    fingerprint: dict[str, str]
    reasons: tuple[str, ...]

    @property
    def needed(self) -> bool:
        return bool(self.reasons)

    def why(self) -> str:
        return ", ".join(self.reasons) if self.reasons else "up to date"


def _outputs_complete(layout: Layout, name: str, meta: dict) -> bool:
    if not layout.html(name).is_file():
        return False
    figures = layout.figures(name)
    return all((figures / f).is_file() for f in meta.get("figures", []))


def plan(
    manifest: Manifest,
    only: Iterable[str] | None = None,
    force: bool = False,
    out: Path | None = None,
    inputs: Inputs | None = None,
) -> list[Plan]:
    """What would run and why, for the selected reports, in manifest order."""
    layout = Layout(out if out is not None else manifest.root / "reports")
    inputs = inputs or Inputs(manifest.root)
    plans = []
    for report in manifest.select(only):
        current = inputs.fingerprint(report)
        meta = read_meta(layout.ipynb(report.name))
        if meta is None or not isinstance(meta.get("fingerprint"), dict):
            reasons = [N_("new")]
        else:
            stored = meta["fingerprint"]
            reasons = [REASON_TEXT[k] for k in FINGERPRINT_PARTS if stored.get(k) != current[k]]
            if not reasons and not _outputs_complete(layout, report.name, meta):
                reasons = [N_("outputs missing")]
        if force and not reasons:
            reasons = ["forced"]
        plans.append(Plan(report=report, fingerprint=current, reasons=tuple(reasons)))
    return plans
