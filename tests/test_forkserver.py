"""Kernels forked from a warm template (jpbudget.reports.forkserver) behave as kernels started
afresh: their own environment, folder, session and output, nothing of the project imported
before their first cell, and they die with their runner."""

from __future__ import annotations

import io
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nbformat
import pytest
from jpbudget import reports
from jpbudget.paths import project_root
from jpbudget.reports import execute, forkserver
from jpbudget.reports import run as run_module
from jupyter_client.kernelspec import KernelSpecManager

PROBE = """
import gc, json, os, sys
import matplotlib
from ipykernel.connect import get_connection_info
connection = json.loads(get_connection_info())
print(json.dumps({
    "transport": connection["transport"],
    "address": connection["ip"],
    "socket_folder_mode": oct(os.stat(os.path.dirname(connection["ip"]) or ".").st_mode & 0o777),
    "gc_enabled": gc.isenabled(),
    "frozen": gc.get_freeze_count(),
    "pid": os.getpid(),
    "session_leader": os.getsid(0) == os.getpid(),
    "parent": os.getppid(),
    "jpy_parent_pid": os.environ.get("JPY_PARENT_PID"),
    "marker": os.environ.get("FORKSERVER_TEST_MARKER"),
    "cwd": os.getcwd(),
    "path": sys.path,
    "project_imported": sorted(m for m in sys.modules if m.split(".")[0] == "jpbudget"),
    "backend": matplotlib.get_backend(),
    "argv_module": sys.argv[0],
    "numpy_random": __import__("numpy").random.random(),
    "environ": dict(os.environ),
}))
"""


KERNELSPEC = {"name": execute.DEFAULT_KERNEL, "display_name": "jpbudget", "language": "python"}


def kernel_argv() -> list[str]:
    return KernelSpecManager().get_kernel_spec(execute.DEFAULT_KERNEL).argv


def probe_notebook(folder: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(PROBE)]
    nb.metadata["kernelspec"] = KERNELSPEC
    path = folder / "probe.ipynb"
    nbformat.write(nb, path)
    return path


def run_probe(folder: Path, forks) -> dict:
    job = execute.KernelJob(env={"FORKSERVER_TEST_MARKER": "m-42"}, forks=forks)
    nb = execute.execute_notebook(probe_notebook(folder), None, job=job)
    return json.loads(nb.cells[0].outputs[0]["text"])


@pytest.fixture(scope="module")
def server():
    with forkserver.ForkServer(kernel_argv()) as forks:
        yield forks


def fake_template() -> tuple[forkserver.ForkServer, socket.socket]:
    """A ForkServer whose template is the test: the other end of its socket."""
    ours, template = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
    forks = object.__new__(forkserver.ForkServer)
    forks._sock, forks._lock, forks._broken = ours, threading.Lock(), None
    return forks, template


def requests_received(template: socket.socket) -> list[dict]:
    """The fork requests waiting on the template's end (their output descriptors closed)."""
    template.setblocking(False)
    found = []
    while True:
        try:
            message, fds, _, _ = socket.recv_fds(template, 1 << 20, 2)
        except BlockingIOError:
            return found
        for fd in fds:
            os.close(fd)
        found.append(json.loads(message))


def test_the_projects_kernel_command_can_be_forked_and_others_cannot():
    assert forkserver.usable(kernel_argv())
    assert not forkserver.usable(["R", "--slave", "-e", "IRkernel::main()", "{connection_file}"])
    assert not forkserver.usable([sys.executable, "-m", "other_kernel", "-f", "x"])
    assert not forkserver.usable([sys.executable, "-c", "pass", "-m", "ipykernel_launcher"])
    assert not forkserver.usable([sys.executable, "ipykernel_launcher", "-f", "x"])
    for flag in ("-I", "-P", "-E", "-S"):  # they change how a process starts: not a fork's
        assert not forkserver.usable([sys.executable, flag, "-m", "ipykernel_launcher", "-f", "x"])


def test_a_forked_kernel_starts_as_a_fresh_kernel_would(server, tmp_path, monkeypatch):
    monkeypatch.setenv(forkserver.FORK_ENV, "off")  # the test session forks kernels otherwise
    fresh = run_probe(tmp_path, None)
    forked = run_probe(tmp_path, server)
    for seen in (fresh, forked):
        # Unix sockets in a private folder, gone with the kernel: no TCP port to lose to
        # another process between jupyter_client's choosing it and the kernel's binding it
        assert (seen["transport"], seen["socket_folder_mode"]) == ("ipc", "0o700")
        assert not Path(seen["address"]).parent.exists()
        assert seen["session_leader"]
        assert seen["marker"] == "m-42"
        assert seen["cwd"] == str(tmp_path)
        assert seen["project_imported"] == []
        assert seen["backend"] == "module://matplotlib_inline.backend_inline"
        assert seen["jpy_parent_pid"] == str(seen["parent"])
    assert forked["path"] == fresh["path"]
    # the same environment, what the preloaded modules set when imported included
    # (ipykernel.debugger: PYDEVD_USE_FRAME_EVAL), but for the parent each names
    assert forked["environ"]["PYDEVD_USE_FRAME_EVAL"] == fresh["environ"]["PYDEVD_USE_FRAME_EVAL"]
    del forked["environ"]["JPY_PARENT_PID"], fresh["environ"]["JPY_PARENT_PID"]
    assert forked["environ"] == fresh["environ"]
    # the cyclic garbage collector runs, and never walks what the template had imported
    assert fresh["gc_enabled"] and forked["gc_enabled"]
    assert fresh["frozen"] == 0 and forked["frozen"] > 100_000
    assert run_probe(tmp_path, server)["numpy_random"] != forked["numpy_random"]  # reseeded
    assert forked["parent"] == server._process.pid  # the template, which ends with the runner
    assert fresh["parent"] == os.getpid()


def test_a_relative_working_folder_is_the_runners_not_the_templates(server, tmp_path, monkeypatch):
    (tmp_path / "sub").mkdir()
    probe_notebook(tmp_path / "sub")
    monkeypatch.chdir(tmp_path)  # the template started in another folder
    nb = execute.execute_notebook(
        Path("sub/probe.ipynb"), None, job=execute.KernelJob(forks=server)
    )
    assert json.loads(nb.cells[0].outputs[0]["text"])["cwd"] == str(tmp_path / "sub")


def test_a_forked_kernels_output_goes_to_the_jobs_log(server, tmp_path):
    log_path = tmp_path / "kernel.log"
    with log_path.open("wb") as log:
        job = execute.KernelJob(log=log, forks=server)
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell("import os; os.write(2, b'to the log\\n')")]
        nb.metadata["kernelspec"] = KERNELSPEC
        nbformat.write(nb, tmp_path / "log.ipynb")
        execute.execute_notebook(tmp_path / "log.ipynb", None, job=job)
    assert "to the log" in log_path.read_text()


def test_a_killed_kernel_is_seen_dead_with_the_signal(server, tmp_path):
    process = server.fork(
        [*kernel_argv()[:-1], str(tmp_path / "none.json")], dict(os.environ), tmp_path
    )
    assert process.poll() is None
    process.kill()
    assert process.wait(timeout=10) == -signal.SIGKILL


def test_kernels_end_when_their_runner_closes_the_template(tmp_path):

    forks = forkserver.ForkServer(kernel_argv())
    pid_file = tmp_path / "pid"
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_code_cell(
            f"import os, time; open({str(pid_file)!r}, 'w').write(str(os.getpid())); time.sleep(60)"
        )
    ]
    nb.metadata["kernelspec"] = KERNELSPEC
    nbformat.write(nb, tmp_path / "sleep.ipynb")
    errors = []

    def execute_it():
        try:
            execute.execute_notebook(
                tmp_path / "sleep.ipynb", None, job=execute.KernelJob(forks=forks)
            )
        except Exception as exc:  # the kernel dies under it
            errors.append(exc)

    thread = threading.Thread(target=execute_it)
    start = time.monotonic()
    thread.start()
    while not (pid_file.exists() and pid_file.read_text()):
        assert time.monotonic() - start < 60, "the kernel never ran its cell"
        time.sleep(0.1)
    forks.close()  # the runner is done (or died): the template goes, and its kernels with it
    thread.join(timeout=45)
    assert not thread.is_alive() and time.monotonic() - start < 50
    assert errors and "died" in str(errors[0]).lower()


def _outputs(nb) -> list:
    """Every cell's outputs, without the times they were made at."""

    def timeless(value):
        if isinstance(value, dict):
            return {k: timeless(v) for k, v in value.items() if k != "generated"}
        if isinstance(value, list):
            return [timeless(v) for v in value]
        return value

    return [timeless(cell.get("outputs", [])) for cell in nb.cells]


def test_a_notebook_gives_the_same_outputs_forked_and_afresh(server, monkeypatch):
    # every page of the shared build (built_site) comes from forked kernels and is checked by
    # the page tests; here one report, in Japanese (fonts, catalogs), both ways, output by output
    notebook = project_root() / "notebooks" / "rapidus_cumulative.ipynb"
    monkeypatch.setenv(forkserver.FORK_ENV, "off")  # the test session forks kernels otherwise
    runs = {}
    for mode, forks in (("afresh", None), ("forked", server)):
        job = execute.KernelJob(forks=forks)
        runs[mode] = execute.execute_notebook(notebook, None, parameters={"lang": "ja"}, job=job)
    assert any("image/svg+xml" in str(o) for o in _outputs(runs["forked"]))
    assert _outputs(runs["forked"]) == _outputs(runs["afresh"])


def test_the_template_can_be_switched_off_or_missing_without_stopping_a_run(monkeypatch):
    monkeypatch.setenv(forkserver.FORK_ENV, "off")
    assert run_module._fork_server(execute.DEFAULT_KERNEL, 2) is None
    monkeypatch.setenv(forkserver.FORK_ENV, "on")
    monkeypatch.setattr(forkserver, "_SHARED", {})  # this process has no template yet
    attempts = []

    def broken(argv):
        attempts.append(argv)
        raise forkserver.ForkServerError("the kernel template exited (status 1)")

    monkeypatch.setattr(forkserver, "ForkServer", broken)
    assert run_module._fork_server(execute.DEFAULT_KERNEL, 2) is None
    assert run_module._fork_server(execute.DEFAULT_KERNEL, 2) is None
    assert len(attempts) == 1  # not tried again by this process


def test_a_kernel_starts_the_ordinary_way_once_the_template_is_gone(tmp_path):
    forks, template = fake_template()
    template.close()  # the template has exited: its end of the socket is closed
    seen = run_probe(tmp_path, forks)
    assert seen["parent"] == os.getpid() and seen["marker"] == "m-42"
    assert "the kernel template is gone" in forks._broken
    forks._sock.close()


@pytest.mark.parametrize(
    ("names", "running", "used"),
    [
        (["chart"], False, None),  # one kernel: started afresh, no template for it
        (["chart"], True, "running"),  # one kernel: the process's template if it has one
        (["chart", "text"], False, "shared"),  # two or more: the process's, started if need be
    ],
)
def test_a_run_forks_from_the_processs_own_template(tmp_path, monkeypatch, names, running, used):
    from runner_project import FIXTURE_REL, make_project

    class Template:
        closed = False

        def close(self):
            self.closed = True

    templates = {"shared": Template(), "running": Template() if running else None}
    monkeypatch.setattr(run_module, "shared", lambda argv: templates["shared"])
    monkeypatch.setattr(run_module, "running", lambda argv: templates["running"])
    given = []
    monkeypatch.setattr(
        run_module, "_execute", lambda todo, ctx, *rest: given.append((len(todo), ctx.forks))
    )
    entries = "".join(f"  - name: {n}\n    notebook: {FIXTURE_REL}/{n}.ipynb\n" for n in names)
    root = make_project(tmp_path, "reports:\n" + entries)
    reports.run_reports(reports.load_manifest(root=root), stream=io.StringIO())
    assert given == [(len(names), templates[used] if used else None)]
    assert not any(t.closed for t in templates.values() if t)  # kept for the next run


class StandIn:
    """A template that ``shared`` starts in a test: alive until told otherwise."""

    def __init__(self):
        self.running, self.closed = True, False

    def alive(self) -> bool:
        return self.running

    def close(self) -> None:
        self.closed = True


@pytest.fixture
def stand_ins(monkeypatch) -> list[StandIn]:
    """The templates ``forkserver.shared`` starts, in a process that has none yet."""
    monkeypatch.setattr(forkserver, "_SHARED", {})
    started: list[StandIn] = []
    monkeypatch.setattr(forkserver, "start", lambda cmd: started.append(StandIn()) or started[-1])
    return started


def test_a_template_that_has_exited_is_replaced(stand_ins):
    argv = kernel_argv()
    first = forkserver.shared(argv)
    first.running = False  # it exited, or failed halfway through a fork
    assert forkserver.running(argv) is None
    second = forkserver.shared(argv)
    assert stand_ins == [first, second] and first.closed and not second.closed


def test_a_template_is_alive_until_it_exits_or_fails():
    forks, template = fake_template()
    forks._process = subprocess.Popen(["sleep", "30"])
    try:
        assert forks.alive()
        forks._broken = "the kernel template failed: a reply that is not JSON"
        assert not forks.alive()
        forks._broken = None
        forks._process.kill()
        forks._process.wait()
        assert not forks.alive()
    finally:
        forks._process.kill()
        forks._process.wait()
        forks._sock.close()
        template.close()


def test_a_template_that_could_not_start_is_not_tried_again(monkeypatch):
    monkeypatch.setattr(forkserver, "_SHARED", {})
    attempts = []
    monkeypatch.setattr(forkserver, "start", lambda cmd: attempts.append(cmd) and None)
    assert forkserver.shared(kernel_argv()) is None and forkserver.shared(kernel_argv()) is None
    assert len(attempts) == 1


def test_a_new_template_is_started_once_packages_change(monkeypatch, stand_ins):
    argv = kernel_argv()
    started = stand_ins
    before = forkserver.shared(argv)
    assert forkserver.shared(argv) is before and forkserver.running(argv) is before
    stamp = forkserver.installed_stamp()
    monkeypatch.setattr(forkserver, "installed_stamp", lambda: (*stamp, 1))  # an install
    assert forkserver.running(argv) is None
    after = forkserver.shared(argv)
    assert started == [before, after] and after is not before
    assert before in forkserver._SHARED.values()  # the old one ends with the process


def test_installing_a_package_changes_the_installed_stamp(tmp_path, monkeypatch):
    site = tmp_path / "site-packages"
    site.mkdir()
    paths = {"purelib": str(site), "platlib": str(site)}
    monkeypatch.setattr(forkserver.sysconfig, "get_paths", lambda: paths)
    os.utime(site, ns=(0, 1))  # last changed long ago
    assert forkserver.installed_stamp() == (1,)
    (site / "newpkg-1.0.dist-info").mkdir()  # what an install adds
    assert forkserver.installed_stamp() != (1,)


def test_a_process_shares_one_template_per_interpreter_unless_switched_off(monkeypatch):
    argv = kernel_argv()
    first = forkserver.shared(argv)
    assert first is not None and forkserver.shared([*argv[:-1], "other.json"]) is first
    monkeypatch.setenv(forkserver.FORK_ENV, "off")
    assert forkserver.shared(argv) is None


def test_this_test_session_forks_the_kernels_it_starts(tmp_path):
    # a kernel started with no template of its own comes from this process's shared one
    seen = run_probe(tmp_path, None)
    assert seen["parent"] == forkserver.shared(kernel_argv())._process.pid


def test_ctrl_c_in_a_terminal_does_not_reach_the_template(server):
    # its own session: a terminal's Ctrl-C goes to the runner, which stops the kernels
    assert os.getsid(server._process.pid) == server._process.pid


def test_a_kernel_handle_can_be_polled_from_several_threads(server, tmp_path):

    process = server.fork([*kernel_argv()[:-1], str(tmp_path / "k.json")], os.environ, tmp_path)
    process.kill()
    seen, errors = [], []

    def poll_many():
        try:
            seen.extend(process.poll() for _ in range(200))
        except Exception as exc:
            errors.append(exc)

    threads = [threading.Thread(target=poll_many) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and process.wait(timeout=10) == -signal.SIGKILL
    assert set(seen) <= {None, -signal.SIGKILL}


def test_a_template_failing_halfway_is_not_used_again_and_starts_no_second_kernel(tmp_path):
    forks, template = fake_template()

    def lost(*args):
        raise OSError("the reply was lost")

    forks._receive = lost  # the request went out: a kernel may have started
    argv = [*kernel_argv()[:-1], str(tmp_path / "k.json")]
    with pytest.raises(forkserver.ForkServerFailed, match="the reply was lost"):
        forks.fork(argv, os.environ, tmp_path)
    with pytest.raises(forkserver.ForkServerError) as refused:  # before sending: fall back
        forks.fork(argv, os.environ, tmp_path)
    assert not isinstance(refused.value, forkserver.ForkServerFailed)
    assert len(requests_received(template)) == 1  # the second kernel was never asked for
    forks._sock.close()
    template.close()


def test_an_ended_kernel_is_never_signalled_by_its_number(server, tmp_path, monkeypatch):
    # the template reaps an ended kernel at once; its number may then be another process's
    process = server.fork(
        [*kernel_argv()[:-1], str(tmp_path / "k.json")], dict(os.environ), tmp_path
    )
    process.kill()
    process.wait(timeout=10)
    sent = []
    monkeypatch.setattr(os, "killpg", lambda *a: sent.append(("killpg", *a)))
    monkeypatch.setattr(os, "kill", lambda *a: sent.append(("kill", *a)))
    process.signal_group(signal.SIGINT)

    class Ended:  # a kernel started afresh that has ended (and was waited for)
        pid = 4242

        def poll(self):
            return 0

    class Manager:
        def __init__(self, process):
            self.provisioner = type("P", (), {"process": process, "pid": 4242, "pgid": 4242})()

    job = execute.KernelJob()
    job.kernels = [Manager(process), Manager(Ended()), Manager(None)]
    job.kill()
    assert sent == []


def test_a_kernel_whose_folder_has_a_matplotlibrc_starts_the_ordinary_way(server, tmp_path):
    (tmp_path / "matplotlibrc").write_text("figure.dpi: 72\n")
    with pytest.raises(forkserver.ForkServerError, match="has a matplotlibrc"):
        server.fork([*kernel_argv()[:-1], str(tmp_path / "k.json")], os.environ, tmp_path)


def test_a_fork_the_template_refuses_starts_the_kernel_the_ordinary_way(tmp_path):
    # the test plays the template: it reads the request and answers that it could not fork
    forks, template = fake_template()
    requests = []

    def answer():
        message, fds, _, _ = socket.recv_fds(template, 1 << 20, 2)
        requests.append(json.loads(message))
        for fd in fds:
            os.close(fd)
        template.send(json.dumps({"error": "fork: Resource temporarily unavailable"}).encode())

    thread = threading.Thread(target=answer)
    thread.start()
    with pytest.raises(forkserver.ForkServerError, match="Resource temporarily") as refused:
        forks.fork([*kernel_argv()[:-1], str(tmp_path / "k.json")], {"A": "1"}, tmp_path)
    thread.join()
    assert not isinstance(refused.value, forkserver.ForkServerFailed)  # none started: fall back
    assert forks._broken is None  # and the template stays in use
    assert requests[0]["env"] == {"A": "1"} and requests[0]["cwd"] == str(tmp_path)
    forks._sock.close()
    template.close()
