"""notebooks/peers.ipynb run by papermill: every basis, other views, and bad parameters.

nbval (``make test``) re-runs the committed notebook with its defaults; these runs use other
parameters, from an unrelated working directory, and check what a reader sees: the finding
first, the basis named in the comparison table's caption, the weak label, provenance last.
"""

import nbformat
import papermill as pm
import pytest
from jpbudget.paths import project_root
from jpbudget.reports.execute import DEFAULT_KERNEL as KERNEL

NOTEBOOK = project_root() / "notebooks" / "peers.ipynb"


def _run(tmp_path, parameters):
    output = tmp_path / "peers-out.ipynb"
    pm.execute_notebook(
        str(NOTEBOOK),
        str(output),
        parameters=parameters,
        kernel_name=KERNEL,
        cwd=str(tmp_path),
        progress_bar=False,
    )
    return nbformat.read(output, as_version=4)


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


def test_the_notebook_declares_the_parameters_of_the_issue():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    cell = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
    names = [line.split("=")[0].strip() for line in cell.source.splitlines()]
    assert names == ["basis", "per", "currency", "fx", "gdp_year", "include_weak"]


@pytest.mark.parametrize(
    ("parameters", "caption", "column"),
    [
        (
            {"basis": "all-instruments", "per": "per-year", "currency": "JPY"},
            "All instruments, each on its own row and never summed across instruments: per "
            "year of each programme's own period, in JPY",
            "Per year (average), in JPY",
        ),
        (
            {"basis": "direct-spending", "per": "total", "fx": "2024-12-27", "include_weak": True},
            "Direct public spending (grants, subsidies, equity): total over each programme's "
            "own period, in USD",
            "Total over the period, in USD",
        ),
    ],
)
def test_each_basis_runs_and_names_its_basis(tmp_path, parameters, caption, column):
    nb = _run(tmp_path, parameters)
    outputs = [o for o in _outputs(nb) if _role(o)]
    assert _role(outputs[0]) == "finding" and _role(outputs[-1]) == "about"
    title = outputs[0]["metadata"]["jpbudget"]["title"]
    assert title.startswith("Direct public spending per year:")
    table = _table(nb, "peers-comparison")
    assert table["metadata"]["jpbudget"]["caption"] == caption
    assert column in table["data"]["text/csv"].splitlines()[0]
    assert outputs[-1]["metadata"]["jpbudget"]["parameters"]["basis"] == parameters["basis"]


def test_all_instruments_lists_loans_and_targets_in_the_comparison(tmp_path):
    nb = _run(tmp_path, {"basis": "all-instruments", "per": "total"})
    csv_text = _table(nb, "peers-comparison")["data"]["text/csv"]
    assert "loans and loan authority" in csv_text
    assert "public-plus-private target" in csv_text


@pytest.mark.parametrize(
    ("parameters", "message"),
    [
        ({"basis": "spending"}, "parameter basis: 'spending' is not allowed"),
        ({"per": "per-decade"}, "parameter per: 'per-decade' is not allowed"),
        ({"fx": "2040-01-01"}, "parameter fx: '2040-01-01' is not allowed"),
    ],
)
def test_a_bad_parameter_stops_the_notebook_naming_it(tmp_path, parameters, message):
    with pytest.raises(pm.PapermillExecutionError) as caught:
        _run(tmp_path, parameters)
    assert message in str(caught.value)
