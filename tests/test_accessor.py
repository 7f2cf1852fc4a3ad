"""The pandas Series accessor ``.yen``: whole columns parsed, formatted and converted."""

import jpbudget  # noqa: F401  (registers the accessor)
import numpy as np
import pandas as pd
import pytest
from jpbudget import RateUnavailableError, YenParseError, fiscal_year_rate, rate_on


def test_parse_gives_nullable_int64_with_missing_values_kept():
    s = pd.Series(["1兆2390億円", "¥387.3 billion", None, "JPY 150bn"], name="amount_text")
    parsed = s.yen.parse()
    assert parsed.dtype == "Int64"
    assert parsed.tolist() == [1_239_000_000_000, 387_300_000_000, pd.NA, 150_000_000_000]
    assert parsed.name == "amount_text"


def test_parse_accepts_pandas_str_dtype():
    s = pd.Series(["3,873億円", "¥5bn"], dtype="str")
    assert s.yen.parse().tolist() == [387_300_000_000, 5_000_000_000]


def test_parse_errors_name_the_series_rows_and_texts():
    s = pd.Series(
        ["¥5bn", "about ¥1.23 trillion", "$7.9 billion"], index=["a", "b", "c"], name="claims"
    )
    with pytest.raises(YenParseError) as info:
        s.yen.parse()
    message = str(info.value)
    assert "Series 'claims': 2 of 3 values are not yen amounts" in message
    assert "row 'b' ('about ¥1.23 trillion')" in message
    assert "row 'c' ('$7.9 billion')" in message


def test_parse_errors_show_the_first_five_and_count_the_rest():
    s = pd.Series([f"{i} dollars" for i in range(8)])
    with pytest.raises(YenParseError, match=r"8 of 8 .*row 4 .*and 3 more$"):
        s.yen.parse()


def test_format_in_english_and_japanese():
    s = pd.Series([1_239_000_000_000, 387_300_000_000, None], dtype="Int64")
    assert s.yen.format().tolist() == ["¥1.24 trillion", "¥387 billion", pd.NA]
    assert s.yen.format(lang="ja", digits=4).tolist() == ["1.239兆円", "3,873億円", pd.NA]


def test_format_parses_text_first():
    assert pd.Series(["1兆2390億円"]).yen.format().tolist() == ["¥1.24 trillion"]


def test_to_usd_with_an_explicit_rate():
    s = pd.Series([1_500_000_000_000, None], dtype="Int64")
    usd = s.yen.to_usd(rate=150)
    assert usd.dtype == "float64"
    assert usd.iloc[0] == 10_000_000_000.0
    assert np.isnan(usd.iloc[1])


def test_to_usd_on_one_date():
    s = pd.Series([1_239_000_000_000], dtype="Int64")
    assert s.yen.to_usd(on="2025-12-26").iloc[0] == pytest.approx(
        1_239_000_000_000 / rate_on("2025-12-24").jpy_per_usd, rel=1e-15
    )


def test_to_usd_on_a_series_of_dates_uses_each_rows_date():
    s = pd.Series([1_000_000, 2_000_000, 3_000_000], index=[10, 11, 12], dtype="Int64")
    dates = pd.Series(
        pd.to_datetime(["2025-12-26", "2024-04-01", "2001-09-11"]), index=[10, 11, 12]
    )
    expected = [
        1_000_000 / rate_on("2025-12-26").jpy_per_usd,
        2_000_000 / rate_on("2024-04-01").jpy_per_usd,
        3_000_000 / rate_on("2001-09-11").jpy_per_usd,
    ]
    assert s.yen.to_usd(on=dates).tolist() == pytest.approx(expected, rel=1e-15)


def test_to_usd_dates_are_aligned_on_the_index():
    s = pd.Series([1_000_000, 2_000_000], index=["x", "y"], dtype="Int64")
    dates = pd.Series(pd.to_datetime(["2024-04-01", "2025-12-24"]), index=["y", "x"])
    usd = s.yen.to_usd(on=dates)
    assert usd["x"] == pytest.approx(1_000_000 / rate_on("2025-12-24").jpy_per_usd)


def test_to_usd_with_a_series_of_fiscal_years():
    s = pd.Series([1_000_000, 1_000_000], dtype="Int64")
    usd = s.yen.to_usd(fiscal_year=pd.Series([2024, 2025]))
    assert usd.tolist() == pytest.approx(
        [1_000_000 / fiscal_year_rate(y).jpy_per_usd for y in (2024, 2025)], rel=1e-15
    )


def test_to_usd_names_a_date_outside_the_snapshot():
    s = pd.Series([1, 2], dtype="Int64")
    with pytest.raises(RateUnavailableError, match="2027-01-01"):
        s.yen.to_usd(on=pd.Series(pd.to_datetime(["2025-12-24", "2027-01-01"])))


def test_to_usd_needs_exactly_one_rate_choice():
    with pytest.raises(ValueError, match="exactly one of rate="):
        pd.Series([1], dtype="Int64").yen.to_usd(rate=150, on="2025-12-24")


def test_to_usd_rejects_a_list_of_dates_of_the_wrong_length():
    with pytest.raises(ValueError, match="on has 1 values but the Series has 2"):
        pd.Series([1, 2], dtype="Int64").yen.to_usd(on=["2025-12-24"])


def test_parse_refuses_an_amount_beyond_int64_naming_the_row():
    s = pd.Series(["¥5bn", "1" + "0" * 30 + "円"], index=["ok", "huge"], name="amounts")
    with pytest.raises(YenParseError, match=r"row 'huge' .* beyond what an Int64 column holds"):
        s.yen.parse()


def test_to_usd_refuses_a_missing_fiscal_year_naming_the_row():
    s = pd.Series([1_000, 2_000], dtype="Int64")
    with pytest.raises(ValueError, match="fiscal_year at position 1 is missing"):
        s.yen.to_usd(fiscal_year=pd.Series([2025, None], dtype="Int64"))
