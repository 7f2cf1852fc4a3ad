"""What ``rapidus_cumulative.ipynb`` shows: its finding, the commitments, running-total and
context tables, and which scope the article's cumulative figure counts."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import display as d
from .common import total_text


def rapidus_finding(params: dict[str, Any], rows: pd.DataFrame) -> dict:
    """Title, headline and key figures of ``rapidus_cumulative.ipynb``: the chosen scope's total
    and, always, both the equity total and the total of all support."""
    from .. import rapidus

    through = params["through_year"]
    scope = params["scope"]
    totals = {
        s: rapidus.commitments(s, through, include_plans=False) for s in rapidus.RAPIDUS_SCOPES
    }
    texts = {
        s: total_text(rapidus.counted_total(r), rapidus.total_has_ceiling(r))
        for s, r in totals.items()
    }
    draft = any(str(b).endswith("initial-draft") for b in rows.loc[rows["counted"], "booked_to"])
    through_text = f"FY{through}" + (" (counting the cabinet draft)" if draft else "")
    headline = (
        f"Through {through_text}, government equity in Rapidus comes to {texts['equity']}; "
        f"with the subsidies ({texts['subsidies']}), all public support is {texts['all']}."
    )
    more = []
    plans = rows[rows["kind"] == "plan"]
    for _, plan in plans.iterrows():
        more.append(
            f"A further plan of {plan['amount_text']} for {plan['booked_to'].replace(' (plan)', '')}"
            " overlaps these figures and is not added to them."
        )
    weak = rows[(~rows["counted"]) & (rows["confidence"] == "weak")]
    if len(weak):
        more.append(
            f"A single paywalled source reports {weak.iloc[0]['amount_text']} of R&D money in the "
            "FY2026 draft (weak: not counted)."
        )
    figures = [
        d.computed_figure(
            f"{d.SCOPE_LABELS[s].capitalize()} through FY{through}",
            texts[s],
            rapidus.counted_total(r),
            note='includes ceilings, "up to" amounts' if rapidus.total_has_ceiling(r) else None,
        )
        for s, r in totals.items()
    ]
    for _, row in pd.concat([plans, weak]).iterrows():
        figures.append(
            d.figure_from_row(
                d.KIND_LABELS.get(str(row["kind"]), str(row["kind"])).capitalize()
                + f", {str(row['booked_to']).replace(' (plan)', '').replace('initial-draft', 'cabinet draft')}",
                row,
                note="plan: not added" if row["kind"] == "plan" else "weak: not added",
            )
        )
    title = f"Public money for Rapidus through FY{through}: {d.SCOPE_LABELS[scope]}"
    return {"title": title, "headline": headline, "figures": figures, "more": more}


def commitments_table(rows: pd.DataFrame, fx: Any) -> pd.DataFrame:
    """Each commitment: date as precise as its source, as printed, exact, counted or why not."""
    out = []
    for _, r in rows.iterrows():
        precision = str(r.get("announced_precision", "day"))
        rate = fx.rate_for(int(r["fiscal_year"]), announced=r["announced"])
        out.append(
            {
                "Announced": d.date_text(r["announced"], precision),
                "Kind": d.KIND_LABELS.get(str(r["kind"]), str(r["kind"])),
                "As printed": str(r["amount_text"]),
                "Booked to": str(r["booked_to"]).replace("initial-draft", "cabinet draft"),
                "In the total": "yes" if r["counted"] else f"no ({r['reason']})",
                "In US$": (f"{r['qualifier']} " if str(r["qualifier"]) else "")
                + d.usd_text(int(r["amount_jpy"]), rate)
                + f" at {d.rate_text(rate)}"
                + (
                    f" (the first day of the {precision} it is dated to)"
                    if precision in ("month", "year") and getattr(rate, "date_used", None)
                    else ""
                ),
                "Source": [d.source(str(r["source_id"]))],
            }
        )
    return pd.DataFrame(out)


def cumulative_table(cumulative: pd.DataFrame) -> pd.DataFrame:
    """The running total by fiscal year, "up to" once a ceiling is in it."""
    return pd.DataFrame(
        {
            "Fiscal year": [f"FY{y}" for y in cumulative["fiscal_year"]],
            "Added": [d.yen_exact(int(a)) if int(a) else "–" for a in cumulative["amount_jpy"]],
            "Running total": [
                total_text(int(t), bool(c))
                for t, c in zip(cumulative["cumulative_jpy"], cumulative["ceiling"], strict=True)
            ],
        }
    )


def context_table(context: pd.DataFrame) -> pd.DataFrame:
    """What the spending totals leave out, as printed."""
    return pd.DataFrame(
        {
            "Date": [d.date_text(x) for x in context["date"]],
            "What": context["subject"].astype(str).str.replace("initial-draft", "cabinet draft"),
            "As printed": context["text"].astype(str),
            "Source": [[d.source(str(s))] for s in context["source_id"]],
        }
    )


def claim_scope_sentence(through_year: int) -> str:
    """Which scope the article's "cumulative ¥250 billion" counts."""
    from ... import data
    from .. import rapidus

    claim = data.load("claims").set_index("claim_id").loc["rapidus-cumulative"]
    stated = int(claim["stated_value"])
    totals = rapidus.scope_totals(through_year)
    matching = [d.SCOPE_LABELS[s] for s, t in totals.items() if t == stated]
    if not matching:
        return (
            f"The article's cumulative {claim['stated_text']} matches no scope through "
            f"FY{through_year}."
        )
    return (
        f"The article's cumulative public investment of {claim['stated_text']} "
        f"({claim['attributed_to']}) counts {' and '.join(matching)} only: all public support "
        f"through FY{through_year} is "
        + total_text(
            totals["all"],
            rapidus.total_has_ceiling(
                rapidus.commitments("all", through_year, include_plans=False)
            ),
        )
        + "."
    )
