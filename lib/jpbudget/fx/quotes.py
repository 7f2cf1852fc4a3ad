"""Rate objects: how a rate between two currencies is quoted, applied and described.

A rate is quoted one fixed way for each pair, whichever way a conversion goes: units of the other
currency per US dollar when the dollar is one of the two (¥155.96 per US$, ₩1,448.24 per US$);
otherwise yen per unit of the other when the yen is one of them (¥21.73 per CN¥); otherwise units
of the currency converted per unit of the target. Period averages are taken of that quote, so
converting one way and back at the same average gives the amount again. Every rate object
converts exactly (Decimal, one rounding) and says in one sentence which rate of which day it is.
"""

from __future__ import annotations

import datetime as dt
import math
import sys
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

import numpy as np

from ..yen import parse_yen

__all__ = [
    "ExplicitRate",
    "FiscalYearRate",
    "PeriodRate",
    "Rate",
    "check_amount",
    "check_rate",
    "quoted",
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
    #: what the day is, e.g. "the FY2026 initial budget's cabinet decision (reported by ...)"
    occasion: str = field(default="", compare=False)
    #: the parts of :attr:`occasion`, for a sentence in another language: the budget as
    #: ``(fiscal_year, kind, number)`` and its report as ``(publisher, published date or None)``
    occasion_budget: tuple = field(default=(), compare=False)
    occasion_report: tuple = field(default=(), compare=False)

    def describe(self) -> str:
        """One sentence saying which rate of which day was used.

        >>> from jpbudget.fx import rate_on
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

        >>> from jpbudget.fx import period_rate
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
    if isinstance(amount, int | np.integer):
        return Decimal(int(amount))
    exact = amount if isinstance(amount, Decimal) else Decimal(repr(float(amount)))
    if not exact.is_finite():
        raise ValueError(
            f"amount {shown(amount)} is not a finite number; expected an amount of {currency}"
        )
    return exact


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
