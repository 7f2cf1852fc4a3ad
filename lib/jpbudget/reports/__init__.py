"""The report runner: ``jpbudget reports`` executes the notebooks of ``reports/reports.yaml``.

Each report is a notebook run by papermill with the manifest's parameters, exported to HTML with
the code hidden, and its figures written as PNG and SVG. Reports run in parallel (one kernel per
report, ``--jobs`` at once), are rebuilt only when one of their inputs changed (the fingerprint
lives in the executed notebook's own metadata), and are moved into place only once complete: a
failed or interrupted run never damages a previous good report.

One concern per module, the way papermill's are:

================  ===========================================================================
``manifest``      load and validate ``reports/reports.yaml`` (:func:`load_manifest`)
``inspection``    the parameters a notebook declares (:func:`declared_parameters`)
``fingerprint``   what makes a report stale (:class:`Inputs`, :func:`plan`)
``layout``        where outputs go; atomic writes (:func:`write_atomic`)
``execute``       run one notebook with papermill (:func:`execute_notebook`), shared by both
``build``         build one report: stage, execute, export, publish
``refresh``       re-execute the committed notebooks in place (``jpbudget notebooks``)
``export``        HTML page and figure files of an executed notebook
``index``         the index page (:func:`write_index`)
``outcome``       what happened to each report (:class:`Outcome`, :class:`RunResult`)
``progress``      the progress display
``run``           parallel kernels, threads, the run lock, signals (:func:`run_reports`)
``cli``           ``jpbudget reports|notebooks`` (:func:`main`); ``python -m jpbudget.reports``
================  ===========================================================================

Only the standard library is imported at package import; papermill, nbconvert and yaml are
imported when they are needed. ``show_provenance`` is re-exported for the notebooks that still
import it from here; new code imports it from :mod:`jpbudget.provenance`.
"""

from __future__ import annotations

from ..provenance import show_provenance
from .cli import main
from .execute import DEFAULT_KERNEL
from .fingerprint import Inputs, Plan, library_dir, plan
from .index import write_index
from .inspection import declared_parameters
from .layout import Layout, write_atomic
from .manifest import Manifest, ManifestError, Report, load_manifest
from .outcome import Outcome, RunResult, Status
from .run import RunnerError, run_reports

__all__ = [
    "DEFAULT_KERNEL",
    "Inputs",
    "Layout",
    "Manifest",
    "ManifestError",
    "Outcome",
    "Plan",
    "Report",
    "RunResult",
    "RunnerError",
    "Status",
    "declared_parameters",
    "library_dir",
    "load_manifest",
    "main",
    "plan",
    "run_reports",
    "show_provenance",
    "write_atomic",
    "write_index",
]
