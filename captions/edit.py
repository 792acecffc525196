"""Edits on captions read from a file: moving them in time, and fitting them to a target format.

Both refuse rather than guess: a shift that would put a time before zero, or move later cues on
top of earlier ones, is an error naming the cue, so a fix-up never quietly damages a file.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import replace

from .model import Caption
from .writers import format_for
from .timecode import vtt_time

_LEADING_DASH = re.compile(r"^[-–—]\s*")


def shift(captions: list[Caption], by_ms: int, from_ms: int | None = None) -> list[Caption]:
    """Move every cue by ``by_ms`` (negative: earlier), or only those starting at or after
    ``from_ms``, say to follow a cut in the video. Raises ValueError when a time would go below
    zero, or when moved cues would start before an unmoved cue ends that they used to follow."""
    moved = [from_ms is None or c.start_ms >= from_ms for c in captions]
    for n, (c, m) in enumerate(zip(captions, moved), 1):
        if m and min(c.start_ms, c.end_ms) + by_ms < 0:
            raise ValueError(f"shifting by {by_ms} ms would move cue {n} (at {vtt_time(c.start_ms)}) before 0:00")
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
    if format_for("", target_fmt) == "vtt":
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
