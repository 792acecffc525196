"""readers/timing/rev_docx.py: Rev's DOCX export, read by the Rev text rules; paragraph numbers in messages."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from captions import make_captions
from captions.errors import InputError, TranscriptError
from captions.readers import parse_rev, parse_rev_docx, read_transcript

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "sources"

# Rev's DOCX export: a title, then per turn a "Name (mm:ss):" paragraph and the text paragraphs.
PARAGRAPHS = [
    "Interview with Sam Ortiz",
    "Dana Reyes (00:00):",
    "Welcome back. Today I'm talking to Sam Ortiz about the new bridge.",
    "Sam Ortiz (00:05):",
    "Thanks for having me. It's, uh, it's been a long road.",
    "We started the design in 2011, and the river kept changing.",
    "Dana Reyes (00:13):",
    "What changed most?",
    "Sam Ortiz (00:15):",
    "The water level, mostly. Every spring it rose higher than the models said. [inaudible 00:19]",
]


def make_docx(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.fixture
def rev_docx(tmp_path) -> Path:
    p = tmp_path / "interview.docx"
    p.write_bytes(make_docx(PARAGRAPHS))
    return p


def test_docx_reads_as_the_same_text_would(rev_docx):
    from_docx = read_transcript(rev_docx)
    from_text = parse_rev("\n\n".join(PARAGRAPHS))
    assert [(w.text, w.turn, w.placeholder) for w in from_docx.words] == \
        [(w.text, w.turn, w.placeholder) for w in from_text.words]
    assert [(a.word, a.time_ms, a.resolution_ms) for a in from_docx.anchors] == \
        [(a.word, a.time_ms, a.resolution_ms) for a in from_text.anchors]
    assert [t.speaker for t in from_docx.turns] == ["Dana Reyes", "Sam Ortiz", "Dana Reyes", "Sam Ortiz"]
    # lines are the document's paragraph numbers
    assert [t.line for t in from_docx.turns] == [2, 4, 7, 9]
    assert from_docx.words[-1].line == 10


def test_docx_end_to_end(rev_docx):
    result = make_captions(rev_docx, FIXTURES / "interview.clean.txt")
    # Rev floors stamps to whole seconds: a turn's first word is placed between the stamp as written
    # (the letter model) and half a second later (its expected start, the syllable model).
    for phrase, stamp in [("Thanks for having me.", 5000), ("What changed the most?", 13000),
                          ("The water level, mostly.", 15000)]:
        c = next(c for c in result.captions if " ".join(c.lines).startswith(phrase))
        assert abs(c.start_ms - (stamp + 250)) <= 50
    assert result.report.warnings == []


def test_docx_warnings_and_line_breaks_inside_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph("Ann (00:10):")
    p = document.add_paragraph("First line.")
    p.add_run().add_break()                      # Shift+Enter: Rev text on two lines
    p.add_run("Second line.")
    document.add_paragraph("Bo (00:05):")        # paragraph 3: a stamp out of order
    document.add_paragraph("Hi.")
    document.add_paragraph("Ann (00:20):")
    document.add_paragraph("Bye.")
    path = tmp_path / "t.docx"
    document.save(path)
    t = read_transcript(path)
    assert [w.text for w in t.words] == ["First", "line.", "Second", "line.", "Hi.", "Bye."]
    assert t.warnings == (f"{path}:3: stamp 00:00:05 is out of order with the stamps around it; not trusted",)


def test_docx_without_stamps_is_a_transcript_error_naming_the_file(tmp_path):
    path = tmp_path / "notes.docx"
    path.write_bytes(make_docx(["Just some notes.", "No speakers here."]))
    with pytest.raises(TranscriptError) as info:
        read_transcript(path)
    assert str(info.value).startswith(f"{path}: no timestamped speaker turns found")


def zip_bytes(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize("data, message", [
    (zip_bytes({"content.xml": b"<x/>"}), "a ZIP archive without word/document.xml"),
    (zip_bytes({"word/document.xml": b"<not-xml"}), "cannot read the Word document"),
    (b"PK\x03\x04" + b"\x00" * 40, "ZIP"),
])
def test_bad_zip_and_docx_are_one_line_input_errors(tmp_path, data, message):
    path = tmp_path / "talk.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_transcript(path)
    assert message in str(info.value)
    assert str(info.value).startswith(str(path)) and "\n" not in str(info.value)


def test_parse_rev_docx_from_bytes():
    t = parse_rev_docx(make_docx(PARAGRAPHS), "x.docx")
    assert t.turns[0].speaker == "Dana Reyes"
