"""Figures written for English and Japanese readers: the same values, each language's forms."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import numpy as np
import pandas as pd
import pytest
from jpbudget import formats, terms
from jpbudget.fiscal import fiscal_year_text, parse_fiscal_year
from jpbudget.yen import format_usd, format_yen_exact, parse_yen, split_qualifier

# --- amounts of yen, exact (issue 12: 1兆2390億円, 3873億円, 50億円) ------------------------


@pytest.mark.parametrize(
    ("amount", "japanese", "english"),
    [
        (1_239_000_000_000, "1兆2390億円", "¥1.239 trillion"),
        (387_300_000_000, "3873億円", "¥387.3 billion"),
        (5_000_000_000, "50億円", "¥5 billion"),
        (332_800_000_000, "3328億円", "¥332.8 billion"),
        (1_500_000_000_000, "1兆5000億円", "¥1.5 trillion"),
        (10_000_000_000_000, "10兆円", "¥10 trillion"),
        (123_456_789, "1億2345万6789円", "¥123.456789 million"),
        (100_005_000, "1億5000円", "¥100.005 million"),
        (950_000, "95万円", "¥950,000"),
        (999, "999円", "¥999"),
        (0, "0円", "¥0"),
        (-5_000_000_000, "-50億円", "-¥5 billion"),
    ],
)
def test_exact_yen_keeps_every_digit_in_both_languages(amount, japanese, english):
    assert format_yen_exact(amount, lang="ja") == japanese
    assert format_yen_exact(amount, lang="en") == english


@pytest.mark.parametrize("amount", [1_239_000_000_000, 10**16 + 1, 12_345_678_901_234_567, -7])
def test_exact_yen_reads_back_to_the_same_amount(amount):
    assert parse_yen(format_yen_exact(amount, lang="ja")) == amount
    assert parse_yen(format_yen_exact(amount, lang="en")) == amount


def test_exact_yen_takes_a_whole_decimal_and_a_numpy_integer():
    assert format_yen_exact(Decimal("387300000000"), lang="ja") == "3873億円"
    assert format_yen_exact(np.int64(5_000_000_000), lang="ja") == "50億円"


def test_exact_yen_refuses_a_fraction_of_a_yen_and_a_float():
    with pytest.raises(ValueError) as info:
        format_yen_exact(Decimal("0.5"), lang="ja")
    assert str(info.value) == (
        "Decimal('0.5') is a fractional number of yen; expected a whole number of yen"
    )
    with pytest.raises(TypeError) as info:
        format_yen_exact(5e9, lang="ja")
    assert str(info.value) == (
        "format_yen_exact takes an int or Decimal amount of yen; got 5000000000.0 of type "
        "float (parse text with parse_yen first)"
    )


def test_exact_yen_refuses_an_unknown_language():
    with pytest.raises(ValueError) as info:
        format_yen_exact(5, lang="fr")
    assert str(info.value) == "lang must be 'en' or 'ja'; got 'fr'"


# --- dollars (約79億ドル; English as today) ---------------------------------------------------


def test_dollars_in_japanese_use_oku_and_man_then_doru():
    # ¥1,239.0 bn at ¥155.96 per US$ = $7,944,344,703.77...
    usd = 1_239_000_000_000 / 155.96
    assert format_usd(usd, 2, lang="ja") == "79億ドル"
    assert format_usd(usd, lang="ja") == "79.4億ドル"
    assert formats.qualify(format_usd(usd, 2, lang="ja"), "about", lang="ja") == "約79億ドル"
    assert format_usd(1.2e12, lang="ja") == "1.2兆ドル"
    assert format_usd(-35_000_000, lang="ja") == "-3,500万ドル"
    assert format_usd(0, lang="ja") == "0ドル"


def test_dollars_in_english_are_unchanged():
    usd = 1_239_000_000_000 / 155.96
    assert format_usd(usd, 2) == "$7.9 billion"
    assert formats.qualify(format_usd(usd, 2), "about", lang="en") == "about $7.9 billion"


# --- qualifiers as the source has them ----------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "qualifier", "form", "lang", "expected"),
    [
        ("1.5兆円", "about", "規模", "ja", "1.5兆円規模"),
        ("3,000億円", "about", "程度", "ja", "3,000億円程度"),
        ("1.5兆円", "about", "約", "ja", "約1.5兆円"),
        ("1.5兆円", "about", None, "ja", "約1.5兆円"),
        ("1.5兆円", "about", "about", "ja", "約1.5兆円"),
        ("¥1.5 trillion", "about", "規模", "en", "about ¥1.5 trillion"),
        ("¥1.5 trillion", "about", "roughly", "en", "roughly ¥1.5 trillion"),
        ("1,000億円", "up to", "最大", "ja", "最大1,000億円"),
        ("1,000億円", "up to", "up to", "ja", "最大1,000億円"),
        ("¥100 billion", "up to", "最大", "en", "up to ¥100 billion"),
        ("10兆円", "more than", "以上", "ja", "10兆円以上"),
        ("10兆円", "more than", None, "ja", "10兆円超"),
        ("¥10 trillion", "more than", "over", "en", "over ¥10 trillion"),
        ("¥10 trillion", "more than", None, "en", "more than ¥10 trillion"),
        ("3873億円", "", None, "ja", "3873億円"),
    ],
)
def test_qualify_keeps_the_sources_form_in_its_own_language(
    amount, qualifier, form, lang, expected
):
    assert formats.qualify(amount, qualifier, lang=lang, form=form) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.5兆円規模", ("about", "規模")),
        ("3,000億円程度", ("about", "程度")),
        ("約79億ドル", ("about", "約")),
        ("about ¥1.5 trillion", ("about", "about")),
        ("up to ¥100 billion", ("up to", "up to")),
        ("10兆円超", ("more than", "超")),
        ("¥1,239.0 billion", ("", "")),
    ],
)
def test_qualifier_form_finds_the_printed_form(text, expected):
    assert formats.qualifier_form(text) == expected


def test_a_source_figure_rewritten_in_japanese_keeps_its_printed_form():
    word, form = formats.qualifier_form("1.5兆円規模")
    amount = format_yen_exact(parse_yen("1.5兆円"), lang="ja")
    assert formats.qualify(amount, word, lang="ja", form=form) == "1兆5000億円規模"
    assert formats.qualify("¥1.5 trillion", word, lang="en", form=form) == "about ¥1.5 trillion"


def test_qualify_refuses_an_unknown_qualifier_and_a_form_of_another_one():
    with pytest.raises(ValueError) as info:
        formats.qualify("¥5 billion", "roughly", lang="en")
    assert str(info.value) == (
        "qualifier 'roughly' is not a qualifier of the data; expected one of 'about', "
        "'up to', 'more than' or ''"
    )
    with pytest.raises(ValueError) as info:
        formats.qualify("50億円", "about", lang="ja", form="最大")
    assert str(info.value) == (
        "form '最大' is not a printed form of qualifier 'about'; expected one of 'about', "
        "'roughly', 'approximately', '約', '規模', '程度', '약'"
    )


# --- multiples and changes ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "english", "japanese"),
    [
        (Decimal("3.72"), "3.72×", "3.72倍"),
        (Decimal("3.7"), "3.7×", "3.7倍"),
        (Decimal("1.500"), "1.500×", "1.500倍"),
        (4, "4×", "4倍"),
    ],
)
def test_multiples_keep_their_digits(value, english, japanese):
    assert formats.multiple_text(value, lang="en") == english
    assert formats.multiple_text(value, lang="ja") == japanese


@pytest.mark.parametrize(
    ("value", "english", "japanese"),
    [
        (Decimal("49.5"), "+49.5%", "49.5%増"),
        (Decimal("-12.0"), "-12.0%", "12.0%減"),
        (Decimal("272.3"), "+272.3%", "272.3%増"),
        (Decimal("0.0"), "+0.0%", "0.0%"),
        (-3, "-3%", "3%減"),
    ],
)
def test_changes_say_their_direction(value, english, japanese):
    assert formats.percent_change_text(value, lang="en") == english
    assert formats.percent_change_text(value, lang="ja") == japanese


@pytest.mark.parametrize("bad", [3.72, True, "3.72"])
def test_multiples_and_changes_refuse_inexact_values(bad):
    with pytest.raises(TypeError, match="takes an exact Decimal or int"):
        formats.multiple_text(bad, lang="ja")
    with pytest.raises(TypeError, match="takes an exact Decimal or int"):
        formats.percent_change_text(bad, lang="ja")


def test_multiples_refuse_infinity():
    with pytest.raises(ValueError) as info:
        formats.multiple_text(Decimal("Infinity"), lang="ja")
    assert str(info.value) == "multiple_text needs a finite number; got Decimal('Infinity')"


# --- fiscal years -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fy", "english", "japanese", "era"),
    [
        (2026, "FY2026", "2026年度", "令和8年度"),
        (2025, "FY2025", "2025年度", "令和7年度"),
        (2019, "FY2019", "2019年度", "令和元年度"),
        (2018, "FY2018", "2018年度", "平成30年度"),
    ],
)
def test_fiscal_years_in_each_form_read_back(fy, english, japanese, era):
    assert fiscal_year_text(fy) == english
    assert fiscal_year_text(fy, lang="ja") == japanese
    assert fiscal_year_text(fy, lang="ja", era=True) == era
    assert {parse_fiscal_year(t) for t in (english, japanese, era)} == {fy}


def test_fiscal_year_text_refuses_an_english_era_and_a_bad_year():
    with pytest.raises(ValueError) as info:
        fiscal_year_text(2026, era=True)
    assert str(info.value) == "era=True needs lang='ja': English names fiscal years FY2026"
    with pytest.raises(ValueError, match=r"^fiscal_year '2026' is not a fiscal year"):
        fiscal_year_text("2026", lang="ja")


# --- dates with their precision -----------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "precision", "english", "japanese"),
    [
        ("2025-12-26", "day", "26 December 2025", "2025年12月26日"),
        (dt.date(2024, 12, 27), "day", "27 December 2024", "2024年12月27日"),
        (pd.Timestamp("2025-03-31"), "day", "31 March 2025", "2025年3月31日"),
        (np.datetime64("2026-03-13"), "day", "13 March 2026", "2026年3月13日"),
        ("2022-11-01", "month", "November 2022", "2022年11月"),
        ("2022-01-01", "year", "2022", "2022年"),
    ],
)
def test_dates_as_precise_as_their_source(value, precision, english, japanese):
    assert formats.date_text(value, precision, lang="en") == english
    assert formats.date_text(value, precision, lang="ja") == japanese


@pytest.mark.parametrize("missing", [None, pd.NaT, float("nan")])
def test_a_missing_date_is_said_in_words(missing):
    assert formats.date_text(missing, lang="en") == "date not given"
    assert formats.date_text(missing, lang="ja") == "日付不明"


@pytest.mark.parametrize(
    ("value", "precision", "english", "japanese"),
    [
        ("2025-12-26", "day", "2025-12-26", "2025年12月26日"),
        ("2025-12-01", "month", "December 2025", "2025年12月"),
        ("2025-01-01", "year", "2025", "2025年"),
        (None, "day", "undated", "日付の記載なし"),
    ],
)
def test_source_lines_use_the_numeric_day(value, precision, english, japanese):
    assert formats.date_text(value, precision, lang="en", numeric=True) == english
    assert formats.date_text(value, precision, lang="ja", numeric=True) == japanese


def test_date_text_refuses_an_unknown_precision_and_a_non_iso_date():
    with pytest.raises(ValueError) as info:
        formats.date_text("2025-12-26", "week", lang="ja")
    assert str(info.value) == (
        "precision 'week' is not allowed; expected one of 'day', 'month', 'year'"
    )
    with pytest.raises(ValueError, match=r"^date '26/12/2025' is not a date"):
        formats.date_text("26/12/2025", lang="ja")


# --- fixed words --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("budget", "english", "japanese"),
    [
        ("initial", "initial budget", "当初予算"),
        ("initial-draft", "cabinet draft", "政府予算案"),
        ("supplementary", "supplementary budget", "補正予算"),
        ("stopgap", "stopgap budget", "暫定予算"),
        ("request", "budget request", "概算要求"),
        ("multi-year", "multi-year figure", "複数年度にわたる金額"),
    ],
)
def test_budget_kinds_in_both_languages(budget, english, japanese):
    assert terms.budget_label(budget, lang="en") == english
    assert terms.budget_label(budget, lang="ja") == japanese


def test_a_years_budget_in_both_languages():
    assert terms.year_budget_label(2025, "initial", lang="en") == "FY2025 initial budget"
    assert terms.year_budget_label(2025, "initial", lang="ja") == "2025年度当初予算"
    assert terms.year_budget_label(2026, "initial-draft", lang="ja", era=True) == (
        "令和8年度政府予算案"
    )


def test_marks_parts_and_sections_in_japanese():
    assert [terms.mark_label(m, lang="ja") for m in terms.MARK_LABELS] == [
        "政府予算案",
        "概数",
        "上限額",
        "確度低：出典が一つのみ、または未確認",
        "計画",
    ]
    assert [terms.part_label(p, lang="ja") for p in terms.PART_LABELS] == [
        "当初予算",
        "補正予算",
        "前年度の補正予算",
    ]
    assert [terms.section_heading(s, lang="ja") for s in terms.SECTION_HEADINGS] == [
        "このレポートについて",
        "引用の仕方",
        "出典",
        "ダウンロード",
        "言語",
    ]


def test_an_unknown_key_is_an_error_never_shown():
    with pytest.raises(ValueError) as info:
        terms.budget_label("enacted", lang="ja")
    assert str(info.value) == (
        "budget 'enacted' has no label; expected one of 'initial', 'initial-draft', "
        "'supplementary', 'request', 'multi-year', 'stopgap'"
    )


def test_claims_summary_counts_in_both_languages():
    assert terms.claims_summary(11, 12, lang="en") == "11 of 12 claims match the sources"
    assert terms.claims_summary(11, 12, lang="ja") == "12件の主張のうち11件が出典と整合"
    with pytest.raises(ValueError) as info:
        terms.claims_summary(3, 2, lang="en")
    assert str(info.value) == "claims_summary: matching (3) is more than total (2)"


# --- the English forms are the reports' forms of today ------------------------------------


def test_english_forms_equal_those_the_reports_print_today():
    from jpbudget.analysis import display

    assert formats.date_text("2025-12-26", lang="en") == display.date_text("2025-12-26")
    assert formats.date_text("2022-11-01", "month", lang="en") == display.date_text(
        "2022-11-01", "month"
    )
    assert formats.date_text("2022-01-01", "year", lang="en") == display.date_text(
        "2022-01-01", "year"
    )
    assert formats.multiple_text(Decimal("3.72"), lang="en") == display.multiple_text(
        Decimal("3.72")
    )
    for change in (Decimal("49.5"), Decimal("-12.0")):
        assert formats.percent_change_text(change, lang="en") == display.percent_change_text(change)
    for amount in (906_200_000_000, 1_239_000_000_000, 5_000_000_000):
        assert format_yen_exact(amount, lang="en") == display.yen_exact(amount)
    for budget in terms.BUDGET_LABELS:
        assert terms.budget_label(budget, lang="en") == display.budget_label(budget)
        assert terms.year_budget_label(2026, budget, lang="en") == display.year_label(2026, budget)
    assert {m: terms.mark_label(m, lang="en") for m in terms.MARK_LABELS} == display.MARKS


# --- a source's figure on a page of either language ---------------------------------------


@pytest.mark.parametrize(
    ("amount", "printed", "japanese", "english"),
    [
        (1_239_000_000_000, "1兆2390億円", "1兆2390億円", "¥1.239 trillion"),
        (387_300_000_000, "387.3 billion yen", "3873億円", "387.3 billion yen"),
        (630_000_000_000, "6300億円程度", "6300億円程度", "about ¥630 billion"),
        (1_500_000_000_000, "1.5兆円規模", "1.5兆円規模", "about ¥1.5 trillion"),
        (252_500_000_000, "roughly ¥252.5 billion", "約2525億円", "roughly ¥252.5 billion"),
        (590_000_000_000, "up to ¥590 billion", "最大5900億円", "up to ¥590 billion"),
        (2_000_000_000_000, "over ¥2 trillion", "2兆円超", "over ¥2 trillion"),
    ],
)
def test_a_source_figure_is_as_printed_in_its_language_and_exact_in_the_other(
    amount, printed, japanese, english
):
    assert formats.source_amount_text(amount, printed, lang="ja") == japanese
    assert formats.source_amount_text(amount, printed, lang="en") == english


def test_a_source_figure_contradicting_its_amount_is_refused():
    with pytest.raises(ValueError) as info:
        formats.source_amount_text(1_239_000_000_000, "1兆2380億円", lang="en")
    assert str(info.value) == (
        "source_amount_text: the printed amount '1兆2380億円' reads 1238000000000 yen, "
        "not amount_jpy 1239000000000"
    )
    with pytest.raises(TypeError, match=r"^source_amount_text: amount_jpy <NA> is not a whole"):
        formats.source_amount_text(pd.NA, "50億円", lang="ja")


@pytest.mark.parametrize("resource", ["budget-lines", "rapidus-support", "company-subsidies"])
def test_every_figure_of_the_data_reads_the_same_in_both_languages(resource):
    from jpbudget import data

    rows = data.load(resource).dropna(subset=["amount_jpy"])
    assert len(rows) > 0
    for row in rows.itertuples():
        amount = int(row.amount_jpy)
        for lang in ("ja", "en"):
            text = formats.source_amount_text(amount, row.amount_text, lang=lang)
            word, bare = split_qualifier(text)
            assert parse_yen(bare) == amount, (resource, row.amount_text, lang, text)
            assert word == split_qualifier(row.amount_text)[0], (row.amount_text, lang, text)
            assert formats.is_japanese(text) == (lang == "ja"), (row.amount_text, lang, text)


@pytest.mark.parametrize(
    ("verdict", "weak", "english", "japanese"),
    [
        ("consistent", False, "consistent", "出典と整合"),
        ("inconsistent", False, "inconsistent", "出典と不整合"),
        (
            "consistent",
            True,
            "consistent (from a figure marked weak)",
            "出典と整合（確度の低い数値に基づく）",
        ),
    ],
)
def test_claim_verdicts_in_both_languages(verdict, weak, english, japanese):
    assert terms.verdict_label(verdict, lang="en", weak=weak) == english
    assert terms.verdict_label(verdict, lang="ja", weak=weak) == japanese


def test_an_unknown_verdict_is_refused():
    with pytest.raises(ValueError) as info:
        terms.verdict_label("plausible", lang="ja")
    assert str(info.value) == (
        "verdict 'plausible' has no label; expected one of 'consistent', 'inconsistent'"
    )
