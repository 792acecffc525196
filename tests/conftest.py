"""Small shared helpers for the test modules."""
from __future__ import annotations

import gc
import os
import textwrap
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

SEEDS = Path("/work/shared/seeds")
BENCH = Path("/work/shared/bench/data")


def fuzz_settings(default: int = 150) -> settings:
    """Hypothesis settings with a modest example count; CAPTIONS_FUZZ_EXAMPLES overrides it."""
    examples = int(os.environ.get("CAPTIONS_FUZZ_EXAMPLES") or default)
    return settings(max_examples=examples, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


def dedent(text: str) -> str:
    """Inline test inputs are written indented; strip the indentation and the first newline."""
    return textwrap.dedent(text).lstrip("\n")


def need(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"sample input {path} is not available")
    return path


@pytest.fixture
def write_file(tmp_path):
    """write_file(name, text_or_bytes) -> Path of a new file in tmp_path."""

    def write(name: str, content: str | bytes) -> Path:
        p = tmp_path / name
        if isinstance(content, str):
            p.write_text(content, encoding="utf-8", newline="")
        else:
            p.write_bytes(content)
        return p

    return write


def clean_text_or_refusal(path: Path):
    """The clean text read from ``path``, with its spoken lines all non-blank; or None when it
    was refused, as a user's file must be: one line naming the file."""
    from captions.errors import CaptionsError
    from captions.readers.clean.text import read_clean_text

    try:
        clean = read_clean_text(path)
    except CaptionsError as exc:
        assert str(path) in str(exc) and "\n" not in str(exc)
        return None
    assert clean.lines and all(line.text.strip() for line in clean.lines)
    return clean


def within_cpu(seconds: float, read, *args):
    """``read(*args)``: a result or a one-line CaptionsError (then None), never another exception,
    within ``seconds`` of CPU time with the garbage collector paused, to weigh the reader's work
    and not a shared machine's other load or a collection over the heap Hypothesis builds in
    10,000 examples (a run once took 3.4 s of CPU on an input that replays in milliseconds)."""
    from captions.errors import CaptionsError

    gc.disable()
    began = time.process_time()
    try:
        result = read(*args)
    except CaptionsError as exc:
        assert str(exc) and "\n" not in str(exc)
        result = None
    finally:
        spent = time.process_time() - began
        gc.enable()
    assert spent < seconds, f"{getattr(read, '__name__', 'read')} took {spent:.1f} s"
    return result
