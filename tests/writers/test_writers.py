"""writers: SRT and WebVTT text that pysrt and webvtt-py read back as written, written atomically."""
from __future__ import annotations

import html
import os
import re
import stat

import pysrt
import pytest
import webvtt
from hypothesis import given, strategies as st

from captions import writers
from captions.errors import OutputError
from captions.model import Caption
from captions.writers import format_captions, format_for, write_captions
from captions.writers.vtt import vtt_time

from conftest import fuzz_settings

CAPTIONS = [
    Caption(0, 1_500, ("Why did you agree", "to do this interview?")),
    Caption(1_583, 59_999, ("I don't know.",)),
    Caption(60_000, 3_599_999, ("Profits & losses <so far>",)),
    Caption(3_600_000, 3_723_004, ("Over an hour in.", "Second line.")),
]

VTT_TIME = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$")


def vtt_ms(stamp: str) -> int:
    m = VTT_TIME.match(stamp)
    assert m, stamp
    h, mi, s, ms = map(int, m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def read_srt(text: str) -> list[tuple[int, int, str]]:
    return [(item.start.ordinal, item.end.ordinal, item.text) for item in pysrt.from_string(text)]


def read_vtt(text: str) -> list[tuple[int, int, str]]:
    return [(vtt_ms(c.start), vtt_ms(c.end), html.unescape(c.text)) for c in webvtt.from_string(text)]


def expected(captions):
    return [(c.start_ms, c.end_ms, c.text) for c in captions]


# --- SRT --------------------------------------------------------------------------------------

def test_srt_round_trip_through_pysrt():
    assert read_srt(format_captions(CAPTIONS, "srt")) == expected(CAPTIONS)


def test_srt_layout():
    text = format_captions(CAPTIONS[:2], "srt")
    assert text == ("1\n00:00:00,000 --> 00:00:01,500\nWhy did you agree\nto do this interview?\n\n"
                    "2\n00:00:01,583 --> 00:00:59,999\nI don't know.\n\n")
    assert "\r" not in text


@pytest.mark.parametrize("ms, stamp", [
    (0, "00:00:00,000"),
    (59_999, "00:00:59,999"),
    (60_000, "00:01:00,000"),
    (3_599_999, "00:59:59,999"),
    (3_723_004, "01:02:03,004"),
    (36_000_000, "10:00:00,000"),
])
def test_srt_times(ms, stamp):
    text = format_captions([Caption(ms, ms + 1, ("x",))], "srt")
    assert text.splitlines()[1].startswith(f"{stamp} --> ")


def test_srt_keeps_characters_and_has_no_voice_tags():
    caps = [Caption(0, 1000, ("A & B <i>not markup</i>",), ("Elon Musk",))]
    text = format_captions(caps, "srt")
    assert "<v" not in text
    assert read_srt(text) == [(0, 1000, "A & B <i>not markup</i>")]


# --- WebVTT -----------------------------------------------------------------------------------

def test_vtt_round_trip_through_webvtt_py():
    text = format_captions(CAPTIONS, "vtt")
    assert text.startswith("WEBVTT\n")
    assert read_vtt(text) == expected(CAPTIONS)


def test_vtt_escapes_ampersand_and_angle_brackets():
    text = format_captions([Caption(0, 1000, ("Profits & losses <so far> -->",))], "vtt")
    assert "Profits &amp; losses &lt;so far&gt; --&gt;" in text
    assert "-->" not in text.split("\n", 3)[3]          # only the timing line has an arrow
    assert read_vtt(text) == [(0, 1000, "Profits & losses <so far> -->")]


@pytest.mark.parametrize("ms, stamp", [
    (0, "00:00:00.000"),
    (999, "00:00:00.999"),
    (59_999, "00:00:59.999"),
    (60_000, "00:01:00.000"),
    (3_599_999, "00:59:59.999"),
    (3_600_000, "01:00:00.000"),
    (3_723_004, "01:02:03.004"),
    (360_000_000, "100:00:00.000"),
])
def test_vtt_times(ms, stamp):
    assert vtt_time(ms) == stamp
    text = format_captions([Caption(ms, ms + 1, ("x",))], "vtt")
    assert f"\n{stamp} --> " in text


@given(st.integers(min_value=0, max_value=200 * 3_600_000))
@fuzz_settings(200)
def test_vtt_time_never_has_60_in_seconds_or_minutes(ms):
    stamp = vtt_time(ms)
    assert VTT_TIME.match(stamp), stamp
    assert vtt_ms(stamp) == ms


def test_vtt_voices():
    caps = [
        Caption(0, 2000, ("- Do you?", "- I don't."), ("James Clayton", "Elon Musk")),
        Caption(2100, 4000, ("Content you don't like,", "or hateful."), ("Elon Musk", "Elon Musk")),
        Caption(4100, 5000, ("No voice here.",)),
    ]
    text = format_captions(caps, "vtt")
    cues = list(webvtt.from_string(text))
    assert cues[0].raw_text == "<v James Clayton>- Do you?</v>\n<v Elon Musk>- I don't.</v>"
    assert cues[0].voice == "James Clayton"
    assert cues[1].raw_text == "<v Elon Musk>Content you don't like,\nor hateful.</v>"   # same voice: one span
    assert cues[2].raw_text == "No voice here."
    assert [html.unescape(c.text) for c in cues] == [c.text for c in caps]


def test_vtt_voice_name_is_escaped():
    text = format_captions([Caption(0, 1000, ("Hi.",), ("Smith & <Sons>",))], "vtt")
    assert "<v Smith &amp; &lt;Sons&gt;>Hi." in text


def test_empty_caption_list_gives_valid_files():
    assert read_srt(format_captions([], "srt")) == []
    assert read_vtt(format_captions([], "vtt")) == []


# --- format names -----------------------------------------------------------------------------

@pytest.mark.parametrize("path, fmt, name", [
    ("out.srt", None, "srt"), ("OUT.SRT", None, "srt"), ("out.vtt", None, "vtt"),
    ("out.txt", "srt", "srt"), ("out.srt", "vtt", "vtt"), ("out", "WebVTT", "vtt"),
])
def test_format_for(path, fmt, name):
    assert format_for(path, fmt) == name


@pytest.mark.parametrize("path, fmt", [("out.txt", None), ("out", None), ("out.srt", "sub")])
def test_unknown_format_is_output_error(path, fmt):
    with pytest.raises(OutputError, match="unknown caption format") as info:
        format_for(path, fmt)
    assert info.value.path == path


# --- writing files ----------------------------------------------------------------------------

def test_write_captions_srt_and_vtt(tmp_path):
    write_captions(CAPTIONS, tmp_path / "a.srt")
    write_captions(CAPTIONS, tmp_path / "a.vtt")
    assert read_srt((tmp_path / "a.srt").read_text(encoding="utf-8")) == expected(CAPTIONS)
    assert read_vtt((tmp_path / "a.vtt").read_text(encoding="utf-8")) == expected(CAPTIONS)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.srt", "a.vtt"]


def test_write_captions_is_utf8_with_lf(tmp_path):
    write_captions([Caption(0, 1000, ("café “naïve”", "two"))], tmp_path / "a.srt")
    data = (tmp_path / "a.srt").read_bytes()
    assert "café “naïve”".encode("utf-8") in data
    assert b"\r" not in data


def test_write_captions_unknown_extension_writes_nothing(tmp_path):
    with pytest.raises(OutputError) as info:
        write_captions(CAPTIONS, tmp_path / "a.txt")
    assert str(tmp_path / "a.txt") in str(info.value)
    assert list(tmp_path.iterdir()) == []


def test_write_captions_missing_folder_is_output_error(tmp_path):
    with pytest.raises(OutputError, match="folder"):
        write_captions(CAPTIONS, tmp_path / "nope" / "a.srt")


def test_write_captions_replaces_an_existing_file(tmp_path):
    target = tmp_path / "a.srt"
    target.write_text("old", encoding="utf-8")
    write_captions(CAPTIONS, target)
    assert read_srt(target.read_text(encoding="utf-8")) == expected(CAPTIONS)


def test_new_file_gets_ordinary_permissions(tmp_path):
    umask = os.umask(0o022)
    try:
        write_captions(CAPTIONS, tmp_path / "a.srt")
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "a.srt").stat().st_mode) == 0o644


def test_replaced_file_keeps_its_permissions(tmp_path):
    target = tmp_path / "a.vtt"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    write_captions(CAPTIONS, target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def leftovers(folder):
    return [p.name for p in folder.iterdir() if p.name.endswith(".part")]


def test_failed_rename_leaves_existing_file_untouched_and_no_part_file(tmp_path, monkeypatch):
    target = tmp_path / "a.srt"
    target.write_text("old captions\n", encoding="utf-8")

    def boom(src, dst):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="No space left") as info:
        write_captions(CAPTIONS, target)
    assert info.value.path == str(target)
    assert target.read_text(encoding="utf-8") == "old captions\n"
    assert leftovers(tmp_path) == []


def test_interrupted_write_leaves_existing_file_untouched_and_no_part_file(tmp_path, monkeypatch):
    target = tmp_path / "a.vtt"
    target.write_text("old captions\n", encoding="utf-8")

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_captions(CAPTIONS, target)
    assert target.read_text(encoding="utf-8") == "old captions\n"
    assert leftovers(tmp_path) == []


def test_failing_formatter_leaves_existing_file_untouched(tmp_path, monkeypatch):
    target = tmp_path / "a.srt"
    target.write_text("old captions\n", encoding="utf-8")

    def broken(captions):
        raise RuntimeError("formatter failed")

    monkeypatch.setitem(writers.WRITERS, "srt", broken)
    with pytest.raises(RuntimeError):
        write_captions(CAPTIONS, target)
    assert target.read_text(encoding="utf-8") == "old captions\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.srt"]


def test_failed_write_of_new_file_leaves_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError(13, "Permission denied")))
    with pytest.raises(OutputError):
        write_captions(CAPTIONS, tmp_path / "new.srt")
    assert list(tmp_path.iterdir()) == []


# --- properties -------------------------------------------------------------------------------

# A caption line: printable, no leading/trailing whitespace, not blank.
LINE = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
    min_size=1, max_size=30,
).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def caption_lists(draw):
    n = draw(st.integers(min_value=0, max_value=8))
    t = draw(st.integers(min_value=0, max_value=10_000_000))
    out = []
    for _ in range(n):
        start = t + draw(st.integers(min_value=0, max_value=5_000_000))
        end = start + draw(st.integers(min_value=1, max_value=5_000_000))
        lines = tuple(draw(st.lists(LINE, min_size=1, max_size=3)))
        out.append(Caption(start, end, lines))
        t = end
    return out


@fuzz_settings(150)
@given(caption_lists())
def test_srt_round_trip_property(captions):
    assert read_srt(format_captions(captions, "srt")) == expected(captions)


@fuzz_settings(150)
@given(caption_lists())
def test_vtt_round_trip_property(captions):
    assert read_vtt(format_captions(captions, "vtt")) == expected(captions)


@st.composite
def voiced_caption_lists(draw):
    captions = draw(caption_lists())
    name = st.sampled_from(["Elon Musk", "James Clayton", "Speaker 2", "A & B"])
    return [Caption(c.start_ms, c.end_ms, c.lines, tuple(draw(name) for _ in c.lines)) for c in captions]


@fuzz_settings(100)
@given(voiced_caption_lists())
def test_vtt_round_trip_with_voices_property(captions):
    cues = list(webvtt.from_string(format_captions(captions, "vtt")))
    assert [(vtt_ms(c.start), vtt_ms(c.end), html.unescape(c.text)) for c in cues] == expected(captions)
    assert [html.unescape(c.voice) for c in cues] == [c.voices[0] for c in captions]
