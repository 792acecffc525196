"""No caption file or timing source hangs the tool: each pathological shape, generated small,
is read in well under 2 s into a transcript, captions or a one-line error; and a slow one is
stopped by SIGTERM within a second, writing nothing."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from captions.errors import CaptionsError
from conftest import within_cpu
from captions.readers import parse_transcript_bytes
from captions.readers.caption_files import parse_captions

ROOT = Path(__file__).resolve().parents[2]
N = 19_000          # under the caption line limit: the reader must do the work, not refuse
ROWS = 10           # lines of each shape in one cue: work quadratic in a line adds up past 2 s
SRT = "1\n00:00:01,000 --> 00:00:02,000\n"
VTT = "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n"
SBV = "0:00:01.000,0:00:02.000\n"

# Each shape once made a reader rescan the rest of a line from every position (or build a word a
# character at a time): seconds at 20k characters, minutes at 1 MB.
LINES = {
    "one long word": "a" * N,
    "override block never closed": "{\\" * (N // 2),
    "'<' never closed": "<" * N,
    "'<font ' never closed": "<font " * (N // 6),
    "voice tag with runs of spaces": "<v a" + " " * (N // 2) + "b" + " " * (N // 2 - 10) + ">hi",
    "voice classes": "<v" + ".a" * (N // 2 - 5) + " x>hi",
    "'[' then spaces": "[" + " " * N,
    "'[' by the thousand": "[ " * (N // 2),
    "sound label never closed": "[" + "a" * N,
    "entities": "&amp;" * (N // 5),
    "arrows in the text": "x-->" * (N // 4),
    "inline times glued to pieces": "a<00:00:01.500><c>b</c>" * (N // 25),
    "tags deep inside a word": "<i><b><u>" * (N // 9) + "word",
}


def shapes():
    for name, line in LINES.items():
        rows = (line + "\n") * ROWS
        yield f"SRT, {name}", SRT + rows, "srt"
        yield f"WebVTT, {name}", VTT + rows, "vtt"
        yield f"SBV, {name}", SBV + rows, "sbv"
    yield "WebVTT, long STYLE line", "WEBVTT\n\nSTYLE\n::cue { " + "x" * N + " }\n\n00:00:01.000 --> 00:00:02.000\nhi\n", "vtt"
    yield "WebVTT, long cue settings", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000" + " " * N + "x\nhi\n", "vtt"
    yield "SRT, many cues", "".join(f"{k}\n00:00:{k % 60:02d},000 --> 00:00:{k % 60:02d},500\nw{k}\n\n"
                                    for k in range(1, 3000)), "srt"
    yield "SRT, many '-->' lines", SRT + "hi\n" + "-->\n" * 3000, "srt"
    yield "Rev, '[' then spaces", "Speaker 1 (00:01):\nhi [" + " " * N + "x\n", "rev"
    yield "Rev, long lines of words", "Speaker 1 (00:01):\n" + ("hello, there " * N + "\n") * ROWS, "rev"
    yield "Rev, header-like line", "Speaker 1 (00:01):\nhi\n" + "a:(" * (N // 3) + "\n", "rev"
    yield "Rev, name then spaces", "a" + " " * N + "(00:01):\nhi\n", "rev"


SHAPES = list(shapes())


@pytest.mark.parametrize("name, text, fmt", SHAPES, ids=[s[0] for s in SHAPES])
def test_every_shape_is_read_quickly_as_a_timing_source(name, text, fmt):
    within_cpu(2.0, parse_transcript_bytes, text.encode(), "f." + fmt)


@pytest.mark.parametrize("name, text, fmt", [s for s in SHAPES if s[2] in ("srt", "vtt")],
                         ids=[s[0] for s in SHAPES if s[2] in ("srt", "vtt")])
def test_every_shape_is_read_quickly_for_check_and_convert(name, text, fmt):
    within_cpu(2.0, parse_captions, text, fmt, "f." + fmt)


def test_the_text_of_pathological_lines_is_still_read():
    """Linear is not lossy: the pieces of a word are one word, an unclosed tag is text."""
    t = parse_transcript_bytes((VTT + "a<00:00:01.500><c>b</c> <font x\n").encode(), "f.vtt")
    assert [w.text for w in t.words if not w.placeholder] == ["ab", "<font", "x"]
    caption, = parse_captions(SRT + "{\\an8}<i>hi</i> <font there\n", "srt", "f.srt")
    assert caption.lines == ("hi <font there",)


def test_sigterm_stops_a_slow_read_at_once_and_writes_nothing(tmp_path):
    """A large (but valid) timing source takes seconds to read: SIGTERM half a second in ends the
    run within a second, with no output and no temporary file."""
    cues = "".join(f"{k}\n{k // 3600:02d}:{k // 60 % 60:02d}:{k % 60:02d},000 --> "
                   f"{k // 3600:02d}:{k // 60 % 60:02d}:{k % 60:02d},900\nsaid the word {k}\n\n"
                   for k in range(1, 100_000))   # 5.5 MB, under the 8 MiB limit
    big = tmp_path / "BIG.srt"
    big.write_text(cues, encoding="utf-8")
    out = tmp_path / "out.srt"
    proc = subprocess.Popen([sys.executable, "-m", "captions", "make", str(big),
                             str(ROOT / "samples" / "bbc-musk-2023.blog.txt"), "-o", str(out)],
                            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"})
    time.sleep(0.5)
    if proc.poll() is not None:
        pytest.fail(f"the run ended before the signal: {proc.stderr.read()}")
    proc.send_signal(signal.SIGTERM)
    sent = time.perf_counter()
    _, err = proc.communicate(timeout=30)
    assert time.perf_counter() - sent < 1.0, err
    assert proc.returncode != 0 and "Traceback" not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["BIG.srt"]


@pytest.mark.parametrize("text, fmt", [(SRT + "a" * 4 * 2**20 + "\n", "srt"),
                                       ("WEBVTT\n\nSTYLE\n" + "x" * 2**20 + "\n", "vtt"),
                                       (SBV + "{\\" * 2**19 + "\n", "sbv")], ids=["srt", "vtt", "sbv"])
def test_the_issue_s_megabyte_lines_are_refused_at_once(text, fmt):
    began = time.process_time()
    with pytest.raises(CaptionsError, match="not a caption file"):
        parse_transcript_bytes(text.encode(), "f." + fmt)
    assert time.process_time() - began < 2.0
