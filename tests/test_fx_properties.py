"""Property-based checks of the converters: any number, date, timestamp or text gives either a
finite, correct value or a clear error naming the input (never inf, NaN or a stray exception).

The reference values come from the raw ECB CSV read here with the csv module, not from jpbudget.
"""

import bisect
import csv
import datetime as dt
import io
import math
import zipfile
from decimal import Decimal

import jpbudget.accessor  # noqa: F401  (Series.yen)
import jpbudget.fx as fx
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jpbudget import RateUnavailableError, YenParseError, rate_on, to_usd
from jpbudget.paths import data_dir

SETTINGS = settings(
    max_examples=max(150, settings.default.max_examples),  # more under the "thorough" profile
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    database=None,  # nothing written into the worktree; the suite may run in parallel
)


def _reference() -> dict[str, tuple[list[dt.date], list[float]]]:
    """Per currency: the days it and the dollar were published, and its units per US dollar."""
    with zipfile.ZipFile(data_dir() / "raw" / "eurofxref-hist.zip") as archive:
        rows = list(csv.DictReader(io.StringIO(archive.read("eurofxref-hist.csv").decode())))
    rows.sort(key=lambda r: r["Date"])
    out = {}
    for code in ("JPY", "KRW", "INR", "GBP", "CNY"):
        kept = [r for r in rows if r[code] not in ("N/A", "") and r["USD"] not in ("N/A", "")]
        out[code] = (
            [dt.date.fromisoformat(r["Date"]) for r in kept],
            [float(r[code]) / float(r["USD"]) for r in kept],
        )
    return out


REFERENCE = _reference()
days_around = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2035, 12, 31))


def _expected(day: dt.date, currency: str = "JPY") -> tuple[dt.date, float] | None:
    days, values = REFERENCE[currency]
    position = bisect.bisect_right(days, day) - 1
    if position < 0 or day > days[-1]:
        return None
    return days[position], values[position]


@SETTINGS
@given(day=days_around)
def test_rate_on_any_day_is_the_latest_publication_or_a_refusal_naming_the_day(day):
    expected = _expected(day)
    if expected is None:
        with pytest.raises(RateUnavailableError, match=day.isoformat()):
            rate_on(day)
    else:
        rate = rate_on(day)
        assert (rate.date_used, rate.value) == expected


@SETTINGS
@given(day=days_around, currency=st.sampled_from(["KRW", "INR", "GBP", "CNY"]))
def test_any_currency_on_any_day_is_the_latest_publication_or_a_refusal(day, currency):
    expected = _expected(day, currency)
    if expected is None:
        with pytest.raises(RateUnavailableError, match=day.isoformat()):
            fx.rate_on(day, currency, "USD")
    else:
        assert fx.rate_on(day, currency, "USD").value == expected[1]


@SETTINGS
@given(text=st.text(max_size=30))
def test_any_text_as_a_date_is_an_iso_day_or_a_refusal_quoting_it(text):
    try:
        day = dt.date.fromisoformat(text.strip())
        iso = len(text.strip()) == 10 and text.strip()[4] == "-"
    except ValueError:
        iso = False
    if iso:
        assert fx.as_day(text) == day
    else:
        with pytest.raises(ValueError, match="is not a date") as info:
            fx.as_day(text)
        assert repr(text) in str(info.value)


@SETTINGS
@given(
    moment=st.datetimes(
        min_value=dt.datetime(1999, 1, 4), max_value=dt.datetime(2026, 10, 30, 23, 59)
    ),
    zone=st.timezones(),
)
def test_an_aware_timestamp_is_its_own_wall_date_on_both_paths(moment, zone):
    stamp = pd.Timestamp(moment).tz_localize(zone, ambiguous=True, nonexistent="shift_forward")
    wall = dt.date(stamp.year, stamp.month, stamp.day)
    expected = 10**12 / _expected(wall)[1]
    s = pd.Series([10**12], dtype="Int64")
    assert to_usd(10**12, on=stamp) == pytest.approx(expected, rel=1e-15)
    assert s.yen.to_usd(on=stamp).iloc[0] == pytest.approx(expected, rel=1e-15)
    assert s.yen.to_usd(on=pd.Series([stamp])).iloc[0] == pytest.approx(expected, rel=1e-15)


@SETTINGS
@given(
    amount=st.integers(min_value=-(10**400), max_value=10**400),
    rate=st.one_of(
        st.floats(allow_nan=True, allow_infinity=True),
        st.integers(min_value=-(10**400), max_value=10**400),
        st.decimals(allow_nan=True, allow_infinity=True),
    ),
)
def test_any_amount_at_any_rate_is_the_exact_quotient_or_a_clear_error(amount, rate):
    try:
        rate_float = float(rate)
    except (OverflowError, ValueError):
        rate_float = math.nan
    usable = math.isfinite(rate_float) and rate_float >= 2.2250738585072014e-308
    quotient = Decimal(amount) / Decimal(repr(rate_float)) if usable else None
    if not usable:
        with pytest.raises(ValueError, match=r"^rate .* is not a usable exchange rate"):
            to_usd(amount, rate=rate)
    elif not math.isfinite(float(quotient)):
        with pytest.raises(ValueError, match=r"^amount .* beyond what a float can hold"):
            to_usd(amount, rate=rate)
    else:
        assert to_usd(amount, rate=rate) == float(quotient)


@SETTINGS
@given(
    year=st.one_of(
        st.integers(min_value=-5000, max_value=5000),
        st.floats(allow_nan=True),
        st.booleans(),
        st.text(max_size=6),
    )
)
def test_any_fiscal_year_is_its_average_or_a_refusal_naming_it(year):
    complete = isinstance(year, int) and not isinstance(year, bool) and 1999 <= year <= 2025
    if complete:
        start, end = dt.date(year, 4, 1), dt.date(year + 1, 3, 31)
        days, values = REFERENCE["JPY"]
        inside = [v for d, v in zip(days, values, strict=True) if start <= d <= end]
        expected = 10**9 / (math.fsum(inside) / len(inside))
        assert to_usd(10**9, fiscal_year=year) == pytest.approx(expected, rel=1e-12)
        s = pd.Series([10**9], dtype="Int64")
        assert s.yen.to_usd(fiscal_year=[year]).iloc[0] == pytest.approx(expected, rel=1e-12)
    else:
        with pytest.raises((ValueError, RateUnavailableError)) as info:
            to_usd(10**9, fiscal_year=year)
        assert "fiscal_year" in str(info.value) or f"FY{year}" in str(info.value)
        with pytest.raises((ValueError, RateUnavailableError)):
            pd.Series([10**9], dtype="Int64").yen.to_usd(fiscal_year=[year])


@SETTINGS
@given(
    value=st.one_of(
        st.none(),
        st.booleans(),
        st.integers(),
        st.floats(),
        st.text(max_size=12),
        st.dates(),
        st.lists(st.integers(), max_size=2),
    )
)
def test_anything_as_on_is_a_rate_or_a_clear_error_naming_it(value):
    try:
        result = to_usd(1_000_000, on=value)
    except (ValueError, TypeError, RateUnavailableError, YenParseError) as exc:
        message = str(exc)
        assert (
            repr(value) in message
            or "exactly one of" in message
            or "is missing" in message
            or (isinstance(value, dt.date) and value.isoformat() in message)
        ), message
    else:
        assert math.isfinite(result) and result > 0


@SETTINGS
@given(value=st.one_of(st.floats(), st.integers(), st.text(max_size=10), st.decimals()))
def test_any_fx_parameter_is_a_choice_or_a_refusal_naming_fx(value):
    try:
        choice = fx.fx_choice(value)
    except ValueError as exc:
        assert str(exc).startswith("fx: ")
    else:
        low, high = fx.plausible_rates()
        assert choice.mode in fx.FX_MODES or low <= choice.rate <= high


@SETTINGS
@given(
    days=st.lists(
        st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(9999, 12, 31)),
        min_size=1,
        max_size=20,
    ),
    column=st.sampled_from(["dates", "datetime64", "iso text"]),
)
def test_a_column_of_days_converts_like_each_day_alone_or_names_the_first_outside(days, column):
    amounts = pd.Series(range(1, len(days) + 1), dtype="Int64") * 10**9
    on = {
        "dates": pd.Series(days, dtype=object),
        "datetime64": pd.Series(pd.to_datetime(days)),
        "iso text": pd.Series([d.isoformat() for d in days]),
    }[column]
    outside = [i for i, d in enumerate(days) if _expected(d) is None]
    if outside:
        first = outside[0]
        with pytest.raises(RateUnavailableError, match=rf"{days[first]} \(position {first}\)"):
            amounts.yen.to_usd(on=on)
    else:
        expected = [a / _expected(d)[1] for a, d in zip(amounts, days, strict=True)]
        assert amounts.yen.to_usd(on=on).tolist() == pytest.approx(expected, rel=1e-15)


@SETTINGS
@given(
    amount=st.one_of(
        st.floats(), st.integers(min_value=-(10**400), max_value=10**400), st.decimals()
    ),
    currency=st.sampled_from(["KRW", "INR", "GBP", "CNY"]),
    to_yen=st.booleans(),
)
def test_any_amount_of_another_currency_is_converted_exactly_or_refused_naming_it(
    amount, currency, to_yen
):
    to = "JPY" if to_yen else "USD"
    rate = fx.rate_on("2025-12-24", currency, to)
    try:
        exact = Decimal(amount) if not isinstance(amount, float) else Decimal(repr(amount))
        finite = exact.is_finite()
    except (ValueError, ArithmeticError):
        finite = False
    if not finite:
        with pytest.raises(ValueError, match=r"^amount .* is not a finite number"):
            fx.convert(amount, currency, to, on="2025-12-24")
        return
    value = Decimal(repr(rate.value))
    expected = exact * value if to == "JPY" else exact / value  # JPY per unit / units per US$
    if not math.isfinite(float(expected)):
        with pytest.raises(ValueError, match=r"beyond what a float can hold"):
            fx.convert(amount, currency, to, on="2025-12-24")
    else:
        assert fx.convert(amount, currency, to, on="2025-12-24") == float(expected)
