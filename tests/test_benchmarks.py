"""The committed benchmarks run and their two paths agree (speed is measured by `make bench`)."""

import importlib.util

from jpbudget.paths import project_root


def _load(name: str):
    path = project_root() / "benchmarks" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_fx_benchmark_paths_agree_on_a_small_sample():
    bench = _load("bench_fx")
    result = bench.run(rows=2_000, repeat=1)
    assert result["rows"] == 2_000
    assert result["max_rel_diff"] <= bench.TOLERANCE


def test_fx_benchmark_paths_agree_for_another_currency():
    bench = _load("bench_fx")
    result = bench.run(rows=2_000, repeat=1, currency="KRW")
    assert (result["currency"], result["rows"]) == ("KRW", 2_000)
    assert result["max_rel_diff"] <= bench.TOLERANCE


def test_font_benchmark_subsets_map_the_same_characters_both_ways():
    bench = _load("bench_fonts")
    result = bench.run(sets=2, repeat=1)
    assert len(result["rows"]) == 3  # two page-sized sets and all the catalog's characters
    assert all(row["same_characters"] for row in result["rows"])


def test_png_benchmark_compares_a_chart_both_ways_with_the_same_pixels():
    import matplotlib

    matplotlib.use("Agg")
    from jpbudget.charts import style

    bench = _load("bench_png")
    fig, ax = style.new_figure(3.0)
    ax.bar(["FY2025", "FY2026"], [332.8, 1239.0])
    style.finish(fig, title="Chips & AI: ¥1,239.0 billion", sources="Source: Ministry of Finance")
    result = bench.compare({"bars": fig}, repeat=1)
    assert [row["chart"] for row in result["rows"]] == ["bars"]
    assert result["rows"][0]["same_pixels"]
