#!/usr/bin/env python3
"""How much faster than real time `captions make --audio` hears a long recording.

usage: python benchmarks/audio_speed.py [--minutes 30] [--jobs 1,2] [--stamped-once]

Builds a long recording from the test recordings (tests/data/audio: two-voice interview, a
long silence, music before a talk, Apollo 11 radio) laid end to end until it lasts --minutes,
encoded as MP3 with PyAV, with the Rev transcripts and clean texts joined to match (stamps
shifted). Then runs the real command, process start to files written, with each --jobs value,
and prints wall time, times real time, and peak memory of the command and its workers.
``--stamped-once`` keeps only the first stamp (one speaker, all the text under it): the whole
recording is one window, followed in pieces.
"""
from __future__ import annotations

import argparse
import re
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIO = ROOT / "tests" / "data" / "audio"
PIECES = [("interview.mp3", "interview"), ("long_silence.ogg", "long_silence"),
          ("music_intro.m4a", "music_intro"), ("apollo11/apollo11.mp3", "apollo11/apollo11")]
STAMP = re.compile(r"^(.*\()(\d+):(\d\d)(?::(\d\d))?(\):.*)$")


def shifted(rev: str, offset_s: int) -> str:
    """The Rev text with every turn stamp moved ``offset_s`` later (written hh:mm:ss)."""
    out = []
    for line in rev.splitlines():
        m = STAMP.match(line)
        if m:
            parts = [int(p) for p in m.group(2, 3, 4) if p is not None]
            seconds = (parts[0] * 60 + parts[1]) if len(parts) == 2 else parts[0] * 3600 + parts[1] * 60 + parts[2]
            t = seconds + offset_s
            line = f"{m.group(1)}{t // 3600:02d}:{t // 60 % 60:02d}:{t % 60:02d}{m.group(5)}"
        out.append(line)
    return "\n".join(out) + "\n"


def build(folder: Path, minutes: float) -> tuple[Path, Path, Path, float]:
    import av
    import numpy

    from captions.media import SAMPLE_RATE, read_samples

    pieces = [(read_samples(AUDIO / media), name) for media, name in PIECES]
    samples, revs, texts = [], [], []
    at = 0          # whole seconds: stamps are written to the second
    while at < minutes * 60:
        for audio, name in pieces:
            seconds = -(-len(audio) // SAMPLE_RATE)
            padded = numpy.zeros(seconds * SAMPLE_RATE, numpy.int16)
            padded[:len(audio)] = audio
            samples.append(padded)
            revs.append(shifted((AUDIO / f"{name}.rev.txt").read_text(encoding="utf-8"), at))
            clean = AUDIO / f"{name}.clean.txt"
            texts.append(clean.read_text(encoding="utf-8") if clean.exists() else
                         "\n".join(line for line in (AUDIO / f"{name}.rev.txt").read_text(encoding="utf-8").splitlines()
                                   if line and not STAMP.match(line)))
            at += seconds
    media = folder / "long.mp3"
    whole = numpy.concatenate(samples)
    with av.open(str(media), "w") as out:
        stream = out.add_stream("mp3", rate=SAMPLE_RATE, layout="mono")
        for start in range(0, len(whole), SAMPLE_RATE):
            frame = av.AudioFrame.from_ndarray(whole[None, start:start + SAMPLE_RATE], format="s16", layout="mono")
            frame.sample_rate = SAMPLE_RATE
            for packet in stream.encode(frame):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    rev, text = folder / "long.rev.txt", folder / "long.txt"
    rev.write_text("\n".join(revs), encoding="utf-8")
    text.write_text("\n\n".join(texts), encoding="utf-8")
    return rev, text, media, len(whole) / SAMPLE_RATE


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--jobs", default="1,2")
    parser.add_argument("--stamped-once", action="store_true")
    args = parser.parse_args()
    captions = Path(sys.executable).with_name("captions")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        rev, text, media, seconds = build(folder, args.minutes)
        if args.stamped_once:
            lines = [line for line in rev.read_text(encoding="utf-8").splitlines() if not STAMP.match(line)]
            rev.write_text("Speaker 1 (00:00:00):\n" + "\n".join(lines) + "\n", encoding="utf-8")
        print(f"recording: {seconds / 60:.1f} min of MP3, {media.stat().st_size // 1024} KiB")
        print(f"{'jobs':>4}  {'wall s':>7}  {'x real time':>11}  {'peak MB':>7} (largest process)")
        for jobs in [int(j) for j in args.jobs.split(",")]:
            start = time.perf_counter()
            subprocess.run([str(captions), "make", str(rev), str(text), "--audio", str(media), "--jobs", str(jobs),
                            "-o", str(folder / f"long{jobs}.srt"), "-q", "--force"], check=True)
            wall = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            print(f"{jobs:>4}  {wall:>7.2f}  {seconds / wall:>11.1f}  {peak:>7.0f}")
    print("target: at least 30x real time on 2 cores (issue 6)")


if __name__ == "__main__":
    main()
