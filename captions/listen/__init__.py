"""Word times heard in the recording: the transcript's words force-aligned to the audio.

Stamps every half minute cannot say when each sentence starts; the recording can. The
transcript's own stamps cut the recording into windows (a stamp to the next), so each search
is short, an error cannot drift past the next stamp, and windows are independent work for
several processes. In each window PocketSphinx's forced alignment follows the words as said
(`pronounce` spells numbers, acronyms and names for it), and the result is judged:

- the aligner must reach the last word, and the words must take plausible time: not most of
  them squeezed to the shortest a word can be, not stretched over seconds, not spoken at a crawl;
- a sentence dragged over something that is not its speech (music or applause before the talk,
  a word stretched over seconds) is aligned again in a stretch just long enough for it, next to
  its heard neighbour, and kept only if it fits the audio better;
- a window that fits much worse than this recording's other windows (the wrong words, a
  misplaced stamp) is not trusted.

A window or sentence that fails keeps the text timing model's times and is reported. The words
heard become a `Transcript` like a word-timed source's (exact anchors, and a ``[pause]``
placeholder over each silence), so the timing stage needs no second path.

The modules, by job: `windows` (stamps to windows, samples cut as decoding goes), `signal`
(noise conditioning, which frames hold sound), `decoder` (PocketSphinx's forced alignment, one
decoder a process), `pieces` (long windows aligned piece by piece), `judge` (plausibility, the
second try, windows compared), `worker` (one window, as a worker does it), `settings` (every
tuning value). Needs the ``audio`` extra (PyAV, NumPy, PocketSphinx).
"""
from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import replace

from ..media import require_audio_extra
from ..model import Anchor, Transcript, Turn, Word
from ..readers.timing.rev import distrust_out_of_order
from ..readers.timing.tokens import PAUSE_MS, PAUSE_TEXT
from .judge import compare_windows
from .settings import SETTINGS, ListenSettings
from ..timecode import hms_time as clock
from .windows import HeardWindow, Hearing, Span, Window, WindowCutter, windows_of
from .worker import WindowTask, hear_window, start_worker

__all__ = ["SETTINGS", "HeardWindow", "Hearing", "ListenSettings", "Window", "hear", "retime", "windows_of"]


def hear(transcript: Transcript, media: str, *, jobs: int | None = None,
         progress: Callable[[int, int | None], None] | None = None,
         settings: ListenSettings = SETTINGS) -> Hearing:
    """Align the transcript's words to the recording ``media``; see the module doc.

    ``jobs`` worker processes (default: one a core, at most two windows' audio waiting each);
    ``progress(done_ms, total_ms)`` is called as windows finish.
    """
    require_audio_extra()
    import os

    from ..media import media_duration_ms

    total_ms = media_duration_ms(media)
    windows = windows_of(transcript, settings)
    texts = [("" if w.placeholder else w.text) for w in transcript.words]
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: dict[int, HeardWindow] = {}
    heard_ms = 0
    cutter = WindowCutter(media, windows)
    # One process: windows heard here, one after another (a batch or cluster worker already is
    # the one process of its pair, and may not be allowed children).
    pool = (ProcessPoolExecutor(jobs, initializer=start_worker, initargs=(settings.beam,)) if jobs > 1
            else _InThisProcess())
    with pool:
        pending = []
        try:
            for window, samples in cutter:
                task = WindowTask(window, samples.tobytes(), tuple(texts[window.first:window.end]), settings)
                pending.append(pool.submit(hear_window, task))
                while len(pending) > 2 * jobs or (pending and pending[0].done()):
                    result = pending.pop(0).result()
                    results[result.window.index] = result
                    heard_ms = _advance(progress, heard_ms, result, total_ms)
            for future in pending:
                result = future.result()
                results[result.window.index] = result
                heard_ms = _advance(progress, heard_ms, result, total_ms)
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        duration_ms = cutter.decoded_ms
    heard = compare_windows([results[w.index] for w in windows if w.index in results], settings)
    retimed, heard_words = retime(transcript, heard)
    warnings = [f"{media}: {clock(h.window.start_ms)}-{clock(h.window.end_ms or duration_ms)}: "
                f"{h.problem}; {'those' if h.heard else 'these words'} timed from the text"
                for h in heard if h.problem]
    if total_ms and duration_ms < 0.9 * total_ms:
        warnings.append(f"{media}: only {clock(duration_ms)} of {clock(total_ms)} could be decoded")
    return Hearing(retimed, heard_words, tuple(heard), duration_ms, tuple(warnings))


class _InThisProcess:
    """An executor that runs each task when it is submitted: `hear` with one job."""

    def submit(self, fn, *args) -> Future:
        future: Future = Future()
        future.set_result(fn(*args))
        return future

    def shutdown(self, wait: bool = True, cancel_futures: bool = False) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        pass


def retime(transcript: Transcript, heard: list[HeardWindow]) -> tuple[Transcript, frozenset[int]]:
    """The transcript with an exact anchor at each heard word, a ``[pause]`` over each silence
    between heard words, and its own stamps where words were not heard."""
    times: dict[int, Span] = {}
    for h in heard:
        for offset, span in enumerate(h.times):
            if span:
                times[h.window.first + offset] = span
    stamps = {a.word: a for a in transcript.anchors}
    words: list[Word] = []
    anchors: list[Anchor] = []
    new_index: list[int] = []
    heard_words = set()
    old = transcript.words
    for i, w in enumerate(old):
        new_index.append(len(words))
        span = times.get(i)
        if span:
            anchors.append(Anchor(len(words), span[0], w.line, resolution_ms=1))
            heard_words.add(len(words))
        elif i in stamps:
            anchors.append(replace(stamps[i], word=len(words)))
        words.append(w)
        following = times.get(i + 1)
        if span and following and following[0] - span[1] > PAUSE_MS:
            anchors.append(Anchor(len(words), span[1], w.line, resolution_ms=1))
            words.append(Word(PAUSE_TEXT, w.turn, w.paragraph, w.line, placeholder=True))
    new_index.append(len(words))
    turns = tuple(Turn(t.speaker, new_index[t.first], new_index[t.end], t.line) for t in transcript.turns)
    anchors, _ = distrust_out_of_order(anchors)
    return (Transcript(tuple(words), turns, tuple(anchors), transcript.warnings), frozenset(heard_words))


def _advance(progress, heard_ms: int, result: HeardWindow, total_ms: int | None) -> int:
    w = result.window
    done = max(heard_ms, w.end_ms or total_ms or heard_ms)
    if progress:
        progress(done, total_ms)
    return done
