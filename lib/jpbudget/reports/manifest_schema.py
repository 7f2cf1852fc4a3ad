"""The manifest's JSON Schema, and its errors as messages naming the line and the entry.

Each subschema may carry a ``message`` (ignored by jsonschema): the sentence shown when that
subschema fails, after ``report 'NAME':``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from ..i18n import LANGUAGES
from .manifest_yaml import NodeIndex, report_label

#: Longest report name: it becomes file names (``<name>.ipynb``, ``.tmp-<name>-...``).
MAX_NAME_LENGTH = 100
RESERVED_NAMES = ("index", "figures", "failed", "reports")
GROUPS = ("growth", "allocation", "rapidus", "claims", "overview", "peers")
#: ``(?![\s\S])`` is the very end of the text (``$`` would also match before a final newline).
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]*(?![\s\S])"
#: A name ending like a language variant (``budget-growth.ja``) is the runner's, never the manifest's.
LANGUAGE_SUFFIX_PATTERN = r"\.(" + "|".join(LANGUAGES) + r")(?![\s\S])"

_LANGUAGES: dict[str, Any] = {
    "type": "array",
    "minItems": 1,
    "uniqueItems": True,
    "items": {
        "enum": list(LANGUAGES),
        "message": f"'languages': each language must be one of {list(LANGUAGES)}",
    },
    "contains": {"const": "en"},
    "message": f"'languages' must be a list of distinct languages among {list(LANGUAGES)}, "
    "'en' included (the English page is the one every other links back to)",
}

_JSON_VALUE: dict[str, Any] = {
    "type": ["string", "number", "boolean", "null", "array", "object"],
    "items": {"$ref": "#/$defs/value"},
    "additionalProperties": {"$ref": "#/$defs/value"},
    "message": "must be a string, number, boolean, list or mapping",
}

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "description": "expected a mapping with a 'reports' list (and optionally 'kernel', "
    "'languages')",
    "type": "object",
    "required": ["reports"],
    "additionalProperties": False,
    "properties": {
        "kernel": {"type": "string", "minLength": 1, "message": "'kernel' must be a kernel name"},
        "languages": _LANGUAGES,
        "reports": {
            "type": "array",
            "items": {"$ref": "#/$defs/report"},
            "message": "expected 'reports:' followed by a list of reports",
        },
    },
    "$defs": {
        "value": _JSON_VALUE,
        "report": {
            "type": "object",
            "required": ["name", "notebook"],
            "additionalProperties": False,
            "message": "each report must be a mapping with 'name', 'notebook', 'parameters'",
            "properties": {
                "name": {
                    "type": "string",
                    "pattern": NAME_PATTERN,
                    "maxLength": MAX_NAME_LENGTH,
                    "not": {
                        "anyOf": [
                            {"enum": list(RESERVED_NAMES)},
                            {"pattern": LANGUAGE_SUFFIX_PATTERN},
                        ]
                    },
                    "message": f"'name' must be 1 to {MAX_NAME_LENGTH} letters, digits, '.', '_' "
                    f"or '-', starting with a letter or digit (not one of {list(RESERVED_NAMES)}, "
                    "not ending in a language such as '.ja': the runner names the variants)",
                },
                "notebook": {
                    "type": "string",
                    "pattern": r"\.ipynb(?![\s\S])",
                    "message": "'notebook' must be the path of an .ipynb file",
                },
                "parameters": {
                    "type": ["object", "null"],
                    "additionalProperties": {"$ref": "#/$defs/value"},
                    "message": "'parameters' must be a mapping",
                },
                "data": {
                    "type": "array",
                    "items": {"type": "string", "minLength": 1},
                    "message": "'data' must be a list of glob patterns under data/",
                },
                "description": {"type": "string", "message": "'description' must be text"},
                "description_ja": {
                    "type": "string",
                    "minLength": 1,
                    "message": "'description_ja' must be text (the description in Japanese)",
                },
                "languages": _LANGUAGES,
                "group": {
                    "enum": list(GROUPS),
                    "message": f"'group' must be one of {list(GROUPS)}",
                },
            },
        },
    },
}


def _validator() -> Any:
    from ..jsonschema_import import import_jsonschema

    return import_jsonschema().Draft202012Validator(SCHEMA)


def _label(data: Any, path: tuple) -> str:
    if len(path) >= 2 and path[0] == "reports" and isinstance(path[1], int):
        entry = data["reports"][path[1]]
        return report_label(entry.get("name") if isinstance(entry, dict) else None) + ": "
    return ""


def _message(error: Any, data: Any) -> tuple[tuple, str, bool]:
    """(path of the node to point at, message, whether to point at the key)."""
    path = tuple(error.absolute_path)
    label = _label(data, path)
    if error.validator == "additionalProperties":
        extra = sorted(set(error.instance) - set(error.schema.get("properties", {})))
        if "properties" in error.schema:
            expected = sorted(error.schema["properties"])
            return (
                (*path, extra[0]),
                f"{label}unknown key {extra[0]!r} (expected {expected})",
                True,
            )
    if error.validator == "required":
        return (
            path,
            f"{label}{error.message.replace(' is a required property', '')} is missing",
            False,
        )
    if not path and error.validator == "type":
        return path, SCHEMA["description"], False
    types = error.schema.get("type", [])
    accepts_text = "string" in (types if isinstance(types, list) else [types])
    if isinstance(error.instance, dt.date) and accepts_text and path:
        key = (
            f"parameter {path[3]!r}"
            if len(path) > 3 and path[2] == "parameters"
            else repr(path[-1])
        )
        text = error.instance.isoformat()
        return (
            path,
            f'{label}{key}: {text} is read by YAML as a date, not text; quote it ("{text}")',
            False,
        )
    if len(path) >= 4 and path[2] == "parameters":
        return path, f"{label}parameter {path[3]!r} {_JSON_VALUE['message']}", False
    message = error.schema.get("message") or error.message
    return path, f"{label}{message}", False


def _sorted_errors(data: Any) -> Iterator[Any]:
    seen: set[tuple] = set()
    for error in sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.path))):
        key = (tuple(error.absolute_path), error.schema.get("message", error.validator))
        if key not in seen:
            seen.add(key)
            yield error


def schema_problems(data: Any, index: NodeIndex) -> list[tuple[int, str]]:
    """``(line, message)`` for every schema violation of ``data``, in document order."""
    found = []
    for error in _sorted_errors(data):
        path, message, key_line = _message(error, data)
        found.append((index.line(*path, key_line=key_line), message))
    return sorted(found, key=lambda item: item[0])
