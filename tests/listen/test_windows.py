"""listen/windows.py, listen/judge.py and listen/__init__.retime: windows from stamps, the
transcript rebuilt from what was heard, sentences judged by the shared lexicon, settings passed
as one value. No recogniser needed but to read the recordings' transcripts."""
from __future__ import annotations

import pickle
from dataclasses import replace
from pathlib import Path

from captions import Anchor, read_transcript
from captions.listen import SETTINGS, HeardWindow, ListenSettings, Window, retime, windows_of
from captions.listen.decoder import Aligned
from captions.listen.judge import _sentences, implausible
from captions.listen.worker import WindowTask

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"


def test_windows_run_from_stamp_to_stamp_and_join_short_ones():
    transcript = read_transcript(AUDIO / "interview.rev.txt")   # stamps 0, 5, 17, 20, 29, 31 s
    windows = windows_of(transcript)
    assert [(w.start_ms, w.end_ms) for w in windows] == [(0, 5_300), (5_000, 17_300), (17_000, 20_300),
                                                         (20_000, 29_300), (29_000, 31_300), (31_000, None)]
    assert windows[0].first == 0 and windows[-1].end == len(transcript.words)
    assert all(a.end == b.first for a, b in zip(windows, windows[1:]))
    # a word-timed source: a stamp every 400 ms, joined into windows of at least 2 s
    dense = replace(transcript, anchors=tuple(Anchor(i, 400 * i, 1, resolution_ms=1)
                                              for i in range(len(transcript.words))))
    joined = windows_of(dense)
    assert all(w.end - w.first == 5 for w in joined[:-1])
    assert all(b.start_ms - a.start_ms == 2_000 for a, b in zip(joined, joined[1:]))


def test_retime_anchors_heard_words_and_puts_a_pause_over_silence():
    from captions.listen import HeardWindow, Window

    transcript = read_transcript(AUDIO / "short_video.rev.txt")
    n = len(transcript.words)
    times = [None] * n
    times[0], times[1] = (700, 880), (2000, 2400)            # a 1.1 s silence between them
    retimed, heard = retime(transcript, [HeardWindow(Window(0, 0, n, 0, None), tuple(times), -20.0)])
    assert [w.text for w in retimed.words[:3]] == ["Good", "[pause]", "morning"]
    anchors = {a.word: (a.time_ms, a.resolution_ms) for a in retimed.anchors}
    assert anchors[0] == (700, 1) and anchors[1] == (880, 1) and anchors[2] == (2000, 1)
    assert heard == {0, 2}
    assert retimed.turns[-1].end == len(retimed.words)
    assert retimed.turns[1].first == transcript.turns[1].first + 1


def test_settings_are_one_value_that_windows_and_tasks_carry():
    transcript = read_transcript(AUDIO / "interview.rev.txt")   # stamps 0, 5, 17, 20, 29, 31 s
    wide = ListenSettings(min_window_ms=10_000, end_pad_ms=0)
    assert [(w.start_ms, w.end_ms) for w in windows_of(transcript, wide)] == [(0, 17_000), (17_000, 29_000),
                                                                               (29_000, None)]
    task = WindowTask(windows_of(transcript)[0], b"\0\0", ("Good", ""), wide)
    assert pickle.loads(pickle.dumps(task)) == task          # what a worker process receives
    assert replace(SETTINGS, beam=1e-100).beam == 1e-100 and SETTINGS.beam == 1e-150


def test_sentences_end_where_the_lexicon_says_with_the_ellipsis_and_not_after_a_title():
    texts = ("Well…", "then", "Dr.", "Smith", "came.", "Yes")
    assert _sentences(texts, [0, 1, 2, 3, 3, 4, 5]) == [[0], [1, 2, 3, 4, 5], [6]]


def test_words_not_heard_are_none_and_only_heard_words_are_judged():
    aligned = Aligned([0, 300], [250, 600], [-50.0, -60.0])
    aligned.unheard(2)
    assert aligned.start[2:] == [None, None] and aligned.end[2:] == [None, None]
    assert aligned.per_frame([0, 1]) == -110.0 / 55
    squeezed = Aligned([0, 30, 60, 90], [30, 60, 90, 120], [])      # 30 ms for three phones each
    assert implausible(squeezed, [3, 3, 3, 3], SETTINGS).startswith("words squeezed")
    assert implausible(squeezed, [3, 3, 3, 3], replace(SETTINGS, squeezed_share=1.0, min_phone_rate=0.0)) == ""
