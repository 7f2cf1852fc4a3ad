"""The peers report's words in the active language (:mod:`jpbudget.i18n`): countries,
programmes, recipients, instruments, currencies, periods and statuses, and money of any
currency as English or Japanese readers write it ("$52.7 billion", 527億ドル).

The programme and recipient names of ``international-programmes`` are English in the data;
each is listed here, marked for translation. A name missing here is an error naming it (add it,
then ``make messages``): a Japanese page never shows an untranslated name silently.

>>> from jpbudget.i18n import using
>>> with using("ja"):
...     country_label("US"), money_exact(52_700_000_000, "USD"), format_money(7_944_346_000, "USD")
('米国', '527億ドル', '79億4000万ドル')
>>> money_exact(1_725_000_000, "EUR"), format_money(Decimal("150000000000"), "INR", 4)
('€1.725 billion', '₹150 billion')
"""

from __future__ import annotations

from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ... import formats
from ...fiscal import fiscal_year_text
from ...i18n import N_, active, gettext, translations
from ...yen import format_usd, format_yen, format_yen_exact, round_significant

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
    """An amount of any currency: in English rounded to ``digits`` significant digits
    ("₩1.7 trillion", "$10.5 billion"); in Japanese as budget documents write amounts
    (:func:`ja_money`).

    >>> format_money(1_239_000_000_000, "JPY"), format_money(Decimal("10540000000"), "USD")
    ('¥1.24 trillion', '$10.5 billion')
    """
    lang = active()
    value = value if isinstance(value, Decimal) else Decimal(int(value))
    if lang == "ja":
        return ja_money(value, currency, digits)
    if currency == "JPY":
        whole = value.quantize(Decimal(1), ROUND_HALF_UP)
        return format_yen(int(whole), digits=digits, lang=lang)
    text = format_usd(Decimal(value), digits=digits, lang=lang)
    return text if currency == "USD" else text.replace("$", _SYMBOLS.get(currency, currency), 1)


def ja_money(value: Decimal | int, currency: str, digits: int | None = None) -> str:
    """An amount written the Japanese budget-document way: 兆, 億 and 万 each with their own
    digits, no commas, no decimal point, then the currency's unit (3兆9308億円, 17億2500万ユーロ,
    1兆7000億ウォン, 3210万ドル).

    The rounding rule: ``digits=None`` writes every digit of a whole amount (a fraction is an
    error); with ``digits`` the amount is first rounded half up to that many significant digits,
    as the English page rounds it ("$7.94 billion" is 79億4000万ドル, "¥1.31 trillion"
    1兆3100億円), then to whole units.

    >>> ja_money(3_930_800_000_000, "JPY"), ja_money(Decimal("7944346123.45"), "USD", 3)
    ('3兆9308億円', '79億4000万ドル')
    """
    if currency not in _JA_UNITS:
        raise ValueError(
            f"currency {currency!r} has no Japanese unit; expected one of {sorted(_JA_UNITS)}"
        )
    exact = Decimal(value)
    if digits is not None:
        exact = round_significant(exact, digits).quantize(Decimal(1), ROUND_HALF_UP)
    elif exact != exact.to_integral_value():
        raise ValueError(f"ja_money: {value!r} {currency} is not a whole amount")
    return format_yen_exact(int(exact), lang="ja").removesuffix("円") + _JA_UNITS[currency]


def money_exact(amount: int, currency: str) -> str:
    """Every digit of a whole amount: "€1.725 billion" (as :func:`format_money` with all its
    digits), 17億2500万ユーロ."""
    if active() == "en":
        digits = len(str(abs(int(amount))).rstrip("0")) or 1
        return format_money(int(amount), currency, max(digits, 3))
    return ja_money(int(amount), currency)


def figure_text(amount: int, currency: str, digits: int = 3) -> str:
    """A whole figure of the data (or a sum of them) with every digit, in the active language:
    one form per figure on a page ("¥3.9308 trillion", 3兆9308億円; "€1.725 billion", never
    "€1.73 billion"). ``digits`` is kept for callers; no digit of a figure is dropped.

    >>> figure_text(3_930_800_000_000, "JPY"), figure_text(1_239_000_000_000, "JPY")
    ('¥3.9308 trillion', '¥1.239 trillion')
    """
    return money_exact(int(amount), currency)


def average_text(
    amount: int, years: int, currency: str, digits: int = 3, *, ceiling: bool = False
) -> str:
    """The yearly average of a whole figure over ``years`` years, in both languages rounded to
    the finer of ``digits`` significant digits and the unit (万, 億, 兆) the figure itself is
    given in, so that an average keeps the precision of what it averages (3兆9308億円 over 3
    years is 1兆3103億円, "¥1.3103 trillion"; 1兆2390億円 over 1 year stays 1兆2390億円,
    "¥1.239 trillion"; 10兆円 over 7 years is 1兆4300億円). Halves round up, except for a
    ``ceiling`` ("up to"), which is never rounded up: it is cut off.

    >>> average_text(3_930_800_000_000, 3, "JPY"), average_text(1_239_000_000_000, 1, "JPY")
    ('¥1.3103 trillion', '¥1.239 trillion')
    >>> average_text(1_725_000_000, 7, "EUR", ceiling=True)
    '€246.42 million'
    """
    value = Decimal(int(amount)) / int(years)
    zeros = len(str(abs(int(amount)))) - len(str(abs(int(amount))).rstrip("0"))
    given = Decimal(10) ** (zeros // 4 * 4)  # the 万-power unit of the figure
    significant = Decimal(10) ** max(0, abs(value).adjusted() - digits + 1)
    unit = min(given, significant)
    rounding = ROUND_DOWN if ceiling else ROUND_HALF_UP
    rounded = (value / unit).quantize(Decimal(1), rounding) * unit
    return money_exact(int(rounded), currency)


def page_figure(text: str, amount: int, currency: str, qualifier: str) -> str:
    """A source's figure written in the page's language with every digit and its qualifier
    ("¥1.239 trillion", "up to €1.725 billion"); on Japanese pages as :func:`printed_text`."""
    if active() == "en":
        return formats.qualify(money_exact(int(amount), currency), qualifier or "")
    return printed_text(text, amount, currency, qualifier)


def printed_text(text: str, amount: int, currency: str, qualifier: str) -> str:
    """A source's figure on the page. English pages: as printed, followed by its English
    rendering when that differs ("1兆2390億円 (¥1.239 trillion)", "10億ユーロ (€1 billion)",
    "maximum indicative amount of EUR 1.725 billion (up to €1.725 billion)"; "$52.7 billion"
    alone). Japanese pages: as printed when the source wrote Japanese, else every digit in
    Japanese with its qualifier."""
    if active() == "en":
        rendering = page_figure(text, amount, currency, qualifier)
        if rendering == text:
            return text
        return gettext(N_("%(printed)s (%(rendering)s)"), printed=text, rendering=rendering)
    if formats.is_japanese(text):
        return text
    return formats.qualify(money_exact(amount, currency), qualifier or "")


def printed_note(text: str, shown: str, note: str | None = None) -> str | None:
    """A key figure's note: ``note`` and, when the figure shown is not the printed text, what
    the source prints ("cabinet draft; the source prints 1兆2390億円")."""
    if shown == text:
        return note
    if note:
        return gettext(N_("%(note)s; the source prints %(printed)s"), note=note, printed=text)
    return gettext(N_("the source prints %(printed)s"), printed=text)


#: US federal fiscal years (October to September) are not Japan's 年度: their own messages,
#: written alike in English ("FY2022-26") but 2022～26会計年度 in Japanese.
# TRANSLATORS: US federal fiscal years (October to September), not Japanese 年度
_US_FISCAL_YEARS = N_("FY%(first)s-%(last)s")
# TRANSLATORS: a US federal fiscal year (October to September), not a Japanese 年度
_US_FISCAL_YEAR = N_("FY%(federal_year)s")


def _one_year(row: Any, start: int) -> str:
    if row.period_kind != "fiscal-year":
        return gettext(N_("%(year)s"), year=start)
    if row.country == "US":
        return gettext(_US_FISCAL_YEAR, federal_year=start)
    return fiscal_year_text(start, lang=active())


def period_text(row: Any) -> str:
    """ "FY2021-23" (2021～23年度), "2024-33" (2024～33年), "from 2024 (no end given)" or
    "FY2026"; a US fiscal year is a 会計年度 in Japanese (2022～26会計年度)."""
    start = int(row.period_start)
    if pd.isna(row.period_end):
        return gettext(N_("from %(start)s (no end given)"), start=_one_year(row, start))
    end = int(row.period_end)
    if end == start:
        return _one_year(row, start)
    if row.period_kind != "fiscal-year":
        return gettext(N_("%(start)s-%(end)s"), start=start, end=str(end)[-2:])
    if row.country == "US":
        return gettext(_US_FISCAL_YEARS, first=start, last=str(end)[-2:])
    return gettext(N_("FY%(start)s-%(end)s"), start=start, end=str(end)[-2:])


def status_text(row: Any) -> str:
    """ "in force", "draft budget" or "cancelled", with "(weak source)" for a weak row."""
    words = gettext(_STATUSES[row.status]) if row.status in _STATUSES else str(row.status)
    if row.confidence == "weak":
        return gettext(N_("%(status)s (weak source)"), status=words)
    return words
