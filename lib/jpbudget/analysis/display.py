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
    "ai-chips-framework": "Public support by FY2030 (framework target)",
    "ai-chips-public-private-target": "Public and private investment over 10 years (target)",
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
        ("enactment", "enacted"),
        ("lower-house-passage", "passed by the lower house"),
    ):
        try:
            found = data.budget_event(fiscal_year, "initial", event)
        except KeyError:
            continue
        events.append(f"{words} {date_text(found.date, found.precision)}")
        break
    if not events:
        return label
    return f"{label} ({events[0]})"


def yen_exact(amount: int) -> str:
    """An exact yen amount in words, every significant digit kept ("¥906.2 billion")."""
    digits = len(str(abs(int(amount))).rstrip("0")) or 1
    return format_yen(int(amount), digits=max(digits, 3))


def usd_text(amount_jpy: int, rate: Any) -> str:
    """Dollars at ``rate`` (3 significant digits): the rate is named once, next to the table."""
    from ..fx import to_usd

    return format_usd(to_usd(int(amount_jpy), rate=rate.jpy_per_usd))


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
