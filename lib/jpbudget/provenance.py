"""What a reader of a report needs to trust it: its parameters, exchange rate, data and code.

Notebooks call :func:`show_provenance` near the top; it displays a Markdown block and attaches
the same facts as display metadata (``output.metadata["jpbudget"]["provenance"]``), which the
report runner reads back from the executed notebook for its index.

Importing it loads only the standard library; the first provenance built loads
:mod:`jpbudget.data` (pandas, frictionless) for the data checksum, and IPython on first display.

>>> from jpbudget.fx import ExplicitRate
>>> p = provenance({"fx": 150.0}, rate=ExplicitRate(150.0))
>>> sorted(p)  # doctest: +NORMALIZE_WHITESPACE
['data_checksum', 'data_checksum_method', 'exchange_rate', 'git_commit', 'git_dirty',
 'jpbudget_version', 'parameters']
>>> p["exchange_rate"]["jpy_per_usd"], p["exchange_rate"]["date"]
(150.0, None)
"""

from __future__ import annotations

import datetime as dt
import json
import math
import subprocess
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .digest import file_sha256, files_sha256  # noqa: F401  (file_sha256: reports imports it here)
from .paths import project_root

__all__ = [
    "git_state",
    "provenance",
    "provenance_markdown",
    "show_provenance",
]

#: Display-metadata key under which the provenance dict travels in an executed notebook.
METADATA_KEY = "jpbudget"


def _skip(relative: Path) -> bool:
    return any(part.startswith(".") or part == "__pycache__" for part in relative.parts)


def data_files(folder: Path) -> list[Path]:
    """Every file under ``folder`` (hidden files and ``__pycache__`` excluded), sorted."""
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.rglob("*") if p.is_file() and not _skip(p.relative_to(folder)))


def tree_checksum(folder: Path, files: Iterable[Path] | None = None) -> str:
    """SHA-256 over the sorted relative paths and contents of files under ``folder``."""
    return files_sha256(folder, data_files(folder) if files is None else files)


def data_package_checksum() -> tuple[str, str]:
    """``(checksum, method)`` of the data package: :func:`jpbudget.data.package_checksum`."""
    from .data import package_checksum

    return package_checksum(), "jpbudget.data.package_checksum"


def git_state(root: Path | None = None) -> tuple[str, bool | None]:
    """``(commit, dirty)`` of the checkout at ``root``; ``("unknown", None)`` outside git."""
    where = root if root is not None else project_root()

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(where), *args],
            capture_output=True,
            text=True,
            check=True,
            timeout=30,
        ).stdout

    try:
        commit = git("rev-parse", "HEAD").strip()
        dirty = bool(git("status", "--porcelain").strip())
    except (OSError, subprocess.SubprocessError):
        return "unknown", None
    return commit or "unknown", dirty


def _jsonable(value: Any) -> Any:
    """``value`` made JSON-safe (tuples to lists, odd objects to their repr)."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else repr(value)
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        items = sorted(value, key=repr) if isinstance(value, set | frozenset) else value
        return [_jsonable(v) for v in items]
    if isinstance(value, dt.date):
        return value.isoformat()
    return repr(value)


def _rate_date(rate: Any) -> str | None:
    used = getattr(rate, "date_used", None)
    if isinstance(used, dt.date):
        return used.isoformat()
    year = getattr(rate, "fiscal_year", None)
    if isinstance(year, int):
        from .fiscal import fiscal_year_bounds

        start, end = fiscal_year_bounds(year)
        return f"FY{year} average ({start.isoformat()} to {end.isoformat()})"
    return None


def provenance(parameters: dict, rate: Any = None) -> dict:
    """The provenance of a report as a JSON-serialisable dict.

    ``rate`` is the exchange rate the notebook used (anything with ``describe()`` and
    ``jpy_per_usd``, e.g. :class:`jpbudget.fx.Rate`), or ``None`` if it used none.
    """
    from . import __version__

    checksum, method = data_package_checksum()
    commit, dirty = git_state()
    exchange = None
    if rate is not None:
        exchange = {
            "description": str(rate.describe()),
            "jpy_per_usd": float(rate.jpy_per_usd),
            "date": _rate_date(rate),
        }
    return {
        "parameters": _jsonable(dict(parameters)),
        "exchange_rate": exchange,
        "data_checksum": checksum,
        "data_checksum_method": method,
        "jpbudget_version": __version__,
        "git_commit": commit,
        "git_dirty": dirty,
    }


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def provenance_markdown(info: dict) -> str:
    """The Markdown block shown to a reader.

    >>> md = provenance_markdown({"parameters": {"fx": "announcement"}, "exchange_rate": None,
    ...     "data_checksum": "ab" * 32, "data_checksum_method": "m", "jpbudget_version": "0.1.0",
    ...     "git_commit": "c0ffee" * 6 + "abcd", "git_dirty": True})
    >>> "`fx = 'announcement'`" in md, "(dirty: uncommitted changes)" in md
    (True, True)
    """
    params = info.get("parameters") or {}
    param_text = ", ".join(f"`{k} = {v!r}`" for k, v in params.items()) or "none"
    rate = info.get("exchange_rate")
    if rate:
        rate_text = _cell(rate["description"])
        date_text = _cell(rate.get("date") or "not applicable (explicit rate)")
    else:
        rate_text, date_text = "none used", "not applicable"
    commit = info.get("git_commit", "unknown")
    dirty = info.get("git_dirty")
    if commit == "unknown":
        commit_text = "unknown (not a git checkout)"
    else:
        suffix = {True: " (dirty: uncommitted changes)", False: " (clean)"}.get(dirty, "")
        commit_text = f"`{commit}`{suffix}"
    rows = [
        ("Parameters", _cell(param_text)),
        ("Exchange rate", rate_text),
        ("Rate date", date_text),
        ("Data package", f"sha256 `{info.get('data_checksum', '?')}`"),
        ("jpbudget", f"version {info.get('jpbudget_version', '?')}"),
        ("Git commit", commit_text),
    ]
    lines = ["**Provenance of this report**", "", "| | |", "|---|---|"]
    lines += [f"| {label} | {value} |" for label, value in rows]
    return "\n".join(lines)


def show_provenance(parameters: dict, rate: Any = None) -> None:
    """Display the provenance as Markdown, with the dict attached as display metadata."""
    from IPython.display import Markdown, display

    info = provenance(parameters, rate)
    # round-trip through JSON so that the metadata is exactly what the notebook file will hold
    info = json.loads(json.dumps(info))
    display(Markdown(provenance_markdown(info)), metadata={METADATA_KEY: {"provenance": info}})
