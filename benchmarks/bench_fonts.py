"""Benchmark: the Japanese font subsets by HarfBuzz against fontTools' own subsetter.

Every page and every chart with Japanese text embeds a WOFF subset of IPAexGothic holding just
the characters it draws (``jpbudget.charts.fonts``); a build of every report makes some 70. The
subsets are made by HarfBuzz (hb-subset, through uharfbuzz) and wrapped as WOFF by fontTools.
The baseline is what the project used before: fontTools' subsetter with the same choices (no
hinting, every English name record, the missing-glyph outline), also wrapped as WOFF.

The character sets are real: the Japanese characters of each message of the Japanese catalog
(``lib/jpbudget/locale/ja``), grouped into sets of about a page's size, and all of them at once.
For each set both subsets must map exactly the same characters; the script prints the CPU time
of each way, the sizes and the ratio. Target: HarfBuzz at least 5 times faster. Exit status 1
when a set's characters differ or the target is missed.

Usage: ``make bench`` or ``.venv/bin/python benchmarks/bench_fonts.py [--sets N] [--repeat R]``.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
import timeit

from babel.messages.pofile import read_po
from fontTools import subset
from fontTools.ttLib import TTFont
from jpbudget.charts import fonts
from jpbudget.paths import project_root

TARGET_RATIO = 5.0
CATALOG = project_root() / "lib" / "jpbudget" / "locale" / "ja" / "LC_MESSAGES" / "jpbudget.po"


def character_sets(count: int) -> list[str]:
    """``count`` sets of the catalog's Japanese characters (messages taken in turn), then all."""
    with CATALOG.open("rb") as handle:
        catalog = read_po(handle)
    texts = [str(m.string) for m in catalog if m.id and m.string]
    sets = ["".join(texts[i::count]) for i in range(count)]
    return [fonts.japanese_characters(t) for t in [*sets, "".join(texts)]]


def with_harfbuzz(characters: str) -> bytes:
    return fonts._subset_woff.__wrapped__(characters, str(fonts.font_path()))


def with_fonttools(characters: str) -> bytes:
    """The project's subsets before HarfBuzz: fontTools' subsetter, same choices."""
    font = TTFont(str(fonts.font_path()), recalcTimestamp=False)
    options = subset.Options()
    options.flavor = "woff"
    options.hinting = False
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()


def mapped(woff: bytes) -> set[int]:
    return set(TTFont(io.BytesIO(woff)).getBestCmap())


def cpu(func, characters: str, repeat: int) -> tuple[float, bytes]:
    """CPU seconds of ``func(characters)``, best of ``repeat`` (:func:`timeit.repeat`), and its
    result."""
    timings = timeit.repeat(
        lambda: func(characters), timer=time.process_time, repeat=repeat, number=1
    )
    return min(timings), func(characters)


def run(sets: int, repeat: int) -> dict[str, object]:
    """Both ways on every set: CPU seconds (best of ``repeat``), bytes, and whether they agree."""
    with_harfbuzz("経"), with_fonttools("経")  # imports and first reads out of the timing
    rows = []
    for characters in character_sets(sets):
        hb_s, hb = cpu(with_harfbuzz, characters, repeat)
        ft_s, ft = cpu(with_fonttools, characters, repeat)
        rows.append(
            {
                "characters": len(characters),
                "harfbuzz_s": hb_s,
                "fonttools_s": ft_s,
                "harfbuzz_bytes": len(hb),
                "fonttools_bytes": len(ft),
                "same_characters": mapped(hb) == mapped(ft) == {ord(c) for c in characters},
            }
        )
    harfbuzz = sum(r["harfbuzz_s"] for r in rows)
    fonttools = sum(r["fonttools_s"] for r in rows)
    return {"rows": rows, "ratio": fonttools / harfbuzz}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=int, default=6, help="page-sized character sets")
    parser.add_argument("--repeat", type=int, default=3, help="best of R runs of each")
    args = parser.parse_args(argv)
    result = run(args.sets, args.repeat)
    print("characters  HarfBuzz        fontTools       same characters")
    for r in result["rows"]:
        print(
            f"{r['characters']:>10}  {r['harfbuzz_s'] * 1000:6.1f} ms {r['harfbuzz_bytes']:>6} B"
            f"  {r['fonttools_s'] * 1000:6.1f} ms {r['fonttools_bytes']:>6} B"
            f"  {'yes' if r['same_characters'] else 'NO'}"
        )
    print(f"speed-up: {result['ratio']:.1f}x (target {TARGET_RATIO:.0f}x)")
    ok = all(r["same_characters"] for r in result["rows"]) and result["ratio"] >= TARGET_RATIO
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
