#!/usr/bin/env python3
"""Recordings for the bench's calls: their verbatim words said by espeak-ng at their true times.

usage: python benchmarks/bench_recordings.py ID [ID ...] [--source REPO] [--out DIR]

The bench's Earnings-22 calls come without their audio (Rev keeps it in Git LFS), so `--audio`
cannot be measured on them. This script makes a stand-in: every force-aligned verbatim word of
the call (`earnings22/transcripts/force_aligned_nlp_references/ID.aligned.nlp` in a checkout or
snapshot of revdotcom/speech-datasets, CC BY-SA 4.0) is said where the call's truth says it is.
Words run together into phrases (same speaker, under 150 ms apart, at most 14 words); each
phrase is said by its speaker's espeak-ng voice at the rate that makes it last as long as the
real phrase did, and placed so that its sound starts at the phrase's true start. Words without
an aligned time (about 8%: crosstalk, noise) are said in the time between their timed
neighbours. The result is made to sound like a conference call:
band-limited to a telephone's 300-3400 Hz, each speaker at their own level, pink noise under
everything (about 20 dB below speech), MP3 at 32 kbit/s, 16 kHz mono.

So the words' timing (every pause, hand-over and silence inside a turn) is the real call's,
which is what the caption timing is scored on; the voices are synthetic and cleaner than a real
line, so the share of captions heard is an upper bound of what a real recording gives. Writes
DIR/e22-ID.mp3 (default DIR: ../heldout/audio beside the checkout).
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import wave
from multiprocessing import get_context
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "data" / "audio"))
from make_recordings import SYNTH_RATE, Espeak, Speaker, sounding  # noqa: E402

SOURCE = Path("/work/.mirror/revdotcom+speech-datasets/repo")
PHRASE_GAP_S = 0.15
PHRASE_WORDS = 14
VOICES = [("en-us", 50), ("en+f3", 55), ("en-gb-x-rp", 45), ("en+m3", 40), ("en+f2", 60), ("en-us+m1", 35),
          ("en+f4", 65), ("en-gb-scotland", 50),
          ("en-029+f2", 55), ("en-gb-x-gbclan", 45), ("en-gb-x-gbcwmd+f3", 60)]
LEVELS = [0.55, 0.35, 0.6, 0.3, 0.5, 0.4, 0.25, 0.45, 0.35, 0.5, 0.3]    # speakers' peaks: some lines are quiet
BASE_RATE = 175                                         # espeak-ng words a minute to start from


def aligned_words(source: Path, call: str) -> list[tuple[str, str, float, float]]:
    """(text with its punctuation, speaker, start s, end s) of every verbatim word. A word the
    force alignment left untimed (crosstalk, noise) was still said: it gets a share, by letters,
    of the time between its timed neighbours."""
    path = f"earnings22/transcripts/force_aligned_nlp_references/{call}.aligned.nlp"
    if (source / path).exists():
        text = (source / path).read_text(encoding="utf-8")
    else:
        text = subprocess.run(["git", "-C", str(source), "show", f"HEAD:{path}"], check=True,
                              capture_output=True, text=True).stdout
    rows = [line.split("|") for line in text.splitlines()[1:]]
    words = [[cols[0] + cols[4], cols[1], float(cols[2]) if cols[2] else None, float(cols[3]) if cols[3] else None]
             for cols in rows if len(cols) >= 5 and cols[0]]
    k = 0
    while k < len(words):
        if words[k][2] is not None and words[k][3] is not None:
            k += 1
            continue
        end = k
        while end < len(words) and (words[end][2] is None or words[end][3] is None):
            end += 1
        lo = words[k - 1][3] if k else max(0.0, words[end][2] - 0.3 * (end - k)) if end < len(words) else 0.0
        hi = words[end][2] if end < len(words) else lo + 0.3 * (end - k)
        letters = sum(len(w[0]) for w in words[k:end])
        t = lo
        for w in words[k:end]:
            w[2], t = t, t + (hi - lo) * len(w[0]) / letters
            w[3] = t
        k = end
    return [tuple(w) for w in words]


def phrases(words):
    """Runs of one speaker's words said without a break: (speaker, text, start s, end s)."""
    out = []
    run = []
    for w in words:
        if run and (w[1] != run[-1][1] or w[2] - run[-1][3] > PHRASE_GAP_S or len(run) >= PHRASE_WORDS):
            out.append(run)
            run = []
        run.append(w)
    if run:
        out.append(run)
    return [(r[0][1], " ".join(w[0] for w in r), r[0][2], max(w[3] for w in r)) for r in out]


def _say(espeak: Espeak, text: str, voice: str, pitch: int, seconds: float) -> np.ndarray:
    """One phrase, at the rate that makes its sound last ``seconds``, trimmed to its sound."""
    rate = BASE_RATE
    for _ in range(2):
        clip, _events = espeak.say(text, Speaker("", "", voice, rate, pitch))
        on = np.flatnonzero(sounding(clip, SYNTH_RATE))
        if not len(on):
            return np.zeros(0)
        clip = clip[on[0]:on[-1] + 1]
        took = len(clip) / SYNTH_RATE
        if abs(took - seconds) <= 0.08 * seconds:
            break
        rate = int(min(450, max(80, rate * took / max(seconds, 0.05))))
    return clip


def _say_all(job):
    items, voices = job
    espeak = Espeak()
    return [_say(espeak, text, *voices[speaker], end - start) for speaker, text, start, end in items]


def synthesise(call_phrases, voices, jobs: int = 2) -> list[np.ndarray]:
    chunks = [call_phrases[i:i + 200] for i in range(0, len(call_phrases), 200)]
    with get_context("spawn").Pool(jobs) as pool:
        said = pool.map(_say_all, [(chunk, voices) for chunk in chunks])
    return [clip for chunk in said for clip in chunk]


def make(call: str, source: Path, out: Path) -> Path:
    words = aligned_words(source, call)
    call_phrases = phrases(words)
    speakers = sorted({p[0] for p in call_phrases}, key=lambda s: min(p[2] for p in call_phrases if p[0] == s))
    voices = {s: VOICES[k % len(VOICES)] for k, s in enumerate(speakers)}
    level = {s: LEVELS[k % len(LEVELS)] for k, s in enumerate(speakers)}
    clips = synthesise(call_phrases, voices)
    total = round((max(p[3] for p in call_phrases) + 2.0) * SYNTH_RATE)
    x = np.zeros(total, dtype=np.float32)
    for (speaker, _text, start, _end), clip in zip(call_phrases, clips):
        if not len(clip):
            continue
        at = round(start * SYNTH_RATE)
        piece = (clip * (level[speaker] / np.max(np.abs(clip)))).astype(np.float32)
        x[at:at + len(piece)] += piece[:total - at]
    target = out / f"e22-{call}.mp3"
    with tempfile.TemporaryDirectory() as tmp:
        wav = Path(tmp) / "speech.wav"
        with wave.open(str(wav), "wb") as w:
            w.setnchannels(1)
            w.setsampwidth(2)
            w.setframerate(SYNTH_RATE)
            w.writeframes((np.clip(x, -1, 1) * 32767).round().astype("<i2").tobytes())
        graph = ("[0:a]highpass=f=300,lowpass=f=3400[s];"
                 "[1:a]highpass=f=300,lowpass=f=3400,volume=0.5[n];"
                 "[s][n]amix=inputs=2:duration=first:normalize=0")
        subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", str(wav),
                        "-f", "lavfi", "-i", f"anoisesrc=color=pink:amplitude=0.03:sample_rate={SYNTH_RATE}:seed=7",
                        "-filter_complex", graph, "-ac", "1", "-ar", "16000", "-c:a", "libmp3lame", "-b:a", "32k",
                        str(target.with_suffix(".part.mp3"))], check=True)
    target.with_suffix(".part.mp3").replace(target)
    return target


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("calls", nargs="+", help="Earnings-22 call ids, e.g. 4469088")
    parser.add_argument("--source", type=Path, default=SOURCE, help="revdotcom/speech-datasets checkout or bare snapshot")
    parser.add_argument("--out", type=Path, default=ROOT.parent / "heldout" / "audio")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    for call in args.calls:
        call = call.removeprefix("e22-")
        print(make(call, args.source, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
