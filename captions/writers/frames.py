"""Frames and timecode for the writers that count frames (FCPXML, SCC, EBU-STL).

Each caption edge goes to its nearest frame of the delivery rate (a caption lasts at least one
frame); a frame's number becomes SMPTE timecode, non-drop (every second counts the whole rate
above the NTSC rate: 30 at 29.97) or drop-frame (``;``: at 29.97 the frame numbers 00 and 01
of every minute but each tenth are skipped, 4 numbers at 59.94), so that drop-frame timecode
stays on the wall clock over any length: 10 minutes are 17982 frames, labelled 00:10:00;00.
Arithmetic is on integers and exact fractions, so nothing drifts over hours.
"""
from __future__ import annotations

import math
from fractions import Fraction

from ..errors import OutputError
from ..model import Caption
from ..timecode import frame_rate, split_time


def delivery_rate(fps: float, fmt: str) -> Fraction:
    """The exact rate for ``fps``; OutputError naming ``fmt`` for a rate that is no rate."""
    try:
        return frame_rate(fps)
    except ValueError as exc:
        raise OutputError(f"{fmt} needs a frame rate: {exc}") from None


def nearest_frame(ms: int, rate: Fraction) -> int:
    if ms < 0:
        raise OutputError(f"a caption time cannot be negative here: {ms} ms")
    return math.floor(ms * rate / 1000 + Fraction(1, 2))


def frame_ms(frame: int, rate: Fraction) -> int:
    """Where a frame starts, in whole ms rounded up (a reader that rounds finds the frame)."""
    return math.ceil(frame * 1000 / rate)


def caption_frames(captions: list[Caption], rate: Fraction) -> list[tuple[int, int]]:
    """(first frame, first frame after) of each caption; at least one frame long."""
    spans = []
    for c in captions:
        start = nearest_frame(c.start_ms, rate)
        spans.append((start, max(nearest_frame(c.end_ms, rate), start + 1)))
    return spans


def can_drop(rate: Fraction) -> bool:
    """Drop-frame timecode exists for 29.97 and 59.94 fps."""
    return rate.denominator == 1001 and math.ceil(rate) % 30 == 0


def timecode(frame: int, rate: Fraction, drop: bool = False) -> str:
    """Frame number ``frame`` as ``hh:mm:ss:ff``, or drop-frame ``hh:mm:ss;ff``."""
    h, m, s, ff = timecode_fields(frame, rate, drop)
    return f"{h:02d}:{m:02d}:{s:02d}{';' if drop else ':'}{ff:02d}"


def timecode_fields(frame: int, rate: Fraction, drop: bool = False) -> tuple[int, int, int, int]:
    """(hours, minutes, seconds, frames) of frame number ``frame``'s timecode."""
    nominal = math.ceil(rate)
    if drop:
        if not can_drop(rate):
            raise OutputError(f"drop-frame timecode is for 29.97 and 59.94 fps, not {float(rate):g}")
        dropped = nominal // 15                            # 2 at 29.97, 4 at 59.94
        per_minute = 60 * nominal - dropped
        per_ten = 10 * per_minute + dropped                # the tenth minute keeps its numbers
        tens, rest = divmod(frame, per_ten)
        frame += 9 * dropped * tens
        if rest >= dropped:
            frame += dropped * ((rest - dropped) // per_minute)
    return split_time(frame, nominal)
