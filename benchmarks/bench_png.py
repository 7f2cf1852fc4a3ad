"""Benchmark: the charts' PNG (``jpbudget.present.png_bytes``) against matplotlib's own PNG.

Every chart of a report is written as a PNG at print resolution (at least 1600 px wide). The
project writes an opaque chart as RGB at zlib level 3; the baseline is what it wrote before:
matplotlib's ``savefig(format="png")`` at the same resolution (RGBA, Pillow's level 6).

The charts are real: every notebook under ``notebooks/`` is run in this process, with its
default parameters, in English and in Japanese, and every chart it shows is kept. For each,
both ways are timed (CPU, best of ``--repeat``), the bytes counted, and the pixels compared:
they must be exactly the same. Targets: the project's PNGs take at most
:data:`TIME_TARGET` of the baseline's time and at most :data:`SIZE_TARGET` of its bytes.
Exit status 1 when a chart's pixels differ or a target is missed.

Usage: ``make bench`` or ``.venv/bin/python benchmarks/bench_png.py [--repeat R]
[--notebook NAME] [--lang en --lang ja]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import sys
import time
import timeit

import matplotlib
import numpy as np
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from jpbudget.paths import project_root
from jpbudget.present import images
from PIL import Image

TIME_TARGET = 0.95
SIZE_TARGET = 1.0
NOTEBOOKS = project_root() / "notebooks"


def matplotlib_png(fig) -> bytes:
    """The baseline: the project's PNG before, matplotlib's own at the same resolution."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=images._dpi(fig), metadata={"Software": None})
    return buffer.getvalue()


def charts_of(notebook: str, lang: str) -> list:
    """The figures ``notebook`` shows as charts when run with its defaults in ``lang``."""
    shown: list = []
    original = images.png_bytes

    def keep(fig):
        shown.append(fig)
        return original(fig)

    cells = json.loads((NOTEBOOKS / f"{notebook}.ipynb").read_text(encoding="utf-8"))["cells"]
    shell = InteractiveShell.instance()
    images.png_bytes = keep
    try:
        with capture_output():
            for cell in cells:
                if cell["cell_type"] != "code":
                    continue
                result = shell.run_cell("".join(cell["source"]), silent=True)
                result.raise_error()
                if "parameters" in cell["metadata"].get("tags", []):
                    shell.run_cell(f"lang = {lang!r}", silent=True).raise_error()
    finally:
        images.png_bytes = original
        shell.reset()
    return shown


def cpu(func, fig, repeat: int) -> tuple[float, bytes]:
    """CPU seconds of ``func(fig)``, best of ``repeat`` (:func:`timeit.repeat`), and its result."""
    timings = timeit.repeat(lambda: func(fig), timer=time.process_time, repeat=repeat, number=1)
    return min(timings), func(fig)


def pixels(png: bytes) -> np.ndarray:
    return np.asarray(Image.open(io.BytesIO(png)).convert("RGBA"))


def compare(charts: dict[str, object], repeat: int) -> dict[str, object]:
    """Both ways on every chart (figures by label): CPU seconds (best of ``repeat``), bytes,
    and whether the pixels are the same."""
    rows = []
    for label, fig in charts.items():
        ours_s, ours = cpu(images.png_bytes, fig, repeat)
        base_s, base = cpu(matplotlib_png, fig, repeat)
        rows.append(
            {
                "chart": label,
                "ours_s": ours_s,
                "base_s": base_s,
                "ours_bytes": len(ours),
                "base_bytes": len(base),
                "same_pixels": np.array_equal(pixels(ours), pixels(base)),
            }
        )
    return {
        "rows": rows,
        "time_ratio": sum(r["ours_s"] for r in rows) / sum(r["base_s"] for r in rows),
        "size_ratio": sum(r["ours_bytes"] for r in rows) / sum(r["base_bytes"] for r in rows),
    }


def run(notebooks: list[str], langs: list[str], repeat: int) -> dict[str, object]:
    """:func:`compare` on every chart the ``notebooks`` show in each of ``langs``."""
    matplotlib.use("Agg")  # this process only
    charts = {}
    for notebook in notebooks:
        for lang in langs:
            for i, fig in enumerate(charts_of(notebook, lang)):
                size = fig.get_size_inches().round(2).tolist()
                charts[f"{notebook} ({lang}) #{i + 1} {size}"] = fig
    return compare(charts, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs of each")
    parser.add_argument("--notebook", action="append", help="notebook name (default: all)")
    parser.add_argument("--lang", action="append", help="language (default: en and ja)")
    args = parser.parse_args(argv)
    notebooks = args.notebook or sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb"))
    with contextlib.redirect_stdout(io.StringIO()):
        result = run(notebooks, args.lang or ["en", "ja"], args.repeat)
    print(f"{'chart':48}  {'png_bytes':>18}  {'matplotlib':>18}  same pixels")
    for r in result["rows"]:
        print(
            f"{r['chart']:48}  {r['ours_s'] * 1000:6.1f} ms {r['ours_bytes']:>7} B"
            f"  {r['base_s'] * 1000:6.1f} ms {r['base_bytes']:>7} B"
            f"  {'yes' if r['same_pixels'] else 'NO'}"
        )
    print(
        f"{len(result['rows'])} charts: time {result['time_ratio']:.2f} of matplotlib's "
        f"(target at most {TIME_TARGET}), bytes {result['size_ratio']:.2f} "
        f"(target at most {SIZE_TARGET})"
    )
    ok = (
        bool(result["rows"])
        and all(r["same_pixels"] for r in result["rows"])
        and result["time_ratio"] <= TIME_TARGET
        and result["size_ratio"] <= SIZE_TARGET
    )
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
