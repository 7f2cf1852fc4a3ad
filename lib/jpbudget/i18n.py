"""Reader-facing text in English and Japanese, from gettext message catalogs in the package.

English is written in the code (the message ids); Japanese comes from
``lib/jpbudget/locale/ja/LC_MESSAGES/jpbudget.po``. ``make messages`` extracts the marked
messages (``_``, ``gettext``, ``ngettext``, ``N_`` in Python; ``{% trans %}`` and ``_()`` in
Jinja templates, see ``locale/babel.cfg``) into ``locale/jpbudget.pot`` and updates the ``.po``.

The ``.po`` file is read at run time and compiled in memory by Babel (once per process):
there is no ``.mo`` file to forget to rebuild, so a page can never show a stale translation,
and nothing needs a build step (a fresh clone, an editable install and a wheel behave alike).
Reading the small catalog takes a few milliseconds. Fuzzy entries are left out (they fall back
to English); the catalog test refuses them anyway.

Messages use named ``%(name)s`` placeholders, filled from keyword arguments, the same rule as
Jinja's i18n extension with ``newstyle`` gettext: a literal ``%`` is written ``%%``.

>>> ja = bind("ja")
>>> ja.gettext("Sources"), bind("en").gettext("Sources")
('出典', 'Sources')
>>> ja.gettext("about %(amount)s", amount="1.5兆円")
'約1.5兆円'
>>> bind("en").gettext("%(fiscal_year)s %(budget)s", fiscal_year="FY2025", budget="initial budget")
'FY2025 initial budget'
"""

from __future__ import annotations

import contextlib
import functools
import gettext as _gettext
import io
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_DIR",
    "N_",
    "Messages",
    "activate",
    "active",
    "bind",
    "catalog_path",
    "check_catalog",
    "check_lang",
    "gettext",
    "install_i18n",
    "language_name",
    "ngettext",
    "translations",
    "using",
]

DOMAIN = "jpbudget"
"""The gettext domain: the catalogs are ``locale/<lang>/LC_MESSAGES/jpbudget.po``."""

LANGUAGES = ("en", "ja")
"""The languages a report is written in; ``en`` is the source language of the messages."""

LOCALE_DIR = Path(__file__).resolve().parent / "locale"
"""The package's catalog folder (resolved from the package, never from the working directory)."""

TEMPLATE_PATH = LOCALE_DIR / f"{DOMAIN}.pot"
"""The catalog template ``make messages`` extracts from the code and templates."""


_ACTIVE = ["en"]
"""The active language of this process (a plain global: IPython runs each cell in its own
context, so a ``ContextVar`` set in one notebook cell would be lost in the next)."""


def activate(lang: Any) -> str:
    """Make ``lang`` the language every message and figure is written in from now on.

    A notebook calls it once, after validating its ``lang`` parameter; functions that take
    ``lang=None`` write in the active language. Returns the language.

    >>> activate("ja"), active(), activate("en")
    ('ja', 'ja', 'en')
    """
    _ACTIVE[0] = check_lang(lang)
    return _ACTIVE[0]


def active(lang: str | None = None) -> str:
    """``lang`` when given (checked), else the active language (see :func:`activate`).

    >>> active(), active("ja")
    ('en', 'ja')
    """
    return _ACTIVE[0] if lang is None else check_lang(lang)


@contextlib.contextmanager
def using(lang: str) -> Iterator[str]:
    """Write in ``lang`` inside the ``with`` block, then go back to the previous language.

    >>> with using("ja"):
    ...     gettext("Sources")
    '出典'
    >>> gettext("Sources")
    'Sources'
    """
    previous = _ACTIVE[0]
    activate(lang)
    try:
        yield _ACTIVE[0]
    finally:
        _ACTIVE[0] = previous


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it (translate it where it is shown).

    >>> N_("Sources")
    'Sources'
    """
    return message


def check_lang(lang: Any, *, name: str = "lang") -> str:
    """``lang`` if it is one of :data:`LANGUAGES`, else ``ValueError`` naming ``name`` and it.

    >>> check_lang("ja")
    'ja'
    >>> check_lang("jp")
    Traceback (most recent call last):
    ...
    ValueError: lang: 'jp' is not allowed; expected one of 'en', 'ja'
    """
    if not isinstance(lang, str) or lang not in LANGUAGES:
        allowed = ", ".join(repr(code) for code in LANGUAGES)
        raise ValueError(f"{name}: {lang!r} is not allowed; expected one of {allowed}")
    return lang


def catalog_path(lang: str) -> Path:
    """The ``.po`` file of a language other than English.

    >>> catalog_path("ja").relative_to(LOCALE_DIR).as_posix()
    'ja/LC_MESSAGES/jpbudget.po'
    """
    return LOCALE_DIR / check_lang(lang) / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(lang: str) -> _gettext.NullTranslations:
    """The translations of ``lang``: Babel's ``NullTranslations`` for English (the message
    ids are English), else a ``babel.support.Translations`` compiled in memory from its ``.po``.

    Cached per language: the catalog is read once per process.

    >>> type(translations("en")).__name__, type(translations("ja")).__name__
    ('NullTranslations', 'Translations')
    >>> translations("ja").gettext("Initial budget")
    '当初予算'
    """
    from babel.support import NullTranslations, Translations

    if check_lang(lang) == "en":
        return NullTranslations()
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    path = catalog_path(lang)
    with path.open("rb") as po:
        catalog = read_po(po, locale=lang, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def _fill(message: str, text: str, variables: dict[str, Any]) -> str:
    try:
        return text % variables
    except KeyError as exc:
        raise ValueError(
            f"message {message!r} needs the variable {exc.args[0]!r}; got "
            f"{sorted(variables) or 'none'}"
        ) from None
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"message {message!r} could not be filled with {sorted(variables)}: {exc} "
            "(placeholders are written %(name)s, a literal percent sign %%)"
        ) from None


def gettext(message: str, *, lang: str | None = None, **variables: Any) -> str:
    """``message`` in ``lang`` (default: the active language, see :func:`activate`), its
    ``%(name)s`` placeholders filled from ``variables``.

    >>> gettext("How to cite", lang="ja")
    '引用の仕方'
    >>> gettext("up to %(amount)s", lang="en", amount="¥1 trillion")
    'up to ¥1 trillion'
    """
    return _fill(message, translations(active(lang)).gettext(message), variables)


def ngettext(
    singular: str, plural: str, n: int, *, lang: str | None = None, **variables: Any
) -> str:
    """The form of ``singular``/``plural`` for ``n`` in ``lang`` (default: the active
    language); ``n`` fills ``%(num)d``.

    Japanese has one form for every number.

    >>> one, many = "%(matching)d of %(num)d claim matches the sources", "%(matching)d of %(num)d claims match the sources"
    >>> ngettext(one, many, 1, lang="en", matching=1), ngettext(one, many, 9, lang="en", matching=7)
    ('1 of 1 claim matches the sources', '7 of 9 claims match the sources')
    >>> ngettext(one, many, 9, lang="ja", matching=7)
    '9件の主張のうち7件が出典と整合'
    """
    text = translations(active(lang)).ngettext(singular, plural, n)
    return _fill(plural if n != 1 else singular, text, {"num": n, **variables})


def _placeholders(text: str) -> list[str]:
    from babel.messages.catalog import PYTHON_FORMAT

    found = [
        f"%({name}){spec}{kind}" if name else f"%{spec}{kind}"
        for name, spec, kind in PYTHON_FORMAT.findall(text)
        if kind != "%"
    ]
    return sorted(found)


def _read(path: Path, locale: str | None) -> Any:
    from babel.messages.pofile import read_po

    with path.open("rb") as po:
        return read_po(po, locale=locale, domain=DOMAIN)


def check_catalog(
    lang: str, *, template: Path | None = None, catalog: Path | None = None
) -> list[str]:
    """Every problem of ``lang``'s catalog against the template, one located line each.

    A message of the template with no translation (or a missing plural form), a fuzzy entry,
    a translation whose placeholders differ from the English (``%(amount)s`` ...), and an entry
    the template no longer has are problems. ``[]`` means the catalog is complete.

    >>> check_catalog("ja")
    []
    """
    if check_lang(lang) == "en":
        raise ValueError("lang: 'en' is the language of the messages themselves: no catalog")
    template = TEMPLATE_PATH if template is None else template
    catalog = catalog_path(lang) if catalog is None else catalog
    expected = [m.id for m in _read(template, None) if m.id]
    written = {m.id: m for m in _read(catalog, lang) if m.id}
    where = catalog.name
    problems = []
    for key in expected:
        first = key if isinstance(key, str) else key[0]
        entry = written.get(key)
        if entry is None:
            problems.append(f"{where}: {first!r} is not in the catalog (run make messages)")
            continue
        if entry.fuzzy:
            problems.append(f"{where}: {first!r} is fuzzy: check its translation, drop the flag")
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if not all(forms):
            problems.append(f"{where}: {first!r} has no translation")
            continue
        english = _placeholders(key if isinstance(key, str) else key[-1])
        for form in forms:
            if _placeholders(form) != english:
                problems.append(
                    f"{where}: {first!r}: the translation {form!r} has placeholders "
                    f"{_placeholders(form)}, the English {english}"
                )
    for key in [key for key in written if key not in expected]:
        first = key if isinstance(key, str) else key[0]
        problems.append(f"{where}: {first!r} is not in the template any more (run make messages)")
    return problems


class Messages(NamedTuple):
    """:func:`gettext` and :func:`ngettext` bound to one language (see :func:`bind`)."""

    lang: str

    def gettext(self, message: str, **variables: Any) -> str:
        """``message`` in this language (see :func:`jpbudget.i18n.gettext`)."""
        return gettext(message, lang=self.lang, **variables)

    def ngettext(self, singular: str, plural: str, n: int, **variables: Any) -> str:
        """The form for ``n`` in this language (see :func:`jpbudget.i18n.ngettext`)."""
        return ngettext(singular, plural, n, lang=self.lang, **variables)


def bind(lang: str) -> Messages:
    """``gettext``/``ngettext`` for one language: ``t = bind(params["lang"]); t.gettext(...)``.

    Babel extracts ``t.gettext("...")`` and ``t.ngettext("...", "...", n)`` calls.

    >>> bind("ja").gettext("Supplementary budget")
    '補正予算'
    """
    return Messages(check_lang(lang))


def language_name(lang: str) -> str:
    """A language's name in itself, from Babel's locale data: what a language switch shows.

    The switch to Japanese reads 日本語 on the English page and the switch to English reads
    English on the Japanese page: a reader looks for their own language's name, so these
    names are never translated.

    >>> language_name("en"), language_name("ja")
    ('English', '日本語')
    """
    from babel import Locale

    return Locale.parse(check_lang(lang)).get_display_name()


def install_i18n(env: Any, lang: str) -> Any:
    """Set up a Jinja2 environment to write its templates in ``lang``; returns ``env``.

    Adds Jinja's i18n extension (``{% trans %}``, ``_()``, ``gettext()``, ``ngettext()``) with
    newstyle gettext, so placeholders are filled as in Python (``_("about %(amount)s",
    amount=x)``) and, under autoescaping, the values are escaped while the translated text is
    not. ``{% trans %}`` blocks are trimmed (line breaks and indentation inside them collapse
    to one space, as ``locale/babel.cfg`` extracts them), so a long sentence can be wrapped in
    the template. Also sets the global ``lang`` (for ``<html lang="{{ lang }}">``). One
    environment per language: installing a second language replaces the first. For an
    nbconvert exporter, pass ``exporter.environment``.

    >>> import jinja2
    >>> env = install_i18n(jinja2.Environment(autoescape=True), "ja")
    >>> env.from_string("<h2>{{ _('Sources') }}</h2> {{ _('about %(amount)s', amount='<b>') }}").render()
    '<h2>出典</h2> 約&lt;b&gt;'
    """
    if "jinja2.ext.InternationalizationExtension" not in env.extensions:
        env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    env.install_gettext_translations(translations(lang), newstyle=True)
    env.globals["lang"] = check_lang(lang)
    return env
