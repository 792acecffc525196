"""readers/timing/detect.py: the TRANSCRIPT argument's kind decided by content, not by name."""
from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from captions.cli import main
from captions.errors import CaptionsError, InputError, TranscriptError
from captions.readers import detect_kind, read_transcript
from captions.readers.timing import rev as rev_reader

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"
SAMPLE_REV = Path(__file__).resolve().parents[3] / "samples" / "bbc-musk-2023.rev.txt"


@pytest.mark.parametrize("name, kind", [
    ("interview.rev.json", "json"), ("interview.whisperx.json", "json"), ("interview.words.json", "json"),
    ("interview.srt", "srt"), ("interview.sbv", "sbv"), ("interview.vtt", "vtt"),
    ("interview.youtube.vtt", "vtt"),
])
def test_fixture_kinds(name, kind):
    assert detect_kind((FIXTURES / name).read_bytes()) == kind


@pytest.mark.parametrize("data, kind", [
    (b"PK\x03\x04anything", "docx"),
    (b'  \n{"monologues": []}', "json"),
    (b'[{"word": "a", "start": 0, "end": 1}]', "json"),
    (b"[ ]", "json"),
    (codecs.BOM_UTF8 + b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "vtt"),
    (b"1\r\n00:00:01,000 --> 00:00:02,000\r\nhi\r\n", "srt"),
    (b"00:00:01,000 --> 00:00:02,000\nhi\n", "srt"),
    ("0:00:01.000,0:00:02.000\nhi\n".encode("utf-16"), "sbv"),
    (b"Speaker 1 (00:01):\nHello.\n", "rev"),
    (b"[Music]\nSpeaker 1 (00:01):\nHello.\n", "rev"),         # a bracket is not JSON
    (b"[00:00:01] notes\nSpeaker 1 (00:01):\nHello.\n", "rev"),
    (b"WEBVTTX is not a header\n", "rev"),
    (b"{music}\nSpeaker 1 (00:01):\nHello.\n", "rev"),
])
def test_detect_kind_by_content(data, kind):
    assert detect_kind(data) == kind


@pytest.mark.parametrize("name", ["talk.txt", "talk.json", "talk.srt", "talk"])
def test_content_decides_not_the_name(write_file, name):
    p = write_file(name, (FIXTURES / "interview.youtube.vtt").read_bytes())
    assert [w.text for w in read_transcript(p).words][:3] == ["welcome", "back", "today"]


def test_rev_text_reads_exactly_as_before():
    assert read_transcript(SAMPLE_REV) == rev_reader.read_transcript(SAMPLE_REV)


def test_rev_text_in_windows_1252_keeps_its_decode_behaviour(write_file):
    p = write_file("t.txt", b"Speaker 1 (00:01):\r\nIt\x92s caf\xe9.\r\n")
    assert read_transcript(p) == rev_reader.read_transcript(p)


@pytest.mark.parametrize("name, data, message", [
    ("t.json", b'{"results": []}', "JSON, but not a transcript this reads: expected Rev JSON"),
    ("t.json", b'{"segments": [}', "t.json:1: not valid JSON"),
    ("t.json", b"hello there", "named like JSON but it is not"),
    ("t.srt", b"hello there", "named like SRT captions but it is not"),
    ("t.txt", b"hello there", "no timestamped speaker turns found"),
    ("t.srt", b"1\n00:00:01,000 --> 00:00:02,000\n\n", "no words in this SRT file"),
    ("t.pdf", b"%PDF-1.7\n", "this is a PDF document, not a text file"),
    ("t.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), "an old Word (.doc)"),
    ("t.txt", b"", "the file is empty"),
    ("t.txt", b"   \n\t", "the file is empty"),
])
def test_bad_inputs_are_one_line_errors_naming_the_file(write_file, name, data, message):
    p = write_file(name, data)
    with pytest.raises(CaptionsError) as info:
        read_transcript(p)
    assert isinstance(info.value, (InputError, TranscriptError))
    assert message in str(info.value) and str(info.value).startswith(str(p))
    assert "\n" not in str(info.value)


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_transcript(tmp_path / "nope.json")
    with pytest.raises(InputError, match="is a folder"):
        read_transcript(tmp_path)


def test_cli_make_from_youtube_captions(tmp_path, capsys):
    out = tmp_path / "clean.srt"
    code = main(["make", str(FIXTURES / "interview.youtube.vtt"), str(FIXTURES / "interview.clean.txt"),
                 "-o", str(out), "-q"])
    assert code == 0
    srt = out.read_text()
    assert "00:00:05,100 --> " in srt and "Thanks for having me." in srt and "tease" not in srt


def test_cli_bad_docx_is_one_error_line(tmp_path, capsys):
    bad = tmp_path / "talk.docx"
    bad.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    code = main(["make", str(bad), str(FIXTURES / "interview.clean.txt"), "-o", str(tmp_path / "x.srt")])
    err = capsys.readouterr().err.strip()
    assert code == 2
    assert len(err.splitlines()) == 1 and str(bad) in err and "Traceback" not in err
