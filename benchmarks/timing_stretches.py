#!/usr/bin/env python3
"""Text timing against an even spread, stretch by stretch, on the bench (docs/timing.md).

usage: python benchmarks/timing_stretches.py [--data DIR] [--positions]

For every bench case: the captions `make` cuts from the text alone, and for the first timed word
of each caption the start the timing model gives it, the start its syllable model alone gives
it, and the start an even spread gives it (each stamp's words spread by characters from the
stamp up to the next, as the plain reference does; and the same shifted half a second, as a
floored stamp's word starts on average), against the
word's true start. Both are judged on the same captions, so the cut does not differ. Prints the
share of captions within 1 s (and 0.5 s), by kind of stretch between two stamps: the same
speaker goes on past the next stamp, or another speaker's stamp ends it; short (< 15 s), middle,
long (>= 45 s). ``--positions`` adds the median signed error (estimate minus truth) by position
in long stretches. Last, the whole pipeline with each in place of the model, scored as
../shared/bench/run.py scores. ``--data`` takes any folder of bench-style cases, e.g. held-out
calls built by benchmarks/e22_cases.py.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench"
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(BENCH))
from rapidfuzz.distance import Levenshtein  # noqa: E402
from score import norm, score  # noqa: E402

import captions.timing as timing  # noqa: E402
from captions import make_captions  # noqa: E402
from captions.align import align  # noqa: E402
from captions.pipeline import _script_of  # noqa: E402
from captions.readers import read_clean_text, read_transcript  # noqa: E402

LENGTHS = ((0, 15_000, "short < 15 s"), (15_000, 45_000, "middle"), (45_000, None, "long >= 45 s"))
POSITIONS = (0, 0.1, 0.25, 0.5, 0.75, 1.0001)
MODELS = ("model", "syllables", "even", "even_half")


def even_times(transcript, end_ms: int | None = None, offset_ms: int = 0) -> tuple[list[int], list[int]]:
    """Each stamp's words spread evenly by characters up to the next stamp (the plain reference),
    starting ``offset_ms`` after the stamp; after the last stamp, 0.4 s a word."""
    words = transcript.words
    n = len(words)
    anchors = sorted((a.word, a.time_ms + offset_ms) for a in transcript.anchors if a.trusted and a.word < n)
    starts, ends = [0] * n, [0] * n
    if not anchors:
        anchors = [(0, offset_ms)]
    if anchors[0][0]:
        anchors.insert(0, (0, max(0, anchors[0][1] - 400 * anchors[0][0])))
    for (a, ta), nxt in zip(anchors, anchors[1:] + [None]):
        b, tb = nxt if nxt else (n, ta + 400 * (n - a))
        chars = [len(w.text) for w in words[a:b]]
        scale = (tb - ta) / max(1, sum(chars))
        t = ta
        for i, c in zip(range(a, b), chars):
            starts[i] = round(t)
            t += c * scale
            ends[i] = max(starts[i] + 1, round(t))
    return starts, ends


def syllable_only(transcript, end_ms: int | None = None) -> tuple[list[int], list[int]]:
    """The syllable model alone (the model before it was combined with the letter spread)."""
    times = timing.syllable_times(timing.stretches_of(transcript), end_ms)
    starts = [max(0, round(s)) for s, _ in times]
    return starts, [max(start + 1, round(e)) for start, (_, e) in zip(starts, times)]


def stretches(transcript):
    """Per transcript word: (stretch duration ms or None, continues, position 0-1 in the stretch)."""
    words = transcript.words
    n = len(words)
    speaker = [transcript.turns[w.turn].speaker for w in words]
    anchors = sorted((a.word, a.time_ms) for a in transcript.anchors if a.trusted and a.word < n)
    out = [(None, True, 0.0)] * n
    for (a, ta), nxt in zip(anchors, anchors[1:] + [None]):
        if not nxt:
            break
        b, tb = nxt
        continues = speaker[b] == speaker[b - 1]
        for i in range(a, b):
            out[i] = (tb - ta, continues, (i - a) / max(1, b - a))
    return out


def case_rows(data: Path, case: str) -> list[dict]:
    transcript = read_transcript(data / f"{case}.rev.txt")
    text = read_clean_text(data / f"{case}.clean.txt", _script_of(transcript))
    alignment = align(transcript, text)
    truth = [w for w in json.loads((data / f"{case}.truth.json").read_text(encoding="utf-8"))["words"]
             if norm(w[0])]
    clean_keys = [norm(w.text) for w in alignment.words]
    true_start: dict[int, float] = {}        # clean word -> true start (s)
    for op in Levenshtein.opcodes(clean_keys, [norm(w[0]) for w in truth]):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                if truth[op.dest_start + k][1] is not None:
                    true_start[op.src_start + k] = truth[op.dest_start + k][1]
    captions = make_captions(transcript, text).captions
    kept = [i for i, keep in enumerate(alignment.kept) if keep]
    if sum(len(c.words) for c in captions) != len(kept):
        sys.exit(f"{case}: captions do not hold the kept words in order")
    model = timing.transcript_times(transcript)[0]
    syllables = syllable_only(transcript)[0]
    even = even_times(transcript)[0]
    even_half = even_times(transcript, offset_ms=500)[0]
    where = stretches(transcript)
    rows, k = [], 0
    for c in captions:
        idx = kept[k:k + len(c.words)]
        k += len(c.words)
        first = next((i for i in idx if i in true_start and alignment.matches[i]), None)
        if first is None:
            continue
        j = min(alignment.matches[first])
        length, continues, position = where[j]
        truth_s = true_start[first]
        before = transcript.words[j - 1] if j else None
        after = ("stamp" if where[j][2] == 0 else "paragraph" if before.paragraph != transcript.words[j].paragraph
                 else {timing.PAUSE_SENTENCE: "sentence", timing.PAUSE_COMMA: "comma"}.get(
                     timing.pause_after(before.text), "inside a clause"))
        rows.append({"case": case, "after": after, "length": length, "continues": continues, "position": position,
                     "model": model[j] / 1000 - truth_s, "syllables": syllables[j] / 1000 - truth_s,
                     "even": even[j] / 1000 - truth_s,
                     "even_half": even_half[j] / 1000 - truth_s})
    return rows


def share(errors, within):
    return sum(abs(e) <= within for e in errors) / len(errors) if errors else 0.0


def print_kinds(rows):
    print(f"{'stretch':<34}{'captions':>9}  {'within 1 s: model / syllables / even / even+0.5':>48}  "
          f"{'within 0.5 s':>30}")
    kinds = [("all", rows)]
    for continues, label in ((True, "same speaker goes on"), (False, "hand-over")):
        for lo, hi, size in LENGTHS:
            kinds.append((f"{label}, {size}", [r for r in rows if r["length"] is not None
                                               and r["continues"] == continues and r["length"] >= lo
                                               and (hi is None or r["length"] < hi)]))
    kinds.append(("before the first or after the last stamp", [r for r in rows if r["length"] is None]))
    for label, group in kinds:
        cells1 = " / ".join(f"{share([r[m] for r in group], 1.0):.3f}" for m in MODELS)
        cells05 = " / ".join(f"{share([r[m] for r in group], 0.5):.3f}" for m in MODELS)
        print(f"{label:<34}{len(group):>9}  {cells1:>48}  {cells05:>30}")


def print_breaks(rows):
    print(f"\n{'caption starts after':<34}{'captions':>9}  {'median signed error s: model / even':>38}"
          f"  {'within 1 s: model / even':>26}")
    for after in ("stamp", "paragraph", "sentence", "comma", "inside a clause"):
        group = [r for r in rows if r["after"] == after]
        if group:
            median = " / ".join(f"{statistics.median(r[m] for r in group):+.2f}" for m in ("model", "even_half"))
            within = " / ".join(f"{share([r[m] for r in group], 1.0):.3f}" for m in ("model", "even_half"))
            print(f"{after:<34}{len(group):>9}  {median:>38}  {within:>26}")


def print_positions(rows):
    print(f"\nmedian signed error (s), long stretches, by position: model (even)")
    print(f"{'stretch':<24}" + "".join(f"{f'{a:.0%}-{min(b, 1):.0%}':>18}" for a, b in zip(POSITIONS, POSITIONS[1:])))
    for continues, label in ((True, "same speaker goes on"), (False, "hand-over")):
        cells = []
        for a, b in zip(POSITIONS, POSITIONS[1:]):
            group = [r for r in rows if r["length"] and r["length"] >= 45_000 and r["continues"] == continues
                     and a <= r["position"] < b]
            cells.append(f"{statistics.median(r['model'] for r in group):+.2f} ({statistics.median(r['even'] for r in group):+.2f})"
                         if group else "-")
        print(f"{label:<24}" + "".join(f"{c:>18}" for c in cells))


def pipeline_scores(data: Path, cases: list[str], times) -> dict[str, dict]:
    """The bench's figures for `make` with ``times`` as the transcript's word times."""
    from captions.writers import format_captions
    sys.path.insert(0, str(BENCH))
    from score import parse_captions

    saved = timing.transcript_times
    timing.transcript_times = times
    try:
        out = {}
        for case in cases:
            captions = make_captions(data / f"{case}.rev.txt", data / f"{case}.clean.txt").captions
            truth = json.loads((data / f"{case}.truth.json").read_text(encoding="utf-8"))["words"]
            out[case] = score(parse_captions(format_captions(captions, "srt")), truth)
    finally:
        timing.transcript_times = saved
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, default=BENCH / "data")
    ap.add_argument("--positions", action="store_true")
    args = ap.parse_args()
    cases = sorted(p.name[: -len(".truth.json")] for p in args.data.glob("*.truth.json"))
    rows = [r for case in cases for r in case_rows(args.data, case)]
    for case in cases:
        print(f"\n{case}")
        print_kinds([r for r in rows if r["case"] == case])
    print("\nall cases")
    print_kinds(rows)
    if args.positions:
        print_positions(rows)
        print_breaks(rows)
    keys = ("sync@0.5", "sync@1.0", "sync@2.0", "iou")
    print(f"\n{'make with':<28}" + "".join(f"{k:>10}" for k in keys))
    for label, times in (("the model", timing.transcript_times), ("the syllable model alone", syllable_only),
                         ("an even spread", even_times),
                         ("an even spread + 0.5 s", lambda t, end_ms=None: even_times(t, offset_ms=500))):
        figures = pipeline_scores(args.data, cases, times)
        print(f"{label:<28}" + "".join(f"{statistics.fmean(f[k] for f in figures.values()):>10.4f}" for k in keys)
              + "   " + " ".join(f"{f['sync@1.0']:.4f}" for f in figures.values()))


if __name__ == "__main__":
    main()
