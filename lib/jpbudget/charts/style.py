"""What every chart shares: the fonts, the colours, the marks and the frame around the axes.

A chart states its finding in its title, names its sources in a line at its foot, labels the
values a reader reads, and marks figures that are not firm: a cabinet **draft** (hatched), an
approximate figure (**about**, dotted outline), a ceiling (**up to**, dashed outline, lighter),
a **weak** figure (dots, grey) and a **plan** (outline only). Each mark used is explained in
the legend.

Japanese text is drawn with IPAexGothic, shipped by the ``matplotlib-fontja`` package; the
project registers the font file itself (importing that package would switch every figure of
the process to it) and uses it as the fallback after the Latin font, glyph by glyph.

>>> exact_yen(1_239_000_000_000), exact_yen(252_500_000_000), exact_yen(1_303_600_000_000)
('¥1.239 trillion', '¥252.5 billion', '¥1.3036 trillion')
>>> value_text(252_500_000_000, ("about",)), value_text(1_239_000_000_000, ("draft",))
('about ¥252.5 billion', '¥1.239 trillion (draft)')
>>> value_text(3_602_500_000_000, ("about", "up to"))
'up to about ¥3.6025 trillion'
>>> source_line(["Ministry of Finance (mirrored by wic-net.com)", "Toyo Keizai", "Toyo Keizai"])
'Sources: Ministry of Finance; Toyo Keizai'
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import Any

import matplotlib
import pandas as pd
from matplotlib import font_manager
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter, MaxNLocator
from matplotlib.transforms import blended_transform_factory

from .. import formats
from ..i18n import N_, active, gettext
from ..yen import format_yen, format_yen_exact
from .fonts import JAPANESE_FONT, LATIN_FONT, font_path
from .sourceline import PUBLISHER_NAMES as PUBLISHER_NAMES  # re-exported: the frame's parts
from .sourceline import publisher_name as publisher_name
from .sourceline import source_line as source_line
from .wrapping import wrap

#: The Latin font first, then the Japanese one for the glyphs the Latin font lacks.
FONT_FAMILY = [LATIN_FONT, JAPANESE_FONT]

#: Figure width in inches: 1,600 px at 267 dpi; type sizes chosen to stay legible at phone width.
WIDTH = 6.0

STYLE: dict[str, Any] = {
    "font.family": FONT_FAMILY,
    "font.size": 11,
    "axes.titlesize": 11,
    "axes.labelsize": 11,
    "xtick.labelsize": 10.5,
    "ytick.labelsize": 10.5,
    "legend.fontsize": 10,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.edgecolor": "#555555",
    "axes.labelcolor": "#222222",
    "text.color": "#222222",
    "xtick.color": "#444444",
    "ytick.color": "#444444",
    "hatch.linewidth": 1.0,
    "svg.fonttype": "none",
    "svg.hashsalt": "jpbudget",
}

COLORS = {
    "initial": "#1f4e79",
    "supplementary": "#d9822b",
    "previous supplementary": "#d9822b",
    "line": "#1f4e79",
    "remainder": "#8c96a0",
    "weak": "#8c96a0",
    "target": "#7a1f5c",
    "consistent": "#2a7f62",
    "consistent after rounding": "#c9a227",
    "inconsistent": "#c0392b",
    "not checkable": "#8c96a0",
}
FOOT_COLOR = "#555555"

MARK_ORDER = ("draft", "about", "up to", "weak", "plan", "target")
#: What each mark looks like and means, as a legend says it (translated where it is drawn).
MARK_LABELS = {
    "draft": N_("Hatched: cabinet draft, not the enacted budget"),
    "about": N_('Dotted outline: approximate figure ("about")'),
    "up to": N_('Dashed outline, lighter: ceiling ("up to")'),
    "weak": N_("Grey dots: weak figure (single or unconfirmed source)"),
    "plan": N_("Outline only: plan, not yet budgeted"),
    "target": N_("Dashed line: target, not spending"),
}
#: The short word a value label adds for a mark: "¥1.239 trillion (draft)".
_SUFFIX = {"draft": N_("draft"), "weak": N_("weak"), "plan": N_("plan")}
#: Each mark in one word, for the "Marks" column of a chart's data.
MARK_WORDS = {
    "draft": N_("draft"),
    "about": N_("about"),
    "up to": N_("up to"),
    "weak": N_("weak"),
    "plan": N_("plan"),
    "target": N_("target"),
}


def marks_text(marks: Sequence[str]) -> str:
    """A row's marks in words for a chart's data: "draft, about" (案、概数).

    >>> marks_text(("draft", "about"))
    'draft, about'
    """
    return gettext(N_(", ")).join(gettext(MARK_WORDS[m]) for m in marks)


# --- fonts ------------------------------------------------------------------------------------


class _NoBoldJapanese(logging.Filter):
    """Drop the notice that IPAexGothic has no bold face (bold Latin text still is bold)."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (
            message.startswith("findfont: Failed to find font weight") and JAPANESE_FONT in message
        )


@cache
def register_fonts() -> Path:
    """Add the Japanese font to matplotlib's font list (once); returns its path."""
    path = font_path()
    font_manager.fontManager.addfont(str(path))
    logging.getLogger("matplotlib.font_manager").addFilter(_NoBoldJapanese())
    return path


@contextmanager
def chart_style():
    """The charts' matplotlib settings, for building one figure (never set globally)."""
    register_fonts()
    with matplotlib.rc_context(STYLE):
        yield


# --- numbers and marks -----------------------------------------------------------------------


def exact_yen(amount: int, *, lang: str | None = None) -> str:
    """An amount with as many significant digits as it has: the figure exactly as known
    ("¥1.239 trillion"; in Japanese 1兆2390億円)."""
    amount = int(amount)
    if active(lang) == "ja":
        return format_yen_exact(amount, lang="ja")
    digits = max(1, len(str(abs(amount)).rstrip("0")))
    return format_yen(amount, digits=digits)


def _present(value: Any) -> bool:
    return value is not None and not (not isinstance(value, str) and pd.isna(value))


def marks_of(row: Mapping[str, Any]) -> tuple[str, ...]:
    """The marks a row of an analysis table carries, in :data:`MARK_ORDER`.

    Read from an explicit ``marks`` field (a list or comma-separated text) if present, else
    from ``budget``/``booked_to`` (a draft), ``qualifier`` ("about", "roughly", "up to", "more
    than"), ``confidence`` ("weak") and ``kind`` ("plan").
    """
    found: set[str] = set()
    explicit = row.get("marks")
    if isinstance(explicit, str):
        found |= {m.strip() for m in explicit.split(",") if m.strip()}
    elif isinstance(explicit, (list, tuple, set, frozenset)):
        found |= set(explicit)
    else:
        for field in ("budget", "booked_to"):
            if _present(row.get(field)) and "draft" in str(row.get(field)):
                found.add("draft")
        qualifier = str(row.get("qualifier") or "") if _present(row.get("qualifier")) else ""
        if qualifier in ("about", "roughly", "approximately"):
            found.add("about")
        if qualifier == "up to":
            found.add("up to")
        if _present(row.get("confidence")) and str(row.get("confidence")) == "weak":
            found.add("weak")
        if _present(row.get("kind")) and str(row.get("kind")) == "plan":
            found.add("plan")
    unknown = found - set(MARK_ORDER)
    if unknown:
        raise ValueError(f"unknown chart marks {sorted(unknown)}: expected some of {MARK_ORDER}")
    return tuple(m for m in MARK_ORDER if m in found)


def value_text(amount: int, marks: Sequence[str] = (), qualifier: str | None = None) -> str:
    """A value label in the active language: the exact amount with its qualifier and marks,
    "about ¥252.5 billion", "¥1.239 trillion (draft)" (約2525億円, 1兆2390億円（案）)."""
    prefix = qualifier if qualifier else ("about" if "about" in marks else "")
    text = formats.qualify(exact_yen(amount), prefix) if prefix else exact_yen(amount)
    if "up to" in marks and prefix != "up to":
        text = formats.qualify(text, "up to")
    suffix = [gettext(_SUFFIX[m]) for m in marks if m in _SUFFIX]
    if not suffix:
        return text
    return gettext(N_("%(amount)s (%(marks)s)"), amount=text, marks=gettext(N_(", ")).join(suffix))


def _lighter(color: str, amount: float = 0.55) -> tuple[float, float, float]:
    r, g, b = matplotlib.colors.to_rgb(color)
    return (r + (1 - r) * amount, g + (1 - g) * amount, b + (1 - b) * amount)


def style_patch(patch: Rectangle, color: str, marks: Sequence[str]) -> None:
    """Draw ``patch`` (a bar) in ``color`` with the look of its marks; its gid names them."""
    face: Any = color
    edge, style, hatch = color, "solid", None
    if "weak" in marks:
        color = COLORS["weak"]
        face, edge, hatch = _lighter(color, 0.6), color, ".."
    if "up to" in marks:
        face, style = _lighter(color, 0.45), "dashed"
    if "about" in marks:
        face, style = _lighter(color, 0.3), "dotted"
    if "draft" in marks:
        face, hatch = _lighter(color, 0.75), "////"
    if "plan" in marks:
        face, style = "none", "dashed"
    patch.set_facecolor(face)
    patch.set_edgecolor(edge if (style != "solid" or hatch) else face)
    patch.set_linestyle(style)
    patch.set_linewidth(1.4 if style != "solid" or hatch else 0)
    patch.set_hatch(hatch)
    patch.set_gid("marks:" + ("+".join(marks) if marks else "none"))


def mark_handles(marks: Iterable[str], color: str = "#555555", labels=None) -> list[Artist]:
    """Legend entries explaining each mark used (``labels`` overrides a mark's wording)."""
    used = set(marks)
    labels = {**MARK_LABELS, **(labels or {})}
    handles: list[Artist] = []
    for mark in MARK_ORDER:
        if mark not in used:
            continue
        if mark == "target":
            handles.append(
                Line2D([], [], color=COLORS["target"], linestyle="--", label=gettext(labels[mark]))
            )
            continue
        patch = Patch(label=gettext(labels[mark]))
        style_patch(patch, color, (mark,))
        handles.append(patch)
    return handles


# --- axes ------------------------------------------------------------------------------------

#: The units of an axis of yen, largest first, as each language counts: English by thousands
#: (trillion, billion, million), Japanese by myriads (兆円, 億円, 万円), as formats.py does.
_UNITS = {
    "en": ((10**12, "trillion"), (10**9, "billion"), (10**6, "million")),
    "ja": ((10**12, "兆円"), (10**8, "億円"), (10**4, "万円")),
}


def yen_unit(largest: float, *, lang: str | None = None) -> tuple[int, str]:
    """The unit an axis of amounts up to ``largest`` is written in: (10**12, "trillion")...

    >>> yen_unit(1.2e12, lang="en"), yen_unit(8e11, lang="ja")
    ((1000000000000, 'trillion'), (100000000, '億円'))
    """
    for scale, word in _UNITS[active(lang)]:
        if largest >= scale:
            return scale, word
    return 1, ""


def yen_unit_axis(ax: Axes, largest: float, axis: str = "x", what: str | None = None) -> str:
    """Ticks as plain numbers in one unit ("0.5", "1.0") and the unit in the axis label
    ("Budget (¥ trillion)", 予算額（兆円）); ``what`` is already in the active language."""
    scale, word = yen_unit(largest)
    target = ax.xaxis if axis == "x" else ax.yaxis
    target.set_major_locator(MaxNLocator(nbins=5, steps=[1, 2, 2.5, 5, 10]))
    target.set_major_formatter(FuncFormatter(lambda v, _p: f"{v / scale:,.10g}"))
    what = gettext(N_("Budget")) if what is None else what
    label = (
        gettext(N_("%(what)s (¥ %(unit)s)"), what=what, unit=word)
        if word
        else gettext(N_("%(what)s (¥)"), what=what)
    )
    (ax.set_xlabel if axis == "x" else ax.set_ylabel)(label)
    return label


def grid_behind(ax: Axes, axis: str = "x") -> None:
    """Light grid lines across the value axis, drawn behind the bars."""
    ax.grid(axis=axis, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def yen_bars_axis(ax: Axes, largest: float, *, room: float, what: str | None = None) -> None:
    """The x axis of horizontal yen bars: from 0 to ``room`` times the ``largest`` amount (space
    for the labels), ticks in one unit (:func:`yen_unit_axis`), grid behind the bars."""
    ax.set_xlim(0, largest * room)
    yen_unit_axis(ax, largest, "x", what=what)
    grid_behind(ax)


def label_at_top(
    ax: Axes, text: str, x: Any, *, gid: str, side: str = "left", **style: Any
) -> None:
    """Label the vertical reference line at ``x``: at the top of the axes, on its ``side``."""
    ax.annotate(
        text,
        (x, 1.0),
        xycoords=("data", "axes fraction"),
        xytext=(-4 if side == "left" else 4, -2),
        textcoords="offset points",
        ha="right" if side == "left" else "left",
        va="top",
        fontsize=9.5,
        color=COLORS["target"],
        gid=gid,
        **style,
    )


def yen_tick(value: float, _position: object) -> str:
    """A tick label: the plotted float rounded to whole yen, then :func:`format_yen`."""
    return format_yen(round(value), lang=active())


def yen_axis(ax: Axes, axis: str = "y") -> None:
    """Label ``ax``'s ``axis`` ("x" or "y") with yen amounts such as "¥1.24 trillion"."""
    target = ax.yaxis if axis == "y" else ax.xaxis
    target.set_major_locator(MaxNLocator(nbins=5 if axis == "y" else 4))
    target.set_major_formatter(FuncFormatter(yen_tick))


# --- the frame: title, legend, notes and source line -----------------------------------------


def new_figure(height: float, ncols: int = 1, **kwargs: Any) -> tuple[Figure, Any]:
    """A figure of the charts' width with constrained layout (title, legend, foot fitted)."""
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(1, ncols, figsize=(WIDTH, height), layout="constrained", **kwargs)
    fig.get_layout_engine().set(h_pad=0.08, w_pad=0.08)
    return fig, ax


def finish(
    fig: Figure,
    *,
    title: str,
    sources: str,
    handles: Sequence[Artist] = (),
    notes: Sequence[str] = (),
    legend_columns: int = 1,
) -> Figure:
    """Put the title (the finding), the legend, the notes and the source line on ``fig``.

    The source line is the last line of the figure's foot (``fig.get_supxlabel()``).
    """
    fig.suptitle(wrap(title, 44), x=0.01, ha="left", fontsize=14, fontweight="bold")
    if handles:
        # An axes legend above the plot (constrained layout keeps it clear of the title), its
        # left edge at the figure's left edge (x in figure, y in axes coordinates): anchored to
        # the axes instead, long tick labels would push it off the figure and squeeze the axes.
        legend_ax = fig.axes[0]
        legend_ax.legend(
            handles=list(handles),
            loc="lower left",
            bbox_to_anchor=(0.01, 1.02),
            bbox_transform=blended_transform_factory(fig.transFigure, legend_ax.transAxes),
            borderaxespad=0,
            ncols=legend_columns,
            frameon=False,
            handlelength=1.6,
            handleheight=1.1,
        )
    foot = [wrap(note, 78) for note in notes] + [wrap(sources, 78)]
    fig.supxlabel("\n".join(foot), x=0.01, ha="left", fontsize=9.5, color=FOOT_COLOR)
    # Ticks and layout are made now, with the charts' settings, then frozen: every later
    # rendering (PNG at print resolution, SVG) draws the same positions. Constrained layout
    # runs twice (the second pass settles what the first moved), without drawing the figure.
    engine = fig.get_layout_engine()
    if engine is not None:
        engine.execute(fig)
        engine.execute(fig)
    fig.set_layout_engine("none")
    return fig


def attach_data(fig: Figure, frame: pd.DataFrame) -> Figure:
    """Keep the data a chart draws on it, for :func:`drawn_data` (the chart's CSV)."""
    if "source" not in frame.columns:
        raise ValueError("the drawn data of a chart needs a source column")
    fig._jpbudget_data = frame.reset_index(drop=True)  # type: ignore[attr-defined]
    return fig


def drawn_data(fig: Figure) -> pd.DataFrame:
    """The data a chart of this package drew, with a ``source`` column (for ``present.chart``)."""
    frame = getattr(fig, "_jpbudget_data", None)
    if frame is None:
        raise ValueError("this figure was not drawn by jpbudget.charts: pass its data yourself")
    return frame.copy()
