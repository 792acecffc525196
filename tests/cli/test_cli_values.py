"""Numbers from the command line and captions.toml: nan, infinities and values out of range are
refused with one line naming the option (and the file and line); times past 100 hours too."""
from __future__ import annotations

import pytest

from captions.check import check_captions
from captions.cli import main
from captions.config import ignored_rules, load_config
from captions.errors import InputError
from captions.readers.caption_files import parse_captions
from captions.rules import CaptionRules

SRT = "1\n00:00:01,000 --> 00:00:02,000\nHello there.\n\n2\n00:00:02,000 --> 00:00:04,000\nGeneral Kenobi.\n"


def one_error(capsys, *args) -> str:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    assert code == 2, err
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
    assert err.startswith("captions: error: ")
    return err


def test_shift_fps_inf_and_huge_offsets_are_one_line_errors(write_file, tmp_path, capsys):
    src = write_file("a.srt", SRT)
    assert "--fps" in one_error(capsys, "shift", src, "--by", "00:00:01:05", "--fps", "inf", "-o", tmp_path / "o.srt")
    assert "--fps" in one_error(capsys, "shift", src, "--by", "00:00:01:05", "--fps", "nan", "-o", tmp_path / "o.srt")
    err = one_error(capsys, "shift", src, "--by=999999999999999999999999999999", "-o", tmp_path / "o.vtt")
    assert "--by" in err and "100 hours" in err
    err = one_error(capsys, "shift", src, "--by", "99:59:59", "-o", tmp_path / "o.vtt")   # fits, the cues do not
    assert "past 100:00:00.000" in err
    assert not list(tmp_path.glob("o.*"))


@pytest.mark.parametrize("option, value", [
    ("--min-aligned", "nan"), ("--min-aligned", "1.5"), ("--max-cps", "inf"), ("--max-cps", "nan"),
    ("--max-chars", "100000"), ("--min-duration", "-1"), ("--fps", "inf"), ("--linger", "nan"),
    ("--jobs", "0"), ("--offset", "1e400"),
])
def test_make_refuses_bad_numbers_naming_the_option(write_file, capsys, option, value):
    rev, text = write_file("a.rev.txt", "x"), write_file("a.txt", "y")
    assert option in one_error(capsys, "make", rev, text, option, value)


@pytest.mark.parametrize("setting", ["max_cps = nan", "max_cps = inf", "fps = 1000", "max_chars = 5000",
                                     "min_gap_frames = -1", 'ignore = ["reading_speed", "speling"]'])
def test_config_refuses_bad_numbers_with_file_and_line(write_file, setting):
    path = write_file("captions.toml", f'preset = "bbc"\n{setting}\n')
    with pytest.raises(InputError) as info:
        load_config(path)
    assert info.value.line == 2 and setting.split()[0] in str(info.value)


def test_zero_gap_house_style_and_rules_turned_off(write_file, tmp_path, capsys, monkeypatch):
    src = write_file("a.srt", SRT)                     # back to back, and a 1 s cue: too fast? no; gap 0
    assert main(["check", str(src)]) == 1              # Netflix: 2 frames between captions
    assert ": gap: " in capsys.readouterr()[0]
    assert main(["check", str(src), "--min-gap-frames", "0"]) == 0
    capsys.readouterr()
    assert main(["check", str(src), "--ignore", "gap"]) == 0
    out = capsys.readouterr()[0]
    assert ": gap: " not in out and "with no breach" in out
    monkeypatch.chdir(tmp_path)
    write_file("captions.toml", 'min_gap_frames = 0\nignore = ["too_short"]\n')
    assert main(["check", str(src), "--min-duration", "1.5"]) == 0     # too_short is off in the file
    assert "too_short" not in capsys.readouterr()[0]
    assert "--ignore" in one_error(capsys, "check", src, "--ignore", "bogus")


def test_ignore_leaves_a_rule_out_of_the_breaches():
    captions = parse_captions(SRT, "srt")
    assert {b.rule for b in check_captions(captions, CaptionRules())} == {"gap"}
    assert check_captions(captions, CaptionRules(), ignore=ignored_rules("gap")) == []
