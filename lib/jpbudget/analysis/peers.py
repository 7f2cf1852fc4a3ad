"""Japan against its peers: public money for chips, compared only like for like.

The rows come from ``international-programmes``, ``gdp`` and ``mof-peer-comparison``
(:mod:`jpbudget.international`) and, for Japan, from ``budget-lines``. The rules:

- **direct public spending** is money a government grants, subsidises or puts in as equity
  (instruments ``grant-subsidy`` and ``equity``); tax credits, loans and loan authority,
  public-plus-private targets, fund capital and mixed packages are shown apart and never added
  to it; cancelled aid is never counted;
- a programme is compared as a **total over its own period**, **per year** (the total divided by
  the number of years of that period; no period, no per-year figure) or as a **share of GDP**
  of one stated year, in the programme's own currency (a share needs no exchange rate);
- rows inside another row (a company award inside its programme) are never added to it;
- *weak* rows (one unofficial or garbled source) are left out unless asked for, and a figure
  computed from a weak row says so (:attr:`Share.weak`); headlines use exact rows only.

Amounts stay integers and :class:`~decimal.Decimal` until shown; conversions happen only between
yen and dollars here, at an ECB reference rate of a stated day (:func:`convert`).

>>> row = japan_programmes().set_index("key").loc["jp-chips-supplementary-fy2021-23"]
>>> int(row.amount), int(row.years)
(3930800000000, 3)
>>> share = gdp_share(row.amount, "JP", 2024)
>>> share.percent.quantize(Decimal("0.001")), share.weak
(Decimal('0.645'), False)
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import pandas as pd

from .. import data, fx, international
from ..params import ParameterError, check_bool, check_choice, check_year
from ..yen import format_usd, format_yen

__all__ = [
    "BASES",
    "CURRENCIES",
    "DIRECT_INSTRUMENTS",
    "PERS",
    "Share",
    "chips_ai_vs_chips_act",
    "comparison",
    "convert",
    "gdp_figure",
    "gdp_share",
    "japan_programmes",
    "mof_comparison",
    "programmes",
    "validate_peers",
]

BASES = ("direct-spending", "all-instruments")
PERS = ("total", "per-year", "share-of-gdp")
CURRENCIES = ("USD", "JPY")
DIRECT_INSTRUMENTS = ("grant-subsidy", "equity")
COUNTRY_NAMES = {
    "JP": "Japan",
    "US": "United States",
    "EU": "European Union",
    "DE": "Germany",
    "KR": "South Korea",
    "TW": "Taiwan",
    "CN": "China",
    "IN": "India",
    "FR": "France",
    "GB": "United Kingdom",
}
INSTRUMENT_LABELS = {
    "grant-subsidy": "grants and subsidies",
    "equity": "equity",
    "loan": "loans and loan authority",
    "tax-credit": "tax credits",
    "public-private-target": "public-plus-private target",
    "fund-capital": "capital of a state-led fund",
    "mixed-package": "mixed package (loans, funds, spending)",
}
#: The Japanese budget lines compared with programmes abroad, in the same shape.
_JAPAN_LINES = (
    # key, items and years summed, instrument, programme
    (
        "jp-chips-supplementary-fy2021-23",
        "chips-supplementary",
        (2021, 2022, 2023),
        "grant-subsidy",
        "Chip support in the FY2021-23 supplementary budgets",
    ),
    (
        "jp-chips-ai-fy2026",
        "chips-ai",
        (2026,),
        "grant-subsidy",
        "Chips & AI envelope, FY2026 (subsidies, R&D and Rapidus equity)",
    ),
    (
        "jp-ai-chips-framework",
        "ai-chips-framework",
        (2024,),
        "mixed-package",
        "AI/semiconductor framework to FY2030",
    ),
)
#: Budgets read for Japan, best first (an enacted figure supersedes a draft).
_BUDGETS = ("initial", "initial-draft", "supplementary", "multi-year")


# --- rows -------------------------------------------------------------------------------------


def _budget_row(fiscal_year: int, item: str) -> pd.Series:
    lines = data.load("budget-lines")
    for budget in _BUDGETS:
        rows = lines[
            (lines.fiscal_year == fiscal_year)
            & (lines.item.astype(object) == item)
            & (lines.budget.astype(object) == budget)
        ]
        if len(rows):
            return rows.iloc[0]
    raise KeyError(f"no budget-lines row for FY{fiscal_year} {item}")


def japan_programmes() -> pd.DataFrame:
    """Japan's figures from ``budget-lines`` in the shape of :func:`programmes` (sums computed)."""
    records = []
    for key, item, years, instrument, programme in _JAPAN_LINES:
        rows = [_budget_row(year, item) for year in years]
        first = rows[0]
        budget = str(first.budget)
        if budget == "multi-year":
            start, end = 2024, 2030  # the framework's period, FY2024 to FY2030 (see its note)
        else:
            start, end = years[0], years[-1]
        records.append(
            {
                "key": key,
                "country": "JP",
                "programme": programme,
                "recipient": "",
                "instrument": instrument,
                "within": "",
                "status": "draft" if budget == "initial-draft" else "in-force",
                "period_start": start,
                "period_end": end,
                "period_kind": "fiscal-year",
                "amount_text": " + ".join(str(r.amount_text) for r in rows),
                "amount": sum(int(r.amount_jpy) for r in rows),
                "currency": "JPY",
                "qualifier": str(first.qualifier or ""),
                "confidence": "weak" if any(r.confidence == "weak" for r in rows) else "exact",
                "source_id": str(first.source_id),
                "computed": len(rows) > 1,
            }
        )
    return _finish(pd.DataFrame.from_records(records))


def _finish(frame: pd.DataFrame) -> pd.DataFrame:
    frame["period_start"] = frame["period_start"].astype("Int64")
    frame["period_end"] = frame["period_end"].astype("Int64")
    frame["years"] = (frame["period_end"] - frame["period_start"] + 1).astype("Int64")
    frame["country_name"] = frame["country"].astype(object).map(COUNTRY_NAMES)
    return frame


def programmes(*, include_weak: bool = False) -> pd.DataFrame:
    """Every programme and award, Japan's included, one row each (weak rows only if asked).

    Columns: ``key``, ``country``, ``country_name``, ``programme``, ``recipient``,
    ``instrument``, ``within``, ``status``, ``period_start``, ``period_end``, ``years``,
    ``period_kind``, ``amount_text``, ``amount`` (int, own currency), ``currency``,
    ``qualifier``, ``confidence``, ``source_id``, ``computed`` (a sum of several rows).
    """
    abroad = international.load("international-programmes").rename(columns={"programme_id": "key"})
    abroad = abroad.drop(columns=["note"])
    for column in ("country", "instrument", "status", "period_kind", "currency", "qualifier"):
        abroad[column] = abroad[column].astype(object)
    abroad["confidence"] = abroad["confidence"].astype(object)
    abroad["amount"] = abroad["amount"].astype(object).map(int)
    abroad["computed"] = False
    table = pd.concat([japan_programmes(), _finish(abroad)], ignore_index=True)
    if not include_weak:
        table = table[table.confidence == "exact"]
    return table.reset_index(drop=True)


def comparison(basis: str, *, include_weak: bool = False) -> pd.DataFrame:
    """The national programmes compared on ``basis`` (company awards are in none of them).

    ``direct-spending``: grants, subsidies and equity in force or in a draft budget, top-level
    rows only (never a row inside another); ``all-instruments``: every national row, each with
    its instrument, to be shown side by side and never summed across instruments.
    """
    check_choice("basis", basis, BASES)
    table = programmes(include_weak=include_weak)
    national = table[(table.recipient == "") & (table.status != "cancelled")]
    if basis == "direct-spending":
        national = national[national.instrument.isin(DIRECT_INSTRUMENTS) & (national.within == "")]
    return national.reset_index(drop=True)


# --- GDP and shares ------------------------------------------------------------------------------


@dataclass(frozen=True)
class GdpFigure:
    """A country's nominal GDP for one year: as printed, or the sum of four printed quarters."""

    country: str
    year: int
    year_kind: str
    amount: int
    currency: str
    text: str
    how: str
    confidence: str
    source_ids: tuple[str, ...]


def gdp_figure(country: str, year: int, *, fiscal: bool = False) -> GdpFigure | None:
    """The GDP row of ``country`` for calendar (or ``fiscal``) ``year``; None if there is none.

    An annual row is used as printed; otherwise four quarters of one source are summed (said in
    ``how``).

    >>> gdp_figure("DE", 2024).amount, gdp_figure("DE", 2024).how
    (4305260000000, 'sum of the four quarters printed by the source')
    >>> gdp_figure("CN", 2024) is None
    True
    """
    table = international.load("gdp")
    kind = "fiscal-year" if fiscal else "calendar-year"
    rows = table[
        (table.country.astype(object) == country)
        & (table.year == year)
        & (table.year_kind.astype(object) == kind)
    ]
    annual = rows[rows.period.astype(object) == "year"]
    if len(annual):
        row = annual.iloc[0]
        return GdpFigure(
            country,
            year,
            kind,
            int(row.amount),
            str(row.currency),
            str(row.amount_text),
            "as printed",
            str(row.confidence),
            (str(row.source_id),),
        )
    quarters = rows[rows.period.astype(object).isin(["Q1", "Q2", "Q3", "Q4"])]
    if len(quarters) == 4 and quarters.source_id.nunique() == 1:
        return GdpFigure(
            country,
            year,
            kind,
            sum(int(a) for a in quarters.amount),
            str(quarters.currency.iloc[0]),
            " + ".join(quarters.amount_text),
            "sum of the four quarters printed by the source",
            "weak" if (quarters.confidence == "weak").any() else "exact",
            (str(quarters.source_id.iloc[0]),),
        )
    return None


@dataclass(frozen=True)
class Share:
    """An amount as a percentage of one year's GDP of the same country, in the same currency."""

    amount: int
    gdp: GdpFigure
    percent: Decimal
    weak: bool

    def text(self, places: int = 2) -> str:
        """The share as shown, "0.65%", with "(weak GDP figure)" when the GDP row is weak."""
        shown = self.percent.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        return f"{shown}%" + (" (weak GDP figure)" if self.weak else "")


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


# --- conversion ---------------------------------------------------------------------------------


def convert(amount: Any, currency: str, to: str, day: Any) -> tuple[Decimal, fx.Rate | None]:
    """``amount`` of ``currency`` in ``to`` at the ECB reference rate of ``day``.

    Returns the converted amount and the rate used (None when no conversion was needed); the
    division is exact (:meth:`jpbudget.fx.Rate.convert`), rounded once. A currency the ECB
    snapshot does not publish is refused by name (:class:`RateUnavailableError`).

    >>> value, rate = convert(1_239_000_000_000, "JPY", "USD", "2025-12-26")
    >>> round(value / 10**9, 2), rate.date_used.isoformat()
    (Decimal('7.94'), '2025-12-24')
    >>> convert(300_000_000_000, "TWD", "USD", "2025-12-26")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jpbudget.errors.RateUnavailableError: no exchange rate for 'TWD': the ECB snapshot publishes ...
    """
    if currency == to:
        return Decimal(int(amount)), None
    rate = fx.rate_on(day, currency=currency, to=to)
    return Decimal(repr(rate.convert(int(amount)))), rate


# --- the Ministry of Finance's comparison ----------------------------------------------------------


def _row(key: str) -> pd.Series:
    table = programmes(include_weak=True).set_index("key")
    return table.loc[key]


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
    japan = _row("jp-chips-supplementary-fy2021-23")
    us = _row("us-chips-appropriation")
    de_rows = [_row(k) for k in ("esmc-dresden-2024-08", "de-ipcei-1", "intel-magdeburg-2023-06")]
    de_in_force = [r for r in de_rows if r.status != "cancelled"]
    computed = {
        "JP": (
            int(japan.amount),
            "JPY",
            3,
            "jp-chips-supplementary-fy2021-23",
            "MOF rounds the three supplementary budgets (¥3,930.8 billion) to ¥3.9 trillion and "
            "divides by an earlier, smaller GDP (OECD; the year is not printed): the share shown "
            f"here uses the GDP of {gdp_year}.",
        ),
        "US": (
            int(us.amount),
            "USD",
            5,
            "us-chips-appropriation",
            "Both use the $52.7 billion over five years. MOF converts it to yen (about ¥7.1 "
            "trillion) and divides by a US GDP of an earlier year; here the share is taken in "
            f"dollars on the GDP of {gdp_year}, which is a weak figure (no official BEA level "
            "is stored).",
        ),
        "DE": (
            sum(int(r.amount) for r in de_in_force),
            "EUR",
            None,
            "esmc-dresden-2024-08 + de-ipcei-1",
            "MOF counts Intel's €9.9 billion for Magdeburg, cancelled in July 2025 and never "
            "paid; here only the aid still in force (ESMC €5 billion, IPCEI €1 billion) counts. "
            "MOF prints no period, so no per-year figure can be formed.",
        ),
    }
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

    @property
    def weak(self) -> bool:
        return self.japan.weak or self.us_per_year.weak

    @property
    def ratio(self) -> Decimal:
        """How many times the US yearly share Japan's share is."""
        return self.japan.percent / self.us_per_year.percent


RULE = (
    "Japan's one-year chips & AI envelope (FY2026 cabinet draft) divided by Japan's GDP of the "
    "stated year, against the CHIPS Act's appropriation ($52.7 billion) divided by its five "
    "fiscal years and by US GDP of the same year; each share in its own currency, so no "
    "exchange rate enters. Tax credits, loan authority and awards are not in either figure."
)


def chips_ai_vs_chips_act(gdp_year: int = 2024) -> EnvelopeVsChipsAct:
    """The seed's comparative framing made checkable (issue 13 item 4), with :data:`RULE`.

    The US GDP row is weak, so the result is weak (:attr:`EnvelopeVsChipsAct.weak`): show it
    with that label, never as a headline.
    """
    japan = _row("jp-chips-ai-fy2026")
    us = _row("us-chips-appropriation")
    japan_share = gdp_share(int(japan.amount), "JP", gdp_year, currency="JPY")
    us_share = gdp_share(int(us.amount), "US", gdp_year, currency="USD")
    if japan_share is None or us_share is None:
        raise KeyError(f"no GDP of {gdp_year} for Japan and the United States in data/gdp.csv")
    years = int(us.years)
    yearly = Share(us_share.amount, us_share.gdp, us_share.percent / years, us_share.weak)
    return EnvelopeVsChipsAct(japan_share, yearly, years, RULE)


# --- parameters -----------------------------------------------------------------------------------


def validate_peers(
    *, basis: Any, per: Any, currency: Any, fx: Any, gdp_year: Any, include_weak: Any
) -> dict[str, Any]:
    """The peers notebook's parameters, checked; each error names its parameter.

    ``fx`` is ``"announcement"`` (the ECB rate of the FY2026 cabinet decision, 2025-12-26) or a
    day ``"YYYY-MM-DD"`` the snapshot covers; ``gdp_year`` a calendar year with GDP rows.
    """
    checked = {
        "basis": check_choice("basis", basis, BASES),
        "per": check_choice("per", per, PERS),
        "currency": check_choice("currency", currency, CURRENCIES),
        "gdp_year": check_year(
            "gdp_year",
            gdp_year,
            international.load("gdp").year.dropna().astype(int),
            what="GDP figures",
        ),
        "include_weak": check_bool("include_weak", include_weak),
    }
    checked["fx"] = fx
    checked["rate_day"] = _fx_day(fx)
    return checked


def _fx_day(value: Any) -> dt.date:
    expected = "expected 'announcement' or a day 'YYYY-MM-DD' covered by the ECB snapshot"
    if value == "announcement":
        return data.budget_event(2026).date
    if not isinstance(value, str):
        raise ParameterError(f"parameter fx: {value!r} is not allowed; {expected}")
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        raise ParameterError(f"parameter fx: {value!r} is not allowed; {expected}") from None
    try:
        fx.rate_on(day)
    except fx.RateUnavailableError as exc:
        raise ParameterError(f"parameter fx: {value!r} is not allowed; {exc}") from None
    return day


# --- reader-facing tables and the chart --------------------------------------------------------

_SYMBOLS = {"EUR": "€", "KRW": "₩", "TWD": "NT$", "CNY": "CN¥", "INR": "₹", "GBP": "£"}


def format_money(value: Any, currency: str, digits: int = 3) -> str:
    """An amount of any currency, rounded to ``digits`` significant digits ("₩1.7 trillion").

    >>> format_money(1_239_000_000_000, "JPY"), format_money(Decimal("10540000000"), "USD")
    ('¥1.24 trillion', '$10.5 billion')
    >>> format_money(Decimal("150000000000"), "INR", 4)
    '₹150 billion'
    """
    value = value if isinstance(value, Decimal) else Decimal(int(value))
    if currency == "JPY":
        whole = value.quantize(Decimal(1), ROUND_HALF_UP)
        return format_yen(int(whole), digits=digits)
    text = format_usd(Decimal(value), digits=digits)
    return text if currency == "USD" else text.replace("$", _SYMBOLS.get(currency, currency), 1)


def period_text(row: Any) -> str:
    """ "FY2021-23", "2024-33", "from 2024" (no end given) or "FY2026"."""
    prefix = "FY" if row.period_kind == "fiscal-year" else ""
    start = int(row.period_start)
    if pd.isna(row.period_end):
        return f"from {prefix}{start} (no end given)"
    end = int(row.period_end)
    return f"{prefix}{start}" if end == start else f"{prefix}{start}-{str(end)[-2:]}"


def _source(source_id: str) -> Any:
    from .. import present

    return present.Source.from_record(data.sources(source_id).reset_index().iloc[0].to_dict())


def sources_of(source_ids: Any) -> list[Any]:
    """:class:`jpbudget.present.Source` records of ``source_ids``, in order, each once."""
    return [_source(s) for s in dict.fromkeys(str(s) for s in source_ids)]


def status_text(row: Any) -> str:
    """ "in force", "draft budget" or "cancelled", with "(weak source)" for a weak row."""
    words = {"draft": "draft budget", "in-force": "in force"}.get(row.status, row.status)
    return words + (" (weak source)" if row.confidence == "weak" else "")


def _printed(row: Any) -> str:
    text = str(row.amount_text)
    if row.computed:
        return f"{text} (summed here: {format_money(row.amount, row.currency, 5)})"
    return text


def comparison_display(
    frame: pd.DataFrame, *, per: str, currency: str, day: Any, gdp_year: int
) -> tuple[pd.DataFrame, dict[str, Any]]:
    """The comparison table for readers, and the rates used, by currency converted from."""
    used: dict[str, Any] = {}
    records = []
    for row in frame.itertuples(index=False):
        record = {
            "Country": row.country_name,
            "Programme": row.programme,
            "Instrument": INSTRUMENT_LABELS[row.instrument],
            "Period": period_text(row),
            "As printed": _printed(row),
        }
        yearly = per_year(row.amount, row.years)
        hedge = f"{row.qualifier} " if row.qualifier else ""  # the printed figure's qualifier
        if per in ("total", "per-year"):
            value = Decimal(int(row.amount)) if per == "total" else yearly
            label = "Total over the period" if per == "total" else "Per year (average)"
            record[f"{label}, own currency"] = (
                None if value is None else hedge + format_money(value, row.currency)
            )
            converted = None
            if value is not None:
                try:
                    amount, rate = convert(value.to_integral_value(), row.currency, currency, day)
                except fx.RateUnavailableError:
                    converted = f"not converted ({row.currency})"
                else:
                    if rate is not None:
                        used[row.currency] = rate
                    converted = hedge + format_money(amount, currency)
            record[f"{label}, in {currency}"] = converted
        else:
            share = gdp_share(row.amount, row.country, gdp_year, currency=row.currency)
            record[f"Whole period, % of {gdp_year} GDP"] = (
                None if share is None else hedge + share.text(3)
            )
            record[f"Per year, % of {gdp_year} GDP"] = (
                None
                if share is None or yearly is None
                else hedge
                + Share(share.amount, share.gdp, share.percent / int(row.years), share.weak).text(3)
            )
        record["Status"] = status_text(row)
        record["Source"] = _source(row.source_id)
        records.append(record)
    return pd.DataFrame.from_records(records), used


def apart(*, include_weak: bool = False) -> pd.DataFrame:
    """National rows that are not direct spending: shown apart, never added to it."""
    table = comparison("all-instruments", include_weak=include_weak)
    return table[~table.instrument.isin(DIRECT_INSTRUMENTS)].reset_index(drop=True)


def plain_display(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows as printed, for readers: country, what, instrument, period, amount, status, source."""
    return pd.DataFrame.from_records(
        [
            {
                "Country": row.country_name,
                "Programme or award": row.programme
                + (f": {row.recipient}" if row.recipient else ""),
                "Instrument": INSTRUMENT_LABELS[row.instrument],
                "Period": period_text(row),
                "As printed": _printed(row),
                "Status": status_text(row),
                "Source": _source(row.source_id),
            }
            for row in frame.itertuples(index=False)
        ]
    )


def awards(*, include_weak: bool = False) -> pd.DataFrame:
    """Company awards abroad (inside their programmes; never added to them)."""
    table = programmes(include_weak=include_weak)
    return table[table.recipient != ""].reset_index(drop=True)


def mof_display(table: pd.DataFrame, gdp_year: int) -> pd.DataFrame:
    """MOF's comparison as printed next to the project's computation, with the reason."""
    records = []
    for row in table.itertuples(index=False):
        records.append(
            {
                "Country": row.country_name,
                "MOF: support as printed": f"{row.mof_programme_text} ({row.mof_amount_text})",
                "MOF: share of GDP as printed": row.mof_share_text,
                "GDP implied by MOF's two figures": format_yen(
                    int(row.mof_implied_gdp_jpy.quantize(Decimal(1), ROUND_HALF_UP))
                ),
                "Here: support from the rows": format_money(row.amount, row.currency, 4),
                f"Here: % of {gdp_year} GDP, whole period": None
                if row.share is None
                else row.share.text(3),
                f"Here: % of {gdp_year} GDP, per year": None
                if row.share_per_year is None
                else row.share_per_year.text(3),
                "Why they differ": row.reason,
            }
        )
    return pd.DataFrame.from_records(records)


def share_chart(frame: pd.DataFrame, gdp_year: int) -> tuple[Any, pd.DataFrame]:
    """Bar chart of direct spending per year as % of GDP (rows with a period and a GDP figure).

    Returns the figure and the data drawn (with a ``source`` column); weak GDP figures are
    hatched and labelled.
    """
    import matplotlib.pyplot as plt

    drawn = []
    for row in frame.itertuples(index=False):
        share = gdp_share(row.amount, row.country, gdp_year, currency=row.currency)
        if share is None or pd.isna(row.years):
            continue
        yearly = share.percent / int(row.years)
        drawn.append(
            {
                "label": f"{row.country_name}: {row.programme} ({period_text(row)}"
                + (", draft budget)" if row.status == "draft" else ")"),
                "percent_of_gdp_per_year": float(yearly.quantize(Decimal("0.0001"))),
                "weak_gdp": share.weak,
                "source": "; ".join(
                    s.citation for s in sources_of([row.source_id, *share.gdp.source_ids])
                ),
            }
        )
    table = pd.DataFrame.from_records(drawn).sort_values("percent_of_gdp_per_year")
    fig, ax = plt.subplots(figsize=(10, 0.55 * len(table) + 1.8))
    bars = ax.barh(table["label"], table["percent_of_gdp_per_year"], color="#3b6ea5")
    for bar, weak in zip(bars, table["weak_gdp"], strict=True):
        if weak:
            bar.set_hatch("//")
            bar.set_facecolor("#b7c7dc")
    for y, (value, weak) in enumerate(
        zip(table["percent_of_gdp_per_year"], table["weak_gdp"], strict=True)
    ):
        ax.text(value, y, f" {value:.3f}%" + (" (weak GDP)" if weak else ""), va="center")
    ax.set_xlabel(f"Direct public spending per year, % of {gdp_year} GDP")
    ax.margins(x=0.25)
    fig.suptitle(
        f"Direct public spending on chips per year, as a share of {gdp_year} GDP",
        fontsize=12,
    )
    fig.tight_layout()
    return fig, table.reset_index(drop=True)


# --- sentences and the finding ----------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    """The report's finding: built from exact rows only, whatever ``include_weak`` says."""

    title: str
    sentence: str
    figures: list[Any]
    rate: Any
    source_ids: tuple[str, ...]


def headline(params: dict[str, Any]) -> Headline:
    """The safe comparison: direct public money per year, Japan's FY2026 envelope against the
    CHIPS Act's yearly average, in ``params["currency"]`` at the rate of ``params["rate_day"]``,
    plus the envelope's share of Japan's GDP. Every row used must be exact."""
    from .. import present

    table = programmes(include_weak=False).set_index("key")
    japan, us = table.loc["jp-chips-ai-fy2026"], table.loc["us-chips-appropriation"]
    share = gdp_share(int(japan.amount), "JP", params["gdp_year"], currency="JPY")
    used = [japan, us]
    if share is None or share.weak or any(r.confidence != "exact" for r in used):
        raise ValueError("the headline needs exact rows and an exact GDP figure")
    us_yearly = Decimal(int(us.amount)) / int(us.years)
    target = params["currency"]
    if target == "USD":
        japan_value, rate = convert(int(japan.amount), "JPY", "USD", params["rate_day"])
        us_value = us_yearly
    else:
        japan_value = Decimal(int(japan.amount))
        us_value, rate = convert(us_yearly.to_integral_value(), "USD", "JPY", params["rate_day"])
    japan_shown, us_shown = format_money(japan_value, target), format_money(us_value, target)
    rate_text = f"{rate.text()} (ECB reference rate of {rate.date_used.isoformat()})"
    japan_yen = format_money(japan.amount, "JPY", 4)
    if target == "USD":
        japan_part = f"{japan_yen}, {japan_shown} at {rate_text}"
        us_part = f"{us_shown} a year on average for the US CHIPS Act's $52.7 billion over five"
        us_part += " fiscal years"
    else:
        japan_part = japan_yen
        us_part = (
            f"{us_shown} a year on average for the US CHIPS Act's $52.7 billion over five fiscal "
            f"years, at {rate_text}"
        )
    sentence = (
        "Per year of direct public money, Japan's FY2026 chips & AI envelope (cabinet draft) is "
        f"{japan_part}, against {us_part}; the envelope is {share.text(2)} of Japan's "
        f"{params['gdp_year']} GDP."
    )
    japan_source, us_source = sources_of([japan.source_id, us.source_id])
    figures = [
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
            f"Japan's envelope in {target}" if target == "USD" else "CHIPS Act per year in JPY",
            japan_shown if target == "USD" else us_shown,
            str((japan_value if target == "USD" else us_value).quantize(Decimal("0.01"))),
            "computed",
            note=rate.describe(),
        ),
        present.KeyFigure(
            "CHIPS Act per year (average of five)",
            format_money(us_yearly, "USD"),
            str(us_yearly),
            "computed",
            note="$52.7 billion ÷ 5",
        ),
        present.KeyFigure(
            f"Japan's envelope, share of {params['gdp_year']} GDP",
            share.text(3),
            str(share.percent.quantize(Decimal("0.0001"), ROUND_HALF_UP)),
            "computed",
            note=f"{format_money(japan.amount, 'JPY', 4)} ÷ {share.gdp.text}",
        ),
    ]
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
    lines = [f"Conversions to {params['currency']} (rate requested for {params['rate_day']}):"]
    lines += [f"- {escape(rate.describe())}" for rate in rates.values()]
    lines.append(
        "- New Taiwan dollars are not converted: the ECB publishes no TWD rate and no sourced "
        "rate is stored, so Taiwan's figures stay in NT$."
    )
    return "\n".join(lines)


def escape(text: str) -> str:
    from .. import present

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
    return [str(_row(k.strip()).source_id) for k in keys.split("+")]


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
