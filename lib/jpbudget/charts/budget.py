"""Budget charts: chips & AI money by year and an envelope's lines (the 15-month view is in
:mod:`.fifteen_month`).

Bars run horizontally, one row per fiscal year or line, so that every value label fits next to
its bar at phone width. Amounts are drawn as floats but labelled from the exact integer yen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .. import terms
from ..fiscal import fiscal_year_text
from ..i18n import N_, active, gettext
from . import sourcing
from .style import (
    COLORS,
    attach_data,
    chart_style,
    exact_yen,
    finish,
    mark_handles,
    marks_of,
    new_figure,
    source_line,
    style_patch,
    value_text,
    wrap,
    yen_bars_axis,
)

#: "No ... figure" under a chart, for a kind of money with no figure in some years.
_NO_FIGURE = {
    "initial": N_("No initial (regular) budget figure in the sources for %(years)s."),
    "supplementary": N_("No supplementary budget figure in the sources for %(years)s."),
    "previous supplementary": N_(
        "No previous year's supplementary budget figure in the sources for %(years)s."
    ),
}


def kind_label(kind: str) -> str:
    """A kind of money (initial, supplementary, previous supplementary) as a legend names it."""
    return terms.part_label(kind)


def fy_text(year: int) -> str:
    """A fiscal year on an axis or in a chart's data: "FY2026", 2026年度."""
    return fiscal_year_text(int(year), lang=active())


def _records(table: pd.DataFrame) -> list[dict[str, Any]]:
    return [dict(r) for r in table.to_dict("records")]


def _qualifier(row: Mapping[str, Any]) -> str | None:
    q = row.get("qualifier")
    if q is None or (not isinstance(q, str) and pd.isna(q)) or not str(q).strip():
        return None
    return "about" if str(q) in ("roughly", "approximately") else str(q)


def year_ranges(years: Sequence[int]) -> str:
    """ "FY2021–FY2024, FY2026" for [2021, 2022, 2023, 2024, 2026] (2021～2024年度、2026年度).

    >>> year_ranges([2021, 2022, 2023, 2024, 2026])
    'FY2021–FY2024, FY2026'
    """
    years = sorted(set(int(y) for y in years))
    parts, start = [], None
    for i, year in enumerate(years):
        start = year if start is None else start
        if i + 1 == len(years) or years[i + 1] != year + 1:
            parts.append(
                fy_text(start)
                if start == year
                else gettext(
                    N_("%(first)s–%(last)s"),
                    first=fiscal_year_text(start, lang=active()),
                    last=fy_text(year),
                )
            )
            start = None
    return gettext(N_(", ")).join(parts)


def _sources_text(sources: Sequence[str] | str | None, ids: Sequence[str]) -> str:
    if isinstance(sources, str):
        return sources
    return source_line(sources if sources is not None else sourcing.publishers(ids))


def _draw_label(
    ax, x: float, y: float, text: str, *, fontsize: float = 10.5, offset: float = 4, **kwargs: Any
):
    return ax.annotate(
        text,
        (x, y),
        xytext=(offset, 0),
        textcoords="offset points",
        va="center",
        ha="left",
        fontsize=fontsize,
        gid="value-label",
        zorder=5,
        bbox={
            "boxstyle": "square,pad=0.1",
            "facecolor": "white",
            "edgecolor": "none",
            "alpha": 0.85,
        },
        **kwargs,
    )


def chips_ai_funding_chart(
    table: pd.DataFrame,
    *,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
    mark_labels: Mapping[str, str] | None = None,
) -> Figure:
    """Chips & AI money per fiscal year, initial and supplementary budgets side by side.

    ``table`` is :func:`jpbudget.analysis.chips_ai_by_year`'s: ``fiscal_year``, ``kind``
    (initial, supplementary), ``amount_jpy`` (<NA>: no figure in the sources), ``budget``,
    ``qualifier``, ``source_id`` and optionally ``confidence`` or ``marks``. ``sources`` are the
    publishers of the source line (default: those of the rows' ``source_id``).
    """
    rows = _records(table)
    kinds = [str(k) for k in pd.unique(table["kind"].astype(object))]
    years = sorted(int(y) for y in pd.unique(table["fiscal_year"]))
    drawn = [r for r in rows if pd.notna(r["amount_jpy"])]
    if not drawn:
        raise ValueError("chips_ai_funding_chart: the table has no amount to draw")
    largest = max(int(r["amount_jpy"]) for r in drawn)
    height = 0.6 * len(years) + 2.6
    used_marks: set[str] = set()
    data_rows = []
    with chart_style():
        fig, ax = new_figure(height)
        offsets = {k: (i - (len(kinds) - 1) / 2) * 0.38 for i, k in enumerate(kinds)}
        for r in drawn:
            amount, kind, year = int(r["amount_jpy"]), str(r["kind"]), int(r["fiscal_year"])
            marks = marks_of(r)
            used_marks |= set(marks)
            y = years.index(year) + offsets[kind]
            (bar,) = ax.barh(y, float(amount), height=0.36, color=COLORS.get(kind, "#555555"))
            style_patch(bar, COLORS.get(kind, "#555555"), marks)
            label = value_text(amount, marks, _qualifier(r))
            _draw_label(ax, float(amount), y, label)
            data_rows.append(
                {
                    gettext(N_("Fiscal year")): fy_text(year),
                    gettext(N_("Budget")): kind_label(kind),
                    gettext(N_("Amount (yen)")): amount,
                    **sourcing.shown_columns(label, marks, sourcing.citation(r.get("source_id"))),
                }
            )
        ax.set_yticks(range(len(years)), [fy_text(y) for y in years])
        ax.invert_yaxis()
        ax.set_ylabel(gettext(N_("Japanese fiscal year (April to March)")))
        yen_bars_axis(ax, largest, room=1.62)
        missing = {
            k: [
                int(r["fiscal_year"])
                for r in rows
                if str(r["kind"]) == k and pd.isna(r["amount_jpy"])
            ]
            for k in kinds
        }
        foot = [gettext(_NO_FIGURE[k], years=year_ranges(v)) for k, v in missing.items() if v]
        chips_only = sorted(
            int(r["fiscal_year"]) for r in drawn if str(r.get("item")) == "chips-supplementary"
        )
        if chips_only:
            # The MOF table of those years counts semiconductor support only (no AI line).
            foot.append(
                gettext(
                    N_("%(years)s: semiconductor support only, no AI figure."),
                    years=year_ranges(chips_only),
                )
            )
        handles = [
            _kind_patch(k) for k in kinds if any(str(r["kind"]) == k for r in drawn)
        ] + mark_handles(used_marks, labels=mark_labels)
        finish(
            fig,
            title=title or _funding_title(drawn),
            sources=_sources_text(sources, sourcing.all_ids(r.get("source_id") for r in drawn)),
            handles=handles,
            notes=[*foot, *notes],
        )
    return attach_data(fig, pd.DataFrame(data_rows))


def _kind_patch(kind: str):
    from matplotlib.patches import Patch

    return Patch(color=COLORS.get(kind, "#555555"), label=kind_label(kind))


#: The funding chart's title, by whether the last initial figure is a draft and whether
#: earlier supplementary budgets were bigger.
_FUNDING_TITLES = {
    (True, False): N_(
        "Chips & AI: the %(fiscal_year)s draft puts %(amount)s in the regular budget"
    ),
    (False, False): N_(
        "Chips & AI: the %(fiscal_year)s initial budget puts %(amount)s in the regular budget"
    ),
    (True, True): N_(
        "Chips & AI: the %(fiscal_year)s draft puts %(amount)s in the regular budget, less "
        "than each of the supplementary budgets of %(years)s"
    ),
    (False, True): N_(
        "Chips & AI: the %(fiscal_year)s initial budget puts %(amount)s in the regular budget, "
        "less than each of the supplementary budgets of %(years)s"
    ),
}


def _funding_title(drawn: list[dict[str, Any]]) -> str:
    initial = [r for r in drawn if str(r["kind"]) == "initial"]
    if not initial:
        return gettext(N_("Chips & AI money by fiscal year"))
    last = max(initial, key=lambda r: int(r["fiscal_year"]))
    year, amount = int(last["fiscal_year"]), int(last["amount_jpy"])
    bigger = sorted(
        int(r["fiscal_year"])
        for r in drawn
        if str(r["kind"]) == "supplementary" and int(r["amount_jpy"]) > amount
    )
    message = _FUNDING_TITLES["draft" in marks_of(last), bool(bigger)]
    return gettext(
        message,
        fiscal_year=fy_text(year),
        amount=exact_yen(amount),
        years=year_ranges(bigger) if bigger else "",
    )


def _share_label(row: Mapping[str, Any]) -> str:
    """The share on a bar, without its "%": with the exact ``share`` (a Fraction) at the
    precision the table prints (:func:`jpbudget.analysis.display.share_text`: three significant
    digits below 1%, so 5/3069.3 is 0.163, not 0.1); else the display ``share_pct``."""
    share = row.get("share")
    if share is None or (not isinstance(share, Fraction) and pd.isna(share)):
        return str(row["share_pct"])
    from ..analysis.display import share_text  # the table's own precision

    return share_text(share).removesuffix("%")


def allocation_chart(
    table: pd.DataFrame,
    envelope_label: str,
    fiscal_year: int,
    *,
    status: str | None = None,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
) -> Figure:
    """Each line's amount inside an envelope, with its share; the unitemised rest in grey.

    ``table`` is :class:`jpbudget.analysis.Allocation`'s ``table`` (``line``, ``item``,
    ``amount_jpy``, ``share_pct``, ``source_id``; optionally ``qualifier``, ``confidence``,
    ``marks``). ``status="draft"`` marks every bar as a cabinet-draft figure.
    """
    rows = _records(table)
    largest = max(int(r["amount_jpy"]) for r in rows)
    used: set[str] = set()
    data_rows = []
    with chart_style():
        fig, ax = new_figure(0.62 * len(rows) + 2.7)
        for i, r in enumerate(rows):
            amount = int(r["amount_jpy"])
            marks = marks_of({**r, "marks": r.get("marks")} if r.get("marks") is not None else r)
            if status == "draft":
                marks = tuple(m for m in ("draft", *marks) if m) if "draft" not in marks else marks
                marks = tuple(dict.fromkeys(marks))
            used |= set(marks)
            remainder = str(r.get("item")) == "not itemised in sources"
            color = COLORS["remainder"] if remainder else COLORS["line"]
            (bar,) = ax.barh(i, float(amount), height=0.6, color=color)
            style_patch(bar, color, marks)
            label = gettext(
                N_("%(amount)s · %(share)s%%"),
                amount=value_text(amount, [m for m in marks if m != "draft"], _qualifier(r)),
                share=_share_label(r),
            )
            _draw_label(ax, float(amount), i, label)
            data_rows.append(
                {
                    gettext(N_("Line")): str(r["line"]),
                    gettext(N_("Amount (yen)")): amount,
                    gettext(N_("Share (%%)")): str(r["share_pct"]),
                    **sourcing.shown_columns(label, marks, sourcing.citation(r.get("source_id"))),
                }
            )
        ax.set_yticks(range(len(rows)), [wrap(str(r["line"]), 22) for r in rows])
        ax.invert_yaxis()
        yen_bars_axis(
            ax,
            largest,
            room=1.75,
            what=gettext(N_("%(fiscal_year)s amount"), fiscal_year=fy_text(fiscal_year)),
        )
        largest_row = max(rows, key=lambda r: int(r["amount_jpy"]))
        name = str(largest_row["line"])
        if str(largest_row.get("item")) == "not itemised in sources":
            name = gettext(N_("not itemised in the sources"))
        message = (
            N_("%(envelope)s, %(fiscal_year)s draft: the largest part (%(share)s%%) is %(name)s")
            if status == "draft"
            else N_("%(envelope)s, %(fiscal_year)s: the largest part (%(share)s%%) is %(name)s")
        )
        finish(
            fig,
            title=title
            or gettext(
                message,
                envelope=envelope_label,
                fiscal_year=fy_text(fiscal_year),
                share=largest_row["share_pct"],
                name=name,
            ),
            sources=_sources_text(sources, sourcing.all_ids(r.get("source_id") for r in rows)),
            handles=mark_handles(used),
            notes=list(notes),
        )
    return attach_data(fig, pd.DataFrame(data_rows))
