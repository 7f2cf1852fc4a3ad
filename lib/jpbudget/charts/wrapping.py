"""Chart text in lines: English by words (textwrap), Japanese by its display width.

Japanese has no spaces between words, so textwrap would cut it anywhere (in the middle of
1兆2390億円 or 半導体・AI). Japanese lines break at phrase boundaries (after 、。： or a particle
before a word), never inside a number with its unit or a Latin word, never before closing
punctuation (kinsoku), and are made about equally long so that no line is a lone word.
"""

from __future__ import annotations

import textwrap
import unicodedata

from .. import formats
from ..i18n import active

__all__ = ["wrap"]

#: Characters a Japanese line may not start with (kinsoku): punctuation and closing brackets.
_NO_LINE_START = "、。，．）」』】〕・：；？！ー%)"
#: Characters a Japanese line may not end with: opening brackets and the yen sign.
_NO_LINE_END = "（「『【〔(¥"


def _width(ch: str) -> float:
    """A character's width in columns: a kanji or kana two, a Latin letter or digit 1.25
    (DejaVu Sans letters are wider than half a kanji)."""
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1.25


def _hiragana(ch: str) -> bool:
    return "\u3041" <= ch <= "\u309f"


def _breakable(text: str, at: int) -> bool:
    """Whether a Japanese line may break before ``text[at]``: never inside a run of Latin
    letters and digits (1兆2390億円, AI) nor between a number and its unit, never before
    closing punctuation or after an opening one."""
    before, after = text[at - 1], text[at]
    if after in _NO_LINE_START or before in _NO_LINE_END:
        return False
    if before.isascii() and before.strip() and (after.isascii() or before.isdigit()):
        return False  # inside "AI", "2026", or between 2026 and 年度
    return not (before == "・" and after.isascii())  # 半導体・AI stays whole


def _good_break(text: str, at: int) -> bool:
    """A phrase boundary: after 、。： or a closing bracket, or after a particle (hiragana)
    before a word that is not hiragana (…は|約1兆円, …の|半導体)."""
    before, after = text[at - 1], text[at]
    if not _breakable(text, at):
        return False
    return before in "、。：）」・ " or (_hiragana(before) and not _hiragana(after))


def _fill(text: str, target: float) -> list[str]:
    """Greedy lines of at most ``target`` columns, each broken at the last phrase boundary
    (:func:`_good_break`) of its second half, else at the last place :func:`_breakable`."""
    lines: list[str] = []
    start = 0
    while start < len(text):
        used, end = 0.0, start
        while end < len(text) and used + _width(text[end]) <= target:
            used += _width(text[end])
            end += 1
        if end >= len(text):
            lines.append(text[start:])
            break
        window = range(end, start + max(1, (end - start) // 2), -1)
        cut = next((at for at in window if _good_break(text, at)), None)
        cut = cut or next((at for at in window if _breakable(text, at)), max(end, start + 1))
        lines.append(text[start:cut])
        start = cut
    return [line.strip() for line in lines if line.strip()]


def _wrap_japanese(text: str, width: int) -> list[str]:
    """Lines of at most ``width`` columns (a kanji counts two), as few as at that width and as
    even as the phrase boundaries allow, so that no line is a lone word."""
    fewest = _fill(text, width)
    total = sum(_width(c) for c in text)
    target = total / len(fewest)
    while target < width:
        lines = _fill(text, target)
        if len(lines) <= len(fewest):
            return lines
        target += 1
    return fewest


def wrap(text: str, width: int) -> str:
    """``text`` in lines of about ``width`` Latin characters; on a Japanese chart, Japanese text
    by its display width (a kanji is two columns), as textwrap cannot break it between words.

    >>> from jpbudget.i18n import using
    >>> with using("ja"):
    ...     print(wrap("財務省の数え方では、2026年度の半導体・AI予算は約1兆4915億円（案）", 44))
    財務省の数え方では、2026年度の
    半導体・AI予算は約1兆4915億円（案）
    """
    text = str(text)
    if active() == "ja" and formats.is_japanese(text):  # an English chart keeps textwrap
        return "\n".join(_wrap_japanese(text, width)) or text
    return "\n".join(textwrap.wrap(text, width)) or text
