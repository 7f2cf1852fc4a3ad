"""How `make test` shares the tests between pytest-xdist workers (``--dist loadscope``).

Under ``--dist loadscope`` this file gives xdist its own scheduler: a test stands alone by
default (any worker may run it, so every worker stays busy to the end); tests that share a
module-scoped fixture (a built project, a Jupyter server, a browser) or must run in order (the
cells of a notebook under nbval) form one work unit, run on one worker in order
(``work_unit``). The slowest units are handed out first, so that no
long unit starts last (with ``--no-loadscope-reorder``, xdist keeps the collection order).
(``--dist loadgroup`` and ``xdist_group`` marks would say the same, but xdist 3.8 cannot rename
node ids under pytest 9, so its groups are silently ignored.)

Shared builds (``built_site``, ``fixture_site``): each project is built once per session, by
whichever worker asks first, and read by every test that needs its pages or executed notebooks.

The record of passed data validations (jpbudget.data.validation_cache) goes to a folder of this
session (``JPBUDGET_CACHE_DIR``, inherited by the workers and every kernel), so that a run
starts from nothing and leaves nothing behind; the language is put back to English after
each test.

Hypothesis profiles: ``make`` (default) and ``thorough`` (``JPBUDGET_HYPOTHESIS=thorough make test``),
at the end of this file.
"""

from __future__ import annotations

import gc
import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings
from pages_project import fixture_project, real_project, shared_build
from xdist.scheduler import LoadScopeScheduling

_CACHE_ENV = "JPBUDGET_CACHE_DIR"
_CACHE_KEY = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    """A validation record folder for this session (the controller's; workers inherit it); the
    kernels this process starts (nbval's, papermill's, single-report runs') forked from its
    warm template, as a run of several reports forks them (jpbudget.reports.forkserver; the
    same outputs, tests/test_forkserver.py; ``JPBUDGET_KERNEL_TEMPLATE=off`` switches it off)."""
    # Garbage collection: a young collection every 50,000 net allocations, not 700. Collecting
    # and running the tests allocates millions of objects, nearly all freed by reference
    # counting; with 700, the workers ran some 3,000 young collections each and, with them,
    # some 20 full ones (2.5 s of CPU per worker). Cycles are still collected, later.
    gc.set_threshold(50_000, 10, 10)
    from jpbudget.reports import provisioner
    from jupyter_client.provisioning import KernelProvisionerFactory

    KernelProvisionerFactory.instance().default_provisioner_name = provisioner.NAME
    if _CACHE_ENV not in os.environ and not hasattr(config, "workerinput"):
        folder = tempfile.mkdtemp(prefix="jpbudget-test-cache-")
        os.environ[_CACHE_ENV] = folder
        config.stash[_CACHE_KEY] = folder


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = config.stash.get(_CACHE_KEY, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(_CACHE_ENV, None)


@pytest.fixture(autouse=True)
def _english_after_each_test():
    """A test that forgets ``i18n.using`` cannot leak its language into the next test."""
    yield
    from jpbudget import i18n

    i18n.activate("en")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """A copy of the project with every report of reports/reports.yaml built, every language.

    Built once per session (``pages_project.shared_build``); read only: copy it to change it.
    """
    return shared_build(tmp_path_factory, "site", real_project)


@pytest.fixture(scope="session")
def fixture_site(tmp_path_factory) -> Path:
    """A copy of the project with the pages fixture (tests/fixtures/pages) built; read only."""
    return shared_build(tmp_path_factory, "fixture-site", fixture_project)


#: Modules whose tests share module-scoped fixtures: one worker each (as under loadscope).
SHARED_MODULES = {
    "tests/test_browser.py",
    "tests/test_charts.py",
    "tests/test_data_figures.py",
    "tests/test_forkserver.py",
    "tests/test_lab.py",
    "tests/test_pages.py",
    "tests/test_pages_ja.py",
    "tests/test_reports.py",
    "tests/test_reports_staleness.py",
    "tests/test_story_a_ja.py",
}

#: Started first, longest first (kernel runs and builds); everything else keeps its order. The
#: browser's unit comes first because it builds the shared site (``built_site``: every report,
#: three kernels at a time) while the other workers work through the rest; it then checks the
#: pages fixture's build in the same browser (one Chromium started, not two: ~0.85 s of CPU).
SLOW_FIRST = (
    "tests/test_browser.py",
    "tests/test_reports.py",
    "tests/test_lab.py",
    "tests/test_pages_ja.py",
    "notebooks/",
    "tests/test_notebooks.py",
    "tests/test_peers_notebook.py",
    "tests/test_pages.py",
)


def work_unit(nodeid: str) -> str:
    """The tests that must run on one worker, in order, share this name; others stand alone."""
    path = nodeid.split("::", 1)[0]
    if path.endswith(".ipynb"):  # nbval: a notebook's cells run in order, in one kernel
        return path
    if path in SHARED_MODULES:
        return path
    return nodeid


def _rank(item: pytest.Item) -> int:
    """Position of ``item``'s unit: SLOW_FIRST, then the rest, then the other readers of the
    shared site (last, so that they find it built instead of waiting for it)."""
    unit = work_unit(item.nodeid)
    if "built_site" in getattr(item, "fixturenames", ()) and unit == item.nodeid:
        return len(SLOW_FIRST) + 1
    return next((i for i, p in enumerate(SLOW_FIRST) if unit.startswith(p)), len(SLOW_FIRST))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    items.sort(key=_rank)  # stable: the order inside a work unit is kept


def pytest_collection_finish(session: pytest.Session) -> None:
    """What importing and collecting made (modules, test functions, the libraries' objects)
    lives as long as the session: frozen (``gc.freeze``), so that no garbage collection walks it
    again (some 250,000 objects in each worker). What the tests make is collected as usual."""
    gc.freeze()


class _WorkUnitScheduling(LoadScopeScheduling):
    """xdist's loadscope, with ``work_unit`` as the scope instead of the module."""

    def _split_scope(self, nodeid: str) -> str:
        return work_unit(nodeid)


def pytest_xdist_make_scheduler(config: pytest.Config, log) -> LoadScopeScheduling | None:
    if config.getvalue("dist") != "loadscope":
        return None
    return _WorkUnitScheduling(config, log)


# --- Hypothesis ----------------------------------------------------------------------------
# "make" (the default): Hypothesis's usual 100 examples per property, or what a test asks for;
# "thorough" (JPBUDGET_HYPOTHESIS=thorough): ten times as many, for a long run before a release. Never a deadline (the machine is shared), never a
# database in the worktree (the suite runs in parallel).
_COMMON = {
    "deadline": None,
    "database": None,
    "suppress_health_check": [HealthCheck.too_slow],
}
settings.register_profile("make", max_examples=100, **_COMMON)
settings.register_profile("thorough", max_examples=1000, **_COMMON)
settings.load_profile(os.environ.get("JPBUDGET_HYPOTHESIS", "make"))
