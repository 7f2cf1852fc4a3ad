"""The report pages and the landing page, built by ``jpbudget reports`` on a temporary project.

The project holds the contract fixture notebook (tests/fixtures/pages/contract.ipynb: every
output role of docs/report-contract.md, displayed from ``data/sources.csv``, plus a log line
and a plain repr) and a variant of it. Expected values come from the fixture and the data files,
read here independently of the templates.
"""

from __future__ import annotations

import base64
import csv
import html
import io
import re
import struct
import unicodedata
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import nbformat
import pytest
from fontTools.ttLib import TTFont
from jpbudget.reports.export import render_report
from pages_project import REPO, build, fixture_project

SOURCES_CSV = REPO / "data" / "sources.csv"
POISON = '<img src=x onerror=alert(1)><script>alert("x")</script>'


class Page(HTMLParser):
    """The elements, attributes, text and links of an HTML page, in document order."""

    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text_parts: list[str] = []
        self.stack: list[str] = []
        self.in_style = False
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        self.elements.append((tag, dict(attrs)))
        self.in_style = tag == "style"

    def handle_endtag(self, tag):
        self.in_style = False

    def handle_data(self, data):
        if not self.in_style:
            self.text_parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", "".join(self.text_parts))

    def all(self, tag: str) -> list[dict[str, str | None]]:
        return [attrs for t, attrs in self.elements if t == tag]

    def hrefs(self) -> list[str]:
        return [a["href"] for a in self.all("a") if a.get("href")]


def sources() -> dict[str, dict[str, str]]:
    with SOURCES_CSV.open(encoding="utf-8") as handle:
        return {row["source_id"]: row for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def out(fixture_site) -> Path:
    return fixture_site / "reports"  # built once per session (conftest.py), shared, read only


@pytest.fixture(scope="module")
def page_html(out) -> str:
    return (out / "contract.html").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(page_html) -> Page:
    return Page(page_html)


# ---------------------------------------------------------------------------------------------
# A report page


def test_title_and_heading_are_the_findings_title(page):
    title = "Japan's chips & AI money grows 3.72-fold in the FY2026 draft"
    assert ("html", {"lang": "en"}) in page.elements
    assert page.text.startswith(" " + title) or page.text.lstrip().startswith(title)
    assert title in page.text.split("jp-chip-budget: all reports")[1][:80]


def test_page_title_element(page_html):
    (title,) = re.findall(r"<title>(.*?)</title>", page_html)
    assert html.unescape(title) == "Japan's chips & AI money grows 3.72-fold in the FY2026 draft"


def test_finding_comes_before_every_other_output(page):
    text = page.text
    headline = "In its FY2026 cabinet draft, METI's chips & AI envelope is ¥1,239.0 billion"
    assert text.index(headline) < text.index("The chips & AI envelope of the Ministry")
    assert text.index("1兆2390億円") < text.index("Growth by item")


def test_each_source_figure_links_to_its_source(page):
    rows = sources()
    links = {a.get("href") for a in page.all("a")}
    assert rows["jiji-2024-12-24-chips-ai-fy2025"]["url"] in links
    assert rows["toyokeizai-926558"]["url"] in links
    assert "Jiji Press (via nippon.com), 2024-12-24" in page.text
    assert "3.72× growth, FY2025 to the FY2026 draft computed from the figures" in page.text


def test_outputs_without_a_role_are_not_shown(page):
    assert "log line" not in page.text
    assert "[('chips & AI'" not in page.text  # the plain repr of `rows`
    assert "This report covers the chips & AI envelope." in page.text  # role-less Markdown


def test_no_code_and_no_scripts(page):
    assert "import csv" not in page.text
    assert page.all("script") == []
    assert not [a for _, a in page.elements if any(k.startswith("on") for k in a)]


def test_content_security_policy_forbids_scripts(page):
    (meta,) = [m for m in page.all("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(d.strip().split(" ", 1) for d in meta["content"].split(";"))
    assert policy["default-src"] == "'none'"
    assert "script-src" not in policy  # falls back to default-src 'none'
    assert policy["font-src"] == "data:"


def test_table_is_a_real_table_with_a_csv_download(out, page):
    assert re.findall(r"<th>([^<]+)</th>", (out / "contract.html").read_text(encoding="utf-8"))[
        :5
    ] == ["Item", "FY2025", "FY2026", "Multiple", "Source"]
    assert "figures/contract/growth-by-item.csv" in page.hrefs()
    rows = list(csv.reader(io.StringIO((out / "figures/contract/growth-by-item.csv").read_text())))
    assert rows[0] == ["item", "fy2025", "fy2026", "multiple", "source"]
    assert rows[1][0] == "chips & AI" and rows[1][-1] == "Jiji Press (via nippon.com), 2024-12-24"


def test_chart_shows_the_png_with_caption_cite_and_downloads(out, page):
    (img,) = page.all("img")
    assert img["src"] == "figures/contract/chips-ai-by-year.png"
    png = (out / img["src"]).read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width, _height = struct.unpack(">II", png[16:24])
    assert width == 1600  # 8 in at 200 dpi, as drawn by the fixture
    assert "Chips & AI money by fiscal year; FY2026 is the cabinet draft." in page.text
    assert "How to cite this chart: “Chips & AI money grows 3.72-fold”" in page.text
    for suffix in (".png", ".svg", ".csv"):
        assert f"figures/contract/chips-ai-by-year{suffix}" in page.hrefs()
    svg = (out / "figures/contract/chips-ai-by-year.svg").read_text(encoding="utf-8")
    assert "<text" in svg and "chips &amp; AI money grows" in svg
    data = (out / "figures/contract/chips-ai-by-year.csv").read_text(encoding="utf-8")
    assert data.splitlines()[0] == "fiscal_year,amount_jpy,status,source"


def test_sources_then_one_cite_line_then_about_folded(page_html, page):
    text = page.text
    page_cite = text.index("How to cite Japan's chips")
    assert text.index("Sources") < page_cite < text.index("About this report")
    assert text.count("How to cite") == 2  # the page's line and the chart's
    assert re.search(
        r"grows 3\.72-fold in the FY2026 draft\. jp-chip-budget: Japan's public money for "
        r"semiconductors and AI, data version 0123456789ab, generated \d{4}-\d\d-\d\d\.",
        text,
    )
    about = page_html[page_html.index('<details class="about"') :]
    assert "<summary>About this report</summary>" in about
    assert "scope = chips-ai" in about and "open" not in about.split(">")[0]


def test_japanese_source_headline_is_shown_in_the_sources(page):
    assert sources()["toyokeizai-926558"]["title"] in page.text


def _is_japanese(char: str) -> bool:
    name = unicodedata.name(char, "")
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "FULLWIDTH", "IDEOGRAPHIC"))


def test_embedded_font_is_ipaexgothic_with_every_japanese_glyph_of_the_page(page_html, page):
    match = re.search(
        r'url\("data:font/woff;base64,([A-Za-z0-9+/=]+)"\) format\("woff"\)', page_html
    )
    assert match
    font = TTFont(io.BytesIO(base64.b64decode(match.group(1))))
    assert font.flavor == "woff"
    assert font["name"].getDebugName(1) == "IPAexGothic"
    needed = {c for c in page.text if _is_japanese(c)}
    assert "経" in needed and "億" in needed
    assert needed <= {chr(c) for c in font.getBestCmap()}
    assert "A" not in {chr(c) for c in font.getBestCmap()}  # Latin text keeps the Latin font


def test_every_relative_link_resolves_inside_reports(out):
    for html_file in out.glob("*.html"):
        page = Page(html_file.read_text(encoding="utf-8"))
        ids = {attrs.get("id") for _, attrs in page.elements}
        for href in page.hrefs():
            parts = urlsplit(href)
            if parts.scheme in {"http", "https"}:
                continue  # a source's own address
            if href.startswith("#"):
                assert html.unescape(href[1:]) in ids, (html_file.name, href)
                continue
            assert not parts.scheme and not href.startswith(("/", "..")), (html_file.name, href)
            target = (out / parts.path).resolve()
            assert target.is_relative_to(out.resolve()) and target.is_file(), (html_file, href)


# ---------------------------------------------------------------------------------------------
# The landing page


@pytest.fixture(scope="module")
def index(out) -> Page:
    return Page((out / "index.html").read_text(encoding="utf-8"))


def test_index_lists_each_report_with_its_title_and_finding(index):
    text = index.text
    assert "Japan's public money for chips and AI" in text
    title = "Japan's chips & AI money grows 3.72-fold in the FY2026 draft"
    assert title in text
    assert "In its FY2026 cabinet draft, METI's chips & AI envelope is ¥1,239.0 billion" in text
    assert "contract.html" in index.hrefs()


def test_index_describes_variants_in_words(index):
    assert "Also: For METI's whole budget" in index.text
    assert "contract-meti-total.html" in index.hrefs()
    visible = index.text.split("Build details")[0]
    assert "scope" not in visible and "contract-meti-total" not in visible


def test_index_build_details_are_folded(out):
    text = (out / "index.html").read_text(encoding="utf-8")
    details = text[text.index('<details class="build">') :]
    assert "<summary>Build details</summary>" in details
    assert "scope = &#39;meti-total&#39;" in details
    assert "contract.ipynb" in details and "ok" in details


# ---------------------------------------------------------------------------------------------
# Escaping: data titles and publishers and a manifest description with markup in them


@pytest.fixture(scope="module")
def poisoned(tmp_path_factory) -> Path:
    root = fixture_project(tmp_path_factory.mktemp("poisoned"))
    path = root / "data" / "sources.csv"
    with path.open(encoding="utf-8") as handle:
        reader = csv.DictReader(handle)
        fields, rows = reader.fieldnames, list(reader)
    for row in rows:
        row["title"] += " " + POISON
        row["publisher"] += " " + POISON
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    manifest = root / "reports" / "reports.yaml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(
        text.replace("description: for METI's whole budget", f"description: '{POISON}'"),
        encoding="utf-8",
    )
    return build(root)


@pytest.mark.parametrize("name", ["contract.html", "contract-meti-total.html", "index.html"])
def test_markup_from_data_and_manifest_is_inert(poisoned, name):
    page = Page((poisoned / name).read_text(encoding="utf-8"))
    assert page.all("script") == []
    assert [a for a in page.all("img") if "onerror" in a] == []
    assert not [a for _, a in page.elements if any(k.startswith("on") for k in a)]
    assert POISON in page.text  # shown as text, escaped


def test_the_sanitiser_makes_raw_markup_in_markdown_inert():
    """Second line of defence: Markdown that reaches the page with raw HTML in it."""
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(f"A cell {POISON}"),
        nbformat.v4.new_code_cell(
            outputs=[
                nbformat.v4.new_output(
                    "display_data", data={"text/markdown": f"An output {POISON}"}
                )
            ]
        ),
    ]
    page = Page(render_report(nb, "raw").html)
    assert page.all("script") == [] and page.all("img") == []
    assert f"A cell {POISON}" in page.text and f"An output {POISON}" in page.text


def _chart_output(name: str) -> dict:
    return nbformat.v4.new_output(
        "display_data",
        data={"image/png": "iVBORw0KGgo=", "text/plain": "a chart"},
        metadata={"jpbudget": {"role": "chart", "name": name, "caption": "c", "cite": "c"}},
    )


def test_two_charts_with_one_name_are_refused_naming_the_report_and_cell():
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(outputs=[_chart_output("by-year")]),
        nbformat.v4.new_code_cell(outputs=[_chart_output("by-year")]),
    ]
    with pytest.raises(ValueError, match=r"report 'r', cell 1: chart name 'by-year' is already"):
        render_report(nb, "r")


def test_a_table_named_like_its_chart_gets_its_own_csv():
    table = nbformat.v4.new_output(
        "display_data",
        data={"text/html": "<table><tr><td>1</td></tr></table>", "text/csv": "a,source\n1,x\n"},
        metadata={"jpbudget": {"role": "table", "name": "by-year", "caption": "t"}},
    )
    chart = _chart_output("by-year")
    chart.data["text/csv"] = "b,source\n2,y\n"
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(outputs=[table, chart])]
    page = render_report(nb, "r")
    assert page.files["by-year-table.csv"] == b"a,source\n1,x\n"
    assert page.files["by-year.csv"] == b"b,source\n2,y\n"
    assert "figures/r/by-year-table.csv" in Page(page.html).hrefs()


def test_a_chart_name_that_is_not_a_file_stem_is_refused():
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(outputs=[_chart_output("../By Year")])]
    with pytest.raises(ValueError, match=r"report 'r', cell 0: a chart output needs a 'name'"):
        render_report(nb, "r")


def test_a_sources_heading_cell_is_not_repeated_above_the_pages_own():
    nb = nbformat.v4.new_notebook()
    sources_output = nbformat.v4.new_output(
        "display_data",
        data={"text/markdown": "- Toyo Keizai, undated: a title"},
        metadata={"jpbudget": {"role": "sources"}},
    )
    nb.cells = [
        nbformat.v4.new_markdown_cell("## Sources"),
        nbformat.v4.new_code_cell(outputs=[sources_output]),
    ]
    page = Page(render_report(nb, "r").html)
    assert page.text.count("Sources") == 1
    assert "Toyo Keizai, undated: a title" in page.text
