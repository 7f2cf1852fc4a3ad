"""Benchmark: the charts' outputs under the installed matplotlib against another matplotlib.

Every chart of a report is written twice: a PNG at print resolution (``png_bytes``: Agg's
drawing, then the encoding) and an SVG with text as text (``svg_text``). The charts are real:
every notebook under ``notebooks/`` run with its defaults, in English and in Japanese
(``bench_png.charts_of``). For each output the CPU time is measured (best of ``--repeat``),
summed over the charts.

With ``--against VERSION`` the same measurement is taken in the same run under that matplotlib
(``uv run --with matplotlib==VERSION``, an environment laid over this one for that run only),
and the two are compared. pyproject.toml keeps matplotlib below 3.11 because of this
comparison: ``.venv/bin/python benchmarks/bench_charts.py --against 3.11.2``. Target: the
installed matplotlib takes at most :data:`TIME_TARGET` of the other's time for the charts.
Exit status 1 when it misses it.

Usage: ``.venv/bin/python benchmarks/bench_charts.py [--repeat R] [--against VERSION]``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import shutil
import subprocess
import sys
import time
import timeit
from pathlib import Path

import matplotlib

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_png import NOTEBOOKS, charts_of  # noqa: E402
from jpbudget.paths import project_root  # noqa: E402
from jpbudget.present import images  # noqa: E402

TIME_TARGET = 0.75
PARTS = ("png_draw", "png_encode", "svg")


def _png_draw(fig) -> memoryview:
    raw = io.BytesIO()
    fig.savefig(raw, format="rgba", dpi=images._dpi(fig))
    return raw.getbuffer()


def _best(func, repeat: int) -> float:
    return min(timeit.repeat(func, timer=time.process_time, repeat=repeat, number=1))


def measure(repeat: int) -> dict[str, object]:
    """CPU seconds of each part, summed over every chart of every notebook, en and ja."""
    matplotlib.use("Agg")
    figures = []
    with contextlib.redirect_stdout(io.StringIO()):
        for notebook in sorted(p.stem for p in NOTEBOOKS.glob("*.ipynb")):
            for lang in ("en", "ja"):
                figures += charts_of(notebook, lang)
    totals = dict.fromkeys(PARTS, 0.0)
    for fig in figures:
        draw = _best(lambda fig=fig: _png_draw(fig), repeat)
        whole = _best(lambda fig=fig: images.png_bytes(fig), repeat)  # drawing and encoding
        totals["png_draw"] += draw
        totals["png_encode"] += max(whole - draw, 0.0)
        totals["svg"] += _best(lambda fig=fig: images.svg_text(fig), repeat)
    return {"matplotlib": matplotlib.__version__, "charts": len(figures), "cpu": totals}


def measure_under(version: str, repeat: int) -> dict[str, object]:
    """:func:`measure` in a process of its own under matplotlib ``version`` (``uv run``)."""
    uv = shutil.which("uv") or str(project_root() / ".tools" / "bin" / "uv")
    command = [
        uv, "run", "--quiet", "--frozen", "--with", f"matplotlib=={version}",
        "python", str(Path(__file__).resolve()), "--repeat", str(repeat), "--json",
    ]  # fmt: skip
    done = subprocess.run(command, cwd=project_root(), capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"matplotlib {version}: {' '.join(command)} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def total(result: dict[str, object]) -> float:
    return sum(result["cpu"].values())  # type: ignore[union-attr]


def describe(result: dict[str, object]) -> str:
    parts = ", ".join(f"{k} {v:.2f} s" for k, v in result["cpu"].items())  # type: ignore[union-attr]
    return f"matplotlib {result['matplotlib']}: {total(result):.2f} s of CPU ({parts})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs of each")
    parser.add_argument("--against", metavar="VERSION", help="compare with this matplotlib")
    parser.add_argument("--json", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    ours = measure(args.repeat)
    if args.json:
        print(json.dumps(ours))
        return 0
    print(f"{ours['charts']} charts")
    print(describe(ours))
    if not args.against:
        return 0
    other = measure_under(args.against, args.repeat)
    print(describe(other))
    ratio = total(ours) / total(other)
    print(f"time {ratio:.2f} of matplotlib {other['matplotlib']}'s (target at most {TIME_TARGET})")
    print("PASS" if ratio <= TIME_TARGET else "FAIL")
    return 0 if ratio <= TIME_TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
