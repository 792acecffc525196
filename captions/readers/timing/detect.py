"""The TRANSCRIPT argument: which kind of timing source a file is, decided by its content.

The kinds, their readers and their sniffs are the timing entries of `formats.FORMATS`; the
sniffs are here and exclude each other (the file's name only sharpens an error, it never
decides):

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
from ...formats import BY_NAME, TIMING, by_extension, load
from ...model import Transcript
from ..decoding import check_size, check_zip, decode, read_file_bytes
from .cues import is_timing_line

ZIP_SIGNATURE = b"PK\x03\x04"
KINDS = tuple(f.name for f in TIMING)
_VTT_HEADER = re.compile(r"WEBVTT(?=[ \t\n]|\Z)")
# A bracket alone is not enough: a Rev text may open with "[Music]", "[00:00:01]" or "{music}".
_JSON_START = re.compile(r"\{\s*[\"}]|\[\s*[\[{\"\]]")
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # .doc, .xls: Office files before 2007
# The kinds told apart by content, and the one (Rev text) that takes anything else.
_SNIFFED = tuple(f for f in TIMING if f.sniff and not f.binary)
_REST = next(f for f in TIMING if not f.sniff)


def sniff_docx(data: bytes) -> bool:
    return data.startswith(ZIP_SIGNATURE)


def sniff_json(body: str) -> bool:
    return bool(_JSON_START.match(body))


def sniff_vtt(body: str) -> bool:
    return bool(_VTT_HEADER.match(body))


def sniff_sbv(body: str) -> bool:
    return is_timing_line(body.split("\n", 1)[0], "sbv")


def sniff_srt(body: str) -> bool:
    """A cue timing as the first line, or as the second under a cue number."""
    head = body.split("\n", 2)[:2] + [""]
    return is_timing_line(head[0], "srt") or (head[0].strip().isdigit() and is_timing_line(head[1], "srt"))


def detect_text_kind(text: str) -> str:
    """The name of a decoded transcript text's timing format (`formats.TIMING`): the first whose
    sniff claims it (they exclude each other), else ``rev``."""
    body = text.lstrip("\ufeff \t\n")
    return next((f.name for f in _SNIFFED if load(f.sniff)(body)), _REST.name)


def detect_kind(data: bytes, path: str = "<transcript>") -> str:
    """The kind of a transcript file's bytes: one of `KINDS`."""
    if sniff_docx(data):
        return "docx"
    _refuse_old_office(data, path)
    text, _ = decode(data, path)
    return detect_text_kind(text)


def parse_transcript_bytes(data: bytes, path: str = "<transcript>") -> Transcript:
    """A `Transcript` from a timing source's bytes, whatever its kind; each kind's size limit
    (`decoding.LIMITS`) is checked before it is parsed."""
    if sniff_docx(data):
        check_size(len(data), "docx", path)
        check_zip(data, path)
        return load(BY_NAME["docx"].timing)(data, path)
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
    fmt = BY_NAME[detect_text_kind(text)]
    try:
        return load(fmt.timing)(text, path)
    except CaptionsError as exc:
        promised = by_extension(path)
        if fmt is _REST and promised and promised.named and exc.line is None:
            raise InputError(f"named like {promised.named} but it is not: no {promised.expect} found, "
                             "and it is not a Rev transcript either", path) from None
        raise


def read_transcript(path: str | Path) -> Transcript:
    """Read a timing source: Rev text or DOCX, Rev JSON, Whisper JSON, a word list, SRT, WebVTT
    or SBV, told apart by content (see the module doc)."""
    name = str(path)
    return parse_transcript_bytes(read_file_bytes(path), name)
