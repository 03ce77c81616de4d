"""A per-user cache of derived data that a fresh ``tenderpack`` process would otherwise recompute.

What is kept: the parsed clause library (:mod:`generator.library`), docxtpl's cleaned-up template XML
and Jinja's compiled templates (:mod:`generator.document.render`). Each entry is named by a hash of
everything it was derived from, so an entry is never stale, only unused; a changed library or template
gets a new entry and the oldest entries are pruned.

Where: ``$TENDERPACK_CACHE_DIR`` if set (an empty value turns the cache off), else
``$XDG_CACHE_HOME/tenderpack``, else ``~/.cache/tenderpack`` (``%LOCALAPPDATA%\\tenderpack\\cache`` on
Windows). Cached data is loaded as trusted code would be (pickled objects, compiled templates), so on
POSIX the folder must belong to this user and be closed to everyone else (mode 0700), as Jinja requires
of its bytecode cache; otherwise caching is off. Every failure to read or write the cache is a miss,
never an error: the cache only makes things faster.
"""

from __future__ import annotations

import os
import stat
import sys
import tempfile
from pathlib import Path

ENV_VAR = "TENDERPACK_CACHE_DIR"
MAX_ENTRIES = 64


def cache_dir(create: bool = True) -> Path | None:
    """The cache folder, created (mode 0700) when ``create`` and missing; ``None`` when caching is off.

    Caching is off when ``$TENDERPACK_CACHE_DIR`` is set but empty, when the folder cannot be created,
    or, on POSIX, when it is not a real folder (a symbolic link is refused) owned by this user and
    closed to group and others.
    """
    folder = _configured()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    if hasattr(os, "getuid") and (info.st_uid != os.getuid() or info.st_mode & 0o077):
        return None
    return folder


def read(name: str) -> bytes | None:
    """The bytes of entry ``name``, or ``None`` when there is none (or caching is off)."""
    folder = cache_dir(create=False)
    if folder is None:
        return None
    try:
        return (folder / name).read_bytes()
    except OSError:
        return None


def write(name: str, data: bytes) -> None:
    """Store ``data`` as entry ``name``, atomically (a reader sees the old entry or the new, whole).

    When the folder holds more than :data:`MAX_ENTRIES` entries, the least recently written go.
    Nothing happens when caching is off or the folder cannot be written.
    """
    folder = cache_dir()
    if folder is None:
        return
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
            os.replace(tmp, folder / name)
        except BaseException:
            os.unlink(tmp)
            raise
        _prune(folder)
    except OSError:
        return


def _configured() -> Path | None:
    override = os.environ.get(ENV_VAR)
    if override is not None:
        return Path(override).expanduser() if override.strip() else None
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "tenderpack" / "cache" if base else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():  # the XDG spec says to ignore a relative value
        return Path(xdg) / "tenderpack"
    home = Path("~").expanduser()
    return None if home == Path("~") else home / ".cache" / "tenderpack"


def _prune(folder: Path) -> None:
    entries = []
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
            entries.append((entry.stat(follow_symlinks=False).st_mtime_ns, entry.path))
    if len(entries) > MAX_ENTRIES:
        for _, path in sorted(entries)[: len(entries) - MAX_ENTRIES]:
            try:
                os.unlink(path)
            except OSError:
                continue
