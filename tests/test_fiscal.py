"""Japan's fiscal year runs April to March and is named after the year it starts in."""

import datetime as dt
import re

import pandas as pd
import pytest
from jpbudget import fiscal_year, fiscal_year_bounds
from jpbudget.fiscal import era_year, parse_fiscal_year


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


# --- era names (令和8年度 = FY2026) ------------------------------------------------------------

ERA_NAMES = [
    (2026, "令和8年度"),
    (2025, "令和7年度"),
    (2020, "令和2年度"),
    (2019, "令和元年度"),  # began in 平成31 (April 2019); named 令和元年度 since May 2019
    (2018, "平成30年度"),
    (1989, "平成元年度"),
    (1988, "昭和63年度"),
    (1927, "昭和2年度"),
]


@pytest.mark.parametrize(("fy", "name"), ERA_NAMES, ids=str)
def test_era_year_names_a_fiscal_year_by_era(fy, name):
    assert era_year(fy) == name


@pytest.mark.parametrize(("fy", "name"), ERA_NAMES, ids=str)
def test_parse_fiscal_year_reads_the_era_name_back(fy, name):
    assert parse_fiscal_year(name) == fy


@pytest.mark.parametrize(
    ("text", "fy"),
    [
        ("R8", 2026),
        ("r8", 2026),
        ("R8年度", 2026),
        ("Ｒ８", 2026),
        ("令和１年度", 2019),
        ("令和 8 年度", 2026),
        ("平成31年度", 2019),  # the FY2019 budget as it was enacted
        ("H30", 2018),
        ("S63", 1988),
        ("2026年度", 2026),
        ("２０２６年度", 2026),
        ("FY2026", 2026),
        ("fy 2026", 2026),
        ("2026", 2026),
        (" 2026 ", 2026),
        (2026, 2026),
    ],
    ids=str,
)
def test_parse_fiscal_year_reads_the_forms_documents_use(text, fy):
    assert parse_fiscal_year(text) == fy


@pytest.mark.parametrize(
    ("text", "phrase"),
    [
        ("令和0年度", "令和 names fiscal years 令和1年度 (FY2019) to"),
        ("平成32年度", "平成 names fiscal years 平成1年度 (FY1989) to 平成31年度 (FY2019)"),
        ("昭和元年度", "昭和 names fiscal years 昭和2年度 (FY1927) to 昭和63年度 (FY1988)"),
        ("令和8年", "is not a fiscal year"),  # a calendar year
        ("٢٠٢٦", "is not a fiscal year"),  # Arabic-Indic digits
        ("令和八年度", "is not a fiscal year"),
        ("R", "is not a fiscal year"),
        ("2026年", "is not a fiscal year"),
        ("3000年度", "is out of range; expected a year from 1900 to 2200"),
        ("", "is not a fiscal year"),
    ],
    ids=str,
)
def test_parse_fiscal_year_refuses_what_is_no_fiscal_year_by_name(text, phrase):
    with pytest.raises(
        ValueError, match=re.escape(f"fiscal year {text!r}") + ".*" + re.escape(phrase)
    ):
        parse_fiscal_year(text)


def test_parse_fiscal_year_refuses_long_text_early():
    with pytest.raises(ValueError, match=r"\(50 characters\) is too long"):
        parse_fiscal_year("R" * 50)


@pytest.mark.parametrize("value", [2026.0, None, True], ids=repr)
def test_parse_fiscal_year_refuses_other_types(value):
    with pytest.raises((TypeError, ValueError), match=re.escape(repr(value))):
        parse_fiscal_year(value)


@pytest.mark.parametrize("fy", [1926, 1900])
def test_era_year_has_no_name_before_fy1927(fy):
    with pytest.raises(ValueError, match=f"fiscal_year {fy} has no era name here"):
        era_year(fy)


@pytest.mark.parametrize(("fy", "phrase"), [(2026.0, "not a fiscal year"), (2201, "out of range")])
def test_era_year_checks_the_year(fy, phrase):
    with pytest.raises(ValueError, match=phrase):
        era_year(fy)


@pytest.mark.parametrize(
    "text",
    [
        "20251226",
        "2025-W52-5",
        "2025-12-26T00:00",
        "26.12.2025",
        "03/04/2025",
        "２０２５-１２-２６",
    ],
)
def test_dates_are_read_only_in_the_form_yyyy_mm_dd(text):
    with pytest.raises(
        ValueError, match=re.escape(f"date {text!r} is not a date; expected ISO form YYYY-MM-DD")
    ):
        fiscal_year(text)
