"""Charts for the report notebooks: each states its finding, names its sources, marks drafts.

Charts take the tables of :mod:`jpbudget.analysis` and return the matplotlib ``Figure``;
:func:`drawn_data` gives the data each drew (with a ``source`` column) for
:func:`jpbudget.present.chart`. They draw with matplotlib, reading each row's values
as plain Python values, so pandas 3 string and categorical columns are drawn alike (the tests
draw under both).

Importing this package is cheap (``font_path`` needs no matplotlib); the chart functions load
matplotlib on first use.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from .fonts import JAPANESE_FONT, LATIN_FONT, font_path

_LAZY = {
    "allocation_chart": "budget",
    "chips_ai_funding_chart": "budget",
    "fifteen_month_chart": "fifteen_month",
    "claims_deviation_chart": "claims",
    "rapidus_step_chart": "running",
    "running_total_chart": "running",
    "subsidies_timeline": "timeline",
    "FONT_FAMILY": "style",
    "drawn_data": "style",
    "register_fonts": "style",
    "source_line": "style",
    "yen_axis": "style",
}

__all__ = ["JAPANESE_FONT", "LATIN_FONT", "font_path", *sorted(_LAZY)]


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'jpbudget.charts' has no attribute {name!r}")
    value = getattr(import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
