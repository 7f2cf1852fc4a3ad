"""Every report of the project's manifest, in every language, as the session's shared build
(``built_site``, conftest.py) wrote it: every report built, and the bilingual page checks of
tests/page_checks.py on each Japanese page and its English counterpart and on both landing pages.
The pages fixture's shared build (``fixture_site``) is checked to have built every report too:
the tests reading it would otherwise fail for a reason they do not name.
"""

from jpbudget import reports
from jpbudget.reports.export import index_name
from page_checks import check_site
from pages_project import shared_log


def test_every_report_of_the_manifest_builds_in_every_language(built_site):
    assert_every_report_built(built_site)


def test_every_report_of_the_pages_fixture_builds(fixture_site):
    assert_every_report_built(fixture_site)


def assert_every_report_built(built_site):
    manifest = reports.load_manifest(root=built_site)
    out = built_site / "reports"
    missing = [r.name for r in manifest.reports if not (out / f"{r.name}.html").is_file()]
    failed = sorted(p.name for p in (out / "failed").glob("*")) if (out / "failed").exists() else []
    assert (missing, failed) == ([], []), shared_log(built_site)
    for lang in manifest.languages_built():
        assert (out / index_name(lang)).is_file(), lang


def test_every_page_and_its_counterpart_pass_the_page_checks(built_site):
    out = built_site / "reports"
    assert (out / "index.html").is_file()
    assert check_site(out) == []
