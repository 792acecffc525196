"""Timing sources end to end: each kind of TRANSCRIPT file + a reworded clean text -> captions
that start when the source says their first words were spoken.

The fixtures in tests/fixtures/sources are made by make_fixtures.py from one table of true word
times, which interview.words.json holds as written (word, start, end, speaker).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from captions import CaptionRules, make_captions
from captions.readers import detect_kind, read_transcript

from conftest import need

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
CLEAN = FIXTURES / "interview.clean.txt"
APOLLO = Path("/work/shared/audio/apollo11/apollo11.whisper-words.json")

# Captions that start a speaker's turn in the clean text, and when their first word is spoken.
PHRASES = {
    "Welcome back.": 500,
    "Thanks for having me.": 5100,
    "We started the design": 9000,
    "What changed the most?": 13200,
    "The water level, mostly.": 15000,
}
WORD_TIMED = ["interview.rev.json", "interview.whisperx.json", "interview.words.json", "interview.youtube.vtt"]
CUE_TIMED = ["interview.srt", "interview.sbv", "interview.vtt"]


def key(word: str) -> str:
    return "".join(ch for ch in word.lower() if ch.isalnum())


def truth_starts() -> dict[str, list[int]]:
    """Word key -> the times (ms) the word starts in the recording, from the truth table."""
    out: dict[str, list[int]] = {}
    for w in json.loads((FIXTURES / "interview.words.json").read_text()):
        out.setdefault(key(w["word"]), []).append(round(w["start"] * 1000))
    return out


def caption_starting(captions, phrase: str):
    for c in captions:
        if " ".join(c.lines).startswith(phrase):
            return c
    raise AssertionError(f"no caption starts with {phrase!r}: {[c.lines for c in captions]}")


@pytest.mark.parametrize("name", WORD_TIMED + CUE_TIMED)
def test_captions_start_when_their_first_words_are_spoken(name):
    result = make_captions(FIXTURES / name, CLEAN)
    for phrase, start in PHRASES.items():
        c = caption_starting(result.captions, phrase)
        assert abs(c.start_ms - start) <= 50, (phrase, c.start_ms, start)
    assert result.report.warnings == []
    # The captions show the clean text, in order, each word once.
    shown = " ".join(" ".join(c.lines) for c in result.captions)
    assert shown == " ".join(CLEAN.read_text().replace("Dana Reyes:", "").replace("Sam Ortiz:", "").split())


@pytest.mark.parametrize("name", WORD_TIMED)
def test_word_timed_sources_give_every_matched_word_its_own_start(name):
    """With many short captions, every caption's first word (and every matched word) starts
    exactly when the source says; the caption may open earlier only to be readable."""
    starts = truth_starts()
    if name == "interview.whisperx.json":
        del starts["2011"]       # WhisperX could not align it: it has no time there
    rules = CaptionRules(max_chars_per_line=24, max_lines=1)
    result = make_captions(FIXTURES / name, CLEAN, rules)
    assert len(result.captions) >= 12
    for c in result.captions:
        for w in c.words:
            if w.matched and key(w.text) in starts:
                assert min(abs(w.start_ms - t) for t in starts[key(w.text)]) <= 1, (w.text, w.start_ms)
        # A caption opens at its first word, or up to 0.5 s off it where the reading speed or
        # the gap to the caption before asks for it.
        assert abs(c.start_ms - c.words[0].start_ms) <= 500
    on_time = [c for c in result.captions if c.start_ms == c.words[0].start_ms]
    assert len(on_time) >= len(result.captions) * 2 // 3


@pytest.mark.parametrize("name", WORD_TIMED + CUE_TIMED)
def test_turns_and_speakers(name):
    t = read_transcript(FIXTURES / name)
    speakers = [turn.speaker for turn in t.turns]
    if name in ("interview.srt", "interview.sbv", "interview.youtube.vtt"):
        assert speakers == ["Speaker 1"]            # captions without voices: one speaker
    elif name == "interview.whisperx.json":
        assert speakers == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00", "SPEAKER_01"]
    else:
        assert speakers == ["Dana Reyes", "Sam Ortiz", "Dana Reyes", "Sam Ortiz"]
    assert all(a.trusted and a.resolution_ms == 1 for a in t.anchors)
    assert t.warnings == ()


def youtube_word_times(path: Path) -> list[tuple[str, int]]:
    """(word, start ms) of the word-timed lines of a YouTube auto-caption file, read here with
    nothing but regular expressions: the first word at the cue's start, the others at their tags."""
    def ms(stamp: str) -> int:
        h, m, s = stamp.split(":")
        return (int(h) * 60 + int(m)) * 60_000 + round(float(s) * 1000)

    out = []
    text = path.read_text()
    for block in text.split("\n\n"):
        lines = block.split("\n")
        timing = next((ln for ln in lines if "-->" in ln), None)
        timed = [ln for ln in lines if "<c>" in ln]
        if timing and timed:
            first, *rest = re.split(r"<(\d\d:\d\d:\d\d\.\d{3})><c>", timed[0])
            out.append((first.strip(), ms(timing.split()[0])))
            for stamp, word in zip(rest[::2], rest[1::2]):
                out.append((re.sub(r"</c>", "", word).strip(), ms(stamp)))
    return out


def test_retiming_youtube_auto_captions_with_a_clean_transcript():
    """Auto-captions: right times, wrong words ("or tease", "dying", "model"), no punctuation,
    every line shown twice. With the clean transcript: clean captions at the auto-captions' times."""
    source = FIXTURES / "interview.youtube.vtt"
    auto = youtube_word_times(source)
    assert [w for w, _ in auto][:8] == ["welcome", "back", "today", "i'm", "talking", "to", "sam", "or"]

    t = read_transcript(source)
    words = [w.text for w in t.words if not w.placeholder]
    assert words == [w for w, _ in auto]                # each spoken word once, in order
    auto_starts: dict[str, list[int]] = {}
    for w, ms in auto:
        auto_starts.setdefault(key(w), []).append(ms)

    for rules in (CaptionRules(), CaptionRules(max_chars_per_line=24, max_lines=1)):
        result = make_captions(source, CLEAN, rules)
        text = " ".join(" ".join(c.lines) for c in result.captions)
        assert "Sam Ortiz" in text and "design" in text and "models predicted." in text
        assert "tease" not in text and "dying" not in text
        for c in result.captions:
            first = c.words[0]
            if first.matched and key(first.text) in auto_starts:
                assert min(abs(first.start_ms - t) for t in auto_starts[key(first.text)]) <= 1
            assert abs(c.start_ms - first.start_ms) <= 500
    result = make_captions(source, CLEAN)
    for phrase, start in PHRASES.items():
        assert abs(caption_starting(result.captions, phrase).start_ms - start) <= 50


def test_apollo11_whisper_words():
    """A real recogniser's output (Whisper via whisper-timestamped): `segments[].words[]` with
    `text`, `start`, `end`. Clean text: the words edited as a transcriber would."""
    source = need(APOLLO)
    assert detect_kind(source.read_bytes(), str(source)) == "json"
    data = json.loads(source.read_text())
    whisper = [w for s in data["segments"] for w in s["words"]]
    starts: dict[str, list[int]] = {}
    for w in whisper:
        starts.setdefault(key(w["text"]), []).append(round(w["start"] * 1000))

    t = read_transcript(source)
    assert [w.text for w in t.words if not w.placeholder] == [w["text"] for w in whisper]
    assert len([a for a in t.anchors if a.trusted]) == len(t.anchors)

    result = make_captions(source, FIXTURES / "apollo11.clean.txt")
    assert result.report.aligned_share > 0.9
    on_time = 0
    for c in result.captions:
        first = c.words[0]
        assert first.matched
        if key(first.text) in starts:   # "We've" matched Whisper's "We"
            assert min(abs(first.start_ms - s) for s in starts[key(first.text)]) <= 1, (c.lines, first.start_ms)
        assert abs(c.start_ms - first.start_ms) <= 500
        on_time += abs(c.start_ms - first.start_ms) <= 50
    assert on_time >= len(result.captions) - 1
    # The silence after "over." (6.96 s) to "Go ahead." (10.80 s) is no caption's.
    go = caption_starting(result.captions, "Go ahead.")
    assert go.start_ms == 10_800
    before = result.captions[result.captions.index(go) - 1]
    assert before.end_ms < 8_000
