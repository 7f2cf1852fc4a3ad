"""What ``allocation_shares.ipynb`` shows: its finding and the table of an envelope's lines."""

from __future__ import annotations

from typing import Any

import pandas as pd

from .. import display as d
from ..budget import regular_budget


def _is_draft(row: pd.Series) -> bool:
    return str(row["budget"]) == "initial-draft"


# An envelope inside a sentence ("Of the ¥1.239 trillion of chips & AI money in ...").
_MONEY = {"chips-ai": "chips & AI money", "meti-total": "METI's total budget"}


def allocation_finding(result: Any) -> dict:
    """Title, headline and key figures of ``allocation_shares.ipynb``."""
    env = result.envelope_row
    label = d.item_label(result.envelope)
    when = d.year_label(result.fiscal_year, str(env["budget"]))
    lines = result.table.iloc[:-1]
    rest = result.table.iloc[-1]
    parts = [
        f"{d.yen_exact(r.amount_jpy)} ({d.share_text(r.share)}) for {d.in_sentence(d.item_label(r.item))}"
        for r in lines.itertuples()
    ]
    money = _MONEY.get(result.envelope, f"{label} money")
    envelope_weak = str(env["confidence"]) == "weak"
    total = d.mark_amount(d.yen_exact(result.total_jpy), weak=envelope_weak)
    headline = (
        f"Of the {total} of {money} in the {when}, the sources "
        f"itemise {'; '.join(parts)}; the other {d.yen_exact(int(rest['amount_jpy']))} "
        f"({d.share_text(rest['share'])}) is not itemised in the sources."
    )
    more = []
    weak = result.reported_elsewhere
    if len(weak):
        first = weak.iloc[0]
        more.append(
            f"A single paywalled source reports {first['amount_text']} "
            f"({first['qualifier'] + ' ' if first['qualifier'] else ''}"
            f"{d.yen_exact(int(first['amount_jpy']))}) for "
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
    title = f"Where {'' if money.startswith('METI') else 'the '}{money} of the {when} goes"
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
