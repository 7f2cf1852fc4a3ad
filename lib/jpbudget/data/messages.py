"""Frictionless errors as sentences naming the file, the row (and its key) and the field.

Every problem the package validation finds, Frictionless's own and those of the project's
checks (:mod:`.checks`), goes through :func:`describe`; :func:`summary` joins them into the
text of one :class:`~jpbudget.errors.DataValidationError`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .vocabulary import DESCRIPTOR, PRIMARY_KEYS

#: Header errors: when a table has one, its rows are misaligned and only these are reported.
LABEL_ERRORS = frozenset(
    {"missing-label", "extra-label", "incorrect-label", "duplicate-label", "blank-label"}
)
_FOREIGN_FIELDS = re.compile(r'for "([^"]+)"')
_POSITION = re.compile(r"row at position (\d+)")
_SHOWN = 20


def where(file: str, row_number: int | None, key: str | None, field: str | None) -> str:
    """``file, data row N (line N+1), key K, field 'F'``, leaving out the parts not known."""
    parts = [file]
    if row_number is not None:
        parts.append(f"data row {row_number - 1} (line {row_number})")
    if key:
        parts.append(f"key {key}")
    if field:
        parts.append(f"field {field!r}")
    return ", ".join(parts)


def row_key(cells: list[Any], labels: list[str], resource: str) -> str | None:
    """The row's primary key (the library's own, :data:`PRIMARY_KEYS`) joined by ``/``."""
    key = PRIMARY_KEYS.get(resource, ())
    if not key or not cells or not all(k in labels for k in key):
        return None
    positions = [labels.index(k) for k in key]
    return "/".join(str(cells[p]) if p < len(cells) else "" for p in positions)


def _field_spec(fields: list[dict[str, Any]], name: str | None) -> dict[str, Any]:
    return next((f for f in fields if f.get("name") == name), {})


def _header_sentence(error: Any, file: str, field: str | None) -> str:
    """A header error: a column missing, unexpected or not matching the schema."""
    if error.type == "missing-label":
        return (
            f"{where(file, None, None, field)}: missing column (the schema in {DESCRIPTOR} "
            f"expects it at position {error.field_number})"
        )
    label = getattr(error, "label", None) or field
    if error.type == "extra-label":
        return f"{where(file, None, None, label)}: unexpected column, not in the schema in {DESCRIPTOR}"
    return f"{where(file, None, None, label)}: header does not match the schema ({error.message})"


def _value_sentence(error: Any, at: str, field: str | None, fields: list[dict[str, Any]]) -> str:
    """A cell whose value has the wrong type or breaks a constraint (an unknown vocabulary
    word, a missing required value)."""
    note = getattr(error, "note", "") or ""
    if error.type == "type-error":
        spec = _field_spec(fields, field)
        shown = f" ({spec['format']})" if "format" in spec else ""
        return f"{at}: wrong type: {error.cell!r} is not a valid {spec.get('type', '?')}{shown}"
    enum = _field_spec(fields, field).get("constraints", {}).get("enum")
    if enum and "enum" in note:
        words = ", ".join(repr(w) for w in enum)
        return (
            f"{at}: unknown vocabulary word {error.cell!r}; expected one of {words} (or add "
            f"it to the enum in {DESCRIPTOR} and README.md)"
        )
    if "required" in note:
        return f"{at}: required value is missing"
    return f"{at}: {error.cell!r} breaks the schema: {note}"


def describe(
    error: Any, *, resource: str, file: str, labels: list[str], fields: list[dict[str, Any]]
) -> str:
    """One Frictionless error (``error.type``) as a sentence."""
    kind = error.type
    note = getattr(error, "note", "") or ""
    row_number = getattr(error, "row_number", None)
    cells = list(getattr(error, "cells", None) or [])
    key = row_key(cells, labels, resource)
    field = getattr(error, "field_name", None)
    if kind == "jpbudget-duplicate-key":  # a row error: the key's fields together
        field = "+".join(PRIMARY_KEYS.get(resource, ()))
    at = where(file, row_number, key, field)
    if kind.startswith("jpbudget-"):  # the project's checks write the whole sentence
        return f"{at}: {note}"
    if kind in ("missing-label", "extra-label") or kind in LABEL_ERRORS:
        return _header_sentence(error, file, field)
    if kind in ("type-error", "constraint-error"):
        return _value_sentence(error, at, field, fields)
    if kind == "missing-cell":
        return f"{at}: the row has too few cells"
    if kind == "extra-cell":
        return f"{at}: the row has too many cells"
    if kind == "primary-key":
        fields_ = "+".join(PRIMARY_KEYS.get(resource, ("primary key",)))
        note = _POSITION.sub(lambda m: f"data row {int(m[1]) - 1} (line {m[1]})", note)
        return f"{where(file, row_number, key, fields_)}: duplicate key {key!r} ({note})"
    if kind == "unique-error":
        return f"{at}: duplicate value {error.cell!r} ({note})"
    if kind == "foreign-key":
        match = _FOREIGN_FIELDS.search(note)
        fields_ = match[1] if match else "source_id"
        values = [cells[labels.index(f)] for f in fields_.split(", ") if f in labels]
        return (
            f"{where(file, row_number, key, fields_)}: {', '.join(map(repr, values))} has no "
            f"matching row in the referenced resource ({note}); add the source to sources.csv "
            "first"
        )
    if kind in ("hash-count", "byte-count"):
        return checksum_mismatch(
            file, "sha256 hash" if kind == "hash-count" else "byte count", note
        )
    if kind == "blank-row":
        return f"{where(file, row_number, None, None)}: blank row"
    if kind == "scheme-error" and "No such file" in note:
        return f"{file}: file missing (described in {DESCRIPTOR})"
    if kind == "encoding-error":
        return f"{file}: not readable as UTF-8 ({note}); save it as UTF-8"
    return f"{at}: {error.message}"


def header(file: str, labels: list[str], fields: list[dict[str, Any]]) -> list[str]:
    """Frictionless's header errors of one table (positional) said by column name."""
    expected = [str(f.get("name")) for f in fields]
    missing = [name for name in expected if name not in labels]
    extra = [name for name in labels if name not in expected]
    found = [
        f"{where(file, None, None, name)}: missing column (the schema in {DESCRIPTOR} expects "
        f"the columns {', '.join(expected)})"
        for name in missing
    ]
    found += [
        f"{where(file, None, None, name)}: unexpected column, not in the schema in {DESCRIPTOR}"
        for name in extra
    ]
    if not found and labels != expected:
        found.append(f"{file}: columns out of order: expected {', '.join(expected)}")
    return found


def checksum_mismatch(file: str, record: str, detail: str) -> str:
    return (
        f"{file}: checksum mismatch: the file does not match the {record} recorded in "
        f"{DESCRIPTOR} ({detail}); restore it from git, or take a new snapshot deliberately "
        "with tools/snapshot_ecb.py and update the record"
    )


def summary(folder: Path, messages: list[str]) -> str:
    """The text of one error listing every problem (the first twenty, then a count)."""
    if len(messages) == 1:
        return f"{folder}: {messages[0]}"
    shown = [f"  {m}" for m in messages[:_SHOWN]]
    if len(messages) > _SHOWN:
        shown.append(f"  ... and {len(messages) - _SHOWN} more")
    return "\n".join([f"{folder}: {len(messages)} problems in the data package:", *shown])
