"""`captions make --audio`: caption times heard in real recordings, checked against known speech times.

The recordings in tests/data/audio/ (see its README) have sample-exact phrase times: a caption
that starts with a phrase's first word must start within half a second of that phrase. Apollo
11's radio has recogniser word times (approximate truth).
"""
from __future__ import annotations

import json
import sys
import wave
from pathlib import Path

import pysrt
import pytest

pytest.importorskip("av")
pytest.importorskip("pocketsphinx")
numpy = pytest.importorskip("numpy")

from captions import make_captions, read_transcript  # noqa: E402
from captions.cli import main  # noqa: E402
from captions.listen import SETTINGS, hear, windows_of  # noqa: E402
from captions.listen.decoder import Decoder  # noqa: E402
from captions.listen.worker import WindowTask, hear_window  # noqa: E402
from captions.media import read_samples  # noqa: E402

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"
CASES = {"interview": "interview.mp3", "long_silence": "long_silence.ogg", "music_intro": "music_intro.m4a",
         "short_video": "short_video.mp4"}


def truth(case: str) -> dict:
    return json.loads((AUDIO / f"{case}.truth.json").read_text(encoding="utf-8"))


def phrase_starts(case: str, captions) -> list[tuple[int, int]]:
    """(caption start, true start) for each caption that opens with a phrase's first words."""
    phrases = truth(case)["phrases"]
    pairs = []
    for caption in captions:
        first = " ".join(w.text for w in caption.words[:3])
        for p in phrases:
            if p["text"].startswith(first):
                pairs.append((caption.start_ms, p["start_ms"]))
                break
    return pairs


@pytest.fixture(scope="module")
def heard():
    """Every case made with and without its recording."""
    out = {}
    for case, media in CASES.items():
        rev, text = AUDIO / f"{case}.rev.txt", AUDIO / f"{case}.clean.txt"
        out[case] = (make_captions(rev, text, audio=AUDIO / media, jobs=2), make_captions(rev, text))
    return out


@pytest.mark.parametrize("case", list(CASES))
def test_captions_start_within_half_a_second_of_speech(heard, case):
    with_audio, _ = heard[case]
    pairs = phrase_starts(case, with_audio.captions)
    assert len(pairs) >= 2
    late = [(got, want) for got, want in pairs if abs(got - want) > 500]
    assert not late, late


@pytest.mark.parametrize("case", list(CASES))
def test_the_recording_times_better_than_the_text_alone(heard, case):
    with_audio, text_only = heard[case]
    error = lambda result: sum(abs(a - b) for a, b in phrase_starts(case, result.captions))  # noqa: E731
    assert error(with_audio) <= error(text_only)


def test_no_caption_spans_a_long_silence_inside_a_turn(heard):
    with_audio, text_only = heard["long_silence"]
    silence = (9927 + 1000, 24927 - 200)     # 15 s of room noise between two sentences, no stamp in it
    covers = lambda c: c.start_ms < silence[1] and c.end_ms > silence[0]  # noqa: E731
    assert not any(covers(c) for c in with_audio.captions)
    assert any(covers(c) for c in text_only.captions)     # what the recording fixes


def test_music_before_the_talk_is_not_captioned(heard):
    with_audio, text_only = heard["music_intro"]
    assert with_audio.captions[0].start_ms >= 11_000       # the talk starts at 11.6 s, stamped 00:00
    assert text_only.captions[0].start_ms < 2_000


def test_every_caption_says_where_its_times_came_from_and_the_report_gives_shares(heard):
    with_audio, text_only = heard["interview"]
    assert {c.timed_by for c in with_audio.captions} == {"audio"}
    assert {c.timed_by for c in text_only.captions} == {"text"}
    figures = with_audio.report.audio
    assert figures["captions_timed_by"] == {"audio": 1.0, "text": 0.0, "mixed": 0.0}
    assert figures["windows"] == figures["windows_heard"] >= 1
    assert text_only.report.audio is None


def test_apollo_radio_words_are_heard_where_the_recogniser_put_them():
    """Noisy narrow-band radio: most word starts within half a second of the recogniser's."""
    rev = AUDIO / "apollo11" / "apollo11.rev.txt"
    transcript = read_transcript(rev)
    hearing = hear(transcript, str(AUDIO / "apollo11" / "apollo11.mp3"), jobs=2)
    truth_words = [w for p in json.loads((AUDIO / "apollo11" / "apollo11.truth.json").read_text())["phrases"]
                   for w in p["words"]]
    heard_starts = {a.word: a.time_ms for a in hearing.transcript.anchors if a.resolution_ms == 1}
    spoken = [i for i, w in enumerate(hearing.transcript.words) if not w.placeholder]
    assert len(spoken) == len(truth_words)
    errors = [abs(heard_starts[i] - t["start_ms"]) for i, t in zip(spoken, truth_words) if i in heard_starts]
    assert len(errors) >= 0.8 * len(spoken)
    assert sum(e <= 500 for e in errors) >= 0.6 * len(spoken)


def test_a_window_that_is_not_speech_falls_back_to_the_text_and_says_so(tmp_path):
    """A recording of a steady tone: nothing can be heard, the text timing stays, with a warning."""
    media = tmp_path / "tone.wav"
    t = numpy.arange(16000 * 8) / 16000
    write_wav(media, (0.3 * 32767 * numpy.sin(2 * numpy.pi * 440 * t)).astype(numpy.int16))
    rev, text = AUDIO / "short_video.rev.txt", AUDIO / "short_video.clean.txt"
    result = make_captions(rev, text, audio=media, jobs=1)
    plain = make_captions(rev, text)
    assert [c.start_ms for c in result.captions] == [c.start_ms for c in plain.captions]
    assert {c.timed_by for c in result.captions} == {"text"}
    assert any("timed from the text" in w and "tone.wav" in w for w in result.report.warnings)
    assert result.report.audio["captions_timed_by"]["text"] == 1.0


def test_cli_audio_writes_captions_and_the_report(tmp_path):
    out, report = tmp_path / "iv.srt", tmp_path / "iv.json"
    code = main(["make", str(AUDIO / "interview.rev.txt"), str(AUDIO / "interview.clean.txt"),
                 "--audio", str(AUDIO / "interview.mp3"), "-o", str(out), "-o", str(tmp_path / "iv.vtt"),
                 "-o", str(tmp_path / "words.json"), "--report", str(report), "-q"])
    assert code == 0
    subs = pysrt.open(str(out))
    assert subs[0].start.ordinal == pytest.approx(500, abs=200)
    assert json.loads(report.read_text())["audio"]["captions_timed_by"]["audio"] == 1.0
    words = json.loads((tmp_path / "words.json").read_text())["captions"]
    assert {c["timed_by"] for c in words} == {"audio"}


def test_cli_refuses_a_file_that_is_not_a_recording_with_one_line(tmp_path, capsys):
    out = tmp_path / "x.srt"
    out.write_text("keep me", encoding="utf-8")
    code = main(["make", str(AUDIO / "interview.rev.txt"), str(AUDIO / "interview.clean.txt"),
                 "--audio", str(AUDIO / "interview.clean.txt"), "-o", str(out), "-q"])
    err = capsys.readouterr().err.strip().splitlines()
    assert code == 2 and len(err) == 1
    assert "interview.clean.txt" in err[0] and "audio" in err[0]
    assert out.read_text(encoding="utf-8") == "keep me"


def test_cli_names_the_extra_when_the_audio_libraries_are_missing(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(sys.modules, "pocketsphinx", None)      # as if not installed
    code = main(["make", str(AUDIO / "interview.rev.txt"), str(AUDIO / "interview.clean.txt"),
                 "--audio", str(AUDIO / "interview.mp3"), "-o", str(tmp_path / "x.srt"), "-q"])
    err = capsys.readouterr().err
    assert code == 2 and "pip install -e '.[audio]'" in err and "pocketsphinx" in err   # run from a checkout
    assert not (tmp_path / "x.srt").exists()


@pytest.mark.parametrize("media", sorted(CASES.values()))
def test_every_container_decodes_to_16_khz_mono_of_the_right_length(media):
    samples = read_samples(AUDIO / media)
    assert samples.dtype == numpy.int16 and samples.ndim == 1
    assert abs(len(samples) / 16 - truth(media.split(".")[0])["duration_ms"]) < 120


def write_wav(path: Path, samples) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(samples.tobytes())


STAMPED_ONCE = [("interview", "interview.mp3"), ("long_silence", "long_silence.ogg"), ("interview", "interview.mp3")]


def stamped_once(folder: Path, parts=STAMPED_ONCE) -> list[tuple[str, int]]:
    """Recordings end to end with one stamp (by default two minutes: the interview, the 15 s
    silence case, the interview again) written to ``folder`` as long.wav, long.rev.txt and
    long.txt; their phrases and true starts. A part whose media is None is said over a tone."""
    samples, paragraphs, texts, phrases, at = [], [], [], [], 0
    for case, media in parts:
        if media is None:
            seconds = numpy.arange(16000 * 40) / 16000
            audio = (0.3 * 32767 * numpy.sin(2 * numpy.pi * 440 * seconds)).astype(numpy.int16)
        else:
            audio = read_samples(AUDIO / media)
        padded = numpy.zeros(-(-len(audio) // 16000) * 16000, numpy.int16)
        padded[:len(audio)] = audio
        samples.append(padded)
        rev = (AUDIO / f"{case}.rev.txt").read_text(encoding="utf-8")
        paragraphs += [line for line in rev.splitlines() if line.strip() and not line.rstrip().endswith("):")]
        texts.append((AUDIO / f"{case}.clean.txt").read_text(encoding="utf-8"))
        phrases += [(p["text"], p["start_ms"] + at) for p in truth(case)["phrases"]]
        at += len(padded) // 16
    write_wav(folder / "long.wav", numpy.concatenate(samples))
    (folder / "long.rev.txt").write_text("Speaker 1 (00:00):\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    (folder / "long.txt").write_text("\n\n".join(texts), encoding="utf-8")
    return phrases


def test_a_recording_stamped_once_is_heard_piece_by_piece(tmp_path):
    """Longer than one search should take, so it is followed in pieces, each starting where the
    last ended; every caption still starts within half a second of its phrase."""
    phrases = stamped_once(tmp_path)
    assert phrases[-1][1] > 90_000 and len(windows_of(read_transcript(tmp_path / "long.rev.txt"))) == 1
    result = make_captions(tmp_path / "long.rev.txt", tmp_path / "long.txt", audio=tmp_path / "long.wav")
    assert result.report.audio["captions_timed_by"]["audio"] >= 0.9
    pairs, next_phrase = [], 0
    for caption in result.captions:
        first = " ".join(w.text for w in caption.words[:3])
        for k in range(next_phrase, len(phrases)):
            if phrases[k][0].startswith(first):
                pairs.append((caption.start_ms, phrases[k][1]))
                next_phrase = k + 1
                break
    assert len(pairs) >= 10
    late = [(got, want) for got, want in pairs if abs(got - want) > 500]
    assert not late, late
    silence = (39_000 + 9927 + 1000, 39_000 + 24927 - 200)
    assert not any(c.start_ms < silence[1] and c.end_ms > silence[0] for c in result.captions)


def test_past_a_stretch_that_cannot_be_followed_the_words_keep_text_timing(tmp_path):
    """The interview twice, then its words again over a tone: the first two are heard, the rest
    keeps the text's times, and the warning says from when."""
    stamped_once(tmp_path, [("interview", "interview.mp3")] * 2 + [("interview", None)])
    result = make_captions(tmp_path / "long.rev.txt", tmp_path / "long.txt", audio=tmp_path / "long.wav")
    heard = [c for c in result.captions if c.timed_by == "audio"]
    assert heard and all(c.start_ms < 78_000 for c in heard)
    assert 0.5 <= len(heard) / len(result.captions) <= 0.75
    assert result.captions[-1].timed_by == "text"
    assert any("could not be followed" in w and "long.wav" in w for w in result.report.warnings)


def test_a_long_window_is_searched_in_pieces_of_bounded_length(tmp_path, monkeypatch):
    stamped_once(tmp_path)
    transcript = read_transcript(tmp_path / "long.rev.txt")
    (window,) = windows_of(transcript)
    texts = tuple("" if w.placeholder else w.text for w in transcript.words)
    searched = []
    search = Decoder.align
    monkeypatch.setattr(Decoder, "align", lambda self, words, samples, at:
                        searched.append(len(samples) / 16000) or search(self, words, samples, at))
    heard = hear_window(WindowTask(window, read_samples(tmp_path / "long.wav").tobytes(), texts, SETTINGS))
    assert len(searched) >= 3 and max(searched) < SETTINGS.max_window_ms / 1000
    assert sum(1 for span in heard.times if span) >= 0.9 * sum(1 for t in texts if t)


@pytest.mark.parametrize("container, codec", [("flac", "flac"), ("mkv", "libopus"), ("mov", "aac"), ("wav", "pcm_s16le")])
def test_other_containers_decode_alike(tmp_path, container, codec):
    """The interview re-encoded (stereo, 44.1 kHz) into the other containers users bring."""
    import av

    source = read_samples(AUDIO / "interview.mp3")
    path = tmp_path / f"interview.{container}"
    with av.open(str(path), "w") as out:
        stream = out.add_stream(codec, rate=48000 if codec == "libopus" else 44100, layout="stereo")
        resampler = av.AudioResampler(format=stream.format.name, layout="stereo", rate=stream.rate)
        frame = av.AudioFrame.from_ndarray(source[None, :], format="s16", layout="mono")
        frame.sample_rate = 16000
        for block in resampler.resample(frame) + resampler.resample(None):
            for packet in stream.encode(block):
                out.mux(packet)
        for packet in stream.encode(None):
            out.mux(packet)
    decoded = read_samples(path)
    assert abs(len(decoded) - len(source)) < 16 * 120
    result = make_captions(AUDIO / "interview.rev.txt", AUDIO / "interview.clean.txt", audio=path, jobs=1)
    assert not [(a, b) for a, b in phrase_starts("interview", result.captions) if abs(a - b) > 500]


def test_no_caption_is_placed_past_the_end_of_the_recording(tmp_path):
    """Text the recording does not hold (a transcript of a longer cut) keeps text timing, but
    with the recording known it is said before the recording ends, never after."""
    extra = " ".join(["The rest of the programme was about the harvest and the weather in the north."] * 12)
    rev = (AUDIO / "interview.rev.txt").read_text(encoding="utf-8").rstrip() + " " + extra + "\n"
    clean = (AUDIO / "interview.clean.txt").read_text(encoding="utf-8").rstrip() + "\n\n" + extra + "\n"
    (tmp_path / "long.rev.txt").write_text(rev, encoding="utf-8")
    (tmp_path / "long.txt").write_text(clean, encoding="utf-8")
    length_ms = len(read_samples(AUDIO / "interview.mp3")) * 1000 // 16000
    text_only = make_captions(tmp_path / "long.rev.txt", tmp_path / "long.txt")
    assert text_only.captions[-1].end_ms > length_ms + 10_000        # the text alone runs on
    heard = make_captions(tmp_path / "long.rev.txt", tmp_path / "long.txt", audio=AUDIO / "interview.mp3", jobs=1)
    assert heard.captions[-1].end_ms <= length_ms + 50
    assert all(a.end_ms <= b.start_ms for a, b in zip(heard.captions, heard.captions[1:]))
    assert any("come after the recording ends" in w for w in heard.report.warnings)
