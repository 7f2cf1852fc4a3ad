"""jpbudget: Japan's public money for semiconductors and AI, in exact yen and sourced dollars.

The short public API::

    >>> from jpbudget import parse_yen, format_yen, to_usd, rate_on
    >>> parse_yen("1兆2390億円")
    1239000000000
    >>> format_yen(1_239_000_000_000), format_yen(387_300_000_000, lang="ja")
    ('¥1.24 trillion', '3,870億円')
    >>> rate_on("2025-12-26").date_used.isoformat()
    '2025-12-24'

Importing the package is light: the exchange-rate functions (which need pandas) and
``__version__`` load on first use (a module ``__getattr__``), the rate table itself on the first
conversion. The pandas ``Series.yen`` accessor is registered by :mod:`jpbudget.fx`, so it exists
after ``import jpbudget.fx``, after the first use of an exchange-rate name
(``jpbudget.to_usd``...), and at once if pandas was imported before jpbudget.
"""

from __future__ import annotations

import importlib
import sys
from typing import TYPE_CHECKING, Any

from .errors import DataValidationError, RateUnavailableError
from .fiscal import fiscal_year, fiscal_year_bounds
from .yen import YenParseError, format_usd, format_yen, parse_yen

if TYPE_CHECKING:  # pragma: no cover
    from .fx import FiscalYearRate, Rate, fiscal_year_rate, jpy_per_usd, rate_on, to_usd

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

_FROM_FX = {"FiscalYearRate", "Rate", "fiscal_year_rate", "jpy_per_usd", "rate_on", "to_usd"}

if "pandas" in sys.modules:  # pandas is paid for already: Series.yen at once
    importlib.import_module(".accessor", __name__)


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("jpbudget")
    except PackageNotFoundError:  # pragma: no cover - running from a plain checkout
        return "0+unknown"


def __getattr__(name: str) -> Any:
    """Load the exchange-rate API (and with it numpy, pandas and Series.yen) on first use."""
    if name in _FROM_FX:
        return getattr(importlib.import_module(".fx", __name__), name)
    if name == "__version__":
        globals()["__version__"] = _version()
        return globals()["__version__"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _FROM_FX | {"__version__"})
