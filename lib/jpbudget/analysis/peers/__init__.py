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
    apart_caption,
    awards_caption,
    comparison_caption,
    envelope_sentence,
    escape,
    headline,
    mof_caption,
    mof_sentence,
    rates_sentence,
    share_chart_caption,
    share_chart_cite,
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
    "apart_caption",
    "awards",
    "awards_caption",
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
    "mof_caption",
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
    "share_chart_caption",
    "share_chart_cite",
    "source_ids",
    "sources_of",
    "status_text",
]

# --- parameters -----------------------------------------------------------------------------------
