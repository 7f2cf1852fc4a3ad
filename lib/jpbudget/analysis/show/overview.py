"""What ``overview.ipynb`` shows: its finding and the spending, company, subsidy and
reference tables."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from .. import display as d
from .common import total_text


def _kind_total(spending: pd.DataFrame, kind: str) -> tuple[int, bool]:
    rows = spending[(spending["kind"] == kind) & spending["counted"]]
    return int(rows["amount_jpy"].sum()), bool((rows["qualifier"] != "").any())


def _key_figures(
    first: int, last: int, total: dict, sup: int, sup_about: bool, rate: Any
) -> list[Any]:
    """The overview's key figures: the total in yen and dollars, the supplementary part, and
    the reference figures (targets and reported totals, never added)."""
    about = "about " if total["approximate"] else ""
    figures = [
        d.computed_figure(
            f"Chips & AI money in budgets, FY{first}-FY{last}",
            f"{about}{d.yen_exact(total['total_jpy'])}",
            total["total_jpy"],
            note="; ".join(
                n
                for n in (
                    "includes the cabinet draft" if total["includes_draft"] else "",
                    f"leaves out {d.yen_exact(total['weak_jpy'])} marked weak (single source)"
                    if total["weak_jpy"]
                    else "",
                )
                if n
            )
            or None,
        ),
        d.computed_figure(
            "The same in US dollars",
            f"{about}{d.usd_text(total['total_jpy'], rate)}",
            d.exact_value(Decimal(repr(rate.convert(total["total_jpy"]))), 0),
            note=f"at {d.rate_text(rate, nested=True)}",
        ),
        d.computed_figure(
            "of which supplementary budgets",
            f"{'about ' if sup_about else ''}{d.yen_exact(sup)}",
            sup,
        ),
    ]
    from .. import overview

    refs = overview.reference_figures()
    for _, ref in refs.iterrows():
        figures.append(
            d.figure_from_row(
                d.item_label(str(ref["figure"])),
                {
                    "amount_text": ref["amount_text"],
                    "amount_jpy": ref["amount_jpy"],
                    "source_id": ref["source_id"],
                },
                # the label already says "target" or "as reported"
                note="not spending" if ref["kind"] == "target" else None,
            )
        )
    return figures


def overview_finding(
    params: dict[str, Any], spending: pd.DataFrame, companies: pd.DataFrame, rate: Any
) -> dict:
    """Title, headline and key figures of ``overview.ipynb``."""
    from .. import overview

    first, last = params["first_year"], params["last_year"]
    total = overview.spending_total(spending)
    sup, sup_about = _kind_total(spending, "supplementary")
    ini, ini_about = _kind_total(spending, "initial")
    about = "about " if total["approximate"] else ""
    draft = " (counting the cabinet draft)" if total["includes_draft"] else ""
    headline = (
        f"From FY{first} to FY{last}{draft}, Japan's budgets set aside {about}"
        f"{d.yen_exact(total['total_jpy'])} for chips and AI: "
        f"{'about ' if sup_about else ''}{d.yen_exact(sup)} in supplementary budgets and "
        f"{'about ' if ini_about else ''}{d.yen_exact(ini)} in initial budgets."
    )
    more = []
    if total["weak_jpy"]:
        more.append(
            f"Left out of that total: {d.yen_exact(total['weak_jpy'])} marked weak in the data "
            "(a single source), shown in the table below."
        )
    top = companies.iloc[0] if len(companies) else None
    if top is not None:
        more.append(
            f"The largest commitments to one company went to {top['Company']} "
            f"({top['Total, well-sourced commitments']})."
        )
    figures = _key_figures(first, last, total, sup, sup_about, rate)
    title = f"Where Japan's public money for chips has gone, FY{first} to FY{last}"
    return {"title": title, "headline": headline, "figures": figures, "more": more}


def spending_table(spending: pd.DataFrame) -> pd.DataFrame:
    """Each year's initial and supplementary money, as printed, with its status and source."""
    return pd.DataFrame(
        {
            "Fiscal year": [f"FY{y}" for y in spending["fiscal_year"]],
            "Budget": [
                d.status_text(int(y), str(b)) if k == "initial" else "supplementary budget"
                for y, b, k in zip(
                    spending["fiscal_year"], spending["budget"], spending["kind"], strict=True
                )
            ],
            "What": [d.item_label(str(i)) for i in spending["item"]],
            "As printed": spending["amount_text"].astype(str),
            "Amount": [
                # the qualifier of the printed figure ("about", "up to") stays with the amount
                d.mark_amount((f"{q} " if q else "") + d.yen_exact(int(a)), weak=bool(w))
                for a, q, w in zip(
                    spending["amount_jpy"], spending["qualifier"], spending["weak"], strict=True
                )
            ],
            "Source": [[d.source(s) for s in str(x).split(", ")] for x in spending["source_id"]],
        }
    )


def companies_table(subsidies: pd.DataFrame) -> pd.DataFrame:
    """Firm commitments per company (ceilings say "up to"; weak figures kept out, with why)."""
    rows = []
    for company, group in subsidies.groupby("company", sort=False):
        firm = group[group["confidence"] != "weak"]
        weak = group[group["confidence"] == "weak"]
        ceiling = bool((firm["qualifier"] == "up to").any())
        rows.append(
            {
                "Company": company,
                "Commitments": len(firm),
                "Total, well-sourced commitments": total_text(
                    int(firm["amount_jpy"].sum()), ceiling
                ),
                "Not counted": "; ".join(
                    f"{r['amount_text']} (weak: single source)" for _, r in weak.iterrows()
                ),
                "Source": [d.source(s) for s in dict.fromkeys(group["source_id"])],
                "_total": int(firm["amount_jpy"].sum()),
            }
        )
    frame = pd.DataFrame(rows).sort_values("_total", ascending=False, kind="stable")
    return frame.drop(columns="_total").reset_index(drop=True)


def subsidies_table(subsidies: pd.DataFrame) -> pd.DataFrame:
    """Each subsidy on the timeline: date as precise as its source, as printed, source."""
    return pd.DataFrame(
        {
            "Announced": [
                d.date_text(a, p)
                for a, p in zip(
                    subsidies["announced"], subsidies["announced_precision"], strict=True
                )
            ],
            "Company": subsidies["company"],
            "Plant": subsidies["plant"],
            "As printed": [
                d.mark_amount(t, weak=c == "weak")
                for t, c in zip(subsidies["amount_text"], subsidies["confidence"], strict=True)
            ],
            "Source": [[d.source(s)] for s in subsidies["source_id"]],
        }
    )


def references_table(refs: pd.DataFrame) -> pd.DataFrame:
    """The reported cumulative total and the targets, as printed, with what each is."""
    return pd.DataFrame(
        {
            "Figure": [d.item_label(str(f)) for f in refs["figure"]],
            "As printed": refs["amount_text"],
            "What it is": [
                ("a target" if k == "target" else "a reported total, not a sum of the rows above")
                + ("" if p else "; includes private investment")
                for k, p in zip(refs["kind"], refs["public"], strict=True)
            ],
            "Source": [[d.source(s)] for s in refs["source_id"]],
        }
    )


def target_lines(refs: pd.DataFrame) -> list[dict[str, Any]]:
    """The targets as one reference line for the timeline, at the earliest target's date.

    The multi-year targets were set together (a framework of November 2024), so they share one
    line, labelled with each target as printed.
    """
    from ... import data

    targets = refs[refs["kind"] == "target"]
    if targets.empty:
        return []
    dates = [data.sources(str(s)).iloc[0]["published"] for s in targets["source_id"]]
    labels = [
        f"{ref['amount_text']} "
        + ("of public support by FY2030" if ref["public"] else "public and private")
        for _, ref in targets.iterrows()
    ]
    return [
        {
            "date": min(dates),
            "label": "; ".join(labels),
            "source_id": str(targets.iloc[0]["source_id"]),
        }
    ]
