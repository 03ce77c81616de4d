"""The committed agreement and progress-report templates are what make_report_templates.py writes."""

from __future__ import annotations

import importlib.util
from pathlib import Path

TEMPLATES = Path(__file__).resolve().parents[2] / "templates"


def test_report_templates_are_current(tmp_path):
    spec = importlib.util.spec_from_file_location("make_report_templates", TEMPLATES / "make_report_templates.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.main(tmp_path)
    for name in module.TEMPLATES:
        assert (tmp_path / name).read_bytes() == (TEMPLATES / name).read_bytes(), f"{name} is stale"
