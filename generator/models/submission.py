"""A bid as read from a returned bid-response form: answers, commitments, KPI offers and findings.

The form parser produces a :class:`Submission`; the store saves it; evaluation and the agreement annex
read it. Every answer keeps the cell it came from and the text exactly as the bidder typed it, so a
committee can always trace a value back to the form.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from .base import Language, Model
from .clause import Party, Unit

Severity = Literal["error", "warning"]

KNOCKOUT_CODES = frozenset({
    "knockout", "knockout_unanswered", "knockout_below_minimum", "knockout_above_maximum", "kpi_below_minimum",
})
"""The finding codes by which a bid fails a knock-out requirement."""


class FormFinding(Model):
    """One problem found in a returned form, located by sheet cell and item ID.

    ``code`` is a stable machine-readable key (``knockout``, ``kpi_below_minimum``, ``text_altered``,
    ...); ``message`` is in the tender's language and ``message_en`` in English.
    """

    severity: Severity
    code: str
    cell: str | None = None
    item: str | None = None
    message: str
    message_en: str


class Bidder(Model):
    """The tenderer's details from the form's bidder sheet; empty fields are ``None``.

    Each field is the bidder sheet row with ID ``bidder.<field>``. A value the parser could not
    accept (a KvK number of 7 digits, an email without ``@``) is kept as typed, with a finding.
    """

    name: str | None = None
    kvk: str | None = None
    address: str | None = None
    contact: str | None = None
    email: str | None = None
    phone: str | None = None
    signatory: str | None = None
    signatory_role: str | None = None
    place: str | None = None
    date: dt.date | None = None


class Answer(Model):
    """The answer to one requirement or award criterion.

    ``value`` is the normalised answer: ``True``/``False`` for Ja/Nee, a number, a date, a choice key or
    text; ``None`` when unanswered. ``raw`` is the cell content as found.
    """

    id: str
    kind: Literal["requirement", "award_criterion"]
    answer_type: Literal["confirm", "choice", "number", "text", "date", "raci"]
    value: bool | float | dt.date | str | None = None
    raw: str | None = None
    cell: str
    remark: str | None = None
    attachment: str | None = None


class KpiOffer(Model):
    """The value a bidder offers for one KPI, with the tender's levels it was checked against.

    For a KPI whose level is fixed (no offer allowed) the bidder accepts minimum and target instead:
    ``accepted`` is ``True`` (Ja) or ``False`` (Nee), and ``value`` stays ``None``. For an offer,
    ``accepted`` is ``None``.
    """

    id: str
    value: float | None = None
    accepted: bool | None = None
    raw: str | None = None
    unit: Unit
    direction: Literal["higher_is_better", "lower_is_better"]
    minimum: float
    target: float
    cell: str
    remark: str | None = None


class Promise(Model):
    """A better value the bidder promises for an improvable term of the tender (see ``Tender.improvable``).

    ``id`` is the term's ID (``GOV-01.minutes_days``, ``GOV-01.operational``); ``value`` the promised
    number or frequency code, ``None`` when the row was left blank (the tender's value stands) or could
    not be read (``raw`` keeps it as typed, with a finding).
    """

    id: str
    value: float | str | None = None
    raw: str | None = None
    cell: str


class Responsibility(Model):
    """The RACI letters a bidder commits to for one activity and party ("" = not involved)."""

    activity: str
    party: Party
    letters: str
    cell: str


class Source(Model):
    """The returned file a submission was read from."""

    filename: str
    sha256: str
    size: int


class Submission(Model):
    """Everything read from one returned bid form.

    ``answers`` lists every requirement and award criterion of the form in form order, answered or
    not; ``responsibilities`` the non-empty RACI letters per activity and party; ``activity_remarks``
    the bidder's remark per RACI activity, where given; ``promises`` every improvable term of the
    form, promised or left blank.
    """

    tender_reference: str
    revision: int
    form_version: str
    language: Language
    bidder: Bidder
    answers: list[Answer]
    kpi_offers: list[KpiOffer]
    responsibilities: list[Responsibility]
    activity_remarks: dict[str, str] = {}
    promises: list[Promise] = []
    price_eur: float | None = None
    findings: list[FormFinding]
    source: Source

    @property
    def valid(self) -> bool:
        """Whether the form has no error findings (warnings allowed)."""
        return not any(f.severity == "error" for f in self.findings)

    @property
    def knocked_out(self) -> bool:
        """Whether a knock-out requirement is not met: answered Nee or left blank, a KPI below its minimum."""
        return any(f.code in KNOCKOUT_CODES for f in self.findings)


AnswerValue = bool | int | float | dt.date | str


class AnswerEntry(Model):
    """An answer with a remark or attachment reference; a bare value is enough when there is neither."""

    answer: AnswerValue | None = None
    remark: str | None = None
    attachment: str | None = None


class KpiEntry(Model):
    """A KPI offer with a remark; a bare number is enough when there is no remark.

    For a KPI whose level is fixed, ``value`` is the acceptance: ``"Ja"``/``"Nee"`` or ``true``/``false``.
    """

    value: int | float | bool | str
    remark: str | None = None


class AnswerSet(Model):
    """A bidder's standard answers, keyed by ID, for ``tenderpack fill`` (the ANSWERS.yaml file).

    ``answers`` covers requirements and award criteria: ``"Ja"``/``"Nee"`` (or ``"Yes"``/``"No"``) for
    confirmations, a number, a date, a choice key or a text. ``kpis`` gives the offered value per KPI
    ID (or, for a KPI with a fixed level, its acceptance: Ja/Nee), ``responsibilities`` the RACI
    letters per activity and party (parties left out keep the form's proposal; ``""`` clears one),
    ``promises`` a better value per improvable term (``GOV-01.minutes_days: 3``,
    ``GOV-01.operational: weekly``), ``price_eur`` the total price. ``tender``, when given, must match the form's reference.
    """

    tender: str | None = None
    bidder: Bidder
    answers: dict[str, AnswerValue | AnswerEntry] = {}
    kpis: dict[str, int | float | bool | str | KpiEntry] = {}
    responsibilities: dict[str, dict[Party, str]] = {}
    promises: dict[str, int | float | str] = {}
    price_eur: int | float | None = None
