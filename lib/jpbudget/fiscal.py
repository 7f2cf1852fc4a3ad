"""Japan's fiscal year: April 1 to March 31, named after the calendar year it starts in.

>>> fiscal_year("2026-03-31"), fiscal_year("2026-04-01")
(2025, 2026)
>>> fiscal_year_bounds(2026)
(datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))
"""

from __future__ import annotations

import datetime as dt
from typing import Any

__all__ = ["as_date", "fiscal_year", "fiscal_year_bounds"]

FIRST_SUPPORTED_YEAR = 1900
LAST_SUPPORTED_YEAR = 2200


def as_date(value: Any, *, name: str = "date") -> dt.date:
    """Coerce a date, datetime, pandas Timestamp, numpy datetime64 or ISO text to a ``date``.

    >>> as_date("2025-12-26")
    datetime.date(2025, 12, 26)
    >>> as_date(dt.datetime(2025, 12, 26, 15, 30))
    datetime.date(2025, 12, 26)
    """
    if isinstance(value, dt.datetime):  # also pandas.Timestamp
        if value != value:  # NaT
            raise ValueError(f"{name} is missing (NaT); expected a date such as '2025-12-26'")
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            raise ValueError(
                f"{name} {value!r} is not a date; expected ISO form YYYY-MM-DD, "
                "such as '2025-12-26'"
            ) from None
    if type(value).__name__ == "datetime64":  # numpy scalar, without importing numpy here
        import pandas as pd

        return as_date(pd.Timestamp(value), name=name)
    raise TypeError(
        f"{name} {value!r} is a {type(value).__name__}; expected a date, datetime or "
        "ISO text such as '2025-12-26'"
    )


def fiscal_year(date: Any) -> int:
    """Japan's fiscal year of a day: FY N runs from April 1 of N to March 31 of N+1.

    >>> fiscal_year("2025-12-26")
    2025
    >>> fiscal_year(dt.date(2027, 3, 31))
    2026
    """
    day = as_date(date)
    return day.year if day.month >= 4 else day.year - 1


def check_fiscal_year(fy: Any, *, name: str = "fiscal_year") -> int:
    """Return ``fy`` as an int, or raise ``ValueError`` naming ``name`` and the allowed range.

    >>> check_fiscal_year(2026)
    2026
    """
    if isinstance(fy, bool) or not isinstance(fy, int):
        try:
            import numpy as np

            if isinstance(fy, np.integer):
                return check_fiscal_year(int(fy), name=name)
        except ImportError:  # pragma: no cover - numpy comes with pandas
            pass
        raise ValueError(f"{name} {fy!r} is not a fiscal year; expected a whole year such as 2026")
    if not FIRST_SUPPORTED_YEAR <= fy <= LAST_SUPPORTED_YEAR:
        raise ValueError(
            f"{name} {fy!r} is out of range; expected a year from "
            f"{FIRST_SUPPORTED_YEAR} to {LAST_SUPPORTED_YEAR}"
        )
    return fy


def fiscal_year_bounds(fy: int) -> tuple[dt.date, dt.date]:
    """First and last day of fiscal year ``fy`` (both inclusive).

    >>> fiscal_year_bounds(2025)
    (datetime.date(2025, 4, 1), datetime.date(2026, 3, 31))
    """
    fy = check_fiscal_year(fy)
    return dt.date(fy, 4, 1), dt.date(fy + 1, 3, 31)
