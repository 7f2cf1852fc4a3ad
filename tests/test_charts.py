"""jpbudget.charts: what a reader finds inside each image, and how it is rendered.

Expected texts are written out by hand from the rows of data/ (the amounts as the sources print
them), not taken from the code under test.
"""

from __future__ import annotations

import base64
import re
import struct

import jpbudget.analysis as an
import matplotlib
import pandas as pd
import pytest
from jpbudget import charts, data, present
from jpbudget.charts import style
from jpbudget.params import validate_claims
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


def test_funding_chart_title_states_the_finding(by_year):
    fig = charts.chips_ai_funding_chart(by_year)
    assert one_line(fig.get_suptitle()) == (
        "Chips & AI: the FY2026 draft puts ¥1.239 trillion in the regular budget, less than "
        "the supplementary budget of FY2022–FY2024 each gave"
    )


def test_funding_chart_value_labels_are_the_figures_with_their_qualifiers(by_year):
    fig = charts.chips_ai_funding_chart(by_year)
    assert value_labels(fig) == [
        "¥774 billion",  # 7,740億円, FY2021 supplementary
        "¥1.3036 trillion",  # 13,036億円
        "¥1.8532 trillion",  # 18,532億円
        "¥1.5 trillion",
        "¥332.8 billion",  # 3328億円, FY2025 initial
        "about ¥252.5 billion",  # "roughly ¥252.5 billion", FY2025 supplementary
        "¥1.239 trillion (draft)",  # 1兆2390億円, FY2026 cabinet draft
    ]


def test_funding_chart_marks_the_draft_and_the_approximate_bar_and_explains_them(by_year):
    fig = charts.chips_ai_funding_chart(by_year)
    (draft,) = patches_marked(fig, "marks:draft")
    assert draft.get_hatch() == "////"
    assert draft.get_width() == 1.239e12
    (about,) = patches_marked(fig, "marks:about")
    assert about.get_linestyle() == "dotted" and about.get_width() == 252.5e9
    assert legend_texts(fig) == [
        "Initial (regular) budget",
        "Supplementary budget",
        "Hatched: cabinet draft, not the enacted budget",
        'Dotted outline: approximate figure ("about")',
    ]


def test_funding_chart_source_line_axis_labels_and_notes(by_year):
    fig = charts.chips_ai_funding_chart(by_year)
    assert foot(fig) == [
        "No initial (regular) budget figure in the sources for FY2021–FY2024.",
        "No supplementary budget figure in the sources for FY2026.",
        "Sources: Ministry of Finance; Bloomberg; Sankei Shimbun; Toyo Keizai",
    ]
    (ax,) = fig.axes
    assert ax.get_xlabel() == "Budget (¥ trillion)"
    assert ax.get_ylabel() == "Japanese fiscal year (April to March)"
    assert [t.get_text() for t in ax.get_yticklabels()] == [f"FY{y}" for y in range(2021, 2027)]


def test_funding_chart_under_pandas_string_dtypes(by_year):
    plain = by_year.astype({"kind": "str", "budget": "str", "qualifier": "str", "source_id": "str"})
    assert plain["kind"].dtype == "str"
    fig = charts.chips_ai_funding_chart(plain)
    assert value_labels(fig) == value_labels(charts.chips_ai_funding_chart(by_year))
    assert len(patches_marked(fig, "marks:draft")) == 1


def test_funding_chart_data_for_the_csv_has_a_source_for_every_row(by_year):
    frame = charts.drawn_data(charts.chips_ai_funding_chart(by_year))
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


def test_png_is_print_resolution_and_svg_keeps_japanese_text_as_text(by_year):
    fig = charts.fifteen_month_chart(fifteen_month_table(by_year), references=[MOF_FRAMING])
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


def test_fifteen_month_chart_marks_the_publishers_figure_and_names_the_basis(by_year):
    fig = charts.fifteen_month_chart(fifteen_month_table(by_year), references=[MOF_FRAMING])
    assert foot(fig)[0] == (
        "15-month view: a year's initial budget plus the previous year's supplementary."
    )
    assert foot(fig)[-1] == "Sources: Toyo Keizai; Bloomberg; Ministry of Finance"
    assert "Figure as the publisher gives it" in legend_texts(fig)
    assert [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "reference-label"] == [
        "MOF: 1.5兆円規模"
    ]


# --- allocation ------------------------------------------------------------------------------


def test_allocation_chart_labels_amount_and_share_and_marks_a_draft_envelope():
    result = an.allocation.allocation(2026, "chips-ai")
    fig = charts.allocation_chart(result.table, "Chips & AI", 2026, status="draft")
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


# --- Rapidus ---------------------------------------------------------------------------------


def test_rapidus_chart_says_up_to_once_a_ceiling_is_in_the_total():
    commitments = an.rapidus.commitments("all", 2026, include_plans=False)
    cumulative = an.rapidus.cumulative(commitments, 2022, 2026)
    counted = commitments[commitments["counted"]]
    fig = charts.rapidus_step_chart(cumulative, "all", commitments=counted)
    # 260 (FY2022), up to 590 (FY2023), up to 802.5 + 100 (FY2025), 150 (FY2026 draft)
    assert value_labels(fig) == [
        "¥260 billion\nFY2022: +¥260 billion",
        "up to ¥850 billion\nFY2023: +up to ¥590 billion",
        "up to ¥850 billion\nFY2024: nothing added",
        "up to ¥1.7525 trillion\nFY2025: +up to ¥902.5 billion",
        "up to ¥1.9025 trillion\nFY2026: +¥150 billion (draft)",
    ]
    assert one_line(fig.get_suptitle()) == (
        "Rapidus: all public support (equity and subsidies) reaches up to ¥1.9025 trillion by FY2026"
    )
    assert len(patches_marked(fig, "marks:draft")) == 1
    assert len(patches_marked(fig, "marks:up to")) == 2


def test_rapidus_chart_with_the_notebooks_call_finds_its_commitments_itself():
    commitments = an.rapidus.commitments("equity", 2026, include_plans=False)
    cumulative = an.rapidus.cumulative(commitments, 2022, 2026)
    fig = charts.rapidus_step_chart(cumulative, "equity")
    assert one_line(fig.get_suptitle()) == (
        "Rapidus: government equity alone reaches ¥250 billion by FY2026"
    )
    assert foot(fig)[-1].startswith("Sources: The Japan News")


def test_rapidus_chart_refuses_a_total_that_is_not_the_firm_commitments():
    commitments = an.rapidus.commitments("equity", 2026, include_plans=True)
    cumulative = an.rapidus.cumulative(commitments, 2022, 2026)
    if (
        cumulative["amount_jpy"].tolist()
        == an.rapidus.cumulative(
            an.rapidus.commitments("equity", 2026, include_plans=False), 2022, 2026
        )["amount_jpy"].tolist()
    ):
        cumulative.loc[0, "amount_jpy"] += 1
    with pytest.raises(ValueError, match="pass commitments="):
        charts.rapidus_step_chart(cumulative, "equity")


# --- claims ----------------------------------------------------------------------------------


def test_claims_chart_uses_words_not_ids_and_labels_each_deviation():
    params = validate_claims(tolerance=0.02, fx="announcement")
    checked = an.check_claims(0.02, params["fx"])
    fig = charts.claims_deviation_chart(checked, 0.02)
    ticks = [one_line(t.get_text()) for t in fig.axes[0].get_yticklabels()]
    assert ticks == [str(s) for s in checked["subject"]]
    assert not set(checked["claim_id"]) & set(ticks)
    assert value_labels(fig) == [
        f"{float(d):+.1f}%" if d is not None else str(v)
        for d, v in zip(checked["deviation_pct"], checked["verdict"], strict=True)
    ]
    assert "Shaded: what the claim's rule accepts" in legend_texts(fig)


def test_claims_chart_shades_each_claims_own_rule_when_given():
    params = validate_claims(tolerance=0.02, fx="announcement")
    checked = an.check_claims(0.02, params["fx"]).head(2).copy()
    checked["allowed_low_pct"] = ["-2", "-5"]
    checked["allowed_high_pct"] = ["2", "5"]
    fig = charts.claims_deviation_chart(checked, 0.02)
    bands = patches_marked(fig, "allowed-range")
    assert [(b.get_x(), b.get_width()) for b in bands] == [(-2.0, 4.0), (-5.0, 10.0)]
    assert "Shaded: what the claim's rule accepts" in legend_texts(fig)


# --- company subsidies -----------------------------------------------------------------------


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
        "Target: more than ¥10 trillion of public support by FY2030"
    ]
    assert "Dashed line: target, not spending" in legend_texts(fig)
    labels = [one_line(t) for t in value_labels(fig)]
    assert "Kumamoto, first plant up to ¥476 billion" in labels
    assert "Hiroshima plant ¥536 billion" in labels
    assert len(labels) == len(subsidies)
    assert not any("10 trillion" in label for label in labels)
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
