"""What a notebook declares: the parameters of its cell tagged ``parameters``."""

from __future__ import annotations

import ast
import json
from pathlib import Path
from typing import Any


def _parameters_cell(nb: dict) -> str | None:
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code" and "parameters" in cell.get("metadata", {}).get(
            "tags", []
        ):
            source = cell.get("source", "")
            return "".join(source) if isinstance(source, list) else source
    return None


def declared_parameters(notebook: Path) -> dict[str, Any] | None:
    """The parameters declared by ``notebook``'s ``parameters`` cell: name -> default.

    Defaults are Python literals where possible, else their source text. ``None`` when the
    notebook has no cell tagged ``parameters``. Reads the cell with :mod:`ast` (no papermill
    import); falls back to ``papermill.inspect_notebook`` if the cell is not plain Python.
    """
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    source = _parameters_cell(nb)
    if source is None:
        return None
    lines = [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    text = "\n".join(lines)
    try:
        tree = ast.parse(text)
    except SyntaxError:
        import papermill

        return {k: v["default"] for k, v in papermill.inspect_notebook(str(notebook)).items()}
    found: dict[str, Any] = {}
    for node in tree.body:
        if isinstance(node, ast.Assign):
            targets, value = node.targets, node.value
        elif isinstance(node, ast.AnnAssign) and node.value is not None:
            targets, value = [node.target], node.value
        else:
            continue
        names = []
        for target in targets:
            elts = target.elts if isinstance(target, ast.Tuple) else [target]
            names += [e.id for e in elts if isinstance(e, ast.Name)]
        try:
            default = ast.literal_eval(value)
        except ValueError:
            default = ast.get_source_segment(text, value)
        for name in names:
            found[name] = default
    return found
