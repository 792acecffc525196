"""Timed clean words -> captions, by the caption rules.

Where a caption ends, in order of preference: a speaker change (always), the end of the author's
line or paragraph, a sentence end, clause punctuation, before a conjunction or preposition. A
break that splits an article from its noun, a preposition from its object, an auxiliary from its
verb or a first name from a last name costs far more than any of these. The captions of one
speaker's run are chosen together (dynamic programming over word positions, linear in words),
trading these costs against reading speed, duration and a cost per caption so captions are full
but not crowded. Lines inside a caption are broken by the same preferences, balanced and
bottom-heavy. Then the times are settled: linger, chaining, minimum and maximum duration, gaps.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate, compress
from typing import NamedTuple

from .model import Caption, TimedWord
from .lexicon import BREAK_BEFORE, CLOSERS, SOUND_WORDS, bare, breaks_unit, ends_in_clause, ends_in_stop, is_sentence_end
from .rules import CaptionRules

# How bad a break after a word is, by the strongest boundary there (docs/rules.md, "Where
# captions break"): the syntax of the text, strongest first.
COST_LINE_END = 0.0        # the author's own line end (a paragraph end always ends a caption), or
                           # where the timing source starts a paragraph or cue (TimedWord.source_start)
COST_SENTENCE = 0.0        # . ? ! (not after an abbreviation: lexicon.is_sentence_end)
COST_CLAUSE_STRONG = 1.0   # ; or : (a clause's end joining two of them)
COST_CLAUSE = 2.0          # , or a dash
COST_BEFORE_CONJUNCTION = 4.0
COST_ANYWHERE = 7.0
COST_BINDING = 30.0        # article|noun, preposition|object, auxiliary|verb, first|last name, 25|percent
# What a caption costs as a whole.
COST_PER_CAPTION = 4.0     # each caption interrupts the picture: no more of them than the text needs
# Past a comfortable size (one full line) a caption costs more and more to read: the size term is
# COST_PER_CAPTION x (characters / max_chars_per_line)^2, so one full line costs twice a caption's
# base and two full lines five times: text is cut into captions of about a line each, at the
# text's strong points, and of similar length (a square rewards even cuts).
COST_SHARED = 2.0          # a sentence end inside a one-line caption ("Yes. Of course.")
COST_SENTENCE_INSIDE = 12.0  # a sentence end inside a caption longer than a line
NEW_SENTENCE_TAIL = 3      # a sentence starting in a caption's last this many words ...
COST_NEW_SENTENCE_TAIL = 12.0  # ... costs this on top
LINE_BREAK_WEIGHT = 0.5    # a break between two lines shown together hurts less than between captions
COST_SHORT = 6.0           # a caption that cannot stay up its minimum duration
COST_CPS = 20.0            # per unit of reading speed over the limit (as a share of the limit)
COST_ORPHAN = 3.0          # a caption of one or two short words inside a long run
LONG_PAUSE_MS = 1000       # the speaker stops: a silence this long inside a caption ...
COST_LONG_PAUSE = 10.0     # ... costs this, and COST_PAUSE_INSIDE a second more
COST_PAUSE_INSIDE = 4.0
DIALOGUE_MAX_GAP_MS = 1000 # two speakers share a caption only when one follows the other closely
MAX_SHIFT_MS = 500         # how far a caption edge may move off its speech to even out reading time
EXACT_SHIFT_FRAMES = 2     # how far a start the source times exactly may move to keep the caption
                           # before it up its minimum; for reading time it does not move at all


@dataclass
class _Draft:
    start: int
    end: int
    speech_end: int
    lines: list[str]
    voices: list[str | None]
    speaker: str | None
    words: list[TimedWord]
    speech_start: int = -1
    exact: bool = False      # the start is a time the source gives: moved at most EXACT_SHIFT_FRAMES
    sound: bool = False      # a sound description's caption

    def __post_init__(self) -> None:
        if self.speech_start < 0:
            self.speech_start = self.start

    @property
    def chars(self) -> int:
        return len(" ".join(self.lines))

    def spare(self, rules: CaptionRules) -> int:
        """Milliseconds this caption could give away (negative: what it lacks) for reading."""
        return self.end - self.start - _reading_time(self.chars, rules)


def segment(words: list[TimedWord], rules: CaptionRules, speaker_labels: bool = False) -> list[Caption]:
    """Cut timed words into captions that follow ``rules``; captions come out in time order."""
    if not rules.sound_captions:
        words = list(compress(words, [not s for s in sound_words(words)]))
    runs = _runs(words)
    # A speaker is named where the speaker changes, not at each paragraph or sound caption.
    labelled = [speaker_labels and bool(run[0].speaker) and not _is_sound_run(run)
                and (k == 0 or run[0].speaker != runs[k - 1][-1].speaker) for k, run in enumerate(runs)]
    layouts = _caption_layouts(runs, rules, labelled)
    drafts: list[_Draft] = []
    for run, layout in zip(runs, layouts):
        sound = _is_sound_run(run)
        for i, j, lines in layout:
            voice = run[0].speaker if speaker_labels and not sound else None
            # A caption appears when its speech begins: an editor's words with no match in the
            # transcript, mostly not said as written, do not make it start early, unless it
            # needs that time to be read (its first word's time bounds how early it may start).
            first = next((w for w in run[i:j] if w.matched), run[i])
            drafts.append(_Draft(first.start_ms, run[j - 1].end_ms + rules.linger_ms, run[j - 1].end_ms,
                                 lines, [voice] * len(lines), run[0].speaker, run[i:j], run[i].start_ms,
                                 first.exact or first.timed_by == "audio", sound))
    drafts.sort(key=lambda d: d.start)
    drafts = _merge_dialogue(drafts, rules, speaker_labels)
    _settle_times(drafts, rules)
    return [Caption(d.start, d.end, tuple(d.lines), tuple(d.voices) if speaker_labels else (), tuple(d.words))
            for d in drafts]


class _Layout(NamedTuple):
    """One caption of a run: its words ``first:end`` and their display lines."""

    first: int
    end: int
    lines: list[str]


def _caption_layouts(runs: list[list[TimedWord]], rules: CaptionRules, labelled: list[bool]
                     ) -> list[list[_Layout]]:
    """Each run's captions: the caption search.
    ``labelled``: which runs open with their speaker's name."""
    out = []
    for run, label in zip(runs, labelled):
        texts = [w.text for w in run]
        if label:
            texts[0] = f"{run[0].speaker}: {texts[0]}"
        ends = sentence_ends(texts)
        costs = break_costs(run, texts, ends)
        out.append([_Layout(i, j, break_lines(texts[i:j], costs[i:j - 1], rules))
                    for i, j in _caption_spans(run, texts, costs, ends, rules)])
    return out


def sound_words(words: list[TimedWord]) -> list[bool]:
    """Which words belong to a sound description: a bracketed span of at most MAX_SOUND_WORDS
    words between sentences or naming a sound (``(Applause)``, ``[laughs]``; inside a sentence
    another bracket is the speaker's aside or the editor's insertion, ``Otto [G.] Lindberg``), an
    author's line that is all one bracketed span (``(Video: Race narration ends)``), a music
    passage from a note to the next in its paragraph (``♫ la la ♫``), or a lone note."""
    n = len(words)
    out = [False] * n
    i = 0
    while i < n:
        text = words[i].text.lstrip("\"'“‘")
        end = -1
        if text[:1] in NOTES:
            # To the next word with a note in the paragraph (linear: no note lies between), if it closes.
            block = words[i].block
            j = next((j for j in range(i + 1, n) if words[j].block != block or any(ch in NOTES for ch in words[j].text)), n)
            closes = j < n and words[j].block == block and _tail(words[j].text)[-1:] in NOTES
            end = j if closes else i if _tail(text)[-1:] in NOTES else -1
        elif text[:1] in "([":
            close = ")" if text[0] == "(" else "]"
            # Within MAX_SOUND_WORDS, or any length when the span is a line of its own.
            line = words[i].line
            whole_line = i == 0 or words[i - 1].line != line
            stop = min(n, i + MAX_SOUND_WORDS)
            if whole_line:
                stop = next((j for j in range(i, n) if words[j].line != line), n)
            end = next((j for j in range(i, stop)
                        if _tail(words[j].text).endswith(close) and (j > i or len(text) > 2)), -1)
            if end >= MAX_SOUND_WORDS + i and end + 1 < n and words[end + 1].line == line:
                end = -1
            # Inside a sentence, only a bracket that names a sound is one; others are text.
            if not whole_line and not ends_in_stop(words[i - 1].text) and bare(text) not in SOUND_WORDS:
                end = -1
        if end >= i:
            out[i:end + 1] = [True] * (end + 1 - i)
            i = end
        i += 1
    return out


NOTES = "♪♫"
MAX_SOUND_WORDS = 4


def _tail(text: str) -> str:
    return text.rstrip(".,;:!?\"'”’")


def _is_sound_run(run: list[TimedWord]) -> bool:
    """A run is all sound description or all speech (`_runs` splits between them)."""
    return bool(run) and sound_words(run)[0]


def _runs(words: list[TimedWord]) -> list[list[TimedWord]]:
    """Split at speaker changes, the author's paragraph ends, around sound descriptions (each
    gets captions of its own) and where time jumps back (a passage the editor moved)."""
    runs: list[list[TimedWord]] = []
    sound = sound_words(words)
    for k, w in enumerate(words):
        if (runs and w.speaker == runs[-1][-1].speaker and w.block == runs[-1][-1].block
                and w.start_ms >= runs[-1][-1].start_ms - 1000 and sound[k] == sound[k - 1]):
            runs[-1].append(w)
        else:
            runs.append([w])
    return runs


@lru_cache(maxsize=65536)
def _after_word(text: str) -> tuple[float | None, str]:
    """What a break after the word costs by its punctuation (a sentence's or clause's end; None
    without), and its bare form."""
    if ends_in_stop(text):
        punctuation = COST_CLAUSE        # an abbreviation's period; a sentence end is found first
    elif ends_in_clause(text):
        punctuation = COST_CLAUSE_STRONG if text.rstrip(CLOSERS).endswith((";", ":")) else COST_CLAUSE
    else:
        punctuation = None
    return punctuation, bare(text)


def sentence_ends(texts: list[str]) -> list[bool]:
    """ends[i]: word i ends a sentence (an abbreviation such as ``Dr.`` or ``U.S.`` before a
    name does not; `lexicon.is_sentence_end`)."""
    n = len(texts)
    return [is_sentence_end(t, texts[i + 1] if i + 1 < n else None) for i, t in enumerate(texts)]


def break_costs(run: list[TimedWord], texts: list[str], ends: list[bool] | None = None) -> list[float]:
    """cost[i]: how bad a caption or line break between word i and word i+1 is (``ends``: the
    words' `sentence_ends`, when already worked out)."""
    costs = []
    endings = [_after_word(t) for t in texts]
    if ends is None:
        ends = sentence_ends(texts)
    n = len(texts)
    for i in range(n - 1):
        same_line = run[i].line == run[i + 1].line
        if not same_line or run[i + 1].source_start:
            cost = COST_LINE_END
        elif ends[i]:
            cost = COST_SENTENCE
        elif endings[i][0] is not None:
            cost = endings[i][0]
        elif endings[i + 1][1] in BREAK_BEFORE:
            cost = COST_BEFORE_CONJUNCTION
        else:
            cost = COST_ANYWHERE
        # "... on this" / "4/20" bind even at the author's line end; a name pair ('Elon Musk'),
        # a title or initial and its name, a number and its unit do inside a line and sentence.
        if breaks_unit(texts[i], texts[i + 1], texts[i + 2] if i + 2 < n else None, ends[i], same_line):
            cost += COST_BINDING
        costs.append(cost)
    return costs


def _caption_spans(run, texts, costs, ends, rules: CaptionRules) -> list[tuple[int, int]]:
    """Word ranges [i, j) of the best captions for one run (dynamic programming, O(n) candidates
    a word). The display cost is inlined: this loop is the hot path of a long transcript.

    Only the candidates whose cost before the display terms (all of them >= 0) is below the best
    cost found so far for their end can win; the display terms are worked out for those alone."""
    n = len(run)
    best = [math.inf] * (n + 1)
    back = [0] * (n + 1)
    best[0] = 0.0
    cpl, max_lines, max_chars = rules.max_chars_per_line, rules.max_lines, rules.max_chars
    sentence_end = ends
    starts = [w.start_ms for w in run]
    ends = [w.end_ms for w in run]
    gap, linger, chain = rules.min_gap_ms, rules.linger_ms, rules.chain_gap_ms
    min_dur, max_dur, ms_per_char = rules.min_duration_ms, rules.max_duration_ms, 1000 / rules.max_chars_per_second
    # How long a caption ending at word j may stay up: until the next word (less the gap), or a
    # linger and a chaining gap past the run's last word.
    limit_after = [starts[j + 1] - gap for j in range(n - 1)] + [ends[-1] + linger + chain]
    end_cost = costs + [0.0]            # the break after word j; none after the run's last word
    # Characters of words i..j are text_end[j + 1] - text_end[i] - 1; the silence a caption of
    # words i..j spans (what its pauses of LONG_PAUSE_MS or more cost) is silence_to[j] - silence_to[i].
    text_end = [0]
    for t in texts:
        text_end.append(text_end[-1] + len(t) + 1)
    silence_to = [0.0]
    for j in range(1, n):
        # Time spent saying words the editor dropped is speech: the speaker did not stop.
        pause = starts[j] - ends[j - 1] - run[j].said_before_ms
        silence_to.append(silence_to[-1] + (COST_LONG_PAUSE + COST_PAUSE_INSIDE * pause / 1000
                                            if pause >= LONG_PAUSE_MS else 0.0))
    # Sentence ends among words 0..k-1, and the last sentence end at or before word k.
    stops_to = [0, *accumulate(map(int, sentence_end))]
    last_stop, k = [], -1
    for j, e in enumerate(sentence_end):
        k = j if e else k
        last_stop.append(k)
    size_weight = COST_PER_CAPTION / (cpl * cpl)
    last_fit, first_fit = _line_fits(text_end, cpl)
    two_lines = max_lines == 2
    # The candidates from word i run to before the first word that breaks a limit: one more line
    # than max_lines when filled greedily (line after line from last_fit), more than max_chars
    # (that word moves on with i), or speech past max_duration_ms.
    line_stops = list(range(n))
    for _ in range(max_lines):
        line_stops = [last_fit[stop] + 1 if stop < n else n for stop in line_stops]
    # The latest end of words 0..j: where it is within a caption's maximum duration, so is every
    # word's end up to j (times mostly run forward; the words are looked at one by one otherwise).
    latest_end = list(accumulate(ends, max))
    chars_stop = 0
    for i, stop in enumerate(line_stops):
        start = starts[i]
        hard_limit = start + max_dur
        shortest_end = start + min_dur
        text_start = text_end[i] + 1
        if chars_stop <= i:
            chars_stop = i + 1
        while chars_stop < n and text_end[chars_stop + 1] - text_start <= max_chars:
            chars_stop += 1
        if chars_stop < stop:
            stop = chars_stop
        if stop > i + 1 and latest_end[stop - 1] > hard_limit:
            stop = next((j for j in range(i + 1, stop) if ends[j] > hard_limit), stop)
        base = best[i] + COST_PER_CAPTION
        silence_before = silence_to[i]
        for j in [j for j in range(i, stop) if base + end_cost[j] < best[j + 1]]:
            cost = base + end_cost[j]
            chars = text_end[j + 1] - text_start
            # Display: how long the caption can stay up against what its text needs.
            limit = limit_after[j] if limit_after[j] < hard_limit else hard_limit
            reading = chars * ms_per_char
            wanted = ends[j] + linger
            if wanted < shortest_end:
                wanted = shortest_end
            if wanted < start + reading:
                wanted = start + reading
            shown = (wanted if wanted < limit else limit) - start
            if shown < 1:
                shown = 1
            if shown < min_dur:
                cost += COST_SHORT
            if reading > shown:
                cost += COST_CPS * (reading / shown - 1)
            silence = silence_to[j] - silence_before
            if silence:
                cost += silence
            cost += size_weight * chars * chars
            if stops_to[j] > stops_to[i]:
                # Sentence ends before the last word: two sentences share this caption.
                if chars <= cpl:
                    cost += COST_SHARED
                else:
                    cost += COST_SENTENCE_INSIDE * (stops_to[j] - stops_to[i])
                    if j - last_stop[j - 1] <= NEW_SENTENCE_TAIL:
                        cost += COST_NEW_SENTENCE_TAIL
            if two_lines and chars > cpl:
                # The best break with words i..k on the first line and k+1..j on the second.
                line_breaks = costs[first_fit[j] if first_fit[j] > i else i:last_fit[i] + 1]
                cost += LINE_BREAK_WEIGHT * (min(line_breaks) if line_breaks else COST_BINDING)
            if j - i < 2 and chars < 12 and 0 < i and j < n - 1:
                cost += COST_ORPHAN
            if cost < best[j + 1]:
                best[j + 1], back[j + 1] = cost, i
    spans, j = [], n
    while j > 0:
        spans.append((back[j], j))
        j = back[j]
    return spans[::-1]


def _line_fits(text_end: list[int], cpl: int) -> tuple[list[int], list[int]]:
    """Where lines of at most ``cpl`` characters can break (``text_end``: the words' running
    length, a space after each): ``last_fit[i]`` is the largest k with words i..k on one line,
    ``first_fit[j]`` the smallest k with words k+1..j on one line."""
    n = len(text_end) - 1
    last_fit = [0] * n
    k = 0
    for i in range(n):
        k = max(k, i)
        while k + 1 < n and text_end[k + 2] - text_end[i] - 1 <= cpl:
            k += 1
        last_fit[i] = k
    first_fit = [0] * n
    k = -1
    for j in range(n):
        while text_end[j + 1] - text_end[k + 1] - 1 > cpl and k < j - 1:
            k += 1
        first_fit[j] = k
    return last_fit, first_fit


def break_lines(texts: list[str], costs: list[float], rules: CaptionRules) -> list[str]:
    """Break one caption's words into at most ``max_lines`` lines: fewest lines, good breaks,
    balanced, bottom-heavy when uneven. Every layout is weighed whole (a caption has a handful of
    words, so there are few), so balance decides between equally good breaks."""
    full = " ".join(texts)
    cpl = rules.max_chars_per_line
    if len(full) <= cpl or len(texts) == 1:
        return [full]
    text_end = [0]
    for t in texts:
        text_end.append(text_end[-1] + len(t) + 1)
    if rules.max_lines == 2:
        return _two_lines(texts, costs, text_end, cpl)
    best: tuple[float, list[int]] | None = None
    for cuts in _layouts(text_end, cpl, max(1, rules.max_lines)):
        bounds = [0, *cuts, len(texts)]
        lengths = [text_end[y] - text_end[x] - 1 for x, y in zip(bounds, bounds[1:])]
        cost = sum(costs[c - 1] for c in cuts) + _raggedness(lengths, cpl) + 10.0 * len(cuts)
        if best is None or cost < best[0]:
            best = (cost, bounds)
    if best is None:
        return _greedy(texts, cpl)
    bounds = best[1]
    return [" ".join(texts[x:y]) for x, y in zip(bounds, bounds[1:])]


def _two_lines(texts: list[str], costs: list[float], text_end: list[int], cpl: int) -> list[str]:
    """break_lines for at most two lines (the usual rules), without the general enumeration: the
    same layouts in the same order, each costed with the same arithmetic, the first best kept."""
    n = len(texts)
    upper_weight, lower_weight = _ragged_weights(cpl)
    best_cost, best_cut = None, None
    for end in range(n):
        upper = text_end[end + 1] - 1
        if upper > cpl:
            break
        if end == n - 1:                    # all on one line (break_lines returned before)
            cost = 0 + 0.0 + 10.0 * 0
            cut = n
        else:
            lower = text_end[n] - text_end[end + 1] - 1
            if lower > cpl:
                continue
            diff = upper - lower
            cost = 0 + costs[end] + (0.0 + (upper_weight if diff > 0 else lower_weight) * diff * diff) + 10.0 * 1
            cut = end + 1
        if best_cost is None or cost < best_cost:
            best_cost, best_cut = cost, cut
    if best_cut is None:
        return _greedy(texts, cpl)
    if best_cut == n:
        return [" ".join(texts)]
    return [" ".join(texts[:best_cut]), " ".join(texts[best_cut:])]


def _layouts(text_end: list[int], cpl: int, max_lines: int, start: int = 0):
    """Every way to cut the words from ``start`` on into at most ``max_lines`` lines that fit:
    the cut points (``text_end``: the words' running length, a space after each)."""
    n = len(text_end) - 1
    if max_lines == 1:
        if text_end[n] - text_end[start] - 1 <= cpl:
            yield []
        return
    for end in range(start, n):
        if text_end[end + 1] - text_end[start] - 1 > cpl:
            return
        if end == n - 1:
            yield []
        else:
            for rest in _layouts(text_end, cpl, max_lines - 1, end + 1):
                yield [end + 1, *rest]


def _ragged_weights(cpl: int) -> tuple[float, float]:
    """Raggedness per character squared when the upper line is longer, and when the lower one is:
    lines that differ by half a line cost what a break anywhere costs (the syntax of a break
    counts first, balance next: BBC Subtitle Guidelines s. 6), a longer upper line a quarter more
    (bottom-heavy when uneven: Netflix)."""
    weight = COST_ANYWHERE / (cpl / 2) ** 2
    return 1.25 * weight, weight


def _raggedness(lengths: list[int], cpl: int) -> float:
    """Uneven lines cost more the more uneven they are (`_ragged_weights`)."""
    upper_weight, lower_weight = _ragged_weights(cpl)
    cost = 0.0
    for upper, lower in zip(lengths, lengths[1:]):
        diff = upper - lower
        cost += (upper_weight if diff > 0 else lower_weight) * diff * diff
    return cost


def _greedy(texts: list[str], cpl: int) -> list[str]:
    lines: list[str] = []
    for t in texts:
        if lines and len(lines[-1]) + 1 + len(t) <= cpl:
            lines[-1] += " " + t
        else:
            lines.append(t)
    return lines


def _merge_dialogue(drafts: list[_Draft], rules: CaptionRules, labels: bool) -> list[_Draft]:
    """Two speakers' short one-line captions become one, a line each (Netflix dialogue style):
    each line starts with the dialogue dash, or with the speaker's name when labels are on."""
    if rules.max_lines < 2:
        return drafts
    out: list[_Draft] = []
    k = 0
    while k < len(drafts):
        a = drafts[k]
        b = drafts[k + 1] if k + 1 < len(drafts) else None
        after = drafts[k + 2].start if k + 2 < len(drafts) else None
        if b and _dialogue_fits(a, b, after, rules, labels):
            lines = [_dialogue_line(a, rules, labels), _dialogue_line(b, rules, labels)]
            out.append(_Draft(a.start, b.end, b.speech_end, lines, a.voices + b.voices, b.speaker, a.words + b.words,
                              a.speech_start, a.exact))
            k += 2
        else:
            out.append(a)
            k += 1
    return out


def _dialogue_line(d: _Draft, rules: CaptionRules, labels: bool) -> str:
    line = d.lines[0]
    if not labels or not d.speaker:
        return rules.dialogue_dash + line
    label = f"{d.speaker}: "
    return line if line.startswith(label) else label + line


def _dialogue_fits(a: _Draft, b: _Draft, after: int | None, rules: CaptionRules, labels: bool) -> bool:
    if a.speaker == b.speaker or len(a.lines) != 1 or len(b.lines) != 1 or a.sound or b.sound:
        return False
    if any(len(_dialogue_line(d, rules, labels)) > rules.max_chars_per_line for d in (a, b)):
        return False
    if b.speech_end + rules.linger_ms - a.start > rules.max_duration_ms or b.start - a.speech_end > DIALOGUE_MAX_GAP_MS:
        return False
    return _too_quick(a, b.start, rules) or _too_quick(b, after, rules)


def _too_quick(d: _Draft, next_start: int | None, rules: CaptionRules) -> bool:
    limit = d.start + rules.max_duration_ms if next_start is None else next_start - rules.min_gap_ms
    shown = min(limit, max(d.speech_end + rules.linger_ms, d.start + rules.min_duration_ms)) - d.start
    return shown < rules.min_duration_ms or d.chars * 1000 > rules.max_chars_per_second * max(shown, 1)


def _settle_times(drafts: list[_Draft], rules: CaptionRules) -> None:
    """Final times: in order, each visible at least its minimum, lengthened for reading speed
    where the next caption allows, gaps under the chaining threshold closed to the minimum gap."""
    gap = rules.min_gap_ms
    for prev, d in zip(drafts, drafts[1:]):
        # Words squeezed together by interpolation: keep each caption up long enough to read. An
        # exact start moves at most two frames (the caption before is then short: reported).
        wanted = prev.start + rules.min_duration_ms + gap
        if d.exact:
            wanted = min(wanted, max(d.start + _exact_shift(rules), prev.start + 1 + gap))
        d.start = max(d.start, wanted)
    for k, d in enumerate(drafts):
        nxt = drafts[k + 1].start if k + 1 < len(drafts) else None
        limit = d.start + rules.max_duration_ms
        if nxt is not None:
            limit = min(limit, nxt - gap)
        wanted = max(d.speech_end + rules.linger_ms, d.start + _reading_time(d.chars, rules))
        d.end = min(wanted, limit)
        if nxt is not None and nxt - d.end <= rules.chain_gap_ms:
            d.end = min(nxt - gap, d.start + rules.max_duration_ms)
        d.end = max(d.end, d.start + 1)
    _even_out_reading_time(drafts, rules)


def _reading_time(chars: int, rules: CaptionRules) -> int:
    """Milliseconds a caption of ``chars`` characters needs on screen (1 ms over the exact limit,
    so a reader computing in floating-point seconds never sees it a hair too fast)."""
    return max(rules.min_duration_ms, math.ceil(chars * 1000 / rules.max_chars_per_second) + 1)


def _exact_shift(rules: CaptionRules) -> int:
    """How far an exactly timed start may move: EXACT_SHIFT_FRAMES frames, in whole ms."""
    return int(EXACT_SHIFT_FRAMES * 1000 / rules.fps)


def _even_out_reading_time(drafts: list[_Draft], rules: CaptionRules) -> None:
    """A caption too quick to read takes time from its neighbours, moving the edges between
    captions by at most MAX_SHIFT_MS off the speech. An exact start does not move: the time comes
    from the caption's end and the gap after it, or the breach is reported.

    First backward: a caption that lacks time starts earlier and ends the one before earlier; that
    one may then lack and pass the shortfall on, so a run of chained captions shares its time.
    Then forward, what is still lacking is taken the same way from the captions after. Starting a
    little early reads better than starting late, so the earlier edge is moved first.
    """
    gap = rules.min_gap_ms
    for k in range(len(drafts) - 1, -1, -1):
        d = drafts[k]
        prev = drafts[k - 1] if k else None
        lack = -d.spare(rules)
        if lack <= 0:
            continue
        earliest_start = max(d.start if d.exact else d.speech_start - MAX_SHIFT_MS,
                             d.end - rules.max_duration_ms, 0,
                             prev.start + rules.min_duration_ms + gap if prev else 0)
        new_start = max(d.start - lack, earliest_start)
        if new_start < d.start:
            d.start = new_start
            if prev:
                prev.end = min(prev.end, d.start - gap)
    for k in range(len(drafts) - 1):
        d, nxt = drafts[k], drafts[k + 1]
        lack = -d.spare(rules)
        if lack <= 0:
            continue
        latest_start = min(nxt.start if nxt.exact else nxt.speech_start + MAX_SHIFT_MS,
                           nxt.end - rules.min_duration_ms)
        new_end = min(d.end + lack, latest_start - gap, d.start + rules.max_duration_ms)
        if new_end > d.end:
            d.end = new_end
            nxt.start = max(nxt.start, d.end + gap)
