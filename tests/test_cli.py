"""The command line through click's CliRunner: output, --json shape and exit codes 0/1/2."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from generator.cli import cli
from minilib import GOVERNANCE, SPEC, write_library, write_spec

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def runner():
    return CliRunner()


@pytest.fixture
def minilib(tmp_path):
    return write_library(tmp_path / "lib")


def run(runner, *args):
    result = runner.invoke(cli, [str(a) for a in args])
    assert "Traceback" not in result.output
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result


def all_commands(group: click.Group, prefix=()):
    for name, command in group.commands.items():
        yield prefix + (name,)
        if isinstance(command, click.Group):
            yield from all_commands(command, prefix + (name,))


def test_every_command_has_help(runner):
    paths = list(all_commands(cli))
    assert ("library", "list") in paths and ("build",) in paths and ("init",) in paths
    for path in paths:
        result = run(runner, *path, "--help")
        assert result.exit_code == 0, path
        assert "Usage:" in result.output
        assert len(result.output.splitlines()) > 3


def test_library_list_json_shape(runner, minilib):
    result = run(runner, "--library", minilib, "library", "list", "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert set(data) == {"library", "counts", "clauses", "activities"}
    assert data["library"]["name"] == "mini"
    assert data["counts"]["clauses"] == 3 and data["counts"]["kpis"] == 1 and data["counts"]["activities"] == 1
    assert data["counts"]["by_kind"] == {"requirement": 1, "award_criterion": 1, "contract_clause": 0, "kpi": 1}
    assert data["clauses"][0] == {"id": "GOV-01", "version": "1.0", "category": "governance",
                                  "kind": "requirement", "principles": [1, 2], "title": "Overleg",
                                  "obligation": "result"}
    assert data["activities"][0]["roles"] == {"client": "A", "contractor": "R", "joint": "", "third_party": ""}


def test_library_list_filters_and_language(runner, minilib):
    result = run(runner, "--library", minilib, "library", "list", "--kind", "kpi", "--lang", "en")
    assert result.exit_code == 0
    assert result.stdout.splitlines() == ["GOV-03    kpi              governance        Timely reporting"]
    result = run(runner, "--library", minilib, "library", "list", "--category", "nonsense")
    assert result.exit_code == 2
    assert result.stderr.strip().startswith("error: unknown category 'nonsense'")
    assert len(result.stderr.strip().splitlines()) == 1


def test_library_show(runner, minilib):
    result = run(runner, "--library", minilib, "library", "show", "gov-01", "--lang", "en")
    assert result.exit_code == 0
    assert "GOV-01 v1.0  Meetings" in result.stdout
    assert "The Contractor meets the Client every {{ weeks }} weeks." in result.stdout
    assert "parameter weeks (integer weeks) [1..8]: default 2" in result.stdout
    result = run(runner, "--library", minilib, "library", "show", "XYZ-01")
    assert result.exit_code == 2 and result.stderr.strip() == "error: XYZ-01: no clause or activity with this ID in the library"


def test_library_check_exit_codes(runner, minilib, tmp_path):
    result = run(runner, "library", "check", minilib)
    assert result.exit_code == 0 and "OK: 3 clauses (1 KPIs), 1 RACI activities" in result.stdout
    broken = write_library(tmp_path / "broken", GOVERNANCE.replace("default: 2", "default: 12"))
    result = run(runner, "library", "check", broken)
    assert result.exit_code == 1
    assert f"{broken}/governance.yaml:12 GOV-01.parameters.0: error: default 12 is above the maximum 8" in result.stderr
    result = run(runner, "library", "check", tmp_path / "absent")
    assert result.exit_code == 2 and "not a clause library folder" in result.stderr
    yaml_error = write_library(tmp_path / "bad", GOVERNANCE + "  - [unclosed\n")
    result = run(runner, "library", "check", yaml_error)
    assert result.exit_code == 2 and "invalid YAML" in result.stderr


def test_spec_check_exit_codes(runner, minilib, tmp_path):
    good = write_spec(tmp_path / "good.yaml")
    result = run(runner, "--library", minilib, "spec", "check", good)
    assert result.exit_code == 0 and "OK: MINI-2027-01 revision 1" in result.stdout
    bad = write_spec(tmp_path / "bad.yaml", SPEC.replace("weight: 60", "weight: 50").replace("- id: GOV-03", "- id: GOV-77"))
    result = run(runner, "--library", minilib, "spec", "check", bad)
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert any("GOV-77" in line and "unknown clause" in line and "bad.yaml:" in line for line in lines)
    assert any("add up to 90%" in line for line in lines)
    assert lines[-1].endswith("2 error(s)")
    result = run(runner, "--library", minilib, "spec", "check", tmp_path / "missing.yaml")
    assert result.exit_code == 2 and result.stderr.strip().endswith("missing.yaml: file not found")
    notyaml = write_spec(tmp_path / "notyaml.yaml", "reference: [\n")
    result = run(runner, "--library", minilib, "spec", "check", notyaml)
    assert result.exit_code == 2 and "invalid YAML" in result.stderr


def test_spec_check_lists_the_documents_and_names_a_missing_required_clause(runner, tmp_path):
    sample = ROOT / "samples" / "gemeente-it-beheer.yaml"
    result = run(runner, "spec", "check", sample)
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].endswith("37 clauses, 4 award criteria, 14 activities, 5 document(s) to attach")
    assert "  attach dienstbeschrijving: Dienstbeschrijving (referred to by PRF-04, PRF-05)" in lines
    assert "  attach model_verwerkersovereenkomst: Model Verwerkersovereenkomst (referred to by SEC-01)" in lines
    text = sample.read_text(encoding="utf-8")
    cut = tmp_path / "spec.yaml"
    fac02 = "  - id: FAC-02\n    parameters: {sessions_per_year: 2, contractor_share: 50}\n"
    cut.write_text(text.replace(fac02, ""), encoding="utf-8")
    result = run(runner, "spec", "check", cut)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if row == "  - id: GOV-01")
    assert result.exit_code == 1 and result.stdout == ""
    assert result.stderr.splitlines() == [
        f"{cut}:{line} GOV-01.id: error: GOV-01 requires FAC-02 (Onafhankelijke procesbegeleider), which this "
        "tender does not include: add FAC-02 to the clauses or remove GOV-01", f"{cut}: 1 error(s)"]


def test_norm_choice_against_the_kpi_exits_1_located_and_builds_nothing(runner, tmp_path):
    sample = (ROOT / "samples" / "gemeente-it-beheer.yaml").read_text(encoding="utf-8")
    text = sample.replace("  - id: COM-02\n", "  - id: COM-02\n    norm: offered\n", 1)
    spec = write_spec(tmp_path / "it.yaml", text)
    line = next(i for i, row in enumerate(text.splitlines(), 1) if "norm: offered" in row)
    result = run(runner, "spec", "check", spec)
    assert result.exit_code == 1
    assert f"{spec}:{line} COM-02.norm: error: COM-02 norm 'offered' needs a KPI that allows offers" in result.stderr
    result = run(runner, "build", spec, "--out", tmp_path / "pack")
    assert result.exit_code == 1 and not (tmp_path / "pack").exists()


def test_usage_error_exits_2(runner):
    result = run(runner, "library", "list", "--kind", "nonsense")
    assert result.exit_code == 2


def test_init_writes_a_valid_starter_spec(runner, tmp_path):
    target = tmp_path / "mijn-aanbesteding.yaml"
    result = run(runner, "init", target)
    assert result.exit_code == 0 and target.is_file()
    assert target.read_text(encoding="utf-8").lstrip().startswith("#")
    result = run(runner, "spec", "check", target)
    assert result.exit_code == 0, result.stderr
    result = run(runner, "init", target)
    assert result.exit_code == 2 and "use --force" in result.stderr
    assert run(runner, "init", "--force", target).exit_code == 0


def entry_point(*args, prelude: str = ""):
    """Run the console-script entry point ``main`` in a fresh interpreter."""
    code = f"{prelude}\nfrom generator.cli import main\nmain()"
    return subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True, text=True,
                          timeout=120)


def test_entry_point_flushes_output_runs_exit_handlers_and_keeps_the_status(minilib, tmp_path):
    handler = "import atexit, sys\natexit.register(lambda: print('handler ran', file=sys.stderr))"
    listed = entry_point("--library", minilib, "library", "list", "--json", prelude=handler)
    assert listed.returncode == 0
    assert [c["id"] for c in json.loads(listed.stdout)["clauses"]] == ["GOV-01", "GOV-02", "GOV-03"]
    assert listed.stderr.endswith("handler ran\n")
    missing = entry_point("--library", minilib, "spec", "check", tmp_path / "absent.yaml", prelude=handler)
    assert missing.returncode == 2
    assert missing.stderr.splitlines() == [f"error: {tmp_path / 'absent.yaml'}: file not found", "handler ran"]
    assert entry_point("--no-such-option").returncode == 2


def test_closed_output_pipe_ends_quietly(minilib):
    code = "from generator.cli import main\nmain()"
    with subprocess.Popen([sys.executable, "-c", code, "--library", str(minilib), "library", "list"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE) as proc:
        proc.stdout.close()  # the reader goes away before the listing is written
        error = proc.stderr.read()
        status = proc.wait(timeout=120)
    assert status == 1
    assert error == b""
