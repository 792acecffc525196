"""Shot changes found in generated videos with cuts at known frames, and captions of a real run
timed to them, checked edge by edge against the rules."""
from __future__ import annotations

import importlib.util
import math
from pathlib import Path

import pytest

from captions.check import check_captions
from captions.errors import InputError
from captions.pipeline import make_captions
from captions.rules import NETFLIX
from captions.shots import ShotRules, check_shots, detect_shots, find_shots, read_shots, snap_to_shots

pytest.importorskip("av")
VIDEO = Path(__file__).parent / "data" / "video"
AUDIO = Path(__file__).parent / "data" / "audio"


def _clips():
    spec = importlib.util.spec_from_file_location("make_clips", VIDEO / "make_clips.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


clips = _clips()


def frame_ms(n: int, fps: float) -> int:
    return math.ceil(n * 1000 / fps)


def test_the_interview_clip_cuts_are_found_on_their_frames():
    found = detect_shots(VIDEO / "interview.mp4")
    assert found == [frame_ms(n, 24) for n in clips.INTERVIEW_CUTS]
    assert read_shots(VIDEO / "interview.cuts.txt") == found


@pytest.mark.parametrize("fps", [25, 30])
def test_cuts_are_found_at_other_rates(tmp_path, fps):
    cuts = [20, 41, 90, 131]
    path = tmp_path / "clip.mp4"
    clips.write_clip(path, cuts, 160, fps=fps)
    assert detect_shots(path) == [frame_ms(n, fps) for n in cuts]


def test_a_cut_between_shots_of_equal_brightness_is_found(tmp_path):
    path = tmp_path / "clip.mp4"
    clips.write_clip(path, [30, 60], 90, equal_luma=True)
    assert detect_shots(path) == [1250, 2500]   # frames 30 and 60 at 24 fps


def test_motion_inside_a_shot_is_no_cut(tmp_path):
    # one shot whose bars drift and whose box moves every frame, at a larger size
    path = tmp_path / "clip.mp4"
    clips.write_clip(path, [], 96, width=320, height=180)
    assert detect_shots(path) == []


def test_progress_is_reported_and_files_without_video_are_refused(tmp_path):
    seen = []
    detect_shots(VIDEO / "interview.mp4", progress=lambda done, total: seen.append((done, total)))
    assert seen and seen[-1][0] >= 37_000 and all(total and total >= 37_000 for _, total in seen)
    with pytest.raises(InputError, match="has no video stream"):
        detect_shots(AUDIO / "interview.mp3")
    with pytest.raises(InputError, match="no such file"):
        detect_shots(tmp_path / "none.mp4")
    bad = tmp_path / "bad.mp4"
    bad.write_bytes(b"not a video at all" * 10)
    with pytest.raises(InputError, match=str(bad)):
        detect_shots(bad)


@pytest.mark.parametrize("fps", [24.0])
def test_captions_of_the_interview_keep_every_shot_rule_edge_by_edge(fps):
    rules = NETFLIX
    shot = ShotRules.for_fps(fps)
    result = make_captions(AUDIO / "interview.rev.txt", AUDIO / "interview.clean.txt", rules, snap_frames=True)
    cuts = detect_shots(VIDEO / "interview.mp4")
    before = check_shots(result.captions, cuts, rules, shot)
    assert before, "the clip's cuts are placed a few frames off the speech, so there is work to do"
    out, moves = snap_to_shots(result.captions, cuts, rules, shot)
    assert moves and check_shots(out, cuts, rules, shot) == []
    # the other rules: nothing breaks that did not before
    old = {(b.cue, b.rule) for b in check_captions(result.captions, rules, tolerance_ms=1)}
    new = {(b.cue, b.rule) for b in check_captions(out, rules, tolerance_ms=1)}
    assert new <= old
    # every edge, by hand: frames from each cut within half a second
    for c in out:
        s, e = round(c.start_ms * fps / 1000), round(c.end_ms * fps / 1000)
        for cut in (round(t * fps / 1000) for t in cuts):
            assert s == cut or abs(s - cut) > shot.snap_frames and not 0 < cut - s < shot.min_cross_frames
            if cut > s:
                assert e - cut <= -shot.gap_frames or e - cut >= shot.min_cross_frames
    # the moves say what happened, edge by edge
    for m in moves:
        caption = out[m.cue - 1]
        assert (caption.start_ms if m.edge == "start" else caption.end_ms) == m.to_ms or any(
            later.cue == m.cue and later.edge == m.edge for later in moves[moves.index(m) + 1:])
        assert abs(m.by_ms) <= math.ceil(1000 * (shot.min_cross_frames + shot.gap_frames) / fps)


def test_shots_option_values():
    found = detect_shots(VIDEO / "interview.mp4")
    assert find_shots("auto", VIDEO / "interview.mp4") == found
    assert find_shots(VIDEO / "interview.cuts.txt") == found
    with pytest.raises(InputError, match="--shots auto needs the video"):
        find_shots("auto")
