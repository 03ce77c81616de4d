"""The OCDS check: vendored schemas inside the package, the merge patch, and every violation located by
its JSON Pointer."""

from __future__ import annotations

import copy
import json

import pytest

from generator.errors import ValidationFailed
from generator.ocds import EXTENSIONS
from generator.ocds.check import (
    DATA, EXTENSION_FILES, PACKAGE_SCHEMA, RELEASE_SCHEMA, check_package, merge_patch, package_findings,
    package_schema, release_schema,
)
from test_ocds_release import SAMPLES, package_for

REQUIREMENT = "/releases/0/tender/criteria/0/requirementGroups/0/requirements/0"


@pytest.fixture(scope="module")
def package() -> dict:
    *_, package = package_for(SAMPLES[0])
    return package


def findings_of(package: dict) -> list[tuple[str, str]]:
    return [(f.location.field, f.message) for f in package_findings(package)]


def test_the_schemas_and_their_licence_are_vendored_in_the_package():
    names = {p.name for p in DATA.iterdir()}
    assert {RELEASE_SCHEMA, PACKAGE_SCHEMA, *EXTENSION_FILES.values(), "NOTICE", "LICENSE-Apache-2.0"} <= names
    notice = (DATA / "NOTICE").read_text(encoding="utf-8")
    assert "Apache License, Version 2.0" in notice
    for name in (RELEASE_SCHEMA, PACKAGE_SCHEMA, *EXTENSION_FILES.values()):
        assert name in notice, f"NOTICE does not name the source of {name}"
        json.loads((DATA / name).read_text(encoding="utf-8"))
    assert "Apache License" in (DATA / "LICENSE-Apache-2.0").read_text(encoding="utf-8")
    assert list(EXTENSION_FILES) == list(EXTENSIONS)


def test_the_package_schema_refers_to_the_release_schema_it_is_checked_with():
    release = release_schema()
    assert package_schema()["properties"]["releases"]["items"]["$ref"] == release["id"]
    definitions = release["definitions"]
    assert "requirementResponses" in definitions["Bid"]["properties"]  # requirements on top of bids
    assert "targets" in definitions["Tender"]["properties"] and "agreedMetrics" in definitions["Award"]["properties"]
    assert "targets" not in release_schema(())["definitions"]["Tender"]["properties"]


@pytest.mark.parametrize("target, patch, merged", [
    ({"a": 1, "b": {"c": 2, "d": 3}}, {"b": {"c": None, "e": 4}}, {"a": 1, "b": {"d": 3, "e": 4}}),
    ({"a": [1, 2]}, {"a": [3]}, {"a": [3]}),          # arrays are replaced, not merged
    ({"a": 1}, {"a": {"b": 1}}, {"a": {"b": 1}}),     # a value becomes an object
    ({"a": {"b": 1}}, "x", "x"),                      # a patch that is no object replaces the target
    ({"a": 1}, {"b": None}, {"a": 1}),                # removing an absent member does nothing
])
def test_merge_patch_follows_rfc_7386(target, patch, merged):
    before = copy.deepcopy(target)
    assert merge_patch(target, patch) == merged
    assert target == before


def test_a_valid_package_has_no_findings_and_passes_the_check(package):
    assert package_findings(package) == []
    check_package(package)


def test_a_misspelt_or_invalid_field_is_reported_with_its_json_pointer(package):
    broken = copy.deepcopy(package)
    requirement = broken["releases"][0]["tender"]["criteria"][0]["requirementGroups"][0]["requirements"][0]
    requirement["expectedvalue"] = requirement.pop("expectedValue")
    requirement["dataType"] = "bool"
    broken["releases"][0]["date"] = "2027-05-12T09:30:00"  # a local time: OCDS needs an offset
    found = findings_of(broken)
    assert [where for where, _ in found] == [
        "/releases/0/date", f"{REQUIREMENT}/dataType", f"{REQUIREMENT}/expectedvalue"]
    assert "is not a 'date-time'" in found[0][1] and "'bool' is not one of" in found[1][1]
    assert found[2][1].startswith("field not declared")
    with pytest.raises(ValidationFailed) as failed:
        check_package(broken)
    assert str(failed.value) == "OCDS release package: 3 error(s) found"
    assert [str(f).split(": ")[0] for f in failed.value.findings] == [where for where, _ in found]


def test_fields_of_an_undeclared_extension_are_reported(package):
    without_metrics = copy.deepcopy(package)
    without_metrics["extensions"] = [url for url in EXTENSIONS if "metrics" not in url]
    found = findings_of(without_metrics)
    assert ("/releases/0/tender/targets", "field not declared by the OCDS schema or the declared extensions") in found
    assert "/releases/0/awards/0/agreedMetrics" in [where for where, _ in found]


def test_an_unknown_extension_and_a_broken_package_are_located(package):
    unknown = copy.deepcopy(package)
    unknown["extensions"].append("https://example.org/ocds_other_extension/extension.json")
    (where, message), = findings_of(unknown)
    assert where == "/extensions/3" and "no vendored schema" in message
    assert ("(package)", "'releases' is a required property") in findings_of({"extensions": []})
