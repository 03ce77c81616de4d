"""Tenders, submissions and scores for the evaluation tests: built in code, or the sample tenders with
their sample bids."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from pathlib import Path

from factories import make_tender

from generator.assemble import assemble
from generator.form import fill_form, load_answers, read_form, write_form
from generator.library import load_library
from generator.models import tender as t
from generator.evaluation.reservations import found
from generator.models.evaluation import ComplianceMatrix, ReservationDecision, ScoreEntry, Scores
from generator.models.spec import LinearPrice
from generator.models.submission import (
    Answer,
    Bidder,
    FormFinding,
    KpiOffer,
    Responsibility,
    Source,
    Submission,
)
from generator.spec import load_spec

BUILT = dt.datetime(2027, 3, 5, 10, 0, 0)


def weighted_tender(tie_break: str = "highest_quality", linear: tuple[float, float] | None = None,
                    lang: str = "nl") -> t.Tender:
    """make_tender: AWD-01 and AWD-02 weigh 30% each on the scale 0-2-4-6-8-10, price 40%."""
    tender = make_tender(lang)
    update: dict = {"tie_break": tie_break}
    if linear:
        update["price_scoring"] = LinearPrice(rule="linear", best=linear[0], worst=linear[1])
    return tender.model_copy(update={"award": tender.award.model_copy(update=update)})


SHARES = ((0, 0.0), (1, 0.25), (2, 0.6), (3, 1.0))


def value_tender(values: tuple[float, float] = (200_000.0, 100_000.0), tie_break: str = "highest_quality",
                 shares=SHARES) -> t.Tender:
    """Award on value: AWD-01 and AWD-02 worth ``values`` euro, scale 0-3 with shares 0/25/60/100%."""
    tender = make_tender()
    scale = [t.ScaleStep(score=s, descriptor=f"Stap {s}", share=share) for s, share in shares]
    criteria = [c.model_copy(update={"weight": None, "value_eur": v, "scale": scale})
                for c, v in zip(tender.criteria, values)]
    award = t.Award(method="award_on_value", scale=scale, price_sheet=True, tie_break=tie_break)
    return tender.model_copy(update={"criteria": criteria, "award": award})


def kvk_of(name: str) -> str:
    """A stable 8-digit KvK number per test bidder name."""
    return f"{sum(map(ord, name)) * 7919 % 90_000_000 + 10_000_000}"


def bid(name: str, price: float | None = 100_000.0, *, knockout: bool = False, kpi: float = 99.5,
        answers: dict[str, str] | None = None, findings: list[FormFinding] | None = None,
        kvk: str | None = "auto") -> Submission:
    """A clean submission for make_tender's requirements, KPIs and criteria."""
    answers = answers or {}
    rows = [Answer(id=f"REQ-0{i}", kind="requirement", answer_type="confirm", value=True, raw="Ja",
                   cell=f"Eisen!E{4 + i}") for i in (1, 2, 3)]
    if knockout:
        rows[0] = rows[0].model_copy(update={"value": False, "raw": "Nee"})
        findings = [*(findings or []), FormFinding(
            severity="error", code="knockout", cell="Eisen!E5", item="REQ-01",
            message="REQ-01 is met 'Nee' beantwoord: niet voldaan aan een knock-outeis.",
            message_en="REQ-01 was answered 'Nee': a knock-out requirement is not met.")]
    rows.append(Answer(id="REQ-90", kind="requirement", answer_type="number", value=8.0, raw="8",
                       cell="Eisen!E10"))
    for i, cid in enumerate(("AWD-01", "AWD-02"), start=6):
        text = answers.get(cid, f"Aanpak van {name} voor {cid}.")
        rows.append(Answer(id=cid, kind="award_criterion", answer_type="text", value=text, raw=text,
                           cell=f"Gunningscriteria!E{i}",
                           attachment=f"{cid}.pdf" if cid == "AWD-01" else None))
    offers = [KpiOffer(id=f"KPI-0{i}", value=kpi, raw=str(kpi).replace(".", ","), unit="percent",
                       direction="higher_is_better", minimum=99.0, target=99.8, cell=f"KPI-aanbod!H{5 + i}")
              for i in (1, 2)]
    return Submission(
        tender_reference="TEST-2027-001", revision=1, form_version="1", language="nl",
        bidder=Bidder(name=name, kvk=kvk_of(name) if kvk == "auto" else kvk, date=dt.date(2027, 2, 20)),
        answers=rows, kpi_offers=offers,
        responsibilities=[Responsibility(activity="RACI-02", party="contractor", letters="RA",
                                         cell="Verantwoordelijkheden!F7")],
        price_eur=price, findings=findings or [],
        source=Source(filename=f"{name}.xlsx", sha256=f"{sum(map(ord, name)):064x}", size=1000),
    )


def key(sub: Submission) -> str:
    """The bidder key of ``sub`` (KvK based for every bid built here)."""
    return f"kvk:{sub.bidder.kvk}" if sub.bidder.kvk else f"name:{' '.join(sub.bidder.name.lower().split())}"


def scores(tender: t.Tender, *given: tuple[Submission, tuple[int | float | None, ...]],
           evaluators: int = 3) -> Scores:
    """Scores with the consensus score per criterion (in tender order) for each bid; every evaluator
    gave the consensus score, and every score has a motivation."""
    entries = []
    for sub, values in given:
        for criterion, value in zip(tender.criteria, values):
            entries.append(ScoreEntry(bidder=key(sub), criterion=criterion.id,
                                      evaluator_scores=[value] * evaluators, consensus=value,
                                      motivation=f"Motivering {criterion.id}", cell=None))
    return Scores(tender_reference=tender.reference, revision=tender.revision, evaluators=evaluators,
                  entries=entries)


def complete_bid(tender: t.Tender, name: str, price: float) -> Submission:
    """A clean submission for any ``tender``: every requirement met, every KPI offered at its target."""
    answers = []
    for n, req in enumerate(tender.requirements, start=5):
        kind = req.answer.type if req.answer else "confirm"
        if kind == "raci":
            continue
        value = {"confirm": True, "text": "Wij voldoen.", "date": dt.date(2027, 6, 1)}.get(kind)
        if kind == "number":
            value = float(req.answer.min if req.answer.min is not None else 1)
        elif kind == "choice":
            value = next(iter(req.answer.options))
        answers.append(Answer(id=req.id, kind="requirement", answer_type=kind, value=value, raw=str(value),
                              cell=f"Eisen!E{n}"))
    for n, criterion in enumerate(tender.criteria, start=5):
        answers.append(Answer(id=criterion.id, kind="award_criterion", answer_type="text",
                              value=f"{name} over {criterion.id}", raw=f"{name} over {criterion.id}",
                              cell=f"Gunningscriteria!E{n}"))
    offers = [KpiOffer(id=k.id, value=k.target, raw=str(k.target), unit=k.unit, direction=k.direction,
                       minimum=k.minimum, target=k.target, cell=f"KPI-aanbod!H{n}")
              for n, k in enumerate(tender.kpis, start=5)]
    return Submission(
        tender_reference=tender.reference, revision=tender.revision, form_version="1",
        language=tender.language,
        bidder=Bidder(name=name, kvk=kvk_of(name)), answers=answers, kpi_offers=offers, responsibilities=[],
        price_eur=price, findings=[],
        source=Source(filename=f"{name}.xlsx", sha256=f"{sum(map(ord, name)):064x}", size=1000),
    )


SAMPLES = ("gemeente-it-beheer", "bouwteam-n-weg", "facilitair-raamovereenkomst")
ROOT = Path(__file__).resolve().parents[2]


@lru_cache(maxsize=1)
def _library():
    return load_library()


@lru_cache(maxsize=8)
def sample_tender_and_bids(sample: str, lang: str = "nl") -> tuple[t.Tender, tuple[Submission, ...]]:
    """The sample tender in ``lang`` and its sample bids, filled into its form and read back."""
    library = _library()
    tender = assemble(library, load_spec(ROOT / "samples" / f"{sample}.yaml", library), lang)
    blank = write_form(tender, built=BUILT)
    paths = sorted((ROOT / "samples" / "bids" / sample).glob("*.yaml"))
    subs = tuple(read_form(fill_form(blank, load_answers(path)).data, tender=tender,
                           filename=path.name) for path in paths)
    return tender, subs


def sample_scores(tender: t.Tender, matrix: ComplianceMatrix, motivation: str | None = None,
                  decision: str = "not_material") -> Scores:
    """Committee scores for the admitted sample bids: the first admitted bid (alphabetically) gets the top
    score, the others the middle of the scale, one evaluator a step lower; each motivation quotes the
    scale step's descriptor unless ``motivation`` is given. Every possible reservation of an admitted bid
    is given ``decision``, with a motivation naming it."""
    admitted = [row for row in matrix.rows if row.admitted]
    entries = []
    for n, row in enumerate(admitted):
        for criterion in tender.criteria:
            index = len(criterion.scale) - 1 if n == 0 else len(criterion.scale) // 2
            step = criterion.scale[index]
            lower = criterion.scale[max(index - 1, 0)].score
            text = motivation or f"{criterion.title}: {step.descriptor}"
            entries.append(ScoreEntry(bidder=row.bidder, criterion=criterion.id, consensus=step.score,
                                      evaluator_scores=[step.score, step.score, lower], motivation=text))
    decisions = [ReservationDecision(bidder=row.bidder, item=item, decision=decision,
                                     motivation=f"Voorbehoud bij {item}: {decision}.")
                 for row in admitted for item in found(row)]
    return Scores(tender_reference=tender.reference, revision=tender.revision, evaluators=3, entries=entries,
                  decisions=decisions)
