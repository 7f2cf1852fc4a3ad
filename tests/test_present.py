"""jpbudget.present: the display bundles of docs/report-contract.md, exactly."""

from __future__ import annotations

import base64
import io
import re
import struct

import matplotlib
import numpy as np
import pandas as pd
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from jpbudget import data, present
from jpbudget.present import KeyFigure, Source
from nbconvert.filters.markdown_mistune import markdown2html_mistune

TOYO = Source(
    publisher="Toyo Keizai",
    title="半導体・AIに1兆2390億円",
    date="2025-12-26",
    url="https://toyokeizai.net/articles/-/926558",
    gloss="¥1.239 trillion for chips and AI",
)
MOF = Source("Ministry of Finance", "Budget outline", "2022-11", "https://www.mof.go.jp/a")
HOSTILE = Source(
    publisher="<script>alert(1)</script>",
    title="<img src=x onerror=alert(1)> *bold* [x](javascript:alert(1)) $x$",
    date=None,
    url="https://example.org/a (b)",
)

FIGURES = [
    KeyFigure("Chips & AI, FY2026 cabinet draft", "1兆2390億円", "1239000000000", "source", TOYO),
    KeyFigure("Growth on FY2025", "3.72×", "3.7230", "computed", note="draft ÷ FY2025 initial"),
]


# --- escaping -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "html"),
    [
        ("<img src=x onerror=alert(1)>", "<p>&lt;img src=x onerror=alert(1)&gt;</p>"),
        ("*a* _b_ `c` ~~d~~", "<p>*a* _b_ `c` ~~d~~</p>"),
        ("[x](javascript:alert(1))", "<p>[x](javascript:alert(1))</p>"),
        ("$5 to $7", "<p>$5 to $7</p>"),
        ("- not a list", "<p>- not a list</p>"),
        ("3. not a list", "<p>3. not a list</p>"),
        ("# not a heading", "<p># not a heading</p>"),
        ("&amp; stays", "<p>&amp;amp; stays</p>"),
        ("a | b | c", "<p>a | b | c</p>"),
        ("line\nbreak", "<p>line break</p>"),
    ],
)
def test_escaped_markdown_renders_as_the_same_text_in_nbconvert(text, html):
    assert markdown2html_mistune(present.escape_markdown(text)).strip() == html


@pytest.mark.parametrize("url", ["javascript:alert(1)", "data:text/html,x", "/relative", "x"])
def test_a_source_address_other_than_http_is_refused(url):
    with pytest.raises(ValueError, match="expected an http:// or https:// address"):
        Source("P", "T", None, url)


def test_dates_keep_their_precision():
    assert Source("P", "T", "2025-12-26").when == "2025-12-26"
    assert Source("P", "T", "2022-11").when == "November 2022"
    assert Source("P", "T", "2024").when == "2024"
    assert Source("P", "T", pd.Timestamp("2023-04-25")).when == "2023-04-25"
    assert Source("P", "T", pd.NaT).when == "undated"
    with pytest.raises(ValueError, match="expected YYYY-MM-DD, YYYY-MM, YYYY or nothing"):
        Source("P", "T", "25 Dec")


def test_source_from_a_figures_row():
    row = {
        "publisher": "Toyo Keizai",
        "title": "t",
        "url": "https://toyokeizai.net/x",
        "published": pd.NaT,
        "source_id": "toyo",
    }
    assert Source.from_record(row) == Source("Toyo Keizai", "t", None, "https://toyokeizai.net/x")


# --- key figures and the finding -------------------------------------------------------------


def test_a_key_figure_value_is_an_exact_number_in_digits():
    with pytest.raises(
        ValueError, match=re.escape("'Growth': value '3.72x' is not an exact number")
    ):
        KeyFigure("Growth", "3.72×", "3.72x", "computed")
    with pytest.raises(ValueError, match="a source figure needs its source"):
        KeyFigure("Total", "¥1", "1", "source")
    with pytest.raises(ValueError, match="kind 'typed' is not source/computed"):
        KeyFigure("Total", "¥1", "1", "typed")


def test_finding_bundle():
    data, metadata = present.finding_bundle(
        "Chips & AI money nearly quadruples", "FY2026's draft gives 3.72× FY2025.", FIGURES
    )
    assert data == {
        "text/markdown": (
            "FY2026's draft gives 3.72× FY2025.\n"
            "\n"
            "- Chips &amp; AI, FY2026 cabinet draft: **1兆2390億円** — "
            "[Toyo Keizai, 2025-12-26](https://toyokeizai.net/articles/-/926558)\n"
            "- Growth on FY2025: **3\\.72×** (draft ÷ FY2025 initial) — computed\n"
        ),
        "text/plain": (
            "FY2026's draft gives 3.72× FY2025.\n"
            "- Chips & AI, FY2026 cabinet draft: 1兆2390億円\n"
            "- Growth on FY2025: 3.72×"
        ),
    }
    assert metadata == {
        "jpbudget": {
            "role": "finding",
            "title": "Chips & AI money nearly quadruples",
            "headline": "FY2026's draft gives 3.72× FY2025.",
            "figures": [
                {
                    "label": "Chips & AI, FY2026 cabinet draft",
                    "text": "1兆2390億円",
                    "value": "1239000000000",
                    "kind": "source",
                    "source": {
                        "title": "半導体・AIに1兆2390億円",
                        "publisher": "Toyo Keizai",
                        "date": "2025-12-26",
                        "url": "https://toyokeizai.net/articles/-/926558",
                    },
                    "note": None,
                },
                {
                    "label": "Growth on FY2025",
                    "text": "3.72×",
                    "value": "3.7230",
                    "kind": "computed",
                    "source": None,
                    "note": "draft ÷ FY2025 initial",
                },
            ],
        }
    }


def test_finding_with_hostile_source_text_renders_inert():
    figure = KeyFigure("<b>x</b>", "<img src=x onerror=alert(1)>", "1", "source", HOSTILE)
    data, _ = present.finding_bundle("t", "<script>alert(1)</script>", [figure])
    rendered = markdown2html_mistune(data["text/markdown"])
    assert "<script" not in rendered and "<img" not in rendered and "<b>" not in rendered
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in rendered
    assert 'href="https://example.org/a%20%28b%29"' in rendered


def test_finding_is_displayed_as_one_display_data_output():
    InteractiveShell.instance()
    with capture_output() as captured:
        present.finding("Title", "Headline.", FIGURES)
    assert len(captured.outputs) == 1
    output = captured.outputs[0]
    assert output.data == present.finding_bundle("Title", "Headline.", FIGURES)[0]
    assert output.metadata["jpbudget"]["role"] == "finding"


# --- sources ----------------------------------------------------------------------------------


def test_sources_bundle_lists_each_source_once_with_gloss_and_link():
    data, metadata = present.sources_bundle([TOYO, MOF, TOYO])
    assert data == {
        "text/markdown": (
            "- Toyo Keizai, 2025-12-26: [半導体・AIに1兆2390億円]"
            "(https://toyokeizai.net/articles/-/926558) (¥1.239 trillion for chips and AI)\n"
            "- Ministry of Finance, November 2022: [Budget outline](https://www.mof.go.jp/a)\n"
        ),
        "text/plain": (
            "Toyo Keizai, 2025-12-26: 半導体・AIに1兆2390億円 (¥1.239 trillion for chips and AI)"
            " <https://toyokeizai.net/articles/-/926558>\n"
            "Ministry of Finance, November 2022: Budget outline <https://www.mof.go.jp/a>"
        ),
    }
    assert metadata == {"jpbudget": {"role": "sources"}}


# --- tables -----------------------------------------------------------------------------------


def test_table_bundle_html_csv_and_plain_text():
    frame = pd.DataFrame(
        {
            "Fiscal year": pd.array([2025, 2026], dtype="Int64"),
            "Budget": pd.array(["initial", "cabinet draft"], dtype="str"),
            "Amount": pd.array(["¥332.8 billion", None], dtype="str"),
            "Source": [MOF, TOYO],
        },
        index=[7, 9],
    )
    data, metadata = present.table_bundle(frame, "chips-ai", "Chips & AI <by year>")
    assert data["text/html"] == (
        '<table class="jpbudget-table">\n'
        "<caption>Chips &amp; AI &lt;by year&gt;</caption>\n"
        "<thead>\n"
        '<tr><th scope="col">Fiscal year</th><th scope="col">Budget</th>'
        '<th scope="col">Amount</th><th scope="col">Source</th></tr>\n'
        "</thead>\n<tbody>\n"
        '<tr><td class="num">2025</td><td>initial</td><td>¥332.8 billion</td>'
        '<td><a href="https://www.mof.go.jp/a" title="Budget outline">'
        "Ministry of Finance, November 2022</a></td></tr>\n"
        '<tr><td class="num">2026</td><td>cabinet draft</td><td>–</td>'
        '<td><a href="https://toyokeizai.net/articles/-/926558" title="半導体・AIに1兆2390億円">'
        "Toyo Keizai, 2025-12-26</a></td></tr>\n"
        "</tbody>\n</table>\n"
    )
    assert data["text/csv"] == (
        "Fiscal year,Budget,Amount,source\n"
        "2025,initial,¥332.8 billion,"
        '"Ministry of Finance, November 2022: Budget outline <https://www.mof.go.jp/a>"\n'
        "2026,cabinet draft,,"
        '"Toyo Keizai, 2025-12-26: 半導体・AIに1兆2390億円 (¥1.239 trillion for chips and AI)'
        ' <https://toyokeizai.net/articles/-/926558>"\n'
    )
    assert data["text/plain"] == (
        "Chips & AI <by year>\n"
        "Fiscal year        Budget         Amount                             Source\n"
        "       2025       initial ¥332.8 billion Ministry of Finance, November 2022\n"
        "       2026 cabinet draft              –            Toyo Keizai, 2025-12-26"
    )
    assert metadata == {
        "jpbudget": {"role": "table", "name": "chips-ai", "caption": "Chips & AI <by year>"}
    }


def test_table_shows_long_text_and_many_rows_in_full():
    long = "x" * 300
    frame = pd.DataFrame({"Line": [long] * 80, "Row": range(80)})
    data, _ = present.table_bundle(frame, "long", "Long", source="Computed from the data")
    assert "..." not in data["text/plain"] and "…" not in data["text/plain"]
    assert data["text/plain"].count(long) == 80
    assert data["text/html"].count("<tr>") == 81
    assert "<caption>Long. Source: Computed from the data.</caption>" in data["text/html"]
    assert data["text/csv"].splitlines()[1] == f"{long},0,Computed from the data"


def test_table_with_hostile_cells_escapes_them():
    frame = pd.DataFrame({"Publisher": [HOSTILE.publisher], "Source": [HOSTILE]})
    data, _ = present.table_bundle(frame, "hostile", "<script>x</script>")
    html = data["text/html"]
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert 'title="&lt;img src=x onerror=alert(1)&gt; *bold*' in html


def test_table_refuses_data_keys_as_headers_and_bad_names():
    frame = pd.DataFrame({"amount_jpy": [1]})
    with pytest.raises(ValueError, match="column 'amount_jpy' looks like a data key"):
        present.table_bundle(frame, "t", "c", source="s")
    with pytest.raises(ValueError, match="table name 'Chips AI': expected lowercase words"):
        present.table_bundle(pd.DataFrame({"Amount": [1]}), "Chips AI", "c", source="s")


def test_table_without_any_source_is_refused():
    with pytest.raises(ValueError, match="table 't': the CSV needs a source column"):
        present.table_bundle(pd.DataFrame({"Amount": [1]}), "t", "c")


# --- charts -----------------------------------------------------------------------------------


@pytest.fixture
def agg():
    matplotlib.use("Agg")  # this test process only; notebook kernels keep their backend
    import matplotlib.pyplot as plt

    yield plt
    plt.close("all")


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", png[16:24])


def test_chart_bundle_png_svg_csv_and_title(agg):
    fig, ax = agg.subplots(figsize=(8, 4.5))
    ax.bar([0, 1], [1, 2])
    fig.suptitle("Chips & AI money: 3.72× in the FY2026 draft")
    data = pd.DataFrame({"Fiscal year": [2025, 2026], "source": ["MoF", "Toyo Keizai"]})
    bundle, metadata = present.chart_bundle(fig, data, "chips-ai", "Caption", "Cite this")
    assert set(bundle) == {"image/png", "image/svg+xml", "text/csv", "text/plain"}
    assert _png_size(base64.b64decode(bundle["image/png"])) == (1600, 900)
    assert "<text" in bundle["image/svg+xml"]
    assert "Chips &amp; AI money: 3.72× in the FY2026 draft" in bundle["image/svg+xml"]
    assert "<dc:date>" not in bundle["image/svg+xml"]
    assert bundle["text/csv"] == "Fiscal year,source\n2025,MoF\n2026,Toyo Keizai\n"
    assert bundle["text/plain"] == "Chips & AI money: 3.72× in the FY2026 draft"
    assert metadata == {
        "jpbudget": {"role": "chart", "name": "chips-ai", "caption": "Caption", "cite": "Cite this"}
    }
    assert present.chart_bundle(fig, data, "chips-ai", "Caption", "Cite this")[0] == bundle


def _pixels(png: bytes):
    from PIL import Image

    image = Image.open(io.BytesIO(png))
    return image.mode, image.info["dpi"], np.asarray(image.convert("RGBA"))


def _matplotlib_png(fig, dpi: int) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def test_an_opaque_chart_is_an_rgb_png_of_exactly_matplotlibs_pixels(agg):
    fig, ax = agg.subplots(figsize=(6.4, 3.6))
    ax.bar([0, 1], [1, 2], color=["#1f77b4", "#ff7f0e80"])  # a half-transparent bar
    ax.set_title("Chips & AI money")
    mode, dpi, pixels = _pixels(present.png_bytes(fig))
    assert mode == "RGB" and pixels.shape == (900, 1600, 4)  # 250 dpi: 1600 px wide
    assert dpi == pytest.approx((250, 250), abs=0.02)  # stored per metre: 9843 px/m
    assert np.array_equal(pixels, _pixels(_matplotlib_png(fig, 250))[2])


def test_a_figure_whose_pixel_size_is_a_hair_under_a_whole_number_is_written_whole(agg):
    # a claims chart of 27 rows and two thresholds: 0.62 * 27 + 2.9 + 0.18 * 2 inches high,
    # 19.999999999999996 in floating point; at 267 dpi, 5339.999999999999 pixels: matplotlib
    # 3.10 makes 5339 rows of them, 3.11 5340. Either way, an RGB PNG of matplotlib's pixels.
    fig, ax = agg.subplots(figsize=(6.0, 0.62 * 27 + 2.9 + 0.18 * 2))
    ax.barh(range(27), range(27))
    mode, _dpi, pixels = _pixels(present.png_bytes(fig))
    expected = _pixels(_matplotlib_png(fig, 267))[2]
    assert mode == "RGB" and pixels.shape[0] in (5339, 5340) and pixels.shape[1:] == (1602, 4)
    assert np.array_equal(pixels, expected)


def test_a_figure_saved_tight_is_written_by_matplotlib(agg):
    fig, ax = agg.subplots(figsize=(8, 4.5))
    ax.plot([0, 1], [0, 1])
    with matplotlib.rc_context({"savefig.bbox": "tight"}):
        png = present.png_bytes(fig)
        expected = _matplotlib_png(fig, 200)
    assert _pixels(png)[0] == "RGBA"
    assert np.array_equal(_pixels(png)[2], _pixels(expected)[2])


def test_a_transparent_figure_keeps_its_alpha(agg):
    fig, ax = agg.subplots(figsize=(8, 4.5))
    fig.patch.set_alpha(0.0)
    ax.patch.set_alpha(0.0)
    ax.plot([0, 1], [0, 1])
    mode, _dpi, pixels = _pixels(present.png_bytes(fig))
    assert mode == "RGBA" and pixels[0, 0, 3] == 0
    assert np.array_equal(pixels, _pixels(_matplotlib_png(fig, 200))[2])


def test_chart_needs_a_title_and_a_source_column(agg):
    fig, _ax = agg.subplots()
    data = pd.DataFrame({"Year": [1], "source": ["s"]})
    with pytest.raises(ValueError, match="the figure has no title"):
        present.chart_bundle(fig, data, "c", "Caption", "Cite")
    fig.suptitle("T")
    with pytest.raises(ValueError, match="chart 'c' data: the CSV needs a source column"):
        present.chart_bundle(fig, pd.DataFrame({"Year": [1]}), "c", "Caption", "Cite")


def test_sources_from_ids_of_the_data_use_the_english_gloss_when_there_is_one():
    table = data.load("sources").set_index("source_id")
    row = table.loc["toyokeizai-926558"]
    expected = Source(
        publisher=row["publisher"],
        title=row["title"],
        date=None if pd.isna(row["published"]) else row["published"],
        url=row["url"],
        gloss=row["title_en"] if isinstance(row.get("title_en"), str) and row["title_en"] else None,
    )
    assert Source.from_id("toyokeizai-926558") == expected
    assert present.sources_bundle(["toyokeizai-926558"]) == present.sources_bundle([expected])
    with pytest.raises(KeyError, match=re.escape("source id 'nope' is not in data/sources.csv")):
        Source.from_id("nope")


def test_font_path_for_pages_is_the_charts_font():
    from jpbudget.charts import font_path

    assert present.font_path() == font_path()
    assert present.font_path().name == "ipaexg.ttf"


def test_chart_data_defaults_to_what_a_jpbudget_chart_drew(agg):
    import jpbudget.analysis as an
    from jpbudget import charts

    fig = charts.chips_ai_funding_chart(an.chips_ai_by_year(2021, 2026, include_supplementary=True))
    bundle, _ = present.chart_bundle(fig, name="chips-ai", caption="Caption", cite="Cite")
    assert bundle["text/csv"] == present.csv_text(charts.drawn_data(fig))
    assert (
        bundle["text/csv"].splitlines()[0]
        == "Fiscal year,Budget,Amount (yen),Shown as,Marks,source"
    )
    with pytest.raises(ValueError, match="chart 'chips-ai': the 'How to cite' line is empty"):
        present.chart_bundle(fig, name="chips-ai", caption="Caption")


def test_chart_plain_text_is_the_title_without_the_line_breaks_of_the_image(agg):
    fig, _ax = agg.subplots()
    fig.suptitle("Chips & AI money:\nthe FY2026 draft")
    data = pd.DataFrame({"Year": [2026], "source": ["s"]})
    bundle, _ = present.chart_bundle(fig, data, "c", "Caption", "Cite")
    assert bundle["text/plain"] == "Chips & AI money: the FY2026 draft"


# --- Japanese (issue 12): the same records in the active language ----------------------------


def test_a_source_is_cited_in_japanese_without_its_english_gloss():
    from jpbudget import i18n

    with i18n.using("ja"):
        assert TOYO.when == "2025年12月26日" and MOF.when == "2022年11月"
        assert TOYO.short == "東洋経済、2025年12月26日"
        assert TOYO.citation == "東洋経済、2025年12月26日「半導体・AIに1兆2390億円」"
        assert Source("Kyodo", "題", None).short == "Kyodo、日付の記載なし"
    assert TOYO.citation == (
        "Toyo Keizai, 2025-12-26: 半導体・AIに1兆2390億円 (¥1.239 trillion for chips and AI)"
    )


def test_the_japanese_finding_marks_computed_figures_in_japanese():
    from jpbudget import i18n

    with i18n.using("ja"):
        data_, meta = present.finding_bundle("題", "見出し。", FIGURES)
    lines = data_["text/markdown"].splitlines()
    assert lines[2] == (
        "- Chips &amp; AI, FY2026 cabinet draft: **1兆2390億円** — "
        "[東洋経済、2025年12月26日](https://toyokeizai.net/articles/-/926558)"
    )
    assert lines[3] == "- Growth on FY2025: **3\\.72×** (draft ÷ FY2025 initial) — 計算値"
    assert [f["value"] for f in meta["jpbudget"]["figures"]] == ["1239000000000", "3.7230"]


def test_the_japanese_sources_list_quotes_titles_and_drops_glosses():
    from jpbudget import i18n

    with i18n.using("ja"):
        data_, _ = present.sources_bundle([TOYO, MOF])
    assert data_["text/markdown"] == (
        "- 東洋経済、2025年12月26日「[半導体・AIに1兆2390億円]"
        "(https://toyokeizai.net/articles/-/926558)」\n"
        "- 財務省、2022年11月「[Budget outline](https://www.mof.go.jp/a)」\n"
    )


def test_a_japanese_table_finds_its_source_column_and_writes_its_caption_in_japanese():
    from jpbudget import i18n

    with i18n.using("ja"):
        frame = pd.DataFrame({"年度": ["2026年度"], present.source_header(): [TOYO]})
        data_, _ = present.table_bundle(frame, "t", "年度別")
        labelled, _ = present.table_bundle(
            pd.DataFrame({"年度": ["2026年度"]}), "v", "年度別", source=TOYO
        )
        sentence, _ = present.table_bundle(
            pd.DataFrame({"年度": ["2026年度"]}), "u", "年度別。", source="上表から算出"
        )
    assert data_["text/csv"] == (
        "年度,source\n2026年度,"
        "東洋経済、2025年12月26日「半導体・AIに1兆2390億円」 <https://toyokeizai.net/articles/-/926558>\n"
    )
    assert '<th scope="col">出典</th>' in data_["text/html"]
    assert '<caption>年度別 <span class="source">出典：<a href=' in labelled["text/html"]
    assert "<caption>年度別（出典：上表から算出）</caption>" in sentence["text/html"]


def test_two_sources_of_a_cell_are_joined_as_each_language_writes_them():
    from jpbudget import i18n

    frame = pd.DataFrame({"Amount": ["¥1"], "Source": [[TOYO, MOF]]})
    english, _ = present.table_bundle(frame, "t", "Caption")
    with i18n.using("ja"):
        japanese, _ = present.table_bundle(
            frame.rename(columns={"Source": present.source_header()}), "t", "表"
        )
    assert "Toyo Keizai, 2025-12-26</a>; <a href=" in english["text/html"]
    assert "東洋経済、2025年12月26日</a>／<a href=" in japanese["text/html"]
    assert "東洋経済、2025年12月26日／財務省、2022年11月" in japanese["text/plain"]
