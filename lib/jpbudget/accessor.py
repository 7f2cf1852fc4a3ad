"""The ``.yen`` accessor on pandas Series: parse, format and convert whole columns.

Registered when :mod:`jpbudget` is imported.

>>> import pandas as pd, jpbudget
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
                values.append(parse_yen(value))
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
        fiscal year, or a Series of them, each row at its year's average rate).
        """
        amounts = self._amounts().astype("Float64").to_numpy(dtype="float64", na_value=np.nan)
        given = sum(v is not None for v in (rate, on, fiscal_year))
        if given != 1:
            fx.resolve_rate(rate=rate, on=on, fiscal_year=fiscal_year)  # raises the clear error
        if on is not None and not _is_scalar(on):
            dates = _aligned(on, self._series, "on")
            rates = fx.rates_on(dates)
        elif fiscal_year is not None and not _is_scalar(fiscal_year):
            years = _aligned(fiscal_year, self._series, "fiscal_year")
            lookup = {int(y): fx.fiscal_year_rate(int(y)).jpy_per_usd for y in pd.unique(years)}
            rates = np.array([lookup[int(y)] for y in years], dtype="float64")
        else:
            rates = fx.resolve_rate(rate=rate, on=on, fiscal_year=fiscal_year).jpy_per_usd
        return pd.Series(amounts / rates, index=self._series.index, name=self._series.name)


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | Decimal) or np.ndim(value) == 0


def _aligned(values: Any, series: pd.Series, name: str) -> np.ndarray:
    """Values as an array in the order of ``series`` (a Series is aligned on its index)."""
    if isinstance(values, pd.Series):
        if not values.index.equals(series.index):
            values = values.reindex(series.index)
        return values.to_numpy()
    array = np.asarray(values)
    if len(array) != len(series):
        raise ValueError(
            f"{name} has {len(array)} values but the Series has {len(series)}; expected one per row"
        )
    return array
