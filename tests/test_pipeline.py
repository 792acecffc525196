"""Whole runs on real files: the bundled sample, its golden outputs, and the bench cases."""
import importlib.util
import json
import re
from pathlib import Path

import pysrt
import pytest

from captions import make_captions, read_clean_text
from captions.cli import main
from captions.writers import format_captions

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
SEED_REV = SAMPLES / "bbc-musk-2023.rev.txt"
SEED_TEXT = SAMPLES / "bbc-musk-2023.blog.txt"
BENCH = ROOT.parent / "shared" / "bench"


@pytest.fixture(scope="module")
def seed():
    return make_captions(SEED_REV, SEED_TEXT)


def _seconds(ms: int) -> float:
    return ms / 1000


def _find(captions, phrase: str):
    for c in captions:
        if phrase.lower() in " ".join(c.lines).lower():
            return c
    raise AssertionError(f"no caption shows {phrase!r}")


def test_seed_golden_files_match_a_fresh_run(seed):
    """The checked-in sample output is what the code makes now."""
    assert format_captions(seed.captions, "srt") == (SAMPLES / "bbc-musk-2023.srt").read_text(encoding="utf-8")
    assert format_captions(seed.captions, "vtt") == (SAMPLES / "bbc-musk-2023.vtt").read_text(encoding="utf-8")


def test_seed_opening_question_starts_at_its_stamp(seed):
    start = _seconds(_find(seed.captions, "Why did you agree to do this").start_ms)
    assert 7 * 60 + 16 <= start <= 7 * 60 + 22


def test_seed_preroll_clip_is_timed_where_the_interview_says_it(seed):
    start = _seconds(_find(seed.captions, "police this stuff").start_ms)
    assert start > 26 * 60 + 38


def test_seed_shows_no_page_furniture_and_no_speaker_lines(seed):
    shown = "\n".join(" ".join(c.lines) for c in seed.captions)
    for furniture in ("2023/4/12", "BBS Reporter", "评论", "热门博文", "Tesla Investor Day",
                      "World Government Summit", "James Clayton:", "Elon Musk:"):
        assert furniture not in shown


def test_seed_every_spoken_blog_line_is_in_the_captions(seed):
    clean = read_clean_text(SEED_TEXT)
    dropped = {d["line"] for d in seed.report.dropped_lines}
    assert dropped == {1, 2305, 2307}            # the title and two related-post links
    shown = " ".join(" ".join(c.lines) for c in seed.captions)
    shown_words = re.sub(r"(^|\s)-", " ", shown).split()
    position = 0
    for line in clean.lines:
        if line.number in dropped:
            continue
        for word in line.text.split():
            position = shown_words.index(word, position) + 1   # in order, none skipped


def test_seed_captions_are_in_time_order_and_follow_the_rules(seed):
    caps = seed.captions
    assert all(a.end_ms + 84 <= b.start_ms for a, b in zip(caps, caps[1:]))
    breaches = seed.report.rule_breaches
    assert breaches["chars_per_line"] == breaches["lines"] == breaches["gap"] == breaches["too_long"] == 0
    assert breaches["order"] == breaches["empty"] == 0
    assert breaches["reading_speed"] + breaches["too_short"] <= 0.05 * len(caps)
    assert breaches["ok"] >= 0.95


def test_seed_through_the_cli_with_a_report(tmp_path, capsys):
    out, report = tmp_path / "seed.srt", tmp_path / "report.json"
    assert main(["make", str(SEED_REV), str(SEED_TEXT), "-o", str(out), "--report", str(report)]) == 0
    err = capsys.readouterr().err
    assert "blog.txt:1: dropped" in err and "matched the transcript" in err
    data = json.loads(report.read_text(encoding="utf-8"))
    assert data["captions"] == len(pysrt.open(str(out))) > 700
    assert data["aligned_share"] > 0.9
    assert [d["line"] for d in data["dropped_lines"]] == [1, 2305, 2307]


def _bench_module(name: str):
    spec = importlib.util.spec_from_file_location(name, BENCH / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    import sys
    sys.path.insert(0, str(BENCH))
    try:
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(BENCH))
    return module


@pytest.mark.skipif(not (BENCH / "data").is_dir(), reason="../shared/bench is not beside the checkout")
@pytest.mark.parametrize("case", ["e22-4469088", "e22-4474506", "e22-4483937"])
def test_bench_case_coverage_leak_and_caption_rules(case):
    score, qc = _bench_module("score"), _bench_module("qc")
    result = make_captions(BENCH / "data" / f"{case}.rev.txt", BENCH / "data" / f"{case}.clean.txt")
    srt = format_captions(result.captions, "srt")
    truth = json.loads((BENCH / "data" / f"{case}.truth.json").read_text(encoding="utf-8"))["words"]
    figures = score.score(score.parse_captions(srt), truth)
    assert figures["coverage"] >= 0.998
    assert figures["leak"] <= 0.002
    assert figures["sync@2.0"] >= 0.7
    assert qc.check(score.parse_captions_lines(srt))["ok"] >= 0.95


def test_the_transcript_itself_as_the_clean_text_makes_clean_captions():
    """An edited copy of the Rev transcript, headers and all: every word once, no header shown."""
    rev = ROOT / "tests" / "data" / "audio" / "apollo11" / "apollo11.rev.txt"
    result = make_captions(rev, rev)
    shown = " ".join(" ".join(c.lines) for c in result.captions)
    assert "Speaker" not in shown and "(00:" not in shown and not result.report.dropped_lines
    assert shown.split() == [w for line in rev.read_text(encoding="utf-8").splitlines()
                             if not line.endswith("):") for w in line.split()]


def test_a_transcript_stamped_once_warns_that_text_timing_cannot_be_trusted():
    from captions.pipeline import make_captions, parse_texts

    sentences = [f"this is sentence number {n} of a long talk about rivers lakes and the sea." for n in range(60)]
    transcript, text = parse_texts("Ann (00:00:00):\n" + " ".join(sentences) + "\n", "\n".join(sentences) + "\n")
    warnings = make_captions(transcript, text).report.warnings
    sparse = [w for w in warnings if "between stamps" in w]
    assert len(sparse) == 1 and "--audio" in sparse[0] and "1 stretch(es) of more than 500 words" in sparse[0]
    # Stamped every few sentences: no warning.
    stamped = "".join(f"Ann (00:{n // 2:02d}:{n % 2 * 30:02d}):\n{s}\n\n" for n, s in enumerate(sentences))
    transcript, text = parse_texts(stamped, "\n".join(sentences) + "\n")
    assert not [w for w in make_captions(transcript, text).report.warnings if "between stamps" in w]


def test_options_value_and_keywords_make_the_same_run_and_each_stage_is_kept():
    """`make_captions` takes a `MakeOptions` or its fields as keywords; `run_stages` returns every
    stage's output, and the report is built from them alone."""
    from dataclasses import FrozenInstanceError

    from captions.pipeline import MakeOptions, parse_texts, report_of, run_stages
    from captions.rules import CaptionRules

    transcript, text = parse_texts(
        "Ann (00:00:01):\nWell, um, the river is high this year.\n\nBob (00:00:05):\nIt rose all week, yeah.\n"
        "\nAnn (00:00:09):\nWe moved the boats.\n",
        "Ann: The river is high this year.\nBob: It rose all week.\nAnn: We moved the boats.\n"
        "Subscribe to our newsletter for more stories every week.\n")
    options = MakeOptions(speaker_labels=True, offset_ms=3_600_000, force=True)
    by_keywords = make_captions(transcript, text, speaker_labels=True, offset_ms=3_600_000, force=True)
    by_value = make_captions(transcript, text, options=options)
    assert by_keywords.captions == by_value.captions and by_keywords.report == by_value.report
    stages = run_stages(transcript, text, CaptionRules(), options)
    assert stages.transcript is transcript and stages.text is text and stages.hearing is None
    assert [w.text for w in stages.words][:2] == ["The", "river"]
    assert stages.captions[0].start_ms == stages.segmented[0].start_ms + 3_600_000
    assert stages.captions[0].voices[0] == "Ann"
    report = report_of(stages)
    assert report == by_value.report
    assert [d["line"] for d in report.dropped_lines] == [4]
    assert any(w.startswith("<text>:4: dropped") for w in report.warnings)
    with pytest.raises(FrozenInstanceError):
        report.captions = 0
    with pytest.raises(TypeError):
        make_captions(transcript, text, speaker_label=True)
