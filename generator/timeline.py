"""The date each document carries, taken from the tender's timeline and never from the clock.

The spec's ``dates`` and ``revisions`` are the procedure's timeline: publication, Nota van Inlichtingen
(a new revision), closing, award decision, end of the standstill period, contract start and end. Every
document is dated by the step of the procedure it belongs to:

- the tender document and the draft annex: the date of the current revision (the publication for
  revision 1, the Nota van Inlichtingen for a later one);
- the comparison report: the award decision it underpins (or the evaluation date asked for, which must
  fall after the submission deadline);
- the agreement: the end of the standstill period, the first day the contract may be concluded (or a
  later date asked for; an earlier one is refused);
- the progress report: the end of the reported period (or the date asked for).

The build time (``--date`` or ``SOURCE_DATE_EPOCH``) still stamps file metadata and manifests; it never
reaches the text. A date the timeline lacks is a :class:`~generator.errors.ValidationFailed` naming the
spec field.
"""

from __future__ import annotations

import datetime as dt

from .errors import Finding, Location, ValidationFailed
from .models.tender import Tender


def tender_date(tender: Tender) -> dt.date:
    """The date of the tender documents: the date of the current revision in the change log."""
    return next(r.date for r in reversed(tender.revisions) if r.revision == tender.revision)


def award_decision(tender: Tender) -> dt.date:
    """The planned date of the award decision; :class:`ValidationFailed` naming ``dates.award_decision``
    when the spec has none.
    """
    if tender.dates.award_decision is None:
        raise _no_award_decision(tender)
    return tender.dates.award_decision


def evaluation_date(tender: Tender, requested: dt.date | None = None) -> dt.date:
    """The date of the comparison report: ``requested`` if given, else the award decision it underpins.

    Raises :class:`ValidationFailed` when the award decision date is missing (and nothing was asked)
    or ``requested`` is not after the submission deadline (the bids were not open yet).
    """
    if requested is None:
        return award_decision(tender)
    deadline = tender.dates.submission_deadline.date()
    if requested <= deadline:
        raise _refused(tender, "submission_deadline", f"the evaluation cannot be dated {requested}: the bids "
                                                      f"were opened after the submission deadline {deadline}")
    return requested


def agreement_date(tender: Tender, requested: dt.date | None = None) -> dt.date:
    """The date of the agreement: ``requested`` if given, else the end of the standstill period.

    Raises :class:`ValidationFailed` naming ``dates.award_decision`` when the spec has no award
    decision date, and when ``requested`` falls before the standstill period ends.
    """
    end = tender.dates.standstill_end
    if end is None:
        raise _no_award_decision(tender)
    if requested is None:
        return end
    if requested < end:
        raise _refused(tender, "award_decision", f"the agreement cannot be dated {requested}: the standstill "
                                                 f"period ({tender.dates.standstill_days} days after the award "
                                                 f"decision of {tender.dates.award_decision}) ends on {end}")
    return requested


def _no_award_decision(tender: Tender) -> ValidationFailed:
    return _refused(tender, "award_decision", "the tender spec has no dates.award_decision: it dates the comparison "
                                              "report, the end of the standstill period and the agreement")


def _refused(tender: Tender, name: str, message: str) -> ValidationFailed:
    where = Location(item=tender.reference, field=f"dates.{name}")
    return ValidationFailed(findings=[Finding(where, message)], what=f"tender {tender.reference}")
