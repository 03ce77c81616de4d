"""The form layout shared by writer and parser: names, columns, wording and the text hash."""

from __future__ import annotations

import hashlib
import re

import pytest

from generator.form import layout as L
from generator.form.wording import WORDING, wording
from generator.models.clause import CLAUSE_ID, PARTIES

# A defined name: letter or underscore first, then letters, digits, underscores and dots.
DEFINED_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.]*")
# What Excel would read as a cell reference instead of a name (column up to XFD, any row).
CELL_REFERENCE = re.compile(r"[A-Za-z]{1,3}[0-9]+")


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_sheet_names_are_valid_and_distinct(lang):
    names = [L.sheet_name(key, lang) for key in L.SHEET_NAMES] + [L.META_SHEET]
    assert len(set(names)) == len(names)
    for name in names:
        assert 0 < len(name) <= 31 and not set(name) & set(":\\/?*[]") and not name.startswith("'")


def test_columns_start_with_the_id_and_have_answers():
    for sheet, columns in L.COLUMNS.items():
        keys = [c.key for c in columns]
        assert keys[0] == "id" and columns[0].shown and len(set(keys)) == len(keys), sheet
        assert any(c.answer for c in columns) and not any(c.answer and c.shown for c in columns), sheet
        assert L.column_index(sheet, "answer" if "answer" in keys else "client") > 1
    assert [c.key for c in L.COLUMNS[L.RACI] if c.key in PARTIES] == list(L.RACI_PARTIES) == list(PARTIES)
    with pytest.raises(KeyError):
        L.column_index(L.REQUIREMENTS, "nope")


def test_fixed_ids_never_clash_with_clause_ids():
    ids = [f.id for f in L.BIDDER_FIELDS + L.PRICE_FIELDS]
    assert len(set(ids)) == len(ids)
    assert not any(re.fullmatch(CLAUSE_ID.strip("^$"), i) for i in ids)


def test_wording_exists_in_both_languages_within_excels_limits():
    for key, text in WORDING.items():
        assert text.en is not None, key
        if key.startswith("dv_title_"):
            assert len(text.nl) <= 32 and len(text.en) <= 32, key
    assert wording("see_sheet", "en", sheet="Responsibilities") == "→ Responsibilities"


def test_defined_names_are_names_not_cell_references():
    for name in (L.LIST_YES_NO, L.LIST_RACI, L.NAME_REFERENCE, L.NAME_REVISION, L.NAME_FORMAT,
                 L.choice_list_name("KPI-01"), L.choice_list_name("REQ-05")):
        assert DEFINED_NAME.fullmatch(name) and not CELL_REFERENCE.fullmatch(name), name
    assert L.choice_list_name("REQ-05") == "tp_list_REQ_05"


def test_raci_combinations_are_every_ordered_non_empty_subset():
    assert len(set(L.RACI_COMBINATIONS)) == 15
    assert all(re.fullmatch(r"R?A?C?I?", c) and c for c in L.RACI_COMBINATIONS)


def test_meta_fields_are_unique_and_cover_the_parties():
    assert L.META_HEADER == ("record", "key", "data") and L.FORM_FORMAT_VERSION == "4"
    assert len(set(L.META_FIELDS)) == len(L.META_FIELDS) and not {"record", "key"} & set(L.META_FIELDS)
    assert set(L.RACI_PARTIES) <= set(L.META_FIELDS)


def test_meta_data_is_compact_json_in_field_order_without_empty_fields():
    record = {"record": "item", "key": "REQ-01", "hash": "ab", "answer_type": "text", "sheet": "requirements",
              "row": 6, "column": "E", "low": None, "unit": "", "max_length": 200, "label": "Één, “twee”"}
    data = L.meta_data(record)
    assert data == ('{"label":"Één, “twee”","sheet":"requirements","row":6,"column":"E","answer_type":"text",'
                    '"hash":"ab","max_length":200}')
    assert L.meta_data({**record, "key": "REQ-02", "extra": 1}) == data  # kind, key and others stay out
    assert L.meta_data({"record": "sheet", "key": "lists"}) is None
    assert L.meta_data({"value": "a\x01b"}) == '{"value":"a\\u0001b"}'  # no control character in the XML
    with pytest.raises(ValueError):
        L.meta_data({"minimum": float("nan")})


def test_hash_normalises_whitespace_unicode_and_numbers():
    base = L.text_hash(["REQ-01", "Titel", "Een tekst\nover twee regels", 99.8, None])
    assert base == L.text_hash([" REQ-01", "Titel ", "Een  tekst over\r\ntwee regels", 99.80000000000001, ""])
    assert base == hashlib.sha256(b"REQ-01\x1fTitel\x1fEen tekst over twee regels\x1f99.8\x1f").hexdigest()
    assert L.text_hash(["Continuïteit"]) == L.text_hash(["Continui\u0308teit"])  # NFC
    assert L.text_hash([5]) == L.text_hash([5.0]) == L.text_hash([4.9999999999999])
    assert L.text_hash(["a b", "c"]) != L.text_hash(["a", "b c"])  # text moved between cells
    assert L.text_hash(["Eis 1"]) != L.text_hash(["Eis 2"])
    with pytest.raises(TypeError):
        L.normalize_part(True)


def test_row_hash_reads_only_the_shown_columns():
    shown = L.shown_columns(L.REQUIREMENTS)
    assert shown == (1, 2, 3, 4)
    values = {1: "REQ-01", 2: "Titel", 3: "Tekst", 4: "Ja/Nee"}
    assert L.row_hash(L.REQUIREMENTS, values) == L.row_hash(L.REQUIREMENTS, {**values, 5: "Ja", 6: "opm."})
    assert L.row_hash(L.REQUIREMENTS, values) == L.text_hash(values.values())
