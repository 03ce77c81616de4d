"""The batch importer: sequential and process-pool reading give the same stored result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.assemble import assemble
from generator.form import fill_form, load_answers, write_form
from generator.importer import collect_forms, import_forms
from generator.library import load_library
from generator.spec import load_spec
from generator.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "gemeente-it-beheer"


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    lib = load_library()
    tender = assemble(lib, load_spec(ROOT / "samples" / f"{SAMPLE}.yaml", lib))
    blank = write_form(tender, built=dt.datetime(2027, 3, 15))
    for answers in sorted((ROOT / "samples" / "bids" / SAMPLE).glob("*.yaml")):
        (folder / f"{answers.stem}.xlsx").write_bytes(fill_form(blank, load_answers(answers)).data)
    (folder / "notes.csv").write_text("bidder;price\nx;1\n", encoding="utf-8")
    (folder / "~$lock.xlsx").write_bytes(b"")  # Excel's lock file: never collected
    return tender, folder


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_import(tmp_path, forms, workers):
    tender, folder = forms
    files = collect_forms([folder])
    assert [f.name for f in files] == ["hazeveld-ict-services.xlsx", "nimbuswerk-ict.xlsx", "noordhaven-it-beheer.xlsx",
                                       "notes.csv"]
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        seen = []
        results = import_forms(store, files, workers=workers, on_file=seen.append)
        assert seen == results
        assert [r.status for r in results] == ["imported", "imported", "imported", "rejected"]
        assert "plain text" in results[3].reason
        assert [r.knocked_out for r in results[:3]] == [False, True, False]
        again = import_forms(store, files[:3], workers=workers)
        assert [r.status for r in again] == ["duplicate"] * 3
        assert len(store.submissions(tender.reference)) == 3


def test_unregistered_tender_is_rejected(tmp_path, forms):
    _, folder = forms
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        (result,) = import_forms(store, [folder / "hazeveld-ict-services.xlsx"])
    assert result.status == "rejected" and "is not registered" in result.reason


def test_missing_path(tmp_path):
    from generator.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        collect_forms([tmp_path / "absent"])


# --- issue 16, item 3: one file never stops the batch ----------------------------------------------------

@pytest.fixture(scope="module")
def hostile_batch(forms, tmp_path_factory):
    """The three sample forms with, between them, one whose bidder name holds a lone surrogate (the
    ``_xD800_`` that ended parse and import with a traceback) and one whose name holds U+0001."""
    from hostile import with_text

    tender, folder = forms
    batch = tmp_path_factory.mktemp("hostile-batch")
    for name in ("hazeveld-ict-services", "nimbuswerk-ict", "noordhaven-it-beheer"):
        (batch / f"{name}.xlsx").write_bytes((folder / f"{name}.xlsx").read_bytes())
    hazeveld = (folder / "hazeveld-ict-services.xlsx").read_bytes()
    (batch / "hazeveld-surrogate.xlsx").write_bytes(with_text(hazeveld, {"Hazeveld ICT Services B.V.": "Haze\ud800veld"}))
    (batch / "hazeveld-control.xlsx").write_bytes(with_text(hazeveld, {"Hazeveld ICT Services B.V.": "Haze\x01veld"}))
    return tender, batch


@pytest.mark.parametrize("workers", [1, 2])
def test_hostile_characters_do_not_stop_the_batch(tmp_path, hostile_batch, workers):
    tender, batch = hostile_batch
    files = collect_forms([batch])
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        results = import_forms(store, files, workers=workers)
        stored = store.submissions(tender.reference, include_history=True)
    assert [Path(r.path).name for r in results] == [f.name for f in files]
    assert [r.status for r in results] == ["imported"] * 5
    assert len(stored) == 5
    by_name = {Path(r.path).name: r for r in results}
    for name in ("hazeveld-surrogate.xlsx", "hazeveld-control.xlsx"):
        assert by_name[name].bidder == "Haze\ufffdveld" and by_name[name].warnings >= 1


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failure_to_store_one_form_rejects_that_file_only(tmp_path, forms, monkeypatch, workers):
    tender, folder = forms
    files = collect_forms([folder])[:3]
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        original = store.import_submission

        def failing(records):
            if records.submission["filename"] == "nimbuswerk-ict.xlsx":
                raise ValueError("cannot serialise this form\nsecond line")
            return original(records)

        monkeypatch.setattr(store, "import_submission", failing)
        results = import_forms(store, files, workers=workers)
    assert [r.status for r in results] == ["imported", "rejected", "imported"]
    assert results[1].reason == "cannot be processed (ValueError: cannot serialise this form)"


def test_an_unexpected_error_reading_one_form_rejects_that_file_only(tmp_path, forms, monkeypatch):
    import generator.importer as importer

    tender, folder = forms
    files = collect_forms([folder])[:3]
    original = importer.read_form

    def failing(path, **options):
        if Path(path).name == "nimbuswerk-ict.xlsx":
            raise UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed")
        return original(path, **options)

    monkeypatch.setattr(importer, "read_form", failing)
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        results = import_forms(store, files, workers=1)
    assert [r.status for r in results] == ["imported", "rejected", "imported"]
    assert results[1].reason.startswith("cannot be processed (UnicodeEncodeError: 'utf-8' codec can't encode")


# --- issue 16, item 10: the reading processes end with the importer -----------------------------------

def _children(pid: int) -> set[int]:
    """The child processes of ``pid`` (Linux: /proc/PID/task/*/children)."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(child) for child in (task / "children").read_text().split())
        except OSError:
            pass
    return found


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, dead but not yet reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="reads the process tree from /proc")
def test_killed_import_leaves_no_reading_process(tmp_path, forms):
    import os
    import signal
    import subprocess
    import sys
    import time

    tender, folder = forms
    batch = tmp_path / "batch"
    batch.mkdir()
    data = (folder / "hazeveld-ict-services.xlsx").read_bytes()
    for i in range(600):  # far more than PARALLEL_FROM: read by a pool of processes
        (batch / f"form-{i:03d}.xlsx").write_bytes(data)
    db = tmp_path / "db.sqlite"
    with Store(f"sqlite:///{db}") as store:
        store.register_tender(tender)
    script = Path(sys.executable).parent / "tenderpack"
    importer = subprocess.Popen([str(script), "import", str(batch), "--db", str(db)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and len(workers) < 2:
            workers = {pid for pid in _children(importer.pid)
                       if "spawn_main" in Path(f"/proc/{pid}/cmdline").read_text(errors="replace")} \
                if _alive(importer.pid) else workers
            time.sleep(0.05)
        assert len(workers) >= 2, "the import started no pool of reading processes"
        time.sleep(0.5)  # the workers are reading
        assert importer.poll() is None, "the import ended before it could be killed"
        os.kill(importer.pid, signal.SIGKILL)
        assert importer.wait(10) == -signal.SIGKILL
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(map(_alive, workers)):
            time.sleep(0.1)
        assert not any(map(_alive, workers)), "a reading process outlived the killed import"
    finally:
        if importer.poll() is None:
            importer.kill()
        for pid in filter(_alive, workers):  # never leave a stray process behind, even when this test fails
            os.kill(pid, signal.SIGKILL)
