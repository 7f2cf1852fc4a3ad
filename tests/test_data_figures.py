"""Every figure of the fact register loads with its source in one call, and the figures beyond
budget lines (company subsidies, context figures) hold what their sources printed."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from jpbudget import analysis, data, format_yen
from jpbudget.params import check_fx

B = 1_000_000_000  # a billion yen
T = 1_000 * B  # a trillion yen

#: Each figure of the fact register (../shared/research/facts.md): its yen amount (or, for a
#: share, change, multiple or count, its number), the measure, and the source that printed it.
REGISTER = [
    # METI budget totals and the chips & AI envelope
    (Decimal("1907.2") * B, "amount", "hojyokin-meti-fy2025"),  # FY2024 initial
    (Decimal("2052.4") * B, "amount", "hojyokin-meti-fy2025"),  # FY2025 initial
    (Decimal("3069.3") * B, "amount", "jiji-2025-12-22-meti-fy2026"),  # FY2026 draft
    (Decimal("1.5"), "multiple", "jiji-2025-12-22-meti-fy2026"),  # "1.5-fold"
    (Decimal("49.5"), "percentage-change", "kyodo-shimotsuke-meti-fy2026"),  # +49.5%
    (Decimal("2044.4") * B, "amount", "jiji-2025-08-26-meti-request"),  # August 2025 request
    (Decimal("332.8") * B, "amount", "sankei-yahoo-chips-ai-fy2025"),  # FY2025 chips & AI
    (100 * B, "amount", "jiji-2024-12-25-rapidus"),  # FY2025 Rapidus equity via IPA
    (Decimal("31.8") * B, "amount", "sankei-yahoo-chips-ai-fy2025"),  # design hub
    (Decimal("29.5") * B, "amount", "sankei-yahoo-chips-ai-fy2025"),  # edge-AI chip R&D
    (1239 * B, "amount", "toyokeizai-926558"),  # FY2026 chips & AI
    (Decimal("3.7"), "multiple", "toyokeizai-926558"),  # 3.7倍
    # FY2026 draft: itemised lines
    (150 * B, "amount", "bloomberg-spokesman-2025-12-26"),  # Rapidus equity
    (Decimal("387.3") * B, "amount", "jiji-2025-12-22-meti-fy2026"),  # AI foundation models
    (5 * B, "amount", "toyokeizai-926558"),  # critical minerals
    (122 * B, "amount", "toyokeizai-926558"),  # next-generation nuclear
    (Decimal(40), "percentage-change", "toyokeizai-926558"),  # ~40% up year on year
    (Decimal("2533.3") * B, "amount", "jiji-2025-12-22-meti-fy2026"),  # energy special account
    (605 * B, "amount", "mof-fy2026-draft"),  # GX transition bonds
    (Decimal("1.78") * T, "amount", "bloomberg-spokesman-2025-12-26"),  # NEXI grant bonds
    (630 * B, "amount", "dempa-703896"),  # Rapidus R&D (weak)
    (800 * B, "amount", "dempa-703896"),  # all Rapidus support in the draft (weak)
    # Rapidus: public support by year
    (70 * B, "amount", "kyodo-nippon-rapidus-subsidies"),
    (260 * B, "amount", "kyodo-nippon-rapidus-subsidies"),
    (590 * B, "amount", "bloomberg-bnn-2024-04-rapidus"),
    (Decimal("802.5") * B, "amount", "jiji-2025-03-31-rapidus"),
    (100 * B, "amount", "yomiuri-2025-11-22-rapidus"),  # equity via IPA
    (Decimal("167.6") * B, "amount", "jiji-2026-02-27-rapidus-funds"),  # 32 private firms
    (Decimal(32), "count", "jiji-2026-02-27-rapidus-funds"),
    (Decimal(40), "share", "jiji-2026-02-27-rapidus-funds"),  # the register's "~40%"
    (150 * B, "amount", "bloomberg-spokesman-2025-12-26"),  # FY2026 equity
    (1 * T, "amount", "yomiuri-2025-11-22-rapidus"),  # plan FY2026-27
    (2 * T, "amount", "yomiuri-2025-11-22-rapidus"),  # loan guarantees
    # Supplementary budgets and the multi-year frame
    (774 * B, "amount", "mof-supplementary-chips-table"),
    (Decimal("1303.6") * B, "amount", "mof-supplementary-chips-table"),
    (Decimal("1853.2") * B, "amount", "mof-supplementary-chips-table"),
    (Decimal("1.5") * T, "amount", "bloomberg-bnn-2024-11-29-supplementary"),
    (Decimal("1.05") * T, "amount", "bloomberg-bnn-2024-11-29-supplementary"),
    (Decimal("471.4") * B, "amount", "bloomberg-bnn-2024-11-29-supplementary"),
    (Decimal("252.5") * B, "amount", "bloomberg-ndtvprofit-supplementary-fy2025"),
    (Decimal("5.7") * T, "amount", "bloomberg-ndtvprofit-supplementary-fy2025"),
    (10 * T, "amount", "bloomberg-bnn-2024-11-29-supplementary"),  # framework, >¥10 tn
    (50 * T, "amount", "japantimes-2024-11-11-framework"),  # public + private target
    # Status of the FY2026 budget
    (Decimal("1.5") * T, "amount", "mof-fy2026-draft"),  # 1.5兆円規模 with the supplementary
    (Decimal("8.5641") * T, "amount", "nhk-kantanreader-2026-03-27-stopgap"),
    (Decimal("267.6") * B, "amount", "jiji-2026-02-27-rapidus-funds"),
    (Decimal("11.5"), "share", "jiji-2026-02-27-rapidus-funds"),
    (Decimal(60), "share", "jiji-2026-02-27-rapidus-funds"),
    (Decimal("3.1135") * T, "amount", "tokyotribune-5823-fy2026-supplementary"),
    # Company subsidies
    (476 * B, "amount", "jiji-2024-02-24-tsmc"),
    (732 * B, "amount", "jiji-2024-02-24-tsmc"),
    (192 * B, "amount", "jiji-2023-10-03-micron"),
    (536 * B, "amount", "nikkei-asia-2025-09-13-micron"),
    (Decimal("92.9") * B, "amount", "jiji-2022-07-27-kioxia"),
    (150 * B, "amount", "jiji-2024-02-06-kioxia"),
]


@pytest.fixture(scope="module")
def figures() -> pd.DataFrame:
    return data.figures()


@pytest.mark.parametrize(("number", "measure", "source_id"), REGISTER)
def test_every_register_figure_loads_with_its_source_in_one_call(
    figures, number, measure, source_id
):
    rows = figures[(figures.measure == measure) & (figures.source_id == source_id)]
    if measure == "amount":
        rows = rows[rows.amount_jpy == int(number)]
    else:
        rows = rows[rows.value == float(number)]
    assert len(rows) >= 1, (number, measure, source_id)
    row = rows.iloc[0]
    assert row.url.startswith("https://") and row.publisher and row.title


def test_the_register_list_covers_every_stored_figure(figures):
    """The list above is the whole of what is stored: no figure without a register entry.

    (A figure stored twice from one source, such as the FY2026 Rapidus equity in budget-lines
    and in rapidus-support, is one entry.)
    """
    listed = {(int(n) if m == "amount" else float(n), m, s) for n, m, s in REGISTER}
    stored = {
        (int(r.amount_jpy) if r.measure == "amount" else float(r.value), r.measure, r.source_id)
        for r in figures.itertuples()
    }
    assert stored == listed


def test_figures_has_one_row_per_figure_row_and_every_source(figures):
    sizes = {name: len(data.load(name)) for name in data.FIGURE_RESOURCES}
    assert figures.resource.value_counts().to_dict() == sizes
    assert not figures.duplicated(["resource", "key"]).any()
    assert figures[["title", "publisher", "url"]].notna().all().all()
    assert list(figures.columns) == [
        "resource",
        "key",
        "subject",
        "fiscal_year",
        "date",
        "measure",
        "text",
        "amount_jpy",
        "value",
        "qualifier",
        "confidence",
        "source_id",
        "note",
        "title",
        "publisher",
        "url",
        "published",
    ]
    assert str(figures.amount_jpy.dtype) == "Int64"
    assert str(figures.date.dtype) == str(figures.published.dtype) == "datetime64[ns]"


def test_a_figure_is_an_amount_or_a_number_never_both(figures):
    amounts = figures.measure == "amount"
    assert figures.loc[amounts, "amount_jpy"].notna().all()
    assert figures.loc[amounts, "value"].isna().all()
    assert figures.loc[~amounts, "amount_jpy"].isna().all()
    assert figures.loc[~amounts, "value"].notna().all()


# --- company subsidies ----------------------------------------------------------------------------


def test_company_subsidies_rows():
    table = data.load("company-subsidies").set_index("subsidy_id")
    assert {
        sid: (r.announced.date().isoformat(), r.announced_precision, r.amount_text, r.qualifier)
        for sid, r in table.iterrows()
    } == {
        "tsmc-jasm-kumamoto-1-2022": ("2022-01-01", "year", "up to 476 billion yen", "up to"),
        "tsmc-jasm-kumamoto-2-2024": ("2024-02-24", "day", "up to 732 billion yen", "up to"),
        "micron-hiroshima-2023": ("2023-10-03", "day", "up to 192 billion yen", "up to"),
        "micron-hiroshima-2025": ("2025-09-12", "day", "536 billion yen", ""),
        "kioxia-wd-yokkaichi-2022": ("2022-07-26", "day", "up to 92.9 billion yen", "up to"),
        "kioxia-wd-yokkaichi-kitakami-2024": (
            "2024-02-06",
            "day",
            "up to 150 billion yen",
            "up to",
        ),
    }
    assert str(table.amount_jpy.dtype) == "Int64"
    assert list(table.announced_precision.cat.categories) == ["day", "month", "year"]


# --- context figures ------------------------------------------------------------------------------


def test_context_figures_rows():
    table = data.load("context-figures").set_index("figure_id")
    shown = {
        fid: (r.topic, r.measure, r.value_text, r.qualifier, r.source_id)
        for fid, r in table.iterrows()
    }
    assert shown == {
        "rapidus-round-2026-02-total": (
            "rapidus",
            "amount",
            "267.6 billion yen",
            "",
            "jiji-2026-02-27-rapidus-funds",
        ),
        "rapidus-round-2026-02-private": (
            "rapidus",
            "amount",
            "167.6 billion yen",
            "",
            "jiji-2026-02-27-rapidus-funds",
        ),
        "rapidus-round-2026-02-companies": (
            "rapidus",
            "count",
            "32 companies",
            "",
            "jiji-2026-02-27-rapidus-funds",
        ),
        "rapidus-voting-rights-2026-02": (
            "rapidus",
            "share",
            "11.5 pct",
            "",
            "jiji-2026-02-27-rapidus-funds",
        ),
        "rapidus-voting-rights-if-management-worsens": (
            "rapidus",
            "share",
            "up to 40 pct",
            "up to",
            "jiji-2026-02-27-rapidus-funds",
        ),
        "rapidus-voting-rights-after-fy2026-equity": (
            "rapidus",
            "share",
            "up to 60 pct",
            "up to",
            "jiji-2026-02-27-rapidus-funds",
        ),
        "ai-chips-public-private-target": (
            "framework",
            "amount",
            "¥50 trillion",
            "",
            "japantimes-2024-11-11-framework",
        ),
        "meti-total-fy2026-multiple": (
            "budget",
            "multiple",
            "1.5-fold",
            "",
            "jiji-2025-12-22-meti-fy2026",
        ),
        "meti-total-fy2026-change": (
            "budget",
            "percentage-change",
            "49・5%増",
            "",
            "kyodo-shimotsuke-meti-fy2026",
        ),
        "chips-ai-fy2026-multiple": ("budget", "multiple", "3.7倍", "", "toyokeizai-926558"),
        "next-gen-nuclear-fy2026-change": (
            "budget",
            "percentage-change",
            "約4割増",
            "about",
            "toyokeizai-926558",
        ),
    }
    assert table.loc["rapidus-round-2026-02-total", "date"] == pd.Timestamp("2026-02-27")
    assert pd.isna(table.loc["chips-ai-fy2026-multiple", "date"])
    assert str(table.value.dtype) == "float64" and str(table.amount_jpy.dtype) == "Int64"


def test_the_round_adds_up_as_its_source_prints_it():
    """Government ¥100 bn (a rapidus-support row) + private ¥167.6 bn = the ¥267.6 bn printed."""
    context = data.load("context-figures").set_index("figure_id").amount_jpy
    support = data.load("rapidus-support").set_index("support_id").amount_jpy
    assert (
        support["2025-11-equity-ipa"] + context["rapidus-round-2026-02-private"]
        == context["rapidus-round-2026-02-total"]
    )


@pytest.mark.parametrize(
    ("figure_id", "item", "column", "places"),
    [
        ("meti-total-fy2026-multiple", "meti-total", "multiple", 1),  # 1.4955 -> 1.5-fold
        ("meti-total-fy2026-change", "meti-total", "change_pct", 1),  # +49.55 -> 49・5%
        ("chips-ai-fy2026-multiple", "chips-ai", "multiple", 1),  # 3.723 -> 3.7倍
    ],
)
def test_the_notebooks_growth_agrees_with_the_ratio_the_source_printed(
    figure_id, item, column, places
):
    growth = analysis.growth_table(
        2025, 2026, [item], include_supplementary=False, fx=check_fx(150)
    )
    computed = Fraction(int(growth.target_jpy.iloc[0]), int(growth.base_jpy.iloc[0]))
    if column == "change_pct":
        computed = (computed - 1) * 100
    printed = data.load("context-figures").set_index("figure_id").loc[figure_id, "value"]
    assert abs(computed - Fraction(str(printed))) <= Fraction(1, 10**places)  # truncation too
    assert growth[column].iloc[0].quantize(Decimal(1).scaleb(-places)) in (
        Decimal(str(printed)),
        Decimal(str(printed)) + Decimal(1).scaleb(-places),
    )


def test_mofs_combined_figure_is_chips_ai_plus_the_fy2025_supplementary_rounded():
    lines = data.load("budget-lines").set_index(["fiscal_year", "budget", "item"]).amount_jpy
    combined = (
        lines[(2026, "initial-draft", "chips-ai")]
        + lines[(2025, "supplementary", "chips-ai-supplementary")]
    )
    assert format_yen(int(combined), digits=5) == "¥1.4915 trillion"
    assert format_yen(int(combined), digits=2) == format_yen(
        int(lines[(2025, "multi-year", "chips-ai-with-supplementary")]), digits=2
    )


def test_loan_guarantees_are_in_no_rapidus_scope():
    for scope in ("equity", "subsidies", "all"):
        kinds = analysis.rapidus.commitments(scope, 2027, include_plans=True).kind
        assert "loan-guarantee" not in set(kinds.astype(str))
    assert analysis.rapidus.scope_totals(2026)["all"] == 1_972_500_000_000


def test_the_japan_times_rounding_of_fy2023_is_one_row_with_the_precise_form():
    lines = data.load("budget-lines")
    fy2023 = lines[(lines.fiscal_year == 2023) & (lines.budget == "supplementary")]
    assert len(fy2023) == 1
    assert "japantimes-2024-02-16-chip-aid" in fy2023.note.iloc[0]
    assert (
        "approximately ¥1.8 trillion" in data.sources("japantimes-2024-02-16-chip-aid").note.iloc[0]
    )
