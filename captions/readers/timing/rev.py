"""Rev transcripts: the blog/web copy and the TXT export.

Accepted turn headers (the text may follow on the same line or on the next lines)::

    Elon Musk (00:07:22):        name, stamp in brackets, colon
    Speaker 1 (07:22):           mm:ss under an hour, h:mm:ss or hh:mm:ss above
    Speaker 1: (07:22)           the TXT export's order: name, colon, stamp

Inline tags ``[inaudible 00:07:06]`` and ``[crosstalk 00:12:23]`` mark untranscribed speech at a
known time: they become placeholders with an anchor. Other bracketed tags (``[laughs]``) are
dropped. Text before the first header and Rev's page furniture after the last are ignored.
"""
from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

from ...errors import TranscriptError
from ...model import Anchor, Transcript, Turn, Word
from ...normalize import LETTER_OR_DIGIT
from ...timecode import clock_ms, hms_time
from ..decoding import read_text_file

# h:mm:ss or mm:ss, optionally with a fraction (some exports write milliseconds; "," is common).
STAMP = r"\d{1,3}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
# A speaker name: no colons, brackets or line-ending punctuation, at most 60 characters.
NAME = r"[^\s:()\[\]][^:()\[\]]{0,59}?"
HEADER_NAME_STAMP = re.compile(rf"^\s*(?P<name>{NAME})\s*[(\[](?P<stamp>{STAMP})[)\]]\s*:\s*(?P<rest>.*)$")
HEADER_NAME_COLON_STAMP = re.compile(rf"^\s*(?P<name>{NAME})\s*:\s*[(\[](?P<stamp>{STAMP})[)\]]\s*(?P<rest>.*)$")
# A timed tag, ``[inaudible 00:07:06]``: a label of at most 40 characters with no digit, then a
# stamp. Found in two linear steps (a bracket's inside, then its parts), not one pattern whose
# overlapping runs of spaces backtrack for minutes on a line of them.
BRACKETED = re.compile(r"\[([^\[\]]*)\]")
TAG_STAMP = re.compile(rf"(?P<stamp>{STAMP})\s*")
FIRST_DIGIT = re.compile(r"\d")
# Rev's tags for speech it could not transcribe, with or without a time.
SPEECH_TAG_LABELS = r"(?:inaudible|crosstalk|unintelligible|foreign language)"
UNTIMED_SPEECH_TAG = re.compile(rf"\[\s*{SPEECH_TAG_LABELS}\s*\]", re.I)
OTHER_TAG = re.compile(r"\[[^\]]{0,80}\]")
# Rev's page text around a transcript copied from its website.
REV_FURNITURE = re.compile(
    r"^(transcribe your own content|try rev\b.*|rev\.com\b.*|subscribe to the rev blog.*"
    r"|sign up to get rev content.*|automated transcription by rev.*|.*\btranscript (was )?"
    r"(provided|generated|exported) (by|from|on) .*)$",
    re.I,
)
TAG_MARK = "\x00tag\x00"
ANY_STAMP = re.compile(rf"(?<!\d){STAMP}")


def turn_header(line: str) -> re.Match | None:
    """A turn header (``name``, ``stamp`` and the ``rest`` of the line), or None."""
    if ":" not in line or ("(" not in line and "[" not in line):
        return None                      # both header forms need a colon and a bracketed stamp
    for pattern in (HEADER_NAME_STAMP, HEADER_NAME_COLON_STAMP):
        m = pattern.match(line)
        if m and _plausible_name(m.group("name")):
            return m
    return None


def _plausible_name(name: str) -> bool:
    """A name, not a sentence: a few words, not ending like a clause ('Jr.' and 'Dr.' may)."""
    name = name.strip()
    if not name or len(name.split()) > 8 or re.search(r"[!?,;]$", name):
        return False
    return not name.endswith(".") or len(name.split()[-1]) <= 4


def parse_rev(text: str, path: str = "<transcript>") -> Transcript:
    """Parse a Rev transcript's text into words, turns and anchors."""
    words: list[Word] = []
    turns: list[Turn] = []
    anchors: list[Anchor] = []
    paragraph = -1
    in_paragraph = False
    turn_first = 0
    speaker = None
    header_line = 0

    def close_turn():
        if speaker is None:
            return
        if len(words) == turn_first:  # a turn with no text: someone spoke, untranscribed
            words.append(Word("[speech]", len(turns), paragraph, header_line, placeholder=True))
        turns.append(Turn(speaker, turn_first, len(words), header_line))

    for number, raw in enumerate(text.split("\n"), start=1):
        m = turn_header(raw)
        if m:
            close_turn()
            speaker, header_line, turn_first = m.group("name").strip(), number, len(words)
            anchors.append(Anchor(len(words), clock_ms(m.group("stamp")), number,
                                  resolution_ms=stamp_resolution(m.group("stamp"))))
            paragraph += 1
            in_paragraph = True
            raw = m.group("rest")
            if not raw.strip():
                continue
        elif speaker is None:
            continue  # page text before the first turn
        line = raw.strip()
        if not line:
            in_paragraph = False
            continue
        if REV_FURNITURE.match(line):
            continue
        if not in_paragraph:
            paragraph += 1
            in_paragraph = True
        _add_tokens(line, number, len(turns), paragraph, words, anchors)
    close_turn()

    if not anchors:
        raise TranscriptError(_no_turns(text), path)
    if not any(not w.placeholder for w in words):
        raise TranscriptError("the transcript has stamps but no words", path)
    anchors, warnings = _distrust_disordered(anchors, path)
    return Transcript(tuple(words), tuple(turns), tuple(anchors), tuple(warnings))


def _no_turns(text: str) -> str:
    """Why a text is not a Rev transcript. Prose with no time anywhere is most likely the clean
    text given in the transcript's place (the arguments swapped): say so, and where it goes."""
    expected = "no timestamped speaker turns found (expected lines like 'Name (00:01:02):')"
    if ANY_STAMP.search(text):
        return expected
    lines = sum(1 for line in text.split("\n") if line.strip())
    return (f"no timestamped speaker turns found, and no time at all: {lines} line(s) of plain text, like a "
            "clean text; a clean text goes second (the TEXT argument), after the timed transcript")


def _add_tokens(line: str, number: int, turn: int, paragraph: int, words: list[Word], anchors: list[Anchor]) -> None:
    """Tokenize one line of turn text; timed tags become anchored placeholders."""
    tokens = line.split()
    # The usual line: no tags, every token a word. A letter or digit at either end settles it
    # without the regex (its class is isalnum's).
    if "[" not in line and all(t[0].isalnum() or t[-1].isalnum() for t in tokens):
        words.extend([Word(t, turn, paragraph, number) for t in tokens])
        return
    stamps: list[str] = []

    def timed(m: re.Match) -> str:
        inside = m.group(1)
        digit = FIRST_DIGIT.search(inside)
        stamp = digit and TAG_STAMP.fullmatch(inside, digit.start())
        if not stamp or len(inside[:digit.start()].lstrip().rstrip(", \t\n\r\f\v")) > 40:
            return m.group(0)
        stamps.append(stamp.group("stamp"))
        return f" {TAG_MARK} "

    if "[" in line:                      # every tag is in square brackets
        line = BRACKETED.sub(timed, line)
        line = UNTIMED_SPEECH_TAG.sub(f" {TAG_MARK} ", line)
        line = OTHER_TAG.sub(" ", line)
        tokens = line.split()
    stamp_iter = iter(stamps)
    for token in tokens:
        if token == TAG_MARK:
            stamp = next(stamp_iter, None)
            if stamp is not None:
                if anchors and anchors[-1].word == len(words):
                    anchors.pop()   # a turn that opens with a timed tag: the tag times its word
                anchors.append(Anchor(len(words), clock_ms(stamp), number, resolution_ms=stamp_resolution(stamp)))
            words.append(Word("[inaudible]", turn, paragraph, number, placeholder=True))
        elif token[0].isalnum() or token[-1].isalnum() or LETTER_OR_DIGIT.search(token):
            words.append(Word(token, turn, paragraph, number))
        elif words and not words[-1].placeholder and words[-1].paragraph == paragraph:
            # Lone punctuation ("-", "…") belongs to the word before: it marks a pause there.
            last = words[-1]
            words[-1] = Word(last.text + token, last.turn, last.paragraph, last.line)


def _distrust_disordered(anchors: list[Anchor], path: str) -> tuple[list[Anchor], list[str]]:
    """Keep the longest run of stamps that never goes backwards; report and distrust the rest.

    One stamp typed wrong (backwards, or past the stamps after it) is left out of the longest
    non-decreasing subsequence, so it cannot drag the words around it out of order.
    """
    out, bad = distrust_out_of_order(anchors)
    return out, [f"{path}:{anchors[i].line}: stamp {hms_time(anchors[i].time_ms)} is out of order with the "
                 "stamps around it; not trusted" for i in bad]


def distrust_out_of_order(anchors: list[Anchor]) -> tuple[list[Anchor], list[int]]:
    """The anchors with those off the longest never-decreasing run marked untrusted, and the
    indices of those (each reader words its own warning)."""
    keep = _longest_non_decreasing([a.time_ms for a in anchors])
    bad = [i for i in range(len(anchors)) if i not in keep]
    out = list(anchors)
    for i in bad:
        out[i] = replace(out[i], trusted=False)
    return out, bad


def _longest_non_decreasing(values: list[int]) -> set[int]:
    """Indices of a longest non-decreasing subsequence, in O(n log n).

    Of several equally long ones, the one that keeps the earliest stamps: in 1:00, 0:05, 1:10
    it is 0:05 that goes backwards, not 1:00 that lies ahead.
    """
    import bisect

    def lengths_ending_at(seq: list[int]) -> list[int]:
        tails: list[int] = []
        out = []
        for v in seq:
            k = bisect.bisect_right(tails, v)
            tails[k:k + 1] = [v]
            out.append(k + 1)
        return out

    ending = lengths_ending_at(values)
    starting = lengths_ending_at([-v for v in reversed(values)])[::-1]
    best = max(ending, default=0)
    keep, taken, last = set(), 0, None
    for i, v in enumerate(values):
        if (last is None or v >= last) and taken + starting[i] == best:
            keep.add(i)
            taken, last = taken + 1, v
    return keep


def stamp_resolution(stamp: str) -> int:
    """The step a stamp is written in: 1000 ms for whole seconds, 100 for tenths, and so on."""
    _, _, fraction = stamp.replace(",", ".").partition(".")
    return 10 ** (3 - min(3, len(fraction)))


def read_transcript(path: str | Path) -> Transcript:
    """Read a Rev transcript file (any common encoding)."""
    text, warnings = read_text_file(path, "rev")
    transcript = parse_rev(text, str(path))
    if warnings:
        transcript = Transcript(transcript.words, transcript.turns, transcript.anchors,
                                tuple(warnings) + transcript.warnings)
    return transcript
