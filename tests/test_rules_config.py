"""Presets, captions.toml and its precedence, offsets, and snapping captions to frames."""
from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given
from hypothesis import strategies as st

from captions.config import find_config, load_config, resolve_rules
from captions.errors import InputError
from captions.model import Caption, TimedWord
from captions.rules import NETFLIX, PRESETS, CaptionRules, preset
from captions.segment import segment
from captions.timecode import parse_offset, snap_captions, snap_to_frames
from conftest import fuzz_settings

FRAME_RATES = [23.976, 24.0, 25.0, 29.97, 30.0, 50.0, 59.94, 60.0]


# --- presets ---------------------------------------------------------------------------------

def test_presets_hold_their_sources_numbers():
    assert PRESETS["netflix"] == CaptionRules() == NETFLIX
    assert PRESETS["netflix-kids"] == replace(NETFLIX, max_chars_per_second=17.0)
    bbc = PRESETS["bbc"]
    assert (bbc.max_chars_per_line, bbc.max_lines, bbc.fps, bbc.chain_gap_ms) == (37, 2, 25.0, 1000)
    assert 160 * 5.5 / 60 < bbc.max_chars_per_second <= 180 * 5.5 / 60
    assert (PRESETS["youtube"].max_chars_per_line, PRESETS["youtube"].max_lines) == (42, 2)
    cea = PRESETS["cea608"]
    assert (cea.max_chars_per_line, cea.max_lines, cea.fps) == (32, 2, 29.97)
    vertical = PRESETS["vertical"]
    assert (vertical.max_chars_per_line, vertical.max_lines) == (25, 3)


@pytest.mark.parametrize("name", list(PRESETS))
def test_each_preset_is_valid_and_cuts_captions_to_its_limits(name):
    rules = preset(name)
    assert replace(rules) == rules                      # passes CaptionRules' own checks again
    text = ("So the thing about vertical video is that every line has to be short, and people "
            "still read it at the same speed as they always did, more or less. ") * 3
    words = [TimedWord(w, 300 * i, 300 * i + 250, "Ann", 1, 0, True) for i, w in enumerate(text.split())]
    captions = segment(words, rules)
    assert [w for c in captions for line in c.lines for w in line.split()] == text.split()
    for c in captions:
        assert len(c.lines) <= rules.max_lines
        assert all(len(line) <= rules.max_chars_per_line for line in c.lines)


def test_preset_names_are_forgiving_of_case_and_spaces():
    assert preset(" BBC ") is PRESETS["bbc"]


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(ValueError) as err:
        preset("hbo")
    assert "'hbo'" in str(err.value)
    assert all(name in str(err.value) for name in PRESETS)


# --- captions.toml and precedence ------------------------------------------------------------

def test_find_config_looks_in_the_folder_only(tmp_path):
    assert find_config(tmp_path) is None
    (tmp_path / "captions.toml").write_text("max_chars = 40\n")
    assert find_config(tmp_path) == tmp_path / "captions.toml"


def test_precedence_flag_over_file_over_preset_over_defaults(write_file):
    assert resolve_rules(None, None, {}) == CaptionRules()
    assert resolve_rules("bbc", None, {}) == PRESETS["bbc"]

    config = load_config(write_file("captions.toml", 'preset = "bbc"\nmax_chars = 40\nlinger = 0.5\n'))
    rules = resolve_rules(None, config, {})
    assert rules == replace(PRESETS["bbc"], max_chars_per_line=40, linger_ms=500)   # file over its preset

    rules = resolve_rules("vertical", config, {})        # the flag's preset wins over the file's...
    assert (rules.max_lines, rules.fps) == (3, 30.0)
    assert rules.max_chars_per_line == 40                # ...and the file still wins over both presets

    rules = resolve_rules("vertical", config, {"max_chars": 30, "linger": None, "fps": 25})
    assert (rules.max_chars_per_line, rules.linger_ms, rules.fps) == (30, 500, 25.0)


def test_seconds_become_whole_milliseconds(write_file):
    config = load_config(write_file("captions.toml",
                                    "min_duration = 1.2\nmax_duration = 6\nchain_gap = 0.25\nlinger = 0\n"))
    rules = resolve_rules(None, config, {"min_duration": 5 / 6})
    assert (rules.min_duration_ms, rules.max_duration_ms, rules.chain_gap_ms, rules.linger_ms) == (833, 6000, 250, 0)
    assert isinstance(rules.max_duration_ms, int) and isinstance(rules.fps, float)


def test_an_empty_file_changes_nothing(write_file):
    assert resolve_rules(None, load_config(write_file("captions.toml", "# nothing yet\n")), {}) == CaptionRules()


@pytest.mark.parametrize("content, line, words", [
    ("fps = 25\nmax_char = 40\n", 2, ["unknown key 'max_char'", "did you mean 'max_chars'"]),
    ("[rules]\nmax_chars = 40\n", 1, ["unknown key 'rules'"]),
    ('max_chars = "forty"\n', 1, ["max_chars", "whole number"]),
    ("\nmax_chars = 40.5\n", 2, ["max_chars", "whole number"]),
    ("max_lines = 0\n", 1, ["max_lines", "at least 1"]),
    ("fps = 1000\n", 1, ["fps", "at most 240"]),
    ("max_cps = 0\n", 1, ["max_cps", "above 0"]),
    ("linger = true\n", 1, ["linger", "number of seconds"]),
    ('preset = "hbo"\n', 1, ["preset", "netflix", "vertical"]),
    ("fps = 25\nmax_chars = = 40\n", 2, ["bad TOML"]),
    ("fps = 25\nfps = 24\n", 2, ["bad TOML"]),
])
def test_bad_settings_name_the_file_the_key_and_the_line(write_file, content, line, words):
    path = write_file("captions.toml", content)
    with pytest.raises(InputError) as err:
        load_config(path)
    assert (err.value.path, err.value.line) == (str(path), line)
    message = str(err.value)
    assert message.startswith(f"{path}:{line}: ") and "\n" not in message
    assert all(w in message for w in words), message


def test_rules_that_do_not_fit_together_are_refused(write_file):
    path = write_file("captions.toml", "min_duration = 8\n")        # above the default 7 s maximum
    with pytest.raises(InputError, match="max_duration must not be below min_duration") as err:
        load_config(path)
    assert err.value.path == str(path)
    with pytest.raises(ValueError, match="max_duration must not be below min_duration"):
        resolve_rules(None, {"max_duration": 2}, {"min_duration": 3})


def test_unreadable_config_files_are_input_errors(write_file, tmp_path):
    with pytest.raises(InputError, match="not UTF-8"):
        load_config(write_file("captions.toml", b"max_chars = 40 # \xff\n"))
    with pytest.raises(InputError, match="no such file"):
        load_config(tmp_path / "missing.toml")


def test_bad_flags_are_value_errors():
    with pytest.raises(ValueError, match="max_lines must be at least 1"):
        resolve_rules(None, None, {"max_lines": 0})
    with pytest.raises(ValueError, match="unknown key"):
        resolve_rules(None, None, {"colour": "red"})
    with pytest.raises(ValueError, match="unknown preset 'hbo'"):
        resolve_rules("hbo", None, {})


# --- offsets ---------------------------------------------------------------------------------

@pytest.mark.parametrize("text, fps, ms", [
    ("3600", 24, 3_600_000), ("-2.5", 24, -2500), ("+0.040", 25, 40), (".5", 25, 500), ("0", 24, 0),
    ("01:00:00", 24, 3_600_000), ("00:00:01.5", 25, 1500), ("1:02:03,250", 25, 3_723_250), ("-00:00:02.000", 24, -2000),
    ("01:00:00:00", 24, 3_600_000), ("01:00:00:00", 25, 3_600_000), ("00:00:01:12", 24, 1500),
    ("00:00:00:01", 25, 40), ("-00:00:02:00", 24, -2000), ("00:00:01:00", 23.976, 1001),
    ("01:00:00:00", 29.97, 3_603_600),        # non-drop timecode at 29.97 runs 3.6 s an hour slow
    ("01:00:00;00", 29.97, 3_599_997),        # drop-frame timecode keeps up with the clock
    ("00:01:00;02", 29.97, 60_060), ("00:10:00;00", 29.97, 600_000),
])
def test_offsets_in_every_form(text, fps, ms):
    assert parse_offset(text, fps) == ms


@pytest.mark.parametrize("text, fps, words", [
    ("", 24, "bad offset"), ("soon", 24, "bad offset"), ("1e3", 24, "bad offset"), ("--1", 24, "bad offset"),
    ("00:60:00", 24, "bad offset"), ("1:2:3", 24, "bad offset"), ("00:00:01.5000", 24, "bad offset"),
    ("00:00:00:24", 24, "frames 00-23"), ("00:00:00:25", 25, "frames 00-24"),
    ("01:00:00;00", 25, "drop-frame"), ("00:01:00;01", 29.97, "no frame 01"),
])
def test_bad_offsets_say_what_is_accepted(text, fps, words):
    with pytest.raises(ValueError, match=words):
        parse_offset(text, fps)


def test_snap_to_frames_takes_the_nearest_frame_start_in_whole_ms():
    assert [snap_to_frames(ms, 24) for ms in (0, 20, 21, 62, 63, 1000)] == [0, 0, 42, 42, 84, 1000]
    assert [snap_to_frames(ms, 25) for ms in (19, 20, 59, 60)] == [0, 40, 40, 80]
    assert snap_to_frames(3_603_600, 29.97) == 3_603_600          # frame 108000 at 30000/1001


@given(st.integers(-10_000_000, 10_000_000), st.sampled_from(FRAME_RATES))
@fuzz_settings()
def test_snapping_is_idempotent_and_moves_less_than_a_frame(ms, fps):
    snapped = snap_to_frames(ms, fps)
    assert snap_to_frames(snapped, fps) == snapped
    assert abs(snapped - ms) <= 500 / fps + 1


def test_snap_captions_refuses_captions_out_of_order():
    with pytest.raises(ValueError, match="caption 2"):
        snap_captions([Caption(1000, 2000, ("a",)), Caption(500, 2500, ("b",))], CaptionRules())
    with pytest.raises(ValueError, match="caption 1"):
        snap_captions([Caption(1000, 1000, ("a",))], CaptionRules())


@st.composite
def caption_runs(draw, room: bool = False):
    """Captions in time order with positive durations; ``room``: gaps and durations with at least
    two frames to spare over the rules, otherwise anything (touching, overlapping, tiny)."""
    rules = CaptionRules(fps=draw(st.sampled_from(FRAME_RATES)), min_gap_frames=draw(st.integers(0, 3)))
    frame = 1000 / rules.fps
    captions, t = [], draw(st.integers(0, 100_000))
    for n in range(draw(st.integers(0, 12))):
        if room:
            start = t + (round(rules.min_gap_ms + 2 * frame) + draw(st.integers(0, 3000)) if n else 0)
            duration = round(rules.min_duration_ms + 2 * frame) + draw(st.integers(0, 6000))
        else:
            start = t + (draw(st.integers(-2000, 3000)) if n else 0)
            start = max(start, captions[-1].start_ms if captions else 0)
            duration = draw(st.integers(1, 5000))
        captions.append(Caption(start, start + duration, (f"caption {n}",)))
        t = start + duration
    return captions, rules


@given(caption_runs())
@fuzz_settings()
def test_snapped_captions_keep_order_duration_and_gap(run):
    captions, rules = run
    snapped = snap_captions(captions, rules)
    assert [c.lines for c in snapped] == [c.lines for c in captions]
    for before, c in zip(captions, snapped):
        assert snap_to_frames(c.start_ms, rules.fps) == c.start_ms and snap_to_frames(c.end_ms, rules.fps) == c.end_ms
        assert c.end_ms > c.start_ms
        assert c.end_ms - c.start_ms >= min(rules.min_duration_ms, before.end_ms - before.start_ms) - 1
    for a, b in zip(snapped, snapped[1:]):
        assert b.start_ms > a.start_ms
        assert b.start_ms - a.end_ms >= rules.min_gap_ms - 1
        assert round((b.start_ms - a.end_ms) * rules.fps / 1000) >= rules.min_gap_frames


@given(caption_runs(room=True))
@fuzz_settings()
def test_with_room_to_spare_every_edge_goes_to_its_nearest_frame(run):
    captions, rules = run
    snapped = snap_captions(captions, rules)
    assert [(c.start_ms, c.end_ms) for c in snapped] == [
        (snap_to_frames(c.start_ms, rules.fps), snap_to_frames(c.end_ms, rules.fps)) for c in captions]
