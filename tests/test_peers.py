"""The international comparison (issue 13): data, conversions, shares of GDP, the rules.

Expected values are computed here from the CSV rows and the ECB snapshot, read with the
standard library, independently of jpbudget.international and jpbudget.analysis.peers.
"""

import csv
import io
import shutil
import zipfile
from decimal import Decimal
from fractions import Fraction

import pytest
from jpbudget import international
from jpbudget.analysis import peers
from jpbudget.errors import DataValidationError, RateUnavailableError
from jpbudget.params import ParameterError, peers_rate_day, validate_peers
from jpbudget.paths import data_dir

DATA = data_dir()


def rows(name):
    with (DATA / f"{name}.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def by_key(name, key):
    return {r[key]: r for r in rows(name)}


def ecb(day, currency):
    """Units of ``currency`` per euro on ``day``, from the pinned snapshot."""
    with zipfile.ZipFile(DATA / "raw" / "eurofxref-hist.zip") as archive:
        text = archive.read(archive.namelist()[0]).decode("utf-8")
    for row in csv.DictReader(io.StringIO(text)):
        if row["Date"] == day:
            return Decimal(row[currency].strip())
    raise LookupError(day)


def close(actual, expected):
    """Equal to Decimal's 28 significant digits (the exact value is a Fraction)."""
    return abs(Fraction(actual) - expected) <= abs(expected) * Fraction(1, 10**25)


# --- data -------------------------------------------------------------------------------------


def test_every_programme_row_loads_with_its_amount_as_printed():
    expected = by_key("international-programmes", "programme_id")
    table = international.load("international-programmes").set_index("programme_id")
    assert sorted(table.index) == sorted(expected)
    for key, row in expected.items():
        assert int(table.loc[key, "amount"]) == int(row["amount"])
        assert table.loc[key, "amount_text"] == row["amount_text"]


@pytest.mark.parametrize(
    ("text", "currency", "amount"),
    [
        ("527億ドル", "USD", 52_700_000_000),
        ("$7.86B", "USD", 7_860_000_000),
        ("9,9 Milliarden Euro", "EUR", 9_900_000_000),
        ("4 469,9 Milliarden Euro", "EUR", 4_469_900_000_000),
        ("1 064,83 Mrd. EUR", "EUR", 1_064_830_000_000),
        ("33조원", "KRW", 33_000_000_000_000),
        ("2549조1000억원", "KRW", 2_549_100_000_000_000),
        ("NT$300 billion", "TWD", 300_000_000_000),
        ("25.4兆元", "TWD", 25_400_000_000_000),
        ("344 billion yuan", "CNY", 344_000_000_000),
        ("Rs 76,000 crore", "INR", 760_000_000_000),
        ("¥609.3 trillion", "JPY", 609_300_000_000_000),
    ],
)
def test_amounts_are_read_in_their_own_currency(text, currency, amount):
    assert international.parse_amount(text, currency) == amount


def test_an_amount_in_another_currency_is_refused_naming_both():
    with pytest.raises(ValueError, match=r"'\$5 billion' as an amount of EUR"):
        international.parse_amount("$5 billion", "EUR")


def test_a_wrong_amount_is_reported_with_file_row_key_and_field(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "international-programmes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(",39000000000,USD,", ",3900000000,USD,"), encoding="utf-8")
    with pytest.raises(DataValidationError) as caught:
        international.load("international-programmes", data_dir=copy)
    message = str(caught.value)
    assert "international-programmes.csv, data row 2 (line 3)" in message
    assert "key us-chips-manufacturing-incentives, field 'amount'" in message
    assert "'$39 billion' is 39,000,000,000 USD but amount is 3,900,000,000" in message


def test_a_row_within_a_missing_programme_is_refused(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "international-programmes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace(",kr-2024-package,in-force", ",kr-2023-package,in-force"), encoding="utf-8"
    )
    with pytest.raises(DataValidationError, match="key kr-2024-loans, field 'within'"):
        international.load("international-programmes", data_dir=copy)


def test_the_mof_ratios_are_stored_as_printed():
    printed = by_key("mof-peer-comparison", "country")
    assert {c: r["share_text"] for c, r in printed.items()} == {
        "US": "0.21%",
        "DE": "0.41%",
        "JP": "0.71%",
    }
    assert printed["JP"]["amount_text"] == "約3.9兆円"


# --- amounts, periods and shares -------------------------------------------------------------


def test_japans_fy2021_23_support_is_the_sum_of_the_three_supplementary_lines():
    lines = [
        r
        for r in rows("budget-lines")
        if r["item"] == "chips-supplementary" and r["fiscal_year"] in ("2021", "2022", "2023")
    ]
    expected = sum(int(r["amount_jpy"]) for r in lines)
    row = peers.japan_programmes().set_index("key").loc["jp-chips-supplementary-fy2021-23"]
    assert (int(row.amount), int(row.years)) == (expected, 3)


def test_share_of_gdp_is_amount_over_the_stated_years_gdp_in_the_same_currency():
    gdp = by_key("gdp", "gdp_id")["jp-2024"]
    envelope = next(
        r for r in rows("budget-lines") if r["fiscal_year"] == "2026" and r["item"] == "chips-ai"
    )
    expected = Fraction(int(envelope["amount_jpy"]) * 100, int(gdp["amount"]))
    share = peers.gdp_share(int(envelope["amount_jpy"]), "JP", 2024, currency="JPY")
    assert close(share.percent, expected)
    assert (share.text(3), share.weak) == ("0.203%", False)


def test_a_share_across_currencies_is_refused():
    with pytest.raises(ValueError, match="cannot take USD as a share of JP's GDP in JPY"):
        peers.gdp_share(52_700_000_000, "JP", 2024, currency="USD")


def test_germanys_2024_gdp_is_the_sum_of_the_four_printed_quarters():
    quarters = [r for r in rows("gdp") if r["country"] == "DE" and r["year"] == "2024"]
    assert len(quarters) == 4
    figure = peers.gdp_figure("DE", 2024)
    assert figure.amount == sum(int(r["amount"]) for r in quarters)
    assert figure.how == "sum of the four quarters printed by the source"


def test_per_year_divides_by_the_programmes_own_years():
    chips = by_key("international-programmes", "programme_id")["us-chips-appropriation"]
    years = int(chips["period_end"]) - int(chips["period_start"]) + 1
    assert years == 5
    assert peers.per_year(int(chips["amount"]), years) == Decimal(int(chips["amount"])) / 5
    assert peers.per_year(1_000_000_000, None) is None


def test_the_envelope_against_the_chips_act_is_weak_because_us_gdp_is():
    gdp = by_key("gdp", "gdp_id")
    envelope = next(
        r for r in rows("budget-lines") if r["fiscal_year"] == "2026" and r["item"] == "chips-ai"
    )
    japan = Fraction(int(envelope["amount_jpy"]) * 100, int(gdp["jp-2024"]["amount"]))
    us = Fraction(52_700_000_000 * 100, int(gdp["us-2024"]["amount"]) * 5)
    result = peers.chips_ai_vs_chips_act(2024)
    assert close(result.japan.percent, japan)
    assert close(result.us_per_year.percent, us)
    assert result.weak and gdp["us-2024"]["confidence"] == "weak"
    assert "(weak GDP figure)" in result.us_per_year.text(3)


def test_the_envelope_against_the_chips_act_names_every_source_it_used_and_its_rule():
    gdp = by_key("gdp", "gdp_id")
    envelope = next(
        r for r in rows("budget-lines") if r["fiscal_year"] == "2026" and r["item"] == "chips-ai"
    )
    chips_act = by_key("international-programmes", "programme_id")["us-chips-appropriation"]
    result = peers.chips_ai_vs_chips_act(2024)
    expected = [
        envelope["source_id"],
        chips_act["source_id"],
        gdp["jp-2024"]["source_id"],
        gdp["us-2024"]["source_id"],
    ]
    assert list(result.source_ids) == list(dict.fromkeys(expected))
    assert "($52.7 billion) divided by its 5 fiscal years" in result.rule


# --- conversions ---------------------------------------------------------------------------------


def test_yen_to_dollars_on_a_stated_day_uses_that_days_ecb_rate():
    # 2025-12-26 is a holiday: the ECB's latest rates are those of 2025-12-24
    jpy_per_usd = ecb("2025-12-24", "JPY") / ecb("2025-12-24", "USD")
    value, rate = peers.convert(1_239_000_000_000, "JPY", "USD", "2025-12-26")
    assert rate.date_used.isoformat() == "2025-12-24"
    assert float(value) == pytest.approx(float(Decimal(1_239_000_000_000) / jpy_per_usd), rel=1e-12)


def test_euros_to_dollars_on_a_stated_day():
    value, _ = peers.convert(5_000_000_000, "EUR", "USD", "2025-12-24")
    assert float(value) == pytest.approx(float(5_000_000_000 * ecb("2025-12-24", "USD")), rel=1e-12)


def test_a_currency_outside_the_snapshot_is_refused_by_name():
    with pytest.raises(RateUnavailableError, match="'TWD'"):
        peers.convert(300_000_000_000, "TWD", "USD", "2025-12-26")


def test_the_comparison_table_leaves_twd_in_its_own_currency():
    frame = peers.comparison("direct-spending")
    shown, rates = peers.comparison_display(
        frame, per="total", currency="USD", day="2025-12-26", gdp_year=2024
    )
    taiwan = shown[shown.Country == "Taiwan"].iloc[0]
    assert taiwan["Total over the period, in USD"] == "not converted (TWD)"
    assert "TWD" not in rates and sorted(rates) == ["EUR", "INR", "JPY", "KRW"]


# --- what is compared -------------------------------------------------------------------------------


def test_direct_spending_holds_only_grants_subsidies_and_equity_at_top_level():
    frame = peers.comparison("direct-spending")
    assert set(frame.instrument) <= {"grant-subsidy", "equity"}
    assert (frame.within == "").all() and (frame.recipient == "").all()
    assert "cancelled" not in set(frame.status)
    assert "us-chips-loan-authority" not in set(frame.key)


def test_loans_tax_credits_and_targets_are_shown_apart():
    apart = set(peers.apart(include_weak=True).key)
    assert {"us-chips-loan-authority", "us-chips-tax-credit", "eu-chips-act-target"} <= apart
    assert not apart & set(peers.comparison("direct-spending", include_weak=True).key)


def test_a_weak_row_is_left_out_unless_asked_for():
    weak = {
        r["programme_id"] for r in rows("international-programmes") if r["confidence"] == "weak"
    }
    assert weak == {"us-chips-tax-credit"}
    assert not weak & set(peers.programmes().key)
    assert weak <= set(peers.programmes(include_weak=True).key)


def test_no_weak_row_enters_the_headline_even_when_weak_rows_are_asked_for():
    params = validate_peers(
        basis="all-instruments",
        per="total",
        currency="USD",
        fx="announcement",
        gdp_year=2024,
        include_weak=True,
    )
    result = peers.headline(params)
    weak_sources = {
        r["source_id"] for r in rows("international-programmes") if r["confidence"] == "weak"
    }
    weak_sources |= {r["source_id"] for r in rows("gdp") if r["confidence"] == "weak"}
    assert not weak_sources & set(result.source_ids)
    assert not any(f.source and f.source.publisher == "TheWorldData" for f in result.figures)
    assert "weak" not in result.sentence


def test_the_mof_comparison_shows_the_gdp_its_printed_figures_imply():
    printed = by_key("mof-peer-comparison", "country")
    table = peers.mof_comparison(2024).set_index("country")
    for country, row in printed.items():
        implied = Fraction(int(row["amount_jpy"]) * 100) / Fraction(row["share_percent"])
        assert close(table.loc[country, "mof_implied_gdp_jpy"], implied)
    # Intel's cancelled Magdeburg aid is left out of Germany's figure
    programmes = by_key("international-programmes", "programme_id")
    in_force = int(programmes["esmc-dresden-2024-08"]["amount"]) + int(
        programmes["de-ipcei-1"]["amount"]
    )
    assert table.loc["DE", "amount"] == in_force


# --- parameters -------------------------------------------------------------------------------------

GOOD = {
    "basis": "direct-spending",
    "per": "share-of-gdp",
    "currency": "USD",
    "fx": "announcement",
    "gdp_year": 2024,
    "include_weak": False,
}


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("basis", "spending"),
        ("per", "per-decade"),
        ("currency", "EUR"),
        ("fx", "2031-01-01"),
        ("fx", "26/12/2025"),
        ("gdp_year", 2019),
        ("include_weak", "yes"),
    ],
)
def test_a_bad_parameter_is_refused_naming_it(name, value):
    with pytest.raises(ParameterError, match=f"^parameter {name}: {value!r} is not allowed"):
        validate_peers(**{**GOOD, name: value})


def test_announcement_means_the_fy2026_cabinet_decision_day():
    assert peers_rate_day(validate_peers(**GOOD)["fx"]).isoformat() == "2025-12-26"


def test_a_computed_figure_keeps_the_qualifier_of_the_printed_one():
    frame = peers.comparison("direct-spending")
    shown, _ = peers.comparison_display(
        frame, per="per-year", currency="USD", day="2025-12-26", gdp_year=2024
    )
    horizon = shown[shown.Programme == "Chips for Europe Initiative: from Horizon Europe"].iloc[0]
    # maximum indicative amount of EUR 1.725 billion over 2021-27: 1,725,000,000 / 7 =
    # 246,428,571.4, given in 万 (10^4) and a ceiling, so cut off: up to €246.42 million
    assert horizon["Per year (average), own currency"] == "up to €246.42 million"
    assert horizon["Per year (average), in USD"].startswith("up to $")


def test_the_programmes_follow_a_changed_data_file_and_are_a_fresh_copy(tmp_path, monkeypatch):
    """``programmes`` is made once per state of the data files: an edited file is read again."""
    shutil.copytree(DATA, tmp_path / "data")
    monkeypatch.setenv("JPBUDGET_ROOT", str(tmp_path))
    first = peers.rows.programmes()
    assert first.set_index("key").at["us-chips-appropriation", "programme"] == (
        "CHIPS and Science Act: appropriations for semiconductors"
    )
    first.loc[:, "programme"] = "changed by the caller"
    assert "changed by the caller" not in set(peers.rows.programmes().programme)

    path = tmp_path / "data" / "international-programmes.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("appropriations for semiconductors,", "appropriations for chips,", 1),
        encoding="utf-8",
    )
    again = peers.rows.programmes().set_index("key")
    assert again.at["us-chips-appropriation", "programme"] == (
        "CHIPS and Science Act: appropriations for chips"
    )
