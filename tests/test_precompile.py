"""tools/precompile.py: what `make setup` compiles, and how the list of folders is recorded."""

from __future__ import annotations

import importlib.util
import sys

import pytest
from jpbudget.paths import project_root

sys.path.insert(0, str(project_root() / "tools"))  # importable by name: its workers unpickle it
import precompile


@pytest.fixture
def site(tmp_path):
    """A site-packages with a top-level module, a package and a subpackage."""
    (tmp_path / "top.py").write_text("X = 1\n")
    (tmp_path / "pkg" / "sub").mkdir(parents=True)
    (tmp_path / "pkg" / "__init__.py").write_text("")
    (tmp_path / "pkg" / "a.py").write_text("A = 'a'\n")
    (tmp_path / "pkg" / "data.txt").write_text("not python\n")
    (tmp_path / "pkg" / "sub" / "b.py").write_text("B = 'b'\n")
    return tmp_path


def test_a_listed_folder_gives_its_own_modules_not_its_subfolders(site):
    found = precompile.sources(site, ["pkg"])
    assert found == [str(site / "pkg" / "__init__.py"), str(site / "pkg" / "a.py")]


def test_a_listed_folder_that_no_longer_exists_is_skipped(site):
    assert precompile.sources(site, ["gone", ".", "pkg/sub"]) == [
        str(site / "top.py"),
        str(site / "pkg" / "sub" / "b.py"),
    ]


@pytest.mark.parametrize("workers", [1, 2])
def test_compiled_files_are_the_pyc_import_reads(site, workers):
    paths = precompile.sources(site, [".", "pkg", "pkg/sub"])
    assert precompile.compile_all(paths, workers)
    for path in paths:
        assert (site / importlib.util.cache_from_source(path)).is_file(), path


def test_without_a_process_pool_the_files_are_compiled_here(site, monkeypatch):
    def no_pool(*args, **kwargs):
        raise OSError(38, "Function not implemented")  # sem_open in some sandboxes

    monkeypatch.setattr(precompile, "ProcessPoolExecutor", no_pool)
    paths = precompile.sources(site, ["pkg"])
    assert precompile.compile_all(paths, 2)
    assert all((site / importlib.util.cache_from_source(p)).is_file() for p in paths)


def test_a_file_that_does_not_compile_is_reported(site):
    (site / "pkg" / "broken.py").write_text("def (:\n")
    assert not precompile.compile_all(precompile.sources(site, ["pkg"]), 2)


def test_recorded_folders_are_those_with_a_pyc_of_this_python_site_packages_aside(site):
    precompile.compile_all([str(site / "top.py"), str(site / "pkg" / "sub" / "b.py")], 1)
    other = site / "pkg" / "__pycache__"
    other.mkdir()
    (other / "a.cpython-27.pyc").write_bytes(b"")  # another Python's
    assert sys.implementation.cache_tag != "cpython-27"
    assert precompile.recorded_folders(site) == ["pkg/sub"]


def test_the_committed_list_names_folders_only():
    folders = precompile.listed_folders()
    assert len(folders) > 100
    assert "pandas/core" in folders and "matplotlib" in folders
    assert all(not f.startswith(("/", ".")) and not f.endswith(".py") for f in folders)
    assert folders == sorted(set(folders))


def test_own_only_compiles_site_packages_own_modules_and_no_listed_folder(site, monkeypatch):
    monkeypatch.setattr(precompile, "site_packages", lambda: site)
    monkeypatch.setattr(precompile, "listed_folders", lambda: ["pkg"])
    assert precompile.main(["--own-only"]) == 0
    assert (site / importlib.util.cache_from_source("top.py")).is_file()
    assert not (site / "pkg" / "__pycache__").exists()
    assert precompile.main([]) == 0
    assert (site / "pkg" / importlib.util.cache_from_source("a.py")).is_file()
