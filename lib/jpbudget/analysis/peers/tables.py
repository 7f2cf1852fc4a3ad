"""The comparison for readers: money in any currency, periods and statuses in words, the
tables and the share-of-GDP chart."""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ... import data, fx
from ...yen import format_usd, format_yen
from .compare import Share, gdp_share, per_year
from .rows import convert

INSTRUMENT_LABELS = {
    "grant-subsidy": "grants and subsidies",
    "equity": "equity",
    "loan": "loans and loan authority",
    "tax-credit": "tax credits",
    "public-private-target": "public-plus-private target",
    "fund-capital": "capital of a state-led fund",
    "mixed-package": "mixed package (loans, funds, spending)",
}

# --- reader-facing tables and the chart --------------------------------------------------------

_SYMBOLS = {"EUR": "€", "KRW": "₩", "TWD": "NT$", "CNY": "CN¥", "INR": "₹", "GBP": "£"}


def format_money(value: Any, currency: str, digits: int = 3) -> str:
    """An amount of any currency, rounded to ``digits`` significant digits ("₩1.7 trillion").

    >>> format_money(1_239_000_000_000, "JPY"), format_money(Decimal("10540000000"), "USD")
    ('¥1.24 trillion', '$10.5 billion')
    >>> format_money(Decimal("150000000000"), "INR", 4)
    '₹150 billion'
    """
    value = value if isinstance(value, Decimal) else Decimal(int(value))
    if currency == "JPY":
        whole = value.quantize(Decimal(1), ROUND_HALF_UP)
        return format_yen(int(whole), digits=digits)
    text = format_usd(Decimal(value), digits=digits)
    return text if currency == "USD" else text.replace("$", _SYMBOLS.get(currency, currency), 1)


def period_text(row: Any) -> str:
    """ "FY2021-23", "2024-33", "from 2024" (no end given) or "FY2026"."""
    prefix = "FY" if row.period_kind == "fiscal-year" else ""
    start = int(row.period_start)
    if pd.isna(row.period_end):
        return f"from {prefix}{start} (no end given)"
    end = int(row.period_end)
    return f"{prefix}{start}" if end == start else f"{prefix}{start}-{str(end)[-2:]}"


def _source(source_id: str) -> Any:
    from ... import present

    return present.Source.from_record(data.sources(source_id).reset_index().iloc[0].to_dict())


def sources_of(source_ids: Any) -> list[Any]:
    """:class:`jpbudget.present.Source` records of ``source_ids``, in order, each once."""
    return [_source(s) for s in dict.fromkeys(str(s) for s in source_ids)]


def status_text(row: Any) -> str:
    """ "in force", "draft budget" or "cancelled", with "(weak source)" for a weak row."""
    words = {"draft": "draft budget", "in-force": "in force"}.get(row.status, row.status)
    return words + (" (weak source)" if row.confidence == "weak" else "")


def _printed(row: Any) -> str:
    text = str(row.amount_text)
    if row.computed:
        return f"{text} (summed here: {format_money(row.amount, row.currency, 5)})"
    return text


def comparison_display(
    frame: pd.DataFrame, *, per: str, currency: str, day: Any, gdp_year: int
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The comparison table for readers, and the rates used, by currency converted from."""
    used: dict[str, Any] = {}
    records = []
    for row in frame.itertuples(index=False):
        record = {
            "Country": row.country_name,
            "Programme": row.programme,
            "Instrument": INSTRUMENT_LABELS[row.instrument],
            "Period": period_text(row),
            "As printed": _printed(row),
        }
        yearly = per_year(row.amount, row.years)
        hedge = f"{row.qualifier} " if row.qualifier else ""  # the printed figure's qualifier
        if per in ("total", "per-year"):
            value = Decimal(int(row.amount)) if per == "total" else yearly
            label = "Total over the period" if per == "total" else "Per year (average)"
            record[f"{label}, own currency"] = (
                None if value is None else hedge + format_money(value, row.currency)
            )
            converted = None
            if value is not None:
                try:
                    amount, rate = convert(value.to_integral_value(), row.currency, currency, day)
                except fx.RateUnavailableError:
                    converted = f"not converted ({row.currency})"
                else:
                    if rate is not None:
                        used[row.currency] = rate
                    converted = hedge + format_money(amount, currency)
            record[f"{label}, in {currency}"] = converted
        else:
            share = gdp_share(row.amount, row.country, gdp_year, currency=row.currency)
            record[f"Whole period, % of {gdp_year} GDP"] = (
                None if share is None else hedge + share.text(3)
            )
            record[f"Per year, % of {gdp_year} GDP"] = (
                None
                if share is None or yearly is None
                else hedge
                + Share(share.amount, share.gdp, share.percent / int(row.years), share.weak).text(3)
            )
        record["Status"] = status_text(row)
        record["Source"] = _source(row.source_id)
        records.append(record)
    return pd.DataFrame.from_records(records), used


def plain_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows as printed, for readers: country, what, instrument, period, amount, status, source."""
    return pd.DataFrame.from_records(
        [
            {
                "Country": row.country_name,
                "Programme or award": row.programme
                + (f": {row.recipient}" if row.recipient else ""),
                "Instrument": INSTRUMENT_LABELS[row.instrument],
                "Period": period_text(row),
                "As printed": _printed(row),
                "Status": status_text(row),
                "Source": _source(row.source_id),
            }
            for row in frame.itertuples(index=False)
        ]
    )


def mof_display(table: pd.DataFrame, gdp_year: int) -> pd.DataFrame:
    """MOF's comparison as printed next to the project's computation, with the reason."""
    records = []
    for row in table.itertuples(index=False):
        records.append(
            {
                "Country": row.country_name,
                "MOF: support as printed": f"{row.mof_programme_text} ({row.mof_amount_text})",
                "MOF: share of GDP as printed": row.mof_share_text,
                "GDP implied by MOF's two figures": format_yen(
                    int(row.mof_implied_gdp_jpy.quantize(Decimal(1), ROUND_HALF_UP))
                ),
                "Here: support from the rows": format_money(row.amount, row.currency, 4),
                f"Here: % of {gdp_year} GDP, whole period": None
                if row.share is None
                else row.share.text(3),
                f"Here: % of {gdp_year} GDP, per year": None
                if row.share_per_year is None
                else row.share_per_year.text(3),
                "Why they differ": row.reason,
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
        wrap,
    )

    drawn, publishers = [], []
    for row in frame.itertuples(index=False):
        share = gdp_share(row.amount, row.country, gdp_year, currency=row.currency)
        if share is None or pd.isna(row.years):
            continue
        yearly = share.percent / int(row.years)
        sources = sources_of([row.source_id, *share.gdp.source_ids])
        publishers += [_chart_publisher(s.publisher) for s in sources]
        drawn.append(
            {
                "label": f"{row.country_name}: {row.programme} ({period_text(row)}"
                + (", draft budget)" if row.status == "draft" else ")"),
                "country": row.country_name,
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
                row.shown + (" (weak GDP figure)" if row.weak_gdp else ""),
                (row.percent_of_gdp_per_year, y),
                xytext=(4, 0),
                textcoords="offset points",
                va="center",
                ha="left",
                fontsize=10.5,
                gid="value-label",
            )
        ax.set_yticks(range(len(table)), [wrap(label, 30) for label in table["label"]])
        ax.invert_yaxis()
        ax.set_xlim(0, float(table["percent_of_gdp_per_year"].max()) * 1.7)
        ax.set_xlabel(f"Per year, % of {gdp_year} GDP")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        finish(
            fig,
            title=f"Direct public spending on chips per year, as a share of {gdp_year} GDP: "
            f"{top['country']} highest at {top['shown']}",
            sources=source_line(publishers),
            handles=mark_handles(
                used,
                labels={
                    "draft": "Hatched: draft budget, not yet enacted",
                    "weak": "Dotted grey: share rests on a weak GDP figure",
                },
            ),
            notes=["Each share is taken in the country's own currency: no exchange rate enters."],
        )
    table = table.drop(columns=["country", "draft", "shown"])
    return fig, table.reset_index(drop=True)
