"""The built pages in a real browser: headless Chromium (the Debian package) driven by Playwright.

Two builds on temporary copies of the project, shared with the other tests of the session
(conftest.py): the pages fixture (every output role) and the project's own manifest (every
report, in every language). Each page (the index and every report) is opened from a
local HTTP server serving the project folder, at 1280 px and at 390 px wide, and checked: no
console errors, no failed requests, every image loaded with a size, every link inside
``reports/``, no horizontal scrolling, Japanese text drawn with the embedded IPAexGothic.
Screenshots of every page go to a temporary folder, printed at the end of the run.

Then what a reader sees (``innerText``: folded ``<details>`` excluded): the key figures of the
finding in the first screen, no data key or source id, and the draft called a draft.

Without Chromium the module is skipped, with the reason, never passed.
"""

from __future__ import annotations

import csv
import functools
import http.server
import json
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from pages_project import REPO

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
if CHROMIUM is None:
    pytest.skip(
        "no Chromium on this machine: install the Debian package (apt-get install chromium); "
        "CI (.ci/run) installs it",
        allow_module_level=True,
    )

from playwright.sync_api import sync_playwright  # noqa: E402

WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
FONT_FAMILY = "IPAexGothic"  # the name inside the embedded font (matplotlib-fontja's file)
JAPANESE = re.compile(r"[\u3000-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


# ---------------------------------------------------------------------------------------------
# Builds, server, browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module", params=["fixture", "project"])
def site(request):
    """``(name, project root, base URL)`` of a built project served over HTTP.

    The session's shared builds (conftest.py): the pages fixture, and every report of the
    project's manifest in every language.
    """
    root = request.getfixturevalue("fixture_site" if request.param == "fixture" else "built_site")
    handler = functools.partial(_Quiet, directory=str(root))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield request.param, root, f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox"], headless=True
        )
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def screenshots(request, tmp_path_factory):
    """The folder of the screenshots, printed (past pytest's capture) when the tests end."""
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    line = f"\nbrowser screenshots ({len(list(folder.glob('*.png')))} pages): {folder}"
    capture = request.config.pluginmanager.getplugin("capturemanager")
    if capture is None:  # capture off (-s)
        print(line)
        return
    with capture.global_and_fixture_disabled():
        print(line)


def pages_of(root: Path) -> list[str]:
    names = sorted(p.name for p in (root / "reports").glob("*.html") if p.name != "index.html")
    return ["index.html", *names]


class Visit:
    """A page opened at one width, with what went wrong while loading it.

    ``Visit(...)`` starts loading; ``wait()`` returns once the network is idle and the fonts are
    ready, so that several pages load at once.
    """

    def __init__(self, browser, url: str, size: tuple[int, int]):
        self.context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        self.page = self.context.new_page()
        self.problems: list[str] = []
        self.page.on(
            "console",
            lambda m: (
                self.problems.append(f"console {m.type}: {m.text}") if m.type == "error" else None
            ),
        )
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on(
            "requestfailed",
            lambda r: self.problems.append(f"request failed: {r.url} {r.failure}"),
        )
        self.page.on(
            "response",
            lambda r: (
                self.problems.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None
            ),
        )
        self.page.goto(url, wait_until="commit")

    def wait(self) -> Visit:
        self.page.wait_for_load_state("networkidle")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visits(site, browser, screenshots):
    """Every page of ``site`` opened once at each width, shared by the checks below.

    The checks only read a page (the font check removes the marks it adds), so one load per page
    and width serves them all; the pages of one width load at once. A screenshot of each page is
    taken as soon as it has loaded.
    """
    name, root, base = site
    opened: dict[tuple[str, str], Visit] = {}
    try:
        for width, size in WIDTHS.items():
            batch = {p: Visit(browser, f"{base}/reports/{p}", size) for p in pages_of(root)}
            opened |= {(width, p): visit for p, visit in batch.items()}
            for page_name, visit in batch.items():
                visit.wait()
                shot = screenshots / f"{name}-{page_name.removesuffix('.html')}-{width}.png"
                visit.page.screenshot(path=str(shot), full_page=True)
        yield opened
    finally:
        for visit in opened.values():
            visit.close()


def visit_all(site, visits, width: str):
    _, root, _ = site
    for page_name in pages_of(root):
        yield page_name, visits[width, page_name]


# ---------------------------------------------------------------------------------------------
# Loading, images, links, layout, font


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_load_cleanly_with_every_image(site, visits, width):
    checked = 0
    for page_name, visit in visit_all(site, visits, width):
        assert visit.problems == [], (page_name, visit.problems)
        images = visit.page.evaluate(
            "Array.from(document.images).map(i => [i.currentSrc, i.complete, i.naturalWidth,"
            " i.getBoundingClientRect().width])"
        )
        for src, complete, natural, shown in images:
            assert complete and natural > 0 and shown > 0, (page_name, src)
        checked += 1
    assert checked >= 2


def test_every_link_resolves_inside_reports(site, visits):
    base = site[2]
    for page_name, visit in visit_all(site, visits, "desktop"):
        hrefs = visit.page.evaluate("Array.from(document.links).map(a => a.href)")
        for href in hrefs:
            parts = urlsplit(href)
            if not href.startswith(base):
                assert parts.scheme == "https" or parts.scheme == "http", (page_name, href)
                continue  # a source's own address: not fetched
            assert parts.path.startswith("/reports/"), (page_name, href)
            response = visit.page.request.get(href)
            assert response.status == 200, (page_name, href, response.status)
            if parts.fragment:
                target = visit.page.evaluate(  # ids may be kept percent-encoded (nbconvert)
                    "f => (document.getElementById(f)"
                    " || document.getElementById(decodeURIComponent(f))) !== null",
                    parts.fragment,
                )
                assert target or not parts.path.endswith(page_name), (page_name, href)


def test_no_horizontal_scroll_on_a_phone(site, visits):
    for page_name, visit in visit_all(site, visits, "phone"):
        scroll, client = visit.page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert scroll <= client, (page_name, scroll, client)


def japanese_elements_fonts(visit) -> list[tuple[str, list[dict]]]:
    """(text, platform fonts) of every element whose own text has Japanese characters."""
    visit.page.evaluate(
        """re => {
        const jp = new RegExp(re);
        for (const el of document.querySelectorAll('body *')) {
            const own = Array.from(el.childNodes).filter(n => n.nodeType === 3)
                .map(n => n.textContent).join('');
            if (jp.test(own) && el.getClientRects().length) el.setAttribute('data-jp', '');
        }}""",
        JAPANESE.pattern,
    )
    cdp = visit.context.new_cdp_session(visit.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    document = cdp.send("DOM.getDocument", {"depth": -1})
    nodes = cdp.send(
        "DOM.querySelectorAll", {"nodeId": document["root"]["nodeId"], "selector": "[data-jp]"}
    )["nodeIds"]
    found = []
    for node in nodes:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        html = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"]
        found.append((html[:80], fonts))
    visit.page.evaluate(
        "document.querySelectorAll('[data-jp]').forEach(e => e.removeAttribute('data-jp'))"
    )
    return found


def test_japanese_text_renders_with_the_projects_font(site, visits):
    seen = 0
    for page_name, visit in visit_all(site, visits, "desktop"):
        for html, fonts in japanese_elements_fonts(visit):
            families = {f["familyName"]: f for f in fonts}
            assert FONT_FAMILY in families, (page_name, html, fonts)
            assert families[FONT_FAMILY]["isCustomFont"], (page_name, html, fonts)
            seen += 1
    assert seen > 0  # every build shows Japanese source headlines


# ---------------------------------------------------------------------------------------------
# What a reader sees


def findings(root: Path) -> dict[str, dict]:
    """Each built report's finding metadata, read from its executed notebook."""
    out = {}
    for path in (root / "reports").glob("*.ipynb"):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb["cells"]:
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get("jpbudget", {})
                if meta.get("role") == "finding":
                    out[f"{path.stem}.html"] = meta
    return out


FIRST_SCREEN_TEXT = """() => {
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const parts = [];
    while (walker.nextNode()) {
        const range = document.createRange();
        range.selectNodeContents(walker.currentNode);
        const r = range.getBoundingClientRect();
        if (r.height > 0 && r.top < window.innerHeight) parts.push(walker.currentNode.textContent);
    }
    return parts.join(' ').replace(/\\s+/g, ' ');
}"""


@pytest.mark.parametrize("width", WIDTHS)
def test_headline_figures_are_in_the_first_screen(site, visits, width):
    _, root, _ = site
    expected = findings(root)
    assert set(expected) == set(pages_of(root)[1:]), "every report page has a finding"
    for page_name, visit in visit_all(site, visits, width):
        if page_name == "index.html":
            continue
        first = visit.page.evaluate(FIRST_SCREEN_TEXT)
        finding = expected[page_name]
        assert finding["title"] in first, (page_name, width)
        for figure in finding["figures"][:3]:
            assert figure["text"] in first, (page_name, width, figure["text"])


#: Key values that are also ordinary English words: prose may use them ("multi-year aims").
ENGLISH_WORDS = {"multi-year"}


def data_keys() -> set[str]:
    """Source ids, and the slug-like key values and column names of every data table."""
    keys: set[str] = set()
    package = json.loads((REPO / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in package["resources"]:
        path = REPO / "data" / resource["path"]
        if path.suffix != ".csv":
            continue
        with path.open(encoding="utf-8") as handle:
            reader = csv.DictReader(handle)
            keys |= {f for f in reader.fieldnames or [] if "_" in f}
            key_fields = resource.get("schema", {}).get("primaryKey", [])
            key_fields = [key_fields] if isinstance(key_fields, str) else key_fields
            key_fields += [f for f in reader.fieldnames or [] if f.endswith("_id")]
            for row in reader:
                keys |= {row[f] for f in key_fields if row.get(f) and re.search(r"[-_]", row[f])}
    return keys - ENGLISH_WORDS


def test_no_data_key_or_source_id_is_visible(site, visits):
    keys = data_keys()
    assert "toyokeizai-926558" in keys and "source_id" in keys
    for page_name, visit in visit_all(site, visits, "desktop"):
        visible = visit.page.evaluate("document.body.innerText")
        shown = sorted(k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", visible))
        assert shown == [], (page_name, shown)
        assert "->" not in visible, page_name


def test_a_draft_is_called_a_draft(site, visits):
    for page_name, visit in visit_all(site, visits, "desktop"):
        visible = visit.page.evaluate("document.body.innerText")
        if "FY2026" in visible:
            assert "draft" in visible.lower(), page_name
