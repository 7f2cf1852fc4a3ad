"""The claims check: each claim's stated figure against the recomputation, with its rule."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
from matplotlib.figure import Figure
from matplotlib.patches import Patch

from . import sourcing
from .budget import _records, _sources_text
from .style import COLORS, attach_data, chart_style, finish, new_figure, wrap

VERDICTS = ("consistent", "consistent after rounding", "inconsistent", "not checkable")
_BAND = "#e3efe3"


def _percent(value: object) -> float:
    return float(str(value))


def claims_deviation_chart(
    checked: pd.DataFrame,
    tolerance: float,
    *,
    title: str | None = None,
    sources: Sequence[str] | str | None = None,
    notes: Sequence[str] = (),
) -> Figure:
    """Each claim's stated figure against its recomputation, in percent, coloured by verdict.

    ``checked`` is :func:`jpbudget.analysis.check_claims`'s (``subject``, ``stated``,
    ``recomputed``, ``deviation_pct``, ``verdict``, ``rule``, ``source_ids``). Where it has
    ``allowed_low_pct`` and ``allowed_high_pct`` (the range of deviations the claim's own rule
    accepts), each row's range is shaded; otherwise ``tolerance`` (a fraction) is, for all.
    Rows without a deviation (not checkable) are listed with their verdict and no bar.
    """
    rows = _records(checked)
    own_band = "allowed_low_pct" in checked.columns and "allowed_high_pct" in checked.columns
    deviations = [
        None if pd.isna(r["deviation_pct"]) else _percent(r["deviation_pct"]) for r in rows
    ]
    extent = max([abs(d) for d in deviations if d is not None] + [100 * tolerance, 1.0])
    data_rows = []
    with chart_style():
        fig, ax = new_figure(0.62 * len(rows) + 2.8)
        for i, (r, dev) in enumerate(zip(rows, deviations, strict=True)):
            if own_band and pd.notna(r["allowed_low_pct"]):
                low, high = _percent(r["allowed_low_pct"]), _percent(r["allowed_high_pct"])
                ax.barh(i, high - low, left=low, height=0.9, color=_BAND, gid="allowed-range")
                extent = max(extent, abs(low), abs(high))
            verdict = str(r["verdict"])
            if dev is not None:
                ax.barh(
                    i,
                    dev,
                    height=0.55,
                    color=COLORS.get(verdict, "#555555"),
                    gid=f"verdict:{verdict}",
                )
            text = f"{dev:+.1f}%" if dev is not None else verdict
            ax.annotate(
                text,
                (dev or 0.0, i),
                xytext=(4 if (dev or 0) >= 0 else -4, 0),
                textcoords="offset points",
                ha="left" if (dev or 0) >= 0 else "right",
                va="center",
                fontsize=9,
                gid="value-label",
            )
            data_rows.append(
                {
                    "Claim": str(r["subject"]),
                    "Stated": str(r["stated"]),
                    "Recomputed": str(r["recomputed"]),
                    "Deviation (%)": "" if dev is None else str(r["deviation_pct"]),
                    "Verdict": verdict,
                    "Rule": str(r.get("rule", "")),
                    "source": sourcing.citation(r.get("source_ids")),
                }
            )
        if not own_band:
            ax.axvspan(
                -100 * tolerance, 100 * tolerance, color=_BAND, zorder=0, gid="allowed-range"
            )
        ax.axvline(0, color="#222222", linewidth=0.8)
        ax.set_yticks(range(len(rows)), [wrap(str(r["subject"]), 30) for r in rows])
        ax.invert_yaxis()
        ax.set_xlim(-extent * 1.45, extent * 1.45)
        ax.set_xlabel("Stated figure against the recomputation (%)")
        used = [v for v in VERDICTS if any(str(r["verdict"]) == v for r in rows)]
        band = (
            "Shaded: what the claim's rule accepts"
            if own_band
            else f"Shaded: ±{100 * tolerance:g}% tolerance"
        )
        handles = [Patch(color=COLORS[v], label=v.capitalize()) for v in used]
        handles.append(Patch(color=_BAND, label=band))
        matching = sum(1 for r in rows if str(r["verdict"]).startswith("consistent"))
        checkable = [(abs(d), r) for d, r in zip(deviations, rows, strict=True) if d is not None]
        worst = max(checkable, key=lambda pair: pair[0])[1] if checkable else None
        default = f"{matching} of {len(rows)} claims match the sources"
        if worst is not None and worst["deviation_pct"] is not None:
            default += (
                f"; the largest gap: {worst['subject']} ({_percent(worst['deviation_pct']):+.1f}%)"
            )
        finish(
            fig,
            title=title or default,
            sources=_sources_text(sources, sourcing.all_ids(r.get("source_ids") for r in rows)),
            handles=handles,
            notes=list(notes),
            legend_columns=2,
        )
    return attach_data(fig, pd.DataFrame(data_rows))
