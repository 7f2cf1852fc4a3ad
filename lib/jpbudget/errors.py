"""Exceptions shared across the package (each module re-exports the ones it raises)."""

from __future__ import annotations

__all__ = ["DataValidationError", "RateUnavailableError", "YenParseError"]


class DataValidationError(ValueError):
    """A file under ``data/`` breaks its schema, its keys or its checksum.

    The message names the file and, where there is one, the row and the field.
    """


class RateUnavailableError(LookupError):
    """No exchange rate can be given for the day or fiscal year asked for.

    The message names the request and the range the snapshot covers.
    """


class YenParseError(ValueError):
    """A value that is not plainly one amount of yen (raised by :func:`jpbudget.yen.parse_yen`).

    The message quotes the value with ``repr()`` and says what was expected.

    >>> from jpbudget.yen import parse_yen
    >>> parse_yen("about ¥1.23 trillion")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    jpbudget.yen.YenParseError: 'about ¥1.23 trillion' carries the qualifier 'about'; record ...
    """


YenParseError.__module__ = "jpbudget.yen"  # its public home (and where pickle finds it)
