"""Clause text is data: XML- and Jinja-hostile text comes out literally, in the body and the headers."""

from __future__ import annotations

import pytest
from docxcheck import BUILT, part, parts, stories, texts
from factories import LONG_WORD, TRICKY, make_tender

from generator.document import render_tender_document
from generator.models.tender import Authority

INJECTION = "{{ cycler.__init__.__globals__.os.popen('id').read() }} {%p if true %}{# x #}"


@pytest.fixture(scope="module", params=["nl", "en"])
def tricky(request):
    tender = make_tender(request.param, tricky=True)
    authority = Authority(name=f"Gemeente R&D <Noord> {TRICKY}", address=tender.authority.address,
                          contact=tender.authority.contact)
    requirement = tender.requirements[0].model_copy(update={"text": INJECTION})
    tender = tender.model_copy(update={"authority": authority,
                                       "requirements": [requirement] + tender.requirements[1:]})
    return tender, render_tender_document(tender, built=BUILT)


def test_tricky_text_survives_in_the_body(tricky):
    tender, data = tricky
    body = texts(part(data, "word/document.xml"))
    joined = "\n".join(body)
    assert f"Testaanbesteding {TRICKY} {LONG_WORD}" in body  # the title page, as one paragraph
    assert joined.count(TRICKY) >= 20
    assert INJECTION in body
    for item in tender.requirements[1:] + tender.criteria + tender.kpis:
        assert f"{item.title}" in joined


def test_tricky_text_survives_in_headers_and_core_properties(tricky):
    tender, data = tricky
    header = " ".join(texts(stories(data)[("header", "default")]))
    assert tender.authority.name in header
    core = parts(data)["docProps/core.xml"].decode()
    assert "R&amp;D &lt;select&gt;" in core


def test_only_the_data_holds_braces(tricky):
    """Every ``{{``/``{%`` left in the package comes from the data, none from the template."""
    tender, data = tricky
    for name, blob in parts(data).items():
        if not name.endswith(".xml"):
            continue
        text = " ".join(texts(part(data, name))) if name.startswith("word/") else blob.decode()
        text = text.replace("{{ not_a_tag }}", "").replace("{% raw %}", "").replace(INJECTION, "")
        assert "{{" not in text and "{%" not in text, name
