"""The seed article's claims in the reader's language: subjects, notes and stated figures.

``data/claims.csv`` writes each claim's subject and note in English, and its stated figure as
the (English) article printed it. A Japanese page shows the subject and note from the catalog
(each is marked below, so ``make messages`` extracts it) and the stated figure written the
Japanese way, the same value (約1兆2300億円 for "about ¥1.23 trillion"). A subject or note
without a Japanese translation is an error naming it: a Japanese page never shows it in English.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from .. import formats
from ..i18n import N_, active, gettext
from ..yen import format_usd

#: Every subject, note and worded statement of ``data/claims.csv``, marked for translation.
CLAIM_TEXTS = (
    N_("Chips & AI budget, FY2026"),
    N_("Chips & AI budget, FY2026, in US dollars"),
    N_("Chips & AI budget, FY2026 against FY2025"),
    N_("METI total budget, FY2026 against FY2025"),
    N_("METI total budget, FY2026"),
    N_("Rapidus, FY2026"),
    N_("Rapidus, cumulative public investment"),
    N_("AI foundation models, data infrastructure, physical AI, FY2026"),
    N_("Critical minerals, FY2026"),
    N_("Decarbonisation including new nuclear technology, FY2026"),
    N_("METI total budget, FY2026 against FY2025: what drove the increase"),
    N_("Chips & AI money, FY2026: regular budget instead of supplementary budgets"),
    N_("The article attributes the increase to METI, for the fiscal year starting in April 2026."),
    N_("Dollar value given for the ¥1.23 trillion; the article names no rate or date."),
    N_("Also phrased as nearly quadrupling; the base is called what was previously planned."),
    N_("Year-on-year growth of the whole ministry budget."),
    N_("Called support for Rapidus; the primary reports say government equity."),
    N_(
        "Called cumulative public investment; it matches government equity only (FY2025 ¥100 "
        "billion + FY2026 ¥150 billion), not the subsidies."
    ),
    N_(
        "The article lists it with the chips & AI money; the primary reports make it a METI "
        "line outside that envelope."
    ),
    N_(
        "Read as: the chips & AI envelope's increase is more than half of the increase of the "
        "METI total it sits in."
    ),
    N_(
        "Read as: more than half of the year's 15-month chips & AI money (initial budget plus "
        "the previous year's supplementary) is in the initial budget, and that share rose from "
        "the year before."
    ),
    N_("largely due to"),
    N_("regular budget cycle"),
)


def data_text(text: str, where: str, marked_in: str, *, lang: str | None = None) -> str:
    """English text of a data file (``where``) in ``lang`` (default: active), from the catalog;
    an untranslated text on a non-English page is a ``ValueError`` naming the file, the text and
    the list it must be marked in (``marked_in``)."""
    lang = active(lang)
    if lang == "en" or not text:
        return text
    translated = gettext(text, lang=lang)
    if translated == text:
        raise ValueError(
            f"{where}: {text!r} has no translation in the {lang!r} catalog; mark it in "
            f"{marked_in}, run make messages and translate it"
        )
    return translated


def claim_text(text: str, *, lang: str | None = None) -> str:
    """A subject, note or worded statement of the claims data in ``lang`` (default: active).

    >>> claim_text("Rapidus, FY2026", lang="en"), claim_text("Rapidus, FY2026", lang="ja")
    ('Rapidus, FY2026', 'ラピダス、2026年度')
    """
    return data_text(
        text, "data/claims.csv", "jpbudget.analysis.claim_words.CLAIM_TEXTS", lang=lang
    )


def _qualifier(claim: Any) -> str:
    word = claim.get("qualifier")
    if word is None or (not isinstance(word, str) and pd.isna(word)) or not str(word):
        return ""
    return "about" if str(word) in ("roughly", "approximately") else str(word)


def stated_text(claim: Any, digits: int, *, lang: str | None = None) -> str:
    """A claim's stated figure as a reader of ``lang`` reads it: as printed on an English page;
    on a Japanese page the same value written the Japanese way, with its qualifier.

    ``claim`` is a row of ``data/claims.csv`` (``stated_text``, ``stated_value``, ``unit``,
    ``relation``, ``qualifier``); ``digits`` the significant digits printed.
    """
    lang = active(lang)
    printed = str(claim["stated_text"])
    if lang == "en":
        return printed
    unit, value = str(claim["unit"]), Decimal(repr(float(claim["stated_value"]))).normalize()
    if str(claim["relation"]) in ("share-of-change", "regular-share"):
        return claim_text(printed, lang=lang)
    if unit == "JPY":
        return formats.source_amount_text(int(value), printed, lang=lang)
    if unit == "USD":
        shown = format_usd(value, max(digits, 1), lang=lang)
    elif unit == "multiple":
        shown = formats.multiple_text(
            value.quantize(Decimal(1)) if value == value.to_integral() else value, lang=lang
        )
    else:
        shown = f"{value:f}%"
    word = _qualifier(claim)
    return formats.qualify(shown, word, lang=lang) if word else shown
