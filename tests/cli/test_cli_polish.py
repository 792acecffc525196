"""The command's surface: --version, one-line usage errors, plain usage lines, '-o -' in the
input's format, unreadable files, the audio install hint, and reports that agree with warnings."""
from __future__ import annotations

import json
from pathlib import Path

from captions import media
from captions.cli import main

from conftest import dedent

SRT = "1\n00:00:01,000 --> 00:00:02,000\n<i>Hello</i> there.\n"
REV = dedent("""
    Ann Lee (00:00:01):
    Why did you agree to do this interview with the BBC?

    Bob (00:00:06):
    I don't know. I like spontaneity. There's a lot going on.
    """)
BLOG = dedent("""
    Ann Lee:
    Why did you agree to do this interview with the BBC?

    评论

    Bob:
    I don't know. I like spontaneity. There's a lot going on.
    The sponsor of this page wishes you a pleasant evening with the family.
    """)


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.startswith("captions ") and out.split()[1][0].isdigit()


def test_usage_errors_are_one_line_and_a_hint(capsys):
    for args in (("make", "a", "b", "--bogus"), ("make", "a"), ("shift", "a.srt", "--by")):
        code, _, err = run(capsys, *args)
        lines = err.strip().splitlines()
        assert code == 2 and len(lines) == 2, err
        assert lines[0].startswith("captions: error: ") and lines[1] == f"Try 'captions {args[0]} --help'."
        assert "╭" not in err and "│" not in err


def test_help_has_plain_usage_lines(capsys):
    for command, usage in (("make", "TRANSCRIPT TEXT"), ("convert", "SOURCE TARGET"), ("check", "FILES...")):
        code, out, _ = run(capsys, command, "--help")
        assert code == 0 and f"Usage: captions {command} [OPTIONS] {usage}" in out
        assert "{" not in out.splitlines()[0]


def test_stdout_takes_the_input_format(write_file, capsys):
    src = write_file("a.srt", SRT)
    for args in (("convert", src, "-"), ("shift", src, "--by", "1", "-o", "-")):
        code, out, err = run(capsys, *args)
        assert code == 0 and err == ""
        assert out.startswith("1\n00:00:0") and "<i>Hello</i> there." in out


def test_unreadable_inputs_are_one_line(write_file, tmp_path, capsys, monkeypatch):
    code, _, err = run(capsys, "convert", tmp_path, tmp_path / "x.vtt")     # a folder given as the file
    assert code == 2 and "is a folder" in err and len(err.splitlines()) == 1
    src = write_file("a.srt", SRT)

    def denied(self):
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", denied)      # root reads any file: make the read fail
    code, _, err = run(capsys, "convert", src, tmp_path / "x.vtt")
    assert code == 2 and err == f"captions: error: {src}: cannot read: permission denied\n"


def test_audio_hint_from_a_checkout_and_from_the_index(monkeypatch, tmp_path):
    assert "-e" in media.audio_install_hint() and "[audio]" in media.audio_install_hint()   # tests run from a checkout
    monkeypatch.setattr(media, "__file__", str(tmp_path / "site-packages" / "captions" / "media.py"))
    assert media.audio_install_hint() == "pip install 'captions-from-text[audio]'"


def test_summary_counts_every_dropped_line_that_is_warned(write_file, tmp_path, capsys):
    rev, blog = write_file("t.rev.txt", REV), write_file("t.blog.txt", BLOG)
    code, _, err = run(capsys, "make", rev, blog, "-o", tmp_path / "t.srt")
    assert code == 0, err
    warned = [line for line in err.splitlines() if line.startswith("warning: ") and ": dropped, " in line]
    assert len(warned) == 2                       # one by the text reader (script), one by the aligner
    assert f", {len(warned)} line(s) dropped;" in err


def test_batch_report_carries_the_warnings_text(write_file, tmp_path, capsys):
    write_file("t.rev.txt", REV)
    write_file("t.blog.txt", BLOG)
    out = tmp_path / "out"
    code, _, err = run(capsys, "batch", tmp_path, "-o", out, "--report", tmp_path / "r.json")
    assert code == 0, err
    result, = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["results"]
    assert any("评论" in w for w in result["warnings"]) and all(isinstance(w, str) for w in result["warnings"])
