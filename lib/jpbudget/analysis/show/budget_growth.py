"""What ``budget_growth.ipynb`` shows: its finding, the growth table and the captions, in the
active language (the bases and drivers are in :mod:`.growth_bases`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ... import formats
from ...i18n import N_, active, gettext
from ...yen import format_usd
from .. import display as d
from ..budget import regular_budget
from .common import and_list, cite, ratio
from .growth_bases import about_text, bases_pair

_BASIS_LABELS = {
    "initial": N_("initial budget"),
    "initial + same-year supplementary": N_("initial budget plus the same year's supplementary"),
}
_TITLES = {
    True: N_("%(items)s: %(base)s to the %(target)s cabinet draft"),
    False: N_("%(items)s: %(base)s to the %(target)s budget"),
}
_GOES = {  # (draft, weak)
    (True, False): N_(
        "%(item)s goes from %(base_amount)s in %(base)s to %(target_amount)s in the "
        "%(target)s cabinet draft, %(multiple)s (%(change)s)."
    ),
    (False, False): N_(
        "%(item)s goes from %(base_amount)s in %(base)s to %(target_amount)s in the "
        "%(target)s budget, %(multiple)s (%(change)s)."
    ),
    (True, True): N_(
        "%(item)s goes from %(base_amount)s in %(base)s to %(target_amount)s in the "
        "%(target)s cabinet draft, %(multiple)s (%(change)s) (a figure marked weak: a single "
        "source)."
    ),
    (False, True): N_(
        "%(item)s goes from %(base_amount)s in %(base)s to %(target_amount)s in the "
        "%(target)s budget, %(multiple)s (%(change)s) (a figure marked weak: a single source)."
    ),
}
_HEADLINES = {  # (draft, less)
    (True, True): N_(
        "In the %(target)s cabinet draft, chips & AI money is %(target_initial)s, %(multiple)s "
        "the %(base_initial)s of %(base)s's initial budget, but counted with the supplementary "
        "budget passed before each year it is %(target_amount)s, %(change)s less than "
        "%(base)s's %(base_amount)s."
    ),
    (True, False): N_(
        "In the %(target)s cabinet draft, chips & AI money is %(target_initial)s, %(multiple)s "
        "the %(base_initial)s of %(base)s's initial budget, and counted with the supplementary "
        "budget passed before each year it is %(target_amount)s, %(change)s more than "
        "%(base)s's %(base_amount)s."
    ),
    (False, True): N_(
        "In the %(target)s budget, chips & AI money is %(target_initial)s, %(multiple)s "
        "the %(base_initial)s of %(base)s's initial budget, but counted with the supplementary "
        "budget passed before each year it is %(target_amount)s, %(change)s less than "
        "%(base)s's %(base_amount)s."
    ),
    (False, False): N_(
        "In the %(target)s budget, chips & AI money is %(target_initial)s, %(multiple)s "
        "the %(base_initial)s of %(base)s's initial budget, and counted with the supplementary "
        "budget passed before each year it is %(target_amount)s, %(change)s more than "
        "%(base)s's %(base_amount)s."
    ),
}


#: Key-figure labels of an item whose name is not a budget's name in every language (Japanese
#: names the chips & AI budget line 半導体・AI関連予算, the item 半導体・AI)
_FIGURE_LABELS = {"chips-ai": N_("Chips & AI, %(budget)s")}
_RATIO_LABELS = {"chips-ai": N_("Chips & AI, %(target)s over %(base)s")}
_FIGURE_LABEL = N_("%(item)s, %(budget)s")
_RATIO_LABEL = N_("%(item)s, %(target)s over %(base)s")


def growth_finding(params: dict[str, Any], growth: pd.DataFrame, bases: pd.DataFrame) -> dict:
    """Title, headline and key figures of ``budget_growth.ipynb`` for its parameters."""
    base_year, target_year = params["base_year"], params["target_year"]
    draft = str(growth["target_budget"].iloc[0][0]) == "initial-draft"
    base, target = d.fy(base_year), d.fy(target_year)
    names = and_list([d.item_label(i) for i in params["items"]])
    title = gettext(_TITLES[draft], items=names, base=base, target=d.fy(target_year, era=True))
    figures, sentences = [], []
    for row in growth[growth["basis"] == "initial"].itertuples():
        base_row, target_row = (
            regular_budget(base_year, row.item),
            regular_budget(target_year, row.item),
        )
        label = d.item_label(row.item)
        for year, found in ((base_year, base_row), (target_year, target_row)):
            budget = d.year_label(year, str(found["budget"]))
            figures.append(
                d.figure_from_row(
                    gettext(
                        _FIGURE_LABELS.get(row.item, _FIGURE_LABEL),
                        item=label,
                        budget=budget,
                    ),
                    found,
                )
            )
        multiple, change = d.multiple_text(row.multiple), d.percent_change_text(row.change_pct)
        figures.append(
            d.computed_figure(
                gettext(
                    _RATIO_LABELS.get(row.item, _RATIO_LABEL),
                    item=label,
                    target=target,
                    base=base,
                ),
                gettext(N_("%(multiple)s (%(change)s)"), multiple=multiple, change=change),
                d.exact_value(row.exact_ratio),
            )
        )
        sentences.append(
            gettext(
                _GOES[draft, bool(row.weak)],
                item=label,
                base_amount=d.yen_exact(row.base_jpy),
                base=base,
                target_amount=d.yen_exact(row.target_jpy),
                target=target,
                multiple=multiple,
                change=change,
            )
        )
    pair = bases_pair(bases, base_year, target_year) if "chips-ai" in params["items"] else None
    if not pair:
        return {"title": title, "headline": sentences[0], "figures": figures, "more": sentences[1:]}
    change = (ratio(pair[1], pair[0]) - 1) * 100
    shown = [
        about_text(bases, y, d.yen_exact(a))
        for y, a in zip((base_year, target_year), pair, strict=True)
    ]
    figures.append(
        d.computed_figure(
            gettext(
                N_(
                    "Chips & AI, 15-month view (initial budget plus the previous year's "
                    "supplementary), %(target)s against %(base)s"
                ),
                target=target,
                base=base,
            ),
            gettext(
                N_("%(target_amount)s against %(base_amount)s (%(change)s)"),
                target_amount=shown[1],
                base_amount=shown[0],
                change=d.percent_change_text(change.quantize(Decimal("0.1"))),
            ),
            d.exact_value(ratio(pair[1], pair[0])),
        )
    )
    chips = growth[(growth["item"] == "chips-ai") & (growth["basis"] == "initial")].iloc[0]
    headline = gettext(
        _HEADLINES[draft, pair[1] < pair[0]],
        target=target,
        base=base,
        target_initial=d.yen_exact(int(chips["target_jpy"])),
        base_initial=d.yen_exact(int(chips["base_jpy"])),
        multiple=d.multiple_text(chips["multiple"]),
        target_amount=shown[1],
        base_amount=shown[0],
        change=f"{abs(change).quantize(Decimal('0.1'))}%",
    )
    return {"title": title, "headline": headline, "figures": figures, "more": sentences}


def _amount_cell(amount: int, qualified: bool, budget: str) -> str:
    text = d.yen_exact(amount)
    text = formats.qualify(text, "about") if qualified else text
    return d.mark_amount(text, draft="initial-draft" in budget)


def _usd_cell(amount: float, qualified: bool) -> str:
    text = format_usd(amount, lang=active())
    return formats.qualify(text, "about") if qualified else text


def growth_table(growth: pd.DataFrame, rates: dict[int, Any]) -> pd.DataFrame:
    """The growth table for readers: each item and basis, both years, multiple, change, US$."""
    rows = []
    for row in growth.itertuples():
        base, target = d.fy(row.base_year), d.fy(row.target_year)
        in_usd = N_("%(fiscal_year)s in US$")
        notes = (
            row.note,
            gettext(N_("includes a figure the source gives as approximate"))
            if row.qualified
            else "",
            gettext(N_("includes a figure marked weak (single source)")) if row.weak else "",
        )
        rows.append(
            {
                gettext(N_("Item")): d.item_label(row.item),
                gettext(N_("Counted as")): gettext(_BASIS_LABELS[row.basis]),
                base: _amount_cell(row.base_jpy, row.base_qualified, row.base_budget),
                target: _amount_cell(row.target_jpy, row.target_qualified, row.target_budget),
                gettext(N_("Multiple")): d.multiple_text(row.multiple),
                gettext(N_("Change")): d.percent_change_text(row.change_pct),
                gettext(in_usd, fiscal_year=base): _usd_cell(row.base_usd, row.base_qualified),
                gettext(in_usd, fiscal_year=target): _usd_cell(
                    row.target_usd, row.target_qualified
                ),
                gettext(N_("Note")): _notes([n for n in notes if n]),
                gettext(N_("Source")): [d.source(s) for s in row.source_ids],
            }
        )
    return pd.DataFrame(rows)


def _notes(notes: list[str]) -> str:
    """A row's notes in one cell: "a; b" (Japanese: one sentence after another)."""
    text = notes[0] if notes else ""
    for note in notes[1:]:
        text = gettext(N_("%(notes)s; %(note)s"), notes=text, note=note)
    return text


def growth_captions(base_year: int, target_year: int, rates: dict[int, Any]) -> dict[str, str]:
    """The captions and "How to cite" lines of ``budget_growth.ipynb``'s tables and charts."""
    in_rates = gettext(N_("; ")).join(
        gettext(N_("%(fiscal_year)s: %(rate)s"), fiscal_year=d.fy(y), rate=d.rate_text(r))
        for y, r in rates.items()
    )
    return {
        "growth-by-item": gettext(
            N_("Budget items, %(base)s and %(target)s; US dollars at %(rates)s"),
            base=d.fy(base_year),
            target=d.fy(target_year),
            rates=in_rates,
        ),
        "chips-ai-by-basis": gettext(
            N_("Chips & AI money by fiscal year on each basis (FY2021-FY2023: chips only)")
        ),
        "chips-ai-15-month-chart": gettext(
            N_(
                "The 15-month view: each year's initial budget plus the previous year's "
                "supplementary"
            )
        ),
        "chips-ai-15-month-chart-cite": cite(gettext(N_("Chips & AI money in the 15-month view"))),
        "chips-ai-by-year-chart": gettext(
            N_("Chips & AI money per fiscal year, initial and supplementary budgets")
        ),
        "chips-ai-by-year-chart-cite": cite(gettext(N_("Chips & AI money per fiscal year"))),
        "meti-increase-by-line": gettext(
            N_("METI's total budget, %(base)s to %(target)s, line by line"),
            base=d.fy(base_year),
            target=d.fy(target_year),
        ),
        "no-meti-total": gettext(N_("METI's total budget is not among the items compared.")),
    }
