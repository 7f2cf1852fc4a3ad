"""What ``budget_growth.ipynb`` shows: its finding, the growth, bases and drivers tables and
the sentences that depend on its base and target years."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ...yen import format_usd
from .. import display as d
from ..budget import regular_budget
from .common import ratio

_BASIS_LABELS = {
    "initial": "initial budget",
    "initial + same-year supplementary": "initial budget plus the same year's supplementary",
}


def _and_list(parts: list[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _about(bases: pd.DataFrame, year: int) -> str:
    """ "about " when the year's 15-month figure includes a figure its source gives as approximate."""
    frame = bases.set_index("fiscal_year")
    return "about " if bool(frame.loc[year, "qualified"]) else ""


def _bases_pair(bases: pd.DataFrame, base_year: int, target_year: int) -> tuple[int, int] | None:
    frame = bases.set_index("fiscal_year")
    if base_year not in frame.index or target_year not in frame.index:
        return None
    a, b = frame.loc[base_year, "fifteen_month_jpy"], frame.loc[target_year, "fifteen_month_jpy"]
    if pd.isna(a) or pd.isna(b):
        return None
    return int(a), int(b)


def growth_finding(params: dict[str, Any], growth: pd.DataFrame, bases: pd.DataFrame) -> dict:
    """Title, headline and key figures of ``budget_growth.ipynb`` for its parameters."""
    base_year, target_year = params["base_year"], params["target_year"]
    target_status = str(growth["target_budget"].iloc[0][0])
    draft = " cabinet draft" if target_status == "initial-draft" else ""
    names = " and ".join(d.item_label(i) for i in params["items"])
    title = f"{names}: FY{base_year} to the FY{target_year}{draft or ' budget'}"
    figures, sentences = [], []
    for row in growth[growth["basis"] == "initial"].itertuples():
        base, target = regular_budget(base_year, row.item), regular_budget(target_year, row.item)
        label = d.item_label(row.item)
        figures += [
            d.figure_from_row(f"{label}, {d.year_label(base_year, str(base['budget']))}", base),
            d.figure_from_row(
                f"{label}, {d.year_label(target_year, str(target['budget']))}", target
            ),
            d.computed_figure(
                f"{label}, FY{target_year} over FY{base_year}",
                f"{d.multiple_text(row.multiple)} ({d.percent_change_text(row.change_pct)})",
                d.exact_value(row.exact_ratio),
            ),
        ]
        sentences.append(
            f"{label} goes from {d.yen_exact(row.base_jpy)} in FY{base_year} to "
            f"{d.yen_exact(row.target_jpy)} in the FY{target_year}{draft or ' budget'}, "
            f"{d.multiple_text(row.multiple)} ({d.percent_change_text(row.change_pct)})"
            + (" (a figure marked weak: a single source)" if row.weak else "")
            + "."
        )
    pair = _bases_pair(bases, base_year, target_year) if "chips-ai" in params["items"] else None
    if pair:
        change = (ratio(pair[1], pair[0]) - 1) * 100
        figures.append(
            d.computed_figure(
                f"Chips & AI, 15-month view (initial budget plus the previous year's "
                f"supplementary), FY{target_year} against FY{base_year}",
                f"{_about(bases, target_year)}{d.yen_exact(pair[1])} against "
                f"{_about(bases, base_year)}{d.yen_exact(pair[0])} "
                f"({d.percent_change_text(change.quantize(Decimal('0.1')))})",
                d.exact_value(ratio(pair[1], pair[0])),
            )
        )
        direction = "less" if pair[1] < pair[0] else "more"
        chips = growth[(growth["item"] == "chips-ai") & (growth["basis"] == "initial")].iloc[0]
        headline = (
            f"In the FY{target_year}{draft or ' budget'}, chips & AI money is "
            f"{d.multiple_text(chips['multiple'])} FY{base_year}'s initial budget, but counted "
            f"with the supplementary budget passed before each year it is "
            f"{_about(bases, target_year)}{d.yen_exact(pair[1])}, "
            f"{abs(change).quantize(Decimal('0.1'))}% {direction} than "
            f"FY{base_year}'s {_about(bases, base_year)}{d.yen_exact(pair[0])}."
        )
        return {"title": title, "headline": headline, "figures": figures, "more": sentences}
    return {"title": title, "headline": sentences[0], "figures": figures, "more": sentences[1:]}


def growth_table(growth: pd.DataFrame, rates: dict[int, Any]) -> pd.DataFrame:
    """The growth table for readers: each item and basis, both years, multiple, change, US$."""
    rows = []
    for row in growth.itertuples():
        base_year, target_year = row.base_year, row.target_year
        rows.append(
            {
                "Item": d.item_label(row.item),
                "Counted as": _BASIS_LABELS.get(row.basis, row.basis),
                f"FY{base_year}": ("about " if row.base_qualified else "")
                + d.yen_exact(row.base_jpy)
                + (" (cabinet draft)" if "initial-draft" in row.base_budget else ""),
                f"FY{target_year}": ("about " if row.target_qualified else "")
                + d.yen_exact(row.target_jpy)
                + (" (cabinet draft)" if "initial-draft" in row.target_budget else ""),
                "Multiple": d.multiple_text(row.multiple),
                "Change": d.percent_change_text(row.change_pct),
                f"FY{base_year} in US$": ("about " if row.base_qualified else "")
                + format_usd(row.base_usd),
                f"FY{target_year} in US$": ("about " if row.target_qualified else "")
                + format_usd(row.target_usd),
                "Note": "; ".join(
                    n
                    for n in (
                        row.note,
                        "includes a figure the source gives as approximate"
                        if row.qualified
                        else "",
                        "includes a figure marked weak (single source)" if row.weak else "",
                    )
                    if n
                ),
                "Source": [d.source(s) for s in row.source_ids],
            }
        )
    return pd.DataFrame(rows)


def bases_table(bases: pd.DataFrame) -> pd.DataFrame:
    """Chips & AI money per fiscal year on each basis, as printed where a source printed it."""
    rows = []
    for row in bases.itertuples():

        def shown(amount: Any, text: str = "") -> str:
            if pd.isna(amount):
                return "no figure in the sources"
            return text or d.yen_exact(int(amount))

        status = d.status_text(row.fiscal_year, row.initial_budget) if row.initial_budget else ""
        rows.append(
            {
                "Fiscal year": f"FY{row.fiscal_year}",
                "Initial budget": d.mark_amount(
                    shown(row.initial_jpy, row.initial_text), weak=row.initial_weak
                )
                + (f" ({status})" if "draft" in status else ""),
                "Supplementary budget of the year": d.mark_amount(
                    shown(row.supplementary_jpy, row.supplementary_text),
                    weak=row.supplementary_weak,
                ),
                "15-month view (initial + previous year's supplementary)": (
                    "not computable: no initial chips & AI figure"
                    if pd.isna(row.fifteen_month_jpy)
                    else d.mark_amount(
                        ("about " if row.qualified else "")
                        + d.yen_exact(int(row.fifteen_month_jpy)),
                        weak=row.weak,
                    )
                ),
                "Initial budget's share of the 15-month money": (
                    "" if pd.isna(row.regular_share) else d.share_text(row.regular_share)
                ),
                "Source": [d.source(s) for s in dict.fromkeys(row.source_ids)],
            }
        )
    return pd.DataFrame(rows)


def bases_sentences(
    bases: pd.DataFrame, growth: pd.DataFrame, mof: pd.Series, base_year: int, target_year: int
) -> list[str]:
    """Which basis the article's "quadrupling" uses, and what the other bases show."""
    frame = bases.set_index("fiscal_year")
    out = []
    initial = growth[(growth["item"] == "chips-ai") & (growth["basis"] == "initial")]
    if not initial.empty:
        row = initial.iloc[0]
        out.append(
            f"On the initial-budget basis, FY{target_year} is {d.multiple_text(row['multiple'])} "
            f"FY{base_year}: this is the basis of the reported near-quadrupling."
        )
    if target_year in frame.index and not pd.isna(frame.loc[target_year, "initial_jpy"]):
        target = int(frame.loc[target_year, "initial_jpy"])
        bigger = [
            f"FY{y} ({d.yen_exact(int(frame.loc[y, 'supplementary_jpy']))})"
            for y in frame.index
            if y < target_year
            and not pd.isna(frame.loc[y, "supplementary_jpy"])
            and int(frame.loc[y, "supplementary_jpy"]) > target
        ]
        if bigger:
            out.append(
                f"Yet the FY{target_year} initial budget, {d.yen_exact(target)}, is smaller than "
                f"the supplementary budget of each of {_and_list(bigger)}."
            )
    pair = _bases_pair(bases, base_year, target_year)
    if pair:
        out.append(
            f"In the 15-month view the money goes from {_about(bases, base_year)}"
            f"{d.yen_exact(pair[0])} to {_about(bases, target_year)}"
            f"{d.yen_exact(pair[1])}, {d.multiple_text((ratio(pair[1], pair[0])).quantize(Decimal('0.01')))} FY{base_year}."
        )
        if int(mof["fiscal_year"]) + 1 == target_year:
            out.append(
                f"The Ministry of Finance gives this figure as {mof['amount_text']} "
                f"({'about ' if mof['qualifier'] else ''}{d.yen_exact(int(mof['amount_jpy']))}) "
                f"for FY{target_year} together with the "
                f"FY{target_year - 1} supplementary budget."
            )
        shares = [frame.loc[y, "regular_share"] for y in (base_year, target_year)]
        out.append(
            f"The initial budget's share of that money rises from {d.share_text(shares[0])} to "
            f"{d.share_text(shares[1])}: the money moves into the regular budget more than it grows."
        )
    return out


def drivers_table(drivers: pd.DataFrame, base_year: int, target_year: int) -> pd.DataFrame:
    """What drove the whole's change, line by line, with what the sources cannot compare."""
    rows = []
    for row in drivers.itertuples():

        def shown(amount: Any) -> str:
            return "no figure in the sources" if pd.isna(amount) else d.yen_exact(int(amount))

        rows.append(
            {
                "Line": d.item_label(row.item),
                f"FY{base_year}": "" if row.status == "remainder" else shown(row.base_jpy),
                f"FY{target_year}": "" if row.status == "remainder" else shown(row.target_jpy),
                "Change": (
                    "not comparable: " + row.status
                    if pd.isna(row.change_jpy)
                    else ("+" if int(row.change_jpy) >= 0 else "")
                    + d.yen_exact(int(row.change_jpy))
                ),
                "Share of the total change": (
                    "" if pd.isna(row.share) else d.share_text(row.share)
                ),
                "Source": [d.source(s) for s in dict.fromkeys(row.source_ids)]
                or "Computed from the rows above",
            }
        )
    return pd.DataFrame(rows)


def drivers_sentences(drivers: pd.DataFrame, base_year: int, target_year: int) -> list[str]:
    """The share of METI's increase from chips & AI, and the rest, in words."""
    frame = drivers.set_index("item")
    whole = frame.iloc[0]
    out = [
        f"{d.item_label(frame.index[0])} grows by {d.yen_exact(int(whole['change_jpy']))} from "
        f"FY{base_year} to FY{target_year}."
    ]
    if "chips-ai" in frame.index and frame.loc["chips-ai", "status"] == "compared":
        chips = frame.loc["chips-ai"]
        out.append(
            f"The chips & AI envelope accounts for {d.yen_exact(int(chips['change_jpy']))} of it, "
            f"{d.share_text(chips['share'])}."
        )
    unmatched = [
        d.in_sentence(d.item_label(i))
        for i, r in frame.iterrows()
        if str(r["status"]).startswith("no figure")
    ]
    rest = frame.loc["not itemised in sources"]
    compared = bool((frame["status"] == "compared").any())  # a line the change is traced to
    out.append(
        (
            f"The remaining {d.yen_exact(int(rest['change_jpy']))} "
            f"({d.share_text(rest['share'])}) is not itemised by the sources"
            if compared
            else "None of it can be traced to a line the sources itemise"
        )
        + (
            f"; {_and_list(unmatched)} {'has' if len(unmatched) == 1 else 'have'} no "
            f"FY{base_year} figure to compare with"
            if unmatched
            else ""
        )
        + "."
    )
    return out
