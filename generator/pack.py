"""Build the tender pack: the tender document, the bid-response form and the manifest.

:func:`build_pack` renders every file in memory first, so a failing build (unknown clause, bad template,
invalid spec) writes nothing. Only then are the files written, each to a temporary name in the target
folder and renamed into place, so readers never see a half-written file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .assemble import assemble
from .errors import InputError, Location
from .fork import ForkedCall
from .library import Library
from .models.base import Language
from .models.tender import Tender
from .spec import load_spec

if TYPE_CHECKING:
    from .store import Store

MANIFEST_FORMAT = "tenderpack-manifest/1"
MANIFEST_NAME = "manifest.json"

_FILE_NAMES: dict[str, dict[Language, str]] = {
    "tender_document": {"nl": "aanbestedingsleidraad.docx", "en": "tender-document.docx"},
    "bid_form": {"nl": "inschrijvingsformulier.xlsx", "en": "bid-form.xlsx"},
    "agreement_draft": {"nl": "concept-samenwerkingsafspraken.docx", "en": "draft-collaboration-agreement.docx"},
}


@dataclass(frozen=True)
class PackFile:
    """One file of a built pack: its name in the pack folder, role and content."""

    name: str
    role: str
    data: bytes

    @property
    def sha256(self) -> str:
        """The SHA-256 of the content, hex."""
        return hashlib.sha256(self.data).hexdigest()


def build_time(date: str | None = None, environ: dict[str, str] | None = None) -> dt.datetime:
    """The build timestamp (UTC, naive): ``date`` if given, else ``SOURCE_DATE_EPOCH``, else now.

    ``date`` is ``YYYY-MM-DD`` or an ISO date-time. Raises :class:`InputError` for an unreadable value.
    """
    environ = os.environ if environ is None else environ
    if date:
        try:
            value = dt.datetime.fromisoformat(date)
        except ValueError:
            raise InputError(f"--date {date!r} is not a date (YYYY-MM-DD) or ISO date-time") from None
        return value.astimezone(dt.timezone.utc).replace(tzinfo=None) if value.tzinfo else value
    epoch = environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        try:
            return dt.datetime.fromtimestamp(int(epoch), dt.timezone.utc).replace(tzinfo=None)
        except (ValueError, OverflowError):
            raise InputError(f"SOURCE_DATE_EPOCH {epoch!r} is not a whole number of seconds") from None
    return dt.datetime.now(dt.timezone.utc).replace(tzinfo=None, microsecond=0)


def file_stem(tender: Tender) -> str:
    """The common start of the pack's file names: reference and revision, safe for any file system."""
    return f"{re.sub(r'[^A-Za-z0-9._-]', '-', tender.reference)}-r{tender.revision}"


def render_pack(tender: Tender, *, built: dt.datetime, template: Path | None = None,
                parallel: bool = False) -> list[PackFile]:
    """Render every file of the pack in memory, the manifest last (it lists the others' hashes).

    With ``parallel``, the bid form is written in a forked child process while this one renders the
    Word documents (:mod:`generator.fork`; where forking is not possible or safe, one after the
    other). The files are the same either way.
    """
    # The writers are imported here, not at the top: a forked child then loads openpyxl for the form
    # while this process loads python-docx and docxtpl, each only what its half needs.
    def form() -> bytes:
        from .form import write_form

        return write_form(tender, built=built)

    if template is not None:
        from .document import check_template

        check_template(template)
    stem = file_stem(tender)
    lang = tender.language
    with ForkedCall(form, fork=parallel) as bid_form:
        from .agreement import render_agreement
        from .document import render_tender_document

        document = render_tender_document(tender, template, built=built)
        annex = render_agreement(tender, None, built=built, template=template)
        files = [
            PackFile(f"{stem}-{_FILE_NAMES['tender_document'][lang]}", "tender_document", document),
            PackFile(f"{stem}-{_FILE_NAMES['bid_form'][lang]}", "bid_form", bid_form.result()),
            PackFile(f"{stem}-{_FILE_NAMES['agreement_draft'][lang]}", "agreement_draft", annex),
        ]
    manifest = _manifest(tender, files, built, template)
    return files + [PackFile(MANIFEST_NAME, "manifest", manifest)]


def build_pack(
    spec_path: Path | str,
    out_dir: Path | str,
    library: Library,
    *,
    lang: Language | None = None,
    template: Path | None = None,
    built: dt.datetime | None = None,
    parallel: bool = False,
) -> list[PackFile]:
    """Check the spec, assemble the tender and write the pack into ``out_dir`` (created if missing).

    Everything is rendered before anything is written; on any error no file of the pack is changed.
    ``parallel`` is passed to :func:`render_pack`. Returns the files written, manifest last.
    """
    _, files = _render(spec_path, library, lang, template, built, parallel)
    write_files(Path(out_dir), files)
    return files


def build_registered_pack(
    spec_path: Path | str,
    out_dir: Path | str,
    library: Library,
    store: Store,
    *,
    lang: Language | None = None,
    template: Path | None = None,
    built: dt.datetime | None = None,
    parallel: bool = False,
) -> tuple[list[PackFile], bool]:
    """As :func:`build_pack`, and register the tender in ``store`` so returned forms can be imported.

    The tender is registered after rendering and before the files are moved into place, so a
    registration that fails (a changed spec under a revision already registered, a locked database)
    leaves no pack behind: forms of an unregistered pack would be refused at import. Returns the files
    and whether the tender was new in ``store`` (``False``: registered before, unchanged).
    """
    tender, files = _render(spec_path, library, lang, template, built, parallel)
    registered = store.register_tender(tender)
    write_files(Path(out_dir), files)
    return files, registered


def _render(spec_path: Path | str, library: Library, lang: Language | None, template: Path | None,
            built: dt.datetime | None, parallel: bool) -> tuple[Tender, list[PackFile]]:
    spec = load_spec(spec_path, library)
    tender = assemble(library, spec, lang)
    return tender, render_pack(tender, built=built or build_time(), template=template, parallel=parallel)


def share_as_created(path: str | Path) -> None:
    """Give the file at ``path`` the mode a newly created file gets (0666 less the umask).

    ``tempfile.mkstemp`` creates its file readable by its owner only, which a rename keeps: without
    this, every document written atomically would be 0600 whatever the user's umask says.
    """
    mask = os.umask(0o022)  # reading the umask means setting it; put back at once
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def write_files(out_dir: Path, files: list[PackFile]) -> None:
    """Write ``files`` into ``out_dir`` all-or-nothing: temporary files first, then renames.

    Files get the mode of a newly created file (:func:`share_as_created`). Raises :class:`InputError`
    naming the folder when it cannot be created or written; temporary files are removed on failure.
    """
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError(f"cannot create the output folder: {exc.strerror}", Location(path=str(out_dir))) from None
    staged: list[tuple[str, Path]] = []
    try:
        for f in files:
            fd, tmp = tempfile.mkstemp(prefix=f".{f.name}.", suffix=".tmp", dir=out_dir)
            staged.append((tmp, out_dir / f.name))
            share_as_created(tmp)
            with os.fdopen(fd, "wb") as handle:
                handle.write(f.data)
                handle.flush()
                os.fsync(handle.fileno())
        for tmp, final in staged:
            os.replace(tmp, final)
    except OSError as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(f"cannot write the pack: {exc.strerror}", Location(path=str(out_dir))) from None


def _manifest(tender: Tender, files: list[PackFile], built: dt.datetime, template: Path | None) -> bytes:
    if template is None:
        template_entry: dict[str, str] = {"name": f"bundled ({tender.language})"}
    else:
        template_entry = {"name": template.name, "sha256": hashlib.sha256(template.read_bytes()).hexdigest()}
    data = {
        "format": MANIFEST_FORMAT,
        "reference": tender.reference,
        "revision": tender.revision,
        "language": tender.language,
        "built": built.isoformat(),
        "generator": {"name": "tenderpack", "version": __version__},
        "library": {"name": tender.library_name, "version": tender.library_version},
        "template": template_entry,
        "clauses": [{"id": i, "version": v} for i, v in tender.clause_versions().items()],
        "files": [{"name": f.name, "role": f.role, "bytes": len(f.data), "sha256": f.sha256} for f in files],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")

