"""Where the money has gone since FY2021: budgets by year, company subsidies, targets.

Three kinds of figure, never mixed: *budgets* (the initial and supplementary chips & AI money
of each fiscal year), *company subsidies* (commitments to one company's plant, most of them paid
out of those same supplementary budgets, so never added to them) and *reference figures* (the
reported cumulative total and the multi-year targets, drawn as lines, never added to spending).

>>> s = spending_by_year(2021, 2026)
>>> int(s.loc[s["counted"], "amount_jpy"].sum())
7255100000000
"""

from __future__ import annotations

import pandas as pd

from .. import data
from ..i18n import N_
from .budget import lines
from .growth import chips_ai_by_year

__all__ = [
    "company_subsidies",
    "overview_years",
    "reference_figures",
    "spending_by_year",
    "spending_total",
]

#: Items of ``budget-lines`` (kind ``multi-year``) and ``context-figures`` shown as reference lines.
REFERENCE_ITEMS = ("chips-ai-cumulative", "ai-chips-framework")
REFERENCE_CONTEXT = ("ai-chips-public-private-target",)


def overview_years() -> list[int]:
    """Fiscal years with a chips (& AI) initial or supplementary figure.

    >>> overview_years()
    [2021, 2022, 2023, 2024, 2025, 2026]
    """
    by_year = chips_ai_by_year(2000, _last_year(), include_supplementary=True)
    return sorted(int(y) for y in by_year.dropna(subset=["amount_jpy"])["fiscal_year"].unique())


def _last_year() -> int:
    table = lines()
    return int(table.loc[table["item"] == "chips-ai", "fiscal_year"].max())


def spending_by_year(first_year: int, last_year: int) -> pd.DataFrame:
    """Initial and supplementary chips (& AI) money per fiscal year, rows with a figure only.

    Adds ``counted`` (False for weak rows: shown, marked, never in a firm total) to the columns
    of :func:`~jpbudget.analysis.growth.chips_ai_by_year`.
    """
    by_year = chips_ai_by_year(first_year, last_year, include_supplementary=True)
    frame = by_year.dropna(subset=["amount_jpy"]).reset_index(drop=True)
    frame["counted"] = ~frame["weak"]
    return frame


def spending_total(spending: pd.DataFrame) -> dict[str, object]:
    """The firm total of :func:`spending_by_year` and what it includes, for a sentence.

    ``total_jpy`` (counted rows), ``approximate`` (a counted row the source qualifies, e.g.
    "roughly"), ``includes_draft`` (a counted row is a cabinet draft) and ``weak_jpy`` (left out).
    """
    counted = spending[spending["counted"]]
    return {
        "total_jpy": int(counted["amount_jpy"].sum()),
        "approximate": bool((counted["qualifier"] != "").any()),
        "includes_draft": bool(counted["budget"].str.contains("draft").any()),
        "first_year": int(spending["fiscal_year"].min()),
        "last_year": int(spending["fiscal_year"].max()),
        "weak_jpy": int(spending.loc[~spending["counted"], "amount_jpy"].sum()),
    }


def company_subsidies() -> pd.DataFrame:
    """Subsidies to company plants and to Rapidus, by announcement date, for a timeline.

    Columns: ``company``, ``plant``, ``announced``, ``announced_precision`` (day, month or
    year), ``amount_jpy``, ``amount_text`` (as printed), ``qualifier``, ``confidence``,
    ``source_id``. Rapidus
    rows are its subsidies (equity is in the budgets above). Weak rows are kept and marked.

    >>> c = company_subsidies()
    >>> c.groupby("company", observed=True)["amount_jpy"].sum().loc["Micron Technology"]
    np.int64(728000000000)
    """
    subsidies = data.load("company-subsidies")
    plants = pd.DataFrame(
        {
            "company": subsidies["company"].astype(str),
            "plant": subsidies["plant"].astype(str),
            "announced": subsidies["announced"],
            "announced_precision": subsidies["announced_precision"].astype(str),
            "amount_jpy": subsidies["amount_jpy"].astype("int64"),
            "amount_text": subsidies["amount_text"].astype(str),
            "qualifier": subsidies["qualifier"].astype(str),
            "confidence": subsidies["confidence"].astype(str),
            "source_id": subsidies["source_id"].astype(str),
        }
    )
    support = data.load("rapidus-support")
    rapidus = support[support["kind"] == "subsidy"]
    precision = (
        rapidus["announced_precision"].astype(str)
        if "announced_precision" in rapidus
        else pd.Series("day", index=rapidus.index)
    )
    rapidus_rows = pd.DataFrame(
        {
            "company": "Rapidus",
            "plant": "Hokkaido plant",
            "announced": rapidus["announced"],
            "announced_precision": precision,
            "amount_jpy": rapidus["amount_jpy"].astype("int64"),
            "amount_text": rapidus["amount_text"].astype(str),
            "qualifier": rapidus["qualifier"].astype(str),
            "confidence": rapidus["confidence"].astype(str),
            "source_id": rapidus["source_id"].astype(str),
        }
    )
    frame = pd.concat([plants, rapidus_rows], ignore_index=True)
    frame = frame.sort_values(["announced", "company"], kind="stable").reset_index(drop=True)
    for column in ("company", "plant"):  # in the page's language
        frame[column] = [_name(str(n)) for n in frame[column]]
    return frame


#: The companies and plants of the subsidies (data/company-subsidies.csv, and Rapidus's plant),
#: marked for translation: a Japanese page names them the Japanese way.
SUBSIDY_NAMES = (
    N_("TSMC (through its Japanese subsidiary JASM)"),
    N_("Kioxia and Western Digital (joint venture)"),
    N_("Micron Technology"),
    N_("Rapidus"),
    N_("Kumamoto, first plant"),
    N_("Kumamoto, second plant"),
    N_("Yokkaichi plant"),
    N_("Yokkaichi and Kitakami plants"),
    N_("Hiroshima plant"),
    N_("Hokkaido plant"),
)


def _name(text: str) -> str:
    from .claim_words import data_text

    return data_text(text, "data/company-subsidies.csv", "jpbudget.analysis.overview.SUBSIDY_NAMES")


def reference_figures() -> pd.DataFrame:
    """The reported cumulative total and the multi-year targets, as printed.

    Columns: ``figure`` (key), ``amount_jpy``, ``amount_text``, ``qualifier``, ``kind``
    (``reported total`` or ``target``), ``public`` (False when private money is included),
    ``source_id``.
    """
    table = lines()
    rows = table[table["item"].isin(REFERENCE_ITEMS)]
    out = [
        {
            "figure": str(r["item"]),
            "amount_jpy": int(r["amount_jpy"]),
            "amount_text": str(r["amount_text"]),
            "qualifier": str(r["qualifier"]),
            "kind": "reported total" if r["item"] == "chips-ai-cumulative" else "target",
            "public": True,
            "source_id": str(r["source_id"]),
        }
        for _, r in rows.iterrows()
    ]
    context = data.load("context-figures")
    for _, r in context[context["figure_id"].isin(REFERENCE_CONTEXT)].iterrows():
        out.append(
            {
                "figure": str(r["figure_id"]),
                "amount_jpy": int(r["amount_jpy"]),
                "amount_text": str(r["value_text"]),
                "qualifier": str(r["qualifier"]),
                "kind": "target",
                "public": False,
                "source_id": str(r["source_id"]),
            }
        )
    return pd.DataFrame(out)
