"""Word times from a machine-made source (Rev JSON, Whisper, caption files) as a `Transcript`.

The model was made for Rev's stamps, a few a minute; a word-timed source says when nearly every
word starts. It is expressed with the same three things, so timing needs no second path:

- every word with a known start gets an `Anchor` at that start with ``resolution_ms=1`` (the time
  is exact: no half-step offset);
- where the speaker is silent after a word (the next word starts more than `PAUSE_MS` after this
  one ends), and after the last word, an anchored placeholder ``[pause]`` starts at the word's
  end, so the word fills only its own time and the silence belongs to no word;
- cue-level sources (a caption, a Whisper segment without words) anchor their first word at the
  cue's start and end their last word at the cue's end: the words between are spread by the
  timing model's speech duration model, as between two Rev stamps.

A new turn starts at each change of speaker; a new paragraph at each turn and each cue/segment.
Times that go backwards are kept but not trusted, by the rule Rev stamps follow
(`rev.distrust_out_of_order`).
"""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ...errors import InputError, TranscriptError
from ...model import Anchor, Transcript, Turn, Word
from ...timecode import vtt_time
from .rev import distrust_out_of_order

PAUSE_MS = 300            # a silence after a word longer than this gets its own placeholder
PAUSE_TEXT = "[pause]"
DEFAULT_SPEAKER = "Speaker 1"
MAX_SECONDS = 1_000_000   # about 11.5 days: larger "times" are not times of a recording
MAX_WARNINGS = 10         # out-of-order times reported one by one; the rest are counted


@dataclass(frozen=True, slots=True)
class TimedToken:
    """What a source says about one stretch of speech: usually one word, possibly several
    (``"New York"``), punctuation (Rev's ``punct`` elements) or a placeholder."""

    text: str
    start_ms: int | None          # when its first word starts, if the source says
    end_ms: int | None            # when its last word ends, if the source says
    speaker: str
    line: int                     # line (text sources) or element number (JSON), for `Word.line`
    where: str                    # for messages: "line 12", "segments[3].words[2]"
    new_paragraph: bool = False   # the first token of a cue or segment
    placeholder: bool = False     # untranscribed speech (``<inaudible>``): takes time, never shown


@dataclass(slots=True)
class _Entry:
    text: str
    start: int | None
    end: int | None
    speaker: str
    line: int
    where: str
    new_paragraph: bool
    placeholder: bool


def seconds_to_ms(value: object, what: str, path: str) -> int | None:
    """A JSON time in seconds (int or float) as integer ms; None stays None. Anything else, a
    negative, infinite or absurdly large number, is an error naming ``what``."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise InputError(f"{what} is {_describe(value)}, not a time in seconds", path)
    if not math.isfinite(value) or value < 0 or value > MAX_SECONDS:
        raise InputError(f"{what} is {value!r}, not a time in seconds of a recording", path)
    return round(value * 1000)


def _describe(value: object) -> str:
    if isinstance(value, str):
        return f"the string {value[:20]!r}"
    return {bool: "a boolean", list: "a list", dict: "an object"}.get(type(value), type(value).__name__)


def speaker_name(value: object, default: str) -> str:
    """A speaker label as a name: strings as written, numbers (0-based ids) as ``Speaker N+1``."""
    if isinstance(value, bool) or value is None:
        return default
    if isinstance(value, int):
        return f"Speaker {value + 1}" if value >= 0 else default
    if isinstance(value, str) and value.strip():
        return " ".join(value.split())[:60]
    return default


def _is_word(text: str) -> bool:
    return any(ch.isalnum() for ch in text)


def _entries(tokens: Iterable[TimedToken]) -> list[_Entry]:
    """Tokens split into words; punctuation joins the word before it (or, at a turn's start, the
    word after it), so sentence and pause logic sees ``Hello,`` as Rev's text would show it.
    A token of punctuation alone that the source timed (Whisper's ``--`` or ``...``) keeps its
    time on the word it joins: the word before ends with it, the word after starts with it."""
    out: list[_Entry] = []
    prefix = ""
    prefix_start: int | None = None   # the time of punctuation waiting for the word after it
    new_paragraph = False      # a cue or segment started with no word yet
    last_speaker = None
    for tok in tokens:
        if tok.speaker != last_speaker:
            prefix, prefix_start, last_speaker = "", None, tok.speaker
        new_paragraph = new_paragraph or tok.new_paragraph
        if tok.placeholder:
            out.append(_Entry("[inaudible]", tok.start_ms, tok.end_ms, tok.speaker, tok.line, tok.where,
                              new_paragraph, True))
            prefix, prefix_start, new_paragraph = "", None, False
            continue
        pieces = tok.text.split()
        word_at = [k for k, p in enumerate(pieces) if _is_word(p)]
        is_word = set(word_at)
        for k, piece in enumerate(pieces):
            if k not in is_word:
                prev = out[-1] if out else None
                if prev and not prev.placeholder and prev.speaker == tok.speaker:
                    prev.text += piece
                    if not word_at and tok.end_ms is not None and (prev.end is None or tok.end_ms > prev.end):
                        prev.end = tok.end_ms
                else:
                    prefix += piece
                    if not word_at and prefix_start is None:
                        prefix_start = tok.start_ms
                continue
            start = tok.start_ms if k == word_at[0] else None
            if start is None and prefix and k == word_at[0]:
                start = prefix_start
            end = tok.end_ms if k == word_at[-1] else None
            out.append(_Entry(prefix + piece, start, end, tok.speaker, tok.line, tok.where, new_paragraph, False))
            prefix, prefix_start, new_paragraph = "", None, False
    return out


def build_transcript(tokens: Iterable[TimedToken], path: str, kind: str) -> Transcript:
    """Words, turns, anchors and pause placeholders from timed tokens (see the module doc).

    ``kind`` names the source in errors ("Whisper JSON", "SRT file").
    """
    entries = _entries(tokens)
    if not any(not e.placeholder for e in entries):
        raise TranscriptError(f"no words in this {kind}", path)
    if not any(e.start is not None for e in entries):
        raise TranscriptError(f"no word times in this {kind}", path)

    words: list[Word] = []
    turns: list[Turn] = []
    anchors: list[Anchor] = []
    wheres: list[str] = []
    paragraph = -1
    turn_first, speaker, turn_line = 0, None, 0
    for i, e in enumerate(entries):
        if e.speaker != speaker:
            if speaker is not None:
                turns.append(Turn(speaker, turn_first, len(words), turn_line))
            speaker, turn_first, turn_line = e.speaker, len(words), e.line
            paragraph += 1
        elif e.new_paragraph:
            paragraph += 1
        if e.start is not None:
            anchors.append(Anchor(len(words), e.start, e.line, resolution_ms=1))
            wheres.append(e.where)
        words.append(Word(e.text, len(turns), paragraph, e.line, placeholder=e.placeholder))
        if e.end is None or (e.start is not None and e.end < e.start):
            continue
        nxt = entries[i + 1] if i + 1 < len(entries) else None
        if nxt is None or (nxt.start is not None and nxt.start - e.end > PAUSE_MS):
            anchors.append(Anchor(len(words), e.end, e.line, resolution_ms=1))
            wheres.append(e.where)
            words.append(Word(PAUSE_TEXT, len(turns), paragraph, e.line, placeholder=True))
    turns.append(Turn(speaker, turn_first, len(words), turn_line))

    anchors, warnings = _distrust_backwards(anchors, wheres, path)
    return Transcript(tuple(words), tuple(turns), tuple(anchors), tuple(warnings))


def _distrust_backwards(anchors: list[Anchor], wheres: list[str], path: str) -> tuple[list[Anchor], list[str]]:
    """Times off the longest run that never goes backwards are kept but not trusted."""
    out, bad = distrust_out_of_order(anchors)
    first_bad: dict[str, int] = {}          # one warning an element, for its first bad time
    for i in bad:
        first_bad.setdefault(wheres[i], i)
    listed = list(first_bad.values())
    warnings = [f"{path}: {wheres[i]}: time {vtt_time(anchors[i].time_ms)} is out of order with the "
                "times around it; not trusted" for i in listed[:MAX_WARNINGS]]
    if len(listed) > MAX_WARNINGS:
        warnings.append(f"{path}: {len(listed) - MAX_WARNINGS} more time(s) out of order; not trusted")
    return out, warnings
