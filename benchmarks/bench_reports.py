"""Benchmark of the report runner (committed, not a timed test).

On a temporary copy of the project (data/, uv.lock, the manifest's notebooks), in one run:

1. every report one after another with the ``papermill`` command line (same kernel);
2. a full regeneration with ``jpbudget reports --jobs 2`` (``--force``), its kernels forked
   from a warm template (the default), then the same with every kernel started afresh
   (``JPBUDGET_KERNEL_TEMPLATE=off``), each with the CPU time of all its processes;
3. a no-op re-run of ``jpbudget reports``;
4. in-process, the no-op check itself: ``jpbudget.reports.plan`` (manifest, papermill's
   parameter inspection, fingerprints: the notebooks' imported library modules and the data).

Targets on the project's 2-core machine: (2) at most 0.6 of (1), and with the template at most
0.8 of the run without it; (3) under 5% of (2).

    .venv/bin/python benchmarks/bench_reports.py                      # reports/reports.yaml
    .venv/bin/python benchmarks/bench_reports.py --manifest tests/fixtures/reports/reports.yaml
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from jpbudget.paths import project_root
from jpbudget.reports import load_manifest, plan

BIN = Path(sys.executable).parent
FULL_TARGET, NOOP_TARGET, TEMPLATE_TARGET = 0.6, 0.05, 0.8


def copy_project(root: Path, manifest_path: Path, dest: Path) -> Path:
    manifest = load_manifest(manifest_path, root)
    shutil.copytree(root / "data", dest / "data")
    if (root / "uv.lock").is_file():
        shutil.copy2(root / "uv.lock", dest / "uv.lock")
    for report in manifest.reports:
        target = dest / report.notebook_rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(report.notebook, target)
    (dest / "reports").mkdir()
    shutil.copy2(manifest_path, dest / "reports" / "reports.yaml")
    return dest


FAILURES: list[str] = []


#: CPU seconds (user + system) of each command :func:`timed` ran, its processes' included.
CPU: list[float] = []


def timed(cmd: list[str], env: dict, cwd: Path) -> float:
    """Seconds ``cmd`` took; a failure is noted (a failing report takes time as well)."""
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    if done.returncode:
        tail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        FAILURES.append(f"{' '.join(cmd[:2])} ... exited {done.returncode}: {tail[0][:200]}")
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manifest", type=Path, default=None)
    parser.add_argument("--root", type=Path, default=None, help="project to copy")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--kernel", default="jpbudget")
    args = parser.parse_args()
    root = (args.root or project_root()).resolve()
    manifest_path = (args.manifest or root / "reports" / "reports.yaml").resolve()

    with tempfile.TemporaryDirectory(prefix="bench-reports-") as tmp:
        copy = copy_project(root, manifest_path, Path(tmp) / "project")
        manifest = load_manifest(root=copy)
        env = {**os.environ, "JPBUDGET_ROOT": str(copy)}
        scratch = Path(tmp) / "papermill-out"
        scratch.mkdir()
        # warm the OS file cache for the kernel's imports, for both contenders alike
        subprocess.run([sys.executable, "-c", "import jpbudget, matplotlib.pyplot"], check=True)

        sequential = 0.0
        for report in manifest.reports:
            cmd = [str(BIN / "papermill"), "--no-progress-bar", "-k", args.kernel]
            cmd += ["--cwd", str(report.notebook.parent)]
            if report.parameters:
                cmd += ["-y", json.dumps(report.parameters)]
            cmd += [str(report.notebook), str(scratch / f"{report.name}.ipynb")]
            sequential += timed(cmd, env, copy)

        runner = [str(BIN / "jpbudget"), "reports", "--root", str(copy), "--jobs", str(args.jobs)]
        full = timed([*runner, "--force"], env, copy)
        full_cpu = CPU[-1]
        fresh = timed([*runner, "--force"], {**env, "JPBUDGET_KERNEL_TEMPLATE": "off"}, copy)
        fresh_cpu = CPU[-1]
        # others may edit lib/ meanwhile (the kernels import the live library): say so
        dry = subprocess.run([*runner, "--dry-run"], env=env, capture_output=True, text=True)
        stale = [line for line in dry.stdout.splitlines() if "would run" in line]
        noop = timed(runner, env, copy)
        start = time.perf_counter()
        plans = plan(load_manifest(root=copy))
        check = time.perf_counter() - start

    n = len(manifest.reports)
    full_ratio, noop_ratio = full / sequential, noop / full
    print(f"reports: {n} ({manifest_path})")
    print(f"sequential papermill CLI:       {sequential:7.1f} s")
    print(f"jpbudget reports --jobs {args.jobs}:     {full:7.1f} s  ({full_cpu:.1f} s of CPU)")
    print(f"  kernels started afresh:       {fresh:7.1f} s  ({fresh_cpu:.1f} s of CPU)")
    print(f"no-op re-run:                   {noop:7.2f} s")
    print(
        f"  of which load + plan in-process: {check:5.2f} s ({sum(p.needed for p in plans)} stale)"
    )
    verdict = "ok" if full_ratio <= FULL_TARGET else "MISSED"
    print(f"full / sequential = {full_ratio:.2f}  (target <= {FULL_TARGET}: {verdict})")
    template_ratio = full / fresh
    verdict = "ok" if template_ratio <= TEMPLATE_TARGET else "MISSED"
    print(f"template / afresh = {template_ratio:.2f}  (target <= {TEMPLATE_TARGET}: {verdict})")
    verdict = "ok" if noop_ratio < NOOP_TARGET else "MISSED"
    print(f"no-op / full      = {noop_ratio:.3f} (target < {NOOP_TARGET}: {verdict})")
    if FAILURES:
        print("warning: some runs failed (their time is included):")
        print("  " + "\n  ".join(FAILURES))
    if stale:
        print("warning: the re-run was not a no-op (inputs changed during the benchmark):")
        print("  " + "\n  ".join(stale))
    return 0


if __name__ == "__main__":
    sys.exit(main())
