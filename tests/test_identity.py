"""Bidder identity: registration numbers, names, which form is newer, and what the store decides; then a
form of another company carrying the sample winner's KvK number, through import, evaluate, export and
agreement on the command line."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from test_cli_lifecycle import (
    BIDS, EVALUATED, HAZEVELD, KVK, NIMBUSWERK, REF, SCORES, STEM, copy_db, error_line, life, ok, run, table,
)

from generator.identity import Claim, decide, name_key, newer, normal_name, registration
from generator.ocds.check import package_findings
from generator.records import bidder_key
from generator.store import Store
from generator.workbook import open_workbook

__all__ = ["life"]  # the shared lifecycle fixture of test_cli_lifecycle


@pytest.mark.parametrize(("typed", "expected"), [
    ("61834207", "NL:61834207"), ("6183 4207", "NL:61834207"), ("61.83.42.07", "NL:61834207"),
    ("NL61834207", "NL:61834207"), ("nl 61834207", "NL:61834207"), ("DE HRB 12345", "DE:HRB12345"),
    ("be 0123.456.789", "BE:0123456789"),
    ("n.v.t.", None), ("-", None), ("", None), (None, None), ("1234567", None), ("123456789", None),
    ("XX 12345", None), ("DE HRB", None), ("NLABCDEFGH", None), ("٦١٨٣٤٢٠٧", None),
])
def test_registration(typed, expected):
    assert registration(typed) == expected


def test_names_compare_without_case_punctuation_or_spacing():
    assert normal_name("Hazeveld ICT Services B.V.") == normal_name(" hazeveld  ict services BV ") \
        == "hazeveld ict services bv"
    assert normal_name("Noord-Haven") == "noord haven"
    assert name_key("Hazeveld ICT Services B.V.") == name_key("HAZEVELD ICT SERVICES BV")
    assert name_key("Hazeveld ICT Services B.V.") != name_key("Nimbuswerk ICT B.V.")
    assert name_key("  ") is None and name_key(None) is None


def claim(id, reg="NL:61834207", name="hazeveld", revision=2, signed=dt.date(2027, 4, 2)):
    return Claim(id, reg, name_key(name), revision, signed, f"{id}.xlsx", name)


def test_newer_is_revision_then_date_and_nothing_else():
    assert newer(claim(1, revision=2), claim(2, revision=1, signed=dt.date(2027, 5, 1)), latest=2)
    assert newer(claim(1, signed=dt.date(2027, 4, 3)), claim(2), latest=2)
    assert not newer(claim(1), claim(2), latest=2)  # same revision and date: neither
    assert not newer(claim(1, signed=None), claim(2), latest=2)  # no date: undecided
    assert not newer(claim(1, revision=3), claim(2), latest=2)  # a revision the tender does not have


def test_decide():
    sha = "f" * 64
    older = decide(claim(None), sha, [claim(7, signed=dt.date(2027, 4, 9))], latest=2)
    assert older.older_than.id == 7 and older.supersedes == () and older.claims == ()
    later = decide(claim(None, signed=dt.date(2027, 4, 9)), sha, [claim(7)], latest=2)
    assert later.supersedes == (7,) and later.bidder_key == f"NL:61834207|{name_key('hazeveld')}"
    forged = decide(claim(None, name="nimbuswerk"), sha, [claim(7)], latest=2)
    assert forged.supersedes == () and [(c.id, why) for c, why in forged.claims] == [(7, "registration")]
    tie = decide(claim(None), sha, [claim(7)], latest=2)
    assert [(c.id, why) for c, why in tie.claims] == [(7, "undecided")] and tie.bidder_key.endswith(sha)
    nameless = decide(claim(None, reg=None), sha, [claim(7, reg=None)], latest=2)
    assert nameless.bidder_key == f"?|{sha}" and [why for _, why in nameless.claims] == ["name"]


# --- on the command line ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def forged(life, tmp_path_factory):
    """A copy of the lifecycle database with a form of Nimbuswerk carrying Hazeveld's KvK number, signed
    after Hazeveld's own form, and the import's result."""
    folder = tmp_path_factory.mktemp("forged")
    answers = yaml.safe_load((BIDS / "nimbuswerk-ict.yaml").read_text(encoding="utf-8"))
    answers["bidder"]["kvk"] = KVK[HAZEVELD]
    answers["bidder"]["date"] = dt.date(2027, 4, 20)
    (folder / "nimbuswerk.yaml").write_text(yaml.safe_dump(answers, allow_unicode=True), encoding="utf-8")
    form = folder / "nimbuswerk-met-kvk-hazeveld.xlsx"
    ok("fill", life.form, folder / "nimbuswerk.yaml", "--out", form)
    db = copy_db(life.db, folder)
    return db, form, ok("import", form, "--db", db)


def test_a_form_with_another_companys_kvk_replaces_nothing(forged):
    db, form, result = forged
    with Store(str(db)) as store:
        ids = {h["filename"]: h["id"] for h in store.history(REF)}
        current = store.submissions(REF)
    row = table(result)[form.name]
    # Hazeveld by its KvK number, the real Nimbuswerk by its name: both stay current beside this one.
    hazeveld, nimbuswerk = ids["hazeveld-ict-services.xlsx"], ids["nimbuswerk-ict.xlsx"]
    assert (row.status, row.detail) == ("imported", f"{NIMBUSWERK}  [knock-out]  [two forms claim one bidder: "
                                                    f"side by side with #{hazeveld}, #{nimbuswerk}]")
    claimed = {s.source.filename: [f for f in s.findings if f.code == "bidder_claimed_twice"] for s in current}
    assert len(current) == 4 and len(claimed["hazeveld-ict-services.xlsx"]) == 1 and len(claimed[form.name]) == 2
    assert form.name in claimed["hazeveld-ict-services.xlsx"][0].message


def test_the_committee_sees_both_bids_with_the_finding(forged, tmp_path):
    db, form, _ = forged
    out = tmp_path / "eval"
    ok("evaluate", REF, "--db", db, "--out", out, "--date", EVALUATED)
    with Store(str(db)) as store:
        keys = {s.source.filename: bidder_key(s) for s in store.submissions(REF)}
    assert keys["hazeveld-ict-services.xlsx"].startswith(f"kvk:{KVK[HAZEVELD]}@")
    assert keys[form.name].startswith(f"kvk:{KVK[HAZEVELD]}@") and keys[form.name] != keys["hazeveld-ict-services.xlsx"]
    sheet = open_workbook(out / f"{STEM}nalevingsmatrix.xlsx").sheets[0]
    column = [cells.get(1) for _, cells in sorted(sheet.rows.items())]
    # Each bid in its own row, told apart by its key, and under the table the finding on each of them.
    for name, file in ((HAZEVELD, "hazeveld-ict-services.xlsx"), (NIMBUSWERK, form.name),
                       (NIMBUSWERK, "nimbuswerk-ict.xlsx")):
        label = f"{name} ({keys[file]})"
        assert label in column
        (note,) = [line for line in column if str(line).startswith(f"Signalering bij {label} ")]
        assert "Twee formulieren claimen dezelfde inschrijver" in note
    # The sample scores name Hazeveld by its KvK number, which no longer says which bid is meant.
    result = run("evaluate", REF, "--db", db, "--out", tmp_path / "scored", "--scores", SCORES,
                 "--date", EVALUATED)
    assert result.exit_code == 1 and f"kvk:{KVK[HAZEVELD]}" in result.stderr
    rows = json.loads(ok("export", "commitments", REF, "--db", db).stdout)
    assert {r["submission_file"] for r in rows if r["kvk"] == KVK[HAZEVELD]} == {"hazeveld-ict-services.xlsx",
                                                                                   form.name}
    ocds = json.loads(ok("export", "ocds", REF, "--db", db).stdout)
    assert package_findings(ocds) == []
    parties = {p["id"]: p for p in ocds["releases"][0]["parties"] if "tenderer" in p["roles"]}
    claimants = sorted(p["name"] for p in parties.values() if p["identifier"]["id"] == KVK[HAZEVELD])
    assert len(parties) == 4 and claimants == [HAZEVELD, NIMBUSWERK]
    assert len(ocds["releases"][0]["bids"]["details"]) == 4


def test_agreement_names_the_bid_by_its_key_when_two_claim_one_bidder(forged, tmp_path):
    db, _, _ = forged
    line = error_line(run("agreement", REF, "--bidder", KVK[HAZEVELD], "--db", db, "--out", tmp_path / "a"))
    assert line.startswith(f"error: more than one bid matches bidder '{KVK[HAZEVELD]}'")
    with Store(str(db)) as store:
        (own,) = [s for s in store.submissions(REF) if s.source.filename == "hazeveld-ict-services.xlsx"]
    key = f"kvk:{KVK[HAZEVELD]}@{own.source.sha256[:12]}"
    assert key in line
    result = ok("agreement", REF, "--bidder", key, "--db", db, "--out", tmp_path / "b", "--date", "2027-06-01")
    monitoring = open_workbook(tmp_path / "b" / f"{STEM}monitoringsbestand.xlsx")
    shown = "\n".join(str(v) for sheet in monitoring.sheets for cells in sheet.rows.values() for v in cells.values())
    assert HAZEVELD in shown and NIMBUSWERK not in shown
