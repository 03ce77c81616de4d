"""A bytes result computed in a forked child: the same result, errors raised in the parent, no orphans."""

from __future__ import annotations

import os
import threading
import time

import pytest

from generator.fork import ForkedCall, can_fork

needs_fork = pytest.mark.skipif(not can_fork(), reason="this platform or machine cannot fork usefully")


def pid() -> bytes:
    return str(os.getpid()).encode()


@needs_fork
def test_result_comes_from_a_child_process():
    with ForkedCall(pid) as call:
        assert call.forked
        assert call.result() not in (b"", pid())
        assert not call.forked


@needs_fork
def test_a_result_larger_than_the_pipe_buffer_arrives_whole():
    big = os.urandom(3 * 1024 * 1024)
    with ForkedCall(lambda: big) as call:
        assert call.result() == big


def test_without_fork_the_call_runs_here():
    with ForkedCall(pid, fork=False) as call:
        assert not call.forked
        assert call.result() == pid()


@needs_fork
def test_a_failing_child_is_replaced_by_a_run_here():
    parent = os.getpid()

    def only_here() -> bytes:
        if os.getpid() != parent:
            raise RuntimeError("the child fails")
        return b"computed here"

    with ForkedCall(only_here) as call:
        assert call.result() == b"computed here"


@needs_fork
def test_an_error_is_raised_in_the_parent_with_its_own_type():
    def broken() -> bytes:
        raise ValueError("bad tender")

    with ForkedCall(broken) as call, pytest.raises(ValueError, match="bad tender"):
        call.result()


@needs_fork
def test_leaving_early_stops_and_reaps_the_child(tmp_path):
    started = tmp_path / "child.pid"

    def slow() -> bytes:
        started.write_bytes(pid())
        time.sleep(60)
        return b""

    begun = time.monotonic()
    with pytest.raises(KeyError), ForkedCall(slow):
        while not started.exists() or not started.read_bytes():
            time.sleep(0.01)
        raise KeyError("the parent's own work failed")
    assert time.monotonic() - begun < 30
    with pytest.raises(ChildProcessError):
        os.waitpid(int(started.read_bytes()), os.WNOHANG)  # already reaped: no zombie left behind


def test_no_fork_while_another_thread_runs():
    stop = threading.Event()
    worker = threading.Thread(target=stop.wait)
    worker.start()
    try:
        assert not can_fork()
        with ForkedCall(pid) as call:
            assert not call.forked
            assert call.result() == pid()
    finally:
        stop.set()
        worker.join()


def test_no_fork_on_macos(monkeypatch):
    monkeypatch.setattr("generator.fork.sys.platform", "darwin")
    assert not can_fork()
    with ForkedCall(pid) as call:
        assert not call.forked
