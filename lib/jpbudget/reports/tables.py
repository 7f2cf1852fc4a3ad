"""Table markup for the pages: short columns marked so that they never wrap.

A browser lays a table out from the narrowest width each column can take; Japanese text may
break between any two characters, so a column of short words ("出典と整合", "3.72倍") shrinks to
one character a line next to columns of long sentences. The page marks the cells of such a
column ``class="short"`` (the stylesheet keeps them on one line); every other column still wraps.
The notebook's own table HTML is left as it is (nbval compares it): only the page is marked.
"""

from __future__ import annotations

import unicodedata

__all__ = ["SHORT_WIDTH", "mark_short_columns", "text_width"]

#: The widest text (in half-width characters: a kanji counts 2) a short column holds:
#: "出典と不整合" (12), "1兆2390億円" (11), "-0.73%" (6).
SHORT_WIDTH = 12


def text_width(text: str) -> int:
    """The width of ``text`` in half-width characters: 2 for a wide (CJK, full-width) one.

    >>> text_width("出典と整合"), text_width("3.72倍"), text_width("cabinet draft")
    (10, 6, 13)
    """
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def mark_short_columns(html: str, limit: int = SHORT_WIDTH) -> str:
    """``html`` with the body cells of every short column of its tables (no cell wider than
    ``limit``, see :func:`text_width`) given the class ``short``.

    >>> mark_short_columns(
    ...     "<table><tbody><tr><td>出典と整合</td><td>記事の数値と出典の数値の差が2%以内</td></tr>"
    ...     '<tr><td class="num">出典と不整合</td><td>差</td></tr></tbody></table>'
    ... )
    '<table><tbody><tr><td class="short">出典と整合</td><td>記事の数値と出典の数値の差が2%以内</td></tr><tr><td class="num short">出典と不整合</td><td>差</td></tr></tbody></table>'
    """
    from bs4 import BeautifulSoup  # nbconvert's own HTML parser dependency

    soup = BeautifulSoup(html, "html.parser")
    for table in soup.find_all("table"):
        rows = [row.find_all("td", recursive=False) for row in table.find_all("tr")]
        rows = [cells for cells in rows if cells]
        columns = max((len(cells) for cells in rows), default=0)
        for index in range(columns):
            cells = [cells[index] for cells in rows if index < len(cells)]
            if any(cell.get("colspan") for cell in cells):
                continue
            if all(text_width(" ".join(cell.get_text().split())) <= limit for cell in cells):
                for cell in cells:
                    cell["class"] = [*cell.get("class", []), "short"]
    return str(soup)
