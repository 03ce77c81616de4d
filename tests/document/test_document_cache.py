"""What the document renderer keeps in the per-user cache, and that a cached render is the same render."""

from __future__ import annotations

import os
import subprocess
import sys

from docxcheck import BUILT, ROOT
from factories import make_tender

from generator.document import render as render_module
from generator.document import render_tender_document


def test_cleaned_template_comes_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("TENDERPACK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(render_module._Renderer, "_patched", {})
    tender = make_tender()
    first = render_tender_document(tender, built=BUILT)
    assert list(tmp_path.glob("docxtpl-*.xml"))

    def no_patching(self, src_xml):
        raise AssertionError("docxtpl cleaned the template XML again")

    monkeypatch.setattr(render_module._Renderer, "_patched", {})  # as in a new process
    monkeypatch.setattr(render_module.DocxTemplate, "patch_xml", no_patching)
    assert render_tender_document(tender, built=BUILT) == first


def test_second_build_uses_the_cache_and_writes_the_same_pack(tmp_path):
    env = dict(os.environ, TENDERPACK_CACHE_DIR=str(tmp_path / "cache"))
    spec = ROOT / "samples" / "gemeente-it-beheer.yaml"

    def build(out: str) -> dict[str, bytes]:
        subprocess.run([sys.executable, "-c", "from generator.cli import main; main()", "build", str(spec),
                        "--out", str(tmp_path / out), "--date", "2027-01-10"], check=True, env=env, capture_output=True)
        return {p.name: p.read_bytes() for p in (tmp_path / out).iterdir()}

    first = build("one")
    entries = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache").iterdir()}
    kinds = {name.split("-", 1)[0] for name in entries}
    assert kinds == {"library", "docxtpl", "jinja"}
    assert build("two") == first
    # Nothing was parsed, cleaned or compiled again: every entry is the one the first build wrote.
    assert {p.name: p.stat().st_mtime_ns for p in (tmp_path / "cache").iterdir()} == entries
