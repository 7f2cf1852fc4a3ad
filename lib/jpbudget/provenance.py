"""What a reader needs to trust a report: its parameters, exchange rate, data and code.

A notebook validates its parameters once and hands the result to :func:`show`, which displays
the "About this report" block (role ``about`` of docs/report-contract.md): the parameters, the
exchange-rate sentence (once, however many fiscal years use the same rate), the data package
checksum, the library version, the commit and how to regenerate the report::

    from jpbudget import provenance
    params = checks.validate_budget_growth(base_year=base_year, ...)
    provenance.show(params, rates={year: params["fx"].rate_for(year) for year in years})

The commit: a notebook committed with its outputs cannot know the commit that will hold it, so
outside a report build it names none (and its text stays the same from run to run, which nbval
relies on). The report runner tells each kernel what it is building (``JPBUDGET_REPORT``) and
from which commit (``JPBUDGET_COMMIT``: the full hash when the checkout is clean,
``uncommitted`` when it has changes, ``unknown`` outside git); the page then names its exact
commit, or says why it has none.

>>> from jpbudget.fx import ExplicitRate
>>> print(rate_sentence({2025: ExplicitRate(150.0), 2026: ExplicitRate(150.0)}))
Dollar figures of FY2025 and FY2026: ¥150.00 per US$: explicit rate given as a parameter.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import math
import os
import re
import subprocess
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .i18n import N_, active, gettext
from .paths import project_root

__all__ = ["METADATA_KEY", "about", "about_markdown", "git_state", "rate_sentence", "show"]

#: Display-metadata key of the project's outputs (``output.metadata["jpbudget"]``).
METADATA_KEY = "jpbudget"
#: Set by the report runner in each kernel's environment: the report's name.
REPORT_ENV = "JPBUDGET_REPORT"
#: Set by the report runner: the commit built from, ``uncommitted`` or ``unknown``.
COMMIT_ENV = "JPBUDGET_COMMIT"
UNCOMMITTED, UNKNOWN = "uncommitted", "unknown"


def git_state(root: Path | None = None) -> tuple[str, bool | None]:
    """``(commit, dirty)`` of the checkout at ``root``; ``("unknown", None)`` outside git."""
    where = root if root is not None else project_root()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(where), *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout

    try:
        commit = git("rev-parse", "HEAD").strip()
        dirty = bool(git("status", "--porcelain").strip())
    except (OSError, subprocess.SubprocessError):
        return UNKNOWN, None
    return commit or UNKNOWN, dirty


def build_commit(root: Path | None = None) -> str:
    """What a report built now from ``root`` may claim: the commit, ``uncommitted`` or ``unknown``."""
    commit, dirty = git_state(root)
    if commit == UNKNOWN:
        return UNKNOWN
    return UNCOMMITTED if dirty else commit


def _value(value: Any) -> Any:
    """``value`` as the JSON a notebook parameter would be (an fx choice as its setting)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, Mapping):
        return {str(k): _value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_value(v) for v in value]
    if isinstance(value, set | frozenset):
        return [_value(v) for v in sorted(value, key=repr)]
    if isinstance(value, dt.date):
        return value.isoformat()
    mode = getattr(value, "mode", None)  # an fx choice (jpbudget.fx.FxChoice)
    if isinstance(mode, str):
        return _value(value.rate) if mode == "explicit" else mode
    return str(value)


def _describe(rate: Any) -> str:
    """A rate in words in the active language, every detail of the day used: its own
    ``describe()`` in English, ``analysis.display.rate_description`` in other languages."""
    if active() == "en":
        return rate.describe()
    from .analysis.display import rate_description

    return rate_description(rate)


def _years(years: list[Any]) -> str:
    """ "FY2025", "FY2025 and FY2026", "FY2024, FY2025 and FY2026" (2025年度・2026年度)."""
    from .fiscal import fiscal_year_text

    names = [fiscal_year_text(int(y), lang=active()) for y in years]
    joined = names[0]
    for name in names[1:-1]:
        joined = gettext("%(years)s, %(year)s", years=joined, year=name)
    if len(names) > 1:
        joined = gettext("%(years)s and %(year)s", years=joined, year=names[-1])
    return joined


def rate_sentence(rates: Any) -> str | None:
    """One sentence per distinct rate, naming the fiscal years it converts; None without rates.

    ``rates`` is a rate (anything with ``describe()``), a ``{fiscal_year: rate}`` mapping, a
    list of the rates of figures each converted at the rate of its own date (a report's rows),
    or None. Written in the active language.
    """
    if rates is None:
        return None
    if isinstance(rates, list | tuple):
        return _own_dates_sentence(list(dict.fromkeys(rates)))
    if not isinstance(rates, Mapping):
        return gettext("Dollar figures: %(rate)s.", rate=_describe(rates))
    years_by_text: dict[str, list[Any]] = {}
    for year, rate in rates.items():
        years_by_text.setdefault(_describe(rate), []).append(year)
    sentences = [
        gettext("Dollar figures of %(years)s: %(rate)s.", years=_years(years), rate=text)
        for text, years in years_by_text.items()
    ]
    # Japanese sentences follow one another without a space (…を用いた。2026年度…)
    joined = "".join(
        s if i == 0 or sentences[i - 1].endswith("。") else f" {s}" for i, s in enumerate(sentences)
    )
    return joined or None


def _own_dates_sentence(distinct: list[Any]) -> str | None:
    """The rates of figures each converted on its own date: one rate named in full; several
    dated ones as how many, from which day to which (each is named on its row)."""
    from .formats import date_text

    if not distinct:
        return None
    if len(distinct) == 1:
        return gettext("Dollar figures: %(rate)s.", rate=_describe(distinct[0]))
    days = sorted(getattr(rate, "date_used", None) for rate in distinct)
    if any(day is None or day == dt.date.min for day in days):
        return " ".join(gettext("Dollar figures: %(rate)s.", rate=_describe(r)) for r in distinct)
    return gettext(
        "Dollar figures: each converted at the ECB reference rate of its own date, named on its "
        "row (%(count)s rates, from that of %(first)s to that of %(last)s).",
        count=len(distinct),
        first=date_text(days[0]),
        last=date_text(days[-1]),
    )


def about(parameters: Mapping[str, Any], rates: Any = None) -> dict[str, Any]:
    """The facts of the about block, JSON-serialisable (the output's metadata)."""
    from . import __version__
    from .data import package_checksum

    return {
        "role": "about",
        "parameters": _value(dict(parameters)),
        "exchange_rates": rate_sentence(rates),
        "data_checksum": package_checksum(),
        "jpbudget_version": __version__,
        "report": os.environ.get(REPORT_ENV),
        "commit": os.environ.get(COMMIT_ENV) if os.environ.get(REPORT_ENV) else None,
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}()#+!|~>-])")


def _text(value: str) -> str:
    """Plain text made inert in Markdown: HTML escaped, Markdown punctuation backslashed."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", html.escape(value, quote=False))


def _span(text: str) -> str:
    """Text as a Markdown code span, fenced with more backticks than it holds (shown literally)."""
    fence = "`" * (max((len(m) for m in re.findall(r"`+", text)), default=0) + 1)
    return f"{fence} {text} {fence}"


def _code(value: Any) -> str:
    """A parameter value as a Markdown code span of its JSON."""
    return _span(json.dumps(value, ensure_ascii=False))


def _commit_text(info: Mapping[str, Any]) -> str:
    commit = info.get("commit")
    if info.get("report") is None:
        return gettext(
            "not recorded: a notebook committed with its outputs cannot name the commit that "
            "holds it (a report built from a clean checkout names its commit)"
        )
    if commit == UNCOMMITTED:
        return gettext("none: built from a checkout with uncommitted changes")
    if not commit or commit == UNKNOWN:
        return gettext("unknown: not built from a git checkout")
    return _span(str(commit))


def _regenerate_text(info: Mapping[str, Any]) -> str:
    report = info.get("report")
    if report is not None:
        command = _span(f"jpbudget reports --only {report}")
        return gettext("`make reports`, or %(command)s, in the project folder", command=command)
    return gettext(
        "`make notebooks`, or run this notebook with papermill giving the parameters above"
    )


def about_markdown(info: Mapping[str, Any]) -> str:
    """The block a reader sees (every value escaped).

    >>> print(about_markdown({"parameters": {"fx": "announcement"}, "exchange_rates": None,
    ...     "data_checksum": "ab12", "jpbudget_version": "0.1.0", "report": None}))
    ... # doctest: +ELLIPSIS
    **About this report**
    <BLANKLINE>
    - Parameters: fx = ` "announcement" `
    - Exchange rate: none used
    - Data package: sha256 ab12
    - Library: jpbudget 0.1.0
    - Commit: not recorded: a notebook committed with its outputs cannot name ...
    - Regenerate: `make notebooks`, or run this notebook with papermill giving the parameters above
    """
    params = info.get("parameters") or {}
    param_text = "; ".join(f"{_text(k)} = {_code(v)}" for k, v in params.items())
    rates = info.get("exchange_rates")
    items = [
        (N_("Parameters: %(value)s"), param_text or gettext("none")),
        (N_("Exchange rate: %(value)s"), _text(rates) if rates else gettext("none used")),
        (N_("Data package: %(value)s"), "sha256 " + _text(str(info.get("data_checksum")))),
        (N_("Library: %(value)s"), "jpbudget " + _text(str(info.get("jpbudget_version")))),
        (N_("Commit: %(value)s"), _commit_text(info)),
        (N_("Regenerate: %(value)s"), _regenerate_text(info)),
    ]
    lines = [f"**{gettext('About this report')}**", ""]
    lines += [f"- {gettext(label, value=value)}" for label, value in items]
    return "\n".join(lines)


def show(parameters: Mapping[str, Any], *, rates: Any = None) -> None:
    """Display the about block: ``text/markdown`` with the facts as ``jpbudget`` metadata.

    ``parameters``: the notebook's parameters, once (the dict its validation returned);
    ``rates``: the rate used, a ``{fiscal_year: rate}`` mapping, or None.
    """
    from IPython.display import display

    info = json.loads(json.dumps(about(parameters, rates)))  # exactly what the file will hold
    text = about_markdown(info)
    display({"text/markdown": text, "text/plain": text}, raw=True, metadata={METADATA_KEY: info})


def show_provenance(parameters: Mapping[str, Any], rate: Any = None) -> None:
    """Former name of :func:`show` (``rate``: one rate or a mapping), kept for old notebooks."""
    show(parameters, rates=rate)
