"""Amounts written readably: significant-digit rounding (the one in the package) and units."""

from __future__ import annotations

import math
import numbers
from decimal import MAX_EMAX, MIN_EMIN, ROUND_HALF_UP, Decimal, localcontext
from typing import Any

from .parsing import describe, whole_yen_from_decimal
from .vocabulary import MAX_NUMBER_DIGITS

__all__ = ["MAX_DIGITS", "format_usd", "format_yen", "format_yen_exact", "round_significant"]


MAX_DIGITS = MAX_NUMBER_DIGITS
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
    if not value.is_zero() and abs(value.adjusted()) >= MAX_NUMBER_DIGITS:
        size = "large" if value.adjusted() > 0 else "small"
        raise ValueError(
            f"{what} {describe(original)} is too {size} to write out (more than "
            f"{MAX_NUMBER_DIGITS} digits); expected a magnitude between "
            f"10^-{MAX_NUMBER_DIGITS} and 10^{MAX_NUMBER_DIGITS}"
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


def _whole_yen(amount: Any, what: str) -> int:
    if isinstance(amount, bool) or not isinstance(amount, numbers.Integral | Decimal):
        raise TypeError(
            f"{what} takes an int or Decimal amount of yen; got {amount!r} of type "
            f"{type(amount).__name__} (parse text with parse_yen first)"
        )
    if isinstance(amount, numbers.Integral):
        _check_magnitude(Decimal(int(amount)), amount, f"{what}: the amount")
        return int(amount)
    _check_magnitude(amount if amount.is_finite() else Decimal(0), amount, f"{what}: the amount")
    return whole_yen_from_decimal(amount)


def format_yen(amount: int | Decimal, *, lang: str = "en", digits: int = 3) -> str:
    """Write an amount of yen readably, rounded to ``digits`` significant digits.

    ``amount`` is an ``int`` (NumPy integers too) or a whole-valued ``Decimal``; a ``bool``,
    ``float``, text or other type raises ``TypeError`` (parse text with :func:`parse_yen`
    first); a fractional or non-finite ``Decimal`` raises ``ValueError``. The amount is rounded
    half away from zero (:func:`round_significant`) and the unit is chosen from the rounded
    value, so the unit moves up when rounding carries over.

    ``lang="en"``: trillion (10^12), billion (10^9), million (10^6), else plain yen with
    thousands commas. ``lang="ja"``: 兆 (10^12), 億 (10^8), 万 (10^4), then 円.

    Why not Babel's ``format_compact_decimal`` (checked with Babel 2.18, locales ``en`` long and
    ``ja``): it counts fraction digits, not significant digits, and rounds half to even
    (1,225,000 -> "1.22 million"; here "¥1.23 million"); it picks the unit before rounding
    (999,999,999,999 -> "1000 billion", "10000億"; here "¥1 trillion", "1兆円"); it does not
    group digits ("3873億", "10000 trillion"; here "3,870億円", "¥10,000 trillion"); it writes
    "950 thousand" where an exact "¥950,000" is wanted, and 京 from 10^16, which
    :func:`parse_yen` does not read (``parse_yen(format_yen(x))`` must hold); its currency form writes
    "￥1.24兆" without 円. What would remain of it here is three unit words per language.

    >>> format_yen(1_239_000_000_000), format_yen(387_300_000_000), format_yen(999_600_000_000)
    ('¥1.24 trillion', '¥387 billion', '¥1 trillion')
    >>> format_yen(387_300_000_000, lang="ja"), format_yen(-5_000_000_000, lang="ja")
    ('3,870億円', '-50億円')
    >>> format_yen(1_239_000_000_000, lang="ja", digits=4), format_yen(950_000)
    ('1.239兆円', '¥950,000')
    """
    whole = _whole_yen(amount, "format_yen")
    if lang not in ("en", "ja"):
        raise ValueError(f"lang must be 'en' or 'ja'; got {lang!r}")
    _check_digits(digits)
    rounded = round_significant(whole, digits)
    sign = "-" if rounded < 0 else ""
    magnitude = Decimal(abs(rounded))
    if lang == "en":
        return f"{sign}¥{_scaled(magnitude, _EN_SCALE)}"
    text = _scaled(magnitude, _JA_SCALE)
    return f"{sign}{text}円"


def format_yen_exact(amount: int | Decimal, *, lang: str = "en") -> str:
    """Write an amount of yen with every digit it has: nothing is rounded away.

    Japanese (``lang="ja"``) as budget documents and newspapers print exact amounts: each of
    兆, 億 and 万 with its own digits, no commas, zero parts left out, then 円 (1兆2390億円,
    3873億円, 50億円, 1億5000円). English: the largest unit of :func:`format_yen` with as many
    significant digits as the amount has (at least three): "¥1.239 trillion", "¥387.3 billion".
    Both read back exactly: ``parse_yen(format_yen_exact(x, lang=...)) == x``. Same types and
    errors as :func:`format_yen`.

    >>> format_yen_exact(1_239_000_000_000, lang="ja"), format_yen_exact(387_300_000_000, lang="ja")
    ('1兆2390億円', '3873億円')
    >>> format_yen_exact(5_000_000_000, lang="ja"), format_yen_exact(-100_005_000, lang="ja")
    ('50億円', '-1億5000円')
    >>> format_yen_exact(1_239_000_000_000), format_yen_exact(906_200_000_000)
    ('¥1.239 trillion', '¥906.2 billion')
    """
    if lang not in ("en", "ja"):
        raise ValueError(f"lang must be 'en' or 'ja'; got {lang!r}")
    whole = _whole_yen(amount, "format_yen_exact")
    if lang == "en":
        digits = len(str(abs(whole)).rstrip("0")) or 1
        return format_yen(whole, digits=max(digits, 3))
    sign = "-" if whole < 0 else ""
    rest = abs(whole)
    parts = []
    for exp, name in _JA_SCALE:
        count, rest = divmod(rest, 10**exp)
        if count:
            parts.append(f"{count}{name}")
    if rest or not parts:
        parts.append(str(rest))
    return f"{sign}{''.join(parts)}円"


def format_usd(amount: float | int | Decimal, digits: int = 3, *, lang: str = "en") -> str:
    """Write an amount of US dollars readably, rounded to ``digits`` significant digits.

    Same rules as :func:`format_yen`, with ``$`` in English: trillion, billion, million, else
    plain dollars with thousands commas (and cents, if the rounded value has them); in Japanese
    (``lang="ja"``) 兆, 億, 万, then ドル, as Japanese newspapers write dollars (79億ドル). A
    float is read as it prints (``Decimal(repr(x))``), so ``7.945e9`` rounds half up to
    ``$7.95 billion``. NaN and infinity raise ``ValueError``; bools and other types raise
    ``TypeError``.

    >>> format_usd(7_936_512_345.6), format_usd(950_000), format_usd(-5e9)
    ('$7.94 billion', '$950,000', '-$5 billion')
    >>> format_usd(7.945e9)
    '$7.95 billion'
    >>> format_usd(7_936_512_345.6, 2, lang="ja"), format_usd(7_936_512_345.6, lang="ja")
    ('79億ドル', '79.4億ドル')
    """
    if lang not in ("en", "ja"):
        raise ValueError(f"lang must be 'en' or 'ja'; got {lang!r}")
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
        return "$0" if lang == "en" else "0ドル"
    _check_magnitude(value, amount, "format_usd: the amount")
    rounded = round_significant(value, digits)
    sign = "-" if rounded < 0 else ""
    if lang == "ja":
        return f"{sign}{_scaled(abs(rounded), _JA_SCALE)}ドル"
    return f"{sign}${_scaled(abs(rounded), _EN_SCALE)}"
