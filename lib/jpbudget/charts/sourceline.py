"""A chart's source line: "Sources: Ministry of Finance; Toyo Keizai" (出典：財務省、東洋経済).

Each publisher once, in order, without "(via ...)"; on a Japanese page a publisher with a
Japanese name (:data:`PUBLISHER_NAMES`) is called by it, the others are proper nouns kept as
published.

>>> source_line(["Ministry of Finance (mirrored by wic-net.com)", "Toyo Keizai", "Toyo Keizai"])
'Sources: Ministry of Finance; Toyo Keizai'
"""

from __future__ import annotations

from collections.abc import Iterable

from ..i18n import N_, gettext
from ..terms import PUBLISHER_NAMES, publisher_outlet

__all__ = ["PUBLISHER_NAMES", "publisher_name", "source_line"]


def publisher_name(publisher: str) -> str:
    """A publisher as a source line names it: "Toyo Keizai", without "(via ...)"
    (:func:`jpbudget.terms.publisher_outlet`)."""
    return publisher_outlet(publisher)


def source_line(publishers: Iterable[str]) -> str:
    """ "Sources: A; B" (each publisher once, in order); "Source: A" for one; in Japanese
    出典：A、B, with the Japanese name of a publisher that has one."""
    names: list[str] = []
    for publisher in publishers:
        name = publisher_name(publisher)
        name = gettext(name) if name in PUBLISHER_NAMES else name
        if name and name not in names:
            names.append(name)
    if not names:
        raise ValueError("a chart needs at least one source for its source line")
    listed = gettext(N_("; ")).join(names)
    if len(names) > 1:
        return gettext(N_("Sources: %(publishers)s"), publishers=listed)
    return gettext(N_("Source: %(publisher)s"), publisher=listed)
