"""Charts for the report notebooks: each states its finding, names its sources, marks drafts.

Charts take the tables of :mod:`jpbudget.analysis` and return the matplotlib ``Figure``;
:func:`drawn_data` gives the data each drew (with a ``source`` column) for
:func:`jpbudget.present.chart`. Categorical columns are read as plain values (never handed to
seaborn as pandas string arrays, seaborn#3893).
"""

from .budget import allocation_chart, chips_ai_funding_chart, fifteen_month_chart
from .claims import claims_deviation_chart
from .style import (
    FONT_FAMILY,
    JAPANESE_FONT,
    drawn_data,
    font_path,
    register_fonts,
    source_line,
    yen_axis,
)
from .support import rapidus_step_chart, subsidies_timeline

__all__ = [
    "FONT_FAMILY",
    "JAPANESE_FONT",
    "allocation_chart",
    "chips_ai_funding_chart",
    "claims_deviation_chart",
    "drawn_data",
    "fifteen_month_chart",
    "font_path",
    "rapidus_step_chart",
    "register_fonts",
    "source_line",
    "subsidies_timeline",
    "yen_axis",
]
