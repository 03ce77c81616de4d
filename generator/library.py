"""Load and check a clause library: a folder of YAML files, one per category.

A library folder holds ``_library.yaml`` (name and version) and one ``<category>.yaml`` per category
with ``category``, ``clauses`` and ``activities``. Each clause and activity takes its category from its
file. :func:`load_library` reads every file, checks every rule and reports all problems at once, each
with ``file:line`` and the clause ID.
"""

from __future__ import annotations

import hashlib
import pickle
import sys
from pathlib import Path
from typing import Annotated, Any

import pydantic
from pydantic import ValidationError

from . import cache
from .errors import Finding, InputError, Location, ValidationFailed
from .models.base import Model, Text
from .models.clause import DOCUMENT_KEY, PLACEHOLDER, Clause, Document, LibraryFile, RaciActivity
from .resources import library_dir
from .yamlfile import YamlDoc, load_yaml

META_FILE = "_library.yaml"
# A cached library is a pickle of these modules' classes and of what they make of the files (lines,
# warnings): a change to any of them makes a new entry.
_MODEL_SOURCES = tuple(Path(sys.modules[name].__file__) for name in (
    Model.__module__, Clause.__module__, YamlDoc.__module__, Finding.__module__, __name__))


class LibraryInfo(Model):
    """The contents of ``_library.yaml``: name, version and the documents clauses may refer to."""

    name: str
    version: str
    documents: dict[Annotated[str, pydantic.Field(pattern=DOCUMENT_KEY)], Document] = {}


class Library(Model):
    """A checked clause library.

    ``clauses`` and ``activities`` are keyed by ID in file order; ``origins`` maps each ID to the
    ``file:line`` where it is defined, for messages. ``documents`` are the documents clauses refer to
    (``refers_to``), by key. ``warnings`` holds findings that do not stop use (a missing English
    translation).
    """

    name: str
    version: str
    path: str
    clauses: dict[str, Clause]
    activities: dict[str, RaciActivity]
    documents: dict[str, Document] = {}
    origins: dict[str, str]
    warnings: list[str] = []

    def clause(self, clause_id: str) -> Clause | None:
        """The clause with ``clause_id``, or ``None``."""
        return self.clauses.get(clause_id)

    def referred_documents(self, clause_ids: list[str]) -> list[tuple[str, Document, list[str]]]:
        """The documents the clauses ``clause_ids`` refer to (``refers_to``), each once, in the order
        they are first referred to, with the IDs of the clauses referring to it. Unknown IDs are skipped.
        """
        found: dict[str, list[str]] = {}
        for clause_id in clause_ids:
            clause = self.clauses.get(clause_id)
            for key in clause.refers_to if clause else []:
                found.setdefault(key, []).append(clause_id)
        return [(key, self.documents[key], ids) for key, ids in found.items()]


def load_library(path: Path | str | None = None) -> Library:
    """Read and check the clause library in folder ``path`` (default: the bundled library).

    Raises :class:`InputError` when the folder or a file cannot be read as YAML at all, and
    :class:`ValidationFailed` listing every rule broken: model errors (types, bounds, KPI levels,
    control characters), duplicate IDs, parameters used in a text but not declared or declared but
    not used, English text using other parameters than the Dutch, activities naming unknown clauses,
    clauses requiring an unknown clause and clauses referring to a document ``_library.yaml`` does not
    declare.

    A library that passed its checks is kept in the per-user cache (:mod:`generator.cache`), keyed by
    the folder as given, the bytes of every file and the source of the models; the next process with
    the same files loads it from there instead of parsing the YAML and checking it again.
    """
    folder = Path(path) if path is not None else library_dir()
    if not folder.is_dir():
        raise InputError("not a clause library folder", Location(path=str(folder)))
    meta_path = folder / META_FILE
    if not meta_path.is_file():
        raise InputError(f"a clause library needs {META_FILE} (name and version)", Location(path=str(folder)))
    files = sorted(p for p in folder.glob("*.yaml") if not p.name.startswith("_"))
    if not files:
        raise InputError("the clause library holds no category files (*.yaml)", Location(path=str(folder)))
    entry, digest, contents = _cache_entry(folder, [meta_path, *files])
    cached = _from_cache(entry, digest)
    if cached is not None:
        return cached
    library = _parse(folder, meta_path, files, contents)
    if digest is not None:
        cache.write(entry, digest + pickle.dumps(library, protocol=pickle.HIGHEST_PROTOCOL))
    return library


def _cache_entry(folder: Path, files: list[Path]) -> tuple[str, bytes | None, dict[Path, bytes]]:
    """The cache entry's name (one per folder), the digest of what the library is parsed from, and
    the files' contents as read for it (so that a parse on a miss does not read them again).

    The digest is ``None`` when a file cannot be read; parsing then reads it again and reports it.
    """
    spelled = f"{folder}\0{folder.resolve()}"
    name = f"library-{hashlib.sha256(spelled.encode()).hexdigest()[:32]}.pickle"
    digest = hashlib.sha256(f"library 1\0{sys.version}\0{pydantic.VERSION}\0{folder}\0".encode())
    contents: dict[Path, bytes] = {}
    try:
        for source in _MODEL_SOURCES:
            digest.update(source.read_bytes())
        for file in files:
            data = contents[file] = file.read_bytes()
            digest.update(f"\0{file.name}\0{len(data)}\0".encode())
            digest.update(data)
    except OSError:
        return name, None, contents
    return name, digest.digest(), contents


def _from_cache(entry: str, digest: bytes | None) -> Library | None:
    """The cached library if entry ``entry`` was made from the same bytes (``digest``), else ``None``."""
    data = cache.read(entry) if digest is not None else None
    if data is None or not data.startswith(digest):
        return None
    try:
        library = pickle.loads(data[len(digest):])
    except Exception:  # noqa: BLE001 - an unreadable entry (truncated, other pydantic) is a miss
        return None
    return library if isinstance(library, Library) else None


def _parse(folder: Path, meta_path: Path, files: list[Path], contents: dict[Path, bytes]) -> Library:
    findings: list[Finding] = []
    meta_doc = load_yaml(meta_path, raw=contents.get(meta_path))
    try:
        info = LibraryInfo.model_validate(meta_doc.data)
    except ValidationError as exc:
        raise ValidationFailed(findings=meta_doc.findings(exc), what=str(meta_path)) from None

    clauses: dict[str, Clause] = {}
    activities: dict[str, RaciActivity] = {}
    origins: dict[str, str] = {}
    for file in files:
        doc = load_yaml(file, raw=contents.get(file))
        parsed = _parse_file(doc, findings)
        if parsed is None:
            continue
        for kind, index, entry in _entries(parsed):
            where = doc.location((kind, index))
            if entry.id in origins:
                findings.append(Finding(where, f"duplicate ID; first defined at {origins[entry.id]}"))
                continue
            origins[entry.id] = f"{where.path}:{where.line}"
            if isinstance(entry, Clause):
                clauses[entry.id] = entry
                findings.extend(_placeholder_findings(entry, doc, index))
            else:
                activities[entry.id] = entry
    for activity in activities.values():
        for ref in activity.clauses:
            if ref not in clauses:
                file, _, line = origins[activity.id].rpartition(":")
                findings.append(
                    Finding(Location(path=file, line=int(line), item=activity.id, field="clauses"),
                            f"refers to unknown clause {ref}")
                )
    findings.extend(_reference_findings(clauses, info.documents, origins, meta_path))
    warnings = [str(f) for f in findings if f.severity == "warning"]
    if any(f.severity == "error" for f in findings):
        raise ValidationFailed(findings=findings, what=f"clause library {folder}")
    return Library(
        name=info.name, version=info.version, path=str(folder), clauses=clauses,
        activities=activities, documents=info.documents, origins=origins, warnings=warnings,
    )


def _reference_findings(clauses: dict[str, Clause], documents: dict[str, Document], origins: dict[str, str],
                        meta_path: Path) -> list[Finding]:
    """A required clause or a referred document that the library does not hold, at the referring clause."""
    out = []
    for clause in clauses.values():
        file, _, line = origins[clause.id].rpartition(":")
        for ref in clause.requires:
            if ref not in clauses:
                out.append(Finding(Location(path=file, line=int(line), item=clause.id, field="requires"),
                                   f"requires unknown clause {ref}"))
        for key in clause.refers_to:
            if key not in documents:
                out.append(Finding(Location(path=file, line=int(line), item=clause.id, field="refers_to"),
                                   f"refers to document {key!r}, which {meta_path.name} does not declare "
                                   f"(declared: {', '.join(documents) or 'none'})"))
    return out


def _parse_file(doc: YamlDoc, findings: list[Finding]) -> LibraryFile | None:
    data = doc.data
    if not isinstance(data, dict):
        findings.append(Finding(Location(path=doc.path, line=1), "a library file must be a mapping"))
        return None
    category = data.get("category")
    problems = []
    for kind in ("clauses", "activities"):
        entries = data.get(kind)
        if not isinstance(entries, list):
            continue
        for index, entry in enumerate(entries):
            if not isinstance(entry, dict):
                continue
            if "category" in entry and entry["category"] != category:
                problems.append(
                    Finding(doc.location((kind, index, "category")),
                            f"category {entry['category']!r} differs from the file's {category!r}")
                )
            entry["category"] = category
    findings.extend(problems)
    try:
        parsed = LibraryFile.model_validate(data)
    except ValidationError as exc:
        findings.extend(doc.findings(exc))
        return None
    for kind, index, entry in _entries(parsed):
        for name, text in _texts(entry):
            if text is not None and text.en is None:
                findings.append(
                    Finding(doc.location((kind, index, name)), "no English text; the Dutch text is used",
                            severity="warning")
                )
    return None if problems else parsed


def _entries(parsed: LibraryFile) -> list[tuple[str, int, Clause | RaciActivity]]:
    return [("clauses", i, c) for i, c in enumerate(parsed.clauses)] + [
        ("activities", i, a) for i, a in enumerate(parsed.activities)
    ]


def _texts(entry: Clause | RaciActivity) -> list[tuple[str, Text | None]]:
    if isinstance(entry, RaciActivity):
        return [("title", entry.title), ("description", entry.description)]
    return [("title", entry.title), ("text", entry.text), ("evidence", entry.evidence)]


def placeholders(text: str) -> list[str]:
    """The parameter names a text refers to as ``{{ name }}``, in order of appearance."""
    return [m.group(1) for m in PLACEHOLDER.finditer(text)]


def _strings(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[tuple[Any, ...], str]]:
    """Every string inside nested dicts and lists, with its path."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _strings(item, path + (key,))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _strings(item, path + (i,))]
    return []


def _placeholder_findings(clause: Clause, doc: YamlDoc, index: int) -> list[Finding]:
    """Placeholders in title and text must match the declared parameters, in both languages."""
    out = []
    declared = {p.name for p in clause.parameters}

    def at(*path: Any) -> Location:
        return doc.location(("clauses", index) + path)

    used: dict[str, set[str]] = {"nl": set(), "en": set()}
    for name, text in (("title", clause.title), ("text", clause.text)):
        for lang in ("nl", "en"):
            value = getattr(text, lang)
            if value is None:
                continue
            if "{%" in value or "{#" in value:
                out.append(Finding(at(name, lang), "template statements ({% %}, {# #}) are not allowed in clause text"))
            for ref in placeholders(value):
                used[lang].add(ref)
                if ref not in declared:
                    out.append(Finding(at(name, lang), f"uses {{{{ {ref} }}}} but declares no parameter {ref!r}"))
    if clause.text.en is not None:
        missing = (used["nl"] - used["en"]) & declared
        if missing:
            out.append(Finding(at("text", "en"), f"English text leaves out {', '.join(sorted(missing))}"))
    for path, value in _strings(clause.model_dump(exclude={"title", "text"})):
        if "{{" in value or "{%" in value:
            out.append(Finding(at(*path), "placeholders ({{ }}) are filled in only in title and text; write the value out here"))
    for pindex, param in enumerate(clause.parameters):
        if param.name not in used["nl"]:
            out.append(Finding(at("parameters", pindex), f"parameter {param.name!r} is declared but not used in the text"))
    return out
