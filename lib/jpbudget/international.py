"""Figures from abroad: chip programmes, company awards and GDP, each in its own currency.

Three resources of the data package (``data/datapackage.json``) hold them:
``international-programmes`` (national programmes and company awards abroad),
``gdp`` (nominal GDP as printed) and ``mof-peer-comparison`` (the Ministry of Finance's own
international comparison, as printed). Frictionless checks their types, vocabularies, keys and
sources through :func:`jpbudget.data.validate`; :func:`load` adds what it cannot express and
raises :class:`DataValidationError` naming file, row, key and field:

- the text against the value: :func:`parse_amount` of ``amount_text`` (its qualifier removed)
  equals ``amount`` in the row's own currency, and ``share_text`` equals ``share_percent``;
- ``within`` names a programme of the same country, and ``period_end`` is not before
  ``period_start``.

:func:`parse_amount` reads an amount the way the sources print it in their own language
(``$7.86B``, ``527億ドル``, ``9,9 Milliarden Euro``, ``33조원``, ``NT$300 billion``,
``Rs 76,000 crore``): it removes the currency's marks, turns the local unit words into those
:func:`jpbudget.yen.parse_yen` reads and lets that exact parser read the number. It never
converts between currencies.

>>> parse_amount("527億ドル", "USD"), parse_amount("9,9 Milliarden Euro", "EUR")
(52700000000, 9900000000)
>>> parse_amount("2549조1000억원", "KRW"), parse_amount("Rs 76,000 crore", "INR")
(2549100000000000, 760000000000)
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation
from pathlib import Path

import pandas as pd

from . import data
from .errors import DataValidationError
from .paths import data_dir as _default_data_dir
from .yen import YenParseError, parse_yen, strip_qualifier

__all__ = ["RESOURCES", "load", "parse_amount"]

#: The resources this module loads, in the order of ``datapackage.json``.
RESOURCES = ("international-programmes", "gdp", "mof-peer-comparison")

#: Marks of each currency as the sources print them: (before the number, after it).
CURRENCY_MARKS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "USD": (("US$", "USD ", "$"), (" dollars", "ドル", "달러")),
    "EUR": (("EUR ", "€"), (" Euro", " EUR", " euros", "ユーロ")),
    "KRW": (("KRW ", "₩"), (" won", "원")),
    "TWD": (("NT$", "TWD "), ("元",)),
    "CNY": (("RMB ", "CNY "), (" yuan", "元")),
    "INR": (("Rs ", "Rs. ", "₹", "INR "), ()),
    "GBP": (("£", "GBP "), (" pounds", "ポンド")),
}
#: Local unit words and the words :func:`parse_yen` reads for them.
_UNIT_WORDS = (
    (" Milliarden", " billion"),
    (" Mrd.", " billion"),
    (" Billionen", " trillion"),
    (" Millionen", " million"),
    ("조", "兆"),
    ("억", "億"),
    ("만", "万"),
    ("亿", "億"),
)
_GERMAN = re.compile(r"^(\d{1,3}(?: \d{3})*)(?:,(\d+))?( (?:billion|trillion|million))$")
_INDIAN = re.compile(r"^(\d[\d,]*(?:\.\d+)?) (lakh crore|crore|lakh)$")
_INDIAN_UNITS = {"lakh crore": 10**12, "crore": 10**7, "lakh": 10**5}
_SHARE = re.compile(r"^(\d+(?:\.\d+)?)%$")


def parse_amount(text: str, currency: str) -> int:
    """The whole number of ``currency`` units printed in ``text`` (no qualifier in it).

    Raises ``ValueError`` quoting the text and naming the currency when the text is not one
    amount of that currency.

    >>> parse_amount("up to $7.86B", "USD")
    Traceback (most recent call last):
    ...
    ValueError: cannot read 'up to $7.86B' as an amount of USD: ...
    """
    if currency == "JPY":
        return _parse_yen(text, text, currency)
    if currency not in CURRENCY_MARKS:
        raise ValueError(
            f"cannot read {text!r}: unknown currency {currency!r}; expected one of JPY, "
            + ", ".join(CURRENCY_MARKS)
        )
    before, after = CURRENCY_MARKS[currency]
    bare = text.strip()
    found = False
    for mark in before:
        if bare.startswith(mark):
            bare, found = bare[len(mark) :].strip(), True
            break
    for mark in after:
        if bare.endswith(mark):
            bare, found = bare[: -len(mark)].strip(), True
            break
    if not found:
        raise ValueError(
            f"cannot read {text!r} as an amount of {currency}: it carries none of the "
            f"currency's marks ({', '.join(m.strip() for m in (*before, *after))})"
        )
    indian = _INDIAN.match(bare)
    if indian:
        try:
            value = Decimal(indian[1].replace(",", "")) * _INDIAN_UNITS[indian[2]]
        except InvalidOperation as exc:  # pragma: no cover - the pattern admits only digits
            raise ValueError(f"cannot read {text!r} as an amount of {currency}") from exc
        if value != value.to_integral_value():
            raise ValueError(f"cannot read {text!r} as an amount of {currency}: not whole units")
        return int(value)
    for local, word in _UNIT_WORDS:
        bare = bare.replace(local, word)
    german = _GERMAN.match(bare)
    if german and ("," in text or " Mrd." in text or "Milliarden" in text):
        bare = german[1].replace(" ", "") + (f".{german[2]}" if german[2] else "") + german[3]
    return _parse_yen(bare, text, currency)


def _parse_yen(bare: str, text: str, currency: str) -> int:
    try:
        return parse_yen(bare)
    except (YenParseError, ValueError) as exc:
        raise ValueError(f"cannot read {text!r} as an amount of {currency}: {exc}") from exc


# --- loading and validation ------------------------------------------------------------------

_INTEGERS = {"period_start", "period_end", "amount", "amount_jpy", "year", "period_years"}
_CATEGORIES = {
    "country",
    "instrument",
    "status",
    "period_kind",
    "currency",
    "qualifier",
    "confidence",
    "year_kind",
    "period",
}
_CACHE: dict[tuple[Path, str], tuple[object, pd.DataFrame]] = {}


def _where(file: str, position: int, key: str, field: str) -> str:
    return f"{file}, data row {position + 1} (line {position + 2}), key {key}, field {field!r}"


def _errors(name: str, frame: pd.DataFrame) -> list[str]:
    file = f"{name}.csv"
    key_field = {"international-programmes": "programme_id", "gdp": "gdp_id"}.get(name, "country")
    messages = []
    ids = set(frame[key_field]) if name == "international-programmes" else set()
    for position, row in enumerate(frame.to_dict("records")):
        key = str(row[key_field])
        qualifier = str(row.get("qualifier") or "")
        bare = strip_qualifier(row["amount_text"], qualifier)
        if bare is None:
            messages.append(
                f"{_where(file, position, key, 'amount_text')}: {row['amount_text']!r} does not "
                f"carry its qualifier {qualifier!r}"
            )
            continue
        currency = "JPY" if name == "mof-peer-comparison" else str(row["currency"])
        value_field = "amount_jpy" if name == "mof-peer-comparison" else "amount"
        try:
            parsed = parse_amount(bare, currency)
        except ValueError as exc:
            messages.append(f"{_where(file, position, key, 'amount_text')}: {exc}")
            continue
        if parsed != row[value_field]:
            messages.append(
                f"{_where(file, position, key, value_field)}: amount contradicts its text: "
                f"amount_text {row['amount_text']!r} is {parsed:,} {currency} but "
                f"{value_field} is {row[value_field]:,}"
            )
        if name == "international-programmes":
            within = row["within"]
            if within and (within not in ids or within == key):
                messages.append(
                    f"{_where(file, position, key, 'within')}: {within!r} is no other "
                    "programme_id of this file"
                )
            elif within:
                parent = frame[frame.programme_id == within].iloc[0]
                if parent.country != row["country"]:
                    messages.append(
                        f"{_where(file, position, key, 'within')}: {within!r} is a programme of "
                        f"{parent.country}, not {row['country']}"
                    )
            end = row["period_end"]
            if not pd.isna(end) and end < row["period_start"]:
                messages.append(
                    f"{_where(file, position, key, 'period_end')}: {end} is before "
                    f"period_start {row['period_start']}"
                )
        if name == "mof-peer-comparison":
            share = _SHARE.match(row["share_text"])
            if share is None or Decimal(share[1]) != Decimal(repr(float(row["share_percent"]))):
                messages.append(
                    f"{_where(file, position, key, 'share_percent')}: share_text "
                    f"{row['share_text']!r} does not print share_percent {row['share_percent']}"
                )
    return messages


def load(name: str, *, data_dir: str | Path | None = None) -> pd.DataFrame:
    """One of :data:`RESOURCES` as a DataFrame, after validating the whole package.

    Integers are ``Int64``, vocabularies ``category``, other text ``str`` (``""`` when empty).
    The frame is a copy.

    >>> programmes = load("international-programmes")
    >>> row = programmes.set_index("programme_id").loc["us-chips-appropriation"]
    >>> row.amount_text, int(row.amount), row.currency
    ('527億ドル', 52700000000, 'USD')
    >>> load("budget-lines")
    Traceback (most recent call last):
    ...
    KeyError: "no international resource 'budget-lines': expected one of 'international-programmes', 'gdp', 'mof-peer-comparison' (the others load with jpbudget.data.load)"
    """
    data.require_resource(
        name,
        RESOURCES,
        kind="international resource",
        hint=" (the others load with jpbudget.data.load)",
    )
    data.validate(data_dir)  # frictionless: types, enums, keys, sources of every resource
    folder = (Path(data_dir) if data_dir is not None else _default_data_dir()).resolve()
    path = folder / f"{name}.csv"
    stat = path.stat()
    stamp = (stat.st_size, stat.st_mtime_ns)
    cached = _CACHE.get((folder, name))
    if cached is None or cached[0] != stamp:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, na_values=[], encoding="utf-8")
        frame = pd.DataFrame(index=raw.index)
        for column in raw.columns:
            if column in _INTEGERS:
                frame[column] = pd.to_numeric(raw[column].replace("", None)).astype("Int64")
            elif column == "share_percent":
                frame[column] = pd.to_numeric(raw[column]).astype("float64")
            elif column in _CATEGORIES:
                values = raw[column].astype(object)
                kinds = pd.Index(sorted(set(values)), dtype=object)
                frame[column] = pd.Categorical(values, dtype=pd.CategoricalDtype(kinds))
            else:
                frame[column] = raw[column].astype("str")
        messages = _errors(name, frame)
        if messages:
            raise DataValidationError(
                f"{folder}: {len(messages)} problem(s) in {name}.csv:\n  " + "\n  ".join(messages)
            )
        _CACHE[(folder, name)] = (stamp, frame)
        cached = _CACHE[(folder, name)]
    return cached[1].copy()
