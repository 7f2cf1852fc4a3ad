"""Japanese report pages and landing page (issue 12), next to their English counterparts.

One small build (``jpbudget reports`` on a temporary project with the manifest
tests/fixtures/pages_ja/reports.yaml, ``languages: [en, ja]``): ``bilingual`` stands in for a
fully translated notebook (its reader-facing words come from jpbudget in the active language,
or from the fixture by ``lang``); ``untranslated`` has a Markdown paragraph no catalog
translates. The page checks themselves live in tests/page_checks.py, so that a build of every
real report can run them too. Rendering tests work in-process on notebooks made here.
"""

from __future__ import annotations

import base64
import io
import re

import nbformat
import pytest
from fontTools.ttLib import TTFont
from jpbudget import i18n, present, provenance, reports
from jpbudget.reports.export import render_report
from page_checks import (
    allowed_texts,
    check_pair,
    check_site,
    data_acronyms,
    english_words,
    japanese_text,
    read_page,
    source_texts,
)
from pages_project import REPO, make_project

FIXTURE_REL = "tests/fixtures/pages_ja"
POISON = '<img src=x onerror=alert(1)><script>alert("x")</script>'


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = make_project(
        tmp_path_factory.mktemp("pages-ja"), REPO / FIXTURE_REL / "reports.yaml", (FIXTURE_REL,)
    )
    log = io.StringIO()
    result = reports.run_reports(reports.load_manifest(root=root), jobs=2, stream=log)
    return root / "reports", {o.name: o for o in result.outcomes}, log.getvalue()


@pytest.fixture(scope="module")
def out(built):
    return built[0]


def test_every_page_check_passes_on_the_bilingual_build(out):
    assert check_site(out) == []


def test_each_entry_builds_as_name_and_name_ja_next_to_each_other(built):
    out, outcomes, log = built
    assert outcomes["bilingual"].status.value == "built", log
    assert outcomes["bilingual.ja"].status.value == "built", log
    for name in ("bilingual.html", "bilingual.ja.html", "bilingual.ja.ipynb", "index.ja.html"):
        assert (out / name).is_file(), name
    assert sorted(p.name for p in (out / "figures" / "bilingual.ja").iterdir()) == [
        "by-year-table.csv",
        "by-year.csv",
        "by-year.png",
        "by-year.svg",
    ]


def test_the_japanese_page_links_its_own_figures_and_notebook(out):
    html = (out / "bilingual.ja.html").read_text(encoding="utf-8")
    links = set(re.findall(r'(?:href|src)="([^"#:]+)"', html))
    assert "figures/bilingual.ja/by-year.png" in links
    assert "bilingual.ja.ipynb" in links and "index.ja.html" in links
    assert all((out / link).is_file() for link in links), links


def test_a_report_without_its_translation_fails_alone_naming_the_block(built):
    out, outcomes, _ = built
    failed = outcomes["untranslated.ja"]
    assert failed.status.value == "failed"
    assert failed.error == (
        "cannot build the page: the Markdown block 'A paragraph the catalog has never seen, "
        "so its Japanese page' in tests/fixtures/pages_ja/untranslated.ipynb cell 0 has no "
        "'ja' translation: run `make messages` and translate it in "
        "lib/jpbudget/locale/ja/LC_MESSAGES/jpbudget.po"
    )
    assert outcomes["untranslated"].status.value == "built"
    assert (out / "failed" / "untranslated.ja.ipynb").is_file()
    assert not (out / "untranslated.ja.html").exists()


def test_the_saved_japanese_notebook_tells_its_story_in_japanese(out):
    nb = nbformat.read(out / "bilingual.ja.ipynb", as_version=4)
    assert nb.cells[0].source == "当初予算"  # the fixture's "Initial budget"
    assert nb.metadata["jpbudget"]["parameters"] == {"lang": "ja"}


def test_both_pages_show_the_fixtures_key_figures_each_in_its_language(out):
    en, ja = read_page(out / "bilingual.html"), read_page(out / "bilingual.ja.html")
    assert en.values == ja.values == ["332800000000", "1239000000000", "3.7229"]
    assert "¥332.8 billion" in en.text and "¥1.239 trillion" in en.text and "3.72×" in en.text
    assert "3328億円" in ja.text and "1兆2390億円" in ja.text and "3.72倍" in ja.text


def test_the_japanese_page_quotes_titles_as_published_without_english_glosses(out):
    ja = read_page(out / "bilingual.ja.html").text
    en = read_page(out / "bilingual.html").text
    title = "経産省予算は5割増の3兆円超へ、最先端半導体やAI関連には3.7倍の計1兆2390億円計上"
    gloss = "METI budget up 50% to over 3 trillion yen"
    assert title in ja and title in en
    assert gloss in en and gloss not in ja


def test_the_japanese_landing_page_lists_the_japanese_reports(out):
    ja = read_page(out / "index.ja.html")
    assert ja.lang == "ja" and ja.switch == {"en": "index.html"}
    assert "半導体・AI予算は3.72倍に" in ja.text  # the Japanese finding's title
    assert "日本語訳のない文章を含むノートブック" in ja.text  # description_ja
    assert "Chips and AI money" not in ja.text
    html = (out / "index.ja.html").read_text(encoding="utf-8")
    assert 'href="bilingual.ja.html"' in html and 'href="bilingual.html"' not in html


def test_the_japanese_landing_page_says_in_japanese_that_a_report_failed(out):
    """The failed run's error is quoted as the program wrote it, the rest is Japanese."""
    ja = read_page(out / "index.ja.html").text
    assert (
        "作成に失敗した。詳細は「失敗した実行」のノートブックにある。"
        "プログラムのメッセージ：MissingTranslationError: the Markdown block"
    ) in ja
    html = (out / "index.ja.html").read_text(encoding="utf-8")
    assert '<a href="failed/untranslated.ja.ipynb">失敗した実行</a>' in html


def test_the_landing_build_details_join_sentences_as_each_language_writes_them(out):
    """English sentences are separated by a space, Japanese ones follow 。 directly."""
    en = read_page(out / "index.html").text
    ja = read_page(out / "index.ja.html").text
    assert "from the manifest. Times are UTC." in en
    assert "で作成。時刻は協定世界時（UTC）。" in ja


def test_a_japanese_label_is_followed_by_its_text_without_a_space(out):
    """A Japanese label ends in a full-width colon (出典：, ダウンロード：): no space after it."""
    ja = read_page(out / "bilingual.ja.html").text
    en = read_page(out / "bilingual.html").text
    assert "この図の引用の仕方：年度別の予算額、jp-chip-budget。" in ja
    assert "ダウンロード：PNG／SVG（文字を編集可能）／データ（CSV）" in ja
    assert "Download: PNG · SVG (editable text) · the data (CSV)" in en
    assert "： " not in ja


def test_short_cells_of_a_table_stay_on_one_line(out):
    """The years and amounts (2025年度, 1兆2390億円) are marked short and kept on one line by
    the page's stylesheet; the sources (long) still wrap, with a minimum width."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup((out / "bilingual.ja.html").read_text(encoding="utf-8"), "html.parser")
    rows = [
        [(cell.get_text(), "short" in cell.get("class", [])) for cell in row.find_all("td")]
        for row in soup.select("table.jpbudget-table tbody tr")
    ]
    assert [[short for _, short in row] for row in rows] == [[True, True, False]] * 2
    assert [text for text, _ in rows[1][:2]] == ["2026年度", "1兆2390億円"]
    css = soup.style.get_text()
    assert "td.short { white-space: nowrap; }" in css
    assert "td:not(.short):not(.num) { min-width: 7.5em; }" in css


def test_the_embedded_font_draws_every_japanese_character_of_the_page(out):
    """Every Japanese character of the body (the page's own translated words, the data, the
    switch's 日本語) is in the embedded IPAexGothic subset: no boxes without CJK fonts."""
    for name in ("bilingual.ja.html", "index.ja.html", "bilingual.html", "index.html"):
        html = (out / name).read_text(encoding="utf-8")
        body = html.split("</style>", 1)[1]
        needed = set(re.findall(r"[\u3000-\u303f\u3040-\u30ff\u4e00-\u9fff\uff00-\uffef]", body))
        assert "日" in needed, name
        data = re.search(r'url\("data:font/woff;base64,([^"]+)"\)', html)
        assert data, name
        cmap = TTFont(io.BytesIO(base64.b64decode(data.group(1)))).getBestCmap()
        assert {c for c in needed if ord(c) not in cmap} == set(), name


# --- the checks themselves catch what they are for ---------------------------------------------


def test_the_checks_catch_an_english_sentence_on_a_japanese_page(out, tmp_path):
    for name in ("bilingual.html", "bilingual.ja.html", "bilingual.ipynb", "bilingual.ja.ipynb"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    page = tmp_path / "bilingual.ja.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(html.replace("当初予算", "Initial budget"), encoding="utf-8")
    assert check_pair(tmp_path, "bilingual") == [
        "bilingual.ja.html: English words ['Initial', 'budget']"
    ]


def test_the_checks_catch_a_broken_switch_and_a_different_figure(out, tmp_path):
    for name in ("bilingual.html", "bilingual.ja.html", "bilingual.ipynb", "bilingual.ja.ipynb"):
        (tmp_path / name).write_bytes((out / name).read_bytes())
    page = tmp_path / "bilingual.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace('href="bilingual.ja.html"', 'href="other.ja.html"')
    page.write_text(html.replace('data-value="3.7229"', 'data-value="3.72"'), encoding="utf-8")
    problems = check_pair(tmp_path, "bilingual")
    assert "bilingual.html: the switch to Japanese links 'other.ja.html'" in problems
    assert any(p.startswith("bilingual: key figures differ") for p in problems)


def test_source_titles_are_allowed_english_but_other_words_are_not():
    allowed = source_texts()
    assert "Japan eyes 332.8 b. yen to support semiconductor sector in FY 2025" in allowed
    view = read_page_text(
        "出典「Japan eyes 332.8 b. yen to support semiconductor sector in FY 2025」"
    )
    assert english_words(view, allowed) == []
    view = read_page_text("予算は増える。This sentence is English. US$ AI Rapidus")
    assert english_words(view, allowed) == ["This", "sentence", "is", "English"]


def read_page_text(text: str, lang: str = "ja"):
    from page_checks import PageView

    return PageView(lang=lang, text=text)


def test_figures_as_the_sources_printed_them_may_stand_on_an_english_page():
    """budget-lines' 6300億円程度, mof-peer-comparison's 約7.1兆円, the claims' stated texts:
    quoted from data/, next to their English rendering (issue 9)."""
    allowed = allowed_texts()
    for printed in (
        "6300億円程度",
        "1兆2390億円",
        "527億ドル",
        "約7.1兆円",
        "about ¥1.23 trillion",
    ):
        assert printed in allowed, printed
    view = read_page_text(
        "The source prints 6300億円程度 (about ¥630 billion); MOF 約7.1兆円.", "en"
    )
    assert japanese_text(view, allowed) == []
    view = read_page_text("The source prints 6300億円くらい (about ¥630 billion).", "en")
    found = japanese_text(view, allowed)
    assert found and all("くらい" in context for context in found), found


def test_names_of_the_data_may_stay_in_latin_letters_on_a_japanese_page():
    """Outlets the claims credit and the acronyms of the data (BEA in gdp.csv's note, IPCEI in
    international-programmes.csv) are names; the English around them is not."""
    allowed, names = allowed_texts(), data_acronyms()
    assert {"BEA", "ESMC", "IPCEI", "NXP", "OECD"} <= names
    view = read_page_text(
        "Tech in AsiaとThe Edge Malaysiaの報道（Bloomberg）。米経済分析局（BEA）、OECD、"
        "IPCEI、ESMC（TSMCとNXPの合弁）"
    )
    assert english_words(view, allowed, names) == []
    view = read_page_text("The Edge Malaysia reported 約50％。")
    assert english_words(view, allowed, names) == ["reported"]


# --- in-process: escaping and the page's own words ----------------------------------------------


def _notebook(lang: str, poison: str = "") -> nbformat.NotebookNode:
    """A notebook of present outputs written in ``lang``, some fields from ``poison``."""
    source = present.Source(
        "Kyodo" + poison, "予算案" + poison, "2025-12", "https://example.org/a", gloss="Draft"
    )
    with i18n.using(lang):
        bundles = [
            present.finding_bundle(
                "題" + poison,
                "見出し" + poison,
                [present.KeyFigure("ラベル", "3.72倍", "3.7229", "computed")],
            ),
            present.sources_bundle([source]),
        ]
        about = provenance.about({"lang": lang})
        about_text = provenance.about_markdown(about)
    outputs = [
        nbformat.v4.new_output("display_data", data=data, metadata=metadata)
        for data, metadata in bundles
    ]
    outputs.append(
        nbformat.v4.new_output(
            "display_data",
            data={"text/markdown": about_text},
            metadata={"jpbudget": about},
        )
    )
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(outputs=outputs)]
    return nb


def test_markup_from_data_stays_inert_on_a_japanese_page():
    html = render_report(_notebook("ja", POISON), "x.ja", lang="ja").html
    assert "<script" not in html.split("</style>", 1)[1]
    assert "<img src=x" not in html
    text = read_page_from_html(html)
    assert f"題{POISON}" in text and f"予算案{POISON}" in text


def read_page_from_html(html: str) -> str:
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.html"
        path.write_text(html, encoding="utf-8")
        return read_page(path).text


def test_the_page_words_are_japanese_and_the_switch_links_the_counterpart():
    html = render_report(
        _notebook("ja"),
        "x.ja",
        lang="ja",
        counterparts={"en": "x.html", "ja": "x.ja.html"},
    ).html
    assert html.count('<a href="x.html" hreflang="en" lang="en" rel="alternate">English</a>') == 2
    assert '<html lang="ja">' in html
    text = read_page_from_html(html)
    for words in ("出典", "引用の仕方", "このレポートについて", "jp-chip-budget：レポート一覧"):
        assert words in text
    assert "Kyodo、2025年12月「予算案」" in text  # no English gloss on a Japanese page
    assert "Draft" not in text


def test_the_english_page_keeps_its_words_and_links_the_japanese_one():
    html = render_report(
        _notebook("en"), "x", lang="en", counterparts={"en": "x.html", "ja": "x.ja.html"}
    ).html
    assert '<html lang="en">' in html
    assert '<a href="x.ja.html" hreflang="ja" lang="ja" rel="alternate">日本語</a>' in html
    text = read_page_from_html(html)
    assert "Kyodo, December 2025: 予算案 (Draft)" in text
    assert "How to cite" in text and "About this report" in text
