"""The records a report cites (:class:`Source`, :class:`KeyFigure`) and Markdown escaping.

What a reader sees of a source (its date, "Publisher, date", the citation) is written in the
active language (:func:`jpbudget.i18n.activate`); the title stays as published, and the English
gloss of a Japanese title (``title_en``) is shown on English pages only.

>>> src = Source("Kyodo <News>", "Chips budget", "2025-12", "https://example.org/a(1)")
>>> escape_markdown("*¥1.5 trillion* <b>")
'\\\\*¥1.5 trillion\\\\* &lt;b&gt;'
>>> src.when, markdown_link("a [b]", src.url)
('December 2025', '[a \\\\[b\\\\]](https://example.org/a%281%29)')
"""

from __future__ import annotations

import datetime as dt
import html
import math
import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal
from urllib.parse import quote, urlsplit

from ..i18n import active, gettext

_EXACT_VALUE = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
# Characters that open a Markdown (CommonMark + GFM + Jupyter math) construct anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]{}()!|~$#])")
# Characters that open a block construct at the start of a line: headings, lists, quotes, rules.
_MD_LINE_START = re.compile(r"^(\s*)([-+=]|[0-9]+\.)")
#: The language of the glosses (``title_en``): shown on pages in this language only.
GLOSS_LANG = "en"


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
    """``(machine form, reader form)`` of a date that may be known to the day, month or year;
    the reader form in the active language ("2025-12-26", "December 2025", "2025", "undated";
    2025年12月26日, 2025年12月, 2025年)."""
    from ..formats import date_text

    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None, date_text(None, numeric=True)
    if not isinstance(value, str) and str(value) == "NaT":
        return None, date_text(None, numeric=True)
    if isinstance(value, dt.datetime) or hasattr(value, "to_pydatetime"):
        value = value.date()  # type: ignore[union-attr]
    if isinstance(value, dt.date):
        return value.isoformat(), date_text(value, numeric=True)
    text = str(value).strip()
    if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text):
        return text, date_text(dt.date.fromisoformat(text), numeric=True)
    if re.fullmatch(r"[0-9]{4}-(0[1-9]|1[0-2])", text):
        return text, date_text(dt.date.fromisoformat(text + "-01"), "month", numeric=True)
    if re.fullmatch(r"[0-9]{4}", text):
        return text, date_text(dt.date(int(text), 1, 1), "year", numeric=True)
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

    @classmethod
    def from_id(cls, source_id: str) -> Source:
        """The source ``source_id`` of ``data/sources.csv`` (its ``title_en`` is the gloss)."""
        from .. import data

        table = data.load("sources").set_index("source_id")
        if source_id not in table.index:
            raise KeyError(f"source id {source_id!r} is not in data/sources.csv")
        return cls.from_record(table.loc[source_id].to_dict())

    @property
    def when(self) -> str:
        """The date as a reader reads it: "2025-12-26", "December 2025", "2025" or "undated"
        (in the active language)."""
        return _date_text(self.date)[1]

    @property
    def shown_gloss(self) -> str | None:
        """The English gloss of the title, on English pages only (None elsewhere)."""
        return self.gloss if active() == GLOSS_LANG else None

    @property
    def short(self) -> str:
        """ "Publisher, date", the form a table's source column shows."""
        return gettext("%(publisher)s, %(date)s", publisher=self.publisher, date=self.when)

    @property
    def citation(self) -> str:
        """ "Publisher, date: title (gloss)" in plain text."""
        return self.cite()

    def cite(self, text: Any = str, title: str | None = None) -> str:
        """ "Publisher, date: title (gloss)" with each field passed through ``text`` (an
        escaping function) and ``title`` in place of the title (a Markdown link, say)."""
        short = gettext(
            "%(publisher)s, %(date)s", publisher=text(self.publisher), date=text(self.when)
        )
        title = text(self.title) if title is None else title
        if self.shown_gloss:
            return gettext(
                "%(source)s: %(title)s (%(gloss)s)",
                source=short,
                title=title,
                gloss=text(self.shown_gloss),
            )
        return gettext("%(source)s: %(title)s", source=short, title=title)

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
