"""Check captions against caption rules: what `captions check` reports, cue by cue.

Rules (names as in `Breach.rule`), hard ones first; a hard breach makes the check fail:

    chars_per_line  a line longer than max_chars_per_line, unless it is one word (nothing to break)
    lines           more lines than max_lines
    too_long        on screen longer than max_duration_ms
    gap             starts less than min_gap_ms after the previous cue ends (overlaps included)
    order           starts before the previous cue starts
    empty           no text

    reading_speed   characters (spaces included, lines joined by a space) a second above
                    max_chars_per_second; a cue with no time on screen always breaks it  (soft)
    too_short       on screen shorter than min_duration_ms                               (soft)
    bad_break       a line other than the last ends where the segmenter would not break: on a
                    word that binds to the next (article, preposition, conjunction,
                    auxiliary ...) without punctuation, or inside a sentence between a
                    first and last name, a number and its unit, a title or initial and
                    the name, a pronoun and its particle (`lexicon.breaks_unit`);
                    in dialogue, where every line starts with a dash or a 'Name:' label,
                    line ends are speakers' ends and never bad                           (soft)

Hard rules are the ones a player, an editor or a delivery spec cannot accept: text that does not
fit the safe area, captions on top of each other or out of order, a caption stuck on screen.
The soft ones are reported for a person to judge: reading speed is a guideline that fast,
unedited speech cannot always meet (the style guides allow exceptions), a short caption of a
quick reply is often the best there is, and a break before an object is awkward but readable.

The shared rules count as ../shared/bench/qc.py counts them (same joining of lines, gaps compared
exactly), but for two differences: qc.py works in float seconds, this in integer milliseconds,
so the two differ where a duration equals a limit to the millisecond and float rounding tips
qc.py's comparison, and qc.py has no one-word exception for long lines. Bad breaks are the
segmenter's (`lexicon`), a longer list than qc.py's binding words: this flags more.
"""
from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import DASHES, breaks_unit, is_sentence_end
from .model import Caption
from .rules import NETFLIX, CaptionRules

HARD = ("chars_per_line", "lines", "too_long", "gap", "order", "empty")
SOFT = ("reading_speed", "too_short", "bad_break")
RULES = HARD + SOFT

_LABEL = re.compile(r"[^\W\d_][\w.'’ -]{0,40}:(?:\s|$)")


@dataclass(frozen=True, slots=True)
class Breach:
    """One rule one cue breaks; ``cue`` is its 1-based position in the file (not an SRT number)."""

    cue: int
    start_ms: int
    rule: str
    value: float
    limit: float
    message: str

    @property
    def hard(self) -> bool:
        return self.rule in HARD


def check_captions(captions: list[Caption], rules: CaptionRules = NETFLIX, tolerance_ms: int = 0,
                   ignore: frozenset[str] = frozenset()) -> list[Breach]:
    """Every breach, by cue then in `RULES` order; at most one a rule a cue. ``tolerance_ms``
    forgives gaps and durations that short of their limit: times snapped to frames round to whole
    milliseconds, so two frames at 24 fps are 83 or 84 ms by where they fall. Rules named in
    ``ignore`` are not checked: a house style turns off what it does not ask for."""
    return [Breach(k + 1, c.start_ms, *found) for k, c in enumerate(captions)
            for found in _breaches(captions, k, rules, tolerance_ms) if found[0] not in ignore]


def _breaches(captions: list[Caption], k: int, rules: CaptionRules,
              tolerance_ms: int) -> Iterator[tuple[str, float, float, str]]:
    """(rule, value, limit, message) for each rule cue ``k`` breaks, in `RULES` order."""
    c = captions[k]
    long_lines = [(len(line), n) for n, line in enumerate(c.lines, 1)
                  if len(line) > rules.max_chars_per_line and " " in line.strip()]
    if long_lines:
        size, n = max(long_lines)
        yield "chars_per_line", size, rules.max_chars_per_line, \
            f"line {n} has {size} characters (at most {rules.max_chars_per_line})"
    if len(c.lines) > rules.max_lines:
        yield "lines", len(c.lines), rules.max_lines, f"{len(c.lines)} lines (at most {rules.max_lines})"
    duration = c.end_ms - c.start_ms
    chars = len(" ".join(c.lines))
    if duration <= 0:
        yield "reading_speed", float("inf"), rules.max_chars_per_second, "no time on screen"
    elif chars * 1000 > rules.max_chars_per_second * duration:
        cps = chars * 1000 / duration
        yield "reading_speed", cps, rules.max_chars_per_second, \
            f"{cps:.1f} characters a second (at most {rules.max_chars_per_second:g})"
    if duration > rules.max_duration_ms:
        yield "too_long", duration, rules.max_duration_ms, f"on screen {duration} ms (at most {rules.max_duration_ms})"
    if k:
        before = captions[k - 1]
        gap = c.start_ms - before.end_ms
        if gap < 0:
            yield "gap", gap, rules.min_gap_ms, f"overlaps cue {k} by {-gap} ms"
        elif gap < rules.min_gap_ms - tolerance_ms:
            yield "gap", gap, rules.min_gap_ms, f"starts {gap} ms after cue {k} ends (at least {rules.min_gap_ms})"
        if c.start_ms < before.start_ms:
            yield "order", c.start_ms, before.start_ms, f"starts before cue {k} starts"
    if not c.lines:
        yield "empty", 0, 1, "no text"
    if duration < rules.min_duration_ms - tolerance_ms:
        yield "too_short", duration, rules.min_duration_ms, \
            f"on screen {duration} ms (at least {rules.min_duration_ms})"
    bad = [] if _is_dialogue(c.lines, rules.dialogue_dash) else [
        (n, line.split()[-1]) for n, line in enumerate(c.lines[:-1], 1)
        if _splits_unit(line, c.lines[n])]
    if bad:
        n, word = bad[0]
        yield "bad_break", len(bad), 0, f"line {n} ends on {word!r}, which belongs with the next line"


def _splits_unit(line: str, next_line: str) -> bool:
    """The line break splits what `lexicon.breaks_unit` keeps together (``the | door``,
    ``25 | percent``, ``Dr. | Martin Fisher``): the knowledge the segmenter breaks lines by."""
    words, after = line.split(), next_line.split()
    if not words:
        return False
    if not after:
        return breaks_unit(words[-1], "", None, True)
    return breaks_unit(words[-1], after[0], after[1] if len(after) > 1 else None,
                       is_sentence_end(words[-1], after[0]))


def _is_dialogue(lines: tuple[str, ...], dash: str) -> bool:
    """Two or more lines, each opening a speaker's turn with a dash or a 'Name:' label."""
    dashes = tuple(d for d in (*DASHES, dash) if d)
    return len(lines) > 1 and all(line.startswith(dashes) or _LABEL.match(line) for line in lines)


def summarize(breaches: list[Breach], n_captions: int) -> dict[str, int | float | bool]:
    """Cues breaking each rule, ``ok`` (share of cues breaking none) and ``hard`` (any hard breach)."""
    counts: dict[str, int | float | bool] = {"captions": n_captions}
    counts.update({rule: sum(1 for b in breaches if b.rule == rule) for rule in RULES})
    counts["ok"] = round(1 - len({b.cue for b in breaches}) / max(1, n_captions), 4)
    counts["hard"] = any(b.hard for b in breaches)
    return counts
