"""The claims check: each claim's stated figure against the recomputation, with its rule."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from .. import terms
from ..i18n import N_, gettext
from . import sourcing
from .budget import _records, _sources_text
from .style import COLORS, attach_data, chart_style, finish, new_figure, wrap

VERDICTS = ("consistent", "consistent after rounding", "inconsistent", "not checkable")
#: The verdicts as the legend names them.
VERDICT_LEGEND = {
    "consistent": N_("Consistent"),
    "consistent after rounding": N_("Consistent after rounding"),
    "inconsistent": N_("Inconsistent"),
    "not checkable": N_("Not checkable"),
}
_BAND = "#e3efe3"
#: The rules of the claims check (``analysis.claims``) in one word, for the chart's data.
RULE_WORDS = {
    "exact": N_("exact"),
    "rounding": N_("rounding"),
    "tolerance": N_("tolerance"),
    "threshold": N_("threshold"),
}


def _verdict_text(verdict: str) -> str:
    """A verdict in words, in the active language (the data key if it has no words)."""
    return terms.verdict_label(verdict) if verdict in terms.VERDICT_LABELS else verdict


def _rule_text(rule: str) -> str:
    """A rule key in one word in the active language (a rule of another table as it is)."""
    return gettext(RULE_WORDS[rule]) if rule in RULE_WORDS else rule


def _percent_text(value: float) -> str:
    """A signed percentage with one decimal: "+3.6%"."""
    return f"{value:+.1f}%"  # the same in both languages


def _percent(value: object) -> float:
    return float(str(value))


def _missing(value: object) -> bool:
    return value is None or (not isinstance(value, str) and pd.isna(value))


def _deviation(row: dict) -> float | None:
    """The row's deviation in percent: ``deviation`` (relative) or ``deviation_pct``."""
    if "deviation" in row:
        return None if _missing(row["deviation"]) else 100 * _percent(row["deviation"])
    return None if _missing(row.get("deviation_pct")) else _percent(row["deviation_pct"])


def _allowed(row: dict) -> tuple[float, float] | None:
    """The range of deviations (percent) the row's own rule accepts, if the table gives it."""
    if "allowed_low" in row:
        if _missing(row["allowed_low"]):
            return None
        return 100 * _percent(row["allowed_low"]), 100 * _percent(row["allowed_high"])
    if "allowed_low_pct" in row and not _missing(row["allowed_low_pct"]):
        return _percent(row["allowed_low_pct"]), _percent(row["allowed_high_pct"])
    return None


def _is_threshold(row: dict) -> bool:
    return str(row.get("rule", "")) == "threshold" or (
        ("allowed_low" in row) and _missing(row["allowed_low"])
    )


def _draw_claim(
    ax: Any, i: int, r: Mapping[str, Any], dev: float | None, *, own_band: bool
) -> tuple[float, ...]:
    """Draw claim ``r`` on row ``i``: the range its rule accepts (when claims have their own),
    its deviation coloured by verdict and labelled; return the band's ends drawn (or none)."""
    drawn: tuple[float, ...] = ()
    allowed = _allowed(r)
    if own_band and allowed is not None:
        low, high = allowed
        ax.barh(i, high - low, left=low, height=0.9, color=_BAND, gid="allowed-range")
        drawn = (abs(low), abs(high))
    verdict = str(r["verdict"])
    if dev is not None:
        ax.barh(
            i,
            dev,
            height=0.55,
            color=COLORS.get(verdict, "#555555"),
            gid=f"verdict:{verdict}",
        )
    text = _percent_text(dev) if dev is not None else _verdict_text(verdict)
    ax.annotate(
        text,
        (dev or 0.0, i),
        xytext=(4 if (dev or 0) >= 0 else -4, 0),
        textcoords="offset points",
        ha="left" if (dev or 0) >= 0 else "right",
        va="center",
        fontsize=10.5,
        gid="value-label",
    )
    return drawn


def _data_row(r: Mapping[str, Any]) -> dict:
    """A claim's row of the chart's data (thresholds with no deviation or range)."""
    dev = None if _is_threshold(r) else _deviation(r)
    allowed = None if _is_threshold(r) else _allowed(r)
    return {
        gettext(N_("Claim")): str(r["subject"]),
        gettext(N_("Stated")): _stated(r),
        gettext(N_("Deviation (%%)")): "" if dev is None else f"{dev:.4f}",
        gettext(N_("Accepted from (%%)")): "" if allowed is None else f"{allowed[0]:.4f}",
        gettext(N_("Accepted to (%%)")): "" if allowed is None else f"{allowed[1]:.4f}",
        gettext(N_("Verdict")): _verdict_text(str(r["verdict"])),
        gettext(N_("Rule")): _rule_text(str(r.get("rule") or "")),
        "source": sourcing.citation(r.get("source_ids")),
    }


def _stated(r: Mapping[str, Any]) -> str:
    """The claim's stated figure in the active language (``stated_shown``), else as printed."""
    shown = r.get("stated_shown")
    return str(r["stated"]) if _missing(shown) else str(shown)


def _default_title(all_rows: list, rows: list, deviations: list) -> str:
    """How many claims match the sources and, if any is off, the largest gap."""
    matching = sum(1 for r in all_rows if str(r["verdict"]).startswith("consistent"))
    checkable = [(abs(d), r) for d, r in zip(deviations, rows, strict=True) if d is not None]
    default = terms.claims_summary(matching, len(all_rows))
    if checkable:
        gap, worst = max(checkable, key=lambda pair: pair[0])
        if gap > 0:
            return gettext(
                N_("%(summary)s; the largest gap: %(claim)s (%(deviation)s)"),
                summary=default,
                claim=worst["subject"],
                deviation=_percent_text(_deviation(worst)),
            )
    return default


def claims_deviation_chart(
    checked: pd.DataFrame,
    tolerance: float,
    *,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
) -> Figure:
    """Each claim's stated figure against its recomputation, in percent, coloured by verdict.

    ``checked`` is :func:`jpbudget.analysis.check_claims`'s: ``subject``, ``stated``,
    ``verdict``, ``rule``, ``source_ids`` and the deviation, either ``deviation`` (relative)
    with ``allowed_low``/``allowed_high`` (the relative range the claim's own rule accepts,
    shaded per row) or ``deviation_pct`` (percent; then ``tolerance``, a fraction, is shaded for
    all). Statements checked against a threshold (``rule`` "threshold", no range) are not
    figures: they get no bar and are listed under the chart with their verdict.
    """
    all_rows = _records(checked)
    rows = [r for r in all_rows if not _is_threshold(r)]
    thresholds = [r for r in all_rows if _is_threshold(r)]
    own_band = any(_allowed(r) is not None for r in rows)
    deviations = [_deviation(r) for r in rows]
    extent = max([abs(d) for d in deviations if d is not None] + [100 * tolerance, 1.0])
    with chart_style():
        fig, ax = new_figure(0.62 * max(len(rows), 1) + 2.9 + 0.18 * len(thresholds))
        for i, (r, dev) in enumerate(zip(rows, deviations, strict=True)):
            band = _draw_claim(ax, i, r, dev, own_band=own_band)
            extent = max([extent, *band])
        data_rows = [_data_row(r) for r in all_rows]
        if not own_band:
            ax.axvspan(
                -100 * tolerance, 100 * tolerance, color=_BAND, zorder=0, gid="allowed-range"
            )
        ax.axvline(0, color="#222222", linewidth=0.8)
        ax.set_yticks(range(len(rows)), [wrap(str(r["subject"]), 30) for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(-extent * 1.45, extent * 1.45)
        ax.set_xlabel(gettext(N_("Stated figure against the recomputation (%%)")))
        used = [v for v in VERDICTS if any(str(r["verdict"]) == v for r in rows)]
        band = (
            gettext(N_("Shaded: what each claim's rule accepts"))
            if own_band
            else gettext(N_("Shaded: ±%(tolerance)s%% tolerance"), tolerance=f"{100 * tolerance:g}")
        )
        handles = [Patch(color=COLORS[v], label=gettext(VERDICT_LEGEND[v])) for v in used]
        handles.append(Patch(color=_BAND, label=band))
        default = _default_title(all_rows, rows, deviations)
        listed = [
            gettext(
                N_('Not a figure, checked as a statement: %(claim)s ("%(stated)s"): %(verdict)s.'),
                claim=r["subject"],
                stated=_stated(r),
                verdict=_verdict_text(str(r["verdict"])),
            )
            for r in thresholds
        ]
        finish(
            fig,
            title=title or default,
            sources=_sources_text(sources, sourcing.all_ids(r.get("source_ids") for r in all_rows)),
            handles=handles,
            notes=[*listed, *notes],
            legend_columns=2,
        )
    return attach_data(fig, pd.DataFrame(data_rows))
