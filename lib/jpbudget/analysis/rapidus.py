"""Public money for Rapidus: each commitment, what is counted, and the totals per scope.

Only firm, well-sourced commitments are added up. Weak figures (a single paywalled source) and
announced plans are shown next to them, marked, and never added: a plan overlaps the yearly
rows it covers, and a weak figure is not firm enough for a total.

>>> {k: v for k, v in scope_totals(2026).items()}
{'equity': 250000000000, 'subsidies': 1722500000000, 'all': 1972500000000}
"""

from __future__ import annotations

import pandas as pd

from .. import data

__all__ = [
    "RAPIDUS_SCOPES",
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
WEAK_REASON = "weak: a single paywalled source; not added to the firm total"
PLAN_REASON = "plan: overlaps the yearly figures it covers; never added to them"


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
    """Counted support per fiscal year and running total (exact integer yen), one row per year."""
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
    ``text`` (as printed), ``source_id`` and ``note``. None of it is public spending.

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
                    "date": guarantees["announced"],
                    "subject": "Government guarantees of private loans to Rapidus, "
                    + guarantees["booked_to"],
                    "text": guarantees["amount_text"],
                    "source_id": guarantees["source_id"],
                    "note": guarantees["note"],
                }
            ),
            context[["date", "subject", "value_text", "source_id", "note"]].rename(
                columns={"value_text": "text"}
            ),
        ],
        ignore_index=True,
    )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)
