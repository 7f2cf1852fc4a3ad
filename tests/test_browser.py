"""The built pages in a real browser: headless Chromium (the Debian package) driven by Playwright.

Two builds on temporary copies of the project, shared with the other tests of the session
(conftest.py): the pages fixture (every output role) and the project's own manifest (every
report, in every language). Each page (the landing pages and every report) is opened from a
local HTTP server serving the project folder, at 1280 px and at 390 px wide, and checked: no
console errors, no failed requests, every image loaded with a size, every link inside
``reports/``, no horizontal scrolling, Japanese text drawn with the embedded IPAexGothic.

Then what a reader sees (``innerText``: folded ``<details>`` excluded): the key figures of the
finding in the first screen, no data key or source id, and the draft called a draft.

Each page is loaded once, at the first width, and resized to the other (the pages are the same
files at every width); a few tabs load pages at once, each tab reused for page after page, and
what the checks need is read as soon as a page has loaded (``Seen``), so that dozens of pages
never stay open at once. ``JPBUDGET_SCREENSHOTS=<folder>`` also saves a full-page screenshot of
each.

Without Chromium the module is skipped, with the reason, never passed.
"""

from __future__ import annotations

import csv
import dataclasses
import functools
import http.server
import json
import os
import re
import shutil
import threading
import urllib.error
import urllib.request
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
#: Pages loading at once: enough to overlap their network waits, few enough for two cores.
AT_ONCE = 4


# ---------------------------------------------------------------------------------------------
# Builds, server, browser


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module", params=["project", "fixture"])
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


def pages_of(root: Path) -> list[str]:
    """The landing pages first (``index.html``, then any other language's), then the reports."""
    names = sorted(p.name for p in (root / "reports").glob("*.html"))
    landing = [n for n in names if n.split(".")[0] == "index"]
    return landing + [n for n in names if n not in landing]


def reports_of(root: Path) -> list[str]:
    return [n for n in pages_of(root) if n.split(".")[0] != "index"]


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

IMAGES = (
    "Array.from(document.images).map(i => [i.currentSrc, i.complete, i.naturalWidth,"
    " i.getBoundingClientRect().width])"
)

#: Every link: its address, and whether its fragment (if any) names an element of this page
#: (ids may be kept percent-encoded by nbconvert).
LINKS = """() => Array.from(document.links).map(a => {
    const f = new URL(a.href).hash.slice(1);
    let target = false;
    if (f) {
        let decoded = f;
        try { decoded = decodeURIComponent(f); } catch (e) {}
        target = document.getElementById(f) !== null || document.getElementById(decoded) !== null;
    }
    return [a.href, target];
})"""


@dataclasses.dataclass
class Seen:
    """What the checks need from one page at one width, read right after it loaded."""

    problems: list[str]
    images: list
    scroll: tuple[int, int]
    first_screen: str
    links: list = dataclasses.field(default_factory=list)  # desktop only
    visible: str = ""  # desktop only
    japanese_fonts: list = dataclasses.field(default_factory=list)  # desktop only: JapaneseText


class Visit:
    """A browser tab that loads pages one after another, with what went wrong while loading the
    current one.

    ``open(url, size)`` starts loading ``url`` at ``size`` (width, height); ``wait()`` returns
    once the page, its images and stylesheets have loaded (the pages run no scripts) and the
    fonts are ready, so that several tabs load at once. A tab is reused for the next page
    rather than a new one opened for each: the same origin keeps its renderer process, and the
    browser's work for the 30 pages of the project fell from 5.8 to 4.2 s of CPU, every value
    read the same.
    """

    def __init__(self, context):
        self.context = context
        self.page = context.new_page()
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

    def open(self, url: str, size: tuple[int, int]) -> Visit:
        """Start loading ``url`` at ``size``, with a list of problems of its own."""
        self.problems = []
        self.resize(size)
        self.page.goto(url, wait_until="commit")
        return self

    def wait(self) -> Visit:
        self.page.wait_for_load_state("load")
        self.page.evaluate("document.fonts.ready.then(() => true)")
        return self

    def resize(self, size: tuple[int, int]) -> None:
        """Lay the page out at ``size`` (width, height), as a window of that size would: the
        reads that follow force the layout (the pages run no scripts), so no frame is awaited
        (every value read was the same with one, for all 30 pages at both widths)."""
        if self.page.viewport_size != {"width": size[0], "height": size[1]}:
            self.page.set_viewport_size({"width": size[0], "height": size[1]})

    def read(self, desktop: bool) -> Seen:
        seen = Seen(
            problems=self.problems,
            images=self.page.evaluate(IMAGES),
            scroll=tuple(
                self.page.evaluate(
                    "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
                )
            ),
            first_screen=self.page.evaluate(FIRST_SCREEN_TEXT),
        )
        if desktop:
            seen.links = self.page.evaluate(LINKS)
            seen.visible = self.page.evaluate("document.body.innerText")
            seen.japanese_fonts = japanese_elements_fonts(self)
        return seen


@pytest.fixture(scope="module")
def seen(site, browser) -> dict[tuple[str, str], Seen]:
    """Every page of ``site`` loaded once (a few at a time) and read at each width: what the
    checks below look at, by ``(width, page name)``. A page is loaded at the first width and
    resized to the others (the pages serve the same files at every width: no srcset, no media
    attributes), which halves the browser's work."""
    name, root, base = site
    shots = os.environ.get("JPBUDGET_SCREENSHOTS")
    found: dict[tuple[str, str], Seen] = {}
    (first, first_size), *others = WIDTHS.items()
    context = browser.new_context(viewport={"width": first_size[0], "height": first_size[1]})
    names = pages_of(root)
    try:
        tabs = [Visit(context) for _ in range(min(AT_ONCE, len(names)))]
        for start in range(0, len(names), AT_ONCE):
            batch = {
                p: tab.open(f"{base}/reports/{p}", first_size)
                for p, tab in zip(names[start:][:AT_ONCE], tabs, strict=False)
            }
            for page_name, visit in batch.items():
                visit.wait()
                for width, size in [(first, first_size), *others]:
                    visit.resize(size)
                    found[width, page_name] = visit.read(desktop=width == "desktop")
                    if shots:
                        stem = page_name.removesuffix(".html")
                        shot = Path(shots) / f"{name}-{stem}-{width}.png"
                        shot.parent.mkdir(parents=True, exist_ok=True)
                        visit.page.screenshot(path=str(shot), full_page=True)
    finally:
        context.close()  # and its tabs
    return found


def seen_all(site, seen, width: str):
    _, root, _ = site
    for page_name in pages_of(root):
        yield page_name, seen[width, page_name]


# ---------------------------------------------------------------------------------------------
# Loading, images, links, layout, font


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_load_cleanly_with_every_image(site, seen, width):
    checked = 0
    for page_name, page in seen_all(site, seen, width):
        assert page.problems == [], (page_name, page.problems)
        for src, complete, natural, shown in page.images:
            assert complete and natural > 0 and shown > 0, (page_name, src)
        checked += 1
    assert checked >= 2


def _status(url: str) -> int:
    request = urllib.request.Request(url, method="HEAD")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def test_every_link_resolves_inside_reports(site, seen):
    base = site[2]
    status: dict[str, int] = {}  # each address is asked once: the server is static
    for page_name, page in seen_all(site, seen, "desktop"):
        for href, target in page.links:
            parts = urlsplit(href)
            if not href.startswith(base):
                assert parts.scheme == "https" or parts.scheme == "http", (page_name, href)
                continue  # a source's own address: not fetched
            assert parts.path.startswith("/reports/"), (page_name, href)
            address = href.split("#", 1)[0]
            if address not in status:
                status[address] = _status(address)
            assert status[address] == 200, (page_name, href, status[address])
            if parts.fragment:
                assert target or not parts.path.endswith(page_name), (page_name, href)
    assert status, "no link inside reports/ was checked"


def test_no_horizontal_scroll_on_a_phone(site, seen):
    for page_name, page in seen_all(site, seen, "phone"):
        scroll, client = page.scroll
        assert scroll <= client, (page_name, scroll, client)


#: Marks every element whose own text has Japanese characters, unfolding folded blocks first (a
#: closed <details> lays out no text to check), and groups them by the computed style that
#: chooses a font for a character (family, weight, style, stretch, variant, language). Into the
#: first element of each group goes a probe: an element of its own holding every Japanese
#: character of the group, once. Chromium picks a font character by character from these
#: properties alone, so the probe is drawn in one font only if every character of the group is.
#: A group whose probe does not compute the same style is checked element by element instead.
MARK_JAPANESE = """re => {
    const jp = new RegExp(re, 'g');
    document.querySelectorAll('details').forEach(d => { d.open = true; });
    const key = el => {
        const s = getComputedStyle(el);
        const lang = (el.closest('[lang]') || document.documentElement).getAttribute('lang');
        return [s.fontFamily, s.fontWeight, s.fontStyle, s.fontStretch, s.fontVariant,
                s.fontFeatureSettings, lang].join('|');
    };
    const groups = new Map();
    for (const el of document.querySelectorAll('body *')) {
        const own = Array.from(el.childNodes).filter(n => n.nodeType === 3)
            .map(n => n.textContent).join('');
        const chars = own.match(jp);
        if (!chars || !el.getClientRects().length) continue;
        const k = key(el);
        if (!groups.has(k)) groups.set(k, {elements: [], chars: new Set()});
        groups.get(k).elements.push(el);
        chars.forEach(c => groups.get(k).chars.add(c));
    }
    let n = 0;
    for (const [k, group] of groups) {
        const probe = document.createElement('jpbudget-font-probe');
        probe.textContent = Array.from(group.chars).sort().join('');
        probe.setAttribute('data-like', group.elements[0].outerHTML.slice(0, 200));
        group.elements[0].appendChild(probe);
        if (key(probe) === k && probe.getClientRects().length) {
            probe.setAttribute('data-jp', String(n));
            probe.setAttribute('data-count', String(group.elements.length));
        } else {
            probe.remove();
            group.elements.forEach(el => el.setAttribute('data-jp', String(n)));
        }
        n += 1;
    }
    return n;
}"""

UNMARK_JAPANESE = """() => {
    document.querySelectorAll('jpbudget-font-probe').forEach(p => p.remove());
    document.querySelectorAll('[data-jp]').forEach(e => e.removeAttribute('data-jp'));
}"""


@dataclasses.dataclass
class JapaneseText:
    """Japanese text of a page as Chromium draws it: ``fonts`` of ``CSS.getPlatformFontsForNode``.

    ``probe``: the text is every Japanese character of ``count`` elements of the same font style,
    drawn by one probe element (each character once), so every font it lists draws some of
    them; else it is one element's own text, Japanese or not."""

    label: str
    fonts: list[dict]
    probe: bool
    count: int = 1


def japanese_elements_fonts(visit) -> list[JapaneseText]:
    """The fonts Chromium draws the page's Japanese text with: one probe per font style
    (:data:`MARK_JAPANESE`), else element by element. The label is the element's HTML where
    the text lacks the embedded font (fetched only then)."""
    if visit.page.evaluate(MARK_JAPANESE, JAPANESE.pattern) == 0:
        return []  # no Japanese text: nothing marked, nothing to ask the browser
    cdp = visit.context.new_cdp_session(visit.page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    # the root alone: DOM.querySelectorAll sends the nodes it finds (the whole tree, every
    # element of the page, is not needed)
    document = cdp.send("DOM.getDocument", {"depth": 0})
    nodes = cdp.send(
        "DOM.querySelectorAll", {"nodeId": document["root"]["nodeId"], "selector": "[data-jp]"}
    )["nodeIds"]
    found = []
    for node in nodes:
        fonts = cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        attributes = cdp.send("DOM.getAttributes", {"nodeId": node})["attributes"]
        attributes = dict(zip(attributes[::2], attributes[1::2], strict=True))
        text = JapaneseText(
            label=f"group {attributes['data-jp']} of Japanese text",
            fonts=fonts,
            probe="data-count" in attributes,
            count=int(attributes.get("data-count", 1)),
        )
        if text.probe and not _in_embedded_font(text):
            text.label = f"{text.count} element(s) like {attributes['data-like']}"
        elif not _in_embedded_font(text):
            text.label = cdp.send("DOM.getOuterHTML", {"nodeId": node})["outerHTML"][:200]
        found.append(text)
    cdp.detach()
    visit.page.evaluate(UNMARK_JAPANESE)
    return found


def _in_embedded_font(text: JapaneseText) -> bool:
    """A probe's characters are all drawn with the embedded font (no other); an element's text
    has the embedded font among its fonts (its Latin letters and digits may have another)."""
    embedded = [f for f in text.fonts if f["familyName"] == FONT_FAMILY and f["isCustomFont"]]
    if text.probe:
        return bool(embedded) and len(embedded) == len(text.fonts)
    return bool(embedded)


def test_japanese_text_renders_with_the_projects_font(site, seen):
    count = 0
    for page_name, page in seen_all(site, seen, "desktop"):
        for text in page.japanese_fonts:
            assert _in_embedded_font(text), (page_name, text.label, text.fonts)
            count += text.count
    assert count > 0  # every build shows Japanese source headlines


def test_the_font_check_names_japanese_text_drawn_in_another_font(built_site, browser, tmp_path):
    page = (built_site / "reports" / "budget-growth.ja.html").read_text(encoding="utf-8")
    other = (
        '<p style="font-family: serif">予算の表</p>'
        '<p><b style="font-family: monospace">補正</b></p>'
    )
    (tmp_path / "page.html").write_text(page.replace("</main>", f"{other}</main>", 1), "utf-8")
    context = browser.new_context()
    try:
        visit = Visit(context).open((tmp_path / "page.html").as_uri(), (1280, 800)).wait()
        texts = japanese_elements_fonts(visit)
    finally:
        context.close()
    failing = [t.label for t in texts if not _in_embedded_font(t)]
    assert failing == [
        '1 element(s) like <p style="font-family: serif">予算の表</p>',
        '1 element(s) like <b style="font-family: monospace">補正</b>',
    ]
    assert sum(t.count for t in texts if _in_embedded_font(t)) > 100  # the page's own text


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


@pytest.mark.parametrize("width", WIDTHS)
def test_headline_figures_are_in_the_first_screen(site, seen, width):
    _, root, _ = site
    expected = findings(root)
    assert set(expected) == set(reports_of(root)), "every report page has a finding"
    for page_name in reports_of(root):
        first = seen[width, page_name].first_screen
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


def test_no_data_key_or_source_id_is_visible(site, seen):
    keys = data_keys()
    assert "toyokeizai-926558" in keys and "source_id" in keys
    for page_name, page in seen_all(site, seen, "desktop"):
        visible = page.visible
        shown = sorted(k for k in keys if re.search(rf"(?<![\w-]){re.escape(k)}(?![\w-])", visible))
        assert shown == [], (page_name, shown)
        assert "->" not in visible, page_name


def test_a_draft_is_called_a_draft(site, seen):
    for page_name, page in seen_all(site, seen, "desktop"):
        visible = page.visible
        if "FY2026" in visible:
            assert "draft" in visible.lower(), page_name
