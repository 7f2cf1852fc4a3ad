"""The allocation_shares, rapidus_cumulative and peers reports in Japanese, in process.

Each notebook's show functions are called with real data under ``i18n.using("ja")``: the
headline, the key figures' labels, the tables' headers and cells, the captions and the texts
the charts draw must contain no English word (only the proper nouns and units listed in
``ALLOWED``), and each key figure's ``value`` must be the English page's. Chart value labels
and axis units written by ``charts.style`` (another module's words) are left out here.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal

import matplotlib.pyplot as plt
import pandas as pd
import pytest
from jpbudget import i18n
from jpbudget import params as checks
from jpbudget.analysis import allocation, peers, rapidus
from jpbudget.analysis.peers import words
from jpbudget.analysis.show import allocation_shares as shares
from jpbudget.analysis.show import rapidus_cumulative as support
from jpbudget.present import Source

#: Latin words a Japanese page may show: names, acronyms and units.
ALLOWED = {
    "AI",  # 半導体・AI
    "BEA",
    "CHIPS",
    "ECB",
    "ESMC",
    "EU",
    "GDP",
    "IPCEI",
    "jp-chip-budget",  # the project's name in a "How to cite" line
    "NT",  # NT$
    "NXP",
    "OECD",
    "TSMC",
    "The",  # The Edge Malaysia, the publisher the seed article cites
    "Edge",
    "Malaysia",
}
_LATIN = re.compile(r"[A-Za-z][A-Za-z'&-]*")


def english_words(text: str) -> list[str]:
    """The Latin-letter words of ``text`` that are not in :data:`ALLOWED`."""
    return [w for w in _LATIN.findall(str(text)) if w not in ALLOWED]


def test_english_words_finds_english_and_keeps_names():
    assert english_words("米CHIPS法の年平均105億ドル（GDPの数値は確度低）") == []
    assert english_words("2026年度 up to ¥1 trillion") == ["up", "to", "trillion"]


def assert_japanese(*texts: object) -> None:
    found = {str(t): english_words(str(t)) for t in texts if english_words(str(t))}
    assert not found, f"English words on a Japanese page: {found}"


def table_texts(frame: pd.DataFrame) -> list[str]:
    """A reader table's headers and text cells; Source records (titles as published) aside."""
    cells = [
        v
        for column in frame.columns
        for v in frame[column]
        if isinstance(v, str) and not isinstance(v, Source)
    ]
    return [*map(str, frame.columns), *cells]


def finding_texts(found: dict) -> list[str]:
    figures = found["figures"]
    return [
        found["title"],
        found["headline"],
        *found.get("more", []),
        *(f.label for f in figures),
        *(f.text for f in figures),
        *(f.note for f in figures if f.note),
    ]


def chart_texts(fig, *, styled: bool = False) -> list[str]:
    """The chart's title, axis labels and tick labels. ``styled``: the title holds a value
    label and the x axis a yen unit, both written by ``charts.style`` (not this report's
    words): leave them out (the title's own words are checked apart)."""
    ax = fig.axes[0]
    texts = [ax.get_ylabel(), *(t.get_text() for t in ax.get_yticklabels())]
    return texts if styled else [fig.get_suptitle(), ax.get_xlabel(), *texts]


# --- allocation_shares ----------------------------------------------------------------------------


def _allocation(lang: str, envelope: str):
    with i18n.using(lang):
        params = checks.validate_allocation(
            fiscal_year=2026, envelope=envelope, fx="announcement", lang=lang
        )
        rate = params["fx"].rate_for(2026)
        result = allocation.allocation(2026, envelope)
        return {
            "finding": shares.allocation_finding(result),
            "table": shares.allocation_table(result, rate),
            "captions": [
                shares.allocation_table_caption(result, rate),
                shares.allocation_chart_caption(),
                shares.allocation_chart_title(result),
            ],
            "cite": shares.allocation_cite(result),
        }


@pytest.mark.parametrize("envelope", ["chips-ai", "meti-total"])
def test_allocation_report_in_japanese_has_no_english(envelope):
    shown = _allocation("ja", envelope)
    assert_japanese(
        *finding_texts(shown["finding"]), *table_texts(shown["table"]), *shown["captions"]
    )


def test_allocation_headline_reads_as_a_japanese_sentence():
    headline = _allocation("ja", "chips-ai")["finding"]["headline"]
    assert headline.startswith("2026年度政府予算案の半導体・AI関連予算1兆2390億円のうち、")
    assert "ラピダスへの政府出資に1500億円（12.1%）" in headline
    assert headline.endswith("残る7017億円（56.6%）は出典に内訳の記載がない。")


@pytest.mark.parametrize("envelope", ["chips-ai", "meti-total"])
def test_allocation_key_figures_have_the_english_values(envelope):
    english = _allocation("en", envelope)["finding"]["figures"]
    japanese = _allocation("ja", envelope)["finding"]["figures"]
    assert [f.value for f in japanese] == [f.value for f in english]
    assert [f.kind for f in japanese] == [f.kind for f in english]


def test_allocation_shows_a_source_printed_in_english_in_japanese_form():
    figures = _allocation("ja", "chips-ai")["finding"]["figures"]
    ai = next(f for f in figures if f.value == "387300000000")
    assert ai.text == "3873億円"  # printed "387.3 billion yen" by Jiji's English service


def test_allocation_cite_names_the_chart_in_japanese():
    assert "2026年度の半導体・AIの項目別内訳" in _allocation("ja", "chips-ai")["cite"]


def test_allocation_chart_is_titled_in_japanese():
    with i18n.using("ja"):
        result = allocation.allocation(2026, "chips-ai")
        fig = shares.allocation_figure(result)
    assert fig.get_suptitle().replace("\n", "") == (
        "2026年度の半導体・AI（政府予算案）：最大の部分（56.6%）は出典に内訳の記載なし"
    )
    assert_japanese(*(t.get_text() for t in fig.axes[0].get_yticklabels()))


# --- rapidus_cumulative ---------------------------------------------------------------------------


def _rapidus_inputs(lang: str, scope: str, include_plans: bool):
    """The report's parameters, commitments and running total, as the notebook computes them."""
    params = checks.validate_rapidus(
        scope=scope, through_year=2026, include_plans=include_plans, fx="announcement", lang=lang
    )
    rows = rapidus.commitments(scope, 2026, include_plans=include_plans)
    return params, rows, rapidus.cumulative(rows, rapidus.first_year(), 2026)


@functools.cache  # one report's outputs, shared by the tests that read them (none changes them)
def _rapidus(lang: str, scope: str = "all", include_plans: bool = True):
    with i18n.using(lang):
        params, rows, cumulative = _rapidus_inputs(lang, scope, include_plans)
        return {
            "finding": support.rapidus_finding(params, rows),
            "tables": [
                support.commitments_table(rows, params["fx"]),
                support.cumulative_table(cumulative),
                support.context_table(rapidus.rapidus_context(2026)),
            ],
            "sentences": [
                support.claim_scope_sentence(2026),
                support.nothing_beyond_spending(2024),
                support.commitments_caption(params),
                support.cumulative_caption(params),
                support.cumulative_source(),
                support.running_chart_caption(),
                support.context_caption(),
            ],
        }


@functools.cache  # drawn only for the tests that read it (a chart takes a tenth of a second)
def _rapidus_chart(lang: str, scope: str = "all", include_plans: bool = True):
    with i18n.using(lang):
        params, rows, cumulative = _rapidus_inputs(lang, scope, include_plans)
        fig = support.running_chart(cumulative, rows, params)
        plt.close(fig)  # kept for its texts, out of pyplot's list of open figures
        return fig


@pytest.mark.parametrize("scope", ["equity", "subsidies", "all"])
def test_rapidus_report_in_japanese_has_no_english(scope):
    shown = _rapidus("ja", scope)
    assert_japanese(
        *finding_texts(shown["finding"]),
        *(text for table in shown["tables"] for text in table_texts(table)),
        *shown["sentences"],
        *chart_texts(chart := _rapidus_chart("ja", scope), styled=True),
        *[t.get_text() for t in chart.axes[0].get_legend().get_texts()[:2]],
    )


def test_rapidus_chart_data_names_its_marks_in_japanese():
    # the CSV a reader downloads: its "Marks" column in words, as the bars' labels say them
    from jpbudget import charts

    drawn = charts.drawn_data(_rapidus_chart("ja", "all"))
    assert drawn["注記"].tolist() == ["", "", "上限", "", "上限", "政府案ベース"]


def test_rapidus_chart_title_states_the_scope_and_year_in_japanese():
    title = _rapidus_chart("ja", "equity").get_suptitle().replace("\n", "")
    assert title.startswith("ラピダス：政府出資のみ、2026年度までの累計は")


@pytest.mark.parametrize("scope", ["equity", "all"])
def test_rapidus_key_figures_have_the_english_values(scope):
    english = _rapidus("en", scope)["finding"]["figures"]
    japanese = _rapidus("ja", scope)["finding"]["figures"]
    assert [f.value for f in japanese] == [f.value for f in english]


def test_rapidus_headline_keeps_the_ceiling_in_japanese():
    headline = _rapidus("ja")["finding"]["headline"]
    assert headline == (
        "2026年度（政府予算案を含む）までのラピダスへの政府出資は2500億円で、補助金（最大1兆7225億円）"
        "を合わせた公的支援全体は最大1兆9725億円となる。"
    )


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "Through FY2026 (counting the cabinet draft), the government commits subsidies of up "
            "to ¥1.7225 trillion to Rapidus; with government equity (¥250 billion), all public "
            "support is up to ¥1.9725 trillion.",
        ),
        (
            "ja",
            "2026年度（政府予算案を含む）までのラピダスへの補助金は最大1兆7225億円で、政府出資"
            "（2500億円）を合わせた公的支援全体は最大1兆9725億円となる。",
        ),
    ],
)
def test_rapidus_subsidies_headline_leads_with_the_subsidies_and_names_the_draft(lang, expected):
    # the subsidies counted hold no draft, but the equity total stated beside them counts the
    # FY2026 cabinet draft; 1兆7225億円 + 2500億円 = 1兆9725億円
    assert _rapidus(lang, "subsidies", include_plans=False)["finding"]["headline"] == expected


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        (
            "en",
            "A single paywalled source reports about ¥630 billion (6300億円程度) of R&D money in "
            "the FY2026 draft (weak: not counted).",
        ),
        (
            "ja",
            "有料記事1本のみの報道によれば、2026年度予算案に研究開発費6300億円程度が盛り込まれた"
            "（確度低のため集計に含めない）。",
        ),
    ],
)
def test_the_weak_rd_figure_is_written_in_the_pages_language_with_the_printed_form(lang, expected):
    # the source prints 6300億円程度: "about" 630,000,000,000 yen
    assert _rapidus(lang, "all")["finding"]["more"][-1] == expected


@pytest.mark.parametrize(
    ("lang", "column", "expected"),
    [
        (
            "en",
            "In US$",
            "$1.95 billion at ¥133.18 per US$ (latest ECB reference rate on or before 1 April "
            "2023, the first day of the month it is dated to)",
        ),
        (
            "ja",
            "ドル換算",
            "19.5億ドル、1ドル＝133.18円（日付の属する月の初日である2023年4月1日以前で直近の"
            "ECB参照レート）で換算",
        ),
    ],
)
def test_a_commitment_dated_to_its_month_names_the_day_its_rate_is_looked_up(
    lang, column, expected
):
    # the April 2023 subsidy of 2600億円 at ¥133.18 per US$: 260e9 / 133.18 = $1.952 billion
    table = _rapidus(lang, "all")["tables"][0]
    assert table[column].iloc[1] == expected


@pytest.mark.parametrize(
    ("lang", "without", "with_plan"),
    [
        (
            "en",
            "Public money for Rapidus through FY2026: all support",
            "Public money for Rapidus through FY2026: all support, with the FY2026-27 plan listed",
        ),
        (
            "ja",
            "2026年度までのラピダスへの公的資金：支援全体",
            "2026年度までのラピダスへの公的資金：支援全体（2026～27年度の計画を併記）",
        ),
    ],
)
def test_the_rapidus_title_says_when_the_plan_is_listed(lang, without, with_plan):
    assert _rapidus(lang, "all", include_plans=False)["finding"]["title"] == without
    assert _rapidus(lang, "all", include_plans=True)["finding"]["title"] == with_plan


def test_rapidus_context_figures_are_written_in_japanese():
    with i18n.using("ja"):
        table = support.context_table(rapidus.rapidus_context(2026))
    printed = list(table["出典の数値"])
    assert printed == ["2兆円超", "2676億円", "1676億円", "32社", "11.5%", "最大40%", "最大60%"]


def test_a_context_subject_without_a_label_is_refused_by_name():
    context = rapidus.rapidus_context(2026).copy()
    context.loc[1, "subject"] = "Something new about Rapidus"
    with i18n.using("ja"), pytest.raises(ValueError, match=r"rapidus-round-2026-02-total.*CONTEXT"):
        support.context_table(context)


def test_booked_to_in_both_languages():
    with i18n.using("ja"):
        assert rapidus.booked_text("FY2026 initial-draft") == "2026年度政府予算案"
        assert rapidus.booked_text("FY2026-27 (plan)") == "2026～27年度（計画）"
    assert rapidus.booked_text("FY2026 initial-draft") == "FY2026 cabinet draft"
    with pytest.raises(ValueError, match="booked_to 'next year'"):
        rapidus.booked_text("next year")


# --- peers ----------------------------------------------------------------------------------------


@functools.cache  # one report's outputs, shared by the tests that read them (none changes them)
def _peers(lang: str, per: str = "share-of-gdp", currency: str = "USD"):
    with i18n.using(lang):
        params = checks.validate_peers(
            basis="all-instruments",
            per=per,
            currency=currency,
            fx="announcement",
            lang=lang,
            gdp_year=2024,
            include_weak=True,
        )
        head = peers.headline(params)
        shown, rates = peers.comparison_display(
            peers.comparison(params["basis"], include_weak=True),
            per=per,
            currency=currency,
            day=checks.peers_rate_day(params["fx"]),
            gdp_year=2024,
        )
        mof = peers.mof_comparison(2024)
        return {
            "headline": head,
            "tables": [
                shown,
                peers.plain_display(peers.apart(include_weak=True)),
                peers.plain_display(peers.awards(include_weak=True)),
                peers.mof_display(mof, 2024),
            ],
            "sentences": [
                peers.comparison_caption(params),
                peers.rates_sentence(rates, params),
                peers.mof_sentence(mof),
                peers.envelope_sentence(peers.chips_ai_vs_chips_act(2024)),
                peers.share_chart_caption(2024),
                peers.share_chart_cite(2024),
                peers.apart_caption(),
                peers.awards_caption(),
                peers.mof_caption(),
            ],
        }


@functools.cache  # one per language: the chart depends on neither ``per`` nor ``currency``
def _peers_chart(lang: str):
    with i18n.using(lang):
        fig, _drawn = peers.share_chart(
            peers.comparison("direct-spending", include_weak=True), 2024
        )
        plt.close(fig)  # kept for its texts, out of pyplot's list of open figures
        return fig


@pytest.mark.parametrize(
    ("per", "currency"), [("share-of-gdp", "USD"), ("total", "USD"), ("per-year", "JPY")]
)
def test_peers_report_in_japanese_has_no_english(per, currency):
    shown = _peers("ja", per, currency)
    head = shown["headline"]
    assert_japanese(
        head.title,
        head.sentence,
        *(f.label for f in head.figures),
        *(f.text for f in head.figures),
        *(f.note for f in head.figures if f.note),
        *(text for table in shown["tables"] for text in table_texts(table)),
        *shown["sentences"],
        *chart_texts(_peers_chart("ja")),
    )


@pytest.mark.parametrize("currency", ["USD", "JPY"])
def test_peers_key_figures_have_the_english_values(currency):
    english = _peers("en", "total", currency)["headline"].figures
    japanese = _peers("ja", "total", currency)["headline"].figures
    assert [f.value for f in japanese] == [f.value for f in english]


def test_peers_writes_countries_and_foreign_money_as_japanese_newspapers_do():
    with i18n.using("ja"):
        assert [words.country_label(c) for c in ("US", "DE", "KR", "TW", "CN", "EU")] == [
            "米国",
            "ドイツ",
            "韓国",
            "台湾",
            "中国",
            "EU",
        ]
        assert words.format_money(7_944_346_950, "USD", 2) == "79億ドル"
        assert words.money_exact(52_700_000_000, "USD") == "527億ドル"
        assert words.printed_text("26 trillion won", 26 * 10**12, "KRW", "") == "26兆ウォン"
    headline = _peers("ja")["headline"]
    # ¥1,239.0 bn / 155.96 = $7,944,344,704: three significant digits, as the English $7.94 billion
    assert (
        "1兆2390億円（79億4000万ドル。1ドル＝155.96円、2025年12月24日のECB参照レートで換算）"
        in headline.sentence
    )
    assert "2024年GDPの0.203%" in headline.sentence


def test_a_programme_without_a_label_is_refused_by_name():
    with i18n.using("ja"), pytest.raises(ValueError, match="programme 'Chips Plan B'"):
        words.programme_label("Chips Plan B")


def test_every_programme_and_recipient_of_the_data_has_a_label():
    table = peers.programmes(include_weak=True)
    with i18n.using("ja"):
        names = [words.programme_label(p) for p in table.programme]
        names += [words.recipient_label(r) for r in table.recipient if r]
    assert_japanese(*names)


def test_english_key_figures_are_in_english_with_the_printed_form_in_the_note():
    head = _peers("en", "total", "USD")["headline"]
    assert [f.text for f in head.figures[:2]] == ["¥1.239 trillion", "$52.7 billion"]
    assert [f.note for f in head.figures[:2]] == [
        "cabinet draft; the source prints 1兆2390億円",
        "the source prints 527億ドル",
    ]
    assert [f.value for f in head.figures[:2]] == ["1239000000000", "52700000000"]


def test_japanese_key_figures_stay_as_printed_with_no_printed_note():
    head = _peers("ja", "total", "USD")["headline"]
    assert [f.text for f in head.figures[:2]] == ["1兆2390億円", "527億ドル"]
    assert [f.note for f in head.figures[:2]] == ["政府予算案", None]


def test_the_chips_act_yearly_key_figure_names_its_division_once():
    head = _peers("en", "total", "USD")["headline"]
    assert head.figures[3].label == "CHIPS Act per year"
    assert head.figures[3].note == "$52.7 billion ÷ 5 fiscal years"
    # 52,700,000,000 / 5 = 10,540,000,000
    assert head.figures[3].value == "10540000000"


# --- Japanese amounts, periods and chart labels (review items B16, C18, C19, E37, E38) -----------


def test_japanese_amounts_are_written_in_cho_oku_man_with_every_digit_and_no_comma():
    with i18n.using("ja"):
        assert words.money_exact(3_930_800_000_000, "JPY") == "3兆9308億円"
        assert words.money_exact(1_725_000_000, "EUR") == "17億2500万ユーロ"
        assert words.money_exact(1_700_000_000_000, "KRW") == "1兆7000億ウォン"
        assert words.money_exact(32_100_000, "USD") == "3210万ドル"
        assert words.money_exact(127_000_000_000, "INR") == "1270億ルピー"
    with pytest.raises(ValueError, match="not a whole amount"):
        words.ja_money(Decimal("1000.5"), "USD")


def test_a_whole_figure_keeps_every_digit_in_both_languages():
    # one form per figure on a page: never ¥3.93 / ¥3.931 trillion for 3,930,800,000,000
    assert words.figure_text(3_930_800_000_000, "JPY") == "¥3.9308 trillion"
    assert words.figure_text(3_930_800_000_000, "JPY", 4) == "¥3.9308 trillion"
    assert words.figure_text(1_239_000_000_000, "JPY") == "¥1.239 trillion"
    with i18n.using("ja"):
        assert words.figure_text(3_930_800_000_000, "JPY") == "3兆9308億円"
        assert words.figure_text(3_930_800_000_000, "JPY", 4) == "3兆9308億円"


def test_a_rounded_japanese_amount_has_the_english_digits_and_no_decimal_cho():
    with i18n.using("ja"):
        # $7,944,344,703.8 -> 3 significant digits: 7,940,000,000
        assert words.format_money(Decimal("7944344703.8"), "USD") == "79億4000万ドル"
        # MOF's implied GDP, ¥3,380,952,380,952,380.95 -> 3,380,000,000,000,000 (no comma)
        assert words.format_money(Decimal("3380952380952380.95"), "JPY") == "3380兆円"
        # a conversion that happens to be whole in 万 is still rounded: 41,361,750,000 -> 4.14e10
        assert words.format_money(Decimal("41361750000"), "JPY") == "414億円"


def test_a_yearly_average_keeps_the_precision_of_the_figure_it_averages():
    # 3,930,800,000,000 / 3 = 1,310,266,666,666.7: given in 億 -> 1,310,300,000,000
    assert words.average_text(3_930_800_000_000, 3, "JPY") == "¥1.3103 trillion"
    assert words.average_text(1_239_000_000_000, 1, "JPY") == "¥1.239 trillion"
    with i18n.using("ja"):
        # 39,308億 / 3 = 13,102.67億: the figure is given in 億, so 1兆3103億円
        assert words.average_text(3_930_800_000_000, 3, "JPY") == "1兆3103億円"
        assert words.average_text(1_239_000_000_000, 1, "JPY") == "1兆2390億円"
        # 10兆 / 7 = 1.428571兆: three significant digits are finer than 兆: 1兆4300億円
        assert words.average_text(10**13, 7, "JPY") == "1兆4300億円"
        # 17億2500万 / 7 = 246,428,571.4: given in 万, so 2億4643万ユーロ
        assert words.average_text(1_725_000_000, 7, "EUR") == "2億4643万ユーロ"
        # 527億 / 5 = 105.4億: 105億ドル, as the English $10.5 billion
        assert words.average_text(52_700_000_000, 5, "USD") == "105億ドル"


def _period_row(country, start, end, kind="fiscal-year"):
    return pd.Series(
        {"country": country, "period_kind": kind, "period_start": start, "period_end": end}
    )


def test_us_fiscal_years_are_kaikei_nendo_and_japans_are_nendo():
    rows = [
        _period_row("US", 2022, 2026),
        _period_row("US", 2024, pd.NA),
        _period_row("US", 2024, 2024),
        _period_row("JP", 2021, 2023),
        _period_row("EU", 2021, 2027, "calendar-year"),
    ]
    assert [words.period_text(r) for r in rows] == [
        "FY2022-26",
        "from FY2024 (no end given)",
        "FY2024",
        "FY2021-23",
        "2021-27",
    ]
    with i18n.using("ja"):
        assert [words.period_text(r) for r in rows] == [
            "2022～26会計年度",
            "2024会計年度から（終期の記載なし）",
            "2024会計年度",
            "2021～23年度",
            "2021～27年",
        ]


def test_envelope_sentence_says_weak_inside_one_bracket_without_a_space_after_a_full_stop():
    with i18n.using("ja"):
        text = peers.envelope_sentence(peers.chips_ai_vs_chips_act(2024))
    assert "米国：年0.037%（28兆7800億ドルに対し年105億ドル。GDPの数値は確度低）。" in text
    assert "**算定ルール：**日本の" in text and "である。**確度低：**米国の" in text
    english = peers.envelope_sentence(peers.chips_ai_vs_chips_act(2024))
    assert (
        r"United States: 0.037% \(weak GDP figure\) a year \(\$10.5 billion a year of "
        r"\$28.78 trillion\)."
    ) in english


def test_share_chart_labels_are_short_in_japanese_and_unchanged_in_english():
    frame = peers.comparison("direct-spending", include_weak=True)
    with i18n.using("ja"):
        fig, drawn = peers.share_chart(frame, 2024)
        ax = fig.axes[0]
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        legend = [
            t.get_text() for a in fig.axes if a.get_legend() for t in a.get_legend().get_texts()
        ]
        from jpbudget.charts.style import MARK_LABELS

        draft_words = i18n.gettext(MARK_LABELS["draft"])
    assert ticks == [
        "日本：2021～23年度\n補正予算の半導体支援",
        "日本：2026年度\n半導体・AI関連予算（案）",
        "台湾：チップ駆動型\n台湾産業イノベーション計画\n（2024～33年）",
        "韓国：2025年予算案の\n半導体関連事業",
        "米国：CHIPS・科学法の\n半導体向け予算措置\n（2022～26会計年度）",
    ]
    assert ax.get_xlabel() == "年平均、2024年の対GDP比（%）"
    assert legend[0] == draft_words
    assert list(drawn["label"])[1] == "日本：2026年度半導体・AI関連予算（案）"
    fig, drawn = peers.share_chart(frame, 2024)
    # one pair of brackets: what the envelope holds, then its year and draft status
    assert list(drawn["label"])[1] == (
        "Japan: Chips & AI envelope (subsidies, R&D, Rapidus equity; FY2026 draft)"
    )
    assert (
        list(drawn["label"])[3] == "South Korea: Semiconductor programmes in the 2025 draft budget"
    )
    assert fig.axes[0].get_xlabel() == "Per year, % of 2024 GDP"


def test_taiwans_publishers_are_named_in_japanese():
    from jpbudget import terms

    with i18n.using("ja"):
        assert terms.publisher_label("Executive Yuan, Republic of China (Taiwan)") == "台湾行政院"
        assert (
            terms.publisher_label("National Development Council, Republic of China (Taiwan)")
            == "台湾国家発展委員会"
        )


def test_what_a_year_adds_to_the_rapidus_total_is_an_increase_in_japanese():
    from jpbudget.charts.running import _added_text

    assert _added_text(590_000_000_000, ("up to",)) == "up to +¥590 billion"
    assert _added_text(150_000_000_000, ("draft",)) == "+¥150 billion (draft)"
    with i18n.using("ja"):
        assert _added_text(590_000_000_000, ("up to",)) == "最大5900億円増"
        assert _added_text(902_500_000_000, ("up to",)) == "最大9025億円増"
        assert _added_text(150_000_000_000, ("draft",)) == "1500億円増（政府案ベース）"


def test_timeline_rows_are_labelled_company_then_plant_in_brackets_in_japanese():
    from jpbudget.analysis import overview
    from jpbudget.charts.timeline import row_label

    pairs = [
        ("TSMC (through its Japanese subsidiary JASM)", "Kumamoto, first plant"),
        ("Kioxia and Western Digital (joint venture)", "Yokkaichi plant"),
        ("Kioxia and Western Digital (joint venture)", "Yokkaichi and Kitakami plants"),
        ("Micron Technology", "Hiroshima plant"),
        ("Rapidus", "Hokkaido plant"),
    ]
    assert [row_label(c, p) for c, p in pairs] == [
        "TSMC, Kumamoto, first\nplant",
        "Kioxia and Western\nDigital, Yokkaichi\nplant",
        "Kioxia and Western\nDigital, Yokkaichi and\nKitakami plants",
        "Micron Technology,\nHiroshima plant",
        "Rapidus, Hokkaido\nplant",
    ]
    with i18n.using("ja"):
        names = [(overview._name(c), overview._name(p)) for c, p in pairs]
        # one line up to 30 columns (a kanji is two); longer: broken before the plant's bracket
        assert [row_label(c, p) for c, p in names] == [
            "台湾TSMC（熊本第1工場）",
            "キオクシア・WD（四日市工場）",
            "キオクシア・WD\n（四日市・北上工場）",
            "マイクロン・テクノロジー\n（広島工場）",
            "ラピダス（北海道工場）",
        ]


# --- English pages: figures in English, exact digits, ceilings (review_en 1, 4-6, 14, 16, 17) ---


def _shown(lang: str, per: str, programme_key: str) -> pd.Series:
    frame = peers.comparison("direct-spending")
    with i18n.using(lang):
        shown, _ = peers.comparison_display(
            frame, per=per, currency="USD", day="2025-12-26", gdp_year=2024
        )
    return shown.iloc[list(frame.key).index(programme_key)]


def test_a_converted_ceiling_is_cut_off_never_rounded_up():
    # up to €1,575,000,000 at €0.8484 per US$ (ECB, 24 Dec 2025) = $1,856,435,643.6:
    # three digits cut off give $1.85 billion (rounding half up would say $1.86 billion)
    row = _shown("en", "total", "eu-chips-digital-europe")
    assert row["Total over the period, own currency"] == "up to €1.575 billion"
    assert row["Total over the period, in USD"] == "up to $1.85 billion"
    assert _shown("ja", "total", "eu-chips-digital-europe").iloc[6] == "最大18億5000万ドル"


def test_a_ceiling_keeps_every_printed_digit_in_english():
    row = _shown("en", "total", "eu-chips-horizon-europe")
    assert row["Total over the period, own currency"] == "up to €1.725 billion"
    assert row["As printed"] == (
        "maximum indicative amount of EUR 1.725 billion (up to €1.725 billion)"
    )


def test_english_tables_write_each_figure_in_one_exact_form():
    japan = _shown("en", "per-year", "jp-chips-ai-fy2026")
    assert japan["As printed"] == "1兆2390億円 (¥1.239 trillion)"
    assert japan["Per year (average), own currency"] == "¥1.239 trillion"
    supplementary = _shown("en", "total", "jp-chips-supplementary-fy2021-23")
    # 774,000,000,000 + 1,303,600,000,000 + 1,853,200,000,000 = 3,930,800,000,000
    assert supplementary["As printed"] == (
        "¥774 billion + ¥1.3036 trillion + ¥1.8532 trillion (summed here: ¥3.9308 trillion)"
    )
    assert supplementary["Total over the period, own currency"] == "¥3.9308 trillion"


def test_printed_foreign_figures_get_their_english_rendering():
    assert _shown("en", "total", "kr-2025-budget-chips")["As printed"] == (
        "1조7000억원 (₩1.7 trillion)"
    )
    assert _shown("en", "total", "de-ipcei-1")["As printed"] == "10億ユーロ (€1 billion)"
    # an English printed figure that already reads as the page writes it stands alone
    assert words.printed_text("$52.7 billion", 52_700_000_000, "USD", "") == "$52.7 billion"


def test_mof_printed_support_is_quoted_after_its_english_rendering():
    mof = peers.mof_comparison(2024)
    cells = list(peers.mof_display(mof, 2024)["MOF: support as printed"])
    assert cells[0] == (
        "[CHIPS Act] $52.7 billion over five years (about ¥7.1 trillion); "
        "MOF prints: 【CHIPS法】・5年間で527億ドル (約7.1兆円)"
    )
    with i18n.using("ja"):
        cells = list(peers.mof_display(mof, 2024)["財務省資料：支援額（記載値）"])
    assert cells[0] == "【CHIPS法】・5年間で527億ドル（約7.1兆円）"


def test_the_mof_sentence_writes_mofs_totals_in_english():
    sentence = peers.mof_sentence(peers.mof_comparison(2024))
    assert sentence.startswith(
        r"MOF divides a three-year Japanese total \(about ¥3.9 trillion\) and a five-year US "
        r"total \(about ¥7.1 trillion\)"
    )


def test_each_page_title_names_its_basis_and_figures():
    envelope = ": Japan's FY2026 chips & AI envelope against the US CHIPS Act"
    assert _peers("en", "share-of-gdp")["headline"].title == (
        "Chip support by every instrument as a share of 2024 GDP" + envelope
    )
    assert _peers("en", "total")["headline"].title == (
        "Chip support by every instrument, totals over each programme's period in USD" + envelope
    )
    params = checks.validate_peers(
        basis="direct-spending",
        per="per-year",
        currency="USD",
        fx="announcement",
        lang="en",
        gdp_year=2024,
        include_weak=False,
    )
    assert peers.headline(params).title == (
        "Direct public spending on chips per year, in USD" + envelope
    )


def test_mofs_rounding_reason_names_the_exact_sum_in_the_pages_form():
    # 774,000,000,000 + 1,303,600,000,000 + 1,853,200,000,000 = 3,930,800,000,000;
    # MOF prints 約3.9兆円 (3,900,000,000,000)
    reasons = peers.mof_comparison(2024).set_index("country")["reason"]
    assert reasons["JP"].startswith(
        "MOF rounds the three supplementary budgets (¥3.9308 trillion) to ¥3.9 trillion "
    )
    with i18n.using("ja"):
        reasons = peers.mof_comparison(2024).set_index("country")["reason"]
    assert reasons["JP"].startswith("財務省は3回の補正予算の合計（3兆9308億円）を3.9兆円に丸め")
