"""Every report of the project's manifest, in every language, as the session's shared build
(``built_site``, conftest.py) wrote it: the bilingual page checks of tests/page_checks.py on each
Japanese page and its English counterpart, and on both landing pages.
"""

from page_checks import check_site


def test_every_page_and_its_counterpart_pass_the_page_checks(built_site):
    out = built_site / "reports"
    assert (out / "index.ja.html").is_file() and (out / "index.html").is_file()
    assert check_site(out) == []
