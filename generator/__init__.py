"""tenderpack: collaboration requirements, KPIs and responsibilities in public tenders.

The public API. Typical use::

    from generator import load_library, load_spec, assemble, build_pack

    library = load_library()                      # the bundled clause library
    spec = load_spec("samples/gemeente-it-beheer.yaml", library)
    tender = assemble(library, spec, "nl")         # resolved: one language, parameters filled
    build_pack("samples/gemeente-it-beheer.yaml", "out/pack", library)

Names are imported on first use (PEP 562), so a command that only reads a form does not pay for
loading the Word and Excel writers.
"""

from typing import TYPE_CHECKING

from .lazy import lazy_exports

# The release number; pyproject.toml reads it from here, the manifest and `tenderpack --version` show it.
__version__ = "0.1.0"

_HOMES = {
    "AnswerSet": "models.submission",
    "Store": "store",
    "Submission": "models.submission",
    "compliance": "evaluation",
    "evaluate": "evaluation",
    "fill_form": "form",
    "import_forms": "importer",
    "load_answers": "form",
    "progress_report": "progress",
    "read_form": "form",
    "release_package": "ocds",
    "render_agreement": "agreement",
    "Finding": "errors",
    "InputError": "errors",
    "Library": "library",
    "Location": "errors",
    "PackFile": "pack",
    "TemplateError": "errors",
    "Tender": "models.tender",
    "TenderSpec": "models.spec",
    "TenderpackError": "errors",
    "ValidationFailed": "errors",
    "assemble": "assemble",
    "build_pack": "pack",
    "build_registered_pack": "pack",
    "build_time": "pack",
    "check_spec": "spec",
    "check_template": "document",
    "load_library": "library",
    "load_spec": "spec",
    "render_pack": "pack",
    "render_tender_document": "document",
    "upgrade_database": "database",
    "write_form": "form",
}

__all__ = sorted(_HOMES)
__getattr__, __dir__ = lazy_exports(__name__, _HOMES)


if TYPE_CHECKING:
    from .agreement import render_agreement
    from .assemble import assemble
    from .evaluation import compliance, evaluate
    from .form import fill_form, load_answers, read_form
    from .importer import import_forms
    from .models.submission import AnswerSet, Submission
    from .ocds import release_package
    from .progress import progress_report
    from .store import Store
    from .document import check_template, render_tender_document
    from .errors import Finding, InputError, Location, TemplateError, TenderpackError, ValidationFailed
    from .form import write_form
    from .library import Library, load_library
    from .models.spec import TenderSpec
    from .models.tender import Tender
    from .database import upgrade_database
    from .pack import PackFile, build_pack, build_registered_pack, build_time, render_pack
    from .spec import check_spec, load_spec
