"""The peers report's finding and sentences: the headline from exact rows only, captions,
the rates used, the MOF and CHIPS Act comparisons in words, and the sources shown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ... import formats
from ...i18n import N_, active, gettext
from ...params import peers_rate_day
from ..display import date_text
from .compare import EnvelopeVsChipsAct, gdp_share, mof_comparison
from .rows import apart, awards, comparison, convert, gdp_figure, programme_row, programmes
from .tables import format_money, sources_of
from .words import (
    average_text,
    currency_label,
    figure_text,
    money_exact,
    page_figure,
    printed_note,
    printed_text,
)

# --- sentences and the finding ----------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The report's finding: built from exact rows only, whatever ``include_weak`` says."""

    title: str
    sentence: str
    figures: list[Any]
    rate: Any
    source_ids: tuple[str, ...]


def _in_currency(
    japan_jpy: int, us_yearly: Decimal, target: str, day: Any
) -> tuple[Decimal, Decimal, Any]:
    """Japan's envelope and the CHIPS Act's yearly average in ``target``: only the figure in the
    other currency is converted, at the ECB rate of ``day``. Returns both and the rate."""
    if target == "USD":
        japan_value, rate = convert(japan_jpy, "JPY", "USD", day)
        return japan_value, us_yearly, rate
    us_value, rate = convert(us_yearly.to_integral_value(), "USD", "JPY", day)
    return Decimal(japan_jpy), us_value, rate


def _rate_words(rate: Any) -> str:
    """Which rate of which day: "ECB reference rate of 24 December 2025"."""
    return gettext(N_("ECB reference rate of %(date)s"), date=date_text(rate.date_used))


def _rate_figure(rate: Any) -> str:
    """The rate itself: "¥155.96 per US$", 1ドル＝155.96円."""
    return formats.rate_figure(rate.value, rate.quote, rate.base)


def gdp_text(gdp: Any) -> str:
    """A GDP figure as printed (on Japanese pages in Japanese); a sum of printed quarters as
    its total."""
    if gdp.how == "as printed" or active() == "en":
        return printed_text(gdp.text, gdp.amount, gdp.currency, "")
    return money_exact(gdp.amount, gdp.currency)


def _sentence(
    japan_yen: str,
    japan_shown: str,
    us_shown: str,
    *,
    us_total: str,
    target: str,
    rate: Any,
    share: Any,
    gdp_year: int,
) -> str:
    """The headline sentence, naming the rate where a figure was converted."""
    # the sentence's own message for the rate: a language may write it without brackets
    rate_text = gettext(
        N_("%(rate_figure)s (%(rate_words)s)"),
        rate_figure=_rate_figure(rate),
        rate_words=_rate_words(rate),
    )
    values = {
        "japan_yen": japan_yen,
        "us_yearly": us_shown,
        "us_total": us_total,
        "rate": rate_text,
        "share": share.text(3),
        "year": gdp_year,
    }
    if target == "USD":
        message = N_(
            "Per year of direct public money, Japan's FY2026 chips & AI envelope (cabinet draft) "
            "is %(japan_yen)s, %(japan_converted)s at %(rate)s, against %(us_yearly)s a year on "
            "average for the US CHIPS Act's %(us_total)s over five fiscal years; the envelope is "
            "%(share)s of Japan's %(year)s GDP."
        )
        return gettext(message, japan_converted=japan_shown, **values)
    message = N_(
        "Per year of direct public money, Japan's FY2026 chips & AI envelope (cabinet draft) is "
        "%(japan_yen)s, against %(us_yearly)s a year on average for the US CHIPS Act's "
        "%(us_total)s over five fiscal years, at %(rate)s; the envelope is %(share)s of Japan's "
        "%(year)s GDP."
    )
    return gettext(message, **values)


def _key_figures(
    japan: Any,
    us: Any,
    us_yearly: Decimal,
    share: Any,
    *,
    target: str,
    converted: tuple[Decimal, str],
    rate: Any,
    gdp_year: int,
) -> list[Any]:
    """The headline's key figures: both printed amounts, the converted one (``converted``:
    value and text) with its rate, the CHIPS Act's yearly average and the envelope's share."""
    from ... import present

    us_total = figure_text(int(us.amount), "USD")
    japan_source, us_source = sources_of([japan.source_id, us.source_id])
    # the figure in the page's language; the source's printed form in the note if it differs
    japan_text = str(japan.amount_text)
    japan_shown = page_figure(japan_text, int(japan.amount), "JPY", japan.qualifier)
    us_text = str(us.amount_text)
    us_shown_total = page_figure(us_text, int(us.amount), "USD", us.qualifier)
    return [
        present.KeyFigure(
            gettext(N_("Japan, chips & AI envelope FY2026")),
            japan_shown,
            str(int(japan.amount)),
            "source",
            japan_source,
            printed_note(japan_text, japan_shown, gettext(N_("cabinet draft"))),
        ),
        present.KeyFigure(
            gettext(N_("US CHIPS Act appropriations, five fiscal years")),
            us_shown_total,
            str(int(us.amount)),
            "source",
            us_source,
            printed_note(us_text, us_shown_total),
        ),
        present.KeyFigure(
            gettext(N_("Japan's envelope in US dollars"))
            if target == "USD"
            else gettext(N_("CHIPS Act per year in yen")),
            converted[1],
            str(converted[0].quantize(Decimal("0.01"))),
            "computed",
            note=gettext(
                N_("at %(rate)s, %(what)s"), rate=_rate_figure(rate), what=_rate_words(rate)
            ),
        ),
        present.KeyFigure(
            gettext(N_("CHIPS Act per year")),
            average_text(int(us.amount), int(us.years), "USD"),
            str(us_yearly),
            "computed",
            note=gettext(
                N_("%(total)s ÷ %(years)s fiscal years"), total=us_total, years=int(us.years)
            ),
        ),
        present.KeyFigure(
            gettext(N_("Japan's envelope, share of %(year)s GDP"), year=gdp_year),
            share.text(3),
            str(share.percent.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
            "computed",
            note=f"{money_exact(int(japan.amount), 'JPY')} ÷ {gdp_text(share.gdp)}",
        ),
    ]


def headline(params: dict[str, Any]) -> Headline:
    """The safe comparison: direct public money per year, Japan's FY2026 envelope against the
    CHIPS Act's yearly average, in ``params["currency"]`` at the ECB rate of the day
    ``params["fx"]`` names (:func:`jpbudget.params.peers_rate_day`), plus the envelope's share
    of Japan's GDP. Every row used must be exact."""
    table = programmes(include_weak=False).set_index("key")
    japan, us = table.loc["jp-chips-ai-fy2026"], table.loc["us-chips-appropriation"]
    share = gdp_share(int(japan.amount), "JP", params["gdp_year"], currency="JPY")
    used = [japan, us]
    if share is None or share.weak or any(r.confidence != "exact" for r in used):
        raise ValueError("the headline needs exact rows and an exact GDP figure")
    us_yearly = Decimal(int(us.amount)) / int(us.years)
    target = params["currency"]
    japan_value, us_value, rate = _in_currency(
        int(japan.amount), us_yearly, target, peers_rate_day(params["fx"])
    )
    japan_shown = format_money(japan_value, target)  # converted (or the figure, in yen)
    us_shown = (
        average_text(int(us.amount), int(us.years), "USD")
        if target == "USD"
        else format_money(us_value, target)
    )
    sentence = _sentence(
        money_exact(int(japan.amount), "JPY"),
        japan_shown,
        us_shown,
        us_total=figure_text(int(us.amount), "USD"),
        target=target,
        rate=rate,
        share=share,
        gdp_year=params["gdp_year"],
    )
    figures = _key_figures(
        japan,
        us,
        us_yearly,
        share,
        target=target,
        converted=(japan_value, japan_shown) if target == "USD" else (us_value, us_shown),
        rate=rate,
        gdp_year=params["gdp_year"],
    )
    title = gettext(
        _TITLES[(params["basis"], params["per"])],
        currency=currency_label(params["currency"]),
        year=params["gdp_year"],
    )
    ids = (str(japan.source_id), str(us.source_id), *share.gdp.source_ids)
    return Headline(title, sentence, figures, rate, ids)


#: The page's title by its basis and figures (the finding itself is always the safe comparison).
_TITLES = {
    ("direct-spending", "share-of-gdp"): N_(
        "Direct public spending on chips as a share of %(year)s GDP: Japan's FY2026 chips & AI "
        "envelope against the US CHIPS Act"
    ),
    ("direct-spending", "per-year"): N_(
        "Direct public spending on chips per year, in %(currency)s: Japan's FY2026 chips & AI "
        "envelope against the US CHIPS Act"
    ),
    ("direct-spending", "total"): N_(
        "Direct public spending on chips, totals over each programme's period in "
        "%(currency)s: Japan's FY2026 chips & AI envelope against the US CHIPS Act"
    ),
    ("all-instruments", "share-of-gdp"): N_(
        "Chip support by every instrument as a share of %(year)s GDP: Japan's FY2026 chips & "
        "AI envelope against the US CHIPS Act"
    ),
    ("all-instruments", "per-year"): N_(
        "Chip support by every instrument, per year in %(currency)s: Japan's FY2026 chips & AI "
        "envelope against the US CHIPS Act"
    ),
    ("all-instruments", "total"): N_(
        "Chip support by every instrument, totals over each programme's period in "
        "%(currency)s: Japan's FY2026 chips & AI envelope against the US CHIPS Act"
    ),
}

_BASES = {
    "direct-spending": N_("Direct public spending (grants, subsidies, equity)"),
    "all-instruments": N_(
        "All instruments, each on its own row and never summed across instruments"
    ),
}
_PERS = {
    "total": N_("total over each programme's own period, in %(currency)s"),
    "per-year": N_("per year of each programme's own period, in %(currency)s"),
    "share-of-gdp": N_("as a share of %(year)s GDP, each in its own currency"),
}


def comparison_caption(params: dict[str, Any]) -> str:
    """The comparison table's title, naming its basis and what each figure is."""
    message, basis = _PERS[params["per"]], _BASES[params["basis"]]
    per = gettext(
        message,
        currency=currency_label(params["currency"]),
        year=params["gdp_year"],
    )
    return gettext(N_("%(basis)s: %(per)s"), basis=gettext(basis), per=per)


def rates_sentence(rates: dict[str, Any], params: dict[str, Any]) -> str:
    """Which rate of which day converted what; or that no rate entered the table."""
    if params["per"] == "share-of-gdp":
        return gettext(
            N_(
                "No exchange rate enters this table: each share of GDP is taken in the "
                "country's own currency."
            )
        )
    lines = [
        gettext(
            N_("Conversions to %(currency)s, at the rates of %(day)s:"),
            currency=currency_label(params["currency"]),
            day=date_text(peers_rate_day(params["fx"])),
        )
    ]
    lines += [
        "- "
        + escape(gettext(N_("%(rate)s: %(what)s"), rate=_rate_figure(rate), what=_rate_words(rate)))
        for rate in rates.values()
    ]
    twd = N_(
        "New Taiwan dollars are not converted: the ECB publishes no TWD rate and no sourced "
        "rate is stored, so Taiwan's figures stay in NT$."
    )
    lines.append("- " + gettext(twd))
    return "\n".join(lines)


def escape(text: str) -> str:
    from ... import present

    return present.escape_markdown(text)


def mof_sentence(mof: pd.DataFrame) -> str:
    """Where and why the MOF ratios and the project's differ, in words, from ``mof``."""
    rows = mof.set_index("country")
    jp, us = rows.loc["JP"], rows.loc["US"]
    message = N_(
        "MOF divides a three-year Japanese total (%(jp_total)s) and a five-year US total "
        "(%(us_total)s) each by one year's GDP, so %(jp_share)s against %(us_share)s sets three "
        "years of Japanese money against five years of American money. Per year, from the rows, "
        "Japan's FY2021-23 support is %(jp_year)s of %(year)s GDP and the CHIPS Act's "
        "%(us_year)s. MOF's two printed figures imply a Japanese GDP of %(implied)s, below the "
        "%(gdp)s of %(year)s: its GDP year is earlier (the chart cites the OECD but prints no "
        "year)."
    )
    return escape(
        gettext(
            message,
            jp_total=formats.source_amount_text(int(jp.mof_amount_jpy), str(jp.mof_amount_text)),
            us_total=formats.source_amount_text(int(us.mof_amount_jpy), str(us.mof_amount_text)),
            jp_share=jp.mof_share_text,
            us_share=us.mof_share_text,
            jp_year=jp.share_per_year.text(3),
            us_year=us.share_per_year.text(3),
            year=jp.share.gdp.year,
            implied=format_money(jp.mof_implied_gdp_jpy, "JPY"),
            gdp=money_exact(int(jp.share.gdp.amount), "JPY"),
        )
    )


def envelope_sentence(result: EnvelopeVsChipsAct) -> str:
    """The FY2026 envelope against the CHIPS Act with its rule, and its weak label if any."""
    japan, us = result.japan, result.us_per_year
    ratio = result.ratio.quantize(Decimal("0.1"), ROUND_HALF_UP)
    japan_line = gettext(
        N_("Japan: %(share)s of %(year)s GDP (%(amount)s of %(gdp)s)."),
        share=japan.text(3),
        year=japan.gdp.year,
        amount=money_exact(int(japan.amount), "JPY"),
        gdp=gdp_text(japan.gdp),
    )
    us_values = {
        "amount": average_text(int(us.amount), int(result.us_years), "USD"),
        "gdp": gdp_text(us.gdp),
    }
    if us.weak:  # its own message, so that a language may say "weak" after the figures
        us_line = gettext(
            N_(
                "United States: %(bare_share)s (weak GDP figure) a year (%(amount)s a year of "
                "%(gdp)s)."
            ),
            bare_share=us.figure(3),
            **us_values,
        )
    else:
        us_line = gettext(
            N_("United States: %(share)s a year (%(amount)s a year of %(gdp)s)."),
            share=us.text(3),
            **us_values,
        )
    ratio_line = gettext(N_("Japan’s share is %(ratio)s times the US yearly share."), ratio=ratio)
    text = (
        gettext(N_("**Rule:** %(rule)s"), rule=escape(result.rule))
        + f"\n\n- {escape(japan_line)}\n- {escape(us_line)}\n\n{escape(ratio_line)}"
    )
    if result.weak:  # Japanese sentences follow one another without a space (…である。確度低)
        text += "" if text.endswith("。") else " "
        text += gettext(
            N_(
                "**Weak:** the US GDP figure comes from a single unofficial source (no official "
                "annual level is stored), so this ratio is indicative only and is not used in "
                "the finding above."
            )
        )
    return text


# --- captions of the notebook's tables and chart ---------------------------------------------


def share_chart_caption(gdp_year: int) -> str:
    """The share-of-GDP chart's caption."""
    return gettext(
        N_("Direct public spending per year (grants, subsidies, equity), %% of %(year)s GDP"),
        year=gdp_year,
    )


def share_chart_cite(gdp_year: int) -> str:
    """The share-of-GDP chart's "How to cite" line."""
    return gettext(
        N_(
            "jp-chip-budget, peers report: direct public spending on chips per year as a share "
            "of %(year)s GDP, from the sources listed"
        ),
        year=gdp_year,
    )


def apart_caption() -> str:
    return gettext(
        N_(
            "Not direct spending (loans, tax credits, targets, fund capital, mixed packages), "
            "as printed"
        )
    )


def awards_caption() -> str:
    return gettext(
        N_("Company awards abroad, as printed (inside their programmes, never added to them)")
    )


def mof_caption() -> str:
    return gettext(N_("Share of GDP: MOF's chart as printed against the project's computation"))


def _row_sources(keys: str) -> list[str]:
    return [str(programme_row(k.strip()).source_id) for k in keys.split("+")]


def source_ids(params: dict[str, Any]) -> list[str]:
    """Every source the report shows, in order of appearance, each once."""
    weak = params["include_weak"]
    ids: list[str] = list(headline(params).source_ids)
    for frame in (comparison(params["basis"], include_weak=weak), apart(include_weak=weak)):
        ids += list(frame.source_id)
        for row in frame.itertuples(index=False):
            gdp = gdp_figure(row.country, params["gdp_year"])
            if gdp is not None:
                ids += list(gdp.source_ids)
    ids += list(awards(include_weak=weak).source_id)
    ids += ["mof-2024-05-21-chips-international", "sz-2025-11-09-intel-magdeburg-cancelled"]
    ids += [str(s) for s in mof_comparison(params["gdp_year"]).rows.map(_row_sources).sum()]
    return list(dict.fromkeys(ids))
