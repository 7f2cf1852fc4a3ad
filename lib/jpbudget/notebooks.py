"""Re-execute the committed notebooks in place, keeping only stable content in git.

``make notebooks`` runs ``python -m jpbudget.notebooks``: each notebook in ``notebooks/`` is
executed top to bottom with its default parameters on the ``jpbudget`` kernel, from its own
folder (as nbval runs it), and written back with its outputs but without execution timings,
papermill metadata or other volatile fields, so nbval compares real outputs and diffs stay
readable. A notebook that fails is reported and left untouched on disk.

>>> clean_metadata({"metadata": {"papermill": {}, "kernelspec": {"name": "jpbudget"}},
...                 "cells": [{"metadata": {"execution": {}, "tags": ["parameters"]}}]})
{'metadata': {'kernelspec': {'name': 'jpbudget'}}, 'cells': [{'metadata': {'tags': ['parameters']}}]}
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from .paths import project_root
from .reports import DEFAULT_KERNEL, write_atomic

__all__ = ["KERNEL", "clean_metadata", "execute_in_place", "notebook_paths"]

KERNEL = DEFAULT_KERNEL
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


def execute_in_place(path: Path, *, timeout: int = 600) -> None:
    """Execute ``path`` with its defaults and write it back atomically (only on success)."""
    import nbformat
    from nbclient import NotebookClient

    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(
        nb,
        kernel_name=KERNEL,
        timeout=timeout,
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    client.execute()
    clean_metadata(nb)
    write_atomic(path, nbformat.writes(nb).rstrip("\n") + "\n")  # as nbformat.write ends it


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m jpbudget.notebooks [NOTEBOOK ...]`` (default: all)."""
    parser = argparse.ArgumentParser(description="Re-execute notebooks in place.")
    parser.add_argument("notebooks", nargs="*", type=Path)
    args = parser.parse_args(argv)
    failed = []
    for path in args.notebooks or notebook_paths():
        try:
            execute_in_place(path.resolve())
            print(f"executed {path}")
        except Exception as exc:  # report every notebook, then fail
            failed.append(path)
            print(f"FAILED {path}: {type(exc).__name__}: {exc}".splitlines()[0], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
