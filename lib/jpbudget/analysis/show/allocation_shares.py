"""What ``allocation_shares.ipynb`` shows: its finding, the table of an envelope's lines, the
chart of them, and their captions, in the active language (:mod:`jpbudget.i18n`)."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ... import formats
from ...i18n import N_, active, gettext
from .. import display as d
from ..budget import regular_budget

#: An envelope inside a sentence ("Of the ¥1.239 trillion of chips & AI money in ...").
_MONEY = {"chips-ai": N_("chips & AI money"), "meti-total": N_("METI's total budget")}
#: The key figure's label of an envelope whose name is not a budget's name in Japanese
_FIGURE_LABELS = {"chips-ai": N_("Chips & AI, %(when)s")}
_FIGURE_LABEL = N_("%(envelope)s, %(when)s")
#: The report's title per envelope (English puts "the" before one and not the other).
_TITLES = {
    "chips-ai": N_("Where the chips & AI money of the %(when)s goes"),
    "meti-total": N_("Where METI's total budget of the %(when)s goes"),
}


def _is_draft(row: pd.Series) -> bool:
    return str(row["budget"]) == "initial-draft"


def _when(result: Any) -> str:
    return d.year_label(result.fiscal_year, str(result.envelope_row["budget"]))


def _money(envelope: str) -> str:
    if envelope in _MONEY:
        return gettext(_MONEY[envelope])
    return gettext(N_("%(envelope)s money"), envelope=d.item_label(envelope))


def as_printed(amount_jpy: int, printed: str) -> str:
    """A source's figure on the page: as printed on English pages (as they always showed it);
    on Japanese pages in Japanese (:func:`jpbudget.formats.source_amount_text`: as printed when
    the source wrote Japanese, else every digit with the source's qualifier)."""
    if active() == "en":
        return printed
    return formats.source_amount_text(int(amount_jpy), printed)


def _printed(row: pd.Series) -> pd.Series:
    """A data row whose ``amount_text`` is :func:`as_printed` (the value is unchanged)."""
    shown = row.copy()
    shown["amount_text"] = as_printed(int(row["amount_jpy"]), str(row["amount_text"]))
    return shown


def _line(row: Any) -> str:
    return gettext(
        N_("%(amount)s (%(share)s) for %(line)s"),
        amount=d.yen_exact(row.amount_jpy),
        share=d.share_text(row.share),
        line=d.in_sentence(d.item_label(row.item)),
    )


def _weak_sentence(row: pd.Series) -> str:
    """A weak or approximate figure of the same year, reported and not counted."""
    amount = formats.qualify(d.yen_exact(int(row["amount_jpy"])), str(row["qualifier"] or ""))
    printed = str(row["amount_text"])
    # the line is named without "(reported)": the sentence says it is reported
    line = d.item_label(str(row["item"])).replace(" (reported)", "")
    line = line.removesuffix(gettext(N_("(reported)")))
    if formats.source_amount_text(int(row["amount_jpy"]), printed) == printed:
        # printed in the page's language: the figure is not written a second time
        return gettext(
            N_(
                "A single paywalled source reports %(printed)s for %(line)s in the same draft "
                "(weak: not counted)."
            ),
            printed=printed,
            line=line,
        )
    return gettext(
        N_(
            "A single paywalled source reports %(printed)s (%(amount)s) for %(line)s in the same "
            "draft (weak: not counted)."
        ),
        printed=printed,
        amount=amount,
        line=line,
    )


def allocation_finding(result: Any) -> dict:
    """Title, headline and key figures of ``allocation_shares.ipynb``."""
    env = result.envelope_row
    label = d.item_label(result.envelope)
    when = _when(result)
    lines = result.table.iloc[:-1]
    rest = result.table.iloc[-1]
    envelope_weak = str(env["confidence"]) == "weak"
    headline = gettext(
        N_(
            "Of the %(total)s of %(money)s in the %(when)s, the sources itemise %(lines)s; the "
            "other %(rest)s (%(rest_share)s) is not itemised in the sources."
        ),
        total=d.mark_amount(d.yen_exact(result.total_jpy), weak=envelope_weak),
        money=_money(result.envelope),
        when=when,
        lines=gettext(N_("; ")).join(_line(r) for r in lines.itertuples()),
        rest=d.yen_exact(int(rest["amount_jpy"])),
        rest_share=d.share_text(rest["share"]),
    )
    more = (
        [_weak_sentence(result.reported_elsewhere.iloc[0])]
        if len(result.reported_elsewhere)
        else []
    )
    figures = [
        d.figure_from_row(
            gettext(
                _FIGURE_LABELS.get(result.envelope, _FIGURE_LABEL),
                envelope=label,
                when=when,
            ),
            _printed(env),
        )
    ]
    figures += [
        d.figure_from_row(
            d.item_label(r.item), _printed(regular_budget(result.fiscal_year, r.item))
        )
        for r in lines.itertuples()
    ]
    figures.append(
        d.computed_figure(
            gettext(N_("Not itemised in the sources")),
            gettext(
                N_("%(amount)s (%(share)s)"),
                amount=d.yen_exact(int(rest["amount_jpy"])),
                share=d.share_text(rest["share"]),
            ),
            int(rest["amount_jpy"]),
        )
    )
    if result.envelope in _TITLES:
        title = gettext(_TITLES[result.envelope], when=when)
    else:
        title = gettext(
            N_("Where the %(money)s of the %(when)s goes"), money=_money(result.envelope), when=when
        )
    return {"title": title, "headline": headline, "figures": figures, "more": more}


def allocation_table(result: Any, rate: Any) -> pd.DataFrame:
    """Each line of the envelope: as printed, exact, share, US$ and source."""
    draft = _is_draft(result.envelope_row)
    line, printed, amount, share, usd, source = (
        gettext(N_("Line")),
        gettext(N_("As printed")),
        gettext(N_("Amount")),
        gettext(N_("Share")),
        gettext(N_("In US$")),
        gettext(N_("Source")),
    )
    rows = []
    for r in result.table.itertuples():
        remainder = r.item == "not itemised in sources"
        rows.append(
            {
                line: d.item_label(r.item),
                printed: "" if remainder else as_printed(r.amount_jpy, r.amount_text),
                amount: d.mark_amount(
                    d.yen_exact(r.amount_jpy),
                    draft=draft,
                    weak=remainder and str(result.envelope_row["confidence"]) == "weak",
                ),
                share: d.share_text(r.share),
                usd: d.usd_text(r.amount_jpy, rate),
                source: gettext(N_("Computed: the envelope less the itemised lines"))
                if remainder
                else [d.source(r.source_id)],
            }
        )
    for _, r in result.reported_elsewhere.iterrows():
        rows.append(
            {
                line: gettext(N_("%(line)s, not counted"), line=d.item_label(str(r["item"]))),
                printed: as_printed(int(r["amount_jpy"]), str(r["amount_text"])),
                amount: d.mark_amount(
                    formats.qualify(d.yen_exact(int(r["amount_jpy"])), "about"),
                    weak=str(r["confidence"]) == "weak",
                    draft=_is_draft(r),
                ),
                share: "",
                usd: "",
                source: [d.source(str(r["source_id"]))],
            }
        )
    return pd.DataFrame(rows)


def _heading(result: Any) -> str:
    """ "Chips & AI, FY2026" (the envelope and its fiscal year)."""
    return gettext(
        N_("%(envelope)s, %(fiscal_year)s"),
        envelope=d.item_label(result.envelope),
        fiscal_year=d.fy(result.fiscal_year),
    )


def allocation_table_caption(result: Any, rate: Any) -> str:
    """The lines table's caption, naming the rate its dollars are at."""
    return gettext(
        N_("%(heading)s: itemised lines and shares; US$ at %(rate)s"),
        heading=_heading(result),
        rate=d.rate_text(rate),
    )


def allocation_chart_title(result: Any) -> str:
    """The chart's title states its finding: the largest part of the envelope and its share."""
    table = result.table
    largest = table.loc[table["amount_jpy"].astype(object).map(int).idxmax()]
    remainder = str(largest["item"]) == "not itemised in sources"
    message = (
        N_("%(heading)s: the largest part (%(share)s%%) is not itemised in the sources")
        if remainder
        else N_("%(heading)s: the largest part (%(share)s%%) is %(line)s")
    )
    if _is_draft(result.envelope_row):
        message = (
            N_("%(heading)s draft: the largest part (%(share)s%%) is not itemised in the sources")
            if remainder
            else N_("%(heading)s draft: the largest part (%(share)s%%) is %(line)s")
        )
    return gettext(
        message,
        heading=_heading(result),
        share=str(largest["share_pct"]),
        line=d.item_label(str(largest["item"])),
    )


def allocation_figure(result: Any) -> Any:
    """The chart of the envelope's lines (:func:`jpbudget.charts.allocation_chart`), titled
    and labelled in the active language."""
    from ... import charts

    table = result.table.copy()
    table["line"] = [d.item_label(i) for i in table["item"]]
    return charts.allocation_chart(
        table,
        d.item_label(result.envelope),
        result.fiscal_year,
        status="draft" if _is_draft(result.envelope_row) else None,
        title=allocation_chart_title(result),
    )


def allocation_chart_caption() -> str:
    """The chart's caption."""
    return gettext(N_("Each line's amount inside the envelope, with its share"))


def allocation_cite(result: Any) -> str:
    """The chart's "How to cite" line."""
    from .common import cite

    return cite(gettext(N_("%(heading)s, line by line"), heading=_heading(result)))
