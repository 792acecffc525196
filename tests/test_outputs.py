"""captions.outputs: the files `make` writes and their formats, planned before any work."""
from pathlib import Path

import pytest

from captions.errors import CaptionsError, OutputError
from captions.outputs import beside, plan_outputs, refuse_inputs


def test_without_outputs_the_text_gets_an_srt_beside_it():
    assert plan_outputs(None, None, Path("talks/ann.blog.txt")) == [("talks/ann.blog.srt", "srt")]


def test_each_output_takes_its_format_from_its_extension_or_from_format():
    assert plan_outputs(["a.vtt", "b.dfxp"], None, "t.txt") == [("a.vtt", "vtt"), ("b.dfxp", "ttml")]
    assert plan_outputs(["a.txt"], "srt", "t.txt") == [("a.txt", "srt")]
    assert plan_outputs(["-"], "vtt", "t.txt") == [("-", "vtt")]
    with pytest.raises(OutputError, match="unknown caption format 'txt'"):
        plan_outputs(["a.txt"], None, "t.txt")


def test_a_list_of_formats_writes_each_beside_the_first_output():
    assert plan_outputs(["out/talk.srt", "other.vtt"], "srt, vtt ,ass", "t.txt") == [
        ("out/talk.srt", "srt"), ("out/talk.vtt", "vtt"), ("out/talk.ass", "ass")]
    assert [f for _, f in plan_outputs(None, "all", "t.txt")][:2] == ["srt", "vtt"]
    assert beside(Path("talk"), ["srt"]) == [Path("talk.srt")]


def test_stdout_needs_one_format():
    with pytest.raises(CaptionsError, match="'-o -' needs --format"):
        plan_outputs(["-"], None, "t.txt")
    with pytest.raises(CaptionsError, match="'-o -' takes one format, not a list"):
        plan_outputs(["-"], "srt,vtt", "t.txt")


def test_no_output_may_be_an_input(tmp_path):
    text = tmp_path / "t.txt"
    refuse_inputs(["-", tmp_path / "t.srt"], [text, None])
    with pytest.raises(OutputError, match="is an input") as caught:
        refuse_inputs([tmp_path / "t.srt", tmp_path / "sub" / ".." / "t.txt"], [text, None])
    assert caught.value.path.endswith("t.txt")
