"""Checks of built report pages in both languages, for any folder ``jpbudget reports`` wrote.

Each check takes a page (its path) or a reports folder and returns the problems it found, one
sentence each (``[]``: none), so that a test can run them on the small fixture build and on a
shared build of every real report alike::

    from page_checks import check_site
    assert check_site(reports_folder) == []

A Japanese page ``NAME.ja.html`` and its English counterpart ``NAME.html`` (the landing pages
``index.ja.html`` and ``index.html`` too):

- declare their language (``<html lang>``) and link each other with the language switch
  (``<a hreflang>``);
- show the same key figures: the ``data-value`` of every ``.figure`` of the finding, in order,
  equal on both pages and equal to the ``value`` of the ``finding`` metadata of both executed
  notebooks;
- the Japanese page's visible text has no English word except the names in
  :data:`LATIN_NAMES` and the sources' titles and publishers as published
  (``data/sources.csv``); the English page's visible text has no Japanese character except in
  those titles, publishers and glosses.

Visible text excludes ``<style>``, ``<code>`` (commands, parameter values) and any element
marked with another language (``lang="en"`` around the switch's "English" on a Japanese page).
On a landing page, the row of a report whose last run failed reports the program's error as the
program wrote it and is not checked for language.
"""

from __future__ import annotations

import csv
import dataclasses
import json
import re
from html.parser import HTMLParser
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: Words that may stay in Latin letters on a Japanese page: proper nouns, units, file formats
#: and the project's own names. Anything else in Latin letters is English that was not written
#: in Japanese. (Source titles and publishers are allowed as published, see :func:`source_texts`.)
LATIN_NAMES = frozenset(
    {
        # the project, its tools and file formats
        "jp-chip-budget", "jpbudget", "Jupyter", "papermill", "git", "CSV", "PNG", "SVG",
        # units, currencies and institutions written in Latin letters in Japanese newspapers
        "US", "AI", "GDP", "ECB", "UTC", "EU", "CHIPS", "METI", "MOF",
        # companies
        "Rapidus", "TSMC", "JASM", "Micron", "Kioxia", "Intel", "Samsung", "SK", "hynix",
    }
)  # fmt: skip

_JAPANESE = re.compile(
    r"[\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uff00-\uffef]"
)
_URL = re.compile(r"https?://\S+")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9$'’_-]*")
_SKIPPED = {"style", "script", "code"}
_VOID = {"meta", "link", "br", "img", "hr", "input", "col", "wbr", "source"}


@dataclasses.dataclass
class PageView:
    """What a reader sees of a page, and what the checks need of its markup."""

    lang: str | None = None
    text: str = ""  # visible text in the page's own language, whitespace collapsed
    switch: dict[str, str] = dataclasses.field(default_factory=dict)  # hreflang -> href
    values: list[str] = dataclasses.field(default_factory=list)  # key figures' data-value


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.view = PageView()
        self.stack: list[tuple[str, bool]] = []  # (tag, hidden)
        self.parts: list[str] = []

    def _hidden(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.view.lang = attrs.get("lang")
        if tag == "a" and attrs.get("hreflang"):
            self.view.switch[attrs["hreflang"]] = attrs.get("href") or ""
        if "data-value" in attrs and "figure" in (attrs.get("class") or "").split():
            self.view.values.append(attrs["data-value"] or "")
        if tag in _VOID:
            return
        foreign = attrs.get("lang") not in (None, self.view.lang) and tag != "html"
        failed_row = tag == "tr" and "status-failed" in (attrs.get("class") or "")
        hidden = self._hidden() or tag in _SKIPPED or foreign or failed_row
        self.stack.append((tag, hidden))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break

    def handle_data(self, data):
        if not self._hidden():
            self.parts.append(data)


def read_page(path: Path) -> PageView:
    """The visible text, language, language switch and key-figure values of a page."""
    reader = _Reader()
    reader.feed(Path(path).read_text(encoding="utf-8"))
    reader.view.text = " ".join("".join(reader.parts).split())
    return reader.view


def source_texts(data_dir: Path = REPO / "data") -> list[str]:
    """Every source title, English gloss and publisher of ``data/sources.csv``, as published
    (whitespace collapsed), longest first: the text either language's page may quote."""
    with (data_dir / "sources.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    found = {
        " ".join(row[field].split())
        for row in rows
        for field in ("title", "title_en", "publisher")
        if row.get(field)
    }
    return sorted(found, key=len, reverse=True)


def _without(text: str, allowed: list[str]) -> str:
    for quoted in allowed:
        text = text.replace(quoted, " ")
    return _URL.sub(" ", text)


def english_words(
    view: PageView, allowed: list[str], names: frozenset[str] = frozenset()
) -> list[str]:
    """The words of a Japanese page's text that are English (not a name of :data:`LATIN_NAMES`
    or ``names``, not in a quoted source title or publisher, not a number or code such as
    sha256)."""
    words = _WORD.findall(_without(view.text, allowed))
    return [
        w
        for w in words
        if sum(c.isalpha() for c in w) >= 2
        and not any(c.isdigit() for c in w)
        and w.strip("'’-_$") not in LATIN_NAMES | names
    ]


def japanese_text(view: PageView, allowed: list[str]) -> list[str]:
    """The Japanese characters of an English page's text outside the quoted source titles,
    glosses and publishers, each with a little context."""
    text = _without(view.text, allowed)
    return [text[max(0, m.start() - 15) : m.end() + 15] for m in _JAPANESE.finditer(text)]


def _role_metadata(notebook: Path, role: str) -> dict | None:
    """The ``jpbudget`` metadata of the first output with ``role`` of an executed notebook."""
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            meta = (output.get("metadata") or {}).get("jpbudget") or {}
            if meta.get("role") == role:
                return meta
    return None


def finding_values(notebook: Path) -> list[str] | None:
    """The ``value`` of each key figure of an executed notebook's finding (None: no finding)."""
    meta = _role_metadata(notebook, "finding")
    return None if meta is None else [str(f["value"]) for f in meta.get("figures", [])]


def parameter_names(notebook: Path) -> frozenset[str]:
    """The parameter names an executed notebook's "About this report" lists: identifiers a
    reader types to papermill, the same in every language."""
    meta = _role_metadata(notebook, "about") or {}
    return frozenset(str(name) for name in meta.get("parameters") or {})


def check_pair(folder: Path, name: str, allowed: list[str] | None = None) -> list[str]:
    """Every problem of the pages ``NAME.html`` and ``NAME.ja.html`` (``index`` for the landing
    pages) of a reports folder."""
    allowed = source_texts() if allowed is None else allowed
    en_path, ja_path = folder / f"{name}.html", folder / f"{name}.ja.html"
    missing = [p.name for p in (en_path, ja_path) if not p.is_file()]
    if missing:
        return [f"{name}: no page {', '.join(missing)}"]
    en, ja = read_page(en_path), read_page(ja_path)
    problems = []
    for view, path, lang in ((en, en_path, "en"), (ja, ja_path, "ja")):
        if view.lang != lang:
            problems.append(f"{path.name}: <html lang={view.lang!r}>, expected {lang!r}")
    if en.switch.get("ja") != ja_path.name:
        problems.append(f"{en_path.name}: the switch to Japanese links {en.switch.get('ja')!r}")
    if ja.switch.get("en") != en_path.name:
        problems.append(f"{ja_path.name}: the switch to English links {ja.switch.get('en')!r}")
    if en.values != ja.values:
        problems.append(f"{name}: key figures differ: English {en.values}, Japanese {ja.values}")
    if name != "index":
        for page, view in ((en_path, en), (ja_path, ja)):
            stored = finding_values(page.with_suffix(".ipynb"))
            if not view.values or stored != view.values:
                problems.append(
                    f"{page.name}: key figures {view.values} are not the finding's {stored}"
                )
    english = english_words(ja, allowed, parameter_names(ja_path.with_suffix(".ipynb")))
    if english:
        problems.append(f"{ja_path.name}: English words {sorted(set(english))}")
    japanese = japanese_text(en, allowed)
    if japanese:
        problems.append(f"{en_path.name}: Japanese outside source titles: {japanese[:5]}")
    return problems


def check_site(folder: Path, allowed: list[str] | None = None) -> list[str]:
    """:func:`check_pair` for every Japanese page of a reports folder and the landing pages."""
    allowed = source_texts() if allowed is None else allowed
    names = sorted(p.name[: -len(".ja.html")] for p in Path(folder).glob("*.ja.html"))
    if not names:
        return [f"{folder}: no Japanese page (*.ja.html)"]
    return [problem for name in names for problem in check_pair(Path(folder), name, allowed)]
