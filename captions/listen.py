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

Needs the ``audio`` extra (PyAV, NumPy, PocketSphinx).
"""
from __future__ import annotations

import math
import statistics
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, replace

from .errors import InputError
from .media import SAMPLE_RATE, iter_samples, require_audio_extra
from .model import Anchor, Transcript, Turn, Word
from .readers.timing.rev import distrust_out_of_order
from .readers.timing.tokens import PAUSE_MS, PAUSE_TEXT
from .timecode import split_time

# The search: PocketSphinx's default beams lose the path in windows of 20-30 s; these keep it
# at the same speed (measured 1e-150 to 1e-250 alike).
BEAM = 1e-150
LOG_BASE = math.log(1.0001)     # PocketSphinx's own log base: scores read as it prints them
UNDERFLOW_SCORE = -1e6          # a word whose probability underflows to 0 fits nothing
FRAME_MS = 10
END_PAD_MS = 300          # a window runs past the next stamp this much: the stamp is floored to its second
MIN_WINDOW_MS = 2_000     # word-timed sources stamp every word: windows join stamps up to this length
CHUNK_SAMPLES = 60 * SAMPLE_RATE   # long windows are conditioned and measured a minute at a time
NOISE_SHARE = 0.03        # faint noise, 3% of loud speech, so band-limited or gated silence does not derail the model
MAX_WINDOW_MS = 90_000    # a window longer than this is aligned piece by piece (_align_in_pieces)
PIECE_SPEECH_MS = 30_000
PIECE_ROOM = 1.25
PIECE_EXTRA_MS = 3_000
PIECE_DROP_WORDS = 5
MAX_PHONE_RATE = 20.0         # phones a second: faster than anyone talks
MIN_PACE_PHONE_RATE = 4.0     # phones a second with pauses: slower is more silence than speech
PIECE_MIN_WORDS = 12
PIECE_TRIES = 3

# Plausible word durations. A phone lasts at least 3 frames; most words take 0.2 s a phone or less.
MIN_FRAMES_A_PHONE = 3
STRETCHED_SHARE = 0.10    # more words than this stretched: the words were dragged over other sound
SQUEEZED_SHARE = 0.30     # more words than this at their shortest: they were crammed into too little speech
MIN_PHONE_RATE = 7.0      # phones a second of word time; conversational English runs 10-15
# A sentence slower than SUSPECT_RATE phones a second with more than SUSPECT_GAP_MS between its
# words, or with one word over max(2 s, 0.3 s a phone), is aligned again on its own.
SUSPECT_RATE = 5.0
SUSPECT_GAP_MS = 2000
DEFAULT_PHONE_RATE = 11.0
SECOND_TRY_ROOM = 1.6     # the stretch for a second try: this many times the sentence's usual length, plus a second
# Sound is this far over the window's quiet floor (at least SPEECH_MARGIN_DB, else this share of
# the floor-to-loud range).
SPEECH_MARGIN_DB = 6.0
SPEECH_MARGIN_SHARE = 0.35
# A window whose score per frame is this far under the recording's median fits the wrong words;
# where the recording's own windows differ widely (a studio host and a caller on a phone line),
# only an outlier by SCORE_SPREADS median deviations.
SCORE_SPREADS = 3.0
SCORE_MARGIN = 6.0             # in PocketSphinx's log units (base 1.0001) a frame
SCORE_MARGIN_SHARE = 0.15


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
    times: tuple[tuple[int, int] | None, ...]
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


def windows_of(transcript: Transcript) -> list[Window]:
    """A window from each trusted stamp to the next (joined up to `MIN_WINDOW_MS`), the first from
    the start of the recording when words come before the first stamp."""
    n = len(transcript.words)
    stamps = sorted({(a.word, a.time_ms) for a in transcript.anchors if a.trusted and a.word < n})
    if not stamps or stamps[0][0] > 0:
        stamps.insert(0, (0, 0))
    kept = [stamps[0]]
    for word, time_ms in stamps[1:]:
        if word > kept[-1][0] and time_ms - kept[-1][1] >= MIN_WINDOW_MS:
            kept.append((word, time_ms))
    out = []
    for k, (word, time_ms) in enumerate(kept):
        nxt = kept[k + 1] if k + 1 < len(kept) else None
        out.append(Window(k, word, nxt[0] if nxt else n, time_ms, nxt[1] + END_PAD_MS if nxt else None))
    return out


def hear(transcript: Transcript, media: str, *, jobs: int | None = None,
         progress: Callable[[int, int | None], None] | None = None) -> Hearing:
    """Align the transcript's words to the recording ``media``; see the module doc.

    ``jobs`` worker processes (default: one a core, at most two windows' audio waiting each);
    ``progress(done_ms, total_ms)`` is called as windows finish.
    """
    require_audio_extra()
    import os

    from .media import media_duration_ms

    total_ms = media_duration_ms(media)
    windows = windows_of(transcript)
    texts = [("" if w.placeholder else w.text) for w in transcript.words]
    jobs = max(1, jobs or os.cpu_count() or 1)
    results: dict[int, HeardWindow] = {}
    heard_ms = 0
    cutter = _WindowCutter(media, windows)
    # One process: windows heard here, one after another (a batch or cluster worker already is
    # the one process of its pair, and may not be allowed children).
    with (ProcessPoolExecutor(jobs, initializer=_start_worker) if jobs > 1 else _InThisProcess()) as pool:
        pending = []
        try:
            for window, samples in cutter:
                task = (window, samples.tobytes(), tuple(texts[window.first:window.end]))
                pending.append(pool.submit(_hear_window, task))
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
    heard = _compare_windows([results[w.index] for w in windows if w.index in results])
    retimed, heard_words = retime(transcript, heard)
    warnings = [f"{media}: {_clock(h.window.start_ms)}-{_clock(h.window.end_ms or duration_ms)}: "
                f"{h.problem}; {'those' if h.heard else 'these words'} timed from the text"
                for h in heard if h.problem]
    if total_ms and duration_ms < 0.9 * total_ms:
        warnings.append(f"{media}: only {_clock(duration_ms)} of {_clock(total_ms)} could be decoded")
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
    times: dict[int, tuple[int, int]] = {}
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


# --- the recording, window by window ---------------------------------------------------------

class _WindowCutter:
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


def _advance(progress, heard_ms: int, result: HeardWindow, total_ms: int | None) -> int:
    w = result.window
    done = max(heard_ms, w.end_ms or total_ms or heard_ms)
    if progress:
        progress(done, total_ms)
    return done


def _clock(ms: int) -> str:
    hours, minutes, seconds, _ = split_time(ms)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}"


def _compare_windows(heard: list[HeardWindow]) -> list[HeardWindow]:
    """Windows that fit much worse than the recording's typical window lose their audio times."""
    scores = [h.score for h in heard if h.score is not None]
    if len(scores) < 3:
        return heard
    median = statistics.median(scores)
    spread = statistics.median(abs(s - median) for s in scores)
    floor = median - max(SCORE_MARGIN, SCORE_MARGIN_SHARE * abs(median), SCORE_SPREADS * spread)
    return [HeardWindow(h.window, (None,) * len(h.times), None,
                        "the audio does not fit these words as well as the rest of the recording")
            if h.score is not None and h.score < floor else h for h in heard]


# --- in a worker process: one window ----------------------------------------------------------

_worker: dict = {}


def _start_worker() -> None:
    """A pool worker's set-up. Ctrl-C is the parent's to handle: it stops the pool, so workers
    ignore it rather than print tracebacks."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _build_decoder()


def _build_decoder() -> None:
    """One decoder a process (0.15 s and 30 MB to build; it cannot be pickled)."""
    import pocketsphinx

    from .pronounce import Speller

    decoder = pocketsphinx.Decoder(lm=None, bestpath=False, beam=BEAM, wbeam=BEAM, pbeam=BEAM, loglevel="FATAL")
    _worker["decoder"] = decoder
    _worker["speller"] = Speller(decoder.lookup_word, lambda word, phones: decoder.add_word(word, phones, True))


@dataclass(slots=True)
class _Aligned:
    """One alignment of spoken words: per word start, end (absolute ms) and summed log-score."""

    start: list[int]
    end: list[int]
    score: list[float]

    def per_frame(self, picks: range | list[int] | None = None) -> float:
        picks = range(len(self.start)) if picks is None else picks
        frames = sum((self.end[k] - self.start[k]) // FRAME_MS for k in picks)
        return sum(self.score[k] for k in picks) / max(1, frames)


def _hear_window(task) -> HeardWindow:
    window, pcm, texts = task
    import numpy

    if "decoder" not in _worker:
        _build_decoder()
    speller = _worker["speller"]
    recorded = numpy.frombuffer(pcm, numpy.int16)
    samples = _condition(recorded, seed=window.index)
    spoken = [speller.spoken(t) if t else [] for t in texts]
    words = [w for said in spoken for w in said]
    owner = [i for i, said in enumerate(spoken) for _ in said]
    phones = [len((speller.phones(w) or "x").split()) for w in words]
    nothing = HeardWindow(window, (None,) * len(texts), None)
    if not words:
        return nothing
    aligned, lost = _align_in_pieces(words, phones, samples, window.start_ms)
    if aligned is None:
        return _failed(nothing, lost or "the words could not be followed in the audio (music, noise or other words?)")
    aligned, problem = _second_try(aligned, words, owner, phones, texts, samples, window)
    problem = "; ".join(p for p in (lost, problem) if p)
    times: list[tuple[int, int] | None] = [None] * len(texts)
    for k, i in enumerate(owner):
        if aligned.start[k] < 0:
            continue
        span = times[i]
        times[i] = (aligned.start[k], aligned.end[k]) if span is None else (span[0], aligned.end[k])
    kept = [k for k in range(len(words)) if aligned.start[k] >= 0]
    times = _snap_to_speech(times, _speech_frames(recorded), window.start_ms)
    return HeardWindow(window, tuple(times), aligned.per_frame(kept) if kept else None, problem)


def _speech_frames(samples):
    """Which 10 ms frames hold sound well above the window's floor (an energy detector: music and
    applause count as sound too, which is why it only trims words the aligner placed)."""
    import numpy

    n = SAMPLE_RATE * FRAME_MS // 1000
    level = 10 * numpy.log10(_frame_power(samples, n) + 1.0)
    if not len(level):
        return numpy.zeros(0, bool)
    floor, loud = numpy.percentile(level, 10), numpy.percentile(level, 95)
    return level > floor + max(SPEECH_MARGIN_DB, SPEECH_MARGIN_SHARE * (loud - floor))


def _frame_power(samples, n: int):
    """Mean square of each whole frame of ``n`` samples, a minute of samples at a time so a long
    window needs no float copy of itself (CHUNK_SAMPLES is a whole number of frames)."""
    import numpy

    powers = [numpy.zeros(0, numpy.float32)]
    for i in range(0, len(samples), CHUNK_SAMPLES):
        part = samples[i:i + CHUNK_SAMPLES]
        frames = part[: len(part) // n * n].astype(numpy.float32).reshape(-1, n)
        powers.append((frames * frames).mean(1))
    return numpy.concatenate(powers)


def _snap_to_speech(times, speech, offset_ms: int):
    """Word starts moved onto the first frame of sound inside the word, ends back to the last:
    the aligner lets a word at a window's edge or after a pause swallow some silence."""
    out = []
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


def _failed(nothing: HeardWindow, problem: str) -> HeardWindow:
    return HeardWindow(nothing.window, nothing.times, None, problem)


def _condition(samples, seed: int):
    """The samples with faint white noise added (see NOISE_SHARE), a minute at a time so a long
    window does not need several float copies of itself."""
    import numpy

    power = _frame_power(samples, 400)
    loud = float(numpy.percentile(numpy.sqrt(power), 95)) if len(power) else 0.0
    noise = numpy.random.default_rng(seed)
    out = numpy.empty_like(samples)
    for i in range(0, len(samples), CHUNK_SAMPLES):
        part = samples[i:i + CHUNK_SAMPLES]
        out[i:i + len(part)] = numpy.clip(part + noise.normal(0, max(3.0, NOISE_SHARE * loud), len(part)),
                                          -32768, 32767).astype(numpy.int16)
    return out


def _force_align(words: list[str], samples, offset_ms: int) -> _Aligned | None:
    """Word times of ``words`` said in ``samples``; None when the aligner cannot reach the end."""
    decoder = _worker["decoder"]
    if len(samples) < SAMPLE_RATE // 10:
        return None
    try:
        decoder.set_align_text(" ".join(words))
    except RuntimeError:
        return None
    decoder.reinit_feat()          # no state from the previous window: results do not depend on order
    decoder.start_utt()
    decoder.process_raw(samples.tobytes(), full_utt=True)
    decoder.end_utt()
    if decoder.hyp() is None:
        return None
    out = _Aligned([], [], [])
    for seg in decoder.seg():
        name = seg.word.split("(")[0]
        if len(out.start) < len(words) and name == words[len(out.start)]:
            out.start.append(offset_ms + seg.start_frame * FRAME_MS)
            out.end.append(offset_ms + (seg.end_frame + 1) * FRAME_MS)
            out.score.append(math.log(seg.ascore) / LOG_BASE if seg.ascore > 0 else UNDERFLOW_SCORE)
    return out if len(out.start) == len(words) else None


def _align_in_pieces(words: list[str], phones: list[int], samples, offset_ms: int
                     ) -> tuple[_Aligned | None, str]:
    """``_force_align`` for a window of any length, judged by `_implausible`, and what went wrong
    (''): without an alignment, why it has none ('' when it could not be followed at all); with
    one, why its last words were not heard.

    The search's time and memory grow faster than the audio (an 11-minute window: 34 s and
    450 MB, against 7 s and 90 MB in half-minute windows), so a window longer than MAX_WINDOW_MS
    (a transcript stamped rarely, or once) is followed piece by piece (`_fit_piece`), each
    starting where the last kept word of the one before ends. A piece that cannot be followed is
    halved (a stretch of music or noise may lie inside it) down to PIECE_MIN_WORDS; past that, the
    words before it keep their times and the rest are not heard (start -1): beyond a stretch it
    cannot follow, the search has lost its place."""
    total_ms = len(samples) * 1000 // SAMPLE_RATE
    if total_ms <= MAX_WINDOW_MS:
        aligned = _force_align(words, samples, offset_ms)
        problem = _implausible(aligned, phones) if aligned else ""
        return (None, problem) if problem else (aligned, "")
    out = _Aligned([], [], [])
    first, at = 0, offset_ms
    ms_per_phone = 1000 / MIN_PHONE_RATE
    while first < len(words):
        stop, need_ms = first, 0.0
        while stop < len(words) and need_ms < PIECE_SPEECH_MS:
            need_ms += phones[stop] * 1000 / DEFAULT_PHONE_RATE
            stop += 1
        fitted = _fit_piece(words, phones, samples, offset_ms, first, stop, at, ms_per_phone, may_finish=True)
        while fitted is None and stop - first > PIECE_MIN_WORDS:
            stop = first + max(PIECE_MIN_WORDS, (stop - first) // 2)
            fitted = _fit_piece(words, phones, samples, offset_ms, first, stop, at, ms_per_phone, may_finish=False)
        if fitted is None:
            if not first:
                return None, ""
            lost = len(words) - first
            out.start.extend([-1] * lost)
            out.end.extend([-1] * lost)
            out.score.extend([0.0] * lost)
            return out, f"the audio after {_clock(at)} could not be followed"
        aligned, keep = fitted
        out.start.extend(aligned.start[:keep])
        out.end.extend(aligned.end[:keep])
        out.score.extend(aligned.score[:keep])
        # The pace heard, pauses included, within what speech can be (a long silence in a piece
        # must not make the next piece's audio huge, nor a squeezed piece make it tiny).
        pace = (out.end[-1] - at) / max(1, sum(phones[first:first + keep]))
        ms_per_phone = min(max(pace, 1000 / MAX_PHONE_RATE), 1000 / MIN_PACE_PHONE_RATE)
        first += keep
        at = max(at, out.end[-1])
    return out, ""


def _fit_piece(words, phones, samples, offset_ms: int, first: int, stop: int, at: int, ms_per_phone: float,
               may_finish: bool) -> tuple[_Aligned, int] | None:
    """Words ``first:stop`` aligned from ``at`` in PIECE_ROOM times the audio they need at
    ``ms_per_phone`` (the pace heard so far; at first the slowest plausible) plus PIECE_EXTRA_MS,
    and how many of them to keep: all at the window's end, else all but the last quarter (at
    least PIECE_DROP_WORDS), which may have been dragged over the speech that follows and are
    aligned again at the start of the next piece. Kept words that do not fit (`_implausible`: a
    long pause squeezed them) are tried again with twice the audio. ``may_finish``: a piece whose
    audio would reach the window's end takes all the words left. None when it cannot be fitted."""
    end_ms = offset_ms + len(samples) * 1000 // SAMPLE_RATE
    until = at + PIECE_ROOM * ms_per_phone * sum(phones[first:stop]) + PIECE_EXTRA_MS
    if until >= end_ms - PIECE_EXTRA_MS:
        until = end_ms
        if may_finish:
            stop = len(words)
    for _ in range(PIECE_TRIES):
        last = stop == len(words) and until >= end_ms
        piece = samples[(at - offset_ms) * SAMPLE_RATE // 1000:(round(until) - offset_ms) * SAMPLE_RATE // 1000]
        aligned = _force_align(words[first:stop], piece, at)
        keep = stop - first if last else max(1, stop - first - max(PIECE_DROP_WORDS, (stop - first) // 4))
        if aligned is not None and not _implausible(_Aligned(aligned.start[:keep], aligned.end[:keep], []),
                                                    phones[first:first + keep]):
            return aligned, keep
        if until >= end_ms:
            return None
        until = min(end_ms, at + 2 * (until - at))
    return None


def _implausible(aligned: _Aligned, phones: list[int]) -> str:
    """Why these word times cannot be speech, or ''."""
    n = len(phones)
    if n < 4:
        return ""
    lengths = [(e - s) / 1000 for s, e in zip(aligned.start, aligned.end)]
    squeezed = sum(1 for p, d in zip(phones, lengths) if d * 1000 / FRAME_MS <= MIN_FRAMES_A_PHONE * p + 1)
    stretched = sum(1 for p, d in zip(phones, lengths) if d > max(1.0, 0.2 * p))
    if stretched > STRETCHED_SHARE * n:
        return "words stretched over seconds (music, noise or missing words?)"
    if squeezed > SQUEEZED_SHARE * n:
        return "words squeezed into too little speech (extra words, or a stamp out of place?)"
    if sum(phones) / max(sum(lengths), 0.01) < MIN_PHONE_RATE:
        return "words spoken too slowly to be these words"
    return ""


def _sentences(texts: tuple[str, ...], owner: list[int]) -> list[list[int]]:
    """Spoken-word indices grouped by sentence of the window's text."""
    out: list[list[int]] = []
    current: list[int] = []
    last_token = -1
    for k, i in enumerate(owner):
        if current and i != last_token and texts[last_token].rstrip("\"')”’").endswith((".", "?", "!")):
            out.append(current)
            current = []
        current.append(k)
        last_token = i
    if current:
        out.append(current)
    return out


def _suspect(aligned: _Aligned, phones: list[int], sentence: list[int]) -> bool:
    span_s = (aligned.end[sentence[-1]] - aligned.start[sentence[0]]) / 1000
    gaps = sum(aligned.start[b] - aligned.end[a] for a, b in zip(sentence, sentence[1:]))
    total_phones = sum(phones[k] for k in sentence)
    longest = max((aligned.end[k] - aligned.start[k]) / 1000 - max(2.0, 0.3 * phones[k]) for k in sentence)
    return (total_phones / max(span_s, 0.01) < SUSPECT_RATE and gaps > SUSPECT_GAP_MS) or longest > 0


def _second_try(aligned: _Aligned, words, owner, phones, texts, samples, window: Window) -> tuple[_Aligned, str]:
    """Sentences dragged over other sound aligned again next to their heard neighbour; those still
    wrong lose their times (start -1)."""
    sentences = [s for s in _sentences(texts, owner) if aligned.start[s[0]] >= 0 and aligned.start[s[-1]] >= 0]
    suspects = [s for s in sentences if _suspect(aligned, phones, s)]
    if not suspects:
        return aligned, ""
    suspect_set = {s[0] for s in suspects}
    good = [s for s in sentences if s[0] not in suspect_set and len(s) >= 4]
    rates = [sum(phones[k] for k in s) * 1000 / max(1, aligned.end[s[-1]] - aligned.start[s[0]]) for s in good]
    rate = statistics.median(rates) if rates else DEFAULT_PHONE_RATE
    runs: list[list[int]] = []
    for s in sentences:
        if s[0] not in suspect_set:
            continue
        if runs and runs[-1][-1] + 1 == s[0]:
            runs[-1].extend(s)
        else:
            runs.append(list(s))
    window_end = window.start_ms + len(samples) * 1000 // SAMPLE_RATE
    lost = 0
    for run in runs:
        a, b = run[0], run[-1] + 1
        need = round(SECOND_TRY_ROOM * sum(phones[a:b]) / rate * 1000) + 1000
        left = aligned.end[a - 1] if a > 0 else None
        right = aligned.start[b] if b < len(words) and aligned.start[b] >= 0 else None
        if a == 0 or left is None:          # opens the window: just before what follows
            hi = (right if right is not None else window_end) + 200
            lo = max(window.start_ms, hi - need)
        elif right is None:                 # closes the window: just after what went before
            lo = left - 200
            hi = min(window_end, lo + need)
        else:
            lo, hi = left - 200, right + 200
        piece = samples[max(0, (lo - window.start_ms) * SAMPLE_RATE // 1000):(hi - window.start_ms) * SAMPLE_RATE // 1000]
        again = _force_align(words[a:b], piece, max(lo, window.start_ms))
        better = (again is not None and not _implausible(again, phones[a:b])
                  and not _suspect(again, phones[a:b], list(range(b - a)))
                  and again.per_frame() > aligned.per_frame(range(a, b)))
        for k in range(a, b):
            if better:
                aligned.start[k], aligned.end[k], aligned.score[k] = (again.start[k - a], again.end[k - a],
                                                                      again.score[k - a])
            else:
                aligned.start[k] = aligned.end[k] = -1
        lost += 0 if better else 1
    problem = f"{lost} sentence(s) did not fit the audio" if lost else ""
    return aligned, problem
