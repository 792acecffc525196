"""Timing sources found in use: Rev's editor JSON, the speech-to-text vendors' JSON, YouTube's
newer word-piece WebVTT, and a clean text given in the transcript's place."""
from __future__ import annotations

import json

import pytest

from captions.errors import CaptionsError, TranscriptError
from captions.readers import parse_transcript_bytes, parse_transcript_text


def spoken(t):
    return [w.text for w in t.words if not w.placeholder]


def starts(t):
    """Each spoken word's anchored start, in ms (None for a word spread by the timing model)."""
    at = {a.word: a.time_ms for a in t.anchors}
    return [at.get(k) for k, w in enumerate(t.words) if not w.placeholder]


def speakers(t):
    return [turn.speaker for turn in t.turns]


def read(data) -> object:
    return parse_transcript_bytes(json.dumps(data).encode(), "t.json")


# --- Rev's editor / human transcript JSON --------------------------------------------------------

SPANS = [{"type": "text", "value": "Hello", "ts": 0.5, "endTs": 0.9},
         {"type": "punct", "value": ","}, {"type": "text", "value": "there", "ts": 1.0, "endTs": 1.4}]


@pytest.mark.parametrize("data", [
    {"monologues": [{"speaker": 0, "spans": SPANS}]},
    {"speakers": [{"id": 0, "name": "Ann Lee"}], "monologues": [{"speaker": 0, "spans": SPANS}]},
    {"speakers": [{"id": 0, "name": "Ann Lee"}], "spans": [dict(s, speaker=0) for s in SPANS]},
], ids=["monologues of spans", "speakers named", "spans alone"])
def test_rev_editor_json_with_spans(data):
    t = read(data)
    assert spoken(t) == ["Hello,", "there"] and starts(t) == [500, 1000]
    assert speakers(t) == ["Ann Lee" if "speakers" in data else "Speaker 1"]


def test_rev_editor_speakers_change_turns():
    t = read({"speakers": [{"id": "a", "name": "Ann"}, {"id": "b", "name": "Bo"}],
              "monologues": [{"speaker": "a", "spans": SPANS[:1]}, {"speaker": "b", "spans": SPANS[2:]}]})
    assert speakers(t) == ["Ann", "Bo"]


# --- the vendors' JSON (shapes as their public examples have them) ---------------------------------

def test_assemblyai_times_are_milliseconds():
    t = read({"id": "x", "status": "completed", "audio_duration": 5, "text": "This is a test.",
              "words": [{"text": "This", "start": 1437, "end": 1597, "confidence": 1, "speaker": "A"},
                        {"text": "is", "start": 1630, "end": 1822, "confidence": 0.98, "speaker": "A"},
                        {"text": "a", "start": 1855, "end": 2047, "confidence": 0.99, "speaker": "B"},
                        {"text": "test.", "start": 2080, "end": 2592, "confidence": 0.99, "speaker": "B"}],
              "utterances": None})
    assert spoken(t) == ["This", "is", "a", "test."] and starts(t) == [1437, 1630, 1855, 2080]
    assert speakers(t) == ["A", "B"]


def test_assemblyai_utterances_when_there_is_no_word_list():
    t = read({"audio_duration": 2, "utterances": [
        {"speaker": "A", "start": 100, "end": 900, "text": "Hi there.",
         "words": [{"text": "Hi", "start": 100, "end": 400}, {"text": "there.", "start": 450, "end": 900}]}]})
    assert spoken(t) == ["Hi", "there."] and starts(t) == [100, 450]


def test_deepgram_punctuated_words_and_speakers():
    t = read({"metadata": {"duration": 3.0, "channels": 1}, "results": {"channels": [{"alternatives": [
        {"transcript": "dancing in the", "confidence": 0.99, "words": [
            {"word": "dancing", "start": 1.92, "end": 2.4, "confidence": 0.99, "punctuated_word": "Dancing",
             "speaker": 0},
            {"word": "in", "start": 2.4, "end": 2.56, "punctuated_word": "in", "speaker": 0},
            {"word": "masquerade", "start": 2.7, "end": 3.0, "punctuated_word": "masquerade.", "speaker": 1}]}]}]}})
    assert spoken(t) == ["Dancing", "in", "masquerade."] and starts(t) == [1920, 2400, 2700]
    assert speakers(t) == ["Speaker 1", "Speaker 2"]


def test_aws_transcribe_items_with_punctuation_and_speaker_segments():
    t = read({"jobName": "Miel", "accountId": "1", "status": "COMPLETED", "results": {
        "transcripts": [{"transcript": "Hola. Qué tal"}],
        "speaker_labels": {"speakers": 2, "segments": [
            {"start_time": "0.94", "end_time": "1.51", "speaker_label": "spk_0",
             "items": [{"start_time": "0.94", "end_time": "1.51", "speaker_label": "spk_0"}]},
            {"start_time": "1.52", "end_time": "1.98", "speaker_label": "spk_1",
             "items": [{"start_time": "1.52", "end_time": "1.75", "speaker_label": "spk_1"},
                       {"start_time": "1.75", "end_time": "1.98", "speaker_label": "spk_1"}]}]},
        "items": [
            {"start_time": "0.94", "end_time": "1.51", "alternatives": [{"confidence": "0.98", "content": "Hola"}],
             "type": "pronunciation"},
            {"alternatives": [{"confidence": "0.0", "content": "."}], "type": "punctuation"},
            {"start_time": "1.52", "end_time": "1.75", "alternatives": [{"confidence": "0.97", "content": "Qué"}],
             "type": "pronunciation"},
            {"start_time": "1.75", "end_time": "1.98", "alternatives": [{"confidence": "1.0", "content": "tal"}],
             "type": "pronunciation"}]}})
    assert spoken(t) == ["Hola.", "Qué", "tal"] and starts(t) == [940, 1520, 1750]
    assert speakers(t) == ["spk_0", "spk_1"]


def test_google_times_as_strings_or_seconds_and_nanos():
    t = read({"results": [
        {"alternatives": [{"transcript": "the fog horn", "confidence": 0.9, "words": [
            {"startTime": "0.100s", "endTime": "0.500s", "word": "the"},
            {"startTime": {"nanos": 500000000}, "endTime": {"nanos": 800000000}, "word": "fog"},
            {"startTime": {"nanos": 800000000}, "endTime": {"seconds": "1"}, "word": "horn"}]}]},
        {"alternatives": [{"transcript": "short", "words": [
            {"startOffset": "1s", "endOffset": "2.200s", "word": "short"}]}], "languageCode": "en-us"}]})
    assert spoken(t) == ["the", "fog", "horn", "short"] and starts(t) == [100, 500, 800, 1000]


def test_google_with_speakers_reads_only_the_last_result_that_repeats_every_word():
    words = [{"startTime": "0.1s", "endTime": "0.4s", "word": "hello"},
             {"startTime": "0.5s", "endTime": "0.9s", "word": "there"}]
    t = read([{"alternatives": [{"transcript": "hello there", "words": words}]},
              {"alternatives": [{"words": [dict(words[0], speakerTag=1), dict(words[1], speakerTag=2)]}]}])
    assert spoken(t) == ["hello", "there"] and speakers(t) == ["Speaker 1", "Speaker 2"]


@pytest.mark.parametrize("data, said", [
    ({"results": {"channels": []}}, "results.channels is empty"),
    ({"results": {"items": [{"type": "pronunciation", "start_time": "x", "alternatives": [{"content": "a"}]}]}},
     "the string 'x'"),
    ({"results": [{"alternatives": [{"words": [{"word": "a", "startTime": {"seconds": "z"}}]}]}]},
     "without whole seconds"),
    ({"audio_duration": 1, "words": [{"text": "a", "start": -5, "end": 1}]}, "not a time in seconds"),
])
def test_vendor_json_errors_name_the_place(data, said):
    with pytest.raises(CaptionsError) as info:
        read(data)
    assert said in str(info.value) and "\n" not in str(info.value)


# --- YouTube WebVTT, old style and new (word pieces) ------------------------------------------------

OLD_STYLE = """WEBVTT
Kind: captions
Language: en

00:00:00.500 --> 00:00:02.540 align:start position:0%

welcome<00:00:00.860><c> back</c><00:00:01.600><c> today</c>
"""
NEW_STYLE = """WEBVTT
Kind: captions
Language: en

00:00:01.000 --> 00:00:03.000 align:start position:0%

An<00:00:01.100><c>d</c><00:00:01.200><c> t</c><00:00:01.300><c>he</c><00:00:01.500><c> rest</c><00:00:01.900><c>,</c>
"""


def test_youtube_old_style_word_times():
    t = parse_transcript_text(OLD_STYLE, "yt.vtt")
    assert spoken(t) == ["welcome", "back", "today"] and starts(t) == [500, 860, 1600]


def test_youtube_new_style_word_pieces_are_joined_into_words_timed_by_their_first_piece():
    t = parse_transcript_text(NEW_STYLE, "yt.vtt")
    assert spoken(t) == ["And", "the", "rest,"] and starts(t) == [1000, 1200, 1500]


# --- the clean text given as the transcript -------------------------------------------------------

def test_prose_in_the_transcript_place_says_it_belongs_second():
    with pytest.raises(TranscriptError) as info:
        parse_transcript_bytes(b"My Blog\n\nElon Musk spoke to the BBC.\nHe said many things.\n", "blog.txt")
    message = str(info.value)
    assert message.startswith("blog.txt: no timestamped speaker turns found")
    assert "3 line(s) of plain text" in message and "goes second (the TEXT argument)" in message


def test_a_text_with_times_but_no_turns_keeps_the_format_hint():
    with pytest.raises(TranscriptError) as info:
        parse_transcript_bytes(b"Ann 00:01 hello there\n", "t.txt")
    assert "expected lines like 'Name (00:01:02):'" in str(info.value)
