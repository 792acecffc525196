"""Shot-change rules (`captions.shots.snap_to_shots`, `check_shots`) edge by edge at 24 fps, and
the shot-list readers."""
from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from captions.check import check_captions
from captions.errors import InputError
from captions.model import Caption
from captions.rules import NETFLIX
from captions.shots import ShotRules, check_shots, read_shots, snap_to_shots

from conftest import dedent, fuzz_settings


def f(n: int) -> int:
    """Where frame n starts at 24 fps, in ms."""
    return math.ceil(n * 1000 / 24)


def cap(start: int, end: int, text: str = "Short line.") -> Caption:
    """A caption from frame ``start`` to frame ``end``."""
    return Caption(f(start), f(end), (text,))


def frames(captions):
    return [(round(c.start_ms * 24 / 1000), round(c.end_ms * 24 / 1000)) for c in captions]


def snap(captions, cut_frames, rules=NETFLIX, shot=None):
    out, moves = snap_to_shots(captions, [f(c) for c in cut_frames], rules, shot)
    return frames(out), moves


# ---- in-times

@pytest.mark.parametrize("start", [93, 97, 99, 101, 103, 107])
def test_an_in_time_within_seven_frames_of_a_cut_moves_onto_it(start):
    got, moves = snap([cap(start, start + 48)], [100])
    assert got == [(100, start + 48)]
    assert [(m.cue, m.edge, m.to_ms - m.from_ms, m.cut_ms) for m in moves] == [(1, "start", f(100) - f(start), f(100))]


@pytest.mark.parametrize("start", [89, 90, 92])
def test_an_in_time_eight_to_eleven_frames_before_a_cut_moves_half_a_second_before_it(start):
    got, moves = snap([cap(start, start + 60)], [100])
    assert got == [(88, start + 60)]
    assert moves[0].reason == "before the cut"


@pytest.mark.parametrize("start", [60, 88, 100, 108, 115])
def test_in_times_on_a_cut_or_clear_of_it_stay(start):
    got, moves = snap([cap(start, 200)], [100])
    assert got == [(start, 200)] and moves == []


# ---- out-times

@pytest.mark.parametrize("end", [89, 95, 99, 100, 101, 107])
def test_an_out_time_near_a_cut_ends_two_frames_before_it(end):
    got, moves = snap([cap(40, end)], [100])
    assert got == [(40, 98)]
    assert moves[0].edge == "end" and moves[0].cut_ms == f(100)


@pytest.mark.parametrize("end", [108, 111])
def test_an_out_time_eight_to_eleven_frames_past_a_cut_stays_half_a_second_past_it(end):
    got, moves = snap([cap(40, end)], [100])
    assert got == [(40, 112)] and moves[0].reason == "past the cut"


def test_an_out_time_that_cannot_come_back_before_the_cut_goes_past_it():
    # 20 characters in 60 frames (2.5 s) is 8 cps; back to frame 98 is 58 frames... make it tight:
    text = "x" * 49                                           # 49 chars at 20 cps need 2.45 s = 59 frames
    got, _ = snap([Caption(f(40), f(103), (text,))], [100])
    assert got == [(40, 112)]


def test_an_out_time_too_short_to_come_back_goes_past_the_cut():
    got, _ = snap([cap(80, 101)], [100])                      # 21 frames; back to 98 would be 18 < 20
    assert got == [(80, 112)]


def test_an_out_time_is_not_extended_into_the_next_caption_whose_start_moves_before_the_cut():
    got, moves = snap([cap(40, 90), cap(92, 140)], [100])
    assert got == [(40, 86), (88, 140)]
    assert [(m.cue, m.edge, m.reason) for m in moves] == [
        (1, "end", "ends before the next caption's cut"), (2, "start", "before the cut")]


# ---- neighbours and chains

def test_a_chained_caption_follows_a_start_onto_a_later_cut():
    got, moves = snap([cap(40, 95), cap(97, 150)], [100])
    assert got == [(40, 98), (100, 150)]
    assert {(m.cue, m.edge) for m in moves} == {(1, "end"), (2, "start")}


def test_a_start_moved_back_onto_a_cut_pushes_the_caption_before_out_of_the_way():
    got, _ = snap([cap(40, 100), cap(102, 150)], [97])
    assert got == [(40, 95), (97, 150)]


def test_a_start_stays_when_the_caption_before_cannot_end_sooner():
    got, moves = snap([cap(78, 100), cap(102, 150)], [97])   # the first would last 17 < 20 frames
    assert got[1] == (102, 150) and all(m.cue != 2 or m.edge != "start" for m in moves)


def test_no_edge_runs_over_another_cut():
    # the end at 108 is 8 frames past the cut at 100, but a cut at 111 stops the extension to 112
    got, _ = snap([cap(40, 108)], [100, 111])
    assert got == [(40, 98)]


def test_rules_scale_with_the_frame_rate_and_can_be_set():
    assert ShotRules.for_fps(30) == ShotRules(snap_frames=9, min_cross_frames=15, gap_frames=2)
    assert ShotRules.for_fps(25).min_cross_frames == 12
    got, _ = snap([cap(95, 150)], [100], shot=ShotRules(snap_frames=3, min_cross_frames=12))
    assert got == [(88, 150)]                                  # 5 frames before is now in the green zone
    with pytest.raises(ValueError):
        ShotRules(snap_frames=12, min_cross_frames=12)


def test_unmoved_edges_keep_their_exact_times():
    c = Caption(1234, 2345, ("Far from any cut.",))
    out, moves = snap_to_shots([c], [10_000], NETFLIX)
    assert out == [c] and moves == []


# ---- check_shots

def test_check_reports_each_edge_that_breaks_the_rules():
    captions = [cap(97, 130), cap(132, 199), cap(300, 349), cap(360, 410), cap(412, 460)]
    cuts = [f(100), f(200), f(350), f(400)]
    found = check_shots(captions, cuts, NETFLIX)
    assert [(b.cue, b.value) for b in found] == [(1, -3), (2, -1), (3, -1), (4, 10)]
    assert all(b.rule == "shot_change" and not b.hard for b in found)
    fixed, _ = snap_to_shots(captions, cuts, NETFLIX)
    assert check_shots(fixed, cuts, NETFLIX) == []


@fuzz_settings(120)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(20, 120)), min_size=1, max_size=12),
       st.lists(st.integers(1, 900), max_size=12))
def test_snapping_keeps_the_other_rules_and_leaves_moved_edges_on_the_rules(spans, cut_frames):
    captions, at = [], 10
    for gap, length in spans:
        start = at + gap + 2
        captions.append(cap(start, start + length, "A short caption."))
        at = start + length
    cuts = [f(c) for c in cut_frames]
    out, moves = snap_to_shots(captions, cuts, NETFLIX)
    assert [c.lines for c in out] == [c.lines for c in captions]
    got = frames(out)
    assert all(s < e for s, e in got)
    assert all(b[0] - a[1] >= NETFLIX.min_gap_frames for a, b in zip(got, got[1:]))
    before = {(b.cue, b.rule) for b in check_captions(captions, NETFLIX, tolerance_ms=1)}
    after = {(b.cue, b.rule) for b in check_captions(out, NETFLIX, tolerance_ms=1)}
    assert after <= before
    breaking = {(b.cue, "start" if "starts" in b.message else "end") for b in check_shots(out, cuts, NETFLIX)}
    assert not breaking & {(m.cue, m.edge) for m in moves if m.reason != "chained to the next caption"}


# ---- reading shot lists

def test_plain_lists_take_seconds_clock_times_and_timecodes(write_file):
    path = write_file("cuts.txt", dedent("""
        # shot changes
        1.5
        2,25
        00:00:03.100
        00:00:04,000  0.87
        00:00:05:12

        00:00:01.500
        """))
    assert read_shots(path, fps=24) == [1500, 2250, 3100, 4000, 5500]


def test_subtitle_edit_shot_change_files_are_seconds(write_file):
    assert read_shots(write_file("v.shotchanges", "0\n4.004\n10.01\n")) == [4004, 10010]


def test_a_timecode_needs_the_frame_rate(write_file):
    path = write_file("cuts.txt", "1.0\n00:00:02:00\n")
    with pytest.raises(InputError) as err:
        read_shots(path)
    assert str(err.value).startswith(f"{path}:2:") and "--fps" in str(err.value)


def test_a_line_that_is_not_a_time_is_refused_with_its_line(write_file):
    path = write_file("cuts.txt", "1.0\nscene two\n")
    with pytest.raises(InputError, match=r"cuts.txt:2: not a time"):
        read_shots(path)


def test_ffmpeg_scene_lists(write_file):
    showinfo = write_file("log.txt", dedent("""
        [Parsed_showinfo_1 @ 0x55] n:   0 pts:  49152 pts_time:4       duration:512 fmt:yuv420p
        [Parsed_showinfo_1 @ 0x55] n:   1 pts: 128000 pts_time:10.4167 duration:512 fmt:yuv420p
        """))
    assert read_shots(showinfo) == [4000, 10417]
    metadata = write_file("scenes.txt", "frame:0    pts:72      pts_time:3\nlavfi.scene_score=0.61\n"
                                        "frame:1    pts:137     pts_time:5.70833\nlavfi.scene_score=0.57\n")
    assert read_shots(metadata) == [3000, 5708]


def test_edls_give_each_video_events_record_in(write_file):
    edl = write_file("cut.edl", dedent("""
        TITLE: INTERVIEW
        FCM: NON-DROP FRAME

        001  A001     V     C        00:10:00:00 00:10:03:00 01:00:00:00 01:00:03:00
        * FROM CLIP NAME: wide.mov
        002  A002     V     C        00:20:01:00 00:20:03:17 01:00:03:00 01:00:05:17
        003  A002     A     C        00:20:01:00 00:20:03:17 01:00:03:00 01:00:05:17
        004  A003     V     D    012 00:30:00:00 00:30:05:00 01:00:05:17 01:00:10:17
        """))
    assert read_shots(edl, fps=24) == [3000, 5709]


def test_drop_frame_edls(write_file):
    edl = write_file("cut.edl", dedent("""
        FCM: DROP FRAME
        001  A001     V     C        00:00:00;00 00:01:00;02 01:00:00;00 01:01:00;02
        002  A002     V     C        00:00:00;00 00:00:10;00 01:01:00;02 01:01:10;00
        """))
    # 01:01:00;02 is frame 1800 after 01:00:00;00: 1800 x 1001 / 30 ms
    assert read_shots(edl, fps=29.97) == [math.ceil(1800 * 1001 / 30)]


def test_missing_and_binary_shot_lists_are_refused(tmp_path, write_file):
    with pytest.raises(InputError, match="no such file"):
        read_shots(tmp_path / "none.txt")
    with pytest.raises(InputError, match="not a text file"):
        read_shots(write_file("b.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00"))
