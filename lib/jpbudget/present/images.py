"""Charts as outputs: PNG at print resolution, SVG with text as text, the data as CSV."""

from __future__ import annotations

import base64
import io
import math
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure as MplFigure

from .outputs import Bundle, _bundle, _check_name, _display, csv_text

#: PNG width a chart is rendered to at least (print resolution for a full-width figure).
MIN_PNG_WIDTH = 1600
#: zlib level of the PNGs (Pillow's default is 6; see :func:`png_bytes`).
PNG_COMPRESS_LEVEL = 3
#: Salt for the ids matplotlib writes into SVG, so that the same chart gives the same SVG.
SVG_HASHSALT = "jpbudget"


def _dpi(fig: MplFigure) -> int:
    width_inches = float(fig.get_size_inches()[0])
    return max(200, math.ceil(MIN_PNG_WIDTH / width_inches))


def png_bytes(fig: MplFigure) -> bytes:
    """The figure as PNG, at least :data:`MIN_PNG_WIDTH` pixels wide, without a timestamp.

    An opaque figure (every chart of this package) is written as RGB, not RGBA: the alpha
    channel of an opaque figure says nothing. zlib level :data:`PNG_COMPRESS_LEVEL`, not
    Pillow's 6: together, files about 5% smaller, encoded in about 30% less time
    (``benchmarks/bench_png.py``). The pixels are matplotlib's Agg rendering, unchanged. A
    figure saved at another size than its own (``savefig.bbox: tight`` in a ``matplotlibrc``)
    is written by matplotlib itself, as RGBA.
    """
    from PIL import Image

    dpi = _dpi(fig)
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=dpi)
    pixels = raw.getbuffer()
    # Agg's canvas: the figure's size at this dpi in whole pixels, truncated (matplotlib 3.10),
    # or truncated with a tolerance of 1e-8 pixel for rounding (3.11): the one the bytes fill
    size = fig.get_size_inches() * dpi
    shapes = {tuple(int(v + tolerance) for v in size) for tolerance in (0, 1e-8)}
    shape = next((s for s in shapes if s[0] * s[1] * 4 == pixels.nbytes), None)
    if shape is None:
        buffer = io.BytesIO()
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
        return buffer.getvalue()
    width, height = shape
    image = Image.frombuffer("RGBA", (width, height), pixels, "raw", "RGBA", 0, 1)
    if image.getchannel("A").getextrema() == (255, 255):
        image = image.convert("RGB")
    out = io.BytesIO()
    image.save(out, format="png", compress_level=PNG_COMPRESS_LEVEL, dpi=(dpi, dpi))
    return out.getvalue()


def svg_text(fig: MplFigure) -> str:
    """The figure as SVG with its text kept as ``<text>``; the same figure gives the same SVG.

    Japanese glyphs it uses are embedded as a WOFF subset of the charts' font, so that the
    SVG shows them on a machine without Japanese fonts.
    """
    import matplotlib

    buffer = io.StringIO()
    with matplotlib.rc_context({"svg.fonttype": "none", "svg.hashsalt": SVG_HASHSALT}):
        fig.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    from ..charts.fonts import embed_japanese_font

    return embed_japanese_font(buffer.getvalue())


def chart_title(fig: MplFigure) -> str:
    """The finding a chart states: its figure title (``suptitle``), else its first axes title."""
    title = fig.get_suptitle() if hasattr(fig, "get_suptitle") else ""
    if not title:
        title = next((ax.get_title() for ax in fig.axes if ax.get_title()), "")
    if not title:
        raise ValueError("chart: the figure has no title stating its finding")
    # the words, not the line breaks the chart wrapped them at (Japanese has no spaces to put back)
    title = re.sub(
        r"\s*\n\s*(?=[\u3000-\u9fff\uff00-\uffef])|(?<=[\u3000-\u9fff\uff00-\uffef])\s*\n\s*",
        "",
        title,
    )
    return " ".join(title.split())


def _chart_data(fig: MplFigure, data: pd.DataFrame | None) -> pd.DataFrame:
    if data is not None:
        return data
    from ..charts import drawn_data

    return drawn_data(fig)


def chart_bundle(
    fig: MplFigure,
    data: pd.DataFrame | None = None,
    name: str | None = None,
    caption: str | None = None,
    cite: str | None = None,
) -> Bundle:
    """A chart's PNG, SVG and data CSV (see :func:`chart`)."""
    _check_name(name, "chart")
    for field, value in (("caption", caption), ("'How to cite' line", cite)):
        if value is None or not str(value).strip():
            raise ValueError(f"chart {name!r}: the {field} is empty")
    bundle = {
        "image/png": base64.b64encode(png_bytes(fig)).decode("ascii"),
        "image/svg+xml": svg_text(fig),
        "text/csv": csv_text(_chart_data(fig, data), what=f"chart {name!r} data"),
        "text/plain": chart_title(fig),
    }
    return _bundle(bundle, "chart", name=name, caption=caption, cite=cite)


def chart(
    fig: MplFigure,
    data: pd.DataFrame | None = None,
    name: str | None = None,
    caption: str | None = None,
    cite: str | None = None,
) -> None:
    """Display a chart: PNG (print resolution), SVG (text as text) and the data drawn as CSV.

    ``data`` must have a ``source`` column (the CSV is the chart's data download); left out,
    it is the data a :mod:`jpbudget.charts` chart drew (``charts.drawn_data(fig)``). ``name``
    (the files' stem), ``caption`` and ``cite`` (the chart's "How to cite" line) are required.
    The figure is closed afterwards, so the notebook does not show it a second time.
    """
    import matplotlib.pyplot as plt

    try:
        _display(chart_bundle(fig, data, name, caption, cite))
    finally:
        plt.close(fig)
