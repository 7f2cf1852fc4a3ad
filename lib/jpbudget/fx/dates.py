"""What the converters accept as a day or a year: one rule for one value and for many.

A day is a ``datetime.date``, a ``datetime``/pandas ``Timestamp`` or numpy ``datetime64`` (its
calendar date; the time of day is ignored), or text in the ISO form ``YYYY-MM-DD``. A
timezone-aware timestamp counts as the calendar date it shows in its own time zone:
``Timestamp("2025-12-22 20:00", tz="America/New_York")`` is 2025-12-22, as the same wall-clock
time without a zone would be. Other text (``"03/04/2025"``, ``"26.12.2025"``, ``"Dec 26 2025"``,
``"20251226"``) is refused, naming it. A year is a whole number (``2025``, numpy integers), never
a float (``2025.9``), a bool or a missing value.

>>> as_day("2025-12-26")
datetime.date(2025, 12, 26)
>>> import pandas as pd
>>> as_day(pd.Timestamp("2025-12-22 20:00", tz="America/New_York"))
datetime.date(2025, 12, 22)
>>> as_days(pd.Series(["2025-12-26", "2024-04-01"])).tolist()
[datetime.date(2025, 12, 26), datetime.date(2024, 4, 1)]
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import numpy as np
import pandas as pd

from ..fiscal import check_fiscal_year

__all__ = ["as_day", "as_days", "as_year", "as_years"]

_ISO_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
EXAMPLE = "such as '2025-12-26'"


def _missing(value: Any) -> bool:
    if value is None or value is pd.NaT or value is pd.NA:
        return True
    if isinstance(value, float | np.floating) and value != value:
        return True
    return isinstance(value, np.datetime64) and np.isnat(value)


def as_day(value: Any, *, name: str = "date") -> dt.date:
    """``value`` as a calendar day under the module's rule (raises naming ``name`` and the value)."""
    if _missing(value):
        raise ValueError(f"{name} is missing ({value!r}); expected a date {EXAMPLE}")
    if isinstance(value, dt.datetime):  # also pandas.Timestamp, aware or not: its own wall date
        return dt.date(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        if _ISO_DAY.fullmatch(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        raise ValueError(f"{name} {value!r} is not a date; expected ISO form YYYY-MM-DD, {EXAMPLE}")
    if isinstance(value, np.datetime64):
        day = value.astype("datetime64[D]").astype(object)
        if isinstance(day, dt.date):
            return day
        raise ValueError(f"{name} {value!r} is outside the calendar; expected a date {EXAMPLE}")
    raise TypeError(
        f"{name} {value!r} is a {type(value).__name__}; expected a date, datetime or ISO text "
        f"{EXAMPLE}"
    )


def as_days(values: Any, *, name: str = "on") -> np.ndarray:
    """Many values as ``datetime64[D]``, each under :func:`as_day`'s rule (vectorized for datetime
    columns). A failure names ``name``, the position and the value."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=None)
    series = series.reset_index(drop=True)
    if isinstance(series.dtype, pd.DatetimeTZDtype):
        series = series.dt.tz_localize(None)  # the wall-clock time in its own zone
    if pd.api.types.is_datetime64_dtype(series.dtype):
        missing = series.isna().to_numpy()
        if missing.any():
            position = int(np.argmax(missing))
            raise ValueError(
                f"{name} at position {position} is missing (NaT); expected a date {EXAMPLE}"
            )
        return series.to_numpy().astype("datetime64[D]")  # in its own unit: no overflow
    days: dict[Any, np.datetime64] = {}
    out = np.empty(len(series), dtype="datetime64[D]")
    for position, value in enumerate(series.tolist()):
        key = (type(value), value) if not _missing(value) else None
        day = days.get(key) if key is not None else None
        if day is None:
            day = np.datetime64(as_day(value, name=f"{name} at position {position}"), "D")
            days[key] = day
        out[position] = day
    return out


def as_year(value: Any, *, name: str = "fiscal_year") -> int:
    """``value`` as a whole year in the supported range (raises naming ``name`` and the value)."""
    return check_fiscal_year(value, name=name)


def as_years(values: Any, *, name: str = "fiscal_year") -> np.ndarray:
    """Many years as an int64 array, each under :func:`as_year`'s rule (floats refused)."""
    series = values if isinstance(values, pd.Series) else pd.Series(values, dtype=None)
    series = series.reset_index(drop=True)
    if pd.api.types.is_integer_dtype(series.dtype) and not pd.api.types.is_bool_dtype(series.dtype):
        if series.isna().any():  # nullable Int64
            position = int(np.argmax(series.isna().to_numpy()))
            raise ValueError(
                f"{name} at position {position} is missing; expected a year such as 2026"
            )
        for value in pd.unique(series.to_numpy()):
            position = int(np.argmax((series == value).to_numpy()))
            as_year(int(value), name=f"{name} at position {position}")
        return series.to_numpy(dtype="int64")
    out = np.empty(len(series), dtype="int64")
    for position, value in enumerate(series.tolist()):
        if _missing(value):
            raise ValueError(
                f"{name} at position {position} is missing; expected a year such as 2026"
            )
        out[position] = as_year(value, name=f"{name} at position {position}")
    return out
