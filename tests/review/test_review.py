"""captions.review without a browser: the review form of the JSON, the page's data, its file."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from captions import make_captions
from captions.errors import InputError
from captions.model import Anchor, Caption, TimedWord
from captions.readers import read_transcript
from captions.review import page_data, render_page, review_json, unaligned_lines, write_review
from captions.rules import CaptionRules
from captions.waveform import PEAKS_PER_SECOND, waveform
from captions.writers import format_captions

AUDIO = Path(__file__).resolve().parents[1] / "data" / "audio"
RULES = CaptionRules()


def word(text, start, line, matched=True):
    return TimedWord(text, start, start + 300, "A", line, 0, matched)


CAPTIONS = [
    Caption(1000, 3000, ("Hello there.",), (), (word("Hello", 1000, 2), word("there.", 1300, 2))),
    Caption(3200, 5000, ("-Yes </script>", "-No"), ("Ann", "Bob"),
            (word("Yes", 3200, 3, False), word("</script>", 3500, 3, False), word("No", 3800, 4))),
]


def page_json(html: str) -> dict:
    blob = re.search(r'<script type="application/json" id="review-data">(.*?)</script>', html, re.S).group(1)
    return json.loads(blob)


def test_review_form_adds_confidence_voices_lines_rules_and_report_to_the_plain_form():
    plain = json.loads(format_captions(CAPTIONS, "json"))
    doc = json.loads(review_json(CAPTIONS, RULES, [Anchor(0, 500, 1)], {"dropped_lines": [], "warnings": ["w"]}))
    assert doc["version"] == plain["version"] == 1
    for p, r in zip(plain["captions"], doc["captions"]):
        assert {k: v for k, v in r.items() if k not in ("confidence", "voices", "words")} == \
               {k: v for k, v in p.items() if k != "words"}
        assert [{k: v for k, v in w.items() if k != "line"} for w in r["words"]] == p["words"]
    assert "voices" not in doc["captions"][0] and doc["captions"][1]["voices"] == ["Ann", "Bob"]
    assert [w["line"] for w in doc["captions"][1]["words"]] == [3, 3, 4]
    assert doc["captions"][1]["confidence"]["unmatched"] == ["Yes", "</script>"]
    assert doc["rules"]["max_chars_per_line"] == 42 and doc["rules"]["min_gap_ms"] == 84
    assert doc["report"] == {"dropped_lines": [], "warnings": ["w"]}


def test_lines_with_no_word_found_are_listed_with_their_numbers():
    assert unaligned_lines(CAPTIONS) == [{"line": 3, "text": "Yes </script>"}]


def test_page_is_self_contained_and_its_data_survives_a_closing_script_tag(tmp_path):
    source = tmp_path / "talk.json"
    source.write_text(review_json(CAPTIONS, RULES), encoding="utf-8")
    out = write_review(source, output=tmp_path / "talk.html")
    html = out.read_text(encoding="utf-8")
    assert html.count("</script>") == 2                   # the data block and the script, nothing from a caption
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html), "no network: nothing loaded from elsewhere"
    data = page_json(html)
    assert data["captions"][1]["lines"] == ["-Yes </script>", "-No"]
    assert data["media"] is None and data["waveform"] is None and data["name"] == "talk"


def test_a_plain_json_gets_confidence_from_what_it_holds(tmp_path):
    source = tmp_path / "plain.json"
    source.write_text(format_captions(CAPTIONS + [Caption(5010, 5100, ("Too quick",))], "json"), encoding="utf-8")
    data = page_json(write_review(source, output=tmp_path / "p.html").read_text(encoding="utf-8"))
    confs = [c["confidence"] for c in data["captions"]]
    assert [c["timing"] for c in confs] == ["text", "text", "none"]
    assert confs[2]["score"] == 0 and "gap" in confs[2]["breaches"]
    assert data["rules"]["max_chars_per_line"] == RULES.max_chars_per_line


def test_media_is_linked_relative_to_the_page_and_its_waveform_embedded(tmp_path):
    source = tmp_path / "pages" / "i.json"
    source.parent.mkdir()
    transcript = read_transcript(AUDIO / "interview.rev.txt")
    result = make_captions(transcript, AUDIO / "interview.clean.txt", RULES)
    source.write_text(review_json(result.captions, RULES, transcript.anchors, result.report.as_dict()), encoding="utf-8")
    media = tmp_path / "my media" / "interview #1.mp3"
    media.parent.mkdir()
    media.write_bytes((AUDIO / "interview.mp3").read_bytes())
    data = page_json(write_review(source, media, tmp_path / "pages" / "i.html").read_text(encoding="utf-8"))
    assert data["media"] == "../my%20media/interview%20%231.mp3"
    wave = data["waveform"]
    assert wave["rate"] == PEAKS_PER_SECOND and abs(wave["duration_ms"] - 38_398) < 100
    assert len(waveform(media).peaks) == -(-wave["duration_ms"] * PEAKS_PER_SECOND // 1000)


def test_waveform_is_loud_where_speech_is_and_quiet_in_silence():
    peaks = waveform(AUDIO / "long_silence.ogg").peaks
    truth = json.loads((AUDIO / "long_silence.truth.json").read_text())
    phrase = truth["phrases"][0]
    inside = peaks[phrase["start_ms"] // 20: phrase["end_ms"] // 20]
    assert max(peaks) == 255 and max(inside) > 100
    ends = [p["end_ms"] for p in truth["phrases"]]
    starts = [p["start_ms"] for p in truth["phrases"]]
    gap = max(zip(ends, starts[1:]), key=lambda g: g[1] - g[0])       # the 15 s of room noise
    assert max(peaks[gap[0] // 20 + 10: gap[1] // 20 - 10]) < 10


@pytest.mark.parametrize("content, message", [
    ("{not json", "not JSON"), ('{"captions": 3}', 'no "captions" list'),
    ('{"captions": [{"start_ms": 1}]}', "caption 1 is not as captions make writes it"),
])
def test_bad_json_is_one_line_naming_the_file_and_writes_nothing(tmp_path, content, message):
    source = tmp_path / "bad.json"
    source.write_text(content, encoding="utf-8")
    out = tmp_path / "out.html"
    with pytest.raises(InputError) as err:
        write_review(source, output=out)
    assert message in str(err.value) and str(source) in str(err.value) and "\n" not in str(err.value)
    assert not out.exists()


def test_missing_media_or_json_is_refused_and_an_old_page_kept(tmp_path):
    source = tmp_path / "a.json"
    source.write_text(review_json(CAPTIONS, RULES), encoding="utf-8")
    out = tmp_path / "a.html"
    out.write_text("old", encoding="utf-8")
    with pytest.raises(InputError, match="no such file"):
        write_review(source, tmp_path / "missing.mp3", out)
    with pytest.raises(InputError, match="no such file"):
        write_review(tmp_path / "missing.json", output=out)
    with pytest.raises(InputError, match="decoded|audio"):
        write_review(source, source, out)                      # a JSON file is no recording
    assert out.read_text(encoding="utf-8") == "old"


def test_the_rules_embedded_are_the_ones_given(tmp_path):
    bbc = CaptionRules(max_chars_per_line=37, max_chars_per_second=16.5, fps=25.0)
    data = page_data(json.loads(review_json(CAPTIONS, bbc)), "x")
    assert (data["rules"]["max_chars_per_line"], data["rules"]["fps"], data["rules"]["min_gap_ms"]) == (37, 25.0, 80)
    assert "the" in data["binding_words"]
    assert render_page(data).startswith("<!DOCTYPE html>")
