"""Reader-facing outputs of a report notebook: finding, tables, charts and sources.

Each helper displays one ``display_data`` output whose ``metadata["jpbudget"]`` names its role,
as docs/report-contract.md describes; the ``*_bundle`` functions return the same
``(data, metadata)`` pair without displaying it. This module formats and displays; it computes
nothing. Every string that comes from data reaches ``text/markdown`` escaped by
:func:`escape_markdown` and ``text/html`` through an autoescaping Jinja template.


The pieces: :mod:`.records` (:class:`Source`, :class:`KeyFigure`, Markdown escaping),
:mod:`.outputs` (finding, sources, tables and their CSV), :mod:`.images` (charts).
"""

from .images import (
    MIN_PNG_WIDTH,
    SVG_HASHSALT,
    chart,
    chart_bundle,
    chart_title,
    png_bytes,
    svg_text,
)
from .outputs import (
    METADATA_KEY,
    Bundle,
    csv_text,
    finding,
    finding_bundle,
    font_path,
    source_header,
    sources,
    sources_bundle,
    table,
    table_bundle,
)
from .records import KeyFigure, Source, escape_markdown, markdown_link, safe_url

__all__ = [
    "METADATA_KEY",
    "MIN_PNG_WIDTH",
    "SVG_HASHSALT",
    "Bundle",
    "KeyFigure",
    "Source",
    "chart",
    "chart_bundle",
    "chart_title",
    "csv_text",
    "escape_markdown",
    "finding",
    "finding_bundle",
    "font_path",
    "markdown_link",
    "png_bytes",
    "safe_url",
    "source_header",
    "sources",
    "sources_bundle",
    "svg_text",
    "table",
    "table_bundle",
]
