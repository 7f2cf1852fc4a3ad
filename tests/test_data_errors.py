"""Broken copies of data/ in a temporary folder: each fails with a message naming file, row, field."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from jpbudget import data
from jpbudget.errors import DataValidationError
from jpbudget.paths import data_dir


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A fresh copy of the data package, to break one thing in."""
    target = tmp_path / "data"
    shutil.copytree(data_dir(), target)
    return target


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


def drop_column(path: Path, column: str) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    index = rows[0].index(column)
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerows(r[:index] + r[index + 1 :] for r in rows)


def fails(folder: Path, *patterns: str) -> str:
    with pytest.raises(DataValidationError) as caught:
        data.validate(folder)
    message = str(caught.value)
    for pattern in patterns:
        assert pattern in message, f"{pattern!r} not in:\n{message}"
    # load() refuses the same folder with the same error
    with pytest.raises(DataValidationError):
        data.load("budget-lines", data_dir=folder)
    return message


def test_the_intact_copy_validates(copy):
    data.validate(copy)
    assert len(data.load("claims", data_dir=copy)) == 12


def test_missing_column(copy):
    drop_column(copy / "budget-lines.csv", "amount_jpy")
    fails(copy, "budget-lines.csv", "field 'amount_jpy'", "missing column")


def test_renamed_column_is_missing_plus_unexpected(copy):
    replace(copy / "rapidus-support.csv", ",booked_to,", ",booked,")
    fails(
        copy,
        "rapidus-support.csv",
        "field 'booked_to': missing column",
        "field 'booked': unexpected column",
    )


def test_wrong_type_integer(copy):
    replace(copy / "budget-lines.csv", ",1239000000000,", ",1.239e12,")
    fails(
        copy,
        "budget-lines.csv",
        "data row 10 (line 11)",
        "key 2026/initial-draft/chips-ai",
        "field 'amount_jpy'",
        "wrong type",
        "'1.239e12'",
        "integer",
    )


def test_wrong_type_date(copy):
    replace(copy / "rapidus-support.csv", "2025-03-31,day,2025", "31/03/2025,day,2025")
    fails(
        copy,
        "rapidus-support.csv",
        "data row 4 (line 5)",
        "key 2025-03-subsidy",
        "field 'announced'",
        "wrong type",
        "date",
    )


def test_unknown_vocabulary_word(copy):
    replace(
        copy / "budget-lines.csv",
        "2026,initial-draft,METI,chips-ai,",
        "2026,enacted,METI,chips-ai,",
    )
    fails(
        copy,
        "budget-lines.csv",
        "data row 10 (line 11)",
        "field 'budget'",
        "unknown vocabulary word 'enacted'",
        "'initial-draft'",
    )


def test_unknown_qualifier_word(copy):
    replace(
        copy / "rapidus-support.csv",
        ",up to ¥590 billion,590000000000,up to,",
        ",roughly ¥590 billion,590000000000,roughly,",
    )
    fails(
        copy,
        "rapidus-support.csv",
        "key 2024-04-subsidy",
        "field 'qualifier'",
        "unknown vocabulary word 'roughly'",
    )


def test_duplicate_key(copy):
    path = copy / "budget-lines.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[10]]), encoding="utf-8")
    fails(
        copy,
        "budget-lines.csv",
        "data row 31 (line 32)",
        "key 2026/initial-draft/chips-ai",
        "fiscal_year+budget+item",
        "duplicate key",
        "the same as in the data row 10 (line 11)",
    )


def test_duplicate_source_id(copy):
    path = copy / "sources.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("".join([*lines, lines[1]]), encoding="utf-8")
    # the appended row is data row len(lines): the header is line 1
    fails(
        copy, "sources.csv", f"data row {len(lines)}", "key hojyokin-meti-fy2025", "duplicate key"
    )


def test_source_id_with_no_source(copy):
    replace(copy / "rapidus-support.csv", ",jiji-2025-03-31-rapidus,", ",jiji-2025-03-31,")
    fails(
        copy,
        "rapidus-support.csv",
        "data row 4 (line 5)",
        "key 2025-03-subsidy",
        "field 'source_id'",
        "'jiji-2025-03-31' has no matching row",
    )


def test_amount_contradicting_its_text(copy):
    replace(copy / "budget-lines.csv", ",3328億円,332800000000,", ",3328億円,332000000000,")
    fails(
        copy,
        "budget-lines.csv",
        "data row 3 (line 4)",
        "key 2025/initial-draft/chips-ai",
        "field 'amount_jpy'",
        "amount contradicts its text",
        "332,800,000,000",
    )


def test_qualifier_missing_from_the_text(copy):
    replace(
        copy / "budget-lines.csv",
        ",6300億円程度,630000000000,about,",
        ",6300億円,630000000000,about,",
    )
    fails(
        copy,
        "budget-lines.csv",
        "key 2026/initial-draft/rapidus-rd",
        "field 'amount_text'",
        "'6300億円' does not carry its qualifier 'about'",
        "'約', '規模', '程度'",
    )


def test_qualifier_printed_as_another_hedge(copy):
    replace(
        copy / "rapidus-support.csv",
        ",over ¥2 trillion,2000000000000,more than,",
        ",over ¥2 trillion,2000000000000,up to,",
    )
    fails(
        copy,
        "rapidus-support.csv",
        "key 2025-11-loan-guarantee-plan",
        "'over ¥2 trillion' does not carry its qualifier 'up to'",
    )


@pytest.mark.parametrize(
    ("old", "new", "shown"),
    [
        (
            ",roughly ¥252.5 billion,252500000000,about,",
            ",roughly ¥252.5 billion,252500000000,,",
            "cannot read 'roughly ¥252.5 billion'",
        ),
        (
            ",1.5兆円規模,1500000000000,about,",
            ",1.5兆円規模,1500000000000,,",
            "cannot read '1.5兆円規模'",
        ),
    ],
    ids=["english-hedge", "japanese-hedge-at-the-end"],
)
def test_hedge_in_the_text_but_no_qualifier(copy, old, new, shown):
    replace(copy / "budget-lines.csv", old, new)
    fails(copy, "budget-lines.csv", "field 'amount_text'", shown, "carries the qualifier")


def test_context_figure_contradicting_its_text(copy):
    replace(copy / "context-figures.csv", ",11.5 pct,,11.5,", ",11.5 pct,,15.0,")
    fails(
        copy,
        "context-figures.csv",
        "key rapidus-voting-rights-2026-02",
        "field 'value'",
        "value contradicts its text: value_text '11.5 pct' is 11.5 but value is 15.0",
    )


def test_context_figure_reading_japanese_print(copy):
    replace(copy / "context-figures.csv", ",約4割増,,40,about,", ",約4割増,,4,about,")
    fails(copy, "context-figures.csv", "key next-gen-nuclear-fy2026-change", "'約4割増' is 40")


def test_context_share_without_its_mark(copy):
    replace(copy / "context-figures.csv", ",11.5 pct,,11.5,", ",11.5,,11.5,")
    fails(copy, "context-figures.csv", "cannot read '11.5' as a share", "'%' or ' pct'")


def test_context_amount_with_a_value_too(copy):
    replace(
        copy / "context-figures.csv",
        ",267.6 billion yen,267600000000,,",
        ",267.6 billion yen,267600000000,267.6,",
    )
    fails(
        copy,
        "context-figures.csv",
        "key rapidus-round-2026-02-total",
        "field 'value'",
        "leave value empty",
    )


def test_context_amount_contradicting_its_text(copy):
    replace(
        copy / "context-figures.csv",
        ",¥50 trillion,50000000000000,",
        ",¥50 trillion,5000000000000,",
    )
    fails(copy, "context-figures.csv", "field 'amount_jpy'", "amount contradicts its text")


def test_company_subsidy_with_no_source(copy):
    replace(copy / "company-subsidies.csv", ",nikkei-asia-2025-09-13-micron,", ",nikkei-asia,")
    fails(
        copy,
        "company-subsidies.csv",
        "key micron-hiroshima-2025",
        "'nikkei-asia' has no matching row",
    )


def test_claim_in_yen_contradicting_its_value(copy):
    replace(copy / "claims.csv", ",¥387.3 billion,387300000000,", ",¥387.3 billion,383700000000,")
    fails(
        copy,
        "claims.csv",
        "key ai-foundation-models",
        "field 'stated_value'",
        "amount contradicts its text",
    )


def test_within_naming_no_line_of_that_year(copy):
    replace(
        copy / "budget-lines.csv",
        "2025,initial-draft,METI,chips-design-hub,chips-ai,",
        "2025,initial-draft,METI,chips-design-hub,energy-special-account,",
    )
    fails(
        copy,
        "budget-lines.csv",
        "data row 5 (line 6)",
        "key 2025/initial-draft/chips-design-hub",
        "field 'within'",
        "'energy-special-account' is not an item of FY2025 initial",
    )


def test_compare_to_naming_no_budget_line(copy):
    replace(copy / "claims.csv", "vs 2025/initial-draft/meti-total", "vs 2024/request/meti-total")
    fails(
        copy,
        "claims.csv",
        "data row 4 (line 5)",
        "key meti-growth",
        "field 'compare_to'",
        "2024/request/meti-total is no row of budget-lines",
    )


def test_compare_to_breaking_the_grammar(copy):
    replace(copy / "claims.csv", "rapidus-support:equity@2026", "rapidus-support:loans@2026")
    fails(copy, "claims.csv", "key rapidus-cumulative", "field 'compare_to'")


def test_snapshot_altered(copy):
    snapshot = copy / "raw" / "eurofxref-hist.zip"
    payload = bytearray(snapshot.read_bytes())
    payload[1000] ^= 0xFF
    snapshot.write_bytes(bytes(payload))
    fails(copy, "raw/eurofxref-hist.zip", "checksum mismatch", "datapackage.json")


def test_missing_file(copy):
    (copy / "claims.csv").unlink()
    fails(copy, "claims.csv", "file missing")


def test_a_fixed_file_validates_again_in_the_same_process(copy):
    path = copy / "budget-lines.csv"
    good = path.read_bytes()
    replace(path, "2026,initial-draft,METI,chips-ai,", "2026,enacted,METI,chips-ai,")
    fails(copy, "unknown vocabulary word")
    path.write_bytes(good)
    data.validate(copy)


def test_errors_are_value_errors_and_reexported():
    assert data.DataValidationError is DataValidationError
    assert issubclass(data.DataValidationError, ValueError)


@pytest.mark.parametrize(
    "edit",
    [
        lambda folder: replace(folder / "sources.csv", ",2025-12-22,en,", ",2025-12-22,english,"),
        lambda folder: replace(folder / "claims.csv", ",USD,conversion,", ",dollars,conversion,"),
    ],
    ids=["language", "unit"],
)
def test_other_vocabularies_are_enforced(copy, edit: Callable[[Path], None]):
    edit(copy)
    fails(copy, "unknown vocabulary word")


def test_descriptor_hash_disagreeing_with_the_snapshot(copy):
    replace(copy / "datapackage.json", '"hash": "sha256:73db', '"hash": "sha256:00db')
    fails(copy, "raw/eurofxref-hist.zip", "checksum mismatch", "datapackage.json")
