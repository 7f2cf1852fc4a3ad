"""The data package on disk: its descriptor, its validation, and the cache of validated tables.

:func:`checked` validates the folder once per process and again only when a file's size or
modification time changes (:func:`file_stamps`, a cheap cache key; content checksums are
:mod:`jpbudget.digest`'s job). Steps 2 and 3 are skipped when :mod:`.validation_cache` holds a
pass for the same bytes of data and code (recorded by an earlier process). Validation, in order:

1. the descriptor: readable JSON describing every resource of :data:`~.vocabulary.RESOURCES`,
   each field of :data:`~.vocabulary.DTYPE_CONTRACT` typed as the library loads it;
2. the ECB snapshot against its one record, the ``hash`` of ``ecb-rates`` in the descriptor,
   by :func:`jpbudget.fx.load_rate_table` (the one check; Frictionless is not asked, as it would
   fail decompressing an altered zip before comparing its hash);
3. Frictionless with the project's checks (:func:`checklist`): the descriptor (once for the
   same bytes and code, :func:`.validation_cache.descriptor_key`), then each
   resource as ``Package.validate`` does (schema, key and reference checks plus those of
   :mod:`.checks` and :mod:`.references`), except a resource whose validation passed before for
   the same bytes of everything it reads (:func:`.validation_cache.resource_key`).

Any problem raises :class:`DataValidationError` listing every problem found, each naming the
file, row, key and field (:mod:`.messages`).
"""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import DataValidationError
from ..jsonschema_import import import_jsonschema
from ..paths import data_dir as _default_data_dir
from . import messages, validation_cache
from .dtypes import read_table
from .vocabulary import DESCRIPTOR, DTYPE_CONTRACT, RESOURCES, SNAPSHOT_RESOURCE

Tables = dict[str, pd.DataFrame]
_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], Tables]] = {}
_LOCK = threading.Lock()


def refuse(folder: Path, problems: list[str]) -> None:
    """Raise the error listing ``problems``; all of them stay in its ``problems`` attribute."""
    error = DataValidationError(messages.summary(folder, problems))
    error.problems = list(problems)  # type: ignore[attr-defined]  # the summary shows 20
    raise error


def folder_of(data_dir: str | Path | None) -> Path:
    return (Path(data_dir) if data_dir is not None else _default_data_dir()).resolve()


def read_descriptor(folder: Path) -> dict[str, Any]:
    path = folder / DESCRIPTOR
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataValidationError(
            f"{path}: cannot read the data package descriptor ({exc})"
        ) from exc
    if not isinstance(descriptor, dict) or not isinstance(descriptor.get("resources"), list):
        raise DataValidationError(f"{path}: not a data package descriptor (no 'resources' list)")
    return descriptor


def resource_paths(descriptor: dict[str, Any]) -> list[str]:
    """The ``path`` of every resource of the descriptor, sorted."""
    return sorted(
        str(r["path"]) for r in descriptor["resources"] if isinstance(r, dict) and "path" in r
    )


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)
    return (stat.st_size, stat.st_mtime_ns)


@functools.lru_cache(maxsize=32)
def _paths_at(folder: Path, descriptor: tuple[int, int]) -> tuple[str, ...]:
    """The resource paths of ``folder``'s descriptor as it is at stamp ``descriptor`` (as the
    tables' cache is keyed): a notebook loads a table a hundred times, and parsing the 50 KB
    descriptor each time was most of what a cache hit cost."""
    return tuple(resource_paths(read_descriptor(folder)))


def file_stamps(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and modification time of the descriptor and every resource file: the cache key."""
    descriptor = _stamp(folder / DESCRIPTOR)
    return (
        (DESCRIPTOR, *descriptor),
        *((name, *_stamp(folder / name)) for name in _paths_at(folder, descriptor)),
    )


def _described(descriptor: dict[str, Any], folder: Path) -> dict[str, dict[str, Any]]:
    """Each resource of :data:`RESOURCES` and the snapshot, by name; refuses missing parts."""
    found = {
        r["name"]: r
        for r in descriptor["resources"]
        if isinstance(r, dict) and isinstance(r.get("name"), str)
    }
    problems = [
        f"resource {name!r} is not described; expected the resources {', '.join(RESOURCES)}"
        for name in [*RESOURCES, SNAPSHOT_RESOURCE]
        if name not in found
    ]
    for name in RESOURCES:
        described = {
            f.get("name"): f
            for f in ((found.get(name) or {}).get("schema") or {}).get("fields") or []
            if isinstance(f, dict)
        }
        for field, expected in DTYPE_CONTRACT[name].items():
            spec = described.get(field, {})
            kind = "category" if (spec.get("constraints") or {}).get("enum") else spec.get("type")
            if name in found and kind != expected:
                problems.append(
                    f"resource {name!r}, field {field!r}: the library loads it as {expected!r}, "
                    f"so the schema must describe it as "
                    + ("a string with an enum" if expected == "category" else f"type {expected!r}")
                    + f" (found {'no such field' if not spec else kind or 'no type'})"
                )
    if problems:
        refuse(folder, [f"{DESCRIPTOR}: {p}" for p in problems])
    return found


def _snapshot_problems(folder: Path) -> list[str]:
    """The ECB snapshot against its one record, through :func:`jpbudget.fx.load_rate_table`.

    ``jpbudget.fx`` owns the one check of the snapshot (it runs it whenever it loads rates);
    the package validation asks it rather than hashing the file a second way.
    """
    from ..fx import load_rate_table

    try:
        load_rate_table(folder / "raw")
    except DataValidationError as exc:
        return [str(exc)]
    return []


def checklist() -> Any:
    """The Frictionless ``Checklist`` of the project's checks (also ``data/checklist.json``)."""
    from frictionless import Checklist

    from .checks import DatePrecision, EnglishGloss, FiniteNumbers, TextAgreesWithValue
    from .references import KeysAndSources, WithinAndCompareTo

    return Checklist(
        checks=[
            FiniteNumbers(),
            TextAgreesWithValue(),
            DatePrecision(),
            EnglishGloss(),
            KeysAndSources(),
            WithinAndCompareTo(),
        ]
    )


def _names_read(descriptor: dict[str, Any], name: str) -> list[str] | None:
    """The resources the validation of resource ``name`` reads, in the descriptor's order: its
    own, the targets of its foreign keys and :data:`~.references.READ_BY_CHECKS`; None when the
    descriptor says it in another way (two resources of one name, a path that is not one
    string, a foreign key that is not an object, a schema or dialect in a file of its own)."""
    from .references import READ_BY_CHECKS

    entries = [r for r in descriptor["resources"] if isinstance(r, dict)]
    by_name = {r.get("name"): r for r in entries}
    if len(by_name) != len(entries):  # two resources of one name: which one is read?
        return None
    try:
        names = {name, *READ_BY_CHECKS}
        for fk in (by_name[name].get("schema") or {}).get("foreignKeys") or []:
            names.add(fk["reference"].get("resource") or name)  # "" refers to itself
        read = [r for r in entries if r.get("name") in names]
    except (AttributeError, KeyError, TypeError):
        return None
    if not all(
        isinstance(r.get("path"), str)
        and isinstance(r.get("schema") or {}, dict)
        and isinstance(r.get("dialect") or {}, dict)
        for r in read
    ):
        return None
    return [r["name"] for r in read]


def _read_by(descriptor: dict[str, Any], name: str) -> list[str] | None:
    """The files the validation of resource ``name`` reads (:func:`_names_read`), sorted; None
    when they cannot be told: then nothing is recorded for it."""
    names = _names_read(descriptor, name)
    if names is None:
        return None
    paths = {r.get("name"): r.get("path") for r in descriptor["resources"]}
    return sorted(paths[n] for n in names)


def _task_problems(report: Any, described: dict[str, dict[str, Any]]) -> list[str]:
    """A Frictionless report's problems, each naming the file, row and field."""
    problems = [f"{DESCRIPTOR}: {error.message}" for error in report.errors]
    for task in report.tasks:
        resource = described.get(task.name, {})
        file = str(resource.get("path", task.name))
        fields = list((resource.get("schema") or {}).get("fields") or [])
        labels = list(getattr(task, "labels", None) or [f.get("name") for f in fields])
        found = list(task.errors)
        if any(e.type in messages.LABEL_ERRORS for e in found):
            # a wrong header misaligns every row: report only the header, by column name
            problems.extend(messages.header(file, labels, fields))
            continue
        problems.extend(
            messages.describe(e, resource=task.name, file=file, labels=labels, fields=fields)
            for e in found
        )
    return problems


def _reduced(
    descriptor: dict[str, Any], key_of: Callable[[str], str | None]
) -> list[dict[str, Any]] | None:
    """The descriptor's entries a validation must build once Frictionless's check of this very
    descriptor has passed: those of the resources not recorded as passed (``key_of``: their
    record's name) and of every resource they read, in the descriptor's order; None when the
    descriptor says what a resource reads in another way (then every resource is built)."""
    try:
        entries = [r for r in descriptor["resources"] if r["name"] != SNAPSHOT_RESOURCE]
        needed: set[str] = set()
        for entry in entries:
            if validation_cache.is_recorded(
                key_of(entry["name"]), validation_cache.RESOURCES_SUBFOLDER
            ):
                continue
            read = _names_read(descriptor, entry["name"])
            if read is None:
                return None
            needed.update(read)
    except (KeyError, TypeError):
        return None
    return [r for r in entries if r["name"] in needed]


def _frictionless_problems(
    folder: Path, described: dict[str, dict[str, Any]], code: str
) -> list[str]:
    """What ``Package.validate`` finds, resource by resource, skipping a resource whose
    validation passed before for the same bytes and ``code``
    (:func:`.validation_cache.resource_key`).

    The descriptor is read once: the bytes validated are the bytes its records name, and a
    resource's pass is recorded only if the file still holds them afterwards (it may be saved
    while the others are validated). Frictionless's check of the descriptor itself depends on
    nothing but its bytes and the code: once passed, it is recorded
    (:func:`.validation_cache.descriptor_key`), and a later validation of the same descriptor
    builds only the resources it validates and those they read (:func:`_reduced`)."""
    import_jsonschema()  # before frictionless imports it (see jpbudget.jsonschema_import)
    from frictionless import FrictionlessException, Package  # lazily: a slow first import

    path = folder / DESCRIPTOR
    problems: list[str] = []
    try:
        raw = path.read_bytes()
        descriptor = json.loads(raw)

        @functools.cache
        def read_of(name: str) -> list[str] | None:
            return _read_by(descriptor, name)

        @functools.cache
        def key_of(name: str) -> str | None:
            read = read_of(name)
            if read is None:
                return None
            return validation_cache.resource_key(folder, name, read, code, descriptor=raw)

        checked_key = validation_cache.descriptor_key(raw, code)
        reduced = (
            _reduced(descriptor, key_of)
            if validation_cache.is_recorded(checked_key, validation_cache.RESOURCES_SUBFOLDER)
            else None
        )
        if reduced is not None:
            if not reduced:
                return []
            package = Package({**descriptor, "resources": reduced}, basepath=str(folder))
        else:
            package = Package(descriptor, basepath=str(folder))
            package.remove_resource(SNAPSHOT_RESOURCE)  # checked by _snapshot_problems
            try:  # the descriptor first, as Package.validate does: nothing else if it is invalid
                package.to_descriptor(validate=True)
            except FrictionlessException as exc:
                return [f"{DESCRIPTOR}: {error.message}" for error in exc.to_errors()]
            validation_cache.record(checked_key, validation_cache.RESOURCES_SUBFOLDER)
        checks = checklist()
        for resource in package.resources:
            key = key_of(resource.name)
            if validation_cache.is_recorded(key, validation_cache.RESOURCES_SUBFOLDER):
                continue
            report = resource.validate(checks)
            problems += _task_problems(report, described)
            read = read_of(resource.name)
            if (
                report.valid
                and read is not None
                and key == validation_cache.resource_key(folder, resource.name, read, code)
            ):  # the files hold the bytes validated, the descriptor's included
                validation_cache.record(key, validation_cache.RESOURCES_SUBFOLDER)
    except Exception as exc:  # frictionless raises FrictionlessException and friends
        raise DataValidationError(f"{path}: the data package cannot be read ({exc})") from exc
    return problems


#: Problems found in this process, by folder and content key (the same bytes and code give the
#: same problems): a second look at a refused folder (``validate`` then ``load``) refuses it
#: again at once. A few entries only: a user fixes one folder at a time.
_REFUSED: dict[tuple[Path, str], list[str]] = {}
_REFUSED_KEPT = 32


def _validate(folder: Path) -> Tables:
    descriptor = read_descriptor(folder)
    described = _described(descriptor, folder)
    code = validation_cache.code_digest()  # once: every key below names the same code
    record_key = validation_cache.key(folder, resource_paths(descriptor), code=code)
    if record_key is not None and (folder, record_key) in _REFUSED:
        refuse(folder, _REFUSED[(folder, record_key)])
    if not validation_cache.is_recorded(record_key):
        problems = _snapshot_problems(folder)
        problems += _frictionless_problems(folder, described, code)
        unchanged = record_key == validation_cache.key(
            folder, resource_paths(descriptor), code=code
        )
        if problems:
            if record_key is not None and unchanged:
                if len(_REFUSED) >= _REFUSED_KEPT:
                    _REFUSED.pop(next(iter(_REFUSED)))
                _REFUSED[(folder, record_key)] = list(problems)
            refuse(folder, problems)
        if unchanged:
            validation_cache.record(record_key)  # the bytes validated are the bytes hashed
    return {
        name: read_table(folder / described[name]["path"], described[name]["schema"]["fields"])
        for name in RESOURCES
    }


def checked(data_dir: str | Path | None) -> Tables:
    """The validated tables, by resource name, cached until a file changes."""
    folder = folder_of(data_dir)
    stamps = file_stamps(folder)
    with _LOCK:
        cached = _CACHE.get(folder)
        if cached is not None and cached[0] == stamps:
            return cached[1]
        tables = _validate(folder)
        _CACHE[folder] = (stamps, tables)
        return tables
