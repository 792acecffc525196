"""One pure call worked out in a forked child while this process goes on: how a long input uses a
second core (the transcript's word times while the text is aligned; half of the caption search).

Forking shares the inputs with the child for free (nothing to pickle but the result) and costs a
few milliseconds, so it is used only where it is safe and pays: on Linux, with one thread (a
child forked beside other threads can inherit a held lock), more than one core, and when the
work is big enough (``FORK_MIN_WORDS``). Anywhere else, or if the child fails for any reason
(killed, out of memory, an exception), the call simply runs here when its result is wanted: the
result never depends on where it was computed, and a real error is raised here as usual.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# Forking costs about 3 ms in a 40 MB process; half the work of this many words saves more (about
# a quarter of an hour of speech: the seed interview saves 30 ms of 330).
FORK_MIN_WORDS = 2_000


def can_fork() -> bool:
    """Whether a second process could help here and forking is safe (and its child ours to reap:
    a host that ignores or reaps SIGCHLD itself would take the child's exit status away)."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return (sys.platform.startswith("linux") and cores > 1 and threading.active_count() == 1
            and signal.getsignal(signal.SIGCHLD) == signal.SIG_DFL)


class Pending(Generic[T]):
    """``fn(*args)``, being worked out in a child (or not yet, if it was not forked). Use it as a
    context manager: leaving the block stops a child whose result was never asked for."""

    def __init__(self, fn: Callable[..., T], args: tuple, fork: bool):
        self._fn, self._args = fn, args
        self._child = _start(fn, args) if fork and can_fork() else None   # (pid, read end of its pipe)

    def result(self) -> T:
        """The child's result, or the call made here if there is no child or it failed."""
        child, self._child = self._child, None
        if child is not None:
            data, status = _collect(*child)
            if status == 0 and data:
                return pickle.loads(data)
        return self._fn(*self._args)

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(self, *exc) -> None:
        child, self._child = self._child, None
        if child is not None:
            pid, pipe = child
            _stop(pid)
            os.close(pipe)


def _start(fn: Callable, args: tuple) -> tuple[int, int] | None:
    """Fork a child that sends ``pickle(fn(*args))`` down a pipe: (its pid, the pipe's read end),
    or None when no pipe or process can be had (the work is then done here)."""
    try:
        read_end, write_end = os.pipe()
    except OSError:
        return None
    try:
        pid = os.fork()
    except OSError:
        os.close(read_end)
        os.close(write_end)
        return None
    if pid == 0:                        # the child: work, send the result, leave without cleanup
        status = 1
        try:
            os.close(read_end)
            data = pickle.dumps(fn(*args), protocol=pickle.HIGHEST_PROTOCOL)
            with os.fdopen(write_end, "wb") as pipe:
                pipe.write(data)
            status = 0
        finally:
            os._exit(status)            # no atexit handlers, no flushing of the parent's buffers
    os.close(write_end)
    return pid, read_end


def _collect(pid: int, pipe: int) -> tuple[bytes, int]:
    """The child's bytes and exit status (-1 if it was reaped elsewhere). Interrupted (Ctrl-C,
    SIGTERM), the child is stopped and reaped before the interrupt goes on."""
    try:
        with os.fdopen(pipe, "rb") as reader:
            data = reader.read()        # to the end before reaping: a full pipe would block the child
        try:
            return data, os.waitpid(pid, 0)[1]
        except ChildProcessError:
            return data, -1
    except BaseException:
        _stop(pid)
        raise


def _stop(pid: int) -> None:
    """Kill a child and reap it, whatever state it is in."""
    try:
        os.kill(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    try:
        os.waitpid(pid, 0)
    except ChildProcessError:
        pass
