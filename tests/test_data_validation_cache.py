"""The record of passed validations (jpbudget.data.validation_cache): a new process may skip
Frictionless only for the very bytes of data and code that passed before.

Each test works on its own copy of ``data/`` with its own cache folder. "A new process" is
simulated by clearing the per-process cache (``package._CACHE``), as ``test_data.py`` does.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from jpbudget import data
from jpbudget.data import package, validation_cache
from jpbudget.paths import data_dir

DATA = data_dir()
PACKAGE_DIR = Path(data.__file__).resolve().parents[1]
#: The FY2025 chips & AI row: 3328億円 stored as 332800000000.
ROW = "2025,initial-draft,METI,chips-ai,meti-total,3328億円,332800000000,"


@pytest.fixture
def copy(tmp_path, monkeypatch) -> Path:
    """A copy of ``data/`` and an empty cache folder of its own; no validation cached."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("JPBUDGET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(package, "_CACHE", {})
    monkeypatch.setattr(package, "_REFUSED", {})
    return folder


def new_process() -> None:
    package._CACHE.clear()


def records() -> list[str]:
    folder = validation_cache.cache_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def described_files() -> list[str]:
    return ["datapackage.json", *package.resource_paths(package.read_descriptor(DATA))]


def test_a_pass_is_recorded_and_a_new_process_skips_frictionless(copy, monkeypatch):
    data.validate(copy)
    assert len(records()) == 1
    new_process()

    def must_not_run(*args):
        raise AssertionError("validated again although these bytes passed before")

    monkeypatch.setattr(package, "_frictionless_problems", must_not_run)
    monkeypatch.setattr(package, "_snapshot_problems", must_not_run)
    data.validate(copy)
    assert int(data.load("budget-lines", data_dir=copy)["amount_jpy"].sum()) > 0


def test_a_changed_byte_is_validated_again_even_with_the_same_size_and_time(copy):
    data.validate(copy)
    new_process()
    lines = copy / "budget-lines.csv"
    stat = lines.stat()
    text = lines.read_text(encoding="utf-8")
    assert text.count(ROW) == 1
    # one digit off: 332800000001 yen against its text 3328億円, the same length
    lines.write_text(text.replace(ROW, ROW.replace("332800000000", "332800000001")), "utf-8")
    os.utime(lines, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert lines.stat().st_size == stat.st_size and lines.stat().st_mtime_ns == stat.st_mtime_ns
    with pytest.raises(data.DataValidationError) as caught:
        data.validate(copy)
    assert "budget-lines.csv" in str(caught.value) and "amount_jpy" in str(caught.value)


def test_a_failure_is_never_recorded(copy):
    lines = copy / "budget-lines.csv"
    text = lines.read_text(encoding="utf-8")
    lines.write_text(text.replace(ROW, ROW.replace("332800000000", "332800000001")), "utf-8")
    for _ in range(2):  # found afresh each time, with its message
        with pytest.raises(data.DataValidationError, match="amount_jpy"):
            data.validate(copy)
        new_process()
    assert records() == []


@pytest.mark.parametrize("name", described_files())
def test_the_key_changes_with_any_byte_of_the_descriptor_or_a_described_file(copy, name):
    paths = package.resource_paths(package.read_descriptor(copy))
    before = validation_cache.key(copy, paths)
    path = copy / name
    payload = bytearray(path.read_bytes())
    payload[len(payload) // 2] ^= 0x01
    path.write_bytes(bytes(payload))
    assert validation_cache.key(copy, paths) not in (before, None)


def test_the_key_does_not_depend_on_where_the_folder_is(copy):
    paths = package.resource_paths(package.read_descriptor(DATA))
    assert validation_cache.key(copy, paths) == validation_cache.key(DATA, paths)


def test_the_key_changes_with_any_module_of_the_validating_code(copy, tmp_path):
    code = tmp_path / "jpbudget"
    shutil.copytree(PACKAGE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    paths = package.resource_paths(package.read_descriptor(copy))
    before = validation_cache.key(copy, paths, package_dir=code)
    assert before == validation_cache.key(copy, paths, package_dir=PACKAGE_DIR)
    seen = {before}
    for module in ("data/checks.py", "data/references.py", "yen/__init__.py"):
        source = code / module
        source.write_bytes(source.read_bytes() + b"\n# changed\n")
        seen.add(validation_cache.key(copy, paths, package_dir=code))
    assert len(seen) == 4


def test_an_unreadable_file_gives_no_key_and_validation_names_it(copy):
    paths = package.resource_paths(package.read_descriptor(copy))
    (copy / "gdp.csv").unlink()
    assert validation_cache.key(copy, paths) is None
    with pytest.raises(data.DataValidationError, match="gdp"):
        data.validate(copy)
    assert records() == []


def test_off_records_nothing(copy, monkeypatch, tmp_path):
    monkeypatch.setenv("JPBUDGET_CACHE_DIR", "off")
    assert validation_cache.cache_dir() is None
    data.validate(copy)
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_is_not_an_error(copy, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("JPBUDGET_CACHE_DIR", str(blocker))
    data.validate(copy)
    new_process()
    data.validate(copy)  # validated in full again, still fine


def _counting_frictionless(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    real = package._frictionless_problems

    def counted(folder, described):
        calls.append(folder)
        return real(folder, described)

    monkeypatch.setattr(package, "_frictionless_problems", counted)
    return calls


def test_a_refused_folder_is_refused_again_with_the_same_problems_without_revalidating(
    copy, monkeypatch
):
    calls = _counting_frictionless(monkeypatch)
    (copy / "budget-lines.csv").write_text(
        (copy / "budget-lines.csv")
        .read_text(encoding="utf-8")
        .replace(ROW, ROW.replace("332800000000", "x")),
        encoding="utf-8",
    )
    with pytest.raises(data.DataValidationError) as first:
        data.validate(copy)
    with pytest.raises(data.DataValidationError) as again:
        data.load("budget-lines", data_dir=copy)
    assert again.value.problems == first.value.problems and len(first.value.problems) > 0
    assert calls == [copy]


def test_a_refused_folder_changed_in_any_byte_is_validated_again(copy, monkeypatch):
    calls = _counting_frictionless(monkeypatch)
    path = copy / "budget-lines.csv"
    good = path.read_bytes()
    path.write_bytes(good.replace(ROW.encode(), ROW.replace("332800000000", "x").encode()))
    with pytest.raises(data.DataValidationError):
        data.validate(copy)
    path.write_bytes(good)
    data.validate(copy)
    assert calls == [copy, copy]
