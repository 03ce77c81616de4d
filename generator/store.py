"""The submissions database: tenders, imported bids, their answers, commitments and findings.

SQLAlchemy over a SQLite file by default (embedded, zero setup) or any SQLAlchemy URL, PostgreSQL
included. Each import runs in one transaction: a submission is stored with all its rows or not at all.
Importing the same file twice stores it once. A submission replaces an earlier one only as
:mod:`generator.identity` decides (same registration and name, newer by the form's own revision and
date of signature); the earlier one stays as history. Concurrent imports of one tender are serialised
(SQLite's write lock, a PostgreSQL advisory lock), a partial unique index allows one current bid per
tender and bidder key, and an import that loses a race to another is retried.
The tables are declared in
:mod:`generator.tables`.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import json
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Literal

from sqlalchemy import CompoundSelect, Insert, Select, Update, bindparam, func, insert, select, union, update
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from .database import open_engine
from .errors import InputError
from .identity import Claim, Decision, claim_finding, decide, older_finding
from .models.submission import FormFinding, Submission
from .models.tender import Tender
from .records import SubmissionRecords, now, submission_records
from .tables import AnswerRow, Base, FindingRow, KpiOfferRow, ResponsibilityRow, SubmissionRow, TenderRow

DEFAULT_DB = "tenderpack.sqlite"
"""The default database: a SQLite file in the current folder (override with --db or TENDERPACK_DB)."""


@dataclass(frozen=True)
class ImportResult:
    """What importing one submission did: ``imported`` (new), ``duplicate`` (same file already stored).

    ``superseded`` are the IDs of the earlier submissions of the same bidder that this one replaced;
    ``older_than`` the ID of the newer current submission of the same bidder when this one was stored
    as history; ``claims`` the IDs of the current submissions that claim the same bidder and stand
    beside this one (each of them and this one carry a finding saying so).
    """

    status: Literal["imported", "duplicate"]
    submission_id: int
    superseded: tuple[int, ...] = ()
    older_than: int | None = None
    claims: tuple[int, ...] = ()


IMPORT_ATTEMPTS = 8
"""How often an import that lost a race to a concurrent import (a unique conflict, a busy database) is
tried again, with a growing random pause, before the error is raised."""


def database_url(url: str | None = None) -> str:
    """The database URL to use: ``url``, else ``$TENDERPACK_DB``, else the SQLite file :data:`DEFAULT_DB`.

    A plain path (no ``://``) is taken as a SQLite file.
    """
    url = url or os.environ.get("TENDERPACK_DB") or DEFAULT_DB
    if "://" not in url:
        url = f"sqlite:///{Path(url).expanduser()}"
    return url


class Store:
    """A tenderpack database. Create with a URL (see :func:`database_url`).

    Opening checks the database is tenderpack's and at the current schema
    (:func:`~generator.database.open_engine`, which raises :class:`InputError` otherwise); a missing
    one is made when ``create`` (commands that write), never when only reading. ``read_only`` opens a
    SQLite file without writing to it.
    """

    def __init__(self, url: str | None = None, *, create: bool = True, read_only: bool = False) -> None:
        self.url = database_url(url)
        self.engine: Engine = open_engine(self.url, create=create, read_only=read_only)

    def close(self) -> None:
        """Release the database connections."""
        self.engine.dispose()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def register_tender(self, tender: Tender) -> bool:
        """Store ``tender`` (one revision in one language) so forms can be checked against it.

        Returns ``False`` when that revision in that language is already registered as it is. Raises
        :class:`InputError` naming the revision when it is registered with other content: forms of the
        registered tender would no longer match, so a changed tender needs a new revision.
        """
        with Session(self.engine) as session, session.begin():
            row = session.scalars(select(TenderRow).where(
                TenderRow.reference == tender.reference, TenderRow.revision == tender.revision,
                TenderRow.language == tender.language)).first()
            if row is None:
                session.add(TenderRow(reference=tender.reference, revision=tender.revision,
                                      language=tender.language, title=tender.title,
                                      data=tender.model_dump_json(), registered_at=now()))
                return True
            if Tender.model_validate_json(row.data, strict=False) != tender:
                raise InputError(
                    f"tender {tender.reference} revision {tender.revision} ({tender.language}) is already "
                    f"registered with other content (on {row.registered_at:%Y-%m-%d}); a changed spec needs a "
                    f"new revision: add it under 'revisions' in the spec and build again")
            return False

    def tender(self, reference: str, revision: int | None = None, language: str | None = None) -> Tender | None:
        """The registered tender ``reference`` at ``revision`` (default: the latest), or ``None``.

        With ``language`` only that language's registration counts; without, the latest revision in
        any language (Dutch first when both exist).
        """
        query = select(TenderRow).where(TenderRow.reference == reference)
        if revision is not None:
            query = query.where(TenderRow.revision == revision)
        if language is not None:
            query = query.where(TenderRow.language == language)
        with Session(self.engine) as session:
            row = session.scalars(query.order_by(TenderRow.revision.desc(), TenderRow.language.desc())).first()
            return Tender.model_validate_json(row.data, strict=False) if row else None

    def latest_tenders(self) -> dict[tuple[str, str], Tender]:
        """Every registered tender at its latest revision, keyed by (reference, language)."""
        with Session(self.engine) as session:
            rows = session.scalars(select(TenderRow).order_by(TenderRow.revision)).all()
            return {(r.reference, r.language): Tender.model_validate_json(r.data, strict=False) for r in rows}

    def import_submission(self, submission: Submission | SubmissionRecords) -> ImportResult:
        """Store a submission, or its records built by :func:`~generator.records.submission_records`,
        in one transaction; see the module docstring for duplicates and supersession.

        Safe to run from several processes at once: an import that conflicts with a concurrent one
        (the same file, the same bidder, a busy SQLite file) is rolled back and tried again, up to
        :data:`IMPORT_ATTEMPTS` times; any other database error is raised at once.
        """
        records = submission if isinstance(submission, SubmissionRecords) else submission_records(submission)
        for attempt in range(IMPORT_ATTEMPTS):
            try:
                return self._import(records)
            except DBAPIError as exc:
                if attempt == IMPORT_ATTEMPTS - 1 or not _lost_race(exc):
                    raise
                time.sleep(random.uniform(0.005, 0.02) * 2**attempt)
        raise AssertionError("unreachable")  # the last attempt returns or raises

    def _import(self, records: SubmissionRecords) -> ImportResult:
        """One attempt of :meth:`import_submission`.

        The rows go in as bulk inserts (one statement per table), not through the ORM's unit of work,
        which costs several times more per form in a batch of hundreds.
        """
        statements = _import_statements()
        with self.engine.begin() as conn:
            _lock_tender(conn, records.reference)
            duplicate = conn.scalar(statements.duplicate,
                                    {"reference": records.reference, "sha256": records.sha256})
            if duplicate is not None:
                return ImportResult("duplicate", duplicate)
            fields = records.submission
            new = Claim(None, *(fields[name] for name in _CLAIM_FIELDS))  # type: ignore[arg-type]
            current = [Claim(*row[:-1]) for row in conn.execute(statements.claims, {
                "reference": records.reference, "registration": new.registration, "name_key": new.name_key})
                       if row[-1]]
            latest = max([new.revision] + [c.revision for c in current])
            if current:  # a form of a revision the tender does not have decides nothing
                latest = conn.scalar(statements.latest, {"reference": records.reference}) or latest
            decision = decide(new, records.sha256, current, latest)
            values = {**fields, "imported_at": now(),  # when stored, not when read
                      "bidder_key": decision.bidder_key, "current": decision.older_than is None,
                      "superseded_by": decision.older_than.id if decision.older_than else None}
            added = _decision_findings(decision, records.language)
            if added:
                values.update(data=_with_findings(str(values["data"]), added),
                              warnings=int(values["warnings"]) + len(added))  # type: ignore[call-overload]
            replaced = [{"old_id": old} for old in decision.supersedes]
            if replaced:  # before the insert: the unique index allows one current bid per bidder key
                conn.execute(statements.retire, replaced)
            new_id = conn.execute(statements.submission, values).inserted_primary_key[0]
            children = dict(records.children)
            children["finding"] = children["finding"] + [f.model_dump(mode="json") for f in added]
            for table, rows in children.items():
                if rows:
                    conn.execute(statements.children[table],
                                 [{**row, "submission_id": new_id} for row in rows])
            if replaced:
                conn.execute(statements.supersede, [{**old, "new_id": new_id} for old in replaced])
            stored = replace(new, id=new_id)
            for other, reason in decision.claims:  # the earlier bid gets the finding too, naming this one
                _add_finding(conn, other.id, lambda lang, reason=reason: claim_finding(stored, reason, lang))
            return ImportResult("imported", new_id, decision.supersedes,
                                decision.older_than.id if decision.older_than else None,
                                tuple(c.id for c, _ in decision.claims if c.id is not None))

    def submissions(self, reference: str, *, include_history: bool = False) -> list[Submission]:
        """The stored submissions for ``reference``, current ones only unless ``include_history``."""
        query = select(SubmissionRow).where(SubmissionRow.tender_reference == reference)
        if not include_history:
            query = query.where(SubmissionRow.current.is_(True))
        with Session(self.engine) as session:
            rows = session.scalars(query.order_by(SubmissionRow.id)).all()
            return [Submission.model_validate_json(r.data, strict=False) for r in rows]

    def history(self, reference: str) -> list[dict[str, object]]:
        """Every stored submission of ``reference`` with its status, oldest first (for audit trails)."""
        with Session(self.engine) as session:
            rows = session.scalars(select(SubmissionRow).where(SubmissionRow.tender_reference == reference)
                                   .order_by(SubmissionRow.id)).all()
            return [{"id": r.id, "bidder": r.bidder_name, "filename": r.filename, "sha256": r.file_sha256,
                     "imported_at": r.imported_at.isoformat(), "current": r.current,
                     "superseded_by": r.superseded_by} for r in rows]


def _lock_tender(conn: Connection, reference: str) -> None:
    """Serialise the imports of tender ``reference`` until the transaction ends, so that each one decides
    against every bid committed before it: SQLite takes its write lock at once (``BEGIN IMMEDIATE``;
    a deferred transaction that read first could not upgrade when another process wrote meanwhile),
    PostgreSQL an advisory lock on the reference (other tenders are not held up)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    elif conn.dialect.name == "postgresql":
        lock = int.from_bytes(hashlib.sha256(reference.encode()).digest()[:8], "big", signed=True)
        conn.execute(select(func.pg_advisory_xact_lock(lock)))


def _lost_race(exc: DBAPIError) -> bool:
    """Whether ``exc`` is a conflict with a concurrent import, which a new attempt resolves: a unique
    violation, a SQLite file locked longer than its busy timeout, a PostgreSQL serialisation failure or
    deadlock."""
    code = getattr(exc.orig, "sqlstate", None) or getattr(exc.orig, "pgcode", None)
    if code is not None:
        return code in ("23505", "40001", "40P01")
    message = str(exc.orig)
    return message.startswith("UNIQUE constraint failed") or message.startswith("database is locked")


def _decision_findings(decision: Decision, language: str) -> list[FormFinding]:
    """The findings a new bid gets from how it stands to the bids stored before it."""
    lang = "en" if language == "en" else "nl"
    found = [older_finding(decision.older_than, lang)] if decision.older_than else []
    return found + [claim_finding(other, reason, lang) for other, reason in decision.claims]


def _with_findings(data: str, added: list[FormFinding]) -> str:
    """The submission JSON ``data`` with ``added`` appended to its findings."""
    parsed = json.loads(data)
    parsed["findings"] += [f.model_dump(mode="json") for f in added]
    return json.dumps(parsed, ensure_ascii=False, separators=(",", ":"))


def _add_finding(conn: Connection, submission_id: int | None, make: Callable[[str], FormFinding]) -> None:
    """Add the finding ``make(language)`` to stored submission ``submission_id`` (its JSON, its count,
    its finding rows), worded in that submission's own language."""
    sub = SubmissionRow.__table__.c
    data, warnings = conn.execute(select(sub.data, sub.warnings).where(sub.id == submission_id)).one()
    finding = make(json.loads(data)["language"])
    conn.execute(update(SubmissionRow.__table__).where(sub.id == submission_id)
                 .values(data=_with_findings(data, [finding]), warnings=warnings + 1))
    conn.execute(insert(FindingRow.__table__),
                 {**finding.model_dump(mode="json"), "submission_id": submission_id})


@dataclass(frozen=True)
class _ImportStatements:
    """The statements of :meth:`Store.import_submission`, built once with bound parameters.

    Core statements on the tables, not ORM inserts with ``.values()``: SQLAlchemy then compiles each
    once and reuses it from its cache, where building a statement per form cost more than the SQL.
    """

    duplicate: Select[tuple[int]]
    claims: CompoundSelect
    latest: Select[tuple[int | None]]
    submission: Insert
    children: dict[str, Insert]
    retire: Update
    supersede: Update


@functools.cache
def _import_statements() -> _ImportStatements:
    sub = SubmissionRow.__table__.c
    return _ImportStatements(
        duplicate=select(sub.id).where(sub.tender_reference == bindparam("reference"),
                                       sub.file_sha256 == bindparam("sha256")),
        # The bids naming the new bid's registration or name, in the order of Claim's fields, then
        # whether current: a union of two lookups by their own index. With OR, or with the current flag
        # in the query, SQLite walks the index of current bids, every one of them for each import.
        claims=union(*(select(sub.id, *(sub[name] for name in _CLAIM_FIELDS), sub.current)
                       .where(sub.tender_reference == bindparam("reference"), sub[column] == bindparam(column))
                       for column in ("registration", "name_key")))
        .order_by("id"),
        latest=select(func.max(TenderRow.__table__.c.revision))
        .where(TenderRow.__table__.c.reference == bindparam("reference")),
        submission=insert(SubmissionRow.__table__),
        children={row.__tablename__: insert(row.__table__) for row in _CHILD_ROWS},
        retire=update(SubmissionRow.__table__).where(sub.id == bindparam("old_id")).values(current=False),
        supersede=update(SubmissionRow.__table__).where(sub.id == bindparam("old_id"))
        .values(superseded_by=bindparam("new_id")),
    )


_CHILD_ROWS: tuple[type[Base], ...] = (AnswerRow, KpiOfferRow, ResponsibilityRow, FindingRow)
_CLAIM_FIELDS = ("registration", "name_key", "revision", "signed_on", "filename", "bidder_name")
"""The columns of a submission that make its :class:`~generator.identity.Claim` (after its ID), in order."""
