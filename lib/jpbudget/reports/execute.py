"""Execute one notebook with papermill: the one way ``make reports`` and ``make notebooks`` run.

:func:`execute_notebook` runs a notebook on a named kernel, from the notebook's own folder, with
every inline figure drawn as PNG and SVG, an environment of its own (the runner tells each kernel
its project root and what it builds) and, through :class:`KernelJob`, a handle on the kernel
processes so that Ctrl-C or SIGTERM can kill them. Given a :class:`~.forkserver.ForkServer`, a
job's kernels are forked from its warm template instead of started afresh.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from collections.abc import Mapping
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any
from uuid import uuid4

if TYPE_CHECKING:
    from .forkserver import ForkServer

DEFAULT_KERNEL = "jpbudget"
#: The kernel client of a run (:mod:`.client`).
READY_CLIENT = "jpbudget.reports.client.ReadyClient"
#: The kernel draws every inline figure in both formats: PNG for the HTML, SVG for print.
FIGURE_FORMATS_ARGUMENT = "--InlineBackend.figure_formats=['png', 'svg']"


class _Interrupted(Exception):
    pass


class KernelJob:
    """One notebook's execution, with the kernels it started (so Ctrl-C can kill them)."""

    def __init__(
        self,
        stop: threading.Event | None = None,
        env: Mapping[str, str] | None = None,
        log: IO[bytes] | None = None,
        forks: ForkServer | None = None,
    ):
        self.forks = forks
        self.stop = stop if stop is not None else threading.Event()
        self.env = dict(env) if env is not None else None
        self.kernels: list[Any] = []
        self.lock = threading.Lock()
        self.log_handle = log

    def kernel_manager_class(self) -> type:
        from jupyter_client.manager import AsyncKernelManager
        from traitlets import DottedObjectName, Type

        job = self

        class TrackedKernelManager(AsyncKernelManager):
            # ready as soon as the kernel has answered (.client), not after 0.2 s of silence
            client_class = DottedObjectName(READY_CLIENT)
            client_factory = Type(
                READY_CLIENT, klass="jupyter_client.asynchronous.AsyncKernelClient"
            )

            async def _async_finish_shutdown(
                self, waittime: float | None = None, pollinterval: float = 0.01, restart=False
            ) -> None:
                # whether the kernel has exited, every 10 ms rather than jupyter_client's 100 ms
                await super()._async_finish_shutdown(waittime, pollinterval, restart)

            async def _async_pre_start_kernel(self, **kw: Any) -> Any:
                # private Unix sockets, not TCP ports another process may take first; forked
                # from the run's template if it has one (.provisioner)
                if self.provisioner is None:
                    self.kernel_id = self.kernel_id or kw.pop("kernel_id", None) or str(uuid4())
                    from .provisioner import provisioner_for

                    self.provisioner = provisioner_for(self, job.forks)
                return await super()._async_pre_start_kernel(**kw)

            async def start_kernel(self, **kw: Any) -> None:
                if job.stop.is_set():
                    raise _Interrupted("interrupted before the kernel started")
                if job.log_handle is not None:
                    kw.setdefault("stdout", job.log_handle)
                    kw.setdefault("stderr", job.log_handle)
                if job.env is not None:
                    kw["env"] = {**os.environ, **job.env}
                with job.lock:
                    job.kernels.append(self)
                await super().start_kernel(**kw)
                if job.stop.is_set():
                    job.kill()

        return TrackedKernelManager

    def kill(self) -> None:
        """Kill the process group of every kernel this job started and that still runs.

        A kernel that has ended is left alone: its process number may already be another
        process's (numbers are reused quickly on a busy machine)."""
        with self.lock:
            kernels = list(self.kernels)
        for km in kernels:
            prov = getattr(km, "provisioner", None)
            process = getattr(prov, "process", None)
            if process is None or process.poll() is not None:
                continue
            if hasattr(process, "signal_group"):  # forked from a template (.forkserver)
                process.signal_group(signal.SIGKILL)
                continue
            with contextlib.suppress(OSError):
                if getattr(prov, "pgid", None):
                    os.killpg(prov.pgid, signal.SIGKILL)
            with contextlib.suppress(OSError):
                process.kill()


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def _describe_error(exc: BaseException) -> tuple[str, dict]:
    """A one-line summary and a JSON record of a failed execution."""
    cell = getattr(exc, "exec_count", None)
    if hasattr(exc, "ename"):
        ename, evalue = exc.ename, str(exc.evalue)
        where = f"cell In [{cell}]" if cell is not None else f"cell #{exc.cell_index}"
        source = _first_line(getattr(exc, "source", "") or "")
        summary = f"{where} ({source!r}): {ename}: {_first_line(evalue) or evalue}"
        record = {
            "cell": cell,
            "cell_index": getattr(exc, "cell_index", None),
            "source": source,
            "ename": ename,
            "evalue": evalue,
        }
    else:
        ename, evalue = type(exc).__name__, str(exc)
        summary = f"{ename}: {_first_line(evalue) or evalue}"
        record = {"cell": None, "ename": ename, "evalue": evalue}
    return summary, record


def execute_notebook(
    source: Path,
    output: Path | None,
    *,
    parameters: Mapping[str, Any] | None = None,
    kernel: str = DEFAULT_KERNEL,
    timeout: float | None = None,
    job: KernelJob | None = None,
) -> Any:
    """Execute ``source`` with papermill and return the executed notebook node.

    ``parameters`` are injected after the cell tagged ``parameters`` (none: the notebook's
    defaults, no cell injected). ``output``: where papermill writes the executed notebook (also
    on failure, with its error banner); None writes nothing. ``timeout``: seconds per cell
    (a positive whole number, or None for no limit). Errors are papermill's
    (``PapermillExecutionError`` for a failing cell).
    """
    import papermill

    if timeout is not None and (
        isinstance(timeout, bool) or not isinstance(timeout, int) or timeout <= 0
    ):
        raise ValueError(f"timeout: {timeout!r} is not a positive whole number of seconds")
    job = job if job is not None else KernelJob()
    try:
        return papermill.execute_notebook(
            str(source),
            str(output) if output is not None else None,
            parameters=dict(parameters or {}),
            kernel_name=kernel,
            progress_bar=False,
            request_save_on_cell_execute=False,
            # the kernel's working directory, without papermill's process-wide os.chdir
            resources={"metadata": {"path": str(Path(source).parent)}},
            extra_arguments=[FIGURE_FORMATS_ARGUMENT],
            kernel_manager_class=job.kernel_manager_class(),
            execution_timeout=timeout,
        )
    finally:
        job.kill()  # normally a no-op: nbclient has shut the kernel down already
