"""Reader-facing outputs of a report notebook: finding, tables, charts and sources.

Each helper displays one ``display_data`` output whose ``metadata["jpbudget"]`` names its role,
as docs/report-contract.md describes; the ``*_bundle`` functions return the same
``(data, metadata)`` pair without displaying it. This module formats and displays; it computes
nothing. Every string that comes from data reaches ``text/markdown`` escaped by
:func:`escape_markdown` and ``text/html`` through an autoescaping Jinja template.

>>> src = Source("Kyodo <News>", "Chips budget", "2025-12", "https://example.org/a(1)")
>>> escape_markdown("*¥1.5 trillion* <b>")
'\\\\*¥1.5 trillion\\\\* &lt;b&gt;'
>>> src.when, markdown_link("a [b]", src.url)
('December 2025', '[a \\\\[b\\\\]](https://example.org/a%281%29)')
"""

from __future__ import annotations

import base64
import calendar
import datetime as dt
import html
import io
import math
import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote, urlsplit

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure as MplFigure

__all__ = [
    "KeyFigure",
    "Source",
    "chart",
    "chart_bundle",
    "escape_markdown",
    "finding",
    "finding_bundle",
    "markdown_link",
    "sources",
    "sources_bundle",
    "table",
    "table_bundle",
]

METADATA_KEY = "jpbudget"
#: PNG width a chart is rendered to at least (print resolution for a full-width figure).
MIN_PNG_WIDTH = 1600
#: Salt for the ids matplotlib writes into SVG, so that the same chart gives the same SVG.
SVG_HASHSALT = "jpbudget"

Bundle = tuple[dict[str, Any], dict[str, Any]]

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_EXACT_VALUE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_DATA_KEY = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")
# Characters that open a Markdown (CommonMark + GFM + Jupyter math) construct anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]{}()!|~$#])")
# Characters that open a block construct at the start of a line: headings, lists, quotes, rules.
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|[0-9]+\.)")
_MONTHS = list(calendar.month_name)[1:]


def escape_markdown(text: object) -> str:
    """``text`` as Markdown that renders to exactly this text (one line, no markup, no HTML).

    HTML-significant characters become entities; Markdown punctuation is backslash-escaped,
    ``$`` too (Jupyter renders ``$...$`` as math); line breaks become spaces.
    """
    one_line = " ".join(str(text).split())
    escaped = html.escape(one_line, quote=False)
    escaped = _MD_INLINE.sub(r"\\\1", escaped)
    return _MD_LINE_START.sub(_escape_line_start, escaped, count=1)


def _escape_line_start(match: re.Match[str]) -> str:
    """``-`` -> ``\\-``; ``3.`` (an ordered-list start) -> ``3\\.``: valid escapes anywhere."""
    lead, mark = match.groups()
    return lead + (mark[:-1] + "\\." if mark[0].isdigit() else "\\" + mark)


def safe_url(url: str) -> str:
    """``url`` percent-encoded for a Markdown link or an HTML attribute; http(s) only."""
    parts = urlsplit(str(url))
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ValueError(f"source url {url!r}: expected an http:// or https:// address")
    return quote(str(url), safe=":/?#@!$&'*+,;=%~-._").replace("'", "%27")


def markdown_link(text: object, url: str) -> str:
    """A Markdown link with ``text`` escaped and ``url`` checked and encoded."""
    return f"[{escape_markdown(text)}]({safe_url(url)})"


def _date_text(value: object) -> tuple[str | None, str]:
    """``(machine form, reader form)`` of a date that may be known to the day, month or year."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, "undated"
    if not isinstance(value, str) and str(value) == "NaT":
        return None, "undated"
    if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
        value = value.date()  # type: ignore[union-attr]
    if isinstance(value, dt.date):
        return value.isoformat(), value.isoformat()
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return text, dt.date.fromisoformat(text).isoformat()
    if re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text):
        return text, f"{_MONTHS[int(text[5:]) - 1]} {text[:4]}"
    if re.fullmatch(r"[0-9]{4}", text):
        return text, text
    raise ValueError(f"source date {value!r}: expected YYYY-MM-DD, YYYY-MM, YYYY or nothing")


@dataclass(frozen=True)
class Source:
    """A publication a figure comes from, as a reader cites it.

    ``date`` is ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` (the precision the publication gives),
    a ``date``, or ``None`` (undated); ``gloss`` is the English gloss of a Japanese title.
    """

    publisher: str
    title: str
    date: object = None
    url: str | None = None
    gloss: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "date", _date_text(self.date)[0])
        if self.url is not None:
            safe_url(self.url)
        for field in ("publisher", "title"):
            if not str(getattr(self, field)).strip():
                raise ValueError(f"source {self!r}: {field} is empty")

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Source:
        """From a row of ``data/sources.csv`` or ``data.figures()`` (``published``, ``url``)."""

        def field(*names: str) -> Any:
            for name in names:
                value = record.get(name)
                if value is not None and str(value) not in ("", "nan", "NaT", "<NA>"):
                    return value
            return None

        return cls(
            publisher=str(record["publisher"]),
            title=str(record["title"]),
            date=field("published", "date"),
            url=field("url"),
            gloss=field("gloss", "title_en"),
        )

    @property
    def when(self) -> str:
        """The date as a reader reads it: "2025-12-26", "December 2025", "2025" or "undated"."""
        return _date_text(self.date)[1]

    @property
    def short(self) -> str:
        """ "Publisher, date", the form a table's source column shows."""
        return f"{self.publisher}, {self.when}"

    @property
    def citation(self) -> str:
        """ "Publisher, date: title (gloss)" in plain text."""
        gloss = f" ({self.gloss})" if self.gloss else ""
        return f"{self.short}: {self.title}{gloss}"

    def as_metadata(self) -> dict[str, Any]:
        return {
            "title": self.title,
            "publisher": self.publisher,
            "date": self.date,
            "url": self.url,
        }

    def as_csv(self) -> str:
        return self.citation + (f" <{self.url}>" if self.url else "")


@dataclass(frozen=True)
class KeyFigure:
    """One key figure of a finding.

    ``text`` is the figure as shown (as the source printed it, qualifier included, such as
    "about ¥1.5 trillion", or the computed "3.72×"); ``value`` the exact value as a string
    (integer yen, or a decimal such as "3.7230"); ``kind`` ``"source"`` (then ``source`` is
    required) or ``"computed"``; ``note`` an optional reader-facing remark such as
    "cabinet draft" or "computed from the two figures above".
    """

    label: str
    text: str
    value: str
    kind: Literal["source", "computed"]
    source: Source | None = None
    note: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("source", "computed"):
            raise ValueError(
                f"key figure {self.label!r}: kind {self.kind!r} is not source/computed"
            )
        if self.kind == "source" and self.source is None:
            raise ValueError(f"key figure {self.label!r}: a source figure needs its source")
        if not _EXACT_VALUE.fullmatch(str(self.value)):
            raise ValueError(
                f"key figure {self.label!r}: value {self.value!r} is not an exact number "
                "written as digits (integer yen or a decimal such as 3.7230)"
            )
        if not str(self.text).strip() or not str(self.label).strip():
            raise ValueError(f"key figure {self.label!r}: label and text must not be empty")

    def as_metadata(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "text": self.text,
            "value": str(self.value),
            "kind": self.kind,
            "source": self.source.as_metadata() if self.source else None,
            "note": self.note,
        }


_TEMPLATES = {
    "finding.md": (
        "{{ headline | md }}\n"
        "{% for f in figures %}\n- {{ f.label | md }}: **{{ f.text | md }}**"
        "{% if f.note %} ({{ f.note | md }}){% endif %}"
        "{% if f.source %} — {{ f.source | cite_md }}{% else %} — computed{% endif %}"
        "{% endfor %}\n"
    ),
    "sources.md": (
        "{% for s in items %}- {{ s.publisher | md }}, {{ s.when | md }}: "
        "{% if s.url %}{{ link(s.title, s.url) }}{% else %}{{ s.title | md }}{% endif %}"
        "{% if s.gloss %} ({{ s.gloss | md }}){% endif %}\n{% endfor %}"
    ),
    "table.html": (
        '<table class="jpbudget-table">\n'
        "<caption>{{ caption }}"
        '{% if source %} <span class="source">Source: {{ cell(source) }}</span>{% endif %}'
        "</caption>\n"
        '<thead>\n<tr>{% for h in headers %}<th scope="col">{{ h }}</th>{% endfor %}</tr>\n'
        "</thead>\n<tbody>\n"
        "{% for row in rows %}<tr>{% for c in row %}"
        '<td{% if c.numeric %} class="num"{% endif %}>{{ cell(c.value) }}</td>'
        "{% endfor %}</tr>\n{% endfor %}"
        "</tbody>\n</table>\n"
    ),
    "cell.html": (
        "{% for s in sources %}{% if not loop.first %}; {% endif %}"
        '{% if s.url %}<a href="{{ s.url | safe_url }}" title="{{ s.title }}">{{ s.short }}</a>'
        "{% else %}{{ s.short }}{% endif %}{% endfor %}"
    ),
}


def _cite_md(source: Source) -> str:
    text = source.short
    return markdown_link(text, source.url) if source.url else escape_markdown(text)


_ENV = jinja2.Environment(
    loader=jinja2.DictLoader(_TEMPLATES),
    autoescape=jinja2.select_autoescape(enabled_extensions=("html",), default=False),
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters.update(md=escape_markdown, cite_md=_cite_md, safe_url=safe_url)
_ENV.globals.update(link=markdown_link)


def _render(template: str, **context: Any) -> str:
    return _ENV.get_template(template).render(**context)


def _bundle(data: dict[str, Any], role: str, **keys: Any) -> Bundle:
    return data, {METADATA_KEY: {"role": role, **keys}}


def _display(bundle: Bundle) -> None:
    from IPython.display import display

    data, metadata = bundle
    display(data, raw=True, metadata=metadata)


# --- finding --------------------------------------------------------------------------------


def finding_bundle(title: str, headline: str, figures: Sequence[KeyFigure]) -> Bundle:
    """The report's finding: its headline sentence and key figures (see :func:`finding`)."""
    if not str(title).strip() or not str(headline).strip():
        raise ValueError("finding: the title and the headline must not be empty")
    figures = list(figures)
    for f in figures:
        if not isinstance(f, KeyFigure):
            raise TypeError(f"finding: key figures must be KeyFigure records, got {f!r}")
    plain = [headline, *(f"- {f.label}: {f.text}" for f in figures)]
    data = {
        "text/markdown": _render("finding.md", headline=headline, figures=figures),
        "text/plain": "\n".join(plain),
    }
    return _bundle(
        data,
        "finding",
        title=title,
        headline=headline,
        figures=[f.as_metadata() for f in figures],
    )


def finding(title: str, headline: str, figures: Sequence[KeyFigure]) -> None:
    """Display the report's finding: ``title`` (the page title), ``headline`` and key figures."""
    _display(finding_bundle(title, headline, figures))


# --- sources ----------------------------------------------------------------------------------


def sources_bundle(items: Iterable[Source]) -> Bundle:
    """The list of sources, "Publisher, date: title (gloss)", each title linked."""
    unique: list[Source] = []
    for item in items:
        if not isinstance(item, Source):
            raise TypeError(f"sources: expected Source records, got {item!r}")
        if item not in unique:
            unique.append(item)
    if not unique:
        raise ValueError("sources: a report cites at least one source")
    data = {
        "text/markdown": _render("sources.md", items=unique),
        "text/plain": "\n".join(s.as_csv() for s in unique),
    }
    return _bundle(data, "sources")


def sources(items: Iterable[Source]) -> None:
    """Display the report's sources as a linked Markdown list."""
    _display(sources_bundle(items))


# --- tables and CSV ---------------------------------------------------------------------------


def _as_sources(value: Any) -> list[Source] | None:
    if isinstance(value, Source):
        return [value]
    if isinstance(value, (list, tuple)) and value and all(isinstance(v, Source) for v in value):
        return list(value)
    return None


def _is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        import pandas as pd

        return bool(pd.isna(value)) if not isinstance(value, (list, tuple)) else False
    except (TypeError, ValueError):
        return False


def _text(value: Any, missing: str = "") -> str:
    """A cell as plain text: sources as "Publisher, date", decimals as written, NA as ``missing``."""
    found = _as_sources(value)
    if found is not None:
        return "; ".join(s.short for s in found)
    if _is_missing(value):
        return missing
    return str(value)


def _csv_text(value: Any) -> str:
    found = _as_sources(value)
    if found is not None:
        return "; ".join(s.as_csv() for s in found)
    return _text(value)


def _is_number(value: Any) -> bool:
    if isinstance(value, bool) or not isinstance(value, numbers.Number):
        return False
    return not _is_missing(value)


def _check_name(name: str, what: str) -> None:
    if not isinstance(name, str) or not _NAME.fullmatch(name):
        raise ValueError(f"{what} name {name!r}: expected lowercase words joined by '-'")


def _check_headers(frame: pd.DataFrame, name: str) -> list[str]:
    headers = [str(c) for c in frame.columns]
    for header in headers:
        if _DATA_KEY.match(header):
            raise ValueError(
                f"table {name!r}: column {header!r} looks like a data key; "
                "give the reader a header in words"
            )
    if len(set(headers)) != len(headers):
        raise ValueError(f"table {name!r}: duplicate column headers {headers}")
    return headers


def csv_text(frame: pd.DataFrame, source: Any = None, *, what: str = "table") -> str:
    """``frame`` as UTF-8 CSV text with a header and a ``source`` column, no index.

    The ``source`` column is ``frame``'s own ``source``/``Source`` column, or ``source`` (one
    :class:`Source`, a list of them, or a sentence such as "computed from ...") for every row.
    """
    import pandas as pd

    columns = [str(c) for c in frame.columns]
    own = [c for c in columns if c.lower() == "source"]
    out = pd.DataFrame(
        {c: [_csv_text(v) for v in frame[c].tolist()] for c in columns if c not in own},
        dtype=object,
    )
    if own:
        out["source"] = [_csv_text(v) for v in frame[own[0]].tolist()]
    elif source is not None:
        out["source"] = _csv_text(source)
    else:
        raise ValueError(f"{what}: the CSV needs a source column or a source for every row")
    if out["source"].eq("").any():
        raise ValueError(f"{what}: some rows have no source")
    buffer = io.StringIO()
    out.to_csv(buffer, index=False, lineterminator="\n")
    return buffer.getvalue()


def table_bundle(
    frame: pd.DataFrame,
    name: str,
    caption: str,
    *,
    source: Source | Sequence[Source] | str | None = None,
    missing: str = "–",
) -> Bundle:
    """A table for readers (see :func:`table`)."""
    import pandas as pd

    _check_name(name, "table")
    headers = _check_headers(frame, name)
    source_cell = source
    if isinstance(source, str):
        source_cell = None
    rows = [
        [{"value": v if _as_sources(v) else _text(v, missing), "numeric": _is_number(v)} for v in r]
        for r in frame.itertuples(index=False, name=None)
    ]
    cell_template = _ENV.get_template("cell.html")

    def cell(value: Any) -> Any:
        found = _as_sources(value)
        if found is None:
            return value  # autoescaped by the table template
        return Markup(cell_template.render(sources=found))

    caption_text = caption if not isinstance(source, str) else f"{caption} Source: {source}"
    html_table = _render(
        "table.html",
        caption=caption_text,
        source=source_cell,
        headers=headers,
        rows=rows,
        cell=cell,
    )
    with pd.option_context(
        "display.max_rows", None, "display.max_columns", None,
        "display.width", None, "display.max_colwidth", None,
    ):  # fmt: skip
        shown = pd.DataFrame(
            {
                h: [_text(v, missing) for v in frame.iloc[:, i].tolist()]
                for i, h in enumerate(headers)
            }
        )
        plain = f"{caption}\n{shown.to_string(index=False)}"
    data = {
        "text/html": html_table,
        "text/csv": csv_text(frame, source, what=f"table {name!r}"),
        "text/plain": plain,
    }
    return _bundle(data, "table", name=name, caption=caption)


def table(
    frame: pd.DataFrame,
    name: str,
    caption: str,
    *,
    source: Source | Sequence[Source] | str | None = None,
    missing: str = "–",
) -> None:
    """Display ``frame`` as a real HTML table and its CSV download.

    Column headers are the reader's (words, not data keys); the index is never shown; every
    cell is shown in full. A cell holding a :class:`Source` (or a list of them) shows
    "Publisher, date" linked to the publication. ``source`` names the source of every row when
    ``frame`` has no ``Source`` column (a :class:`Source`, a list, or a sentence such as
    "Computed from the figures above"). ``name`` is the CSV's file stem (``[a-z0-9-]+``).
    """
    _display(table_bundle(frame, name, caption, source=source, missing=missing))


# --- charts -----------------------------------------------------------------------------------


def _dpi(fig: MplFigure) -> int:
    width_inches = float(fig.get_size_inches()[0])
    return max(200, math.ceil(MIN_PNG_WIDTH / width_inches))


def png_bytes(fig: MplFigure) -> bytes:
    """The figure as PNG, at least :data:`MIN_PNG_WIDTH` pixels wide, without a timestamp."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=_dpi(fig), metadata={"Software": None})
    return buffer.getvalue()


def svg_text(fig: MplFigure) -> str:
    """The figure as SVG with its text kept as ``<text>``; the same figure gives the same SVG."""
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


def chart_title(fig: MplFigure) -> str:
    """The finding a chart states: its figure title (``suptitle``), else its first axes title."""
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if not title:
        title = next((ax.get_title() for ax in fig.axes if ax.get_title()), "")
    if not title:
        raise ValueError("chart: the figure has no title stating its finding")
    return title


def chart_bundle(fig: MplFigure, data: pd.DataFrame, name: str, caption: str, cite: str) -> Bundle:
    """A chart's PNG, SVG and data CSV (see :func:`chart`)."""
    _check_name(name, "chart")
    if not str(cite).strip():
        raise ValueError(f"chart {name!r}: the 'How to cite' line is empty")
    bundle = {
        "image/png": base64.b64encode(png_bytes(fig)).decode("ascii"),
        "image/svg+xml": svg_text(fig),
        "text/csv": csv_text(data, what=f"chart {name!r} data"),
        "text/plain": chart_title(fig),
    }
    return _bundle(bundle, "chart", name=name, caption=caption, cite=cite)


def chart(fig: MplFigure, data: pd.DataFrame, name: str, caption: str, cite: str) -> None:
    """Display a chart: PNG (print resolution), SVG (text as text) and the data drawn as CSV.

    ``data`` must have a ``source`` column (the CSV is the chart's data download). The figure
    is closed afterwards, so the notebook does not show it a second time.
    """
    import matplotlib.pyplot as plt

    try:
        _display(chart_bundle(fig, data, name, caption, cite))
    finally:
        plt.close(fig)
