"""Benchmark the workbook reader against a bare zipfile + lxml read, openpyxl and python-calamine.

Usage: ``.venv/bin/python benchmarks/reader.py [--rows 50] [--forms 200] [--repeat 3] [--resaved]``

The form is written by openpyxl (inline strings, like the form writer): six sheets (five with a title
block and a table, one veryHidden metadata sheet) holding ``--rows`` answer rows in all, a custom
property and defined names. ``--resaved`` first re-saves it with LibreOffice Calc (shared strings).
Each reader reads every cell value of every sheet of the same bytes, ``--forms`` times, in a fresh
process; "2 cores" runs two such processes at once; the best of ``--repeat`` runs counts. python-calamine
is measured only if installed (it is not a dependency). On a shared machine the numbers still vary by
20% or more between runs: compare readers within one table.
"""

from __future__ import annotations

import argparse
import io
import multiprocessing
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SHEETS = ("Instructies", "Inschrijver", "Eisen", "Gunningscriteria", "KPI-aanbod")
TEXT = "De opdrachtnemer levert de dienst conform het programma van eisen en rapporteert maandelijks."


def make_form(rows: int) -> bytes:
    """An openpyxl-written bid form with ``rows`` answer rows spread over five sheets."""
    import openpyxl
    from openpyxl.packaging.custom import StringProperty
    from openpyxl.workbook.defined_name import DefinedName

    wb = openpyxl.Workbook()
    meta = []
    for index, title in enumerate(SHEETS):
        ws = wb.active if index == 0 else wb.create_sheet()
        ws.title = title
        ws.append([f"{title} - aanbesteding TEST-2027-001"])
        ws.append(["Vul de gele cellen in."])
        ws.append([])
        ws.append(["ID", "Eis", "Antwoord", "Waarde", "Eenheid", "Toelichting"])
        for i in range(rows // len(SHEETS) + (index < rows % len(SHEETS))):
            ident = f"{title[:3].upper()}-{i + 1:03d}"
            ws.append([ident, f"{TEXT} ({i})", "Ja", 95.5 + i, "%", "Geen voorbehoud" if i % 2 else None])
            meta.append(["item", ident, title, ws.max_row, "a3f5" * 16])
    ws = wb.create_sheet("_tenderpack")
    ws.sheet_state = "veryHidden"
    ws.append(["record", "key", "value", "row", "hash"])
    for record in meta:
        ws.append(record)
    wb.custom_doc_props.append(StringProperty(name="tenderpack.reference", value="TEST-2027-001"))
    wb.defined_names["tp_reference"] = DefinedName("tp_reference", attr_text='"TEST-2027-001"')
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def resave(data: bytes) -> bytes:
    """``data`` re-saved by LibreOffice Calc (needs soffice)."""
    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp, "form.xlsx")
        src.write_bytes(data)
        command = ["soffice", "--headless", f"-env:UserInstallation=file://{tmp}/profile", "--convert-to",
                   "xlsx", "--outdir", f"{tmp}/out", str(src)]
        subprocess.run(command, check=True, capture_output=True, timeout=180)
        return Path(tmp, "out", "form.xlsx").read_bytes()


def read_tenderpack(data: bytes) -> int:
    from generator.workbook import open_workbook

    wb = open_workbook(data)
    return sum(len(cells) for sheet in wb.sheets for cells in sheet.rows.values())


def read_bare(data: bytes) -> int:
    """Every cell's raw text, with no checks, limits, types or sheet names: the floor for lxml."""
    from lxml import etree

    ns = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
    zf = zipfile.ZipFile(io.BytesIO(data))
    names = zf.namelist()
    strings = []
    if "xl/sharedStrings.xml" in names:
        strings = ["".join(si.itertext()) for si in etree.fromstring(zf.read("xl/sharedStrings.xml"))]
    count = 0
    for name in names:
        if name.startswith("xl/worksheets/sheet"):
            for c in etree.fromstring(zf.read(name)).iter(f"{ns}c"):
                kind = c.get("t")
                value = "".join(c.itertext()) if kind == "inlineStr" else c.findtext(f"{ns}v")
                if kind == "s" and value is not None:
                    value = strings[int(value)]
                count += value is not None
    return count


def read_openpyxl(data: bytes, read_only: bool = False) -> int:
    import openpyxl

    wb = openpyxl.load_workbook(io.BytesIO(data), read_only=read_only)
    count = sum(v is not None for ws in wb.worksheets for row in ws.iter_rows(values_only=True) for v in row)
    wb.close()
    return count


def read_openpyxl_ro(data: bytes) -> int:
    return read_openpyxl(data, read_only=True)


def read_calamine(data: bytes) -> int:
    import python_calamine

    wb = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    rows = (row for name in wb.sheet_names for row in wb.get_sheet_by_name(name).to_python())
    return sum(value != "" for row in rows for value in row)


READERS = {
    "bare zipfile + lxml": read_bare,
    "tenderpack (generator.workbook)": read_tenderpack,
    "openpyxl read-only": read_openpyxl_ro,
    "openpyxl": read_openpyxl,
    "python-calamine": read_calamine,
}


def run(reader: str, data: bytes, forms: int) -> tuple[float, float, int]:
    """Read ``data`` ``forms`` times in this process: (seconds, peak RSS in MB, cells per form).

    The peak includes the imports: ``generator.workbook`` imports the whole ``generator`` package.
    """
    read = READERS[reader]
    cells = read(data)  # warm up: imports, caches
    start = time.perf_counter()
    for _ in range(forms):
        read(data)
    seconds = time.perf_counter() - start
    with open("/proc/self/status") as status:  # VmHWM: this process's own peak, unlike ru_maxrss
        peak = int(re.search(r"VmHWM:\s+(\d+)", status.read())[1]) / 1024
    return seconds, peak, cells


def measure(reader: str, data: bytes, forms: int, cores: int, repeat: int) -> tuple[float, float, int]:
    """The best forms per second over ``cores`` fresh processes, their peak RSS and the cells per form."""
    best = (0.0, 0.0, 0)
    for _ in range(repeat):
        with ProcessPoolExecutor(max_workers=cores, mp_context=multiprocessing.get_context("spawn")) as pool:
            results = list(pool.map(run, [reader] * cores, [data] * cores, [forms // cores] * cores))
        rate = cores * (forms // cores) / max(seconds for seconds, _, _ in results)
        best = max(best, (rate, max(rss for _, rss, _ in results), results[0][2]))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=50, help="answer rows in the form (default 50)")
    parser.add_argument("--forms", type=int, default=200, help="forms read per measurement (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="measurements per reader, the best counts")
    parser.add_argument("--resaved", action="store_true", help="re-save the form with LibreOffice first")
    args = parser.parse_args()
    data = make_form(args.rows)
    if args.resaved:
        data = resave(data)
    try:
        import python_calamine  # noqa: F401
    except ImportError:
        del READERS["python-calamine"]
    entries = len(zipfile.ZipFile(io.BytesIO(data)).namelist())
    resaved = ", re-saved by LibreOffice" if args.resaved else ""
    print(f"form: {args.rows} answer rows, {len(data):,} bytes, {entries} entries{resaved}; "
          f"{args.forms} forms per measurement\n")
    print(f"| {'reader':32} | cells | forms/s, 1 core | forms/s, 2 cores | peak RSS MB | time / bare |")
    print(f"|{'-' * 34}|------:|----------------:|-----------------:|------------:|------------:|")
    bare = 0.0
    for reader in READERS:  # the bare read comes first: it is the yardstick
        one, rss, cells = measure(reader, data, args.forms, 1, args.repeat)
        two, _, _ = measure(reader, data, args.forms, 2, args.repeat)
        bare = bare or one
        print(f"| {reader:32} | {cells:5} | {one:15.0f} | {two:16.0f} | {rss:11.0f} | {bare / one:11.2f} |",
              flush=True)


if __name__ == "__main__":
    main()
