"""Japan against its peers: public money for chips, compared only like for like.

The rows come from ``international-programmes``, ``gdp`` and ``mof-peer-comparison``
(:mod:`jpbudget.international`) and, for Japan, from ``budget-lines``. The rules:

- **direct public spending** is money a government grants, subsidises or puts in as equity
  (instruments ``grant-subsidy`` and ``equity``); tax credits, loans and loan authority,
  public-plus-private targets, fund capital and mixed packages are shown apart and never added
  to it; cancelled aid is never counted;
- a programme is compared as a **total over its own period**, **per year** (the total divided by
  the number of years of that period; no period, no per-year figure) or as a **share of GDP**
  of one stated year, in the programme's own currency (a share needs no exchange rate);
- rows inside another row (a company award inside its programme) are never added to it;
- *weak* rows (one unofficial or garbled source) are left out unless asked for, and a figure
  computed from a weak row says so (:attr:`Share.weak`); headlines use exact rows only.

Amounts stay integers and :class:`~decimal.Decimal` until shown; conversions happen only between
yen and dollars here, at an ECB reference rate of a stated day (:func:`convert`).

One concern a module: :mod:`.rows` (the rows in one shape, GDP figures, currency conversion),
:mod:`.compare` (shares of GDP, per-year averages, MOF's chart recomputed, the FY2026 envelope
against the CHIPS Act), :mod:`.tables` (money, periods and statuses in words; the tables and the
chart for readers) and :mod:`.finding` (the headline and the sentences around it).

>>> from decimal import Decimal
>>> row = japan_programmes().set_index("key").loc["jp-chips-supplementary-fy2021-23"]
>>> int(row.amount), int(row.years)
(3930800000000, 3)
>>> share = gdp_share(row.amount, "JP", 2024)
>>> share.percent.quantize(Decimal("0.001")), share.weak
(Decimal('0.645'), False)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from ... import data, fx, international
from ...params import ParameterError, check_bool, check_choice, check_year
from .compare import (
    RULE,
    EnvelopeVsChipsAct,
    Share,
    chips_ai_vs_chips_act,
    gdp_share,
    mof_comparison,
    per_year,
)
from .finding import (
    Headline,
    comparison_caption,
    envelope_sentence,
    escape,
    headline,
    mof_sentence,
    rates_sentence,
    source_ids,
)
from .rows import (
    BASES,
    COUNTRY_NAMES,
    CURRENCIES,
    DIRECT_INSTRUMENTS,
    PERS,
    GdpFigure,
    apart,
    awards,
    comparison,
    convert,
    gdp_figure,
    japan_programmes,
    programme_row,
    programmes,
)
from .tables import (
    INSTRUMENT_LABELS,
    comparison_display,
    format_money,
    mof_display,
    period_text,
    plain_display,
    share_chart,
    sources_of,
    status_text,
)

__all__ = [
    "BASES",
    "COUNTRY_NAMES",
    "CURRENCIES",
    "DIRECT_INSTRUMENTS",
    "INSTRUMENT_LABELS",
    "PERS",
    "RULE",
    "EnvelopeVsChipsAct",
    "GdpFigure",
    "Headline",
    "Share",
    "apart",
    "awards",
    "chips_ai_vs_chips_act",
    "comparison",
    "comparison_caption",
    "comparison_display",
    "convert",
    "envelope_sentence",
    "escape",
    "format_money",
    "gdp_figure",
    "gdp_share",
    "headline",
    "japan_programmes",
    "mof_comparison",
    "mof_display",
    "mof_sentence",
    "per_year",
    "period_text",
    "plain_display",
    "programme_row",
    "programmes",
    "rates_sentence",
    "share_chart",
    "source_ids",
    "sources_of",
    "status_text",
    "validate_peers",
]

# --- parameters -----------------------------------------------------------------------------------


def validate_peers(
    *, basis: Any, per: Any, currency: Any, fx: Any, gdp_year: Any, include_weak: Any
) -> dict[str, Any]:
    """The peers notebook's parameters, checked; each error names its parameter.

    ``fx`` is ``"announcement"`` (the ECB rate of the FY2026 cabinet decision, 2025-12-26) or a
    day ``"YYYY-MM-DD"`` the snapshot covers; ``gdp_year`` a calendar year with GDP rows.
    """
    checked = {
        "basis": check_choice("basis", basis, BASES),
        "per": check_choice("per", per, PERS),
        "currency": check_choice("currency", currency, CURRENCIES),
        "gdp_year": check_year(
            "gdp_year",
            gdp_year,
            international.load("gdp").year.dropna().astype(int),
            what="GDP figures",
        ),
        "include_weak": check_bool("include_weak", include_weak),
    }
    checked["fx"] = fx
    checked["rate_day"] = _fx_day(fx)
    return checked


def _fx_day(value: Any) -> dt.date:
    expected = "expected 'announcement' or a day 'YYYY-MM-DD' covered by the ECB snapshot"
    if value == "announcement":
        return data.budget_event(2026).date
    if not isinstance(value, str):
        raise ParameterError(f"parameter fx: {value!r} is not allowed; {expected}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"parameter fx: {value!r} is not allowed; {expected}") from None
    try:
        fx.rate_on(day)
    except fx.RateUnavailableError as exc:
        raise ParameterError(f"parameter fx: {value!r} is not allowed; {exc}") from None
    return day
