"""The finding, sources and table outputs: Markdown, HTML (Jinja, autoescaped) and CSV."""

from __future__ import annotations

import io
import numbers
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2
from markupsafe import Markup

if TYPE_CHECKING:
    import pandas as pd

from ..i18n import N_, gettext
from .records import KeyFigure, Source, escape_markdown, markdown_link, safe_url

METADATA_KEY = "jpbudget"

Bundle = tuple[dict[str, Any], dict[str, Any]]

_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_DATA_KEY = re.compile(r"^[a-z0-9]+(?:_[a-z0-9]+)+$")

_TEMPLATES = {
    "finding.md": (
        "{{ headline | md }}\n"
        "{% for f in figures %}\n- {{ f.label | md }}: **{{ f.text | md }}**"
        "{% if f.note %} ({{ f.note | md }}){% endif %}"
        "{% if f.source %} — {{ f.source | cite_md }}{% else %} — {{ computed }}{% endif %}"
        "{% endfor %}\n"
    ),
    "sources.md": "{% for line in lines %}- {{ line }}\n{% endfor %}",
    "table.html": (
        '<table class="jpbudget-table">\n'
        "<caption>{{ caption }}"
        '{% if source %} <span class="source">{{ source_label }} {{ cell(source) }}</span>{% endif %}'
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
    computed = gettext("computed")  # a figure worked out from the sourced ones
    data = {
        "text/markdown": _render(
            "finding.md", headline=headline, figures=figures, computed=computed
        ),
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


def sources_bundle(items: Iterable[Source | str]) -> Bundle:
    """The list of sources, "Publisher, date: title (gloss)", each title linked.

    ``items`` are :class:`Source` records or source ids of ``data/sources.csv``.
    """
    unique: list[Source] = []
    for item in items:
        if isinstance(item, str):
            item = Source.from_id(item)
        if not isinstance(item, Source):
            raise TypeError(f"sources: expected Source records or source ids, got {item!r}")
        if item not in unique:
            unique.append(item)
    if not unique:
        raise ValueError("sources: a report cites at least one source")
    lines = [
        s.cite(escape_markdown, markdown_link(s.title, s.url) if s.url else None) for s in unique
    ]
    data = {
        "text/markdown": _render("sources.md", lines=lines),
        "text/plain": "\n".join(s.as_csv() for s in unique),
    }
    return _bundle(data, "sources")


def sources(items: Iterable[Source | str]) -> None:
    """Display the report's sources (records or source ids) as a linked Markdown list."""
    _display(sources_bundle(items))


def font_path() -> Path:
    """The Japanese font file the charts use (IPAexGothic), for pages to serve the same font."""
    from ..charts.fonts import font_path as chart_font_path

    return chart_font_path()


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


#: The header of a table's source column (in the active language: "Source", 出典).
SOURCE_HEADER = N_("Source")


def source_header() -> str:
    """The header a table's source column has in the active language ("Source", 出典): name
    the column so, and :func:`csv_text` finds it in every language."""
    return gettext(SOURCE_HEADER)


def _is_source_header(column: str) -> bool:
    from ..i18n import LANGUAGES

    return column.lower() == "source" or column in {
        gettext(SOURCE_HEADER, lang=lang) for lang in LANGUAGES
    }


def csv_text(frame: pd.DataFrame, source: Any = None, *, what: str = "table") -> str:
    """``frame`` as UTF-8 CSV text with a header and a ``source`` column, no index.

    The ``source`` column is ``frame``'s own ``source``/``Source``/:func:`source_header`
    column, or ``source`` (one
    :class:`Source`, a list of them, or a sentence such as "computed from ...") for every row.
    """
    import pandas as pd

    columns = [str(c) for c in frame.columns]
    own = [c for c in columns if _is_source_header(c)]
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

    # a sentence of its own after the caption: "... booked to. Source: Computed from ..."
    caption_text = (
        caption
        if not isinstance(source, str)
        else gettext(
            "%(caption)s. Source: %(source)s.",
            caption=caption.rstrip(".。"),
            source=source.rstrip(".。"),
        )
    )
    html_table = _render(
        "table.html",
        caption=caption_text,
        source=source_cell,
        source_label=gettext("Source:"),
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
