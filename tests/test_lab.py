"""The project works in JupyterLab: a real ``jupyter lab`` server, its REST API and a kernel.

The server is the one ``make lab`` starts: its command is read from ``make -n lab`` (so a change
to the Makefile, such as turning token authentication off, is what is tested) and run from the
project folder as make runs it, with only a free loopback port added. Its token is the one the
server generated itself, read from its runtime file. Configuration, data and runtime folders are
in a temporary directory so that nothing from ``~/.jupyter`` leaks in. The kernel is created the
way JupyterLab creates it when a notebook is opened (``POST /api/sessions`` with the notebook's
path, so it runs in ``notebooks/``), and every code cell of ``notebooks/allocation_shares.ipynb``
is sent over the kernel's websocket as a Jupyter-protocol ``execute_request``.

HTTP uses only the standard library; the websocket uses ``websocket-client``. Every wait is
bounded, and teardown shuts the kernels down, stops the server and checks that none of its
processes is left behind. The server is module-scoped, so run in parallel (pytest-xdist) the
module needs ``--dist loadscope`` (as ``make test`` uses) to start it once.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid
from datetime import UTC, datetime
from pathlib import Path

import nbformat
import pytest
import websocket

REPO = Path(__file__).resolve().parents[1]
NOTEBOOK = "notebooks/allocation_shares.ipynb"
KERNEL_NAME = "jpbudget"
START_TIMEOUT = 60  # seconds for the server to answer /api/status
CELL_TIMEOUT = 120  # seconds for one execute_request to finish
HTTP_TIMEOUT = 30


# -- helpers -------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def lab_command() -> list[str]:
    """The command ``make lab`` runs, as ``make -n lab`` prints it (relative paths as in make)."""
    try:
        printed = subprocess.run(
            ["make", "-n", "--no-print-directory", "lab"],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError) as error:
        pytest.fail(f"could not read the command of `make lab` with `make -n lab`: {error}")
    commands = [shlex.split(line) for line in printed.replace("\\\n", " ").splitlines()]
    labs = [c for c in commands if len(c) > 1 and Path(c[0]).name == "jupyter" and c[1] == "lab"]
    assert len(labs) == 1, f"expected one `jupyter lab` command in `make -n lab`:\n{printed}"
    return labs[0]


def _descendants(pid: int) -> set[int]:
    """Process ids below ``pid`` (Linux ``/proc``; empty where there is none)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, ValueError, IndexError):
            # the command name (field 2) may hold spaces: split after its closing parenthesis
            fields = stat.read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    stat = Path(f"/proc/{pid}/stat")
    with contextlib.suppress(OSError, IndexError):  # a zombie has exited
        return stat.read_text().rsplit(")", 1)[1].split()[0] != "Z"
    return True


class Server:
    """A running ``jupyter lab`` server and a small client for its REST API."""

    def __init__(self, process: subprocess.Popen, port: int, token: str, log: Path):
        self.process = process
        self.port = port
        self.token = token
        self.log = log
        self.base = f"http://127.0.0.1:{port}"

    def log_tail(self) -> str:
        return log_tail(self.log)

    def request(
        self, method: str, path: str, body: object = None, token: str | None = "default"
    ) -> tuple[int, object]:
        """``(status, decoded JSON or None)``; ``token=None`` sends no credentials at all."""
        token = self.token if token == "default" else token
        headers = {"Content-Type": "application/json"}
        if token is not None:
            headers["Authorization"] = f"token {token}"
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(self.base + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(req, timeout=HTTP_TIMEOUT) as response:
                status, raw = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, raw = error.code, error.read()
        try:
            return status, json.loads(raw) if raw else None
        except ValueError:
            return status, None

    def api(self, method: str, path: str, body: object = None) -> object:
        status, payload = self.request(method, path, body)
        assert 200 <= status < 300, f"{method} {path} -> {status}: {payload}\n{self.log_tail()}"
        return payload


def log_tail(log: Path) -> str:
    return log.read_text(errors="replace")[-4000:]


def _token(runtime: Path, port: int, process: subprocess.Popen) -> str | None:
    """The token the server wrote into its ``jpserver-<pid>.json`` runtime file, if there yet."""
    with contextlib.suppress(OSError, ValueError):
        info = json.loads((runtime / f"jpserver-{process.pid}.json").read_text())
        if info.get("port") == port:
            return info.get("token", "")
    return None


def _start(state: Path) -> Server | None:
    """Start ``make lab``'s server on a free port; ``None`` if another process took the port."""
    port = _free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("JPBUDGET_ROOT", "JUPYTER_TOKEN")}
    for name in ("config", "data", "runtime", "ipython"):
        (state / name).mkdir(parents=True, exist_ok=True)
    env |= {
        "JUPYTER_CONFIG_DIR": str(state / "config"),
        "JUPYTER_DATA_DIR": str(state / "data"),
        "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
        "IPYTHONDIR": str(state / "ipython"),
        "PYDEVD_DISABLE_FILE_VALIDATION": "1",
    }
    log = state / f"server-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [*lab_command(), f"--ServerApp.port={port}", "--ServerApp.port_retries=0"],
            cwd=REPO,  # as make runs it (Jupyter also reads configuration from its cwd)
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    server = Server(process, port, "", log)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            if "already in use" in log.read_text(errors="replace"):
                return None
            pytest.fail(f"jupyter lab exited with code {process.returncode}:\n{log_tail(log)}")
        token = _token(state / "runtime", port, process)
        if token is not None:
            server.token = token
            with contextlib.suppress(OSError):
                if server.request("GET", "/api/status")[0] == 200:
                    return server
        time.sleep(0.25)
    _stop(server)
    pytest.fail(f"jupyter lab did not answer /api/status in {START_TIMEOUT} s:\n{log_tail(log)}")


def _stop(server: Server) -> list[int]:
    """Shut down sessions and kernels, stop the server; return the processes left running."""
    below = _descendants(server.process.pid)
    if server.process.poll() is None:
        with contextlib.suppress(OSError, AssertionError, TypeError):
            for session in server.api("GET", "/api/sessions"):
                server.request("DELETE", f"/api/sessions/{session['id']}")
            for kernel in server.api("GET", "/api/kernels"):
                server.request("DELETE", f"/api/kernels/{kernel['id']}")
        server.process.send_signal(signal.SIGTERM)
        try:
            server.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(server.process.pid, signal.SIGKILL)
            server.process.wait(timeout=10)
    deadline = time.monotonic() + 10
    left = [pid for pid in below if _alive(pid)]
    while left and time.monotonic() < deadline:
        time.sleep(0.2)
        left = [pid for pid in left if _alive(pid)]
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left


# -- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    state = tmp_path_factory.mktemp("jupyter")
    running = None
    for _attempt in range(3):  # another process may grab the free port before the server binds it
        running = _start(state)
        if running is not None:
            break
    if running is None:
        logs = "\n".join(log_tail(p) for p in sorted(state.glob("server-*.log")))
        pytest.fail(f"jupyter lab found its port taken three times:\n{logs}")
    yield running
    left = _stop(running)
    assert not left, f"processes of the server still running after shutdown: {left}"
    shutil.rmtree(state, ignore_errors=True)


@pytest.fixture(scope="module")
def session(server):
    """The session JupyterLab creates when the notebook is opened with the jpbudget kernel."""
    created = server.api(
        "POST",
        "/api/sessions",
        {
            "path": NOTEBOOK,
            "name": Path(NOTEBOOK).name,
            "type": "notebook",
            "kernel": {"name": KERNEL_NAME},
        },
    )
    yield created
    server.request("DELETE", f"/api/sessions/{created['id']}")


@pytest.fixture(scope="module")
def kernel(server, session):
    """A websocket client on the session's kernel channels."""
    return KernelClient(server, session["kernel"]["id"])


class KernelClient:
    """Sends execute_requests over ``/api/kernels/<id>/channels`` and gathers their replies."""

    def __init__(self, server: Server, kernel_id: str):
        self.server = server
        self.kernel_id = kernel_id
        self.session_id = uuid.uuid4().hex

    def url(self, token: str | None) -> str:
        query = "" if token is None else f"?token={token}"
        return f"ws://127.0.0.1:{self.server.port}/api/kernels/{self.kernel_id}/channels{query}"

    def execute(self, code: str, timeout: float = CELL_TIMEOUT) -> dict:
        """Run ``code``; return its iopub messages, its execute_reply and its stdout."""
        msg_id = uuid.uuid4().hex
        message = {
            "header": {
                "msg_id": msg_id,
                "username": "test_lab",
                "session": self.session_id,
                "msg_type": "execute_request",
                "version": "5.3",
                "date": datetime.now(UTC).isoformat(),
            },
            "parent_header": {},
            "metadata": {},
            "content": {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            "channel": "shell",
        }
        deadline = time.monotonic() + timeout
        ws = websocket.create_connection(self.url(self.server.token), timeout=HTTP_TIMEOUT)
        iopub, reply, idle = [], None, False
        try:
            ws.send(json.dumps(message))
            while reply is None or not idle:
                remaining = deadline - time.monotonic()
                frame = None
                if remaining > 0:
                    ws.settimeout(remaining)
                    with contextlib.suppress(websocket.WebSocketTimeoutException):
                        frame = ws.recv()
                if frame is None:
                    pytest.fail(
                        f"no execute_reply and idle status within {timeout} s for:\n{code}\n"
                        f"iopub so far: {iopub}\n{self.server.log_tail()}"
                    )
                if not isinstance(frame, str):
                    continue  # binary frames carry buffers (comms), none of ours
                msg = json.loads(frame)
                if msg.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                if msg["channel"] == "iopub":
                    iopub.append(msg)
                    if msg["msg_type"] == "status":
                        idle = msg["content"]["execution_state"] == "idle"
                elif msg["channel"] == "shell" and msg["msg_type"] == "execute_reply":
                    reply = msg
        finally:
            ws.close()
        errors = [m["content"] for m in iopub if m["msg_type"] == "error"]
        assert not errors, f"error running:\n{code}\n\n" + "\n".join(
            "\n".join(e["traceback"]) for e in errors
        )
        assert reply["content"]["status"] == "ok", f"{code}\n{reply['content']}"
        stdout = "".join(
            m["content"]["text"]
            for m in iopub
            if m["msg_type"] == "stream" and m["content"]["name"] == "stdout"
        )
        return {"iopub": iopub, "reply": reply, "stdout": stdout}


# -- tests ---------------------------------------------------------------------------------------


def test_make_lab_runs_with_a_generated_token(server):
    assert len(server.token) >= 32, f"`make lab` runs without a token: {lab_command()}"


@pytest.mark.parametrize("path", ["/api/kernels", "/api/contents", "/api/sessions"])
def test_the_api_refuses_requests_without_the_token(server, path):
    assert server.request("GET", path, token=None)[0] in (401, 403)


@pytest.mark.parametrize("path", ["/api/kernels", "/api/contents", "/api/sessions"])
def test_the_api_refuses_requests_with_a_wrong_token(server, path):
    wrong = secrets.token_hex(24)
    assert server.request("GET", path, token=wrong)[0] in (401, 403)
    status, _ = server.request("GET", f"{path}?token={wrong}", token=None)
    assert status in (401, 403)


def test_the_api_answers_with_the_token(server):
    status, listing = server.request("GET", "/api/contents/notebooks")
    assert status == 200
    assert Path(NOTEBOOK).name in {item["name"] for item in listing["content"]}


def test_no_kernel_can_be_started_without_the_token(server):
    before = server.api("GET", "/api/kernels")
    status, _ = server.request("POST", "/api/kernels", {"name": KERNEL_NAME}, token=None)
    assert status in (401, 403)
    assert server.api("GET", "/api/kernels") == before


def test_the_jpbudget_kernelspec_is_listed(server):
    specs = server.api("GET", "/api/kernelspecs")
    assert specs["default"] == KERNEL_NAME  # make lab's default kernel
    assert KERNEL_NAME in specs["kernelspecs"]
    spec = specs["kernelspecs"][KERNEL_NAME]["spec"]
    assert spec["language"] == "python"
    assert Path(spec["argv"][0]).parent == Path(sys.executable).parent  # the project's venv


def test_the_kernel_websocket_refuses_connections_without_the_token(kernel):
    for token in (None, secrets.token_hex(24)):
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(kernel.url(token), timeout=HTTP_TIMEOUT).close()
        assert refused.value.status_code in (401, 403)


def _displayed(outputs: list[dict]) -> list[tuple[str, ...]]:
    """The MIME types of each display_data / execute_result output, in order."""
    return [
        tuple(sorted(o["data"]))
        for o in outputs
        if o["output_type"] in ("display_data", "execute_result")
    ]


def test_allocation_shares_runs_cell_by_cell_as_the_committed_notebook_shows(kernel):
    notebook = nbformat.read(REPO / NOTEBOOK, as_version=4)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    assert len(code_cells) >= 2
    for number, cell in enumerate(code_cells, 1):
        ran = kernel.execute(cell.source)
        stored = "".join(
            output["text"]
            for output in cell.outputs
            if output["output_type"] == "stream" and output["name"] == "stdout"
        )
        assert ran["stdout"] == stored, f"code cell {number} printed something else"
        outputs = [{"output_type": m["msg_type"], **m["content"]} for m in ran["iopub"]]
        assert _displayed(outputs) == _displayed(cell.outputs), f"code cell {number} displays"


def test_the_kernel_runs_in_the_notebook_folder_and_finds_the_projects_data(kernel):
    ran = kernel.execute(
        "import os, jpbudget.paths\nprint(os.getcwd())\nprint(jpbudget.paths.data_dir())"
    )
    cwd, data = ran["stdout"].splitlines()
    assert Path(cwd) == REPO / "notebooks"
    assert Path(data) == REPO / "data"
    assert (Path(data) / "datapackage.json").is_file()


def test_the_kernel_belongs_to_the_server_and_uses_the_jpbudget_kernelspec(server, session):
    kernels = {k["id"]: k for k in server.api("GET", "/api/kernels")}
    assert kernels[session["kernel"]["id"]]["name"] == KERNEL_NAME
    assert session["path"] == NOTEBOOK
