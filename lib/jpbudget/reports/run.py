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
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from pathlib import Path
from typing import Any

from ..provenance import UNKNOWN, build_commit
from .build import Context, build_report
from .fingerprint import Inputs, Plan, plan
from .forkserver import ForkServer, running, shared
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
        try:  # the lock file may exist and be writable in a folder that is not
            tempfile.TemporaryFile(dir=out).close()
        except OSError:
            lock.release()
            raise
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


class _Signals:
    """Ctrl-C and SIGTERM during a run: each raises :class:`Interrupted` and is also recorded.

    The record is what makes a signal certain to stop the run: an exception raised by a signal
    handler is lost when it lands in a finalizer (the garbage collector may run one of a kernel
    thread's objects on the main thread at any moment), so the run's wait loop also checks
    :meth:`check` between waits.
    """

    def __init__(self) -> None:
        self.received: int | None = None

    def handler(self, signum: int, frame: Any) -> None:
        if self.received is None:
            self.received = signum
        raise Interrupted(signum)

    def check(self) -> None:
        """Raise :class:`Interrupted` if a signal came and its exception was lost."""
        if self.received is not None:
            raise Interrupted(self.received)


@contextlib.contextmanager
def _signals_as_interrupt() -> Iterator[_Signals]:
    """Within the block, Ctrl-C and SIGTERM raise :class:`Interrupted` (main thread only)."""
    signals = _Signals()
    if threading.current_thread() is not threading.main_thread():
        yield signals
        return
    previous = {s: signal.signal(s, signals.handler) for s in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield signals
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


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
    with run_lock(layout.out), _signals_as_interrupt() as signals:
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
            commit=build_commit(manifest.root) if todo else UNKNOWN,  # git only if needed
        )
        outcomes = {p.report.name: Outcome(p.report.name, Status.UP_TO_DATE) for p in plans}
        progress = Progress(len(todo), stream)
        if progress.bar is None:
            for p in plans:
                if not p.needed:
                    print(f"{p.report.name}: up to date", file=stream, flush=True)
        signum = None
        try:
            if todo:
                ctx.forks = _fork_server(ctx.kernel, len(todo))
            _execute(todo, ctx, jobs, outcomes, progress, on_outcome, signals)
        except KeyboardInterrupt as exc:
            signum = getattr(exc, "signum", signal.SIGINT)
            for p in todo:  # interrupted while the template started: nothing was built
                if outcomes[p.report.name].status is Status.UP_TO_DATE:
                    outcomes[p.report.name] = Outcome(p.report.name, Status.INTERRUPTED)
        finally:
            progress.close()
        index_error = None
        try:
            write_index(manifest, out=layout.out, inputs=inputs)
        except OSError as exc:  # a full disk: the reports are in place, the index is not
            index_error = f"cannot write {exc.filename or layout.index}: {exc.strerror or exc}"
    ordered = [outcomes[p.report.name] for p in plans]
    return RunResult(
        outcomes=ordered, interrupted=signum is not None, signum=signum, index_error=index_error
    )


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
    signals: _Signals,
) -> None:
    executor = ThreadPoolExecutor(max_workers=min(jobs, max(1, len(todo))))
    futures = {executor.submit(build_report, p, ctx): p for p in todo}
    try:
        pending = set(futures)
        while pending:
            signals.check()
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


def _fork_server(kernel: str, kernels: int) -> ForkServer | None:
    """The template to fork ``kernel``'s ``kernels`` kernels from, or None to start them afresh
    (the run goes on either way): the process's own (:func:`.forkserver.shared`, kept for the
    next run of this process and ended with it), started for two kernels or more (a template
    pays from two kernels on), used for one if it is already running."""
    from jupyter_client.kernelspec import KernelSpecManager

    argv = KernelSpecManager().get_kernel_spec(kernel).argv
    return shared(argv) if kernels > 1 else running(argv)


def _check_kernel(name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise RunnerError(
            f"no Jupyter kernel named {name!r}: run `make setup` (it registers the kernel)"
        ) from exc
