"""Validation of notebook parameters: one clear error, before any work is done.

Each notebook's cell after its ``parameters`` cell calls these functions; a bad value raises
:class:`ParameterError` naming the parameter, the value and what is allowed, so that papermill
fails with that message.

>>> check_choice("scope", "equity", ["equity", "subsidies", "all"])
'equity'
>>> check_choice("scope", "bonds", ["equity", "subsidies", "all"])
Traceback (most recent call last):
...
jpbudget.params.ParameterError: parameter scope: 'bonds' is not allowed; expected one of 'equity', 'subsidies', 'all'
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from .errors import RateUnavailableError

if TYPE_CHECKING:  # pragma: no cover
    from .fx import FxChoice

__all__ = [
    "ParameterError",
    "check_bool",
    "check_choice",
    "check_fraction",
    "check_fx",
    "check_items",
    "check_year",
    "peers_rate_day",
    "validate_allocation",
    "validate_budget_growth",
    "validate_claims",
    "validate_lang",
    "validate_overview",
    "validate_peers",
    "validate_rapidus",
]


class ParameterError(ValueError):
    """A notebook parameter has a value the notebook cannot use."""


def _allowed(values: Iterable[Any]) -> str:
    return ", ".join(repr(v) for v in values)


def check_choice(name: str, value: Any, allowed: Sequence[str]) -> str:
    """``value`` if it is one of ``allowed``."""
    if not isinstance(value, str) or value not in allowed:
        raise ParameterError(
            f"parameter {name}: {value!r} is not allowed; expected one of {_allowed(allowed)}"
        )
    return value


def check_bool(name: str, value: Any) -> bool:
    """``value`` if it is ``True`` or ``False`` (not 0/1, not text).

    >>> check_bool("include_plans", False)
    False
    """
    if not isinstance(value, bool):
        raise ParameterError(f"parameter {name}: {value!r} is not allowed; expected True or False")
    return value


def check_year(name: str, value: Any, available: Iterable[int], *, what: str = "data") -> int:
    """``value`` if it is a whole fiscal year among ``available``.

    >>> check_year("base_year", 2025, [2024, 2025, 2026])
    2025
    """
    years = sorted({int(y) for y in available})
    if isinstance(value, bool) or not isinstance(value, int) or value not in years:
        raise ParameterError(
            f"parameter {name}: {value!r} is not allowed; expected a fiscal year with {what}: "
            f"{_allowed(years)}"
        )
    return value


def check_items(name: str, value: Any, allowed: Sequence[str]) -> list[str]:
    """``value`` as a list if it is a non-empty list of distinct names from ``allowed``.

    >>> check_items("items", ["chips-ai"], ["meti-total", "chips-ai"])
    ['chips-ai']
    """
    if isinstance(value, str) or not isinstance(value, list | tuple) or not value:
        raise ParameterError(
            f"parameter {name}: {value!r} is not allowed; expected a non-empty list drawn from "
            f"{_allowed(allowed)}"
        )
    unknown = [v for v in value if v not in allowed]
    if unknown:
        raise ParameterError(
            f"parameter {name}: {unknown[0]!r} is not allowed; expected items from "
            f"{_allowed(allowed)}"
        )
    if len(set(value)) != len(value):
        raise ParameterError(f"parameter {name}: {list(value)!r} names an item twice")
    return list(value)


def check_fraction(name: str, value: Any, *, upper: float = 1.0) -> float:
    """``value`` if it is a number with 0 <= value < ``upper``.

    >>> check_fraction("tolerance", 0.02)
    0.02
    """
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ParameterError(
            f"parameter {name}: {value!r} is not allowed; expected a number from 0 to below {upper}"
        )
    if not (math.isfinite(value) and 0 <= value < upper):
        raise ParameterError(
            f"parameter {name}: {value!r} is not allowed; expected a number from 0 to below {upper}"
        )
    return float(value)


def check_fx(value: Any, *, fiscal_years: Iterable[int] = (), announced: Any = None) -> FxChoice:
    """The shared ``fx`` parameter as a :class:`jpbudget.fx.FxChoice`.

    ``fiscal_years``: the years the notebook will convert (``announced``: their figures'
    announcement day, see :meth:`jpbudget.fx.FxChoice.rate_for`); a choice that cannot give a
    rate for one of them is refused here, before any work is done.

    >>> check_fx("announcement")
    FxChoice(mode='announcement', rate=None)
    >>> check_fx(150)
    FxChoice(mode='explicit', rate=150.0)
    >>> check_fx(-1)
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter fx: -1 is not allowed; expected 'announcement', 'fy-average' or a positive number of yen per US dollar such as 155.9
    """
    from . import fx

    try:
        choice = fx.fx_choice(value)
        for year in fiscal_years:
            choice.rate_for(year, announced=announced)
    except (ValueError, RateUnavailableError) as exc:
        raise ParameterError(f"parameter {exc}") from None
    return choice


def validate_lang(lang: Any) -> str:
    """The shared ``lang`` parameter: the language a report is written in, ``"en"`` or ``"ja"``
    (:data:`jpbudget.i18n.LANGUAGES`).

    >>> validate_lang("ja")
    'ja'
    >>> validate_lang("jp")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter lang: 'jp' is not allowed; expected one of 'en', 'ja'
    """
    from .i18n import LANGUAGES

    return check_choice("lang", lang, LANGUAGES)


# --- one validator per notebook ---------------------------------------------------------------
# Each returns the validated parameters as a dict (the same names the notebook declares), which
# the notebook passes on to the analysis and, once, to ``provenance.show``. Every notebook has
# the shared ``lang`` parameter (validate_lang), and activates it: jpbudget.i18n.activate.


def validate_budget_growth(
    *,
    base_year: Any,
    target_year: Any,
    items: Any,
    include_supplementary: Any,
    fx: Any,
    lang: Any = "en",
) -> dict[str, Any]:
    """Validated parameters of ``budget_growth.ipynb``.

    >>> validate_budget_growth(base_year=1990, target_year=2026, items=["meti-total"],
    ...                        include_supplementary=True, fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter base_year: 1990 is not allowed; expected a fiscal year with a regular-budget figure for every item in ['meti-total']: 2024, 2025, 2026
    """
    from .analysis.budget import budget_years, growth_items

    include_supplementary = check_bool("include_supplementary", include_supplementary)
    items = check_items("items", items, growth_items())
    years = set(budget_years(items[0])).intersection(*(budget_years(i) for i in items[1:]))
    what = f"a regular-budget figure for every item in {items}"
    base_year = check_year("base_year", base_year, years, what=what)
    target_year = check_year("target_year", target_year, years, what=what)
    if target_year <= base_year:
        raise ParameterError(
            f"parameter target_year: {target_year!r} is not allowed; expected a fiscal year "
            f"after base_year ({base_year})"
        )
    return {
        "lang": validate_lang(lang),
        "base_year": base_year,
        "target_year": target_year,
        "items": items,
        "include_supplementary": include_supplementary,
        "fx": check_fx(fx, fiscal_years=(base_year, target_year)),
    }


def validate_allocation(
    *, fiscal_year: Any, envelope: Any, fx: Any, lang: Any = "en"
) -> dict[str, Any]:
    """Validated parameters of ``allocation_shares.ipynb``.

    >>> validate_allocation(fiscal_year=2026, envelope="defence", fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter envelope: 'defence' is not allowed; expected one of 'chips-ai', 'meti-total'
    """
    from .analysis.allocation import ENVELOPES, allocation_years

    envelope = check_choice("envelope", envelope, ENVELOPES)
    fiscal_year = check_year(
        "fiscal_year",
        fiscal_year,
        allocation_years(envelope),
        what=f"a figure for {envelope} and itemised lines inside it",
    )
    return {
        "lang": validate_lang(lang),
        "fiscal_year": fiscal_year,
        "envelope": envelope,
        "fx": check_fx(fx, fiscal_years=[fiscal_year]),
    }


def validate_rapidus(
    *, scope: Any, through_year: Any, include_plans: Any, fx: Any, lang: Any = "en"
) -> dict[str, Any]:
    """Validated parameters of ``rapidus_cumulative.ipynb``.

    >>> validate_rapidus(scope="bonds", through_year=2026, include_plans=False, fx=150)
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter scope: 'bonds' is not allowed; expected one of 'equity', 'subsidies', 'all'
    """
    from .analysis import rapidus

    scope = check_choice("scope", scope, list(rapidus.RAPIDUS_SCOPES))
    years = rapidus.rapidus_years()
    through_year = check_year(
        "through_year",
        through_year,
        range(years[0], years[-1] + 1),
        what="Rapidus support up to it",
    )
    include_plans = check_bool("include_plans", include_plans)
    shown = rapidus.commitments(scope, through_year, include_plans=include_plans)
    choice = check_fx(fx)
    for row in shown.itertuples():  # each figure converts at the rate of its own announcement
        check_fx(fx, fiscal_years=[int(row.fiscal_year)], announced=row.announced)
    return {
        "lang": validate_lang(lang),
        "scope": scope,
        "through_year": through_year,
        "include_plans": include_plans,
        "fx": choice,
    }


def validate_claims(*, tolerance: Any, fx: Any, lang: Any = "en") -> dict[str, Any]:
    """Validated parameters of ``claims_check.ipynb``.

    >>> validate_claims(tolerance=-0.1, fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter tolerance: -0.1 is not allowed; expected a number from 0 to below 1.0
    """
    return {
        "lang": validate_lang(lang),
        "tolerance": check_fraction("tolerance", tolerance),
        "fx": check_fx(fx, fiscal_years=[2026]),
    }


def validate_overview(
    *, first_year: Any, last_year: Any, fx: Any, lang: Any = "en"
) -> dict[str, Any]:
    """Validated parameters of ``overview.ipynb``.

    >>> validate_overview(first_year=2023, last_year=2022, fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter last_year: 2022 is not allowed; expected a fiscal year from first_year (2023) on
    """
    from .analysis.overview import overview_years

    years = overview_years()
    what = "chips (& AI) budget figures"
    first_year = check_year("first_year", first_year, years, what=what)
    last_year = check_year("last_year", last_year, years, what=what)
    if last_year < first_year:
        raise ParameterError(
            f"parameter last_year: {last_year!r} is not allowed; expected a fiscal year from "
            f"first_year ({first_year}) on"
        )
    return {
        "lang": validate_lang(lang),
        "first_year": first_year,
        "last_year": last_year,
        "fx": check_fx(fx, fiscal_years=[last_year]),
    }


def validate_peers(
    *,
    basis: Any,
    per: Any,
    currency: Any,
    fx: Any,
    gdp_year: Any,
    include_weak: Any,
    lang: Any = "en",
) -> dict[str, Any]:
    """Validated parameters of ``peers.ipynb``.

    ``fx`` is ``"announcement"`` (the ECB rate of the FY2026 cabinet decision, 2025-12-26) or a
    day ``"YYYY-MM-DD"`` the snapshot covers (the day itself: :func:`peers_rate_day`);
    ``gdp_year`` a calendar year with GDP rows.

    >>> validate_peers(basis="direct-spending", per="per-year", currency="USD", fx="26/12/2025",
    ...                gdp_year=2024, include_weak=False)
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter fx: '26/12/2025' is not allowed; expected 'announcement' or a day 'YYYY-MM-DD' covered by the ECB snapshot
    """
    from . import international
    from .analysis.peers.rows import BASES, CURRENCIES, PERS

    basis = check_choice("basis", basis, BASES)
    per = check_choice("per", per, PERS)
    currency = check_choice("currency", currency, CURRENCIES)
    years = international.load("gdp").year.dropna().astype(int)
    gdp_year = check_year("gdp_year", gdp_year, years, what="GDP figures")
    include_weak = check_bool("include_weak", include_weak)
    peers_rate_day(fx)  # refuses a day the snapshot does not cover
    return {
        "lang": validate_lang(lang),
        "basis": basis,
        "per": per,
        "currency": currency,
        "fx": fx,
        "gdp_year": gdp_year,
        "include_weak": include_weak,
    }


def peers_rate_day(fx: Any) -> dt.date:
    """The day whose ECB reference rate converts the peers report's figures, from its ``fx``
    parameter: the FY2026 cabinet decision's day for ``"announcement"``, else the day given.

    >>> peers_rate_day("announcement").isoformat()
    '2025-12-26'
    """
    from . import data
    from . import fx as rates

    expected = "expected 'announcement' or a day 'YYYY-MM-DD' covered by the ECB snapshot"
    if fx == "announcement":
        return data.budget_event(2026).date
    if not isinstance(fx, str):
        raise ParameterError(f"parameter fx: {fx!r} is not allowed; {expected}")
    try:
        day = dt.date.fromisoformat(fx)
    except ValueError:
        raise ParameterError(f"parameter fx: {fx!r} is not allowed; {expected}") from None
    try:
        rates.rate_on(day)
    except rates.RateUnavailableError as exc:
        raise ParameterError(f"parameter fx: {fx!r} is not allowed; {exc}") from None
    return day
