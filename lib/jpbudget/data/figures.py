"""Every reported figure of the data package in one table, each with its source."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .package import checked
from .vocabulary import FIGURE_RESOURCES, PRIMARY_KEYS, TEXT_AND_VALUE


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
    tables = checked(data_dir)
    parts = []
    for name in FIGURE_RESOURCES:
        frame = tables[name]
        text_field = TEXT_AND_VALUE[name][0]
        key = frame[list(PRIMARY_KEYS[name])].astype(str).agg("/".join, axis=1)
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
