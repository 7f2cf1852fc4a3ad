"""Company subsidies on a timeline, one row per subsidy, with targets as reference lines."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping, Sequence
from typing import Any

import matplotlib.dates as mdates
import pandas as pd
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from .. import formats
from ..i18n import N_, gettext
from . import sourcing
from .budget import _draw_label, _records, _sources_text
from .style import (
    COLORS,
    attach_data,
    chart_style,
    finish,
    grid_behind,
    label_at_top,
    mark_handles,
    marks_of,
    new_figure,
    value_text,
    wrap,
)


def _span(date: pd.Timestamp, precision: str) -> tuple[pd.Timestamp, pd.Timestamp]:
    """The days an announcement date known to ``precision`` (day, month, year) may fall on."""
    if precision == "year":
        return date, pd.Timestamp(year=date.year, month=12, day=31)
    if precision == "month":
        return date, date + pd.offsets.MonthEnd(0)
    return date, date


def _when_text(when: pd.Timestamp, precision: str) -> str:
    """A date as precisely as it is known, as the pages write it: "2022", "November 2022" or
    "24 February 2024" (2024年2月24日)."""
    return formats.date_text(when.date(), precision)


def _data_row(
    company: str, plant: str, announced: str, amount: Any, shown: str, marks: Any, source: str
) -> dict:
    """A row of the chart's data (its CSV), with headers in the active language."""
    return {
        gettext(N_("Company")): company,
        gettext(N_("Plant")): plant,
        gettext(N_("Announced")): announced,
        gettext(N_("Amount (yen)")): amount,
        **sourcing.shown_columns(shown, marks, source),
    }


#: Each company's short name for a row label, by the name the data gives it (the keys are
#: the messages of :data:`jpbudget.analysis.overview.SUBSIDY_NAMES`).
SHORT_COMPANIES = {
    "TSMC (through its Japanese subsidiary JASM)": N_("TSMC"),
    "Kioxia and Western Digital (joint venture)": N_("Kioxia and Western Digital"),
    "Micron Technology": N_("Micron Technology"),
    "Rapidus": N_("Rapidus"),
}
#: The most columns a Japanese row label takes on one line (a kanji is two columns).
JA_LABEL_COLUMNS = 30


def _company(name: str) -> str:
    """A company's short name for a row label, in the active language: "TSMC" of "TSMC
    (through its Japanese subsidiary JASM)" (台湾TSMC), キオクシア・WD; a company not listed
    in :data:`SHORT_COMPANIES` is cut before its parenthesis."""
    shorts = {gettext(full): gettext(short) for full, short in SHORT_COMPANIES.items()}
    name = str(name)
    return shorts.get(name) or name.split(" (")[0].split("（")[0]


def _columns(text: str) -> float:
    """Display width: a kanji or kana two columns, anything else one."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def row_label(company: str, plant: str) -> str:
    """A row's label: "TSMC, Kumamoto, first plant" wrapped by words; 台湾TSMC（熊本第1工場）
    on one line, or two lines broken before the plant's bracket (never inside a name)."""
    short = _company(company)
    label = gettext(N_("%(company)s, %(plant)s"), company=short, plant=plant) if plant else short
    if not formats.is_japanese(label):
        return wrap(label, 22)
    head, bracket, tail = label.rpartition("（")
    if _columns(label) <= JA_LABEL_COLUMNS or not head:
        return label
    return f"{head}\n{bracket}{tail}"


def _draw_subsidy(ax: Any, y: int, r: Mapping[str, Any]) -> tuple[tuple[str, ...], dict]:
    """Draw one subsidy on row ``y`` (a dot, a bar over an imprecise date, its label); return
    its marks and its row of the chart's data."""
    when = pd.Timestamp(r["announced"])
    precision = str(r.get("announced_precision") or "day")
    start, end = _span(when, precision)
    marks = marks_of(r)
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
    text = _draw_label(ax, max(middle, end), y, label, fontsize=10, offset=7, linespacing=1.1)
    text.set_in_layout(False)  # the x range leaves room for it (see _date_axis)
    return marks, _data_row(
        str(r["company"]),
        str(r.get("plant") or ""),
        # the data keeps ISO dates, cut to the precision known: 2022, 2022-11, 2024-02-24
        when.strftime({"year": "%Y", "month": "%Y-%m"}.get(precision, "%Y-%m-%d")),
        int(r["amount_jpy"]),
        value_text(int(r["amount_jpy"]), marks),
        marks,
        sourcing.citation(r.get("source_id")),
    )


def _draw_target(ax: Any, t: Mapping[str, Any]) -> dict:
    """Draw a target as a dashed line at its date, labelled at the top; return its data row."""
    when = pd.Timestamp(t["date"])
    ax.axvline(when, color=COLORS["target"], linestyle="--", linewidth=1.2, gid="target")
    # right of the line, in the headroom above the first row (the left side is where the row
    # labels are: a tall label there ran into them)
    target = gettext(
        N_("Target, announced %(date)s: %(amount)s"),
        date=_when_text(when, "month"),
        amount=str(t["label"]),
    )
    label_at_top(
        ax,
        wrap(target, 24),
        when,
        side="right",
        gid="target-label",
        bbox={"boxstyle": "square,pad=0.1", "facecolor": "white", "edgecolor": "none"},
    )
    return _data_row(
        "",
        "",
        when.strftime("%Y-%m-%d"),
        t.get("amount_jpy", ""),
        target,
        gettext(N_("target")),
        sourcing.citation(t.get("source_id")) or str(t.get("source", "")),
    )


_LABEL_ROOM_DAYS = 1500


def _date_axis(ax: Any, rows: list, targets: list, until: Any) -> None:
    """The x axis: calendar years, from before the first date to room for the labels (or
    ``until``)."""
    dates = [pd.Timestamp(r["announced"]) for r in rows] + [
        pd.Timestamp(t["date"]) for t in targets
    ]
    # room right of the latest dot for its two-line label (about four years at this scale)
    latest = max(pd.Timestamp(r["announced"]) for r in rows) + pd.Timedelta(days=_LABEL_ROOM_DAYS)
    right = (
        pd.Timestamp(until)
        if until is not None
        else max([latest, *(pd.Timestamp(t["date"]) + pd.Timedelta(days=120) for t in targets)])
    )
    ax.set_xlim(min(dates) - pd.Timedelta(days=150), right)
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlabel(gettext(N_("Date announced (calendar year)")))


def _legend(rows: list, used: set[str]) -> list:
    """Legend entries: a subsidy, a ceiling, an imprecise date and a weak figure if drawn,
    and the target line."""
    handles = [
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=COLORS["line"],
            label=gettext(N_("Subsidy, amount as given")),
        ),
        Line2D(
            [],
            [],
            marker="o",
            linestyle="",
            color=COLORS["line"],
            markerfacecolor="white",
            label=gettext(N_('Open circle: ceiling ("up to")')),
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
                label=gettext(N_("Bar: date known only to the month or year")),
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
                label=gettext(N_("Grey: weak figure (single or unconfirmed source)")),
            )
        )
    handles += mark_handles(used & {"target"})
    return handles


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
            marks, row = _draw_subsidy(ax, y, r)
            used |= set(marks)
            data_rows.append(row)
        data_rows += [_draw_target(ax, target) for target in targets]
        ticks = [row_label(str(r["company"]), str(r.get("plant") or "")) for r in rows]
        ax.set_yticks(range(len(rows)), ticks)
        ax.set_ylim(len(rows) - 0.5, -2.7 if targets else -0.5)
        _date_axis(ax, rows, targets, until)
        grid_behind(ax)
        handles = _legend(rows, used)
        words = [
            (N_('"about": approximate figure as the source gives it'), "about"),
            (N_('"(draft)": in a cabinet draft budget, not the enacted one'), "draft"),
            (N_('"(plan)": planned, not yet budgeted'), "plan"),
        ]
        notes = [*(gettext(text) for text, mark in words if mark in used), *notes]
        ids = sourcing.all_ids(
            [*(r.get("source_id") for r in rows), *(t.get("source_id") for t in targets)]
        )
        finish(
            fig,
            title=title or gettext(N_("Company subsidies for chip plants, by date announced")),
            sources=_sources_text(sources, ids),
            handles=handles,
            notes=[
                gettext(
                    N_(
                        "Each subsidy is shown on its own; targets are not spending and are not "
                        "added."
                    )
                ),
                *notes,
            ],
        )
    return attach_data(fig, pd.DataFrame(data_rows))
