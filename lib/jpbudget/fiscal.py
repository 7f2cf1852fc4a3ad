"""Japan's fiscal year: April 1 to March 31, named after the calendar year it starts in.

>>> fiscal_year("2026-03-31"), fiscal_year("2026-04-01")
(2025, 2026)
>>> fiscal_year_bounds(2026)
(datetime.date(2026, 4, 1), datetime.date(2027, 3, 31))

Japanese documents name fiscal years by era (令和8年度 = FY2026):

>>> era_year(2026), parse_fiscal_year("令和8年度"), parse_fiscal_year("R8")
('令和8年度', 2026, 2026)
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import Any, NamedTuple

__all__ = [
    "as_date",
    "era_year",
    "fiscal_year",
    "fiscal_year_bounds",
    "fiscal_year_text",
    "parse_fiscal_year",
]

FIRST_SUPPORTED_YEAR = 1900
LAST_SUPPORTED_YEAR = 2200


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}", re.ASCII)


def as_date(value: Any, *, name: str = "date") -> dt.date:
    """Coerce a date, datetime, pandas Timestamp, numpy datetime64 or ISO text to a ``date``.

    Text must be ``YYYY-MM-DD``; a datetime (aware or not) gives its own wall-clock date.

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
        try:  # Python also reads '20251226' and '2025-W52-5': only YYYY-MM-DD is taken
            if not _ISO_DAY.fullmatch(value.strip()):
                raise ValueError(value)
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


# --- era names --------------------------------------------------------------------------------


class _Era(NamedTuple):
    name: str
    letter: str
    first: int  # fiscal year named 元年度 (year 1) in this era
    last: int  # last fiscal year named in this era


#: Fiscal years by era, as the government names them. FY2019 began in 平成31 (April 2019) and
#: its budget was enacted as 平成31年度予算, but since the era changed on 2019-05-01 the year is
#: called 令和元年度: both names are read, 令和元年度 is written. FY1926 (大正15年度, 昭和 from
#: December) and earlier are not named here.
_ERAS = (
    _Era("令和", "R", 2019, LAST_SUPPORTED_YEAR),
    _Era("平成", "H", 1989, 2019),
    _Era("昭和", "S", 1926, 1988),
)
_FIRST_ERA_YEAR = 1927
_FY_FORMS = "'令和8年度', '令和元年度', 'R8', 'FY2026', '2026年度' or '2026'"
_ERA_TEXT = re.compile(
    r"(令和|平成|昭和|[RHS])\s*(元|\d{1,3})(?:\s*年度)?", re.IGNORECASE | re.ASCII
)
_YEAR_TEXT = re.compile(r"(?:FY\s*)?(\d{4})(?:\s*年度)?", re.IGNORECASE | re.ASCII)


def era_year(fy: Any) -> str:
    """The Japanese name of fiscal year ``fy``: its era and the year in it, 元 for the first.

    >>> era_year(2026), era_year(2019), era_year(2018), era_year(1989)
    ('令和8年度', '令和元年度', '平成30年度', '平成元年度')
    """
    fy = check_fiscal_year(fy)
    if fy < _FIRST_ERA_YEAR:
        raise ValueError(
            f"fiscal_year {fy!r} has no era name here; expected a year from {_FIRST_ERA_YEAR} "
            f"(昭和2年度) to {LAST_SUPPORTED_YEAR}"
        )
    era = next(e for e in _ERAS if e.first <= fy)
    number = fy - era.first + 1
    return f"{era.name}{'元' if number == 1 else number}年度"


def fiscal_year_text(fy: Any, *, lang: str = "en", era: bool = False) -> str:
    """A fiscal year as a reader writes it: "FY2026" in English, "2026年度" in Japanese.

    ``era=True`` gives the era form Japanese government documents use (令和8年度, see
    :func:`era_year`); English has no era form, so ``era=True`` with ``lang="en"`` is refused.

    >>> fiscal_year_text(2026), fiscal_year_text(2026, lang="ja")
    ('FY2026', '2026年度')
    >>> fiscal_year_text(2026, lang="ja", era=True)
    '令和8年度'
    """
    if lang not in ("en", "ja"):
        raise ValueError(f"lang must be 'en' or 'ja'; got {lang!r}")
    if not isinstance(era, bool):
        raise TypeError(f"era must be True or False; got {era!r}")
    fy = check_fiscal_year(fy)
    if era:
        if lang == "en":
            raise ValueError("era=True needs lang='ja': English names fiscal years FY2026")
        return era_year(fy)
    return f"{fy}年度" if lang == "ja" else f"FY{fy}"


def parse_fiscal_year(text: Any) -> int:
    """Read a fiscal year written by era or by year: 令和8年度, R8, 令和元年度, 2026年度, FY2026.

    An ``int`` is checked and returned. Full-width digits are read; other scripts' are not. A calendar year by era
    (令和8年, without 度) is not a fiscal year and is refused, and so is an era year the era
    does not have (令和0年度, 平成32年度) or one before FY1927, each naming the text.

    >>> parse_fiscal_year("令和元年度"), parse_fiscal_year("平成31年度"), parse_fiscal_year("H30")
    (2019, 2019, 2018)
    >>> parse_fiscal_year("２０２６年度"), parse_fiscal_year("FY2026"), parse_fiscal_year("2026")
    (2026, 2026, 2026)
    """
    if isinstance(text, int) and not isinstance(text, bool):
        return check_fiscal_year(text)
    if not isinstance(text, str):
        raise TypeError(
            f"fiscal year {text!r} is a {type(text).__name__}; expected text such as {_FY_FORMS}"
        )
    if len(text) > 40:
        raise ValueError(
            f"fiscal year {text[:40]!r}... ({len(text)} characters) is too long; expected "
            f"{_FY_FORMS}"
        )
    normal = unicodedata.normalize("NFKC", text.strip())
    if match := _ERA_TEXT.fullmatch(normal):
        era = next(e for e in _ERAS if match[1].upper() in (e.name, e.letter))
        number = 1 if match[2] == "元" else int(match[2])
        fy = era.first + number - 1
        first = max(era.first, _FIRST_ERA_YEAR)
        if not first <= fy <= era.last:
            raise ValueError(
                f"fiscal year {text!r} does not exist: {era.name} names fiscal years "
                f"{era.name}{first - era.first + 1}年度 (FY{first}) to "
                f"{era.name}{era.last - era.first + 1}年度 (FY{era.last})"
            )
        return fy
    if match := _YEAR_TEXT.fullmatch(normal):
        fy = int(match[1])
        if not FIRST_SUPPORTED_YEAR <= fy <= LAST_SUPPORTED_YEAR:
            raise ValueError(
                f"fiscal year {text!r} is out of range; expected a year from "
                f"{FIRST_SUPPORTED_YEAR} to {LAST_SUPPORTED_YEAR}"
            )
        return fy
    raise ValueError(f"fiscal year {text!r} is not a fiscal year; expected {_FY_FORMS}")
