"""What ``budget_growth.ipynb`` shows about the bases and the drivers: chips & AI money per
year on each basis (initial, with the same year's supplementary, the 15-month view) and what
drove METI's change, line by line, as tables and sentences in the active language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ... import formats
from ...i18n import N_, gettext, ngettext
from .. import display as d
from .common import and_list, ratio


def about_text(bases: pd.DataFrame, year: int, text: str) -> str:
    """``text`` with "about" when the year's 15-month figure includes an approximate figure."""
    frame = bases.set_index("fiscal_year")
    return formats.qualify(text, "about") if bool(frame.loc[year, "qualified"]) else text


def bases_pair(bases: pd.DataFrame, base_year: int, target_year: int) -> tuple[int, int] | None:
    """The 15-month money of both years, or ``None`` when a year has none."""
    frame = bases.set_index("fiscal_year")
    if base_year not in frame.index or target_year not in frame.index:
        return None
    a, b = frame.loc[base_year, "fifteen_month_jpy"], frame.loc[target_year, "fifteen_month_jpy"]
    if pd.isna(a) or pd.isna(b):
        return None
    return int(a), int(b)


def _shown(amount: Any, text: str = "") -> str:
    if pd.isna(amount):
        return gettext(N_("no figure in the sources"))
    return formats.source_amount_text(int(amount), text) if text else d.yen_exact(int(amount))


def bases_table(bases: pd.DataFrame) -> pd.DataFrame:
    """Chips & AI money per fiscal year on each basis, as printed where a source printed it."""
    rows = []
    for row in bases.itertuples():
        initial = d.mark_amount(_shown(row.initial_jpy, row.initial_text), weak=row.initial_weak)
        if row.initial_budget == "initial-draft":
            status = d.status_text(row.fiscal_year, row.initial_budget)
            initial = gettext(N_("%(amount)s (%(status)s)"), amount=initial, status=status)
        if pd.isna(row.fifteen_month_jpy):
            fifteen = gettext(N_("not computable: no initial chips & AI figure"))
        else:
            fifteen = d.yen_exact(int(row.fifteen_month_jpy))
            fifteen = formats.qualify(fifteen, "about") if row.qualified else fifteen
            fifteen = d.mark_amount(fifteen, weak=row.weak)
        rows.append(
            {
                gettext(N_("Fiscal year")): d.fy(row.fiscal_year),
                gettext(N_("Initial budget")): initial,
                gettext(N_("Supplementary budget of the year")): d.mark_amount(
                    _shown(row.supplementary_jpy, row.supplementary_text),
                    weak=row.supplementary_weak,
                ),
                gettext(N_("15-month view (initial + previous year's supplementary)")): fifteen,
                gettext(N_("Initial budget's share of the 15-month money")): (
                    "" if pd.isna(row.regular_share) else d.share_text(row.regular_share)
                ),
                gettext(N_("Source")): [d.source(s) for s in dict.fromkeys(row.source_ids)],
            }
        )
    return pd.DataFrame(rows)


#: The target year's initial budget against earlier supplementary budgets, keyed by (whether it
#: follows the sentence on the initial-budget growth, so "Yet" has something to answer; draft).
_SMALLER_THAN_SUPPLEMENTARY = {
    (True, True): N_(
        "Yet the %(target)s cabinet draft's initial budget, %(amount)s, is "
        "smaller than the supplementary budget of each of %(years)s."
    ),
    (True, False): N_(
        "Yet the %(target)s initial budget, %(amount)s, is smaller than the "
        "supplementary budget of each of %(years)s."
    ),
    (False, True): N_(
        "The %(target)s cabinet draft's initial budget, %(amount)s, is "
        "smaller than the supplementary budget of each of %(years)s."
    ),
    (False, False): N_(
        "The %(target)s initial budget, %(amount)s, is smaller than the "
        "supplementary budget of each of %(years)s."
    ),
}


def bases_sentences(
    bases: pd.DataFrame, growth: pd.DataFrame, mof: pd.Series, base_year: int, target_year: int
) -> list[str]:
    """Which basis the article's "quadrupling" uses, and what the other bases show."""
    frame = bases.set_index("fiscal_year")
    base, target = d.fy(base_year), d.fy(target_year)
    out = []
    initial = growth[(growth["item"] == "chips-ai") & (growth["basis"] == "initial")]
    if not initial.empty:
        out.append(
            gettext(
                N_(
                    "On the initial-budget basis, %(target)s is %(multiple)s %(base)s: this is "
                    "the basis of the reported near-quadrupling."
                ),
                target=target,
                base=base,
                multiple=d.multiple_text(initial.iloc[0]["multiple"]),
            )
        )
    if target_year in frame.index and not pd.isna(frame.loc[target_year, "initial_jpy"]):
        amount = int(frame.loc[target_year, "initial_jpy"])
        bigger = [
            gettext(
                N_("%(fiscal_year)s (%(amount)s)"),
                fiscal_year=d.fy(y),
                amount=d.yen_exact(int(frame.loc[y, "supplementary_jpy"])),
            )
            for y in frame.index
            if y < target_year
            and not pd.isna(frame.loc[y, "supplementary_jpy"])
            and int(frame.loc[y, "supplementary_jpy"]) > amount
        ]
        if bigger:
            # a draft's figure is called a draft; "Yet" only after the growth it qualifies
            draft = str(frame.loc[target_year, "initial_budget"]) == "initial-draft"
            contrast = bool(out)
            out.append(
                gettext(
                    _SMALLER_THAN_SUPPLEMENTARY[(contrast, draft)],
                    target=target,
                    amount=d.yen_exact(amount),
                    years=and_list(bigger),
                )
            )
    pair = bases_pair(bases, base_year, target_year)
    if pair:
        out.append(
            gettext(
                N_(
                    "In the 15-month view the money goes from %(base_amount)s to "
                    "%(target_amount)s, %(multiple)s %(base)s."
                ),
                base_amount=about_text(bases, base_year, d.yen_exact(pair[0])),
                target_amount=about_text(bases, target_year, d.yen_exact(pair[1])),
                multiple=d.multiple_text(ratio(pair[1], pair[0]).quantize(Decimal("0.01"))),
                base=base,
            )
        )
        if int(mof["fiscal_year"]) + 1 == target_year:
            out.append(
                gettext(
                    N_(
                        "The Ministry of Finance gives this figure as %(amount)s for %(target)s "
                        "together with the %(previous)s supplementary budget."
                    ),
                    amount=formats.source_amount_text(
                        int(mof["amount_jpy"]), str(mof["amount_text"])
                    ),
                    target=target,
                    previous=d.fy(target_year - 1),
                )
            )
        shares = [frame.loc[y, "regular_share"] for y in (base_year, target_year)]
        out.append(
            gettext(
                N_(
                    "The initial budget's share of that money rises from %(base_share)s to "
                    "%(target_share)s: the money moves into the regular budget more than it "
                    "grows."
                ),
                base_share=d.share_text(shares[0]),
                target_share=d.share_text(shares[1]),
            )
        )
    return out


def _change_cell(row: Any) -> str:
    if pd.isna(row.change_jpy):
        status = str(row.status)
        if status.startswith("no figure for FY"):
            year = int(status.rsplit("FY", 1)[1])
            return gettext(
                N_("not comparable: no figure for %(fiscal_year)s"), fiscal_year=d.fy(year)
            )
        return gettext(N_("not comparable: weak or approximate figure: not compared"))
    change = int(row.change_jpy)
    message = N_("+%(amount)s") if change >= 0 else N_("-%(amount)s")
    return gettext(message, amount=d.yen_exact(abs(change)))


def drivers_table(drivers: pd.DataFrame, base_year: int, target_year: int) -> pd.DataFrame:
    """What drove the whole's change, line by line, with what the sources cannot compare."""
    rows = []
    for row in drivers.itertuples():
        remainder = row.status == "remainder"
        rows.append(
            {
                gettext(N_("Line")): d.item_label(row.item),
                d.fy(base_year): "" if remainder else _shown(row.base_jpy),
                d.fy(target_year): "" if remainder else _shown(row.target_jpy),
                gettext(N_("Change")): _change_cell(row),
                gettext(N_("Share of the total change")): (
                    "" if pd.isna(row.share) else d.share_text(row.share)
                ),
                gettext(N_("Source")): [d.source(s) for s in dict.fromkeys(row.source_ids)]
                or gettext(N_("Computed from the rows above")),
            }
        )
    return pd.DataFrame(rows)


def drivers_sentences(drivers: pd.DataFrame, base_year: int, target_year: int) -> list[str]:
    """The share of METI's increase from chips & AI, and the rest, in words."""
    frame = drivers.set_index("item")
    whole = frame.iloc[0]
    base = d.fy(base_year)
    out = [
        gettext(
            N_("%(item)s grows by %(amount)s from %(base)s to %(target)s."),
            item=d.item_label(frame.index[0]),
            amount=d.yen_exact(int(whole["change_jpy"])),
            base=base,
            target=d.fy(target_year),
        )
    ]
    if "chips-ai" in frame.index and frame.loc["chips-ai", "status"] == "compared":
        chips = frame.loc["chips-ai"]
        out.append(
            gettext(
                N_("The chips & AI envelope accounts for %(amount)s of it, %(share)s."),
                amount=d.yen_exact(int(chips["change_jpy"])),
                share=d.share_text(chips["share"]),
            )
        )
    unmatched = [
        d.in_sentence(d.item_label(i))
        for i, r in frame.iterrows()
        if str(r["status"]).startswith("no figure")
    ]
    rest = frame.loc["not itemised in sources"]
    compared = bool((frame["status"] == "compared").any())  # a line the change is traced to
    words = {
        "amount": d.yen_exact(int(rest["change_jpy"])),
        "share": d.share_text(rest["share"]),
        "lines": and_list(unmatched) if unmatched else "",
        "base": base,
    }
    if compared and not unmatched:
        out.append(
            gettext(
                N_("The remaining %(amount)s (%(share)s) is not itemised by the sources."), **words
            )
        )
    elif compared:
        out.append(
            ngettext(
                "The remaining %(amount)s (%(share)s) is not itemised by the sources; %(lines)s "
                "has no %(base)s figure to compare with.",
                "The remaining %(amount)s (%(share)s) is not itemised by the sources; %(lines)s "
                "have no %(base)s figure to compare with.",
                len(unmatched),
                **words,
            )
        )
    elif not unmatched:
        out.append(gettext(N_("None of it can be traced to a line the sources itemise.")))
    else:
        out.append(
            ngettext(
                "None of it can be traced to a line the sources itemise; %(lines)s has no "
                "%(base)s figure to compare with.",
                "None of it can be traced to a line the sources itemise; %(lines)s have no "
                "%(base)s figure to compare with.",
                len(unmatched),
                lines=words["lines"],
                base=base,
            )
        )
    return out
