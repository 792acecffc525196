"""Properties over the STRUCTURE of caption files, Rev transcripts and JSON, not only their bytes:
huge lines, long runs of one character, tags nested deep inside cue text, many cues, many
``-->``, JSON nested deep. Every reader gives a result or a one-line CaptionsError, never another
exception, and in bounded time. CAPTIONS_FUZZ_EXAMPLES sets the number of examples."""
from __future__ import annotations


from hypothesis import example, given, strategies as st

from captions.errors import CaptionsError
from captions.readers import parse_json_transcript, parse_transcript_bytes
from captions.readers.timing.vendor_json import load_json
from captions.readers.decoding import CAPTION_LINE_LIMIT
from captions.readers.caption_files import parse_captions

from conftest import fuzz_settings, within_cpu
from test_sources_fuzz import JSON_VALUES, check

BOUND_S = 2.0
TEXT_BOUND = 500_000    # characters of cue text a drawn file stops growing past (a day of SRT is 1.2 MB)
# Characters that open, close or separate something in one of the formats.
SPECIAL = list("<>{}\\[]&;:.,-> \t0a♪/v#") + ["-->", "<c>", "</c>", "<v A>", "</v>", "<i>", "{\\an8}",
                                             "<00:00:01.500>", "&amp;", "[Music]", ">>", "\u00a0"]
RUN = st.builds(lambda piece, n: piece * n, st.sampled_from(SPECIAL),
                st.one_of(st.integers(1, 50), st.integers(50, 3000), st.integers(CAPTION_LINE_LIMIT - 50,
                                                                                 CAPTION_LINE_LIMIT + 50)))
NESTED = st.builds(lambda tag, depth, word: f"<{tag}>" * depth + word + f"</{tag.split()[0].split('.')[0]}>" * depth,
                   st.sampled_from(["i", "b", "c.colorE5E5E5", "v Ann", "u", "font color=red", "ruby", "lang en"]),
                   st.integers(1, 2000), st.sampled_from(["word", "An", "", "x y"]))
GLUED = st.lists(st.tuples(st.integers(0, 59_999), st.sampled_from(["d", " the", "he", " ", "", "t"])),
                 max_size=40).map(lambda ps: "".join(f"<00:00:{t // 1000:02d}.{t % 1000:03d}><c>{p}</c>" for t, p in ps))
PIECE = st.one_of(RUN, NESTED, GLUED, st.sampled_from(SPECIAL), st.text(max_size=20))
LINE = st.lists(PIECE, min_size=1, max_size=6).map("".join)


def stamp(ms: int, fmt: str) -> str:
    h, m, s, f = ms // 3_600_000, ms // 60_000 % 60, ms // 1000 % 60, ms % 1000
    return f"{h}:{m:02d}:{s:02d}.{f:03d}" if fmt == "sbv" else f"{h:02d}:{m:02d}:{s:02d}{',' if fmt == 'srt' else '.'}{f:03d}"


@st.composite
def caption_files(draw, fmt: str) -> str:
    """A caption file of ``fmt`` whose cues hold structured lines; sometimes many cues, sometimes
    lines of ``-->``, a STYLE block or cue settings as long as a line may be."""
    out = ["WEBVTT", ""] if fmt == "vtt" else []
    if fmt == "vtt" and draw(st.booleans()):
        out += ["STYLE", draw(LINE), ""]
    many = draw(st.sampled_from([1, 3, 400]))
    lines = draw(st.lists(LINE, min_size=1, max_size=4))
    t = size = 0
    for k in range(draw(st.integers(1, many))):
        if size > TEXT_BOUND:
            break     # the bound is on time for a file of a real caption file's size
        start, t = t, t + draw(st.integers(0, 5000))
        if fmt == "sbv":
            out.append(f"{stamp(start, fmt)},{stamp(t, fmt)}")
        else:
            if fmt == "srt":
                out.append(str(k + 1))
            out.append(f"{stamp(start, fmt)} --> {stamp(t, fmt)}" + draw(st.sampled_from(["", " align:start", " " + "-->" * 50])))
        cue = lines if k % 7 else [draw(LINE)]
        out += cue + [""]
        size += sum(map(len, cue))
    return "\n".join(out)


FORMATS = st.sampled_from(["srt", "vtt", "sbv"])


@fuzz_settings(60)
@given(FORMATS.flatmap(lambda f: st.tuples(st.just(f), caption_files(f))))
def test_structured_caption_files_as_timing_sources(case):
    fmt, text = case
    within_cpu(BOUND_S, lambda: check(parse_transcript_bytes, text.encode(), f"f.{fmt}"))


@fuzz_settings(60)
@given(st.sampled_from(["srt", "vtt"]).flatmap(lambda f: st.tuples(st.just(f), caption_files(f))))
def test_structured_caption_files_for_check_and_convert(case):
    fmt, text = case
    captions = within_cpu(BOUND_S, parse_captions, text, None, f"f.{fmt}")
    if captions is not None:
        assert all(c.start_ms <= c.end_ms and all(line.strip() for line in c.lines) for c in captions)


@fuzz_settings(60)
@given(st.lists(st.one_of(LINE, st.sampled_from(["Ann (00:01:02):", "Bo: (01:03)", "[inaudible 00:00:05]"])),
                min_size=1, max_size=8))
@example(["[inaudible 00:00:05]", "x"])   # a turn opening with a timed tag: one anchor on its word
def test_structured_rev_transcripts(lines):
    text = "Speaker 1 (00:01):\n" + "\n".join(lines)
    within_cpu(BOUND_S, lambda: check(parse_transcript_bytes, text.encode(), "f.txt"))


DEEP = st.builds(lambda opener, depth: opener * depth + "1" + {"[": "]", '{"a":': "}"}[opener] * depth,
                 st.sampled_from(["[", '{"a":']), st.one_of(st.integers(1, 100), st.integers(100, 100_000)))
SLOTS = ['{{"monologues": {x}}}', '{{"monologues": [{{"speaker": {x}, "elements": []}}]}}',
         '{{"monologues": [{{"elements": [{{"type": "text", "value": {x}, "ts": 1}}]}}]}}',
         '{{"segments": [{{"start": {x}, "end": 2, "text": "hi"}}]}}', '{{"segments": [{{"words": {x}}}]}}',
         '{{"words": [{{"word": "hi", "start": {x}}}]}}', '[{{"word": {x}, "start": 1, "end": 2}}]', "{x}",
         '{{"speakers": {x}, "spans": []}}', '{{"results": {{"channels": {x}}}}}', '{{"results": {{"items": [{x}]}}}}',
         '{{"results": [{{"alternatives": {x}}}]}}', '{{"audio_duration": 1, "words": [{{"text": "a", "start": {x}}}]}}']


@fuzz_settings(60)
@given(st.sampled_from(SLOTS), DEEP)
def test_deeply_nested_json(slot, deep):
    text = slot.format(x=deep)
    within_cpu(BOUND_S, lambda: check(parse_transcript_bytes, text.encode(), "f.json"))
    try:
        data = load_json(text, "f.json")
    except CaptionsError:
        return
    within_cpu(BOUND_S, lambda: check(parse_json_transcript, data, "f.json"))


# The vendors' shapes with any JSON where their parts go.
VENDOR = [
    lambda x: {"speakers": x, "monologues": [{"speaker": 0, "spans": x}]},
    lambda x: {"spans": [{"value": "a", "ts": 1, "endTs": x, "speaker": x}]},
    lambda x: {"audio_duration": 1, "words": x, "utterances": [{"words": x}]},
    lambda x: {"audio_duration": 1, "words": [{"text": x, "start": x, "end": 5, "speaker": x}]},
    lambda x: {"results": {"channels": [{"alternatives": [{"words": x}]}]}},
    lambda x: {"results": {"channels": [{"alternatives": [{"words": [{"word": "a", "punctuated_word": x,
                                                                        "start": x, "end": 1, "speaker": x}]}]}]}},
    lambda x: {"results": {"items": x, "speaker_labels": {"segments": x}}},
    lambda x: {"results": {"items": [{"type": x, "start_time": x, "end_time": "1", "alternatives": [{"content": x}]}],
                           "speaker_labels": {"segments": [{"items": [{"start_time": x, "speaker_label": x}]}]}}},
    lambda x: {"results": [{"alternatives": [{"words": x}]}, {"alternatives": [{"words": x}]}]},
    lambda x: [{"alternatives": [{"words": [{"word": "a", "startTime": x, "endOffset": x, "speakerTag": x}]}]}],
]


@fuzz_settings(100)
@given(st.sampled_from(range(len(VENDOR))), JSON_VALUES)
def test_vendor_json_with_any_values_in_its_parts(shape, value):
    within_cpu(BOUND_S, lambda: check(parse_json_transcript, VENDOR[shape](value), "f.json"))
