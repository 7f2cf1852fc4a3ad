"""Japanese text in pages without Japanese fonts: an embedded subset of the charts' font.

The charts draw Japanese with IPAexGothic from the ``matplotlib-fontja`` package (installed with
the project, so no system font is needed). A page serves the same font: :func:`embedded_font`
subsets it (HarfBuzz) to the Japanese characters the page uses, wraps the subset as
WOFF and gives what the templates' ``@font-face`` rule needs: a ``data:`` URL (the page
needs no font file, and its Content-Security-Policy allows fonts only from ``data:``) and a
``unicode-range`` of just those characters: Latin text keeps the page's ordinary
sans-serif font, Japanese text uses IPAexGothic on every machine.

>>> japanese_characters("METI 経済産業省 ¥1,239.0 billion（概算）")
'業概済産省算経（）'
>>> embedded_font("no Japanese here") is None
True

A page is rendered once: its head holds a slot (:func:`font_slot`) that :func:`with_font` fills,
after the render, with the ``@font-face`` rule (template macro ``font_face``) of the subset of
exactly the Japanese characters of the rendered page.
"""

from __future__ import annotations

import base64
import dataclasses
import secrets
from pathlib import Path
from typing import Any

from ..charts.fonts import JAPANESE_RANGES as JAPANESE_RANGES  # re-exported
from ..charts.fonts import font_subset_woff, japanese_characters

__all__ = [
    "FONT_FAMILY",
    "EmbeddedFont",
    "embedded_font",
    "font_path",
    "font_slot",
    "japanese_characters",
    "with_font",
]

#: The CSS family name under which pages use the embedded subset.
FONT_FAMILY = "JPBudget Gothic"


def font_path() -> Path:
    """The IPAexGothic file the charts draw Japanese with (``jpbudget.present.font_path``)."""
    from ..present import font_path as charts_font_path

    return charts_font_path()


@dataclasses.dataclass(frozen=True)
class EmbeddedFont:
    """What a template's ``@font-face`` rule needs for one page."""

    family: str
    characters: str
    woff: bytes

    @property
    def data_url(self) -> str:
        return "data:font/woff;base64," + base64.b64encode(self.woff).decode("ascii")

    @property
    def unicode_range(self) -> str:
        return ", ".join(f"U+{ord(c):04X}" for c in self.characters)


def embedded_font(text: str) -> EmbeddedFont | None:
    """The subset of IPAexGothic that ``text`` needs, or None when it has no Japanese."""
    characters = japanese_characters(text)
    if not characters:
        return None
    return EmbeddedFont(FONT_FAMILY, characters, font_subset_woff(characters))


def font_slot() -> str:
    """A marker for a page's head (``page.font_slot``) where its ``@font-face`` rule goes: ASCII,
    so it adds no character to the page's set, and random, so no text of the page can hold it."""
    return f"/* jpbudget-font-{secrets.token_hex(16)} */"


def with_font(html: str, slot: str, environment: Any) -> str:
    """``html``, rendered with ``slot`` (:func:`font_slot`) as ``page.font_slot``, with the slot
    replaced by the ``font_face`` rule of ``page_head.html.j2`` (rendered in ``environment``, the
    page's Jinja environment) for the subset of exactly the page's Japanese characters, or by
    nothing when the page has none. The rule is ASCII, so the filled page has the same
    characters as the page the subset was made for."""
    if html.count(slot) != 1:
        raise ValueError(f"the page must hold its font slot once, found {html.count(slot)}")
    font = embedded_font(html)
    if font is None:
        return html.replace(slot, "")
    rule = environment.get_template("page_head.html.j2").module.font_face(font)
    return html.replace(slot, str(rule))
