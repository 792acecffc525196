"""readers/timing/vendor_json.py and readers/timing/tokens.py: Rev API JSON, Whisper/WhisperX and word lists
as words, turns, anchors and pause placeholders."""
from __future__ import annotations

import json

import pytest

from captions.errors import InputError, TranscriptError
from captions.readers import parse_json_transcript, parse_rev_json, parse_whisper_json, parse_word_list
from captions.readers.timing.tokens import PAUSE_MS, PAUSE_TEXT
from captions.timing import transcript_times


def spoken(t):
    return [w.text for w in t.words if not w.placeholder]


def anchor_at(t):
    """Word text (placeholders too) -> anchored time, for the anchored words."""
    return [(t.words[a.word].text, a.time_ms) for a in t.anchors]


# --- Rev API JSON -----------------------------------------------------------------------------

REV_JSON = {"monologues": [
    {"speaker": 0, "speaker_name": "Ann", "elements": [
        {"type": "text", "value": "Hello", "ts": 0.5, "end_ts": 0.9, "confidence": 0.9},
        {"type": "punct", "value": ", "},
        {"type": "text", "value": "world", "ts": 0.95, "end_ts": 1.4},
        {"type": "punct", "value": "."},
    ]},
    {"speaker": 1, "elements": [
        {"type": "text", "value": "Hi", "ts": 2.0, "end_ts": 2.2},
        {"type": "punct", "value": " "},
        {"type": "unknown", "value": "<inaudible>", "ts": 2.3, "end_ts": 2.9},
        {"type": "punct", "value": " "},
        {"type": "text", "value": "there", "ts": 3.0, "end_ts": 3.3},
        {"type": "punct", "value": "!"},
    ]},
]}


def test_rev_json_words_keep_their_punctuation_and_speakers_their_names():
    t = parse_rev_json(REV_JSON, "talk.json")
    assert spoken(t) == ["Hello,", "world.", "Hi", "there!"]
    assert [turn.speaker for turn in t.turns] == ["Ann", "Speaker 2"]   # 0-based id 1 -> Speaker 2
    assert [w.turn for w in t.words if not w.placeholder] == [0, 0, 1, 1]
    assert t.turns[0].first == 0 and t.turns[-1].end == len(t.words)


def test_rev_json_times_are_exact_anchors_with_pauses_as_placeholders():
    t = parse_rev_json(json.dumps(REV_JSON), "talk.json")
    assert anchor_at(t) == [("Hello,", 500), ("world.", 950), (PAUSE_TEXT, 1400), ("Hi", 2000),
                            ("[inaudible]", 2300), ("there!", 3000), (PAUSE_TEXT, 3300)]
    assert all(a.resolution_ms == 1 and a.trusted for a in t.anchors)
    # <inaudible> takes its time and is never caption text
    assert [w.placeholder for w in t.words].count(True) == 3


def test_rev_json_words_fill_their_own_time():
    t = parse_rev_json(REV_JSON)
    starts, ends = transcript_times(t)
    by_word = {w.text: (s, e) for w, s, e in zip(t.words, starts, ends)}
    assert by_word["Hello,"][0] == 500 and by_word["world."][0] == 950 and by_word["Hi"][0] == 2000
    assert by_word["world."][1] <= 1400        # not stretched over the silence after it


def test_rev_json_speaker_info_display_name():
    t = parse_rev_json({"monologues": [{"speaker": 3, "speaker_info": {"id": "s", "display_name": "Bo Li"},
                                        "elements": [{"type": "text", "value": "Yes", "ts": 1, "end_ts": 1.2}]}]})
    assert t.turns[0].speaker == "Bo Li"


@pytest.mark.parametrize("data, where", [
    ({"monologues": {}}, '"monologues" should be a list'),
    ({"monologues": [5]}, "monologues[0] should be an object"),
    ({"monologues": [{"elements": [{"type": "text", "value": "a", "ts": "1.0"}]}]},
     "monologues[0].elements[0]: \"ts\" is the string '1.0', not a time in seconds"),
    ({"monologues": [{"elements": [{"type": "text", "value": "a", "ts": -1}]}]}, "not a time in seconds"),
    ({"monologues": [{"elements": [{"type": "text", "value": 7, "ts": 1}]}]}, "value should be a string"),
])
def test_rev_json_bad_values_name_the_element(data, where):
    with pytest.raises(InputError) as info:
        parse_rev_json(data, "talk.json")
    assert where in str(info.value) and str(info.value).startswith("talk.json: ")


def test_rev_json_without_words_or_times():
    with pytest.raises(TranscriptError, match="no words"):
        parse_rev_json({"monologues": []}, "t.json")
    with pytest.raises(TranscriptError, match="no word times"):
        parse_rev_json({"monologues": [{"elements": [{"type": "text", "value": "hi"}]}]}, "t.json")


# --- Whisper / WhisperX -----------------------------------------------------------------------

def test_whisper_words_with_text_or_word_keys_and_leading_spaces():
    data = {"segments": [
        {"start": 0.0, "end": 1.0, "words": [{"word": " Hello", "start": 0.1, "end": 0.5},
                                            {"text": "there.", "start": 0.5, "end": 0.9}]},
        {"start": 2.0, "end": 3.0, "words": [{"word": " Next", "start": 2.1, "end": 2.6}]},
    ]}
    t = parse_whisper_json(data, "w.json")
    assert spoken(t) == ["Hello", "there.", "Next"]
    assert anchor_at(t) == [("Hello", 100), ("there.", 500), (PAUSE_TEXT, 900), ("Next", 2100), (PAUSE_TEXT, 2600)]
    assert [turn.speaker for turn in t.turns] == ["Speaker 1"]
    words = {w.text: w for w in t.words}
    assert words["Next"].paragraph != words["Hello"].paragraph   # a segment is a paragraph


def test_whisperx_speakers_and_unaligned_words():
    data = {"segments": [
        {"speaker": "SPEAKER_00", "words": [{"word": "In", "start": 1.0, "end": 1.1, "speaker": "SPEAKER_00"},
                                            {"word": "2011,"},            # not aligned: no times
                                            {"word": "yes.", "start": 1.9, "end": 2.2}]},
        {"speaker": "SPEAKER_01", "words": [{"word": "No.", "start": 2.25, "end": 2.5}]},
    ]}
    t = parse_whisper_json(data)
    assert [turn.speaker for turn in t.turns] == ["SPEAKER_00", "SPEAKER_01"]
    assert anchor_at(t) == [("In", 1000), ("yes.", 1900), ("No.", 2250), (PAUSE_TEXT, 2500)]
    starts, _ = transcript_times(t)
    assert 1000 < starts[1] < 1900          # spread between its neighbours


def test_whisper_segments_without_words_are_timed_like_captions():
    data = {"segments": [{"start": 1.0, "end": 3.0, "text": " One two three."},
                         {"start": 5.0, "end": 6.0, "text": " Four."}]}
    t = parse_whisper_json(data)
    assert spoken(t) == ["One", "two", "three.", "Four."]
    assert anchor_at(t) == [("One", 1000), (PAUSE_TEXT, 3000), ("Four.", 5000), (PAUSE_TEXT, 6000)]


def test_short_gaps_get_no_placeholder():
    words = [{"word": "a", "start": 0.0, "end": 0.2}, {"word": "b", "start": 0.2 + PAUSE_MS / 1000, "end": 1.0},
             {"word": "c", "start": 1.0 + PAUSE_MS / 1000 + 0.001, "end": 1.5}]
    t = parse_word_list(words)
    assert [w.text for w in t.words] == ["a", "b", PAUSE_TEXT, "c", PAUSE_TEXT]


# --- word lists -------------------------------------------------------------------------------

def test_word_list_bare_or_under_words():
    bare = [{"word": "Hi", "start": 0.5, "end": 0.8, "speaker": "A"}, {"word": "you", "start": 0.8, "end": 1.0}]
    for data in (bare, {"words": bare}, {"word_segments": bare}):
        t = parse_json_transcript(json.dumps(data), "w.json")
        assert spoken(t) == ["Hi", "you"]
        assert [turn.speaker for turn in t.turns] == ["A"]    # a word without one keeps the speaker


def test_lone_punctuation_joins_the_word_before():
    t = parse_word_list([{"word": "Wait", "start": 0, "end": 0.3}, {"word": "...", "start": 0.3, "end": 0.4},
                         {"word": "what", "start": 0.5, "end": 0.8}, {"word": "?", "start": 0.8, "end": 0.8}])
    assert spoken(t) == ["Wait...", "what?"]


def test_backward_times_are_kept_but_not_trusted():
    words = [{"word": w, "start": s, "end": s + 0.2} for w, s in
             [("one", 1.0), ("two", 1.3), ("three", 0.2), ("four", 1.9), ("five", 2.2)]]
    t = parse_word_list(words, "w.json")
    untrusted = [(t.words[a.word].text, a.time_ms) for a in t.anchors if not a.trusted]
    assert untrusted == [("three", 200), (PAUSE_TEXT, 400)]   # its start, and its end before a pause
    assert t.warnings == ("w.json: [2]: time 00:00:00.200 is out of order with the times around it; not trusted",)
    starts, _ = transcript_times(t)
    assert starts == sorted(starts)


def test_many_backward_times_are_counted_not_listed():
    words = [{"word": f"w{i}", "start": (100 - i) / 10, "end": (100 - i) / 10 + 0.05} for i in range(40)]
    t = parse_word_list(words, "w.json")
    assert len(t.warnings) == 11 and "more time(s) out of order" in t.warnings[-1]


@pytest.mark.parametrize("data, message", [
    ({"something": 1}, 'expected Rev JSON ({"monologues": ...}), Whisper/WhisperX JSON ({"segments": ...}) '
                       'or a list of words with "start" and "end"'),
    ([1, 2, 3], "not a transcript this reads"),
    ({"segments": [{"words": [{"word": "a", "start": float("nan")}]}]}, 'segments[0].words[0]: "start" is nan'),
    ({"segments": [{"words": [{"word": "a", "start": 1e300}]}]}, "not a time in seconds of a recording"),
    ({"segments": [{"words": [{"word": "a", "start": True}]}]}, "is a boolean"),
    ({"segments": "x"}, '"segments" should be a list'),
])
def test_json_errors_are_one_line_and_name_what_is_wrong(data, message):
    with pytest.raises(InputError) as info:
        parse_json_transcript(data, "t.json")
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_json_syntax_error_names_line():
    with pytest.raises(InputError) as info:
        parse_json_transcript('{"segments": [\n  {"words": [}\n]}', "t.json")
    assert info.value.line == 2 and str(info.value).startswith("t.json:2: not valid JSON")


def test_punctuation_only_tokens_keep_their_times_on_the_word_they_join():
    """Whisper times a lone "--" or "..." like a word: the word before ends with it, and at a
    turn's start the word after starts with it; no time the source gives is lost."""
    t = parse_word_list([{"word": "Well", "start": 0.0, "end": 0.3}, {"word": "--", "start": 0.3, "end": 0.9},
                         {"word": "yes.", "start": 3.0, "end": 3.2},
                         {"word": "...", "start": 4.0, "end": 4.4, "speaker": "B"},
                         {"word": "no.", "end": 4.9, "speaker": "B"}])
    assert spoken(t) == ["Well--", "yes.", "...no."]
    starts, ends = transcript_times(t)
    at = {w.text: k for k, w in enumerate(t.words)}
    assert ends[at["Well--"]] == 900            # "Well--" lasts as long as its dash, then a pause
    assert starts[at["...no."]] == 4000         # "...no." starts with its dots
