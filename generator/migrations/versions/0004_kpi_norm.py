"""Every stored tender's KPIs name their binding norm.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05

Tenders registered before the binding norm was a field of a KPI have none in their stored model. The
tender documents built from them said which level binds: the offered value where bidders could offer
one ("die waarde wordt uw contractuele norm"), the minimum otherwise ("De minimumwaarde is de
contractuele norm"). This migration writes exactly that choice into each stored KPI, so the agreement,
monitoring workbook and progress report of such a tender bind what its tender document published.
"""

from __future__ import annotations

import json

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    bind = op.get_bind()
    tender = sa.table("tender", sa.column("id", sa.Integer), sa.column("data", sa.Text))
    for row_id, data in bind.execute(sa.select(tender.c.id, tender.c.data)).all():
        model = json.loads(data)
        missing = [kpi for kpi in model.get("kpis", []) if "norm" not in kpi]
        if not missing:
            continue
        for kpi in missing:
            kpi["norm"] = "offered" if kpi.get("offer_allowed") else "minimum"
        # Written as the store writes a model (compact, UTF-8), so the row reads back byte for byte alike.
        data = json.dumps(model, ensure_ascii=False, separators=(",", ":"))
        bind.execute(sa.update(tender).where(tender.c.id == row_id).values(data=data))
