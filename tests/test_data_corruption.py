"""Corruption suite: every resource, every field, each kind of damage, on copies of data/.

Each damage is either refused, with a message naming the file, the row and the field (or the
descriptor part), or provably harmless: the loaded tables are identical to the intact ones.
Damages of one kind are applied to every resource of a copy at once where they cannot hide
each other (each lands in its own cell), and every expected problem is looked for in the full
list the error carries (``DataValidationError.problems``; its text shows the first twenty).
"""

from __future__ import annotations

import csv
import json
import shutil
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from jpbudget import data
from jpbudget.data.vocabulary import PRIMARY_KEYS, TEXT_AND_VALUE
from jpbudget.errors import DataValidationError
from jpbudget.paths import data_dir

DATA = data_dir()
DESCRIPTOR = json.loads((DATA / "datapackage.json").read_text(encoding="utf-8"))
#: The tables jpbudget.data loads (other helpers' tables have suites of their own).
TABLES = {r["name"]: r for r in DESCRIPTOR["resources"] if r["name"] in data.RESOURCES}
#: Free-text fields: any text is a valid value, so a cell of them cannot be mistyped (what they
#: say is checked where it has a value: amount_text and the like, below).
FREE_TEXT = {
    ("sources", "title_en"),
    ("sources", "note"),
    ("budget-lines", "note"),
    ("rapidus-support", "note"),
    ("claims", "note"),
    ("context-figures", "note"),
    ("company-subsidies", "note"),
    ("budget-events", "note"),
}


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def read(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.reader(handle))


def write(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(rows)


def problems(folder: Path) -> list[str]:
    with pytest.raises(DataValidationError) as caught:
        data.validate(folder)
    return getattr(caught.value, "problems", [str(caught.value)])


def assert_reported(found: list[str], *parts: str) -> None:
    assert any(all(p in message for p in parts) for message in found), (
        f"no problem with {parts!r} among:\n" + "\n".join(found)
    )


def assert_refused_or_harmless(folder: Path, *named: str) -> None:
    """Refused naming each of ``named``, or every table loads identical to the intact one."""
    try:
        data.validate(folder)
    except DataValidationError as exc:
        for part in named:
            assert part in str(exc), f"{part!r} not in:\n{exc}"
        return
    for name in data.RESOURCES:
        pd.testing.assert_frame_equal(data.load(name, data_dir=folder), data.load(name))


def invalid_value(spec: dict[str, Any]) -> str | None:
    """A cell value the field's schema refuses; None for free text (any text is valid)."""
    constraints = spec.get("constraints") or {}
    kind = spec.get("type", "string")
    if kind == "integer":
        return "12x"
    if kind == "number":
        return "four"
    if kind == "date":
        return "2025-13-45"
    if "enum" in constraints:
        return "no-such-word"
    if "pattern" in constraints:
        return "Not A Key!"
    if constraints.get("required"):
        return ""
    return None


# --- type: every field of every resource --------------------------------------------------------


@pytest.mark.parametrize("resource", sorted(TABLES))
def test_a_mistyped_cell_in_any_field_is_refused_by_file_row_and_field(copy, resource):
    file = TABLES[resource]["path"]
    rows = read(copy / file)
    damaged = []
    for spec in TABLES[resource]["schema"]["fields"]:
        value = invalid_value(spec)
        if value is None:
            continue
        rows[1][rows[0].index(spec["name"])] = value  # data row 1
        damaged.append(spec["name"])
    write(copy / file, rows)
    found = problems(copy)
    for field in damaged:
        assert_reported(found, file, "data row 1 (line 2)", f"field '{field}'")


def test_every_field_that_cannot_be_mistyped_is_free_text():
    undamageable = {
        (name, spec["name"])
        for name, resource in TABLES.items()
        for spec in resource["schema"]["fields"]
        if invalid_value(spec) is None
    }
    assert undamageable == FREE_TEXT


def test_a_missing_english_gloss_is_refused(copy):
    rows = read(copy / "sources.csv")
    (row,) = [r for r in rows if r[0] == "toyokeizai-926558"]
    row[rows[0].index("title_en")] = ""
    write(copy / "sources.csv", rows)
    assert_reported(
        problems(copy), "sources.csv", "key toyokeizai-926558", "field 'title_en'", "English gloss"
    )


# --- non-finite and out-of-range numbers ---------------------------------------------------------

NON_FINITE = ["NaN", "Infinity", "-Infinity", "1e400"]


def test_non_finite_numbers_and_integers_beyond_int64_are_refused_by_file_row_and_field(copy):
    expected = []
    for resource in TABLES.values():
        file = resource["path"]
        rows = read(copy / file)
        row_number = 1
        for spec in resource["schema"]["fields"]:
            values = {"number": NON_FINITE, "integer": [str(2**63)]}.get(spec.get("type"), [])
            for value in values:
                rows[row_number][rows[0].index(spec["name"])] = value
                expected.append((file, f"data row {row_number} (line", f"'{spec['name']}'"))
                row_number += 1
        write(copy / file, rows)
    found = problems(copy)
    assert len(expected) == 2 * 4 + 9  # 2 number fields x 4 values, 9 integer fields
    for parts in expected:
        assert_reported(found, *parts)


# --- duplicate keys and dangling references, with and without the descriptor's keys -------------


def damage_keys_and_references(folder: Path) -> list[tuple[str, ...]]:
    expected = []
    for name, resource in TABLES.items():
        file = resource["path"]
        rows = read(folder / file)
        duplicate = list(rows[1])
        duplicate[-1] = "a different note"
        rows.append(duplicate)
        expected.append((file, f"data row {len(rows) - 1} (line", "duplicate key"))
        if "source_id" in rows[0] and name != "sources":
            rows[2][rows[0].index("source_id")] = "no-such-source"
            expected.append((file, "data row 2 (line 3)", "field 'source_id'", "no-such-source"))
        write(folder / file, rows)
    return expected


def strip_keys(folder: Path) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        (resource.get("schema") or {}).pop("primaryKey", None)
        (resource.get("schema") or {}).pop("foreignKeys", None)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


@pytest.mark.parametrize("descriptor_keys", ["declared", "removed"])
def test_duplicate_keys_and_unknown_sources_are_refused_whatever_the_descriptor_says(
    copy, descriptor_keys
):
    if descriptor_keys == "removed":
        strip_keys(copy)
    expected = damage_keys_and_references(copy)
    found = problems(copy)
    assert len(expected) == 7 + 6
    for parts in expected:
        assert_reported(found, *parts)


def test_the_library_knows_every_primary_key_the_descriptor_declares():
    declared = {name: tuple(r["schema"]["primaryKey"]) for name, r in TABLES.items()}
    assert declared == PRIMARY_KEYS


def test_dangling_within_and_compare_to_are_refused(copy):
    lines = read(copy / "budget-lines.csv")
    (row,) = [r for r in lines if r[:4] == ["2026", "initial-draft", "METI", "rapidus-equity"]]
    row[lines[0].index("within")] = "chips-design-hub"  # an item of FY2025 only
    write(copy / "budget-lines.csv", lines)
    claims = read(copy / "claims.csv")
    claims[1][claims[0].index("compare_to")] = "budget-lines:2027/initial-draft/chips-ai"
    write(copy / "claims.csv", claims)
    found = problems(copy)
    assert_reported(found, "budget-lines.csv", "key 2026/initial-draft/rapidus-equity", "'within'")
    assert_reported(found, "claims.csv", "data row 1 (line 2)", "'compare_to'", "2027")


# --- text against value: every row that has both ------------------------------------------------


def test_every_stored_value_is_checked_against_its_text(copy):
    expected = []
    for name, (_, value_fields) in TEXT_AND_VALUE.items():
        file = TABLES[name]["path"]
        rows = read(copy / file)
        for number, row in enumerate(rows[1:], start=1):
            statement = "relation" in rows[0] and row[rows[0].index("relation")] in (
                "share-of-change",
                "regular-share",
            )  # a statement's stated_value is its threshold, with no text form to check
            for field in value_fields:
                cell = row[rows[0].index(field)]
                if cell and not statement:
                    row[rows[0].index(field)] = str(Decimal(cell) * 10)
                    expected.append((file, f"data row {number} (line", f"'{field}'", "contradicts"))
        write(copy / file, rows)
    found = problems(copy)
    assert len(expected) == 30 + 9 + 6 + 11 + 10
    for parts in expected:
        assert_reported(found, *parts)


# --- encoding and line endings -------------------------------------------------------------------


@pytest.mark.parametrize("resource", sorted(TABLES))
def test_a_file_not_in_utf8_is_refused_by_name(copy, resource):
    path = copy / TABLES[resource]["path"]
    path.write_bytes(path.read_bytes() + "x,\u00e9\n".encode("latin-1"))
    assert_reported(problems(copy), TABLES[resource]["path"])


@pytest.mark.parametrize("ending", ["\r\n", "\r"], ids=["CRLF", "CR"])
def test_other_line_endings_are_harmless(copy, ending):
    for resource in TABLES.values():
        path = copy / resource["path"]
        path.write_bytes(path.read_bytes().replace(b"\n", ending.encode()))
    assert_refused_or_harmless(copy)
    data.validate(copy)  # and in fact accepted


def test_a_byte_order_mark_is_refused_or_harmless(copy):
    for resource in TABLES.values():
        path = copy / resource["path"]
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert_refused_or_harmless(copy)


# --- missing descriptor parts -------------------------------------------------------------------


def without(folder: Path, level: str, key: str) -> None:
    descriptor = json.loads((folder / "datapackage.json").read_text(encoding="utf-8"))
    for resource in descriptor["resources"]:
        schema = resource.get("schema") or {}
        if level == "resource":
            resource.pop(key, None)
        elif level == "schema":
            schema.pop(key, None)
        elif level == "field":
            for field in schema.get("fields", []):
                field.pop(key, None)
        else:
            for field in schema.get("fields", []):
                (field.get("constraints") or {}).pop(key, None)
    (folder / "datapackage.json").write_text(json.dumps(descriptor, indent=2), encoding="utf-8")


PARTS = sorted(
    {("resource", k) for r in DESCRIPTOR["resources"] for k in r}
    | {("schema", k) for r in TABLES.values() for k in r["schema"]}
    | {("field", k) for r in TABLES.values() for f in r["schema"]["fields"] for k in f}
    | {
        ("constraint", k)
        for r in TABLES.values()
        for f in r["schema"]["fields"]
        for k in f.get("constraints", {})
    }
)


@pytest.mark.parametrize(("level", "key"), PARTS, ids=[f"{lv}-{k}" for lv, k in PARTS])
def test_a_missing_descriptor_part_is_refused_or_harmless(copy, level, key):
    without(copy, level, key)
    assert_refused_or_harmless(copy, "datapackage.json")


@pytest.mark.parametrize("resource", [*sorted(TABLES), "ecb-rates"])
def test_a_resource_missing_from_the_descriptor_is_refused_by_name(copy, resource):
    descriptor = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    descriptor["resources"] = [r for r in descriptor["resources"] if r["name"] != resource]
    (copy / "datapackage.json").write_text(json.dumps(descriptor), encoding="utf-8")
    assert_reported(problems(copy), "datapackage.json", f"resource '{resource}' is not described")
