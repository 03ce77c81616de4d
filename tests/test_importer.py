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


# --- which bid counts: the forms' own revision and date, never the order of the files ----------------

HAZEVELD = ROOT / "samples" / "bids" / SAMPLE / "hazeveld-ict-services.yaml"


def signed_later(blank: bytes, answers: Path, days: int, price: float | None = None) -> bytes:
    """The form ``blank`` filled from ``answers`` signed ``days`` after the answer file's date."""
    given = load_answers(answers)
    bidder = given.bidder.model_copy(update={"date": given.bidder.date + dt.timedelta(days=days)})
    update = {"bidder": bidder} | ({"price_eur": price} if price is not None else {})
    return fill_form(blank, given.model_copy(update=update)).data


@pytest.fixture(scope="module")
def versions(tmp_path_factory, forms):
    """A folder with Hazeveld's form (signed 2 April) and its newer version (signed 9 April, which sorts
    first: '-' before '.'), and apart from it a form of the outdated revision 1 signed later still."""
    tender, _ = forms
    folder = tmp_path_factory.mktemp("versions")
    blank = write_form(tender, built=dt.datetime(2027, 3, 15))
    (folder / "hazeveld-ict-services.xlsx").write_bytes(signed_later(blank, HAZEVELD, 0))
    (folder / "hazeveld-ict-services-v2.xlsx").write_bytes(signed_later(blank, HAZEVELD, 7, 4_400_000))
    outdated = tmp_path_factory.mktemp("outdated") / "hazeveld-revisie-1.xlsx"
    old_blank = write_form(tender.model_copy(update={"revision": tender.revision - 1}),
                           built=dt.datetime(2027, 2, 1))
    outdated.write_bytes(signed_later(old_blank, HAZEVELD, 14, 4_000_000))
    return tender, folder, outdated


def _current(store, reference):
    return sorted(s.source.filename for s in store.submissions(reference))


@pytest.mark.parametrize("workers", [1, 2])
def test_the_newer_form_counts_whatever_the_file_order(tmp_path, versions, workers):
    tender, folder, _ = versions
    files = collect_forms([folder])
    assert [f.name for f in files] == ["hazeveld-ict-services-v2.xlsx", "hazeveld-ict-services.xlsx"]
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        newer, older = import_forms(store, files, workers=workers)
        assert _current(store, tender.reference) == ["hazeveld-ict-services-v2.xlsx"]
        assert (newer.status, newer.superseded, newer.older_than) == ("imported", (), None)
        assert (older.status, older.older_than) == ("imported", newer.submission_id)
        (kept,) = [s for s in store.submissions(tender.reference, include_history=True)
                   if s.source.filename == "hazeveld-ict-services.xlsx"]
        assert [f.code for f in kept.findings] == ["older_form_later"]


def _end_state(store, reference):
    by_id = {h["id"]: h["filename"] for h in store.history(reference)}
    return sorted((h["filename"], h["current"], by_id.get(h["superseded_by"])) for h in store.history(reference))


def test_both_import_orders_give_the_same_end_state(tmp_path, versions):
    tender, folder, outdated = versions
    files = [folder / "hazeveld-ict-services.xlsx", folder / "hazeveld-ict-services-v2.xlsx", outdated]
    states = []
    for name, order in (("forward", files), ("backward", files[::-1])):
        with Store(f"sqlite:///{tmp_path / f'{name}.sqlite'}") as store:
            store.register_tender(tender)
            for path in order:  # one import per file: each decides against what the others stored
                (result,) = import_forms(store, [path])
                assert result.status == "imported"
            states.append(_end_state(store, tender.reference))
    assert states[0] == states[1] == [
        ("hazeveld-ict-services-v2.xlsx", True, None),
        ("hazeveld-ict-services.xlsx", False, "hazeveld-ict-services-v2.xlsx"),
        ("hazeveld-revisie-1.xlsx", False, "hazeveld-ict-services-v2.xlsx")]


def test_an_outdated_revision_never_supersedes_a_current_one(tmp_path, versions):
    tender, folder, outdated = versions
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        (current,) = import_forms(store, [folder / "hazeveld-ict-services.xlsx"])
        (late,) = import_forms(store, [outdated])  # signed twelve days later, of revision 1
        assert late.older_than == current.submission_id and late.superseded == ()
        assert _current(store, tender.reference) == ["hazeveld-ict-services.xlsx"]
        (kept,) = [s for s in store.submissions(tender.reference, include_history=True) if s.revision == 1]
        assert {"revision_outdated", "older_form_later"} <= {f.code for f in kept.findings}
