"""The status of each commitment of the winning bid per quarter, from the monitoring workbook.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

A versioned table like the measurements: a re-import adds a row for each changed status and marks the
row it replaces as superseded, so the history of every status stays.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "commitment_check",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("import_id", sa.Integer, sa.ForeignKey("measurement_import.id"), nullable=False, index=True),
        sa.Column("tender_reference", sa.String(64), nullable=False, index=True),
        sa.Column("cell", sa.String(64), nullable=True),
        sa.Column("recorded_at", sa.DateTime, nullable=False),
        sa.Column("current", sa.Boolean, nullable=False, index=True),
        sa.Column("superseded_at", sa.DateTime, nullable=True),
        sa.Column("superseded_by", sa.Integer, sa.ForeignKey("commitment_check.id"), nullable=True),
        sa.Column("commitment_id", sa.String(64), nullable=False),
        sa.Column("period_start", sa.Date, nullable=False),
        sa.Column("period_end", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=True),
        sa.Column("evidence", sa.Text, nullable=True),
    )

