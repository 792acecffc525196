"""Every file format the tool reads or writes, in one table: its names, how to recognise it, its
reader and writer, and what it can carry.

`make` writes with the ``write`` entries (`captions.writers`) and reads its TRANSCRIPT with the
``timing`` ones, told apart by ``sniff`` (`readers.timing.detect`); ``check``, ``convert`` and
``shift`` read the ``caption_file`` formats back (`readers.caption_files`); ``convert`` keeps the
markup a target ``carries`` and names the rest. Readers, writers and sniffs are named
``"module:function"`` and imported on first use, so a run loads only the ones it uses.

| name | extensions | make reads | make writes | check, convert, shift read |
| --- | --- | --- | --- | --- |
| ``srt`` | .srt | yes | yes | yes |
| ``vtt`` | .vtt .webvtt | yes | yes | yes |
| ``ttml`` | .ttml .dfxp .xml | | yes | |
| ``itt`` | .itt | | yes (frames) | |
| ``sbv`` | .sbv | yes | yes | |
| ``ass`` | .ass | | yes | |
| ``json`` | .json | yes (vendor JSON) | yes | |
| ``fcpxml`` | .fcpxml | | yes (frames, timeline start) | |
| ``scc`` | .scc | | yes (its own 29.97 frames) | |
| ``stl`` | .stl | | yes (frames, bytes) | |
| ``docx`` | .docx | yes (Rev's export, bytes) | | |
| ``rev`` | .txt | yes (anything no sniff claims) | | |
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from pathlib import Path

_PLAIN = frozenset({"voice"})     # the text alone; a voice survives as a ``NAME:`` label


@dataclass(frozen=True, slots=True)
class Format:
    """One format. Markup kinds in ``carries`` are `markup.KIND_NAMES`'s."""

    name: str
    title: str                        # as messages name it: "WebVTT"
    extensions: tuple[str, ...]       # with the dot; the others than ``.name`` are aliases of the name
    write: str = ""                   # "module:function" in captions.writers: captions -> text or bytes
    timing: str = ""                  # "module:function": (text, or bytes if binary, path) -> Transcript
    sniff: str = ""                   # "module:function": does this content (text stripped, or bytes) look like it
    named: str = ""                   # a misnamed timing source's refusal: "named like SRT captions"
    expect: str = ""                  # ... "but no '00:00:01,000 --> 00:00:04,000' cue timings found"
    caption_file: bool = False        # read back as captions by check, convert and shift
    carries: frozenset[str] = _PLAIN  # markup kept when convert writes it
    voice_tags: bool = False          # shows voices itself (WebVTT <v Name>): convert writes no NAME: labels
    takes_fps: bool = False           # counts in frames of the delivery rate: its writer takes the rules' fps
    timeline_start: bool = False      # records the timeline's start (FCPXML tcStart): its writer takes it
    binary: bool = False              # bytes, not text

    @property
    def styled(self) -> bool:
        """Written with markup by convert (not as plain text)."""
        return self.carries != _PLAIN


_TIMING = "captions.readers.timing"
FORMATS: tuple[Format, ...] = (
    Format("srt", "SRT", (".srt",), "srt:format_srt", f"{_TIMING}.cues:parse_srt_source", f"{_TIMING}.detect:sniff_srt",
           "SRT captions", "'00:00:01,000 --> 00:00:04,000' cue timings", caption_file=True,
           carries=frozenset({"i", "b", "u", "s", "color", "voice", "ass"})),
    Format("vtt", "WebVTT", (".vtt", ".webvtt"), "vtt:format_vtt", f"{_TIMING}.cues:parse_vtt_source",
           f"{_TIMING}.detect:sniff_vtt", "WebVTT captions", "WEBVTT header", caption_file=True,
           carries=frozenset({"i", "b", "u", "color", "class", "voice", "time"}), voice_tags=True),
    Format("ttml", "TTML", (".ttml", ".dfxp", ".xml"), "ttml:format_ttml"),
    Format("itt", "iTT", (".itt",), "itt:format_itt", takes_fps=True),
    Format("sbv", "SBV", (".sbv",), "sbv:format_sbv", f"{_TIMING}.cues:parse_sbv_source", f"{_TIMING}.detect:sniff_sbv",
           "SBV captions", "'0:00:01.000,0:00:04.000' cue timings"),
    Format("ass", "ASS", (".ass",), "ass:format_ass",
           carries=frozenset({"i", "b", "u", "s", "color", "voice", "ass"})),
    Format("json", "JSON", (".json",), "jsonfmt:format_json", f"{_TIMING}.vendor_json:parse_json_text",
           f"{_TIMING}.detect:sniff_json", "JSON", "JSON object or list"),
    Format("fcpxml", "FCPXML", (".fcpxml",), "fcpxml:format_fcpxml", takes_fps=True, timeline_start=True),
    Format("scc", "SCC", (".scc",), "scc:format_scc"),
    Format("stl", "EBU-STL", (".stl",), "stl:format_stl", takes_fps=True, binary=True),
    Format("docx", "Rev DOCX", (".docx",), timing=f"{_TIMING}.rev_docx:parse_rev_docx",
           sniff=f"{_TIMING}.detect:sniff_docx", named="a Word document", expect="ZIP/.docx content", binary=True),
    Format("rev", "Rev transcript", (".txt",), timing=f"{_TIMING}.rev:parse_rev"),
)
BY_NAME = {f.name: f for f in FORMATS}
# A name or extension (no dot, any case) -> the format: "webvtt", "dfxp" and "xml" are aliases.
_LOOKUP = {**{ext.lstrip("."): f for f in FORMATS for ext in f.extensions}, **BY_NAME}
WRITABLE = tuple(f.name for f in FORMATS if f.write)
TIMING = tuple(f for f in FORMATS if f.timing)
CAPTION_FILES = tuple(f.name for f in FORMATS if f.caption_file)


def find(name: str) -> Format | None:
    """The format a name or extension names (``"vtt"``, ``"WebVTT"``, ``".dfxp"``), or None."""
    return _LOOKUP.get(name.lower().lstrip("."))


def by_extension(path: str | Path) -> Format | None:
    """The format a file's extension names, or None."""
    suffix = Path(path).suffix
    return find(suffix) if suffix else None


@cache
def load(ref: str, package: str = "") -> Callable:
    """The function a ``"module:function"`` entry names (modules relative to ``package``)."""
    module, function = ref.split(":")
    return getattr(import_module(f"{package}.{module}" if package else module), function)


def help_text(role: str) -> str:
    """The formats of a role for help text: ``"write"`` gives their extensions (``.srt .vtt
    .ttml .dfxp ...``), ``"names"`` the names ``--format`` takes (``srt, vtt, ...``), ``"timing"``
    and ``"caption_file"`` their titles (``SRT, WebVTT``)."""
    if role == "write":
        return " ".join(ext for f in FORMATS if f.write for ext in f.extensions)
    if role == "names":
        return ", ".join(WRITABLE)
    if role == "timing":
        return ", ".join(f.title for f in TIMING)
    if role == "caption_file":
        return " or ".join(BY_NAME[name].title for name in CAPTION_FILES)
    raise ValueError(f"unknown role {role!r}; use write, names, timing or caption_file")
