"""The ``.yen`` accessor on pandas Series: parse, format and convert whole columns.

Registered by :mod:`jpbudget.fx` (which loads pandas anyway): after ``import jpbudget.fx``, the
first use of an exchange-rate name, or ``import jpbudget`` when pandas is already imported.

>>> import pandas as pd, jpbudget.fx
>>> s = pd.Series(["1兆2390億円", "¥387.3 billion", None], index=["chips-ai", "ai", "x"])
>>> s.yen.parse().tolist()
[1239000000000, 387300000000, <NA>]
>>> s.yen.parse().yen.format(lang="ja").tolist()
['1.24兆円', '3,870億円', <NA>]
>>> s.yen.parse().yen.to_usd(rate=150).round().tolist()
[8260000000.0, 2582000000.0, nan]
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import numpy as np
import pandas as pd

from . import fx
from .yen import YenParseError, format_yen, parse_yen

__all__ = ["YenAccessor"]

_SHOWN_FAILURES = 5
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def _is_missing(value: Any) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and value != value


@pd.api.extensions.register_series_accessor("yen")
class YenAccessor:
    """``series.yen``: exact yen amounts in a pandas Series."""

    def __init__(self, series: pd.Series) -> None:
        self._series = series

    def parse(self) -> pd.Series:
        """Parse every value with :func:`jpbudget.parse_yen` into a nullable ``Int64`` Series.

        Missing values stay missing. If any value fails, one :class:`YenParseError` names the
        Series, how many rows failed, and the row label, text and reason of the first few.
        """
        values: list[Any] = []
        failures: list[str] = []
        count = 0
        for label, value in self._series.items():
            if _is_missing(value):
                values.append(pd.NA)
                continue
            try:
                amount = parse_yen(value)
                if not _INT64_MIN <= amount <= _INT64_MAX:
                    raise YenParseError(
                        f"{amount:,} yen is beyond what an Int64 column holds "
                        f"(±{_INT64_MAX:,}); expected a smaller amount"
                    )
                values.append(amount)
            except YenParseError as exc:
                count += 1
                values.append(pd.NA)
                if len(failures) < _SHOWN_FAILURES:
                    failures.append(f"row {label!r} ({value!r}): {exc}")
        if count:
            name = f"Series {self._series.name!r}" if self._series.name is not None else "Series"
            more = f"; and {count - len(failures)} more" if count > len(failures) else ""
            raise YenParseError(
                f"{name}: {count} of {len(self._series)} values are not yen amounts: "
                + "; ".join(failures)
                + more
            )
        return pd.Series(
            pd.array(values, dtype="Int64"), index=self._series.index, name=self._series.name
        )

    def _amounts(self) -> pd.Series:
        """The Series as Int64 yen: integer dtypes are taken as they are, anything else parsed."""
        if pd.api.types.is_integer_dtype(self._series.dtype):
            return self._series.astype("Int64")
        return self.parse()

    def format(self, *, lang: str = "en", digits: int = 3) -> pd.Series:
        """Format each amount with :func:`jpbudget.format_yen`; missing values stay missing."""
        amounts = self._amounts()
        out = [
            pd.NA if _is_missing(v) else format_yen(int(v), lang=lang, digits=digits)
            for v in amounts.tolist()
        ]
        return pd.Series(out, index=self._series.index, name=self._series.name, dtype="string")

    def to_usd(self, *, rate: Any = None, on: Any = None, fiscal_year: Any = None) -> pd.Series:
        """Convert to US dollars (float64; missing amounts give NaN).

        Give exactly one of ``rate`` (JPY per USD), ``on`` (one date, or a Series/array of dates
        aligned with this Series, converted in one vectorized pass) or ``fiscal_year`` (one
        fiscal year, or a Series of them, each row at its year's average rate). Dates and years
        follow the same rules as :func:`jpbudget.to_usd` (:mod:`jpbudget.fx.dates`): ISO text
        only, a timezone-aware timestamp counts as the date it shows, years are whole numbers.
        """
        amounts = self._amounts().astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
        if on is not None and not _is_scalar(on):
            on = _aligned(on, self._series, "on")
        if fiscal_year is not None and not _is_scalar(fiscal_year):
            fiscal_year = _aligned(fiscal_year, self._series, "fiscal_year")
        usd = fx.convert_array(amounts, "JPY", "USD", rate=rate, on=on, fiscal_year=fiscal_year)
        return pd.Series(usd, index=self._series.index, name=self._series.name)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | Decimal) or np.ndim(value) == 0


def _aligned(values: Any, series: pd.Series, name: str) -> pd.Series:
    """Values in the order of ``series`` (a Series is aligned on its index)."""
    if isinstance(values, pd.Series):
        if not values.index.equals(series.index):
            values = values.reindex(series.index)
        return values.reset_index(drop=True)
    if np.ndim(values) != 1 or len(values) != len(series):
        raise ValueError(
            f"{name} has {np.size(values)} values but the Series has {len(series)}; expected one "
            "per row"
        )
    return pd.Series(list(values) if not isinstance(values, np.ndarray) else values)
