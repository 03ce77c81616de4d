"""Bidder identity: registration, name digest and date of signature per bid, one current bid per bidder key.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-05

A bid now replaces an earlier one only for the same valid registration number and name and when it is
newer by the form's own revision and date of signature (:mod:`generator.identity`); the store keeps
these in three new columns of ``submission`` and a partial unique index allows one current bid per
tender and bidder key. Stored bids get the columns from their own JSON and the new key; where current
bids of one tender would share a key (the race of issue 16, or two bidders who typed one KvK number),
each gets its file digest added, so all of them stay current, side by side, as they were. Earlier
supersessions are kept as they are: history is not rewritten.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter

import sqlalchemy as sa
from alembic import op

from generator.identity import name_key, registration

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def _identities(conn: sa.Connection, submission: sa.TableClause) -> list[dict[str, object]]:
    c = submission.c
    rows = conn.execute(sa.select(c.id, c.tender_reference, c.file_sha256, c.current, c.data)).all()
    out = []
    for row in rows:
        bidder = json.loads(row.data).get("bidder") or {}
        reg, name = registration(bidder.get("kvk")), name_key(bidder.get("name"))
        signed = bidder.get("date")
        out.append({"row_id": row.id, "reference": row.tender_reference, "sha256": row.file_sha256,
                    "current": bool(row.current), "registration": reg, "name_key": name,
                    "signed_on": dt.date.fromisoformat(signed) if signed else None,
                    "bidder_key": f"{reg}|{name or ''}" if reg else f"?|{row.file_sha256}"})
    shared = Counter((r["reference"], r["bidder_key"]) for r in out if r["current"])
    for r in out:
        if r["current"] and shared[(r["reference"], r["bidder_key"])] > 1:
            r["bidder_key"] = f"{r['bidder_key']}|{r['sha256']}"
    return out


def upgrade() -> None:
    with op.batch_alter_table("submission") as batch:
        batch.add_column(sa.Column("registration", sa.String(40), nullable=True))
        batch.add_column(sa.Column("name_key", sa.String(32), nullable=True))
        batch.add_column(sa.Column("signed_on", sa.Date, nullable=True))
    submission = sa.table("submission", sa.column("id", sa.Integer), sa.column("tender_reference", sa.String),
                          sa.column("file_sha256", sa.String), sa.column("current", sa.Boolean),
                          sa.column("data", sa.Text), sa.column("bidder_key", sa.String),
                          sa.column("registration", sa.String), sa.column("name_key", sa.String),
                          sa.column("signed_on", sa.Date))
    conn = op.get_bind()
    rows = _identities(conn, submission)
    if rows:
        conn.execute(submission.update().where(submission.c.id == sa.bindparam("row_id"))
                     .values(bidder_key=sa.bindparam("bidder_key"), registration=sa.bindparam("registration"),
                             name_key=sa.bindparam("name_key"), signed_on=sa.bindparam("signed_on")),
                     [{k: r[k] for k in ("row_id", "bidder_key", "registration", "name_key", "signed_on")}
                      for r in rows])
    op.create_index("ix_submission_registration", "submission", ["tender_reference", "registration"])
    op.create_index("ix_submission_name_key", "submission", ["tender_reference", "name_key"])
    op.create_index("uq_submission_current_bidder", "submission", ["tender_reference", "bidder_key"],
                    unique=True, sqlite_where=sa.text("current"), postgresql_where=sa.text("current"))
