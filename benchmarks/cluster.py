#!/usr/bin/env python3
"""Cluster overhead and scaling: `captions batch` on --jobs N against --cluster local:N.

usage: python benchmarks/cluster.py [--pairs 40] [--repeat 2] [--workers 1,2,4] [--skip-audio]

Text only: the bench cases and the sample, copied round-robin to --pairs pairs. With audio: the
recordings of tests/data/audio (each with its transcript and clean text), copied the same way.
Each setting runs --repeat times and the best wall time counts (a shared machine's noise only
adds). Prints the cluster's overhead over the local pool at the same worker count (issue 14:
within 10%), with and without the fixed cost of starting a local cluster (importing Dask,
spawning its scheduler and workers: a real cluster is already running), a scaling table, and what N machines would do: the measured per-pair times say how
long the longest pair and the sum of all pairs take, the two bounds of any cluster's wall time.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "bench" / "data"
AUDIO = ROOT / "tests" / "data" / "audio"


def text_cases() -> list[tuple[Path, Path, Path | None]]:
    cases = [(rev, rev.with_name(rev.name.replace(".rev.txt", ".clean.txt")), None)
             for rev in sorted(BENCH.glob("*.rev.txt"))]
    return cases + [(ROOT / "samples" / "bbc-musk-2023.rev.txt", ROOT / "samples" / "bbc-musk-2023.blog.txt", None)]


def audio_cases() -> list[tuple[Path, Path, Path | None]]:
    cases = []
    for rev in sorted(AUDIO.glob("*.rev.txt")):
        stem = rev.name[: -len(".rev.txt")]
        clean = rev.with_name(f"{stem}.clean.txt")
        media = next((p for p in sorted(AUDIO.glob(f"{stem}.*")) if p.suffix in (".mp3", ".m4a", ".opus", ".mp4")),
                     None)
        if clean.exists() and media:
            cases.append((rev, clean, media))
    return cases


def lay_out(cases, pairs: int, folder: Path) -> None:
    folder.mkdir()
    for n in range(pairs):
        rev, clean, media = cases[n % len(cases)]
        shutil.copy(rev, folder / f"pair{n:03d}.rev.txt")
        shutil.copy(clean, folder / f"pair{n:03d}.clean.txt")
        if media:
            shutil.copy(media, folder / f"pair{n:03d}{media.suffix}")


def run(src: Path, out: Path, setting: list[str], audio: bool) -> float:
    command = [sys.executable, "-m", "captions", "batch", str(src), "-o", str(out), "--quiet", *setting]
    if audio:
        command.append("--audio")
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(setting)} failed ({proc.returncode}): {proc.stderr[-600:]}")
    return wall


def cluster_start_up(workers: int) -> float:
    """Seconds to import Dask, start a local cluster of ``workers`` processes and close it: the
    fixed cost a `--cluster local:N` run pays before and after its pairs."""
    code = ("import time, logging; t = time.perf_counter()\n"
            "from distributed import Client, LocalCluster\n"
            "if __name__ == '__main__':\n"
            f"    c = LocalCluster(n_workers={workers}, threads_per_worker=1, processes=True, "
            "dashboard_address=None, silence_logs=logging.CRITICAL)\n"
            "    cl = Client(c); cl.close(); c.close(); print(time.perf_counter() - t)\n")
    with tempfile.TemporaryDirectory() as tmp:
        script = Path(tmp) / "start.py"
        script.write_text(code)
        out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def per_pair_seconds(src: Path, tmp: Path, audio: bool) -> list[float]:
    """Each pair's own time, one worker: what a cluster of any size has to spread."""
    report = tmp / "report.json"
    command = [sys.executable, "-m", "captions", "batch", str(src), "-o", str(tmp / "one"), "--quiet",
               "--jobs", "1", "--report", str(report)] + (["--audio"] if audio else [])
    subprocess.run(command, capture_output=True, text=True, cwd=ROOT, check=True)
    import json

    return [r["seconds"] for r in json.loads(report.read_text())["results"]]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--skip-audio", action="store_true")
    args = ap.parse_args()
    counts = [int(n) for n in args.workers.split(",")]
    kinds = [("text only", text_cases(), False)] + ([] if args.skip_audio else [("with audio", audio_cases(), True)])
    for label, cases, audio in kinds:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            lay_out(cases, args.pairs, src)
            print(f"## {label}: {args.pairs} pairs from {len(cases)} cases")
            print("| workers | --jobs N s | --cluster local:N s | overhead | its start-up s | overhead past start-up |")
            print("| --- | --- | --- | --- | --- | --- |")
            for n in counts:
                best = {}
                for attempt in range(args.repeat):
                    for name, setting in (("jobs", ["--jobs", str(n)]), ("cluster", ["--cluster", f"local:{n}"])):
                        wall = run(src, Path(tmp) / f"{name}{n}-{attempt}", setting, audio)
                        best[name] = min(wall, best.get(name, wall))
                start_up = min(cluster_start_up(n) for _ in range(args.repeat))
                print(f"| {n} | {best['jobs']:.2f} | {best['cluster']:.2f} | "
                      f"{best['cluster'] / best['jobs'] - 1:+.0%} | {start_up:.2f} | "
                      f"{(best['cluster'] - start_up) / best['jobs'] - 1:+.0%} |")
            seconds = per_pair_seconds(src, Path(tmp), audio)
            total, longest = sum(seconds), max(seconds)
            print(f"\nper pair: mean {total / len(seconds):.2f} s, longest {longest:.2f} s, sum {total:.1f} s")
            for machines in (4, 16, 64):
                cores = machines * 2
                print(f"- {machines} two-core machines: about {max(longest, total / cores):.1f} s of pair work "
                      f"plus the cluster's start-up (bounded below by the longest pair)")
            print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
