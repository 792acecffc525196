"""The TRANSCRIPT argument: which kind of timing source a file is, decided by its content.

In order (the file's name only sharpens an error, it never decides):

1. ZIP bytes (``PK\\x03\\x04``): a Word document, Rev's DOCX export (`rev_docx`). A ZIP without
   ``word/document.xml`` is refused, and so is an old binary ``.doc``.
2. Text (any encoding `decoding.decode` reads) that opens like JSON (``{"``, ``[{``, ``[[``, ``["``,
   ``[]``): Rev API or editor JSON (``"monologues"``, ``"spans"``), Whisper/WhisperX
   (``"segments"``), AssemblyAI, Deepgram, AWS Transcribe or Google Speech-to-Text JSON, a word
   list (a list of objects with ``start`` and ``end``, or under ``"words"``); other JSON is refused
   naming what was expected (`vendor_json`).
3. A ``WEBVTT`` header: WebVTT captions (`cues`).
4. A cue timing (``00:00:01,000 --> 00:00:04,000``) as the first or second line of the first
   block: SRT captions.
5. A first line ``0:00:01.000,0:00:04.000``: YouTube SBV captions.
6. Anything else: a Rev transcript, read by `parse_rev` exactly as before.

Each kind is held to its size limit (`decoding.LIMITS`) before it is parsed.
"""
from __future__ import annotations

import re
from pathlib import Path

from ...errors import CaptionsError, InputError
from ...model import Transcript
from .cues import is_timing_line, parse_cue_source
from .vendor_json import load_json, parse_json_transcript
from .rev import parse_rev
from .rev_docx import parse_rev_docx
from ..decoding import check_size, check_zip, decode, read_file_bytes

ZIP_SIGNATURE = b"PK\x03\x04"
KINDS = ("docx", "json", "vtt", "srt", "sbv", "rev")
_VTT_HEADER = re.compile(r"WEBVTT(?=[ \t\n]|\Z)")
# A bracket alone is not enough: a Rev text may open with "[Music]", "[00:00:01]" or "{music}".
_JSON_START = re.compile(r"\{\s*[\"}]|\[\s*[\[{\"\]]")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc, .xls: Office files before 2007
# What a name promises, for a better error when the content is none of the kinds above.
_PROMISED = {".json": "JSON", ".srt": "SRT captions", ".vtt": "WebVTT captions", ".webvtt": "WebVTT captions",
             ".sbv": "SBV captions", ".docx": "a Word document"}


def detect_text_kind(text: str) -> str:
    """``json``, ``vtt``, ``srt``, ``sbv`` or ``rev`` for a decoded transcript text."""
    body = text.lstrip("\ufeff \t\n")
    if _JSON_START.match(body):
        return "json"
    if _VTT_HEADER.match(body):
        return "vtt"
    head = body.split("\n", 2)[:2] + [""]
    if is_timing_line(head[0], "sbv"):
        return "sbv"
    if is_timing_line(head[0], "srt") or (head[0].strip().isdigit() and is_timing_line(head[1], "srt")):
        return "srt"
    return "rev"


def detect_kind(data: bytes, path: str = "<transcript>") -> str:
    """The kind of a transcript file's bytes: one of `KINDS`."""
    if data.startswith(ZIP_SIGNATURE):
        return "docx"
    _refuse_old_office(data, path)
    text, _ = decode(data, path)
    return detect_text_kind(text)


def parse_transcript_bytes(data: bytes, path: str = "<transcript>") -> Transcript:
    """A `Transcript` from a timing source's bytes, whatever its kind; each kind's size limit
    (`decoding.LIMITS`) is checked before it is parsed."""
    if data.startswith(ZIP_SIGNATURE):
        check_size(len(data), "docx", path)
        check_zip(data, path)
        return parse_rev_docx(data, path)
    _refuse_old_office(data, path)
    text, warnings = decode(data, path)
    check_size(len(data), detect_text_kind(text), path)
    transcript = parse_transcript_text(text, path)
    if warnings:
        transcript = Transcript(transcript.words, transcript.turns, transcript.anchors,
                                tuple(warnings) + transcript.warnings)
    return transcript


def _refuse_old_office(data: bytes, path: str) -> None:
    if data.startswith(OLE_SIGNATURE):
        raise InputError("this is an old Word (.doc) or other Office file; save it as .docx or .txt", path)


def parse_transcript_text(text: str, path: str = "<transcript>") -> Transcript:
    """A `Transcript` from a timing source's text: JSON, WebVTT, SRT, SBV or Rev."""
    kind = detect_text_kind(text)
    if kind == "json":
        return parse_json_transcript(load_json(text.lstrip("\ufeff"), path), path)
    if kind in ("vtt", "srt", "sbv"):
        return parse_cue_source(text, kind, path)
    try:
        return parse_rev(text, path)
    except CaptionsError as exc:
        promised = _PROMISED.get(Path(path).suffix.lower())
        if promised and exc.line is None:
            raise InputError(f"named like {promised} but it is not: no {_expected(promised)} found, "
                             "and it is not a Rev transcript either", path) from None
        raise


def _expected(promised: str) -> str:
    if promised == "JSON":
        return "JSON object or list"
    if promised == "a Word document":
        return "ZIP/.docx content"
    if promised == "SBV captions":
        return "'0:00:01.000,0:00:04.000' cue timings"
    return "WEBVTT header" if promised.startswith("WebVTT") else "'00:00:01,000 --> 00:00:04,000' cue timings"


def read_transcript(path: str | Path) -> Transcript:
    """Read a timing source: Rev text or DOCX, Rev JSON, Whisper JSON, a word list, SRT, WebVTT
    or SBV, told apart by content (see the module doc)."""
    name = str(path)
    return parse_transcript_bytes(read_file_bytes(path), name)
