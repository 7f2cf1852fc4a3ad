"""The project's fixed reader-facing words, keyed by the data's and the report contract's keys.

One table per kind of key, each word marked for translation: the budget kinds of the data
(``budget`` column), the marks a figure carries (draft, about, up to, weak, plan), the chart
parts of a year's money, and the page's sections. English words are those the reports print
today; Japanese ones come from the catalog (:mod:`jpbudget.i18n`). An unknown key is an error,
never a key shown to a reader.

>>> budget_label("initial", lang="ja"), budget_label("supplementary", lang="ja")
('当初予算', '補正予算')
>>> year_budget_label(2026, "initial-draft", lang="en"), year_budget_label(2026, "initial-draft", lang="ja")
('FY2026 cabinet draft', '2026年度政府予算案')
>>> section_heading("cite", lang="ja"), section_heading("about", lang="ja")
('引用の仕方', 'このレポートについて')
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from .fiscal import fiscal_year_text
from .i18n import N_, active, gettext, ngettext

__all__ = [
    "BUDGET_LABELS",
    "MARK_LABELS",
    "PART_LABELS",
    "PUBLISHER_NAMES",
    "SECTION_HEADINGS",
    "VERDICT_LABELS",
    "budget_label",
    "claims_summary",
    "mark_label",
    "part_label",
    "publisher_label",
    "publisher_outlet",
    "section_heading",
    "verdict_label",
    "year_budget_label",
]

#: The data's budget kinds, in a sentence ("the FY2025 supplementary budget").
BUDGET_LABELS: Mapping[str, str] = {
    "initial": N_("initial budget"),
    "initial-draft": N_("cabinet draft"),
    "supplementary": N_("supplementary budget"),
    "request": N_("budget request"),
    "multi-year": N_("multi-year figure"),
    "stopgap": N_("stopgap budget"),
}
#: The parts of a year's money a chart draws side by side (legend entries, capitalised).
PART_LABELS: Mapping[str, str] = {
    "initial": N_("Initial budget"),
    "supplementary": N_("Supplementary budget"),
    "previous supplementary": N_("Previous year's supplementary budget"),
}
#: What a figure's marks mean, in a table's note or a legend.
MARK_LABELS: Mapping[str, str] = {
    "draft": N_("cabinet draft"),
    "about": N_("approximate"),
    "up to": N_("ceiling (up to)"),
    "weak": N_("weak: single or unchecked source"),
    "plan": N_("plan"),
}
#: The sections every report page has (headings and the download label).
SECTION_HEADINGS: Mapping[str, str] = {
    "about": N_("About this report"),
    "cite": N_("How to cite"),
    "sources": N_("Sources"),
    "download": N_("Download"),
    "language": N_("Language"),
}

#: The verdicts of the claims check (``analysis.claims.check_claims``), as its table shows them.
VERDICT_LABELS: Mapping[str, str] = {
    "consistent": N_("consistent"),
    "inconsistent": N_("inconsistent"),
}


#: Publishers a Japanese reader knows by a Japanese name (財務省, 東洋経済, 産経新聞); the
#: others are proper nouns, kept as published on every page.
PUBLISHER_NAMES: tuple[str, ...] = (
    N_("Ministry of Finance"),
    N_("Toyo Keizai"),
    N_("Sankei Shimbun"),
    N_("Jiji Press"),
    N_("Kyodo News"),
    N_("The Japan News (Yomiuri Shimbun)"),
    N_("The Japan News (Yomiuri Shimbun), a Jiji Press report"),
    N_("Nikkei Asia"),
    N_("TBS News"),
    N_("Unnamed blog (the project's seed article)"),
    N_("補助金ポータル (hojyokin-portal.jp)"),
    N_("電波新聞 (Dempa Shimbun)"),
    N_("Executive Yuan, Republic of China (Taiwan)"),
    N_("National Development Council, Republic of China (Taiwan)"),
)
#: How a publisher's copy was reached, as ``data/sources.csv`` writes it after the name.
_CHANNELS = {
    "via": N_("%(name)s (via %(host)s)"),
    "mirrored by": N_("%(name)s (mirrored by %(host)s)"),
    "reprinted by": N_("%(name)s (reprinted by %(host)s)"),
    "archived copy at": N_("%(name)s (archived copy at %(host)s)"),
}
_CHANNEL = re.compile(
    r"^(?P<name>.+?) \((?P<how>via|mirrored by|reprinted by|archived copy at) (?P<host>[^()]+)\)$"
)


def publisher_outlet(publisher: str) -> str:
    """A publisher without how its copy was reached: "Toyo Keizai", "Sankei Shimbun" for
    "Sankei Shimbun (via Yahoo! News Japan)" (what a chart's source line names).

    >>> publisher_outlet("Ministry of Finance (mirrored by wic-net.com)")
    'Ministry of Finance'
    """
    found = _CHANNEL.match(str(publisher).strip())
    return found["name"] if found else str(publisher).strip()


def publisher_label(publisher: str, *, lang: str | None = None) -> str:
    """A source's publisher as a page in ``lang`` names it: the Japanese name of a publisher
    that has one, and how the copy was reached in the page's words; others as published.

    >>> publisher_label("Sankei Shimbun (via Yahoo! News Japan)", lang="ja")
    '産経新聞（Yahoo! News Japan経由）'
    >>> publisher_label("Sankei Shimbun (via Yahoo! News Japan)", lang="en")
    'Sankei Shimbun (via Yahoo! News Japan)'
    >>> publisher_label("Süddeutsche Zeitung", lang="ja")
    'Süddeutsche Zeitung'
    """
    lang = active(lang)
    text = str(publisher)
    if text in PUBLISHER_NAMES:
        return gettext(text, lang=lang)
    found = _CHANNEL.match(text)
    if found is None:
        return text
    name, channel, host = found.group("name", "how", "host")
    name = gettext(name, lang=lang) if name in PUBLISHER_NAMES else name
    message = _CHANNELS[channel]
    return gettext(message, lang=lang, name=name, host=host)


def _lookup(table: Mapping[str, str], what: str, key: Any, lang: str | None) -> str:
    lang = active(lang)
    if not isinstance(key, str) or key not in table:
        raise ValueError(
            f"{what} {key!r} has no label; expected one of {', '.join(repr(k) for k in table)}"
        )
    return gettext(table[key], lang=lang)


def budget_label(budget: str, *, lang: str | None = None) -> str:
    """A budget kind of the data in words, for a sentence.

    >>> budget_label("initial-draft", lang="en"), budget_label("stopgap", lang="ja")
    ('cabinet draft', '暫定予算')
    """
    return _lookup(BUDGET_LABELS, "budget", budget, lang)


def part_label(part: str, *, lang: str | None = None) -> str:
    """A part of a year's money as a chart's legend names it.

    >>> part_label("previous supplementary", lang="ja")
    '前年度の補正予算'
    """
    return _lookup(PART_LABELS, "part", part, lang)


def mark_label(mark: str, *, lang: str | None = None) -> str:
    """What a figure's mark means.

    >>> mark_label("weak", lang="ja"), mark_label("plan", lang="ja")
    ('確度低：出典が一つのみ、または未確認', '計画')
    """
    return _lookup(MARK_LABELS, "mark", mark, lang)


def section_heading(section: str, *, lang: str | None = None) -> str:
    """A report page's section heading (or the download label).

    >>> section_heading("sources", lang="en"), section_heading("download", lang="ja")
    ('Sources', 'ダウンロード')
    """
    return _lookup(SECTION_HEADINGS, "section", section, lang)


def verdict_label(verdict: str, *, lang: str | None = None, weak: bool = False) -> str:
    """A claim's verdict, saying when it rests on a figure marked weak.

    >>> verdict_label("consistent", lang="en", weak=True)
    'consistent (from a figure marked weak)'
    >>> verdict_label("consistent", lang="ja"), verdict_label("inconsistent", lang="ja", weak=True)
    ('出典と整合', '出典と不整合（確度の低い数値に基づく）')
    """
    label = _lookup(VERDICT_LABELS, "verdict", verdict, lang)
    if not isinstance(weak, bool):
        raise TypeError(f"weak must be True or False; got {weak!r}")
    if not weak:
        return label
    return gettext("%(verdict)s (from a figure marked weak)", lang=lang, verdict=label)


def year_budget_label(fy: int, budget: str, *, lang: str | None = None, era: bool = False) -> str:
    """A fiscal year's budget: "FY2025 initial budget", 2025年度当初予算 (令和7年度当初予算).

    >>> year_budget_label(2025, "supplementary", lang="ja", era=True)
    '令和7年度補正予算'
    """
    lang = active(lang)
    return gettext(
        "%(fiscal_year)s %(budget)s",
        lang=lang,
        fiscal_year=fiscal_year_text(fy, lang=lang, era=era),
        budget=budget_label(budget, lang=lang),
    )


def claims_summary(matching: int, total: int, *, lang: str | None = None) -> str:
    """How many of the checked claims match the sources (the claims chart's finding).

    >>> claims_summary(7, 9, lang="en"), claims_summary(7, 9, lang="ja")
    ('7 of 9 claims match the sources', '9件の主張のうち7件が出典と整合')
    >>> claims_summary(1, 1, lang="en")
    '1 of 1 claim matches the sources'
    """
    for name, value in (("matching", matching), ("total", total)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise ValueError(f"claims_summary: {name} {value!r} is not a count")
    if matching > total:
        raise ValueError(f"claims_summary: matching ({matching}) is more than total ({total})")
    return ngettext(
        "%(matching)d of %(num)d claim matches the sources",
        "%(matching)d of %(num)d claims match the sources",
        total,
        lang=lang,
        matching=matching,
    )
