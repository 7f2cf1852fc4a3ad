"""Schema-driven pandas dtypes: how each table of the package is read into a DataFrame.

The dtype of every column follows from its field in ``datapackage.json``:

- a field with an ``enum`` is an unordered ``Categorical`` whose categories are the enum
  (``qualifier`` also has the category ``""``, meaning an exact figure; other empty cells are
  NaN). Categories are object-dtype (plain Python strings, whatever pandas' string default);
- ``integer`` is ``Int64`` (``<NA>`` when empty); ``number`` is ``float64`` (NaN when empty);
- ``date`` is ``datetime64[ns]`` (NaT when empty);
- any other field is pandas ``str`` (``""`` when empty).

The values were checked by the package validation first (types, ranges, finiteness), so the
conversion cannot fail or lose digits.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pandas as pd

from .vocabulary import EMPTY_IS_A_WORD


def dtype_of(field: dict[str, Any]) -> Any:
    """The pandas dtype of one schema field (a ``dict`` of the descriptor)."""
    enum = (field.get("constraints") or {}).get("enum")
    if enum is not None:
        categories = ["", *enum] if field["name"] in EMPTY_IS_A_WORD else list(enum)
        return pd.CategoricalDtype(pd.Index(categories, dtype=object))
    return {"integer": "Int64", "number": "float64", "date": "datetime64[ns]"}.get(
        field.get("type", "string"), "str"
    )


def read_table(path: Path, fields: list[dict[str, Any]]) -> pd.DataFrame:
    """The CSV file at ``path`` with the dtypes of ``fields``, in the schema's column order."""
    names = [f["name"] for f in fields]
    empty_is_missing = {
        f["name"]: [""] for f in fields if dtype_of(f) != "str" and f["name"] not in EMPTY_IS_A_WORD
    }
    dates = [f["name"] for f in fields if f.get("type") == "date"]
    frame = pd.read_csv(
        path,
        dtype={
            n: ("str" if n in dates else dtype_of(f)) for n, f in zip(names, fields, strict=True)
        },
        usecols=names,
        keep_default_na=False,
        na_values=empty_is_missing,
        encoding="utf-8",
    )
    for name in dates:
        frame[name] = pd.to_datetime(frame[name], format="%Y-%m-%d").astype("datetime64[ns]")
    return frame[names]
