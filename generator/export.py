"""The commitments register: what every bidder committed to, across the bids of one tender.

One row per committed responsibility (activity, party, R/A/C/I letters, and whether it differs from the
tender's default) and per KPI offer (value, unit, minimum, target, how it compares). Written as .xlsx,
CSV or JSON. Bidder text is hostile: in CSV a value starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return is prefixed with an apostrophe (OWASP CSV injection), in .xlsx it is stored as a
string cell, never a formula.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Literal

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from . import archive
from .errors import InputError, Location
from .models.tender import Tender
from .store import Store

Format = Literal["xlsx", "csv", "json"]

COLUMNS: tuple[str, ...] = (
    "bidder", "kvk", "submission_file", "type", "id", "title", "party", "letters", "default_letters",
    "differs_from_default", "value", "unit", "minimum", "target", "meets_minimum", "meets_target",
)
"""The columns of the register, in order; also the keys of each JSON record."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def commitments(store: Store, reference: str) -> list[dict[str, object]]:
    """The register rows for tender ``reference``: current submissions only, bidder by bidder.

    Raises :class:`InputError` if the tender is not in the database.
    """
    tender = store.tender(reference)
    if tender is None:
        raise InputError("tender is not in the database (register it with build --db or import --spec)",
                         Location(item=reference))
    activities = {a.id: a for a in tender.activities}
    kpis = {k.id: k for k in tender.kpis}
    rows: list[dict[str, object]] = []
    for sub in store.submissions(reference):
        base = {"bidder": sub.bidder.name, "kvk": sub.bidder.kvk, "submission_file": sub.source.filename}
        for r in sub.responsibilities:
            activity = activities.get(r.activity)
            default = activity.roles.get(r.party, "") if activity else None
            rows.append({**base, "type": "responsibility", "id": r.activity,
                         "title": activity.title if activity else None, "party": r.party, "letters": r.letters,
                         "default_letters": default, "differs_from_default": default is not None and default != r.letters})
        for offer in sub.kpi_offers:
            kpi = kpis.get(offer.id)
            meets_min = meets_target = None
            if offer.value is not None and kpi is not None:
                meets_min = kpi.is_better_or_equal(offer.value, kpi.minimum)
                meets_target = kpi.is_better_or_equal(offer.value, kpi.target)
            rows.append({**base, "type": "kpi_offer", "id": offer.id, "title": kpi.title if kpi else None,
                         "value": offer.value, "unit": offer.unit, "minimum": offer.minimum, "target": offer.target,
                         "meets_minimum": meets_min, "meets_target": meets_target})
    return [{column: row.get(column) for column in COLUMNS} for row in rows]


def write_commitments(rows: list[dict[str, object]], fmt: Format, *, tender: Tender | None = None,
                      built: dt.datetime | None = None) -> bytes:
    """The register ``rows`` as ``fmt`` bytes (xlsx, csv with a UTF-8 BOM for Excel, or JSON)."""
    if fmt == "json":
        return (json.dumps(rows, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow([_csv_safe(row[c]) for c in COLUMNS])
        # Excel reads a CSV as the system code page unless it starts with a byte-order mark.
        return ("\ufeff" + out.getvalue()).encode("utf-8")
    return _xlsx(rows, tender, built or dt.datetime(2000, 1, 1))


def _csv_safe(value: object) -> object:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _xlsx(rows: list[dict[str, object]], tender: Tender | None, built: dt.datetime) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "Commitments" if tender is None or tender.language == "en" else "Toezeggingen"
    ws.append(list(COLUMNS))
    for cell in ws[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F3864")
    for r, row in enumerate(rows, start=2):
        for c, column in enumerate(COLUMNS, start=1):
            value = row[column]
            cell = ws.cell(row=r, column=c, value=value)
            if isinstance(value, str):
                # openpyxl turns any str starting with "=" into a formula; force a string cell.
                cell.data_type = "s"
    for c, column in enumerate(COLUMNS, start=1):
        ws.column_dimensions[get_column_letter(c)].width = max(12, min(40, len(column) + 4))
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    wb.properties.created = wb.properties.modified = built
    buffer = io.BytesIO()
    wb.save(buffer)
    return archive.normalize(buffer.getvalue(), built)
