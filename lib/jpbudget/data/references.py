"""Keys and references the library relies on, as Frictionless ``Check`` classes.

- :class:`KeysAndSources`: the primary key of :data:`~.vocabulary.PRIMARY_KEYS` is unique and
  every ``source_id`` is a key of ``sources``, whatever ``datapackage.json`` declares (when the
  descriptor declares the same key or reference, Frictionless reports it and this check stays
  quiet, so a problem is reported once);
- :class:`WithinAndCompareTo`: ``within`` names an item of the same fiscal year and budget, and
  every ``compare_to`` of ``claims`` parses and names rows that exist.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import attrs
from frictionless import Check, errors

from .checks import _error_class
from .compare_to import parse_compare_to
from .vocabulary import PRIMARY_KEYS, SOURCE_REFERENCE

#: Two rows share the primary key the library relies on (a row error: the key spans fields).
DuplicateKeyError = _error_class("jpbudget-duplicate-key", "Duplicate key", errors.RowError)
#: Relations of claims that compare a new value with a base ("<new> vs <base>").
PAIR_RELATIONS = frozenset({"multiple", "percentage-change", "share-of-change", "regular-share"})


#: The other resources these checks read (:func:`_rows`), whatever resource they check: a
#: resource's validation depends on their bytes too (jpbudget.data.package records a resource's
#: pass under a key that includes them).
READ_BY_CHECKS = (SOURCE_REFERENCE[1], "budget-lines")


def _rows(check: Check, name: str) -> list[Any]:
    """The rows of another resource of the same package (empty when it cannot be read)."""
    if name not in READ_BY_CHECKS:
        raise RuntimeError(f"a check reads {name!r}: add it to READ_BY_CHECKS")
    package = check.resource.package
    if package is None or not package.has_resource(name):
        return []
    try:
        return list(package.get_resource(name).to_copy().read_rows())
    except Exception:  # that resource's own validation reports why it cannot be read
        return []


def _declares_key(check: Check, key: tuple[str, ...]) -> bool:
    return tuple(check.resource.schema.primary_key or ()) == key


def _declares_source_reference(check: Check) -> bool:
    field, resource, target = SOURCE_REFERENCE
    for fk in check.resource.schema.foreign_keys or []:
        reference = fk.get("reference", {})
        if (
            list(fk.get("fields", [])) == [field]
            and reference.get("resource") == resource
            and list(reference.get("fields", [])) == [target]
        ):
            return True
    return False


@attrs.define(kw_only=True, repr=False)
class KeysAndSources(Check):
    """Unique primary keys and existing sources, independent of the descriptor."""

    type = "jpbudget-keys"
    Error = _error_class(type, "Key or reference")
    Duplicate = DuplicateKeyError
    Errors: ClassVar[list[type[errors.Error]]] = [Error, Duplicate]

    def validate_start(self) -> Iterator[errors.Error]:
        name = self.resource.name
        self._key = PRIMARY_KEYS.get(name, ())
        self._check_key = bool(self._key) and not _declares_key(self, self._key)
        self._seen: dict[tuple[Any, ...], int] = {}
        field, target_resource, target = SOURCE_REFERENCE
        self._check_source = (
            name != target_resource
            and field in self.resource.schema.field_names
            and not _declares_source_reference(self)
        )
        self._sources = (
            {row.get(target) for row in _rows(self, target_resource)}
            if self._check_source
            else set()
        )
        return iter(())

    def validate_row(self, row: Any) -> Iterator[errors.Error]:
        if self._check_key:
            values = tuple(row.get(k) for k in self._key)
            if None not in values:
                if values in self._seen:
                    first = self._seen[values]
                    key = "/".join(map(str, values))
                    yield self.Duplicate.from_row(
                        row,
                        note=f"duplicate key {key!r} (the same as in data row {first - 1} "
                        f"(line {first}))",
                    )
                else:
                    self._seen[values] = row.row_number
        if self._check_source:
            source = row.get(SOURCE_REFERENCE[0])
            if source is not None and source not in self._sources:
                yield self.Error.from_row(
                    row,
                    note=f"{source!r} is no source_id of sources.csv; add the source there first",
                    field_name=SOURCE_REFERENCE[0],
                )


@attrs.define(kw_only=True, repr=False)
class WithinAndCompareTo(Check):
    """``within`` and ``compare_to`` name rows of ``budget-lines`` that exist."""

    type = "jpbudget-references"
    Error = _error_class(type, "Reference")
    Errors: ClassVar[list[type[errors.Error]]] = [Error]

    def validate_start(self) -> Iterator[errors.Error]:
        self._pending: list[Any] = []
        self._lines: set[tuple[Any, ...]] = set()
        if self.resource.name == "claims":
            self._lines = {
                (r.get("fiscal_year"), r.get("budget"), r.get("item"))
                for r in _rows(self, "budget-lines")
            }
        return iter(())

    def validate_row(self, row: Any) -> Iterator[errors.Error]:
        if self.resource.name == "budget-lines":
            self._lines.add((row.get("fiscal_year"), row.get("budget"), row.get("item")))
            if row.get("within"):
                self._pending.append(row)  # may name a line further down the file
        elif self.resource.name == "claims" and row.get("compare_to"):
            for note in self._compare_to_problems(row):
                yield self.Error.from_row(row, note=note, field_name="compare_to")

    def validate_end(self) -> Iterator[errors.Error]:
        for row in self._pending:
            fy, budget, within = row.get("fiscal_year"), row.get("budget"), row.get("within")
            if (fy, budget, within) not in self._lines:
                yield self.Error.from_row(
                    row,
                    note=f"{within!r} is not an item of FY{fy} {budget} in budget-lines.csv",
                    field_name="within",
                )

    def _compare_to_problems(self, row: Any) -> Iterator[str]:
        try:
            target = parse_compare_to(row.get("compare_to"))
        except ValueError as exc:
            yield str(exc)
            return
        relation = row.get("relation")
        pair = relation in PAIR_RELATIONS
        if target.resource == "budget-lines" and len(target.keys) != (2 if pair else 1):
            yield f"a {relation} claim needs " + (
                "'<new> vs <base>'" if pair else "exactly one budget line"
            )
        for key in target.keys:
            if key not in self._lines:
                yield f"{'/'.join(map(str, key))} is no row of budget-lines"
