"""Words for readers: labels, dates with their precision, budget status, figures as text.

Nothing here computes a result; it turns keys and exact values into what a reader sees, in the
active language (:func:`jpbudget.i18n.activate`; every function also takes ``lang``). Words
come from the message catalogs, figures from :mod:`jpbudget.formats`. No data key, source id or
column name leaves this module: every key has a label.

>>> item_label("chips-ai"), budget_label("initial-draft")
('Chips & AI', 'cabinet draft')
>>> date_text("2022-11-01", "month"), date_text("2022-01-01", "year"), date_text("2025-12-26")
('November 2022', '2022', '26 December 2025')
>>> yen_exact(906_200_000_000), share_text(Fraction(163, 100_000)), multiple_text(Decimal("3.72"))
('¥906.2 billion', '0.163%', '3.72×')
>>> item_label("chips-ai", lang="ja"), yen_exact(906_200_000_000, lang="ja")
('半導体・AI', '9062億円')
>>> date_text("2025-12-26", lang="ja"), multiple_text(Decimal("3.72"), lang="ja")
('2025年12月26日', '3.72倍')
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from .. import data, formats, terms
from ..i18n import N_, active, gettext
from ..yen import format_usd, format_yen
from .rate_words import rate_description, rate_text  # re-exported: rates in words

__all__ = [
    "budget_label",
    "date_text",
    "item_label",
    "multiple_text",
    "percent_change_text",
    "rate_description",
    "rate_text",
    "share_text",
    "source_label",
    "source_ref",
    "status_text",
    "yen_exact",
]

ITEM_LABELS = {
    "meti-total": N_("METI total"),
    "chips-ai": N_("Chips & AI"),
    "rapidus-equity": N_("Rapidus equity"),
    "ai-foundation-models": N_("AI foundation models, data, physical AI"),
    "critical-minerals": N_("Critical minerals"),
    "next-gen-nuclear": N_("Next-generation nuclear / decarbonisation"),
    "chips-design-hub": N_("Chip design hub"),
    "edge-ai-chip-rd": N_("Edge-AI chip R&D"),
    "rapidus-rd": N_("Rapidus R&D (reported)"),
    "rapidus-total": N_("Rapidus, all support in the draft (reported)"),
    "chips-supplementary": N_("Chips (supplementary budget)"),
    "chips-ai-supplementary": N_("Chips & AI (supplementary budget)"),
    "chips-ai-cumulative": N_("Chips & AI since FY2021, as reported"),
    "ai-chips-framework": N_("Public support by FY2030, a framework target"),
    "ai-chips-public-private-target": N_("Public and private investment over 10 years, a target"),
    "not itemised in sources": N_("Not itemised in the sources"),
}
SCOPE_LABELS = {
    "equity": N_("government equity"),
    "subsidies": N_("subsidies"),
    "all": N_("all support"),
}
KIND_LABELS = {
    "subsidy": N_("subsidy"),
    "equity": N_("equity"),
    "plan": N_("plan"),
    "loan-guarantee": N_("loan guarantee"),
}
MARKS = dict(terms.MARK_LABELS)


def _label(table: dict[str, str], what: str, key: str, lang: str | None) -> str:
    if key not in table:
        raise KeyError(
            f"{what} {key!r} has no reader's label; add it to jpbudget.analysis.display "
            f"(known: {', '.join(sorted(table))})"
        )
    return gettext(table[key], lang=lang)


def item_label(item: str, *, lang: str | None = None) -> str:
    """A reader's name for an item key; an item with no label is an error naming it."""
    return _label(ITEM_LABELS, "item", item, lang)


def scope_label(scope: str, *, lang: str | None = None) -> str:
    """A reader's name for a Rapidus scope ("government equity", "all support")."""
    return _label(SCOPE_LABELS, "scope", scope, lang)


def kind_label(kind: str, *, lang: str | None = None) -> str:
    """A reader's name for a kind of support ("subsidy", "loan guarantee")."""
    return _label(KIND_LABELS, "kind of support", kind, lang)


def capitalized(text: str) -> str:
    """``text`` with its first letter a capital (English; Japanese has no capitals)."""
    return text[:1].upper() + text[1:]


def budget_label(budget: str, *, lang: str | None = None) -> str:
    """A reader's name for a budget kind ("cabinet draft", "supplementary budget")."""
    return terms.budget_label(budget, lang=lang)


def date_text(value: Any, precision: str = "day", *, lang: str | None = None) -> str:
    """A date as precise as its source: "26 December 2025", "November 2022" or "2022"."""
    return formats.date_text(value, precision, lang=lang)


_EVENT_WORDS = {
    "enactment": N_("%(status)s figure; the budget was enacted on %(date)s"),
    "lower-house-passage": N_("%(status)s, passed unamended by the lower house on %(date)s"),
}
_SINCE_WORDS = {
    "enactment": N_("the budget was enacted on %(date)s"),
    "lower-house-passage": N_("passed unamended by the lower house on %(date)s"),
}


def _draft_event(fiscal_year: int) -> tuple[str, Any] | None:
    for event in ("enactment", "lower-house-passage"):
        try:
            return event, data.budget_event(fiscal_year, "initial", event)
        except KeyError:
            continue
    return None


def status_text(fiscal_year: int, budget: str, *, lang: str | None = None) -> str:
    """The status of a budget's figures in words, from the ``budget-events`` data.

    A draft is called a draft; what happened to it since (lower-house passage, enactment) is
    said with its date.
    """
    label = budget_label(budget, lang=lang)
    found = _draft_event(fiscal_year) if budget == "initial-draft" else None
    if found is None:
        return label
    event, row = found
    date = date_text(row.date, row.precision, lang=lang)
    return gettext(_EVENT_WORDS[event], lang=lang, status=label, date=date)


def since_draft_text(fiscal_year: int, *, lang: str | None = None) -> str | None:
    """What happened to a cabinet draft since (enactment, lower-house passage), or ``None``."""
    found = _draft_event(fiscal_year)
    if found is None:
        return None
    event, row = found
    date = date_text(row.date, row.precision, lang=lang)
    return gettext(_SINCE_WORDS[event], lang=lang, date=date)


def yen_exact(amount: int, *, lang: str | None = None) -> str:
    """An exact yen amount in words, every significant digit kept ("¥906.2 billion", 9062億円)."""
    lang = active(lang)
    if lang == "ja":
        from ..yen import format_yen_exact

        return format_yen_exact(int(amount), lang="ja")
    digits = len(str(abs(int(amount))).rstrip("0")) or 1
    return format_yen(int(amount), digits=max(digits, 3))


def usd_text(amount_jpy: int, rate: Any, *, lang: str | None = None) -> str:
    """Dollars at ``rate`` (3 significant digits): the rate is named once, next to the table."""
    return format_usd(rate.convert(int(amount_jpy)), lang=active(lang))


_NAMES = ("Rapidus", "METI", "TSMC", "Micron", "Kioxia", "Japan")


def in_sentence(label: str) -> str:
    """A label inside an English sentence: "Critical minerals" -> "critical minerals"; names and
    acronyms stay ("Rapidus equity", "METI total", "AI foundation models"); Japanese as is."""
    if label.startswith(_NAMES) or not label[1:2].islower():
        return label
    return label[0].lower() + label[1:]


def multiple_text(multiple: Decimal, *, lang: str | None = None) -> str:
    """A multiple as a reader writes it: "3.72×", 3.72倍."""
    return formats.multiple_text(multiple, lang=lang)


def percent_change_text(change: Decimal, *, lang: str | None = None) -> str:
    """A percentage change with its sign: "+49.5%", 49.5%増."""
    return formats.percent_change_text(change, lang=lang)


def share_text(share: Fraction | Decimal) -> str:
    """A share in percent: one decimal place, or three significant digits below 1%."""
    value = (
        Decimal(share.numerator) * 100 / Decimal(share.denominator)
        if isinstance(share, Fraction)
        else Decimal(share)
    )
    if value == 0:
        return "0%"
    if abs(value) < 1:
        places = Decimal(1).scaleb(value.adjusted() - 2)
        return f"{value.quantize(places, ROUND_HALF_UP)}%"
    return f"{value.quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def _published(row: Mapping[str, Any], lang: str | None = None) -> str:
    precision = str(row.get("published_precision", "day") or "day")
    return date_text(row["published"], precision if precision != "nan" else "day", lang=lang)


def source_label(source_id: str, *, lang: str | None = None) -> str:
    """ "Publisher, date" for a source id: what a table's source column shows."""
    row = data.source_record(source_id)
    return gettext(
        N_("%(publisher)s, %(date)s"),
        lang=lang,
        publisher=terms.publisher_label(str(row["publisher"]), lang=lang),
        date=_published(row, lang),
    )


def source_ref(source_id: str, *, lang: str | None = None) -> dict[str, str]:
    """A source as the ``finding`` figures carry it: title (with its English gloss on English
    pages), publisher, date and address."""
    row = data.source_record(source_id)
    title = str(row["title"])
    gloss = row.get("title_en")
    if active(lang) == "en" and isinstance(gloss, str) and gloss:
        title = f"{title} ({gloss})"
    return {
        "title": title,
        "publisher": terms.publisher_label(str(row["publisher"]), lang=lang),
        "date": _published(row, lang),
        "url": str(row["url"]),
    }


def ordered_sources(*groups: Any) -> list[str]:
    """Source ids in order of first use, each once, from ids, lists of ids or "a, b" text."""
    ordered: list[str] = []
    for group in groups:
        for entry in [group] if isinstance(group, str) else group:
            for sid in [entry] if isinstance(entry, str) else entry:
                for part in str(sid).split(", "):
                    if part and part not in ordered:
                        ordered.append(part)
    return ordered


# --- what the notebooks display -----------------------------------------------------------------
# Each function below turns one question's results into a finding, a table (reader headers, a
# Source column of present.Source records) or sentences. The notebooks only pass them on to
# jpbudget.present.


def source(source_id: str):
    """The :class:`jpbudget.present.Source` of a source id (for tables and key figures)."""
    from ..present import Source

    return Source.from_record(data.source_record(source_id))


def sources_of(*groups: Any) -> list:
    """Every source of ``groups`` (ids, lists of ids or "a, b" text), once each, in order."""
    return [source(sid) for sid in ordered_sources(*groups)]


def say(*sentences: str) -> None:
    """Display sentences that depend on the parameters as one escaped Markdown paragraph."""
    from IPython.display import Markdown, display

    from ..present import escape_markdown

    parts = [escape_markdown(s) for s in sentences if s]
    # Japanese sentences follow one another without a space (…となる。半導体…)
    text = "".join(
        p if i == 0 or parts[i - 1].endswith("。") else f" {p}" for i, p in enumerate(parts)
    )
    if text:
        display(Markdown(text))


def page_amount_text(amount_jpy: int, printed: str) -> str:
    """A source's yen figure in the style of the page's language, its qualifier kept: a Japanese
    page shows a Japanese source's figure as printed (1兆2390億円, 1.5兆円規模), anything else is
    written with every digit of the exact amount ("387.3 billion yen" -> "¥387.3 billion",
    6300億円程度 -> "about ¥630 billion" on an English page), so that one page has one style."""
    shown = formats.source_amount_text(amount_jpy, printed)
    if shown != printed or formats.is_japanese(printed):
        return shown
    word, form = formats.qualifier_form(printed)
    lang = active()
    return formats.qualify(
        formats.format_yen_exact(amount_jpy, lang=lang), word, lang=lang, form=form or None
    )


def figure_from_row(label: str, row: Any, *, note: str | None = None):
    """A key figure as the source printed it (``amount_text``), from a data row.

    A cabinet draft's figure says what happened to the draft since (``status_text``); when the
    label names the draft already ("FY2026 cabinet draft", 2026年度政府予算案), only what
    happened since. A figure marked weak says so.
    """
    from ..present import KeyFigure

    status = note
    if status is None and str(row.get("budget", "")) == "initial-draft":
        fiscal_year = int(row["fiscal_year"])
        if budget_label("initial-draft") in label:
            status = since_draft_text(fiscal_year)
        else:
            status = status_text(fiscal_year, "initial-draft")
    if str(row.get("confidence", "")) == "weak":
        weak = gettext(N_("weak: single source"))
        if weak not in (status or ""):
            status = (
                gettext(N_("%(status)s; %(weak)s"), status=status, weak=weak) if status else weak
            )
    amount = int(row["amount_jpy"])
    return KeyFigure(
        label=label,
        text=page_amount_text(amount, str(row["amount_text"])),
        value=str(amount),
        kind="source",
        source=source(str(row["source_id"])),
        note=status,
    )


def computed_figure(label: str, text: str, value: Any, note: str | None = None):
    """A key figure computed by the notebook ("3.72×", "¥906.2 billion")."""
    from ..present import KeyFigure

    return KeyFigure(label=label, text=text, value=str(value), kind="computed", note=note)


def exact_value(value: Decimal | Fraction, places: int = 4) -> str:
    """An exact value written as digits for a key figure's ``value`` ("3.7230")."""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
    return str(value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP))


def year_label(fiscal_year: int, budget: str, *, lang: str | None = None) -> str:
    """ "FY2026 cabinet draft", 2025年度当初予算."""
    return terms.year_budget_label(fiscal_year, budget, lang=lang)


def fy(fiscal_year: int, *, lang: str | None = None, era: bool = False) -> str:
    """A fiscal year: "FY2026", 2026年度; with ``era`` (a page title, where a Japanese reader
    expects the era name) 2026年度（令和8年度） in Japanese, still "FY2026" in English.

    >>> fy(2026, lang="ja", era=True), fy(2026, lang="en", era=True)
    ('2026年度（令和8年度）', 'FY2026')
    """
    from ..fiscal import era_year, fiscal_year_text

    lang = active(lang)
    text = fiscal_year_text(int(fiscal_year), lang=lang)
    if era and lang == "ja":
        return f"{text}（{era_year(int(fiscal_year))}）"
    return text


def mark_amount(text: str, *, weak: bool = False, draft: bool = False) -> str:
    """An amount with its marks in words: "¥630 billion (weak: single source)"."""
    marks = [
        gettext(m)
        for m, on in ((N_("cabinet draft"), draft), (N_("weak: single source"), weak))
        if on
    ]
    if not marks:
        return text
    return gettext(N_("%(amount)s (%(marks)s)"), amount=text, marks=gettext(N_("; ")).join(marks))


def recomputed_text(row: Any, *, lang: str | None = None) -> str:
    """A claim's recomputed figure as text: exact yen, dollars (4 digits), multiple, percent."""
    lang = active(lang)
    value = row.recomputed_value
    if row.unit == "JPY":
        return yen_exact(int(value), lang=lang)
    if row.unit == "USD":
        return format_usd(value, digits=4, lang=lang)
    if row.unit == "multiple":  # as on every page
        return multiple_text(value.quantize(Decimal("0.01"), ROUND_HALF_UP), lang=lang)
    text = f"{value.quantize(Decimal('0.1'))}%"
    if row.base_value is not None and not pd.isna(row.base_value):
        before = f"{row.base_value.quantize(Decimal('0.1'))}%"
        text = gettext(
            N_("%(value)s (the year before: %(before)s)"), lang=lang, value=text, before=before
        )
    return text
