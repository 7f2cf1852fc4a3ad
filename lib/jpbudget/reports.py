"""The report runner: ``jpbudget reports`` executes the notebooks of ``reports/reports.yaml``.

Each report is a notebook run by papermill with the manifest's parameters, exported to HTML with
the code hidden and the figures embedded, and its figures written as PNG and SVG. Reports run in
parallel (one kernel per report, ``--jobs`` at once), are rebuilt only when one of their inputs
changed (the fingerprint lives in the executed notebook's own metadata), and are moved into place
only once complete: a failed or interrupted run never damages a previous good report.

Command line (also ``python -m jpbudget.reports``, where the ``reports`` word is optional)::

    jpbudget reports [--root DIR] [--manifest FILE] [--only NAME]... [--jobs N]
                     [--force] [--list] [--dry-run] [--kernel NAME] [--timeout SECONDS]

Python API: :func:`load_manifest`, :func:`plan`, :func:`run_reports`, :func:`write_index`, and
for notebooks :func:`provenance` / :func:`show_provenance` (from :mod:`jpbudget.provenance`).

Only the standard library is imported at module import; papermill, nbconvert and yaml are
imported when they are needed, so ``from jpbudget.reports import show_provenance`` is cheap.
"""

from __future__ import annotations

import argparse
import ast
import base64
import contextlib
import dataclasses
import datetime as dt
import fnmatch
import hashlib
import html
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from .paths import project_root
from .provenance import (
    METADATA_KEY,
    data_files,
    file_sha256,
    provenance,
    provenance_markdown,
    show_provenance,
)

__all__ = [
    "DEFAULT_KERNEL",
    "Manifest",
    "ManifestError",
    "Outcome",
    "Plan",
    "Report",
    "RunResult",
    "declared_parameters",
    "load_manifest",
    "main",
    "plan",
    "provenance",
    "provenance_markdown",
    "run_reports",
    "show_provenance",
    "write_index",
]

DEFAULT_KERNEL = "jpbudget"
MANIFEST = Path("reports") / "reports.yaml"
#: The kernel draws every inline figure in both formats: PNG for the HTML, SVG for print.
FIGURE_FORMATS_ARGUMENT = "--InlineBackend.figure_formats=['png', 'svg']"
NAME_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]*$")
RESERVED_NAMES = {"index", "figures", "failed", "reports"}
ENTRY_KEYS = {"name", "notebook", "parameters", "data", "description"}
TOP_KEYS = {"reports", "kernel"}
FINGERPRINT_PARTS = ("notebook", "parameters", "library", "data", "lock")
REASON_TEXT = {
    "notebook": "notebook changed",
    "parameters": "parameters changed",
    "library": "library changed",
    "data": "data changed",
    "lock": "lock changed",
}
EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


# --------------------------------------------------------------------------------------------
# Manifest


class ManifestError(ValueError):
    """The manifest is invalid; ``problems`` holds one ``"file:line: message"`` per problem."""

    def __init__(self, problems: Sequence[str]):
        self.problems = list(problems)
        super().__init__("invalid report manifest:\n  " + "\n  ".join(self.problems))


@dataclasses.dataclass(frozen=True)
class Report:
    """One manifest entry."""

    name: str
    notebook: Path  # absolute
    notebook_rel: str  # as written in the manifest (relative to the project root)
    parameters: dict
    data: tuple[str, ...] | None  # glob patterns under data/; None: every data file
    line: int
    description: str = ""


@dataclasses.dataclass(frozen=True)
class Manifest:
    path: Path
    root: Path
    kernel: str
    reports: tuple[Report, ...]

    def select(self, only: Iterable[str] | None) -> list[Report]:
        """The reports named in ``only`` (all when empty); unknown names raise ManifestError."""
        wanted = list(only or [])
        if not wanted:
            return list(self.reports)
        known = {r.name: r for r in self.reports}
        unknown = [n for n in wanted if n not in known]
        if unknown:
            raise ManifestError(
                [
                    f"{self.path}: --only {n!r}: no such report (known: {', '.join(known)})"
                    for n in unknown
                ]
            )
        return [r for r in self.reports if r.name in set(wanted)]


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


def load_manifest(path: Path | str | None = None, root: Path | str | None = None) -> Manifest:
    """Read and validate a manifest; raise :class:`ManifestError` naming each bad line.

    Notebook paths are relative to ``root`` (default: the project root). Checked: the YAML shape,
    known keys, report names (unique, file-name safe), that each notebook exists and declares
    every parameter given, and the ``data`` patterns.
    """
    import yaml

    root = Path(root).resolve() if root is not None else project_root()
    path = Path(path) if path is not None else root / MANIFEST
    try:
        shown: Path = path.resolve().relative_to(root)
    except ValueError:
        shown = path
    problems: list[str] = []

    def problem(line: int | None, message: str) -> None:
        problems.append(f"{shown}:{line}: {message}" if line else f"{shown}: {message}")

    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ManifestError([f"{shown}: cannot read the manifest ({exc.strerror})"]) from exc
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise ManifestError(
            [f"{shown}:{mark.line + 1 if mark else '?'}: not valid YAML: {exc}"]
        ) from exc

    def line_of(n: Any) -> int:
        return n.start_mark.line + 1

    if not isinstance(data, dict) or not isinstance(node, yaml.MappingNode):
        raise ManifestError([f"{shown}:1: expected a mapping with a 'reports' list"])
    top_nodes = {k.value: (k, v) for k, v in node.value}
    for key, (knode, _) in top_nodes.items():
        if key not in TOP_KEYS:
            problem(line_of(knode), f"unknown key {key!r} (expected {sorted(TOP_KEYS)})")
    kernel = data.get("kernel", DEFAULT_KERNEL)
    if not isinstance(kernel, str) or not kernel:
        problem(line_of(top_nodes["kernel"][0]), "'kernel' must be a kernel name")
        kernel = DEFAULT_KERNEL
    if "reports" not in top_nodes or not isinstance(top_nodes["reports"][1], yaml.SequenceNode):
        line = line_of(top_nodes["reports"][0]) if "reports" in top_nodes else 1
        problem(line, "expected 'reports:' followed by a list of reports")
        raise ManifestError(problems)

    reports: list[Report] = []
    seen: dict[str, int] = {}
    declared_cache: dict[Path, dict | None] = {}
    for entry_node, entry in zip(top_nodes["reports"][1].value, data["reports"], strict=True):
        line = line_of(entry_node)
        if not isinstance(entry, dict):
            problem(line, "each report must be a mapping with 'name', 'notebook', 'parameters'")
            continue
        keys = {k.value: (k, v) for k, v in entry_node.value}
        for key, (knode, _) in keys.items():
            if key not in ENTRY_KEYS:
                problem(line_of(knode), f"unknown key {key!r} (expected {sorted(ENTRY_KEYS)})")
        name = entry.get("name")
        label = f"report {name!r}" if isinstance(name, str) else "report"
        if not isinstance(name, str) or not NAME_RE.match(name) or name in RESERVED_NAMES:
            problem(
                line_of(keys["name"][0]) if "name" in keys else line,
                f"{label}: 'name' must be letters, digits, '.', '_' or '-' (not one of "
                f"{sorted(RESERVED_NAMES)})",
            )
            continue
        if name in seen:
            problem(
                line_of(keys["name"][0]),
                f"duplicate report name {name!r} (first defined at line {seen[name]})",
            )
            continue
        seen[name] = line_of(keys["name"][0])
        notebook = entry.get("notebook")
        nb_line = line_of(keys["notebook"][0]) if "notebook" in keys else line
        if not isinstance(notebook, str) or not notebook.endswith(".ipynb"):
            problem(nb_line, f"{label}: 'notebook' must be the path of an .ipynb file")
            continue
        nb_path = (root / notebook).resolve()
        if not nb_path.is_file():
            problem(nb_line, f"{label}: unknown notebook {notebook!r} (no file {nb_path})")
            continue
        params = entry.get("parameters") or {}
        if not isinstance(params, dict):
            problem(line_of(keys["parameters"][0]), f"{label}: 'parameters' must be a mapping")
            continue
        if nb_path not in declared_cache:
            try:
                declared_cache[nb_path] = declared_parameters(nb_path)
            except (OSError, ValueError) as exc:
                problem(nb_line, f"{label}: cannot read notebook {notebook!r}: {exc}")
                continue
        declared = declared_cache[nb_path]
        if params and declared is None:
            problem(
                line_of(keys["parameters"][0]),
                f"{label}: notebook {notebook!r} has no cell tagged 'parameters'",
            )
            continue
        param_nodes = keys["parameters"][1].value if params else []
        for knode, _ in param_nodes:
            if knode.value not in (declared or {}):
                problem(
                    line_of(knode),
                    f"{label}: parameter {knode.value!r} is not declared by {notebook} "
                    f"(declared: {', '.join(declared or {}) or 'none'})",
                )
        patterns = entry.get("data")
        if patterns is not None and (
            not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns)
        ):
            problem(line_of(keys["data"][0]), f"{label}: 'data' must be a list of glob patterns")
            continue
        reports.append(
            Report(
                name=name,
                notebook=nb_path,
                notebook_rel=notebook,
                parameters=dict(params),
                data=tuple(patterns) if patterns is not None else None,
                line=line,
                description=str(entry.get("description", "")),
            )
        )
    if problems:
        raise ManifestError(problems)
    return Manifest(path=path, root=root, kernel=kernel, reports=tuple(reports))


# --------------------------------------------------------------------------------------------
# Fingerprints


def _canonical(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def _sha(text: str | bytes) -> str:
    return hashlib.sha256(text.encode("utf-8") if isinstance(text, str) else text).hexdigest()


def library_dir() -> Path:
    """The sources of the ``jpbudget`` the kernels import (this package, not ``<root>/lib``)."""
    return Path(__file__).resolve().parent


class Inputs:
    """The project-wide inputs of a run, hashed once (files are hashed at most once)."""

    def __init__(self, root: Path):
        self.root = root
        self.data_root = root / "data"
        self._data_files = data_files(self.data_root)
        self._hashes: dict[Path, str] = {}
        self.library_dir = library_dir()
        lib_files = sorted(
            p for p in self.library_dir.rglob("*.py") if "__pycache__" not in p.parts
        )
        self.library = self._tree(self.library_dir, lib_files)
        lock = root / "uv.lock"
        self.lock = file_sha256(lock) if lock.is_file() else "absent"
        self._data_cache: dict[tuple[str, ...] | None, str] = {}

    def _hash(self, path: Path) -> str:
        if path not in self._hashes:
            self._hashes[path] = file_sha256(path)
        return self._hashes[path]

    def _tree(self, base: Path, files: Iterable[Path]) -> str:
        digest = hashlib.sha256()
        for path in files:
            digest.update(path.relative_to(base).as_posix().encode("utf-8") + b"\0")
            digest.update(self._hash(path).encode("ascii") + b"\n")
        return digest.hexdigest()

    def data(self, patterns: tuple[str, ...] | None) -> str:
        if patterns not in self._data_cache:
            files = self._data_files
            if patterns is not None:
                files = [
                    p
                    for p in files
                    if any(
                        fnmatch.fnmatchcase(p.relative_to(self.data_root).as_posix(), pat)
                        for pat in patterns
                    )
                ]
            self._data_cache[patterns] = self._tree(self.data_root, files)
        return self._data_cache[patterns]

    def fingerprint(self, report: Report) -> dict[str, str]:
        return {
            "notebook": self._hash(report.notebook),
            "parameters": _sha(_canonical(report.parameters)),
            "library": self.library,
            "data": self.data(report.data),
            "lock": self.lock,
        }


@dataclasses.dataclass
class Layout:
    """Where a report's outputs go."""

    out: Path

    def ipynb(self, name: str) -> Path:
        return self.out / f"{name}.ipynb"

    def html(self, name: str) -> Path:
        return self.out / f"{name}.html"

    def figures(self, name: str) -> Path:
        return self.out / "figures" / name

    def failed(self, name: str) -> Path:
        return self.out / "failed" / f"{name}.ipynb"

    @property
    def index(self) -> Path:
        return self.out / "index.html"


def _read_meta(path: Path) -> dict | None:
    """Our metadata block of an executed notebook, or None if unreadable/absent."""
    try:
        nb = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    meta = nb.get("metadata", {}).get(METADATA_KEY)
    return meta if isinstance(meta, dict) else None


@dataclasses.dataclass(frozen=True)
class Plan:
    """Whether a report must run, and why (``reasons`` empty: up to date)."""

    report: Report
    fingerprint: dict[str, str]
    reasons: tuple[str, ...]

    @property
    def needed(self) -> bool:
        return bool(self.reasons)

    def why(self) -> str:
        return ", ".join(self.reasons) if self.reasons else "up to date"


def _outputs_complete(layout: Layout, name: str, meta: dict) -> bool:
    if not layout.html(name).is_file():
        return False
    figures = layout.figures(name)
    return all((figures / f).is_file() for f in meta.get("figures", []))


def plan(
    manifest: Manifest,
    only: Iterable[str] | None = None,
    force: bool = False,
    out: Path | None = None,
    inputs: Inputs | None = None,
) -> list[Plan]:
    """What would run and why, for the selected reports, in manifest order."""
    layout = Layout(out if out is not None else manifest.root / "reports")
    inputs = inputs or Inputs(manifest.root)
    plans = []
    for report in manifest.select(only):
        current = inputs.fingerprint(report)
        meta = _read_meta(layout.ipynb(report.name))
        if meta is None or not isinstance(meta.get("fingerprint"), dict):
            reasons = ["new"]
        else:
            stored = meta["fingerprint"]
            reasons = [REASON_TEXT[k] for k in FINGERPRINT_PARTS if stored.get(k) != current[k]]
            if not reasons and not _outputs_complete(layout, report.name, meta):
                reasons = ["outputs missing"]
        if force and not reasons:
            reasons = ["forced"]
        plans.append(Plan(report=report, fingerprint=current, reasons=tuple(reasons)))
    return plans


# --------------------------------------------------------------------------------------------
# Execution


class _Interrupted(Exception):
    pass


@dataclasses.dataclass
class Outcome:
    """What happened to one report in a run."""

    name: str
    status: str  # "built", "failed", "interrupted", "up to date"
    seconds: float = 0.0
    reasons: tuple[str, ...] = ()
    error: str | None = None
    failed_notebook: Path | None = None

    def line(self) -> str:
        if self.status == "built":
            return f"{self.name}: built in {self.seconds:.1f}s ({', '.join(self.reasons)})"
        if self.status == "failed":
            return f"{self.name}: FAILED after {self.seconds:.1f}s: {self.error}"
        return f"{self.name}: {self.status}"


@dataclasses.dataclass
class RunResult:
    outcomes: list[Outcome]
    interrupted: bool = False

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def built(self) -> list[str]:
        return [o.name for o in self.outcomes if o.status == "built"]

    @property
    def exit_code(self) -> int:
        if self.interrupted:
            return EXIT_INTERRUPTED
        return EXIT_FAILED if self.failed else EXIT_OK


class _Job:
    """One report's execution, with the kernels it started (so Ctrl-C can kill them)."""

    def __init__(self, stop: threading.Event):
        self.stop = stop
        self.kernels: list[Any] = []
        self.lock = threading.Lock()
        self.log_handle: Any = None

    def kernel_manager_class(self) -> type:
        from jupyter_client.manager import AsyncKernelManager

        job = self

        class TrackedKernelManager(AsyncKernelManager):
            async def start_kernel(self, **kw: Any) -> None:
                if job.stop.is_set():
                    raise _Interrupted("interrupted before the kernel started")
                if job.log_handle is not None:
                    kw.setdefault("stdout", job.log_handle)
                    kw.setdefault("stderr", job.log_handle)
                with job.lock:
                    job.kernels.append(self)
                await super().start_kernel(**kw)
                if job.stop.is_set():
                    job.kill()

        return TrackedKernelManager

    def kill(self) -> None:
        """Kill the process group of every kernel this job started."""
        with self.lock:
            kernels = list(self.kernels)
        for km in kernels:
            prov = getattr(km, "provisioner", None)
            pgid, pid = getattr(prov, "pgid", None), getattr(prov, "pid", None)
            with contextlib.suppress(OSError):
                if pgid:
                    os.killpg(pgid, signal.SIGKILL)
                elif pid:
                    os.kill(pid, signal.SIGKILL)


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:80]
    return ""


def _describe_error(exc: BaseException) -> tuple[str, dict]:
    """A one-line summary and a JSON record of a failed execution."""
    cell = getattr(exc, "exec_count", None)
    if hasattr(exc, "ename"):
        ename, evalue = exc.ename, str(exc.evalue)
        where = f"cell In [{cell}]" if cell is not None else f"cell #{exc.cell_index}"
        source = _first_line(getattr(exc, "source", "") or "")
        summary = f"{where} ({source!r}): {ename}: {_first_line(evalue) or evalue}"
        record = {
            "cell": cell,
            "cell_index": getattr(exc, "cell_index", None),
            "source": source,
            "ename": ename,
            "evalue": evalue,
        }
    else:
        ename, evalue = type(exc).__name__, str(exc)
        summary = f"{ename}: {_first_line(evalue) or evalue}"
        record = {"cell": None, "ename": ename, "evalue": evalue}
    return summary, record


def _svg_text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _extract_figures(nb: Any) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` for every figure output, PNG and (when drawn) SVG."""
    files: list[tuple[str, bytes]] = []
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            count += 1
            stem = f"figure-{count}"
            png = data["image/png"]
            png = "".join(png) if isinstance(png, list) else png
            files.append((f"{stem}.png", base64.b64decode(png)))
            if "image/svg+xml" in data:
                files.append((f"{stem}.svg", _svg_text(data["image/svg+xml"]).encode("utf-8")))
    return files


def _export_html(nb: Any, title: str) -> str:
    """Standalone HTML: no code, no prompts, images as data: URIs (PNG preferred to SVG)."""
    import copy

    from nbconvert import HTMLExporter

    shown = copy.deepcopy(nb)
    for cell in shown.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data and "image/svg+xml" in data:
                del data["image/svg+xml"]
    exporter = HTMLExporter(
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(shown, resources={"metadata": {"name": title}})
    return body


def _exchange_rate_text(nb: Any, params: dict) -> str:
    """The rate the report used: from the provenance metadata, else the ``fx`` parameter."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            prov = output.get("metadata", {}).get(METADATA_KEY, {}).get("provenance")
            if isinstance(prov, dict):
                rate = prov.get("exchange_rate")
                fx = prov.get("parameters", {}).get("fx", params.get("fx"))
                if rate:
                    prefix = f"fx = {fx!r}: " if fx is not None else ""
                    return prefix + rate["description"]
    if "fx" in params:
        return f"fx = {params['fx']!r}"
    return ""


def write_atomic(path: Path, data: bytes | str) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename: all or nothing."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@dataclasses.dataclass
class _Context:
    manifest: Manifest
    layout: Layout
    inputs: Inputs
    stop: threading.Event
    kernel: str
    timeout: float | None
    jobs: list[_Job]
    declared: dict[Path, dict]


def _effective_parameters(ctx: _Context, report: Report) -> dict:
    declared = ctx.declared.get(report.notebook)
    if declared is None:
        declared = declared_parameters(report.notebook) or {}
        ctx.declared[report.notebook] = declared
    return {**declared, **report.parameters}


def _run_one(item: Plan, ctx: _Context) -> Outcome:
    report = item.report
    name = report.name
    if ctx.stop.is_set():
        return Outcome(name, "interrupted")
    job = _Job(ctx.stop)
    ctx.jobs.append(job)
    start = time.monotonic()
    tmp = Path(tempfile.mkdtemp(prefix=f".tmp-{name}-", dir=ctx.layout.out))
    try:
        import nbformat
        import papermill

        executed = tmp / f"{name}.ipynb"
        job.log_handle = (tmp / "kernel.log").open("wb")
        error: BaseException | None = None
        try:
            nb = papermill.execute_notebook(
                str(report.notebook),
                str(executed),
                parameters=report.parameters,
                kernel_name=ctx.kernel,
                progress_bar=False,
                request_save_on_cell_execute=False,
                # the kernel's working directory, without papermill's process-wide os.chdir
                resources={"metadata": {"path": str(report.notebook.parent)}},
                extra_arguments=[FIGURE_FORMATS_ARGUMENT],
                kernel_manager_class=job.kernel_manager_class(),
                execution_timeout=ctx.timeout,
            )
        except Exception as exc:  # a cell's error, a dead kernel, a timeout, ...
            error = exc
        finally:
            job.log_handle.close()
        if ctx.stop.is_set():
            return Outcome(name, "interrupted", time.monotonic() - start)
        generated = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        meta = {
            "report": name,
            "notebook": report.notebook_rel,
            "parameters": report.parameters,
            "fingerprint": item.fingerprint,
            "generated": generated,
        }
        if error is not None:
            summary, record = _describe_error(error)
            if not hasattr(error, "ename"):
                log = (tmp / "kernel.log").read_text(encoding="utf-8", errors="replace")
                tail = [ln for ln in log.splitlines() if ln.strip()][-3:]
                if tail:
                    summary += " | kernel log: " + " / ".join(tail)
            failed_path = None
            if executed.is_file():
                failed_nb = nbformat.read(executed, as_version=4)
                failed_nb.metadata[METADATA_KEY] = {**meta, "status": "failed", "error": record}
                failed_path = ctx.layout.failed(name)
                write_atomic(failed_path, nbformat.writes(failed_nb))
            return Outcome(
                name, "failed", time.monotonic() - start, item.reasons, summary, failed_path
            )

        figures = _extract_figures(nb)
        meta["figures"] = [f for f, _ in figures]
        meta["exchange_rate"] = _exchange_rate_text(nb, _effective_parameters(ctx, report))
        meta["status"] = "ok"
        nb.metadata[METADATA_KEY] = meta
        page = _export_html(nb, title=name)
        staged_fig = tmp / "figures"
        staged_fig.mkdir()
        for fname, payload in figures:
            (staged_fig / fname).write_bytes(payload)
        (tmp / f"{name}.html").write_text(page, encoding="utf-8")
        nbformat.write(nb, tmp / "final.ipynb")
        if ctx.stop.is_set():
            return Outcome(name, "interrupted", time.monotonic() - start)
        _publish(ctx.layout, name, tmp)
        return Outcome(name, "built", time.monotonic() - start, item.reasons)
    except _Interrupted:
        return Outcome(name, "interrupted", time.monotonic() - start)
    finally:
        job.kill()  # normally a no-op: nbclient has shut the kernel down already
        shutil.rmtree(tmp, ignore_errors=True)


def _publish(layout: Layout, name: str, staged: Path) -> None:
    """Move a complete staged report into place: figures, then HTML, then the notebook.

    The notebook, which holds the fingerprint, goes last: if anything stops in between, the old
    fingerprint no longer matches and the next run rebuilds the report.
    """
    figures = layout.figures(name)
    figures.parent.mkdir(parents=True, exist_ok=True)
    if figures.exists():
        os.replace(figures, staged / "old-figures")
    os.replace(staged / "figures", figures)
    os.replace(staged / f"{name}.html", layout.html(name))
    os.replace(staged / "final.ipynb", layout.ipynb(name))
    with contextlib.suppress(FileNotFoundError):
        layout.failed(name).unlink()


# --------------------------------------------------------------------------------------------
# Index


def _rel(path: Path, base: Path) -> str:
    return Path(os.path.relpath(path, base)).as_posix()


def _fmt_param(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)


def write_index(manifest: Manifest, out: Path | None = None, inputs: Inputs | None = None) -> Path:
    """Write ``index.html``: one row per manifest report with its current state.

    The page depends only on the state of the files (each report's generation time is read
    from its executed notebook), so rewriting it after a no-op run changes nothing.
    """
    layout = Layout(out if out is not None else manifest.root / "reports")
    current = {p.report.name: p for p in plan(manifest, out=layout.out, inputs=inputs)}
    rows = []
    for report in manifest.reports:
        name = report.name
        esc = html.escape
        meta = _read_meta(layout.ipynb(name))
        failed_meta = _read_meta(layout.failed(name)) if layout.failed(name).is_file() else None
        if (
            failed_meta is not None
            and meta is not None
            and not current[name].needed
            and failed_meta.get("fingerprint") != current[name].fingerprint
        ):  # the good report matches the current inputs: a failure of other inputs is stale
            failed_meta = None
        links = []
        if meta is not None and layout.html(name).is_file():
            title = f'<a href="{esc(_rel(layout.html(name), layout.out))}">{esc(name)}</a>'
            links.append(f'<a href="{esc(_rel(layout.html(name), layout.out))}">HTML</a>')
            links.append(f'<a href="{esc(_rel(layout.ipynb(name), layout.out))}">notebook</a>')
            nfig = sum(1 for f in meta.get("figures", []) if f.endswith(".png"))
            if nfig:
                links.append(
                    f'<a href="{esc(_rel(layout.figures(name), layout.out))}/">'
                    f"{nfig} figure{'s' if nfig != 1 else ''} (PNG, SVG)</a>"
                )
        else:
            title = esc(name)
        if failed_meta is not None:
            failed_href = esc(_rel(layout.failed(name), layout.out))
            links.append(f'<a href="{failed_href}">failed run</a>')
        if failed_meta is not None:
            err = failed_meta.get("error", {})
            status = f"failed: {err.get('ename', 'error')}: {_first_line(err.get('evalue', ''))}"
            if meta is not None:
                status += " (previous good report kept)"
            css = "failed"
        elif meta is None:
            status, css = "not built", "missing"
        elif current[name].needed:
            status, css = f"stale ({current[name].why()})", "stale"
        else:
            status, css = "ok", "ok"
        shown_meta = meta or failed_meta or {}
        params = {**(declared_parameters(report.notebook) or {}), **report.parameters}
        param_html = (
            "<br>".join(
                f"<code>{esc(k)} = {esc(_fmt_param(v))}</code>"
                + ("" if k in report.parameters else ' <span class="default">(default)</span>')
                for k, v in params.items()
            )
            or "none"
        )
        rate = (meta or {}).get("exchange_rate") or (
            f"fx = {params['fx']!r}" if "fx" in params else "—"
        )
        nb_href = esc(_rel(report.notebook, layout.out))
        nb_link = f'<a href="{nb_href}">{esc(report.notebook_rel)}</a>'
        rows.append(
            f'<tr class="{css}"><td>{title}</td><td>{nb_link}</td><td>{param_html}</td>'
            f"<td>{esc(rate)}</td><td>{esc(status)}</td>"
            f"<td>{esc(shown_meta.get('generated', '—'))}</td><td>{' · '.join(links)}</td></tr>"
        )
    page = _INDEX_TEMPLATE.format(
        manifest=html.escape(_rel(manifest.path, layout.out)), rows="\n".join(rows)
    )
    write_atomic(layout.index, page)
    return layout.index


_INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>jp-chip-budget reports</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2em; color: #222; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ border-bottom: 1px solid #ddd; padding: .4em .6em; text-align: left;
          vertical-align: top; font-size: .92em; }}
tr.failed td {{ background: #fde8e8; }}
tr.stale td, tr.missing td {{ background: #fff6dd; }}
.default {{ color: #888; }}
</style>
</head>
<body>
<h1>Reports: Japan's public money for chips and AI</h1>
<p>Generated by <code>jpbudget reports</code> from <a href="{manifest}">the manifest</a>.
Each report's provenance (parameters, exchange rate, data checksum, library version and git
commit) is at the top of its page. Times are UTC.</p>
<table>
<thead><tr><th>Report</th><th>Notebook</th><th>Parameters</th><th>Exchange rate</th>
<th>Status</th><th>Generated</th><th>Files</th></tr></thead>
<tbody>
{rows}
</tbody>
</table>
</body>
</html>
"""


# --------------------------------------------------------------------------------------------
# Running


class _Progress:
    """A tqdm bar on a terminal, one plain line per report otherwise."""

    def __init__(self, total: int, stream: Any):
        self.stream = stream
        self.bar = None
        if total and hasattr(stream, "isatty") and stream.isatty():
            from tqdm import tqdm

            self.bar = tqdm(total=total, unit="report", file=stream, dynamic_ncols=True)
        self.done = 0
        self.total = total

    def note(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=self.stream)
        else:
            print(text, file=self.stream, flush=True)

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        if self.bar is not None:
            self.bar.update(1)
            self.bar.set_postfix_str(outcome.name)
            if outcome.status == "failed":
                self.bar.write(outcome.line(), file=self.stream)
        else:
            print(f"[{self.done}/{self.total}] {outcome.line()}", file=self.stream, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


@contextlib.contextmanager
def _run_lock(out: Path):
    import fcntl

    out.mkdir(parents=True, exist_ok=True)
    handle = (out / ".lock").open("w")
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            raise RuntimeError(f"another `jpbudget reports` is running on {out}") from exc
        yield
    finally:
        handle.close()


def run_reports(
    manifest: Manifest,
    only: Iterable[str] | None = None,
    jobs: int | None = None,
    force: bool = False,
    kernel: str | None = None,
    timeout: float | None = None,
    out: Path | None = None,
    stream: Any = None,
    on_outcome: Callable[[Outcome], None] | None = None,
) -> RunResult:
    """Build the reports that need it, ``jobs`` kernels at once, then rewrite the index.

    Sets ``JPBUDGET_ROOT`` to the manifest's root for the kernels. Ctrl-C (KeyboardInterrupt)
    kills the running kernels, discards unfinished reports and returns with ``interrupted``.
    """
    stream = stream if stream is not None else sys.stdout
    layout = Layout(out if out is not None else manifest.root / "reports")
    jobs = max(1, jobs or os.cpu_count() or 1)
    saved_root = os.environ.get("JPBUDGET_ROOT")
    os.environ["JPBUDGET_ROOT"] = str(manifest.root)  # inherited by the kernels
    try:
        return _run(manifest, only, jobs, force, kernel, timeout, layout, stream, on_outcome)
    finally:
        if saved_root is None:
            os.environ.pop("JPBUDGET_ROOT", None)
        else:
            os.environ["JPBUDGET_ROOT"] = saved_root


def _run(
    manifest: Manifest,
    only: Iterable[str] | None,
    jobs: int,
    force: bool,
    kernel: str | None,
    timeout: float | None,
    layout: Layout,
    stream: Any,
    on_outcome: Callable[[Outcome], None] | None,
) -> RunResult:
    from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait

    with _run_lock(layout.out):
        for stale in layout.out.glob(".tmp-*"):
            shutil.rmtree(stale, ignore_errors=True)
        inputs = Inputs(manifest.root)
        plans = plan(manifest, only=only, force=force, out=layout.out, inputs=inputs)
        todo = [p for p in plans if p.needed]
        for p in plans:  # a failed run whose inputs are gone is no longer news
            failed = layout.failed(p.report.name)
            if (
                not p.needed
                and failed.is_file()
                and (_read_meta(failed) or {}).get("fingerprint") != p.fingerprint
            ):
                failed.unlink()
        outcomes = {p.report.name: Outcome(p.report.name, "up to date") for p in plans}
        progress = _Progress(len(todo), stream)
        if progress.bar is None:
            for p in plans:
                if not p.needed:
                    print(f"{p.report.name}: up to date", file=stream, flush=True)
        if todo:
            _check_kernel(kernel or manifest.kernel)
        stop = threading.Event()
        ctx = _Context(manifest, layout, inputs, stop, kernel or manifest.kernel, timeout, [], {})
        interrupted = False
        executor = ThreadPoolExecutor(max_workers=min(jobs, max(1, len(todo))))
        futures = {executor.submit(_run_one, p, ctx): p for p in todo}
        try:
            pending = set(futures)
            while pending:
                done, pending = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
                for future in done:
                    outcome = future.result()
                    outcomes[outcome.name] = outcome
                    progress.advance(outcome)
                    if on_outcome:
                        on_outcome(outcome)
        except KeyboardInterrupt:
            interrupted = True
            previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
            try:
                progress.note("interrupted: stopping kernels and discarding unfinished reports")
                stop.set()
                for future in futures:
                    future.cancel()
                deadline = time.monotonic() + 60
                while time.monotonic() < deadline and not all(f.done() for f in futures):
                    for job in list(ctx.jobs):
                        job.kill()
                    time.sleep(0.1)
                for future, p in futures.items():
                    if future.done() and not future.cancelled():
                        outcomes[p.report.name] = future.result()
                    else:
                        outcomes[p.report.name] = Outcome(p.report.name, "interrupted")
            finally:
                signal.signal(signal.SIGINT, previous)
        finally:
            executor.shutdown(wait=True, cancel_futures=True)
            progress.close()
        write_index(manifest, out=layout.out, inputs=inputs)
    ordered = [outcomes[p.report.name] for p in plans]
    return RunResult(outcomes=ordered, interrupted=interrupted)


def _check_kernel(name: str) -> None:
    from jupyter_client.kernelspec import KernelSpecManager, NoSuchKernel

    try:
        KernelSpecManager().get_kernel_spec(name)
    except NoSuchKernel as exc:
        raise RuntimeError(
            f"no Jupyter kernel named {name!r}: run `make setup` (it registers the kernel)"
        ) from exc


# --------------------------------------------------------------------------------------------
# Command line


def _parser(prog: str) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=prog,
        description="Execute the notebooks of reports/reports.yaml into reports/ "
        "(executed notebooks, HTML, figures, index.html), rebuilding only what changed.",
    )
    parser.add_argument("--root", type=Path, help="project folder (default: this checkout)")
    parser.add_argument(
        "--manifest", type=Path, help="manifest file (default: <root>/reports/reports.yaml)"
    )
    parser.add_argument(
        "--only", action="append", metavar="NAME", help="run only this report (repeatable)"
    )
    parser.add_argument(
        "--jobs",
        "-j",
        type=int,
        default=os.cpu_count() or 1,
        help="kernels at once (default: number of cores, %(default)s)",
    )
    parser.add_argument("--force", action="store_true", help="rebuild even if up to date")
    parser.add_argument("--list", action="store_true", help="list the reports and exit")
    parser.add_argument(
        "--dry-run", action="store_true", help="say what would run and why, run nothing"
    )
    parser.add_argument("--kernel", help="Jupyter kernel (default: the manifest's, or jpbudget)")
    parser.add_argument(
        "--timeout", type=float, default=None, help="per-cell timeout in seconds (default: none)"
    )
    return parser


def _summary(result: RunResult, root: Path) -> str:
    counts: dict[str, int] = {}
    for o in result.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    head = ", ".join(f"{n} {s}" for s, n in counts.items())
    lines = [f"reports: {head}"]
    if result.failed:
        lines.append(f"{len(result.failed)} report(s) failed:")
        for o in result.failed:
            where = (
                f"; executed notebook kept at {_rel(o.failed_notebook, root)}"
                if o.failed_notebook
                else ""
            )
            lines.append(f"  {o.name}: {o.error}{where}")
    if result.interrupted:
        lines.append("interrupted: unfinished reports were discarded, earlier outputs kept")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None, *, subcommand_optional: bool = False) -> int:
    """Entry point of ``jpbudget`` (subcommand ``reports``) and ``python -m jpbudget.reports``."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    if args_in[:1] == ["reports"]:
        args_in = args_in[1:]
    elif not subcommand_optional:
        if args_in[:1] in (["-h"], ["--help"]) or not args_in:
            print(
                "usage: jpbudget reports [options]\n\nsubcommands:\n  reports   "
                "regenerate the reports (jpbudget reports --help)"
            )
            return EXIT_OK if args_in else EXIT_USAGE
        print(f"jpbudget: unknown subcommand {args_in[0]!r} (expected 'reports')", file=sys.stderr)
        return EXIT_USAGE
    args = _parser("jpbudget reports").parse_args(args_in)
    if args.jobs < 1:
        print("jpbudget reports: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    root = args.root.resolve() if args.root else project_root()
    try:
        manifest = load_manifest(args.manifest, root)
        selected = manifest.select(args.only)
    except ManifestError as exc:
        print(f"jpbudget reports: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.list:
        for report in selected:
            params = ", ".join(f"{k}={v!r}" for k, v in report.parameters.items())
            print(f"{report.name}\t{report.notebook_rel}\t{params or '(defaults)'}")
        return EXIT_OK
    if args.dry_run:
        for item in plan(manifest, only=args.only, force=args.force):
            verb = "would run" if item.needed else "skip"
            print(f"{item.report.name}: {verb} ({item.why()})")
        return EXIT_OK
    try:
        result = run_reports(
            manifest,
            only=args.only,
            jobs=args.jobs,
            force=args.force,
            kernel=args.kernel,
            timeout=args.timeout,
            stream=sys.stderr if sys.stderr.isatty() else sys.stdout,
        )
    except RuntimeError as exc:
        print(f"jpbudget reports: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:  # before or after the execution phase
        print("interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    print(_summary(result, root), file=sys.stderr if result.exit_code else sys.stdout)
    return result.exit_code


if __name__ == "__main__":
    sys.exit(main(subcommand_optional=True))
