"""The budget lines every question reads: regular and supplementary rows, and their status.

A fiscal year's *regular* budget is its initial budget: the enacted one where the sources give
it, else the cabinet draft. *Supplementary* budgets are passed during the year. Rows nested
inside another line (``within``) are parts of it and never added to it.

>>> int(regular_budget(2026, "chips-ai")["amount_jpy"])
1239000000000
>>> budget_years("meti-total")
[2024, 2025, 2026]
"""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = [
    "REGULAR_BUDGETS",
    "SUPPLEMENTARY_ITEMS",
    "budget_years",
    "growth_items",
    "is_weak",
    "lines",
    "regular_budget",
    "supplementary_rows",
]

#: Regular (non-supplementary) budget kinds, best first: an enacted figure supersedes the draft.
REGULAR_BUDGETS = ("initial", "initial-draft")
#: Top-level supplementary items for chips (FY2021-23: chips; from FY2024: chips & AI).
SUPPLEMENTARY_ITEMS = ("chips-ai-supplementary", "chips-supplementary")


def lines() -> pd.DataFrame:
    """The validated ``budget-lines`` table."""
    return data.load("budget-lines")


def is_weak(row: pd.Series) -> bool:
    """Whether the data marks a row's figure as weak (single or unchecked source)."""
    return str(row["confidence"]) == "weak"


def regular_budget(fiscal_year: int, item: str) -> pd.Series | None:
    """The regular-budget row of ``item`` in ``fiscal_year``: enacted if sourced, else the draft."""
    table = lines()
    for kind in REGULAR_BUDGETS:
        rows = table[
            (table["fiscal_year"] == fiscal_year)
            & (table["item"] == item)
            & (table["budget"] == kind)
        ]
        if len(rows):
            return rows.iloc[0]
    return None


def budget_years(item: str) -> list[int]:
    """Fiscal years with a regular-budget figure for ``item``."""
    table = lines()
    rows = table[(table["item"] == item) & table["budget"].isin(REGULAR_BUDGETS)]
    return sorted(int(y) for y in rows["fiscal_year"].unique())


def growth_items() -> list[str]:
    """Items with a regular-budget figure in at least two fiscal years.

    >>> growth_items()
    ['chips-ai', 'meti-total', 'rapidus-equity']
    """
    table = lines()
    regular = table[table["budget"].isin(REGULAR_BUDGETS)]
    counts = regular.groupby("item", observed=True)["fiscal_year"].nunique()
    return sorted(str(i) for i in counts[counts >= 2].index)


def supplementary_rows(fiscal_year: int) -> pd.DataFrame:
    """The top-level chips (& AI) supplementary rows of ``fiscal_year`` (none nested).

    >>> supplementary_rows(2023)["amount_text"].tolist()
    ['18,532億円']
    """
    table = lines()
    return table[
        (table["fiscal_year"] == fiscal_year)
        & (table["budget"] == "supplementary")
        & table["item"].isin(SUPPLEMENTARY_ITEMS)
        & table["within"].isna()
    ]
