"""Message catalogs: complete, in step with the code, read at run time; the ``lang`` parameter."""

from __future__ import annotations

import shutil
from pathlib import Path

import jinja2
import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po
from jpbudget import i18n
from jpbudget.params import ParameterError, validate_lang

PACKAGE = Path(i18n.__file__).resolve().parent
NOTEBOOKS = PACKAGE.parents[1] / "notebooks"
PO = i18n.catalog_path("ja")


def _extracted(root: Path) -> set[str]:
    """The message ids `make messages` would extract from ``root`` with the package's mapping."""
    with (i18n.LOCALE_DIR / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        root, method_map, options_map
    ):
        found.add(message if isinstance(message, str) else message[0])
    return found


def _template_ids() -> set[str]:
    with i18n.TEMPLATE_PATH.open("rb") as pot:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(pot) if m.id}


# --- the committed catalogs -----------------------------------------------------------------


def test_every_message_of_the_template_has_a_japanese_translation_none_fuzzy():
    assert i18n.check_catalog("ja") == []


def test_the_template_holds_exactly_the_messages_marked_in_the_package_and_notebooks():
    assert _extracted(PACKAGE) | _extracted(NOTEBOOKS) == _template_ids()


def test_the_template_holds_the_seeded_reader_facing_words():
    assert {
        "About this report",
        "How to cite",
        "Sources",
        "Download",
        "cabinet draft",
        "about %(amount)s",
        "up to %(amount)s",
        "plan",
        "Initial budget",
        "Supplementary budget",
    } <= _template_ids()


def test_no_compiled_catalog_is_kept_in_the_package():
    assert sorted(p.name for p in i18n.LOCALE_DIR.rglob("*.mo")) == []


@pytest.mark.parametrize(
    ("english", "japanese"),
    [
        ("About this report", "このレポートについて"),
        ("How to cite", "引用の仕方"),
        ("Sources", "出典"),
        ("Initial budget", "当初予算"),
        ("Supplementary budget", "補正予算"),
        ("cabinet draft", "政府予算案"),
        ("stopgap budget", "暫定予算"),
        ("date not given", "日付不明"),
    ],
)
def test_japanese_words_come_from_the_catalog(english, japanese):
    assert i18n.gettext(english, lang="ja") == japanese
    assert i18n.gettext(english, lang="en") == english


# --- the catalog check itself ---------------------------------------------------------------


def _edited_catalog(tmp_path: Path, edit) -> Path:
    with PO.open("rb") as po:
        catalog = read_po(po, locale="ja", domain=i18n.DOMAIN)
    edit(catalog)
    path = tmp_path / "jpbudget.po"
    with path.open("wb") as out:
        write_po(out, catalog)
    return path


def test_check_catalog_names_a_missing_message(tmp_path):
    path = _edited_catalog(tmp_path, lambda c: c.delete("Sources"))
    assert i18n.check_catalog("ja", catalog=path) == [
        "jpbudget.po: 'Sources' is not in the catalog (run make messages)"
    ]


def test_check_catalog_names_a_fuzzy_entry(tmp_path):
    path = _edited_catalog(tmp_path, lambda c: c["How to cite"].flags.add("fuzzy"))
    assert i18n.check_catalog("ja", catalog=path) == [
        "jpbudget.po: 'How to cite' is fuzzy: check its translation, drop the flag"
    ]


def test_check_catalog_names_an_empty_translation(tmp_path):
    def edit(catalog):
        catalog["Download"].string = ""

    path = _edited_catalog(tmp_path, edit)
    assert i18n.check_catalog("ja", catalog=path) == ["jpbudget.po: 'Download' has no translation"]


def test_check_catalog_names_a_placeholder_mismatch(tmp_path):
    def edit(catalog):
        catalog["about %(amount)s"].string = "約%(amout)s"

    path = _edited_catalog(tmp_path, edit)
    assert i18n.check_catalog("ja", catalog=path) == [
        "jpbudget.po: 'about %(amount)s': the translation '約%(amout)s' has placeholders "
        "['%(amout)s'], the English ['%(amount)s']"
    ]


def test_check_catalog_names_a_plural_translation_that_drops_a_placeholder(tmp_path):
    one = "%(matching)d of %(num)d claim matches the sources"

    def edit(catalog):
        catalog[one].string = ("%(matching)d件が出典と一致",)

    path = _edited_catalog(tmp_path, edit)
    assert i18n.check_catalog("ja", catalog=path) == [
        f"jpbudget.po: {one!r}: the translation '%(matching)d件が出典と一致' has placeholders "
        "['%(matching)d'], the English ['%(matching)d', '%(num)d']"
    ]


def test_check_catalog_names_an_entry_the_template_no_longer_has(tmp_path):
    path = _edited_catalog(tmp_path, lambda c: c.add("Table of contents", "目次"))
    assert i18n.check_catalog("ja", catalog=path) == [
        "jpbudget.po: 'Table of contents' is not in the template any more (run make messages)"
    ]


def test_check_catalog_refuses_english():
    with pytest.raises(ValueError, match=r"^lang: 'en' is the language of the messages"):
        i18n.check_catalog("en")


# --- extraction configuration ---------------------------------------------------------------


def test_the_mapping_extracts_python_marks_and_jinja_trans_blocks(tmp_path):
    (tmp_path / "module.py").write_text(
        "from jpbudget.i18n import N_, bind\n"
        "LABEL = N_('Chips & AI')\n"
        "def title(lang):\n"
        "    return bind(lang).gettext('Where the money goes')\n"
        "def count(t, n):\n"
        "    return t.ngettext('%(num)d chart', '%(num)d charts', n)\n"
        "NOT_MARKED = 'Not a message'\n",
        encoding="utf-8",
    )
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html.j2").write_text(
        "<h2>{{ _('Key figures') }}</h2>\n"
        "<p>{% trans amount=a %}about {{ amount }}{% endtrans %}</p>\n",
        encoding="utf-8",
    )
    assert _extracted(tmp_path) == {
        "Chips & AI",
        "Where the money goes",
        "%(num)d chart",
        "Key figures",
        "about %(amount)s",
    }


# --- run time -------------------------------------------------------------------------------


def test_translations_are_read_from_the_po_file_at_run_time(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    po = locale / "ja" / "LC_MESSAGES" / "jpbudget.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgstr "出典"', 'msgstr "典拠"'), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.translations.cache_clear()
    try:
        assert i18n.gettext("Sources", lang="ja") == "典拠"
    finally:
        monkeypatch.undo()
        i18n.translations.cache_clear()
    assert i18n.gettext("Sources", lang="ja") == "出典"


def test_a_fuzzy_entry_is_not_used_at_run_time(tmp_path, monkeypatch):
    locale = tmp_path / "locale"
    shutil.copytree(i18n.LOCALE_DIR, locale)
    po = locale / "ja" / "LC_MESSAGES" / "jpbudget.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace('msgid "Sources"', '#, fuzzy\nmsgid "Sources"'), encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALE_DIR", locale)
    i18n.translations.cache_clear()
    try:
        assert i18n.gettext("Sources", lang="ja") == "Sources"
        assert i18n.gettext("How to cite", lang="ja") == "引用の仕方"
    finally:
        monkeypatch.undo()
        i18n.translations.cache_clear()


def test_gettext_fills_named_placeholders_in_either_language():
    assert i18n.gettext("up to %(amount)s", lang="ja", amount="1,000億円") == "最大1,000億円"
    assert i18n.gettext("more than %(amount)s", lang="ja", amount="10兆円") == "10兆円超"
    assert i18n.gettext("more than %(amount)s", lang="en", amount="¥10 trillion") == (
        "more than ¥10 trillion"
    )


def test_gettext_names_a_missing_variable():
    with pytest.raises(ValueError) as info:
        i18n.gettext("about %(amount)s", lang="ja")
    assert str(info.value) == "message 'about %(amount)s' needs the variable 'amount'; got none"


def test_ngettext_uses_the_one_japanese_form_and_both_english_forms():
    one = "%(matching)d of %(num)d claim matches the sources"
    many = "%(matching)d of %(num)d claims match the sources"
    assert i18n.ngettext(one, many, 1, lang="en", matching=0) == "0 of 1 claim matches the sources"
    assert i18n.ngettext(one, many, 12, lang="en", matching=10) == (
        "10 of 12 claims match the sources"
    )
    assert i18n.ngettext(one, many, 1, lang="ja", matching=1) == "1件の主張のうち1件が出典と整合"
    assert i18n.ngettext(one, many, 12, lang="ja", matching=10) == (
        "12件の主張のうち10件が出典と整合"
    )


def test_bind_gives_gettext_for_one_language():
    ja, en = i18n.bind("ja"), i18n.bind("en")
    assert (ja.lang, ja.gettext("Download"), en.gettext("Download")) == (
        "ja",
        "ダウンロード",
        "Download",
    )


@pytest.mark.parametrize("bad", ["jp", "JA", "", None, "ja-JP"])
def test_an_unknown_language_is_refused_by_name(bad):
    with pytest.raises(ValueError) as info:
        i18n.bind(bad)
    assert str(info.value) == f"lang: {bad!r} is not allowed; expected one of 'en', 'ja'"


def test_language_names_are_each_languages_own_name():
    assert [i18n.language_name(code) for code in i18n.LANGUAGES] == ["English", "日本語"]


def test_install_i18n_translates_trans_blocks_and_escapes_values():
    template = (
        '<html lang="{{ lang }}"><h2>{{ _("Sources") }}</h2>'
        "<p>{% trans amount=amount %}about {{ amount }}{% endtrans %}</p></html>"
    )
    ja = i18n.install_i18n(jinja2.Environment(autoescape=True), "ja")
    en = i18n.install_i18n(jinja2.Environment(autoescape=True), "en")
    assert ja.from_string(template).render(amount="1.5兆円 <規模>") == (
        '<html lang="ja"><h2>出典</h2><p>約1.5兆円 &lt;規模&gt;</p></html>'
    )
    assert en.from_string(template).render(amount="¥1.5 trillion") == (
        '<html lang="en"><h2>Sources</h2><p>about ¥1.5 trillion</p></html>'
    )


def test_a_wrapped_trans_block_is_one_message_in_extraction_and_rendering(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "page.html.j2").write_text(
        "<p>{% trans %}How\n    to cite{% endtrans %}</p>", encoding="utf-8"
    )
    assert _extracted(tmp_path) == {"How to cite"}
    env = i18n.install_i18n(jinja2.Environment(), "ja")
    template = (tmp_path / "templates" / "page.html.j2").read_text(encoding="utf-8")
    assert env.from_string(template).render() == "<p>引用の仕方</p>"


def test_install_i18n_switches_an_environment_to_another_language():
    env = i18n.install_i18n(jinja2.Environment(), "ja")
    i18n.install_i18n(env, "en")
    assert env.from_string("{{ _('How to cite') }} {{ lang }}").render() == "How to cite en"


# --- the lang parameter ---------------------------------------------------------------------


@pytest.mark.parametrize("good", ["en", "ja"])
def test_validate_lang_accepts_english_and_japanese(good):
    assert validate_lang(good) == good


@pytest.mark.parametrize("bad", ["fr", "jp", "JA", "", None, 1])
def test_validate_lang_refuses_anything_else_naming_the_parameter(bad):
    with pytest.raises(ParameterError) as info:
        validate_lang(bad)
    assert str(info.value) == f"parameter lang: {bad!r} is not allowed; expected one of 'en', 'ja'"
