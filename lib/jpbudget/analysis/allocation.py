"""Where the money of an envelope goes: the itemised lines, their shares, an explicit remainder.

>>> a = allocation(2026, "chips-ai")
>>> a.table[["item", "amount_jpy", "share_pct"]].values.tolist()[-1]
['not itemised in sources', 701700000000, Decimal('56.6')]
>>> sum(a.table["share"]) == 1, sum(a.table["share_pct"])
(True, Decimal('100.0'))
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from .. import data
from ..yen import format_yen
from .budget import REGULAR_BUDGETS, budget_years, lines, regular_budget
from .display import item_label

__all__ = [
    "ENVELOPES",
    "NOT_ITEMISED",
    "Allocation",
    "allocation",
    "allocation_years",
    "display_percentages",
]

ENVELOPES = ("chips-ai", "meti-total")
NOT_ITEMISED = "not itemised in sources"


@dataclass(frozen=True)
class Allocation:
    """The lines of an envelope, with an explicit remainder; shares sum to exactly 1.

    ``table``: ``line`` (the reader's label), ``item``, ``amount_jpy``, ``amount_text`` (as printed; empty for the remainder),
    ``share`` (exact Fraction), ``share_pct`` (display, adds to 100.0), ``source_id``.
    ``not_counted``: lines inside the envelope with a qualified or weak figure.
    ``reported_elsewhere``: weak or qualified figures of the same year that the sources do not
    place inside any envelope (such as the reported Rapidus R&D money), shown for context and
    never counted.
    """

    fiscal_year: int
    envelope: str
    envelope_row: pd.Series
    table: pd.DataFrame
    not_counted: pd.DataFrame
    reported_elsewhere: pd.DataFrame

    @property
    def total_jpy(self) -> int:
        return int(self.envelope_row["amount_jpy"])

    @property
    def remainder_jpy(self) -> int:
        return int(self.table["amount_jpy"].iloc[-1])


def allocation_years(envelope: str) -> list[int]:
    """Fiscal years with a figure for ``envelope`` and at least one itemised line inside it."""
    table = lines()
    inside = set(table.loc[table["within"] == envelope, "fiscal_year"].astype(int))
    return [y for y in budget_years(envelope) if y in inside]


def display_percentages(shares: list[Fraction], places: int = 1) -> list[Decimal]:
    """Round exact shares to percentages that still add up to exactly 100 (largest remainder).

    >>> display_percentages([Fraction(1, 3)] * 3)
    [Decimal('33.4'), Decimal('33.3'), Decimal('33.3')]
    """
    scale = 100 * 10**places
    raw = [share * scale for share in shares]
    floors = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[: scale - sum(floors)]:
        floors[i] += 1
    return [Decimal(f).scaleb(-places) for f in floors]


def allocation(fiscal_year: int, envelope: str) -> Allocation:
    """Shares of the itemised lines inside ``envelope`` in ``fiscal_year``, plus a remainder.

    Only lines the sources place directly inside the envelope (``within``) are counted, so a
    METI line outside chips & AI (minerals, nuclear) never counts inside it, and a line nested
    deeper (Rapidus inside chips & AI inside METI) is not counted twice. Lines with a qualified
    ("about") or weak figure go to ``not_counted``. Whatever the itemised lines leave is an
    explicit "not itemised in sources" row.
    """
    envelope_row = regular_budget(fiscal_year, envelope)
    if envelope_row is None:
        raise ValueError(
            f"FY{fiscal_year} has no figure for {envelope!r}; "
            f"expected one of {allocation_years(envelope)}"
        )
    table = lines()
    same_year = table[(table["fiscal_year"] == fiscal_year) & table["budget"].isin(REGULAR_BUDGETS)]
    inside = same_year[same_year["within"] == envelope]
    exact = (inside["confidence"] == "exact") & (inside["qualifier"] == "")
    counted, not_counted = inside[exact], inside[~exact]
    elsewhere = same_year[
        same_year["within"].isna()
        & ((same_year["confidence"] == "weak") | (same_year["qualifier"] != ""))
        & (same_year["ministry"] == envelope_row["ministry"])
    ]
    total = int(envelope_row["amount_jpy"])
    itemised = int(counted["amount_jpy"].sum())
    if itemised > total:
        raise data.DataValidationError(
            f"budget-lines: the lines inside {envelope} in FY{fiscal_year} add up to "
            f"{format_yen(itemised)}, more than the envelope's {format_yen(total)}"
        )
    rows = [
        {
            "item": str(r["item"]),
            "amount_jpy": int(r["amount_jpy"]),
            "amount_text": str(r["amount_text"]),
            "source_id": str(r["source_id"]),
        }
        for _, r in counted.sort_values("amount_jpy", ascending=False).iterrows()
    ]
    rows.append(
        {
            "item": NOT_ITEMISED,
            "amount_jpy": total - itemised,
            "amount_text": "",
            "source_id": str(envelope_row["source_id"]),
        }
    )
    result = pd.DataFrame(rows)
    result.insert(0, "line", [item_label(i) for i in result["item"]])
    result["share"] = [Fraction(int(a), total) for a in result["amount_jpy"]]
    result["share_pct"] = display_percentages(list(result["share"]))
    return Allocation(
        fiscal_year,
        envelope,
        envelope_row,
        result,
        not_counted.reset_index(drop=True),
        elsewhere.reset_index(drop=True),
    )
