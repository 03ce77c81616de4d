"""The binding norm over generated KPIs: the annex, monitoring workbook and progress report bind what the
tender document states, read back from the rendered files (see :mod:`normread`)."""

from __future__ import annotations

import datetime as dt

from factories import make_tender
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from normread import HEADING, Statement, column_by_id, facts_by_heading, sheet_column, statement

from generator.agreement import render_agreement
from generator.document.render import render_tender_document
from generator.models.submission import Bidder, KpiOffer, Source, Submission
from generator.monitoring import write_monitoring_workbook
from generator.progress import progress_report, render_progress_docx, write_progress_workbook

BUILT = dt.datetime(2027, 3, 1, 9, 0)


@st.composite
def kpis(draw):
    """Levels of one percentage KPI (one decimal), a norm choice it allows and an admissible offer."""
    tenths = st.integers(0, 1000)
    higher = draw(st.booleans())
    a, b = sorted((draw(tenths), draw(tenths)))
    minimum, target = (a, b) if higher else (b, a)
    offer_allowed = draw(st.booleans())
    norm = draw(st.sampled_from(["minimum", "target", "offered"] if offer_allowed else ["minimum", "target"]))
    offer = draw(st.integers(minimum, 1000) if higher else st.integers(0, minimum)) if offer_allowed else None
    return {"direction": "higher_is_better" if higher else "lower_is_better", "minimum": minimum / 10,
            "target": target / 10, "library_minimum": minimum / 10, "offer_allowed": offer_allowed, "norm": norm,
            "offer": None if offer is None else offer / 10}


def submission(tender, levels: dict) -> Submission:
    kpi = tender.kpis[0]
    offered = levels["offer"] is not None
    offer = KpiOffer(id=kpi.id, value=levels["offer"], accepted=None if offered else True, unit=kpi.unit,
                     direction=kpi.direction, minimum=kpi.minimum, target=kpi.target, cell="KPI-aanbod!H5")
    return Submission(tender_reference=tender.reference, revision=tender.revision, form_version="1",
                      language=tender.language, bidder=Bidder(name="Bouwbedrijf De Vries B.V.", kvk="12345678"),
                      answers=[], kpi_offers=[offer], responsibilities=[], findings=[],
                      source=Source(filename="bid.xlsx", sha256="a" * 64, size=1))


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(levels=kpis(), lang=st.sampled_from(["nl", "en"]))
def test_annex_monitoring_and_progress_bind_what_the_tender_states(levels, lang):
    base = make_tender(lang, kpis=1)
    kpi = base.kpis[0].model_copy(update={k: v for k, v in levels.items() if k != "offer"})
    tender = base.model_copy(update={"kpis": [kpi]})
    sub = submission(tender, levels)
    heading = HEADING[lang]

    stated = statement(column_by_id(render_tender_document(tender, built=BUILT), heading)[kpi.id], lang)
    assert stated.level == levels["norm"]
    if stated.level == "offered":  # the tender states the floor; the winner's offer then binds
        assert stated.floor == levels["minimum"]
        binding = Statement("offered", levels["offer"])
    else:
        assert stated.value == levels[stated.level]
        binding = stated

    annex = column_by_id(render_agreement(tender, sub, built=BUILT), heading)
    assert statement(annex[kpi.id], lang) == binding
    sheet = "Metingen" if lang == "nl" else "Measurements"
    monitored = sheet_column(write_monitoring_workbook(tender, sub, built=BUILT), sheet, heading)
    assert monitored == {kpi.id: {binding.value}}
    progress = progress_report(tender, sub, None)
    facts = facts_by_heading(render_progress_docx(progress, tender, built=BUILT), heading)
    assert statement(facts[kpi.id], lang) == binding
    workbook = write_progress_workbook(progress, built=BUILT)
    assert sheet_column(workbook, ("In één oogopslag" if lang == "nl" else "At a glance"), heading) == {
        kpi.id: {binding.value}}
