"""readers/timing/cues.py: SRT, WebVTT (YouTube auto-captions too) and SBV as timing sources."""
from __future__ import annotations

import pytest

from captions.errors import InputError, TranscriptError
from captions.readers import parse_sbv_source, parse_srt_source, parse_vtt_source
from captions.readers.timing.tokens import PAUSE_TEXT
from captions.timing import transcript_times

from conftest import dedent


def spoken(t):
    return [w.text for w in t.words if not w.placeholder]


def anchor_at(t):
    return [(t.words[a.word].text, a.time_ms) for a in t.anchors]


SRT = dedent("""
    1
    00:00:01,000 --> 00:00:03,500
    <i>Hello there,</i> {\\an8}how
    are you?

    2
    00:00:03,600 --> 00:00:05,000
    - Fine.
    - Good.

    3
    00:00:07,000 --> 00:00:08,000
    [Music] ♪ La la ♪
    """)


def test_srt_cue_start_anchors_first_word_and_cue_end_gets_a_pause_before_a_silence():
    t = parse_srt_source(SRT, "a.srt")
    assert spoken(t) == ["Hello", "there,", "how", "are", "you?", "Fine.", "Good.", "La", "la"]
    # cue 1 ends 100 ms before cue 2: no pause; cue 2 ends 2 s before cue 3: a pause
    assert anchor_at(t) == [("Hello", 1000), ("Fine.", 3600), (PAUSE_TEXT, 5000), ("La", 7000), (PAUSE_TEXT, 8000)]
    assert [w.line for w in t.words if not w.placeholder][:6] == [2, 2, 2, 2, 2, 7]   # the cue's timing line
    assert [turn.speaker for turn in t.turns] == ["Speaker 1"]
    starts, ends = transcript_times(t)
    by = dict(zip([w.text for w in t.words], zip(starts, ends)))
    assert 1000 < by["how"][0] < by["you?"][0] < 3600
    assert by["Good."][1] <= 5000


def test_srt_blank_line_inside_a_cue_and_sloppy_times():
    text = "1\n00:00:01.5 --> 00:00:02,000\nfirst part\n\nsecond part\n\n2\n0:00:03,000 --> 0:00:04,000\nnext\n"
    t = parse_srt_source(text, "a.srt")
    assert spoken(t) == ["first", "part", "second", "part", "next"]
    assert anchor_at(t)[0] == ("first", 1500)


def test_vtt_voices_name_the_speakers_and_cue_settings_and_notes_are_ignored():
    text = dedent("""
        WEBVTT - an interview

        NOTE made by hand

        STYLE
        ::cue { color: yellow }

        intro
        00:01.000 --> 00:03.000 line:90% align:center
        <v.loud Ann Lee>Hello &amp; welcome.</v>

        00:03.500 --> 00:05.000
        <v Bo>Thanks,
        glad to be here.
        """)
    t = parse_vtt_source(text, "a.vtt")
    # entities undone; a lone "&" joins the word before, as lone punctuation does in Rev text
    assert spoken(t) == ["Hello&", "welcome.", "Thanks,", "glad", "to", "be", "here."]
    assert [turn.speaker for turn in t.turns] == ["Ann Lee", "Bo"]
    assert anchor_at(t) == [("Hello&", 1000), (PAUSE_TEXT, 3000), ("Thanks,", 3500), (PAUSE_TEXT, 5000)]


YOUTUBE = dedent("""
    WEBVTT
    Kind: captions
    Language: en

    00:00:00.500 --> 00:00:02.000 align:start position:0%
     
    so<00:00:00.800><c> today</c><00:00:01.200><c> we</c><00:00:01.500><c> are</c>

    00:00:02.000 --> 00:00:02.010 align:start position:0%
    so today we are
     

    00:00:02.010 --> 00:00:04.000 align:start position:0%
    so today we are
    going<00:00:02.300><c> to</c><00:00:02.500><c> talk</c>

    00:00:04.000 --> 00:00:04.010 align:start position:0%
    going to talk
     

    00:00:06.000 --> 00:00:07.000 align:start position:0%
    going to talk
    about<00:00:06.400><c> rivers</c>
    """)


def test_youtube_rolling_captions_give_each_word_once_with_its_own_time():
    t = parse_vtt_source(YOUTUBE, "auto.vtt")
    assert spoken(t) == ["so", "today", "we", "are", "going", "to", "talk", "about", "rivers"]
    assert anchor_at(t) == [("so", 500), ("today", 800), ("we", 1200), ("are", 1500), ("going", 2010),
                            ("to", 2300), ("talk", 2500), (PAUSE_TEXT, 4000), ("about", 6000),
                            ("rivers", 6400), (PAUSE_TEXT, 7000)]
    assert t.warnings == ()


def test_short_youtube_file_with_colour_classes_and_speaker_marks():
    text = dedent("""
        WEBVTT

        00:00:01.000 --> 00:00:03.000 align:start position:0%
        &gt;&gt; so<00:00:01.500><c.colorE5E5E5> today</c><c.colorCCCCCC><00:00:02.000> we</c>

        00:00:03.000 --> 00:00:03.010 align:start position:0%
        &gt;&gt; so today we

        00:00:03.010 --> 00:00:05.000 align:start position:0%
        &gt;&gt; so today we
        talk<00:00:03.500><c> about</c>
        """)
    t = parse_vtt_source(text)
    assert anchor_at(t) == [("so", 1000), ("today", 1500), ("we", 2000), ("talk", 3010), ("about", 3500),
                            (PAUSE_TEXT, 5000)]


def test_rolling_captions_without_word_times():
    text = dedent("""
        1
        00:00:01,000 --> 00:00:02,000
        one two

        2
        00:00:02,000 --> 00:00:03,000
        one two
        three four

        3
        00:00:03,000 --> 00:00:04,000
        three four
        five six
        """)
    t = parse_srt_source(text)
    assert spoken(t) == ["one", "two", "three", "four", "five", "six"]
    assert anchor_at(t) == [("one", 1000), ("three", 2000), ("five", 3000), (PAUSE_TEXT, 4000)]


def test_a_line_said_twice_in_ordinary_captions_is_kept():
    text = "1\n00:00:01,000 --> 00:00:02,000\nRoger.\n\n2\n00:00:03,000 --> 00:00:04,000\nRoger.\n\n" \
           "3\n00:00:05,000 --> 00:00:06,000\nOver and out.\n\n4\n00:00:06,000 --> 00:00:07,000\nOut? No.\n"
    assert spoken(parse_srt_source(text)) == ["Roger.", "Roger.", "Over", "and", "out.", "Out?", "No."]


def test_sbv():
    text = "0:00:01.000,0:00:02.500\n>> Hello there.\n\n0:00:04.000,0:00:05.000\nBye.\n"
    t = parse_sbv_source(text, "a.sbv")
    assert spoken(t) == ["Hello", "there.", "Bye."]
    assert anchor_at(t) == [("Hello", 1000), (PAUSE_TEXT, 2500), ("Bye.", 4000), (PAUSE_TEXT, 5000)]


def test_cue_errors_name_file_and_line():
    with pytest.raises(InputError) as info:
        parse_srt_source("1\n00:00:01,000 --> 00:00:x\nhello\n", "a.srt")
    assert info.value.line == 2 and "malformed cue timing" in str(info.value)
    with pytest.raises(InputError) as info:
        parse_srt_source("1\n00:00:05,000 --> 00:00:01,000\nhello\n", "a.srt")
    assert str(info.value) == "a.srt:2: the cue ends before it starts"
    with pytest.raises(InputError, match="no cues"):
        parse_vtt_source("WEBVTT\n\nNOTE nothing here\n", "a.vtt")
    with pytest.raises(TranscriptError, match="no words"):
        parse_srt_source("1\n00:00:01,000 --> 00:00:02,000\n[Music]\n", "a.srt")
