"""The comparisons computed from the rows: shares of GDP, per-year averages, the Ministry of
Finance's chart recomputed, and the FY2026 envelope against the CHIPS Act."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from ... import formats, international
from ...i18n import N_, active, gettext
from ...yen import format_usd, split_qualifier
from .rows import COUNTRY_NAMES, GdpFigure, gdp_figure, programme_row
from .words import money_exact


@dataclass(frozen=True)
class Share:
    """An amount as a percentage of one year's GDP of the same country, in the same currency."""

    amount: int
    gdp: GdpFigure
    percent: Decimal
    weak: bool

    def figure(self, places: int = 2) -> str:
        """The share alone, "0.65%" (rounded half up to ``places`` decimals)."""
        return f"{self.percent.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)}%"

    def text(self, places: int = 2) -> str:
        """The share as shown, "0.65%", with "(weak GDP figure)" when the GDP row is weak."""
        shown = self.figure(places)
        if self.weak:
            return gettext(N_("%(share)s (weak GDP figure)"), share=shown)
        return shown


def gdp_share(amount: Any, country: str, year: int, *, currency: str | None = None) -> Share | None:
    """``amount`` as a percentage of ``country``'s GDP of calendar ``year``; None without GDP.

    ``currency`` (when given) must be the GDP's: a share is never taken across currencies.
    """
    gdp = gdp_figure(country, year)
    if gdp is None:
        return None
    if currency is not None and currency != gdp.currency:
        raise ValueError(
            f"cannot take {currency} as a share of {country}'s GDP in {gdp.currency}: convert "
            "neither; compare shares in each country's own currency"
        )
    percent = Decimal(int(amount)) * 100 / Decimal(gdp.amount)
    return Share(int(amount), gdp, percent, gdp.confidence == "weak")


def per_year(amount: Any, years: Any) -> Decimal | None:
    """The yearly average of a total over ``years`` years; None when the period is unknown."""
    if years is None or pd.isna(years):
        return None
    return Decimal(int(amount)) / int(years)


# --- the Ministry of Finance's comparison ----------------------------------------------------------


def _mof_rounded(mof: Any) -> str:
    """MOF's printed amount without its qualifier, in the page's language ("¥3.9 trillion",
    3.9兆円)."""
    bare = split_qualifier(str(mof.amount_text))[1]
    return formats.source_amount_text(int(mof.amount_jpy), bare)


def _project_figures(gdp_year: int, printed: pd.DataFrame) -> dict[str, tuple[Any, ...]]:
    """Per country of MOF's chart: the project's amount from the rows, its currency, its
    period in years (None when MOF prints none), the rows used and why it differs from MOF's."""
    japan = programme_row("jp-chips-supplementary-fy2021-23")
    us = programme_row("us-chips-appropriation")
    de_rows = [
        programme_row(k) for k in ("esmc-dresden-2024-08", "de-ipcei-1", "intel-magdeburg-2023-06")
    ]
    de_in_force = [r for r in de_rows if r.status != "cancelled"]
    return {
        "JP": (
            int(japan.amount),
            "JPY",
            3,
            "jp-chips-supplementary-fy2021-23",
            gettext(
                N_(
                    "MOF rounds the three supplementary budgets (%(total)s) to %(rounded)s and "
                    "divides by an earlier, smaller GDP (OECD; the year is not printed): the "
                    "share shown here uses the GDP of %(year)s."
                ),
                year=gdp_year,
                total=money_exact(int(japan.amount), "JPY"),
                rounded=_mof_rounded(printed.loc["JP"]),
            ),
        ),
        "US": (
            int(us.amount),
            "USD",
            5,
            "us-chips-appropriation",
            gettext(
                N_(
                    "Both use the $52.7 billion over five years. MOF converts it to yen (about "
                    "¥7.1 trillion) and divides by a US GDP of an earlier year; here the share is "
                    "taken in dollars on the GDP of %(year)s, which is a weak figure (no official "
                    "BEA level is stored)."
                ),
                year=gdp_year,
            ),
        ),
        "DE": (
            sum(int(r.amount) for r in de_in_force),
            "EUR",
            None,
            "esmc-dresden-2024-08 + de-ipcei-1",
            gettext(
                N_(
                    "MOF counts Intel's €9.9 billion for Magdeburg, cancelled in July 2025 and "
                    "never paid; here only the aid still in force (ESMC €5 billion, IPCEI €1 "
                    "billion) counts. MOF prints no period, so no per-year figure can be formed."
                )
            ),
        ),
    }


def mof_comparison(gdp_year: int = 2024) -> pd.DataFrame:
    """MOF's printed figures next to the project's own computation from the rows.

    One row per country of MOF's chart (US, Germany, Japan) with: MOF's amount and share as
    printed (``mof_amount_text``, ``mof_share_text``, ``mof_years``), the GDP MOF's two printed
    figures imply (``mof_implied_gdp_jpy`` = amount ÷ share), the project's amount from the rows
    (``amount``, ``currency``, ``rows``), its share of GDP of ``gdp_year`` over the whole period
    and per year (``share``, ``share_per_year``: :class:`Share` or None), and ``reason``: why the
    two differ, in words.
    """
    printed = international.load("mof-peer-comparison").set_index("country")
    computed = _project_figures(gdp_year, printed)
    records = []
    for country in ("US", "DE", "JP"):
        mof = printed.loc[country]
        amount, currency, years, rows, reason = computed[country]
        share = gdp_share(amount, country, gdp_year, currency=currency)
        yearly = per_year(amount, years)
        share_per_year = (
            None
            if share is None or yearly is None
            else Share(amount, share.gdp, share.percent / years, share.weak)
        )
        records.append(
            {
                "country": country,
                "country_name": COUNTRY_NAMES[country],
                "mof_programme_text": str(mof.programme_text),
                "mof_years": None if pd.isna(mof.period_years) else int(mof.period_years),
                "mof_amount_text": str(mof.amount_text),
                "mof_amount_jpy": int(mof.amount_jpy),
                "mof_share_text": str(mof.share_text),
                "mof_share_percent": Decimal(repr(float(mof.share_percent))),
                "mof_implied_gdp_jpy": Decimal(int(mof.amount_jpy))
                * 100
                / Decimal(repr(float(mof.share_percent))),
                "amount": amount,
                "currency": currency,
                "rows": rows,
                "share": share,
                "share_per_year": share_per_year,
                "reason": reason,
            }
        )
    return pd.DataFrame.from_records(records)


# --- the claims check: FY2026 chips & AI against the CHIPS Act ------------------------------------


@dataclass(frozen=True)
class EnvelopeVsChipsAct:
    """Japan's FY2026 chips & AI envelope and the CHIPS Act's yearly appropriation, each as a
    share of its own country's GDP of the same year."""

    japan: Share
    us_per_year: Share
    us_years: int
    rule: str
    source_ids: tuple[str, ...] = ()

    @property
    def weak(self) -> bool:
        return self.japan.weak or self.us_per_year.weak

    @property
    def ratio(self) -> Decimal:
        """How many times the US yearly share Japan's share is."""
        return self.japan.percent / self.us_per_year.percent


RULE = N_(
    "Japan's one-year chips & AI envelope (FY2026 cabinet draft) divided by Japan's GDP of the "
    "stated year, against the CHIPS Act's appropriation (%(us_total)s) divided by its %(years)s "
    "fiscal years and by US GDP of the same year; each share in its own currency, so no "
    "exchange rate enters. Tax credits, loan authority and awards are not in either figure."
)


def chips_ai_vs_chips_act(gdp_year: int = 2024) -> EnvelopeVsChipsAct:
    """The seed's comparative framing made checkable (issue 13 item 4), with :data:`RULE`.

    The US GDP row is weak, so the result is weak (:attr:`EnvelopeVsChipsAct.weak`): show it
    with that label, never as a headline.
    """
    japan = programme_row("jp-chips-ai-fy2026")
    us = programme_row("us-chips-appropriation")
    japan_share = gdp_share(int(japan.amount), "JP", gdp_year, currency="JPY")
    us_share = gdp_share(int(us.amount), "US", gdp_year, currency="USD")
    if japan_share is None or us_share is None:
        raise KeyError(f"no GDP of {gdp_year} for Japan and the United States in data/gdp.csv")
    years = int(us.years)
    yearly = Share(us_share.amount, us_share.gdp, us_share.percent / years, us_share.weak)
    sources = (japan.source_id, us.source_id, *japan_share.gdp.source_ids, *yearly.gdp.source_ids)
    rule = gettext(RULE, us_total=format_usd(int(us.amount), lang=active()), years=years)
    return EnvelopeVsChipsAct(japan_share, yearly, years, rule, tuple(dict.fromkeys(sources)))
