"""A tiny clause library and tender spec written as YAML text, for tests of loading and checking."""

from __future__ import annotations

from pathlib import Path

META = 'name: mini\nversion: "1.0.0"\n'

GOVERNANCE = """\
category: governance
clauses:
  - id: GOV-01
    version: "1.0"
    kind: requirement
    principles: [1, 2]
    title: {nl: Overleg, en: Meetings}
    text:
      nl: Opdrachtnemer overlegt iedere {{ weeks }} weken met Opdrachtgever.
      en: The Contractor meets the Client every {{ weeks }} weeks.
    parameters:
      - name: weeks
        type: integer
        label: {nl: Aantal weken, en: Number of weeks}
        unit: weeks
        default: 2
        min: 1
        max: 8
    answer: {type: confirm}
    obligation: result
    source: practice
  - id: GOV-02
    version: "1.0"
    kind: award_criterion
    principles: [2]
    title: {nl: Plan van aanpak samenwerking, en: Collaboration approach}
    text: {nl: Beschrijf hoe u de samenwerking inricht., en: Describe how you organise the collaboration.}
    answer: {type: text, max_length: 2000}
    obligation: best_efforts
    source: practice
  - id: GOV-03
    version: "1.0"
    kind: kpi
    principles: [3]
    title: {nl: Tijdige rapportage, en: Timely reporting}
    text: {nl: Opdrachtnemer rapporteert tijdig., en: The Contractor reports on time.}
    obligation: result
    source: practice
    kpi:
      definition: {nl: Aandeel tijdige rapportages, en: Share of reports on time}
      unit: percent
      direction: higher_is_better
      minimum: 90
      target: 98
      calculation: {nl: tijdig / totaal x 100%, en: on time / total x 100%}
      frequency: monthly
      data_source: {nl: Rapportageregister, en: Report register}
      measured_by: client
      forum: {nl: Contractoverleg, en: Contract meeting}
      offer_allowed: true
      norm: offered
activities:
  - id: RACI-01
    version: "1.0"
    title: {nl: Verslaglegging, en: Minutes}
    principles: [1]
    fixed: true
    roles: {client: A, contractor: R, joint: "", third_party: ""}
"""

SPEC = """\
reference: MINI-2027-01
title: {nl: Testopdracht, en: Test contract}
summary: {nl: Een kleine opdracht., en: A small contract.}
authority:
  name: Gemeente Testdorp
  address: Markt 1, 1234 AB Testdorp
  contact: {name: J. Jansen, email: inkoop@testdorp.nl}
procedure: open
cpv: 72250000-2
contract_type: services
dates:
  publication: 2027-01-11
  questions_deadline: 2027-02-01
  submission_deadline: 2027-03-01 12:00
  award_decision: 2027-03-22
  contract_start: 2027-05-01
  contract_end: 2030-04-30
revisions:
  - {revision: 1, date: 2027-01-11, description: {nl: Publicatie, en: Publication}}
clauses:
  - id: GOV-01
    parameters: {weeks: 4}
  - id: GOV-03
    target: 99
activities:
  - id: RACI-01
award:
  method: weighted_score
  scale:
    steps:
      - {score: 0, descriptor: {nl: Onvoldoende, en: Insufficient}}
      - {score: 5, descriptor: {nl: Voldoende, en: Sufficient}}
      - {score: 10, descriptor: {nl: Uitstekend, en: Excellent}}
  criteria:
    - {id: GOV-02, weight: 60}
  price_weight: 40
  price_scoring: {rule: lowest_relative}
"""


def write_library(folder: Path, governance: str = GOVERNANCE, **extra_files: str) -> Path:
    """Write the mini library (optionally with a changed governance file or extra files) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "_library.yaml").write_text(META, encoding="utf-8")
    (folder / "governance.yaml").write_text(governance, encoding="utf-8")
    for name, text in extra_files.items():
        (folder / f"{name}.yaml").write_text(text, encoding="utf-8")
    return folder


def write_spec(path: Path, text: str = SPEC) -> Path:
    """Write a spec text to ``path`` and return the path."""
    path.write_text(text, encoding="utf-8")
    return path
