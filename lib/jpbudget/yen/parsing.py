"""parse_yen: one exact whole number of yen from text, an int or a Decimal."""

from __future__ import annotations

import numbers
import unicodedata
from decimal import Decimal, localcontext
from typing import Any

from ..errors import YenParseError
from .tokens import Token, check_characters, check_words, quote, tokenize
from .vocabulary import (
    EN_UNITS,
    EXPECTED,
    JA_UNITS,
    MAX_NUMBER_DIGITS,
    MAX_TEXT_LENGTH,
    SIGNS,
    YEN_PREFIXES,
    YEN_SUFFIXES,
)

__all__ = ["parse_yen"]


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
        raise YenParseError(f"{value!r} is a bool, not an amount; expected {EXPECTED}")
    if isinstance(value, int):
        return _check_size(int(value), value)
    if isinstance(value, Decimal):
        return whole_yen_from_decimal(value)
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
        f"denoting {EXPECTED}"
    )


_TOO_LARGE = 10**MAX_NUMBER_DIGITS


def describe(value: Any) -> str:
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
            f"{describe(value)} is too large to be an amount of yen (more than "
            f"{MAX_NUMBER_DIGITS} digits); expected {EXPECTED}"
        )
    return number


def whole_yen_from_decimal(value: Decimal) -> int:
    if not value.is_finite():
        raise YenParseError(
            f"{value!r} is not a finite number (NaN or infinity); expected {EXPECTED}"
        )
    if value.adjusted() >= MAX_NUMBER_DIGITS:
        raise YenParseError(
            f"{describe(value)} is too large to be an amount of yen (more than "
            f"{MAX_NUMBER_DIGITS} digits); expected {EXPECTED}"
        )
    if value != value.to_integral_value():
        raise YenParseError(
            f"{describe(value)} is a fractional number of yen; expected a whole number of yen"
        )
    return int(value)


def _parse_text(raw: str) -> int:
    stripped = raw.strip()
    if not stripped:
        raise YenParseError(f"{raw!r} is empty or blank; expected {EXPECTED}")
    if len(stripped) > MAX_TEXT_LENGTH:
        raise YenParseError(
            f"{quote(raw)} is too long ({len(stripped)} characters; at most {MAX_TEXT_LENGTH}); "
            f"expected {EXPECTED}"
        )
    check_characters(raw, stripped)
    text = unicodedata.normalize("NFKC", stripped)
    if len(text) > MAX_TEXT_LENGTH:  # NFKC can expand some characters
        raise YenParseError(
            f"{quote(raw)} is too long once normalized ({len(text)} characters; at most "
            f"{MAX_TEXT_LENGTH}); expected {EXPECTED}"
        )
    tokens = tokenize(raw, text)
    check_words(raw, tokens)
    return _Reader(raw, tokens).read()


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

    def __init__(self, raw: str, tokens: list[Token]) -> None:
        self.raw = raw
        self.tokens = tokens
        self.pos = 0
        self.yen_marks = 0
        self.numbers = sum(t.kind == "NUM" for t in tokens)
        self.parts = {t.text: _split_number(raw, t.text) for t in tokens if t.kind == "NUM"}

    def peek(self, ahead: int = 0) -> Token | None:
        i = self.pos + ahead
        return self.tokens[i] if i < len(self.tokens) else None

    def read(self) -> int:
        sign, signed = 1, False
        while (t := self.peek()) is not None and (
            t.kind == "SIGN" or (t.kind == "YEN" and t.text in YEN_PREFIXES)
        ):
            if t.kind == "SIGN":
                if signed:
                    raise YenParseError(
                        f"{self.raw!r} has more than one sign; expected at most one of -, −, +, "
                        "▲ or △ before the number"
                    )
                sign, signed = SIGNS[t.text], True
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
            amount = self.scale(t.text, EN_UNITS[following.text])
            self.pos += 2
        elif following is not None and following.kind == "JA":
            amount = self.japanese()
        else:
            amount = self.scale(t.text, 0)
            self.pos += 1
        t = self.peek()
        if t is not None and t.kind == "YEN" and t.text in YEN_SUFFIXES:
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
        last: Token | None = None
        fraction: str | None = None  # the last part, when it had a decimal point (1.5兆)
        while (t := self.peek()) is not None and t.kind == "NUM":
            unit = self.peek(1)
            if unit is not None and unit.kind == "JA":
                exp = JA_UNITS[unit.text]
                if last is not None and exp >= JA_UNITS[last.text]:
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
            if last is not None and part >= 10 ** JA_UNITS[last.text]:
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

    def unexpected(self, token: Token | None, where: str) -> None:
        if self.numbers > 1:
            raise YenParseError(
                f"{self.raw!r} contains more than one number; expected a single amount (record "
                "a range or alternatives as separate values)"
            )
        if token is None:
            raise YenParseError(f"{self.raw!r} ends before the number; expected {EXPECTED}")
        if token.kind == "YEN" and self.yen_marks:
            self.twice()
        raise YenParseError(
            f"{self.raw!r} has {token.text!r} {where}, where it does not belong; "
            f"expected {EXPECTED}"
        )
