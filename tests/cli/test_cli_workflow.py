"""The production commands as a user runs them: presets and config, offsets, check, convert, shift."""
import json
from pathlib import Path

import pysrt
import pytest

from captions.cli import main

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "samples"
REV, TEXT = SAMPLES / "bbc-musk-2023.rev.txt", SAMPLES / "bbc-musk-2023.blog.txt"
SRT, VTT = SAMPLES / "bbc-musk-2023.srt", SAMPLES / "bbc-musk-2023.vtt"


@pytest.fixture(scope="module")
def bbc(tmp_path_factory):
    """The sample made with the BBC preset, a one-hour offset and frames at 25 fps."""
    out = tmp_path_factory.mktemp("bbc") / "bbc.srt"
    assert main(["make", str(REV), str(TEXT), "-o", str(out), "--preset", "bbc", "--offset", "01:00:00:00",
                 "--snap-frames", "-q"]) == 0
    return pysrt.open(str(out))


def test_preset_rules_shape_the_captions(bbc):
    assert max(len(line) for item in bbc for line in item.text.splitlines() if " " in line) <= 37


def test_offset_moves_onto_a_timeline_that_starts_at_one_hour(bbc):
    assert bbc[0].start.ordinal == 3_600_000 + 7 * 60_000 + 18_120   # the first caption (00:07:18.1), on a 25 fps frame


def test_snap_frames_puts_every_edge_on_a_frame(bbc):
    assert all(item.start.ordinal % 40 == 0 and item.end.ordinal % 40 == 0 for item in bbc)   # 25 fps


def test_config_file_beats_the_preset_and_flags_beat_the_file(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "captions.toml").write_text('preset = "bbc"\nmax_chars = 30\n', encoding="utf-8")
    assert main(["make", str(REV), str(TEXT), "-o", "file.srt", "-q"]) == 0
    assert main(["make", str(REV), str(TEXT), "-o", "flag.srt", "-q", "--max-chars", "40"]) == 0
    longest = {name: max(len(line) for item in pysrt.open(name) for line in item.text.splitlines() if " " in line)
               for name in ("file.srt", "flag.srt")}
    assert longest["file.srt"] <= 30 < longest["flag.srt"] <= 40


def test_a_typo_in_the_config_is_an_error_naming_file_line_and_key(tmp_path, capsys):
    config = tmp_path / "rules.toml"
    config.write_text('max_chars = 40\nmax_cpss = 18\n', encoding="utf-8")
    assert main(["make", str(REV), str(TEXT), "-o", str(tmp_path / "x.srt"), "--config", str(config)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("captions: error:") and "rules.toml:2" in err and "max_cpss" in err
    assert not (tmp_path / "x.srt").exists()


def test_unknown_preset_lists_the_known_ones(tmp_path, capsys):
    assert main(["make", str(REV), str(TEXT), "-o", str(tmp_path / "x.srt"), "--preset", "hbo"]) == 2
    assert "netflix-kids" in capsys.readouterr().err


def test_make_prints_the_check_of_what_it_wrote(tmp_path, capsys):
    assert main(["make", str(REV), str(TEXT), "-o", str(tmp_path / "x.srt"), "--report", str(tmp_path / "r.json")]) == 0
    assert "of captions break no caption rule" in capsys.readouterr().err
    check = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["rule_breaches"]
    assert check["hard"] is False and check["ok"] >= 0.95


def test_check_passes_the_sample_and_fails_an_injected_overlap(tmp_path, capsys):
    assert main(["check", str(SRT), str(VTT)]) == 0
    out = capsys.readouterr().out
    assert f"{len(pysrt.open(str(SRT)))} captions" in out and "FAILS" not in out
    broken = tmp_path / "broken.srt"
    broken.write_text("1\n00:00:01,000 --> 00:00:04,000\nFirst line.\n\n"
                      "2\n00:00:03,000 --> 00:00:05,000\nThis one starts before the first ends.\n", encoding="utf-8")
    assert main(["check", str(broken)]) == 1
    assert "cue 2 at 00:00:03.000: gap: overlaps cue 1 by 1000 ms" in capsys.readouterr().out


def test_check_json_lists_breaches_with_cue_time_rule_value_and_limit(tmp_path, capsys):
    assert main(["check", str(SRT), "--json", "--max-chars", "30"]) == 1
    (report,) = json.loads(capsys.readouterr().out)
    first = report["breaches"][0]
    assert set(first) == {"cue", "start_ms", "rule", "value", "limit", "message", "hard"}
    assert report["summary"]["chars_per_line"] > 0 and report["summary"]["hard"] is True


def test_check_of_something_that_is_not_captions_is_a_usage_error(capsys):
    assert main(["check", str(REV)]) == 2
    assert capsys.readouterr().err.startswith("captions: error:")


def test_convert_round_trips_srt_and_vtt(tmp_path):
    assert main(["convert", str(VTT), str(tmp_path / "back.srt")]) == 0
    assert (tmp_path / "back.srt").read_text(encoding="utf-8") == SRT.read_text(encoding="utf-8")
    assert main(["convert", str(SRT), str(tmp_path / "again.vtt")]) == 0
    assert (tmp_path / "again.vtt").read_text(encoding="utf-8") == VTT.read_text(encoding="utf-8")


def test_shift_moves_cues_and_refuses_to_damage_a_file(tmp_path, capsys):
    out = tmp_path / "later.srt"
    assert main(["shift", str(SRT), "--by", "3600", "-o", str(out)]) == 0
    first, original = pysrt.open(str(out))[0], pysrt.open(str(SRT))[0]
    assert first.start.ordinal == original.start.ordinal + 3_600_000 and first.text == original.text
    assert main(["shift", str(SRT), "--by", "-1:00:00", "-o", str(tmp_path / "bad.srt")]) == 2
    assert "before 0:00" in capsys.readouterr().err and not (tmp_path / "bad.srt").exists()
    only_late = tmp_path / "late.srt"
    assert main(["shift", str(SRT), "--by", "5", "--from", "01:00:00", "-o", str(only_late)]) == 0
    moved = pysrt.open(str(only_late))
    assert moved[0].start == original.start and moved[-1].start.ordinal == pysrt.open(str(SRT))[-1].start.ordinal + 5000


def test_format_all_writes_every_format_beside_the_first_output(tmp_path):
    assert main(["make", str(REV), str(TEXT), "-o", str(tmp_path / "talk.srt"), "--format", "all", "-q"]) == 0
    assert sorted(p.suffix for p in tmp_path.iterdir()) == [".ass", ".fcpxml", ".itt", ".json", ".sbv", ".scc", ".srt", ".stl", ".ttml", ".vtt"]
    assert main(["make", str(REV), str(TEXT), "-o", str(tmp_path / "two.srt"), "--format", "vtt,ass", "-q"]) == 0
    assert (tmp_path / "two.vtt").exists() and (tmp_path / "two.ass").exists() and not (tmp_path / "two.srt").exists()


def test_captions_given_as_the_clean_text_are_refused_with_a_hint(tmp_path, capsys):
    assert main(["make", str(REV), str(SRT), "-o", str(tmp_path / "x.srt")]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a clean text" in err and "TRANSCRIPT" in err and len(err.splitlines()) == 1


def test_many_warnings_are_capped_on_stderr_but_all_kept_in_the_report(tmp_path, capsys):
    noisy = tmp_path / "noisy.txt"
    noisy.write_text(TEXT.read_text(encoding="utf-8") + "".join(f"\nRelated post number {n}\n" for n in range(60)),
                     encoding="utf-8")
    assert main(["make", str(REV), str(noisy), "-o", str(tmp_path / "x.srt"), "--report", str(tmp_path / "r.json")]) == 0
    err = capsys.readouterr().err
    assert err.count("warning:") == 31 and "more (--report" in err
    assert len(json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["dropped_lines"]) >= 60
