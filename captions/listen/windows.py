"""The recording cut into windows: a window from each trusted stamp to the next, and each
window's samples as decoding reaches its end, holding only what open windows need."""
from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..errors import InputError
from ..media import SAMPLE_RATE, iter_samples
from ..model import Transcript
from .settings import SETTINGS, ListenSettings

Span = tuple[int, int]       # a heard word's start and end, absolute ms


@dataclass(frozen=True, slots=True)
class Window:
    """Transcript words ``first:end``, said between ``start_ms`` and ``end_ms`` (None: to the end)."""

    index: int
    first: int
    end: int
    start_ms: int
    end_ms: int | None


@dataclass(frozen=True, slots=True)
class HeardWindow:
    """What the aligner made of one window: per word its (start, end) in ms, None where not heard."""

    window: Window
    times: tuple[Span | None, ...]
    score: float | None          # mean acoustic log-score a word frame, for comparing windows
    problem: str = ""            # why the window, or some of its sentences, kept text timing

    @property
    def heard(self) -> bool:
        return any(self.times)


@dataclass(frozen=True, slots=True)
class Hearing:
    """The transcript retimed from the audio, which of its words were heard, and each window's fate."""

    transcript: Transcript
    heard_words: frozenset[int]          # indices into ``transcript.words``
    windows: tuple[HeardWindow, ...]
    duration_ms: int
    warnings: tuple[str, ...]


def windows_of(transcript: Transcript, settings: ListenSettings = SETTINGS) -> list[Window]:
    """A window from each trusted stamp to the next (joined up to ``settings.min_window_ms``), the
    first from the start of the recording when words come before the first stamp."""
    n = len(transcript.words)
    stamps = sorted({(a.word, a.time_ms) for a in transcript.anchors if a.trusted and a.word < n})
    if not stamps or stamps[0][0] > 0:
        stamps.insert(0, (0, 0))
    kept = [stamps[0]]
    for word, time_ms in stamps[1:]:
        if word > kept[-1][0] and time_ms - kept[-1][1] >= settings.min_window_ms:
            kept.append((word, time_ms))
    out = []
    for k, (word, time_ms) in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        out.append(Window(k, word, nxt[0] if nxt else n, time_ms, nxt[1] + settings.end_pad_ms if nxt else None))
    return out


class WindowCutter:
    """Each window's samples as decoding reaches its end, holding only what open windows need;
    afterwards ``decoded_ms`` is the length decoded."""

    def __init__(self, media: str, windows: list[Window]):
        self.media = media
        self.windows = windows
        self.decoded_ms = 0

    def __iter__(self) -> Iterator[tuple[Window, object]]:
        import numpy

        rate, windows = SAMPLE_RATE, self.windows
        blocks: list = []
        held_from = 0            # sample index of the first sample held
        held = 0                 # samples held
        k = 0
        for block in iter_samples(self.media):
            blocks.append(block)
            held += len(block)
            while k < len(windows) and windows[k].end_ms is not None and \
                    held_from + held >= windows[k].end_ms * rate // 1000:
                samples = numpy.concatenate(blocks) if len(blocks) > 1 else blocks[0]
                yield windows[k], _cut(samples, held_from, windows[k], rate)
                k += 1
                keep_from = windows[k].start_ms * rate // 1000 if k < len(windows) else held_from + held
                drop = min(max(0, keep_from - held_from), len(samples))
                blocks, held_from, held = [samples[drop:]], held_from + drop, len(samples) - drop
        samples = numpy.concatenate(blocks) if blocks else numpy.empty(0, numpy.int16)
        self.decoded_ms = (held_from + held) * 1000 // rate
        if self.decoded_ms == 0:
            raise InputError("the recording has no audio samples", self.media)
        for window in windows[k:]:
            yield window, _cut(samples, held_from, window, rate)


def _cut(samples, held_from: int, window: Window, rate: int):
    start = max(0, window.start_ms * rate // 1000 - held_from)
    end = len(samples) if window.end_ms is None else max(start, window.end_ms * rate // 1000 - held_from)
    return samples[start:end]


