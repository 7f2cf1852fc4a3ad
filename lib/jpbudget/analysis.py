"""The analyses behind the notebooks: growth, allocation shares, Rapidus support, claim checks.

Every function reads the validated datasets through :mod:`jpbudget.data`, computes in exact
integer yen and :class:`~decimal.Decimal`, and converts to dollars only at the end, with the rate
object (which says which rate of which day) returned alongside. Notebooks only call these.

>>> g = growth_table(2025, 2026, ["chips-ai"], include_supplementary=False, fx=check_fx(150))
>>> row = g.iloc[0]
>>> row["item"], int(row["base_jpy"]), int(row["target_jpy"]), row["multiple"], row["change_pct"]
('chips-ai', 332800000000, 1239000000000, Decimal('3.72'), Decimal('272.3'))
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

import pandas as pd

from . import data
from .fx import FxChoice
from .params import (
    ParameterError,
    check_bool,
    check_choice,
    check_fraction,
    check_fx,
    check_items,
    check_year,
)
from .yen import format_usd, format_yen

__all__ = [
    "Allocation",
    "allocation",
    "budget_years",
    "check_claims",
    "check_fx",
    "chips_ai_by_year",
    "growth_lines",
    "growth_table",
    "item_label",
    "rapidus_commitments",
    "rapidus_context",
    "rapidus_cumulative",
    "rapidus_scope_totals",
    "regular_budget",
    "round_significant_decimal",
    "sources_markdown",
    "sources_table",
]

#: Regular (non-supplementary) budget kinds, best first: an enacted figure supersedes the draft.
REGULAR_BUDGETS = ("initial", "initial-draft")
#: Supplementary items that add to a regular-budget item, for growth including supplements.
SUPPLEMENTARY_OF = {"chips-ai": ("chips-ai-supplementary", "chips-supplementary")}
RAPIDUS_SCOPES = data.RAPIDUS_SCOPES
ENVELOPES = ("chips-ai", "meti-total")
NOT_ITEMISED = "not itemised in sources"

_LABELS = {
    "meti-total": "METI total",
    "chips-ai": "Chips & AI",
    "rapidus-equity": "Rapidus equity",
    "ai-foundation-models": "AI foundation models, data, physical AI",
    "critical-minerals": "Critical minerals",
    "next-gen-nuclear": "Next-generation nuclear / decarbonisation",
    "chips-design-hub": "Chip design hub",
    "edge-ai-chip-rd": "Edge-AI chip R&D",
}


def item_label(item: str) -> str:
    """A reader's name for an item key.

    >>> item_label("chips-ai"), item_label("rapidus-rd")
    ('Chips & AI', 'rapidus-rd')
    """
    return _LABELS.get(item, item)


def _percent(value: Decimal, places: int = 1) -> str:
    return f"{value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP):+}%"


# --- budget lines ---------------------------------------------------------------------------


def _lines() -> pd.DataFrame:
    return data.load("budget-lines")


def regular_budget(fiscal_year: int, item: str) -> pd.Series | None:
    """The regular-budget row of ``item`` in ``fiscal_year``: enacted if sourced, else the draft.

    >>> regular_budget(2026, "chips-ai")["amount_jpy"]
    np.int64(1239000000000)
    """
    lines = _lines()
    for kind in REGULAR_BUDGETS:
        rows = lines[
            (lines["fiscal_year"] == fiscal_year)
            & (lines["item"] == item)
            & (lines["budget"] == kind)
        ]
        if len(rows):
            return rows.iloc[0]
    return None


def budget_years(item: str) -> list[int]:
    """Fiscal years with a regular-budget figure for ``item``.

    >>> budget_years("meti-total")
    [2024, 2025, 2026]
    """
    lines = _lines()
    rows = lines[(lines["item"] == item) & lines["budget"].isin(REGULAR_BUDGETS)]
    return sorted(int(y) for y in rows["fiscal_year"].unique())


def growth_items() -> list[str]:
    """Items with a regular-budget figure in at least two fiscal years."""
    lines = _lines()
    regular = lines[lines["budget"].isin(REGULAR_BUDGETS)]
    counts = regular.groupby("item", observed=True)["fiscal_year"].nunique()
    return sorted(str(i) for i in counts[counts >= 2].index)


def _supplementary(fiscal_year: int, item: str) -> pd.DataFrame:
    lines = _lines()
    return lines[
        (lines["fiscal_year"] == fiscal_year)
        & (lines["budget"] == "supplementary")
        & lines["item"].isin(SUPPLEMENTARY_OF.get(item, ()))
        & lines["within"].isna()
    ]


def growth_table(
    base_year: int,
    target_year: int,
    items: list[str],
    *,
    include_supplementary: bool,
    fx: FxChoice,
) -> pd.DataFrame:
    """Each item's amount in both years, the multiple and the percentage change.

    Columns: ``item``, ``label``, ``base_budget``, ``base_jpy``, ``target_budget``,
    ``target_jpy``, ``multiple`` and ``change_pct`` (Decimals, 2 and 1 places, half-up), the
    dollar values ``base_usd``/``target_usd`` with the rate used for each year, and the
    ``source_ids``. With ``include_supplementary`` an item with supplementary budgets (chips &
    AI) gets a second row comparing initial plus supplementary money; a year without a
    supplementary figure in the sources counts none, and ``note`` says so.
    """
    rows: list[dict[str, Any]] = []
    base_rate, target_rate = fx.rate_for(base_year), fx.rate_for(target_year)
    for item in items:
        base, target = regular_budget(base_year, item), regular_budget(target_year, item)
        if base is None or target is None:
            missing = base_year if base is None else target_year
            raise ParameterError(
                f"parameter items: {item!r} has no regular-budget figure for FY{missing}; "
                f"it has FY{', FY'.join(map(str, budget_years(item))) or ' none'}"
            )
        variants = [("initial budget", [base], [target], "")]
        if include_supplementary and item in SUPPLEMENTARY_OF:
            base_sup, target_sup = (
                _supplementary(base_year, item),
                _supplementary(target_year, item),
            )
            notes = [
                f"no supplementary figure for FY{year} in the sources: counted as none"
                for year, sup in ((base_year, base_sup), (target_year, target_sup))
                if sup.empty
            ]
            variants.append(
                (
                    "initial + supplementary",
                    [base, *[r for _, r in base_sup.iterrows()]],
                    [target, *[r for _, r in target_sup.iterrows()]],
                    "; ".join(notes),
                )
            )
        for basis, base_rows, target_rows, note in variants:
            base_jpy = sum(int(r["amount_jpy"]) for r in base_rows)
            target_jpy = sum(int(r["amount_jpy"]) for r in target_rows)
            ratio = Decimal(target_jpy) / Decimal(base_jpy)
            rows.append(
                {
                    "item": item,
                    "label": item_label(item),
                    "basis": basis,
                    "base_year": base_year,
                    "base_budget": "+".join(str(r["budget"]) for r in base_rows),
                    "base_jpy": base_jpy,
                    "target_year": target_year,
                    "target_budget": "+".join(str(r["budget"]) for r in target_rows),
                    "target_jpy": target_jpy,
                    "multiple": ratio.quantize(Decimal("0.01"), ROUND_HALF_UP),
                    "change_pct": ((ratio - 1) * 100).quantize(Decimal("0.1"), ROUND_HALF_UP),
                    "base_usd": float(Decimal(base_jpy) / Decimal(repr(base_rate.jpy_per_usd))),
                    "target_usd": float(
                        Decimal(target_jpy) / Decimal(repr(target_rate.jpy_per_usd))
                    ),
                    "qualified": any(
                        r["qualifier"] not in ("", None) and not pd.isna(r["qualifier"])
                        for r in base_rows + target_rows
                    ),
                    "source_ids": sorted({str(r["source_id"]) for r in base_rows + target_rows}),
                    "note": note,
                }
            )
    return pd.DataFrame(rows)


def growth_lines(table: pd.DataFrame) -> list[str]:
    """The key results of :func:`growth_table` as sentences (what nbval compares).

    >>> t = growth_table(2025, 2026, ["meti-total"], include_supplementary=False, fx=check_fx(150))
    >>> growth_lines(t)[0]
    'METI total (initial budget): FY2025 ¥2.05 trillion (initial) -> FY2026 ¥3.07 trillion (initial-draft): 1.50x, +49.5%'
    """
    out = []
    for row in table.itertuples():
        about = " (includes figures the sources qualify as 'about')" if row.qualified else ""
        out.append(
            f"{row.label} ({row.basis}): FY{row.base_year} {format_yen(row.base_jpy)} "
            f"({row.base_budget}) -> FY{row.target_year} {format_yen(row.target_jpy)} "
            f"({row.target_budget}): {row.multiple}x, {row.change_pct:+}%{about}"
            + (f" [{row.note}]" if row.note else "")
        )
    return out


def chips_ai_by_year(
    first_year: int, last_year: int, *, include_supplementary: bool
) -> pd.DataFrame:
    """Chips & AI money per fiscal year, split into ``initial`` and ``supplementary`` budgets.

    One row per fiscal year and kind, with ``amount_jpy`` (<NA> where the sources give no
    figure), ``budget`` (the budget kind of the row used), ``qualifier`` and ``source_id``.
    ``kind`` is a categorical (initial, supplementary) so that seaborn can use it as ``hue``.

    >>> t = chips_ai_by_year(2021, 2026, include_supplementary=True)
    >>> t[t.fiscal_year == 2023][["kind", "amount_jpy"]].values.tolist()
    [['initial', <NA>], ['supplementary', 1853200000000]]
    """
    rows = []
    for year in range(first_year, last_year + 1):
        regular = regular_budget(year, "chips-ai")
        rows.append(_chart_row(year, "initial", None if regular is None else [regular]))
        if include_supplementary:
            sup = _supplementary(year, "chips-ai")
            rows.append(_chart_row(year, "supplementary", [r for _, r in sup.iterrows()] or None))
    frame = pd.DataFrame(rows)
    frame["kind"] = pd.Categorical(frame["kind"], categories=["initial", "supplementary"])
    frame["amount_jpy"] = frame["amount_jpy"].astype("Int64")
    return frame


def _chart_row(year: int, kind: str, rows: list[pd.Series] | None) -> dict[str, Any]:
    if not rows:
        return {
            "fiscal_year": year,
            "kind": kind,
            "amount_jpy": None,
            "budget": "",
            "qualifier": "",
            "source_id": "",
        }
    return {
        "fiscal_year": year,
        "kind": kind,
        "amount_jpy": sum(int(r["amount_jpy"]) for r in rows),
        "budget": "+".join(str(r["budget"]) for r in rows),
        "qualifier": ", ".join(str(r["qualifier"]) for r in rows if str(r["qualifier"] or "")),
        "source_id": ", ".join(str(r["source_id"]) for r in rows),
    }


# --- allocation shares ----------------------------------------------------------------------


@dataclass(frozen=True)
class Allocation:
    """The lines of an envelope, with an explicit remainder; shares sum to exactly 1."""

    fiscal_year: int
    envelope: str
    envelope_row: pd.Series
    table: pd.DataFrame  # line, item, amount_jpy, share (exact Fraction), share_pct (display)
    not_counted: pd.DataFrame  # lines inside the envelope left out (qualified or weak figures)

    @property
    def total_jpy(self) -> int:
        return int(self.envelope_row["amount_jpy"])


def allocation_years(envelope: str) -> list[int]:
    """Fiscal years with a figure for ``envelope`` and at least one itemised line inside it."""
    lines = _lines()
    inside = set(lines.loc[lines["within"] == envelope, "fiscal_year"].astype(int))
    return [y for y in budget_years(envelope) if y in inside]


def _display_percentages(shares: list[Fraction], places: int = 1) -> list[Decimal]:
    """Round exact shares to percentages that still add up to exactly 100 (largest remainder).

    >>> _display_percentages([Fraction(1, 3)] * 3)
    [Decimal('33.4'), Decimal('33.3'), Decimal('33.3')]
    """
    scale = 100 * 10**places
    raw = [share * scale for share in shares]
    floors = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: raw[i] - floors[i], reverse=True)
    for i in order[: scale - sum(floors)]:
        floors[i] += 1
    return [Decimal(f).scaleb(-places) for f in floors]


def allocation(fiscal_year: int, envelope: str) -> Allocation:
    """Shares of the itemised lines inside ``envelope`` in ``fiscal_year``, plus a remainder.

    Only lines the sources place directly inside the envelope (``within``) are counted, so a
    METI line outside chips & AI (minerals, nuclear) never counts inside it, and a line nested
    deeper (Rapidus inside chips & AI inside METI) is not counted twice. Lines with a qualified
    ("about") or weak figure are listed in ``not_counted`` instead of being mixed with exact ones.
    Whatever the itemised lines leave is an explicit "not itemised in sources" row.

    >>> a = allocation(2026, "chips-ai")
    >>> a.table[["item", "amount_jpy", "share_pct"]].values.tolist()[-1]
    ['not itemised in sources', 701700000000, Decimal('56.6')]
    >>> sum(a.table["share"]) == 1, sum(a.table["share_pct"])
    (True, Decimal('100.0'))
    """
    envelope_row = regular_budget(fiscal_year, envelope)
    if envelope_row is None:
        raise ParameterError(
            f"parameter fiscal_year: FY{fiscal_year} has no figure for {envelope!r}; "
            f"expected one of {allocation_years(envelope)}"
        )
    lines = _lines()
    inside = lines[
        (lines["within"] == envelope)
        & (lines["fiscal_year"] == fiscal_year)
        & lines["budget"].isin(REGULAR_BUDGETS)
    ]
    exact = (inside["confidence"] == "exact") & (inside["qualifier"].fillna("") == "")
    counted, not_counted = inside[exact], inside[~exact]
    total = int(envelope_row["amount_jpy"])
    itemised = int(counted["amount_jpy"].sum())
    if itemised > total:
        raise data.DataValidationError(
            f"budget-lines: the lines inside {envelope} in FY{fiscal_year} add up to "
            f"{format_yen(itemised)}, more than the envelope's {format_yen(total)}"
        )
    rows = [
        {
            "line": item_label(str(r["item"])),
            "item": str(r["item"]),
            "amount_jpy": int(r["amount_jpy"]),
            "source_id": str(r["source_id"]),
        }
        for _, r in counted.sort_values("amount_jpy", ascending=False).iterrows()
    ]
    rows.append(
        {
            "line": NOT_ITEMISED,
            "item": NOT_ITEMISED,
            "amount_jpy": total - itemised,
            "source_id": str(envelope_row["source_id"]),
        }
    )
    table = pd.DataFrame(rows)
    table["share"] = [Fraction(int(a), total) for a in table["amount_jpy"]]
    table["share_pct"] = _display_percentages(list(table["share"]))
    table["line"] = pd.Categorical(table["line"], categories=list(table["line"]))
    return Allocation(
        fiscal_year, envelope, envelope_row, table, not_counted.reset_index(drop=True)
    )


# --- Rapidus --------------------------------------------------------------------------------


def _support() -> pd.DataFrame:
    return data.load("rapidus-support")


def rapidus_commitments(scope: str, through_year: int, *, include_plans: bool) -> pd.DataFrame:
    """Public commitments to Rapidus in ``scope`` booked up to ``through_year``, by date.

    Plans and weak figures are included only with ``include_plans``.

    >>> rapidus_commitments("equity", 2026, include_plans=False)["amount_jpy"].tolist()
    [100000000000, 150000000000]
    """
    support = _support()
    kinds = list(RAPIDUS_SCOPES[scope]) + (["plan"] if include_plans else [])
    rows = support[support["kind"].isin(kinds) & (support["fiscal_year"] <= through_year)]
    if not include_plans:
        rows = rows[rows["confidence"] == "exact"]
    return rows.sort_values(["announced", "support_id"]).reset_index(drop=True)


def rapidus_cumulative(
    commitments: pd.DataFrame, first_year: int, through_year: int
) -> pd.DataFrame:
    """Support per fiscal year and running total (exact integer yen), one row per year."""
    years = pd.Index(range(first_year, through_year + 1), name="fiscal_year")
    per_year = (
        commitments.groupby("fiscal_year", observed=True)["amount_jpy"]
        .sum()
        .reindex(years)
        .fillna(0)
        .astype("Int64")
    )
    frame = per_year.rename("amount_jpy").reset_index()
    frame["cumulative_jpy"] = frame["amount_jpy"].cumsum().astype("Int64")
    return frame


def rapidus_scope_totals(through_year: int) -> dict[str, int]:
    """Exact (no plans, no weak figures) cumulative support per scope through ``through_year``.

    >>> {k: format_yen(v, digits=5) for k, v in rapidus_scope_totals(2026).items()}
    {'equity': '¥250 billion', 'subsidies': '¥1.7225 trillion', 'all': '¥1.9725 trillion'}
    """
    return {
        scope: int(
            rapidus_commitments(scope, through_year, include_plans=False)["amount_jpy"].sum()
        )
        for scope in RAPIDUS_SCOPES
    }


def rapidus_years() -> list[int]:
    """Fiscal years with Rapidus support in the data."""
    return sorted(int(y) for y in _support()["fiscal_year"].unique())


# --- claims ---------------------------------------------------------------------------------

_NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")
_WORD_PRECISION = 1  # "four times", "quadrupling": one significant digit


def significant_digits(stated_text: str) -> int:
    """How many significant digits a stated figure carries (trailing zeros of integers don't).

    >>> significant_digits("¥1.23 trillion"), significant_digits("¥250 billion")
    (3, 2)
    >>> significant_digits("about 50%"), significant_digits("nearly quadrupling")
    (1, 1)
    """
    match = _NUMBER.search(stated_text)
    if not match:
        return _WORD_PRECISION
    digits = match.group().replace(",", "")
    if "." in digits:
        return len(digits.replace(".", "").lstrip("0"))
    return len(digits.lstrip("0").rstrip("0")) or 1


def round_significant_decimal(
    value: Decimal, digits: int, rounding: str = ROUND_HALF_UP
) -> Decimal:
    """``value`` rounded to ``digits`` significant digits (half-up unless told otherwise).

    >>> round_significant_decimal(Decimal("3.7229"), 1), round_significant_decimal(Decimal("1239"), 3)
    (Decimal('4'), Decimal('1.24E+3'))
    >>> round_significant_decimal(Decimal("1239"), 3, ROUND_DOWN)
    Decimal('1.23E+3')
    """
    if value == 0:
        return value
    return value.quantize(Decimal(1).scaleb(value.adjusted() - digits + 1), rounding)


def _budget_figure(key: tuple[int, str, str]) -> pd.Series:
    """The budget line of a ``compare_to`` key (validation guarantees it exists)."""
    lines = _lines()
    fy, budget, item = key
    match = (lines["fiscal_year"] == fy) & (lines["budget"] == budget) & (lines["item"] == item)
    return lines[match].iloc[0]


def _recompute(claim: pd.Series, fx: FxChoice) -> tuple[Decimal, str, list[str]]:
    """The value to compare a claim with, how it was computed, and the sources used."""
    target = data.parse_compare_to(str(claim["compare_to"]))
    relation = str(claim["relation"])
    if target.resource == "rapidus-support":
        scope, year = str(target.scope), target.through_year
        rows = rapidus_commitments(scope, int(year), include_plans=False)  # type: ignore[arg-type]
        total = int(rows["amount_jpy"].sum())
        how = f"sum of {len(rows)} Rapidus {scope} commitments booked through FY{year}"
        return Decimal(total), how, sorted(set(rows["source_id"].astype(str)))
    keys = ["/".join(map(str, key)) for key in target.keys]
    if relation in ("multiple", "percentage-change"):
        new, base = (_budget_figure(key) for key in target.keys)
        ratio = Decimal(int(new["amount_jpy"])) / Decimal(int(base["amount_jpy"]))
        value = ratio if relation == "multiple" else (ratio - 1) * 100
        how = f"{keys[0]} ÷ {keys[1]}" + (" - 1, in %" if relation == "percentage-change" else "")
        return value, how, [str(new["source_id"]), str(base["source_id"])]
    row = _budget_figure(target.keys[0])
    if relation == "conversion":
        # the rate a writer could have used: that of the fiscal year the claim was published in
        published = data.sources(str(claim["source_id"])).iloc[0]["published"]
        rate = fx.rate_for_date(published)
        usd = Decimal(int(row["amount_jpy"])) / Decimal(repr(rate.jpy_per_usd))
        return usd, f"{keys[0]} at {rate.describe()}", [str(row["source_id"])]
    return Decimal(int(row["amount_jpy"])), keys[0], [str(row["source_id"])]


def _show(value: Decimal, unit: str) -> str:
    if unit == "JPY":
        return format_yen(int(value.to_integral_value(ROUND_HALF_UP)), digits=5)
    if unit == "USD":
        return format_usd(value, digits=4)
    if unit == "multiple":
        return f"{value.quantize(Decimal('0.001'), ROUND_HALF_UP)}x"
    return f"{value.quantize(Decimal('0.01'), ROUND_HALF_UP)}%"


def check_claims(tolerance: float, fx: FxChoice) -> pd.DataFrame:
    """Check every claim against a recomputation from sourced data.

    Verdicts and their rules, first match wins:

    - ``consistent`` (rule "exact"): the stated value equals the recomputation;
    - ``consistent after rounding`` (rule "rounds to the stated precision"): the recomputation
      rounded half-up to the stated significant digits equals the stated value;
    - ``consistent`` (rule "within tolerance"): the relative deviation is at most ``tolerance``;
      if the stated value is the recomputation cut off (truncated) rather than rounded, the note
      says so;
    - ``inconsistent`` (rule "outside tolerance") otherwise.

    >>> c = check_claims(0.02, check_fx("announcement")).set_index("claim_id")
    >>> c.loc["chips-ai-amount", ["verdict", "rule"]].tolist()
    ['consistent', 'within tolerance']
    """
    claims = data.load("claims")
    rows = []
    for _, claim in claims.iterrows():
        stated = Decimal(str(claim["stated_value"]))
        value, how, source_ids = _recompute(claim, fx)
        deviation = (stated - value) / value
        digits = significant_digits(str(claim["stated_text"]))
        rounded = round_significant_decimal(value, digits)
        note = ""
        if stated == value:
            verdict, rule = "consistent", "exact"
        elif rounded == stated:
            verdict, rule = "consistent after rounding", "rounds to the stated precision"
        elif abs(deviation) <= Decimal(repr(tolerance)):
            verdict, rule = "consistent", "within tolerance"
            if round_significant_decimal(value, digits, ROUND_DOWN) == stated:
                note = (
                    f"the stated figure is the sourced {_show(value, str(claim['unit']))} "
                    f"truncated to {digits} significant digits; rounded it would be "
                    f"{_show(rounded, str(claim['unit']))}"
                )
        else:
            verdict, rule = "inconsistent", "outside tolerance"
        rows.append(
            {
                "claim_id": str(claim["claim_id"]),
                "subject": str(claim["subject"]),
                "stated": str(claim["stated_text"]),
                "stated_value": stated,
                "recomputed": _show(value, str(claim["unit"])),
                "recomputed_value": value,
                "deviation_pct": (deviation * 100).quantize(Decimal("0.01"), ROUND_HALF_UP),
                "verdict": verdict,
                "rule": rule,
                "how": how,
                "note": note,
                "source_ids": [*source_ids, str(claim["source_id"])],
            }
        )
    return pd.DataFrame(rows)


# --- sources --------------------------------------------------------------------------------


def sources_table(source_ids: Any) -> pd.DataFrame:
    """Title, publisher, date and URL of each source id used (each once, in order of use).

    >>> sources_table(["nonexistent"])
    Traceback (most recent call last):
    ...
    KeyError: ...
    """
    ordered: list[str] = []
    for entry in source_ids:
        for sid in [entry] if isinstance(entry, str) else entry:
            for part in str(sid).split(", "):
                if part and part not in ordered:
                    ordered.append(part)
    table = data.sources(*ordered)
    return table[["title", "publisher", "published", "url"]]


def sources_markdown(source_ids: Any) -> str:
    """The sources of :func:`sources_table` as a Markdown table with links, for readers.

    >>> print(sources_markdown(["toyokeizai-926558"]).splitlines()[2])  # doctest: +ELLIPSIS
    | toyokeizai-926558 | [経産省予算は5割増の3兆円超へ、...](https://toyokeizai.net/articles/-/926558) | Toyo Keizai | ... |
    """
    table = sources_table(source_ids)
    lines = ["| id | title | publisher | published |", "|---|---|---|---|"]
    for sid, row in table.iterrows():
        published = (
            "date not given" if pd.isna(row["published"]) else f"{row['published']:%Y-%m-%d}"
        )
        title = str(row["title"]).replace("|", "/")
        lines.append(f"| {sid} | [{title}]({row['url']}) | {row['publisher']} | {published} |")
    return "\n".join(lines)


# --- parameter validation, one function per notebook ----------------------------------------


def validate_budget_growth(
    *, base_year: Any, target_year: Any, items: Any, include_supplementary: Any, fx: Any
) -> dict[str, Any]:
    """Validated parameters of ``budget_growth.ipynb`` (raises :class:`ParameterError`).

    >>> validate_budget_growth(base_year=1990, target_year=2026, items=["meti-total"],
    ...                        include_supplementary=True, fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter base_year: 1990 is not allowed; expected a fiscal year with a regular-budget figure for every item in ['meti-total']: 2024, 2025, 2026
    """
    include_supplementary = check_bool("include_supplementary", include_supplementary)
    items = check_items("items", items, growth_items())
    years = set(budget_years(items[0])).intersection(*(budget_years(i) for i in items[1:]))
    what = f"a regular-budget figure for every item in {items}"
    base_year = check_year("base_year", base_year, years, what=what)
    target_year = check_year("target_year", target_year, years, what=what)
    if target_year <= base_year:
        raise ParameterError(
            f"parameter target_year: {target_year!r} is not allowed; expected a fiscal year "
            f"after base_year ({base_year})"
        )
    fx_choice = check_fx(fx, fiscal_years=(base_year, target_year))
    return {
        "base_year": base_year,
        "target_year": target_year,
        "items": items,
        "include_supplementary": include_supplementary,
        "fx": fx_choice,
    }


def validate_allocation(*, fiscal_year: Any, envelope: Any, fx: Any) -> dict[str, Any]:
    """Validated parameters of ``allocation_shares.ipynb`` (raises :class:`ParameterError`).

    >>> validate_allocation(fiscal_year=2026, envelope="defence", fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter envelope: 'defence' is not allowed; expected one of 'chips-ai', 'meti-total'
    """
    envelope = check_choice("envelope", envelope, ENVELOPES)
    fiscal_year = check_year(
        "fiscal_year",
        fiscal_year,
        allocation_years(envelope),
        what=f"a figure for {envelope} and itemised lines inside it",
    )
    fx_choice = check_fx(fx, fiscal_years=[fiscal_year])
    return {"fiscal_year": fiscal_year, "envelope": envelope, "fx": fx_choice}


def validate_rapidus(
    *, scope: Any, through_year: Any, include_plans: Any, fx: Any
) -> dict[str, Any]:
    """Validated parameters of ``rapidus_cumulative.ipynb`` (raises :class:`ParameterError`).

    >>> validate_rapidus(scope="bonds", through_year=2026, include_plans=False, fx=150)
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter scope: 'bonds' is not allowed; expected one of 'equity', 'subsidies', 'all'
    """
    scope = check_choice("scope", scope, list(RAPIDUS_SCOPES))
    years = rapidus_years()
    through_year = check_year(
        "through_year",
        through_year,
        range(years[0], years[-1] + 1),
        what="Rapidus support up to it",
    )
    include_plans = check_bool("include_plans", include_plans)
    fx_choice = check_fx(fx)
    booked = rapidus_commitments(scope, through_year, include_plans=include_plans)
    for row in booked.itertuples():
        check_fx(fx, fiscal_years=[int(row.fiscal_year)], announced=row.announced)
    return {
        "scope": scope,
        "through_year": through_year,
        "include_plans": include_plans,
        "fx": fx_choice,
    }


def validate_claims(*, tolerance: Any, fx: Any) -> dict[str, Any]:
    """Validated parameters of ``claims_check.ipynb`` (raises :class:`ParameterError`).

    >>> validate_claims(tolerance=-0.1, fx="announcement")
    Traceback (most recent call last):
    ...
    jpbudget.params.ParameterError: parameter tolerance: -0.1 is not allowed; expected a number from 0 to below 1.0
    """
    return {"tolerance": check_fraction("tolerance", tolerance), "fx": check_fx(fx)}


# --- tables for readers ---------------------------------------------------------------------


def _usd_column(amounts: pd.Series, rates: list[Any]) -> list[str]:
    return [
        format_usd(Decimal(int(a)) / Decimal(repr(r.jpy_per_usd)))
        for a, r in zip(amounts, rates, strict=True)
    ]


def growth_display(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`growth_table` formatted for reading (yen and dollars as text)."""
    return pd.DataFrame(
        {
            "item": table["label"],
            "basis": table["basis"],
            "base": [
                f"FY{y} {format_yen(a)}"
                for y, a in zip(table["base_year"], table["base_jpy"], strict=True)
            ],
            "target": [
                f"FY{y} {format_yen(a)}"
                for y, a in zip(table["target_year"], table["target_jpy"], strict=True)
            ],
            "multiple": [f"{m}x" for m in table["multiple"]],
            "change": [f"{c:+}%" for c in table["change_pct"]],
            "base (US$)": [format_usd(v) for v in table["base_usd"]],
            "target (US$)": [format_usd(v) for v in table["target_usd"]],
        }
    )


def allocation_display(result: Allocation, rate: Any) -> pd.DataFrame:
    """:func:`allocation` formatted for reading, with dollars at ``rate``."""
    table = result.table
    return pd.DataFrame(
        {
            "line": table["line"].astype(str),
            "amount": [format_yen(a, digits=4) for a in table["amount_jpy"]],
            "share": [f"{p}%" for p in table["share_pct"]],
            "US$": _usd_column(table["amount_jpy"], [rate] * len(table)),
            "source": table["source_id"],
        }
    )


def commitments_display(commitments: pd.DataFrame, fx: FxChoice) -> pd.DataFrame:
    """Rapidus commitments formatted for reading, dollars at each booked year's rate."""
    rates = [
        fx.rate_for(int(row.fiscal_year), announced=row.announced)
        for row in commitments.itertuples()
    ]
    return pd.DataFrame(
        {
            "announced": commitments["announced"].dt.strftime("%Y-%m-%d"),
            "kind": commitments["kind"].astype(str),
            "as published": commitments["amount_text"].astype(str),
            "amount": [format_yen(a, digits=4) for a in commitments["amount_jpy"]],
            "booked to": commitments["booked_to"].astype(str),
            "US$": _usd_column(commitments["amount_jpy"], rates),
            "source": commitments["source_id"].astype(str),
        }
    )


def claims_display(checked: pd.DataFrame) -> pd.DataFrame:
    """:func:`check_claims` formatted for reading."""
    return pd.DataFrame(
        {
            "claim": checked["subject"],
            "stated": checked["stated"],
            "recomputed": checked["recomputed"],
            "deviation": [f"{d:+}%" for d in checked["deviation_pct"]],
            "verdict": checked["verdict"],
            "rule": checked["rule"],
        }
    )


def claims_lines(checked: pd.DataFrame) -> list[str]:
    """One sentence per claim: stated, recomputed, deviation, verdict and rule."""
    return [
        f"{r.claim_id}: stated {r.stated}; recomputed {r.recomputed} ({r.how}); deviation "
        f"{r.deviation_pct:+}%; {r.verdict} ({r.rule})" + (f"; note: {r.note}" if r.note else "")
        for r in checked.itertuples()
    ]


def by_year_lines(by_year: pd.DataFrame) -> list[str]:
    """:func:`chips_ai_by_year` as sentences, naming the years without a sourced figure."""
    out = []
    for row in by_year.itertuples():
        if pd.isna(row.amount_jpy):
            out.append(f"FY{row.fiscal_year} {row.kind}: no figure in the sources")
            continue
        about = f" ({row.qualifier})" if row.qualifier else ""
        out.append(
            f"FY{row.fiscal_year} {row.kind}: {format_yen(int(row.amount_jpy))}{about}"
            f" [{row.budget}; {row.source_id}]"
        )
    return out


def rapidus_context(through_year: int) -> pd.DataFrame:
    """What the spending totals leave out: loan guarantees, the equity round, voting rights.

    Rows of ``rapidus-support`` of kind ``loan-guarantee`` and of ``context-figures`` with topic
    ``rapidus``, for fiscal years up to ``through_year``, by date, with ``date``, ``subject``,
    ``text`` (as printed), ``source_id`` and ``note``. None of it is public spending.

    >>> for row in rapidus_context(2026).itertuples():
    ...     print(f"{row.date:%Y-%m-%d} {row.text}: {row.subject}")
    2025-11-21 over ¥2 trillion: Government guarantees of private loans to Rapidus, FY2026-27 (plan)
    2026-02-27 267.6 billion yen: Rapidus equity round: public and private money
    2026-02-27 167.6 billion yen: Rapidus equity round: private money
    2026-02-27 32 companies: Rapidus equity round: private investors
    2026-02-27 11.5 pct: Government voting rights in Rapidus after the round
    2026-02-27 up to 40 pct: Government voting rights in Rapidus if the company's management worsens
    2026-02-27 up to 60 pct: Government voting rights in Rapidus after the further government equity
    >>> len(rapidus_context(2024))
    0
    """
    support = _support()
    guarantees = support[
        (support["kind"] == "loan-guarantee") & (support["fiscal_year"] <= through_year)
    ]
    context = data.load("context-figures")
    context = context[(context["topic"] == "rapidus") & (context["fiscal_year"] <= through_year)]
    frame = pd.concat(
        [
            pd.DataFrame(
                {
                    "date": guarantees["announced"],
                    "subject": "Government guarantees of private loans to Rapidus, "
                    + guarantees["booked_to"],
                    "text": guarantees["amount_text"],
                    "source_id": guarantees["source_id"],
                    "note": guarantees["note"],
                }
            ),
            context[["date", "subject", "value_text", "source_id", "note"]].rename(
                columns={"value_text": "text"}
            ),
        ],
        ignore_index=True,
    )
    return frame.sort_values("date", kind="stable").reset_index(drop=True)


def rapidus_claim_scope(through_year: int = 2026) -> str:
    """Which Rapidus scope matches the seed article's cumulative claim, as a sentence."""
    claims = data.load("claims").set_index("claim_id")
    claim = claims.loc["rapidus-cumulative"]
    stated = int(claim["stated_value"])
    totals = rapidus_scope_totals(through_year)
    matching = [scope for scope, total in totals.items() if total == stated]
    listed = "; ".join(f"{scope} {format_yen(total, digits=5)}" for scope, total in totals.items())
    verdict = (
        f"it matches the {' and '.join(matching)} scope only" if matching else "it matches no scope"
    )
    return (
        f"The article's {claim['stated_text']} ({claim['attributed_to']}): {verdict}. "
        f"Firm commitments through FY{through_year}: {listed}."
    )
