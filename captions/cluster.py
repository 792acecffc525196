"""Pairs as tasks on a Dask distributed cluster: `captions batch --cluster ADDRESS`.

The cluster is one more executor for `captions.batch`, with the local process pool's shape: a
pair is one task, the worker returns the files' contents, and the client writes them. So a
worker killed in the middle of a pair (the scheduler hands the task to another worker, up to
``ALLOWED_FAILURES`` times, then fails it with `KilledWorker`) can never leave a partial file or
write one twice, and the outputs already written stay when the scheduler goes away.

``ADDRESS`` is a scheduler (``tcp://host:8786``) or ``local:N``, which starts N worker processes
on this machine for the run (one big machine, or tests), forked from one process that imported
Dask and the pipeline once. See docs/scale.md for a real cluster.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager

from .errors import CaptionsError, ClusterError

ALLOWED_FAILURES = 2        # workers a pair may take down with it before it is failed (dask's default: 3)
CONNECT_TIMEOUT_S = 10      # a scheduler that does not answer in this long is not there
_LOCAL = re.compile(r"local:(\d{1,3})")
_LOST = "scheduler-connection-lost"


class ClusterExecutor:
    """`concurrent.futures`-style ``submit`` over a dask client: each task's outcome is passed
    to a plain `Future`, so the batch waits on local and cluster work alike. Cancelling such a
    future cancels the task on the cluster."""

    def __init__(self, client):
        self.client = client

    def window(self) -> int:
        """Tasks to keep submitted: two a worker (one running, one on its way), so the client
        never holds more than a few pairs' inputs however long the batch."""
        return 2 * max(1, len(self.client.scheduler_info().get("workers", {})))

    def submit(self, fn: Callable, *args) -> Future:
        task = self.client.submit(fn, *args, pure=False)      # a new task each time, even for equal args
        future: Future = Future()

        def done(task_future) -> None:
            if future.done():
                return
            try:
                future.set_result(task_future.result())
            except BaseException as exc:  # noqa: BLE001 - handed to whoever waits on the future
                future.set_exception(_lost(exc) or exc)

        def cancelled(f: Future) -> None:
            if f.cancelled():
                task.cancel()

        future.add_done_callback(cancelled)
        task.add_done_callback(done)
        return future


def _lost(exc: BaseException) -> ClusterError | None:
    """The scheduler went away: no pair failed, the cluster did."""
    if _LOST in str(exc) or type(exc).__name__ in ("CommClosedError", "StreamClosedError"):
        return ClusterError("lost the connection to the cluster's scheduler; the pairs already done "
                            "are written, --skip-existing resumes")
    return None


# Imported by the fork server once, so every local worker starts with them (and a pair's first
# task does not import the pipeline).
WORKER_PRELOAD = ("distributed", "captions.batch", "captions.pipeline", "captions.writers")


def _start_fork_server() -> bool:
    """Start multiprocessing's fork server now, importing Dask and the pipeline in it while this
    process imports Dask for the scheduler (two cores, the same half second), so the local
    workers are forked from it ready in milliseconds instead of each starting a Python and
    importing the same (half a second of CPU each), and exit without tearing that down again.
    False where there is no fork server (Windows) or no Dask to preload."""
    import importlib.util
    import multiprocessing
    from multiprocessing import forkserver

    if "forkserver" not in multiprocessing.get_all_start_methods() or importlib.util.find_spec("distributed") is None:
        return False
    forkserver.set_forkserver_preload(list(WORKER_PRELOAD))
    forkserver.ensure_running()
    return True


@contextmanager
def connect(address: str) -> Iterator[ClusterExecutor]:
    """An executor on the scheduler at ``address``, or on ``local:N`` worker processes started
    for the run; closed (the local workers stopped) at the end."""
    local = _LOCAL.fullmatch(address.strip())
    if local and not 1 <= int(local.group(1)) <= 256:
        raise CaptionsError(f"--cluster local:N takes 1 to 256 workers, not {int(local.group(1))}")
    if not local and ":" not in address:
        raise CaptionsError(f"--cluster takes a scheduler address (tcp://host:8786) or local:N, not {address!r}")
    forked = local is not None and _start_fork_server()
    try:
        import dask
        from distributed import Client, LocalCluster
        from distributed import utils as dask_utils
    except ImportError:
        raise CaptionsError("--cluster needs Dask's distributed scheduler: pip install 'captions-from-text[cluster]' "
                            "(from a checkout: pip install -e '.[cluster]')") from None
    # The batch says in one line what went wrong; Dask's log lines would come before it. Its
    # logging config gives some loggers levels of their own (distributed.client, which logs a
    # lost scheduler's failed reconnect with a traceback), so each is set, not only the roots.
    for name in ["distributed", "tornado", "bokeh", *logging.root.manager.loggerDict]:
        if name.partition(".")[0] in ("distributed", "tornado", "bokeh"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    config = {"distributed.scheduler.allowed-failures": ALLOWED_FAILURES,
              "distributed.comm.timeouts.connect": f"{CONNECT_TIMEOUT_S}s",
              "distributed.worker.daemon": False,
              # A local cluster's workers: no statistical profiler sampling every thread every
              # 10 ms (its CPU is taken from the pairs; a pair's time is in the report already).
              "distributed.worker.profile.enabled": False,
              # Its scheduler, nannies and workers each wake 50 times a second only to time
              # their own event loop (for a log line we silence): 40 ms of CPU a second for two
              # workers, taken from the pairs on a small machine. Once a second keeps the check.
              "distributed.admin.tick.interval": "1s"}
    if forked:
        config["distributed.worker.multiprocessing-method"] = "forkserver"
        # The fork server runs already, with the preload above: without this Dask would import
        # pandas and lz4 here only to list them for a preload that no longer applies. A private
        # flag of Dask's: should a release drop it, only that half second of imports comes back.
        dask_utils._forkserver_preload_set = True
    cluster = None
    with dask.config.set(config):
        try:
            if local:
                cluster = LocalCluster(n_workers=int(local.group(1)), threads_per_worker=1, processes=True,
                                       dashboard_address=None, silence_logs=logging.CRITICAL)
                client = Client(cluster)
            else:
                client = Client(address, timeout=CONNECT_TIMEOUT_S)
        except (OSError, TimeoutError) as exc:
            if cluster is not None:
                cluster.close()
            raise CaptionsError(f"cannot reach the cluster scheduler at {address}: "
                                f"{str(exc).splitlines()[0] if str(exc) else type(exc).__name__}") from None
    try:
        yield ClusterExecutor(client)
    finally:
        try:
            client.close(timeout=5)
        except Exception:  # noqa: BLE001 - a client whose scheduler is gone cannot close cleanly
            pass
        if cluster is not None:
            try:
                cluster.close(timeout=5)
            except Exception:  # noqa: BLE001
                pass
