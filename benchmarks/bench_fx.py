"""Benchmark: vectorized dated conversions against a per-row CurrencyConverter loop.

Yen go through ``Series.yen.to_usd(on=dates)``; another currency (default KRW) through
``jpbudget.fx.convert_array(amounts, currency, "USD", on=dates)``, the same implementation. Both
sides read the same pinned snapshot (``data/raw/eurofxref-hist.zip``). For each currency the
script converts N dated amounts both ways, checks that every result agrees to 1e-9 relative, and
prints the speed ratio. Target: the vectorized path at least 50 times faster. Exit status 1 when
the results disagree or the target is missed.

Usage: ``make bench`` or
``.venv/bin/python benchmarks/bench_fx.py [--rows N] [--repeat R] [--currency KRW]``.
"""

from __future__ import annotations

import argparse
import sys
import time

import jpbudget  # noqa: F401  (registers Series.yen)
import numpy as np
import pandas as pd
from currency_converter import CurrencyConverter
from jpbudget.fx import convert_array, rate_table, snapshot_paths

TARGET_RATIO = 50.0
TOLERANCE = 1e-9


def make_inputs(rows: int, currency: str = "JPY", seed: int = 2026) -> tuple[pd.Series, pd.Series]:
    """Deterministic whole amounts (up to 10 trillion) and calendar days (weekends too) within
    the days the snapshot has a rate of ``currency`` against the US dollar."""
    rng = np.random.default_rng(seed)
    dates = rate_table().pair(currency, "USD").dates
    span = (dates[-1] - dates[0]).astype(int)
    days = dates[0] + rng.integers(0, span + 1, rows).astype("timedelta64[D]")
    amounts = pd.Series(rng.integers(1, 10**13, rows), dtype="Int64")
    return amounts, pd.Series(days.astype("datetime64[ns]"))


def vectorized(amounts: pd.Series, dates: pd.Series, currency: str) -> np.ndarray:
    if currency == "JPY":
        return amounts.yen.to_usd(on=dates).to_numpy()
    return convert_array(amounts.to_numpy(dtype="float64"), currency, "USD", on=dates)


def per_row(
    converter: CurrencyConverter, amounts: pd.Series, dates: pd.Series, currency: str
) -> np.ndarray:
    days = [d.date() for d in dates]
    values = amounts.tolist()
    return np.array(
        [converter.convert(a, currency, "USD", d) for a, d in zip(values, days, strict=True)]
    )


def best_of(repeat: int, func, *args) -> tuple[float, np.ndarray]:
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def run(rows: int, repeat: int, currency: str = "JPY") -> dict[str, float]:
    """Time both paths on ``rows`` inputs; return timings, ratio and the worst disagreement."""
    amounts, dates = make_inputs(rows, currency)
    snapshot = str(snapshot_paths()[0])
    converter = CurrencyConverter(
        snapshot, fallback_on_missing_rate=True, fallback_on_missing_rate_method="last_known"
    )
    vec_seconds, vec = best_of(repeat, vectorized, amounts, dates, currency)
    loop_seconds, loop = best_of(1, per_row, converter, amounts, dates, currency)
    worst = float(np.max(np.abs(vec - loop) / np.abs(loop)))
    return {
        "currency": currency,
        "rows": rows,
        "vectorized_s": vec_seconds,
        "loop_s": loop_seconds,
        "ratio": loop_seconds / vec_seconds,
        "max_rel_diff": worst,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3, help="best of R vectorized runs")
    parser.add_argument("--currency", default="KRW", help="the non-yen currency (default KRW)")
    args = parser.parse_args(argv)
    ok = True
    for currency in ("JPY", args.currency):
        result = run(args.rows, args.repeat, currency)
        path = (
            "Series.yen.to_usd(on=dates)"
            if currency == "JPY"
            else f"convert_array({currency}->USD)"
        )
        print(f"{currency} -> USD, rows converted:  {result['rows']:,}")
        print(f"  {path}: {result['vectorized_s']:.3f} s (best of {args.repeat})")
        print(f"  CurrencyConverter per row: {result['loop_s']:.3f} s")
        print(f"  max relative difference:   {result['max_rel_diff']:.2e} (limit {TOLERANCE:.0e})")
        print(f"  speed-up:                  {result['ratio']:.1f}x (target {TARGET_RATIO:.0f}x)")
        ok = ok and result["max_rel_diff"] <= TOLERANCE and result["ratio"] >= TARGET_RATIO
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
