#!/usr/bin/env python3
"""Speed and memory of `captions`, as a user meets them: process start to files written.

usage: python benchmarks/run.py [--repeat N] [--bytecode]

Measures, each in a fresh process, the best wall time of N runs (default 3; a shared machine's
noise only adds time) and the peak resident memory:
- the seed pair (samples/), and the plain reference script on it (benchmarks/plain_script.py);
- the seed pair scaled ten times (about 15 hours, 160k transcript words), made here in a temp dir
  with the times shifted;
- each bench case in ../shared/bench/data;
- `captions --help` start-up.
Then prints the issue 5 targets with the figures beside them.

``--bytecode`` lets the children cache compiled bytecode (in a temp folder; one untimed run
first), as an installed package has it. Without it the children inherit this environment, which
may set PYTHONDONTWRITEBYTECODE: then every run compiles the package's own sources again (the
plain script is one file, and site-packages are compiled at install, so only `captions` pays).
"""
import argparse
import os
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED_REV = ROOT / "samples" / "bbc-musk-2023.rev.txt"
SEED_TEXT = ROOT / "samples" / "bbc-musk-2023.blog.txt"
BENCH = ROOT.parent / "shared" / "bench" / "data"
CAPTIONS = [sys.executable, "-m", "captions"]


def measure(command: list[str], repeat: int, env: dict | None = None) -> tuple[float, float]:
    """(best wall seconds, peak MB) of a command, each run in its own child; with ``env`` (bytecode
    cached) after one untimed run that fills the cache."""
    best, peak = float("inf"), 0.0
    for run in range(repeat + (env is not None)):
        probe = ("import resource, subprocess, sys, time;"
                 "t = time.perf_counter(); r = subprocess.run(sys.argv[1:], capture_output=True);"
                 "w = time.perf_counter() - t;"
                 "print(w, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, r.returncode)")
        out = subprocess.run([sys.executable, "-c", probe, *command], capture_output=True, text=True, cwd=ROOT,
                             env=env)
        wall, rss_kb, code = out.stdout.split()
        if code != "0":
            sys.exit(f"failed: {' '.join(command)}")
        if env is not None and run == 0:
            continue
        best, peak = min(best, float(wall)), max(peak, int(rss_kb) / 1024)
    return best, peak


def scaled_seed(folder: Path, times: int = 10) -> tuple[Path, Path]:
    """The seed's transcript and text repeated, each copy's stamps shifted past the one before."""
    rev = SEED_REV.read_text(encoding="utf-8")
    body = rev[rev.index("Interviewer (00:00:00):"):rev.rindex("Transcribe Your Own Content")]
    length = 92 * 60 + 10

    def shifted(k: int) -> str:
        def move(m: re.Match) -> str:
            h, mi, s = (int(x) for x in m.group(2).split(":"))
            t = h * 3600 + mi * 60 + s + k * length
            return f"{m.group(1)}{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}"
        return re.sub(r"(\(|\[inaudible |\[crosstalk )(\d\d:\d\d:\d\d)", move, body)

    big_rev, big_text = folder / "seed10.rev.txt", folder / "seed10.blog.txt"
    big_rev.write_text("".join(shifted(k) for k in range(times)), encoding="utf-8")
    big_text.write_text(SEED_TEXT.read_text(encoding="utf-8") * times, encoding="utf-8")
    return big_rev, big_text


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--bytecode", action="store_true", help="children cache compiled bytecode")
    args = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        out = str(Path(tmp) / "out.srt")
        env = None
        if args.bytecode:
            env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
            env["PYTHONPYCACHEPREFIX"] = str(Path(tmp) / "pycache")
        rows.append(("seed pair", *measure([*CAPTIONS, "make", str(SEED_REV), str(SEED_TEXT), "-o", out, "-q"],
                                           args.repeat, env)))
        rows.append(("plain script, seed", *measure([sys.executable, str(ROOT / "benchmarks" / "plain_script.py"),
                                                     str(SEED_REV), str(SEED_TEXT), out], args.repeat, env)))
        big_rev, big_text = scaled_seed(Path(tmp))
        rows.append(("seed x10 (15 h)", *measure([*CAPTIONS, "make", str(big_rev), str(big_text), "-o", out, "-q"],
                                                 args.repeat, env)))
        for rev in sorted(BENCH.glob("*.rev.txt")):
            clean = rev.with_name(rev.name.replace(".rev.txt", ".clean.txt"))
            rows.append((rev.name[:-8], *measure([*CAPTIONS, "make", str(rev), str(clean), "-o", out, "-q"],
                                                 args.repeat, env)))
        rows.append(("captions --help", *measure([*CAPTIONS, "--help"], args.repeat, env)))
    print(f"{'run':24}{'wall s':>9}{'peak MB':>9}")
    for name, wall, mb in rows:
        print(f"{name:24}{wall:9.3f}{mb:9.1f}")
    figures = {name: (wall, mb) for name, wall, mb in rows}
    seed, plain, big = figures["seed pair"][0], figures["plain script, seed"][0], figures["seed x10 (15 h)"][0]
    peak = max(mb for _, _, mb in rows)
    print()
    print(f"seed within 1.3x of the plain script: {seed / plain:.2f}x  {'ok' if seed <= 1.3 * plain else 'MISSED'}")
    print(f"15 h at most 12x the seed:            {big / seed:.1f}x  {'ok' if big <= 12 * seed else 'MISSED'}")
    print(f"15 h under 2 s:                       {big:.2f} s  {'ok' if big < 2 else 'MISSED'}")
    print(f"peak memory under 250 MB:             {peak:.0f} MB  {'ok' if peak < 250 else 'MISSED'}")
    help_s = figures["captions --help"][0]
    print(f"captions --help under 0.3 s:          {help_s:.2f} s  {'ok' if help_s < 0.3 else 'MISSED'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
