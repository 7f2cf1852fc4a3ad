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

import math
import numbers
import unicodedata
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any, NamedTuple

__all__ = [
    "MAX_DIGITS",
    "MAX_TEXT_LENGTH",
    "QUALIFIERS",
    "YenParseError",
    "format_usd",
    "format_yen",
    "parse_yen",
    "round_significant",
    "split_qualifier",
    "strip_qualifier",
]

MAX_TEXT_LENGTH = 200
"""Longer text is refused before it is read (no amount of yen needs more)."""

_MAX_DECIMAL_DIGITS = 1000
"""Decimals with more integer digits than this are refused rather than expanded into an int."""

_EXPECTED = "an amount of yen such as '¥387.3 billion', 'JPY 150bn', '1兆2390億円' or '▲50億円'"

_EN_UNITS: dict[str, int] = {
    "million": 6,
    "mn": 6,
    "m": 6,
    "billion": 9,
    "bn": 9,
    "b": 9,
    "trillion": 12,
    "tn": 12,
    "trn": 12,
    "t": 12,
}
_JA_UNITS: dict[str, int] = {"兆": 12, "億": 8, "万": 4}
_KNOWN_UNITS = (
    "million/mn/m, billion/bn/b, trillion/tn/trn/t (in any case), 兆, 億 and 万, "
    "with the currency marked by ¥, JPY, yen or 円"
)

_KANJI_DIGITS: dict[str, int] = {c: i for i, c in enumerate("〇一二三四五六七八九")}
_KANJI_POWERS: dict[str, int] = {"十": 1, "百": 2, "千": 3}
_KANJI_NUMERALS = frozenset(_KANJI_DIGITS) | frozenset(_KANJI_POWERS)
#: Every character with a numeric value that is read as part of a number (or a unit).
_READ_NUMERALS = (
    frozenset("0123456789")
    | frozenset(chr(0xFF10 + i) for i in range(10))  # full-width ０-９
    | _KANJI_NUMERALS
    | frozenset(_JA_UNITS)
)
#: Compatibility forms that NFKC may fold into their plain form: full- and half-width forms
#: and no-break spaces. Any other folding (superscripts, circled or parenthesized numbers,
#: fractions, squared words, letter styles ...) would change what the text says.
_FOLDED_FORMS = frozenset({"<wide>", "<narrow>", "<noBreak>"})

_SIGNS: dict[str, int] = {"-": -1, "\u2212": -1, "▲": -1, "△": -1, "+": 1}
_YEN_PREFIXES = frozenset({"¥", "jpy"})
_YEN_SUFFIXES = frozenset({"yen", "jpy", "円"})
_NON_FINITE_WORDS = frozenset({"nan", "snan", "inf", "infinity"})

_OTHER_CURRENCY_WORDS = frozenset(
    {"usd", "us", "dollar", "dollars", "eur", "euro", "euros", "gbp", "pound", "pounds"}
    | {"sterling", "cny", "rmb", "yuan", "renminbi", "krw", "won", "chf", "franc", "francs"}
    | {"cad", "aud", "nzd", "hkd", "sgd", "twd", "nt", "inr", "rupee", "rupees"}
)
_OTHER_CURRENCY_JA = ("ドル", "ユーロ", "ポンド", "元", "ウォン", "フラン", "ルピー")

#: The qualifier words of the data (the ``qualifier`` field) and how each may be printed in a
#: figure's text. English forms open the text ("about ¥1.5 trillion"); Japanese ones open or
#: close it (約1.5兆円, 1.5兆円規模). The one list: :func:`split_qualifier`,
#: :func:`strip_qualifier` and :func:`parse_yen` (which refuses them) all read it.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "about": ("about", "roughly", "approximately", "約", "規模", "程度"),
    "up to": ("up to", "最大"),
    "more than": ("more than", "over", "超", "以上"),
}
#: Other hedges that may not stand in an amount either (they have no word in the data yet).
_OTHER_HEDGES = (
    "approx",
    "around",
    "nearly",
    "almost",
    "under",
    "some",
    "circa",
    "ca",
    "above",
    "below",
    "beyond",
    "exceeding",
    "estimated",
    "est",
    "maximum",
    "max",
    "minimum",
    "min",
    "upwards",
    "only",
    "just",
    "less than",
    "fewer than",
    "greater than",
    "at least",
    "at most",
    "as much as",
    "as little as",
    "in excess of",
    "close to",
    "no more than",
    "no less than",
    "not more than",
    "not less than",
    "or more",
    "or less",
    "or so",
    "or above",
    "or over",
    "以下",
    "未満",
    "およそ",
    "最小",
    "最低",
    "前後",
    "強",
    "弱",
    "余",
    "あまり",
    "ほど",
    "近く",
    "少なくとも",
    "概ね",
    "おおむね",
    "ほぼ",
    "上限",
)
_HEDGES = tuple(
    dict.fromkeys([*(f for forms in QUALIFIERS.values() for f in forms), *_OTHER_HEDGES])
)
_QUALIFIERS_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted((tuple(h.split()) for h in _HEDGES if h.isascii()), key=len, reverse=True):
    _QUALIFIERS_BY_FIRST_WORD.setdefault(_phrase[0], []).append(_phrase)  # longest match first
del _phrase
_QUALIFIERS_JA = tuple(h for h in _HEDGES if not h.isascii())
_APPROX_SIGNS = frozenset({"~", "〜"})
_CONNECTOR_WORDS = frozenset(
    {"or", "and", "to", "from", "between", "plus", "vs", "から", "または", "又は", "ないし"}
    | {"及び", "および", "と", "や", "か"}
)


class YenParseError(ValueError):
    """A value that is not plainly one amount of yen.

    The message quotes the value with ``repr()`` and says what was expected.

    >>> parse_yen("about ¥1.23 trillion")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jpbudget.yen.YenParseError: 'about ¥1.23 trillion' carries the qualifier 'about'; record ...
    """


class _Token(NamedTuple):
    kind: str  # NUM, SIGN, YEN, EN, JA, WORD, CUR, OTHER
    text: str
    spaced: bool  # whitespace stood right before it


# ---------------------------------------------------------------------------------------------
# parse_yen


def parse_yen(value: Any) -> int:
    """Read ``value`` as an exact whole number of yen.

    ``value`` is text in one of the forms listed in the module docstring, an ``int`` or a
    whole-valued :class:`~decimal.Decimal`. Arithmetic is exact: ``"¥387.3 billion"`` is
    387,300,000,000 yen, never a float's neighbour.

    Raises :class:`YenParseError` (a ``ValueError``) for anything else: empty text, no number,
    an unknown unit word, more than one number, badly grouped digits, another currency, a
    fractional number of yen, NaN or infinity, a qualifier such as "about" or 約 (record it in
    its own field and pass the bare amount), floats, bools and other types.

    >>> parse_yen("¥387.3 billion")
    387300000000
    >>> parse_yen("JPY 150bn"), parse_yen("１兆２３９０億円"), parse_yen("▲50億円")
    (150000000000, 1239000000000, -5000000000)
    >>> parse_yen("$7.9 billion")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jpbudget.yen.YenParseError: '$7.9 billion' is an amount in another currency ('$'); ...
    """
    if isinstance(value, bool):
        raise YenParseError(f"{value!r} is a bool, not an amount; expected {_EXPECTED}")
    if isinstance(value, int):
        return _check_size(int(value), value)
    if isinstance(value, Decimal):
        return _whole_yen_from_decimal(value)
    if isinstance(value, float):
        raise YenParseError(
            f"{value!r} is a float, and floats are not exact; pass an int, a Decimal or text "
            "such as '¥387.3 billion'"
        )
    if isinstance(value, numbers.Integral):  # NumPy integers and the like
        return _check_size(int(value), value)
    if isinstance(value, str):
        return _parse_text(value)
    raise YenParseError(
        f"{value!r} has type {type(value).__name__}; expected text, an int or a Decimal "
        f"denoting {_EXPECTED}"
    )


_TOO_LARGE = 10**_MAX_DECIMAL_DIGITS


def _describe(value: Any) -> str:
    """``repr(value)``, except for ints too long to print (Python refuses over 4300 digits)."""
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        number = int(value)
        if abs(number) >= 10**60:
            size = Decimal(number)
            return f"{size:.3e} (an int of {size.adjusted() + 1} digits)"
    if isinstance(value, Decimal) and value.is_finite() and len(value.as_tuple().digits) > 60:
        return f"Decimal('{value:.3e}') (a Decimal of {len(value.as_tuple().digits)} digits)"
    return repr(value)


def _check_size(number: int, value: Any) -> int:
    if abs(number) >= _TOO_LARGE:
        raise YenParseError(
            f"{_describe(value)} is too large to be an amount of yen (more than "
            f"{_MAX_DECIMAL_DIGITS} digits); expected {_EXPECTED}"
        )
    return number


def _whole_yen_from_decimal(value: Decimal) -> int:
    if not value.is_finite():
        raise YenParseError(
            f"{value!r} is not a finite number (NaN or infinity); expected {_EXPECTED}"
        )
    if value.adjusted() >= _MAX_DECIMAL_DIGITS:
        raise YenParseError(
            f"{_describe(value)} is too large to be an amount of yen (more than "
            f"{_MAX_DECIMAL_DIGITS} digits); expected {_EXPECTED}"
        )
    if value != value.to_integral_value():
        raise YenParseError(
            f"{_describe(value)} is a fractional number of yen; expected a whole number of yen"
        )
    return int(value)


def _quote(text: str) -> str:
    """repr() of the text, shortened when it is too long to be worth printing in full."""
    if len(text) > 60:
        return f"{text[:40]!r}... ({len(text)} characters)"
    return repr(text)


def _parse_text(raw: str) -> int:
    stripped = raw.strip()
    if not stripped:
        raise YenParseError(f"{raw!r} is empty or blank; expected {_EXPECTED}")
    if len(stripped) > MAX_TEXT_LENGTH:
        raise YenParseError(
            f"{_quote(raw)} is too long ({len(stripped)} characters; at most {MAX_TEXT_LENGTH}); "
            f"expected {_EXPECTED}"
        )
    _check_characters(raw, stripped)
    text = unicodedata.normalize("NFKC", stripped)
    if len(text) > MAX_TEXT_LENGTH:  # NFKC can expand some characters
        raise YenParseError(
            f"{_quote(raw)} is too long once normalized ({len(text)} characters; at most "
            f"{MAX_TEXT_LENGTH}); expected {_EXPECTED}"
        )
    tokens = _tokenize(raw, text)
    _check_words(raw, tokens)
    return _Reader(raw, tokens).read()


def _check_characters(raw: str, text: str) -> None:
    """Refuse digit-like characters other than the ones read, and compatibility forms.

    Budget documents write numbers with ASCII, full-width or kanji digits. A superscript
    (a footnote marker: ``"387.3¹ billion"``), a circled or parenthesized number, a fraction, a
    Roman numeral or another script's digit would otherwise be read as digits by NFKC, or be
    silently dropped: each is refused, quoted with its Unicode name. So is any other
    compatibility character NFKC would rewrite (``"5ᵐ"`` would read as ``"5m"``, 5 million),
    except full- and half-width forms and no-break spaces.
    """
    for ch in text:
        if ch in _READ_NUMERALS:
            continue
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        if unicodedata.numeric(ch, None) is not None or unicodedata.category(ch)[0] == "N":
            raise YenParseError(
                f"{_quote(raw)} contains the digit-like character {ch!r} ({name}); only ASCII, "
                "full-width and kanji digits (〇一二三四五六七八九十百千) are read as digits, "
                "so a footnote marker, circled number or other script's digit is refused"
            )
        tag = unicodedata.decomposition(ch).partition(" ")[0]
        if tag.startswith("<") and tag not in _FOLDED_FORMS:
            folded = unicodedata.normalize("NFKC", ch)
            raise YenParseError(
                f"{_quote(raw)} contains the character {ch!r} ({name}), a {tag} form of "
                f"{folded!r}; write the plain character (or remove the mark)"
            )


def _kanji_number(raw: str, run: str) -> str:
    """A run of kanji numerals as ASCII digits: positional (二〇二六) or with 十百千 (二千三百九十)."""

    def malformed() -> YenParseError:
        return YenParseError(
            f"{_quote(raw)} has the malformed kanji number {run!r}; expected digits 〇 to 九 "
            "written positionally (二〇二六) or with 十, 百 and 千 in descending order "
            "(二千三百九十), such as '一兆二千三百九十億円'"
        )

    if not any(c in _KANJI_POWERS for c in run):
        if len(run) > 1 and run[0] == "〇":
            raise malformed()
        return "".join(str(_KANJI_DIGITS[c]) for c in run)
    total, digit, last_power = 0, None, 4
    for c in run:
        if c in _KANJI_DIGITS:
            if digit is not None or c == "〇":
                raise malformed()
            digit = _KANJI_DIGITS[c]
        else:
            power = _KANJI_POWERS[c]
            if power >= last_power:
                raise malformed()
            total += (1 if digit is None else digit) * 10**power
            digit, last_power = None, power
    return str(total + (digit or 0))


def _is_japanese_letter(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x31F0 <= code <= 0x31FF
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3005  # 々
    )


def _tokenize(raw: str, text: str) -> list[_Token]:
    """Split NFKC-normalized text into tokens in one linear pass (no regular expressions)."""
    tokens: list[_Token] = []
    i, n = 0, len(text)
    spaced = False
    while i < n:
        ch = text[i]
        if ch.isspace():
            spaced = True
            i += 1
            continue
        start = i
        if ch in "0123456789,.":
            while i < n and text[i] in "0123456789,.":
                i += 1
            run = text[start:i]
            has_digit = any(c.isdigit() for c in run)
            tokens.append(_Token("NUM" if has_digit else "OTHER", run, spaced))
        elif ch in _KANJI_NUMERALS:
            while i < n and text[i] in _KANJI_NUMERALS:
                i += 1
            run = text[start:i]
            if tokens and tokens[-1].kind == "NUM" and not spaced:  # 5千万円: 千 is not a unit
                tokens.append(_Token("WORD", run, spaced))
            else:
                tokens.append(_Token("NUM", _kanji_number(raw, run), spaced))
        elif ch in _JA_UNITS:
            tokens.append(_Token("JA", ch, spaced))
            i += 1
        elif ch == "円":
            tokens.append(_Token("YEN", ch, spaced))
            i += 1
        elif _is_japanese_letter(ch):
            while i < n and _is_japanese_letter(text[i]) and text[i] not in _JA_UNITS:
                if text[i] == "円" or text[i] in _KANJI_NUMERALS:
                    break
                i += 1
            tokens.append(_Token("WORD", text[start:i], spaced))
        elif ch.isalpha():
            while i < n and text[i].isalpha() and not _is_japanese_letter(text[i]):
                i += 1
            word = text[start:i].lower()
            if word in _EN_UNITS:
                kind = "EN"
            elif word in _YEN_PREFIXES or word in _YEN_SUFFIXES:
                kind = "YEN"
            else:
                kind = "WORD"
            tokens.append(_Token(kind, word, spaced))
        elif ch == "¥":
            tokens.append(_Token("YEN", ch, spaced))
            i += 1
        elif ch in _SIGNS:
            tokens.append(_Token("SIGN", ch, spaced))
            i += 1
        elif unicodedata.category(ch) == "Sc":
            tokens.append(_Token("CUR", ch, spaced))
            i += 1
        else:
            tokens.append(_Token("OTHER", ch, spaced))
            i += 1
        spaced = False
    return tokens


def _check_words(raw: str, tokens: list[_Token]) -> None:
    """Refuse, with a specific message, what the words and symbols alone show is wrong."""
    words = [t for t in tokens if t.kind == "WORD"]
    for t in words:
        if t.text in _NON_FINITE_WORDS:
            raise YenParseError(
                f"{raw!r} is not a finite number (NaN or infinity); expected {_EXPECTED}"
            )
    for t in tokens:
        if t.kind == "CUR":
            _other_currency(raw, t.text)
        if t.kind == "WORD":
            if t.text in _OTHER_CURRENCY_WORDS:
                _other_currency(raw, t.text)
            for name in _OTHER_CURRENCY_JA:
                if name in t.text:
                    _other_currency(raw, name)
    qualifier = _find_qualifier(tokens)
    if qualifier is not None:
        raise YenParseError(
            f"{raw!r} carries the qualifier {qualifier!r}; record the qualifier separately "
            "(e.g. in the `qualifier` field) and pass the bare amount, such as '¥1.23 trillion'"
        )
    if not any(t.kind == "NUM" for t in tokens):
        raise YenParseError(f"{raw!r} contains no number; expected {_EXPECTED}")
    for t in words:
        if t.text not in _CONNECTOR_WORDS:
            raise YenParseError(
                f"{raw!r} has the unknown unit word {t.text!r}; the known units are {_KNOWN_UNITS}"
            )


def _other_currency(raw: str, what: str) -> None:
    raise YenParseError(
        f"{raw!r} is an amount in another currency ({what!r}); expected yen, marked by ¥, JPY, "
        "yen or 円 (or no currency at all)"
    )


def _find_qualifier(tokens: list[_Token]) -> str | None:
    if tokens and tokens[0].kind == "OTHER" and tokens[0].text in _APPROX_SIGNS:
        return tokens[0].text
    for i, t in enumerate(tokens):
        if t.kind != "WORD":
            continue
        if not t.text.isascii():
            for name in _QUALIFIERS_JA:
                if name in t.text:
                    return name
        for phrase in _QUALIFIERS_BY_FIRST_WORD.get(t.text, ()):
            following = tokens[i : i + len(phrase)]
            if [u.text for u in following if u.kind == "WORD"] == list(phrase):
                return " ".join(phrase)
    return None


def _split_number(raw: str, number: str) -> tuple[str, str]:
    """The integer digits and decimal digits of a number token, checking its commas."""

    def malformed(detail: str) -> YenParseError:
        return YenParseError(
            f"{raw!r} has the malformed number {number!r} ({detail}); expected digits with commas "
            "grouping thousands in threes, such as '3,069.3' or '1,230,000,000,000'"
        )

    whole, point, decimals = number.partition(".")
    if "." in decimals:
        raise malformed("more than one decimal point")
    if point and (not whole or not decimals):
        raise malformed("a decimal point needs digits on both sides")
    if "," in decimals:
        raise malformed("a comma after the decimal point")
    if "," in whole:
        groups = whole.split(",")
        if not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]):
            raise malformed("bad digit grouping")
    return whole.replace(",", ""), decimals


class _Reader:
    """Reads the token list left to right: sign, currency, amount, currency, end."""

    def __init__(self, raw: str, tokens: list[_Token]) -> None:
        self.raw = raw
        self.tokens = tokens
        self.pos = 0
        self.yen_marks = 0
        self.numbers = sum(t.kind == "NUM" for t in tokens)
        self.parts = {t.text: _split_number(raw, t.text) for t in tokens if t.kind == "NUM"}

    def peek(self, ahead: int = 0) -> _Token | None:
        i = self.pos + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def read(self) -> int:
        sign, signed = 1, False
        while (t := self.peek()) is not None and (
            t.kind == "SIGN" or (t.kind == "YEN" and t.text in _YEN_PREFIXES)
        ):
            if t.kind == "SIGN":
                if signed:
                    raise YenParseError(
                        f"{self.raw!r} has more than one sign; expected at most one of -, −, +, "
                        "▲ or △ before the number"
                    )
                sign, signed = _SIGNS[t.text], True
            else:
                if self.yen_marks:
                    self.twice()
                self.yen_marks += 1
            self.pos += 1
        t = self.peek()
        if t is None or t.kind != "NUM":
            self.unexpected(t, "before the number")
        following = self.peek(1)
        if following is not None and following.kind == "EN":
            amount = self.scale(t.text, _EN_UNITS[following.text])
            self.pos += 2
        elif following is not None and following.kind == "JA":
            amount = self.japanese()
        else:
            amount = self.scale(t.text, 0)
            self.pos += 1
        t = self.peek()
        if t is not None and t.kind == "YEN" and t.text in _YEN_SUFFIXES:
            if self.yen_marks:
                self.twice()
            self.yen_marks += 1
            self.pos += 1
        t = self.peek()
        if t is not None:
            self.unexpected(t, "after the amount")
        return sign * amount

    def japanese(self) -> int:
        """A compound such as 1兆2390億5000万 (then, optionally, plain yen written right after)."""
        amount = 0
        last: _Token | None = None
        fraction: str | None = None  # the last part, when it had a decimal point (1.5兆)
        while (t := self.peek()) is not None and t.kind == "NUM":
            unit = self.peek(1)
            if unit is not None and unit.kind == "JA":
                exp = _JA_UNITS[unit.text]
                if last is not None and exp >= _JA_UNITS[last.text]:
                    raise YenParseError(
                        f"{self.raw!r} has the unit {unit.text!r} after {last.text!r}; in a "
                        "compound amount such as '1兆2390億5000万円' each unit must be smaller "
                        "than the one before"
                    )
                part, shown, ends = self.scale(t.text, exp), t.text + unit.text, False
            elif last is not None and not t.spaced:  # plain yen right after the last unit
                part, shown, ends = self.scale(t.text, 0), t.text, True
            else:
                break
            if last is not None and fraction is not None:
                raise YenParseError(
                    f"{self.raw!r} has the fraction {fraction!r} followed by {shown!r}; write "
                    f"either the fraction alone ('{fraction}円') or whole parts "
                    "('1兆5000億円'), not both"
                )
            if last is not None and part >= 10 ** _JA_UNITS[last.text]:
                raise YenParseError(
                    f"{self.raw!r} has {shown!r} after {last.text!r}, which is not less than "
                    f"1{last.text}; expected a compound amount such as '1兆2390億5000万円'"
                )
            amount += part
            if ends:
                self.pos += 1
                break
            fraction = shown if "." in t.text else None
            last = unit
            self.pos += 2
        return amount

    def scale(self, number: str, exp: int) -> int:
        whole, decimals = self.parts[number]
        decimals = decimals.rstrip("0")
        if len(decimals) > exp:
            with localcontext(prec=2 * MAX_TEXT_LENGTH):
                exact = Decimal(f"{whole}.{decimals}").scaleb(exp)
            raise YenParseError(
                f"{self.raw!r} is a fractional number of yen ({exact:f} yen); expected a whole "
                "number of yen"
            )
        fraction = int(decimals) * 10 ** (exp - len(decimals)) if decimals else 0
        return int(whole) * 10**exp + fraction

    def twice(self) -> None:
        raise YenParseError(
            f"{self.raw!r} marks the currency twice; expected one of ¥ or JPY before the number, "
            "or yen, JPY or 円 after it"
        )

    def unexpected(self, token: _Token | None, where: str) -> None:
        if self.numbers > 1:
            raise YenParseError(
                f"{self.raw!r} contains more than one number; expected a single amount (record "
                "a range or alternatives as separate values)"
            )
        if token is None:
            raise YenParseError(f"{self.raw!r} ends before the number; expected {_EXPECTED}")
        if token.kind == "YEN" and self.yen_marks:
            self.twice()
        raise YenParseError(
            f"{self.raw!r} has {token.text!r} {where}, where it does not belong; "
            f"expected {_EXPECTED}"
        )


# ---------------------------------------------------------------------------------------------
# qualifiers


def _printed_forms(qualifier: str) -> tuple[str, ...]:
    return QUALIFIERS.get(qualifier, (qualifier,))


def _without_form(text: str, form: str) -> str | None:
    if form.isascii():
        return text[len(form) + 1 :] if text.startswith(form + " ") else None
    if text.startswith(form):
        return text[len(form) :]
    if text.endswith(form):
        return text[: -len(form)]
    return None


def strip_qualifier(text: str, qualifier: str) -> str | None:
    """``text`` without the printed form of ``qualifier``; None when the text does not carry it.

    The printed forms of each word are :data:`QUALIFIERS` (a word not listed there is printed
    as itself). English hedges open the text and are followed by a space; Japanese hedges open
    or close it. An empty qualifier leaves the text as it is.

    >>> strip_qualifier("about ¥1.5 trillion", "about")
    '¥1.5 trillion'
    >>> strip_qualifier("1.5兆円規模", "about"), strip_qualifier("over ¥2 trillion", "more than")
    ('1.5兆円', '¥2 trillion')
    >>> strip_qualifier("¥1.5 trillion", "about") is None
    True
    """
    if not qualifier:
        return text
    for form in _printed_forms(qualifier):
        bare = _without_form(text, form)
        if bare is not None:
            return bare
    return None


def split_qualifier(text: str) -> tuple[str, str]:
    """Split a figure's text into its qualifier word (of :data:`QUALIFIERS`) and the bare text.

    The qualifier is ``""`` when the text carries none of the printed forms. The longest
    matching form wins; the bare text is stripped of surrounding whitespace.

    >>> split_qualifier("about ¥1.5 trillion"), split_qualifier("1兆円超")
    (('about', '¥1.5 trillion'), ('more than', '1兆円'))
    >>> split_qualifier("最大1,000億円"), split_qualifier("¥387.3 billion")
    (('up to', '1,000億円'), ('', '¥387.3 billion'))
    """
    stripped = text.strip()
    forms = sorted(
        ((form, word) for word, printed in QUALIFIERS.items() for form in printed),
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
    for form, word in forms:
        bare = _without_form(stripped, form)
        if bare is not None:
            return word, bare.strip()
    return "", stripped


# ---------------------------------------------------------------------------------------------
# formatting


MAX_DIGITS = _MAX_DECIMAL_DIGITS
"""The most significant digits :func:`round_significant` and the formatters take."""


def _check_digits(digits: Any) -> int:
    if isinstance(digits, bool) or not isinstance(digits, int) or not 1 <= digits <= MAX_DIGITS:
        raise ValueError(
            f"digits must be an int >= 1 (significant digits); got {digits!r} "
            f"(at most {MAX_DIGITS} digits are kept)"
        )
    return digits


def _check_magnitude(value: Decimal, original: Any, what: str) -> None:
    """Refuse numbers too large (or too small) to write out in full."""
    if not value.is_zero() and abs(value.adjusted()) >= _MAX_DECIMAL_DIGITS:
        size = "large" if value.adjusted() > 0 else "small"
        raise ValueError(
            f"{what} {_describe(original)} is too {size} to write out (more than "
            f"{_MAX_DECIMAL_DIGITS} digits); expected a magnitude between "
            f"10^-{_MAX_DECIMAL_DIGITS} and 10^{_MAX_DECIMAL_DIGITS}"
        )


def round_significant(value: int | Decimal, digits: int, rounding: str = ROUND_HALF_UP) -> Any:
    """Round to ``digits`` significant digits: halves away from zero unless told otherwise.

    The one significant-digit rounding of the package. An ``int`` (NumPy integers too) gives an
    ``int``; a :class:`~decimal.Decimal` gives a ``Decimal`` whose exponent shows the digits
    kept. ``rounding`` is a :mod:`decimal` rounding mode (``ROUND_DOWN`` truncates). Exact
    arithmetic throughout. The int result is what :func:`format_yen` displays, so
    ``parse_yen(format_yen(x, digits=d)) == round_significant(x, d)``.

    >>> round_significant(387_300_000_000, 3), round_significant(999_600_000_000, 3)
    (387000000000, 1000000000000)
    >>> round_significant(-1_235, 3), round_significant(1_234, 6)
    (-1240, 1234)
    >>> round_significant(Decimal("3.7229"), 1), round_significant(Decimal("1239"), 3)
    (Decimal('4'), Decimal('1.24E+3'))
    >>> from decimal import ROUND_DOWN
    >>> round_significant(Decimal("1239"), 3, ROUND_DOWN), round_significant(1_239, 3, ROUND_DOWN)
    (Decimal('1.23E+3'), 1230)
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral | Decimal):
        raise TypeError(
            f"round_significant takes an int or Decimal; got {value!r} of type "
            f"{type(value).__name__}"
        )
    _check_digits(digits)
    exact = value if isinstance(value, Decimal) else Decimal(int(value))
    if not exact.is_finite():
        raise ValueError(f"round_significant needs a finite number; got {value!r}")
    if exact.is_zero():
        return value if isinstance(value, Decimal) else 0
    if isinstance(value, numbers.Integral) and exact.adjusted() < digits:
        return int(value)  # already within the digits: exact, whatever its size
    with localcontext(prec=digits + 1, Emax=MAX_EMAX, Emin=MIN_EMIN):
        rounded = exact.quantize(Decimal(1).scaleb(exact.adjusted() - digits + 1), rounding)
    return rounded if isinstance(value, Decimal) else int(rounded)


def _render(magnitude: Decimal, exp: int) -> str:
    """``magnitude / 10**exp`` with thousands commas and no trailing zeros after the point."""
    digits = len(magnitude.as_tuple().digits)
    with localcontext(prec=digits + 2, Emax=MAX_EMAX, Emin=MIN_EMIN):
        mantissa = magnitude.scaleb(-exp).normalize()
    return f"{mantissa:,f}"


_EN_SCALE = ((12, " trillion"), (9, " billion"), (6, " million"))
_JA_SCALE = ((12, "兆"), (8, "億"), (4, "万"))


def _scaled(magnitude: Decimal, scale: tuple[tuple[int, str], ...]) -> str:
    for exp, name in scale:
        if magnitude >= Decimal(10) ** exp:
            return _render(magnitude, exp) + name
    return _render(magnitude, 0)


def format_yen(amount: int | Decimal, *, lang: str = "en", digits: int = 3) -> str:
    """Write an amount of yen readably, rounded to ``digits`` significant digits.

    ``amount`` is an ``int`` (NumPy integers too) or a whole-valued ``Decimal``; a ``bool``,
    ``float``, text or other type raises ``TypeError`` (parse text with :func:`parse_yen`
    first); a fractional or non-finite ``Decimal`` raises ``ValueError``. The amount is rounded
    half away from zero (:func:`round_significant`) and the unit is chosen from the rounded
    value, so the unit moves up when rounding carries over.

    ``lang="en"``: trillion (10^12), billion (10^9), million (10^6), else plain yen with
    thousands commas. ``lang="ja"``: 兆 (10^12), 億 (10^8), 万 (10^4), then 円.

    >>> format_yen(1_239_000_000_000), format_yen(387_300_000_000), format_yen(999_600_000_000)
    ('¥1.24 trillion', '¥387 billion', '¥1 trillion')
    >>> format_yen(387_300_000_000, lang="ja"), format_yen(-5_000_000_000, lang="ja")
    ('3,870億円', '-50億円')
    >>> format_yen(1_239_000_000_000, lang="ja", digits=4), format_yen(950_000)
    ('1.239兆円', '¥950,000')
    """
    if isinstance(amount, bool) or not isinstance(amount, numbers.Integral | Decimal):
        raise TypeError(
            f"format_yen takes an int or Decimal amount of yen; got {amount!r} of type "
            f"{type(amount).__name__} (parse text with parse_yen first)"
        )
    if lang not in ("en", "ja"):
        raise ValueError(f"lang must be 'en' or 'ja'; got {lang!r}")
    _check_digits(digits)
    if isinstance(amount, numbers.Integral):
        whole = int(amount)
        _check_magnitude(Decimal(whole), amount, "format_yen: the amount")
    else:
        _check_magnitude(
            amount if amount.is_finite() else Decimal(0), amount, "format_yen: the amount"
        )
        whole = _whole_yen_from_decimal(amount)
    rounded = round_significant(whole, digits)
    sign = "-" if rounded < 0 else ""
    magnitude = Decimal(abs(rounded))
    if lang == "en":
        return f"{sign}¥{_scaled(magnitude, _EN_SCALE)}"
    text = _scaled(magnitude, _JA_SCALE)
    return f"{sign}{text}円"


def format_usd(amount: float | int | Decimal, digits: int = 3) -> str:
    """Write an amount of US dollars readably, rounded to ``digits`` significant digits.

    Same rules as :func:`format_yen` in English, with ``$``: trillion, billion, million, else
    plain dollars with thousands commas (and cents, if the rounded value has them). A float is
    read as it prints (``Decimal(repr(x))``), so ``7.945e9`` rounds half up to ``$7.95 billion``.
    NaN and infinity raise ``ValueError``; bools and other types raise ``TypeError``.

    >>> format_usd(7_936_512_345.6), format_usd(950_000), format_usd(-5e9)
    ('$7.94 billion', '$950,000', '-$5 billion')
    >>> format_usd(7.945e9)
    '$7.95 billion'
    """
    if isinstance(amount, bool) or not isinstance(amount, numbers.Real | Decimal):
        raise TypeError(
            f"format_usd takes a float, int or Decimal amount of US dollars; got {amount!r} of "
            f"type {type(amount).__name__}"
        )
    _check_digits(digits)
    if isinstance(amount, Decimal):
        value = amount
    elif isinstance(amount, numbers.Integral):
        value = Decimal(int(amount))
    else:
        number = float(amount)
        if not math.isfinite(number):
            raise ValueError(f"format_usd needs a finite amount; got {amount!r}")
        value = Decimal(repr(number))
    if not value.is_finite():
        raise ValueError(f"format_usd needs a finite amount; got {amount!r}")
    if value.is_zero():
        return "$0"
    _check_magnitude(value, amount, "format_usd: the amount")
    rounded = round_significant(value, digits)
    sign = "-" if rounded < 0 else ""
    return f"{sign}${_scaled(abs(rounded), _EN_SCALE)}"
