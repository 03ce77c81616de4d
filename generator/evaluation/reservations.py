"""Possible reservations (voorbehouden) in the bids and the committee's decisions on them.

The form parser flags phrases such as "mits", "onder voorbehoud" or "subject to" as a warning
(code ``reservation``): it cannot tell whether a condition is material. A bid under a material
reservation is invalid; so the committee decides each one, with reasons, and until it has, the bid is
under review ("in beoordeling"): no ranking and no award letter is made. A bid whose reservation is
decided material is set aside with the decision as its reason; one decided not material stands.

A reservation is identified by its bidder and the item its finding is tied to (the finding's cell when
it has none); several findings at one item (the answer and its remark) take one decision.
"""

from __future__ import annotations

from ..errors import Finding, Location
from ..models.evaluation import ComplianceMatrix, ComplianceRow, Reservation, ReservationDecision
from ..models.submission import FormFinding

CODE = "reservation"
"""The form parser's finding code of a possible reservation."""
MATERIAL = "reservation_material"
"""The code of the reason a bid is set aside for a reservation decided material."""


def reservation_key(finding: FormFinding) -> str:
    """The item a reservation finding is decided under: its item ID, else its form cell."""
    return finding.item or finding.cell or "?"


def found(row: ComplianceRow) -> dict[str, list[FormFinding]]:
    """The possible reservations of one bid: findings per item, in the matrix's column order, then the
    findings tied to no column."""
    out: dict[str, list[FormFinding]] = {}
    for finding in [n for cell in row.cells for n in cell.notes] + list(row.notes):
        if finding.code == CODE:
            out.setdefault(reservation_key(finding), []).append(finding)
    return out


def check_decisions(matrix: ComplianceMatrix, decisions: list[ReservationDecision],
                    source: str | None, line: int | None = None) -> list[Finding]:
    """Every problem of ``decisions``: one located finding each (``file:line`` or ``Sheet!A1``).

    A decision for a bidder or item with no reservation finding, a second decision on one reservation,
    a decision without motivation, and (located at the bidder's form cell) every reservation of a bid
    not set aside for other reasons that has no decision: such a bid is under review, and nothing may be
    ranked until it is decided. An undecided reservation is located at its decision's empty cell, else at
    ``source`` and ``line`` (where a scores file lists its decisions); its message names the form cell.
    """
    rows = {row.bidder: row for row in matrix.rows}
    findings: list[Finding] = []
    decided: set[tuple[str, str]] = set()
    places: dict[tuple[str, str], Location] = {}
    for decision in decisions:
        where = Location(path=source, line=decision.line, cell=decision.cell, item=decision.item)
        places.setdefault((decision.bidder, decision.item), where)
        row = rows.get(decision.bidder)
        who = row.name if row else decision.bidder
        if row is None or decision.item not in found(row):
            findings.append(Finding(where, f"{who}: a decision on a reservation at {decision.item}, but the bid "
                                           "has no possible reservation there"))
            continue
        if (decision.bidder, decision.item) in decided:
            findings.append(Finding(where, f"{who}: the reservation at {decision.item} is decided twice"))
            continue
        if decision.decision is None:
            continue  # left open: reported below as undecided
        decided.add((decision.bidder, decision.item))
        if not (decision.motivation or "").strip():
            findings.append(Finding(where, f"{who}: the decision on the reservation at {decision.item} has no "
                                           "motivation (the committee must give its reasons)"))
    for row in matrix.rows:
        if not row.admitted:
            continue  # set aside already: a decision is not needed
        for item, notes in found(row).items():
            if (row.bidder, item) not in decided:
                # Where the decision is to be given (its empty cell in a workbook), else the form cell.
                where = places.get((row.bidder, item), Location(path=source, line=line, item=item))
                cell = f" ({notes[0].cell} of the bid form)" if notes[0].cell else ""
                findings.append(Finding(where, (
                    f"{row.name}: the possible reservation at {item}{cell} is not decided; "
                    "the bid is under review ('in beoordeling') and no ranking or award letter is made until "
                    "the committee decides whether the reservation is material, with its motivation")))
    return findings


def apply_decisions(matrix: ComplianceMatrix,
                    decisions: list[ReservationDecision]) -> tuple[ComplianceMatrix, list[Reservation]]:
    """``matrix`` with every bid whose reservation is decided material set aside (the decision is added
    to the row's ``other`` reasons), and the decided reservations in matrix order. Decisions must have
    passed :func:`check_decisions`."""
    by_key = {(d.bidder, d.item): d for d in decisions if d.decision is not None}
    rows, reservations = [], []
    for row in matrix.rows:
        material = []
        for item, notes in found(row).items():
            decision = by_key.get((row.bidder, item))
            if decision is None or decision.decision is None:
                continue
            motivation = (decision.motivation or "").strip()
            reservations.append(Reservation(bidder=row.bidder, name=row.name, item=item, findings=notes,
                                            decision=decision.decision, motivation=motivation))
            if decision.decision == "material":
                material.append(FormFinding(
                    severity="error", code=MATERIAL, cell=notes[0].cell, item=item,
                    message=(f"{item}: de beoordelingscommissie acht het voorbehoud wezenlijk; de inschrijving "
                             f"is daarom ongeldig en terzijde gelegd. Motivering: {motivation}"),
                    message_en=(f"{item}: the evaluation committee finds the reservation material; the bid is "
                                f"therefore invalid and was set aside. Reasons: {motivation}")))
        if material:
            row = row.model_copy(update={"other": [*row.other, *material], "admitted": False})
        rows.append(row)
    return matrix.model_copy(update={"rows": rows}), reservations
