"""Limits of the YAML reader that all five YAML readers share (issue 16, item 10)."""

from __future__ import annotations

import time

import pytest
from factories import make_tender
from minilib import write_library

from generator.errors import InputError
from generator.evaluation.scorefile import load_scores
from generator.form import load_answers
from generator.library import load_library
from generator.monitoring.sample import load_measurement_set
from generator.spec import load_spec
from generator import yamlfile
from generator.yamlfile import MAX_NODES, load_yaml, loads_yaml


def test_a_long_list_under_the_size_cap_is_refused_quickly(tmp_path):
    path = tmp_path / "big.yaml"
    path.write_text("items:\n" + "- 1\n" * 1_200_000, encoding="utf-8")  # 4.8 MB, under the 5 MiB cap
    start = time.perf_counter()
    with pytest.raises(InputError) as caught:
        load_yaml(path)
    assert time.perf_counter() - start < 5  # it took minutes and gigabytes to build the nodes
    # Nodes: the mapping, its key, the list, then the items from line 2: item MAX_NODES - 2 is one too many.
    assert str(caught.value) == (f"{path}:{MAX_NODES - 1}: the document holds more than {MAX_NODES:,} values; "
                                 "a tenderpack file has far fewer")


def test_the_node_limit_counts_every_value(monkeypatch):
    monkeypatch.setattr(yamlfile, "MAX_NODES", 10)
    assert loads_yaml("- 1\n" * 9, "ok.yaml").data == [1] * 9  # the list itself is a value too
    assert loads_yaml("a: [1, 2]\nb: {c: 3}\n", "ok.yaml").data == {"a": [1, 2], "b": {"c": 3}}  # 9 values
    with pytest.raises(InputError, match=r"^big.yaml:10: the document holds more than 10 values"):
        loads_yaml("- 1\n" * 10, "big.yaml")
    with pytest.raises(InputError, match=r"^big.yaml:1: the document holds more than 10 values"):
        loads_yaml("{a: [1, 2], b: {c: 3, d: 4}}\n", "big.yaml")  # 11 values on one line


@pytest.mark.parametrize(("value", "message"), [
    ("1" * 4301, "a number of 4,301 digits is no value tenderpack uses"),
    (".nan", "'.nan' is not a finite number; give a number"),
    (".inf", "'.inf' is not a finite number; give a number"),
    ("-.INF", "'-.INF' is not a finite number; give a number"),
    ("1" * 400 + ".0", f"'{'1' * 40}' is not a finite number; give a number"),
])
def test_numbers_that_are_no_values_are_refused_with_their_line(value, message):
    with pytest.raises(InputError) as caught:
        loads_yaml(f"a:\n  b: 1\n  c: {value}\n", "f.yaml")
    assert str(caught.value) == f"f.yaml:3: {message}"


def test_a_long_number_within_python_limits_is_read():
    assert loads_yaml(f"a: {'9' * 4300}\n", "f.yaml").data["a"] == int("9" * 4300)


BIG = "1" * 5000


def test_every_yaml_reader_refuses_a_huge_integer_with_its_line(tmp_path):
    path = tmp_path / "file.yaml"
    path.write_text(f"tender: X\nvalue: {BIG}\n", encoding="utf-8")
    readers = [lambda: load_spec(path, load_library()), lambda: load_answers(path), lambda: load_measurement_set(path),
               lambda: load_scores(path, make_tender(), [])]
    for read in readers:
        with pytest.raises(InputError, match=rf"^{path}:2: a number of 5,000 digits"):
            read()
    library = tmp_path / "library"
    write_library(library)
    (library / "_library.yaml").write_text(f"name: x\nversion: {BIG}\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"_library.yaml:2: a number of 5,000 digits"):
        load_library(library)
