"""The sourced datasets in data/: what they hold, their dtypes, and that they validate."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from jpbudget import data, international, parse_yen
from jpbudget.data import package as data_package
from jpbudget.paths import data_dir

DATA = data_dir()
FRICTIONLESS = Path(sys.executable).with_name("frictionless")


def line(fy: int, budget: str, item: str) -> pd.Series:
    lines = data.load("budget-lines")
    rows = lines[(lines.fiscal_year == fy) & (lines.budget == budget) & (lines.item == item)]
    assert len(rows) == 1, f"{fy}/{budget}/{item}: {len(rows)} rows"
    return rows.iloc[0]


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


# --- contents ---------------------------------------------------------------------------------


def test_row_counts():
    counts = {name: len(data.load(name)) for name in data.RESOURCES}
    assert counts == {
        "sources": 60,
        "budget-lines": 30,
        "rapidus-support": 9,
        "claims": 12,
        "context-figures": 11,
        "company-subsidies": 6,
        "budget-events": 7,
    }


@pytest.mark.parametrize(
    ("fy", "budget", "item", "amount_jpy", "amount_text"),
    [
        (2026, "initial-draft", "chips-ai", 1_239_000_000_000, "1兆2390億円"),
        (2025, "initial-draft", "chips-ai", 332_800_000_000, "3328億円"),
        (2026, "initial-draft", "meti-total", 3_069_300_000_000, "3,069.3 billion yen"),
        (2025, "initial-draft", "meti-total", 2_052_400_000_000, "2兆524億円"),
        (2024, "initial", "meti-total", 1_907_200_000_000, "1兆9072億円"),
        (2026, "request", "meti-total", 2_044_400_000_000, "2,044.4 billion yen"),
        (2026, "initial-draft", "rapidus-equity", 150_000_000_000, "¥150 billion"),
        (2025, "initial-draft", "rapidus-equity", 100_000_000_000, "100 billion yen"),
        (2025, "initial-draft", "chips-design-hub", 31_800_000_000, "318億円"),
        (2025, "initial-draft", "edge-ai-chip-rd", 29_500_000_000, "295億円"),
        (2026, "initial-draft", "ai-foundation-models", 387_300_000_000, "387.3 billion yen"),
        (2026, "initial-draft", "critical-minerals", 5_000_000_000, "50億円"),
        (2026, "initial-draft", "next-gen-nuclear", 122_000_000_000, "1220億円"),
        (2026, "initial-draft", "energy-special-account", 2_533_300_000_000, "2,533.3 billion yen"),
        (2026, "initial-draft", "gx-transition-bonds", 605_000_000_000, "6,050 億円"),
        (2026, "initial-draft", "nexi-grant-bonds", 1_780_000_000_000, "¥1.78 trillion"),
        (2026, "initial-draft", "rapidus-rd", 630_000_000_000, "6300億円程度"),
        (2026, "initial-draft", "rapidus-total", 800_000_000_000, "約8000億円"),
        (2021, "supplementary", "chips-supplementary", 774_000_000_000, "7,740億円"),
        (2022, "supplementary", "chips-supplementary", 1_303_600_000_000, "13,036億円"),
        (2023, "supplementary", "chips-supplementary", 1_853_200_000_000, "18,532億円"),
        (2024, "supplementary", "chips-ai-supplementary", 1_500_000_000_000, "¥1.5 trillion"),
        (
            2025,
            "supplementary",
            "chips-ai-supplementary",
            252_500_000_000,
            "roughly ¥252.5 billion",
        ),
        (2024, "multi-year", "ai-chips-framework", 10_000_000_000_000, "more than ¥10 trillion"),
        (2025, "multi-year", "chips-ai-with-supplementary", 1_500_000_000_000, "1.5兆円規模"),
        (2026, "stopgap", "general-account", 8_564_100_000_000, "8兆5641億円"),
        (2026, "supplementary", "general-account", 3_113_500_000_000, "¥3.1135 trillion"),
    ],
)
def test_register_figures_are_stored_exactly(fy, budget, item, amount_jpy, amount_text):
    row = line(fy, budget, item)
    assert row.amount_jpy == amount_jpy
    assert row.amount_text == amount_text


def test_every_budget_line_of_the_register_is_there():
    lines = data.load("budget-lines")
    keys = set(
        zip(lines.fiscal_year, lines.budget.astype(str), lines.item.astype(str), strict=True)
    )
    assert keys == {
        (2024, "initial", "meti-total"),
        (2025, "initial-draft", "meti-total"),
        (2025, "initial-draft", "chips-ai"),
        (2025, "initial-draft", "rapidus-equity"),
        (2025, "initial-draft", "chips-design-hub"),
        (2025, "initial-draft", "edge-ai-chip-rd"),
        (2026, "request", "meti-total"),
        (2026, "initial-draft", "meti-total"),
        (2026, "initial-draft", "energy-special-account"),
        (2026, "initial-draft", "chips-ai"),
        (2026, "initial-draft", "rapidus-equity"),
        (2026, "initial-draft", "ai-foundation-models"),
        (2026, "initial-draft", "critical-minerals"),
        (2026, "initial-draft", "next-gen-nuclear"),
        (2026, "initial-draft", "gx-transition-bonds"),
        (2026, "initial-draft", "nexi-grant-bonds"),
        (2026, "initial-draft", "rapidus-rd"),
        (2026, "initial-draft", "rapidus-total"),
        (2021, "supplementary", "chips-supplementary"),
        (2022, "supplementary", "chips-supplementary"),
        (2023, "supplementary", "chips-supplementary"),
        (2024, "supplementary", "chips-ai-supplementary"),
        (2024, "supplementary", "next-gen-chips-quantum"),
        (2024, "supplementary", "chips-domestic-production"),
        (2025, "supplementary", "chips-ai-supplementary"),
        (2021, "multi-year", "chips-ai-cumulative"),
        (2024, "multi-year", "ai-chips-framework"),
        (2025, "multi-year", "chips-ai-with-supplementary"),
        (2026, "stopgap", "general-account"),
        (2026, "supplementary", "general-account"),
    }


def test_lines_inside_envelopes_follow_the_register():
    lines = data.load("budget-lines")
    within = {
        (int(r.fiscal_year), str(r.item)): r.within
        for r in lines.itertuples()
        if not pd.isna(r.within)
    }
    assert within == {
        (2025, "rapidus-equity"): "chips-ai",
        (2025, "chips-design-hub"): "chips-ai",
        (2025, "edge-ai-chip-rd"): "chips-ai",
        (2025, "chips-ai"): "meti-total",
        (2026, "chips-ai"): "meti-total",
        (2026, "rapidus-equity"): "chips-ai",
        (2026, "ai-foundation-models"): "chips-ai",
        (2026, "critical-minerals"): "meti-total",  # METI lines, not inside chips & AI
        (2026, "next-gen-nuclear"): "meti-total",
        (2024, "next-gen-chips-quantum"): "chips-ai-supplementary",
        (2024, "chips-domestic-production"): "chips-ai-supplementary",
    }


def test_weak_and_qualified_figures_are_flagged():
    lines = data.load("budget-lines")
    weak = lines[lines.confidence == "weak"]
    assert sorted(weak.item.astype(str)) == ["general-account", "rapidus-rd", "rapidus-total"]
    assert weak.note.str.startswith("weak:").all()
    assert dict(zip(weak.item.astype(str), weak.amount_jpy, strict=True)) == {
        "general-account": 3_113_500_000_000,  # the June 2026 supplementary
        "rapidus-rd": 630_000_000_000,
        "rapidus-total": 800_000_000_000,
    }
    qualified = lines[lines.qualifier != ""]
    assert {
        (int(r.fiscal_year), str(r.item), str(r.qualifier)) for r in qualified.itertuples()
    } == {
        (2026, "rapidus-rd", "about"),  # 6300億円程度
        (2026, "rapidus-total", "about"),  # 約8000億円
        (2025, "chips-ai-supplementary", "about"),  # roughly ¥252.5 billion
        (2021, "chips-ai-cumulative", "about"),
        (2024, "ai-chips-framework", "more than"),
        (2025, "chips-ai-with-supplementary", "about"),  # 1.5兆円規模
    }


def test_fy2026_rows_are_labelled_as_the_draft_not_enacted():
    lines = data.load("budget-lines")
    fy2026 = lines[lines.fiscal_year == 2026]
    assert set(fy2026.budget.astype(str)) == {
        "request",
        "initial-draft",
        "stopgap",
        "supplementary",
    }
    fy2026 = fy2026[fy2026.budget == "initial-draft"]
    assert fy2026.note.str.contains(
        "cabinet draft of 2025-12-26, passed by the lower house unamended on 2026-03-13",
        case=False,
        regex=False,
    ).all()


def test_fy2025_figures_are_labelled_as_the_december_2024_draft():
    # the FY2025 budget was enacted amended (2025-03-31); the stored figures are the draft's
    lines = data.load("budget-lines")
    regular = lines[(lines.fiscal_year == 2025) & lines.budget.isin(["initial", "initial-draft"])]
    assert set(regular.budget.astype(str)) == {"initial-draft"}
    assert len(regular) == 5
    assert data.budget_event(2025, "initial", "enactment").date == datetime.date(2025, 3, 31)


def test_an_initial_label_needs_an_enactment_and_a_draft_label_a_cabinet_decision():
    lines = data.load("budget-lines")
    for row in lines[lines.budget.isin(["initial", "initial-draft"])].itertuples():
        if row.budget == "initial-draft":
            assert data.budget_event(row.fiscal_year, "initial", "cabinet-decision")
        elif row.fiscal_year >= 2025:  # budget-events starts with FY2025
            assert data.budget_event(row.fiscal_year, "initial", "enactment")


def test_no_derived_totals_are_stored():
    amounts = set(data.figures().amount_jpy.dropna())
    for derived in (
        1_722_500_000_000,  # Rapidus subsidies to date
        1_972_500_000_000,  # all Rapidus support
        250_000_000_000,  # Rapidus equity after FY2026
        1_491_500_000_000,  # FY2026 chips & AI + FY2025 supplementary (MOF prints 1.5兆円規模)
        1_208_000_000_000,  # TSMC's two plants
        728_000_000_000,  # Micron 2023 + 2025
        242_900_000_000,  # Kioxia/WD 2022 + 2024
    ):
        assert derived not in amounts


def test_rapidus_support_rows():
    support = data.load("rapidus-support").set_index("support_id")
    table = {
        sid: (
            r.announced.date().isoformat(),
            int(r.fiscal_year),
            r.kind,
            int(r.amount_jpy),
            r.qualifier,
            r.confidence,
        )
        for sid, r in support.iterrows()
    }
    assert table == {
        "2022-11-subsidy-rd": ("2022-11-01", 2021, "subsidy", 70_000_000_000, "", "exact"),
        "2023-04-subsidy": ("2023-04-01", 2022, "subsidy", 260_000_000_000, "", "exact"),
        "2024-04-subsidy": ("2024-04-01", 2023, "subsidy", 590_000_000_000, "up to", "exact"),
        "2025-03-subsidy": ("2025-03-31", 2025, "subsidy", 802_500_000_000, "up to", "exact"),
        "2025-11-equity-ipa": ("2025-11-21", 2025, "equity", 100_000_000_000, "", "exact"),
        "2025-12-equity-fy2026": ("2025-12-26", 2026, "equity", 150_000_000_000, "", "exact"),
        "2025-12-rd-fy2026-weak": ("2025-12-26", 2026, "subsidy", 630_000_000_000, "about", "weak"),
        "2025-11-plan-fy2026-27": (
            "2025-11-21",
            2026,
            "plan",
            1_000_000_000_000,
            "more than",
            "exact",
        ),
        "2025-11-loan-guarantee-plan": (
            "2025-11-21",
            2026,
            "loan-guarantee",
            2_000_000_000_000,
            "more than",
            "exact",
        ),
    }
    assert "FY2026-27" in support.loc["2025-11-plan-fy2026-27", "note"]


def test_rapidus_equity_through_fy2026_is_the_seed_articles_cumulative_figure():
    support = data.load("rapidus-support")
    equity = support[(support.kind == "equity") & (support.fiscal_year <= 2026)]
    assert int(equity.amount_jpy.sum()) == 250_000_000_000


def test_claims_cover_the_seed_article():
    claims = data.load("claims").set_index("claim_id")
    assert {
        cid: (r.stated_value, r.unit, r.relation, r.compare_to) for cid, r in claims.iterrows()
    } == {
        "chips-ai-amount": (1.23e12, "JPY", "amount", "budget-lines:2026/initial-draft/chips-ai"),
        "chips-ai-usd": (7.9e9, "USD", "conversion", "budget-lines:2026/initial-draft/chips-ai"),
        "chips-ai-multiple": (
            4.0,
            "multiple",
            "multiple",
            "budget-lines:2026/initial-draft/chips-ai vs 2025/initial-draft/chips-ai",
        ),
        "meti-growth": (
            50.0,
            "percent",
            "percentage-change",
            "budget-lines:2026/initial-draft/meti-total vs 2025/initial-draft/meti-total",
        ),
        "meti-total": (3.07e12, "JPY", "amount", "budget-lines:2026/initial-draft/meti-total"),
        "rapidus-equity": (
            1.5e11,
            "JPY",
            "amount",
            "budget-lines:2026/initial-draft/rapidus-equity",
        ),
        "rapidus-cumulative": (2.5e11, "JPY", "amount", "rapidus-support:equity@2026"),
        "ai-foundation-models": (
            3.873e11,
            "JPY",
            "amount",
            "budget-lines:2026/initial-draft/ai-foundation-models",
        ),
        "critical-minerals": (
            5e9,
            "JPY",
            "amount",
            "budget-lines:2026/initial-draft/critical-minerals",
        ),
        "decarbonisation": (
            1.22e11,
            "JPY",
            "amount",
            "budget-lines:2026/initial-draft/next-gen-nuclear",
        ),
        "meti-growth-driver": (
            50.0,
            "percent",
            "share-of-change",
            "budget-lines:2026/initial-draft/chips-ai vs 2025/initial-draft/chips-ai",
        ),
        "regular-budget-cycle": (
            50.0,
            "percent",
            "regular-share",
            "budget-lines:2026/initial-draft/chips-ai vs 2025/initial-draft/chips-ai",
        ),
    }
    assert set(claims.source_id) == {"seed-blog-2025-12-26"}


def test_claims_record_figures_not_sentences():
    for text in data.load("claims").stated_text:
        assert len(text.split()) <= 3, text  # a hedge, a number and a unit at most


def test_every_compare_to_resolves():
    lines = data.load("budget-lines")
    keys = set(
        zip(lines.fiscal_year, lines.budget.astype(str), lines.item.astype(str), strict=True)
    )
    for text in data.load("claims").compare_to:
        target = data.parse_compare_to(text)
        assert target.resource in ("budget-lines", "rapidus-support")
        assert set(target.keys) <= keys


# --- dtypes -------------------------------------------------------------------------------------


def test_dtypes():
    lines = data.load("budget-lines")
    for column in ("budget", "ministry", "item", "within", "qualifier", "confidence"):
        assert isinstance(lines[column].dtype, pd.CategoricalDtype), column
        assert lines[column].cat.categories.dtype == object, column
    assert list(lines.qualifier.cat.categories) == ["", "about", "up to", "more than"]
    assert list(lines.budget.cat.categories) == [
        "initial",
        "initial-draft",
        "request",
        "supplementary",
        "stopgap",
        "multi-year",
    ]
    assert str(lines.amount_jpy.dtype) == "Int64"
    assert str(lines.fiscal_year.dtype) == "Int64"
    assert lines.amount_text.dtype == "str"
    assert lines.note.dtype == "str"
    support = data.load("rapidus-support")
    assert str(support.announced.dtype) == "datetime64[ns]"
    assert list(support.kind.cat.categories) == ["subsidy", "equity", "plan", "loan-guarantee"]
    table = data.load("sources")
    assert str(table.published.dtype) == "datetime64[ns]"
    assert list(table.language.cat.categories) == ["en", "ja", "de", "ko", "zh"]
    claims = data.load("claims")
    assert str(claims.stated_value.dtype) == "float64"
    assert list(claims.relation.cat.categories) == [
        "amount",
        "conversion",
        "multiple",
        "percentage-change",
        "share-of-change",
        "regular-share",
    ]


def test_load_returns_a_copy_callers_may_change():
    first = data.load("budget-lines")
    first.loc[0, "amount_jpy"] = 1
    first["extra"] = 1
    again = data.load("budget-lines")
    assert again.loc[0, "amount_jpy"] == 1_907_200_000_000
    assert "extra" not in again


# --- sources ------------------------------------------------------------------------------------


def test_every_source_id_resolves_to_a_full_https_address():
    table = data.sources()
    used = set()
    for name in data.RESOURCES[1:]:
        used |= set(data.load(name).source_id)
    assert used <= set(table.index)
    assert table.url.str.match(r"https://[^/\s]+\.[a-z]+/").all()
    assert table.index.is_unique


def test_sources_lookup():
    found = data.sources("toyokeizai-926558", "jiji-2025-12-22-meti-fy2026")
    assert list(found.index) == ["toyokeizai-926558", "jiji-2025-12-22-meti-fy2026"]
    assert found.loc["jiji-2025-12-22-meti-fy2026", "url"] == (
        "https://www.nippon.com/en/news/yjj2025122200862/"
    )
    assert found.loc["jiji-2025-12-22-meti-fy2026", "published"] == pd.Timestamp("2025-12-22")
    seed = data.sources("seed-blog-2025-12-26").iloc[0]
    assert seed.published == pd.Timestamp("2025-12-26")
    assert "Tech in Asia" in seed.note and "Bloomberg" in seed.note


def test_unknown_source_id_is_a_key_error_naming_it():
    with pytest.raises(KeyError, match=r"'nope'.*data\.sources\(\)\.index"):
        data.sources("mof-fy2026-draft", "nope")


def test_unknown_resource_is_a_key_error():
    with pytest.raises(KeyError, match="no resource 'budget'"):
        data.load("budget")


def test_the_status_sources_of_the_fy2026_draft_are_recorded():
    table = data.sources(
        "mof-fy2026-draft", "tbs-livedoor-2026-03-13", "jiji-ja-2026-03-13-budget-passes"
    )
    assert list(table.published.dt.date.astype(str)) == ["2025-12-26", "2026-03-13", "2026-03-13"]


# --- validation and the package ----------------------------------------------------------------


def test_every_amount_matches_its_text():
    amounts = data.figures().dropna(subset=["amount_jpy"])
    assert len(amounts) == 48
    for row in amounts.itertuples():
        assert parse_yen(data.strip_qualifier(row.text, row.qualifier)) == row.amount_jpy, row.key


def test_loading_and_validating_never_write_into_data():
    before = tree_digest(DATA)
    data.validate()
    data_package._CACHE.clear()  # force a fresh validation, as in a new process
    data.validate()
    for name in data.RESOURCES:
        data.load(name)
    data.sources("seed-blog-2025-12-26")
    data.package_checksum()
    assert tree_digest(DATA) == before


def test_validation_is_cached_per_process():
    data.validate()
    tables = data_package.checked(None)
    assert data_package.checked(None) is tables


def test_package_checksum_is_a_stable_sha256_of_the_content_not_the_folder(tmp_path):
    copy = tmp_path / "elsewhere"
    shutil.copytree(DATA, copy)
    assert re.fullmatch(r"[0-9a-f]{64}", data.package_checksum())
    assert data.package_checksum(data_dir=copy) == data.package_checksum()


def described_files() -> list[str]:
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    return sorted({"datapackage.json", *(r["path"] for r in descriptor["resources"])})


@pytest.mark.parametrize("name", described_files())
def test_package_checksum_changes_with_any_described_file(tmp_path, name):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    before = data.package_checksum(data_dir=copy)
    with (copy / name).open("ab") as handle:
        handle.write(b" ")
    assert data.package_checksum(data_dir=copy) != before


def test_package_checksum_ignores_files_the_package_does_not_describe(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    before = data.package_checksum(data_dir=copy)
    (copy / "README.md").write_text("changed", encoding="utf-8")
    (copy / "notes.txt").write_text("not data", encoding="utf-8")
    assert data.package_checksum(data_dir=copy) == before


def test_package_checksum_of_a_folder_missing_a_file_names_it(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    (copy / "claims.csv").unlink()
    with pytest.raises(data.DataValidationError, match=r"claims\.csv"):
        data.package_checksum(data_dir=copy)


def test_datapackage_describes_every_file_in_data():
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    described = {r["path"] for r in descriptor["resources"]}
    present = {
        p.relative_to(DATA).as_posix()
        for p in DATA.rglob("*")
        if p.is_file() and p.name not in ("datapackage.json", "README.md", "checklist.json")
    }
    assert present <= described
    names = [r["name"] for r in descriptor["resources"]]
    assert names == [*data.RESOURCES, "ecb-rates", "ecb-rates-metadata", *international.RESOURCES]
    ecb = descriptor["resources"][names.index("ecb-rates")]
    snapshot = (DATA / "raw" / "eurofxref-hist.zip").read_bytes()
    assert ecb["hash"] == f"sha256:{hashlib.sha256(snapshot).hexdigest()}"
    assert ecb["bytes"] == len(snapshot)


def test_the_snapshot_checksum_is_recorded_once():
    meta = json.loads((DATA / "raw" / "eurofxref-hist.json").read_text(encoding="utf-8"))
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    hashes = [r["name"] for r in descriptor["resources"] if "hash" in r]
    assert "sha256" not in meta
    assert hashes == ["ecb-rates"]


def frictionless_cli(folder: Path) -> subprocess.CompletedProcess[str]:
    assert FRICTIONLESS.is_file(), f"frictionless CLI not found next to {sys.executable}"
    return subprocess.run(
        [
            str(FRICTIONLESS),
            "validate",
            str(folder / "datapackage.json"),
            "--checklist",
            str(DATA / "checklist.json"),
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_the_standard_frictionless_cli_validates_the_package():
    result = frictionless_cli(DATA)
    assert result.returncode == 0, result.stdout + result.stderr
    assert json.loads(result.stdout)["valid"] is True


def test_the_frictionless_cli_and_the_library_report_the_same_problem(tmp_path):
    # a tenfold error in a dollar claim: a problem only the project's checks can see
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    path = copy / "claims.csv"
    text = path.read_text(encoding="utf-8")
    assert text.count("$7.9 billion,7900000000,") == 1
    path.write_text(text.replace("$7.9 billion,7900000000,", "$7.9 billion,790000000,"))
    result = frictionless_cli(copy)
    assert result.returncode == 1
    (task,) = [t for t in json.loads(result.stdout)["tasks"] if t["errors"]]
    (error,) = task["errors"]
    assert (task["name"], error["type"], error["rowNumber"]) == ("claims", "jpbudget-text-value", 3)
    with pytest.raises(data.DataValidationError) as caught:
        data.validate(copy)
    assert str(caught.value) == (
        f"{copy.resolve()}: claims.csv, data row 2 (line 3), key chips-ai-usd, field "
        f"'stated_value': {error['note']}"
    )


def test_readme_data_dictionary_mentions_every_resource_field_and_word():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    descriptor = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        assert f"`{resource['name']}`" in readme, resource["name"]
        for field in (resource.get("schema") or {}).get("fields", []):
            assert f"`{field['name']}`" in readme, (resource["name"], field["name"])
            for word in field.get("constraints", {}).get("enum", []):
                assert f"`{word}`" in readme, (resource["name"], field["name"], word)
    prose = " ".join(readme.split())
    assert "Licence of the ECB data" in prose
    assert "reused free of charge provided the source is acknowledged" in prose


# --- budget events ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fy", "kind", "event", "date", "source_id"),
    [
        (2025, "initial", "cabinet-decision", datetime.date(2024, 12, 27), "hojyokin-meti-fy2025"),
        (
            2025,
            "initial",
            "enactment",
            datetime.date(2025, 3, 31),
            "jiji-2025-03-31-fy2025-enacted",
        ),
        (
            2025,
            "supplementary",
            "cabinet-decision",
            datetime.date(2025, 11, 28),
            "bloomberg-ndtvprofit-supplementary-fy2025",
        ),
        (
            2025,
            "supplementary",
            "enactment",
            datetime.date(2025, 12, 16),
            "jiji-2025-12-16-supplementary-enacted",
        ),
        (
            2026,
            "initial",
            "cabinet-decision",
            datetime.date(2025, 12, 26),
            "jiji-2025-12-26-fy2026-draft",
        ),
        (
            2026,
            "initial",
            "lower-house-passage",
            datetime.date(2026, 3, 13),
            "jiji-ja-2026-03-13-budget-passes",
        ),
        (
            2026,
            "stopgap",
            "cabinet-decision",
            datetime.date(2026, 3, 27),
            "nhk-kantanreader-2026-03-27-stopgap",
        ),
    ],
)
def test_budget_events_are_dated_and_sourced(fy, kind, event, date, source_id):
    found = data.budget_event(fy, kind, event)
    assert (found.date, found.precision, found.source_id) == (date, "day", source_id)
    assert data.sources(found.source_id).loc[source_id, "url"].startswith("https://")


def test_the_fy2026_enactment_is_not_recorded_without_a_source():
    with pytest.raises(
        KeyError, match=r"no enactment of the FY2026 initial budget.*lower-house-passage 2026-03-13"
    ):
        data.budget_event(2026, "initial", "enactment")


def test_a_budget_with_no_event_at_all_says_so():
    with pytest.raises(
        KeyError, match=r"no cabinet-decision of the FY2027 initial budget.*no event of that budget"
    ):
        data.budget_event(2027)


def test_budget_events_dtypes():
    table = data.load("budget-events")
    assert str(table["date"].dtype) == "datetime64[ns]"
    assert list(table["event"].cat.categories) == [
        "cabinet-decision",
        "lower-house-passage",
        "upper-house-passage",
        "enactment",
    ]
    assert table["budget_number"].dtype == "Int64"


# --- date precision and English glosses ---------------------------------------------------------


def test_month_only_announcements_keep_their_precision():
    support = data.load("rapidus-support").set_index("support_id")
    precision = support["announced_precision"].astype(str).to_dict()
    assert {k for k, v in precision.items() if v == "month"} == {
        "2022-11-subsidy-rd",
        "2023-04-subsidy",
        "2024-04-subsidy",
    }
    assert support.loc["2022-11-subsidy-rd", "announced"] == pd.Timestamp("2022-11-01")
    assert set(precision.values()) == {"day", "month"}


def test_every_japanese_headline_has_an_english_gloss():
    table = data.load("sources")
    japanese = table.title.str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]")
    assert japanese.sum() == 8
    assert (table.loc[japanese, "title_en"] != "").all()
    assert not table.title_en.str.contains(r"[\u3040-\u30ff\u4e00-\u9fff]").any()
    assert (table.loc[~japanese, "title_en"] == "").all()
    assert data.sources("toyokeizai-926558").loc["toyokeizai-926558", "title_en"] == (
        "METI budget up 50% to over 3 trillion yen; 1,239 billion yen in all, 3.7 times as "
        "much, for cutting-edge chips and AI"
    )


def test_a_descriptor_that_now_describes_another_file_is_read_again(tmp_path):
    """The tables' cache key lists the files the descriptor describes as it is now."""
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    before = data.load("claims", data_dir=copy)
    assert "claims.csv" in [name for name, _, _ in data_package.file_stamps(copy.resolve())]
    (copy / "claims.csv").rename(copy / "claims-moved.csv")
    descriptor = copy / "datapackage.json"
    text = descriptor.read_text(encoding="utf-8")
    descriptor.write_text(
        text.replace('"path": "claims.csv"', '"path": "claims-moved.csv"'), encoding="utf-8"
    )
    names = [name for name, _, _ in data_package.file_stamps(copy.resolve())]
    assert "claims-moved.csv" in names and "claims.csv" not in names
    pd.testing.assert_frame_equal(data.load("claims", data_dir=copy), before)


def test_sources_are_a_copy_the_caller_may_change():
    every = data.sources()
    one = data.sources("mof-fy2026-draft")
    every["publisher"] = "changed"
    one.loc["mof-fy2026-draft", "publisher"] = "changed"
    assert data.sources("mof-fy2026-draft").loc["mof-fy2026-draft", "publisher"] == (
        "Ministry of Finance (mirrored by wic-net.com)"
    )
    assert (data.sources()["publisher"] != "changed").all()


def test_a_source_record_is_its_row_of_sources_as_a_dict():
    record = data.source_record("jiji-2025-12-22-meti-fy2026")
    row = data.sources("jiji-2025-12-22-meti-fy2026").iloc[0]
    assert record == {"source_id": "jiji-2025-12-22-meti-fy2026", **row.to_dict()}
    assert record["published"] == pd.Timestamp("2025-12-22")
    assert record["url"] == "https://www.nippon.com/en/news/yjj2025122200862/"


def test_a_source_record_is_a_new_dict_and_an_unknown_id_a_key_error_naming_it():
    data.source_record("mof-fy2026-draft")["publisher"] = "changed"
    assert data.source_record("mof-fy2026-draft")["publisher"] == (
        "Ministry of Finance (mirrored by wic-net.com)"
    )
    with pytest.raises(KeyError, match=r"'nope'.*data\.sources\(\)\.index"):
        data.source_record("nope")


def test_sources_follow_a_changed_sources_file(tmp_path):
    copy = tmp_path / "data"
    shutil.copytree(DATA, copy)
    assert data.sources("mof-fy2026-draft", data_dir=copy).iloc[0]["language"] == "ja"
    path = copy / "sources.csv"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Ministry of Finance (mirrored by wic-net.com)", "MoF (mirror)"),
        encoding="utf-8",
    )
    assert data.sources("mof-fy2026-draft", data_dir=copy).iloc[0]["publisher"] == "MoF (mirror)"
    assert data.source_record("mof-fy2026-draft", data_dir=copy)["publisher"] == "MoF (mirror)"
