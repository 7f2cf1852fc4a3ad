# jp-chip-budget: `make help` lists the targets. The README needs only `make reports` and
# `make test`; both create the environment first (`make setup`, a no-op when up to date).
SHELL := bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# uv from PATH, else a private copy installed with pip into .tools/
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
STAMP := $(VENV)/.setup-done
KERNEL := jpbudget
LINTED := lib tests benchmarks tools notebooks
# Jupyter refuses to run as root unless told; containers and CI machines often are root
ALLOW_ROOT := $(if $(filter 0,$(shell id -u)),--ServerApp.allow_root=True)
# nbval runs each notebook in the kernel its metadata names (jpbudget: the readers' kernel, forked
# from the same template as the other kernels of a worker)
PYTEST_NBVAL := --nbval --nbval-sanitize-with tests/nbval_sanitize.cfg
# pytest-xdist: one worker per core and one more (`make test PYTEST_WORKERS=0`: one process): the
# extra worker takes the CPU the others leave while they wait on kernels, servers and Chromium
# (2 cores: 3 workers 83-86 s, 2 workers 87-89 s, 4 workers 89 s). Under loadscope,
# tests/conftest.py spreads the tests one by one except its work units (a notebook's cells, a module-scoped
# build or server: one worker, in order), slowest first; JPBUDGET_HYPOTHESIS=thorough: 10x examples
# The shared builds (tests/conftest.py: built_site, every report of the manifest in every language;
# fixture_site) are made once per run by whichever worker asks first; the record of passed data
# validations goes to a folder of the run (JPBUDGET_CACHE_DIR), so every run starts cold.
# Measured on this 2-core machine, quiet, wall / user+sys CPU of `make test`:
#   start of the first day (1,577 tests, 14 English pages, no .pyc files): 2 min 52 s / 318 s
#   .pyc compiled at install only (--compile-bytecode, same tests):       1 min 51 s / 192 s
#   end of that day (1,820 tests, 28 pages in English and Japanese):      2 min 07 s / 227 s
#   kernels forked from a warm template (runner), unhinted WOFF font subsets,
#   one page load per browser page (1,831 tests):                          1 min 49 s / 178 s
#   every test kernel forked too, rfc3987-syntax left out (1,837 tests):   1 min 37 s / 161 s
#   lib/ compiled, more preloaded in the template, HarfBuzz font subsets,
#   per-resource validation records (1,857 tests, 2 workers):              1 min 28 s / 145 s
#   the same with 3 workers, fewer templates in test_forkserver (1,859):   1 min 24 s / 154 s
#   objects frozen before forks and after collection (gc.freeze), fewer garbage collections in
#   the workers, one template per process, RGB PNGs, layout settled without drawing, kernels
#   used as soon as they answer (1,869 tests):                           1 min 12 s / 130 s
#   (the same code an hour later, the machine ~10% slower:                1 min 18 s / 141 s)
#   kernels start with the debugger preloaded and on private Unix sockets (no lost TCP port),
#   one Japanese-font probe per style in the browser test (1,902 tests):   1 min 07 s / 131 s
#   (15 runs over two hours: 1 min 05 s to 1 min 11 s, 128 to 137 s; a fresh clone's first run
#   1 min 09 s to 1 min 13 s, and about 10 s more to create the environment first)
#   .pyc written as modules are first imported (not all 7,047 at install), tabs reused in the
#   browser test, one browser, nbval on the jpbudget kernel, the descriptor's check recorded
#   (1,908 tests), a later run:                                          1 min 03 s / 116 s
#   (a fresh clone's `CI=true bash .ci/run`, environment and first run included, five runs
#   over an hour: 1 min 14 s to 1 min 26 s / 132 to 153 s; the machine slowed by ~20%)
#   matplotlib 3.10 (3.11 drew the charts' text glyph by glyph), the libraries' bytecode
#   compiled at setup (1,915 tests), a fresh clone's `CI=true bash .ci/run`, two runs each,
#   taking turns with the code before: 1 min 14 s and 1 min 15 s / 131 s (before: 1 min 17 s
#   and 1 min 20 s / 138 to 141 s); its `make test` 1 min 06 s to 1 min 07 s
#   uv installed by pip without resolving or compiling, the browser's font check asking for the
#   marked nodes only, the validation-cache tests starting from recorded passes (1,917 tests),
#   a fresh clone's `CI=true bash .ci/run`, two runs each, taking turns with the code before:
#   1 min 07 s and 1 min 10 s / 121 and 124 s (before: 1 min 08 s and 1 min 11 s / 122 and
#   125 s); a later `make test` (1,918 tests) 1 min 01 s / 111 s
# CPU is the limit. The shared build of the 28 reports costs ~30 s of CPU (its kernels ~0.8 s
# each, 60% of it drawing charts), Chromium ~11 s, the runner's end-to-end tests ~8 s, the data
# corruption, cache and error tests ~20 s (Frictionless validating damaged copies), each
# worker's start-up and collection ~2.3 s.
# the cores this process may use (as xdist's "auto" counts them), and one
PYTEST_WORKERS ?= $(shell $(PYTHON) -c 'import os; print(len(os.sched_getaffinity(0)) + 1 \
	if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1) + 1)')
PYTEST_PARALLEL := --numprocesses $(PYTEST_WORKERS) --dist loadscope --no-loadscope-reorder

.PHONY: help setup test lint reports lab notebooks bench clean messages

help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z-]*:.*## / {printf "  make %-10s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

# with this Python's pip into .tools/ (1.3 s); where it has none (or may not install), in a
# virtual environment of its own (3.9 s: the environment is made first). The version that wrote
# uv.lock; uv has no dependencies and runs no Python of its own, so pip neither resolves nor
# compiles anything, and does not ask PyPI for its own latest version (1.7 s with all three).
UV_VERSION := 0.13.9
PIP_INSTALL := -m pip install --quiet --disable-pip-version-check --no-deps --no-compile
.tools/bin/uv:
	$(PYTHON) $(PIP_INSTALL) --target .tools uv==$(UV_VERSION) 2>/dev/null || { \
		$(PYTHON) -m venv .tools && .tools/bin/python $(PIP_INSTALL) uv==$(UV_VERSION); }

# Bytecode: every command run here writes the .pyc of each module it imports, the first time it
# imports it, even where PYTHONDONTWRITEBYTECODE is set (as on this project's machines; without
# .pyc files every process, each notebook kernel included, compiled pandas, matplotlib and the
# rest from source again, ~1 s each). The tests import about 2,700 of the environment's 7,047
# modules. Left to import, a fresh clone's first run took 7 s (12 s of CPU) longer than the next:
# the workers and kernel templates starting together compiled the same modules at once.
# Compiling all 7,047 at install (`uv sync --compile-bytecode`) took 6.6 s on 2 cores; setup
# compiles those of the 388 folders the commands import from (tools/precompile.py), 2.8 s, and the
# first run is then about as fast as the next. (`make setup PRECOMPILE=--own-only`: an
# environment to record the list from, tools/precompile.py)
unexport PYTHONDONTWRITEBYTECODE
$(STAMP): uv.lock pyproject.toml tools/precompile-folders.txt | $(UV)
	$(UV) sync --locked
	$(BIN)/python tools/precompile.py $(PRECOMPILE)
	$(BIN)/python -m ipykernel install --sys-prefix --name $(KERNEL) \
		--display-name "Python (jpbudget)" >/dev/null
	@touch $@

setup: $(STAMP) ## Create .venv from uv.lock and register the "jpbudget" kernel (no-op if done)

lint: setup ## Check style with ruff (lint and formatting)
	$(BIN)/ruff check $(LINTED)
	$(BIN)/ruff format --check $(LINTED)

# lib/'s own modules compiled before the test workers start (0.1 s; nothing when they are up to
# date), so that they do not each compile them at once
BYTECODE := $(BIN)/python -m compileall -q lib

test: setup lint ## Run every check: lint, unit/property/doc tests, data and notebook tests
	@$(BYTECODE)
	@$(BIN)/python -m pytest $(PYTEST_NBVAL) $(PYTEST_PARALLEL); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "pytest collected no tests: that is a failure here" >&2; fi; \
	exit $$rc

reports: setup ## Build every report of reports/reports.yaml into reports/ (only what changed)
	@$(BYTECODE)
	$(BIN)/jpbudget reports

notebooks: setup ## Re-execute notebooks/ in place after a data or library change (for nbval)
	$(BIN)/jpbudget notebooks

# Message catalogs (gettext, Babel): the template and each language's .po live in the package;
# the .po is compiled in memory at run time (jpbudget.i18n), so no .mo file is written or kept
LOCALE := lib/jpbudget/locale
messages: setup ## Extract reader-facing messages into the catalog template, update the Japanese .po
	$(BIN)/pybabel --quiet extract -F $(LOCALE)/babel.cfg -o $(LOCALE)/jpbudget.pot.new \
		--project=jpbudget --add-location=file --sort-output -c TRANSLATORS: \
		--header-comment=$$'# Messages of jpbudget: written by `make messages`, do not edit.\n#' \
		lib/jpbudget notebooks
	@# keep the template (and its date) when no message changed
	@if diff -q -I '^"POT-Creation-Date: ' $(LOCALE)/jpbudget.pot $(LOCALE)/jpbudget.pot.new \
		>/dev/null 2>&1; then rm $(LOCALE)/jpbudget.pot.new; \
	else mv $(LOCALE)/jpbudget.pot.new $(LOCALE)/jpbudget.pot; fi
	$(BIN)/pybabel --quiet update -i $(LOCALE)/jpbudget.pot -d $(LOCALE) -D jpbudget -l ja \
		--ignore-obsolete --ignore-pot-creation-date --no-fuzzy-matching
	$(BIN)/pybabel compile --statistics -D jpbudget -l ja -i $(LOCALE)/ja/LC_MESSAGES/jpbudget.po \
		-o /dev/null

lab: setup ## Start JupyterLab (token authentication on) with the project's kernel
	$(BIN)/jupyter lab --no-browser --ServerApp.ip=127.0.0.1 $(ALLOW_ROOT) \
		--ServerApp.root_dir=$(CURDIR) --MappingKernelManager.default_kernel_name=$(KERNEL)

bench: setup ## Run the benchmarks under benchmarks/
	$(BIN)/python benchmarks/bench_fx.py
	$(BIN)/python benchmarks/bench_fonts.py
	$(BIN)/python benchmarks/bench_png.py
	$(BIN)/python benchmarks/bench_charts.py --against 3.11.2

clean: ## Remove generated reports and caches (keeps .venv)
	rm -rf reports/*.ipynb reports/*.html reports/figures reports/failed .pytest_cache .ruff_cache
