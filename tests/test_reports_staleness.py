"""A report is stale when what writes its page changes: the page templates and presentation code
(every report), or the message catalog of its language (that language's reports only).

In-process, on the real manifest: the fingerprints are compared, no notebook runs. The library
is a temporary copy, so a test can change a template or a catalog without touching lib/.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from jpbudget import reports
from jpbudget.reports.fingerprint import Inputs
from jpbudget.reports.manifest import load_manifest

ROOT = Path(reports.library_dir()).parents[1]


@pytest.fixture
def library(tmp_path, monkeypatch):
    copy = tmp_path / "jpbudget"
    shutil.copytree(reports.library_dir(), copy, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(reports.fingerprint, "library_dir", lambda: copy)
    return copy


@pytest.fixture(scope="module")
def manifest():
    return load_manifest(ROOT / "reports" / "reports.yaml", root=ROOT)


def _prints(manifest) -> dict[str, dict[str, str]]:
    inputs = Inputs(manifest.root)
    return {r.name: inputs.fingerprint(r) for r in manifest.select(None)}


def _changed(before: dict, after: dict) -> dict[str, list[str]]:
    return {
        name: sorted(k for k in before[name] if before[name][k] != after[name][k])
        for name in before
        if before[name] != after[name]
    }


def test_the_manifest_builds_every_report_in_english_and_japanese(manifest):
    names = [r.name for r in manifest.select(None)]
    english = [n for n in names if not n.endswith(".ja")]
    assert sorted(f"{n}.ja" for n in english) == sorted(n for n in names if n.endswith(".ja"))


def test_a_changed_page_template_makes_every_report_stale_and_only_for_that(library, manifest):
    before = _prints(manifest)
    template = library / "reports" / "templates" / "jpbudget_report" / "index.html.j2"
    template.write_text(template.read_text(encoding="utf-8") + "\n{#- changed -#}\n", "utf-8")
    changed = _changed(before, _prints(manifest))
    assert set(changed) == set(before) and set(map(tuple, changed.values())) == {("page",)}


def test_a_changed_japanese_catalog_makes_only_the_japanese_reports_stale(library, manifest):
    before = _prints(manifest)
    catalog = library / "locale" / "ja" / "LC_MESSAGES" / "jpbudget.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + "\n", "utf-8")
    changed = _changed(before, _prints(manifest))
    assert sorted(changed) == sorted(n for n in before if n.endswith(".ja"))
    assert set(map(tuple, changed.values())) == {("messages",)}


def test_english_reports_do_not_depend_on_any_catalog(manifest):
    prints = _prints(manifest)
    assert {p["messages"] for n, p in prints.items() if not n.endswith(".ja")} == {"none"}


def test_a_changed_runner_command_line_makes_no_report_stale(library, manifest):
    before = _prints(manifest)
    cli = library / "reports" / "cli.py"
    cli.write_text(cli.read_text(encoding="utf-8") + "\n# changed\n", "utf-8")
    assert _changed(before, _prints(manifest)) == {}
