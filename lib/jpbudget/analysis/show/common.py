"""What every notebook's display shares: the finding, the "How to cite" line, totals in words."""

from __future__ import annotations

from decimal import Decimal

from .. import display as d


def finding(found: dict) -> None:
    """Display a finding (one headline sentence) and, right after it, its other sentences."""
    from ...present import finding as show_finding

    show_finding(found["title"], found["headline"], found["figures"])
    d.say(*found.get("more", []))


def ratio(a: int, b: int) -> Decimal:
    return Decimal(a) / Decimal(b)


def cite(title: str) -> str:
    """A "How to cite" line for a chart or table: title, project, data version."""
    from ... import data

    return f'"{title}", jp-chip-budget, data version {data.package_checksum()[:12]}.'


def total_text(total: int, ceiling: bool) -> str:
    return ("up to " if ceiling else "") + d.yen_exact(total)
