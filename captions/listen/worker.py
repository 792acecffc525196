"""One window heard, in a worker process (or in this one): what `hear` sends each worker, and
what the worker does with it."""
from __future__ import annotations

from typing import NamedTuple

from .decoder import process_decoder
from .judge import second_try
from .pieces import align_in_pieces
from .settings import ListenSettings
from .signal import condition, snap_to_speech, speech_frames
from .windows import HeardWindow, Span, Window


class WindowTask(NamedTuple):
    """A window's work, as pickled to a worker: the window, its samples (16 kHz mono int16 bytes)
    and the texts of its words ('' for a placeholder, which is not said)."""

    window: Window
    pcm: bytes
    texts: tuple[str, ...]
    settings: ListenSettings


def start_worker(beam: float) -> None:
    """A pool worker's set-up: its decoder built. Ctrl-C is the parent's to handle: it stops the
    pool, so workers ignore it rather than print tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    process_decoder(beam)


def hear_window(task: WindowTask) -> HeardWindow:
    """The window's words aligned to its samples, judged, and their times trimmed to its sound."""
    import numpy

    window, texts, settings = task.window, task.texts, task.settings
    decoder = process_decoder(settings.beam)
    speller = decoder.speller
    recorded = numpy.frombuffer(task.pcm, numpy.int16)
    samples = condition(recorded, window.index, settings)
    spoken = [speller.spoken(t) if t else [] for t in texts]
    words = [w for said in spoken for w in said]
    owner = [i for i, said in enumerate(spoken) for _ in said]
    phones = [len((speller.phones(w) or "x").split()) for w in words]
    nothing = HeardWindow(window, (None,) * len(texts), None)
    if not words:
        return nothing
    aligned, lost = align_in_pieces(decoder, words, phones, samples, window.start_ms, settings)
    if aligned is None:
        return HeardWindow(window, nothing.times, None,
                           lost or "the words could not be followed in the audio (music, noise or other words?)")
    aligned, problem = second_try(decoder, aligned, words, owner, phones, texts, samples, window, settings)
    problem = "; ".join(p for p in (lost, problem) if p)
    times: list[Span | None] = [None] * len(texts)
    kept = []
    for k, i in enumerate(owner):
        start, end = aligned.start[k], aligned.end[k]
        if start is None or end is None:
            continue
        kept.append(k)
        span = times[i]
        times[i] = (start, end) if span is None else (span[0], end)
    times = snap_to_speech(times, speech_frames(recorded, settings), window.start_ms)
    return HeardWindow(window, tuple(times), aligned.per_frame(kept) if kept else None, problem)
