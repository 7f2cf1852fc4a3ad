"""The peers report's words in the active language (:mod:`jpbudget.i18n`): countries,
programmes, recipients, instruments, currencies, periods and statuses, and money of any
currency as English or Japanese readers write it ("$52.7 billion", 527億ドル).

The programme and recipient names of ``international-programmes`` are English in the data;
each is listed here, marked for translation. A name missing here is an error naming it (add it,
then ``make messages``): a Japanese page never shows an untranslated name silently.

>>> from jpbudget.i18n import using
>>> with using("ja"):
...     country_label("US"), money_exact(52_700_000_000, "USD"), format_money(7_944_346_000, "USD")
('米国', '527億ドル', '79.4億ドル')
>>> money_exact(1_725_000_000, "EUR"), format_money(Decimal("150000000000"), "INR", 4)
('€1.725 billion', '₹150 billion')
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ... import formats
from ...fiscal import fiscal_year_text
from ...i18n import N_, active, gettext, translations
from ...yen import format_usd, format_yen, format_yen_exact

COUNTRY_NAMES = {
    "JP": N_("Japan"),
    "US": N_("United States"),
    "EU": N_("European Union"),
    "DE": N_("Germany"),
    "KR": N_("South Korea"),
    "TW": N_("Taiwan"),
    "CN": N_("China"),
    "IN": N_("India"),
    "FR": N_("France"),
    "GB": N_("United Kingdom"),
}
INSTRUMENT_LABELS = {
    "grant-subsidy": N_("grants and subsidies"),
    "equity": N_("equity"),
    "loan": N_("loans and loan authority"),
    "tax-credit": N_("tax credits"),
    "public-private-target": N_("public-plus-private target"),
    "fund-capital": N_("capital of a state-led fund"),
    "mixed-package": N_("mixed package (loans, funds, spending)"),
}
#: The programmes of ``international-programmes`` and Japan's lines (rows.py), as named there.
PROGRAMMES = frozenset(
    {
        N_("CHIPS and Science Act: appropriations for semiconductors"),
        N_("CHIPS Act manufacturing incentives (subsidy programme)"),
        N_("CHIPS manufacturing awards made by 2025-01-31 (20 awards)"),
        N_("CHIPS Act loan authority"),
        N_("Advanced manufacturing investment tax credit (25%)"),
        N_("CHIPS Act manufacturing award"),
        N_("CHIPS Act proposed loans"),
        N_("Chips for Europe Initiative: from Horizon Europe"),
        N_("Chips for Europe Initiative: from the Digital Europe Programme"),
        N_("European Chips Act: public and private investment to be mobilised"),
        N_("State aid approved by the European Commission"),
        N_("Federal subsidy agreed for the Magdeburg fab"),
        N_("Support for the first IPCEI on microelectronics"),
        N_("Semiconductor support package (May 2024)"),
        N_("Low-rate loan programme for semiconductors"),
        N_("Semiconductor support package (April 2025)"),
        N_("Semiconductor programmes in the 2025 draft budget"),
        N_("Taiwan Chip-based Industrial Innovation Program"),
        N_("National Integrated Circuit Industry Investment Fund Phase III (Big Fund III)"),
        N_(
            "Programme for Development of Semiconductors and Display Manufacturing Ecosystem "
            "(India Semiconductor Mission)"
        ),
        N_("Chip support in the FY2021-23 supplementary budgets"),
        N_("Chips & AI envelope, FY2026 (subsidies, R&D and Rapidus equity)"),
        N_("AI/semiconductor framework to FY2030"),
    }
)
#: The companies awarded, as named in ``international-programmes``.
RECIPIENTS = frozenset(
    {
        N_("Intel"),
        N_("TSMC Arizona"),
        N_("Samsung Electronics"),
        N_("Micron Technology"),
        N_("ESMC (TSMC with Bosch, Infineon and NXP), Dresden"),
    }
)
#: A currency in a header or a note ("in USD", "not converted (TWD)").
CURRENCY_NAMES = {
    "USD": N_("USD"),
    "JPY": N_("JPY"),
    "EUR": N_("EUR"),
    "KRW": N_("KRW"),
    "TWD": N_("TWD"),
    "CNY": N_("CNY"),
    "INR": N_("INR"),
    "GBP": N_("GBP"),
}
_STATUSES = {"draft": N_("draft budget"), "in-force": N_("in force"), "cancelled": N_("cancelled")}
_SYMBOLS = {"EUR": "€", "KRW": "₩", "TWD": "NT$", "CNY": "CN¥", "INR": "₹", "GBP": "£"}
#: The unit after a Japanese amount of each currency, as Japanese newspapers write it.
_JA_UNITS = {
    "JPY": "円",
    "USD": "ドル",
    "EUR": "ユーロ",
    "KRW": "ウォン",
    "TWD": "台湾ドル",
    "CNY": "元",
    "INR": "ルピー",
    "GBP": "ポンド",
}


def _known(table: Any, what: str, key: Any) -> str:
    if key not in table:
        raise ValueError(
            f"international-programmes: {what} {key!r} has no reader's label; add it to "
            "jpbudget.analysis.peers.words and run make messages"
        )
    # a name of the data is a message with no placeholders ("tax credit (25%)"): not filled
    return translations(active()).gettext(table[key] if isinstance(table, dict) else key)


def country_label(country: str) -> str:
    """A country (or the EU) by its code: "United States", 米国."""
    return _known(COUNTRY_NAMES, "country", country)


def programme_label(programme: str) -> str:
    """A programme as the data names it, in the active language."""
    return _known(PROGRAMMES, "programme", programme)


def recipient_label(recipient: str) -> str:
    """A company awarded, in the active language (インテル, サムスン電子)."""
    return _known(RECIPIENTS, "recipient", recipient)


def instrument_label(instrument: str) -> str:
    """What kind of money a row is: "grants and subsidies", 補助金・助成金."""
    return _known(INSTRUMENT_LABELS, "instrument", instrument)


def currency_label(currency: str) -> str:
    """A currency in a header or a note: "USD", 米ドル."""
    return _known(CURRENCY_NAMES, "currency", currency)


def format_money(value: Any, currency: str, digits: int = 3) -> str:
    """An amount of any currency, rounded to ``digits`` significant digits ("₩1.7 trillion",
    1.7兆ウォン).

    >>> format_money(1_239_000_000_000, "JPY"), format_money(Decimal("10540000000"), "USD")
    ('¥1.24 trillion', '$10.5 billion')
    """
    lang = active()
    value = value if isinstance(value, Decimal) else Decimal(int(value))
    if currency == "JPY":
        whole = value.quantize(Decimal(1), ROUND_HALF_UP)
        return format_yen(int(whole), digits=digits, lang=lang)
    text = format_usd(Decimal(value), digits=digits, lang=lang)
    if lang == "ja":
        return text.removesuffix("ドル") + _JA_UNITS[currency]
    return text if currency == "USD" else text.replace("$", _SYMBOLS.get(currency, currency), 1)


def money_exact(amount: int, currency: str) -> str:
    """Every digit of a whole amount: "€1.725 billion" (as :func:`format_money` with all its
    digits), 17億2500万ユーロ."""
    if active() == "en":
        digits = len(str(abs(int(amount))).rstrip("0")) or 1
        return format_money(int(amount), currency, max(digits, 3))
    return format_yen_exact(int(amount), lang="ja").removesuffix("円") + _JA_UNITS[currency]


def printed_text(text: str, amount: int, currency: str, qualifier: str) -> str:
    """A source's figure on the page: as printed on English pages; on Japanese pages as printed
    when the source wrote Japanese, else every digit in Japanese with its qualifier."""
    if active() == "en" or formats.is_japanese(text):
        return text
    return formats.qualify(money_exact(amount, currency), qualifier or "")


def period_text(row: Any) -> str:
    """ "FY2021-23" (2021〜23年度), "2024-33" (2024〜33年), "from 2024 (no end given)" or "FY2026"."""
    fiscal = row.period_kind == "fiscal-year"
    start = int(row.period_start)
    if pd.isna(row.period_end):
        first = (
            fiscal_year_text(start, lang=active())
            if fiscal
            else gettext(N_("%(year)s"), year=start)
        )
        return gettext(N_("from %(start)s (no end given)"), start=first)
    end = int(row.period_end)
    if end == start:
        return (
            fiscal_year_text(start, lang=active())
            if fiscal
            else gettext(N_("%(year)s"), year=start)
        )
    message = N_("FY%(start)s-%(end)s") if fiscal else N_("%(start)s-%(end)s")
    return gettext(message, start=start, end=str(end)[-2:])


def status_text(row: Any) -> str:
    """ "in force", "draft budget" or "cancelled", with "(weak source)" for a weak row."""
    words = gettext(_STATUSES[row.status]) if row.status in _STATUSES else str(row.status)
    if row.confidence == "weak":
        return gettext(N_("%(status)s (weak source)"), status=words)
    return words
