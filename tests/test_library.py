"""Loading and checking clause libraries: every defect is caught with its file:line and clause ID."""

from __future__ import annotations

import pytest

from generator.errors import InputError, ValidationFailed
from generator.library import load_library
from minilib import GOVERNANCE, write_library


def findings_for(tmp_path, governance, **extra):
    folder = write_library(tmp_path / "lib", governance, **extra)
    with pytest.raises(ValidationFailed) as caught:
        load_library(folder)
    return caught.value.findings


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


def test_mini_library_loads(tmp_path):
    lib = load_library(write_library(tmp_path / "lib"))
    assert list(lib.clauses) == ["GOV-01", "GOV-02", "GOV-03"]
    assert list(lib.activities) == ["RACI-01"]
    assert lib.clauses["GOV-01"].category == "governance"
    assert lib.origins["GOV-03"].endswith(f"governance.yaml:{line_of(GOVERNANCE, 'id: GOV-03')}")


def test_duplicate_id_across_files(tmp_path):
    other = "category: risk\nclauses:\n" + GOVERNANCE.split("clauses:\n", 1)[1].split("  - id: GOV-02")[0]
    findings = findings_for(tmp_path, GOVERNANCE, risk=other)
    dup = [f for f in findings if "duplicate ID" in f.message]
    assert len(dup) == 1
    assert dup[0].location.item == "GOV-01"
    assert dup[0].location.path.endswith("risk.yaml")
    assert dup[0].location.line == 3
    assert "governance.yaml:" in dup[0].message


def test_missing_dutch_text(tmp_path):
    text = GOVERNANCE.replace("title: {nl: Overleg, en: Meetings}", "title: {en: Meetings}")
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-01"
    assert f.location.field == "title"
    assert f.location.line == line_of(text, "title: {en: Meetings}")
    assert "'nl' is missing" in f.message


def test_parameter_used_but_not_declared(tmp_path):
    text = GOVERNANCE.replace("iedere {{ weeks }} weken", "iedere {{ weeks }} weken binnen {{ days }} dagen")
    findings = findings_for(tmp_path, text)
    assert any(f.location.item == "GOV-01" and "{{ days }}" in f.message and f.location.field == "text.nl"
               for f in findings)


def test_parameter_declared_but_unused(tmp_path):
    text = GOVERNANCE.replace("iedere {{ weeks }} weken", "iedere twee weken").replace(
        "every {{ weeks }} weeks", "every two weeks")
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-01"
    assert "'weeks' is declared but not used" in f.message
    assert f.location.line == line_of(text, "- name: weeks")


def test_english_text_must_use_the_same_parameters(tmp_path):
    text = GOVERNANCE.replace("every {{ weeks }} weeks", "every two weeks")
    (f,) = findings_for(tmp_path, text)
    assert f.location.field == "text.en"
    assert "weeks" in f.message


def test_default_outside_bounds(tmp_path):
    text = GOVERNANCE.replace("default: 2", "default: 12")
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-01"
    assert "above the maximum 8" in f.message
    assert f.location.line == line_of(text, "- name: weeks")


def test_kpi_minimum_on_wrong_side_of_target(tmp_path):
    text = GOVERNANCE.replace("minimum: 90", "minimum: 99")
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-03"
    assert "minimum 99 is above target 98" in f.message
    assert f.location.line == line_of(text, "    kpi:")


def test_kpi_norm_offered_needs_offers(tmp_path):
    text = GOVERNANCE.replace("offer_allowed: true", "offer_allowed: false")
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-03"
    assert "norm 'offered' needs a KPI that allows offers" in f.message


@pytest.mark.parametrize("word", ["no", "yes", "off", "On"])
def test_yaml11_boolean_words_are_rejected(tmp_path, word):
    text = GOVERNANCE.replace("source: practice", f"source: {word}", 1)
    folder = write_library(tmp_path / "lib", text)
    with pytest.raises(InputError) as caught:
        load_library(folder)
    assert caught.value.location.line == line_of(text, f"source: {word}")
    assert "boolean" in caught.value.message


def test_yaml11_float_version_is_explained(tmp_path):
    text = GOVERNANCE.replace('version: "1.0"', "version: 1.10", 1)
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-01"
    assert f.location.line == line_of(text, "version: 1.10")
    assert "'1.10'" in f.message and "quotes" in f.message


def test_control_character_rejected(tmp_path):
    text = GOVERNANCE.replace("title: {nl: Overleg,", 'title: {nl: "Over\\vleg",')
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-01"
    assert "U+000B" in f.message


def test_raci_rule_exactly_one_accountable(tmp_path):
    text = GOVERNANCE.replace('roles: {client: A, contractor: R,', 'roles: {client: A, contractor: RA,')
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "RACI-01"
    assert "exactly one Accountable" in f.message


def test_unknown_field_is_named(tmp_path):
    text = GOVERNANCE.replace("    obligation: result\n", "    obligation: result\n    colour: red\n", 1)
    (f,) = findings_for(tmp_path, text)
    assert f.message == "unknown field 'colour'"
    assert f.location.line == line_of(text, "colour: red")


def test_all_findings_reported_together(tmp_path):
    text = GOVERNANCE.replace("default: 2", "default: 12").replace("minimum: 90", "minimum: 99")
    findings = findings_for(tmp_path, text)
    assert {f.location.item for f in findings} == {"GOV-01", "GOV-03"}


def test_missing_folder_and_metadata(tmp_path):
    with pytest.raises(InputError, match="not a clause library folder"):
        load_library(tmp_path / "nothing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="_library.yaml"):
        load_library(tmp_path / "empty")


def test_missing_english_is_a_warning_only(tmp_path):
    text = GOVERNANCE.replace("title: {nl: Verslaglegging, en: Minutes}", "title: {nl: Verslaglegging}")
    lib = load_library(write_library(tmp_path / "lib", text))
    assert any("RACI-01" in w and "no English text" in w for w in lib.warnings)


def test_placeholder_outside_title_and_text(tmp_path):
    text = GOVERNANCE.replace("data_source: {nl: Rapportageregister,", "data_source: {nl: \"Register {{ weeks }}\",")
    findings = findings_for(tmp_path, text)
    assert any(f.location.item == "GOV-03" and f.location.field == "kpi.data_source.nl"
               and "only in title and text" in f.message for f in findings)


def test_checked_library_is_loaded_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TENDERPACK_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_library(tmp_path / "lib")
    first = load_library(folder)
    (entry,) = (tmp_path / "cache").glob("library-*.pickle")

    def no_parsing(*args, **kwargs):
        raise AssertionError("the library was parsed again")

    monkeypatch.setattr("generator.library.load_yaml", no_parsing)
    assert load_library(folder) == first
    assert load_library(str(folder)) == first  # the same spelling of the folder, the same entry
    assert list((tmp_path / "cache").glob("library-*.pickle")) == [entry]


def test_changed_file_is_parsed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("TENDERPACK_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_library(tmp_path / "lib")
    load_library(folder)
    changed = GOVERNANCE.replace("title: {nl: Overleg, en: Meetings}", "title: {nl: Overleg, en: Progress meetings}")
    (folder / "governance.yaml").write_text(changed, encoding="utf-8")
    assert load_library(folder).clauses["GOV-01"].title.en == "Progress meetings"
    (folder / "governance.yaml").write_text(changed.replace("default: 2", "default: 12"), encoding="utf-8")
    with pytest.raises(ValidationFailed):  # a broken library is never served from the cache
        load_library(folder)


def test_damaged_cache_entry_is_ignored_and_replaced(tmp_path, monkeypatch):
    monkeypatch.setenv("TENDERPACK_CACHE_DIR", str(tmp_path / "cache"))
    folder = write_library(tmp_path / "lib")
    first = load_library(folder)
    (entry,) = (tmp_path / "cache").glob("library-*.pickle")
    good = entry.read_bytes()
    entry.write_bytes(good[:-100])  # truncated behind a valid digest
    assert load_library(folder) == first
    assert entry.read_bytes() == good


def test_no_cache_entry_when_caching_is_off(tmp_path, monkeypatch):
    monkeypatch.setenv("TENDERPACK_CACHE_DIR", "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    lib = load_library(write_library(tmp_path / "lib"))
    assert list(lib.clauses) == ["GOV-01", "GOV-02", "GOV-03"]
    assert not (tmp_path / "xdg").exists()


REFERRING = GOVERNANCE.replace(
    '  - id: GOV-01\n    version: "1.0"\n',
    '  - id: GOV-01\n    version: "1.0"\n    requires: [GOV-03]\n    refers_to: [dienstbeschrijving]\n')
DOCUMENTS = """\
name: mini
version: "1.0.0"
documents:
  dienstbeschrijving:
    title: {nl: Dienstbeschrijving, en: Service description}
    description: {nl: De diensten., en: The services.}
"""


def test_required_clauses_and_referred_documents_must_exist(tmp_path):
    text = REFERRING.replace("requires: [GOV-03]", "requires: [GOV-03, FAC-02]")
    findings = findings_for(tmp_path, text)
    assert {(f.location.item, f.location.field, f.location.line, f.message) for f in findings} == {
        ("GOV-01", "requires", line_of(text, "- id: GOV-01"), "requires unknown clause FAC-02"),
        ("GOV-01", "refers_to", line_of(text, "- id: GOV-01"),
         "refers to document 'dienstbeschrijving', which _library.yaml does not declare (declared: none)"),
    }
    (f,) = findings_for(tmp_path / "self", REFERRING.replace("requires: [GOV-03]", "requires: [GOV-01]"),
                        _library=DOCUMENTS)
    assert f.location.item == "GOV-01" and "cannot require itself" in f.message


def test_referred_documents_in_order_with_the_clauses_referring(tmp_path):
    lib = load_library(write_library(tmp_path / "lib", REFERRING, _library=DOCUMENTS))
    assert lib.clause("GOV-01").requires == ["GOV-03"]
    ((key, document, ids),) = lib.referred_documents(["GOV-03", "GOV-01", "GOV-77"])
    assert (key, document.title.get("en"), ids) == ("dienstbeschrijving", "Service description", ["GOV-01"])
    assert lib.referred_documents(["GOV-03"]) == []


def test_only_a_number_parameter_can_be_improved_on(tmp_path):
    improvable = GOVERNANCE.replace("        max: 8\n", "        max: 8\n        better: lower\n")
    lib = load_library(write_library(tmp_path / "ok", improvable))
    assert lib.clauses["GOV-01"].parameter("weeks").better == "lower"
    text = improvable.replace("        type: integer\n", "        type: text\n").replace(
        "        default: 2\n        min: 1\n        max: 8\n", '        default: "twee"\n')
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-01"
    assert "only a number can be improved on" in f.message
    assert f.location.line == line_of(text, "- name: weeks")


def test_suitability_flag_marks_a_requirement_on_the_bidder(tmp_path):
    text = GOVERNANCE.replace("    kind: requirement\n", "    kind: requirement\n    suitability: true\n", 1)
    lib = load_library(write_library(tmp_path / "lib", text))
    assert [c.id for c in lib.clauses.values() if c.suitability] == ["GOV-01"]


def test_suitability_flag_only_on_a_requirement(tmp_path):
    text = GOVERNANCE.replace("    kind: award_criterion\n", "    kind: award_criterion\n    suitability: true\n")
    (f,) = findings_for(tmp_path, text)
    assert f.location.item == "GOV-02"
    assert "only a requirement can be a suitability requirement" in f.message
