"""Figures as a reader writes them, in English or Japanese: qualifiers, multiples, changes, dates.

The values come in exact (``Decimal``, ``int``, dates) and are only written here, never
rounded differently per language: both pages show the same digits. Amounts of yen and dollars
are written by :mod:`jpbudget.yen` (``format_yen``, ``format_yen_exact``, ``format_usd``) and
fiscal years by :func:`jpbudget.fiscal.fiscal_year_text`; this module adds their qualifier.
Dates use Babel's locale data (``en_GB`` long form, the project's English; ``ja``).

>>> multiple_text(Decimal("3.72"), lang="ja"), percent_change_text(Decimal("49.5"), lang="ja")
('3.72倍', '49.5%増')
>>> date_text("2025-12-26", lang="ja"), date_text("2022-11-01", "month", lang="ja")
('2025年12月26日', '2022年11月')
>>> qualify("1.5兆円", "about", lang="ja", form="規模"), qualify("79億ドル", "about", lang="ja")
('1.5兆円規模', '約79億ドル')
"""

from __future__ import annotations

import datetime as dt
import numbers
import unicodedata
from decimal import Decimal
from typing import Any

from .fiscal import as_date
from .i18n import N_, active, gettext
from .yen import QUALIFIERS, format_yen_exact, parse_yen, split_qualifier

__all__ = [
    "PRECISIONS",
    "date_text",
    "is_japanese",
    "multiple_text",
    "percent_change_text",
    "qualifier_form",
    "qualify",
    "rate_figure",
    "source_amount_text",
]

PRECISIONS = ("day", "month", "year")
"""How precisely a date is known (the data's ``*_precision`` columns)."""

#: Each qualifier word of the data (:data:`jpbudget.yen.QUALIFIERS`) around an amount, in the
#: words a reader expects when the source's own form is not kept: 約, 最大, 超 in Japanese.
QUALIFIER_MESSAGES = {
    "about": N_("about %(amount)s"),
    "up to": N_("up to %(amount)s"),
    "more than": N_("more than %(amount)s"),
}
#: Japanese printed forms that follow the amount (1.5兆円規模, 10兆円超); the others open it.
_JA_SUFFIX_FORMS = frozenset({"規模", "程度", "超", "以上"})

_BABEL_LOCALES = {"en": "en_GB", "ja": "ja"}
_SKELETONS = {"month": "yMMMM", "year": "y"}


def qualifier_form(text: str) -> tuple[str, str]:
    """The qualifier word of a figure's text and the form the source printed it in.

    ``("", "")`` when the text has none. The word is one of :data:`jpbudget.yen.QUALIFIERS`.

    >>> qualifier_form("1.5兆円規模"), qualifier_form("about ¥1.5 trillion")
    (('about', '規模'), ('about', 'about'))
    >>> qualifier_form("最大1,000億円"), qualifier_form("¥387.3 billion")
    (('up to', '最大'), ('', ''))
    """
    word, bare = split_qualifier(text)
    if not word:
        return "", ""
    stripped = text.strip()
    form = stripped[len(bare) :] if stripped.startswith(bare) else stripped[: -len(bare)]
    return word, form.strip()


def qualify(
    amount: str, qualifier: str, *, lang: str | None = None, form: str | None = None
) -> str:
    """``amount`` (already written in ``lang``) with its qualifier, as the source has it.

    ``qualifier`` is the data's word (``""``: none, the amount is returned as it is). ``form``
    is the form the source printed (see :func:`qualifier_form`): kept when it is in the
    page's language (規模 and 程度 stay 規模 and 程度; "roughly" stays "roughly"), otherwise the
    catalog's words are used (約 / 最大 / 超; about / up to / more than).

    >>> qualify("¥1.5 trillion", "about", lang="en", form="規模")
    'about ¥1.5 trillion'
    >>> qualify("3,000億円", "about", lang="ja", form="程度"), qualify("1兆円", "more than", lang="ja")
    ('3,000億円程度', '1兆円超')
    >>> qualify("1,000億円", "up to", lang="ja"), qualify("¥5 billion", "", lang="en")
    ('最大1,000億円', '¥5 billion')
    """
    lang = active(lang)
    if not qualifier:
        if form:
            raise ValueError(f"qualify: form {form!r} given without a qualifier")
        return amount
    if qualifier not in QUALIFIERS:
        raise ValueError(
            f"qualifier {qualifier!r} is not a qualifier of the data; expected one of "
            f"{', '.join(repr(q) for q in QUALIFIERS)} or ''"
        )
    if form is not None and form not in QUALIFIERS[qualifier]:
        raise ValueError(
            f"form {form!r} is not a printed form of qualifier {qualifier!r}; expected one "
            f"of {', '.join(repr(f) for f in QUALIFIERS[qualifier])}"
        )
    if form and form.isascii() == (lang == "en"):
        if lang == "en":
            return f"{form} {amount}"
        return f"{amount}{form}" if form in _JA_SUFFIX_FORMS else f"{form}{amount}"
    return gettext(QUALIFIER_MESSAGES[qualifier], lang=lang, amount=amount)


def is_japanese(text: str) -> bool:
    """Whether ``text`` is written in Japanese script (kanji, hiragana or katakana).

    >>> is_japanese("1.5兆円規模"), is_japanese("about ¥1.5 trillion")
    (True, False)
    """
    return any(unicodedata.name(c, "").startswith(("CJK", "HIRAGANA", "KATAKANA")) for c in text)


def source_amount_text(amount_jpy: int, printed: str, *, lang: str | None = None) -> str:
    """A source's figure on a page in ``lang``: as printed when the source wrote that language,
    else every digit of the exact amount in the page's language with the source's qualifier.

    ``printed`` is the figure's text in the source (the data's ``amount_text``) and
    ``amount_jpy`` its exact value; they must agree (``parse_yen`` of the printed amount, its
    qualifier set aside), or ``ValueError`` names both: a page never shows a number its text
    contradicts.

    >>> source_amount_text(1_500_000_000_000, "1.5兆円規模", lang="ja")
    '1.5兆円規模'
    >>> source_amount_text(1_500_000_000_000, "1.5兆円規模", lang="en")
    'about ¥1.5 trillion'
    >>> source_amount_text(387_300_000_000, "387.3 billion yen", lang="ja")
    '3873億円'
    """
    lang = active(lang)
    if isinstance(amount_jpy, bool) or not isinstance(amount_jpy, numbers.Integral):
        raise TypeError(
            f"source_amount_text: amount_jpy {amount_jpy!r} is not a whole number of yen "
            f"(printed {printed!r})"
        )
    word, form = qualifier_form(printed)
    bare = split_qualifier(printed)[1]
    read = parse_yen(bare)
    if read != amount_jpy:
        raise ValueError(
            f"source_amount_text: the printed amount {printed!r} reads {read} yen, not "
            f"amount_jpy {amount_jpy!r}"
        )
    if is_japanese(printed) == (lang == "ja"):
        return printed
    return qualify(format_yen_exact(amount_jpy, lang=lang), word, lang=lang, form=form or None)


def _exact(value: Any, what: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise TypeError(
            f"{what} takes an exact Decimal or int; got {value!r} of type {type(value).__name__}"
        )
    exact = Decimal(value)
    if not exact.is_finite():
        raise ValueError(f"{what} needs a finite number; got {value!r}")
    return exact


def multiple_text(multiple: Decimal | int, *, lang: str | None = None) -> str:
    """A multiple with the digits it has: "3.72×" in English, "3.72倍" in Japanese.

    Round it first (``Decimal.quantize``); the digits are written as they are.

    >>> multiple_text(Decimal("3.72"), lang="en"), multiple_text(Decimal("3.7"), lang="ja")
    ('3.72×', '3.7倍')
    """
    value = _exact(multiple, "multiple_text")
    return f"{value}倍" if active(lang) == "ja" else f"{value}×"


def percent_change_text(change: Decimal | int, *, lang: str | None = None) -> str:
    """A change in percent with its direction: "+49.5%" / "49.5%増", "-12.0%" / "12.0%減".

    A change of zero is "+0.0%" in English and "0.0%" in Japanese (neither 増 nor 減).

    >>> percent_change_text(Decimal("49.5"), lang="en"), percent_change_text(Decimal("-12.0"), lang="ja")
    ('+49.5%', '12.0%減')
    """
    value = _exact(change, "percent_change_text")
    if active(lang) == "en":
        return f"{value:+}%"
    if value.is_zero():
        return f"{abs(value)}%"
    return f"{abs(value)}%{'増' if value > 0 else '減'}"


def _missing(value: Any) -> bool:
    return value is None or (not isinstance(value, str) and value != value)  # NaT, NaN


def date_text(
    value: Any, precision: str = "day", *, lang: str | None = None, numeric: bool = False
) -> str:
    """A date written as precisely as its source gives it.

    English (as the reports write it today): "26 December 2025", "November 2022", "2022";
    Japanese: 2025年12月26日, 2022年11月, 2022年. ``value``: a date, datetime, pandas Timestamp,
    numpy datetime64 or ISO ``YYYY-MM-DD`` text; a missing value (None, NaT) is said in words.
    ``numeric=True`` is the short form of source lines ("Toyo Keizai, 2025-12-26"): a day is
    ISO ``YYYY-MM-DD`` in English (Japanese keeps 2025年12月26日) and a missing date "undated".

    >>> date_text("2025-12-26", lang="en"), date_text("2022-11-01", "month", lang="en")
    ('26 December 2025', 'November 2022')
    >>> date_text("2022-01-01", "year", lang="ja"), date_text(None, lang="ja")
    ('2022年', '日付不明')
    >>> date_text("2025-12-26", lang="en", numeric=True), date_text(None, lang="en", numeric=True)
    ('2025-12-26', 'undated')
    """
    from babel.dates import format_date, format_skeleton

    lang = active(lang)
    if precision not in PRECISIONS:
        raise ValueError(
            f"precision {precision!r} is not allowed; expected one of "
            f"{', '.join(repr(p) for p in PRECISIONS)}"
        )
    if not isinstance(numeric, bool):
        raise TypeError(f"numeric must be True or False; got {numeric!r}")
    if _missing(value):
        return gettext(N_("undated") if numeric else N_("date not given"), lang=lang)
    day: dt.date = as_date(value)
    locale = _BABEL_LOCALES[lang]
    if precision == "day":
        if numeric and lang == "en":
            return day.isoformat()
        return format_date(day, "long", locale=locale)
    return format_skeleton(_SKELETONS[precision], day, locale=locale)


#: How a Japanese newspaper names a currency in an exchange rate (1ドル＝155.96円).
_JA_UNITS = {
    "JPY": "円",
    "USD": "ドル",
    "EUR": "ユーロ",
    "KRW": "ウォン",
    "CNY": "元",
    "GBP": "ポンド",
    "INR": "ルピー",
}


def rate_figure(value: Any, quote: str, base: str, *, lang: str | None = None) -> str:
    """An exchange rate, ``value`` of ``quote`` per 1 ``base``, as a reader of ``lang`` writes
    it: "¥155.96 per US$" in English, 1ドル＝155.96円 in Japanese (two decimals from 10 on,
    four significant digits below).

    >>> rate_figure(155.96, "JPY", "USD", lang="en"), rate_figure(155.96, "JPY", "USD", lang="ja")
    ('¥155.96 per US$', '1ドル＝155.96円')
    >>> rate_figure(1.1718, "USD", "EUR", lang="ja")
    '1ユーロ＝1.172ドル'
    """
    from .fx.quotes import _number, _symbol

    number = _number(float(value))
    if active(lang) == "en":
        return f"{_symbol(quote)}{number} per {_symbol(base).strip()}"
    for code in (quote, base):
        if code not in _JA_UNITS:
            raise ValueError(
                f"currency {code!r} has no Japanese unit; expected one of {sorted(_JA_UNITS)}"
            )
    return f"1{_JA_UNITS[base]}＝{number}{_JA_UNITS[quote]}"
