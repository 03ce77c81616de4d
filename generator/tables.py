"""Every table of the tenderpack database, declared once (SQLAlchemy): the store's and the monitoring's.

The tables live apart from the code that reads and writes them so that the database layer
(:mod:`generator.database`, whose migrations compare against :data:`Base.metadata`), the store
(:mod:`generator.store`) and the stored measurements (:mod:`generator.monitoring.db`) can all use them
without importing each other. A table changes only with a migration in ``generator/migrations/``.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    JSON, Boolean, Date, DateTime, Float, ForeignKey, Index, Integer, String, Text, UniqueConstraint, text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    """The declarative base of every tenderpack table."""

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
    __table_args__ = (
        UniqueConstraint("tender_reference", "file_sha256"),
        # The database's own guarantee that no race leaves a bidder with two current bids (the key
        # differs only for bids the store deliberately keeps side by side, see generator.identity).
        Index("uq_submission_current_bidder", "tender_reference", "bidder_key", unique=True,
              sqlite_where=text("current"), postgresql_where=text("current")),
        Index("ix_submission_registration", "tender_reference", "registration"),
        Index("ix_submission_name_key", "tender_reference", "name_key"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_reference: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    bidder_key: Mapped[str] = mapped_column(String(200), index=True)
    registration: Mapped[str | None] = mapped_column(String(40))
    name_key: Mapped[str | None] = mapped_column(String(32))
    signed_on: Mapped[dt.date | None] = mapped_column(Date)
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


# --- the measurements of a contract (written by generator.monitoring.db) -------------------------------

class MeasurementImportRow(Base):
    __tablename__ = "measurement_import"

    id: Mapped[int] = mapped_column(primary_key=True)
    tender_reference: Mapped[str] = mapped_column(String(64), index=True)
    revision: Mapped[int] = mapped_column(Integer)
    bidder_name: Mapped[str | None] = mapped_column(Text)
    bidder_kvk: Mapped[str | None] = mapped_column(String(20))
    submission_sha256: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str | None] = mapped_column(Text)
    file_sha256: Mapped[str | None] = mapped_column(String(64), index=True)
    imported_at: Mapped[dt.datetime] = mapped_column(DateTime)
    changed: Mapped[int] = mapped_column(Integer)


class _Versioned:
    """The columns every stored value has: its import, and whether and when it was superseded."""

    id: Mapped[int] = mapped_column(primary_key=True)
    import_id: Mapped[int] = mapped_column(ForeignKey("measurement_import.id"), index=True)
    tender_reference: Mapped[str] = mapped_column(String(64), index=True)
    cell: Mapped[str | None] = mapped_column(String(64))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime)
    current: Mapped[bool] = mapped_column(Boolean, index=True)
    superseded_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class MeasurementRow(_Versioned, Base):
    __tablename__ = "measurement"

    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("measurement.id"))
    kpi_id: Mapped[str] = mapped_column(String(16))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    value: Mapped[float | None] = mapped_column(Float)
    raw: Mapped[str | None] = mapped_column(Text)
    remark: Mapped[str | None] = mapped_column(Text)


class ScoreRow(_Versioned, Base):
    __tablename__ = "collaboration_score"

    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("collaboration_score.id"))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    party: Mapped[str] = mapped_column(String(16))
    score: Mapped[float | None] = mapped_column(Float)
    reasons: Mapped[str | None] = mapped_column(Text)


class CommitmentCheckRow(_Versioned, Base):
    __tablename__ = "commitment_check"

    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("commitment_check.id"))
    commitment_id: Mapped[str] = mapped_column(String(64))
    period_start: Mapped[dt.date] = mapped_column(Date)
    period_end: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(16))
    evidence: Mapped[str | None] = mapped_column(Text)


class ActionRow(_Versioned, Base):
    __tablename__ = "action_item"

    superseded_by: Mapped[int | None] = mapped_column(ForeignKey("action_item.id"))
    action_id: Mapped[str] = mapped_column(String(16))
    description: Mapped[str | None] = mapped_column(Text)
    kpi_id: Mapped[str | None] = mapped_column(String(16))
    party: Mapped[str | None] = mapped_column(String(16))
    owner: Mapped[str | None] = mapped_column(Text)
    raised_on: Mapped[dt.date | None] = mapped_column(Date)
    due_on: Mapped[dt.date | None] = mapped_column(Date)
    status: Mapped[str | None] = mapped_column(String(16))
    done_on: Mapped[dt.date | None] = mapped_column(Date)
    remark: Mapped[str | None] = mapped_column(Text)
