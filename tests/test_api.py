"""The public API is explicit and small; this test pins it (change it on purpose, never by accident)."""

import generator


def test_public_api_is_pinned():
    assert generator.__all__ == [
        "AnswerSet",
        "Finding",
        "InputError",
        "Library",
        "Location",
        "PackFile",
        "Store",
        "Submission",
        "TemplateError",
        "Tender",
        "TenderSpec",
        "TenderpackError",
        "ValidationFailed",
        "assemble",
        "build_pack",
        "build_registered_pack",
        "build_time",
        "check_spec",
        "check_template",
        "compliance",
        "evaluate",
        "fill_form",
        "import_forms",
        "load_answers",
        "load_library",
        "load_spec",
        "progress_report",
        "read_form",
        "release_package",
        "render_agreement",
        "render_pack",
        "render_tender_document",
        "upgrade_database",
        "write_form",
    ]
    for name in generator.__all__:
        assert getattr(generator, name) is not None
