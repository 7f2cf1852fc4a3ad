"""Support for companies: Rapidus year by year, and the company subsidies on a timeline."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from . import sourcing
from .budget import _draw_label, _records, _sources_text
from .style import (
    COLORS,
    attach_data,
    chart_style,
    finish,
    mark_handles,
    marks_of,
    new_figure,
    style_patch,
    value_text,
    wrap,
    yen_unit_axis,
)

SCOPE_LABELS = {
    "equity": "government equity alone",
    "subsidies": "subsidies alone",
    "all": "all public support (equity and subsidies)",
}
_CARRIED = "#c9d3dd"
_RUNNING = ("up to", "about", "weak", "plan", "draft")


def rapidus_step_chart(
    cumulative: pd.DataFrame,
    scope: str,
    *,
    commitments: pd.DataFrame | None = None,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
) -> Figure:
    """Cumulative public support for Rapidus by fiscal year: what each year adds, and the total.

    ``cumulative`` is :func:`jpbudget.analysis.rapidus_cumulative`'s (``fiscal_year``,
    ``amount_jpy``, ``cumulative_jpy``). ``commitments`` (the rows it sums, from
    :func:`~jpbudget.analysis.rapidus_commitments`) give the marks (ceilings "up to", drafts,
    weak figures, plans) and the sources; without them ``sources`` is required and no mark is
    drawn. A running total that includes a ceiling is labelled "up to".
    """
    years = [int(y) for y in cumulative["fiscal_year"]]
    if commitments is None:
        commitments = _default_commitments(cumulative, scope)
    rows = _records(commitments)
    year_marks = {y: set() for y in years}
    for r in rows:
        if int(r["fiscal_year"]) in year_marks:
            year_marks[int(r["fiscal_year"])] |= set(marks_of(r))
    largest = max(int(c) for c in cumulative["cumulative_jpy"])
    used: set[str] = set()
    data_rows = []
    running: set[str] = set()
    with chart_style():
        fig, ax = new_figure(0.75 * len(years) + 2.7)
        for i, r in enumerate(_records(cumulative)):
            year, amount, total = (
                int(r["fiscal_year"]),
                int(r["amount_jpy"]),
                int(r["cumulative_jpy"]),
            )
            marks = tuple(
                m for m in ("draft", "about", "up to", "weak", "plan") if m in year_marks[year]
            )
            running |= {m for m in marks if m in _RUNNING and m != "draft"}
            total_marks = tuple(m for m in _RUNNING if m in running)
            used |= set(marks)
            if total - amount:
                ax.barh(i, float(total - amount), height=0.6, color=_CARRIED, gid="carried")
            if amount:
                (bar,) = ax.barh(
                    i, float(amount), left=float(total - amount), height=0.6, color=COLORS["line"]
                )
                style_patch(bar, COLORS["line"], marks)
            added = f"+{value_text(amount, marks)}" if amount else "nothing added"
            label = f"{value_text(total, total_marks)}\nFY{year}: {added}"
            _draw_label(ax, float(total), i, label, linespacing=1.3)
            year_ids = [x.get("source_id") for x in rows if int(x["fiscal_year"]) == year]
            data_rows.append(
                {
                    "Fiscal year": f"FY{year}",
                    "Added in the year (yen)": amount,
                    "Running total (yen)": total,
                    "Shown as": label.replace("\n", "; "),
                    "Marks": ", ".join(marks),
                    "source": "; ".join(sourcing.citation(i) for i in year_ids)
                    or "no commitment booked to this year",
                }
            )
        ax.set_yticks(range(len(years)), [f"FY{y}" for y in years])
        ax.invert_yaxis()
        ax.set_ylabel("Fiscal year the money is booked to")
        ax.set_xlim(0, largest * 1.7)
        yen_unit_axis(ax, largest, "x", what="Public support")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [
            Patch(color=_CARRIED, label="Total of earlier years"),
            Patch(color=COLORS["line"], label="Added in the year"),
            *mark_handles(used),
        ]
        last = _records(cumulative)[-1]
        total_marks = tuple(m for m in _RUNNING if m in running)
        scope_text = SCOPE_LABELS.get(scope, scope)
        finish(
            fig,
            title=title
            or f"Rapidus: {scope_text} reaches {value_text(int(last['cumulative_jpy']), total_marks)} "
            f"by FY{int(last['fiscal_year'])}",
            sources=_sources_text(sources, sourcing.all_ids(r.get("source_id") for r in rows)),
            handles=handles,
            notes=list(notes),
        )
    return attach_data(fig, pd.DataFrame(data_rows))


def _default_commitments(cumulative: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The firm commitments of ``scope`` (no plans), checked to add up to ``cumulative``."""
    from .. import analysis

    last = int(cumulative["fiscal_year"].max())
    rows = analysis.rapidus.commitments(scope, last, include_plans=False)
    rows = rows[rows["counted"] & rows["fiscal_year"].isin(cumulative["fiscal_year"])]
    per_year = rows.groupby("fiscal_year")["amount_jpy"].sum()
    for r in _records(cumulative):
        if int(per_year.get(int(r["fiscal_year"]), 0)) != int(r["amount_jpy"]):
            raise ValueError(
                f"rapidus_step_chart: FY{int(r['fiscal_year'])} of the cumulative table is not the "
                f"firm {scope!r} commitments; pass commitments= (the rows it sums)"
            )
    return rows


def _span(date: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days an announcement date known to ``precision`` (day, month, year) may fall on."""
    if precision == "year":
        return date, pd.Timestamp(year=date.year, month=12, day=31)
    if precision == "month":
        return date, date + pd.offsets.MonthEnd(0)
    return date, date


def subsidies_timeline(
    subsidies: pd.DataFrame,
    targets: pd.DataFrame | Sequence[Mapping[str, Any]] = (),
    *,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
    until: str | pd.Timestamp | None = None,
) -> Figure:
    """Company subsidies on a timeline, one row per company, each labelled with its amount.

    ``subsidies``: ``company``, ``plant``, ``announced`` (a date), optionally
    ``announced_precision`` (day, month or year: a date known to the month or year is drawn
    as a span), ``amount_jpy``, ``qualifier``, ``confidence``, ``source_id``. ``targets``:
    multi-year figures drawn as reference lines at their date, each marked as a target (never
    added to the subsidies): ``date``, ``label``, optionally ``source_id``.
    """
    rows = _records(subsidies)
    targets = _records(pd.DataFrame(targets)) if len(targets) else []
    companies = list(dict.fromkeys(str(r["company"]) for r in rows))
    used: set[str] = {"target"} if targets else set()
    data_rows = []
    with chart_style():
        fig, ax = new_figure(0.95 * len(companies) + 3.0)
        side: dict[str, int] = {}
        for r in sorted(rows, key=lambda r: pd.Timestamp(r["announced"])):
            company = str(r["company"])
            y = companies.index(company)
            when = pd.Timestamp(r["announced"])
            precision = str(r.get("announced_precision") or "day")
            start, end = _span(when, precision)
            marks = marks_of(r)
            used |= set(marks)
            color = COLORS["weak"] if "weak" in marks else COLORS["line"]
            if end > start:
                ax.plot(
                    [start, end], [y, y], color=color, linewidth=5, alpha=0.5, solid_capstyle="butt"
                )
            middle = start + (end - start) / 2
            ax.plot(
                [middle],
                [y],
                "o",
                color=color,
                markersize=7,
                markerfacecolor="white" if "up to" in marks else color,
            )
            up = side.get(company, 0) % 2 == 0
            side[company] = side.get(company, 0) + 1
            shown = (
                when.strftime("%Y")
                if precision == "year"
                else when.strftime("%b %Y")
                if precision == "month"
                else when.strftime("%Y-%m-%d")
            )
            label = (
                f"{wrap(str(r.get('plant') or ''), 26)}\n{value_text(int(r['amount_jpy']), marks)}"
            )
            ax.annotate(
                label,
                (middle, y),
                xytext=(0, 9 if up else -9),
                textcoords="offset points",
                ha="center",
                va="bottom" if up else "top",
                fontsize=8,
                gid="value-label",
                linespacing=1.15,
            )
            data_rows.append(
                {
                    "Company": company,
                    "Plant": str(r.get("plant") or ""),
                    "Announced": shown,
                    "Amount (yen)": int(r["amount_jpy"]),
                    "Shown as": value_text(int(r["amount_jpy"]), marks),
                    "Marks": ", ".join(marks),
                    "source": sourcing.citation(r.get("source_id")),
                }
            )
        for t in targets:
            when = pd.Timestamp(t["date"])
            ax.axvline(when, color=COLORS["target"], linestyle="--", linewidth=1.2, gid="target")
            ax.annotate(
                wrap(f"Target: {t['label']}", 28),
                (when, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(-4, -2),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=8,
                color=COLORS["target"],
                gid="target-label",
            )
            data_rows.append(
                {
                    "Company": "",
                    "Plant": "",
                    "Announced": when.strftime("%Y-%m-%d"),
                    "Amount (yen)": t.get("amount_jpy", ""),
                    "Shown as": f"Target: {t['label']}",
                    "Marks": "target",
                    "source": sourcing.citation(t.get("source_id")) or str(t.get("source", "")),
                }
            )
        ax.set_yticks(range(len(companies)), [wrap(c, 18) for c in companies])
        ax.set_ylim(len(companies) - 0.4, -0.6)
        dates = [pd.Timestamp(r["announced"]) for r in rows] + [
            pd.Timestamp(t["date"]) for t in targets
        ]
        right = pd.Timestamp(until) if until is not None else max(dates) + pd.Timedelta(days=200)
        ax.set_xlim(min(dates) - pd.Timedelta(days=330), right)
        ax.xaxis.set_major_locator(mdates.YearLocator())
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_xlabel("Date announced (calendar year)")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [
            Line2D(
                [], [], marker="o", linestyle="", color=COLORS["line"], label="Subsidy announced"
            ),
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=COLORS["line"],
                markerfacecolor="white",
                label='Open circle: ceiling ("up to")',
            ),
        ]
        if any(str(r.get("announced_precision") or "day") != "day" for r in rows):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=COLORS["line"],
                    linewidth=5,
                    alpha=0.5,
                    label="Bar: date known only to the month or year",
                )
            )
        handles += mark_handles(used - {"up to"})
        ids = sourcing.all_ids(
            [*(r.get("source_id") for r in rows), *(t.get("source_id") for t in targets)]
        )
        finish(
            fig,
            title=title or "Company subsidies for chip plants, by date announced",
            sources=_sources_text(sources, ids),
            handles=handles,
            notes=[
                "Each subsidy is shown on its own; targets are not spending and are not added.",
                *notes,
            ],
        )
    return attach_data(fig, pd.DataFrame(data_rows))
