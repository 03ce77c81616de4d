"""LibreOffice as the independent client of the tests: convert documents to PDF, re-save workbooks."""

from __future__ import annotations

import shutil
import subprocess
import uuid
from pathlib import Path

import pytest


def convert(source: Path, fmt: str, out_dir: Path, infilter: str | None = None) -> Path:
    """``source`` converted by headless LibreOffice to ``fmt`` (``pdf``, ``xlsx``) in ``out_dir``.

    ``infilter`` selects the import filter and its options (``CSV:59,34,76,1``: a CSV file separated by
    ``;``, quoted with ``"``, in UTF-8, from line 1).

    Each call runs in its own throw-away user profile, so parallel or repeated conversions never wait
    for one another's profile lock. Skips the test when LibreOffice (or, for PDF, poppler) is missing;
    in CI the session refuses to start instead (tests/conftest.py).
    """
    soffice = shutil.which("soffice")
    if soffice is None or (fmt == "pdf" and shutil.which("pdftotext") is None):
        pytest.skip("LibreOffice (soffice) or poppler (pdftotext) is not installed")
    profile = Path("/tmp") / f"lo-{uuid.uuid4().hex}"
    try:
        result = subprocess.run(
            [soffice, "--headless", f"-env:UserInstallation=file://{profile}",
             *([f"--infilter={infilter}"] if infilter else []), "--convert-to", fmt, "--outdir", str(out_dir),
             str(source)],
            capture_output=True, text=True, timeout=180, check=False,
        )
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    target = out_dir / f"{source.stem}.{fmt}"
    assert result.returncode == 0 and target.exists(), result.stderr
    return target


def resave_xlsx(data: bytes, tmp_path: Path, name: str = "form.xlsx") -> bytes:
    """The workbook ``data`` re-saved as .xlsx by LibreOffice Calc."""
    source = tmp_path / "in" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    return convert(source, "xlsx", tmp_path / "out").read_bytes()
