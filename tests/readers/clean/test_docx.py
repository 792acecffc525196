"""readers/clean/docx.py: a Word document's body as the clean text's lines."""
from __future__ import annotations

import io
import zipfile

import pytest
from hypothesis import given, strategies as st

from captions.errors import CaptionsError, InputError
from captions.readers.clean.docx import docx_to_text, is_docx
from captions.readers.clean.text import read_clean_text, read_plain_text

from conftest import clean_text_or_refusal, fuzz_settings

docx = pytest.importorskip("docx")
from docx.oxml import parse_xml  # noqa: E402
from docx.oxml.ns import nsdecls  # noqa: E402


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rows(clean):
    return [(line.text, line.block, line.speaker) for line in clean.lines]


def add_xml_paragraph(document, inner: str) -> None:
    """A paragraph written as WordprocessingML (runs, hyperlinks, tracked changes)."""
    p = parse_xml(f"<w:p {nsdecls('w', 'r')}>{inner}</w:p>")
    document.element.body.insert(len(document.element.body) - 1, p)   # before the section properties


@pytest.fixture(scope="module")
def small_docx() -> bytes:
    d = docx.Document()
    d.add_paragraph("Elon Musk interviewed by the BBC", style="Title")
    d.add_paragraph("")
    d.add_paragraph().add_run("James Clayton:").bold = True
    d.add_paragraph("Why did you agree to do this interview?")
    d.add_paragraph("")
    p = d.add_paragraph()
    p.add_run("Elon Musk:").bold = True
    p.add_run(" I don't know. ")
    p.add_run("I like spontaneity.").italic = True
    return save(d)


def test_paragraphs_are_lines_and_empty_paragraphs_break_blocks():
    d = docx.Document()
    for text in ["First line.", "Second line.", "", "", "New block."]:
        d.add_paragraph(text)
    assert docx_to_text(save(d)) == "First line.\nSecond line.\n\nNew block.\n"


def test_runs_join_into_one_line_and_bold_labels_stay_name_lines(small_docx):
    assert docx_to_text(small_docx) == ("Elon Musk interviewed by the BBC\n\nJames Clayton:\n"
                                        "Why did you agree to do this interview?\n\n"
                                        "Elon Musk:\nI don't know. I like spontaneity.\n")


def test_bold_label_paragraph_starts_a_block_and_sets_the_speaker(write_file):
    # "Elon Musk: Because." once, in plain text, would not be taken for a label; in bold it is.
    d = docx.Document()
    for name, text in [("James Clayton:", "Why?"), ("Elon Musk", "Because."), ("James Clayton:", "Fine.")]:
        p = d.add_paragraph()
        p.add_run(name).bold = True
        p.add_run(" " + text if name.endswith(":") else ": " + text)
    path = write_file("talk.docx", save(d))
    assert docx_to_text(save(d)) == "James Clayton:\nWhy?\n\nElon Musk:\nBecause.\n\nJames Clayton:\nFine.\n"
    assert rows(read_clean_text(path)) == [("Why?", 1, "James Clayton"), ("Because.", 2, "Elon Musk"),
                                           ("Fine.", 3, "James Clayton")]


def test_a_bold_phrase_that_is_not_a_label_does_not_break_the_block():
    d = docx.Document()
    d.add_paragraph("One.")
    p = d.add_paragraph()
    p.add_run("Really").bold = True
    p.add_run(" important: this.")
    assert docx_to_text(save(d)) == "One.\nReally important: this.\n"


def test_headings_are_blocks_of_their_own():
    d = docx.Document()
    d.add_paragraph("before")
    d.add_heading("A heading", level=2)
    d.add_paragraph("after")
    assert docx_to_text(save(d)) == "before\n\nA heading\n\nafter\n"


def test_line_breaks_inside_a_paragraph_are_the_authors_lines():
    d = docx.Document()
    p = d.add_paragraph()
    run = p.add_run("I don't know.")
    run.add_break()
    p.add_run("There's a lot\tgoing on.")
    assert docx_to_text(save(d)) == "I don't know.\nThere's a lot going on.\n"


def test_tables_give_their_cells_paragraphs():
    d = docx.Document()
    d.add_paragraph("before")
    table = d.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "left cell"
    table.cell(0, 1).text = "right cell"
    d.add_paragraph("after")
    assert docx_to_text(save(d)) == "before\n\nleft cell\nright cell\n\nafter\n"


def test_page_header_footer_and_comments_are_not_the_text():
    d = docx.Document()
    d.sections[0].header.paragraphs[0].text = "Blog name"
    d.sections[0].footer.paragraphs[0].text = "Page 1"
    p = d.add_paragraph()
    run = p.add_run("Spoken words.")
    d.add_comment(run, text="An editor's note", author="Editor")
    assert docx_to_text(save(d)) == "Spoken words.\n"


def test_hyperlinks_and_tracked_insertions_are_text_deletions_are_not():
    d = docx.Document()
    add_xml_paragraph(d, '<w:r><w:t xml:space="preserve">See </w:t></w:r>'
                         '<w:hyperlink r:id="rId99"><w:r><w:t>the BBC</w:t></w:r></w:hyperlink>'
                         '<w:del w:id="1" w:author="Ed"><w:r><w:delText> old words</w:delText></w:r></w:del>'
                         '<w:ins w:id="2" w:author="Ed"><w:r><w:t xml:space="preserve"> site</w:t></w:r></w:ins>'
                         '<w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
                         '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>.</w:t></w:r>'
                         '<w:r><w:fldChar w:fldCharType="end"/></w:r>')
    assert docx_to_text(save(d)) == "See the BBC site.\n"


def test_is_docx():
    d = docx.Document()
    d.add_paragraph("x")
    assert is_docx(save(d))
    assert not is_docx(b"PK\x03\x04 not really a zip")
    assert not is_docx(b"plain text")


# --- detection and errors ------------------------------------------------------------------

def zip_with(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize("data, what", [
    (zip_with("xl/workbook.xml", "[Content_Types].xml"), "Excel"),
    (zip_with("content.xml", "mimetype"), "OpenDocument"),
    (zip_with("notes.txt"), "ZIP archive"),
    (b"PK\x03\x04" + b"\x00" * 40, "damaged"),
    (zip_with("word/document.xml"), "not a readable Word document"),
])
def test_not_a_word_document_is_a_one_line_error_naming_the_file(write_file, data, what):
    p = write_file("interview.docx", data)
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert info.value.path == str(p) and str(p) in str(info.value)
    assert what.lower() in str(info.value).lower() and "\n" not in str(info.value)


def test_truncated_docx_is_a_one_line_error(write_file, small_docx):
    p = write_file("cut.docx", small_docx[: len(small_docx) // 2])
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert str(p) in str(info.value) and "\n" not in str(info.value)


def test_old_word_document_is_refused_with_advice(write_file):
    p = write_file("old.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert ".docx" in str(info.value) and str(p) in str(info.value)


def test_docx_name_with_text_inside_is_read_as_text(write_file):
    p = write_file("interview.docx", "James Clayton:\nWhy?\n")
    text, _, fmt, _ = read_plain_text(p)
    assert fmt == "text" and rows(read_clean_text(p)) == [("Why?", 1, "James Clayton")]


def test_docx_by_content_whatever_its_name(write_file, small_docx):
    p = write_file("interview.clean.txt", small_docx)
    assert read_plain_text(p).format == "docx"
    assert rows(read_clean_text(p))[-1] == ("I don't know. I like spontaneity.", 2, "Elon Musk")


def test_document_without_text_is_a_one_line_error(write_file):
    d = docx.Document()
    d.add_paragraph("")
    p = write_file("blank.docx", save(d))
    with pytest.raises(CaptionsError) as info:
        read_clean_text(p)
    assert "no text in the Word document" in str(info.value) and str(p) in str(info.value)


# --- properties ------------------------------------------------------------------------------

@fuzz_settings(60)
@given(st.one_of(
    st.binary(max_size=200).map(lambda b: b"PK\x03\x04" + b),
    st.tuples(st.integers(0, 5000), st.binary(min_size=1, max_size=8), st.integers(0, 3000)),
))
def test_any_bytes_as_docx_give_clean_text_or_a_captions_error(tmp_path_factory, small_docx, data):
    if isinstance(data, tuple):   # a real document with some bytes overwritten and the end cut off
        at, patch, cut = data
        at %= len(small_docx)
        data = (small_docx[:at] + patch + small_docx[at + len(patch):])[: len(small_docx) - cut]
    p = tmp_path_factory.mktemp("docx") / "talk.docx"
    p.write_bytes(data)
    clean = clean_text_or_refusal(p)
    if clean is None:
        return


@fuzz_settings(60)
@given(st.lists(st.tuples(st.text(max_size=30), st.booleans(), st.sampled_from(["p", "empty", "break"])),
                max_size=15))
def test_any_document_text_reads_back(tmp_path_factory, paragraphs):
    d = docx.Document()
    for text, bold, kind in paragraphs:
        text = "".join(ch for ch in text if ch.isprintable() and ch not in "\x85\u2028\u2029")
        if kind == "empty":
            d.add_paragraph("")
            continue
        p = d.add_paragraph()
        p.add_run(text).bold = bold
        if kind == "break":
            p.runs[0].add_break()
            p.add_run(text)
    p = tmp_path_factory.mktemp("docx") / "talk.docx"
    p.write_bytes(save(d))
    try:
        clean = read_clean_text(p, script=None)
    except CaptionsError as exc:
        assert "\n" not in str(exc)
        return
    words = [w for text, _, kind in paragraphs if kind != "empty" for w in text.split()]
    assert all(line.text.strip() for line in clean.lines)
    assert len(" ".join(line.text for line in clean.lines).split()) <= 2 * len(words)
