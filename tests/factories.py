"""Tenders built in code for tests that must not depend on the bundled library's wording."""

from __future__ import annotations

import datetime as dt

from generator.models import tender as t
from generator.models.clause import ConfirmAnswer, NumberAnswer, RaciAnswer, TextAnswer
from generator.models.spec import Dates, RelativePrice

TRICKY = 'R&D <select> "quoted" \'single\' a < b && c > d {{ not_a_tag }} {% raw %}'
LONG_WORD = "Aansprakelijkheidsverzekeringsovereenkomstbepalingenoverzichtsdocument" * 2


def make_tender(lang: str = "nl", *, requirements: int = 3, kpis: int = 2, tricky: bool = False) -> t.Tender:
    """A small but complete tender; ``tricky`` puts XML/Jinja-hostile text in every slot."""
    extra = f" {TRICKY} {LONG_WORD}" if tricky else ""
    reqs = [
        t.Item(id=f"REQ-{i:02d}", version="1.0", category="governance", kind="requirement", principles=[1, 2],
               title=f"Eis {i}{extra}", text=f"Opdrachtnemer voldoet aan eis {i}.{extra}", obligation="result",
               source="Aanbestedingswet 2012", answer=ConfirmAnswer(type="confirm"))
        for i in range(1, requirements + 1)
    ]
    reqs.append(t.Item(id="RES-01", version="1.0", category="responsibilities", kind="requirement",
                       principles=[1, 2], title="RACI-matrix" + extra, text="Inschrijver vult de matrix in." + extra,
                       obligation="result", source="practice", answer=RaciAnswer(type="raci")))
    reqs.append(t.Item(id="REQ-90", version="1.0", category="performance", kind="requirement", principles=[3],
                       title="Reactietijd", text="Inschrijver noemt de reactietijd in uren.", obligation="result",
                       source="practice", answer=NumberAnswer(type="number", unit="hours", min=1, max=48)))
    scale = [t.ScaleStep(score=s, descriptor=f"Omschrijving {s}{extra}") for s in (0, 2, 4, 6, 8, 10)]
    criteria = [
        t.Criterion(id=f"AWD-{i:02d}", version="1.0", category="governance", kind="award_criterion",
                    principles=[2], title=f"Plan van aanpak {i}{extra}", text=f"Beschrijf uw aanpak {i}.{extra}",
                    obligation="best_efforts", evidence="Maximaal 4 pagina's A4", source="practice",
                    answer=TextAnswer(type="text", max_length=4000), weight=w, scale=scale)
        for i, w in ((1, 30.0), (2, 30.0))
    ]
    kpi_list = [
        t.Kpi(id=f"KPI-{i:02d}", version="1.0", category="performance", principles=[3], title=f"Beschikbaarheid {i}{extra}",
              text="Opdrachtnemer meet de beschikbaarheid." + extra, definition="Percentage beschikbaar" + extra,
              unit="percent", direction="higher_is_better", minimum=99.0, target=99.8, library_minimum=99.0,
              low=0.0, high=100.0, decimals=1, calculation="uptime / servicetijd x 100%", frequency="monthly",
              data_source="monitoring", measured_by="contractor", forum="contractoverleg",
              consequence=t.Consequence(type="malus", malus_percent=2.0, cap_percent=10.0, text="2% per maand"),
              offer_allowed=True, norm="offered", obligation="result", source="practice")
        for i in range(1, kpis + 1)
    ]
    activities = [
        t.Activity(id="RACI-01", version="1.0", category="governance", title="Verslaglegging" + extra, fixed=True,
                   roles={"client": "A", "contractor": "R", "joint": "", "third_party": ""}),
        t.Activity(id="RACI-02", version="1.0", category="risk", title="Risicodossier bijhouden", fixed=False,
                   roles={"client": "C", "contractor": "RA", "joint": "I", "third_party": ""}),
    ]
    return t.Tender(
        reference="TEST-2027-001", title="Testaanbesteding" + extra, summary="Samenvatting" + extra,
        authority=t.Authority(name="Gemeente Testdorp", address="Markt 1, 1234 AB Testdorp",
                              contact=t.Contact(name="J. Jansen", email="inkoop@testdorp.nl")),
        procedure="open", cpv="72250000-2", contract_type="services", language=lang,
        dates=Dates(publication=dt.date(2027, 1, 10), questions_deadline=dt.date(2027, 2, 1),
                    submission_deadline=dt.datetime(2027, 3, 1, 12, 0), award_decision=dt.date(2027, 3, 20),
                    contract_start=dt.date(2027, 5, 1), contract_end=dt.date(2030, 4, 30)),
        revision=1, revisions=[t.Revision(revision=1, date=dt.date(2027, 1, 10), description="Publicatie")],
        library_name="test", library_version="0",
        requirements=reqs, criteria=criteria, contract_clauses=[], kpis=kpi_list, activities=activities,
        meetings=[t.Meeting(clause_id="GOV-01", tier="operational", name="Operationeel overleg",
                            frequency="fortnightly", participants="projectleiders", agenda=["Voortgang"],
                            duration_minutes=60)],
        escalation=[t.EscalationStep(clause_id="RSK-03", level=1, who="projectleiders", term_working_days=5)],
        award=t.Award(method="weighted_score", scale=scale, price_weight=40.0,
                      price_scoring=RelativePrice(rule="lowest_relative"), price_sheet=True, tie_break="highest_quality"),
    )
