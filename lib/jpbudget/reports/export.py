"""A report's HTML page and download files from its executed notebook.

The page is nbconvert's ``HTMLExporter`` with the project's template ``jpbudget_report`` (it
inherits ``lab``): code hidden, HTML sanitised, and only the reader-facing outputs shown, as
docs/report-contract.md describes. :class:`ReaderOutputs` (a preprocessor) keeps the outputs
that have a ``jpbudget`` role or are role-less Markdown, names each chart's and table's files
after its ``name``, and hands the ``finding``, ``sources`` and ``about`` outputs to the template;
nbconvert's ``ExtractOutputPreprocessor`` then writes the PNG, SVG and CSV files the page links
(under ``figures/<report>/``), and the exporter's output priority picks the PNG to show.

>>> CONTENT_SECURITY_POLICY.split("; ")[:2]
["default-src 'none'", "img-src 'self' data: file:"]
"""

from __future__ import annotations

import copy
import dataclasses
import re
import threading
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..i18n import check_lang, gettext, install_i18n
from ..provenance import METADATA_KEY
from .fonts import font_slot, with_font
from .languages import index_name, language_links, source_short
from .tables import mark_short_cells

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "TEMPLATES",
    "Page",
    "clean_html",
    "is_web_url",
    "page_css",
    "render_report",
]

TEMPLATES = Path(__file__).resolve().parent / "templates"
STATIC = Path(__file__).resolve().parent / "static"
TEMPLATE_NAME = "jpbudget_report"

#: No scripts at all; images from the report folder (and the empty ``data:`` favicon); the
#: page's own inline CSS; fonts only embedded. (``file:`` lets a browser show the images of a
#: report opened from disk.)
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "img-src 'self' data: file:",
        "style-src 'unsafe-inline'",
        "font-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ]
)

#: The page shows the first of these a chart output has (PNG; SVG is a download).
DISPLAY_PRIORITY = ["image/png", "image/svg+xml", "text/html", "text/markdown", "text/plain"]
#: Written as files next to the page: the chart images and the data of charts and tables.
EXTRACTED_TYPES = {"image/png", "image/svg+xml", "text/csv"}
FILE_ROLES = {"chart", "table"}
PAGE_ROLES = {"finding", "sources", "about"}
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

# What Markdown and table HTML may keep; anything else is escaped into visible, inert text.
ALLOWED_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "blockquote",
        "br",
        "caption",
        "code",
        "col",
        "colgroup",
        "dd",
        "del",
        "details",
        "div",
        "dl",
        "dt",
        "em",
        "figcaption",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "i",
        "ins",
        "li",
        "mark",
        "ol",
        "p",
        "pre",
        "q",
        "s",
        "small",
        "span",
        "strong",
        "sub",
        "summary",
        "sup",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "time",
        "tr",
        "u",
        "ul",
    ]
)
ALLOWED_ATTRIBUTES = {
    "*": ["class", "id", "lang", "title"],
    "a": ["href", "hreflang", "rel"],
    "td": ["colspan", "rowspan"],
    "th": ["colspan", "rowspan", "scope"],
    "time": ["datetime"],
    "ol": ["start"],
}
ALLOWED_PROTOCOLS = frozenset({"http", "https", "mailto"})


def clean_html(text: Any) -> str:
    """``text`` with only the tags and attributes of :data:`ALLOWED_TAGS` kept (bleach).

    Replaces nbconvert's ``clean_html`` filter, whose allow-list escapes ``<p>``, headings and
    table headers into visible text.

    >>> clean_html('<p>ok <img src=x onerror=alert(1)></p><script>alert(2)</script>')
    '<p>ok &lt;img src=x onerror=alert(1)&gt;</p>&lt;script&gt;alert(2)&lt;/script&gt;'
    """
    import bleach

    text = text.decode("utf-8") if isinstance(text, bytes) else str(text)
    return bleach.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        protocols=ALLOWED_PROTOCOLS,
        strip_comments=True,
    )


def is_web_url(value: Any) -> bool:
    """Whether ``value`` is an ``http(s)`` address (source links; anything else is not linked).

    >>> is_web_url("https://www.mof.go.jp/x"), is_web_url("javascript:alert(1)"), is_web_url(None)
    (True, False, False)
    """
    if not isinstance(value, str):
        return False
    parts = urlsplit(value.strip())
    return parts.scheme in {"http", "https"} and bool(parts.netloc)


def page_css() -> str:
    """The stylesheet every page inlines (``static/page.css``)."""
    return (STATIC / "page.css").read_text(encoding="utf-8")


@dataclasses.dataclass(frozen=True)
class Page:
    """A rendered report: the HTML and the files it links, by name under ``figures/<report>/``."""

    html: str
    files: dict[str, bytes]


def _role(output: Any) -> str | None:
    meta = (output.get("metadata") or {}).get(METADATA_KEY) or {}
    role = meta.get("role") if isinstance(meta, dict) else None
    return role if isinstance(role, str) else None


def _shown(output: Any) -> bool:
    """Whether the page shows ``output``: a role, or role-less Markdown (contract)."""
    if _role(output) is not None:
        return True
    return output.get("output_type") == "display_data" and "text/markdown" in output.get("data", {})


def _text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


SOURCES_HEADING = re.compile(r"#{1,6}\s*(?P<words>.+?)\s*#*", re.IGNORECASE)


def _is_sources_heading(cell: Any) -> bool:
    """A Markdown cell that is only a "Sources" heading, in any language of the pages (the
    page's Sources section has one)."""
    from ..i18n import LANGUAGES

    if cell.get("cell_type") != "markdown":
        return False
    found = SOURCES_HEADING.fullmatch(_text(cell.get("source", "")).strip())
    names = {gettext("Sources", lang=lang).casefold() for lang in LANGUAGES}
    return bool(found) and found["words"].casefold() in names


def _legacy_provenance(nb: Any) -> dict:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            prov = (output.get("metadata") or {}).get(METADATA_KEY, {}).get("provenance")
            if isinstance(prov, dict):
                return prov
    return {}


def reader_outputs(nb: Any, report: str) -> tuple[Any, dict]:
    """A copy of ``nb`` holding only what the page shows in the flow, and the page's context.

    The context (``resources["jpbudget"]`` in the template) has the title, the finding, the
    sources and about Markdown, the notebook, generation date and data version. Charts and
    tables get ``metadata.filename`` = their ``name``, so their files are ``<name>.png`` etc. (a
    table named like a chart: ``<name>-table.csv``).
    """
    nb = copy.deepcopy(nb)
    page: dict[str, Any] = {"finding": None, "sources": None, "about": None, "about_meta": {}}
    names: dict[tuple[str, str], int] = {}  # (role, name) -> cell
    named: list[tuple[str, str, Any]] = []
    for index, cell in enumerate(nb.cells):
        if cell.get("cell_type") != "code":
            continue
        kept = []
        for output in cell.get("outputs", []):
            if not _shown(output):
                continue
            role = _role(output)
            meta = output.metadata.get(METADATA_KEY, {})
            if role == "finding":
                page["finding"] = meta
            elif role == "sources":
                page["sources"] = _text(output.data.get("text/markdown", ""))
            elif role == "about":
                page["about"] = _text(output.data.get("text/markdown", ""))
                page["about_meta"] = meta
            elif role in FILE_ROLES:
                name = meta.get("name")
                if not isinstance(name, str) or not NAME_RE.match(name):
                    raise ValueError(
                        f"report {report!r}, cell {index}: a {role} output needs a 'name' of "
                        f"lower-case letters, digits and hyphens (got {name!r})"
                    )
                if (role, name) in names:
                    raise ValueError(
                        f"report {report!r}, cell {index}: {role} name {name!r} is already used "
                        f"in cell {names[role, name]} (each {role} needs its own name)"
                    )
                names[role, name] = index
                named.append((role, name, output))
                kept.append(output)
            elif role is None:
                kept.append(output)
        cell.outputs = kept
    for role, name, output in named:
        # a chart and the table of its numbers may share a name: the table's CSV is then
        # <name>-table.csv, next to the chart's <name>.png/.svg/.csv
        shared = role == "table" and ("chart", name) in names
        output.metadata["filename"] = f"{name}-table" if shared else name
    if page["sources"] is not None:  # the page heads the sources itself: drop a heading cell
        nb.cells = [c for c in nb.cells if not _is_sources_heading(c)]
    run_meta = nb.metadata.get(METADATA_KEY, {})
    finding = page["finding"] or {}
    about = page["about_meta"]
    legacy = _legacy_provenance(nb)
    generated = str(run_meta.get("generated") or about.get("generated") or "")
    checksum = str(about.get("data_checksum") or legacy.get("data_checksum") or "")
    page.update(
        report=report,
        title=str(finding.get("title") or report),
        notebook=str(run_meta.get("notebook") or report),
        generated=generated,
        generated_date=generated[:10] or "unknown date",
        data_version=checksum[:12] or "",
        css=page_css(),
        csp=CONTENT_SECURITY_POLICY,
    )
    return nb, page


_EXPORTERS = threading.local()


def _exporter(lang: str = "en") -> Any:
    """The page exporter for ``lang``, one per thread and language: its Jinja environment
    compiles the templates once, not once per page (the runner renders in worker threads,
    so an exporter is never shared between threads)."""
    cache = getattr(_EXPORTERS, "by_lang", None)
    if cache is None:
        cache = _EXPORTERS.by_lang = {}
    if lang not in cache:
        cache[lang] = _new_exporter(lang)
    return cache[lang]


def _new_exporter(lang: str) -> Any:
    from nbconvert import HTMLExporter
    from nbconvert.preprocessors import ExtractOutputPreprocessor
    from traitlets.config import Config

    config = Config()
    config.NbConvertBase.display_data_priority = DISPLAY_PRIORITY
    exporter = HTMLExporter(
        config=config,
        template_name=TEMPLATE_NAME,
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        sanitize_html=True,
        embed_images=False,
    )
    exporter.register_preprocessor(
        ExtractOutputPreprocessor(extract_output_types=EXTRACTED_TYPES), enabled=True
    )
    exporter.register_filter("clean_html", clean_html)
    exporter.register_filter("short_cells", mark_short_cells)
    exporter.register_filter("is_web_url", is_web_url)
    exporter.register_filter("source_short", lambda source: source_short(source, lang))
    install_i18n(exporter.environment, lang)
    return exporter


def render_report(
    nb: Any, name: str, *, lang: str = "en", counterparts: dict[str, str] | None = None
) -> Page:
    """The page of report ``name`` from its executed notebook ``nb`` (left unchanged).

    The page links its files as ``figures/<name>/<file>``; :attr:`Page.files` holds them by
    file name (``<chart or table name>.png``, ``.svg``, ``.csv``). ``lang``: the language of
    the page's own words (the notebook's outputs are already in it); ``counterparts``:
    ``{lang: file name}`` of the same report's pages, for the language switch.
    """
    from ..formats import date_text

    shown, page = reader_outputs(nb, name)
    page["lang"] = check_lang(lang)
    page["languages"] = language_links(lang, counterparts)
    page["index"] = index_name(lang)
    page["generated_date"] = (
        date_text(page["generated"][:10], lang=lang, numeric=True)
        if page["generated"]
        else gettext("unknown date", lang=lang)
    )
    page["font_slot"] = font_slot()
    exporter = _exporter(lang)
    resources = {
        "metadata": {"name": page["title"]},
        "output_files_dir": f"figures/{name}",
        "unique_key": name,
        "jpbudget": page,
    }
    html, resources = exporter.from_notebook_node(shown, resources=resources)
    # the font subset holds every Japanese character of the page, the template's own
    # translated words included: known once the page is rendered (the rule is ASCII)
    body = with_font(html, page["font_slot"], exporter.environment)
    files = {Path(path).name: data for path, data in resources.get("outputs", {}).items()}
    return Page(html=body, files=files)


def _exchange_rate_text(nb: Any, params: dict) -> str:
    """The rate the report used: from its ``about`` output, else the ``fx`` parameter."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            about = output.get("metadata", {}).get(METADATA_KEY, {})
            if about.get("role") == "about" and about.get("exchange_rates"):
                fx = about.get("parameters", {}).get("fx", params.get("fx"))
                prefix = f"fx = {fx!r}: " if fx is not None else ""
                return prefix + about["exchange_rates"]
    prov = _legacy_provenance(nb)  # notebooks still calling show_provenance
    rate = prov.get("exchange_rate")
    if rate:
        fx = prov.get("parameters", {}).get("fx", params.get("fx"))
        prefix = f"fx = {fx!r}: " if fx is not None else ""
        return prefix + rate["description"]
    if "fx" in params:
        return f"fx = {params['fx']!r}"
    return ""
