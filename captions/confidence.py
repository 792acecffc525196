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
# (ms) and the share starting within 1 s of the word (3,342 captions of three calls).
TEXT_DISTANCE_MS = (1000, 2000, 4000, 8000, 15000, 30000)
TEXT_EXPECTED_ERROR_MS = (345, 727, 770, 973, 1192, 1259, 1334)
TEXT_ON_TIME = (0.97, 0.77, 0.75, 0.63, 0.54, 0.47, 0.43)
# Heard in the recording: the same figures for the 42 captions of tests/data/audio timed from
# audio (benchmarks/confidence_relation.py --audio; Apollo 11's noisy radio included). A
# word-timed source is trusted as much: its times come from a forced aligner or recogniser too,
# and no bench holds one with a truth to measure.
AUDIO_EXPECTED_ERROR_MS = 450
AUDIO_ON_TIME = 0.86


class Confidence(NamedTuple):
    """One caption's confidence. ``timing``: "audio", "words", "text", or "none" for a caption
    with no timed words (read from a file); ``stamp_distance_ms``: from its first matched word
    to the nearest stamp (text timing only, None when the transcript has no stamp)."""

    score: float
    timing: str
    on_time: float
    expected_error_ms: int
    stamp_distance_ms: int | None
    unmatched: tuple[str, ...]
    breaches: tuple[str, ...]

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
    out = []
    for caption, broken, is_hard in zip(captions, breaches, hard):
        timing, on_time, error, distance = _timing(caption, times, trusted)
        unmatched = tuple(w.text for w in caption.words if not w.matched)
        found = 1 - len(unmatched) / len(caption.words) if caption.words else 1.0
        score = 0.0 if is_hard else round(on_time * found, 4)
        out.append(Confidence(score, timing, on_time, error, distance, unmatched, tuple(broken)))
    return out


def _timing(caption: Caption, times: list[int], trusted: list[tuple[int, bool]]):
    """(source, on_time, expected error ms, distance to the nearest stamp ms) of the start."""
    first = next((w for w in caption.words if w.matched), caption.words[0] if caption.words else None)
    if first is None:
        return "none", TEXT_ON_TIME[-1], TEXT_EXPECTED_ERROR_MS[-1], None
    if first.timed_by == "audio":
        return "audio", AUDIO_ON_TIME, AUDIO_EXPECTED_ERROR_MS, None
    k = bisect_left(times, first.start_ms)
    near = [(abs(first.start_ms - times[j]), trusted[j][1]) for j in (k - 1, k) if 0 <= j < len(times)]
    if not near:
        return "text", TEXT_ON_TIME[-1], TEXT_EXPECTED_ERROR_MS[-1], None
    distance, exact = min(near)
    if exact and distance == 0 and first.matched:
        return "words", AUDIO_ON_TIME, AUDIO_EXPECTED_ERROR_MS, None
    step = distance_bin(distance)
    return "text", TEXT_ON_TIME[step], TEXT_EXPECTED_ERROR_MS[step], distance


def distance_bin(distance_ms: int) -> int:
    """Which bin of ``TEXT_DISTANCE_MS`` a distance falls in: 0 under the first edge."""
    return bisect_left(TEXT_DISTANCE_MS, distance_ms + 1)
