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
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")

# Forking costs about 3 ms in a 40 MB process; half the work of this many words saves more (about
# a quarter of an hour of speech: the seed interview saves 30 ms of 330).
FORK_MIN_WORDS = 2_000


def can_fork() -> bool:
    """Whether a second process could help here and forking is safe."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
    return sys.platform.startswith("linux") and cores > 1 and threading.active_count() == 1


class Pending(Generic[T]):
    """``fn(*args)``, being worked out in a child (or not yet, if it was not forked). Use it as a
    context manager: leaving the block stops a child whose result was never asked for."""

    def __init__(self, fn: Callable[..., T], args: tuple, fork: bool):
        self._fn, self._args = fn, args
        self._pid, self._pipe = 0, -1
        if fork and can_fork():
            self._start()

    def _start(self) -> None:
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:                 # no memory or process slots left: work here instead
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:                    # the child: work, send the result, leave without cleanup
            status = 1
            try:
                os.close(read_end)
                data = pickle.dumps(self._fn(*self._args), protocol=pickle.HIGHEST_PROTOCOL)
                with os.fdopen(write_end, "wb") as pipe:
                    pipe.write(data)
                status = 0
            finally:
                os._exit(status)        # no atexit handlers, no flushing of the parent's buffers
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def result(self) -> T:
        """The child's result, or the call made here if there is no child or it failed."""
        if self._pid:
            with os.fdopen(self._pipe, "rb") as pipe:
                data = pipe.read()      # read to the end before reaping: a full pipe would block the child
            self._pipe = -1
            _, status = os.waitpid(self._pid, 0)
            self._pid = 0
            if status == 0 and data:
                return pickle.loads(data)
        return self._fn(*self._args)

    def __enter__(self) -> Pending[T]:
        return self

    def __exit__(self, *exc) -> None:
        if self._pid:
            import signal

            os.kill(self._pid, signal.SIGKILL)
            os.close(self._pipe)
            os.waitpid(self._pid, 0)
            self._pid, self._pipe = 0, -1
