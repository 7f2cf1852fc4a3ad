"""Run one notebook's kernel with papermill, tracking the kernel so it can be killed."""

from __future__ import annotations

import contextlib
import os
import signal
import threading
from typing import Any

#: The kernel draws every inline figure in both formats: PNG for the HTML, SVG for print.
FIGURE_FORMATS_ARGUMENT = "--InlineBackend.figure_formats=['png', 'svg']"


class _Interrupted(Exception):
    pass


class _Job:
    """One report's execution, with the kernels it started (so Ctrl-C can kill them)."""

    def __init__(self, stop: threading.Event):
        self.stop = stop
        self.kernels: list[Any] = []
        self.lock = threading.Lock()
        self.log_handle: Any = None

    def kernel_manager_class(self) -> type:
        from jupyter_client.manager import AsyncKernelManager

        job = self

        class TrackedKernelManager(AsyncKernelManager):
            async def start_kernel(self, **kw: Any) -> None:
                if job.stop.is_set():
                    raise _Interrupted("interrupted before the kernel started")
                if job.log_handle is not None:
                    kw.setdefault("stdout", job.log_handle)
                    kw.setdefault("stderr", job.log_handle)
                with job.lock:
                    job.kernels.append(self)
                await super().start_kernel(**kw)
                if job.stop.is_set():
                    job.kill()

        return TrackedKernelManager

    def kill(self) -> None:
        """Kill the process group of every kernel this job started."""
        with self.lock:
            kernels = list(self.kernels)
        for km in kernels:
            prov = getattr(km, "provisioner", None)
            pgid, pid = getattr(prov, "pgid", None), getattr(prov, "pid", None)
            with contextlib.suppress(OSError):
                if pgid:
                    os.killpg(pgid, signal.SIGKILL)
                elif pid:
                    os.kill(pid, signal.SIGKILL)


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
