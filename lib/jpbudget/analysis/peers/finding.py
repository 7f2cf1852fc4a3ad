"""The peers report's finding and sentences: the headline from exact rows only, captions,
the rates used, the MOF and CHIPS Act comparisons in words, and the sources shown."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ...params import peers_rate_day
from ...yen import format_yen
from ..display import date_text
from .compare import EnvelopeVsChipsAct, gdp_share, mof_comparison
from .rows import apart, awards, comparison, convert, gdp_figure, programme_row, programmes
from .tables import format_money, sources_of

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
    return f"ECB reference rate of {date_text(rate.date_used)}"


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
    rate_text = f"{rate.text()} ({_rate_words(rate)})"
    if target == "USD":
        japan_part = f"{japan_yen}, {japan_shown} at {rate_text}"
        us_part = f"{us_shown} a year on average for the US CHIPS Act's {us_total} over five"
        us_part += " fiscal years"
    else:
        japan_part = japan_yen
        us_part = (
            f"{us_shown} a year on average for the US CHIPS Act's {us_total} over five fiscal "
            f"years, at {rate_text}"
        )
    return (
        "Per year of direct public money, Japan's FY2026 chips & AI envelope (cabinet draft) is "
        f"{japan_part}, against {us_part}; the envelope is {share.text(3)} of Japan's "
        f"{gdp_year} GDP."
    )


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

    us_total = format_money(us.amount, "USD")
    japan_source, us_source = sources_of([japan.source_id, us.source_id])
    return [
        present.KeyFigure(
            "Japan, chips & AI envelope FY2026",
            str(japan.amount_text),
            str(int(japan.amount)),
            "source",
            japan_source,
            "cabinet draft",
        ),
        present.KeyFigure(
            "US CHIPS Act appropriations, five fiscal years",
            str(us.amount_text),
            str(int(us.amount)),
            "source",
            us_source,
        ),
        present.KeyFigure(
            "Japan's envelope in US dollars" if target == "USD" else "CHIPS Act per year in yen",
            converted[1],
            str(converted[0].quantize(Decimal("0.01"))),
            "computed",
            note=f"at {rate.text()}, {_rate_words(rate)}",
        ),
        present.KeyFigure(
            "CHIPS Act per year (average of five)",
            format_money(us_yearly, "USD"),
            str(us_yearly),
            "computed",
            note=f"{us_total} ÷ {int(us.years)}",
        ),
        present.KeyFigure(
            f"Japan's envelope, share of {gdp_year} GDP",
            share.text(3),
            str(share.percent.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
            "computed",
            note=f"{format_money(japan.amount, 'JPY', 4)} ÷ {share.gdp.text}",
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
    japan_shown, us_shown = format_money(japan_value, target), format_money(us_value, target)
    sentence = _sentence(
        format_money(japan.amount, "JPY", 4),
        japan_shown,
        us_shown,
        us_total=format_money(us.amount, "USD"),
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
    title = (
        "Direct public spending per year: Japan's FY2026 chips & AI envelope "
        "against the US CHIPS Act"
    )
    ids = (str(japan.source_id), str(us.source_id), *share.gdp.source_ids)
    return Headline(title, sentence, figures, rate, ids)


def comparison_caption(params: dict[str, Any]) -> str:
    """The comparison table's title, naming its basis and what each figure is."""
    basis = {
        "direct-spending": "Direct public spending (grants, subsidies, equity)",
        "all-instruments": "All instruments, each on its own row and never summed across "
        "instruments",
    }[params["basis"]]
    per = {
        "total": f"total over each programme's own period, in {params['currency']}",
        "per-year": f"per year of each programme's own period, in {params['currency']}",
        "share-of-gdp": f"as a share of {params['gdp_year']} GDP, each in its own currency",
    }[params["per"]]
    return f"{basis}: {per}"


def rates_sentence(rates: dict[str, Any], params: dict[str, Any]) -> str:
    """Which rate of which day converted what; or that no rate entered the table."""
    if params["per"] == "share-of-gdp":
        return (
            "No exchange rate enters this table: each share of GDP is taken in the country's "
            "own currency."
        )
    day = date_text(peers_rate_day(params["fx"]))
    lines = [f"Conversions to {params['currency']}, at the rates of {day}:"]
    lines += [f"- {escape(f'{rate.text()}: {_rate_words(rate)}')}" for rate in rates.values()]
    lines.append(
        "- New Taiwan dollars are not converted: the ECB publishes no TWD rate and no sourced "
        "rate is stored, so Taiwan's figures stay in NT$."
    )
    return "\n".join(lines)


def escape(text: str) -> str:
    from ... import present

    return present.escape_markdown(text)


def mof_sentence(mof: pd.DataFrame) -> str:
    """Where and why the MOF ratios and the project's differ, in words, from ``mof``."""
    rows = mof.set_index("country")
    jp, us = rows.loc["JP"], rows.loc["US"]
    jp_year = jp.share_per_year.text(3)
    us_year = us.share_per_year.text(3)
    return escape(
        f"MOF divides a three-year Japanese total ({jp.mof_amount_text}) and a five-year US "
        f"total ({us.mof_amount_text}) each by one year's GDP, so {jp.mof_share_text} against "
        f"{us.mof_share_text} sets three years of Japanese money against five years of American "
        f"money. Per year, from the rows, Japan's FY2021-23 support is {jp_year} of "
        f"{jp.share.gdp.year} GDP and the CHIPS Act's {us_year}. MOF's two printed figures imply "
        f"a Japanese GDP of {format_yen(int(jp.mof_implied_gdp_jpy.to_integral_value()))}, "
        f"below the {format_money(jp.share.gdp.amount, 'JPY', 4)} of {jp.share.gdp.year}: its "
        "GDP year is earlier (the chart cites the OECD but prints no year)."
    )


def envelope_sentence(result: EnvelopeVsChipsAct) -> str:
    """The FY2026 envelope against the CHIPS Act with its rule, and its weak label if any."""
    japan, us = result.japan, result.us_per_year
    ratio = result.ratio.quantize(Decimal("0.1"), ROUND_HALF_UP)
    japan_line = (
        f"Japan: {japan.text(3)} of {japan.gdp.year} GDP "
        f"({format_money(japan.amount, 'JPY', 4)} of {japan.gdp.text})."
    )
    us_line = (
        f"United States: {us.text(3)} a year "
        f"({format_money(Decimal(us.amount) / result.us_years, 'USD')} a year of {us.gdp.text})."
    )
    text = (
        f"**Rule:** {escape(result.rule)}\n\n- {escape(japan_line)}\n- {escape(us_line)}\n\n"
        f"{escape(f'Japan’s share is {ratio} times the US yearly share.')}"
    )
    if result.weak:
        text += (
            " **Weak:** the US GDP figure comes from a single unofficial source (no official "
            "annual level is stored), so this ratio is indicative only and is not used in the "
            "finding above."
        )
    return text


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
