"""Delivery writers: FCPXML validated against the structure of Apple's DTD and read back; SCC and
EBU-STL read back by independent readers (ttconv, pycaption, ffmpeg) with frame-exact times,
drop-frame timecode checked over three hours."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path

import pytest

from captions.errors import OutputError
from captions.model import Caption
from captions.timecode import parse_offset, smpte_time
from captions.writers import format_captions
from captions.writers.fcpxml import format_fcpxml
from captions.writers.scc import format_scc
from captions.writers.stl import format_stl
from captions.writers.frames import caption_frames

DATA = Path(__file__).resolve().parents[1] / "data"
etree = pytest.importorskip("lxml.etree")


def sample(n: int = 40, step_ms: int = 2900, first_ms: int = 1000) -> list[Caption]:
    """``n`` two-line captions 2.5 s long, ``step_ms`` apart, text with XML and 608 specials."""
    out = []
    for k in range(n):
        start = first_ms + k * step_ms
        out.append(Caption(start, start + 2500, (f"Caption {k + 1}: café & <tea>,", "it's 50% off!")))
    return out


# ---- frames and timecode

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


# ---- SCC

FFMPEG = shutil.which("ffmpeg")
NTSC = Fraction(30000, 1001)
# ttconv reads 0x12 0x2A (em dash) as a heavy box line; pycaption and the 608 tables say em dash.
TTCONV_QUIRKS = str.maketrans({"━": "—"})


def _srt_cues(text: str) -> list[tuple[int, int, str]]:
    """Cues of an SRT text; without ffmpeg's font tags and the centring spaces 608 readers show."""
    import pysrt

    def clean(t: str) -> str:
        t = re.sub(r"</?font[^>]*>|\{\\an\d\}", "", t)
        return "\n".join(line.lstrip(" \xa0").replace("\\h", "").lstrip(" \xa0") for line in t.split("\n"))

    return [(i.start.ordinal, i.end.ordinal, clean(i.text)) for i in pysrt.from_string(text)]


def ttconv_cues(scc: str) -> list[tuple[int, int, str]]:
    """(first frame, first frame after, text) of each caption as ttconv reads the SCC."""
    from ttconv.scc.reader import to_model
    from ttconv.srt.writer import from_model

    frame = lambda ms: round(ms * NTSC / 1000)       # noqa: E731  (ttconv writes ms rounded down)
    return [(frame(s), frame(e), t.translate(TTCONV_QUIRKS)) for s, e, t in _srt_cues(from_model(to_model(scc)))]


def expected_cues(captions: list[Caption]) -> list[tuple[int, int, str]]:
    """Each caption on its nearest frames at 29.97."""
    return [(a, b, c.text.replace("’", "'")) for c, (a, b) in zip(captions, caption_frames(captions, NTSC))]


def scc_sample(n: int = 40, first_ms: int = 2000) -> list[Caption]:
    return [Caption(c.start_ms, c.end_ms, (c.lines[0][:32], c.lines[1]))
            for c in sample(n, first_ms=first_ms)]


@pytest.mark.parametrize("drop", [True, False])
def test_scc_reads_back_frame_exact_in_ttconv(drop):
    captions = scc_sample()
    text = format_scc(captions, drop_frame=drop)
    assert text.startswith("Scenarist_SCC V1.0\n\n")
    assert all(re.fullmatch(r"\d\d:\d\d:\d\d[;:]\d\d\t[0-9a-f]{4}( [0-9a-f]{4})*", line)
               for line in text.splitlines()[2:] if line)
    assert (";" in text) == drop
    assert ttconv_cues(text) == expected_cues(captions)


def test_scc_over_three_hours_does_not_drift():
    captions = [Caption(ms, ms + 2000, (f"Minute {ms // 60_000}",)) for ms in range(60_000, 3 * 3_600_000, 60_000)]
    text = format_scc(captions)
    assert ttconv_cues(text) == expected_cues(captions)
    # 02:50:00 on the clock is 02:50:00;00 in drop-frame timecode (02:49:49;24 in non-drop)
    assert any(c.start_ms == 10_200_000 for c in captions) and "\n02:50:00;00\t942f 942f" in text
    assert "\n02:49:49:24\t942f 942f" in format_scc(captions, drop_frame=False)
    assert ttconv_cues(format_scc(captions, drop_frame=False)) == expected_cues(captions)


@pytest.mark.skipif(FFMPEG is None, reason="ffmpeg not installed")
def test_ffmpeg_reads_every_scc_caption_at_its_timecode(tmp_path):
    captions = scc_sample(12)
    path = tmp_path / "out.scc"
    path.write_text(format_scc(captions), encoding="utf-8")
    out = subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-i", str(path), "-f", "srt", "-"],
                         capture_output=True, text=True, check=True).stdout
    got = _srt_cues(out)

    def label_ms(frame: int) -> int:
        # ffmpeg's SCC demuxer reads hh:mm:ss;ff as clock time plus 33 ms a frame
        h, m, s, ff = (int(x) for x in re.split("[:;]", smpte_time(frame, NTSC, drop=True)))
        return ((h * 60 + m) * 60 + s) * 1000 + ff * 33

    spans = caption_frames(captions, NTSC)
    assert [(s, e) for s, e, _ in got] == [(label_ms(a), label_ms(b)) for a, b in spans]
    assert [t.replace("’", "'") for _, _, t in got] == [c.text for c in captions]


def test_pycaption_reads_the_same_text_and_starts():
    from pycaption import SCCReader

    captions = scc_sample(20)
    read = SCCReader().read(format_scc(captions))
    got = read.get_captions(read.get_languages()[0])
    assert [_pycaption_text(c) for c in got] == [c.text for c in captions]

    def label_ms(frame: int) -> float:
        # pycaption reads drop-frame hh:mm:ss;ff as clock time plus ff/30 s
        h, m, s, ff = (int(x) for x in re.split("[:;]", smpte_time(frame, NTSC, drop=True)))
        return ((h * 60 + m) * 60 + s + ff / 30) * 1000

    assert all(abs(g.start / 1000 - label_ms(a)) < 1 for g, (a, _) in zip(got, caption_frames(captions, NTSC)))


def _pycaption_text(caption) -> str:
    return "\n".join(line.lstrip("\xa0 ") for line in caption.get_text().split("\n"))


def test_scc_character_set_reads_back():
    lines = ("®°½¿™¢£♪àèâêîôû áéíóúçÑñ", "ÁÉÓÚÜü‘¡*—©•“”ÀÂÇÈÊË", "ëÎÏïÔÙùÛ«»ÃãÍÌìÒò", "ÕõÄäÖöß¥ÅåØø{}|~")
    captions = [Caption(3000, 6000, lines)]
    assert ttconv_cues(format_scc(captions))[0][2] == "\n".join(lines)
    from pycaption import SCCReader

    read = SCCReader().read(format_scc(captions))
    # 0x13 0x2E is a broken bar in pycaption's table, a bar in ttconv's
    assert _pycaption_text(read.get_captions(read.get_languages()[0])[0]).replace("¦", "|") == "\n".join(lines)
    # typography without a 608 form takes its plain form; other accents are dropped
    plain = [Caption(3000, 6000, ("It’s – “ő”…",))]
    assert ttconv_cues(format_scc(plain))[0][2] == "It's - “o”..."


def test_scc_breaks_lines_longer_than_32_and_refuses_more_than_4_rows():
    long = [Caption(3000, 6000, ("Forty-two characters make a Netflix line.", "And a second one, as long as the first."))]
    assert ttconv_cues(format_scc(long))[0][2] == ("Forty-two characters make a\nNetflix line.\n"
                                                   "And a second one, as long as the\nfirst.")
    five = ("one two three four five six seven", "eight nine ten eleven twelve thirteen", "fourteen")
    assert ttconv_cues(format_scc([Caption(3000, 6000, five)]))[0][2] == (
        "one two three four five six\nseven eight nine ten eleven\ntwelve thirteen fourteen")
    with pytest.raises(OutputError, match="caption 1: .*4 rows of 32 characters; this caption needs 5"):
        format_scc([Caption(3000, 5000, ("words " * 25,))])
    with pytest.raises(OutputError, match="caption 2: .*no character '東'"):
        format_scc([Caption(3000, 5000, ("ok",)), Caption(6000, 7000, ("東京",))])


def test_a_caption_that_cannot_load_in_time_appears_late_and_none_is_lost():
    full = ("x" * 32, "y" * 32)                  # 42 frames to load
    captions = [Caption(3000, 3700, full), Caption(3767, 6000, full), Caption(6067, 9000, ("z",))]
    got = ttconv_cues(format_scc(captions))
    assert [t for _, _, t in got] == [c.text for c in captions]
    frames = caption_frames(captions, NTSC)
    # the second waits for its load, which may only start after the first's EOC
    assert got[1][0] == frames[0][0] + 2 + 40 + 2       # EOC, the load, the first's EDM inside it
    assert got[0] == expected_cues(captions)[0] and got[2] == expected_cues(captions)[2]


# ---- EBU-STL

def ttconv_stl_cues(data: bytes, fps: float) -> list[tuple[int, int, str]]:
    """(first frame, first frame after, text) of each subtitle as ttconv reads the STL file (it
    takes STL30.01 for 29.97 fps)."""
    import io

    from ttconv.stl.reader import to_model
    from ttconv.srt.writer import from_model

    return [(round(s * fps / 1000), round(e * fps / 1000), t.replace("―", "—"))
            for s, e, t in _srt_cues(from_model(to_model(io.BytesIO(data))))]


@pytest.mark.parametrize("fps, read_at", [(25, 25), (29.97, NTSC), (30, 30)])
def test_stl_reads_back_frame_exact_in_ttconv(fps, read_at):
    captions = sample(30) + [Caption(90_000, 93_000, ("It’s “quoted” — ½ £5 ± 3°", "Łódź, Ærø, Ça va? Žižek"))]
    data = format_stl(captions, fps)
    assert len(data) == 1024 + 128 * len(captions)
    assert data[3:11] == (b"STL25.01" if fps == 25 else b"STL30.01")
    rate = Fraction(25) if fps == 25 else NTSC if fps == 29.97 else Fraction(30)
    expected = [(a, b, c.text) for c, (a, b) in zip(captions, caption_frames(captions, rate))]
    if fps != 30:
        assert ttconv_stl_cues(data, read_at) == expected
    else:   # 30 fps timecode read as 29.97 drop-frame: the same clock within 2 frames
        got = ttconv_stl_cues(data, 30)
        assert [t for *_, t in got] == [t for *_, t in expected]
        assert all(abs(g - e) <= 2 for a, b in zip(got, expected) for g, e in zip(a[:2], b[:2]))


@pytest.mark.parametrize("fps, rate", [(25, Fraction(25)), (29.97, NTSC)])
def test_stl_over_three_hours_keeps_every_frame(fps, rate):
    captions = [Caption(ms, ms + 2000, (f"Minute {ms // 60_000}",)) for ms in range(0, 3 * 3_600_000, 60_000)]
    captions.append(Caption(10_799_000, 10_799_960, ("Last.",)))
    got = ttconv_stl_cues(format_stl(captions, fps), rate)
    assert got == [(a, b, c.text) for c, (a, b) in zip(captions, caption_frames(captions, rate))]
    assert got[-1][:2] == ((269_975, 269_999) if fps == 25 else (323_646, 323_675))


def test_stl_blocks_hold_the_fields_tech_3264_names():
    import datetime

    captions = [Caption(3_723_040, 3_725_000, ("One line",)), Caption(3_726_000, 3_728_000, ("Two", "lines"))]
    data = format_stl(captions, 25, title="Interview", today=datetime.date(2024, 5, 6))
    gsi = data[:1024]
    field = lambda at, size: gsi[at:at + size].decode("cp850")            # noqa: E731
    assert (field(0, 3), field(3, 8), field(11, 1), field(12, 2), field(14, 2)) == ("850", "STL25.01", "1", "00", "09")
    assert field(16, 32).rstrip() == "Interview" and field(224, 6) == "240506"
    assert (field(238, 5), field(243, 5), field(248, 3)) == ("00002", "00002", "001")
    assert (field(251, 2), field(253, 2), field(255, 1), field(256, 8), field(264, 8)) == ("40", "23", "1", "00000000", "01020301")
    first, second = data[1024:1152], data[1152:1280]
    assert first[0] == 0 and int.from_bytes(first[1:3], "little") == 1 and first[3] == 0xFF
    assert tuple(first[5:9]) == (1, 2, 3, 1) and tuple(first[9:13]) == (1, 2, 5, 0)
    assert (first[13], first[14]) == (22, 2) and (second[13], second[14]) == (20, 2)
    assert first[16:24] == b"One line" and set(first[24:]) == {0x8F}
    assert second[16:26] == b"Two\x8a\x8alines"


def test_stl_long_text_goes_into_extension_blocks_without_parting_an_accent():
    line = "a" + "é" * 56                                                # 113 bytes: byte 112 is an accent
    data = format_stl([Caption(1000, 3000, (line,))], 25)
    blocks = [data[i:i + 128] for i in range(1024, len(data), 128)]
    assert [b[3] for b in blocks] == [0, 0xFF] and len(blocks[0][16:].rstrip(b"\x8f")) == 111
    assert ttconv_stl_cues(data, 25)[0][2] == line


def test_stl_at_another_rate_is_written_at_25():
    captions = sample(5)
    assert format_stl(captions, 24) == format_stl(captions, 25)


def test_stl_refuses_what_it_cannot_hold():
    with pytest.raises(OutputError, match="caption 1: .*no character '東'"):
        format_stl([Caption(0, 1000, ("東",))], 25)
    with pytest.raises(OutputError, match="language"):
        format_stl(sample(1), 25, language="xx")
