#!/usr/bin/env python3
"""Cluster overhead and scaling: `captions batch` on --jobs N against --cluster local:N.

usage: python benchmarks/cluster.py [--pairs 40] [--repeat 2] [--workers 1,2,4] [--skip-audio]
                                    [--lone-recording MINUTES]

Text only: the bench cases and the sample, copied round-robin to --pairs pairs. With audio: the
recordings of tests/data/audio (each with its transcript and clean text), copied the same way.
Each setting runs --repeat times, the settings taking turns, and the best wall time counts (a
shared machine's noise only adds); beside it the CPU seconds of every process the run started
(client, scheduler, workers, fork server), which another program's load changes far less.
Prints the cluster's overhead over the local pool at the same worker count (issue 14: within
10%), with and without the fixed cost of a local cluster (entering and leaving
`captions.cluster.connect("local:N")` with nothing to run, against a process that only imports
the CLI: importing Dask, the fork server, the scheduler and workers, closing them), the CPU each
task costs past the pair's own work, and the same batch on a cluster already running, as a real
one is (`dask scheduler` and `dask worker --nworkers N` started here first: its processes' CPU
is added to the run's), the scaling over worker
counts, and what N machines would do: the measured per-pair times say how long the longest pair
and the sum of all pairs take, the two bounds of any cluster's wall time. The load average at the
start and end says how idle the machine was.

``--lone-recording MINUTES`` asks instead whether the windows of one recording should be tasks
(issue 14): a recording of that length built as benchmarks/audio_speed.py builds it, alone on a
two-worker local cluster (one task: one process hears it), against `captions make --audio` with
one and two processes (its windows heard in parallel: the most window tasks on two workers could
do, with nothing shipped), and the windows' count and decoded bytes, what such tasks would send.
"""
from __future__ import annotations

import argparse
import ctypes
import os
import resource
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
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


def _adopt_orphans() -> None:
    """Linux: reap here the processes a run leaves behind when it exits (the fork server of a
    local cluster, multiprocessing's resource tracker), so their CPU, and their children's, is
    counted in this process's RUSAGE_CHILDREN like the run's own."""
    try:
        adopted = ctypes.CDLL(None).prctl(36, 1, 0, 0, 0) == 0       # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        adopted = False
    if not adopted:
        print("(not Linux: the CPU of processes that outlive a run, a fork server, is not counted)")


# A running cluster's processes (`running_cluster`): children of this process that must outlive
# the runs timed beside them.
_LEFT_RUNNING: set[int] = set()


def _children_cpu() -> float:
    """CPU seconds of every child reaped so far, after reaping those still exiting: the orphans
    adopted exit once their parent has, and only a reaped child's CPU is counted."""
    import psutil

    while waiting := [c.pid for c in psutil.Process().children() if c.pid not in _LEFT_RUNNING]:
        for pid in waiting:
            try:
                os.waitpid(pid, 0)
            except ChildProcessError:
                pass
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed(command: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of a command, process start to exit; CPU of all its processes."""
    cpu = _children_cpu()
    started = time.perf_counter()
    proc = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"{' '.join(command)} failed ({proc.returncode}): {proc.stderr[-600:]}")
    return wall, _children_cpu() - cpu


def run(src: Path, out: Path, setting: list[str], audio: bool) -> tuple[float, float]:
    command = [sys.executable, "-m", "captions", "batch", str(src), "-o", str(out), "--quiet", *setting]
    return timed(command + (["--audio"] if audio else []))


def cluster_start_up(workers: int, repeat: int) -> tuple[float, float]:
    """Best (wall, CPU) seconds a `--cluster local:N` run pays before and after its pairs: a
    process entering and leaving `connect("local:N")`, less one that only imports the CLI."""
    bare = "import captions.cli, captions.batch"
    start = bare + f"\nfrom captions.cluster import connect\nwith connect('local:{workers}'):\n    pass"
    base = [timed([sys.executable, "-c", bare]) for _ in range(repeat)]
    local = [timed([sys.executable, "-c", start]) for _ in range(repeat)]
    return min(w for w, _ in local) - min(w for w, _ in base), min(c for _, c in local) - min(c for _, c in base)


@contextmanager
def running_cluster(workers: int) -> Iterator[tuple[str, Callable[[], float]]]:
    """A cluster as a user's is, started before the batch and left running: `dask scheduler`
    and `dask worker --nworkers N --nthreads 1` on this machine. Yields its address and a clock
    of its processes' CPU seconds (they are not the run's children)."""
    import psutil
    from distributed import Client

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    dask = [sys.executable, "-m", "distributed.cli.dask_scheduler"]
    # As docs/scale.md says to start workers: no statistical profiler, event loops timed once a second.
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
           "DASK_DISTRIBUTED__ADMIN__TICK__INTERVAL": "1s"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "cwd": ROOT, "env": env}
    scheduler = subprocess.Popen(dask + ["--host", "127.0.0.1", "--port", str(port), "--no-dashboard"], **quiet)
    worker = subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker", address, "--nworkers", str(workers),
                               "--nthreads", "1", "--no-dashboard"], **quiet)

    _LEFT_RUNNING.update((scheduler.pid, worker.pid))

    def cpu() -> float:
        total = 0.0
        for root in (scheduler, worker):
            process = psutil.Process(root.pid)
            for each in [process, *process.children(recursive=True)]:
                times = each.cpu_times()
                total += times.user + times.system
        return total

    try:
        with Client(address, timeout=30) as client:
            client.wait_for_workers(workers, timeout=60)
        yield address, cpu
    finally:
        for proc in (worker, scheduler):
            proc.terminate()
            proc.wait(timeout=30)
            _LEFT_RUNNING.discard(proc.pid)


def per_pair_seconds(src: Path, tmp: Path, audio: bool) -> list[float]:
    """Each pair's own time, one worker: what a cluster of any size has to spread."""
    import json

    report = tmp / "report.json"
    run(src, tmp / "one", ["--jobs", "1", "--report", str(report)], audio)
    return [r["seconds"] for r in json.loads(report.read_text())["results"]]


def lone_recording(minutes: float, repeat: int) -> None:
    import statistics

    from audio_speed import build

    from captions.listen.windows import windows_of
    from captions.media import SAMPLE_RATE
    from captions.readers import read_transcript

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        folder.mkdir()
        rev, text, media, seconds = build(folder, minutes)
        windows = windows_of(read_transcript(rev))
        lengths = [((w.end_ms or seconds * 1000) - w.start_ms) / 1000 for w in windows]
        print(f"## one recording of {seconds / 60:.1f} min ({media.stat().st_size / 1e6:.1f} MB of MP3), "
              f"{len(windows)} windows, median {statistics.median(lengths):.0f} s; decoded (16 kHz, 16 bits) a window "
              f"ships {statistics.median(lengths) * SAMPLE_RATE * 2 / 1e6:.2f} MB, all of them "
              f"{sum(lengths) * SAMPLE_RATE * 2 / 1e6:.0f} MB")
        make = [sys.executable, "-m", "captions", "make", str(rev), str(text), "--audio", str(media), "-q", "--force",
                "-o", str(Path(tmp) / "out.srt")]
        settings = {"batch --cluster local:2 (one task)": ["--cluster", "local:2"],
                    "make --audio -j 1": ["--jobs", "1"], "make --audio -j 2 (windows in parallel)": ["--jobs", "2"]}
        print("| run | wall s | CPU s |\n| --- | --- | --- |")
        for name, setting in settings.items():
            runs = [run(folder, Path(tmp) / "out", setting, True) if name.startswith("batch") else timed(make + setting)
                    for _ in range(repeat)]
            print(f"| {name} | {min(w for w, _ in runs):.2f} | {min(c for _, c in runs):.1f} |")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--pairs", type=int, default=40)
    ap.add_argument("--repeat", type=int, default=2)
    ap.add_argument("--workers", default="1,2,4")
    ap.add_argument("--skip-audio", action="store_true")
    ap.add_argument("--lone-recording", type=float, metavar="MINUTES")
    args = ap.parse_args()
    if args.lone_recording:
        _adopt_orphans()
        print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        lone_recording(args.lone_recording, args.repeat)
        print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
        return 0
    counts = [int(n) for n in args.workers.split(",")]
    kinds = [("text only", text_cases(), False)] + ([] if args.skip_audio else [("with audio", audio_cases(), True)])
    _adopt_orphans()
    print("load average at the start: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    start_up = {n: cluster_start_up(n, args.repeat) for n in counts}
    for label, cases, audio in kinds:
        with tempfile.TemporaryDirectory() as tmp:
            src = Path(tmp) / "in"
            lay_out(cases, args.pairs, src)
            print(f"## {label}: {args.pairs} pairs from {len(cases)} cases; wall s (CPU s of all processes)")
            print("| workers | --jobs N | --cluster local:N | overhead | its start-up | overhead past start-up "
                  "| CPU a task past start-up | a running cluster | overhead |")
            print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
            best = {}
            for n in counts:
                with running_cluster(n) as (address, cluster_cpu_s):
                    settings = (("jobs", ["--jobs", str(n)]), ("cluster", ["--cluster", f"local:{n}"]),
                                ("running", ["--cluster", address]))
                    run(src, Path(tmp) / f"warm{n}", settings[2][1], audio)   # its workers import the pipeline once
                    for attempt in range(args.repeat):
                        for name, setting in settings:
                            before = cluster_cpu_s() if name == "running" else 0.0
                            wall, cpu = run(src, Path(tmp) / f"{name}{n}-{attempt}", setting, audio)
                            cpu += cluster_cpu_s() - before if name == "running" else 0.0
                            old = best.get((name, n), (wall, cpu))
                            best[name, n] = (min(wall, old[0]), min(cpu, old[1]))
                (jobs, jobs_cpu), (cluster, cluster_cpu), (up, up_cpu) = best["jobs", n], best["cluster", n], start_up[n]
                running, running_cpu = best["running", n]
                print(f"| {n} | {jobs:.2f} ({jobs_cpu:.1f}) | {cluster:.2f} ({cluster_cpu:.1f}) | {cluster / jobs - 1:+.0%} "
                      f"| {up:.2f} ({up_cpu:.2f}) | {(cluster - up) / jobs - 1:+.0%} "
                      f"| {(cluster_cpu - up_cpu - jobs_cpu) / args.pairs * 1000:.0f} ms "
                      f"| {running:.2f} ({running_cpu:.1f}) | {running / jobs - 1:+.0%} |")
            one = {name: best[name, counts[0]][0] for name in ("jobs", "cluster")}
            print(f"\nscaling, against {counts[0]} worker(s): " + "; ".join(
                f"{n}: --jobs {one['jobs'] / best['jobs', n][0]:.2f}x, --cluster {one['cluster'] / best['cluster', n][0]:.2f}x"
                for n in counts))
            seconds = per_pair_seconds(src, Path(tmp), audio)
            total, longest = sum(seconds), max(seconds)
            print(f"\nper pair: mean {total / len(seconds):.2f} s, longest {longest:.2f} s, sum {total:.1f} s")
            for machines in (4, 16, 64):
                cores = machines * 2
                print(f"- {machines} two-core machines: about {max(longest, total / cores):.1f} s of pair work "
                      f"plus the cluster's start-up (bounded below by the longest pair)")
            print()
    print("load average at the end: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
