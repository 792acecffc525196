"""Stamps + alignment -> a start and an end for every clean word.

The transcript's stamps say when a turn's first word starts (floored to the stamp's resolution,
so the expected start is half a step later). Between two stamps the words are spread by two
duration models, and each word takes the mean of the two times:

- **syllables and pauses**: each word takes time in proportion to its syllables, fillers a little
  more, and pauses follow commas, sentence ends and paragraph ends; the stretch runs from the
  stamp's expected start (half a step after it). How fast a speaker talks is measured from the
  transcript itself, so a stretch before another speaker's stamp that is much longer than its
  words need is read as speech followed by silence, not as slow speech: speech ends between the
  stamp and the recording's usual silence before it, nearer the one that can be trusted more;
- **letters**: each word takes time in proportion to its characters, from the stamp as written
  to the next (the plain even spread).

Each model errs in its own way. The syllable model, which starts a stretch half a step after
its stamp, runs a few tenths of a second late inside long stretches (the silences before the
next stamp are longer than its pause there); the letter spread runs early late in a stretch
and knows no silence before another speaker. Their mean keeps the good of both and averages
their independent errors away: measured on fifteen held-out builds of Earnings-22 calls
(docs/timing.md, step 11), 62% of captions start within a second against 60% for either model
alone, and it is ahead of the even spread on every kind of stretch between two stamps. Equal
weights, because a recording's own stamps cannot tell which model errs less on it (predicting
each stamp with it left out picks one model in one draw of a call and the other in the next).

The last turn, which has no stamp after it, gets its length from the speaker's measured rate.
Clean words take the times of the transcript words they matched; the others are spread over the
time between their matched neighbours.
"""
from __future__ import annotations

import statistics
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

from .lexicon import FILLERS, bare as bare_word, ends_in_clause, ends_in_stop
from .model import Alignment, CleanWord, TimedWord, Transcript
from .normalize import syllables

# Relative durations, in syllables. A syllable is about a fifth of a second in conversational
# English; pauses follow from typical pause lengths at those boundaries.
FILLER_SYLLABLES = 2.0          # hesitations are drawn out
PLACEHOLDER_SYLLABLES = 3.0     # [inaudible] or an empty turn: a short untranscribed stretch
PAUSE_COMMA = 0.6
PAUSE_SENTENCE = 1.5
PAUSE_PARAGRAPH = 2.5
MAX_SQUEEZE = 2.5               # speech is at most this much faster or slower than its speaker's pace
DEFAULT_RATE = 4.5              # syllables a second, when the transcript has too few stamps to measure
PACE_PRIOR_SYLLABLES = 300      # about a minute of speech: a speaker heard for less paces mostly like the recording
LETTERS_A_SYLLABLE = 3          # English averages about three letters a syllable: a placeholder's letters


class Stretch(NamedTuple):
    """Transcript words ``first:end`` between two stamps: when the first starts (None before the
    first stamp), the next stamp (None after the last) and whether the same speaker goes on past it."""

    first: int
    end: int
    start_ms: float | None
    next_ms: float | None
    continues: bool


@lru_cache(maxsize=65536)
def word_weight(text: str, placeholder: bool = False) -> float:
    if placeholder:
        return PLACEHOLDER_SYLLABLES
    bare = bare_word(text)
    if bare in FILLERS:
        return FILLER_SYLLABLES
    return syllables(bare or text)


@lru_cache(maxsize=65536)
def pause_after(text: str) -> float:
    """The pause after a word inside a paragraph, by its punctuation (a paragraph end takes
    PAUSE_PARAGRAPH whatever it ends with)."""
    if ends_in_stop(text):
        return PAUSE_SENTENCE
    if ends_in_clause(text):
        return PAUSE_COMMA
    return 0.0


class Stretches(NamedTuple):
    """A transcript cut at its stamps, with what both duration models need: each word's syllable
    weight and pause after it (``cum``: their running sum), letters, speaker, each stamp's
    resolution, each speaker's pace (syllables a second; None: the recording's) and the fitted
    silence before another speaker (ms) with how far to trust it (0-1)."""

    stretches: list[Stretch]
    weight: list[float]
    pause: list[float]
    cum: list[float]
    letters: list[int]
    speaker: list[str | None]
    resolution: dict[int, int]
    rates: dict[str | None, float]
    handover_gap: float
    trust: float


def stretches_of(transcript: Transcript) -> Stretches:
    words = transcript.words
    n = len(words)
    texts = [w.text for w in words]
    weight = [word_weight(text, w.placeholder) for text, w in zip(texts, words)]
    paragraphs = [w.paragraph for w in words]
    paragraphs.append(None)             # the last word ends a paragraph
    pause = [PAUSE_PARAGRAPH if paragraph != next_paragraph else pause_after(text)
             for text, paragraph, next_paragraph in zip(texts, paragraphs, paragraphs[1:])]
    # A stamp is floored to its resolution: the word starts, on average, half a step later.
    trusted = {a.word: a for a in transcript.anchors if a.trusted and a.word < n}
    anchors = [(w, a.time_ms + a.resolution_ms // 2) for w, a in sorted(trusted.items())] or [(0, 500)]
    resolution = {w: a.resolution_ms for w, a in trusted.items()}
    cum = [0.0]
    for w, p in zip(weight, pause):
        cum.append(cum[-1] + w + p)
    turn_speakers = [turn.speaker for turn in transcript.turns]
    speaker = [turn_speakers[w.turn] if w.turn < len(turn_speakers) else None for w in words]
    segments = _segments(anchors, n, speaker)
    rates = _speech_rates(segments, cum, speaker)
    segments = _spread_crowded(segments, cum, rates, speaker, resolution)
    handover_gap = _handover_gap(segments, cum, rates, speaker)
    rates, handover_gap, gap_spread = _fit_pace(segments, cum, speaker, rates, handover_gap)
    # How far to trust the fitted silence over the even spread: by the inverse of each one's
    # squared error. The even spread misses a stretch's end by its silence (the silence, on
    # average); the fitted silence misses it by how far this stretch's silence lies from the
    # typical one (the spread of the hand-over stretches' leftovers around it).
    trust = handover_gap ** 2 / (handover_gap ** 2 + gap_spread ** 2) if handover_gap else 0.0
    letters = [len(text) if not w.placeholder else round(PLACEHOLDER_SYLLABLES * LETTERS_A_SYLLABLE)
               for text, w in zip(texts, words)]
    return Stretches(segments, weight, pause, cum, letters, speaker, resolution, rates, handover_gap, trust)


def transcript_times(transcript: Transcript, end_ms: int | None = None) -> tuple[list[int], list[int]]:
    """Estimated start and end (ms) of every transcript word: the mean of the syllable and the
    letter models where both apply (between two stamps), else the syllable model's. ``end_ms``:
    where the recording ends, when it is known: the words after the last stamp are said before it."""
    plan = stretches_of(transcript)
    by_syllables = syllable_times(plan, end_ms)
    by_letters = letter_times(plan)
    starts, ends = [], []
    for (s, e), other in zip(by_syllables, by_letters):
        if other:
            s, e = (s + other[0]) / 2, (e + other[1]) / 2
        start = max(0, round(s))
        starts.append(start)
        ends.append(max(start + 1, round(e)))
    return starts, ends


def syllable_times(plan: Stretches, end_ms: int | None = None) -> list[tuple[float, float]]:
    """(start, end) ms of every word by syllables and pauses, each stretch from its stamp's
    expected start; before another speaker, speech then silence."""
    cum, rates, speaker = plan.cum, plan.rates, plan.speaker
    out: list[tuple[float, float]] = []
    for a, b, ta, tb, continues in plan.stretches:
        total = cum[b] - cum[a]
        if tb is not None and plan.resolution.get(b) == 1:
            total -= plan.pause[b - 1]      # an exact time ends this stretch: it holds no pause after it
        total = max(total, 0.5)
        natural = _speech_ms(total, rates, speaker[a])
        if tb is None:
            span = natural                          # after the last stamp, or before the first
            if end_ms is not None and ta is not None and ta + span > end_ms:
                span = max(end_ms - ta, 1.0)        # ... but not past the recording's end
        elif continues:
            span = tb - ta                          # the same speaker talks up to the next stamp
        else:
            # Before another speaker, speech ends somewhere short of the stamp. Two estimates of
            # where: the even spread (speech up to the stamp, but no slower than speech can
            # plausibly be) and the stamp less the recording's fitted silence, weighed by how
            # much each can be trusted (``plan.trust``). A speaker's fitted pace is not one of
            # them: pace and silence trade off in the fit (0 s fitted against 1.4 s true in one
            # call, 6.2 against 4.4 in another), so it only bounds the speech.
            by_spread = min(tb - ta, natural * MAX_SQUEEZE)
            by_gap = max(natural / MAX_SQUEEZE, tb - ta - plan.handover_gap)
            span = min(max(by_spread + plan.trust * (by_gap - by_spread), 1.0), tb - ta)
        out += _spread_stretch(cum, plan.weight, a, b, ta, span / total)
    return out


def letter_times(plan: Stretches) -> list[tuple[float, float] | None]:
    """(start, end) ms of every word between two stamps by its characters, each stretch from its
    stamp as written up to the next (before another speaker, no slower than speech plausibly is,
    as the syllable model); None for words before the first stamp or after the last."""
    out: list[tuple[float, float] | None] = []
    for a, b, ta, tb, continues in plan.stretches:
        if a not in plan.resolution or tb is None:
            out += [None] * (b - a)
            continue
        written_a = ta - plan.resolution[a] // 2
        written_b = tb - plan.resolution.get(b, 1) // 2
        if not continues:
            natural = _speech_ms(max(plan.cum[b] - plan.cum[a], 0.5), plan.rates, plan.speaker[a])
            written_b = min(written_b, written_a + natural * MAX_SQUEEZE)
        cum_letters = list(accumulate(plan.letters[a:b], initial=0))
        out += _spread_stretch(cum_letters, plan.letters[a:b], 0, b - a, written_a,
                               (written_b - written_a) / max(1, cum_letters[-1]))
    return out


def _speech_ms(syllables: float, rates: dict[str | None, float], who: str | None) -> float:
    """How long ``who`` takes to say words of this syllable weight: at their own pace, else the
    recording's."""
    return syllables / rates.get(who, rates[None]) * 1000


def _spread_stretch(cum, weight, a: int, b: int, ta: float, scale: float) -> list[tuple[float, float]]:
    """(start, end) of words ``a:b`` one after another from ``ta``, ``scale`` ms a unit of ``cum``."""
    cum_a = cum[a]
    return [(ta + (cum[i] - cum_a) * scale, ta + (cum[i] - cum_a + weight[i]) * scale) for i in range(a, b)]


def _segments(anchors, n, speaker) -> list[Stretch]:
    """The stretches from each stamp to the next (and before the first, when words come first)."""
    out = []
    first_word, first_time = anchors[0]
    if first_word:
        out.append(Stretch(0, first_word, None, first_time, True))
    for (a, ta), nxt in zip(anchors, anchors[1:] + [None]):
        b, tb = nxt if nxt else (n, None)
        if b > a:
            out.append(Stretch(a, b, ta, tb, b < n and speaker[b] == speaker[b - 1]))
    return out


def _measurable(cum, stretch: Stretch) -> bool:
    """A stretch between two stamps long enough, in time and in words, to measure a pace on."""
    a, b, ta, tb, _ = stretch
    return ta is not None and tb is not None and tb - ta >= 3000 and cum[b] - cum[a] >= 8


def _speech_rates(segments: list[Stretch], cum, speaker) -> dict[str | None, float]:
    """Syllables a second, per speaker and overall (key None).

    Measured on stretches where the same speaker goes on past the next stamp, which hold no
    turn-taking silence; each stretch counts by its length. Without enough of those, the upper
    quartile of all stretches stands in (the slower ones hold the silences).
    """
    samples: dict[str | None, list[float]] = {}
    fallback: list[float] = []
    for stretch in segments:
        if not _measurable(cum, stretch):
            continue
        a, b, ta, tb, continues = stretch
        rate = (cum[b] - cum[a]) / ((tb - ta) / 1000)
        repeat = max(1, round((cum[b] - cum[a]) / 8))
        fallback.extend([rate] * repeat)
        if continues:
            samples.setdefault(speaker[a], []).extend([rate] * repeat)
            samples.setdefault(None, []).extend([rate] * repeat)
    rates: dict[str | None, float] = {}
    for who, values in samples.items():
        if len(values) >= 8:
            rates[who] = statistics.median(values)
    if None not in rates:
        rates[None] = statistics.quantiles(fallback, n=4)[2] if len(fallback) >= 3 else DEFAULT_RATE
    return rates


def _handover_gap(segments: list[Stretch], cum, rates, speaker) -> float:
    """The recording's typical silence before another speaker's stamp (ms): the median of what
    is left of hand-over stretches after their words at the speaker's rate."""
    left = []
    for a, b, ta, tb, continues in segments:
        if continues or ta is None or tb is None or cum[b] - cum[a] < 8:
            continue
        natural = _speech_ms(cum[b] - cum[a], rates, speaker[a])
        left.append(max(0.0, tb - ta - natural))
    return statistics.median(left) if len(left) >= 5 else 0.0


def _fit_pace(segments: list[Stretch], cum, speaker, rates, handover_gap) -> tuple[dict[str | None, float], float, float]:
    """Each speaker's rate and the recording's hand-over silence (ms), fitted together on every
    stretch between two stamps: a stretch lasts its syllables at its speaker's pace, plus the
    silence before another speaker's stamp when it hands over.

    The rates measured on continuing stretches alone miss the speakers who only answer (they are
    given the recording's rate, though they may talk much faster or slower) and a speaker whose
    few continuing stretches are unlike their turns. Fitting pace and silence together uses their
    hand-over stretches too. The fit is least absolute deviations (silences are outliers, and
    one-sided): alternately each speaker's pace is the syllable-weighted median of their stretches'
    time per syllable, less the silence where they hand over, and the silence is the median of
    what hand-over stretches leave after their words. The recording's pace (the same fit with
    one pace for everyone) counts as PACE_PRIOR_SYLLABLES of evidence for every speaker, so one
    or two turns do not set a pace.
    Also returns how widely hand-over stretches scatter around that silence (ms; 1.4826 times
    the median absolute deviation, which is the standard deviation were the scatter normal).
    Starts from ``rates`` and ``handover_gap`` (continuing stretches alone); with fewer than five
    hand-overs the silence cannot be told from slow speech: those are kept, and the silence is
    taken as uncertain by its own size."""
    by_speaker: dict[str | None, list[tuple[float, float, bool]]] = {}   # (syllables, seconds, hands over)
    for stretch in segments:
        if not _measurable(cum, stretch):
            continue
        a, b, ta, tb, continues = stretch
        by_speaker.setdefault(speaker[a], []).append((cum[b] - cum[a], (tb - ta) / 1000, not continues))
    stretches = [s for own in by_speaker.values() for s in own]
    if sum(1 for *_, hands_over in stretches if hands_over) < 5:
        return rates, handover_gap, handover_gap
    pace = {who: 1 / rates.get(who, rates[None]) for who in by_speaker}
    gap = handover_gap / 1000
    for _ in range(10):
        before = (dict(pace), gap)
        recording = _weighted_median([((d - gap * h) / syl, syl) for syl, d, h in stretches])
        for who, own in by_speaker.items():
            pace[who] = _weighted_median([((d - gap * h) / syl, syl) for syl, d, h in own]
                                         + [(recording, PACE_PRIOR_SYLLABLES)])
        left = [d - syl * pace[who] for who, own in by_speaker.items() for syl, d, h in own if h]
        gap = max(0.0, statistics.median(left))
        if (pace, gap) == before:
            break
    spread = 1.4826 * statistics.median(abs(x - gap) for x in left)
    out = dict(rates)
    for who, per_syllable in [(None, recording), *pace.items()]:
        if per_syllable > 0:
            out[who] = 1 / per_syllable
    return out, gap * 1000, spread * 1000


def _weighted_median(pairs: list[tuple[float, float]]) -> float:
    """The value at half the total weight of (value, weight) pairs."""
    pairs = sorted(pairs)
    half = sum(w for _, w in pairs) / 2
    acc = 0.0
    for value, weight in pairs:
        acc += weight
        if acc >= half:
            return value
    return pairs[-1][0]


def _spread_crowded(segments: list[Stretch], cum, rates, speaker, resolution_ms: dict[int, int]) -> list[Stretch]:
    """Stamps too close for their words (two turns stamped the same second) move apart, but
    never past what their floored stamp allows. Words before the first stamp run backwards
    from it at the speaker's rate."""
    out = []
    shift = 0.0
    for a, b, ta, tb, continues in segments:
        if ta is None:
            natural = _speech_ms(cum[b] - cum[a], rates, speaker[a])
            out.append(Stretch(a, b, max(0.0, tb - natural), tb, continues))
            continue
        ta = ta + shift
        if tb is not None:
            need = _speech_ms(cum[b] - cum[a], rates, speaker[a]) / MAX_SQUEEZE
            moved = max(tb, min(ta + need, tb + resolution_ms.get(b, 1000) // 2 - 1))
            shift = moved - tb
            tb = moved
        out.append(Stretch(a, b, ta, tb, continues))
    return out


def time_words(transcript: Transcript, alignment: Alignment, end_ms: int | None = None) -> list[TimedWord]:
    """Times for the kept clean words, in clean-text order. ``end_ms``: where the recording ends,
    when it is known (no word is placed after it)."""
    starts, ends = transcript_times(transcript, end_ms)
    words = alignment.words
    n = len(words)
    span: list[tuple[int, int] | None] = [None] * n
    for i, (m, kept) in enumerate(zip(alignment.matches, alignment.kept)):
        if m and kept:
            if len(m) == 1:
                span[i] = (starts[m[0]], ends[m[0]])
            else:
                span[i] = (min(starts[j] for j in m), max(ends[j] for j in m))
    ms_per_syllable = _ms_per_syllable(starts, ends, transcript)
    kept = [i for i, keep in enumerate(alignment.kept) if keep]
    times = list(span)                  # the matched words' times; the others' are placed below
    unplaced = [k for k, i in enumerate(kept) if span[i] is None]
    for gap_start, gap_end in _stretches(unplaced):
        run = kept[gap_start:gap_end]
        before = kept[gap_start - 1] if gap_start else None
        after = kept[gap_end] if gap_end < len(kept) else None
        placed = _place_unmatched([words[j] for j in run],
                                  (words[before], times[before]) if before is not None else None,
                                  (words[after], span[after]) if after is not None else None,
                                  ms_per_syllable)
        for i, time in zip(run, placed):
            times[i] = time
    speakers = _speakers(transcript, alignment, kept)
    exact = {a.word for a in transcript.anchors if a.trusted and a.resolution_ms <= 1}
    tw = transcript.words
    spoken_to = [0]                     # the transcript's words' summed durations, up to each word
    for start, end in zip(starts, ends):
        spoken_to.append(spoken_to[-1] + (end - start))
    out = []
    last_match = None                   # the last transcript word of the clean word before
    for i in kept:
        word, (start, end) = words[i], times[i]
        m = alignment.matches[i]
        first = min(m) if m else -1
        # The source's own break: its paragraph, cue or segment starts at this word's first match.
        source_start = first > 0 and tw[first].paragraph != tw[first - 1].paragraph
        # Words the editor dropped between this word and the one before were said in that time.
        said = spoken_to[first] - spoken_to[last_match + 1] if m and last_match is not None and first > last_match + 1 else 0
        out.append(TimedWord(word.text, start, end, speakers[i], word.line, word.block, span[i] is not None,
                             "text", first in exact, source_start, said))
        if m:
            last_match = max(m)
    return out


def _stretches(positions: list[int]) -> list[tuple[int, int]]:
    """Increasing positions as maximal [start, end) stretches of consecutive ones."""
    out: list[tuple[int, int]] = []
    for k in positions:
        if out and out[-1][1] == k:
            out[-1] = (out[-1][0], k + 1)
        else:
            out.append((k, k + 1))
    return out


def _speakers(transcript: Transcript, alignment: Alignment, kept: list[int]) -> dict[int, str | None]:
    """The clean text's speaker of each word; where the text names none, the transcript's turn
    of its matched word (or of the nearest matched word before it), so turns still part captions."""
    out: dict[int, str | None] = {}
    last = None
    matches, words, t_words, turns = alignment.matches, alignment.words, transcript.words, transcript.turns
    for i in kept:
        m = matches[i]
        if m:
            last = turns[t_words[m[0]].turn].speaker
        out[i] = words[i].speaker or last
    return out


def _ms_per_syllable(starts, ends, transcript) -> float:
    spoken = [not w.placeholder for w in transcript.words]
    total_ms = sum(compress(ends, spoken)) - sum(compress(starts, spoken))
    total_syl = sum(map(syllables, compress((w.text for w in transcript.words), spoken)))
    return total_ms / total_syl if total_syl else 1000 / DEFAULT_RATE


def _place_unmatched(run: list[CleanWord], before, after, ms_per_syllable: float) -> list[tuple[int, int]]:
    """Times for clean words with no transcript match (an editor's words).

    Words in the same block as the matched word before them follow it at speaking rate; words in
    the same block as the matched word after them lead into it at speaking rate; the rest share
    what time is left. So "I mean" added before a reply starts just before the reply, not
    halfway through the silence before it.
    """
    weights = [syllables(w.text) for w in run]
    need = [x * ms_per_syllable for x in weights]
    head = 0
    if before:
        while head < len(run) and run[head].block == before[0].block:
            head += 1
    tail = len(run)
    if after:
        while tail > head and run[tail - 1].block == after[0].block:
            tail -= 1
    lo = before[1][1] if before else (after[1][0] - sum(need) if after else 0)
    hi = after[1][0] if after else lo + sum(need)
    lo = max(0, lo)
    if hi - lo < sum(need):
        return _spread(weights, lo, max(lo, hi))   # not enough room: share it
    head_end = lo + sum(need[:head])
    tail_start = hi - sum(need[tail:])
    middle = _spread(weights[head:tail], head_end, tail_start) if tail > head else []
    return (_spread(weights[:head], lo, head_end) + middle + _spread(weights[tail:], tail_start, hi))


def _spread(weights: list[float], lo: float, hi: float) -> list[tuple[int, int]]:
    """Words one after another over [lo, hi], each by its weight."""
    if not weights:
        return []
    scale = (hi - lo) / sum(weights)
    out, t = [], lo
    for w in weights:
        out.append((round(t), max(round(t) + 1, round(t + w * scale))))
        t += w * scale
    return out
