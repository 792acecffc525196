#!/usr/bin/env python3
"""How close caption starts come to speech, with `--audio` and with the text alone.

usage: python benchmarks/audio_accuracy.py

For each recording in tests/data/audio, every caption is matched to the word it starts with
(its position in the text); its start is compared with when that word is really said: the
sample-exact truth of the generated recordings, the recogniser's word times for Apollo 11
(approximate, good to 0.1-0.3 s). Prints the share of captions starting within 0.5 s and the
median error, with and without the recording.
"""
from __future__ import annotations

import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from captions import make_captions  # noqa: E402
from captions.normalize import word_keys  # noqa: E402

AUDIO = Path(__file__).resolve().parent.parent / "tests" / "data" / "audio"
CASES = [("interview", "interview.mp3"), ("long_silence", "long_silence.ogg"), ("music_intro", "music_intro.m4a"),
         ("short_video", "short_video.mp4"), ("apollo11/apollo11", "apollo11/apollo11.mp3")]


FILLERS = {("uh",), ("um",), ("er",), ("ah",)}


def true_starts(case: str) -> list[tuple[tuple[str, ...], int]]:
    """Every spoken word but fillers (as comparison keys) with its true start."""
    doc = json.loads((AUDIO / f"{case}.truth.json").read_text(encoding="utf-8"))
    words = [(word_keys(w["text"]), w["start_ms"]) for p in doc["phrases"] for w in p["words"]]
    return [w for w in words if w[0] not in FILLERS]


def caption_errors(captions, truth) -> list[int]:
    """Start error of each caption, by walking the true words in order to its first two words."""
    errors, k = [], 0
    for caption in captions:
        if not caption.words:
            continue
        keys = [word_keys(w.text) for w in caption.words[:2]]
        j = next((j for j in range(k, min(k + 60, len(truth)))
                  if [t[0] for t in truth[j:j + len(keys)]] == keys), None)
        if j is None:
            continue
        errors.append(abs(caption.start_ms - truth[j][1]))
        k = j + 1
    return errors


def main() -> None:
    print(f"{'recording':<14} {'captions':>8}  {'audio <=0.5 s':>13} {'median ms':>9}  {'text <=0.5 s':>12} {'median ms':>9}")
    for case, media in CASES:
        rev = AUDIO / f"{case}.rev.txt"
        text = AUDIO / f"{case}.clean.txt"
        if not text.exists():       # Apollo 11 has no edited text: its transcript without the stamp lines
            text = Path(tempfile.mkdtemp()) / "clean.txt"
            text.write_text("\n".join(line for line in rev.read_text(encoding="utf-8").splitlines()
                                      if not re.match(r"^Speaker \d+ \(", line)), encoding="utf-8")
        truth = true_starts(case)
        row = [case.split("/")[-1]]
        for audio in (AUDIO / media, None):
            result = make_captions(rev, text, audio=audio, jobs=2)
            errors = caption_errors(result.captions, truth)
            row.append((len(result.captions), sum(e <= 500 for e in errors) / max(1, len(errors)),
                        statistics.median(errors) if errors else 0))
        (n, share_a, med_a), (_, share_t, med_t) = row[1], row[2]
        print(f"{row[0]:<14} {n:>8}  {share_a:>13.0%} {med_a:>9.0f}  {share_t:>12.0%} {med_t:>9.0f}")


if __name__ == "__main__":
    main()
