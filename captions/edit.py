"""Edits on captions read from a file: moving them in time, and writing them in another format.

Both refuse rather than guess: a shift that would put a time before zero or past any real
recording, or move later cues on top of earlier ones, is an error naming the cue, so a fix-up
never quietly damages a file.

`convert` and `shift` carry the file's markup (`captions.markup`) through one path: read the
file as styled cues (after the strict timing checks of `readers.caption_files`), move or filter
them, write them. Written in its own format a file keeps its markup, cue settings, header,
encoding and line ends; in another format it keeps what that format can carry and the warnings
name the rest.
"""
from __future__ import annotations

import codecs
import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from pathlib import Path

from .formats import BY_NAME
from .markup import KIND_NAMES, StyledCue, dropped, format_styled, plain, read_line
from .model import Caption
from .timecode import MAX_TIME_MS, vtt_time
from .writers import format_for

_LEADING_DASH = re.compile(r"^[-–—]\s*")
_TIMING = re.compile(r"\s*\S+\s*-->\s*\S+")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))


@dataclass(frozen=True)
class CaptionFile:
    """A caption file as read for `convert` and `shift`: its cues with their markup, and what it
    takes to write it back as it was (WebVTT header, encoding, byte order mark, line ends)."""

    path: str
    fmt: str
    text: str
    cues: tuple[StyledCue, ...]
    header: str = ""
    encoding: str | None = "utf-8"       # None: not one encoding throughout (damaged bytes)
    bom: bytes = b""
    newline: str = "\n"


def read_caption_file(path: str | Path) -> CaptionFile:
    """Read an SRT or WebVTT file with its markup; the strict timing checks (with line numbers)
    of `readers.caption_files` apply first."""
    from .readers.decoding import decode, read_file_bytes
    from .readers.caption_files import detect_format, parse_captions

    name = str(path)
    data = read_file_bytes(path)
    text = decode(data, name)[0].lstrip("\ufeff")
    captions = parse_captions(text, None, name)
    fmt = detect_format(text, name)
    lines = text.split("\n")
    timings = [n for n, line in enumerate(lines) if "-->" in line]
    cues = []
    for k, (t, c) in enumerate(zip(timings, captions, strict=True)):
        stop = timings[k + 1] if k + 1 < len(timings) else len(lines)
        end = next((n for n in range(t + 1, stop) if (lines[n] == "" if fmt == "vtt" else not lines[n].strip())), stop)
        ident = lines[t - 1] if fmt == "vtt" and t and lines[t - 1].strip() else ""
        settings = lines[t][_TIMING.match(lines[t]).end():].rstrip()
        cues.append(StyledCue(c.start_ms, c.end_ms, tuple(read_line(line, fmt, c.start_ms) for line in lines[t + 1:end]),
                              ident, settings))
    first = timings[0] - (1 if cues[0].ident else 0)
    encoding, bom = _encoding(data, text)
    newline = "\r\n" if ("\r\n".encode(encoding) if encoding else b"\r\n") in data else "\n"
    return CaptionFile(name, fmt, text, tuple(cues), "\n".join(lines[:first]) if fmt == "vtt" else "",
                       encoding, bom, newline)


def _encoding(data: bytes, text: str) -> tuple[str | None, bytes]:
    """The encoding (and BOM) that gives back ``text`` from ``data``: the one to write the file in."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, bom
    for encoding in ("utf-8", "utf-16-le", "utf-16-be", "cp1252"):
        try:
            if data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n") == text:
                return encoding, b""
        except UnicodeDecodeError:
            pass
    return None, b""


def drop_roll_up(source: CaptionFile) -> tuple[list[StyledCue], list[str]]:
    """The file's cues with each line shown once, if they roll up (YouTube's auto-captions):
    lines repeating what the cue before showed are dropped, and so are the hold cues left with
    no text. Which lines repeat is what `make` finds when it reads such a file as a timing
    source; other files come back as they are."""
    from .readers.timing.cues import roll_up_repeats

    repeats = roll_up_repeats(source.text, source.fmt, source.path)
    if not repeats:
        return list(source.cues), []
    timing_lines = [n for n, line in enumerate(source.text.split("\n"), 1) if "-->" in line]
    kept, lines_dropped, cues_dropped = [], 0, 0
    for cue, number in zip(source.cues, timing_lines):
        drop, lines = repeats.get(number, 0), list(cue.lines)
        while drop and lines:        # through the drop-th non-blank line, blank ones among them
            shown = bool("".join(p.raw for p in lines.pop(0)).strip())
            drop -= shown
            lines_dropped += shown
        if not any(plain_text(line) for line in lines):
            cues_dropped += 1
            continue
        kept.append(replace(cue, lines=tuple(lines)))
    return kept, [f"{source.path}: roll-up captions: {lines_dropped} repeated line(s) and {cues_dropped} "
                  "cue(s) with no new text dropped, so each line shows once"]


def plain_text(line) -> str:
    return "".join(p.value for p in line if p.kind == "text").strip()


def write_caption_file(source: CaptionFile, cues: list[StyledCue], target: str, fps: float | None = None,
                       where: str = "") -> tuple[str | bytes, list[str]]:
    """The content to write for ``cues`` in ``target`` format, and warnings for what it cannot
    carry. In the source's own format the content is bytes in the source's encoding, BOM and
    line ends; otherwise UTF-8 text."""
    from .writers import format_captions

    where = where or target.upper()
    warnings = []
    fmt = BY_NAME[target]
    lost = dropped(list(cues), source.fmt, target)
    if source.fmt == "vtt" and target != "vtt" and re.search(r"^(STYLE|REGION)\b", source.header, re.M):
        lost["style"] = 1
    if lost:
        what = ", ".join(f"{KIND_NAMES[k]} ({n} cue{'s' * (n != 1)})" if k != "style" else KIND_NAMES[k]
                         for k, n in sorted(lost.items()))
        warnings.append(f"{where}: {fmt.title} cannot carry the {what} of {source.path}; "
                        "dropped")
    if fmt.styled:
        content = format_styled(list(cues), source.fmt, target, source.header)
    else:
        content = format_captions(convert([plain(c) for c in cues], target), target, fps=fps)
    if target != source.fmt:
        return content, warnings
    content = content.rstrip("\n") + (source.text[len(source.text.rstrip("\n")):] or "\n")   # its own ending
    if source.encoding is None:
        warnings.append(f"{where}: {source.path} is not in one encoding throughout (damaged bytes); written as UTF-8")
        return content, warnings
    try:
        return source.bom + content.replace("\n", source.newline).encode(source.encoding), warnings
    except UnicodeEncodeError:
        warnings.append(f"{where}: the text cannot be written in {source.encoding} as {source.path} was; "
                        "written as UTF-8")
        return content, warnings


def shift(captions: list, by_ms: int, from_ms: int | None = None) -> list:
    """Move every cue (a `Caption` or a `StyledCue`) by ``by_ms`` (negative: earlier), or only
    those starting at or after ``from_ms``, say to follow a cut in the video. Raises ValueError
    when a time would go below zero or past `MAX_TIME_MS`, or when moved cues would start before
    an unmoved cue ends that they used to follow."""
    moved = [from_ms is None or c.start_ms >= from_ms for c in captions]
    for n, (c, m) in enumerate(zip(captions, moved), 1):
        if m and min(c.start_ms, c.end_ms) + by_ms < 0:
            raise ValueError(f"shifting by {by_ms} ms would move cue {n} (at {vtt_time(c.start_ms)}) before 0:00")
        if m and max(c.start_ms, c.end_ms) + by_ms > MAX_TIME_MS:
            raise ValueError(f"shifting by {by_ms} ms would move cue {n} (at {vtt_time(c.start_ms)}) past "
                             f"{vtt_time(MAX_TIME_MS)}, longer than any recording")
    if by_ms < 0 and from_ms is not None:
        ends = sorted((c.end_ms, n) for n, (c, m) in enumerate(zip(captions, moved), 1) if not m)
        keys = [end for end, _ in ends]
        for n, (c, m) in enumerate(zip(captions, moved), 1):
            i = bisect_right(keys, c.start_ms + by_ms)
            # An unmoved cue ending after the new start, but not after the old: a new overlap.
            if m and i < len(keys) and keys[i] <= c.start_ms:
                end, other = ends[i]
                raise ValueError(f"shifting by {by_ms} ms would move cue {n} to {vtt_time(c.start_ms + by_ms)}, "
                                 f"before cue {other} ends at {vtt_time(end)}")
    return [replace(c, start_ms=c.start_ms + by_ms, end_ms=c.end_ms + by_ms) if m else c
            for c, m in zip(captions, moved)]


def convert(captions: list[Caption], target_fmt: str) -> list[Caption]:
    """Captions ready to write as ``target_fmt``. SRT has no voices, so a voice would be lost:
    it becomes a visible ``NAME: `` on the first line of each voice change (where the line
    does not already start with it, and in place of a dialogue dash). WebVTT keeps voices."""
    if BY_NAME[format_for("", target_fmt)].voice_tags:
        return list(captions)
    out = []
    previous: str | None = None
    for c in captions:
        lines = []
        for n, line in enumerate(c.lines):
            voice = c.voices[n] if n < len(c.voices) else None
            if voice and voice != previous and not line.casefold().startswith(f"{voice}:".casefold()):
                line = f"{voice}: {_LEADING_DASH.sub('', line)}"
            previous = voice
            lines.append(line)
        out.append(Caption(c.start_ms, c.end_ms, tuple(lines)))
    return out
