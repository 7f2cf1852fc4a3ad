"""What each notebook shows: its finding, its tables (reader headers, linked sources) and the
sentences that depend on its parameters, built from the results of the question modules with
the words of :mod:`.display`. Notebooks pass these to :mod:`jpbudget.present`.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ..yen import format_usd
from . import display as d
from .budget import regular_budget

__all__ = [
    "bases_sentences",
    "bases_table",
    "drivers_sentences",
    "drivers_table",
    "growth_finding",
    "growth_table",
]


def finding(found: dict) -> None:
    """Display a finding (one headline sentence) and, right after it, its other sentences."""
    from ..present import finding as show_finding

    show_finding(found["title"], found["headline"], found["figures"])
    d.say(*found.get("more", []))


def _ratio(a: int, b: int) -> Decimal:
    return Decimal(a) / Decimal(b)


# --- budget growth ----------------------------------------------------------------------------


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
        change = (_ratio(pair[1], pair[0]) - 1) * 100
        figures.append(
            d.computed_figure(
                f"Chips & AI, 15-month view (initial budget plus the previous year's "
                f"supplementary), FY{target_year} against FY{base_year}",
                f"about {d.yen_exact(pair[1])} against about {d.yen_exact(pair[0])} "
                f"({d.percent_change_text(change.quantize(Decimal('0.1')))})",
                d.exact_value(_ratio(pair[1], pair[0])),
            )
        )
        direction = "less" if pair[1] < pair[0] else "more"
        chips = growth[(growth["item"] == "chips-ai") & (growth["basis"] == "initial")].iloc[0]
        headline = (
            f"In the FY{target_year}{draft or ' budget'}, chips & AI money is "
            f"{d.multiple_text(chips['multiple'])} FY{base_year}'s initial budget, but counted "
            f"with the supplementary budget passed before each year it is about "
            f"{d.yen_exact(pair[1])}, {abs(change).quantize(Decimal('0.1'))}% {direction} than "
            f"FY{base_year}'s about {d.yen_exact(pair[0])}."
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
                "Counted as": row.basis,
                f"FY{base_year}": d.yen_exact(row.base_jpy),
                f"FY{target_year}": d.yen_exact(row.target_jpy)
                + (" (cabinet draft)" if "initial-draft" in row.target_budget else ""),
                "Multiple": d.multiple_text(row.multiple),
                "Change": d.percent_change_text(row.change_pct),
                f"FY{base_year} in US$": format_usd(row.base_usd),
                f"FY{target_year} in US$": format_usd(row.target_usd),
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
            f"FY{y} ({frame.loc[y, 'supplementary_text']})"
            for y in frame.index
            if y < target_year
            and not pd.isna(frame.loc[y, "supplementary_jpy"])
            and int(frame.loc[y, "supplementary_jpy"]) > target
        ]
        if bigger:
            out.append(
                f"Yet the FY{target_year} initial budget, {d.yen_exact(target)}, is smaller than "
                f"the supplementary budgets of {', '.join(bigger)}."
            )
    pair = _bases_pair(bases, base_year, target_year)
    if pair:
        out.append(
            f"In the 15-month view the money goes from about {d.yen_exact(pair[0])} to about "
            f"{d.yen_exact(pair[1])}, {d.multiple_text((_ratio(pair[1], pair[0])).quantize(Decimal('0.01')))} FY{base_year}."
        )
        if int(mof["fiscal_year"]) + 1 == target_year:
            out.append(
                f"The Ministry of Finance gives this figure as {mof['amount_text']} "
                f"(about ¥1.5 trillion) for FY{target_year} together with the "
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
        d.item_label(i) for i, r in frame.iterrows() if str(r["status"]).startswith("no figure")
    ]
    rest = frame.loc["not itemised in sources"]
    out.append(
        f"The remaining {d.yen_exact(int(rest['change_jpy']))} ({d.share_text(rest['share'])}) is "
        "not itemised by the sources"
        + (
            f"; {' and '.join(unmatched)} have no FY{base_year} figure to compare with"
            if unmatched
            else ""
        )
        + "."
    )
    return out


def cite(title: str) -> str:
    """A "How to cite" line for a chart or table: title, project, data version."""
    from .. import data

    return f'"{title}", jp-chip-budget, data version {data.package_checksum()[:12]}.'


# --- allocation -------------------------------------------------------------------------------


def _is_draft(row: pd.Series) -> bool:
    return str(row["budget"]) == "initial-draft"


def allocation_finding(result: Any) -> dict:
    """Title, headline and key figures of ``allocation_shares.ipynb``."""
    env = result.envelope_row
    label = d.item_label(result.envelope)
    when = d.year_label(result.fiscal_year, str(env["budget"]))
    lines = result.table.iloc[:-1]
    rest = result.table.iloc[-1]
    parts = [
        f"{d.item_label(r.item)} {d.yen_exact(r.amount_jpy)} ({d.share_text(r.share)})"
        for r in lines.itertuples()
    ]
    envelope_weak = str(env["confidence"]) == "weak"
    total = d.mark_amount(d.yen_exact(result.total_jpy), weak=envelope_weak)
    headline = (
        f"Of the {total} {label} money in the {when}, the sources "
        f"itemise {'; '.join(parts)}; {d.yen_exact(int(rest['amount_jpy']))} "
        f"({d.share_text(rest['share'])}) is not itemised in the sources."
    )
    more = []
    weak = result.reported_elsewhere
    if len(weak):
        first = weak.iloc[0]
        more.append(
            f"A single paywalled source reports {first['amount_text']} for "
            f"{d.item_label(str(first['item'])).replace(' (reported)', '')} in the same draft "
            "(weak: not counted)."
        )
    figures = [d.figure_from_row(f"{label}, {when}", env)]
    figures += [
        d.figure_from_row(d.item_label(r.item), regular_budget(result.fiscal_year, r.item))
        for r in lines.itertuples()
    ]
    figures.append(
        d.computed_figure(
            "Not itemised in the sources",
            f"{d.yen_exact(int(rest['amount_jpy']))} ({d.share_text(rest['share'])})",
            int(rest["amount_jpy"]),
        )
    )
    title = f"Where the {label} money of the {when} goes"
    return {"title": title, "headline": headline, "figures": figures, "more": more}


def allocation_table(result: Any, rate: Any) -> pd.DataFrame:
    """Each line of the envelope: as printed, exact, share, US$ and source."""
    draft = _is_draft(result.envelope_row)
    rows = []
    for r in result.table.itertuples():
        remainder = r.item == "not itemised in sources"
        rows.append(
            {
                "Line": d.item_label(r.item),
                "As printed": "" if remainder else r.amount_text,
                "Amount": d.mark_amount(
                    d.yen_exact(r.amount_jpy),
                    draft=draft,
                    weak=remainder and str(result.envelope_row["confidence"]) == "weak",
                ),
                "Share": d.share_text(r.share),
                "In US$": d.usd_text(r.amount_jpy, rate),
                "Source": "Computed: the envelope less the itemised lines"
                if remainder
                else [d.source(r.source_id)],
            }
        )
    for _, r in result.reported_elsewhere.iterrows():
        rows.append(
            {
                "Line": d.item_label(str(r["item"])) + ", not counted",
                "As printed": str(r["amount_text"]),
                "Amount": d.mark_amount(
                    "about " + d.yen_exact(int(r["amount_jpy"])),
                    weak=str(r["confidence"]) == "weak",
                    draft=_is_draft(r),
                ),
                "Share": "",
                "In US$": "",
                "Source": [d.source(str(r["source_id"]))],
            }
        )
    return pd.DataFrame(rows)


# --- Rapidus ----------------------------------------------------------------------------------


def _total_text(total: int, ceiling: bool) -> str:
    return ("up to " if ceiling else "") + d.yen_exact(total)


def rapidus_finding(params: dict[str, Any], rows: pd.DataFrame) -> dict:
    """Title, headline and key figures of ``rapidus_cumulative.ipynb``: the chosen scope's total
    and, always, both the equity total and the total of all support."""
    from . import rapidus

    through = params["through_year"]
    scope = params["scope"]
    totals = {
        s: rapidus.commitments(s, through, include_plans=False) for s in rapidus.RAPIDUS_SCOPES
    }
    texts = {
        s: _total_text(rapidus.counted_total(r), rapidus.total_has_ceiling(r))
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
            note="includes ceilings (up to)" if rapidus.total_has_ceiling(r) else None,
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
                _total_text(int(t), bool(c))
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
    from .. import data
    from . import rapidus

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
        + _total_text(
            totals["all"],
            rapidus.total_has_ceiling(
                rapidus.commitments("all", through_year, include_plans=False)
            ),
        )
        + "."
    )


# --- claims -----------------------------------------------------------------------------------

_RULE_WORDS = {
    "exact": "the stated figure equals the sourced one",
    "rounding": "the sourced figure rounds to the stated one at the precision it is printed with",
    "tolerance": "the stated figure is within {tol} of the sourced one",
    "threshold": "the sourced share is more than the stated {stated}%",
}


def rule_text(row: Any, tolerance: float) -> str:
    """The rule behind a verdict, in words, with the numbers it used."""
    tol = f"{Decimal(repr(tolerance)) * 100:.1f}%".replace(".0%", "%")
    words = _RULE_WORDS[row.rule].format(tol=tol, stated=row.stated_value)
    if row.rule == "threshold" and row.relation == "regular-share":
        words += ", and higher than the year before"
    if row.rule == "tolerance" and row.truncated:
        words += "; the stated figure is the sourced one cut off, not rounded"
    return words


def claims_table(checked: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Every claim: stated, recomputed, deviation, verdict, the rule in words, the claim's note."""
    rows = []
    for row in checked.itertuples():
        rows.append(
            {
                "Claim": row.subject,
                "Stated": f"{row.stated} ({row.attributed_to})",
                "From the sources": d.recomputed_text(row),
                "How": row.how,
                "Deviation": ""
                if row.deviation_pct is None
                else f"{row.deviation_pct.quantize(Decimal('0.01')):+}%",
                "Verdict": row.verdict + (" (from a figure marked weak)" if row.weak else ""),
                "Rule": rule_text(row, tolerance),
                "Note": (
                    "weak: the sourced figure comes from a single source. " if row.weak else ""
                )
                + row.claim_note,
                "Source": [d.source(s) for s in dict.fromkeys(row.source_ids)],
            }
        )
    return pd.DataFrame(rows)


def claims_finding(checked: pd.DataFrame, tolerance: float) -> dict:
    """Title, headline and key figures of ``claims_check.ipynb``."""
    frame = checked.set_index("claim_id")
    bad = checked[checked["verdict"] == "inconsistent"]
    headline = (
        f"Of the article's {len(checked)} checkable statements, {len(checked) - len(bad)} agree "
        f"with the sources under the rules below"
        + (
            "; " + "; ".join(f"{r.stated} ({r.subject}) does not" for r in bad.itertuples())
            if len(bad)
            else ""
        )
        + "."
    )
    figures = []
    if "chips-ai-multiple" in frame.index:
        row = frame.loc["chips-ai-multiple"]
        figures.append(
            d.computed_figure(
                "Chips & AI, FY2026 draft over FY2025 (stated: " + row["stated"] + ")",
                f"{row['recomputed_value'].quantize(Decimal('0.01'))}×",
                d.exact_value(row["recomputed_value"]),
                note=row["verdict"],
            )
        )
    if "meti-growth-driver" in frame.index:
        row = frame.loc["meti-growth-driver"]
        figures.append(
            d.computed_figure(
                "Share of METI's increase from chips & AI (stated: " + row["stated"] + ")",
                f"{row['recomputed_value'].quantize(Decimal('0.1'))}%",
                d.exact_value(row["recomputed_value"]),
                note=row["verdict"],
            )
        )
    if "rapidus-cumulative" in frame.index:
        row = frame.loc["rapidus-cumulative"]
        figures.append(
            d.computed_figure(
                "Rapidus, cumulative (stated: " + row["stated"] + ")",
                d.yen_exact(int(row["recomputed_value"])) + " of government equity",
                int(row["recomputed_value"]),
                note=f"{row['verdict']}; counts equity only",
            )
        )
    tol = f"{Decimal(repr(tolerance)) * 100:.1f}%".replace(".0%", "%")
    title = f"Checking the article's claims against the sources (tolerance {tol})"
    return {"title": title, "headline": headline, "figures": figures, "more": []}


# --- overview ---------------------------------------------------------------------------------


def _kind_total(spending: pd.DataFrame, kind: str) -> tuple[int, bool]:
    rows = spending[(spending["kind"] == kind) & spending["counted"]]
    return int(rows["amount_jpy"].sum()), bool((rows["qualifier"] != "").any())


def overview_finding(
    params: dict[str, Any], spending: pd.DataFrame, companies: pd.DataFrame, rate: Any
) -> dict:
    """Title, headline and key figures of ``overview.ipynb``."""
    from . import overview

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
            f"({top['Firm commitments']})."
        )
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
            note=f"at {d.rate_text(rate)}",
        ),
        d.computed_figure(
            "of which supplementary budgets",
            f"{'about ' if sup_about else ''}{d.yen_exact(sup)}",
            sup,
        ),
    ]
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
                note="target, not spending" if ref["kind"] == "target" else "as reported",
            )
        )
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
                d.mark_amount(d.yen_exact(int(a)), weak=bool(w))
                for a, w in zip(spending["amount_jpy"], spending["weak"], strict=True)
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
                "Firm commitments": _total_text(int(firm["amount_jpy"].sum()), ceiling),
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
    from .. import data

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
