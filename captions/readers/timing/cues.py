"""Existing captions as a timing source: SRT, WebVTT (YouTube's word-timed auto-captions too)
and SBV.

The use is *retiming*: auto-captions whose times are right and whose words are not, plus a clean
transcript, give clean captions at the auto-captions' times. So these readers are lenient where
`readers.caption_files` (which checks delivery files) is strict: any ``h:mm:ss,mmm`` or
``mm:ss.mmm`` on either side of ``-->``, a blank line inside a cue, cue settings, markup.

- A cue's first word starts at the cue's start; its last word ends at the cue's end (a
  ``[pause]`` placeholder fills a silence before the next cue). Words in between are spread by
  the timing model.
- WebVTT inline timestamps (``word<00:00:01.234><c> next</c>``) give the word after them its
  own start: each such word is anchored.
- Roll-up captions (YouTube's auto-captions repeat the last line of each cue at the top of the
  next, and hold each finished line alone in a 10 ms cue) are recognised when most cues that add
  a line, and most hold cues, begin with the previous cue's last line; then a cue's leading lines
  that repeat the previous cue's last lines are dropped, so every spoken word appears once. In
  other files a repeated line is speech and kept.
- Markup is dropped: tags (``<i>``, ``<c.colorE5E5E5>``), ``{\\an8}``, entities; so are sound
  labels in brackets (``[Music]``), music notes, and speaker dashes or ``>>`` at a line's start.
  WebVTT voices (``<v Ann>``) name the speaker; without them the file is one speaker.
"""
from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...errors import InputError
from ...model import Transcript
from ...timecode import clock_ms
from ..decoding import check_line_lengths
from .tokens import DEFAULT_SPEAKER, TimedToken, build_transcript, speaker_name

# A cue time: hours optional (WebVTT), "," or "." before 1-3 digits of milliseconds.
_TIME = r"(?:\d{1,6}:)?\d{1,2}:\d{2}[,.]\d{1,3}"
_ARROW = re.compile(rf"^\s*(?P<start>{_TIME})\s*-->\s*(?P<end>{_TIME})(?:\s.*)?$")
_SBV = re.compile(r"^\s*(?P<start>\d{1,6}:\d{2}:\d{2}\.\d{1,3}),(?P<end>\d{1,6}:\d{2}:\d{2}\.\d{1,3})\s*$")
_INLINE_TIME = re.compile(rf"^\s*({_TIME})\s*$")
_TAG = re.compile(r"<([^<>]*)>")
_SOUND = re.compile(r"\[[^\]]{0,80}\]|[♪♫]")
_LINE_MARK = re.compile(r"^\s*(?:>>+|[-–—](?=\s))\s*")
_VTT_SKIP_BLOCK = re.compile(r"^(?:NOTE|STYLE|REGION)(?:[ \t]|$)|^WEBVTT(?:[ \t]|$)")

KINDS = {"srt": "SRT file", "vtt": "WebVTT file", "sbv": "SBV file"}
_NO_CUES = {"srt": "no cues ('00:00:01,000 --> 00:00:04,000' lines): not an SRT file",
            "vtt": "no cues ('00:00:01.000 --> 00:00:04.000' lines): not a WebVTT file",
            "sbv": "no cues ('0:00:01.000,0:00:04.000' lines): not an SBV file"}


@dataclass
class _Cue:
    start: int
    end: int
    line: int                       # the timing line's number
    lines: list[list[tuple[str, int | None, str | None]]]   # per text line: (word, own start, voice)


def is_timing_line(line: str, fmt: str) -> bool:
    return bool((_SBV if fmt == "sbv" else _ARROW).match(line))


def parse_srt_source(text: str, path: str = "<captions>") -> Transcript:
    """SRT as a timing source."""
    return parse_cue_source(text, "srt", path)


def parse_vtt_source(text: str, path: str = "<captions>") -> Transcript:
    """WebVTT as a timing source, inline word times and voices included."""
    return parse_cue_source(text, "vtt", path)


def parse_sbv_source(text: str, path: str = "<captions>") -> Transcript:
    """YouTube's SBV (``0:00:01.000,0:00:04.000`` above each caption) as a timing source."""
    return parse_cue_source(text, "sbv", path)


def parse_cue_source(text: str, fmt: str, path: str = "<captions>") -> Transcript:
    """Captions in ``fmt`` (``srt``, ``vtt`` or ``sbv``) as a `Transcript` of timed words."""
    if fmt not in KINDS:
        raise ValueError(f"unknown caption format {fmt!r}; use srt, vtt or sbv")
    cues = _cues(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), fmt, path)
    if not cues:
        raise InputError(_NO_CUES[fmt], path)
    return build_transcript(_tokens(cues), path, KINDS[fmt])


def _cues(text: str, fmt: str, path: str) -> list[_Cue]:
    lines = text.split("\n")
    check_line_lengths(lines, path)
    cues: list[_Cue] = []
    block: list[tuple[int, str]] = []
    for number, line in enumerate(lines + [""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        if block:
            _block(block, fmt, path, cues)
            block = []
    return cues


def _block(block: list[tuple[int, str]], fmt: str, path: str, cues: list[_Cue]) -> None:
    timing = next((k for k, (_, line) in enumerate(block) if is_timing_line(line, fmt)), None)
    if timing is None:
        for number, line in block:
            if fmt != "sbv" and "-->" in line and line.lstrip()[:1].isdigit():   # a timing, mistyped
                raise InputError(f"malformed cue timing {line.strip()[:60]!r}; expected "
                                 "'hh:mm:ss,mmm --> hh:mm:ss,mmm'", path, number)
        first = block[0][1].strip()
        if not cues or (fmt == "vtt" and _VTT_SKIP_BLOCK.match(first)) or \
                (fmt != "vtt" and len(block) == 1 and first.isdigit()):
            return   # header, comment, style, or a stray cue number
        # Text after a blank line inside a cue: still that cue's words.
        voice = None
        for _, line in block:
            words, voice = _words(line, fmt, voice)
            cues[-1].lines.append(words)
        return
    number, line = block[timing]
    m = (_SBV if fmt == "sbv" else _ARROW).match(line)
    start, end = clock_ms(m.group("start")), clock_ms(m.group("end"))
    if end < start:
        raise InputError("the cue ends before it starts", path, number)
    cue = _Cue(start, end, number, [])
    voice = None                      # a WebVTT voice span may run over several lines
    for n, text_line in block[timing + 1:]:
        if is_timing_line(text_line, fmt):
            # Two timings in one block: a missing blank line; the second starts a new cue.
            cues.append(cue)
            m = (_SBV if fmt == "sbv" else _ARROW).match(text_line)
            start, end = clock_ms(m.group("start")), clock_ms(m.group("end"))
            if end < start:
                raise InputError("the cue ends before it starts", path, n)
            cue, voice = _Cue(start, end, n, []), None
            continue
        words, voice = _words(text_line, fmt, voice)
        cue.lines.append(words)
    cues.append(cue)


def _words(line: str, fmt: str, voice: str | None) -> tuple[list[tuple[str, int | None, str | None]], str | None]:
    """A cue line's words, each with the inline time before it (if any) and the voice open; and
    the voice still open at the line's end.

    Text not parted by white space is one word, whatever tags lie inside it: YouTube's newer
    captions time pieces of a word (``An<00:00:01.100><c>d</c>``), and the word starts at its
    first piece. An inline time before white space belongs to the word after it. One pass over
    the line: nothing here looks back.
    """
    out: list[tuple[str, int | None, str | None]] = []
    parts = _TAG.split(drop_overrides(line))          # text, tag, text, tag, ...
    pending: int | None = None
    pieces: list[str] = []                       # the open word, in pieces
    word_time: int | None = None
    text_seen = False

    def flush():
        nonlocal word_time
        if pieces:
            out.append(("".join(pieces), word_time, voice))
            pieces.clear()
        word_time = None

    for k, part in enumerate(parts):
        if k % 2:
            tag = part.strip()
            if (m := _INLINE_TIME.match(tag)):
                pending = clock_ms(m.group(1))
            elif fmt == "vtt" and (name := voice_name(tag)) is not None:
                flush()
                voice = name or None
            elif fmt == "vtt" and tag == "/v":
                flush()
                voice = None
            continue
        part = html.unescape(part)
        if not text_seen:
            part = _LINE_MARK.sub("", part)
        part = _SOUND.sub(" ", part)
        if not part:
            continue
        if part[0].isspace():
            flush()
        elif pieces:
            pending = None                       # the time of a piece inside the open word
        for n, chunk in enumerate(part.split()):
            if n:
                flush()
            if not pieces:
                word_time, pending = pending, None
            pieces.append(chunk)
            text_seen = True
        if part[-1].isspace():
            flush()
    flush()
    return out, voice


def voice_name(tag: str) -> str | None:
    """A WebVTT voice tag's name (``v Ann``, ``v.loud Ann``; "" for a bare ``v``), or None
    for another tag."""
    if tag[:1] != "v" or (tag[1:2] not in ("", ".") and not tag[1].isspace()):
        return None
    parts = tag.split(None, 1)
    return " ".join(html.unescape(parts[1]).split()) if len(parts) > 1 else ""


def drop_overrides(line: str) -> str:
    """The line without ``{\\...}`` override blocks; an unclosed one is kept as text. Linear:
    a block with no ``}`` after it means no later block closes either."""
    if "{\\" not in line:
        return line
    kept, at = [], 0
    while (open_at := line.find("{\\", at)) >= 0 and (close := line.find("}", open_at)) >= 0:
        kept.append(line[at:open_at])
        at = close + 1
    kept.append(line[at:])
    return "".join(kept)


def _key(word: str) -> str:
    return "".join(ch for ch in word.casefold() if ch.isalnum())


def _line_keys(cue: _Cue) -> list[tuple[str, ...]]:
    """The cue's lines that hold words, each as its words' comparison keys."""
    return [tuple(_key(w) for w, _, _ in ln) for ln in cue.lines if ln]


HOLD_MS = 100   # YouTube holds each finished line on screen in a cue of about 10 ms
ROLL_UP_LINES = 3   # lines a roll-up cue repeats above its new one: one on YouTube, three at most on TV


def _rolling(cues: list[_Cue]) -> bool:
    """Roll-up captions: most cues that add a line begin with the previous cue's last line, and
    most hold cues (shorter than `HOLD_MS`) repeat it.

    Ordinary cues of one line are no evidence either way: a line said twice ("Roger." in two
    cues) is what ordinary captions show too.
    """
    pairs = repeats = 0
    for prev, cue in zip(cues, cues[1:]):
        before, lines = _line_keys(prev), _line_keys(cue)
        if not before or not lines or (len(lines) < 2 and cue.end - cue.start >= HOLD_MS):
            continue
        pairs += 1
        repeats += lines[0] == before[-1]
    return repeats >= 1 and repeats * 2 >= pairs


def _repeats(cues: list[_Cue]) -> list[int]:
    """Per cue, how many of its leading lines with words repeat the previous cue's last lines
    (spoken already): all 0 unless the cues roll up. At most the lines a roll-up shows are
    compared, so the comparison stays short for a cue of any size."""
    if not _rolling(cues):
        return [0] * len(cues)
    out = []
    shown: list[tuple[str, ...]] = []     # the lines of the previous cue with words
    for cue in cues:
        keys = _line_keys(cue)
        out.append(next((k for k in range(min(len(shown), len(keys), ROLL_UP_LINES), 0, -1)
                         if keys[:k] == shown[-k:]), 0))
        shown = keys or shown
    return out


def roll_up_repeats(text: str, fmt: str, path: str = "<captions>") -> dict[int, int]:
    """For roll-up captions, the cues that repeat lines already shown: the number of the cue's
    timing line -> how many of its leading non-blank text lines to drop (a hold cue loses them
    all). Empty for other captions. `captions convert` uses it to show each line once."""
    cues = _cues(text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n"), fmt, path)
    drop = {}
    for cue, repeated in zip(cues, _repeats(cues)):
        seen = 0
        for n, ln in enumerate(cue.lines, 1):     # one entry a non-blank text line
            seen += bool(ln)
            if repeated and seen == repeated:
                drop[cue.line] = n
                break
    return drop


def _tokens(cues: list[_Cue]) -> Iterator[TimedToken]:
    """The cues' words, one at a time: a list of them beside the cues and the words is memory
    no step needs."""
    speaker = DEFAULT_SPEAKER
    for cue, repeated in zip(cues, _repeats(cues)):
        lines = [ln for ln in cue.lines if ln][repeated:]
        new = [w for ln in lines for w in ln]
        for k, (text, own, voice) in enumerate(new):
            speaker = speaker_name(voice, speaker) if voice else speaker
            start = own if own is not None else (cue.start if k == 0 else None)
            end = cue.end if k == len(new) - 1 else None
            yield TimedToken(text, start, end, speaker, cue.line, f"line {cue.line}", new_paragraph=k == 0)
