"""Checking tender specs against a library: located findings for every rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.assemble import assemble
from generator.errors import InputError, ValidationFailed
from generator.library import load_library
from generator.spec import check_spec, load_spec
from minilib import GOVERNANCE, SPEC, write_library, write_spec

IT_SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "gemeente-it-beheer.yaml"


@pytest.fixture
def lib(tmp_path):
    return load_library(write_library(tmp_path / "lib"))


def errors(tmp_path, lib, text):
    spec, findings = check_spec(write_spec(tmp_path / "spec.yaml", text), lib)
    return [f for f in findings if f.severity == "error"]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_valid_spec_loads_and_assembles(tmp_path, lib):
    spec = load_spec(write_spec(tmp_path / "spec.yaml"), lib)
    assert spec.reference == "MINI-2027-01" and spec.revision == 1
    tender = assemble(lib, spec, "nl")
    assert tender.requirements[0].text == "Opdrachtnemer overlegt iedere 4 weken met Opdrachtgever."
    assert tender.kpis[0].target == 99 and tender.kpis[0].minimum == 90
    assert tender.criteria[0].weight == 60 and [s.score for s in tender.criteria[0].scale] == [0, 5, 10]
    english = assemble(lib, spec, "en")
    assert english.requirements[0].text == "The Contractor meets the Client every 4 weeks."
    assert english.award.scale[1].descriptor == "Sufficient"


def test_unknown_clause(tmp_path, lib):
    text = SPEC.replace("  - id: GOV-03\n", "  - id: GOV-99\n")
    (f,) = errors(tmp_path, lib, text)
    assert f.location.line == line_of(text, "id: GOV-99") and f.location.item == "GOV-99"
    assert "unknown clause GOV-99" in f.message


def test_parameter_wrong_type_and_out_of_bounds(tmp_path, lib):
    (f,) = errors(tmp_path, lib, SPEC.replace("{weeks: 4}", "{weeks: 12}"))
    assert "above the maximum 8" in f.message and f.location.item == "GOV-01"
    (f,) = errors(tmp_path, lib, SPEC.replace("{weeks: 4}", "{weeks: vier}"))
    assert "not a whole number" in f.message
    (f,) = errors(tmp_path, lib, SPEC.replace("{weeks: 4}", "{days: 4}"))
    assert "no parameter 'days'" in f.message


def test_weights_must_sum_to_100(tmp_path, lib):
    text = SPEC.replace("weight: 60", "weight: 50")
    (f,) = errors(tmp_path, lib, text)
    assert "add up to 90%" in f.message
    assert f.location.line == line_of(text, "criteria:")


def test_award_criterion_without_weight(tmp_path, lib):
    (f, *rest) = errors(tmp_path, lib, SPEC.replace("{id: GOV-02, weight: 60}", "{id: GOV-02}"))
    assert "GOV-02 has no weight" in f.message


def test_award_criterion_not_listed_under_award(tmp_path, lib):
    text = SPEC.replace("  - id: GOV-03\n", "  - id: GOV-03\n  - id: GOV-02\n")
    text = text.replace("    - {id: GOV-02, weight: 60}\n", "    - {id: GOV-01, weight: 60}\n")
    found = {f.message for f in errors(tmp_path, lib, text)}
    assert any("GOV-02 is an award criterion" in m for m in found)
    assert any("GOV-01 is a requirement, not an award criterion" in m for m in found)


def test_award_on_value_needs_shares_and_values(tmp_path, lib):
    text = SPEC.replace("method: weighted_score", "method: award_on_value").replace(
        "  price_weight: 40\n  price_scoring: {rule: lowest_relative}\n", "")
    found = [f.message for f in errors(tmp_path, lib, text)]
    assert any("no euro value" in m for m in found)
    assert any("needs a 'share'" in m for m in found)


def test_dates_out_of_order(tmp_path, lib):
    text = SPEC.replace("contract_end: 2030-04-30", "contract_end: 2027-04-30")
    (f,) = errors(tmp_path, lib, text)
    assert f.location.field == "dates.contract_end" and f.location.line == line_of(text, "contract_end:")
    (f,) = errors(tmp_path, lib, SPEC.replace("contract_start: 2027-05-01", "contract_start: 2027-03-30"))
    assert "standstill" in f.message


@pytest.mark.parametrize("prefix", ["ocds-tenderpack", "ocds-ABC123", "ocds-abc12", "ocds-abc123-", "ocid-abc123"])
def test_ocid_prefix_must_have_the_registered_form(tmp_path, lib, prefix):
    text = SPEC.replace("procedure: open\n", f"procedure: open\nocid_prefix: {prefix}\n")
    (f,) = errors(tmp_path, lib, text)
    assert f.location.line == line_of(text, "ocid_prefix:") and f.location.field == "ocid_prefix"
    assert f.message.startswith(f"{prefix!r} is not a registered OCID prefix: 'ocds-' and the six lowercase")


def test_a_registered_ocid_prefix_reaches_the_tender(tmp_path, lib):
    text = SPEC.replace("procedure: open\n", "procedure: open\nocid_prefix: ocds-a1b2c3\n")
    spec = load_spec(write_spec(tmp_path / "spec.yaml", text), lib)
    assert assemble(lib, spec, "en").ocid_prefix == "ocds-a1b2c3"
    assert assemble(lib, load_spec(write_spec(tmp_path / "plain.yaml"), lib), "nl").ocid_prefix is None


def test_a_missing_timeline_date_names_the_spec_field(tmp_path, lib):
    text = SPEC.replace("  award_decision: 2027-03-22\n", "")
    (f,) = errors(tmp_path, lib, text)
    assert f.location.field == "dates" and f.location.line == line_of(text, "dates:")
    assert f.message.startswith("dates.award_decision is missing: it dates the comparison report")
    text = SPEC.replace("  contract_start: 2027-05-01\n", "")
    spec, (f,) = check_spec(write_spec(tmp_path / "spec.yaml", text), lib)
    assert spec is None and f.location.field == "dates" and f.location.line == line_of(text, "dates:")
    assert f.message == "required field 'contract_start' is missing"


def test_kpi_override_weaker_than_floor_needs_reason(tmp_path, lib):
    text = SPEC.replace("    target: 99\n", "    minimum: 85\n")
    (f,) = errors(tmp_path, lib, text)
    assert f.location.item == "GOV-03" and f.location.line == line_of(text, "minimum: 85")
    assert "weaker than the library's floor 90" in f.message
    ok = SPEC.replace("    target: 99\n", "    minimum: 85\n    reason: {nl: Nieuwe dienst; eerste jaar ingroei., en: New service.}\n")
    assert errors(tmp_path, lib, ok) == []
    tender = assemble(lib, load_spec(tmp_path / "spec.yaml", lib))
    assert tender.kpis[0].minimum == 85 and tender.kpis[0].override_reason.startswith("Nieuwe dienst")


def test_kpi_target_worse_than_minimum(tmp_path, lib):
    (f,) = errors(tmp_path, lib, SPEC.replace("    target: 99\n", "    target: 80\n"))
    assert "target 80 is worse than minimum 90" in f.message


def test_norm_choice_overrides_the_library_and_binds(tmp_path, lib):
    text = SPEC.replace("    target: 99\n", "    target: 99\n    norm: target\n")
    assert errors(tmp_path, lib, text) == []
    kpi = assemble(lib, load_spec(tmp_path / "spec.yaml", lib)).kpis[0]
    assert kpi.norm == "target" and kpi.binding_norm(95.0) == 99  # the target binds whatever is offered
    default = assemble(lib, load_spec(write_spec(tmp_path / "default.yaml"), lib)).kpis[0]
    assert default.norm == "offered" and default.binding_norm(95.0) == 95  # the library's choice
    assert default.binding_norm(None) == 90  # before any offer: the least an offer binds, the minimum


def test_norm_offered_on_a_kpi_without_offers_is_located(tmp_path):
    fixed = load_library(write_library(tmp_path / "lib", GOVERNANCE.replace(
        "offer_allowed: true\n      norm: offered", "offer_allowed: false\n      norm: minimum")))
    text = SPEC.replace("    target: 99\n", "    target: 99\n    norm: offered\n")
    (f,) = errors(tmp_path, fixed, text)
    assert f.location.item == "GOV-03" and f.location.line == line_of(text, "norm: offered")
    assert "norm 'offered' needs a KPI that allows offers" in f.message
    assert errors(tmp_path, fixed, text.replace("norm: offered", "norm: target")) == []
    (f,) = errors(tmp_path, fixed, text.replace("  - id: GOV-01\n", "  - id: GOV-01\n    norm: minimum\n")
                  .replace("    norm: offered\n", ""))
    assert f.location.item == "GOV-01" and "not a KPI; 'norm' does not apply" in f.message


def test_model_errors_are_located(tmp_path, lib):
    text = SPEC.replace("cpv: 72250000-2", "cpv: 7225")
    spec, findings = check_spec(write_spec(tmp_path / "spec.yaml", text), lib)
    assert spec is None
    (f,) = findings
    assert f.location.line == line_of(text, "cpv:") and f.location.field == "cpv"


def test_load_spec_raises_with_all_findings(tmp_path, lib):
    text = SPEC.replace("weight: 60", "weight: 50").replace("{weeks: 4}", "{weeks: 12}")
    with pytest.raises(ValidationFailed) as caught:
        load_spec(write_spec(tmp_path / "spec.yaml", text), lib)
    assert len(caught.value.findings) == 2


def test_not_a_mapping_and_missing_file(tmp_path, lib):
    with pytest.raises(InputError, match="mapping"):
        check_spec(write_spec(tmp_path / "spec.yaml", "- a\n- b\n"), lib)
    with pytest.raises(InputError, match="file not found"):
        check_spec(tmp_path / "missing.yaml", lib)


def test_award_on_value_shares_must_rise_and_no_price_scoring(tmp_path, lib):
    text = SPEC.replace("method: weighted_score", "method: award_on_value").replace(
        "  price_weight: 40\n", "").replace("{id: GOV-02, weight: 60}", "{id: GOV-02, value_eur: 50000}")
    text = text.replace("{score: 0, descriptor", "{score: 0, share: 0.5, descriptor").replace(
        "{score: 5, descriptor", "{score: 5, share: 0.2, descriptor").replace(
        "{score: 10, descriptor", "{score: 10, share: 1.0, descriptor")
    found = [f.message for f in errors(tmp_path, lib, text)]
    assert any("shares must rise" in m for m in found)
    assert any("remove 'price_scoring'" in m for m in found)


def test_clarification_after_deadline(tmp_path, lib):
    text = SPEC.replace(
        "  - {revision: 1, date: 2027-01-11, description: {nl: Publicatie, en: Publication}}\n",
        "  - {revision: 1, date: 2027-01-11, description: {nl: Publicatie, en: Publication}}\n"
        "  - {revision: 2, date: 2027-03-02, description: {nl: Nota van Inlichtingen 1, en: Clarification 1}}\n")
    (f,) = errors(tmp_path, lib, text)
    assert "not before the submission deadline" in f.message and f.location.field == "revisions.1.date"
    late = text.replace("date: 2027-03-02", "date: 2027-02-26")
    spec, findings = check_spec(write_spec(tmp_path / "spec.yaml", late), lib)
    assert [f.severity for f in findings] == ["warning"] and "at least 6 days" in findings[0].message


def test_a_missing_required_clause_is_an_error_at_the_clause_that_needs_it(tmp_path):
    bundled = load_library()
    text = IT_SAMPLE.read_text(encoding="utf-8")
    cut = text.replace("  - id: FAC-02\n    parameters: {sessions_per_year: 2, contractor_share: 50}\n", "")
    cut = cut.replace("  - id: FAC-01\n    parameters: {kickoff_weeks: 4, kickoff_hours: 4}\n", "")
    spec, findings = check_spec(write_spec(tmp_path / "spec.yaml", cut), bundled)
    assert [(f.location.line, f.location.item, f.message) for f in findings] == [
        (line_of(cut, "- id: GOV-01"), "GOV-01", "GOV-01 requires FAC-02 (Onafhankelijke procesbegeleider), which "
                                                 "this tender does not include: add FAC-02 to the clauses or "
                                                 "remove GOV-01"),
        (line_of(cut, "- id: FAC-05"), "FAC-05", "FAC-05 requires FAC-01 (Startbijeenkomst en teamcharter), which "
                                                 "this tender does not include: add FAC-01 to the clauses or "
                                                 "remove FAC-05"),
    ]
    assert check_spec(IT_SAMPLE, bundled)[1] == []

