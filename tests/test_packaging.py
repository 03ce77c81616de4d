"""The wheel carries the clause library, templates and OCDS schemas: install it in a fresh venv and use it."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_works_outside_the_checkout(tmp_path):
    dist = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--wheel-dir", str(dist), str(ROOT)],
                   check=True, capture_output=True, timeout=300)
    (wheel,) = dist.glob("tenderpack-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "generator/_data/clause_library/_library.yaml" in names
    assert sum(n.startswith("generator/_data/clause_library/") and n.endswith(".yaml") for n in names) >= 11
    assert any(n.startswith("generator/_data/templates/") and n.endswith(".docx") for n in names)
    assert "generator/_data/templates/starter-spec.yaml" in names
    ocds = {n.removeprefix("generator/ocds/data/") for n in names if n.startswith("generator/ocds/data/")}
    assert {"release-schema-1.1.5.json", "release-package-schema-1.1.5.json", "ext-requirements.json",
            "ext-bid.json", "ext-metrics.json", "NOTICE", "LICENSE-Apache-2.0"} <= ocds
    assert {"generator/migrations/env.py", "generator/migrations/versions/0001_baseline.py"} <= set(names)

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True, timeout=120)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet", str(wheel)]
    subprocess.run(pip, check=True, capture_output=True, timeout=600)
    work = tmp_path / "elsewhere"
    work.mkdir()
    tool = str(venv / "bin" / "tenderpack")

    checked = subprocess.run([tool, "library", "check"], cwd=work, capture_output=True, text=True, timeout=120)
    assert checked.returncode == 0, checked.stderr
    assert "/generator/_data/clause_library: OK" in checked.stdout

    subprocess.run([tool, "init", "spec.yaml"], cwd=work, check=True, capture_output=True, timeout=120)
    built = subprocess.run([tool, "build", "spec.yaml", "--out", "pack", "--date", "2027-01-15", "--db", "db.sqlite"],
                           cwd=work, capture_output=True, text=True, timeout=300)
    assert built.returncode == 0, built.stderr
    assert (work / "pack" / "manifest.json").is_file()
    assert len(list((work / "pack").glob("*.docx"))) == 2 and len(list((work / "pack").glob("*.xlsx"))) == 1

    # The OCDS check reads the schemas the wheel carries (nothing beside the installation).
    exported = subprocess.run([tool, "export", "ocds", "ORG-2027-001", "--db", "db.sqlite", "--check",
                               "--out", "ocds.json", "--date", "2027-02-01"],
                              cwd=work, capture_output=True, text=True, timeout=120)
    assert exported.returncode == 0, exported.stderr
    assert json.loads((work / "ocds.json").read_text(encoding="utf-8"))["releases"][0]["tag"] == ["tender"]

    # build --db made the database through the migrations the wheel carries.
    upgraded = subprocess.run([tool, "db", "upgrade", "--db", "db.sqlite"], cwd=work, capture_output=True,
                              text=True, timeout=120)
    assert upgraded.returncode == 0 and "already at schema" in upgraded.stdout, upgraded.stderr
