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
from collections import defaultdict

from rapidfuzz.distance import Levenshtein
from rapidfuzz.fuzz import ratio

from .model import Alignment, CleanText, CleanWord, TextLine, Transcript
from .normalize import join_spelled_letters, keys_of_words

ANCHOR_K = 4              # words in an anchor run: long enough to be rare, short enough to survive edits
ANCHOR_MAX_COUNT = 4      # an anchor run may occur this often on a side (a clip may repeat)
REPEAT_MAX_COUNT = 64     # runs repeated more often than that are too common to place at all
REPEAT_WINDOW = 2000      # a repeated run pairs this many keys around the guide line, plus
GUIDE_SLACK = 0.5         # this share of its distance from the nearest anchor the line runs through
GAP_CELLS = 4_000_000     # largest Levenshtein matrix between two anchors before anchoring finer
MOVED_MIN_KEYS = 12       # a clean passage this long with no match is looked for elsewhere
LINE_MIN_SHARE = 0.34     # a line with at least this share of its keys matched is aligned
FUZZY_RATIO = 75          # similar spellings of one word ("Titter"/"Twitter") also match


CLOSING_PUNCTUATION = set(".,;:!?…)]}\"'”’")
SPOKEN_SYMBOLS = {"&", "+", "="}   # symbols said as words: keep them as words


def clean_words(clean: CleanText) -> list[CleanWord]:
    """Split the clean lines into words with keys. A token with no letter or digit (a dash, a
    stray quote) joins the word before it: closing punctuation directly, anything else after a
    space, so the caption shows the text as written."""
    texts: list[str] = []
    where: list[TextLine] = []
    for line in clean.lines:
        for token in line.text.split():
            bare = not any(ch.isalnum() for ch in token) and token not in SPOKEN_SYMBOLS
            if bare and texts and where[-1] is line:
                texts[-1] += token if set(token) <= CLOSING_PUNCTUATION else " " + token
                continue
            texts.append(token)
            where.append(line)
    keys = keys_of_words(texts)
    return [CleanWord(t, ln.number, ln.block, ln.speaker, k) for t, ln, k in zip(texts, where, keys)]


def align(transcript: Transcript, clean: CleanText) -> Alignment:
    """Align the clean text's words to the transcript's words."""
    words = clean_words(clean)
    t_words = [w.text if not w.placeholder else "" for w in transcript.words]
    t_keys = join_spelled_letters(t_words)
    ids: dict[str, int] = {}
    c_ids, c_owner = _flatten([w.keys for w in words], ids)
    t_ids, t_owner = _flatten(t_keys, ids)

    pairs, anchored_keys = _align_keys(_Keys(c_ids, t_ids, list(ids)))
    word_matches: list[set[int]] = [set() for _ in words]
    matched_keys = [False] * len(c_ids)
    for c, t in pairs:
        word_matches[c_owner[c]].add(t_owner[t])
        matched_keys[c] = True
    kept, dropped = _judge_lines(clean.lines, words, c_owner, matched_keys, word_matches, t_keys)
    kept_words = [i for i, k in enumerate(kept) if k]
    matched_kept = sum(1 for i in kept_words if word_matches[i])
    share = matched_kept / len(kept_words) if kept_words else 0.0
    return Alignment(
        words=tuple(words),
        matches=tuple(tuple(sorted(m)) for m in word_matches),
        kept=tuple(kept),
        dropped_lines=tuple(dropped),
        aligned_share=share,
        anchored_share=len({c_owner[k] for k in anchored_keys}) / len(words) if words else 0.0,
    )


def _flatten(keys_per_word: list[tuple[str, ...]], ids: dict[str, int]) -> tuple[list[int], list[int]]:
    flat, owner = [], []
    for i, keys in enumerate(keys_per_word):
        for k in keys:
            flat.append(ids.setdefault(k, len(ids)))
            owner.append(i)
    return flat, owner


# --- key alignment ---------------------------------------------------------------------------

class _Keys:
    """Both sides as key ids, and each id's text (for fuzzy matching of near spellings)."""

    __slots__ = ("c", "t", "names")

    def __init__(self, c: list[int], t: list[int], names: list[str]):
        self.c, self.t, self.names = c, t, names


def _align_keys(keys: _Keys) -> tuple[list[tuple[int, int]], set[int]]:
    """Matched (clean key, transcript key) index pairs, increasing in both except moved passages,
    and the clean keys inside anchor runs (the strong evidence that both texts are one talk)."""
    c, t = keys.c, keys.t
    t_index = _kgram_index(t, 0, len(t), ANCHOR_K)
    rare = _anchor_runs(c, t, 0, len(c), 0, len(t), ANCHOR_K, ANCHOR_MAX_COUNT, t_index)
    # Runs that repeat (a recurring intro, a text given twice) are placed near the line through
    # the rare anchors, or the diagonal where there are none; when that placed much more, once
    # more along the better line.
    runs = rare
    for _ in range(2):
        better = _anchor_runs(c, t, 0, len(c), 0, len(t), ANCHOR_K, ANCHOR_MAX_COUNT, t_index,
                              _Guide(runs, len(c), len(t)))
        gained = sum(n for *_, n in better) - sum(n for *_, n in runs)
        runs = better
        if gained < 0.05 * len(c):
            break
    pairs: list[tuple[int, int]] = []
    prev_c, prev_t = 0, 0
    for c0, t0, n in runs + [(len(c), len(t), 0)]:
        # The text may start or end anywhere in the transcript: only a gap with an anchor on
        # one side only is searched near that anchor.
        edge = "inner" if not runs else "lead" if (prev_c, prev_t) == (0, 0) else "tail" if n == 0 else "inner"
        pairs.extend(_gap_pairs(keys, prev_c, c0, prev_t, t0, edge))
        pairs.extend((c0 + k, t0 + k) for k in range(n))
        prev_c, prev_t = c0 + n, t0 + n
    pairs = _drop_strays(sorted(pairs))
    moved, moved_anchored = _moved_passages(keys, pairs, t_index)
    anchored = {c0 + m for c0, _, n in runs for m in range(n)} | moved_anchored
    return sorted(pairs + moved), anchored


def _kgram_index(seq: list[int], lo: int, hi: int, k: int) -> dict[tuple, list[int]]:
    index: dict[tuple, list[int]] = defaultdict(list)
    for j in range(lo, hi - k + 1):
        index[tuple(seq[j:j + k])].append(j)
    return index


class _Guide:
    """Where a clean key is expected in the transcript: a line through known anchor runs."""

    def __init__(self, runs: list[tuple[int, int, int]], c_len: int, t_len: int):
        points = [(c0, t0) for c0, t0, _ in runs] or [(0, 0), (c_len, t_len)]
        self.cs = [p[0] for p in points]
        self.ts = [p[1] for p in points]

    def window(self, i: int) -> float:
        """How far from the line to look: the line is surer near the anchors it runs through."""
        n = bisect.bisect_right(self.cs, i)
        nearest = min(abs(i - self.cs[m]) for m in (n - 1, n) if 0 <= m < len(self.cs))
        return REPEAT_WINDOW + GUIDE_SLACK * nearest

    def __call__(self, i: int) -> float:
        n = bisect.bisect_right(self.cs, i)
        if n == 0:
            return self.ts[0] - (self.cs[0] - i)
        if n == len(self.cs):
            return self.ts[-1] + (i - self.cs[-1])
        c0, c1, t0, t1 = self.cs[n - 1], self.cs[n], self.ts[n - 1], self.ts[n]
        return t0 + (t1 - t0) * (i - c0) / (c1 - c0)


def _anchor_runs(c, t, c_lo, c_hi, t_lo, t_hi, k, max_count, t_index=None,
                 guide: _Guide | None = None) -> list[tuple[int, int, int]]:
    """Runs (clean start, transcript start, length) of an in-order chain of rare k-grams.

    ``t_index`` is the transcript's k-gram index when it covers [t_lo, t_hi) already. With a
    ``guide``, k-grams too common to be anchors on their own pair within REPEAT_WINDOW of it.
    """
    if c_hi - c_lo < k or t_hi - t_lo < k:
        return []
    if t_index is None:
        t_index = _kgram_index(t, t_lo, t_hi, k)
    c_index = _kgram_index(c, c_lo, c_hi, k)
    candidates = []
    for gram, c_pos in c_index.items():
        t_pos = t_index.get(gram)
        if not t_pos:
            continue
        if len(t_pos) <= max_count and len(c_pos) <= max_count:
            candidates.extend((i, j) for i in c_pos for j in t_pos)
        elif guide is not None and len(t_pos) <= REPEAT_MAX_COUNT and len(c_pos) <= REPEAT_MAX_COUNT:
            for i in c_pos:
                expected, window = guide(i), guide.window(i)
                lo = bisect.bisect_left(t_pos, expected - window)
                hi = bisect.bisect_right(t_pos, expected + window)
                candidates.extend((i, j) for j in t_pos[lo:hi])
    chain = _increasing_chain(candidates)
    runs: list[list[int]] = []
    for i, j in chain:
        if runs and i - j == runs[-1][0] - runs[-1][1] and i <= runs[-1][0] + runs[-1][2]:
            runs[-1][2] = i + k - runs[-1][0]          # extends the run on the same diagonal
        elif not runs or (i >= runs[-1][0] + runs[-1][2] and j >= runs[-1][1] + runs[-1][2]):
            runs.append([i, j, k])
    return _consistent_runs([tuple(r) for r in runs], k)


def _increasing_chain(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Longest chain of pairs increasing in both coordinates, in O(n log n)."""
    pairs = sorted(pairs, key=lambda p: (p[0], -p[1]))
    tails: list[int] = []
    tail_at: list[int] = []
    parent = [-1] * len(pairs)
    for n, (_, j) in enumerate(pairs):
        pos = bisect.bisect_left(tails, j)
        if pos == len(tails):
            tails.append(j)
            tail_at.append(n)
        else:
            tails[pos] = j
            tail_at[pos] = n
        parent[n] = tail_at[pos - 1] if pos else -1
    out, n = [], tail_at[-1] if tail_at else -1
    while n >= 0:
        out.append(pairs[n])
        n = parent[n]
    return out[::-1]


def _consistent_runs(runs: list[tuple[int, int, int]], k: int) -> list[tuple[int, int, int]]:
    """Drop short runs that jump far off the diagonal of both neighbours (chance matches)."""
    if len(runs) < 3:
        return runs
    out = []
    for n, (i, j, length) in enumerate(runs):
        if length >= 2 * k or n == 0 or n == len(runs) - 1:
            out.append((i, j, length))
            continue
        pi, pj, pl = runs[n - 1]
        ni, nj, _ = runs[n + 1]
        before = abs((j - pj - pl) - (i - pi - pl)) <= max(20, 2 * (i - pi))
        after = abs((nj - j - length) - (ni - i - length)) <= max(20, 2 * (ni - i))
        if before or after:
            out.append((i, j, length))
    return out


def _gap_pairs(keys: _Keys, c_lo, c_hi, t_lo, t_hi, edge: str) -> list[tuple[int, int]]:
    """Align the keys between two anchor runs."""
    c, t = keys.c, keys.t
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
            runs = _anchor_runs(c, t, c_lo, c_hi, t_lo, t_hi, k, 1)
            if runs:
                break
        if not runs:
            return []
        pairs = []
        prev_c, prev_t = c_lo, t_lo
        for c0, t0, n in runs + [(c_hi, t_hi, 0)]:
            if (c0 - prev_c) * (t0 - prev_t) <= GAP_CELLS:
                pairs.extend(_gap_pairs(keys, prev_c, c0, prev_t, t0, "inner"))
            pairs.extend((c0 + m, t0 + m) for m in range(n))
            prev_c, prev_t = c0 + n, t0 + n
        return pairs
    return _levenshtein_pairs(keys, c_lo, c_hi, t_lo, t_hi)


def _levenshtein_pairs(keys: _Keys, c_lo, c_hi, t_lo, t_hi) -> list[tuple[int, int]]:
    pairs = []
    a, b = keys.c[c_lo:c_hi], keys.t[t_lo:t_hi]
    for op in Levenshtein.opcodes(a, b):
        if op.tag == "equal":
            pairs.extend((c_lo + op.src_start + m, t_lo + op.dest_start + m) for m in range(op.src_end - op.src_start))
        elif op.tag == "replace" and op.src_end - op.src_start == op.dest_end - op.dest_start <= 4:
            for m in range(op.src_end - op.src_start):
                x, y = keys.names[a[op.src_start + m]], keys.names[b[op.dest_start + m]]
                if len(x) >= 4 and ratio(x, y) >= FUZZY_RATIO:
                    pairs.append((c_lo + op.src_start + m, t_lo + op.dest_start + m))
    return pairs


def _drop_strays(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Drop matches in runs under 3 keys that sit far off the line through their neighbours."""
    if len(pairs) < 3:
        return pairs
    n_pairs = len(pairs)
    run_len = [1] * n_pairs
    for n in range(1, n_pairs):
        if pairs[n][0] == pairs[n - 1][0] + 1 and pairs[n][1] == pairs[n - 1][1] + 1:
            run_len[n] = run_len[n - 1] + 1
    for n in range(n_pairs - 2, -1, -1):
        if run_len[n + 1] > run_len[n] and pairs[n + 1][0] == pairs[n][0] + 1 and pairs[n + 1][1] == pairs[n][1] + 1:
            run_len[n] = run_len[n + 1]
    next_long = [None] * n_pairs          # the next pair (after n) that sits in a run of 3 or more
    following = None
    for n in range(n_pairs - 1, -1, -1):
        next_long[n] = following
        if run_len[n] >= 3:
            following = pairs[n]
    out = []
    for n, (i, j) in enumerate(pairs):
        if run_len[n] >= 3:
            out.append((i, j))
            continue
        nxt = next_long[n]
        ok_prev = not out or (j - out[-1][1]) <= 3 * (i - out[-1][0]) + 6
        ok_next = nxt is None or (nxt[1] - j) <= 3 * (nxt[0] - i) + 6
        if ok_prev and ok_next:
            out.append((i, j))
    return out


def _moved_passages(keys: _Keys, pairs, t_index) -> tuple[list[tuple[int, int]], set[int]]:
    """Find clean passages with no match in place, and match them where they are in the transcript.
    Returns the pairs and the clean keys inside their anchor runs."""
    c, t = keys.c, keys.t
    matched = [False] * len(c)
    used_t = set()
    for i, j in pairs:
        matched[i] = True
        used_t.add(j)
    extra = []
    anchored: set[int] = set()
    i = 0
    while i < len(c):
        if matched[i]:
            i += 1
            continue
        start = i
        while i < len(c) and not matched[i]:
            i += 1
        if i - start < MOVED_MIN_KEYS:
            continue
        runs = _anchor_runs(c, t, start, i, 0, len(t), ANCHOR_K, ANCHOR_MAX_COUNT, t_index)
        if sum(n for _, _, n in runs) < max(8, (i - start) // 4):
            continue
        t_lo = max(0, runs[0][1] - (runs[0][0] - start) - 5)
        t_hi = min(len(t), runs[-1][1] + runs[-1][2] + (i - runs[-1][0] - runs[-1][2]) + 5)
        found = [(a, b) for a, b in _drop_strays(sorted(
            _gap_pairs(keys, start, runs[0][0], t_lo, runs[0][1], "inner")
            + [(c0 + m, t0 + m) for c0, t0, n in runs for m in range(n)]
            + [p for (c0, t0, n), (c1, t1, _) in zip(runs, runs[1:])
               for p in _gap_pairs(keys, c0 + n, c1, t0 + n, t1, "inner")]
            + _gap_pairs(keys, runs[-1][0] + runs[-1][2], i, runs[-1][1] + runs[-1][2], t_hi, "inner")))
            if b not in used_t]
        extra.extend(found)
        anchored.update(c0 + m for c0, _, n in runs for m in range(n))
    return extra, anchored


# --- lines ------------------------------------------------------------------------------------

def _judge_lines(lines, words, c_owner, matched_keys, word_matches, t_keys):
    """Keep the lines inside aligned passages; drop the rest (furniture, text with no speech).

    An unmatched run of lines between two aligned lines is kept when it sits inside one block,
    when the transcript has unmatched words there for it (a rewording), or when its words are
    spoken close by (a short line the editor moved past its neighbour).
    """
    line_keys: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for key_index, owner in enumerate(c_owner):
        counts = line_keys[words[owner].line]
        counts[0] += 1
        counts[1] += matched_keys[key_index]
    aligned = {}
    for ln in lines:
        total, hit = line_keys.get(ln.number, [0, 0])
        aligned[ln.number] = hit > 0 and (hit >= LINE_MIN_SHARE * total or hit >= 4)
    first_t: dict[int, int] = {}
    last_t: dict[int, int] = {}
    for w, m in zip(words, word_matches):
        if m:
            first_t.setdefault(w.line, min(m))
            last_t[w.line] = max(m)
    numbers = [ln.number for ln in lines]
    keep_line = dict(aligned)
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
        run_keys = sum(line_keys.get(ln.number, [0, 0])[0] for ln in run)
        room = first_t.get(after.number, 0) - last_t.get(before.number, 0) - 1
        inside_block = all(ln.block == before.block == after.block for ln in run)
        if inside_block or room >= max(1, run_keys // 4) or _spoken_nearby(
                run, words, t_keys, last_t.get(before.number, 0), first_t.get(after.number, 0)):
            for ln in run:
                keep_line[ln.number] = True
    kept = [keep_line.get(w.line, False) for w in words]
    dropped = [ln for ln in lines if not keep_line[ln.number]]
    return kept, dropped


NEARBY_WORDS = 40  # how far around its neighbours' matches a moved short line is looked for


def _spoken_nearby(run, words, t_keys, t_before: int, t_after: int) -> bool:
    numbers = {ln.number for ln in run}
    wanted = {k for w in words if w.line in numbers for k in w.keys}
    if not wanted or len(wanted) > 12:
        return False
    lo, hi = max(0, min(t_before, t_after) - NEARBY_WORDS), max(t_before, t_after) + NEARBY_WORDS
    near = {k for keys in t_keys[lo:hi] for k in keys}
    return len(wanted & near) >= 0.5 * len(wanted)
