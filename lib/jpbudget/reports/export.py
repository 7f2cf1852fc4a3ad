"""A report's HTML page and figure files from its executed notebook."""

from __future__ import annotations

import base64
from typing import Any

from ..provenance import METADATA_KEY


def _svg_text(value: Any) -> str:
    return "".join(value) if isinstance(value, list) else str(value)


def _extract_figures(nb: Any) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` for every figure output, PNG and (when drawn) SVG."""
    files: list[tuple[str, bytes]] = []
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" not in data:
                continue
            count += 1
            stem = f"figure-{count}"
            png = data["image/png"]
            png = "".join(png) if isinstance(png, list) else png
            files.append((f"{stem}.png", base64.b64decode(png)))
            if "image/svg+xml" in data:
                files.append((f"{stem}.svg", _svg_text(data["image/svg+xml"]).encode("utf-8")))
    return files


def _export_html(nb: Any, title: str) -> str:
    """Standalone HTML: no code, no prompts, images as data: URIs (PNG preferred to SVG)."""
    import copy

    from nbconvert import HTMLExporter

    shown = copy.deepcopy(nb)
    for cell in shown.cells:
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data and "image/svg+xml" in data:
                del data["image/svg+xml"]
    exporter = HTMLExporter(
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        embed_images=True,
    )
    body, _ = exporter.from_notebook_node(shown, resources={"metadata": {"name": title}})
    return body


def _exchange_rate_text(nb: Any, params: dict) -> str:
    """The rate the report used: from the provenance metadata, else the ``fx`` parameter."""
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            prov = output.get("metadata", {}).get(METADATA_KEY, {}).get("provenance")
            if isinstance(prov, dict):
                rate = prov.get("exchange_rate")
                fx = prov.get("parameters", {}).get("fx", params.get("fx"))
                if rate:
                    prefix = f"fx = {fx!r}: " if fx is not None else ""
                    return prefix + rate["description"]
    if "fx" in params:
        return f"fx = {params['fx']!r}"
    return ""
