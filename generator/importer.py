"""Import returned bid forms into the store: one transaction per form, one bad file never stops a batch.

Every form is read against the tender registered in the store under the form's reference (in the
form's language); a form of an unknown tender is rejected, because there is nothing authoritative to
check it against. Forms with findings (a knock-out, a reservation, an altered text) are stored with
those findings: the committee judges them, nothing is dropped. Files that are not readable bid forms
are rejected with the one-line reason.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from .errors import InputError, Location
from .form import read_form
from .models.base import Language
from .models.tender import Tender
from .store import Store

FORM_SUFFIXES = frozenset({".xlsx", ".xlsm", ".xls", ".xlsb", ".ods", ".csv"})
"""What a folder is searched for: Excel-like files (the wrong kinds are rejected with a reason)."""


@dataclass(frozen=True)
class FileResult:
    """What happened to one file of an import batch.

    ``status`` is ``imported`` (stored), ``duplicate`` (this exact file was stored before) or
    ``rejected`` (not stored; ``reason`` says why).
    """

    path: str
    status: Literal["imported", "duplicate", "rejected"]
    bidder: str | None = None
    errors: int = 0
    warnings: int = 0
    knocked_out: bool = False
    submission_id: int | None = None
    superseded: int | None = None
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


def import_forms(store: Store, files: Iterable[Path], *,
                 on_file: Callable[[FileResult], None] | None = None) -> list[FileResult]:
    """Read and store each of ``files``; call ``on_file`` after each (for a progress bar).

    Never raises for a bad file: its result is ``rejected`` with the reason. Database errors do raise
    (the batch cannot go on without its database); forms already imported stay imported.
    """
    tenders: dict[tuple[str, str], Tender | None] = {}

    def lookup(reference: str, language: Language) -> Tender | None:
        key = (reference, language)
        if key not in tenders:
            tenders[key] = store.tender(reference, language=language)
        return tenders[key]

    results = []
    for path in files:
        result = import_form(store, path, lookup)
        results.append(result)
        if on_file is not None:
            on_file(result)
    return results


def import_form(store: Store, path: Path, lookup: Callable[[str, Language], Tender | None]) -> FileResult:
    """Read the form at ``path`` against the tender ``lookup`` gives for its reference, and store it."""
    shown = str(path)
    try:
        submission = read_form(path, tender=lookup)
    except InputError as exc:
        return FileResult(shown, "rejected", reason=exc.message)
    except OSError as exc:
        return FileResult(shown, "rejected", reason=f"cannot read the file: {exc.strerror}")
    if lookup(submission.tender_reference, submission.language) is None:
        return FileResult(shown, "rejected", bidder=submission.bidder.name,
                          reason=f"tender {submission.tender_reference} ({submission.language}) is not registered; "
                                 "build it with --db or import with --spec")
    outcome = store.import_submission(submission)
    errors = sum(f.severity == "error" for f in submission.findings)
    return FileResult(
        shown, outcome.status, bidder=submission.bidder.name, errors=errors,
        warnings=len(submission.findings) - errors, knocked_out=submission.knocked_out,
        submission_id=outcome.submission_id, superseded=outcome.superseded,
    )
