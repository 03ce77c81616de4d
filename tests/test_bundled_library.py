"""The bundled library and samples: sizes the issue asks for, and every sample checks clean."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from generator.cli import cli
from generator.library import load_library
from generator.spec import check_spec

ROOT = Path(__file__).resolve().parent.parent


def test_bundled_library_counts_through_the_cli():
    result = CliRunner().invoke(cli, ["library", "list", "--json"])
    assert result.exit_code == 0
    counts = json.loads(result.stdout)["counts"]
    assert counts["clauses"] >= 40
    assert counts["kpis"] >= 15
    assert counts["activities"] >= 12
    assert counts["categories"] >= 10
    assert all(n > 0 for n in counts["by_kind"].values())
    assert all(n > 0 for n in counts["by_category"].values())


def test_bundled_library_is_clean_and_bilingual():
    lib = load_library()
    assert lib.warnings == []
    for clause in lib.clauses.values():
        assert clause.title.en and clause.text.en, clause.id
        if clause.kpi is not None:
            assert clause.kpi.definition.en and clause.kpi.calculation.en, clause.id
    assert any(c.meetings for c in lib.clauses.values())
    assert any(c.escalation for c in lib.clauses.values())


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.yaml")), ids=lambda p: p.stem)
def test_samples_check_clean(sample):
    spec, findings = check_spec(sample, load_library())
    assert spec is not None
    assert findings == []
