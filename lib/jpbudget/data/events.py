"""The life of each budget (``budget-events``): when its draft, passage and enactment happened."""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import NamedTuple

from .package import checked


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
    table = checked(data_dir)["budget-events"]
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
