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


def _counted(row: Mapping[str, Any]) -> bool:
    value = row.get("counted", True)
    return (
        True if value is None or (not isinstance(value, bool) and pd.isna(value)) else bool(value)
    )


def _running_chart(
    rows: list[dict[str, Any]],
    years: list[int],
    *,
    what: str,
    ceilings: Mapping[int, bool] | None,
    references: Sequence[Mapping[str, Any]],
    title: str,
    sources: Sequence[str] | str | None,
    notes: Sequence[str],
) -> Figure:
    """Horizontal running total by year: what earlier years gave (light), what the year adds
    (dark, with its marks), the total labelled; rows not counted (plans, weak figures) drawn
    outlined below a line as "not added"; ``references`` (reported totals, targets) as vertical
    lines at their amount, never added."""
    counted = [r for r in rows if _counted(r)]
    left_out = [r for r in rows if not _counted(r)]
    per_year = {
        y: sum(int(r["amount_jpy"]) for r in counted if int(r["fiscal_year"]) == y) for y in years
    }
    year_marks: dict[int, set[str]] = {y: set() for y in years}
    for r in counted:
        if int(r["fiscal_year"]) in year_marks:
            year_marks[int(r["fiscal_year"])] |= set(marks_of(r))
    totals, running_total, running = {}, 0, set()
    total_marks: dict[int, tuple[str, ...]] = {}
    for y in years:
        running_total += per_year[y]
        totals[y] = running_total
        running |= {m for m in year_marks[y] if m in _RUNNING and m != "draft"}
        if ceilings is not None:
            running = (running - {"up to"}) | ({"up to"} if ceilings.get(y) else set())
        total_marks[y] = tuple(m for m in _RUNNING if m in running)
    largest = max(
        [
            *totals.values(),
            *(int(r["amount_jpy"]) for r in left_out),
            *(int(x["amount_jpy"]) for x in references),
            1,
        ]
    )
    used: set[str] = set()
    data_rows = []
    with chart_style():
        fig, ax = new_figure(0.72 * (len(years) + len(left_out)) + 2.8)
        for i, year in enumerate(years):
            amount, total = per_year[year], totals[year]
            marks = tuple(m for m in ("draft", "about", "up to", "weak") if m in year_marks[year])
            used |= set(marks)
            if total - amount:
                ax.barh(i, float(total - amount), height=0.6, color=_CARRIED, gid="carried")
            if amount:
                (bar,) = ax.barh(
                    i, float(amount), left=float(total - amount), height=0.6, color=COLORS["line"]
                )
                style_patch(bar, COLORS["line"], marks)
            added = value_text(amount, marks).replace("¥", "+¥", 1) if amount else "nothing added"
            label = f"{value_text(total, total_marks[year])}\nFY{year}: {added}"
            _draw_label(ax, float(total), i, label, linespacing=1.3)
            ids = [r.get("source_id") for r in counted if int(r["fiscal_year"]) == year]
            data_rows.append(
                {
                    "Fiscal year": f"FY{year}",
                    "Added in the year (yen)": amount,
                    "Running total (yen)": total,
                    "Shown as": label.replace("\n", "; "),
                    "Marks": ", ".join(marks),
                    "source": "; ".join(sourcing.citation(i) for i in ids)
                    or "nothing booked to this year",
                }
            )
        ticks = [f"FY{y}" for y in years]
        if left_out:
            ax.axhline(len(years) - 0.5, color="#999999", linewidth=0.8, linestyle=(0, (4, 3)))
        for j, r in enumerate(left_out):
            i = len(years) + j
            marks = marks_of(r)
            used |= set(marks)
            (bar,) = ax.barh(i, float(r["amount_jpy"]), height=0.6, color=COLORS["line"])
            style_patch(bar, COLORS["line"], marks)
            label = f"{value_text(int(r['amount_jpy']), marks, _qualifier(r))}, not added"
            _draw_label(ax, float(r["amount_jpy"]), i, label)
            kind = str(r.get("kind") or "not counted")
            booked = str(r.get("booked_to") or "")
            ticks.append(
                booked if kind == "plan" and booked else f"FY{int(r['fiscal_year'])}\n({kind})"
            )
            data_rows.append(
                {
                    "Fiscal year": f"FY{int(r['fiscal_year'])}",
                    "Added in the year (yen)": "",
                    "Running total (yen)": "",
                    "Shown as": label,
                    "Marks": ", ".join(marks),
                    "source": sourcing.citation(r.get("source_id")),
                }
            )
        for ref in references:
            x = float(ref["amount_jpy"])
            target = str(ref.get("kind", "target")) == "target"
            used |= {"target"} if target else set()
            ax.axvline(
                x,
                color=COLORS["target"],
                linestyle="--" if target else ":",
                linewidth=1.3,
                gid="reference",
            )
            text = wrap(("Target: " if target else "Reported: ") + str(ref["text"]), 22)
            ax.annotate(
                text,
                (x, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(-4, -2),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=9.5,
                color=COLORS["target"],
                gid="reference-label",
            )
            data_rows.append(
                {
                    "Fiscal year": "",
                    "Added in the year (yen)": "",
                    "Running total (yen)": int(ref["amount_jpy"]),
                    "Shown as": text.replace("\n", " "),
                    "Marks": "target" if target else "reported total",
                    "source": sourcing.citation(ref.get("source_id")),
                }
            )
        ax.set_yticks(range(len(ticks)), ticks)
        ax.set_ylim(len(ticks) - 0.5, -1.2 if references else -0.5)
        ax.set_ylabel("Fiscal year the money is booked to")
        ax.set_xlim(0, largest * 1.7)
        yen_unit_axis(ax, largest, "x", what=what)
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [
            Patch(color=_CARRIED, label="Total of earlier years"),
            Patch(color=COLORS["line"], label="Added in the year"),
            *mark_handles(used),
        ]
        if any(str(r.get("kind", "target")) != "target" for r in references):
            handles.append(
                Line2D(
                    [],
                    [],
                    color=COLORS["target"],
                    linestyle=":",
                    label="Dotted line: reported total",
                )
            )
        foot = (
            ["Below the dashed line: figures shown but not added to the total."] if left_out else []
        )
        ids = sourcing.all_ids(
            [*(r.get("source_id") for r in rows), *(x.get("source_id") for x in references)]
        )
        finish(
            fig,
            title=title,
            sources=_sources_text(sources, ids),
            handles=handles,
            notes=[*foot, *notes],
        )
    return attach_data(fig, pd.DataFrame(data_rows))


def _qualifier(row: Mapping[str, Any]) -> str | None:
    q = row.get("qualifier")
    if q is None or (not isinstance(q, str) and pd.isna(q)) or not str(q).strip():
        return None
    return "about" if str(q) in ("roughly", "approximately") else str(q)


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

    ``cumulative`` is the analysis' running total (``fiscal_year``, ``amount_jpy``,
    ``cumulative_jpy``, optionally ``ceiling``: the total includes an "up to" figure).
    ``commitments`` are the rows it sums (optionally with ``counted``: rows with False, plans
    and weak figures, are drawn outlined below the years as "not added"); they give the marks
    and the sources. Without them the firm commitments of ``scope`` are looked up and checked
    against ``cumulative``. The chart refuses a cumulative table its counted rows do not add
    up to.
    """
    years = [int(y) for y in cumulative["fiscal_year"]]
    if commitments is None:
        commitments = _default_commitments(cumulative, scope)
    rows = [r for r in _records(commitments) if int(r["fiscal_year"]) in years or not _counted(r)]
    for r in _records(cumulative):
        year = int(r["fiscal_year"])
        firm = sum(
            int(x["amount_jpy"]) for x in rows if _counted(x) and int(x["fiscal_year"]) == year
        )
        if firm != int(r["amount_jpy"]):
            raise ValueError(
                f"rapidus_step_chart: FY{year} of the cumulative table ({int(r['amount_jpy'])}) is "
                f"not the sum of its counted commitments ({firm}); pass commitments= (the rows it sums)"
            )
    ceilings = (
        {int(r["fiscal_year"]): bool(r["ceiling"]) for r in _records(cumulative)}
        if "ceiling" in cumulative.columns
        else None
    )
    last = _records(cumulative)[-1]
    label = _running_label(rows, years, ceilings, int(last["cumulative_jpy"]))
    scope_text = SCOPE_LABELS.get(scope, scope)
    return _running_chart(
        rows,
        years,
        what="Public support",
        ceilings=ceilings,
        references=(),
        title=title or f"Rapidus: {scope_text} reaches {label} by FY{int(last['fiscal_year'])}",
        sources=sources,
        notes=notes,
    )


def _running_label(rows, years, ceilings, total: int) -> str:
    counted = [r for r in rows if _counted(r) and int(r["fiscal_year"]) in years]
    marks = {m for r in counted for m in marks_of(r) if m in ("up to", "about")}
    if ceilings is not None:
        marks = (marks - {"up to"}) | ({"up to"} if ceilings.get(years[-1]) else set())
    return value_text(total, tuple(m for m in _RUNNING if m in marks))


def running_total_chart(
    spending: pd.DataFrame,
    references: pd.DataFrame | Sequence[Mapping[str, Any]] = (),
    *,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
    what: str = "Public money for chips",
) -> Figure:
    """Public money added up year by year, with reported totals and targets as reference lines.

    ``spending``: one row per budget figure (``fiscal_year``, ``amount_jpy``, ``qualifier``,
    ``budget``, ``confidence``, optionally ``counted`` and ``kind``, ``source_id``), such as
    :func:`jpbudget.analysis.overview.spending_by_year`. ``references``: ``amount_jpy``,
    ``amount_text`` (or ``text``: as printed), ``kind`` ("target" or "reported total"),
    ``source_id``; drawn as vertical lines, marked, never added.
    """
    rows = _records(spending)
    years = sorted({int(r["fiscal_year"]) for r in rows if _counted(r)})
    refs = [
        {**r, "text": r.get("text", r.get("amount_text"))}
        for r in (_records(pd.DataFrame(references)) if len(references) else [])
    ]
    total = sum(int(r["amount_jpy"]) for r in rows if _counted(r))
    label = _running_label(rows, years, None, total)
    drafts = sorted({int(r["fiscal_year"]) for r in rows if _counted(r) and "draft" in marks_of(r)})
    including = (
        f", including the draft budget of {', '.join(f'FY{y}' for y in drafts)}" if drafts else ""
    )
    return _running_chart(
        rows,
        years,
        what=what,
        ceilings=None,
        references=refs,
        title=title or f"Chips money FY{years[0]}–FY{years[-1]} adds up to {label}{including}",
        sources=sources,
        notes=notes,
    )


def _default_commitments(cumulative: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The firm commitments of ``scope`` (no plans) through the last year of ``cumulative``."""
    from .. import analysis

    last = int(cumulative["fiscal_year"].max())
    rapidus = getattr(analysis, "rapidus", None)
    if rapidus is not None and hasattr(rapidus, "commitments"):
        return rapidus.commitments(scope, last, include_plans=False)
    return analysis.rapidus_commitments(scope, last, include_plans=False)


def _span(date: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days an announcement date known to ``precision`` (day, month, year) may fall on."""
    if precision == "year":
        return date, pd.Timestamp(year=date.year, month=12, day=31)
    if precision == "month":
        return date, date + pd.offsets.MonthEnd(0)
    return date, date


def _when_text(when: pd.Timestamp, precision: str) -> str:
    """A date as precisely as it is known: "2022", "November 2022" or "2024-02-24"."""
    if precision == "year":
        return when.strftime("%Y")
    if precision == "month":
        return f"{when.strftime('%B')} {when.year}"
    return when.strftime("%Y-%m-%d")


def _company(name: str) -> str:
    return str(name).split(" (")[0]


def subsidies_timeline(
    subsidies: pd.DataFrame,
    targets: pd.DataFrame | Sequence[Mapping[str, Any]] = (),
    *,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
    until: str | pd.Timestamp | None = None,
) -> Figure:
    """Company subsidies on a timeline: one row per subsidy, grouped by company, each labelled
    with its amount and its date as precisely as it is known.

    ``subsidies``: ``company``, ``plant``, ``announced`` (a date), optionally
    ``announced_precision`` (day, month or year: a date known to the month or year is drawn
    as a span over it), ``amount_jpy``, ``qualifier``, ``confidence``, ``source_id``.
    ``targets``: multi-year figures drawn as reference lines at their date, each marked as a
    target (never added to the subsidies): ``date``, ``label``, optionally ``source_id``.
    """
    records = _records(subsidies)
    targets = _records(pd.DataFrame(targets)) if len(targets) else []
    companies = list(dict.fromkeys(str(r["company"]) for r in records))
    rows = sorted(
        records, key=lambda r: (companies.index(str(r["company"])), pd.Timestamp(r["announced"]))
    )
    used: set[str] = {"target"} if targets else set()
    data_rows = []
    with chart_style():
        fig, ax = new_figure(0.58 * len(rows) + 3.2)
        for group, company in enumerate(companies):
            members = [i for i, r in enumerate(rows) if str(r["company"]) == company]
            if group % 2:
                ax.axhspan(members[0] - 0.5, members[-1] + 0.5, color="#f2f2f2", zorder=0)
        for y, r in enumerate(rows):
            when = pd.Timestamp(r["announced"])
            precision = str(r.get("announced_precision") or "day")
            start, end = _span(when, precision)
            marks = marks_of(r)
            used |= set(marks)
            color = COLORS["weak"] if "weak" in marks else COLORS["line"]
            if end > start:
                ax.plot(
                    [start, end],
                    [y, y],
                    color=color,
                    linewidth=6,
                    alpha=0.45,
                    solid_capstyle="butt",
                )
            middle = start + (end - start) / 2
            ax.plot(
                [middle],
                [y],
                "o",
                color=color,
                markersize=7,
                markerfacecolor="white" if "up to" in marks else color,
                gid="subsidy",
            )
            shown = _when_text(when, precision)
            label = f"{value_text(int(r['amount_jpy']), marks)}\n{shown}"
            text = _draw_label(
                ax, max(middle, end), y, label, fontsize=10, offset=7, linespacing=1.1
            )
            text.set_in_layout(False)  # the x range leaves room for it (see set_xlim below)
            data_rows.append(
                {
                    "Company": str(r["company"]),
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
                wrap(f"Target: {t['label']}", 24),
                (when, 1.0),
                xycoords=("data", "axes fraction"),
                xytext=(-4, -2),
                textcoords="offset points",
                ha="right",
                va="top",
                fontsize=9.5,
                color=COLORS["target"],
                gid="target-label",
                bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
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
        ticks = [
            wrap(f"{_company(r['company'])}, {r.get('plant') or ''}".rstrip(", "), 22) for r in rows
        ]
        ax.set_yticks(range(len(rows)), ticks)
        ax.set_ylim(len(rows) - 0.5, -1.8 if targets else -0.5)
        dates = [pd.Timestamp(r["announced"]) for r in rows] + [
            pd.Timestamp(t["date"]) for t in targets
        ]
        latest = max(pd.Timestamp(r["announced"]) for r in rows) + pd.Timedelta(days=2300)
        right = (
            pd.Timestamp(until)
            if until is not None
            else max([latest, *(pd.Timestamp(t["date"]) + pd.Timedelta(days=120) for t in targets)])
        )
        ax.set_xlim(min(dates) - pd.Timedelta(days=150), right)
        ax.xaxis.set_major_locator(mdates.YearLocator(2))
        ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
        ax.set_xlabel("Date announced (calendar year)")
        ax.grid(axis="x", color="#dddddd", linewidth=0.6)
        ax.set_axisbelow(True)
        handles = [
            Line2D(
                [],
                [],
                marker="o",
                linestyle="",
                color=COLORS["line"],
                label="Subsidy, amount as given",
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
                    linewidth=6,
                    alpha=0.45,
                    label="Bar: date known only to the month or year",
                )
            )
        if "weak" in used:
            handles.append(
                Line2D(
                    [],
                    [],
                    marker="o",
                    linestyle="",
                    color=COLORS["weak"],
                    label="Grey: weak figure (single or unconfirmed source)",
                )
            )
        handles += mark_handles(used & {"target"})
        words = [
            ('"about": approximate figure as the source gives it', "about"),
            ('"(draft)": in a cabinet draft budget, not the enacted one', "draft"),
            ('"(plan)": planned, not yet budgeted', "plan"),
        ]
        notes = [*(text for text, mark in words if mark in used), *notes]
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
