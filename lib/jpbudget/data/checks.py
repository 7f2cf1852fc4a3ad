"""The project's content checks, as Frictionless ``Check`` classes.

:func:`checklist` gives them to ``Package.validate`` inside :mod:`jpbudget.data`, and the
``frictionless_jpbudget`` plugin registers them by type for the command line, so that

    frictionless validate data/datapackage.json --checklist data/checklist.json

and :func:`jpbudget.data.validate` report the same problems. Each check sees the rows as
Frictionless typed them (``int``, ``Decimal``, ``date``, ``str``; ``None`` for an empty or
mistyped cell, which Frictionless reports itself) and writes its whole sentence into the error's
note; :func:`jpbudget.data.messages.describe` adds the file, row, key and field.

- :class:`FiniteNumbers`: numbers finite and within float64, integers within int64 (what the
  tables become in pandas);
- :class:`TextAgreesWithValue`: every stored value that has a text form is the number of its
  text (yen amounts through ``parse_yen``, dollars, multiples, percentages, shares, counts),
  and the text carries the row's qualifier;
- :class:`DatePrecision`: a month-only date is the first of its month, a year-only one 1 January;
- :class:`EnglishGloss`: a source title in Japanese script has its English gloss, in English.

The key and reference checks are in :mod:`.references`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation
from typing import Any, ClassVar

import attrs
from frictionless import Check, errors

from ..yen import YenParseError, parse_yen
from .vocabulary import DATE_PRECISION, HEDGE_FORMS, TEXT_AND_VALUE, strip_qualifier

_INT64 = (-(2**63), 2**63 - 1)
_FLOAT_MAX = Decimal("1.7976931348623157e308")
#: Relations of claims that read a statement (no number in its text) as a threshold: their
#: ``stated_value`` has no text form to check.
STATEMENT_RELATIONS = frozenset({"share-of-change", "regular-share"})
#: Measures of ``context-figures`` other than a yen amount, and the marks their text must carry.
_MEASURE_MARKS = {
    "share": ("%", " pct"),
    "percentage-change": ("%", " pct", "割"),
    "multiple": ("倍", "-fold", " times"),
    "count": ("",),
}
_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
        ]
    )
}
_SCALE = {"": 1, "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_USD = re.compile(r"(?:US)?\$\s?(\d[\d,]*(?:\.\d+)?)(?:\s(thousand|million|billion|trillion))?")
_MULTIPLE = re.compile(r"(\d+(?:\.\d+)?|[a-z]+)(?:\s?(?:times|x|×)|-fold|倍)")
_PERCENT = re.compile(r"([+-]?\d+(?:\.\d+)?)\s?(?:%|percent|pct)")
_JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff]")


def _error_class(name: str, title: str) -> type[errors.CellError]:
    return type(
        f"{title.replace(' ', '')}Error",
        (errors.CellError,),
        {"type": name, "title": title, "description": title, "template": "{note}"},
    )


class _RowCheck(Check):
    """A check of one row at a time, for the resources in ``resources`` (all when empty)."""

    resources: ClassVar[tuple[str, ...]] = ()
    Error: ClassVar[type[errors.CellError]]

    def applies(self) -> bool:
        return not self.resources or self.resource.name in self.resources

    def validate_row(self, row: Any) -> Iterator[errors.Error]:
        if self.applies():
            for field, note in self.problems(row):
                yield self.Error.from_row(row, note=note, field_name=field)

    def problems(self, row: Any) -> Iterator[tuple[str, str]]:  # pragma: no cover - abstract
        raise NotImplementedError


@attrs.define(kw_only=True, repr=False)
class FiniteNumbers(_RowCheck):
    """Numbers are finite and fit a float64; integers fit an int64 (pandas ``Int64``)."""

    type = "jpbudget-finite-numbers"
    Error = _error_class(type, "Number out of range")
    Errors: ClassVar[list[type[errors.Error]]] = [Error]

    def problems(self, row: Any) -> Iterator[tuple[str, str]]:
        for field in self.resource.schema.fields:
            value = row.get(field.name)
            if value is None:
                continue
            if field.type == "number" and (not value.is_finite() or abs(value) > _FLOAT_MAX):
                yield field.name, f"{value} is not a finite number; write the figure itself"
            elif field.type == "integer" and not _INT64[0] <= value <= _INT64[1]:
                yield field.name, f"{value} is outside the 64-bit integer range (±2^63)"


@attrs.define(kw_only=True, repr=False)
class TextAgreesWithValue(_RowCheck):
    """A figure's stored value is the number of its text, and the text carries its qualifier."""

    type = "jpbudget-text-value"
    Error = _error_class(type, "Text and value disagree")
    Errors: ClassVar[list[type[errors.Error]]] = [Error]
    resources = tuple(TEXT_AND_VALUE)

    def problems(self, row: Any) -> Iterator[tuple[str, str]]:
        text_field, value_fields = TEXT_AND_VALUE[self.resource.name]
        text = row.get(text_field)
        if text is None:
            return
        qualifier = row.get("qualifier") or ""
        bare = strip_qualifier(text, qualifier)
        if bare is None:
            forms = ", ".join(repr(f) for f in HEDGE_FORMS.get(qualifier, (qualifier,)))
            yield (
                text_field,
                (
                    f"{text!r} does not carry its qualifier {qualifier!r} (printed as {forms}, "
                    "opening the text, or closing it for a Japanese hedge)"
                ),
            )
            return
        if self.resource.name == "context-figures":
            yield from _context_problems(row, text, bare)
        elif self.resource.name == "claims":
            yield from _claim_problems(row, text, bare)
        else:
            yield from _yen_problems(row, text_field, value_fields[0], text, bare)


def _yen_problems(
    row: Any, text_field: str, value_field: str, text: str, bare: str
) -> Iterator[tuple[str, str]]:
    try:
        parsed = parse_yen(bare)
    except (YenParseError, ValueError) as exc:
        yield (
            text_field,
            (
                f"cannot read {text!r} as an amount ({exc}); put a hedge such as 'about' in the "
                "qualifier field"
            ),
        )
        return
    stored = row.get(value_field)
    if stored is None or parsed != stored:
        shown = "missing" if stored is None else f"{stored:,}"
        yield (
            value_field,
            (
                f"amount contradicts its text: {text_field} {text!r} is {parsed:,} yen but "
                f"{value_field} is {shown}"
            ),
        )


def _context_problems(row: Any, text: str, bare: str) -> Iterator[tuple[str, str]]:
    measure = row.get("measure")
    if measure is None:
        return
    if measure == "amount":
        yield from _yen_problems(row, "value_text", "amount_jpy", text, bare)
        if row.get("value") is not None:
            yield "value", "an amount keeps its yen in amount_jpy; leave value empty"
        return
    if row.get("amount_jpy") is not None:
        yield (
            "amount_jpy",
            (f"a {measure} is no yen amount; leave amount_jpy empty and put the number in value"),
        )
    # Japanese print: 49・5% (a middle dot for the decimal point), 4割 (tenths: 40%)
    numbers = _NUMBER.findall(re.sub(r"(?<=\d)・(?=\d)", ".", bare.replace(",", "")))
    marks = _MEASURE_MARKS.get(measure, ("",))
    if len(numbers) == 1 and "割" in bare:
        numbers = [str(Decimal(numbers[0]) * 10)]
    if len(numbers) != 1 or not any(m in bare for m in marks):
        expected = " or ".join(repr(m) for m in marks if m) or "a noun"
        yield (
            "value_text",
            (f"cannot read {text!r} as a {measure}: expected one number with {expected}"),
        )
        return
    value = row.get("value")
    if value is None or Decimal(numbers[0]) != value:
        shown = "missing" if value is None else str(value)
        yield (
            "value",
            (
                f"value contradicts its text: value_text {text!r} is {numbers[0]} but value is {shown}"
            ),
        )


def _claim_problems(row: Any, text: str, bare: str) -> Iterator[tuple[str, str]]:
    unit, relation = row.get("unit"), row.get("relation")
    if unit is None or relation in STATEMENT_RELATIONS:
        return
    if unit == "JPY":
        yield from _yen_problems(row, "stated_text", "stated_value", text, bare)
        return
    number = _claim_number(unit, bare)
    if number is None:
        yield (
            "stated_text",
            (
                f"cannot read {text!r} as a {unit} figure (expected "
                + {"USD": "'$7.9 billion'", "multiple": "'four times' or '3.7倍'"}.get(
                    unit, "'50%'"
                )
                + ")"
            ),
        )
        return
    stored = row.get("stated_value")
    if stored is None or number != stored:
        yield (
            "stated_value",
            (
                f"value contradicts its text: stated_text {text!r} is {_plain(number)} ({unit}) "
                f"but stated_value is {'missing' if stored is None else _plain(stored)}"
            ),
        )


def _plain(number: Decimal) -> str:
    """``7,900,000,000`` for Decimal('7.9E+9'), ``3.7`` for Decimal('3.70')."""
    return f"{number.normalize():,f}"


def _claim_number(unit: str, bare: str) -> Decimal | None:
    """The number a claim's text states in ``unit``; None when the text does not read so."""
    try:
        if unit == "USD" and (match := _USD.fullmatch(bare)):
            return Decimal(match[1].replace(",", "")) * _SCALE[match[2] or ""]
        if unit == "multiple" and (match := _MULTIPLE.fullmatch(bare)):
            word = match[1]
            return Decimal(_WORDS[word]) if word in _WORDS else Decimal(word)
        if unit == "percent" and (match := _PERCENT.fullmatch(bare)):
            return Decimal(match[1])
    except (InvalidOperation, KeyError):
        return None
    return None


@attrs.define(kw_only=True, repr=False)
class DatePrecision(_RowCheck):
    """A date known to the month is the first of its month; known to the year, 1 January."""

    type = "jpbudget-date-precision"
    Error = _error_class(type, "Date precision")
    Errors: ClassVar[list[type[errors.Error]]] = [Error]
    resources = tuple(DATE_PRECISION)

    def problems(self, row: Any) -> Iterator[tuple[str, str]]:
        date_field, precision_field = DATE_PRECISION[self.resource.name]
        date, precision = row.get(date_field), row.get(precision_field)
        if date is None or precision is None:
            return
        if (precision == "month" and date.day != 1) or (
            precision == "year" and (date.month, date.day) != (1, 1)
        ):
            yield (
                date_field,
                (
                    f"{date.isoformat()} is not the first day of its {precision}, though "
                    f"{precision_field} is {precision!r}; store the first day (the precision says "
                    "the rest is unknown)"
                ),
            )


@attrs.define(kw_only=True, repr=False)
class EnglishGloss(_RowCheck):
    """A title in Japanese script has an English gloss (``title_en``) written in English."""

    type = "jpbudget-english-gloss"
    Error = _error_class(type, "English gloss")
    Errors: ClassVar[list[type[errors.Error]]] = [Error]
    resources = ("sources",)

    def problems(self, row: Any) -> Iterator[tuple[str, str]]:
        title, gloss = row.get("title") or "", row.get("title_en") or ""
        if _JAPANESE.search(gloss):
            yield "title_en", f"the English gloss {gloss!r} is not in English"
        elif _JAPANESE.search(title) and not gloss:
            yield "title_en", f"the title {title!r} is in Japanese script: give its English gloss"
        elif gloss and not _JAPANESE.search(title):
            yield "title_en", "the title is already in English: leave title_en empty"
