"""Words for readers: labels, dates with their precision, budget status, figures as text.

Nothing here computes a result; it turns keys and exact values into what a reader sees. No data
key, source id or column name leaves this module: every key has a label.

>>> item_label("chips-ai"), budget_label("initial-draft")
('Chips & AI', 'cabinet draft')
>>> date_text("2022-11-01", "month"), date_text("2022-01-01", "year"), date_text("2025-12-26")
('November 2022', '2022', '26 December 2025')
>>> yen_exact(906_200_000_000), share_text(Fraction(163, 100_000)), multiple_text(Decimal("3.72"))
('¥906.2 billion', '0.163%', '3.72×')
"""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from .. import data
from ..yen import format_usd, format_yen

__all__ = [
    "budget_label",
    "date_text",
    "item_label",
    "multiple_text",
    "percent_change_text",
    "share_text",
    "source_label",
    "source_ref",
    "status_text",
    "yen_exact",
]

ITEM_LABELS = {
    "meti-total": "METI total",
    "chips-ai": "Chips & AI",
    "rapidus-equity": "Rapidus equity",
    "ai-foundation-models": "AI foundation models, data, physical AI",
    "critical-minerals": "Critical minerals",
    "next-gen-nuclear": "Next-generation nuclear / decarbonisation",
    "chips-design-hub": "Chip design hub",
    "edge-ai-chip-rd": "Edge-AI chip R&D",
    "rapidus-rd": "Rapidus R&D (reported)",
    "rapidus-total": "Rapidus, all support in the draft (reported)",
    "chips-supplementary": "Chips (supplementary budget)",
    "chips-ai-supplementary": "Chips & AI (supplementary budget)",
    "chips-ai-cumulative": "Chips & AI since FY2021, as reported",
    "ai-chips-framework": "Public support by FY2030, a framework target",
    "ai-chips-public-private-target": "Public and private investment over 10 years, a target",
    "not itemised in sources": "Not itemised in the sources",
}
BUDGET_LABELS = {
    "initial": "initial budget",
    "initial-draft": "cabinet draft",
    "supplementary": "supplementary budget",
    "request": "budget request",
    "multi-year": "multi-year figure",
    "stopgap": "stopgap budget",
}
SCOPE_LABELS = {"equity": "government equity", "subsidies": "subsidies", "all": "all support"}
KIND_LABELS = {
    "subsidy": "subsidy",
    "equity": "equity",
    "plan": "plan",
    "loan-guarantee": "loan guarantee",
}
MARKS = {
    "weak": "weak: single or unchecked source",
    "draft": "cabinet draft",
    "plan": "plan",
    "up to": "ceiling (up to)",
    "about": "approximate",
}


def item_label(item: str) -> str:
    """A reader's name for an item key (the key itself only if no label exists yet)."""
    return ITEM_LABELS.get(item, item.replace("-", " "))


def budget_label(budget: str) -> str:
    """A reader's name for a budget kind ("cabinet draft", "supplementary budget")."""
    return BUDGET_LABELS.get(budget, budget.replace("-", " "))


def date_text(value: Any, precision: str = "day") -> str:
    """A date as precise as its source: "26 December 2025", "November 2022" or "2022"."""
    if value is None or (not isinstance(value, str) and pd.isna(value)):
        return "date not given"
    day = pd.Timestamp(value).date() if not isinstance(value, dt.date) else value
    if precision == "year":
        return f"{day.year}"
    if precision == "month":
        return f"{day:%B %Y}"
    return f"{day.day} {day:%B %Y}"


def status_text(fiscal_year: int, budget: str) -> str:
    """The status of a budget's figures in words, from the ``budget-events`` data if present.

    A draft is called a draft; what happened to it since (lower-house passage, enactment) is
    said with its date.
    """
    label = budget_label(budget)
    if budget != "initial-draft" or not hasattr(data, "budget_event"):
        return label
    events = []
    for event, words in (
        ("enactment", "figure; the budget was enacted on"),
        ("lower-house-passage", "passed unamended by the lower house on"),
    ):
        try:
            found = data.budget_event(fiscal_year, "initial", event)
        except KeyError:
            continue
        events.append(f"{words} {date_text(found.date, found.precision)}")
        break
    if not events:
        return label
    joiner = " " if events[0].startswith("figure") else ", "
    return f"{label}{joiner}{events[0]}"


def yen_exact(amount: int) -> str:
    """An exact yen amount in words, every significant digit kept ("¥906.2 billion")."""
    digits = len(str(abs(int(amount))).rstrip("0")) or 1
    return format_yen(int(amount), digits=max(digits, 3))


def usd_text(amount_jpy: int, rate: Any) -> str:
    """Dollars at ``rate`` (3 significant digits): the rate is named once, next to the table."""
    return format_usd(rate.convert(int(amount_jpy)))


_NAMES = ("Rapidus", "METI", "TSMC", "Micron", "Kioxia", "Japan")


def in_sentence(label: str) -> str:
    """A label inside a sentence: "Critical minerals" -> "critical minerals"; names and
    acronyms stay ("Rapidus equity", "METI total", "AI foundation models")."""
    if label.startswith(_NAMES) or not label[1:2].islower():
        return label
    return label[0].lower() + label[1:]


def multiple_text(multiple: Decimal) -> str:
    """A multiple as a reader writes it: "3.72×"."""
    return f"{multiple}×"


def percent_change_text(change: Decimal) -> str:
    """A percentage change with its sign: "+49.5%"."""
    return f"{change:+}%"


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


def _published(row: pd.Series) -> str:
    precision = str(row.get("published_precision", "day") or "day")
    return date_text(row["published"], precision if precision != "nan" else "day")


def source_label(source_id: str) -> str:
    """ "Publisher, date" for a source id: what a table's source column shows."""
    row = data.sources(source_id).iloc[0]
    return f"{row['publisher']}, {_published(row)}"


def source_ref(source_id: str) -> dict[str, str]:
    """A source as the ``finding`` figures carry it: title, publisher, date and address."""
    row = data.sources(source_id).iloc[0]
    title = str(row["title"])
    if "title_en" in row and isinstance(row["title_en"], str) and row["title_en"]:
        title = f"{title} ({row['title_en']})"
    return {
        "title": title,
        "publisher": str(row["publisher"]),
        "date": _published(row),
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

    row = data.sources(source_id).iloc[0].to_dict()
    return Source.from_record(row)


def sources_of(*groups: Any) -> list:
    """Every source of ``groups`` (ids, lists of ids or "a, b" text), once each, in order."""
    return [source(sid) for sid in ordered_sources(*groups)]


def say(*sentences: str) -> None:
    """Display sentences that depend on the parameters as one escaped Markdown paragraph."""
    from IPython.display import Markdown, display

    from ..present import escape_markdown

    text = " ".join(escape_markdown(s) for s in sentences if s)
    if text:
        display(Markdown(text))


def figure_from_row(label: str, row: Any, *, note: str | None = None):
    """A key figure as the source printed it (``amount_text``), from a data row."""
    from ..present import KeyFigure

    status = note
    if status is None and str(row.get("budget", "")) == "initial-draft":
        status = status_text(int(row["fiscal_year"]), "initial-draft")
        if "cabinet draft" in label:
            # the label names the draft already: keep only what happened to it since
            for said in ("cabinet draft figure; ", "cabinet draft, "):
                status = status.removeprefix(said)
            status = None if status == "cabinet draft" else status
    if str(row.get("confidence", "")) == "weak" and "weak" not in (status or ""):
        status = f"{status}; weak: single source" if status else "weak: single source"
    return KeyFigure(
        label=label,
        text=str(row["amount_text"]),
        value=str(int(row["amount_jpy"])),
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


def year_label(fiscal_year: int, budget: str) -> str:
    """ "FY2026 cabinet draft", "FY2025 initial budget"."""
    return f"FY{fiscal_year} {budget_label(budget)}"


def mark_amount(text: str, *, weak: bool = False, draft: bool = False) -> str:
    """An amount with its marks in words: "¥630 billion (weak: single source)"."""
    marks = [m for m, on in (("cabinet draft", draft), ("weak: single source", weak)) if on]
    return f"{text} ({'; '.join(marks)})" if marks else text


def rate_text(rate: Any, *, nested: bool = False) -> str:
    """A rate for a caption: "¥155.96 per US$ (ECB reference rate of 24 December 2025)" or the
    explicit rate; ``nested`` (inside parentheses already): "..., ECB reference rate of ..."."""
    used = getattr(rate, "date_used", None)
    if used is not None and used != dt.date.min:
        what = f"ECB reference rate of {date_text(used)}"
    elif getattr(rate, "period", ""):
        what = f"average ECB reference rate of {rate.period}"
    else:
        what = "a rate set for this report"
    return f"{rate.text()}, {what}" if nested else f"{rate.text()} ({what})"


def recomputed_text(row: Any) -> str:
    """A claim's recomputed figure as text: exact yen, dollars (4 digits), multiple, percent."""
    value = row.recomputed_value
    if row.unit == "JPY":
        return yen_exact(int(value))
    if row.unit == "USD":
        return format_usd(value, digits=4)
    if row.unit == "multiple":
        return multiple_text(value.quantize(Decimal("0.01"), ROUND_HALF_UP))  # as on every page
    text = f"{value.quantize(Decimal('0.1'))}%"
    if row.base_value is not None and not pd.isna(row.base_value):
        text += f" (the year before: {row.base_value.quantize(Decimal('0.1'))}%)"
    return text
