"""The record of passed validations (jpbudget.data.validation_cache): a new process may skip
Frictionless only for the very bytes of data and code that passed before.

Each test works on its own copy of ``data/`` with its own cache folder, empty or holding the
records that a validation of the same bytes left (``passed_copy``). "A new process" is simulated
by clearing the per-process cache (``package._CACHE``), as ``test_data.py`` does.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from jpbudget import data
from jpbudget.data import package, validation_cache
from jpbudget.paths import data_dir

DATA = data_dir()
PACKAGE_DIR = Path(data.__file__).resolve().parents[1]
#: The FY2025 chips & AI row: 3328億円 stored as 332800000000.
ROW = "2025,initial-draft,METI,chips-ai,meti-total,3328億円,332800000000,"


@pytest.fixture
def copy(tmp_path, monkeypatch) -> Path:
    """A copy of ``data/`` and an empty cache folder of its own; no validation cached."""
    folder = tmp_path / "data"
    shutil.copytree(DATA, folder)
    monkeypatch.setenv("JPBUDGET_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(package, "_CACHE", {})
    monkeypatch.setattr(package, "_REFUSED", {})
    return folder


@pytest.fixture(scope="module")
def passed_records(tmp_path_factory) -> Path:
    """The records a process leaves after validating ``data/`` as it is: made once per module,
    in a cache folder of their own, by a validation with nothing cached in memory."""
    folder = tmp_path_factory.mktemp("passed-records")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("JPBUDGET_CACHE_DIR", str(folder))
        patch.setattr(package, "_CACHE", {})
        patch.setattr(package, "_REFUSED", {})
        data.validate(DATA)
    return folder


@pytest.fixture
def passed_copy(copy, passed_records, tmp_path) -> Path:
    """``copy`` as a new process finds it after another validated the same bytes: its cache
    folder holds the records of that pass (a record names bytes and code, not a folder)."""
    shutil.copytree(passed_records, tmp_path / "cache")
    return copy


def new_process() -> None:
    package._CACHE.clear()


def records() -> list[str]:
    folder = validation_cache.cache_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def described_files() -> list[str]:
    return ["datapackage.json", *package.resource_paths(package.read_descriptor(DATA))]


def test_a_pass_is_recorded_and_a_new_process_skips_frictionless(copy, monkeypatch):
    data.validate(copy)
    assert len(records()) == 1
    new_process()

    def must_not_run(*args):
        raise AssertionError("validated again although these bytes passed before")

    monkeypatch.setattr(package, "_frictionless_problems", must_not_run)
    monkeypatch.setattr(package, "_snapshot_problems", must_not_run)
    data.validate(copy)
    assert int(data.load("budget-lines", data_dir=copy)["amount_jpy"].sum()) > 0


def test_a_changed_byte_is_validated_again_even_with_the_same_size_and_time(passed_copy):
    lines = passed_copy / "budget-lines.csv"
    stat = lines.stat()
    text = lines.read_text(encoding="utf-8")
    assert text.count(ROW) == 1
    # one digit off: 332800000001 yen against its text 3328億円, the same length
    lines.write_text(text.replace(ROW, ROW.replace("332800000000", "332800000001")), "utf-8")
    os.utime(lines, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert lines.stat().st_size == stat.st_size and lines.stat().st_mtime_ns == stat.st_mtime_ns
    with pytest.raises(data.DataValidationError) as caught:
        data.validate(passed_copy)
    assert "budget-lines.csv" in str(caught.value) and "amount_jpy" in str(caught.value)


def test_a_failure_is_never_recorded(copy):
    lines = copy / "budget-lines.csv"
    text = lines.read_text(encoding="utf-8")
    lines.write_text(text.replace(ROW, ROW.replace("332800000000", "332800000001")), "utf-8")
    for _ in range(2):  # found afresh each time, with its message
        with pytest.raises(data.DataValidationError, match="amount_jpy"):
            data.validate(copy)
        new_process()
    assert records() == []


@pytest.mark.parametrize("name", described_files())
def test_the_key_changes_with_any_byte_of_the_descriptor_or_a_described_file(copy, name):
    paths = package.resource_paths(package.read_descriptor(copy))
    before = validation_cache.key(copy, paths)
    path = copy / name
    payload = bytearray(path.read_bytes())
    payload[len(payload) // 2] ^= 0x01
    path.write_bytes(bytes(payload))
    assert validation_cache.key(copy, paths) not in (before, None)


def test_the_key_does_not_depend_on_where_the_folder_is(copy):
    paths = package.resource_paths(package.read_descriptor(DATA))
    assert validation_cache.key(copy, paths) == validation_cache.key(DATA, paths)


def test_the_key_changes_with_any_module_of_the_validating_code(copy, tmp_path):
    code = tmp_path / "jpbudget"
    shutil.copytree(PACKAGE_DIR, code, ignore=shutil.ignore_patterns("__pycache__"))
    paths = package.resource_paths(package.read_descriptor(copy))
    before = validation_cache.key(copy, paths, package_dir=code)
    assert before == validation_cache.key(copy, paths, package_dir=PACKAGE_DIR)
    seen = {before}
    for module in ("data/checks.py", "data/references.py", "yen/__init__.py"):
        source = code / module
        source.write_bytes(source.read_bytes() + b"\n# changed\n")
        seen.add(validation_cache.key(copy, paths, package_dir=code))
    assert len(seen) == 4


def test_an_unreadable_file_gives_no_key_and_validation_names_it(copy):
    paths = package.resource_paths(package.read_descriptor(copy))
    (copy / "gdp.csv").unlink()
    assert validation_cache.key(copy, paths) is None
    with pytest.raises(data.DataValidationError, match="gdp"):
        data.validate(copy)
    assert records() == []


def test_off_records_nothing(copy, monkeypatch, tmp_path):
    monkeypatch.setenv("JPBUDGET_CACHE_DIR", "off")
    assert validation_cache.cache_dir() is None
    data.validate(copy)
    assert not (tmp_path / "cache").exists()


def test_an_unwritable_cache_folder_is_not_an_error(copy, monkeypatch, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("JPBUDGET_CACHE_DIR", str(blocker))
    data.validate(copy)
    new_process()
    data.validate(copy)  # validated in full again, still fine


def _counting_frictionless(monkeypatch) -> list[Path]:
    calls: list[Path] = []
    real = package._frictionless_problems

    def counted(folder, described, code):
        calls.append(folder)
        return real(folder, described, code)

    monkeypatch.setattr(package, "_frictionless_problems", counted)
    return calls


def test_a_refused_folder_is_refused_again_with_the_same_problems_without_revalidating(
    copy, monkeypatch
):
    calls = _counting_frictionless(monkeypatch)
    (copy / "budget-lines.csv").write_text(
        (copy / "budget-lines.csv")
        .read_text(encoding="utf-8")
        .replace(ROW, ROW.replace("332800000000", "x")),
        encoding="utf-8",
    )
    with pytest.raises(data.DataValidationError) as first:
        data.validate(copy)
    with pytest.raises(data.DataValidationError) as again:
        data.load("budget-lines", data_dir=copy)
    assert again.value.problems == first.value.problems and len(first.value.problems) > 0
    assert calls == [copy]


def test_a_refused_folder_changed_in_any_byte_is_validated_again(copy, monkeypatch):
    calls = _counting_frictionless(monkeypatch)
    path = copy / "budget-lines.csv"
    good = path.read_bytes()
    path.write_bytes(good.replace(ROW.encode(), ROW.replace("332800000000", "x").encode()))
    with pytest.raises(data.DataValidationError):
        data.validate(copy)
    path.write_bytes(good)
    data.validate(copy)
    assert calls == [copy, copy]


def _validated_resources(monkeypatch) -> list[str]:
    """The names of the resources Frictionless validates from now on, in order."""
    from frictionless import Resource

    names: list[str] = []
    real = Resource.validate

    def counted(self, *args, **kwargs):
        names.append(self.name)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Resource, "validate", counted)
    return names


def _every_resource() -> set[str]:
    descriptor = package.read_descriptor(DATA)
    return {r["name"] for r in descriptor["resources"]} - {"ecb-rates"}


def reword_a_plant(copy: Path) -> None:
    """Reword a plant in company-subsidies.csv, a file no check of another resource reads."""
    path = copy / "company-subsidies.csv"
    path.write_text(
        path.read_text(encoding="utf-8").replace("Kumamoto, first plant", "Kumamoto, plant 1"),
        encoding="utf-8",
    )


def test_a_changed_file_no_check_reads_revalidates_that_resource_alone(passed_copy, monkeypatch):
    validated = _validated_resources(monkeypatch)
    reword_a_plant(passed_copy)
    data.validate(passed_copy)
    assert validated == ["company-subsidies"]


#: A change of bytes that changes nothing else: a note reworded, a line added after the JSON.
HARMLESS = {
    "sources.csv": ("Title descriptive", "Title described"),
    "budget-lines.csv": ("Domestic AI foundation models", "Domestic AI foundation-models"),
    "datapackage.json": ("\n}", "\n}\n"),
}


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_a_change_to_a_file_every_check_may_read_revalidates_every_resource(
    passed_copy, monkeypatch, name
):
    validated = _validated_resources(monkeypatch)
    old, new = HARMLESS[name]
    text = (passed_copy / name).read_text(encoding="utf-8")
    assert old in text
    (passed_copy / name).write_text(text.replace(old, new, 1), encoding="utf-8")
    data.validate(passed_copy)
    assert sorted(validated) == sorted(_every_resource())


def test_a_resource_that_passed_is_refused_when_a_row_it_names_in_another_file_goes(
    passed_copy, monkeypatch
):
    """claims passed; the budget line one of its claims compares with is then deleted."""
    path = passed_copy / "budget-lines.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    gone = [
        line for line in lines if line.startswith("2026,initial-draft,METI,ai-foundation-models,")
    ]
    assert len(gone) == 1
    path.write_text("".join(line for line in lines if line not in gone), encoding="utf-8")
    with pytest.raises(data.DataValidationError) as caught:
        data.validate(passed_copy)
    assert any(
        "claims.csv" in p and "compare_to" in p and "2026/initial-draft/ai-foundation-models" in p
        for p in caught.value.problems
    ), caught.value.problems


def test_a_check_reading_a_resource_not_listed_in_the_keys_is_a_programming_error():
    from jpbudget.data import references

    with pytest.raises(RuntimeError, match="READ_BY_CHECKS"):
        references._rows(object(), "claims")


def test_a_resource_key_covers_its_file_its_foreign_keys_and_what_the_checks_read():
    descriptor = package.read_descriptor(DATA)
    assert package._read_by(descriptor, "claims") == [
        "budget-lines.csv",
        "claims.csv",
        "sources.csv",
    ]
    gdp = package._read_by(descriptor, "gdp")
    assert gdp is not None and {"budget-lines.csv", "sources.csv"} < set(gdp)


@pytest.mark.parametrize(
    "odd",
    ["two resources of one name", "schema in a file", "dialect in a file", "path as a list"],
)
def test_a_descriptor_said_another_way_gives_no_resource_key(odd):
    descriptor = package.read_descriptor(DATA)
    claims = next(r for r in descriptor["resources"] if r["name"] == "claims")
    if odd == "two resources of one name":
        descriptor["resources"].append(dict(claims, path="claims-2.csv"))
    elif odd == "schema in a file":
        claims["schema"] = "claims.schema.json"
    elif odd == "dialect in a file":
        claims["dialect"] = "claims.dialect.json"
    else:
        claims["path"] = ["claims.csv", "claims-more.csv"]
    assert package._read_by(descriptor, "claims") is None


def test_a_descriptor_saved_while_the_package_is_validated_is_validated_again(copy, monkeypatch):
    """What was validated is the descriptor as first read: no pass is recorded for the new one."""
    import json

    from frictionless import Package

    stricter = json.loads((copy / "datapackage.json").read_text(encoding="utf-8"))
    lines = next(r for r in stricter["resources"] if r["name"] == "budget-lines")
    amount = next(f for f in lines["schema"]["fields"] if f["name"] == "amount_jpy")
    amount.setdefault("constraints", {})["maximum"] = 1  # every row now breaks it
    real = Package.remove_resource

    def saved_meanwhile(self, name):  # called just after the descriptor was loaded
        (copy / "datapackage.json").write_text(json.dumps(stricter), encoding="utf-8")
        return real(self, name)

    monkeypatch.setattr(Package, "remove_resource", saved_meanwhile)
    data.validate(copy)  # the descriptor it read was the good one
    monkeypatch.setattr(Package, "remove_resource", real)
    new_process()
    with pytest.raises(data.DataValidationError) as caught:
        data.validate(copy)
    assert any("budget-lines.csv" in p and "maximum" in p for p in caught.value.problems)


def _built_resources(monkeypatch) -> list[list[str]]:
    """The resources of each package Frictionless builds from now on (names, in order)."""
    from frictionless import Package

    built: list[list[str]] = []
    real = Package.from_descriptor.__func__

    def counted(cls, descriptor, *args, **kwargs):
        built.append([r["name"] for r in descriptor["resources"]])
        return real(cls, descriptor, *args, **kwargs)

    monkeypatch.setattr(Package, "from_descriptor", classmethod(counted))
    return built


def test_a_descriptor_checked_before_builds_only_the_resources_validated_and_what_they_read(
    passed_copy, monkeypatch
):
    built = _built_resources(monkeypatch)
    validated = _validated_resources(monkeypatch)
    reword_a_plant(passed_copy)
    data.validate(passed_copy)
    # its foreign key's target (sources) and what every check reads (sources, budget-lines),
    # in the descriptor's order: not the whole package, whose descriptor was checked before
    assert built == [["sources", "budget-lines", "company-subsidies"]]
    assert validated == ["company-subsidies"]


def test_a_descriptor_not_checked_before_builds_every_resource(copy, monkeypatch):
    built = _built_resources(monkeypatch)
    data.validate(copy)
    names = [r["name"] for r in package.read_descriptor(copy)["resources"]]
    assert built == [names]  # the snapshot's too, removed before validation


#: A damage in a file only its own resource's checks read: (file, text, damaged text).
DAMAGES = {
    "unknown source": (
        "company-subsidies.csv",
        ',exact,jiji-2024-02-24-tsmc,"Decided in 2022',
        ',exact,no-such-source,"Decided in 2022',
    ),
    "amount against its text": (
        "rapidus-support.csv",
        "70 billion yen,70000000000,",
        "70 billion yen,7000000000,",
    ),
    "not a number": (
        "claims.csv",
        "about ¥1.23 trillion,1230000000000,",
        "about ¥1.23 trillion,1.23e,",
    ),
}


@pytest.mark.parametrize("damage", sorted(DAMAGES))
def test_a_damaged_file_gives_the_same_problems_whether_the_descriptor_was_checked_or_not(
    copy, monkeypatch, damage
):
    name, old, new = DAMAGES[damage]
    path = copy / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    found = []
    built = _built_resources(monkeypatch)
    for _ in range(2):  # every resource built, then (the descriptor's check recorded) three
        with pytest.raises(data.DataValidationError) as caught:
            data.validate(copy)
        found.append(caught.value.problems)
        new_process()
        package._REFUSED.clear()  # a refusal remembered in this process is not looked up
    assert [len(b) for b in built] == [len(package.read_descriptor(copy)["resources"]), 3]
    assert found[0] == found[1] and any(name in p for p in found[0]), found


def test_the_descriptor_check_is_recorded_under_its_bytes_and_the_code():
    raw = (DATA / "datapackage.json").read_bytes()
    code = validation_cache.code_digest()
    key = validation_cache.descriptor_key(raw, code)
    assert validation_cache.descriptor_key(raw + b"\n", code) != key
    assert validation_cache.descriptor_key(raw, "another code") != key
    paths = package.resource_paths(package.read_descriptor(DATA))
    assert key != validation_cache.key(DATA, paths, code=code)
