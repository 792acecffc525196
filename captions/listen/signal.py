"""The window's samples as the aligner gets them and as word edges are trimmed by: faint noise
added, and which 10 ms frames hold sound well above the window's floor."""
from __future__ import annotations

from ..media import SAMPLE_RATE
from .decoder import FRAME_MS
from .settings import ListenSettings
from .windows import Span

CHUNK_SAMPLES = 60 * SAMPLE_RATE   # long windows are conditioned and measured a minute at a time


def condition(samples, seed: int, settings: ListenSettings):
    """The samples with faint white noise added (``settings.noise_share`` of loud speech), a minute
    at a time so a long window does not need several float copies of itself."""
    import numpy

    power = frame_power(samples, 400)
    loud = float(numpy.percentile(numpy.sqrt(power), 95)) if len(power) else 0.0
    noise = numpy.random.default_rng(seed)
    out = numpy.empty_like(samples)
    for i in range(0, len(samples), CHUNK_SAMPLES):
        part = samples[i:i + CHUNK_SAMPLES]
        out[i:i + len(part)] = numpy.clip(part + noise.normal(0, max(3.0, settings.noise_share * loud), len(part)),
                                          -32768, 32767).astype(numpy.int16)
    return out


def frame_power(samples, n: int):
    """Mean square of each whole frame of ``n`` samples, a minute of samples at a time so a long
    window needs no float copy of itself (CHUNK_SAMPLES is a whole number of frames)."""
    import numpy

    powers = [numpy.zeros(0, numpy.float32)]
    for i in range(0, len(samples), CHUNK_SAMPLES):
        part = samples[i:i + CHUNK_SAMPLES]
        frames = part[: len(part) // n * n].astype(numpy.float32).reshape(-1, n)
        powers.append((frames * frames).mean(1))
    return numpy.concatenate(powers)


def speech_frames(samples, settings: ListenSettings):
    """Which 10 ms frames hold sound well above the window's floor (an energy detector: music and
    applause count as sound too, which is why it only trims words the aligner placed)."""
    import numpy

    n = SAMPLE_RATE * FRAME_MS // 1000
    level = 10 * numpy.log10(frame_power(samples, n) + 1.0)
    if not len(level):
        return numpy.zeros(0, bool)
    floor, loud = numpy.percentile(level, 10), numpy.percentile(level, 95)
    return level > floor + max(settings.speech_margin_db, settings.speech_margin_share * (loud - floor))


def snap_to_speech(times: list[Span | None], speech, offset_ms: int) -> list[Span | None]:
    """Word starts moved onto the first frame of sound inside the word, ends back to the last:
    the aligner lets a word at a window's edge or after a pause swallow some silence."""
    out: list[Span | None] = []
    for span in times:
        if span is None:
            out.append(None)
            continue
        a, b = (span[0] - offset_ms) // FRAME_MS, (span[1] - offset_ms) // FRAME_MS
        inside = speech[a:b].nonzero()[0]
        if len(inside):
            span = (offset_ms + (a + int(inside[0])) * FRAME_MS, offset_ms + (a + int(inside[-1]) + 1) * FRAME_MS)
        out.append(span)
    return out
