"""Temporary copies of the project for the report runner's tests (no test writes into the tree).

A copy holds ``data/`` (plus one extra file), ``uv.lock``, the fixture notebooks of
``tests/fixtures/reports/`` at the same paths, and a manifest as ``reports/reports.yaml``.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from jpbudget import reports

REPO = Path(__file__).resolve().parents[1]
FIXTURES = REPO / "tests" / "fixtures" / "reports"
FIXTURE_REL = "tests/fixtures/reports"
EXTRA_DATA = "extra/notes.txt"  # only the "chart" report (no `data:` key) depends on it


def make_project(base: Path, manifest: str | bytes | None = None) -> Path:
    root = base / "project"
    shutil.copytree(REPO / "data", root / "data")
    (root / "data" / "extra").mkdir()
    (root / "data" / EXTRA_DATA).write_text("first version\n", encoding="utf-8")
    shutil.copy2(REPO / "uv.lock", root / "uv.lock")
    shutil.copy2(REPO / ".gitignore", root / ".gitignore")
    shutil.copytree(FIXTURES, root / FIXTURE_REL)
    (root / "reports").mkdir()
    text = manifest if manifest is not None else (FIXTURES / "reports.yaml").read_text()
    path = root / "reports" / "reports.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return root


def copy_project(root: Path, base: Path) -> Path:
    """A copy of an already built project (its reports included): cheap, no kernel."""
    dest = base / "copy"
    shutil.copytree(root, dest, symlinks=True)
    return dest


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
