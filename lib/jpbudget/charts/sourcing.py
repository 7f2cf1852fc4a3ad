"""Source ids of analysis rows -> the publishers a source line names and the CSV's citations."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from ..i18n import N_, gettext
from ..terms import publisher_label


def source_ids(value: Any) -> list[str]:
    """The source ids of one cell: a list, or text joined by "," or "+"."""
    if value is None or (not isinstance(value, (str, list, tuple)) and pd.isna(value)):
        return []
    items = value if isinstance(value, (list, tuple)) else str(value).replace("+", ",").split(",")
    return [str(i).strip() for i in items if str(i).strip()]


def _row(source_id: str) -> dict[str, Any]:
    """The record of ``source_id`` in the data's ``sources`` (:func:`jpbudget.data.source_record`,
    which follows the data as it changes)."""
    from .. import data

    try:
        return data.source_record(source_id)
    except KeyError:
        raise ValueError(f"source id {source_id!r} is not in data/sources.csv") from None


def publishers(ids: Iterable[str]) -> list[str]:
    """The publishers of ``ids``, in order (repeats kept; :func:`style.source_line` dedups)."""
    return [str(_row(i)["publisher"]) for i in ids]


def citation(value: Any) -> str:
    """The sources of one row for a CSV: "Publisher, date: title <url>; ...", the publisher
    named as the page in the active language names it (:func:`jpbudget.terms.publisher_label`:
    東洋経済 for Toyo Keizai on a Japanese page), the title as published."""
    parts = []
    for source_id in source_ids(value):
        row = _row(source_id)
        published = row.get("published")
        missing = published is None or pd.isna(published)
        when = gettext(N_("undated")) if missing else str(published)[:10]
        parts.append(
            gettext(
                N_("%(publisher)s, %(date)s: %(title)s <%(url)s>"),
                publisher=publisher_label(str(row["publisher"])),
                date=when,
                title=row["title"],
                url=row["url"],
            )
        )
    return "; ".join(parts)


def all_ids(column: Iterable[Any]) -> list[str]:
    return [i for cell in column for i in source_ids(cell)]


def shown_columns(shown: str, marks: str | Iterable[str], source: str) -> dict[str, Any]:
    """The columns a chart's data (its CSV) ends with, in the active language: how the value
    is shown, its marks (text as given, or marks such as ``("draft", "about")`` in words:
    :func:`.style.marks_text`) and its sources."""
    from .style import marks_text

    return {
        gettext(N_("Shown as")): shown,
        gettext(N_("Marks")): marks if isinstance(marks, str) else marks_text(tuple(marks)),
        "source": source,
    }
