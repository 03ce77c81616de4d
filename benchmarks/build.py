"""Benchmark of `tenderpack build` (issue 3): in-process time, ratio to plain docxtpl + openpyxl,
end-to-end time including interpreter start, peak memory, and growth over 50, 200 and 1000 clauses.

The baseline renders the same texts with plain docxtpl (a template with one loop, autoescape on) and
writes the same rows to one protected sheet with one list validation with plain openpyxl: the work
without tenderpack's logic (house style, numbering, contents, metadata, hashes, validations per type).
"""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from docx import Document
from docxtpl import DocxTemplate
from openpyxl import Workbook
from openpyxl.styles import Protection
from openpyxl.worksheet.datavalidation import DataValidation

sys.path.insert(0, str(Path(__file__).parent))
from generated import write_generated  # noqa: E402

from generator.assemble import assemble  # noqa: E402
from generator.library import load_library  # noqa: E402
from generator.agreement import render_agreement  # noqa: E402
from generator.document import render_tender_document  # noqa: E402
from generator.form import write_form  # noqa: E402
from generator.pack import render_pack  # noqa: E402
from generator.spec import load_spec  # noqa: E402

SIZES = (50, 200, 1000)
REPEAT = 9


def best(*fns, repeat: int = REPEAT) -> list[float]:
    """The best wall time of ``repeat`` calls of each of ``fns``, in milliseconds.

    The functions take turns (one call of each per round, after a full garbage collection), so a
    burst of load on this shared machine slows them alike instead of spoiling the ratio of two.
    """
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for fn, spent in zip(fns, times):
            gc.collect()
            start = time.perf_counter()
            fn()
            spent.append((time.perf_counter() - start) * 1000)
    return [min(spent) for spent in times]


def baseline_template(folder: Path) -> Path:
    doc = Document()
    doc.add_heading("{{ title }}", 0)
    doc.add_paragraph("{%p for item in items %}")
    doc.add_heading("{{ item.id }} {{ item.title }}", 2)
    doc.add_paragraph("{{ item.text }}")
    doc.add_paragraph("{%p endfor %}")
    path = folder / "baseline.docx"
    doc.save(path)
    return path


def baseline(template: Path, tender) -> None:
    items = [{"id": i.id, "title": i.title, "text": i.text}
             for group in (tender.requirements, tender.criteria, tender.contract_clauses, tender.kpis)
             for i in group]
    tpl = DocxTemplate(template)
    tpl.render({"title": tender.title, "items": items}, autoescape=True)
    tpl.save(io.BytesIO())
    wb = Workbook()
    ws = wb.active
    dv = DataValidation(type="list", formula1='"Ja,Nee"', showErrorMessage=True, showInputMessage=True)
    ws.add_data_validation(dv)
    for row, item in enumerate(items, start=2):
        ws.append([item["id"], item["title"], item["text"], None])
        ws.cell(row=row, column=4).protection = Protection(locked=False)
        dv.add(ws.cell(row=row, column=4))
    ws.protection.sheet = True
    wb.save(io.BytesIO())


def end_to_end(spec: Path, library: Path, out: Path, cache: Path) -> tuple[float, float, float]:
    """`tenderpack build` in fresh processes: the first start with an empty cache (ms), the best of
    seven later starts (ms), and the highest peak RSS of the process and its forked child (MB).

    Each size gets a cache folder of its own, so the first start parses the library and cleans and
    compiles the templates, as the first build after installing or after changing the library does.
    """
    tool = Path(sys.executable).with_name("tenderpack")
    # An installed package has its bytecode compiled (pip does it); a checkout run with
    # PYTHONDONTWRITEBYTECODE would compile every module on every start.
    package = Path(__file__).resolve().parent.parent / "generator"
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(package)], check=True, stdout=subprocess.DEVNULL)
    env = dict(os.environ, TENDERPACK_CACHE_DIR=str(cache))
    times, peaks = [], []
    for _ in range(8):  # a start-up costs about a second and the machine is noisy: the best of seven
        start = time.perf_counter()
        proc = subprocess.Popen([str(tool), "--library", str(library), "build", str(spec), "--out", str(out),
                                 "--date", "2027-01-10"], stdout=subprocess.DEVNULL, env=env)
        _, status, usage = os.wait4(proc.pid, 0)  # ru_maxrss covers the process and its reaped children
        times.append((time.perf_counter() - start) * 1000)
        if status != 0:
            raise SystemExit(f"tenderpack build failed with status {status}")
        peaks.append(usage.ru_maxrss / 1024)
    return times[0], min(times[1:]), max(peaks)


def main() -> None:
    import datetime as dt

    built = dt.datetime(2027, 1, 10)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        template = baseline_template(folder)
        for size in SIZES:
            spec_path = write_generated(folder / str(size), size)
            lib = load_library(folder / str(size) / "library")

            def pack() -> None:
                render_pack(assemble(lib, load_spec(spec_path, lib)), built=built)

            tender = assemble(lib, load_spec(spec_path, lib))
            pack()  # warm caches (compiled templates), as a long-running process would have them
            # The same content as the baseline: the tender document and the bid form (the manifest is
            # a few hashes); the draft annex came with the after-award work and is timed on its own.
            ours, core, annex, base = best(
                pack, lambda: (render_tender_document(tender, built=built), write_form(tender, built=built)),
                lambda: render_agreement(tender, None, built=built), lambda: baseline(template, tender))
            first, e2e, peak = end_to_end(spec_path, folder / str(size) / "library", folder / str(size) / "out",
                                          folder / str(size) / "cache")
            rows.append((size, ours, core, annex, base, first, e2e, peak))
    print(f"{'clauses':>7} {'pack ms':>8} {'doc+form ms':>11} {'annex ms':>9} {'baseline ms':>11} "
          f"{'ratio':>6} {'first build ms':>14} {'end-to-end ms':>13} {'peak MB':>8}")
    for size, ours, core, annex, base, first, e2e, peak in rows:
        print(f"{size:>7} {ours:>8.1f} {core:>11.1f} {annex:>9.1f} {base:>11.1f} {core / base:>6.2f} "
              f"{first:>14.0f} {e2e:>13.0f} {peak:>8.0f}")
    per_clause = [(r[1] / r[0]) for r in rows]
    print("ratio = (document + form) / baseline; pack = document + form + draft annex + manifest")
    print("first build = `tenderpack build` with an empty cache; end-to-end = best of seven later builds")
    print("ms per clause:", ", ".join(f"{size}: {v:.2f}" for size, v in zip(SIZES, per_clause)))


if __name__ == "__main__":
    main()
