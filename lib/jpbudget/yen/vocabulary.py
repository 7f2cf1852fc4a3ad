"""The words and characters of amounts of yen, and the qualifier words (one list for all).

What :func:`~jpbudget.yen.parse_yen` reads (units, signs, currency marks, digits) and what it
refuses by name (other currencies, hedges), with :data:`QUALIFIERS`: the data's qualifier words
and how each may be printed in a figure's text, read by :func:`split_qualifier` and
:func:`strip_qualifier` here and by the parser, which refuses them inside an amount.
"""

from __future__ import annotations

__all__ = ["QUALIFIERS", "split_qualifier", "strip_qualifier"]

MAX_TEXT_LENGTH = 200
"""Longer text is refused before it is read (no amount of yen needs more)."""

MAX_NUMBER_DIGITS = 1000
"""Ints and Decimals of more digits are refused (the formatters refuse magnitudes beyond it)."""

EXPECTED = "an amount of yen such as '¥387.3 billion', 'JPY 150bn', '1兆2390億円' or '▲50億円'"

EN_UNITS: dict[str, int] = {
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
JA_UNITS: dict[str, int] = {"兆": 12, "億": 8, "万": 4}
KNOWN_UNITS = (
    "million/mn/m, billion/bn/b, trillion/tn/trn/t (in any case), 兆, 億 and 万, "
    "with the currency marked by ¥, JPY, yen or 円"
)

KANJI_DIGITS: dict[str, int] = {c: i for i, c in enumerate("〇一二三四五六七八九")}
KANJI_POWERS: dict[str, int] = {"十": 1, "百": 2, "千": 3}
KANJI_NUMERALS = frozenset(KANJI_DIGITS) | frozenset(KANJI_POWERS)
#: Every character with a numeric value that is read as part of a number (or a unit).
READ_NUMERALS = (
    frozenset("0123456789")
    | frozenset(chr(0xFF10 + i) for i in range(10))  # full-width ０-９
    | KANJI_NUMERALS
    | frozenset(JA_UNITS)
)
#: Compatibility forms that NFKC may fold into their plain form: full- and half-width forms
#: and no-break spaces. Any other folding (superscripts, circled or parenthesized numbers,
#: fractions, squared words, letter styles ...) would change what the text says.
FOLDED_FORMS = frozenset({"<wide>", "<narrow>", "<noBreak>"})

SIGNS: dict[str, int] = {"-": -1, "\u2212": -1, "▲": -1, "△": -1, "+": 1}
YEN_PREFIXES = frozenset({"¥", "jpy"})
YEN_SUFFIXES = frozenset({"yen", "jpy", "円"})
NON_FINITE_WORDS = frozenset({"nan", "snan", "inf", "infinity"})

OTHER_CURRENCY_WORDS = frozenset(
    {"usd", "us", "dollar", "dollars", "eur", "euro", "euros", "gbp", "pound", "pounds"}
    | {"sterling", "cny", "rmb", "yuan", "renminbi", "krw", "won", "chf", "franc", "francs"}
    | {"cad", "aud", "nzd", "hkd", "sgd", "twd", "nt", "inr", "rupee", "rupees"}
)
OTHER_CURRENCY_JA = ("ドル", "ユーロ", "ポンド", "元", "ウォン", "フラン", "ルピー")

#: The qualifier words of the data (the ``qualifier`` field) and how each may be printed in a
#: figure's text. English forms open the text ("about ¥1.5 trillion"); Japanese ones open or
#: close it (約1.5兆円, 1.5兆円規模); German, Korean and the EU's legal wording are printed in
#: the figures of other countries (bis zu, 약, maximum indicative amount of). The one list: :func:`split_qualifier`,
#: :func:`strip_qualifier` and :func:`parse_yen` (which refuses them) all read it.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "about": ("about", "roughly", "approximately", "約", "規模", "程度", "약"),
    "up to": ("up to", "最大", "bis zu", "maximum indicative amount of"),
    "more than": ("more than", "over", "超", "以上"),
}
#: Other hedges that may not stand in an amount either (they have no word in the data yet).
OTHER_HEDGES = (
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
HEDGES = tuple(dict.fromkeys([*(f for forms in QUALIFIERS.values() for f in forms), *OTHER_HEDGES]))
HEDGES_BY_FIRST_WORD: dict[str, list[tuple[str, ...]]] = {}
for _phrase in sorted((tuple(h.split()) for h in HEDGES if h.isascii()), key=len, reverse=True):
    HEDGES_BY_FIRST_WORD.setdefault(_phrase[0], []).append(_phrase)  # longest match first
del _phrase
HEDGES_JA = tuple(h for h in HEDGES if not h.isascii())
APPROX_SIGNS = frozenset({"~", "〜"})
CONNECTOR_WORDS = frozenset(
    {"or", "and", "to", "from", "between", "plus", "vs", "から", "または", "又は", "ないし"}
    | {"及び", "および", "と", "や", "か"}
)


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
