"""The analyses behind the notebooks, on the real sourced data.

Expected values are computed here by hand from the data rows (amounts as printed in
data/budget-lines.csv and data/rapidus-support.csv), never copied from the code's output.
"""

from decimal import Decimal
from fractions import Fraction

import pandas as pd
import pytest
from jpbudget import analysis as an
from jpbudget.analysis import claims, display, overview, rapidus
from jpbudget.fx import fx_choice
from jpbudget.params import (
    ParameterError,
    check_fx,
    validate_allocation,
    validate_budget_growth,
    validate_claims,
    validate_overview,
    validate_rapidus,
)

EXPLICIT = fx_choice(150)
BN = 1_000_000_000

# The rows, as printed in data/budget-lines.csv (billions of yen).
CHIPS_AI = {2025: Decimal("332.8"), 2026: Decimal("1239.0")}  # 3328億円, 1兆2390億円
METI = {2025: Decimal("2052.4"), 2026: Decimal("3069.3")}  # 2兆524億円, 3,069.3 billion yen
SUPPLEMENTARY = {  # 7,740億円, 13,036億円, 18,532億円, ¥1.5 trillion, roughly ¥252.5 billion
    2021: Decimal("774.0"),
    2022: Decimal("1303.6"),
    2023: Decimal("1853.2"),
    2024: Decimal("1500"),
    2025: Decimal("252.5"),
}


def yen(billions: Decimal) -> int:
    return int(billions * BN)


# --- growth --------------------------------------------------------------------------------


def test_growth_of_chips_ai_and_meti_total_from_fy2025_to_the_fy2026_draft():
    table = an.growth_table(
        2025, 2026, ["meti-total", "chips-ai"], include_supplementary=False, fx=EXPLICIT
    ).set_index("item")
    assert table.loc["chips-ai", "exact_ratio"] == CHIPS_AI[2026] / CHIPS_AI[2025]
    assert table.loc["chips-ai", "multiple"] == Decimal("3.72")  # 1239.0 / 332.8 = 3.7229...
    assert table.loc["chips-ai", "change_pct"] == Decimal("272.3")
    assert table.loc["meti-total", "multiple"] == Decimal("1.50")  # 3069.3 / 2052.4 = 1.4955
    assert table.loc["meti-total", "change_pct"] == Decimal("49.5")
    assert table.loc["meti-total", "target_budget"] == ["initial-draft"]


def test_growth_in_dollars_uses_the_rate_of_each_year():
    table = an.growth_table(2025, 2026, ["chips-ai"], include_supplementary=False, fx=EXPLICIT)
    assert table.loc[0, "base_usd"] == 332_800_000_000 / 150
    assert table.loc[0, "target_usd"] == 1_239_000_000_000 / 150


def test_growth_with_same_year_supplementary_says_fy2026_has_none():
    table = an.growth_table(2025, 2026, ["chips-ai"], include_supplementary=True, fx=EXPLICIT)
    combined = table[table["basis"] == "initial + same-year supplementary"].iloc[0]
    assert int(combined["base_jpy"]) == yen(CHIPS_AI[2025] + SUPPLEMENTARY[2025])
    assert int(combined["target_jpy"]) == yen(CHIPS_AI[2026])
    assert combined["multiple"] == Decimal("2.12")  # 1239.0 / 585.3 = 2.1168
    assert "no supplementary figure for FY2026" in combined["note"]
    assert combined["qualified"]  # "roughly ¥252.5 billion"


def test_funding_bases_side_by_side_with_the_15_month_view():
    bases = an.funding_bases(2021, 2026).set_index("fiscal_year")
    assert int(bases.loc[2026, "fifteen_month_jpy"]) == yen(CHIPS_AI[2026] + SUPPLEMENTARY[2025])
    assert int(bases.loc[2025, "fifteen_month_jpy"]) == yen(CHIPS_AI[2025] + SUPPLEMENTARY[2024])
    assert bases.loc[2026, "regular_share"] == Fraction(12390, 12390 + 2525)
    assert bases.loc[2025, "regular_share"] == Fraction(3328, 3328 + 15000)
    # no initial chips & AI figure before FY2025: no 15-month figure either (never zero)
    assert bases.loc[2024, "fifteen_month_jpy"] is pd.NA
    assert int(bases.loc[2023, "supplementary_jpy"]) == yen(SUPPLEMENTARY[2023])


def test_on_the_15_month_basis_fy2026_is_below_fy2025():
    bases = an.funding_bases(2025, 2026).set_index("fiscal_year")
    ratio = Fraction(
        int(bases.loc[2026, "fifteen_month_jpy"]), int(bases.loc[2025, "fifteen_month_jpy"])
    )
    assert ratio == Fraction(14915, 18328)  # 0.8138: 18.6% less


def test_fy2026_initial_is_below_three_earlier_supplementary_budgets():
    bases = an.funding_bases(2021, 2026).set_index("fiscal_year")
    above = [
        y
        for y in range(2021, 2026)
        if int(bases.loc[y, "supplementary_jpy"]) > int(bases.loc[2026, "initial_jpy"])
    ]
    assert above == [2022, 2023, 2024]


def test_mof_fifteen_month_figure_is_printed_as_the_source_printed_it():
    assert an.growth.mof_fifteen_month()["amount_text"] == "1.5兆円規模"


def test_growth_drivers_share_of_meti_increase_from_chips_ai():
    drivers = an.growth_drivers(2025, 2026).set_index("item")
    meti_increase = METI[2026] - METI[2025]  # 1016.9
    chips_increase = CHIPS_AI[2026] - CHIPS_AI[2025]  # 906.2
    assert int(drivers.loc["meti-total", "change_jpy"]) == yen(meti_increase)
    assert int(drivers.loc["chips-ai", "change_jpy"]) == yen(chips_increase)
    assert drivers.loc["chips-ai", "share"] == Fraction(9062, 10169)  # 89.1%
    remainder = drivers.loc["not itemised in sources"]
    assert int(remainder["change_jpy"]) == yen(meti_increase - chips_increase)  # 110.7
    # lines without a FY2025 figure are listed, never put into the arithmetic
    assert drivers.loc["next-gen-nuclear", "status"] == "no figure for FY2025"
    assert drivers.loc["critical-minerals", "change_jpy"] is pd.NA


# --- allocation ----------------------------------------------------------------------------


def test_allocation_of_chips_ai_fy2026_has_an_explicit_remainder():
    result = an.allocation_of(2026, "chips-ai")
    assert result.table[["item", "amount_jpy", "share_pct"]].values.tolist() == [
        ["ai-foundation-models", 387_300_000_000, Decimal("31.3")],
        ["rapidus-equity", 150_000_000_000, Decimal("12.1")],
        [
            "not itemised in sources",
            1239_000_000_000 - 387_300_000_000 - 150_000_000_000,
            Decimal("56.6"),
        ],
    ]
    assert sum(result.table["share"]) == 1


def test_allocation_shows_the_weak_rapidus_rd_figure_next_to_the_remainder():
    result = an.allocation_of(2026, "chips-ai")
    reported = result.reported_elsewhere.set_index("item")
    assert reported.loc["rapidus-rd", "amount_text"] == "6300億円程度"
    assert reported.loc["rapidus-rd", "confidence"] == "weak"
    assert "rapidus-rd" not in set(result.table["item"])


def test_allocation_never_counts_meti_lines_outside_chips_ai():
    items = set(an.allocation_of(2026, "chips-ai").table["item"])
    assert not items & {"critical-minerals", "next-gen-nuclear"}


def test_allocation_of_meti_total_counts_chips_ai_once_not_its_parts():
    result = an.allocation_of(2026, "meti-total")
    assert list(result.table["share"]) == [
        Fraction(12390, 30693),
        Fraction(1220, 30693),
        Fraction(50, 30693),
        Fraction(17033, 30693),
    ]


def test_small_shares_keep_their_significant_digits():
    share = (
        an.allocation_of(2026, "meti-total")
        .table.set_index("item")
        .loc["critical-minerals", "share"]
    )
    assert display.share_text(share) == "0.163%"  # 50 / 30693 = 0.001629...


# --- Rapidus -------------------------------------------------------------------------------


def test_rapidus_totals_by_scope_through_fy2026():
    # 70 + 260 + 590 + 802.5 (subsidies) and 100 + 150 (equity), in billions
    assert rapidus.scope_totals(2026) == {
        "equity": yen(Decimal(250)),
        "subsidies": yen(Decimal("1722.5")),
        "all": yen(Decimal("1972.5")),
    }


@pytest.mark.parametrize("scope", ["equity", "subsidies", "all"])
@pytest.mark.parametrize("through_year", [2021, 2022, 2023, 2024, 2025, 2026])
@pytest.mark.parametrize("include_plans", [False, True])
def test_no_parameter_combination_sums_a_plan_or_a_weak_figure(scope, through_year, include_plans):
    rows = rapidus.commitments(scope, through_year, include_plans=include_plans)
    counted = rows[rows["counted"]]
    assert set(counted["kind"]) <= {"subsidy", "equity"}
    assert set(counted["confidence"]) <= {"exact"}
    firm = rapidus.commitments(scope, through_year, include_plans=False)
    assert rapidus.counted_total(rows) == rapidus.counted_total(firm)
    cumulative = rapidus.cumulative(rows, rapidus.first_year(), through_year)
    assert int(cumulative["cumulative_jpy"].iloc[-1]) == rapidus.counted_total(firm)


def test_rapidus_plan_is_shown_with_its_reason_when_asked():
    rows = rapidus.commitments("all", 2026, include_plans=True).set_index("support_id")
    plan = rows.loc["2025-11-plan-fy2026-27"]
    assert not plan["counted"]
    assert plan["reason"].startswith("plan:")
    assert rapidus.counted_total(rows.reset_index()) == yen(Decimal("1972.5"))


def test_rapidus_total_with_ceilings_is_a_ceiling():
    assert rapidus.total_has_ceiling(rapidus.commitments("all", 2026, include_plans=False))
    assert not rapidus.total_has_ceiling(rapidus.commitments("equity", 2026, include_plans=False))


def test_rapidus_cumulative_steps_by_fiscal_year():
    rows = rapidus.commitments("equity", 2026, include_plans=False)
    cumulative = rapidus.cumulative(rows, 2024, 2026)
    assert cumulative[["fiscal_year", "amount_jpy", "cumulative_jpy"]].values.tolist() == [
        [2024, 0, 0],
        [2025, 100 * BN, 100 * BN],
        [2026, 150 * BN, 250 * BN],
    ]


# --- overview ------------------------------------------------------------------------------


def test_overview_spending_total_since_fy2021():
    spending = overview.spending_by_year(2021, 2026)
    total = overview.spending_total(spending)
    expected = sum(SUPPLEMENTARY.values()) + CHIPS_AI[2025] + CHIPS_AI[2026]  # 7255.1
    assert total["total_jpy"] == yen(expected)
    assert total["approximate"] and total["includes_draft"]


@pytest.mark.parametrize("first_year", [2021, 2023, 2025])
@pytest.mark.parametrize("last_year", [2025, 2026])
def test_overview_never_adds_a_reported_total_a_plan_or_a_target(first_year, last_year):
    spending = overview.spending_by_year(first_year, last_year)
    assert set(spending["budget"]) <= {"initial", "initial-draft", "supplementary"}
    assert set(spending["item"]) <= {"chips-ai", "chips-ai-supplementary", "chips-supplementary"}
    assert spending.groupby(["fiscal_year", "kind"]).size().max() == 1


def test_overview_company_subsidies_by_company():
    subsidies = overview.company_subsidies()
    by_company = subsidies.groupby("company")["amount_jpy"].sum().to_dict()
    assert by_company["TSMC (through its Japanese subsidiary JASM)"] == (476 + 732) * BN
    assert by_company["Micron Technology"] == (192 + 536) * BN
    assert by_company["Kioxia and Western Digital (joint venture)"] == yen(Decimal("92.9") + 150)
    first = subsidies.iloc[0]
    precision = first["announced_precision"]
    assert (precision, display.date_text(first["announced"], precision)) == (
        "year",
        "2022",
    )


def test_reference_figures_are_targets_or_reported_totals_as_printed():
    refs = overview.reference_figures().set_index("figure")
    assert refs.loc["ai-chips-framework", "amount_text"] == "more than ¥10 trillion"
    assert refs.loc["ai-chips-framework", "kind"] == "target"
    assert not refs.loc["ai-chips-public-private-target", "public"]
    assert refs.loc["chips-ai-cumulative", "kind"] == "reported total"


def _fy_average_bases_sentences() -> list[str]:
    """The bases sentences of the budget-growth-fy-average page: METI total only, FY2024 ->
    FY2025, so no chips & AI growth on the initial-budget basis is stated."""
    from jpbudget.analysis import show

    fx = check_fx("fy-average", fiscal_years=(2024, 2025))
    table = an.growth_table(2024, 2025, ["meti-total"], include_supplementary=True, fx=fx)
    bases = an.funding_bases(2021, 2025)
    return show.bases_sentences(bases, table, an.growth.mof_fifteen_month(), 2024, 2025)


def test_without_the_initial_budget_growth_the_supplementary_comparison_has_no_yet():
    # FY2025 cabinet draft 332.8 bn against the supplementary budgets of FY2021-FY2024
    # (774.0, 1,303.6, 1,853.2 and 1,500 bn): no sentence before it for "Yet" to answer
    assert _fy_average_bases_sentences()[0] == (
        "The FY2025 cabinet draft's initial budget, ¥332.8 billion, is smaller than the "
        "supplementary budget of each of FY2021 (¥774 billion), FY2022 (¥1.3036 trillion), "
        "FY2023 (¥1.8532 trillion) and FY2024 (¥1.5 trillion)."
    )


def _growth_figures(lang: str = "en") -> dict:
    from jpbudget import i18n
    from jpbudget.analysis import show

    with i18n.using(lang):
        p = validate_budget_growth(
            base_year=2025,
            target_year=2026,
            items=["meti-total", "chips-ai"],
            include_supplementary=True,
            fx="announcement",
            lang=lang,
        )
        table = an.growth_table(2025, 2026, p["items"], include_supplementary=True, fx=p["fx"])
        found = show.growth_finding(p, table, an.funding_bases(2021, 2026))
    return {f.label: f for f in found["figures"]}


def test_english_key_figures_have_one_style_whatever_the_source_printed():
    figures = _growth_figures()
    meti = figures["METI total, FY2026 cabinet draft"]  # printed "3,069.3 billion yen"
    chips = figures["Chips & AI, FY2026 cabinet draft"]  # printed 1兆2390億円
    assert (meti.text, meti.value) == ("¥3.0693 trillion", "3069300000000")
    assert (chips.text, chips.value) == ("¥1.239 trillion", "1239000000000")


def test_japanese_key_figures_keep_a_japanese_sources_print():
    figures = _growth_figures("ja")
    meti = figures["経済産業省の予算総額（2026年度政府予算案）"]  # printed "3,069.3 billion yen"
    chips = figures["2026年度政府予算案の半導体・AI関連予算"]
    assert (meti.text, chips.text) == ("3兆693億円", "1兆2390億円")


# --- claims --------------------------------------------------------------------------------


def _checked(tolerance=0.02, fx="announcement"):
    return an.check_claims(tolerance, check_fx(fx)).set_index("claim_id")


def test_the_near_quadrupling_is_outside_a_2_percent_tolerance():
    row = _checked().loc["chips-ai-multiple"]
    assert row["recomputed_value"] == CHIPS_AI[2026] / CHIPS_AI[2025]
    assert (row["verdict"], row["rule"]) == ("inconsistent", "tolerance")
    assert (row["allowed_low"], row["allowed_high"]) == (Decimal("-0.02"), Decimal("0.02"))


def test_the_rule_of_a_rejected_claim_says_how_it_failed():
    from jpbudget.analysis import show

    # "roughly four times" = 4 against 1239.0 / 332.8 = 3.72296...: (4 - 3.72296) / 3.72296
    # = +7.441% -> "+7.44%"; the rule must not read as the agreement the verdict denies
    table = show.claims_table(_checked().reset_index(), 0.02).set_index("Claim")
    row = table.loc["Chips & AI budget, FY2026 against FY2025"]
    assert (row["Verdict"], row["Deviation"]) == ("inconsistent", "+7.44%")
    assert row["Rule"] == "the stated figure is not within 2% of the sourced one (+7.44%)"


def test_the_rule_of_an_accepted_claim_within_tolerance_is_stated_as_met():
    from jpbudget.analysis import show

    # "about 50%" against 49.5%: within 2%
    table = show.claims_table(_checked().reset_index(), 0.02).set_index("Claim")
    row = table.loc["METI total budget, FY2026 against FY2025"]
    assert row["Rule"] == "the stated figure is within 2% of the sourced one"


def test_a_loose_tolerance_accepts_the_near_quadrupling():
    assert _checked(tolerance=0.08).loc["chips-ai-multiple", "verdict"] == "consistent"


def test_the_truncated_chips_ai_amount_is_within_tolerance_and_pointed_out():
    row = _checked().loc["chips-ai-amount"]
    assert (row["verdict"], row["rule"], row["truncated"]) == ("consistent", "tolerance", True)
    assert row["deviation"] == (Decimal("1230") - Decimal("1239")) / Decimal("1239")


def test_a_figure_with_two_printed_digits_is_checked_by_its_rounding_interval():
    row = _checked().loc["meti-total"]  # ¥3.07 trillion: [3.065, 3.075) contains 3.0693
    assert (row["verdict"], row["rule"]) == ("consistent", "rounding")
    assert row["allowed_low"] == (Decimal("3065") - Decimal("3069.3")) / Decimal("3069.3")


def test_largely_due_to_is_a_share_of_the_increase():
    row = _checked().loc["meti-growth-driver"]
    assert row["recomputed_value"] == Decimal(9062) * 100 / Decimal(10169)
    assert (row["verdict"], row["rule"]) == ("consistent", "threshold")


def test_regular_budget_cycle_compares_the_initial_share_of_15_month_money():
    row = _checked().loc["regular-budget-cycle"]
    assert row["recomputed_value"] == Decimal(12390) * 100 / Decimal(14915)
    assert row["base_value"] == Decimal(3328) * 100 / Decimal(18328)
    assert row["verdict"] == "consistent"


def test_every_claim_carries_its_note_from_the_data():
    checked = _checked()
    assert "equity only" in checked.loc["rapidus-cumulative", "claim_note"] or (
        "government equity only" in checked.loc["rapidus-cumulative", "claim_note"]
    )
    assert "outside that envelope" in checked.loc["critical-minerals", "claim_note"]


def test_dollar_claim_fails_at_150_yen():
    assert _checked(fx=150).loc["chips-ai-usd", "verdict"] == "inconsistent"


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("¥1.23 trillion", 3),
        ("approximately $7.9 billion", 2),
        ("about 50%", 1),
        ("¥250 billion", 2),
        ("roughly four times", 0),
        ("¥387.3 billion", 4),
    ],
)
def test_significant_digits_of_stated_figures(text, digits):
    assert claims.significant_digits(text) == digits


# --- parameters ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"base_year": 2026, "target_year": 2025},
            "parameter target_year: 2025 is not allowed; expected a fiscal year after base_year",
        ),
        ({"items": ["chips-ai", "chips-ai"]}, "names an item twice"),
        ({"items": "chips-ai"}, "expected a non-empty list"),
        ({"items": ["defence"]}, "parameter items: 'defence' is not allowed"),
        ({"include_supplementary": "yes"}, "expected True or False"),
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
    with pytest.raises(ParameterError, match=None) as info:
        validate_budget_growth(**params)
    assert message in str(info.value)


def test_allocation_years_need_itemised_lines():
    with pytest.raises(ParameterError, match=r"parameter fiscal_year: 2024 is not allowed"):
        validate_allocation(fiscal_year=2024, envelope="chips-ai", fx="announcement")


def test_rapidus_through_year_must_lie_in_the_data():
    with pytest.raises(ParameterError, match=r"parameter through_year: 2030 is not allowed"):
        validate_rapidus(scope="all", through_year=2030, include_plans=False, fx=150)


def test_claims_tolerance_must_be_a_fraction():
    with pytest.raises(ParameterError, match=r"parameter tolerance: 2 is not allowed"):
        validate_claims(tolerance=2, fx="announcement")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"first_year": 2019}, "parameter first_year: 2019 is not allowed"),
        ({"last_year": 2030}, "parameter last_year: 2030 is not allowed"),
        (
            {"first_year": 2025, "last_year": 2022},
            "expected a fiscal year from first_year (2025) on",
        ),
        ({"first_year": "2021"}, "parameter first_year: '2021' is not allowed"),
        ({"fx": "spot"}, "parameter fx: 'spot' is not allowed"),
    ],
)
def test_overview_parameters_are_validated(kwargs, message):
    params = {"first_year": 2021, "last_year": 2026, "fx": "announcement"} | kwargs
    with pytest.raises(ParameterError) as info:
        validate_overview(**params)
    assert message in str(info.value)


def test_dates_keep_their_precision():
    assert display.date_text("2022-11-01", "month") == "November 2022"
    assert display.date_text(pd.Timestamp("2025-12-26"), "day") == "26 December 2025"


def test_a_years_addition_that_includes_a_ceiling_keeps_up_to_in_the_running_total_table():
    from jpbudget.analysis import rapidus
    from jpbudget.analysis.show import rapidus_cumulative

    rows = rapidus.commitments("all", 2026, include_plans=False)
    table = rapidus_cumulative.cumulative_table(rapidus.cumulative(rows, 2021, 2026))
    # FY2023 adds the "up to ¥590 billion" subsidy; FY2025 the "up to ¥802.5 billion" subsidy
    # and ¥100 billion of equity (902.5); FY2022 and FY2026 add firm figures only
    assert list(table["Added"]) == [
        "¥70 billion",
        "¥260 billion",
        "up to ¥590 billion",
        "–",
        "up to ¥902.5 billion",
        "¥150 billion",
    ]
