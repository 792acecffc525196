"""writers: TTML/DFXP, iTT, SBV, ASS and JSON read back as written; the registry and --format."""
from __future__ import annotations

import json
import math
import re
import xml.etree.ElementTree as ET
from fractions import Fraction
from pathlib import Path

import pysubs2
import pytest
from hypothesis import given, strategies as st

from captions import make_captions
from captions.errors import OutputError
from captions.model import Caption, TimedWord
from captions.timecode import snap_to_frames
from captions.writers import WRITERS, format_captions, format_for, formats_for, write_captions

from conftest import fuzz_settings

SAMPLES = Path(__file__).resolve().parents[2] / "samples"

TT = "{http://www.w3.org/ns/ttml}"
TTP = "{http://www.w3.org/ns/ttml#parameter}"
TTS = "{http://www.w3.org/ns/ttml#styling}"
TTM = "{http://www.w3.org/ns/ttml#metadata}"
XML = "{http://www.w3.org/XML/1998/namespace}"

HOUR = 3_600_000

HAND = [
    Caption(0, 1_500, ("Why did you agree", "to do this interview?")),
    Caption(1_583, 59_999, ("I don't know.",)),
    Caption(60_000, HOUR - 1, ('Profits & losses <so far> "quoted"',)),
    Caption(HOUR, 3_723_004, ("Over an hour in.", "Second line.")),
    Caption(100 * HOUR, 100 * HOUR + 2_000, ("A hundred hours in.",)),
]

VOICED = [
    Caption(0, 2000, ("-Do you?", "-I don't."), ("James Clayton", "Elon Musk")),
    Caption(2100, 4000, ("Content you don't like,", "or hateful."), ("Elon Musk", "Elon Musk")),
    Caption(4100, 5000, ("No voice here.",)),
    Caption(5100, 6000, ("Smith, Jr.: two", "lines"), ("Smith, Jr. & <Sons>", "Smith, Jr. & <Sons>")),
]


@pytest.fixture(scope="module")
def sample():
    """The bundled interview's captions, without and with speaker labels (realistic words,
    speakers, dialogue dashes, labels and unmatched words)."""
    rev, blog = SAMPLES / "bbc-musk-2023.rev.txt", SAMPLES / "bbc-musk-2023.blog.txt"
    return {"plain": make_captions(rev, blog).captions,
            "labels": make_captions(rev, blog, speaker_labels=True).captions}


def expected(captions):
    return [(c.start_ms, c.end_ms, c.text) for c in captions]


# --- registry, extensions and --format ------------------------------------------------------

def test_registry_names():
    assert list(WRITERS) == ["srt", "vtt", "ttml", "itt", "sbv", "ass", "json", "fcpxml", "scc", "stl"]


@pytest.mark.parametrize("path, name", [
    ("a.ttml", "ttml"), ("a.dfxp", "ttml"), ("a.xml", "ttml"), ("A.DFXP", "ttml"), ("a.itt", "itt"),
    ("a.sbv", "sbv"), ("a.ass", "ass"), ("a.json", "json"), ("a.srt", "srt"), ("a.vtt", "vtt"),
])
def test_format_from_extension(path, name):
    assert format_for(path) == name


@pytest.mark.parametrize("fmt, name", [("dfxp", "ttml"), ("XML", "ttml"), ("webvtt", "vtt"), ("ITT", "itt")])
def test_format_names_and_aliases(fmt, name):
    assert format_for("out.srt", fmt) == name


@pytest.mark.parametrize("spec, names", [
    ("all", ["srt", "vtt", "ttml", "itt", "sbv", "ass", "json", "fcpxml", "scc", "stl"]),
    ("ALL", list(WRITERS)),
    ("srt,vtt,ass", ["srt", "vtt", "ass"]),
    (" SRT , .vtt,, dfxp ", ["srt", "vtt", "ttml"]),
    ("ttml,dfxp,xml,srt,srt", ["ttml", "srt"]),
    ("json", ["json"]),
    ("srt,all", list(WRITERS)),
])
def test_formats_for(spec, names):
    assert formats_for(spec) == names


def test_formats_for_names_every_unknown_format():
    with pytest.raises(OutputError) as info:
        formats_for("srt,sub,Foo")
    message = str(info.value)
    assert "unknown caption formats 'sub', 'foo'" in message
    assert "all or a comma list of: srt, vtt, ttml, itt, sbv, ass, json" in message


@pytest.mark.parametrize("spec", ["", " ", ",", " , "])
def test_formats_for_needs_a_format(spec):
    with pytest.raises(OutputError, match="no caption format"):
        formats_for(spec)


def test_fps_reaches_only_writers_that_count_frames():
    assert 'ttp:frameRate="25"' in format_captions(HAND, "itt", fps=25)
    assert 'ttp:frameRate="24"' in format_captions(HAND, "itt")
    for fmt in ("srt", "vtt", "ttml", "sbv", "ass", "json"):
        assert format_captions(HAND, fmt, fps=25) == format_captions(HAND, fmt)


@pytest.mark.parametrize("ext", ["ttml", "dfxp", "xml", "itt", "sbv", "ass", "json"])
def test_write_captions_by_extension(tmp_path, ext):
    target = tmp_path / f"a.{ext}"
    write_captions(HAND[:4], target, fps=25)
    assert target.read_text(encoding="utf-8") == format_captions(HAND[:4], format_for(target), fps=25)
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]


def test_negative_times_are_refused():
    for fmt in ("ttml", "itt", "sbv", "ass"):
        with pytest.raises((ValueError, OutputError), match="negative"):
            format_captions([Caption(-1, 10, ("x",))], fmt)


# --- TTML / DFXP --------------------------------------------------------------------------------

CLOCK = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d)\.(\d{3})$")


def clock_ms(stamp: str) -> int:
    m = CLOCK.match(stamp)
    assert m, stamp
    h, mi, s, ms = map(int, m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def p_lines(p: ET.Element) -> list[tuple[str, str | None]]:
    """A p's lines, each with the agent of the span it starts in (or the p's)."""
    lines: list[list] = [["", p.get(f"{TTM}agent")]]

    def walk(elem, agent):
        for child in elem:
            if child.tag == f"{TT}br":
                lines.append(["", agent])
            elif child.tag == f"{TT}span":
                inner = child.get(f"{TTM}agent", agent)
                if not lines[-1][0]:
                    lines[-1][1] = inner
                lines[-1][0] += child.text or ""
                walk(child, inner)
            else:
                raise AssertionError(f"unexpected element {child.tag}")
            lines[-1][0] += child.tail or ""

    lines[0][0] = p.text or ""
    walk(p, p.get(f"{TTM}agent"))
    return [(text, agent) for text, agent in lines]


def read_ttml(text: str):
    """Parse and check the document's frame; the captions as (start, end, lines, voices)."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tt ')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{TT}tt"
    assert root.get(f"{XML}lang") == "en"
    assert root.get(f"{TTP}timeBase") == "media"
    head, body = list(root)
    assert head.tag == f"{TT}head" and body.tag == f"{TT}body"
    styles = {s.get(f"{XML}id"): s for s in head.iter(f"{TT}style")}
    regions = {r.get(f"{XML}id"): r for r in head.iter(f"{TT}region")}
    assert body.get("style") in styles and body.get("region") in regions
    region = regions[body.get("region")]
    assert region.get(f"{TTS}displayAlign") == "after"
    assert region.get(f"{TTS}origin") == "10% 10%" and region.get(f"{TTS}extent") == "80% 80%"
    style = styles[body.get("style")]
    assert style.get(f"{TTS}textAlign") == "center" and style.get(f"{TTS}color") == "white"
    agents = {a.get(f"{XML}id"): a.find(f"{TTM}name").text for a in head.iter(f"{TTM}agent")}
    for a in head.iter(f"{TTM}agent"):
        assert a.get("type") == "person" and a.find(f"{TTM}name").get("type") == "full"
    (div,) = list(body)
    assert div.tag == f"{TT}div"
    out = []
    for n, p in enumerate(div, 1):
        assert p.tag == f"{TT}p" and p.get(f"{XML}id") == f"c{n}"
        lines = p_lines(p)
        assert all(agent is None or agent in agents for _, agent in lines)
        voices = tuple(agents.get(agent) for _, agent in lines)
        out.append((clock_ms(p.get("begin")), clock_ms(p.get("end")), tuple(t for t, _ in lines),
                    voices if any(voices) else ()))
    return out


def as_read(captions):
    return [(c.start_ms, c.end_ms, c.lines, tuple(c.voices)) for c in captions]


def test_ttml_structure_and_round_trip():
    assert read_ttml(format_captions(HAND, "ttml")) == as_read(HAND)


def test_ttml_voices_are_agents():
    text = format_captions(VOICED, "ttml")
    assert read_ttml(text) == as_read(VOICED)
    assert ('<p xml:id="c1" begin="00:00:00.000" end="00:00:02.000"><span ttm:agent="speaker1">-Do you?</span>'
            '<br/><span ttm:agent="speaker2">-I don\'t.</span></p>') in text
    assert '<p xml:id="c2" begin="00:00:02.100" end="00:00:04.000" ttm:agent="speaker2">' in text
    assert '<ttm:name type="full">Smith, Jr. &amp; &lt;Sons&gt;</ttm:name>' in text


def test_ttml_without_voices_has_no_agents():
    text = format_captions(HAND, "ttml")
    assert "ttm:agent" not in text and "<metadata>" not in text


def test_ttml_escapes_and_drops_what_xml_cannot_hold():
    caps = [Caption(0, 1000, ("A & B <i>not markup</i> ]]> \"q\"", "bell\x07 form\x0c feed"))]
    text = format_captions(caps, "ttml")
    assert "A &amp; B &lt;i&gt;not markup&lt;/i&gt; ]]&gt;" in text
    assert read_ttml(text) == [(0, 1000, ('A & B <i>not markup</i> ]]> "q"', "bell form feed"), ())]


def test_ttml_reads_back_through_pysubs2():
    subs = pysubs2.SSAFile.from_string(format_captions(HAND, "ttml"))
    assert [(e.start, e.end, e.plaintext) for e in subs] == expected(HAND)


def test_ttml_sample_round_trip(sample):
    for captions in sample.values():
        text = format_captions(captions, "ttml")
        assert read_ttml(text) == as_read(captions)
        subs = pysubs2.SSAFile.from_string(text, format_="ttml")
        assert [(e.start, e.end, e.plaintext) for e in subs] == expected(captions)


def test_ttml_sample_has_dialogue_spans(sample):
    text = format_captions(sample["labels"], "ttml")
    read = read_ttml(text)
    assert any(len(set(voices)) == 2 for *_, voices in read)
    assert {v for *_, voices in read for v in voices} == {"Elon Musk", "James Clayton"}


def test_empty_ttml_is_a_valid_document():
    assert read_ttml(format_captions([], "ttml")) == []


# --- iTT ----------------------------------------------------------------------------------------

TIMECODE = re.compile(r"^(\d{2,}):([0-5]\d):([0-5]\d):(\d{2})$")


def read_itt(text: str):
    """Parse and check the document; the captions as (start frame, end frame, lines) and the
    exact frame rate the header declares."""
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tt ')
    root = ET.fromstring(text.encode("utf-8"))
    assert root.tag == f"{TT}tt" and root.get(f"{XML}lang") == "en"
    assert root.get(f"{TTP}timeBase") == "smpte"
    assert root.get(f"{TTP}dropMode") == "nonDrop"
    nominal = int(root.get(f"{TTP}frameRate"))
    num, den = map(int, root.get(f"{TTP}frameRateMultiplier").split())
    head, body = list(root)
    (style,) = head.find(f"{TT}styling")
    assert style.get(f"{XML}id") == "normal" and style.get(f"{TTS}fontFamily") == "sansSerif"
    regions = {r.get(f"{XML}id"): r for r in head.find(f"{TT}layout")}
    assert set(regions) == {"top", "bottom"}
    assert regions["bottom"].get(f"{TTS}origin") == "0% 85%" and regions["bottom"].get(f"{TTS}extent") == "100% 15%"
    assert regions["bottom"].get(f"{TTS}displayAlign") == "after"
    assert body.get("region") == "bottom" and body.get("style") == "normal"
    out = []
    for p in body.find(f"{TT}div"):
        frames = []
        for key in ("begin", "end"):
            m = TIMECODE.match(p.get(key))
            assert m, p.get(key)
            h, mi, s, ff = map(int, m.groups())
            assert ff < nominal
            frames.append(((h * 60 + mi) * 60 + s) * nominal + ff)
        lines = [p.text or ""] + [br.tail or "" for br in p]
        assert all(child.tag == f"{TT}br" for child in p)
        out.append((frames[0], frames[1], tuple(lines)))
    return out, Fraction(nominal * num, den)


@pytest.mark.parametrize("fps, rate, multiplier", [
    (24, "24", "1 1"), (25, "25", "1 1"), (30, "30", "1 1"), (50, "50", "1 1"), (60, "60", "1 1"),
    (23.976, "24", "1000 1001"), (29.97, "30", "1000 1001"), (59.94, "60", "1000 1001"),
])
def test_itt_frame_rates(fps, rate, multiplier):
    text = format_captions(HAND, "itt", fps=fps)
    assert f'ttp:frameRate="{rate}" ttp:frameRateMultiplier="{multiplier}" ttp:dropMode="nonDrop"' in text
    read, exact = read_itt(text)
    assert [lines for *_, lines in read] == [c.lines for c in HAND]
    half_frame = 1000 / exact / 2
    for (start, end, _), c in zip(read, HAND):
        assert abs(start * 1000 / exact - c.start_ms) <= half_frame
        assert abs(end * 1000 / exact - c.end_ms) <= half_frame


@pytest.mark.parametrize("fps", [12.5, 23.5, 0])
def test_itt_refuses_rates_it_cannot_count(fps):
    with pytest.raises(OutputError, match="iTT"):
        format_captions(HAND, "itt", fps=fps)


def test_itt_layout():
    text = format_captions(HAND[:2], "itt", fps=25)
    assert ('<p begin="00:00:00:00" end="00:00:01:13">Why did you agree<br/>to do this interview?</p>\n'
            '      <p begin="00:00:01:15" end="00:01:00:00">I don\'t know.</p>') in text
    assert format_captions([Caption(100 * HOUR, 100 * HOUR + 40, ("x",))], "itt", fps=25).count(
        '<p begin="100:00:00:00" end="100:00:00:01">') == 1


def test_itt_frames_of_snapped_captions_are_exact():
    for fps in (23.976, 25, 29.97):
        caps = [Caption(snap_to_frames(s, fps), snap_to_frames(e, fps), ("x",))
                for s, e in [(0, 1000), (1_234, 5_678), (HOUR - 40, HOUR + 3_000), (10 * HOUR, 10 * HOUR + 999)]]
        read, rate = read_itt(format_captions(caps, "itt", fps=fps))
        for (start, end, _), c in zip(read, caps):
            assert math.ceil(start * 1000 / rate) == c.start_ms
            assert math.ceil(end * 1000 / rate) == c.end_ms


def test_itt_caption_lasts_a_frame_at_least():
    (start, end, _), = read_itt(format_captions([Caption(1000, 1004, ("x",))], "itt", fps=24))[0]
    assert end == start + 1


def test_itt_escapes_and_has_no_voices():
    text = format_captions(VOICED, "itt")
    assert "agent" not in text and "Smith, Jr.: two" in text
    caps = [Caption(0, 1000, ("A & B <i>", "x"))]
    assert read_itt(format_captions(caps, "itt"))[0][0][2] == ("A & B <i>", "x")


def test_itt_sample(sample):
    for captions in sample.values():
        read, rate = read_itt(format_captions(captions, "itt", fps=24))
        assert [lines for *_, lines in read] == [c.lines for c in captions]
        for (start, end, _), c in zip(read, captions):
            assert start < end
            assert abs(start * 1000 / rate - c.start_ms) <= 21
        # Captions apart in time stay apart: never overlapping (Apple allows overlap only
        # across regions).
        assert all(a[1] <= b[0] for a, b in zip(read, read[1:]))


def test_empty_itt_is_a_valid_document():
    assert read_itt(format_captions([], "itt"))[0] == []


# --- SBV ----------------------------------------------------------------------------------------

SBV_TIME = re.compile(r"^(\d+):([0-5]\d):([0-5]\d)\.(\d{3})$")


def sbv_ms(stamp: str) -> int:
    m = SBV_TIME.match(stamp)
    assert m, stamp
    h, mi, s, ms = map(int, m.groups())
    return ((h * 60 + mi) * 60 + s) * 1000 + ms


def read_sbv(text: str) -> list[tuple[int, int, str]]:
    assert text == "" or text.endswith("\n\n")
    out = []
    for block in text.split("\n\n")[:-1]:
        timing, *lines = block.split("\n")
        start, end = timing.split(",")
        out.append((sbv_ms(start), sbv_ms(end), "\n".join(lines)))
    return out


def test_sbv_layout():
    assert format_captions(HAND[:2], "sbv") == (
        "0:00:00.000,0:00:01.500\nWhy did you agree\nto do this interview?\n\n"
        "0:00:01.583,0:00:59.999\nI don't know.\n\n")


def test_sbv_round_trip():
    assert read_sbv(format_captions(HAND, "sbv")) == expected(HAND)
    assert "100:00:00.000,100:00:02.000\n" in format_captions(HAND, "sbv")


def test_sbv_text_is_as_written_and_never_breaks_a_caption():
    caps = [Caption(0, 1000, ("A & B <i>x</i> {y}",), ("Elon Musk",)), Caption(1000, 2000, ("one\ntwo", "", "three"))]
    assert read_sbv(format_captions(caps, "sbv")) == [(0, 1000, "A & B <i>x</i> {y}"), (1000, 2000, "one two\nthree")]


def test_sbv_sample(sample):
    for captions in sample.values():
        assert read_sbv(format_captions(captions, "sbv")) == expected(captions)


def test_empty_sbv():
    assert format_captions([], "sbv") == ""


# --- ASS ----------------------------------------------------------------------------------------

def ass_plain(text: str) -> str:
    """Event text as libass shows it, for what the writer puts in: line breaks and escapes."""
    return text.replace("\\N", "\n").replace("\\{", "{").replace("\\}", "}").replace("\\\u2060", "\\")


def read_ass(text: str):
    subs = pysubs2.SSAFile.from_string(text, format_="ass")
    return subs, [(e.start, e.end, ass_plain(e.text)) for e in subs]


def centis(ms: int) -> int:
    return (ms + 5) // 10 * 10


def test_ass_round_trip_through_pysubs2():
    caps = HAND[:4]
    subs, read = read_ass(format_captions(caps, "ass"))
    assert read == [(centis(c.start_ms), centis(c.end_ms), c.text) for c in caps]
    assert all(e.style == "Default" and e.type == "Dialogue" for e in subs)


def test_ass_style_and_script_info():
    subs, _ = read_ass(format_captions(HAND[:4], "ass"))
    assert subs.info["ScriptType"] == "v4.00+"
    assert (subs.info["PlayResX"], subs.info["PlayResY"]) == ("1920", "1080")
    assert subs.info["ScaledBorderAndShadow"] == "yes"
    assert list(subs.styles) == ["Default"]
    style = subs.styles["Default"]
    assert style.fontname == "Arial" and style.fontsize == 60
    assert style.alignment == pysubs2.Alignment.BOTTOM_CENTER
    assert (style.outline, style.shadow, style.borderstyle) == (3, 1, 1)
    assert style.primarycolor == pysubs2.Color(255, 255, 255, 0)
    assert style.outlinecolor == pysubs2.Color(0, 0, 0, 0)
    assert (style.marginl, style.marginr, style.marginv) == (96, 96, 54)


def test_ass_times_past_ten_hours():
    text = format_captions(HAND, "ass")
    assert "Dialogue: 0,100:00:00.00,100:00:02.00,Default" in text
    caps = [Caption(10 * HOUR, 12 * HOUR + 5, ("Ten hours in.",))]
    assert read_ass(format_captions(caps, "ass"))[1] == [(10 * HOUR, 12 * HOUR + 10, "Ten hours in.")]


def test_ass_escapes_braces_and_backslashes():
    lines = ("{\\i1}not a tag{\\i0} {}", "C:\\new\\Name\\h \\{ok\\}", "back\\slash\\")
    text = format_captions([Caption(0, 1000, lines)], "ass")
    event = text.rsplit("\n", 2)[-2]
    body = event.split(",", 9)[9]
    assert not re.search(r"(?<!\\)[{}]", body)                      # no brace starts a tag
    assert not re.search(r"\\[Nnh{}]", body.replace("\\N", "").replace("\\{", "").replace("\\}", ""))
    assert read_ass(text)[1] == [(0, 1000, "\n".join(lines))]


def test_ass_voices_go_to_the_name_field():
    subs, read = read_ass(format_captions(VOICED, "ass"))
    assert [e.name for e in subs] == ["James Clayton / Elon Musk", "Elon Musk", "", "Smith Jr. & <Sons>"]
    assert read == [(c.start_ms, c.end_ms, c.text) for c in VOICED]


def test_ass_sample(sample):
    for captions in sample.values():
        _, read = read_ass(format_captions(captions, "ass"))
        assert read == [(centis(c.start_ms), centis(c.end_ms), c.text) for c in captions]
        # rounding to centiseconds keeps the order: no caption starts before the one before ends
        assert all(a[1] <= b[0] for a, b in zip(read, read[1:]))


def test_empty_ass_is_a_valid_script():
    subs, read = read_ass(format_captions([], "ass"))
    assert read == [] and "Default" in subs.styles


# --- JSON ---------------------------------------------------------------------------------------

CAPTION_KEYS = ["index", "start", "end", "start_ms", "end_ms", "lines", "speaker", "timed_by", "words"]
WORD_KEYS = ["text", "start_ms", "end_ms", "speaker", "matched", "timed_by"]


def check_schema(doc: dict) -> None:
    assert list(doc) == ["version", "captions"] and doc["version"] == 1
    for n, c in enumerate(doc["captions"], 1):
        assert [k for k in CAPTION_KEYS if k in c] == list(c)   # known keys, in this order
        assert set(c) >= set(CAPTION_KEYS) - {"speaker", "timed_by"}
        assert ("timed_by" in c) == bool(c["words"]) and c.get("timed_by", "text") in ("audio", "text", "mixed")
        assert c["index"] == n
        assert isinstance(c["start_ms"], int) and isinstance(c["end_ms"], int)
        assert c["start"] == round(c["start_ms"] / 1000, 3) and c["end"] == round(c["end_ms"] / 1000, 3)
        assert isinstance(c["lines"], list) and all(isinstance(line, str) for line in c["lines"])
        assert "speaker" not in c or (isinstance(c["speaker"], str) and c["speaker"])
        for w in c["words"]:
            assert list(w) == WORD_KEYS
            assert isinstance(w["text"], str) and w["text"]
            assert isinstance(w["start_ms"], int) and isinstance(w["end_ms"], int)
            assert w["speaker"] is None or isinstance(w["speaker"], str)
            assert isinstance(w["matched"], bool)
            assert w["timed_by"] in ("audio", "text")


def strip_dash_and_label(line: str, voice: str | None) -> str:
    if voice and line.startswith(f"{voice}: "):
        line = line[len(voice) + 2:]
    return re.sub(r"^[-–—]\s*", "", line)


def test_json_sample_schema_and_words(sample):
    for name, captions in sample.items():
        doc = json.loads(format_captions(captions, "json"))
        check_schema(doc)
        assert len(doc["captions"]) == len(captions)
        for c, item in zip(captions, doc["captions"]):
            assert (item["start_ms"], item["end_ms"], tuple(item["lines"])) == (c.start_ms, c.end_ms, c.lines)
            voices = [c.voices[k] if k < len(c.voices) else None for k in range(len(c.lines))]
            shown = " ".join(strip_dash_and_label(line, v) for line, v in zip(item["lines"], voices))
            assert " ".join(w["text"] for w in item["words"]) == shown, name
            assert [(w["start_ms"], w["end_ms"], w["speaker"], w["matched"]) for w in item["words"]] == \
                   [(w.start_ms, w.end_ms, w.speaker, w.matched) for w in c.words]
            speakers = {w["speaker"] for w in item["words"]}
            if len(speakers) == 1 and None not in speakers:
                assert item["speaker"] == speakers.pop()
            elif len(speakers) > 1:
                assert "speaker" not in item
        words = [w for item in doc["captions"] for w in item["words"]]
        assert any(w["matched"] for w in words) and not all(w["matched"] for w in words)


def test_json_hand_made_captions_and_unicode():
    caps = [Caption(1_234, 5_000, ("café “naïve”", "two")), Caption(5_100, 6_000, ("- A", "- B"), ("Ann", "Bob")),
            Caption(6_100, 7_000, ("x",), (), (TimedWord("x", 6_100, 6_500, None, 1, 0, False),))]
    text = format_captions(caps, "json")
    assert "café “naïve”" in text and text.endswith("}\n")
    doc = json.loads(text)
    check_schema(doc)
    assert doc["captions"][0] == {"index": 1, "start": 1.234, "end": 5.0, "start_ms": 1234, "end_ms": 5000,
                                  "lines": ["café “naïve”", "two"], "words": []}
    assert "speaker" not in doc["captions"][1]
    assert doc["captions"][2]["words"] == [{"text": "x", "start_ms": 6100, "end_ms": 6500, "speaker": None,
                                           "matched": False, "timed_by": "text"}]
    assert doc["captions"][2]["timed_by"] == "text"


def test_json_single_voice_is_the_speaker():
    doc = json.loads(format_captions(VOICED, "json"))
    assert [c.get("speaker") for c in doc["captions"]] == [None, "Elon Musk", None, "Smith, Jr. & <Sons>"]


def test_empty_json():
    assert json.loads(format_captions([], "json")) == {"version": 1, "captions": []}


# --- properties: every format reads back what it was given ------------------------------------

LINE = st.text(
    alphabet=st.characters(exclude_categories=("Cs", "Cc", "Zl", "Zp", "Co", "Cn")),
    min_size=1, max_size=30,
).map(lambda s: " ".join(s.split())).filter(bool)


@st.composite
def caption_lists(draw, max_ms=200 * HOUR):
    n = draw(st.integers(min_value=0, max_value=6))
    t = draw(st.integers(min_value=0, max_value=max_ms // 2))
    out = []
    for _ in range(n):
        start = t + draw(st.integers(min_value=0, max_value=5_000_000))
        end = start + draw(st.integers(min_value=1, max_value=5_000_000))
        lines = tuple(draw(st.lists(LINE, min_size=1, max_size=3)))
        voice = st.sampled_from([None, "Elon Musk", "James Clayton", "A & B, Jr."])
        voices = tuple(draw(voice) for _ in lines) if draw(st.booleans()) else ()
        out.append(Caption(start, end, lines, voices if any(voices) else ()))
        t = end
    return out


@fuzz_settings(100)
@given(caption_lists())
def test_ttml_round_trip_property(captions):
    assert read_ttml(format_captions(captions, "ttml")) == [
        (c.start_ms, c.end_ms, c.lines, c.voices) for c in captions]


@fuzz_settings(100)
@given(caption_lists())
def test_sbv_round_trip_property(captions):
    assert read_sbv(format_captions(captions, "sbv")) == expected(captions)


@fuzz_settings(100)
@given(caption_lists(max_ms=9 * HOUR))
def test_ass_round_trip_property(captions):
    captions = [c for c in captions if c.end_ms < 10 * HOUR - 5]   # pysubs2 reads 2-digit hours
    _, read = read_ass(format_captions(captions, "ass"))
    assert read == [(centis(c.start_ms), centis(c.end_ms), c.text) for c in captions]


@fuzz_settings(100)
@given(caption_lists(), st.sampled_from([24, 25, 29.97]))
def test_itt_round_trip_property(captions, fps):
    read, rate = read_itt(format_captions(captions, "itt", fps=fps))
    assert [lines for *_, lines in read] == [c.lines for c in captions]
    for (start, end, _), c in zip(read, captions):
        assert abs(start * 1000 / rate - c.start_ms) <= 500 / rate
        assert end > start


@fuzz_settings(100)
@given(caption_lists())
def test_json_round_trip_property(captions):
    doc = json.loads(format_captions(captions, "json"))
    check_schema(doc)
    assert [(c["start_ms"], c["end_ms"], tuple(c["lines"])) for c in doc["captions"]] == \
           [(c.start_ms, c.end_ms, c.lines) for c in captions]
