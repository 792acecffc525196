"""A second core for long inputs: the same result wherever it is computed, never a lost error."""
import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from captions import make_captions
from captions.parallel import Pending, can_fork
from captions.writers import format_captions

SAMPLES = Path(__file__).resolve().parent.parent / "samples"

PARENT = os.getpid()
forking = pytest.mark.skipif(not can_fork(), reason="forking is used on Linux with more than one core")


def where_and_what(n):
    return os.getpid(), list(range(n))


def fails_in_child():
    if os.getpid() != PARENT:
        os.kill(os.getpid(), signal.SIGKILL)
    return "worked out here"


def always_fails():
    raise ValueError("a real error")


@forking
def test_the_call_runs_in_a_child_and_its_result_comes_back():
    with Pending(where_and_what, (100_000,), fork=True) as pending:
        pid, numbers = pending.result()
    assert pid != PARENT and numbers == list(range(100_000))


def test_without_fork_the_call_runs_here_when_asked():
    with Pending(where_and_what, (3,), fork=False) as pending:
        assert pending.result() == (PARENT, [0, 1, 2])


@forking
def test_a_killed_child_means_the_work_is_done_here():
    with Pending(fails_in_child, (), fork=True) as pending:
        assert pending.result() == "worked out here"


@forking
def test_an_error_in_the_call_is_raised_here():
    with Pending(always_fails, (), fork=True) as pending:
        with pytest.raises(ValueError, match="a real error"):
            pending.result()


@forking
def test_a_result_never_asked_for_leaves_no_child_behind():
    with Pending(where_and_what, (10,), fork=True) as pending:
        child, _ = pending._child
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)          # reaped: not a zombie, not running


def sleeps_then_answers():
    import time

    time.sleep(30)
    return "late"


@forking
def test_ctrl_c_while_waiting_for_the_child_stops_it_and_goes_on_as_ctrl_c():
    def interrupt(signum, frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGALRM, interrupt)
    try:
        with pytest.raises(KeyboardInterrupt):
            with Pending(sleeps_then_answers, (), fork=True) as pending:
                child, _ = pending._child
                signal.setitimer(signal.ITIMER_REAL, 0.3)
                pending.result()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    with pytest.raises(ChildProcessError):
        os.waitpid(child, os.WNOHANG)          # killed and reaped


def test_no_fork_where_the_host_reaps_or_ignores_children():
    previous = signal.signal(signal.SIGCHLD, signal.SIG_IGN)
    try:
        assert not can_fork()
        with Pending(where_and_what, (2,), fork=True) as pending:
            assert pending.result() == (PARENT, [0, 1])
    finally:
        signal.signal(signal.SIGCHLD, previous)


def test_no_fork_beside_other_threads():
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert not can_fork()
        with Pending(where_and_what, (1,), fork=True) as pending:
            assert pending.result()[0] == PARENT
    finally:
        stop.set()
        thread.join()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="forking is used on Linux")
def test_the_seed_makes_the_same_captions_on_one_core_or_two():
    rev, text = SAMPLES / "bbc-musk-2023.rev.txt", SAMPLES / "bbc-musk-2023.blog.txt"
    one = make_captions(rev, text, jobs=1)
    two = make_captions(rev, text)
    assert format_captions(one.captions, "srt") == format_captions(two.captions, "srt")
    assert one.report.as_dict() == two.report.as_dict()
