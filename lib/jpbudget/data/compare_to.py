"""The ``compare_to`` mini-language of the claims table (the claims analysis will own it).

Kept in a module of its own so that it can move without touching the rest of the package.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .vocabulary import RAPIDUS_SCOPES

_COMPARE_BUDGET = re.compile(
    r"budget-lines:(\d{4}/[a-z-]+/[a-z0-9-]+)(?: vs (\d{4}/[a-z-]+/[a-z0-9-]+))?"
)
_COMPARE_RAPIDUS = re.compile(r"rapidus-support:([a-z]+)@(\d{4})")
_BUDGET_KEY = re.compile(r"(\d{4})/([a-z-]+)/([a-z0-9-]+)")


class CompareTo(NamedTuple):
    """A parsed ``compare_to`` of the claims table.

    ``keys`` holds ``(fiscal_year, budget, item)`` keys of ``budget-lines`` (one for amount and
    conversion claims; new value then base for multiple and percentage-change claims); ``scope``
    and ``through_year`` are set for ``rapidus-support`` targets.
    """

    resource: str
    keys: tuple[tuple[int, str, str], ...] = ()
    scope: str | None = None
    through_year: int | None = None


def parse_compare_to(text: str) -> CompareTo:
    """Parse the ``compare_to`` grammar of ``claims``.

    - ``budget-lines:<fy>/<budget>/<item>``: one budget line (amount and conversion claims);
    - ``budget-lines:<fy>/<budget>/<item> vs <fy>/<budget>/<item>``: a new value and its base
      (multiple and percentage-change claims);
    - ``rapidus-support:<scope>@<through_year>``: cumulative Rapidus support booked up to that
      fiscal year, scope ``equity``, ``subsidies`` or ``all``.

    >>> parse_compare_to("budget-lines:2026/initial-draft/chips-ai vs 2025/initial-draft/chips-ai").keys
    ((2026, 'initial-draft', 'chips-ai'), (2025, 'initial-draft', 'chips-ai'))
    >>> parse_compare_to("rapidus-support:equity@2026")
    CompareTo(resource='rapidus-support', keys=(), scope='equity', through_year=2026)
    >>> parse_compare_to("budget-lines:2026/chips-ai")
    Traceback (most recent call last):
    ...
    ValueError: compare_to 'budget-lines:2026/chips-ai' does not follow the grammar: expected 'budget-lines:<fy>/<budget>/<item>', 'budget-lines:<fy>/<budget>/<item> vs <fy>/<budget>/<item>' or 'rapidus-support:<equity|subsidies|all>@<fy>'
    """
    match = _COMPARE_BUDGET.fullmatch(text)
    if match:
        keys = []
        for part in match.groups():
            if part is not None:
                fy, budget, item = _BUDGET_KEY.fullmatch(part).groups()  # type: ignore[union-attr]
                keys.append((int(fy), budget, item))
        return CompareTo("budget-lines", keys=tuple(keys))
    match = _COMPARE_RAPIDUS.fullmatch(text)
    if match and match[1] in RAPIDUS_SCOPES:
        return CompareTo("rapidus-support", scope=match[1], through_year=int(match[2]))
    raise ValueError(
        f"compare_to {text!r} does not follow the grammar: expected "
        "'budget-lines:<fy>/<budget>/<item>', "
        "'budget-lines:<fy>/<budget>/<item> vs <fy>/<budget>/<item>' or "
        "'rapidus-support:<equity|subsidies|all>@<fy>'"
    )
