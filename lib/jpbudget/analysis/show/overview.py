"""What ``overview.ipynb`` shows: its finding, the spending, company, subsidy and reference
tables and their captions, in the active language."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pandas as pd

from ... import formats
from ...i18n import N_, gettext
from .. import display as d
from .common import cite, total_text


def _about(text: str, approximate: bool) -> str:
    return formats.qualify(text, "about") if approximate else text


def _kind_total(spending: pd.DataFrame, kind: str) -> tuple[int, bool]:
    rows = spending[(spending["kind"] == kind) & spending["counted"]]
    return int(rows["amount_jpy"].sum()), bool((rows["qualifier"] != "").any())


def _total_note(total: dict) -> str | None:
    notes = [
        gettext(N_("includes the cabinet draft")) if total["includes_draft"] else "",
        gettext(
            N_("leaves out %(amount)s marked weak (single source)"),
            amount=d.yen_exact(total["weak_jpy"]),
        )
        if total["weak_jpy"]
        else "",
    ]
    return gettext(N_("; ")).join(n for n in notes if n) or None


def _key_figures(
    first: int, last: int, total: dict, sup: int, sup_about: bool, rate: Any
) -> list[Any]:
    """The overview's key figures: the total in yen and dollars, the supplementary part, and
    the reference figures (targets and reported totals, never added)."""
    approximate = total["approximate"]
    figures = [
        d.computed_figure(
            gettext(
                N_("Chips & AI money in budgets, %(first)s-%(last)s"),
                first=d.fy(first),
                last=d.fy(last),
            ),
            _about(d.yen_exact(total["total_jpy"]), approximate),
            total["total_jpy"],
            note=_total_note(total),
        ),
        d.computed_figure(
            gettext(N_("The same in US dollars")),
            _about(d.usd_text(total["total_jpy"], rate), approximate),
            d.exact_value(Decimal(repr(rate.convert(total["total_jpy"]))), 0),
            note=gettext(N_("at %(rate)s"), rate=d.rate_text(rate, nested=True)),
        ),
        d.computed_figure(
            gettext(N_("of which supplementary budgets")), _about(d.yen_exact(sup), sup_about), sup
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
                note=gettext(N_("not spending")) if ref["kind"] == "target" else None,
            )
        )
    return figures


_HEADLINES = {
    True: N_(
        "From %(first)s to %(last)s (counting the cabinet draft), Japan's budgets set aside "
        "%(total)s for chips and AI: %(supplementary)s in supplementary budgets and "
        "%(initial)s in initial budgets."
    ),
    False: N_(
        "From %(first)s to %(last)s, Japan's budgets set aside %(total)s for chips and AI: "
        "%(supplementary)s in supplementary budgets and %(initial)s in initial budgets."
    ),
}


def overview_finding(
    params: dict[str, Any], spending: pd.DataFrame, companies: pd.DataFrame, rate: Any
) -> dict:
    """Title, headline and key figures of ``overview.ipynb``."""
    from .. import overview

    first, last = params["first_year"], params["last_year"]
    total = overview.spending_total(spending)
    sup, sup_about = _kind_total(spending, "supplementary")
    ini, ini_about = _kind_total(spending, "initial")
    headline = gettext(
        _HEADLINES[bool(total["includes_draft"])],
        first=d.fy(first),
        last=d.fy(last),
        total=_about(d.yen_exact(total["total_jpy"]), total["approximate"]),
        supplementary=_about(d.yen_exact(sup), sup_about),
        initial=_about(d.yen_exact(ini), ini_about),
    )
    more = []
    if total["weak_jpy"]:
        more.append(
            gettext(
                N_(
                    "Left out of that total: %(amount)s marked weak in the data (a single "
                    "source), shown in the table below."
                ),
                amount=d.yen_exact(total["weak_jpy"]),
            )
        )
    if len(companies):
        top = companies.iloc[0]
        more.append(
            gettext(
                N_("The largest commitments to one company went to %(company)s (%(total)s)."),
                company=top.iloc[0],
                total=top.iloc[2],
            )
        )
    figures = _key_figures(first, last, total, sup, sup_about, rate)
    title = gettext(
        N_("Where Japan's public money for chips has gone, %(first)s to %(last)s"),
        first=d.fy(first),
        last=d.fy(last),
    )
    return {"title": title, "headline": headline, "figures": figures, "more": more}


def spending_table(spending: pd.DataFrame) -> pd.DataFrame:
    """Each year's initial and supplementary money, as printed, with its status and source."""
    return pd.DataFrame(
        {
            gettext(N_("Fiscal year")): [d.fy(y) for y in spending["fiscal_year"]],
            gettext(N_("Budget")): [
                d.status_text(int(y), str(b)) if k == "initial" else d.budget_label("supplementary")
                for y, b, k in zip(
                    spending["fiscal_year"], spending["budget"], spending["kind"], strict=True
                )
            ],
            gettext(N_("What")): [d.item_label(str(i)) for i in spending["item"]],
            gettext(N_("As printed")): [
                formats.source_amount_text(int(a), str(t))
                for a, t in zip(spending["amount_jpy"], spending["amount_text"], strict=True)
            ],
            gettext(N_("Amount")): [
                # the qualifier of the printed figure ("about", "up to") stays with the amount
                d.mark_amount(
                    formats.qualify(d.yen_exact(int(a)), _word(q)) if q else d.yen_exact(int(a)),
                    weak=bool(w),
                )
                for a, q, w in zip(
                    spending["amount_jpy"], spending["qualifier"], spending["weak"], strict=True
                )
            ],
            gettext(N_("Source")): [
                [d.source(s) for s in str(x).split(", ")] for x in spending["source_id"]
            ],
        }
    )


def _word(qualifier: str) -> str:
    """The data's qualifier as a reader's word: "roughly" and "approximately" are "about"."""
    return "about" if qualifier in ("roughly", "approximately") else qualifier


def companies_table(subsidies: pd.DataFrame) -> pd.DataFrame:
    """Firm commitments per company (ceilings say "up to"; weak figures kept out, with why)."""
    rows = []
    for company, group in subsidies.groupby("company", sort=False):
        firm = group[group["confidence"] != "weak"]
        weak = group[group["confidence"] == "weak"]
        ceiling = bool((firm["qualifier"] == "up to").any())
        rows.append(
            {
                gettext(N_("Company")): company,
                gettext(N_("Commitments")): len(firm),
                gettext(N_("Total, well-sourced commitments")): total_text(
                    int(firm["amount_jpy"].sum()), ceiling
                ),
                gettext(N_("Not counted")): gettext(N_("; ")).join(
                    d.mark_amount(
                        formats.source_amount_text(int(r["amount_jpy"]), str(r["amount_text"])),
                        weak=True,
                    )
                    for _, r in weak.iterrows()
                ),
                gettext(N_("Source")): [d.source(s) for s in dict.fromkeys(group["source_id"])],
                "_total": int(firm["amount_jpy"].sum()),
            }
        )
    frame = pd.DataFrame(rows).sort_values("_total", ascending=False, kind="stable")
    return frame.drop(columns="_total").reset_index(drop=True)


def subsidies_table(subsidies: pd.DataFrame) -> pd.DataFrame:
    """Each subsidy on the timeline: date as precise as its source, as printed, source."""
    return pd.DataFrame(
        {
            gettext(N_("Announced")): [
                d.date_text(a, p)
                for a, p in zip(
                    subsidies["announced"], subsidies["announced_precision"], strict=True
                )
            ],
            gettext(N_("Company")): subsidies["company"],
            gettext(N_("Plant")): subsidies["plant"],
            gettext(N_("As printed")): [
                d.mark_amount(formats.source_amount_text(int(a), str(t)), weak=c == "weak")
                for a, t, c in zip(
                    subsidies["amount_jpy"],
                    subsidies["amount_text"],
                    subsidies["confidence"],
                    strict=True,
                )
            ],
            gettext(N_("Source")): [[d.source(s)] for s in subsidies["source_id"]],
        }
    )


def references_table(refs: pd.DataFrame) -> pd.DataFrame:
    """The reported cumulative total and the targets, as printed, with what each is."""
    what = {
        ("target", True): N_("a target"),
        ("target", False): N_("a target; includes private investment"),
        ("reported total", True): N_("a reported total, not a sum of the rows above"),
        ("reported total", False): N_(
            "a reported total, not a sum of the rows above; includes private investment"
        ),
    }
    return pd.DataFrame(
        {
            gettext(N_("Figure")): [d.item_label(str(f)) for f in refs["figure"]],
            gettext(N_("As printed")): [
                formats.source_amount_text(int(a), str(t))
                for a, t in zip(refs["amount_jpy"], refs["amount_text"], strict=True)
            ],
            gettext(N_("What it is")): [
                gettext(what[_kind(k), bool(p)])
                for k, p in zip(refs["kind"], refs["public"], strict=True)
            ],
            gettext(N_("Source")): [[d.source(s)] for s in refs["source_id"]],
        }
    )


def _kind(kind: str) -> str:
    return kind if kind == "target" else "reported total"


def target_lines(refs: pd.DataFrame) -> list[dict[str, Any]]:
    """The targets as one reference line for the timeline, at the earliest target's date.

    The multi-year targets were set together (a framework of November 2024), so they share one
    line, labelled with each target (its amount in the page's language).
    """
    from ... import data

    targets = refs[refs["kind"] == "target"]
    if targets.empty:
        return []
    dates = [data.source_record(str(s))["published"] for s in targets["source_id"]]
    labels = [
        gettext(
            N_("%(amount)s of public support by FY2030")
            if ref["public"]
            else N_("%(amount)s public and private"),
            amount=formats.source_amount_text(int(ref["amount_jpy"]), str(ref["amount_text"])),
        )
        for _, ref in targets.iterrows()
    ]
    return [
        {
            "date": min(dates),
            "label": gettext(N_("; ")).join(labels),
            "source_id": str(targets.iloc[0]["source_id"]),
        }
    ]


def overview_captions(first: int, last: int) -> dict[str, str]:
    """The captions and "How to cite" lines of ``overview.ipynb``'s tables and charts."""
    span = {"first": d.fy(first), "last": d.fy(last)}
    return {
        "budgets-by-year": gettext(
            N_("Chips (& AI) money in Japan's budgets, %(first)s to %(last)s"), **span
        ),
        "budgets-by-year-chart": gettext(
            N_("Chips (& AI) money per fiscal year, initial and supplementary budgets")
        ),
        "budgets-by-year-chart-cite": cite(
            gettext(N_("Chips (& AI) money in Japan's budgets, %(first)s to %(last)s"), **span)
        ),
        "subsidies-by-company": gettext(
            N_(
                "Subsidy commitments per company; a total that includes a ceiling is a ceiling "
                'too ("up to")'
            )
        ),
        "subsidies-timeline": gettext(
            N_("Each subsidy, by the date it was announced (as precise as its source)")
        ),
        "subsidies-timeline-chart": gettext(
            N_("Company subsidies on a timeline, with the government's targets as reference lines")
        ),
        "subsidies-timeline-chart-cite": cite(
            gettext(N_("Company subsidies for chip plants in Japan"))
        ),
        "targets": gettext(N_("Multi-year targets and a reported running total, as printed")),
    }
