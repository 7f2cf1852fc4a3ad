"""What the library itself relies on about the data package, independent of ``datapackage.json``.

The descriptor documents the tables for every Frictionless tool; the names, keys and references
below are the ones ``jpbudget`` code depends on, so the checks of :mod:`.checks` enforce them even
when the descriptor loses its ``primaryKey`` or ``foreignKeys``.
"""

from __future__ import annotations

from ..yen import QUALIFIERS, strip_qualifier  # noqa: F401  (strip_qualifier: re-exported)

#: The tabular resources of the data package, in the order of ``datapackage.json``.
RESOURCES: tuple[str, ...] = (
    "sources",
    "budget-lines",
    "rapidus-support",
    "claims",
    "context-figures",
    "company-subsidies",
    "budget-events",
)
#: The resources holding reported figures (everything but the sources, claims and events).
FIGURE_RESOURCES: tuple[str, ...] = (
    "budget-lines",
    "rapidus-support",
    "company-subsidies",
    "context-figures",
)
DESCRIPTOR = "datapackage.json"
#: The file resource of the ECB snapshot, whose ``hash`` in the descriptor is its one record.
SNAPSHOT_RESOURCE = "ecb-rates"

#: The primary key of each table: the fields whose values identify one row.
PRIMARY_KEYS: dict[str, tuple[str, ...]] = {
    "sources": ("source_id",),
    "budget-lines": ("fiscal_year", "budget", "item"),
    "rapidus-support": ("support_id",),
    "claims": ("claim_id",),
    "context-figures": ("figure_id",),
    "company-subsidies": ("subsidy_id",),
    "budget-events": ("fiscal_year", "budget", "budget_number", "event"),
}
#: Every table but ``sources`` names its publication in ``source_id``, a key of ``sources``.
SOURCE_REFERENCE = ("source_id", "sources", "source_id")

#: The column of each table that holds a figure as printed, and the column(s) of its value.
TEXT_AND_VALUE: dict[str, tuple[str, tuple[str, ...]]] = {
    "budget-lines": ("amount_text", ("amount_jpy",)),
    "rapidus-support": ("amount_text", ("amount_jpy",)),
    "company-subsidies": ("amount_text", ("amount_jpy",)),
    "context-figures": ("value_text", ("amount_jpy", "value")),
    "claims": ("stated_text", ("stated_value",)),
}
#: Date columns whose precision is stored beside them (the first day stands for a month/year).
DATE_PRECISION: dict[str, tuple[str, str]] = {
    "rapidus-support": ("announced", "announced_precision"),
    "company-subsidies": ("announced", "announced_precision"),
    "budget-events": ("date", "date_precision"),
}

#: How each ``qualifier`` word may be printed in a figure's text: :data:`jpbudget.yen.QUALIFIERS`
#: (the yen module owns the hedge words; this name stays for ``jpbudget.data.HEDGE_FORMS``).
HEDGE_FORMS = QUALIFIERS
#: Fields whose empty value is a vocabulary word of its own ("" = an exact figure / no hedge).
EMPTY_IS_A_WORD = frozenset({"qualifier"})

#: Scopes of Rapidus support (``compare_to`` and the notebooks) and the ``kind`` words in each;
#: plans and loan guarantees are in none (they are not money spent or invested).
RAPIDUS_SCOPES: dict[str, tuple[str, ...]] = {
    "equity": ("equity",),
    "subsidies": ("subsidy",),
    "all": ("subsidy", "equity"),
}
