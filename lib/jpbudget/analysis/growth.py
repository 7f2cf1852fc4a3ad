"""How fast chips & AI money grows: growth between two years, regular vs supplementary money,
the "15-month" view and what drove METI's increase.

Everything in exact integer yen and :class:`~decimal.Decimal`; dollars only at the end, with the
rate object that produced them.

>>> g = growth_table(2025, 2026, ["chips-ai"], include_supplementary=False, fx=_explicit(150))
>>> row = g.iloc[0]
>>> int(row["base_jpy"]), int(row["target_jpy"]), row["multiple"], row["change_pct"]
(332800000000, 1239000000000, Decimal('3.72'), Decimal('272.3'))
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from .. import formats
from ..fiscal import fiscal_year_text
from ..i18n import N_, active, gettext
from .budget import (
    REGULAR_BUDGETS,
    budget_years,
    is_weak,
    lines,
    regular_budget,
    supplementary_rows,
)

__all__ = [
    "BASES",
    "chips_ai_by_year",
    "fifteen_month_parts",
    "funding_bases",
    "growth_drivers",
    "growth_table",
    "mof_fifteen_month",
    "mof_references",
]

#: The three ways a year's chips & AI money is counted, in the order the notebooks show them.
BASES = ("initial", "initial + same-year supplementary", "15-month")
#: MOF's own figure for the FY2026 draft together with the FY2025 supplementary (1.5兆円規模).
MOF_FIFTEEN_MONTH_ITEM = "chips-ai-with-supplementary"


def _explicit(rate: float):
    from ..fx import fx_choice

    return fx_choice(rate)


def _usd(amount: int, rate: Any) -> float:

    return rate.convert(amount)  # exact Decimal division in fx


def _qualified(rows: list[pd.Series]) -> bool:
    return any(str(r["qualifier"]) != "" for r in rows)


def growth_table(
    base_year: int,
    target_year: int,
    items: list[str],
    *,
    include_supplementary: bool,
    fx: Any,
) -> pd.DataFrame:
    """Each item's amount in both years, the multiple and the percentage change.

    Columns: ``item``, ``basis``, ``base_year``, ``base_budget``, ``base_jpy``,
    ``target_year``, ``target_budget``, ``target_jpy``, ``multiple`` and ``change_pct``
    (Decimals, 2 and 1 places, half-up), ``exact_ratio`` (the unrounded Decimal), dollar values
    ``base_usd``/``target_usd`` at the rate of each year, ``qualified`` and ``weak`` (a figure
    the sources qualify as "about", or the data marks weak; ``base_qualified`` and
    ``target_qualified`` for each year's sum), ``source_ids`` and ``note``. With
    ``include_supplementary``, chips & AI gets a second row comparing initial plus same-year
    supplementary money; a year without a supplementary figure counts none and ``note`` says so.
    """
    from ..params import ParameterError

    rows: list[dict[str, Any]] = []
    base_rate, target_rate = fx.rate_for(base_year), fx.rate_for(target_year)
    for item in items:
        base, target = regular_budget(base_year, item), regular_budget(target_year, item)
        if base is None or target is None:
            missing = base_year if base is None else target_year
            raise ParameterError(
                f"parameter items: {item!r} has no regular-budget figure for FY{missing}; "
                f"it has FY{', FY'.join(map(str, budget_years(item))) or ' none'}"
            )
        variants = [("initial", [base], [target], "")]
        if include_supplementary and item == "chips-ai":
            sups = {y: supplementary_rows(y) for y in (base_year, target_year)}
            notes = [
                gettext(
                    N_(
                        "no supplementary figure for %(fiscal_year)s in the sources: counted as none"
                    ),
                    fiscal_year=fiscal_year_text(year, lang=active()),
                )
                for year, sup in sups.items()
                if sup.empty
            ]
            variants.append(
                (
                    "initial + same-year supplementary",
                    [base, *[r for _, r in sups[base_year].iterrows()]],
                    [target, *[r for _, r in sups[target_year].iterrows()]],
                    gettext(N_("; ")).join(notes),
                )
            )
        for basis, base_rows, target_rows, note in variants:
            base_jpy = sum(int(r["amount_jpy"]) for r in base_rows)
            target_jpy = sum(int(r["amount_jpy"]) for r in target_rows)
            ratio = Decimal(target_jpy) / Decimal(base_jpy)
            rows.append(
                {
                    "item": item,
                    "basis": basis,
                    "base_year": base_year,
                    "base_budget": [str(r["budget"]) for r in base_rows],
                    "base_jpy": base_jpy,
                    "target_year": target_year,
                    "target_budget": [str(r["budget"]) for r in target_rows],
                    "target_jpy": target_jpy,
                    "exact_ratio": ratio,
                    "multiple": ratio.quantize(Decimal("0.01"), ROUND_HALF_UP),
                    "change_pct": ((ratio - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP),
                    "base_usd": _usd(base_jpy, base_rate),
                    "target_usd": _usd(target_jpy, target_rate),
                    "qualified": _qualified(base_rows + target_rows),
                    "base_qualified": _qualified(base_rows),
                    "target_qualified": _qualified(target_rows),
                    "weak": any(is_weak(r) for r in base_rows + target_rows),
                    "source_ids": sorted({str(r["source_id"]) for r in base_rows + target_rows}),
                    "note": note,
                }
            )
    return pd.DataFrame(rows)


def chips_ai_by_year(
    first_year: int, last_year: int, *, include_supplementary: bool
) -> pd.DataFrame:
    """Chips & AI money per fiscal year, split into ``initial`` and ``supplementary`` budgets.

    One row per fiscal year and kind, with ``amount_jpy`` (<NA> where the sources give no
    figure), ``budget`` (the budget kind of the row used), ``amount_text`` (as printed),
    ``qualifier``, ``weak`` and ``source_id``. ``kind`` is a categorical (initial, supplementary),
    so that grouping and sorting keep that order.

    >>> t = chips_ai_by_year(2021, 2026, include_supplementary=True)
    >>> t[t.fiscal_year == 2023][["kind", "amount_jpy"]].values.tolist()
    [['initial', <NA>], ['supplementary', 1853200000000]]
    """
    rows = []
    for year in range(first_year, last_year + 1):
        regular = regular_budget(year, "chips-ai")
        rows.append(_year_row(year, "initial", [] if regular is None else [regular]))
        if include_supplementary:
            sup = supplementary_rows(year)
            rows.append(_year_row(year, "supplementary", [r for _, r in sup.iterrows()]))
    frame = pd.DataFrame(rows)
    frame["kind"] = pd.Categorical(frame["kind"], categories=["initial", "supplementary"])
    frame["amount_jpy"] = frame["amount_jpy"].astype("Int64")
    return frame


def _year_row(year: int, kind: str, rows: list[pd.Series]) -> dict[str, Any]:
    if not rows:
        return {
            "fiscal_year": year,
            "kind": kind,
            "amount_jpy": None,
            "budget": "",
            "item": "",
            "amount_text": "",
            "qualifier": "",
            "weak": False,
            "confidence": "",
            "source_id": "",
        }
    return {
        "fiscal_year": year,
        "kind": kind,
        "amount_jpy": sum(int(r["amount_jpy"]) for r in rows),
        "budget": "+".join(str(r["budget"]) for r in rows),
        "item": "+".join(str(r["item"]) for r in rows),
        "amount_text": "; ".join(str(r["amount_text"]) for r in rows),
        "qualifier": ", ".join(str(r["qualifier"]) for r in rows if str(r["qualifier"])),
        "weak": any(is_weak(r) for r in rows),
        "confidence": "weak" if any(is_weak(r) for r in rows) else "exact",
        "source_id": ", ".join(str(r["source_id"]) for r in rows),
    }


def funding_bases(first_year: int, last_year: int) -> pd.DataFrame:
    """Chips & AI money per fiscal year on each basis, side by side.

    - ``initial_jpy``: the year's initial budget (enacted, or the cabinet draft);
    - ``supplementary_jpy``: supplementary budgets passed during the year;
    - ``fifteen_month_jpy``: the year's initial budget plus the *previous* year's
      supplementary (how the Ministry of Finance presents the FY2026 figure).

    A basis is <NA> when a part is missing from the sources (never counted as zero, except a
    year's own supplementary in the initial + same-year view, which :func:`growth_table` notes).

    >>> b = funding_bases(2021, 2026).set_index("fiscal_year")
    >>> [int(b.loc[y, "fifteen_month_jpy"]) for y in (2025, 2026)]
    [1832800000000, 1491500000000]
    """
    by_year = chips_ai_by_year(first_year - 1, last_year, include_supplementary=True)
    initial = by_year[by_year["kind"] == "initial"].set_index("fiscal_year")
    sup = by_year[by_year["kind"] == "supplementary"].set_index("fiscal_year")
    rows = []
    for year in range(first_year, last_year + 1):
        ini, own, prev = initial.loc[year], sup.loc[year], sup.loc[year - 1]
        fifteen = (
            pd.NA
            if pd.isna(ini["amount_jpy"]) or pd.isna(prev["amount_jpy"])
            else int(ini["amount_jpy"]) + int(prev["amount_jpy"])
        )
        regular_share = (
            pd.NA if fifteen is pd.NA else Fraction(int(ini["amount_jpy"]), int(fifteen))
        )
        rows.append(
            {
                "fiscal_year": year,
                "initial_jpy": ini["amount_jpy"],
                "initial_budget": ini["budget"],
                "initial_text": ini["amount_text"],
                "supplementary_jpy": own["amount_jpy"],
                "supplementary_text": own["amount_text"],
                "supplementary_item": own["item"],
                "previous_supplementary_jpy": prev["amount_jpy"],
                "fifteen_month_jpy": fifteen,
                "regular_share": regular_share,
                # the 15-month figure's own parts: this year's initial, last year's supplementary
                "qualified": bool(ini["qualifier"] or prev["qualifier"]),
                "initial_weak": bool(ini["weak"]),
                "supplementary_weak": bool(own["weak"]),
                "weak": bool(ini["weak"] or prev["weak"]),
                "source_ids": [
                    s for s in (ini["source_id"], own["source_id"], prev["source_id"]) if s
                ],
            }
        )
    frame = pd.DataFrame(rows)
    for column in ("initial_jpy", "supplementary_jpy", "previous_supplementary_jpy"):
        frame[column] = frame[column].astype("Int64")
    frame["fifteen_month_jpy"] = frame["fifteen_month_jpy"].astype("Int64")
    return frame


def fifteen_month_parts(first_year: int, last_year: int) -> pd.DataFrame:
    """The parts of each year's 15-month money, one row per year and part, for a stacked chart.

    ``part`` is "initial" (the year's initial budget) or "previous supplementary"; only years
    where both parts have a figure are included.

    >>> p = fifteen_month_parts(2021, 2026)
    >>> p[["fiscal_year", "part", "amount_jpy"]].values.tolist()[-2:]
    [[2026, 'initial', 1239000000000], [2026, 'previous supplementary', 252500000000]]
    """
    by_year = chips_ai_by_year(first_year - 1, last_year, include_supplementary=True)
    initial = by_year[by_year["kind"] == "initial"].set_index("fiscal_year")
    sup = by_year[by_year["kind"] == "supplementary"].set_index("fiscal_year")
    rows = []
    for year in range(first_year, last_year + 1):
        parts = (("initial", initial.loc[year]), ("previous supplementary", sup.loc[year - 1]))
        if any(pd.isna(row["amount_jpy"]) for _, row in parts):
            continue
        for part, row in parts:
            rows.append(
                {
                    "fiscal_year": year,
                    "part": part,
                    "amount_jpy": int(row["amount_jpy"]),
                    "amount_text": row["amount_text"],
                    "budget": row["budget"],
                    "qualifier": row["qualifier"],
                    "confidence": row["confidence"],
                    "source_id": row["source_id"],
                }
            )
    columns = ["fiscal_year", "part", "amount_jpy", "amount_text", "budget", "qualifier"]
    frame = pd.DataFrame(rows, columns=[*columns, "confidence", "source_id"])
    frame["amount_jpy"] = frame["amount_jpy"].astype("Int64")
    return frame


def mof_references(first_year: int, last_year: int) -> list[dict[str, Any]]:
    """MOF's printed 15-month figure as a chart reference, if its year is in range."""
    row = mof_fifteen_month()
    year = int(row["fiscal_year"]) + 1  # the row's fiscal_year is the first year it covers
    if not first_year <= year <= last_year:
        return []
    return [
        {
            "fiscal_year": year,
            "amount_jpy": int(row["amount_jpy"]),
            "text": gettext(
                N_("Ministry of Finance: %(amount)s"),
                amount=formats.source_amount_text(int(row["amount_jpy"]), str(row["amount_text"])),
            ),
            "source_id": str(row["source_id"]),
        }
    ]


def mof_fifteen_month() -> pd.Series:
    """MOF's own printed figure for the FY2026 draft plus the FY2025 supplementary.

    >>> mof_fifteen_month()["amount_text"]
    '1.5兆円規模'
    """
    table = lines()
    return table[table["item"] == MOF_FIFTEEN_MONTH_ITEM].iloc[0]


def _driver(item: str, base_year: int, target_year: int, total_change: int) -> dict[str, Any]:
    """One line's row of :func:`growth_drivers`: its amounts and, when both years have an
    exact figure, its change and share of the whole's change; else why it is not compared."""
    by_year = {y: regular_budget(y, item) for y in (base_year, target_year)}
    usable = {
        y: r
        for y, r in by_year.items()
        if r is not None and not is_weak(r) and str(r["qualifier"]) == ""
    }
    amounts = {y: (int(r["amount_jpy"]) if r is not None else pd.NA) for y, r in by_year.items()}
    if len(usable) == 2:
        change = amounts[target_year] - amounts[base_year]
        share, status = Fraction(change, total_change), "compared"
    elif all(r is not None for r in by_year.values()):
        change, share, status = pd.NA, pd.NA, "weak or approximate figure: not compared"
    else:
        missing = base_year if by_year[base_year] is None else target_year
        change, share, status = pd.NA, pd.NA, f"no figure for FY{missing}"
    return {
        "item": item,
        "base_jpy": amounts[base_year],
        "target_jpy": amounts[target_year],
        "change_jpy": change,
        "share": share,
        "status": status,
        "source_ids": [str(r["source_id"]) for r in by_year.values() if r is not None],
    }


def growth_drivers(base_year: int, target_year: int, whole: str = "meti-total") -> pd.DataFrame:
    """What drove ``whole``'s change between two years, line by line.

    One row per line the sources place directly inside ``whole`` in either year, with its
    amounts (``<NA>`` where a year has no figure), ``change_jpy`` (only when both years have a
    figure), ``share`` of the whole's change (an exact Fraction) and ``status``: ``compared``,
    ``no figure for FY<base>`` or ``no figure for FY<target>``. A last row ``not itemised in
    sources`` holds what the compared lines leave of the whole's change. Weak or qualified lines
    are never counted in the arithmetic. The first row is the whole itself.

    >>> d = growth_drivers(2025, 2026).set_index("item")
    >>> int(d.loc["chips-ai", "change_jpy"]), d.loc["chips-ai", "share"]
    (906200000000, Fraction(9062, 10169))
    """
    base, target = regular_budget(base_year, whole), regular_budget(target_year, whole)
    if base is None or target is None:
        raise ValueError(
            f"{whole} needs a regular-budget figure in FY{base_year} and FY{target_year}"
        )
    total_change = int(target["amount_jpy"]) - int(base["amount_jpy"])
    table = lines()
    inside = table[
        (table["within"] == whole)
        & table["fiscal_year"].isin([base_year, target_year])
        & table["budget"].isin(REGULAR_BUDGETS)
    ]
    rows = [
        {
            "item": whole,
            "base_jpy": int(base["amount_jpy"]),
            "target_jpy": int(target["amount_jpy"]),
            "change_jpy": total_change,
            "share": Fraction(1),
            "status": "whole",
            "source_ids": [str(base["source_id"]), str(target["source_id"])],
        }
    ]
    rows += [
        _driver(item, base_year, target_year, total_change)
        for item in dict.fromkeys(inside["item"].astype(str))
    ]
    explained = sum(r["change_jpy"] for r in rows[1:] if r["status"] == "compared")
    rows.append(
        {
            "item": "not itemised in sources",
            "base_jpy": pd.NA,
            "target_jpy": pd.NA,
            "change_jpy": total_change - explained,
            "share": Fraction(total_change - explained, total_change),
            "status": "remainder",
            "source_ids": [],
        }
    )
    frame = pd.DataFrame(rows)
    for column in ("base_jpy", "target_jpy", "change_jpy"):
        frame[column] = frame[column].astype("Int64")
    return frame
