"""parse_yen on generated input: the exact amount of a well-formed text, else YenParseError.

Well-formed texts are written here from integers, independently of the parser (English units,
Japanese compounds in ASCII, full-width and kanji digits); anything else (arbitrary Unicode,
texts built from the characters amounts are made of, amounts with a digit-like character slipped
in) must either parse or raise YenParseError quoting the input, never another exception.
"""

import unicodedata
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st
from jpbudget.yen import YenParseError, format_usd, format_yen, parse_yen

AMOUNTS = st.integers(-(10**30), 10**30)
EN_UNITS = {0: [""], 6: ["million", "mn", "m"], 9: ["billion", "bn", "b"], 12: ["trillion", "tn"]}
KANJI_DIGITS = "〇一二三四五六七八九"
FULL_WIDTH = str.maketrans("0123456789,.", "０１２３４５６７８９，．")


def quoted(text: str, message: str) -> bool:
    """The message quotes the input (shortened to its first 40 characters when long)."""
    return repr(text) in message or repr(text[:40]) in message


def parses_or_refuses(text: str) -> None:
    try:
        result = parse_yen(text)
    except YenParseError as exc:
        assert quoted(text, str(exc)), str(exc)
    else:
        assert type(result) is int


# --- arbitrary input -----------------------------------------------------------------------


@given(st.text(max_size=60))
@example("387.3¹ billion")
@example("5²億円")
@example("㊿億円")
@example("1.5兆2000億円")
@example("5ᵐ")
def test_any_unicode_text_parses_or_is_refused_quoting_it(text):
    parses_or_refuses(text)


@given(st.text(max_size=300))
def test_long_text_is_refused_quoting_its_start(text):
    parses_or_refuses(text)


AMOUNT_CHARACTERS = st.sampled_from(
    [
        *"0123456789,. -+▲△−¥円兆億万千百十〇一二三九bnmilotrJPYyen約超~",
        *["billion", "trillion", " yen", "about ", "¹", "①", "٣", "０", "，", "\u3000", "ᵐ"],
    ]
)


@given(st.lists(AMOUNT_CHARACTERS, max_size=25).map("".join))
def test_text_made_of_amount_characters_parses_or_is_refused_quoting_it(text):
    parses_or_refuses(text)


@given(
    st.one_of(
        st.integers(),
        st.integers(min_value=10**990, max_value=10**1010),
        st.decimals(),
        st.floats(),
        st.booleans(),
        st.none(),
    )
)
def test_any_number_is_exact_yen_or_refused(value):
    try:
        result = parse_yen(value)
    except YenParseError:
        return
    assert type(result) is int
    assert Decimal(result) == value


@given(st.one_of(st.integers(), st.integers(min_value=10**995, max_value=10**5000), st.decimals()))
def test_formatting_any_amount_gives_text_or_a_value_error(value):
    for formatter in (format_yen, format_usd):
        try:
            assert isinstance(formatter(value), str)
        except ValueError as exc:  # YenParseError is a ValueError too
            assert "Exceeds the limit" not in str(exc)


# --- well-formed input, written from integers ------------------------------------------------


def english(amount: int, exp: int, unit: str, style: int) -> str:
    whole, fraction = divmod(abs(amount), 10**exp)
    number = f"{whole:,}" if style % 2 else str(whole)
    if fraction:
        number += "." + str(fraction).rjust(exp, "0").rstrip("0")
    sign = "-" if amount < 0 else ""
    spaced_unit = f" {unit}" if unit else ""
    return [
        f"{sign}¥{number}{spaced_unit}",
        f"{sign}JPY {number}{spaced_unit}",
        f"{sign}{number}{spaced_unit} yen",
        f"¥{sign}{number}{unit}",
    ][style]


@given(AMOUNTS, st.sampled_from(sorted(EN_UNITS)), st.data(), st.integers(0, 3))
def test_english_amounts_round_trip_exactly(amount, exp, data, style):
    unit = data.draw(st.sampled_from(EN_UNITS[exp]))
    text = english(amount, exp, unit, style)
    assert parse_yen(text) == amount, text


def kanji_group(n: int) -> str:
    """1 to 9999 in kanji numerals with 千, 百 and 十 (一 before them left out)."""
    out = ""
    for power, name in ((3, "千"), (2, "百"), (1, "十")):
        digit = n // 10**power % 10
        if digit:
            out += ("" if digit == 1 else KANJI_DIGITS[digit]) + name
    return out + (KANJI_DIGITS[n % 10] if n % 10 else "")


def japanese(groups: list[int], script: str) -> str:
    """Groups (兆, 億, 万, plain yen) as a compound amount; zero groups are left out."""
    parts = []
    for n, unit in zip(groups, ("兆", "億", "万", ""), strict=True):
        if not n:
            continue
        if script == "kanji":
            number = kanji_group(n) if n < 10_000 else "".join(KANJI_DIGITS[int(d)] for d in str(n))
        elif script == "full-width":
            number = str(n).translate(FULL_WIDTH)
        else:
            number = str(n)
        parts.append(number + unit)
    return "".join(parts) + "円"


@given(
    st.integers(0, 10**8),
    st.integers(0, 9999),
    st.integers(0, 9999),
    st.integers(0, 9999),
    st.sampled_from(["ascii", "full-width", "kanji"]),
    st.sampled_from(["", "-", "▲", "△"]),
)
def test_japanese_compounds_round_trip_exactly(cho, oku, man, en, script, sign):
    amount = cho * 10**12 + oku * 10**8 + man * 10**4 + en
    text = sign + japanese([cho, oku, man, en], script)
    if amount == 0:
        return
    assert parse_yen(text) == (-amount if sign else amount), text


@given(st.integers(1, 10**6), st.integers(1, 4), st.sampled_from(["兆", "億", "万"]))
def test_a_decimal_japanese_amount_is_exact(whole, places, unit):
    exp = {"兆": 12, "億": 8, "万": 4}[unit]
    digits = str(whole).rjust(places + 1, "0")
    text = f"{digits[:-places]}.{digits[-places:]}{unit}円"
    assert parse_yen(text) == whole * 10 ** (exp - places), text


# --- a digit-like character slipped into a well-formed amount --------------------------------

DIGIT_LIKE = st.characters(
    categories=["Nd", "No", "Nl"],
    exclude_characters="0123456789０１２３４５６７８９〇",
)


@given(AMOUNTS, st.integers(0, 3), DIGIT_LIKE, st.integers(0, 40))
def test_a_digit_like_character_anywhere_is_refused_and_named(amount, style, char, where):
    text = english(amount, 9, "billion", style)
    at = where % (len(text) + 1)
    spoiled = text[:at] + char + text[at:]
    try:
        parse_yen(spoiled)
    except YenParseError as exc:
        assert quoted(spoiled, str(exc))
        assert repr(char) in str(exc) or unicodedata.name(char, "") in str(exc)
    else:
        raise AssertionError(f"{spoiled!r} was read as an amount")
