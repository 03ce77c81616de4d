"""The database records of a submission, built without the database.

A batch import builds them where each form is read (in a reading process), so that the process
holding the database only writes them; :class:`~generator.store.Store` writes them in one transaction.
This module imports no database library, so reading processes start without one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from .identity import CLAIM_CODE, name_key, registration
from .models.submission import Submission

CLAIMED_MARK = "@"
"""What separates a bidder key from the file digest that tells two bids claiming one bidder apart."""


def bidder_key(submission: Submission) -> str:
    """Who a submission is from in the evaluation, score files and exports.

    ``kvk:`` with the 8 digits of a valid KvK number, ``reg:`` with another country's registration
    (see :func:`generator.identity.registration`), else ``name:`` with the bidder name in lower case,
    spaces collapsed. When another current bid claims the same bidder (the store's
    ``bidder_claimed_twice`` finding), ``@`` and the first 12 hex digits of the file's SHA-256 follow,
    so the committee sees both bids side by side instead of one hiding the other.
    """
    bidder = submission.bidder
    found = registration(bidder.kvk)
    if found is None:
        key = "name:" + " ".join((bidder.name or "").lower().split())
    else:
        key = "kvk:" + found[3:] if found.startswith("NL:") else "reg:" + found
    if claimed(submission):
        key += CLAIMED_MARK + submission.source.sha256[:12]
    return key


def claimed(submission: Submission) -> bool:
    """Whether another current bid claims the same bidder as ``submission`` (the store's finding says so)."""
    return any(f.code == CLAIM_CODE for f in submission.findings)


@dataclass(frozen=True)
class SubmissionRecords:
    """The rows of one submission: ``submission`` row values and, per child table name (``answer``,
    ``kpi_offer``, ``responsibility``, ``finding``), its rows without the submission's ID."""

    reference: str
    sha256: str
    language: str
    submission: dict[str, object]
    children: dict[str, list[dict[str, object]]]


def submission_records(sub: Submission) -> SubmissionRecords:
    """The records of ``sub`` (``data`` holds its JSON); the store stamps ``imported_at`` on writing and
    decides ``bidder_key``, ``current`` and ``superseded_by`` against the bids already stored."""
    errors = sum(f.severity == "error" for f in sub.findings)
    fields: dict[str, object] = {
        "tender_reference": sub.tender_reference, "revision": sub.revision,
        "registration": registration(sub.bidder.kvk), "name_key": name_key(sub.bidder.name),
        "signed_on": sub.bidder.date, "bidder_name": sub.bidder.name, "kvk": sub.bidder.kvk,
        "filename": sub.source.filename, "file_sha256": sub.source.sha256, "size": sub.source.size,
        "valid": errors == 0, "knocked_out": sub.knocked_out, "errors": errors,
        "warnings": len(sub.findings) - errors, "price_eur": sub.price_eur, "data": sub.model_dump_json(),
    }
    answers = []
    for a in sub.answers:
        value = a.value
        answers.append({
            "item_id": a.id, "kind": a.kind, "answer_type": a.answer_type,
            "value_text": value if isinstance(value, str) else None,
            "value_number": (float(value) if isinstance(value, (int, float)) and not isinstance(value, bool)
                             else None),
            "value_bool": value if isinstance(value, bool) else None,
            "value_date": value if isinstance(value, dt.date) else None,
            "raw": a.raw, "cell": a.cell, "remark": a.remark, "attachment": a.attachment})
    offers = [{"kpi_id": k.id, "value": k.value, "raw": k.raw, "unit": k.unit, "direction": k.direction,
               "minimum": k.minimum, "target": k.target, "cell": k.cell, "remark": k.remark}
              for k in sub.kpi_offers]
    roles = [{"activity_id": r.activity, "party": r.party, "letters": r.letters, "cell": r.cell}
             for r in sub.responsibilities]
    findings = [{"severity": f.severity, "code": f.code, "cell": f.cell, "item": f.item, "message": f.message,
                 "message_en": f.message_en} for f in sub.findings]
    children = {"answer": answers, "kpi_offer": offers, "responsibility": roles, "finding": findings}
    return SubmissionRecords(sub.tender_reference, sub.source.sha256, sub.language, fields, children)


def now() -> dt.datetime:
    """The current UTC time as a naive datetime in whole seconds, as the store keeps its times."""
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)
