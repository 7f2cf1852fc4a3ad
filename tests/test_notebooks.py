"""The notebooks: structure as committed, and papermill runs with other and with bad parameters.

nbval (``make test``) re-runs each committed notebook with its defaults and compares outputs;
these tests run them again with other parameters, from the repository root and from an
unrelated working directory, and with bad parameters that must fail before any work.
"""

import re

import nbformat
import papermill as pm
import pytest
from jpbudget.paths import project_root
from jpbudget.reports.execute import DEFAULT_KERNEL as KERNEL
from jpbudget.reports.refresh import VOLATILE_CELL_KEYS, VOLATILE_NOTEBOOK_KEYS, notebook_paths

ROOT = project_root()
NOTEBOOKS = {p.stem: p for p in notebook_paths() if p.stem != "peers"}  # test_peers_notebook.py
PARAMETERS = {
    "budget_growth": ["base_year", "target_year", "items", "include_supplementary", "fx"],
    "allocation_shares": ["fiscal_year", "envelope", "fx"],
    "rapidus_cumulative": ["scope", "through_year", "include_plans", "fx"],
    "claims_check": ["tolerance", "fx"],
}


def _stdout(nb) -> str:
    return "".join(
        o.get("text", "")
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "stream" and o.get("name") == "stdout"
    )


def _execute(name, output, parameters, *, cwd):
    pm.execute_notebook(
        str(NOTEBOOKS[name]),
        str(output),
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(cwd),
        progress_bar=False,
    )


def _run(name, tmp_path, parameters, *, cwd):
    output = tmp_path / f"{name}-out.ipynb"
    _execute(name, output, parameters, cwd=cwd)
    return _stdout(nbformat.read(output, as_version=4))


# --- as committed -------------------------------------------------------------------------


def test_the_four_notebooks_exist():
    assert sorted(NOTEBOOKS) == sorted(PARAMETERS)


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_one_parameters_cell_declares_each_parameter_on_its_own_commented_line(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    lines = tagged[0].source.splitlines()
    assert [line.split(" = ")[0] for line in lines] == PARAMETERS[name]
    assert all(re.search(r" = .+  # \S", line) for line in lines)
    declared = pm.inspect_notebook(str(NOTEBOOKS[name]))
    assert list(declared) == PARAMETERS[name]


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_the_cell_after_the_parameters_validates_them_through_jpbudget(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    assert "an.validate_" in nb.cells[index + 1].source


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_committed_notebooks_are_executed_in_order_without_volatile_metadata(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    code = [c for c in nb.cells if c.cell_type == "code"]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1))
    assert not any(o.output_type == "error" for c in code for o in c.outputs)
    assert not set(VOLATILE_NOTEBOOK_KEYS) & set(nb.metadata)
    assert not any(set(VOLATILE_CELL_KEYS) & set(c.metadata) for c in nb.cells)
    assert nb.metadata.kernelspec.name == KERNEL


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_notebooks_read_as_a_story_title_chart_paragraphs_and_sources(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    headings = [c.source.splitlines()[0] for c in nb.cells if c.cell_type == "markdown"]
    assert headings[-1] == "## Sources"
    for i, cell in enumerate(nb.cells):
        if cell.cell_type == "code" and "charts." in cell.source:
            assert nb.cells[i - 1].cell_type == "markdown"  # a paragraph before each chart
            assert any("image/png" in o.get("data", {}) for o in cell.outputs)


# --- papermill with other parameters --------------------------------------------------------


def test_budget_growth_with_an_explicit_rate_from_another_directory(tmp_path):
    out = _run(
        "budget_growth",
        tmp_path,
        {"items": ["chips-ai"], "include_supplementary": False, "fx": 150},
        cwd=tmp_path,
    )
    assert (
        "Chips & AI (initial budget): FY2025 ¥333 billion (initial) -> FY2026 ¥1.24 trillion "
        "(initial-draft): 3.72x, +272.3%\n" in out
    )
    assert "initial + supplementary" not in out
    assert "Dollars for FY2026 figures: ¥150.00 per US$: explicit rate given as a parameter" in out


def test_budget_growth_with_fiscal_year_average_rates_from_the_root(tmp_path):
    out = _run(
        "budget_growth",
        tmp_path,
        {"base_year": 2024, "target_year": 2025, "items": ["meti-total"], "fx": "fy-average"},
        cwd=ROOT,
    )
    assert (
        "METI total (initial budget): FY2024 ¥1.91 trillion (initial) -> FY2025 ¥2.05 trillion "
        "(initial): 1.08x, +7.6%" in out
    )
    assert (
        "Dollars for FY2024 figures: ¥152.44 per US$: mean of 256 daily ECB reference rates" in out
    )
    assert (
        "Dollars for FY2025 figures: ¥150.74 per US$: mean of 255 daily ECB reference rates" in out
    )


def test_allocation_of_the_meti_total_from_another_directory(tmp_path):
    out = _run("allocation_shares", tmp_path, {"envelope": "meti-total", "fx": 150}, cwd=tmp_path)
    assert "METI total, FY2026 (initial-draft): ¥3.0693 trillion" in out
    assert "  Chips & AI: ¥1.239 trillion = 40.4%" in out
    assert "  not itemised in sources: ¥1.7033 trillion = 55.5%" in out
    assert "Shares sum to 100.0%" in out


def test_allocation_of_fy2025_at_its_average_rate(tmp_path):
    out = _run("allocation_shares", tmp_path, {"fiscal_year": 2025, "fx": "fy-average"}, cwd=ROOT)
    assert "  Rapidus equity: ¥100 billion = 30.0%" in out
    assert "  not itemised in sources: ¥171.5 billion = 51.5%" in out
    assert "Dollars: ¥150.74 per US$: mean of 255 daily ECB reference rates in FY2025" in out


def test_rapidus_all_support_is_about_1_97_trillion(tmp_path):
    out = _run("rapidus_cumulative", tmp_path, {"scope": "all", "fx": 150}, cwd=tmp_path)
    assert "Total all support through FY2026: ¥1.9725 trillion" in out
    assert "2024-04-01 subsidy: up to ¥590 billion" in out


def test_rapidus_subsidies_through_fy2025_at_average_rates(tmp_path):
    out = _run(
        "rapidus_cumulative",
        tmp_path,
        {"scope": "subsidies", "through_year": 2025, "fx": "fy-average"},
        cwd=ROOT,
    )
    assert "Total subsidies support through FY2025: ¥1.7225 trillion" in out
    assert "Dollars for FY2021 commitments: ¥" in out
    assert "equity" not in out.split("Total")[0]
    # beyond spending, up to FY2025: the round of 2026-02-27 (FY2025), not the FY2026-27 plan
    assert "Government voting rights in Rapidus after the round: 11.5 pct" in out
    assert "guarantees" not in out and "up to 60 pct" not in out


def test_rapidus_with_plans_adds_the_plan_and_the_weak_figure(tmp_path):
    out = _run(
        "rapidus_cumulative", tmp_path, {"scope": "all", "include_plans": True}, cwd=tmp_path
    )
    assert "plan: more than ¥1 trillion" in out
    assert "subsidy: 6300億円程度" in out
    assert "Total all support through FY2026: ¥3.6025 trillion" in out
    # the loan guarantees are listed beyond spending, never added even with plans
    assert "Government guarantees of private loans to Rapidus, FY2026-27 (plan): over ¥2" in out


def test_claims_check_with_a_tight_tolerance_and_an_explicit_rate(tmp_path):
    out = _run("claims_check", tmp_path, {"tolerance": 0.001, "fx": 150}, cwd=tmp_path)
    assert "chips-ai-amount: stated about ¥1.23 trillion; recomputed ¥1.239 trillion" in out
    assert "deviation -0.73%; inconsistent (outside tolerance)" in out
    assert "chips-ai-usd: stated approximately $7.9 billion; recomputed $8.26 billion" in out


def test_claims_check_at_the_fiscal_year_average_of_publication(tmp_path):
    out = _run("claims_check", tmp_path, {"fx": "fy-average"}, cwd=ROOT)
    assert "recomputed $8.22 billion" in out
    assert "mean of 255 daily ECB reference rates in FY2025" in out


# --- papermill with bad parameters ----------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "parameters", "message"),
    [
        ("budget_growth", {"base_year": 1990}, "parameter base_year: 1990 is not allowed"),
        ("budget_growth", {"fx": -1}, "parameter fx: -1 is not allowed"),
        ("budget_growth", {"fx": "fy-average"}, "'fy-average' cannot be used for FY2026"),
        (
            "allocation_shares",
            {"envelope": "defence"},
            "parameter envelope: 'defence' is not allowed",
        ),
        ("rapidus_cumulative", {"scope": "bonds"}, "parameter scope: 'bonds' is not allowed"),
        ("claims_check", {"tolerance": "loose"}, "parameter tolerance: 'loose' is not allowed"),
    ],
    ids=[
        "base_year-1990",
        "fx-negative",
        "fy-average-fy2026",
        "envelope-defence",
        "scope-bonds",
        "tolerance-text",
    ],
)
def test_bad_parameters_fail_with_the_validation_message(tmp_path, name, parameters, message):
    output = tmp_path / "failed.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as info:
        _execute(name, output, parameters, cwd=tmp_path)
    assert info.value.ename == "ParameterError"
    assert message in info.value.evalue
    failed = nbformat.read(output, as_version=4)
    cells = [c for c in failed.cells if c.cell_type == "code" and c.get("execution_count")]
    assert "an.validate_" in cells[-1].source  # nothing after the validation cell ran
