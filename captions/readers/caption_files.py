"""Caption files (SRT, WebVTT) read back into `Caption`s, to check, convert or shift them.

pysrt and webvtt-py parse the files, but neither can be trusted alone with a user's file: pysrt
reads `00:00:61,000` as 61 s and `xx:00:03,000` as 3 s, and webvtt-py (not strict) drops a cue
whose timing it cannot read without a word. So every line holding `-->` is first held to its
format's timestamp syntax here, which also gives each error a line number.

A caption's lines are what a viewer sees, so checks count the right characters and conversion
does not show markup as text: WebVTT tags (`<i>`, `<c.x>`, `<00:00:01.000>`) and entities
(`&amp;`) are undone, as are SRT's styling tags (`<i>`, `<b>`, `<u>`, `<font ...>`, `{\\an8}`);
edges are stripped and lines left empty dropped. WebVTT `<v Name>` spans give each line's voice.
"""
from __future__ import annotations

import html
import re
from pathlib import Path

import pysrt
import webvtt

from ..errors import InputError
from ..formats import BY_NAME, by_extension
from ..model import Caption
from ..timecode import clock_ms
from .decoding import check_line_lengths, check_size, decode, read_file_bytes
from .timing.cues import drop_overrides, voice_name
from .timing.detect import sniff_vtt

_SRT_TIME = r"\d+:[0-5]\d:[0-5]\d[,.]\d{3}"
_VTT_TIME = r"(?:\d{1,10}:)?[0-5]\d:[0-5]\d\.\d{3}"   # webvtt-py takes at most 10 hour digits
_TIMING = {
    "srt": re.compile(rf"\s*{_SRT_TIME}\s*-->\s*{_SRT_TIME}(?:\s.*)?"),   # SRT may add X1: Y1: ...
    "vtt": re.compile(rf"\s*{_VTT_TIME}[ \t]*-->[ \t]*{_VTT_TIME}(?:[ \t].*)?"),   # ... cue settings
}
_EXPECTED = {"srt": "hh:mm:ss,mmm --> hh:mm:ss,mmm", "vtt": "[hh:]mm:ss.mmm --> [hh:]mm:ss.mmm"}
_SRT_STYLE = re.compile(r"/?(?:[biu]|font)(?:\s.*)?", re.IGNORECASE | re.DOTALL)   # a tag's inside
_TAG = re.compile(r"<([^<>]*)>")   # [^<>]: a "<" with no ">" after it costs nothing


def read_captions(path: str | Path) -> list[Caption]:
    """Read an SRT or WebVTT file; the format comes from its content, else its extension."""
    data = read_file_bytes(path)
    text, _ = decode(data, str(path))
    fmt = detect_format(text, str(path))
    check_size(len(data), fmt, str(path))
    return parse_captions(text, fmt, str(path))


def read_caption_bytes(data: bytes, path: str = "<captions>") -> list[Caption]:
    """Read caption bytes (stdin, say) in any encoding `decode` knows."""
    text, _ = decode(data, path)
    fmt = detect_format(text, path)
    check_size(len(data), fmt, path)
    return parse_captions(text, fmt, path)


def detect_format(text: str, path: str = "<captions>") -> str:
    """`vtt` for a text with the WEBVTT header; else `srt`, unless the name promises WebVTT."""
    if sniff_vtt(text.lstrip("\ufeff")):
        return "vtt"
    if by_extension(path) is BY_NAME["vtt"]:
        raise InputError("no WEBVTT header on the first line: not a WebVTT file", path, 1)
    return "srt"


def parse_captions(text: str, fmt: str | None, path: str = "<captions>") -> list[Caption]:
    """Captions from SRT or WebVTT text, in file order; ``fmt`` None detects the format."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise InputError("the file is empty", path)
    fmt = fmt or detect_format(text, path)
    if fmt not in _TIMING:
        raise ValueError(f"unknown caption format {fmt!r}; use srt or vtt")
    if fmt == "vtt" and not sniff_vtt(text):
        raise InputError("no WEBVTT header on the first line: not a WebVTT file", path, 1)
    lines = text.split("\n")
    check_line_lengths(lines, path)
    timings = [n for n, line in enumerate(lines, 1) if "-->" in line]
    if not timings:
        raise InputError("no cues (no 'start --> end' lines): not a caption file", path)
    for n in timings:
        if not _TIMING[fmt].fullmatch(lines[n - 1]):
            raise InputError(f"malformed cue timing {lines[n - 1].strip()!r}; expected {_EXPECTED[fmt]}", path, n)
    cues = _srt_cues(lines, timings, path) if fmt == "srt" else _vtt_cues(text)
    captions = []
    # One timing line per cue, in order: the checks above leave the libraries nothing to drop.
    for (start, end, raw), n in zip(cues, timings, strict=True):
        if end < start:
            raise InputError("the cue ends before it starts", path, n)
        captions.append(_srt_caption(start, end, raw) if fmt == "srt" else _vtt_caption(start, end, raw))
    return captions


def _srt_cues(lines: list[str], timings: list[int], path: str) -> list[tuple[int, int, list[str]]]:
    for n in timings:
        # pysrt takes a block's first or second line as its times, and the rest as text.
        above = lines[n - 2] if n > 1 else ""
        if above.strip() and ("-->" in above or (n > 2 and lines[n - 3].strip())):
            raise InputError("no blank line before this cue", path, n)
    try:
        items = list(pysrt.stream([line + "\n" for line in lines], error_handling=pysrt.ERROR_RAISE))
    except pysrt.Error as exc:
        # pysrt gives the line index after the block, and the block's text.
        after, block = exc.args[0], exc.args[-1]
        raise InputError("not a cue: a block without a 'start --> end' line under its number "
                         "(a blank line inside a cue?)", path, after - block.count("\n") + 1) from None
    return [(item.start.ordinal, item.end.ordinal, item.text.split("\n")) for item in items]


def _vtt_cues(text: str) -> list[tuple[int, int, list[str]]]:
    return [(clock_ms(c.start), clock_ms(c.end), c.lines) for c in webvtt.from_string(text).captions]


def _srt_caption(start: int, end: int, raw: list[str]) -> Caption:
    lines = [_srt_text(line).strip() for line in raw]
    return Caption(start, end, tuple(line for line in lines if line))


def _srt_text(line: str) -> str:
    """An SRT line without its styling tags and ``{\\...}`` overrides; other ``<...>`` is text."""
    parts = _TAG.split(drop_overrides(line))   # text, tag, text, tag, ...
    return "".join(part if k % 2 == 0 else "" if _SRT_STYLE.fullmatch(part) else f"<{part}>"
                   for k, part in enumerate(parts))


def _vtt_caption(start: int, end: int, raw: list[str]) -> Caption:
    """Lines without markup, each with the voice open where its text starts."""
    voices: list[str | None] = []   # open <v> spans, innermost last
    kept: list[tuple[str, str | None]] = []
    for line in raw:
        parts = _TAG.split(line)   # text, tag, text, tag, ...
        voice, seen = None, False
        for k, part in enumerate(parts):
            if k % 2 == 0:
                if part.strip() and not seen:
                    voice, seen = (voices[-1] if voices else None), True
            elif (name := voice_name(part)) is not None:
                voices.append(name or None)
            elif part.strip() == "/v" and voices:
                voices.pop()
        text = html.unescape("".join(parts[::2])).strip()
        if text:
            kept.append((text, voice))
    line_voices = tuple(v for _, v in kept)
    return Caption(start, end, tuple(t for t, _ in kept), line_voices if any(line_voices) else ())
