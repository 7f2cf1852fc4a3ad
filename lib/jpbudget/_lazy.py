"""Keep ``import jpbudget`` light: pandas is loaded only by the code that needs it.

pandas takes about two seconds to import on the project's machines, and the report runner's
no-op check needs none of it. The ``Series.yen`` accessor must nevertheless exist whenever both
jpbudget and pandas are imported, in either order: :func:`register_accessor_with_pandas` registers
it at once if pandas is already loaded, and otherwise right after pandas finishes loading, through
a one-shot finder on ``sys.meta_path``.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.util
import sys
from typing import Any

__all__ = ["register_accessor_with_pandas"]


class _AfterPandasImport(importlib.abc.MetaPathFinder):
    """Finds nothing itself; wraps the loading of ``pandas`` to register the accessor after it."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name != "pandas":
            return None
        sys.meta_path.remove(self)  # one shot, and no recursion into this finder
        spec = importlib.util.find_spec(name)
        if spec is None or spec.loader is None:
            return spec
        loader, exec_module = spec.loader, spec.loader.exec_module

        def exec_then_register(module: Any) -> None:
            exec_module(module)
            importlib.import_module("jpbudget.accessor")

        loader.exec_module = exec_then_register  # type: ignore[method-assign]
        return spec


def register_accessor_with_pandas() -> None:
    """Register ``Series.yen`` now if pandas is loaded, else as soon as pandas is imported."""
    if "pandas" in sys.modules:
        importlib.import_module("jpbudget.accessor")
    elif not any(isinstance(f, _AfterPandasImport) for f in sys.meta_path):
        sys.meta_path.insert(0, _AfterPandasImport())
