"""How much to trust each caption: where its time came from, how far it may be off, which of
its words the transcript does not have, and which caption rules it breaks.

A caption's start is its first matched word's time, and that time came from one of three
places: heard in the recording (``--audio``), given by a word-timed source (every word stamped:
Whisper or word-list JSON, captions to retime), or placed by the text timing model between the
transcript's stamps. Text timing is exact at a stamp and drifts away from it: the bench
(docs/confidence.md, ``benchmarks/confidence_relation.py``) measured how far captions start from
when their first word is said, by the distance from that word to the nearest stamp. Each
caption gets that measured expected error and the measured chance that it starts within a
second of speech (``on_time``, the bench's sync@1.0).

With a recording, where a caption stands in it matters as much (``recording``): a caption heard
among heard captions is almost always on time; one heard beside captions the recording could
not time sits where the aligner lost or found its place, and is off more often; a caption the
recording could not time is timed from the text in a stretch the aligner could not follow
(music, noise, crosstalk, words the transcript does not have), harder than text timing on
average. Each is measured on the bench's calls with recordings made for them
(`benchmarks/bench_recordings.py`).

Words of the clean text with no counterpart in the transcript (an editor's words, or words the
alignment could not find) are text no one heard said as written. ``score`` is the chance the
caption needs no fix: ``on_time`` times the share of its words found in the transcript, and 0
when it breaks a hard rule (it cannot be delivered as it is). The review queue lists captions
by ``score``, lowest first.
"""
from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from typing import NamedTuple

from .check import check_captions
from .model import Anchor, Caption
from .rules import CaptionRules

# Text timing, measured on the bench by benchmarks/confidence_relation.py: for captions whose
# first matched word lies under each distance (ms) from the nearest stamp, the mean |start error|
# (ms) and the share starting within 1 s of the word (3,317 captions of the bench's three calls;
# a bin whose sample broke the order pooled with its neighbour: an error cannot shrink with distance).
TEXT_DISTANCE_MS = (1000, 2000, 4000, 8000, 15000, 30000)
TEXT_EXPECTED_ERROR_MS = (400, 723, 723, 993, 1184, 1359, 1359)
TEXT_ON_TIME = (0.94, 0.77, 0.76, 0.63, 0.53, 0.46, 0.44)
# With a recording (the same calls with recordings made for them, benchmarks/bench_recordings.py):
# the 335 captions the recording could not time, by the same distances (heard words count as
# stamps) ...
UNHEARD_EXPECTED_ERROR_MS = (489, 1250, 1583, 1583, 1583, 1583, 1583)
UNHEARD_ON_TIME = (0.91, 0.68, 0.58, 0.51, 0.50, 0.50, 0.33)
# ... the 2,760 heard among heard captions, and the 134 heard beside captions it could not time.
# A word-timed source is trusted as heard: its times come from a forced aligner or recogniser
# too, and no bench holds one with a truth to measure.
HEARD_EXPECTED_ERROR_MS, HEARD_ON_TIME = 130, 0.99
BESIDE_UNHEARD_EXPECTED_ERROR_MS, BESIDE_UNHEARD_ON_TIME = 536, 0.95


class Confidence(NamedTuple):
    """One caption's confidence. ``timing``: "audio", "words", "text", or "none" for a caption
    with no timed words (read from a file); ``stamp_distance_ms``: from its first matched word
    to the nearest stamp (text timing only, None when the transcript has no stamp);
    ``recording``: None without one, else "heard" (heard among heard captions),
    "beside-unheard" (heard, next to words the recording could not time) or "unheard"."""

    score: float
    timing: str
    on_time: float
    expected_error_ms: int
    stamp_distance_ms: int | None
    unmatched: tuple[str, ...]
    breaches: tuple[str, ...]
    recording: str | None = None

    def as_dict(self) -> dict:
        return self._asdict() | {"unmatched": list(self.unmatched), "breaches": list(self.breaches)}


def assess(captions: Sequence[Caption], rules: CaptionRules, anchors: Sequence[Anchor] = (),
           tolerance_ms: int = 0) -> list[Confidence]:
    """The confidence of every caption. ``anchors``: the stamps of the transcript the words were
    timed from (the heard transcript's with ``--audio``); ``tolerance_ms`` as for
    `captions.check.check_captions` (1 when edges were snapped to frames)."""
    trusted = sorted((a.time_ms + a.resolution_ms // 2, a.resolution_ms == 1) for a in anchors if a.trusted)
    times = [t for t, _ in trusted]
    breaches: list[list[str]] = [[] for _ in captions]
    hard = [False] * len(captions)
    for b in check_captions(list(captions), rules, tolerance_ms):
        breaches[b.cue - 1].append(b.rule)
        hard[b.cue - 1] |= b.hard
    all_heard = [bool(c.words) and all(w.timed_by == "audio" for w in c.words) for c in captions]
    with_recording = any(w.timed_by == "audio" for c in captions for w in c.words)
    out = []
    for k, (caption, broken, is_hard) in enumerate(zip(captions, breaches, hard)):
        timing, on_time, error, distance = _timing(caption, times, trusted, with_recording)
        recording = None
        if with_recording:
            recording = "unheard" if timing != "audio" else \
                "heard" if all(all_heard[max(0, k - 1):k + 2]) else "beside-unheard"
            if recording == "beside-unheard":
                on_time, error = BESIDE_UNHEARD_ON_TIME, BESIDE_UNHEARD_EXPECTED_ERROR_MS
        unmatched = tuple(w.text for w in caption.words if not w.matched)
        found = 1 - len(unmatched) / len(caption.words) if caption.words else 1.0
        score = 0.0 if is_hard else round(on_time * found, 4)
        out.append(Confidence(score, timing, on_time, error, distance, unmatched, tuple(broken), recording))
    return out


def _timing(caption: Caption, times: list[int], trusted: list[tuple[int, bool]], with_recording: bool):
    """(source, on_time, expected error ms, distance to the nearest stamp ms) of the start."""
    on_time_table, error_table = (UNHEARD_ON_TIME, UNHEARD_EXPECTED_ERROR_MS) if with_recording else \
        (TEXT_ON_TIME, TEXT_EXPECTED_ERROR_MS)
    first = next((w for w in caption.words if w.matched), caption.words[0] if caption.words else None)
    if first is None:
        return "none", on_time_table[-1], error_table[-1], None
    if first.timed_by == "audio":
        return "audio", HEARD_ON_TIME, HEARD_EXPECTED_ERROR_MS, None
    k = bisect_left(times, first.start_ms)
    near = [(abs(first.start_ms - times[j]), trusted[j][1]) for j in (k - 1, k) if 0 <= j < len(times)]
    if not near:
        return "text", on_time_table[-1], error_table[-1], None
    distance, exact = min(near)
    if exact and distance == 0 and first.matched and not with_recording:
        return "words", HEARD_ON_TIME, HEARD_EXPECTED_ERROR_MS, None
    step = distance_bin(distance)
    return "text", on_time_table[step], error_table[step], distance


def distance_bin(distance_ms: int) -> int:
    """Which bin of ``TEXT_DISTANCE_MS`` a distance falls in: 0 under the first edge."""
    return bisect_left(TEXT_DISTANCE_MS, distance_ms + 1)
