"""What ``rapidus_cumulative.ipynb`` shows: its finding, the commitments, running-total and
context tables, the running-total chart, which scope the article's cumulative figure counts,
and every caption, in the active language (:mod:`jpbudget.i18n`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ... import formats
from ...i18n import N_, active, gettext
from .. import display as d
from ..rapidus import booked_text
from .allocation_shares import as_printed

#: The subjects of the ``context-figures`` rows about Rapidus (the data's English, marked for
#: translation). A subject missing here is an error naming it: add it, then ``make messages``.
CONTEXT_SUBJECTS = (
    N_("Rapidus equity round: public and private money"),
    N_("Rapidus equity round: private money"),
    N_("Rapidus equity round: private investors"),
    N_("Government voting rights in Rapidus after the round"),
    N_("Government voting rights in Rapidus if the company's management worsens"),
    N_("Government voting rights in Rapidus after the further government equity"),
)
#: How a context figure that is a count names what it counts.
_COUNTS = {"companies": N_("%(count)s companies")}


def total_text(total: int, ceiling: bool) -> str:
    """A firm total, "up to" once a ceiling is in it: "up to ¥1.9725 trillion", 最大1兆9725億円."""
    return formats.qualify(d.yen_exact(total), "up to" if ceiling else "")


def _scope(scope: str) -> str:
    return d.scope_label(scope)


#: The headline by the page's scope: it leads with the scope the page is about.
_HEADLINES = {
    "equity": N_(
        "Through %(through)s, government equity in Rapidus comes to %(equity)s; with the "
        "subsidies (%(subsidies)s), all public support is %(all)s."
    ),
    "subsidies": N_(
        "Through %(through)s, the government commits subsidies of %(subsidies)s to Rapidus; "
        "with government equity (%(equity)s), all public support is %(all)s."
    ),
}


def _headline(through: int, draft: bool, texts: dict[str, str], scope: str) -> str:
    """The totals through ``through``; ``draft`` when any total counts a cabinet-draft figure."""
    through_text = d.fy(through)
    if draft:
        through_text = gettext(
            N_("%(fiscal_year)s (counting the cabinet draft)"), fiscal_year=through_text
        )
    return gettext(
        _HEADLINES.get(scope, _HEADLINES["equity"]),
        through=through_text,
        equity=texts["equity"],
        subsidies=texts["subsidies"],
        all=texts["all"],
    )


def _more(plans: pd.DataFrame, weak: pd.DataFrame) -> list[str]:
    more = [
        gettext(
            N_(
                "A further plan of %(amount)s for %(booked)s overlaps these figures and is not added to them."
            ),
            amount=as_printed(int(plan["amount_jpy"]), str(plan["amount_text"])),
            booked=booked_text(str(plan["booked_to"]), plan_mark=False),
        )
        for _, plan in plans.iterrows()
    ]
    if len(weak):
        first = weak.iloc[0]
        printed = str(first["amount_text"])
        # in the page's language; the source's own form follows when it is in the other one
        amount = formats.source_amount_text(int(first["amount_jpy"]), printed)
        more.append(
            gettext(
                N_(
                    "A single paywalled source reports %(amount)s of R&D money in the "
                    "%(fiscal_year)s draft (weak: not counted)."
                )
                if amount == printed
                else N_(
                    "A single paywalled source reports %(amount)s (%(printed)s) of R&D money in "
                    "the %(fiscal_year)s draft (weak: not counted)."
                ),
                amount=amount,
                printed=printed,
                fiscal_year=d.fy(int(first["fiscal_year"])),
            )
        )
    return more


def rapidus_finding(params: dict[str, Any], rows: pd.DataFrame) -> dict:
    """Title, headline and key figures of ``rapidus_cumulative.ipynb``: the chosen scope's total
    and, always, both the equity total and the total of all support."""
    from .. import rapidus

    through = params["through_year"]
    totals = {
        s: rapidus.commitments(s, through, include_plans=False) for s in rapidus.RAPIDUS_SCOPES
    }
    texts = {
        s: total_text(rapidus.counted_total(r), rapidus.total_has_ceiling(r))
        for s, r in totals.items()
    }
    # the headline states every scope's total, so a draft counted in any of them is named
    draft = any(
        str(b).endswith("initial-draft")
        for r in totals.values()
        for b in r.loc[r["counted"], "booked_to"]
    )
    plans = rows[rows["kind"] == "plan"]
    weak = rows[(~rows["counted"]) & (rows["confidence"] == "weak")]
    figures = [
        d.computed_figure(
            gettext(
                N_("%(scope)s through %(fiscal_year)s"),
                scope=d.capitalized(_scope(s)),
                fiscal_year=d.fy(through),
            ),
            texts[s],
            rapidus.counted_total(r),
            note=gettext(N_('includes ceilings, "up to" amounts'))
            if rapidus.total_has_ceiling(r)
            else None,
        )
        for s, r in totals.items()
    ]
    for _, row in pd.concat([plans, weak]).iterrows():
        # a weak figure's note says why in one phrase (display.figure_from_row then adds nothing)
        left_out = (
            N_("plan: not added")
            if row["kind"] == "plan"
            else N_("weak: single source; not added")
            if str(row.get("confidence", "")) == "weak"
            else N_("weak: not added")
        )
        shown = row.copy()
        shown["amount_text"] = as_printed(int(row["amount_jpy"]), str(row["amount_text"]))
        figures.append(
            d.figure_from_row(
                gettext(
                    N_("%(kind)s, %(booked)s"),
                    kind=d.capitalized(d.kind_label(str(row["kind"]))),
                    booked=booked_text(str(row["booked_to"]), plan_mark=False),
                ),
                shown,
                note=gettext(left_out),
            )
        )
    periods = list(dict.fromkeys(booked_text(str(b), plan_mark=False) for b in plans["booked_to"]))
    title = gettext(
        # a page listing a plan says so in its title (it differs from the page without it)
        N_("Public money for Rapidus through %(fiscal_year)s: %(scope)s")
        if not periods
        else N_(
            "Public money for Rapidus through %(fiscal_year)s: %(scope)s, with the %(period)s "
            "plan listed"
        )
        if len(periods) == 1
        else N_(
            "Public money for Rapidus through %(fiscal_year)s: %(scope)s, with the plans listed"
        ),
        fiscal_year=d.fy(through),
        scope=_scope(params["scope"]),
        period=periods[0] if periods else "",
    )
    return {
        "title": title,
        "headline": _headline(through, draft, texts, str(params["scope"])),
        "figures": figures,
        "more": _more(plans, weak),
    }


#: A dollar figure of a commitment dated only to its month or year, by that precision.
_FIRST_DAY = {
    "month": N_(
        "%(amount)s at %(figure)s (latest ECB reference rate on or before %(requested)s, the "
        "first day of the month it is dated to)"
    ),
    "year": N_(
        "%(amount)s at %(figure)s (latest ECB reference rate on or before %(requested)s, the "
        "first day of the year it is dated to)"
    ),
}


def _usd(row: pd.Series, fx: Any) -> str:
    """A commitment in dollars at the rate of its announcement, naming the rate and, for a date
    known only to the month or year, which day's rate it is."""
    precision = str(row.get("announced_precision", "day"))
    rate = fx.rate_for(int(row["fiscal_year"]), announced=row["announced"])
    amount = formats.qualify(d.usd_text(int(row["amount_jpy"]), rate), str(row["qualifier"] or ""))
    if getattr(rate, "date_used", None) and precision in _FIRST_DAY:
        # one parenthesis: the day asked for (the first of the month or year) and that the rate
        # is the latest ECB publication on or before it
        return gettext(
            _FIRST_DAY[precision],
            amount=amount,
            figure=formats.rate_figure(rate.value, rate.quote, rate.base),
            requested=d.date_text(rate.requested),
        )
    return gettext(N_("%(amount)s at %(rate)s"), amount=amount, rate=d.rate_text(rate))


def commitment_rates(rows: pd.DataFrame, fx: Any) -> list:
    """The rate each commitment is converted at (the rate of its announcement), in row order:
    what the page's "About this report" names."""
    return [
        fx.rate_for(int(row["fiscal_year"]), announced=row["announced"])
        for _, row in rows.iterrows()
    ]


def commitments_table(rows: pd.DataFrame, fx: Any) -> pd.DataFrame:
    """Each commitment: date as precise as its source, as printed, exact, counted or why not."""
    out = []
    for _, r in rows.iterrows():
        precision = str(r.get("announced_precision", "day"))
        counted = (
            gettext(N_("yes"))
            if r["counted"]
            else gettext(N_("no (%(reason)s)"), reason=gettext(str(r["reason"])))
        )
        out.append(
            {
                gettext(N_("Announced")): d.date_text(r["announced"], precision),
                gettext(N_("Kind")): d.kind_label(str(r["kind"])),
                gettext(N_("As printed")): as_printed(int(r["amount_jpy"]), str(r["amount_text"])),
                gettext(N_("Booked to")): booked_text(str(r["booked_to"])),
                gettext(N_("In the total")): counted,
                gettext(N_("In US$")): _usd(r, fx),
                gettext(N_("Source")): [d.source(str(r["source_id"]))],
            }
        )
    return pd.DataFrame(out)


def cumulative_table(cumulative: pd.DataFrame) -> pd.DataFrame:
    """The running total by fiscal year, "up to" once a ceiling is in it; a year's addition
    "up to" when it includes a ceiling."""
    return pd.DataFrame(
        {
            gettext(N_("Fiscal year")): [d.fy(int(y)) for y in cumulative["fiscal_year"]],
            gettext(N_("Added")): [
                total_text(int(a), bool(c)) if int(a) else "–"
                for a, c in zip(cumulative["amount_jpy"], cumulative["added_ceiling"], strict=True)
            ],
            gettext(N_("Running total")): [
                total_text(int(t), bool(c))
                for t, c in zip(cumulative["cumulative_jpy"], cumulative["ceiling"], strict=True)
            ],
        }
    )


def _subject(row: pd.Series) -> str:
    if str(row["kind"]) == "loan-guarantee":
        return gettext(
            N_("Government guarantees of private loans to Rapidus, %(booked)s"),
            booked=booked_text(str(row["booked_to"])),
        )
    subject = str(row["subject"])
    if subject not in CONTEXT_SUBJECTS:
        raise ValueError(
            f"context-figures {row['key']}: subject {subject!r} has no reader's label; add it to "
            "CONTEXT_SUBJECTS in jpbudget.analysis.show.rapidus_cumulative and run make messages"
        )
    return gettext(subject)


def _context_value(row: pd.Series) -> str:
    """A context figure as printed; on Japanese pages written in Japanese."""
    text, measure = str(row["text"]), str(row["measure"])
    if measure == "amount":
        return as_printed(int(row["amount_jpy"]), text)
    if active() == "en" or formats.is_japanese(text):
        return text
    value = formats.qualifier_form(text)[0]
    number = str(row["value"]).removesuffix(".0")
    if measure == "share":
        return formats.qualify(gettext(N_("%(value)s%%"), value=number), value)
    unit = text.split()[-1]
    if unit not in _COUNTS:
        raise ValueError(f"context-figures {row['key']}: no reader's words for a count of {unit!r}")
    return formats.qualify(gettext(_COUNTS[unit], count=number), value)


def context_table(context: pd.DataFrame) -> pd.DataFrame:
    """What the spending totals leave out, as printed."""
    return pd.DataFrame(
        {
            gettext(N_("Date")): [d.date_text(x) for x in context["date"]],
            gettext(N_("What")): [_subject(r) for _, r in context.iterrows()],
            gettext(N_("As printed")): [_context_value(r) for _, r in context.iterrows()],
            gettext(N_("Source")): [[d.source(str(s))] for s in context["source_id"]],
        }
    )


def claim_scope_sentence(through_year: int) -> str:
    """Which scope the article's "cumulative ¥250 billion" counts."""
    from ... import data
    from .. import rapidus

    claim = data.load("claims").set_index("claim_id").loc["rapidus-cumulative"]
    stated = int(claim["stated_value"])
    stated_text = as_printed(stated, str(claim["stated_text"]))
    totals = rapidus.scope_totals(through_year)
    matching = [_scope(s) for s, t in totals.items() if t == stated]
    if not matching:
        return gettext(
            N_("The article's cumulative %(stated)s matches no scope through %(fiscal_year)s."),
            stated=stated_text,
            fiscal_year=d.fy(through_year),
        )
    ceiling = rapidus.total_has_ceiling(
        rapidus.commitments("all", through_year, include_plans=False)
    )
    return gettext(
        N_(
            "The article's cumulative public investment of %(stated)s (%(attributed)s) counts "
            "%(scopes)s only: all public support through %(fiscal_year)s is %(total)s."
        ),
        stated=stated_text,
        attributed=str(claim["attributed_to"]),
        scopes=gettext(N_(" and ")).join(matching),
        fiscal_year=d.fy(through_year),
        total=total_text(totals["all"], ceiling),
    )


# --- captions of the notebook's tables and chart -------------------------------------------------


def commitments_caption(params: dict[str, Any]) -> str:
    return gettext(
        N_("Public commitments to Rapidus (%(scope)s), through %(fiscal_year)s"),
        scope=_scope(params["scope"]),
        fiscal_year=d.fy(params["through_year"]),
    )


def cumulative_caption(params: dict[str, Any]) -> str:
    return gettext(
        N_("Firm commitments (%(scope)s) by the fiscal year each is booked to"),
        scope=_scope(params["scope"]),
    )


def cumulative_source() -> str:
    return gettext(N_("Computed from the commitments above"))


def running_chart(cumulative: pd.DataFrame, rows: pd.DataFrame, params: dict[str, Any]) -> Any:
    """The running-total chart of the firm commitments (:func:`jpbudget.charts.rapidus_step_chart`)."""
    from ... import charts

    return charts.rapidus_step_chart(cumulative, params["scope"], commitments=rows[rows["counted"]])


def running_chart_caption() -> str:
    return gettext(
        N_("Public support for Rapidus: what each fiscal year adds, and the running total")
    )


def running_chart_cite(params: dict[str, Any]) -> str:
    from .common import cite

    return cite(gettext(N_("Public money for Rapidus, %(scope)s"), scope=_scope(params["scope"])))


def nothing_beyond_spending(through_year: int) -> str:
    return gettext(
        N_("Nothing beyond spending is recorded up to %(fiscal_year)s."),
        fiscal_year=d.fy(through_year),
    )


def context_caption() -> str:
    return gettext(N_("Loan guarantees, private money and voting rights, as printed"))
