"""Build one report: execute in a staging folder, export, then move into place.

Everything is written under ``reports/.tmp-<name>-*`` first and moved into place only once
complete, the executed notebook (which holds the fingerprint) last. Whatever goes wrong while
building one report (a failing cell, a dead kernel, a full disk) ends as a ``failed`` outcome
naming the cause; the previous good report stays untouched and the other reports still run.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from ..notebook_text import translate_notebook
from ..provenance import COMMIT_ENV, METADATA_KEY, REPORT_ENV
from .execute import KernelJob, _describe_error, _Interrupted, execute_notebook
from .export import _exchange_rate_text, render_report
from .fingerprint import Plan
from .forkserver import ForkServer
from .inspection import declared_parameters
from .layout import Layout, write_atomic
from .manifest import Manifest, Report
from .outcome import Outcome, Status


@dataclasses.dataclass
class Context:
    """What every report build of one run shares."""

    manifest: Manifest
    layout: Layout
    stop: threading.Event
    kernel: str
    timeout: int | None
    commit: str  # what the reports may claim: a commit, "uncommitted" or "unknown"
    jobs: list[KernelJob] = dataclasses.field(default_factory=list)
    forks: ForkServer | None = None  # kernels forked from a warm template, when there is one

    def env(self, report: Report) -> dict[str, str]:
        """The environment a report's kernel gets on top of the runner's own."""
        return {
            "JPBUDGET_ROOT": str(self.manifest.root),
            REPORT_ENV: report.name,
            COMMIT_ENV: self.commit,
        }


def page_links(report: Report, layout: Layout) -> dict[str, str]:
    """``{lang: file name}`` of the report's page in each language it is built in."""
    return {lang: layout.html(name).name for lang, name in report.counterparts().items()}


def _writing_error(error: BaseException, tmp: Path) -> bool:
    """Whether ``error`` failed to write the run's own files (a full disk, a read-only folder):
    an ``OSError`` naming no file or one in the reports folder (``tmp``'s parent). Another
    file (a kernel's executable that is missing) is the run's failure, not the disk's."""
    if not isinstance(error, OSError):
        return False
    return error.filename is None or Path(error.filename).absolute().is_relative_to(
        tmp.absolute().parent
    )


def _disk_error(exc: OSError, where: Path) -> str:
    target = exc.filename or where
    return f"cannot write {target}: {exc.strerror or exc}"


def build_report(item: Plan, ctx: Context) -> Outcome:
    """Build ``item``'s report; never raises for a failure of this report alone."""
    name = item.report.name
    if ctx.stop.is_set():
        return Outcome(name, Status.INTERRUPTED)
    start = time.monotonic()

    def outcome(status: Status, error: str | None = None, failed: Path | None = None) -> Outcome:
        return Outcome(name, status, time.monotonic() - start, item.reasons, error, failed)

    try:
        tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=ctx.layout.out))
    except OSError as exc:
        return outcome(Status.FAILED, _disk_error(exc, ctx.layout.out))
    try:
        return _build(item, ctx, tmp, outcome)
    except _Interrupted:
        return outcome(Status.INTERRUPTED)
    except OSError as exc:  # a full disk, a folder that became read-only, ...
        return outcome(Status.FAILED, _disk_error(exc, tmp))
    except Exception as exc:  # anything else stops this report only, by name
        return outcome(Status.FAILED, f"{type(exc).__name__}: {exc}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _build(item: Plan, ctx: Context, tmp: Path, outcome: Any) -> Outcome:
    import nbformat

    report = item.report
    name = report.name
    executed = tmp / f"{name}.ipynb"
    with (tmp / "kernel.log").open("wb") as log:
        job = KernelJob(ctx.stop, env=ctx.env(report), log=log, forks=ctx.forks)
        ctx.jobs.append(job)
        error: BaseException | None = None
        try:
            nb = execute_notebook(
                report.notebook,
                executed,
                parameters=report.parameters,
                kernel=ctx.kernel,
                timeout=ctx.timeout,
                job=job,
            )
        except _Interrupted:
            raise
        except Exception as exc:  # a cell's error, a dead kernel, a timeout, a full disk ...
            error = exc
    if ctx.stop.is_set():
        return outcome(Status.INTERRUPTED)
    meta = {
        "report": name,
        "notebook": report.notebook_rel,
        "parameters": report.parameters,
        "fingerprint": item.fingerprint,
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat(),
    }
    if error is not None:
        summary, failed = _record_failure(
            error, meta, executed, ctx.layout.failed(name), tmp, report.notebook
        )
        return outcome(Status.FAILED, summary, failed)

    params = {**(declared_parameters(report.notebook) or {}), **report.parameters}
    meta["exchange_rate"] = _exchange_rate_text(nb, params)
    meta["status"] = "ok"
    meta["lang"] = report.lang
    nb.metadata[METADATA_KEY] = meta
    try:
        # a Japanese report's Markdown cells in Japanese (the saved notebook and the page)
        shown = translate_notebook(copy.deepcopy(nb), lang=report.lang, where=report.notebook_rel)
        page = render_report(
            shown, name, lang=report.lang, counterparts=page_links(report, ctx.layout)
        )
    except (ValueError, LookupError) as exc:  # a bad or duplicate output name, no translation
        record = {"cell": None, "ename": type(exc).__name__, "evalue": str(exc)}
        nb.metadata[METADATA_KEY] = {**meta, "status": "failed", "error": record}
        write_atomic(ctx.layout.failed(name), nbformat.writes(nb))
        return outcome(Status.FAILED, f"cannot build the page: {exc}", ctx.layout.failed(name))
    nb = shown
    nb.metadata[METADATA_KEY]["figures"] = sorted(page.files)  # the node holds a copy of meta
    staged_fig = tmp / "figures"
    staged_fig.mkdir()
    for fname, payload in page.files.items():
        (staged_fig / fname).write_bytes(payload)
    (tmp / f"{name}.html").write_text(page.html, encoding="utf-8")
    (tmp / "final.ipynb").write_text(nbformat.writes(nb), encoding="utf-8")
    if ctx.stop.is_set():
        return outcome(Status.INTERRUPTED)
    _publish(ctx.layout, name, tmp)
    return outcome(Status.BUILT)


def _record_failure(
    error: BaseException, meta: dict, executed: Path, target: Path, tmp: Path, source: Path
) -> tuple[str, Path | None]:
    """The one-line summary of a failure, and the failed notebook kept (None if unreadable).

    The failed notebook is the executed one as papermill wrote it; if the run ended before
    papermill wrote any (a kernel that could not start, or died before it answered), the
    report's own notebook without its outputs, opening with the error, so that the index
    still says the report failed, and why."""
    import nbformat

    summary, record = _describe_error(error)
    writing = _writing_error(error, tmp)
    if writing:
        summary = _disk_error(error, executed)  # an OSError (_writing_error)
    elif not hasattr(error, "ename"):
        log = (tmp / "kernel.log").read_text(encoding="utf-8", errors="replace")
        tail = [ln for ln in log.splitlines() if ln.strip()][-3:]
        if tail:
            summary += " | kernel log: " + " / ".join(tail)
    before_first_cell = not writing and not executed.exists()
    try:
        failed_nb = nbformat.read(source if before_first_cell else executed, as_version=4)
    except (OSError, ValueError):  # cut short (a full disk), or unreadable
        return summary, None
    if before_first_cell:
        for cell in failed_nb.cells:
            if cell.cell_type == "code":
                cell.outputs, cell.execution_count = [], None
        failed_nb.cells.insert(
            0, nbformat.v4.new_raw_cell(f"This run failed before its first cell: {summary}")
        )
    failed_nb.metadata[METADATA_KEY] = {**meta, "status": "failed", "error": record}
    try:
        write_atomic(target, nbformat.writes(failed_nb))
    except OSError as exc:
        return f"{summary} (the failed notebook could not be kept: {exc.strerror})", None
    return summary, target


def _publish(layout: Layout, name: str, staged: Path) -> None:
    """Move a complete staged report into place: figures, then HTML, then the notebook.

    The notebook, which holds the fingerprint, goes last: if anything stops in between, the old
    fingerprint no longer matches and the next run rebuilds the report.
    """
    figures = layout.figures(name)
    figures.parent.mkdir(parents=True, exist_ok=True)
    if figures.exists():
        os.replace(figures, staged / "old-figures")
    os.replace(staged / "figures", figures)
    os.replace(staged / f"{name}.html", layout.html(name))
    os.replace(staged / "final.ipynb", layout.ipynb(name))
    with contextlib.suppress(FileNotFoundError):
        layout.failed(name).unlink()
