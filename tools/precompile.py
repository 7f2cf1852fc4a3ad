"""Compile, once and in parallel, the installed modules the project's commands import.

``make setup`` runs ``python tools/precompile.py``: every ``.py`` file directly inside site-packages
and inside the folders of it that :data:`FOLDERS` lists is compiled to its ``.pyc`` (the file
``import`` itself would write), on every core. site-packages' own modules are always compiled
here, so that writing their ``.pyc`` later does not change the folder's time, which is when
packages were last installed (``jpbudget.reports.forkserver.installed_stamp``).

Without this, a fresh clone's first ``make test`` compiled the modules as they were first
imported, in each of the processes starting together (the test workers, the kernel templates):
that run took 7 s (12 s of CPU) longer than the next one. Compiled here, once, the 3,600 modules
of the listed folders take 5.3 s of CPU, 2.8 s on two cores. Compiling all 7,047 modules of the
environment instead (``uv sync --compile-bytecode``) took 6.6 s on two cores.

The list is an optimisation, never a requirement: a folder that a new version of a package no
longer has is skipped, and a module it leaves out is compiled when first imported, as before.
``python tools/precompile.py --record`` rewrites it from an environment that has run ``make test``
and ``make reports``: the folders of site-packages where a ``.pyc`` of this Python exists. After a
change of ``uv.lock``, on a fresh clone: ``make setup PRECOMPILE=--own-only`` (so that only what
the commands import gets compiled), ``make test``, ``make reports``, then ``--record``.
"""

from __future__ import annotations

import argparse
import compileall
import os
import sys
import sysconfig
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

FOLDERS = Path(__file__).resolve().with_name("precompile-folders.txt")
HEADER = (
    "# Folders of site-packages whose modules `make setup` compiles (tools/precompile.py);\n"
    "# written by `python tools/precompile.py --record`, do not edit.\n"
)


def site_packages() -> Path:
    return Path(sysconfig.get_path("purelib"))


def listed_folders(listing: Path = FOLDERS) -> list[str]:
    lines = listing.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def sources(site: Path, folders: list[str]) -> list[str]:
    """The ``.py`` files directly inside each listed folder that exists, in the listed order."""
    found = []
    for folder in folders:
        path = site / folder
        if path.is_dir():
            found += sorted(str(p) for p in path.glob("*.py") if p.is_file())
    return found


def _compile(paths: list[str]) -> bool:
    return all(compileall.compile_file(p, quiet=2) for p in paths)


def compile_all(paths: list[str], workers: int) -> bool:
    """Compile ``paths`` on ``workers`` processes (in this one where a process pool cannot be
    made, as in a sandbox without POSIX semaphores); False if a file did not compile."""
    if workers <= 1 or len(paths) < 2:
        return _compile(paths)
    chunks = [paths[i::workers] for i in range(workers)]
    try:
        pool = ProcessPoolExecutor(max_workers=workers)
    except (OSError, NotImplementedError, ImportError):
        return _compile(paths)
    with pool:
        return all(pool.map(_compile, chunks))


def recorded_folders(site: Path) -> list[str]:
    """The folders under ``site`` (site-packages itself aside) holding a ``.pyc`` of this Python."""
    tag = sys.implementation.cache_tag
    folders = set()
    for cache in site.rglob("__pycache__"):
        if any(p.name.endswith(f".{tag}.pyc") for p in cache.iterdir()):
            folder = cache.parent.relative_to(site).as_posix()
            if folder != ".":  # always compiled
                folders.add(folder)
    return sorted(folders)


def cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--record", action="store_true", help=f"rewrite {FOLDERS.name} from this environment"
    )
    parser.add_argument(
        "--own-only",
        action="store_true",
        help="compile site-packages' own modules only (an environment to record the list from)",
    )
    args = parser.parse_args(argv)
    site = site_packages()
    if args.record:
        folders = recorded_folders(site)
        FOLDERS.write_text(HEADER + "".join(f"{f}\n" for f in folders), encoding="utf-8")
        print(f"{FOLDERS}: {len(folders)} folders")
        return 0
    folders = ["."] if args.own_only else [".", *listed_folders()]
    return 0 if compile_all(sources(site, folders), cores()) else 1


if __name__ == "__main__":
    sys.exit(main())
