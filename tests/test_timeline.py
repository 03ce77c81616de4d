"""Every document is dated by the procedure's timeline, never by the clock; read back from the files."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from agreement.awarded import submission, tender
from document.docxcheck import cover, created, footer

from generator.agreement import render_agreement
from generator.document.render import render_tender_document
from generator.errors import ValidationFailed
from generator.timeline import agreement_date, tender_date

D = dt.date
FAR = dt.datetime(2035, 11, 11, 11, 11)
"""A build time far from every date of the sample's timeline: it must never reach a document's text."""


def test_tender_document_and_draft_annex_carry_the_date_of_the_current_revision():
    t = tender()
    assert t.revision == 2 and tender_date(t) == D(2027, 3, 15)  # the Nota van Inlichtingen
    for data in (render_tender_document(t, built=FAR), render_agreement(t, None, built=FAR)):
        assert cover(data)["Datum"] == "15 maart 2027"
        assert "15 maart 2027" in footer(data) and "2035" not in footer(data)
        assert created(data).startswith("2035-11-11")  # the build time stays in the metadata
    english = tender("en")
    assert cover(render_tender_document(english, built=FAR))["Date"] == "15 March 2027"


def test_agreement_is_dated_at_the_end_of_the_standstill_period_never_before():
    t = tender()
    sub = submission(t)
    assert t.dates.standstill_end == D(2027, 5, 31)  # award decision 11 May + 20 days
    data = render_agreement(t, sub, built=dt.datetime(2027, 5, 20, 9, 0))  # built inside the standstill period
    assert cover(data)["Datum"] == "31 mei 2027" and "31 mei 2027" in footer(data)
    later = render_agreement(t, sub, built=FAR, on=D(2027, 6, 15))
    assert cover(later)["Datum"] == "15 juni 2027"
    assert agreement_date(t, D(2027, 5, 31)) == D(2027, 5, 31)
    with pytest.raises(ValidationFailed) as caught:
        render_agreement(t, sub, built=FAR, on=D(2027, 5, 30))
    (finding,) = caught.value.findings
    assert (finding.location.item, finding.location.field) == ("GZV-2027-ICT-014", "dates.award_decision")
    assert "ends on 2027-05-31" in finding.message


def test_an_absent_award_decision_is_an_error_naming_the_spec_field():
    t = tender()
    undated = t.model_copy(update={"dates": t.dates.model_copy(update={"award_decision": None})})
    with pytest.raises(ValidationFailed) as caught:
        render_agreement(undated, submission(undated), built=FAR)
    assert str(caught.value.findings[0]).startswith("GZV-2027-ICT-014.dates.award_decision: error: the tender "
                                                    "spec has no dates.award_decision")
    assert cover(render_agreement(undated, None, built=FAR))["Datum"] == "15 maart 2027"  # the draft needs none


def test_no_document_reads_the_clock():
    """Only the build time of manifests and file metadata (pack.build_time) and the database's own
    bookkeeping (when a form or a workbook was imported) may read the clock."""
    allowed = {"pack.py", "records.py", "monitoring/db.py"}
    root = Path(__file__).resolve().parents[1] / "generator"
    clock = re.compile(r"\b(?:date\.today|datetime\.now|datetime\.utcnow|time\.time|time\.localtime)\(")
    readers = {str(path.relative_to(root)) for path in root.rglob("*.py") if clock.search(path.read_text("utf-8"))}
    assert readers <= allowed, readers - allowed
