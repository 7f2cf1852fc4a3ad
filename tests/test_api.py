"""The public API that notebooks, tests and users import by name."""

import jpbudget

PUBLIC = [
    "parse_yen",
    "format_yen",
    "format_usd",
    "to_usd",
    "jpy_per_usd",
    "rate_on",
    "fiscal_year",
    "fiscal_year_bounds",
    "fiscal_year_rate",
    "Rate",
    "FiscalYearRate",
    "YenParseError",
    "RateUnavailableError",
]


def test_every_documented_name_is_importable_from_the_package():
    from jpbudget import (  # noqa: F401
        FiscalYearRate,
        Rate,
        RateUnavailableError,
        YenParseError,
        fiscal_year,
        fiscal_year_bounds,
        fiscal_year_rate,
        format_usd,
        format_yen,
        jpy_per_usd,
        parse_yen,
        rate_on,
        to_usd,
    )

    assert set(PUBLIC) <= set(jpbudget.__all__)


def test_error_types_are_the_standard_ones_callers_catch():
    assert issubclass(jpbudget.YenParseError, ValueError)
    assert issubclass(jpbudget.RateUnavailableError, LookupError)
