"""What ``claims_check.ipynb`` shows: its finding, every claim with its verdict and rule, and the
captions, in the active language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ... import formats, terms
from ...i18n import N_, gettext, ngettext
from .. import display as d
from .common import cite

_RULE_WORDS = {
    "exact": N_("the stated figure equals the sourced one"),
    "rounding": N_(
        "the sourced figure rounds to the stated one at the precision it is printed with"
    ),
    "tolerance": N_("the stated figure is within %(tolerance)s of the sourced one"),
    "threshold": N_("the sourced share is more than the stated %(stated)s%%"),
}

#: The same rules, said of a claim they reject, so that the rule never contradicts the verdict.
_FAILED_RULE_WORDS = {
    "tolerance": N_(
        "the stated figure is not within %(tolerance)s of the sourced one (%(deviation)s)"
    ),
    "threshold": N_("the sourced share is not more than the stated %(stated)s%%"),
}


def _tolerance_text(tolerance: float) -> str:
    """A tolerance as a percentage, "5%" or "2.5%"."""
    return f"{Decimal(repr(tolerance)) * 100:.1f}%".replace(".0%", "%")


def _percent(value: Decimal, places: str) -> str:
    return f"{value.quantize(Decimal(places))}%"


#: The claims shown as key figures: claim, label, the recomputed value shown and as a number,
#: and whether the note says that the figure counts equity only.
_KEY_CLAIMS = (
    (
        "chips-ai-multiple",
        N_('Chips & AI, FY2026 draft over FY2025; the article: "%(stated)s"'),
        lambda v: formats.multiple_text(v.quantize(Decimal("0.01"))),
        d.exact_value,
        False,
    ),
    (
        "meti-growth-driver",
        N_('Share of METI\'s increase from chips & AI; the article: "%(stated)s"'),
        lambda v: _percent(v, "0.1"),
        d.exact_value,
        False,
    ),
    (
        "rapidus-cumulative",
        N_('Rapidus, cumulative; the article: "%(stated)s"'),
        lambda v: gettext(N_("%(amount)s of government equity"), amount=d.yen_exact(int(v))),
        int,
        True,
    ),
)


def _deviation_text(row: Any) -> str:
    """The deviation in percent with its sign and two decimals, "+7.44%" ("" for thresholds)."""
    if row.deviation_pct is None:
        return ""
    return f"{row.deviation_pct.quantize(Decimal('0.01')):+}%"


def rule_text(row: Any, tolerance: float) -> str:
    """The rule behind a verdict, in words, with the numbers it used; for a rejected claim, the
    rule as it failed ("... is not within 2% ... (+7.44%)"), never words that read as agreement."""
    failed = row.verdict == "inconsistent" and row.rule in _FAILED_RULE_WORDS
    words = gettext(
        (_FAILED_RULE_WORDS if failed else _RULE_WORDS)[row.rule],
        tolerance=_tolerance_text(tolerance),
        stated=row.stated_value,
        deviation=_deviation_text(row),
    )
    if row.rule == "threshold" and row.relation == "regular-share":
        words = gettext(
            N_("%(rule)s, or not higher than the year before")
            if failed
            else N_("%(rule)s, and higher than the year before"),
            rule=words,
        )
    if row.rule == "tolerance" and row.truncated:
        words = gettext(
            N_("%(rule)s; the stated figure is the sourced one cut off, not rounded"), rule=words
        )
    return words


def _note(row: Any) -> str:
    if not row.weak:
        return row.claim_note
    weak = gettext(N_("weak: the sourced figure comes from a single source."))
    return gettext(N_("%(weak)s %(note)s"), weak=weak, note=row.claim_note).strip()


def claims_table(checked: pd.DataFrame, tolerance: float) -> pd.DataFrame:
    """Every claim: stated, recomputed, deviation, verdict, the rule in words, the claim's note."""
    rows = []
    for row in checked.itertuples():
        rows.append(
            {
                gettext(N_("Claim")): row.subject,
                gettext(N_("Stated")): gettext(
                    N_("%(stated)s (%(attributed_to)s)"),
                    stated=row.stated_shown,
                    attributed_to=row.attributed_to,
                ),
                gettext(N_("From the sources")): d.recomputed_text(row),
                gettext(N_("How")): row.how,
                gettext(N_("Deviation")): _deviation_text(row),
                gettext(N_("Verdict")): terms.verdict_label(row.verdict, weak=bool(row.weak)),
                gettext(N_("Rule")): rule_text(row, tolerance),
                gettext(N_("Note")): _note(row),
                gettext(N_("Source")): [d.source(s) for s in dict.fromkeys(row.source_ids)],
            }
        )
    return pd.DataFrame(rows)


def _headline(checked: pd.DataFrame) -> str:
    bad = checked[checked["verdict"] == "inconsistent"]
    total, agree = len(checked), len(checked) - len(bad)
    if not len(bad):
        return ngettext(
            "The article's %(num)d checkable statement agrees with the sources under the rules "
            "this report states.",
            "All %(num)d of the article's checkable statements agree with the sources under the "
            "rules this report states.",
            total,
        )
    wrong = ""
    for r in bad.itertuples():
        one = gettext(
            N_('"%(stated)s" (%(claim)s) does not: the sources give %(recomputed)s'),
            stated=r.stated_shown,
            claim=d.in_sentence(r.subject),
            recomputed=d.recomputed_text(r),
        )
        # one message per pair, so that Japanese can end each claim with its own sentence
        wrong = gettext(N_("%(claims)s; %(claim)s"), claims=wrong, claim=one) if wrong else one
    return ngettext(
        "Of the article's %(num)d checkable statement, %(agree)d agrees with the sources under "
        "the rules this report states; %(wrong)s.",
        "Of the article's %(num)d checkable statements, %(agree)d agree with the sources under "
        "the rules this report states; %(wrong)s.",
        total,
        agree=agree,
        wrong=wrong,
    )


def claims_finding(checked: pd.DataFrame, tolerance: float) -> dict:
    """Title, headline and key figures of ``claims_check.ipynb``."""
    frame = checked.set_index("claim_id")
    figures = [
        d.computed_figure(
            gettext(label, stated=row["stated_shown"]),
            shown(row["recomputed_value"]),
            value(row["recomputed_value"]),
            note=gettext(
                N_("%(verdict)s; counts equity only"), verdict=terms.verdict_label(row["verdict"])
            )
            if equity
            else terms.verdict_label(row["verdict"]),
        )
        for claim_id, label, shown, value, equity in _KEY_CLAIMS
        if claim_id in frame.index
        for row in [frame.loc[claim_id]]
    ]
    title = gettext(
        N_("Checking the article's claims against the sources (tolerance %(tolerance)s)"),
        tolerance=_tolerance_text(tolerance),
    )
    return {"title": title, "headline": _headline(checked), "figures": figures, "more": []}


def claims_captions() -> dict[str, str]:
    """The captions and "How to cite" line of ``claims_check.ipynb``'s table and chart."""
    return {
        "claims": gettext(
            N_(
                "The article's claims, recomputed from the sources, with the rule behind each verdict"
            )
        ),
        "claims-deviation-chart": gettext(
            N_(
                "Each stated figure's deviation from its recomputation, with the range its rule "
                "accepts"
            )
        ),
        "claims-deviation-chart-cite": cite(
            gettext(N_("Checking the article's claims against the sources"))
        ),
    }
