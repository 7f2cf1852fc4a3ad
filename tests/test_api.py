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


def _run(code: str) -> str:
    import subprocess
    import sys

    return subprocess.run(
        [sys.executable, "-c", code], check=True, capture_output=True, text=True
    ).stdout.strip()


def test_importing_the_package_does_not_import_pandas():
    assert _run("import sys, jpbudget, jpbudget.reports; print('pandas' in sys.modules)") == "False"


def test_series_accessor_exists_when_pandas_is_imported_first():
    code = "import pandas as pd, jpbudget; print(pd.Series(['¥5bn']).yen.parse().tolist())"
    assert _run(code) == "[5000000000]"


def test_series_accessor_exists_after_importing_the_exchange_rate_module():
    code = "import jpbudget.fx, pandas as pd; print(pd.Series(['3,873億円']).yen.parse().tolist())"
    assert _run(code) == "[387300000000]"


def test_series_accessor_exists_after_the_first_use_of_an_exchange_rate_name():
    code = (
        "import jpbudget, pandas as pd; jpbudget.to_usd(1, rate=150); "
        "print(pd.Series(['3,873億円']).yen.parse().tolist())"
    )
    assert _run(code) == "[387300000000]"


def test_version_is_a_string_loaded_on_first_use():
    assert _run("import sys, jpbudget; print('importlib.metadata' in sys.modules)") == "False"
    assert isinstance(jpbudget.__version__, str) and jpbudget.__version__


def test_exchange_rate_names_load_on_first_use():
    assert _run("import jpbudget; print(jpbudget.jpy_per_usd('2025-12-24') > 150)") == "True"
