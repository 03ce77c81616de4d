"""Baseline: the schema of tenderpack 0.1.0, the last release without schema versions.

Revision ID: 0001
Revises:
Create Date: 2026-12-05

A frozen copy of the tables as they were (not an import of today's models, which later migrations
change). A database made before schema versions existed already has some or all of them: each table
is created only when missing, so upgrading such a database adds what it lacks and keeps every row.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _tables(metadata: sa.MetaData) -> None:
    def column(name: str, kind: sa.types.TypeEngine | type, *args: object, null: bool = False,
               index: bool = False) -> sa.Column:
        return sa.Column(name, kind, *args, nullable=null, index=index)

    def key() -> sa.Column:
        return sa.Column("id", sa.Integer, primary_key=True)

    sa.Table("tender", metadata, key(), column("reference", sa.String(64), index=True),
             column("revision", sa.Integer), column("language", sa.String(2)), column("title", sa.Text),
             column("data", sa.Text), column("registered_at", sa.DateTime),
             sa.UniqueConstraint("reference", "revision", "language"))
    sa.Table("submission", metadata, key(), column("tender_reference", sa.String(64), index=True),
             column("revision", sa.Integer), column("bidder_key", sa.String(200), index=True),
             column("bidder_name", sa.Text, null=True), column("kvk", sa.String(20), null=True),
             column("filename", sa.Text), column("file_sha256", sa.String(64)), column("size", sa.Integer),
             column("imported_at", sa.DateTime), column("current", sa.Boolean, index=True),
             column("superseded_by", sa.Integer, sa.ForeignKey("submission.id"), null=True),
             column("valid", sa.Boolean), column("knocked_out", sa.Boolean), column("errors", sa.Integer),
             column("warnings", sa.Integer), column("price_eur", sa.Float, null=True), column("data", sa.Text),
             sa.UniqueConstraint("tender_reference", "file_sha256"))

    def child(name: str, *columns: sa.Column) -> None:
        sa.Table(name, metadata, key(),
                 column("submission_id", sa.Integer, sa.ForeignKey("submission.id"), index=True), *columns)

    child("answer", column("item_id", sa.String(16)), column("kind", sa.String(20)),
          column("answer_type", sa.String(10)), column("value_text", sa.Text, null=True),
          column("value_number", sa.Float, null=True), column("value_bool", sa.Boolean, null=True),
          column("value_date", sa.Date, null=True), column("raw", sa.Text, null=True),
          column("cell", sa.String(64)), column("remark", sa.Text, null=True),
          column("attachment", sa.Text, null=True))
    child("kpi_offer", column("kpi_id", sa.String(16)), column("value", sa.Float, null=True),
          column("raw", sa.Text, null=True), column("unit", sa.String(20)), column("direction", sa.String(20)),
          column("minimum", sa.Float), column("target", sa.Float), column("cell", sa.String(64)),
          column("remark", sa.Text, null=True))
    child("responsibility", column("activity_id", sa.String(16)), column("party", sa.String(16)),
          column("letters", sa.String(4)), column("cell", sa.String(64)))
    child("finding", column("severity", sa.String(8)), column("code", sa.String(40)),
          column("cell", sa.String(64), null=True), column("item", sa.String(16), null=True),
          column("message", sa.Text), column("message_en", sa.Text))

    sa.Table("measurement_import", metadata, key(), column("tender_reference", sa.String(64), index=True),
             column("revision", sa.Integer), column("bidder_name", sa.Text, null=True),
             column("bidder_kvk", sa.String(20), null=True), column("submission_sha256", sa.String(64), null=True),
             column("filename", sa.Text, null=True), column("file_sha256", sa.String(64), null=True, index=True),
             column("imported_at", sa.DateTime), column("changed", sa.Integer))

    def versioned(name: str, *columns: sa.Column) -> None:
        sa.Table(name, metadata, key(),
                 column("import_id", sa.Integer, sa.ForeignKey("measurement_import.id"), index=True),
                 column("tender_reference", sa.String(64), index=True), column("cell", sa.String(64), null=True),
                 column("recorded_at", sa.DateTime), column("current", sa.Boolean, index=True),
                 column("superseded_at", sa.DateTime, null=True),
                 column("superseded_by", sa.Integer, sa.ForeignKey(f"{name}.id"), null=True), *columns)

    versioned("measurement", column("kpi_id", sa.String(16)), column("period_start", sa.Date),
              column("period_end", sa.Date), column("value", sa.Float, null=True), column("raw", sa.Text, null=True),
              column("remark", sa.Text, null=True))
    versioned("collaboration_score", column("period_start", sa.Date), column("period_end", sa.Date),
              column("party", sa.String(16)), column("score", sa.Float, null=True),
              column("reasons", sa.Text, null=True))
    versioned("action_item", column("action_id", sa.String(16)), column("description", sa.Text, null=True),
              column("kpi_id", sa.String(16), null=True), column("party", sa.String(16), null=True),
              column("owner", sa.Text, null=True), column("raised_on", sa.Date, null=True),
              column("due_on", sa.Date, null=True), column("status", sa.String(16), null=True),
              column("done_on", sa.Date, null=True), column("remark", sa.Text, null=True))


def upgrade() -> None:
    metadata = sa.MetaData()
    _tables(metadata)
    metadata.create_all(op.get_bind(), checkfirst=True)
