"""A page is rendered once; its head's font slot is filled with the subset of exactly its characters."""

import re

import jinja2
import pytest
from jpbudget.reports.export import TEMPLATES
from jpbudget.reports.fonts import font_slot, japanese_characters, with_font

ENV = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES / "jpbudget_report")))


def _page(slot: str, body: str) -> str:
    return f"<head><style>\n{slot}p {{}}\n</style></head><body>{body}</body>"


def _range(html: str) -> str:
    found = re.search(r"unicode-range: ([^;]+);", html)
    return "".join(chr(int(code[2:], 16)) for code in found.group(1).split(", "))


def test_the_slot_becomes_the_rule_of_exactly_the_pages_japanese_characters():
    slot = font_slot()
    page = with_font(_page(slot, "<p>経済産業省 METI ¥1,239.0 billion（概算）</p>"), slot, ENV)
    assert slot not in page
    assert page.startswith('<head><style>\n@font-face {\n  font-family: "JPBudget Gothic";')
    assert _range(page) == "".join(sorted("経済産業省（概算）"))  # 業概済産省算経（）
    assert japanese_characters(page) == _range(page)  # the rule added none


def test_a_page_without_japanese_gets_no_rule():
    slot = font_slot()
    assert with_font(_page(slot, "<p>METI</p>"), slot, ENV) == _page("", "<p>METI</p>")


def test_each_page_gets_its_own_slot():
    assert font_slot() != font_slot()


@pytest.mark.parametrize("times", [0, 2])
def test_a_page_that_does_not_hold_its_slot_once_is_refused(times):
    slot = font_slot()
    with pytest.raises(ValueError, match=f"found {times}"):
        with_font(_page(slot * times, "<p>省</p>"), slot, ENV)
