"""A recording's waveform for the review page: the loudest sample of each 20 ms, one byte each.

Decoded by `captions.media` exactly as ``--audio`` hears it (first audio stream, mono, 16 kHz), so
the page shows the sound the word times were found in. 50 peaks a second draw a word's onset to
a frame at 24-50 fps, and keep a 92-minute recording at 276 KB (368 KB in the page as base64).
Blocks are reduced as they arrive: a long recording is never held whole.
"""
from __future__ import annotations

import base64
from dataclasses import dataclass
from pathlib import Path

from .media import SAMPLE_RATE, iter_samples, require_audio_extra

PEAKS_PER_SECOND = 50


@dataclass(frozen=True, slots=True)
class Waveform:
    """``peaks[k]`` (0-255, the recording's loudest sample is 255) is the loudest sample of
    [k, k+1) / ``rate`` seconds; ``duration_ms`` the decoded length."""

    peaks: bytes
    rate: int
    duration_ms: int

    def as_dict(self) -> dict:
        return {"peaks": base64.b64encode(self.peaks).decode("ascii"), "rate": self.rate,
                "duration_ms": self.duration_ms}


def waveform(path: str | Path, rate: int = PEAKS_PER_SECOND) -> Waveform:
    """The recording's peaks, ``rate`` a second (it must divide 16,000)."""
    require_audio_extra()
    import numpy

    step = SAMPLE_RATE // rate
    maxima: list[numpy.ndarray] = []
    rest = numpy.empty(0, numpy.int16)
    samples = 0
    for block in iter_samples(path):
        samples += len(block)
        block = numpy.concatenate((rest, block)) if len(rest) else block
        whole = len(block) - len(block) % step
        if whole:
            maxima.append(numpy.abs(block[:whole].astype(numpy.int32)).reshape(-1, step).max(axis=1))
        rest = block[whole:]
    if len(rest):
        maxima.append(numpy.abs(rest.astype(numpy.int32)).max(keepdims=True))
    peaks = numpy.concatenate(maxima) if maxima else numpy.zeros(0, numpy.int32)
    loudest = int(peaks.max()) if len(peaks) else 0
    scaled = (peaks * 255 // loudest if loudest else peaks).astype(numpy.uint8)
    return Waveform(scaled.tobytes(), rate, samples * 1000 // SAMPLE_RATE)
