"""readers/clean/text.py as the dispatcher: which reader a clean-text file gets, and its errors."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import given, strategies as st

from captions.errors import InputError
from captions.readers.clean.text import TEXT_FORMATS, read_clean_text, read_plain_text, text_format

from conftest import clean_text_or_refusal, fuzz_settings

HTML = "<!DOCTYPE html><html><body><article><p>Hello there.</p></article></body></html>"


@pytest.mark.parametrize("name, content, expected", [
    ("a.txt", "plain text", "text"),
    ("a.blog.txt", "plain text", "text"),
    ("a", "plain text", "text"),
    ("a.md", "# Title", "markdown"),
    ("a.MARKDOWN", "text", "markdown"),
    ("a.html", "<p>x</p>", "html"),
    ("a.HTM", "<div>x</div>", "html"),
    ("a.docx", b"PK\x03\x04rest", "docx"),
    # the content wins where it is cheap to tell
    ("a.txt", b"PK\x03\x04rest", "docx"),
    ("a.txt", HTML, "html"),
    ("a.md", HTML, "html"),
    ("a", b"\xef\xbb\xbf<!doctype html><html>", "html"),
    ("a.txt", codecs.BOM_UTF16_LE + "<html><body>x".encode("utf-16-le"), "html"),
    ("a.html", "no tags here, just text", "text"),
    ("a.txt", "\n <div>a fragment from an editor's HTML view</div>", "html"),
    ("a.txt", "<p>a fragment</p>", "html"),
    ("a.md", '<p align="center">a Markdown file may start with HTML</p>\n# Title', "markdown"),
    ("a.txt", "<laughs> is not a tag we know", "text"),
    ("a.txt", "James: <b>hi</b>", "text"),
    ("a.docx", "a text file named .docx", "text"),
    ("a.docx", HTML, "html"),
])
def test_text_format(name, content, expected):
    assert text_format(name, content) == expected
    assert expected in TEXT_FORMATS


def test_format_by_name_alone():
    assert [text_format(n) for n in ("x.txt", "x.md", "x.htm", "x.docx", "x.srt")] == \
        ["text", "markdown", "html", "docx", "text"]


@pytest.mark.parametrize("name", ["talk.txt", "talk.md", "talk.html", "talk.docx"])
def test_missing_file_is_a_one_line_error_naming_it(tmp_path, name):
    p = tmp_path / name
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert str(info.value) == f"{p}: no such file"


@pytest.mark.parametrize("name", ["talk.txt", "talk.md", "talk.html", "talk.docx"])
def test_empty_file_is_a_one_line_error_naming_it(write_file, name):
    p = write_file(name, b" \n\n")
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert str(info.value) == f"{p}: the file is empty"


def test_folder_is_refused(tmp_path):
    with pytest.raises(InputError, match="folder"):
        read_clean_text(tmp_path)


@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"{\\rtf1\\ansi Hello}", "RTF"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(64), ".doc"),
])
@pytest.mark.parametrize("name", ["talk.txt", "talk.md", "talk.html"])
def test_other_documents_are_refused_naming_what_they_are(write_file, data, what, name):
    p = write_file(name, data)
    with pytest.raises(InputError) as info:
        read_clean_text(p)
    assert str(p) in str(info.value) and what.lower() in str(info.value).lower()
    assert "\n" not in str(info.value)


def test_plain_text_still_reads_with_decoding_warnings(write_file):
    p = write_file("talk.txt", b"caf\xc3\xa9 \xff broken\n")
    text, warnings, fmt, _ = read_plain_text(p)
    assert fmt == "text" and text == "café \ufffd broken\n"
    assert warnings and str(p) in warnings[0]
    assert read_clean_text(p).warnings == tuple(warnings)


# --- properties ------------------------------------------------------------------------------

@fuzz_settings(100)
@given(st.sampled_from(["t.txt", "t.md", "t.html", "t.docx", "t"]),
       st.one_of(st.binary(max_size=300),
                 st.sampled_from([b"PK\x03\x04", b"<!doctype html><html>", b"\xef\xbb\xbf", b"---\n", b"{\\rtf",
                                  b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"])
                 .flatmap(lambda head: st.binary(max_size=200).map(lambda tail: head + tail))))
def test_any_bytes_under_any_name_give_clean_text_or_a_captions_error(tmp_path_factory, name, data):
    p = tmp_path_factory.mktemp("any") / name
    p.write_bytes(data)
    clean = clean_text_or_refusal(p)
    if clean is None:
        return
    assert [line.block for line in clean.lines] == sorted(line.block for line in clean.lines)
