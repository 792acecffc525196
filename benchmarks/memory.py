"""Peak memory of reading each kind of input, at its size limit and at a quarter of it.

Each case runs in a fresh process; its peak resident size (``ru_maxrss``) less that of a process
that only imports the package is the cost of the input, printed with its multiple of the
input's size. The inputs are dense with words (a word every few bytes), the worst case for
memory, since every word becomes objects.

    python benchmarks/memory.py            # every kind, at the limit and at a quarter of it
    python benchmarks/memory.py rev json   # some kinds
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from captions.readers.decoding import LIMITS  # noqa: E402

WORDS = "so the market grew eighty six percent and we expect more next year".split()


def rev_text(size: int) -> str:
    out, t, n = [], 0, 0
    while n < size:
        para = f"Speaker {t % 2 + 1} ({t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}):\n" + " ".join(WORDS * 6) + "\n\n"
        out.append(para)
        n, t = n + len(para), t + 20
    return "".join(out)[:size]


def clean_text(size: int) -> str:
    line = " ".join(WORDS).capitalize() + ".\n"
    return (line * (size // len(line) + 1))[:size]


def srt(size: int) -> str:
    out, k, n = [], 0, 0
    while n < size:
        s = k * 2
        cue = f"{k + 1}\n{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},000 --> " \
              f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d},900\n{' '.join(WORDS[:7])}\n\n"
        out.append(cue)
        n, k = n + len(cue), k + 1
    return "".join(out)


def word_json(size: int) -> str:
    words, n = [], 20
    while n < size:
        k = len(words)
        w = {"word": WORDS[k % len(WORDS)], "start": round(k * 0.3, 2), "end": round(k * 0.3 + 0.25, 2)}
        words.append(w)
        n += len(json.dumps(w)) + 2
    return json.dumps({"words": words})


CASES = {  # kind: (limit key, file name, maker, reader)
    "rev": ("rev", "t.txt", rev_text, "from captions.readers import read_transcript as read"),
    "text": ("text", "blog.txt", clean_text, "from captions.readers import read_clean_text as read"),
    "srt": ("srt", "t.srt", srt, "from captions.readers import read_transcript as read"),
    "json": ("json", "t.json", word_json, "from captions.readers import read_transcript as read"),
}


def peak_kib(code: str) -> int:
    """The peak resident size, in KiB, of a fresh Python running ``code``."""
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT)
    _, status, usage = os.wait4(proc.pid, 0)
    if status:
        raise SystemExit(f"the case failed: {code}")
    return usage.ru_maxrss


def main(kinds: list[str]) -> int:
    base = peak_kib("import captions, captions.readers, captions.readers.clean.text, docx")
    print(f"a process importing the package: {base / 1024:.0f} MiB")
    print(f"{'input':<8}{'size':>10}{'words':>10}{'peak':>10}{'input cost':>12}{'multiple':>10}")
    with tempfile.TemporaryDirectory() as tmp:
        for kind in kinds:
            key, name, make, reader = CASES[kind]
            for size in (LIMITS[key] // 4, LIMITS[key]):
                path = Path(tmp) / name
                text = make(size)
                path.write_text(text, encoding="utf-8")
                actual = path.stat().st_size
                if actual > LIMITS[key]:             # the JSON maker rounds up by one word
                    path.write_text(make(size - 200), encoding="utf-8")
                    actual = path.stat().st_size
                del text
                code = f"import captions.readers.clean.text, docx; {reader}; r = read({str(path)!r})"
                peak = peak_kib(code)
                words = len(path.read_text(encoding="utf-8").split())
                cost = (peak - base) * 1024
                print(f"{kind:<8}{actual / 2**20:>8.1f}Mi{words:>10,}{peak / 1024:>8.0f}Mi"
                      f"{cost / 2**20:>10.0f}Mi{cost / actual:>9.1f}x", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or list(CASES)))
