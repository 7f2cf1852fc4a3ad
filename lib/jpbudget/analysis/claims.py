"""Checking the seed article's claims against the sourced data, one rule per verdict.

The claims live in ``data/claims.csv`` as figures with attribution; each names in ``compare_to``
the data it is checked against, in the small grammar of :func:`parse_compare_to` (kept in
:mod:`jpbudget.data.compare_to`, since the data validation checks it and the core never imports
analysis; re-exported here for the claims analysis).

Rules, first match wins, each with its words in ``rule`` and the interval a stated figure may
take under it (``allowed_low``/``allowed_high``, as relative deviations, the same interval the
chart draws):

- *exact*: the stated value equals the recomputation;
- *rounds to the stated precision*: a figure printed with at least two significant digits
  (¥3.07 trillion, $7.9 billion) is consistent when the recomputation lies within half a unit
  of its last printed digit;
- *within tolerance*: otherwise (one printed digit, or words such as "four times") the relative
  deviation must be at most ``tolerance``; a truncated rather than rounded figure is pointed out;
- *more than*: a statement that is a threshold ("largely due to": more than half of the
  increase; "into the regular budget cycle": more than half of the year's money in the regular
  budget, and a larger share than the year before) holds when the recomputation exceeds it.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, NamedTuple

import pandas as pd

from .. import data
from ..data.compare_to import CompareTo, parse_compare_to  # the one grammar (data validates it)
from ..i18n import N_, gettext
from . import growth, rapidus
from .budget import regular_budget
from .claim_words import claim_text, stated_text

__all__ = [
    "THRESHOLD_RELATIONS",
    "CompareTo",
    "check_claims",
    "parse_compare_to",
    "significant_digits",
]

THRESHOLD_RELATIONS = ("share-of-change", "regular-share")
PAIR_RELATIONS = ("multiple", "percentage-change", *THRESHOLD_RELATIONS)

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def significant_digits(stated_text: str) -> int:
    """How many significant digits a stated figure prints (0 when it is written in words).

    >>> significant_digits("¥1.23 trillion"), significant_digits("¥250 billion")
    (3, 2)
    >>> significant_digits("about 50%"), significant_digits("roughly four times")
    (1, 0)
    """
    match = _NUMBER.search(stated_text)
    if not match:
        return 0
    digits = match.group().replace(",", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.lstrip("0").rstrip("0")) or 1


def _half_unit(stated: Decimal, digits: int) -> Decimal:
    """Half a unit of the last printed digit of ``stated`` (printed with ``digits`` digits)."""
    return Decimal(1).scaleb(stated.adjusted() - digits + 1) / 2


def _row(key: tuple[int, str, str]) -> pd.Series:
    table = data.load("budget-lines")
    fy, budget, item = key
    match = (table["fiscal_year"] == fy) & (table["budget"] == budget) & (table["item"] == item)
    return table[match].iloc[0]


class Recomputed(NamedTuple):
    value: Decimal
    how: str  # in words, for readers
    source_ids: list[str]
    base: Decimal | None = None  # for regular-share: the base year's share
    weak: bool = False  # a figure used is marked weak in the data


def _recompute(claim: pd.Series, fx: Any) -> Recomputed:
    """The figure a claim states, recomputed from the rows its ``compare_to`` names."""
    target = parse_compare_to(str(claim["compare_to"]))
    relation = str(claim["relation"])
    if target.resource == "rapidus-support":
        return _rapidus_total(target)
    if relation in PAIR_RELATIONS:
        return _between_years(target, relation)
    return _one_figure(claim, target, relation, fx)


def _rapidus_total(target: Any) -> Recomputed:
    """The firm Rapidus commitments of one scope booked through a year, summed."""
    scope, year = str(target.scope), int(target.through_year)
    rows = rapidus.commitments(scope, year, include_plans=False)
    rows = rows[rows["counted"]]
    from .display import fy, scope_label

    how = gettext(
        N_(
            "sum of the %(count)s firm Rapidus %(scope)s commitments booked through %(fiscal_year)s"
        ),
        count=len(rows),
        scope=scope_label(scope),
        fiscal_year=fy(year),
    )
    return Recomputed(
        Decimal(int(rows["amount_jpy"].sum())), how, sorted(set(rows["source_id"].astype(str)))
    )


def _between_years(target: Any, relation: str) -> Recomputed:
    """A relation between two years of one line: share of the whole's change, initial-budget
    share (15-month view), multiple or change in percent."""
    from .display import fy, item_label

    new, base = (_row(key) for key in target.keys)
    weak = any(str(r["confidence"]) == "weak" for r in (new, base))
    (new_fy, _, item), (base_fy, _, _) = target.keys
    label = item_label(item)
    if relation == "share-of-change":
        whole = str(new["within"])
        whole_new, whole_base = regular_budget(new_fy, whole), regular_budget(base_fy, whole)
        part = int(new["amount_jpy"]) - int(base["amount_jpy"])
        total = int(whole_new["amount_jpy"]) - int(whole_base["amount_jpy"])
        how = gettext(
            N_(
                "%(item)s's increase from %(base)s to %(target)s as a share of %(whole)s's increase"
            ),
            item=label,
            base=fy(base_fy),
            target=fy(new_fy),
            whole=item_label(whole),
        )
        sources = [str(r["source_id"]) for r in (new, base, whole_new, whole_base)]
        return Recomputed(Decimal(part) * 100 / Decimal(total), how, sources, weak=weak)
    if relation == "regular-share":
        bases = growth.funding_bases(base_fy, new_fy).set_index("fiscal_year")
        share = {y: bases.loc[y, "regular_share"] for y in (base_fy, new_fy)}
        how = gettext(
            N_(
                "the initial budget's share of %(target)s's 15-month %(item)s money (initial "
                "budget plus the %(previous)s supplementary), against %(base)s"
            ),
            target=fy(new_fy),
            item=label,
            previous=fy(new_fy - 1),
            base=fy(base_fy),
        )
        sources = sorted({s for y in (base_fy, new_fy) for s in bases.loc[y, "source_ids"]})
        as_pct = {y: Decimal(s.numerator) * 100 / Decimal(s.denominator) for y, s in share.items()}
        return Recomputed(as_pct[new_fy], how, sources, base=as_pct[base_fy], weak=weak)
    ratio = Decimal(int(new["amount_jpy"])) / Decimal(int(base["amount_jpy"]))
    if relation == "multiple":
        how = gettext(
            N_("%(item)s, %(target)s divided by %(base)s"),
            item=label,
            target=fy(new_fy),
            base=fy(base_fy),
        )
        value = ratio
    else:
        how = gettext(
            N_("%(item)s, change from %(base)s to %(target)s"),
            item=label,
            base=fy(base_fy),
            target=fy(new_fy),
        )
        value = (ratio - 1) * 100
    return Recomputed(value, how, [str(new["source_id"]), str(base["source_id"])], weak=weak)


def _one_figure(claim: pd.Series, target: Any, relation: str, fx: Any) -> Recomputed:
    """One budget figure, in yen or (``conversion``) in dollars at the rate of the day the
    claim was published."""
    from .display import fy, item_label, rate_text

    row = _row(target.keys[0])
    year, _, item = target.keys[0]
    weak = str(row["confidence"]) == "weak"
    if relation == "conversion":
        # the rate a writer could have used: that of the day the claim was published
        published = data.source_record(str(claim["source_id"]))["published"]
        rate = fx.rate_for_date(published.date())
        usd = Decimal(repr(rate.convert(int(row["amount_jpy"]))))  # fx divides exactly
        return Recomputed(
            usd,
            gettext(
                N_("%(item)s, %(fiscal_year)s, at %(rate)s"),
                item=item_label(item),
                fiscal_year=fy(year),
                rate=rate_text(rate),
            ),
            [str(row["source_id"])],
            weak=weak,
        )
    return Recomputed(
        Decimal(int(row["amount_jpy"])),
        gettext(N_("%(item)s, %(fiscal_year)s"), item=item_label(item), fiscal_year=fy(year)),
        [str(row["source_id"])],
        weak=weak,
    )


def _verdict(
    stated: Decimal, value: Decimal, digits: int, tolerance: Decimal
) -> tuple[str, str, Decimal, Decimal, bool]:
    """Verdict, rule key, allowed interval (relative to ``value``) and whether truncated."""
    if stated == value:
        return "consistent", "exact", Decimal(0), Decimal(0), False
    if digits >= 2:
        half = _half_unit(stated, digits)
        low, high = (stated - half - value) / value, (stated + half - value) / value
        if stated - half <= value < stated + half:
            return "consistent", "rounding", low, high, False
    deviation = (stated - value) / value
    truncated = digits >= 1 and stated <= value < stated + 2 * _half_unit(stated, digits)
    if abs(deviation) <= tolerance:
        return "consistent", "tolerance", -tolerance, tolerance, truncated
    return "inconsistent", "tolerance", -tolerance, tolerance, truncated


def check_claims(tolerance: float, fx: Any) -> pd.DataFrame:
    """Check every claim against a recomputation from sourced data.

    One row per claim with ``claim_id``, ``subject``, ``stated`` (as printed), ``stated_value``,
    ``recomputed_value`` (Decimal), ``base_value`` (regular-share: the base year's share),
    ``deviation`` (relative, Decimal), ``verdict`` (``consistent`` or ``inconsistent``),
    ``rule`` (the rule's key: ``exact``, ``rounding``, ``tolerance``, ``threshold``),
    ``allowed_low``/``allowed_high`` (the interval of relative deviations the rule accepts; None
    for thresholds), ``truncated``, ``unit``, ``how`` (in words), ``claim_note`` (the data's
    note) and ``source_ids``.

    >>> c = check_claims(0.02, _fx()).set_index("claim_id")
    >>> c.loc["chips-ai-multiple", ["verdict", "rule"]].tolist()
    ['inconsistent', 'tolerance']
    """
    limit = Decimal(repr(float(tolerance)))
    rows = []
    for _, claim in data.load("claims").iterrows():
        stated = Decimal(repr(float(claim["stated_value"]))).normalize()
        stated = stated.quantize(Decimal(1)) if stated == stated.to_integral() else stated
        result = _recompute(claim, fx)
        value = result.value
        relation = str(claim["relation"])
        if relation in THRESHOLD_RELATIONS:
            holds = value > stated and (result.base is None or value > result.base)
            verdict, rule, low, high, truncated = (
                "consistent" if holds else "inconsistent",
                "threshold",
                None,
                None,
                False,
            )
        digits = significant_digits(str(claim["stated_text"]))
        if relation not in THRESHOLD_RELATIONS:
            verdict, rule, low, high, truncated = _verdict(stated, value, digits, limit)
        rows.append(
            {
                "claim_id": str(claim["claim_id"]),
                "subject": claim_text(str(claim["subject"])),
                "stated": str(claim["stated_text"]),
                "stated_shown": stated_text(claim, digits),
                "attributed_to": str(claim["attributed_to"]),
                "stated_value": stated,
                "recomputed_value": value,
                "base_value": result.base,
                "deviation": (stated - value) / value,
                "deviation_pct": None if low is None else (stated - value) / value * 100,
                "allowed_low_pct": None if low is None else low * 100,
                "allowed_high_pct": None if high is None else high * 100,
                "verdict": verdict,
                "rule": rule,
                "allowed_low": low,
                "allowed_high": high,
                "truncated": truncated,
                "unit": str(claim["unit"]),
                "relation": relation,
                "how": result.how,
                "claim_note": "" if pd.isna(claim["note"]) else claim_text(str(claim["note"])),
                "weak": result.weak,
                "source_ids": [*result.source_ids, str(claim["source_id"])],
            }
        )
    frame = pd.DataFrame(rows)
    from .display import recomputed_text

    frame["recomputed"] = [recomputed_text(r) for r in frame.itertuples()]
    return frame


def _fx():
    from ..params import check_fx

    return check_fx("announcement")


def share_percent(share: Fraction, places: int = 1) -> Decimal:
    """An exact share as a percentage rounded half-up to ``places`` decimals."""
    value = Decimal(share.numerator) * 100 / Decimal(share.denominator)
    return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
