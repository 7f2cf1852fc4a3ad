"""The analyses behind the notebooks, on the real sourced data, with exact expected values."""

from decimal import Decimal
from fractions import Fraction

import jpbudget.analysis as an
import pytest
from jpbudget.fx import FxChoice
from jpbudget.params import ParameterError, check_fx

EXPLICIT = FxChoice("explicit", 150.0)


def test_growth_of_chips_ai_and_meti_total_from_fy2025_to_the_fy2026_draft():
    table = an.growth_table(
        2025, 2026, ["meti-total", "chips-ai"], include_supplementary=False, fx=EXPLICIT
    ).set_index("item")
    assert table.loc["chips-ai", "multiple"] == Decimal("3.72")
    assert table.loc["chips-ai", "change_pct"] == Decimal("272.3")
    assert table.loc["meti-total", "multiple"] == Decimal("1.50")
    assert table.loc["meti-total", "change_pct"] == Decimal("49.5")
    assert table.loc["meti-total", "target_budget"] == "initial-draft"


def test_growth_in_dollars_uses_the_rate_of_each_year():
    table = an.growth_table(2025, 2026, ["chips-ai"], include_supplementary=False, fx=EXPLICIT)
    assert table.loc[0, "base_usd"] == 332_800_000_000 / 150
    assert table.loc[0, "target_usd"] == 1_239_000_000_000 / 150


def test_growth_with_supplementary_adds_fy2025_supplementary_and_says_fy2026_has_none():
    table = an.growth_table(2025, 2026, ["chips-ai"], include_supplementary=True, fx=EXPLICIT)
    combined = table[table["basis"] == "initial + supplementary"].iloc[0]
    assert int(combined["base_jpy"]) == 332_800_000_000 + 252_500_000_000
    assert int(combined["target_jpy"]) == 1_239_000_000_000
    assert combined["multiple"] == Decimal("2.12")
    assert "no supplementary figure for FY2026" in combined["note"]


def test_growth_lines_print_multiple_and_change():
    table = an.growth_table(2025, 2026, ["chips-ai"], include_supplementary=False, fx=EXPLICIT)
    assert an.growth_lines(table) == [
        "Chips & AI (initial budget): FY2025 ¥333 billion (initial) -> FY2026 ¥1.24 trillion "
        "(initial-draft): 3.72x, +272.3%"
    ]


def test_chips_ai_by_year_splits_initial_and_supplementary():
    table = an.chips_ai_by_year(2021, 2026, include_supplementary=True)
    amounts = {
        (int(r.fiscal_year), r.kind): (None if r.amount_jpy is an.pd.NA else int(r.amount_jpy))
        for r in table.itertuples()
    }
    assert amounts == {
        (2021, "initial"): None,
        (2021, "supplementary"): 774_000_000_000,
        (2022, "initial"): None,
        (2022, "supplementary"): 1_303_600_000_000,
        (2023, "initial"): None,
        (2023, "supplementary"): 1_853_200_000_000,
        (2024, "initial"): None,
        (2024, "supplementary"): 1_500_000_000_000,
        (2025, "initial"): 332_800_000_000,
        (2025, "supplementary"): 252_500_000_000,
        (2026, "initial"): 1_239_000_000_000,
        (2026, "supplementary"): None,
    }
    assert list(table["kind"].cat.categories) == ["initial", "supplementary"]


def test_allocation_of_chips_ai_fy2026_has_an_explicit_remainder():
    result = an.allocation(2026, "chips-ai")
    rows = result.table[["item", "amount_jpy", "share_pct"]].values.tolist()
    assert rows == [
        ["ai-foundation-models", 387_300_000_000, Decimal("31.3")],
        ["rapidus-equity", 150_000_000_000, Decimal("12.1")],
        ["not itemised in sources", 701_700_000_000, Decimal("56.6")],
    ]
    assert sum(result.table["share"]) == 1
    assert sum(result.table["share_pct"]) == Decimal("100.0")


def test_allocation_never_counts_meti_lines_outside_chips_ai():
    items = set(an.allocation(2026, "chips-ai").table["item"])
    assert "critical-minerals" not in items
    assert "next-gen-nuclear" not in items


def test_allocation_of_meti_total_counts_chips_ai_once_not_its_parts():
    result = an.allocation(2026, "meti-total")
    assert result.table[["item", "amount_jpy"]].values.tolist() == [
        ["chips-ai", 1_239_000_000_000],
        ["next-gen-nuclear", 122_000_000_000],
        ["critical-minerals", 5_000_000_000],
        ["not itemised in sources", 1_703_300_000_000],
    ]
    assert list(result.table["share"]) == [
        Fraction(12390, 30693),
        Fraction(1220, 30693),
        Fraction(50, 30693),
        Fraction(17033, 30693),
    ]
    assert sum(result.table["share_pct"]) == Decimal("100.0")


def test_allocation_shares_round_to_exactly_100_percent_fy2025():
    result = an.allocation(2025, "chips-ai")
    assert [str(p) for p in result.table["share_pct"]] == ["30.0", "9.6", "8.9", "51.5"]


def test_allocation_lists_weak_or_qualified_lines_as_not_counted():
    result = an.allocation(2026, "chips-ai")
    assert result.not_counted.empty  # the weak Rapidus R&D figure is not placed inside chips-ai


def test_rapidus_totals_by_scope_through_fy2026():
    assert an.rapidus_scope_totals(2026) == {
        "equity": 250_000_000_000,
        "subsidies": 1_722_500_000_000,
        "all": 1_972_500_000_000,
    }


def test_rapidus_plans_and_weak_figures_only_when_asked():
    firm = an.rapidus_commitments("all", 2026, include_plans=False)
    with_plans = an.rapidus_commitments("all", 2026, include_plans=True)
    assert len(firm) == 6
    assert sorted(set(with_plans["support_id"]) - set(firm["support_id"])) == [
        "2025-11-plan-fy2026-27",
        "2025-12-rd-fy2026-weak",
    ]


def test_rapidus_cumulative_steps_by_fiscal_year():
    commitments = an.rapidus_commitments("equity", 2026, include_plans=False)
    cumulative = an.rapidus_cumulative(commitments, 2024, 2026)
    assert cumulative.values.tolist() == [
        [2024, 0, 0],
        [2025, 100_000_000_000, 100_000_000_000],
        [2026, 150_000_000_000, 250_000_000_000],
    ]


def test_the_articles_cumulative_figure_matches_the_equity_scope_only():
    assert "it matches the equity scope only" in an.rapidus_claim_scope()


def _verdicts(tolerance, fx):
    checked = an.check_claims(tolerance, fx).set_index("claim_id")
    return checked


def test_claims_check_notices_the_truncated_chips_ai_amount():
    row = _verdicts(0.02, check_fx("announcement")).loc["chips-ai-amount"]
    assert (row["verdict"], row["rule"]) == ("consistent", "within tolerance")
    assert row["recomputed"] == "¥1.239 trillion"
    assert row["deviation_pct"] == Decimal("-0.73")
    assert "truncated to 3 significant digits; rounded it would be ¥1.24 trillion" in row["note"]


def test_claims_check_recomputes_the_near_quadrupling_as_3_72():
    row = _verdicts(0.02, check_fx("announcement")).loc["chips-ai-multiple"]
    assert row["recomputed"] == "3.723x"
    assert row["verdict"] == "consistent after rounding"


def test_claims_check_verdicts_with_defaults():
    checked = _verdicts(0.02, check_fx("announcement"))
    assert checked["verdict"].to_dict() == {
        "chips-ai-amount": "consistent",
        "chips-ai-usd": "consistent after rounding",
        "chips-ai-multiple": "consistent after rounding",
        "meti-growth": "consistent after rounding",
        "meti-total": "consistent after rounding",
        "rapidus-equity": "consistent",
        "rapidus-cumulative": "consistent",
        "ai-foundation-models": "consistent",
        "critical-minerals": "consistent",
        "decarbonisation": "consistent",
    }


def test_claims_check_dollar_claim_fails_at_150_yen():
    row = _verdicts(0.02, EXPLICIT).loc["chips-ai-usd"]
    assert row["recomputed"] == "$8.26 billion"
    assert row["verdict"] == "inconsistent"


def test_tight_tolerance_turns_the_truncation_inconsistent():
    row = _verdicts(0.001, check_fx("announcement")).loc["chips-ai-amount"]
    assert (row["verdict"], row["rule"]) == ("inconsistent", "outside tolerance")


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("¥1.23 trillion", 3),
        ("approximately $7.9 billion", 2),
        ("about 50%", 1),
        ("¥250 billion", 2),
        ("roughly four times", 1),
        ("¥387.3 billion", 4),
    ],
)
def test_significant_digits_of_stated_figures(text, digits):
    assert an.significant_digits(text) == digits


def test_fy_average_for_a_year_the_snapshot_does_not_cover_names_the_year():
    with pytest.raises(
        ParameterError, match=r"parameter fx: 'fy-average' cannot be used for FY2026"
    ):
        an.validate_budget_growth(
            base_year=2025,
            target_year=2026,
            items=["meti-total"],
            include_supplementary=False,
            fx="fy-average",
        )


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"base_year": 2026, "target_year": 2025},
            "parameter target_year: 2025 is not allowed; expected a fiscal year after base_year",
        ),
        (
            {"items": ["chips-ai", "chips-ai"]},
            "parameter items: ['chips-ai', 'chips-ai'] names an item twice",
        ),
        (
            {"items": "chips-ai"},
            "parameter items: 'chips-ai' is not allowed; expected a non-empty list",
        ),
        ({"items": ["defence"]}, "parameter items: 'defence' is not allowed"),
        (
            {"include_supplementary": "yes"},
            "parameter include_supplementary: 'yes' is not allowed; expected True or False",
        ),
        ({"fx": -1}, "parameter fx: -1 is not allowed"),
        ({"fx": "latest"}, "parameter fx: 'latest' is not allowed"),
    ],
)
def test_budget_growth_parameters_are_validated(kwargs, message):
    params = {
        "base_year": 2025,
        "target_year": 2026,
        "items": ["meti-total", "chips-ai"],
        "include_supplementary": True,
        "fx": "announcement",
    } | kwargs
    with pytest.raises(ParameterError) as info:
        an.validate_budget_growth(**params)
    assert message in str(info.value)


def test_allocation_years_need_itemised_lines():
    with pytest.raises(
        ParameterError,
        match=r"parameter fiscal_year: 2024 is not allowed; expected a fiscal year with a figure for chips-ai and itemised lines inside it: 2025, 2026",
    ):
        an.validate_allocation(fiscal_year=2024, envelope="chips-ai", fx="announcement")


def test_rapidus_through_year_must_lie_in_the_data():
    with pytest.raises(ParameterError, match=r"parameter through_year: 2030 is not allowed"):
        an.validate_rapidus(scope="all", through_year=2030, include_plans=False, fx=150)


def test_claims_tolerance_must_be_a_fraction():
    with pytest.raises(ParameterError, match=r"parameter tolerance: 2 is not allowed"):
        an.validate_claims(tolerance=2, fx="announcement")


def test_sources_markdown_links_every_source_once():
    text = an.sources_markdown(["toyokeizai-926558", "toyokeizai-926558, mof-fy2026-draft"])
    assert text.count("toyokeizai-926558 |") == 1
    assert "](https://toyokeizai.net/articles/-/926558)" in text
    assert "mof-fy2026-draft" in text
