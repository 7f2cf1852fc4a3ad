"""Text of an amount as tokens: characters checked, kanji numerals read, words sorted.

One linear pass over NFKC-normalized text (no regular expressions), after the raw text's
characters were checked (:func:`check_characters`); :func:`check_words` then refuses, with a
specific message, what the words alone show is wrong (another currency, a qualifier, an unknown
unit word).
"""

from __future__ import annotations

import unicodedata
from typing import NamedTuple

from ..errors import YenParseError
from .vocabulary import (
    APPROX_SIGNS,
    CONNECTOR_WORDS,
    EN_UNITS,
    EXPECTED,
    FOLDED_FORMS,
    HEDGES_BY_FIRST_WORD,
    HEDGES_JA,
    JA_UNITS,
    KANJI_DIGITS,
    KANJI_NUMERALS,
    KANJI_POWERS,
    KNOWN_UNITS,
    NON_FINITE_WORDS,
    OTHER_CURRENCY_JA,
    OTHER_CURRENCY_WORDS,
    READ_NUMERALS,
    SIGNS,
    YEN_PREFIXES,
    YEN_SUFFIXES,
)


class Token(NamedTuple):
    kind: str  # NUM, SIGN, YEN, EN, JA, WORD, CUR, OTHER
    text: str
    spaced: bool  # whitespace stood right before it


def quote(text: str) -> str:
    """repr() of the text, shortened when it is too long to be worth printing in full."""
    if len(text) > 60:
        return f"{text[:40]!r}... ({len(text)} characters)"
    return repr(text)


def check_characters(raw: str, text: str) -> None:
    """Refuse digit-like characters other than the ones read, and compatibility forms.

    Budget documents write numbers with ASCII, full-width or kanji digits. A superscript
    (a footnote marker: ``"387.3¹ billion"``), a circled or parenthesized number, a fraction, a
    Roman numeral or another script's digit would otherwise be read as digits by NFKC, or be
    silently dropped: each is refused, quoted with its Unicode name. So is any other
    compatibility character NFKC would rewrite (``"5ᵐ"`` would read as ``"5m"``, 5 million),
    except full- and half-width forms and no-break spaces.
    """
    for ch in text:
        if ch in READ_NUMERALS:
            continue
        name = unicodedata.name(ch, f"U+{ord(ch):04X}")
        if unicodedata.numeric(ch, None) is not None or unicodedata.category(ch)[0] == "N":
            raise YenParseError(
                f"{quote(raw)} contains the digit-like character {ch!r} ({name}); only ASCII, "
                "full-width and kanji digits (〇一二三四五六七八九十百千) are read as digits, "
                "so a footnote marker, circled number or other script's digit is refused"
            )
        tag = unicodedata.decomposition(ch).partition(" ")[0]
        if tag.startswith("<") and tag not in FOLDED_FORMS:
            folded = unicodedata.normalize("NFKC", ch)
            raise YenParseError(
                f"{quote(raw)} contains the character {ch!r} ({name}), a {tag} form of "
                f"{folded!r}; write the plain character (or remove the mark)"
            )


def kanji_number(raw: str, run: str) -> str:
    """A run of kanji numerals as ASCII digits: positional (二〇二六) or with 十百千 (二千三百九十)."""

    def malformed() -> YenParseError:
        return YenParseError(
            f"{quote(raw)} has the malformed kanji number {run!r}; expected digits 〇 to 九 "
            "written positionally (二〇二六) or with 十, 百 and 千 in descending order "
            "(二千三百九十), such as '一兆二千三百九十億円'"
        )

    if not any(c in KANJI_POWERS for c in run):
        if len(run) > 1 and run[0] == "〇":
            raise malformed()
        return "".join(str(KANJI_DIGITS[c]) for c in run)
    total, digit, last_power = 0, None, 4
    for c in run:
        if c in KANJI_DIGITS:
            if digit is not None or c == "〇":
                raise malformed()
            digit = KANJI_DIGITS[c]
        else:
            power = KANJI_POWERS[c]
            if power >= last_power:
                raise malformed()
            total += (1 if digit is None else digit) * 10**power
            digit, last_power = None, power
    return str(total + (digit or 0))


def is_japanese_letter(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3040 <= code <= 0x30FF  # hiragana, katakana
        or 0x31F0 <= code <= 0x31FF
        or 0x3400 <= code <= 0x4DBF  # CJK extension A
        or 0x4E00 <= code <= 0x9FFF  # CJK unified ideographs
        or 0xF900 <= code <= 0xFAFF
        or code == 0x3005  # 々
    )


def tokenize(raw: str, text: str) -> list[Token]:
    """Split NFKC-normalized text into tokens in one linear pass (no regular expressions)."""
    tokens: list[Token] = []
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
            tokens.append(Token("NUM" if has_digit else "OTHER", run, spaced))
        elif ch in KANJI_NUMERALS:
            while i < n and text[i] in KANJI_NUMERALS:
                i += 1
            run = text[start:i]
            if tokens and tokens[-1].kind == "NUM" and not spaced:  # 5千万円: 千 is not a unit
                tokens.append(Token("WORD", run, spaced))
            else:
                tokens.append(Token("NUM", kanji_number(raw, run), spaced))
        elif ch in JA_UNITS:
            tokens.append(Token("JA", ch, spaced))
            i += 1
        elif ch == "円":
            tokens.append(Token("YEN", ch, spaced))
            i += 1
        elif is_japanese_letter(ch):
            while i < n and is_japanese_letter(text[i]) and text[i] not in JA_UNITS:
                if text[i] == "円" or text[i] in KANJI_NUMERALS:
                    break
                i += 1
            tokens.append(Token("WORD", text[start:i], spaced))
        elif ch.isalpha():
            while i < n and text[i].isalpha() and not is_japanese_letter(text[i]):
                i += 1
            word = text[start:i].lower()
            if word in EN_UNITS:
                kind = "EN"
            elif word in YEN_PREFIXES or word in YEN_SUFFIXES:
                kind = "YEN"
            else:
                kind = "WORD"
            tokens.append(Token(kind, word, spaced))
        elif ch == "¥":
            tokens.append(Token("YEN", ch, spaced))
            i += 1
        elif ch in SIGNS:
            tokens.append(Token("SIGN", ch, spaced))
            i += 1
        elif unicodedata.category(ch) == "Sc":
            tokens.append(Token("CUR", ch, spaced))
            i += 1
        else:
            tokens.append(Token("OTHER", ch, spaced))
            i += 1
        spaced = False
    return tokens


def check_words(raw: str, tokens: list[Token]) -> None:
    """Refuse, with a specific message, what the words and symbols alone show is wrong."""
    words = [t for t in tokens if t.kind == "WORD"]
    for t in words:
        if t.text in NON_FINITE_WORDS:
            raise YenParseError(
                f"{raw!r} is not a finite number (NaN or infinity); expected {EXPECTED}"
            )
    for t in tokens:
        if t.kind == "CUR":
            other_currency(raw, t.text)
        if t.kind == "WORD":
            if t.text in OTHER_CURRENCY_WORDS:
                other_currency(raw, t.text)
            for name in OTHER_CURRENCY_JA:
                if name in t.text:
                    other_currency(raw, name)
    qualifier = find_qualifier(tokens)
    if qualifier is not None:
        raise YenParseError(
            f"{raw!r} carries the qualifier {qualifier!r}; record the qualifier separately "
            "(e.g. in the `qualifier` field) and pass the bare amount, such as '¥1.23 trillion'"
        )
    if not any(t.kind == "NUM" for t in tokens):
        raise YenParseError(f"{raw!r} contains no number; expected {EXPECTED}")
    for t in words:
        if t.text not in CONNECTOR_WORDS:
            raise YenParseError(
                f"{raw!r} has the unknown unit word {t.text!r}; the known units are {KNOWN_UNITS}"
            )


def other_currency(raw: str, what: str) -> None:
    raise YenParseError(
        f"{raw!r} is an amount in another currency ({what!r}); expected yen, marked by ¥, JPY, "
        "yen or 円 (or no currency at all)"
    )


def find_qualifier(tokens: list[Token]) -> str | None:
    if tokens and tokens[0].kind == "OTHER" and tokens[0].text in APPROX_SIGNS:
        return tokens[0].text
    for i, t in enumerate(tokens):
        if t.kind != "WORD":
            continue
        if not t.text.isascii():
            for name in HEDGES_JA:
                if name in t.text:
                    return name
        for phrase in HEDGES_BY_FIRST_WORD.get(t.text, ()):
            following = tokens[i : i + len(phrase)]
            if [u.text for u in following if u.kind == "WORD"] == list(phrase):
                return " ".join(phrase)
    return None
