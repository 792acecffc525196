"""Times as text and frames: the one place a time is parsed or written, and captions moved onto
an editor's timeline and its frame grid.

Every clock a file or message uses is here, one function a form: `clock_ms` reads the clocks of
Rev stamps and caption cues; `vtt_time`, `srt_time`, `sbv_time`, `ass_time` and `hms_time` write
them; `smpte_time` writes frame timecode and `parse_offset` reads it (and seconds and clocks).

An editor's timeline rarely starts at zero (DaVinci Resolve starts at 01:00:00:00), so captions
timed from the recording need an offset; and an editor places captions on whole frames, so a
caption edge between two frames moves when it is imported. Snapping here, with the caption rules
in view, keeps the gaps and durations the rules asked for instead of leaving it to the importer.

Frame rates written 23.976, 29.97, 59.94 mean the NTSC rates 24000/1001, 30000/1001,
60000/1001; arithmetic on frames is exact (fractions) and a frame boundary becomes whole
milliseconds by rounding up, so a reader that floors or rounds milliseconds to frames finds the
same frame.
"""
from __future__ import annotations

import math
import re
from dataclasses import replace
from fractions import Fraction

from .model import Caption
from .rules import CaptionRules

_SECONDS = re.compile(r"(\d+(?:\.\d*)?|\.\d+)")
_CLOCK = re.compile(r"(\d+):(\d\d):(\d\d)(?:[.,](\d{1,3}))?")
_TIMECODE = re.compile(r"(\d+):(\d\d):(\d\d)([:;])(\d\d)")
MAX_FPS = 240
# Past any real recording: a time beyond this is a typo or a bad file, refused rather than written
# (SRT's clock has two digits of hours).
MAX_TIME_MS = 100 * 3600 * 1000
OFFSET_FORMS = "seconds (3600, -2.5), hh:mm:ss.mmm (01:00:00.000) or timecode hh:mm:ss:ff (01:00:00:00)"


def split_time(count: int, per_second: int = 1000) -> tuple[int, int, int, int]:
    """(hours, minutes, seconds, rest) of a time counted in 1/per_second units (milliseconds,
    centiseconds, frames): the one place times are cut into fields, so none shows a 60. No clock
    shows a negative time: ValueError."""
    if count < 0:
        unit = "ms" if per_second == 1000 else f"1/{per_second} s"
        raise ValueError(f"a time cannot be negative: {count} {unit}")
    seconds, rest = divmod(count, per_second)
    minutes, seconds = divmod(seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return hours, minutes, seconds, rest


def vtt_time(ms: int) -> str:
    """Integer milliseconds to `hh:mm:ss.mmm` (WebVTT's and TTML's clock, and how messages show a time);
    never a 60 in the seconds place."""
    h, m, s, ms = split_time(ms)
    return f"{h:02d}:{m:02d}:{s:02d}.{ms:03d}"


def srt_time(ms: int) -> str:
    """Integer milliseconds to SRT's ``hh:mm:ss,mmm``."""
    h, m, s, ms = split_time(ms)
    return f"{h:02d}:{m:02d}:{s:02d},{ms:03d}"


def sbv_time(ms: int) -> str:
    """Integer milliseconds to YouTube SBV's ``h:mm:ss.mmm`` (hours not padded)."""
    h, m, s, ms = split_time(ms)
    return f"{h:d}:{m:02d}:{s:02d}.{ms:03d}"


def ass_time(ms: int) -> str:
    """Integer milliseconds to ASS's ``h:mm:ss.cc``, rounded to the centisecond (the format's
    step), so a time 5 ms before the next centisecond is not floored a whole step early."""
    if ms < 0:                 # -4 ms would round to 0 cs: refuse it as every clock does
        raise ValueError(f"a time cannot be negative: {ms} ms")
    h, m, s, cs = split_time((ms + 5) // 10, 100)
    return f"{h:d}:{m:02d}:{s:02d}.{cs:02d}"


def hms_time(ms: int) -> str:
    """Integer milliseconds to ``hh:mm:ss``, the milliseconds dropped: how Rev stamps and
    progress messages show a time."""
    h, m, s, _ = split_time(ms)
    return f"{h:02d}:{m:02d}:{s:02d}"


def clock_ms(stamp: str) -> int:
    """A clock with one to three fields and an optional fraction after ``.`` or ``,``
    (``1:02:03``, ``02:03.5``, ``00:00:01,000``) in milliseconds: the fields are hours, minutes
    and seconds from the right; the fraction is read to milliseconds. The caller's pattern has
    already matched the form, so this never fails on the text it is given."""
    main, _, fraction = stamp.replace(",", ".").partition(".")
    seconds = 0
    for part in main.split(":"):
        seconds = seconds * 60 + int(part)
    return seconds * 1000 + int(fraction.ljust(3, "0")[:3])


def frame_rate(fps: float) -> Fraction:
    """The exact rate: 29.97 and the like are the NTSC rates n*1000/1001, others as given."""
    if not (math.isfinite(fps) and 0 < fps <= MAX_FPS):
        raise ValueError(f"fps must be above 0 and at most {MAX_FPS}, not {fps}")
    nominal = round(fps)
    if nominal != fps and abs(fps - nominal * 1000 / 1001) < 0.005:
        return Fraction(nominal * 1000, 1001)
    return Fraction(fps)


def parse_offset(text: str, fps: float) -> int:
    """Milliseconds (negative with a leading '-') from seconds, hh:mm:ss(.mmm) or SMPTE timecode
    hh:mm:ss:ff at ``fps`` (hh:mm:ss;ff is drop-frame timecode at 29.97 or 59.94); at most
    `MAX_TIME_MS` either way."""
    ms = _parse_offset(text, fps)
    if abs(ms) > MAX_TIME_MS:
        raise ValueError(f"offset {text.strip()[:40]!r} is more than {MAX_TIME_MS // 3_600_000} hours, "
                         "longer than any recording")
    return ms


def _parse_offset(text: str, fps: float) -> int:
    body = text.strip()
    sign = -1 if body.startswith("-") else 1
    if body.startswith(("+", "-")):
        body = body[1:]
    if m := _SECONDS.fullmatch(body):
        return sign * round(Fraction(m[1]) * 1000)
    if m := _CLOCK.fullmatch(body):
        h, mi, s = int(m[1]), int(m[2]), int(m[3])
        if mi < 60 and s < 60:
            return sign * (((h * 60 + mi) * 60 + s) * 1000 + int((m[4] or "0").ljust(3, "0")))
    elif m := _TIMECODE.fullmatch(body):
        return sign * _timecode_ms(int(m[1]), int(m[2]), int(m[3]), int(m[5]), m[4] == ";", text, fps)
    raise ValueError(f"bad offset {text!r}: use {OFFSET_FORMS}")


def _timecode_ms(h: int, mi: int, s: int, ff: int, drop: bool, text: str, fps: float) -> int:
    rate = frame_rate(fps)
    nominal = math.ceil(rate)                  # frames a timecode second counts: 30 at 29.97
    if mi >= 60 or s >= 60 or ff >= nominal:
        raise ValueError(f"bad timecode {text!r}: minutes and seconds 00-59, frames 00-{nominal - 1} at {fps} fps")
    frames = ((h * 60 + mi) * 60 + s) * nominal + ff
    if drop:
        # Drop-frame timecode skips the first 2 (at 59.94: 4) frame numbers of every minute but
        # each tenth, so its clock keeps up with the 1000/1001 rate.
        dropped = nominal // 15
        if not can_drop(rate):
            raise ValueError(f"bad timecode {text!r}: drop-frame (';') is for 29.97 and 59.94 fps, not {fps}")
        if s == 0 and ff < dropped and mi % 10:
            raise ValueError(f"bad timecode {text!r}: drop-frame timecode has no frame {ff:02d} at minute {mi:02d}")
        minutes = h * 60 + mi
        frames -= dropped * (minutes - minutes // 10)
    return frame_ms(frames, rate)


def frame_ms(frame: int, rate: Fraction) -> int:
    """Where a frame starts, in whole milliseconds (rounded up, so a reader that rounds or floors
    milliseconds to frames finds the frame)."""
    return math.ceil(frame * 1000 / rate)


def nearest_frame(ms: int, rate: Fraction) -> int:
    """The number of the frame nearest to ``ms`` (half a frame rounds up)."""
    return math.floor(ms * rate / 1000 + Fraction(1, 2))


def can_drop(rate: Fraction) -> bool:
    """Drop-frame timecode exists for 29.97 and 59.94 fps."""
    return rate.denominator == 1001 and math.ceil(rate) % 30 == 0


def smpte_time(frame: int, rate: Fraction, drop: bool = False) -> str:
    """Frame number ``frame`` as SMPTE timecode ``hh:mm:ss:ff``, or drop-frame ``hh:mm:ss;ff``."""
    h, m, s, ff = smpte_fields(frame, rate, drop)
    return f"{h:02d}:{m:02d}:{s:02d}{';' if drop else ':'}{ff:02d}"


def smpte_fields(frame: int, rate: Fraction, drop: bool = False) -> tuple[int, int, int, int]:
    """(hours, minutes, seconds, frames) of frame number ``frame``'s timecode: non-drop counts
    the whole rate above an NTSC rate (30 at 29.97); drop-frame skips the frame numbers
    `_timecode_ms` skips, so it stays on the wall clock. ValueError for drop-frame at a rate
    that has none."""
    nominal = math.ceil(rate)
    if drop:
        if not can_drop(rate):
            raise ValueError(f"drop-frame timecode is for 29.97 and 59.94 fps, not {float(rate):g}")
        dropped = nominal // 15                            # 2 at 29.97, 4 at 59.94
        per_minute = 60 * nominal - dropped
        per_ten = 10 * per_minute + dropped                # the tenth minute keeps its numbers
        tens, rest = divmod(frame, per_ten)
        frame += 9 * dropped * tens
        if rest >= dropped:
            frame += dropped * ((rest - dropped) // per_minute)
    return split_time(frame, nominal)


def snap_to_frames(ms: int, fps: float) -> int:
    """The start of the frame nearest to ``ms``, in whole milliseconds."""
    rate = frame_rate(fps)
    return frame_ms(nearest_frame(ms, rate), rate)


def snap_captions(captions: list[Caption], rules: CaptionRules) -> list[Caption]:
    """Captions with starts and ends on frames of ``rules.fps``, in order, ``rules.min_gap_frames``
    apart and each at least as many frames as ``rules.min_duration_ms`` needs (or as it had, if
    less; at least one).

    Each edge goes to its nearest frame; where that closes a gap, the earlier caption ends sooner
    if it can spare the frames, else the later one starts later. The rules are kept in frames, as
    editors and QC count them: in milliseconds a gap or duration may show 1 ms under the rule's
    value (two frames at 24 fps are 83 or 84 ms apart, by where they fall).
    """
    rate = frame_rate(rules.fps)
    spans: list[list[int]] = []               # start frame, end frame, fewest frames allowed
    for k, c in enumerate(captions):
        if c.end_ms <= c.start_ms or (k and c.start_ms < captions[k - 1].start_ms):
            raise ValueError(f"caption {k + 1} is out of time order or has no duration "
                             f"({c.start_ms} -> {c.end_ms} ms)")
        start = nearest_frame(c.start_ms, rate)
        if spans:
            prev = spans[-1]
            if start - prev[1] < rules.min_gap_frames:
                prev[1] = max(prev[0] + prev[2], start - rules.min_gap_frames)
            start = max(start, prev[1] + rules.min_gap_frames)
        fewest = frames_lasting(min(rules.min_duration_ms, c.end_ms - c.start_ms), rate)
        spans.append([start, max(nearest_frame(c.end_ms, rate), start + fewest), fewest])
    return [replace(c, start_ms=frame_ms(s, rate), end_ms=frame_ms(e, rate))
            for c, (s, e, _) in zip(captions, spans)]


def frames_lasting(ms: int, rate: Fraction) -> int:
    """Fewest frames (at least one) lasting ``ms``, allowing for the rounding of frame starts to
    whole milliseconds: 20 frames for 834 ms at 24 fps (5/6 s), 21 at 25 fps."""
    return max(1, math.floor((ms - 1) * rate / 1000) + 1)
