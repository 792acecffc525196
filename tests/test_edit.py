"""edit.py: shifting and converting captions read from files; what the writers write, the reader
reads back the same."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, strategies as st

from captions.edit import convert, shift
from captions.errors import OutputError
from captions.model import Caption
from captions.readers.caption_files import parse_captions, read_captions
from captions.writers import format_captions, write_captions

from conftest import fuzz_settings

SAMPLE = Path(__file__).resolve().parents[1] / "samples" / "bbc-musk-2023.srt"

CAPS = [
    Caption(1000, 2000, ("One.",)),
    Caption(2100, 3000, ("Two,", "and a half.")),
    Caption(5000, 6000, ("Three.",)),
    Caption(6100, 7000, ("Four.",)),
]


def times(captions: list[Caption]) -> list[tuple[int, int]]:
    return [(c.start_ms, c.end_ms) for c in captions]


# --- shift ------------------------------------------------------------------------------------

def test_shift_everything_later_or_earlier():
    assert times(shift(CAPS, 1500)) == [(2500, 3500), (3600, 4500), (6500, 7500), (7600, 8500)]
    assert times(shift(CAPS, -1000)) == [(0, 1000), (1100, 2000), (4000, 5000), (5100, 6000)]
    assert [c.lines for c in shift(CAPS, -1000)] == [c.lines for c in CAPS]
    assert shift(CAPS, 0) == CAPS


def test_shift_before_zero_names_the_cue():
    with pytest.raises(ValueError, match=r"cue 1 \(at 00:00:01.000\) before 0"):
        shift(CAPS, -1001)


def test_shift_from_moves_cues_starting_at_or_after_it():
    assert times(shift(CAPS, 500, from_ms=5000)) == [(1000, 2000), (2100, 3000), (5500, 6500), (6600, 7500)]
    assert times(shift(CAPS, -1900, from_ms=4000)) == [(1000, 2000), (2100, 3000), (3100, 4100), (4200, 5100)]
    assert shift(CAPS, -5000, from_ms=10_000) == CAPS


def test_shift_from_refuses_to_move_cues_onto_earlier_ones():
    with pytest.raises(ValueError, match=r"cue 3 to 00:00:02.500, before cue 2 ends at 00:00:03.000"):
        shift(CAPS, -2500, from_ms=5000)
    with pytest.raises(ValueError, match=r"cue 3 to 00:00:00.000, before cue 1 ends at 00:00:02.000"):
        shift(CAPS, -5000, from_ms=4000)      # jumping over earlier cues is no better


def test_shift_from_keeps_an_overlap_that_was_there():
    caps = [Caption(0, 3000, ("Long.",)), Caption(2000, 4000, ("Overlapping.",))]
    assert times(shift(caps, -500, from_ms=2000)) == [(0, 3000), (1500, 3500)]


# --- convert ----------------------------------------------------------------------------------

def test_srt_to_vtt_to_srt_keeps_cues_times_and_line_breaks(tmp_path):
    original = read_captions(SAMPLE)
    write_captions(convert(original, "vtt"), tmp_path / "a.vtt")
    vtt = read_captions(tmp_path / "a.vtt")
    write_captions(convert(vtt, "srt"), tmp_path / "b.srt")
    assert read_captions(tmp_path / "b.srt") == vtt == original
    assert (tmp_path / "b.srt").read_text(encoding="utf-8") == SAMPLE.read_text(encoding="utf-8")


VOICED = """WEBVTT

00:00:01.000 --> 00:00:03.000
<v James Clayton>Why did you agree
to this interview?</v>

00:00:03.500 --> 00:00:05.000
<v James Clayton>With the BBC?</v>

00:00:05.100 --> 00:00:07.000
<v Elon Musk>- I don't know.</v>
<v James Clayton>- Really?</v>

00:00:07.100 --> 00:00:09.000
<v Elon Musk>Elon Musk: I like spontaneity.</v>

00:00:09.100 --> 00:00:11.000
No voice here.
<v Elon Musk>Spontaneity.</v>
"""


def test_vtt_voices_become_names_in_srt(tmp_path):
    srt = convert(parse_captions(VOICED, "vtt"), "srt")
    assert [c.lines for c in srt] == [
        ("James Clayton: Why did you agree", "to this interview?"),
        ("With the BBC?",),                                       # the same voice goes on
        ("Elon Musk: I don't know.", "James Clayton: Really?"),   # the name takes the dash's place
        ("Elon Musk: I like spontaneity.",),                      # already named
        ("No voice here.", "Elon Musk: Spontaneity."),
    ]
    assert all(c.voices == () for c in srt)
    write_captions(srt, tmp_path / "a.srt")
    assert read_captions(tmp_path / "a.srt") == srt


def test_convert_to_vtt_keeps_voices():
    caps = parse_captions(VOICED, "vtt")
    assert convert(caps, "vtt") == caps
    assert parse_captions(format_captions(caps, "vtt"), "vtt") == caps


def test_convert_to_an_unknown_format():
    with pytest.raises(OutputError, match="unknown caption format 'sub'"):
        convert(CAPS, "sub")


# --- what is written reads back the same ----------------------------------------------------

def line_text(fmt: str):
    """Text a line can hold: SRT has no escapes, so no '<', '>' or '{' (markup) there."""
    banned = "\n\r<>{}" if fmt == "srt" else "\n\r"
    chars = st.characters(whitelist_categories=("L", "N", "P", "S", "Zs"), blacklist_characters=banned)
    return st.text(chars, min_size=1, max_size=50).map(str.strip).filter(bool)


@st.composite
def captions(draw, fmt: str):
    out, t = [], draw(st.integers(0, 3_600_000))
    for _ in range(draw(st.integers(1, 8))):
        lines = tuple(draw(st.lists(line_text(fmt), min_size=1, max_size=3)))
        names = st.text(st.characters(whitelist_categories=("L",)), min_size=1, max_size=12)
        voices = tuple(draw(st.one_of(st.none(), names)) for _ in lines) if fmt == "vtt" else ()
        start = t + draw(st.integers(0, 5000))
        t = start + draw(st.integers(0, 8000))
        out.append(Caption(start, t, lines, voices if any(voices) else ()))
    return out


@pytest.mark.parametrize("fmt", ["srt", "vtt"])
def test_written_captions_read_back_identical(fmt):
    @fuzz_settings(100)
    @given(captions(fmt))
    def round_trip(caps):
        assert parse_captions(format_captions(caps, fmt), None) == caps

    round_trip()
