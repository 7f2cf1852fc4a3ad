"""Exceptions shared across the package (each module re-exports the ones it raises)."""

from __future__ import annotations

__all__ = ["DataValidationError", "RateUnavailableError"]


class DataValidationError(ValueError):
    """A file under ``data/`` breaks its schema, its keys or its checksum.

    The message names the file and, where there is one, the row and the field.
    """


class RateUnavailableError(LookupError):
    """No exchange rate can be given for the day or fiscal year asked for.

    The message names the request and the range the snapshot covers.
    """
