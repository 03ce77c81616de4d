"""Benchmark `read_form` over 1,000 filled forms of a ~50-row tender against a bare read of the same files.

Usage: ``.venv/bin/python benchmarks/parse.py [--forms 1000] [--variants 20] [--sample gemeente-it-beheer]``

The sample tender's form (about 50 answer rows: bidder details, requirements, award criteria, KPIs,
RACI rows, price) is filled ``--variants`` times with different answers (openpyxl is slow to write,
so the 1,000 files are copies of these; the parser caches nothing per file, so a copy costs the
same as a new form). Each mode reads every file in fresh worker processes, one alone and then two
at once (both cores):

- floor: what any reader built on a zipfile + lxml tree must do at least: inflate the workbook and
  its worksheet parts and parse each into a tree, with no safety checks and no Python per cell;
- bare: ``generator.workbook.open_workbook``, every cell of every sheet, nothing interpreted;
- parse: ``read_form`` against the form's own metadata;
- parse+tender: ``read_form`` against the tender (its metadata composed once per process, cached).

forms/s with two processes counts the forms of both over the slower one's time. The ratio against
the bare read is taken on CPU time per form, which other load on the machine disturbs less than
wall time. Peak memory is the worker's resident high-water mark (VmHWM), interpreter and libraries
included. Numbers on a shared 2-core machine vary by 20% or more between runs.
"""

from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import re
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def tender(sample: str):
    from generator.assemble import assemble
    from generator.library import load_library
    from generator.spec import load_spec

    library = load_library()
    return assemble(library, load_spec(ROOT / "samples" / f"{sample}.yaml", library))


def make_forms(sample: str, folder: Path, forms: int, variants: int) -> tuple[list[Path], int]:
    """``forms`` filled forms in ``folder`` (copies of ``variants`` differently filled ones); their answer rows."""
    from generator.form import fill_form, write_form
    from generator.form.meta import read_meta
    from generator.models.submission import AnswerSet, Bidder
    from generator.workbook import open_workbook

    t = tender(sample)
    blank = write_form(t, built=dt.datetime(2027, 1, 10))
    meta = read_meta(open_workbook(blank))
    filled = []
    for v in range(variants):
        answers: dict[str, object] = {}
        kpis: dict[str, object] = {}
        for item in meta.items:
            if item.answer_type in ("confirm", "kpi_accept"):
                (kpis if item.sheet == "kpis" else answers)[item.id] = "Nee" if v % 7 == 3 else "Ja"
            elif item.answer_type == "number":
                answers[item.id] = (item.number("high") or 40) - v % 5
            elif item.answer_type == "text" and item.sheet in ("requirements", "criteria"):
                answers[item.id] = f"Aanpak {v} voor {item.id}. " * (20 + v)
            elif item.answer_type == "kpi_offer":
                kpis[item.id] = item.number("target")
        bidder = Bidder(name=f"Inschrijver {v} B.V.", kvk=f"{10000000 + v}", email=f"info@bieder{v}.nl",
                        date=dt.date(2027, 3, 1))
        filled.append(fill_form(blank, AnswerSet(bidder=bidder, answers=answers, kpis=kpis,
                                                 price_eur=1_000_000 + 1000 * v)).data)
    paths = []
    for i in range(forms):
        path = folder / f"bid-{i:04d}.xlsx"
        path.write_bytes(filled[i % variants])
        paths.append(path)
    return paths, len(meta.items)


def floor(path: str) -> int:
    """Inflate the workbook part and every worksheet of ``path`` and parse each with lxml: the elements."""
    from lxml import etree

    with zipfile.ZipFile(path) as zf:
        parts = [name for name in zf.namelist() if name.startswith("xl/worksheets/") or name == "xl/workbook.xml"]
        return sum(len(etree.fromstring(zf.read(name))) for name in parts)


def _worker(mode: str, sample: str, paths: list[str], ready, start) -> tuple[int, float, float, float]:
    """Read ``paths`` in ``mode`` once the parent says go: (forms, seconds, CPU seconds, peak MB)."""
    from generator.form import read_form
    from generator.workbook import open_workbook

    t = tender(sample) if mode == "parse+tender" else None
    if t is not None:
        read_form(paths[0], tender=t)  # compose the tender's metadata once, outside the timing
    read = {"floor": floor, "bare": open_workbook, "parse": read_form, "parse+tender": lambda p: read_form(p, tender=t)}[mode]
    ready.wait()
    start.wait()
    began, cpu = time.perf_counter(), time.process_time()
    for path in paths:
        read(path)
    seconds, cpu = time.perf_counter() - began, time.process_time() - cpu
    peak = int(re.search(r"VmHWM:\s+(\d+)", Path("/proc/self/status").read_text())[1]) / 1024
    return len(paths), seconds, cpu, peak


def run(mode: str, sample: str, paths: list[Path], processes: int) -> tuple[float, float, float]:
    """forms/s, CPU milliseconds per form and the largest worker peak (MB) for ``mode`` over ``paths``
    split across ``processes``."""
    ctx = multiprocessing.get_context("spawn")
    manager = ctx.Manager()
    ready, start = manager.Barrier(processes + 1), manager.Barrier(processes + 1)
    chunks = [[str(p) for p in paths[i::processes]] for i in range(processes)]
    with ctx.Pool(processes) as pool:
        results = [pool.apply_async(_worker, (mode, sample, chunk, ready, start)) for chunk in chunks]
        ready.wait()
        start.wait()
        done = [r.get() for r in results]
    manager.shutdown()
    forms = sum(d[0] for d in done)
    return forms / max(d[1] for d in done), 1000 * sum(d[2] for d in done) / forms, max(d[3] for d in done)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--forms", type=int, default=1000)
    parser.add_argument("--variants", type=int, default=20)
    parser.add_argument("--sample", default="gemeente-it-beheer")
    parser.add_argument("--repeat", type=int, default=1, help="Runs per mode; the best is shown.")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths, rows = make_forms(args.sample, Path(tmp), args.forms, args.variants)
        size = sum(p.stat().st_size for p in paths[: args.variants]) // args.variants
        print(f"{args.forms} filled forms of {args.sample}: {rows} answer rows, {size / 1024:.0f} KiB each")
        table = {}
        for mode in ("floor", "bare", "parse", "parse+tender"):
            table[mode] = [max((run(mode, args.sample, paths, n) for _ in range(args.repeat)),
                               key=lambda r: r[0]) for n in (1, 2)]
        bare_cpu = table["bare"][0][1]
        print(f"{'mode':<14}{'1 process':>12}{'2 processes':>14}{'CPU ms/form':>13}{'peak MB':>9}"
              f"{'CPU vs bare':>13}")
        for mode, ((one, cpu, peak1), (two, _, peak2)) in table.items():
            print(f"{mode:<14}{one:>9.0f}/s {two:>11.0f}/s {cpu:>12.1f} {max(peak1, peak2):>8.0f} "
                  f"{cpu / bare_cpu:>11.2f}x")


if __name__ == "__main__":
    main()
