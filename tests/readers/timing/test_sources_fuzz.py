"""Properties of the timing-source readers: any input gives a valid Transcript or a one-line
CaptionsError, never a traceback; word times however wrong give valid captions."""
from __future__ import annotations

import io
import json
import zipfile

import docx
from hypothesis import given, strategies as st

from captions import CaptionRules, make_captions
from captions.errors import CaptionsError
from captions.model import Transcript
from captions.readers import (parse_clean_text, parse_json_transcript, parse_rev_docx, parse_sbv_source,
                              parse_srt_source, parse_transcript_bytes, parse_vtt_source, parse_word_list)
from captions.timing import transcript_times

from conftest import fuzz_settings


def assert_valid(t: Transcript) -> None:
    assert isinstance(t, Transcript)
    n = len(t.words)
    assert n and any(not w.placeholder for w in t.words)
    assert t.turns[0].first == 0 and t.turns[-1].end == n
    for a, b in zip(t.turns, t.turns[1:]):
        assert a.end == b.first
    for k, turn in enumerate(t.turns):
        assert turn.first < turn.end and turn.speaker.strip()
        assert all(w.turn == k for w in t.words[turn.first:turn.end])
    assert all(w.text and not any(ch.isspace() for ch in w.text) for w in t.words)
    assert [a.word for a in t.anchors] == sorted(set(a.word for a in t.anchors))
    assert all(0 <= a.word < n and a.time_ms >= 0 for a in t.anchors)
    trusted = [a.time_ms for a in t.anchors if a.trusted]
    assert trusted and trusted == sorted(trusted)
    assert all(isinstance(w, str) and "\n" not in w for w in t.warnings)
    starts, ends = transcript_times(t)
    assert all(s < e for s, e in zip(starts, ends))


def check(parse, *args) -> Transcript | None:
    try:
        t = parse(*args)
    except CaptionsError as exc:
        assert str(exc) and "\n" not in str(exc)
        return None
    assert_valid(t)
    return t


# --- any bytes, any text ----------------------------------------------------------------------

PREFIXES = [b"", b"PK\x03\x04", b"{", b"[", b'{"monologues": ', b'{"segments": ', b"WEBVTT\n\n",
            b"1\n00:00:01,000 --> ", b"0:00:01.000,0:00:02.000\n", b"Speaker 1 (00:01):\n", b"\xef\xbb\xbf"]


@fuzz_settings(150)
@given(st.sampled_from(PREFIXES), st.one_of(st.binary(max_size=200), st.text(max_size=200).map(str.encode)))
def test_any_bytes_give_a_transcript_or_a_clean_error(prefix, rest):
    check(parse_transcript_bytes, prefix + rest, "f")


TIME = st.builds(lambda h, m, s, ms, sep: f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}",
                 st.integers(0, 2), st.integers(0, 59), st.integers(0, 59), st.integers(0, 999),
                 st.sampled_from([",", "."]))
CUE_TEXT = st.lists(st.one_of(
    st.sampled_from(["hello", "world.", "<i>", "</i>", "<c>", "</c>", "<v Ann>", "</v>", "[Music]", "- ", ">> ",
                     "&amp;", " ", "\n", "uh,", "♪", "{\\an8}"]),
    TIME.map(lambda t: f"<{t.replace(',', '.')}>"),
    st.text(max_size=10),
), max_size=12).map("".join)


@st.composite
def cue_files(draw, fmt):
    out = ["WEBVTT", ""] if fmt == "vtt" else []
    for k in range(draw(st.integers(0, 6))):
        a, b = draw(TIME), draw(TIME)
        if fmt == "sbv":
            out.append(f"{a.lstrip('0') or '0'},{b}".replace(",", ".", 1) if draw(st.booleans()) else f"0:{a[3:]},0:{b[3:]}")
        else:
            if fmt == "srt" and draw(st.booleans()):
                out.append(str(k + 1))
            out.append(f"{a} --> {b}")
        out.append(draw(CUE_TEXT))
        out.append("")
    return "\n".join(out)


@fuzz_settings(150)
@given(st.sampled_from(["srt", "vtt", "sbv"]).flatmap(lambda f: st.tuples(st.just(f), cue_files(f))))
def test_caption_files_give_a_transcript_or_a_clean_error(case):
    fmt, text = case
    parse = {"srt": parse_srt_source, "vtt": parse_vtt_source, "sbv": parse_sbv_source}[fmt]
    check(parse, text, f"f.{fmt}")
    check(parse_transcript_bytes, text.encode(), f"f.{fmt}")


@fuzz_settings(100)
@given(st.text(max_size=300))
def test_any_text_as_each_caption_format(text):
    for parse in (parse_srt_source, parse_vtt_source, parse_sbv_source):
        check(parse, text, "f")


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 10**7) | st.floats(allow_nan=True) | st.text(max_size=8),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(
        st.sampled_from(["word", "text", "start", "end", "ts", "end_ts", "type", "value", "speaker",
                         "speaker_name", "elements", "words", "segments", "monologues"]), children, max_size=5),
    max_leaves=20)
WORD = st.fixed_dictionaries({"word": st.text(max_size=8)}, optional={
    "start": st.floats(0, 100) | st.none(), "end": st.floats(0, 100) | st.none(),
    "speaker": st.sampled_from(["A", "B", 0, 1, None, ""])})


@fuzz_settings(150)
@given(st.one_of(
    JSON_VALUES,
    st.builds(lambda m: {"monologues": m}, JSON_VALUES),
    st.builds(lambda s: {"segments": s}, JSON_VALUES),
    st.lists(WORD, max_size=8),
    st.builds(lambda w: {"segments": [{"words": w}]}, st.lists(WORD, max_size=8)),
    st.builds(lambda els: {"monologues": [{"speaker": 0, "elements": els}]}, st.lists(st.fixed_dictionaries(
        {"type": st.sampled_from(["text", "punct", "unknown"]), "value": st.text(max_size=6)},
        optional={"ts": st.floats(0, 50), "end_ts": st.floats(0, 50)}), max_size=8)),
))
def test_json_gives_a_transcript_or_a_clean_error(data):
    check(parse_json_transcript, data, "f.json")
    try:
        text = json.dumps(data)
    except ValueError:
        return
    check(parse_transcript_bytes, text.encode(), "f.json")


def _zip(files: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, data in files.items():
            z.writestr(name, data)
    return out.getvalue()


@fuzz_settings(40)
@given(st.one_of(
    st.binary(max_size=100).map(lambda b: b"PK\x03\x04" + b),
    st.dictionaries(st.sampled_from(["word/document.xml", "[Content_Types].xml", "x.txt"]),
                    st.binary(max_size=60), max_size=3).map(_zip),
    st.lists(st.one_of(st.text(max_size=40), st.sampled_from(["Ann (00:01):", "Bo (00:03):", "Hello there."])),
             max_size=6),
))
def test_docx_gives_a_transcript_or_a_clean_error(case):
    if isinstance(case, list):
        document = docx.Document()
        for p in case:
            try:
                document.add_paragraph(p)
            except ValueError:   # XML cannot hold control characters
                return
        out = io.BytesIO()
        document.save(out)
        case = out.getvalue()
    check(parse_rev_docx, case, "f.docx")


# --- wrong word times still give valid captions ------------------------------------------------

VOCAB = ["we", "started", "the", "design", "in", "spring", "river", "kept", "changing.", "water", "level,"]


@fuzz_settings(60)
@given(st.lists(st.tuples(st.sampled_from(VOCAB), st.floats(0, 30), st.floats(0, 2), st.sampled_from(["A", "B"])),
                min_size=1, max_size=30),
       st.booleans())
def test_any_word_times_give_valid_captions(words, same_text):
    source = [{"word": w, "start": s, "end": s + d, "speaker": sp} for w, s, d, sp in words]
    t = check(parse_word_list, source, "w.json")
    if t is None:
        return
    text = " ".join(w for w, *_ in words) if same_text else "The river kept changing. We started in spring."
    rules = CaptionRules()
    try:
        result = make_captions(t, parse_clean_text(text), rules, force=True)
    except CaptionsError as exc:
        assert "\n" not in str(exc)
        return
    caps = result.captions
    assert all(c.start_ms < c.end_ms for c in caps)
    assert all(a.end_ms <= b.start_ms for a, b in zip(caps, caps[1:]))
