"""The project's datasets: a validated Frictionless Data Package in ``data/``.

``data/datapackage.json`` describes the tables of :data:`RESOURCES` and the pinned ECB
exchange-rate snapshot. :func:`load` returns a table as a DataFrame with dtypes taken from the
schema (:mod:`.dtypes`) after validating the whole package once per process, and again only when
a file changes (:mod:`.package`):

- the Frictionless schema: columns, types, required fields, vocabularies (enums), patterns,
  primary keys and foreign keys;
- the project's checks (:mod:`.checks`, :mod:`.references`), Frictionless ``Check`` classes that
  ``frictionless validate data/datapackage.json --checklist data/checklist.json`` runs too:
  numbers finite and in range, every stored value against its text (``parse_yen`` for yen),
  date precision, English glosses of Japanese titles, the keys and source references the
  library relies on (even without ``primaryKey``/``foreignKeys`` in the descriptor), ``within``
  and ``compare_to`` references;
- the ECB snapshot against the SHA-256 recorded in the descriptor.

Any failure raises :class:`DataValidationError` naming the file, the row (1-based data row, its
line in the file and its key) and the field (:mod:`.messages`). Nothing is ever written into
``data/``.

Modules: :mod:`.vocabulary` (names, keys, hedges the library relies on), :mod:`.package`
(descriptor, validation, cache), :mod:`.dtypes`, :mod:`.checks`, :mod:`.references`,
:mod:`.messages`, :mod:`.figures`, :mod:`.events`, :mod:`.compare_to` (the claims
mini-language).

>>> lines = load("budget-lines")
>>> row = lines[(lines.fiscal_year == 2026) & (lines.item == "chips-ai")].iloc[0]
>>> row.amount_text, int(row.amount_jpy), row.budget
('1兆2390億円', 1239000000000, 'initial-draft')
>>> sources(row.source_id).loc[row.source_id, "publisher"]
'Toyo Keizai'
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from ..digest import files_sha256
from ..errors import DataValidationError
from .compare_to import CompareTo, parse_compare_to
from .events import BudgetEvent, budget_event
from .figures import figures
from .package import checked, folder_of, read_descriptor, resource_paths
from .vocabulary import (
    DESCRIPTOR,
    FIGURE_RESOURCES,
    HEDGE_FORMS,
    PRIMARY_KEYS,
    RAPIDUS_SCOPES,
    RESOURCES,
    strip_qualifier,
)

__all__ = [
    "FIGURE_RESOURCES",
    "HEDGE_FORMS",
    "PRIMARY_KEYS",
    "RAPIDUS_SCOPES",
    "RESOURCES",
    "BudgetEvent",
    "CompareTo",
    "DataValidationError",
    "budget_event",
    "figures",
    "load",
    "package_checksum",
    "parse_compare_to",
    "require_resource",
    "source_record",
    "sources",
    "strip_qualifier",
    "validate",
]


def validate(data_dir: str | Path | None = None) -> None:
    """Validate the whole data package (cached per process until a file changes).

    Raises :class:`DataValidationError` naming the file, row, key and field of every problem
    found (the schema check reports them all; the amount and reference checks run once the
    schema passes).

    >>> validate() is None
    True
    """
    checked(data_dir)


def require_resource(
    name: str, known: tuple[str, ...], *, kind: str = "resource", hint: str = ""
) -> None:
    """Refuse a resource ``name`` not among ``known``: a KeyError naming it and listing them."""
    if name not in known:
        raise KeyError(f"no {kind} {name!r}: expected one of {', '.join(map(repr, known))}{hint}")


def load(resource_name: str, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One tabular resource as a DataFrame with proper dtypes, after validating the package.

    ``resource_name`` is one of :data:`RESOURCES`. The frame is a copy: change it freely.

    >>> claims = load("claims")
    >>> len(claims), str(claims["unit"].dtype), str(claims["stated_value"].dtype)
    (12, 'category', 'float64')
    >>> load("budget")
    Traceback (most recent call last):
    ...
    KeyError: "no resource 'budget': expected one of 'sources', 'budget-lines', 'rapidus-support', 'claims', 'context-figures', 'company-subsidies', 'budget-events'"
    """
    require_resource(resource_name, RESOURCES)
    return checked(data_dir)[resource_name].copy()


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
    table = _sources_by_id(data_dir)
    if not source_ids:
        return table.copy()
    unknown = [s for s in source_ids if s not in table.index]
    if unknown:
        raise KeyError(
            f"unknown source_id {', '.join(repr(s) for s in unknown)}: see "
            "jpbudget.data.sources().index or data/sources.csv for the valid ids"
        )
    return table.loc[list(source_ids)]


def source_record(source_id: str, *, data_dir: str | Path | None = None) -> dict[str, Any]:
    """One source's row of ``sources`` as a dict (``source_id`` and every field, as
    ``sources(source_id).iloc[0]`` holds them); a new dict each time: change it freely.

    An unknown id raises ``KeyError`` naming it, as :func:`sources` does.

    >>> record = source_record("mof-fy2026-draft")
    >>> record["source_id"], record["language"], record["published"].date().isoformat()
    ('mof-fy2026-draft', 'ja', '2025-12-26')
    """
    records = _sources_indexed(data_dir)[2]
    if source_id not in records:
        sources(source_id, data_dir=data_dir)  # raises the KeyError naming it
    return {"source_id": source_id, **records[source_id]}


#: The ``sources`` table indexed by id, and its rows as dicts, with the validated tables they
#: came from (by folder): a notebook asks for a source hundreds of times, and the tables change
#: only with the files.
_SOURCES_BY_ID: dict[
    Path, tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, dict[str, Any]]]
] = {}


def _sources_indexed(
    data_dir: str | Path | None,
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame, dict[str, dict[str, Any]]]:
    folder = folder_of(data_dir)
    tables = checked(folder)
    cached = _SOURCES_BY_ID.get(folder)
    if cached is None or cached[0] is not tables:
        table = tables["sources"].set_index("source_id")
        cached = (tables, table, table.to_dict("index"))
        if folder not in _SOURCES_BY_ID and len(_SOURCES_BY_ID) >= 8:  # a few folders at once
            _SOURCES_BY_ID.pop(next(iter(_SOURCES_BY_ID)))
        _SOURCES_BY_ID[folder] = cached
    return cached


def _sources_by_id(data_dir: str | Path | None) -> pd.DataFrame:
    """The validated ``sources`` table indexed by ``source_id``; shared: copy before changing."""
    return _sources_indexed(data_dir)[1]


def package_checksum(data_dir: str | Path | None = None) -> str:
    """SHA-256 (hex) of ``datapackage.json`` and every resource file it describes.

    :func:`jpbudget.digest.files_sha256` over those files (paths relative to ``data/``). Any
    change to the data, including the ECB snapshot, changes the checksum. It does not validate
    (see :func:`validate`).

    >>> checksum = package_checksum()
    >>> len(checksum), checksum == package_checksum()
    (64, True)
    """
    folder = folder_of(data_dir)
    names = {DESCRIPTOR, *resource_paths(read_descriptor(folder))}
    try:
        return files_sha256(folder, names)
    except OSError as exc:
        raise DataValidationError(
            f"{folder}: cannot read a data package file ({exc.filename}: {exc.strerror})"
        ) from exc
