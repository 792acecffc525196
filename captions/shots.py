"""Shot changes: find them in a video or read them from a list, and time captions around them.

Netflix's Subtitle Timing Guidelines (Partner Help Center, "Timed Text Style Guide: Subtitle
Timing Guidelines", section 2, written for 24 fps where half a second is 12 frames) ask that a
caption sit inside the edit: it starts on a cut or at least half a second before one, ends two
frames before a cut or at least half a second after it, and never flashes across one for a few
frames. `snap_to_shots` applies that as one pure step over captions; `check_shots` reports
what breaks it; `detect_shots` and `read_shots` give the cuts.

A cut is the time (integer ms) of the first frame of the new shot. An edge is compared with a
cut in frames of the rules' rate, as editors and QC count them.

Detector (`detect_shots`): every frame is decoded by PyAV (FFmpeg's decoders, deblocking
skipped: a cut does not need it) and each of its Y, U and V planes sampled on a grid of about
120 rows, read straight from the decoded planes (no scaling). A frame's score is the mean
absolute difference of those samples from the previous frame's, averaged over the three planes
(0-255; chroma counts as much as brightness, so a cut between two shots of equal brightness
shows). A frame starts a new shot when its score is at least ``threshold`` and at least
``ratio`` times the mean score of the ``window`` frames before it (so a pan or a shaky camera,
whose every frame differs, does not cut), and the shot before has lasted ``min_shot_ms``. This
is the adaptive content test PySceneDetect's ``AdaptiveDetector`` makes, on YUV samples.
"""
from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from fractions import Fraction
from pathlib import Path

from .check import Breach
from .readers.decoding import read_text_file
from .errors import InputError
from .media import open_media
from .model import Caption
from .rules import CaptionRules
from .timecode import frame_ms, frame_rate, frames_lasting, nearest_frame, parse_offset

# ---------------------------------------------------------------------------------------------
# The rules


@dataclass(frozen=True, slots=True)
class ShotRules:
    """How captions meet shot changes, in frames (Netflix's numbers at 24 fps; `for_fps` scales
    them, as the guidelines ask, keeping the 2-frame gap at every rate).

    - ``snap_frames``: an in-time this close to a cut (before or after it) moves onto the cut;
      an out-time up to this far after a cut moves back to ``gap_frames`` before it (the red zone,
      1-7 frames at 24 fps).
    - ``min_cross_frames``: a caption that crosses a cut stays at least this long on each side of
      it (half a second, 12 frames at 24 fps): an in-time 8-11 frames before a cut moves to 12
      before it, an out-time 8-11 frames after one to 12 after it; an out-time up to this far
      before a cut is extended to ``gap_frames`` before it.
    - ``gap_frames``: the frames an out-time keeps before a cut (2, like the gap between captions).
    """

    snap_frames: int = 7
    min_cross_frames: int = 12
    gap_frames: int = 2

    def __post_init__(self) -> None:
        for name in ("snap_frames", "min_cross_frames", "gap_frames"):
            value = getattr(self, name)
            if not isinstance(value, int) or isinstance(value, bool) or value < 0:
                raise ValueError(f"{name} must be a whole number of frames >= 0, not {value!r}")
        if self.snap_frames >= self.min_cross_frames:
            raise ValueError("snap_frames must be below min_cross_frames")

    @classmethod
    def for_fps(cls, fps: float, **overrides: int) -> ShotRules:
        """Netflix's 24 fps numbers at ``fps`` (30 fps: 9 and 15 frames), then ``overrides``."""
        scale = float(frame_rate(fps)) / 24
        base = cls(snap_frames=max(1, round(7 * scale)), min_cross_frames=max(2, round(12 * scale)))
        return replace(base, **overrides)


@dataclass(frozen=True, slots=True)
class ShotMove:
    """One caption edge moved for a cut: ``cue`` is 1-based, ``edge`` "start" or "end"."""

    cue: int
    edge: str
    from_ms: int
    to_ms: int
    cut_ms: int
    reason: str

    @property
    def by_ms(self) -> int:
        return self.to_ms - self.from_ms

    def as_dict(self) -> dict:
        return {"cue": self.cue, "edge": self.edge, "from_ms": self.from_ms, "to_ms": self.to_ms,
                "by_ms": self.by_ms, "cut_ms": self.cut_ms, "reason": self.reason}


# ---------------------------------------------------------------------------------------------
# Snapping


def snap_to_shots(captions: list[Caption], cuts_ms: Iterable[int], rules: CaptionRules,
                  shot_rules: ShotRules | None = None) -> tuple[list[Caption], list[ShotMove]]:
    """Captions with their edges moved for the cuts, and the moves made, in order.

    In time order, each caption's start and then its end is compared with the cuts less than
    ``min_cross_frames`` away (`ShotRules` says where each edge goes for each; of the places
    allowed, the rules' first choice, then the nearest). A move is made only when the caption keeps the other
    rules: ``rules.min_gap_frames`` from its neighbours, ``rules.min_duration_ms`` (or what it
    had) and ``rules.max_duration_ms``, and a reading speed within ``rules.max_chars_per_second``
    if it was; and it never runs an edge over another cut. Where a start moves onto a cut, a
    caption before it that was chained (a gap of ``rules.chain_gap_ms`` or less) ends
    ``gap_frames`` before the cut, and one that ended too close to the new start ends sooner.
    Where an out-time cannot go back before a cut (too short, too fast) it goes to
    ``min_cross_frames`` after it, and the other way round. An edge that does not move keeps its
    exact time; a moved one is on a frame. Captions must be in order and not overlap.
    """
    rate = frame_rate(rules.fps)
    shot = shot_rules or ShotRules.for_fps(rules.fps)
    cuts = sorted({nearest_frame(c, rate) for c in cuts_ms if c > 0})
    n = len(captions)
    starts = [nearest_frame(c.start_ms, rate) for c in captions]
    ends = [nearest_frame(c.end_ms, rate) for c in captions]
    for k in range(1, n):
        if captions[k].start_ms < captions[k - 1].end_ms:
            raise ValueError(f"caption {k + 1} overlaps caption {k}")
    start_ms = [c.start_ms for c in captions]
    end_ms = [c.end_ms for c in captions]
    fewest = [frames_lasting(min(rules.min_duration_ms, c.end_ms - c.start_ms), rate) for c in captions]
    most = max(1, math.floor(rules.max_duration_ms * rate / 1000))
    chain = math.floor(rules.chain_gap_ms * rate / 1000)
    gap = rules.min_gap_frames
    chars = [len(" ".join(c.lines)) for c in captions]
    given = list(zip(starts, ends))
    moves: list[ShotMove] = []

    def too_fast(k: int, s: int, e: int) -> bool:
        return chars[k] > rules.max_chars_per_second * float((e - s) / rate)

    def keeps_rules(k: int, s: int, e: int) -> bool:
        """The caption k from frame s to e keeps the duration and reading-speed rules it kept."""
        if e - s < fewest[k] or (e - s > most and e - s > given[k][1] - given[k][0]):
            return False
        return not too_fast(k, s, e) or too_fast(k, *given[k])

    def clear_of_cuts(a: int, b: int, cut: int) -> bool:
        """No cut but ``cut`` in [a, b] (in either order)."""
        lo, hi = min(a, b), max(a, b)
        i = bisect.bisect_left(cuts, lo)
        return all(c == cut for c in cuts[i:bisect.bisect_right(cuts, hi)])

    def around(frame: int) -> list[int]:
        i = bisect.bisect_left(cuts, frame - shot.min_cross_frames)
        return cuts[i:bisect.bisect_right(cuts, frame + shot.min_cross_frames)]

    def good_start(frame: int) -> bool:
        return not any(_start_off(frame - c, shot) for c in around(frame))

    def good_end(s: int, frame: int) -> bool:
        return not any(_end_off(frame - c, shot) for c in around(frame) if c > s)

    def move(k: int, edge: str, frame: int, cut: int, reason: str) -> None:
        ms = frame_ms(frame, rate)
        if edge == "start":
            old, starts[k], start_ms[k] = start_ms[k], frame, ms
        else:
            old, ends[k], end_ms[k] = end_ms[k], frame, ms
        if ms != old:
            moves.append(ShotMove(k + 1, edge, old, ms, frame_ms(cut, rate), reason))

    def try_start(k: int, target: int, cut: int, reason: str) -> bool:
        """Move caption k's start to ``target`` if the rules allow, with the caption before it."""
        s, e = starts[k], ends[k]
        if not (clear_of_cuts(s, target, cut) and good_start(target) and keeps_rules(k, target, e)):
            return False
        if k == 0:
            move(k, "start", target, cut, reason)
            return True
        prev_end = ends[k - 1]
        if target - prev_end >= gap:
            move(k, "start", target, cut, reason)
            # A chained caption before follows the start to the cut.
            new_end = target - max(gap, shot.gap_frames)
            if (s - prev_end <= chain and new_end > prev_end
                    and clear_of_cuts(prev_end, new_end + shot.gap_frames - 1, -1)
                    and keeps_rules(k - 1, starts[k - 1], new_end) and good_end(starts[k - 1], new_end)):
                move(k - 1, "end", new_end, cut, "chained to the next caption")
            return True
        new_end = target - max(gap, shot.gap_frames if target == cut else 0)
        if (keeps_rules(k - 1, starts[k - 1], new_end) and clear_of_cuts(prev_end, new_end, cut)
                and good_end(starts[k - 1], new_end)):
            move(k - 1, "end", new_end, cut, "ends before the next caption's cut")
            move(k, "start", target, cut, reason)
            return True
        return False

    def try_end(k: int, target: int, cut: int, reason: str) -> bool:
        s, e = starts[k], ends[k]
        if (target > s and (k + 1 == n or starts[k + 1] - target >= gap)
                and clear_of_cuts(e, target + (shot.gap_frames if target > cut else 0), cut)
                and keeps_rules(k, s, target) and good_end(s, target)):
            move(k, "end", target, cut, reason)
            return True
        return False

    for k in range(n):
        # The start: onto a near cut, or half a second before one it would barely precede; of
        # the places the rules allow, the nearest.
        s = starts[k]
        near = around(s)
        if s not in near:
            options = [(c, "onto the cut", c) if abs(c - s) <= shot.snap_frames else
                       (c - shot.min_cross_frames, "before the cut", c) for c in near
                       if abs(c - s) <= shot.snap_frames or c > s]
            for target, reason, cut in sorted(options, key=lambda o: abs(o[0] - s)):
                if try_start(k, target, cut, reason):
                    break
        # The end: two frames before a near cut, or half a second past one it barely crosses.
        s, e = starts[k], ends[k]
        near = [c for c in around(e) if c > s]
        if any(e == c - shot.gap_frames for c in near):
            continue
        options = []            # (the rules' choice first, then the smaller move)
        for c in near:
            back = e - c <= shot.snap_frames
            options.append((not back, c - shot.gap_frames, "before the cut", c))
            if e > c - shot.gap_frames:
                options.append((back, c + shot.min_cross_frames, "past the cut", c))
        for _, target, reason, cut in sorted(options, key=lambda o: (o[0], abs(o[1] - e))):
            if try_end(k, target, cut, reason):
                break
    moves.sort(key=lambda m: (m.cue, m.edge != "start"))
    out = [replace(c, start_ms=a, end_ms=b) if (a, b) != (c.start_ms, c.end_ms) else c
           for c, a, b in zip(captions, start_ms, end_ms)]
    return out, moves


# ---------------------------------------------------------------------------------------------
# Checking


def check_shots(captions: list[Caption], cuts_ms: Iterable[int], rules: CaptionRules,
                shot_rules: ShotRules | None = None) -> list[Breach]:
    """Every caption edge that breaks the shot-change rules, as `captions.check.Breach`es of
    the soft rule ``shot_change`` (``value``: frames from the cut, negative before it):
    an in-time 1 to ``snap_frames`` from a cut or less than ``min_cross_frames`` before one; an
    out-time less than ``gap_frames`` before a cut, on it, or less than ``min_cross_frames``
    after it. An out-time further before a cut is allowed (extending it is a nicety)."""
    rate = frame_rate(rules.fps)
    shot = shot_rules or ShotRules.for_fps(rules.fps)
    cuts = sorted({nearest_frame(c, rate) for c in cuts_ms if c > 0})
    found: list[Breach] = []

    def near(frame: int) -> list[int]:
        i = bisect.bisect_left(cuts, frame - shot.min_cross_frames)
        return cuts[i:bisect.bisect_right(cuts, frame + shot.min_cross_frames)]

    for k, c in enumerate(captions):
        s, e = nearest_frame(c.start_ms, rate), nearest_frame(c.end_ms, rate)
        for cut in near(s):
            d = s - cut
            if _start_off(d, shot):
                where = f"{_frames(-d)} before" if d < 0 else f"{_frames(d)} after"
                found.append(Breach(k + 1, c.start_ms, "shot_change", d, 0,
                                    f"starts {where} a shot change (start on it, or "
                                    f"{shot.min_cross_frames} frames or more before it)"))
                break
        for cut in near(e):
            d = e - cut
            if _end_off(d, shot) and cut > s:
                where = "on" if d == 0 else f"{_frames(-d)} before" if d < 0 else f"{_frames(d)} after"
                found.append(Breach(k + 1, c.start_ms, "shot_change", d, -shot.gap_frames,
                                    f"ends {where} a shot change (end {shot.gap_frames} frames before it, "
                                    f"or {shot.min_cross_frames} or more after it)"))
                break
    return found


def _start_off(d: int, shot: ShotRules) -> bool:
    """An in-time ``d`` frames from a cut (negative: before it) breaks the rules."""
    return d != 0 and (abs(d) <= shot.snap_frames or -shot.min_cross_frames < d < 0)


def _end_off(d: int, shot: ShotRules) -> bool:
    """An out-time ``d`` frames from a cut it follows the start of breaks the rules."""
    return -shot.gap_frames < d < shot.min_cross_frames


def _frames(n: int) -> str:
    return f"{n} frame{'s' * (n != 1)}"


# ---------------------------------------------------------------------------------------------
# Shot lists from files

_TIMECODE = re.compile(r"\d+:\d\d:\d\d[:;.]\d\d")
_TC_ANY = re.compile(r"\d\d:\d\d:\d\d[:;.]\d\d")
_PTS_TIME = re.compile(r"pts_time:\s*(-?\d+(?:\.\d+)?)")
_EDL_EVENT = re.compile(r"\s*\d{3,6}\s+\S+\s+(\S+)\s+(?:C|D|W\d{3}|K\s*B?|KO?)\b")


def read_shots(path: str | Path, fps: float | None = None) -> list[int]:
    """Cut times (ms, sorted, without repeats or a cut at 0) from a shot list, by its content:

    - an FFmpeg scene list: the log of ``select='gt(scene,0.4)',showinfo`` or the file of
      ``metadata=print:file=...``; every ``pts_time:`` on a line is a cut;
    - an EDL (CMX 3600): each video event's record-in is a cut, counted from the first event's
      (``FCM: DROP FRAME`` or ``;`` reads drop-frame timecode);
    - otherwise a plain list, one time a line (blank lines and ``#`` comments skipped; the first
      field of a line is read): seconds (``12.345``, what Subtitle Edit's ``.shotchanges`` files
      hold), ``hh:mm:ss.mmm`` / ``hh:mm:ss,mmm``, or timecode ``hh:mm:ss:ff`` (``;ff``
      drop-frame), which needs ``fps``.
    InputError names the file and line of anything else."""
    name = str(path)
    text, _ = read_text_file(path, "text")
    lines = text.lstrip("\ufeff").splitlines()
    if _PTS_TIME.search(text):
        times = [round(float(m[1]) * 1000) for line in lines for m in [_PTS_TIME.search(line)] if m]
    elif any(_EDL_EVENT.match(line) and len(_TC_ANY.findall(line)) >= 4 for line in lines):
        times = _edl_times(lines, name, fps)
    else:
        times = _plain_times(lines, name, fps)
    return sorted({t for t in times if t > 0})


def _timecode_ms(text: str, fps: float | None, name: str, line: int, drop: bool = False) -> int:
    if fps is None and _TIMECODE.fullmatch(text):
        raise InputError(f"timecode {text!r} needs the frame rate (--fps)", name, line)
    if drop:
        text = text[:-3] + ";" + text[-2:]
    elif re.fullmatch(r"\d+:\d\d:\d\d\.\d\d", text):
        text = text[:-3] + ":" + text[-2:]     # some EDLs write hh:mm:ss.ff
    try:
        return parse_offset(text, fps or 24.0)
    except ValueError as exc:
        raise InputError(str(exc), name, line) from None


def _plain_times(lines: list[str], name: str, fps: float | None) -> list[int]:
    times = []
    for number, line in enumerate(lines, 1):
        field = line.split("#", 1)[0].strip().split()
        if not field:
            continue
        token = field[0].rstrip(",;")
        if token.startswith("-"):
            raise InputError(f"a shot change cannot be before the start: {token!r}", name, number)
        if re.fullmatch(r"\d+,\d+", token):
            token = token.replace(",", ".")      # a decimal comma
        if not re.fullmatch(r"\d+(?:\.\d*)?|\.\d+|\d+:\d\d:\d\d(?:[.,]\d{1,3}|[:;]\d\d)?", token):
            raise InputError(f"not a time: {token!r} (use seconds, hh:mm:ss.mmm or timecode hh:mm:ss:ff)",
                             name, number)
        times.append(_timecode_ms(token, fps, name, number))
    return times


def _edl_times(lines: list[str], name: str, fps: float | None) -> list[int]:
    drop = any(re.match(r"\s*FCM:\s*DROP", line, re.I) for line in lines)
    record_ins = []
    for number, line in enumerate(lines, 1):
        m = _EDL_EVENT.match(line)
        codes = _TC_ANY.findall(line)
        if not m or len(codes) < 4:
            continue
        if "V" not in m[1].upper() and m[1].upper() != "B":
            continue                     # an audio-only event: no picture cut
        record_ins.append(_timecode_ms(codes[2], fps, name, number, drop=drop and ";" not in codes[2]))
    if not record_ins:
        raise InputError("an EDL with no video events", name)
    start = min(record_ins)
    return [t - start for t in record_ins]


def find_shots(spec: str | Path, video: str | Path | None = None, fps: float | None = None,
               progress: Callable[[int, int | None], None] | None = None) -> list[int]:
    """The cuts ``--shots`` names: ``auto`` finds them in ``video``, anything else is a shot
    list (`read_shots`, timecodes at ``fps``)."""
    if str(spec).strip().lower() == "auto":
        if video is None:
            raise InputError("--shots auto needs the video: --video FILE, or --audio given a video file")
        return detect_shots(video, progress=progress)
    return read_shots(spec, fps)


# ---------------------------------------------------------------------------------------------
# Detection

_EIGHT_BIT_PLANAR = {"yuv420p", "yuvj420p", "yuv422p", "yuvj422p", "yuv444p", "yuvj444p", "gray"}
GRID_ROWS = 120


@dataclass(frozen=True, slots=True)
class Detector:
    """The detector's settings (see the module docstring)."""

    threshold: float = 12.0
    ratio: float = 3.0
    window: int = 8
    min_shot_ms: int = 400


def detect_shots(path: str | Path, detector: Detector = Detector(),
                 progress: Callable[[int, int | None], None] | None = None) -> list[int]:
    """Cut times (ms from the video's first frame) found in the first video stream of ``path``.
    ``progress(done_ms, total_ms)`` is called about once a second of video."""
    import av
    import numpy

    name = str(path)
    container = open_media(path, "video", "a video file")
    with container:
        stream = next((s for s in container.streams if s.type == "video"), None)
        if stream is None:
            raise InputError("has no video stream", name)
        stream.codec_context.options = {"skip_loop_filter": "all"}
        stream.thread_type = "AUTO"       # FFmpeg's frame and slice threads: every core decodes
        base = Fraction(stream.time_base) if stream.time_base else Fraction(1, 1000)
        total = int(stream.duration * base * 1000) if stream.duration else (
            container.duration // 1000 if container.duration else None)
        origin = None
        previous = None
        recent: list[float] = []
        cuts: list[int] = []
        last_cut = None
        next_report = 1000
        try:
            for frame in container.decode(stream):
                if frame.pts is None:
                    continue
                if origin is None:
                    origin = frame.pts
                ms = math.ceil((frame.pts - origin) * base * 1000)      # frame starts round up, as everywhere
                samples = _samples(frame, numpy)
                if previous is not None:
                    score = sum(float(numpy.abs(a - b).mean()) for a, b in zip(samples, previous)) / len(samples)
                    mean = sum(recent) / len(recent) if recent else 0.0
                    if (score >= detector.threshold and score >= detector.ratio * mean
                            and (last_cut is None or ms - last_cut >= detector.min_shot_ms)):
                        cuts.append(ms)
                        last_cut = ms
                    recent.append(score)
                    if len(recent) > detector.window:
                        recent.pop(0)
                elif last_cut is None:
                    last_cut = ms
                previous = samples
                if progress is not None and ms >= next_report:
                    progress(ms, total)
                    next_report = ms + 1000
        except av.FFmpegError as exc:
            raise InputError(f"the video cannot be decoded: {exc}", name) from None
    if origin is None:
        raise InputError("the video stream has no frames", name)
    return cuts


def _samples(frame, numpy) -> list:
    """The frame's Y, U, V (or grey) planes sampled on a grid of about GRID_ROWS rows, as int16."""
    if frame.format.name not in _EIGHT_BIT_PLANAR:
        step = max(1, frame.height // GRID_ROWS)
        frame = frame.reformat(width=max(1, frame.width // step), height=max(1, frame.height // step),
                               format="yuv444p")
    out = []
    for plane in frame.planes[:3]:
        rows = numpy.frombuffer(plane, numpy.uint8).reshape(-1, plane.line_size)
        step = max(1, plane.height // GRID_ROWS)
        out.append(rows[:plane.height:step, :plane.width:step].astype(numpy.int16))
    return out
