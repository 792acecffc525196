"""The `captions` command's error paths: exit 2 with one line naming the file, outputs left intact."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pysrt
import pytest
import webvtt

from captions.cli import main

from conftest import BENCH, SEEDS, dedent, need

REV = dedent("""
    Rev page title

    Interviewer (00:00:01):
    Why did you agree to do this interview with the BBC?

    Elon Musk (00:00:05):
    I don't know. I like spontaneity. There's a lot going on.

    Interviewer (00:00:10):
    You know what it stands for.

    Transcribe Your Own Content
    """)

BLOG = dedent("""
    James Clayton:
    Why did you agree to do this interview with the BBC?

    Elon Musk:
    I don't know. I like spontaneity.
    There's a lot going on.

    James Clayton:
    You know what it stands for.
    """)

OTHER = dedent("""
    The quarterly revenue of the packaging division grew by eleven percent.
    Margins improved in every region except the north, said the finance director.
    Cash flow was strong and the dividend was raised again this year.
    """)


@pytest.fixture
def pair(write_file):
    return write_file("talk.rev.txt", REV), write_file("talk.blog.txt", BLOG)


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def assert_one_error_line(err: str, *names: str):
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("captions: error: ")
    for name in names:
        assert name in lines[0]


# --- success, for contrast --------------------------------------------------------------------

def test_small_pair_writes_srt(pair, tmp_path, capsys):
    rev, blog = pair
    out = tmp_path / "talk.srt"
    code, stdout, err = run(capsys, "make", rev, blog, "-o", out)
    assert code == 0, err
    items = pysrt.open(str(out))
    assert len(items) >= 2
    assert items[0].text.replace("\n", " ").startswith("Why did you agree")
    assert "captions to" in err and stdout == ""


def test_default_output_is_text_with_srt_suffix(pair, tmp_path, capsys):
    rev, blog = pair
    code, _, err = run(capsys, "make", rev, blog, "-q")
    assert code == 0, err
    assert (tmp_path / "talk.blog.srt").stat().st_size > 0
    assert err == ""


def test_stdout_with_format_vtt_writes_webvtt(pair, tmp_path, capsys):
    rev, blog = pair
    code, out, err = run(capsys, "make", rev, blog, "-o", "-", "--format", "vtt")
    assert code == 0, err
    assert out.startswith("WEBVTT")
    cues = list(webvtt.from_string(out))
    assert cues and "Why did you agree" in cues[0].text.replace("\n", " ")
    assert "captions to stdout" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["talk.blog.txt", "talk.rev.txt"]


# --- input errors -----------------------------------------------------------------------------

def test_missing_transcript(pair, tmp_path, capsys):
    _, blog = pair
    missing = tmp_path / "nope.rev.txt"
    code, out, err = run(capsys, "make", missing, blog, "-o", tmp_path / "x.srt")
    assert code == 2
    assert_one_error_line(err, str(missing), "no such file")
    assert out == ""
    assert not (tmp_path / "x.srt").exists()


def test_missing_text(pair, tmp_path, capsys):
    rev, _ = pair
    missing = tmp_path / "nope.blog.txt"
    code, _, err = run(capsys, "make", rev, missing, "-o", tmp_path / "x.srt")
    assert code == 2
    assert_one_error_line(err, str(missing))


def test_binary_input(pair, write_file, capsys):
    _, blog = pair
    pdf = write_file("talk.pdf", b"%PDF-1.7\n" + bytes(range(256)))
    code, _, err = run(capsys, "make", pdf, blog)
    assert code == 2
    assert_one_error_line(err, str(pdf), "PDF")


def test_transcript_without_stamps(pair, write_file, tmp_path, capsys):
    _, blog = pair
    plain = write_file("plain.txt", "Interviewer:\nWhy did you agree?\n\nElon Musk:\nI don't know.\n")
    code, _, err = run(capsys, "make", plain, blog, "-o", tmp_path / "x.srt")
    assert code == 2
    assert_one_error_line(err, str(plain), "no timestamped")
    assert not (tmp_path / "x.srt").exists()


def test_text_of_another_recording(pair, write_file, tmp_path, capsys):
    rev, _ = pair
    other = write_file("other.txt", OTHER)
    code, _, err = run(capsys, "make", rev, other, "-o", tmp_path / "x.srt")
    assert code == 2
    assert_one_error_line(err, str(other))
    assert "% of the text matches" in err
    assert not (tmp_path / "x.srt").exists()


def test_bench_texts_of_different_recordings(tmp_path, capsys):
    rev = need(BENCH / "e22-4469088.rev.txt")
    clean = need(BENCH / "e22-4474506.clean.txt")
    code, _, err = run(capsys, "make", rev, clean, "-o", tmp_path / "x.srt")
    assert code == 2
    assert_one_error_line(err, str(clean))
    m = re.search(r"only (\d+)% of the text matches", err)
    assert m and int(m.group(1)) < 25
    assert "--force" in err


# --- output errors ----------------------------------------------------------------------------

def test_unknown_output_extension(pair, tmp_path, capsys):
    rev, blog = pair
    out = tmp_path / "talk.txt"
    code, _, err = run(capsys, "make", rev, blog, "-o", out)
    assert code == 2
    assert_one_error_line(err, str(out), "unknown caption format")
    assert not out.exists()


def test_unknown_format_option(pair, tmp_path, capsys):
    rev, blog = pair
    code, _, err = run(capsys, "make", rev, blog, "-o", tmp_path / "a.srt", "--format", "sub")
    assert code == 2
    assert "unknown caption format" in err and "Traceback" not in err
    assert not (tmp_path / "a.srt").exists()


def test_missing_output_folder(pair, tmp_path, capsys):
    rev, blog = pair
    out = tmp_path / "nope" / "a.srt"
    code, _, err = run(capsys, "make", rev, blog, "-o", out)
    assert code == 2
    assert_one_error_line(err, str(out), "folder")


def test_existing_output_untouched_after_failed_run(pair, write_file, tmp_path, capsys):
    rev, _ = pair
    other = write_file("other.txt", OTHER)
    out = write_file("talk.srt", "1\n00:00:01,000 --> 00:00:02,000\nkeep me\n\n")
    before = out.read_bytes()
    code, _, _ = run(capsys, "make", rev, other, "-o", out, "-o", tmp_path / "talk.vtt")
    assert code == 2
    assert out.read_bytes() == before
    assert not (tmp_path / "talk.vtt").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".part")]


@pytest.mark.parametrize("extra", [["-o", "nope/talk.vtt"], ["--report", "nope/report.json"]])
def test_existing_output_untouched_when_a_later_output_fails(pair, write_file, tmp_path, capsys, extra, monkeypatch):
    rev, blog = pair
    monkeypatch.chdir(tmp_path)
    out = write_file("talk.srt", "1\n00:00:01,000 --> 00:00:02,000\nkeep me\n\n")
    before = out.read_bytes()
    code, _, err = run(capsys, "make", rev, blog, "-o", out, *extra)
    assert code == 2
    assert "nope" in err
    assert out.read_bytes() == before


def test_stdout_without_format_is_a_usage_error(pair, capsys):
    rev, blog = pair
    code, out, err = run(capsys, "make", rev, blog, "-o", "-")
    assert code == 2
    assert "--format" in err
    assert "Traceback" not in err
    assert out == ""


@pytest.mark.parametrize("which", [0, 1])
def test_refuses_to_write_over_an_input(pair, tmp_path, capsys, which):
    rev, blog = pair
    target = (rev, blog)[which]
    before = target.read_bytes()
    code, _, err = run(capsys, "make", rev, blog, "-o", target, "--format", "srt")
    assert code == 2
    assert_one_error_line(err, str(target), "input")
    assert target.read_bytes() == before


def test_refuses_to_write_over_an_input_by_another_path(pair, tmp_path, capsys, monkeypatch):
    rev, blog = pair
    monkeypatch.chdir(tmp_path)
    (tmp_path / "sub").mkdir()
    before = blog.read_bytes()
    code, _, err = run(capsys, "make", rev, blog, "-o", "sub/../talk.blog.txt", "-f", "vtt")
    assert code == 2
    assert "input" in err and "Traceback" not in err
    assert blog.read_bytes() == before


def test_refuses_input_named_like_an_output(write_file, capsys):
    rev = write_file("talk.srt", REV)            # a transcript saved with a caption extension
    blog = write_file("talk.blog.txt", BLOG)
    before = rev.read_bytes()
    code, _, err = run(capsys, "make", rev, blog, "-o", rev)
    assert code == 2
    assert_one_error_line(err, str(rev), "input")
    assert rev.read_bytes() == before


def test_bad_rule_option_is_a_usage_error(pair, capsys):
    rev, blog = pair
    code, _, err = run(capsys, "make", rev, blog, "--max-chars", "abc")
    assert code == 2
    assert "Traceback" not in err


def test_no_arguments_shows_help_not_a_traceback(capsys):
    code, out, err = run(capsys)
    assert code in (0, 2)
    assert "make" in out + err
    assert "Traceback" not in out + err


# --- a real process on the seed pair ----------------------------------------------------------

def test_python_m_captions_on_the_seed_pair(tmp_path):
    rev = need(SEEDS / "bbc-musk-2023.rev.txt")
    blog = need(SEEDS / "bbc-musk-2023.blog.txt")
    out = tmp_path / "bbc.srt"
    proc = subprocess.run([sys.executable, "-m", "captions", "make", str(rev), str(blog), "-o", str(out)],
                          capture_output=True, text=True, timeout=120, cwd=Path(__file__).resolve().parents[2])
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert out.stat().st_size > 0
    items = pysrt.open(str(out))
    assert len(items) > 100
    starts = [i.start.ordinal for i in items]
    assert starts == sorted(starts)
    assert all(i.end.ordinal > i.start.ordinal for i in items)
