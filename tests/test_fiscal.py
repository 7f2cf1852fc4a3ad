"""Japan's fiscal year runs April to March and is named after the year it starts in."""

import datetime as dt

import pandas as pd
import pytest
from jpbudget import fiscal_year, fiscal_year_bounds


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        ("2026-03-31", 2025),
        ("2026-04-01", 2026),
        ("2025-12-26", 2025),
        ("2026-01-01", 2025),
        ("2027-03-31", 2026),
    ],
)
def test_fiscal_year_of_a_day_from_iso_text(day, expected):
    assert fiscal_year(day) == expected


def test_fiscal_year_accepts_date_datetime_and_timestamp():
    assert fiscal_year(dt.date(2026, 4, 1)) == 2026
    assert fiscal_year(dt.datetime(2026, 3, 31, 23, 59)) == 2025
    assert fiscal_year(pd.Timestamp("2026-04-01")) == 2026


def test_fiscal_year_bounds_are_april_first_to_march_thirty_first():
    assert fiscal_year_bounds(2026) == (dt.date(2026, 4, 1), dt.date(2027, 3, 31))


def test_fiscal_year_rejects_text_that_is_not_a_date():
    with pytest.raises(ValueError, match=r"date '26 Dec 2025' is not a date; expected ISO"):
        fiscal_year("26 Dec 2025")


def test_fiscal_year_rejects_missing_timestamp():
    with pytest.raises(ValueError, match="missing"):
        fiscal_year(pd.NaT)


@pytest.mark.parametrize("bad", ["2026", 2026.0, True, 1800])
def test_fiscal_year_bounds_reject_what_is_not_a_year(bad):
    with pytest.raises(ValueError, match="fiscal_year"):
        fiscal_year_bounds(bad)
