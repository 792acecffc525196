"""convert and shift: never over their input unless asked, markup kept where the target has it,
the source's encoding kept, roll-up auto-captions shown once, strict timing checks first."""
from __future__ import annotations

import os

from captions.cli import main

from conftest import dedent

STYLED_SRT = dedent("""
    1
    00:00:01,000 --> 00:00:02,000
    <i>Hello</i> <font color="#ff0000">red</font> <b>bold</b>

    2
    00:00:03,000 --> 00:00:04,500
    {\\an8}Top <u>line</u> <s>gone</s>
    """)

STYLED_VTT = dedent("""
    WEBVTT

    STYLE
    ::cue(.yellow) { color: yellow }

    intro
    00:00:01.000 --> 00:00:02.000 align:start line:0
    <v Ann><i>Hi</i> &amp; <c.yellow>there</c></v>

    00:00:03.000 --> 00:00:04.000
    <v Bob>- Bye<00:00:03.500> now</v>
    """)


def run(capsys, *args):
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_convert_and_shift_refuse_to_write_over_their_input(write_file, tmp_path, capsys):
    src = write_file("cap.srt", STYLED_SRT)
    before = src.read_bytes()
    link = tmp_path / "link.srt"
    os.link(src, link)                      # the same file by another name
    for args in (("convert", src, src), ("convert", src, tmp_path / "." / "cap.srt"), ("convert", src, link),
                 ("shift", src, "--by", "1", "-o", src), ("shift", src, "--by", "1")):
        code, _, err = run(capsys, *args)
        assert code == 2, args
        assert err.startswith("captions: error: ") and len(err.strip().splitlines()) == 1, err
    assert src.read_bytes() == before


def test_in_place_shift_keeps_markup_and_changes_only_times(write_file, capsys):
    src = write_file("cap.srt", STYLED_SRT)
    code, _, err = run(capsys, "shift", src, "--by", "1", "--in-place")
    assert code == 0 and err == ""
    assert src.read_text() == STYLED_SRT.replace("00:00:01,000 --> 00:00:02,000", "00:00:02,000 --> 00:00:03,000") \
        .replace("00:00:03,000 --> 00:00:04,500", "00:00:04,000 --> 00:00:05,500")
    assert not [p for p in src.parent.iterdir() if p.name.endswith(".part")]


def test_srt_to_vtt_and_ass_keep_styles_and_say_what_is_dropped(write_file, tmp_path, capsys):
    src = write_file("cap.srt", STYLED_SRT)
    code, _, err = run(capsys, "convert", src, tmp_path / "out.vtt")
    vtt = (tmp_path / "out.vtt").read_text()
    assert code == 0
    assert "<i>Hello</i> <c.color_ff0000>red</c> <b>bold</b>" in vtt
    assert "::cue(.color_ff0000) { color: #ff0000; }" in vtt and "Top <u>line</u> gone" in vtt
    assert err.count("\n") == 1 and "strike-through" in err and "ASS override tags" in err
    code, _, err = run(capsys, "convert", src, tmp_path / "out.ass")
    ass = (tmp_path / "out.ass").read_text()
    assert code == 0 and err == ""
    assert "{\\i1}Hello{\\i0} {\\c&H0000FF&}red{\\c} {\\b1}bold{\\b0}" in ass
    assert "{\\an8}Top {\\u1}line{\\u0} {\\s1}gone{\\s0}" in ass


def test_vtt_to_vtt_keeps_everything_and_vtt_to_srt_labels_voices(write_file, tmp_path, capsys):
    src = write_file("in.vtt", STYLED_VTT)
    code, out, err = run(capsys, "shift", src, "--by", "2", "-o", "-")
    assert code == 0 and err == ""
    assert out.startswith("WEBVTT\n\nSTYLE\n::cue(.yellow)")
    assert "intro\n00:00:03.000 --> 00:00:04.000 align:start line:0\n<v Ann><i>Hi</i> &amp; <c.yellow>there</c></v>" in out
    assert "<v Bob>- Bye<00:00:05.500> now</v>" in out          # word times move with their cue
    code, out, err = run(capsys, "convert", src, "-", "--format", "srt")
    assert code == 0
    assert "Ann: <i>Hi</i> & there\n" in out and "Bob: Bye now\n" in out
    assert "WebVTT classes (1 cue)" in err and "word times (1 cue)" in err and "STYLE blocks" in err


def test_same_format_keeps_the_encoding_and_line_ends(write_file, tmp_path, capsys):
    text = "1\r\n00:00:01,000 --> 00:00:02,000\r\n<i>Café</i> déjà\r\n"
    src = write_file("latin.srt", text.encode("cp1252"))
    code, _, err = run(capsys, "shift", src, "--by", "0.5", "-o", tmp_path / "moved.srt")
    assert code == 0 and err == ""
    assert (tmp_path / "moved.srt").read_bytes() == text.replace("01,000 --> 00:00:02,000", "01,500 --> 00:00:02,500") \
        .encode("cp1252")
    code, _, _ = run(capsys, "convert", src, tmp_path / "out.vtt")          # another format: UTF-8
    assert code == 0 and "<i>Café</i> déjà" in (tmp_path / "out.vtt").read_text(encoding="utf-8")


def test_malformed_timing_is_refused_with_its_line_before_converting(write_file, tmp_path, capsys):
    src = write_file("bad.srt", "1\n00:00:01,000 --> 00:00:02,000\nok\n\n2\n00:00:61,000 --> 00:00:62,000\nbad\n")
    code, _, err = run(capsys, "convert", src, tmp_path / "out.vtt")
    assert code == 2 and f"{src}:6: malformed cue timing" in err
    assert not (tmp_path / "out.vtt").exists()


YOUTUBE = dedent("""
    WEBVTT
    Kind: captions
    Language: en

    00:00:00.500 --> 00:00:02.000 align:start position:0%
    SPACE
    so<00:00:00.800><c> today</c><00:00:01.200><c> we</c>

    00:00:02.000 --> 00:00:02.010 align:start position:0%
    so today we
    SPACE

    00:00:02.010 --> 00:00:04.000 align:start position:0%
    so today we
    talk<00:00:02.300><c> about</c><00:00:02.500><c> rivers</c>
    """).replace("SPACE", " ")           # YouTube's lines of one space, which dedent would empty


def test_convert_shows_each_line_of_roll_up_captions_once(write_file, capsys):
    src = write_file("auto.vtt", YOUTUBE)
    code, out, err = run(capsys, "convert", src, "-", "-f", "srt")
    assert code == 0
    assert out == ("1\n00:00:00,500 --> 00:00:02,000\nso today we\n\n"
                   "2\n00:00:02,010 --> 00:00:04,000\ntalk about rivers\n\n")
    assert "roll-up captions: 2 repeated line(s) and 1 cue(s)" in err


def test_ordinary_repeated_lines_are_kept(write_file, capsys):
    src = write_file("a.srt", "1\n00:00:01,000 --> 00:00:02,000\nRoger.\n\n2\n00:00:03,000 --> 00:00:04,000\nRoger.\n")
    code, out, err = run(capsys, "convert", src, "-")
    assert code == 0 and out.count("Roger.") == 2 and err == ""
