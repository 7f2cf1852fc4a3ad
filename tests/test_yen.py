"""Yen amounts: parsed exactly from the forms budget documents use, and formatted back readably."""

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

import numpy as np
import pytest
from hypothesis import example, given
from hypothesis import strategies as st
from jpbudget.yen import (
    MAX_TEXT_LENGTH,
    QUALIFIERS,
    YenParseError,
    format_usd,
    format_yen,
    parse_yen,
    round_significant,
    split_qualifier,
    strip_qualifier,
)

T = 10**12  # one trillion yen (1兆)
B = 10**9  # one billion yen
OKU = 10**8  # 1億
MAN = 10**4  # 1万


def cases(table):
    """pytest.param for each (input, expected) pair, with the input as its id."""
    return [pytest.param(text, expected, id=str(text)) for text, expected in table]


def raises(text, phrase):
    """The YenParseError message must quote the input (repr) and contain the key phrase."""
    return pytest.raises(YenParseError, match=re.escape(repr(text)) + ".*" + re.escape(phrase))


# --- accepted forms ------------------------------------------------------------------------

ENGLISH = [
    ("¥1.23 trillion", 1_230_000_000_000),
    ("¥ 387.3 billion", 387_300_000_000),
    ("JPY 150bn", 150_000_000_000),
    ("JPY150 billion", 150_000_000_000),
    ("150 billion yen", 150_000_000_000),
    ("¥5bn", 5_000_000_000),
    ("¥5 bn", 5_000_000_000),
    ("¥1.2tn", 1_200_000_000_000),
    ("¥250 million", 250_000_000),
    ("¥3,069.3 billion", 3_069_300_000_000),
    ("¥1,230,000,000,000", 1_230_000_000_000),
    ("1.5 trillion yen", 1_500_000_000_000),
    ("￥5bn", 5_000_000_000),
    ("150 billion JPY", 150_000_000_000),
    ("  ¥5bn  ", 5_000_000_000),
]


@pytest.mark.parametrize(("text", "expected"), cases(ENGLISH))
def test_english_forms(text, expected):
    assert parse_yen(text) == expected


UNITS = [
    ("¥5 million", 5 * 10**6),
    ("¥5 mn", 5 * 10**6),
    ("¥5m", 5 * 10**6),
    ("¥5 M", 5 * 10**6),
    ("¥5 billion", 5 * B),
    ("¥5 Billion", 5 * B),
    ("¥5 BN", 5 * B),
    ("¥5b", 5 * B),
    ("¥5 trillion", 5 * T),
    ("¥5 Trillion", 5 * T),
    ("¥5 tn", 5 * T),
    ("¥5 trn", 5 * T),
    ("¥5T", 5 * T),
]


@pytest.mark.parametrize(("text", "expected"), cases(UNITS))
def test_the_closed_set_of_english_units_in_any_case(text, expected):
    assert parse_yen(text) == expected


JAPANESE = [
    ("1.23兆円", 1_230_000_000_000),
    ("3,873億円", 387_300_000_000),
    ("1兆2390億円", 1_239_000_000_000),
    ("1兆2,390億円", 1_239_000_000_000),
    ("4000万円", 40_000_000),
    ("3873億", 387_300_000_000),
    ("5000円", 5_000),
    ("1兆2390億5000万円", 1_239_050_000_000),
    ("1兆5000万円", T + 5000 * MAN),
    ("1億5000円", OKU + 5000),
    ("1兆2390億5000万1234円", 1_239_050_001_234),
    ("¥3873億", 387_300_000_000),
]


@pytest.mark.parametrize(("text", "expected"), cases(JAPANESE))
def test_japanese_forms(text, expected):
    assert parse_yen(text) == expected


FULL_WIDTH = [
    ("１兆２３９０億円", 1_239_000_000_000),
    ("３，８７３億円", 387_300_000_000),
    ("１．２３兆円", 1_230_000_000_000),
    ("￥５ｂｎ", 5_000_000_000),
    ("－５０億円", -5_000_000_000),
    ("\u3000５０億円\u3000", 5_000_000_000),
]


@pytest.mark.parametrize(("text", "expected"), cases(FULL_WIDTH))
def test_full_width_digits_and_punctuation_are_normalized(text, expected):
    assert parse_yen(text) == expected


NEGATIVES = [
    ("-¥5 billion", -5 * B),
    ("\u2212¥5 billion", -5 * B),
    ("¥-5 billion", -5 * B),
    ("▲50億円", -50 * OKU),
    ("△50億円", -50 * OKU),
    ("-5,000円", -5_000),
    ("-JPY 5bn", -5 * B),
    ("+¥5bn", 5 * B),
    ("-0円", 0),
]


@pytest.mark.parametrize(("text", "expected"), cases(NEGATIVES))
def test_negative_amounts_as_budget_tables_write_them(text, expected):
    assert parse_yen(text) == expected


PLAIN_NUMBERS = [
    ("5000", 5_000),
    ("1,239,000,000,000", 1_239_000_000_000),
    ("0", 0),
    ("-42", -42),
    ("1.5 billion", 1_500_000_000),
]


@pytest.mark.parametrize(("text", "expected"), cases(PLAIN_NUMBERS))
def test_a_number_without_currency_is_taken_as_yen(text, expected):
    assert parse_yen(text) == expected


EXACT = [
    ("¥387.3 billion", 387_300_000_000),
    ("¥0.1 billion", 100_000_000),
    ("¥0.3 trillion", 300_000_000_000),
    ("1.239兆円", 1_239_000_000_000),
    ("¥1.234567890123 trillion", 1_234_567_890_123),
    ("¥5.000 billion", 5_000_000_000),
    ("1兆2390.5億円", 1_239_050_000_000),
    ("1.5万円", 15_000),
    ("1.00000001億円", 100_000_001),
]


@pytest.mark.parametrize(("text", "expected"), cases(EXACT))
def test_decimal_arithmetic_is_exact(text, expected):
    result = parse_yen(text)
    assert type(result) is int
    assert result == expected


def test_huge_amounts_are_exact_too():
    assert parse_yen("9" * 150 + " trillion") == int("9" * 150) * T


NUMBERS = [
    (5, 5),
    (-1_239_000_000_000, -1_239_000_000_000),
    (10**30, 10**30),
    (Decimal("5"), 5),
    (Decimal("5.000"), 5),
    (Decimal("3.873E+11"), 387_300_000_000),
    (Decimal("-0"), 0),
    (np.int64(5_000), 5_000),
]


@pytest.mark.parametrize(("value", "expected"), cases(NUMBERS))
def test_ints_and_whole_decimals_are_amounts_of_yen(value, expected):
    result = parse_yen(value)
    assert type(result) is int
    assert result == expected


# --- rejected input: each class with its own message -----------------------------------------


@pytest.mark.parametrize("text", ["", "   ", "\u3000", "\n\t"])
def test_empty_or_blank_text(text):
    with raises(text, "is empty or blank"):
        parse_yen(text)


@pytest.mark.parametrize("text", ["¥", "円", "billion", "億円", "-", "hello", "JPY"])
def test_text_without_a_number(text):
    with raises(text, "contains no number"):
        parse_yen(text)


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("¥5 bilion", "bilion"),
        ("¥5 thousand", "thousand"),
        ("¥5k", "k"),
        ("¥5 billions", "billions"),
        ("5千万円", "千"),
        ("5 gazillion yen", "gazillion"),
    ],
)
def test_unknown_unit_word_is_named_with_the_known_units(text, word):
    with raises(text, f"unknown unit word {word!r}") as info:
        parse_yen(text)
    assert "million/mn/m, billion/bn/b, trillion/tn/trn/t" in str(info.value)
    assert "兆, 億 and 万" in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "¥5 billion 6 billion",
        "5 or 6 billion",
        "5 to 6 billion",
        "between 5 and 6 billion",
        "5-6 billion",
        "¥5 billion, 6 billion",
        "1 000 000",
        "5億 6",  # plain yen after 億 must follow it directly
        "1億 5000円",
    ],
)
def test_more_than_one_number(text):
    with raises(text, "contains more than one number"):
        parse_yen(text)


@pytest.mark.parametrize(
    ("text", "detail"),
    [
        ("1,23,000", "bad digit grouping"),
        ("1,2345", "bad digit grouping"),
        (",100", "bad digit grouping"),
        ("1,000,00", "bad digit grouping"),
        ("¥1234,567", "bad digit grouping"),
        ("1.1.1", "more than one decimal point"),
        ("5.", "digits on both sides"),
        (".5 billion", "digits on both sides"),
        ("1.000,5", "comma after the decimal point"),
    ],
)
def test_malformed_numbers(text, detail):
    with raises(text, "malformed number") as info:
        parse_yen(text)
    assert detail in str(info.value)


@pytest.mark.parametrize(
    "text",
    [
        "$7.9 billion",
        "USD 5bn",
        "7.9 billion dollars",
        "US$5bn",
        "€5bn",
        "EUR 5bn",
        "£5bn",
        "5億ドル",
        "5億ユーロ",
        "5億米ドル",
        "5 billion euros",
        "＄7.9 billion",
    ],
)
def test_another_currency(text):
    with raises(text, "is an amount in another currency") as info:
        parse_yen(text)
    assert "expected yen" in str(info.value)


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("¥1.5", "(1.5 yen)"),
        ("0.5", "(0.5 yen)"),
        ("1.23456789012345 trillion", "(1234567890123.45 yen)"),
        ("1.00005万円", "(10000.5 yen)"),
        ("1億5000.5円", "(5000.5 yen)"),
    ],
)
def test_fractional_yen(text, shown):
    with raises(text, f"is a fractional number of yen {shown}") as info:
        parse_yen(text)
    assert "expected a whole number of yen" in str(info.value)


@pytest.mark.parametrize(
    "value", ["nan", "NaN", "inf", "-inf", "Infinity", "¥inf", "nan円"], ids=str
)
def test_nan_and_infinity_text(value):
    with raises(value, "is not a finite number"):
        parse_yen(value)


@pytest.mark.parametrize(
    "value", [Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"), Decimal("-Infinity")], ids=str
)
def test_nan_and_infinity_decimals(value):
    with raises(value, "is not a finite number"):
        parse_yen(value)


@pytest.mark.parametrize(
    ("text", "qualifier"),
    [
        ("about ¥1.23 trillion", "about"),
        ("up to ¥590 billion", "up to"),
        ("over ¥1 trillion", "over"),
        ("more than ¥10 trillion", "more than"),
        ("approximately ¥5bn", "approximately"),
        ("around ¥5bn", "around"),
        ("nearly ¥5bn", "nearly"),
        ("roughly ¥5bn", "roughly"),
        ("almost ¥5bn", "almost"),
        ("at least ¥5bn", "at least"),
        ("About ¥5bn", "about"),
        ("¥5bn or more", "or more"),
        ("~¥5bn", "~"),
        ("約1.5兆円", "約"),
        ("1兆円超", "超"),
        ("1兆円以上", "以上"),
        ("1兆円程度", "程度"),
        ("およそ1兆円", "およそ"),
        ("最大1兆円", "最大"),
        ("１兆円規模", "規模"),
    ],
)
def test_qualifiers_are_refused_and_belong_in_their_own_field(text, qualifier):
    with raises(text, f"carries the qualifier {qualifier!r}") as info:
        parse_yen(text)
    message = str(info.value)
    assert "record the qualifier separately (e.g. in the `qualifier` field)" in message
    assert "pass the bare amount" in message


@pytest.mark.parametrize(
    "text", ["1億2兆円", "5億6億円", "1万5億円"], ids=["億-then-兆", "億-twice", "万-then-億"]
)
def test_japanese_units_must_descend(text):
    with raises(text, "each unit must be smaller than the one before"):
        parse_yen(text)


@pytest.mark.parametrize("text", ["1兆12000億円", "1億10000万円", "1万10000円"])
def test_each_japanese_part_is_less_than_the_unit_before(text):
    with raises(text, "which is not less than"):
        parse_yen(text)


@pytest.mark.parametrize("text", ["¥5bn yen", "¥5000円", "¥ 5 billion JPY", "¥¥5bn", "JPY ¥5bn"])
def test_currency_marked_twice(text):
    with raises(text, "marks the currency twice"):
        parse_yen(text)


@pytest.mark.parametrize("text", ["--5", "-▲50億円", "¥-+5bn"])
def test_more_than_one_sign(text):
    with raises(text, "more than one sign"):
        parse_yen(text)


@pytest.mark.parametrize(
    ("text", "token"),
    [("¥5bn.", "."), ("5000¥", "¥"), ("from ¥5bn", "from"), ("(5,000)", "(")],
)
def test_stray_characters_and_words_are_named(text, token):
    with raises(text, f"{token!r}"):
        parse_yen(text)


def test_float_is_refused_because_it_is_not_exact():
    with raises(5e9, "floats are not exact; pass an int, a Decimal or text"):
        parse_yen(5e9)


@pytest.mark.parametrize("value", [True, False], ids=str)
def test_bool_is_not_an_amount(value):
    with raises(value, "is a bool"):
        parse_yen(value)


@pytest.mark.parametrize(
    ("value", "type_name"),
    [(None, "NoneType"), ([5], "list"), (b"5000", "bytes"), (object, "type")],
    ids=["None", "list", "bytes", "type"],
)
def test_other_types_are_named(value, type_name):
    with pytest.raises(YenParseError, match=f"has type {type_name}; expected text, an int or"):
        parse_yen(value)


def test_parse_errors_are_value_errors():
    with pytest.raises(ValueError):
        parse_yen(None)


@pytest.mark.parametrize("value", [Decimal("5.5"), Decimal("-0.001"), Decimal("1E-30")], ids=str)
def test_fractional_decimals(value):
    with raises(value, "is a fractional number of yen"):
        parse_yen(value)


def test_absurdly_large_decimal_is_refused_before_expanding():
    value = Decimal("1E+999999999")
    with raises(value, "is too large"):
        parse_yen(value)


def test_text_longer_than_the_limit_is_refused_early():
    text = "1" * (MAX_TEXT_LENGTH + 1)
    with pytest.raises(YenParseError, match=r"is too long \(201 characters; at most 200\)"):
        parse_yen(text)


HOSTILE = [
    "1" * 10_000,
    "1," * 5_000,
    "¥" + "1 " * 5_000,
    "兆" * 10_000,
    "1." * 5_000,
    "1" * 10_000 + "x",
    "a" * 10_000,
    "約" * 10_000,
    "-" * 10_000,
    "1兆" * 5_000,
    "up " * 3_000,
    # just under the length limit, so the tokenizer and reader run in full
    "1," * 99,
    "¥" + "1 " * 99,
    "兆" * 199,
    "1." * 99,
    "a" * 199,
    "約" * 199,
    "-" * 199,
    "1兆" * 99,
    "up " * 66,
    "1" * 150 + "," + "1" * 48,
]


@pytest.mark.parametrize("text", HOSTILE, ids=lambda t: f"{t[:6]!r}x{len(t)}")
def test_hostile_text_fails_promptly(text):
    for _ in range(100):  # catastrophic backtracking would make this loop visibly slow
        with pytest.raises(YenParseError):
            parse_yen(text)


def test_the_longest_allowed_number_is_read():
    assert parse_yen("1" * MAX_TEXT_LENGTH) == int("1" * MAX_TEXT_LENGTH)


# --- round_significant ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "digits", "expected"),
    [
        (387_300_000_000, 3, 387_000_000_000),
        (1_235, 3, 1_240),  # half rounds up ...
        (-1_235, 3, -1_240),  # ... away from zero
        (1_234_999, 4, 1_235_000),
        (999_600_000_000, 3, 1_000_000_000_000),
        (999_600_000_000, 4, 999_600_000_000),
        (42, 3, 42),
        (0, 1, 0),
        (5, 1, 5),
        (15, 1, 20),
    ],
)
def test_round_significant(amount, digits, expected):
    assert round_significant(amount, digits) == expected


def decimal_round_significant(amount: int, digits: int) -> int:
    """Reference: Decimal quantize with ROUND_HALF_UP."""
    if amount == 0:
        return 0
    value = Decimal(amount)
    step = Decimal(1).scaleb(value.adjusted() - digits + 1)
    return int(value.quantize(step, rounding=ROUND_HALF_UP))


@given(st.integers(-(10**25), 10**25), st.integers(1, 20))
def test_round_significant_agrees_with_decimal_half_up(amount, digits):
    assert round_significant(amount, digits) == decimal_round_significant(amount, digits)


@pytest.mark.parametrize("digits", [0, -1, 1.5, "3", True, None], ids=repr)
def test_round_significant_needs_a_positive_int_of_digits(digits):
    with pytest.raises(ValueError, match="digits must be an int >= 1"):
        round_significant(5, digits)


# --- format_yen ----------------------------------------------------------------------------

FORMAT_EN = [
    (1_239_000_000_000, "¥1.24 trillion"),
    (387_300_000_000, "¥387 billion"),
    (5_000_000_000, "¥5 billion"),
    (1_500_000_000_000, "¥1.5 trillion"),
    (999_600_000_000, "¥1 trillion"),  # the unit moves up after rounding
    (-5_000_000_000, "-¥5 billion"),
    (1_500_000_000_000_000, "¥1,500 trillion"),
    (40_000_000, "¥40 million"),
    (950_000, "¥950,000"),
    (123_456, "¥123,000"),
    (999_999, "¥1 million"),
    (42, "¥42"),
    (0, "¥0"),
    (Decimal("3.873E+11"), "¥387 billion"),
]


@pytest.mark.parametrize(("amount", "expected"), cases(FORMAT_EN))
def test_format_yen_english(amount, expected):
    assert format_yen(amount) == expected


FORMAT_JA = [
    (1_239_000_000_000, "1.24兆円"),
    (387_300_000_000, "3,870億円"),
    (5_000_000_000, "50億円"),
    (40_000_000, "4,000万円"),
    (-5_000_000_000, "-50億円"),
    (999_600_000_000, "1兆円"),
    (950_000, "95万円"),
    (9_500, "9,500円"),
    (0, "0円"),
    (15_000 * T, "15,000兆円"),
]


@pytest.mark.parametrize(("amount", "expected"), cases(FORMAT_JA))
def test_format_yen_japanese(amount, expected):
    assert format_yen(amount, lang="ja") == expected


@pytest.mark.parametrize(
    ("amount", "lang", "digits", "expected"),
    [
        (1_239_000_000_000, "ja", 4, "1.239兆円"),
        (387_300_000_000, "ja", 4, "3,873億円"),
        (387_300_000_000, "en", 4, "¥387.3 billion"),
        (1_239_050_000_000, "en", 6, "¥1.23905 trillion"),
        (1_239_000_000_000, "en", 1, "¥1 trillion"),
        (123_456, "ja", 6, "12.3456万円"),
    ],
)
def test_format_yen_digits(amount, lang, digits, expected):
    assert format_yen(amount, lang=lang, digits=digits) == expected


@pytest.mark.parametrize("lang", ["fr", "EN", "", None], ids=repr)
def test_format_yen_names_a_bad_lang_and_the_allowed_ones(lang):
    with pytest.raises(ValueError, match=re.escape(f"lang must be 'en' or 'ja'; got {lang!r}")):
        format_yen(5, lang=lang)


@pytest.mark.parametrize("digits", [0, -3, 2.0, "3", True], ids=repr)
def test_format_yen_names_bad_digits(digits):
    with pytest.raises(
        ValueError,
        match=re.escape(f"digits must be an int >= 1 (significant digits); got {digits!r}"),
    ):
        format_yen(5, digits=digits)


@pytest.mark.parametrize("amount", [5e9, True, "¥5bn", None], ids=repr)
def test_format_yen_takes_only_int_or_decimal(amount):
    with pytest.raises(TypeError, match="format_yen takes an int or Decimal amount of yen"):
        format_yen(amount)


@pytest.mark.parametrize(
    ("amount", "phrase"),
    [(Decimal("5.5"), "fractional"), (Decimal("NaN"), "not a finite number")],
    ids=["fractional", "nan"],
)
def test_format_yen_refuses_decimals_that_are_not_whole_yen(amount, phrase):
    with pytest.raises(ValueError, match=phrase):
        format_yen(amount)


# --- format_usd ----------------------------------------------------------------------------

FORMAT_USD = [
    (7_940_000_000.0, "$7.94 billion"),
    (7_936_512_345.6, "$7.94 billion"),
    (950_000, "$950,000"),
    (-5e9, "-$5 billion"),
    (7.945e9, "$7.95 billion"),  # half up as printed, although the float is 7944999999.99...
    (Decimal("7.945E+9"), "$7.95 billion"),
    (1.5e12, "$1.5 trillion"),
    (999_999_999, "$1 billion"),
    (2_500_000, "$2.5 million"),
    (950.55, "$951"),
    (0.0001234, "$0.000123"),
    (0, "$0"),
    (-0.0, "$0"),
    (np.float64(7.94e9), "$7.94 billion"),
]


@pytest.mark.parametrize(("amount", "expected"), cases(FORMAT_USD))
def test_format_usd(amount, expected):
    assert format_usd(amount) == expected


def test_format_usd_digits():
    assert format_usd(7_936_512_345.6, digits=6) == "$7.93651 billion"
    assert format_usd(950.55, 5) == "$950.55"


@pytest.mark.parametrize(
    "amount",
    [float("nan"), float("inf"), -float("inf"), Decimal("NaN"), Decimal("-Infinity")],
    ids=repr,
)
def test_format_usd_refuses_nan_and_infinity(amount):
    with pytest.raises(ValueError, match="format_usd needs a finite amount"):
        format_usd(amount)


@pytest.mark.parametrize("amount", [True, "$5bn", None], ids=repr)
def test_format_usd_refuses_other_types(amount):
    with pytest.raises(TypeError, match="format_usd takes a float, int or Decimal"):
        format_usd(amount)


def test_format_usd_names_bad_digits():
    with pytest.raises(ValueError, match="digits must be an int >= 1"):
        format_usd(5.0, digits=0)


# --- properties ----------------------------------------------------------------------------

WIDE = st.integers(-(10**16), 10**16)


@given(WIDE, st.integers(1, 6), st.sampled_from(["en", "ja"]))
@example(999_600_000_000, 3, "en")
@example(999_950, 4, "ja")
@example(-1_235, 3, "en")
def test_parse_of_format_is_the_amount_rounded(amount, digits, lang):
    text = format_yen(amount, lang=lang, digits=digits)
    assert parse_yen(text) == round_significant(amount, digits)


@given(st.integers(-(10**30), 10**30), st.sampled_from(["en", "ja"]))
def test_round_trip_is_exact_with_enough_digits(amount, lang):
    assert parse_yen(format_yen(amount, lang=lang, digits=31)) == amount


@given(st.integers(-(10**30), 10**30))
def test_parse_of_a_plain_integer(amount):
    assert parse_yen(str(amount)) == amount


@given(st.integers(-(10**30), 10**30))
def test_parse_of_grouped_integers_with_yen_markers(amount):
    assert parse_yen(f"{amount:,}円") == amount
    assert parse_yen(f"¥{amount:,}") == amount
    assert parse_yen(f"{amount:,} yen") == amount
    assert parse_yen(f"JPY {amount:,}") == amount


@given(st.integers(0, 10**16))
def test_parse_of_full_width_text(amount):
    full_width = f"{amount:,}円".translate(str.maketrans("0123456789,", "０１２３４５６７８９，"))
    assert parse_yen(full_width) == amount


@given(st.integers(0, 9999), st.integers(0, 9999), st.integers(0, 9999), st.integers(0, 9999))
def test_parse_of_japanese_compounds(cho, oku, man, en):
    parts = [(cho, "兆"), (oku, "億"), (man, "万"), (en, "")]
    text = "".join(f"{n}{unit}" for n, unit in parts if n) + "円"
    expected = cho * T + oku * OKU + man * MAN + en
    if expected == 0:
        return
    assert parse_yen(text) == expected
    assert parse_yen("▲" + text) == -expected


@given(st.decimals(allow_nan=False, allow_infinity=False, places=1, min_value=0, max_value=10**6))
def test_decimal_billions_are_exact(amount):
    assert parse_yen(f"¥{amount} billion") == int(amount * B)


@given(st.text(max_size=40))
def test_any_text_parses_or_raises_yen_parse_error(text):
    try:
        result = parse_yen(text)
    except YenParseError:
        return
    assert type(result) is int


# --- digits budget documents use, and nothing else -----------------------------------------


@pytest.mark.parametrize(
    ("text", "char"),
    [
        ("387.3¹ billion", "¹"),  # a footnote marker, not the digit 1
        ("5²億円", "²"),
        ("㊿億円", "㊿"),
        ("①億円", "①"),
        ("⑴億円", "⑴"),
        ("½億円", "½"),
        ("٣億円", "٣"),  # Arabic-Indic three
        ("१०億円", "१"),  # Devanagari one
        ("𝟓億円", "𝟓"),  # mathematical bold five
        ("5ⅿ", "ⅿ"),  # small Roman numeral one thousand (NFKC would make it "m")
        ("Ⅻ億円", "Ⅻ"),
        ("壱億円", "壱"),  # formal numeral: not a form budget documents use
    ],
)
def test_digit_like_characters_are_refused_and_quoted(text, char):
    with raises(text, f"digit-like character {char!r}"):
        parse_yen(text)


@pytest.mark.parametrize(
    ("text", "char"),
    [("5ᵐ", "ᵐ"), ("5 𝐛𝐧", "𝐛"), ("¥5ᵇⁿ", "ᵇ")],
)
def test_compatibility_letters_are_not_folded_into_units(text, char):
    # NFKC would read "5ᵐ" as "5m" (5 million)
    with raises(text, f"the character {char!r}"):
        parse_yen(text)


KANJI = [
    ("一兆二千三百九十億円", 1 * T + 2390 * OKU),
    ("二〇億円", 20 * OKU),
    ("百億円", 100 * OKU),
    ("千五百億円", 1500 * OKU),
    ("三千八百七十三億円", 3873 * OKU),
    ("▲五十億円", -50 * OKU),
    ("九千九百九十九万九千九百九十九円", 99_999_999),
    ("一兆2390億円", 1 * T + 2390 * OKU),
]


@pytest.mark.parametrize(("text", "expected"), cases(KANJI))
def test_kanji_numerals(text, expected):
    assert parse_yen(text) == expected


@pytest.mark.parametrize("text", ["二二千億円", "千千億円", "百千億円", "〇五億円", "十〇億円"])
def test_malformed_kanji_numbers(text):
    with raises(text, "malformed kanji number"):
        parse_yen(text)


@pytest.mark.parametrize(
    ("text", "fraction"),
    [
        ("1.5兆2000億円", "1.5兆"),
        ("1.5億5000万円", "1.5億"),
        ("1.5億5000円", "1.5億"),
        ("0.5兆1億円", "0.5兆"),
    ],
)
def test_a_fraction_followed_by_a_smaller_unit_is_malformed(text, fraction):
    with raises(text, f"has the fraction {fraction!r} followed by"):
        parse_yen(text)


def test_a_fraction_in_the_last_part_is_read():
    assert parse_yen("1兆2390.5億円") == T + 2390 * OKU + 5000 * MAN


# --- sizes no amount has -------------------------------------------------------------------


def test_an_int_of_thousands_of_digits_is_refused_by_name():
    with raises_plain(YenParseError, "1.000e+4300 (an int of 4301 digits) is too large"):
        parse_yen(10**4300)


@pytest.mark.parametrize("formatter", [format_yen, format_usd], ids=lambda f: f.__name__)
def test_formatting_an_int_too_large_to_print_names_it(formatter):
    with raises_plain(ValueError, "1.000e+4300 (an int of 4301 digits) is too large to write out"):
        formatter(10**4300)


@pytest.mark.parametrize("formatter", [format_yen, format_usd], ids=lambda f: f.__name__)
def test_formatting_a_decimal_of_huge_exponent_names_it(formatter):
    with raises_plain(ValueError, "Decimal('1E+999999999') is too large to write out"):
        formatter(Decimal("1E+999999999"))


def test_format_usd_names_an_amount_too_small_to_write():
    with raises_plain(ValueError, "Decimal('1E-999999') is too small to write out"):
        format_usd(Decimal("1E-999999"))


def test_amounts_of_a_thousand_digits_are_still_written_exactly():
    amount = 10**999 + 1  # 10**987 + 10**-12 trillion
    assert format_yen(amount, digits=1000) == f"¥{10**987:,}.000000000001 trillion"


@pytest.mark.parametrize("formatter", [format_yen, format_usd], ids=lambda f: f.__name__)
def test_absurd_digits_are_refused_by_name(formatter):
    with raises_plain(ValueError, f"got {10**20} (at most 1000 digits are kept)"):
        formatter(5, digits=10**20)


def raises_plain(kind, phrase):
    return pytest.raises(kind, match=re.escape(phrase))


# --- round_significant on Decimals (the one significant-digit rounding) ---------------------


@pytest.mark.parametrize(
    ("value", "digits", "rounding", "expected"),
    [
        (Decimal("3.7229"), 1, ROUND_HALF_UP, Decimal("4")),
        (Decimal("1239"), 3, ROUND_HALF_UP, Decimal("1.24E+3")),
        (Decimal("1239"), 3, ROUND_DOWN, Decimal("1.23E+3")),
        (Decimal("-0.0125"), 2, ROUND_HALF_UP, Decimal("-0.013")),
        (Decimal("999.6"), 3, ROUND_HALF_UP, Decimal("1000")),  # the exponent of 999.6 at 3 digits
        (Decimal("0"), 3, ROUND_HALF_UP, Decimal("0")),
        (1_239, 3, ROUND_DOWN, 1_230),
    ],
)
def test_round_significant_decimals_and_rounding_modes(value, digits, rounding, expected):
    result = round_significant(value, digits, rounding)
    assert result == expected
    assert type(result) is type(expected)
    assert str(result) == str(expected)


def test_round_significant_is_exact_beyond_the_printable_int_size():
    assert round_significant(15 * 10**5000, 1) == 2 * 10**5001


@pytest.mark.parametrize("value", [Decimal("NaN"), Decimal("-Infinity")], ids=str)
def test_round_significant_refuses_non_finite_decimals(value):
    with pytest.raises(ValueError, match="round_significant needs a finite number"):
        round_significant(value, 3)


@pytest.mark.parametrize("value", [1.5, "12", None, True], ids=repr)
def test_round_significant_takes_only_int_or_decimal(value):
    with pytest.raises(TypeError, match="round_significant takes an int or Decimal"):
        round_significant(value, 3)


# --- qualifiers (one list, for the data and the parser) ------------------------------------

SPLIT = [
    ("about ¥1.5 trillion", ("about", "¥1.5 trillion")),
    ("roughly ¥1.5 trillion", ("about", "¥1.5 trillion")),
    ("約1.5兆円", ("about", "1.5兆円")),
    ("1.5兆円規模", ("about", "1.5兆円")),
    ("6300億円程度", ("about", "6300億円")),
    ("up to ¥920 billion", ("up to", "¥920 billion")),
    ("最大9200億円", ("up to", "9200億円")),
    ("more than ¥10 trillion", ("more than", "¥10 trillion")),
    ("over ¥10 trillion", ("more than", "¥10 trillion")),
    ("10兆円超", ("more than", "10兆円")),
    ("10兆円以上", ("more than", "10兆円")),
    ("¥387.3 billion", ("", "¥387.3 billion")),
    ("overall ¥5bn", ("", "overall ¥5bn")),  # an English form is a whole word
]


@pytest.mark.parametrize(("text", "expected"), cases(SPLIT))
def test_split_qualifier(text, expected):
    assert split_qualifier(text) == expected


@pytest.mark.parametrize(("text", "expected"), cases(SPLIT))
def test_strip_qualifier_agrees_with_split_qualifier(text, expected):
    qualifier, bare = expected
    assert strip_qualifier(text, qualifier) == bare


def test_strip_qualifier_is_none_when_the_text_does_not_carry_it():
    assert strip_qualifier("¥1.5 trillion", "about") is None
    assert strip_qualifier("about ¥1.5 trillion", "up to") is None


def test_a_qualifier_word_without_listed_forms_is_printed_as_itself():
    assert strip_qualifier("plan ¥5bn", "plan") == "¥5bn"


@pytest.mark.parametrize("form", [form for forms in QUALIFIERS.values() for form in forms], ids=str)
def test_every_printed_qualifier_is_refused_inside_an_amount(form):
    text = f"{form} ¥5bn" if form.isascii() else f"{form}50億円"
    with raises(text, "carries the qualifier"):
        parse_yen(text)
