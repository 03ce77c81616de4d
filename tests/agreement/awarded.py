"""The awarded IT sample for the after-award tests: tender, the strongest bid as a Submission, measurements.

The form parser is not needed to get a :class:`Submission`: the bidder's answer set is turned into one
directly, with form-like cells, so these tests depend only on the sample files.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from functools import lru_cache
from pathlib import Path

from generator.assemble import assemble
from generator.library import load_library
from generator.models.submission import (
    Answer, AnswerEntry, AnswerSet, KpiEntry, KpiOffer, Promise, Responsibility, Source, Submission,
)
from generator.models.tender import Tender
from generator.spec import load_spec
from generator.yamlfile import load_yaml

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "samples" / "gemeente-it-beheer.yaml"
BID = ROOT / "samples" / "bids" / "gemeente-it-beheer" / "hazeveld-ict-services.yaml"
MEASUREMENTS = ROOT / "samples" / "measurements" / "gemeente-it-beheer.yaml"
BUILT = dt.datetime(2027, 5, 20, 9, 0)


@lru_cache(maxsize=2)
def tender(lang: str = "nl") -> Tender:
    """The IT sample tender in ``lang``."""
    library = load_library()
    return assemble(library, load_spec(SPEC, library), lang)


def submission(t: Tender, path: Path = BID) -> Submission:
    """The answer set at ``path`` as the form parser would return it for tender ``t``."""
    answers_set = AnswerSet.model_validate(load_yaml(path).data, strict=False)
    answers = []
    for row, item in enumerate(t.requirements + t.criteria, start=5):
        entry = answers_set.answers.get(item.id)
        value = entry.answer if isinstance(entry, AnswerEntry) else entry
        value = {"Ja": True, "Yes": True, "Nee": False, "No": False}.get(value, value) if isinstance(value, str) \
            else float(value) if isinstance(value, int) and not isinstance(value, bool) else value
        extra = entry if isinstance(entry, AnswerEntry) else AnswerEntry()
        answers.append(Answer(id=item.id, kind="requirement" if item in t.requirements else "award_criterion",
                              answer_type=item.answer.type, value=value, raw=None if value is None else str(value),
                              cell=f"Eisen!E{row}", remark=extra.remark, attachment=extra.attachment))
    offers = []
    for row, kpi in enumerate(t.kpis, start=6):
        entry = answers_set.kpis.get(kpi.id)
        value = entry.value if isinstance(entry, KpiEntry) else entry
        # A fixed level is accepted (the sample bids answer Ja), not offered: no value.
        offers.append(KpiOffer(id=kpi.id, value=None if value is None or not kpi.offer_allowed else float(value),
                               accepted=None if kpi.offer_allowed else True, unit=kpi.unit, direction=kpi.direction,
                               minimum=kpi.minimum, target=kpi.target, cell=f"KPI-aanbod!H{row}",
                               remark=entry.remark if isinstance(entry, KpiEntry) else None))
    roles = []
    for row, activity in enumerate(t.activities, start=6):
        for party, letters in answers_set.responsibilities.get(activity.id, activity.roles).items():
            if letters:
                roles.append(Responsibility(activity=activity.id, party=party, letters=letters,
                                            cell=f"Verantwoordelijkheden!E{row}"))
    promises = [Promise(id=term.id, value=answers_set.promises.get(term.id), cell=f"Toezeggingen!F{row}")
                for row, term in enumerate(t.improvable, start=5)]
    raw = path.read_bytes()
    return Submission(tender_reference=t.reference, revision=t.revision, form_version="1", language=t.language,
                      bidder=answers_set.bidder, answers=answers, kpi_offers=offers, responsibilities=roles,
                      promises=promises,
                      price_eur=float(answers_set.price_eur), findings=[],
                      source=Source(filename=path.stem + ".xlsx", sha256=hashlib.sha256(raw).hexdigest(),
                                    size=len(raw)))
