"""The report manifest (``reports/reports.yaml``): load it and check it, naming each bad line."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from ..paths import project_root
from .inspection import declared_parameters

DEFAULT_KERNEL = "jpbudget"
MANIFEST = Path("reports") / "reports.yaml"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
RESERVED_NAMES = {"index", "figures", "failed", "reports"}
ENTRY_KEYS = {"name", "notebook", "parameters", "data", "description"}
TOP_KEYS = {"reports", "kernel"}


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


def load_manifest(path: Path | str | None = None, root: Path | str | None = None) -> Manifest:
    """Read and validate a manifest; raise :class:`ManifestError` naming each bad line.

    Notebook paths are relative to ``root`` (default: the project root). Checked: the YAML shape,
    known keys, report names (unique, file-name safe), that each notebook exists and declares
    every parameter given, and the ``data`` patterns.
    """
    import yaml

    root = Path(root).resolve() if root is not None else project_root()
    path = Path(path) if path is not None else root / MANIFEST
    try:
        shown: Path = path.resolve().relative_to(root)
    except ValueError:
        shown = path
    problems: list[str] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(f"{shown}:{line}: {message}" if line else f"{shown}: {message}")

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError([f"{shown}: cannot read the manifest ({exc.strerror})"]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ManifestError(
            [f"{shown}:{mark.line + 1 if mark else '?'}: not valid YAML: {exc}"]
        ) from exc

    def line_of(n: Any) -> int:
        return n.start_mark.line + 1

    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ManifestError([f"{shown}:1: expected a mapping with a 'reports' list"])
    top_nodes = {k.value: (k, v) for k, v in node.value}
    for key, (knode, _) in top_nodes.items():
        if key not in TOP_KEYS:
            problem(line_of(knode), f"unknown key {key!r} (expected {sorted(TOP_KEYS)})")
    kernel = data.get("kernel", DEFAULT_KERNEL)
    if not isinstance(kernel, str) or not kernel:
        problem(line_of(top_nodes["kernel"][0]), "'kernel' must be a kernel name")
        kernel = DEFAULT_KERNEL
    if "reports" not in top_nodes or not isinstance(top_nodes["reports"][1], yaml.SequenceNode):
        line = line_of(top_nodes["reports"][0]) if "reports" in top_nodes else 1
        problem(line, "expected 'reports:' followed by a list of reports")
        raise ManifestError(problems)

    reports: list[Report] = []
    seen: dict[str, int] = {}
    declared_cache: dict[Path, dict | None] = {}
    for entry_node, entry in zip(top_nodes["reports"][1].value, data["reports"], strict=True):
        line = line_of(entry_node)
        if not isinstance(entry, dict):
            problem(line, "each report must be a mapping with 'name', 'notebook', 'parameters'")
            continue
        keys = {k.value: (k, v) for k, v in entry_node.value}
        for key, (knode, _) in keys.items():
            if key not in ENTRY_KEYS:
                problem(line_of(knode), f"unknown key {key!r} (expected {sorted(ENTRY_KEYS)})")
        name = entry.get("name")
        label = f"report {name!r}" if isinstance(name, str) else "report"
        if not isinstance(name, str) or not NAME_RE.match(name) or name in RESERVED_NAMES:
            problem(
                line_of(keys["name"][0]) if "name" in keys else line,
                f"{label}: 'name' must be letters, digits, '.', '_' or '-' (not one of "
                f"{sorted(RESERVED_NAMES)})",
            )
            continue
        if name in seen:
            problem(
                line_of(keys["name"][0]),
                f"duplicate report name {name!r} (first defined at line {seen[name]})",
            )
            continue
        seen[name] = line_of(keys["name"][0])
        notebook = entry.get("notebook")
        nb_line = line_of(keys["notebook"][0]) if "notebook" in keys else line
        if not isinstance(notebook, str) or not notebook.endswith(".ipynb"):
            problem(nb_line, f"{label}: 'notebook' must be the path of an .ipynb file")
            continue
        nb_path = (root / notebook).resolve()
        if not nb_path.is_file():
            problem(nb_line, f"{label}: unknown notebook {notebook!r} (no file {nb_path})")
            continue
        params = entry.get("parameters") or {}
        if not isinstance(params, dict):
            problem(line_of(keys["parameters"][0]), f"{label}: 'parameters' must be a mapping")
            continue
        if nb_path not in declared_cache:
            try:
                declared_cache[nb_path] = declared_parameters(nb_path)
            except (OSError, ValueError) as exc:
                problem(nb_line, f"{label}: cannot read notebook {notebook!r}: {exc}")
                continue
        declared = declared_cache[nb_path]
        if params and declared is None:
            problem(
                line_of(keys["parameters"][0]),
                f"{label}: notebook {notebook!r} has no cell tagged 'parameters'",
            )
            continue
        param_nodes = keys["parameters"][1].value if params else []
        for knode, _ in param_nodes:
            if knode.value not in (declared or {}):
                problem(
                    line_of(knode),
                    f"{label}: parameter {knode.value!r} is not declared by {notebook} "
                    f"(declared: {', '.join(declared or {}) or 'none'})",
                )
        patterns = entry.get("data")
        if patterns is not None and (
            not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns)
        ):
            problem(line_of(keys["data"][0]), f"{label}: 'data' must be a list of glob patterns")
            continue
        reports.append(
            Report(
                name=name,
                notebook=nb_path,
                notebook_rel=notebook,
                parameters=dict(params),
                data=tuple(patterns) if patterns is not None else None,
                line=line,
                description=str(entry.get("description", "")),
            )
        )
    if problems:
        raise ManifestError(problems)
    return Manifest(path=path, root=root, kernel=kernel, reports=tuple(reports))
