"""Seaborn charts for the notebooks, with yen tick labels written by :func:`format_yen`.

Charts take the tables of :mod:`jpbudget.analysis` and return the matplotlib ``Figure``. Colour
groupings (``hue``) use categorical columns, never pandas 3 string arrays (seaborn#3893).

>>> import matplotlib; matplotlib.use("Agg")
>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.plot([0, 1], [0, 1.5e12]); yen_axis(ax)
>>> yen_tick(1.239e12, None), yen_tick(0, None)
('¥1.24 trillion', '¥0')
>>> plt.close(fig)
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
import seaborn as sns
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter, MaxNLocator

from .yen import format_yen

__all__ = [
    "allocation_chart",
    "chips_ai_funding_chart",
    "claims_deviation_chart",
    "rapidus_step_chart",
    "yen_axis",
]

PALETTE = {"initial": "#1f4e79", "supplementary": "#f4a261"}


def yen_tick(value: float, _position: object) -> str:
    """A tick label: the plotted float rounded to whole yen, then :func:`format_yen`."""
    return format_yen(round(value))


def yen_axis(ax: Axes, axis: str = "y") -> None:
    """Label ``ax``'s ``axis`` ("x" or "y") with yen amounts such as "¥1.24 trillion"."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=5 if axis == "y" else 4))
    target.set_major_formatter(FuncFormatter(yen_tick))


def _plottable(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """A copy with ``column`` as float64 (for drawing only; the table keeps exact yen)."""
    out = frame.copy()
    out[column] = out[column].astype("Float64").astype("float64")
    return out


def chips_ai_funding_chart(table: pd.DataFrame) -> Figure:
    """Stacked bars of chips & AI money per fiscal year, initial vs supplementary budgets."""
    frame = _plottable(table.dropna(subset=["amount_jpy"]), "amount_jpy")
    fig, ax = plt.subplots(figsize=(8, 4.5))
    sns.histplot(
        data=frame,
        x="fiscal_year",
        weights="amount_jpy",
        hue="kind",
        hue_order=list(table["kind"].cat.categories),
        multiple="stack",
        discrete=True,
        shrink=0.7,
        palette=PALETTE,
        ax=ax,
    )
    years = sorted(table["fiscal_year"].unique())
    ax.set_xticks(years, [f"FY{y}" for y in years])
    for year in years:
        if table[(table["fiscal_year"] == year)]["amount_jpy"].isna().all():
            ax.annotate("no figure\nin sources", (year, 0), ha="center", va="bottom", fontsize=8)
    yen_axis(ax)
    ax.set_xlabel("Japanese fiscal year (April to March)")
    ax.set_ylabel("Budgeted")
    ax.set_title(
        "Chips & AI money moves from supplementary budgets into the regular budget",
        fontsize=11,
    )
    legend = ax.get_legend()
    if legend is not None:
        legend.set_title("budget")
    fig.tight_layout()
    return fig


def allocation_chart(table: pd.DataFrame, envelope_label: str, fiscal_year: int) -> Figure:
    """Horizontal bars of each line's amount inside the envelope, remainder included."""
    frame = _plottable(table, "amount_jpy")
    fig, ax = plt.subplots(figsize=(9, 0.6 * len(frame) + 1.8))
    sns.barplot(data=frame, y="line", x="amount_jpy", color="#1f4e79", orient="h", ax=ax)
    for i, row in enumerate(table.itertuples()):
        ax.annotate(
            f" {row.share_pct}%",
            (float(row.amount_jpy), i),
            va="center",
            fontsize=9,
        )
    yen_axis(ax, "x")
    ax.set_xlabel(f"FY{fiscal_year} amount")
    ax.set_ylabel("")
    largest = table.sort_values("amount_jpy", ascending=False).iloc[0]
    ax.set_title(
        f"{envelope_label}, FY{fiscal_year}: the largest part is "
        f"{str(largest['line']).lower() if largest['item'] == 'not itemised in sources' else largest['line']}"
        f" ({largest['share_pct']}%)",
        fontsize=11,
    )
    ax.margins(x=0.15)
    fig.tight_layout()
    return fig


def rapidus_step_chart(cumulative: pd.DataFrame, scope: str) -> Figure:
    """Step chart of cumulative public support for Rapidus by fiscal year."""
    frame = _plottable(cumulative, "cumulative_jpy")
    fig, ax = plt.subplots(figsize=(8, 4.5))
    sns.lineplot(
        data=frame,
        x="fiscal_year",
        y="cumulative_jpy",
        drawstyle="steps-post",
        marker="o",
        color="#1f4e79",
        ax=ax,
    )
    years = list(cumulative["fiscal_year"])
    ax.set_xticks(years, [f"FY{y}" for y in years])
    last = cumulative.iloc[-1]
    ax.annotate(
        format_yen(int(last["cumulative_jpy"])),
        (int(last["fiscal_year"]), float(last["cumulative_jpy"])),
        textcoords="offset points",
        xytext=(-10, 8),
        ha="right",
    )
    yen_axis(ax)
    ax.set_ylim(0, float(cumulative["cumulative_jpy"].max()) * 1.15 or 1)
    ax.set_xlabel("fiscal year the money is booked to")
    ax.set_ylabel("cumulative support")
    ax.set_title(
        f"Rapidus: public support ({scope}) reaches {format_yen(int(last['cumulative_jpy']))} "
        f"by FY{int(last['fiscal_year'])}",
        fontsize=11,
    )
    fig.tight_layout()
    return fig


def claims_deviation_chart(checked: pd.DataFrame, tolerance: float) -> Figure:
    """Horizontal bars of each claim's relative deviation from its recomputation, in percent."""
    frame = pd.DataFrame(
        {
            "claim": pd.Categorical(checked["claim_id"], categories=list(checked["claim_id"])),
            "deviation": [float(d) for d in checked["deviation_pct"]],
            "verdict": pd.Categorical(
                checked["verdict"],
                categories=["consistent", "consistent after rounding", "inconsistent"],
            ),
        }
    )
    fig, ax = plt.subplots(figsize=(8, 0.45 * len(frame) + 1.6))
    ax.axvspan(-100 * tolerance, 100 * tolerance, color="#e9f2e9", zorder=0)
    sns.barplot(
        data=frame,
        y="claim",
        x="deviation",
        hue="verdict",
        dodge=False,
        orient="h",
        palette={
            "consistent": "#2a9d8f",
            "consistent after rounding": "#e9c46a",
            "inconsistent": "#e76f51",
        },
        ax=ax,
    )
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_xlabel("stated figure against recomputation (%); shaded: tolerance")
    ax.set_ylabel("")
    worst = frame.loc[frame["deviation"].abs().idxmax()]
    ax.set_title(
        f"Most claims match the sources; the largest gap is {worst['claim']} "
        f"({worst['deviation']:+.1f}%)",
        fontsize=11,
    )
    fig.tight_layout()
    return fig
