"""The notebooks: reader-facing structure as committed, and runs with other parameters.

nbval (``make test``) re-runs each committed notebook with its defaults and compares outputs;
these tests read the committed notebooks; read the variants of the project's manifest (other
parameters) from the session's shared build of every report (``built_site``, conftest.py:
executed by the report runner, each in its own kernel), each after checking that the report ran
with the parameters the test is about; check bad parameters in-process through the notebooks'
own validation cells, with one kernel run showing that papermill stops at the validation cell;
and run four notebooks on a copy of the data in which one figure is weak, in this process's IPython
shell (every code cell, parameters injected by papermill's own code, from a temporary working
directory: paths come from the package or ``JPBUDGET_ROOT``, never the cwd), with one kernel run
showing that a kernel started elsewhere reads the copy named by ``JPBUDGET_ROOT`` and shows a
reader exactly what the in-process run shows.
"""

import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from IPython.core.interactiveshell import InteractiveShell
from IPython.utils.capture import capture_output
from jpbudget import data, params
from jpbudget.paths import project_root
from jpbudget.reports.execute import DEFAULT_KERNEL as KERNEL
from jpbudget.reports.refresh import VOLATILE_CELL_KEYS, VOLATILE_NOTEBOOK_KEYS, notebook_paths
from papermill.parameterize import parameterize_notebook

ROOT = project_root()
NOTEBOOKS = {p.stem: p for p in notebook_paths() if p.stem != "peers"}  # test_peers_notebook.py
PARAMETERS = {
    "budget_growth": ["base_year", "target_year", "items", "include_supplementary", "fx", "lang"],
    "allocation_shares": ["fiscal_year", "envelope", "fx", "lang"],
    "rapidus_cumulative": ["scope", "through_year", "include_plans", "fx", "lang"],
    "claims_check": ["tolerance", "fx", "lang"],
    "overview": ["first_year", "last_year", "fx", "lang"],
}
VALIDATORS = {
    "budget_growth": params.validate_budget_growth,
    "allocation_shares": params.validate_allocation,
    "rapidus_cumulative": params.validate_rapidus,
    "claims_check": params.validate_claims,
    "overview": params.validate_overview,
}


def _role(output) -> str | None:
    return output.get("metadata", {}).get("jpbudget", {}).get("role")


def _reader_text(nb) -> str:
    """Everything a reader sees: Markdown cells and the Markdown/HTML/plain of displays."""
    parts = [c.source for c in nb.cells if c.cell_type == "markdown"]
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if output.get("output_type") != "display_data" or _role(output) == "about":
                continue
            bundle = output.get("data", {})
            for key in ("text/markdown", "text/html", "text/plain"):
                if key in bundle and (key != "text/plain" or _role(output) == "chart"):
                    parts.append(bundle[key])
                    break
    return "\n".join(parts)


def _finding(nb) -> dict:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            if _role(output) == "finding":
                return output["metadata"]["jpbudget"]
    raise AssertionError("no finding output")


def _run(name, tmp_path, parameters, *, cwd=None):
    output = tmp_path / f"{name}-out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOKS[name]),
        str(output),
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(cwd or tmp_path),
        progress_bar=False,
    )
    return nbformat.read(output, as_version=4)


def _run_in_process(name, cwd, parameters, monkeypatch):
    """Notebook ``name`` executed here as papermill would in a kernel: its cells with the parameters
    cell papermill injects, each code cell's outputs replaced by the displays it made (a cell that
    raises fails the test with its exception)."""
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    nb.metadata["papermill"] = {}  # as papermill's execute_notebook prepares it
    nb = parameterize_notebook(nb, parameters, kernel_name=KERNEL, language="python")
    shell = InteractiveShell.instance()
    shell.reset(new_session=False)
    monkeypatch.chdir(cwd)
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        with capture_output(stdout=False, stderr=False) as captured:
            shell.run_cell(cell.source, store_history=False, silent=True).raise_error()
        cell.outputs = [
            nbformat.v4.new_output("display_data", data=out.data, metadata=out.metadata)
            for out in captured.outputs
        ]
    shell.reset(new_session=False)
    return nb


def _report(site: Path, name: str, notebook: str, parameters: dict):
    """The executed notebook of report ``name`` of the shared build, which must have run
    ``notebook`` with exactly ``parameters`` (in English) for the test to mean what it says."""
    nb = nbformat.read(site / "reports" / f"{name}.ipynb", as_version=4)
    meta = nb.metadata["jpbudget"]
    assert meta["notebook"] == f"notebooks/{notebook}.ipynb", (name, meta["notebook"])
    ran = dict(meta["parameters"])
    assert ran.pop("lang", "en") == "en", name
    assert ran == parameters, f"report {name} of reports/reports.yaml ran with {ran}"
    return nb


# --- as committed -------------------------------------------------------------------------


def test_the_five_notebooks_exist():
    assert sorted(NOTEBOOKS) == sorted(PARAMETERS)


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_one_parameters_cell_declares_each_parameter_on_its_own_commented_line(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    tagged = [c for c in nb.cells if "parameters" in c.metadata.get("tags", [])]
    assert len(tagged) == 1
    lines = tagged[0].source.splitlines()
    assert [line.split(" = ")[0] for line in lines] == PARAMETERS[name]
    assert all(re.search(r" = .+  # \S", line) for line in lines)
    assert list(pm.inspect_notebook(str(NOTEBOOKS[name]))) == PARAMETERS[name]


BAD_VALUE = {
    "budget_growth": ("base_year", 1990),
    "allocation_shares": ("envelope", "defence"),
    "rapidus_cumulative": ("scope", "bonds"),
    "claims_check": ("tolerance", "loose"),
    "overview": ("first_year", 2030),
}


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_the_cell_after_the_parameters_refuses_a_bad_value_before_any_work(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    namespace: dict = {}
    exec(nb.cells[index].source, namespace)  # the defaults, as papermill would leave them
    exec(nb.cells[index + 1].source, namespace)  # validates them
    assert namespace["params"] == VALIDATORS[name](**{k: namespace[k] for k in PARAMETERS[name]})
    parameter, value = BAD_VALUE[name]
    namespace[parameter] = value  # what papermill's injected cell would do
    with pytest.raises(params.ParameterError, match=f"parameter {parameter}: {value!r}"):
        exec(nb.cells[index + 1].source, namespace)


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
def test_a_report_opens_with_its_finding_and_ends_with_sources_and_about(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    outputs = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs]
    roles = [_role(o) for o in outputs]
    assert roles[0] == "finding"
    assert roles[-2:] == ["sources", "about"]
    assert "table" in roles and "chart" in roles
    # no print log lines: every output is a display for readers
    assert not [o for o in outputs if o.output_type == "stream"]


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_every_table_and_chart_has_its_own_download_name(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    names = [
        o["metadata"]["jpbudget"]["name"]
        for c in nb.cells
        for o in c.get("outputs", [])
        if _role(o) in ("table", "chart")
    ]
    assert len(names) == len(set(names)), names


@pytest.mark.parametrize("name", sorted(PARAMETERS))
def test_no_data_key_source_id_or_code_notation_reaches_a_reader(name):
    nb = nbformat.read(NOTEBOOKS[name], as_version=4)
    text = _reader_text(nb)
    visible = re.sub(r"\]\([^)]*\)|https?://\S+", "]", text)  # link targets may hold ids
    for source_id in data.load("sources")["source_id"]:
        assert source_id not in visible
    items = [str(i) for i in data.load("budget-lines")["item"].cat.categories]
    for key in [*items, "initial-draft", "->", "_jpy", "`"]:
        assert key not in visible, key


# --- variants of the manifest, from the shared build ----------------------------------------


def test_overview_from_fy2023_at_an_explicit_rate(built_site):
    nb = _report(built_site, "overview-since-fy2023", "overview", {"first_year": 2023, "fx": 150})
    finding = _finding(nb)
    # FY2023 18,532億円 + FY2024 ¥1.5 trillion + FY2025 3328億円 + roughly ¥252.5 billion
    # + FY2026 1兆2390億円, in billions of yen
    total = Decimal("1853.2") + Decimal("1500") + Decimal("332.8") + Decimal("252.5") + 1239
    assert finding["title"] == "Where Japan's public money for chips has gone, FY2023 to FY2026"
    assert "about ¥5.1775 trillion" in finding["headline"]
    values = {f["label"]: f["value"] for f in finding["figures"]}
    assert values["Chips & AI money in budgets, FY2023-FY2026"] == str(int(total * 10**9))
    dollars = (total * 10**9 / 150).quantize(Decimal(1), ROUND_HALF_UP)  # 34,516,666,666.67
    assert values["The same in US dollars"] == str(dollars)
    assert "FY2021" not in _reader_text(nb).split("## Company subsidies")[0]


def test_budget_growth_fy2024_to_fy2025_never_speaks_of_the_fy2026_draft(built_site):
    nb = _report(
        built_site,
        "budget-growth-fy-average",
        "budget_growth",
        {"base_year": 2024, "target_year": 2025, "items": ["meti-total"], "fx": "fy-average"},
    )
    finding = _finding(nb)
    # 2兆524億円 / 1兆9072億円 = 1.0761
    assert finding["figures"][2]["value"] == "1.0761"
    assert "+7.6%" in finding["headline"]
    text = _reader_text(nb)
    assert "FY2026" not in text and "2026" not in finding["title"]


def test_rapidus_with_plans_lists_the_plan_and_never_adds_it(built_site):
    nb = _report(
        built_site,
        "rapidus-cumulative-plans",
        "rapidus_cumulative",
        {"scope": "all", "include_plans": True},
    )
    finding = _finding(nb)
    # subsidies 70 + 260 + up to 590 + up to 802.5, equity 100 + 150 (billions)
    assert "all public support is up to ¥1.9725 trillion" in finding["headline"]
    text = _reader_text(nb)
    assert "A further plan of more than ¥1 trillion for FY2026-27 overlaps" in text
    assert "3.6025" not in text
    assert "never added" in text
    # a commitment dated to the month is shown as a month; only the exchange rate names a day,
    # and says why (this report converts at each figure's announcement day)
    assert "November 2022" in text
    rate_day = "on or before 1 November 2022, the first day of the month it is dated to)"
    assert "1 November 2022" not in text.replace(rate_day, "")


def test_allocation_of_the_meti_total_keeps_small_shares_significant(built_site):
    nb = _report(
        built_site, "allocation-shares-meti-total", "allocation_shares", {"envelope": "meti-total"}
    )
    text = _reader_text(nb)
    assert "0.163%" in text  # critical minerals: 50億円 of 3,069.3 billion yen
    assert "40.4%" in text  # chips & AI: 12,390 / 30,693


# --- papermill: one kernel stopped by a bad parameter -----------------------------------------


def test_bad_parameters_stop_papermill_at_the_validation_cell(tmp_path):
    output = tmp_path / "failed.ipynb"
    with pytest.raises(pm.PapermillExecutionError) as info:
        pm.execute_notebook(
            str(NOTEBOOKS["overview"]),
            str(output),
            parameters={"first_year": 2030},
            kernel_name=KERNEL,
            cwd=str(tmp_path),
            progress_bar=False,
        )
    assert info.value.ename == "ParameterError"
    assert "parameter first_year: 2030 is not allowed" in info.value.evalue
    failed = nbformat.read(output, as_version=4)
    ran = [c for c in failed.cells if c.cell_type == "code" and c.get("execution_count")]
    assert "checks.validate_overview(" in ran[-1].source  # nothing ran after it


# --- bad parameters, in-process through the validators the notebooks call ---------------------

DEFAULTS = {name: pm.inspect_notebook(str(path)) for name, path in NOTEBOOKS.items()}


@pytest.mark.parametrize(
    ("name", "changed", "message"),
    [
        ("budget_growth", {"base_year": 1990}, "parameter base_year: 1990 is not allowed"),
        ("budget_growth", {"fx": -1}, "parameter fx: -1 is not allowed"),
        ("budget_growth", {"fx": "fy-average"}, "parameter fx: "),
        ("allocation_shares", {"envelope": "defence"}, "parameter envelope: 'defence'"),
        ("rapidus_cumulative", {"scope": "bonds"}, "parameter scope: 'bonds' is not allowed"),
        ("rapidus_cumulative", {"include_plans": "yes"}, "parameter include_plans: 'yes'"),
        ("claims_check", {"tolerance": "loose"}, "parameter tolerance: 'loose' is not allowed"),
        ("overview", {"last_year": 2020}, "parameter last_year: 2020 is not allowed"),
        ("overview", {"first_year": 2026, "last_year": 2025}, "from first_year (2026) on"),
    ],
)
def test_bad_parameters_are_refused_naming_the_parameter(name, changed, message):
    import ast

    given = {k: ast.literal_eval(v["default"]) for k, v in DEFAULTS[name].items()} | changed
    with pytest.raises(params.ParameterError) as info:
        VALIDATORS[name](**given)
    assert message in str(info.value)


# --- a weak headline figure is marked wherever it is shown -------------------------------------


@pytest.fixture
def chips_ai_fy2026_marked_weak(tmp_path, monkeypatch):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    lines = root / "data" / "budget-lines.csv"
    rows = lines.read_text(encoding="utf-8").splitlines(keepends=True)
    target = [i for i, r in enumerate(rows) if r.startswith("2026,initial-draft,METI,chips-ai,")]
    assert len(target) == 1
    rows[target[0]] = rows[target[0]].replace(
        ",,exact,toyokeizai-926558,", ",,weak,toyokeizai-926558,"
    )
    lines.write_text("".join(rows), encoding="utf-8")
    monkeypatch.setenv("JPBUDGET_ROOT", str(root))
    data.validate(root / "data")
    return root


WEAK_RUNS = {
    "budget_growth": {"fx": 150},
    "allocation_shares": {"fx": 150},  # in a kernel and in-process: the last test
    "overview": {"fx": 150},
    "claims_check": {"fx": 150},
}


def _assert_weak_is_shown(name, nb):
    text = _reader_text(nb)
    assert "weak" in text
    if name != "claims_check":
        assert "weak" in _finding(nb)["headline"] or any(
            "weak" in (f.get("note") or "") for f in _finding(nb)["figures"]
        )


@pytest.mark.parametrize("name", ["budget_growth", "overview", "claims_check"])
def test_a_weak_headline_figure_is_marked_in_every_report_that_shows_it(
    chips_ai_fy2026_marked_weak, tmp_path, monkeypatch, name
):
    _assert_weak_is_shown(name, _run_in_process(name, tmp_path, WEAK_RUNS[name], monkeypatch))


def test_a_kernel_marks_the_weak_figure_of_the_data_copy_as_the_in_process_run_does(
    chips_ai_fy2026_marked_weak, tmp_path, monkeypatch
):
    # only a kernel proves that JPBUDGET_ROOT reaches a notebook papermill runs in another
    # process and working directory; the same run in-process must show a reader the same
    name = "allocation_shares"
    in_kernel = _run(name, tmp_path, WEAK_RUNS[name])
    _assert_weak_is_shown(name, in_kernel)
    in_process = _run_in_process(name, tmp_path, WEAK_RUNS[name], monkeypatch)
    _assert_weak_is_shown(name, in_process)
    assert _reader_text(in_process) == _reader_text(in_kernel)
    assert _finding(in_process) == _finding(in_kernel)
