"""The clean text: an edited version of the recording, as a blog post or article copies it.

It comes as plain text, Markdown, a Word document (.docx) or a saved web page (.html); each format
is first turned into plain lines of the same shape as a blog post copied as text (one paragraph or
author's line a line, blank lines between blocks, speaker lines as ``Name:``), and those lines go
through `parse_clean_text`, so every rule below applies to every format alike
(`captions.readers.clean.markdown`, `captions.readers.clean.docx`, `captions.readers.clean.html`).

Lines are kept as the author broke them (good caption boundaries). Speaker lines are taken out
and carried as each line's speaker: ``James Clayton:`` alone on a line, or ``NAME: text`` at the
start of a paragraph when NAME is used as a label more than once, is ``Speaker 2`` or in
capitals, or is name-like in a document that puts speaker names on lines of their own. An edited
copy of the transcript itself works too: its turn headers (``Speaker 1 (00:31):``) are speaker
lines and its timed tags (``[inaudible 00:07:06]``) are dropped. Markup (``<laugh>``, ``<i>``)
is taken out and a line of punctuation alone (``....``, ``* * *``) skipped: neither is ever
caption text. Sound descriptions (``(Applause)``, ``[laughs]``, ``♫ ... ♫``) stay: `segment`
gives them captions of their own. Lines in another script than
the transcript's (page furniture in another language) are set aside here; everything else that
is not speech is found by alignment.
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import NamedTuple

from ...errors import InputError, TextError
from ...model import CleanText, TextLine
from ..timing.rev import SPEECH_TAG_LABELS, STAMP, turn_header
from .html_detect import looks_like_html, starts_with_tag
from ..decoding import check_size, check_zip, decode, read_file_bytes

_LABEL = re.compile(
    r"^\s*(?P<name>(?:[A-Z][\w.'’\-]*|\d+|[A-Z]\.)(?:\s+(?:[A-Z][\w.'’\-]*|\d+|[a-z]{1,3}\s+[A-Z][\w'’\-]*)){0,4})"
    r"\s*[:：]\s*(?P<rest>.*)$"
)
# Single words that head a sentence with a colon far more often than they name a speaker.
_NOT_NAMES = {"note", "update", "editor", "source", "photo", "image", "video", "watch", "read", "related",
              "tags", "tag", "posted", "share", "comments", "comment", "subscribe", "advertisement",
              "warning", "example", "summary", "transcript", "and", "but", "so", "the", "this", "that"}


# Markup left in a plain text (``<laugh>``, ``<i>``, ``</b>``, ``<br/>``): never caption text.
_MARKUP = re.compile(r"</?[A-Za-z][\w:-]{0,30}(?:\s[^<>]{0,200})?/?>")

# Rev's timed tags, as an edited copy of a transcript keeps them; other brackets with a time in
# them ("[John 3:16]", "[10:30]") are the author's text.
_REV_TAG = re.compile(rf"\[\s*{SPEECH_TAG_LABELS}[\s,]*{STAMP}\s*\]", re.I)


def _turn_headers(raw_lines: list[str]) -> list[tuple[str, str] | None]:
    """Each line's transcript turn header, as an edited copy of the transcript keeps them:
    (speaker, text after it). Only in a document with two or more, and only with a name for a
    speaker, so a sentence that happens to hold a bracketed time ("We met at the station
    (10:45): ...") stays text."""
    headers: list[tuple[str, str] | None] = []
    for raw in raw_lines:
        m = turn_header(raw)
        name = m.group("name").strip() if m else ""
        ok = m and name.lower() not in _NOT_NAMES and (_name_like(name) or _is_speaker_style(name))
        headers.append((name, " ".join(m.group("rest").split())) if ok else None)
    return headers if sum(h is not None for h in headers) >= 2 else [None] * len(raw_lines)


def _label(line: str) -> tuple[str, str] | None:
    m = _LABEL.match(line)
    if not m:
        return None
    name = m.group("name").strip()
    if name.lower() in _NOT_NAMES or len(name) > 40:
        return None
    return name, m.group("rest").strip()


def _is_speaker_style(name: str) -> bool:
    return bool(re.fullmatch(r"Speaker\s*\d+", name)) or (name.isupper() and len(name) > 1)


def dominant_script(text: str) -> str:
    """The Unicode script most letters of the text are written in ('LATIN', 'CJK', ...)."""
    if text[:200_000].isascii():
        return "LATIN"
    counts = Counter(_script(ch) for ch in text[:200_000] if ch.isalpha())
    return counts.most_common(1)[0][0] if counts else "LATIN"


def _script(ch: str) -> str:
    if ch < "\u0250":                      # Basic Latin to Latin Extended-B: no lookup needed
        return "LATIN"
    try:
        return unicodedata.name(ch).split()[0]
    except ValueError:
        return "UNKNOWN"


def parse_clean_text(text: str, path: str = "<text>", script: str | None = "LATIN",
                     numbers: Sequence[int] | None = None, speakers: Sequence[str] = ()) -> CleanText:
    """Split the clean text into spoken lines with their block and speaker.

    ``script`` is the transcript's writing system; lines mostly in another script are set aside
    with a warning. ``None`` keeps every script. ``numbers`` gives each line of ``text`` the line
    number to report (the line of a web page or Markdown file the text came from); by default
    lines are numbered from 1. ``speakers`` are the transcript's speaker names: a ``Name:`` that
    matches one of them (``Elon:`` for ``Elon Musk``) is a label even where it is used once.
    """
    raw_lines = text.split("\n")
    labels = [lab for lab in map(_label, raw_lines) if lab]
    label_counts = Counter(name for name, _ in labels)
    known = _speaker_words(speakers)
    # A document that names a speaker on a line of its own, or opens paragraphs with a recurring
    # or known speaker's name, uses labels: there, any name-like "Name: text" starting a paragraph
    # is one too, even if that speaker talks only once.
    labelled = any(_name_like(name) and (not rest or label_counts[name] >= 2 or _is_known(name, known))
                   for name, rest in labels)
    headers = _turn_headers(raw_lines)
    lines: list[TextLine] = []
    warnings: list[str] = []
    speaker: str | None = None
    block = 0
    paragraph_start = True
    for index, raw in enumerate(raw_lines):
        number = numbers[index] if numbers is not None and index < len(numbers) else index + 1
        line = " ".join(raw.split())
        if not line:
            paragraph_start = True
            continue
        if headers[index]:
            speaker, line = headers[index]
            block, paragraph_start = block + 1, True
        if "[" in line:
            line = " ".join(_REV_TAG.sub(" ", line).split())
        if "<" in line:
            # A closing tag goes with the word before it ("friend</i>."), any other tag is a space.
            line = " ".join(_MARKUP.sub(lambda m: "" if m.group().startswith("</") else " ", line).split())
        if not line or not any(ch.isalnum() for ch in line) and not _MUSIC.search(line):
            continue                       # markup or punctuation alone ("....", "* * *") is no caption
        label = _label(line)
        if label:
            name, rest = label
            if not rest and _name_like(name):
                speaker, block, paragraph_start = name, block + 1, True
                continue
            if rest and paragraph_start and (label_counts[name] >= 2 or _is_speaker_style(name)
                                             or _is_known(name, known)
                                             or (labelled and _name_like(name) and len(name.split()) <= 3)):
                speaker, block = name, block + 1
                line = rest
        if paragraph_start and lines and lines[-1].block == block:
            block += 1
        paragraph_start = False
        if script and _foreign(line, script):
            warnings.append(f"{path}:{number}: dropped, not in the transcript's script: {preview(line)}")
            continue
        lines.append(TextLine(line, number, block, speaker))
    if not lines:
        raise TextError("no text lines found", path)
    return CleanText(tuple(lines), tuple(warnings))


_MUSIC = re.compile("[♪♫]")


def _speaker_words(speakers: Sequence[str]) -> list[frozenset[str]]:
    """Each transcript speaker's name as a set of casefolded words."""
    return [frozenset(name.casefold().split()) for name in dict.fromkeys(speakers) if name.strip()]


def _is_known(name: str, known: list[frozenset[str]]) -> bool:
    """A label that names a transcript speaker, whole or in part (``Elon`` or ``Musk`` for
    ``Elon Musk``); ``Speaker 1`` style names only whole."""
    words = frozenset(name.casefold().split())
    return bool(words) and any(words == k or (words < k and not _is_speaker_style(name)) for k in known)


def _name_like(name: str) -> bool:
    words = name.split()
    return 1 <= len(words) <= 5 and sum(w[:1].isupper() or w[:1].isdigit() for w in words) >= len(words) - 1


def _foreign(line: str, script: str) -> bool:
    if line.isascii():                     # every ASCII letter is Latin: no need to look each up
        return script != "LATIN" and any(ch.isalpha() for ch in line)
    letters = [ch for ch in line if ch.isalpha()]
    if not letters:
        return False
    same = sum(1 for ch in letters if _script(ch) == script)
    return same < len(letters) / 2


def preview(text: str, width: int = 40) -> str:
    text = " ".join(text.split())
    return repr(text if len(text) <= width else text[: width - 1] + "…")


TEXT_FORMATS = ("text", "markdown", "html", "docx")
_EXTENSIONS = {".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
               ".mkdn": "markdown", ".html": "html", ".htm": "html", ".xhtml": "html", ".docx": "docx"}
_ZIP = b"PK\x03\x04"
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"   # Word 97-2003 .doc and other old Office files
_TAGS = re.compile(r"<[A-Za-z!/]")


def text_format(path: str | Path, content: bytes | str = "") -> str:
    """The format of a clean-text file: 'docx', 'html', 'markdown' or 'text'.

    The content decides where that is cheap, so a wrong extension still works: a ZIP archive is
    read as a Word document, text starting with ``<!doctype html`` or ``<html`` as a web page (and
    so is text starting with a tag like ``<div>`` or ``<p>``, unless the name says Markdown, which
    may start so), a ``.html`` file with no tag in it as plain text. Otherwise the extension
    decides: ``.md`` ``.markdown`` (Markdown), ``.html`` ``.htm`` (a web page), ``.docx``;
    anything else is text.
    """

    by_name = _EXTENSIONS.get(Path(str(path)).suffix.lower(), "text")
    if isinstance(content, bytes):
        if content.startswith(_ZIP):
            return "docx"
        # Enough of the head for a sniff, whatever the encoding (UTF-16's NULs taken out).
        content = content[:4096].replace(b"\x00", b"").decode("utf-8", errors="ignore")
    if content and (looks_like_html(content) or (by_name != "markdown" and starts_with_tag(content))):
        return "html"
    if by_name == "docx" and content:
        return "text"   # not a ZIP archive, so not really a .docx: read what it holds
    if by_name == "html" and content and not _TAGS.search(content):
        return "text"   # no tag at all: plain text saved under a web page's name
    return by_name


class PlainText(NamedTuple):
    """A clean-text file as plain lines for `parse_clean_text`."""

    text: str                      # one paragraph or author's line a line, blank lines between blocks
    warnings: tuple[str, ...]      # from reading (damaged bytes and the like)
    format: str                    # 'text', 'markdown', 'html' or 'docx'
    numbers: tuple[int, ...] | None = None   # each line's number in the file, where not 1, 2, 3 ...


def _refuse_timed_text(text: str, name: str) -> None:
    """Captions or a word-timed JSON given as the clean text are a mix-up: they say when words were
    spoken, so they belong in the TRANSCRIPT place (retiming), not in the captions' text."""
    from ..timing.detect import detect_text_kind

    kind = detect_text_kind(text)
    if kind != "rev":
        raise TextError(f"this is a {kind.upper()} timing file, not a clean text; give it as the "
                        "TRANSCRIPT (first argument) to time the clean text from it", name)


def read_plain_text(path: str | Path) -> PlainText:
    """A clean-text file of any format (see `text_format`) as plain lines. Errors are
    `InputError` naming the file."""
    name = str(path)
    data = read_file_bytes(path)
    fmt = text_format(path, data)   # the head tells a .docx; the decoded text tells the rest
    check_size(len(data), fmt, name)
    if fmt == "docx":
        from .docx import docx_to_text

        check_zip(data, name)
        return PlainText(docx_to_text(data, name), (), fmt)
    if data.startswith(_OLE):
        raise InputError("this is a Word 97-2003 (.doc) or password-protected Office file; save it "
                         "unprotected as .docx, .txt, .md or .html", name)
    if data.lstrip().startswith(b"{\\rtf"):
        raise InputError("this is an RTF document; save it as .docx, .txt, .md or .html", name)
    text, warnings = decode(data, name)
    _refuse_timed_text(text, name)
    fmt = text_format(path, text)
    if fmt == "html":
        from .html import html_lines

        lines = html_lines(text, name)
    elif fmt == "markdown":
        from .markdown import markdown_lines

        lines = markdown_lines(text)
    else:
        return PlainText(text, tuple(warnings), fmt)
    return PlainText("\n".join(line for _, line in lines), tuple(warnings), fmt,
                     tuple(number for number, _ in lines))


def read_clean_text(path: str | Path, script: str | None = "LATIN", speakers: Sequence[str] = ()) -> CleanText:
    """Read a clean text (plain text, Markdown, .docx or a saved web page; see `text_format`)
    into its spoken lines with their blocks and speakers. Line numbers are the file's for text,
    Markdown and HTML (where the line's text starts in the page's source), and lines of the
    extracted text for .docx."""
    plain = read_plain_text(path)
    if not plain.text.strip():
        what = {"html": "no article text in the web page", "docx": "no text in the Word document",
                "markdown": "no text in the Markdown file"}.get(plain.format, "no text lines found")
        raise TextError(what, str(path))
    clean = parse_clean_text(plain.text, str(path), script, plain.numbers, speakers)
    return CleanText(clean.lines, plain.warnings + clean.warnings) if plain.warnings else clean
