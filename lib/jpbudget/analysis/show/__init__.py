"""What each notebook shows: its finding, its tables (reader headers, linked sources) and the
sentences that depend on its parameters, built from the results of the question modules with
the words of :mod:`jpbudget.analysis.display`. Notebooks pass these to :mod:`jpbudget.present`.

One module per notebook, so that a notebook and its display read side by side:

- :mod:`.common`: what every notebook shares (the finding, the "How to cite" line);
- :mod:`.budget_growth`: ``budget_growth.ipynb`` (finding, growth, captions) and
  :mod:`.growth_bases` (its funding bases and drivers);
- :mod:`.allocation_shares`: ``allocation_shares.ipynb`` (an envelope's lines);
- :mod:`.rapidus_cumulative`: ``rapidus_cumulative.ipynb`` (commitments, running totals);
- :mod:`.claims_check`: ``claims_check.ipynb`` (each claim, its verdict and rule);
- :mod:`.overview`: ``overview.ipynb`` (spending, companies, subsidies, references).
"""

from __future__ import annotations

from .allocation_shares import allocation_finding, allocation_table
from .budget_growth import growth_captions, growth_finding, growth_table
from .claims_check import claims_captions, claims_finding, claims_table, rule_text
from .common import cite, finding
from .growth_bases import (
    bases_sentences,
    bases_table,
    drivers_sentences,
    drivers_table,
)
from .overview import (
    companies_table,
    overview_captions,
    overview_finding,
    references_table,
    spending_table,
    subsidies_table,
    target_lines,
)
from .rapidus_cumulative import (
    claim_scope_sentence,
    commitments_table,
    context_table,
    cumulative_table,
    rapidus_finding,
)

__all__ = [
    "allocation_finding",
    "allocation_table",
    "bases_sentences",
    "bases_table",
    "cite",
    "claim_scope_sentence",
    "claims_captions",
    "claims_finding",
    "claims_table",
    "commitments_table",
    "companies_table",
    "context_table",
    "cumulative_table",
    "drivers_sentences",
    "drivers_table",
    "finding",
    "growth_captions",
    "growth_finding",
    "growth_table",
    "overview_captions",
    "overview_finding",
    "rapidus_finding",
    "references_table",
    "rule_text",
    "spending_table",
    "subsidies_table",
    "target_lines",
]
