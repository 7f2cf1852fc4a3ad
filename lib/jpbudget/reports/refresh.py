"""Re-execute the committed notebooks in place (``make notebooks`` = ``jpbudget notebooks``).

Each notebook of ``notebooks/`` is executed top to bottom with its default parameters, exactly as
a report is (:func:`jpbudget.reports.execute.execute_notebook`: the same kernel, working folder
and figure formats), and written back with its outputs but without execution timings, papermill
metadata or other volatile fields, so that nbval compares real outputs and diffs stay readable.
A notebook that fails is reported and left untouched on disk.

>>> clean_metadata({"metadata": {"papermill": {}, "kernelspec": {"name": "jpbudget"}},
...                 "cells": [{"metadata": {"execution": {}, "tags": ["parameters"]}}]})
{'metadata': {'kernelspec': {'name': 'jpbudget'}}, 'cells': [{'metadata': {'tags': ['parameters']}}]}
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any, TextIO

from ..paths import project_root
from .execute import DEFAULT_KERNEL, _describe_error, execute_notebook
from .layout import write_atomic

__all__ = ["clean_metadata", "notebook_paths", "refresh", "refresh_notebook"]

VOLATILE_NOTEBOOK_KEYS = ("papermill", "widgets", "jpbudget")
VOLATILE_CELL_KEYS = ("execution", "papermill", "collapsed", "scrolled")


def notebook_paths() -> list[Path]:
    """The project's notebooks, in name order."""
    return sorted((project_root() / "notebooks").glob("*.ipynb"))


def clean_metadata(nb: Any) -> Any:
    """Drop volatile notebook and cell metadata (timings, papermill state); keep tags."""
    for key in VOLATILE_NOTEBOOK_KEYS:
        nb["metadata"].pop(key, None)
    info = nb["metadata"].get("language_info")
    if info:
        nb["metadata"]["language_info"] = {"name": info.get("name", "python")}
    for cell in nb["cells"]:
        for key in VOLATILE_CELL_KEYS:
            cell["metadata"].pop(key, None)
    return nb


def refresh_notebook(
    path: Path, *, kernel: str = DEFAULT_KERNEL, timeout: int | None = 600
) -> None:
    """Execute ``path`` with its defaults and write it back atomically (only on success)."""
    import nbformat

    nb = execute_notebook(path, None, kernel=kernel, timeout=timeout)
    clean_metadata(nb)
    write_atomic(path, nbformat.writes(nb).rstrip("\n") + "\n")  # as nbformat.write ends it


def refresh(paths: Iterable[Path], *, out: TextIO, err: TextIO, **options: Any) -> list[Path]:
    """Refresh every notebook of ``paths``, reporting each; return the ones that failed."""
    failed = []
    for path in paths:
        try:
            refresh_notebook(path.resolve(), **options)
        except Exception as exc:  # report every notebook, then fail
            failed.append(path)
            print(f"FAILED {path}: {_describe_error(exc)[0]}", file=err)
        else:
            print(f"executed {path}", file=out)
    return failed
