"""The notebooks' exchange-rate policy, the ``fx`` setting: which rate converts which figure.

``"announcement"``: a budget's figures convert at the ECB rate of its announcement, the cabinet
decision recorded for that budget in ``data/budget-events.csv`` (each sourced); a figure
announced on a known day (a subsidy, a claim) at the rate of that day. ``"fy-average"``: at the
average rate of the fiscal year. A number: an explicit rate of yen per US dollar, within a
plausible range of the snapshot (half its lowest to twice its highest daily rate).
:func:`jpbudget.params.check_fx` turns the notebook parameter into an :class:`FxChoice`.

>>> print(FxChoice("announcement").rate_for(2026).describe())  # doctest: +ELLIPSIS
¥155.96 per US$: ECB reference rate of 2025-12-24, the latest publication day on or before 2025-12-26, the date of the FY2026 initial budget's cabinet decision (reported by Jiji Press (via nippon.com), 2025-12-26) (...)
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from ..errors import RateUnavailableError
from ..fiscal import fiscal_year as fiscal_year_of
from .dates import as_day, as_year
from .quotes import ExplicitRate, PeriodRate, Rate, check_rate, shown
from .rates import period_rate, rate_on
from .snapshot import rate_table

__all__ = ["FX_MODES", "FxChoice", "announcement_rate", "fx_choice", "plausible_rates"]

#: The named rate policies; any other accepted value is an explicit rate.
FX_MODES = ("announcement", "fy-average")


def announcement_rate(fiscal_year: Any, *, kind: str = "initial", number: int = 1) -> Rate:
    """The JPY-per-USD rate of the cabinet decision on a budget (from ``budget-events``).

    Raises :class:`RateUnavailableError` naming the budget when no cabinet decision is recorded
    for it, when its date is not known to the day, or when the snapshot does not cover it.
    """
    from .. import data

    fy = as_year(fiscal_year)
    which = f"FY{fy} {kind} budget" + (f" (number {number})" if number != 1 else "")
    try:
        event = data.budget_event(fy, kind, "cabinet-decision", number=number)
    except KeyError as exc:
        raise RateUnavailableError(f"no announcement date for the {which}: {exc.args[0]}") from None
    if event.precision != "day":
        raise RateUnavailableError(
            f"the announcement of the {which} ({event.date.isoformat()}) is known only to the "
            f"{event.precision} ({event.source_id}); a daily rate needs the day"
        )
    try:
        rate = rate_on(event.date)
    except RateUnavailableError as exc:
        raise RateUnavailableError(
            f"the announcement of the {which}, its cabinet decision of "
            f"{event.date.isoformat()}, has no rate: {exc}"
        ) from None
    source = data.sources(event.source_id).iloc[0]
    published = f", {source.published:%Y-%m-%d}" if not _missing(source.published) else ""
    occasion = f"the {which}'s cabinet decision (reported by {source.publisher}{published})"
    return dataclasses.replace(
        rate,
        occasion=occasion,
        occasion_budget=(fy, kind, number),
        occasion_report=(
            str(source.publisher),
            None if _missing(source.published) else source.published.date(),
        ),
    )


def _missing(value: Any) -> bool:
    """True for an absent publication date (None, NaT or NaN)."""
    return value is None or value != value


@dataclass(frozen=True)
class FxChoice:
    """How yen become dollars: a mode and, for ``explicit``, the rate in yen per US dollar."""

    mode: str  # "announcement", "fy-average" or "explicit"
    rate: float | None = None

    def label(self) -> str:
        """Short text for tables and indexes.

        >>> FxChoice("explicit", 150.0).label()
        'explicit ¥150 per US$'
        """
        if self.mode == "explicit":
            return f"explicit ¥{self.rate:g} per US$"
        if self.mode == "announcement":
            return "ECB rate on the date of each budget's cabinet decision"
        return "fiscal-year average ECB rate"

    def _refused(self, what: str, exc: Exception) -> RateUnavailableError:
        return RateUnavailableError(f"fx: {self.mode!r} cannot be used for {what}: {exc}")

    def rate_for(
        self, fiscal_year: Any, *, kind: str = "initial", number: int = 1, announced: Any = None
    ) -> ExplicitRate | Rate | PeriodRate:
        """The rate for figures of ``fiscal_year``: of its ``kind`` budget (``number``: which
        supplementary), or, with ``announced``, a figure announced on that day.

        ``announcement``: the rate of ``announced`` if given, else of the budget's cabinet
        decision; ``fy-average``: the fiscal year's average; ``explicit``: the given rate.
        Raises :class:`RateUnavailableError` ("fx: ... cannot be used for FY...") when the
        snapshot or the data cannot give it.
        """
        if self.mode == "explicit":
            return ExplicitRate(check_rate(self.rate, name="fx"), "JPY", "USD")
        fy = as_year(fiscal_year)
        try:
            if self.mode == "fy-average":
                return period_rate("JPY", "USD", fiscal_year=fy)
            if announced is not None:
                return rate_on(announced)
            return announcement_rate(fy, kind=kind, number=number)
        except RateUnavailableError as exc:
            raise self._refused(f"FY{fy}", exc) from None

    def rate_for_date(self, date: Any) -> ExplicitRate | Rate | PeriodRate:
        """The rate for a figure announced on ``date``: that day's rate (``announcement``), the
        average of its fiscal year (``fy-average``) or the explicit rate."""
        if self.mode == "explicit":
            return ExplicitRate(check_rate(self.rate, name="fx"), "JPY", "USD")
        day = as_day(date)
        try:
            if self.mode == "announcement":
                return rate_on(day)
            return period_rate("JPY", "USD", fiscal_year=fiscal_year_of(day))
        except RateUnavailableError as exc:
            raise self._refused(day.isoformat(), exc) from None


def plausible_rates() -> tuple[float, float]:
    """Bounds for an explicit JPY-per-USD rate: half the snapshot's lowest daily rate to twice
    its highest.

    >>> low, high = plausible_rates()
    >>> round(low, 2), round(high, 2)
    (37.88, 327.83)
    """
    values = rate_table().pair("JPY", "USD").values
    return float(values.min()) / 2, float(values.max()) * 2


def fx_choice(value: Any) -> FxChoice:
    """The :class:`FxChoice` for a value of the ``fx`` setting (raises ``ValueError`` naming it).

    >>> fx_choice("announcement")
    FxChoice(mode='announcement', rate=None)
    >>> fx_choice("150")
    FxChoice(mode='explicit', rate=150.0)
    """
    if isinstance(value, str) and value in FX_MODES:
        return FxChoice(value)
    expected = "expected 'announcement', 'fy-average' or a positive number of yen per US dollar"
    number: Any = value
    if isinstance(value, str):
        try:
            number = Decimal(value.strip())
        except InvalidOperation:
            number = None
    try:
        rate = check_rate(number, name="fx")
    except ValueError:
        raise ValueError(f"fx: {shown(value)} is not allowed; {expected} such as 155.9") from None
    low, high = plausible_rates()
    if not low <= rate <= high:
        raise ValueError(
            f"fx: {shown(value)} is not allowed; {expected} from {low:.2f} to {high:.2f} (half "
            "the lowest to twice the highest daily ECB rate in the snapshot, "
            f"{rate_table().range_text()})"
        )
    return FxChoice("explicit", rate)
