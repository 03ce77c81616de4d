"""What a bid commits the bidder to, one entry per commitment, and its status during the contract.

:func:`generator.agreement.commitments.bid_commitments` derives the :class:`Commitment` list from a
tender and a submission; the agreement annex, the commitments register, the monitoring workbook and
the progress report all read that one list, so a commitment has the same ID everywhere. What a
contract manager records about a commitment per quarter is a
:class:`~generator.monitoring.models.CommitmentCheck`.
"""

from __future__ import annotations

from typing import Literal

from .base import Model
from .clause import Unit

CommitmentKind = Literal["requirement", "criterion", "remark", "attachment", "kpi", "raci", "promise"]
COMMITMENT_KINDS: tuple[CommitmentKind, ...] = (
    "criterion", "requirement", "promise", "kpi", "raci", "remark", "attachment",
)
"""Every kind, in the order the annex and the register list them."""

TRACKED_KINDS: frozenset[str] = frozenset({"criterion", "requirement", "promise", "raci", "remark"})
"""The kinds whose fulfilment the monitoring workbook records per period. A KPI offer is measured on
the measurements sheet instead, and an attachment is a document the criterion answer refers to."""

CommitmentStatus = Literal["fulfilled", "partly", "not_fulfilled", "not_applicable"]
COMMITMENT_STATUSES: tuple[CommitmentStatus, ...] = ("fulfilled", "partly", "not_fulfilled", "not_applicable")
"""The statuses a contract manager records: nagekomen, deels nagekomen, niet nagekomen, nog niet van
toepassing."""


class Commitment(Model):
    """One commitment of a bid, traceable to its clause (or activity) and the form cell it was read from.

    ``id`` is stable, built from what the commitment is about and its kind, never from a position:
    ``GOV-07.criterion`` (the answer to award criterion GOV-07), ``GOV-08.requirement``,
    ``GOV-08.remark``, ``GOV-07.attachment``, ``PRF-02.kpi``, ``RACI-16.raci``; a promise carries the
    improvable term's ID (``GOV-01.operational``, ``GOV-01.minutes_days``). ``text`` is the
    commitment as the bid states it, in the tender's language (an award-criterion answer quoted in
    full). ``value`` is its structured value where it has one (a number, a frequency code, RACI
    letters, Ja/Nee as a bool), ``tender_value`` what the tender asked or proposed in its place (a
    KPI's minimum), ``target`` a KPI's target. ``differs`` says whether the bid departs from the
    tender (a promise better than the tender, RACI letters other than proposed); ``meets_minimum``
    and ``meets_target`` compare a KPI offer with the tender's levels.
    """

    id: str
    kind: CommitmentKind
    source_id: str
    title: str
    text: str
    value: float | str | bool | None = None
    unit: Unit | None = None
    tender_value: float | str | None = None
    target: float | None = None
    differs: bool | None = None
    meets_minimum: bool | None = None
    meets_target: bool | None = None
    cell: str | None = None

    @property
    def tracked(self) -> bool:
        """Whether the monitoring workbook records the status of this commitment per period."""
        return self.kind in TRACKED_KINDS

