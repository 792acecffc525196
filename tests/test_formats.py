"""formats.py: one table of formats; every name in it resolves, and the readers, writers and
convert take what they know of a format from it."""
from __future__ import annotations

import pytest

from captions.formats import BY_NAME, FORMATS, TIMING, by_extension, find, help_text, load
from captions.model import Caption
from captions.readers import detect_kind
from captions.writers import WRITERS, format_captions

CAPS = [Caption(1_000, 2_500, ("Hello there,",), ("Ann",)), Caption(3_000, 4_000, ("general.",), ("Ben",))]


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_every_entry_names_functions_that_exist(fmt):
    assert fmt.extensions and all(ext.startswith(".") for ext in fmt.extensions)
    if fmt.write:
        assert callable(load(fmt.write, "captions.writers"))
    for ref in (fmt.timing, fmt.sniff):
        if ref:
            assert callable(load(ref))
    assert bool(fmt.named) == bool(fmt.expect) == bool(fmt.sniff)


def test_names_and_extensions_find_one_format():
    extensions = [ext for f in FORMATS for ext in f.extensions]
    assert len(extensions) == len(set(extensions))
    assert find("WebVTT") is find(".webvtt") is BY_NAME["vtt"]
    assert find("dfxp") is find("xml") is BY_NAME["ttml"]
    assert by_extension("talk.SRT") is BY_NAME["srt"]
    assert by_extension("talk") is None and find("sub") is None


@pytest.mark.parametrize("name", [f.name for f in TIMING if f.write and f.sniff])
def test_what_a_writer_writes_the_sniff_recognises(name):
    content = format_captions(CAPS, name)
    assert detect_kind(content.encode("utf-8")) == name


def test_the_writers_registry_is_the_table_in_its_order():
    assert list(WRITERS) == [f.name for f in FORMATS if f.write]
    assert [f.name for f in FORMATS if f.takes_fps] == ["itt", "fcpxml", "stl"]
    assert isinstance(format_captions(CAPS, "stl", fps=25), bytes)


def test_what_convert_keeps_is_the_table():
    styled = [f.name for f in FORMATS if f.styled]
    assert styled == ["srt", "vtt", "ass"]
    assert [f.name for f in FORMATS if f.voice_tags] == ["vtt"]
    assert [f.name for f in FORMATS if f.caption_file] == ["srt", "vtt"]


def test_help_text_lists_the_formats():
    assert help_text("write").startswith(".srt .vtt .webvtt .ttml .dfxp .xml .itt")
    assert help_text("write").endswith(".scc .stl")
    assert help_text("names") == "srt, vtt, ttml, itt, sbv, ass, json, fcpxml, scc, stl"
    assert help_text("timing") == "SRT, WebVTT, SBV, JSON, Rev DOCX, Rev transcript"
    assert help_text("caption_file") == "SRT or WebVTT"
    with pytest.raises(ValueError):
        help_text("read")
