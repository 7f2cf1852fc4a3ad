"""End-to-end tests of the report runner, with kernels, on temporary copies of the project.

One project is built once per module (``project``, a git checkout with one commit) and only
read; a test that changes anything works on its own copy (``copy_project``), so the tests run
in any order and in parallel. The package itself is the installed one (editable, from lib/);
its fingerprint is taken from a frozen copy, since others may edit lib/ while the tests run.
"""

from __future__ import annotations

import errno
import html
import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from html.parser import HTMLParser
from pathlib import Path

import pytest
from jpbudget import reports
from runner_project import (
    EXTRA_DATA,
    FIXTURE_REL,
    built_names,
    copy_project,
    make_project,
    run,
    set_manifest,
    snapshot,
)

GIT = ["git", "-c", "user.name=test", "-c", "user.email=test@example.org"]


def git_commit(root: Path) -> str:
    subprocess.run([*GIT, "init", "-q", str(root)], check=True)
    subprocess.run([*GIT, "-C", str(root), "add", "-A"], check=True)
    subprocess.run([*GIT, "-C", str(root), "commit", "-qm", "fixture"], check=True)
    return subprocess.run(
        ["git", "-C", str(root), "rev-parse", "HEAD"], capture_output=True, text=True, check=True
    ).stdout.strip()


@pytest.fixture(scope="module", autouse=True)
def library(tmp_path_factory):
    """Fingerprint a frozen copy of the library: others edit lib/ while the tests run."""
    frozen = tmp_path_factory.mktemp("lib") / "jpbudget"
    shutil.copytree(reports.library_dir(), frozen, ignore=shutil.ignore_patterns("__pycache__"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reports.fingerprint, "library_dir", lambda: frozen)
        yield frozen


@pytest.fixture(scope="module")
def built(tmp_path_factory, library):
    """The fixture project as a clean git checkout, built once: ``(root, commit)``."""
    root = make_project(tmp_path_factory.mktemp("reports"))
    commit = git_commit(root)
    code = reports.main(["reports", "--root", str(root), "--jobs", "2"])
    assert code == 0
    return root, commit


@pytest.fixture(scope="module")
def project(built):
    return built[0]


@pytest.fixture
def own(project, tmp_path):
    """A copy of the built project for a test that changes it."""
    return copy_project(project, tmp_path)


def about_of(nb_path: Path) -> dict:
    nb = json.loads(nb_path.read_text())
    found = [
        o["metadata"]["jpbudget"]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if o.get("metadata", {}).get("jpbudget", {}).get("role") == "about"
    ]
    assert len(found) == 1
    return found[0]


# ---------------------------------------------------------------------------------------------
# A full run, its outputs


def test_full_run_creates_every_file(project):
    out = project / "reports"
    for name in ("chart", "chart-big", "text"):
        assert (out / f"{name}.ipynb").is_file()
        assert (out / f"{name}.html").is_file()
    for name in ("chart", "chart-big"):
        assert (out / "figures" / name / "bars.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (out / "figures" / name / "bars.svg").read_bytes()
        assert (out / "figures" / name / "bars.csv").read_text().startswith("bar,value,source\n")
    assert not list((out / "figures" / "text").iterdir())
    assert (out / "index.html").is_file()
    assert not (out / "failed").exists()
    assert not list(out.glob(".tmp-*"))
    meta = json.loads((out / "chart-big.ipynb").read_text())["metadata"]["jpbudget"]
    assert meta["parameters"] == {"scale": 2.5, "title": "Big chart"}
    assert set(meta["fingerprint"]) == set(reports.fingerprint.FINGERPRINT_PARTS)
    assert meta["figures"] == ["bars.csv", "bars.png", "bars.svg"]


def test_parameters_reach_the_kernel_and_root_is_the_copy(project):
    assert "sum of range(10) = 45" in (project / "reports" / "text.html").read_text()
    chart = (project / "reports" / "chart.html").read_text()
    data_files = sum(1 for p in (project / "data").rglob("*") if p.is_file())
    assert f"Fixture chart: scale 1.0, {data_files} data files" in chart


def test_html_hides_code_and_logs_and_links_its_figures(project):
    page = (project / "reports" / "chart.html").read_text()
    assert "SOURCE-MARKER" not in page  # no input cell
    assert "provenance.show(" not in page
    assert "a log line" not in page  # stream output is not for readers
    images = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert images
    for src in images:
        assert (project / "reports" / src).is_file(), src


def test_a_report_from_a_clean_checkout_names_its_commit(built):
    project, commit = built
    about = about_of(project / "reports" / "chart-big.ipynb")
    assert about["commit"] == commit
    assert about["report"] == "chart-big"
    assert about["parameters"] == {"title": "Big chart", "scale": 2.5, "fx": "announcement"}
    assert about["exchange_rates"] == (
        "Dollar figures: ¥375.00 per US$: explicit rate given as a parameter."
    )
    assert re.fullmatch(r"[0-9a-f]{64}", about["data_checksum"])
    page = (project / "reports" / "chart-big.html").read_text()
    assert "About this report" in page
    assert f"Commit: <code>{commit}</code>" in page
    assert "jpbudget reports --only chart-big" in page
    assert page.count("¥375.00 per US$") == 1  # the exchange-rate sentence once
    index = (project / "reports" / "index.html").read_text()
    assert "Dollar figures: ¥375.00 per US$: explicit rate given as a parameter." in index


def test_a_report_from_uncommitted_changes_says_so(own, capsys):
    (own / "data" / EXTRA_DATA).write_text("changed, not committed\n", encoding="utf-8")
    code, out = run(own, "--only", "chart", capsys=capsys)
    assert code == 0 and built_names(out) == ["chart"]
    assert about_of(own / "reports" / "chart.ipynb")["commit"] == "uncommitted"
    assert (
        "Commit: none: built from a checkout with uncommitted changes"
        in (own / "reports" / "chart.html").read_text()
    )


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self.hrefs += [v for k, v in attrs if k == "href"]


def index_links(root: Path) -> list[str]:
    parser = _Links()
    parser.feed((root / "reports" / "index.html").read_text())
    return parser.hrefs


def test_every_index_link_resolves(project):
    hrefs = index_links(project)
    for name in ("chart", "chart-big", "text"):
        assert f"{name}.html" in hrefs and f"{name}.ipynb" in hrefs
    for href in hrefs:
        assert not href.startswith(("http:", "https:", "/")), href
        assert (project / "reports" / href).exists(), href


# ---------------------------------------------------------------------------------------------
# Incremental rebuilds, each on its own copy


def test_second_run_rebuilds_nothing(own, capsys):
    before = snapshot(own / "reports")
    code, out = run(own, "--dry-run", capsys=capsys)
    assert code == 0
    assert out.splitlines() == [
        "chart: skip (up to date)",
        "chart-big: skip (up to date)",
        "text: skip (up to date)",
    ]
    code, out = run(own, capsys=capsys)
    assert code == 0
    assert built_names(out) == []
    assert "reports: 3 up to date" in out
    assert snapshot(own / "reports") == before  # index included: it depends on state only


def test_changing_a_data_file_rebuilds_only_the_reports_that_use_it(own, capsys):
    (own / "data" / EXTRA_DATA).write_text("second version\n", encoding="utf-8")
    code, out = run(own, "--dry-run", capsys=capsys)
    assert "chart: would run (data changed)" in out
    assert "chart-big: skip (up to date)" in out  # depends on data/raw/* only
    before = snapshot(own / "reports")
    code, out = run(own, capsys=capsys)
    assert code == 0
    assert built_names(out) == ["chart"]
    after = snapshot(own / "reports")
    assert after["chart-big.html"] == before["chart-big.html"]
    assert after["chart.ipynb"] != before["chart.ipynb"]


def test_changing_one_parameter_rebuilds_only_that_report(own, capsys):
    set_manifest(own, "n: 10", "n: 11")
    code, out = run(own, "--dry-run", capsys=capsys)
    assert "text: would run (parameters changed)" in out
    code, out = run(own, capsys=capsys)
    assert code == 0
    assert built_names(out) == ["text"]
    assert "sum of range(11) = 55" in (own / "reports" / "text.html").read_text()


def test_bad_parameter_fails_and_keeps_the_previous_good_report(own, capsys):
    out_dir = own / "reports"
    good = {
        k: v
        for k, v in snapshot(out_dir).items()
        if k.startswith(("chart-big.", "figures/chart-big/"))
    }
    assert len(good) == 5  # page, notebook, the chart's PNG, SVG and CSV
    set_manifest(own, "scale: 2.5", "scale: -1")
    set_manifest(own, "n: 10", "n: 12")  # another report to build in the same run
    code, out = run(own, capsys=capsys)
    assert code == 1
    assert built_names(out) == ["text"]  # the other report finished
    summary = out[out.index("report(s) failed") :]
    assert "chart-big: cell In [" in summary
    assert "ValueError: parameter scale: -1 is not a positive number" in summary
    assert "reports/failed/chart-big.ipynb" in summary
    now = snapshot(out_dir)
    for path, payload in good.items():
        assert now[path] == payload, f"{path} changed"
    failed = json.loads((out_dir / "failed" / "chart-big.ipynb").read_text())
    assert "papermill-error-cell-tag" in failed["cells"][0]["metadata"]["tags"]
    assert failed["metadata"]["jpbudget"]["error"]["ename"] == "ValueError"
    assert not list(out_dir.glob(".tmp-*"))
    index = (out_dir / "index.html").read_text()
    assert "failed: ValueError: parameter scale: -1" in index
    assert "previous good report kept" in index
    for href in index_links(own):
        assert (out_dir / href).exists(), href

    # once the parameter is fixed the good report is current again: nothing to run
    set_manifest(own, "scale: -1", "scale: 2.5")
    code, out = run(own, capsys=capsys)
    assert code == 0
    assert built_names(out) == []
    assert not (out_dir / "failed" / "chart-big.ipynb").exists()
    assert "failed" not in (out_dir / "index.html").read_text().split("<tbody>")[1]


def test_a_library_change_marks_only_the_reports_importing_it(own, library, capsys):
    source = library / "paths.py"
    original = source.read_bytes()
    source.write_bytes(original + b"\n# edited\n")
    try:
        _, out = run(own, "--dry-run", capsys=capsys)
    finally:
        source.write_bytes(original)
    assert out.splitlines() == [
        "chart: would run (library changed)",
        "chart-big: would run (library changed)",
        "text: skip (up to date)",  # imports nothing from jpbudget
    ]


def test_the_runner_help_text_marks_no_report_stale(own, library, capsys):
    source = library / "reports" / "cli.py"
    original = source.read_bytes()
    source.write_bytes(original.replace(b"rebuild even if up to date", b"rebuild anyway"))
    try:
        _, out = run(own, "--dry-run", capsys=capsys)
    finally:
        source.write_bytes(original)
    assert out.count("(up to date)") == 3


def test_a_lock_change_marks_every_report(own, capsys):
    (own / "uv.lock").write_bytes((own / "uv.lock").read_bytes() + b"\n")
    _, out = run(own, "--dry-run", capsys=capsys)
    assert out.count("would run (lock changed)") == 3


def test_force_rebuilds(own, capsys):
    code, out = run(own, "--force", "--only", "text", capsys=capsys)
    assert code == 0
    assert built_names(out) == ["text"]
    assert "(forced)" in out


# ---------------------------------------------------------------------------------------------
# Faults: each a clear message, no good report damaged


def _papermill_write_fills_the_disk(monkeypatch):
    """papermill's write of the executed notebook leaves an empty file, then ENOSPC."""
    from papermill.iorw import LocalHandler

    real = LocalHandler.write

    def write(self, buf, path):
        if Path(path).name == "chart.ipynb":
            Path(path).write_bytes(b"")
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), path)
        return real(self, buf, path)

    monkeypatch.setattr(LocalHandler, "write", write)


def _page_write_fills_the_disk(monkeypatch):
    """The staged HTML page of ``chart`` cannot be written: ENOSPC."""
    real_text, real_bytes = Path.write_text, Path.write_bytes

    def refuse(path):
        if path.name == "chart.html" and path.parent.name.startswith(".tmp-chart-"):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    def write_text(self, *args, **kwargs):
        refuse(self)
        return real_text(self, *args, **kwargs)

    def write_bytes(self, *args, **kwargs):
        refuse(self)
        return real_bytes(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", write_text)
    monkeypatch.setattr(Path, "write_bytes", write_bytes)


@pytest.mark.parametrize("fault", [_papermill_write_fills_the_disk, _page_write_fills_the_disk])
def test_a_full_disk_fails_that_report_only(own, capsys, monkeypatch, fault):
    before = snapshot(own / "reports")
    (own / "data" / EXTRA_DATA).write_text("second version\n", encoding="utf-8")  # chart stale
    set_manifest(own, "n: 10", "n: 11")  # text stale
    fault(monkeypatch)
    code, out = run(own, capsys=capsys)
    assert code == 1
    assert built_names(out) == ["text"]
    (line,) = [ln for ln in out.splitlines() if ln.startswith("  chart: ")]
    assert re.fullmatch(
        r"  chart: cannot write \S+chart\.(ipynb|html): No space left on device", line
    )
    after = snapshot(own / "reports")
    for path in ("chart.html", "chart.ipynb", "figures/chart/bars.png"):
        assert after[path] == before[path], f"{path} changed"
    assert not list((own / "reports").glob(".tmp-*"))


KERNELS_THAT_NEVER_ANSWER = {
    # exits at once, as a kernel that cannot bind its sockets does
    "dies": (
        [sys.executable, "-c", "raise SystemExit('no kernel here')", "{connection_file}"],
        "RuntimeError: Kernel died before replying to kernel_info | kernel log: no kernel here",
    ),
    # cannot start: its interpreter is gone (a checkout moved after `make setup`)
    "missing": (
        ["/nonexistent/venv/bin/python", "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "FileNotFoundError: [Errno 2] No such file or directory: '/nonexistent/venv/bin/python'",
    ),
}


@pytest.mark.parametrize("kernel", sorted(KERNELS_THAT_NEVER_ANSWER))
def test_a_kernel_that_never_answers_fails_its_reports_by_name(
    own, capsys, monkeypatch, tmp_path, kernel
):
    argv, error = KERNELS_THAT_NEVER_ANSWER[kernel]
    spec = own / "jupyter" / "kernels" / kernel
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(
        json.dumps({"argv": argv, "display_name": kernel, "language": "python"}), "utf-8"
    )
    monkeypatch.setenv("JUPYTER_PATH", str(own / "jupyter"))
    (own / "reports" / "reports.yaml").write_text(
        (own / "reports" / "reports.yaml").read_text(encoding="utf-8") + f"kernel: {kernel}\n",
        "utf-8",
    )
    sockets = tmp_path / "sockets"  # where the kernels' socket folders go (tempfile's folder)
    sockets.mkdir()
    monkeypatch.setattr("tempfile.tempdir", str(sockets))
    code, out = run(own, "--force", capsys=capsys)
    assert code == 1
    for name in ("chart", "chart-big", "text"):
        (line,) = [ln for ln in out.splitlines() if ln.startswith(f"  {name}: ")]
        kept = f"the failed run's notebook kept at reports/failed/{name}.ipynb"
        assert line == f"  {name}: {error}; {kept}", out
        failed = json.loads((own / "reports" / "failed" / f"{name}.ipynb").read_text())
        assert failed["metadata"]["jpbudget"]["status"] == "failed"
        # the report's notebook, without the outputs of another run, opening with the error
        assert failed["cells"][0]["cell_type"] == "raw"
        assert "".join(failed["cells"][0]["source"]) == (
            f"This run failed before its first cell: {error}"
        )
        assert all(not c.get("outputs") for c in failed["cells"] if c["cell_type"] == "code")
    index = html.unescape((own / "reports" / "index.html").read_text(encoding="utf-8"))
    assert index.count(f"failed: {error.split(' | ')[0]}") == 3
    assert list(sockets.iterdir()) == []  # no kernel's socket folder or connection file


def test_an_output_the_page_cannot_show_fails_that_report_only(own, capsys):
    set_manifest(own, "title: Big chart", "title: Big chart\n      copies: 2")
    set_manifest(own, "n: 10", "n: 11")
    before = snapshot(own / "reports")
    code, out = run(own, capsys=capsys)
    assert code == 1
    assert built_names(out) == ["text"]
    assert (
        "  chart-big: cannot build the page: report 'chart-big', cell 6: chart name 'bars' is "
        "already used in cell 6" in out
    )
    failed = json.loads((own / "reports" / "failed" / "chart-big.ipynb").read_text())
    assert failed["metadata"]["jpbudget"]["status"] == "failed"
    assert snapshot(own / "reports")["chart-big.html"] == before["chart-big.html"]


def test_a_full_disk_at_the_index_keeps_the_reports_and_says_so(own, capsys, monkeypatch):
    index = own / "reports" / "index.html"
    before = index.read_bytes()
    set_manifest(own, "n: 10", "n: 11")

    def full(path, data):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(path))

    monkeypatch.setattr(reports.index, "write_atomic", full)
    code, out = run(own, capsys=capsys)
    assert code == 1
    assert built_names(out) == ["text"]
    assert f"the index was not rewritten: cannot write {index}: No space left on device" in out
    assert index.read_bytes() == before


@pytest.fixture
def read_only(own):
    """``own/reports`` made read-only: by its mode, or (as root) by a read-only bind mount."""
    folder = own / "reports"
    if os.geteuid() != 0:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)
        return
    mount = subprocess.run(["mount", "--bind", str(folder), str(folder)], capture_output=True)
    if mount.returncode != 0:
        pytest.skip(f"running as root and cannot bind-mount: {mount.stderr.decode().strip()}")
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(folder)], check=True)
        yield folder
    finally:
        subprocess.run(["umount", str(folder)], check=True)


def test_a_read_only_reports_folder_is_a_clear_error(own, read_only, capsys):
    (own / "data" / EXTRA_DATA).write_text("second version\n", encoding="utf-8")
    code, out = run(own, capsys=capsys)
    assert code == 2
    assert out.startswith(f"jpbudget reports: cannot write to the reports folder {read_only}: ")
    assert "Traceback" not in out


# ---------------------------------------------------------------------------------------------
# Ctrl-C and SIGTERM


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie is dead, just not reaped


@pytest.mark.parametrize(("signum", "code"), [(signal.SIGINT, 130), (signal.SIGTERM, 143)])
def test_a_signal_stops_cleanly_and_rewrites_the_index(tmp_path, signum, code):
    pid_file = tmp_path / "kernel.pid"
    manifest = f"""reports:
  - name: slow
    notebook: {FIXTURE_REL}/text.ipynb
    parameters:
      seconds: 120
      pid_file: {pid_file}
"""
    root = make_project(tmp_path, manifest)
    before = snapshot(root / "reports")
    script = Path(sys.executable).with_name("jpbudget")
    proc = subprocess.Popen(
        [str(script), "reports", "--root", str(root)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={k: v for k, v in os.environ.items() if k != "JPBUDGET_ROOT"},
    )
    deadline = time.monotonic() + 90
    while not pid_file.exists() or not pid_file.read_text():
        assert proc.poll() is None, proc.communicate()[0]
        assert time.monotonic() < deadline, "the kernel never started"
        time.sleep(0.2)
    kernel_pid = int(pid_file.read_text())
    assert _alive(kernel_pid)
    proc.send_signal(signum)
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == code, output
    assert "interrupted" in output
    for _ in range(50):
        if not _alive(kernel_pid):
            break
        time.sleep(0.1)
    assert not _alive(kernel_pid), "orphaned kernel"
    after = snapshot(root / "reports")
    assert set(after) - set(before) == {"index.html"}  # no partial report files
    assert not list((root / "reports").glob(".tmp-*"))
    assert "not built" in after["index.html"].decode()


def test_a_signal_whose_exception_is_lost_still_stops_the_run(tmp_path, monkeypatch):
    # A handler's exception is lost when it lands in a finalizer the garbage collector runs on
    # the main thread; the run then still sees the signal it recorded, at its next wait.
    import threading

    from jpbudget.reports import run as run_module

    assert threading.current_thread() is threading.main_thread()  # where handlers go
    monkeypatch.setattr(
        run_module._Signals,
        "handler",
        lambda self, signum, frame: setattr(self, "received", signum),
    )
    pid_file = tmp_path / "kernel.pid"
    root = make_project(
        tmp_path,
        f"""reports:
  - name: slow
    notebook: {FIXTURE_REL}/text.ipynb
    parameters:
      seconds: 120
      pid_file: {pid_file}
""",
    )

    def send_when_running() -> None:
        deadline = time.monotonic() + 90
        while (not pid_file.exists() or not pid_file.read_text()) and time.monotonic() < deadline:
            time.sleep(0.1)
        os.kill(os.getpid(), signal.SIGTERM)

    sender = threading.Thread(target=send_when_running)
    sender.start()
    start = time.monotonic()
    result = reports.run_reports(reports.load_manifest(root=root), stream=io.StringIO())
    sender.join()
    assert result.interrupted and result.signum == signal.SIGTERM
    assert time.monotonic() - start < 60, "the run waited for the two-minute cell"
    assert [o.status for o in result.outcomes] == [reports.Status.INTERRUPTED]


# ---------------------------------------------------------------------------------------------
# make notebooks: the same execution, written back in place


def test_make_notebooks_executes_like_a_report_and_keeps_only_stable_metadata(tmp_path, capsys):
    root = make_project(tmp_path)
    notebook = root / FIXTURE_REL / "chart.ipynb"
    code = reports.main(["notebooks", str(notebook)])
    assert code == 0 and f"executed {notebook}" in capsys.readouterr().out
    nb = json.loads(notebook.read_text())
    assert not {"papermill", "jpbudget"} & set(nb["metadata"])
    assert not any({"execution", "papermill"} & set(c["metadata"]) for c in nb["cells"])
    outputs = [o for c in nb["cells"] for o in c.get("outputs", [])]
    about = [o for o in outputs if o.get("metadata", {}).get("jpbudget", {}).get("role") == "about"]
    assert "Commit: not recorded" in "".join(about[0]["data"]["text/markdown"])
    assert notebook.read_text().endswith("}\n")


def test_make_notebooks_leaves_a_failing_notebook_untouched(tmp_path, capsys):
    root = make_project(tmp_path)
    notebook = root / FIXTURE_REL / "text.ipynb"
    text = notebook.read_text().replace('"n = 3\\n"', '"n = -1\\n"')
    notebook.write_text(text)
    code = reports.main(["notebooks", str(notebook)])
    assert code == 1
    assert "ValueError: parameter n: -1 is not a non-negative integer" in capsys.readouterr().err
    assert notebook.read_text() == text
