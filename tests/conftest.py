"""Test-session checks shared by every test module."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from generator.cache import ENV_VAR as _CACHE_ENV

_CACHE_KEY = pytest.StashKey[str | None]()


def pytest_configure(config: pytest.Config) -> None:
    """Give the test run a cache folder of its own, so no test reads or fills the user's cache."""
    config.stash[_CACHE_KEY] = os.environ.get(_CACHE_ENV)
    os.environ[_CACHE_ENV] = tempfile.mkdtemp(prefix="tenderpack-test-cache-")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(os.environ[_CACHE_ENV], ignore_errors=True)
    before = config.stash.get(_CACHE_KEY, None)
    if before is None:
        os.environ.pop(_CACHE_ENV, None)
    else:
        os.environ[_CACHE_ENV] = before


def pytest_sessionstart(session: pytest.Session) -> None:
    """In CI, the LibreOffice, Gnumeric and poppler tests must run: a missing program is an error, not a skip.

    Locally the tests that need them skip with a reason; `make test` installs both.
    """
    if os.environ.get("CI"):
        missing = [tool for tool in ("soffice", "ssconvert", "pdftoppm", "pdftotext") if shutil.which(tool) is None]
        if missing:
            raise pytest.UsageError(f"CI needs {', '.join(missing)} (installed by `make test`)")
