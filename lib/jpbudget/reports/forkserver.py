"""Kernels forked from a warm template process, so that each starts without importing again.

A kernel that ``jupyter_client`` starts is a new Python process which imports ipykernel,
IPython, NumPy, pandas and matplotlib before it runs a cell: about 0.9 s of CPU, a third of
what building a report costs. A process that runs reports keeps one *template*
(:func:`shared`: started by its first run of two reports or more, used by every later run, ended
with the process): a process of the kernel's own interpreter (same executable, same flags) that
has imported those libraries, HarfBuzz, fontTools, Jinja2 and Babel, which the charts and
pages use, and the kernel's debugger, but nothing of the project, so that it never holds stale
project code. Each kernel is a fork of it which then takes, as a new kernel process would, its
own environment, working folder, output files and command line
(``-m ipykernel_launcher -f CONNECTION_FILE ...``), in a session of its own. Once packages are
installed or removed, or the template has exited or failed, the next run starts a new one.

What differs from a process started afresh:

- The template imports matplotlib with ``MPLBACKEND`` set as ipykernel sets it for a kernel
  (the inline backend unless the environment names another). It imports neither pyplot nor
  ``matplotlib_inline``, which hook into the IPython shell when imported, nor a module that
  reads, when imported, what differs from kernel to kernel (``ipykernel.kernelapp``:
  ``JPY_PARENT_PID``; see :data:`PRELOAD`).
- A kernel's parent is the template, not the runner: ``JPY_PARENT_PID`` names the template,
  and the template ends when the runner does (its end of the socket closes), so a kernel whose
  runner died exits as before.
- The preloaded libraries read the environment the template started with (the runner's). A
  kernel's own environment differs only by what its job adds (``JPBUDGET_*``, ``JPY_*``), which
  none of them reads. What they set in the environment when imported is set in each kernel's
  too, unless the kernel's has it. matplotlib also reads ``./matplotlibrc`` when imported: a
  kernel whose folder has one starts the ordinary way.
- The template runs without the cyclic garbage collector and freezes its objects
  (``gc.freeze``) before each fork, as the ``gc`` module's documentation advises for a process
  that forks without exec: a kernel's collections never walk the preloaded libraries' objects
  (a full collection cost a kernel about 50 ms) nor write to the memory pages it shares with
  the template. ``gc.get_freeze_count()`` is not 0 in a kernel; nothing else differs.
- Interpreter options other than ``-X`` are not forked (:func:`usable`), and kernels share the
  template's hash seed (``PYTHONHASHSEED``); NumPy's and ``random``'s generators are reseeded.
- The runner watches a kernel through a pidfd (Linux 5.3 and later); its exit status is the
  template's to collect, so :attr:`ForkedProcess.returncode` is 0 once it has exited, or the
  negative signal number the runner killed it with. The template reaps an ended kernel at once,
  so a kernel is signalled through its pidfd, or its process group only while it runs, never
  by a number that may by then be another process's.

:func:`usable` says whether a kernel command line can be forked (a Python kernel of the same
interpreter, ``-m ipykernel_launcher``); anything else starts the ordinary way.
"""

from __future__ import annotations

import atexit
import contextlib
import gc
import json
import os
import select
import signal
import socket
import subprocess
import sys
import sysconfig
import threading
from collections.abc import Mapping, Sequence
from typing import Any

#: Imported by the template: what every kernel of this project imports before its first cell.
#: Not ``ipykernel.kernelapp``, whose options take their defaults from the environment when it is
#: imported (``JPY_PARENT_PID``: which process the kernel watches so as to end with it).
PRELOAD = (
    "ipykernel.ipkernel",
    "ipykernel.zmqshell",
    "numpy",
    "pandas",
    "matplotlib",
    "matplotlib.figure",
    "matplotlib.font_manager",
    "matplotlib.backends.backend_agg",
    "matplotlib.backends.backend_svg",
    # what the project's charts and pages use: the Japanese font subsets (HarfBuzz, then
    # fontTools' font tables for the WOFF: 0.03 s), the output templates (Jinja2) and the
    # message catalogs (Babel; ``babel.dates`` reads ``TZ`` when imported, which a kernel
    # inherits from the runner unchanged)
    "uharfbuzz",
    "fontTools.ttLib.tables.otTables",
    "jinja2",
    "babel.support",
    # the kernel's debugger (debugpy's vendored pydevd: 130 modules, about 40 ms of a kernel's
    # start); it sets PYDEVD_USE_FRAME_EVAL when imported, which each kernel is given too
    # (:data:`_PRELOAD_ENV`)
    "ipykernel.debugger",
)
#: What the preloaded modules added to the template's environment when imported (a module that
#: sets a default when the variable is unset): given to each kernel unless its own environment
#: has the variable, as importing them in the kernel would.
_PRELOAD_ENV: dict[str, str] = {}
KERNEL_MODULE = "ipykernel_launcher"
#: Set to "off" to start every kernel afresh instead of forking it from a warm template.
FORK_ENV = "JPBUDGET_KERNEL_TEMPLATE"
_MAX_MESSAGE = 1 << 20


class ForkServerError(RuntimeError):
    """The template could not start or fork a kernel (none was started)."""


class ForkServerFailed(ForkServerError):
    """The template failed while forking a kernel, which may have started: no fallback."""


def switched_off() -> bool:
    """Whether :data:`FORK_ENV` says to start every kernel afresh."""
    return os.environ.get(FORK_ENV, "").lower() in {"off", "0", "no", "false"}


def usable(cmd: Sequence[str]) -> bool:
    """Whether ``cmd`` (a kernel command line) is ``PYTHON [-X...] -m ipykernel_launcher ...``:
    interpreter options other than ``-X`` (``-I``, ``-P``, ``-E``...) change how a process
    starts, which a fork of the template could not honour."""
    if len(cmd) < 3 or KERNEL_MODULE not in cmd:
        return False
    at = list(cmd).index(KERNEL_MODULE)
    flags = list(cmd[1 : at - 1])
    return (
        cmd[at - 1] == "-m"
        and all(f.startswith("-X") and len(f) > 2 for f in flags)
        and hasattr(os, "pidfd_open")
        and hasattr(socket, "send_fds")
    )


class ForkedProcess:
    """The part of :class:`subprocess.Popen` that jupyter_client's provisioner uses, for a
    kernel that is the template's child, not the runner's: watched and signalled through a
    pidfd (opened by the template before it could reap the kernel). Safe to use from several
    threads (the kernel's own and the one that stops a run)."""

    stdin = stdout = stderr = None

    def __init__(self, pid: int, pidfd: int):
        self.pid = pid
        self.returncode: int | None = None
        self._killed_by: int | None = None
        self._fd: int | None = pidfd
        self._lock = threading.Lock()

    def poll(self) -> int | None:
        with self._lock:
            if self.returncode is None and self._fd is not None:
                readable, _, _ = select.select([self._fd], [], [], 0)
                if readable:
                    self.returncode = -self._killed_by if self._killed_by else 0
                    fd, self._fd = self._fd, None
                    os.close(fd)
            return self.returncode

    def wait(self, timeout: float | None = None) -> int:
        with self._lock:
            fd = self._fd
        if fd is not None and self.poll() is None:
            try:
                readable, _, _ = select.select([fd], [], [], timeout)
            except (OSError, ValueError):  # closed meanwhile by poll(): it has ended
                readable = [fd]
            if not readable:
                raise subprocess.TimeoutExpired(f"kernel {self.pid}", timeout)
        code = self.poll()
        assert code is not None
        return code

    def send_signal(self, signum: int) -> None:
        with self._lock:
            if self.returncode is None and self._fd is not None:
                if signum in (signal.SIGKILL, signal.SIGTERM):
                    self._killed_by = signum
                with contextlib.suppress(ProcessLookupError):
                    signal.pidfd_send_signal(self._fd, signum)

    def signal_group(self, signum: int) -> None:
        """Signal the kernel's process group (it leads its own session) while the kernel runs.

        Once it has ended the template reaps it at once, and its number may soon be another
        process's: a kernel that has ended is never signalled by number."""
        if self.poll() is not None:
            return
        with self._lock:
            if signum in (signal.SIGKILL, signal.SIGTERM):
                self._killed_by = signum
            try:
                os.killpg(self.pid, signum)
                return
            except OSError:
                pass
        self.send_signal(signum)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)


def _output_fd(stream: Any, default: int) -> int:
    """The file descriptor a kernel's stdout or stderr should be, as :class:`subprocess.Popen`
    takes it: None inherits this process's (as it is now), a file or a descriptor is used."""
    if stream is None:
        return default
    if isinstance(stream, int) and stream >= 0:
        return stream
    if hasattr(stream, "fileno"):
        return stream.fileno()
    raise ForkServerError(f"cannot give a forked kernel {stream!r} as its output")


class ForkServer:
    """A template process for kernels of one interpreter; :meth:`fork` starts a kernel.

    Safe to share between threads; :meth:`close` (or the end of a ``with`` block) ends it. A
    template that fails once (it died, it did not answer) is not used again.
    """

    #: Seconds to wait for the template to fork a kernel (it answers in milliseconds).
    REPLY_TIMEOUT = 60

    def __init__(self, cmd: Sequence[str]):
        at = list(cmd).index(KERNEL_MODULE)
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        self._sock = ours
        self._lock = threading.Lock()
        self._broken: str | None = None
        # run as a script, not ``-m jpbudget.reports.forkserver``: the template imports nothing
        # of the project, which each kernel imports afresh. Its own session: Ctrl-C in a
        # terminal reaches the runner, which stops the kernels, not the template.
        argv = [*cmd[: at - 1], os.path.abspath(__file__), str(theirs.fileno())]
        try:
            self._process = subprocess.Popen(
                argv,
                pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                cwd=os.path.dirname(os.path.abspath(__file__)),  # no matplotlibrc here
            )
        finally:
            theirs.close()
        try:
            os.close(os.pidfd_open(self._process.pid))  # kernels are watched through pidfds
            self._sock.settimeout(self.REPLY_TIMEOUT)
            self._check_reply(self._receive()[0], "start")
        except BaseException:
            self.close()
            raise

    def _receive(self) -> tuple[dict[str, Any], list[int]]:
        data, fds, _, _ = socket.recv_fds(self._sock, _MAX_MESSAGE, 1)
        if not data:
            code = self._process.wait()
            raise ForkServerError(f"the kernel template exited (status {code})")
        return json.loads(data), fds

    @staticmethod
    def _check_reply(reply: dict[str, Any], what: str) -> dict[str, Any]:
        if "error" in reply:
            raise ForkServerError(f"the kernel template cannot {what}: {reply['error']}")
        return reply

    def fork(
        self,
        cmd: Sequence[str],
        env: Mapping[str, str],
        cwd: str | os.PathLike | None,
        stdout: Any = None,
        stderr: Any = None,
    ) -> ForkedProcess:
        """Start the kernel ``cmd`` (see :func:`usable`) with ``env`` in ``cwd``; ``stdout`` and
        ``stderr`` as :class:`subprocess.Popen` takes them (None: this process's own).

        :class:`ForkServerError` before the request is sent means no kernel was started (start
        it the ordinary way); :class:`ForkServerFailed` after it means one may have been, and
        the template is not used again."""
        at = list(cmd).index(KERNEL_MODULE)
        request = {
            "argv": [os.path.expanduser(a) for a in cmd[at + 1 :]],
            "env": dict(env),
            # the runner's working folder resolves a relative one, as Popen's cwd would (the
            # template's may differ); joined, not normalized: chdir follows "link/.." as Popen's
            "cwd": os.path.join(os.getcwd(), os.fspath(cwd if cwd is not None else ".")),
        }
        if os.path.exists(os.path.join(request["cwd"], "matplotlibrc")):
            # matplotlib reads ./matplotlibrc when imported: the template imported it elsewhere
            raise ForkServerError(f"{request['cwd']} has a matplotlibrc")
        fds = [_output_fd(stdout, 1), _output_fd(stderr, 2)]
        with self._lock:
            if self._broken:
                raise ForkServerError(self._broken)
            try:
                socket.send_fds(self._sock, [json.dumps(request).encode()], fds)
            except OSError as exc:
                self._broken = f"the kernel template is gone: {exc.strerror or exc}"
                raise ForkServerError(self._broken) from exc
            try:
                reply, pidfds = self._receive()
            except (OSError, ValueError, ForkServerError) as exc:
                self._broken = f"the kernel template failed: {exc}"
                raise ForkServerFailed(self._broken) from exc
        self._check_reply(reply, "start a kernel")  # it did not fork (it says why): none started
        (pidfd,) = pidfds
        return ForkedProcess(int(reply["pid"]), pidfd)

    def alive(self) -> bool:
        """Whether the template still runs and has not failed (:meth:`fork` can be asked)."""
        return self._broken is None and self._process.poll() is None

    def close(self) -> None:
        with contextlib.suppress(OSError):
            self._sock.close()
        try:
            self._process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait()

    def __enter__(self) -> ForkServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


_SHARED: dict[tuple[str, ...], ForkServer | None] = {}
_SHARED_LOCK = threading.Lock()


def installed_stamp() -> tuple[int, ...]:
    """When this interpreter's installed packages last changed: the modification times of its
    site-packages folders (installing, upgrading or removing a package adds or removes entries
    there)."""
    folders = {sysconfig.get_paths()[k] for k in ("purelib", "platlib")}
    return tuple(os.stat(f).st_mtime_ns for f in sorted(folders) if os.path.isdir(f))


def _shared_key(cmd: Sequence[str]) -> tuple[object, ...]:
    at = list(cmd).index(KERNEL_MODULE)
    return (*cmd[: at - 1], installed_stamp())


def shared(cmd: Sequence[str]) -> ForkServer | None:
    """This process's template for kernels of ``cmd``'s interpreter and flags, started on first
    use and ended with the process; None when switched off or when it cannot start (then not
    tried again). Once packages are installed or removed (:func:`installed_stamp`), the next
    use starts a new template, which imports them as they are now (the old one ends with the
    process, so that kernels forked from it are not stopped). A template that has exited or
    failed is closed and replaced; one that could not start is not tried again."""
    if switched_off() or not usable(cmd):
        return None
    key = _shared_key(cmd)
    with _SHARED_LOCK:
        old = _SHARED.get(key)
        if old is not None and not old.alive():
            old.close()
            del _SHARED[key]
        if key not in _SHARED:
            _SHARED[key] = start(cmd)
            if len(_SHARED) == 1:
                atexit.register(_close_shared)
        return _SHARED[key]


def running(cmd: Sequence[str]) -> ForkServer | None:
    """This process's template for ``cmd`` (:func:`shared`) if it has started one that still
    runs, else None: nothing is started."""
    if switched_off() or not usable(cmd):
        return None
    with _SHARED_LOCK:
        forks = _SHARED.get(_shared_key(cmd))
        return forks if forks is not None and forks.alive() else None


def start(cmd: Sequence[str]) -> ForkServer | None:
    """A new template for kernels of ``cmd``, or None to start them afresh: when switched off
    (:data:`FORK_ENV`), for a kernel command line it cannot fork (:func:`usable`), or when it
    cannot start."""
    if switched_off() or not usable(cmd):
        return None
    try:
        return ForkServer(cmd)
    except (OSError, ForkServerError):
        return None


def _close_shared() -> None:
    with _SHARED_LOCK:
        for forks in _SHARED.values():
            if forks is not None:
                forks.close()
        _SHARED.clear()


# --- the template process ----------------------------------------------------------------------


def _reap() -> None:
    with contextlib.suppress(ChildProcessError):
        while True:
            pid, _ = os.waitpid(-1, os.WNOHANG)
            if pid == 0:
                return


def _child(request: dict[str, Any], fds: list[int], sock: socket.socket, started: int) -> None:
    """In the forked kernel: become a kernel process started afresh, then run the kernel.

    ``started``: a pipe's write end, closed once the kernel leads its own session (so that the
    runner can signal its process group as soon as it knows the pid)."""
    code = 1
    try:
        gc.enable()  # the template's objects stay frozen (see serve)
        sock.close()
        os.setsid()
        os.close(started)
        devnull = os.open(os.devnull, os.O_RDONLY)
        os.dup2(devnull, 0)
        os.close(devnull)
        stdout, stderr = fds  # what the runner gave, as Popen would (its own 1 and 2 if nothing)
        os.dup2(stdout, 1)
        os.dup2(stderr, 2)
        for fd in fds:
            if fd > 2:
                os.close(fd)
        os.chdir(request["cwd"])
        sys.path.insert(0, os.getcwd())  # as ``python -m`` puts the working folder first
        os.environ.clear()
        os.environ.update(request["env"])
        for name, value in _PRELOAD_ENV.items():
            os.environ.setdefault(name, value)
        os.environ["JPY_PARENT_PID"] = str(os.getppid())
        for s in (signal.SIGINT, signal.SIGTERM, signal.SIGCHLD):
            signal.signal(s, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        if "numpy" in sys.modules:  # a fresh process seeds NumPy's global generator anew
            sys.modules["numpy"].random.seed()
        import runpy

        sys.argv = [KERNEL_MODULE, *request["argv"]]
        try:
            runpy.run_module(KERNEL_MODULE, run_name="__main__", alter_sys=True)
            code = 0
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        with contextlib.suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


def serve(fd: int) -> None:
    """The template: preload, then fork a kernel for each request until the runner goes."""
    sock = socket.socket(fileno=fd)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the runner stops the run, not a terminal
    gc.disable()  # until a kernel is forked: see the gc module's notes on fork() and freeze()
    try:
        os.environ.setdefault("MPLBACKEND", "module://matplotlib_inline.backend_inline")
        import importlib

        before = dict(os.environ)
        for module in PRELOAD:
            importlib.import_module(module)
        _PRELOAD_ENV.update(
            (name, value) for name, value in os.environ.items() if before.get(name) != value
        )
    except Exception as exc:  # reported to the runner, which then starts kernels afresh
        sock.send(json.dumps({"error": f"{type(exc).__name__}: {exc}"}).encode())
        return
    sock.send(json.dumps({"ready": True}).encode())
    while True:
        readable, _, _ = select.select([sock], [], [], 0.2)
        _reap()
        if not readable:
            continue
        message, fds, _, _ = socket.recv_fds(sock, _MAX_MESSAGE, 2)
        if not message:  # the runner closed its end: its run is over
            return
        started_r, started_w = os.pipe()
        gc.freeze()  # the preloaded objects: never collected by the kernel (see _child)
        try:
            pid = os.fork()
        except OSError as exc:
            for f in (*fds, started_r, started_w):
                os.close(f)
            sock.send(json.dumps({"error": f"fork: {exc.strerror}"}).encode())
            continue
        if pid == 0:
            os.close(started_r)
            _child(json.loads(message), fds, sock, started_w)
        for f in (*fds, started_w):
            os.close(f)
        os.read(started_r, 1)  # end of file once the kernel has its own session (or died)
        os.close(started_r)
        # opened before this loop can reap the kernel: the number is still the kernel's
        pidfd = os.pidfd_open(pid)
        socket.send_fds(sock, [json.dumps({"pid": pid}).encode()], [pidfd])
        os.close(pidfd)


if __name__ == "__main__":
    # a script's folder comes first on sys.path: this package's modules must not shadow others
    if sys.path and os.path.abspath(sys.path[0]) == os.path.dirname(os.path.abspath(__file__)):
        del sys.path[0]
    serve(int(sys.argv[1]))
