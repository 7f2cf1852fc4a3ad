"""Rates between any two currencies of the ECB snapshot, on a day or averaged over a year,
and conversions at them, one value at a time or many in one vectorized pass."""

from __future__ import annotations

import datetime as dt
import functools
import math
from decimal import Decimal
from typing import Any

import numpy as np

from ..errors import RateUnavailableError
from ..fiscal import fiscal_year_bounds
from .dates import as_day, as_days, as_year, as_years
from .quotes import ExplicitRate, PeriodRate, Rate, check_rate, quoted
from .snapshot import REFRESH, PairSeries, RateTable, rate_table

__all__ = ["convert", "convert_array", "period_rate", "rate_on", "rates_on", "resolve_rate"]


def _pair(currency: str, to: str) -> tuple[RateTable, PairSeries]:
    table = rate_table()
    for code in (currency, to):
        if code not in table.per_eur:
            raise RateUnavailableError(
                f"no exchange rate for {code!r}: the ECB snapshot publishes "
                f"{', '.join(table.currencies)}, and data/ has no sourced rate for it"
            )
    if currency == to:
        raise ValueError(f"currency and to are both {currency!r}; nothing to convert")
    return table, table.pair(*quoted(currency, to))


def _unavailable(what: str, series: PairSeries, day: np.datetime64 | None = None) -> Exception:
    first = series.dates[0].astype(object).isoformat()
    last = series.dates[-1].astype(object).isoformat()
    after = day is not None and day > series.dates[-1]
    return RateUnavailableError(
        f"no ECB {series.quote}-per-{series.base} rate for {what}: the snapshot covers "
        f"{first} to {last} for this pair"
        + (f"; its last day is {last}, {REFRESH}" if after else "")
    )


def rate_on(date: Any, currency: str = "JPY", to: str = "USD") -> Rate:
    """The rate of ``date``, or of the latest publication day before it.

    >>> rate_on("2025-12-27").date_used   # a Saturday after the Christmas holidays
    datetime.date(2025, 12, 24)
    >>> rate_on("2025-12-24", "KRW").text()
    '₩1,448.24 per US$'
    """
    day = np.datetime64(as_day(date), "D")
    _, series = _pair(currency, to)
    position = int(np.searchsorted(series.dates, day, side="right")) - 1
    if position < 0 or day > series.dates[-1]:
        raise _unavailable(day.astype(object).isoformat(), series, day)
    return Rate(
        float(series.values[position]),
        currency,
        to,
        requested=day.astype(object),
        date_used=series.dates[position].astype(object),
        source=series.source,
    )


def rates_on(dates: Any, currency: str = "JPY", to: str = "USD") -> np.ndarray:
    """Vectorized :func:`rate_on` (the quoted values, as floats), same rule for each date.

    >>> rates_on(["2025-12-24", "2025-12-26"]).round(4).tolist()
    [155.96, 155.96]
    """
    days = as_days(dates)
    _, series = _pair(currency, to)
    offsets = (days - series.dates[0]).astype("int64")
    outside = (offsets < 0) | (offsets >= len(series.calendar))
    if outside.any():
        first = int(np.argmax(outside))
        raise _unavailable(
            f"{days[first].astype(object).isoformat()} (position {first})", series, days[first]
        )
    return series.calendar[offsets]


@functools.cache
def _period_rate(currency: str, to: str, period: str, sha256: str) -> PeriodRate:
    table, series = _pair(currency, to)
    if period.startswith("FY"):
        start, end = fiscal_year_bounds(int(period[2:]))
    else:
        start, end = dt.date(int(period), 1, 1), dt.date(int(period), 12, 31)
    inside = (series.dates >= np.datetime64(start, "D")) & (series.dates <= np.datetime64(end, "D"))
    days = int(inside.sum())
    complete = table.first_date <= start and table.last_date >= end
    mean = float(series.values[inside].mean()) if days else math.nan
    return PeriodRate(mean, currency, to, period, start, end, days, complete, series.source)


def period_rate(
    currency: str = "JPY",
    to: str = "USD",
    *,
    fiscal_year: Any = None,
    calendar_year: Any = None,
    partial: bool = False,
) -> PeriodRate:
    """Mean rate over the ECB publication days of a fiscal or a calendar year (give one).

    A year the snapshot does not cover in full raises :class:`RateUnavailableError` unless
    ``partial=True`` (and even then a year with no publication day at all raises).

    >>> fy = period_rate(fiscal_year=2025)
    >>> fy.days, fy.complete, round(fy.jpy_per_usd, 2)
    (255, True, 150.74)
    """
    if (fiscal_year is None) == (calendar_year is None):
        raise ValueError("give exactly one of fiscal_year= or calendar_year=")
    if fiscal_year is not None:
        period = f"FY{as_year(fiscal_year, name='fiscal_year')}"
    else:
        period = str(as_year(calendar_year, name="calendar_year"))
    table, _ = _pair(currency, to)
    result = _period_rate(currency, to, period, table.sha256)
    if result.days == 0 or (not result.complete and not partial):
        raise RateUnavailableError(
            f"no complete ECB rate history for {period} ({result.start.isoformat()} to "
            f"{result.end.isoformat()}): the snapshot covers {table.range_text()}"
            + ("" if result.days == 0 else "; pass partial=True to average the days it has")
        )
    return result


def resolve_rate(
    currency: str = "JPY",
    to: str = "USD",
    *,
    rate: Any = None,
    on: Any = None,
    fiscal_year: Any = None,
    calendar_year: Any = None,
) -> ExplicitRate | Rate | PeriodRate:
    """The rate object for exactly one of an explicit rate, a date, a fiscal or calendar year.

    >>> resolve_rate(fiscal_year=2025).days
    255
    """
    choices = (("rate", rate), ("on", on), ("fiscal_year", fiscal_year))
    choices += (("calendar_year", calendar_year),)
    given = [n for n, v in choices if v is not None]
    if len(given) != 1:
        raise ValueError(
            "give exactly one of rate= (units per US dollar, or yen per unit), on= (a date), "
            "fiscal_year= (a Japanese fiscal year) or calendar_year=; got "
            f"{', '.join(given) if given else 'none'}"
        )
    if rate is not None:
        _pair(currency, to)
        return ExplicitRate(check_rate(rate), currency, to)
    if on is not None:
        return rate_on(on, currency, to)
    return period_rate(currency, to, fiscal_year=fiscal_year, calendar_year=calendar_year)


def convert(
    amount: Any,
    currency: str,
    to: str = "USD",
    *,
    rate: Any = None,
    on: Any = None,
    fiscal_year: Any = None,
    calendar_year: Any = None,
) -> float:
    """Convert ``amount`` of ``currency`` into ``to`` (exact Decimal arithmetic, one rounding).

    >>> round(convert(1_000_000_000, "EUR", "JPY", on="2025-12-24") / 1e9, 2)
    183.83
    """
    chosen = resolve_rate(
        currency, to, rate=rate, on=on, fiscal_year=fiscal_year, calendar_year=calendar_year
    )
    return chosen.convert(amount)


def convert_array(
    amounts: Any,
    currency: str,
    to: str = "USD",
    *,
    rate: Any = None,
    on: Any = None,
    fiscal_year: Any = None,
    calendar_year: Any = None,
) -> np.ndarray:
    """Vectorized :func:`convert`: float64 amounts (NaN: missing) to a float64 array.

    ``on``, ``fiscal_year`` and ``calendar_year`` may each be one value or one per amount
    (read by :func:`as_days`/:func:`as_years`, the same rules as the scalar path).
    """
    values = np.asarray(amounts, dtype="float64")
    choices = {"rate": rate, "on": on, "fiscal_year": fiscal_year, "calendar_year": calendar_year}
    given = {name: value for name, value in choices.items() if value is not None}
    if len(given) != 1 or rate is not None or _scalar(next(iter(given.values()))):
        # one rate for every amount: exactly the scalar path's rate (and its errors)
        chosen = resolve_rate(currency, to, **choices)
        rates = np.full(len(values), chosen.value)
    elif on is not None:
        rates = rates_on(on, currency, to)
    else:
        ((name, per_amount),) = given.items()
        years = as_years(per_amount, name=name)
        lookup = {
            int(y): period_rate(currency, to, **{name: int(y)}).value for y in np.unique(years)
        }
        rates = np.array([lookup[int(y)] for y in years], dtype="float64")
    if len(rates) != len(values):
        raise ValueError(
            f"{len(rates)} dates or years for {len(values)} amounts; expected one per amount"
        )
    quote = quoted(currency, to)[0]
    with np.errstate(over="ignore"):
        result = values / rates if currency == quote else values * rates
    overflow = np.isinf(result) & np.isfinite(values)
    if overflow.any():
        position = int(np.argmax(overflow))
        raise ValueError(
            f"amount at position {position} ({values[position]!r} {currency}) converts to more "
            f"{to} than a float can hold; expected a smaller amount"
        )
    return result


def _scalar(value: Any) -> bool:
    return isinstance(value, str | Decimal | dt.date) or np.ndim(value) == 0
