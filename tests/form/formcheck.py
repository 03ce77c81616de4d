"""Helpers for the form tests: a tender using every answer type, and readers for the written parts."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import openpyxl
from factories import make_tender
from lxml import etree

from generator.form import layout as L
from generator.models import tender as t
from generator.models.base import Text
from generator.models.clause import ChoiceAnswer, DateAnswer, TextAnswer

BUILT = dt.datetime(2027, 1, 10, 9, 30, 0)
NS = {
    "m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
# Texts a spreadsheet program would take for a formula if they were typed or stored as one.
FORMULA_LIKE = ['=HYPERLINK("http://evil.example","klik")', "+31 6 1234 5678", "-5 graden", "@SUM(A1:A2)",
                "=cmd|' /C calc'!A0"]


def full_tender(lang: str = "nl") -> t.Tender:
    """The tricky test tender plus every answer type, KPI kind and formula-like text the form handles."""
    base = make_tender(lang, tricky=True)
    options = {f"opt{i}": Text(nl=f"Optie {i}, met een komma en een lange omschrijving van de variant",
                               en=f"Option {i}, with a comma and a long description of the variant")
               for i in range(8)}
    common = {"version": "1.0", "kind": "requirement", "principles": [1], "obligation": "result",
              "source": "test"}
    extra = [
        t.Item(id="REQ-91", category="risk", title=FORMULA_LIKE[0], text=FORMULA_LIKE[1],
               answer=ChoiceAnswer(type="choice", options=options), **common),
        t.Item(id="REQ-92", category="risk", title=FORMULA_LIKE[2], text=FORMULA_LIKE[3],
               answer=DateAnswer(type="date"), **common),
        t.Item(id="REQ-93", category="risk", title="=1+1", text=FORMULA_LIKE[4],
               answer=TextAnswer(type="text", max_length=500), **common),
    ]
    kpi = base.kpis[0]
    kpis = base.kpis + [
        kpi.model_copy(update={"id": "KPI-03", "title": "=2*3", "unit": "working_days",
                               "direction": "lower_is_better",
                                   "minimum": 10.0, "target": 5.0, "low": 0.0, "high": None, "decimals": 0}),
        kpi.model_copy(update={"id": "KPI-04", "title": "Vaste norm", "offer_allowed": False, "norm": "minimum"}),
    ]
    activities = base.activities + [
        t.Activity(id="RACI-03", version="1.0", category="risk", title="=A1", fixed=False,
                   description="@Description",
                   roles={"client": "A", "contractor": "R", "joint": "", "third_party": "C"}),
    ]
    return base.model_copy(update={"requirements": base.requirements + extra, "kpis": kpis,
                                   "activities": activities})


def parts(data: bytes) -> dict[str, bytes]:
    """Every zip entry of ``data`` by name."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def xml(data: bytes, name: str) -> etree._Element:
    """The parsed XML part ``name`` of the package ``data``."""
    return etree.fromstring(parts(data)[name])


def sheet_parts(data: bytes) -> dict[str, etree._Element]:
    """Sheet name -> parsed worksheet part, resolved through workbook.xml and its relationships."""
    workbook = xml(data, "xl/workbook.xml")
    rels = xml(data, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target") for r in rels.xpath("//pr:Relationship", namespaces=NS)}
    out = {}
    for sheet in workbook.xpath("//m:sheets/m:sheet", namespaces=NS):
        target = targets[sheet.get(f"{{{NS['r']}}}id")].lstrip("/")
        out[sheet.get("name")] = xml(data, target if target.startswith("xl/") else "xl/" + target)
    return out


def load(data: bytes) -> openpyxl.Workbook:
    """The workbook ``data`` read back with openpyxl."""
    return openpyxl.load_workbook(io.BytesIO(data))


def meta_records(wb: openpyxl.Workbook) -> list[dict[str, object]]:
    """The metadata sheet's records: ``record`` and ``key`` from columns A and B, the fields of the JSON
    object in C, and ``None`` for every field of :data:`layout.META_FIELDS` the JSON leaves out (as an
    empty cell read). Asserts the layout: the header row, three columns, canonical compact JSON.
    """
    ws = wb[L.META_SHEET]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == L.META_HEADER and ws.max_column == len(L.META_HEADER)
    records = []
    for kind, key, data in rows[1:]:
        fields = json.loads(data) if data is not None else {}
        assert set(fields) <= set(L.META_FIELDS) and L.meta_data(fields) == data
        records.append({"record": kind, "key": key, **dict.fromkeys(L.META_FIELDS), **fields})
    return records


def items(wb: openpyxl.Workbook) -> dict[str, dict[str, object]]:
    """The ``item`` records by ID."""
    return {r["key"]: r for r in meta_records(wb) if r["record"] == "item"}


def sheet_names(wb: openpyxl.Workbook) -> dict[str, str]:
    """Sheet key -> sheet name, from the metadata's ``sheet`` records."""
    return {r["key"]: r["value"] for r in meta_records(wb) if r["record"] == "sheet"}


def recomputed_hash(wb: openpyxl.Workbook, record: dict[str, object]) -> str:
    """The row hash of ``record``'s row as a parser computes it from the cells it reads."""
    sheet = str(record["sheet"])
    ws = wb[sheet_names(wb)[sheet]]
    row = int(record["row"])
    return L.row_hash(sheet, {c: ws.cell(row, c).value for c in L.shown_columns(sheet)})


def expected_ids(tender: t.Tender) -> set[str]:
    """Every ID the form of ``tender`` must carry an answer row for."""
    ids = {f.id for f in L.BIDDER_FIELDS}
    ids |= {i.id for i in tender.requirements} | {c.id for c in tender.criteria}
    ids |= {k.id for k in tender.kpis} | {a.id for a in tender.activities}
    ids |= {term.id for term in tender.improvable}
    if tender.award.price_sheet:
        ids |= {f.id for f in L.PRICE_FIELDS}
    return ids


def unlocked_cells(ws) -> set[str]:
    """Coordinates of the cells of ``ws`` whose protection is unlocked."""
    return {c.coordinate for row in ws.iter_rows() for c in row if not c.protection.locked}
