"""What every notebook's display shares: the finding, the "How to cite" line, lists and totals
in words (in the active language)."""

from __future__ import annotations

from decimal import Decimal

from ... import formats
from ...i18n import N_, gettext
from .. import display as d


def finding(found: dict) -> None:
    """Display a finding (one headline sentence) and, right after it, its other sentences."""
    from ...present import finding as show_finding

    show_finding(found["title"], found["headline"], found["figures"])
    d.say(*found.get("more", []))


def ratio(a: int, b: int) -> Decimal:
    return Decimal(a) / Decimal(b)


def and_list(parts: list[str]) -> str:
    """ "A", "A and B", "A, B and C" (Japanese: A、BとC).

    >>> and_list(["METI total"]), and_list(["METI total", "Chips & AI"])
    ('METI total', 'METI total and Chips & AI')
    """
    if len(parts) == 1:
        return parts[0]
    return gettext(
        N_("%(items)s and %(last)s"), items=gettext(N_(", ")).join(parts[:-1]), last=parts[-1]
    )


def cite(title: str) -> str:
    """A "How to cite" line for a chart or table: title, project, data version."""
    from ... import data

    return gettext(
        N_('"%(title)s", jp-chip-budget, data version %(version)s.'),
        title=title,
        version=data.package_checksum()[:12],
    )


def total_text(total: int, ceiling: bool) -> str:
    """An exact total, "up to" when it includes a ceiling."""
    text = d.yen_exact(total)
    return formats.qualify(text, "up to") if ceiling else text
