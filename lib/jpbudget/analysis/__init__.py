"""The analyses behind the notebooks, one module per question, and the words for readers.

========================  ==========================================  =========================
notebook                  question                                     module
========================  ==========================================  =========================
budget_growth             how fast chips & AI money grows, on which    :mod:`.growth`
                          basis, and what drove METI's increase
allocation_shares         where an envelope's money goes               :mod:`.allocation`
rapidus_cumulative        how much public money Rapidus has received   :mod:`.rapidus`
claims_check              whether the article's claims hold            :mod:`.claims`
overview                  where the money has gone since FY2021        :mod:`.overview`
========================  ==========================================  =========================

:mod:`.display` turns their results into labels, tables and sentences; :mod:`.budget` holds the
budget-line access they share. Every computation is in exact integer yen or
:class:`~decimal.Decimal`; dollars come from :mod:`jpbudget.fx`, rounding from :mod:`jpbudget.yen`.
"""

from __future__ import annotations

from . import allocation, budget, claims, display, growth, overview, rapidus
from .allocation import allocation as allocation_of
from .claims import check_claims, parse_compare_to
from .growth import chips_ai_by_year, funding_bases, growth_drivers, growth_table

__all__ = [
    "allocation",
    "allocation_of",
    "budget",
    "check_claims",
    "chips_ai_by_year",
    "claims",
    "display",
    "funding_bases",
    "growth",
    "growth_drivers",
    "growth_table",
    "overview",
    "parse_compare_to",
    "rapidus",
]
