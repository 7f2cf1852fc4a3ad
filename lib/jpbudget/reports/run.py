"""Run the reports that need it: parallel kernels on threads, the run lock, Ctrl-C and SIGTERM.

One thread per running report drives its kernel (``jobs`` at once). Ctrl-C or SIGTERM kills the
running kernels, discards the unfinished reports (their staging folders) and still rewrites the
index, so that it matches what is on disk.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from ..provenance import build_commit
from .build import Context, build_report
from .fingerprint import Inputs, Plan, plan
from .index import write_index
from .layout import Layout, read_meta
from .manifest import Manifest
from .outcome import Outcome, RunResult, Status
from .progress import Progress

#: How long the interrupted kernels get to die before the run gives up waiting.
STOP_GRACE_SECONDS = 60


class RunnerError(RuntimeError):
    """The run cannot start (another run holds the lock, no kernel, an unwritable folder)."""


class Interrupted(KeyboardInterrupt):
    """Ctrl-C or SIGTERM: ``signum`` is the signal received."""

    def __init__(self, signum: int = signal.SIGINT):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


@contextlib.contextmanager
def run_lock(out: Path) -> Iterator[None]:
    """Hold ``out/.lock`` (filelock) for the run; a second run on ``out`` is refused."""
    from filelock import FileLock, Timeout

    try:
        out.mkdir(parents=True, exist_ok=True)
        lock = FileLock(out / ".lock", timeout=0)
        lock.acquire()
    except Timeout as exc:
        raise RunnerError(f"another `jpbudget reports` is running on {out}") from exc
    except OSError as exc:
        raise RunnerError(
            f"cannot write to the reports folder {out}: {exc.strerror or exc} "
            "(make it writable, or choose another project copy with --root)"
        ) from exc
    try:
        yield
    finally:
        lock.release()


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """Within the block, SIGTERM raises :class:`Interrupted` like Ctrl-C (main thread only)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: Any) -> None:
        raise Interrupted(signum)

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_reports(
    manifest: Manifest,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    kernel: str | None = None,
    timeout: int | None = None,
    out: Path | None = None,
    stream: Any = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunResult:
    """Build the reports that need it, ``jobs`` kernels at once, then rewrite the index.

    Each kernel gets ``JPBUDGET_ROOT`` (the manifest's root), the report's name and the commit it
    is built from. Ctrl-C or SIGTERM kills the running kernels, discards unfinished reports and
    returns with ``interrupted``. Raises :class:`RunnerError` when the run cannot start.
    """
    stream = stream if stream is not None else sys.stdout
    layout = Layout(out if out is not None else manifest.root / "reports")
    jobs = max(1, jobs or os.cpu_count() or 1)
    with run_lock(layout.out), _sigterm_as_interrupt():
        for stale in layout.out.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        inputs = Inputs(manifest.root)
        plans = plan(manifest, only=only, force=force, out=layout.out, inputs=inputs)
        _forget_stale_failures(plans, layout)
        todo = [p for p in plans if p.needed]
        if todo:
            _check_kernel(kernel or manifest.kernel)
        ctx = Context(
            manifest=manifest,
            layout=layout,
            stop=threading.Event(),
            kernel=kernel or manifest.kernel,
            timeout=timeout,
            commit=build_commit(manifest.root),
        )
        outcomes = {p.report.name: Outcome(p.report.name, Status.UP_TO_DATE) for p in plans}
        progress = Progress(len(todo), stream)
        if progress.bar is None:
            for p in plans:
                if not p.needed:
                    print(f"{p.report.name}: up to date", file=stream, flush=True)
        signum = None
        try:
            _execute(todo, ctx, jobs, outcomes, progress, on_outcome)
        except KeyboardInterrupt as exc:
            signum = getattr(exc, "signum", signal.SIGINT)
        finally:
            progress.close()
        write_index(manifest, out=layout.out, inputs=inputs)
    ordered = [outcomes[p.report.name] for p in plans]
    return RunResult(outcomes=ordered, interrupted=signum is not None, signum=signum)


def _forget_stale_failures(plans: list[Plan], layout: Layout) -> None:
    """A failed run whose inputs are gone is no longer news: delete its notebook."""
    for p in plans:
        failed = layout.failed(p.report.name)
        if (
            not p.needed
            and failed.is_file()
            and (read_meta(failed) or {}).get("fingerprint") != p.fingerprint
        ):
            failed.unlink()


def _execute(
    todo: list[Plan],
    ctx: Context,
    jobs: int,
    outcomes: dict[str, Outcome],
    progress: Progress,
    on_outcome: Callable[[Outcome], None] | None,
) -> None:
    executor = ThreadPoolExecutor(max_workers=min(jobs, max(1, len(todo))))
    futures = {executor.submit(build_report, p, ctx): p for p in todo}
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
        with _signals_ignored():
            progress.note("interrupted: stopping kernels and discarding unfinished reports")
            _stop(futures, ctx, outcomes)
        raise
    finally:
        executor.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _signals_ignored() -> Iterator[None]:
    """A second Ctrl-C or SIGTERM must not interrupt the clean-up."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    saved = {s: signal.signal(s, signal.SIG_IGN) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for s, handler in saved.items():
            signal.signal(s, handler)


def _stop(futures: dict[Future, Plan], ctx: Context, outcomes: dict[str, Outcome]) -> None:
    ctx.stop.set()
    for future in futures:
        future.cancel()
    deadline = time.monotonic() + STOP_GRACE_SECONDS
    while time.monotonic() < deadline and not all(f.done() for f in futures):
        for job in list(ctx.jobs):
            job.kill()
        time.sleep(0.1)
    for future, p in futures.items():
        if future.done() and not future.cancelled():
            outcomes[p.report.name] = future.result()
        else:
            outcomes[p.report.name] = Outcome(p.report.name, Status.INTERRUPTED)


def _check_kernel(name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise RunnerError(
            f"no Jupyter kernel named {name!r}: run `make setup` (it registers the kernel)"
        ) from exc
