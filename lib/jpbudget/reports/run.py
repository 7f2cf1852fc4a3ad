"""Run the reports that need it: parallel kernels on threads, the run lock, Ctrl-C."""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .build import _Context, _run_one
from .fingerprint import Inputs, plan
from .index import write_index
from .layout import Layout, read_meta
from .manifest import Manifest
from .outcome import Outcome, RunResult
from .progress import _Progress


@contextlib.contextmanager
def _run_lock(out: Path):
    import fcntl

    out.mkdir(parents=True, exist_ok=True)
    handle = (out / ".lock").open("w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise RuntimeError(f"another `jpbudget reports` is running on {out}") from exc
        yield
    finally:
        handle.close()


def run_reports(
    manifest: Manifest,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    kernel: str | None = None,
    timeout: float | None = None,
    out: Path | None = None,
    stream: Any = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunResult:
    """Build the reports that need it, ``jobs`` kernels at once, then rewrite the index.

    Sets ``JPBUDGET_ROOT`` to the manifest's root for the kernels. Ctrl-C (KeyboardInterrupt)
    kills the running kernels, discards unfinished reports and returns with ``interrupted``.
    """
    stream = stream if stream is not None else sys.stdout
    layout = Layout(out if out is not None else manifest.root / "reports")
    jobs = max(1, jobs or os.cpu_count() or 1)
    saved_root = os.environ.get("JPBUDGET_ROOT")
    os.environ["JPBUDGET_ROOT"] = str(manifest.root)  # inherited by the kernels
    try:
        return _run(manifest, only, jobs, force, kernel, timeout, layout, stream, on_outcome)
    finally:
        if saved_root is None:
            os.environ.pop("JPBUDGET_ROOT", None)
        else:
            os.environ["JPBUDGET_ROOT"] = saved_root


def _run(
    manifest: Manifest,
    only: Iterable[str] | None,
    jobs: int,
    force: bool,
    kernel: str | None,
    timeout: float | None,
    layout: Layout,
    stream: Any,
    on_outcome: Callable[[Outcome], None] | None,
) -> RunResult:
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    with _run_lock(layout.out):
        for stale in layout.out.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        inputs = Inputs(manifest.root)
        plans = plan(manifest, only=only, force=force, out=layout.out, inputs=inputs)
        todo = [p for p in plans if p.needed]
        for p in plans:  # a failed run whose inputs are gone is no longer news
            failed = layout.failed(p.report.name)
            if (
                not p.needed
                and failed.is_file()
                and (read_meta(failed) or {}).get("fingerprint") != p.fingerprint
            ):
                failed.unlink()
        outcomes = {p.report.name: Outcome(p.report.name, "up to date") for p in plans}
        progress = _Progress(len(todo), stream)
        if progress.bar is None:
            for p in plans:
                if not p.needed:
                    print(f"{p.report.name}: up to date", file=stream, flush=True)
        if todo:
            _check_kernel(kernel or manifest.kernel)
        stop = threading.Event()
        ctx = _Context(manifest, layout, inputs, stop, kernel or manifest.kernel, timeout, [], {})
        interrupted = False
        executor = ThreadPoolExecutor(max_workers=min(jobs, max(1, len(todo))))
        futures = {executor.submit(_run_one, p, ctx): p for p in todo}
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    outcomes[outcome.name] = outcome
                    progress.advance(outcome)
                    if on_outcome:
                        on_outcome(outcome)
        except KeyboardInterrupt:
            interrupted = True
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                progress.note("interrupted: stopping kernels and discarding unfinished reports")
                stop.set()
                for future in futures:
                    future.cancel()
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and not all(f.done() for f in futures):
                    for job in list(ctx.jobs):
                        job.kill()
                    time.sleep(0.1)
                for future, p in futures.items():
                    if future.done() and not future.cancelled():
                        outcomes[p.report.name] = future.result()
                    else:
                        outcomes[p.report.name] = Outcome(p.report.name, "interrupted")
            finally:
                signal.signal(signal.SIGINT, previous)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            progress.close()
        write_index(manifest, out=layout.out, inputs=inputs)
    ordered = [outcomes[p.report.name] for p in plans]
    return RunResult(outcomes=ordered, interrupted=interrupted)


def _check_kernel(name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise RuntimeError(
            f"no Jupyter kernel named {name!r}: run `make setup` (it registers the kernel)"
        ) from exc
