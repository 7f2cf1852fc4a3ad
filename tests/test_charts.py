"""jpbudget.charts: what a reader finds inside each image, and how it is rendered.

Expected texts are written out by hand from the rows of data/ (the amounts as the sources print
them), not taken from the code under test.
"""

from __future__ import annotations

import base64
import re
import struct
from fractions import Fraction

import jpbudget.analysis as an
import matplotlib
import pandas as pd
import pytest
from jpbudget import charts, data, present
from jpbudget.charts import style
from matplotlib import font_manager
from matplotlib.ft2font import FT2Font


@pytest.fixture(autouse=True)
def agg():
    matplotlib.use("Agg")  # this test process only; notebook kernels keep their backend
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


def one_line(text: str) -> str:
    return " ".join(text.split())


def value_labels(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.texts if t.get_gid() == "value-label"]


def legend_texts(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes if ax.get_legend() for t in ax.get_legend().get_texts()]


def foot(fig) -> list[str]:
    return fig.get_supxlabel().splitlines()


def patches_marked(fig, gid: str):
    return [p for ax in fig.axes for p in ax.patches if p.get_gid() == gid]


@pytest.fixture(scope="module")
def by_year():
    return an.chips_ai_by_year(2021, 2026, include_supplementary=True)


# Charts drawn once for the tests that only read them (a chart takes about a tenth of a second;
# a test that changes a figure draws its own).


@pytest.fixture(scope="module")
def funding(by_year):
    return charts.chips_ai_funding_chart(by_year)


@pytest.fixture(scope="module")
def fifteen(by_year):
    return charts.fifteen_month_chart(fifteen_month_table(by_year), references=[MOF_FRAMING])


# --- the Japanese font ------------------------------------------------------------------------


def test_the_font_is_ipaexgothic_from_the_installed_matplotlib_fontja():
    path = charts.font_path()
    assert path.name == "ipaexg.ttf" and path.parent.parent.name == "matplotlib_fontja"
    assert FT2Font(str(path)).family_name == "IPAexGothic"


def test_japanese_glyphs_fall_back_to_ipaexgothic_after_the_latin_font():
    charts.register_fonts()
    props = font_manager.FontProperties(family=charts.FONT_FAMILY)
    fonts = [str(f) for f in font_manager.fontManager._find_fonts_by_props(props)]
    assert fonts[0].endswith("DejaVuSans.ttf") and fonts[1] == str(charts.font_path())

    def first_with(char: str) -> str:
        return next(f for f in fonts if FT2Font(f).get_char_index(ord(char)))

    assert first_with("兆") == str(charts.font_path())
    assert first_with("円") == str(charts.font_path())
    assert first_with("¥").endswith("DejaVuSans.ttf")


def test_drawing_a_chart_leaves_the_global_font_settings_alone(by_year):
    before = list(matplotlib.rcParams["font.family"])
    charts.chips_ai_funding_chart(by_year)
    assert list(matplotlib.rcParams["font.family"]) == before
    assert matplotlib.rcParams["svg.fonttype"] == matplotlib.rcParamsDefault["svg.fonttype"]


# --- chips & AI by year ---------------------------------------------------------------------


def test_funding_chart_title_states_the_finding(funding):
    fig = funding
    assert one_line(fig.get_suptitle()) == (
        "Chips & AI: the FY2026 draft puts ¥1.239 trillion in the regular budget, less than "
        "each of the supplementary budgets of FY2022–FY2024"
    )


def _is_draft(by_year, year: int, kind: str) -> bool:
    row = by_year[(by_year.fiscal_year == year) & (by_year.kind == kind)].iloc[0]
    return "draft" in str(row["budget"])


def test_funding_chart_value_labels_are_the_figures_with_their_qualifiers(by_year, funding):
    fig = funding
    # FY2025's initial figure is the December 2024 cabinet draft where the data labels it so.
    fy2025 = " (draft)" if _is_draft(by_year, 2025, "initial") else ""
    assert value_labels(fig) == [
        "¥774 billion",  # 7,740億円, FY2021 supplementary
        "¥1.3036 trillion",  # 13,036億円
        "¥1.8532 trillion",  # 18,532億円
        "¥1.5 trillion",
        f"¥332.8 billion{fy2025}",  # 3328億円, FY2025 initial
        "about ¥252.5 billion",  # "roughly ¥252.5 billion", FY2025 supplementary
        "¥1.239 trillion (draft)",  # 1兆2390億円, FY2026 cabinet draft
    ]


def test_funding_chart_marks_the_draft_and_the_approximate_bar_and_explains_them(by_year, funding):
    fig = funding
    drafts = patches_marked(fig, "marks:draft")
    assert {d.get_hatch() for d in drafts} == {"////"}
    assert 1.239e12 in [d.get_width() for d in drafts]
    assert len(drafts) == 1 + _is_draft(by_year, 2025, "initial")
    (about,) = patches_marked(fig, "marks:about")
    assert about.get_linestyle() == "dotted" and about.get_width() == 252.5e9
    assert legend_texts(fig) == [
        "Initial budget",
        "Supplementary budget",
        "Hatched: cabinet draft, not the enacted budget",
        'Dotted outline: approximate figure ("about")',
    ]


def test_funding_chart_source_line_axis_labels_and_notes(funding):
    fig = funding
    assert foot(fig) == [
        "No initial (regular) budget figure in the sources for FY2021–FY2024.",
        "No supplementary budget figure in the sources for FY2026.",
        # the MOF table of FY2021-FY2023 (item chips-supplementary) has no AI line
        "FY2021–FY2023: semiconductor support only, no AI figure.",
        "Sources: Ministry of Finance; Bloomberg; Sankei Shimbun; Toyo Keizai",
    ]
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Budget (¥ trillion)"
    assert ax.get_ylabel() == "Japanese fiscal year (April to March)"
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"FY{y}" for y in range(2021, 2027)]


def test_funding_chart_under_pandas_string_dtypes(by_year, funding):
    plain = by_year.astype({"kind": "str", "budget": "str", "qualifier": "str", "source_id": "str"})
    assert plain["kind"].dtype == "str"
    fig = charts.chips_ai_funding_chart(plain)
    assert value_labels(fig) == value_labels(funding)
    assert len(patches_marked(fig, "marks:draft")) == 1 + _is_draft(by_year, 2025, "initial")


def test_funding_chart_data_for_the_csv_has_a_source_for_every_row(funding):
    frame = charts.drawn_data(funding)
    assert list(frame.columns) == [
        "Fiscal year",
        "Budget",
        "Amount (yen)",
        "Shown as",
        "Marks",
        "source",
    ]
    assert frame["Amount (yen)"].tolist() == [
        774_000_000_000,
        1_303_600_000_000,
        1_853_200_000_000,
        1_500_000_000_000,
        332_800_000_000,
        252_500_000_000,
        1_239_000_000_000,
    ]
    toyo = data.load("sources").set_index("source_id").loc["toyokeizai-926558"]
    assert frame["source"].iloc[-1] == (
        f"Toyo Keizai, undated: {toyo['title']} <https://toyokeizai.net/articles/-/926558>"
        if pd.isna(toyo["published"])
        else f"Toyo Keizai, {str(toyo['published'])[:10]}: {toyo['title']} <{toyo['url']}>"
    )
    assert (frame["source"].str.len() > 0).all()


def test_a_japanese_charts_csv_names_the_publisher_as_the_japanese_page_does(by_year):
    from jpbudget import i18n

    with i18n.using("ja"):
        frame = charts.drawn_data(charts.chips_ai_funding_chart(by_year))
    toyo = data.load("sources").set_index("source_id").loc["toyokeizai-926558"]
    assert pd.isna(toyo["published"])  # the page gives no date
    assert frame["source"].iloc[-1] == (
        f"東洋経済、日付の記載なし：{toyo['title']} <https://toyokeizai.net/articles/-/926558>"
    )


# --- rendering: PNG, SVG ---------------------------------------------------------------------


def _png_width(png: bytes) -> int:
    return struct.unpack(">II", png[16:24])[0]


def fifteen_month_table(by_year: pd.DataFrame) -> pd.DataFrame:
    """FY2026: its initial budget plus FY2025's supplementary (the MOF's 15-month basis)."""
    initial = by_year[(by_year.fiscal_year == 2026) & (by_year.kind == "initial")].iloc[0]
    supp = by_year[(by_year.fiscal_year == 2025) & (by_year.kind == "supplementary")].iloc[0]
    return pd.DataFrame(
        [
            {**initial.to_dict(), "part": "initial"},
            {**supp.to_dict(), "part": "previous supplementary", "fiscal_year": 2026},
        ]
    )


MOF_FRAMING = {
    "fiscal_year": 2026,
    "amount_jpy": 1_500_000_000_000,
    "text": "MOF: 1.5兆円規模",
    "source_id": "mof-fy2026-draft",
}


def test_png_is_print_resolution_and_svg_keeps_japanese_text_as_text(fifteen):
    fig = fifteen
    bundle, _ = present.chart_bundle(fig, charts.drawn_data(fig), "fifteen", "c", "cite")
    assert _png_width(base64.b64decode(bundle["image/png"])) >= 1600
    svg = bundle["image/svg+xml"]
    texts = re.findall(r"<text[^>]*>([^<]*)</text>", svg)
    assert "MOF: 1.5兆円規模" in texts
    assert "total about ¥1.4915 trillion (draft)" in texts  # 1兆2390億円 + roughly ¥252.5 billion
    assert "font-family: 'DejaVu Sans', 'IPAexGothic'" in svg
    assert "<path d=" not in svg.split("MOF: 1.5")[0][-200:]  # the label is no glyph outline
    again, _ = present.chart_bundle(fig, charts.drawn_data(fig), "fifteen", "c", "cite")
    assert again["image/svg+xml"] == svg


def test_fifteen_month_chart_marks_the_publishers_figure_and_names_the_basis(fifteen):
    fig = fifteen
    assert foot(fig)[:2] == [
        "15-month view: a year's initial budget plus the previous year's supplementary.",
        "Japanese fiscal years run from April to March.",
    ]
    assert foot(fig)[-1] == "Sources: Toyo Keizai; Bloomberg; Ministry of Finance"
    assert "Figure as the publisher gives it" in legend_texts(fig)
    assert [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "reference-label"] == [
        "MOF: 1.5兆円規模"
    ]


# --- allocation ------------------------------------------------------------------------------


def _line(item: str) -> pd.Series:
    lines = data.load("budget-lines")
    return lines[(lines.fiscal_year == 2026) & (lines.item == item)].iloc[0]


def allocation_table() -> pd.DataFrame:
    """FY2026 chips & AI: the two lines the sources itemise inside it and the rest."""
    envelope = int(_line("chips-ai")["amount_jpy"])  # 1兆2390億円
    ai, rapidus = (
        int(_line("ai-foundation-models")["amount_jpy"]),
        int(_line("rapidus-equity")["amount_jpy"]),
    )
    rest = envelope - ai - rapidus
    return pd.DataFrame(
        {
            "line": [
                "AI foundation models, data, physical AI",
                "Rapidus equity",
                "not itemised in sources",
            ],
            "item": ["ai-foundation-models", "rapidus-equity", "not itemised in sources"],
            "amount_jpy": [ai, rapidus, rest],
            "share_pct": ["31.3", "12.1", "56.6"],  # 3873/12390, 1500/12390, 7017/12390
            "source_id": [
                "jiji-2025-12-22-meti-fy2026",
                "bloomberg-spokesman-2025-12-26",
                "toyokeizai-926558",
            ],
        }
    )


def test_allocation_chart_labels_amount_and_share_and_marks_a_draft_envelope():
    fig = charts.allocation_chart(allocation_table(), "Chips & AI", 2026, status="draft")
    assert value_labels(fig) == [
        "¥387.3 billion · 31.3%",  # 387.3 billion yen of 1兆2390億円
        "¥150 billion · 12.1%",
        "¥701.7 billion · 56.6%",  # 1,239.0 - 387.3 - 150 = 701.7
    ]
    assert len(patches_marked(fig, "marks:draft")) == 3
    assert legend_texts(fig) == ["Hatched: cabinet draft, not the enacted budget"]
    assert one_line(fig.get_suptitle()) == (
        "Chips & AI, FY2026 draft: the largest part (56.6%) is not itemised in the sources"
    )
    assert fig.axes[0].get_xlabel() == "FY2026 amount (¥ billion)"


def test_allocation_chart_writes_a_share_below_one_percent_as_the_table_does():
    # METI total FY2026 3兆693億円; critical minerals 50億円: 50 / 30693 = 0.16290...% -> 0.163%
    # (the display column rounds it to 0.1 so that the column adds to 100.0)
    table = pd.DataFrame(
        {
            "line": ["Critical minerals", "not itemised in sources"],
            "item": ["critical-minerals", "not itemised in sources"],
            "amount_jpy": [5_000_000_000, 3_064_300_000_000],
            "share": [Fraction(50, 30693), Fraction(30643, 30693)],
            "share_pct": ["0.1", "99.9"],
            "source_id": ["jiji-2025-12-22-meti-fy2026", "jiji-2025-12-22-meti-fy2026"],
        }
    )
    fig = charts.allocation_chart(table, "METI total", 2026)
    # 30643 / 30693 = 99.837...% -> 99.8% (one decimal at 1% and above)
    assert value_labels(fig) == ["¥5 billion · 0.163%", "¥3.0643 trillion · 99.8%"]


# --- Rapidus ---------------------------------------------------------------------------------

RAPIDUS_SCOPES = {"equity": ["equity"], "all": ["equity", "subsidy"]}


def firm_commitments(scope: str) -> pd.DataFrame:
    """Rapidus rows of the scope booked through FY2026 with an exact figure, by date."""
    support = data.load("rapidus-support")
    rows = support[
        support["kind"].isin(RAPIDUS_SCOPES[scope])
        & (support["fiscal_year"] <= 2026)
        & (support["confidence"] == "exact")
    ]
    return rows.sort_values("announced").reset_index(drop=True)


def running(rows: pd.DataFrame, first: int = 2022, last: int = 2026) -> pd.DataFrame:
    """Per year and running total, summed here by hand (not by the analysis package)."""
    out, total = [], 0
    for year in range(first, last + 1):
        amount = sum(int(a) for a in rows.loc[rows["fiscal_year"] == year, "amount_jpy"])
        total += amount
        out.append({"fiscal_year": year, "amount_jpy": amount, "cumulative_jpy": total})
    return pd.DataFrame(out)


def test_rapidus_chart_says_up_to_once_a_ceiling_is_in_the_total():
    commitments = firm_commitments("all")
    cumulative = running(commitments)
    fig = charts.rapidus_step_chart(cumulative, "all", commitments=commitments)
    # 260 (FY2022), up to 590 (FY2023), up to 802.5 + 100 (FY2025), 150 (FY2026 draft)
    assert value_labels(fig) == [
        "¥260 billion\nFY2022: +¥260 billion",
        "up to ¥850 billion\nFY2023: up to +¥590 billion",
        "up to ¥850 billion\nFY2024: nothing added",
        "up to ¥1.7525 trillion\nFY2025: up to +¥902.5 billion",
        "up to ¥1.9025 trillion\nFY2026: +¥150 billion (draft)",
    ]
    assert one_line(fig.get_suptitle()) == (
        "Rapidus, all public support (equity and subsidies): up to ¥1.9025 trillion by FY2026"
    )
    assert len(patches_marked(fig, "marks:draft")) == 1
    assert len(patches_marked(fig, "marks:up to")) == 2


def test_rapidus_chart_with_the_notebooks_call_finds_its_commitments_itself():
    cumulative = running(firm_commitments("equity"))
    fig = charts.rapidus_step_chart(cumulative, "equity")
    assert one_line(fig.get_suptitle()) == (
        "Rapidus, government equity alone: ¥250 billion by FY2026"
    )
    assert foot(fig)[-1].startswith("Sources: The Japan News")


def test_rapidus_chart_refuses_a_total_that_is_not_the_firm_commitments():
    cumulative = running(firm_commitments("equity"))
    cumulative.loc[cumulative["fiscal_year"] == 2026, "amount_jpy"] += 1  # one yen too many
    with pytest.raises(ValueError, match="pass commitments="):
        charts.rapidus_step_chart(cumulative, "equity")


def _rapidus_rows_with_plan_and_weak() -> pd.DataFrame:
    support = data.load("rapidus-support")
    rows = support[
        support["kind"].isin(["equity", "subsidy", "plan"]) & (support["fiscal_year"] <= 2026)
    ]
    rows = rows.sort_values("announced").reset_index(drop=True)
    rows["counted"] = (rows["confidence"] != "weak") & (rows["kind"] != "plan")
    return rows


def test_rapidus_chart_shows_plans_and_weak_figures_below_the_total_never_added():
    rows = _rapidus_rows_with_plan_and_weak()
    cumulative = running(rows[rows["counted"]])
    fig = charts.rapidus_step_chart(cumulative, "all", commitments=rows)
    labels = value_labels(fig)
    # the last year's total is still 1.7525 + 0.15 trillion: the plan and 6300億円程度 are not in it
    assert labels[4] == "up to ¥1.9025 trillion\nFY2026: +¥150 billion (draft)"
    assert labels[5:] == [
        "more than ¥1 trillion (plan), not added",
        "about ¥630 billion (draft, weak), not added",
    ]
    assert [t.get_text() for t in fig.axes[0].get_yticklabels()][5:] == [
        "FY2026-27 (plan)",
        "FY2026\n(subsidy)",
    ]
    assert foot(fig)[0] == "Below the dashed line: figures shown but not added to the total."
    assert len(patches_marked(fig, "marks:plan")) == 1
    assert len(patches_marked(fig, "marks:draft+about+weak")) == 1


def test_rapidus_chart_takes_the_ceiling_flag_of_the_cumulative_table():
    commitments = firm_commitments("all")
    cumulative = running(commitments)
    cumulative["ceiling"] = False  # e.g. a table whose ceilings were all confirmed as firm
    fig = charts.rapidus_step_chart(cumulative, "all", commitments=commitments)
    assert value_labels(fig)[-1] == "¥1.9025 trillion\nFY2026: +¥150 billion (draft)"


def test_running_total_chart_draws_reported_totals_and_targets_as_lines_not_added(by_year):
    spending = by_year.dropna(subset=["amount_jpy"])
    references = pd.DataFrame(
        [
            {
                "amount_jpy": 5_700_000_000_000,
                "amount_text": "about ¥5.7 trillion since FY2021",
                "kind": "reported total",
                "source_id": "bloomberg-ndtvprofit-supplementary-fy2025",
            },
            {
                "amount_jpy": 10_000_000_000_000,
                "amount_text": "more than ¥10 trillion by FY2030",
                "kind": "target",
                "source_id": "bloomberg-bnn-2024-11-29-supplementary",
            },
        ]
    )
    fig = charts.running_total_chart(spending, references)
    # 7,740億 + 13,036億 + 18,532億 + 1.5兆 + 3328億 + roughly 2525億 + 1兆2390億
    assert one_line(fig.get_suptitle()) == (
        "Chips money FY2021–FY2026 adds up to about ¥7.2551 trillion, including the draft budget of "
        + ("FY2025, FY2026" if _is_draft(by_year, 2025, "initial") else "FY2026")
    )
    assert value_labels(fig)[-1].splitlines()[0] == "about ¥7.2551 trillion"
    assert [
        one_line(t.get_text()) for t in fig.axes[0].texts if t.get_gid() == "reference-label"
    ] == [
        "Reported: about ¥5.7 trillion since FY2021",
        "Target: more than ¥10 trillion by FY2030",
    ]
    assert "Dashed line: target, not spending" in legend_texts(fig)
    assert "Dotted line: reported total" in legend_texts(fig)
    assert charts.drawn_data(fig)["Marks"].tolist()[-2:] == ["reported total", "target"]


# --- claims ----------------------------------------------------------------------------------


def claims_checked() -> pd.DataFrame:
    """The first two claims of claims.csv with deviations in percent worked out by hand."""
    claims = data.load("claims").set_index("claim_id")
    rows = []
    for claim_id, deviation in (("chips-ai-amount", "-0.73"), ("chips-ai-multiple", "7.44")):
        # about ¥1.23 trillion against 1兆2390億円; four times against 12390/3328 = 3.723
        rows.append(
            {
                "claim_id": claim_id,
                "subject": claims.loc[claim_id, "subject"],
                "stated": claims.loc[claim_id, "stated_text"],
                "deviation_pct": deviation,
                "verdict": "consistent",
                "rule": "within tolerance",
                "source_ids": [claims.loc[claim_id, "source_id"]],
            }
        )
    return pd.DataFrame(rows)


def test_claims_chart_uses_words_not_ids_and_labels_each_deviation():
    checked = claims_checked()
    fig = charts.claims_deviation_chart(checked, 0.02)
    ticks = [one_line(t.get_text()) for t in fig.axes[0].get_yticklabels()]
    assert ticks == [str(s) for s in checked["subject"]]
    assert not set(checked["claim_id"]) & set(ticks)
    assert value_labels(fig) == ["-0.7%", "+7.4%"]
    assert "Shaded: ±2% tolerance" in legend_texts(fig)


def test_claims_chart_shades_each_claims_own_rule_when_given():
    checked = claims_checked()
    checked["allowed_low_pct"] = ["-2", "-5"]
    checked["allowed_high_pct"] = ["2", "5"]
    fig = charts.claims_deviation_chart(checked, 0.02)
    bands = patches_marked(fig, "allowed-range")
    assert [(b.get_x(), b.get_width()) for b in bands] == [(-2.0, 4.0), (-5.0, 10.0)]
    assert "Shaded: what each claim's rule accepts" in legend_texts(fig)


def test_claims_chart_with_relative_deviations_draws_each_rule_and_lists_thresholds():
    from decimal import Decimal

    multiple = Decimal(1239) / Decimal("332.8")  # 1兆2390億円 over 3328億円
    amount = Decimal("1.239")
    checked = pd.DataFrame(
        [
            {
                "subject": "Chips & AI budget, FY2026 against FY2025",
                "stated": "roughly four times",
                "deviation": (4 - multiple) / multiple,
                "allowed_low": Decimal("-0.02"),
                "allowed_high": Decimal("0.02"),
                "verdict": "inconsistent",
                "rule": "tolerance",
                "source_ids": ["toyokeizai-926558"],
            },
            {
                "subject": "Chips & AI budget, FY2026",
                "stated": "about ¥1.23 trillion",
                "deviation": (Decimal("1.23") - amount) / amount,
                "allowed_low": (Decimal("1.225") - amount) / amount,
                "allowed_high": (Decimal("1.235") - amount) / amount,
                "verdict": "inconsistent",
                "rule": "rounding",
                "source_ids": ["toyokeizai-926558"],
            },
            {
                "subject": "Chips & AI money, FY2026: regular budget instead of supplementary",
                "stated": "regular budget cycle",
                "deviation": Decimal("0.1"),
                "allowed_low": None,
                "allowed_high": None,
                "verdict": "consistent",
                "rule": "threshold",
                "source_ids": ["toyokeizai-926558"],
            },
        ]
    )
    fig = charts.claims_deviation_chart(checked, 0.02)
    assert value_labels(fig) == ["+7.4%", "-0.7%"]
    bands = [
        (round(b.get_x(), 4), round(b.get_width(), 4)) for b in patches_marked(fig, "allowed-range")
    ]
    assert bands == [(-2.0, 4.0), (-1.1299, 0.8071)]  # (1.225 - 1.239) / 1.239; 0.01 / 1.239
    assert [one_line(t.get_text()) for t in fig.axes[0].get_yticklabels()] == [
        "Chips & AI budget, FY2026 against FY2025",
        "Chips & AI budget, FY2026",
    ]
    assert one_line(fig.get_supxlabel()).startswith(
        "Not a figure, checked as a statement: Chips & AI money, FY2026: regular budget instead "
        'of supplementary ("regular budget cycle"): consistent.'
    )
    assert one_line(fig.get_suptitle()) == (
        "1 of 3 claims match the sources; the largest gap: Chips & AI budget, FY2026 against "
        "FY2025 (+7.4%)"
    )
    assert charts.drawn_data(fig)["Deviation (%)"].tolist() == [
        "7.4415",
        "-0.7264",
        "",
    ]  # (4 - 3.72296) / 3.72296; (1.23 - 1.239) / 1.239


# --- company subsidies -----------------------------------------------------------------------


def test_subsidies_timeline_ends_soon_after_the_latest_subsidy_and_dates_the_target():
    subsidies = data.load("company-subsidies")  # latest: 12 September 2025 (Micron)
    targets = [
        {
            "date": "2024-11-29",
            "label": "more than ¥10 trillion of public support by FY2030",
            "source_id": "bloomberg-bnn-2024-11-29-supplementary",
        }
    ]
    ax = charts.subsidies_timeline(subsidies, targets).axes[0]
    # 12 September 2025 + 1500 days (room for the last two-line label) = 21 October 2029
    right = matplotlib.dates.num2date(ax.get_xlim()[1]).date()
    assert right.isoformat() == "2029-10-21"
    assert [one_line(t.get_text()) for t in ax.texts if t.get_gid() == "target-label"] == [
        "Target, announced November 2024: more than ¥10 trillion of public support by FY2030"
    ]


def test_subsidies_timeline_draws_targets_as_marked_reference_lines_never_added():
    subsidies = data.load("company-subsidies")
    targets = pd.DataFrame(
        [
            {
                "date": "2031-03-31",
                "label": "more than ¥10 trillion of public support by FY2030",
                "source_id": "bloomberg-bnn-2024-11-29-supplementary",
            }
        ]
    )
    fig = charts.subsidies_timeline(subsidies, targets)
    ax = fig.axes[0]
    assert [line.get_gid() for line in ax.lines].count("target") == 1
    assert [one_line(t.get_text()) for t in ax.texts if t.get_gid() == "target-label"] == [
        "Target, announced March 2031: more than ¥10 trillion of public support by FY2030"
    ]
    assert "Dashed line: target, not spending" in legend_texts(fig)
    labels = value_labels(fig)
    # company-subsidies.csv, in the order of the companies' first row, then by date
    assert labels == [
        "up to ¥476 billion\n2022",  # TSMC Kumamoto 1: known to the year only
        "up to ¥732 billion\n24 February 2024",
        "up to ¥192 billion\n3 October 2023",
        "¥536 billion\n12 September 2025",
        "up to ¥92.9 billion\n26 July 2022",
        "up to ¥150 billion\n6 February 2024",
    ]
    assert [one_line(t.get_text()) for t in ax.get_yticklabels()][:2] == [
        "TSMC, Kumamoto, first plant",
        "TSMC, Kumamoto, second plant",
    ]
    drawn = charts.drawn_data(fig)
    assert drawn["Marks"].tolist()[-1] == "target"


# --- marks -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("row", "marks"),
    [
        ({"budget": "initial-draft", "qualifier": ""}, ("draft",)),
        ({"budget": "supplementary", "qualifier": "about"}, ("about",)),
        ({"booked_to": "FY2023 supplementary", "qualifier": "up to"}, ("up to",)),
        (
            {"budget": "initial-draft", "qualifier": "about", "confidence": "weak"},
            ("draft", "about", "weak"),
        ),
        ({"kind": "plan", "qualifier": "more than"}, ("plan",)),
        ({"marks": "weak, draft"}, ("draft", "weak")),
    ],
)
def test_marks_read_from_analysis_rows(row, marks):
    assert style.marks_of(row) == marks


def test_an_unknown_mark_is_refused():
    with pytest.raises(ValueError, match=r"unknown chart marks \['firm'\]"):
        style.marks_of({"marks": ["firm"]})


def test_a_weak_figure_is_drawn_grey_with_dots_and_labelled_weak():
    table = pd.DataFrame(
        [
            {
                "line": "Rapidus R&D (reported)",
                "item": "rapidus-rd",
                "amount_jpy": 630_000_000_000,  # 6300億円程度
                "share_pct": "50.8",
                "source_id": "dempa-703896",
                "qualifier": "about",
                "confidence": "weak",
            }
        ]
    )
    fig = charts.allocation_chart(table, "Chips & AI", 2026)
    assert value_labels(fig) == ["about ¥630 billion (weak) · 50.8%"]
    (bar,) = patches_marked(fig, "marks:about+weak")
    assert bar.get_hatch() == ".."
    assert matplotlib.colors.to_hex(bar.get_edgecolor()) == style.COLORS["weak"]


def test_subsidies_timeline_keeps_date_precision_and_marks_weak_rows_grey():
    subsidies = pd.DataFrame(
        [
            {
                "company": "Rapidus",
                "plant": "Chitose, Hokkaido (IIM-1)",
                "announced": pd.Timestamp("2022-11-01"),
                "announced_precision": "month",
                "amount_jpy": 70_000_000_000,  # 70 billion yen
                "qualifier": "",
                "confidence": "exact",
                "source_id": "kyodo-nippon-rapidus-subsidies",
            },
            {
                "company": "Rapidus",
                "plant": "Chitose, Hokkaido (IIM-1)",
                "announced": pd.Timestamp("2025-12-26"),
                "announced_precision": "day",
                "amount_jpy": 630_000_000_000,  # 6300億円程度
                "qualifier": "about",
                "confidence": "weak",
                "source_id": "dempa-703896",
            },
        ]
    )
    fig = charts.subsidies_timeline(subsidies)
    assert value_labels(fig) == [
        "¥70 billion\nNovember 2022",
        "about ¥630 billion (weak)\n26 December 2025",  # dates written as the pages write them
    ]
    dots = [line for line in fig.axes[0].lines if line.get_gid() == "subsidy"]
    assert [matplotlib.colors.to_hex(d.get_color()) for d in dots] == [
        style.COLORS["line"],
        style.COLORS["weak"],
    ]
    assert "Grey: weak figure (single or unconfirmed source)" in legend_texts(fig)
    assert "Bar: date known only to the month or year" in legend_texts(fig)
    assert foot(fig)[-1] == "Sources: Kyodo News; 電波新聞 (Dempa Shimbun)"


# --- every chart: legible layout --------------------------------------------------------------


def _all_charts():
    by_year = an.chips_ai_by_year(2021, 2026, include_supplementary=True)
    rows = _rapidus_rows_with_plan_and_weak()
    subsidies = data.load("company-subsidies")
    targets = [{"date": "2031-03-31", "label": "more than ¥10 trillion by FY2030"}]
    return {
        "funding": lambda: charts.chips_ai_funding_chart(by_year),
        "fifteen-month": lambda: charts.fifteen_month_chart(
            fifteen_month_table(by_year), references=[MOF_FRAMING]
        ),
        "allocation": lambda: charts.allocation_chart(allocation_table(), "Chips & AI", 2026),
        "rapidus": lambda: charts.rapidus_step_chart(
            running(rows[rows["counted"]]), "all", commitments=rows
        ),
        "running-total": lambda: charts.running_total_chart(by_year.dropna(subset=["amount_jpy"])),
        "claims": lambda: charts.claims_deviation_chart(claims_checked(), 0.02),
        "timeline": lambda: charts.subsidies_timeline(subsidies, targets, sources=["Jiji Press"]),
    }


#: The names of :func:`_all_charts`, written out so that collecting the tests loads no data.
CHART_NAMES = (
    "allocation",
    "claims",
    "fifteen-month",
    "funding",
    "rapidus",
    "running-total",
    "timeline",
)


@pytest.mark.parametrize("name", CHART_NAMES)
def test_every_chart_is_print_size_with_title_source_line_and_labels_that_do_not_collide(name):
    every = _all_charts()
    assert tuple(sorted(every)) == CHART_NAMES  # no chart left out of the list
    fig = every[name]()
    png = present.png_bytes(fig)
    assert _png_width(png) >= 1600
    assert fig.get_suptitle().strip()
    source_line = re.search(r"(?:^|\n)(Sources?: [^\n]+(?:\n[^\n]+)*)$", fig.get_supxlabel())
    assert source_line and source_line.group(1).count(":") == 1  # the foot ends with it
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    labels = [
        t.get_window_extent(renderer)
        for ax in fig.axes
        for t in ax.texts
        if t.get_gid() in ("value-label", "reference-label", "target-label")
    ]
    ticks = [t.get_window_extent(renderer) for t in fig.axes[0].get_yticklabels() if t.get_text()]
    assert labels
    for i, box in enumerate(labels):
        assert fig.bbox.x0 <= box.x0 and box.x1 <= fig.bbox.x1 + 1, f"label {i} leaves the image"
        assert not any(box.overlaps(other) for other in labels[i + 1 :]), f"label {i} collides"
        assert not any(box.overlaps(tick) for tick in ticks), f"label {i} covers a tick label"
    legend = fig.axes[0].get_legend()
    if legend is not None:
        title = fig._suptitle.get_window_extent(renderer)
        assert not legend.get_window_extent(renderer).overlaps(title)


def test_svg_embeds_the_japanese_glyphs_it_uses_as_an_unhinted_woff_subset(fifteen):
    import io

    from fontTools.ttLib import TTFont

    fig = fifteen
    svg = present.svg_text(fig)
    (encoded,) = re.findall(
        r"url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\) format\(\"woff\"\)", svg
    )
    assert '@font-face { font-family: "IPAexGothic"' in svg
    font = TTFont(io.BytesIO(base64.b64decode(encoded)))
    assert font.flavor == "woff"
    assert not {"fpgm", "prep", "cvt "} & set(font.keys())  # no TrueType hinting
    cmap = font.getBestCmap()
    assert {chr(c) for c in cmap if c > 0x3000} == set("兆円規模")  # "MOF: 1.5兆円規模"
    assert font["name"].getDebugName(1) == "IPAexGothic"
    assert present.svg_text(fig) == svg


def test_svg_texts_with_japanese_name_the_japanese_font_first(fifteen):
    fig = fifteen
    texts = re.findall(
        r"<text[^>]*font-family: ([^;]*);[^>]*>([^<]*)</text>", present.svg_text(fig)
    )
    families = {text: family for family, text in texts}
    assert families["MOF: 1.5兆円規模"] == "'IPAexGothic', 'DejaVu Sans'"
    assert families["FY2026"] == "'DejaVu Sans', 'IPAexGothic'"  # no Japanese: as drawn


def test_svg_without_japanese_text_carries_no_font(funding):
    svg = present.svg_text(funding)
    assert "@font-face" not in svg and "<text" in svg


def test_a_total_that_adds_plans_and_weak_figures_says_so_in_title_and_foot():
    support = data.load("rapidus-support")
    rows = support[
        support["kind"].isin(["equity", "subsidy", "plan"]) & (support["fiscal_year"] <= 2026)
    ]
    rows = rows.sort_values("announced").reset_index(drop=True)  # no `counted`: all are added
    fig = charts.rapidus_step_chart(running(rows, 2021), "all", commitments=rows)
    # 70 + 260 + up to 590 + up to 802.5 + 100 + 150 + more than 1,000 (plan) + about 630 (weak)
    assert one_line(fig.get_suptitle()) == (
        "Rapidus, all public support (equity and subsidies): up to about ¥3.6025 trillion "
        "(including plan and weak figures) by FY2026"
    )
    assert one_line(fig.get_supxlabel()).startswith(
        "The total adds figures marked plan and weak: a plan can overlap the yearly figures it "
        "covers; a weak figure is unconfirmed."
    )
