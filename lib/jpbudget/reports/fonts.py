"""Japanese text in pages without Japanese fonts: an embedded subset of the charts' font.

The charts draw Japanese with IPAexGothic from the ``matplotlib-fontja`` package (installed with
the project, so no system font is needed). A page serves the same font: :func:`embedded_font`
subsets it with fontTools to the Japanese characters the page uses, compresses the subset as
WOFF2 (Brotli) and gives what the templates' ``@font-face`` rule needs: a ``data:`` URL (the page
needs no font file, and its Content-Security-Policy allows fonts only from ``data:``) and a
``unicode-range`` of just those characters: Latin text keeps the page's ordinary
sans-serif font, Japanese text uses IPAexGothic on every machine.

>>> japanese_characters("METI 経済産業省 ¥1,239.0 billion（概算）")
'業概済産省算経（）'
>>> embedded_font("no Japanese here") is None
True
"""

from __future__ import annotations

import base64
import dataclasses
import functools
import io
import re
from pathlib import Path

__all__ = ["FONT_FAMILY", "EmbeddedFont", "embedded_font", "font_path", "japanese_characters"]

#: The CSS family name under which pages use the embedded subset.
FONT_FAMILY = "JPBudget Gothic"

#: Code point ranges drawn with the Japanese font: CJK punctuation, kana, ideographs, full-width
#: forms. Everything else (Latin letters, digits, "¥", "×") stays in the page's Latin font.
JAPANESE_RANGES = (
    (0x3000, 0x303F),  # CJK symbols and punctuation (、。「」〜)
    (0x3040, 0x309F),  # hiragana
    (0x30A0, 0x30FF),  # katakana (・ included)
    (0x3400, 0x4DBF),  # CJK unified ideographs extension A
    (0x4E00, 0x9FFF),  # CJK unified ideographs
    (0xF900, 0xFAFF),  # CJK compatibility ideographs
    (0xFF00, 0xFFEF),  # half-width and full-width forms (（）％ and half-width kana)
)


def font_path() -> Path:
    """The IPAexGothic file the charts draw Japanese with (``jpbudget.present.font_path``)."""
    from ..present import font_path as charts_font_path

    return charts_font_path()


#: One character of :data:`JAPANESE_RANGES` (a page's text, its images' base64 included, runs to
#: a megabyte: a compiled class finds them in milliseconds, a per-character test in seconds).
_JAPANESE = re.compile(
    "[" + "".join(f"{chr(low)}-{chr(high)}" for low, high in JAPANESE_RANGES) + "]"
)


def japanese_characters(text: str) -> str:
    """The distinct characters of ``text`` drawn with the Japanese font, in code point order."""
    return "".join(sorted(set(_JAPANESE.findall(text))))


@functools.lru_cache(maxsize=64)
def _subset_woff2(characters: str) -> bytes:
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(font_path())
    options = subset.Options()
    options.flavor = "woff2"  # needs the brotli package (a project dependency)
    options.layout_features = ["*"]  # keep vertical/proportional forms the font defines
    options.name_IDs = ["*"]  # keep the family name and the font's licence notice
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


@dataclasses.dataclass(frozen=True)
class EmbeddedFont:
    """What a template's ``@font-face`` rule needs for one page."""

    family: str
    characters: str
    woff2: bytes

    @property
    def data_url(self) -> str:
        return "data:font/woff2;base64," + base64.b64encode(self.woff2).decode("ascii")

    @property
    def unicode_range(self) -> str:
        return ", ".join(f"U+{ord(c):04X}" for c in self.characters)


def embedded_font(text: str) -> EmbeddedFont | None:
    """The subset of IPAexGothic that ``text`` needs, or None when it has no Japanese."""
    characters = japanese_characters(text)
    if not characters:
        return None
    return EmbeddedFont(FONT_FAMILY, characters, _subset_woff2(characters))
