"""The "15-month" chart: each year's initial budget plus the previous year's supplementary,
stacked (they are different money), the total labelled, a publisher's own figure beside it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from ..i18n import N_, gettext
from . import sourcing
from .budget import (
    _draw_label,
    _kind_patch,
    _qualifier,
    _records,
    _sources_text,
    fy_text,
    kind_label,
)
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
    yen_bars_axis,
)


def _draw_part(
    ax: Any, y: int, r: Mapping[str, Any], part: str, *, left: int
) -> tuple[tuple[str, ...], dict]:
    """Stack one part of a year (initial, previous supplementary) on bar ``y`` from ``left``;
    return its marks and its row of the chart's data."""
    year, amount, marks = int(r["fiscal_year"]), int(r["amount_jpy"]), marks_of(r)
    color = COLORS.get(part, "#555555")
    (bar,) = ax.barh(y, float(amount), left=float(left), height=0.6, color=color)
    style_patch(bar, color, marks)
    shown = value_text(amount, marks, _qualifier(r))
    source = sourcing.citation(r.get("source_id"))
    return marks, _data_row(year, kind_label(part), amount, shown, marks, source)


def _data_row(
    year: int, part: str, amount: int, shown: str, marks: str | tuple[str, ...], source: str
) -> dict:
    """A row of the chart's data (its CSV), with headers in the active language."""
    return {
        gettext(N_("Fiscal year")): fy_text(year),
        gettext(N_("Part")): part,
        gettext(N_("Amount (yen)")): amount,
        **sourcing.shown_columns(shown, marks, source),
    }


#: A year's total label when a part of it has no figure.
_LACKING = {
    ("initial",): N_("%(amount)s (no initial figure)"),
    ("previous supplementary",): N_("%(amount)s (no previous supplementary figure)"),
    ("initial", "previous supplementary"): N_(
        "%(amount)s (no initial or previous supplementary figure)"
    ),
}


def _label_totals(
    ax: Any,
    table: pd.DataFrame,
    years: list[int],
    totals: Mapping[int, int],
    year_marks: Mapping[int, set[str]],
    references: Sequence[Mapping[str, Any]],
) -> None:
    """Label each year's total with its marks, saying which part has no figure, right of the
    bar or of the publisher's figure, whichever is further."""
    missing = {
        y: [
            str(r["part"])
            for r in _records(table)
            if int(r["fiscal_year"]) == y and pd.isna(r["amount_jpy"])
        ]
        for y in years
    }
    ref_at = {int(ref["fiscal_year"]): int(ref["amount_jpy"]) for ref in references}
    for year in years:
        marks = tuple(m for m in ("draft", "about", "up to", "weak") if m in year_marks[year])
        if missing[year]:
            lacking = tuple(p for p in ("initial", "previous supplementary") if p in missing[year])
            label = gettext(_LACKING[lacking], amount=value_text(totals[year], marks))
        else:
            label = gettext(N_("total %(amount)s"), amount=value_text(totals[year], marks))
        x = max(totals[year], ref_at.get(year, 0))
        # With a publisher's figure in the row, the total goes above it and the publisher's
        # figure below, both right of the bar and marker (never over the axis line).
        shift = -0.2 if year in ref_at else 0.0
        _draw_label(ax, float(x), years.index(year) + shift, label)


def _draw_publisher_figure(ax: Any, y: int, ref: Mapping[str, Any], *, total: int) -> None:
    """A publisher's figure for year bar ``y`` as a short vertical marker with its text, right
    of the bar (``total``) or of the marker, whichever is further."""
    ax.plot(
        [float(ref["amount_jpy"])] * 2,
        [y - 0.42, y + 0.42],
        color=COLORS["target"],
        linewidth=2,
        gid="reference",
    )
    ax.annotate(
        str(ref["text"]),
        (float(max(total, int(ref["amount_jpy"]))), y + 0.22),
        xytext=(4, 0),
        textcoords="offset points",
        ha="left",
        va="center",
        fontsize=10,
        color=COLORS["target"],
        gid="reference-label",
    )


def _legend(parts: list[str], used: set[str], *, with_references: bool) -> list:
    """Legend entries: each part, the marks drawn and, if drawn, the publisher's figure."""
    handles = [_kind_patch(p) for p in parts] + mark_handles(used)
    if with_references:
        from matplotlib.lines import Line2D

        handles.append(
            Line2D(
                [],
                [],
                color=COLORS["target"],
                linewidth=2,
                label=gettext(N_("Figure as the publisher gives it")),
            )
        )
    return handles


def fifteen_month_chart(
    table: pd.DataFrame,
    *,
    references: Sequence[Mapping[str, Any]] = (),
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
) -> Figure:
    """The "15-month" view: each year's initial budget plus the previous year's supplementary.

    ``table`` has one row per fiscal year and part: ``fiscal_year``, ``part`` ("initial" or
    "previous supplementary"), ``amount_jpy``, ``qualifier``, ``budget`` or ``marks``,
    ``source_id``. The parts are stacked (they are different money) and the total labelled.
    ``references`` are figures a publisher gives for the same basis, each
    ``{"fiscal_year", "amount_jpy", "text"}`` (e.g. MOF's "1.5兆円規模"), drawn as a marker.
    """
    rows = [r for r in _records(table) if pd.notna(r["amount_jpy"])]
    if not rows:
        raise ValueError("fifteen_month_chart: the table has no amount to draw")
    years = sorted({int(r["fiscal_year"]) for r in rows})
    parts = [str(p) for p in pd.unique(table["part"].astype(object))]
    totals = {
        y: sum(int(r["amount_jpy"]) for r in rows if int(r["fiscal_year"]) == y) for y in years
    }
    largest = max([*totals.values(), *(int(ref["amount_jpy"]) for ref in references)])
    used: set[str] = set()
    data_rows = []
    with chart_style():
        fig, ax = new_figure(0.8 * len(years) + 2.8)
        left = dict.fromkeys(years, 0)
        year_marks: dict[int, set[str]] = {y: set() for y in years}
        for part in parts:
            for r in (r for r in rows if str(r["part"]) == part):
                year = int(r["fiscal_year"])
                marks, row = _draw_part(ax, years.index(year), r, part, left=left[year])
                used |= set(marks)
                year_marks[year] |= set(marks)
                left[year] += int(r["amount_jpy"])
                data_rows.append(row)
        _label_totals(ax, table, years, totals, year_marks, references)
        for ref in references:
            year = int(ref["fiscal_year"])
            _draw_publisher_figure(ax, years.index(year), ref, total=totals.get(year, 0))
        ax.set_yticks(range(len(years)), [fy_text(y) for y in years])
        ax.invert_yaxis()
        # A few rows are shorter than the long axis label: it would run into the legend and
        # the foot, so the axis says "Fiscal year" and the foot says what that means.
        ax.set_ylabel(gettext(N_("Fiscal year")))
        yen_bars_axis(ax, largest, room=1.6)
        handles = _legend(parts, used, with_references=bool(references))
        ids = sourcing.all_ids(
            [*(r.get("source_id") for r in rows), *(x.get("source_id") for x in references)]
        )
        last = years[-1]
        finish(
            fig,
            title=title
            or gettext(
                N_(
                    "Counted the Ministry of Finance's way, %(fiscal_year)s chips & AI money "
                    "is %(amount)s"
                ),
                fiscal_year=fy_text(last),
                amount=value_text(
                    totals[last], tuple(m for m in ("about", "draft") if m in year_marks[last])
                ),
            ),
            sources=_sources_text(sources, ids),
            handles=handles,
            notes=[
                gettext(
                    N_(
                        "15-month view: a year's initial budget plus the previous year's "
                        "supplementary."
                    )
                ),
                gettext(N_("Japanese fiscal years run from April to March.")),
                *notes,
            ],
        )
    for ref in references:
        data_rows.append(
            _data_row(
                int(ref["fiscal_year"]),
                gettext(N_("Figure as the publisher gives it")),
                int(ref["amount_jpy"]),
                str(ref["text"]),
                "",
                sourcing.citation(ref.get("source_id")) or str(ref.get("source", "")),
            )
        )
    return attach_data(fig, pd.DataFrame(data_rows))
