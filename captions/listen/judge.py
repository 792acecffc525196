"""Is an alignment speech? Word times judged for plausibility, sentences dragged over other sound
aligned again, and windows that fit much worse than the rest of the recording distrusted."""
from __future__ import annotations

import statistics

from ..lexicon import is_sentence_end
from ..media import SAMPLE_RATE
from .decoder import FRAME_MS, Aligned, Decoder
from .settings import ListenSettings
from .windows import HeardWindow, Window


def implausible(aligned: Aligned, phones: list[int], settings: ListenSettings) -> str:
    """Why these word times (all heard) cannot be speech, or ''."""
    n = len(phones)
    if n < 4:
        return ""
    lengths = [(e - s) / 1000 for s, e in zip(aligned.start, aligned.end)]
    squeezed = sum(1 for p, d in zip(phones, lengths) if d * 1000 / FRAME_MS <= settings.min_frames_a_phone * p + 1)
    stretched = sum(1 for p, d in zip(phones, lengths) if d > max(1.0, 0.2 * p))
    if stretched > settings.stretched_share * n:
        return "words stretched over seconds (music, noise or missing words?)"
    if squeezed > settings.squeezed_share * n:
        return "words squeezed into too little speech (extra words, or a stamp out of place?)"
    if sum(phones) / max(sum(lengths), 0.01) < settings.min_phone_rate:
        return "words spoken too slowly to be these words"
    return ""


def _sentences(texts: tuple[str, ...], owner: list[int]) -> list[list[int]]:
    """Spoken-word indices grouped by sentence of the window's text (`lexicon.is_sentence_end`)."""
    out: list[list[int]] = []
    current: list[int] = []
    last_token = -1
    for k, i in enumerate(owner):
        if current and i != last_token and is_sentence_end(texts[last_token], texts[i]):
            out.append(current)
            current = []
        current.append(k)
        last_token = i
    if current:
        out.append(current)
    return out


def _suspect(aligned: Aligned, phones: list[int], sentence: list[int], settings: ListenSettings) -> bool:
    span_s = (aligned.end[sentence[-1]] - aligned.start[sentence[0]]) / 1000
    gaps = sum(aligned.start[b] - aligned.end[a] for a, b in zip(sentence, sentence[1:]))
    total_phones = sum(phones[k] for k in sentence)
    longest = max((aligned.end[k] - aligned.start[k]) / 1000 - max(2.0, 0.3 * phones[k]) for k in sentence)
    return (total_phones / max(span_s, 0.01) < settings.suspect_rate and gaps > settings.suspect_gap_ms) or longest > 0


def second_try(decoder: Decoder, aligned: Aligned, words: list[str], owner: list[int], phones: list[int],
               texts: tuple[str, ...], samples, window: Window, settings: ListenSettings) -> tuple[Aligned, str]:
    """Sentences dragged over other sound aligned again next to their heard neighbour; those still
    wrong are no longer heard."""
    sentences = [s for s in _sentences(texts, owner)
                 if aligned.start[s[0]] is not None and aligned.start[s[-1]] is not None]
    suspects = [s for s in sentences if _suspect(aligned, phones, s, settings)]
    if not suspects:
        return aligned, ""
    suspect_set = {s[0] for s in suspects}
    good = [s for s in sentences if s[0] not in suspect_set and len(s) >= 4]
    rates = [sum(phones[k] for k in s) * 1000 / max(1, aligned.end[s[-1]] - aligned.start[s[0]]) for s in good]
    rate = statistics.median(rates) if rates else settings.default_phone_rate
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
        need = round(settings.second_try_room * sum(phones[a:b]) / rate * 1000) + 1000
        left = aligned.end[a - 1] if a > 0 else None
        right = aligned.start[b] if b < len(words) else None
        if left is None:                    # opens the window: just before what follows
            hi = (right if right is not None else window_end) + 200
            lo = max(window.start_ms, hi - need)
        elif right is None:                 # closes the window: just after what went before
            lo = left - 200
            hi = min(window_end, lo + need)
        else:
            lo, hi = left - 200, right + 200
        piece = samples[max(0, (lo - window.start_ms) * SAMPLE_RATE // 1000):(hi - window.start_ms) * SAMPLE_RATE // 1000]
        again = decoder.align(words[a:b], piece, max(lo, window.start_ms))
        better = (again is not None and not implausible(again, phones[a:b], settings)
                  and not _suspect(again, phones[a:b], list(range(b - a)), settings)
                  and again.per_frame() > aligned.per_frame(range(a, b)))
        for k in range(a, b):
            if better:
                aligned.start[k], aligned.end[k], aligned.score[k] = (again.start[k - a], again.end[k - a],
                                                                      again.score[k - a])
            else:
                aligned.start[k] = aligned.end[k] = None
        lost += 0 if better else 1
    problem = f"{lost} sentence(s) did not fit the audio" if lost else ""
    return aligned, problem


def compare_windows(heard: list[HeardWindow], settings: ListenSettings) -> list[HeardWindow]:
    """Windows that fit much worse than the recording's typical window lose their audio times."""
    scores = [h.score for h in heard if h.score is not None]
    if len(scores) < 3:
        return heard
    median = statistics.median(scores)
    spread = statistics.median(abs(s - median) for s in scores)
    floor = median - max(settings.score_margin, settings.score_margin_share * abs(median), settings.score_spreads * spread)
    return [HeardWindow(h.window, (None,) * len(h.times), None,
                        "the audio does not fit these words as well as the rest of the recording")
            if h.score is not None and h.score < floor else h for h in heard]
