"""Build one report: execute in a staging folder, export, then move into place."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path

from ..provenance import METADATA_KEY
from .execute import FIGURE_FORMATS_ARGUMENT, _describe_error, _Interrupted, _Job
from .export import _exchange_rate_text, _export_html, _extract_figures
from .fingerprint import Inputs, Plan
from .inspection import declared_parameters
from .layout import Layout, write_atomic
from .manifest import Manifest, Report
from .outcome import Outcome


@dataclasses.dataclass
class _Context:
    manifest: Manifest
    layout: Layout
    inputs: Inputs
    stop: threading.Event
    kernel: str
    timeout: float | None
    jobs: list[_Job]
    declared: dict[Path, dict]


def _effective_parameters(ctx: _Context, report: Report) -> dict:
    declared = ctx.declared.get(report.notebook)
    if declared is None:
        declared = declared_parameters(report.notebook) or {}
        ctx.declared[report.notebook] = declared
    return {**declared, **report.parameters}


def _run_one(item: Plan, ctx: _Context) -> Outcome:
    report = item.report
    name = report.name
    if ctx.stop.is_set():
        return Outcome(name, "interrupted")
    job = _Job(ctx.stop)
    ctx.jobs.append(job)
    start = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=ctx.layout.out))
    try:
        import nbformat
        import papermill

        executed = tmp / f"{name}.ipynb"
        job.log_handle = (tmp / "kernel.log").open("wb")
        error: BaseException | None = None
        try:
            nb = papermill.execute_notebook(
                str(report.notebook),
                str(executed),
                parameters=report.parameters,
                kernel_name=ctx.kernel,
                progress_bar=False,
                request_save_on_cell_execute=False,
                # the kernel's working directory, without papermill's process-wide os.chdir
                resources={"metadata": {"path": str(report.notebook.parent)}},
                extra_arguments=[FIGURE_FORMATS_ARGUMENT],
                kernel_manager_class=job.kernel_manager_class(),
                execution_timeout=ctx.timeout,
            )
        except Exception as exc:  # a cell's error, a dead kernel, a timeout, ...
            error = exc
        finally:
            job.log_handle.close()
        if ctx.stop.is_set():
            return Outcome(name, "interrupted", time.monotonic() - start)
        generated = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        meta = {
            "report": name,
            "notebook": report.notebook_rel,
            "parameters": report.parameters,
            "fingerprint": item.fingerprint,
            "generated": generated,
        }
        if error is not None:
            summary, record = _describe_error(error)
            if not hasattr(error, "ename"):
                log = (tmp / "kernel.log").read_text(encoding="utf-8", errors="replace")
                tail = [ln for ln in log.splitlines() if ln.strip()][-3:]
                if tail:
                    summary += " | kernel log: " + " / ".join(tail)
            failed_path = None
            if executed.is_file():
                failed_nb = nbformat.read(executed, as_version=4)
                failed_nb.metadata[METADATA_KEY] = {**meta, "status": "failed", "error": record}
                failed_path = ctx.layout.failed(name)
                write_atomic(failed_path, nbformat.writes(failed_nb))
            return Outcome(
                name, "failed", time.monotonic() - start, item.reasons, summary, failed_path
            )

        figures = _extract_figures(nb)
        meta["figures"] = [f for f, _ in figures]
        meta["exchange_rate"] = _exchange_rate_text(nb, _effective_parameters(ctx, report))
        meta["status"] = "ok"
        nb.metadata[METADATA_KEY] = meta
        page = _export_html(nb, title=name)
        staged_fig = tmp / "figures"
        staged_fig.mkdir()
        for fname, payload in figures:
            (staged_fig / fname).write_bytes(payload)
        (tmp / f"{name}.html").write_text(page, encoding="utf-8")
        nbformat.write(nb, tmp / "final.ipynb")
        if ctx.stop.is_set():
            return Outcome(name, "interrupted", time.monotonic() - start)
        _publish(ctx.layout, name, tmp)
        return Outcome(name, "built", time.monotonic() - start, item.reasons)
    except _Interrupted:
        return Outcome(name, "interrupted", time.monotonic() - start)
    finally:
        job.kill()  # normally a no-op: nbclient has shut the kernel down already
        shutil.rmtree(tmp, ignore_errors=True)


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
