"""readers/timing/rev.py: Rev transcripts (web copy and TXT export) to words, turns and anchors."""
from __future__ import annotations

import pytest
from hypothesis import given, strategies as st

from captions.errors import CaptionsError, TranscriptError
from captions.model import Transcript
from captions.readers.timing.rev import parse_rev, read_transcript

from conftest import dedent, fuzz_settings


def texts(t: Transcript, placeholders: bool = False) -> list[str]:
    return [w.text for w in t.words if placeholders or not w.placeholder]


def turn_texts(t: Transcript, n: int) -> list[str]:
    turn = t.turns[n]
    return [w.text for w in t.words[turn.first:turn.end]]


# --- headers ----------------------------------------------------------------------------------

def test_name_hhmmss_header_with_text_on_next_lines():
    t = parse_rev(dedent("""
        Elon Musk (00:07:22):
        I don't know. I like spontaneity.

        James Clayton (00:07:39):
        You know what it stands for.
        """))
    assert [turn.speaker for turn in t.turns] == ["Elon Musk", "James Clayton"]
    assert turn_texts(t, 0) == ["I", "don't", "know.", "I", "like", "spontaneity."]
    assert turn_texts(t, 1) == ["You", "know", "what", "it", "stands", "for."]
    assert [(a.word, a.time_ms, a.line, a.trusted) for a in t.anchors] == [(0, 442_000, 1, True), (6, 459_000, 4, True)]
    assert t.turns[1].line == 4
    assert t.warnings == ()
    assert [a.resolution_ms for a in t.anchors] == [1000, 1000]


def test_speaker_number_with_mm_ss_stamp():
    t = parse_rev("Speaker 1 (07:22):\nHello there.\n")
    assert t.turns[0].speaker == "Speaker 1"
    assert t.anchors[0].time_ms == 7 * 60_000 + 22_000


@pytest.mark.parametrize("stamp, ms", [
    ("1:02:03", 3_723_000),
    ("01:02:03", 3_723_000),
    ("10:00:00", 36_000_000),
    ("75:30", 4_530_000),
    ("00:00", 0),
])
def test_stamps_over_an_hour_and_mm_ss(stamp, ms):
    t = parse_rev(f"Speaker 2 ({stamp}):\nYes.\n")
    assert t.anchors[0].time_ms == ms


def test_fractional_stamps_keep_milliseconds_and_resolution():
    t = parse_rev("A (00:00:01.5):\nOne.\nB (00:00:02,250):\nTwo.\n")
    assert [a.time_ms for a in t.anchors] == [1_500, 2_250]
    assert [a.resolution_ms for a in t.anchors] == [100, 1]   # tenths, milliseconds


def test_txt_export_order_name_colon_stamp():
    t = parse_rev(dedent("""
        Speaker 1: (00:12)
        First words here.

        Speaker 2: (00:15) Same line words.
        """))
    assert [turn.speaker for turn in t.turns] == ["Speaker 1", "Speaker 2"]
    assert [a.time_ms for a in t.anchors] == [12_000, 15_000]
    assert turn_texts(t, 1) == ["Same", "line", "words."]


def test_text_on_the_same_line_as_the_header():
    t = parse_rev("Speaker 2 (07:39): You know what it stands for.\nAnd more.\n")
    assert texts(t) == ["You", "know", "what", "it", "stands", "for.", "And", "more."]
    assert t.words[0].line == 1 and t.words[-1].line == 2
    assert t.anchors[0].word == 0


def test_square_bracket_stamp():
    t = parse_rev("Host [00:01:02]:\nWelcome.\n")
    assert t.turns[0].speaker == "Host"
    assert t.anchors[0].time_ms == 62_000


def test_blank_lines_start_new_paragraphs_within_a_turn():
    t = parse_rev(dedent("""
        Operator (00:00:00):
        Good day everybody.

        As always, page three.
        Still page three.
        """))
    paragraphs = [w.paragraph for w in t.words]
    assert paragraphs == [0, 0, 0] + [1] * 7
    assert {w.turn for w in t.words} == {0}


def test_turn_with_no_text_gets_one_placeholder():
    t = parse_rev(dedent("""
        Interviewer (00:00:15):
        Is that something that you-

        Elon Musk (00:00:17):


        Interviewer (00:00:18):
        Do you see it?
        """))
    assert len(t.turns) == 3
    silent = t.turns[1]
    assert silent.end - silent.first == 1
    w = t.words[silent.first]
    assert w.placeholder and w.turn == 1
    assert t.anchors[1].word == silent.first and t.anchors[1].time_ms == 17_000
    assert "[speech]" not in texts(t)


def test_last_turn_with_no_text_gets_a_placeholder():
    t = parse_rev("A (00:01):\nHello.\nB (00:03):\n")
    assert len(t.turns) == 2
    assert t.words[-1].placeholder and t.turns[-1].first == len(t.words) - 1


def test_page_text_before_first_turn_and_furniture_after_last_are_ignored():
    t = parse_rev(dedent("""
        Apr 12, 2023

        Elon Musk Interview With the BBC 4/11/23 Transcript
        Elon Musk has said running Twitter has been "quite painful". Read the transcript here.

        Transcribe Your Own Content

        Try Rev and save time transcribing, captioning, and subtitling.

        Interviewer (00:00:00):
        Thanks for doing it.

        Elon Musk (01:32:03):
        You're most welcome.



        Transcribe Your Own Content

        Try Rev and save time transcribing, captioning, and subtitling.
        """))
    assert texts(t) == ["Thanks", "for", "doing", "it.", "You're", "most", "welcome."]
    assert not any(w.placeholder for w in t.words)
    assert len(t.turns) == 2
    assert t.words[0].line == 11


# --- inline tags ------------------------------------------------------------------------------

def test_inline_inaudible_and_crosstalk_give_anchors_and_placeholders():
    t = parse_rev(dedent("""
        Elon Musk (00:07:00):
        Okay. Well, thanks for [inaudible 00:07:06] and then [crosstalk 00:12:23].
        """))
    words = [(w.text, w.placeholder) for w in t.words]
    assert [w for w, p in words if not p] == ["Okay.", "Well,", "thanks", "for", "and", "then"]
    placeholders = [i for i, w in enumerate(t.words) if w.placeholder]
    assert placeholders == [4, 7]
    assert [(a.word, a.time_ms) for a in t.anchors] == [(0, 420_000), (4, 426_000), (7, 743_000)]
    assert all(a.line == 2 for a in t.anchors[1:])
    for w in t.words:
        if not w.placeholder:
            assert "inaudible" not in w.text and "crosstalk" not in w.text
            assert "00:" not in w.text and "[" not in w.text and "]" not in w.text


def test_inline_tag_glued_to_words():
    t = parse_rev("A (00:00:01):\nthanks[inaudible 00:00:04]really.\n")
    assert texts(t) == ["thanks", "really."]
    assert t.words[1].placeholder
    assert (t.anchors[1].word, t.anchors[1].time_ms) == (1, 4_000)


def test_untimed_inaudible_is_a_placeholder_without_anchor():
    t = parse_rev("A (00:00:01):\nwe [inaudible] did it.\n")
    assert texts(t) == ["we", "did", "it."]
    assert t.words[1].placeholder
    assert len(t.anchors) == 1


def test_other_bracketed_tags_are_dropped():
    t = parse_rev("A (00:00:01):\n[laughs] That's funny [Music] really [applause].\n")
    assert texts(t, placeholders=True) == ["That's", "funny", "really."]
    assert not any(w.placeholder for w in t.words)
    assert len(t.anchors) == 1


def test_lone_punctuation_joins_the_word_before():
    t = parse_rev("A (00:00:01):\nWell - I think … yes\n")
    assert texts(t) == ["Well-", "I", "think…", "yes"]


# --- disorder ---------------------------------------------------------------------------------

def test_backwards_stamp_is_untrusted_with_a_warning_naming_the_line():
    t = parse_rev(dedent("""
        A (00:00:10):
        one
        B (00:00:12):
        two
        A (00:00:05):
        three
        B (00:00:14):
        four
        A (00:00:16):
        five
        """), "talk.rev.txt")
    assert [a.trusted for a in t.anchors] == [True, True, False, True, True]
    assert len(t.warnings) == 1
    assert t.warnings[0].startswith("talk.rev.txt:5:")
    assert "00:00:05" in t.warnings[0]
    assert texts(t) == ["one", "two", "three", "four", "five"]


def test_stamp_far_in_the_future_is_untrusted():
    t = parse_rev("A (00:00:10):\none\nB (01:00:12):\ntwo\nA (00:00:15):\nthree\nB (00:00:20):\nfour\n", "t.txt")
    assert [a.trusted for a in t.anchors] == [True, False, True, True]
    assert t.warnings and "t.txt:3:" in t.warnings[0]


def test_all_stamps_descending_never_crash():
    lines = []
    for i in range(20):
        lines += [f"S{i % 2} (00:{59 - i:02d}:00):", f"word{i}"]
    t = parse_rev("\n".join(lines))
    assert len(t.words) == 20
    assert sum(a.trusted for a in t.anchors) >= 1
    assert len(t.warnings) == sum(not a.trusted for a in t.anchors)


def test_equal_stamps_are_trusted():
    t = parse_rev("A (00:01:59):\nFun time.\nB (00:01:59):\nEnjoyed that.\n")
    assert all(a.trusted for a in t.anchors)
    assert t.warnings == ()


# --- errors -----------------------------------------------------------------------------------

def test_no_stamps_is_a_transcript_error_naming_the_file():
    with pytest.raises(TranscriptError) as info:
        parse_rev("Interviewer:\nHello there.\n\nElon Musk:\nHi.\n", "plain.txt")
    assert info.value.path == "plain.txt"
    assert "plain.txt" in str(info.value)


def test_stamps_but_no_words_is_a_transcript_error():
    with pytest.raises(TranscriptError, match="no words"):
        parse_rev("A (00:00:01):\n[laughs]\n\nB (00:00:03):\n\nC (00:00:05): [inaudible 00:00:06]\n", "t.txt")


def test_empty_text_is_a_transcript_error():
    with pytest.raises(TranscriptError):
        parse_rev("")


def test_read_transcript_crlf_windows_1252(tmp_path):
    p = tmp_path / "talk.rev.txt"
    p.write_bytes(b"Interviewer (00:00:01):\r\nIt\x92s \x93fine\x94.\r\n\r\nGuest (00:00:04):\r\nYes.\r\n")
    t = read_transcript(p)
    assert texts(t) == ["It’s", "“fine”.", "Yes."]
    assert [a.time_ms for a in t.anchors] == [1_000, 4_000]


def test_speaker_name_ending_in_jr():
    t = parse_rev("Host (00:00:01):\nWelcome.\n\nMartin Luther King Jr. (00:00:05):\nI have a dream.\n")
    assert [turn.speaker for turn in t.turns] == ["Host", "Martin Luther King Jr."]
    assert [a.time_ms for a in t.anchors] == [1_000, 5_000]


# --- properties -------------------------------------------------------------------------------

FRAGMENTS = st.sampled_from([
    "Elon Musk (00:07:22):", "Speaker 1 (07:22):", "Speaker 2: (1:02:03)", "A (00:00:01.5):", "B [00:01]:",
    "[inaudible 00:07:06]", "[crosstalk 00:12:23]", "[inaudible]", "[laughs]", "[", "]", "(", ")", ":",
    "\n", "\n\n", "\r\n", " ", "\t", "hello", "world.", "-", "…", "00:01", "99:99:99",
    "Transcribe Your Own Content", "Try Rev and save time", "\x00tag\x00", "中文", "’",
])
REVISH = st.one_of(st.text(max_size=200), st.lists(st.one_of(FRAGMENTS, st.text(max_size=4)), max_size=40).map("".join))


@fuzz_settings(200)
@given(REVISH)
def test_parse_rev_returns_valid_transcript_or_captions_error(text):
    try:
        t = parse_rev(text, "f.txt")
    except CaptionsError as exc:
        assert isinstance(exc, TranscriptError)
        return
    assert t.anchors and any(not w.placeholder for w in t.words)
    assert all(0 <= a.word < len(t.words) and a.time_ms >= 0 for a in t.anchors)
    assert [a.word for a in t.anchors] == sorted(a.word for a in t.anchors)
    trusted = [a.time_ms for a in t.anchors if a.trusted]
    assert trusted == sorted(trusted)
    assert len(t.warnings) == sum(not a.trusted for a in t.anchors)
    assert t.turns[0].first == 0 and t.turns[-1].end == len(t.words)
    for a, b in zip(t.turns, t.turns[1:]):
        assert a.end == b.first and a.first < a.end
    for w in t.words:
        assert w.text and not any(ch.isspace() for ch in w.text)
