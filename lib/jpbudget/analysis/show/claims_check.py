"""What ``claims_check.ipynb`` shows: its finding and every claim with its verdict and rule."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from .. import display as d

_RULE_WORDS = {
    "exact": "the stated figure equals the sourced one",
    "rounding": "the sourced figure rounds to the stated one at the precision it is printed with",
    "tolerance": "the stated figure is within {tol} of the sourced one",
    "threshold": "the sourced share is more than the stated {stated}%",
}


def _tolerance_text(tolerance: float) -> str:
    """A tolerance as a percentage, "5%" or "2.5%"."""
    return f"{Decimal(repr(tolerance)) * 100:.1f}%".replace(".0%", "%")


#: The claims shown as key figures: claim, label, the recomputed value shown and as a number,
#: and what the note adds to the verdict.
_KEY_CLAIMS = (
    (
        "chips-ai-multiple",
        "Chips & AI, FY2026 draft over FY2025",
        lambda v: f"{v.quantize(Decimal('0.01'))}×",
        d.exact_value,
        "",
    ),
    (
        "meti-growth-driver",
        "Share of METI's increase from chips & AI",
        lambda v: f"{v.quantize(Decimal('0.1'))}%",
        d.exact_value,
        "",
    ),
    (
        "rapidus-cumulative",
        "Rapidus, cumulative",
        lambda v: d.yen_exact(int(v)) + " of government equity",
        int,
        "; counts equity only",
    ),
)


def rule_text(row: Any, tolerance: float) -> str:
    """The rule behind a verdict, in words, with the numbers it used."""
    words = _RULE_WORDS[row.rule].format(tol=_tolerance_text(tolerance), stated=row.stated_value)
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
        f"with the sources under the rules this report states"
        + (
            "; "
            + "; ".join(
                f'"{r.stated}" ({d.in_sentence(r.subject)}) does not: the sources give '
                f"{d.recomputed_text(r)}"
                for r in bad.itertuples()
            )
            if len(bad)
            else ""
        )
        + "."
    )
    figures = [
        d.computed_figure(
            f'{label}; the article: "{row["stated"]}"',
            shown(row["recomputed_value"]),
            value(row["recomputed_value"]),
            note=row["verdict"] + note,
        )
        for claim_id, label, shown, value, note in _KEY_CLAIMS
        if claim_id in frame.index
        for row in [frame.loc[claim_id]]
    ]
    title = (
        "Checking the article's claims against the sources "
        f"(tolerance {_tolerance_text(tolerance)})"
    )
    return {"title": title, "headline": headline, "figures": figures, "more": []}
