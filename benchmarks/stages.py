#!/usr/bin/env python3
"""Where the time goes inside one process: each pipeline stage timed on its own, best of N.

usage: python benchmarks/stages.py [--scale K] [--repeat N] [--profile [STAGE]] [--gc-off] [REV TEXT]

Times reading (transcript and text), align, time_words, segment and checking on the seed pair
(or REV TEXT; ``--scale 10`` makes the 15-hour input of run.py), in-process, imports excluded,
in CPU time (steadier than wall time on a shared machine).
``--profile`` prints instead a cProfile of the first run of the whole pipeline, or of one stage
(read, align, time, segment, check), sorted by own time. ``--gc-off`` turns Python's cyclic
garbage collector off first (the pipeline makes no cycles; its collections cost 10-15% of a run).
"""
import argparse
import cProfile
import gc
import pstats
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from benchmarks.run import SEED_REV, SEED_TEXT, scaled_seed  # noqa: E402
from captions.align import align  # noqa: E402
from captions.check import check_captions  # noqa: E402
from captions.pipeline import _script_of  # noqa: E402
from captions.readers import read_clean_text, read_transcript  # noqa: E402
from captions.rules import CaptionRules  # noqa: E402
from captions.segment import segment  # noqa: E402
from captions.timing import time_words  # noqa: E402


def stages(rev: Path, text: Path) -> dict:
    """The pipeline's stages as callables, each fed the previous one's output."""
    rules = CaptionRules()
    state: dict = {}

    def read():
        state["transcript"] = read_transcript(rev)
        state["text"] = read_clean_text(text, _script_of(state["transcript"]))

    def align_():
        state["alignment"] = align(state["transcript"], state["text"])

    def time_():
        state["words"] = time_words(state["transcript"], state["alignment"])

    def segment_():
        state["captions"] = segment(state["words"], rules)

    def check():
        check_captions(state["captions"], rules)

    return {"read": read, "align": align_, "time": time_, "segment": segment_, "check": check}


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("rev", nargs="?", type=Path, default=SEED_REV)
    ap.add_argument("text", nargs="?", type=Path, default=SEED_TEXT)
    ap.add_argument("--scale", type=int, default=1, help="repeat the seed pair this many times")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--profile", nargs="?", const="all", help="cProfile all stages or one")
    ap.add_argument("--top", type=int, default=25)
    ap.add_argument("--gc-off", action="store_true", help="no cyclic garbage collection")
    args = ap.parse_args()
    if args.gc_off:
        gc.disable()
    with tempfile.TemporaryDirectory() as tmp:
        rev, text = scaled_seed(Path(tmp), args.scale) if args.scale > 1 else (args.rev, args.text)
        steps = stages(rev, text)
        if args.profile:
            # Profiled on the first run, as a user meets it: the word caches start empty.
            profiler = cProfile.Profile()
            for name, step in steps.items():
                if args.profile in ("all", name):
                    profiler.enable()
                step()
                profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(args.top)
            return 0
        runs = {name: [] for name in steps}
        for _ in range(args.repeat):
            for name, step in steps.items():
                t = time.process_time()
                step()
                runs[name].append(time.process_time() - t)
        # The first run is the one a user meets: the word caches (normalize) start empty.
        print(f"{'stage':10}{'first ms':>10}{'best ms':>10}")
        for name, seconds in runs.items():
            print(f"{name:10}{seconds[0] * 1000:10.1f}{min(seconds) * 1000:10.1f}")
        print(f"{'total':10}{sum(s[0] for s in runs.values()) * 1000:10.1f}"
              f"{sum(min(s) for s in runs.values()) * 1000:10.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
