"""A generated clause library and tender spec of any size, for benchmarks.

The text is realistic in length (a few sentences per clause) but mechanical; it is never shipped.
"""

from __future__ import annotations

from pathlib import Path

import yaml

SENTENCE = (
    "Opdrachtnemer draagt er zorg voor dat de werkzaamheden volgens de overeengekomen planning worden "
    "uitgevoerd en rapporteert over de voortgang in het contractoverleg."
)
SENTENCE_EN = (
    "The Contractor ensures that the work is carried out according to the agreed planning and reports on "
    "progress in the contract meeting."
)


def _text(i: int, extra: str = "") -> dict[str, str]:
    return {"nl": f"{SENTENCE} {SENTENCE} Bepaling {i}.{extra}", "en": f"{SENTENCE_EN} {SENTENCE_EN} Clause {i}.{extra}"}


def write_generated(folder: Path, clauses: int) -> Path:
    """Write a library of ``clauses`` clauses (25% requirements, 10% criteria, 25% KPIs, rest contract
    clauses) plus ``clauses // 10`` RACI activities, and a spec that picks everything; return the spec path.
    """
    lib = folder / "library"
    lib.mkdir(parents=True, exist_ok=True)
    (lib / "_library.yaml").write_text('name: generated\nversion: "1.0.0"\n', encoding="utf-8")
    entries, criteria, choices = [], [], []
    for i in range(1, clauses + 1):
        cid = f"GEN-{i:03d}" if i < 1000 else f"GEX-{i - 999:03d}"
        kind = ("requirement", "award_criterion", "kpi", "kpi", "contract_clause", "requirement", "contract_clause",
                "kpi", "requirement", "contract_clause")[i % 10]
        entry = {"id": cid, "version": "1.0", "kind": kind, "principles": [1, 2], "title": {"nl": f"Bepaling {i}", "en": f"Clause {i}"},
                 "text": _text(i, " Termijn: {{ days }} werkdagen." if kind == "contract_clause" else ""),
                 "obligation": "result", "source": "benchmark"}
        if kind == "contract_clause":
            entry["text"]["en"] = entry["text"]["en"].replace("Termijn", "Term").replace("werkdagen", "working days")
            entry["parameters"] = [{"name": "days", "type": "integer", "label": {"nl": "Dagen", "en": "Days"},
                                    "unit": "working_days", "default": 5, "min": 1, "max": 30}]
        if kind == "requirement":
            entry["answer"] = {"type": "confirm"}
        if kind == "award_criterion":
            entry["answer"] = {"type": "text", "max_length": 4000}
            criteria.append(cid)
        if kind == "kpi":
            entry["kpi"] = {
                "definition": _text(i), "unit": "percent", "direction": "higher_is_better", "minimum": 90, "target": 98,
                "calculation": {"nl": "a / b x 100%", "en": "a / b x 100%"}, "frequency": "monthly",
                "data_source": {"nl": "Register", "en": "Register"}, "measured_by": "joint",
                "forum": {"nl": "Contractoverleg", "en": "Contract meeting"},
                "consequence": {"type": "malus", "malus_percent": 1, "cap_percent": 5,
                                "text": {"nl": "1% per periode", "en": "1% per period"}},
                "offer_allowed": True,
                "norm": "offered",
            }
        entries.append(entry)
        if kind != "award_criterion":
            choices.append({"id": cid})
    activities = [{"id": f"RACI-{j:02d}" if j < 100 else f"RACJ-{j - 99:02d}", "version": "1.0",
                   "title": {"nl": f"Activiteit {j}", "en": f"Activity {j}"}, "principles": [1], "fixed": j % 2 == 0,
                   "roles": {"client": "A", "contractor": "R", "joint": "C", "third_party": "I"}}
                  for j in range(1, max(2, clauses // 10) + 1)]
    (lib / "governance.yaml").write_text(
        yaml.safe_dump({"category": "governance", "clauses": entries, "activities": activities}, allow_unicode=True,
                       sort_keys=False), encoding="utf-8")
    weight = 60 / len(criteria)
    steps = [{"score": s, "descriptor": {"nl": f"Score {s}", "en": f"Score {s}"}} for s in (0, 2, 4, 6, 8, 10)]
    spec = {
        "reference": f"BENCH-{clauses}", "title": {"nl": "Benchmark", "en": "Benchmark"},
        "summary": {"nl": "Gegenereerde aanbesteding.", "en": "Generated tender."},
        "authority": {"name": "Gemeente Benchmark", "address": "Markt 1, 1234 AB Benchmark",
                      "contact": {"name": "A. Inkoper", "email": "inkoop@benchmark.nl"}},
        "procedure": "open", "cpv": "72250000-2", "contract_type": "services",
        "dates": {"publication": "2027-01-11", "questions_deadline": "2027-02-01",
                  "submission_deadline": "2027-03-01 12:00", "award_decision": "2027-03-22",
                  "contract_start": "2027-05-01", "contract_end": "2030-04-30"},
        "revisions": [{"revision": 1, "date": "2027-01-11", "description": {"nl": "Publicatie", "en": "Publication"}}],
        "clauses": choices, "activities": [{"id": a["id"]} for a in activities],
        "award": {"method": "weighted_score", "scale": {"steps": steps},
                  "criteria": [{"id": c, "weight": weight} for c in criteria[:-1]]
                  + [{"id": criteria[-1], "weight": 60 - weight * (len(criteria) - 1)}],
                  "price_weight": 40, "price_scoring": {"rule": "lowest_relative"}},
    }
    path = folder / "spec.yaml"
    path.write_text(yaml.safe_dump(spec, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
