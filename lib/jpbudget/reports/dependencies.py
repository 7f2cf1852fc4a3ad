"""Which library modules a notebook runs: the part of ``jpbudget`` its report depends on.

Read statically with :mod:`ast`: the ``jpbudget`` imports of the notebook's code cells, then,
module by module, every import they make (at the top or inside a function, relative or absolute,
and ``importlib.import_module("...")`` with a constant name), with the ``__init__`` of every
package on the way. A module that imports a name it builds (``import_module(f".{name}",
__name__)``, a package loading its modules lazily) may import any module under the package the
name is relative to (any of ``jpbudget`` for a name not written relative), and depends on all of
them: a report is rebuilt too often rather than left stale. A change to a module no report
imports (the runner's own command line, for example) therefore leaves every report up to date.

>>> from pathlib import Path
>>> lib = Path(__file__).resolve().parents[1]
>>> found = [p.relative_to(lib).as_posix() for p in modules_of("import jpbudget.paths", lib)]
>>> "__init__.py" in found, "paths.py" in found, any(f.startswith("reports/") for f in found)
(True, True, False)
"""

from __future__ import annotations

import ast
import functools
import json
from pathlib import Path

PACKAGE = "jpbudget"
#: The last part of a name :func:`_imported` gives for "every module under this package".
EVERY = "*"


def notebook_code(notebook: Path) -> str:
    """The Python of a notebook's code cells (IPython magics and shell lines left out)."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    lines = []
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "code":
            continue
        source = cell.get("source", "")
        source = "".join(source) if isinstance(source, list) else source
        lines += [ln for ln in source.splitlines() if not ln.lstrip().startswith(("%", "!"))]
    return "\n".join(lines)


def _file_of(module: str, lib: Path) -> Path | None:
    parts = module.split(".")
    if parts[0] != PACKAGE:
        return None
    base = lib.joinpath(*parts[1:])
    for candidate in (base / "__init__.py", base.with_suffix(".py")):
        if candidate.is_file():
            return candidate
    return None


def _resolve(name: str, level: int, package: str) -> str:
    """The absolute module name of an import ``level`` dots up from ``package``."""
    if level == 0:
        return name
    base = package.split(".")
    base = base[: len(base) - (level - 1)]
    return ".".join([*base, name] if name else base)


def _imported(tree: ast.AST, package: str) -> set[str]:
    """Module names a parsed module or notebook may import (candidates, checked by the caller)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            module = _resolve(node.module or "", node.level, package)
            found.add(module)
            found.update(f"{module}.{alias.name}" for alias in node.names)
        elif (
            isinstance(node, ast.Call)
            and getattr(node.func, "attr", getattr(node.func, "id", None)) == "import_module"
            and node.args
        ):
            found.add(_dynamic(node.args[0], package))
    return found


def _dynamic(name: ast.expr, package: str) -> str:
    """The module an ``import_module`` call names: a constant name as written; a built one,
    every module under the package it is relative to (``".{name}"``: ``package``), or under
    ``jpbudget`` when it does not start with dots (:data:`EVERY`)."""
    if isinstance(name, ast.Constant) and isinstance(name.value, str):
        text = name.value
        level = len(text) - len(text.lstrip("."))
        return _resolve(text.lstrip("."), level, package) if level else text
    first = name.values[0] if isinstance(name, ast.JoinedStr) and name.values else None
    prefix = first.value if isinstance(first, ast.Constant) else ""
    level = len(prefix) - len(prefix.lstrip("."))
    base = _resolve("", level, package) if level else PACKAGE
    return f"{base}.{EVERY}"


def _every_module(package: str, lib: Path) -> list[str]:
    """The modules under ``package`` (a package of ``lib``): its own and its subpackages'."""
    folder = lib.joinpath(*package.split(".")[1:])
    names = []
    for path in sorted(folder.rglob("*.py")):
        parts = path.relative_to(lib).with_suffix("").parts
        names.append(".".join([PACKAGE, *parts[: -1 if parts[-1] == "__init__" else None]]))
    return names


def modules_of(code: str, lib: Path) -> list[Path]:
    """The files of ``lib`` (the ``jpbudget`` package folder) that ``code`` runs, sorted."""
    seen: dict[str, Path] = {}
    todo = sorted(_imported(ast.parse(code), PACKAGE))
    while todo:
        module = todo.pop()
        if module.endswith(f".{EVERY}"):
            todo += sorted(set(_every_module(module[: -len(EVERY) - 1], lib)) - set(seen))
            continue
        parts = module.split(".")
        for i in range(1, len(parts) + 1):  # a module's packages run first
            name = ".".join(parts[:i])
            path = _file_of(name, lib)
            if path is None or name in seen:
                continue
            seen[name] = path
            package = name if path.name == "__init__.py" else name.rpartition(".")[0]
            todo += sorted(_imports_of_file(path, package) - set(seen))
    return sorted(set(seen.values()))


def _imports_of_file(path: Path, package: str) -> frozenset[str]:
    """:func:`_imported` of a module file, parsed once per content (every notebook of a run
    imports most of the same modules; a changed file is parsed again)."""
    return _imports_of_source(path.read_bytes(), str(path), package)


@functools.lru_cache(maxsize=512)
def _imports_of_source(source: bytes, filename: str, package: str) -> frozenset[str]:
    return frozenset(_imported(ast.parse(source, filename=filename), package))
