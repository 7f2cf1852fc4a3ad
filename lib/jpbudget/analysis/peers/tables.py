"""The comparison for readers: money in any currency, periods and statuses in words, the
tables and the share-of-GDP chart."""

from __future__ import annotations

import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ... import data, formats, fx
from ...i18n import N_, gettext
from ...yen import round_significant
from .compare import Share, gdp_share, per_year
from .rows import convert
from .words import (
    INSTRUMENT_LABELS,
    average_text,
    country_label,
    currency_label,
    figure_text,
    format_money,
    instrument_label,
    money_exact,
    period_text,
    printed_text,
    programme_label,
    recipient_label,
    status_text,
)

__all__ = [
    "INSTRUMENT_LABELS",
    "comparison_display",
    "format_money",
    "mof_display",
    "period_text",
    "plain_display",
    "share_chart",
    "sources_of",
    "status_text",
]


def _source(source_id: str) -> Any:
    from ... import present

    return present.Source.from_record(data.source_record(source_id))


def sources_of(source_ids: Any) -> list[Any]:
    """:class:`jpbudget.present.Source` records of ``source_ids``, in order, each once."""
    return [_source(s) for s in dict.fromkeys(str(s) for s in source_ids)]


def _printed(row: Any) -> str:
    """The row's figure as printed (on Japanese pages in Japanese); a sum of several printed
    yen figures says what it sums to."""
    if not row.computed:
        return printed_text(str(row.amount_text), int(row.amount), row.currency, row.qualifier)
    parts = str(row.amount_text).split(" + ")
    if row.currency == "JPY":  # each part in the page's language ("¥774 billion", 7740億円)
        parts = [formats.source_amount_text(_yen(part), part) for part in parts]
    return gettext(
        N_("%(printed)s (summed here: %(sum)s)"),
        printed=" + ".join(parts),
        sum=money_exact(int(row.amount), row.currency),
    )


def _yen(text: str) -> int:
    from ...yen import parse_yen, split_qualifier

    return parse_yen(split_qualifier(text)[1])


def _hedged(text: str, row: Any) -> str:
    """A computed figure keeps the qualifier of the printed one ("up to €246.42 million")."""
    return formats.qualify(text, str(row.qualifier or ""))


def _programme(row: Any) -> str:
    return programme_label(str(row.programme))


def _total_or_yearly(
    row: Any, per: str, currency: str, day: Any, used: dict[str, Any]
) -> dict[str, Any]:
    """The total (or the yearly average) in the row's currency and converted to ``currency``
    at the ECB rate of ``day`` (noting the rate in ``used``), under headers naming both."""
    value = Decimal(int(row.amount)) if per == "total" else per_year(row.amount, row.years)
    names = {"currency": currency_label(currency)}
    if per == "total":
        own = gettext(N_("Total over the period, own currency"))
        converted_header = gettext(N_("Total over the period, in %(currency)s"), **names)
    else:
        own = gettext(N_("Per year (average), own currency"))
        converted_header = gettext(N_("Per year (average), in %(currency)s"), **names)
    if value is None:
        return {own: None, converted_header: None}
    # a total is the data's own figure (every digit in Japanese), an average keeps its precision
    ceiling = str(row.qualifier or "") == "up to"  # a ceiling is never rounded up
    own_text = (
        figure_text(int(row.amount), row.currency)
        if per == "total"
        else average_text(int(row.amount), int(row.years), row.currency, ceiling=ceiling)
    )
    try:
        amount, rate = convert(value.to_integral_value(), row.currency, currency, day)
        if ceiling:
            amount = round_significant(amount, 3, ROUND_DOWN)
    except fx.RateUnavailableError:
        converted = gettext(
            N_("not converted (%(currency)s)"), currency=currency_label(row.currency)
        )
    else:
        if rate is not None:
            used[row.currency] = rate
        # a row already in ``currency`` is shown as its own column shows it
        shown = own_text if rate is None else format_money(amount, currency)
        converted = _hedged(shown, row)
    return {own: _hedged(own_text, row), converted_header: converted}


def _shares(row: Any, gdp_year: int) -> dict[str, Any]:
    """The row as a share of its country's GDP of ``gdp_year``: whole period and per year."""
    share = gdp_share(row.amount, row.country, gdp_year, currency=row.currency)
    yearly = per_year(row.amount, row.years)
    whole = gettext(N_("Whole period, %% of %(year)s GDP"), year=gdp_year)
    each = gettext(N_("Per year, %% of %(year)s GDP"), year=gdp_year)
    if share is None:
        return {whole: None, each: None}
    per = None
    if yearly is not None:
        per = Share(share.amount, share.gdp, share.percent / int(row.years), share.weak)
    return {
        whole: _hedged(share.text(3), row),
        each: None if per is None else _hedged(per.text(3), row),
    }


def comparison_display(
    frame: pd.DataFrame, *, per: str, currency: str, day: Any, gdp_year: int
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The comparison table for readers, and the rates used, by currency converted from."""
    used: dict[str, Any] = {}
    records = []
    for row in frame.itertuples(index=False):
        record = {
            gettext(N_("Country")): country_label(row.country),
            gettext(N_("Programme")): _programme(row),
            gettext(N_("Instrument")): instrument_label(row.instrument),
            gettext(N_("Period")): period_text(row),
            gettext(N_("As printed")): _printed(row),
        }
        if per in ("total", "per-year"):
            record |= _total_or_yearly(row, per, currency, day, used)
        else:
            record |= _shares(row, gdp_year)
        record[gettext(N_("Status"))] = status_text(row)
        record[gettext(N_("Source"))] = _source(row.source_id)
        records.append(record)
    return pd.DataFrame.from_records(records), used


def plain_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows as printed, for readers: country, what, instrument, period, amount, status, source."""
    return pd.DataFrame.from_records(
        [
            {
                gettext(N_("Country")): country_label(row.country),
                gettext(N_("Programme or award")): gettext(
                    N_("%(programme)s: %(recipient)s"),
                    programme=_programme(row),
                    recipient=recipient_label(str(row.recipient)),
                )
                if row.recipient
                else _programme(row),
                gettext(N_("Instrument")): instrument_label(row.instrument),
                gettext(N_("Period")): period_text(row),
                gettext(N_("As printed")): _printed(row),
                gettext(N_("Status")): status_text(row),
                gettext(N_("Source")): _source(row.source_id),
            }
            for row in frame.itertuples(index=False)
        ]
    )


#: MOF's printed support texts (``mof-peer-comparison`` ``programme_text``) in the catalog's
#: words: English renders them; the Japanese is MOF's own text, so a Japanese page shows it
#: as printed. A text missing here is an error naming it.
MOF_PROGRAMMES = {
    "【CHIPS法】・5年間で527億ドル": N_("[CHIPS Act] $52.7 billion over five years"),
    "【個別企業支援額】IPCEI第1弾へ10億ユーロ、TSMCへ50億ユーロ、インテルへ99億ユーロ": N_(
        "[Support to individual companies] €1 billion to the first IPCEI, €5 billion to TSMC, "
        "€9.9 billion to Intel"
    ),
    "【個別企業支援額】・3年間で3.9兆円": N_(
        "[Support to individual companies] ¥3.9 trillion over three years"
    ),
}


def _mof_support(row: Any) -> str:
    """MOF's support text: as printed, after its rendering in the page's language when the
    page is not in MOF's language ("[CHIPS Act] $52.7 billion over five years (about ¥7.1
    trillion); MOF prints: 【CHIPS法】・5年間で527億ドル (約7.1兆円)")."""
    printed_programme = str(row.mof_programme_text)
    if printed_programme not in MOF_PROGRAMMES:
        raise ValueError(
            f"mof-peer-comparison: programme_text {printed_programme!r} has no reader's "
            "rendering; add it to jpbudget.analysis.peers.tables.MOF_PROGRAMMES"
        )
    message = N_("%(programme)s (%(amount)s)")
    printed = gettext(message, programme=printed_programme, amount=row.mof_amount_text)
    rendered = gettext(
        message,
        programme=gettext(MOF_PROGRAMMES[printed_programme]),
        amount=formats.source_amount_text(int(row.mof_amount_jpy), str(row.mof_amount_text)),
    )
    if rendered == printed:
        return printed
    return gettext(
        N_("%(rendering)s; MOF prints: %(printed)s"), rendering=rendered, printed=printed
    )


def mof_display(table: pd.DataFrame, gdp_year: int) -> pd.DataFrame:
    """MOF's comparison as printed next to the project's computation, with the reason."""

    records = []
    for row in table.itertuples(index=False):
        records.append(
            {
                gettext(N_("Country")): country_label(row.country),
                gettext(N_("MOF: support as printed")): _mof_support(row),
                gettext(N_("MOF: share of GDP as printed")): row.mof_share_text,
                gettext(N_("GDP implied by MOF's two figures")): format_money(
                    row.mof_implied_gdp_jpy, "JPY"
                ),
                gettext(N_("Here: support from the rows")): figure_text(
                    int(row.amount), row.currency, 4
                ),
                gettext(N_("Here: %% of %(year)s GDP, whole period"), year=gdp_year): None
                if row.share is None
                else row.share.text(3),
                gettext(N_("Here: %% of %(year)s GDP, per year"), year=gdp_year): None
                if row.share_per_year is None
                else row.share_per_year.text(3),
                gettext(N_("Why they differ")): row.reason,
            }
        )
    return pd.DataFrame.from_records(records)


_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]")


def _chart_publisher(publisher: str) -> str:
    """A publisher for a chart's source line: the charts' fonts have no Hangul, so a Korean
    name is replaced by its English name in parentheses ("이코노믹데일리 (Economi Daily)")."""
    if _HANGUL.search(publisher):
        english = re.search(r"\(([^)]*)\)\s*$", publisher)
        return english.group(1) if english else publisher
    return publisher


#: The share chart's row labels, by programme and whether it is a draft budget: each says
#: what the generic label says (``_CHART_LABEL``), so English reads the same, but a language
#: may shorten it (a Japanese label names the programme briefly, its lines broken by hand).
SHARE_CHART_LABELS = {
    ("Chip support in the FY2021-23 supplementary budgets", False): N_(
        "%(country)s: Chip support in the FY2021-23 supplementary budgets (%(period)s)"
    ),
    ("Chips & AI envelope, FY2026 (subsidies, R&D and Rapidus equity)", True): N_(
        "%(country)s: Chips & AI envelope (subsidies, R&D, Rapidus equity; %(period)s draft)"
    ),
    ("Taiwan Chip-based Industrial Innovation Program", False): N_(
        "%(country)s: Taiwan Chip-based Industrial Innovation Program (%(period)s)"
    ),
    ("Semiconductor programmes in the 2025 draft budget", True): N_(
        "%(country)s: Semiconductor programmes in the %(period)s draft budget"
    ),
    ("CHIPS and Science Act: appropriations for semiconductors", False): N_(
        "%(country)s: CHIPS and Science Act: appropriations for semiconductors (%(period)s)"
    ),
}
_CHART_LABEL = {
    True: N_("%(country)s: %(programme)s (%(period)s, draft budget)"),
    False: N_("%(country)s: %(programme)s (%(period)s)"),
}


def share_chart_label(row: Any) -> str:
    """A row's label in the share chart: country, programme, period and whether it is a draft
    budget. A translation may break its lines by hand ("\\n", Japanese: no space between them)."""
    draft = row.status == "draft"
    message = SHARE_CHART_LABELS.get((str(row.programme), draft), _CHART_LABEL[draft])
    return gettext(
        message,
        country=country_label(row.country),
        programme=_programme(row),
        period=period_text(row),
    )


def _tick(label: str) -> str:
    """A chart label in lines of about 30 columns, keeping the lines a translation broke."""
    from ...charts.style import wrap

    return "\n".join(wrap(line, 30) for line in label.split("\n"))


def share_chart(frame: pd.DataFrame, gdp_year: int) -> tuple[Any, pd.DataFrame]:
    """Bar chart of direct spending per year as % of GDP (rows with a period and a GDP figure).

    Drawn like the project's other charts (:mod:`jpbudget.charts.style`): the title states the
    finding, the bars carry value labels, a draft budget is hatched, a share resting on a weak
    GDP figure is drawn as weak, and the foot names the sources. Returns the figure and the data
    drawn (with a ``source`` column).
    """
    from ...charts.style import (
        COLORS,
        chart_style,
        finish,
        mark_handles,
        new_figure,
        source_line,
        style_patch,
    )

    drawn, publishers = [], []
    for row in frame.itertuples(index=False):
        share = gdp_share(row.amount, row.country, gdp_year, currency=row.currency)
        if share is None or pd.isna(row.years):
            continue
        yearly = share.percent / int(row.years)
        sources = sources_of([row.source_id, *share.gdp.source_ids])
        publishers += [_chart_publisher(s.publisher) for s in sources]
        country = country_label(row.country)
        drawn.append(
            {
                "label": share_chart_label(row),
                "country": country,
                "draft": row.status == "draft",
                "percent_of_gdp_per_year": float(yearly.quantize(Decimal("0.0001"))),
                "shown": f"{yearly.quantize(Decimal('0.001'), ROUND_HALF_UP)}%",
                "weak_gdp": share.weak,
                "source": "; ".join(s.citation for s in sources),
            }
        )
    table = pd.DataFrame.from_records(drawn).sort_values(
        "percent_of_gdp_per_year", ascending=False, kind="stable"
    )
    top = table.iloc[0]
    used: set[str] = set()
    with chart_style():
        fig, ax = new_figure(0.62 * len(table) + 3.0)
        for y, row in enumerate(table.itertuples(index=False)):
            marks = tuple(m for m, on in (("draft", row.draft), ("weak", row.weak_gdp)) if on)
            used |= set(marks)
            (bar,) = ax.barh(y, row.percent_of_gdp_per_year, height=0.6, color=COLORS["line"])
            style_patch(bar, COLORS["line"], marks)
            ax.annotate(
                gettext(N_("%(share)s (weak GDP figure)"), share=row.shown)
                if row.weak_gdp
                else row.shown,
                (row.percent_of_gdp_per_year, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                fontsize=10.5,
                gid="value-label",
            )
        ax.set_yticks(range(len(table)), [_tick(label) for label in table["label"]])
        ax.invert_yaxis()
        ax.set_xlim(0, float(table["percent_of_gdp_per_year"].max()) * 1.7)
        # the axis's own message: a Japanese axis names its unit, （%）
        ax.set_xlabel(gettext(N_("Per year, %% of %(gdp_year)s GDP"), gdp_year=gdp_year))
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        finish(
            fig,
            title=gettext(
                N_(
                    "Direct public spending on chips per year, as a share of %(year)s GDP: "
                    "%(country)s highest at %(share)s"
                ),
                year=gdp_year,
                country=top["country"],
                share=top["shown"],
            ),
            sources=source_line(publishers),
            # a draft is hatched in the words of every chart (charts.style.MARK_LABELS)
            handles=mark_handles(
                used, labels={"weak": N_("Dotted grey: share rests on a weak GDP figure")}
            ),
            notes=[
                gettext(
                    N_(
                        "Each share is taken in the country's own currency: no exchange rate enters."
                    )
                )
            ],
        )
    table = table.drop(columns=["country", "draft", "shown"])
    table["label"] = table["label"].str.replace("\n", "", regex=False)
    return fig, table.reset_index(drop=True)
