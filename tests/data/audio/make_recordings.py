"""Make the small test recordings in this folder, with their transcripts and true speech times.

What it makes (all mono, 16 kHz, each under 150 KB and 60 s):

    interview.mp3        two speakers taking turns, ~40 s; a number ("twenty five percent" -> 25%)
                         and a name; MP3 (LAME, 24 kbit/s)
    long_silence.ogg     one long turn with a 15 s pause of low room noise in the middle and no
                         stamp inside it; Ogg Opus (16 kbit/s)
    music_intro.m4a      11 s of synthetic music (sine chords and a beat) before the talk, while
                         the transcript stamps the first turn at 00:00; MP4/AAC (32 kbit/s)
    short_video.mp4      a 6 s video (64x64 black frames, H.264) with an AAC audio track of two
                         short phrases

and for each CASE:

    CASE.rev.txt         Rev-style transcript: ``Speaker N (mm:ss):`` at each turn only (the floor
                         of the turn's true start, except where a case says otherwise), verbatim
                         words with fillers
    CASE.clean.txt       the edited text: fillers removed, numbers as digits, ``Name:`` lines,
                         one sentence a line
    CASE.truth.json      true times: ``{"media", "duration_ms", "phrases": [{"text", "spoken",
                         "speaker", "start_ms", "end_ms", "words": [...]}], "turns": [...]}``

Each phrase is one sentence of the clean text, synthesised on its own by espeak-ng and placed on
a timeline at a chosen time. Its start_ms/end_ms are where its sound starts and stops (5 ms RMS
above -40 dBFS on the synthesised clip, which is exact to the sample on the timeline). Fillers
sit only inside sentences, never first or last, so a phrase's first and last clean words are
also its first and last spoken words. Word times come from espeak-ng's own word events (the
sample where it starts synthesising each word), tightened to the sounding part of the word by
the same energy test.

The committed media and text files are what the tests use; nobody needs to run this. It needs
Python 3 with numpy, espeak-ng (the shared library libespeak-ng.so.1, Debian package
``espeak-ng``) and ffmpeg/ffprobe only to regenerate; another espeak-ng or ffmpeg version makes
slightly different audio, so regenerate the truth files together with the media, never alone.

    python tests/data/audio/make_recordings.py            # remake every case, then check them
    python tests/data/audio/make_recordings.py --check    # only check the committed files
    python tests/data/audio/make_recordings.py --apollo11 /path/to/apollo11   # copy + convert

The check decodes every committed media file again with ffmpeg and tests that its duration is
right and that each phrase's start_ms and end_ms lie within 30 ms of the energy onset and offset
found in the decoded audio.
"""
from __future__ import annotations

import argparse
import ctypes
import json
import math
import multiprocessing
import re
import shutil
import subprocess
import sys
import wave
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
SYNTH_RATE = 22050          # espeak-ng's own rate; timelines are built at this rate
OUT_RATE = 16000            # encoded files
THRESHOLD_DB = -40.0        # energy test: 5 ms RMS above this many dBFS is sound
RMS_WINDOW_S = 0.005
CLIP_PEAK = 0.6             # every synthesised clip is scaled to this peak
TOLERANCE_MS = 30           # the check's limit between truth and the decoded file
SEARCH_MS = 250             # the check looks this far either side of each true time
MAX_BYTES = 150_000

# ---------------------------------------------------------------------------------------------
# The cases. A turn is (speaker, gap before the turn in s, [(spoken, clean, gap before in s)]),
# where the gap of a turn's first sentence is the turn's gap. Spoken text is what espeak-ng says
# and what the Rev transcript writes; clean text is the edited sentence.
# ---------------------------------------------------------------------------------------------


@dataclass
class Speaker:
    name: str               # name in the clean text
    label: str              # label in the Rev transcript
    voice: str              # espeak-ng voice (+variant)
    rate: int               # words a minute
    pitch: int = 50


@dataclass
class Case:
    name: str
    media: str
    speakers: dict[str, Speaker]
    turns: list             # [(speaker key, [(spoken, clean, gap_before_s)])]
    lead_in_s: float = 0.5
    tail_s: float = 1.0
    stamps: dict[int, str] = field(default_factory=dict)   # turn index -> stamp to write instead
    notes: str = ""


JAMES = Speaker("James Clayton", "Speaker 1", "en-us", 165)
SARAH = Speaker("Sarah Mitchell", "Speaker 2", "en+f3", 155, 55)

CASES = [
    Case(
        name="interview",
        media="interview.mp3",
        speakers={"J": JAMES, "S": SARAH},
        turns=[
            ("J", [("Thanks for coming in, Sarah.", "Thanks for coming in, Sarah.", 0.0),
                   ("What did the survey actually find?", "What did the survey actually find?", 0.5)]),
            ("S", [("The first thing we did was, uh, look at the numbers.",
                    "The first thing we did was look at the numbers.", 1.0),
                   ("About twenty five percent of the farms lost money last year.",
                    "About 25% of the farms lost money last year.", 0.6),
                   ("That was, um, much higher than we expected.",
                    "That was much higher than we expected.", 0.5)]),
            ("J", [("Is that a lot for a single year?", "Is that a lot for a single year?", 1.1)]),
            ("S", [("It is the worst result since two thousand and nine.",
                    "It is the worst result since 2009.", 0.9),
                   ("Doctor Patel at the university thinks the weather is the main reason.",
                    "Doctor Patel at the university thinks the weather is the main reason.", 0.6)]),
            ("J", [("And what happens next?", "And what happens next?", 1.2)]),
            ("S", [("We will run the same survey again in the spring.",
                    "We will run the same survey again in the spring.", 0.8),
                   ("Then we will know if this was, uh, a one off.",
                    "Then we will know if this was a one-off.", 0.5)]),
        ],
        notes="two voices alternating; fillers inside sentences; 25% and 2009 spoken as words",
    ),
    Case(
        name="long_silence",
        media="long_silence.ogg",
        speakers={"T": Speaker("Tom Baker", "Speaker 1", "en", 170, 45),
                  "R": Speaker("Ruth Evans", "Speaker 2", "en-us+f2", 150, 60)},
        turns=[
            ("T", [("Can you tell us what happened on the night of the storm?",
                    "Can you tell us what happened on the night of the storm?", 0.0)]),
            ("R", [("We were at home when the power went out.",
                    "We were at home when the power went out.", 0.9),
                   ("We waited in the dark for, um, about an hour.",
                    "We waited in the dark for about an hour.", 0.6),
                   # the long pause: 15 s of room noise inside the turn, no stamp in it
                   ("Then the phone rang and it was my brother.",
                    "Then the phone rang and it was my brother.", 15.0),
                   ("He said the bridge had gone and the road was closed.",
                    "He said the bridge had gone and the road was closed.", 0.6)]),
            ("T", [("That must have been frightening.", "That must have been frightening.", 1.0)]),
        ],
        notes="15 s of low room noise (-60 dBFS RMS, whole file) inside Speaker 2's turn",
    ),
    Case(
        name="music_intro",
        media="music_intro.m4a",
        speakers={"H": Speaker("Anna Hughes", "Speaker 1", "en-us+m3", 175, 48),
                  "G": Speaker("David Green", "Speaker 2", "en-gb-x-rp", 160, 40)},
        turns=[
            ("H", [("Welcome back to the programme.", "Welcome back to the programme.", 0.0),
                   ("Today we are talking about, um, bees in the city.",
                    "Today we are talking about bees in the city.", 0.5)]),
            ("G", [("Thank you for having me.", "Thank you for having me.", 1.0),
                   ("There are now more than forty hives on roofs in the centre.",
                    "There are now more than 40 hives on roofs in the centre.", 0.5)]),
            ("H", [("Why do the bees like the city so much?",
                    "Why do the bees like the city so much?", 1.0)]),
            ("G", [("There are flowers in every park and garden.",
                    "There are flowers in every park and garden.", 0.8)]),
        ],
        lead_in_s=11.6,                   # music 0 - 11.0 s, talk from 11.6 s
        stamps={0: "00:00"},              # the transcript says the talk starts at 00:00
        notes="11 s of synthetic music first; the first turn is stamped 00:00 though speech starts at 11.6 s",
    ),
    Case(
        name="short_video",
        media="short_video.mp4",
        speakers={"J": Speaker("James Clayton", "Speaker 1", "en-us", 170),
                  "S": Speaker("Sarah Mitchell", "Speaker 2", "en+f3", 160, 55)},
        turns=[
            ("J", [("Good morning and welcome.", "Good morning and welcome.", 0.0)]),
            ("S", [("Thank you, it is good to be here.", "Thank you, it is good to be here.", 0.8)]),
        ],
        lead_in_s=0.7,
        tail_s=1.2,
        notes="H.264 video (64x64 black, 10 fps) with an AAC audio track",
    ),
]

# ---------------------------------------------------------------------------------------------
# espeak-ng through its C library, for the audio and the word events of the same synthesis
# ---------------------------------------------------------------------------------------------


class _Event(ctypes.Structure):     # espeak_EVENT from speak_lib.h
    _fields_ = [("type", ctypes.c_int), ("unique_identifier", ctypes.c_uint),
                ("text_position", ctypes.c_int), ("length", ctypes.c_int),
                ("audio_position", ctypes.c_int), ("sample", ctypes.c_int),
                ("user_data", ctypes.c_void_p), ("id", ctypes.c_char * 8)]


_CALLBACK = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_short), ctypes.c_int,
                             ctypes.POINTER(_Event))
_EVENT_WORD = 1
_AUDIO_OUTPUT_SYNCHRONOUS = 2
_POS_CHARACTER = 1
_CHARS_UTF8 = 1
_RATE, _PITCH = 1, 3


class Espeak:
    def __init__(self):
        self.lib = ctypes.CDLL("libespeak-ng.so.1")
        rate = self.lib.espeak_Initialize(_AUDIO_OUTPUT_SYNCHRONOUS, 0, None, 0)
        if rate != SYNTH_RATE:
            raise RuntimeError(f"espeak-ng runs at {rate} Hz, expected {SYNTH_RATE}")
        self._chunks: list[np.ndarray] = []
        self._words: list[tuple[int, int, int]] = []      # (text position, length, sample)
        self._cb = _CALLBACK(self._on_audio)             # keep a reference
        self.lib.espeak_SetSynthCallback(self._cb)

    def _on_audio(self, wav, count, events):
        if count > 0:
            self._chunks.append(np.ctypeslib.as_array(wav, (count,)).copy())
        i = 0
        while events[i].type != 0:
            e = events[i]
            if e.type == _EVENT_WORD:
                self._words.append((e.text_position, e.length, e.sample))
            i += 1
        return 0

    def say(self, text: str, speaker: Speaker):
        """Return (samples as float in -1..1, word events) for one phrase.

        A word event is (character index from 0, length, sample where the word starts).
        """
        if self.lib.espeak_SetVoiceByName(speaker.voice.encode()) != 0:
            raise RuntimeError(f"espeak-ng has no voice {speaker.voice}")
        self.lib.espeak_SetParameter(_RATE, speaker.rate, 0)
        self.lib.espeak_SetParameter(_PITCH, speaker.pitch, 0)
        self._chunks, self._words = [], []
        data = text.encode("utf-8")
        self.lib.espeak_Synth(ctypes.c_char_p(data), len(data) + 1, 0, _POS_CHARACTER, 0,
                              _CHARS_UTF8, None, None)
        self.lib.espeak_Synchronize()
        audio = np.concatenate(self._chunks).astype(np.float64) / 32768.0
        # text positions count characters from 1; the text is ASCII so bytes == characters
        return audio, [(pos - 1, n, sample) for pos, n, sample in self._words]


def _say_once(job):
    return Espeak().say(*job)


def synthesise(jobs: list[tuple[str, Speaker]]):
    """Say each (text, speaker) in a fresh process of its own.

    espeak-ng keeps state from one utterance to the next inside a process (the same text comes
    out a few samples longer or shorter the second time), and it cannot be restarted in-process,
    so one process an utterance is what makes the output the same on every run.
    """
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(2, maxtasksperchild=1) as pool:
        return pool.map(_say_once, jobs, chunksize=1)


# ---------------------------------------------------------------------------------------------
# energy test, shared by the truth and the check
# ---------------------------------------------------------------------------------------------


def envelope(x: np.ndarray, rate: int) -> np.ndarray:
    """Centred moving RMS over RMS_WINDOW_S, in dBFS, one value a sample."""
    n = max(1, round(RMS_WINDOW_S * rate))
    c = np.concatenate(([0.0], np.cumsum(x.astype(np.float64) ** 2)))
    lo = np.clip(np.arange(len(x)) - n // 2, 0, len(x))
    hi = np.clip(lo + n, 0, len(x))
    ms = (c[hi] - c[lo]) / n
    return 10 * np.log10(ms + 1e-20)


def sounding(x: np.ndarray, rate: int) -> np.ndarray:
    return envelope(x, rate) > THRESHOLD_DB


def ms(samples: float, rate: int) -> int:
    return int(round(samples * 1000.0 / rate))


# ---------------------------------------------------------------------------------------------
# building a case
# ---------------------------------------------------------------------------------------------


def music(duration_s: float, rate: int) -> np.ndarray:
    """Sine chords (C, G, Am, F; 2 s each) with a kick on every beat and a hat off the beat."""
    t = np.arange(int(duration_s * rate)) / rate
    out = np.zeros_like(t)
    chords = [(261.63, 329.63, 392.00), (196.00, 246.94, 293.66),
              (220.00, 261.63, 329.63), (174.61, 220.00, 261.63)]
    for k in range(math.ceil(duration_s / 2.0)):
        seg = (t >= 2.0 * k) & (t < 2.0 * k + 2.0)
        tt = t[seg] - 2.0 * k
        env = np.minimum(1.0, tt / 0.05) * np.exp(-tt * 0.6)
        for f in chords[k % 4]:
            out[seg] += 0.09 * env * (np.sin(2 * np.pi * f * tt) + 0.3 * np.sin(4 * np.pi * f * tt))
    rng = np.random.default_rng(11)
    beat = 0.5
    for b in np.arange(0.0, duration_s, beat):
        i = int(b * rate)
        kt = np.arange(int(0.15 * rate)) / rate
        kick = 0.45 * np.sin(2 * np.pi * (55 + 90 * np.exp(-kt * 30)) * kt) * np.exp(-kt * 25)
        out[i:i + len(kick)] += kick[:len(out) - i]
        j = int((b + beat / 2) * rate)
        if j < len(out):
            hat = 0.06 * rng.standard_normal(int(0.03 * rate)) * np.exp(-np.arange(int(0.03 * rate)) / rate * 150)
            out[j:j + len(hat)] += hat[:len(out) - j]
    fade = np.clip((duration_s - t) / 1.0, 0.0, 1.0)     # fade out over the last second
    return out * fade


def word_times(text: str, events, on: np.ndarray, onset: int, offset: int):
    """Give each word of text its sounding span in the clip: [(word, start, end, shared)].

    espeak-ng's word events are nearly one a word, in order, but not quite: commas get events of
    length 0, some function words get none of their own ("of the" comes as one event at "of"),
    and now and then an event's text position points into the previous word ("That was" gives
    positions 1 and 2). So events are matched to words in order: an event goes to the word its
    position falls in, or to the next word when that one is already taken. A run of words that
    share one event splits the event's sounding span by letters and is marked shared.
    """
    spans = [(m.start(), m.end(), m.group()) for m in re.finditer(r"[A-Za-z0-9']+", text)]
    starts = []                     # (first word index, sample)
    last = -1
    for pos, length, sample in events:
        if length == 0:
            continue
        i = next((k for k, (a, b, _) in enumerate(spans) if a <= pos < b), last + 1)
        i = max(i, last + 1)
        if i >= len(spans):
            break
        starts.append((i, sample))
        last = i
    if not starts or starts[0][0] != 0:
        raise RuntimeError(f"no word event for the first word of {text!r}")
    out = []
    bounds = starts[1:] + [(len(spans), len(on))]
    for (i, s0), (j, s1) in zip(starts, bounds):
        part = np.flatnonzero(on[s0:s1])                 # from this event to the next: the sound
        a, b = (s0 + part[0], s0 + part[-1] + 1) if len(part) else (s0, s1)
        a, b = max(a, onset), min(b, offset)
        group = spans[i:j]
        letters = sum(len(w) for _, _, w in group)
        done = 0
        for _, _, w in group:
            lo = a + (b - a) * done // letters
            done += len(w)
            out.append((w, lo, a + (b - a) * done // letters, len(group) > 1))
    return out


def build(case: Case):
    """Return (timeline samples at SYNTH_RATE, truth dict)."""
    said = iter(synthesise([(spoken, case.speakers[key]) for key, sentences in case.turns
                            for spoken, _clean, _gap in sentences]))
    placed = []             # (start sample, clip, phrase record)
    cursor = case.lead_in_s
    turns = []
    for t_index, (key, sentences) in enumerate(case.turns):
        spk = case.speakers[key]
        for s_index, (spoken, clean, gap) in enumerate(sentences):
            clip, words = next(said)
            clip = clip * (CLIP_PEAK / np.max(np.abs(clip)))
            on = sounding(clip, SYNTH_RATE)
            idx = np.flatnonzero(on)
            onset, offset = int(idx[0]), int(idx[-1]) + 1
            start = cursor + gap if placed else cursor
            start_sample = round(start * SYNTH_RATE)
            shift = start_sample - onset                   # clip sample -> timeline sample
            word_rows = [{"text": text, "start_ms": ms(a + shift, SYNTH_RATE),
                          "end_ms": ms(b + shift, SYNTH_RATE), **({"shared": True} if shared else {})}
                         for text, a, b, shared in word_times(spoken, words, on, onset, offset)]
            rec = {"speaker": spk.name, "text": clean, "spoken": spoken,
                   "start_ms": ms(onset + shift, SYNTH_RATE), "end_ms": ms(offset + shift, SYNTH_RATE),
                   "words": word_rows}
            if s_index == 0:
                turns.append({"speaker": spk.name, "label": spk.label, "start_ms": rec["start_ms"],
                              "stamp": case.stamps.get(t_index, mmss(rec["start_ms"]))})
            placed.append((shift, clip, rec))
            cursor = (offset + shift) / SYNTH_RATE
    total = round((cursor + case.tail_s) * SYNTH_RATE)
    x = np.zeros(total)
    for shift, clip, _ in placed:
        lo = max(0, shift)
        x[lo:shift + len(clip)] += clip[lo - shift:]
    if case.name == "music_intro":
        m = music(11.0, SYNTH_RATE)
        x[:len(m)] += m
    if case.name == "long_silence":
        rng = np.random.default_rng(7)
        x += rng.standard_normal(len(x)) * 10 ** (-60 / 20)           # room tone, -60 dBFS RMS
    truth = {"media": case.media, "duration_ms": ms(total, SYNTH_RATE), "sample_rate": OUT_RATE,
             "notes": case.notes,
             "measured": ("phrase start/end: 5 ms RMS above -40 dBFS on the synthesised clip; "
                          "words: espeak-ng word events tightened by the same energy test"),
             "turns": turns, "phrases": [p[2] for p in placed]}
    return x, truth


def dumps(obj) -> str:
    """JSON with one line for each word and each turn, so a diff shows what moved."""
    text = json.dumps(obj, indent=1)
    flat = lambda m: re.sub(r"\s*\n\s*", " ", m.group()).replace("{ ", "{").replace(" }", "}")
    return re.sub(r"\{[^{}\[\]]*\}", flat, text) + "\n"


def mmss(ms_: int) -> str:
    s = ms_ // 1000
    return f"{s // 60:02d}:{s % 60:02d}"


def rev_text(case: Case, truth) -> str:
    out = []
    phrases = iter(truth["phrases"])
    for (key, sentences), turn in zip(case.turns, truth["turns"]):
        out.append(f"{turn['label']} ({turn['stamp']}):\n")
        out.append(" ".join(s[0] for s in sentences) + "\n")
        for _ in sentences:
            next(phrases)
    return "\n".join(out)


def clean_text(case: Case) -> str:
    out = []
    for key, sentences in case.turns:
        out.append(f"{case.speakers[key].name}:\n" + "".join(s[1] + "\n" for s in sentences))
    return "\n".join(out)


def write_wav(path: Path, x: np.ndarray, rate: int):
    pcm = (np.clip(x, -1, 1) * 32767).round().astype("<i2")
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(pcm.tobytes())


def encode(wav: Path, out: Path, duration_s: float):
    common = ["-map_metadata", "-1", "-fflags", "+bitexact", "-ac", "1", "-ar", str(OUT_RATE)]
    if out.suffix == ".mp3":
        cmd = ["-i", wav, *common, "-c:a", "libmp3lame", "-b:a", "24k"]
    elif out.suffix == ".ogg":
        cmd = ["-i", wav, *common, "-c:a", "libopus", "-b:a", "16k", "-application", "voip"]
    elif out.suffix == ".m4a":
        cmd = ["-i", wav, *common, "-c:a", "aac", "-b:a", "32k", "-movflags", "+faststart"]
    elif out.suffix == ".mp4":
        cmd = ["-f", "lavfi", "-i", f"color=c=black:s=64x64:r=10:d={duration_s:.3f}", "-i", wav,
               *common, "-c:v", "libx264", "-preset", "veryslow", "-crf", "45", "-pix_fmt", "yuv420p",
               "-g", "100", "-c:a", "aac", "-b:a", "32k", "-shortest", "-movflags", "+faststart"]
    else:
        raise ValueError(out.suffix)
    subprocess.run(["ffmpeg", "-v", "error", "-y", *map(str, cmd), str(out)], check=True)


def make(case: Case):
    x, truth = build(case)
    wav = HERE / f".{case.name}.tmp.wav"
    write_wav(wav, x, SYNTH_RATE)
    try:
        encode(wav, HERE / case.media, len(x) / SYNTH_RATE)
    finally:
        wav.unlink()
    (HERE / f"{case.name}.truth.json").write_text(dumps(truth))
    (HERE / f"{case.name}.rev.txt").write_text(rev_text(case, truth))
    (HERE / f"{case.name}.clean.txt").write_text(clean_text(case))


# ---------------------------------------------------------------------------------------------
# the check: decode what is committed and compare with the truth
# ---------------------------------------------------------------------------------------------


def decode(path: Path, rate: int = OUT_RATE) -> np.ndarray:
    raw = subprocess.run(["ffmpeg", "-v", "error", "-i", str(path), "-map", "0:a:0", "-ac", "1",
                          "-ar", str(rate), "-f", "f32le", "-"], check=True, capture_output=True).stdout
    return np.frombuffer(raw, dtype="<f4").astype(np.float64)


def probe(path: Path) -> dict:
    out = subprocess.run(["ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json",
                          str(path)], check=True, capture_output=True, text=True).stdout
    return json.loads(out)


def check(case_name: str) -> list[str]:
    """Return a list of problems with one committed case (empty when all is well)."""
    truth = json.loads((HERE / f"{case_name}.truth.json").read_text())
    path = HERE / truth["media"]
    problems = []
    info = probe(path)
    size = path.stat().st_size
    if size > MAX_BYTES:
        problems.append(f"{path.name}: {size} bytes > {MAX_BYTES}")
    x = decode(path)
    got_ms = ms(len(x), OUT_RATE)
    # decoders may keep the encoder's last padding frame (AAC: up to 1024 samples, 64 ms)
    if abs(got_ms - truth["duration_ms"]) > 100:
        problems.append(f"{path.name}: decodes to {got_ms} ms, truth says {truth['duration_ms']}")
    on = sounding(x, OUT_RATE)
    errs = []
    for p in truth["phrases"]:
        for key, first in (("start_ms", True), ("end_ms", False)):
            t = p[key]
            lo = max(0, int((t - SEARCH_MS) * OUT_RATE / 1000))
            hi = min(len(on), int((t + SEARCH_MS) * OUT_RATE / 1000))
            hits = np.flatnonzero(on[lo:hi])
            if not len(hits):
                problems.append(f"{path.name}: no sound near {key} {t} of {p['text']!r}")
                continue
            found = ms(lo + (hits[0] if first else hits[-1] + 1), OUT_RATE)
            errs.append(found - t)
            if abs(found - t) > TOLERANCE_MS:
                problems.append(f"{path.name}: {key} {t} but the decoded sound says {found} "
                                f"({p['text']!r})")
    streams = ", ".join(f"{s['codec_type']} {s['codec_name']}" for s in info["streams"])
    err = np.abs(errs) if errs else np.zeros(1)
    print(f"{path.name:18} {size / 1000:6.1f} KB {got_ms / 1000:6.2f} s  {streams:22} "
          f"{len(truth['phrases'])} phrases, decoded onset/offset error mean {err.mean():.1f} ms, "
          f"max {err.max():.0f} ms")
    return problems


# ---------------------------------------------------------------------------------------------
# the Apollo 11 recording: copied, with the recogniser's word times as (approximate) truth
# ---------------------------------------------------------------------------------------------


def apollo11(src: Path):
    dst = HERE / "apollo11"
    dst.mkdir(exist_ok=True)
    for name in ("apollo11.mp3", "apollo11.rev.txt"):
        shutil.copyfile(src / name, dst / name)
    whisper = json.loads((src / "apollo11.whisper-words.json").read_text())
    duration = ms(len(decode(dst / "apollo11.mp3", 8000)), 8000)
    phrases = []
    for seg in whisper["segments"]:
        phrases.append({
            "speaker": "Speaker 1", "text": seg["text"].strip(),
            "start_ms": round(seg["start"] * 1000), "end_ms": round(seg["end"] * 1000),
            "words": [{"text": w["text"].strip().strip(".,?!;:\""), "start_ms": round(w["start"] * 1000),
                       "end_ms": round(w["end"] * 1000)} for w in seg["words"]]})
    truth = {"media": "apollo11.mp3", "duration_ms": duration, "sample_rate": 8000,
             "approximate": True,
             "notes": ("NASA Apollo 11 air-to-ground audio (public domain). Times are a speech "
                       "recogniser's (Whisper) word output, converted from apollo11.whisper-words.json; "
                       "not checked by hand: expect errors of a few hundred ms, and wording that "
                       "differs from the transcript in places."),
             "phrases": phrases}
    (dst / "apollo11.truth.json").write_text(dumps(truth))


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="only check the committed files")
    ap.add_argument("--apollo11", type=Path, metavar="DIR",
                    help="copy apollo11.mp3/.rev.txt from DIR and convert apollo11.whisper-words.json")
    ap.add_argument("cases", nargs="*", help="case names (default: all)")
    args = ap.parse_args(argv)
    cases = [c for c in CASES if not args.cases or c.name in args.cases]
    if args.apollo11:
        apollo11(args.apollo11)
        return 0
    if not args.check:
        for case in cases:
            make(case)
    problems = []
    for case in cases:
        problems += check(case.name)
    for p in problems:
        print("PROBLEM:", p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
