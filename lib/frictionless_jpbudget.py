"""Frictionless plugin: the project's checks by type, for ``frictionless validate --checklist``.

Frictionless imports every top-level module named ``frictionless_*`` and asks its
``JpbudgetPlugin`` for check classes, so that

    frictionless validate data/datapackage.json --checklist data/checklist.json

runs the checks :func:`jpbudget.data.validate` runs (see :mod:`jpbudget.data.checks`).
"""

from __future__ import annotations

from frictionless import Check, Plugin


class JpbudgetPlugin(Plugin):
    """Maps the ``jpbudget-*`` check types of ``data/checklist.json`` to their classes."""

    def select_check_class(self, type: str | None = None) -> type[Check] | None:
        if not type or not type.startswith("jpbudget-"):
            return None
        from jpbudget.data.checks import (
            DatePrecision,
            EnglishGloss,
            FiniteNumbers,
            TextAgreesWithValue,
        )
        from jpbudget.data.references import KeysAndSources, WithinAndCompareTo

        classes = (
            FiniteNumbers,
            TextAgreesWithValue,
            DatePrecision,
            EnglishGloss,
            KeysAndSources,
            WithinAndCompareTo,
        )
        return next((c for c in classes if c.type == type), None)
