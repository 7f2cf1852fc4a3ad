"""End-to-end tests of the report runner on a temporary copy of the project.

The copy holds ``data/`` (plus one extra file), ``uv.lock``, the fixture notebooks of
``tests/fixtures/reports/`` at the same paths, and the fixture manifest as
``reports/reports.yaml``. The package itself is the installed one (editable, from lib/).
Kernels are the expensive part: the whole module starts about eight.
"""

from __future__ import annotations

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
from jpbudget.fx import ExplicitRate
from jpbudget.provenance import git_state, provenance, provenance_markdown

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "reports"
FIXTURE_REL = "tests/fixtures/reports"
EXTRA_DATA = "extra/notes.txt"  # only the "chart" report (no `data:` key) depends on it


def make_project(base: Path, manifest: str | None = None) -> Path:
    root = base / "project"
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "extra").mkdir()
    (root / "data" / EXTRA_DATA).write_text("first version\n", encoding="utf-8")
    shutil.copy2(REPO / "uv.lock", root / "uv.lock")
    shutil.copytree(FIXTURES, root / FIXTURE_REL)
    (root / "reports").mkdir()
    text = manifest if manifest is not None else (FIXTURES / "reports.yaml").read_text()
    (root / "reports" / "reports.yaml").write_text(text, encoding="utf-8")
    return root


def run(root: Path, *args: str, capsys=None) -> tuple[int, str]:
    code = reports.main(["reports", "--root", str(root), "--jobs", "2", *args])
    out = ""
    if capsys is not None:
        captured = capsys.readouterr()
        out = captured.out + captured.err
    return code, out


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (the lock file aside) with its bytes."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != ".lock"
    }


def built_names(out: str) -> list[str]:
    return sorted(re.findall(r"\] ([\w.-]+): built in", out))


def set_manifest(root: Path, old: str, new: str) -> None:
    path = root / "reports" / "reports.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


@pytest.fixture(scope="module", autouse=True)
def library(tmp_path_factory):
    """Fingerprint a frozen copy of the library: others edit lib/ while the tests run."""
    frozen = tmp_path_factory.mktemp("lib") / "jpbudget"
    shutil.copytree(reports.library_dir(), frozen, ignore=shutil.ignore_patterns("__pycache__"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(reports.fingerprint, "library_dir", lambda: frozen)
        yield frozen


@pytest.fixture(scope="module")
def project(tmp_path_factory, library):
    root = make_project(tmp_path_factory.mktemp("reports"))
    code = reports.main(["reports", "--root", str(root), "--jobs", "2"])
    assert code == 0
    return root


# ---------------------------------------------------------------------------------------------
# Manifest validation: nothing runs, the line is named


def test_manifest_errors_name_the_line(tmp_path, capsys):
    manifest = f"""reports:
  - name: chart
    notebook: {FIXTURE_REL}/chart.ipynb
  - name: chart
    notebook: {FIXTURE_REL}/chart.ipynb
  - name: ghost
    notebook: notebooks/ghost.ipynb
  - name: typo
    notebook: {FIXTURE_REL}/text.ipynb
    parameters:
      n: 4
      colour: red
"""
    root = make_project(tmp_path, manifest)
    with pytest.raises(reports.ManifestError) as info:
        reports.load_manifest(root=root)
    problems = info.value.problems
    assert len(problems) == 3
    assert problems[0].startswith("reports/reports.yaml:4: duplicate report name 'chart'")
    assert "first defined at line 2" in problems[0]
    assert problems[1].startswith("reports/reports.yaml:7: report 'ghost': unknown notebook")
    assert problems[2].startswith("reports/reports.yaml:12: report 'typo': parameter 'colour'")
    assert "declared: n, seconds, pid_file" in problems[2]

    code, out = run(root, capsys=capsys)
    assert code == 2
    assert "reports/reports.yaml:12" in out
    assert sorted(p.name for p in (root / "reports").iterdir()) == ["reports.yaml"]


def test_manifest_shape_errors(tmp_path):
    root = make_project(
        tmp_path, "reports:\n  - name: index\n    notebook: x.ipynb\n    colour: 1\n"
    )
    with pytest.raises(reports.ManifestError) as info:
        reports.load_manifest(root=root)
    text = str(info.value)
    assert "reports/reports.yaml:4: unknown key 'colour'" in text
    assert "reports/reports.yaml:2: report 'index': 'name' must be" in text


def test_only_unknown_report_is_an_error(project, capsys):
    code, out = run(project, "--only", "nope", capsys=capsys)
    assert code == 2
    assert "--only 'nope': no such report" in out


def test_declared_parameters():
    assert reports.declared_parameters(FIXTURES / "chart.ipynb") == {
        "title": "Fixture chart",
        "scale": 1.0,
        "fx": "announcement",
    }


# ---------------------------------------------------------------------------------------------
# A full run, its outputs


def test_full_run_creates_every_file(project):
    out = project / "reports"
    for name in ("chart", "chart-big", "text"):
        assert (out / f"{name}.ipynb").is_file()
        assert (out / f"{name}.html").is_file()
    for name in ("chart", "chart-big"):
        assert (out / "figures" / name / "figure-1.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        assert b"<svg" in (out / "figures" / name / "figure-1.svg").read_bytes()
    assert not list((out / "figures" / "text").iterdir())
    assert (out / "index.html").is_file()
    assert not (out / "failed").exists()
    assert not list(out.glob(".tmp-*"))
    meta = json.loads((out / "chart-big.ipynb").read_text())["metadata"]["jpbudget"]
    assert meta["parameters"] == {"scale": 2.5, "title": "Big chart"}
    assert set(meta["fingerprint"]) == {"notebook", "parameters", "library", "data", "lock"}
    assert meta["figures"] == ["figure-1.png", "figure-1.svg"]


def test_parameters_reach_the_kernel_and_root_is_the_copy(project):
    nb = json.loads((project / "reports" / "text.ipynb").read_text())
    printed = "".join("".join(o.get("text", "")) for c in nb["cells"] for o in c.get("outputs", []))
    assert "sum of range(10) = 45" in printed
    chart = (project / "reports" / "chart.html").read_text()
    data_files = sum(1 for p in (project / "data").rglob("*") if p.is_file())
    assert f"Fixture chart: scale 1.0, {data_files} data files" in chart


def test_html_hides_code_and_embeds_images(project):
    page = (project / "reports" / "chart.html").read_text()
    assert "SOURCE-MARKER" not in page  # no input cell
    assert "show_provenance(" not in page
    assert 'class="jp-InputArea-editor' not in page and "highlight hl-ipython" not in page
    images = re.findall(r'<img [^>]*src="([^"]+)"', page)
    assert images and all(src.startswith("data:image/png;base64,") for src in images)
    assert "Fixture chart: scale 1.0" in page  # printed text is kept


def test_provenance_is_visible_and_in_metadata(project):
    page = (project / "reports" / "chart-big.html").read_text()
    assert "Provenance of this report" in page
    assert "¥375.00 per US$" in page and "jpbudget" in page
    nb = json.loads((project / "reports" / "chart-big.ipynb").read_text())
    found = [
        o["metadata"]["jpbudget"]["provenance"]
        for c in nb["cells"]
        for o in c.get("outputs", [])
        if "jpbudget" in o.get("metadata", {})
    ]
    assert len(found) == 1
    prov = found[0]
    assert prov["parameters"] == {"title": "Big chart", "scale": 2.5, "fx": "announcement"}
    assert prov["exchange_rate"]["jpy_per_usd"] == 375.0
    assert len(prov["data_checksum"]) == 64
    assert prov["git_commit"] == "unknown"  # the temporary copy is not a git checkout
    index = (project / "reports" / "index.html").read_text()
    assert "fx = &#x27;announcement&#x27;: ¥375.00 per US$" in index


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
# Incremental rebuilds (these run in order on the shared project)


def test_second_run_rebuilds_nothing(project, capsys):
    before = snapshot(project / "reports")
    code, out = run(project, "--dry-run", capsys=capsys)
    assert code == 0
    assert out.splitlines() == [
        "chart: skip (up to date)",
        "chart-big: skip (up to date)",
        "text: skip (up to date)",
    ]
    code, out = run(project, capsys=capsys)
    assert code == 0
    assert built_names(out) == []
    assert "reports: 3 up to date" in out
    assert snapshot(project / "reports") == before  # index included: it depends on state only


def test_changing_a_data_file_rebuilds_only_the_reports_that_use_it(project, capsys):
    (project / "data" / EXTRA_DATA).write_text("second version\n", encoding="utf-8")
    code, out = run(project, "--dry-run", capsys=capsys)
    assert "chart: would run (data changed)" in out
    assert "chart-big: skip (up to date)" in out  # depends on data/raw/* only
    before = snapshot(project / "reports")
    code, out = run(project, capsys=capsys)
    assert code == 0
    assert built_names(out) == ["chart"]
    after = snapshot(project / "reports")
    assert after["chart-big.html"] == before["chart-big.html"]
    assert after["chart.ipynb"] != before["chart.ipynb"]


def test_changing_one_parameter_rebuilds_only_that_report(project, capsys):
    set_manifest(project, "n: 10", "n: 11")
    code, out = run(project, "--dry-run", capsys=capsys)
    assert "text: would run (parameters changed)" in out
    code, out = run(project, capsys=capsys)
    assert code == 0
    assert built_names(out) == ["text"]
    assert "sum of range(11) = 55" in (project / "reports" / "text.html").read_text()


def test_bad_parameter_fails_and_keeps_the_previous_good_report(project, capsys):
    out_dir = project / "reports"
    good = {
        k: v
        for k, v in snapshot(out_dir).items()
        if k.startswith(("chart-big.", "figures/chart-big/"))
    }
    assert len(good) == 4
    set_manifest(project, "scale: 2.5", "scale: -1")
    set_manifest(project, "n: 11", "n: 12")  # another report to build in the same run
    code, out = run(project, capsys=capsys)
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
    for href in index_links(project):
        assert (out_dir / href).exists(), href

    # it keeps failing while the parameter is bad
    code, out = run(project, capsys=capsys)
    assert code == 1
    # once the parameter is fixed the good report is current again: nothing to run
    set_manifest(project, "scale: -1", "scale: 2.5")
    code, out = run(project, capsys=capsys)
    assert code == 0
    assert built_names(out) == []
    assert not (out_dir / "failed" / "chart-big.ipynb").exists()
    assert "failed" not in (out_dir / "index.html").read_text().split("<tbody>")[1]


def test_changing_the_library_or_lock_marks_every_report(project, library, capsys):
    source = library / "paths.py"
    original = source.read_bytes()
    source.write_bytes(original + b"\n# edited\n")
    try:
        _, out = run(project, "--dry-run", capsys=capsys)
    finally:
        source.write_bytes(original)
    assert out.count("would run (library changed)") == 3
    lock = project / "uv.lock"
    original = lock.read_bytes()
    lock.write_bytes(original + b"\n")
    try:
        _, out = run(project, "--dry-run", "--only", "text", capsys=capsys)
    finally:
        lock.write_bytes(original)
    assert out == "text: would run (lock changed)\n"
    _, out = run(project, "--dry-run", capsys=capsys)
    assert out.count("(up to date)") == 3


def test_force_rebuilds_everything(project, capsys):
    code, out = run(project, "--force", "--only", "text", capsys=capsys)
    assert code == 0
    assert built_names(out) == ["text"]
    assert "(forced)" in out


# ---------------------------------------------------------------------------------------------
# CLI odds and ends, provenance helpers


def test_list(project, capsys):
    code, out = run(project, "--list", capsys=capsys)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"chart\t{FIXTURE_REL}/chart.ipynb\t(defaults)"
    assert lines[2] == f"text\t{FIXTURE_REL}/text.ipynb\tn=12"


def test_main_requires_the_subcommand(capsys):
    assert reports.main([]) == 2
    assert reports.main(["frobnicate"]) == 2
    assert "unknown subcommand" in capsys.readouterr().err


def test_provenance_helpers(tmp_path):
    info = provenance({"fx": 150.0, "years": (2024, 2025)}, rate=ExplicitRate(150.0))
    assert info["parameters"] == {"fx": 150.0, "years": [2024, 2025]}
    assert info["exchange_rate"]["description"].startswith("¥150.00 per US$")
    json.dumps(info)
    assert git_state(tmp_path) == ("unknown", None)
    commit, dirty = git_state(REPO)
    assert re.fullmatch(r"[0-9a-f]{40}", commit) and isinstance(dirty, bool)
    md = provenance_markdown(info)
    assert "| Exchange rate | ¥150.00 per US$" in md
    assert "not applicable (explicit rate)" in md


# ---------------------------------------------------------------------------------------------
# Ctrl-C


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie is dead, just not reaped


def test_ctrl_c_stops_cleanly(tmp_path):
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
    proc.send_signal(signal.SIGINT)
    output, _ = proc.communicate(timeout=60)
    assert proc.returncode == 130, output
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
