"""Import returned bid forms into the store: one transaction per form, one bad file never stops a batch.

Every form is read against the tender registered in the store under the form's reference (in the
form's language); a form of an unknown tender is rejected, because there is nothing authoritative to
check it against. Forms with findings (a knock-out, a reservation, an altered text) are stored with
those findings: the committee judges them, nothing is dropped. Files that are not readable bid forms
are rejected with the one-line reason.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from .errors import InputError, Location
from .form import read_form
from .records import SubmissionRecords, submission_records

if TYPE_CHECKING:  # annotations only: the reading processes must not pay for importing SQLAlchemy
    from .models.tender import Tender
    from .store import Store

FORM_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"})
"""What a folder is searched for: Excel-like files (the wrong kinds are rejected with a reason)."""


@dataclasses.dataclass(frozen=True)
class FileResult:
    """What happened to one file of an import batch.

    ``status`` is ``imported`` (stored), ``duplicate`` (this exact file was stored before) or
    ``rejected`` (not stored; ``reason`` says why). ``superseded``, ``older_than`` and ``claims``
    say how an imported bid stands to the bids of the same bidder stored before it (see
    :class:`~generator.store.ImportResult`).
    """

    path: str
    status: Literal["imported", "duplicate", "rejected"]
    bidder: str | None = None
    errors: int = 0
    warnings: int = 0
    knocked_out: bool = False
    submission_id: int | None = None
    superseded: tuple[int, ...] = ()
    older_than: int | None = None
    claims: tuple[int, ...] = ()
    reason: str | None = None


def collect_forms(paths: Iterable[Path | str]) -> list[Path]:
    """The files to import: each path given, and for a folder its Excel-like files (sorted, not recursive).

    Raises :class:`InputError` for a path that does not exist.
    """
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out += sorted(p for p in path.iterdir()
                          if p.is_file() and p.suffix.lower() in FORM_SUFFIXES and not p.name.startswith((".", "~$")))
        elif path.is_file():
            out.append(path)
        else:
            raise InputError("no such file or folder", Location(path=str(path)))
    return out


PARALLEL_FROM = 40
"""Batches of at least this many files are read by a pool of processes (one per core, up to 4)."""


def import_forms(store: Store, files: Iterable[Path], *, on_file: Callable[[FileResult], None] | None = None,
                 workers: int | None = None) -> list[FileResult]:
    """Read and store each of ``files`` in order; call ``on_file`` after each (for a progress bar).

    Reading (the costly part) runs in ``workers`` processes (default: one per core, up to 4, for
    batches of :data:`PARALLEL_FROM` files or more); storing stays in this process, one transaction
    per form, in the order of ``files``. Never raises for a bad file: its result is ``rejected`` with
    the reason. Database errors do raise (the batch cannot go on without its database); forms already
    imported stay imported.
    """
    files = list(files)
    tenders = store.latest_tenders()
    if workers is None:
        workers = min(os.cpu_count() or 1, 4) if len(files) >= PARALLEL_FROM else 1
    results = []
    if workers > 1:
        context = multiprocessing.get_context("spawn")  # no fork of a process holding DB connections
        with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                                 initargs=(tenders, os.getpid())) as pool:
            for outcome in pool.map(_read, files, chunksize=8):
                results.append(_store(store, outcome))
                if on_file is not None:
                    on_file(results[-1])
        return results
    for path in files:
        results.append(_store(store, _read(path, tenders)))
        if on_file is not None:
            on_file(results[-1])
    return results


_TENDERS: dict[tuple[str, str], Tender] = {}


def _init_worker(tenders: dict[tuple[str, str], Tender], parent: int) -> None:
    _die_with_parent(parent)
    _TENDERS.update(tenders)


def _die_with_parent(parent: int) -> None:
    """End this reading process when the importing process ``parent`` ends, however it ends.

    A pool's workers hold both ends of their task queue, so when the importer is killed (SIGKILL, an
    out-of-memory kill) they would wait for work forever. Linux sends a signal on the parent's death
    when asked (prctl PR_SET_PDEATHSIG); elsewhere a daemon thread looks for a new parent every second.
    """
    if sys.platform.startswith("linux"):
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    else:
        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(1)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the importer died before the signal was asked for
        os._exit(1)


_Outcome = FileResult | tuple[FileResult, SubmissionRecords]
"""A form as read: its rejection, or what the batch table will show about it and the records to store."""


def _read(path: Path, tenders: dict[tuple[str, str], Tender] | None = None) -> _Outcome:
    """Read the form at ``path`` against its registered tender and build its records.

    In a batch this runs in a reading process, so the records are built there too: the process that
    holds the database only writes them.
    """
    known = _TENDERS if tenders is None else tenders
    shown = str(path)
    try:
        submission = read_form(path, tender=lambda reference, language: known.get((reference, language)))
        if (submission.tender_reference, submission.language) not in known:
            return FileResult(shown, "rejected", bidder=submission.bidder.name,
                              reason=f"tender {submission.tender_reference} ({submission.language}) is not "
                                     "registered; build it with --db or import with --spec")
        errors = sum(f.severity == "error" for f in submission.findings)
        read = FileResult(shown, "imported", bidder=submission.bidder.name, errors=errors,
                          warnings=len(submission.findings) - errors, knocked_out=submission.knocked_out)
        return read, submission_records(submission)
    except InputError as exc:
        return FileResult(shown, "rejected", reason=exc.message)
    except OSError as exc:
        return FileResult(shown, "rejected", reason=f"cannot read the file: {exc.strerror}")
    except Exception as exc:  # noqa: BLE001  (one file's failure, whatever it is, never stops the batch)
        return FileResult(shown, "rejected", reason=_reason(exc))


def _store(store: Store, outcome: _Outcome) -> FileResult:
    """Store one read form; a failure of this form alone (not of the database) becomes its rejection."""
    from sqlalchemy.exc import SQLAlchemyError

    if isinstance(outcome, FileResult):
        return outcome
    read, records = outcome
    try:
        result = store.import_submission(records)
    except SQLAlchemyError:
        raise  # the database itself failed: the batch cannot go on (forms stored so far stay stored)
    except Exception as exc:  # noqa: BLE001
        return dataclasses.replace(read, status="rejected", reason=_reason(exc))
    return dataclasses.replace(read, status=result.status, submission_id=result.submission_id,
                               superseded=result.superseded, older_than=result.older_than,
                               claims=result.claims)


def _reason(exc: Exception) -> str:
    """An unexpected error as the one-line reason of a rejected file."""
    first = next(iter(str(exc).strip().splitlines()), "")[:200]
    return f"cannot be processed ({type(exc).__name__}{': ' + first if first else ''})"
