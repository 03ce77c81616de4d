"""Compute a bytes result in a forked child process while this process does other work.

``tenderpack build`` writes the bid form (openpyxl) in a child while the parent renders the Word
documents (python-docx, docxtpl): on two cores the pack is done in the time of the longer half,
module imports included, because the child is forked before either library is loaded.

A fork is used only where it is safe and useful: the platform can fork (not macOS, whose system
frameworks are not fork-safe), this process runs a single thread (a fork copies only the calling
thread, so a lock held by another thread would stay locked in the child for ever), and more than one
CPU is available. Otherwise, and whenever the child does not deliver a whole result, the function
runs in this process, so its errors are raised here with their own traceback and the caller sees the
same result either way.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
from collections.abc import Callable

_LENGTH = 8  # bytes of the big-endian length the child writes before its result


def can_fork() -> bool:
    """Whether a child process can usefully and safely run in parallel with this one."""
    # macOS system frameworks are not safe to use in a forked child (the reason multiprocessing
    # starts processes by spawning there since Python 3.8).
    if not hasattr(os, "fork") or sys.platform == "darwin" or threading.active_count() != 1:
        return False
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cpus or 1) > 1


class ForkedCall:
    """``fn()``, started in a forked child when :func:`can_fork`; :meth:`result` collects it.

    Use as a context manager: leaving the block early (an error in the parent's own work) stops and
    reaps the child. The child never returns into the caller's code: it ends with ``os._exit``, so it
    runs no ``atexit`` handlers, flushes none of the parent's buffered output and closes nothing the
    parent still uses (database connections, files).
    """

    def __init__(self, fn: Callable[[], bytes], *, fork: bool = True) -> None:
        self._fn = fn
        self._pid: int | None = None
        self._read: int | None = None
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        read, write = os.pipe()
        pid = os.fork()
        if pid == 0:
            status = 1
            try:
                os.close(read)
                data = self._fn()
                with os.fdopen(write, "wb") as out:
                    out.write(len(data).to_bytes(_LENGTH, "big"))
                    out.write(data)
                status = 0
            finally:
                os._exit(status)  # any failure is reported by running fn again in the parent
        os.close(write)
        self._pid, self._read = pid, read

    @property
    def forked(self) -> bool:
        """Whether a child process is computing the result."""
        return self._pid is not None

    def result(self) -> bytes:
        """The result: the child's if it delivered one whole, else ``fn()`` run in this process."""
        if self._pid is None:
            return self._fn()
        with os.fdopen(self._read, "rb") as inp:
            self._read = None
            data = inp.read()
        _, status = os.waitpid(self._pid, 0)
        self._pid = None
        if status == 0 and len(data) >= _LENGTH and int.from_bytes(data[:_LENGTH], "big") == len(data) - _LENGTH:
            return data[_LENGTH:]
        return self._fn()

    def cancel(self) -> None:
        """Stop and reap the child, if one is running."""
        if self._read is not None:
            os.close(self._read)
            self._read = None
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = None

    def __enter__(self) -> ForkedCall:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.cancel()
