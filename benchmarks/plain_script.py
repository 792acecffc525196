#!/usr/bin/env python3
"""The reference the speed targets are stated against: a plain script that reads a Rev transcript,
aligns the clean text to it with one global Levenshtein alignment, spreads each stamp's words
evenly by characters up to the next stamp, and writes an SRT of ten words a caption.

usage: plain_script.py TRANSCRIPT TEXT OUT.srt

It is not a product (no caption rules, no furniture handling); it is the floor to measure
`captions make` against, as issue 5 asks.
"""
import re
import sys

from rapidfuzz.distance import Levenshtein

HEADER = re.compile(r"^(.+?) \((\d{1,2}(?::\d{2}){1,2})\):\s*(.*)$")


def seconds(stamp: str) -> float:
    total = 0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return float(total)


def transcript_word_times(rev: str) -> tuple[list[str], list[float]]:
    """Each transcript word and its time: a stamp's words spread evenly by characters up to the
    next stamp (0.4 s a word after the last one)."""
    words, times, turns = [], [], []
    for line in open(rev, encoding="utf-8-sig"):
        m = HEADER.match(line.strip())
        if m:
            turns.append([seconds(m.group(2)), m.group(3).split()])
        elif turns:
            turns[-1][1].extend(re.sub(r"\[[^\]]*\]", " ", line).split())
    for (start, ws), nxt in zip(turns, turns[1:] + [[None, []]]):
        end = nxt[0] if nxt[0] is not None else start + 0.4 * len(ws)
        chars = sum(len(w) for w in ws) or 1
        t = start
        for w in ws:
            words.append(w)
            times.append(t)
            t += (end - start) * len(w) / chars
    return words, times


def clean_word_times(clean: list[str], words: list[str], times: list[float]) -> list[float]:
    """Each clean word's time: its transcript word's through one global Levenshtein alignment,
    or the time of the last clean word before it that was matched."""
    key = lambda w: re.sub(r"[^\w]", "", w.lower())  # noqa: E731
    at = [None] * len(clean)
    for op in Levenshtein.opcodes([key(w) for w in clean], [key(w) for w in words]):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                at[op.src_start + k] = times[op.dest_start + k]
    last = 0.0
    for i, t in enumerate(at):
        at[i] = last = t if t is not None else last
    return at


def main() -> None:
    rev, text, out = sys.argv[1:4]
    clean = open(text, encoding="utf-8-sig").read().split()
    at = clean_word_times(clean, *transcript_word_times(rev))
    with open(out, "w", encoding="utf-8") as f:
        for n, i in enumerate(range(0, len(clean), 10), start=1):
            a, b = at[i], at[min(i + 10, len(clean) - 1)]
            f.write(f"{n}\n{srt_time(a)} --> {srt_time(max(b, a + 1))}\n{' '.join(clean[i:i + 10])}\n\n")


def srt_time(s: float) -> str:
    ms = round(s * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


if __name__ == "__main__":
    main()
