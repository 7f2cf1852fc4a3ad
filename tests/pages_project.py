"""Temporary copies of the project, built with ``jpbudget reports``, for the page tests.

``make_project`` copies ``data/``, ``uv.lock``, the notebooks and a manifest into a folder;
``build`` runs the report runner on it (two kernels at once) and returns the ``reports/`` folder.
The package itself is the installed one (editable, from lib/).
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

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
