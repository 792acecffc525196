#!/usr/bin/env python3
"""How much faster than real time `captions.shots.detect_shots` finds the cuts of a 1080p video.

usage: python benchmarks/shots_speed.py [--seconds 30] [--fps 24] [--crf 23] [--grain 4] [--keep FILE]

Encodes a 1920x1080 H.264 clip (libx264 through PyAV, High profile: CABAC and the deblocking
filter, as delivered footage has) of test-pattern shots with moving content and film grain of
+-``--grain`` levels, a cut every 2 seconds, and times detection on it: wall time and the
process's CPU time (the machine may be shared), times real time for each, against decoding
alone (the ceiling: the detector's own work is the rest), and whether every cut was found on
its frame. The clip's bit rate is printed: decoding H.264 costs more the more bits a frame
carries: the defaults give about 4.5 Mbit/s, a streaming 1080p video's rate; ``--grain 6``
about 10 Mbit/s.
"""
from __future__ import annotations

import argparse
import importlib.util
import math
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _clips():
    spec = importlib.util.spec_from_file_location("make_clips", ROOT / "tests" / "data" / "video" / "make_clips.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_1080p(path: Path, seconds: int, fps: int, crf: int, grain: int) -> list[int]:
    """The clip, and the frames that start its shots after the first."""
    import av
    import numpy

    clips = _clips()
    width, height = 1920, 1080
    frames = seconds * fps
    cuts = list(range(2 * fps, frames, 2 * fps))
    rng = numpy.random.default_rng(1)
    # Patterns drawn small and scaled up (drawing 1080p in Python for every frame would take
    # longer than the benchmark), then grain added at full size.
    with av.open(str(path), "w") as out:
        video = out.add_stream("libx264", rate=fps)
        video.width, video.height, video.pix_fmt = width, height, "yuv420p"
        video.options = {"preset": "veryfast", "crf": str(crf)}
        shot = 0
        for n in range(frames):
            if n in cuts:
                shot += 1
            small = clips.shot_picture(shot, n, width // 8, height // 8).astype(numpy.int16)
            # fresh grain every frame, in 2x2 clumps as film grain and sensor noise come
            noise = rng.integers(-grain, grain + 1, (height // 2, width // 2, 1), dtype=numpy.int16)
            picture = small.repeat(8, axis=0).repeat(8, axis=1) + noise.repeat(2, axis=0).repeat(2, axis=1)
            frame = av.VideoFrame.from_ndarray(numpy.clip(picture, 0, 255).astype(numpy.uint8), format="rgb24")
            for packet in video.encode(frame):
                out.mux(packet)
        for packet in video.encode():
            out.mux(packet)
    return cuts


def decode_only(path: Path) -> float:
    """CPU seconds PyAV takes to decode every frame as detect_shots does, doing nothing else."""
    import av

    started = time.process_time()
    with av.open(str(path)) as container:
        stream = container.streams.video[0]
        stream.codec_context.options = {"skip_loop_filter": "all"}
        for _ in container.decode(stream):
            pass
    return time.process_time() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--fps", type=int, default=24)
    parser.add_argument("--crf", type=int, default=23)
    parser.add_argument("--grain", type=int, default=4)
    parser.add_argument("--keep", type=Path, help="write the clip here and keep it")
    args = parser.parse_args(argv)

    from captions.shots import detect_shots

    with tempfile.TemporaryDirectory() as tmp:
        path = args.keep or Path(tmp) / "clip1080.mp4"
        started = time.perf_counter()
        cuts = write_1080p(path, args.seconds, args.fps, args.crf, args.grain)
        print(f"encoded {args.seconds} s of 1080p{args.fps} in {time.perf_counter() - started:.1f} s: "
              f"{path.stat().st_size * 8 / args.seconds / 1e6:.1f} Mbit/s")
        decode_cpu = decode_only(path)
        wall, cpu = time.perf_counter(), time.process_time()
        found = detect_shots(path)
        wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
        print(f"decoding alone: {decode_cpu:.2f} s CPU ({args.seconds / decode_cpu:.1f}x real time a core)")
    expected = [math.ceil(n * 1000 / args.fps) for n in cuts]
    print(f"detect_shots: {wall:.2f} s wall ({args.seconds / wall:.1f}x real time), "
          f"{cpu:.2f} s CPU ({args.seconds / cpu:.1f}x real time a core)")
    print(f"cuts: {len(found)} found, {len(expected)} made, "
          f"{'all on their frames' if found == expected else f'differ: {sorted(set(found) ^ set(expected))}'}")
    return 0 if found == expected else 1


if __name__ == "__main__":
    sys.exit(main())
