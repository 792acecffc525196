"""readers/decoding.py: bytes in the encodings users' files come in, and clear refusals."""
from __future__ import annotations

import codecs

import pytest
from hypothesis import assume, given, strategies as st

from captions.errors import CaptionsError, InputError
from captions.readers import decoding as source
from captions.readers.decoding import decode, read_text_file

from conftest import fuzz_settings

TEXT = "Elon Musk (00:00:15):\nWhat “hate” speech — café? It’s naïve.\n"


# --- encodings --------------------------------------------------------------------------------

@pytest.mark.parametrize("data", [
    pytest.param(TEXT.encode("utf-8"), id="utf-8"),
    pytest.param(codecs.BOM_UTF8 + TEXT.encode("utf-8"), id="utf-8-bom"),
    pytest.param(codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), id="utf-16-le-bom"),
    pytest.param(codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), id="utf-16-be-bom"),
    pytest.param(TEXT.encode("utf-16-le"), id="utf-16-le-no-bom"),
    pytest.param(TEXT.encode("utf-16-be"), id="utf-16-be-no-bom"),
    pytest.param(codecs.BOM_UTF32_LE + TEXT.encode("utf-32-le"), id="utf-32-le-bom"),
])
def test_decode_common_encodings_give_the_same_text_without_warnings(data):
    text, warnings = decode(data, "t.txt")
    assert text == TEXT
    assert warnings == []


def test_bom_is_not_part_of_the_text():
    text, _ = decode(codecs.BOM_UTF8 + b"Speaker 1 (00:01):", "t.txt")
    assert text.startswith("Speaker 1")
    assert "\ufeff" not in text


def test_windows_1252_curly_quotes():
    data = b"He said \x93hi\x94 and it\x92s \x96 fine, caf\xe9."
    text, warnings = decode(data, "t.txt")
    assert text == "He said “hi” and it’s – fine, café."
    assert warnings == []


@pytest.mark.parametrize("data, expected", [
    (b"one\r\ntwo\r\n\r\nthree", "one\ntwo\n\nthree"),
    (b"one\rtwo\r\rthree", "one\ntwo\n\nthree"),
    (b"one\r\ntwo\rthree\nfour", "one\ntwo\nthree\nfour"),
])
def test_crlf_and_cr_line_endings_become_lf(data, expected):
    text, _ = decode(data, "t.txt")
    assert text == expected
    assert "\r" not in text


def test_utf16_with_crlf_line_endings():
    data = codecs.BOM_UTF16_LE + "A (00:01):\r\nhi\r\n".encode("utf-16-le")
    assert decode(data, "t.txt")[0] == "A (00:01):\nhi\n"


def test_damaged_utf8_is_replaced_and_warned_with_byte_offset():
    data = "café ".encode() + b"\xff" + " naïve".encode()   # bad byte at offset 6
    text, warnings = decode(data, "talk.txt")
    assert text == "café \ufffd naïve"
    assert len(warnings) == 1
    assert "talk.txt" in warnings[0]
    assert "byte 6" in warnings[0]


def test_damaged_utf8_with_bom_is_replaced_like_without_bom():
    data = codecs.BOM_UTF8 + "café ".encode() + b"\xff" + " naïve".encode()
    text, warnings = decode(data, "talk.txt")
    assert text == "café \ufffd naïve"
    assert warnings and "talk.txt" in warnings[0]


# --- refusals ---------------------------------------------------------------------------------

@pytest.mark.parametrize("data, what", [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00word/document.xml", "ZIP"),
    (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
    (b"hello\x00world, some text", "NUL"),
    (bytes(range(1, 32)) * 20, "control"),
])
def test_binary_inputs_refused_naming_the_file(data, what):
    with pytest.raises(InputError) as info:
        decode(data, "interview.rev.txt")
    assert info.value.path == "interview.rev.txt"
    assert "interview.rev.txt" in str(info.value)
    assert what.lower() in str(info.value).lower()


def test_binary_file_refused_by_read_text_file(write_file):
    p = write_file("slides.txt", b"%PDF-1.4\n" + bytes(range(256)))
    with pytest.raises(InputError) as info:
        read_text_file(p)
    assert str(p) in str(info.value)


def test_empty_file_refused(write_file):
    p = write_file("empty.txt", b"")
    with pytest.raises(InputError, match="empty") as info:
        read_text_file(p)
    assert info.value.path == str(p)


def test_whitespace_only_file_refused(write_file):
    p = write_file("blank.txt", b"  \r\n\n\t\n")
    with pytest.raises(InputError, match="empty"):
        read_text_file(p)


def test_missing_file_refused(tmp_path):
    p = tmp_path / "nope.rev.txt"
    with pytest.raises(InputError, match="no such file") as info:
        read_text_file(p)
    assert str(p) in str(info.value)


def test_directory_refused(tmp_path):
    with pytest.raises(InputError, match="folder") as info:
        read_text_file(tmp_path)
    assert str(tmp_path) in str(info.value)


def test_oversized_file_refused_before_reading(write_file, monkeypatch):
    monkeypatch.setattr(source, "MAX_BYTES", 10)
    p = write_file("big.txt", b"x" * 100)
    with pytest.raises(InputError, match="limit") as info:
        read_text_file(p)
    assert info.value.path == str(p)


def test_read_text_file_returns_decoded_text_and_warnings(write_file):
    p = write_file("w.txt", b"\xef\xbb\xbfline one\r\nline two\r\n")
    assert read_text_file(p) == ("line one\nline two\n", [])


def test_input_error_is_a_captions_error_and_pickles():
    import pickle

    err = InputError("no such file", "a.txt", 3)
    assert isinstance(err, CaptionsError)
    back = pickle.loads(pickle.dumps(err))
    assert (back.message, back.path, back.line, str(back)) == ("no such file", "a.txt", 3, "a.txt:3: no such file")


# --- properties -------------------------------------------------------------------------------

@fuzz_settings(200)
@given(st.one_of(
    st.binary(max_size=300),
    st.text(max_size=100).map(lambda s: s.encode("utf-8", "surrogatepass")),
    st.text(max_size=100).map(lambda s: s.encode("utf-16-le", "surrogatepass")),
    st.text(max_size=100).map(lambda s: codecs.BOM_UTF16_BE + s.encode("utf-16-be", "surrogatepass")),
    st.builds(lambda a, b: a + b, st.sampled_from([b"%PDF", b"PK\x03\x04", codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
                                                   codecs.BOM_UTF32_LE, b"\xff\xd8\xff"]), st.binary(max_size=100)),
))
def test_decode_arbitrary_bytes_gives_text_or_input_error(data):
    try:
        text, warnings = decode(data, "f.txt")
    except InputError as exc:
        assert exc.path == "f.txt"
        return
    assert isinstance(text, str)
    assert "\r" not in text and "\x00" not in text
    assert all(isinstance(w, str) for w in warnings)


@fuzz_settings(150)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t"), max_size=200))
def test_utf8_text_round_trips(text):
    assume(not text.startswith(("\ufeff", "%PDF", "ID3", "RIFF", "OggS", "fLaC")))
    assert decode(text.encode("utf-8"), "f.txt") == (text, [])
