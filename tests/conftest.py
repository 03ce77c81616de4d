"""Test-session checks shared by every test module."""

from __future__ import annotations

import os
import shutil

import pytest


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI, the LibreOffice and poppler tests must run: a missing program is an error, not a skip.

    Locally the tests that need them skip with a reason; `make test` installs both.
    """
    if os.environ.get("CI"):
        missing = [tool for tool in ("soffice", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
        if missing:
            raise pytest.UsageError(f"CI needs {', '.join(missing)} (installed by `make test`)")
