"""Table markup for the pages: short cells marked so that they never wrap.

A browser lays a table out from the narrowest width each column can take; Japanese text may
break between any two characters, so a column of short words ("出典と整合", "3.72倍") shrinks to
one character a line next to columns of long sentences, and 1兆2390億円 splits. The page marks
short cells ``class="short"`` (the stylesheet keeps them on one line, so their column is at
least that wide); long cells still wrap, and the stylesheet gives them a minimum width.
The notebook's own table HTML is left as it is (nbval compares it): only the page is marked.
"""

from __future__ import annotations

import unicodedata

__all__ = ["SHORT_WIDTH", "mark_short_cells", "text_width"]

#: The widest text (in half-width characters: a kanji counts 2) a short column holds:
#: "出典と不整合" (12), "1兆2390億円" (11), "-0.73%" (6).
SHORT_WIDTH = 12


def text_width(text: str) -> int:
    """The width of ``text`` in half-width characters: 2 for a wide (CJK, full-width) one.

    >>> text_width("出典と整合"), text_width("3.72倍"), text_width("cabinet draft")
    (10, 6, 13)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def mark_short_cells(html: str, limit: int = SHORT_WIDTH) -> str:
    """``html`` with every body cell of its tables no wider than ``limit`` (see
    :func:`text_width`) given the class ``short``: a figure such as 1兆2390億円 or a verdict
    such as 出典と整合 is never split, and its column is at least that wide.

    >>> mark_short_cells(
    ...     "<table><tbody><tr><td>出典と整合</td><td>記事の数値と出典の数値の差が2%以内</td></tr>"
    ...     '<tr><td class="num">出典と不整合</td><td>差</td></tr></tbody></table>'
    ... )
    '<table><tbody><tr><td class="short">出典と整合</td><td>記事の数値と出典の数値の差が2%以内</td></tr><tr><td class="num short">出典と不整合</td><td class="short">差</td></tr></tbody></table>'
    """
    from bs4 import BeautifulSoup  # nbconvert's own HTML parser dependency

    soup = BeautifulSoup(html, "html.parser")
    for cell in soup.select("table tbody td"):
        if text_width(" ".join(cell.get_text().split())) <= limit:
            cell["class"] = [*cell.get("class", []), "short"]
    return str(soup)
