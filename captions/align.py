"""Clean words <-> transcript words. Knows nothing about time.

How, in three steps that stay near-linear on long recordings:
1. Anchors: runs of K words that are rare on both sides are matched and the longest chain of them
   that is in order on both sides is kept (a longest increasing subsequence). A passage the
   transcript repeats (a pre-roll clip) is matched where the rest of the text puts it.
2. Between anchors the keys are aligned with rapidfuzz's Levenshtein opcodes; a lone match far
   from its neighbours is dropped, so a stray "the" never pulls a word minutes away.
3. Clean passages left without anchors are looked for elsewhere in the transcript (an editor
   moved them); they keep their own true time.
Then whole lines are judged: lines outside the aligned passages (titles, comments, related
posts) are dropped; unmatched lines inside a passage (an editor's rewording) are kept.
"""
from __future__ import annotations

import bisect
from collections import Counter, defaultdict
from itertools import chain, compress, repeat
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from .lexicon import CLOSING_PUNCTUATION, OPENING_PUNCTUATION, QUOTE_MARKS
from .model import Alignment, CleanText, CleanWord, TextLine, Transcript
from .normalize import LETTER_OR_DIGIT, join_spelled_letters, keys_of_words

ANCHOR_K = 4              # words in an anchor run: long enough to be rare, short enough to survive edits
ANCHOR_MAX_COUNT = 4      # an anchor run may occur this often on a side (a clip may repeat)
REPEAT_MAX_COUNT = 64     # runs repeated more often than that are too common to place at all
REPEAT_WINDOW = 2000      # a repeated run pairs this many keys around the guide line, plus
GUIDE_SLACK = 0.5         # this share of its distance from the nearest anchor the line runs through
GAP_CELLS = 4_000_000     # largest Levenshtein matrix between two anchors before anchoring finer
MOVED_MIN_KEYS = 12       # a clean passage this long with no match is looked for elsewhere
LINE_MIN_SHARE = 0.34     # a line with at least this share of its keys matched is aligned
FUZZY_RATIO = 75          # similar spellings of one word ("Titter"/"Twitter") also match


SPOKEN_SYMBOLS = {"&", "+", "="}   # symbols said as words: keep them as words


def clean_words(clean: CleanText) -> list[CleanWord]:
    """Split the clean lines into words with keys. A token with no letter or digit (a stray
    quote, a bracket, a dash) is shown with a word, so the caption shows the text as written:
    what closes joins the word before it (at a line's start, the previous line's last word:
    editors' paragraphs often begin with the quote that ends the last one), what opens joins
    the word after it, and anything else follows the word before it after a space."""
    texts: list[str] = []
    where: list[TextLine] = []
    previous_quotes = Counter()
    for line in clean.lines:
        leading, quotes = "", Counter()          # the line's straight quotes so far
        for token in line.text.split():
            # A letter or digit at either end settles it without the regex (its class is isalnum's).
            bare = (not (token[0].isalnum() or token[-1].isalnum() or LETTER_OR_DIGIT.search(token))
                    and token not in SPOKEN_SYMBOLS)
            in_line = bool(texts) and where[-1] is line
            if not bare:
                texts.append(leading + token)
                where.append(line)
                leading = ""
            elif texts and not leading and _closes(token, quotes if in_line else previous_quotes):
                texts[-1] += token
            elif in_line and not leading and not set(token) <= OPENING_PUNCTUATION:
                texts[-1] += " " + token
            else:
                leading += token if set(token) <= OPENING_PUNCTUATION else token + " "
            if "'" in token or '"' in token:
                quotes.update({mark: len(pattern.findall(token)) for mark, pattern in QUOTE_MARKS.items()})
        leading = leading.strip()
        if leading and texts and where[-1] is line:     # opened nothing: it ends the line's last word
            texts[-1] += leading if set(leading) <= CLOSING_PUNCTUATION else " " + leading
        elif leading:                     # a line of punctuation alone: a word of its own
            texts.append(leading)
            where.append(line)
        previous_quotes = quotes
    keys = keys_of_words(texts)
    return [CleanWord(t, ln.number, ln.block, ln.speaker, k) for t, ln, k in zip(texts, where, keys)]


def _closes(token: str, quotes_before: Counter) -> bool:
    """Whether a bare token ends what came before it began: closing marks (a period, a closing
    bracket or curly quote) always do; straight quotes when the text before left them open (an
    odd number of each in ``quotes_before``; apostrophes inside words are not counted)."""
    if not set(token) <= CLOSING_PUNCTUATION:
        return False
    return all(quotes_before[mark] % 2 == 1 for mark in QUOTE_MARKS if mark in token)


def align(transcript: Transcript, clean: CleanText) -> Alignment:
    """Align the clean text's words to the transcript's words."""
    words = clean_words(clean)
    t_words = [w.text if not w.placeholder else "" for w in transcript.words]
    t_keys = join_spelled_letters(t_words)
    ids: dict[str, int] = {}
    c_ids, c_owner = _flatten([w.keys for w in words], ids)
    t_ids, t_owner = _flatten(t_keys, ids)

    pairs, anchored_keys = _align_keys(_Keys(c_ids, t_ids, list(ids)))
    # Each word's transcript words: most match one, so a set is made only for those with more.
    first_match: dict[int, int] = {}
    more_matches: dict[int, set[int]] = {}
    matched_keys = [False] * len(c_ids)
    for c, t in pairs:
        owner, target = c_owner[c], t_owner[t]
        first = first_match.setdefault(owner, target)
        if first != target:
            more_matches.setdefault(owner, {first}).add(target)
        matched_keys[c] = True
    matches = [()] * len(words)
    for i, first in first_match.items():
        matches[i] = (first,)
    for i, m in more_matches.items():
        matches[i] = tuple(sorted(m))
    kept, dropped = _judge_lines(clean.lines, words, c_owner, matched_keys, matches, t_keys)
    kept_words = [i for i, k in enumerate(kept) if k]
    matched_kept = sum(1 for i in kept_words if matches[i])
    share = matched_kept / len(kept_words) if kept_words else 0.0
    return Alignment(
        words=tuple(words),
        matches=tuple(matches),
        kept=tuple(kept),
        dropped_lines=tuple(dropped),
        aligned_share=share,
        anchored_share=len({c_owner[k] for k in anchored_keys}) / len(words) if words else 0.0,
    )


def _flatten(keys_per_word: list[tuple[str, ...]], ids: dict[str, int]) -> tuple[list[int], list[int]]:
    """All keys in a row as ids (new keys get the next id), and the word each came from."""
    keys = list(chain.from_iterable(keys_per_word))
    for k in dict.fromkeys(keys):       # the distinct keys, in order of first appearance
        if k not in ids:
            ids[k] = len(ids)
    flat = list(map(ids.__getitem__, keys))
    owner = [i for i, keys in enumerate(keys_per_word) for _ in keys]
    return flat, owner


# --- key alignment ---------------------------------------------------------------------------

class _Keys:
    """Both sides as key ids, and each id's text (for fuzzy matching of near spellings)."""

    __slots__ = ("c", "t", "names")

    def __init__(self, c: list[int], t: list[int], names: list[str]):
        self.c, self.t, self.names = c, t, names


class Run(NamedTuple):
    """Keys matched one for one along a diagonal: ``clean[c:c+length]`` with
    ``transcript[t:t+length]``."""

    clean: int
    transcript: int
    length: int


def _align_keys(keys: _Keys) -> tuple[list[tuple[int, int]], set[int]]:
    """Matched (clean key, transcript key) index pairs, increasing in both except moved passages,
    and the clean keys inside anchor runs (the strong evidence that both texts are one talk)."""
    c, t = keys.c, keys.t
    t_index = _kgram_index(t, 0, len(t), ANCHOR_K)
    rare, repeated = _shared_kgrams(keys, 0, len(c), ANCHOR_K, ANCHOR_MAX_COUNT, t_index)
    runs = _chain_runs(rare, ANCHOR_K)
    # Runs that repeat (a recurring intro, a text given twice) are placed near the line through
    # the rare anchors, or the diagonal where there are none; when that placed much more, once
    # more along the better line.
    for _ in range(2):
        near_guide = _Guide(runs, len(c), len(t)).candidates(repeated)
        # Both lists are in clean order and hold different clean positions: a stable sort on the
        # clean position interleaves them as _increasing_chain wants.
        better = _chain_runs(sorted(rare + near_guide, key=itemgetter(0)), ANCHOR_K)
        gained = sum(run.length for run in better) - sum(run.length for run in runs)
        runs = better
        if gained < 0.05 * len(c):
            break
    pairs: list[tuple[int, int]] = []
    prev_c, prev_t = 0, 0
    for c0, t0, n in runs + [Run(len(c), len(t), 0)]:
        # The text may start or end anywhere in the transcript: only a gap with an anchor on
        # one side only is searched near that anchor.
        edge = "inner" if not runs else "lead" if (prev_c, prev_t) == (0, 0) else "tail" if n == 0 else "inner"
        pairs.extend(_gap_pairs(keys, prev_c, c0, prev_t, t0, edge))
        pairs.extend(_run_pairs(c0, t0, n))
        prev_c, prev_t = c0 + n, t0 + n
    pairs = _drop_strays(sorted(pairs))
    moved, displaced, moved_anchored = _moved_passages(keys, pairs, t_index)
    if displaced:
        pairs = [p for p in pairs if p[0] not in displaced]
    return sorted(pairs + moved), _covered(runs) | moved_anchored


def _run_pairs(c0: int, t0: int, n: int):
    """The n (clean, transcript) pairs of a run from (c0, t0) along one diagonal."""
    return zip(range(c0, c0 + n), range(t0, t0 + n))


def _covered(runs: list[Run]) -> set[int]:
    """The clean positions inside the runs."""
    return set(chain.from_iterable(range(c0, c0 + n) for c0, _, n in runs))


def _kgram_index(seq: list[int], lo: int, hi: int, k: int) -> dict[tuple, list[int]]:
    """Where each run of k keys starts in seq[lo:hi], in increasing order."""
    index: dict[tuple, list[int]] = defaultdict(list)
    for j, gram in enumerate(_kgrams(seq, lo, hi, k), lo):
        index[gram].append(j)
    return index


def _kgrams(seq: list[int], lo: int, hi: int, k: int):
    """The runs of k keys starting in seq[lo:hi], in order, as tuples."""
    return zip(*(seq[lo + m:hi] for m in range(k)))


class _Guide:
    """Where a clean key is expected in the transcript: a line through known anchor runs."""

    def __init__(self, runs: list[Run], c_len: int, t_len: int):
        points = [(c0, t0) for c0, t0, _ in runs] or [(0, 0), (c_len, t_len)]
        self.cs = [p[0] for p in points]
        self.ts = [p[1] for p in points]

    def candidates(self, repeated: list[tuple[int, list[int]]]) -> list[tuple[int, int]]:
        """Anchor candidates of repeated k-grams ((clean position, transcript positions), in
        clean order): the transcript positions near the line, within a window that widens away
        from the anchors it runs through (the line is surer near them)."""
        cs, ts = self.cs, self.ts
        points = len(cs)
        out: list[tuple[int, int]] = []
        # The hot loop of a long text that repeats itself: names bound locally.
        append, extend, left, right = out.append, out.extend, bisect.bisect_left, bisect.bisect_right
        n = 0                           # the guide points at or before i: bisect_right(cs, i)
        for i, t_pos in repeated:
            while n < points and cs[n] <= i:
                n += 1
            if n == 0:
                expected, nearest = ts[0] - (cs[0] - i), cs[0] - i
            elif n == points:
                expected, nearest = ts[-1] + (i - cs[-1]), i - cs[-1]
            else:
                c0, c1, t0, t1 = cs[n - 1], cs[n], ts[n - 1], ts[n]
                expected = t0 + (t1 - t0) * (i - c0) / (c1 - c0)
                nearest = i - c0 if i - c0 < c1 - i else c1 - i
            window = REPEAT_WINDOW + GUIDE_SLACK * nearest
            lo = left(t_pos, expected - window)
            hi = right(t_pos, expected + window)
            if hi - lo == 1:
                append((i, t_pos[lo]))          # the usual case: one occurrence near the line
            elif hi > lo:
                extend(zip(repeat(i), reversed(t_pos[lo:hi])))
        return out


def _anchor_runs(keys: _Keys, c_lo, c_hi, t_lo, t_hi, k, max_count, t_index=None) -> list[Run]:
    """Runs (clean start, transcript start, length) of an in-order chain of rare k-grams.
    ``t_index`` is the transcript's k-gram index when it covers [t_lo, t_hi) already."""
    if c_hi - c_lo < k or t_hi - t_lo < k:
        return []
    if t_index is None:
        t_index = _kgram_index(keys.t, t_lo, t_hi, k)
    rare, _ = _shared_kgrams(keys, c_lo, c_hi, k, max_count, t_index)
    return _chain_runs(rare, k)


def _shared_kgrams(keys: _Keys, c_lo, c_hi, k, max_count, t_index):
    """The k-grams of c[c_lo:c_hi] the transcript has too. Rare ones (at most ``max_count`` times
    on each side) as anchor candidates (clean position, transcript position); repeated ones (at
    most REPEAT_MAX_COUNT) as (clean position, transcript positions), for a guide to place. Both
    in clean order, the candidates of one clean position in falling transcript order, as
    _increasing_chain wants them."""
    grams = list(_kgrams(keys.c, c_lo, c_hi, k))
    c_counts = Counter(grams)
    rare: list[tuple[int, int]] = []
    repeated: list[tuple[int, list[int]]] = []
    for i, gram in enumerate(grams, c_lo):
        t_pos = t_index.get(gram)
        if not t_pos:
            continue
        c_count = c_counts[gram]
        if len(t_pos) == 1 and c_count <= max_count:
            rare.append((i, t_pos[0]))          # the usual case: a k-gram the transcript has once
        elif len(t_pos) <= max_count and c_count <= max_count:
            rare.extend(zip(repeat(i), reversed(t_pos)))
        elif len(t_pos) <= REPEAT_MAX_COUNT and c_count <= REPEAT_MAX_COUNT:
            repeated.append((i, t_pos))
    return rare, repeated


def _chain_runs(candidates: list[tuple[int, int]], k: int) -> list[Run]:
    """The longest in-order chain of k-gram candidates, as runs (clean start, transcript start,
    length): chained k-grams on one diagonal merge."""
    runs: list[Run] = []
    run_i = run_j = run_len = -1         # the run being built (none while run_len < 0)
    for i, j in _increasing_chain(candidates):
        if run_len >= 0 and i - j == run_i - run_j and i <= run_i + run_len:
            run_len = i + k - run_i                     # extends the run on the same diagonal
        elif run_len < 0 or (i >= run_i + run_len and j >= run_j + run_len):
            if run_len >= 0:
                runs.append(Run(run_i, run_j, run_len))
            run_i, run_j, run_len = i, j, k
    if run_len >= 0:
        runs.append(Run(run_i, run_j, run_len))
    return _consistent_runs(runs, k)


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates, in O(n log n). The pairs come
    sorted by the first coordinate, and by the second falling where the first is equal (so two
    pairs of one clean position never chain)."""
    tails: list[int] = []       # tails[m]: the smallest end of a chain of m + 1 pairs so far
    tail_at: list[int] = []
    parent = [-1] * len(pairs)
    top = -1                    # tails[-1]; pairs mostly come in order and extend the longest chain
    for n, (_, j) in enumerate(pairs):
        if j > top:
            pos = len(tails)
            tails.append(j)
            tail_at.append(n)
            top = j
        else:
            pos = bisect.bisect_left(tails, j)
            tails[pos] = j
            tail_at[pos] = n
            top = tails[-1]
        parent[n] = tail_at[pos - 1] if pos else -1
    out, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = parent[n]
    return out[::-1]


def _consistent_runs(runs: list[Run], k: int) -> list[Run]:
    """Drop short runs that jump far off the diagonal of both neighbours (chance matches)."""
    if len(runs) < 3:
        return runs
    out = []
    for n, run in enumerate(runs):
        i, j, length = run
        if length >= 2 * k or n == 0 or n == len(runs) - 1:
            out.append(run)
            continue
        pi, pj, pl = runs[n - 1]
        ni, nj, _ = runs[n + 1]
        before = abs((j - pj - pl) - (i - pi - pl)) <= max(20, 2 * (i - pi))
        after = abs((nj - j - length) - (ni - i - length)) <= max(20, 2 * (ni - i))
        if before or after:
            out.append(run)
    return out


def _gap_pairs(keys: _Keys, c_lo, c_hi, t_lo, t_hi, edge: str) -> list[tuple[int, int]]:
    """Align the keys between two anchor runs."""
    if c_lo >= c_hi or t_lo >= t_hi:
        return []
    # Before the first anchor and after the last, either side may carry extra text (a title, a
    # pre-roll clip): only look at the transcript next to the anchor, as far as the text could reach.
    reach = 3 * (c_hi - c_lo) + 20
    if edge == "lead":
        t_lo = max(t_lo, t_hi - reach)
    elif edge == "tail":
        t_hi = min(t_hi, t_lo + reach)
    if (c_hi - c_lo) * (t_hi - t_lo) > GAP_CELLS:
        runs = []
        for k in (3, 2):
            runs = _anchor_runs(keys, c_lo, c_hi, t_lo, t_hi, k, 1)
            if runs:
                break
        if not runs:
            return []
        pairs = []
        prev_c, prev_t = c_lo, t_lo
        for c0, t0, n in runs + [Run(c_hi, t_hi, 0)]:
            if (c0 - prev_c) * (t0 - prev_t) <= GAP_CELLS:
                pairs.extend(_gap_pairs(keys, prev_c, c0, prev_t, t0, "inner"))
            pairs.extend(_run_pairs(c0, t0, n))
            prev_c, prev_t = c0 + n, t0 + n
        return pairs
    return _levenshtein_pairs(keys, c_lo, c_hi, t_lo, t_hi)


def _levenshtein_pairs(keys: _Keys, c_lo, c_hi, t_lo, t_hi) -> list[tuple[int, int]]:
    pairs = []
    a, b = keys.c[c_lo:c_hi], keys.t[t_lo:t_hi]
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            pairs.extend(_run_pairs(c_lo + op.src_start, t_lo + op.dest_start, op.src_end - op.src_start))
        elif op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start <= 4:
            for m in range(op.src_end - op.src_start):
                x, y = keys.names[a[op.src_start + m]], keys.names[b[op.dest_start + m]]
                if len(x) >= 4 and ratio(x, y) >= FUZZY_RATIO:
                    pairs.append((c_lo + op.src_start + m, t_lo + op.dest_start + m))
    return pairs


def _drop_strays(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop matches in runs under 3 keys that sit far off the line through their neighbours.
    A run is a stretch of pairs on one diagonal, each one key on from the last on both sides."""
    if len(pairs) < 3:
        return pairs
    cuts = [n for n, ((i0, j0), (i1, j1)) in enumerate(zip(pairs, pairs[1:]), 1)
            if i1 != i0 + 1 or j1 != j0 + 1]
    runs = list(zip([0, *cuts], [*cuts, len(pairs)]))
    next_long: list[tuple[int, int] | None] = []    # per run: the first pair of the next run of 3 or more
    following = None
    for a, b in reversed(runs):
        next_long.append(following)
        if b - a >= 3:
            following = pairs[a]
    next_long.reverse()
    out: list[tuple[int, int]] = []
    for (a, b), nxt in zip(runs, next_long):
        if b - a >= 3:
            out.extend(pairs[a:b])
            continue
        for i, j in pairs[a:b]:
            ok_prev = not out or (j - out[-1][1]) <= 3 * (i - out[-1][0]) + 6
            ok_next = nxt is None or (nxt[1] - j) <= 3 * (nxt[0] - i) + 6
            if ok_prev and ok_next:
                out.append((i, j))
    return out


def _moved_passages(keys: _Keys, pairs, t_index) -> tuple[list[tuple[int, int]], set[int], set[int]]:
    """Find clean passages with no firm match in place, and match them where they are in the
    transcript. A match in a run under 3 keys is no firm match: a lone "I" the in-place
    alignment took from an earlier sentence must not split a moved passage in two and stay
    behind when the passage is found elsewhere; a lone word never leaves its passage.
    Returns the pairs found, the clean keys whose in-place matches they replace, and the clean
    keys inside the found anchor runs."""
    c, t = keys.c, keys.t
    firm = _firm_keys(pairs)
    firm_set = set(firm)
    used_t = {j for i, j in pairs if i in firm_set}
    extra = []
    displaced: set[int] = set()
    anchored: set[int] = set()
    for before, i in zip([-1, *firm], [*firm, len(c)]):
        start = before + 1              # c[start:i] has no firm match
        if i - start < MOVED_MIN_KEYS:
            continue
        runs = _anchor_runs(keys, start, i, 0, len(t), ANCHOR_K, ANCHOR_MAX_COUNT, t_index)
        if sum(run.length for run in runs) < max(8, (i - start) // 4):
            continue
        first, last = runs[0], runs[-1]
        t_lo = max(0, first.transcript - (first.clean - start) - 5)
        t_hi = min(len(t), last.transcript + last.length + (i - last.clean - last.length) + 5)
        found = [(a, b) for a, b in _drop_strays(sorted(
            _gap_pairs(keys, start, first.clean, t_lo, first.transcript, "inner")
            + [pair for c0, t0, n in runs for pair in _run_pairs(c0, t0, n)]
            + [p for (c0, t0, n), (c1, t1, _) in zip(runs, runs[1:])
               for p in _gap_pairs(keys, c0 + n, c1, t0 + n, t1, "inner")]
            + _gap_pairs(keys, last.clean + last.length, i, last.transcript + last.length, t_hi, "inner")))
            if b not in used_t]
        extra.extend(found)
        displaced.update(range(start, i))
        anchored |= _covered(runs)
    return extra, displaced, anchored


def _firm_keys(pairs: list[tuple[int, int]]) -> list[int]:
    """The clean keys, in order, of matches in runs of 3 or more keys on one diagonal."""
    firm: list[int] = []
    run: list[int] = []
    last = None
    for i, j in pairs:
        if last is not None and i == last[0] + 1 and j == last[1] + 1:
            run.append(i)
        else:
            if len(run) >= 3:
                firm.extend(run)
            run = [i]
        last = (i, j)
    if len(run) >= 3:
        firm.extend(run)
    return firm


# --- lines ------------------------------------------------------------------------------------

def _judge_lines(lines, words, c_owner, matched_keys, matches, t_keys):
    """Keep the lines inside aligned passages; drop the rest (furniture, text with no speech).

    An unmatched run of lines between two aligned lines is kept when it sits inside one block,
    when the transcript has unmatched words there for it (a rewording), or when its words are
    spoken close by (a short line the editor moved past its neighbour). ``matches`` are each
    word's transcript words, in order.
    """
    word_line = [w.line for w in words]
    key_line = [word_line[owner] for owner in c_owner]
    keys_in_line = Counter(key_line)
    matched_in_line = Counter(compress(key_line, matched_keys))
    aligned = {}
    for ln in lines:
        total, hit = keys_in_line[ln.number], matched_in_line[ln.number]
        aligned[ln.number] = hit > 0 and (hit >= LINE_MIN_SHARE * total or hit >= 4)
    first_t: dict[int, int] = {}        # per line: the first transcript word of its first matched word
    last_t: dict[int, int] = {}         # and the last of its last
    for line, m in zip(word_line, matches):
        if m:
            first_t.setdefault(line, m[0])
            last_t[line] = m[-1]
    numbers = [ln.number for ln in lines]
    keep_line = dict(aligned)
    keys_by_line = None                 # each line's keys, once a moved line is looked for
    n = 0
    while n < len(lines):
        if aligned[numbers[n]]:
            n += 1
            continue
        start = n
        while n < len(lines) and not aligned[numbers[n]]:
            n += 1
        if start == 0 or n == len(lines):
            continue                        # before the first or after the last aligned line
        before, after = lines[start - 1], lines[n]
        run = lines[start:n]
        run_keys = sum(keys_in_line[ln.number] for ln in run)
        room = first_t.get(after.number, 0) - last_t.get(before.number, 0) - 1
        inside_block = all(ln.block == before.block == after.block for ln in run)
        if not inside_block and room < max(1, run_keys // 4):
            if keys_by_line is None:
                keys_by_line = defaultdict(list)
                for w in words:
                    keys_by_line[w.line].extend(w.keys)
            wanted = {k for ln in run for k in keys_by_line.get(ln.number, ())}
            if not _spoken_nearby(wanted, t_keys, last_t.get(before.number, 0), first_t.get(after.number, 0)):
                continue
        for ln in run:
            keep_line[ln.number] = True
    kept = [keep_line.get(line, False) for line in word_line]
    dropped = [ln for ln in lines if not keep_line[ln.number]]
    return kept, dropped


NEARBY_WORDS = 40  # how far around its neighbours' matches a moved short line is looked for


def _spoken_nearby(wanted: set[str], t_keys, t_before: int, t_after: int) -> bool:
    """Whether at least half of a short line's keys (``wanted``) are said near its neighbours."""
    if not wanted or len(wanted) > 12:
        return False
    lo, hi = max(0, min(t_before, t_after) - NEARBY_WORDS), max(t_before, t_after) + NEARBY_WORDS
    near = {k for keys in t_keys[lo:hi] for k in keys}
    return len(wanted & near) >= 0.5 * len(wanted)
