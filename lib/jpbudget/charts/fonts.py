"""Where the charts' Japanese font is (standard library only: cheap to import for pages).

>>> font_path().name
'ipaexg.ttf'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

LATIN_FONT = "DejaVu Sans"
JAPANESE_FONT = "IPAexGothic"


def font_path() -> Path:
    """The IPAexGothic font file (``ipaexg.ttf``) that charts use for Japanese text.

    It ships with the ``matplotlib-fontja`` package (a project dependency). Found without
    importing that package, whose import switches every figure of the process to the font.
    """
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "matplotlib-fontja is not installed: it provides the Japanese font of the charts "
            "(run `make setup`)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise RuntimeError(f"the Japanese chart font is missing: expected {path}")
    return path


def _is_japanese(char: str) -> bool:
    """Kana, kanji, CJK punctuation and full-width forms: the glyphs the Latin font lacks."""
    code = ord(char)
    return 0x3000 <= code <= 0x9FFF or 0xF900 <= code <= 0xFAFF or 0xFF00 <= code <= 0xFFEF


def font_subset_woff2(text: str, path: Path | None = None) -> bytes | None:
    """The Japanese font cut down to the Japanese characters of ``text``, as WOFF2 bytes.

    ``None`` when ``text`` has none. The same text gives the same bytes (no timestamp).
    """
    chars = sorted({c for c in text if _is_japanese(c)})
    if not chars:
        return None
    import io

    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path or font_path()), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff2"
    options.name_IDs = ["*"]  # keep the font's name and licence records
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(chars))
    subsetter.subset(font)
    font.flavor = "woff2"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def embed_japanese_font(svg: str) -> str:
    """``svg`` with the Japanese glyphs it uses embedded as an ``@font-face`` (WOFF2 subset).

    SVG text stays text (editable, translatable); the embedded subset lets a viewer without
    Japanese fonts draw it instead of empty boxes. An SVG without Japanese text is unchanged.
    """
    import base64
    import re

    texts = "".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))
    woff2 = font_subset_woff2(texts)
    if woff2 is None:
        return svg
    face = (
        '<defs><style type="text/css">@font-face { font-family: "'
        + JAPANESE_FONT
        + '"; src: url(data:font/woff2;base64,'
        + base64.b64encode(woff2).decode("ascii")
        + ') format("woff2"); }</style></defs>'
    )
    opening = re.search(r"<svg\b[^>]*>", svg)
    if opening is None:
        raise ValueError("not an SVG document: no <svg> element")
    return svg[: opening.end()] + "\n " + face + svg[opening.end() :]
