"""The batch importer: sequential and process-pool reading give the same stored result."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from generator.assemble import assemble
from generator.form import fill_form, load_answers, write_form
from generator.importer import collect_forms, import_forms
from generator.library import load_library
from generator.spec import load_spec
from generator.store import Store

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = "gemeente-it-beheer"


@pytest.fixture(scope="module")
def forms(tmp_path_factory):
    folder = tmp_path_factory.mktemp("forms")
    lib = load_library()
    tender = assemble(lib, load_spec(ROOT / "samples" / f"{SAMPLE}.yaml", lib))
    blank = write_form(tender, built=dt.datetime(2027, 3, 15))
    for answers in sorted((ROOT / "samples" / "bids" / SAMPLE).glob("*.yaml")):
        (folder / f"{answers.stem}.xlsx").write_bytes(fill_form(blank, load_answers(answers)).data)
    (folder / "notes.csv").write_text("bidder;price\nx;1\n", encoding="utf-8")
    (folder / "~$lock.xlsx").write_bytes(b"")  # Excel's lock file: never collected
    return tender, folder


@pytest.mark.parametrize("workers", [1, 2])
def test_batch_import(tmp_path, forms, workers):
    tender, folder = forms
    files = collect_forms([folder])
    assert [f.name for f in files] == ["hazeveld-ict-services.xlsx", "nimbuswerk-ict.xlsx", "noordhaven-it-beheer.xlsx",
                                       "notes.csv"]
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        store.register_tender(tender)
        seen = []
        results = import_forms(store, files, workers=workers, on_file=seen.append)
        assert seen == results
        assert [r.status for r in results] == ["imported", "imported", "imported", "rejected"]
        assert "plain text" in results[3].reason
        assert [r.knocked_out for r in results[:3]] == [False, True, False]
        again = import_forms(store, files[:3], workers=workers)
        assert [r.status for r in again] == ["duplicate"] * 3
        assert len(store.submissions(tender.reference)) == 3


def test_unregistered_tender_is_rejected(tmp_path, forms):
    _, folder = forms
    with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as store:
        (result,) = import_forms(store, [folder / "hazeveld-ict-services.xlsx"])
    assert result.status == "rejected" and "is not registered" in result.reason


def test_missing_path(tmp_path):
    from generator.errors import InputError

    with pytest.raises(InputError, match="no such file or folder"):
        collect_forms([tmp_path / "absent"])
