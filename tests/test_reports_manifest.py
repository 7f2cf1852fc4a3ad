"""The report manifest and the command line, without kernels: every bad input refused by name.

Each test works on its own temporary copy of the project (``runner_project.make_project``).
"""

from __future__ import annotations

import re
import string

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jpbudget import reports
from jpbudget.reports.dependencies import modules_of, notebook_code
from runner_project import FIXTURE_REL, FIXTURES, REPO, make_project, run

CHART = f"{FIXTURE_REL}/chart.ipynb"
TEXT = f"{FIXTURE_REL}/text.ipynb"


def problems_of(root) -> list[str]:
    with pytest.raises(reports.ManifestError) as info:
        reports.load_manifest(root=root)
    return info.value.problems


def test_the_fixture_manifest_loads(tmp_path):
    manifest = reports.load_manifest(root=make_project(tmp_path))
    assert [r.name for r in manifest.reports] == ["chart", "chart-big", "text"]
    assert manifest.reports[1].parameters == {"scale": 2.5, "title": "Big chart"}
    assert manifest.reports[1].data == ("raw/*",)
    assert manifest.reports[0].data is None


def test_the_project_manifest_loads():
    manifest = reports.load_manifest(root=REPO)
    assert "budget-growth" in [r.name for r in manifest.reports]


def test_manifest_errors_name_the_line(tmp_path, capsys):
    manifest = f"""reports:
  - name: chart
    notebook: {CHART}
  - name: chart
    notebook: {CHART}
  - name: ghost
    notebook: notebooks/ghost.ipynb
  - name: typo
    notebook: {TEXT}
    parameters:
      n: 4
      colour: red
"""
    root = make_project(tmp_path, manifest)
    problems = problems_of(root)
    assert len(problems) == 3
    assert problems[0] == (
        "reports/reports.yaml:4: duplicate report name 'chart' (first defined at line 2)"
    )
    assert problems[1].startswith("reports/reports.yaml:7: report 'ghost': unknown notebook")
    assert problems[2] == (
        "reports/reports.yaml:12: report 'typo': parameter 'colour' is not declared by "
        f"{TEXT} (declared: n, seconds, pid_file)"
    )
    code, out = run(root, capsys=capsys)
    assert code == 2
    assert "reports/reports.yaml:12" in out
    assert sorted(p.name for p in (root / "reports").iterdir()) == ["reports.yaml"]


def test_unknown_keys_and_reserved_names(tmp_path):
    root = make_project(
        tmp_path, "reports:\n  - name: index\n    notebook: x.ipynb\n    colour: 1\n"
    )
    problems = problems_of(root)
    assert problems[0].startswith("reports/reports.yaml:2: report 'index': 'name' must be")
    assert problems[1].startswith("reports/reports.yaml:4: report 'index': unknown key 'colour'")


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        # a name with a final newline ($ would match before it)
        ('name: "nl\\n"', "reports/reports.yaml:2: report 'nl\\n': 'name' must be 1 to 100"),
        # too long for a file name once ".ipynb" and the staging prefix are added
        (f"name: {'a' * 250}", "report 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'... (250 "),
        ("name: a/b", "report 'a/b': 'name' must be"),
        ("name: .hidden", "report '.hidden': 'name' must be"),
    ],
)
def test_bad_names_are_refused(tmp_path, capsys, entry, expected):
    root = make_project(tmp_path, f"reports:\n  - {entry}\n    notebook: {CHART}\n")
    (problem,) = problems_of(root)
    assert expected in problem
    code, out = run(root, "--dry-run", capsys=capsys)
    assert code == 2 and expected in out
    assert "would run" not in out


def test_a_name_of_100_characters_is_accepted(tmp_path):
    root = make_project(tmp_path, f"reports:\n  - name: {'a' * 100}\n    notebook: {CHART}\n")
    assert reports.load_manifest(root=root).reports[0].name == "a" * 100


def test_an_unquoted_yaml_date_is_refused_naming_the_entry(tmp_path, capsys):
    manifest = f"reports:\n  - name: d\n    notebook: {CHART}\n    parameters: {{fx: 2025-12-26}}\n"
    root = make_project(tmp_path, manifest)
    message = (
        "reports/reports.yaml:4: report 'd': parameter 'fx': 2025-12-26 is read by YAML as a "
        'date, not text; quote it ("2025-12-26")'
    )
    assert problems_of(root) == [message]
    code, out = run(root, "--dry-run", capsys=capsys)
    assert code == 2 and message in out


def test_a_manifest_that_is_not_utf8_is_refused_naming_the_entry(tmp_path, capsys):
    manifest = f"reports:\n  - name: cafe\n    notebook: {CHART}\n    description: caf\xe9\n"
    root = make_project(tmp_path, manifest.encode("latin-1"))
    message = (
        "reports/reports.yaml:4: report 'cafe': not UTF-8 text: byte 0xe9 cannot be decoded "
        "(save the manifest as UTF-8)"
    )
    assert problems_of(root) == [message]
    code, out = run(root, "--list", capsys=capsys)
    assert code == 2 and message in out


def test_duplicate_yaml_keys_are_refused(tmp_path):
    manifest = f"reports:\n  - name: x\n    notebook: {CHART}\n    name: y\n"
    assert problems_of(make_project(tmp_path, manifest)) == [
        "reports/reports.yaml:4: report 'x': duplicate key 'name' (first at line 2; "
        "YAML would keep only the last)"
    ]


def test_notebooks_outside_the_project_are_refused(tmp_path):
    outside = tmp_path / "elsewhere.ipynb"
    outside.write_bytes((FIXTURES / "chart.ipynb").read_bytes())
    manifest = (
        f"reports:\n  - name: abs\n    notebook: {outside}\n"
        "  - name: up\n    notebook: ../elsewhere.ipynb\n"
    )
    root = make_project(tmp_path, manifest)
    assert problems_of(root) == [
        f"reports/reports.yaml:3: report 'abs': notebook '{outside}' must be a path relative "
        "to the project folder",
        f"reports/reports.yaml:5: report 'up': notebook '../elsewhere.ipynb' is outside the "
        f"project folder {root}",
    ]


def test_a_data_pattern_matching_no_file_is_refused(tmp_path):
    manifest = f"reports:\n  - name: x\n    notebook: {CHART}\n    data: [raw/*, budget-line.csv]\n"
    assert problems_of(make_project(tmp_path, manifest)) == [
        "reports/reports.yaml:4: report 'x': data 'budget-line.csv' matches no file under "
        "data/ (a report would never notice its data change)"
    ]


def test_a_parameter_that_is_not_a_json_value_is_refused(tmp_path):
    manifest = (
        f"reports:\n  - name: x\n    notebook: {CHART}\n    parameters: {{scale: !!set {{a}}}}\n"
    )
    (problem,) = problems_of(make_project(tmp_path, manifest))
    assert problem.startswith("reports/reports.yaml:4: report 'x': parameter 'scale' must be")


@pytest.mark.parametrize("value", [".nan", "-.inf", "[1, .inf]"])
def test_a_parameter_that_is_not_finite_is_refused(tmp_path, value):
    manifest = (
        f"reports:\n  - name: x\n    notebook: {CHART}\n    parameters:\n      scale: {value}\n"
    )
    (problem,) = problems_of(make_project(tmp_path, manifest))
    assert problem.startswith("reports/reports.yaml:5: report 'x': parameter 'scale': ")
    assert problem.endswith(
        "holds a number that is not finite (.nan, .inf); give a finite number or text"
    )


def test_top_level_shape(tmp_path):
    assert problems_of(make_project(tmp_path, "- a\n")) == [
        "reports/reports.yaml:1: expected a mapping with a 'reports' list (and optionally "
        "'kernel', 'languages')"
    ]


def test_only_unknown_report_is_an_error(tmp_path, capsys):
    code, out = run(make_project(tmp_path), "--only", "nope", "--dry-run", capsys=capsys)
    assert code == 2
    assert "--only 'nope': no such report" in out


def test_declared_parameters_come_from_papermill():
    assert reports.declared_parameters(FIXTURES / "chart.ipynb") == {
        "title": "Fixture chart",
        "scale": 1.0,
        "fx": "announcement",
        "copies": 1,
    }


def test_list_shows_the_manifest(tmp_path, capsys):
    code, out = run(make_project(tmp_path), "--list", capsys=capsys)
    assert code == 0
    assert out.splitlines() == [
        f"chart\t{CHART}\t(defaults)",
        f"chart-big\t{CHART}\tscale=2.5, title='Big chart'",
        f"text\t{TEXT}\tn=10",
    ]


# ---------------------------------------------------------------------------------------------
# Command line


@pytest.mark.parametrize("value", ["30.5", "nan", "0", "-3"])
def test_timeout_must_be_a_positive_whole_number(tmp_path, capsys, value):
    code, out = run(make_project(tmp_path), "--timeout", value, capsys=capsys)
    assert code == 2
    assert f"argument --timeout: {value!r}" in out


def test_jobs_must_be_positive(tmp_path, capsys):
    code, out = run(make_project(tmp_path), "--jobs", "0", capsys=capsys)
    assert code == 2 and "argument --jobs/-j: '0' must be at least 1" in out


def test_main_requires_a_known_subcommand(capsys):
    assert reports.main([]) == 2
    assert reports.main(["frobnicate"]) == 2
    assert "invalid choice: 'frobnicate'" in capsys.readouterr().err


def test_python_m_defaults_to_reports(tmp_path, capsys):
    root = make_project(tmp_path)
    assert reports.main(["--root", str(root), "--list"], subcommand_optional=True) == 0
    assert capsys.readouterr().out.startswith("chart\t")


# ---------------------------------------------------------------------------------------------
# What a report depends on


def test_a_report_depends_on_the_library_modules_it_imports():
    lib = reports.library_dir()
    chart = {
        p.relative_to(lib).as_posix()
        for p in modules_of(notebook_code(FIXTURES / "chart.ipynb"), lib)
    }
    assert {
        "__init__.py",
        "fx/__init__.py",
        "paths.py",
        "provenance.py",
        "data/__init__.py",
    } <= chart
    assert not any(name.startswith("reports/") for name in chart)
    assert modules_of(notebook_code(FIXTURES / "text.ipynb"), lib) == []


def test_relative_and_dynamic_imports_are_followed(tmp_path):
    lib = tmp_path / "jpbudget"
    (lib / "sub").mkdir(parents=True)
    (lib / "__init__.py").write_text(
        "import importlib\ndef f():\n    importlib.import_module('.lazy', __name__)\n"
    )
    (lib / "lazy.py").write_text("from .sub import inner\n")
    (lib / "sub" / "__init__.py").write_text("")
    (lib / "sub" / "inner.py").write_text("from .. import lazy\n")
    (lib / "unused.py").write_text("")
    found = [p.relative_to(lib).as_posix() for p in modules_of("from jpbudget import lazy", lib)]
    assert found == ["__init__.py", "lazy.py", "sub/__init__.py", "sub/inner.py"]


def test_a_module_importing_a_name_it_builds_depends_on_every_module_that_name_may_be(tmp_path):
    lib = tmp_path / "jpbudget"
    (lib / "lazy" / "deep").mkdir(parents=True)
    (lib / "__init__.py").write_text("")
    (lib / "lazy" / "__init__.py").write_text(
        "from importlib import import_module\n"
        "def __getattr__(name):\n    return import_module(f'.{name}', __name__)\n"
    )
    (lib / "lazy" / "one.py").write_text("")
    (lib / "lazy" / "deep" / "__init__.py").write_text("")
    (lib / "lazy" / "deep" / "two.py").write_text("")
    (lib / "other.py").write_text("")
    found = [p.relative_to(lib).as_posix() for p in modules_of("import jpbudget.lazy", lib)]
    assert found == [
        "__init__.py",
        "lazy/__init__.py",
        "lazy/deep/__init__.py",
        "lazy/deep/two.py",
        "lazy/one.py",
    ]


def test_a_report_drawing_charts_depends_on_the_chart_modules_loaded_on_first_use():
    # jpbudget.charts loads its chart modules by name when a chart is first asked for: a change
    # to one of them (the CSV's citations, say) must make the chart reports stale
    lib = reports.library_dir()
    code = notebook_code(REPO / "notebooks" / "budget_growth.ipynb")
    found = {p.relative_to(lib).as_posix() for p in modules_of(code, lib)}
    assert {"charts/budget.py", "charts/fifteen_month.py", "charts/sourcing.py"} <= found
    assert not any(name.startswith("reports/") for name in found)


# ---------------------------------------------------------------------------------------------
# Generated manifests: a plan, or a ManifestError naming the entry


_text = st.text(alphabet=string.ascii_letters + string.digits + "._-/\n :é\\\"'", max_size=12)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**6), 10**6),
    st.floats(allow_nan=False),
    st.dates(),  # written unquoted by yaml.safe_dump: read back as dates
    _text,
)
_entry = st.fixed_dictionaries(
    {"name": st.one_of(_text, st.just("chart"), st.integers())},
    optional={
        "notebook": st.sampled_from([CHART, TEXT, "missing.ipynb", "../x.ipynb", "/x.ipynb", "x"]),
        "parameters": st.one_of(
            st.none(),
            st.dictionaries(
                st.sampled_from(["n", "scale", "title", "colour"]), _scalar, max_size=3
            ),
            _scalar,
        ),
        "data": st.one_of(
            st.lists(st.sampled_from(["raw/*", "*.csv", "nothing", "../x"]), max_size=2), _scalar
        ),
        "description": _scalar,
        "colour": _scalar,
    },
)


@settings(
    max_examples=max(60, settings.default.max_examples // 2),  # 500 under "thorough"
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(entries=st.lists(_entry, max_size=4))
def test_generated_manifests_give_a_plan_or_name_the_entry(tmp_path_factory, entries):
    text = yaml.safe_dump({"reports": entries}, sort_keys=False, allow_unicode=True)
    root = make_project(tmp_path_factory.mktemp("gen"), text)
    try:
        manifest = reports.load_manifest(root=root)
    except reports.ManifestError as exc:
        assert exc.problems
        for problem in exc.problems:
            where, message = problem.split(": ", 1)
            assert re.fullmatch(r"reports/reports\.yaml:\d+", where), problem
            assert message.startswith(("report", "duplicate report name")), problem
        return
    plans = reports.plan(manifest)
    assert [p.report.name for p in plans] == [e["name"] for e in entries]
    assert all(p.reasons == ("new",) for p in plans)


# --- languages (issue 12): each entry also as NAME.ja -------------------------------------------

BILINGUAL = """languages: [en, ja]
reports:
  - name: growth
    notebook: notebooks/budget_growth.ipynb
  - name: growth-fy-average
    notebook: notebooks/budget_growth.ipynb
    description: at fiscal-year average rates
    description_ja: 年度平均レートで換算
    parameters:
      fx: fy-average
  - name: shares
    notebook: notebooks/allocation_shares.ipynb
    languages: [en]
"""


def load_text(tmp_path, text: str):
    path = tmp_path / "reports.yaml"
    path.write_text(text, encoding="utf-8")
    return reports.load_manifest(path, root=REPO)


def problems_in(tmp_path, text: str) -> list[str]:
    with pytest.raises(reports.ManifestError) as info:
        load_text(tmp_path, text)
    return [p.split(": ", 1)[1] for p in info.value.problems]  # without the file name


def test_languages_build_each_entry_also_in_japanese_named_name_ja(tmp_path):
    manifest = load_text(tmp_path, BILINGUAL)
    assert [(r.name, r.lang, r.parameters) for r in manifest.reports] == [
        ("growth", "en", {}),
        ("growth-fy-average", "en", {"fx": "fy-average"}),
        ("shares", "en", {}),
        ("growth.ja", "ja", {"lang": "ja"}),
        ("growth-fy-average.ja", "ja", {"fx": "fy-average", "lang": "ja"}),
    ]
    japanese = manifest.reports[4]
    assert japanese.entry == "growth-fy-average"
    assert japanese.counterparts() == {"en": "growth-fy-average", "ja": "growth-fy-average.ja"}
    assert japanese.described("ja") == "年度平均レートで換算"
    assert manifest.reports[2].counterparts() == {"en": "shares"}


def test_without_languages_only_english_is_built(tmp_path):
    manifest = load_text(
        tmp_path, "reports:\n  - name: growth\n    notebook: notebooks/budget_growth.ipynb\n"
    )
    assert [(r.name, r.lang) for r in manifest.reports] == [("growth", "en")]


def test_only_an_entry_selects_its_languages_and_a_variant_itself(tmp_path):
    manifest = load_text(tmp_path, BILINGUAL)
    assert [r.name for r in manifest.select(["growth"])] == ["growth", "growth.ja"]
    assert [r.name for r in manifest.select(["growth.ja"])] == ["growth.ja"]


@pytest.mark.parametrize(
    ("languages", "expected"),
    [
        ("[en, jp]", "'languages': each language must be one of ['en', 'ja']"),
        ("[ja]", "'languages' must be a list of distinct languages among ['en', 'ja'], 'en' "
         "included (the English page is the one every other links back to)"),
        ("[en, en]", "'languages' must be a list of distinct languages among ['en', 'ja'], "
         "'en' included (the English page is the one every other links back to)"),
    ],
)  # fmt: skip
def test_a_bad_languages_value_of_an_entry_is_refused_naming_it(tmp_path, languages, expected):
    text = f"reports:\n  - name: growth\n    notebook: notebooks/budget_growth.ipynb\n    languages: {languages}\n"
    assert problems_in(tmp_path, text) == [f"report 'growth': {expected}"]


def test_a_bad_top_level_languages_value_is_refused(tmp_path):
    text = "languages: [en, fr]\nreports:\n  - name: growth\n    notebook: notebooks/budget_growth.ipynb\n"
    assert problems_in(tmp_path, text) == ["'languages': each language must be one of ['en', 'ja']"]


def test_lang_in_parameters_is_refused_naming_the_entry(tmp_path):
    text = BILINGUAL.replace("      fx: fy-average", "      fx: fy-average\n      lang: ja")
    assert problems_in(tmp_path, text) == [
        "report 'growth-fy-average': parameter 'lang' is set by the runner for each of the "
        "report's 'languages' (en, ja); list the languages instead"
    ]


def test_a_name_ending_in_a_language_is_refused(tmp_path):
    text = "reports:\n  - name: growth.ja\n    notebook: notebooks/budget_growth.ipynb\n"
    (problem,) = problems_in(tmp_path, text)
    assert problem.startswith("report 'growth.ja': 'name' must be")
    assert problem.endswith(
        "not ending in a language such as '.ja': the runner names the variants)"
    )


def test_a_described_variant_built_in_japanese_needs_description_ja(tmp_path):
    text = BILINGUAL.replace("    description_ja: 年度平均レートで換算\n", "")
    assert problems_in(tmp_path, text) == [
        "report 'growth-fy-average': 'description_ja' is missing: a report built in Japanese "
        "describes its variant in Japanese too"
    ]


def test_a_notebook_without_lang_cannot_be_built_in_japanese(tmp_path):
    text = f"languages: [en, ja]\nreports:\n  - name: chart\n    notebook: {CHART}\n"
    with pytest.raises(reports.ManifestError) as info:
        reports.load_manifest(root=make_project(tmp_path, text))
    assert info.value.problems == [
        f"reports/reports.yaml:4: report 'chart': notebook '{CHART}' declares no 'lang' "
        "parameter, so it cannot be built in ja"
    ]
