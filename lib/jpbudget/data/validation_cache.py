"""A record, on disk, of the data packages that passed validation, so a new process skips it.

Every notebook kernel loads the data, and validating the package with Frictionless costs each
process more than half a second. A passing validation is therefore recorded as an empty file
named by :func:`key`, the SHA-256 of everything the outcome depends on:

- the bytes of ``datapackage.json`` and of every file it describes (:mod:`jpbudget.digest`, as
  :func:`jpbudget.data.package_checksum` hashes them; where the folder is does not count);
- the bytes of every module of the ``jpbudget`` package (the checks, their messages, the yen
  parser they call, the snapshot check): the validating code's version;
- the versions of Python, Frictionless, pandas and NumPy.

A changed byte of data or code is another key, so the package is validated again; only a pass
is recorded (a failure is always found afresh, with its message), and only if the files still
have the digest they had before validation began. Reading the tables into typed frames is never
skipped.

Each resource's pass is recorded too, under :func:`resource_key`: the bytes of the descriptor,
of the resource's file and of every file its checks read (the targets of its foreign keys,
``sources`` and ``budget-lines``: ``jpbudget.data.references.READ_BY_CHECKS``), and the code. A
package validated again checks only the resources whose key has no record: a fixed typo in one
file revalidates that file (and, for ``sources`` or ``budget-lines``, the resources that read
it), and any change to the descriptor revalidates them all. Frictionless's check of the
descriptor itself, which reads no other file, is recorded under :func:`descriptor_key` (its
bytes and the code): a package validated again with the same descriptor builds only the
resources it validates and those they read.

The folder: ``$JPBUDGET_CACHE_DIR``, else ``$XDG_CACHE_HOME/jpbudget``, else
``~/.cache/jpbudget``; ``JPBUDGET_CACHE_DIR=off`` turns the record off. A folder that cannot be
written is not an error: validation then simply runs in every process.
"""

from __future__ import annotations

import hashlib
import os
import platform
import tempfile
from importlib import metadata
from pathlib import Path

from ..digest import file_sha256, files_sha256

__all__ = [
    "cache_dir",
    "code_digest",
    "descriptor_key",
    "is_recorded",
    "key",
    "record",
    "resource_key",
]

#: The package whose modules make up the validating code (``lib/jpbudget``).
PACKAGE_DIR = Path(__file__).resolve().parents[1]
#: The distributions whose versions enter the key besides Python's.
DISTRIBUTIONS = ("frictionless", "pandas", "numpy")
#: The subfolder of the cache folder holding the records of whole packages.
SUBFOLDER = "validated-data"
#: The subfolder holding the records of single resources (:func:`resource_key`).
RESOURCES_SUBFOLDER = "validated-resources"


def cache_dir(kind: str = SUBFOLDER) -> Path | None:
    """The folder of the records of ``kind`` (:data:`SUBFOLDER`, packages, or
    :data:`RESOURCES_SUBFOLDER`), or None when ``JPBUDGET_CACHE_DIR=off``."""
    chosen = os.environ.get("JPBUDGET_CACHE_DIR")
    if chosen == "off":
        return None
    if chosen:
        return Path(chosen) / kind
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "jpbudget" / kind


def code_digest(package_dir: Path = PACKAGE_DIR) -> str:
    """SHA-256 of every ``.py`` file under ``package_dir`` (path and bytes) and the versions."""
    digest = hashlib.sha256()
    for source in sorted(package_dir.rglob("*.py")):
        digest.update(source.relative_to(package_dir).as_posix().encode("utf-8") + b"\0")
        digest.update(hashlib.sha256(source.read_bytes()).digest())
    versions = [f"python={platform.python_version()}"]
    for name in DISTRIBUTIONS:
        try:
            versions.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name}=none")
    digest.update("\n".join(versions).encode("utf-8"))
    return digest.hexdigest()


def key(
    folder: Path, described: list[str], package_dir: Path = PACKAGE_DIR, *, code: str | None = None
) -> str | None:
    """The record's name for ``folder`` (its descriptor and ``described`` files) and the code
    (``code``: :func:`code_digest`, when the caller has it already).

    None when a file cannot be read: nothing is recorded, validation says what is wrong.
    """
    try:
        data = files_sha256(folder, ["datapackage.json", *described])
    except (OSError, ValueError):
        return None
    code = code if code is not None else code_digest(package_dir)
    return hashlib.sha256(f"{data}\n{code}".encode()).hexdigest()


def resource_key(
    folder: Path, name: str, read: list[str], code: str, descriptor: bytes | None = None
) -> str | None:
    """The record's name for the validation of one resource ``name``: the bytes of the
    descriptor (``descriptor``: the bytes validated, else the file's), of the files ``read``
    (the resource's own and every other its checks read), and the code. Another name than any
    package's (:func:`key`); None when a file cannot be read.
    """

    def content(path: Path) -> str:
        if descriptor is not None and path == folder / "datapackage.json":
            return hashlib.sha256(descriptor).hexdigest()
        return file_sha256(path)

    try:
        data = files_sha256(folder, ["datapackage.json", *read], file_hash=content)
    except (OSError, ValueError):
        return None
    return hashlib.sha256(f"resource {name}\n{data}\n{code}".encode()).hexdigest()


def descriptor_key(descriptor: bytes, code: str) -> str:
    """The record's name for Frictionless's check of the descriptor ``descriptor`` (its bytes)
    alone, which reads no other file: another name than any package's or resource's."""
    return hashlib.sha256(
        f"descriptor\n{hashlib.sha256(descriptor).hexdigest()}\n{code}".encode()
    ).hexdigest()


def is_recorded(record_key: str | None, kind: str = SUBFOLDER) -> bool:
    """True if a validation with this key passed before (in any process)."""
    folder = cache_dir(kind)
    return record_key is not None and folder is not None and (folder / record_key).is_file()


def record(record_key: str | None, kind: str = SUBFOLDER) -> None:
    """Record a pass under ``record_key`` (atomically; silently nothing if it cannot be written)."""
    folder = cache_dir(kind)
    if record_key is None or folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=".tmp-")
        os.close(handle)
        os.replace(temporary, folder / record_key)
    except OSError:
        pass
