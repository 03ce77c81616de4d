"""Two imports at once, as two processes, on SQLite and PostgreSQL: one current bid per bidder, no traceback.

Each round starts both processes at a barrier so that their transactions overlap: they store the
same forms (a duplicate race) and two versions of one bidder's form in opposite orders (a supersession
race). The forms are read once, before the rounds: the race is in storing them. Whatever the
interleaving, the end state is the one a single import gives. Then the command line, twice at once.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
import subprocess
import sys
import traceback
import uuid
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from test_importer import HAZEVELD, ROOT, SAMPLE, signed_later

from generator.assemble import assemble
from generator.form import read_form, write_form
from generator.library import load_library
from generator.records import submission_records
from generator.spec import load_spec
from generator.store import Store

PG = os.environ.get("TENDERPACK_TEST_POSTGRES")
ROUNDS = 20
NAMES = ["hazeveld-ict-services.xlsx", "hazeveld-ict-services-v2.xlsx", "nimbuswerk-ict.xlsx",
         "noordhaven-it-beheer.xlsx"]
EXPECTED = {("hazeveld-ict-services-v2.xlsx", True), ("hazeveld-ict-services.xlsx", False),
            ("nimbuswerk-ict.xlsx", True), ("noordhaven-it-beheer.xlsx", True)}
"""(file, current) after both imports: each file stored once, the newer Hazeveld form current."""


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    lib = load_library()
    tender = assemble(lib, load_spec(ROOT / "samples" / f"{SAMPLE}.yaml", lib))
    folder = tmp_path_factory.mktemp("concurrent")
    blank = write_form(tender, built=dt.datetime(2027, 3, 15))
    bids = ROOT / "samples" / "bids" / SAMPLE
    (folder / NAMES[0]).write_bytes(signed_later(blank, HAZEVELD, 0))
    (folder / NAMES[1]).write_bytes(signed_later(blank, HAZEVELD, 7, 4_400_000))
    for name in NAMES[2:]:
        (folder / name).write_bytes(signed_later(blank, bids / name.replace(".xlsx", ".yaml"), 0))
    return tender, folder


@pytest.fixture(params=["sqlite", "postgresql"])
def database(request, tmp_path):
    """A function giving the URL of an empty database per round: a new SQLite file, or the tables of a
    private PostgreSQL schema emptied."""
    if request.param == "sqlite":
        yield lambda n: f"sqlite:///{tmp_path / f'round-{n}.sqlite'}"
        return
    if not PG:
        if os.environ.get("CI"):
            pytest.fail("CI must provide TENDERPACK_TEST_POSTGRES (see .ci/run)")
        pytest.skip("no PostgreSQL server configured (set TENDERPACK_TEST_POSTGRES)")
    engine = create_engine(PG)
    schema = f"t{uuid.uuid4().hex[:12]}"
    with engine.begin() as conn:
        conn.execute(text(f"CREATE SCHEMA {schema}"))
    url = f"{PG}?options=-csearch_path%3D{schema}"
    Store(url).close()  # the tables

    def fresh(n: int) -> str:
        with engine.begin() as conn:
            conn.execute(text(f"TRUNCATE {schema}.tender, {schema}.submission CASCADE"))
        return url

    try:
        yield fresh
    finally:
        with engine.begin() as conn:
            conn.execute(text(f"DROP SCHEMA {schema} CASCADE"))
        engine.dispose()


def _importer(url: str, forms: list, barrier, results) -> None:
    """One importing process: wait for the other, store ``forms`` (name and records) one transaction each,
    report the statuses or the traceback."""
    try:
        with Store(url) as store:
            store.tender("warm-up")  # connected before the barrier, so both start storing at once
            barrier.wait(timeout=60)
            results.put(("ok", [(name, store.import_submission(records).status) for name, records in forms]))
    except BaseException:  # reported to the test, which fails on it
        results.put(("error", traceback.format_exc()))


def _stored(url: str, reference: str) -> set[tuple[str, bool]]:
    with Store(url) as store:
        return {(h["filename"], h["current"]) for h in store.history(reference)}


def test_two_imports_at_once_leave_one_current_bid_per_bidder(batch, database):
    tender, folder = batch
    read = {name: (name, submission_records(read_form(folder / name, tender=tender))) for name in NAMES}
    first = [read[NAMES[0]], read[NAMES[1]], read[NAMES[2]]]
    second = [read[NAMES[1]], read[NAMES[0]], read[NAMES[3]], read[NAMES[2]]]
    context = multiprocessing.get_context("fork")  # both start from this process's forms, in milliseconds
    for n in range(ROUNDS):
        url = database(n)
        with Store(url) as store:
            store.register_tender(tender)
        barrier, results = context.Barrier(2), context.Queue()
        workers = [context.Process(target=_importer, args=(url, files, barrier, results))
                   for files in (first, second)]
        for worker in workers:
            worker.start()
        reports = [results.get(timeout=120) for _ in workers]
        for worker in workers:
            worker.join(timeout=60)
        assert [kind for kind, _ in reports] == ["ok", "ok"], reports
        statuses: dict[str, list[str]] = {}
        for _, rows in reports:
            for name, status in rows:
                statuses.setdefault(name, []).append(status)
        # Each file was stored by exactly one of the two; the other found it stored.
        assert {name: sorted(s) for name, s in statuses.items()} == {
            NAMES[0]: ["duplicate", "imported"], NAMES[1]: ["duplicate", "imported"],
            NAMES[2]: ["duplicate", "imported"], NAMES[3]: ["imported"]}, f"round {n}"
        assert _stored(url, tender.reference) == EXPECTED, f"round {n}"


def test_the_same_files_imported_twice_at_once_on_the_command_line(batch, database):
    tender, folder = batch
    tool = Path(sys.executable).with_name("tenderpack")
    for n in range(2):
        url = database(n)
        with Store(url) as store:
            store.register_tender(tender)
        runs = [subprocess.Popen([str(tool), "import", str(folder), "--db", url], stdout=subprocess.PIPE,
                                 stderr=subprocess.PIPE, text=True) for _ in range(2)]
        outputs = [run.communicate(timeout=120) for run in runs]
        for run, (out, err) in zip(runs, outputs):
            assert run.returncode == 0 and "Traceback" not in err and "IntegrityError" not in err, err
        summaries = [err.strip().splitlines()[-1] for _, err in outputs]
        imported = sum(int(s.split()[0]) for s in summaries)
        assert imported == len(NAMES), summaries  # every file stored once between the two
        assert _stored(url, tender.reference) == EXPECTED, f"round {n}"
