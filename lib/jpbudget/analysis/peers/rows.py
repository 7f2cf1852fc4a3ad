"""The rows compared: programmes abroad and Japan's budget lines in one shape, GDP figures,
and conversion between currencies at an ECB reference rate of a stated day."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pandas as pd

from ... import data, fx, international
from ...data.package import file_stamps, folder_of
from ...params import check_choice
from .words import COUNTRY_NAMES

BASES = ("direct-spending", "all-instruments")
PERS = ("total", "per-year", "share-of-gdp")
CURRENCIES = ("USD", "JPY")
DIRECT_INSTRUMENTS = ("grant-subsidy", "equity")
__all__ = [
    "BASES",
    "COUNTRY_NAMES",
    "CURRENCIES",
    "DIRECT_INSTRUMENTS",
    "PERS",
    "GdpFigure",
    "apart",
    "awards",
    "comparison",
    "convert",
    "gdp_figure",
    "japan_programmes",
    "programme_row",
    "programmes",
]

#: The Japanese budget lines compared with programmes abroad, in the same shape.
_JAPAN_LINES = (
    # key, items and years summed, instrument, programme
    (
        "jp-chips-supplementary-fy2021-23",
        "chips-supplementary",
        (2021, 2022, 2023),
        "grant-subsidy",
        "Chip support in the FY2021-23 supplementary budgets",
    ),
    (
        "jp-chips-ai-fy2026",
        "chips-ai",
        (2026,),
        "grant-subsidy",
        "Chips & AI envelope, FY2026 (subsidies, R&D and Rapidus equity)",
    ),
    (
        "jp-ai-chips-framework",
        "ai-chips-framework",
        (2024,),
        "mixed-package",
        "AI/semiconductor framework to FY2030",
    ),
)
#: Budgets read for Japan, best first (an enacted figure supersedes a draft).
_BUDGETS = ("initial", "initial-draft", "supplementary", "multi-year")


# --- rows -------------------------------------------------------------------------------------


def _budget_row(fiscal_year: int, item: str) -> pd.Series:
    lines = data.load("budget-lines")
    for budget in _BUDGETS:
        rows = lines[
            (lines.fiscal_year == fiscal_year)
            & (lines.item.astype(object) == item)
            & (lines.budget.astype(object) == budget)
        ]
        if len(rows):
            return rows.iloc[0]
    raise KeyError(f"no budget-lines row for FY{fiscal_year} {item}")


def japan_programmes() -> pd.DataFrame:
    """Japan's figures from ``budget-lines`` in the shape of :func:`programmes` (sums computed)."""
    records = []
    for key, item, years, instrument, programme in _JAPAN_LINES:
        rows = [_budget_row(year, item) for year in years]
        first = rows[0]
        budget = str(first.budget)
        if budget == "multi-year":
            start, end = 2024, 2030  # the framework's period, FY2024 to FY2030 (see its note)
        else:
            start, end = years[0], years[-1]
        records.append(
            {
                "key": key,
                "country": "JP",
                "programme": programme,
                "recipient": "",
                "instrument": instrument,
                "within": "",
                "status": "draft" if budget == "initial-draft" else "in-force",
                "period_start": start,
                "period_end": end,
                "period_kind": "fiscal-year",
                "amount_text": " + ".join(str(r.amount_text) for r in rows),
                "amount": sum(int(r.amount_jpy) for r in rows),
                "currency": "JPY",
                "qualifier": str(first.qualifier or ""),
                "confidence": "weak" if any(r.confidence == "weak" for r in rows) else "exact",
                "source_id": str(first.source_id),
                "computed": len(rows) > 1,
            }
        )
    return _finish(pd.DataFrame.from_records(records))


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    frame["period_start"] = frame["period_start"].astype("Int64")
    frame["period_end"] = frame["period_end"].astype("Int64")
    frame["years"] = (frame["period_end"] - frame["period_start"] + 1).astype("Int64")
    frame["country_name"] = frame["country"].astype(object).map(COUNTRY_NAMES)
    return frame


#: :func:`programmes` made once per state of the data files (the key of the tables' own cache,
#: ``file_stamps``): the peers report asks for it a dozen times.
_PROGRAMMES: dict[bool, tuple[Any, pd.DataFrame]] = {}


def programmes(*, include_weak: bool = False) -> pd.DataFrame:
    """Every programme and award, Japan's included, one row each (weak rows only if asked).

    Columns: ``key``, ``country``, ``country_name``, ``programme``, ``recipient``,
    ``instrument``, ``within``, ``status``, ``period_start``, ``period_end``, ``years``,
    ``period_kind``, ``amount_text``, ``amount`` (int, own currency), ``currency``,
    ``qualifier``, ``confidence``, ``source_id``, ``computed`` (a sum of several rows).
    The frame is a copy: change it freely.
    """
    stamps = file_stamps(folder_of(None))  # taken before the files are read
    made = _PROGRAMMES.get(include_weak)
    if made is None or made[0] != stamps:
        made = (stamps, _programmes(include_weak))
        _PROGRAMMES[include_weak] = made
    return made[1].copy()


def _programmes(include_weak: bool) -> pd.DataFrame:
    abroad = international.load("international-programmes").rename(columns={"programme_id": "key"})
    abroad = abroad.drop(columns=["note"])
    for column in ("country", "instrument", "status", "period_kind", "currency", "qualifier"):
        abroad[column] = abroad[column].astype(object)
    abroad["confidence"] = abroad["confidence"].astype(object)
    abroad["amount"] = abroad["amount"].astype(object).map(int)
    abroad["computed"] = False
    table = pd.concat([japan_programmes(), _finish(abroad)], ignore_index=True)
    if not include_weak:
        table = table[table.confidence == "exact"]
    return table.reset_index(drop=True)


def comparison(basis: str, *, include_weak: bool = False) -> pd.DataFrame:
    """The national programmes compared on ``basis`` (company awards are in none of them).

    ``direct-spending``: grants, subsidies and equity in force or in a draft budget, top-level
    rows only (never a row inside another); ``all-instruments``: every national row, each with
    its instrument, to be shown side by side and never summed across instruments.
    """
    check_choice("basis", basis, BASES)
    table = programmes(include_weak=include_weak)
    national = table[(table.recipient == "") & (table.status != "cancelled")]
    if basis == "direct-spending":
        national = national[national.instrument.isin(DIRECT_INSTRUMENTS) & (national.within == "")]
    return national.reset_index(drop=True)


def apart(*, include_weak: bool = False) -> pd.DataFrame:
    """National rows that are not direct spending: shown apart, never added to it."""
    table = comparison("all-instruments", include_weak=include_weak)
    return table[~table.instrument.isin(DIRECT_INSTRUMENTS)].reset_index(drop=True)


def awards(*, include_weak: bool = False) -> pd.DataFrame:
    """Company awards abroad (inside their programmes; never added to them)."""
    table = programmes(include_weak=include_weak)
    return table[table.recipient != ""].reset_index(drop=True)


def programme_row(key: str) -> pd.Series:
    """The row of programme ``key`` (weak rows included), Japan's or abroad."""
    table = programmes(include_weak=True).set_index("key")
    return table.loc[key]


# --- GDP and shares ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GdpFigure:
    """A country's nominal GDP for one year: as printed, or the sum of four printed quarters."""

    country: str
    year: int
    year_kind: str
    amount: int
    currency: str
    text: str
    how: str
    confidence: str
    source_ids: tuple[str, ...]


def gdp_figure(country: str, year: int, *, fiscal: bool = False) -> GdpFigure | None:
    """The GDP row of ``country`` for calendar (or ``fiscal``) ``year``; None if there is none.

    An annual row is used as printed; otherwise four quarters of one source are summed (said in
    ``how``).

    >>> gdp_figure("DE", 2024).amount, gdp_figure("DE", 2024).how
    (4305260000000, 'sum of the four quarters printed by the source')
    >>> gdp_figure("CN", 2024) is None
    True
    """
    table = international.load("gdp")
    kind = "fiscal-year" if fiscal else "calendar-year"
    rows = table[
        (table.country.astype(object) == country)
        & (table.year == year)
        & (table.year_kind.astype(object) == kind)
    ]
    annual = rows[rows.period.astype(object) == "year"]
    if len(annual):
        row = annual.iloc[0]
        return GdpFigure(
            country,
            year,
            kind,
            int(row.amount),
            str(row.currency),
            str(row.amount_text),
            "as printed",
            str(row.confidence),
            (str(row.source_id),),
        )
    quarters = rows[rows.period.astype(object).isin(["Q1", "Q2", "Q3", "Q4"])]
    if len(quarters) == 4 and quarters.source_id.nunique() == 1:
        return GdpFigure(
            country,
            year,
            kind,
            sum(int(a) for a in quarters.amount),
            str(quarters.currency.iloc[0]),
            " + ".join(quarters.amount_text),
            "sum of the four quarters printed by the source",
            "weak" if (quarters.confidence == "weak").any() else "exact",
            (str(quarters.source_id.iloc[0]),),
        )
    return None


# --- conversion ---------------------------------------------------------------------------------


def convert(amount: Any, currency: str, to: str, day: Any) -> tuple[Decimal, fx.Rate | None]:
    """``amount`` of ``currency`` in ``to`` at the ECB reference rate of ``day``.

    Returns the converted amount and the rate used (None when no conversion was needed); the
    division is exact (:meth:`jpbudget.fx.Rate.convert`), rounded once. A currency the ECB
    snapshot does not publish is refused by name (:class:`RateUnavailableError`).

    >>> value, rate = convert(1_239_000_000_000, "JPY", "USD", "2025-12-26")
    >>> round(value / 10**9, 2), rate.date_used.isoformat()
    (Decimal('7.94'), '2025-12-24')
    >>> convert(300_000_000_000, "TWD", "USD", "2025-12-26")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jpbudget.errors.RateUnavailableError: no exchange rate for 'TWD': the ECB snapshot publishes ...
    """
    if currency == to:
        return Decimal(int(amount)), None
    rate = fx.rate_on(day, currency=currency, to=to)
    return Decimal(repr(rate.convert(int(amount)))), rate
