"""The command line: ``jpbudget reports [options]`` and ``jpbudget notebooks [NOTEBOOK ...]``.

``python -m jpbudget.reports`` is ``jpbudget`` with ``reports`` as the default subcommand.
Exit status: 0 all good, 1 some report failed, 2 invalid manifest or usage, 128 + the signal
number when interrupted (130 for Ctrl-C, 143 for SIGTERM).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from ..paths import project_root
from .fingerprint import plan
from .index import _rel
from .manifest import ManifestError, load_manifest
from .outcome import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, RunResult
from .run import RunnerError, run_reports

SUBCOMMANDS = ("reports", "notebooks")


def positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 (``30.5``, ``nan``, ``0`` refused)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} must be at least 1")
    return value


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="jpbudget", description="Build the project's reports and notebooks."
    )
    subs = top.add_subparsers(dest="command", required=True, metavar="{reports,notebooks}")
    rep = subs.add_parser(
        "reports",
        help="build the reports of reports/reports.yaml (only what changed)",
        description="Execute the notebooks of reports/reports.yaml into reports/ "
        "(executed notebooks, HTML, figures, index.html), rebuilding only what changed.",
    )
    rep.add_argument("--root", type=Path, help="project folder (default: this checkout)")
    rep.add_argument(
        "--manifest", type=Path, help="manifest file (default: <root>/reports/reports.yaml)"
    )
    rep.add_argument(
        "--only", action="append", metavar="NAME", help="run only this report (repeatable)"
    )
    rep.add_argument(
        "--jobs",
        "-j",
        type=positive_int,
        default=os.cpu_count() or 1,
        help="kernels at once (default: number of cores, %(default)s)",
    )
    rep.add_argument("--force", action="store_true", help="rebuild even if up to date")
    rep.add_argument("--list", action="store_true", help="list the reports and exit")
    rep.add_argument("--dry-run", action="store_true", help="say what would run and why")
    rep.add_argument("--kernel", help="Jupyter kernel (default: the manifest's, or jpbudget)")
    rep.add_argument(
        "--timeout",
        type=positive_int,
        default=None,
        help="per-cell timeout in whole seconds (default: none)",
    )
    nbs = subs.add_parser(
        "notebooks",
        help="re-execute notebooks/ in place (make notebooks)",
        description="Re-execute notebooks in place with their defaults, for nbval.",
    )
    nbs.add_argument("notebooks", nargs="*", type=Path, help="default: every notebooks/*.ipynb")
    return top


def _summary(result: RunResult, root: Path) -> str:
    counts: dict[str, int] = {}
    for o in result.outcomes:
        counts[o.status.value] = counts.get(o.status.value, 0) + 1
    head = ", ".join(f"{n} {s}" for s, n in counts.items())
    lines = [f"reports: {head}"]
    if result.failed:
        lines.append(f"{len(result.failed)} report(s) failed:")
        for o in result.failed:
            where = (
                f"; the failed run's notebook kept at {_rel(o.failed_notebook, root)}"
                if o.failed_notebook
                else ""
            )
            lines.append(f"  {o.name}: {o.error}{where}")
    if result.interrupted:
        lines.append("interrupted: unfinished reports were discarded, earlier outputs kept")
    if result.index_error:
        lines.append(f"the index was not rewritten: {result.index_error}")
    return "\n".join(lines)


def _reports(args: argparse.Namespace) -> int:
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
    except RunnerError as exc:
        print(f"jpbudget reports: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as exc:  # before or after the execution phase
        print("interrupted", file=sys.stderr)
        return 128 + exc.signum if hasattr(exc, "signum") else EXIT_INTERRUPTED
    print(_summary(result, root), file=sys.stderr if result.exit_code else sys.stdout)
    return result.exit_code


def _notebooks(args: argparse.Namespace) -> int:
    from .refresh import notebook_paths, refresh

    failed = refresh(args.notebooks or notebook_paths(), out=sys.stdout, err=sys.stderr)
    return EXIT_FAILED if failed else EXIT_OK


def main(argv: Sequence[str] | None = None, *, subcommand_optional: bool = False) -> int:
    """Entry point of ``jpbudget``; with ``subcommand_optional``, ``reports`` is the default."""
    args_in = list(sys.argv[1:] if argv is None else argv)
    if subcommand_optional and (not args_in or args_in[0] not in (*SUBCOMMANDS, "-h", "--help")):
        args_in.insert(0, "reports")
    try:
        args = parser().parse_args(args_in)
    except SystemExit as exc:  # argparse has printed the usage and the error
        return exc.code if isinstance(exc.code, int) else EXIT_USAGE
    return _reports(args) if args.command == "reports" else _notebooks(args)
