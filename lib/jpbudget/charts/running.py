"""Running totals: public support for Rapidus year by year, and chips money since FY2021.

Each year's addition is drawn on top of what earlier years gave; figures that are shown but
never added (plans, weak figures) sit outlined below a line; reported totals and targets are
reference lines, never added."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure

from .. import formats
from ..i18n import N_, gettext
from . import sourcing
from .budget import _draw_label, _records, _sources_text
from .running_text import (
    CARRIED,
    SCOPE_LABELS,
    UNFIRM,
    and_,
    data_row,
    fy,
    left_out_tick,
    running_legend,
)
from .style import (
    _SUFFIX,
    COLORS,
    attach_data,
    chart_style,
    exact_yen,
    finish,
    label_at_top,
    marks_of,
    new_figure,
    style_patch,
    value_text,
    wrap,
    yen_bars_axis,
)

_RUNNING = ("up to", "about", "weak", "plan", "draft")


def _added_text(amount: int, marks: tuple[str, ...]) -> str:
    """What a year adds, as :func:`value_text` writes an amount but as an increase: "up to
    +¥590 billion", "¥150 billion (draft)" with a plus; 最大5900億円増, 1500億円増（案）."""
    text = gettext(N_("+%(amount)s"), amount=exact_yen(amount))
    if "about" in marks:
        text = formats.qualify(text, "about")
    if "up to" in marks:
        text = formats.qualify(text, "up to")
    suffix = [gettext(_SUFFIX[m]) for m in marks if m in _SUFFIX]
    if not suffix:
        return text
    return gettext(N_("%(amount)s (%(marks)s)"), amount=text, marks=gettext(N_(", ")).join(suffix))


def _counted(row: Mapping[str, Any]) -> bool:
    value = row.get("counted", True)
    return (
        True if value is None or (not isinstance(value, bool) and pd.isna(value)) else bool(value)
    )


def _running_totals(
    counted: list[dict[str, Any]], years: list[int], ceilings: Mapping[int, bool] | None
) -> tuple[dict[int, int], dict[int, set[str]], dict[int, int], dict[int, tuple[str, ...]]]:
    """Per year: the amount added, the marks of what was added, the running total and the
    marks the total carries (an "about" or "up to" added once stays in every later total,
    unless ``ceilings`` says per year whether the total is a ceiling)."""
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
    return per_year, year_marks, totals, total_marks


def _draw_year(
    ax: Any,
    i: int,
    year: int,
    *,
    amount: int,
    total: int,
    marks: set[str],
    total_marks: tuple[str, ...],
    sources: list[Any],
) -> tuple[tuple[str, ...], dict]:
    """Draw fiscal ``year`` as bar ``i``: the earlier years' total (light), what the year adds
    (dark, with its marks), the total labelled; return its marks and its row of the data."""
    shown = tuple(m for m in ("draft", "about", "up to", "weak") if m in marks)
    if total - amount:
        ax.barh(i, float(total - amount), height=0.6, color=CARRIED, gid="carried")
    if amount:
        (bar,) = ax.barh(
            i, float(amount), left=float(total - amount), height=0.6, color=COLORS["line"]
        )
        style_patch(bar, COLORS["line"], shown)
    added = _added_text(amount, shown) if amount else gettext(N_("nothing added"))
    year_line = gettext(N_("%(fiscal_year)s: %(added)s"), fiscal_year=fy(year), added=added)
    label = f"{value_text(total, total_marks)}\n{year_line}"
    _draw_label(ax, float(total), i, label, linespacing=1.3)
    return shown, data_row(
        fy(year),
        amount,
        total,
        label.replace("\n", "; "),
        shown,
        "; ".join(sourcing.citation(s) for s in sources)
        or gettext(N_("nothing booked to this year")),
    )


def _draw_left_out(ax: Any, i: int, r: Mapping[str, Any]) -> tuple[tuple[str, ...], str, dict]:
    """Draw a row not added to the total (a plan, a weak figure) as bar ``i`` below the line;
    return its marks, its tick label and its row of the chart's data."""
    marks = marks_of(r)
    (bar,) = ax.barh(i, float(r["amount_jpy"]), height=0.6, color=COLORS["line"])
    style_patch(bar, COLORS["line"], marks)
    amount = value_text(int(r["amount_jpy"]), marks, _qualifier(r))
    label = gettext(N_("%(amount)s, not added"), amount=amount)
    _draw_label(ax, float(r["amount_jpy"]), i, label)
    row = data_row(
        fy(int(r["fiscal_year"])), "", "", label, marks, sourcing.citation(r.get("source_id"))
    )
    return marks, left_out_tick(r), row


def _draw_reference(ax: Any, ref: Mapping[str, Any]) -> dict:
    """Draw a reported total (dotted) or a target (dashed) as a vertical line at its amount,
    labelled at the top, never added; return its row of the chart's data."""
    x = float(ref["amount_jpy"])
    target = str(ref.get("kind", "target")) == "target"
    ax.axvline(
        x,
        color=COLORS["target"],
        linestyle="--" if target else ":",
        linewidth=1.3,
        gid="reference",
    )
    message = N_("Target: %(amount)s") if target else N_("Reported: %(amount)s")
    text = wrap(gettext(message, amount=str(ref["text"])), 22)
    label_at_top(ax, text, x, gid="reference-label")
    mark = gettext(N_("target") if target else N_("reported total"))
    shown = text.replace("\n", " ")
    return data_row(
        "", "", int(ref["amount_jpy"]), shown, mark, sourcing.citation(ref.get("source_id"))
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
    per_year, year_marks, totals, total_marks = _running_totals(counted, years, ceilings)
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
            marks, row = _draw_year(
                ax,
                i,
                year,
                amount=per_year[year],
                total=totals[year],
                marks=year_marks[year],
                total_marks=total_marks[year],
                sources=[r.get("source_id") for r in counted if int(r["fiscal_year"]) == year],
            )
            used |= set(marks)
            data_rows.append(row)
        ticks = [fy(y) for y in years]
        if left_out:
            ax.axhline(len(years) - 0.5, color="#999999", linewidth=0.8, linestyle=(0, (4, 3)))
        for j, r in enumerate(left_out):
            marks, tick, row = _draw_left_out(ax, len(years) + j, r)
            used |= set(marks)
            ticks.append(tick)
            data_rows.append(row)
        for ref in references:
            data_rows.append(_draw_reference(ax, ref))
            used |= {"target"} if str(ref.get("kind", "target")) == "target" else set()
        ax.set_yticks(range(len(ticks)), ticks)
        ax.set_ylim(len(ticks) - 0.5, -1.2 if references else -0.5)
        ax.set_ylabel(gettext(N_("Fiscal year the money is booked to")))
        yen_bars_axis(ax, largest, room=1.7, what=what)
        handles = running_legend(used, references)
        below = N_("Below the dashed line: figures shown but not added to the total.")
        foot = [gettext(below)] if left_out else []
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
    summed_unfirm = sorted(
        {m for r in rows if _counted(r) for m in marks_of(r) if m in ("plan", "weak")}
    )
    if summed_unfirm:
        marks = and_([gettext(UNFIRM[m]) for m in summed_unfirm])
        label = gettext(N_("%(total)s (including %(marks)s figures)"), total=label, marks=marks)
        unfirm = N_(
            "The total adds figures marked %(marks)s: a plan can overlap the yearly figures it "
            "covers; a weak figure is unconfirmed."
        )
        notes = [gettext(unfirm, marks=marks), *notes]
    scope_text = gettext(SCOPE_LABELS[scope]) if scope in SCOPE_LABELS else scope
    return _running_chart(
        rows,
        years,
        what=gettext(N_("Public support")),
        ceilings=ceilings,
        references=(),
        title=title
        or gettext(
            N_("Rapidus, %(scope)s: %(total)s by %(fiscal_year)s"),
            scope=scope_text,
            total=label,
            fiscal_year=fy(int(last["fiscal_year"])),
        ),
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
    what: str | None = None,
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
    values = {"first": fy(years[0]), "last": fy(years[-1]), "total": label}
    if drafts:
        drafts_text = gettext(N_(", ")).join(fy(y) for y in drafts)
        default = gettext(
            N_(
                "Chips money %(first)s–%(last)s adds up to %(total)s, including the draft "
                "budget of %(drafts)s"
            ),
            drafts=drafts_text,
            **values,
        )
    else:
        default = gettext(N_("Chips money %(first)s–%(last)s adds up to %(total)s"), **values)
    return _running_chart(
        rows,
        years,
        what=what if what is not None else gettext(N_("Public money for chips")),
        ceilings=None,
        references=refs,
        title=title or default,
        sources=sources,
        notes=notes,
    )


def _sums_match(rows: pd.DataFrame, cumulative: pd.DataFrame) -> bool:
    counted = [r for r in _records(rows) if _counted(r)]
    return all(
        sum(int(x["amount_jpy"]) for x in counted if int(x["fiscal_year"]) == int(r["fiscal_year"]))
        == int(r["amount_jpy"])
        for r in _records(cumulative)
    )


def _default_commitments(cumulative: pd.DataFrame, scope: str) -> pd.DataFrame:
    """The commitments of ``scope`` that ``cumulative`` adds up: the firm ones, or (for a table
    made with plans included) all of them; the firm ones when neither matches (then refused)."""
    from .. import analysis

    last = int(cumulative["fiscal_year"].max())
    rapidus = getattr(analysis, "rapidus", None)
    if rapidus is not None and hasattr(rapidus, "commitments"):
        lookup = rapidus.commitments
    else:
        lookup = analysis.rapidus_commitments
    firm = lookup(scope, last, include_plans=False)
    if _sums_match(firm, cumulative):
        return firm
    with_plans = lookup(scope, last, include_plans=True)
    return with_plans if _sums_match(with_plans, cumulative) else firm
