"""Public money for Rapidus: each commitment, what is counted, and the totals per scope.

Only firm, well-sourced commitments are added up. Weak figures (a single paywalled source) and
announced plans are shown next to them, marked, and never added: a plan overlaps the yearly
rows it covers, and a weak figure is not firm enough for a total.

>>> {k: v for k, v in scope_totals(2026).items()}
{'equity': 250000000000, 'subsidies': 1722500000000, 'all': 1972500000000}
"""

from __future__ import annotations

import re

import pandas as pd

from .. import data
from ..i18n import N_, active, gettext

__all__ = [
    "RAPIDUS_SCOPES",
    "booked_text",
    "commitments",
    "counted_total",
    "cumulative",
    "first_year",
    "rapidus_context",
    "rapidus_years",
    "scope_totals",
    "total_has_ceiling",
]

RAPIDUS_SCOPES = data.RAPIDUS_SCOPES
#: Why a row is shown but not added up (``reason`` column of :func:`commitments`).
#: Translated where shown (``gettext(row["reason"])``).
WEAK_REASON = N_("weak: a single paywalled source; not added to the firm total")
PLAN_REASON = N_("plan: overlaps the yearly figures it covers; never added to them")

_BOOKED = re.compile(
    r"FY(?P<start>\d{4})(?:-(?P<end>\d{2}))?(?: (?P<budget>[a-z-]+))?(?P<plan> \(plan\))?"
)
#: The budgets a commitment is booked to, as the commitments table has always written them.
_BOOKED_WORDS = {
    "": N_("%(fiscal_year)s"),
    "initial": N_("%(fiscal_year)s initial"),
    "initial-draft": N_("%(fiscal_year)s cabinet draft"),
    "supplementary": N_("%(fiscal_year)s supplementary"),
}


def booked_text(booked_to: str, *, plan_mark: bool = True) -> str:
    """What a commitment is booked to (the data's ``booked_to``), in the active language:
    "FY2026 cabinet draft" (2026年度政府予算案), "FY2026-27 (plan)" (2026〜27年度（計画）).
    ``plan_mark=False`` leaves out "(plan)". Text of another form is an error naming it.

    >>> booked_text("FY2021 supplementary"), booked_text("FY2026-27 (plan)", plan_mark=False)
    ('FY2021 supplementary', 'FY2026-27')
    """
    from ..fiscal import fiscal_year_text

    found = _BOOKED.fullmatch(str(booked_to))
    if found is None or (found["budget"] or "") not in _BOOKED_WORDS:
        raise ValueError(
            f"rapidus-support: booked_to {booked_to!r} is not of the form 'FY2025', "
            "'FY2021 supplementary', 'FY2026 initial-draft' or 'FY2026-27 (plan)'"
        )
    if found["end"]:
        years = gettext(N_("FY%(start)s-%(end)s"), start=found["start"], end=found["end"])
    else:
        years = fiscal_year_text(int(found["start"]), lang=active())
    words = _BOOKED_WORDS[found["budget"] or ""]
    text = gettext(words, fiscal_year=years)
    if found["plan"] and plan_mark:
        text = gettext(N_("%(booked)s (plan)"), booked=text)
    return text


def _support() -> pd.DataFrame:
    return data.load("rapidus-support")


def rapidus_years() -> list[int]:
    """Fiscal years with Rapidus support in the data."""
    return sorted(int(y) for y in _support()["fiscal_year"].unique())


def first_year() -> int:
    """The first fiscal year with Rapidus support."""
    return rapidus_years()[0]


def commitments(scope: str, through_year: int, *, include_plans: bool) -> pd.DataFrame:
    """Public commitments to Rapidus in ``scope`` booked up to ``through_year``, by date.

    Every row has ``counted`` (True for firm figures, which the totals add up) and ``reason``
    (why a row is not counted). Weak figures in scope are always listed, marked; plans are
    listed only with ``include_plans``, and are never counted.

    >>> c = commitments("all", 2026, include_plans=True)
    >>> int(c.loc[c["counted"], "amount_jpy"].sum()), c.loc[~c["counted"], "kind"].tolist()
    (1972500000000, ['plan', 'subsidy'])
    """
    support = _support()
    kinds = list(RAPIDUS_SCOPES[scope]) + (["plan"] if include_plans else [])
    rows = support[support["kind"].isin(kinds) & (support["fiscal_year"] <= through_year)].copy()
    weak = rows["confidence"] == "weak"
    plan = rows["kind"] == "plan"
    rows["counted"] = ~weak & ~plan
    rows["reason"] = ""
    rows.loc[weak, "reason"] = WEAK_REASON
    rows.loc[plan, "reason"] = PLAN_REASON
    return rows.sort_values(["announced", "support_id"]).reset_index(drop=True)


def counted_total(rows: pd.DataFrame) -> int:
    """The sum of the counted rows of :func:`commitments` (exact integer yen)."""
    return int(rows.loc[rows["counted"], "amount_jpy"].sum())


def total_has_ceiling(rows: pd.DataFrame) -> bool:
    """Whether a counted row is a ceiling ("up to"), so that the total is one too."""
    return bool((rows.loc[rows["counted"], "qualifier"] == "up to").any())


def cumulative(rows: pd.DataFrame, first: int, through_year: int) -> pd.DataFrame:
    """Counted support per fiscal year and running total (exact integer yen), one row per year;
    ``ceiling``: the running total includes an "up to" figure; ``added_ceiling``: that year's
    addition does."""
    years = pd.Index(range(first, through_year + 1), name="fiscal_year")
    counted = rows[rows["counted"]]
    per_year = (
        counted.groupby("fiscal_year", observed=True)["amount_jpy"]
        .sum()
        .reindex(years)
        .fillna(0)
        .astype("Int64")
    )
    frame = per_year.rename("amount_jpy").reset_index()
    frame["cumulative_jpy"] = frame["amount_jpy"].cumsum().astype("Int64")
    ceilings = counted[counted["qualifier"] == "up to"].groupby("fiscal_year")["amount_jpy"].size()
    frame["ceiling"] = [
        bool((ceilings.reindex(range(first, y + 1)).fillna(0) > 0).any()) for y in years
    ]
    # the year's own addition is a ceiling too when a figure of that year is one
    frame["added_ceiling"] = [bool(ceilings.get(y, 0) > 0) for y in years]
    return frame


def scope_totals(through_year: int) -> dict[str, int]:
    """Firm cumulative support per scope through ``through_year`` (no plans, no weak figures)."""
    return {
        scope: counted_total(commitments(scope, through_year, include_plans=False))
        for scope in RAPIDUS_SCOPES
    }


def rapidus_context(through_year: int) -> pd.DataFrame:
    """What the spending totals leave out: loan guarantees, the equity round, voting rights.

    Rows of ``rapidus-support`` of kind ``loan-guarantee`` and of ``context-figures`` with topic
    ``rapidus``, for fiscal years up to ``through_year``, by date, with ``date``, ``subject``,
    ``text`` (as printed), ``source_id`` and ``note``, and for the words shown: ``key`` (the
    row's id), ``kind`` ("loan-guarantee" or "context"), ``booked_to``, ``measure``,
    ``amount_jpy`` and ``value``. None of it is public spending.

    >>> len(rapidus_context(2026)), len(rapidus_context(2024))
    (7, 0)
    """
    support = _support()
    guarantees = support[
        (support["kind"] == "loan-guarantee") & (support["fiscal_year"] <= through_year)
    ]
    context = data.load("context-figures")
    context = context[(context["topic"] == "rapidus") & (context["fiscal_year"] <= through_year)]
    frame = pd.concat(
        [
            pd.DataFrame(
                {
                    "key": guarantees["support_id"],
                    "kind": "loan-guarantee",
                    "booked_to": guarantees["booked_to"],
                    "measure": "amount",
                    "amount_jpy": guarantees["amount_jpy"],
                    "value": None,
                    "date": guarantees["announced"],
                    "subject": "Government guarantees of private loans to Rapidus, "
                    + guarantees["booked_to"],
                    "text": guarantees["amount_text"],
                    "source_id": guarantees["source_id"],
                    "note": guarantees["note"],
                }
            ),
            context[
                [
                    *("figure_id", "measure", "amount_jpy", "value", "date", "subject"),
                    *("value_text", "source_id", "note"),
                ]
            ]
            .rename(columns={"value_text": "text", "figure_id": "key"})
            .assign(kind="context", booked_to=""),
        ],
        ignore_index=True,
    )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
