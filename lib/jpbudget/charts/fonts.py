"""Where the charts' Japanese font is (standard library only: cheap to import for pages).

>>> font_path().name
'ipaexg.ttf'
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

LATIN_FONT = "DejaVu Sans"
JAPANESE_FONT = "IPAexGothic"


def font_path() -> Path:
    """The IPAexGothic font file (``ipaexg.ttf``) that charts use for Japanese text.

    It ships with the ``matplotlib-fontja`` package (a project dependency). Found without
    importing that package, whose import switches every figure of the process to the font.
    """
    spec = importlib.util.find_spec("matplotlib_fontja")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError(
            "matplotlib-fontja is not installed: it provides the Japanese font of the charts "
            "(run `make setup`)"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / "fonts" / "ipaexg.ttf"
    if not path.is_file():
        raise RuntimeError(f"the Japanese chart font is missing: expected {path}")
    return path
