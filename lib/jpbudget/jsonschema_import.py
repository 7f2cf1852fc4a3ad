"""jsonschema, imported without its optional IRI format checker (``rfc3987_syntax``).

At import, jsonschema registers the format checkers of the optional packages it finds; where
``rfc3987_syntax`` is installed (jsonschema's ``format-nongpl`` extra, which Jupyter pulls in)
that compiles about forty lark grammars: 0.8 s of CPU or more in every process that imports it.
Neither the runner's manifest schema nor frictionless checks the "iri" formats. The environment
``make setup`` builds leaves the package out altogether (pyproject.toml's
``override-dependencies``); this spares the processes of other environments (environment.yml's).
"""

from __future__ import annotations

import sys
from typing import Any


def import_jsonschema() -> Any:
    """``jsonschema``; when neither it nor ``rfc3987_syntax`` is loaded yet, imported with
    ``rfc3987_syntax`` hidden (which stays importable afterwards)."""
    if "jsonschema" in sys.modules or "rfc3987_syntax" in sys.modules:
        import jsonschema

        return jsonschema
    sys.modules["rfc3987_syntax"] = None  # type: ignore[assignment]  # import -> ImportError
    try:
        import jsonschema
    finally:
        del sys.modules["rfc3987_syntax"]
    return jsonschema
