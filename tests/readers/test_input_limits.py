"""Inputs far past any real recording are refused early, in one line that says why and the
limit: on the file's size before it is read, on each kind's own limit, on a .docx's unpacked size,
and on a caption line's length."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from captions.errors import CaptionsError, InputError
from captions.readers import read_transcript
from captions.readers.decoding import (CAPTION_LINE_LIMIT, LIMITS, MAX_BYTES, ZIP_LIMIT, ZIP_PART_LIMIT,
                                     read_file_bytes)
from captions.readers.caption_files import parse_captions, read_captions
from captions.readers.clean.text import read_clean_text

ROOT = Path(__file__).resolve().parents[2]


def sparse(path: Path, head: bytes, size: int) -> Path:
    """A file of ``size`` bytes that starts with ``head``; the rest is a hole, costing no disk."""
    with open(path, "wb") as f:
        f.write(head)
        f.truncate(size)
    return path


def one_line(exc: CaptionsError, path: Path) -> str:
    message = str(exc)
    assert str(path) in message and "\n" not in message
    return message


def test_a_file_past_every_limit_is_refused_before_it_is_read(tmp_path, monkeypatch):
    p = sparse(tmp_path / "huge.txt", b"Speaker 1 (00:01):\nhello\n", MAX_BYTES + 1)

    def no_reading(self):
        raise AssertionError("read the file")

    monkeypatch.setattr(Path, "read_bytes", no_reading)
    with pytest.raises(InputError) as info:
        read_file_bytes(p)
    assert "too large for any input" in one_line(info.value, p)
    assert f"limit is {MAX_BYTES // 2**20} MiB" in str(info.value)


@pytest.mark.parametrize("name, head, kind", [
    ("t.txt", b"Speaker 1 (00:01):\nhello there\n", "rev"),
    ("t.srt", b"1\n00:00:01,000 --> 00:00:02,000\nhello\n\n", "srt"),
    ("t.vtt", b"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhello\n\n", "vtt"),
    ("t.json", b'{"monologues": []}' + b" " * 64, "json"),
])
def test_a_timing_source_just_past_its_kind_s_limit_is_refused(tmp_path, name, head, kind):
    # Spaces, not a hole: NUL bytes would be refused as binary before the size is weighed.
    p = tmp_path / name
    p.write_bytes(head + b" " * (LIMITS[kind] + 1 - len(head)))
    with pytest.raises(InputError) as info:
        read_transcript(p)
    message = one_line(info.value, p)
    assert "too large" in message and f"limit is {LIMITS[kind] // 2**20} MiB" in message


def test_a_timing_source_at_its_limit_is_read(tmp_path):
    head = b"Speaker 1 (00:01):\nhello there\n"
    p = tmp_path / "t.txt"
    p.write_bytes(head + b"\n" * (LIMITS["rev"] - len(head)))
    assert [w.text for w in read_transcript(p).words] == ["hello", "there"]


def test_a_clean_text_just_past_its_limit_is_refused_before_decoding(tmp_path):
    p = tmp_path / "blog.txt"
    p.write_bytes(b"Hello there.\n" + b" " * LIMITS["text"])
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert "too large for a text" in one_line(info.value, p)


def test_a_caption_file_past_its_limit_is_refused_by_check(tmp_path):
    p = tmp_path / "c.srt"
    p.write_bytes(b"1\n00:00:01,000 --> 00:00:02,000\nhello\n" + b"\n" * LIMITS["srt"])
    with pytest.raises(InputError) as info:
        read_captions(p)
    assert "too large for an SRT file" in one_line(info.value, p)


def docx_with(parts: dict[str, int]) -> bytes:
    """A ZIP whose parts are runs of spaces of the given sizes (they deflate to almost nothing)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, size in parts.items():
            z.writestr(name, b" " * size)
    return buf.getvalue()


@pytest.mark.parametrize("parts, said", [
    ({"word/document.xml": 100, "word/media/image1.png": ZIP_LIMIT + 1}, "unpacks to"),
    ({"word/document.xml": ZIP_PART_LIMIT + 1}, "its text (word/document.xml) unpacks"),
])
def test_a_docx_unpacking_past_its_limit_is_refused_on_both_sides(tmp_path, parts, said):
    p = tmp_path / "doc.docx"
    p.write_bytes(docx_with(parts))
    for read in (read_transcript, read_clean_text):
        with pytest.raises(InputError) as info:
            read(p)
        assert said in one_line(info.value, p)


@pytest.mark.parametrize("fmt, head", [("srt", "1\n00:00:01,000 --> 00:00:02,000\n"),
                                       ("vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n")])
def test_a_caption_line_past_the_limit_is_refused_naming_the_line(fmt, head):
    from captions.readers import parse_transcript_text

    text = head + "ok\n" + "a" * (CAPTION_LINE_LIMIT + 1) + "\n"
    number = head.count("\n") + 2
    for read in (lambda: parse_captions(text, fmt, "c." + fmt), lambda: parse_transcript_text(text, "c." + fmt)):
        with pytest.raises(InputError) as info:
            read()
        assert info.value.line == number
        assert f"the limit is {CAPTION_LINE_LIMIT:,}" in str(info.value)
    assert parse_captions(head + "a" * CAPTION_LINE_LIMIT + "\n", fmt, "c." + fmt)[0].lines == ("a" * CAPTION_LINE_LIMIT,)


def test_a_huge_clean_text_gets_one_line_from_the_command(tmp_path):
    """The issue's case: hundreds of MB of clean text, refused at once, no traceback, no output."""
    text = sparse(tmp_path / "huge.txt", b"Hello there.\n", 300 * 2**20)
    out = tmp_path / "out.srt"
    run = subprocess.run([sys.executable, "-m", "captions", "make", str(ROOT / "samples" / "bbc-musk-2023.rev.txt"),
                          str(text), "-o", str(out)], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert run.returncode != 0 and not out.exists()
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "too large" in lines[0] and "Traceback" not in run.stderr
