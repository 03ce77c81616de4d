"""Benchmark `tenderpack import` of 1,000 distinct filled forms of a ~50-row tender into SQLite.

Usage: ``.venv/bin/python benchmarks/importing.py [--forms 1000]``

One sample bid is filled into the sample's form once; 1,000 distinct bids are made from it by
rewriting the bidder's name and KvK number in the bidder sheet's XML (so every file has its own hash
and bidder, as in a real batch, and none is a duplicate). The command runs end to end in a fresh
process, interpreter start included, against an empty SQLite file; the figure is its wall time.
"""

from __future__ import annotations

import argparse
import io
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "gemeente-it-beheer"
BIDDER = "hazeveld-ict-services"
NAME, KVK = "Hazeveld ICT Services B.V.", "61834207"


def variants(filled: bytes, count: int, folder: Path) -> list[Path]:
    """``count`` copies of ``filled`` with bidder name and KvK rewritten in every worksheet."""
    with zipfile.ZipFile(io.BytesIO(filled)) as src:
        parts = [(info, src.read(info.filename)) for info in src.infolist()]
    paths = []
    for i in range(count):
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
            for info, data in parts:
                if info.filename.startswith("xl/worksheets/"):
                    data = data.replace(NAME.encode(), f"Inschrijver {i:04d} B.V.".encode()).replace(
                        KVK.encode(), f"{20000000 + i}".encode())
                dst.writestr(info, data)
        path = folder / f"bid-{i:04d}.xlsx"
        path.write_bytes(out.getvalue())
        paths.append(path)
    return paths


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=1000)
    args = parser.parse_args()
    tool = Path(sys.executable).with_name("tenderpack")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        db = folder / "bench.sqlite"
        spec = ROOT / "samples" / f"{SAMPLE}.yaml"
        subprocess.run([str(tool), "build", str(spec), "--out", str(folder / "pack"), "--db", str(db),
                        "--date", "2027-03-15"], check=True, capture_output=True)
        form = next((folder / "pack").glob("*-inschrijvingsformulier.xlsx"))
        subprocess.run([str(tool), "fill", str(form), str(ROOT / "samples" / "bids" / SAMPLE / f"{BIDDER}.yaml"),
                        "--out", str(folder / "filled.xlsx")], check=True, capture_output=True)
        bids = folder / "bids"
        bids.mkdir()
        variants((folder / "filled.xlsx").read_bytes(), args.forms, bids)
        start = time.perf_counter()
        result = subprocess.run([str(tool), "import", str(bids), "--db", str(db)], capture_output=True, text=True)
        elapsed = time.perf_counter() - start
        summary = result.stderr.strip().splitlines()[-1]
    print(f"tenderpack import of {args.forms} forms into SQLite: {elapsed:.1f} s "
          f"({args.forms / elapsed:.0f} forms/s), exit {result.returncode}: {summary}")


if __name__ == "__main__":
    main()
