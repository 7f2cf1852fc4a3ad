"""notebooks/peers.ipynb: the manifest's views, one kernel run with other parameters, and bad
parameters refused by the notebook's own validation cell.

nbval (``make test``) re-runs the committed notebook with its defaults. The manifest's peers
variants are read from the session's shared build (``built_site``, conftest.py), each after
checking the parameters it ran with. One papermill run, from an unrelated working directory and
without ``JPBUDGET_ROOT`` (the library finds the project from the package), covers what no
manifest report does: JPY, a rate day, weak figures included. Each run is checked for what a
reader sees: the finding first, the basis named in the comparison table's caption, provenance
last. Bad values are refused in-process by the notebook's own validation cell (the one kernel
run that shows papermill stopping there is in test_notebooks.py).
"""

import os
from pathlib import Path

import nbformat
import papermill as pm
import pytest
from jpbudget import params
from jpbudget.paths import project_root
from jpbudget.reports.execute import DEFAULT_KERNEL as KERNEL

NOTEBOOK = project_root() / "notebooks" / "peers.ipynb"
PARAMETERS = ["basis", "per", "currency", "fx", "gdp_year", "include_weak", "lang"]


def _outputs(nb):
    return [
        o
        for cell in nb.cells
        if cell.cell_type == "code"
        for o in cell.get("outputs", [])
        if o.get("output_type") == "display_data"
    ]


def _role(output):
    return output.get("metadata", {}).get("jpbudget", {}).get("role")


def _table(nb, name):
    return next(
        o for o in _outputs(nb) if _role(o) == "table" and o["metadata"]["jpbudget"]["name"] == name
    )


def _report(site: Path, name: str, parameters: dict):
    """Report ``name`` of the shared build, which must have run peers.ipynb with ``parameters``."""
    nb = nbformat.read(site / "reports" / f"{name}.ipynb", as_version=4)
    meta = nb.metadata["jpbudget"]
    assert meta["notebook"] == "notebooks/peers.ipynb", (name, meta["notebook"])
    ran = dict(meta["parameters"])
    assert ran.pop("lang", "en") == "en", name
    assert ran == parameters, f"report {name} of reports/reports.yaml ran with {ran}"
    return nb


def _assert_names_its_basis(nb, parameters, caption, column, title):
    outputs = [o for o in _outputs(nb) if _role(o)]
    assert _role(outputs[0]) == "finding" and _role(outputs[-1]) == "about"
    assert outputs[0]["metadata"]["jpbudget"]["title"] == (
        title + ": Japan's FY2026 chips & AI envelope against the US CHIPS Act"
    )
    table = _table(nb, "peers-comparison")
    assert table["metadata"]["jpbudget"]["caption"] == caption
    assert column in table["data"]["text/csv"].splitlines()[0]
    recorded = outputs[-1]["metadata"]["jpbudget"]["parameters"]
    for name, value in parameters.items():
        assert recorded[name] == value, name


def test_the_notebook_declares_the_parameters_of_the_issue():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    names = [line.split("=")[0].strip() for line in cell.source.splitlines()]
    assert names == PARAMETERS


@pytest.mark.parametrize(
    ("name", "parameters", "caption", "column", "title"),
    [
        (
            "peers-all-instruments",
            {"basis": "all-instruments", "per": "total"},
            "All instruments, each on its own row and never summed across instruments: total "
            "over each programme's own period, in USD",
            "Total over the period, in USD",
            "Chip support by every instrument, totals over each programme's period in USD",
        ),
        (
            "peers-per-year-usd",
            {"per": "per-year", "currency": "USD"},
            "Direct public spending (grants, subsidies, equity): per year of each programme's "
            "own period, in USD",
            "Per year (average), in USD",
            "Direct public spending on chips per year, in USD",
        ),
    ],
)
def test_each_view_of_the_manifest_names_its_basis(
    built_site, name, parameters, caption, column, title
):
    nb = _report(built_site, name, parameters)
    _assert_names_its_basis(nb, parameters, caption, column, title)


def test_all_instruments_lists_loans_and_targets_in_the_comparison(built_site):
    nb = _report(built_site, "peers-all-instruments", {"basis": "all-instruments", "per": "total"})
    csv_text = _table(nb, "peers-comparison")["data"]["text/csv"]
    assert "loans and loan authority" in csv_text
    assert "public-plus-private target" in csv_text


def test_other_parameters_run_from_another_directory_and_name_their_basis(tmp_path, monkeypatch):
    monkeypatch.delenv("JPBUDGET_ROOT", raising=False)
    parameters = {
        "basis": "direct-spending",
        "per": "total",
        "currency": "JPY",
        "fx": "2024-12-27",
        "include_weak": True,
    }
    output = tmp_path / "peers-out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(output),
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(tmp_path),
        progress_bar=False,
    )
    assert "JPBUDGET_ROOT" not in os.environ
    _assert_names_its_basis(
        nbformat.read(output, as_version=4),
        parameters,
        "Direct public spending (grants, subsidies, equity): total over each programme's own "
        "period, in JPY",
        "Total over the period, in JPY",
        "Direct public spending on chips, totals over each programme's period in JPY",
    )


@pytest.mark.parametrize(
    ("parameter", "value", "message"),
    [
        ("basis", "spending", "parameter basis: 'spending' is not allowed"),
        ("per", "per-decade", "parameter per: 'per-decade' is not allowed"),
        ("fx", "2040-01-01", "parameter fx: '2040-01-01' is not allowed"),
    ],
)
def test_a_bad_parameter_stops_the_notebook_at_its_validation_cell(parameter, value, message):
    nb = nbformat.read(NOTEBOOK, as_version=4)
    index = next(i for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", []))
    namespace: dict = {}
    exec(nb.cells[index].source, namespace)  # the defaults, as papermill would leave them
    defaults = {k: namespace[k] for k in PARAMETERS}
    exec(nb.cells[index + 1].source, namespace)  # validates them
    assert namespace["params"] == params.validate_peers(**defaults)
    namespace[parameter] = value  # what papermill's injected cell would do
    with pytest.raises(params.ParameterError) as caught:
        exec(nb.cells[index + 1].source, namespace)
    assert message in str(caught.value)
