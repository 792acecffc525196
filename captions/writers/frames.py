"""Frames and timecode for the writers that count frames (FCPXML, SCC, EBU-STL).

Each caption edge goes to its nearest frame of the delivery rate (a caption lasts at least one
frame); a frame's number becomes SMPTE timecode (`timecode.smpte_time`), non-drop (every second counts
the whole rate above the NTSC rate: 30 at 29.97) or drop-frame (``;``: at 29.97 the frame
numbers 00 and 01 of every minute but each tenth are skipped, 4 numbers at 59.94), so that
drop-frame timecode stays on the wall clock over any length: 10 minutes are 17982 frames,
labelled 00:10:00;00. Arithmetic is on integers and exact fractions, so nothing drifts over hours.
"""
from __future__ import annotations

from fractions import Fraction

from ..errors import OutputError
from ..model import Caption
from .. import timecode


def delivery_rate(fps: float, fmt: str) -> Fraction:
    """The exact rate for ``fps``; OutputError naming ``fmt`` for a rate that is no rate."""
    try:
        return timecode.frame_rate(fps)
    except ValueError as exc:
        raise OutputError(f"{fmt} needs a frame rate: {exc}") from None


def nearest_frame(ms: int, rate: Fraction) -> int:
    """The frame a caption edge goes to; OutputError for a time before the start."""
    if ms < 0:
        raise OutputError(f"a caption time cannot be negative here: {ms} ms")
    return timecode.nearest_frame(ms, rate)


def caption_frames(captions: list[Caption], rate: Fraction) -> list[tuple[int, int]]:
    """(first frame, first frame after) of each caption; at least one frame long."""
    spans = []
    for c in captions:
        start = nearest_frame(c.start_ms, rate)
        spans.append((start, max(nearest_frame(c.end_ms, rate), start + 1)))
    return spans
