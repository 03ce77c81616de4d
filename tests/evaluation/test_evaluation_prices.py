"""Prices from a CSV file as a Dutch Excel writes it, with located errors."""

from __future__ import annotations

from decimal import Decimal as D

import pytest
from evaluation_bids import bid, key, scores, weighted_tender

from generator.errors import InputError, ValidationFailed
from generator.evaluation import evaluate, read_prices_csv

ALFA, BRAVO, CHARLIE = bid("Alfa Advies"), bid("Bravo Beheer"), bid("Charlie ICT", kvk=None)
SUBS = [ALFA, BRAVO, CHARLIE]


def test_dutch_excel_csv_with_bom_semicolons_and_decimal_commas():
    text = ("\ufeffbidder;price_eur;opmerking\r\n"
            f"{ALFA.bidder.kvk};€ 1.234.567,89;inclusief optie\r\n"
            "  bravo   BEHEER ;\"98.500\";\r\n"
            "\r\n"
            "Charlie ICT;450000,-;\r\n")
    prices = read_prices_csv(text.encode("utf-8"), SUBS, name="prijzen.csv")
    assert prices == {key(ALFA): D("1234567.89"), key(BRAVO): D("98500.0"), key(CHARLIE): D("450000.0")}


def test_windows_1252_comma_separated_and_bidder_keys(tmp_path):
    path = tmp_path / "prices.csv"
    path.write_bytes(f"Bidder,Price_EUR\n{key(ALFA)},\"1.250,50\"\nCharlie ICT,99.95\n".encode("cp1252")
                     + "Bravo Beheer,\"€1,000\"\n".encode("cp1252"))
    assert read_prices_csv(path, SUBS) == {key(ALFA): D("1250.5"), key(CHARLIE): D("99.95"),
                                           key(BRAVO): D("1000.0")}


def test_tab_separated_utf16_as_excel_unicode_text():
    data = f"bidder\tprice_eur\n{ALFA.bidder.kvk}\t1000\n".encode("utf-16")
    assert read_prices_csv(data, SUBS) == {key(ALFA): D("1000.0")}


def test_every_bad_line_is_located():
    text = ("bidder;price_eur\n"
            "Alfa Advies;0\n"
            "Alfa Advies;100\n"
            "Onbekend B.V.;100\n"
            "12345678;100\n"
            "Bravo Beheer;tien euro\n"
            "Charlie ICT;\n"
            ";100\n"
            "Charlie ICT\n"
            "Charlie ICT;1;000\n")
    with pytest.raises(ValidationFailed) as info:
        read_prices_csv(text.encode(), SUBS, name="prijzen.csv")
    assert [str(f) for f in info.value.findings] == [
        "prijzen.csv:2: error: the price of 'Alfa Advies' must be greater than zero, not 0",
        "prijzen.csv:3: error: 'Alfa Advies' is given a price twice (first on line 2)",
        "prijzen.csv:4: error: no submission from 'Onbekend B.V.' (give the KvK number or the name as in the "
        "bid form)",
        "prijzen.csv:5: error: no submission from '12345678' (give the KvK number or the name as in the bid "
        "form)",
        "prijzen.csv:6: error: 'tien euro' is not an amount in euro",
        "prijzen.csv:7: error: no price for 'Charlie ICT'",
        "prijzen.csv:8: error: no bidder named",
        "prijzen.csv:9: error: 1 fields where the header has 2; is an amount with a comma unquoted in a "
        "comma-separated file?",
        "prijzen.csv:10: error: 3 fields where the header has 2; is an amount with a comma unquoted in a "
        "comma-separated file?",
    ]


def test_two_bidders_with_one_name_need_the_kvk_number():
    twin = bid("Alfa Advies", kvk="87654321")
    with pytest.raises(ValidationFailed, match="1 error"):
        read_prices_csv(b"bidder;price_eur\nAlfa Advies;100\n", [ALFA, twin])
    assert read_prices_csv(b"bidder;price_eur\n87654321;100\n", [ALFA, twin]) == {key(twin): D("100.0")}


@pytest.mark.parametrize("data, message", [
    (b"naam;prijs\nAlfa;1\n", "must name the columns 'bidder' and 'price_eur'"),
    (b"", "must name the columns"),
    (b"PK\x03\x04rest", "not a CSV text file"),
    (b"x" * (1 << 20 + 1), "larger than 1024 KiB"),
])
def test_unusable_files(data, message):
    with pytest.raises(InputError, match=message):
        read_prices_csv(data, SUBS)


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_prices_csv(tmp_path / "nope.csv", SUBS)


def test_csv_prices_feed_the_evaluation():
    tender = weighted_tender()
    prices = read_prices_csv(f"bidder;price_eur\n{ALFA.bidder.kvk};90.000\nBravo Beheer;120.000\n".encode(),
                             SUBS)
    result = evaluate(tender, [ALFA, BRAVO], scores(tender, (ALFA, (8, 6)), (BRAVO, (8, 6))), prices)
    assert [(r.name, r.price_eur, r.price_points) for r in result.ranking] == [
        ("Alfa Advies", D("90000.0"), D("40.00")), ("Bravo Beheer", D("120000.0"), D("30.00"))]
