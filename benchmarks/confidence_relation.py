#!/usr/bin/env python3
"""How caption confidence relates to caption error, on the bench (docs/confidence.md).

usage: python benchmarks/confidence_relation.py [--data DIR ...] [--recordings DIR] [--audio]

For every case of each --data folder (default: the bench's three calls): captions made from the
text alone, each caption's confidence (`captions.confidence.assess`) and its start error against
the truth (the true start of its first timed word, matched as ../shared/bench/score.py matches
them). Prints, for each folder:
- by distance from the caption's first matched word to the nearest stamp: captions, mean
  |start error| and the share within 1 s (the TEXT_ figures captions/confidence.py holds);
- the relation: the share of large errors (over 1, 2 and 3 s) in the least certain tenth of
  captions (lowest score), by case and overall; a score that knew nothing would hold a tenth,
  and a perfect one min(1, a tenth of the captions / the large errors).
``--recordings DIR``: cases with a recording DIR/NAME.mp3 (benchmarks/bench_recordings.py makes
them for Earnings-22 calls) are made again with ``--audio``, and the same figures printed for
those runs: heard captions among heard ones and beside unheard ones, the unheard by distance
(the HEARD_, BESIDE_UNHEARD_ and UNHEARD_ figures), and the relation.
``--audio`` also makes the captions of tests/data/audio with their recordings and prints the
figures of their heard captions.
"""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from captions import make_captions  # noqa: E402
from captions.confidence import TEXT_DISTANCE_MS, assess, distance_bin  # noqa: E402
from captions.pipeline import _script_of  # noqa: E402
from captions.readers import read_clean_text, read_transcript  # noqa: E402
from captions.rules import CaptionRules  # noqa: E402

BENCH = ROOT.parent / "shared" / "bench"
LARGE_S = (1.0, 2.0, 3.0)


def start_errors(captions, truth_words, bench: Path) -> list[float | None]:
    """|caption start - true start of its first timed word| in seconds, per caption (None when
    none of its words is timed in the truth), matched as the bench's score.py matches."""
    sys.path.insert(0, str(bench))
    from rapidfuzz.distance import Levenshtein
    from score import norm, words_of

    truth = [w for w in truth_words if norm(w[0])]
    caption_words, owner = [], []
    for i, c in enumerate(captions):
        for w in words_of(" ".join(c.lines)):
            caption_words.append(w)
            owner.append(i)
    first: dict[int, float] = {}
    for op in Levenshtein.opcodes(caption_words, [norm(w[0]) for w in truth]):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                i, word = owner[op.src_start + k], truth[op.dest_start + k]
                if word[1] is not None and i not in first:
                    first[i] = word[1]
    return [abs(c.start_ms / 1000 - first[i]) if i in first else None for i, c in enumerate(captions)]


def bench_rows(data: Path, bench: Path, recordings: Path | None = None) -> list[dict]:
    """A row a caption with a timed first word: case, |start error| s, confidence. With
    ``recordings``, only the cases that have one, made with it."""
    rules = CaptionRules()
    rows = []
    for truth_path in sorted(data.glob("*.truth.json")):
        case = truth_path.name[: -len(".truth.json")]
        media = recordings / f"{case}.mp3" if recordings else None
        if recordings and not media.exists():
            continue
        transcript = read_transcript(data / f"{case}.rev.txt")
        text = read_clean_text(data / f"{case}.clean.txt", _script_of(transcript))
        result = make_captions(transcript, text, rules, audio=media)
        captions = result.captions
        truth = json.loads(truth_path.read_text(encoding="utf-8"))["words"]
        for conf, err in zip(assess(captions, rules, result.transcript.anchors), start_errors(captions, truth, bench)):
            if err is not None:
                rows.append({"case": case, "err": err, "conf": conf})
    return rows


def monotone(values: list[float], weights: list[int], increasing: bool = True) -> list[float]:
    """The closest sequence that never goes the wrong way (pool adjacent violators, weighted):
    the error cannot shrink as the distance from a stamp grows, however a bin's sample falls."""
    blocks: list[list[float]] = []                   # [value, weight, bins]
    for v, w in zip(values, weights):
        blocks.append([v if increasing else -v, w, 1])
        while len(blocks) > 1 and blocks[-2][0] > blocks[-1][0]:
            v2, w2, n2 = blocks.pop()
            v1, w1, n1 = blocks.pop()
            blocks.append([(v1 * w1 + v2 * w2) / max(1, w1 + w2), w1 + w2, n1 + n2])
    return [(v if increasing else -v) for v, _, n in blocks for _ in range(n)]


def print_bins(rows: list[dict], prefix: str = "TEXT") -> None:
    edges = [0, *TEXT_DISTANCE_MS, None]
    print(f"{'distance to nearest stamp':<26}{'captions':>9}{'mean error ms':>15}{'within 1 s':>12}")
    errors, on_time, counts = [], [], []
    for k in range(len(edges) - 1):
        errs = [r["err"] for r in rows if r["conf"].timing == "text" and r["conf"].stamp_distance_ms is not None
                and distance_bin(r["conf"].stamp_distance_ms) == k]
        hi = f"{edges[k + 1] / 1000:g} s" if edges[k + 1] else "more"
        mean = 1000 * statistics.fmean(errs) if errs else 0
        share = sum(e <= 1 for e in errs) / len(errs) if errs else 0
        errors.append(mean)
        on_time.append(share)
        counts.append(len(errs))
        print(f"{f'{edges[k] / 1000:g} s - {hi}':<26}{len(errs):>9}{round(mean):>15}{share:>12.2f}")
    print(f"{prefix}_EXPECTED_ERROR_MS = {tuple(round(x) for x in monotone(errors, counts))}\n"
          f"{prefix}_ON_TIME = {tuple(round(x, 2) for x in monotone(on_time, counts, increasing=False))}")


def print_heard(rows: list[dict]) -> None:
    """The heard captions' figures, among heard captions and beside unheard ones."""
    for kind, prefix in (("heard", "HEARD"), ("beside-unheard", "BESIDE_UNHEARD")):
        errs = [r["err"] for r in rows if r["conf"].recording == kind]
        if errs:
            print(f"{kind}: {len(errs)} captions, {prefix}_EXPECTED_ERROR_MS, {prefix}_ON_TIME = "
                  f"{round(1000 * statistics.fmean(errs))}, {sum(e <= 1 for e in errs) / len(errs):.2f}")
    errs = [r["err"] for r in rows]
    print(f"all {len(errs)} captions: within 0.5 s {sum(e <= 0.5 for e in errs) / len(errs):.3f}, "
          f"1 s {sum(e <= 1 for e in errs) / len(errs):.3f}, 2 s {sum(e <= 2 for e in errs) / len(errs):.3f}")
    unheard = [r for r in rows if r["conf"].recording == "unheard"]
    print(f"unheard: {len(unheard)} captions, by distance to the nearest stamp or heard word:")
    print_bins(unheard, "UNHEARD")


def print_relation(rows: list[dict]) -> None:
    cases = sorted({r["case"] for r in rows})
    print(f"\n{'share of large errors in the least certain tenth':<50}" + "".join(f"{c:>14}" for c in cases)
          + f"{'all':>14}{'at most':>9}")
    for large in LARGE_S:
        cells = []
        for group in [[r for r in rows if r["case"] == c] for c in cases] + [rows]:
            tenth = sorted(group, key=lambda r: r["conf"].score)[: len(group) // 10]
            big = sum(r["err"] > large for r in group)
            cells.append(f"{sum(r['err'] > large for r in tenth) / max(1, big):.2f} of {big}")
        ceiling = min(1.0, (len(rows) // 10) / max(1, sum(r["err"] > large for r in rows)))
        print(f"{f'errors over {large:g} s':<50}" + "".join(f"{c:>14}" for c in cells[:-1]) + f"{cells[-1]:>14}"
              + f"{ceiling:>9.2f}")
    tenth = sorted(rows, key=lambda r: r["conf"].score)[: len(rows) // 10]
    rest = sorted(rows, key=lambda r: r["conf"].score)[len(rows) // 10:]
    print(f"mean error: least certain tenth {statistics.fmean(r['err'] for r in tenth):.2f} s, "
          f"the rest {statistics.fmean(r['err'] for r in rest):.2f} s; "
          f"within 1 s: {sum(r['err'] <= 1 for r in tenth) / len(tenth):.2f} against "
          f"{sum(r['err'] <= 1 for r in rest) / len(rest):.2f}")


def audio_rows() -> list[dict]:
    """Captions of tests/data/audio made with their recordings, with start errors from the truth."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from audio_accuracy import AUDIO, CASES, true_starts
    from captions.normalize import word_keys

    rules = CaptionRules()
    rows = []
    for case, media in CASES:
        transcript = read_transcript(AUDIO / f"{case}.rev.txt")
        text_path = AUDIO / f"{case}.clean.txt"
        if not text_path.exists():
            text_path = ROOT / "tests" / "fixtures" / "sources" / f"{Path(case).name}.clean.txt"
        result = make_captions(transcript, text_path, rules, audio=AUDIO / media)
        truth, k = true_starts(case), 0
        for caption, conf in zip(result.captions, assess(result.captions, rules, result.transcript.anchors)):
            keys = [word_keys(w.text) for w in caption.words[:2]]
            j = next((j for j in range(k, min(k + 60, len(truth))) if [t[0] for t in truth[j:j + len(keys)]] == keys),
                     None)
            if j is not None:
                rows.append({"case": case, "err": abs(caption.start_ms - truth[j][1]) / 1000, "conf": conf})
                k = j + 1
    return rows


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", type=Path, action="append", help="a folder of bench cases (repeatable)")
    ap.add_argument("--recordings", type=Path, help="a folder of NAME.mp3 recordings of the cases")
    ap.add_argument("--audio", action="store_true")
    args = ap.parse_args()
    for data in args.data or [BENCH / "data"]:
        print(f"== {data}: text alone")
        rows = bench_rows(data, BENCH)
        print_bins(rows)
        print_relation(rows)
        if args.recordings:
            rows = bench_rows(data, BENCH, args.recordings)
            if rows:
                print(f"\n== {data}: with the recordings of {args.recordings}")
                print_heard(rows)
                print_relation(rows)
    if args.audio:
        heard = [r for r in audio_rows() if r["conf"].timing == "audio"]
        print(f"\ntimed from audio (tests/data/audio): {len(heard)} captions, mean error "
              f"{round(1000 * statistics.fmean(r['err'] for r in heard))} ms, within 1 s "
              f"{sum(r['err'] <= 1 for r in heard) / len(heard):.2f}")


if __name__ == "__main__":
    main()
