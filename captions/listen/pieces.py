"""A window of any length aligned: at once when short, else piece by piece.

The search's time and memory grow faster than the audio (an 11-minute window: 34 s and 450 MB,
against 7 s and 90 MB in half-minute windows), so a window longer than
``settings.max_window_ms`` (a transcript stamped rarely, or once) is followed piece by piece
(`_fit_piece`), each starting where the last kept word of the one before ends. A piece that
cannot be followed is halved (a stretch of music or noise may lie inside it) down to
``settings.piece_min_words``; past that, the words before it keep their times and the rest are
not heard: beyond a stretch it cannot follow, the search has lost its place."""
from __future__ import annotations

from ..media import SAMPLE_RATE
from .decoder import Aligned, Decoder
from .judge import implausible
from .settings import ListenSettings
from ..timecode import hms_time as clock


def align_in_pieces(decoder: Decoder, words: list[str], phones: list[int], samples, offset_ms: int,
                    settings: ListenSettings) -> tuple[Aligned | None, str]:
    """``decoder.align`` for a window of any length, judged by `judge.implausible`, and what went
    wrong (''): without an alignment, why it has none ('' when it could not be followed at all);
    with one, why its last words were not heard."""
    total_ms = len(samples) * 1000 // SAMPLE_RATE
    if total_ms <= settings.max_window_ms:
        aligned = decoder.align(words, samples, offset_ms)
        problem = implausible(aligned, phones, settings) if aligned else ""
        return (None, problem) if problem else (aligned, "")
    out = Aligned([], [], [])
    first, at = 0, offset_ms
    ms_per_phone = 1000 / settings.min_phone_rate
    while first < len(words):
        stop, need_ms = first, 0.0
        while stop < len(words) and need_ms < settings.piece_speech_ms:
            need_ms += phones[stop] * 1000 / settings.default_phone_rate
            stop += 1
        fitted = _fit_piece(decoder, words, phones, samples, offset_ms, first, stop, at, ms_per_phone, True, settings)
        while fitted is None and stop - first > settings.piece_min_words:
            stop = first + max(settings.piece_min_words, (stop - first) // 2)
            fitted = _fit_piece(decoder, words, phones, samples, offset_ms, first, stop, at, ms_per_phone, False,
                                settings)
        if fitted is None:
            if not first:
                return None, ""
            out.unheard(len(words) - first)
            return out, f"the audio after {clock(at)} could not be followed"
        aligned, keep = fitted
        out.extend(aligned, keep)
        # The pace heard, pauses included, within what speech can be (a long silence in a piece
        # must not make the next piece's audio huge, nor a squeezed piece make it tiny).
        pace = (out.end[-1] - at) / max(1, sum(phones[first:first + keep]))
        ms_per_phone = min(max(pace, 1000 / settings.max_phone_rate), 1000 / settings.min_pace_phone_rate)
        first += keep
        at = max(at, out.end[-1])
    return out, ""


def _fit_piece(decoder: Decoder, words, phones, samples, offset_ms: int, first: int, stop: int, at: int,
               ms_per_phone: float, may_finish: bool, settings: ListenSettings) -> tuple[Aligned, int] | None:
    """Words ``first:stop`` aligned from ``at`` in ``piece_room`` times the audio they need at
    ``ms_per_phone`` (the pace heard so far; at first the slowest plausible) plus
    ``piece_extra_ms``, and how many of them to keep: all at the window's end, else all but the
    last quarter (at least ``piece_drop_words``), which may have been dragged over the speech that
    follows and are aligned again at the start of the next piece. Kept words that do not fit
    (`judge.implausible`: a long pause squeezed them) are tried again with twice the audio.
    ``may_finish``: a piece whose audio would reach the window's end takes all the words left.
    None when it cannot be fitted."""
    end_ms = offset_ms + len(samples) * 1000 // SAMPLE_RATE
    until = at + settings.piece_room * ms_per_phone * sum(phones[first:stop]) + settings.piece_extra_ms
    if until >= end_ms - settings.piece_extra_ms:
        until = end_ms
        if may_finish:
            stop = len(words)
    for _ in range(settings.piece_tries):
        last = stop == len(words) and until >= end_ms
        piece = samples[(at - offset_ms) * SAMPLE_RATE // 1000:(round(until) - offset_ms) * SAMPLE_RATE // 1000]
        aligned = decoder.align(words[first:stop], piece, at)
        keep = stop - first if last else max(1, stop - first - max(settings.piece_drop_words, (stop - first) // 4))
        if aligned is not None and not implausible(Aligned(aligned.start[:keep], aligned.end[:keep], []),
                                                   phones[first:first + keep], settings):
            return aligned, keep
        if until >= end_ms:
            return None
        until = min(end_ms, at + 2 * (until - at))
    return None
