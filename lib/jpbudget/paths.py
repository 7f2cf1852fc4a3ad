"""Where the project's files are, resolved from the package, never from the working directory.

The package lives at ``<root>/lib/jpbudget``; the data package at ``<root>/data``. A notebook run
from JupyterLab, from papermill at the repository root, from nbval inside ``notebooks/`` or from
any other folder therefore reads the same files.

Set ``JPBUDGET_ROOT`` to point the library at another copy of the project (the report runner's
tests do this on a temporary copy).

>>> (project_root() / "lib" / "jpbudget" / "paths.py").is_file()
True
>>> data_dir() == project_root() / "data"
True
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["data_dir", "project_root"]

_PACKAGE_ROOT = Path(__file__).resolve().parents[2]


def project_root() -> Path:
    """The project folder: ``$JPBUDGET_ROOT`` if set, else the checkout holding this package."""
    override = os.environ.get("JPBUDGET_ROOT")
    return Path(override).resolve() if override else _PACKAGE_ROOT


def data_dir() -> Path:
    """The folder of the Data Package (``datapackage.json`` and its files)."""
    return project_root() / "data"
