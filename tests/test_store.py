"""The store against SQLite always and against PostgreSQL when TENDERPACK_TEST_POSTGRES names a server."""

from __future__ import annotations

import datetime as dt
import os
import uuid

import pytest
from sqlalchemy import create_engine, func, select, text
from sqlalchemy.orm import Session

from generator.errors import InputError
from generator.models.submission import (
    Answer, Bidder, FormFinding, KpiOffer, Responsibility, Source, Submission,
)
from generator.records import submission_records
from generator.store import Store, database_url
from generator.tables import AnswerRow, FindingRow, ResponsibilityRow, SubmissionRow
from factories import make_tender

PG = os.environ.get("TENDERPACK_TEST_POSTGRES")


def _postgres_schema() -> str:
    if not PG:
        if os.environ.get("CI"):
            pytest.fail("CI must provide TENDERPACK_TEST_POSTGRES (see .ci/run)")
        pytest.skip("no PostgreSQL server configured (set TENDERPACK_TEST_POSTGRES)")
    return f"t{uuid.uuid4().hex[:12]}"


def _on_postgres(statement: str) -> None:
    engine = create_engine(PG)
    with engine.begin() as conn:
        conn.execute(text(statement))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """A fresh store: a SQLite file, or a private schema on the PostgreSQL test server."""
    if request.param == "sqlite":
        with Store(f"sqlite:///{tmp_path / 'db.sqlite'}") as s:
            yield s
        return
    schema = _postgres_schema()
    _on_postgres(f"CREATE SCHEMA {schema}")
    try:
        with Store(f"{PG}?options=-csearch_path%3D{schema}") as s:
            yield s
    finally:
        _on_postgres(f"DROP SCHEMA {schema} CASCADE")


def submission(name="Bouwbedrijf De Vries B.V.", kvk="12345678", sha="a" * 64, price=100000.0, ko=False,
               date=dt.date(2027, 2, 20), revision=1):
    findings = [FormFinding(severity="error", code="knockout", cell="Eisen!D5", item="REQ-01",
                            message="Eis met Nee beantwoord", message_en="Requirement answered No")] if ko else []
    return Submission(
        tender_reference="TEST-2027-001", revision=revision, form_version="1", language="nl",
        bidder=Bidder(name=name, kvk=kvk, date=date),
        answers=[
            Answer(id="REQ-01", kind="requirement", answer_type="confirm", value=not ko, raw="Nee" if ko else "Ja",
                   cell="Eisen!D5"),
            Answer(id="AWD-01", kind="award_criterion", answer_type="text", value="Wij werken samen.",
                   raw="Wij werken samen.", cell="Gunningscriteria!E5", attachment="bijlage-1.pdf"),
        ],
        kpi_offers=[KpiOffer(id="KPI-01", value=99.5, raw="99,5", unit="percent", direction="higher_is_better",
                             minimum=99.0, target=99.8, cell="KPI!F5")],
        responsibilities=[Responsibility(activity="RACI-02", party="contractor", letters="RA", cell="RACI!D6")],
        price_eur=price, findings=findings,
        source=Source(filename=f"{name}.xlsx", sha256=sha, size=12345),
    )


def test_register_and_read_tender(store):
    tender = make_tender()
    assert store.register_tender(tender) is True
    assert store.register_tender(tender) is False
    assert store.tender("TEST-2027-001") == tender
    assert store.tender("TEST-2027-001", 2) is None
    assert store.tender("OTHER") is None


def test_import_stores_every_row(store):
    result = store.import_submission(submission())
    assert result.status == "imported" and result.superseded == () and result.claims == ()
    (sub,) = store.submissions("TEST-2027-001")
    assert sub == submission()
    with Session(store.engine) as session:
        answers = session.scalars(select(AnswerRow).order_by(AnswerRow.item_id)).all()
        assert [(a.item_id, a.value_bool, a.value_text, a.attachment) for a in answers] == [
            ("AWD-01", None, "Wij werken samen.", "bijlage-1.pdf"), ("REQ-01", True, None, None)]
        resp = session.scalars(select(ResponsibilityRow)).one()
        assert (resp.activity_id, resp.party, resp.letters) == ("RACI-02", "contractor", "RA")


def test_same_file_twice_is_stored_once(store):
    first = store.import_submission(submission())
    second = store.import_submission(submission())
    assert second.status == "duplicate" and second.submission_id == first.submission_id
    with Session(store.engine) as session:
        assert session.scalar(select(func.count(SubmissionRow.id))) == 1


def test_later_submission_supersedes_and_keeps_history(store):
    first = store.import_submission(submission(sha="a" * 64, price=120000.0))
    other = store.import_submission(submission(name="Ander B.V.", kvk="87654321", sha="c" * 64))
    second = store.import_submission(submission(sha="b" * 64, price=110000.0, date=dt.date(2027, 2, 21)))
    assert second.superseded == (first.submission_id,)
    current = store.submissions("TEST-2027-001")
    assert sorted(s.price_eur for s in current) == [100000.0, 110000.0]
    history = store.history("TEST-2027-001")
    assert [(h["id"], h["current"], h["superseded_by"]) for h in history] == [
        (first.submission_id, False, second.submission_id), (other.submission_id, True, None),
        (second.submission_id, True, None)]
    assert len(store.submissions("TEST-2027-001", include_history=True)) == 3


def test_knockout_is_recorded(store):
    store.import_submission(submission(ko=True))
    (sub,) = store.submissions("TEST-2027-001")
    assert sub.knocked_out and not sub.valid
    with Session(store.engine) as session:
        row = session.scalars(select(SubmissionRow)).one()
        assert row.knocked_out and row.errors == 1 and not row.valid


def test_import_is_all_or_nothing(store):
    from sqlalchemy.exc import IntegrityError

    records = submission_records(submission())
    records.children["answer"][-1]["item_id"] = None  # NOT NULL: fails after the submission row is inserted
    with pytest.raises(IntegrityError):
        store.import_submission(records)
    with Session(store.engine) as session:
        assert session.scalar(select(func.count(SubmissionRow.id))) == 0
        assert session.scalar(select(func.count(AnswerRow.id))) == 0
    assert store.import_submission(submission()).status == "imported"


def test_bad_url_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="cannot open the database"):
        Store("nosuchdriver://x")
    with pytest.raises(InputError, match="missing/dir/db.sqlite: cannot create the database"):
        Store(f"sqlite:///{tmp_path}/missing/dir/db.sqlite")


def test_database_url_defaults(monkeypatch, tmp_path):
    monkeypatch.delenv("TENDERPACK_DB", raising=False)
    assert database_url() == "sqlite:///tenderpack.sqlite"
    assert database_url(str(tmp_path / "x.db")) == f"sqlite:///{tmp_path / 'x.db'}"
    monkeypatch.setenv("TENDERPACK_DB", "postgresql+psycopg://u:p@h/db")
    assert database_url() == "postgresql+psycopg://u:p@h/db"


def _states(store):
    """Per file (the first letter of its SHA-256): (current, the file that superseded it, finding codes)."""
    with Session(store.engine) as session:
        rows = session.scalars(select(SubmissionRow).order_by(SubmissionRow.id)).all()
        names = {r.id: r.file_sha256[0] for r in rows}
        return {r.file_sha256[0]: (r.current, names.get(r.superseded_by),
                             sorted(f.code for f in Submission.model_validate_json(r.data).findings))
                for r in rows}


def test_another_company_with_the_same_kvk_stands_beside_it(store):
    own = store.import_submission(submission(sha="a" * 64))
    forged = store.import_submission(submission(name="Nimbuswerk ICT B.V.", sha="b" * 64,
                                                date=dt.date(2027, 3, 1)))
    assert forged.superseded == () and forged.claims == (own.submission_id,)
    states = _states(store)
    assert states == {"a": (True, None, ["bidder_claimed_twice"]), "b": (True, None, ["bidder_claimed_twice"])}
    (theirs,) = [s for s in store.submissions("TEST-2027-001") if s.bidder.name.startswith("Nimbus")]
    (finding,) = theirs.findings
    assert finding.severity == "warning" and f"#{own.submission_id}" in finding.message
    assert finding.message.startswith("Twee formulieren claimen dezelfde inschrijver")
    assert finding.message_en.startswith("Two forms claim one bidder")
    with Session(store.engine) as session:  # the finding rows match the JSON, the counts too
        rows = session.scalars(select(SubmissionRow).order_by(SubmissionRow.id)).all()
        assert [r.warnings for r in rows] == [1, 1]
        codes = session.scalars(select(FindingRow.code).order_by(FindingRow.submission_id)).all()
        assert codes == ["bidder_claimed_twice", "bidder_claimed_twice"]


def test_placeholder_kvk_numbers_never_collide(store):
    first = store.import_submission(submission(name="Alfa B.V.", kvk="n.v.t.", sha="a" * 64))
    second = store.import_submission(submission(name="Bravo B.V.", kvk="n.v.t.", sha="b" * 64,
                                                date=dt.date(2027, 3, 1)))
    assert second.superseded == () and second.claims == ()
    assert sorted(s.bidder.name for s in store.submissions("TEST-2027-001")) == ["Alfa B.V.", "Bravo B.V."]
    # The same name without a valid number cannot be told apart from a second company: side by side.
    third = store.import_submission(submission(name="ALFA BV", kvk="n.v.t.", sha="c" * 64,
                                               date=dt.date(2027, 3, 2)))
    assert third.superseded == () and third.claims == (first.submission_id,)


def test_an_older_form_arriving_later_is_kept_as_history(store):
    newer = store.import_submission(submission(sha="b" * 64, date=dt.date(2027, 3, 1), price=90000.0))
    older = store.import_submission(submission(sha="a" * 64, date=dt.date(2027, 2, 20)))
    assert older.older_than == newer.submission_id and older.superseded == ()
    assert [s.price_eur for s in store.submissions("TEST-2027-001")] == [90000.0]
    (kept,) = [s for s in store.submissions("TEST-2027-001", include_history=True) if s.price_eur == 100000.0]
    assert [f.code for f in kept.findings] == ["older_form_later"]
    assert "01-03-2027" in kept.findings[0].message and "2027-03-01" in kept.findings[0].message_en


def test_import_order_does_not_decide(store):
    forms = [submission(sha="a" * 64, date=dt.date(2027, 2, 20)),
             submission(sha="b" * 64, date=dt.date(2027, 3, 1), price=90000.0),
             submission(name="Bouwbedrijf de Vries BV", kvk="1234 5678", sha="c" * 64, date=dt.date(2027, 2, 25)),
             submission(name="Ander B.V.", kvk="87654321", sha="d" * 64)]
    for sub in forms:
        store.import_submission(sub)
    forward = {name: state[:2] for name, state in _states(store).items()}
    # "1234 5678" is the same KvK number and "Bouwbedrijf de Vries BV" the same name: one bidder.
    assert forward == {"a": (False, "b"), "b": (True, None), "c": (False, "b"), "d": (True, None)}
    with Session(store.engine) as session:  # the same forms in the reverse order, in a fresh tender
        session.execute(text("DELETE FROM finding"))
        session.execute(text("UPDATE submission SET superseded_by = NULL"))
        for table in ("answer", "kpi_offer", "responsibility", "submission"):
            session.execute(text(f"DELETE FROM {table}"))
        session.commit()
    for sub in reversed(forms):
        store.import_submission(sub)
    assert {name: state[:2] for name, state in _states(store).items()} == forward


def test_an_outdated_revision_never_supersedes(store):
    store.register_tender(make_tender().model_copy(update={"revision": 2}))
    current = store.import_submission(submission(sha="a" * 64, revision=2, date=dt.date(2027, 2, 20)))
    outdated = store.import_submission(submission(sha="b" * 64, revision=1, date=dt.date(2027, 3, 9)))
    assert outdated.older_than == current.submission_id
    # A form claiming a revision the tender does not have replaces nothing and is replaced by nothing.
    unknown = store.import_submission(submission(sha="c" * 64, revision=3, date=dt.date(2027, 3, 9)))
    assert unknown.superseded == () and unknown.claims == (current.submission_id,)


def test_forms_that_are_neither_newer_stand_side_by_side_until_a_newer_one(store):
    first = store.import_submission(submission(sha="a" * 64))
    second = store.import_submission(submission(sha="b" * 64))  # same revision, same date of signature
    undated = store.import_submission(submission(sha="c" * 64, date=None))
    assert second.claims == (first.submission_id,)
    assert undated.claims == (first.submission_id, second.submission_id)
    assert len(store.submissions("TEST-2027-001")) == 3
    later = store.import_submission(submission(sha="d" * 64, date=dt.date(2027, 2, 21)))
    # Newer than the two dated forms; the undated one cannot be ordered and stays beside it.
    assert later.superseded == (first.submission_id, second.submission_id)
    assert later.claims == (undated.submission_id,)
    assert sorted(s.source.sha256[0] for s in store.submissions("TEST-2027-001")) == ["c", "d"]
