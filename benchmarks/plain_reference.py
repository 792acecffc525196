#!/usr/bin/env python3
"""The bench README's plain reference, as far as its figures let us rebuild it: read a Rev
transcript, spread each stamp's words evenly by characters up to the next stamp, map the clean
words through one global Levenshtein alignment, and write a caption per sentence of the clean
text (speaker-label lines left out).

usage: plain_reference.py TRANSCRIPT TEXT OUT.srt
       python ../shared/bench/run.py --data DIR --cmd "python benchmarks/plain_reference.py {rev} {clean} {out}"

The bench README gives the reference sync@0.5 0.31, sync@1.0 0.57, coverage 1.0 on the shipped
cases; this script scores 0.308, 0.575, 1.0 there. ``plain_script.py`` (the speed reference: ten
words a caption, label lines kept as words) times words the same way but scores 0.283, 0.503: the
caption unit alone moves sync by seven points, so held-out comparisons use this one. The README's
"passes the rules 2-4% of the time" is not reproduced (the cut of its captions is unknown).
"""
import re
import sys

from rapidfuzz.distance import Levenshtein

HEADER = re.compile(r"^(.+?) \((\d{1,2}(?::\d{2}){1,2})\):\s*(.*)$")
LABEL = re.compile(r"^[A-Z][\w .'-]*:$")


def seconds(stamp: str) -> float:
    total = 0
    for part in stamp.split(":"):
        total = total * 60 + int(part)
    return float(total)


def srt_time(s: float) -> str:
    ms = round(s * 1000)
    return f"{ms // 3600000:02d}:{ms // 60000 % 60:02d}:{ms // 1000 % 60:02d},{ms % 1000:03d}"


def main() -> None:
    rev, text, out = sys.argv[1:4]
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
    lines = [x.strip() for x in open(text, encoding="utf-8-sig") if x.strip() and not LABEL.match(x.strip())]
    clean, caps = [], []
    for line in lines:
        caps.append([])
        for w in line.split():
            caps[-1].append(len(clean))
            clean.append(w)
            if w[-1] in ".?!":
                caps.append([])
    caps = [c for c in caps if c]
    key = lambda w: re.sub(r"[^\w]", "", w.lower())  # noqa: E731
    at = [None] * len(clean)
    for op in Levenshtein.opcodes([key(w) for w in clean], [key(w) for w in words]):
        if op.tag == "equal":
            for k in range(op.src_end - op.src_start):
                at[op.src_start + k] = times[op.dest_start + k]
    last = 0.0
    for i, t in enumerate(at):
        at[i] = last = t if t is not None else last
    with open(out, "w", encoding="utf-8") as f:
        for n, cap in enumerate(caps, start=1):
            a = at[cap[0]]
            b = at[caps[n][0]] if n < len(caps) else a + 2
            f.write(f"{n}\n{srt_time(a)} --> {srt_time(max(b, a + 1))}\n{' '.join(clean[i] for i in cap)}\n\n")


if __name__ == "__main__":
    main()
