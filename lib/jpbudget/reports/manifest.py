"""The report manifest (``reports/reports.yaml``): load it and check it, naming each bad line.

The shape is a JSON Schema (:data:`SCHEMA`, checked by jsonschema); what a schema cannot say is
checked after it: unique names, notebooks inside the project that exist and declare every
parameter given, and ``data`` patterns that match a file.

Languages: ``languages: [en, ja]`` (top level, or per entry to override it; default ``[en]``)
builds every entry also in Japanese, as the report ``NAME.ja`` (:func:`variant_name`): files
``NAME.ja.html``, ``NAME.ja.ipynb``, ``figures/NAME.ja/`` next to the English ones, the notebook
run with the papermill parameter ``lang = "ja"``. The runner sets ``lang``; an entry may not.
An entry built in Japanese that has a ``description`` needs its ``description_ja``. Every problem is reported at once, as
``reports/reports.yaml:LINE: report 'NAME': what is wrong``, before anything runs (also for
``--dry-run`` and ``--list``).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath

from ..i18n import LANGUAGES
from ..paths import project_root
from .execute import DEFAULT_KERNEL
from .inspection import NotebookInspectionError, declared_parameters
from .manifest_schema import SCHEMA, schema_problems
from .manifest_yaml import ManifestYamlError, NodeIndex, parse, report_label

__all__ = [
    "MANIFEST",
    "Manifest",
    "ManifestError",
    "Report",
    "load_manifest",
    "variant_name",
]

MANIFEST = Path("reports") / "reports.yaml"
#: The languages every entry is built in when the manifest names none.
DEFAULT_LANGUAGES = ("en",)


def variant_name(base: str, lang: str) -> str:
    """The report name (and file stem) of entry ``base`` in ``lang``: English keeps the name.

    >>> variant_name("budget-growth", "en"), variant_name("budget-growth", "ja")
    ('budget-growth', 'budget-growth.ja')
    """
    return base if lang == "en" else f"{base}.{lang}"


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
    lang: str = "en"
    base: str = ""  # the entry's name (the English report's); "" means ``name``
    languages: tuple[str, ...] = DEFAULT_LANGUAGES  # every language the entry is built in
    description_ja: str = ""

    @property
    def entry(self) -> str:
        """The manifest entry's name, the same for every language of it."""
        return self.base or self.name

    def counterparts(self) -> dict[str, str]:
        """``{lang: report name}`` of every language this entry is built in (itself included)."""
        return {lang: variant_name(self.entry, lang) for lang in self.languages}

    def described(self, lang: str) -> str:
        """The manifest's description of this entry in ``lang`` ("" for a main report)."""
        return self.description_ja if lang == "ja" else self.description


@dataclasses.dataclass(frozen=True)
class Manifest:
    path: Path
    root: Path
    kernel: str
    reports: tuple[Report, ...]
    languages: tuple[str, ...] = DEFAULT_LANGUAGES

    def select(self, only: Iterable[str] | None) -> list[Report]:
        """The reports named in ``only`` (all when empty); unknown names raise ManifestError.

        An entry's name selects all its languages (``budget-growth``: also ``budget-growth.ja``);
        ``budget-growth.ja`` selects the Japanese report alone.
        """
        wanted = list(only or [])
        if not wanted:
            return list(self.reports)
        known = {r.name for r in self.reports} | {r.entry for r in self.reports}
        unknown = [n for n in wanted if n not in known]
        if unknown:
            names = ", ".join(r.name for r in self.reports)
            raise ManifestError(
                [f"{self.path}: --only {n!r}: no such report (known: {names})" for n in unknown]
            )
        chosen = set(wanted)
        return [r for r in self.reports if r.name in chosen or r.entry in chosen]

    def languages_built(self) -> list[str]:
        """The languages at least one report is built in, in :data:`i18n.LANGUAGES` order."""
        found = {r.lang for r in self.reports}
        return [lang for lang in LANGUAGES if lang in found]


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
    languages = tuple(data.get("languages", DEFAULT_LANGUAGES))
    reports = _entries(data["reports"], index, root, problems, languages)
    if problems.items:
        raise ManifestError(problems.items)
    return Manifest(
        path=path,
        root=root,
        kernel=data.get("kernel", DEFAULT_KERNEL),
        reports=tuple(reports),
        languages=languages,
    )


def _entries(
    entries: list[dict],
    index: NodeIndex,
    root: Path,
    problems: _Problems,
    languages: tuple[str, ...],
) -> list[Report]:
    """Every report: each entry in its languages, English first, then the variants in order."""
    checker = _EntryChecker(index, root, problems)
    checked = [checker.check(i, entry, languages) for i, entry in enumerate(entries)]
    english = [r for r in checked if r is not None]
    others = [lang for lang in LANGUAGES if lang != "en"]
    by_lang = [_variant(r, lang) for lang in others for r in english if lang in r.languages]
    return english + by_lang


def _variant(report: Report, lang: str) -> Report:
    """The entry ``report`` in ``lang``: its own name, the papermill parameter ``lang``."""
    return dataclasses.replace(
        report,
        name=variant_name(report.name, lang),
        base=report.name,
        lang=lang,
        parameters={**report.parameters, "lang": lang},
    )


class _EntryChecker:
    """The checks of manifest entries that need the project (after the schema)."""

    def __init__(self, index: NodeIndex, root: Path, problems: _Problems):
        self.index, self.root, self.problems = index, root, problems
        self.seen: dict[str, int] = {}
        self.declared: dict[Path, dict | None] = {}
        data_root = root / "data"
        self.data_names = [p.relative_to(data_root).as_posix() for p in _files(data_root)]

    def check(self, i: int, entry: dict, languages: tuple[str, ...]) -> Report | None:
        name, where = entry["name"], ("reports", i)
        label = report_label(name)
        name_line = self.index.line(*where, "name")
        if name in self.seen:
            self.problems.add(
                name_line,
                f"duplicate report name {name!r} (first defined at line {self.seen[name]})",
            )
            return None
        self.seen[name] = name_line
        nb_line = self.index.line(*where, "notebook")
        nb_path, message = _notebook_path(entry["notebook"], self.root)
        if message:
            self.problems.add(nb_line, f"{label}: {message}")
            return None
        if nb_path not in self.declared:
            try:
                self.declared[nb_path] = declared_parameters(nb_path)
            except NotebookInspectionError as exc:
                self.problems.add(nb_line, f"{label}: {exc}")
                return None
        params = entry.get("parameters") or {}
        self._parameters(where, label, entry["notebook"], params, self.declared[nb_path])
        langs = tuple(entry.get("languages", languages))
        self._languages(where, label, entry, langs, self.declared[nb_path])
        patterns = entry.get("data")
        for j, pattern in enumerate(patterns or []):
            bad = _pattern_problem(pattern, self.data_names)
            if bad:
                line = self.index.line(*where, "data", j)
                self.problems.add(line, f"{label}: data {pattern!r} {bad}")
        return Report(
            name=name,
            notebook=nb_path,
            notebook_rel=entry["notebook"],
            parameters=dict(params),
            data=tuple(patterns) if patterns is not None else None,
            line=self.index.line(*where),
            description=entry.get("description", ""),
            group=entry.get("group"),
            languages=langs,
            description_ja=entry.get("description_ja", ""),
        )

    def _languages(
        self, where: tuple, label: str, entry: dict, langs: tuple, declared: dict | None
    ) -> None:
        """A Japanese build needs a ``lang`` parameter and a Japanese description."""
        if "lang" in (entry.get("parameters") or {}):
            self.problems.add(
                self.index.line(*where, "parameters", "lang", key_line=True),
                f"{label}: parameter 'lang' is set by the runner for each of the report's "
                f"'languages' ({', '.join(langs)}); list the languages instead",
            )
        if langs == ("en",):
            return
        if declared is not None and "lang" not in declared:
            self.problems.add(
                self.index.line(*where, "notebook"),
                f"{label}: notebook {entry['notebook']!r} declares no 'lang' parameter, so it "
                f"cannot be built in {', '.join(lang for lang in langs if lang != 'en')}",
            )
        if "ja" in langs and entry.get("description") and not entry.get("description_ja"):
            self.problems.add(
                self.index.line(*where, "description", key_line=True),
                f"{label}: 'description_ja' is missing: a report built in Japanese describes "
                "its variant in Japanese too",
            )

    def _parameters(
        self, where: tuple, label: str, notebook: str, params: dict, declared: dict | None
    ) -> None:
        if params and declared is None:
            self.problems.add(
                self.index.line(*where, "parameters"),
                f"{label}: notebook {notebook!r} has no cell tagged 'parameters'",
            )
            return
        for key, value in params.items():
            if not _finite(value):
                self.problems.add(
                    self.index.line(*where, "parameters", key),
                    f"{label}: parameter {key!r}: {value!r} holds a number that is not finite "
                    "(.nan, .inf); give a finite number or text",
                )
            if key not in (declared or {}):
                self.problems.add(
                    self.index.line(*where, "parameters", key, key_line=True),
                    f"{label}: parameter {key!r} is not declared by {notebook} "
                    f"(declared: {', '.join(declared or {}) or 'none'})",
                )


def _finite(value: object) -> bool:
    """False when ``value`` is or holds a NaN or an infinity (YAML ``.nan``, ``.inf``)."""
    if isinstance(value, float):
        return math.isfinite(value)
    if isinstance(value, dict):
        return all(_finite(v) for v in value.values())
    if isinstance(value, list):
        return all(_finite(v) for v in value)
    return True


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
