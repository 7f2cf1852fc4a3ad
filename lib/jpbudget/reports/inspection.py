"""What a notebook declares: the parameters of its cell tagged ``parameters``.

Read by papermill's own :func:`papermill.inspect_notebook` (the parser papermill uses when it
injects parameters), so the runner and papermill agree on what a notebook accepts. Read once per
content: the landing page asks for every report's notebook each time it is written.
"""

from __future__ import annotations

import ast
import copy
import functools
from pathlib import Path
from typing import Any


class NotebookInspectionError(ValueError):
    """A notebook cannot be read or inspected; the message names the file."""


def declared_parameters(notebook: Path) -> dict[str, Any] | None:
    """The parameters ``notebook`` declares, name -> default; None without a parameters cell.

    A default is its Python value when it is a literal (``2025``, ``"announcement"``,
    ``["meti-total"]``), else the source text papermill read.
    """
    try:
        raw = Path(notebook).read_bytes()
        found = _declared(raw)
    except (OSError, ValueError) as exc:
        raise NotebookInspectionError(f"cannot read notebook {notebook}: {exc}") from exc
    return copy.deepcopy(found)  # a default may be a list: the caller's to change


@functools.lru_cache(maxsize=128)
def _declared(raw: bytes) -> dict[str, Any] | None:
    import nbformat
    import papermill

    nb = nbformat.reads(raw.decode("utf-8"), as_version=4)
    tagged = any("parameters" in cell.get("metadata", {}).get("tags", []) for cell in nb.cells)
    if not tagged:
        return None
    found = papermill.inspect_notebook(nb)
    return {name: _value(info["default"]) for name, info in found.items()}


def _value(source: str) -> Any:
    try:
        return ast.literal_eval(source)
    except (ValueError, SyntaxError):
        return source
