"""The report manifest (``reports/reports.yaml``): load it and check it, naming each bad line.

The shape is a JSON Schema (:data:`SCHEMA`, checked by jsonschema); what a schema cannot say is
checked after it: unique names, notebooks inside the project that exist and declare every
parameter given, and ``data`` patterns that match a file. Every problem is reported at once, as
``reports/reports.yaml:LINE: report 'NAME': what is wrong``, before anything runs (also for
``--dry-run`` and ``--list``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from ..paths import project_root
from .execute import DEFAULT_KERNEL
from .inspection import NotebookInspectionError, declared_parameters
from .manifest_schema import SCHEMA, schema_problems
from .manifest_yaml import ManifestYamlError, NodeIndex, parse, report_label

__all__ = ["MANIFEST", "Manifest", "ManifestError", "Report", "load_manifest"]

MANIFEST = Path("reports") / "reports.yaml"


class ManifestError(ValueError):
    """The manifest is invalid; ``problems`` holds one ``"file:line: message"`` per problem."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("invalid report manifest:\n  " + "\n  ".join(self.problems))


@dataclasses.dataclass(frozen=True)
class Report:
    """One manifest entry."""

    name: str
    notebook: Path  # absolute
    notebook_rel: str  # as written in the manifest (relative to the project root)
    parameters: dict
    data: tuple[str, ...] | None  # glob patterns under data/; None: every data file
    line: int
    description: str = ""
    group: str | None = None


@dataclasses.dataclass(frozen=True)
class Manifest:
    path: Path
    root: Path
    kernel: str
    reports: tuple[Report, ...]

    def select(self, only: Iterable[str] | None) -> list[Report]:
        """The reports named in ``only`` (all when empty); unknown names raise ManifestError."""
        wanted = list(only or [])
        if not wanted:
            return list(self.reports)
        known = {r.name: r for r in self.reports}
        unknown = [n for n in wanted if n not in known]
        if unknown:
            raise ManifestError(
                [
                    f"{self.path}: --only {n!r}: no such report (known: {', '.join(known)})"
                    for n in unknown
                ]
            )
        return [r for r in self.reports if r.name in set(wanted)]


class _Problems:
    def __init__(self, shown: Path):
        self.shown = shown
        self.items: list[str] = []

    def add(self, line: int | None, message: str) -> None:
        self.items.append(f"{self.shown}:{line}: {message}" if line else f"{self.shown}: {message}")


def load_manifest(path: Path | str | None = None, root: Path | str | None = None) -> Manifest:
    """Read and validate a manifest; raise :class:`ManifestError` naming each bad line.

    Notebook paths and ``data`` patterns are relative to ``root`` (default: the project root)
    and its ``data/`` folder; neither may point outside them.
    """
    root = Path(root).resolve() if root is not None else project_root()
    path = Path(path) if path is not None else root / MANIFEST
    try:
        shown: Path = path.resolve().relative_to(root)
    except ValueError:
        shown = path
    problems = _Problems(shown)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ManifestError([f"{shown}: cannot read the manifest ({exc.strerror})"]) from exc
    try:
        data, index = parse(raw)
    except ManifestYamlError as exc:
        for line, message in exc.problems:
            problems.add(line, message)
        raise ManifestError(problems.items) from exc
    for line, message in schema_problems(data, index):
        problems.add(line, message)
    if problems.items or not isinstance(data, dict):
        raise ManifestError(problems.items or [f"{shown}:1: {SCHEMA['description']}"])
    reports = _entries(data["reports"], index, root, problems)
    if problems.items:
        raise ManifestError(problems.items)
    return Manifest(
        path=path, root=root, kernel=data.get("kernel", DEFAULT_KERNEL), reports=tuple(reports)
    )


def _entries(entries: list[dict], index: NodeIndex, root: Path, problems: _Problems) -> list:
    reports: list[Report] = []
    seen: dict[str, int] = {}
    declared_cache: dict[Path, dict | None] = {}
    data_root = root / "data"
    data_names = [p.relative_to(data_root).as_posix() for p in _files(data_root)]
    for i, entry in enumerate(entries):
        name = entry["name"]
        label = report_label(name)
        where = ("reports", i)
        name_line = index.line(*where, "name")
        if name in seen:
            problems.add(
                name_line, f"duplicate report name {name!r} (first defined at line {seen[name]})"
            )
            continue
        seen[name] = name_line
        nb_line = index.line(*where, "notebook")
        nb_path, message = _notebook_path(entry["notebook"], root)
        if message:
            problems.add(nb_line, f"{label}: {message}")
            continue
        params = entry.get("parameters") or {}
        if nb_path not in declared_cache:
            try:
                declared_cache[nb_path] = declared_parameters(nb_path)
            except NotebookInspectionError as exc:
                problems.add(nb_line, f"{label}: {exc}")
                continue
        declared = declared_cache[nb_path]
        if params and declared is None:
            problems.add(
                index.line(*where, "parameters"),
                f"{label}: notebook {entry['notebook']!r} has no cell tagged 'parameters'",
            )
            continue
        for key in params:
            if key not in (declared or {}):
                problems.add(
                    index.line(*where, "parameters", key, key_line=True),
                    f"{label}: parameter {key!r} is not declared by {entry['notebook']} "
                    f"(declared: {', '.join(declared or {}) or 'none'})",
                )
        patterns = entry.get("data")
        for j, pattern in enumerate(patterns or []):
            bad = _pattern_problem(pattern, data_names)
            if bad:
                problems.add(index.line(*where, "data", j), f"{label}: data {pattern!r} {bad}")
        reports.append(
            Report(
                name=name,
                notebook=nb_path,
                notebook_rel=entry["notebook"],
                parameters=dict(params),
                data=tuple(patterns) if patterns is not None else None,
                line=index.line(*where),
                description=entry.get("description", ""),
                group=entry.get("group"),
            )
        )
    return reports


def _notebook_path(notebook: str, root: Path) -> tuple[Path, str | None]:
    """The notebook's absolute path, or a message saying why it cannot be used."""
    if PurePosixPath(notebook).is_absolute() or Path(notebook).is_absolute():
        return root, f"notebook {notebook!r} must be a path relative to the project folder"
    nb_path = (root / notebook).resolve()
    try:
        nb_path.relative_to(root)
    except ValueError:
        return root, f"notebook {notebook!r} is outside the project folder {root}"
    if not nb_path.is_file():
        return root, f"unknown notebook {notebook!r} (no file {nb_path})"
    return nb_path, None


def _files(folder: Path) -> list[Path]:
    from .fingerprint import data_files

    return data_files(folder)


def _pattern_problem(pattern: str, data_names: list[str]) -> str | None:
    import fnmatch

    parts = PurePosixPath(pattern).parts
    if PurePosixPath(pattern).is_absolute() or ".." in parts:
        return "must be a pattern inside data/ (no absolute path, no '..')"
    if not any(fnmatch.fnmatchcase(name, pattern) for name in data_names):
        return "matches no file under data/ (a report would never notice its data change)"
    return None
