"""The project's datasets: a validated Frictionless Data Package in ``data/``.

``data/datapackage.json`` describes four tables (:data:`RESOURCES`) and the pinned ECB
exchange-rate snapshot. :func:`load` returns a table as a DataFrame with proper dtypes after
validating the whole package once per process (again only when a file changes):

- the Frictionless schema: columns, types, required fields, vocabularies (enums), patterns,
  primary keys and foreign keys (every ``source_id`` must exist in ``sources``), and the
  SHA-256 of the ECB snapshot;
- the amounts: ``parse_yen(amount_text without its qualifier) == amount_jpy`` on every row, and
  ``amount_text`` starts with the row's qualifier when there is one;
- the references Frictionless cannot express: ``within`` names an item of the same fiscal year
  and budget, and every ``compare_to`` of ``claims`` resolves (see :func:`parse_compare_to`);
- the snapshot against its metadata file, through :func:`jpbudget.fx.load_rate_table`.

Any failure raises :class:`DataValidationError` naming the file, the row (1-based data row,
its line in the file and its key) and the field. Nothing is ever written into ``data/``.

Dtypes: dates (``published``, ``announced``) are ``datetime64[ns]`` (NaT when unknown);
vocabulary fields are unordered pandas ``Categorical`` whose categories are the schema's enum
(``qualifier`` also has the category ``""`` meaning an exact figure; ``within`` is NaN when the
line is part of nothing); integers (``fiscal_year``, ``amount_jpy``) are ``Int64``;
``stated_value`` is ``float64``; other text is pandas ``str`` (``""`` when empty).

>>> lines = load("budget-lines")
>>> row = lines[(lines.fiscal_year == 2026) & (lines.item == "chips-ai")].iloc[0]
>>> row.amount_text, int(row.amount_jpy), row.budget
('1兆2390億円', 1239000000000, 'initial-draft')
>>> sources(row.source_id).loc[row.source_id, "publisher"]
'Toyo Keizai'
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import json
import re
import sys
import threading
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from .errors import DataValidationError
from .paths import data_dir as _default_data_dir
from .yen import YenParseError, parse_yen

__all__ = [
    "FIGURE_RESOURCES",
    "HEDGE_FORMS",
    "RESOURCES",
    "BudgetEvent",
    "CompareTo",
    "DataValidationError",
    "budget_event",
    "figures",
    "load",
    "package_checksum",
    "parse_compare_to",
    "sources",
    "strip_qualifier",
    "validate",
]

#: The tabular resources of the data package, in the order of ``datapackage.json``.
RESOURCES: tuple[str, ...] = (
    "sources",
    "budget-lines",
    "rapidus-support",
    "claims",
    "context-figures",
    "company-subsidies",
    "budget-events",
)
#: The resources holding reported figures (everything but the sources and the seed's claims).
FIGURE_RESOURCES: tuple[str, ...] = (
    "budget-lines",
    "rapidus-support",
    "company-subsidies",
    "context-figures",
)

DESCRIPTOR = "datapackage.json"
#: Fields whose empty value is a vocabulary word of its own ("" = an exact figure / no hedge).
_EMPTY_IS_A_WORD = frozenset({"qualifier"})
#: The column of each table that holds the row's amount in words, and that of its value in yen.
_AMOUNT_FIELDS = {
    "budget-lines": ("amount_text", "amount_jpy"),
    "rapidus-support": ("amount_text", "amount_jpy"),
    "company-subsidies": ("amount_text", "amount_jpy"),
    "context-figures": ("value_text", "amount_jpy"),
    "claims": ("stated_text", "stated_value"),
}
#: How each ``qualifier`` word may be printed in the figure's text. English hedges open the
#: text ("about ¥1.5 trillion"); Japanese ones open or close it (約1.5兆円, 1.5兆円規模).
HEDGE_FORMS: dict[str, tuple[str, ...]] = {
    "about": ("about", "roughly", "approximately", "約", "規模", "程度"),
    "up to": ("up to", "最大"),
    "more than": ("more than", "over", "超", "以上"),
}
#: Measures of ``context-figures`` other than a yen amount, and the marks their text must carry.
_MEASURE_MARKS = {
    "share": ("%", " pct"),
    "percentage-change": ("%", " pct", "割"),
    "multiple": ("倍", "-fold", " times"),
    "count": ("",),
}
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
#: Scopes of Rapidus support (``compare_to`` and the notebooks) and the ``kind`` words in each;
#: plans and loan guarantees are in none (they are not money spent or invested).
RAPIDUS_SCOPES: dict[str, tuple[str, ...]] = {
    "equity": ("equity",),
    "subsidies": ("subsidy",),
    "all": ("subsidy", "equity"),
}

_COMPARE_BUDGET = re.compile(
    r"budget-lines:(\d{4}/[a-z-]+/[a-z0-9-]+)(?: vs (\d{4}/[a-z-]+/[a-z0-9-]+))?"
)
_COMPARE_RAPIDUS = re.compile(r"rapidus-support:([a-z]+)@(\d{4})")
_BUDGET_KEY = re.compile(r"(\d{4})/([a-z-]+)/([a-z0-9-]+)")


# --- compare_to grammar ----------------------------------------------------------------------


class CompareTo(NamedTuple):
    """A parsed ``compare_to`` of the claims table.

    ``keys`` holds ``(fiscal_year, budget, item)`` keys of ``budget-lines`` (one for amount and
    conversion claims; new value then base for multiple and percentage-change claims); ``scope``
    and ``through_year`` are set for ``rapidus-support`` targets.
    """

    resource: str
    keys: tuple[tuple[int, str, str], ...] = ()
    scope: str | None = None
    through_year: int | None = None


def parse_compare_to(text: str) -> CompareTo:
    """Parse the ``compare_to`` grammar of ``claims``.

    - ``budget-lines:<fy>/<budget>/<item>``: one budget line (amount and conversion claims);
    - ``budget-lines:<fy>/<budget>/<item> vs <fy>/<budget>/<item>``: a new value and its base
      (multiple and percentage-change claims);
    - ``rapidus-support:<scope>@<through_year>``: cumulative Rapidus support booked up to that
      fiscal year, scope ``equity``, ``subsidies`` or ``all``.

    >>> parse_compare_to("budget-lines:2026/initial-draft/chips-ai vs 2025/initial-draft/chips-ai").keys
    ((2026, 'initial-draft', 'chips-ai'), (2025, 'initial-draft', 'chips-ai'))
    >>> parse_compare_to("rapidus-support:equity@2026")
    CompareTo(resource='rapidus-support', keys=(), scope='equity', through_year=2026)
    >>> parse_compare_to("budget-lines:2026/chips-ai")
    Traceback (most recent call last):
    ...
    ValueError: compare_to 'budget-lines:2026/chips-ai' does not follow the grammar: expected 'budget-lines:<fy>/<budget>/<item>', 'budget-lines:<fy>/<budget>/<item> vs <fy>/<budget>/<item>' or 'rapidus-support:<equity|subsidies|all>@<fy>'
    """
    match = _COMPARE_BUDGET.fullmatch(text)
    if match:
        keys = []
        for part in match.groups():
            if part is not None:
                fy, budget, item = _BUDGET_KEY.fullmatch(part).groups()  # type: ignore[union-attr]
                keys.append((int(fy), budget, item))
        return CompareTo("budget-lines", keys=tuple(keys))
    match = _COMPARE_RAPIDUS.fullmatch(text)
    if match and match[1] in RAPIDUS_SCOPES:
        return CompareTo("rapidus-support", scope=match[1], through_year=int(match[2]))
    raise ValueError(
        f"compare_to {text!r} does not follow the grammar: expected "
        "'budget-lines:<fy>/<budget>/<item>', "
        "'budget-lines:<fy>/<budget>/<item> vs <fy>/<budget>/<item>' or "
        "'rapidus-support:<equity|subsidies|all>@<fy>'"
    )


# --- locating files --------------------------------------------------------------------------


def _folder(data_dir: str | Path | None) -> Path:
    return (Path(data_dir) if data_dir is not None else _default_data_dir()).resolve()


def _read_descriptor(folder: Path) -> dict[str, Any]:
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


def _resource_paths(descriptor: dict[str, Any]) -> list[str]:
    return sorted(
        str(r["path"]) for r in descriptor["resources"] if isinstance(r, dict) and "path" in r
    )


def _fingerprint(folder: Path) -> tuple[tuple[str, int, int], ...]:
    """Size and mtime of the descriptor and every resource file: the cache key."""
    descriptor = _read_descriptor(folder)
    stamps = []
    for name in [DESCRIPTOR, *_resource_paths(descriptor)]:
        try:
            stat = (folder / name).stat()
        except OSError:
            stamps.append((name, -1, -1))
        else:
            stamps.append((name, stat.st_size, stat.st_mtime_ns))
    return tuple(stamps)


# --- validation --------------------------------------------------------------------------------


@dataclass
class _Resource:
    name: str
    path: str
    fields: list[dict[str, Any]]
    primary_key: list[str]


def _tabular(descriptor: dict[str, Any], folder: Path) -> dict[str, _Resource]:
    found: dict[str, _Resource] = {}
    for resource in descriptor["resources"]:
        if not isinstance(resource, dict) or resource.get("name") not in RESOURCES:
            continue
        schema = resource.get("schema") or {}
        key = schema.get("primaryKey") or []
        found[resource["name"]] = _Resource(
            resource["name"],
            str(resource.get("path", "")),
            list(schema.get("fields") or []),
            [key] if isinstance(key, str) else list(key),
        )
    missing = [name for name in RESOURCES if name not in found]
    if missing:
        raise DataValidationError(
            f"{folder / DESCRIPTOR}: resource(s) {', '.join(missing)} not described; expected "
            f"the resources {', '.join(RESOURCES)}"
        )
    return found


def _where(file: str, row_number: int | None, key: str | None, field: str | None) -> str:
    parts = [file]
    if row_number is not None:
        parts.append(f"data row {row_number - 1} (line {row_number})")
    if key:
        parts.append(f"key {key}")
    if field:
        parts.append(f"field {field!r}")
    return ", ".join(parts)


def _key_of(cells: list[str], labels: list[str], primary_key: list[str]) -> str | None:
    if not primary_key or not all(k in labels for k in primary_key):
        return None
    values = [cells[labels.index(k)] if labels.index(k) < len(cells) else "" for k in primary_key]
    return "/".join(values)


_FOREIGN_FIELDS = re.compile(r'for "([^"]+)"')
_POSITION = re.compile(r"row at position (\d+)")


def _translate(error: Any, resource: _Resource | None, labels: list[str], file: str) -> str:
    """One frictionless error as a sentence naming file, row, key and field."""
    kind = error.type
    note = getattr(error, "note", "") or ""
    row_number = getattr(error, "row_number", None)
    cells = list(getattr(error, "cells", None) or [])
    key = _key_of(cells, labels, resource.primary_key) if resource and cells else None
    field = getattr(error, "field_name", None)
    if kind == "missing-label":
        return (
            f"{_where(file, None, None, field)}: missing column (the schema expects it at "
            f"position {error.field_number})"
        )
    if kind in ("extra-label", "incorrect-label", "duplicate-label", "blank-label"):
        return (
            f"{_where(file, None, None, field or getattr(error, 'label', None))}: "
            f"header does not match the schema ({error.message})"
        )
    if kind == "type-error":
        spec = next((f for f in (resource.fields if resource else []) if f["name"] == field), {})
        return (
            f"{_where(file, row_number, key, field)}: wrong type: {error.cell!r} is not "
            f"a valid {spec.get('type', '?')}"
            + (f" ({spec['format']})" if "format" in spec else "")
        )
    if kind == "constraint-error":
        spec = next((f for f in (resource.fields if resource else []) if f["name"] == field), {})
        enum = spec.get("constraints", {}).get("enum")
        if enum and "enum" in note:
            words = ", ".join(repr(w) for w in enum)
            return (
                f"{_where(file, row_number, key, field)}: unknown vocabulary word "
                f"{error.cell!r}; expected one of {words} (or add it to the enum in "
                f"{DESCRIPTOR} and README.md)"
            )
        if "required" in note:
            return f"{_where(file, row_number, key, field)}: required value is missing"
        return f"{_where(file, row_number, key, field)}: {error.cell!r} breaks the schema: {note}"
    if kind == "missing-cell":
        return f"{_where(file, row_number, key, field)}: the row has too few cells"
    if kind == "extra-cell":
        return f"{_where(file, row_number, key, field)}: the row has too many cells"
    if kind == "primary-key":
        fields = "+".join(resource.primary_key) if resource else "primary key"
        note = _POSITION.sub(lambda m: f"data row {int(m[1]) - 1} (line {m[1]})", note)
        return f"{_where(file, row_number, key, fields)}: duplicate key {key!r} ({note})"
    if kind == "unique-error":
        return f"{_where(file, row_number, key, field)}: duplicate value {error.cell!r} ({note})"
    if kind == "foreign-key":
        match = _FOREIGN_FIELDS.search(note)
        fields = match[1] if match else "source_id"
        values = [cells[labels.index(f)] for f in fields.split(", ") if f in labels]
        return (
            f"{_where(file, row_number, key, fields)}: {', '.join(map(repr, values))} has no "
            f"matching row in the referenced resource ({note}); add the source to "
            f"sources.csv first"
        )
    if kind in ("hash-count", "byte-count"):
        return (
            f"{file}: checksum mismatch: the file does not match the "
            f"{'sha256 hash' if kind == 'hash-count' else 'byte count'} recorded in "
            f"{DESCRIPTOR} ({note}); restore it from git, or take a new snapshot "
            "deliberately with tools/snapshot_ecb.py and update both records"
        )
    if kind == "blank-row":
        return f"{_where(file, row_number, None, None)}: blank row"
    return f"{_where(file, row_number, key, field)}: {error.message}"


def _import_jsonschema_without_iri_grammars() -> None:
    """Import jsonschema (which frictionless uses) without its optional IRI format checks.

    jsonschema registers "iri" format checks only if ``rfc3987_syntax`` imports, and that module
    compiles about forty lark grammars at import: 3-4 s in every notebook kernel. frictionless
    never checks that format, so when neither module is loaded yet, jsonschema is imported with
    ``rfc3987_syntax`` hidden; the module itself stays importable afterwards.
    """
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        return
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # makes its import fail
    try:
        import jsonschema  # noqa: F401
    finally:
        del sys.modules["rfc3987_syntax"]


def _frictionless_errors(folder: Path, tabular: dict[str, _Resource]) -> list[str]:
    _import_jsonschema_without_iri_grammars()
    from frictionless import Package  # imported lazily: a slow first import

    descriptor_path = folder / DESCRIPTOR
    try:
        package = Package(str(descriptor_path))
        report = package.validate()
    except Exception as exc:  # frictionless raises FrictionlessException and friends
        raise DataValidationError(
            f"{descriptor_path}: the data package cannot be read ({exc})"
        ) from exc
    messages = []
    by_name = {r.name: r for r in package.resources}
    for task in report.tasks:
        resource = tabular.get(task.name)
        file = by_name[task.name].path if task.name in by_name else task.name
        labels = list(getattr(task, "labels", None) or [])
        if not labels and resource is not None:
            labels = _labels(folder / resource.path)
        messages.extend(_translate(error, resource, labels, str(file)) for error in task.errors)
    messages.extend(
        f"{descriptor_path.name}: {error.message}" for error in getattr(report, "errors", [])
    )
    return messages


def _header_errors(folder: Path, tabular: dict[str, _Resource]) -> list[str]:
    """Missing, unexpected or reordered columns, in plain words."""
    messages = []
    for resource in tabular.values():
        path = folder / resource.path
        if not path.is_file():
            messages.append(f"{resource.path}: file missing (described in {DESCRIPTOR})")
            continue
        labels = _labels(path)
        expected = [f["name"] for f in resource.fields]
        missing = [name for name in expected if name not in labels]
        extra = [name for name in labels if name not in expected]
        messages.extend(
            f"{_where(resource.path, None, None, name)}: missing column (the schema in "
            f"{DESCRIPTOR} expects the columns {', '.join(expected)})"
            for name in missing
        )
        messages.extend(
            f"{_where(resource.path, None, None, name)}: unexpected column, not in the schema "
            f"in {DESCRIPTOR}"
            for name in extra
        )
        if not missing and not extra and labels != expected:
            messages.append(
                f"{resource.path}: columns out of order: expected {', '.join(expected)}"
            )
    return messages


def _labels(path: Path) -> list[str]:
    try:
        with path.open(encoding="utf-8", newline="") as handle:
            return next(csv.reader(handle), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return []


def _read_tables(folder: Path, tabular: dict[str, _Resource]) -> dict[str, pd.DataFrame]:
    frames = {}
    for name, resource in tabular.items():
        raw = pd.read_csv(
            folder / resource.path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8"
        )
        frames[name] = _typed(raw, resource)
    return frames


def _typed(raw: pd.DataFrame, resource: _Resource) -> pd.DataFrame:
    out = {}
    for spec in resource.fields:
        name, kind = spec["name"], spec.get("type", "string")
        column = raw[name]
        enum = (spec.get("constraints") or {}).get("enum")
        if enum is not None:
            categories = ["", *enum] if name in _EMPTY_IS_A_WORD else list(enum)
            values = column if name in _EMPTY_IS_A_WORD else column.replace("", None)
            # object-dtype categories: seaborn 0.13 mishandles pandas str arrays (seaborn#3893)
            dtype = pd.CategoricalDtype(pd.Index(categories, dtype=object))
            out[name] = pd.Categorical(values.astype(object), dtype=dtype)
        elif kind == "integer":
            out[name] = pd.to_numeric(column.replace("", None)).astype("Int64")
        elif kind == "number":
            out[name] = pd.to_numeric(column.replace("", None)).astype("float64")
        elif kind == "date":
            out[name] = pd.to_datetime(column.replace("", None), format="%Y-%m-%d").astype(
                "datetime64[ns]"
            )
        else:
            out[name] = column.astype("str")
    return pd.DataFrame(out, index=pd.RangeIndex(len(raw)))


def strip_qualifier(text: str, qualifier: str) -> str | None:
    """``text`` without the printed form of ``qualifier``; None when the text does not carry it.

    The printed forms of each word are :data:`HEDGE_FORMS` (a word not listed there is printed
    as itself). English hedges open the text and are followed by a space; Japanese hedges open
    or close it. An empty qualifier leaves the text as it is.

    >>> strip_qualifier("about ¥1.5 trillion", "about")
    '¥1.5 trillion'
    >>> strip_qualifier("1.5兆円規模", "about"), strip_qualifier("over ¥2 trillion", "more than")
    ('1.5兆円', '¥2 trillion')
    >>> strip_qualifier("¥1.5 trillion", "about") is None
    True
    """
    if not qualifier:
        return text
    for form in HEDGE_FORMS.get(qualifier, (qualifier,)):
        if form.isascii():
            if text.startswith(form + " "):
                return text[len(form) + 1 :]
        elif text.startswith(form):
            return text[len(form) :]
        elif text.endswith(form):
            return text[: -len(form)]
    return None


def _amount_errors(name: str, resource: _Resource, frame: pd.DataFrame) -> list[str]:
    """The figure's text agrees with its stored value, and carries its qualifier.

    Yen amounts: ``parse_yen(text without qualifier) == amount``. Other measures of
    ``context-figures`` (shares, changes, multiples, counts): the text holds exactly one number,
    equal to ``value``, with the mark of its measure (% for shares).
    """
    messages = []
    text_field, yen_field = _AMOUNT_FIELDS[name]
    for position, row in enumerate(frame.itertuples(index=False)):
        record = row._asdict()
        line = position + 2
        key = "/".join(str(record[k]) for k in resource.primary_key)
        text = record[text_field]
        qualifier = str(record.get("qualifier") or "")
        where = _where(resource.path, line, key, text_field)
        bare = strip_qualifier(text, qualifier)
        if bare is None:
            forms = ", ".join(repr(f) for f in HEDGE_FORMS.get(qualifier, (qualifier,)))
            messages.append(
                f"{where}: {text!r} does not carry its qualifier {qualifier!r} (printed as "
                f"{forms}, opening the text, or closing it for a Japanese hedge)"
            )
            continue
        if name == "claims" and record["unit"] != "JPY":
            continue
        if name == "context-figures" and record["measure"] != "amount":
            messages.extend(_measure_errors(resource.path, line, key, record, bare))
            continue
        try:
            parsed = parse_yen(bare)
        except (YenParseError, ValueError) as exc:
            messages.append(
                f"{where}: cannot read {text!r} as an amount ({exc}); put a hedge "
                "such as 'about' in the qualifier field"
            )
            continue
        expected = record[yen_field]
        if pd.isna(expected) or parsed != expected:
            shown = "missing" if pd.isna(expected) else f"{expected:,.0f}"
            messages.append(
                f"{_where(resource.path, line, key, yen_field)}: amount contradicts its text: "
                f"{text_field} {text!r} is {parsed:,} yen but {yen_field} is {shown}"
            )
        if name == "context-figures" and not pd.isna(record["value"]):
            messages.append(
                f"{_where(resource.path, line, key, 'value')}: an amount keeps its yen in "
                "amount_jpy; leave value empty"
            )
    return messages


def _measure_errors(path: str, line: int, key: str, record: dict[str, Any], bare: str) -> list[str]:
    """A share, change, multiple or count of ``context-figures`` against its text."""
    text, measure, value = record["value_text"], str(record["measure"]), record["value"]
    messages = []
    if not pd.isna(record["amount_jpy"]):
        messages.append(
            f"{_where(path, line, key, 'amount_jpy')}: a {measure} is no yen amount; leave "
            "amount_jpy empty and put the number in value"
        )
    # Japanese print: 49・5% (a middle dot for the decimal point), 4割 (tenths: 40%)
    numbers = _NUMBER.findall(re.sub(r"(?<=\d)・(?=\d)", ".", bare.replace(",", "")))
    marks = _MEASURE_MARKS[measure]
    if len(numbers) == 1 and "割" in bare:
        numbers = [str(Decimal(numbers[0]) * 10)]
    if len(numbers) != 1 or not any(m in bare for m in marks):
        messages.append(
            f"{_where(path, line, key, 'value_text')}: cannot read {text!r} as a {measure}: "
            f"expected one number with {' or '.join(repr(m) for m in marks if m) or 'a noun'}"
        )
    elif pd.isna(value) or Decimal(numbers[0]) != Decimal(repr(float(value))):
        shown = "missing" if pd.isna(value) else repr(float(value))
        messages.append(
            f"{_where(path, line, key, 'value')}: value contradicts its text: value_text "
            f"{text!r} is {numbers[0]} but value is {shown}"
        )
    return messages


def _reference_errors(frames: dict[str, pd.DataFrame], tabular: dict[str, _Resource]) -> list[str]:
    """``within`` and ``compare_to`` point at rows that exist."""
    messages = []
    lines = frames["budget-lines"]
    keys = set(
        zip(
            lines["fiscal_year"].astype(int),
            lines["budget"].astype(str),
            lines["item"].astype(str),
            strict=True,
        )
    )
    path = tabular["budget-lines"].path
    for position, row in enumerate(lines.itertuples(index=False)):
        if pd.isna(row.within):
            continue
        if (int(row.fiscal_year), str(row.budget), str(row.within)) not in keys:
            key = f"{row.fiscal_year}/{row.budget}/{row.item}"
            messages.append(
                f"{_where(path, position + 2, key, 'within')}: {row.within!r} is not an item of "
                f"FY{row.fiscal_year} {row.budget} in {path}"
            )
    path = tabular["claims"].path
    for position, row in enumerate(frames["claims"].itertuples(index=False)):
        where = _where(path, position + 2, row.claim_id, "compare_to")
        try:
            target = parse_compare_to(row.compare_to)
        except ValueError as exc:
            messages.append(f"{where}: {exc}")
            continue
        pair = str(row.relation) in ("multiple", "percentage-change", "share-of-change", "regular-share")
        if target.resource == "budget-lines" and len(target.keys) != (2 if pair else 1):
            messages.append(
                f"{where}: a {row.relation} claim needs "
                + ("'<new> vs <base>'" if pair else "exactly one budget line")
            )
        for key in target.keys:
            if key not in keys:
                messages.append(f"{where}: {'/'.join(map(str, key))} is no row of budget-lines")
    return messages


def _validate_folder(folder: Path) -> tuple[dict[str, pd.DataFrame], dict[str, list[str]]]:
    """The validated tables, and the primary key of each (from the descriptor)."""
    from .fx import load_rate_table

    descriptor = _read_descriptor(folder)
    tabular = _tabular(descriptor, folder)
    messages = _header_errors(folder, tabular)
    if messages:  # a wrong header misaligns every row: report only the header
        raise DataValidationError(_summary(folder, messages))
    # the snapshot's SHA-256 against raw/eurofxref-hist.json, before frictionless (which would
    # report an altered zip as a decompression error rather than as a checksum mismatch)
    load_rate_table(folder / "raw")
    messages = _frictionless_errors(folder, tabular)
    if messages:
        raise DataValidationError(_summary(folder, messages))
    frames = _read_tables(folder, tabular)
    for name in _AMOUNT_FIELDS:
        messages.extend(_amount_errors(name, tabular[name], frames[name]))
    messages.extend(_reference_errors(frames, tabular))
    if messages:
        raise DataValidationError(_summary(folder, messages))
    return frames, {name: resource.primary_key for name, resource in tabular.items()}


def _summary(folder: Path, messages: list[str]) -> str:
    if len(messages) == 1:
        return f"{folder}: {messages[0]}"
    shown = [f"  {m}" for m in messages[:20]]
    if len(messages) > 20:
        shown.append(f"  ... and {len(messages) - 20} more")
    return "\n".join([f"{folder}: {len(messages)} problems in the data package:", *shown])


_Checked = tuple[dict[str, pd.DataFrame], dict[str, list[str]]]
_CACHE: dict[Path, tuple[tuple[tuple[str, int, int], ...], _Checked]] = {}
_LOCK = threading.Lock()


def _checked(data_dir: str | Path | None) -> _Checked:
    """The validated tables and their primary keys, cached until a file changes."""
    folder = _folder(data_dir)
    stamp = _fingerprint(folder)
    with _LOCK:
        cached = _CACHE.get(folder)
        if cached is not None and cached[0] == stamp:
            return cached[1]
        checked = _validate_folder(folder)
        _CACHE[folder] = (stamp, checked)
        return checked


def _validated(data_dir: str | Path | None) -> dict[str, pd.DataFrame]:
    return _checked(data_dir)[0]


# --- public API ----------------------------------------------------------------------------------


def validate(data_dir: str | Path | None = None) -> None:
    """Validate the whole data package (cached per process until a file changes).

    Raises :class:`DataValidationError` naming the file, row, key and field of every problem
    found (the schema check reports them all; the amount and reference checks run once the
    schema passes).

    >>> validate() is None
    True
    """
    _validated(data_dir)


def load(resource_name: str, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One tabular resource as a DataFrame with proper dtypes, after validating the package.

    ``resource_name`` is one of :data:`RESOURCES`. The frame is a copy: change it freely.

    >>> claims = load("claims")
    >>> len(claims), str(claims["unit"].dtype), str(claims["stated_value"].dtype)
    (10, 'category', 'float64')
    >>> load("budget")
    Traceback (most recent call last):
    ...
    KeyError: "no resource 'budget': expected one of 'sources', 'budget-lines', 'rapidus-support', 'claims', 'context-figures', 'company-subsidies', 'budget-events'"
    """
    if resource_name not in RESOURCES:
        raise KeyError(
            f"no resource {resource_name!r}: expected one of "
            + ", ".join(repr(r) for r in RESOURCES)
        )
    return _validated(data_dir)[resource_name].copy()


def sources(*source_ids: str, data_dir: str | Path | None = None) -> pd.DataFrame:
    """The ``sources`` table indexed by ``source_id``: all of it, or the rows asked for, in order.

    An unknown id raises ``KeyError`` naming it.

    >>> sources("mof-fy2026-draft")[["publisher", "language"]].to_dict("index")
    {'mof-fy2026-draft': {'publisher': 'Ministry of Finance (mirrored by wic-net.com)', 'language': 'ja'}}
    >>> sources("no-such-source")
    Traceback (most recent call last):
    ...
    KeyError: "unknown source_id 'no-such-source': see jpbudget.data.sources().index or data/sources.csv for the valid ids"
    """
    table = load("sources", data_dir=data_dir).set_index("source_id")
    if not source_ids:
        return table
    unknown = [s for s in source_ids if s not in table.index]
    if unknown:
        raise KeyError(
            f"unknown source_id {', '.join(repr(s) for s in unknown)}: see "
            "jpbudget.data.sources().index or data/sources.csv for the valid ids"
        )
    return table.loc[list(source_ids)]


class BudgetEvent(NamedTuple):
    """One row of ``budget-events``: an event in a budget's life, with its source.

    ``date`` is a :class:`datetime.date`; ``precision`` (``day``, ``month`` or ``year``) says
    how much of it the source gives (a month-only date is the first of that month).
    """

    fiscal_year: int
    budget: str
    budget_number: int
    event: str
    date: datetime.date
    precision: str
    source_id: str
    note: str


def budget_event(
    fiscal_year: int,
    kind: str = "initial",
    event: str = "cabinet-decision",
    *,
    number: int = 1,
    data_dir: str | Path | None = None,
) -> BudgetEvent:
    """The ``event`` of the ``kind`` budget of ``fiscal_year`` (``number``: which supplementary).

    ``kind`` is a ``budget`` word of ``budget-events`` (``initial``, ``supplementary``,
    ``stopgap``); ``event`` one of ``cabinet-decision``, ``lower-house-passage``,
    ``upper-house-passage``, ``enactment``. An event no source reports is a ``KeyError``
    naming it and listing the events recorded for that budget.

    >>> e = budget_event(2026)
    >>> e.date, e.precision, e.source_id
    (datetime.date(2025, 12, 26), 'day', 'jiji-2025-12-26-fy2026-draft')
    >>> budget_event(2026, event="enactment")
    Traceback (most recent call last):
    ...
    KeyError: 'no enactment of the FY2026 initial budget in data/budget-events.csv (no source reports it); recorded events of that budget: cabinet-decision 2025-12-26, lower-house-passage 2026-03-13'
    """
    table = load("budget-events", data_dir=data_dir)
    same_budget = table[
        (table.fiscal_year == fiscal_year)
        & (table.budget.astype(object) == kind)
        & (table.budget_number == number)
    ]
    rows = same_budget[same_budget.event.astype(object) == event]
    which = f"FY{fiscal_year} {kind} budget" + (f" (number {number})" if number != 1 else "")
    if rows.empty:
        recorded = ", ".join(
            f"{r.event} {r.date.date().isoformat()}" for r in same_budget.itertuples()
        )
        raise KeyError(
            f"no {event} of the {which} in data/budget-events.csv (no source reports it); "
            + (
                f"recorded events of that budget: {recorded}"
                if recorded
                else "no event of that budget is recorded"
            )
        )
    row = rows.iloc[0]
    return BudgetEvent(
        int(row.fiscal_year),
        str(row.budget),
        int(row.budget_number),
        str(row.event),
        row.date.date(),
        str(row.date_precision),
        str(row.source_id),
        str(row.note),
    )


def figures(data_dir: str | Path | None = None) -> pd.DataFrame:
    """Every reported figure of the data package, each with its source, in one table.

    One row per row of :data:`FIGURE_RESOURCES` (budget lines, Rapidus support, company
    subsidies, context figures), with ``resource`` and ``key`` (that row's primary key, joined
    by ``/``), ``subject`` (what the figure is), ``fiscal_year``, ``date``, ``measure``,
    ``text`` (as the source printed it), ``amount_jpy`` (yen amounts; ``<NA>`` otherwise),
    ``value`` (shares, changes, multiples and counts; NaN for amounts), ``qualifier``,
    ``confidence``, ``source_id``, ``note`` and the source's ``title``, ``publisher``, ``url``
    and ``published``.

    >>> table = figures()
    >>> row = table[table.key == "2026/initial-draft/chips-ai"].iloc[0]
    >>> row.text, row.publisher, row.url
    ('1兆2390億円', 'Toyo Keizai', 'https://toyokeizai.net/articles/-/926558')
    >>> table.url.notna().all()
    np.True_
    """
    tables, primary_keys = _checked(data_dir)
    parts = []
    for name in FIGURE_RESOURCES:
        frame = tables[name]
        text_field = _AMOUNT_FIELDS[name][0]
        key = frame[primary_keys[name]].astype(str).agg("/".join, axis=1)
        if name == "budget-lines":
            subject = (
                frame["ministry"].astype(str)
                + " "
                + frame["item"].astype(str)
                + (", FY" + frame["fiscal_year"].astype(str) + " " + frame["budget"].astype(str))
            )
            date = pd.Series(pd.NaT, index=frame.index, dtype="datetime64[ns]")
        elif name == "rapidus-support":
            subject = "Rapidus " + frame["kind"].astype(str) + " (" + frame["booked_to"] + ")"
            date = frame["announced"]
        elif name == "company-subsidies":
            subject = frame["company"] + ", " + frame["plant"]
            date = frame["announced"]
        else:
            subject = frame["subject"]
            date = frame["date"]
        is_context = name == "context-figures"
        parts.append(
            pd.DataFrame(
                {
                    "resource": name,
                    "key": key,
                    "subject": subject.astype("str"),
                    "fiscal_year": frame["fiscal_year"]
                    if "fiscal_year" in frame
                    else pd.Series(pd.NA, index=frame.index, dtype="Int64"),
                    "date": date,
                    "measure": frame["measure"].astype(str) if is_context else "amount",
                    "text": frame[text_field],
                    "amount_jpy": frame["amount_jpy"],
                    "value": frame["value"] if is_context else float("nan"),
                    "qualifier": frame["qualifier"].astype(str),
                    "confidence": frame["confidence"].astype(str),
                    "source_id": frame["source_id"],
                    "note": frame["note"],
                }
            )
        )
    table = pd.concat(parts, ignore_index=True)
    for column in ("resource", "measure", "qualifier", "confidence"):
        table[column] = table[column].astype("category")
    found = tables["sources"][["source_id", "title", "publisher", "url", "published"]]
    return table.merge(found, on="source_id", how="left", validate="many_to_one")


def package_checksum(data_dir: str | Path | None = None) -> str:
    """SHA-256 (hex) over ``datapackage.json`` and every resource file, in sorted path order.

    For each file, its path relative to ``data/`` (POSIX form), a newline, its size in bytes,
    a newline and its bytes are hashed. Any change to the data, including the ECB snapshot,
    changes the checksum. It does not validate (see :func:`validate`).

    >>> checksum = package_checksum()
    >>> len(checksum), checksum == package_checksum()
    (64, True)
    """
    folder = _folder(data_dir)
    digest = hashlib.sha256()
    for name in sorted({DESCRIPTOR, *_resource_paths(_read_descriptor(folder))}):
        try:
            payload = (folder / name).read_bytes()
        except OSError as exc:
            raise DataValidationError(
                f"{folder / name}: cannot read a data package file ({exc})"
            ) from exc
        digest.update(f"{Path(name).as_posix()}\n{len(payload)}\n".encode())
        digest.update(payload)
    return digest.hexdigest()
