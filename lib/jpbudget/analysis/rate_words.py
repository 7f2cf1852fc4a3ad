"""Exchange rates in words: the rate a caption or table names ("¥155.96 per US$ (ECB reference
rate of 24 December 2025)", 1ドル＝155.96円（2025年12月24日のECB参照レート）) and the full
note of how a report's rate was chosen, for the "About this report" block of a page in any
language. Re-exported by :mod:`jpbudget.analysis.display`.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .. import formats, terms
from ..fiscal import fiscal_year_text
from ..formats import date_text
from ..i18n import N_, active, gettext

__all__ = ["rate_description", "rate_text"]


def rate_text(rate: Any, *, nested: bool = False, lang: str | None = None) -> str:
    """A rate for a caption: "¥155.96 per US$ (ECB reference rate of 24 December 2025)" or the
    explicit rate; ``nested`` (inside parentheses already): "..., ECB reference rate of ..."."""
    lang = active(lang)
    used = getattr(rate, "date_used", None)
    if used is not None and used != dt.date.min:
        what = gettext(
            N_("ECB reference rate of %(date)s"), lang=lang, date=date_text(used, lang=lang)
        )
    elif getattr(rate, "period", ""):
        period = str(rate.period)
        if period.startswith("FY") and lang == "ja":
            period = fiscal_year_text(int(period[2:]), lang=active(lang))
        what = gettext(N_("average ECB reference rate of %(period)s"), lang=lang, period=period)
    else:
        what = gettext(N_("a rate set for this report"), lang=lang)
    shown = formats.rate_figure(rate.value, rate.quote, rate.base, lang=lang)
    message = N_("%(rate)s, %(what)s") if nested else N_("%(rate)s (%(what)s)")
    return gettext(message, lang=lang, rate=shown, what=what)


def _rate_source(rate: Any, lang: str) -> str:
    """Where a rate comes from: the ECB series, how the pair is formed and the snapshot."""
    from ..fx.snapshot import pair_method, rate_table

    table = rate_table()
    return gettext(
        N_(
            "%(method)s of the ECB euro foreign exchange reference rates; snapshot %(file)s from "
            "%(package)s, sha256 %(sha256)s"
        ),
        lang=lang,
        method=pair_method(rate.quote, rate.base),
        file=table.snapshot_file,
        package=table.package,
        sha256=table.sha256[:12],
    )


def _rate_occasion(rate: Any, lang: str) -> str:
    """The day a dated rate stands for: the cabinet decision on a budget and who reported it."""
    fiscal_year, kind, number = rate.occasion_budget
    budget = terms.year_budget_label(fiscal_year, kind, lang=lang)
    if number != 1:
        budget = gettext(
            N_("%(budget)s (number %(number)s)"), lang=lang, budget=budget, number=number
        )
    publisher, published = rate.occasion_report
    reporter = terms.publisher_label(publisher, lang=lang)
    if published is not None:
        reporter = gettext(
            N_("%(publisher)s on %(date)s"),
            lang=lang,
            publisher=reporter,
            date=date_text(published, lang=lang),
        )
    return gettext(
        N_("the date of the %(budget)s's cabinet decision, %(date)s (reported by %(reporter)s)"),
        lang=lang,
        budget=budget,
        date=date_text(rate.requested, lang=lang),
        reporter=reporter,
    )


def rate_description(rate: Any, *, lang: str | None = None) -> str:
    """Everything a rate's ``describe()`` says, in ``lang``: the rate, which ECB rate of which
    day or period (and why that day), and the snapshot it comes from."""
    lang = active(lang)
    if lang == "en":
        return rate.describe()
    shown = formats.rate_figure(rate.value, rate.quote, rate.base, lang=lang)
    if getattr(rate, "period", ""):
        period = str(rate.period)
        period = (
            fiscal_year_text(int(period[2:]), lang=active(lang))
            if period.startswith("FY")
            else period
        )
        message = (
            N_(
                "%(rate)s: mean of %(days)s daily ECB reference rates in %(period)s "
                "(%(start)s to %(end)s; %(source)s)"
            )
            if rate.complete
            else N_(
                "%(rate)s: mean of %(days)s daily ECB reference rates in %(period)s "
                "(%(start)s to %(end)s, partial year: the snapshot does not cover it all; "
                "%(source)s)"
            )
        )
        return gettext(
            message,
            lang=lang,
            rate=shown,
            days=rate.days,
            period=period,
            start=date_text(rate.start, lang=lang),
            end=date_text(rate.end, lang=lang),
            source=_rate_source(rate, lang),
        )
    used = getattr(rate, "date_used", None)
    if used is None or used == dt.date.min:
        return gettext(N_("%(rate)s: explicit rate given as a parameter"), lang=lang, rate=shown)
    values = {
        "rate": shown,
        "used": date_text(used, lang=lang),
        "requested": date_text(rate.requested, lang=lang),
        "source": _rate_source(rate, lang),
    }
    latest = used != rate.requested
    if getattr(rate, "occasion_budget", ()):
        values["occasion"] = _rate_occasion(rate, lang)
        message = (
            N_(
                "%(rate)s: ECB reference rate of %(used)s, the latest publication day on or "
                "before %(occasion)s (%(source)s)"
            )
            if latest
            else N_("%(rate)s: ECB reference rate of %(used)s, %(occasion)s (%(source)s)")
        )
    else:
        message = (
            N_(
                "%(rate)s: ECB reference rate of %(used)s, the latest publication day on or "
                "before %(requested)s (%(source)s)"
            )
            if latest
            else N_("%(rate)s: ECB reference rate of %(used)s (%(source)s)")
        )
    return gettext(message, lang=lang, **values)
