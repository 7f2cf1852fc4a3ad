"""Temporary copies of the project, built with ``jpbudget reports``, for the page tests.

``make_project`` copies ``data/``, ``uv.lock``, the notebooks and a manifest into a folder;
``build`` runs the report runner on it (two kernels at once) and returns the ``reports/`` folder.
``shared_build`` builds a project once per test session for every pytest-xdist worker (the
``built_site`` and ``fixture_site`` fixtures of conftest.py). The package itself is the
installed one (editable, from lib/).
"""

from __future__ import annotations

import io
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock
from jpbudget import reports

REPO = Path(__file__).resolve().parents[1]
FIXTURE_REL = "tests/fixtures/pages"
FIXTURES = REPO / FIXTURE_REL


def make_project(base: Path, manifest: Path, folders: tuple[str, ...]) -> Path:
    """A copy of the project under ``base``: data, lock, ``folders`` and ``manifest``."""
    root = base / "project"
    shutil.copytree(REPO / "data", root / "data")
    shutil.copy2(REPO / "uv.lock", root / "uv.lock")
    for folder in folders:
        shutil.copytree(REPO / folder, root / folder)
    (root / "reports").mkdir()
    shutil.copy2(manifest, root / "reports" / "reports.yaml")
    return root


def fixture_project(base: Path) -> Path:
    """The contract fixture notebook and its variant (tests/fixtures/pages/reports.yaml)."""
    return make_project(base, FIXTURES / "reports.yaml", (FIXTURE_REL,))


def real_project(base: Path) -> Path:
    """Every report of the project's own manifest."""
    return make_project(base, REPO / "reports" / "reports.yaml", ("notebooks",))


def build(root: Path) -> Path:
    """Run ``jpbudget reports`` on ``root``; fail with the runner's log if any report failed."""
    manifest = reports.load_manifest(root=root)
    log = io.StringIO()
    result = reports.run_reports(manifest, jobs=2, stream=log)
    assert not result.failed and not result.interrupted, log.getvalue()
    return root / "reports"


#: Next to a shared build's project: the runner's log (what :func:`shared_log` returns).
SHARED_LOG = "build.log"


def shared_build(tmp_path_factory, name: str, make: Callable[[Path], Path]) -> Path:
    """The root of project ``name``, made by ``make`` and built once per test session.

    The build lives in the session's base temporary folder, which pytest-xdist's workers share
    (each worker's own base is a subfolder of it): under a file lock, the first worker to ask
    builds while the others wait, then reuse it. A report that fails leaves its page out (the
    runner puts it under ``reports/failed/``) and the other tests still read the others; a test
    of the build (``test_built_site.py``) fails naming it, with the runner's log
    (:func:`shared_log`). A run that could not happen at all is recorded, so that every worker
    fails with its message instead of building again. The project is only read afterwards: a
    test that changes files works on its own copy.
    """
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent
    folder = base / f"shared-{name}"
    with FileLock(str(base / f"shared-{name}.lock")):
        built, broken = folder / "BUILT", folder / "BROKEN"
        if broken.is_file():
            pytest.fail(f"the shared build {name!r} could not run:\n{broken.read_text()}")
        if not built.is_file():
            if folder.exists():  # an interrupted attempt
                shutil.rmtree(folder)
            folder.mkdir()
            log = io.StringIO()
            try:
                root = make(folder)
                result = reports.run_reports(reports.load_manifest(root=root), jobs=3, stream=log)
                assert not result.interrupted, log.getvalue()
            except BaseException as exc:
                broken.write_text(f"{exc!r}\n{log.getvalue()}", encoding="utf-8")
                raise
            finally:
                (folder / SHARED_LOG).write_text(log.getvalue(), encoding="utf-8")
            built.write_text("", encoding="utf-8")
    return folder / "project"


def shared_log(root: Path) -> str:
    """The runner's log of the shared build whose project is ``root``."""
    return (root.parent / SHARED_LOG).read_text(encoding="utf-8")
