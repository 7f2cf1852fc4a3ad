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
  :data:`LATIN_NAMES`, the acronyms of the data (BEA, IPCEI, ...) and the texts the data holds
  as published (see :func:`allowed_texts`); the English page's visible text has no Japanese
  character except in those texts.

The texts a page may quote in any language are read from ``data/`` (:func:`allowed_texts`):
the sources' titles, glosses and publishers (and each publisher's outlet, "Bloomberg" of
"Bloomberg (via BNN Bloomberg)"), the outlets the claims credit ("Tech in Asia"), and every
figure as its source printed it (:data:`PRINTED_FIELDS`: "6300億円程度" on an English page,
"up to $7.86B" on a Japanese one).

Visible text excludes ``<style>``, ``<code>`` (commands, parameter values) and any element
marked with another language (``lang="en"`` around the switch's "English" on a Japanese page).
On a landing page, a failed run's error is quoted as the program wrote it (read from
``failed/NAME.ipynb``); the words around it are checked like any other.
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
        hidden = self._hidden() or tag in _SKIPPED or foreign
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


#: The columns of the data that hold a figure as its source printed it, by resource of
#: ``data/datapackage.json`` (their schema says so: "exactly as the source printed it", "as
#: printed", "as the article states it").
PRINTED_FIELDS = {
    "budget-lines": ("amount_text",),
    "rapidus-support": ("amount_text",),
    "company-subsidies": ("amount_text",),
    "context-figures": ("value_text",),
    "claims": ("stated_text",),
    "international-programmes": ("amount_text",),
    "gdp": ("amount_text",),
    "mof-peer-comparison": ("programme_text", "amount_text", "share_text"),
}


def _rows(data_dir: Path, resource: str, fields: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a resource of ``data/datapackage.json``; an error names a resource or field
    the package does not have (a renamed column must not silently empty an allow-list)."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    found = {r["name"]: r for r in package["resources"]}
    if resource not in found:
        raise ValueError(f"data/datapackage.json: no resource {resource!r}")
    names = {f["name"] for f in found[resource].get("schema", {}).get("fields", [])}
    missing = [f for f in fields if f not in names]
    if missing:
        raise ValueError(f"data/datapackage.json: resource {resource!r} has no field {missing}")
    with (data_dir / found[resource]["path"]).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _collapsed(values) -> set[str]:
    return {" ".join(v.split()) for v in values if v and v.strip()}


_CHANNEL = re.compile(r"\((?:via|mirrored by|reprinted by|archived copy at) (?P<host>[^()]+)\)$")


def source_texts(data_dir: Path = REPO / "data") -> list[str]:
    """Every source title, English gloss and publisher of ``data/sources.csv``, as published
    (whitespace collapsed), each publisher's outlet (before its parenthesis) and the site its
    copy was reached through (the host of "(via nippon.com)", which a Japanese page writes
    "（nippon.com経由）"), longest first: the text either language's page may quote."""
    rows = _rows(data_dir, "sources", ("title", "title_en", "publisher"))
    found = _collapsed(row[f] for row in rows for f in ("title", "title_en", "publisher"))
    found |= _collapsed(row["publisher"].split(" (")[0] for row in rows)
    found |= _collapsed(
        channel["host"]
        for row in rows
        if (channel := _CHANNEL.search(row["publisher"] or "")) is not None
    )
    return sorted(found, key=len, reverse=True)


def printed_texts(data_dir: Path = REPO / "data") -> list[str]:
    """Every figure of the data as its source printed it (:data:`PRINTED_FIELDS`) and every
    outlet a claim credits (``claims.attributed_to``), longest first."""
    found: set[str] = set()
    for resource, fields in PRINTED_FIELDS.items():
        found |= _collapsed(row[f] for row in _rows(data_dir, resource, fields) for f in fields)
    found |= _collapsed(
        row["attributed_to"] for row in _rows(data_dir, "claims", ("attributed_to",))
    )
    return sorted(found, key=len, reverse=True)


def snapshot_texts(data_dir: Path = REPO / "data") -> list[str]:
    """The exchange-rate snapshot's file and package names (``data/raw/eurofxref-hist.json``):
    a rate note of either language names the snapshot it comes from."""
    meta = json.loads((data_dir / "raw" / "eurofxref-hist.json").read_text(encoding="utf-8"))
    return [str(meta["file"]), str(meta["package"])]


def allowed_texts(data_dir: Path = REPO / "data") -> list[str]:
    """:func:`source_texts`, :func:`printed_texts` and :func:`snapshot_texts`, longest first:
    what a page of either language quotes as published."""
    found = (
        set(source_texts(data_dir)) | set(printed_texts(data_dir)) | set(snapshot_texts(data_dir))
    )
    return sorted(found, key=len, reverse=True)


_ACRONYM = re.compile(r"(?<![\w&])[A-Z][A-Z0-9&]*[A-Z](?![\w&])")


def data_acronyms(data_dir: Path = REPO / "data") -> frozenset[str]:
    """The acronyms (words of capitals: BEA, IPCEI, NXP, OECD) of every text column of the
    data files: names of agencies, programmes and companies a Japanese page writes in Latin
    letters as Japanese newspapers do."""
    package = json.loads((data_dir / "datapackage.json").read_text(encoding="utf-8"))
    found: set[str] = set()
    for resource in package["resources"]:
        fields = [
            f["name"]
            for f in resource.get("schema", {}).get("fields", [])
            if f.get("type") == "string" and f["name"] != "url" and not f["name"].endswith("_id")
        ]
        if fields:
            for row in _rows(data_dir, resource["name"], tuple(fields)):
                for field in fields:
                    found.update(_ACRONYM.findall(row[field] or ""))
    return frozenset(found)


def failed_errors(folder: Path) -> list[str]:
    """The errors of the failed runs of a reports folder (``failed/*.ipynb``) as a landing page
    quotes them: "ValueError: first line of the message" (whole, and cut at 80 characters)."""
    found: set[str] = set()
    for notebook in sorted((Path(folder) / "failed").glob("*.ipynb")):
        try:
            meta = json.loads(notebook.read_text(encoding="utf-8"))["metadata"]
        except (OSError, ValueError, KeyError):
            continue
        error = (meta.get("jpbudget") or {}).get("error") or {}
        lines = [line.strip() for line in str(error.get("evalue", "")).splitlines()]
        first = next((line for line in lines if line), "")
        ename = error.get("ename", "error")
        found |= _collapsed([f"{ename}: {first}", f"{ename}: {first[:80]}"])
    return sorted(found, key=len, reverse=True)


def _without(text: str, allowed: list[str]) -> str:
    for quoted in allowed:
        text = text.replace(quoted, " ")
    return _URL.sub(" ", text)


def english_words(
    view: PageView, allowed: list[str], names: frozenset[str] = frozenset()
) -> list[str]:
    """The words of a Japanese page's text that are English (not a name of :data:`LATIN_NAMES`
    or ``names``, not in a text of ``allowed`` such as a source title or a printed figure, not a
    number or code such as sha256)."""
    words = _WORD.findall(_without(view.text, allowed))
    return [
        w
        for w in words
        if sum(c.isalpha() for c in w) >= 2
        and not any(c.isdigit() for c in w)
        and w.strip("'’-_$") not in LATIN_NAMES | names
    ]


def japanese_text(view: PageView, allowed: list[str]) -> list[str]:
    """The Japanese characters of an English page's text outside the texts of ``allowed``
    (source titles, glosses, publishers, figures as printed), each with a little context."""
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


def check_pair(
    folder: Path,
    name: str,
    allowed: list[str] | None = None,
    names: frozenset[str] | None = None,
) -> list[str]:
    """Every problem of the pages ``NAME.html`` and ``NAME.ja.html`` (``index`` for the landing
    pages) of a reports folder; ``allowed`` (default :func:`allowed_texts`) and ``names``
    (default :func:`data_acronyms`) are read from ``data/`` when not given."""
    allowed = allowed_texts() if allowed is None else allowed
    names = data_acronyms() if names is None else names
    if name == "index":
        allowed = sorted([*allowed, *failed_errors(folder)], key=len, reverse=True)
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
    english = english_words(ja, allowed, names | parameter_names(ja_path.with_suffix(".ipynb")))
    if english:
        problems.append(f"{ja_path.name}: English words {sorted(set(english))}")
    japanese = japanese_text(en, allowed)
    if japanese:
        problems.append(f"{en_path.name}: Japanese outside source titles: {japanese[:5]}")
    return problems


def check_site(folder: Path, allowed: list[str] | None = None) -> list[str]:
    """:func:`check_pair` for every Japanese page of a reports folder and the landing pages."""
    allowed = allowed_texts() if allowed is None else allowed
    acronyms = data_acronyms()
    pages = sorted(p.name[: -len(".ja.html")] for p in Path(folder).glob("*.ja.html"))
    if not pages:
        return [f"{folder}: no Japanese page (*.ja.html)"]
    return [
        problem for page in pages for problem in check_pair(Path(folder), page, allowed, acronyms)
    ]
