"""The command line: ``jpbudget reports [options]``."""

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
from .outcome import EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, RunResult
from .run import run_reports


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
