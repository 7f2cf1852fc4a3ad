"""The notebooks' Markdown prose as catalog messages: extracted by Babel, translated per page.

A notebook's Markdown cells tell its story in English. Each block of a cell (a paragraph, a
heading, a list: text between blank lines) is one message of the ``jpbudget`` catalog, so the
Japanese pages read the same story in Japanese from the same notebook. ``make messages``
extracts the blocks with :func:`extract_notebook` (named in ``locale/babel.cfg``), which also
extracts ``_()``/``gettext()`` calls of the code cells as Babel's Python extractor does.
:func:`translate_markdown` writes a cell in another language; :func:`translate_notebook` does
every Markdown cell of a notebook (the report runner uses it for the Japanese pages).

>>> blocks("## Growth\\n\\nEach item's\\ninitial budget.\\n")
['## Growth', "Each item's\\ninitial budget."]
>>> translate_markdown("## Sources", lang="ja")
'## 出典'
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Iterator
from typing import Any

from .i18n import active, translations

__all__ = [
    "MissingTranslationError",
    "blocks",
    "extract_notebook",
    "translate_markdown",
    "translate_notebook",
]

_BLANK = re.compile(r"\n[ \t]*\n")
_FENCE = "```"


class MissingTranslationError(LookupError):
    """A Markdown block of a notebook has no translation in the catalog of the page's language."""


def blocks(source: str) -> list[str]:
    """The blocks of a Markdown text: runs of lines between blank lines, stripped; a fenced
    code block stays whole even with blank lines inside.

    >>> blocks("A\\n\\n```\\nx\\n\\ny\\n```\\n\\nB")
    ['A', '```\\nx\\n\\ny\\n```', 'B']
    """
    found: list[str] = []
    pending: list[str] = []
    for part in _BLANK.split(source):
        pending.append(part)
        if "\n\n".join(pending).count(_FENCE) % 2 == 0:
            text = "\n\n".join(pending).strip()
            if text:
                found.append(text)
            pending = []
    if pending and "\n\n".join(pending).strip():
        found.append("\n\n".join(pending).strip())
    return found


def translate_markdown(source: str, *, lang: str | None = None, where: str = "") -> str:
    """``source`` (a Markdown cell) with each block replaced by its translation in ``lang``.

    English gives the source back unchanged. A block with no translation raises
    :class:`MissingTranslationError` naming it (and ``where``, the notebook): a Japanese page
    never shows an English paragraph silently.
    """
    lang = active(lang)
    if lang == "en":
        return source
    catalog = translations(lang)
    written = []
    for block in blocks(source):
        text = catalog.gettext(block)
        if text == block and any(ch.isalpha() and ch.isascii() for ch in block):
            place = f" in {where}" if where else ""
            raise MissingTranslationError(
                f"the Markdown block {block[:60]!r}{place} has no {lang!r} translation: run "
                "`make messages` and translate it in "
                f"lib/jpbudget/locale/{lang}/LC_MESSAGES/jpbudget.po"
            )
        written.append(text)
    return "\n\n".join(written)


def translate_notebook(nb: Any, *, lang: str | None = None, where: str = "") -> Any:
    """Every Markdown cell of ``nb`` (an nbformat notebook, changed in place) in ``lang``."""
    for index, cell in enumerate(nb.cells):
        if cell.cell_type == "markdown":
            source = cell.source if isinstance(cell.source, str) else "".join(cell.source)
            cell.source = translate_markdown(source, lang=lang, where=f"{where} cell {index}")
    return nb


def extract_notebook(
    fileobj: Any, keywords: Any, comment_tags: Any, options: dict[str, Any]
) -> Iterator[tuple[int, str | None, Any, list[str]]]:
    """Babel extraction method for ``.ipynb`` files: each Markdown block, then the messages of
    the code cells (``_()``, ``gettext()``..., through Babel's Python extractor).

    Line numbers are cell numbers (a notebook has no lines of its own).
    """
    from babel.messages.extract import extract_python

    nb = json.loads(fileobj.read().decode("utf-8"))
    for index, cell in enumerate(nb.get("cells", []), start=1):
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        if cell.get("cell_type") == "markdown":
            for block in blocks(source):
                yield index, None, block, [f"Markdown, cell {index}"]
        elif cell.get("cell_type") == "code":
            code = io.BytesIO(source.encode("utf-8"))
            for _line, funcname, message, comments in extract_python(
                code, keywords, comment_tags, options
            ):
                yield index, funcname, message, comments
