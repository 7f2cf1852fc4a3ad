"""The landing pages, ``reports/index.html`` and one per other language (``index.ja.html``),
from the Jinja template ``templates/landing``.

Reports are grouped by the question they answer (the manifest's ``group``, else the notebook's):
each group shows its main report's title and one-line finding, read from the report's own
``finding`` output (docs/report-contract.md), and its variants under it, described by the
manifest's ``description`` (``description_ja`` on the Japanese page). Each landing page lists
the reports of its own language and links to the other languages' landing pages. Build details (parameters, exchange rates, status, generation
time, files) are folded in a ``<details>`` block. Every link stays inside ``reports/``.

The page depends only on the state of the files (each report's title, finding and generation
time are read from its executed notebook), so rewriting it after a no-op run changes nothing.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
from pathlib import Path
from typing import Any

from ..i18n import N_, gettext, install_i18n
from ..provenance import METADATA_KEY
from .execute import _first_line
from .export import CONTENT_SECURITY_POLICY, TEMPLATES, page_css
from .fingerprint import Inputs, Plan, plan
from .fonts import font_slot, with_font
from .inspection import declared_parameters
from .languages import index_name, language_links
from .layout import Layout, read_meta, write_atomic
from .manifest import Manifest, Report

__all__ = ["GROUP_ORDER", "IndexEntry", "finding_of", "group_of", "write_index"]

#: The questions, in the order the landing page asks them.
GROUP_ORDER = ("overview", "growth", "allocation", "rapidus", "claims", "peers")
#: A report's group when the manifest gives none: from its notebook's file name.
NOTEBOOK_GROUPS = {
    "budget_growth": "growth",
    "allocation_shares": "allocation",
    "rapidus_cumulative": "rapidus",
    "claims_check": "claims",
    "overview": "overview",
    "peers": "peers",
}


def group_of(report: Report) -> str:
    """The question ``report`` answers: the manifest's ``group``, else from the notebook name."""
    group = getattr(report, "group", None)
    if isinstance(group, str) and group:
        return group
    stem = Path(report.notebook_rel).stem
    return NOTEBOOK_GROUPS.get(stem, stem)


def finding_of(notebook: Path) -> dict:
    """The ``jpbudget`` metadata of the ``finding`` output of an executed notebook ({} if none)."""
    try:
        nb = json.loads(notebook.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    for cell in nb.get("cells", []):
        for output in cell.get("outputs", []):
            meta = (output.get("metadata") or {}).get(METADATA_KEY) or {}
            if isinstance(meta, dict) and meta.get("role") == "finding":
                return meta
    return {}


@dataclasses.dataclass
class IndexEntry:
    """What the landing page says about one report."""

    name: str
    title: str
    headline: str
    description: str
    href: str | None
    notebook_href: str | None
    failed_href: str | None
    status: str
    status_class: str
    generated: str
    notebook: str
    parameters: list[tuple[str, str, bool]]
    rate: int | None  # number of the exchange-rate note, 1-based


@dataclasses.dataclass
class IndexGroup:
    key: str
    main: IndexEntry
    variants: list[IndexEntry]


def _rel(path: Path, base: Path) -> str | None:
    """``path`` relative to ``base``, or None when it lies outside (never link out of it)."""
    rel = Path(os.path.relpath(path, base))
    return None if rel.parts[:1] == ("..",) else rel.as_posix()


def _fmt_param(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)


def _status(
    layout: Layout, report: Report, current: Plan, lang: str = "en"
) -> tuple[str, str, dict | None, dict]:
    name = report.name
    meta = read_meta(layout.ipynb(name))
    failed = read_meta(layout.failed(name)) if layout.failed(name).is_file() else None
    if (
        failed is not None
        and meta is not None
        and not current.needed
        and failed.get("fingerprint") != current.fingerprint
    ):  # the good report matches the current inputs: a failure of other inputs is stale
        failed = None
    if failed is not None:
        # the error stays as the program wrote it; the words around it are the page's
        message = (
            N_(
                "failed: %(error)s (previous good report kept; details in the failed run's notebook)"
            )
            if meta is not None
            else N_("failed: %(error)s (details in the failed run's notebook)")
        )
        return gettext(message, lang=lang, error=_error_text(failed)), "failed", meta, failed
    if meta is None:
        return gettext("not built", lang=lang), "missing", None, {}
    if current.needed:
        why = ", ".join(gettext(reason, lang=lang) for reason in current.reasons)
        return gettext("stale (%(why)s)", lang=lang, why=why), "stale", meta, {}
    return gettext("ok", lang=lang), "ok", meta, {}


_RATE_SETTING = re.compile(r"^(fx = .*?)(?:: (.*))?$", re.DOTALL)


def _rate_parts(text: str, lang: str = "en") -> tuple[str, str]:
    """An exchange-rate note as ``(setting, sentence)``: ``("fx = 150", "Dollar figures ...")``
    (the setting is shown as code, the sentence in the page's language); setting "" if none.
    A report whose About names no rate has only its setting: the sentence says so.

    >>> _rate_parts("fx = 'announcement': Dollar figures: x.")
    ("fx = 'announcement'", 'Dollar figures: x.')
    >>> _rate_parts("fx = 'announcement'", "ja")
    ("fx = 'announcement'", '「このレポートについて」にレートの記載なし。')
    """
    found = _RATE_SETTING.match(text)
    if not found:
        return "", text
    return found[1], found[2] or gettext("Its About section names no rate.", lang=lang)


def _error_text(failed: dict) -> str:
    """The error of a failed run in one line: "ValueError: ..." ("" when none)."""
    if not failed:
        return ""
    err = failed.get("error", {})
    return f"{err.get('ename', 'error')}: {_first_line(err.get('evalue', ''))}"


def _entry(layout: Layout, report: Report, current: Plan, rates: dict[str, int]) -> IndexEntry:
    status, css, meta, failed = _status(layout, report, current, report.lang)
    built = meta is not None and layout.html(report.name).is_file()
    finding = finding_of(layout.ipynb(report.name)) if built else {}
    declared = declared_parameters(report.notebook) or {}
    params = {**declared, **report.parameters}
    rate_text = (meta or {}).get("exchange_rate") or ""
    if rate_text and rate_text not in rates:
        rates[rate_text] = len(rates) + 1
    return IndexEntry(
        name=report.name,
        title=str(finding.get("title") or report.described(report.lang) or report.name),
        headline=str(finding.get("headline") or ""),
        description=report.described(report.lang),
        href=_rel(layout.html(report.name), layout.out) if built else None,
        notebook_href=_rel(layout.ipynb(report.name), layout.out) if built else None,
        failed_href=_rel(layout.failed(report.name), layout.out) if failed else None,
        status=status,
        status_class=css,
        generated=str((meta or failed or {}).get("generated", "")),
        notebook=report.notebook_rel,
        parameters=[(k, _fmt_param(v), k not in report.parameters) for k, v in params.items()],
        rate=rates.get(rate_text),
    )


def _groups(entries: list[tuple[Report, IndexEntry]]) -> list[IndexGroup]:
    by_key: dict[str, list[IndexEntry]] = {}
    for report, entry in entries:
        by_key.setdefault(group_of(report), []).append(entry)
    order = [g for g in GROUP_ORDER if g in by_key] + [g for g in by_key if g not in GROUP_ORDER]
    groups = []
    for key in order:
        members = by_key[key]
        main = next((e for e in members if not e.description), members[0])
        groups.append(IndexGroup(key, main, [e for e in members if e is not main]))
    return groups


def _environment(lang: str) -> Any:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(
            [str(TEMPLATES / "landing"), str(TEMPLATES / "jpbudget_report")]
        ),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return install_i18n(env, lang)


def render_index(manifest: Manifest, layout: Layout, plans: list[Plan], lang: str = "en") -> str:
    """The landing page in ``lang`` (its reports only) for the current state of ``layout``."""
    current = {p.report.name: p for p in plans}
    rates: dict[str, int] = {}
    mine = [r for r in manifest.reports if r.lang == lang]
    entries = [(r, _entry(layout, r, current[r.name], rates)) for r in mine]
    groups = _groups(entries)
    context = {
        "groups": groups,
        "entries": [e for _, e in entries],
        "rates": [_rate_parts(text, lang) for text in rates],
        "manifest_href": _rel(manifest.path, layout.out),
    }
    built = manifest.languages_built()
    page = {
        "lang": lang,
        "languages": language_links(lang, {other: index_name(other) for other in built}),
        "css": page_css(),
        "csp": CONTENT_SECURITY_POLICY,
        "font_slot": font_slot(),
    }
    environment = _environment(lang)
    html = environment.get_template("index.html.j2").render(page=page, **context)
    # the font subset holds every Japanese character of the page, its own words included:
    # known once the page is rendered (the rule is ASCII)
    return with_font(html, page["font_slot"], environment)


def write_index(manifest: Manifest, out: Path | None = None, inputs: Inputs | None = None) -> Path:
    """Write the landing pages for the current state of ``out``: ``index.html`` and one per
    other language the manifest builds (``index.ja.html``); returns the English one's path."""
    layout = Layout(out if out is not None else manifest.root / "reports")
    plans = plan(manifest, out=layout.out, inputs=inputs)
    for lang in manifest.languages_built() or ["en"]:
        write_atomic(layout.out / index_name(lang), render_index(manifest, layout, plans, lang))
    return layout.index
