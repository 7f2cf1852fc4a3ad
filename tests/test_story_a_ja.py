"""The budget-growth, claims-check and overview reports in Japanese (issue 12), in process.

Each notebook's show functions run on the real data under ``i18n.using("ja")``: the finding's
title, headline and key-figure labels and texts, the table headers and cells, the captions and
every text drawn in the charts contain no English word, apart from the proper nouns and units
listed below; the figures' values equal the English ones. Japanese chart texts are drawn with
the bundled IPAexGothic, without a missing glyph. The English wording is pinned by
tests/test_analysis.py, tests/test_charts.py and the committed notebooks (nbval).
"""

from __future__ import annotations

import io
import re
import warnings

import matplotlib
import pandas as pd
import pytest
from jpbudget import charts, i18n, params
from jpbudget.analysis import claims, growth, overview, show
from jpbudget.charts.fonts import JAPANESE_FONT
from matplotlib.text import Text

#: Names that stay in Latin letters on a Japanese page (companies, publications, acronyms).
PROPER_NOUNS = (
    "jp-chip-budget",
    "The Edge Malaysia",
    "Tech in Asia",
    "Bloomberg",
    "TSMC",
    "JASM",
    "ECB",
    "AI",
)
#: The twelve hex digits of the data version in a "How to cite" line.
DATA_VERSION = re.compile(r"(?<![0-9a-f])[0-9a-f]{12}(?![0-9a-f])")
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def english_words(text: str) -> list[str]:
    """The Latin words of ``text`` once the listed proper nouns and the data version are out."""
    text = DATA_VERSION.sub("", str(text))
    for name in PROPER_NOUNS:
        text = text.replace(name, "")
    return LATIN_WORD.findall(text)


def reader_texts(frame: pd.DataFrame) -> list[str]:
    """A table's headers and its cells, except the Source column (titles stay as published)."""
    texts = []
    for column in frame.columns:
        if column in ("Source", "出典", "source"):
            continue
        texts += [str(column), *(str(v) for v in frame[column] if isinstance(v, str))]
    return texts


def chart_texts(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


def finding_texts(found: dict) -> list[str]:
    texts = [found["title"], found["headline"], *found.get("more", [])]
    for figure in found["figures"]:
        texts += [figure.label, figure.text, figure.note or ""]
    return texts


def values(found: dict) -> list[str]:
    return [figure.value for figure in found["figures"]]


@pytest.fixture(autouse=True)
def agg():
    matplotlib.use("Agg")  # this test process only
    import matplotlib.pyplot as plt

    yield
    plt.close("all")


# --- what each notebook shows, built the way its cells build it --------------------------------


def budget_growth(lang: str) -> dict:
    with i18n.using(lang):
        p = params.validate_budget_growth(
            base_year=2025,
            target_year=2026,
            items=["meti-total", "chips-ai"],
            include_supplementary=True,
            fx="announcement",
            lang=lang,
        )
        rates = {y: p["fx"].rate_for(y) for y in (2025, 2026)}
        table = growth.growth_table(2025, 2026, p["items"], include_supplementary=True, fx=p["fx"])
        bases = growth.funding_bases(2021, 2026)
        drivers = growth.growth_drivers(2025, 2026)
        fifteen = charts.fifteen_month_chart(
            growth.fifteen_month_parts(2025, 2026), references=growth.mof_references(2025, 2026)
        )
        funding = charts.chips_ai_funding_chart(
            growth.chips_ai_by_year(2021, 2026, include_supplementary=True)
        )
        return {
            "finding": show.growth_finding(p, table, bases),
            "sentences": [
                *show.bases_sentences(bases, table, growth.mof_fifteen_month(), 2025, 2026),
                *show.drivers_sentences(drivers, 2025, 2026),
            ],
            "tables": [
                show.growth_table(table, rates),
                show.bases_table(bases),
                show.drivers_table(drivers, 2025, 2026),
            ],
            "captions": list(show.growth_captions(2025, 2026, rates).values()),
            "charts": [fifteen, funding],
        }


def claims_check(lang: str) -> dict:
    with i18n.using(lang):
        p = params.validate_claims(tolerance=0.02, fx="announcement", lang=lang)
        checked = claims.check_claims(p["tolerance"], p["fx"])
        return {
            "finding": show.claims_finding(checked, p["tolerance"]),
            "sentences": [],
            "tables": [show.claims_table(checked, p["tolerance"])],
            "captions": list(show.claims_captions().values()),
            "charts": [charts.claims_deviation_chart(checked, p["tolerance"])],
        }


def overview_report(lang: str) -> dict:
    with i18n.using(lang):
        p = params.validate_overview(first_year=2021, last_year=2026, fx="announcement", lang=lang)
        rate = p["fx"].rate_for(2026)
        spending = overview.spending_by_year(2021, 2026)
        subsidies = overview.company_subsidies()
        subsidies = subsidies[subsidies["announced"].dt.year <= 2027]
        companies = show.companies_table(subsidies)
        refs = overview.reference_figures()
        return {
            "finding": show.overview_finding(p, spending, companies, rate),
            "sentences": [line["label"] for line in show.target_lines(refs)],
            "tables": [
                show.spending_table(spending),
                companies,
                show.subsidies_table(subsidies),
                show.references_table(refs),
            ],
            "captions": list(show.overview_captions(2021, 2026).values()),
            "charts": [
                charts.chips_ai_funding_chart(
                    growth.chips_ai_by_year(2021, 2026, include_supplementary=True)
                )
            ],
        }


REPORTS = {
    "budget-growth": budget_growth,
    "claims-check": claims_check,
    "overview": overview_report,
}


@pytest.fixture(scope="module")
def built():
    """Every report's displays in both languages, built once for this module."""
    return {name: {lang: build(lang) for lang in ("en", "ja")} for name, build in REPORTS.items()}


# --- no English on the Japanese reports --------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_the_japanese_finding_has_no_english_word(built, name):
    found = built[name]["ja"]["finding"]
    assert {t: english_words(t) for t in finding_texts(found) if english_words(t)} == {}


@pytest.mark.parametrize("name", REPORTS)
def test_the_japanese_sentences_tables_and_captions_have_no_english_word(built, name):
    shown = built[name]["ja"]
    texts = [*shown["sentences"], *shown["captions"]]
    for frame in shown["tables"]:
        texts += reader_texts(frame)
    assert {t: english_words(t) for t in texts if english_words(t)} == {}


@pytest.mark.parametrize("name", REPORTS)
def test_the_japanese_charts_have_no_english_word(built, name):
    texts = [t for fig in built[name]["ja"]["charts"] for t in chart_texts(fig)]
    for fig in built[name]["ja"]["charts"]:
        texts += reader_texts(charts.drawn_data(fig))
    assert {t: english_words(t) for t in texts if english_words(t)} == {}


JAPANESE = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uff00-\uffef]")


@pytest.mark.parametrize("name", REPORTS)
def test_the_english_reports_have_no_japanese_outside_sources(built, name):
    shown = built[name]["en"]
    texts = [*finding_texts(shown["finding"]), *shown["sentences"], *shown["captions"]]
    for frame in shown["tables"]:
        texts += reader_texts(frame)
    for fig in shown["charts"]:
        # the last line of a chart's foot names its publishers, some of them Japanese
        texts += [re.split(r"^Sources?: ", t, flags=re.M)[0] for t in chart_texts(fig)]
        texts += reader_texts(charts.drawn_data(fig))
    assert [t for t in texts if JAPANESE.search(t)] == []


def test_the_english_budget_growth_headline_keeps_its_words():
    found = budget_growth("en")["finding"]
    assert found["title"] == "METI total and Chips & AI: FY2025 to the FY2026 cabinet draft"
    # 1兆2390億円 / 3328億円 = 3.72; 15-month: 1兆2390億円 + roughly 2525億円 against
    # 3328億円 + 1.5兆円 (FY2024 supplementary)
    assert found["headline"] == (
        "In the FY2026 cabinet draft, chips & AI money is ¥1.239 trillion, 3.72× the "
        "¥332.8 billion of FY2025's initial budget, but counted with the supplementary budget "
        "passed before each year it is about ¥1.4915 trillion, 18.6% less than FY2025's "
        "¥1.8328 trillion."
    )


# --- the same figures in both languages --------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_the_japanese_key_figures_have_the_english_values(built, name):
    english, japanese = (built[name][lang]["finding"] for lang in ("en", "ja"))
    assert values(japanese) == values(english)
    assert len(values(english)) >= 3


@pytest.mark.parametrize("name", REPORTS)
def test_the_japanese_charts_draw_the_english_amounts(built, name):
    for en, ja in zip(built[name]["en"]["charts"], built[name]["ja"]["charts"], strict=True):
        english, japanese = charts.drawn_data(en), charts.drawn_data(ja)
        assert english.shape == japanese.shape
        numeric = [i for i, c in enumerate(english.columns) if english[c].dtype.kind in "if"]
        assert numeric or name == "claims-check"
        for i in numeric:
            assert list(english.iloc[:, i]) == list(japanese.iloc[:, i])


# --- the headlines as a Japanese reader reads them ---------------------------------------------


def test_the_budget_growth_headline_reads_as_a_japanese_lede(built):
    # 1兆2390億円 / 3328億円 = 3.7230; 1兆2390億円 + 約2525億円 = 約1兆4915億円 against
    # 3328億円 + 1兆5000億円 = 1兆8328億円: 18.6% less
    assert built["budget-growth"]["ja"]["finding"]["headline"] == (
        "2026年度政府予算案の半導体・AI関連予算は1兆2390億円と、2025年度当初予算の3328億円から"
        "3.72倍に増える。ただ前年度の補正予算を合わせた15か月予算では約1兆4915億円と、"
        "2025年度の1兆8328億円を18.6%下回る。"
    )


def test_without_the_initial_budget_growth_the_japanese_comparison_has_no_tadashi():
    # budget-growth-fy-average: METI total only, FY2024 -> FY2025; no sentence for ただし to answer
    with i18n.using("ja"):
        fx = params.check_fx("fy-average", fiscal_years=(2024, 2025))
        table = growth.growth_table(2024, 2025, ["meti-total"], include_supplementary=True, fx=fx)
        bases = growth.funding_bases(2021, 2025)
        sentences = show.bases_sentences(bases, table, growth.mof_fifteen_month(), 2024, 2025)
    assert sentences[0] == (
        "2025年度政府予算案の当初予算3328億円は、2021年度（7740億円）、2022年度（1兆3036億円）、"
        "2023年度（1兆8532億円）と2024年度（1兆5000億円）の各補正予算をいずれも下回る。"
    )


def test_the_claims_headline_names_the_one_claim_the_sources_contradict(built):
    # 12 claims in data/claims.csv; "roughly four times" against 1兆2390億円 / 3328億円 = 3.72
    assert built["claims-check"]["ja"]["finding"]["headline"] == (
        "記事の検証可能な記述12件のうち、本レポートの判定基準で出典と整合するのは11件。"
        "「約4倍」（半導体・AI関連予算、2026年度の対2025年度比）は出典と整合せず、"
        "出典からは3.72倍となる。"
    )


def test_the_japanese_rule_of_the_rejected_claim_says_it_failed(built):
    # "roughly four times" = 4 against 1兆2390億円 / 3328億円: (4 - 3.7230) / 3.7230 = +7.44%
    table = built["claims-check"]["ja"]["tables"][0]
    row = table[table["判定"] == "出典と不整合"].iloc[0]
    assert row["判定基準"] == "記事の数値と出典の数値の差が2%を超える（+7.44%）"


def test_a_claims_text_without_a_translation_is_an_error_naming_it():
    from jpbudget.analysis.claim_words import claim_text

    with pytest.raises(ValueError, match=r"'A claim nobody translated'.*CLAIM_TEXTS"):
        claim_text("A claim nobody translated", lang="ja")


# --- the Japanese font --------------------------------------------------------------------------


@pytest.mark.parametrize("name", REPORTS)
def test_japanese_charts_render_with_ipaexgothic_and_no_missing_glyph(built, name):
    for fig in built[name]["ja"]["charts"]:
        title = fig._suptitle
        assert JAPANESE_FONT in title.get_fontfamily()
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            fig.savefig(io.BytesIO(), format="png", dpi=60)
            fig.savefig(io.BytesIO(), format="svg")
        missing = [str(w.message) for w in caught if "missing from" in str(w.message)]
        assert missing == []
