"""Validate an OCDS release package against the vendored OCDS 1.1.5 schemas and extension patches.

The schemas live in ``data/`` beside this module (copies of the official files, Apache-2.0, see
``data/NOTICE``); nothing is fetched. A package is checked against the release-package schema, whose
releases must satisfy the release schema with the release-schema patch of every extension the package
declares applied to it (JSON Merge Patch, RFC 7386). Beyond schema validity every field must be declared
in that merged schema: OCDS allows additional fields, so without this a misspelt field, or a field of an
extension the package forgot to declare, would pass unnoticed, and community validators would report it
as unknown.

jsonschema is imported here only: building a package does not need it, checking one does.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from jsonschema import Draft4Validator, FormatChecker
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4

from ..errors import Finding, Location, ValidationFailed
from .release import EXTENSIONS

DATA = Path(__file__).resolve().parent / "data"
RELEASE_SCHEMA = "release-schema-1.1.5.json"
PACKAGE_SCHEMA = "release-package-schema-1.1.5.json"
EXTENSION_FILES: dict[str, str] = dict(zip(EXTENSIONS, ("ext-requirements.json", "ext-bid.json",
                                                        "ext-metrics.json"), strict=True))
"""The vendored release-schema patch of each extension URL the export declares, in ``data/``."""


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7386 JSON Merge Patch: ``patch`` applied to ``target``; neither is modified.

    A ``null`` in the patch removes the member; a patch that is not an object replaces the target.
    """
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    result = copy.deepcopy(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(name: str) -> dict[str, Any]:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@cache
def release_schema(extensions: tuple[str, ...] = EXTENSIONS) -> dict[str, Any]:
    """The OCDS 1.1.5 release schema with the patches of ``extensions`` (URLs of
    :data:`EXTENSION_FILES`) applied in order. Shared between calls: do not modify it."""
    schema = _load(RELEASE_SCHEMA)
    for url in extensions:
        schema = merge_patch(schema, _load(EXTENSION_FILES[url]))
    return schema


@cache
def package_schema() -> dict[str, Any]:
    """The OCDS 1.1.5 release package schema. Shared between calls: do not modify it."""
    return _load(PACKAGE_SCHEMA)


_FORMATS = FormatChecker(formats=())


@_FORMATS.checks("date-time", raises=ValueError)
def _date_time(value: object) -> bool:
    """RFC 3339: a date, a time and an explicit offset (OCDS rejects local times)."""
    if not isinstance(value, str):
        return True
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})", value):
        return False
    dt.datetime.fromisoformat(value)  # a 31 February raises ValueError, reported as the format error
    return True


@_FORMATS.checks("uri")
def _uri(value: object) -> bool:
    return not isinstance(value, str) or (bool(urlsplit(value).scheme) and not re.search(r"\s", value))


@cache
def _validator(extensions: tuple[str, ...]) -> Draft4Validator:
    """A draft-04 validator of release packages; the package schema's release ``$ref`` resolves to the
    merged release schema, locally."""
    release = release_schema(extensions)
    registry = Registry().with_resource(release["id"], Resource.from_contents(release, default_specification=DRAFT4))
    return Draft4Validator(package_schema(), registry=registry, format_checker=_FORMATS)


def package_findings(package: dict[str, Any]) -> list[Finding]:
    """Every problem of the release ``package``, each located by the JSON Pointer of the offending field
    (``/releases/0/tender/criteria/0``; ``(package)`` for the package itself), in path order.

    Three kinds: an extension URL with no vendored schema (the package is then checked without it),
    a schema violation, and a field the merged schema does not declare.
    """
    findings: list[Finding] = []
    declared = package.get("extensions") if isinstance(package, dict) else None
    known: list[str] = []
    for i, url in enumerate(declared if isinstance(declared, list) else []):
        if url in EXTENSION_FILES:
            known.append(url)
        else:
            findings.append(_finding(["extensions", i], f"no vendored schema for extension {url!r}; "
                                     f"tenderpack knows {', '.join(EXTENSIONS)}"))
    extensions = tuple(known)
    for error in _validator(extensions).iter_errors(package):
        findings.append(_finding(list(error.absolute_path), error.message[:300]))
    for path in _undeclared(package, release_schema(extensions)):
        findings.append(_finding(path, "field not declared by the OCDS schema or the declared extensions"))
    return sorted(findings, key=lambda f: (f.location.field or "", f.message))


def check_package(package: dict[str, Any]) -> None:
    """Raise :class:`ValidationFailed` listing :func:`package_findings` when there are any."""
    findings = package_findings(package)
    if findings:
        raise ValidationFailed(findings=findings, what="OCDS release package")


def _finding(path: list[Any], message: str) -> Finding:
    pointer = "".join("/" + str(part).replace("~", "~0").replace("/", "~1") for part in path)
    return Finding(Location(field=pointer or "(package)"), message)


def _undeclared(package: Any, release: dict[str, Any]) -> list[list[Any]]:
    """The paths of the object members the schemas declare neither as a property nor by a pattern."""
    found: list[list[Any]] = []

    def walk(value: Any, schema: dict[str, Any], path: list[Any]) -> None:
        while "$ref" in schema:
            ref = schema["$ref"]
            schema = release if ref == release["id"] else release["definitions"][ref.split("/")[-1]]
        if isinstance(value, dict):
            for key, sub in value.items():
                spec = schema.get("properties", {}).get(key)
                if spec is None:
                    patterns = schema.get("patternProperties", {}).items()
                    spec = next((s for p, s in patterns if re.match(p, key)), None)
                if spec is None:
                    found.append([*path, key])
                else:
                    walk(sub, spec, [*path, key])
        elif isinstance(value, list) and isinstance(schema.get("items"), dict):
            for i, sub in enumerate(value):
                walk(sub, schema["items"], [*path, i])

    walk(package, package_schema(), [])
    return found
