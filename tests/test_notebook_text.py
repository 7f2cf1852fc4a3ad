"""The notebooks' Markdown prose as catalog messages: extraction, translation, the active language,
and the ``lang`` parameter of every notebook's validator."""

from __future__ import annotations

import io
import json

import nbformat
import pytest
from babel.messages.pofile import read_po
from jpbudget import i18n, params
from jpbudget.notebook_text import (
    MissingTranslationError,
    blocks,
    extract_notebook,
    translate_markdown,
    translate_notebook,
)

NOTEBOOK = {
    "cells": [
        {"cell_type": "markdown", "metadata": {}, "source": ["## Sources\n"]},
        {
            "cell_type": "code",
            "metadata": {},
            "source": "from jpbudget.i18n import gettext\ngettext('Initial budget')\nx = 'plain'\n",
            "outputs": [],
            "execution_count": None,
        },
        {
            "cell_type": "markdown",
            "metadata": {},
            "source": "First paragraph,\nwrapped.\n\n- a list\n- of two\n\n```\ncode\n\nmore\n```",
        },
    ],
    "metadata": {},
    "nbformat": 4,
    "nbformat_minor": 5,
}


def _extract(nb: dict) -> list[tuple[int, str]]:
    fileobj = io.BytesIO(json.dumps(nb).encode("utf-8"))
    keywords = {"gettext": None, "_": None, "N_": None}
    return [
        (line, message) for line, _f, message, _c in extract_notebook(fileobj, keywords, [], {})
    ]


def test_each_markdown_block_and_each_marked_code_string_is_a_message_with_its_cell_number():
    assert _extract(NOTEBOOK) == [
        (1, "## Sources"),
        (2, "Initial budget"),
        (3, "First paragraph,\nwrapped."),
        (3, "- a list\n- of two"),
        (3, "```\ncode\n\nmore\n```"),
    ]


def test_blocks_split_on_blank_lines_even_with_spaces_in_them():
    assert blocks("One\n   \nTwo\n\n\n\nThree\n") == ["One", "Two", "Three"]


def test_a_cell_is_translated_block_by_block_and_joined_by_blank_lines():
    source = "## Sources\n\n## Sources"
    assert translate_markdown(source, lang="ja") == "## 出典\n\n## 出典"


def test_english_gives_the_cell_back_unchanged():
    source = "Not in any catalog.\n\n\nReally not."
    assert translate_markdown(source, lang="en") == source


def test_an_untranslated_block_is_an_error_naming_it_and_the_notebook():
    with pytest.raises(
        MissingTranslationError, match=r"'Not in any catalog\.' in x\.ipynb has no 'ja'"
    ):
        translate_markdown("## Sources\n\nNot in any catalog.", lang="ja", where="x.ipynb")


def test_translate_notebook_changes_only_markdown_cells_and_names_the_cell():
    nb = nbformat.from_dict(json.loads(json.dumps(NOTEBOOK)))
    nb.cells = nb.cells[:2]
    translate_notebook(nb, lang="ja", where="n.ipynb")
    assert [c.source for c in nb.cells] == ["## 出典", NOTEBOOK["cells"][1]["source"]]
    nb.cells.append(nbformat.v4.new_markdown_cell("English only."))
    with pytest.raises(MissingTranslationError, match=r"in n\.ipynb cell 2 has no"):
        translate_notebook(nb, lang="ja", where="n.ipynb")


def test_every_markdown_block_of_the_committed_notebooks_is_in_the_template():
    with i18n.TEMPLATE_PATH.open("rb") as pot:
        template = {m.id for m in read_po(pot) if m.id}
    root = i18n.LOCALE_DIR.parents[2] / "notebooks"
    for path in sorted(root.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        for cell in nb.cells:
            if cell.cell_type == "markdown":
                assert set(blocks(cell.source)) <= template, path.name


# --- the active language ---------------------------------------------------------------------


def test_using_writes_in_a_language_inside_the_block_only():
    assert i18n.active() == "en"
    with i18n.using("ja"):
        assert i18n.gettext("Initial budget") == "当初予算"
    assert i18n.gettext("Initial budget") == "Initial budget"


def test_using_restores_the_language_after_an_error():
    with pytest.raises(RuntimeError), i18n.using("ja"):
        raise RuntimeError("boom")
    assert i18n.active() == "en"


def test_activating_an_unknown_language_is_refused_and_changes_nothing():
    with pytest.raises(ValueError, match=r"^lang: 'fr' is not allowed"):
        i18n.activate("fr")
    assert i18n.active() == "en"


# --- every notebook's lang parameter -----------------------------------------------------------

VALIDATORS = {
    "budget_growth": lambda lang: params.validate_budget_growth(
        base_year=2025,
        target_year=2026,
        items=["chips-ai"],
        include_supplementary=True,
        fx="announcement",
        lang=lang,
    ),
    "allocation_shares": lambda lang: params.validate_allocation(
        fiscal_year=2026, envelope="chips-ai", fx="announcement", lang=lang
    ),
    "rapidus_cumulative": lambda lang: params.validate_rapidus(
        scope="all", through_year=2026, include_plans=False, fx="announcement", lang=lang
    ),
    "claims_check": lambda lang: params.validate_claims(
        tolerance=0.01, fx="announcement", lang=lang
    ),
    "overview": lambda lang: params.validate_overview(
        first_year=2021, last_year=2026, fx="announcement", lang=lang
    ),
    "peers": lambda lang: params.validate_peers(
        basis="direct-spending",
        per="per-year",
        currency="USD",
        fx="announcement",
        gdp_year=2024,
        include_weak=False,
        lang=lang,
    ),
}


@pytest.mark.parametrize("notebook", sorted(VALIDATORS))
def test_every_validator_returns_the_language(notebook):
    assert VALIDATORS[notebook]("ja")["lang"] == "ja"


@pytest.mark.parametrize("notebook", sorted(VALIDATORS))
@pytest.mark.parametrize("bad", ["JA", "jp", "", None, ["ja"]])
def test_every_validator_refuses_a_bad_language_naming_the_parameter(notebook, bad):
    with pytest.raises(
        params.ParameterError, match=r"^parameter lang: .* expected one of 'en', 'ja'"
    ):
        VALIDATORS[notebook](bad)


def test_every_committed_notebook_declares_lang_english_by_default_and_activates_it():
    root = i18n.LOCALE_DIR.parents[2] / "notebooks"
    for path in sorted(root.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        parameters = next(c for c in nb.cells if "parameters" in c.metadata.get("tags", []))
        assert 'lang = "en"' in parameters.source, path.name
        code = "\n".join(c.source for c in nb.cells if c.cell_type == "code")
        assert "lang=lang" in code and 'i18n.activate(params["lang"])' in code, path.name
