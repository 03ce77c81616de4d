"""The per-user cache: where it lives, when it refuses a folder, atomic entries, pruning."""

from __future__ import annotations

import os
import stat
import sys

import pytest

from generator import cache

posix_only = pytest.mark.skipif(not hasattr(os, "getuid"), reason="ownership and modes are POSIX")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    where = tmp_path / "cache"
    monkeypatch.setenv(cache.ENV_VAR, str(where))
    return where


@posix_only
def test_folder_is_created_closed_to_others(folder):
    assert cache.cache_dir() == folder
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_entries_round_trip_and_replace(folder):
    assert cache.read("a.bin") is None
    cache.write("a.bin", b"first")
    cache.write("a.bin", b"second")
    assert cache.read("a.bin") == b"second"
    assert sorted(p.name for p in folder.iterdir()) == ["a.bin"]  # no temporary file left behind


def test_empty_setting_turns_caching_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV_VAR, "")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("HOME", str(tmp_path))
    assert cache.cache_dir() is None
    cache.write("a.bin", b"data")
    assert cache.read("a.bin") is None
    assert list(tmp_path.iterdir()) == []


@pytest.mark.skipif(sys.platform == "win32", reason="XDG folders are for POSIX systems")
def test_default_follows_xdg_then_home(tmp_path, monkeypatch):
    monkeypatch.delenv(cache.ENV_VAR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.cache_dir(create=False) is None  # not there yet and not asked to create it
    assert cache.cache_dir() == tmp_path / "xdg" / "tenderpack"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/path")  # the XDG spec says to ignore it
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache.cache_dir() == tmp_path / "home" / ".cache" / "tenderpack"


@posix_only
def test_folder_open_to_others_is_refused(folder):
    folder.mkdir(mode=0o700)
    cache.write("a.bin", b"data")
    folder.chmod(0o777)
    assert cache.cache_dir() is None
    assert cache.read("a.bin") is None  # another user could have planted it
    folder.chmod(0o700)
    assert cache.read("a.bin") == b"data"


@posix_only
def test_symbolic_link_is_refused(tmp_path, monkeypatch):
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    (tmp_path / "link").symlink_to(real)
    monkeypatch.setenv(cache.ENV_VAR, str(tmp_path / "link"))
    assert cache.cache_dir() is None


@posix_only
@pytest.mark.skipif(not hasattr(os, "getuid") or os.getuid() != 0, reason="changing an owner needs root")
def test_folder_of_another_user_is_refused(folder):
    folder.mkdir(mode=0o700)
    os.chown(folder, 12345, -1)
    assert cache.cache_dir() is None


def test_unwritable_folder_is_a_miss_not_an_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv(cache.ENV_VAR, str(blocker / "cache"))
    cache.write("a.bin", b"data")  # no exception
    assert cache.read("a.bin") is None


def test_oldest_entries_are_pruned(folder, monkeypatch):
    monkeypatch.setattr(cache, "MAX_ENTRIES", 3)
    for i in range(6):  # each write past the third removes the least recently written entry
        cache.write(f"e{i}.bin", b"x")
        os.utime(folder / f"e{i}.bin", ns=(i * 10**9, i * 10**9))
    assert sorted(p.name for p in folder.iterdir()) == ["e3.bin", "e4.bin", "e5.bin"]
