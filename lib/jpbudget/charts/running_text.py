"""Words of the running-total charts, in the active language (:mod:`jpbudget.i18n`): the
scopes, fiscal years, the chart data's headers, the axis names of rows not added, the legend."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from matplotlib.lines import Line2D
from matplotlib.patches import Patch

from ..fiscal import fiscal_year_text
from ..i18n import N_, active, gettext
from .sourcing import shown_columns
from .style import COLORS, mark_handles

CARRIED = "#c9d3dd"
"""The colour of the earlier years' total."""

SCOPE_LABELS = {
    "equity": N_("government equity alone"),
    "subsidies": N_("subsidies alone"),
    "all": N_("all public support (equity and subsidies)"),
}
#: The marks a total can carry when it adds figures that are not firm.
UNFIRM = {"plan": N_("plan"), "weak": N_("weak")}


def fy(year: int) -> str:
    return fiscal_year_text(int(year), lang=active())


def and_(words: Sequence[str]) -> str:
    return gettext(N_(" and ")).join(words)


def data_row(year: str, added: Any, total: Any, shown: str, marks: Any, source: str) -> dict:
    """A row of the chart's data (its CSV), with headers in the active language."""
    return {
        gettext(N_("Fiscal year")): year,
        gettext(N_("Added in the year (yen)")): added,
        gettext(N_("Running total (yen)")): total,
        **shown_columns(shown, marks, source),
    }


def left_out_tick(r: Mapping[str, Any]) -> str:
    """A row not added, named on the axis: its plan's period, or its year and kind."""
    from ..analysis.display import KIND_LABELS, kind_label
    from ..analysis.rapidus import booked_text

    kind = str(r.get("kind") or "")
    booked = str(r.get("booked_to") or "")
    if kind == "plan" and booked:
        try:
            return booked_text(booked)
        except ValueError:
            return booked
    kind_text = kind_label(kind) if kind in KIND_LABELS else gettext(N_("not counted"))
    year = fy(int(r["fiscal_year"]))
    return gettext(N_("%(fiscal_year)s\n(%(kind)s)"), fiscal_year=year, kind=kind_text)


def running_legend(used: set[str], references: Sequence[Mapping[str, Any]]) -> list:
    """Legend entries: earlier years, the year's addition, the marks drawn, and the dotted
    line of a reported total when one is drawn."""
    handles = [
        Patch(color=CARRIED, label=gettext(N_("Total of earlier years"))),
        Patch(color=COLORS["line"], label=gettext(N_("Added in the year"))),
        *mark_handles(used),
    ]
    if any(str(r.get("kind", "target")) != "target" for r in references):
        handles.append(
            Line2D(
                [],
                [],
                color=COLORS["target"],
                linestyle=":",
                label=gettext(N_("Dotted line: reported total")),
            )
        )
    return handles
