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


def test_png_benchmark_draws_a_notebooks_chart_with_the_same_pixels_both_ways():
    bench = _load("bench_png")
    result = bench.run(["allocation_shares"], ["en"], repeat=1)
    assert [row["chart"] for row in result["rows"]] == ["allocation_shares (en) [6.0, 4.56]"]
    assert result["rows"][0]["same_pixels"]
