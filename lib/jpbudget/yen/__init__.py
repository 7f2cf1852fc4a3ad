"""Exact yen amounts: read them as budget documents write them, and write them back readably.

:func:`parse_yen` turns text such as ``"¥387.3 billion"``, ``"JPY 150bn"``, ``"1兆2390億円"`` or
``"▲50億円"`` into a whole number of yen (an ``int``), with exact decimal arithmetic. Anything
that is not plainly one amount of yen is refused with :class:`YenParseError`, whose message
quotes the input and says what was expected.

:func:`format_yen` and :func:`format_usd` round to a number of significant digits
(:func:`round_significant`, half away from zero) and pick the unit from the rounded value.

>>> parse_yen("1兆2390億円")
1239000000000
>>> format_yen(parse_yen("¥387.3 billion"), lang="ja")
'3,870億円'

What :func:`parse_yen` reads (text is first normalized with Unicode NFKC, so full-width digits,
``，``, ``．``, ``￥`` and ideographic spaces are read like their ASCII forms; no other
compatibility character is folded, see below):

- an optional sign: ``-``, ``−`` (U+2212), ``+``, or the budget-table minus signs ``▲`` (U+25B2)
  and ``△`` (U+25B3); it may stand before or after a leading ``¥``/``JPY`` (``"-¥5 billion"``
  and ``"¥-5 billion"`` are both -5 billion yen);
- at most one currency marker: ``¥`` or ``JPY`` before the number, or ``yen``, ``JPY`` or ``円``
  after it; a bare number is taken as yen;
- a number with an optional decimal part; thousands may be grouped with commas, in threes;
  or a number in kanji numerals, positional (``二〇``) or with 十, 百 and 千 (``二千三百九十``);
- then either one English unit (case-insensitive, a closed set: ``million``/``mn``/``m``,
  ``billion``/``bn``/``b``, ``trillion``/``tn``/``trn``/``t``; no ``thousand`` or ``k``), or
  Japanese units ``兆`` (10^12), ``億`` (10^8), ``万`` (10^4), possibly compound
  (``"1兆2390億5000万円"``), each part below the unit before it, with an optional last part
  in plain yen written directly after the last unit (``"1億5000円"``). ``千`` is not a unit here
  (``"5千万円"`` is refused). Only the last part may have a decimal point (``"1兆2390.5億円"``;
  ``"1.5兆2000億円"`` is refused as malformed).

Integers (not ``bool``; NumPy integers too) and whole-valued :class:`decimal.Decimal` values
are accepted as amounts of yen; floats are refused because they are not exact.

Refused, each with its own message: empty or blank text; text longer than
:data:`MAX_TEXT_LENGTH` characters (checked before anything else is done with it); text with no
number; unknown unit words (the message lists the known ones); more than one number (``"5 or 6
billion"``, ``"¥5 billion 6 billion"``, ``"5億 6"``); commas that do not group in threes; other
currencies (``$``, ``USD``, ``dollars``, ``€``, ``ドル``, ``ユーロ`` ...); fractional yen; NaN and
infinity; and qualifiers (``about``, ``up to``, ``over``, ``~``, ``約``, ``超``, ``以上``,
``程度`` ...), which belong in a separate field, not in the amount (:data:`QUALIFIERS` lists
the data's qualifier words with their printed forms; :func:`split_qualifier` and
:func:`strip_qualifier` separate them from the amount). Digit-like characters other than ASCII,
full-width and kanji digits (superscripts such as the footnote marker in ``"387.3¹ billion"``,
circled numbers ``①`` ``㊿``, fractions, Roman numerals, other scripts' digits) and other
compatibility characters NFKC would rewrite (``"5ᵐ"``) are refused, quoted with their Unicode
name. Integers and Decimals of more than 1000 digits are refused too. Text is read by a single
linear pass of a hand-written tokenizer (no regular expressions), so hostile input fails fast.
"""

from __future__ import annotations

from ..errors import YenParseError
from .formatting import MAX_DIGITS, format_usd, format_yen, format_yen_exact, round_significant
from .parsing import parse_yen
from .vocabulary import MAX_TEXT_LENGTH, QUALIFIERS, split_qualifier, strip_qualifier

__all__ = [
    "MAX_DIGITS",
    "MAX_TEXT_LENGTH",
    "QUALIFIERS",
    "YenParseError",
    "format_usd",
    "format_yen",
    "format_yen_exact",
    "parse_yen",
    "round_significant",
    "split_qualifier",
    "strip_qualifier",
]
