"""jpbudget: Japan's public money for semiconductors and AI, in exact yen and sourced dollars.

The short public API::

    >>> from jpbudget import parse_yen, format_yen, to_usd, rate_on
    >>> parse_yen("1兆2390億円")
    1239000000000
    >>> format_yen(1_239_000_000_000), format_yen(387_300_000_000, lang="ja")
    ('¥1.24 trillion', '3,870億円')
    >>> rate_on("2025-12-26").date_used.isoformat()
    '2025-12-24'

Importing the package registers the pandas ``Series.yen`` accessor; the exchange-rate table is
read on first use, not at import.
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from . import accessor as _accessor  # noqa: F401  (registers Series.yen)
from .errors import DataValidationError, RateUnavailableError
from .fiscal import fiscal_year, fiscal_year_bounds
from .fx import FiscalYearRate, Rate, fiscal_year_rate, jpy_per_usd, rate_on, to_usd
from .yen import YenParseError, format_usd, format_yen, parse_yen

try:
    __version__ = version("jpbudget")
except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
    __version__ = "0+unknown"

__all__ = [
    "DataValidationError",
    "FiscalYearRate",
    "Rate",
    "RateUnavailableError",
    "YenParseError",
    "__version__",
    "fiscal_year",
    "fiscal_year_bounds",
    "fiscal_year_rate",
    "format_usd",
    "format_yen",
    "jpy_per_usd",
    "parse_yen",
    "rate_on",
    "to_usd",
]
