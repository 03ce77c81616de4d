"""The submissions database: tenders, imported bids, their answers, commitments and findings.

SQLAlchemy over a SQLite file by default (embedded, zero setup) or any SQLAlchemy URL, PostgreSQL
included. Each import runs in one transaction: a submission is stored with all its rows or not at all.
Importing the same file twice stores it once; a later submission of the same bidder for the same tender
supersedes the earlier one, which stays as history.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Insert,
    Integer,
    Select,
    String,
    Text,
    UniqueConstraint,
    Update,
    bindparam,
    insert,
    select,
    update,
)
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, relationship

from .database import open_engine
from .errors import InputError
from .models.submission import Submission
from .models.tender import Tender
from .records import SubmissionRecords, now, submission_records

DEFAULT_DB = "tenderpack.sqlite"
"""The default database: a SQLite file in the current folder (override with --db or TENDERPACK_DB)."""


class Base(DeclarativeBase):
    """The declarative base of every tenderpack table; other modules add their tables to it."""

    type_annotation_map = {dict: JSON}


class TenderRow(Base):
    __tablename__ = "tender"
    __table_args__ = (UniqueConstraint("reference", "revision", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    reference: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    language: Mapped[str] = mapped_column(String(2))
    title: Mapped[str] = mapped_column(Text)
    data: Mapped[str] = mapped_column(Text)
    registered_at: Mapped[dt.datetime] = mapped_column(DateTime)


class SubmissionRow(Base):
    __tablename__ = "submission"
    __table_args__ = (UniqueConstraint("tender_reference", "file_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_reference: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    bidder_key: Mapped[str] = mapped_column(String(200), index=True)
    bidder_name: Mapped[str | None] = mapped_column(Text)
    kvk: Mapped[str | None] = mapped_column(String(20))
    filename: Mapped[str] = mapped_column(Text)
    file_sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    current: Mapped[bool] = mapped_column(Boolean, index=True)
    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("submission.id"))
    valid: Mapped[bool] = mapped_column(Boolean)
    knocked_out: Mapped[bool] = mapped_column(Boolean)
    errors: Mapped[int] = mapped_column(Integer)
    warnings: Mapped[int] = mapped_column(Integer)
    price_eur: Mapped[float | None] = mapped_column(Float)
    data: Mapped[str] = mapped_column(Text)

    answers: Mapped[list[AnswerRow]] = relationship(cascade="all, delete-orphan")
    kpi_offers: Mapped[list[KpiOfferRow]] = relationship(cascade="all, delete-orphan")
    responsibilities: Mapped[list[ResponsibilityRow]] = relationship(cascade="all, delete-orphan")
    findings: Mapped[list[FindingRow]] = relationship(cascade="all, delete-orphan")


class AnswerRow(Base):
    __tablename__ = "answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    item_id: Mapped[str] = mapped_column(String(16))
    kind: Mapped[str] = mapped_column(String(20))
    answer_type: Mapped[str] = mapped_column(String(10))
    value_text: Mapped[str | None] = mapped_column(Text)
    value_number: Mapped[float | None] = mapped_column(Float)
    value_bool: Mapped[bool | None] = mapped_column(Boolean)
    value_date: Mapped[dt.date | None] = mapped_column(Date)
    raw: Mapped[str | None] = mapped_column(Text)
    cell: Mapped[str] = mapped_column(String(64))
    remark: Mapped[str | None] = mapped_column(Text)
    attachment: Mapped[str | None] = mapped_column(Text)


class KpiOfferRow(Base):
    __tablename__ = "kpi_offer"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    kpi_id: Mapped[str] = mapped_column(String(16))
    value: Mapped[float | None] = mapped_column(Float)
    raw: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str] = mapped_column(String(20))
    direction: Mapped[str] = mapped_column(String(20))
    minimum: Mapped[float] = mapped_column(Float)
    target: Mapped[float] = mapped_column(Float)
    cell: Mapped[str] = mapped_column(String(64))
    remark: Mapped[str | None] = mapped_column(Text)


class ResponsibilityRow(Base):
    __tablename__ = "responsibility"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    activity_id: Mapped[str] = mapped_column(String(16))
    party: Mapped[str] = mapped_column(String(16))
    letters: Mapped[str] = mapped_column(String(4))
    cell: Mapped[str] = mapped_column(String(64))


class FindingRow(Base):
    __tablename__ = "finding"

    id: Mapped[int] = mapped_column(primary_key=True)
    submission_id: Mapped[int] = mapped_column(ForeignKey("submission.id"), index=True)
    severity: Mapped[str] = mapped_column(String(8))
    code: Mapped[str] = mapped_column(String(40))
    cell: Mapped[str | None] = mapped_column(String(64))
    item: Mapped[str | None] = mapped_column(String(16))
    message: Mapped[str] = mapped_column(Text)
    message_en: Mapped[str] = mapped_column(Text)


@dataclass(frozen=True)
class ImportResult:
    """What importing one submission did: ``imported`` (new), ``duplicate`` (same file already stored).

    ``superseded`` is the ID of the earlier submission of the same bidder that this one replaced.
    """

    status: Literal["imported", "duplicate"]
    submission_id: int
    superseded: int | None = None


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

        The rows go in as bulk inserts (one statement per table), not through the ORM's unit of work,
        which costs several times more per form in a batch of hundreds.
        """
        records = submission if isinstance(submission, SubmissionRecords) else submission_records(submission)
        statements = _import_statements()
        with self.engine.begin() as conn:
            duplicate = conn.scalar(statements.duplicate,
                                    {"reference": records.reference, "sha256": records.sha256})
            if duplicate is not None:
                return ImportResult("duplicate", duplicate)
            earlier = conn.scalars(statements.current, {"reference": records.reference,
                                                        "key": records.bidder_key}).all()
            values = {**records.submission, "imported_at": now()}  # when stored, not when read
            new_id = conn.execute(statements.submission, values).inserted_primary_key[0]
            for table, rows in records.children.items():
                if rows:
                    conn.execute(statements.children[table],
                                 [{**row, "submission_id": new_id} for row in rows])
            if earlier:
                conn.execute(statements.supersede, [{"old_id": old, "new_id": new_id} for old in earlier])
            return ImportResult("imported", new_id, earlier[0] if earlier else None)

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


@dataclass(frozen=True)
class _ImportStatements:
    """The statements of :meth:`Store.import_submission`, built once with bound parameters.

    Core statements on the tables, not ORM inserts with ``.values()``: SQLAlchemy then compiles each
    once and reuses it from its cache, where building a statement per form cost more than the SQL.
    """

    duplicate: Select[tuple[int]]
    current: Select[tuple[int]]
    submission: Insert
    children: dict[str, Insert]
    supersede: Update


@functools.cache
def _import_statements() -> _ImportStatements:
    sub = SubmissionRow.__table__.c
    return _ImportStatements(
        duplicate=select(sub.id).where(sub.tender_reference == bindparam("reference"),
                                       sub.file_sha256 == bindparam("sha256")),
        current=select(sub.id).where(sub.tender_reference == bindparam("reference"),
                                     sub.bidder_key == bindparam("key"), sub.current.is_(True))
        .order_by(sub.id),
        submission=insert(SubmissionRow.__table__),
        children={row.__tablename__: insert(row.__table__) for row in _CHILD_ROWS},
        supersede=update(SubmissionRow.__table__).where(sub.id == bindparam("old_id"))
        .values(current=False, superseded_by=bindparam("new_id")),
    )


_CHILD_ROWS: tuple[type[Base], ...] = (AnswerRow, KpiOfferRow, ResponsibilityRow, FindingRow)
