"""The languages of the pages: file names, the language switch, words the page writes itself.

A report ``NAME`` in Japanese is the report ``NAME.ja`` (``manifest.variant_name``): its page
``NAME.ja.html`` lies next to ``NAME.html``, so relative links to ``figures/``, the notebook
and the landing page work alike. The landing pages are ``index.html`` and ``index.ja.html``.
"""

from __future__ import annotations

from typing import Any

from ..i18n import check_lang, gettext, language_name

__all__ = ["index_name", "language_links", "source_short"]


def index_name(lang: str) -> str:
    """The landing page's file name in ``lang``: ``index.html``, ``index.ja.html``.

    >>> index_name("en"), index_name("ja")
    ('index.html', 'index.ja.html')
    """
    return "index.html" if check_lang(lang) == "en" else f"index.{lang}.html"


def language_links(lang: str, counterparts: dict[str, str] | None) -> list[dict[str, str]]:
    """The language switch of a page in ``lang``: every other language's page, with the name
    of that language in itself (what its reader looks for) and its ``hreflang``.

    >>> language_links("en", {"en": "a.html", "ja": "a.ja.html"})
    [{'lang': 'ja', 'name': '日本語', 'href': 'a.ja.html'}]
    """
    return [
        {"lang": other, "name": language_name(other), "href": href}
        for other, href in (counterparts or {}).items()
        if other != lang
    ]


_PRECISION_BY_LENGTH = {10: "day", 7: "month", 4: "year"}


def source_short(source: Any, lang: str = "en") -> str:
    """A key figure's source as "Publisher, date" in ``lang`` (the date as precise as the
    metadata gives it: "2024-12-24", "December 2024"; 2024年12月24日), or the publisher alone.

    >>> source_short({"publisher": "Jiji Press", "date": "2024-12"}, "ja")
    '時事通信、2024年12月'
    """
    from ..formats import date_text
    from ..terms import publisher_label

    publisher = publisher_label(str(source.get("publisher") or ""), lang=lang)
    day = str(source.get("date") or "")
    precision = _PRECISION_BY_LENGTH.get(len(day))
    if precision is None:
        return publisher
    padded = day + "-01-01"[len(day) - 4 :] if precision != "day" else day
    shown = date_text(padded, precision, lang=lang, numeric=True)
    return gettext("%(publisher)s, %(date)s", lang=lang, publisher=publisher, date=shown)
