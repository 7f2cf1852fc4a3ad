"""Rates between any two currencies of the ECB snapshot, on a day or averaged over a year.

A rate is quoted one fixed way for each pair, whichever way a conversion goes: units of the other
currency per US dollar when the dollar is one of the two (¥155.96 per US$, ₩1,469.80 per US$);
otherwise yen per unit of the other when the yen is one of them (¥21.73 per CN¥); otherwise units
of the currency converted per unit of the target. Period averages are taken of that quote, so
converting one way and back at the same average gives the amount again.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

import numpy as np

from ..errors import RateUnavailableError
from ..fiscal import fiscal_year_bounds
from ..yen import parse_yen
from .dates import as_day, as_days, as_year, as_years
from .snapshot import REFRESH, PairSeries, RateTable, rate_table

__all__ = [
    "ExplicitRate",
    "FiscalYearRate",
    "PeriodRate",
    "Rate",
    "check_amount",
    "check_rate",
    "convert",
    "convert_array",
    "period_rate",
    "quoted",
    "rate_on",
    "rates_on",
    "resolve_rate",
    "shown",
]


def quoted(currency: str, to: str) -> tuple[str, str]:
    """``(quote, base)``: how the rate between two currencies is quoted (module docstring).

    >>> quoted("JPY", "USD"), quoted("USD", "JPY"), quoted("CNY", "JPY"), quoted("EUR", "GBP")
    (('JPY', 'USD'), ('JPY', 'USD'), ('JPY', 'CNY'), ('EUR', 'GBP'))
    """
    for anchor in ("USD", "JPY"):
        if anchor in (currency, to):
            other = to if currency == anchor else currency
            return (other, anchor) if anchor == "USD" else (anchor, other)
    return currency, to


def shown(value: Any, limit: int = 40) -> str:
    """``repr(value)``, shortened in the middle when longer than ``limit`` characters.

    >>> shown(10**400)
    '1000000000000000…0000000000000000 (401 characters)'
    """
    text = repr(value)
    if len(text) <= limit:
        return text
    half = (limit - 8) // 2
    return f"{text[:half]}…{text[-half:]} ({len(text)} characters)"


def _symbol(code: str) -> str:
    if code == "USD":
        return "US$"
    from babel.numbers import get_currency_symbol

    symbol = get_currency_symbol(code, locale="en")
    return symbol if symbol != code else f"{code} "


def _number(value: float) -> str:
    return f"{value:,.2f}" if value >= 10 else f"{value:.4g}"


@dataclass(frozen=True)
class _Quote:
    """A value of ``quote`` per 1 ``base`` for converting ``currency`` into ``to``."""

    value: float
    currency: str = "JPY"
    to: str = "USD"

    @property
    def quote(self) -> str:
        return quoted(self.currency, self.to)[0]

    @property
    def base(self) -> str:
        return quoted(self.currency, self.to)[1]

    @property
    def jpy_per_usd(self) -> float:
        """The value, for a rate between yen and US dollars (the project's main pair)."""
        if (self.quote, self.base) != ("JPY", "USD"):
            raise AttributeError(f"a {self.quote}-per-{self.base} rate has no jpy_per_usd")
        return self.value

    def text(self) -> str:
        """``'¥155.96 per US$'``."""
        return f"{_symbol(self.quote)}{_number(self.value)} per {_symbol(self.base).strip()}"

    def convert(self, amount: Any) -> float:
        """``amount`` of :attr:`currency` in :attr:`to`, divided (or multiplied) exactly in
        Decimal, rounded once to a float; a result a float cannot hold is refused."""
        exact = check_amount(amount, self.currency)
        rate = Decimal(repr(self.value))
        result = float(exact / rate if self.currency == self.quote else exact * rate)
        if not math.isfinite(result):
            raise ValueError(
                f"amount {shown(amount)} {self.currency} at {self.text()} is {self.to} "
                f"{exact / rate if self.currency == self.quote else exact * rate:.3e}, beyond "
                "what a float can hold (about 1.8e308); expected a smaller amount"
            )
        return result


@dataclass(frozen=True)
class Rate(_Quote):
    """The ECB rate used for a requested day: that day's, or the latest publication before it."""

    requested: dt.date = dt.date.min
    date_used: dt.date = dt.date.min
    source: str = ""
    #: what the day is, e.g. "the FY2026 initial budget's cabinet decision (source ...)"
    occasion: str = field(default="", compare=False)

    def describe(self) -> str:
        """One sentence saying which rate of which day was used.

        >>> rate_on("2025-12-24").describe()  # doctest: +ELLIPSIS
        '¥155.96 per US$: ECB reference rate of 2025-12-24 (...)'
        """
        used = self.date_used.isoformat()
        when = (
            f"ECB reference rate of {used}"
            if self.date_used == self.requested
            else f"ECB reference rate of {used}, the latest publication day on or before "
            f"{self.requested.isoformat()}"
        )
        occasion = f", the date of {self.occasion}" if self.occasion else ""
        return f"{self.text()}: {when}{occasion} ({self.source})"


@dataclass(frozen=True)
class PeriodRate(_Quote):
    """Mean of the daily rates on the ECB publication days of a fiscal or calendar year."""

    period: str = ""  # "FY2025" or "2025"
    start: dt.date = dt.date.min
    end: dt.date = dt.date.min
    days: int = 0
    complete: bool = False
    source: str = field(default="", compare=False)

    @property
    def fiscal_year(self) -> int | None:
        return int(self.period[2:]) if self.period.startswith("FY") else None

    def describe(self) -> str:
        """One sentence saying how the average was formed.

        >>> period_rate("JPY", fiscal_year=2024).describe()  # doctest: +ELLIPSIS
        '¥152.44 per US$: mean of 256 daily ECB reference rates in FY2024 (2024-04-01 to ...'
        """
        partial = "" if self.complete else ", partial year: the snapshot does not cover it all"
        return (
            f"{self.text()}: mean of {self.days} daily ECB reference rates in {self.period} "
            f"({self.start.isoformat()} to {self.end.isoformat()}{partial}; {self.source})"
        )


#: The fiscal-year average of the README's API (a :class:`PeriodRate` whose period is a FY).
FiscalYearRate = PeriodRate


@dataclass(frozen=True)
class ExplicitRate(_Quote):
    """A rate given by the user rather than looked up (quoted as :func:`quoted` says)."""

    def describe(self) -> str:
        """One sentence naming the rate.

        >>> ExplicitRate(150.0, "JPY", "USD").describe()
        '¥150.00 per US$: explicit rate given as a parameter'
        """
        return f"{self.text()}: explicit rate given as a parameter"


def check_amount(amount: Any, currency: str) -> Decimal:
    """An amount as an exact Decimal: yen as :func:`jpbudget.parse_yen` reads them (text too);
    other currencies as finite numbers."""
    if currency == "JPY":
        return Decimal(parse_yen(amount))
    if isinstance(amount, bool) or not isinstance(
        amount, int | float | Decimal | np.integer | np.floating
    ):
        raise ValueError(
            f"amount {shown(amount)} is not a number; expected an amount of {currency} as a "
            "finite number"
        )
    try:
        exact = Decimal(int(amount)) if isinstance(amount, int | np.integer) else Decimal(amount)
        if not exact.is_finite():
            raise InvalidOperation
        return exact if isinstance(amount, Decimal) else Decimal(repr(float(amount)))
    except (InvalidOperation, ValueError, OverflowError):
        raise ValueError(
            f"amount {shown(amount)} is not a finite number; expected an amount of {currency}"
        ) from None


def check_rate(rate: Any, *, name: str = "rate") -> float:
    """An explicit rate: a finite number above zero that a float can hold, as a float.

    >>> check_rate(150)
    150.0
    """
    if isinstance(rate, bool) or not isinstance(
        rate, int | float | Decimal | np.integer | np.floating
    ):
        raise ValueError(
            f"{name} {shown(rate)} is not a number; expected a positive number such as 155.9 "
            "(yen per US dollar)"
        )
    try:
        value = float(rate)
    except (OverflowError, ValueError):  # 10**400, Decimal("sNaN")
        value = math.nan
    if not math.isfinite(value) or value < sys.float_info.min:
        raise ValueError(
            f"{name} {shown(rate)} is not a usable exchange rate; expected a finite number above "
            "zero, such as 155.9 (yen per US dollar)"
        )
    return value


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
    per_row = {"on": on, "fiscal_year": fiscal_year, "calendar_year": calendar_year}
    per_row = {k: v for k, v in per_row.items() if v is not None and not _scalar(v)}
    if not per_row:  # one rate for every amount: exactly the scalar path's rate
        chosen = resolve_rate(
            currency, to, rate=rate, on=on, fiscal_year=fiscal_year, calendar_year=calendar_year
        )
        rates = np.full(len(values), chosen.value)
    elif (
        rate is not None
        or len(per_row) > 1
        or sum(v is not None for v in (on, fiscal_year, calendar_year)) > 1
    ):
        raise ValueError(
            "give exactly one of rate=, on=, fiscal_year= or calendar_year=; got "
            + ", ".join(n for n, v in (("rate", rate), *per_row.items()) if v is not None)
        )
    elif on is not None:
        rates = rates_on(on, currency, to)
    else:
        ((name, given),) = per_row.items()
        years = as_years(given, name=name)
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
